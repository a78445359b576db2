"""Dates written in news text: an article's own date (its dateline or first dated line), for ordering
reports of one event ("the latest toll"), and the date words of an answer, for comparing 'when' answers.
Pure functions."""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate("january february march april may june july august september october "
                                     "november december".split(), 1)}
MONTHS |= {m[:3]: i for m, i in list(MONTHS.items())} | {"sept": 9}
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_M = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|" \
     r"nov(?:ember)?|dec(?:ember)?)\.?"
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_M}\s*,?\s+((?:19|20)\d\d)\b", re.I)
_MDY = re.compile(rf"\b{_M}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+((?:19|20)\d\d)\b", re.I)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_DOTS = re.compile(r"\b(\d{1,2})([.-])(\d{1,2})\2((?:19|20)\d\d)(?!\d)")  # 11.10.2017, 25-12-2014: day first, as
# outlets that write it so do; "18.10.2014Get short URL": a page's text run into the date
_GLUED = re.compile(rf"\b{_M}\s+(\d\d)((?:19|20)\d\d)\b", re.I)  # "Last updated at Jul 282016": a lost space


def find_dates(text: str) -> list[tuple[int, date]]:
    """(offset, date) of every full date (day, month, year) in the text, in order.

    >>> [d.isoformat() for _, d in find_dates("AFP Monday 3 Oct 2016 ... on October 4, 2016; 2016-10-05; 06.10.2016")]
    ['2016-10-03', '2016-10-04', '2016-10-05', '2016-10-06']
    >>> [d.isoformat() for _, d in find_dates("Last updated at Jul 282016 .. 18.10.2014Get short URL .. 25-12-2014 30")]
    ['2016-07-28', '2014-10-18', '2014-12-25']
    """
    out = []
    for rx, order in ((_DMY, "dmy"), (_MDY, "mdy"), (_GLUED, "mdy"), (_ISO, "ymd"), (_DOTS, "d.m.y")):
        for m in rx.finditer(text):
            g = m.groups()
            try:
                if order == "dmy":
                    d = date(int(g[2]), MONTHS[g[1].lower()[:3]], int(g[0]))
                elif order == "mdy":
                    d = date(int(g[2]), MONTHS[g[0].lower()[:3]], int(g[1]))
                elif order == "ymd":
                    d = date(int(g[0]), int(g[1]), int(g[2]))
                else:
                    d = date(int(g[3]), int(g[2]), int(g[0]))
            except (ValueError, KeyError):
                continue
            out.append((m.start(), d))
    return sorted(out)


def article_date(text: str, head: int = 600) -> date | None:
    """The article's own date: the first full date in its opening lines (dateline or byline), else None.

    >>> article_date("Title\\n\\nUPDATED ... AFP Monday 3 Oct 2016 A suicide bomber ...")
    datetime.date(2016, 10, 3)
    >>> article_date("No date here.") is None
    True
    """
    found = find_dates(text[:head])
    return found[0][1] if found else None


def date_words(text: str) -> frozenset[str]:
    """The words of a text that name a time: day numbers, months (folded to three letters), weekdays, years.

    >>> sorted(date_words("On Monday, 12 September 2016, at dawn"))
    ['12', '2016', 'monday', 'sep']
    """
    out = set()
    for t in re.findall(r"[a-z]+|\d{1,4}", text.lower()):
        if t.isdigit() and (len(t) <= 2 or t.startswith(("19", "20"))):
            out.add(t.lstrip("0") or "0")
        elif t in MONTHS:
            out.add(t[:3])
        elif t in WEEKDAYS:
            out.add(t)
    return frozenset(out)


_WEEKDAY_NO = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_ABBR = {i: m for m, i in MONTHS.items() if len(m) == 3}


def dated_weekdays(words: frozenset[str], written: date | None) -> frozenset[str]:
    """Date words with a weekday read as the day it names in an article written on `written`: the last such
    weekday on or before that date ("on Monday" in an article of Tuesday 3 Oct 2017 is 2 Oct 2017), so that
    one article's "Monday" and another's "2 October" are one day. Unchanged without the article's date or
    with more than one weekday.

    >>> sorted(dated_weekdays(frozenset({"monday"}), date(2017, 10, 3)))
    ['2', '2017', 'oct']
    >>> sorted(dated_weekdays(frozenset({"friday"}), date(2017, 11, 18))), dated_weekdays(frozenset({"friday"}), None)
    (['17', '2017', 'nov'], frozenset({'friday'}))
    """
    days = [w for w in words if w in _WEEKDAY_NO]
    if written is None or len(days) != 1:
        return words
    d = weekday_before(days[0], written)
    return (words - {days[0]}) | {str(d.day), _ABBR[d.month], str(d.year)}


