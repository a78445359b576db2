"""BM25 (Okapi, k1=1.5, b=0.75) over chunk texts, persisted with the index: nothing is rebuilt at load.

Each index segment stores the postings of its own chunks (`Postings`, written once with the segment, like
its vectors): a vocabulary (term -> row of a CSR table), and per posting the chunk's row in the segment and
the term's frequency there, plus each chunk's length in terms. All of it is numpy arrays read with mmap, so
loading a version costs reading its vocabularies, not re-tokenising every chunk (1M chunks: 43 s and 400 MB
to rebuild in memory before; `python bench/bench.py lexical`).

`BM25` searches the live rows of a version's segments (rows of articles changed or removed since a segment
was written are masked out): idf, document frequencies and the average length are those of the live
chunks, computed at query time from the few query terms' postings, so a re-index writes postings only for
what changed and the scores equal those of one BM25 built over the live chunks (tested).
"""

from __future__ import annotations

import json
from array import array
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .text import terms

FILES = ("lex_vocab.json", "lex_offsets.npy", "lex_rows.npy", "lex_tf.npy", "lex_len.npy")


@dataclass(frozen=True)
class Postings:
    """One segment's postings, sorted by term then row (CSR: term t's postings are offsets[t]:offsets[t+1])."""

    vocab: dict[str, int]
    offsets: np.ndarray  # int64, len(vocab) + 1
    rows: np.ndarray  # int32, the chunk's row in its segment
    tf: np.ndarray  # float32, the term's count in that chunk
    length: np.ndarray  # float32, per row: the chunk's number of terms

    @staticmethod
    def build(texts: list[str]) -> Postings:
        n = len(texts)
        vocab: dict[str, int] = {}
        term_ids, row_ids, lengths = array("i"), array("i"), array("f")
        for i, t in enumerate(texts):
            ts = terms(t)
            lengths.append(len(ts))
            term_ids.extend(vocab.setdefault(w, len(vocab)) for w in ts)
            row_ids.extend([i] * len(ts))
        key = np.frombuffer(term_ids, dtype=np.int32).astype(np.int64) * max(n, 1) \
            + np.frombuffer(row_ids, dtype=np.int32)
        key, tf = np.unique(key, return_counts=True)
        term_of = key // max(n, 1)
        offsets = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(np.bincount(term_of, minlength=len(vocab)), out=offsets[1:])
        return Postings(vocab, offsets, (key % max(n, 1)).astype(np.int32), tf.astype(np.float32),
                        np.frombuffer(lengths, dtype=np.float32).copy())

    def save(self, folder: Path) -> None:
        """Write the five files into `folder` (the caller fsyncs the folder)."""
        with open(folder / FILES[0], "w", encoding="utf-8") as fh:
            json.dump(list(self.vocab), fh, ensure_ascii=False)  # the term of row t is item t
        for name, arr in zip(FILES[1:], (self.offsets, self.rows, self.tf, self.length), strict=True):
            with open(folder / name, "wb") as fh:
                np.save(fh, arr)

    @staticmethod
    def load(folder: Path) -> Postings:
        words = json.loads((folder / FILES[0]).read_text(encoding="utf-8"))
        arrays = [np.load(folder / name, mmap_mode="r") for name in FILES[1:]]
        return Postings({w: i for i, w in enumerate(words)}, *arrays)

    def term(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        """(rows, tf) of one term; empty for an unknown term."""
        t = self.vocab.get(word)
        if t is None:
            return self.rows[:0], self.tf[:0]
        a, b = self.offsets[t], self.offsets[t + 1]
        return self.rows[a:b], self.tf[a:b]


class BM25:
    """BM25 over the live rows of several segments' postings. `parts` pairs each segment's postings with
    the global chunk id of each of its rows (-1: a dead row, not searched)."""

    def __init__(self, parts: list[tuple[Postings, np.ndarray]], k1: float = 1.5, b: float = 0.75) -> None:
        self.parts, self.k1, self.b = parts, k1, b
        self.n = int(sum(int((ids >= 0).sum()) for _, ids in parts))
        total = sum(float(p.length[ids >= 0].sum()) for p, ids in parts)
        self.avg = max(total / self.n, 1e-9) if self.n else 1.0
        self.size = max((int(ids.max()) + 1 for _, ids in parts if len(ids)), default=0)

    @staticmethod
    def from_texts(texts: list[str]) -> BM25:
        """One segment holding every text, row i = chunk id i."""
        return BM25([(Postings.build(texts), np.arange(len(texts), dtype=np.int64))])

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """Top-k (chunk id, score), best first; only chunks sharing a term with the query.

        >>> BM25.from_texts(["boats on the river", "the river flood", "a cat"]).search("river boats", 2)
        [(0, 1.33...), (1, 0.43...)]
        """
        acc = np.zeros(self.size, dtype=np.float32)
        hit = False
        for word in set(terms(query)):
            found = []
            for p, ids in self.parts:
                rows, tf = p.term(word)
                if len(rows):
                    gid = ids[rows]
                    live = gid >= 0
                    found.append((gid[live], tf[live], p.length[rows[live]]))
            df = sum(len(g) for g, _, _ in found)
            if not df:
                continue
            hit = True
            idf = np.float32(np.log(1 + (self.n - df + 0.5) / (df + 0.5)))
            for gid, tf, length in found:  # a chunk's id is unique within one term's live postings
                acc[gid] += idf * tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * length / self.avg))
        if not hit:
            return []
        cand = np.flatnonzero(acc)
        if len(cand) > k:
            cand = cand[np.argpartition(-acc[cand], k - 1)[:k]]
        top = cand[np.lexsort((cand, -acc[cand]))]
        return [(int(i), float(acc[i])) for i in top]
