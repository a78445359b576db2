"""Many articles in one file: a CSV with a header row, JSON Lines (one object a line) or JSON (a list of
objects, or an object holding one). Columns are found by their usual names, in any case; an article is
named `file#id` by its id column, else by its row number (from 1)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..errors import CorpusError
from .base import Article, canonical, iso_date

COLUMNS = {  # what a column holds -> the names it goes by, most usual first
    "text": ("content", "text", "body", "article", "article_text", "full_text", "maintext", "story"),
    "title": ("title", "headline", "heading"),
    "outlet": ("source", "outlet", "publisher", "site", "sitename", "site_name", "publication", "media"),
    "date": ("date", "published", "published_at", "publish_date", "pubdate", "date_published", "datetime", "time"),
    "url": ("url", "link", "source_url"),
    "author": ("author", "authors", "byline"),
    "key": ("id", "unit_id", "article_id", "doc_id", "uid", "guid", "uuid"),
}


def read(data: bytes, name: str) -> list[Article]:
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CorpusError(f"{name}: not valid UTF-8 (byte {e.start})") from None
    rows = _rows(raw, name)
    if not rows:
        raise CorpusError(f"{name}: no rows")
    cols = _columns(rows, name)
    out, seen = [], set()
    for n, row in enumerate(rows, 1):
        body = _cell(row, cols["text"])
        if not body.strip():
            continue
        key = "".join(c if c.isalnum() or c in "-_." else "_" for c in _cell(row, cols["key"]).strip()) or str(n)
        if key in seen:
            key = f"{key}_{n}"
        seen.add(key)
        title = " ".join(_cell(row, cols["title"]).split())
        text = canonical(title, body)
        out.append(Article(text, title, " ".join(_cell(row, cols["outlet"]).split()),
                           iso_date(_cell(row, cols["date"]), text), _cell(row, cols["url"]).strip(),
                           " ".join(_cell(row, cols["author"]).split()), key))
    return out


def _rows(raw: str, name: str) -> list[dict[str, Any]]:
    low = name.lower()
    try:
        if low.endswith(".csv"):
            csv.field_size_limit(10_000_000)
            header = raw.split("\n", 1)[0]  # the delimiter the header row uses most (csv.Sniffer guesses
            delimiter = max(",;\t", key=header.count)  # quote characters from article text, and wrongly)
            return list(csv.DictReader(io.StringIO(raw, newline=""), delimiter=delimiter))
        if low.endswith(".jsonl"):
            return [json.loads(x) for x in raw.splitlines() if x.strip()]
        data = json.loads(raw)
    except (csv.Error, ValueError) as e:
        raise CorpusError(f"{name}: not a readable {'CSV' if low.endswith('.csv') else 'JSON'} file ({e})") from None
    if isinstance(data, dict):  # {"articles": [...]} or any one list inside
        data = next((v for v in data.values() if isinstance(v, list)), [data])
    if not isinstance(data, list):
        raise CorpusError(f"{name}: JSON that is not a list of articles")
    return data


def _columns(rows: list[dict[str, Any]], name: str) -> dict[str, str]:
    """The column of each kind of value ('' where the file has none); CorpusError without a text column."""
    names = {str(k).strip().lower(): k for r in rows[:50] if isinstance(r, dict) for k in r}
    cols = {what: next((names[n] for n in options if n in names), "") for what, options in COLUMNS.items()}
    if not cols["text"]:
        raise CorpusError(f"{name}: no text column (looked for {', '.join(COLUMNS['text'])}); found: "
                          f"{', '.join(list(names)[:12]) or 'no columns'}")
    return cols


def _cell(row: Any, col: str) -> str:
    v = row.get(col) if isinstance(row, dict) and col else None
    if isinstance(v, list):
        v = ", ".join(str(x) for x in v)
    return "" if v is None else str(v)
