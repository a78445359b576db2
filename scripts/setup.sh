#!/usr/bin/env bash
# Idempotent set-up on a fresh machine: .venv with the pinned stack, the embedded model assembled and
# verified. Re-running it is quick: it skips the install while pyproject.toml is unchanged.
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
want=$(sha256sum pyproject.toml | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing Python packages (llama-cpp-python compiles once, ~8 min on 2 cores)" >&2
  python -m pip install -q --upgrade pip
  # torch first and pinned: the CPU wheel; an unpinned torch would pull a multi-GB CUDA build
  pip install -q torch==2.13.0
  CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2} pip install -q -e ".[dev]"
  echo "$want" > "$stamp"
fi
rag setup-model >/dev/null
echo "setup: ready" >&2
