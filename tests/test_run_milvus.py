"""`RAG_STORE=milvus bash run.sh`, as a user runs it: the README's run command builds a Milvus Lite index of the
seeds and serves the UI; seed questions asked through the served UI (gradio_client) cite the same spans as
the same questions answered in-process over that index, with the same embedded model (the same store on both
sides: the check is of the run command and the served UI, not of the store's search)."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from rag.engine import Engine
from rag.settings import Settings
from tests.browser import free_port
from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ("How long had the siege of Deir ez-Zor city lasted?", "Who oversaw the Jrood al-Qalamoon agreement?")
CITE = re.compile(r'href="#rag-cite:([^":]+):(\d+):(\d+)"')


@pytest.mark.slow
def test_run_command_with_milvus_answers_with_the_same_citations_as_in_process(tmp_path):
    from gradio_client import Client

    port = free_port()
    env = {**os.environ, "RAG_STORE": "milvus", "RAG_INDEX_DIR": str(tmp_path / "milvus-index"),
           "RAG_UPLOADS_DIR": "", "RAG_UI_PORT": str(port)}
    log = open(tmp_path / "run.log", "w")
    server = subprocess.Popen(["bash", "run.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 300
        while True:
            assert server.poll() is None, (tmp_path / "run.log").read_text()[-3000:]
            try:
                if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "run.sh did not serve within 300 s"
            time.sleep(1)
        assert any((tmp_path / "milvus-index" / "segments").glob("s-*/milvus.db"))
        import app

        defaults = Settings()
        label = next(k for k, v in app.BACKENDS.items() if v == "llamacpp")
        options = [getattr(defaults, f) for f, _ in app.OPTIONS]
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        served = []
        for q in QUESTIONS:
            client.predict(q, label, defaults.read_articles, *options, api_name="/ask")
            job = client.submit(api_name="/answer")
            job.result()
            chat = job.outputs()[-1][0]
            content = chat[-1]["content"]  # the client may give the message as a list of parts
            text = content if isinstance(content, str) else " ".join(str(p.get("text", p)) if isinstance(p, dict)
                                                                      else str(p) for p in content)
            served.append(sorted(set(CITE.findall(text))))
    finally:
        server.terminate()
        server.wait(30)
    s = Settings.from_env(env={}, corpus_dir=SEEDS, index_dir=tmp_path / "milvus-index", uploads_dir=None,
                          store="milvus")
    engine = Engine(s)
    engine.warm_up()  # as the server does: the same saved prefix, so P(yes) is computed the same way (a
    # prompt evaluated in other batches moves it by ~0.01, enough to cross the threshold for a borderline article)
    for q, got in zip(QUESTIONS, served, strict=True):
        ans = engine.ask(q)
        want = sorted({(c.doc, str(c.start), str(c.end)) for _, c in _citations(ans)})
        assert got and got == want, (q, got, want)


def _citations(ans):
    for st in ans.statements:
        for c in st.citations:
            yield st, c
    for d in ans.disagreements:
        for side in d.sides:
            yield d, side
