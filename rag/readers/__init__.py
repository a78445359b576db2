"""Readers: a file in, its articles out, each with its canonical text (the text quotes are cut from).

One module per format and one table, `READERS`, from a file's suffix to its reader; adding a format is one
module and one line here. A reader receives the file's bytes and its name, returns one `Article` per
article (a CSV/JSON dump holds many, each with its own `key`), and raises `CorpusError` with one line a
person can act on when the file cannot be read ("an encrypted PDF", "no text layer: a scanned PDF?").

The canonical text is what offsets point into: for `.txt`/`.md` the file itself (Contract 1); for other
formats the title line, a blank line and the body as the reader extracted it. It is stored with the index,
`rag text DOC` prints it and `rag eval` writes it beside its answers.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import CorpusError
from . import docx, html, pdf, table, txt
from .base import Article

Reader = Callable[[bytes, str], list[Article]]

READERS: dict[str, Reader] = {
    ".txt": txt.read,
    ".md": txt.read,
    ".html": html.read,
    ".htm": html.read,
    ".pdf": pdf.read,
    ".docx": docx.read,
    ".csv": table.read,
    ".jsonl": table.read,
    ".json": table.read,
}
SUFFIXES = tuple(READERS)


def reader_for(name: str) -> Reader | None:
    """The reader of a file name (by its suffix, in any case), or None."""
    low = name.lower()
    return next((r for s, r in READERS.items() if low.endswith(s)), None)


def read_bytes(data: bytes, name: str) -> list[Article]:
    """The articles of a file, or CorpusError saying why there are none."""
    reader = reader_for(name)
    if reader is None:
        raise CorpusError(f"{name}: not a {'/'.join(SUFFIXES)} file")
    articles = [a for a in reader(data, name) if a.text.strip()]
    if not articles:
        raise CorpusError(f"{name}: no article text found")
    return articles
