"""How long work reports progress and learns it was cancelled, without knowing about Qt.

Services take ``progress(done, total, label)`` and a ``CancelToken``; the GUI's task runner
passes throttled Qt-signal callbacks, the CLI passes a printer, tests pass recorders.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop.domain.errors import Cancelled

ProgressFn = Callable[[int, int, str], None]


def no_progress(_done: int, _total: int, _label: str) -> None:
    """The default progress sink: reports go nowhere."""


class CancelToken:
    """Cooperative cancellation: services call ``raise_if_cancelled()`` between batches."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled("Đã hủy theo yêu cầu của người dùng.")
