"""Would the best-rated article, asked anyway, answer where no article reached the read threshold? (dev only)

    python eval/probe_best_read.py OUT.jsonl DATASET:ANSWERS:CORPUS [...]

For each item of a run (ANSWERS: `rag eval`'s or eval/replay.py's answers.jsonl) whose articles all fell below
`Settings.read_threshold`, the article the model rated most likely to state the answer is read again with no
threshold, through every check an answer passes (rag/read.py `read`), and one line is written per item: its
P, whether it is a gold article, the answer kept (or why none), and whether its quotes hold gold evidence.
A floor under the threshold for that one article ("ask the best article anyway") is chosen, or rejected, from
these lines. Indexes are kept under index/dev/ as eval/dev.py keeps them.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from misses import span  # noqa: E402  (eval/, the script's folder)

from rag.engine import Engine  # noqa: E402
from rag.question import parse  # noqa: E402
from rag.read import read  # noqa: E402
from rag.retrieve import retrieve  # noqa: E402
from rag.settings import Settings  # noqa: E402


def hits(item: dict, doc: str, text: str, citations: tuple) -> bool:
    """A quote overlaps a gold evidence span of the article (as ../shared/score.py matches them)."""
    for ev in item.get("evidence", []):
        sp = span(text, ev["quote"]) if ev["doc"] == doc else None
        if sp and any(c.start < sp[1] and sp[0] < c.end for c in citations):
            return True
    return False


def main() -> None:
    out, runs = Path(sys.argv[1]), [a.split(":") for a in sys.argv[2:]]
    with out.open("w") as fh:
        for dataset, answers, corpus in runs:
            s = replace(Settings.from_env(), corpus_dir=Path(corpus),
                        index_dir=ROOT / "index" / "dev" / Path(corpus).resolve().name)
            engine = Engine(s)
            engine.ensure_index()
            ix = engine.index()
            items = {json.loads(x)["id"]: json.loads(x) for x in Path(dataset).read_text().splitlines() if x.strip()}
            for line in Path(answers).read_text().splitlines():
                a = json.loads(line)
                found = a.get("findings") or []
                if not found or any(f["p_states"] >= s.read_threshold for f in found):
                    continue
                best = max(found, key=lambda f: f["p_states"])
                item, q = items[a["id"]], parse(a["question"])
                passage = next((p for p in retrieve(q, ix, engine.embedder, s).passages if p.doc == best["doc"]), None)
                if passage is None:
                    continue
                f = read(q, passage, ix, engine.llm(), replace(s, read_threshold=0.0))
                rec = {"dataset": dataset, "id": a["id"], "kind": item["kind"], "p": round(f.p_states, 4),
                       "gold_doc": f.doc in item.get("gold_docs", []), "answer": f.answer, "note": f.note,
                       "evidence": hits(item, f.doc, ix.docs[f.doc].text, f.citations)}
                print(json.dumps(rec), file=fh, flush=True)
                print(f"{a['id']}: p={f.p_states:.3f} {f.answer or f.note}", flush=True)


if __name__ == "__main__":
    main()
