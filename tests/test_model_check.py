"""Set-up's smoke check of the embedded model (rag/model_check.py) and the portable build flags
(rag/llama_build.py): a child that dies by a signal is caught, set-up rebuilds once with the baseline
flags, and stops with a clear error if that still does not run. Real child processes, no model needed."""

import sys
from pathlib import Path

import pytest

from rag import llama_build, model_check
from rag.errors import BackendUnavailable, ModelFileError

CRASH = [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGILL)"]
FINE = [sys.executable, "-c", "print('ok: evaluated 6 tokens')"]


@pytest.fixture(autouse=True)
def private_state(tmp_path, monkeypatch):
    """Verdicts and build records in tmp_path, never in the real venv."""
    monkeypatch.setattr(model_check, "RESULT", tmp_path / "check.json")
    monkeypatch.setattr(llama_build, "STATE", tmp_path / "llama.json")
    monkeypatch.delenv("RAG_LLAMA_CMAKE_ARGS", raising=False)


def scripted(*commands):
    runs = iter(commands)
    return lambda argv: model_check.run_child(next(runs))


def test_a_child_killed_by_sigill_is_a_failed_check_with_one_clear_line():
    v = model_check.run_child(CRASH)
    assert not v.ok and v.signal == "SIGILL"
    assert v.line() == ("the compiled llama.cpp uses a CPU instruction this machine does not allow: "
                        "the model check died with SIGILL")
    assert model_check.run_child([sys.executable, "-c", "import sys; sys.exit('no model file')"]).detail == \
        "no model file"


def test_setup_rebuilds_once_with_baseline_flags_when_the_child_dies_by_a_signal():
    rebuilt, lines = [], []

    def rebuild(build):
        rebuilt.append(build)
        llama_build.write_state(build)

    v = model_check.ensure_runs(Path("m.gguf"), lines.append, run=scripted(CRASH, FINE), rebuild=rebuild)
    assert v.ok and len(rebuilt) == 1 and rebuilt[0].baseline
    assert "AVX512" not in rebuilt[0].cmake_args and "-DGGML_NATIVE=OFF" in rebuilt[0].cmake_args
    assert lines[0] == ("setup: the compiled llama.cpp uses a CPU instruction this machine does not allow "
                        "(SIGILL); rebuilding with baseline flags")
    assert lines[-1].startswith("setup: model check passed")
    assert llama_build.wanted().baseline  # the next set-up keeps the baseline on this machine
    assert model_check.check(Path("m.gguf"), run=scripted()).ok  # remembered: no child run again


def test_setup_stops_with_a_clear_error_when_the_baseline_build_dies_too():
    with pytest.raises(ModelFileError, match=r"died with SIGSEGV; set-up stopped"):
        model_check.ensure_runs(Path("m.gguf"), lambda line: None, run=scripted(
            CRASH, [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"]),
            rebuild=llama_build.write_state)


def test_the_backend_refuses_to_load_a_model_whose_check_failed(monkeypatch):
    assert not model_check.check(Path("m.gguf"), run=scripted(CRASH), fresh=True).ok
    with pytest.raises(BackendUnavailable, match="does not allow.*bash scripts/setup.sh"):
        model_check.require(Path("m.gguf"))  # the remembered verdict: one line, the process lives


def test_a_verdict_from_another_cpu_is_not_trusted(monkeypatch):
    assert model_check.check(Path("m.gguf"), run=scripted(FINE), fresh=True).ok
    monkeypatch.setattr(llama_build, "cpu_flags", lambda cpuinfo=None: frozenset({"avx2"}))
    assert not model_check.check(Path("m.gguf"), run=scripted(CRASH)).ok  # checked again, in a child


def test_build_flags_are_portable_and_never_amx():
    flags = llama_build.cpu_flags("flags : fpu avx avx2 fma f16c bmi2 avx512f avx512cd avx512vl avx512dq avx512bw "
                                  "avx512_vnni amx_tile amx_int8 amx_bf16\n")
    args = llama_build.choose(flags).cmake_args.split()
    assert "-DGGML_NATIVE=OFF" in args and "-DGGML_AVX512=ON" in args and "-DGGML_AVX512_VNNI=ON" in args
    assert {"-DGGML_AMX_TILE=OFF", "-DGGML_AMX_INT8=OFF", "-DGGML_AMX_BF16=OFF"} <= set(args)
    assert not any("AMX" in a and a.endswith("=ON") for a in args)
    assert llama_build.choose(flags).key != llama_build.choose(flags, baseline=True).key  # one wheel per flag set
