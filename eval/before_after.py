"""Print a before/after table from two `rag eval` output folders per test set.

    python eval/before_after.py NAME:BEFORE_DIR:AFTER_DIR [NAME:BEFORE_DIR:AFTER_DIR ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROWS = [("evidence_recall", "evidence recall", "%"), ("doc_recall", "doc recall", "%"),
        ("citation_precision", "citation precision", "%"), ("gold_overlap_precision", "gold-overlap precision", "%"),
        ("disagreement_flagged_both_sides", "disputed: flagged, both sides", "%"),
        ("false_disagreement_flags", "false disagreement flags", "%"),
        ("abstained_unanswerable", "unanswerable: abstained", "%"),
        ("wrongly_abstained_answerable", "answerable: wrongly abstained", "%"),
        ("quote_fidelity", "quote fidelity", "%"), ("latency_p50_ms", "latency p50", "s"),
        ("latency_p95_ms", "latency p95", "s"), ("first_finding_p50_ms", "first finding p50", "s")]


def cell(v: float | None, unit: str) -> str:
    if v is None:
        return "–"
    return f"{100 * v:.0f}%" if unit == "%" else f"{v / 1000:.1f} s"


def main(specs: list[str]) -> None:
    sets = []
    for spec in specs:
        name, before, after = spec.split(":")
        sets.append((name, *(json.loads((Path(d) / "report.json").read_text())["overall"] for d in (before, after))))
    print("| metric | " + " | ".join(f"{n}: before | {n}: after" for n, _, _ in sets) + " |")
    print("|---|" + "---|---|" * len(sets))
    for key, label, unit in ROWS:
        print(f"| {label} | " + " | ".join(f"{cell(b.get(key), unit)} | {cell(a.get(key), unit)}" for _, b, a in sets)
              + " |")
    print("| questions | " + " | ".join(f"{b['items']} | {a['items']}" for _, b, a in sets) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
