"""Crash handling: an exception in a slot or a thread is logged at CRITICAL with its traceback
and shown in the crash dialog (never a silent exit); explained refusals get a plain message."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton

from desktop import crash, logging_setup
from desktop.domain.errors import ConflictError

pytestmark = [pytest.mark.gui, pytest.mark.qt_no_exception_capture]


@pytest.fixture
def handler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    log_dir = tmp_path / "logs"
    log_file = logging_setup.configure(log_dir)
    shown: list[tuple[str, Path]] = []
    known: list[str] = []
    monkeypatch.setattr(crash.CrashDialog, "show_crash", classmethod(
        lambda cls, parent, details, log_path: shown.append((details, log_path))))
    monkeypatch.setattr(crash, "show_known_error", lambda parent, text: known.append(text))
    h = crash.install(log_dir, log_file)
    h.attach_gui()
    h.shown, h.known = shown, known  # type: ignore[attr-defined]
    yield h
    h.uninstall()
    for item in list(logging.getLogger().handlers):
        if getattr(item, "_tdkt", False):
            logging.getLogger().removeHandler(item)
            item.close()


def test_exception_in_a_slot_reaches_the_handler(qtbot: Any, handler: Any) -> None:
    button = QPushButton()
    qtbot.addWidget(button)

    def broken_slot() -> None:
        raise RuntimeError("hỏng trong slot")

    button.clicked.connect(broken_slot)
    button.click()
    assert len(handler.shown) == 1
    details, log_path = handler.shown[0]
    assert "RuntimeError: hỏng trong slot" in details and "broken_slot" in details
    assert log_path == handler.log_file
    text = handler.log_file.read_text(encoding="utf-8")
    assert "CRITICAL" in text and "hỏng trong slot" in text and "Traceback" in text


def test_exception_in_a_thread_is_shown_on_the_gui_thread(qtbot: Any, handler: Any) -> None:
    def work() -> None:
        raise ValueError("lỗi trong luồng nền")

    thread = threading.Thread(target=work, name="worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(handler.shown) == 1, timeout=3000)
    assert "lỗi trong luồng nền" in handler.shown[0][0]
    assert "worker" in handler.log_file.read_text(encoding="utf-8")


def test_domain_error_gets_a_plain_message(qtbot: Any, handler: Any) -> None:
    button = QPushButton()
    qtbot.addWidget(button)

    def refuse() -> None:
        raise ConflictError("Không thể xóa vì còn 3 cá nhân.")

    button.clicked.connect(refuse)
    button.click()
    assert handler.known == ["Không thể xóa vì còn 3 cá nhân."]
    assert handler.shown == []


def test_faulthandler_file_and_previous_crash(tmp_path: Path) -> None:
    log_dir = tmp_path / "logs"
    log_dir.mkdir()
    (log_dir / crash.CRASH_LOG_NAME).write_text("Fatal Python error: Segmentation fault\n",
                                                encoding="utf-8")
    h = crash.install(log_dir, log_dir / "tdkt.log")
    try:
        assert "Segmentation fault" in h.previous_crash
        kept = list(log_dir.glob("crash-*.log"))
        assert len(kept) == 1
        import faulthandler

        assert faulthandler.is_enabled()
    finally:
        h.uninstall()


def test_crash_dialog_copies_details(qtbot: Any, tmp_path: Path) -> None:
    dialog = crash.CrashDialog(None, "Traceback: chi tiết", tmp_path / "tdkt.log")
    qtbot.addWidget(dialog)
    dialog.copy_details()
    assert QGuiApplication.clipboard().text() == "Traceback: chi tiết"
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert str(tmp_path / "tdkt.log") in labels
