"""The data types every other module passes around: one small frozen dataclass per concept.

Offsets are character offsets into `Document.text`, the article's canonical text (rag/readers: for a
`.txt`/`.md` file the file decoded as UTF-8 with its newlines as on disk), so that `doc.text[start:end]` is
always the quote (Contract 1 in shared/DESIGN.md and the README).
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from typing import Any

from .dates import article_date

LABEL_WORDS = 6  # an article without a stated outlet is named by this many words of its title


@dataclass(frozen=True)
class Document:
    name: str  # file name relative to the corpus folder, e.g. "004_0c0131f657d60236.txt"
    text: str
    title: str
    outlet: str
    sha256: str  # of the file; of the article's text for an article of a dump
    date: str = ""  # ISO yyyy-mm-dd: the file's metadata, else the article's dateline ("" if neither)
    url: str = ""
    author: str = ""

    @property
    def label(self) -> str:
        """How a reader is told which article it is: its outlet (else the first words of its title) and
        its date where known.

        >>> Document("a.txt", "", "Here is how and why the river rose so fast", "", "").label
        '“Here is how and why the…”'
        >>> Document("a.txt", "", "Wedding attack", "AFP", "", date="2016-10-03").label
        'AFP (3 Oct 2016)'
        """
        words = self.title.split()
        name = self.outlet or "“" + " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "") + "”"
        return f"{name} ({self.day})" if self.day else name

    @property
    def published(self) -> datetime.date | None:  # `date` is a field here: the module names the type
        """The article's date as a date (None when unknown or malformed)."""
        try:
            return datetime.date.fromisoformat(self.date) if self.date else None
        except ValueError:
            return None

    @property
    def written(self) -> datetime.date | None:
        """When the article was written: its date as read (metadata or dateline), else (an index built
        before dates were read) the first full date of its opening lines."""
        return self.published or article_date(self.text)

    @property
    def day(self) -> str:
        """The article's date as a reader writes it ('3 Oct 2016'), '' when unknown."""
        d = self.published
        return f"{d.day} {d:%b %Y}" if d else ""


@dataclass(frozen=True)
class Chunk:
    """A retrieval unit: a window of consecutive sentences of one document."""

    id: int
    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Citation:
    doc: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Statement:
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Finding:
    """What one article, read on its own, says in answer to the question (rag/read.py)."""

    doc: str
    p_states: float  # probability, from the model's token probabilities, that the article states an answer
    answer: str = ""  # the short answer; empty when the article gives none
    citations: tuple[Citation, ...] = ()  # the sentences that state it, cut by offsets
    note: str = ""  # why there is no answer, or what the checks changed
    also: tuple[Finding, ...] = ()  # other figures the same article reports for what is counted (rag/read.py)

    @property
    def stated(self) -> bool:
        return bool(self.answer and self.citations)


NOT_STATED = "does not state an answer"  # the note of an article whose P is under the read threshold (not asked)


@dataclass(frozen=True)
class Side:
    doc: str
    quote: str
    start: int
    end: int
    claim: str


@dataclass(frozen=True)
class Position:
    """One answer to a disputed question and every article that gives it."""

    claim: str
    docs: tuple[str, ...]
    citations: tuple[Citation, ...]
    latest: bool = False  # the figure of the latest report, where the reports of one count can be ordered


@dataclass(frozen=True)
class Disagreement:
    """One disputed question: its positions, and (for readers of the older form) one side per article."""

    summary: str
    kind: str  # numbers | dates | claims | update (a later report revises an earlier figure)
    sides: tuple[Side, ...]
    positions: tuple[Position, ...] = ()


@dataclass(frozen=True)
class Answer:
    question: str
    abstained: bool
    statements: tuple[Statement, ...]
    disagreements: tuple[Disagreement, ...]
    model: str
    timings_ms: dict[str, int]
    settings_hash: str = ""
    index_version: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)  # what the checker dropped, and why
    findings: tuple[Finding, ...] = ()  # every article read, with its answer or why it gave none
    unread: tuple[str, ...] = ()  # the next articles by closeness to the question, not read (reading more reads them)

    def to_dict(self) -> dict[str, Any]:
        """Contract 1, as plain JSON-able data."""
        d = asdict(self)
        d["statements"] = [
            {"text": s.text, "citations": [asdict(c) for c in s.citations]} for s in self.statements
        ]
        d["disagreements"] = [
            {"summary": g.summary, "kind": g.kind, "sides": [asdict(x) for x in g.sides],
             "positions": [{"claim": p.claim, "docs": list(p.docs), "latest": p.latest,
                            "citations": [asdict(c) for c in p.citations]} for p in g.positions]}
            for g in self.disagreements
        ]
        d["notes"] = list(self.notes)
        d["findings"] = [{"doc": f.doc, "p_states": round(f.p_states, 4), "answer": f.answer,
                          "citations": [asdict(c) for c in f.citations], "note": f.note,
                          "also": [{"answer": g.answer, "citations": [asdict(c) for c in g.citations]} for g in f.also]}
                         for f in self.findings]
        return d

    @staticmethod
    def from_dict(d: dict[str, Any]) -> Answer:
        return Answer(
            question=d["question"],
            abstained=bool(d["abstained"]),
            statements=tuple(
                Statement(s["text"], tuple(Citation(**c) for c in s["citations"])) for s in d["statements"]
            ),
            disagreements=tuple(
                Disagreement(g["summary"], g.get("kind", "claims"), tuple(Side(**x) for x in g["sides"]),
                             tuple(Position(p["claim"], tuple(p["docs"]), tuple(Citation(**c) for c in p["citations"]),
                                            bool(p.get("latest"))) for p in g.get("positions", [])))
                for g in d.get("disagreements", [])
            ),
            model=d.get("model", ""),
            timings_ms=dict(d.get("timings_ms", {})),
            settings_hash=d.get("settings_hash", ""),
            index_version=d.get("index_version", ""),
            notes=tuple(d.get("notes", [])),
            findings=tuple(finding_from_dict(f) for f in d.get("findings", [])),
            unread=tuple(d.get("unread", [])),
        )

    def all_quotes(self) -> list[tuple[str, str, int, int]]:
        """Every (doc, quote, start, end) the answer shows, citations and disagreement sides alike."""
        out = [(c.doc, c.quote, c.start, c.end) for s in self.statements for c in s.citations]
        out += [(x.doc, x.quote, x.start, x.end) for g in self.disagreements for x in g.sides]
        return out


def finding_from_dict(f: dict[str, Any], doc: str = "", p: float = 0.0) -> Finding:
    """A finding from Contract 1's JSON, with the other figures its article reports."""
    doc, p = f.get("doc", doc), float(f.get("p_states", p))
    return Finding(doc, p, f.get("answer", ""), tuple(Citation(**c) for c in f.get("citations", [])),
                   f.get("note", ""), tuple(finding_from_dict(g, doc, p) for g in f.get("also", [])))
