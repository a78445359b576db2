"""Milvus as the vector store: Milvus Lite embedded in files under the index (no URI), or a Milvus server or
cluster (`RAG_MILVUS_URI=http://host:19530`, token from `RAG_MILVUS_TOKEN`) with the same code.

Each immutable index segment is one collection (`rag_<segment>`: id = the segment's row, the vector, inner
product over normalised vectors = cosine; an HNSW index on a server, FLAT in Lite), filled once when the segment
is written. A
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
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import IndexBusy, IndexMissing, StoreUnavailable
from ..settings import Settings

BATCH = 5_000  # rows an insert
# HNSW M 32 / efConstruction 128, searched with ef 512: recall@10 against exact search at 100k clustered vectors
# 0.979 in Milvus Lite (p50 46 ms; ef 128: 0.819, 43 ms) and 0.985 on a Milvus 2.3 server (p50 5.5 ms; ef 128:
# 0.827, 3.6 ms): `python bench/bench.py stores --sizes 100000`
HNSW = {"M": 32, "efConstruction": 128}
EF_SEARCH = 512
# a server splits 1M vectors into 3-4 sealed segments of 195k-405k rows, each its own HNSW graph, and at ef 512
# finds 0.87-0.92 of the 10 nearest; at ef 1024, 0.985 in 18.8 ms a query (ef 2048: 0.998, 28.5 ms):
# `python bench/milvus_recall.py --vectors 1000000 --efs 512 1024 2048 4096`
EF_SEARCH_SERVER = 1024
# Milvus Lite builds a segment's HNSW graph again in every process that loads it: at 100k vectors a fresh
# process took 56.8 s to open the index (1M: minutes); with FLAT 1.4 s, and the search is exact (recall@10
# 1.000 against 0.979), the segment is written in 20.8 s instead of 64.7 s, for p50 88.5 ms a search instead of
# 46.3 (`python bench/bench.py cold --sizes 100000 --stores milvus-lite`, `python bench/bench.py stores --sizes
# 100000 --stores milvus-lite`). A server keeps its HNSW index.
LITE_INDEX = "FLAT"
LITE_FILE = "milvus.db"
INDEX_WAIT_S = 3600.0  # the most a segment's HNSW index may take to build (a server builds it after the insert)
SERVER_TIMEOUT_S = 60.0  # a server call that takes longer fails (pymilvus would otherwise retry for minutes)
LOAD_WAIT_S = 1800.0  # loading a segment into memory: at 1M vectors Milvus Lite takes more than 60 s (it
# failed at SERVER_TIMEOUT_S; eval/results/stores/stores_1m_20261205.log); an unreachable server fails sooner


def index_for(uri: str) -> tuple[str, dict[str, int]]:
    """The index type and build parameters a new segment's collection gets: HNSW on a server, LITE_INDEX in
    Milvus Lite (no URI)."""
    return ("HNSW", HNSW) if uri else (LITE_INDEX, {})


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
                self._server = MilvusClient(uri=self.uri, token=self.token, timeout=SERVER_TIMEOUT_S)
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
        with server_errors(self.uri, "writing the new segment's vectors; the previous index is unchanged"):
            self._write_segment(folder, segment, vectors)

    def _write_segment(self, folder: Path, segment: str, vectors: np.ndarray) -> None:
        from pymilvus import DataType, MilvusClient

        c = self._client(folder)
        name = self._name(folder.parent.parent, segment)  # folder: index_dir/segments/<tmp name>
        if c.has_collection(name):  # left by a writer killed before the segment was named
            c.drop_collection(name)
        index = c.prepare_index_params()
        kind, params = index_for(self.uri)
        index.add_index(field_name="vector", index_type=kind, metric_type="IP", params=params)
        # an explicit schema: with `dimension=` alone (pymilvus's quick set-up) the collection gets AUTOINDEX and
        # the index asked for is silently not made
        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=int(vectors.shape[1]))
        c.create_collection(name, schema=schema, index_params=index)
        # not searched until a version names it: released, so that a server loads it as indexed segments when
        # opened, instead of serving the insert's growing segments and handing them over to their index for
        # seconds afterwards (found 0.56 of the 10 nearest meanwhile)
        c.release_collection(name)
        for a in range(0, len(vectors), BATCH):
            c.insert(name, [{"id": a + i, "vector": v} for i, v in enumerate(vectors[a:a + BATCH].tolist())])
        c.flush(name)
        _wait_indexed(c, name)
        if not self.uri:
            c.close()
            _release(folder / LITE_FILE)  # readers open the file once a version names the segment

    def write_version(self, folder: Path, n: int, vectors: Callable[[], np.ndarray]) -> str:
        return "milvus"

    def open(self, index_dir: Path, version_folder: Path, manifest: dict, vectors: Callable[[], np.ndarray],
             rows: list[tuple[str, np.ndarray]]) -> MilvusStore:  # the vectors stay in Milvus
        with server_errors(self.uri, "opening the index's collections"):
            return self._open(index_dir, rows)

    def _open(self, index_dir: Path, rows: list[tuple[str, np.ndarray]]) -> MilvusStore:
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
            client.load_collection(name, timeout=LOAD_WAIT_S)  # into memory (a reopened Lite file starts released)
            hnsw = client.describe_index(name, "vector").get("index_type") == "HNSW"  # Lite files of before: HNSW
            parts.append((client, name, ids, where, folder / LITE_FILE, hnsw))
            if not self.uri:
                _hold(folder / LITE_FILE)
        return MilvusStore(parts, int(sum((ids >= 0).sum() for _, ids in rows)), uri=self.uri)

    def collect(self, index_dir: Path, used: set[str]) -> None:
        if not self.uri:
            return  # Lite files go with their segment folders
        with server_errors(self.uri, "dropping collections no kept version names"):
            self._collect(index_dir, used)

    def _collect(self, index_dir: Path, used: set[str]) -> None:
        c = self._client()
        keep = {self._name(index_dir, s) for s in used}
        mine = f"rag_{owner_tag(index_dir)}_"
        for name in c.list_collections():
            if name.startswith(mine) and name not in keep:
                c.drop_collection(name)


class MilvusStore:
    def __init__(self, parts: list[tuple[Any, str, np.ndarray, str, Path, bool]], n: int, uri: str) -> None:
        self.parts, self.n, self.uri, self.shared = parts, n, uri, bool(uri)
        self.ef = EF_SEARCH_SERVER if uri else EF_SEARCH  # HNSW search breadth (at least k); benchmarks sweep it
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
            for client, name, ids, where, _, hnsw in self.parts:
                params = {"ef": max(self.ef, k)} if hnsw else {}  # FLAT: exact, no knob
                with server_errors(self.uri, "searching"):
                    res = client.search(name, data=q, limit=k, filter=where, output_fields=[],
                                        search_params={"metric_type": "IP", "params": params})
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
                for client, _, _, _, path, _ in self.parts:
                    client.close()
                    _let_go(path)


def _wait_indexed(c: Any, name: str) -> None:
    """Return once every row of the collection is in its index: a server builds it in the background
    after the insert, and until then its searches scan the rows (exact, slow) or miss them."""
    deadline = time.monotonic() + INDEX_WAIT_S
    while True:
        d = c.describe_index(name, "vector")
        if int(d.get("pending_index_rows", 0)) == 0 and int(d.get("indexed_rows", 0)) >= int(d.get("total_rows", 0)):
            return
        if time.monotonic() > deadline:
            raise StoreUnavailable(f"Milvus did not finish indexing {name} in {INDEX_WAIT_S:.0f} s: {d}")
        time.sleep(0.2)


@contextmanager
def server_errors(uri: str, doing: str) -> Iterator[None]:
    """A server that does not answer, or fails, becomes one clear line (Milvus Lite's errors pass as they are)."""
    if not uri:
        yield
        return
    from pymilvus.exceptions import MilvusException

    try:
        yield
    except MilvusException as e:
        raise StoreUnavailable(f"the Milvus server at {uri} failed while {doing}: "
                               f"{getattr(e, 'message', '') or e}") from None


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
