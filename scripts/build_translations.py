"""Build the Qt translation catalogs (.ts → .qm) with pyside6-lrelease.

    python scripts/build_translations.py            # compile resources/translations/*.ts
    python scripts/build_translations.py --update   # first re-scan the code with pyside6-lupdate

The .qm files are build output (gitignored); CI and the run script call this. After adding
strings, run with --update and translate the new entries in Qt Linguist (pyside6-linguist) or
an editor: the GUI tests fail while any entry is unfinished or the .ts is out of date.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("vi",)
# Where user-facing strings live (relative to the repository root).
SOURCES = ("desktop/views", "desktop/tasks", "desktop/app.py", "desktop/crash.py",
           "desktop/i18n.py")


def tool(name: str) -> str:
    """A PySide6 tool from the running interpreter's environment, else from PATH."""
    scripts = Path(sys.executable).parent
    for candidate in (scripts / name, scripts / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install PySide6-Essentials)")
    return found


def source_files() -> list[str]:
    files: list[str] = []
    for entry in SOURCES:
        path = ROOT / entry
        if path.is_dir():
            files.extend(str(p.relative_to(ROOT)) for p in sorted(path.rglob("*.py")))
        else:
            files.append(entry)
    return files


def run_lupdate(ts_file: Path) -> None:
    """Scan the sources into ``ts_file`` (existing translations are kept, obsolete dropped)."""
    subprocess.run([tool("pyside6-lupdate"), *source_files(), "-no-obsolete",
                    "-locations", "none", "-ts", str(ts_file)],
                   cwd=ROOT, check=True, capture_output=True, text=True)


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    """Compile beside the catalog, then swap it in: a running app (or a test session) that
    has the old .qm mapped never sees it half written."""
    tmp = qm_file.with_name(f".{qm_file.name}.{os.getpid()}.tmp")
    try:
        subprocess.run([tool("pyside6-lrelease"), str(ts_file), "-qm", str(tmp)],
                       cwd=ROOT, check=True, capture_output=True, text=True)
        os.replace(tmp, qm_file)
    finally:
        tmp.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true",
                        help="re-scan the code with pyside6-lupdate before compiling")
    args = parser.parse_args(argv)
    for language in LANGUAGES:
        ts_file = TRANSLATIONS / f"desktop_{language}.ts"
        if args.update:
            run_lupdate(ts_file)
            print(f"updated {ts_file.relative_to(ROOT)}")
        qm_file = ts_file.with_suffix(".qm")
        run_lrelease(ts_file, qm_file)
        print(f"built {qm_file.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
