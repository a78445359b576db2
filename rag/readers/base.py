"""What a reader returns, and what every reader does the same way: the canonical text of an extracted
article, its date written as ISO, and the one-line errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from ..dates import article_date, find_dates


@dataclass(frozen=True)
class Article:
    text: str  # canonical text: quotes are text[start:end]
    title: str = ""
    outlet: str = ""
    date: str = ""  # ISO yyyy-mm-dd where the file or the article's dateline gives one
    url: str = ""
    author: str = ""
    key: str = ""  # the article's id inside a dump ("" for a file holding one article)


def canonical(title: str, body: str) -> str:
    """Title line, blank line, body as extracted (its line breaks kept; a first line repeating the title
    dropped): the text an extracted article is quoted from. A dump row's text is the FA-KES file layout.

    >>> canonical("Fire kills nine", "Fire kills nine\\nA fire killed nine.\\r\\nRescuers came.  ")
    'Fire kills nine\\n\\nA fire killed nine.\\nRescuers came.'
    """
    body = body.replace("\r\n", "\n").strip()
    title = " ".join(title.split())
    first, _, rest = body.partition("\n")
    if title and " ".join(first.split()) == title:
        body = rest.strip()
    return f"{title}\n\n{body}" if title else body


def iso_date(value: object, text: str = "") -> str:
    """A date as yyyy-mm-dd, from a metadata value (ISO, '3 Oct 2016', 'D:20161003…' as PDFs write it, a
    datetime) or else from the article's dateline; '' when neither gives one.

    >>> iso_date("2017-04-07T10:00:00Z"), iso_date("D:20161003120000Z"), iso_date("", "Title\\n\\nMonday 3 Oct 2016 A…")
    ('2017-04-07', '2016-10-03', '2016-10-03')
    >>> iso_date("soon")
    ''
    """
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    raw = str(value or "").strip()
    m = re.match(r"^(?:D:)?(\d{4})-?(\d{2})-?(\d{2})", raw)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            pass
    found = find_dates(raw) if raw else []
    if found:
        return found[0][1].isoformat()
    d = article_date(text) if text else None
    return d.isoformat() if d else ""
