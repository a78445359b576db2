"""Read each article on its own: does its excerpt state an answer to the question, and if so, which.

The articles come from retrieval, which has already passed over those that cannot answer whatever they say
(`retrieve.mismatch`). Per article, small tasks for the model.
(0) Its excerpt's borderline sentences (rag/guard.py: the rules
cannot clear them) are each asked about alone, "addressed to software?", and left out from
`Settings.guard_threshold`. Then, in one conversation (the second reuses the first's evaluated prompt):
(1) "does this excerpt state the answer?", decided from the probability of "yes" as the reply's first
token, against a threshold calibrated on dev questions (`Settings.read_threshold`); (2) only if yes, a
short answer and the numbers of the sentences that state it (asked once more, in the same conversation,
when the reply only repeats the question). The program then checks the answer against
those sentences (rag/support.py), re-cites it to the excerpt's sentences that do state it when the model
picked others (else to the article's one sentence that states it and answers what was asked: the model
often gives the right group and cites the wrong sentence), and refuses an answer that is not of the kind
asked, that no sentence of the article states, or that repeats the prompt. A count's reply that copies its
sentences is cut to its figure phrase, and one whose figure counts another outcome in its sentence (the wounded,
for how many were killed) takes the one figure they give for the outcome asked. A claim (who, where, why) is
cited also to the article's other sentence that states it again. For a count, the other figures the
article gives for what is counted ("a slightly lower toll of 31") are findings of their own, and its other
sentence giving the answer's figure is cited too (`reports`). A cut-off or malformed reply loses this
article's answer only. For a yes/no question, the reply its kept sentences give is decided apart
(rag/polarity.py: a negation in them and the model's P(yes) asked over them alone). (A third yes/no,
"do its sentences say this answers the question?", asked with only the kept answer's quote, was tried and
removed: on the pooled dev replay no threshold for it beat none, eval/results/calibration/pooled_dev_check.md.)
"""

from __future__ import annotations

import json
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from difflib import SequenceMatcher

from . import polarity, prompts
from .aliases import spelling
from .dates import MONTHS, WEEKDAYS, date_words, weekday_before
from .guard import borderline, looks_like_injection
from .index import Index
from .llm import LLM, label_probs
from .question import ALL_PEOPLE, CLAIM, PLACE_NOUNS, Question, another_town, elsewhere, outcome_of, says, side_of
from .retrieve import Passage, Source
from .settings import Settings
from .support import ATTRIBUTION, CAPITALISED, PARTICLES, lexical_support, mentions, supports, text_words
from .text import NUMBER_WORDS, STOPWORDS, content_words, numbers, split_sentences, terms
from .types import NOT_STATED, Citation, Finding
from .values import BESIDES, YEAR, counted_words, counts_of, figure_clause, figures, main_figure, people_counted

# a group that says its own men did it claims the act, in other words: "IS said in a statement that one of its
# fighters had fired on a gathering", "Nusra's feed said one of the group's members blew himself up"
OWN_MEN = re.compile(r"\b(?:its|their|the group(?:'s|s)?|the organi[sz]ation(?:'s|s)?) (?:own )?(?:fighters?|members?|"
                     r"militants?|suicide bombers?|men|operatives?)\b|\btook credit\b", re.I)

# share of the words an answer adds to the question that its sentences must hold, by kind of question: a
# count or a time is checked by its figure or date; a name or a yes/no by its names and a third of its
# words (real sentences word the answer otherwise); a reason or a description by half its words
NEED = {"count": 0.0, "time": 0.0, "actor": 0.34, "place": 0.34, "yesno": 0.34, "reason": 0.5, "description": 0.5}

OnFinding = Callable[[Finding], None]


def read_all(question: Question, passages: tuple[Passage, ...], index: Index, llm: LLM,
             settings: Settings, known: Mapping[str, Finding] | None = None) -> Iterator[Finding]:
    """Each passage's finding, in order, as soon as it is read; an article whose finding is `known` (the
    same question read before with the same model and index: each article is read on its own, so its
    finding does not depend on the others) is not read again."""
    for p in passages:
        yield (known or {}).get(p.doc) or read(question, p, index, llm, settings)


def read(question: Question, passage: Passage, index: Index, llm: LLM, settings: Settings) -> Finding:
    doc = index.docs[passage.doc]
    passage, left = screened(passage, llm, settings)
    title = "" if addressed_to_software(doc.title, llm) >= settings.guard_threshold else doc.title
    f = _read(question, passage, index, llm, settings, title)
    if not left:
        return f
    why = f"left out {left} sentence(s) the model took for a message to software"
    return replace(f, note=f"{why}; {f.note}" if f.note else why)


def screened(passage: Passage, llm: LLM, settings: Settings) -> tuple[Passage, int]:
    """The excerpt without the borderline sentences (guard.borderline) that the model takes for a message to
    software, and how many were left out."""
    keep = tuple(s for s in passage.sources if addressed_to_software(s.text, llm) < settings.guard_threshold)
    return replace(passage, sources=keep), len(passage.sources) - len(keep)


_SCREENED: weakref.WeakKeyDictionary[LLM, dict[str, float]] = weakref.WeakKeyDictionary()  # asked once a model


def addressed_to_software(text: str, llm: LLM) -> float:
    """P(the text addresses an AI or other software) from the model: for a text of several sentences (a title
    may be a paragraph), that of its most suspect sentence, each judged alone."""
    return max((_asked(text[a:b], llm) for a, b in split_sentences(text)), default=0.0)


def _asked(text: str, llm: LLM) -> float:
    """The model's P for one borderline sentence, asked once; 0.0 for one the rules clear (most sentences:
    no model call)."""
    if not text or not borderline(text):
        return 0.0
    seen = _SCREENED.setdefault(llm, {})
    if text not in seen:
        if len(seen) > 10_000:
            seen.clear()
        asks = prompts.guard_messages(text)
        seen[text] = sum(label_probs(llm, m, prompts.YES_NO)["yes"] for m in asks) / len(asks)
    return seen[text]


def _read(question: Question, passage: Passage, index: Index, llm: LLM, settings: Settings, title: str) -> Finding:
    doc = index.docs[passage.doc]
    msgs = prompts.read_messages(question.text, title, doc.outlet, [(s.n, s.text) for s in passage.sources])
    p = label_probs(llm, msgs, prompts.YES_NO)["yes"]
    if p < settings.read_threshold:
        return Finding(passage.doc, p, note=f"{NOT_STATED} (p={p:.2f})")
    asked, schema = prompts.answer_messages(msgs, question.kind), prompts.answer_schema([s.n for s in passage.sources])
    raw = llm.generate(asked, schema)
    reply = parse_answer(raw)
    if reply is not None and misfit(tidy(reply[0]), question) == REPEATS:  # asked once more: it named nothing new
        reply = parse_answer(llm.generate(prompts.again_messages(asked, raw), schema)) or reply
    if reply is None:
        return Finding(passage.doc, p, note="the model's answer was cut off or malformed; nothing kept")
    text, ids = reply
    text = respelled(short_count(tidy(text), question), [s.text for s in passage.sources])
    if not text or prompts.NOT_IN_CORPUS.lower().rstrip(".") in text.lower():
        return Finding(passage.doc, p, note="the model gave no answer")
    if prompts.copies_prompt(text):
        return Finding(passage.doc, p, note=f"the answer repeats the instructions: {text!r}")
    why = misfit(text, question)
    if why:
        return Finding(passage.doc, p, note=f"{why}: {text!r}")
    names = content_words(f"{doc.title} {doc.outlet}")
    cited = [s for s in passage.sources if s.n in ids]
    kept = cite(text, sorted(cited, key=lambda s: s.n), passage, question, names, doc.title) or \
        (headline(text, passage.doc, index, question) if title else [])
    said = [s.text for s in kept]
    text = asked_count(part_answer(text, said, question), said, question)
    why = unfit(text, said, question) if kept else "no sentence of the excerpt states the answer"
    if why:
        kept = elsewhere_stated(text, question, passage, index, names)
        if not kept:
            return Finding(passage.doc, p, note=f"{why}: {text!r}")
        note = f"{why}; cited the article's sentence that does instead"
    else:
        k, c = [s.n for s in kept], sorted(s.n for s in cited)
        note = "" if k == c else (f"kept sentence(s) {k} of the cited {c}; the others do not state the answer"
                                  if set(k) <= set(c) else f"cited sentence(s) {k} of the excerpt instead of {c}")
    if question.kind == "yesno":  # the reply its sentences give, decided apart (the model leans to yes)
        text = polarity.with_reply(text, polarity.reply_of(question, text, [s.text for s in kept], llm, settings))
    return reports(question, Finding(passage.doc, p, text, quotes(kept, index), note), passage, index)


