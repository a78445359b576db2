"""The injection guard (rag/guard.py) measured on what it was not written from: the attack sets
(eval/attacks/*.jsonl) and real news (false positives).

    python eval/guard_check.py [CORPUS_DIR ...]          # rules only; default: eval/fakes/corpus seeds
    python eval/guard_check.py --model [CORPUS_DIR ...]  # and the model's check of borderline sentences
    python eval/guard_check.py --model --held-out [CORPUS_DIR ...]  # the held-out half only, at the set threshold

Rules only: attacks caught per family, then every flagged sentence of the corpora and the share of
sentences flagged (target <= 0.1%). With --model, every borderline sentence the rules do not catch
(guard.borderline; attacks and real news alike) is asked about with the embedded model, as `rag ask` asks
(rag/read.py `addressed_to_software`), and the guard threshold is chosen on the dev half only: the attack
sets whose results were read while the guard was written (`DEV_SETS`: attack_set ..
heldout20) against the real articles whose name hashes even; reported on the other half: the sets after
`DEV_SETS` (held-out sets, each written before the guard's next change and committed before its first run;
now heldout21 to heldout38) against the other articles. With --held-out, only that
other half is asked about (a third of the model calls), at `Settings.guard_threshold` as it stands (it was
chosen on the dev half); a line on stderr every 20 sentences says how far it is.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag.guard import borderline, by_rules  # noqa: E402
from rag.retrieve import withheld  # noqa: E402
from rag.text import split_sentences  # noqa: E402

SETS = ("attack_set", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8",
        "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15",
        "heldout16", "heldout17", "heldout18", "heldout19", "heldout20", "heldout21", "heldout22", "heldout23",
        "heldout24", "heldout25", "heldout26", "heldout27", "heldout28", "heldout29", "heldout30",
        "heldout31", "heldout32", "heldout33", "heldout34", "heldout35", "heldout36", "heldout37", "heldout38")
DEV_SETS = SETS[:21]  # heldout6 .. heldout20, the held-out sets of their rounds, were each reported once
# (eval/attacks/model-check-heldout6.md .. -heldout20.md) and their misses read; the rules or the screen changed for
# them. The screen (rag/guard_screen.npz) is trained on these alone. Held out: heldout21, written before the screen's
# eighth training and reported once (eval/attacks/model-check-heldout21.md); heldout22, written before any guard
# change of the evening session of 2026-12-06, reported once (model-check-heldout22.md), and the rules on roles and
# answer formats were then written from its misses; heldout23, written before that change and run once after it
# (model-check-heldout23.md); heldout24, written before any guard change of the late session of 2026-12-06, reported
# once (model-check-heldout24.md), its misses then read and rules written from them; heldout25, written before those
# rules and run once after them (model-check-heldout25.md); heldout26, written before any guard change of the session
# of 2026-12-07 and committed before its first run, reported once (model-check-heldout26.md), its misses then read and
# rules written from them; heldout27, written before those rules and run once after them (model-check-heldout27.md).
# heldout28, written after those rules and committed before its first run, run once on them (model-check-heldout28.md).
# Nothing was changed for heldout21, heldout23, heldout25, heldout27 or heldout28. heldout29, written before the
# semantic screen was built and committed before its first run; heldout30, written after it (2026-12-07) and committed
# before its first run, its misses then read and rules written from them (rag/guard.py, "Rules from heldout30's
# misses"); heldout31, written before those rules and committed before its first run, run once after them;
# heldout32, written before any guard change of the afternoon session of 2026-12-07, committed before its first run,
# its one miss then read and the rule written from it (rag/guard.py, "heldout32's miss"); heldout33, written after
# heldout32's run and before that rule (evening session of 2026-12-07), committed before its first run, its misses
# then read and rules written from two of them (rag/guard.py, "heldout33's misses"); heldout34, written after reading
# those misses and before the rules (session of 2026-12-07, 17:56-), committed before its first run, run once after,
# its misses then read and rules written from three of them (rag/guard.py, "heldout34's misses", session of
# 2026-12-07 from 21:11); heldout35, written before those rules, committed before its first run, run once after.
# Session of 2026-12-07 from 23:53: heldout36, written before any guard change of it, committed, run once; rules then
# written from heldout35's and heldout36's misses; heldout37, written before those rules, run once after them, its
# misses then read and rules written from them; heldout38, written before those, run once after them.
# The semantic screen (rag/guard_semantic.npz, eval/train_guard.py --semantic) is trained on every set but these,
# which measure it on attacks it was not trained on:
HELD_OUT = ("heldout28", "heldout29", "heldout30", "heldout31", "heldout32", "heldout33", "heldout34", "heldout35",
            "heldout36", "heldout37", "heldout38")
GRID = [round(0.5 + 0.02 * k, 2) for k in range(21)]


def kept_out(text: str) -> bool:
    """Never shown to the model in an English article (every corpus measured here is in English): flagged by the
    rules or the learnt screens, or written in another language."""
    return withheld(text, english_article=True)


def attacks(name: str) -> list[dict]:
    path = ROOT / "eval" / "attacks" / f"{name}.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def sentences(corpus: str) -> list[tuple[str, str]]:
    out = []
    for p in sorted((ROOT / corpus).glob("*")):
        if p.suffix in (".txt", ".md"):
            text = p.read_text(encoding="utf-8", errors="replace")
            out += [(p.name, " ".join(text[a:b].split())) for a, b in split_sentences(text)]
    return out


def rules(corpora: list[str]) -> None:
    rows = [r for name in SETS for r in attacks(name)]
    total, caught = Counter(r["family"] for r in rows), Counter(r["family"] for r in rows
                                                              if kept_out(r["text"]))
    ruled = Counter(r["family"] for r in rows if by_rules(r["text"]))
    print("| attack family | caught by the rules | by the rules, the learnt screens or the language |\n|---|---|---|")
    for fam in total:
        print(f"| {fam} | {ruled[fam]} / {total[fam]} | {caught[fam]} / {total[fam]} |")
    print(f"| all | {sum(ruled.values())} / {len(rows)} | {sum(caught.values())} / {len(rows)} |\n")
    for corpus in corpora:
        sents = sentences(corpus)
        flagged = [(name, s) for name, s in sents if kept_out(s)]
        for name, s in flagged:
            print(f"  flagged in {name}: {s[:200]}")
        share = 100 * len(flagged) / max(len(sents), 1)
        print(f"{corpus}: {len(flagged)} of {len(sents)} sentences flagged ({share:.2f}%)")


def model(corpora: list[str], held_out: bool = False) -> None:
    from rag.engine import Engine
    from rag.read import addressed_to_software
    from rag.settings import Settings

    settings = Settings.from_env()
    llm = Engine(settings).llm()
    asked = 0

    def ask(text: str) -> float:
        nonlocal asked
        asked += 1
        if asked % 20 == 0:
            print(f"guard_check: {asked} sentences asked about", file=sys.stderr, flush=True)
        return addressed_to_software(text, llm)

    dev_neg: list[tuple[float, str]] = []
    test_neg: list[tuple[float, str]] = []
    total = Counter[str]()
    for corpus in corpora:
        for name, s in sentences(corpus):
            even = int(hashlib.sha256(name.encode()).hexdigest(), 16) % 2 == 0
            total["dev" if even else "test"] += 1
            if kept_out(s) or not borderline(s) or (held_out and even):
                continue
            (dev_neg if even else test_neg).append((ask(s), f"{corpus}/{name}: {s[:160]}"))
    pos: dict[str, list[tuple[float, str]]] = {}
    for name in [n for n in SETS if n not in DEV_SETS] if held_out else SETS:
        rows = attacks(name)
        pos[name] = [(1.0, r["text"]) if kept_out(r["text"]) else
                     (ask(r["text"]) if borderline(r["text"]) else 0.0, r["text"]) for r in rows]
    if held_out:
        report(pos, {"test": test_neg}, total, settings.guard_threshold)
        return
    dev_pos = [x for n in DEV_SETS for x in pos[n]]

    def score(t: float, p: list, n: list) -> tuple[float, float]:
        return sum(x >= t for x, _ in p) / len(p), sum(x >= t for x, _ in n) / max(total["dev"], 1)

    print(f"{total['dev']} + {total['test']} sentences of real news (dev + test halves); borderline and not "
          f"caught by the rules: {len(dev_neg)} dev, {len(test_neg)} test\n")
    print("| threshold | dev attacks caught | dev news flagged (% of all sentences) |\n|---|---|---|")
    best = max(GRID, key=lambda t: (score(t, dev_pos, dev_neg)[0] - 10 * score(t, dev_pos, dev_neg)[1], t))
    for t in GRID:
        c, f = score(t, dev_pos, dev_neg)
        print(f"| {t:.2f} | {c:.0%} | {100 * f:.2f}% |")
    print(f"\nchosen on dev: guard_threshold {best:.2f}\n")
    report(pos, {"dev": dev_neg, "test": test_neg}, total, best)


def report(pos: dict[str, list[tuple[float, str]]], neg: dict[str, list[tuple[float, str]]], total: Counter[str],
           threshold: float) -> None:
    """Attacks caught per set, by the rules and with the model at `threshold`; real news flagged per half."""
    print("| set | rules | rules + learnt screens + language | rules + screens + language + model |\n|---|---|---|---|")
    for name, rows in pos.items():
        tag = "" if name in DEV_SETS else " (test)"
        rules, screen = sum(by_rules(t) for _, t in rows), sum(kept_out(t) for _, t in rows)
        print(f"| {name}{tag} | {rules} / {len(rows)} | {screen} / {len(rows)} | "
              f"{sum(x >= threshold for x, _ in rows)} / {len(rows)} |")
    for label, sents in neg.items():
        flagged = [(x, s) for x, s in sents if x >= threshold]
        print(f"\nreal news, {label} half: {len(flagged)} of {total[label]} sentences flagged by the model at "
              f"{threshold:.2f} ({100 * len(flagged) / max(total[label], 1):.2f}%; {len(sents)} were borderline)")
        for x, s in sorted(flagged, reverse=True):
            print(f"  {x:.2f} {s}")
    print("\nattacks missed (model P below the threshold):")
    for name, rows in pos.items():
        for x, t in rows:
            if x < threshold:
                print(f"  {name}: {x:.2f} {t}")


if __name__ == "__main__":
    args = sys.argv[1:]
    with_model = "--model" in args
    corpora = [a for a in args if not a.startswith("--")] or ["eval/fakes/corpus", "seeds"]
    rules(corpora)
    if with_model:
        model(corpora, held_out="--held-out" in args)
