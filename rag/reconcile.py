"""Reconcile what the articles said, read one at a time: group the answers into positions, then say
whether the positions disagree. The program decides all of it; no model call.

1. Each stated finding has a value of the question's kind (rag/question.py): a count (its figure for what
   the question counts, e.g. the killed), a time (its date words), yes or no, or a claim (its names, else
   its words).
2. Findings with the same value are one position: one statement citing every article that gives it.
   Same: equal figures; date words of which one set holds the other; the same polarity; claims sharing a
   name or close in embedding space (`Settings.same_threshold`: "the Assad regime" and "the Syrian regime"
   meet without a list of this corpus's names).
3. A question with one true value whose findings give two or more positions is one disagreement listing
   every position with all its articles and quotes. Never a disagreement: a many-valued question (its
   positions are listed side by side), counts of different things (soldiers vs civilians), findings
   about another event (their quotes state another year than the rest).
4. Reports of one count are ordered by their articles' own dates (dateline) and revision wording ("rose
   to"); the latest is marked, and a disagreement whose quotes say they revise a figure is an "update".
"""

from __future__ import annotations

import re
from datetime import date

from .dates import article_date, date_words
from .embed import Embedder
from .index import Index
from .question import Question, outcome_of
from .settings import Settings
from .text import NUMBER_WORDS, STOPWORDS, VAGUE, content_words, numbers, terms, tokens
from .types import Disagreement, Finding, Position, Side, Statement


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


_CAPITAL = re.compile(r"(?<![\w-])[A-Z][\w’'-]*")
_YES = re.compile(r"^\s*(yes|no)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|denied|denies|deny|without)\b|n't\b",
                       re.I)
_GENERIC = frozenset(terms("said say says report reports reported claim claims according carried out responsible "
                           "behind attack attacks strike strikes force forces"))


def main_figure(answer: str, outcome: str) -> str:
    """The figure an answer gives for what the question counts: the first figure of the first clause that
    says the question's outcome (killed, wounded, ...), else its first figure; dates and years left out.

    >>> main_figure("30 people were wounded and 8 were killed.", "killed"), main_figure("Eleven died.", "")
    ('8', '11')
    """
    clauses = re.split(r",|;|\band\b|\bwhile\b", answer)
    for c in clauses:
        if outcome and outcome_of(c) == outcome and figures(c):
            return _first_figure(c)
    return _first_figure(answer)


def _first_figure(text: str) -> str:
    found = figures(text)
    if not found:
        return ""
    order = {n: i for i, n in enumerate(tokens(text))}
    words = {str(v): k for k, v in NUMBER_WORDS.items()}
    return min(found, key=lambda n: order.get(n, order.get(words.get(n, ""), 999)))


def name_words(answer: str, question: Question) -> frozenset[str]:
    """The names an answer gives beyond the question's own words: its capitalised words after the first
    (and the first where it is not a common word), as terms.

    >>> from rag.question import parse
    >>> sorted(name_words("The Russian air force bombed it.", parse("Which air force bombed the market?")))
    ['russian']
    """
    out: set[str] = set()
    for m in _CAPITAL.finditer(answer):
        word = m.group(0)
        if m.start() == 0 and word.lower() in STOPWORDS | {"yes", "no"}:
            continue
        out |= set(terms(word))
    return frozenset(out - question.words - _GENERIC)


def value_of(f: Finding, question: Question) -> frozenset[str]:
    """A finding's value, as a set of keys compared between findings (see `same_value`)."""
    a = f.answer
    if question.kind == "count":
        fig = main_figure(a, question.outcome)
        return frozenset({fig}) if fig else frozenset()
    if question.kind == "time":
        return date_words(a) - date_words(question.text)
    if question.kind == "yesno":
        m = _YES.match(a)
        return frozenset({m.group(1).lower() if m else ("no" if _NEGATION.search(a) else "yes")})
    return name_words(a, question) or frozenset(content_words(a) - question.words - _GENERIC)


