"""Calibrate the read threshold on dev runs only (never on a test split), by replaying them.

    python eval/calibrate.py OUT_DIR:DATASET:CORPUS [OUT_DIR:DATASET:CORPUS ...]

Each OUT_DIR is a dev run made with a low threshold (e.g. `RAG_READ_THRESHOLD=0.3 python eval/dev.py ...`),
so that every article read with P(states an answer) >= 0.3 has its checked answer in answers.jsonl. For each
threshold t >= that one, the answers are rebuilt from the findings with P >= t (the same reconcile step as
`rag ask`, no model call) and scored with rag/metrics.py. Chosen: the t with the best mean of evidence
recall, disputed flagged with both sides, unanswerable abstained, 1 - answerable wrongly abstained and
1 - false flags, pooled over all runs given (ties: the lowest t, which keeps more evidence).
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag import metrics  # noqa: E402
from rag.engine import Engine  # noqa: E402
from rag.evaluate import load_dataset  # noqa: E402
from rag.question import parse  # noqa: E402
from rag.reconcile import reconcile  # noqa: E402
from rag.settings import Settings  # noqa: E402
from rag.types import Answer  # noqa: E402

GRID = [round(0.05 * k, 2) for k in range(6, 18)]
GOOD = ("evidence_recall", "disagreement_flagged_both_sides", "abstained_unanswerable")
BAD = ("wrongly_abstained_answerable", "false_disagreement_flags")


def replay(ans: Answer, t: float, engine: Engine) -> Answer:
    kept = [f for f in ans.findings if f.p_states >= t]
    st, dis, _ = reconcile(parse(ans.question), kept, engine.index(), engine.embedder, engine.settings)
    return replace(ans, abstained=not st, statements=tuple(st), disagreements=tuple(dis), findings=tuple(kept))


def main(specs: list[str]) -> None:
    runs = []
    for spec in specs:
        out, dataset, corpus = spec.split(":")
        s = Settings.from_env(corpus_dir=Path(corpus), uploads_dir=None,
                              index_dir=ROOT / "index" / "dev" / Path(corpus).resolve().name)
        engine = Engine(s)
        engine.ensure_index()
        items = {it.id: it for it in load_dataset(Path(dataset))}
        answers = [json.loads(x) for x in (Path(out) / "answers.jsonl").read_text().splitlines() if x.strip()]
        runs.append((engine, items, [(a["id"], Answer.from_dict(a)) for a in answers], 
                     {n: d.text for n, d in engine.index().docs.items()}))
    keys = (*GOOD, *BAD, "doc_recall", "citations_in_gold_docs")
    print("| t | " + " | ".join(keys) + " | mean |\n|---|" + "---|" * (len(keys) + 1))
    best, best_score = GRID[0], -1.0
    for t in GRID:
        rows = [metrics.score_item(items[i], replay(a, t, engine), texts)
                for engine, items, answers, texts in runs for i, a in answers]
        agg = metrics.aggregate(rows)
        vals = [agg[k] for k in GOOD] + [1 - agg[k] for k in BAD if agg[k] is not None]
        score = sum(v for v in vals if v is not None) / len([v for v in vals if v is not None])
        print(f"| {t:.2f} | " + " | ".join("–" if agg[k] is None else f"{agg[k]:.0%}" for k in keys)
              + f" | {score:.3f} |", flush=True)
        if score > best_score + 1e-9:
            best, best_score = t, score
    print(f"\nread_threshold: {best:.2f} (mean {best_score:.3f})")


if __name__ == "__main__":
    main(sys.argv[1:])
