"""A markdown table of shared/score.py's figures (the scorer the project is judged by) for several runs.

    python eval/score_table.py NAME:DATASET:CORPUS:OUT_DIR [NAME:DATASET:CORPUS:OUT_DIR ...]
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROWS = [("evidence_recall_pct", "evidence recall"), ("doc_recall_pct", "doc recall"),
        ("citations_in_gold_docs_pct", "citations in gold docs"),
        ("disputed_flagged_both_sides_pct", "disputed, both sides"), ("false_disagreement_pct", "false flags"),
        ("unanswerable_abstained_pct", "unanswerable abstained"),
        ("answerable_wrongly_abstained_pct", "answerable wrongly abstained"),
        ("answers_with_several_disagreements_pct", "answers with several disagreements"),
        ("quote_fidelity_pct", "quote fidelity"), ("latency_p50_ms", "p50"), ("latency_p95_ms", "p95"),
        ("items", "questions")]


def main(specs: list[str]) -> None:
    spec = importlib.util.spec_from_file_location("score", ROOT.parent / "shared" / "score.py")
    score = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(score)  # type: ignore[union-attr]
    cols = []
    for s in specs:
        name, dataset, corpus, out = s.split(":")
        with contextlib.redirect_stdout(io.StringIO()):
            cols.append((name, score.main(dataset, str(Path(out) / "answers.jsonl"), corpus, as_json=True)))
    print("| metric | " + " | ".join(n for n, _ in cols) + " |\n|---|" + "---|" * len(cols))
    for key, label in ROWS:
        cells = []
        for _, r in cols:
            v = r.get(key)
            cells.append("–" if v is None else (f"{v / 1000:.1f} s" if key.endswith("_ms") else
                                                (str(v) if key == "items" else f"{v:.0f}%")))
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
