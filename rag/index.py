"""The persisted index: build it, bring it up to date, load it. Incremental, atomic, one writer at a time.

Layout of `index_dir`:

    CURRENT            name of the live version folder (replaced atomically with os.replace)
    .lock              flock held by the one writer
    segments/s-*/      immutable: docs.jsonl, chunks.jsonl, vectors.npy and the BM25 postings (lex_*) of the
                       articles embedded together
    v-<time>-<rand>/   manifest.json (which segment holds the live copy of each article), and
                       vectors.faiss when the store is approximate (IVF) and too slow to build at load

A re-index writes only what changed: a new segment with the added and changed articles, and a new version
whose manifest points each article at its segment (removed articles simply drop out of the manifest).
Unchanged files are recognised by size and modification time (as git does), and re-read and hashed when
those changed or are too close to the previous scan to be trusted. When segments hold more dead copies
than live ones (or too many segments pile up) the live data is compacted into one segment.

Every file is written and fsynced before the version that names it, and the version before CURRENT,
so a crash at any moment leaves CURRENT pointing at a complete version. Readers compare CURRENT with
what they loaded and reload when it changes.
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
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from .corpus import list_files, read_document, sources
from .embed import Embedder
from .errors import CorpusError, IndexBusy, IndexMismatch, IndexMissing, IndexWriteError
from .lexical import BM25, Postings
from .settings import Settings
from .store import APPROX_FROM, FaissStore, VectorStore
from .text import chunk_windows, split_sentences
from .types import Chunk, Document

FORMAT_VERSION = 4  # 4: BM25 postings persisted per segment; titles a short line; sentences bounded
KEEP_VERSIONS = 2
MAX_SEGMENTS = 12
RACY_NS = 2_000_000_000  # a file modified this close to the previous scan is re-read, whatever its stat says


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    rebuilt_reason: str = ""
    version: str = ""
    chunks: int = 0
    embedded_chunks: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        s = (f"added {len(self.added)}, changed {len(self.changed)}, removed {len(self.removed)}, "
             f"unchanged {len(self.unchanged)}, failed {len(self.failed)}; {self.chunks} chunks "
             f"({self.embedded_chunks} embedded) in {self.seconds:.1f}s; version {self.version}")
        if self.rebuilt_reason:
            s = f"full rebuild ({self.rebuilt_reason}); " + s
        return s


@dataclass
class Index:
    version: str
    path: Path
    manifest: dict
    docs: dict[str, Document]
    chunks: list[Chunk]
    vectors: np.ndarray
    store: VectorStore
    rows: list[tuple[str, np.ndarray]] = field(default_factory=list)  # per segment: global chunk id of each row

    @cached_property
    def bm25(self) -> BM25:
        """The segments' persisted postings, read on first search (mmap), not at load: re-indexing loads
        the previous version without searching."""
        return BM25([(Postings.load(self.path.parent / "segments" / seg), ids) for seg, ids in self.rows])

    @cached_property
    def outlets(self) -> frozenset[str]:
        """Outlet names of the indexed articles, lower-cased (those of 4 characters or more)."""
        return frozenset(d.outlet.lower() for d in self.docs.values() if len(d.outlet) >= 4)

    @cached_property
    def sentences(self) -> dict[str, list[tuple[int, int]]]:
        return {name: split_sentences(d.text) for name, d in self.docs.items()}

    @cached_property
    def sentence_vectors(self) -> dict[tuple[str, int, int], np.ndarray]:
        """Embeddings of source sentences already shown for a question, by (doc, start, end): questions
        on one story meet the same sentences again. Filled by retrieval, bounded there; goes with this
        index version."""
        return {}


def doc_chunks(doc: Document, settings: Settings, first_id: int) -> list[Chunk]:
    """Chunks of one document: windows of whole sentences, offsets into doc.text."""
    sents = split_sentences(doc.text)
    out: list[Chunk] = []
    for i, j in chunk_windows(len(sents), settings.chunk_sentences, settings.chunk_overlap):
        a, b = sents[i][0], sents[j - 1][1]
        out.append(Chunk(first_id + len(out), doc.name, a, b, doc.text[a:b]))
    return out


def embed_text(doc: Document, chunk: Chunk) -> str:
    """What the embedder sees for a chunk: the article's title, then the chunk."""
    return f"{doc.title}\n{chunk.text}"


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


