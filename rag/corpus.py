"""Reading the corpus folder: which files are articles, their text, title and outlet.

Only regular `.txt` / `.md` files inside the folder are read. A file that cannot be used (empty, binary,
not UTF-8, too big, a link leading out of the folder) is reported as a `Skipped` with its reason, and the
rest of the folder is still read.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError
from .guard import looks_like_injection
from .types import Document

SUFFIXES = (".txt", ".md")


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


def read_document(folder: Path, path: Path, max_bytes: int) -> Document:
    """Read one article; raise CorpusError with the reason when it cannot be used."""
    name = path.relative_to(folder).as_posix()
    size = path.stat().st_size
    if size == 0:
        raise CorpusError(f"{name}: empty file")
    if size > max_bytes:
        raise CorpusError(f"{name}: {size:,} bytes is over the {max_bytes:,}-byte limit for one article")
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise CorpusError(f"{name}: binary file (contains NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise CorpusError(f"{name}: not valid UTF-8 (byte {e.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]  # a BOM is not part of the article; offsets count from the first character after it
    if not text.strip():
        raise CorpusError(f"{name}: only whitespace")
    title, outlet = title_and_outlet(text)
    return Document(name=name, text=text, title=title or name, outlet=outlet,
                    sha256=hashlib.sha256(raw).hexdigest())


_OUTLET_PATTERNS = [
    re.compile(r"^\s*(?:outlet|source|publisher)\s*:\s*(.{2,60}?)\s*$", re.I | re.M),
    re.compile(r"(?:translated and )?edited by\s+(?:the\s+)?([A-Z][\w&.' -]{2,50}?)\s*$", re.I | re.M),
    re.compile(r"^\s*(?:reported|reporting) by\s*:?\s*.*?\bfor\s+([A-Z][\w&.' -]{2,50})\s*$", re.M),
]
_NEWS_WORDS = ("News|Agency|Times|Post|Observer|Herald|Courier|Gazette|Journal|Tribune|Wire|Radio|Voice|Monitor|"
               "Daily|Ledger|Press|Chronicle|Dispatch|Bulletin|Review|Echo|Standard|Reporter|Star|Telegraph|"
               "Guardian|Mail|Express|TV|Network|Today|Independent|Record|Sun|Mirror|Register|Sentinel")
_NEWS_LINE = re.compile(rf"^\s*((?:[A-Z][\w&.'’-]*\s+){{0,3}}(?:{_NEWS_WORDS})(?:[\s-]+[A-Z][\w&.'’-]*){{0,2}})\s*$",
                        re.M)
_NAME_LINE = re.compile(r"^\s*((?:[A-Z][\w&'’.-]*)(?:\s+(?:of|the|and|&|[A-Z][\w&'’.-]*)){1,4})\s*$")
_TITLE_KEY = re.compile(r"^\s*title\s*:\s*(.+?)\s*$", re.I | re.M)


def title_and_outlet(text: str) -> tuple[str, str]:
    """Title and outlet as the text shows them ('' where it does not).

    The title is a `title:` line if there is one, else the first line of at least four words in the
    first ten lines. The outlet is a `source:`/`outlet:` line, an 'edited by X' credit, or a short line
    naming a news organisation (e.g. "ARA News").

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
    """
    title = ""
    m = _TITLE_KEY.search(text[:2000])
    if m:
        title = m.group(1)
    else:
        for line in text.splitlines()[:10]:
            line = line.strip().lstrip("#").strip()
            if "|" not in line and len(re.findall(r"[^\W\d_]{2,}", line)) >= 4 and not looks_like_injection(line):
                title = line
                break
    outlet = ""
    for pat in _OUTLET_PATTERNS:
        found = pat.findall(text)
        if found:
            outlet = found[-1].strip().rstrip(".")
            break
    lines = [x.strip() for x in text.splitlines()[:15]]
    if not outlet:
        m = _NEWS_LINE.search("\n".join(lines))
        if m and m.group(1).strip() != title.strip():
            outlet = m.group(1).strip()
    if not outlet and title in lines:  # a short line of capitalised words right below the title
        after = [x for x in lines[lines.index(title) + 1:] if x][:2]
        outlet = next((m.group(1) for x in after if (m := _NAME_LINE.match(x))), "")
    title, outlet = (" ".join(_TAG.sub(" ", x).split()) for x in (title, outlet))  # names, not markup
    if looks_like_injection(title):  # the title heads the article in the model's prompt: no orders there
        title = ""
    if looks_like_injection(outlet):
        outlet = ""
    return title[:200], outlet[:80]


_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_SAFE_NAME = re.compile(r"^[\w][\w .,()'&+-]{0,150}\.(?:txt|md)$", re.UNICODE)
MAX_UPLOADS = 20


def safe_name(name: str) -> str:
    """The file name an upload is saved under, or CorpusError. Only a plain name inside the folder is
    accepted: no folders, no '..', no leading dot, no control characters, .txt or .md only.

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
        raise CorpusError(f"{name!r}: use a plain name of letters, digits, spaces and .,()'&+- ending in .txt or .md")
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
                read_document(folder, tmp, max_bytes)  # the same checks as `rag index`
            except CorpusError as e:
                tmp.unlink(missing_ok=True)
                raise CorpusError(str(e).replace(tmp.name, name)) from None
            os.replace(tmp, folder / name)
            saved.append(name)
        except CorpusError as e:
            refused.append(Skipped(raw_name, str(e)))
    return saved, refused