def respelled(answer: str, sentences: list[str]) -> str:
    """The answer with each name the model spelt otherwise than the excerpt written as the excerpt writes it
    (eval/fakes/dev10.jsonl d10-07: "Jisr al-Shagour" for the article's "Jisr al-Shaghour"): a capitalised word
    the sentences lack whose spelling key, an h after d, g, k or t aside (rag/aliases.py `spelling`: first letter
    and consonants), is that of one word the sentences write with a capital. The statement gives the article's
    names, and the check that each name is in its quotes (`support.names_supported`) then holds it to them.

    >>> respelled("Jisr al-Shagour and Binnish.", ["Russian jets struck the towns of Jisr al-Shaghour and Binnish."])
    'Jisr al-Shaghour and Binnish.'
    >>> respelled("Hama.", ["Shells hit Homs and Hamah."])  # a key under three letters tells names apart too poorly
    'Hama.'
    >>> respelled("Hasakah.", ["Shells hit Hasakeh and Hassakeh."])  # two spellings in the excerpt: left as it is
    'Hasakah.'
    >>> respelled("Kurdish forces.", ["Kurds took the town."])  # another word, not another spelling
    'Kurdish forces.'
    """
    have = {m.group(0) for t in sentences for m in CAPITALISED.finditer(t)}
    lower = {w.lower() for t in sentences for w in re.findall(r"[\w’'-]+", t)}

    def key(w: str) -> str:
        k = re.sub(r"(?<=[dgkt])h", "", spelling(w))  # gh, kh, dh, th written as g, k, d, t; not "sh" (Kurdish)
        return k if len(k) >= 3 else ""

    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        if w.lower() in lower or not key(w):
            return w
        same = {h for h in have if key(h) == key(w)}
        return same.pop() if len(same) == 1 else w

    return CAPITALISED.sub(fix, answer)


def short_count(answer: str, question: Question) -> str:
    """A count's answer that copies its sentences (more than `prompts.MAX_ANSWER_WORDS` words) cut to the phrase
    it gives for what is counted: the statement is a short phrase around the value, the quote carries the
    rest. Any other answer as it is.

    >>> from rag.question import parse
    >>> short_count("Activists in Alwaer said that at least 6 civilians were killed and dozens more injured in "
    ...             "shelling by regime forces on Sunday.", parse("How many civilians were killed on 6 November?"))
    'At least 6 civilians killed.'
    """
    if not question.counted or len(answer.split()) <= prompts.MAX_ANSWER_WORDS:
        return answer
    new = figures(answer) - figures(question.text)
    return next((tidy(w) for f, w, _ in counts_of(answer, question.outcome) if f in new), answer)


_PART_LINK = frozenset("of them whom those were was are being".split())  # "six of them children", "six were children"


def part_answer(answer: str, sentences: list[str], question: Question) -> str:
    """For a count of some of the people ("how many children ..."), the figure its sentences give for them, when
    the answer gives the figure of all of them ("25 civilians killed." from "killed 25 civilians six of them
    children": "Six children killed."); else the answer as it is.

    >>> from rag.question import parse
    >>> q = parse("How many schoolchildren were killed by the shell?")
    >>> part_answer("Five people killed.", ["It hit a school, killing five people including four schoolchildren."], q)
    'Four schoolchildren killed.'
    >>> part_answer("Five children killed.", ["At least five children were killed."], q)
    'Five children killed.'
    """
    if not wider_toll(answer, sentences, question):
        return answer
    fig = main_figure(answer, question.outcome)
    for s in sentences:
        words = re.findall(r"[\w'’-]+", s)
        for i, w in enumerate(words):
            if not numbers(w) or fig in numbers(w) or YEAR.fullmatch(w):
                continue
            after = words[i + 1:i + 4]
            at = next((j for j, x in enumerate(after) if question.part in terms(x)), None)
            if at is not None and all(x.lower() in _PART_LINK for x in after[:at]):
                return tidy(f"{w} {after[at]} {question.outcome}".strip())
    return answer


def asked_count(answer: str, sentences: list[str], question: Question) -> str:
    """For a count of an outcome (the killed), the one figure its sentences give for that outcome when the
    answer's figure counts another one there ("15 civilians." for how many were killed, from "leading to the
    death of five civilians including two women and injuring 15 other civilians": "Five civilians killed.");
    else the answer as it is (and `unfit` refuses it when its figure counts another outcome).

    >>> from rag.question import parse
    >>> s = ["The strikes led to the death of five civilians and injured 15 other civilians."]
    >>> asked_count("15 civilians.", s, parse("How many civilians were killed by the strikes?"))
    'Five civilians killed.'
    >>> asked_count("15 civilians.", s, parse("How many civilians were wounded by the strikes?"))
    '15 civilians.'
    """
    if not question.counted or says(answer, question.outcome):
        return answer
    other = figure_outcome(main_figure(answer, question.outcome), " ".join(sentences))
    if not other or other == question.outcome:
        return answer
    found = {(f, w) for x in sentences for f, w, _ in counts_of(x, question.outcome)}
    if len({f for f, _ in found}) != 1:
        return answer
    return tidy(min(w for _, w in found))


def wider_toll(answer: str, sentences: list[str], question: Question) -> set[str]:
    """For a count of some of the people ("how many children ...") that the answer does not name, the words
    (`ALL_PEOPLE`) by which its sentences say its figure counts all of them ("25 civilians"); else empty."""
    if not question.part or question.part in terms(answer):
        return set()
    fig = main_figure(answer, question.outcome)
    return {w for s in sentences for w in counted_words(s, fig)} & ALL_PEOPLE


def states(answer: str, sentence: str, question: Question, names: set[str]) -> bool:
    """The sentence alone states the answer (`supports`, as the question's kind needs) and answers what
    was asked with it (`unfit` finds nothing against it)."""
    return supports(answer, [sentence], question.text, names, NEED[question.kind]) and \
        not unfit(answer, [sentence], question)


def own_words(answer: str, question: Question) -> set[str]:
    """What an answer adds to the question, to look for in a sentence: its words the question does not
    give (a leading Yes or No aside) and its figures."""
    return (content_words(_YES.sub("", answer)) - question.words) | numbers(answer)


