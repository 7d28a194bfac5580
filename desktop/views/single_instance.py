"""One window per database: a second start of the app on the same data brings the first
window forward instead of opening a second writer (two windows on one SQLite file make each
other's saves wait, then fail as "database busy").

The first instance listens on a local socket (a named pipe on Windows) whose name is a hash of
the user and the database path; a later start connects, says ``activate`` and waits for
``ok``. A socket nobody answers within the timeout belongs to a window that hangs: the officer
is told, never left with two writers. A socket file left behind by a crash (Unix) is removed
once nobody answers on it.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
ACK = b"ok\n"
DEFAULT_TIMEOUT_MS = 3000


class Outcome(Enum):
    PRIMARY = "primary"  # nobody else has this database open: go on
    HANDED_OVER = "handed_over"  # the first window came forward: this start should end
    UNRESPONSIVE = "unresponsive"  # a first instance exists but did not answer


def instance_key(database: Path) -> str:
    """The socket name for ``database``: short (Unix socket paths are limited), per user, and
    the same however the path was spelled (relative, ``~``, letter case on Windows)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in a stripped-down environment
        user = str(getattr(os, "getuid", lambda: "")())
    path = os.path.normcase(str(database.expanduser().resolve()))
    digest = hashlib.sha256(f"{user}\0{path}".encode()).hexdigest()[:24]
    return f"tdkt-{digest}"


@dataclass
class _Reply:
    """What the first instance said while this one waited for it."""

    connected: bool = False
    failed: bool = False
    reply: bytes = b""


class SingleInstance(QObject):
    """``start()`` once at start-up; keep the object alive as long as the window.

    Signals:
        activate_requested(): a later start asked this instance to come forward.
    """

    activate_requested = Signal()

    def __init__(self, key: str, parent: QObject | None = None, *,
                 timeout_ms: int | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.timeout_ms = DEFAULT_TIMEOUT_MS if timeout_ms is None else timeout_ms
        self._server: QLocalServer | None = None

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def start(self) -> Outcome:
        """Hand over to a running instance, or become the one others hand over to."""
        answer = self._ask_running_instance()
        if answer is not None:
            return answer
        self._listen()
        return Outcome.PRIMARY

    def close(self) -> None:
        if self._server is not None:
            self._server.close()  # removes the socket file on Unix
            self._server.deleteLater()
            self._server = None

    # -- the later start ---------------------------------------------------------------------
    def _ask_running_instance(self) -> Outcome | None:
        """HANDED_OVER / UNRESPONSIVE, or None when no instance listens on the key.

        Waits in a local event loop rather than ``waitForReadyRead`` so an instance in this
        same thread (tests) can still answer.
        """
        socket = QLocalSocket(self)
        loop = QEventLoop()
        state = _Reply()

        def connected() -> None:
            state.connected = True
            _allow_foreground_switch()
            socket.write(ACTIVATE)
            socket.flush()

        def ready() -> None:
            state.reply += bytes(socket.readAll().data())
            if ACK in state.reply:
                loop.quit()

        def failed(_error: object) -> None:
            state.failed = True
            loop.quit()

        socket.connected.connect(connected)
        socket.readyRead.connect(ready)
        socket.errorOccurred.connect(failed)
        socket.disconnected.connect(loop.quit)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(self.timeout_ms)
        socket.connectToServer(self.key)
        if not state.failed and ACK not in state.reply:
            loop.exec()
        timer.stop()
        timer.deleteLater()
        answered = ACK in state.reply
        was_connected = state.connected
        socket.abort()
        socket.deleteLater()
        if answered:
            return Outcome.HANDED_OVER
        if was_connected:
            log.warning("Another instance holds %s but did not answer", self.key)
            return Outcome.UNRESPONSIVE
        return None

    # -- the first instance ------------------------------------------------------------------
    def _listen(self) -> None:
        QLocalServer.removeServer(self.key)  # a socket file left by a crash; nobody answered
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_new_connection)
        if server.listen(self.key):
            self._server = server
        else:  # never stop the officer from working over this
            log.warning("Single-instance guard could not listen on %s: %s", self.key,
                        server.errorString())
            server.deleteLater()

    @Slot()
    def _on_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.setParent(self)
            socket.readyRead.connect(lambda s=socket: self._on_request(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_request(socket)

    def _on_request(self, socket: QLocalSocket) -> None:
        request = bytes(socket.readAll().data())
        if ACTIVATE.strip() in request:
            socket.write(ACK)
            socket.flush()
            socket.disconnectFromServer()
            log.info("Another start on the same data asked this window to come forward")
            self.activate_requested.emit()


def bring_forward() -> None:
    """Show the window the officer would want: an open dialog (first-run), else the main
    window, restored if minimised."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    target: QWidget | None = app.activeModalWidget()
    if target is None:
        windows = [w for w in app.topLevelWidgets() if w.isVisible() or w.isMinimized()]
        mains = [w for w in windows if isinstance(w, QMainWindow)]
        target = (mains or windows or [None])[0]
    if target is None:
        return
    if target.isMinimized():
        target.showNormal()
    target.show()
    target.raise_()
    target.activateWindow()


def _allow_foreground_switch() -> None:
    """Windows lets only the foreground process (this new start, just launched by the officer)
    pass the foreground on; without this the first window would only flash in the taskbar."""
    if sys.platform != "win32":
        return
    try:
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # type: ignore[attr-defined, unused-ignore]  # ASFW_ANY
    except Exception:  # cosmetic only
        log.debug("AllowSetForegroundWindow failed", exc_info=True)
