#!/usr/bin/env bash
# Debian libraries Qt needs, and LibreOffice + poppler + Liberation fonts for .docx → PDF/PNG
# (ENVIRONMENT.md). What is installed depends on the purpose given as $1:
#   test  (default)  headless Qt (QT_QPA_PLATFORM=offscreen) for CI and scripts/test.sh;
#   gui              also the X11/xcb libraries a real desktop window needs (scripts/run.sh):
#                    without libxcb-cursor0 and friends Qt refuses to open any window.
# Installs only what is missing, and only when it can (root + apt-get); otherwise says what to
# install and carries on.
set -euo pipefail
purpose="${1:-test}"
packages=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
          libreoffice-writer-nogui poppler-utils fonts-liberation2)
case "$purpose" in
  test) ;;
  gui)
    # Everything the PySide6 xcb platform plugin (libqxcb.so) links against.
    packages+=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1
               libxkbcommon-x11-0 libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-render0
               libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-util1 libx11-xcb1) ;;
  *) echo "Cách dùng: $0 [test|gui]  (test: chạy kiểm thử không màn hình; gui: mở cửa sổ)" >&2
     exit 2 ;;
esac
command -v dpkg-query >/dev/null 2>&1 || exit 0
# One dpkg-query for all (a warm machine pays a few milliseconds, not one process a package).
installed=" $({ dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true; } |
              awk '/install ok installed$/ {sub(/:.*/, "", $1); printf "%s ", $1}')"
missing=()
for pkg in "${packages[@]}"; do
  [[ "$installed" == *" $pkg "* ]] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Cài các gói hệ thống cần thiết: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Thiếu gói hệ thống: ${missing[*]} (cài bằng: sudo apt-get install ${missing[*]})" >&2
fi
