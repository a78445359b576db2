"""Reconcile what the articles said, read one at a time: group the answers into positions, then say
whether the positions disagree. The program decides all of it; no model call.

1. Each stated finding has a value of the question's kind (rag/values.py): a count (its figure for what
   the question counts, e.g. the killed), a time (its date words, a weekday read as the day it names in
   its article: "Monday" in an article of 3 Oct 2017 is 2 Oct), yes or no, or a claim (its names, else
   its words; a name's other spellings and the other names the articles give it are the same value).
   An answer from an article dated outside the asked event's week whose quote names no day
   of it (nor "early October" for it), or whose quote states another year than the question's, or names
   only another day than the one it gives (or, in an article of the day before, only another weekday), is
   set aside first.
2. Findings with the same value are one position: one statement citing every article that gives it (an
   article is credited with a statement only when its own quotes hold the words the statement adds to the
   question; else it keeps its own statement in the position).
   Same: equal figures; date words of which one set holds the other; the same polarity; claims sharing a
   name or close in embedding space (`Settings.same_threshold`: "the Assad regime" and "the Syrian regime"
   meet without a list of this corpus's names).
3. A question with one true value, or of blame (who backs a side: `Question.contested`), whose findings
   give two or more positions is one disagreement listing every position with all its articles and
   quotes. Never a disagreement: another many-valued question (its positions are listed side by side),
   counts of different things (soldiers vs civilians), a figure an article gives as a part of another ("82
   people including 58 civilians"), findings about another event (their quotes state another year than the
   rest), a count given only as a word ("tens of terrorists") that another position's figure fits, the figure
   of someone else than the one whose figure is asked for ("according to the Observatory") when a position
   names that one, a figure whose every article also gives another position's and reports no competing
   figure (an article does not disagree with itself: "22 civilians killed ... the highest toll was in Douma,
   where raids killed 16"; but "state media gave a toll of 44 ... the Observatory gave a toll of 48" is a
   disagreement).
4. Reports of one count are ordered by their articles' own dates (dateline) and revision wording ("rose
   to"); the latest is marked, and a disagreement whose quotes say they revise a figure is an "update".
"""

from __future__ import annotations

import re
from datetime import date
from itertools import combinations

from .dates import WEEKDAYS, date_words, days_named, names_time_in, weekday_before
from .embed import Embedder
from .index import Index
from .question import Question, side_of
from .read import NEED
from .settings import Settings
from .support import mentions, text_words, words_stated
from .text import NUMBER_WORDS, STOPWORDS
from .types import Disagreement, Finding, Position, Side, Statement
from .values import (
    YEAR,
    count_different_things,
    main_figure,
    outcomes_differ,
    people_counted,
    same_value,
    stated_as_part,
    vague_fits,
    value_of,
)


def label(index: Index, doc: str) -> str:
    """How an article is named to a reader: its outlet, else the first words of its title in quotes."""
    return index.docs[doc].label


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
    years = {y for c in f.citations for y in YEAR.findall(c.quote)}
    if len(years) == 1:
        return years.pop(), True
    if years:
        return "", False
    m = YEAR.search(index.docs[f.doc].text[:400])
    return (m.group(0) if m else ""), False


def reconcile(question: Question, findings: list[Finding], index: Index, embedder: Embedder,
              settings: Settings) -> tuple[list[Statement], list[Disagreement], list[str]]:
    """Statements (one per group of articles saying the same, most articles first), at most one
    disagreement (the positions of a one-value question), and notes on what was set apart and why.
    A statement groups answers that say the same (equal values, or claims close in embedding space); a
    position groups statements that hold the same value (a claim sharing a name, a date within a date),
    so that no outlet is credited with words it did not print."""
    notes: list[str] = []
    found = sorted((g for f in findings for g in (f, *f.also) if g.stated), key=lambda f: -f.p_states)
    keep = []
    for f in found:
        year, stated = event_year(f, index)
        written = index.docs[f.doc].written
        if question.years and stated and year not in question.years:
            notes.append(f"set aside {label(index, f.doc)}'s answer: its quote is about {year}")
        elif (other := _another_day(f, question, written)):
            notes.append(f"set aside {label(index, f.doc)}'s answer: its quote is about {other:%-d %b %Y}, not "
                         f"the day asked about")
        elif question.window and written and not question.window[0] <= written <= question.window[1] and \
                not any(names_time_in(c.quote, question.window) for c in f.citations):
            notes.append(f"set aside {label(index, f.doc)}'s answer: the article is dated {written:%-d %b %Y}, "
                         f"not within a week of the event asked about, and its quote names no day of it")
        else:
            keep.append(f)
    found = keep
    if not found:
        return [], [], notes
    aliases = index.aliases if question.kind not in ("count", "time", "yesno") else None
    values = [value_of(f, question, aliases, index.docs[f.doc].written) for f in found]
    vecs = embedder.embed([f.answer for f in found])
    cos = vecs @ vecs.T
    by_value = question.kind in ("count", "time")  # one figure, one date: the value is the claim
    said = _groups(len(found), lambda i, j: values[i] == values[j] if by_value else (
        float(cos[i, j]) >= settings.same_threshold and (question.kind != "yesno" or values[i] == values[j])))
    if not by_value and question.kind != "yesno":
        said = [part for g in said for part in _credited(question, g, found)]
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


