"""Hybrid retrieval: dense (FAISS) and BM25 fused by reciprocal rank, then narrowed to the few articles
the model will read, each with a short excerpt of its own.

Articles are read one at a time (rag/read.py), so what matters is which articles are read and which of
their sentences: the `read_articles` articles closest to the question, each with its best sentence and the
sentences around it, then its next best, in article order: `read_sentences` in all for a count or a time,
`read_sentences_claim` for the other kinds of question. Nothing is dropped
for a word it lacks (real news says "Daesh" for "ISIS" and "on Wednesday" for the date): an article that
does not mention a name of the question, or that states only other years than the question's, is ranked
lower (`NAME_WEIGHT`, `YEAR_PENALTY`), and the reader is told why. Only an article that cannot answer
whatever it says (`mismatch`: it never names where the event happened, or whose words are asked for, or was
written outside the dated event's week and names no day of it) is passed over, and the next one takes its read
slot (with the real model, fakes dev evidence 78.8 -> 83.3 %, dev6 64.9 -> 70.3; README, Refilled read slots).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .dates import names_time_in
from .embed import Embedder
from .guard import SEMANTIC_EMBEDDER, looks_like_injection, other_language, prime
from .index import Index
from .question import Question, parse
from .settings import Settings
from .support import mentions, question_names, text_words
from .text import content_words, terms
from .types import Document
from .values import holds_value

RRF_K = 60
POOL = 60  # chunks taken from each first-stage ranking
NAME_WEIGHT = 0.15  # added to an article's score times the share of the question's names it mentions
YEAR_PENALTY = 0.1  # taken from an article that states years, none of them the question's
VALUE_WEIGHT = 0.1  # added to a sentence that holds a value of the kind asked (a figure, a date); fakes dev:
# evidence in the excerpts read 71% -> 73% (8 articles, 4 sentences each)


@dataclass(frozen=True)
class Source:
    """A numbered sentence of an excerpt shown to the model."""

    n: int
    doc: str
    start: int
    end: int
    text: str
    score: float  # closeness to the question: cosine + 0.3 x share of its words (+ VALUE_WEIGHT)


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
    set_aside: tuple[tuple[str, str], ...] = ()  # (doc, why): close to the question, ranked lower, not read
    skipped_instructions: int = 0  # sentences left out because they read like instructions to a model
    excluded: tuple[tuple[str, str], ...] = ()  # (doc, why): ranked among those to read, but cannot answer (`mismatch`)

    @property
    def close(self) -> tuple[str, ...]:
        """Every article close to the question: those to read, then those set aside."""
        return tuple(p.doc for p in self.passages) + tuple(d for d, _ in self.set_aside)


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


def retrieve(question: Question | str, index: Index, embedder: Embedder, settings: Settings) -> Retrieval:
    """The passages to read for a question (parsed here only when given as text, as benches and tests do)."""
    question = parse(question) if isinstance(question, str) else question
    q = embedder.embed([question.text])[0]
    pool = max(POOL, settings.read_articles * settings.per_doc_chunks * 4)
    dense_scores, dense_ids = index.store.search(q[None, :], pool)
    dense = [int(i) for i in dense_ids[0] if i >= 0]
    best_dense = float(dense_scores[0][0]) if dense else 0.0
    lexical = [i for i, _ in index.bm25.search(question.text, pool)]
    chunks_of: dict[str, list[int]] = {}
    for cid, _ in fuse([dense, lexical]):  # articles in fused order, each with its best chunks
        doc = index.chunks[cid].doc
        if doc in chunks_of:
            if len(chunks_of[doc]) < settings.per_doc_chunks:
                chunks_of[doc].append(cid)
        elif len(chunks_of) < 3 * settings.read_articles:
            chunks_of[doc] = [cid]
    return _passages(question, q, chunks_of, best_dense, index, embedder, settings)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def about(question: Question, text: str) -> tuple[float, list[str]]:
    """(adjustment to the article's score, what it lacks): plus NAME_WEIGHT x the share of the question's
    names and event words ("the building collapse in X") the article mentions (spelling variants allowed;
    an event word also in another form or inside a compound: "shells" for "shelling", "airstrikes" for
    "air strikes"), minus YEAR_PENALTY when it states years but none of the question's. Months and weekdays are not
    names: news says "on Wednesday".

    >>> from rag.question import parse
    >>> about(parse("How many died in the fire in Marlow in 2025?"), "A fire in Marlow in 2024 killed 3.")
    (0.05, ['2025'])
    >>> about(parse("How many died in the shelling of Marlow?"), "Shells hit Marlow.")
    (0.15, [])
    """
    names = [(" ".join(n).title(), n) for n in question.named]
    names += [(" or ".join(f"'{w}'" for w in e), e) for e in question.events]
    words = text_words(text)
    events = set(range(len(names) - len(question.events), len(names)))
    missing = [shown for k, (shown, n) in enumerate(names)
               if not (mentions(words, list(n)) or (k in events and _inflected(words, n)))]
    bonus = NAME_WEIGHT * (1 - len(missing) / len(names)) if names else 0.0
    years = set(_YEAR.findall(text))
    if question.years and years and not (years & question.years):
        bonus -= YEAR_PENALTY
        missing.append(" or ".join(sorted(question.years)))
    return round(bonus, 4), missing


def _inflected(words: frozenset[str], event: tuple[str, ...]) -> bool:
    """An event word of the question said in another form or inside a compound: "shelling" by "shells",
    "air strikes" by "airstrikes" (its stem inside a word of the article, for stems of four letters or more).

    >>> _inflected(frozenset({"shells", "hit"}), ("shelling",))
    True
    >>> _inflected(frozenset({"airstrikes"}), ("air", "strikes"))
    True
    >>> _inflected(frozenset({"fire"}), ("flood",))
    False
    """
    stems = [t for w in event for t in terms(w) if len(t) >= 4]
    return any(st in w for st in stems for w in words)


def _passages(question: Question, q: np.ndarray, chunks_of: dict[str, list[int]], best_dense: float,
              index: Index, embedder: Embedder, settings: Settings) -> Retrieval:
    spans: dict[tuple[str, int, int], None] = {}
    english = {doc: not other_language(index.docs[doc].text) for doc in chunks_of}  # each article's language, once
    for doc, cids in chunks_of.items():
        for cid in cids:
            c = index.chunks[cid]
            for a, b in index.sentences[doc]:
                if a >= c.start and b <= c.end:
                    spans[(doc, a, b)] = None
    if not spans:
        return Retrieval(best_dense, (), (), 0)
    texts = [index.docs[d].text[a:b] for d, a, b in spans]
    vecs = sentence_vectors(list(spans), texts, index, embedder)
    prime(texts, vecs if embedder.name == SEMANTIC_EMBEDDER else None)  # the semantic screen's batch
    keep = [not withheld(t, english[d]) for (d, _, _), t in zip(spans, texts, strict=True)]
    skipped = keep.count(False)
    if not any(keep):
        return Retrieval(best_dense, (), (), skipped)
    cand = [span for span, k in zip(spans, keep, strict=True) if k]
    texts = [t for t, k in zip(texts, keep, strict=True) if k]
    vecs = vecs[np.array(keep)]
    lex = np.array([len(question.words & content_words(t)) / max(len(question.words), 1) for t in texts],
                   dtype=np.float32)
    typed = np.array([holds_value(question, t) for t in texts], dtype=np.float32)
    score = {span: float(v) for span, v in zip(cand, vecs @ q + 0.3 * lex + VALUE_WEIGHT * typed, strict=True)}
    best: dict[str, float] = {}
    for (d, _, _), v in score.items():
        best[d] = max(best.get(d, -1.0), v)
    lacks: dict[str, list[str]] = {}
    for d in best:
        bonus, lacks[d] = about(question, index.docs[d].text)
        best[d] += bonus
    ranked = sorted(best, key=lambda d: -best[d])
    docs: list[str] = []
    excluded: list[tuple[str, str]] = []
    for d in ranked:  # the best `read_articles` that may answer; those passed over on the way say why
        if len(docs) == settings.read_articles:
            break
        why = mismatch(question, index.docs[d])
        if why:
            excluded.append((d, why))
        else:
            docs.append(d)
    limit = settings.read_sentences if question.kind in ("count", "time") else settings.read_sentences_claim
    passages = [_excerpt(d, score, index, limit, english[d]) for d in docs]
    left = set(docs) | {d for d, _ in excluded}
    aside = tuple((d, f"ranked lower: does not mention {', '.join(lacks[d])}" if lacks[d] else "ranked lower")
                  for d in ranked if d not in left)
    return Retrieval(best_dense, tuple(p for p in passages if p.sources), aside, skipped, tuple(excluded))


def mismatch(question: Question, doc: Document) -> str:
    """Why the article cannot answer, whatever it says ('' when it may): it never names the person whose
    words the question asks for ("What did Omair say ...", "..., according to Omair?"), or the office or body
    that speaks ("the Russian defence ministry": a ministry), nor where the question's event happened
    (spelling variants allowed; one of the places is enough); or it was written more than a week after the
    dated event asked about (or before it) and names no day of that week, nor the third of the month that
    holds it ("early October"): reconcile would set its answer aside (an answer from such an article is
    kept only when its quote names one).

    >>> from rag.question import parse
    >>> q = parse("What did Omair say about the fighters in Deir El-Zor?")
    >>> mismatch(q, Document("a", "Colonel Omair said the fighters in Deir ez-Zor were misled.", "", "", ""))
    ''
    >>> mismatch(q, Document("b", "The US helped ISIS in Deir ez-Zor.", "", "", ""))
    'does not mention Omair, whose words the question asks for'
    >>> mismatch(q, Document("c", "Omair said the fighters in Raqqa were misled.", "", "", ""))
    'does not mention Deir Zor, where the event asked about happened'
    >>> q = parse("What did the Russian defence ministry say about the strikes?")
    >>> mismatch(q, Document("f", "Russian jets struck SDF positions.", "", "", ""))
    'does not mention the Russian defence ministry, whose words the question asks for'
    >>> mismatch(q, Document("g", "The Russian Defence Ministry said its jets hit IS.", "", "", ""))
    ''
    >>> q = parse("How many died in the bombing in Midan on 2 October 2017?")
    >>> mismatch(q, Document("d", "AFP, 15 Oct 2017. Shelling in Midan killed four.", "", "", ""))
    'dated 15 Oct 2017, not within a week of the event asked about, and names no day of it'
    >>> mismatch(q, Document("e", "AFP, 15 Oct 2017. The October 2 bombing in Midan killed 17.", "", "", ""))
    ''
    """
    named = question_names(f"X {question.source}")  # its distinctive words ("the author" names no one)
    words = text_words(f"{doc.title} {doc.text}") if named or question.places else frozenset()  # its own words
    if named and any(not mentions(words | text_words(doc.outlet), n) for n in named):  # a speaker: or its outlet
        return f"does not mention {question.source}, whose words the question asks for"
    office = [_OFFICE_STEM.get(o.lower()[:5], o.lower()) for o in _OFFICE.findall(question.source)]
    if named and any(not re.search(rf"\b{o}", f"{doc.title} {doc.text}", re.I) for o in office):  # the ministry
        return f"does not mention {question.source}, whose words the question asks for"
    if question.places and not any(mentions(words, list(p)) for p in question.places):
        where = " or ".join(" ".join(p).title() for p in question.places)
        return f"does not mention {where}, where the event asked about happened"
    when, window = doc.written, question.window
    if window and when and not window[0] <= when <= window[1] and not names_time_in(doc.text, window):
        return f"dated {when.day} {when:%b %Y}, not within a week of the event asked about, and names no day of it"
    return ""


# the office or body that speaks, in "What did the Russian defence ministry say": an article that names Russia but
# no ministry cannot give its words (stems: ministry / minister, spokesman / spokeswoman)
_OFFICE = re.compile(r"\b(ministry|minister|spokes\w*|army|military|police|council|government|observatory|agency|"
                     r"embassy|commander|command|president|presidency|governor|mayor)\b", re.I)
_OFFICE_STEM = {"minis": "minist", "spoke": "spokes", "presi": "presiden", "comma": "command"}


def withheld(sentence: str, english_article: bool) -> bool:
    """A sentence the model is not shown: it reads like an instruction to software (rag/guard.py), or it is in
    another language than its article, which is in English (`guard.other_language`: the model judges such
    sentences badly when asked whether they address software; no sentence of the real news is one).

    >>> withheld("Le marché du village était plein de monde ce matin, a dit le maire.", True)
    True
    >>> withheld("Le marché du village était plein de monde ce matin, a dit le maire.", False)
    False
    """
    return looks_like_injection(sentence) or (english_article and other_language(sentence))


def _headline(d: Document, sents: list[tuple[int, int]], j: int) -> bool:
    """Sentence j is the article's headline (its first line, the title, without a full stop): it heads the
    excerpt already, and a headline is not the evidence a reader wants quoted."""
    line = d.text[sents[j][0]:sents[j][1]].strip()
    return j == 0 and line == d.title.strip() and not line.endswith((".", "!", "?", '"', "”"))


def _excerpt(doc: str, score: dict[tuple[str, int, int], float], index: Index, limit: int,
             english: bool) -> Passage:
    """The article's best sentence with the sentences before and after it (what leads to it, what follows),
    then its next best sentences alone, until `limit` sentences; shown in article order, numbered from 1.
    Before, each best sentence came with its neighbours, and a long article's other hits were left out (no
    model, evidence in the excerpts read at 5 sentences: fakes dev 72.7% -> 77.3%, news2 92.3 -> 100, seeds
    80 -> 90, seed dev2 46.7 -> 60; `python eval/excerpts.py`). The best sentences without the neighbours
    of the first hold as much, and lost with the model: it needs what leads to the answer."""
    sents = index.sentences[doc]
    pos = {s: i for i, s in enumerate(sents)}
    hits = [pos[(a, b)] for _, a, b in sorted((k for k in score if k[0] == doc), key=lambda k: -score[k])]
    d = index.docs[doc]
    text = d.text
    chosen: list[int] = []
    for j in [hits[0], hits[0] - 1, hits[0] + 1, *hits[1:]]:
        if 0 <= j < len(sents) and j not in chosen and len(chosen) < limit \
                and not withheld(text[sents[j][0]:sents[j][1]], english) and not _headline(d, sents, j):
            chosen.append(j)
    chosen.sort()
    sources = tuple(Source(n, doc, sents[j][0], sents[j][1], text[sents[j][0]:sents[j][1]],
                           score.get((doc, *sents[j]), 0.0)) for n, j in enumerate(chosen, 1))
    return Passage(doc, sources, score[(doc, *sents[hits[0]])])
