#!/usr/bin/env bash
# Install everything the tests need and run the whole suite headless: lint, layer contracts,
# types (mypy: strict below the views, a shrinking baseline for the views), unit, CLI and GUI tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh test
bash scripts/venv.sh test
export QT_QPA_PLATFORM=offscreen
echo "== ruff"; .venv/bin/ruff check .
echo "== import-linter"; .venv/bin/lint-imports --no-cache
echo "== mypy"; .venv/bin/python scripts/typecheck.py
echo "== pytest"; .venv/bin/python -m pytest -q "$@"