def _credited(question: Question, group: list[int], found: list[Finding]) -> list[list[int]]:
    """A group of answers close in embedding space split so that each article's own quotes hold the words the
    statement it is credited with (its first answer, the best supported) adds to the question, as much as a
    cited sentence must (`read.NEED`; its names may differ: "the Assad regime" for "the Syrian regime"):
    "Deir El-Zour is a vital strategic point" is not one statement with another article's answer whose quote
    is "the agreement includes supporting ISIS with large amounts of money" (seeds dev dev09: answers that all
    name the question's subject are close). The others form statements of their own, split the same way.

    >>> from rag.question import parse
    >>> from rag.types import Citation
    >>> f = lambda a, q: Finding("d", 0.9, a, (Citation("d", q, 0, len(q)),))
    >>> found = [f("It is a vital strategic point.", "Deir El-Zour is a vital strategic point in this war."),
    ...          f("Its oil wells.", "The agreement gives ISIS the province of Deir El-Zor with its oil wells."),
    ...          f("A strategic point in the war.", "It is a strategic point in the war.")]
    >>> _credited(parse("Why is Deir El-Zour important?"), [0, 1, 2], found)
    [[0, 2], [1]]
    """
    need = NEED[question.kind]
    head, rest = found[group[0]], group[1:]
    own = [i for i in rest if words_stated(head.answer, [c.quote for c in found[i].citations], question.text) >= need]
    others = [i for i in rest if i not in own]
    return [[group[0], *own], *(_credited(question, others, found) if others else [])]


# "the strikes ... reported on Sunday 30 April": the day a question gives may be the report's, not the event's
_REPORT_DAY = re.compile(r"\b(?:reported|announced|said|published|released|claimed)\b", re.I)


