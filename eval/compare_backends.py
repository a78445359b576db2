"""The same questions through the embedded backend and through the `openai` backend talking to
llama-cpp-python's OpenAI-compatible server with the same GGUF: are the answers the same, and what does
the HTTP path cost? Questions alternate between the two, one at a time (never both models at once).

    python eval/compare_backends.py [--dataset eval/seed_questions.jsonl] [--n 10] [--out eval/results/backends]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag.engine import Engine  # noqa: E402
from rag.settings import Settings  # noqa: E402
from tests.model_server import llama_server  # noqa: E402


def summary(ans) -> dict:  # type: ignore[no-untyped-def]
    return {"abstained": ans.abstained,
            "statements": [[st.text, [(c.doc, c.start, c.end) for c in st.citations]] for st in ans.statements],
            "disagreements": [[(s.doc, s.start, s.end) for s in d.sides] for d in ans.disagreements],
            "p_states": {f.doc: round(f.p_states, 3) for f in ans.findings},
            "total_ms": ans.timings_ms["total"], "first_finding_ms": ans.timings_ms.get("first_finding")}


def verdict(same: dict[str, bool]) -> str:
    return "yes" if all(same.values()) else "no: " + ", ".join(k for k, v in same.items() if not v)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", type=Path, default=ROOT / "eval" / "seed_questions.jsonl")
    ap.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    ap.add_argument("--n", type=int, default=10)
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "results" / "backends")
    a = ap.parse_args()
    items = [json.loads(line) for line in a.dataset.read_text().splitlines() if line.strip()][: a.n]
    rows = []
    with tempfile.TemporaryDirectory() as tmp, llama_server() as (base, _):
        embedded = Engine(Settings.from_env(env={}, corpus_dir=a.corpus, index_dir=Path(tmp) / "index"))
        embedded.build_index()
        served = Engine(Settings.from_env(env={}, corpus_dir=a.corpus, index_dir=Path(tmp) / "index",
                                          backend="openai", openai_base_url=base), embedder=embedded.embedder)
        served.use_index(embedded.index())
        embedded.ask("warm-up: how long did the siege last?")  # load the model, evaluate prompt prefixes
        served.ask("warm-up: how long did the siege last?")
        for it in items:
            e, s = summary(embedded.ask(it["question"])), summary(served.ask(it["question"]))
            same = {k: e[k] == s[k] for k in ("abstained", "statements", "disagreements")}
            dp = max((abs(e["p_states"][d] - s["p_states"].get(d, -1)) for d in e["p_states"]), default=0.0)
            rows.append({"id": it["id"], "question": it["question"], "embedded": e, "openai": s, "same": same,
                         "max_p_difference": round(dp, 3)})
            print(f"{it['id']}: same={all(same.values())} max|dP|={dp:.3f} "
                  f"{e['total_ms'] / 1000:.1f} s vs {s['total_ms'] / 1000:.1f} s", flush=True)
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "compare.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    med = {k: statistics.median(r[k]["total_ms"] for r in rows) for k in ("embedded", "openai")}
    identical = sum(all(r["same"].values()) for r in rows)
    lines = [f"# Embedded vs OpenAI-compatible server (same GGUF), {len(rows)} questions of {a.dataset.name}", "",
             f"- identical answers (statements, citations, disagreements): {identical}/{len(rows)}",
             f"- largest |P(states) difference| over all articles read: "
             f"{max(r['max_p_difference'] for r in rows):.3f}",
             f"- answer time p50: embedded {med['embedded'] / 1000:.1f} s, openai {med['openai'] / 1000:.1f} s "
             f"(HTTP path {100 * (med['openai'] / med['embedded'] - 1):+.0f}%)", "",
             "| id | same | max abs dP | embedded s | openai s |", "|---|---|---|---|---|"]
    lines += [f"| {r['id']} | {verdict(r['same'])} | {r['max_p_difference']:.3f} | "
              f"{r['embedded']['total_ms'] / 1000:.1f} | {r['openai']['total_ms'] / 1000:.1f} |" for r in rows]
    (a.out / "compare.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
