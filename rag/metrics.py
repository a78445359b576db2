"""Citation-accuracy metrics: pure functions over (test item, answer, corpus texts).

Definitions (also written into every report):
- quote fidelity: share of quotes (citations and disagreement sides) with text_of(doc)[start:end] == quote.
- citation precision: share of citations that support their statement. A citation supports when its span
  overlaps a gold evidence span of the item; where it does not, when a fixed lexical-entailment rule holds
  (every number of the statement is in the quote and >= 60% of the statement's content words, outlet and
  attribution words aside, are in the quote). `gold-overlap precision` counts gold overlap only.
  Like ALCE's citation precision, but judged by span overlap and a lexical rule instead of an NLI model
  (none is packaged for offline use); a citation is not tested for being redundant.
- evidence recall: share of gold evidence quotes whose span an answer quote overlaps (ALCE's citation recall
  asks whether the cited passages entail the statement; ours asks whether the answer found the evidence).
- doc recall: share of gold documents the answer quotes.
- disagreement flagged: on `disputed` items, share with a disagreement whose two sides are in two different
  gold documents; false flags: on other items, share with any disagreement.
- abstention: on `unanswerable` items, share abstained; on the others, share wrongly abstained.
- citations in gold docs: share of citations (statements and disagreement sides) in a gold document.
- by stage, so a shortfall is located: gold read (recall@read: share of gold documents among the articles
  read), gold stated (share of gold documents whose reading kept an answer), reader AUC (P(states an
  answer) of gold articles read against the other articles read, unanswerable items included), and the
  answer checks (the value checks by kind, the support of the cited sentences): of the articles asked for
  their answer (P over the read threshold), the share whose answer was kept, in gold articles and in the
  others (unanswerable items included). The checks earn their place where the first is high and the second
  low (an answer from an article that is not gold is more often wrong or off the question). And evidence at
  another sentence: the share of gold evidence quotes the answer misses though it quotes their article (it
  found the article and quoted something else of it: a headline for the lead, one of its two figures).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .support import lexical_support, numbers_supported
from .types import NOT_STATED, Answer

KINDS = ("single", "multi", "disputed", "unanswerable")


@dataclass(frozen=True)
class Item:
    id: str
    question: str
    kind: str
    evidence: tuple[tuple[str, str], ...]  # (doc, quote)
    gold_docs: tuple[str, ...]

    @staticmethod
    def from_dict(d: dict[str, Any]) -> Item:
        return Item(str(d["id"]), str(d["question"]), str(d["kind"]),
                    tuple((str(e["doc"]), str(e["quote"])) for e in d.get("evidence") or []),
                    tuple(str(x) for x in d.get("gold_docs") or []))


def evidence_spans(item: Item, texts: dict[str, str]) -> list[tuple[str, int, int]]:
    """Gold evidence as (doc, start, end); every occurrence of the quote counts."""
    spans = []
    for doc, quote in item.evidence:
        text = texts.get(doc, "")
        i = text.find(quote) if quote else -1
        while i >= 0:
            spans.append((doc, i, i + len(quote)))
            i = text.find(quote, i + 1)
    return spans


def overlaps(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    """Same document and intersecting character ranges.

    >>> overlaps(("d", 0, 10), ("d", 9, 20)), overlaps(("d", 0, 10), ("d", 10, 20)), overlaps(("d", 0, 5), ("e", 0, 5))
    (True, False, False)
    """
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def lexically_entailed(statement: str, quote: str) -> bool:
    body = statement.split(",", 1)[1] if statement.startswith("According to ") and "," in statement else statement
    return numbers_supported(body, [quote]) and lexical_support(body, quote) >= 0.6


def score_item(item: Item, ans: Answer, texts: dict[str, str]) -> dict[str, Any]:
    gold = evidence_spans(item, texts)
    quotes = ans.all_quotes()
    spans = [(d, a, b) for d, _q, a, b in quotes]
    exact = sum(1 for d, q, a, b in quotes if texts.get(d, "\0")[a:b] == q and b > a)
    cites = [(s.text, (c.doc, c.start, c.end), c.quote) for s in ans.statements for c in s.citations]
    on_gold = [any(overlaps(span, g) for g in gold) for _, span, _ in cites]
    supported = [g or lexically_entailed(text, quote) for g, (text, _, quote) in zip(on_gold, cites, strict=True)]
    evidence = _distinct_evidence(item, gold)
    found = [any(overlaps(g, s) for s in spans) for g in evidence]
    quoted_docs = {d for d, *_ in quotes}
    in_gold = sum(1 for d, *_ in quotes if d in item.gold_docs)
    read = {f.doc: f for f in ans.findings}
    both_sides = any(len({x.doc for x in g.sides} & set(item.gold_docs)) >= 2 and len({x.doc for x in g.sides}) >= 2
                     for g in ans.disagreements)
    return {
        "id": item.id, "kind": item.kind, "abstained": ans.abstained,
        "quotes": len(quotes), "exact_quotes": exact,
        "citations": len(cites), "supported": sum(supported), "on_gold": sum(on_gold),
        "evidence": len(found), "evidence_found": sum(found),
        "evidence_elsewhere": sum(1 for g, f in zip(evidence, found, strict=True) if not f and g[0] in quoted_docs),
        "gold_docs": len(item.gold_docs), "docs_found": len(set(item.gold_docs) & quoted_docs),
        "flagged": bool(ans.disagreements), "flagged_both_sides": both_sides, "in_gold": in_gold,
        "gold_read": len(set(item.gold_docs) & set(read)),
        "gold_stated": sum(1 for d in item.gold_docs if d in read and read[d].stated),
        "reads": [(round(f.p_states, 4), f.doc in item.gold_docs) for f in ans.findings],
        "asked": [(f.doc in item.gold_docs, f.stated) for f in ans.findings if not f.note.startswith(NOT_STATED)],
        "latency_ms": ans.timings_ms.get("total", 0),
        "first_finding_ms": ans.timings_ms.get("first_finding") or ans.timings_ms.get("total", 0),
    }


def _distinct_evidence(item: Item, gold: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """One span per evidence quote (its first occurrence), so that each gold quote counts once."""
    firsts: dict[tuple[str, str], tuple[str, int, int]] = {}
    for doc, quote in item.evidence:
        for g in gold:
            if g[0] == doc and g[2] - g[1] == len(quote):
                firsts.setdefault((doc, quote), g)
                break
    return list(firsts.values())


def _ratio(num: float, den: float) -> float | None:
    return None if den == 0 else num / den


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile.

    >>> percentile([5, 1, 3, 2, 4], 50), percentile([5, 1, 3, 2, 4], 95), percentile([], 50)
    (3, 5, None)
    """
    if not values:
        return None
    v = sorted(values)
    return v[max(0, math.ceil(p / 100 * len(v)) - 1)]


