"""From a question to a checked, cited Answer: retrieve -> read each article -> reconcile.

0. the question is parsed once (rag/question.py): the kind of value that answers it, one true value or
   several, what it names; every stage receives that `Question`.
1. retrieve (rag/retrieve.py): the articles closest to the question (ranked lower, never dropped, when
   they miss a name it gives), each with a short excerpt; abstain at once when nothing is even close.
2. read (rag/read.py): one article at a time, "does it state the answer?" from token probabilities, then
   its short answer with the sentences that state it, checked by the program (rag/support.py). Each
   finding is passed to `on_finding` as soon as it is read.
   An article close to the question that prints, word for word, the sentences another article's answer is
   cited to (a wire copy) states that answer too (rag/copies.py), read or not.
3. reconcile (rag/reconcile.py): answers that say the same thing become one statement citing every
   article (a position); a question with one true value and several positions is one disagreement listing
   each position with its articles and quotes; the latest of several reports of a count is marked.
4. abstain when no article states an answer, saying which articles were read.
Quotes are cut by offsets and attributions written by the program, whatever the model says.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .copies import copies, merged
from .embed import Embedder
from .errors import BadQuestion
from .index import Index
from .llm import LLM
from .question import parse
from .read import OnFinding, read_all
from .reconcile import label, reconcile
from .retrieve import retrieve
from .settings import Settings
from .types import Answer, Finding

Stage = Callable[[str], None]
UNREAD = 8  # the next articles not read, named in the answer (so that a reader can ask for them to be read)


def validate_question(question: str, settings: Settings) -> str:
    if len(question) > settings.max_question_chars:
        raise BadQuestion(f"the question is {len(question):,} characters long; the limit is "
                          f"{settings.max_question_chars:,}")
    q = " ".join(question.split())
    if not q:
        raise BadQuestion("the question is empty; type a question about the articles")
    return q


def answer(question: str, index: Index, embedder: Embedder, llm: LLM, settings: Settings,
           on_finding: OnFinding | None = None, on_stage: Stage | None = None, before: Answer | None = None) -> Answer:
    """`before`: an earlier answer to the same question (e.g. reading fewer articles); the findings of the
    articles it read are reused when it was made by the same model, settings and index version."""
    t0 = time.perf_counter()
    q = parse(validate_question(question, settings))
    stage = on_stage or (lambda s: None)
    stage("searching the articles")
    r = retrieve(q, index, embedder, settings)
    t_retrieve = time.perf_counter()
    base: dict[str, Any] = dict(question=q.text, model=llm.name, settings_hash=settings.hash(),
                                index_version=index.version, unread=tuple(d for d, _ in r.set_aside[:UNREAD]))
    notes = [f"{label(index, d)}: {why}" for d, why in r.excluded[:UNREAD]]  # passed over: cannot answer
    notes += [f"not read: {label(index, d)} ({why})" for d, why in r.set_aside[:UNREAD]]
    if r.skipped_instructions:
        notes.append(f"left out {r.skipped_instructions} source sentence(s) that read like instructions to an AI "
                     "or are in another language than their article")
    if not r.passages or r.best_dense < settings.min_relevance:
        why = (f"no article passage is close to the question (best similarity {r.best_dense:.2f} < "
               f"{settings.min_relevance:.2f})" if r.passages else "no article passage is close to the question")
        return Answer(abstained=True, statements=(), disagreements=(), notes=(why, *notes),
                      timings_ms=_ms(t0, t_retrieve, t_retrieve, t_retrieve, time.perf_counter()),
                      **(base | {"unread": ()}))  # nothing is close: reading more would not help
    findings = []
    t_first = 0.0
    for k, f in enumerate(read_all(q, r.passages, index, llm, settings, reusable(before, base, settings)), 1):
        findings.append(f)
        t_first = t_first or time.perf_counter()
        if on_finding:
            on_finding(f)
        if k < len(r.passages):
            stage(f"read {k} of {len(r.passages)} articles")
    for f in (extra := copies(q, findings, r.close, index)):
        if on_finding:
            on_finding(f)
    findings = merged(findings, extra)
    t_read = time.perf_counter()
    stage("comparing what the articles say")
    statements, disagreements, more = reconcile(q, findings, index, embedder, settings)
    notes += [f"{label(index, f.doc)}: {f.note}" for f in findings if f.note] + more
    if not statements:
        read = ", ".join(label(index, f.doc) for f in findings)
        notes.insert(0, f"read {len(findings)} article(s) ({read}); none states an answer")
    return Answer(abstained=not statements, statements=tuple(statements), disagreements=tuple(disagreements),
                  timings_ms=_ms(t0, t_retrieve, t_first, t_read, time.perf_counter()), notes=tuple(notes),
                  findings=tuple(findings), **base)


def reusable(before: Answer | None, now: dict[str, Any], settings: Settings) -> dict[str, Finding]:
    """The findings of an earlier answer that hold for this one: same question, model, index version and
    settings but for the number of articles read."""
    if before is None or any(getattr(before, k) != now[k] for k in ("question", "model", "index_version")):
        return {}
    if not any(replace(settings, read_articles=n).hash() == before.settings_hash for n in range(1, 51)):
        return {}
    return {f.doc: f for f in before.findings}


def _ms(t0: float, retrieved: float, first: float, read: float, end: float) -> dict[str, int]:
    """retrieve; read (every article); reconcile; generate (read + reconcile: all the model's time);
    first_finding (from the question to the first article read); total."""
    ms = lambda a, b: round((b - a) * 1000)  # noqa: E731
    return {"retrieve": ms(t0, retrieved), "read": ms(retrieved, read), "reconcile": ms(read, end),
            "generate": ms(retrieved, end), "first_finding": ms(t0, first), "total": ms(t0, end)}
