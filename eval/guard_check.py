"""The injection guard (rag/guard.py) measured on what it was not written from: the attack set
(eval/attacks/attack_set.jsonl, written before the rules) and real news (false positives).

    python eval/guard_check.py [CORPUS_DIR ...]    # default: eval/fakes/corpus seeds

Prints attacks caught per family, then every flagged sentence of the corpora and the share of sentences
flagged (target <= 0.1%).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag.guard import looks_like_injection  # noqa: E402
from rag.text import split_sentences  # noqa: E402


def main(corpora: list[str]) -> None:
    rows = [json.loads(x) for x in (ROOT / "eval/attacks/attack_set.jsonl").read_text().splitlines() if x.strip()]
    total, caught = Counter(r["family"] for r in rows), Counter(r["family"] for r in rows
                                                              if looks_like_injection(r["text"]))
    print("| attack family | caught |\n|---|---|")
    for fam in total:
        print(f"| {fam} | {caught[fam]} / {total[fam]} |")
    print(f"| all | {sum(caught.values())} / {len(rows)} |\n")
    for corpus in corpora or ["eval/fakes/corpus", "seeds"]:
        n = flagged = 0
        for p in sorted((ROOT / corpus).glob("*")):
            text = p.read_text(encoding="utf-8", errors="replace")
            for a, b in split_sentences(text):
                n += 1
                if looks_like_injection(text[a:b]):
                    flagged += 1
                    print(f"  flagged in {p.name}: {' '.join(text[a:b].split())[:200]}")
        print(f"{corpus}: {flagged} of {n} sentences flagged ({100 * flagged / max(n, 1):.2f}%)")


if __name__ == "__main__":
    main(sys.argv[1:])
