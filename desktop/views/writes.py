"""Writes off the GUI thread, the same way on every page and dialog.

A save while another program holds the database used to freeze the window for the whole busy
timeout. ``run_write`` sends the service call to the runner's single writer thread, disables the
controls that started it (no double save from a double click) and re-enables them when the
outcome arrives. A ``DatabaseBusyError`` has already been shown by the runner with "Thử lại" /
"Đóng" (retry re-runs the same work with the same callbacks), so after "Đóng" only the controls
come back; any other refusal goes to ``refused`` (a form) or a message box.

While the write waits for the other program's lock (up to ``TDKT_BUSY_TIMEOUT_MS``, 10 s by
default) a small window over the form and the status bar say "Đang chờ cơ sở dữ liệu đang
bận…", so the officer sees why nothing happens yet; it goes when the write gets the lock or
gives up (then the runner's "Thử lại" box follows).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QStatusBar, QWidget
from shiboken6 import isValid

from desktop.api.changes import RecordFields
from desktop.domain.busy import on_busy_wait, seconds_text
from desktop.domain.errors import DatabaseBusyError, DomainError, FieldChange, StaleEditError
from desktop.i18n import translate
from desktop.tasks import Task, TaskRunner
from desktop.tasks.progress_dialog import TaskProgressDialog
from desktop.views.messages import Messages

T = TypeVar("T")
R = TypeVar("R")
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

    notice = WaitNotice(parent)

    def waiting_visibly() -> T:
        with on_busy_wait(notice.started.emit, notice.ended.emit):
            return work()

    return (runner.task(lambda _progress, _cancel: waiting_visibly(), parent)
            .success(on_saved).failure(on_refused).run(writes=True))


def offer_reload(parent: QWidget, error: DomainError, seen: R, fetch: Callable[[], R],
                 fields: RecordFields, reload: Callable[[R], None]) -> bool:
    """A form's answer to ``StaleEditError`` (someone else saved the record after the form was
    opened with ``seen``): read the record as it is now, say what they changed (as it was when
    the form was opened → now) and offer "Tải lại", which calls ``reload(current)``; "Hủy"
    leaves the form as typed. Returns False for any other error (the caller shows it)."""
    if not isinstance(error, StaleEditError):
        return False
    try:
        current = fetch()
    except DomainError as gone:  # deleted meanwhile: nothing to reload
        Messages.error(parent, f"{error}\n\n{gone}")
        return True
    if Messages.stale_edit(parent, stale_text(error, fields.changes(seen, current))):
        reload(current)
    return True


def stale_text(error: StaleEditError, changes: Sequence[FieldChange]) -> str:
    lines = [translate("Writes", "Someone else changed and saved “%1” after you opened this form, "
                       "so your changes have not been saved (they would overwrite theirs).")
             .replace("%1", error.name)]
    if changes:
        lines.append(translate("Writes", "What they changed (when you opened the form → now):"))
        lines.extend(f"  • {change}" for change in changes)
    else:
        lines.append(translate("Writes", "The fields of this form are as you saw them; the "
                               "record was saved again meanwhile."))
    lines.append(translate("Writes", "“Reload” fills the form with the current data (what you "
                           "typed is discarded); “Cancel” goes back to your form."))
    return "\n".join(lines)


class WaitNotice(QObject):
    """Shows on the GUI thread that a write is waiting for another program's lock.

    The writer thread emits ``started(bound_seconds)`` and ``ended()`` (queued to this object,
    which lives on the GUI thread). It has no Qt parent: the write's work function owns it, and
    the runner releases that on the GUI thread.
    """

    started = Signal(float)
    ended = Signal()

    def __init__(self, over: QWidget) -> None:
        super().__init__()
        self._over = over
        self._dialog: TaskProgressDialog | None = None
        self._status_text = ""
        self.started.connect(self._show)
        self.ended.connect(self._hide)

    @Slot(float)
    def _show(self, bound_seconds: float) -> None:
        if not isValid(self._over):
            return
        self._hide()
        text = translate("Writes", "Waiting for the busy database… Another program (another "
                         "TĐKT Desktop window, the tdkt command or an antivirus scan) is writing "
                         "to it; waiting at most %1 seconds.").replace(
                             "%1", seconds_text(bound_seconds))
        self._dialog = TaskProgressDialog(self._over, text, cancellable=False,
                                          title=translate("Writes", "Database busy"),
                                          show_after_ms=0)
        bar = _status_bar(self._over)
        if bar is not None:
            self._status_text = translate("Writes", "Waiting for the busy database…")
            bar.showMessage(self._status_text)

    @Slot()
    def _hide(self) -> None:
        if self._dialog is not None:
            if isValid(self._dialog):
                self._dialog.finish()
            self._dialog = None
        bar = _status_bar(self._over) if isValid(self._over) else None
        if bar is not None and self._status_text and bar.currentMessage() == self._status_text:
            bar.clearMessage()
        self._status_text = ""


def _status_bar(widget: QWidget) -> QStatusBar | None:
    """The main window's status bar, also from a dialog opened over it."""
    current: QWidget | None = widget
    while current is not None:
        window = current.window()
        if isinstance(window, QMainWindow):
            return window.statusBar()
        current = window.parentWidget()
    return None


def own_runner(owner: QWidget) -> TaskRunner:
    """A runner for a dialog opened without one (tests, tools): same boxes as the window's."""
    return TaskRunner(owner, show_error=lambda parent, text: Messages.error(parent, text),
                      ask_retry=lambda parent, text: Messages.busy_retry(parent, text))
