"""A date that may be unknown: a dd/mm/yyyy date field with a "not known" box beside it."""

from __future__ import annotations

import datetime
from datetime import date

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

from desktop.i18n import translate

DISPLAY_FORMAT = "dd/MM/yyyy"


class OptionalDateEdit(QWidget):
    """``date()`` is None while the box is ticked.

    Signals:
        changed(): the date or its presence changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, unknown_text: str = "",
                 default: date | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit(self)
        self.edit.setDisplayFormat(DISPLAY_FORMAT)
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(QDate(1900, 1, 1))
        self.edit.setMaximumDate(QDate(2100, 12, 31))
        self.edit.setMinimumWidth(130)
        self.unknown = QCheckBox(unknown_text or translate("OptionalDateEdit", "Not known"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.unknown)
        layout.addStretch(1)
        self._default = default or date(1980, 1, 1)
        self.unknown.toggled.connect(self._on_unknown_toggled)
        self.edit.dateChanged.connect(self._on_date_changed)
        self.set_date(None)

    def date(self) -> date | None:
        if self.unknown.isChecked():
            return None
        value = self.edit.date()
        return date(value.year(), value.month(), value.day())

    def set_date(self, value: datetime.date | None) -> None:  # ``date`` is the method here
        self.unknown.setChecked(value is None)
        shown = value or self._default
        self.edit.setDate(QDate(shown.year, shown.month, shown.day))
        self.edit.setEnabled(value is not None)

    @Slot(bool)
    def _on_unknown_toggled(self, checked: bool) -> None:
        self.edit.setEnabled(not checked)
        self.changed.emit()

    @Slot()
    def _on_date_changed(self) -> None:
        self.changed.emit()
