"""A PDF with a text layer, by pypdf (BSD; PyMuPDF is AGPL): pages in order, each page's lines joined back
into paragraphs; title and author from the document information where it has them; the date from the
article's dateline (a PDF's creation date is when the file was made, often a print of the page, not when
the article was published)."""

from __future__ import annotations

import io
import re
from typing import Any

from ..errors import CorpusError
from .base import Article, canonical, iso_date


def read(data: bytes, name: str) -> list[Article]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        pdf = PdfReader(io.BytesIO(data))
        if pdf.is_encrypted and not pdf.decrypt(""):
            raise CorpusError(f"{name}: an encrypted PDF (it needs a password); save a copy without one")
        pages = [p.extract_text() or "" for p in pdf.pages]
        info: dict[str, Any] = dict(pdf.metadata or {})
    except CorpusError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise CorpusError(f"{name}: not a readable PDF ({type(e).__name__}: {e})") from None
    except Exception as e:  # pypdf raises bare errors of its own on damaged files, e.g. DependencyError
        raise CorpusError(f"{name}: not a readable PDF ({type(e).__name__})") from None
    if not any(p.strip() for p in pages):
        raise CorpusError(f"{name}: no text layer (a scanned PDF?); run it through OCR first")
    title = " ".join(str(info.get("/Title") or "").split())
    if title.lower() in ("untitled", "microsoft word"):
        title = ""
    body = "\n\n".join(_paragraphs(p, title) for p in pages if p.strip())
    title = title or next((x.strip() for x in body.splitlines() if len(x.split()) >= 3), "")
    text = canonical(title, body)
    from .txt import title_and_outlet

    return [Article(text, title, title_and_outlet(text)[1], iso_date("", text),
                    author=" ".join(str(info.get("/Author") or "").split()))]


def _paragraphs(page: str, title: str = "") -> str:
    """A page's lines as paragraphs: a line break inside a sentence is a space, a hyphenated break is
    joined; a line ending a sentence, the document's title, or a short line in title case (a heading) ends
    its paragraph.

    >>> _paragraphs("Fire Kills Nine\\nA fire killed nine work-\\ners on Monday, the fire\\nservice said.\\nThey came.")
    'Fire Kills Nine\\nA fire killed nine workers on Monday, the fire service said.\\nThey came.'
    """
    out: list[str] = []
    cur = ""
    for line in (x.strip() for x in page.splitlines()):
        if not line:
            if cur:
                out.append(cur)
            cur = ""
            continue
        if cur.endswith("-") and re.match(r"[a-z]", line):
            cur = cur[:-1] + line
        else:
            cur = f"{cur} {line}" if cur else line
        heading = cur == line and (line == title or len(line.split()) <= 10 and
                                   all(w[0].isupper() for w in line.split() if len(w) > 3))
        if heading or re.search(r"[.!?:\"”]$", line):
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return "\n".join(out)
