"""The question, understood once: what kind of value answers it, whether it has one true value, and what
it names. Every stage (retrieve, read, reconcile) receives this `Question`; nothing else parses the text.

- kind: count (a number of something), time, place, actor (a person, group or force), yesno, reason, or
  description (anything else). A leading attribution or setting ("According to SANA, ...", "Under the
  deal, ...") is looked past: the kind is the main clause's.
- single: the question has one true value (a toll, who carried out an act, when, where, yes or no), so
  articles giving different values disagree; otherwise (who took part or fought alongside, who has done
  something over a time, which villages, what was said) several values are listed side by side, never as a
  conflict.
- blame: who backs, helps, funds or arms a side. Several may, but outlets that name different backers
  contest each other's account: `contested` (single or blame) is what makes a disagreement.
- names, years: what the question names (places, actors, years), for ranking the articles: an article
  that misses one is ranked lower, never dropped (rag/retrieve.py).
- outcome: for a count, what happened to what is counted (killed, wounded, ...), so that 30 wounded and
  8 killed are two facts, not a dispute.
- harm, claim, about, role: a count of casualties or victims (answered by the killed and the wounded together);
  who claimed an act (answered only from a sentence that speaks of a claim); whom a "what happened to ..."
  question is about (answered only from a sentence that speaks of them); the office of the person asked
  for ("which coalition spokesman": answered only from a sentence that names a spokesman); for "how many
  civilians / soldiers ...", the kind of people counted (a figure of the other kind does not answer).
- day, places, source: the day it gives for its event (an answer about another day is set aside), where
  the event happened and whose words it asks for ("What did Omair say"): an article that never names the
  place, or the speaker, is not read (rag/read.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import MONTHS, WEEKDAYS, event_window, find_dates
from .support import mentions, question_events, question_names, text_words
from .text import content_words, terms

KINDS = ("count", "time", "place", "actor", "yesno", "reason", "description")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")

_LEAD = re.compile(r"^(?:according to|under|in|after|before|during|for)\b[^,?]{1,80},\s*(?=\w)", re.I)
_COUNT = re.compile(r"^(?:how (?:many|much|long|far|big|large|old)|how deadly"
                    r"|what (?:was|is|were) the (?:\w+ ){0,2}(?:toll|number)"
                    r"|what (?:\w+ ){0,2}(?:toll|casualties|number)|what number)\b", re.I)
_TIME = re.compile(r"^(?:when|on what (?:day|date)|in what year|what (?:day|date|year|time))\b", re.I)
# where something is: a settlement or region, a part of one, a building or site ("near which mosque", "in front of
# what building", "which part of Aleppo")
PLACE_NOUNS = (r"town|city|village|country|province|district|area|place|region|neighbou?rhood|quarter|suburb|street|"
               r"square|hospital|mosque|church|shrine|school|market|building|base|outpost|airport|camp|prison|bridge|"
               r"checkpoint|crossing|site|facility|compound|headquarters")
_PLACE = re.compile(rf"^(?:where|(?:in|at|to|from|near|into|inside|outside|behind|in front of) (?:which|what) "
                    rf"(?:\w+ )?(?:{PLACE_NOUNS})|which (?:\w+ )?(?:{PLACE_NOUNS})s?\b|(?:which|what) parts? of\b)",
                    re.I)
# "in front of what building": outlets describe one building in their own words ("an orphanage used as a military
# base", "a Syrian army outpost"), so different descriptions are not a disagreement; a named place is
_BUILDING = re.compile(r"^\S+(?: \S+)?(?: of)? (?:which|what) (?:\w+ )?(?:building|site|facility|compound|headquarters|"
                       r"base|outpost)\b", re.I)
_YESNO = re.compile(r"^(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)\b", re.I)
_ACTOR = re.compile(r"^(?:who|whom|whose|what (?:was|is|were|are) the names? of"
                    r"|which (?:\w+ ){0,3}(?:group|groups|force|forces|officer|minister|"
                    r"spokesman|spokeswoman|company|party|army|militia|country|countries|outlet|outlets|reporters?|"
                    r"people|person|commander|side|faction|factions|organi[sz]ation|agency|official|air force|"
                    r"journalists?|articles))\b", re.I)
_REASON = re.compile(r"^(?:why|what (?:caused|started|triggered|led to)|what (?:was|is|were) the (?:cause|reason)s?"
                     r"|how did \w+(?: \w+){0,3} (?:die|start|begin|happen))\b", re.I)
# who-questions whose answer may hold several true values at once: taking a side (which outlets also contest,
# _BLAME), taking part, what was said
_BLAME = re.compile(r"\b(?:help|helps|helping|helped|support|supports|supporting|supported|back|backs|backing|"
                    r"backed|fund|funds|funding|funded|finance[sd]?|financing|pays? for|paid for|arm|arms|arming|"
                    r"armed|ally|allies|allied|cooperat\w*|collaborat\w*|work(?:s|ing|ed)? with|side with|"
                    r"accuse[sd]?|blame[sd]?)\b", re.I)
_MANY = re.compile(r"\b(?:attend\w*|take part|took part|taking part|participat\w*|join\w*|met|meet|meets|visit\w*|"
                   r"alongside|along with|together with|"
                   r"say|says|said|describe|articles|outlets)\b", re.I)
# "who has killed civilians": the present perfect sums up acts over a time, which several may have done (not
# "who has claimed": one claim; not "who has been appointed")
_CUMULATIVE = re.compile(r"^who (?:has|have) (?!been\b|claimed\b)\w+ed\b", re.I)
_PLURAL_HEAD = re.compile(r"^which (?:\w+ )?(?!is\b|was\b|has\b|does\b)\w+s\b", re.I)
_OUTCOMES = {
    "killed": re.compile(r"\b(?:kill\w*|dead|died|die|dies|deaths?|deadly|death toll|toll|lives|lost their lives|"
                         r"fatalit\w*|perish\w*|massacre\w*|executed|martyr\w*|bodies|corpses)\b", re.I),
    "wounded": re.compile(r"\b(?:wound\w*|injur\w*|hurt)\b", re.I),
    "suffocation": re.compile(r"\b(?:suffocat\w*|breathing|poison\w*)\b", re.I),
    "missing": re.compile(r"\b(?:missing|abduct\w*|kidnap\w*|captured|detained|arrested)\b", re.I),
}
HARM = re.compile(r"\b(?:casualt\w*|victims?)\b", re.I)
CLAIM = re.compile(r"\b(?:claim\w*|responsib\w*)\b", re.I)
_HAPPENED = re.compile(r"\bwhat happened to (?:the |a |an |his |her |their )?([a-z]+)", re.I)
_ROLES = (r"officer|minister|spokes(?:man|woman|person)|commander|official|general|leader|envoy|ambassador|president|"
          r"governor|mayor|journalist|reporter|doctor|pilot|director|chief|emir|cleric|negotiator|monitor")
_ROLE = re.compile(rf"^(?:which|what|who (?:was|is|were|are) the) (?:[\w-]+ ){{0,3}}?({_ROLES})s?\b", re.I)
# "what was the name of the cotton-spinning plant": a place or a thing is asked for by name, not who owns or hit
# it (not "the ferry's captain": a person)
_NAME_OF = r"\bnames? of (?:the|a|an|this|that) (?:[\w-]+ ){0,2}?"  # "the name of the cotton-spinning ..."
_NAMED_THING = re.compile(rf"{_NAME_OF}(?:{PLACE_NOUNS}|plant|factory|mill|station|ship|ferry|operation|campaign|"
                          r"offensive|road|dam|field)s?\b(?!['’])", re.I)
# "which group ...": a group's name is asked for
_WHICH_GROUP = re.compile(r"(?:which|what) (?:\w+ )?(?:group|organi[sz]ation|faction|militia)(?:s|'s)?\b", re.I)
# "what was the name of the suicide bomber": a person is asked for by name, so a group's name does not answer it
_NAMED_PERSON = re.compile(rf"{_NAME_OF}(?:{_ROLES}|bomber|attacker|"
                           rf"gunman|man|woman|boy|girl|child|victim|soldier|fighter|driver|witness|activist|"
                           rf"suspect)\b", re.I)


# whom a toll counts, in two kinds that never answer for each other: "how many civilians" is not answered by
# "83 Syrian soldiers", nor "how many soldiers" by "12 civilians"
CIVIL = frozenset(terms("civilians children women students pilgrims workers residents passengers journalists "
                         "worshippers patients"))
ARMED = frozenset(terms("soldiers troops fighters rebels militants jihadists militiamen policemen officers police "
                         "gunmen mercenaries combatants terrorists insurgents"))
# people a toll may count only some of ("how many children"), and the wider counts that do not answer for them
# ("25 civilians six of them children", "five people including four schoolchildren")
PART_PEOPLE = frozenset(terms("children schoolchildren kids infants babies women girls boys students pupils "
                              # those who come to help or to report, whom a toll of "people" also holds (eval/fakes/
                              # dev11.jsonl d11-13: "how many White Helmets rescue workers", answered "45 people")
                              "workers volunteers rescuers journalists reporters medics paramedics doctors nurses"))
ALL_PEOPLE = frozenset(terms("people persons civilians residents others individuals"))


def side_of(words: set[str] | frozenset[str]) -> str:
    """'civilian' or 'armed' when the words name people of one kind only (as `terms`), else ''.

    >>> side_of({"many", "civilian", "kill"}), side_of({"soldier"}), side_of({"people", "kill"})
    ('civilian', 'armed', '')
    >>> side_of({"soldier", "civilian"})
    ''

    """
    sides = {"civilian" for w in words if w in CIVIL} | {"armed" for w in words if w in ARMED}
    return sides.pop() if len(sides) == 1 else ""


@dataclass(frozen=True)
class Question:
    text: str
    kind: str  # one of KINDS
    single: bool  # one true value: different values from articles about one event are a disagreement
    words: frozenset[str]  # content words (for lexical closeness only, never as a gate)
    names: tuple[tuple[str, ...], ...]  # each name's distinctive words: places, actors, years
    events: tuple[tuple[str, ...], ...]  # what happened ("the market bombing in X" -> market, bombing)
    years: frozenset[str]
    outcome: str  # for a count: killed | wounded | suffocation | missing | "" (anything else)
    wants_name: bool = False  # "what was the name of ...", "who ... named": the answer must give a name
    window: tuple[date, date] | None = None  # the days an article about the dated event can be from
    day: date | None = None  # the day the question gives for its event ("on 11 October 2017")
    source: str = ""  # whose words are asked for: "What did Omair say ..." -> Omair
    said_by: tuple[str, ...] = ()  # the distinctive words of whoever's figure or account is asked for, a body or an
    # outlet too ("according to the Observatory", "how many did UNICEF say ..."): observatory; unicef
    places: tuple[tuple[str, ...], ...] = ()  # where it happened: the names after "in", "at", "near", "the town of"
    harm: bool = False  # a count of casualties or victims: the killed and the wounded both answer it
    claim: bool = False  # who claimed (took responsibility for) an act
    about: str = ""  # "what happened to the pilot ...": pilot
    role: str = ""  # "which coalition spokesman ...", "who was the interior minister ...": spokesman, minister
    blame: bool = False  # who backs, helps, funds or arms a side: several may, and outlets contest who does
    people: str = ""  # for "how many civilians / soldiers ...": the kind of people counted (side_of), else ''
    person: bool = False  # "what was the name of the bomber ...": a person's name is asked for, not a group's
    group: bool = False  # "which group ...": a group's name is asked for ("Terrorists." names none)
    thing: bool = False  # "what was the name of the plant ...": a place's or a thing's name, not a group's
    part: str = ""  # "how many children ...", "how many of those killed were civilians": people a wider toll
    # holds only some of (PART_PEOPLE, or any after "of those"), else ''

    @property
    def contested(self) -> bool:
        """Different answers from different articles are a disagreement: the question has one true value, or
        asks whom to blame (articles that name different backers contest each other's account)."""
        return self.single or self.blame

    @property
    def named(self) -> tuple[tuple[str, ...], ...]:
        """Its names less the ones that only say when (a month, a weekday, a year): news says "on Wednesday".

        >>> parse("Who struck Raqqa on Tuesday 21 June 2016?").named
        (('raqqa',),)
        """
        return tuple(n for n in self.names
                     if not (len(n) == 1 and (n[0] in MONTHS or n[0] in WEEKDAYS or _YEAR.fullmatch(n[0]))))

    @property
    def counted(self) -> str:
        """For a count of what happened to someone, that outcome (killed, wounded, ...) when the main clause
        names it first; else ''."""
        return self.outcome if self.kind == "count" and self.outcome and outcome_of(self.main) == self.outcome else ""

    @property
    def main(self) -> str:
        """The question without its leading attribution ("According to SANA, what did ..." -> "what did ...")."""
        return _LEAD.sub("", self.text.strip())


def parse(text: str) -> Question:
    """The question, parsed once.

    >>> q = parse("According to SANA, how many people died in the bombing of Idlib in June 2016?")
    >>> q.kind, q.single, sorted(q.years), q.outcome
    ('count', True, ['2016'], 'killed')
    >>> parse("How much money a month did the activists killed in the video say they received?").outcome
    ''
    >>> [(parse(t).kind, parse(t).single) for t in ("Who is helping ISIS in Deir ez-Zor?", "Who created ISIS?",
    ...  "Is the Syrian army fighting ISIS?", "When did the SDF take the field?", "Which villages were freed?",
    ...  "Which air force bombed the market?", "What caused the flood?", "What did Clinton say about ISIS?",
    ...  "How deadly were the blasts?", "In which town south of Homs did a bomb explode?",
    ...  "Near which mosque did it explode?", "In front of what building did he blow himself up?",
    ...  "Who has shelled the town?", "Who fought alongside the army?", "Who has claimed the attack?")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('actor', False), ('actor', True), ('yesno', True), ('time', True), ('place', False), ('actor', True),
     ('reason', True), ('description', False), ('count', True), ('place', True), ('place', True), ('place', False),
     ('actor', False), ('actor', False), ('actor', True)]
    """
    t = " ".join(text.split())
    main = _LEAD.sub("", t)
    kind = _kind(main)
    of_those = _OF_THOSE.match(main) if kind == "count" else None  # "how many of those killed were civilians"
    m = of_those or (_HOW_MANY.match(main) if kind == "count" else None)
    counts = terms(m.group(1)) if m else None  # what "how many" counts
    if kind in ("count", "time", "yesno", "reason"):
        single = True
    elif kind in ("actor", "place"):
        single = not (_BLAME.search(main) or _MANY.search(main) or _PLURAL_HEAD.match(main) or _CUMULATIVE.match(main)
                      or (kind == "place" and _BUILDING.match(main))) or bool(re.search(r"\bair force\b", main, re.I))
    else:
        single = False
    outcome = next((name for name, rx in _OUTCOMES.items() if rx.search(main)), "") \
        if kind == "count" and not _AMOUNT.match(main) else ""
    names = tuple(tuple(n) for n in question_names(t))
    about = _HAPPENED.search(t)
    return Question(t, kind, single, frozenset(content_words(t)), names,
                    tuple(tuple(e) for e in question_events(t)), frozenset(_YEAR.findall(t)),
                    outcome, bool(re.search(r"\bnames?\b|\bnamed\b|\bcalled\b", main, re.I)), event_window(t),
                    harm=kind == "count" and bool(HARM.search(main)),
                    claim=kind == "actor" and bool(CLAIM.search(main)),
                    about=about.group(1).lower() if about else "",
                    blame=kind == "actor" and not single and bool(_BLAME.search(main)),
                    day=next((d for _, d in find_dates(t)), None),
                    source=_source(t), said_by=said_by(t), places=places_in(t),
                    role=role.group(1).lower() if kind == "actor" and (role := _ROLE.match(main)) else "",
                    people=side_of(set(counts)) if counts is not None else "",
                    person=bool(_NAMED_PERSON.search(main)), group=bool(_WHICH_GROUP.match(main)),
                    thing=bool(_NAMED_THING.search(main)),
                    part=next((w for w in counts or () if of_those is not None or w in PART_PEOPLE), ""))


# an amount, a length, a size, an age: not a number of people something happened to ("How much money did the
# activists killed in the video say they received?" counts no one killed)
_AMOUNT = re.compile(r"how (?:much|long|far|big|large|old)\b", re.I)
_HOW_MANY = re.compile(r"how many ((?:[\w'’-]+\s+){0,3}[\w'’-]+)", re.I)  # what a count counts, not "rebel shelling"
# "how many of those killed in the strikes were civilians": what it counts comes last
_OF_THOSE = re.compile(r"how many of (?:those|the people|the dead|the victims|them)\b.*\b(?:were|was|are|is) "
                       r"(?:believed to be |said to be |reported to be )?(?:\w+ )?([\w'’-]+)\W*$", re.I)
_SAID = re.compile(r"^what did (.{1,80}?) (?:say|said|claim|tell|report|announce|state|write|reveal|stress|warn)\b",
                   re.I)


# "according to" a person: one or more capitalised words, none an acronym or the name of a body
_PERSON = re.compile(r"\b[Aa]ccording to ((?!The\b)[A-Z][a-z’'-]+"
                     r"(?:\s+(?:(?:al|el|bin|ibn|abu)[\s-]+)?[A-Z][a-z’'-]+){0,3})(?=\s*[,?.]|\s*$)")
_BODY = re.compile(r"\b(?:media|agency|news|observatory|coalition|council|ministry|army|forces|government|"
                   r"crescent|cross|committee|office|command|monitor|network|television|tv|radio|press|times|post|"
                   r"sources?|officials?|activists?|witnesses|residents|state|opposition|rebels|regime)\b", re.I)


def _source(text: str) -> str:
    """Whose words the question asks for: "What did Omair say ...", or "..., according to Omair?" -> Omair.
    An outlet or body is not one ("According to SANA, ...", "according to Syrian state media"): an outlet's
    own articles need not name it; on fakes dev two SANA articles that answer never do.

    >>> _source("What did Omair say about ISIS?"), _source("According to SANA, what did the jets bomb?")
    ('Omair', '')
    >>> _source("Which villages were freed, according to Omair?"), _source("According to Rami Abdel Rahman, who died?")
    ('Omair', 'Rami Abdel Rahman')
    >>> _source("According to Syrian state media, who died?"), _source("Who died, according to the Syrian Coalition?")
    ('', '')
    """
    m = _SAID.match(text)
    if m:
        return m.group(1)
    m = _PERSON.search(text)
    return m.group(1) if m and not _BODY.search(m.group(1)) else ""


# whoever's figure or account a question asks for, a body or an outlet too: "according to X" up to a comma, the end
# or a time; "did X say/report" with X a capitalised name (or state media, television)
_ACCORDING = re.compile(r"\baccording to (?:the |a |an )?(.{2,60}?)(?=\s*(?:[,?]|$)|\s+(?:on|at|in|over|during|"
                        r"after|before|between)\s)", re.I)
_DID_SAY = re.compile(r"\b[Dd]id (?:the )?((?:[A-Z][\w’'-]*|state)(?: (?:[A-Z][\w’'-]*|state|television|TV|media|"
                      r"news|for|of))*) (?:say|report|claim|announce|count|give)\b")
# words that name no one in particular ("according to the report", "a military source", "the author")
_GENERIC = frozenset("the for of and syrian human rights report reports source sources military official officials "
                     "activist activists local state news author monitor monitors group media security medical "
                     "witness witnesses resident residents al el".split())


def said_by(text: str) -> tuple[str, ...]:
    """The distinctive words of whoever's figure or account the question asks for ("according to the Syrian
    Observatory for Human Rights" -> observatory); () when it names none, or no one in particular.

    >>> said_by("How many were hurt in the strike on 8 April 2017, according to the Syrian Observatory?")
    ('observatory',)
    >>> said_by("How many people did the White Helmets say had been killed in three days?")
    ('helmets', 'white')
    >>> said_by("How many rebels did Syrian state television say were killed?"), said_by("Who died on Monday?")
    (('television',), ())
    >>> said_by("How many gunmen surrendered, according to a military source on 24 August 2014?")
    ()
    """
    m = _ACCORDING.search(text) or _DID_SAY.search(text) or _SAID.match(text)
    return tuple(sorted(w for w in text_words(m.group(1)) - _GENERIC
                        if w not in MONTHS and w not in WEEKDAYS and not w.isdigit())) if m else ()


_NAME = r"(?:al-)?[A-Z][\w’'-]*(?:[\s-]+(?:(?:al|el|ez|as|ad|ar)[\s-]+)?[A-Z][\w’'-]*)*"
_AREA = r"(?:town|village|city|province|district|governorate|neighbou?rhood|area|suburbs?|region|countryside)"
_STRUCK_ON = r"(?:air\s?strikes?|strikes?|raids?|attacks?|assaults?|bombings?|shelling|offensive|bombardment)\s+on"
_PLACE_NAME = re.compile(rf"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside|{_STRUCK_ON}|(?:north|south|east|west)\w*\s+of)\s+"
                         rf"((?:the\s+)?(?:[A-Za-z]+-(?:held|led|controlled)\s+)?(?:{_AREA}\s+of\s+)?{_NAME})"
                         rf"|\b{_AREA}\s+of\s+({_NAME})|,\s+({_NAME})\s+{_AREA}\b"
                         rf"|\b({_NAME})\s+(?:province|governorate|countryside)\b")


def places_in(text: str) -> tuple[tuple[str, ...], ...]:
    """The names of where the question's (or a sentence's) event happened: capitalised names after "in", "at",
    "near", "the town of", "air strikes on" (an attack's target), or before "province" (months, weekdays and years
    are times; a name in capitals is a group, "the toll of the ISIS car bomb", whose articles may say Daesh).

    >>> places_in("How many died on the IS-held town of al-Bab on Thursday 16 July 2015?")
    (('bab',),)
    >>> places_in("What did the coalition bomb north of Raqqa city in May 2016?"), places_in("Who created ISIS?")
    ((('raqqa',),), ())
    >>> places_in("How many died in the village of Tall Tawil, Hasakeh province?")
    (('tall', 'tawil'), ('hasakeh',))
    >>> places_in("How many died in the air strikes on the town of al-Quria?"), places_in("Who fled on Monday?")
    ((('quria',),), ())
    >>> places_in("How many were killed by the warplanes that pounded Idlib province on Sunday?")
    (('idlib',),)
    >>> places_in("What was the toll of the ISIS car bomb in ISIS-held Raqqa?"), places_in("Who died in SANA's report?")
    ((('raqqa',),), ())
    """
    out = []
    for m in _PLACE_NAME.finditer(text):
        found = re.sub(rf"^(?:the\s+)?(?:[A-Za-z]+-(?:held|led|controlled)\s+)?(?:{_AREA}\s+of\s+)?", "",
                       next(g for g in m.groups() if g))
        if re.match(r"(?:the\s+)?[A-Z]{2,}\b", found):
            continue
        for name in question_names(f"X {found}"):
            name = [w for w in name if w not in MONTHS and w not in WEEKDAYS and not w.isdigit()]
            if name and tuple(name) not in out:
                out.append(tuple(name))
    return tuple(out)


def _kind(main: str) -> str:
    for kind, rx in (("count", _COUNT), ("time", _TIME), ("place", _PLACE), ("reason", _REASON),
                     ("actor", _ACTOR), ("yesno", _YESNO)):
        if rx.match(main):
            return kind
    return "description"


def outcome_of(text: str) -> str:
    """What a figure in an answer counts by what happened: killed, wounded, ... ('' when it says none).

    >>> outcome_of("30 people were wounded."), outcome_of("Eight were killed."), outcome_of("It cost 4 million.")
    ('wounded', 'killed', '')
    """
    found = [(m.start(), name) for name, rx in _OUTCOMES.items() for m in [rx.search(text)] if m]
    return min(found)[1] if found else ""


def says(text: str, outcome: str) -> bool:
    """The text says this outcome happened to someone (killed, wounded, ...).

    >>> says("wounding 90 and killing 30", "killed"), says("90 were hurt", "killed")
    (True, False)
    """
    return bool(_OUTCOMES[outcome].search(text))


_TOWN = re.compile(rf"\b(?:town|village|city|neighbou?rhood)\s+of\s+({_NAME})")


def another_town(sentence: str, question: Question) -> bool:
    """The sentence says its event happened in a town (village, city, neighbourhood) that is not a place the
    question names, and names none of those as where anything happened (a group called "Raqqa is Being
    Slaughtered Silently" is not Raqqa).

    >>> q = parse("How many civilians were killed in the air strikes on Raqqa?")
    >>> another_town("Jets hit the town of Tabqa, killing 10, activists Raqqa is Being Slaughtered Silently said.", q)
    True
    >>> another_town("Jets struck the town of Tabqa in Raqqa province, killing 10.", q)
    False
    """
    towns = [n for m in _TOWN.finditer(sentence) for n in question_names(f"X {m.group(1)}")]
    if not towns or not question.places:
        return False
    here = text_words(" ".join(w for p in places_in(sentence) for w in p))
    return not any(mentions(here, list(p)) for p in question.places)


def elsewhere(sentence: str, question: Question) -> bool:
    """The sentence says where its event happened, and it is none of the places the question names ("In Aleppo
    city at least 18 people were killed ..." in an article about a bombing in Qamishli).

    >>> q = parse("How many people were killed by the bombing in Qamishli on 27 July 2016?")
    >>> elsewhere("In Aleppo city at least 18 people were killed in air strikes.", q)
    True
    >>> elsewhere("State media gave a toll of 44 dead in the bombing.", q), elsewhere("48 died in Qamishli.", q)
    (False, False)
    """
    here = places_in(sentence)
    if not question.places or not here:
        return False
    words = text_words(sentence)
    return not any(mentions(words, list(p)) for p in question.places)
