"""A search field that waits for a pause in typing before it searches (search-as-you-type)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 150


class SearchBox(QLineEdit):
    """Emits ``search_requested(text)`` ~150 ms after the last keystroke (at once on Enter).

    Signals:
        search_requested(str): the text to search for.
    """

    search_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "",
                 debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._emit)
        self.textChanged.connect(self._on_text_changed)
        self.returnPressed.connect(self._emit)
        self._last = ""

    @Slot(str)
    def _on_text_changed(self, _text: str) -> None:
        self._timer.start()

    @Slot()
    def _emit(self) -> None:
        self._timer.stop()
        text = self.text().strip()
        if text != self._last:
            self._last = text
            self.search_requested.emit(text)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()
