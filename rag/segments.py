"""The index on disk: immutable segments, versions that name them, one writer at a time, garbage collection.

Layout of `index_dir`:

    CURRENT            name of the live version folder (replaced atomically with os.replace)
    .lock              flock held by the one writer
    segments/s-*/      immutable: the records of the articles embedded together (docs.sqlite, chunks.npy:
                       rag/records.py, read on demand), their vectors.npy and BM25 postings (lex_*)
    v-<time>-<rand>/   manifest.json (which segment holds the live copy of each article), and
                       vectors.faiss when the store is approximate (IVF) and too slow to build at load

Every file is written and fsynced before the version that names it, and the version before CURRENT,
so a crash at any moment leaves CURRENT pointing at a complete version. Readers compare CURRENT with
what they loaded and reload when it changes. What goes into a new version is decided in rag/build.py.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from .errors import IndexBusy, IndexMismatch, IndexMissing
from .lexical import FILES as LEXICAL_FILES
from .lexical import Postings
from .records import FILES as RECORD_FILES
from .records import write_records
from .settings import Settings
from .stores import StoreEngine
from .types import Chunk, Document

FORMAT_VERSION = 5  # 5: records in SQLite and a chunk array, read on demand; 4: BM25 postings per segment
KEEP_VERSIONS = 2
MAX_SEGMENTS = 12


@contextmanager
def writer_lock(index_dir: Path) -> Iterator[None]:
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusy(f"another `rag index` is writing {index_dir}; wait for it to finish") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def current_version(index_dir: Path) -> str | None:
    try:
        name = (index_dir / "CURRENT").read_text().strip()
    except FileNotFoundError:
        return None
    return name or None


def write_segment(index_dir: Path, docs: list[Document], chunks: list[Chunk], vectors: np.ndarray,
                  store: StoreEngine) -> tuple[str, dict]:
    """Write an immutable segment (fsynced, then renamed into place); return its name and its entry in
    the manifest (chunks stored, file sizes: a truncated file is caught without reading it)."""
    name = f"s-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
    tmp = index_dir / "segments" / f".tmp-{name}"
    tmp.mkdir(parents=True)
    write_records(tmp, docs, chunks)
    with open(tmp / "vectors.npy", "wb") as fh:
        np.save(fh, vectors)
        fh.flush()
        os.fsync(fh.fileno())
    Postings.build([c.text for c in chunks]).save(tmp)
    store.write_segment(tmp, name, vectors)  # e.g. a Milvus collection, before any version names the segment
    for written in (*RECORD_FILES, *LEXICAL_FILES):  # the vectors were fsynced as they were written
        fsync_file(tmp / written)
    fsync_dir(tmp)
    meta = {"chunks": len(chunks), "bytes": {f.name: f.stat().st_size for f in sorted(tmp.iterdir()) if f.is_file()}}
    os.rename(tmp, index_dir / "segments" / name)
    fsync_dir(index_dir / "segments")
    return name, meta


def write_file(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def collect_garbage(index_dir: Path, keep: str, store: StoreEngine | None = None) -> None:
    """Delete unfinished temp folders, all but the newest KEEP_VERSIONS versions (the live one kept), and
    segments no kept version names."""
    for p in [*index_dir.glob(".tmp-v-*"), *index_dir.glob("segments/.tmp-s-*")]:
        shutil.rmtree(p, ignore_errors=True)
    versions = sorted((p for p in index_dir.glob("v-*") if p.is_dir()), key=lambda p: p.name, reverse=True)
    for p in [v for v in versions if v.name != keep][KEEP_VERSIONS - 1:]:
        shutil.rmtree(p, ignore_errors=True)
    used: set[str] = set()
    for p in index_dir.glob("v-*/manifest.json"):
        try:
            used |= set(json.loads(p.read_text()).get("segments", {}))
        except (OSError, ValueError):
            return  # cannot tell what is in use: delete nothing
    for p in index_dir.glob("segments/s-*"):
        if p.name not in used:
            shutil.rmtree(p, ignore_errors=True)
    if store is not None:
        store.collect(index_dir, used)


def read_manifest(settings: Settings) -> dict:
    index_dir = settings.index_dir
    version = current_version(index_dir)
    if version is None:
        raise IndexMissing(f"no index in {index_dir}; build it with `rag index`")
    try:
        manifest = json.loads((index_dir / version / "manifest.json").read_text())
    except (OSError, ValueError) as e:
        raise IndexMissing(f"index version {version} in {index_dir} is unreadable ({e}); "
                           "rebuild it with `rag index --rebuild`") from None
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMismatch(f"index format {manifest.get('format_version')} is not {FORMAT_VERSION}; "
                            "rebuild with `rag index --rebuild`")
    if manifest.get("vector_store", "faiss") != settings.store:
        raise IndexMismatch(f"index was built for the {manifest.get('vector_store', 'faiss')} vector store, settings "
                            f"now ask for {settings.store}; rebuild with `rag index --rebuild`")
    if manifest.get("index_hash") != settings.index_hash():
        raise IndexMismatch(
            f"index was built with embedder {manifest.get('embedder')} and chunking {manifest.get('chunking')}, "
            f"settings now ask for {settings.embedder} and {settings.chunk_sentences}/{settings.chunk_overlap}; "
            "rebuild with `rag index --rebuild`")
    return manifest


def check_files(index_dir: Path, manifest: dict) -> None:
    """Every file of a version and of its segments is there at the size it was written with (a cheap check
    that catches a truncated or replaced file without reading it: they are memory-mapped, not read)."""
    for fname, size in manifest.get("bytes", {}).items():
        if (index_dir / manifest["version"] / fname).stat().st_size != size:
            raise IndexMissing(f"version {manifest['version']}: {fname} is not the size it was written with")
    for seg, meta in manifest["segments"].items():
        for fname, size in meta["bytes"].items():
            if (index_dir / "segments" / seg / fname).stat().st_size != size:
                raise IndexMissing(f"segment {seg}: {fname} is not the size it was written with")
