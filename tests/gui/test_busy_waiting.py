"""A save that meets a database another program holds (issue 10, item 8): while the write
waits (bounded by TDKT_BUSY_TIMEOUT_MS) the window shows "Đang chờ cơ sở dữ liệu đang bận…" —
a small window over the form and the status bar — and stays responsive; after the bound the
Vietnamese busy message with "Thử lại" follows and the waiting state is gone. When the other
program lets go during the wait, the save simply goes through."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from desktop.db.engine import BUSY_TIMEOUT_ENV
from desktop.domain.errors import BUSY_MESSAGE
from desktop.tasks.progress_dialog import TaskProgressDialog
from desktop.views.messages import Messages

pytestmark = pytest.mark.gui

WAITING = "Đang chờ cơ sở dữ liệu đang bận…"


@pytest.fixture(autouse=True)
def bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "3000")


@contextmanager
def held(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a save holds the write lock."""
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        yield holder
        if holder.in_transaction:
            holder.execute("ROLLBACK")
    finally:
        holder.close()


def waiting_window(over: QWidget) -> TaskProgressDialog | None:
    shown = [d for d in over.findChildren(TaskProgressDialog) if d.isVisible()]
    return shown[0] if shown else None


def texts(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def unit_dialog(qtbot: Any, main_window: Any, backend: Any, code: str) -> Any:
    from desktop.views.dialogs.unit_dialog import UnitDialog

    page = main_window.navigate("units")
    parent = next(u for u in backend.services.units.search("NATAM") if u.code == "NATAM")
    dialog = UnitDialog(page, backend, parent_unit=parent, runner=main_window.runner)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText(f"Bản {code}")
    dialog.code_edit.setText(code)
    return dialog


@pytest.mark.qt_no_exception_capture
def test_a_blocked_save_shows_it_is_waiting_then_says_busy(
        qtbot: Any, main_window: Any, backend: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    busy: list[str] = []
    monkeypatch.setattr(Messages, "busy_retry", classmethod(
        lambda cls, parent, text: busy.append(text) or False))  # "Đóng"
    dialog = unit_dialog(qtbot, main_window, backend, "NATAM5")
    before = backend.services.units.count()
    with held(backend.database_path):
        dialog.save()
        qtbot.waitUntil(lambda: waiting_window(dialog) is not None, timeout=5_000)
        window = waiting_window(dialog)
        assert window is not None
        assert WAITING in texts(window) and "tối đa 3 giây" in texts(window)
        assert window.windowTitle() == "Cơ sở dữ liệu đang bận"
        assert main_window.statusBar().currentMessage() == WAITING
        assert busy == []  # still waiting: the bound has not passed
        qtbot.waitUntil(lambda: bool(busy), timeout=15_000)
    assert busy == [BUSY_MESSAGE]
    assert waiting_window(dialog) is None  # the waiting state is gone with the answer
    assert main_window.statusBar().currentMessage() != WAITING
    assert backend.services.units.count() == before
    assert dialog.save_button.isEnabled() and dialog.saved is None


@pytest.mark.qt_no_exception_capture
def test_the_save_goes_through_when_the_other_program_lets_go(
        qtbot: Any, main_window: Any, backend: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    busy: list[str] = []
    monkeypatch.setattr(Messages, "busy_retry", classmethod(
        lambda cls, parent, text: busy.append(text) or False))
    dialog = unit_dialog(qtbot, main_window, backend, "NATAM6")
    with held(backend.database_path) as holder:
        dialog.save()
        qtbot.waitUntil(lambda: waiting_window(dialog) is not None, timeout=5_000)
        holder.execute("ROLLBACK")  # the other program finished its save
        qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.saved is not None and dialog.saved.code == "NATAM6"
    assert busy == []
    assert waiting_window(dialog) is None
    assert main_window.statusBar().currentMessage() != WAITING
