"""Hybrid retrieval: dense (FAISS) and BM25 fused by reciprocal rank, then narrowed to the few articles
the model will read, each with a short excerpt of its own.

Articles are read one at a time (rag/read.py), so what matters is which articles are read and which of
their sentences: the `read_articles` articles closest to the question that mention what the question names
(its places, names and years: an article about another town's fire cannot answer for this one), each with
windows around its best sentences, at most `read_sentences`, in article order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .embed import Embedder
from .guard import looks_like_injection
from .index import Index
from .settings import Settings
from .support import about_question, text_words
from .text import content_words
from .types import Document

RRF_K = 60
POOL = 60  # chunks taken from each first-stage ranking


@dataclass(frozen=True)
class Source:
    """A numbered sentence of an excerpt shown to the model."""

    n: int
    doc: str
    start: int
    end: int
    text: str
    score: float  # closeness to the question: cosine + 0.3 x share of the question's words


@dataclass(frozen=True)
class Passage:
    """One article's excerpt: its sentences closest to the question with their neighbours, in article order."""

    doc: str
    sources: tuple[Source, ...]
    score: float  # the best sentence's score


@dataclass(frozen=True)
class Retrieval:
    best_dense: float
    passages: tuple[Passage, ...]
    set_aside: tuple[tuple[str, str], ...] = ()  # (doc, why): close to the question but not about what it names
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


def retrieve(question: str, index: Index, embedder: Embedder, settings: Settings) -> Retrieval:
    q = embedder.embed([question])[0]
    pool = max(POOL, settings.read_articles * settings.per_doc_chunks * 4)
    dense_scores, dense_ids = index.store.search(q[None, :], pool)
    dense = [int(i) for i in dense_ids[0] if i >= 0]
    best_dense = float(dense_scores[0][0]) if dense else 0.0
    lexical = [i for i, _ in index.bm25.search(question, pool)]
    fused = [i for i, _ in fuse([dense, lexical])]
    chunks_of: dict[str, list[int]] = {}
    set_aside: list[tuple[str, str]] = []
    seen: set[str] = set()  # articles already kept or set aside
    for cid in fused:  # articles in fused order, each with its best chunks
        doc = index.chunks[cid].doc
        if doc in chunks_of:
            if len(chunks_of[doc]) < settings.per_doc_chunks:
                chunks_of[doc].append(cid)
            continue
        if doc in seen:
            continue
        seen.add(doc)
        missing = about_question(question, text_words(index.docs[doc].text))
        if missing:
            set_aside.append((doc, f"does not mention {', '.join(missing)}"))
            continue
        if len(chunks_of) < 2 * settings.read_articles:
            chunks_of[doc] = [cid]
    return _passages(question, q, chunks_of, best_dense, tuple(set_aside), index, embedder, settings)


def _passages(question: str, q: np.ndarray, chunks_of: dict[str, list[int]], best_dense: float,
              set_aside: tuple[tuple[str, str], ...], index: Index, embedder: Embedder,
              settings: Settings) -> Retrieval:
    spans: dict[tuple[str, int, int], None] = {}
    skipped = 0
    for doc, cids in chunks_of.items():
        for cid in cids:
            c = index.chunks[cid]
            for a, b in index.sentences[doc]:
                if a >= c.start and b <= c.end and (doc, a, b) not in spans:
                    if looks_like_injection(index.docs[doc].text[a:b]):
                        skipped += 1
                        continue
                    spans[(doc, a, b)] = None
    cand = list(spans)
    if not cand:
        return Retrieval(best_dense, (), set_aside, skipped)
    texts = [index.docs[d].text[a:b] for d, a, b in cand]
    vecs = sentence_vectors(cand, texts, index, embedder)
    qwords = content_words(question)
    lex = np.array([len(qwords & content_words(t)) / max(len(qwords), 1) for t in texts], dtype=np.float32)
    score = {span: float(v) for span, v in zip(cand, vecs @ q + 0.3 * lex, strict=True)}
    best: dict[str, float] = {}
    for (d, _, _), v in score.items():
        best[d] = max(best.get(d, -1.0), v)
    docs = sorted(best, key=lambda d: -best[d])[:settings.read_articles]
    passages = [_excerpt(d, score, index, settings.read_sentences) for d in docs]
    return Retrieval(best_dense, tuple(p for p in passages if p.sources), set_aside, skipped)


def _headline(d: Document, sents: list[tuple[int, int]], j: int) -> bool:
    """Sentence j is the article's headline (its first line, the title, without a full stop): it heads the
    excerpt already, and a headline is not the evidence a reader wants quoted."""
    line = d.text[sents[j][0]:sents[j][1]].strip()
    return j == 0 and line == d.title.strip() and not line.endswith((".", "!", "?", '"', "”"))


def _excerpt(doc: str, score: dict[tuple[str, int, int], float], index: Index, limit: int) -> Passage:
    """Windows around the article's best sentences (each hit with the sentences before and after it),
    best hits first, until `limit` sentences; shown in article order, numbered from 1."""
    sents = index.sentences[doc]
    pos = {s: i for i, s in enumerate(sents)}
    hits = sorted((k for k in score if k[0] == doc), key=lambda k: -score[k])
    d = index.docs[doc]
    text = d.text
    chosen: list[int] = []
    for _, a, b in hits:
        i = pos[(a, b)]
        for j in (i, i - 1, i + 1):
            if 0 <= j < len(sents) and j not in chosen and len(chosen) < limit \
                    and not looks_like_injection(text[sents[j][0]:sents[j][1]]) and not _headline(d, sents, j):
                chosen.append(j)
    chosen.sort()
    sources = tuple(Source(n, doc, sents[j][0], sents[j][1], text[sents[j][0]:sents[j][1]],
                           score.get((doc, *sents[j]), 0.0)) for n, j in enumerate(chosen, 1))
    return Passage(doc, sources, max(score[k] for k in hits))
