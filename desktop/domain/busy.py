"""Waiting for a database that another program holds, made visible.

A write that finds the database locked by another program (a second window, ``tdkt``, an
antivirus scan) waits a bounded time (``TDKT_BUSY_TIMEOUT_MS``, 10 s by default) before it
gives up with ``DatabaseBusyError``. The database layer announces that wait here, on the thread
that is waiting: ``busy_wait_started(bound_seconds)`` once the lock was not free after a
moment, ``busy_wait_ended()`` when the write got the lock or gave up. Whoever started the write
on that thread listens with ``on_busy_wait``: the CLI prints a line, the GUI's writer shows
"Đang chờ…" while the window stays responsive.

Plain Python, no database and no Qt: every layer may import it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)

Started = Callable[[float], None]
Ended = Callable[[], None]


class _Listeners(threading.local):
    def __init__(self) -> None:
        self.entries: list[tuple[Started, Ended]] = []


_local = _Listeners()


def _nothing() -> None:
    return None


@contextmanager
def on_busy_wait(started: Started, ended: Ended = _nothing) -> Iterator[None]:
    """While the block runs, writes made on this thread report their waits to ``started``
    (with the longest wait in seconds) and ``ended``."""
    entry = (started, ended)
    _local.entries.append(entry)
    try:
        yield
    finally:
        _local.entries.remove(entry)


def busy_wait_started(bound_seconds: float) -> None:
    for started, _ended in list(_local.entries):
        try:
            started(bound_seconds)
        except Exception:  # a listener's failure must not turn into a failed write
            log.exception("Busy-wait listener failed")


def busy_wait_ended() -> None:
    for _started, ended in list(_local.entries):
        try:
            ended()
        except Exception:
            log.exception("Busy-wait listener failed")


def waiting_message(bound_seconds: float) -> str:
    """What the CLI prints while it waits (the GUI shows its own translated text)."""
    return (f"Cơ sở dữ liệu đang được một chương trình khác ghi, đang chờ… "
            f"(tối đa {seconds_text(bound_seconds)} giây)")


def seconds_text(seconds: float) -> str:
    """10.0 -> "10", 0.5 -> "0,5"."""
    rounded = round(seconds, 1)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.1f}".replace(".", ",")
