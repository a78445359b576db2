"""Wire copies: an article that prints, word for word, a sentence another article's answer is cited to
states that answer too, whether or not the model said so when it read it.

Outlets reprint agency copy (AFP through Ahram Online, Jordan Times and Daily Sabah), so one report often
stands in several articles in the same words. The model reads each article on its own and may miss one copy
(its excerpt opens on a photo caption, its P lands under the threshold) while it answers from another. The
program finds the copies instead of asking again: each quote of an answer (six words or more) is looked for in
the other articles close to the question (those read without an answer, and those set aside unread), ignoring
case, spacing and punctuation; an article that holds quotes of a finding which by themselves state its answer
(rag/support.py, as for the model's own citations) gets the same answer, cited to its own words (cut by
offsets from its text), with a note naming the article it copies. Never an article that gave an answer of its
own or that cannot answer whatever it says (retrieve.mismatch: it never names the place, or was written outside the
event's week), nor a quote the guard would not show the model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .guard import borderline, looks_like_injection
from .index import Index
from .question import Question
from .read import NEED
from .retrieve import mismatch
from .support import supports
from .types import Citation, Finding

MIN_WORDS = 6  # a shorter quote ("Four people were killed.") is common wording, not a copy


def copies(question: Question, findings: Sequence[Finding], candidates: Iterable[str], index: Index) -> list[Finding]:
    """Findings for the candidate articles without an answer of their own that print, word for word, quotes
    of a stated finding that state its answer by themselves (the best supported finding first; one copy
    finding per article).

    >>> from rag.question import parse
    >>> from rag.types import Document
    >>> class Ix:
    ...     docs = {"a": Document("a", 'AFP. In the west "at least 15 people were killed on Monday in air strikes '
    ...                          'on Douma".', "", "Ahram", ""),
    ...             "b": Document("b", "BEIRUT - In the west at least 15 people were killed on Monday in air strikes "
    ...                          "on\\nDouma, the monitor said.", "", "Jordan Times", "")}
    >>> q = 'In the west "at least 15 people were killed on Monday in air strikes on Douma".'
    >>> f = Finding("a", 0.9, "15 killed.", (Citation("a", q, 5, 5 + len(q)),))
    >>> ask = parse("How many people were killed in the air strikes on Douma?")
    >>> [(c.doc, c.quote) for g in copies(ask, [f, Finding("b", 0.3)], ["b"], Ix()) for c in g.citations]
    [('b', 'In the west at least 15 people were killed on Monday in air strikes on\\nDouma')]
    """
    answered = {f.doc for f in findings if f.stated}
    stated = sorted((f for f in findings if f.stated), key=lambda f: -f.p_states)
    out: list[Finding] = []
    for doc in dict.fromkeys(candidates):
        if doc in answered or doc not in index.docs or mismatch(question, index.docs[doc]):
            continue  # an article that cannot answer, whatever it prints (another place, another week)
        text = index.docs[doc].text
        for f in stated:
            spans = [s for c in f.citations if (s := _find(c.quote, text))]
            cites = tuple(Citation(doc, text[a:b], a, b) for a, b in spans)
            if not cites or any(looks_like_injection(c.quote) or borderline(c.quote) for c in cites) or \
                    not supports(f.answer, [c.quote for c in cites], question.text, set(), NEED[question.kind]):
                continue
            out.append(Finding(doc, f.p_states, f.answer, cites,
                               note=f"prints, word for word, what {index.docs[f.doc].label} is cited to: the same "
                                    f"answer, not read again"))
            break
    return out


_WORD = re.compile(r"[^\W_]+")


def _find(quote: str, text: str) -> tuple[int, int] | None:
    """The span of `quote` in `text`, ignoring case, spacing and punctuation between its words; None if absent
    or shorter than MIN_WORDS words."""
    words = _WORD.findall(quote)
    if len(words) < MIN_WORDS:
        return None
    m = re.search(r"\b" + r"[\W_]+".join(re.escape(w) for w in words) + r"\b", text, re.I)
    return (m.start(), m.end()) if m else None


def merged(findings: Sequence[Finding], extra: Sequence[Finding]) -> list[Finding]:
    """The findings with each copy finding in place of its article's own (which gave no answer), in order."""
    by_doc = {f.doc: f for f in extra}
    return [by_doc.pop(f.doc, f) for f in findings] + list(by_doc.values())