def same_value(question: Question, a: frozenset[str], b: frozenset[str], cosine: float,
               settings: Settings) -> bool:
    """Two findings' values say the same thing.

    >>> from rag.question import parse as p
    >>> s = Settings()
    >>> same_value(p("How many died?"), frozenset({"11"}), frozenset({"11"}), 0.1, s)
    True
    >>> same_value(p("When did it fall?"), frozenset({"12", "oct"}), frozenset({"oct"}), 0.1, s)
    True
    >>> same_value(p("Who created ISIS?"), frozenset({"us"}), frozenset({"assad", "regime"}), 0.5, s)
    False
    """
    if question.kind in ("count", "yesno"):
        return a == b
    if question.kind == "time":
        return bool(a and b) and (a <= b or b <= a)
    if a & b:
        return True
    return cosine >= settings.same_threshold


def reconcile(question: Question, findings: list[Finding], index: Index, embedder: Embedder,
              settings: Settings) -> tuple[list[Statement], list[Disagreement], list[str]]:
    """Statements (one per group of articles saying the same, most articles first), at most one
    disagreement (the positions of a one-value question), and notes on what was set apart and why.
    A statement groups answers that say the same (equal values, or claims close in embedding space); a
    position groups statements that hold the same value (a claim sharing a name, a date within a date),
    so that no outlet is credited with words it did not print."""
    notes: list[str] = []
    found = sorted((f for f in findings if f.stated), key=lambda f: -f.p_states)
    keep = []
    for f in found:
        year, stated = event_year(f, index)
        written = article_date(index.docs[f.doc].text)
        if question.years and stated and year not in question.years:
            notes.append(f"set aside {label(index, f.doc)}'s answer: its quote is about {year}")
        elif question.window and written and not question.window[0] <= written <= question.window[1]:
            notes.append(f"set aside {label(index, f.doc)}'s answer: the article is dated {written:%-d %b %Y}, "
                         f"not within a week of the event asked about")
        else:
            keep.append(f)
    found = keep
    if not found:
        return [], [], notes
    values = [value_of(f, question) for f in found]
    vecs = embedder.embed([f.answer for f in found])
    cos = vecs @ vecs.T
    by_value = question.kind in ("count", "time")  # one figure, one date: the value is the claim
    said = _groups(len(found), lambda i, j: values[i] == values[j] if by_value else (
        float(cos[i, j]) >= settings.same_threshold and (question.kind != "yesno" or values[i] == values[j])))
    said.sort(key=lambda g: (-len(g), g[0]))  # found is best supported first
    held = _groups(len(said), lambda a, b: any(
        same_value(question, values[i], values[j], float(cos[i, j]), settings) for i in said[a] for j in said[b]))
    positions = sorted(([found[i] for k in g for i in said[k]] for g in held),
                       key=lambda g: (-len({f.doc for f in g}), -g[0].p_states))
    statements_of = [[found[i] for i in g] for g in said]
    statements = [_statement(g[0].answer, g, index) for g in statements_of]
    disputed = _disputed(question, positions, index, notes)
    disagreements = [_disagreement(question, disputed, index)] if len(disputed) >= 2 else []
    return statements, disagreements, notes


def _groups(n: int, same) -> list[list[int]]:  # type: ignore[no-untyped-def]
    """Connected groups of 0..n-1 under the relation `same(i, j)` (i < j), each in index order.

    >>> _groups(4, lambda i, j: (i, j) in {(0, 2), (2, 3)})
    [[0, 2, 3], [1]]
    """
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            if root(i) != root(j) and same(i, j):
                parent[root(j)] = root(i)
    out: dict[int, list[int]] = {}
    for i in range(n):
        out.setdefault(root(i), []).append(i)
    return list(out.values())


