"""Several people asking at once through the real UI server (Gradio queue, one answering job at a time):
how long each question waits before its answer starts, and how long the answer then takes.

    python bench/load.py --users 4 --questions 2            # embedded model, seed corpus
    python bench/load.py --users 4 --questions 3 --fake     # the extractive fake (checks order, not speed)

Each user is a gradio_client session that asks a question, waits for its answer, then asks the next.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag.engine import Engine  # noqa: E402
from rag.settings import Settings  # noqa: E402


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=4)
    ap.add_argument("--questions", type=int, default=2)
    ap.add_argument("--dataset", type=Path, default=ROOT / "eval" / "dev_questions.jsonl")
    ap.add_argument("--fake", action="store_true", help="the extractive fake model instead of the embedded one")
    a = ap.parse_args()

    from gradio_client import Client

    import app
    from tests.browser import free_port

    qs = [json.loads(x)["question"] for x in a.dataset.read_text().splitlines() if x.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        s = Settings.from_env(corpus_dir=ROOT / "seeds", index_dir=Path(tmp) / "index", uploads_dir=None,
                              questions_per_minute=1000)
        llm = None
        if a.fake:
            from tests.fakes import ExtractiveLLM

            llm = ExtractiveLLM()
        engine = Engine(s, llm=llm)
        engine.build_index()
        engine.warm_up()
        demo = app.build_ui(engine)
        port = free_port()
        demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
        url = f"http://127.0.0.1:{port}/"
        label = next(k for k, v in app.BACKENDS.items() if v == s.backend)
        options = [getattr(s, f) for f, _ in app.OPTIONS]
        rows: list[dict] = []
        lock = threading.Lock()

        def user(u: int) -> None:
            c = Client(url, verbose=False)
            for k in range(a.questions):
                q = qs[(u * a.questions + k) % len(qs)]
                t0 = time.monotonic()
                c.predict(q, label, s.read_articles, *options, api_name="/ask")
                job = c.submit(api_name="/answer")
                started = None
                for _ in job:
                    started = started or time.monotonic()
                out = job.outputs()[-1] if job.outputs() else None
                done = time.monotonic()
                chat = out[0] if out else []
                last = chat[-1]["content"] if chat else ""
                text = last if isinstance(last, str) else json.dumps(last)
                with lock:
                    rows.append({"user": u, "question": q, "wait_s": (started or done) - t0,
                                 "answer_s": done - (started or done), "total_s": done - t0,
                                 "turns": len(chat) // 2, "ok": "⏳" not in text and "Could not answer" not in text,
                                 "in_order": len(chat) // 2 == k + 1})

        t0 = time.monotonic()
        threads = [threading.Thread(target=user, args=(u,)) for u in range(a.users)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - t0
        demo.close()
    waits, answers, totals = ([r[k] for r in rows] for k in ("wait_s", "answer_s", "total_s"))
    print(f"{a.users} users x {a.questions} questions, {'fake' if a.fake else engine.llm().name}; wall {wall:.1f} s")
    print(f"answers complete: {sum(r['ok'] for r in rows)}/{len(rows)}; each in its own turn, in order: "
          f"{sum(r['in_order'] for r in rows)}/{len(rows)}")
    print("| | p50 | p95 | max |\n|---|---|---|---|")
    for name, xs in (("wait before the answer starts", waits), ("answer (first stage to final)", answers),
                     ("question to final answer", totals)):
        print(f"| {name} | {pct(xs, 0.5):.1f} s | {pct(xs, 0.95):.1f} s | {max(xs):.1f} s |")
    print(f"mean answer {statistics.mean(answers):.1f} s")


if __name__ == "__main__":
    main()
