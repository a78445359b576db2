"""Prompt and generation tokens/s of llama.cpp builds on this machine, each in its own child process (a
build this CPU traps dies there, and is reported as such, not as a crash of the bench).

    python bench/llama_speed.py                       # the installed build
    python bench/llama_speed.py DIR [DIR ...]         # builds installed with `pip install --target DIR`
    python bench/llama_speed.py --build baseline      # compile the AVX2 baseline wheel first (rag/llama_build.py)

Each child loads the packaged model, evaluates a 512-token prompt three times (the best run counts) and
generates 64 tokens greedily.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag import llama_build  # noqa: E402
from rag.model_files import ensure_gguf  # noqa: E402
from rag.settings import Settings  # noqa: E402

CHILD = r"""
import json, sys, time
from llama_cpp import Llama
llm = Llama(model_path=sys.argv[1], n_ctx=1024, n_threads=2, verbose=False, seed=0)
words = ("the flood in the valley killed fourteen people on tuesday and the mayor said the dam failed after "
         "three days of heavy rain while rescue teams arrived from the north ").split()
text = " ".join(words[i % len(words)] for i in range(2000))
tokens = llm.tokenize(text.encode())[:512]
best = 1e9
for _ in range(3):
    llm.reset()
    t = time.perf_counter(); llm.eval(tokens); best = min(best, time.perf_counter() - t)
llm.reset()
prompt = llm.tokenize(b"Write a short news report about a flood.")
t = time.perf_counter(); n = 0
for tok in llm.generate(prompt, temp=0.0):
    n += 1
    if n == 64:
        break
gen = time.perf_counter() - t
print(json.dumps({"prompt_tok_s": len(tokens) / best, "gen_tok_s": n / gen}))
"""


def measure(gguf: Path, target: str | None) -> dict[str, object]:
    env = dict(os.environ)
    if target:
        env["PYTHONPATH"] = target + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, "-c", CHILD, str(gguf)], capture_output=True, text=True, env=env)
    if proc.returncode < 0:
        return {"error": f"killed by signal {-proc.returncode}"}
    if proc.returncode:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("targets", nargs="*")
    p.add_argument("--build", choices=["baseline", "tuned"], action="append", default=[])
    a = p.parse_args()
    targets: list[tuple[str, str | None]] = [("installed", None)] if not a.targets and not a.build else []
    for kind in a.build:
        b = llama_build.choose(llama_build.cpu_flags(), baseline=kind == "baseline")
        wheel = llama_build.build_wheel(b, log=print)
        dest = Path("/tmp") / f"llama-{b.key}"
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(dest), str(wheel)],
                       check=True)
        targets.append((f"{kind}: {b.cmake_args}", str(dest)))
    targets += [(t, t) for t in a.targets]
    gguf = ensure_gguf(Settings.from_env().model_dir)
    print("| build | prompt tok/s (512 tokens) | generation tok/s (64 tokens) |\n|---|---|---|")
    for name, target in targets:
        t0 = time.perf_counter()
        r = measure(gguf, target)
        cells = [r["error"], "–"] if "error" in r else [f"{r['prompt_tok_s']:.1f}", f"{r['gen_tok_s']:.1f}"]
        print(f"| {name} | {cells[0]} | {cells[1]} |  <!-- {time.perf_counter() - t0:.0f} s -->", flush=True)


if __name__ == "__main__":
    main()
