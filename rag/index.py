"""The persisted index: build it, bring it up to date, load it. Incremental, atomic, one writer at a time.

Layout of `index_dir`:

    CURRENT            name of the live version folder (replaced atomically with os.replace)
    .lock              flock held by the one writer
    v-<time>-<rand>/   manifest.json, docs.jsonl, chunks.jsonl, vectors.npy, vectors.faiss

A new version is written whole beside the live one, fsynced, and only then named in CURRENT, so a crash
at any moment leaves CURRENT pointing at a complete version. Readers compare CURRENT with what they
loaded and reload when it changes.
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

import numpy as np
from tqdm import tqdm

from .corpus import list_files, read_document
from .embed import Embedder
from .errors import CorpusError, IndexBusy, IndexMismatch, IndexMissing, IndexWriteError
from .lexical import BM25
from .settings import Settings
from .store import FaissStore, VectorStore
from .text import chunk_windows, split_sentences
from .types import Chunk, Document

FORMAT_VERSION = 1
KEEP_VERSIONS = 2


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

    @cached_property
    def bm25(self) -> BM25:
        """Built on first search, not at load: re-indexing loads the previous version without searching."""
        return BM25([c.text for c in self.chunks])

    @cached_property
    def sentences(self) -> dict[str, list[tuple[int, int]]]:
        return {name: split_sentences(d.text) for name, d in self.docs.items()}


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
        prev = _load_previous(settings, embedder, report, rebuild)
        files, skipped = list_files(corpus)
        report.failed += [(s.name, s.reason) for s in skipped]
        docs: list[Document] = []
        seen_hash: dict[str, str] = {}
        for path in files:
            try:
                doc = read_document(corpus, path, settings.max_file_bytes)
            except CorpusError as e:
                name = path.relative_to(corpus).as_posix()
                if prev is not None and name in prev.docs:
                    docs.append(prev.docs[name])
                    report.failed.append((name, f"{e} (kept the previously indexed version)"))
                else:
                    report.failed.append((name, str(e)))
                continue
            if doc.sha256 in seen_hash:
                report.failed.append((doc.name, f"same text as {seen_hash[doc.sha256]}; not indexed twice"))
                continue
            seen_hash[doc.sha256] = doc.name
            docs.append(doc)

        chunks: list[Chunk] = []
        vecs: list[np.ndarray] = []
        to_embed: list[tuple[Document, list[Chunk]]] = []
        prev_ids: dict[str, list[int]] = {}  # previous chunk ids by document, grouped once
        for c in prev.chunks if prev else []:
            prev_ids.setdefault(c.doc, []).append(c.id)
        failed = {n for n, _ in report.failed}
        for doc in docs:
            old = prev.docs.get(doc.name) if prev else None
            if prev is not None and old is not None and old.sha256 == doc.sha256:
                ids = prev_ids.get(doc.name, [])
                new = [Chunk(len(chunks) + k, c.doc, c.start, c.end, c.text)
                       for k, c in enumerate(prev.chunks[i] for i in ids)]
                chunks += new
                vecs.append(prev.vectors[ids])
                if doc.name not in failed:
                    report.unchanged.append(doc.name)
            else:
                (report.changed if old is not None else report.added).append(doc.name)
                new = doc_chunks(doc, settings, len(chunks))
                chunks += new
                vecs.append(np.zeros((len(new), embedder.dim), dtype=np.float32))
                to_embed.append((doc, new))
        names = {d.name for d in docs}
        report.removed = sorted(n for n in (prev.docs if prev else {}) if n not in names)

        if prev is not None and not (report.added or report.changed or report.removed):
            report.version, report.chunks = prev.version, len(prev.chunks)
            report.seconds = time.perf_counter() - t0
            return report

        vectors = np.concatenate(vecs) if vecs else np.zeros((0, embedder.dim), np.float32)
        _embed_into(vectors, to_embed, embedder, progress)
        report.embedded_chunks = sum(len(c) for _, c in to_embed)
        report.chunks = len(chunks)
        try:
            report.version = _write_version(settings, embedder, docs, chunks, vectors)
        except OSError as e:  # disk full, permissions...: the live version is untouched
            _collect_garbage(index_dir, keep=current_version(index_dir) or "")
            raise IndexWriteError(f"could not write the new index version ({e.strerror or e}); "
                                  "the previous index is unchanged") from None
        report.seconds = time.perf_counter() - t0
        return report


def _embed_into(vectors: np.ndarray, jobs: list[tuple[Document, list[Chunk]]], embedder: Embedder,
                progress: bool, batch: int = 64) -> None:
    items = [(c.id, embed_text(d, c)) for d, cs in jobs for c in cs]
    bar = tqdm(total=len(items), desc="embedding chunks", unit="chunk", disable=not progress or not items)
    for i in range(0, len(items), batch):
        part = items[i:i + batch]
        vectors[[cid for cid, _ in part]] = embedder.embed([t for _, t in part])
        bar.update(len(part))
    bar.close()


def _load_previous(settings: Settings, embedder: Embedder, report: IndexReport, rebuild: bool) -> Index | None:
    if rebuild:
        report.rebuilt_reason = "asked for with --rebuild"
        return None
    if current_version(settings.index_dir) is None:
        return None
    try:
        return load(settings)
    except IndexMismatch as e:
        report.rebuilt_reason = str(e).split(";")[0]
    except (IndexMissing, OSError, ValueError, KeyError) as e:
        report.rebuilt_reason = f"previous index unreadable: {e}"
    return None


def _write_version(settings: Settings, embedder: Embedder, docs: list[Document], chunks: list[Chunk],
                   vectors: np.ndarray) -> str:
    index_dir = settings.index_dir
    version = f"v-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
    tmp = index_dir / f".tmp-{version}"
    tmp.mkdir(parents=True)
    store = FaissStore.build(vectors)
    manifest = {
        "format_version": FORMAT_VERSION,
        "version": version,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "embedder": embedder.name,
        "dim": embedder.dim,
        "chunking": {"unit": "sentences", "size": settings.chunk_sentences, "overlap": settings.chunk_overlap},
        "index_hash": settings.index_hash(),
        "store": store.kind,
        "n_chunks": len(chunks),
        "docs": {d.name: {"sha256": d.sha256, "title": d.title, "outlet": d.outlet, "chars": len(d.text)}
                 for d in docs},
    }
    _write(tmp / "docs.jsonl", "".join(json.dumps(asdict(d), ensure_ascii=False) + "\n" for d in docs))
    _write(tmp / "chunks.jsonl", "".join(json.dumps([c.doc, c.start, c.end]) + "\n" for c in chunks))
    with open(tmp / "vectors.npy", "wb") as fh:
        np.save(fh, vectors)
        fh.flush()
        os.fsync(fh.fileno())
    store.save(tmp / "vectors.faiss")
    _write(tmp / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))  # written last
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


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _collect_garbage(index_dir: Path, keep: str) -> None:
    """Delete unfinished temp folders and all but the newest KEEP_VERSIONS versions (the live one kept)."""
    for p in index_dir.glob(".tmp-v-*"):
        shutil.rmtree(p, ignore_errors=True)
    versions = sorted((p for p in index_dir.glob("v-*") if p.is_dir()), key=lambda p: p.name, reverse=True)
    for p in [v for v in versions if v.name != keep][KEEP_VERSIONS - 1:]:
        shutil.rmtree(p, ignore_errors=True)


def load(settings: Settings) -> Index:
    """Load the live version; clear errors when it is missing, damaged or built with other settings."""
    index_dir = settings.index_dir
    version = current_version(index_dir)
    if version is None:
        raise IndexMissing(f"no index in {index_dir}; build it with `rag index`")
    path = index_dir / version
    try:
        manifest = json.loads((path / "manifest.json").read_text())
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
    try:
        docs = {}
        for line in (path / "docs.jsonl").read_text(encoding="utf-8").splitlines():
            d = Document(**json.loads(line))
            docs[d.name] = d
        chunks = []
        for i, line in enumerate((path / "chunks.jsonl").read_text().splitlines()):
            name, a, b = json.loads(line)
            chunks.append(Chunk(i, name, a, b, docs[name].text[a:b]))
        vectors = np.load(path / "vectors.npy")
        store = FaissStore.load(path / "vectors.faiss")
    except (OSError, ValueError, KeyError, RuntimeError, TypeError) as e:
        raise IndexMissing(f"index version {version} in {index_dir} is damaged ({type(e).__name__}: {e}); "
                           "rebuild it with `rag index --rebuild`") from None
    if not (len(chunks) == len(vectors) == store.index.ntotal == manifest["n_chunks"]):
        raise IndexMissing(f"index version {version} is inconsistent (chunk and vector counts differ); "
                           "rebuild it with `rag index --rebuild`")
    return Index(version, path, manifest, docs, chunks, vectors, store)
