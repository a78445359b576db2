"""Where an answer set loses its gold evidence: each gold evidence quote of an answerable item that no citation
overlaps, put in one class by what the answer's findings say of its article.

    python eval/misses.py DATASET ANSWERS CORPUS [-v]

Classes, first that applies: the question abstained; the article is cited, at another sentence ("other span");
the article was read and its answer refused or not given ("read, dropped"); retrieved but not read (in the
answer's `unread`); not retrieved. `-v` lists each miss with its quote. The spans are found as the scorer
finds them (`../shared/score.py`: the quote's first occurrence, whitespace-insensitive).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path


def span(text: str, quote: str) -> tuple[int, int] | None:
    m = re.search(r"\s+".join(map(re.escape, quote.split())), text)
    return (m.start(), m.end()) if m else None


def misses(items: dict[str, dict], answers: dict[str, dict], corpus: Path) -> list[tuple[str, str, str, str]]:
    """(item id, class, doc, quote) for each gold evidence quote no citation overlaps."""
    out = []
    for iid, it in items.items():
        if it["kind"] == "unanswerable" or iid not in answers:
            continue
        a = answers[iid]
        cs = [c for s in a["statements"] for c in s["citations"]] + [c for d in a["disagreements"] for c in d["sides"]]
        read = {f["doc"] for f in a.get("findings", [])}
        for e in it["evidence"]:
            sp = span((corpus / e["doc"]).read_text(encoding="utf-8"), e["quote"])
            if sp and any(c["doc"] == e["doc"] and c["start"] < sp[1] and c["end"] > sp[0] for c in cs):
                continue
            kind = ("abstained" if a["abstained"] or not a["statements"] else
                    "other span" if any(c["doc"] == e["doc"] for c in cs) else
                    "read, dropped" if e["doc"] in read else
                    "not read" if e["doc"] in a.get("unread", []) else "not retrieved")
            out.append((iid, kind, e["doc"], e["quote"]))
    return out


def main(argv: list[str]) -> None:
    dataset, answers, corpus = argv[:3]
    items = {json.loads(x)["id"]: json.loads(x) for x in Path(dataset).read_text(encoding="utf-8").splitlines() if x}
    got = {json.loads(x)["id"]: json.loads(x) for x in Path(answers).read_text(encoding="utf-8").splitlines() if x}
    found = misses(items, got, Path(corpus))
    print(dict(Counter(k for _, k, _, _ in found).most_common()))
    if "-v" in argv:
        for row in found:
            print(" | ".join((row[0], row[1], row[2], row[3][:110])))


if __name__ == "__main__":
    main(sys.argv[1:])
