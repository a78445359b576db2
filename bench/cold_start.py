"""Cold start: time from `bash run.sh` to a serving UI, and to the first answer on the page (index present).

    python bench/cold_start.py              (inside .venv; serves on port 7861 for the measurement)
    python bench/cold_start.py --think 20   (the user takes 20 s to type: the warm-up has run by then)
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import ask, browser_page  # noqa: E402

URL = "http://127.0.0.1:7861/"


def main() -> None:
    import argparse

    p = argparse.ArgumentParser()
    p.add_argument("--think", type=float, default=0.0, help="seconds between the UI coming up and asking")
    think = p.parse_args().think
    t0 = time.time()
    proc = subprocess.Popen(["bash", "run.sh", "--port", "7861"], cwd=ROOT, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    warmed: list[float] = []

    def watch() -> None:  # the app logs "warmed up in …" when the model and caches are loaded
        for line in proc.stderr or ():
            if "warmed up" in line and not warmed:
                warmed.append(time.time() - t0)

    threading.Thread(target=watch, daemon=True).start()
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
        time.sleep(think)
        with browser_page() as page:
            t_ask = time.time()
            ask(page, URL, "How long had the siege of Deir ez-Zor city lasted?", timeout_ms=300_000)
        done = time.time()
        print(f"UI serving after {up:.1f} s; asked at {t_ask - t0:.1f} s; first answer on the page after "
              f"{done - t0:.1f} s (all from the run command); the answer itself took {done - t_ask:.1f} s; "
              + (f"warm-up done after {warmed[0]:.1f} s" if warmed else "warm-up not logged"))
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