def build(settings: Settings, embedder: Embedder, *, corpus_dir: Path | None = None, rebuild: bool = False,
          progress: bool = False) -> IndexReport:
    """Bring the index in settings.index_dir up to date with the corpus folder."""
    t0 = time.perf_counter()
    corpus = corpus_dir or settings.corpus_dir
    index_dir = settings.index_dir
    report = IndexReport()
    with writer_lock(index_dir):
        prev = _previous_manifest(settings, report, rebuild)
        prev_docs: dict[str, dict] = prev["docs"] if prev else {}
        trusted_before = (prev or {}).get("scanned_at_ns", 0) - RACY_NS
        scanned_at = time.time_ns()
        found: list[tuple[Path, Path, str, str]] = []  # (folder, file, prefix, name)
        for folder, prefix in sources(settings, corpus):
            files, skipped = list_files(folder)
            report.failed += [(prefix + x.name, x.reason) for x in skipped]
            cut = len(str(folder)) + 1  # list_files joins names onto `folder`: its text is a prefix of theirs
            found += [(folder, p, prefix, prefix + str(p)[cut:].replace(os.sep, "/")) for p in files]
        entries: dict[str, dict] = {}  # the new manifest's articles
        new_docs: list[Document] = []
        seen_hash: dict[str, str] = {}
        for folder, path, prefix, name in found:
            if name in entries:
                report.failed.append((name, "an uploaded article has the name of a corpus file; not indexed"))
                continue
            old = prev_docs.get(name)
            try:
                st = path.stat()
                if old and (old["size"], old["mtime_ns"]) == (st.st_size, st.st_mtime_ns) \
                        and st.st_mtime_ns < trusted_before:
                    doc, entry = None, old
                else:
                    doc = read_document(folder, path, settings.max_file_bytes, prefix)
                    entry = {"sha256": doc.sha256, "title": doc.title, "outlet": doc.outlet, "chars": len(doc.text),
                             "size": st.st_size, "mtime_ns": st.st_mtime_ns}
                    if old and old["sha256"] == doc.sha256:  # touched, not changed
                        doc, entry = None, {**old, "size": st.st_size, "mtime_ns": st.st_mtime_ns}
            except (CorpusError, OSError) as e:
                why = str(e) if isinstance(e, CorpusError) else f"{name}: {e.strerror or e}"
                if old:
                    entries[name] = old
                    report.failed.append((name, f"{why} (kept the previously indexed version)"))
                else:
                    report.failed.append((name, why))
                continue
            if entry["sha256"] in seen_hash:
                report.failed.append((name, f"same text as {seen_hash[entry['sha256']]}; not indexed twice"))
                continue
            seen_hash[entry["sha256"]] = name
            entries[name] = entry
            if doc is None:
                if name not in {n for n, _ in report.failed}:
                    report.unchanged.append(name)
            else:
                (report.changed if old else report.added).append(name)
                new_docs.append(doc)
        report.removed = sorted(n for n in prev_docs if n not in entries)
        if not entries:  # nothing could be read: keep the last good index live rather than an empty one
            shown = "; ".join(why for _, why in report.failed[:3]) + (" …" if len(report.failed) > 3 else "")
            raise CorpusError(f"no article in {corpus} could be indexed "
                              + (f"({len(report.failed)} file(s) refused: {shown})" if report.failed
                                 else "(it has no .txt or .md files)")
                              + ("; the previous index is still live" if prev else "; no index was written"))

        if prev is not None and not (report.added or report.changed or report.removed) \
                and all(prev_docs.get(n) == e for n, e in entries.items()):
            report.version, report.chunks = prev["version"], prev["n_chunks"]
            report.seconds = time.perf_counter() - t0
            return report
        try:
            report.version = _write_version(settings, embedder, prev, entries, new_docs, scanned_at, report,
                                            progress)
        except OSError as e:  # disk full, permissions...: the live version is untouched
            _collect_garbage(index_dir, keep=current_version(index_dir) or "")
            raise IndexWriteError(f"could not write the new index version ({e.strerror or e}); "
                                  "the previous index is unchanged") from None
        report.seconds = time.perf_counter() - t0
        return report


