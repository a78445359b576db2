"""Cold start: time from `bash run.sh` to a serving UI, and to the first answer on the page (index present).

    python bench/cold_start.py      (inside .venv; serves on port 7861 for the measurement)
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import ask, browser_page  # noqa: E402

URL = "http://127.0.0.1:7861/"


def main() -> None:
    t0 = time.time()
    proc = subprocess.Popen(["bash", "run.sh", "--port", "7861"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                urllib.request.urlopen(URL, timeout=1)
                break
            except OSError:
                if time.time() - t0 > 600:
                    raise SystemExit("the UI did not come up in 10 minutes") from None
                time.sleep(0.2)
        up = time.time() - t0
        with browser_page() as page:
            ask(page, URL, "How long had the siege of Deir ez-Zor city lasted?", timeout_ms=300_000)
        print(f"UI serving after {up:.1f} s; first answer on the page after {time.time() - t0:.1f} s "
              "(both from the run command)")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