def _stating(answer: str, question: Question, sources: Iterable[Source], names: set[str]) -> list[Source]:
    """Those of the sources that alone state the answer and answer what was asked (`states`), most of the
    answer's own words, then of the question's, first."""
    own = own_words(answer, question)
    return sorted((s for s in sources if states(answer, s.text, question, names)),
                  key=lambda s: (-len(content_words(s.text) & own), -len(content_words(s.text) & question.words)))


def elsewhere_stated(answer: str, question: Question, passage: Passage, index: Index, names: set[str]) -> list[Source]:
    """The article's one sentence that states the answer alone and answers what was asked (`unfit` finds
    nothing against it), for an answer whose cited sentences do not ("Islamic State." cited to a sentence
    about the wedding, while the article says "IS said in a statement that one of its fighters ..."): of
    the excerpt and the rest of the article (`_reporting`), the one sharing most words with the question;
    [] when none does. An answer with nothing of its own to look for ("Yes.") is not looked for."""
    if not own_words(answer, question):
        return []
    return _stating(answer, question, _reporting(question, passage, index), names)[:1]


def quotes(sources: list[Source], index: Index) -> tuple[Citation, ...]:
    text = index.docs[sources[0].doc].text if sources else ""
    return tuple(Citation(s.doc, text[s.start:s.end], s.start, s.end) for s in sources)


def phrased(answer: str, cited: tuple[Citation, ...], question: Question) -> str:
    """A figure that does not say what it counts ("32.", "22 civilians.", "20 people and injured 30 others.")
    as the phrase its sentence gives it ("32 people killed."), for a count of an outcome; for a count of
    casualties, the answer's figures of the killed and the wounded, each so phrased ("Four civilians and
    wounded seven others." from "killed four civilians and wounded seven others": "four civilians killed
    and seven others wounded."); any other answer as it is.

    >>> from rag.question import parse
    >>> s = "Shelling on the old city killed four civilians and wounded seven others, the monitor said."
    >>> phrased("Four civilians and wounded seven others.", (Citation("a", s, 0, len(s)),),
    ...         parse("What casualties did the shelling of the old city cause?"))
    'Four civilians killed and seven others wounded.'
    >>> phrased("22 civilians.", (Citation("a", s, 0, len(s)),), parse("How many people were killed?"))
    '22 civilians.'
    """
    if question.kind != "count":
        return answer
    if not question.outcome:
        if not question.harm or outcome_of(figure_clause(answer, "")):
            return answer
        figs = figures(answer)
        both = [next(((f, w) for c in cited for f, w, _ in counts_of(c.quote, k) if f in figs), ("", ""))
                for k in ("killed", "wounded")]
        return tidy(" and ".join(w for _, w in both if w)) if main_figure(answer, "") in dict(both) else answer
    if says(figure_clause(answer, question.outcome), question.outcome):
        return answer
    fig = main_figure(answer, question.outcome)
    said = [w for c in cited for f, w, _ in counts_of(c.quote, question.outcome) if f == fig]
    return tidy(said[0]) if said else answer


def dated(answer: str, cited: tuple[Citation, ...], written: date | None) -> str:
    """A 'when' answer that gives its article's own date while its sentence names the weekday of the event
    (the model read the dateline): that weekday, and the day it is in the article's week.

    >>> from rag.types import Citation
    >>> c = (Citation("d", "Date of publication 4 October 2016 The bomber blew himself up late Monday.", 0, 9),)
    >>> dated("4 October 2016.", c, date(2016, 10, 4)), dated("Late Monday.", c, date(2016, 10, 4))
    ('Monday, 3 Oct 2016.', 'Late Monday.')
    """
    days = {w for c in cited for w in date_words(c.quote) if w in WEEKDAYS}
    if written is None or len(days) != 1 or not {str(written.day), f"{written:%b}".lower()} <= date_words(answer):
        return answer
    day = days.pop()
    return f"{day.capitalize()}, {weekday_before(day, written):%-d %b %Y}."


# a sentence about another event, or a figure the article itself says was superseded; not "in another district
# (part, area) of the city", a place of the same event ("A second car bomb exploded in another district")
_PLACE_AFTER = r"(?! (?:district|neighbou?rhood|part|area|quarter|street|sector)s?\b)"
# "another child was killed", "another 20 people": one more victim of the same event, not another event (eval/fakes/
# dev11.jsonl d11-13: "another child was killed in Harasta ... two members of the White Helmets ...")
_VICTIM_AFTER = (r"(?! (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozen)\b"
                 r"| (?:child|man|woman|person|civilian|soldier|fighter|member|worker|volunteer|boy|girl|body)\b)")
_ELSEWHEN = re.compile(rf"\b(?:another{_VICTIM_AFTER}|similar|previous|earlier|last (?:year|month|week)|"
                       rf"a (?:year|month|week) ago|initial(?:ly)?|had given|first reported)\b{_PLACE_AFTER}", re.I)
_ANOTHER = re.compile(rf"\b(?:another{_VICTIM_AFTER}|similar|last (?:year|month|week)|a (?:year|month|week) "
                      rf"(?:ago|earlier))\b{_PLACE_AFTER}", re.I)
MONTH_WORDS = frozenset(m[:3] for m in MONTHS)
# kinds of people a toll counts: a figure for one of them is not another report of a toll of another
_PEOPLE = frozenset("civilians soldiers troops fighters rebels militants jihadists policemen officers police "
                    "children women volunteers workers members pilgrims students regime militiamen people persons "
                    "others individuals".split())
_PEOPLE_WORDS = frozenset(content_words(" ".join(_PEOPLE)))  # as the question's words are written
_ANYONE = frozenset("people persons others individuals".split())
MORE_REPORTS = 2  # other figures kept per article, at most
SAME_REPORTS = 2  # other sentences cited for the answer's own figure, at most
RATIO = 4.0  # a figure more than this many times larger (or smaller) than the answer's counts something else


def reports(question: Question, f: Finding, passage: Passage, index: Index) -> Finding:
    """What the article reports for a count, beyond the model's answer. The finding's figure is phrased
    (`phrased`) and cited also to the article's other sentence giving it for what is counted (the lead
    beside the headline: the sentence naming the place or the time confirms the event); each other figure
    the article gives for it ("a slightly lower toll of 31 people killed" beside "killing 32 people") is a
    finding of its own for reconcile, cited to its sentence and phrased in its words. Not from a sentence
    that states a year or month other than the question's or that speaks of another or an earlier report or
    event, nor a figure far from the answer's (the war's toll beside an attack's), nor one counting another
    kind of people than the answer or the question does (soldiers beside volunteers; "22 Daesh fighters" for
    a question about civilians; for one about the schoolchildren among the dead, any figure not of them: "five
    people", "two infants had died of malnutrition", "four were killed including two children"), nor one counted
    besides
    others ("24 other people were killed": a part of the toll, not a report of it). A finding whose every
    sentence speaks of another event ("another car bomb last year killed 27") gives way to the article's own
    figure for the event asked about, or is set aside when it gives none."""
    f = replace(f, answer=phrased(f.answer, f.citations, question))
    if question.kind in ("actor", "place", "reason", "description"):
        return restated(question, f, passage, index)
    if question.kind == "time":
        return replace(f, answer=dated(f.answer, f.citations, index.docs[f.doc].written))
    if not question.counted:
        return f
    another = bool(f.citations) and all(_ANOTHER.search(c.quote) for c in f.citations)
    fig = "" if another else main_figure(f.answer, question.outcome)
    if not another and (not fig.isdigit() or int(fig) == 0):
        return f
    seen, also, same = {fig} | numbers(question.text), [], []
    kinds = {n for c in f.citations for x, _, n in counts_of(c.quote, question.outcome) if x == fig} | \
        (question.words & _PEOPLE_WORDS)
    for s in _reporting(question, passage, index, clauses=True):
        for other, words, noun in counts_of(s.text, question.outcome):
            if other == fig:
                same.append(s)
            if other in seen or not other.isdigit() or int(other) == 0 or noun in BESIDES or \
                    (fig and max(int(other), int(fig)) > RATIO * min(int(other), int(fig))) or \
                    (noun in _PEOPLE and kinds - _ANYONE and noun not in kinds) or \
                    (question.part and question.part not in terms(noun)) or \
                    (question.people and side_of(people_counted(s.text, other)) not in ("", question.people)):
                continue
            seen.add(other)
            also.append(Finding(f.doc, f.p_states, tidy(words), quotes([s], index)))
    if another:  # the article's own figure for the event asked about, if it gives one (its sentences
        # come from _reporting, so none speaks of another event: this goes one level deep)
        why = f"the answer's sentence speaks of another event: {f.answer!r}"
        return reports(question, replace(also[0], note=why), passage, index) if also else \
            Finding(f.doc, f.p_states, note=why)
    same = sorted((s for s in same if not quoted(s, f.citations)),
                  key=lambda s: -len(content_words(s.text) & question.words))  # the one naming the place, the act
    more = quotes(same[:SAME_REPORTS], index)
    return replace(f, citations=tuple(sorted(f.citations + more, key=lambda c: c.start)),
                   also=tuple(also[:MORE_REPORTS]))