def _another_day(f: Finding, question: Question, written: date | None = None) -> date | None:
    """The day the finding's quotes name for its event when the question gives a day and they name only
    other days, more than one day off ("an October 2 attack" for a question about 11 October); or, from an
    article written the day before the day asked about (allowed for time zones, rag/dates.py `event_window`),
    whose quotes name a weekday but not that day's: the weekday's date in the article's week (before the day
    asked about: "the toll rose to 8 ... late on Tuesday", in an article of Tuesday 16 August, for the attack
    of Wednesday 17 August; not where the question's day may be a report's: "reported on Sunday"). Else None.

    >>> from dataclasses import replace
    >>> from rag.question import parse
    >>> from rag.types import Citation
    >>> q = parse("How many died in the attack in Damascus on 11 October 2017?")
    >>> f = Finding("d", 0.9, "At least 17.", (Citation("d", "17 died in an October 2 attack.", 0, 9),))
    >>> later = replace(f, citations=(Citation("d", "On October 12 it rose to 17.", 0, 9),))
    >>> _another_day(f, q), _another_day(later, q)
    (datetime.date(2017, 10, 2), None)
    >>> tue = replace(f, citations=(Citation("d", "The toll rose to 8, a source said late on Tuesday.", 0, 9),))
    >>> wed = replace(f, citations=(Citation("d", "Rockets killed 8 early on Wednesday.", 0, 9),))
    >>> _another_day(tue, q, date(2017, 10, 10)), _another_day(wed, q, date(2017, 10, 10))
    (datetime.date(2017, 10, 10), None)

    An article written after the day asked about whose quotes name only another weekday, in its own week, more
    than a day off (eval/fakes/dev10.jsonl: an article of Wednesday 8 June, "killed at least 15 civilians ... on
    Wednesday", for the raids of Sunday 5 June); not a later report of the toll ("rose to 20 on Wednesday"):
    >>> sun = parse("How many died in the raids on Aleppo on Sunday 5 June 2016?")
    >>> wed8 = replace(f, citations=(Citation("d", "Air strikes killed at least 15 civilians on Wednesday.", 0, 9),))
    >>> rose = replace(f, citations=(Citation("d", "The toll rose to 20 on Wednesday, a monitor said.", 0, 9),))
    >>> mon = replace(f, citations=(Citation("d", "Air strikes killed 15 late on Monday.", 0, 9),))
    >>> [_another_day(g, sun, date(2016, 6, 8)) for g in (wed8, rose, mon)]
    [datetime.date(2016, 6, 8), None, None]
    """
    if question.day is None:
        return None
    days = [d for c in f.citations for d in days_named(c.quote, question.day.year)]
    if days and all(abs((d - question.day).days) > 1 for d in days):
        return days[0]
    named = {w for c in f.citations for w in date_words(c.quote) if w in WEEKDAYS}
    if not days and written and named and f"{question.day:%A}".lower() not in named \
            and not _REPORT_DAY.search(question.text):
        seen = [weekday_before(w, written) for w in named]  # each weekday's date in the article's own week
        if written < question.day or (all(abs((d - question.day).days) > 1 for d in seen) and not updates(f)):
            return max(seen)
    return None


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
    counting the same thing, the best-supported position first; not a position whose articles all give an
    earlier one too without reporting competing figures (`_same_articles`). None when every position is one
    article's: the figures of the sources it quotes ("Ten people were killed ..., Governor Talal Barazi said";
    "the Syrian Observatory for Human Rights gave a death toll of 12") are listed side by side, each quoted; no
    other article disputes them (eval/fakes/dev8.jsonl, written for this: d8-01, d8-05, d8-09)."""
    if not question.contested or len(groups) < 2:
        if len(groups) >= 2:
            notes.append("several answers, listed side by side: the question may have more than one true answer")
        return []
    out: list[list[Finding]] = []
    years: list[tuple[str, bool]] = []
    parts = _summed(question, groups) if question.kind == "count" else set()
    named = [bool(question.said_by) and _said_by(question, g, index) for g in groups]
    for k, g in enumerate(groups):
        if k in parts:
            notes.append(f"{label(index, g[0].doc)}'s figure {g[0].answer!r} is one of the figures it adds up to "
                         f"its total; not compared")
            continue
        if any(named) and not named[k]:
            notes.append(f"{label(index, g[0].doc)}'s answer {g[0].answer!r} is not given as the figure or account "
                         f"of {' '.join(question.said_by)}, whose the question asks for; not compared")
            continue
        if question.kind == "count" and (fits := next((h for h in groups if h is not g and
                                                       vague_fits(g[0].answer, h[0].answer, question.outcome)), None)):
            notes.append(f"{label(index, g[0].doc)} gives no figure ({g[0].answer!r}), only a word that "
                         f"{fits[0].answer!r} fits; not compared")
            continue
        if question.places and not _placed(question, g, index):
            where = " or ".join(" ".join(p).title() for p in question.places)
            notes.append(f"{label(index, g[0].doc)}'s answer {g[0].answer!r}: neither its quotes nor its article's "
                         f"opening name {where}, where the event asked about happened; not compared")
            continue
        if (same := _same_articles(g, out)) is not None:
            one = len({f.doc for f in g}) == 1
            notes.append(f"{_names([label(index, d) for d in dict.fromkeys(f.doc for f in g)])} also give"
                         f"{'s' if one else ''} {same[0].answer!r} and report{'s' if one else ''} no competing "
                         f"figure: {g[0].answer!r} is a part of that toll, or another place or day; not compared")
            continue
        year = event_year(g[0], index)
        other = next((y for y, s in years if year[0] and y and y != year[0] and (s or year[1])), "")
        if other:
            notes.append(f"{label(index, g[0].doc)} reports a different event ({year[0]}, not {other}); not compared")
            continue
        if question.kind == "count" and out and (count_different_things(out[0][0].answer, g[0].answer)
                                                 or outcomes_differ(out[0][0].answer, g[0].answer)):
            notes.append(f"{label(index, g[0].doc)} counts something else; not compared")
            continue
        if question.kind == "count" and (whole := _part_of(question, g, out, index)):
            notes.append(f"{label(index, g[0].doc)}'s figure is given as a part of {whole} (or the reverse); "
                         f"not compared")
            continue
        if question.kind == "count" and out and armed_part(question, out[0][0].answer, g[0].answer):
            notes.append(f"{label(index, g[0].doc)}: a count of armed men only, beside a count of everyone killed "
                         f"or hurt (a part of it); not compared")
            continue
        out.append(g)
        years.append(year)
    if len(out) >= 2 and len({f.doc for g in out for f in g}) == 1:
        notes.append(f"{label(index, out[0][0].doc)} alone gives {' and '.join(repr(g[0].answer) for g in out)}, "
                     f"the figures of the sources it quotes: listed side by side; no other article disputes them")
        return []
    return out


OPENING = 400  # characters of an article's title, dateline and lead that say what it is about

_REPORTED = re.compile(r"\b(?:gave|gives|give|put|puts|placed|reported|reports|reporting|said|says|saying|claimed|"
                       r"counted|recorded|cited)\b[^.]{0,30}?\b(?:tolls?|figures?|counts?|deaths|dead|killed)\b"
                       r"|\btoll (?:of|at) \d|\bconflicting\b", re.I)


def _placed(question: Question, g: list[Finding], index: Index) -> bool:
    """A quote of the position, or its article's opening (title, dateline, lead), names where the question's
    event happened (spelling variants allowed): a figure from an article about another place, whose quotes
    name none, may be another attack's ("Russian and Syrian strikes kill 58 civilians", an article on
    another province, for a question about Raqqa) and is not set against the others."""
    texts = [c.quote for f in g for c in f.citations] + [index.docs[f.doc].text[:OPENING] for f in g]
    return any(mentions(text_words(t), list(p)) for t in texts for p in question.places)


def _said_by(question: Question, g: list[Finding], index: Index) -> bool:
    """A quote of the position, or its article's outlet or title, names whoever the question asks for the figure
    or account of (`Question.said_by`: "according to the Observatory", "how many did the White Helmets say"):
    all of its distinctive words, or two of three or more (spelling variants allowed). Another position's figure
    is someone else's (eval/fakes/dev11.jsonl d11-15: the White Helmets' 45 in three days, beside other outlets'
    tolls of other days from other sources)."""
    need = min(2, len(question.said_by))
    texts = [c.quote for f in g for c in f.citations] + [f"{index.docs[f.doc].outlet} {index.docs[f.doc].title}"
                                                          for f in g]
    return any(sum(mentions(words, [w]) for w in question.said_by) >= need
               for words in (text_words(t) for t in texts))


def _same_articles(g: list[Finding], kept: list[list[Finding]]) -> list[Finding] | None:
    """The kept position whose articles include every article of this one, when none of their quotes in those
    articles reports a competing figure ("state media gave a toll of 44", "Anadolu reported 15 deaths"): an
    article does not disagree with itself; its two figures are a total and its part ("22 civilians killed
    ... the highest toll was in Douma, where raids killed 16"), or another place or day. Else None.

    >>> from rag.types import Citation
    >>> f = lambda a, q: Finding("d", 0.9, a, (Citation("d", q, 0, len(q)),))
    >>> whole = [f("22 killed.", "Raids killed 22 civilians on Monday, the Observatory said.")]
    >>> part = f("16 killed.", "The highest toll was in Douma, where raids killed 16 civilians.")
    >>> _same_articles([part], [whole])[0].answer
    '22 killed.'
    >>> _same_articles([f("48 killed.", "The Observatory gave a toll of 48 dead.")], [whole]) is None
    True
    """
    docs = {f.doc for f in g}
    for o in kept:
        if docs <= {f.doc for f in o} and not any(_REPORTED.search(c.quote) for f in (*g, *o) if f.doc in docs
                                                   for c in f.citations):
            return o
    return None


def _summed(question: Question, groups: list[list[Finding]]) -> set[int]:
    """The positions whose figure only articles give that also give others adding up with it to a total
    they give too (a round-up: "the toll rises to 11": eight in the park, three in Khaldiyeh): parts of
    one count, not reports of it.

    >>> from rag.question import parse
    >>> f = lambda a: [Finding("d", 0.9, a)]
    >>> sorted(_summed(parse("How many civilians were killed?"), [f("11 killed."), f("8 killed."), f("3 killed.")]))
    [1, 2]
    >>> sorted(_summed(parse("How many were killed?"), [f("11 killed."), f("8 killed."), f("5 killed.")]))
    []
    """
    figs = [int(x) if (x := main_figure(g[0].answer, question.outcome)).isdigit() else 0 for g in groups]
    part_in: dict[int, set[str]] = {}  # position -> the articles in which its figure is a part of a total
    for doc in {f.doc for g in groups for f in g}:
        held = [k for k, g in enumerate(groups) if figs[k] and any(f.doc == doc for f in g)]
        for total in held:
            smaller = [k for k in held if figs[k] < figs[total]]
            for n in range(2, min(len(smaller), 4) + 1):
                for subset in combinations(smaller, n):
                    if sum(figs[k] for k in subset) == figs[total]:
                        for k in subset:
                            part_in.setdefault(k, set()).add(doc)
    return {k for k, docs in part_in.items() if docs >= {f.doc for f in groups[k]}}


def armed_part(question: Question, a: str, b: str) -> bool:
    """One of two counts is of armed men (militants, soldiers, fighters) and smaller, the other names no kind of
    people: "17 militants killed" beside "18 killed" (17 militants and a child) is a part of everyone killed,
    not another report of the same number; not when the question counts armed men. Only armed men: a count of
    workers, passengers or civilians is often the whole toll ("nine workers" and a toll of fourteen are two
    reports of one fire's dead).

    >>> from rag.question import parse
    >>> q = parse("How many people were killed by the air strike on the camp?")
    >>> armed_part(q, "17 militants killed.", "18 killed."), armed_part(q, "18 killed.", "17 militants killed.")
    (True, True)
    >>> armed_part(q, "30 militants killed.", "18 killed."), armed_part(q, "Nine workers killed.", "14 killed.")
    (False, False)
    >>> armed_part(parse("How many soldiers were killed?"), "17 soldiers killed.", "18 killed.")
    False
    """
    fa, fb = main_figure(a, question.outcome), main_figure(b, question.outcome)
    if question.people == "armed" or not (fa.isdigit() and fb.isdigit()):
        return False
    ka, kb = side_of(people_counted(a, fa)), side_of(people_counted(b, fb))
    return (ka == "armed" and not kb and int(fa) < int(fb)) or (kb == "armed" and not ka and int(fb) < int(fa))


def _part_of(question: Question, g: list[Finding], kept: list[list[Finding]], index: Index) -> str:
    """The figure of a kept position that one of the articles gives as containing this position's figure, or
    as a part of it ("82 people including 58 civilians"): one toll and its part, not two reports; else ''."""
    fig = main_figure(g[0].answer, question.outcome)
    for o in kept:
        other = main_figure(o[0].answer, question.outcome)
        texts = {index.docs[f.doc].text for f in (*g, *o)}
        if fig and other and any(stated_as_part(fig, other, t) or stated_as_part(other, fig, t) for t in texts):
            return other
    return ""


def _dated(g: list[Finding], index: Index) -> date | None:
    dates = [d for f in g if (d := index.docs[f.doc].written) is not None]
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
        parts.append(f"{who}{' (the latest report)' if pos.latest else ''}: {pos.claim}")
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
    >>> lower_first("Two.", "adding that two members were among the victims")
    'two.'
    """
    first = text.split(" ", 1)[0]
    low = first.lower()
    word = low.rstrip(".,;:!?")
    if word in ("yes", "no") and not low.endswith(","):
        return text  # a bare reply keeps its capital: "According to X, No."
    common = word in STOPWORDS or word in NUMBER_WORDS or word in ("yes", "no")
    if first[1:].islower() and (common or re.search(rf"\b{re.escape(word)}\b", quotes)):
        return low + text[len(first):]
    return text

