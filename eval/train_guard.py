"""Train the guard's learnt screens (rag/guard.py `screen_score`, `meaning_score`) and say how well they generalise.

    python eval/train_guard.py            # report, then write rag/guard_screen.npz
    python eval/train_guard.py --report   # report only
    python eval/train_guard.py --semantic [--report]   # the semantic screen: rag/guard_semantic.npz

Positives: every dev attack set (eval/attacks/, DEV_SETS of eval/guard_check.py). Negatives: every view
(`guard.views`: the sentence, its sentences and pieces) of every sentence of the real and generated articles
whose file name hashes even (the dev half; eval/fakes/corpus, seeds, eval/news2, eval/archive), and the
sentences of eval/guard_benign.jsonl (news about AI, summaries, orders and corrections); the odd half is
never seen here and only reported on. Model: a logistic regression (scikit-learn, L2, C=10, classes
balanced) over `guard.features`. Threshold: just above the score of
the third highest-scoring dev news sentence out of fold (5 folds, by sentence; a sentence scores as its
highest-scoring view), so at most 2 of the 4,281 dev sentences of news would be flagged by a screen not
trained on them (the target is 0.1%).

First, leave one attack set out: for each of the four latest dev sets, a screen trained without it (and
with its own out-of-fold threshold) is scored on it. That is how the screen does on attacks it was not
trained on; the rules' count beside it is for comparison (the rules were written after reading all but the
last). Deterministic: the same files give the same weights.

The semantic screen (`--semantic`): the same regression (C=1, classes balanced) over each sentence's
all-MiniLM-L6-v2 vector (`guard._encoder`, the vectors the guard computes at run time), the attacks' normalised
text against every view of the dev half of the news and the benign sentences; the same out-of-fold threshold.
Positives: every attack set but `guard_check.HELD_OUT` (heldout28 .. heldout31), which report it; negatives as
`semantic_negatives`. C was chosen before the hard negatives were added, by leaving one set out (0.3, 1, 3 and
10 tried; heldout27 left out: 34, 35, 37, 36 of 40 with the rest of the guard) and by the test half of the news
(2, 3, 4, 4 sentences flagged): 1, the most caught with the test half's news under 0.1%. The test half of the news
thus informed this one choice; its figures are not an untouched measure of C.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, vstack
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from guard_check import DEV_SETS, HELD_OUT, SETS, attacks, sentences  # noqa: E402

from rag.guard import (  # noqa: E402
    BUCKETS,
    SCREEN_FILE,
    SEMANTIC_FILE,
    _encoder,
    by_rules,
    features,
    looks_like_injection,
    normalised,
    other_language,
    views,
)

CORPORA = ("eval/fakes/corpus", "seeds", "eval/news2", "eval/archive")
C = 10.0
FOLDS = 5
ALLOWED = 2  # dev news sentences out of fold above the threshold: 0.05% of them (the target is 0.1%)


def news(half: str) -> list[str]:
    """The sentences of the articles whose file name hashes even ("dev") or odd ("test")."""
    return [s for corpus in CORPORA for name, s in sentences(corpus)
            if (int(hashlib.sha256(name.encode()).hexdigest(), 16) % 2 == 0) == (half == "dev")]


def benign() -> list[str]:
    """Sentences of news about AI, summaries, orders and corrections (eval/guard_benign.jsonl, written for
    this): what a screen trained on Syrian war news alone takes for attacks."""
    return lines("guard_benign.jsonl")


def lines(name: str) -> list[str]:
    """The "text" of each line of eval/<name> (JSONL)."""
    path = ROOT / "eval" / name
    return [json.loads(x)["text"] for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def matrix(texts: list[str]) -> csr_matrix:
    rows = [features(t) for t in texts]
    indptr = np.cumsum([0] + [len(i) for i, _ in rows])
    idx = np.concatenate([i for i, _ in rows]) if rows else np.zeros(0, np.int64)
    val = np.concatenate([v for _, v in rows]) if rows else np.zeros(0, np.float32)
    return csr_matrix((val, idx, indptr), shape=(len(texts), 2 * BUCKETS))


class Negatives:
    """Every view (`guard.views`) of each news sentence as the screen reads it (`encode`: hashed n-grams, or
    all-MiniLM-L6-v2 vectors for the semantic screen), and which sentence it is a view of."""

    def __init__(self, sentences: list[str], encode: Callable[[list[str]], Any] = matrix) -> None:
        seen = [(k, v) for k, s in enumerate(sentences) for v in views(s)]
        self.sentences, self.group = sentences, np.array([k for k, _ in seen])
        self.X = encode([v for _, v in seen])

    def flagged(self, scores: np.ndarray, t: float) -> np.ndarray:
        """Which sentences have a view scoring t or more."""
        return np.unique(self.group[scores >= t])


def top(test: Negatives, scores: np.ndarray, t: float, k: int) -> None:
    """Print the k test sentences whose views score highest, and which of them reach the threshold t."""
    best: dict[int, float] = {}
    for g, x in zip(test.group, scores, strict=True):
        best[g] = max(best.get(g, 0.0), float(x))
    for g, x in sorted(best.items(), key=lambda kv: -kv[1])[:k]:
        print(f"  {x:.3f} {'FLAGGED ' if x >= t else ''}{test.sentences[g][:150]}")


def fit(pos: csr_matrix, neg: csr_matrix) -> LogisticRegression:
    y = np.r_[np.ones(pos.shape[0]), np.zeros(neg.shape[0])]
    return LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(vstack([pos, neg]), y)


def out_of_fold(pos: Any, neg: Negatives, fitter: Callable[[Any, Any], LogisticRegression] = fit) -> np.ndarray:
    """Each dev news sentence's score (its highest-scoring view) from a screen not trained on it (a
    sentence's views share its fold)."""
    fold = neg.group % FOLDS
    oof = np.zeros(neg.X.shape[0])
    for k in range(FOLDS):
        oof[fold == k] = fitter(pos, neg.X[fold != k]).predict_proba(neg.X[fold == k])[:, 1]
    best = np.zeros(len(neg.sentences))
    np.maximum.at(best, neg.group, oof)
    return best