RESTATED = 1  # other sentences cited for a claim the article states again, at most


def restated(question: Question, f: Finding, passage: Passage, index: Index) -> Finding:
    """A claim (who, where, why, what) cited also to the article's other sentence that states it again (a
    long article says who did it in its lead and once more further down): one that alone states the
    answer as `cite` requires of the model's own (its names, its figures, its share of the answer's words)
    and shares a word with the question, most of the answer's and the question's words first ("the coalition
    actively assisted ISIS in this area" restates "the way for it was paved by the coalition" for "Who is
    backing ISIS in eastern Syria?", though it names neither the east nor Syria: asking it to share as many
    of the question's words as the model's sentence left it out, dev replay `eval/results/several/`). Not
    for an answer with nothing of its own to look for ("Yes.")."""
    if not own_words(f.answer, question) or not f.citations:
        return f
    doc = index.docs[f.doc]
    other = (s for s in _reporting(question, passage, index)
             if not quoted(s, f.citations) and content_words(s.text) & question.words)
    more = _stating(f.answer, question, other, content_words(f"{doc.title} {doc.outlet}"))
    cited = quotes(more[:RESTATED], index)
    return replace(f, citations=tuple(sorted(f.citations + cited, key=lambda c: c.start))) if cited else f


def quoted(s: Source, citations: Iterable[Citation]) -> bool:
    """The sentence overlaps one of the citations (it is already quoted)."""
    return any(s.start < c.end and c.start < s.end for c in citations)


def _reporting(question: Question, passage: Passage, index: Index, clauses: bool = False) -> Iterator[Source]:
    """The sentences of the article that may report the count asked about, the excerpt's first: not one
    stating another year or month than the question's or speaking of another or an earlier report, and
    outside the excerpt only those the guard's rules clear and do not find borderline (they were never shown
    to the model's check); not one that places its event elsewhere than the question does. With `clauses`,
    a sentence whose other clause speaks of an earlier report is kept with that clause left out of its text
    (its offsets, and so its quote, are the whole sentence's): "Barazi had earlier reported a toll of eight
    while the Observatory gave a death toll of 12" reports 12."""
    text, shown = index.docs[passage.doc].text, {(x.start, x.end) for x in passage.sources}
    rest = (Source(0, passage.doc, a, b, text[a:b], 0.0) for a, b in index.sentences[passage.doc]
            if (a, b) not in shown and not looks_like_injection(text[a:b]) and not borderline(text[a:b]))
    asked = date_words(question.text) & MONTH_WORDS
    for s in (*passage.sources, *rest):
        if clauses and _ELSEWHEN.search(s.text):
            s = replace(s, text=current(s.text))
        if s.text and not (set(YEAR.findall(s.text)) - question.years
                           or (asked and date_words(s.text) & MONTH_WORDS - asked) or _ELSEWHEN.search(s.text)
                           or elsewhere(s.text, question) or another_town(s.text, question)):
            yield s


def current(sentence: str) -> str:
    """The sentence without its clauses that speak of another event or an earlier report ('' if all do).

    >>> current("Barazi had earlier reported a toll of eight while the Observatory gave a death toll of 12.")
    'the Observatory gave a death toll of 12.'
    >>> current("In August last year another car bomb killed 27 people.")
    ''
    """
    parts = re.split(r"[;,]\s+|\s+(?:while|whereas|but)\s+", sentence)
    return " ; ".join(p for p in parts if not _ELSEWHEN.search(p)).strip()


def cite(answer: str, cited: list[Source], passage: Passage, question: Question, names: set[str],
         title: str = "") -> list[Source]:
    """The sentences that state the answer, in excerpt order: of those the model cited, the ones that
    cover most of what the answer adds to the question (its own words and figures), taken one by one until
    together they state it, and each other one that states it alone as well (the figure given again
    further down: fakes dev replay, evidence recall 72.7% -> 77.3%); else the one sentence of the excerpt,
    or two neighbouring ones, that state it best. A headline comes last among equals. An answer with
    nothing of its own to look for ("Yes.") is quoted to the sentence that restates what is asked
    (`restating`). Empty if no sentence states it."""
    own = own_words(answer, question)
    need = NEED[question.kind]

    def cover(x: Source) -> tuple[int, bool]:
        words = content_words(x.text) | content_words(x.text.replace("-", " ")) | numbers(x.text)
        return len(own & words), x.text.strip() != title

    if not own:  # "Yes.": nothing of its own to look for; the sentence that restates what is asked
        return restating(cited, passage, question)
    kept: list[Source] = []
    for x in sorted(cited, key=cover, reverse=True):
        if cover(x)[0] == 0:
            break
        kept.append(x)
        if supports(answer, [k.text for k in kept], question.text, names, need):
            kept += [y for y in cited if y not in kept and supports(answer, [y.text], question.text, names, need)]
            return sorted(kept, key=lambda k: k.n)
    srcs = list(passage.sources)
    options = [[x] for x in srcs] + [[a, b] for a, b in zip(srcs, srcs[1:], strict=False)]
    good = [o for o in options if supports(answer, [x.text for x in o], question.text, names, need)]
    return max(good, key=lambda o: (-len(o), all(x.text.strip() != title for x in o),
                                    lexical_support(answer, " ".join(x.text for x in o))), default=[])


CLOSEST = 2  # a yes/no answer's sentences are among the excerpt's this many closest to the question


