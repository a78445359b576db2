"""The loaded index of one version: articles, chunks, vectors, the vector store and BM25, ready to search.

Written by rag/build.py in the format of rag/segments.py; `load` reads the live version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from .errors import IndexMissing
from .lexical import BM25, Postings
from .segments import assemble, read_manifest
from .settings import Settings
from .stores import VectorStore, store_engine
from .text import split_sentences
from .types import Chunk, Document


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

    def __init__(self, docs: dict[str, Document]) -> None:
        super().__init__()
        self.docs = docs

    def __missing__(self, name: str) -> list[tuple[int, int]]:
        spans = self[name] = split_sentences(self.docs[name].text)
        return spans


def load(settings: Settings) -> Index:
    """Load the live version; clear errors when it is missing, damaged or built with other settings."""
    manifest = read_manifest(settings)
    version = manifest["version"]
    path = settings.index_dir / version
    try:
        docs, chunks, vectors, rows = assemble(settings.index_dir, manifest)
        store = store_engine(settings).open(settings.index_dir, path, manifest, vectors, rows)
    except (OSError, ValueError, KeyError, RuntimeError, TypeError, IndexError) as e:
        raise IndexMissing(f"index version {version} in {settings.index_dir} is damaged "
                           f"({type(e).__name__}: {e}); rebuild it with `rag index --rebuild`") from None
    counts = {len(chunks), len(vectors), len(store), manifest["n_chunks"]}
    if set(docs) != set(manifest["docs"]) or len(counts) != 1:
        raise IndexMissing(f"index version {version} is inconsistent (articles or chunk counts differ from "
                           "its manifest); rebuild it with `rag index --rebuild`")
    return Index(version, path, manifest, docs, chunks, vectors, store, rows)
