"""The llama.cpp build: portable CPU flags chosen from what this machine lists, never `-march=native`.

A native build compiles every instruction set the CPU advertises, AMX included, and some hypervisors trap
AMX although the CPU lists it (SIGILL at the first `Llama.eval`; DESIGN.md). So the build names its flags:
the AVX2 baseline plus the AVX-512 and AVX-VNNI extensions this machine lists, AMX always off. Wheels are
kept per flag set in `~/.cache/rag-news/llama-wheels/<hash>/`, so a re-created venv does not recompile; a
wheel from anywhere is still checked by running it (rag/model_check.py), which falls back to the baseline.

Standard library only: `scripts/setup.sh` runs `python -m rag.llama_build ensure` before the package's
dependencies are installed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

VERSION = "0.3.36"  # pinned in pyproject.toml too: model_check and the backend read its private logits API
OFF = ("-DGGML_NATIVE=OFF", "-DGGML_AMX_TILE=OFF", "-DGGML_AMX_INT8=OFF", "-DGGML_AMX_BF16=OFF")
BASELINE = ("-DGGML_AVX=ON", "-DGGML_AVX2=ON", "-DGGML_FMA=ON", "-DGGML_F16C=ON", "-DGGML_BMI2=ON")
AVX512 = ("avx512f", "avx512cd", "avx512vl", "avx512dq", "avx512bw")  # what ggml's GGML_AVX512 compiles for
EXTRAS = (("avx512vbmi", "-DGGML_AVX512_VBMI=ON"), ("avx512_vnni", "-DGGML_AVX512_VNNI=ON"),
          ("avx512_bf16", "-DGGML_AVX512_BF16=ON"))
STATE = Path(sys.prefix) / ".rag-llama.json"  # the running venv's build record


@dataclass(frozen=True)
class Build:
    cmake_args: str
    baseline: bool

    @property
    def key(self) -> str:
        return hashlib.sha256(f"{VERSION} {self.cmake_args}".encode()).hexdigest()[:12]


def cpu_flags(cpuinfo: str | None = None) -> frozenset[str]:
    """The CPU feature flags the kernel lists (first processor).

    >>> sorted(cpu_flags("processor : 0\\nflags : fpu avx2 amx_tile\\n"))
    ['amx_tile', 'avx2', 'fpu']
    """
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text()
        except OSError:
            cpuinfo = ""
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            return frozenset(line.split(":", 1)[1].split())
    return frozenset()


def choose(flags: frozenset[str], baseline: bool = False) -> Build:
    """The fastest portable build for these CPU flags: AVX2 baseline, plus AVX-512 (and its VBMI, VNNI,
    BF16 extensions) and AVX-VNNI where listed; never native, never AMX. `$RAG_LLAMA_CMAKE_ARGS` overrides.

    >>> choose(frozenset({"avx2", "amx_tile", "amx_int8"})).cmake_args.split()  # doctest: +NORMALIZE_WHITESPACE
    ['-DGGML_NATIVE=OFF', '-DGGML_AMX_TILE=OFF', '-DGGML_AMX_INT8=OFF', '-DGGML_AMX_BF16=OFF', '-DGGML_AVX=ON',
     '-DGGML_AVX2=ON', '-DGGML_FMA=ON', '-DGGML_F16C=ON', '-DGGML_BMI2=ON']
    >>> "-DGGML_AVX512=ON" in choose(frozenset(AVX512 + ("avx2",))).cmake_args
    True
    >>> "AVX512" in choose(frozenset(AVX512 + ("avx2",)), baseline=True).cmake_args
    False
    """
    if os.environ.get("RAG_LLAMA_CMAKE_ARGS") and not baseline:
        return Build(os.environ["RAG_LLAMA_CMAKE_ARGS"], baseline=False)
    args = [*OFF, *BASELINE]
    if not baseline:
        if all(f in flags for f in AVX512):
            args.append("-DGGML_AVX512=ON")
            args += [arg for flag, arg in EXTRAS if flag in flags]
        if "avx_vnni" in flags:
            args.append("-DGGML_AVX_VNNI=ON")
    return Build(" ".join(args), baseline=baseline)


def wheel_dir(build: Build) -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "rag-news" / "llama-wheels" / build.key


def build_wheel(build: Build, log=print) -> Path:  # type: ignore[no-untyped-def]
    """The wheel for these flags, compiled once into its cache folder."""
    folder = wheel_dir(build)
    wheels = sorted(folder.glob("llama_cpp_python-*.whl"))
    if not wheels:
        log(f"setup: compiling llama-cpp-python {VERSION} (~10 min on 2 cores) with {build.cmake_args}")
        tmp = Path(tempfile.mkdtemp(prefix="llama-wheel-"))
        env = {**os.environ, "CMAKE_ARGS": build.cmake_args,
               "CMAKE_BUILD_PARALLEL_LEVEL": os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 2))}
        # --no-cache-dir: pip's wheel cache is keyed by the sdist, not by CMAKE_ARGS, so it would hand back
        # a wheel compiled with other flags (possibly on another machine)
        subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-cache-dir",
                        f"llama-cpp-python=={VERSION}", "-w", str(tmp)], env=env, check=True)
        folder.mkdir(parents=True, exist_ok=True)
        for w in tmp.glob("llama_cpp_python-*.whl"):
            shutil.move(str(w), folder / w.name)
        shutil.rmtree(tmp, ignore_errors=True)
        wheels = sorted(folder.glob("llama_cpp_python-*.whl"))
    return wheels[-1]


def install(build: Build, log=print) -> None:  # type: ignore[no-untyped-def]
    """Build (once per flag set) and install llama-cpp-python into the running interpreter's environment,
    then record the build in <venv>/.rag-llama.json."""
    wheel = build_wheel(build, log=log)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
                   check=True)
    write_state(build)


def read_state() -> dict[str, object]:
    try:
        state: dict[str, object] = json.loads(STATE.read_text())
        return state
    except (OSError, ValueError):
        return {}


def write_state(build: Build, **extra: object) -> None:
    state = {"version": VERSION, "cmake_args": build.cmake_args, "baseline": build.baseline,
             "cpu": cpu_key(), **extra}
    STATE.parent.mkdir(parents=True, exist_ok=True)
    STATE.write_text(json.dumps(state, indent=1) + "\n")


def cpu_key(flags: frozenset[str] | None = None) -> str:
    """A short hash of this machine's CPU flags: a check passed on one machine says nothing of another."""
    return hashlib.sha256(" ".join(sorted(cpu_flags() if flags is None else flags)).encode()).hexdigest()[:12]


def wanted() -> Build:
    """The build this machine should have: the tuned one, or the baseline where the tuned one was seen to
    crash on a machine with these CPU flags."""
    state = read_state()
    baseline = bool(state.get("baseline")) and state.get("cpu") == cpu_key()
    return choose(cpu_flags(), baseline=baseline)


def ensure(log=print) -> Build:  # type: ignore[no-untyped-def]
    """Install the wanted build unless the recorded one is it."""
    build = wanted()
    state = read_state()
    if state.get("version") != VERSION or state.get("cmake_args") != build.cmake_args or not _installed():
        install(build, log=log)
    return build


def _installed() -> bool:
    from importlib.util import find_spec

    return find_spec("llama_cpp") is not None


if __name__ == "__main__":
    if sys.argv[1:] == ["ensure"]:
        b = ensure(log=lambda m: print(m, file=sys.stderr))
        print(f"setup: llama.cpp build flags: {b.cmake_args}", file=sys.stderr)
    elif sys.argv[1:] == ["flags"]:
        print(wanted().cmake_args)
    else:
        sys.exit("usage: python -m rag.llama_build ensure|flags")
