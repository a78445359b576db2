"""Other names of one actor, as the articles themselves define them: "the Islamic State (IS)", "Daesh
(ISIS)", "ISIL (Daesh)", "ISIS, also known as Daesh". No list of names is written in the code: the corpus
says which names are one, and `Aliases` joins them (transitively: IS, ISIS, ISIL, Daesh and Daish are one
group when the articles link them pairwise), so that two articles naming one group differently are one
position, not a dispute (rag/reconcile.py through rag/values.py).

A one-word name is keyed by its spelling (rag/values.py `spelling`: Daesh and Daish are one key); an
acronym by its letters, matched in capitals only ("IS" is a name, "is" is not); a longer name by its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CAP = r"(?<![\w’'-])(?:(?:al|el|ad|ar|as|ash|az)-)?[A-Z][\w’'-]*"
_LINK = r"(?:of|the|and|for|in|al|el|ash|as|ad|ar)"
# a run of capitalised words (with linking words inside), optionally followed by "group" or the like
_NAME = rf"{_CAP}(?:\s+(?:{_LINK}\s+)*{_CAP})*"
_PAREN = re.compile(rf"({_NAME})(?:\s+(?:group|militants|organi[sz]ation|movement|front))?\s+\(({_NAME})\)")
_AKA = re.compile(rf"({_NAME}),?\s+(?:\(?also |formerly |better |widely )?known (?:as|by (?:its|the) (?:\w+ )?"
                  rf"(?:acronym|name) (?:of )?)\s*(?:the\s+)?({_CAP}(?:\s+{_CAP}){{0,4}})")
_ACRONYM = re.compile(r"[A-Z]{2,6}s?")
_LINKS = frozenset("of the and for in al el ash as ad ar".split())


def _initials(words: list[str]) -> str:
    return "".join(re.sub(r"^(?:al|el|ad|ar|as|ash|az)-", "", w)[0] for w in words if w.lower() not in _LINKS).upper()


def _dateline(text: str, i: int, words: list[str]) -> bool:
    """Capitals opening a sentence before a name in brackets: "MOSCOW (Sputnik) A total of ..." is a
    dateline, not two names of one."""
    return all(w.isupper() for w in words) and (not text[:i].strip() or bool(re.search(r"[.!?\n]\s*$", text[:i])))


def mine(text: str) -> list[tuple[str, str]]:
    """Pairs of names the text gives for one actor.

    >>> mine("jihadists of the Islamic State of Iraq and the Levant (ISIL) and the Daesh (ISIS) group")
    [('Islamic State of Iraq and the Levant', 'ISIL'), ('Daesh', 'ISIS')]
    >>> mine("Defeating ISIL (Daesh) is the aim. ISIS, also known as Daesh in Arabic, fled.")
    [('ISIL', 'Daesh'), ('ISIS', 'Daesh')]
    >>> mine("Either we finish them (IS) or they do. The monitor (SOHR) said. MOSCOW (Sputnik) It fell.")
    []
    >>> mine("the Islamic State of Iraq and al-Sham (ISIS)")
    [('Islamic State of Iraq and al-Sham', 'ISIS')]
    """
    out: list[tuple[str, str]] = []
    for m in _PAREN.finditer(text):
        words, inner = m.group(1).split(), m.group(2)
        if len(inner.split()) != 1 or re.match(r"\s*[-–—]", text[m.end():]):
            continue  # "BEIRUT (Sputnik) -": a dateline, not two names
        if _ACRONYM.fullmatch(inner):  # an acronym: the end of the name whose initials it writes
            for k in range(len(words)):
                if words[k].lower() not in _LINKS and _initials(words[k:]) == inner.rstrip("s"):
                    out.append((" ".join(words[k:]), inner))
                    break
            else:
                if (_ACRONYM.fullmatch(words[-1]) or len(words) == 1) and not _dateline(text, m.start(), words):
                    out.append((words[-1], inner))  # "the Daesh (ISIS)": two names of one
        elif _ACRONYM.fullmatch(words[-1]) and not _dateline(text, m.start(), words):
            out.append((words[-1], inner))  # "ISIL (Daesh)"
    for m in _AKA.finditer(text):
        a, b = m.group(1).split(), m.group(2).split()
        a = a[-1:] if _ACRONYM.fullmatch(a[-1]) else a
        b = b[:1] if _ACRONYM.fullmatch(b[0]) else b
        out.append((" ".join(a), " ".join(b)))
    return [(a, b) for a, b in out if a.lower() != b.lower()]


ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|ez)[-’']", re.I)


def spelling(word: str) -> str:
    """A name's spelling key: one Arabic name is transliterated with other vowels and doubled letters
    ("Mohammed", "Mohammad", "Muhammad"; "Shaar", "al-Shaar"; "Daesh", "Daish"), so the key is the first
    letter and the consonants after it, each run once, without a leading article (al-, el-); '' for a key
    shorter than three letters, too short to tell names apart.

    >>> [spelling(w) for w in ("Mohammed", "Muhammad", "al-Shaar", "Shaar", "Daesh", "Daish", "Iran", "US")]
    ['mhmd', 'mhmd', 'shr', 'shr', 'dsh', 'dsh', 'irn', '']
    """
    w = re.sub(r"[^a-z]", "", ARTICLE.sub("", word.lower()))
    key = re.sub(r"(.)\1+", r"\1", w[:1] + re.sub(r"[aeiouy]", "", w[1:]))
    return key if len(key) >= 3 else ""


def name_key(name: str) -> str:
    """How a name is looked up: an acronym by its capitals (a plural's s left out), one word by its
    spelling, more words by their lower-case words."""
    if _ACRONYM.fullmatch(name):
        return "=" + name.rstrip("s")
    words = name.split()
    if len(words) == 1:
        key = spelling(name)
        return "~" + key if key else ""
    return " ".join(w.lower() for w in words)


class Aliases:
    """Groups of names the corpus gives for one actor (union-find over mined pairs)."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self.parent: dict[str, str] = {}
        self.phrases: set[str] = set()  # the multi-word names, lower case, to look for in an answer
        for a, b in pairs:
            self.join(a, b)

    def _root(self, k: str) -> str:
        while self.parent.get(k, k) != k:
            k = self.parent[k]
        return k

    def join(self, a: str, b: str) -> None:
        ka, kb = name_key(a), name_key(b)
        if not ka or not kb:
            return
        for k in (ka, kb):
            self.parent.setdefault(k, k)
            if " " in k:
                self.phrases.add(k)
        ra, rb = self._root(ka), self._root(kb)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups_in(self, answer: str) -> frozenset[str]:
        """The alias groups an answer names (each by its root key), for rag/values.py.

        >>> al = Aliases([("Islamic State", "IS"), ("Daesh", "ISIS"), ("Daesh", "IS")])
        >>> al.groups_in("Islamic State (IS) militant group.") == al.groups_in("Daish.") != frozenset()
        True
        >>> al.groups_in("The regime is to blame.")
        frozenset()
        """
        keys = {name_key(w) for w in re.findall(_CAP, answer)}
        low = " ".join(answer.lower().split())
        keys |= {p for p in self.phrases if re.search(rf"\b{re.escape(p)}\b", low)}
        return frozenset("@" + self._root(k) for k in keys if k and k in self.parent)
