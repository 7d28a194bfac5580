#!/usr/bin/env bash
# Install TĐKT Desktop into .venv and start it (embedded SQLite in the user data folder;
# the first start offers to create a database with demo data).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/venv.sh
exec .venv/bin/python -m desktop "$@"