def restating(cited: list[Source], passage: Passage, question: Question) -> list[Source]:
    """A bare "Yes." or "No.": the excerpt's sentence closest to the question (`Source.score`: the one that
    restates what is asked), those the model cited among the `CLOSEST` closest, and those it cited that deny
    what is asked (`polarity.denies`: "No one has so far claimed responsibility for the blast", short and far
    from "Has any group claimed the car bomb ...?"), in excerpt order. The model's other picks are often beside
    the point ("Is ISIS fighting the Syrian regime?": it cited "The regime tries to keep its power by advertising
    ..." over "Omair said that ISIS is not fighting the Syrian regime"); on the dev yes/no answers, the gold
    sentence was the closest in 20 of 38 excerpts read, among the two closest in 26.

    >>> from rag.question import parse
    >>> q = parse("Did the army retake the town?")
    >>> s = [Source(n, "d", n, n + 1, t, c) for n, (t, c) in enumerate([
    ...     ("Shops opened.", 0.5), ("The army retook the town.", 0.9), ("Rebels left it.", 0.7),
    ...     ("Shells fell.", 0.6), ("The town was not retaken, a monitor said.", 0.4)])]
    >>> p = Passage("d", tuple(s), 0.9)
    >>> [x.text for x in restating([s[0]], p, q)], [x.text for x in restating([s[2], s[3]], p, q)]
    (['The army retook the town.'], ['The army retook the town.', 'Rebels left it.'])
    >>> [x.text for x in restating([s[4]], p, q)]
    ['The army retook the town.', 'The town was not retaken, a monitor said.']
    """
    ranked = sorted(passage.sources, key=lambda x: -x.score)[:CLOSEST]
    return sorted({*ranked[:1], *(x for x in cited if x in ranked or polarity.denies(x.text, question))},
                  key=lambda x: x.n)


def headline(answer: str, doc: str, index: Index, question: Question) -> list[Source]:
    """The article's headline, when it alone states the answer (it heads the excerpt, so the model reads
    it, but it is not one of the numbered sentences): "Suicide attack on Syria wedding kills 32" is the
    article's own words for its toll. [] when the article has no headline line or it does not state it."""
    d = index.docs[doc]
    sents = index.sentences[doc]
    if not sents:
        return []
    a, b = sents[0]
    line = d.text[a:b]
    if line.strip() != d.title.strip() or not supports(answer, [line], question.text, set(), NEED[question.kind]):
        return []
    return [Source(0, doc, a, b, line, 0.0)]


_DATE = re.compile(r"\b(?:yesterday|today|tonight|last (?:week|month|year|night)|(?:days?|weeks?|months?|years?) "
                   r"(?:ago|earlier|later)|morning|evening|afternoon|night|dawn)\b", re.I)
_YES = re.compile(r"^\s*(?:yes|no)\b", re.I)
_CAUSE = re.compile(r"\b(?:because|caus\w*|due to|after|from|by|blam\w*|start\w*|trigger\w*|led to|result\w*|"
                    r"when|as)\b", re.I)


REPEATS = "the answer says nothing the question does not"
# a toll is not who or where: "25 Al-Nusra fighters killed." for "Who did its supporters blame?" (an answer that
# opens on a figure of the killed, to a question that asks about no one killed), "Four people." for "Where ...?" (a
# figure of people, nothing else). Not for "what happened ...", which a toll may answer, nor "who attended": "300
# people."
_NOT_TOLL = {"actor": "who", "place": "where"}
_OPENS_ON_FIGURE = re.compile(r"^\W*(?:\d|(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b)", re.I)


def misfit(answer: str, question: Question) -> str:
    """Why a short answer is not an answer of the kind asked ('' when it is one): it must say more than
    the question; a count gives a figure (for what the question counts: 30 wounded do not answer how
    many were killed); a time gives a date or a time word; a yes/no question's answer starts yes or no; who
    is not a toll the question does not ask for, where not a number of people; where, or a person, a place or
    a thing asked for by name, is not a group (`_GROUP`); "which group" is not answered by what kind of men
    they were (`GENERIC_ACTORS`).

    >>> from rag.question import parse
    >>> misfit("The fire killed nine workers.", parse("How many workers died in the fire?"))
    ''
    >>> misfit("At least 30 people were wounded.", parse("How many people were killed?"))
    'the answer counts the wounded, not the killed'
    >>> misfit("20 people and injured 30 others.", parse("How many people were killed?"))
    ''
    >>> misfit("The fire was in a textile factory.", parse("How many workers died in the fire?"))
    'the answer gives no figure'
    >>> misfit("The workers died in the fire.", parse("Which workers died in the fire?"))
    'the answer says nothing the question does not'
    >>> misfit("The flood killed 14 people.", parse("What caused the flood?"))
    'the answer gives a toll, not a cause'
    >>> misfit("25 Al-Nusra fighters killed.", parse("Who did Nusra supporters blame for the blast?"))
    'the answer gives a toll, not who'
    >>> misfit("Four people.", parse("Where did the car bomb explode?"))
    'the answer gives a toll, not where'
    >>> misfit("25 Al-Nusra fighters.", parse("Who was killed in the blast?"))
    ''
    >>> misfit("Syria al Qaeda offshoot the Nusra Front.", parse("In front of what building did the bomber strike?"))
    'the answer names a group, not where'
    >>> misfit("An army base.", parse("Near which building did the bomb go off?")), misfit("IS-held Raqqa.",
    ...        parse("Which city did the jets strike?"))
    ('', '')
    >>> misfit("Nusra Front terrorist group.", parse("What was the name of the suicide bomber?"))
    'the answer names a group, not the person asked about'
    >>> misfit("72.", parse("Who was killed by the rocket?")), misfit("6 civilians.", parse("How many died on 6 May?"))
    ('the answer gives only a figure, not who', '')
    >>> misfit("Seventy-two.", parse("Who was killed by the rocket?"))
    'the answer gives only a figure, not who'
    >>> misfit("US-led coalition.", parse("What was the name of the cotton-spinning plant hit by the strike?"))
    'the answer names a group, not the place or thing asked about'
    >>> q = parse("Which group fired the rockets at Aleppo?")
    >>> misfit("Terrorists.", q), misfit("Armed terrorist groups.", q), misfit("Al-Nusra and other armed groups.", q)
    ('the answer names no group', 'the answer names no group', '')
    >>> misfit("Terrorists.", parse("Who fired the rockets at Aleppo?"))
    ''
    >>> misfit("About 300 people.", parse("Who attended the opening?")), misfit("Two people were killed.",
    ...        parse("What happened after the raid?")), misfit("A wedding party, killing 32.", parse("Who did it hit?"))
    ('', '', '')
    """
    if not adds(answer, question) and not _YES.match(answer):
        return REPEATS
    if question.kind == "count":
        if not figures(answer) - figures(question.text):  # "6 civilians." for a question on 6 November
            return "the answer gives no figure"
        said = outcome_of(figure_clause(answer, question.outcome))  # "20 people and injured 30": 20 is not
        if question.counted and said and said != question.outcome and not says(answer, question.outcome):
            return f"the answer counts the {said}, not the {question.outcome}"
    if question.kind == "reason" and numbers(answer) and outcome_of(answer) and not _CAUSE.search(answer):
        return "the answer gives a toll, not a cause"
    if question.kind in _NOT_TOLL and not {w for w in content_words(answer) if not numbers(w)}:  # "72.", "Two."
        return f"the answer gives only a figure, not {_NOT_TOLL[question.kind]}"
    if question.kind in _NOT_TOLL and numbers(answer) - numbers(question.text) and (
            (question.kind == "actor" and _OPENS_ON_FIGURE.match(answer) and outcome_of(answer)
             and not outcome_of(question.main))
            or (question.kind == "place"
                and not {w for w in content_words(answer) - _PEOPLE_WORDS if not numbers(w) and not outcome_of(w)})):
        return f"the answer gives a toll, not {_NOT_TOLL[question.kind]}"
    if question.kind == "time" and not (date_words(answer) - date_words(question.text)) and not _DATE.search(answer):
        return "the answer gives no date or time"
    group = _GROUP.search(_HELD.sub(" ", answer))
    if question.kind == "place" and group and not _PLACE_NOUN.search(answer):
        return "the answer names a group, not where"
    if question.person and group:
        return "the answer names a group, not the person asked about"
    if question.thing and group:
        return "the answer names a group, not the place or thing asked about"
    if question.group and not content_words(answer) - GENERIC_ACTORS:
        return "the answer names no group"
    return ""


