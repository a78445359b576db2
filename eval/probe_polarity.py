"""Probe how the reply to a yes/no question can be read, on dev items only (results:
eval/results/polarity/probe.md).

    python eval/probe_polarity.py SEED_DEV5_ANSWERS DEV9_ANSWERS SEED_DEV4_ANSWERS NEWS2_DEV_ANSWERS

Cases, from the answers of a dev run (each article's kept sentences) and the items' evidence: each
article's answer citing its evidence (expected: the reply the item gives), the evidence sentences
themselves (same), and each other answer (expected: unknown; they cite no evidence sentence). Per case,
P(yes) for several ways to ask over the sentences alone, and whether they hold a negation
(rag/polarity.NEGATION). Prints every case, then for the cases with a yes or no reply: each variant's AUC
(yes against no) and the accuracy of "no when a negation and P(yes) < t".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag import prompts  # noqa: E402
from rag.engine import Engine  # noqa: E402
from rag.guard import neutralise  # noqa: E402
from rag.llm import label_probs  # noqa: E402
from rag.polarity import NEGATION  # noqa: E402
from rag.settings import Settings  # noqa: E402

SETS = (("eval/seed_dev5.jsonl", "seeds"), ("eval/fakes/dev9.jsonl", "eval/fakes/corpus"),
        ("eval/seed_dev4.jsonl", "seeds"), ("eval/news2_dev.jsonl", "eval/news2"))
# each article's reply for the dev items written before `reply` was (read from their evidence)
REPLIES = {"sd4-01": {"000_68e764afd11ad70c.txt": "yes", "002_b8fb5e990e0f894b.txt": "yes",
                      "003_a2fc9c505f260e89.txt": "yes", "004_0c0131f657d60236.txt": "no"},
           "sd4-04": {"000_68e764afd11ad70c.txt": "no", "004_0c0131f657d60236.txt": "yes"},
           "sd4-15": {"003_a2fc9c505f260e89.txt": "yes", "001_a94b38f155a9604f.txt": "yes"},
           "n03": {"03_labour_voice.txt": "both"},
           "n10": {"05_aurel_daily.txt": "yes", "06_free_aurel_radio.txt": "no"}}
SYSTEM = prompts.POLARITY_SYSTEM  # the pipeline's; the probe was run with this very text
BINARY = {"C": "According to these sentences, what is the answer to the question? Reply yes or no.",
          "E": "Answer the question with yes or no, from these sentences alone.",
          "DY": "Do these sentences say that the answer to the question is yes? Reply yes or no.",
          "DN": "Do these sentences say that the answer to the question is no? Reply yes or no."}
THREE = {"A": "Do these sentences answer the question yes, answer it no, or not say? Reply yes, no or unknown.",
         "B": "According to these sentences alone, what is the answer to the question: yes or no? If they do not "
              "say, reply unknown."}


def messages(question: str, sentences: list[str], ask: str) -> list[dict[str, str]]:
    body = "\n".join(f"[{i}] {neutralise(s)}" for i, s in enumerate(sentences, 1))
    user = f"{body}\n\nQuestion: {question}\n{ask}"
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def sentence_around(text: str, quote: str) -> str:
    i = text.find(quote)
    a = max(text.rfind(". ", 0, i), text.rfind("\n", 0, i)) + 1
    b = text.find(". ", i + len(quote) - 1)
    return text[a:len(text) if b < 0 else b + 1].strip()


def cases(answer_files: list[str]) -> list[tuple[str, str, list[str], str, str]]:
    out = []
    for (ds, corpus), answers in zip(SETS, answer_files, strict=True):
        items = {json.loads(line)["id"]: json.loads(line) for line in open(ROOT / ds, encoding="utf-8")}
        for line in open(answers, encoding="utf-8"):
            a = json.loads(line)
            it = items[a["id"]]
            per = it.get("replies") or REPLIES.get(a["id"]) or (
                {d: it["reply"] for d in it["gold_docs"]} if "reply" in it else None)
            if per is None:
                continue
            for f in a["findings"]:
                if not f.get("answer"):
                    continue
                ev = [e["quote"] for e in it["evidence"] if e["doc"] == f["doc"]]
                hit = any(e in c["quote"] or c["quote"] in e for e in ev for c in f["citations"])
                out.append((a["id"], it["question"], [c["quote"] for c in f["citations"]],
                            per.get(f["doc"], "both") if hit else "unknown", "kept"))
            for d, rep in per.items():
                text = (ROOT / corpus / d).read_text(encoding="utf-8")
                sents = [sentence_around(text, e["quote"]) for e in it["evidence"] if e["doc"] == d]
                if sents:
                    out.append((a["id"], it["question"], sents, rep, "gold"))
    return out


def auc(pos: list[float], neg: list[float]) -> float:
    return sum((a > b) + 0.5 * (a == b) for a in pos for b in neg) / max(1, len(pos) * len(neg))


def main(answer_files: list[str]) -> None:
    llm = Engine(Settings.from_env(corpus_dir=ROOT / "seeds", index_dir=ROOT / "index" / "dev" / "seeds")).llm()
    rows = []
    for cid, question, sents, want, source in cases(answer_files):
        p = {k: label_probs(llm, messages(question, sents, ask), ("yes", "no"))["yes"] for k, ask in BINARY.items()}
        three = {k: label_probs(llm, messages(question, sents, ask), ("yes", "no", "unknown"))
                 for k, ask in THREE.items()}
        neg = bool(NEGATION.search(" ".join(sents)))
        rows.append((want, p, neg, three))
        best = " ".join(f"{k}:{max(v, key=lambda lab: v[lab])}" for k, v in three.items())
        print(cid, source, "want", want, "neg" if neg else "   ", " ".join(f"{k}:{v:.2f}" for k, v in p.items()),
              best, "|", sents[0][:60], flush=True)
    lab = [r for r in rows if r[0] in ("yes", "no")]
    print(f"\n{len(lab)} cases with a yes or no reply ({sum(r[0] == 'no' for r in lab)} no); "
          f"{sum(r[0] == 'unknown' for r in rows)} other answers")
    for k in BINARY:
        yes, no = [r[1][k] for r in lab if r[0] == "yes"], [r[1][k] for r in lab if r[0] == "no"]
        print(f"{k}: AUC yes vs no {auc(yes, no):.3f}")
    for k in THREE:
        right = sum(max(r[3][k], key=lambda lab: r[3][k][lab]) == r[0] for r in rows if r[0] != "both")
        print(f"{k} (yes, no or unknown): {right} of {sum(r[0] != 'both' for r in rows)} right")
    print(f"negation alone: {sum(r[2] == (r[0] == 'no') for r in lab)} of {len(lab)} right")
    for k in BINARY:
        for t in (0.5, 0.6, 0.7, 0.8):
            both = sum((r[2] and r[1][k] < t) == (r[0] == "no") for r in lab)
            alone = sum((r[1][k] < t) == (r[0] == "no") for r in lab)
            other = sum(r[2] and r[1][k] < t for r in rows if r[0] == "unknown")
            print(f"{k} t={t}: negation and P<t {both}, P<t alone {alone} of {len(lab)}; "
                  f"other answers read no: {other}")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(sys.argv[1:])
