"""Reconcile what the articles said, read one at a time: the conflict rules in one module.

Every pair of answers from different articles is one of:
- same: they say the same thing (equal figures; the same words; or close in embedding space, which is how
  "the Assad regime" and "the Syrian regime" meet without a list of this corpus's names). One statement
  cites every article that gives it.
- complementary: both can be true (figures that count different things; one answer contained in the
  other; the model says they do not contradict). Listed side by side as each source's claim, not flagged.
- conflict: they cannot both be true (different figures of the same counted thing, different dates for
  a 'when', or the model's "yes, they contradict" above `Settings.conflict_threshold`). A disagreement,
  each side with its article's quote.
- update: different figures where one report says it revises the other ("has risen to", a correction).
  A disagreement of kind "update": "X reported 9; a later report by Y says 14".
- other event: the answers are about different events (their quotes name different years). Never a
  disagreement.
The program decides first, from the two short answers (not whole sentences); the model is asked only
about pairs the program cannot settle, one yes/no whose probability is read from its first token.
"""

from __future__ import annotations

import re
from itertools import combinations

import numpy as np

from . import prompts
from .embed import Embedder
from .index import Index
from .llm import LLM, label_probs
from .settings import Settings
from .support import asks_for
from .text import NUMBER_WORDS, STOPWORDS, VAGUE, content_words, numbers, terms, tokens
from .types import Disagreement, Finding, Side, Statement

SAME, COMPLEMENTARY, CONFLICT, UPDATE, OTHER_EVENT = "same", "complementary", "conflict", "update", "other event"


def label(index: Index, doc: str) -> str:
    """How an article is named to a reader: its outlet, else the first words of its title in quotes."""
    return index.docs[doc].label


_MONTHS = frozenset("january february march april may june july august september october november december "
                    "jan feb mar apr jun jul aug sep sept oct nov dec".split())
# news counts people under many names; these are one kind of thing when deciding whether two numbers count
# the same thing
_PEOPLE = frozenset("people person persons civilian civilians soldier soldiers fighter fighters militant "
                    "militants troops resident residents child children victim victims dead casualties "
                    "men women member members worker workers passenger passengers miner miners".split())
_QUANTIFIERS = frozenset("more than less fewer at least most about around nearly almost over under some "
                         "least up to".split())


def counted_things(value: str) -> set[str]:
    """What the numbers in a value count: the words of the noun phrase after each number, up to three,
    quantifiers, months and stop words left out ("3,000 insurance claims" -> insurance, claim). Words
    for people are one thing. Dates, years and bare numbers count nothing.

    >>> sorted(counted_things("more than 3,000 insurance claims")), sorted(counted_things("17th September 2016"))
    (['claim', 'insurance'], [])
    >>> sorted(counted_things("Eleven officers were injured")), sorted(counted_things("It rose to fourteen."))
    (['officer'], [])
    """
    toks = tokens(value)
    out: set[str] = set()
    for i, t in enumerate(toks):
        if not (t[0].isdigit() or t in NUMBER_WORDS or t in VAGUE) or re.fullmatch(r"(?:19|20)\d\d", t):
            continue  # not a number, or a year (which counts nothing)
        rest = toks[i + 1:i + 6]
        while rest and (rest[0][0].isdigit() or rest[0] in NUMBER_WORDS or rest[0] in _QUANTIFIERS):
            rest = rest[1:]
        for w in rest[:3]:
            if w in STOPWORDS or w in _MONTHS or w[0].isdigit() or re.fullmatch(r"(?:st|nd|rd|th)", w):
                break
            out |= {"<people>"} if w in _PEOPLE else set(terms(w))
    return out


def count_different_things(a: str, b: str) -> bool:
    """Two numeric values that count different things are not a disagreement about one number.

    >>> count_different_things("Eleven officers were injured.", "37 protesters were treated.")
    True
    >>> count_different_things("killed 14 people", "at least 31 people died")
    False
    >>> count_different_things("14 civilians", "31 dead")
    False
    """
    ca, cb = counted_things(a), counted_things(b)
    return bool(ca and cb and not (ca & cb))


_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


_DAY_MONTH = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:january|february|march|april|may|june|july|"
                        r"august|september|october|november|december)\b|\b(?:january|february|march|april|may|"
                        r"june|july|august|september|october|november|december)\s+\d{1,2}(?:st|nd|rd|th)?\b", re.I)