# what a report calls the men behind an act without naming their group ("Terrorists.", "armed groups",
# "unidentified gunmen"): no answer to "which group"
GENERIC_ACTORS = frozenset(content_words("terrorists terrorist militants gunmen gunman rebels jihadists insurgents "
                                         "extremists armed groups organisations organizations factions men "
                                         "attackers assailants fighters unknown unidentified other takfiri "
                                         "mercenaries elements"))


# what names an armed group or other organisation, not a place or a person ("Syria's al-Qaeda offshoot the Nusra
# Front" for "in front of what building", "Nusra Front terrorist group" for "the name of the suicide bomber");
# "IS-held", "regime-controlled" describe a place
_GROUP = re.compile(r"\b(?:group|front|forces?|army|brigades?|battalions?|militias?|movement|party|coalition|regime|"
                    r"organi[sz]ation|offshoot|affiliate|al[- ]qaeda|qaeda|isis|isil|daesh|hezbollah|nusra)\b", re.I)
_HELD = re.compile(r"\b[\w-]+-(?:held|controlled|run|besieged|led)\b", re.I)
_PLACE_NOUN = re.compile(rf"\b(?:{PLACE_NOUNS}|stronghold|positions?|territory|lines?)s?\b", re.I)


_LINKS = frozenset("of the and for al el".split())


def adds(answer: str, question: Question) -> set[str]:
    """The answer's words that the question does not give: not its words, nor another spelling of them
    (Deir ez-Zor / Deir El-Zor, Syria / Syrian), nor the words of one of its acronyms (SDF / Syrian
    Democratic Forces), nor the acronym of its words.

    >>> from rag.question import parse
    >>> q = parse("Who cooperates with ISIS against the SDF in Deir El-Zor?")
    >>> sorted(adds("Syria Democratic Forces.", q)), sorted(adds("Deir al-Zour.", q)), sorted(adds("Iran and Iraq.", q))
    ([], [], ['iran', 'iraq'])
    >>> sorted(adds("The regime and ISIL.", parse("Who backs the Islamic State of Iraq and the Levant?")))
    ['regime']
    >>> sorted(adds("Protesters threw stones.", parse("Did protesters throw stones?")))
    ['threw']
    """
    asked = {p for w in question.words for p in w.split("-") if p not in PARTICLES}
    words = content_words(answer) - question.words - ATTRIBUTION
    caps = re.findall(r"\b[A-Z][\w’'-]*", question.text)
    acronyms = set(re.findall(r"\b[A-Z]{2,6}\b", question.text))
    for run in re.finditer(r"(?:[A-Z][\w’'-]*(?:\s+(?:of|the|and|for)\s+|\s+)?)+", answer):
        named = [w for w in run.group(0).split() if w.lower() not in _LINKS]
        if len(named) >= 2 and "".join(w[0] for w in named).upper() in acronyms:
            words -= content_words(run.group(0))
    initials = {"".join(w[0] for w in caps[i:j] if w.lower() not in _LINKS).upper()
                for i in range(len(caps)) for j in range(i + 2, len(caps) + 1)}
    words -= {w for w in words if w.upper() in initials}

    names = content_words(" ".join(re.findall(r"[\w’'-]*[A-Z][\w’'-]*", answer)))  # al-Zour too

    def said(part: str, name: bool) -> bool:  # another spelling: of a name only ("threw" is not "throw")
        return part in asked or (name and len(part) >= 4 and any(
            t[:1] == part[:1] and SequenceMatcher(None, part, t).ratio() >= 0.8 for t in asked))

    return {w for w in words if not all(said(p, w in names) for p in w.split("-") if p not in PARTICLES)}


