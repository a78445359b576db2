"""The Milvus store against a real Milvus standalone server (tests/milvus_server.py starts it on loopback and
stops it), by URI, as `RAG_MILVUS_URI` points a user's index at one: the same behaviour as Milvus Lite, plus
what only a server gives (several processes on one index; several indexes on one server)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from rag import index
from rag.build import build_index
from rag.engine import Engine
from rag.errors import RagError
from rag.retrieve import retrieve
from rag.stores.milvus import collection, owner_tag
from tests.fakes import ExtractiveLLM
from tests.milvus_server import milvus_server, server_collections
from tests.test_index_crash import _grow
from tests.test_milvus import _same_hits, three_versions

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ["flood killed people", "harbor festival visitors", "relief fund dollars", "dam rain Castell"]


@pytest.fixture
def on_server(settings, milvus_uri):
    return replace(settings, store="milvus", milvus_uri=milvus_uri)


def _named(s) -> set[str]:
    """The server collections the index's kept versions name."""
    import json

    segs: set[str] = set()
    for m in s.index_dir.glob("v-*/manifest.json"):
        segs |= set(json.loads(m.read_text())["segments"])
    return {collection(seg, owner_tag(s.index_dir)) for seg in segs}


def test_reindex_writes_only_changes_searches_live_rows_and_drops_unnamed_collections(on_server, embedder, corpus):
    ix = three_versions(on_server, embedder, corpus)
    try:
        assert ix.manifest["vector_store"] == "milvus" and len(ix.rows) == 3
        assert not any((on_server.index_dir / "segments").glob("*/milvus.db"))  # nothing of Milvus Lite
        assert any((ids < 0).any() for _, ids in ix.rows)  # dead copies exist and are filtered out
        _same_hits(ix, embedder.embed(QUERIES))
        _, ids = ix.store.search(embedder.embed(QUERIES), len(ix.chunks) + 5)
        assert {ix.chunks[i].doc for i in ids.ravel() if i >= 0} == set(ix.docs) and "harbor_times.txt" not in ix.docs
    finally:
        ix.store.close()
    assert server_collections(on_server.milvus_uri, on_server.index_dir) == _named(on_server)
    build_index(on_server, embedder, rebuild=True)  # every segment new: the older ones' collections go with them
    kept = server_collections(on_server.milvus_uri, on_server.index_dir)
    assert kept == _named(on_server) and len(kept) == 4  # 3 segments of the version kept before, 1 of the live one


def test_two_indexes_share_one_server_and_neither_collects_the_others(on_server, embedder, corpus, tmp_path):
    other = replace(on_server, index_dir=tmp_path / "other-index")
    build_index(other, embedder)
    theirs = server_collections(other.milvus_uri, other.index_dir)
    for _ in range(3):  # each rebuild makes new segments and collects the old ones
        build_index(on_server, embedder, rebuild=True)
    assert server_collections(other.milvus_uri, other.index_dir) == theirs
    assert server_collections(on_server.milvus_uri, on_server.index_dir) == _named(on_server)
    assert not theirs & server_collections(on_server.milvus_uri, on_server.index_dir)
    ix = index.load(other)
    try:
        _same_hits(ix, embedder.embed(QUERIES))
    finally:
        ix.store.close()


def test_several_processes_read_one_index_at_once(on_server, embedder):
    """What Milvus Lite cannot do (one process a file): the UI and a `rag ask` both open the index."""
    build_index(on_server, embedder)
    ix = index.load(on_server)
    try:
        code = ("from pathlib import Path; from rag import index; from rag.settings import Settings\n"
                "from tests.fakes import HashEmbedder\n"
                f"s = Settings.from_env(env={{}}, index_dir=Path({str(on_server.index_dir)!r}), store='milvus', "
                f"milvus_uri={on_server.milvus_uri!r})\n"
                "ix = index.load(s); _, ids = ix.store.search(HashEmbedder().embed(['flood killed people']), 3)\n"
                "print(sorted({ix.chunks[i].doc for i in ids[0] if i >= 0}))")
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr[-2000:]
        _, ids = ix.store.search(embedder.embed(["flood killed people"]), 3)
        assert out.stdout.strip() == str(sorted({ix.chunks[i].doc for i in ids[0] if i >= 0}))
    finally:
        ix.store.close()


def test_a_running_engine_keeps_answering_across_a_reindex(on_server, embedder, corpus):
    build_index(on_server, embedder)
    engine = Engine(on_server, embedder=embedder, llm=ExtractiveLLM())
    before = engine.index().version
    _grow(corpus, 20)
    errors: list[str] = []
    answered: list[bool] = []
    stop = threading.Event()

    def ask_loop() -> None:
        while not stop.is_set():
            try:
                answered.append(bool(retrieve("How many people did the flood kill?", engine.index(), embedder,
                                              on_server).passages))
            except Exception as e:  # noqa: BLE001 - any failure is what this test looks for
                errors.append(repr(e))

    t = threading.Thread(target=ask_loop)
    t.start()
    child = subprocess.run([sys.executable, "-m", "tests.index_child", str(corpus), str(on_server.index_dir), "milvus",
                            on_server.milvus_uri], cwd=ROOT, capture_output=True, text=True, timeout=300)
    time.sleep(0.5)
    stop.set()
    t.join()
    assert child.returncode == 0, child.stderr[-2000:]
    assert not errors and len(answered) > 5 and all(answered), errors[:3]
    assert engine.index().version == child.stdout.strip() != before
    a = engine.ask("How many people did the Riverton flood kill?")
    assert not a.abstained and any("Riverton" in c.quote for s in a.statements for c in s.citations)
    engine.index().store.close()


def test_a_server_stopped_mid_build_fails_it_clearly_and_the_previous_version_stays_live(settings, embedder,
                                                                                          corpus, tmp_path):
    folder = tmp_path / "own-server"
    with milvus_server(folder) as uri:
        s = replace(settings, store="milvus", milvus_uri=uri)
        build_index(s, embedder)
        old = (s.index_dir / "CURRENT").read_text()
        _grow(corpus, 40)
        child = subprocess.Popen([sys.executable, "-m", "tests.index_child", str(corpus), str(s.index_dir), "milvus",
                                  uri], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.0)  # the slow embedder takes seconds: the server goes while the build runs
    assert child.poll() is None, "the build ended before the server was stopped"
    _, err = child.communicate(timeout=300)
    assert child.returncode != 0 and "Milvus server" in err and "previous index is unchanged" in err, err[-2000:]
    assert (s.index_dir / "CURRENT").read_text() == old
    with pytest.raises(RagError, match="Milvus server"):  # no server: a clear error, not a hang
        index.load(s)
    with milvus_server(folder) as uri:  # the same server's data, started again (on another port)
        for attempt in range(3):  # a restarted 2.3.5 server may fail its first load while it recovers its
            try:  # data ("unrecoverable error" after ~40 s, seen in 2 of 4 full runs on 2026-12-04)
                ix = index.load(replace(s, milvus_uri=uri))
                break
            except RagError:
                if attempt == 2:
                    raise
        try:
            assert set(ix.docs) == {"river_gazette.txt", "valley_wire.md", "harbor_times.txt"}
            _same_hits(ix, embedder.embed(QUERIES))
        finally:
            ix.store.close()
