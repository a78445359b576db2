#!/usr/bin/env bash
# The one command to test: set up (first time), install Chromium for the browser tests, lint, type-check
# and run every test. Extra arguments go to pytest (e.g. `bash test.sh -m "not slow"`).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
# the emoji font: without it Debian's Chromium draws ⏳ and ⚠️ as empty boxes in the screenshots
if ! command -v chromium >/dev/null || [ ! -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]; then
  echo "test: installing Debian chromium and an emoji font for the browser tests" >&2
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null
fi
. .venv/bin/activate
export GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
ruff check rag app.py tests eval bench
mypy
set +e
python -m pytest "$@"
rc=$?
set -e
if [ "$rc" = 5 ]; then echo "test: pytest collected no tests; that is a failure" >&2; exit 1; fi
exit "$rc"
