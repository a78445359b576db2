"""Pure checks of what a model says against what the article says: does a cited sentence support a short
answer, and which names and events a question gives (parsed once, by rag/question.py).

A short answer is supported by its cited sentences when every number it states is in them (digits or
words), every capitalised name in it is in them (or in the article's title and outlet), and most of its
content words are in them. The question's own words count as context: "The fire was started by a faulty
heater" is supported by "a faulty heater in the dye room started the fire".
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from .text import DAY_MONTH, STOPWORDS, content_words, numbers, terms

ATTRIBUTION = frozenset(terms("according report reported reports claim claims claimed state stated states say "
                              "article outlet source sources news agency writes wrote alleges alleged"))


def lexical_support(statement: str, sentence: str, context_words: frozenset[str] | set[str] = frozenset()) -> float:
    """Share of the statement's content words found in the sentence (or in `context_words`, e.g. the
    article's title and outlet).

    >>> lexical_support("According to ARA News, the regime bombed Hatla.",
    ...                 "Al-Furati reported heavy shelling by the regime on Hatla.", {"ara", "news"})
    0.75
    """
    words = content_words(statement) - ATTRIBUTION
    if not words:
        return 0.0
    have = content_words(sentence) | context_words
    return len(words & have) / len(words)


def numbers_supported(statement: str, sentences: list[str]) -> bool:
    """Every number in the statement (digits or words) appears in at least one of the cited sentences.

    >>> numbers_supported("It killed 83 soldiers.", ["It killed 83 Syrian soldiers."])
    True
    >>> numbers_supported("It killed 38 soldiers.", ["It killed 83 Syrian soldiers."])
    False
    >>> numbers_supported("The toll rose to 14.", ["The toll has risen to fourteen."])
    True
    """
    have: set[str] = set()
    for s in sentences:
        have |= numbers(s)
    return numbers(statement) <= have


PARTICLES = frozenset("al el ez es as ad ar ash at az ed".split())  # Arabic articles written before a name
# a capitalised word (read, values use it too), with an article written before it in lower case: "al-Hamidiyeh"
CAPITALISED = re.compile(rf"(?<![\w-])(?:(?:{'|'.join(sorted(PARTICLES))})-)?[A-Z][\w’'-]*")


def names_supported(statement: str, sentences: list[str], context_words: frozenset[str] | set[str] = frozenset()
                    ) -> bool:
    """Every word of every capitalised name in the statement appears in the cited sentences (or in
    `context_words`): a model may not bring in an actor the quote lacks.

    >>> names_supported("Then the UN Security Council backed the Military Council.",
    ...                 ["The Deir ez-Zor Military Council is expected to take the countryside."])
    False
    >>> names_supported("The bridge was designed by Marta Lind.", ["It was designed by the architect Marta Lind."])
    True

    A name with an article before it is a name ("al-Hamidiyeh"), however its sentence joins the article:
    >>> names_supported("Al-Sayyed Ali and al-Hamidiyeh.", ["Shells hit al-Sayyed Ali neighborhood."])
    False
    >>> names_supported("Shells hit al-Hamidiyeh.", ["Shells later hit the al Hamidiyeh neighborhood."])
    True
    """
    have = set(context_words).union(*(content_words(s) | content_words(s.replace("-", " ")) for s in sentences))
    for m in CAPITALISED.finditer(statement):
        if m.start() == 0 or re.search(r"[.!?:]\s*[\"“]?$", statement[:m.start()]):
            continue  # a sentence's first word is capitalised anyway
        if not all(w in have or w in ATTRIBUTION or all(p in have for p in w.split("-") if p not in PARTICLES)
                   for w in terms(m.group(0))):
            return False
    return True


def supports(answer: str, sentences: list[str], question: str, names: set[str] | frozenset[str] = frozenset(),
             need: float = 0.5) -> bool:
    """The cited sentences state the short answer: every figure and name it gives (those it repeats from
    the question, and names from `names`, the article's title and outlet words, aside), and at least
    `need` of the words it adds to the question (a count or a date is its figure: need 0; a claim, half).
    Title words do not count as support for what the answer adds: a headline is not evidence for a
    sentence of the body.

    >>> supports("A faulty heater started the fire.", ["Investigators said a faulty heater in the dye room "
    ...          "started the fire."], "What started the fire?")
    True
    >>> supports("It cost 61 million euros.", ["It cost 48 million euros."], "How much did it cost?")
    False
    >>> supports("The siege lasted 760 days.", ["This came amid the 760-day siege."], "How long was the siege?")
    True
    >>> supports("39 died in the shelling in March 2026.", ["The shelling killed 39 people."],
    ...          "How many died in the shelling in March 2026?")
    True
    >>> supports("6 died.", ["The shelling killed 4 people."], "How many died in the shelling on 6 March 2026?")
    False
    >>> supports("The union says the exits were locked.", ["Labour Voice"], "Were the exits locked?",
    ...          {"union", "exits", "locked", "labour", "voice"})
    False
    >>> supports("Yes, Russian jets struck SDF positions near the river.", ["Russian aircraft struck SDF positions."],
    ...          "Did Russian aircraft attack the SDF?", need=0.34)
    True
    """
    joined = " ".join(sentences)
    if not (numbers(answer) - numbers(DAY_MONTH.sub(" ", question))) <= numbers(joined):  # a day's date is no figure
        return False
    if not names_supported(answer, sentences, set(names) | content_words(question)):
        return False
    return words_stated(answer, sentences, question) >= need


def words_stated(answer: str, sentences: list[str], question: str) -> float:
    """The share of the words an answer adds to the question (a leading Yes or No aside) that the sentences
    hold; 1.0 when it adds none.

    >>> words_stated("The Syrian regime backs ISIS.", ["Sources said the Assad regime backs ISIS."], "Who backs ISIS?")
    0.5
    """
    joined = " ".join(sentences)
    own = content_words(_YES_NO.sub("", answer)) - content_words(question) - ATTRIBUTION
    have = content_words(joined) | content_words(joined.replace("-", " "))  # "a 760-day siege" has "day"
    return len(own & have) / len(own) if own else 1.0


_YES_NO = re.compile(r"^\s*(?:yes|no)\b[,.;:]?\s*", re.I)


_QUESTION_WORDS = frozenset("who whom whose what which when where why how did does do is are was were has have "
                            "had can could will would should according".split())
_GENERIC = frozenset("the article articles outlet outlets report reports news say says name part kind".split())


def question_names(question: str) -> list[list[str]]:
    """The names a question gives (capitalised words after its first, and years), each as its
    distinctive words: what an article must mention to be about the same thing.

    >>> question_names("How many people died in the fire in Marlow on 3 March 2025?")
    [['marlow'], ['march'], ['2025']]
    >>> question_names("Who is helping ISIS in Deir ez-Zor?")
    [['isis'], ['deir', 'zor']]
    >>> question_names("Under the deal, who was to control Deir ez-Zor?")
    [['deir', 'zor']]
    """
    out: list[list[str]] = []
    for m in re.finditer(r"(?<![\w-])[A-Z][\w’'-]*(?:[\s-]+(?:(?:al|el|ez|as|ad|ar|de|du|la|le|of)[\s-]+)?"
                         r"[A-Z][\w’'-]*)*|\b(?:19|20)\d\d\b", question):
        name = m.group(0)
        if m.start() == 0 and not re.fullmatch(r"[A-Z]{2,}", name.split()[0]):
            name = name.split(None, 1)[1] if " " in name else ""  # the question's first word is capitalised anyway
        words = _words(name)
        words = [w for w in words if w not in STOPWORDS and w not in _QUESTION_WORDS and w not in _GENERIC]
        if words:
            out.append(words)
    return out


_EVENT_BEFORE_PLACE = re.compile(r"\bthe\s+((?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*)\s+(?:in|at|on|of|near)\s+"
                                 r"(?:the\s+)?[A-Z]")
_HEAD_AFTER_NAME = re.compile(r"\bthe\s+(?:\d{4}\s+)?(?:[A-Z][\w’'-]*\s+)+([a-z][a-z-]+)"
                              r"(?=\s*[?,.;]|\s+(?:in|at|on|of|to|that|during|near|for|with)\b)")


def question_events(question: str) -> list[list[str]]:
    """What the question says happened, or to what, beside its names: the words of "the ... in/at/on <Name>"
    ("the building collapse in Ashbourne") and the noun after a name ("the Port Aurel marathon"). An
    article about a mine explosion in Ashbourne does not answer for a building collapse there.

    >>> question_events("How many people were killed in the building collapse in Ashbourne?")
    [['building', 'collapse']]
    >>> question_events("How many runners took part in the Port Aurel marathon?")
    [['marathon']]
    >>> question_events("Who is helping ISIS in Deir ez-Zor?"), question_events("Who did the SDF liberated?")
    ([], [])
    """
    out = []
    for m in _EVENT_BEFORE_PLACE.finditer(question):
        out.append(m.group(1))
    for m in _HEAD_AFTER_NAME.finditer(question):
        if not m.group(1).endswith("ed"):
            out.append(m.group(1))
    words = [[w for w in _words(x) if w not in STOPWORDS and w not in _QUESTION_WORDS and w not in _GENERIC]
             for x in out]
    return [w for w in words if w]


def _words(name: str) -> list[str]:
    parts = re.split(r"[\s\-’']+", name.lower())
    return [p for p in parts if p and p not in ("al", "el", "ez", "as", "ad", "ar", "de", "du", "la", "le", "of", "s")]


def mentions(words: frozenset[str] | set[str], name: list[str]) -> bool:
    """An article mentions a name when any of its distinctive words appears, allowing for the spelling
    variants transliterated names have (Deir ez-Zor / Deir El-Zour / Dair al-Zour).

    >>> mentions({"dair", "zour", "the"}, ["deir", "zor"]), mentions({"marlow"}, ["kestrel"])
    (True, False)
    """
    for w in name:
        if w in words:
            return True
        if len(w) >= 4 and any(abs(len(t) - len(w)) <= 2 and t[:1] == w[:1]
                               and SequenceMatcher(None, w, t).ratio() >= 0.75 for t in words):
            return True
    return False


@lru_cache(maxsize=2048)
def text_words(text: str) -> frozenset[str]:
    """Lower-cased word forms of an article, for `mentions` (hyphens and apostrophes split).

    >>> sorted(text_words("Deir El-Zour's fall"))
    ['deir', 'fall', 'zour']
    """
    return frozenset(_words(" ".join(re.findall(r"[\w’'-]+", text))))
