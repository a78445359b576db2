"""Calibrate the two decision thresholds on dev runs only (never on a test split).

    python eval/calibrate.py OUT_DIR:DATASET [OUT_DIR:DATASET ...]

Each OUT_DIR is what `rag eval --dataset DATASET ...` wrote (answers.jsonl with every article's finding).
- read_threshold: an article "states an answer" when P(yes) >= t. For each t: share of unanswerable
  questions where no article read passes (they would abstain), share of answerable questions where one
  passes, and share of the gold articles read that pass. Chosen: the t with the best mean of the first two
  (ties: the lowest t, which keeps more evidence).
- conflict_threshold: the model's P(contradiction) for the pairs of answers the program could not settle,
  by question kind; chosen: the cut with the best mean of "pairs in disputed questions flagged" and "pairs
  in other questions not flagged" (ties: the lowest).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path


def load(pairs: list[str]) -> list[tuple[dict, dict]]:
    rows = []
    for pair in pairs:
        out, dataset = pair.split(":", 1)
        items = {json.loads(x)["id"]: json.loads(x) for x in Path(dataset).read_text().splitlines() if x.strip()}
        for line in (Path(out) / "answers.jsonl").read_text().splitlines():
            ans = json.loads(line)
            rows.append((items[ans["id"]], ans))
    return rows


def read_table(rows: list[tuple[dict, dict]]) -> float:
    grid = [round(0.05 * k, 2) for k in range(2, 19)]
    print("| t | unanswerable: no article passes | answerable: an article passes | gold articles read that pass |")
    print("|---|---|---|---|")
    best, best_score = 0.5, -1.0
    for t in grid:
        un = [all(f["p_states"] < t for f in a["findings"]) for it, a in rows if it["kind"] == "unanswerable"]
        an = [any(f["p_states"] >= t for f in a["findings"]) for it, a in rows if it["kind"] != "unanswerable"]
        gold = [f["p_states"] >= t for it, a in rows if it["kind"] != "unanswerable"
                for f in a["findings"] if f["doc"] in it["gold_docs"]]
        u, n, g = (sum(x) / len(x) if x else 0.0 for x in (un, an, gold))
        print(f"| {t:.2f} | {u:.0%} ({len(un)}) | {n:.0%} ({len(an)}) | {g:.0%} ({len(gold)}) |")
        if (u + n) / 2 > best_score + 1e-9:
            best, best_score = t, (u + n) / 2
    print(f"\nread_threshold: {best:.2f} (mean of the first two columns {best_score:.0%})\n")
    return best


_PAIR = re.compile(r"^(.*) vs (.*): contradiction p=([0-9.]+) -> (\w+)$")


def conflict_table(rows: list[tuple[dict, dict]]) -> float:
    print("| question kind | P(contradiction) of the pairs the model was asked about |\n|---|---|")
    by: dict[str, list[float]] = {}
    for it, a in rows:
        for n in a.get("notes", []):
            m = _PAIR.match(n)
            if m:
                by.setdefault(it["kind"], []).append(float(m.group(3)))
    for kind, ps in sorted(by.items()):
        print(f"| {kind} | {', '.join(f'{p:.2f}' for p in sorted(ps))} |")
    pos, neg = by.get("disputed", []), [p for k, ps in by.items() if k != "disputed" for p in ps]
    if not pos or not neg:
        return 0.5
    cuts = sorted({round((a + b) / 2, 3) for a, b in zip(sorted(pos + neg), sorted(pos + neg)[1:], strict=False)})
    score = {t: (sum(p >= t for p in pos) / len(pos) + sum(p < t for p in neg) / len(neg)) / 2 for t in cuts}
    best = max(cuts, key=lambda t: (score[t], -t))
    print(f"\nconflict_threshold: {best:.3f} (mean of disputed pairs flagged and other pairs not flagged "
          f"{score[best]:.0%}; {len(pos)} + {len(neg)} pairs, few: a rough figure)")
    return best


if __name__ == "__main__":
    rows = load(sys.argv[1:])
    read_table(rows)
    conflict_table(rows)
