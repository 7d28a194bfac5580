"""Writes off the GUI thread, the same way on every page and dialog.

A save while another program holds the database used to freeze the window for the whole busy
timeout. ``run_write`` sends the service call to the runner's single writer thread, disables the
controls that started it (no double save from a double click) and re-enables them when the
outcome arrives. A ``DatabaseBusyError`` has already been shown by the runner with "Thử lại" /
"Đóng" (retry re-runs the same work with the same callbacks), so after "Đóng" only the controls
come back; any other refusal goes to ``refused`` (a form) or a message box.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from desktop.domain.errors import DatabaseBusyError, DomainError
from desktop.tasks import Task, TaskRunner
from desktop.views.messages import Messages

T = TypeVar("T")
Control = QWidget | QAction


def run_write(runner: TaskRunner, parent: QWidget, work: Callable[[], T], *,
              saved: Callable[[T], None], refused: Callable[[DomainError], None] | None = None,
              controls: Sequence[Control] = (),
              settled: Callable[[], None] | None = None) -> Task[T]:
    """Run ``work()`` on the writer thread; ``saved(result)`` or ``refused(error)`` on the GUI
    thread afterwards (a refusal without ``refused`` goes to ``Messages.error``). ``settled()``
    runs first on every outcome, also after "Đóng" on the busy box."""
    before = [(control, control.isEnabled()) for control in controls]
    for control in controls:
        control.setEnabled(False)

    def give_back() -> None:
        if settled is not None:
            settled()
        for control, enabled in before:
            if isValid(control):
                control.setEnabled(enabled)

    def on_saved(result: T) -> None:
        give_back()
        saved(result)

    def on_refused(error: DomainError) -> None:
        give_back()
        if isinstance(error, DatabaseBusyError):
            return  # the runner's box said so; the officer chose "Đóng"
        if refused is not None:
            refused(error)
        elif isValid(parent):
            Messages.error(parent, str(error))

    return (runner.task(lambda _progress, _cancel: work(), parent)
            .success(on_saved).failure(on_refused).run(writes=True))


def own_runner(owner: QWidget) -> TaskRunner:
    """A runner for a dialog opened without one (tests, tools): same boxes as the window's."""
    return TaskRunner(owner, show_error=lambda parent, text: Messages.error(parent, text),
                      ask_retry=lambda parent, text: Messages.busy_retry(parent, text))
