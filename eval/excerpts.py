"""How much of the evidence the excerpts read contain, by excerpt strategy, on dev splits (no model).

    python eval/excerpts.py [DATASET:CORPUS ...]     (default: the four dev splits)

The model can quote only what it is shown: an article's excerpt is its `read_sentences` sentences chosen by
rag/retrieve.py `_excerpt`. For each strategy this prints, over the answerable items, the gold evidence
quotes whose article is read (not set aside by the read step's certain mismatches) and whose sentence is in
its excerpt (or is its title, shown with it), and the sentences shown in all (what the reads cost).
Strategies: `lead` (the method: the best sentence with its neighbours, then the next best alone),
`windows` (the previous method: each best sentence with the sentences before and after it) and `best`
(the article's best sentences alone), at several excerpt lengths. Indexes are kept under index/dev/.

What this cannot see: whether the model finds the answer in what it is shown (eval/results/excerpts/).
`best` holds more evidence at 4 sentences (fakes dev 69.7% -> 74.2%, seed dev2 46.7 -> 60) and lost with
the real model: evidence recall on fakes dev 75.8 -> 69.7, seeds dev 60 -> 50 ("What happened the day
after ...": the answer is the sentence after the best one). `lead` at 5 sentences won with the model on
the questions that ask for a name, a reason or a description, and not on counts (an extra sentence is one
more figure to take for the answer): hence 4 sentences for a count or a time, 5 for the others.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ablate_retrieval import dev_set  # noqa: E402  (eval/, the script's folder)

from rag import retrieve as r  # noqa: E402
from rag.index import Index  # noqa: E402
from rag.question import parse  # noqa: E402
from rag.retrieve import mismatch  # noqa: E402

DEV = ["eval/fakes/dev.jsonl:eval/fakes/corpus", "eval/news2_dev.jsonl:eval/news2",
       "eval/dev_questions.jsonl:seeds", "eval/seed_dev2.jsonl:seeds"]
METHOD = r._excerpt


def windows(doc: str, score: dict[tuple[str, int, int], float], index: Index, limit: int,
            english: bool = True) -> r.Passage:
    """The previous method: each best sentence with the one before and the one after it."""
    sents = index.sentences[doc]
    pos = {s: i for i, s in enumerate(sents)}
    hits = [pos[(a, b)] for _, a, b in sorted((k for k in score if k[0] == doc), key=lambda k: -score[k])]
    return _shown(doc, index, [j for i in hits for j in (i, i - 1, i + 1)], limit, english)


def best(doc: str, score: dict[tuple[str, int, int], float], index: Index, limit: int,
         english: bool = True) -> r.Passage:
    """The article's `limit` best sentences alone."""
    pos = {s: i for i, s in enumerate(index.sentences[doc])}
    return _shown(doc, index, [pos[(a, b)] for _, a, b in sorted((k for k in score if k[0] == doc),
                                                                  key=lambda k: -score[k])], limit, english)


def _shown(doc: str, index: Index, order: list[int], limit: int, english: bool) -> r.Passage:
    """The first `limit` sentences of `order` that exist and may be shown, in article order."""
    sents, d = index.sentences[doc], index.docs[doc]
    chosen: list[int] = []
    for j in order:
        if 0 <= j < len(sents) and j not in chosen and len(chosen) < limit \
                and not r.withheld(d.text[slice(*sents[j])], english) and not r._headline(d, sents, j):
            chosen.append(j)
    chosen.sort()
    return r.Passage(doc, tuple(r.Source(n, doc, *sents[j], d.text[slice(*sents[j])], 0.0)
                                for n, j in enumerate(chosen, 1)), 0.0)


def span(text: str, quote: str) -> tuple[int, int] | None:
    m = re.search(r"\s+".join(re.escape(w) for w in quote.split()), text)
    return (m.start(), m.end()) if m else None


def main(specs: list[str]) -> None:
    print("| set | strategy | sentences an excerpt | evidence in the excerpts read | its article read | shown |")
    print("|---|---|---|---|---|---|")
    for spec in specs:
        items, engine = dev_set(spec)
        items = [it for it in items if it["kind"] != "unanswerable"]
        dataset, s, ix = spec.split(":")[0], engine.settings, engine.index()
        for name, excerpt in (("lead", METHOD), ("windows", windows), ("best", best)):
            for n in (3, 4, 5, 6):
                r._excerpt = excerpt  # type: ignore[assignment]
                got = read = shown = total = 0
                for it in items:
                    q = parse(it["question"])
                    found = r.retrieve(q, ix, engine.embedder, replace(s, read_sentences=n, read_sentences_claim=n))
                    ps = {p.doc: p for p in found.passages if not mismatch(q, ix.docs[p.doc])}
                    shown += sum(len(p.sources) for p in ps.values())
                    for ev in it["evidence"]:
                        total += 1
                        if ev["doc"] not in ps:
                            continue
                        read += 1
                        d = ix.docs[ev["doc"]]
                        at = span(d.text, ev["quote"])
                        if ev["quote"] in d.title or at and any(x.start < at[1] and x.end > at[0]
                                                                for x in ps[ev["doc"]].sources):
                            got += 1
                print(f"| {Path(dataset).stem} | {name} | {n} | {got}/{total} ({100 * got / max(total, 1):.1f}%) "
                      f"| {read}/{total} | {shown} |", flush=True)
        r._excerpt = METHOD  # type: ignore[assignment]


if __name__ == "__main__":
    main(sys.argv[1:] or DEV)
