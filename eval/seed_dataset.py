"""What the seed dev set builders share (eval/build_seed_dev4.py, eval/build_seed_dev5.py): the seed articles in
file-name order, the check that a dev question does not nearly repeat a seed test question (word Jaccard >= 0.5,
without printing it), and the writer that finds each quote verbatim (whitespace-insensitive)."""

from __future__ import annotations

import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DOCS = sorted(p.name for p in SEEDS.iterdir())  # A..E in the builders: 000_ .. 004_
_COMMON = {"the", "a", "of", "in", "is", "are", "who", "what", "did", "does", "to", "and"}


def words(t: str) -> set[str]:
    return set(re.findall(r"[a-z]+", t.lower())) - _COMMON


TEST = [words(json.loads(line)["question"]) for line in (ROOT / "eval" / "seed_questions.jsonl").open(encoding="utf-8")]


def nearest(question: str, tests: list[set[str]]) -> float:
    """The highest word Jaccard between the question and any of the test questions' `words` (>= 0.5: kept out)."""
    q = words(question)
    return max(len(q & t) / len(q | t) for t in tests)


def nearest_test(question: str) -> float:
    """The highest word Jaccard between the question and a seed test split question (>= 0.5: kept out)."""
    return nearest(question, TEST)


def write(items: list, name: str, extra: dict[str, dict] | None = None) -> list[dict]:
    """eval/<name>: one Contract-2 item per (id, question, kind, [(doc, quote)]), each quote found verbatim in
    its seed article, gold docs those of its evidence, plus any `extra` fields of its id; a question near a test
    question fails."""
    out = []
    for iid, q, kind, ev in items:
        assert nearest_test(q) < 0.5, iid
        found = []
        for doc, quote in ev:
            m = re.search(r"\s+".join(map(re.escape, quote.split())), (SEEDS / doc).read_text(encoding="utf-8"))
            assert m, (iid, quote)
            found.append((doc, m.group(0)))
        out.append({"id": iid, "question": q, "kind": kind, "evidence": [{"doc": d, "quote": t} for d, t in found],
                    "gold_docs": sorted({d for d, _ in found})} | (extra or {}).get(iid, {}))
    (ROOT / "eval" / name).write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in out), encoding="utf-8")
    return out
