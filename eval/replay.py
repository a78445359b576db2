"""Replay a run's findings through the program's steps after reading (the read step's checks of an answer
against what was asked, other reports of a count, phrasing, reconcile): no model call, so a change to those
steps is measured on the very same model output, before and after, in seconds.
The excerpts are retrieved again (retrieval is deterministic).

    python eval/replay.py DATASET ANSWERS CORPUS OUT [--no-reports]

ANSWERS is a run's answers.jsonl (`rag eval` or eval/dev.py); the index is kept under index/dev/ as
eval/dev.py does. Score OUT/answers.jsonl with ../shared/score.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag.engine import Engine  # noqa: E402
from rag.question import parse  # noqa: E402
from rag.read import reports, unfit  # noqa: E402
from rag.reconcile import reconcile  # noqa: E402
from rag.retrieve import retrieve  # noqa: E402
from rag.settings import Settings  # noqa: E402
from rag.types import Answer  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("dataset", type=Path)
    p.add_argument("answers", type=Path)
    p.add_argument("corpus", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--no-reports", action="store_true", help="only reconcile again (the run as it was)")
    a = p.parse_args()
    s = replace(Settings.from_env(), corpus_dir=a.corpus, index_dir=ROOT / "index" / "dev" / a.corpus.resolve().name)
    engine = Engine(s)
    engine.build_index()
    ix, emb = engine.index(), engine.embedder
    got = {o["id"]: o for o in map(json.loads, a.answers.open(encoding="utf-8"))}
    a.out.mkdir(parents=True, exist_ok=True)
    with (a.out / "answers.jsonl").open("w", encoding="utf-8") as out:
        for item in map(json.loads, a.dataset.open(encoding="utf-8")):
            old = Answer.from_dict(got[item["id"]])
            q = parse(item["question"])
            excerpts = {x.doc: x for x in retrieve(q, ix, emb, s).passages}
            findings = []
            for f in (replace(f, also=()) for f in old.findings):
                why = unfit(f.answer, [c.quote for c in f.citations], q) if f.stated else ""
                if why and not a.no_reports:  # the read step's own checks of an answer, as they stand now
                    f = replace(f, answer="", citations=(), note=f"{why}: {f.answer!r}")
                if f.stated and f.doc in excerpts and not a.no_reports:
                    f = reports(q, f, excerpts[f.doc], ix)
                findings.append(f)
            statements, disagreements, _ = reconcile(q, findings, ix, emb, s)
            new = replace(old, statements=tuple(statements), disagreements=tuple(disagreements),
                          abstained=not statements, findings=tuple(findings))
            out.write(json.dumps({"id": item["id"], **new.to_dict()}) + "\n")


if __name__ == "__main__":
    main()
