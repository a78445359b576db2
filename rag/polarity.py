"""Yes or no: the reply that the sentences an answer cites give to a yes/no question.

The 1.5B model writes "Yes." to nearly every yes/no question, for sentences that say the opposite too ("has
denied", "was not confirmed", "released no pictures"): on the first runs of seed_dev5 and dev9, of the 10
answers citing an article's evidence, 4 were wrong, and every "No" article's answer was "Yes" or nothing.
Asked apart, over the cited sentences alone, for the reply by token probabilities (one short task, no
turn of its own before it), it still leans to yes, and asked for "yes, no or unknown" it takes a negative
statement for "unknown". What it cannot weigh, the program can see: a "No" sentence says no in words, about
what is asked. So the reply is "no" when a clause of the cited sentences holds a negation (`NEGATION`) and
a word of the question (`denies`: "The identity of the drone was not confirmed" for "Was the drone
identified?", not "... mostly from Saudi Arabia, not from Syria" for "Have foreign fighters left ISIS?"), and
either the model's own answer says no (it leans to yes) or its P("yes") to "answer the question with yes or
no, from these sentences alone" is below `Settings.polarity_threshold`; else "yes". On the dev yes/no items
(51 labelled replies over seed_dev5, dev9, seed_dev4, news2 dev; eval/results/polarity/probe.md): a negation
alone 47 of 51 right, the model alone 36-39 (thresholds 0.5-0.8), both 48 (at 0.7).
"""

from __future__ import annotations

import re

from . import prompts
from .llm import LLM, label_probs
from .question import Question
from .settings import Settings
from .text import content_words

# a sentence that says no in words: not, no, never, nobody, denied, declined, prevented, unclear, unidentified ...
NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|denied|denies|deny|without|declined|"
                      r"refused|failed|prevent\w*|blocked|unclear|unidentified|unconfirmed)\b|n't\b", re.I)
_CLAUSE = re.compile(r"[,;:()]|\s(?:but|while|whereas|although|though)\s", re.I)
_LEADING = re.compile(r"^\s*(yes|no)\b[,.;:!]?\s*", re.I)


def denies(sentence: str, question: Question) -> bool:
    """A clause of the sentence says no in words about something the question names: it holds a negation
    and one of the question's words.

    >>> from rag.question import parse
    >>> q = parse("Was the drone that struck Hezbollah near Sukhna identified?")
    >>> denies("The identity of the drone was not confirmed but the sources did not rule it out.", q)
    True
    >>> denies("They are mostly from Saudi Arabia, not from Syria.", parse("Have foreign fighters left ISIS?"))
    False
    """
    return any(NEGATION.search(c) and content_words(c) & question.words for c in _CLAUSE.split(sentence))


def said_in(answer: str) -> str:
    """The reply an answer gives: its leading Yes or No, else no when it says no in words.

    >>> said_in("Yes, 3 children were killed."), said_in("Nobody threw stones."), said_in("Stones were thrown.")
    ('yes', 'no', 'yes')
    """
    m = _LEADING.match(answer)
    return m.group(1).lower() if m else ("no" if NEGATION.search(answer) else "yes")


def reply_of(question: Question, answer: str, sentences: list[str], llm: LLM, settings: Settings) -> str:
    """'yes' or 'no': what the sentences reply to the yes/no question (module docstring). Yes unless a
    sentence says no about what is asked (`denies`); then no when the model's answer already says so (it
    leans to yes), else as the model, asked over the sentences alone, leans."""
    if not any(denies(s, question) for s in sentences):
        return "yes"
    if said_in(answer) == "no":
        return "no"
    p = label_probs(llm, prompts.polarity_messages(question.text, sentences), prompts.YES_NO)["yes"]
    return "no" if p < settings.polarity_threshold else "yes"


def with_reply(answer: str, said: str) -> str:
    """The answer with the reply decided: as it is when it gives that reply ("No, the exits were open.",
    "Nobody threw stones."), else the bare reply ("Yes, 3 children were killed." read as no: "No.").

    >>> with_reply("No, the exits were open.", "no"), with_reply("Yes, 3 children were killed.", "no")
    ('No, the exits were open.', 'No.')
    >>> with_reply("The drone was not identified.", "no"), with_reply("The drone was identified.", "no")
    ('The drone was not identified.', 'No.')
    """
    return answer if said_in(answer) == said else f"{said.capitalize()}."
