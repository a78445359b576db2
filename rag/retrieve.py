"""Hybrid retrieval: dense (FAISS) and BM25 fused by reciprocal rank, diversified across articles,
then narrowed to the source sentences the model will see.

Diversity is the point: on a disputed fact every article that speaks to it must reach the model, so no
article may take more than `per_doc_chunks` of the chunks, and the sentence budget is shared round-robin
between articles before the best remaining sentences fill it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .check import looks_like_injection
from .embed import Embedder
from .index import Index
from .settings import Settings
from .text import content_words

RRF_K = 60


@dataclass(frozen=True)
class Source:
    """A numbered source sentence shown to the model."""

    n: int
    doc: str
    start: int
    end: int
    text: str
    score: float  # cosine with the question


@dataclass(frozen=True)
class Retrieval:
    chunk_ids: tuple[int, ...]
    best_dense: float
    sources: tuple[Source, ...]
    vectors: np.ndarray  # embeddings of sources, row i for sources[i]
    question_vector: np.ndarray
    skipped_instructions: int = 0  # sentences left out because they read like instructions to a model


def fuse(rankings: list[list[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion of several ranked id lists, best first (ties by id).

    >>> fuse([[1, 2, 3], [3, 1]])
    [(1, 0.03252247488101534), (3, 0.032266458495966696), (2, 0.016129032258064516)]
    """
    scores: dict[int, float] = {}
    for ranking in rankings:
        for r, i in enumerate(ranking):
            scores[i] = scores.get(i, 0.0) + 1.0 / (k + r + 1)
    return sorted(scores.items(), key=lambda x: (-x[1], x[0]))


def diversify(ranked: list[int], doc_of: dict[int, str], n: int, per_doc: int) -> list[int]:
    """Take ids in rank order, at most `per_doc` from one document, until `n` are taken.

    >>> diversify([1, 2, 3, 4, 5], {1: "a", 2: "a", 3: "a", 4: "b", 5: "c"}, 4, 2)
    [1, 2, 4, 5]
    """
    taken: list[int] = []
    count: dict[str, int] = {}
    for i in ranked:
        d = doc_of[i]
        if count.get(d, 0) < per_doc:
            taken.append(i)
            count[d] = count.get(d, 0) + 1
            if len(taken) == n:
                break
    return taken


def retrieve(question: str, index: Index, embedder: Embedder, settings: Settings) -> Retrieval:
    q = embedder.embed([question])[0]
    pool = settings.top_chunks * 4
    dense_scores, dense_ids = index.store.search(q[None, :], pool)
    dense = [int(i) for i in dense_ids[0] if i >= 0]
    best_dense = float(dense_scores[0][0]) if dense else 0.0
    lexical = [i for i, _ in index.bm25.search(question, pool)]
    fused = [i for i, _ in fuse([dense, lexical])]
    chunk_ids = diversify(fused, {i: index.chunks[i].doc for i in fused}, settings.top_chunks,
                          settings.per_doc_chunks)
    return _select_sentences(question, q, chunk_ids, best_dense, index, embedder, settings)


SENTENCE_CACHE = 50_000  # sentence vectors kept per index version (~75 MB at 384 dimensions)


def sentence_vectors(spans: list[tuple[str, int, int]], texts: list[str], index: Index,
                     embedder: Embedder) -> np.ndarray:
    """Vectors of the given sentences, embedding only those not met before. Embedding a question's ~50
    candidate sentences is most of retrieval's time (seed questions: p50 527 ms uncached, 17 ms cached)."""
    cache = index.sentence_vectors
    got = [cache.get(span) for span in spans]  # read once: another thread may clear the cache meanwhile
    new = [i for i, v in enumerate(got) if v is None]
    if new:
        if len(cache) + len(new) > SENTENCE_CACHE:
            cache.clear()
        for i, v in zip(new, embedder.embed([texts[i] for i in new]), strict=True):
            got[i] = cache[spans[i]] = v
    return np.stack([v for v in got if v is not None]).astype(np.float32, copy=False)


def _select_sentences(question: str, q: np.ndarray, chunk_ids: list[int], best_dense: float, index: Index,
                      embedder: Embedder, settings: Settings) -> Retrieval:
    spans: dict[tuple[str, int, int], None] = {}
    skipped = 0
    for cid in chunk_ids:
        c = index.chunks[cid]
        for a, b in index.sentences[c.doc]:
            if a >= c.start and b <= c.end and (c.doc, a, b) not in spans:
                if looks_like_injection(index.docs[c.doc].text[a:b]):
                    skipped += 1
                    continue
                spans[(c.doc, a, b)] = None
    cand = list(spans)
    if not cand:
        return Retrieval(tuple(chunk_ids), best_dense, (), np.zeros((0, 1), np.float32), q, skipped)
    texts = [index.docs[d].text[a:b] for d, a, b in cand]
    vecs = sentence_vectors(cand, texts, index, embedder)
    qwords = content_words(question)
    lex = np.array([len(qwords & content_words(t)) / max(len(qwords), 1) for t in texts], dtype=np.float32)
    score = vecs @ q + 0.3 * lex
    order = sorted(range(len(cand)), key=lambda i: -score[i])
    by_doc: dict[str, list[int]] = {}
    for i in order:
        by_doc.setdefault(cand[i][0], []).append(i)
    chosen: list[int] = []
    # round-robin: each article's best sentences first, two rounds, articles in order of their best score
    for _ in range(2):
        for d in sorted(by_doc, key=lambda d: -score[by_doc[d][0]]):
            rest = [i for i in by_doc[d] if i not in chosen]
            if rest and len(chosen) < settings.context_sentences:
                chosen.append(rest[0])
    for i in order:
        if len(chosen) >= settings.context_sentences:
            break
        if i not in chosen:
            chosen.append(i)
    # grouped by article, the article with the closest sentence first, each article's closest sentence
    # first: a small model tends to pick what it reads first
    best = {d: max(score[i] for i in chosen if cand[i][0] == d) for d in {cand[i][0] for i in chosen}}
    chosen.sort(key=lambda i: (-best[cand[i][0]], cand[i][0], -score[i]))
    sources = tuple(Source(n + 1, cand[i][0], cand[i][1], cand[i][2], texts[i], float(vecs[i] @ q))
                    for n, i in enumerate(chosen))
    return Retrieval(tuple(chunk_ids), best_dense, sources, vecs[chosen], q, skipped)
