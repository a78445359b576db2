"""The Milvus vector store, for real: Milvus Lite (pymilvus + milvus-lite) in files under the index."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from rag import index
from rag.build import build_index
from rag.engine import Engine
from rag.errors import IndexMismatch
from rag.settings import Settings
from rag.stores.faiss import FaissStore
from tests.conftest import SEEDS
from tests.fakes import ExtractiveLLM

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def milvus(settings):
    return replace(settings, store="milvus")


def _same_hits(ix, queries: np.ndarray, k: int = 5) -> None:
    """The Milvus store returns the ids and scores of exact search over the version's live vectors."""
    exact = FaissStore.build(ix.vectors, "flat")
    got_s, got_i = ix.store.search(queries, k)
    want_s, want_i = exact.search(queries, k)
    assert got_i.shape == want_i.shape and np.allclose(got_s, want_s, atol=1e-5)
    for gs, gi, ws, wi in zip(got_s, got_i, want_s, want_i, strict=True):
        # equal scores may come in any order, and ties at the k-th score may be cut either way
        assert {i for s, i in zip(gs, gi, strict=True) if s > ws[-1] + 1e-5} == \
            {i for s, i in zip(ws, wi, strict=True) if s > ws[-1] + 1e-5}


def three_versions(s, embedder, corpus):
    """Build, add an article, then remove one and change another; the last version's index, checked to have
    embedded only the changed article."""
    build_index(s, embedder)
    (corpus / "new.txt").write_text("Relief fund\n\nSource: Wire\n\nThe relief fund reached 60,000 dollars.")
    build_index(s, embedder)
    (corpus / "harbor_times.txt").unlink()
    (corpus / "river_gazette.txt").write_text("Flood update\n\nSource: River Gazette\n\nThe flood killed 16 people.\n")
    r = build_index(s, embedder)
    assert r.embedded_chunks == 1  # only the changed article was written again
    return index.load(s)


def test_segments_are_collections_and_a_version_searches_only_its_live_rows(milvus, embedder, corpus):
    ix = three_versions(milvus, embedder, corpus)
    try:
        assert ix.manifest["vector_store"] == "milvus" and ix.manifest["store"] == "milvus"
        segs = [p for p in (milvus.index_dir / "segments").iterdir() if (p / "milvus.db").exists()]
        assert len(segs) == 3 and len(ix.store) == len(ix.chunks)
        assert any((ids < 0).any() for _, ids in ix.rows)  # dead copies exist and are filtered out
        assert not any(hnsw for *_, hnsw in ix.store.parts)  # Lite: FLAT, exact, loaded without building a graph
        queries = embedder.embed(["flood killed people", "harbor festival visitors", "relief fund dollars",
                                  "dam rain Castell"])
        _same_hits(ix, queries)
        _, ids = ix.store.search(queries, len(ix.chunks) + 5)
        found = {ix.chunks[i].doc for i in ids.ravel() if i >= 0}
        assert "harbor_times.txt" not in found and found == set(ix.docs)
    finally:
        ix.store.close()


def test_a_lite_index_written_with_hnsw_before_is_still_searched_with_its_ef(milvus, embedder, corpus,
                                                                            monkeypatch):
    from rag.stores import milvus as store

    monkeypatch.setattr(store, "LITE_INDEX", "HNSW")  # as every Lite index was written until FLAT
    build_index(milvus, embedder)
    monkeypatch.undo()
    ix = index.load(milvus)
    try:
        assert all(hnsw for *_, hnsw in ix.store.parts)
        _same_hits(ix, embedder.embed(["flood killed people", "harbor festival visitors"]))
    finally:
        ix.store.close()


def test_a_second_process_gets_a_clear_message(milvus, embedder):
    build_index(milvus, embedder)
    ix = index.load(milvus)
    try:
        code = ("import sys; from pathlib import Path; from rag import index; from rag.settings import Settings\n"
                f"s = Settings.from_env(env={{}}, index_dir=Path({str(milvus.index_dir)!r}), store='milvus')\n"
                "try:\n    index.load(s)\nexcept Exception as e:\n    print(type(e).__name__, e); sys.exit(3)")
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert out.returncode == 3 and "IndexBusy" in out.stdout and "RAG_MILVUS_URI" in out.stdout, out
    finally:
        ix.store.close()


def test_switching_the_store_asks_for_a_rebuild(settings, embedder):
    build_index(settings, embedder)
    with pytest.raises(IndexMismatch, match="built for the faiss vector store.*milvus.*--rebuild"):
        index.load(replace(settings, store="milvus"))


def test_milvus_answers_the_seed_questions_with_the_same_citations_as_faiss(tmp_path):
    """RAG_STORE=milvus: the real embedder over the seeds, the same retrieval and the same cited answers
    (the extractive fake model) as with FAISS. The questions are ones the fake answers in a form the read
    step keeps: its answer is a whole sentence, which a "who" question whose every sentence it copies gets
    refused (read.copies_sentence), so "Who oversaw the Jrood al-Qalamoon agreement?" is no longer one."""
    assert Settings.from_env(env={"RAG_STORE": "milvus"}).store == "milvus"
    engines = {}
    for store in ("faiss", "milvus"):
        s = Settings.from_env(env={"RAG_STORE": store}, corpus_dir=SEEDS, index_dir=tmp_path / store, uploads_dir=None)
        e = Engine(s, embedder=engines["faiss"].embedder if engines else None, llm=ExtractiveLLM())
        e.build_index()
        engines[store] = e
    try:
        for q in ("How long had the siege of Deir ez-Zor city lasted?", "Who is helping ISIS in Deir ez-Zor?",
                  "When did regime forces enter al-Bokmal?"):
            a, b = (engines[s].ask(q).to_dict() for s in ("faiss", "milvus"))
            assert a["statements"] == b["statements"] and a["disagreements"] == b["disagreements"], q
            assert a["statements"]
    finally:
        engines["milvus"].index().store.close()


def test_a_running_engine_moves_to_a_new_version_and_keeps_searching(milvus, embedder, corpus):
    """The UI's Engine reloads after a re-index and closes the old version's store: the segments both
    versions share stay open for the new one."""
    from rag.retrieve import retrieve

    build_index(milvus, embedder)
    engine = Engine(milvus, embedder=embedder, llm=ExtractiveLLM())
    first = engine.index()
    assert retrieve("How many people did the Riverton flood kill?", first, embedder, milvus).passages
    (corpus / "new.txt").write_text("Relief fund\n\nSource: Wire\n\nThe relief fund reached 60,000 dollars.")
    build_index(milvus, embedder)
    second = engine.index()  # reloaded; the first version's store is closed
    try:
        assert second.version != first.version and len(second.rows) == 2
        for q in ("How many people did the Riverton flood kill?", "How much did the relief fund reach?"):
            assert retrieve(q, second, embedder, milvus).passages, q
        _same_hits(second, embedder.embed(["flood killed people", "relief fund dollars"]))
    finally:
        second.store.close()