def figures(text: str) -> set[str]:
    """The figures an answer gives: its numbers, dates and years left out.

    >>> sorted(figures("Nine workers died in 2026.")), sorted(figures("58 people died on 5 January 2025."))
    (['9'], ['58'])
    """
    return {n for n in numbers(_DAY_MONTH.sub(" ", text)) if not _YEAR.fullmatch(n)}


_UPDATE = re.compile(r"\b(?:risen|rose|climbed|increased|jumped|grown|gone up|revised(?: \w+)?) to\b|\bnow stands at\b"
                     r"|\bcorrect(?:ion|ed)\b|\bupdated?\b|\blatest (?:toll|figures?|count)\b", re.I)


def updates(f: Finding) -> bool:
    """The finding presents its figure as a revision of an earlier one.

    >>> from rag.types import Citation
    >>> updates(Finding("d", 0.9, "The toll is fourteen.", (Citation("d", "The toll has risen to fourteen.", 0, 31),)))
    True
    """
    return bool(_UPDATE.search(f.answer) or any(_UPDATE.search(c.quote) for c in f.citations))


def event_year(f: Finding, index: Index) -> tuple[str, bool]:
    """(year, stated): the one year the finding's quotes name (stated), else the article's dateline year
    (the first year in its opening lines), else ''."""
    years = {y for c in f.citations for y in _YEAR.findall(c.quote)}
    if len(years) == 1:
        return years.pop(), True
    if years:
        return "", False
    m = _YEAR.search(index.docs[f.doc].text[:400])
    return (m.group(0) if m else ""), False


_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|denied|denies|deny|without)\b|n't\b",
                       re.I)
_YES_NO_Q = re.compile(r"(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would)\b", re.I)
_DATE_WORDS = re.compile(r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
                         r"december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,4})\b", re.I)


def by_rules(question: str, a: str, b: str) -> str | None:
    """The relation of two short answers where the program can tell it from the answers alone, else None.

    >>> q = "How many workers died in the fire?"
    >>> by_rules(q, "Nine workers died.", "Fourteen workers died."), by_rules(q, "9 workers died.", "Nine died.")
    ('conflict', 'same')
    >>> by_rules(q, "58 dead.", "58 people were killed on 5 January 2025, and 20 were hurt.")
    'same'

    >>> by_rules("How many people were hurt?", "Eleven officers were injured.", "37 protesters were treated.")
    'complementary'
    >>> by_rules("Who fought?", "The army and its foreign allies.", "The army."), by_rules("Who?", "ISIS.", "The US.")
    ('complementary', None)
    >>> by_rules("Did protesters throw stones?", "Protesters threw stones.", "Nobody threw anything.")
    'conflict'

    """
    kind = asks_for(question)
    fa, fb = figures(a), figures(b)
    if fa and fb and kind in ("count", "other"):
        if count_different_things(a, b):
            return COMPLEMENTARY
        if fa & fb:  # both give this figure (one may add others, e.g. the injured)
            return SAME
        if kind == "count":
            return CONFLICT
    if kind == "date":
        da, db = {w.lower() for w in _DATE_WORDS.findall(a)}, {w.lower() for w in _DATE_WORDS.findall(b)}
        if da and db:
            return SAME if da == db else (COMPLEMENTARY if da <= db or db <= da else CONFLICT)
    if bool(_NEGATION.search(a)) != bool(_NEGATION.search(b)):
        return CONFLICT if _YES_NO_Q.match(question.strip()) else None  # "yes, they did" / "no, nobody did"
    q = content_words(question)
    wa, wb = content_words(a) - q, content_words(b) - q
    if wa == wb:
        return SAME
    if wa and wb and (wa <= wb or wb <= wa):
        return COMPLEMENTARY
    return None


def relate(question: str, a: Finding, b: Finding, index: Index, vectors: dict[str, np.ndarray], llm: LLM,
           settings: Settings) -> tuple[str, float]:
    """(relation, probability that they contradict, where the model was asked; else -1)."""
    (ya, sa), (yb, sb) = event_year(a, index), event_year(b, index)
    if ya and yb and ya != yb and (sa or sb):
        return OTHER_EVENT, -1.0
    rule = by_rules(question, a.answer, b.answer)
    if rule == CONFLICT and updates(a) != updates(b):
        return UPDATE, -1.0
    if rule is not None:
        return rule, -1.0
    if float(vectors[a.answer] @ vectors[b.answer]) >= settings.same_threshold:
        return SAME, -1.0
    p = label_probs(llm, prompts.contradict_messages(question, a.answer, b.answer), prompts.YES_NO)["yes"]
    return (CONFLICT if p >= settings.conflict_threshold else COMPLEMENTARY), p