def auc(scored: list[tuple[float, bool]]) -> float | None:
    """Probability that a positive scores above a negative (ties count half).

    >>> auc([(0.9, True), (0.2, False), (0.5, True), (0.5, False)])
    0.875
    """
    pos, neg = [p for p, y in scored if y], [p for p, y in scored if not y]
    if not pos or not neg:
        return None
    return sum((a > b) + 0.5 * (a == b) for a in pos for b in neg) / (len(pos) * len(neg))


def _kept(asked: list[tuple[bool, bool]], gold: bool) -> float | None:
    """Share of the articles asked for their answer, gold ones or the others, whose answer the checks kept.

    >>> _kept([(True, True), (True, False), (False, False), (False, True), (False, False)], gold=False)
    0.3333333333333333
    """
    kept = [k for g, k in asked if g == gold]
    return _ratio(sum(kept), len(kept))


def aggregate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Metrics over a set of scored items (one kind, or all)."""
    answerable = [r for r in rows if r["kind"] != "unanswerable"]
    disputed = [r for r in rows if r["kind"] == "disputed"]
    others = [r for r in rows if r["kind"] != "disputed"]
    unans = [r for r in rows if r["kind"] == "unanswerable"]
    lat = [r["latency_ms"] for r in rows]
    s = lambda k, rs=rows: sum(r[k] for r in rs)  # noqa: E731
    return {
        "items": len(rows),
        "quote_fidelity": _ratio(s("exact_quotes"), s("quotes")),
        "citation_precision": _ratio(s("supported"), s("citations")),
        "gold_overlap_precision": _ratio(s("on_gold"), s("citations")),
        "evidence_recall": _ratio(s("evidence_found", answerable), s("evidence", answerable)),
        "doc_recall": _ratio(s("docs_found", answerable), s("gold_docs", answerable)),
        "disagreement_flagged_both_sides": _ratio(sum(r["flagged_both_sides"] for r in disputed), len(disputed)),
        "false_disagreement_flags": _ratio(sum(r["flagged"] for r in others), len(others)),
        "abstained_unanswerable": _ratio(sum(r["abstained"] for r in unans), len(unans)),
        "wrongly_abstained_answerable": _ratio(sum(r["abstained"] for r in answerable), len(answerable)),
        "citations_in_gold_docs": _ratio(s("in_gold", answerable), s("quotes", answerable)),
        "gold_read": _ratio(s("gold_read", answerable), s("gold_docs", answerable)),
        "gold_stated": _ratio(s("gold_stated", answerable), s("gold_docs", answerable)),
        "reader_auc": auc([x for r in rows for x in r.get("reads", [])]),
        "checks_kept_gold": _kept([x for r in answerable for x in r.get("asked", [])], gold=True),
        "checks_kept_other": _kept([x for r in rows for x in r.get("asked", [])], gold=False),
        "evidence_elsewhere": _ratio(sum(r.get("evidence_elsewhere", 0) for r in answerable),
                                     s("evidence", answerable)),
        "latency_p50_ms": percentile(lat, 50),
        "latency_p95_ms": percentile(lat, 95),
        "first_finding_p50_ms": percentile([r.get("first_finding_ms", r["latency_ms"]) for r in rows], 50),
    }
