#!/usr/bin/env bash
# Create .venv with Python >= 3.11 and install the project (extras given as $1, e.g. "test").
# pip runs only when needed: on the first start, when pyproject.toml changed since the last
# install, or when extras are asked for that are not installed yet. .venv/.tdkt-installed
# remembers the pyproject.toml hash (line 1) and the extras installed with it (line 2).
# The translations (.qm) are compiled only when a .ts is newer than its .qm.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python_bin="${PYTHON:-python3}"
  "$python_bin" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
    echo "Cần Python 3.11 trở lên (đang có: $("$python_bin" --version 2>&1))." >&2; exit 1; }
  "$python_bin" -m venv .venv
fi

stamp=.venv/.tdkt-installed
hash=$(.venv/bin/python -c 'import hashlib, sys
print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())')
installed_hash="" installed_extras=""
if [ -f "$stamp" ]; then
  { read -r installed_hash || true; read -r installed_extras || true; } < "$stamp"
fi
# Extras wanted now: those asked for plus those already there (pip never removes them).
wanted=$(printf '%s\n' "${1:-}" "$installed_extras" | tr ', ' '\n\n' | sed '/^$/d' | sort -u |
         paste -sd, -)
if [ "$hash" != "$installed_hash" ] || [ "$wanted" != "$installed_extras" ] ||
   [ ! -e .venv/bin/tdkt ]; then
  spec="."
  [ -n "$wanted" ] && spec=".[$wanted]"
  echo "Đang cài đặt phần mềm vào .venv ($spec)…"
  .venv/bin/python -m pip install -q --disable-pip-version-check -e "$spec"
  printf '%s\n%s\n' "$hash" "$wanted" > "$stamp"
fi

for ts in resources/translations/*.ts; do
  qm="${ts%.ts}.qm"
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    .venv/bin/python scripts/build_translations.py
    break
  fi
done