def reconcile(question: str, findings: list[Finding], index: Index, embedder: Embedder, llm: LLM,
              settings: Settings) -> tuple[list[Statement], list[Disagreement], list[str]]:
    """Statements (one per group of articles saying the same thing, best supported first), disagreements
    between groups that cannot both be true, and notes on what was set apart and why."""
    notes: list[str] = []
    found = sorted((f for f in findings if f.stated), key=lambda f: -f.p_states)
    asked_years = set(_YEAR.findall(question))
    if asked_years:
        keep = []
        for f in found:
            year, stated = event_year(f, index)
            if stated and year not in asked_years:
                notes.append(f"set aside {label(index, f.doc)}'s answer: its quote is about {year}")
            else:
                keep.append(f)
        found = keep
    vecs = embedder.embed([f.answer for f in found]) if found else np.zeros((0, 1), np.float32)
    vectors = {f.answer: v for f, v in zip(found, vecs, strict=True)}
    group = list(range(len(found)))  # union-find over "same"

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    relations: dict[tuple[int, int], str] = {}
    for i, j in combinations(range(len(found)), 2):
        if found[i].doc == found[j].doc:
            continue
        rel, p = relate(question, found[i], found[j], index, vectors, llm, settings)
        relations[(i, j)] = rel
        if rel == SAME:
            group[root(j)] = root(i)
        elif rel == OTHER_EVENT:
            notes.append(f"{label(index, found[i].doc)} and {label(index, found[j].doc)} report different events; "
                         "not compared")
        elif p >= 0:
            notes.append(f"{label(index, found[i].doc)} vs {label(index, found[j].doc)}: contradiction "
                         f"p={p:.2f} -> {rel}")
    groups: dict[int, list[int]] = {}
    for i in range(len(found)):
        groups.setdefault(root(i), []).append(i)
    statements = [_statement(found[members[0]].answer, [found[k] for k in members], index)
                  for members in groups.values()]
    disagreements = []
    for ga, gb in combinations(groups, 2):
        rels = [relations.get((min(i, j), max(i, j))) for i in groups[ga] for j in groups[gb]]
        if UPDATE in rels or CONFLICT in rels:
            disagreements.append(_disagreement(question, found[ga], found[gb], UPDATE in rels, index))
    return statements, disagreements, notes


def _statement(text: str, members: list[Finding], index: Index) -> Statement:
    """The answer headed by the outlets that give it; the attribution is the program's, never the model's."""
    body = lower_first(text, " ".join(c.quote for f in members for c in f.citations))
    who = list(dict.fromkeys(label(index, f.doc) for f in members))
    names = who[0] if len(who) == 1 else ", ".join(who[:-1]) + " and " + who[-1]
    return Statement(f"According to {names}, {body}", tuple(c for f in members for c in f.citations))


def lower_first(text: str, quotes: str) -> str:
    """The answer's first word in lower case after "According to X, " unless it is a name (written with
    a capital inside the quotes too).

    >>> lower_first("Nine workers died.", "It killed nine workers."), lower_first("Marta Lind did.", "by Marta Lind")
    ('nine workers died.', 'Marta Lind did.')
    """
    first = text.split(" ", 1)[0]
    low = first.lower()
    if first[1:].islower() and (low in STOPWORDS or low in NUMBER_WORDS or re.search(rf"\b{re.escape(low)}\b", quotes)):
        return low + text[len(first):]
    return text


def _disagreement(question: str, a: Finding, b: Finding, update: bool, index: Index) -> Disagreement:
    if update and updates(a) and not updates(b):
        a, b = b, a  # the earlier report first
    sides = tuple(Side(f.doc, f.citations[0].quote, f.citations[0].start, f.citations[0].end, f.answer)
                  for f in (a, b))
    la, lb = label(index, a.doc), label(index, b.doc)
    if update:
        return Disagreement(f"{la} reported: {a.answer} A later report, {lb}, says: {b.answer}", "update", sides)
    kind = asks_for(question)
    kind = "numbers" if kind == "count" else ("dates" if kind == "date" else "claims")
    return Disagreement(f"{la} says: {a.answer} {lb} says: {b.answer}", kind, sides)
