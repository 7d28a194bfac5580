#!/usr/bin/env bash
# Build the one-folder bundle (dist/TDKT-Desktop: the window TDKT-Desktop and the command line
# tdkt) and check it: the window's --smoke-test, tdkt on a fresh data folder, and the smoke test
# of a copy with each kind of resource removed (it must fail and name the file). The same steps
# as scripts/build-bundle.ps1 and .github/workflows/windows.yml. Not part of .ci/run: it takes
# three to five minutes on two cores.
#   bash scripts/build-bundle.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh test
bash scripts/venv.sh build
.venv/bin/python scripts/build_translations.py
.venv/bin/pyinstaller --noconfirm --clean build.spec

bundle=dist/TDKT-Desktop
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen

echo "== smoke test"
# A page that fails would show a dialog nobody closes: never wait more than 5 minutes.
timeout 300 "$bundle/TDKT-Desktop" --smoke-test --home "$work/home"
echo "== tdkt"
"$bundle/tdkt" --version
"$bundle/tdkt" --home "$work/cli" init --office-name "Ủy ban nhân dân xã Thử" --office-code TH \
  --office-kind commune
"$bundle/tdkt" --home "$work/cli" verify

echo "== smoke test of a bundle missing one resource of each kind"
cp -a "$bundle" "$work/broken"
internal="$work/broken/_internal"
for rel in resources/translations/desktop_vi.qm desktop/templates_docx/quyet_dinh.docx \
           resources/catalog/award_kinds.json desktop/db/migrations/env.py \
           resources/icons/people.svg; do
  mv "$internal/$rel" "$work/aside"
  if timeout 300 "$work/broken/TDKT-Desktop" --smoke-test --home "$work/home" >"$work/out" 2>&1; then
    echo "Kiểm tra thử nghiệm vẫn đạt khi thiếu $rel" >&2; exit 1
  fi
  grep -qF "$rel" "$work/out" || { echo "Không nêu tên tệp thiếu $rel:" >&2; cat "$work/out" >&2; exit 1; }
  mv "$work/aside" "$internal/$rel"
  echo "thiếu $rel: báo đúng"
done

echo "== bundle: $(du -sb "$bundle" | cut -f1) bytes, $(find "$bundle" -type f | wc -l) files"
