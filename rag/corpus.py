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
from .settings import Settings
from .types import Document

SUFFIXES = (".txt", ".md")
MAX_TITLE = 200  # a longer first line is body text, not a title


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


def read_document(folder: Path, path: Path, max_bytes: int, prefix: str = "") -> Document:
    """Read one article (named `prefix` + its path in `folder`); raise CorpusError with the reason when it
    cannot be used."""
    name = prefix + path.relative_to(folder).as_posix()
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
        heads = [x for x in heads if len(x) <= MAX_TITLE and "|" not in x and not looks_like_injection(x)]
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
    name = name.removeprefix(settings.uploads_prefix)
    if settings.uploads_dir is None:
        raise CorpusError("there is no uploads folder")
    target = settings.uploads_dir / safe_name(name)
    if not target.is_file():
        raise CorpusError(f"{name}: no such uploaded article")
    target.unlink()
