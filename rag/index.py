"""The open index of one version: articles, chunks, the vector store and BM25, ready to search.

Written by rag/build.py in the format of rag/segments.py; `load` opens the live version without reading it
whole: articles and chunks are read on demand (rag/records.py), BM25 postings and vectors are mapped.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from .aliases import Aliases, mine
from .errors import IndexMissing
from .lexical import BM25, Postings
from .records import Records
from .segments import check_files, read_manifest
from .settings import Settings
from .stores import VectorStore, store_engine
from .text import split_sentences
from .types import Chunk, Document


@dataclass
class Index:
    version: str
    path: Path
    manifest: dict
    records: Records
    store: VectorStore

    @property
    def docs(self) -> Mapping[str, Document]:
        return self.records.docs

    @property
    def chunks(self) -> Sequence[Chunk]:
        return self.records.chunks

    @property
    def rows(self) -> list[tuple[str, np.ndarray]]:
        """Per segment, the global chunk id of each of its rows (-1 for a dead copy)."""
        return self.records.rows

    @cached_property
    def vectors(self) -> np.ndarray:
        """The live chunks' vectors in chunk-id order, gathered into memory on first use (not by search)."""
        return self.records.vectors()

    @cached_property
    def bm25(self) -> BM25:
        """The segments' persisted postings, read on first search (mmap), not at load: re-indexing loads
        the previous version without searching."""
        return BM25([(Postings.load(self.path.parent / "segments" / seg), ids) for seg, ids in self.rows])

    @cached_property
    def outlets(self) -> frozenset[str]:
        """Outlet names of the indexed articles, lower-cased (those of 4 characters or more)."""
        return frozenset(o.lower() for o in self.records.docs.outlets() if len(o) >= 4)

    @cached_property
    def aliases(self) -> Aliases:
        """The names the articles give for one actor (rag/aliases.py), mined from every article on first
        use and kept in the version's folder (aliases.json), so that a large index mines them once."""
        cache = self.path / "aliases.json"
        try:
            return Aliases(tuple(p) for p in json.loads(cache.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            pass
        pairs = sorted({p for name in self.docs for p in mine(self.docs[name].text)})
        try:
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")  # two processes may mine at once
            tmp.write_text(json.dumps(pairs), encoding="utf-8")
            tmp.replace(cache)
        except OSError:
            pass  # a read-only index: mined again by the next process
        return Aliases(pairs)

    @cached_property
    def sentences(self) -> Sentences:
        """Sentence spans of an article, split on first use (not all at load: 0.4M articles take minutes)."""
        return Sentences(self.docs)

    @cached_property
    def sentence_vectors(self) -> dict[tuple[str, int, int], np.ndarray]:
        """Embeddings of source sentences already shown for a question, by (doc, start, end): questions
        on one story meet the same sentences again. Filled by retrieval, bounded there; goes with this
        index version."""
        return {}


class Sentences(dict[str, list[tuple[int, int]]]):
    """doc name -> its sentence spans, computed when first asked for."""

    def __init__(self, docs: Mapping[str, Document]) -> None:
        super().__init__()
        self.docs = docs

    def __missing__(self, name: str) -> list[tuple[int, int]]:
        spans = self[name] = split_sentences(self.docs[name].text)
        return spans


def load(settings: Settings) -> Index:
    """Open the live version; clear errors when it is missing, damaged or built with other settings."""
    manifest = read_manifest(settings)
    version = manifest["version"]
    path = settings.index_dir / version
    try:
        check_files(settings.index_dir, manifest)
        records = Records(settings.index_dir, manifest)
        store = store_engine(settings).open(settings.index_dir, path, manifest, records.vectors, records.rows)
    except IndexMissing as e:
        raise IndexMissing(f"index version {version} in {settings.index_dir} is damaged ({e}); rebuild it with "
                           "`rag index --rebuild`") from None
    except (OSError, ValueError, KeyError, RuntimeError, TypeError, IndexError, sqlite3.Error) as e:
        raise IndexMissing(f"index version {version} in {settings.index_dir} is damaged "
                           f"({type(e).__name__}: {e}); rebuild it with `rag index --rebuild`") from None
    if len(records.docs) != len(manifest["docs"]) or len({len(records.chunks), len(store), manifest["n_chunks"]}) != 1:
        raise IndexMissing(f"index version {version} is inconsistent (articles or chunk counts differ from "
                           "its manifest); rebuild it with `rag index --rebuild`")
    return Index(version, path, manifest, records, store)
