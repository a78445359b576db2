"""From a question to a checked, cited Answer.

The model only chooses sentence numbers and writes short statements. The program then:
- cuts every quote from the article by offsets (so quote == text[start:end], always);
- keeps a citation only if its sentence supports the statement (check.supports); a statement left with
  no supporting citation is repaired (its sentence plus a neighbour, or the best supporting source under a
  stricter bar) or dropped; every drop or repair is recorded in Answer.notes;
- writes the attribution ("According to <outlet>, ...") itself, from the cited articles;
- asks the model to judge only the sentence pairs a cheap pre-filter flags (different articles, close to
  the question and to each other, different numbers or actors), over a closed label set, and keeps a
  conflict only if its sides' values differ and each is grounded in its own sentence;
- abstains when retrieval finds nothing close enough or nothing survives the checks.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from . import prompts
from .check import (
    conflict_cue,
    count_different_things,
    fits_question,
    grounded,
    lexical_support,
    looks_like_injection,
    names_supported,
    numbers_supported,
    same_value,
    supports,
    value_kind,
)
from .embed import Embedder
from .errors import BadQuestion
from .index import Index
from .llm import LLM, OnToken
from .retrieve import Retrieval, Source, retrieve
from .settings import Settings
from .text import STOPWORDS, content_words
from .types import Answer, Citation, Disagreement, Side, Statement

Stage = Callable[[str], None]


def validate_question(question: str, settings: Settings) -> str:
    if len(question) > settings.max_question_chars:
        raise BadQuestion(f"the question is {len(question):,} characters long; the limit is "
                          f"{settings.max_question_chars:,}")
    q = " ".join(question.split())
    if not q:
        raise BadQuestion("the question is empty; type a question about the articles")
    return q


def label(index: Index, doc: str) -> str:
    """How an article is named to a reader: its outlet, else its title in quotes."""
    d = index.docs[doc]
    return d.outlet or f"“{d.title}”"


def prompt_articles(sources: tuple[Source, ...] | list[Source], index: Index
                    ) -> list[tuple[str, str, list[tuple[int, str]]]]:
    """The sources as the prompt shows them: per article, in order of first appearance, (title, outlet,
    [(sentence number, text)])."""
    by_doc: dict[str, list[Source]] = {}
    for s in sources:
        by_doc.setdefault(s.doc, []).append(s)
    return [(index.docs[d].title, index.docs[d].outlet, [(s.n, s.text) for s in ss]) for d, ss in by_doc.items()]


def answer(question: str, index: Index, embedder: Embedder, llm: LLM, settings: Settings,
           on_token: OnToken | None = None, on_stage: Stage | None = None) -> Answer:
    t0 = time.perf_counter()
    q = validate_question(question, settings)
    stage = on_stage or (lambda s: None)
    stage("searching the articles")
    r = retrieve(q, index, embedder, settings)
    t_retrieve = time.perf_counter()
    base: dict[str, Any] = dict(question=q, model=llm.name, settings_hash=settings.hash(),
                                index_version=index.version)
    if not r.sources or r.best_dense < settings.min_relevance:
        return Answer(abstained=True, statements=(), disagreements=(),
                      timings_ms=_ms(t0, t_retrieve, t_retrieve, time.perf_counter()),
                      notes=(f"no article passage is close to the question (best similarity "
                             f"{r.best_dense:.2f} < {settings.min_relevance:.2f})",), **base)
    stage(f"reading {len(r.sources)} sentences from {len({s.doc for s in r.sources})} articles")
    articles = prompt_articles(r.sources, index)
    raw = llm.generate(prompts.messages(q, articles), prompts.schema([s.n for s in r.sources]),
                       on_token=on_token)
    statements, notes = check_statements(raw, r, index, embedder, settings)
    if r.skipped_instructions:
        notes.insert(0, f"left out {r.skipped_instructions} source sentence(s) that read like instructions to an AI")
    pairs = candidate_pairs(r, _pair_spans(r, statements), settings.max_judged_pairs,
                            settings.min_pair_relevance, settings.min_pair_similarity, q) if statements else []
    if pairs:
        stage(f"comparing {len(pairs)} pair(s) of sentences from different articles")
    verdicts = [(a, b, _judge(llm, q, a, b, index)) for a, b in pairs]
    t_generate = time.perf_counter()
    stage("checking citations")
    disagreements = check_disagreements(verdicts, index, q, notes)
    abstained = not statements and not disagreements
    return Answer(abstained=abstained, statements=tuple(statements), disagreements=tuple(disagreements),
                  timings_ms=_ms(t0, t_retrieve, t_generate, time.perf_counter()), notes=tuple(notes), **base)


def _judge(llm: LLM, q: str, a: Source, b: Source, index: Index) -> str:
    """The model's verdict on a pair, asked in both orders; a conflict counts only when both orders say
    so (an order-swap check against a judge that leans towards one label). Returns the first verdict, its
    label set to 'inconsistent' when the two orders disagree. The second order is not asked when the
    first verdict's values fail the program's checks anyway (see `_value_problem`)."""
    one, two = (label(index, a.doc), a.text), (label(index, b.doc), b.text)
    first = llm.generate(prompts.judge_messages(q, one, two), prompts.judge_schema())
    v1 = parse_reply(first) or {}
    if v1.get("label") != "conflict" or _value_problem(a, b, v1, q):
        return first
    v2 = parse_reply(llm.generate(prompts.judge_messages(q, two, one), prompts.judge_label_schema())) or {}
    if v2.get("label") != "conflict":
        v1["label"] = "inconsistent"
        return json.dumps(v1)
    return first


def _value_problem(sa: Source, sb: Source, verdict: dict[str, Any], question: str) -> str:
    """Why a judged conflict cannot stand, from its written-out values alone ('' when it can)."""
    va, vb = str(verdict.get("value_1", "")).strip(), str(verdict.get("value_2", "")).strip()
    if sa.doc == sb.doc:
        return "both sides are from the same article"
    if same_value(va, vb):
        return f"the two values agree ({va!r} / {vb!r})"
    if count_different_things(va, vb) or value_kind(va) != value_kind(vb):
        return f"the two values are not about the same kind of thing ({va!r} / {vb!r})"
    if not (grounded(va, sa.text) and grounded(vb, sb.text)):
        return f"a side's value is not in its sentence ({va!r} / {vb!r})"
    if not (fits_question(va, question) and fits_question(vb, question)):
        return f"a side's value does not answer the question ({va!r} / {vb!r})"
    return ""


def _ms(t0: float, t1: float, t2: float, t3: float) -> dict[str, int]:
    return {"retrieve": round((t1 - t0) * 1000), "generate": round((t2 - t1) * 1000),
            "check": round((t3 - t2) * 1000), "total": round((t3 - t0) * 1000)}


def parse_reply(raw: str) -> dict[str, Any] | None:
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def check_statements(raw: str, r: Retrieval, index: Index, embedder: Embedder,
                     settings: Settings) -> tuple[list[Statement], list[str]]:
    data = parse_reply(raw)
    if data is None:
        return [], ["the model's reply was not valid JSON (cut off or malformed); nothing was kept"]
    items = [it for it in data.get("statements") or [] if isinstance(it, dict)]
    texts = [_tidy(_ATTRIBUTION.sub("", str(it.get("text", "")))) for it in items]
    vecs = embedder.embed([t or "-" for t in texts]) if texts else np.zeros((0, 1), np.float32)
    src = {s.n: (i, s) for i, s in enumerate(r.sources)}
    ctx = {d: content_words(index.docs[d].title + " " + index.docs[d].outlet) for d in index.docs}
    notes: list[str] = []
    out: list[Statement] = []
    seen: set[str] = set()
    for it, text, v in zip(items, texts, vecs, strict=True):
        if not text or text.lower() in seen or prompts.NOT_IN_CORPUS.lower().rstrip(".") in text.lower():
            continue
        cited = [src[i] for i in dict.fromkeys(it.get("ids") or []) if isinstance(i, int) and i in src]
        keep = [s for i, s in cited
                if supports(text, s.text, float(r.vectors[i] @ v), ctx[s.doc], settings.support_threshold)]
        if len(keep) < len(cited):
            notes.append(f"dropped {len(cited) - len(keep)} citation(s) that did not support: {text!r}")
        if not keep:
            keep = _repair(text, v, [s for _, s in cited], r, index, ctx, settings)
            if not keep:
                notes.append(f"dropped a statement no source sentence supports: {text!r}")
                continue
            where = ", ".join(f"{x.doc}[{x.start}:{x.end}]" for x in keep)
            notes.append(f"re-cited to {where}, which supports it: {text!r}")
        other = _uncited_outlet(text, keep, index)
        if other:
            notes.append(f"dropped a statement that names {other}, which none of its cited sentences is "
                         f"from or mentions: {text!r}")
            continue
        relevance = max(x.score for x in keep)  # the cited sentence's cosine with the question
        if relevance < settings.min_statement_relevance:
            notes.append(f"dropped a statement whose sources are not about the question "
                         f"(similarity {relevance:.2f} < {settings.min_statement_relevance:.2f}): {text!r}")
            continue
        if any({(c.doc, c.start) for c in st.citations} == {(x.doc, x.start) for x in keep} for st in out):
            notes.append(f"dropped a statement citing the same sentences as an earlier one: {text!r}")
            continue
        seen.add(text.lower())
        out.append(_attribute(text, tuple(_citation(index, s) for s in keep), index))
    return out, notes


def _uncited_outlet(text: str, keep: list[Source], index: Index) -> str:
    """An indexed outlet the statement names although no cited sentence is from it or mentions it (a model
    crediting the wrong outlet, e.g. because an article told it to). Empty when there is none."""
    low = text.lower()
    allowed = {index.docs[s.doc].outlet.lower() for s in keep} | {s.text.lower() for s in keep}
    for outlet in index.outlets:
        if outlet in low and not any(outlet in a for a in allowed):
            m = re.search(rf"\b{re.escape(outlet)}\b", text, re.I)
            if m:
                return m.group(0)
    return ""


def _tidy(text: str) -> str:
    """Whitespace collapsed; a statement cut off by the length limit ends at its last whole word with '…'.

    >>> _tidy("a  b  c.")
    'a b c.'
    >>> _tidy("x" * 155 + " cut of")[-5:]
    'cut …'
    """
    text = " ".join(text.split())
    if len(text) >= prompts.MAX_STATEMENT_CHARS - 1 and text[-1:] not in ".!?\"”)":
        text = text.rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return text


def _citation(index: Index, s: Source) -> Citation:
    return Citation(s.doc, index.docs[s.doc].text[s.start:s.end], s.start, s.end)


def _repair(text: str, v: np.ndarray, cited: list[Source], r: Retrieval, index: Index,
            ctx: dict[str, set[str]], settings: Settings) -> list[Source]:
    """Tried in order: (1) a cited sentence together with the sentence next to it in its article, when
    the two jointly state the statement; (2) the one source sentence that supports it best, under a
    stricter bar. Empty when neither works."""
    for s in cited:
        sents = index.sentences[s.doc]
        k = next((i for i, (a, _) in enumerate(sents) if a == s.start), None)
        for j in () if k is None else (k - 1, k + 1):
            if 0 <= j < len(sents):
                a, b = sents[j]
                nb = Source(0, s.doc, a, b, index.docs[s.doc].text[a:b], s.score)
                if looks_like_injection(nb.text):
                    continue
                pair = [s, nb] if j > k else [nb, s]  # type: ignore[operator]
                joined = " ".join(x.text for x in pair)
                if numbers_supported(text, [joined]) and names_supported(text, [joined], ctx[s.doc]) \
                        and lexical_support(text, joined, ctx[s.doc]) >= 0.6:
                    return pair
    best: list[Source] = []
    best_cos = 0.0
    for i, s in enumerate(r.sources):
        cos = float(r.vectors[i] @ v)
        if cos > best_cos and supports(text, s.text, cos, ctx[s.doc], settings.support_threshold + 0.15):
            best, best_cos = [s], cos
    return best


_ATTRIBUTION = re.compile(r"^\s*(?:according to|as reported by)\s+(?:[^,]{1,120},\s*)?", re.I)


def _attribute(body: str, citations: tuple[Citation, ...], index: Index) -> Statement:
    """Head the statement with the outlet(s) of the cited articles. The model's own attribution was
    stripped before: a model may credit the wrong outlet; the program knows the right one."""
    first, _, rest = body.partition(" ")
    if first.lower() in STOPWORDS and first[1:].islower():
        body = f"{first.lower()} {rest}"
    who = list(dict.fromkeys(label(index, c.doc) for c in citations))
    names = who[0] if len(who) == 1 else ", ".join(who[:-1]) + " and " + who[-1]
    return Statement(f"According to {names}, {body}", citations)


def _pair_spans(r: Retrieval, statements: list[Statement]) -> set[tuple[str, int]]:
    """(doc, start) of the sentences that may be compared for disagreement: those the checked statements
    cite, and each article's source sentence closest to the question (so a side the model did not cite
    is still compared)."""
    spans = {(c.doc, c.start) for s in statements for c in s.citations}
    best: dict[str, Source] = {}
    for x in r.sources:
        if x.doc not in best or x.score > best[x.doc].score:
            best[x.doc] = x
    return spans | {(x.doc, x.start) for x in best.values()}


def candidate_pairs(r: Retrieval, spans: set[tuple[str, int]], limit: int, min_relevance: float = 0.0,
                    min_similarity: float = 0.35, question: str = "") -> list[tuple[Source, Source]]:
    """Pre-filter for disagreement: pairs of sentences among `spans`, from different
    articles, close to each other, that state different numbers or name different actors, each holding a
    value of the kind the question asks for (a number for 'how many', a date for 'when'...: a sentence
    without one cannot give a conflicting answer). Best first, at most one pair per pair of articles."""
    n = len(r.sources)
    sims = r.vectors @ r.vectors.T if n else np.zeros((0, 0))
    scored = []
    for i in range(n):
        for j in range(i + 1, n):
            a, b = r.sources[i], r.sources[j]
            both_in = (a.doc, a.start) in spans and (b.doc, b.start) in spans
            relevant = min(a.score, b.score) >= min_relevance
            if both_in and relevant and a.doc != b.doc and float(sims[i, j]) >= min_similarity \
                    and conflict_cue(a.text, b.text) \
                    and (not question or (fits_question(a.text, question) and fits_question(b.text, question))):
                scored.append((min(a.score, b.score) + 0.5 * float(sims[i, j]), a, b))
    scored.sort(key=lambda x: -x[0])
    out: list[tuple[Source, Source]] = []
    seen: set[frozenset[str]] = set()
    for _, a, b in scored:
        if frozenset((a.doc, b.doc)) not in seen and len(out) < limit:
            seen.add(frozenset((a.doc, b.doc)))
            out.append((a, b))
    return out


def check_disagreements(verdicts: list[tuple[Source, Source, str]], index: Index, question: str,
                        notes: list[str]) -> list[Disagreement]:
    """Keep a judged conflict only if its sides are in different articles, its values differ, each value
    is grounded in its own sentence, and each is an answer of the kind the question asks for."""
    out: list[Disagreement] = []
    for sa, sb, raw in verdicts:
        it = parse_reply(raw) or {}
        if it.get("label") == "inconsistent":
            notes.append(f"dropped a possible disagreement between [{sa.n}] and [{sb.n}]: the judgement changed "
                         "when the two sentences were swapped")
        if it.get("label") != "conflict":
            continue
        va, vb = str(it.get("value_1", "")).strip(), str(it.get("value_2", "")).strip()
        why = _value_problem(sa, sb, it, question)
        if why:
            notes.append(f"dropped a disagreement between [{sa.n}] and [{sb.n}]: {why}")
            continue
        kind = it.get("kind") if it.get("kind") in prompts.DISAGREEMENT_KINDS else "events"
        summary = f"{label(index, sa.doc)} says {va}; {label(index, sb.doc)} says {vb}."
        sides = tuple(Side(s.doc, index.docs[s.doc].text[s.start:s.end], s.start, s.end, v)
                      for s, v in ((sa, va), (sb, vb)))
        out.append(Disagreement(summary, str(kind), sides))
    return out
