"""Bring the index up to date with the corpus: scan and diff the folders, embed what changed, write a version.

A re-index writes only what changed: a new segment with the added and changed articles, and a new version
whose manifest points each article at its segment (removed articles simply drop out of the manifest).
Unchanged files are recognised by size and modification time (as git does), and re-read and hashed when
those changed or are too close to the previous scan to be trusted. When segments hold more dead copies
than live ones (or too many segments pile up) the live data is compacted into one segment. The on-disk
format, the lock and garbage collection are in rag/segments.py.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from .corpus import file_names, list_files, read_articles, sources
from .embed import Embedder
from .errors import CorpusError, IndexMismatch, IndexMissing, IndexWriteError
from .readers import SUFFIXES
from .records import Records
from .segments import (
    FORMAT_VERSION,
    MAX_SEGMENTS,
    check_files,
    collect_garbage,
    current_version,
    fsync_dir,
    read_manifest,
    write_file,
    write_segment,
    writer_lock,
)
from .settings import Settings
from .stores import store_engine
from .text import chunk_windows, split_sentences
from .types import Chunk, Document

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

    def plain(self) -> str:
        """For the UI: what changed, in words, and how many articles can now be asked about.

        >>> IndexReport(added=["a.txt"], removed=["b.txt"], unchanged=["c.txt", "d.txt"], seconds=1.24).plain()
        'added 1 article, removed 1; 3 articles can be asked about now (1.2 s)'
        """
        did = [f"{w} {len(x)}" for w, x in (("added", self.added), ("updated", self.changed),
                                            ("removed", self.removed)) if x]
        if did:
            did[0] += " article" if did[0].endswith(" 1") else " articles"
        n = len(self.added) + len(self.changed) + len(self.unchanged)
        return (f"{', '.join(did) or 'nothing changed'}; {n} article{'s' if n != 1 else ''} can be asked about "
                f"now ({self.seconds:.1f} s)")

    def summary(self) -> str:
        s = (f"added {len(self.added)}, changed {len(self.changed)}, removed {len(self.removed)}, "
             f"unchanged {len(self.unchanged)}, failed {len(self.failed)}; {self.chunks} chunks "
             f"({self.embedded_chunks} embedded) in {self.seconds:.1f}s; version {self.version}")
        if self.rebuilt_reason:
            s = f"full rebuild ({self.rebuilt_reason}); " + s
        return s


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


def build_index(settings: Settings, embedder: Embedder, *, corpus_dir: Path | None = None, rebuild: bool = False,
          progress: bool = False, workers: int = 1, ray: str = "") -> IndexReport:
    """Bring the index in settings.index_dir up to date with the corpus folder (and the uploads folder);
    `workers` > 1 embeds the new chunks in that many processes, `ray` (an address, or "auto") as tasks on
    a Ray cluster (rag/embed_pool.py)."""
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
            found += [(folder, p, prefix, prefix + n) for p, n in zip(files, file_names(folder, files), strict=True)]
        entries: dict[str, dict] = {}  # the new manifest's articles
        new_docs: list[Document] = []
        seen_hash: dict[str, str] = {}
        by_file: dict[str, dict[str, dict]] = {}  # file -> its previously indexed articles (a dump holds many)
        for n, e in prev_docs.items():
            by_file.setdefault(e.get("file", n), {})[n] = e
        files_seen: set[str] = set()
        for folder, path, prefix, fname in found:
            if fname in files_seen:
                report.failed.append((fname, "an uploaded article has the name of a corpus file; not indexed"))
                continue
            files_seen.add(fname)
            olds = by_file.get(fname, {})
            try:
                st = path.stat()
                stat = {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
                if olds and all((e["size"], e["mtime_ns"]) == (st.st_size, st.st_mtime_ns) for e in olds.values()) \
                        and st.st_mtime_ns < trusted_before:
                    read: list[tuple[str, Document | None, dict]] = [(n, None, e) for n, e in olds.items()]
                else:
                    read = [(doc.name, doc, {"sha256": doc.sha256, "title": doc.title, "outlet": doc.outlet,
                                             "date": doc.date, "chars": len(doc.text), "file": fname, **stat})
                            for doc in read_articles(folder, path, settings.max_file_bytes, prefix)]
            except (CorpusError, OSError) as e:
                why = str(e) if isinstance(e, CorpusError) else f"{fname}: {e.strerror or e}"
                entries.update(olds)
                report.failed.append((fname, f"{why} (kept the previously indexed version)" if olds else why))
                continue
            for name, doc, entry in read:
                old = prev_docs.get(name)
                if doc is not None and old and old["sha256"] == doc.sha256:  # touched, not changed
                    doc, entry = None, {**old, **stat, "file": fname}
                if entry["sha256"] in seen_hash:
                    report.failed.append((name, f"same text as {seen_hash[entry['sha256']]}; not indexed twice"))
                    continue
                seen_hash[entry["sha256"]] = name
                entries[name] = entry
                if doc is None:
                    report.unchanged.append(name)
                else:
                    (report.changed if old else report.added).append(name)
                    new_docs.append(doc)
        report.removed = sorted(n for n in prev_docs if n not in entries)
        if not entries:  # nothing could be read: keep the last good index live rather than an empty one
            shown = "; ".join(why for _, why in report.failed[:3]) + (" …" if len(report.failed) > 3 else "")
            raise CorpusError(f"no article in {corpus} could be indexed "
                              + (f"({len(report.failed)} file(s) refused: {shown})" if report.failed
                                 else f"(it has no {'/'.join(SUFFIXES)} files)")
                              + ("; the previous index is still live" if prev else "; no index was written"))

        if prev is not None and not (report.added or report.changed or report.removed) \
                and all(prev_docs.get(n) == e for n, e in entries.items()):
            report.version, report.chunks = prev["version"], prev["n_chunks"]
            report.seconds = time.perf_counter() - t0
            return report
        try:
            report.version = _write_version(settings, embedder, prev, entries, new_docs, scanned_at, report,
                                            progress, workers, ray)
        except OSError as e:  # disk full, permissions...: the live version is untouched
            collect_garbage(index_dir, keep=current_version(index_dir) or "", store=store_engine(settings))
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
        manifest = read_manifest(settings)
        check_files(settings.index_dir, manifest)
        return manifest
    except IndexMismatch as e:
        report.rebuilt_reason = str(e).split(";")[0]
    except (IndexMissing, OSError, ValueError, KeyError, TypeError) as e:
        report.rebuilt_reason = f"previous index unreadable: {e}"
    return None


def _embed_into(vectors: np.ndarray, jobs: list[tuple[Document, list[Chunk]]], embedder: Embedder,
                progress: bool, batch: int = 64, workers: int = 1, ray: str = "") -> None:
    items = [(c.id, embed_text(d, c)) for d, cs in jobs for c in cs]
    bar = tqdm(total=len(items), desc="embedding chunks", unit="chunk", disable=not progress or not items)
    if ray and items:
        from .embed_pool import embed_on_ray

        vectors[[cid for cid, _ in items]] = embed_on_ray([t for _, t in items], embedder.name, ray, bar.update)
    elif workers > 1 and len(items) > batch:
        from .embed_pool import embed_in_processes

        vectors[[cid for cid, _ in items]] = embed_in_processes([t for _, t in items], embedder.name, workers,
                                                                bar.update)
    else:
        for i in range(0, len(items), batch):
            part = items[i:i + batch]
            vectors[[cid for cid, _ in part]] = embedder.embed([t for _, t in part])
            bar.update(len(part))
    bar.close()


def _live_vectors(index_dir: Path, manifest: dict) -> np.ndarray:
    with Records(index_dir, manifest) as records:
        return records.vectors()


def _write_version(settings: Settings, embedder: Embedder, prev: dict | None, entries: dict[str, dict],
                   new_docs: list[Document], scanned_at: int, report: IndexReport, progress: bool,
                   workers: int = 1, ray: str = "") -> str:
    index_dir = settings.index_dir
    store = store_engine(settings)
    # the new articles' chunks and vectors: the only embedding work
    jobs: list[tuple[Document, list[Chunk]]] = []
    chunks: list[Chunk] = []
    for doc in new_docs:
        cs = doc_chunks(doc, settings, len(chunks))
        chunks += cs
        jobs.append((doc, cs))
    vectors = np.zeros((len(chunks), embedder.dim), np.float32)
    _embed_into(vectors, jobs, embedder, progress, workers=workers, ray=ray)
    report.embedded_chunks = len(chunks)
    segments: dict[str, dict] = dict(prev["segments"]) if prev else {}
    if new_docs:
        seg, meta = write_segment(index_dir, new_docs, chunks, vectors, store)
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
        "vector_store": store.name,
        "store": "",  # the kind of search, set by the store below
        "n_chunks": live,
        "scanned_at_ns": scanned_at,
        "segments": segments,
        "docs": dict(sorted(entries.items())),
    }
    if len(segments) > MAX_SEGMENTS or sum(m["chunks"] for m in segments.values()) > 2 * live + 1000:
        with Records(index_dir, manifest) as records:  # compaction: dead copies dropped
            seg, meta = write_segment(index_dir, list(records.docs.values()), list(records.chunks), records.vectors(),
                                      store)
        manifest["segments"] = {seg: meta}
        for e in manifest["docs"].values():
            e["segment"] = seg
    tmp = index_dir / f".tmp-{version}"
    tmp.mkdir(parents=True)
    manifest["store"] = store.write_version(tmp, live, lambda: _live_vectors(index_dir, manifest))
    manifest["bytes"] = {f.name: f.stat().st_size for f in sorted(tmp.iterdir()) if f.is_file()}  # e.g. vectors.faiss
    write_file(tmp / "manifest.json", json.dumps(manifest, ensure_ascii=False))  # no indent: C encoder, 10x faster
    fsync_dir(tmp)
    os.rename(tmp, index_dir / version)
    fsync_dir(index_dir)
    write_file(index_dir / "CURRENT.tmp", version + "\n")
    os.replace(index_dir / "CURRENT.tmp", index_dir / "CURRENT")
    fsync_dir(index_dir)
    collect_garbage(index_dir, keep=version, store=store)
    return version
