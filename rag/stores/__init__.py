"""Vector stores, one module per engine, chosen by name (`Settings.store`, `RAG_STORE`): `faiss` (in-process,
the default) or `milvus` (Milvus Lite in files under the index, or a Milvus server / cluster by URI).

How the index's versions map onto a store (rag/segments.py has the on-disk format): vectors are written
once per immutable segment (`write_segment`, before any version names the segment), so a re-index writes
only the new and changed articles' vectors; a version is a list of segments, and `open` searches the live
rows of those (rows of articles changed or removed since a segment was written are left out); a segment
no kept version names is dropped (`collect`). A reader therefore never sees half an update, and a writer
killed midway leaves at most an unnamed segment behind, collected by the next build.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import RagError
from ..settings import Settings

STORES = {"faiss": "rag.stores.faiss", "milvus": "rag.stores.milvus"}  # name -> module with `engine(settings)`


class VectorStore(Protocol):
    """The vectors of one loaded index version."""

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids), each of shape (len(queries), k); id -1 where fewer than k exist."""
        ...

    def __len__(self) -> int: ...

    def close(self) -> None: ...


class StoreEngine(Protocol):
    """The life cycle of one engine's data, driven by the index writer and loader."""

    name: str

    def write_segment(self, folder: Path, segment: str, vectors: np.ndarray) -> None:
        """Keep a new segment's vectors (row i = the segment's chunk i); `folder` is the segment's folder,
        written before the segment is named by any version."""
        ...

    def write_version(self, folder: Path, n: int, vectors: Callable[[], np.ndarray]) -> str:
        """Whatever one version of `n` live chunks needs beyond its segments, in its folder (`vectors()`
        gathers the live vectors, if needed); returns the kind of search, kept in the manifest."""
        ...

    def open(self, index_dir: Path, version_folder: Path, manifest: dict, vectors: Callable[[], np.ndarray],
             rows: list[tuple[str, np.ndarray]]) -> VectorStore:
        """The searchable store of a version: `vectors()` gathers its live vectors in chunk-id order into
        memory (only if the store needs them there), `rows` are each segment's global chunk id per row (-1:
        not live)."""
        ...

    def collect(self, index_dir: Path, used: set[str]) -> None:
        """Drop what belongs to segments no kept version names (for data kept outside index_dir)."""
        ...


def store_engine(settings: Settings) -> StoreEngine:
    if settings.store not in STORES:
        raise RagError(f"unknown vector store {settings.store!r}; choose one of: {', '.join(STORES)}")
    engine: StoreEngine = importlib.import_module(STORES[settings.store]).engine(settings)
    return engine
