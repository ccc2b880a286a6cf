#!/usr/bin/env bash
# Run every benchmark scenario and write docs/benchmarks.md.
#   bash scripts/bench.sh --quick   # a few minutes: 80 providers / 4,000 programmes, e2e on 600
#   bash scripts/bench.sh           # full: 1,000 providers / 50,000 programmes, e2e on 2,000
# Work files (catalogues, sandbox and state databases, raw results) go to var/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install --quiet -e . >/dev/null
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
exec .venv/bin/python -m benchmarks.report "$@"