def _previous_manifest(settings: Settings, report: IndexReport, rebuild: bool) -> dict | None:
    """The live version's manifest when it can be built upon; else None, with the reason in the report."""
    if rebuild:
        report.rebuilt_reason = "asked for with --rebuild"
        return None
    if current_version(settings.index_dir) is None:
        return None
    try:
        manifest = _read_manifest(settings)
        for seg, meta in manifest["segments"].items():  # cheap check that what it points at is whole
            for fname, size in meta["bytes"].items():
                if (settings.index_dir / "segments" / seg / fname).stat().st_size != size:
                    raise IndexMissing(f"segment {seg}: {fname} is not the size it was written with")
        return manifest
    except IndexMismatch as e:
        report.rebuilt_reason = str(e).split(";")[0]
    except (IndexMissing, OSError, ValueError, KeyError, TypeError) as e:
        report.rebuilt_reason = f"previous index unreadable: {e}"
    return None


def _embed_into(vectors: np.ndarray, jobs: list[tuple[Document, list[Chunk]]], embedder: Embedder,
                progress: bool, batch: int = 64) -> None:
    items = [(c.id, embed_text(d, c)) for d, cs in jobs for c in cs]
    bar = tqdm(total=len(items), desc="embedding chunks", unit="chunk", disable=not progress or not items)
    for i in range(0, len(items), batch):
        part = items[i:i + batch]
        vectors[[cid for cid, _ in part]] = embedder.embed([t for _, t in part])
        bar.update(len(part))
    bar.close()


def _write_segment(index_dir: Path, docs: list[Document], chunks: list[Chunk],
                   vectors: np.ndarray) -> tuple[str, dict]:
    """Write an immutable segment (fsynced, then renamed into place); return its name and its entry in
    the manifest (chunks stored, file sizes: a truncated file is caught without reading it)."""
    name = f"s-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
    tmp = index_dir / "segments" / f".tmp-{name}"
    tmp.mkdir(parents=True)
    _write(tmp / "docs.jsonl", "".join(json.dumps(asdict(d), ensure_ascii=False) + "\n" for d in docs))
    _write(tmp / "chunks.jsonl", "".join(json.dumps([c.doc, c.start, c.end]) + "\n" for c in chunks))
    with open(tmp / "vectors.npy", "wb") as fh:
        np.save(fh, vectors)
        fh.flush()
        os.fsync(fh.fileno())
    Postings.build([c.text for c in chunks]).save(tmp)
    for f in tmp.iterdir():
        _fsync_file(f)
    _fsync_dir(tmp)
    meta = {"chunks": len(chunks), "bytes": {f.name: f.stat().st_size for f in sorted(tmp.iterdir())}}
    os.rename(tmp, index_dir / "segments" / name)
    _fsync_dir(index_dir / "segments")
    return name, meta


def _write_version(settings: Settings, embedder: Embedder, prev: dict | None, entries: dict[str, dict],
                   new_docs: list[Document], scanned_at: int, report: IndexReport, progress: bool) -> str:
    index_dir = settings.index_dir
    # the new articles' chunks and vectors: the only embedding work
    jobs: list[tuple[Document, list[Chunk]]] = []
    chunks: list[Chunk] = []
    for doc in new_docs:
        cs = doc_chunks(doc, settings, len(chunks))
        chunks += cs
        jobs.append((doc, cs))
    vectors = np.zeros((len(chunks), embedder.dim), np.float32)
    _embed_into(vectors, jobs, embedder, progress)
    report.embedded_chunks = len(chunks)
    segments: dict[str, dict] = dict(prev["segments"]) if prev else {}
    if new_docs:
        seg, meta = _write_segment(index_dir, new_docs, chunks, vectors)
        segments[seg] = meta
        for doc, cs in jobs:
            entries[doc.name] = {**entries[doc.name], "segment": seg, "chunks": len(cs)}
    live = report.chunks = sum(e["chunks"] for e in entries.values())
    used = {e["segment"] for e in entries.values()}
    segments = {s: m for s, m in segments.items() if s in used}
    version = f"v-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
    manifest: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "version": version,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "embedder": embedder.name,
        "dim": embedder.dim,
        "chunking": {"unit": "sentences", "size": settings.chunk_sentences, "overlap": settings.chunk_overlap},
        "index_hash": settings.index_hash(),
        "store": "flat" if live < APPROX_FROM else "ivf",
        "n_chunks": live,
        "scanned_at_ns": scanned_at,
        "segments": segments,
        "docs": dict(sorted(entries.items())),
    }
    if len(segments) > MAX_SEGMENTS or sum(m["chunks"] for m in segments.values()) > 2 * live + 1000:
        docs, chunks, vectors, _ = _assemble(index_dir, manifest)  # compaction: dead copies dropped
        seg, meta = _write_segment(index_dir, list(docs.values()), chunks, vectors)
        manifest["segments"] = {seg: meta}
        for e in manifest["docs"].values():
            e["segment"] = seg
    tmp = index_dir / f".tmp-{version}"
    tmp.mkdir(parents=True)
    if manifest["store"] != "flat":  # approximate stores are slow to build: built here, loaded as a file
        FaissStore.build(_assemble(index_dir, manifest)[2], manifest["store"]).save(tmp / "vectors.faiss")
    _write(tmp / "manifest.json", json.dumps(manifest, ensure_ascii=False))  # no indent: C encoder, 10x faster
    _fsync_dir(tmp)
    os.rename(tmp, index_dir / version)
    _fsync_dir(index_dir)
    _write(index_dir / "CURRENT.tmp", version + "\n")
    os.replace(index_dir / "CURRENT.tmp", index_dir / "CURRENT")
    _fsync_dir(index_dir)
    _collect_garbage(index_dir, keep=version)
    return version


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _collect_garbage(index_dir: Path, keep: str) -> None:
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


