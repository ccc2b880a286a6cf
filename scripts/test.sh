#!/usr/bin/env bash
# Install edudex-rio with its development tools into .venv, then run every check:
# ruff (lint + format), mypy (strict) and the whole pytest suite on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null
.venv/bin/python -m pip install --quiet -e '.[dev]'
export EDUDEX_RIO_TEST_POSTGRES_URL="${EDUDEX_RIO_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}"
echo "== ruff"; .venv/bin/ruff check src tests benchmarks && .venv/bin/ruff format --check src tests benchmarks
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; .venv/bin/pytest -n 2 "$@"
