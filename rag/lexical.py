"""BM25 (Okapi, k1=1.5, b=0.75) over chunk texts, built in memory from the stored chunks at load time.

Postings are numpy arrays per term, so a query costs the length of its terms' postings, not the corpus.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import numpy as np

from .text import terms


class BM25:
    def __init__(self, texts: list[str], k1: float = 1.5, b: float = 0.75) -> None:
        self.n = len(texts)
        lengths = np.zeros(self.n, dtype=np.float32)
        post: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, t in enumerate(texts):
            counts = Counter(terms(t))
            lengths[i] = sum(counts.values())
            for term, c in counts.items():
                post[term].append((i, c))
        avg = max(float(lengths.mean()), 1e-9) if self.n else 1.0
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, pairs in post.items():
            ids = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
            tf = np.fromiter((p[1] for p in pairs), dtype=np.float32, count=len(pairs))
            idf = math.log(1 + (self.n - len(pairs) + 0.5) / (len(pairs) + 0.5))
            norm = tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[ids] / avg))
            self.postings[term] = (ids, (idf * norm).astype(np.float32))

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """Top-k (chunk id, score), best first; only chunks sharing a term with the query."""
        hits = [self.postings[t] for t in set(terms(query)) if t in self.postings]
        if not hits:
            return []
        acc = np.zeros(self.n, dtype=np.float32)
        for ids, w in hits:
            acc[ids] += w
        cand = np.nonzero(acc)[0]
        if len(cand) > k:
            part = np.argpartition(-acc[cand], k - 1)[:k]
            cand = cand[part]
        top = cand[np.lexsort((cand, -acc[cand]))]
        return [(int(i), float(acc[i])) for i in top]
