"""Development loop, for dev splits: `rag eval` against an index of the corpus kept under index/dev/ (built
once, updated when the corpus changes) instead of a fresh one, then shared/score.py's figures.

    python eval/dev.py DATASET CORPUS OUT [--limit N]

Settings are overridden as usual, by RAG_* variables (e.g. RAG_READ_THRESHOLD=0.5). Never run it on a
test split to choose anything: calibrate on dev, report on test with `rag eval` (README, Calibration).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag.evaluate import run_eval  # noqa: E402
from rag.settings import Settings  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("dataset", type=Path)
    p.add_argument("corpus", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--limit", type=int)
    a = p.parse_args()
    ix = ROOT / "index" / "dev" / a.corpus.resolve().name
    report = run_eval(a.dataset, a.corpus, a.out, Settings.from_env(), limit=a.limit, progress=True, index_dir=ix)
    print(report.markdown_table())
    scorer = ROOT.parent / "shared" / "score.py"
    if scorer.exists():
        subprocess.run([sys.executable, str(scorer), str(a.dataset), str(a.out / "answers.jsonl"), str(a.corpus)],
                       check=False)


if __name__ == "__main__":
    main()
