#!/usr/bin/env bash
# Install edudex-rio into .venv and run the main job on the embedded default:
# SQLite + the bundled RIO sandbox + the example catalogue (day 1, then day 2).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null
.venv/bin/python -m pip install --quiet -e .
exec .venv/bin/edudex-rio demo "$@"
