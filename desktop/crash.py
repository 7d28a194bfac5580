"""Crash handling: nothing ever disappears silently.

``sys.excepthook`` and ``threading.excepthook`` log the traceback at CRITICAL to the rotating
log and show a Vietnamese dialog that says where the log is, with a button to copy the details.
A ``DomainError`` that escapes (an expected, explained refusal), or a raw SQLite "database is
locked"/read-only error, gets a plain Vietnamese message box instead, as a safety net behind
the services; errors are classified by type and SQLite error code, never by their text.
``faulthandler`` writes hard crashes (segfaults in Qt) to ``logs/crash.log``, which the next
start reports.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.diskerrors import os_error_message
from desktop.domain.errors import Cancelled, DomainError, StorageError, storage_error_for
from desktop.i18n import translate

log = logging.getLogger(__name__)

CRASH_LOG_NAME = "crash.log"


class CrashDialog(QDialog):
    """Tells the officer something went wrong, where the log is, and offers the details."""

    def __init__(self, parent: QWidget | None, details: str, log_file: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("CrashDialog", "TĐKT Desktop – unexpected error"))
        self.setMinimumWidth(560)
        self.details = details
        intro = QLabel(translate(
            "CrashDialog",
            "The program met an unexpected error. Your data saved so far is safe. "
            "Please send the log file below to the support team.",
        ), self)
        intro.setWordWrap(True)
        where = QLabel(translate("CrashDialog", "Log file: {path}").format(path=log_file), self)
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QPlainTextEdit(details, self)
        text.setReadOnly(True)
        text.setMinimumHeight(160)
        buttons = QDialogButtonBox(self)
        copy = QPushButton(translate("CrashDialog", "Copy details"), self)
        open_folder = QPushButton(translate("CrashDialog", "Open log folder"), self)
        close = QPushButton(translate("CrashDialog", "Close"), self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.AcceptRole)
        copy.clicked.connect(self.copy_details)
        self._log_folder = log_file.parent
        open_folder.clicked.connect(self.open_log_folder)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addWidget(text)
        layout.addWidget(buttons)

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)

    @Slot()
    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._log_folder)))

    @classmethod
    def show_crash(cls, parent: QWidget | None, details: str, log_file: Path) -> None:
        """Show modally (tests replace this classmethod to observe crashes)."""
        cls(parent, details, log_file).exec()


def show_known_error(parent: QWidget | None, text: str) -> None:
    """An explained refusal that escaped to the top: show the service's own message."""
    QMessageBox(QMessageBox.Icon.Warning, translate("CrashDialog", "TĐKT Desktop"), text,
                QMessageBox.StandardButton.Ok, parent).exec()


class _Relay(QObject):
    """Moves a report from any thread to the GUI thread (queued signal)."""

    reported = Signal(object, str)


class CrashHandler:
    """Installs the hooks; ``uninstall()`` puts the previous ones back (tests, embedded runs)."""

    def __init__(self, log_dir: Path, log_file: Path) -> None:
        self.log_dir = log_dir
        self.log_file = log_file
        self.crash_log = log_dir / CRASH_LOG_NAME
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._fault_file: IO[str] | None = None
        self._relay: _Relay | None = None
        self._showing = False
        self.previous_crash: str = ""
        self._fault_was_enabled = False

    def install(self) -> CrashHandler:
        self.previous_crash = self._take_previous_crash()
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._fault_file = open(self.crash_log, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the app
        self._fault_was_enabled = faulthandler.is_enabled()
        faulthandler.enable(self._fault_file)
        return self

    def attach_gui(self) -> None:
        """Call once a QApplication exists: reports from other threads get a GUI-thread relay."""
        if self._relay is None and QApplication.instance() is not None:
            self._relay = _Relay()
            self._relay.reported.connect(self._show)

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self._handle_thread:
            threading.excepthook = self._previous_thread_hook
        if self._fault_file is not None:
            faulthandler.disable()
            self._fault_file.close()
            self._fault_file = None
            if self._fault_was_enabled and sys.__stderr__ is not None:
                # hand hard crashes back to whoever reported them before (pytest, in tests)
                faulthandler.enable(sys.__stderr__)
        self._relay = None

    # -- hooks -------------------------------------------------------------------------------
    def handle(self, exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            self._previous_hook(exc_type, exc, tb)
            return
        if issubclass(exc_type, Cancelled):
            return
        known = known_error(exc)
        if known is not None:  # an explained refusal (or a busy/read-only database): no bug
            log.warning("Unhandled refusal reached the top: %s", known,
                        exc_info=None if known is exc else (exc_type, exc, tb))
            self.report(known, str(known))
            return
        log.critical("Unhandled exception", exc_info=(exc_type, exc, tb))
        self.report(exc, "".join(traceback.format_exception(exc_type, exc, tb)))

    def _handle_thread(self, args: Any) -> None:
        if args.exc_type is SystemExit:
            return
        known = known_error(args.exc_value)
        if known is not None:
            log.warning("Unhandled refusal in thread %s: %s", getattr(args.thread, "name", "?"),
                        known)
            self.report(known, str(known))
            return
        log.critical("Unhandled exception in thread %s", getattr(args.thread, "name", "?"),
                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        details = "".join(traceback.format_exception(args.exc_type, args.exc_value,
                                                     args.exc_traceback))
        self.report(args.exc_value, details)

    def report(self, exc: BaseException | None, details: str) -> None:
        """Show the dialog now (GUI thread) or via the relay (other threads)."""
        if QApplication.instance() is None:
            if sys.stderr is not None:  # None in a windowed Windows build
                sys.stderr.write(details)
            return
        if threading.current_thread() is threading.main_thread():
            self._show(exc, details)
        elif self._relay is not None:
            self._relay.reported.emit(exc, details)

    @Slot(object, str)
    def _show(self, exc: object, details: str) -> None:
        if self._showing:  # an error while the dialog is up: logged, not stacked
            return
        self._showing = True
        try:
            parent = QApplication.activeWindow()
            if isinstance(exc, DomainError):
                show_known_error(parent, str(exc))
            else:
                CrashDialog.show_crash(parent, details, self.log_file)
        except Exception:  # the handler itself must never raise
            log.exception("Could not show the crash dialog")
        finally:
            self._showing = False

    def _take_previous_crash(self) -> str:
        """A non-empty crash.log means the last run died hard; keep it aside and report it."""
        try:
            text = self.crash_log.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return ""
        if not text:
            return ""
        kept = self.log_dir / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"
        try:
            self.crash_log.replace(kept)
        except OSError:
            return text
        log.warning("The previous run stopped abnormally; details kept in %s", kept)
        return text


def known_error(exc: BaseException | None) -> DomainError | None:
    """The officer-facing form of an error that is not a bug: a ``DomainError`` itself, a
    raw SQLite "database is locked" / "read-only" / "disk full" that slipped past the
    services' translation (classified by SQLite's error code, not its English text), or a file
    that could not be read or written (disk full, read-only medium, no permission: by
    ``errno``, never the system's English wording)."""
    if isinstance(exc, DomainError):
        return exc
    if isinstance(exc, OSError) and exc.errno is not None:
        return StorageError(os_error_message(exc))
    return storage_error_for(exc) if exc is not None else None


def install(log_dir: Path, log_file: Path) -> CrashHandler:
    return CrashHandler(log_dir, log_file).install()
