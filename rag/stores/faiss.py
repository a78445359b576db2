"""The FAISS vector store (the default, in-process).

Inner product over L2-normalised vectors (= cosine). Exact `IndexFlatIP` below `APPROX_FROM` vectors (17 ms
a query at 100k on 2 cores); above that an inverted-file index (`IndexIVFFlat`, about 4 sqrt(n) lists,
nprobe 64). Measured with `python bench/bench.py retrieval` on clustered synthetic vectors: at 1M, IVF
p95 1.6 ms with recall@10 0.996 against exact search (build 91 s); HNSW (M 32, efConstruction 128) was
slower to build and needed efSearch 512 for recall 0.985 at 100k, so it is available but not chosen.
Another engine plugs in as another module of rag/stores implementing `VectorStore`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import faiss
import numpy as np

from ..settings import Settings

APPROX_FROM = 100_000
IVF_NPROBE = 64
KNOWN_FOURCC = (b"IwFl", b"IHNf", b"IxFI")  # the first bytes of a written IndexIVFFlat, IndexHNSWFlat, IndexFlatIP


def ivf_lists(n: int) -> int:
    """Number of IVF lists: about 4 sqrt(n), a power of two, and at most n / 39 (FAISS's least number of
    training points per list).

    >>> ivf_lists(1_000_000), ivf_lists(100_000), ivf_lists(5)
    (4096, 1024, 1)
    """
    return max(1, min(1 << round(np.log2(4 * np.sqrt(max(n, 1)))), n // 39))


class FaissStore:
    def __init__(self, index: faiss.Index) -> None:
        self.index = index

    @staticmethod
    def build(vectors: np.ndarray, kind: str = "auto") -> FaissStore:
        dim = vectors.shape[1]
        if kind == "auto":
            kind = "ivf" if len(vectors) >= APPROX_FROM else "flat"
        if kind == "flat":
            index: faiss.Index = faiss.IndexFlatIP(dim)
        elif kind == "ivf":
            nlist = ivf_lists(len(vectors))
            index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
            rng = np.random.default_rng(0)
            sample = vectors[rng.choice(len(vectors), min(len(vectors), 64 * nlist), replace=False)]
            index.train(np.ascontiguousarray(sample, dtype=np.float32))
            index.nprobe = IVF_NPROBE
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

    def set_effort(self, effort: int) -> str:
        """The search-time speed/recall knob: nprobe for IVF, efSearch for HNSW. Returns it as text."""
        if isinstance(self.index, faiss.IndexIVF):
            self.index.nprobe = effort
            return f"nprobe={effort}"
        if isinstance(self.index, faiss.IndexHNSW):
            self.index.hnsw.efSearch = effort
            return f"efSearch={effort}"
        return "exact"

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @staticmethod
    def load(path: Path) -> FaissStore:
        """An index file, memory-mapped (its vectors are paged in by searches, not read at open). FAISS reads a
        damaged mapped file past its end (a crash, not an error), so the kind of index is checked first."""
        with open(path, "rb") as fh:
            if fh.read(4) not in KNOWN_FOURCC:
                raise ValueError(f"{path.name} is not a FAISS index this program writes")
        return FaissStore(faiss.read_index(str(path), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY))

    def __len__(self) -> int:
        return int(self.index.ntotal)

    def close(self) -> None:
        pass

    @property
    def kind(self) -> str:
        if isinstance(self.index, faiss.IndexIVF):
            return "ivf"
        return "hnsw" if isinstance(self.index, faiss.IndexHNSWFlat) else "flat"


class FaissEngine:
    """Vectors stay in the segments' vectors.npy; a version past APPROX_FROM chunks carries its IVF index as
    vectors.faiss (slow to build: built by the writer); a smaller one is an exact index built at load."""

    name = "faiss"

    def write_segment(self, folder: Path, segment: str, vectors: np.ndarray) -> None:
        pass

    def write_version(self, folder: Path, n: int, vectors: Callable[[], np.ndarray]) -> str:
        if n < APPROX_FROM:
            return "flat"
        FaissStore.build(vectors(), "ivf").save(folder / "vectors.faiss")
        return "ivf"

    def open(self, index_dir: Path, version_folder: Path, manifest: dict, vectors: Callable[[], np.ndarray],
             rows: list[tuple[str, np.ndarray]]) -> FaissStore:
        if manifest["store"] == "flat":
            return FaissStore.build(vectors(), "flat")  # below APPROX_FROM: a memory copy, quicker than a file
        return FaissStore.load(version_folder / "vectors.faiss")

    def collect(self, index_dir: Path, used: set[str]) -> None:
        pass


def engine(settings: Settings) -> FaissEngine:
    return FaissEngine()
