#!/usr/bin/env bash
# Debian libraries Qt needs to run headless, and LibreOffice + poppler + Liberation fonts the
# document tests convert .docx to PDF/PNG with (ENVIRONMENT.md). Installs only what is missing,
# and only when it can (root + apt-get); otherwise says what to install and carries on.
set -euo pipefail
packages=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
          libreoffice-writer-nogui poppler-utils fonts-liberation2)
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Cài các gói hệ thống cần thiết: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Thiếu gói hệ thống: ${missing[*]} (cài bằng: sudo apt-get install ${missing[*]})" >&2
fi
