"""Reading the corpus folder: which files are articles; each file is read by the reader of its format
(rag/readers: text, Markdown, HTML, PDF, Word, CSV/JSON dumps).

Only regular files of those formats inside the folder are read. A file that cannot be used (empty, binary,
not UTF-8, too big, encrypted, scanned without a text layer, a link leading out of the folder) is reported
as a `Skipped` with its reason, and the rest of the folder is still read.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError
from .readers import SUFFIXES, read_bytes
from .settings import Settings
from .types import Document


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


def list_files(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """Candidate article files (sorted), and what was passed over with a reason.

    Hidden files and folders are passed over silently; links to folders are not followed, and a link to a
    file counts only when it stays inside the folder.
    """
    if not folder.is_dir():
        raise CorpusError(f"corpus folder {folder} does not exist or is not a folder")
    root = folder.resolve()
    files: list[Path] = []
    skipped: list[Skipped] = []
    stack = [(folder, "")]
    while stack:  # os.scandir: one system call per folder, file types from the listing (10k files: 0.1 s)
        here, prefix = stack.pop()
        with os.scandir(here) as it:
            entries = list(it)
        for e in entries:
            if e.name.startswith("."):
                continue
            rel = prefix + e.name
            if e.is_dir(follow_symlinks=False):
                stack.append((here / e.name, rel + "/"))
                continue
            if not e.name.lower().endswith(SUFFIXES):
                if e.is_file():
                    skipped.append(Skipped(rel, f"not a {'/'.join(SUFFIXES)} file"))
                continue
            p = here / e.name
            if e.is_symlink() and not p.resolve().is_relative_to(root):
                skipped.append(Skipped(rel, "a link that points outside the corpus folder"))
                continue
            if not e.is_file():
                skipped.append(Skipped(rel, "not a regular file"))
                continue
            files.append(p)
    files.sort(key=str)
    skipped.sort(key=lambda s: s.name)
    return files, skipped


def read_articles(folder: Path, path: Path, max_bytes: int, prefix: str = "") -> list[Document]:
    """The articles of one file (named `prefix` + its path in `folder`, and `#key` for each article of a
    dump); raise CorpusError with the reason when it cannot be used."""
    name = prefix + path.relative_to(folder).as_posix()
    size = path.stat().st_size
    if size == 0:
        raise CorpusError(f"{name}: empty file")
    if size > max_bytes:
        raise CorpusError(f"{name}: {size:,} bytes is over the {max_bytes:,}-byte limit for one file")
    raw = path.read_bytes()
    articles = read_bytes(raw, name)
    file_hash = hashlib.sha256(raw).hexdigest()
    return [Document(name=f"{name}#{a.key}" if a.key else name, text=a.text, title=a.title or name,
                     outlet=a.outlet, sha256=hashlib.sha256(a.text.encode()).hexdigest() if a.key else file_hash,
                     date=a.date, url=a.url, author=a.author) for a in articles]


def file_of(doc: str) -> str:
    """The file an article was read from (an article of a dump is named `file#key`).

    >>> file_of("feeds/fakes.csv#1923848289"), file_of("a.txt")
    ('feeds/fakes.csv', 'a.txt')
    """
    return doc.split("#", 1)[0]


_SAFE_NAME = re.compile(r"^[\w][\w .,()'&+-]{0,150}(?:" + "|".join(re.escape(x) for x in SUFFIXES) + ")$",
                        re.UNICODE | re.IGNORECASE)
MAX_UPLOADS = 20


def safe_name(name: str) -> str:
    """The file name an upload is saved under, or CorpusError. Only a plain name inside the folder is
    accepted: no folders, no '..', no leading dot, no control characters, a suffix of a known format
    (rag/readers).

    >>> safe_name("Report (2017).txt")
    'Report (2017).txt'
    >>> safe_name("../x.txt")
    Traceback (most recent call last):
    ...
    rag.errors.CorpusError: ../x.txt: a file name may not contain folders or '..'
    """
    if "/" in name or "\\" in name or ".." in name:
        raise CorpusError(f"{name}: a file name may not contain folders or '..'")
    if not _SAFE_NAME.match(name):
        raise CorpusError(f"{name!r}: use a plain name of letters, digits, spaces and .,()'&+- ending in "
                          f"{', '.join(SUFFIXES)}")
    return name


def add_files(folder: Path, files: list[tuple[str, bytes]], max_bytes: int) -> tuple[list[str], list[Skipped]]:
    """Save uploaded articles into the corpus folder (each written to a temp name, then renamed), after the
    same checks as indexing. Returns (saved names, refused with reasons)."""
    saved: list[str] = []
    refused: list[Skipped] = []
    if len(files) > MAX_UPLOADS:
        refused += [Skipped(n, f"more than {MAX_UPLOADS} files in one upload") for n, _ in files[MAX_UPLOADS:]]
        files = files[:MAX_UPLOADS]
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    for raw_name, data in files:
        try:
            name = safe_name(raw_name)
            target = (folder / name).resolve()
            if target.parent != root:
                raise CorpusError(f"{raw_name}: would be written outside the corpus folder")
            tmp = folder / f".upload-{os.getpid()}-{name}"
            tmp.write_bytes(data[: max_bytes + 1])
            try:
                read_articles(folder, tmp, max_bytes)  # the same checks as `rag index`
            except CorpusError as e:
                tmp.unlink(missing_ok=True)
                raise CorpusError(str(e).replace(tmp.name, name)) from None
            os.replace(tmp, folder / name)
            saved.append(name)
        except CorpusError as e:
            refused.append(Skipped(raw_name, str(e)))
    return saved, refused


def file_names(folder: Path, files: list[Path]) -> list[str]:
    """The names of `list_files(folder)`'s files relative to `folder`, with "/" between folders: the names
    articles are indexed under (cut from the joined path's text, faster than `relative_to` on a large folder)."""
    cut = len(str(folder)) + 1  # list_files joins names onto `folder`: its text is a prefix of theirs
    return [str(p)[cut:].replace(os.sep, "/") for p in files]


def sources(settings: Settings, corpus_dir: Path | None = None) -> list[tuple[Path, str]]:
    """The folders an index covers, each with the prefix of its articles' names: the corpus folder (no
    prefix) and, when it exists, the uploads folder (`uploads/`)."""
    out = [(corpus_dir or settings.corpus_dir, "")]
    if settings.uploads_dir is not None and settings.uploads_dir.is_dir():
        out.append((settings.uploads_dir, settings.uploads_prefix))
    return out


def list_uploads(settings: Settings) -> list[Path]:
    if settings.uploads_dir is None or not settings.uploads_dir.is_dir():
        return []
    return list_files(settings.uploads_dir)[0]


def remove_upload(settings: Settings, name: str) -> None:
    """Delete one uploaded article (by its file name in the uploads folder); the corpus is never touched."""
    name = file_of(name.removeprefix(settings.uploads_prefix))  # an article of a dump: its whole file
    if settings.uploads_dir is None:
        raise CorpusError("there is no uploads folder")
    target = settings.uploads_dir / safe_name(name)
    if not target.is_file():
        raise CorpusError(f"{name}: no such uploaded article")
    target.unlink()