def unfit(answer: str, sentences: list[str], question: Question) -> str:
    """Why an answer, with the sentences that state it, does not answer what was asked ('' when it does):
    a count of an outcome that neither it nor its sentences count, or that they count besides others ("24
    other people were killed"); a name asked for and none given
    (`gives_name`); a toll of civilians from a figure of soldiers, or the reverse (`side_of`); of children (women,
    ...) from a figure of all the people or civilians killed (`Question.part`); a figure
    that counts something else in its sentence, or another outcome there than the one asked ("70 people" for
    how many were wounded, from "killed at least 70 people and left more than a hundred wounded"); a
    total over a period (`over_a_period`: "since the regime launched its offensive"); who did it,
    from a name its sentences give only as a place
    (`only_where`); anything but where, from sentences about another town (`another_town`); who claimed an
    act, from sentences that speak of no claim
    (the victims are not the claimant; a group that says its own fighters did it speaks of one); what
    happened to someone, from sentences that do not speak of them; which spokesman (minister, commander,
    ...), from an answer and sentences that name none; who, from a figure its sentences give as a toll
    ("Six people and another ten." from "an explosion killed six people and injured another ten"); who, from
    sentences that are only a name (a byline: "Hazem Sabbagh" for the name of a girl killed); when, from
    sentences that speak of another or a similar event ("on November 4th IS carried out a similar attack").

    >>> from rag.question import parse
    >>> q = parse("Which group claimed the car bomb that killed the minister?")
    >>> unfit("Opposition figures.", ['The victims included "opposition figures" Jundi said.'], q)
    'its sentences speak of no claim'
    >>> unfit("Islamic State.", ["Islamic State claimed the attack."], q)
    ''
    >>> unfit("IS.", ["IS said one of its fighters had fired on a gathering before blowing himself up."], q)
    ''
    >>> q = parse("What happened to the pilot of the warplane that came down on the market?")
    >>> unfit("The warplane crashed in a market.", ["The warplane crashed in a busy market."], q)
    'its sentences do not speak of the pilot'
    >>> unfit("He ejected and was captured.", ["The pilot ejected and was captured by rebels."], q)
    ''
    >>> unfit("November 4th.", ["On November 4th IS carried out a similar attack."], parse("When did the bomb hit?"))
    'its sentences speak of another event'
    >>> unfit("83 killed.", ["It killed 83 Syrian soldiers."], parse("How many civilians did the strike kill?"))
    'the figure counts armed people (soldier), not the civilian ones asked about'
    >>> unfit("83 killed.", ["It killed 83 Syrian soldiers."], parse("How many troops did the strike kill?"))
    ''
    >>> q = parse("How many people were wounded by the car bomb?")
    >>> unfit("70 people.", ["A car bomb killed at least 70 people and left more than a hundred wounded."], q)
    'the figure counts the killed in its sentence, not the wounded'
    >>> unfit("100 wounded.", ["A car bomb killed at least 70 people and left more than 100 wounded."], q)
    ''
    >>> q = parse("How many children were among the civilians killed?")
    >>> unfit("25 civilians killed.", ["Strikes killed 25 civilians six of them children."], q)
    'the figure counts all the people its sentence names (civilian), not only the children asked about'
    >>> unfit("Six killed.", ["Of those killed six were children."], q)
    ''
    >>> unfit("24 killed.", ["It added that 24 other people were killed."], parse("What was the death toll?"))
    'the figure counts others besides those its sentence counts first, not the whole toll'
    >>> unfit("Four others wounded.", ["Four others were wounded in the attack."], parse("How many policemen were "
    ...       "wounded by the suicide bomber?"))
    ''
    >>> unfit("Four civilians killed.", ["Rebel shells killed four civilians."], parse("What casualties did the rebel "
    ...       "shelling cause?"))
    ''
    >>> bus = parse("Who was travelling on the bus that was bombed?")
    >>> unfit("Six people and another ten.", ["A blast inside a bus killed six people and injured another ten."], bus)
    'the answer is a toll its sentence gives, not who'
    >>> unfit("Lebanese pilgrims.", ["The blast killed six Lebanese pilgrims on the bus."], bus)
    ''
    >>> unfit("Hazem Sabbagh.", ["Hazem Sabbagh"], parse("What was the name of the girl killed by the rocket?"))
    'its sentences are only a name (a byline or a caption), which say nothing of what was asked'
    >>> q = parse("Which coalition spokesman answered for the air strike on the wells?")
    >>> unfit("Rami Abdel Rahman.", ["Observatory director Rami Abdel Rahman said the wells were hit."], q)
    'neither the answer nor its sentences name a spokesman'
    >>> unfit("Colonel Ryan Dillon.", ["The coalition's spokesman Colonel Ryan Dillon said it limits harm."], q)
    ''
    """
    if question.counted and not any(says(x, question.outcome) for x in [answer, *sentences]):
        return f"neither the answer nor its sentences count the {question.outcome}"
    if question.wants_name and not gives_name(answer, sentences, question):
        return "the answer gives no name"
    if question.kind == "count" and not question.outcome and not question.harm:
        other = figure_outcome(answer, " ".join(sentences))
        if other and not says(answer, other):
            return f"the figure counts the {other} in its sentence, not what was asked"
    fig = main_figure(answer, question.outcome) if question.counted else ""
    if fig and not any(f == fig for s in sentences for f, _, _ in counts_of(s, question.outcome)):
        other = figure_outcome(fig, " ".join(sentences))
        if other and other != question.outcome:
            return f"the figure counts the {other} in its sentence, not the {question.outcome}"
    if fig and sentences and all(over_a_period(fig, s) for s in sentences):
        return "the figure is a total over a period its sentence names, not the toll of one event"
    said = [noun for s in sentences for f, _, noun in counts_of(s, question.outcome) if f == fig]
    if said and all(noun in BESIDES for noun in said) and question.outcome != "wounded":  # "four others were
        # wounded" are the wounded besides the dead, whom news counts first: all of the wounded
        return "the figure counts others besides those its sentence counts first, not the whole toll"
    if wider := wider_toll(answer, sentences, question):
        return f"the figure counts all the people its sentence names ({', '.join(sorted(wider))}), not only the " \
            f"{question.part} asked about"
    counted = {w for s in sentences for w in people_counted(s, main_figure(answer, question.outcome))}
    if question.people and side_of(counted) not in ("", question.people):
        return (f"the figure counts {side_of(counted)} people ({', '.join(sorted(counted))}), not the "
                f"{question.people} ones asked about")
    if question.kind == "actor" and _OPENS_ON_FIGURE.match(answer) and not outcome_of(question.main) \
            and figure_outcome(answer, " ".join(sentences)):
        return "the answer is a toll its sentence gives, not who"
    if question.kind == "actor" and sentences and all(_BARE_NAME.fullmatch(x.strip()) for x in sentences):
        return "its sentences are only a name (a byline or a caption), which say nothing of what was asked"
    if question.kind in ("actor", "place") and copies_sentence(answer, sentences):
        return f"the answer copies its sentence instead of saying {'who' if question.kind == 'actor' else 'where'}"
    if question.kind == "actor" and only_where(answer, sentences):
        return "the answer is where it happened, not who"
    if (question.kind == "actor" or question.claim) and sentences and all(not_known(answer, x) for x in sentences):
        return "its sentences say who it was is not known"
    if question.kind == "actor" and (foe := opposed(question, sentences)):
        return f"its sentences name {foe} only as what is fought against, which the question does not"
    if question.claim and not any(CLAIM.search(s) or OWN_MEN.search(s) for s in sentences):
        return "its sentences speak of no claim"
    if question.about and not any(set(terms(question.about)) & set(terms(s)) for s in sentences):
        return f"its sentences do not speak of the {question.about}"
    if question.kind != "place" and sentences and all(another_town(s, question) for s in sentences):
        return "its sentences place their event in another town than the question's"
    if question.kind == "time" and sentences and all(_ANOTHER.search(s) for s in sentences):
        return "its sentences speak of another event"
    if question.role and not re.search(rf"\b(?:{_ROLE_WORDS.get(question.role, question.role[:6])})",
                                       " ".join([answer, *sentences]), re.I):
        return f"neither the answer nor its sentences name a {question.role}"
    return ""


_BARE_NAME = re.compile(r"(?:[A-Z][\w’'.-]*\s*){1,4}")  # a line of up to four capitalised words: a byline, a caption
COPIED_WORDS = 20  # an answer this long that holds (nearly) only its sentence's words is that sentence, not a name


def copies_sentence(answer: str, sentences: list[str]) -> bool:
    """The answer is a long stretch of one of its sentences (COPIED_WORDS words or more, nine in ten of its
    words from it): a sentence given for "which village" or "who" (dev: "Activist Ahed Sileybi said Russia
    and Syrian regime war planes carried out intensive air strikes in Deir Ezzor adding that ..."), which
    names no one and nowhere in particular; the quote carries the sentence, the answer must name.

    >>> s = ("Activist Ahed Sileybi said Russia and Syrian regime war planes carried out intensive air strikes in "
    ...      "Deir Ezzor adding that tens of civilians were injured.")
    >>> copies_sentence(s, [s]), copies_sentence("Mahkan.", ["They were fleeing the village of Mahkan."])
    (True, False)

    A list of names is not a sentence, however long (most of its words are capitalised):

    >>> v = ("Khasham, Mazloum, Marat, Hatalah, as-Salehia, Hussienieh, Jenin, al-Hisan, Chakra, Sphera Foqani, "
    ...      "Sphera Tahtani, Muhamadieh, Hawaiej Albomasaa, Hawaiej Diab Jazzera, Zughayyar Jazeera and Alassawah")
    >>> copies_sentence(v, ["Omair cited the names of villages liberated so far, including " + v + "."])
    False
    """
    words = content_words(answer)
    named = sum(w[:1].isupper() for w in re.findall(r"[\w'’-]+", answer) if w.lower() not in {"al", "as", "el"})
    return len(answer.split()) >= COPIED_WORDS and named < len(answer.split()) / 2 and \
        any(len(words & content_words(x)) >= 0.9 * len(words) for x in sentences)


# a sentence saying that who did it is not known: "Activists were not immediately able to determine who carried
# out the raids", "It was not clear who fired", "No group has yet claimed responsibility"
_NOT_KNOWN = re.compile(r"\b(?:(?:was|were|is|are|has|have|had|being)\s+not\s+(?:\w+\s+){0,2}?(?:able|clear|known|"
                        r"possible|immediately\s+clear)|unable|unclear|unknown|no\s+(?:one|group|faction|party|side)"
                        r"|nobody)\b(?:\s+[\w'’]+){0,5}?\s+(?:who|which|whose|claimed|responsibility)\b", re.I)


