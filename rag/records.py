"""The articles and chunks of one index version, read from disk when asked for instead of loaded whole.

Each segment (rag/segments.py) holds its records in two files, written once with it:

    docs.sqlite   docs(id INTEGER PRIMARY KEY, name TEXT UNIQUE, outlet TEXT, record TEXT): each article's
                  Document as JSON; id = its position in the segment
    chunks.npy    int32 (n, 3): each chunk's article id, start and end (character offsets into its text)

Opening a version reads its segments' article names and maps their chunk arrays, nothing more: an article
is read on first use (the recent ones are cached), a chunk is three integers and its text a slice of its
article's. Chunk ids are global and dense: the live chunks of the first segment, then of the next...
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path

import numpy as np

from .types import Chunk, Document

DOCS_FILE, CHUNKS_FILE = "docs.sqlite", "chunks.npy"
FILES = (DOCS_FILE, CHUNKS_FILE)
CACHED_DOCS = 4096


def write_records(folder: Path, docs: list[Document], chunks: list[Chunk]) -> None:
    """A new segment's record files (the caller fsyncs them with the rest of the segment)."""
    ids = {d.name: i for i, d in enumerate(docs)}
    db = sqlite3.connect(folder / DOCS_FILE)
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, outlet TEXT NOT NULL, "
                   "record TEXT NOT NULL)")
        db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?)",
                       ((i, d.name, d.outlet, json.dumps(asdict(d), ensure_ascii=False)) for i, d in enumerate(docs)))
        db.commit()
    finally:
        db.close()
    table = np.array([(ids[c.doc], c.start, c.end) for c in chunks], dtype=np.int32).reshape(-1, 3)
    with open(folder / CHUNKS_FILE, "wb") as fh:
        np.save(fh, table)


class _Segment:
    """One segment's records as a version sees them: which of its articles and chunks are live."""

    def __init__(self, path: Path, name: str, live: Mapping[str, dict], first_id: int) -> None:
        self.path = path
        self.db = sqlite3.connect(f"file:{path / DOCS_FILE}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        names = [n for (n,) in self.db.execute("SELECT name FROM docs ORDER BY id")]
        alive = np.fromiter((live.get(n, {}).get("segment") == name for n in names), bool, len(names))
        self.docs = {n: i for i, n in enumerate(names) if alive[i]}  # live article -> its id here
        self.names = names
        self.table = np.load(path / CHUNKS_FILE, mmap_mode="r")
        self.live_rows = np.flatnonzero(alive[self.table[:, 0]]) if len(self.table) else np.zeros(0, np.int64)
        self.first_id = first_id
        self.ids = np.full(len(self.table), -1, dtype=np.int64)  # global chunk id of each row, -1: not live
        self.ids[self.live_rows] = first_id + np.arange(len(self.live_rows))


class Records:
    """A version's articles (`docs`: name -> Document) and chunks (`chunks[id]`), read on demand."""

    def __init__(self, index_dir: Path, manifest: dict) -> None:
        self.segments: list[_Segment] = []
        first = 0
        for seg in manifest["segments"]:
            s = _Segment(index_dir / "segments" / seg, seg, manifest["docs"], first)
            self.segments.append(s)
            first += len(s.live_rows)
        self.firsts = np.array([s.first_id for s in self.segments], dtype=np.int64)
        self.docs = Docs(self.segments)
        self.chunks = Chunks(self, first)

    @property
    def rows(self) -> list[tuple[str, np.ndarray]]:
        """Per segment, the global chunk id of each of its rows (-1 for a dead copy)."""
        return [(s.path.name, s.ids) for s in self.segments]

    def vectors(self) -> np.ndarray:
        """The live chunks' vectors in chunk-id order, gathered from the segments (in memory: only for an
        exact FAISS index, IVF training and compaction)."""
        parts = [np.asarray(np.load(s.path / "vectors.npy", mmap_mode="r")[s.live_rows], dtype=np.float32)
                 for s in self.segments]
        dim = parts[0].shape[1] if parts else 0
        return np.concatenate(parts) if parts else np.zeros((0, dim), np.float32)

    def close(self) -> None:
        for s in self.segments:
            s.db.close()

    def __enter__(self) -> Records:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Docs(Mapping[str, Document]):
    """name -> Document, each read from its segment when first asked for; the recent ones kept."""

    def __init__(self, segments: list[_Segment]) -> None:
        self._where = {n: (s, i) for s in segments for n, i in s.docs.items()}
        self._cache: OrderedDict[str, Document] = OrderedDict()
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> Document:
        with self._lock:
            if name in self._cache:
                self._cache.move_to_end(name)
                return self._cache[name]
            seg, i = self._where[name]  # KeyError for an article this version does not hold
            (record,) = seg.db.execute("SELECT record FROM docs WHERE id = ?", (i,)).fetchone()
            doc = self._cache[name] = Document(**json.loads(record))
            if len(self._cache) > CACHED_DOCS:
                self._cache.popitem(last=False)
            return doc

    def __contains__(self, name: object) -> bool:
        return name in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def outlets(self) -> set[str]:
        """The live articles' outlets, without reading the articles."""
        out: set[str] = set()
        with self._lock:
            for seg in {s for s, _ in self._where.values()}:
                live = set(seg.docs.values())
                out |= {o for i, o in seg.db.execute("SELECT id, outlet FROM docs") if i in live}
        return out


class Chunks(Sequence[Chunk]):
    """chunk id -> Chunk (its article's name, offsets and text)."""

    def __init__(self, records: Records, n: int) -> None:
        self.records, self.n = records, n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, cid: int) -> Chunk:  # type: ignore[override]
        if not 0 <= cid < self.n:
            raise IndexError(cid)
        r = self.records
        seg = r.segments[int(np.searchsorted(r.firsts, cid, side="right")) - 1]
        doc, start, end = (int(x) for x in seg.table[seg.live_rows[cid - seg.first_id]])
        name = seg.names[doc]
        return Chunk(cid, name, start, end, r.docs[name].text[start:end])
