"""A Word file (.docx), by python-docx: its paragraphs in order; title and author from the document properties
where set; the date from the article's dateline (the file's creation date is
not the article's)."""

from __future__ import annotations

import io
import zipfile

from ..errors import CorpusError
from .base import Article, canonical, iso_date


def read(data: bytes, name: str) -> list[Article]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise CorpusError(f"{name}: not a readable Word (.docx) file ({type(e).__name__})") from None
    body = "\n\n".join(p.text.strip() for p in document.paragraphs if p.text.strip())
    if not body:
        raise CorpusError(f"{name}: a Word file with no text")
    props = document.core_properties
    title = " ".join((props.title or "").split()) or body.split("\n", 1)[0][:200]
    text = canonical(title, body)
    from .txt import title_and_outlet

    return [Article(text, title, title_and_outlet(text)[1], iso_date("", text),
                    author=" ".join((props.author or "").split()))]
