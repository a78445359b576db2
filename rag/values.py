"""What an answer's value is, by the kind of question (rag/question.py), and when two values are the same:
the figure of a count (for what the question counts), the date words of a time, yes or no, the names of
a claim. Pure functions; rag/reconcile.py groups answers with them.
"""

from __future__ import annotations

import re
from datetime import date

from .aliases import ARTICLE, Aliases, spelling
from .dates import date_words, dated_weekdays
from .polarity import said_in
from .question import ARMED, CIVIL, Question, outcome_of, says
from .settings import Settings
from .support import CAPITALISED
from .text import DAY_MONTH, NUMBER_WORDS, STOPWORDS, VAGUE, content_words, numbers, terms, tokens
from .types import Finding

_MONTHS = frozenset("january february march april may june july august september october november december "
                    "jan feb mar apr jun jul aug sep sept oct nov dec".split())
# news counts people under many names; these are one kind of thing when deciding whether two numbers count
# the same thing
_PEOPLE = frozenset("people person persons civilian civilians soldier soldiers fighter fighters militant "
                    "militants troops resident residents victim victims dead casualties "
                    "men women member members worker workers passenger passengers miner miners".split())
_NAMED_PEOPLE = _PEOPLE - {"dead"}  # "10 of those killed were civilians": who they were, not "of the dead"
# children are counted apart: "25 children" is a part of a toll of "58 civilians", never another report of it
_YOUNG = frozenset("child children kid kids boy boys girl girls baby babies infant infants schoolchildren".split())
_QUANTIFIERS = frozenset("more than less fewer at least most about around nearly almost over under some "
                         "least up to".split())


