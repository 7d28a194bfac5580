"""The GUI when the database is held by another program, read-only, or the home folder cannot
be written, and when there is no display: a Vietnamese message that says what to do ("Thử
lại" for a busy database), never the crash dialog nor Qt's English abort."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from readonly_helpers import read_only

from desktop import app, crash, logging_setup
from desktop.db.engine import BUSY_TIMEOUT_ENV
from desktop.domain.enums import UnitKind
from desktop.domain.errors import BUSY_MESSAGE, DatabaseBusyError, DomainError
from desktop.services.units import UnitInput
from desktop.views.messages import Messages

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Autouse, so it is set before the ``services`` fixture opens the database."""
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "300")


@contextmanager
def held(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program (a second window, ``tdkt``, an antivirus) holds the write lock."""
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        yield holder
        if holder.in_transaction:
            holder.execute("ROLLBACK")
    finally:
        holder.close()


@pytest.fixture
def crashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[str]]]:
    """The real crash handler, its two windows recorded instead of shown."""
    seen: dict[str, list[str]] = {"crash": [], "known": []}
    monkeypatch.setattr(crash.CrashDialog, "show_crash", classmethod(
        lambda cls, parent, details, log_path: seen["crash"].append(details)))
    monkeypatch.setattr(crash, "show_known_error", lambda parent, text: seen["known"].append(text))
    log_file = logging_setup.configure(tmp_path / "crash-logs")
    handler = crash.install(tmp_path / "crash-logs", log_file)
    handler.attach_gui()
    yield seen
    handler.uninstall()


def select_unit(page: Any, code: str) -> Any:
    unit = next(u for u in page.services.units.search(code) if u.code == code)
    page.reveal(unit.id)
    assert page.current_unit().code == code
    return unit


class BusyBox:
    """``Messages.busy_retry`` answered "Đóng", its texts recorded."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        monkeypatch.setattr(Messages, "busy_retry", classmethod(
            lambda cls, parent, text: self.texts.append(text) or False))


def write_while_held(qtbot: Any, window: Any, path: Path, busy: BusyBox,
                     start: Callable[[], object]) -> int:
    """Start a write while another program holds the database; return how many ticks of a
    10 ms timer the window handled before the busy box came. A write on the GUI thread would
    block the event loop for the whole busy timeout (0 ticks) and never reach that box."""
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    with held(path):
        timer.start()
        start()  # returns at once: the write waits for the lock on the writer thread
        assert window.runner.busy and busy.texts == []
        qtbot.waitUntil(lambda: bool(busy.texts), timeout=10_000)
        timer.stop()
    assert busy.texts == [BUSY_MESSAGE]
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10_000)
    return len(ticks)


