"""Choose a unit by typing part of its name or code (tones optional), like a searchable combo.

The officer types "na tam"; after a short pause the popup lists matching units from
``services.units.search``; picking one fills the field with "Name (CODE)". The chosen unit's id
is ``unit_id``; editing the text afterwards clears it until a unit is picked again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from desktop.api.units import UnitRow
from desktop.i18n import translate

SEARCH_LIMIT = 30


def unit_label(unit: UnitRow) -> str:
    return f"{unit.name} ({unit.code})" if unit.code else unit.name


class UnitPicker(QLineEdit):
    """A line edit with a live completer over units.

    Signals:
        unit_changed(object): the chosen unit id (int) or None when cleared.
    """

    unit_changed = Signal(object)

    def __init__(self, search: Callable[[str, int], list[UnitRow]], parent: QWidget | None = None,
                 *, placeholder: str = "") -> None:
        super().__init__(parent)
        self._search = search
        self._unit_id: int | None = None
        self._unit: UnitRow | None = None
        self._found: dict[str, UnitRow] = {}
        self.setPlaceholderText(placeholder or translate(
            "UnitPicker", "Type part of a unit's name or code…"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(260)
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self.setCompleter(self._completer)
        self._completer.activated.connect(self._on_activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._refresh)
        self.textEdited.connect(self._on_edited)

    # -- API ---------------------------------------------------------------------------------------
    @property
    def unit_id(self) -> int | None:
        return self._unit_id

    @property
    def unit(self) -> UnitRow | None:
        return self._unit

    def set_unit(self, unit: UnitRow | None) -> None:
        """Select ``unit`` (a UnitRow) or clear with None, without searching."""
        self._timer.stop()
        self._unit = unit
        self._unit_id = None if unit is None else unit.id
        self.setText("" if unit is None else unit_label(unit))
        self.unit_changed.emit(self._unit_id)

    def clear_unit(self) -> None:
        self.set_unit(None)

    # -- internals ----------------------------------------------------------------------------------
    @Slot(str)
    def _on_edited(self, text: str) -> None:
        if self._unit_id is not None:
            self._unit_id, self._unit = None, None
            self.unit_changed.emit(None)
        if text.strip():
            self._timer.start()
        else:
            self._timer.stop()
            self._model.setStringList([])

    @Slot()
    def _refresh(self) -> None:
        text = self.text().strip()
        if not text:
            return
        units = self._search(text, SEARCH_LIMIT)
        self._found = {unit_label(u): u for u in units}
        self._model.setStringList(list(self._found))
        if units and self.hasFocus():
            self._completer.complete()

    @Slot(str)
    def _on_activated(self, text: str) -> None:
        unit = self._found.get(text)
        if unit is not None:
            self.set_unit(unit)

    def resolve_typed_text(self) -> None:
        """If the typed text matches exactly one unit (by label, name or code), choose it."""
        if self._unit_id is not None or not self.text().strip():
            return
        text = self.text().strip()
        if text in self._found:
            self.set_unit(self._found[text])
            return
        units = self._search(text, 2)
        exact = [u for u in units if text.casefold() in
                 (str(u.name).casefold(), str(u.code).casefold(), unit_label(u).casefold())]
        if len(exact) == 1:
            self.set_unit(exact[0])
        elif len(units) == 1:
            self.set_unit(units[0])

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        popup = self._completer.popup()
        if popup is None or not popup.isVisible():
            self.resolve_typed_text()
