"""Probe prompt variants on dev data only (results: eval/results/calibration/prompt_probes.md).

    python eval/probe_prompts.py   # P(yes) of gold vs unanswerable articles on the dev sets
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rag import prompts  # noqa: E402
from rag.engine import Engine  # noqa: E402
from rag.llm import label_probs  # noqa: E402
from rag.retrieve import retrieve  # noqa: E402
from rag.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
READ_VARIANTS = {
    "V0": "Does this excerpt itself state the answer to the question (for the same place, event and time the "
          "question names)? Reply yes or no.",
    "V1": prompts.READ_QUESTION,
    "V2": "Can the question be answered from this excerpt alone (a claim reported by the article counts)? "
          "Reply yes or no.",
}


def auc(rows: list[tuple[float, int]]) -> float:
    pos, neg = [p for p, y in rows if y], [p for p, y in rows if not y]
    return sum((a > b) + 0.5 * (a == b) for a in pos for b in neg) / (len(pos) * len(neg))


def read() -> None:
    res: dict[str, list[tuple[float, int]]] = {k: [] for k in READ_VARIANTS}
    llm = None
    for ds, corpus in (("eval/news2_dev.jsonl", "eval/news2"), ("eval/dev_questions.jsonl", "seeds")):
        s = Settings.from_env(corpus_dir=ROOT / corpus, index_dir=ROOT / "index" / "probe" / Path(corpus).name)
        e = Engine(s, llm=llm)
        e.ensure_index()
        llm, ix = e.llm(), e.index()
        for line in (ROOT / ds).read_text().splitlines():
            it = json.loads(line)
            for p in retrieve(it["question"], ix, e.embedder, s).passages:
                if it["kind"] != "unanswerable" and p.doc not in it["gold_docs"]:
                    continue
                d = ix.docs[p.doc]
                m = prompts.read_messages(it["question"], d.title, d.outlet, [(x.n, x.text) for x in p.sources])
                for k, q in READ_VARIANTS.items():
                    mm = [m[0], {"role": "user", "content": m[1]["content"].replace(prompts.READ_QUESTION, q)}]
                    res[k].append((label_probs(llm, mm, prompts.YES_NO)["yes"], int(it["kind"] != "unanswerable")))
    for k, rows in res.items():
        print(f"{k}: AUC {auc(rows):.3f}; lowest pos {min(p for p, y in rows if y):.2f}; "
              f"highest neg {max(p for p, y in rows if not y):.2f}")


if __name__ == "__main__":
    read()