@pytest.mark.qt_no_exception_capture
def test_page_save_while_the_database_is_held_says_busy(qtbot: Any, main_window: Any,
                                                        backend: Any,
                                                        crashes: dict[str, list[str]],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(Messages, "confirm", classmethod(lambda cls, *a, **kw: True))
    monkeypatch.setattr(Messages, "error",
                        classmethod(lambda cls, parent, text, *a: errors.append(text)))
    busy = BusyBox(monkeypatch)
    page = main_window.navigate("units")
    select_unit(page, "NATAM1")
    before = backend.services.units.count()
    ticks = write_while_held(qtbot, main_window, backend.database_path, busy,
                             page.delete_button.click)
    assert ticks >= 5  # the window went on drawing while the delete waited
    assert errors == []  # "Đóng" on the busy box: said once, not again
    assert crashes == {"crash": [], "known": []}
    assert backend.services.units.count() == before  # nothing changed
    assert page.delete_button.isEnabled() and page.current_unit().code == "NATAM1"
    page.delete_button.click()  # the lock is gone: the same action now works
    qtbot.waitUntil(lambda: backend.services.units.count() == before - 1, timeout=10_000)
    assert errors == [] and busy.texts == [BUSY_MESSAGE]


@pytest.mark.qt_no_exception_capture
def test_unit_dialog_save_waits_in_the_background(qtbot: Any, main_window: Any, backend: Any,
                                                  crashes: dict[str, list[str]],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.views.dialogs.unit_dialog import UnitDialog

    busy = BusyBox(monkeypatch)
    page = main_window.navigate("units")
    parent = select_unit(page, "NATAM")
    dialog = UnitDialog(page, backend, parent_unit=parent, runner=main_window.runner)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Bản Nà Tăm 3")
    dialog.code_edit.setText("NATAM3")
    before = backend.services.units.count()
    ticks = write_while_held(qtbot, main_window, backend.database_path, busy, dialog.save)
    assert ticks >= 5
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.saved is None
    assert dialog.save_button.isEnabled() and dialog.cancel_button.isEnabled()
    assert backend.services.units.count() == before
    dialog.save()  # the other program let go
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.saved is not None and dialog.saved.code == "NATAM3"
    assert crashes == {"crash": [], "known": []}


@pytest.mark.qt_no_exception_capture
def test_people_delete_waits_in_the_background(qtbot: Any, main_window: Any, backend: Any,
                                               sample_people: list[Any],
                                               crashes: dict[str, list[str]],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.api.people import PeopleQuery

    monkeypatch.setattr(Messages, "confirm", classmethod(lambda cls, *a, **kw: True))
    busy = BusyBox(monkeypatch)
    page = main_window.navigate("people")
    qtbot.waitUntil(lambda: not page.model.busy and page.model.rowCount() == 5, timeout=10_000)
    page.table.selectRow(0)
    ticks = write_while_held(qtbot, main_window, backend.database_path, busy,
                             page.delete_button.click)
    assert ticks >= 5
    assert backend.services.people.count(PeopleQuery()) == 5
    assert page.delete_button.isEnabled()
    assert crashes == {"crash": [], "known": []}


@pytest.mark.qt_no_exception_capture
def test_catalog_reset_waits_in_the_background(qtbot: Any, main_window: Any, backend: Any,
                                               crashes: dict[str, list[str]],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace
    from decimal import Decimal

    catalog = backend.services.catalog
    row = catalog.award_kind("GIAY_KHEN")
    catalog.update_award_kind(row.id, replace(row, coef_individual=Decimal("0.5")))
    busy = BusyBox(monkeypatch)
    page = main_window.navigate("award_kinds")
    target = next(r for r in range(page.proxy.rowCount())
                  if page.proxy.index(r, 0).data() == "GIAY_KHEN")
    page.table.setCurrentIndex(page.proxy.index(target, 0))
    ticks = write_while_held(qtbot, main_window, backend.database_path, busy,
                             page.reset_button.click)
    assert ticks >= 5
    assert catalog.award_kind("GIAY_KHEN").coef_individual == Decimal("0.5")
    assert page.reset_button.isEnabled()
    page.reset_button.click()
    qtbot.waitUntil(lambda: catalog.award_kind("GIAY_KHEN").coef_individual
                    == Decimal("0.30"), timeout=10_000)
    assert crashes == {"crash": [], "known": []}


@pytest.mark.qt_no_exception_capture
def test_trash_restore_waits_in_the_background(qtbot: Any, main_window: Any, backend: Any,
                                               sample_people: list[Any],
                                               crashes: dict[str, list[str]],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    backend.services.people.delete(sample_people[0].id)
    busy = BusyBox(monkeypatch)
    trash = main_window.navigate("trash")
    trash.reload()
    assert trash.model.rowCount() == 1
    trash.table.selectRow(0)
    ticks = write_while_held(qtbot, main_window, backend.database_path, busy,
                             trash.restore_button.click)
    assert ticks >= 5
    assert [item.label for item in backend.services.trash.items()] == [sample_people[0].full_name]
    trash.restore_button.click()
    qtbot.waitUntil(lambda: trash.model.rowCount() == 0, timeout=10_000)
    assert backend.services.trash.items() == []
    assert crashes == {"crash": [], "known": []}


@pytest.mark.qt_no_exception_capture
def test_bloc_delete_waits_in_the_background(qtbot: Any, main_window: Any, backend: Any,
                                             crashes: dict[str, list[str]],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from bloc_world import build_bloc_world

    world = build_bloc_world(backend.services)
    monkeypatch.setattr(Messages, "confirm", classmethod(lambda cls, *a, **kw: True))
    busy = BusyBox(monkeypatch)
    page = main_window.navigate("blocs")
    qtbot.waitUntil(lambda: page.bloc is not None and page.bloc.id == world["bloc"],
                    timeout=10_000)
    ticks = write_while_held(qtbot, main_window, backend.database_path, busy,
                             page.delete_button.click)
    assert ticks >= 5
    assert [b.id for b in backend.services.blocs.list()] == [world["bloc"]]
    assert page.delete_button.isEnabled()
    page.delete_button.click()
    qtbot.waitUntil(lambda: backend.services.blocs.list() == [], timeout=10_000)
    assert crashes == {"crash": [], "known": []}


def _add_commune(backend: Any, code: str) -> Any:
    root = backend.services.db.installation.unit_id
    return lambda _p, _c: backend.services.units.create(
        UnitInput(f"Xã {code}", code, UnitKind.COMMUNE, parent_id=root))


@pytest.mark.qt_no_exception_capture
def test_background_write_offers_retry_and_runs_the_same_work_again(
        qtbot: Any, main_window: Any, backend: Any, crashes: dict[str, list[str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    errors: list[str] = []
    holder = sqlite3.connect(backend.database_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")

    def busy_retry(cls: Any, parent: Any, text: str) -> bool:
        asked.append(text)
        holder.execute("ROLLBACK")  # the officer closed the other program, then "Thử lại"
        return True

    monkeypatch.setattr(Messages, "busy_retry", classmethod(busy_retry))
    monkeypatch.setattr(Messages, "error",
                        classmethod(lambda cls, parent, text, *a: errors.append(text)))
    saved: list[Any] = []
    try:
        main_window.runner.task(_add_commune(backend, "MSO"), main_window) \
            .success(saved.append).run(writes=True)
        qtbot.waitUntil(lambda: bool(saved), timeout=10_000)
    finally:
        holder.close()
    assert asked == [BUSY_MESSAGE]
    assert [unit.code for unit in saved] == ["MSO"]
    assert errors == [] and crashes == {"crash": [], "known": []}
    qtbot.waitUntil(lambda: not main_window.runner.busy, timeout=5000)


@pytest.mark.qt_no_exception_capture
def test_closing_the_busy_box_gives_the_error_to_the_task_once(
        qtbot: Any, main_window: Any, backend: Any, crashes: dict[str, list[str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    errors: list[str] = []
    monkeypatch.setattr(Messages, "busy_retry",
                        classmethod(lambda cls, parent, text: asked.append(text) or False))
    monkeypatch.setattr(Messages, "error",
                        classmethod(lambda cls, parent, text, *a: errors.append(text)))
    failures: list[DomainError] = []
    saved: list[Any] = []
    with held(backend.database_path):
        task = main_window.runner.task(_add_commune(backend, "MSO"), main_window) \
            .success(saved.append).failure(failures.append).run(writes=True)
        done: list[bool] = []
        task.finished.connect(lambda: done.append(True))
        qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    assert asked == [BUSY_MESSAGE]
    assert len(failures) == 1 and isinstance(failures[0], DatabaseBusyError)
    assert saved == [] and errors == []  # the box said it once; no second message
    assert crashes == {"crash": [], "known": []}


@pytest.mark.qt_no_exception_capture
def test_busy_error_that_escapes_gets_the_plain_message(qtbot: Any, tmp_path: Path,
                                                        crashes: dict[str, list[str]]) -> None:
    from PySide6.QtWidgets import QPushButton

    db = tmp_path / "x.db"
    setup = sqlite3.connect(db)
    setup.execute("CREATE TABLE t (x)")
    setup.commit()
    setup.close()
    writer = sqlite3.connect(db, timeout=0.05, isolation_level=None)

    def raw_sqlite_write() -> None:  # a raw sqlite3 call, past the engine's translation
        writer.execute("INSERT INTO t VALUES (1)")

    def service_refusal() -> None:
        raise DatabaseBusyError()

    button = QPushButton()
    qtbot.addWidget(button)
    button.clicked.connect(service_refusal)
    button.click()
    button.clicked.disconnect()
    button.clicked.connect(raw_sqlite_write)
    try:
        with held(db):
            button.click()
    finally:
        writer.close()
    assert crashes["known"] == [BUSY_MESSAGE, BUSY_MESSAGE]
    assert crashes["crash"] == []


# -- start-up --------------------------------------------------------------------------------------
def test_read_only_database_at_start_up_says_read_only(qapp: Any, tmp_path: Path,
                                                       configured_template: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "share" / "tdkt.db"
    db.parent.mkdir()
    db.write_bytes(configured_template.read_bytes())
    shown: list[str] = []
    monkeypatch.setattr(Messages, "error",
                        classmethod(lambda cls, parent, text, *a: shown.append(text)))
    with read_only(db):
        code = app.main(["--home", str(tmp_path / "home"), "--db", str(db)])
    assert code == 1
    assert len(shown) == 1 and "chỉ cho phép đọc" in shown[0] and str(db) in shown[0]
    assert "không phải cơ sở dữ liệu TĐKT" not in shown[0]


def test_unwritable_home_says_which_folder(qapp: Any, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(Messages, "error",
                        classmethod(lambda cls, parent, text, *a: shown.append(text)))
    assert app.main(["--home", str(blocker / "home")]) == 1
    folder = str(blocker.resolve() / "home" / "data")
    assert len(shown) == 1 and folder in shown[0]
    assert "--home" in shown[0] and "TDKT_HOME" in shown[0]
    assert folder in capsys.readouterr().err


def run_desktop(*args: str, **env: str | None) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ)
    for name, value in env.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=REPO, env=environment,
                          capture_output=True, text=True, timeout=120, check=False)


def test_unwritable_home_in_a_fresh_process_is_no_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = run_desktop("--smoke-test", QT_QPA_PLATFORM="offscreen",
                         TDKT_HOME=str(blocker / "home"))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "PermissionError" not in result.stderr
    assert str(blocker / "home" / "data") in result.stderr and "TDKT_HOME" in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland are Linux's")
def test_no_display_is_said_in_vietnamese_and_smoke_test_still_runs(tmp_path: Path) -> None:
    no_screen: dict[str, str | None] = {"DISPLAY": None, "WAYLAND_DISPLAY": None,
                                        "QT_QPA_PLATFORM": None}
    result = run_desktop("--home", str(tmp_path), **no_screen)
    assert result.returncode == 2, result.stderr
    assert "màn hình" in result.stderr and "--smoke-test" in result.stderr
    assert "qt.qpa" not in result.stderr and "Aborted" not in result.stderr
    assert not (tmp_path / "data").exists()  # said before anything was created
    smoke = run_desktop("--home", str(tmp_path), "--smoke-test", **no_screen)
    assert smoke.returncode == 0, smoke.stderr
    assert "smoke test ok" in smoke.stdout


def test_display_problem_rules() -> None:
    has_cursor, no_cursor = (lambda: True), (lambda: False)
    assert app.display_problem({}, "linux", has_cursor) == app.NO_DISPLAY_MESSAGE
    assert app.display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", no_cursor) == ""
    assert app.display_problem({"DISPLAY": ":0"}, "linux", has_cursor) == ""
    assert app.display_problem({"DISPLAY": ":0"}, "linux", no_cursor) == app.NO_XCB_CURSOR_MESSAGE
    assert "libxcb-cursor0" in app.NO_XCB_CURSOR_MESSAGE
    assert app.display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", no_cursor) == ""
    assert app.display_problem({}, "win32", no_cursor) == ""
    env: dict[str, str] = {}
    app.use_offscreen_without_display(env, "linux")
    assert env == {"QT_QPA_PLATFORM": "offscreen"}
    shown = {"DISPLAY": ":0"}
    app.use_offscreen_without_display(shown, "linux")
    assert shown == {"DISPLAY": ":0"}


@pytest.mark.parametrize(("press", "expected"), [("Thử lại", True), ("Đóng", False)])
def test_busy_box_has_vietnamese_retry_and_close(qapp: Any, monkeypatch: pytest.MonkeyPatch,
                                                 press: str, expected: bool) -> None:
    from PySide6.QtWidgets import QMessageBox

    seen: dict[str, Any] = {}

    def officer_presses(box: QMessageBox) -> int:
        seen["buttons"] = sorted(button.text() for button in box.buttons())
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == press).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", officer_presses)
    assert Messages.busy_retry(None, BUSY_MESSAGE) is expected
    assert seen == {"buttons": ["Thử lại", "Đóng"], "text": BUSY_MESSAGE}
