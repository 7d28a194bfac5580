"""Python's cyclic garbage collection on the GUI thread only.

CPython runs a collection in whichever thread happens to allocate. When a collection frees a
Qt object that Python owns (a dialog or model dropped in a reference cycle), its C++
destructor then runs in that thread: with background readers allocating rows all the time,
that is sometimes a worker thread, and Qt crashes in ``QObject::~QObject`` (seen here as a
rare segfault in long test runs). Automatic collection is therefore switched off and a timer
on the GUI thread collects instead, by the same generation thresholds (pyqtgraph's
GarbageCollector does the same for the same reason).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Create once, on the GUI thread, for as long as the app runs; ``stop()`` gives the
    collector back to Python."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)
        gc.disable()

    def check(self) -> int:
        """Collect the generations whose threshold was passed; returns the objects freed."""
        young, middle, old = gc.get_threshold()
        count0, count1, count2 = gc.get_count()
        if count0 <= young:
            return 0
        generation = 0
        if count1 > middle:
            generation = 1
            if count2 > old:
                generation = 2
        return gc.collect(generation)

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
