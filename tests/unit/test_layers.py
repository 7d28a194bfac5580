"""The layer rules hold and are enforced: services, models and db import no Qt; views import no
SQL; and a deliberate violation makes import-linter (run by CI) fail."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_non_gui_layers_import_without_qt() -> None:
    code = (
        "import pkgutil, importlib, sys, desktop.services, desktop.models, desktop.db, "
        "desktop.domain\n"
        "for pkg in (desktop.services, desktop.models, desktop.domain):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(pkg.__name__ + '.' + m.name)\n"
        "import desktop.db.migrate, desktop.cli\n"
        "assert 'PySide6' not in sys.modules, sorted(k for k in sys.modules if 'PySide' in k)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr


def _lint_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    copy.mkdir()
    shutil.copytree(REPO / "desktop", copy / "desktop",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", copy / "pyproject.toml")
    return copy


def _lint(copy: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=copy, capture_output=True,
                          text=True, check=False, env={"PYTHONPATH": str(copy), "PATH": ""})


def test_current_code_keeps_the_contracts(tmp_path: Path) -> None:
    result = _lint(_lint_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_view_that_touches_sql_breaks_the_build(tmp_path: Path) -> None:
    copy = _lint_copy(tmp_path)
    (copy / "desktop" / "views" / "sneaky.py").write_text(
        '"""A view reaching into the database."""\nfrom sqlalchemy import select  # noqa\n',
        encoding="utf-8")
    result = _lint(copy)
    assert result.returncode != 0
    assert "Views never touch SQL" in result.stdout


def test_a_service_that_imports_qt_breaks_the_build(tmp_path: Path) -> None:
    copy = _lint_copy(tmp_path)
    (copy / "desktop" / "services" / "sneaky.py").write_text(
        '"""A service reaching into Qt."""\nfrom PySide6 import QtCore  # noqa\n',
        encoding="utf-8")
    result = _lint(copy)
    assert result.returncode != 0
    assert "never import Qt" in result.stdout
