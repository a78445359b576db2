"""Does the embedded model run on this machine? Checked in a child process, so that a build using an
instruction the machine traps (SIGILL) kills the child, not the caller.

`check(gguf)` loads the model in a child and evaluates a few tokens. Its verdict is remembered in
`<venv>/.rag-model-check.json` keyed by the llama.cpp library file and this machine's CPU flags, so set-up,
the UI and `rag ask` pay for it once per (build, machine), and a library from anywhere else (a cached wheel,
another machine's venv) is checked again. `ensure_runs(gguf)` is set-up's step: check, and where the child
died by a signal rebuild llama-cpp-python once with the AVX2 baseline and check again.
"""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from . import llama_build
from .errors import BackendUnavailable, ModelFileError

RESULT = Path(sys.prefix) / ".rag-model-check.json"  # in the venv: one verdict per environment
TRAPPED = "the compiled llama.cpp uses a CPU instruction this machine does not allow"


@dataclass(frozen=True)
class Verdict:
    ok: bool
    detail: str  # one line: what the child did, or how it died
    seconds: float
    signal: str = ""  # e.g. "SIGILL" when the child was killed by a signal

    def line(self) -> str:
        if self.ok:
            return f"model check passed: {self.detail} ({self.seconds:.1f} s, in a child process)"
        if self.signal:
            return f"{TRAPPED}: the model check died with {self.signal}"
        return f"the embedded model does not run: {self.detail}"


def run_child(argv: Sequence[str], timeout: float = 300.0) -> Verdict:
    """Run a check command; a signal or a non-zero exit is a failed check, stdout's last line its detail.

    >>> run_child([sys.executable, "-c", "print('ok: fine')"]).ok
    True
    >>> v = run_child([sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGILL)"])
    >>> (v.ok, v.signal)
    (False, 'SIGILL')
    """
    t0 = time.monotonic()
    try:
        proc = subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Verdict(False, f"the model check took more than {timeout:.0f} s", time.monotonic() - t0)
    took = time.monotonic() - t0
    lines = (proc.stdout.strip().splitlines() or [""])
    if proc.returncode < 0:
        try:
            name = signal.Signals(-proc.returncode).name
        except ValueError:
            name = f"signal {-proc.returncode}"
        return Verdict(False, f"killed by {name}", took, signal=name)
    if proc.returncode != 0:
        err = (proc.stderr.strip().splitlines() or [f"exit status {proc.returncode}"])[-1]
        return Verdict(False, err[:300], took)
    return Verdict(True, lines[-1][:300], took)


def child_argv(gguf: Path) -> list[str]:
    return [sys.executable, "-m", "rag.model_check", str(gguf)]


def library_key() -> str:
    """Identity of the installed llama.cpp shared library (its path, size and mtime) and of the CPU."""
    from importlib.util import find_spec

    spec = find_spec("llama_cpp")
    if spec is None or not spec.submodule_search_locations:
        raise BackendUnavailable("llama-cpp-python is not installed; run the README's setup command")
    libs = sorted(p for d in spec.submodule_search_locations for p in Path(d).glob("lib/*.so*"))
    ident = [f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in libs]
    return hashlib.sha256(" ".join([*ident, llama_build.cpu_key()]).encode()).hexdigest()[:16]


def check(gguf: Path, run: Callable[[Sequence[str]], Verdict] = run_child, fresh: bool = False) -> Verdict:
    """The remembered verdict for this library on this CPU, or a new one from a child process."""
    key = library_key()
    if not fresh:
        try:
            saved = json.loads(RESULT.read_text())
            if saved.get("key") == key:
                return Verdict(**saved["verdict"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
    verdict = run(child_argv(gguf))
    try:
        RESULT.parent.mkdir(parents=True, exist_ok=True)
        RESULT.write_text(json.dumps({"key": key, "verdict": asdict(verdict)}) + "\n")
    except OSError:
        pass  # a read-only checkout still gets the verdict, only not remembered
    return verdict


def require(gguf: Path) -> None:
    """Raise one clear error, before the model is loaded in this process, if it cannot run here."""
    verdict = check(gguf)
    if not verdict.ok:
        raise BackendUnavailable(f"{verdict.line()}; run `bash scripts/setup.sh` to rebuild it (README, "
                                 "Troubleshooting)")


def ensure_runs(gguf: Path, log: Callable[[str], None],
                run: Callable[[Sequence[str]], Verdict] = run_child,
                rebuild: Callable[[llama_build.Build], None] = llama_build.install) -> Verdict:
    """Set-up's check: run the model in a child; if the child died by a signal, rebuild once with the
    baseline flags and check again; raise if it still does not run."""
    verdict = check(gguf, run=run, fresh=True)
    if not verdict.ok and verdict.signal and not llama_build.wanted().baseline:
        log(f"setup: {TRAPPED} ({verdict.signal}); rebuilding with baseline flags")
        base = llama_build.choose(llama_build.cpu_flags(), baseline=True)
        rebuild(base)
        verdict = check(gguf, run=run, fresh=True)
    if not verdict.ok:
        raise ModelFileError(f"{verdict.line()}; set-up stopped (README, Troubleshooting)")
    log(f"setup: {verdict.line()}")
    return verdict


def _child(gguf: str) -> None:
    """Load the model and evaluate a few tokens; print one line."""
    import numpy as np
    from llama_cpp import Llama

    t0 = time.monotonic()
    llm = Llama(model_path=gguf, n_ctx=256, n_threads=2, verbose=False, seed=0)
    tokens = llm.tokenize(b"The flood in the valley killed", add_bos=True)
    llm.eval(tokens)
    logits = np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(llm.n_vocab(),))
    if not np.isfinite(logits).all():
        sys.exit("the model's logits are not finite")
    print(f"ok: loaded the model and evaluated {len(tokens)} tokens in {time.monotonic() - t0:.1f} s")


if __name__ == "__main__":
    _child(sys.argv[1])
