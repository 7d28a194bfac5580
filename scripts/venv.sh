#!/usr/bin/env bash
# Create .venv with Python >= 3.11 and install the project (extras given as $1, e.g. "test").
set -euo pipefail
cd "$(dirname "$0")/.."
python_bin="${PYTHON:-python3}"
"$python_bin" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
  echo "Cần Python 3.11 trở lên (đang có: $("$python_bin" --version 2>&1))." >&2; exit 1; }
[ -x .venv/bin/python ] || "$python_bin" -m venv .venv
extras="${1:-}"
spec="."
[ -n "$extras" ] && spec=".[$extras]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e "$spec"
.venv/bin/python scripts/build_translations.py
