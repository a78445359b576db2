"""Read each article on its own: does its excerpt state an answer to the question, and if so, which.

Per article, two small tasks for the model, in one conversation (the second reuses the first's evaluated
prompt): (1) "does this excerpt state the answer?", decided from the probability of "yes" as the reply's
first token, against a threshold calibrated on dev questions (`Settings.read_threshold`); (2) only if yes,
a short answer and the numbers of the sentences that state it. The program then checks the answer against
those sentences (rag/support.py), re-cites it to the excerpt's sentences that do state it when the model
picked others, and refuses an answer that is not of the kind asked, that its sentences do not state, or
that repeats the prompt. A cut-off or malformed reply loses this article's answer only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

from . import prompts
from .index import Index
from .llm import LLM, label_probs
from .retrieve import Passage, Source
from .settings import Settings
from .support import fits_question, lexical_support, supports
from .text import content_words, numbers
from .types import Citation, Finding

OnFinding = Callable[[Finding], None]


def read_all(question: str, passages: tuple[Passage, ...], index: Index, llm: LLM,
             settings: Settings) -> Iterator[Finding]:
    """Each passage's finding, in order, as soon as it is read."""
    for p in passages:
        yield read(question, p, index, llm, settings)


def read(question: str, passage: Passage, index: Index, llm: LLM, settings: Settings) -> Finding:
    doc = index.docs[passage.doc]
    msgs = prompts.read_messages(question, doc.title, doc.outlet, [(s.n, s.text) for s in passage.sources])
    p = label_probs(llm, msgs, prompts.YES_NO)["yes"]
    if p < settings.read_threshold:
        return Finding(passage.doc, p, note=f"does not state an answer (p={p:.2f})")
    raw = llm.generate(prompts.answer_messages(msgs), prompts.answer_schema([s.n for s in passage.sources]))
    reply = parse_answer(raw)
    if reply is None:
        return Finding(passage.doc, p, note="the model's answer was cut off or malformed; nothing kept")
    text, ids = reply
    text = tidy(text)
    if not text or prompts.NOT_IN_CORPUS.lower().rstrip(".") in text.lower():
        return Finding(passage.doc, p, note="the model gave no answer")
    if prompts.copies_prompt(text):
        return Finding(passage.doc, p, note=f"the answer repeats the instructions: {text!r}")
    if not fits_question(text, question):
        return Finding(passage.doc, p, note=f"the answer is not of the kind asked: {text!r}")
    names = content_words(f"{doc.title} {doc.outlet}")
    cited = [s for s in passage.sources if s.n in ids]
    kept = cite(text, sorted(cited, key=lambda s: s.n), passage, question, names, doc.title)
    if not kept:
        return Finding(passage.doc, p, note=f"no sentence of the excerpt states the answer: {text!r}")
    k, c = [s.n for s in kept], sorted(s.n for s in cited)
    note = "" if k == c else (f"kept sentence(s) {k} of the cited {c}; the others do not state the answer"
                              if set(k) <= set(c) else f"cited sentence(s) {k} of the excerpt instead of {c}")
    cits = tuple(Citation(s.doc, doc.text[s.start:s.end], s.start, s.end) for s in kept)
    return Finding(passage.doc, p, text, cits, note)


def cite(answer: str, cited: list[Source], passage: Passage, question: str, names: set[str],
         title: str = "") -> list[Source]:
    """The sentences that state the answer, in excerpt order: of those the model cited, the ones that
    cover most of what the answer adds to the question (its own words and figures), taken one by one until
    together they state it; else the one sentence of the excerpt, or two neighbouring ones, that state it
    best. A headline comes last among equals. Empty if no sentence states it."""
    own = (content_words(answer) - content_words(question)) | numbers(answer)

    def cover(x: Source) -> tuple[int, bool]:
        words = content_words(x.text) | content_words(x.text.replace("-", " ")) | numbers(x.text)
        return len(own & words), x.text.strip() != title

    kept: list[Source] = []
    for x in sorted(cited, key=cover, reverse=True):
        if cover(x)[0] == 0:
            break
        kept.append(x)
        if supports(answer, [k.text for k in kept], question, names):
            return sorted(kept, key=lambda k: k.n)
    srcs = list(passage.sources)
    options = [[x] for x in srcs] + [[a, b] for a, b in zip(srcs, srcs[1:], strict=False)]
    good = [o for o in options if supports(answer, [x.text for x in o], question, names)]
    return max(good, key=lambda o: (-len(o), all(x.text.strip() != title for x in o),
                                    lexical_support(answer, " ".join(x.text for x in o))), default=[])


_ANSWER = re.compile(r'"answer"\s*:\s*"((?:[^"\\]|\\.)*)"')
_IDS = re.compile(r'"ids"\s*:\s*\[([\d,\s]*)\]')


def parse_answer(raw: str) -> tuple[str, list[int]] | None:
    """(answer, sentence ids) from the model's JSON; from a reply cut off after its complete fields too.

    >>> parse_answer('{"ids": [2], "answer": "Nine workers died."}')
    ('Nine workers died.', [2])
    >>> parse_answer('{"ids": [1, 3], "answer": "Nine workers died.", "ext')
    ('Nine workers died.', [1, 3])
    >>> parse_answer('{"ids": [1], "answer": "Nine work') is None
    True
    """
    try:
        data = json.loads(raw)
        if isinstance(data, dict) and isinstance(data.get("answer"), str):
            ids = [i for i in data.get("ids") or [] if isinstance(i, int)]
            return data["answer"], ids
    except ValueError:
        pass
    a, i = _ANSWER.search(raw), _IDS.search(raw)
    if not a:
        return None
    try:
        text = json.loads(f'"{a.group(1)}"')
    except ValueError:
        return None
    return text, [int(x) for x in re.findall(r"\d+", i.group(1))] if i else []


_ATTRIBUTION = re.compile(r"^\s*(?:according to|as reported by)\s+(?:[^,]{1,120},\s*)?", re.I)


def tidy(text: str) -> str:
    """A short answer as a statement: one line, no attribution of the model's own (the program writes
    it), a capital and a full stop; never cut.

    >>> tidy("  according to the Daily Ledger, nine workers   died ")
    'Nine workers died.'
    """
    text = " ".join(_ATTRIBUTION.sub("", text).split()).strip(" ,;:")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?\"”" else text + "."
