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
echo "== pytest"
if [ "$#" -gt 0 ]; then
  exec .venv/bin/python -m pytest -q "$@"
fi
# The command-line tests mostly wait for the `tdkt` processes they start, one at a time; the
# window and unit tests keep the other core busy meanwhile (half the wall time on two cores).
cli_log=$(mktemp)
trap 'rm -f "$cli_log"' EXIT
.venv/bin/python -m pytest -q -p no:cacheprovider tests/cli >"$cli_log" 2>&1 &
cli_pid=$!
status=0
.venv/bin/python -m pytest -q tests/unit tests/gui || status=$?
cli_status=0
wait "$cli_pid" || cli_status=$?
echo "== pytest tests/cli"
cat "$cli_log"
[ "$status" -ne 0 ] && exit "$status"
exit "$cli_status"
