"""Calibrate the read threshold on dev runs only (never on a test split), by replaying them.

    python eval/calibrate.py OUT_DIR:DATASET:CORPUS [OUT_DIR:DATASET:CORPUS ...] [--articles 4,6,8]

Each OUT_DIR is a dev run made with a low threshold (e.g. `RAG_READ_THRESHOLD=0.3 python eval/dev.py ...`),
so that every article read with P(states an answer) >= 0.3 has its checked answer in answers.jsonl. For each
threshold t >= that one, the answers are rebuilt from the findings with P >= t (the same reconcile step as
`rag ask`, no model call) and scored with rag/metrics.py. Chosen: the t with the best mean of evidence
recall, disputed flagged with both sides, unanswerable abstained, 1 - answerable wrongly abstained and
1 - false flags, pooled over all runs given (ties: the lowest t, which keeps more evidence). With
`--articles`, the runs (made reading the most articles) are also replayed reading only the first k of them,
and the best (t, k) is chosen.
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


def replay(ans: Answer, t: float, engine: Engine, articles: int = 0) -> Answer:
    """The answer had only findings with P >= t been kept, and (articles > 0) only the first `articles`
    articles read (findings are in the order the articles were ranked)."""
    first = list(dict.fromkeys(f.doc for f in ans.findings))[:articles] if articles else None
    kept = [f for f in ans.findings if f.p_states >= t and (first is None or f.doc in first)]
    st, dis, _ = reconcile(parse(ans.question), kept, engine.index(), engine.embedder, engine.settings)
    return replace(ans, abstained=not st, statements=tuple(st), disagreements=tuple(dis), findings=tuple(kept))


def main(specs: list[str], articles: list[int]) -> None:
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
    print("| articles | t | " + " | ".join(keys) + " | mean |\n|---|---|" + "---|" * (len(keys) + 1))
    best, best_score = (GRID[0], 0), -1.0
    for t, k in ((t, k) for k in articles for t in GRID):
        rows = [metrics.score_item(items[i], replay(a, t, engine, k), texts)
                for engine, items, answers, texts in runs for i, a in answers]
        agg = metrics.aggregate(rows)
        vals = [agg[k] for k in GOOD] + [1 - agg[k] for k in BAD if agg[k] is not None]
        score = sum(v for v in vals if v is not None) / len([v for v in vals if v is not None])
        print(f"| {k or 'all'} | {t:.2f} | " + " | ".join("–" if agg[k] is None else f"{agg[k]:.0%}" for k in keys)
              + f" | {score:.3f} |", flush=True)
        if score > best_score + 1e-9:
            best, best_score = (t, k), score
    print(f"\nread_threshold: {best[0]:.2f}, articles read: {best[1] or 'all'} (mean {best_score:.3f})")


if __name__ == "__main__":
    args = sys.argv[1:]
    ks = [0]
    if "--articles" in args:  # e.g. --articles 4,6,8: also replay reading only the first k articles
        i = args.index("--articles")
        ks, args = [int(x) for x in args[i + 1].split(",")], args[:i] + args[i + 2:]
    main(args, ks)
