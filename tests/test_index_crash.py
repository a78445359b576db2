"""Crash safety: SIGKILL the indexer at many moments; the index must be the old or the new one, whole.
Readers keep answering from the live version while a re-index runs."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from rag import index
from rag.build import build_index
from rag.retrieve import retrieve
from rag.stores.milvus import collection, owner_tag
from tests.fakes import HashEmbedder
from tests.milvus_server import server_collections

ROOT = Path(__file__).resolve().parents[1]


def _grow(corpus: Path, n: int) -> None:
    for k in range(n):
        body = " ".join(f"Sentence {j} about boats {k}." for j in range(12))
        (corpus / f"extra_{k:03d}.txt").write_text(f"Extra article {k}\n\nSource: Wire {k}\n\n{body}")


def _docs(settings) -> set[str]:
    """The live version's articles (it loads whole, or raises); its store is closed again (Milvus Lite
    files are opened by one process at a time)."""
    ix = index.load(settings)
    ix.store.close()
    return set(ix.docs)


@pytest.mark.parametrize("store", ["faiss", "milvus", "milvus-server"])
def test_sigkill_at_any_moment_leaves_old_or_new_index_whole(request, tmp_path, settings, embedder, corpus, store):
    uri = request.getfixturevalue("milvus_uri") if store == "milvus-server" else ""
    store = store.removesuffix("-server")
    settings = replace(settings, store=store, milvus_uri=uri)
    build_index(settings, embedder)
    old_docs = _docs(settings)
    _grow(corpus, 30)
    new_docs = old_docs | {f"extra_{k:03d}.txt" for k in range(30)}
    outcomes = []
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.1, 2.4, 2.7, 3.0, 3.3, 3.6):
        child = subprocess.Popen([sys.executable, "-m", "tests.index_child", str(corpus), str(settings.index_dir),
                                  store, uri], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        killed = child.poll() is None
        if killed:
            os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
        docs = _docs(settings)
        assert docs in (old_docs, new_docs), delay
        outcomes.append((delay, killed, "new" if docs == new_docs else "old"))
        if docs == new_docs:  # start over from the old state for the next kill point
            for k in range(30):
                (corpus / f"extra_{k:03d}.txt").unlink()
            build_index(settings, embedder)
            _grow(corpus, 30)
    assert any(o[1] and o[2] == "old" for o in outcomes)  # some kills landed mid-build
    print("kill outcomes (delay s, killed, index after):", outcomes)
    # a later build cleans up what killed builds left and completes
    r = build_index(settings, embedder)
    assert _docs(settings) == new_docs and r.version
    assert not list(settings.index_dir.glob(".tmp-*")) and not list(settings.index_dir.glob("segments/.tmp-*"))
    named = set()
    for m in settings.index_dir.glob("v-*/manifest.json"):
        named |= set(json.loads(m.read_text())["segments"])
    assert {p.name for p in (settings.index_dir / "segments").iterdir()} == named  # killed builds' segments collected
    if uri:  # and on the server, the collections of killed builds' segments
        tag = owner_tag(settings.index_dir)
        assert server_collections(uri, settings.index_dir) == {collection(s, tag) for s in named}


def test_queries_keep_working_during_a_reindex_and_see_the_new_version_after(settings, embedder, corpus):
    from rag.engine import Engine

    build_index(settings, embedder)
    engine = Engine(settings, embedder=HashEmbedder())
    before = engine.index().version
    _grow(corpus, 20)
    errors, answered = [], []
    stop = threading.Event()

    def ask_loop():
        while not stop.is_set():
            try:
                r = retrieve("How many people did the flood kill?", engine.index(), engine.embedder, settings)
                answered.append(bool(r.passages))
            except Exception as e:  # noqa: BLE001 - any failure is what this test looks for
                errors.append(repr(e))

    t = threading.Thread(target=ask_loop)
    t.start()
    child = subprocess.run([sys.executable, "-m", "tests.index_child", str(corpus), str(settings.index_dir)],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    time.sleep(0.2)
    stop.set()
    t.join()
    assert child.returncode == 0, child.stderr
    assert not errors and len(answered) > 5 and all(answered)
    assert engine.index().version == child.stdout.strip() != before
