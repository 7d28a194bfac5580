"""Background work for the GUI, modelled on Anki's QueryOp: a fluent ``Task`` that runs a service
call on a ``QThreadPool``, shows a progress dialog with a cancel button, and delivers the outcome
on the GUI thread.

Rules kept here so views cannot get them wrong:

* the work function never touches widgets; it gets ``progress(done, total, label)`` and a
  ``CancelToken`` and returns a value (or raises);
* progress is throttled in the worker (about 10 updates a second), so a long loop cannot flood
  the event loop;
* callbacks run on the GUI thread: worker signals are connected to bound slots of ``Task``,
  a QObject created on the GUI thread (never to bare lambdas, which Qt may call in the worker);
* ``Cancelled`` is a normal outcome; a ``DomainError`` is shown to the officer as its own
  Vietnamese message (or given to ``failure``); anything else is a bug and goes to
  ``sys.excepthook``, i.e. the crash handler;
* writes go to a single-thread pool (one writer to SQLite), reads to a small parallel pool.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar, cast

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.domain.errors import Cancelled, DatabaseBusyError, DomainError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.i18n import translate
from desktop.tasks.progress_dialog import TaskProgressDialog

log = logging.getLogger(__name__)

T = TypeVar("T")
# A task's result type: covariant, so a ``Task[list[Row]]`` is a ``Task[object]`` to the runner.
T_co = TypeVar("T_co", covariant=True)
WorkFn = Callable[[ProgressFn, CancelToken], T]
ErrorPresenter = Callable[[QWidget | None, str], None]
UnexpectedHandler = Callable[[BaseException], None]

PROGRESS_INTERVAL = 0.1  # seconds between progress signals from one task


def _default_show_error(parent: QWidget | None, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, translate("Tasks", "TĐKT Desktop"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.exec()


def _default_unexpected(exc: BaseException) -> None:
    sys.excepthook(type(exc), exc, exc.__traceback__)


class _Signals(QObject):
    """Carries a job's news from the worker thread to the GUI thread (queued connections)."""

    progressed = Signal(int, int, str)
    # The outcome itself travels in the task's outbox, not in the signal: see _Job.run.
    succeeded = Signal()
    failed = Signal()


class _Throttle:
    """Forwards at most one progress report per interval; the last one is never lost."""

    def __init__(self, signals: _Signals, interval: float = PROGRESS_INTERVAL) -> None:
        self._signals = signals
        self._interval = interval
        self._last_sent = 0.0
        self._pending: tuple[int, int, str] | None = None

    def __call__(self, done: int, total: int, label: str = "") -> None:
        now = time.monotonic()
        finished = total > 0 and done >= total
        if finished or now - self._last_sent >= self._interval:
            self._last_sent = now
            self._pending = None
            self._signals.progressed.emit(int(done), int(total), str(label))
        else:
            self._pending = (int(done), int(total), str(label))

    def flush(self) -> None:
        if self._pending is not None:
            self._signals.progressed.emit(*self._pending)
            self._pending = None


