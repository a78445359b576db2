"""BM25 (Okapi, k1=1.5, b=0.75) over chunk texts, built in memory from the stored chunks on first search.

Postings are one CSR structure (term -> slice of chunk ids and precomputed weights) built with numpy: 8
bytes a posting rather than Python objects. A query adds its terms' postings into one score array (at 1M
chunks 4 MB) and partitions out the top k. Figures: `python bench/bench.py lexical`.
"""

from __future__ import annotations

from array import array

import numpy as np

from .text import terms


class BM25:
    def __init__(self, texts: list[str], k1: float = 1.5, b: float = 0.75) -> None:
        self.n = len(texts)
        vocab: dict[str, int] = {}
        term_ids, doc_ids, lengths = array("i"), array("i"), array("f")
        for i, t in enumerate(texts):
            ts = terms(t)
            lengths.append(len(ts))
            term_ids.extend(vocab.setdefault(w, len(vocab)) for w in ts)
            doc_ids.extend([i] * len(ts))
        n_terms = len(vocab)
        # one posting per (term, chunk) with its term frequency, sorted by term then chunk
        key = np.frombuffer(term_ids, dtype=np.int32).astype(np.int64) * max(self.n, 1) \
            + np.frombuffer(doc_ids, dtype=np.int32)
        key, tf = np.unique(key, return_counts=True)
        term_of = key // max(self.n, 1)
        self.ids = (key % max(self.n, 1)).astype(np.int32)
        self.offsets = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(np.bincount(term_of, minlength=n_terms), out=self.offsets[1:])
        df = np.diff(self.offsets).astype(np.float64)
        idf = np.log(1 + (self.n - df + 0.5) / (df + 0.5)).astype(np.float32)
        length = np.frombuffer(lengths, dtype=np.float32)
        avg = max(float(length.mean()), 1e-9) if self.n else 1.0
        tf = tf.astype(np.float32)
        norm = tf * (k1 + 1) / (tf + k1 * (1 - b + b * length[self.ids] / avg))
        self.weights = (idf[term_of] * norm).astype(np.float32)
        self.vocab = vocab

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(chunk ids, weights) of one term; empty arrays for an unknown term."""
        t = self.vocab.get(term)
        if t is None:
            return self.ids[:0], self.weights[:0]
        a, b = self.offsets[t], self.offsets[t + 1]
        return self.ids[a:b], self.weights[a:b]

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """Top-k (chunk id, score), best first; only chunks sharing a term with the query.

        >>> BM25(["boats on the river", "the river flood", "a cat"]).search("river boats", 2)
        [(0, 1.33...), (1, 0.43...)]
        """
        hits = [self.postings(t) for t in set(terms(query)) if t in self.vocab]
        if not hits:
            return []
        acc = np.zeros(self.n, dtype=np.float32)  # ids are unique within one term's postings
        for ids, w in hits:
            acc[ids] += w
        cand = np.flatnonzero(acc)
        if len(cand) > k:
            cand = cand[np.argpartition(-acc[cand], k - 1)[:k]]
        top = cand[np.lexsort((cand, -acc[cand]))]
        return [(int(i), float(acc[i])) for i in top]