def threshold(pos: Any, neg: Negatives, fitter: Callable[[Any, Any], LogisticRegression] = fit) -> float:
    """Just above the out-of-fold score of the (ALLOWED + 1)-th highest-scoring dev news sentence: at most
    ALLOWED dev sentences would be flagged by a screen not trained on them."""
    return round(float(np.sort(out_of_fold(pos, neg, fitter))[::-1][ALLOWED]) + 0.005, 3)


def train(X: dict[str, csr_matrix] | None = None, neg: Negatives | None = None) -> tuple[LogisticRegression, float]:
    """The screen on every dev attack set against the dev half of real news, and its threshold."""
    X = X or {name: matrix([r["text"] for r in attacks(name)]) for name in DEV_SETS}
    neg = neg or Negatives(news("dev") + benign())
    pos = vstack(list(X.values()))
    return fit(pos, neg.X), threshold(pos, neg)


def main(write: bool) -> None:
    sets = {name: [r["text"] for r in attacks(name)] for name in DEV_SETS}
    X = {name: matrix(texts) for name, texts in sets.items()}
    neg, test = Negatives(news("dev") + benign()), Negatives(news("test"))
    print(f"{sum(map(len, sets.values()))} dev attacks in {len(sets)} sets; real news: {len(neg.sentences)} dev "
          f"sentences ({neg.X.shape[0]} views), {len(test.sentences)} test sentences\n")
    print("| left out of training | threshold | caught by the screen | by the rules | by either | test news flagged "
          "|\n|---|---|---|---|---|---|")
    for held in DEV_SETS[-4:]:
        pos = vstack([X[n] for n in DEV_SETS if n != held])
        t, m = threshold(pos, neg), fit(pos, neg.X)
        got = np.array([max(m.predict_proba(matrix(views(s)))[:, 1]) >= t for s in sets[held]])
        rules = np.array([by_rules(s) for s in sets[held]])
        flagged = len(test.flagged(m.predict_proba(test.X)[:, 1], t))
        print(f"| {held} | {t:.3f} | {int(got.sum())} / {len(got)} | {int(rules.sum())} | {int((got | rules).sum())} | "
              f"{flagged} / {len(test.sentences)} |")
    m, t = train(X, neg)
    scores = m.predict_proba(test.X)[:, 1]
    print(f"\nall dev sets: threshold {t:.3f}; test-half news flagged: {len(test.flagged(scores, t))} of "
          f"{len(test.sentences)}; the test sentences with the highest view scores:")
    top(test, scores, t, 5)
    if write:
        np.savez_compressed(SCREEN_FILE, weights=m.coef_[0].astype(np.float16), bias=np.float32(m.intercept_[0]),
                            threshold=np.float32(t))
        print(f"\nwrote {SCREEN_FILE.relative_to(ROOT)} ({SCREEN_FILE.stat().st_size // 1024} KB)")


