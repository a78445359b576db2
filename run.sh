#!/usr/bin/env bash
# The one command to use the tool: set up (first time), build the index if missing, serve the UI on
# http://127.0.0.1:7860 . Extra arguments go to app.py (see `python app.py --help`).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
. .venv/bin/activate
export GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec python app.py "$@"
