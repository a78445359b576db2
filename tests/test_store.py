import numpy as np
import pytest

import rag.stores.faiss
from rag import index
from rag.build import build_index
from rag.errors import IndexMissing
from rag.stores.faiss import FaissStore


def _clustered(n, rng):
    centers = rng.standard_normal((64, 384)).astype(np.float32)
    v = centers[rng.integers(0, 64, n)] + 0.6 * rng.standard_normal((n, 384), dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_ivf_finds_what_exact_search_finds():
    rng = np.random.default_rng(1)
    vecs = _clustered(20_000, rng)
    q = vecs[:50] + 0.3 * rng.standard_normal((50, 384), dtype=np.float32)
    _, truth = FaissStore.build(vecs, "flat").search(q, 10)
    ivf = FaissStore.build(vecs, "ivf")
    assert ivf.kind == "ivf"
    _, got = ivf.search(q, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(got.tolist(), truth.tolist(), strict=True)])
    assert recall >= 0.95


def test_empty_store_and_unknown_kind():
    s = FaissStore.build(np.zeros((0, 384), np.float32), "flat")
    scores, ids = s.search(np.ones((1, 384), np.float32), 5)
    assert ids.tolist() == [[-1]]
    with pytest.raises(ValueError, match="unknown FAISS index kind"):
        FaissStore.build(np.zeros((1, 384), np.float32), "lsh")


def test_large_index_persists_its_approximate_store(settings, embedder, monkeypatch):
    """Past APPROX_FROM chunks the version carries an IVF file; it loads, answers, and a damaged one is
    a clear error."""
    monkeypatch.setattr(rag.stores.faiss, "APPROX_FROM", 1)
    build_index(settings, embedder)
    ix = index.load(settings)
    assert ix.manifest["store"] == "ivf" and ix.store.kind == "ivf"
    _, ids = ix.store.search(ix.vectors[:1], 1)
    assert ids[0][0] == 0
    (ix.path / "garbage").write_bytes(b"garbage")  # a new file in its place: the open index still maps the old one
    (ix.path / "garbage").replace(ix.path / "vectors.faiss")
    with pytest.raises(IndexMissing, match="damaged"):
        index.load(settings)