SEMANTIC_C = 1.0


def rest_of_guard(sentence: str) -> bool:
    """What keeps a sentence from the model without the semantic screen: the rules, the learnt screen, the
    language test (an attack is planted in an English article)."""
    return looks_like_injection(sentence, meaning=False) or other_language(sentence)


def fit_semantic(pos: np.ndarray, neg: np.ndarray) -> LogisticRegression:
    y = np.r_[np.ones(len(pos)), np.zeros(len(neg))]
    return LogisticRegression(C=SEMANTIC_C, class_weight="balanced", max_iter=5000).fit(np.r_[pos, neg], y)


def attack_vectors(names: list[str]) -> np.ndarray:
    return _encoder().embed([normalised(r["text"]) for n in names for r in attacks(n)])


def vectors(texts: list[str]) -> np.ndarray:
    return _encoder().embed(texts)


def caught(m: LogisticRegression, t: float, sentence: str) -> bool:
    """The semantic screen m at threshold t flags a view of the sentence."""
    return bool(max(m.predict_proba(vectors(views(sentence)))[:, 1]) >= t)


def semantic_negatives() -> list[str]:
    """The dev half of the news, the benign sentences, and the semantic screen's hard negatives
    (eval/guard_benign_semantic.jsonl: news about AI and software, corrections, advisories, page furniture;
    without them it flagged 7 of the 40 held-out benign sentences of eval/guard_benign_test.jsonl, with them 3)."""
    return news("dev") + benign() + lines("guard_benign_semantic.jsonl")


def train_semantic(neg: Negatives | None = None) -> tuple[LogisticRegression, float]:
    """The semantic screen on every attack set but the held-out ones, against `semantic_negatives`."""
    pos = attack_vectors([n for n in SETS if n not in HELD_OUT])
    neg = neg or Negatives(semantic_negatives(), vectors)
    return fit_semantic(pos, neg.X), threshold(pos, neg, fit_semantic)


def main_semantic(write: bool) -> None:
    train_sets = [n for n in SETS if n not in HELD_OUT]
    neg, test = Negatives(semantic_negatives(), vectors), Negatives(news("test"), vectors)
    print(f"semantic screen: {len(train_sets)} attack sets; real news: {len(neg.sentences)} dev sentences, "
          f"{len(test.sentences)} test sentences\n")
    print("| left out of training | threshold | caught by it | by the rest of the guard | by either | test news "
          "flagged |\n|---|---|---|---|---|---|")
    for held in train_sets[-4:]:
        pos = attack_vectors([n for n in train_sets if n != held])
        t, m = threshold(pos, neg, fit_semantic), fit_semantic(pos, neg.X)
        texts = [r["text"] for r in attacks(held)]
        got = np.array([caught(m, t, s) for s in texts])
        rest = np.array([rest_of_guard(s) for s in texts])
        print(f"| {held} | {t:.3f} | {int(got.sum())} / {len(got)} | {int(rest.sum())} | {int((got | rest).sum())} | "
              f"{len(test.flagged(m.predict_proba(test.X)[:, 1], t))} / {len(test.sentences)} |")
    m, t = train_semantic(neg)
    scores = m.predict_proba(test.X)[:, 1]
    print(f"\nall but {', '.join(HELD_OUT)}: threshold {t:.3f}; test-half news flagged: "
          f"{len(test.flagged(scores, t))} of {len(test.sentences)}; the test sentences with the highest scores:")
    top(test, scores, t, 6)
    kept = lines("guard_benign_test.jsonl")
    flagged = [s for s in kept if caught(m, t, s)]
    print(f"held-out benign sentences (eval/guard_benign_test.jsonl) flagged: {len(flagged)} of {len(kept)}")
    for s in flagged:
        print(f"  {s}")
    for held in HELD_OUT:
        texts = [r["text"] for r in attacks(held)]
        got = sum(caught(m, t, s) for s in texts)
        print(f"held out, {held}: caught by the semantic screen {got} of {len(texts)}")
    if write:
        np.savez_compressed(SEMANTIC_FILE, weights=m.coef_[0].astype(np.float32), bias=np.float32(m.intercept_[0]),
                            threshold=np.float32(t))
        print(f"\nwrote {SEMANTIC_FILE.relative_to(ROOT)} ({SEMANTIC_FILE.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    if "--semantic" in sys.argv[1:]:
        main_semantic(write="--report" not in sys.argv[1:])
    else:
        main(write="--report" not in sys.argv[1:])
