"""Ablation of the retrieval filters on dev splits, without the model: which articles would be read.

    python eval/ablate_retrieval.py DATASET:CORPUS [DATASET:CORPUS ...]

For each variant of how a question's names and years act on the articles (rag/retrieve.py `about`):
- rank (the method): an article missing a name, or stating only other years, is ranked lower;
- none: similarity alone;
- gate (the previous method): an article missing any name, month or event word of the question is not read;
prints, over the answerable items, the share of gold articles among those read (recall@read), the share of
items with at least one gold article read, and the share of read articles that are gold (precision@read);
over unanswerable items, the mean number of articles read. Indexes are kept under index/dev/.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag import retrieve as r  # noqa: E402
from rag.engine import Engine  # noqa: E402
from rag.question import Question, parse  # noqa: E402
from rag.settings import Settings  # noqa: E402
from rag.support import mentions, text_words  # noqa: E402

RANK = r.about


def none(question: Question, text: str) -> tuple[float, list[str]]:
    return 0.0, []


def gate(question: Question, text: str) -> tuple[float, list[str]]:
    words = text_words(text)
    missing = [" ".join(n) for n in (*question.names, *question.events) if not mentions(words, list(n))]
    return (-100.0 if missing else 0.0), missing


def dev_set(spec: str) -> tuple[list[dict], Engine]:
    """DATASET:CORPUS -> its items and an engine over the corpus, its index kept under index/dev/."""
    dataset, corpus = spec.split(":")
    items = [json.loads(x) for x in Path(dataset).read_text().splitlines() if x.strip()]
    s = Settings.from_env(corpus_dir=Path(corpus), index_dir=ROOT / "index" / "dev" / Path(corpus).resolve().name,
                          uploads_dir=None)
    engine = Engine(s)
    engine.ensure_index(progress=True)
    return items, engine


def main(specs: list[str]) -> None:
    print("| set | variant | gold read (recall@read) | items with a gold article read | read articles that are gold |")
    print("|---|---|---|---|---|")
    for spec in specs:
        items, engine = dev_set(spec)
        dataset, s, ix = spec.split(":")[0], engine.settings, engine.index()
        for name, about in (("rank", RANK), ("none", none), ("gate", gate)):
            r.about = about  # type: ignore[assignment]
            gold = hit = items_hit = read_gold = read_all = 0
            for it in items:
                if it["kind"] == "unanswerable":
                    continue
                docs = [p.doc for p in r.retrieve(parse(it["question"]), ix, engine.embedder, s).passages]
                # a gated article sinks to the bottom; it is read only when fewer articles are left
                g = set(it["gold_docs"])
                gold += len(g)
                hit += len(g & set(docs))
                items_hit += bool(g & set(docs))
                read_gold += sum(d in g for d in docs)
                read_all += len(docs)
            n = sum(it["kind"] != "unanswerable" for it in items)
            print(f"| {Path(dataset).name} | {name} | {hit / gold:.0%} ({hit}/{gold}) | {items_hit / n:.0%} | "
                  f"{read_gold / max(read_all, 1):.0%} |", flush=True)
        r.about = RANK
        for n in (4, 5, 6):  # how long an excerpt must be to hold the evidence
            ev = found = 0
            for it in items:
                passages = r.retrieve(parse(it["question"]), ix, engine.embedder,
                                      replace(s, read_sentences=n, read_sentences_claim=n)).passages
                for e in it["evidence"]:
                    text = ix.docs[e["doc"]].text if e["doc"] in ix.docs else ""
                    a = text.find(e["quote"])
                    ev += 1
                    found += a >= 0 and any(p.doc == e["doc"] and x.start < a + len(e["quote"]) and x.end > a
                                            for p in passages for x in p.sources)
            print(f"| {Path(dataset).name} | rank, {n} sentences an excerpt | evidence quotes in the excerpts read: "
                  f"{found / max(ev, 1):.0%} ({found}/{ev}) | | |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