def counted_things(value: str) -> set[str]:
    """What the numbers in a value count: the words of the noun phrase after each number, up to three,
    quantifiers, months and stop words left out ("3,000 insurance claims" -> insurance, claim). Words
    for people are one thing, those for children another. Dates, years and bare numbers count nothing.

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
            if w not in _PEOPLE and outcome_of(w):  # "58 civilians killed": what happened, not what is counted
                continue
            out |= {"<children>"} if w in _YOUNG else {"<people>"} if w in _PEOPLE else set(terms(w))
    return out


def count_different_things(a: str, b: str) -> bool:
    """Two numeric values that count different things are not a disagreement about one number.

    >>> count_different_things("Eleven officers were injured.", "37 protesters were treated.")
    True
    >>> count_different_things("killed 14 people", "at least 31 people died")
    False
    >>> count_different_things("14 civilians", "31 dead")
    False
    >>> count_different_things("25 children.", "58 civilians killed."), count_different_things("7 kids", "9 children")
    (True, False)
    """
    ca, cb = counted_things(a), counted_things(b)
    return bool(ca and cb and not (ca & cb))


def people_counted(sentence: str, figure: str) -> set[str]:
    """The people a figure counts in its sentence: the words of the noun phrase after it (`counted_words`)
    that name people of one kind (`question.side_of`).

    >>> sorted(people_counted("It killed 83 Syrian soldiers and destroyed vehicles.", "83"))
    ['soldier']
    >>> people_counted("Shelling killed 83 people, among them soldiers.", "83")
    set()
    >>> people_counted("The toll has risen to fourteen, police said.", "14"), people_counted("Soldiers died.", "")
    (set(), set())
    """
    return counted_words(sentence, figure) & (CIVIL | ARMED)


def counted_words(sentence: str, figure: str) -> set[str]:
    """The words (as `terms`) of the noun phrase after a figure in its sentence, up to three words.

    >>> sorted(counted_words("Strikes killed 25 civilians six of them children.", "25"))
    ['civilian']
    >>> sorted(counted_words("Strikes killed 25 civilians six of them children.", "6"))
    []
    """
    out: set[str] = set()
    if not figure:
        return out
    for clause in re.split(r"(?<!\d)[,;:()\"“”]|[,.](?!\d)", sentence):  # "rose to fourteen, police said"
        toks = tokens(clause)
        for i, t in enumerate(toks):
            if t.replace(",", "") != figure and NUMBER_WORDS.get(t) != (int(figure) if figure.isdigit() else None):
                continue
            for w in toks[i + 1:i + 4]:
                if w in STOPWORDS or w[0].isdigit() or w in NUMBER_WORDS:
                    break
                out |= set(terms(w))
    return out


YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


def figures(text: str) -> set[str]:
    """The figures an answer gives: its numbers, dates and years left out.

    >>> sorted(figures("Nine workers died in 2026.")), sorted(figures("58 people died on 5 January 2025."))
    (['9'], ['58'])
    """
    return {n for n in numbers(DAY_MONTH.sub(" ", text)) if not YEAR.fullmatch(n)}


def holds_value(question: Question, sentence: str) -> bool:
    """The sentence holds a value of the kind the question asks for (a figure, for what it counts where the
    question names it; a date or time word), besides those of the question itself: such a sentence can
    answer, whatever its words. Other kinds: False (their values have no form to look for).

    >>> from rag.question import parse
    >>> q = parse("How many people were killed in the Midan bombing on 2 October 2017?")
    >>> holds_value(q, "At least 17 people were killed."), holds_value(q, "The bombing hit Midan on 2 October 2017.")
    (True, False)
    >>> holds_value(q, "Thirty people were wounded.")
    False
    """
    if question.kind == "count":
        new = figures(sentence) - numbers(question.text)
        return bool(new) and (not question.outcome or says(sentence, question.outcome))
    if question.kind == "time":
        return bool(date_words(sentence) - date_words(question.text))
    return False


_GENERIC = frozenset(terms("said say says report reports reported claim claims according carried out responsible "
                           "behind attack attacks strike strikes force forces"))


def main_figure(answer: str, outcome: str) -> str:
    """The figure an answer gives for what the question counts: the first figure of the first clause that
    says the question's outcome (killed, wounded, ...), else its first figure; dates and years left out.

    >>> main_figure("30 people were wounded and 8 were killed.", "killed"), main_figure("Eleven died.", "")
    ('8', '11')
    """
    return _first_figure(figure_clause(answer, outcome))


# what a count without a figure may stand for, generously: "tens of terrorists" is not contradicted by 32 or 50
VAGUE_RANGE = {"tens": (10, 99), "dozens": (12, 999), "scores": (20, 999), "hundreds": (100, 9_999),
               "thousands": (1_000, 10_000_000)}


def vague_fits(vague: str, other: str, outcome: str = "") -> bool:
    """The first answer gives its count only as a word without a figure ("tens", "dozens") and the second's
    figure is one that word may stand for: two reports that do not contradict each other (eval/fakes/dev11.jsonl
    d11-08: state television's "tens of terrorists" beside a monitor's 32 and another outlet's 50).

    >>> vague_fits("Tens of terrorists.", "50 militants killed."), vague_fits("Dozens killed.", "Five killed.")
    (True, False)
    >>> vague_fits("32 rebels killed.", "50 militants killed.")
    False
    """
    word, fig = main_figure(vague, outcome), main_figure(other, outcome)
    low, high = VAGUE_RANGE.get(word, (0, -1))
    return fig.isdigit() and low <= int(fig) <= high


def figure_clause(answer: str, outcome: str) -> str:
    """The clause of the answer that holds its main figure (`main_figure`).

    >>> figure_clause("20 people and injured 30 others.", "killed")
    '20 people '
    """
    clauses = re.split(r",|;|\band\b|\bwhile\b", answer)
    for c in clauses:
        if outcome and outcome_of(c) == outcome and figures(c):
            return c
    return next((c for c in clauses if figures(c)), answer)


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
    for m in CAPITALISED.finditer(answer):
        word = m.group(0)
        if m.start() == 0 and word.lower() in STOPWORDS | {"yes", "no"}:
            continue
        out |= set(terms(word))
    return frozenset(out - question.words - _GENERIC)


def value_of(f: Finding, question: Question, aliases: Aliases | None = None,
             written: date | None = None) -> frozenset[str]:
    """A finding's value, as a set of keys compared between findings (see `same_value`): for a claim, its
    names (with their spellings and the alias groups the corpus gives them, rag/aliases.py) or words."""
    a = f.answer
    if question.kind == "count":
        fig = main_figure(a, question.outcome)
        return frozenset({fig}) if fig else frozenset()
    if question.kind == "time":  # a weekday read as the day it names in its article ("Monday": 2 Oct 2017)
        return dated_weekdays(date_words(a), written) - date_words(question.text)
    if question.kind == "yesno":
        return frozenset({said_in(a)})
    return _claim_value(a, question) | spellings(a, question) | (aliases.groups_in(a) if aliases else frozenset())


_US = re.compile(r"\bU\.\s?S\.(?=\W)")  # "U.S.-led", "U. S.-led": the US


def _claim_value(a: str, question: Question) -> frozenset[str]:
    if question.kind == "actor":  # who: the names it gives and the words that head each actor it names
        # ("Baathist regime", "Regime forces cooperate with ...", "Regime-ISIL cooperation": the regime;
        # "Turkish forces and the U.S.-led coalition": the forces, the coalition), less a nationality that only
        # qualifies them
        a = _US.sub("US", a)
        parts = re.split(r"[,;:(]|\band\b|&", re.sub(r"(?<=\w)-(?=\w)", " ", a))
        heads = " ".join(" ".join(p.split()[:3]) for p in parts if p.strip())
        words = name_words(a, question) | (frozenset(content_words(heads)) - question.words - _GENERIC - STOPWORDS)
        quals = qualifiers(a) & words
        return (words - quals) | {QUALIFIER + q for q in quals}
    return name_words(a, question) or frozenset(content_words(a) - question.words - _GENERIC)


SPELLING = "#"  # marks a name's spelling key in a value
_NAMED = re.compile(r"[\w’'-]*[A-Z][\w’'-]*")


def spellings(answer: str, question: Question) -> frozenset[str]:
    """The spelling keys of the names an answer gives (`spelling`), less those of the question's words and
    of the nationalities that qualify an actor ("Syrian" in "Syrian regime" does not make two actors one).

    >>> from rag.question import parse
    >>> q = parse("Who was the interior minister who spoke about the attack in Midan?")
    >>> sorted(spellings("Mohammed Shaar.", q)), sorted(spellings("Lt. Gen. Mohammad al-Shaar, the minister.", q))
    (['#mhmd', '#shr'], ['#mhmd', '#shr'])
    >>> sorted(spellings("The Syrian Democratic Forces.", q))
    ['#dmcrtc']
    """
    asked = {spelling(w) for w in re.findall(r"[\w’'-]+", question.text)} | {spelling(w) for w in qualifiers(answer)}
    out = set()
    for w in _NAMED.findall(answer):
        part = w.split("-", 1)[-1] if ARTICLE.match(w) else w
        common = set(terms(part)) <= STOPWORDS | _GENERIC | question.words | {"yes", "no"}
        if not common and (k := spelling(part)) and k not in asked:
            out.add(SPELLING + k)
    return frozenset(out)


_QUALIFIER = re.compile(r"\b([A-Z][a-z]+(?:ian|ese|ish|i))\s+(?=[A-Za-z])")
QUALIFIER = "~"  # marks a nationality in an actor's value


def qualifiers(answer: str) -> frozenset[str]:
    """Nationalities that qualify the actor after them ("Syrian" in "Syrian regime" and in "Syrian Democratic
    Forces"): shared, they do not make two actors one; different, they keep two apart ("Russian air force",
    "Syrian air force"), see `same_value`.

    >>> sorted(qualifiers("The Syrian regime and Iraqi militias.")), sorted(qualifiers("Russia and Iran."))
    (['iraqi', 'syrian'], [])
    """
    return frozenset(t for m in _QUALIFIER.finditer(answer) for t in terms(m.group(1)))


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
    >>> w = p("Who helps ISIS?")
    >>> same_value(w, frozenset({"~syrian", "regime"}), frozenset({"~syrian", "democratic"}), 0.5, s)
    False
    >>> same_value(w, frozenset({"~russian", "air"}), frozenset({"~syrian", "air"}), 0.5, s)
    False
    >>> same_value(w, frozenset({"~syrian", "regime"}), frozenset({"baathist", "regime"}), 0.5, s)
    True
    """
    if question.kind in ("count", "yesno"):
        return a == b
    if question.kind == "time":
        return bool(a and b) and (a <= b or b <= a)
    qa, qb = {w for w in a if w.startswith(QUALIFIER)}, {w for w in b if w.startswith(QUALIFIER)}
    if qa and qb and not qa & qb:  # the Russian and the Syrian air force
        return False
    if (a - qa) & (b - qb) or (qa & qb and not (a - qa or b - qb)):
        return True
    return cosine >= settings.same_threshold


def outcomes_differ(a: str, b: str) -> bool:
    """Two counts of what happened to different people: 30 wounded and 8 killed are two facts.

    >>> outcomes_differ("30 people were wounded.", "8 people were killed."), outcomes_differ("8 dead", "9 died")
    (True, False)
    """
    oa, ob = outcome_of(a), outcome_of(b)
    return bool(oa and ob and oa != ob)


_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|[A-Za-z]+(?:[-'’][A-Za-z]+)*|[,;:()]")
_OUTCOME_WORD = {"killed": "killed", "wounded": "wounded", "suffocation": "suffocated", "missing": "missing"}
_NEAR = 4  # words between a figure and the outcome it counts, at most
_RECOVERED = frozenset({"body", "bodies", "corpse", "corpses"})  # "five bodies were lifted": found so far, not a toll
_PART = frozenset("including among them".split())  # "including three children": a part of a count
_PART_OF = _PART | {"of", "whom"}  # "82 people including 58 civilians", "17 ... two of them", "of whom two"
_RISE = frozenset("rose risen climbed jumped increased grew".split())  # "the toll has risen to 21"
_TOLL = frozenset({"toll", "tolls"})
# "24 other people were killed", "five more died": counted besides someone else, never the whole toll (the noun
# counts_of gives such a figure: "other")
BESIDES = frozenset({"other", "others", "more"})
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# a date written in figures ("23-07-2016", "26.12.2014", "5/04/2016") or a share ("99 percent") counts no one
_NO_COUNT = re.compile(r"\b\d{1,4}[-./]\d{1,2}[-./]\d{1,4}\b|\b\d+(?:\.\d+)?\s*(?:%|per\s?cent\b)")


def _figure(tok: str) -> str:
    """The figure a token writes (digits, or a number word from two up), '' for none, a year or a part of a
    date written with a leading zero ("06-08-2013")."""
    low = tok.lower()
    if tok[0].isdigit():
        fig = tok.rstrip(",").replace(",", "")
        return "" if YEAR.fullmatch(fig) or (fig[0] == "0" and len(fig) > 1) else fig
    n = NUMBER_WORDS.get(low)
    return str(n) if n is not None and 2 <= n < 100 else ""


_QUANTIFIER_PAIRS = frozenset({("at", "least"), ("more", "than"), ("less", "than"), ("fewer", "than"), ("up", "to")})
_QUANTIFIER_WORDS = _QUANTIFIERS - {"to", "than", "least", "at", "up"}  # one word before a figure: "nearly", "more"


def _quantifier(low: list[str], i: int) -> list[str]:
    """The words before a figure that qualify it ("at least", "more than", "nearly"), as the sentence has them."""
    if i >= 2 and (low[i - 2], low[i - 1]) in _QUANTIFIER_PAIRS:
        return low[i - 2:i]
    return low[i - 1:i] if i and low[i - 1] in _QUANTIFIER_WORDS else []


def _pairs(figs: list[str], kinds: list[str], toks: list[str]) -> dict[int, str]:
    """Which outcome each figure counts: in the order in which figures and outcome words come, a figure
    takes an adjacent outcome word within four words with no clause break between, each word counting one
    figure; the side it looks first is the sentence's own order: "20 people killed 30 others injured"
    (figure, then its word) or "killed 30 people injured 90" (word, then its figure). A figure a toll "has
    risen to" or "reached" counts the outcome word before it in its clause, however far."""
    seq = [i for i in range(len(toks)) if figs[i] or kinds[i]]
    lead = [i for i in seq if toks[i].lower() not in _TOLL]  # "a toll of 44 dead and 140 injured": "toll" leads
    after = bool(lead) and bool(figs[lead[0]])  # its figure whichever way the sentence runs
    taken: set[int] = set()
    out: dict[int, str] = {}
    for n, i in enumerate(seq):
        if not figs[i]:
            continue
        sides = [seq[n + 1] if n + 1 < len(seq) else None, seq[n - 1] if n else None]
        for j in sides if after else sides[::-1]:
            if j is None or not kinds[j] or j in taken or abs(i - j) > _NEAR + 1 or \
                    any(toks[k] in ",;:()" for k in range(min(i, j) + 1, max(i, j))):
                continue
            out[i] = kinds[j]
            taken.add(j)
            break
    for n, i in enumerate(seq):  # "the number of people killed in the raid has risen to 21": a toll's new figure
        low = [t.lower() for t in toks[max(0, i - 2):i]]
        if not figs[i] or i in out or not (low[-1:] == ["reached"] or (low[-1:] == ["to"] and low[0] in _RISE)):
            continue
        j = seq[n - 1] if n else None  # the word or figure right before it
        if j is not None and kinds[j] and j not in taken and not any(toks[k] in ",;:()" for k in range(j + 1, i)):
            out[i] = kinds[j]
            taken.add(j)
    return out


def _count(toks: list[str], low: list[str], i: int) -> str:
    """The figure token i writes, if it can be a count: not a day beside a month name, nor a part of a count
    ("including three children", "three children were among the dead")."""
    if {low[i - 1] if i else "", low[i + 1] if i + 1 < len(low) else ""} & _MONTHS or set(low[max(0, i - 2):i]) & _PART:
        return ""
    after = low[i + 1:i + 4]
    if "among" in after and not {",", ";", ":"} & set(after[:after.index("among")]):
        return ""
    fig = _figure(toks[i])
    scale = _SCALE.get(after[0], 1) if after and fig.isdigit() else 1  # "10 million" is not 10
    return str(int(fig) * scale) if scale > 1 else fig


def counts_of(sentence: str, outcome: str) -> list[tuple[str, str, str]]:
    """The figures a sentence gives for an outcome (killed, wounded, ...), each with a short phrase around
    it written from the sentence's own words and the noun it counts ('' for none): which outcome a figure
    counts is decided by `_pairs`. Days of a month, years, parts of a count (`_count`) and bodies found so
    far count nothing.

    >>> counts_of("A suicide bomber killed 30 people injured 90 on Monday 3 Oct 2016.", "killed")
    [('30', '30 people killed', 'people')]
    >>> counts_of("It gave a slightly lower toll of 31 people killed.", "killed")
    [('31', '31 people killed', 'people')]
    >>> counts_of("At least 20 people were killed and 55 wounded, among them five children.", "wounded")
    [('55', '55 wounded', '')]
    >>> counts_of("killing 15 people including five policemen", "killed")
    [('15', '15 people killed', 'people')]
    >>> counts_of("Suicide attack on Syria wedding kills 32 Medical source AFP Monday", "killed")
    [('32', '32 killed', '')]
    >>> counts_of("40 people were killed and 120 were wounded", "killed")
    [('40', '40 people killed', 'people')]
    >>> counts_of("At least 14 people were killed 25 were wounded in the attack", "killed")
    [('14', 'at least 14 people killed', 'people')]
    >>> counts_of("20 people killed 30 others injured in car bomb", "killed")
    [('20', '20 people killed', 'people')]
    >>> counts_of("It said 27 people were killed but that 12 of them have not been identified", "killed")
    [('27', '27 people killed', 'people')]
    >>> counts_of("a hospital source said more than 20 were killed; 06-08-2013 Bomb Kills 18", "killed")
    [('20', 'more than 20 killed', ''), ('18', '18 killed', '')]
    >>> counts_of("The number of people killed in the air strike on the market has risen to 21.", "killed")
    [('21', '21 killed', '')]
    >>> counts_of("The death toll from the blast rose to 40, with 12 wounded.", "killed")
    [('40', '40 killed', '')]
    >>> counts_of("The death toll from the blast rose to 40, with 12 wounded.", "wounded")
    [('12', '12 wounded', '')]
    >>> counts_of("Five bodies were lifted from the rubble.", "killed")
    []
    >>> counts_of("At least 11 civilians among them three children were killed on July 25.", "killed")
    []
    >>> counts_of("It said three children were among the dead.", "killed")
    []
    >>> counts_of("He said six of those killed were Syrian rebel fighters.", "killed")
    [('6', 'six fighters killed', 'fighters')]
    >>> counts_of("State media gave a toll of 44 dead and 140 injured in the bombing", "killed")
    [('44', '44 killed', '')]
    >>> counts_of("23-07-2016 Death Toll from Attacks Rises to 11 44 Injured.", "killed")
    [('11', '11 killed', '')]
    >>> counts_of("Syria regime bombing kills 21 including 8 children", "killed")  # 'including' counts no one
    [('21', '21 killed', '')]
    >>> counts_of("It added that 24 other people were killed.", "killed")
    [('24', '24 other killed', 'other')]
    >>> counts_of("A mine killed a woman and injured six others.", "wounded")
    [('6', 'six others wounded', '')]
    >>> counts_of("The regime is responsible for 99 percent of deaths due to torture", "killed")
    []
    >>> counts_of("a quarter of a million people have been killed and more than 10 million displaced", "killed")
    [('10000000', 'more than 10 million killed', 'million')]
    """
    toks, low = _tokens(sentence)
    kinds = [next((k for k in _OUTCOME_WORD if says(t, k)), "") if t.lower() not in _RECOVERED else "" for t in toks]
    figs = [_count(toks, low, i) for i in range(len(toks))]
    out: list[tuple[str, str, str]] = []
    for i, kind in _pairs(figs, kinds, toks).items():
        if kind != outcome:
            continue
        nxt = low[i + 1] if i + 1 < len(low) else ""
        # the counted noun, in lower case ("32 people"): in a headline the next capital starts something else
        noun = toks[i + 1] if nxt and toks[i + 1].isalpha() and toks[i + 1].islower() and not kinds[i + 1] \
            and nxt not in STOPWORDS | BESIDES | _PART_OF else ""
        if nxt == "of" and i + 2 < len(low) and low[i + 2] in ("those", "them", "whom"):
            # "10 of those killed were believed to be civilians": the people named after it are counted
            noun = next((toks[j] for j in range(i + 3, min(i + 11, len(toks))) if low[j] in _NAMED_PEOPLE), "")
        words = [*_quantifier(low, i), toks[i], toks[i + 1] if nxt in BESIDES else noun, _OUTCOME_WORD[outcome]]
        # "killed 20 people and injured 30 others": the others are the wounded besides the killed, all of them
        if nxt in BESIDES and not any(k and k != kind for k in kinds[:i]):
            noun = "other"
        if figs[i] not in (f for f, _, _ in out):
            out.append((figs[i], " ".join(w for w in words if w), noun.lower()))
    return out


# a figure written in two words, "Twenty-five" or "twenty five", counted as one (25), not as its last word
_COMPOUND = re.compile(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](one|two|three|four|five|six|"
                       r"seven|eight|nine)\b", re.I)


def _tokens(text: str) -> tuple[list[str], list[str]]:
    """The text's tokens for counting (a date in figures and a share taken out, a figure in two words made
    one), and the same lower-cased.

    >>> _tokens("Twenty-five people fell as martyrs")[0][:2]
    ['25', 'people']
    """
    text = _COMPOUND.sub(lambda m: str(NUMBER_WORDS[m[1].lower()] + NUMBER_WORDS[m[2].lower()]), text)
    toks = _TOKEN.findall(_NO_COUNT.sub(" ", text))
    return toks, [t.lower() for t in toks]


def stated_as_part(small: str, big: str, text: str) -> bool:
    """The text gives the figure `small` as a part of `big` ("82 people including 58 civilians", "17 people
    were killed, two of them ambulance crew"): two figures of one toll, not two reports of it.

    >>> stated_as_part("58", "82", "at least 82 people including 58 civilians were killed")
    True
    >>> stated_as_part("2", "17", "fighting in which 17 people were killed two of them ambulance crew")
    True
    >>> stated_as_part("58", "82", "82 were killed on Sunday. 58 civilians died on Monday.")
    False
    """
    if small == big:
        return False
    toks, low = _tokens(text)
    figs = [_figure(t) for t in toks]
    for i in (i for i, f in enumerate(figs) if f == big):
        for j in range(i + 1, min(i + 14, len(toks))):
            if toks[j] == ";" or (figs[j] and figs[j] != small):
                break
            if figs[j] == small and (set(low[max(i + 1, j - 3):j]) & _PART_OF or set(low[j + 1:j + 3]) & {"of"}):
                return True
    return False

