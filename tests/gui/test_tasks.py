"""The task runner: outcomes arrive on the GUI thread, progress is throttled, cancel works,
refusals become messages and bugs reach the crash handler."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from desktop.domain.errors import StorageError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.tasks import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def runner(qtbot: Any) -> Any:
    errors: list[str] = []
    unexpected: list[BaseException] = []
    r = TaskRunner(show_error=lambda _parent, text: errors.append(text),
                   on_unexpected=unexpected.append)
    r.errors, r.unexpected = errors, unexpected  # type: ignore[attr-defined]
    yield r
    r.cancel_all()
    r.wait_for_done(5000)


def test_success_callback_runs_on_gui_thread(qtbot: Any, runner: Any) -> None:
    seen: dict[str, Any] = {}

    def work(_progress: ProgressFn, _cancel: CancelToken) -> int:
        seen["worker"] = threading.current_thread()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback"] = threading.current_thread()

    task = runner.task(work).success(done)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.run()
    assert seen["value"] == 42
    assert seen["worker"] is not threading.main_thread()
    assert seen["callback"] is threading.main_thread()
    assert task.outcome == "success"


def test_domain_error_is_shown_as_its_message(qtbot: Any, runner: Any) -> None:
    def work(_progress: ProgressFn, _cancel: CancelToken) -> None:
        raise StorageError("Tệp sao lưu bị hỏng.")

    task = runner.task(work)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.run(writes=True)
    assert runner.errors == ["Tệp sao lưu bị hỏng."]
    assert task.outcome == "failure"


def test_failure_callback_replaces_the_message_box(qtbot: Any, runner: Any) -> None:
    got: list[Exception] = []

    def work(_progress: ProgressFn, _cancel: CancelToken) -> None:
        raise StorageError("không mở được")

    task = runner.task(work).failure(got.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.run()
    assert [str(e) for e in got] == ["không mở được"]
    assert runner.errors == []


def test_bug_goes_to_the_crash_handler(qtbot: Any, runner: Any) -> None:
    def work(_progress: ProgressFn, _cancel: CancelToken) -> None:
        raise ZeroDivisionError("bug")

    task = runner.task(work)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.run()
    assert len(runner.unexpected) == 1
    assert isinstance(runner.unexpected[0], ZeroDivisionError)
    assert task.outcome == "error"


def test_cancel_stops_cooperative_work(qtbot: Any, runner: Any) -> None:
    started = threading.Event()
    cancelled: list[bool] = []

    def work(_progress: ProgressFn, cancel: CancelToken) -> str:
        started.set()
        for _ in range(500):
            cancel.raise_if_cancelled()
            time.sleep(0.01)
        return "finished"

    task = runner.task(work).with_progress("Đang làm…").cancelled(lambda: cancelled.append(True))
    task.run(writes=True)
    assert started.wait(5)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.cancel()
    assert cancelled == [True]
    assert task.outcome == "cancelled"
    assert runner.errors == [] and runner.unexpected == []


def test_progress_is_throttled_and_the_last_report_arrives(qtbot: Any, runner: Any) -> None:
    reports: list[tuple[int, int, str]] = []

    def work(progress: ProgressFn, _cancel: CancelToken) -> None:
        for i in range(1, 20_001):
            progress(i, 20_000, f"dòng {i}")

    task = runner.task(work).with_progress("Đang nhập…").progress(
        lambda d, t, label: reports.append((d, t, label)))
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.run()
    assert reports[-1] == (20_000, 20_000, "dòng 20000")
    assert len(reports) < 200  # 20,000 calls, a handful of signals


def test_progress_dialog_offers_cancel(qtbot: Any, runner: Any) -> None:
    release = threading.Event()

    def work(progress: ProgressFn, cancel: CancelToken) -> None:
        progress(1, 10, "bước 1")
        while not release.is_set():
            cancel.raise_if_cancelled()
            time.sleep(0.01)

    task = runner.task(work).with_progress("Đang sao lưu…")
    task.run()
    dialog = task._dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=3000)
    assert dialog.is_cancellable
    with qtbot.waitSignal(task.finished, timeout=5000):
        dialog._cancel_button.click()
    assert task.outcome == "cancelled"
    release.set()


def test_busy_while_running(qtbot: Any, runner: Any) -> None:
    gate = threading.Event()
    task = runner.task(lambda _p, _c: gate.wait(5))
    task.run()
    assert runner.busy
    with qtbot.waitSignal(task.finished, timeout=5000):
        gate.set()
    assert not runner.busy


def _nested_event_loop(msecs: int = 50) -> None:
    """What a modal message box does inside a callback: spin a nested event loop."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(msecs, loop.quit)
    loop.exec()


@pytest.mark.parametrize("outcome", ["success", "failure"])
def test_callback_with_a_modal_dialog_still_finishes(qtbot: Any, runner: Any, outcome: str) -> None:
    """A success message box (backup, data check) spins a nested loop inside the callback; the
    task must survive it and emit ``finished`` (it was deleted inside that loop, and the
    officer saw the crash dialog with "Signal source has been deleted")."""
    import sys

    hooked: list[BaseException] = []
    previous = sys.excepthook
    sys.excepthook = lambda _t, exc, _tb: hooked.append(exc)
    try:
        def work(_progress: ProgressFn, _cancel: CancelToken) -> int:
            if outcome == "failure":
                raise StorageError("Không đọc được tệp.")
            return 1

        finished: list[bool] = []
        task = (runner.task(work).success(lambda _v: _nested_event_loop())
                .failure(lambda _e: _nested_event_loop()))
        task.finished.connect(lambda: finished.append(True))
        task.run()
        qtbot.waitUntil(lambda: bool(finished) or bool(hooked), timeout=5000)
    finally:
        sys.excepthook = previous
    assert hooked == [] and runner.unexpected == []
    assert finished == [True]
    assert not runner.busy