class _Job(QRunnable):
    """The part that runs in the pool: call the work function, report back, touch no widget."""

    def __init__(self, fn: WorkFn[object], token: CancelToken, signals: _Signals,
                 outbox: list[object]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn: WorkFn[object] | None = fn
        self._token = token
        self._signals = signals
        self._outbox = outbox

    def run(self) -> None:
        # The work function, its result and an exception's traceback (whose frames hold the
        # function's closure) may reach Qt objects: a model, a page. This thread must never
        # drop the last reference to one, or Qt destroys it here, off its thread (a rare
        # segfault in QObject::~QObject). So the outcome is handed over to the task's outbox,
        # owned by the GUI thread, and every local reference to it is gone before the signal
        # goes out; the exception is put away outside the ``except`` block, which would
        # otherwise keep it alive as the exception being handled.
        fn, self._fn = self._fn, None
        throttle = _Throttle(self._signals)
        outcome: list[object] = []
        failed = False
        try:
            assert fn is not None
            outcome.append(fn(throttle, self._token))
        except BaseException as exc:  # every outcome goes back to the GUI thread
            outcome.append(exc)
            failed = True
        del fn
        self._outbox.extend(outcome)
        outcome.clear()
        throttle.flush()
        if failed:
            self._signals.failed.emit()
        else:
            self._signals.succeeded.emit()


class TaskRunner(QObject):
    """Owns the thread pools and the running tasks of one window.

    Signals:
        task_started(str): a task with a progress label began (for the status bar).
        task_finished(str): that task ended, whatever the outcome.
    """

    task_started = Signal(str)
    task_finished = Signal(str)

    def __init__(self, parent: QObject | None = None, *, show_error: ErrorPresenter | None = None,
                 on_unexpected: UnexpectedHandler | None = None,
                 ask_retry: RetryQuestion | None = None) -> None:
        super().__init__(parent)
        self.show_error: ErrorPresenter = show_error or _default_show_error
        self.ask_retry: RetryQuestion = ask_retry or _default_ask_retry
        self.on_unexpected: UnexpectedHandler = on_unexpected or _default_unexpected
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(2)
        self._running: set[Task[object]] = set()
        self.writes_done = 0  # writes that succeeded (the close-time backup asks if any did)

    def task(self, fn: WorkFn[T], parent: QWidget | None = None) -> Task[T]:
        """A task for ``fn(progress, cancel)``; configure it, then call ``run()``."""
        return Task(self, fn, parent)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the pools are idle (shutdown and tests); callbacks are not delivered."""
        return self._writer.waitForDone(msecs) and self._readers.waitForDone(msecs)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def _start(self, task: Task[object], job: _Job, writes: bool) -> None:
        self._running.add(task)
        (self._writer if writes else self._readers).start(job)

    def _forget(self, task: Task[object]) -> None:
        self._running.discard(task)


class Task(QObject, Generic[T_co]):
    """One piece of background work, configured fluently::

        runner.task(lambda progress, cancel: services.x(progress=progress, cancel=cancel)) \\
              .with_progress(translate("Ctx", "Working…")).success(self._on_done).run(writes=True)

    Signals:
        finished(): emitted once after the outcome's callback ran (success, failure or cancel).
    """

    finished = Signal()

    def __init__(self, runner: TaskRunner, fn: WorkFn[T_co], parent: QWidget | None) -> None:
        super().__init__(runner)
        self._runner = runner
        self._fn = fn
        self._parent_widget = parent
        self.token = CancelToken()
        self._signals = _Signals(self)
        self._signals.progressed.connect(self._on_progressed)
        self._signals.succeeded.connect(self._on_succeeded)
        self._signals.failed.connect(self._on_failed)
        self._on_success: Callable[[T_co], None] | None = None
        self._on_failure: Callable[[DomainError], None] | None = None
        self._on_cancel: Callable[[], None] | None = None
        self._on_progress: Callable[[int, int, str], None] | None = None
        self._label = ""
        self._title = ""
        self._cancellable = True
        self._dialog: TaskProgressDialog | None = None
        self._disabled: tuple[QWidget, ...] = ()
        self._writes = False
        self._outcome_value: object = None
        self._outbox: list[object] = []  # filled by the worker, emptied here (GUI thread)
        self._was_enabled: list[tuple[QWidget, bool]] = []
        self.done = False
        self.outcome = ""  # "success" | "failure" | "cancelled" | "error" once done

    # -- configuration -----------------------------------------------------------------------
    def success(self, callback: Callable[[T_co], None]) -> Task[T_co]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[DomainError], None]) -> Task[T_co]:
        """Handle expected failures yourself instead of the default message box."""
        self._on_failure = callback
        return self

    def cancelled(self, callback: Callable[[], None]) -> Task[T_co]:
        self._on_cancel = callback
        return self

    def progress(self, callback: Callable[[int, int, str], None]) -> Task[T_co]:
        """Also receive the (throttled) progress reports on the GUI thread."""
        self._on_progress = callback
        return self

    def with_progress(self, label: str, *, cancellable: bool = True, title: str = "") -> Task[T_co]:
        """Show a progress dialog (after a short delay, so quick work does not flash one)."""
        self._label, self._cancellable, self._title = label, cancellable, title
        return self

    def disabling(self, *widgets: QWidget) -> Task[T_co]:
        """Disable these controls (a Save button, a page's action) while the work runs, so a
        double click cannot start it twice; each gets its former state back when the outcome
        arrives, before the outcome's callback (which may then decide otherwise)."""
        self._disabled = widgets
        return self

    def run(self, *, writes: bool = False) -> Task[T_co]:
        self._writes = writes
        self._was_enabled = [(w, w.isEnabled()) for w in self._disabled]
        for widget in self._disabled:
            widget.setEnabled(False)
        if self._label:
            self._dialog = TaskProgressDialog(self._parent_widget, self._label,
                                              cancellable=self._cancellable, title=self._title)
            self._dialog.cancel_requested.connect(self.cancel)
            self._runner.task_started.emit(self._label)
        self._runner._start(self, _Job(self._fn, self.token, self._signals, self._outbox),
                            writes)
        return self

    @Slot()
    def cancel(self) -> None:
        self.token.cancel()
        if self._dialog is not None:
            self._dialog.show_stopping()

    # -- outcome (GUI thread) ----------------------------------------------------------------
    @Slot(int, int, str)
    def _on_progressed(self, done: int, total: int, label: str) -> None:
        if self._dialog is not None:
            self._dialog.report(done, total, label)
        if self._on_progress is not None:
            self._on_progress(done, total, label)

    def _asker_gone(self) -> bool:
        """The widget that started the task was deleted meanwhile (a page rebuilt after a
        restore, a dialog closed): its callbacks would touch dead widgets, so they are dropped."""
        return self._parent_widget is not None and not shiboken6.isValid(self._parent_widget)

    @Slot()
    def _on_succeeded(self) -> None:
        result = self._outcome_value = self._outbox.pop()  # released with the Task, here
        self._finish("success")
        try:
            if self._on_success is not None and not self._asker_gone():
                self._on_success(cast(T_co, result))  # what the work function returned
        finally:
            self._release()

    @Slot()
    def _on_failed(self) -> None:
        exc = self._outcome_value = self._outbox.pop()  # its traceback too: released here
        assert isinstance(exc, BaseException)
        try:
            if isinstance(exc, Cancelled):
                self._finish("cancelled")
                if self._on_cancel is not None and not self._asker_gone():
                    self._on_cancel()
            elif isinstance(exc, DomainError) and self._asker_gone():
                # Nobody is left to show it under a field: say it plainly, on no parent.
                self._finish("failure")
                self._runner.show_error(None, str(exc))
            elif isinstance(exc, DomainError):
                self._finish("failure")
                if isinstance(exc, DatabaseBusyError):  # another program holds the database
                    _offer_busy_retry(self, exc)
                elif self._on_failure is not None:
                    self._on_failure(exc)
                else:
                    self._runner.show_error(self._parent_widget, str(exc))
            else:
                self._finish("error")
                log.error("Background task failed", exc_info=(type(exc), exc, exc.__traceback__))
                self._runner.on_unexpected(exc)
        finally:
            self._release()

    def _finish(self, outcome: str) -> None:
        self.done, self.outcome = True, outcome
        if outcome == "success" and self._writes:
            self._runner.writes_done += 1
        for widget, enabled in self._was_enabled:
            if shiboken6.isValid(widget):  # a dialog closed meanwhile takes its buttons along
                widget.setEnabled(enabled)
        self._was_enabled = []
        if self._dialog is not None:
            self._dialog.finish()
            self._dialog = None
            self._runner.task_finished.emit(self._label)
        self._runner._forget(self)

    def _release(self) -> None:
        """Announce the end, then let the QObject go.

        ``deleteLater`` is called here, after the callback, and not from a timer: a callback
        that opens a modal message box spins a nested event loop, and a deletion requested
        inside that loop happens inside it, before ``finished`` could be emitted ("Signal
        source has been deleted"). Requested from this slot, Qt defers it until control is
        back in the loop that delivered the outcome.
        """
        self.finished.emit()
        self._let_go()
        self.deleteLater()

    def _let_go(self) -> None:
        """Drop every Python reference the task holds before Qt deletes it.

        The task's destruction releases its Python side; if that released the last reference
        to a model (through the work function or a callback) or to a Python-owned runner, their
        destruction ran inside this one's, and the runner deleted its children, this task
        among them, a second time: the segfault in ``QObject::~QObject`` that a GUI test met
        about one run in ten. Released here, on the GUI thread and outside any destructor."""
        self._fn = None  # type: ignore[assignment]
        self._on_success = self._on_failure = self._on_cancel = self._on_progress = None
        self._outcome_value = None
        self._parent_widget = None
        self._disabled = ()
        self._runner = None  # type: ignore[assignment]


def on_gui_thread() -> bool:
    """True on the thread that runs the Qt event loop (used by tests and assertions)."""
    return threading.current_thread() is threading.main_thread()


# -- "database busy": ask, then run the same work again -------------------------------------------
RetryQuestion = Callable[[QWidget | None, str], bool]


def _default_ask_retry(parent: QWidget | None, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, translate("Tasks", "TĐKT Desktop"), text,
                      QMessageBox.StandardButton.NoButton, parent)
    retry = box.addButton(translate("Tasks", "Try again"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("Tasks", "Close"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    return box.clickedButton() is retry


def _offer_busy_retry(task: Task[T], exc: DomainError) -> None:
    """Another program held the database: the work was rolled back, so the very same work can
    simply run again once the officer has closed that program. "Thử lại" starts it as a new
    task with the same callbacks; "Đóng" hands the error to the task's own failure callback
    (so a page can reset its state) or, without one, ends there: the box already said why."""
    if task._runner.ask_retry(task._parent_widget, str(exc)):
        _run_again(task)
    elif task._on_failure is not None:
        task._on_failure(exc)


def _run_again(task: Task[T]) -> Task[T]:
    again: Task[T] = Task(task._runner, task._fn, task._parent_widget)
    again._on_success, again._on_failure = task._on_success, task._on_failure
    again._on_cancel, again._on_progress = task._on_cancel, task._on_progress
    again._label, again._title, again._cancellable = task._label, task._title, task._cancellable
    again._disabled = task._disabled  # disabled again while the retry runs
    # Only writers meet a busy database (reads do not wait under WAL); on the writer pool the
    # retry also queues behind any other write instead of racing it.
    return again.run(writes=True)
