"""The composition root: ``python -m desktop --smoke-test`` and ``--report-startup`` work in a
fresh process, a database written by a newer version is refused with a message and left
untouched, and quitting the first-run dialog exits cleanly."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop import app
from desktop.views.dialogs.first_run import FirstRunDialog
from desktop.views.messages import Messages

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[2]


def run_desktop(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TDKT_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def make_newer(configured_template: Path, target: Path) -> str:
    shutil.copy(configured_template, target)
    conn = sqlite3.connect(target)
    try:
        with conn:
            conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    finally:  # closed now: left to the garbage collector, its WAL checkpoint would change
        conn.close()  # the file in the middle of the test
    return hashlib.sha256(target.read_bytes()).hexdigest()


def test_smoke_test_creates_migrates_and_exits_zero(tmp_path: Path) -> None:
    result = run_desktop("--home", str(tmp_path), "--smoke-test", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "smoke test ok" in result.stdout
    assert (tmp_path / "data" / "tdkt.db").is_file()
    assert "CRITICAL" not in (tmp_path / "logs" / "tdkt.log").read_text(encoding="utf-8")


def test_report_startup_prints_one_json_line(tmp_path: Path, configured_template: Path) -> None:
    db = tmp_path / "bench.db"
    shutil.copy(configured_template, db)
    result = run_desktop("--home", str(tmp_path), "--db", str(db), "--report-startup",
                         home=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert set(report) == {"window_shown", "people_first_rows"}
    assert 0 <= report["people_first_rows"] - report["window_shown"] < 5


def test_newer_database_is_refused_in_smoke_mode(tmp_path: Path,
                                                 configured_template: Path) -> None:
    db = tmp_path / "newer.db"
    digest = make_newer(configured_template, db)
    result = run_desktop("--home", str(tmp_path), "--db", str(db), "--smoke-test", home=tmp_path)
    assert result.returncode == 1
    assert "mới hơn" in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


def test_newer_database_shows_a_message_and_exits_1(qapp: Any, tmp_path: Path,
                                                    configured_template: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "newer.db"
    digest = make_newer(configured_template, db)
    shown: list[str] = []
    monkeypatch.setattr(Messages, "error", classmethod(lambda cls, parent, text, *a: shown.append(text)))
    hook_before = sys.excepthook
    code = app.main(["--home", str(tmp_path), "--db", str(db)])
    assert code == 1
    assert len(shown) == 1 and "phiên bản TĐKT Desktop mới hơn" in shown[0]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert sys.excepthook is hook_before  # the crash hooks are put back


def test_first_run_dialog_when_no_database(qapp: Any, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    asked: dict[str, Any] = {}

    def fake_ask(cls: Any, parent: Any, opener: Any, **kwargs: Any) -> None:
        asked.update(kwargs)
        return None  # the officer pressed Thoát

    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(fake_ask))
    code = app.main(["--home", str(tmp_path)])
    assert code == 0
    assert asked["default_path"] == tmp_path.resolve() / "data" / "tdkt.db"
    assert asked["existing_path"] is None
    assert not (tmp_path / "data" / "tdkt.db").exists()


def test_unconfigured_database_goes_to_first_run(qapp: Any, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "empty.db"
    backend = app.ServiceBackend.open(db, app.app_paths(tmp_path).ensure(), create=True)
    backend.close()
    asked: dict[str, Any] = {}
    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(
        lambda cls, parent, opener, **kw: asked.update(kw)))
    assert app.main(["--home", str(tmp_path), "--db", str(db)]) == 0
    assert asked["existing_path"] == db