@pytest.mark.parametrize("outcome", ["success", "failure", "error"])
def test_disabling_holds_the_controls_until_the_outcome(qtbot: Any, runner: Any,
                                                        outcome: str) -> None:
    """A Save button is disabled while its write runs (no double save) and gets its former
    state back before the callback, whatever the outcome, even after a bug."""
    from PySide6.QtWidgets import QPushButton

    save, off = QPushButton("Lưu"), QPushButton("Ký")
    qtbot.addWidget(save)
    qtbot.addWidget(off)
    off.setEnabled(False)  # already disabled by the page: stays so
    release = threading.Event()
    seen: list[tuple[bool, bool]] = []

    def work(_progress: ProgressFn, _cancel: CancelToken) -> int:
        release.wait(5)
        if outcome == "failure":
            raise StorageError("Không ghi được.")
        if outcome == "error":
            raise RuntimeError("bug")
        return 1

    task = (runner.task(work).disabling(save, off)
            .success(lambda _v: seen.append((save.isEnabled(), off.isEnabled())))
            .failure(lambda _e: seen.append((save.isEnabled(), off.isEnabled()))))
    task.run(writes=True)
    assert not save.isEnabled() and not off.isEnabled()  # the work waits for ``release``
    with qtbot.waitSignal(task.finished, timeout=5000):
        release.set()
    assert save.isEnabled() and not off.isEnabled()
    assert seen == ([] if outcome == "error" else [(True, False)])


def test_callbacks_of_a_deleted_widget_are_dropped(qtbot: Any, runner: Any) -> None:
    """A page deleted while its read runs (pages are rebuilt after a restore): the result is
    not delivered to its dead widgets (that was "Internal C++ object already deleted"), and a
    refusal is still said, on no parent."""
    import shiboken6
    from PySide6.QtWidgets import QLabel, QWidget

    outcomes: list[str] = []
    for fails in (False, True):
        page = QWidget()
        label = QLabel(page)
        gate = threading.Event()

        def work(_progress: ProgressFn, _cancel: CancelToken, fails: bool = fails,
                 gate: threading.Event = gate) -> str:
            gate.wait(5)
            if fails:
                raise StorageError("Không đọc được.")
            return "xong"

        task = (runner.task(work, page).success(label.setText)
                .failure(lambda e, lab=label: lab.setText(str(e))))
        task.finished.connect(lambda: outcomes.append("finished"))
        task.run()
        shiboken6.delete(page)
        gate.set()
        expected = len(outcomes) + 1
        qtbot.waitUntil(lambda expected=expected: len(outcomes) == expected, timeout=5000)
    assert outcomes == ["finished", "finished"]
    assert runner.unexpected == [] and runner.errors == ["Không đọc được."]


def test_garbage_is_collected_on_the_gui_thread(qtbot: Any) -> None:
    """A Qt object dropped in a reference cycle is freed by the GUI-thread collector, on the
    GUI thread, with automatic collection off (a worker thread must never run its destructor)."""
    import gc

    from PySide6.QtCore import QObject

    from desktop.tasks.garbage import GuiThreadCollector

    was_enabled = gc.isenabled()
    collector = GuiThreadCollector(interval_ms=10)
    try:
        assert not gc.isenabled()
        destroyed_on: list[bool] = []
        holder = QObject()
        holder.cycle = holder  # type: ignore[attr-defined]  # a reference cycle
        holder.destroyed.connect(lambda: destroyed_on.append(threading.current_thread()
                                                           is threading.main_thread()))
        del holder
        junk = [[] for _ in range(gc.get_threshold()[0] + 1)]  # past the young threshold
        qtbot.waitUntil(lambda: destroyed_on == [True], timeout=5000)  # the timer collected
        del junk
    finally:
        collector.stop()
        if not was_enabled:
            gc.disable()


def test_a_finished_task_is_never_the_last_owner_of_its_runner(qtbot: Any) -> None:
    """A Python-owned runner kept alive only through a finished task's callback (a model that
    holds the runner, as the lists do): when Qt deletes the task, releasing the callback must
    not destroy the runner inside the task's own destructor (the runner then deleted the task a
    second time: segfault in QObject::~QObject, about one GUI run in ten)."""
    import weakref

    from PySide6.QtCore import QCoreApplication, QEvent, QObject

    class Model(QObject):
        def __init__(self, runner: TaskRunner) -> None:
            super().__init__()
            self.runner = runner
            self.values: list[int] = []

        def shown(self, value: int) -> None:
            self.values.append(value)

    owner = TaskRunner()
    model = Model(owner)
    task = owner.task(lambda _progress, _cancel: 7).success(model.shown)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.run()
    assert model.values == [7]
    owner.wait_for_done(5000)
    gone = weakref.ref(owner)
    del owner, model, task
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the task's deleteLater
    QCoreApplication.processEvents()
    assert gone() is None  # released by the test's own references, not inside a destructor
