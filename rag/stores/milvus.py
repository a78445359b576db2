"""Milvus as the vector store: Milvus Lite embedded in files under the index (no URI), or a Milvus server or
cluster (`RAG_MILVUS_URI=http://host:19530`, token from `RAG_MILVUS_TOKEN`) with the same code.

Each immutable index segment is one collection (`rag_<segment>`: id = the segment's row, the vector, inner
product over normalised vectors = cosine, an HNSW index), filled once when the segment is written. A
version searches the collections of its segments, leaving out rows whose article has a newer copy in a
later segment or was removed (a `id not in [...]` filter, only where there are such rows), and merges the
hits by score.
With Milvus Lite (3.x: an in-process server thread per file) the collection lives in the segment's folder
(`segments/s-*/milvus.db`), so a re-index only ever writes new files: the UI keeps its files open while
`rag index` runs. Milvus Lite lets one process open a file at a time; a second process reading the same
index (a `rag ask` while the UI runs) gets a clear error: for several processes, run a Milvus server and
set RAG_MILVUS_URI. On a server,
collections of segments no kept version names are dropped when versions are collected.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import IndexBusy, IndexMissing
from ..settings import Settings

BATCH = 5_000  # rows an insert
# HNSW as the FAISS measurements here found it needs at 1M vectors for recall@10 >= 0.9 (shared/DESIGN.md);
# Milvus's AUTOINDEX (HNSW with its defaults in Milvus Lite) gave recall@10 0.64 at 100k
HNSW = {"M": 32, "efConstruction": 128}
EF_SEARCH = 128
LITE_FILE = "milvus.db"


def engine(settings: Settings) -> MilvusEngine:
    return MilvusEngine(settings.milvus_uri, os.environ.get("RAG_MILVUS_TOKEN", ""))


def collection(segment: str, owner: str = "") -> str:
    """A Milvus collection name for a segment (letters, digits and underscores); on a shared server it
    carries its index's `owner` tag, so that one index's garbage collection never drops another's.

    >>> collection("s-20261125-171100-7c85ea"), collection("s-20261125-171100-7c85ea", "1a2b3c4d")
    ('rag_s_20261125_171100_7c85ea', 'rag_1a2b3c4d_s_20261125_171100_7c85ea')
    """
    return "rag_" + (f"{owner}_" if owner else "") + re.sub(r"\W", "_", segment)


def owner_tag(index_dir: Path) -> str:
    """The tag of an index's collections on a server: from its absolute path (an index moved to another
    folder is rebuilt, as its collections are not found)."""
    return hashlib.sha1(str(index_dir.resolve()).encode()).hexdigest()[:8]


class MilvusEngine:
    name = "milvus"

    def __init__(self, uri: str = "", token: str = "") -> None:
        self.uri, self.token = uri, token
        self._server: Any = None

    def _client(self, folder: Path | None = None) -> Any:
        """A client for a segment: its own Lite file, or the one shared server connection."""
        from pymilvus import MilvusClient

        if self.uri:
            if self._server is None:
                self._server = MilvusClient(uri=self.uri, token=self.token)
            return self._server
        assert folder is not None
        try:
            return MilvusClient(str(folder / LITE_FILE))
        except Exception as e:  # milvus_lite raises DataDirLockedError wrapped in a connection error
            raise IndexBusy(f"the Milvus Lite files of this index are open in another process ({type(e).__name__}); "
                            "Milvus Lite allows one process per file: close the other one, or run a Milvus server "
                            "and set RAG_MILVUS_URI") from None

    def _name(self, index_dir: Path, segment: str) -> str:
        return collection(segment, owner_tag(index_dir) if self.uri else "")

    def write_segment(self, folder: Path, segment: str, vectors: np.ndarray) -> None:
        c = self._client(folder)
        name = self._name(folder.parent.parent, segment)  # folder: index_dir/segments/<tmp name>
        if c.has_collection(name):  # left by a writer killed before the segment was named
            c.drop_collection(name)
        index = c.prepare_index_params()
        index.add_index(field_name="vector", index_type="HNSW", metric_type="IP", params=HNSW)
        c.create_collection(name, dimension=int(vectors.shape[1]), metric_type="IP", auto_id=False,
                            primary_field_name="id", id_type="int", vector_field_name="vector", index_params=index)
        for a in range(0, len(vectors), BATCH):
            c.insert(name, [{"id": a + i, "vector": v} for i, v in enumerate(vectors[a:a + BATCH].tolist())])
        c.flush(name)
        if not self.uri:
            c.close()
            _release(folder / LITE_FILE)  # readers open the file once a version names the segment

    def write_version(self, folder: Path, n: int, vectors: Callable[[], np.ndarray]) -> str:
        return "milvus"

    def open(self, index_dir: Path, version_folder: Path, manifest: dict, vectors: np.ndarray,
             rows: list[tuple[str, np.ndarray]]) -> MilvusStore:
        parts = []
        for seg, ids in rows:
            live = ids >= 0
            if not live.any():
                continue
            dead = np.flatnonzero(~live)
            where = f"id not in [{', '.join(map(str, dead.tolist()))}]" if len(dead) else ""
            folder = index_dir / "segments" / seg
            client = self._client(folder)
            name = self._name(index_dir, seg)
            client.load_collection(name)  # into memory for search (a reopened Lite file starts released)
            parts.append((client, name, ids, where, folder / LITE_FILE))
            if not self.uri:
                _hold(folder / LITE_FILE)
        return MilvusStore(parts, int(sum((ids >= 0).sum() for _, ids in rows)), shared=bool(self.uri))

    def collect(self, index_dir: Path, used: set[str]) -> None:
        if not self.uri:
            return  # Lite files go with their segment folders
        c = self._client()
        keep = {self._name(index_dir, s) for s in used}
        mine = f"rag_{owner_tag(index_dir)}_"
        for name in c.list_collections():
            if name.startswith(mine) and name not in keep:
                c.drop_collection(name)


class MilvusStore:
    def __init__(self, parts: list[tuple[Any, str, np.ndarray, str, Path]], n: int, shared: bool) -> None:
        self.parts, self.n, self.shared = parts, n, shared
        self._lock = threading.Lock()
        self._closed = False

    def __len__(self) -> int:
        return self.n

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        q = np.ascontiguousarray(queries, dtype=np.float32).tolist()
        k = max(1, min(k, self.n))  # as FAISS: no more columns than vectors
        hits: list[list[tuple[float, int]]] = [[] for _ in q]
        with self._lock:
            if self._closed:
                raise IndexMissing("this index version was replaced; ask again")
            for client, name, ids, where, _ in self.parts:
                res = client.search(name, data=q, limit=k, filter=where, output_fields=[],
                                    search_params={"metric_type": "IP", "params": {"ef": max(EF_SEARCH, k)}})
                for i, found in enumerate(res):
                    hits[i] += [(float(h["distance"]), int(ids[int(h["id"])])) for h in found]
        scores = np.zeros((len(q), k), np.float32)
        out = -np.ones((len(q), k), np.int64)
        for i, hs in enumerate(hits):
            hs.sort(key=lambda h: (-h[0], h[1]))
            for j, (s, g) in enumerate(hs[:k]):
                scores[i, j], out[i, j] = s, g
        return scores, out

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if not self.shared:
                for client, *_, path in self.parts:
                    client.close()
                    _let_go(path)


_held: dict[str, int] = {}  # Lite file -> open stores using it (versions share most segments)
_held_lock = threading.Lock()


def _hold(path: Path) -> None:
    with _held_lock:
        _held[str(path)] = _held.get(str(path), 0) + 1


def _let_go(path: Path) -> None:
    """One store is done with a Lite file; its server stops when no open store (e.g. the version that
    replaced this one) still uses it."""
    with _held_lock:
        n = _held.get(str(path), 0) - 1
        if n > 0:
            _held[str(path)] = n
            return
        _held.pop(str(path), None)
    _release(path)


def _release(path: Path) -> None:
    """Stop Milvus Lite's in-process server for a file and release its lock (closing the client does not)."""
    from milvus_lite.server_manager import server_manager_instance

    server_manager_instance.release_server(str(path))
