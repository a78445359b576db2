"""Plain text and Markdown: the file is the canonical text (Contract 1); title and outlet as the text
shows them, the date from its dateline."""

from __future__ import annotations

import re

from ..errors import CorpusError
from ..guard import looks_like_injection
from .base import Article, iso_date

MAX_TITLE = 200  # a longer first line is body text, not a title


def read(data: bytes, name: str) -> list[Article]:
    if b"\x00" in data[:8192]:
        raise CorpusError(f"{name}: binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise CorpusError(f"{name}: not valid UTF-8 (byte {e.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]  # a BOM is not part of the article; offsets count from the first character after it
    if not text.strip():
        raise CorpusError(f"{name}: only whitespace")
    title, outlet = title_and_outlet(text)
    return [Article(text, title, outlet, iso_date("", text))]


_AGENCIES = ("Reuters|Associated Press|AP|AFP|Agence France-Presse|Bloomberg|Xinhua|TASS|RIA Novosti|Anadolu|ANSA|EFE|"
             "DPA|Kyodo|Yonhap|PTI|UPI|Al Jazeera|BBC|CNN|SANA|ANHA|Hawar News|Sputnik|IRNA|Interfax")
_ROLE = re.compile(r"\b(?:staff|writer|correspondent|editor|contributor|special|reporter)s?\b", re.I)
_OUTLET_PATTERNS = [  # in order of trust; the last match of the first pattern that matches wins
    re.compile(r"^\s*(?:outlet|source|publisher)\s*:\s*(.{2,60}?)\s*$", re.I | re.M),
    # a dateline: "LONDON (Reuters) -", "Damascus, Sept. 4 (AFP) —"
    re.compile(rf"^[A-Z][\w .,'’-]{{0,40}}\(({_AGENCIES})\)\s*[-–—:]", re.M),
    # a byline with its outlet: "By Jane Roe, Reuters", "By Jane Roe | The Ledger", "By Jane Roe for Valley Wire"
    re.compile(r"^\s*By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:,|\||—|–|\bfor\b)\s*"
               r"((?:the\s+)?[A-Z][\w&.'’ -]{1,50}?)\s*$", re.M),
    re.compile(r"(?:translated and )?edited by\s+(?:the\s+)?([A-Z][\w&.' -]{2,50}?)\s*$", re.I | re.M),
    re.compile(r"^\s*(?:reported|reporting) by\s*:?\s*.*?\bfor\s+([A-Z][\w&.' -]{2,50})\s*$", re.M),
    # a copyright line: "© 2017 Harbor Times. All rights reserved."
    re.compile(r"^\s*(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?:the\s+)?([A-Z][\w&'’ -]{1,50}?)\s*(?:[.,]|all rights|$)",
               re.I | re.M),
    # an agency on a line of its own ("Reuters", "AFP")
    re.compile(rf"^\s*({_AGENCIES})\s*$", re.M),
]
# the least trusted: "…, he told Reuters." / "told the Valley Wire" (used only when nothing else names one)
_TOLD = re.compile(rf"\btold\s+(?:the\s+)?((?:[A-Z][\w&.'’-]*\s+){{0,3}}(?:{_AGENCIES}|"
               r"News|Times|Post|Herald|Gazette|Journal|Tribune|Wire|Monitor|Ledger|Press|Courier))\b")
_NEWS_WORDS = ("News|Agency|Times|Post|Observer|Herald|Courier|Gazette|Journal|Tribune|Wire|Radio|Voice|Monitor|"
               "Daily|Ledger|Press|Chronicle|Dispatch|Bulletin|Review|Echo|Standard|Reporter|Star|Telegraph|"
               "Guardian|Mail|Express|TV|Network|Today|Independent|Record|Sun|Mirror|Register|Sentinel")
_NEWS_LINE = re.compile(rf"^\s*((?:[A-Z][\w&.'’-]*\s+){{0,3}}(?:{_NEWS_WORDS})(?:[\s-]+[A-Z][\w&.'’-]*){{0,2}})\s*$",
                        re.M)
_NAME_LINE = re.compile(r"^\s*((?:[A-Z][\w&'’.-]*)(?:\s+(?:of|the|and|&|[A-Z][\w&'’.-]*)){1,4})\s*$")
_TITLE_KEY = re.compile(r"^\s*title\s*:\s*(.+?)\s*$", re.I | re.M)


def title_and_outlet(text: str) -> tuple[str, str]:
    """Title and outlet as the text shows them ('' where it does not).

    The title is a `title:` line if there is one, else the first short line of at least four words in the
    first ten lines (else of two). The outlet is, in order of trust: a `source:`/`outlet:` line, an agency
    dateline, a byline naming its outlet, an 'edited by X' or 'reporting by … for X' credit, a copyright
    line, an agency on a line of its own, "told <news organisation>", a short line naming a news
    organisation (e.g. "ARA News"), or a short line of capitalised words right below the title.

    >>> title_and_outlet("Logo\\n\\nRebels take the town\\nbody\\nSource: ARA News\\n")
    ('Rebels take the town', 'ARA News')
    >>> title_and_outlet("# School reopens <script>x()</script> today\\n\\nSource: Valley <b>Wire</b>\\n")
    ('School reopens x() today', 'Valley Wire')
    >>> title_and_outlet("Nine killed in a fire\\n\\nBrackwater Courier\\n\\nBy E. Markham\\n\\nA fire killed nine.")
    ('Nine killed in a fire', 'Brackwater Courier')
    >>> title_and_outlet("Bridge opens to traffic\\n\\nOstervik Town Council Notes\\n\\nThe bridge opened.")[1]
    'Ostervik Town Council Notes'
    >>> title_and_outlet("Logo Wide\\n\\nSecret agreement between the parties\\n\\nBroad campaign this week.")[1]
    ''
    >>> [title_and_outlet(f"Dam fails\\n\\n{line}\\n\\nThe dam failed.")[1] for line in (
    ...     "BEIRUT (Reuters) - The dam failed.", "By Jane Roe, Valley Wire", "By Jane Roe, Staff Writer",
    ...     "© 2017 Harbor Times. All rights reserved.", "AFP", "Rescuers told the Brackwater Courier so.")]
    ['Reuters', 'Valley Wire', '', 'Harbor Times', 'AFP', 'Brackwater Courier']
    """
    title = ""
    m = _TITLE_KEY.search(text[:2000])
    if m:
        title = m.group(1)
    else:  # a short line (a long one is body text) of four words or more, else of two or more
        heads = [x.strip().lstrip("#").strip() for x in text[:20_000].splitlines()[:10]]
        heads = [x for x in heads if len(x) <= MAX_TITLE and "|" not in x
                 and not looks_like_injection(x, meaning=False)]
        words = [len(re.findall(r"[^\W\d_]{2,}", x)) for x in heads]
        title = next((x for x, n in zip(heads, words, strict=True) if n >= 4), "") or \
            next((x for x, n in zip(heads, words, strict=True) if n >= 2), "")
    outlet = ""
    for pat in _OUTLET_PATTERNS:
        found = [x.strip().rstrip(".") for x in pat.findall(text) if not _ROLE.search(x)]
        if found:
            outlet = found[-1]
            break
    lines = [x.strip() for x in text[:20_000].splitlines()[:15]]
    if not outlet:
        m = _NEWS_LINE.search("\n".join(lines))
        if m and m.group(1).strip() != title.strip():
            outlet = m.group(1).strip()
    if not outlet and title in lines:  # a short line of capitalised words right below the title
        after = [x for x in lines[lines.index(title) + 1:] if x][:2]
        outlet = next((m.group(1) for x in after if (m := _NAME_LINE.match(x))), "")
    if not outlet:
        told = [x for x in _TOLD.findall(text) if not _ROLE.search(x)]
        outlet = told[-1] if told else ""
    title, outlet = (" ".join(_TAG.sub(" ", x).split()) for x in (title, outlet))  # names, not markup
    if looks_like_injection(title):  # the title heads the article in the model's prompt: no orders there
        title = ""
    if looks_like_injection(outlet):
        outlet = ""
    return title[:MAX_TITLE], outlet[:80]


_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