def _read_manifest(settings: Settings) -> dict:
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
    if manifest.get("index_hash") != settings.index_hash():
        raise IndexMismatch(
            f"index was built with embedder {manifest.get('embedder')} and chunking {manifest.get('chunking')}, "
            f"settings now ask for {settings.embedder} and {settings.chunk_sentences}/{settings.chunk_overlap}; "
            "rebuild with `rag index --rebuild`")
    return manifest


def _assemble(index_dir: Path, manifest: dict) -> tuple[dict[str, Document], list[Chunk], np.ndarray,
                                                        list[tuple[str, np.ndarray]]]:
    """The live articles, chunks (ids in order) and vectors of a version, gathered from its segments, and
    per segment the global chunk id of each of its rows (-1 for a dead copy)."""
    live = manifest["docs"]
    docs: dict[str, Document] = {}
    chunks: list[Chunk] = []
    parts: list[np.ndarray] = []
    rows: list[tuple[str, np.ndarray]] = []
    for seg in manifest["segments"]:
        path = index_dir / "segments" / seg
        for line in (path / "docs.jsonl").read_text(encoding="utf-8").splitlines():
            d = Document(**json.loads(line))
            if live.get(d.name, {}).get("segment") == seg:
                docs[d.name] = d
        keep = []
        lines = (path / "chunks.jsonl").read_text().splitlines()
        ids = np.full(len(lines), -1, dtype=np.int64)
        for i, line in enumerate(lines):
            name, a, b = json.loads(line)
            if live.get(name, {}).get("segment") == seg:
                keep.append(i)
                ids[i] = len(chunks)
                chunks.append(Chunk(len(chunks), name, a, b, docs[name].text[a:b]))
        vecs = np.load(path / "vectors.npy", mmap_mode="r")
        parts.append(np.asarray(vecs[keep], dtype=np.float32))
        rows.append((seg, ids))
    dim = int(manifest["dim"])
    vectors = np.concatenate(parts) if parts else np.zeros((0, dim), np.float32)
    return docs, chunks, vectors, rows


def load(settings: Settings) -> Index:
    """Load the live version; clear errors when it is missing, damaged or built with other settings."""
    manifest = _read_manifest(settings)
    version = manifest["version"]
    path = settings.index_dir / version
    try:
        docs, chunks, vectors, rows = _assemble(settings.index_dir, manifest)
        if manifest["store"] == "flat":
            store = FaissStore.build(vectors, "flat")  # a memory copy: faster than reading a second file
        else:
            store = FaissStore.load(path / "vectors.faiss")
    except (OSError, ValueError, KeyError, RuntimeError, TypeError, IndexError) as e:
        raise IndexMissing(f"index version {version} in {settings.index_dir} is damaged "
                           f"({type(e).__name__}: {e}); rebuild it with `rag index --rebuild`") from None
    counts = {len(chunks), len(vectors), store.index.ntotal, manifest["n_chunks"]}
    if set(docs) != set(manifest["docs"]) or len(counts) != 1:
        raise IndexMissing(f"index version {version} is inconsistent (articles or chunk counts differ from "
                           "its manifest); rebuild it with `rag index --rebuild`")
    return Index(version, path, manifest, docs, chunks, vectors, store, rows)