def not_known(answer: str, sentence: str) -> bool:
    """The sentence says who did it is not known, and gives the answer's words only before saying so (as
    who does not know: "Activists were not immediately able to determine who carried out the raids" does
    not say the activists did it; fakes dev5 d5-24), not after ("No group claimed it, but officials
    blamed IS").

    >>> s = "Activists were not immediately able to determine who carried out the Tuesday night raids."
    >>> not_known("Activists.", s), not_known("IS.", "No group has claimed it, but officials blamed IS.")
    (True, False)
    >>> not_known("The coalition.", "The coalition said it carried out the strikes.")
    False
    """
    m = _NOT_KNOWN.search(sentence)
    if not m:
        return False
    words = {w.lower() for w in re.findall(r"[\w'’-]+", answer) if w.isupper() or w.lower() not in STOPWORDS}
    return not words & {w.lower() for w in re.findall(r"[\w'’-]+", sentence[m.end():])}


# what a sentence sets someone against: the words after "against" up to a clause break or a verb ("the fight
# against the Syrian regime and ISIS is the responsibility of ..."), eight at most
_AGAINST = re.compile(r"\bagainst\s+((?:(?!(?:is|are|was|were|has|have|had|will|would|said|says)\b)[^\s,.;:()\"“”]+\s*)"
                      r"{1,8})", re.I)


def opposed(question: Question, sentences: list[str]) -> str:
    """A party the question names (not a place, nor one it sets "against" itself) that the sentences name
    only as what is fought against: "Providing support for the fight against the Syrian regime and ISIS is
    the responsibility of the international community" does not say who cooperates with ISIS (seeds dev
    sd06). '' when there is none.

    >>> from rag.question import parse
    >>> q = parse("Who cooperates with ISIS against the Syrian Democratic Forces?")
    >>> opposed(q, ["Providing support for the fight against the Syrian regime and ISIS is the responsibility of "
    ...             "the international community, he said."])
    'ISIS'
    >>> opposed(q, ["The regime cooperates with ISIS against the SDF."]), opposed(q, ["ISIS fought against the SDF."])
    ('', '')
    """
    asked = text_words(" ".join(m.group(1) for m in _AGAINST.finditer(question.text)))
    inside = text_words(" ".join(m.group(1) for s in sentences for m in _AGAINST.finditer(s)))
    rest = text_words(" ".join(_AGAINST.sub(" ", s) for s in sentences))
    for name in question.named:
        if name in question.places or mentions(asked, list(name)):
            continue
        if mentions(inside, list(name)) and not mentions(rest, list(name)):
            said = re.search(r"\b" + r"\W+".join(map(re.escape, name)) + r"\b", question.text, re.I)
            return said.group(0) if said else " ".join(name).title()
    return ""


_WHERE = re.compile(r"\b(?:in|at|near|across)\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?$", re.I)


def only_where(answer: str, sentences: list[str]) -> bool:
    """A short answer that its sentences give only as a place ("Syria." from "IS car bomb kills 20 in eastern
    Syria"): not who did it (fakes dev_flags f05).

    >>> only_where("Syria.", ["IS car bomb kills 20 in eastern Syria"]), only_where("Syria.", ["Syria denied it."])
    (True, False)
    """
    name = re.sub(r"^(?:the)\s+|[.!]+$", "", answer.strip(), flags=re.I)
    if not name or len(name.split()) > 3:
        return False
    found = [(s, m) for s in sentences for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", s, re.I)]
    return bool(found) and all(_WHERE.search(s[:m.start()]) for s, m in found)


# the words that name an office asked for (else its first six letters: spokesman, spokeswoman, spokesperson)
_ROLE_WORDS = {"leader": r"lead|head|chief|emir|command", "head": r"head|lead|chief|director",
               "chief": r"chief|head|lead|director", "officer": r"officer|colonel|general|brigadier|lieutenant|"
               r"major|captain|commander|lt\b|gen\b|col\b", "general": r"general|gen\b|commander"}


def gives_name(answer: str, sentences: list[str], question: Question) -> bool:
    """The answer gives a name the question does not: a word of it that its sentences write with a capital
    where a sentence does not begin, and never in lower case ("a suicide bomber" is not a name, even beside
    a tag line "Suicide Attack"; "Ahmad" is).

    >>> from rag.question import parse
    >>> q = parse("What was the name of the bomber?")
    >>> gives_name("Suicide bomber.", ["A suicide bomber blew himself up."], q)
    False
    >>> gives_name("Suicide bomber.", ["Tags Syria Suicide Attack A suicide bomber struck a wedding."], q)
    False
    >>> gives_name("Ahmad.", ["The bomber, named as Ahmad, was 19."], q)
    True
    """
    lower = {w for s in sentences for w in re.findall(r"\b[a-z][\w'’-]*", s)}
    inner = {m.group(0) for s in sentences for m in CAPITALISED.finditer(s)
             if m.start() > 0 and not re.search(r"[.!?:]\s*[\"“]?$", s[:m.start()])} - \
        {w for w in CAPITALISED.findall(" ".join(sentences)) if w.lower() in lower}
    names = set(terms(" ".join(w for w in CAPITALISED.findall(answer) if w in inner)))
    return bool(names - question.words - STOPWORDS)


# a total over a period, said after its figure: "have been killed since the regime launched its offensive",
# "since the start of the war", "over the past ten days", "so far this year" (not "since the attack": its own toll)
_PERIOD = re.compile(r"\bsince\s+(?:(?:the|its|their)\s+)?(?:\w+\s+){0,3}?(?:launched|began|begun|started|start|"
                     r"beginning|outbreak|war|conflict|uprising|revolt|campaign|offensive|(?:19|20)\d\d)\b|"
                     r"\b(?:over|during|in)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:days|weeks|months|years)\b|"
                     r"\bso far this (?:year|month)\b", re.I)


def over_a_period(fig: str, sentence: str) -> bool:
    """The sentence gives the figure as a total over a period, in the clause that follows it.

    >>> over_a_period("37", "A total of 37 soldiers have been killed since the regime launched its offensive.")
    True
    >>> over_a_period("44", "The bomb killed 44, bringing to 400 those killed since the start of the year.")
    False
    >>> over_a_period("12", "The toll from the attack has risen to 12 since Monday's blast.")
    False
    """
    words = sentence.split()
    for i, w in enumerate(words):
        if fig in numbers(w):
            clause = re.split(r"[,;:.]", " ".join(words[i:i + 20]))[0]
            return bool(_PERIOD.search(clause))
    return False


def figure_outcome(answer: str, sentences: str) -> str:
    """What happened, in the cited sentences, to what the answer's figure counts there: the outcome word
    right around the figure, or the one the sentence pairs it with (`counts_of`: "killed at least 61
    people"). '500 dead' counts the killed, so it does not answer how many a factory employed; 61 killed
    do not answer how many air strikes hit a market.

    >>> figure_outcome("The factory employed 500 workers.", "The blast left 500 dead, the agency said.")
    'killed'
    >>> figure_outcome("The factory employed 500 workers.", "The factory, which employed 500 workers, burned.")
    ''
    >>> figure_outcome("61.", "Air strikes on a market have killed at least 61 people mostly civilians.")
    'killed'
    >>> figure_outcome("Three strikes hit it.", "Three strikes hit the market and killed at least 61 people.")
    ''
    """
    words = sentences.split()
    for fig in numbers(answer):
        for i, w in enumerate(words):
            if fig in numbers(w):
                near = " ".join(words[max(0, i - 2):i + 3])
                found = outcome_of(near)
                if found:
                    return found
        for outcome in ("killed", "wounded", "suffocation", "missing"):
            if any(f == fig for f, _, _ in counts_of(sentences, outcome)):
                return outcome
    return ""


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
