"""A saved web page: its main text and metadata by trafilatura (boilerplate, menus and comments left out);
the outlet from the page's site name, else from the text as for a plain article."""

from __future__ import annotations

from typing import Any

from ..errors import CorpusError
from .base import Article, canonical, iso_date

MIN_FALLBACK_WORDS = 40  # what the fallback extractors find must be this long to be an article


def read(data: bytes, name: str) -> list[Article]:
    import trafilatura  # imported here: a corpus of text files never pays for lxml

    page = data.decode("utf-8", errors="replace")
    found: Any = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                             include_tables=False, favor_precision=True, fast=True)
    if found is None:
        # trafilatura's own extractor found no article; its fallbacks take any text, so what they find
        # counts only when it is long enough to be an article (a few words are a menu or a cookie notice)
        found = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
        if found is not None and len((found.text or "").split()) < MIN_FALLBACK_WORDS:
            found = None
    body = (found.text or "") if found is not None else ""
    if not body.strip():
        raise CorpusError(f"{name}: an HTML page with no article body found")
    title = " ".join((found.title or "").split())
    text = canonical(title, body)
    outlet = " ".join((found.sitename or "").split())
    if not outlet:
        from .txt import title_and_outlet

        outlet = title_and_outlet(text)[1]
    return [Article(text, title, outlet, iso_date(found.date, text), found.url or "", found.author or "")]
