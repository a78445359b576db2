"""What the first screen says about the corpus: how many articles, from which outlets, over which days,
and example questions drawn from the articles themselves (never a fixed list)."""

from __future__ import annotations

from collections import Counter

from .text import content_words
from .types import Document

MAX_OUTLETS = 5


def describe(docs: list[Document]) -> str:
    """One line: 'N articles from K outlets (A, B, …), dated D1 – D2'.

    >>> describe([Document("a.txt", "", "t", "AFP", "", date="2016-10-03"), Document("b.txt", "", "u", "", "")])
    '2 articles from 1 outlet (AFP), dated 3 Oct 2016 (1 undated)'
    """
    outlets = Counter(d.outlet for d in docs if d.outlet)
    names = ", ".join(o for o, _ in outlets.most_common(MAX_OUTLETS)) + (", …" if len(outlets) > MAX_OUTLETS else "")
    line = f"{len(docs)} article{'s' * (len(docs) != 1)}"
    if outlets:
        line += f" from {len(outlets)} outlet{'s' * (len(outlets) != 1)} ({names})"
    days = sorted(d for doc in docs if (d := doc.published) is not None)
    if days:
        first, last = (f"{x.day} {x:%b %Y}" for x in (days[0], days[-1]))
        line += f", dated {first}" + (f" – {last}" if last != first else "")
        if len(days) < len(docs):
            line += f" ({len(docs) - len(days)} undated)"
    return line


def examples(docs: list[Document], n: int = 3) -> list[str]:
    """Questions about the stories most outlets cover: the titles sharing most words with other articles'
    titles, one per story and outlet, as 'What do the articles say about “<title>”?'.

    >>> docs = [Document(f"{k}.txt", "", t, o, "") for k, (t, o) in enumerate([
    ...     ("Dam fails above Riverton", "A"), ("Riverton dam failure kills 14", "B"), ("Harbor festival opens", "C")])]
    >>> for q in examples(docs, 2): print(q)
    What do the articles say about “Riverton dam failure kills 14”?
    What do the articles say about “Harbor festival opens”?
    """
    words = [content_words(d.title) for d in docs]
    shared = [sum(len(w & v) >= 2 for j, v in enumerate(words) if j != i) for i, w in enumerate(words)]
    order = sorted(range(len(docs)), key=lambda i: (-shared[i], -len(words[i]), docs[i].name))
    out: list[str] = []
    taken: list[set[str]] = []
    outlets: set[str] = set()
    for i in order:
        title = " ".join(docs[i].title.split())
        if len(words[i]) < 3 or len(title) > 90 or any(len(words[i] & t) >= 2 for t in taken) \
                or (docs[i].outlet and docs[i].outlet in outlets):
            continue
        out.append(f"What do the articles say about “{title}”?")
        taken.append(words[i])
        outlets.add(docs[i].outlet)
        if len(out) == n:
            break
    return out

