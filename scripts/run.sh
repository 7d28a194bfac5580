#!/usr/bin/env bash
# Install TĐKT Desktop into .venv (once; again only when pyproject.toml changes) and start it
# (embedded SQLite in the user data folder; the first start offers to create a database with
# demo data). `system-deps.sh gui` adds the X11 libraries a real window needs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh gui
bash scripts/venv.sh
exec .venv/bin/python -m desktop "$@"
