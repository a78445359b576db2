"""How yes/no answers read their articles, for dev items that carry the reply their articles give
(`reply`: yes, no or both, an extra field the scorer ignores; eval/seed_dev5.jsonl, eval/fakes/dev9.jsonl).

    python eval/polarity.py DATASET ANSWERS [DATASET ANSWERS ...]

Per yes/no item, each article's answer is read as the program reads it (`rag.polarity.said_in`: its leading Yes
or No, else no when it says no in words) and counted as: right (it cites an evidence sentence and says the
reply that sentence gives), wrong (it cites one and says the other reply), beside (a gold article's answer
citing none of its evidence sentences) or elsewhere (another article's). A disputed item gives each
article's reply in `replies` ({doc: yes|no}); without it any reply of a gold article counts as right.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rag.polarity import said_in  # noqa: E402


def tally(dataset: str, answers: str) -> dict[str, int]:
    items = {json.loads(line)["id"]: json.loads(line) for line in open(dataset, encoding="utf-8")}
    out = {"items": 0, "right": 0, "wrong": 0, "beside": 0, "elsewhere": 0, "gold answered": 0, "gold replies": 0}
    for line in open(answers, encoding="utf-8"):
        a = json.loads(line)
        it = items[a["id"]]
        if "reply" not in it:
            continue
        out["items"] += 1
        per = it.get("replies") or {e["doc"]: it["reply"] for e in it["evidence"]}
        out["gold replies"] += len(per)
        for f in a.get("findings", []):
            if not f.get("answer"):
                continue
            ev = [e["quote"] for e in it["evidence"] if e["doc"] == f["doc"]]
            hit = any(e in c["quote"] or c["quote"] in e for e in ev for c in f["citations"])
            if not hit:
                out["beside" if f["doc"] in it["gold_docs"] else "elsewhere"] += 1
                continue
            out["gold answered"] += 1
            want = per.get(f["doc"], "both")
            out["right" if want in ("both", said_in(f["answer"])) else "wrong"] += 1
    return out


def main(args: list[str]) -> None:
    for dataset, answers in zip(args[::2], args[1::2], strict=True):
        t = tally(dataset, answers)
        print(f"{dataset}: {t['items']} yes/no items, {t['gold replies']} articles' replies: "
              f"{t['gold answered']} answered citing the evidence, {t['right']} right, {t['wrong']} wrong; "
              f"citing no evidence sentence: {t['beside']} from a gold article, {t['elsewhere']} from others")


if __name__ == "__main__":
    main(sys.argv[1:])