def _disputed(question: Question, groups: list[list[Finding]], index: Index, notes: list[str]) -> list[list[Finding]]:
    """The positions that contradict one another: none for a many-valued question; for one with a single
    true value, the positions about the same event (no quote states another year than the others' articles)
    counting the same thing, the best-supported position first."""
    if not question.single or len(groups) < 2:
        if len(groups) >= 2:
            notes.append("several answers, listed side by side: the question may have more than one true answer")
        return []
    out: list[list[Finding]] = []
    years: list[tuple[str, bool]] = []
    for g in groups:
        year = event_year(g[0], index)
        other = next((y for y, s in years if year[0] and y and y != year[0] and (s or year[1])), "")
        if other:
            notes.append(f"{label(index, g[0].doc)} reports a different event ({year[0]}, not {other}); not compared")
            continue
        if question.kind == "count" and out and (count_different_things(out[0][0].answer, g[0].answer)
                                                 or _outcomes_differ(out[0][0].answer, g[0].answer)):
            notes.append(f"{label(index, g[0].doc)} counts something else; not compared")
            continue
        out.append(g)
        years.append(year)
    return out


def _outcomes_differ(a: str, b: str) -> bool:
    """Two counts of what happened to different people: 30 wounded and 8 killed are two facts.

    >>> _outcomes_differ("30 people were wounded.", "8 people were killed."), _outcomes_differ("8 dead", "9 died")
    (True, False)
    """
    oa, ob = outcome_of(a), outcome_of(b)
    return bool(oa and ob and oa != ob)


def _dated(g: list[Finding], index: Index) -> date | None:
    dates = [d for f in g if (d := article_date(index.docs[f.doc].text)) is not None]
    return max(dates) if dates else None


def _disagreement(question: Question, groups: list[list[Finding]], index: Index) -> Disagreement:
    """One disagreement: every position with its articles and quotes; for a count, the positions in
    the order they were reported (revision wording last, then the articles' dates) and the latest marked."""
    revised = [any(updates(f) for f in g) for g in groups]
    dated = [_dated(g, index) for g in groups]
    latest = -1
    if question.kind == "count" and (any(revised) or len({d for d in dated if d}) >= 2):
        order = sorted(range(len(groups)), key=lambda k: (revised[k], dated[k] or date.min))
        groups, revised, dated = [groups[k] for k in order], [revised[k] for k in order], [dated[k] for k in order]
        latest = len(groups) - 1
    positions = tuple(Position(g[0].answer, tuple(dict.fromkeys(f.doc for f in g)),
                               tuple(c for f in g for c in f.citations), k == latest)
                      for k, g in enumerate(groups))
    sides = tuple(Side(f.doc, f.citations[0].quote, f.citations[0].start, f.citations[0].end, f.answer)
                  for g in groups for f in g)
    parts = []
    for pos in positions:
        who = _names([label(index, d) for d in pos.docs])
        when = f", {dated[positions.index(pos)]:%-d %b %Y}" if pos.latest and dated[positions.index(pos)] else ""
        parts.append(f"{who}{' (the latest report' + when + ')' if pos.latest else ''}: {pos.claim}")
    kind = {"count": "numbers", "time": "dates"}.get(question.kind, "claims")
    if latest >= 0 and any(revised):
        kind = "update"
    return Disagreement(f"{len(positions)} positions. " + " — ".join(parts), kind, sides, positions)


def _names(who: list[str]) -> str:
    who = list(dict.fromkeys(who))
    return who[0] if len(who) == 1 else ", ".join(who[:-1]) + " and " + who[-1]


def _statement(text: str, members: list[Finding], index: Index) -> Statement:
    """The answer headed by the outlets that give it; the attribution is the program's, never the model's."""
    body = lower_first(text, " ".join(c.quote for f in members for c in f.citations))
    return Statement(f"According to {_names([label(index, f.doc) for f in members])}, {body}",
                     tuple(c for f in members for c in f.citations))


def lower_first(text: str, quotes: str) -> str:
    """The answer's first word in lower case after "According to X, " unless it is a name (written with
    a capital inside the quotes too).

    >>> lower_first("Nine workers died.", "It killed nine workers."), lower_first("Marta Lind did.", "by Marta Lind")
    ('nine workers died.', 'Marta Lind did.')
    """
    first = text.split(" ", 1)[0]
    low = first.lower()
    common = low in STOPWORDS or low in NUMBER_WORDS or low.rstrip(",") in ("yes", "no")
    if first[1:].islower() and (common or re.search(rf"\b{re.escape(low)}\b", quotes)):
        return low + text[len(first):]
    return text

