"""One window per database: a second start on the same data brings the first window forward
(or, when the first does not answer, says so) instead of opening a second writer."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QMainWindow

from desktop import app
from desktop.views.dialogs.first_run import FirstRunDialog
from desktop.views.messages import Messages
from desktop.views.single_instance import Outcome, SingleInstance, bring_forward, instance_key

pytestmark = pytest.mark.gui


@pytest.fixture
def key(tmp_path: Path) -> str:
    return instance_key(tmp_path / "tdkt.db")


def test_second_guard_hands_over_and_the_first_is_asked_to_come_forward(qtbot: Any,
                                                                        key: str) -> None:
    first = SingleInstance(key)
    asked: list[bool] = []
    first.activate_requested.connect(lambda: asked.append(True))
    try:
        assert first.start() is Outcome.PRIMARY and first.listening
        second = SingleInstance(key)
        assert second.start() is Outcome.HANDED_OVER
        assert not second.listening
        qtbot.waitUntil(lambda: asked == [True], timeout=3000)
        third = SingleInstance(key)  # and again: the first keeps answering
        assert third.start() is Outcome.HANDED_OVER
        qtbot.waitUntil(lambda: asked == [True, True], timeout=3000)
    finally:
        first.close()
    after = SingleInstance(key)  # the first closed: the next start is the first again
    try:
        assert after.start() is Outcome.PRIMARY and after.listening
    finally:
        after.close()


def test_an_instance_that_does_not_answer_is_reported(qtbot: Any, key: str) -> None:
    hung = QLocalServer()  # accepts the connection at the OS level but never replies
    assert hung.listen(key)
    try:
        guard = SingleInstance(key, timeout_ms=300)
        assert guard.start() is Outcome.UNRESPONSIVE
        assert not guard.listening
    finally:
        hung.close()


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave no file behind")
def test_socket_file_left_by_a_crash_does_not_block_the_next_start(key: str) -> None:
    stale = Path(QDir.tempPath()) / key
    stale.write_text("", encoding="utf-8")
    guard = SingleInstance(key)
    try:
        assert guard.start() is Outcome.PRIMARY and guard.listening
    finally:
        guard.close()
    assert not stale.exists()


def test_key_is_per_database_whatever_the_spelling(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert instance_key(Path("tdkt.db")) == instance_key(tmp_path / "tdkt.db")
    assert instance_key(tmp_path / "a.db") != instance_key(tmp_path / "b.db")
    assert len(instance_key(tmp_path / ("x" * 200) / "tdkt.db")) < 40


def test_bring_forward_restores_a_minimised_window(qtbot: Any) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized, timeout=2000)
    bring_forward()
    qtbot.waitUntil(lambda: not window.isMinimized(), timeout=2000)
    assert window.isVisible()


def test_second_start_of_the_app_hands_over_without_opening_the_database(
        qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "data" / "tdkt.db"
    first = SingleInstance(instance_key(db))
    asked: list[bool] = []
    first.activate_requested.connect(lambda: asked.append(True))

    def must_not_open(*_args: Any, **_kwargs: Any) -> Any:
        pytest.fail("the second start opened the database")

    monkeypatch.setattr(app.ServiceBackend, "open", classmethod(must_not_open))
    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(must_not_open))
    try:
        assert first.start() is Outcome.PRIMARY
        assert app.main(["--home", str(tmp_path)]) == 0
        assert asked == [True]
    finally:
        first.close()


def test_app_says_so_when_the_first_window_hangs(qapp: Any, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "data" / "tdkt.db"
    shown: list[str] = []
    monkeypatch.setattr(Messages, "error",
                        classmethod(lambda cls, parent, text, *a: shown.append(text)))
    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(
        lambda *_a, **_kw: pytest.fail("the database was opened beside a hung window")))
    monkeypatch.setattr("desktop.views.single_instance.DEFAULT_TIMEOUT_MS", 300)
    hung = QLocalServer()
    assert hung.listen(instance_key(db))
    try:
        assert app.main(["--home", str(tmp_path)]) == 1
    finally:
        hung.close()
    assert len(shown) == 1
    assert "đang mở trên dữ liệu này" in shown[0] and str(db) in shown[0]


def test_headless_runs_skip_the_guard(tmp_path: Path, qapp: Any) -> None:
    """--smoke-test must work while the officer has the app open on the same data."""
    db = tmp_path / "data" / "tdkt.db"
    first = SingleInstance(instance_key(db))
    asked: list[bool] = []
    first.activate_requested.connect(lambda: asked.append(True))
    try:
        assert first.start() is Outcome.PRIMARY
        assert app.main(["--home", str(tmp_path), "--smoke-test"]) == 0
    finally:
        first.close()
    assert asked == []
    assert db.is_file()
