"""Vector store behind a small Protocol; the local implementation is FAISS.

Inner product over L2-normalised vectors (= cosine). Exact `IndexFlatIP` up to `HNSW_FROM` vectors, where
it answers in milliseconds; HNSW above that (efConstruction 128, efSearch 128, measured in DESIGN.md to keep
recall@10 >= 0.9 at 1M). A distributed store (or FAISS shards) plugs in by implementing `VectorStore`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import faiss
import numpy as np

HNSW_FROM = 200_000


class VectorStore(Protocol):
    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids), each of shape (len(queries), k); id -1 where fewer than k exist."""
        ...


class FaissStore:
    def __init__(self, index: faiss.Index) -> None:
        self.index = index

    @staticmethod
    def build(vectors: np.ndarray, kind: str = "auto") -> FaissStore:
        dim = vectors.shape[1]
        if kind == "auto":
            kind = "hnsw" if len(vectors) >= HNSW_FROM else "flat"
        if kind == "flat":
            index: faiss.Index = faiss.IndexFlatIP(dim)
        elif kind == "hnsw":
            index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = 128
            index.hnsw.efSearch = 128
        else:
            raise ValueError(f"unknown FAISS index kind {kind!r}")
        if len(vectors):
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return FaissStore(index)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        k = max(1, min(k, self.index.ntotal)) if self.index.ntotal else 1
        if self.index.ntotal == 0:
            n = len(queries)
            return np.zeros((n, k), np.float32), -np.ones((n, k), np.int64)
        return self.index.search(np.ascontiguousarray(queries, dtype=np.float32), k)

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @staticmethod
    def load(path: Path) -> FaissStore:
        return FaissStore(faiss.read_index(str(path)))

    @property
    def kind(self) -> str:
        return "hnsw" if isinstance(self.index, faiss.IndexHNSWFlat) else "flat"