def weekday_before(weekday: str, written: date) -> date:
    """The last day named `weekday` on or before `written`.

    >>> weekday_before("monday", date(2016, 10, 4)), weekday_before("monday", date(2016, 10, 3))
    (datetime.date(2016, 10, 3), datetime.date(2016, 10, 3))
    """
    return written - timedelta(days=(written.weekday() - _WEEKDAY_NO[weekday]) % 7)


_MY = re.compile(rf"\b{_M}\s+((?:19|20)\d\d)\b", re.I)
_DM = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_M}(?!\s*,?\s*(?:19|20)\d\d)\b", re.I)
# a day after its month, not a quantity nor a street's name ("April 7th Street")
_MD = re.compile(rf"\b{_M}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d\d)"
                 r"(?!\s*(?:%|km|people|killed|dead|street|st\b|square|avenue|road|bridge))", re.I)


def days_named(text: str, year: int) -> list[date]:
    """The days a text names by day and month ("October 2", "2nd of October", "3 Oct 2016"), in the given year
    where it states none.

    >>> [d.isoformat() for d in days_named("an October 2 attack; on 11 October; 3 Oct 2016; in May 2017", 2017)]
    ['2017-10-02', '2017-10-11', '2016-10-03']
    >>> days_named("shells landed near the bakery and April 7th Street", 2016)
    []
    """
    out = []
    for rx, day, month in ((_DM, 0, 1), (_MD, 1, 0)):
        for m in rx.finditer(text):
            try:
                out.append((m.start(), date(year, MONTHS[m.group(month + 1).lower()[:3]], int(m.group(day + 1)))))
            except (ValueError, KeyError):
                continue
    return [d for _, d in sorted(out + find_dates(text))]


_PART = re.compile(rf"\b(early|mid|late)[\s-]+{_M}(?:\s*,?\s*((?:19|20)\d\d))?\b", re.I)
_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def names_time_in(text: str, window: tuple[date, date]) -> bool:
    """The text names a day of the window (a full date, or a day and month in one of the window's years) or
    a third of a month that overlaps it ("in early October").

    >>> w = (date(2017, 10, 1), date(2017, 10, 9))
    >>> names_time_in("killed in an October 2 attack", w), names_time_in("AFP, 11 October 2017", w)
    (True, False)
    >>> names_time_in("In early October four bombers ...", w), names_time_in("in late October 2017", w)
    (True, False)
    >>> names_time_in("since late November", (date(2016, 11, 29), date(2016, 12, 6)))
    True
    """
    years = {window[0].year, window[1].year}
    if any(window[0] <= d <= window[1] for y in years for d in days_named(text, y)):
        return True
    for m in _PART.finditer(text):
        first, last = _THIRDS[m.group(1).lower()]
        month = MONTHS[m.group(2).lower()[:3]]
        for y in ([int(m.group(3))] if m.group(3) else years):
            end = (date(y, month, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)  # the month's last
            if date(y, month, first) <= window[1] and window[0] <= end.replace(day=min(last, end.day)):
                return True
    return False


def event_window(question: str, slack: int = 7) -> tuple[date, date] | None:
    """The days on which an article about the event a question dates can have been written: from its date
    (or the first of its month) to `slack` days after it (or after its month).

    >>> event_window("How many died in Idlib on Sunday 12 June 2016?")
    (datetime.date(2016, 6, 11), datetime.date(2016, 6, 19))
    >>> event_window("Who claimed the September 2016 car bomb?")
    (datetime.date(2016, 9, 1), datetime.date(2016, 10, 7))
    >>> event_window("Who created ISIS?") is None
    True
    """
    found = find_dates(question)
    if found:
        d = found[0][1]
        return d - timedelta(days=1), d + timedelta(days=slack)  # a day before: datelines and time zones
    m = _MY.search(question)
    if not m:
        return None
    first = date(int(m.group(2)), MONTHS[m.group(1).lower()[:3]], 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return first, last + timedelta(days=slack)
