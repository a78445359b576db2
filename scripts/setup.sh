#!/usr/bin/env bash
# Idempotent set-up on a fresh machine: .venv with the pinned stack, llama.cpp compiled with portable CPU
# flags (rag/llama_build.py), the embedded model assembled and verified, and a smoke check that the model
# really runs on this machine, in a child process (rag/model_check.py): a build that dies by a signal is
# rebuilt once with the AVX2 baseline and checked again. Re-running it is quick: it skips the install while
# pyproject.toml and the build flags are unchanged, and the check while the library and the CPU are.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$PY" -m venv .venv
fi
# shellcheck disable=SC1091
. .venv/bin/activate
stamp=.venv/.rag-installed
want="$(sha256sum pyproject.toml | cut -c1-16) $(python -m rag.llama_build flags | sha256sum | cut -c1-16)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing Python packages" >&2
  python -m pip install -q --upgrade pip
  # torch first and pinned: the CPU wheel; an unpinned torch would pull a multi-GB CUDA build
  pip install -q torch==2.13.0
  python -m rag.llama_build ensure
  pip install -q -e ".[dev]"
  echo "$want" > "$stamp"
fi
# assembles the model, then runs it in a child process; rebuilds llama.cpp once if the child dies
if ! rag setup-model >/dev/null; then
  rm -f "$stamp"  # never leave a set-up that looks ready
  exit 1
fi
echo "setup: ready" >&2
