"""Add or edit a unit. The service validates; its Vietnamese problems appear next to the fields
and the dialog stays open with what was typed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.units import UNIT_FIELDS, UnitInput, UnitRow
from desktop.domain.enums import UnitKind
from desktop.domain.errors import DomainError, FieldProblem
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.backend import Backend
from desktop.views.widgets.date_edit import OptionalDateEdit
from desktop.views.widgets.form import ValidatedForm
from desktop.views.widgets.unit_picker import UnitPicker
from desktop.views.writes import offer_reload, own_runner, run_write


class UnitDialog(QDialog):
    """``saved`` holds the UnitRow after a successful save. The save runs on ``runner``'s writer
    thread; the dialog closes when it is done and stays open with a refusal."""

    def __init__(self, parent: QWidget | None, backend: Backend, *, unit: UnitRow | None = None,
                 parent_unit: UnitRow | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._runner = runner or own_runner(self)
        self._unit = unit
        self.saved: UnitRow | None = None
        self.setWindowTitle(translate("UnitDialog", "Edit unit") if unit is not None
                            else translate("UnitDialog", "Add unit"))
        self.setMinimumWidth(620)
        units = backend.services.units
        self.form = ValidatedForm(self)
        self.name_edit = QLineEdit(self)
        self.code_edit = QLineEdit(self)
        self.code_edit.setMaximumWidth(220)
        self.kind_combo = QComboBox(self)
        for kind in UnitKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.parent_picker = UnitPicker(units.search, self, placeholder=translate(
            "UnitDialog", "None (top-level unit) – type to search"))
        self.short_name_edit = QLineEdit(self)
        self.address_edit = QLineEdit(self)
        self.valid_from = OptionalDateEdit(self, unknown_text=translate("UnitDialog", "No date"),
                                           default=date.today())
        self.valid_to = OptionalDateEdit(self, unknown_text=translate("UnitDialog", "Still active"),
                                         default=date.today())
        f = self.form
        f.add_row("name", translate("UnitDialog", "Unit name *"), self.name_edit)
        f.add_row("code", translate("UnitDialog", "Code *"), self.code_edit)
        f.add_row("kind", translate("UnitDialog", "Kind of unit"), self.kind_combo)
        f.add_row("parent_id", translate("UnitDialog", "Parent unit"), self.parent_picker)
        f.add_row("short_name", translate("UnitDialog", "Short name"), self.short_name_edit)
        f.add_row("address", translate("UnitDialog", "Address"), self.address_edit)
        f.add_row("valid_from", translate("UnitDialog", "Valid from"), self.valid_from)
        f.add_row("valid_to", translate("UnitDialog", "Valid until"), self.valid_to)
        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(translate("UnitDialog", "Save"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(translate("UnitDialog", "Cancel"), self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.saving = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.summary)
        layout.addLayout(self.form.layout)
        layout.addWidget(buttons)
        if unit is not None:
            self._load(unit)
        elif parent_unit is not None:
            self.parent_picker.set_unit(parent_unit)
            self._preselect_child_kind(parent_unit)
        self.name_edit.setFocus()

    def _load(self, unit: UnitRow) -> None:
        self.name_edit.setText(unit.name)
        self.code_edit.setText(unit.code)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(str(unit.kind.value))))
        if unit.parent_id is not None:
            self.parent_picker.set_unit(self._backend.services.units.get(unit.parent_id))
        self.short_name_edit.setText(unit.short_name)
        self.address_edit.setText(unit.address)
        self.valid_from.set_date(unit.valid_from)
        self.valid_to.set_date(unit.valid_to)

    def _preselect_child_kind(self, parent_unit: UnitRow) -> None:
        """A sensible default kind under the parent (a commune's units are usually villages)."""
        child_kind = {
            UnitKind.PROVINCE: UnitKind.COMMUNE, UnitKind.COMMUNE: UnitKind.VILLAGE,
            UnitKind.WARD: UnitKind.RESIDENTIAL_GROUP, UnitKind.AGENCY: UnitKind.AGENCY_UNIT,
        }.get(parent_unit.kind, UnitKind.ORGANISATION)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(child_kind.value))

    def input(self) -> UnitInput:
        self.parent_picker.resolve_typed_text()
        return UnitInput(
            name=self.name_edit.text(), code=self.code_edit.text(),
            kind=self.kind_combo.currentData(), parent_id=self.parent_picker.unit_id,
            short_name=self.short_name_edit.text(), address=self.address_edit.text(),
            valid_from=self.valid_from.date(), valid_to=self.valid_to.date(),
        )

    @Slot()
    def save(self) -> None:
        if self.parent_picker.text().strip() and self.parent_picker.unit_id is None:
            self.parent_picker.resolve_typed_text()
            if self.parent_picker.unit_id is None:
                self.form.show_problems([FieldProblem(
                    "parent_id", translate("UnitDialog", "Parent unit"),
                    translate("UnitDialog", "pick a unit from the list that appears as you type"))])
                return
        if self.saving:
            return
        units, data, loaded = self._backend.services.units, self.input(), self._unit
        self.saving = True
        run_write(self._runner, self,
                  lambda: units.update(loaded.id, data, expected_version=loaded.version)
                  if loaded is not None else units.create(data),
                  saved=self._on_saved, refused=self._refused, settled=self._settled,
                  controls=(self.save_button, self.cancel_button))

    def _refused(self, error: DomainError) -> None:
        loaded = self._unit
        if loaded is None or not offer_reload(
                self, error, loaded, lambda: self._backend.services.units.get(loaded.id),
                UNIT_FIELDS, self.reload):
            self.form.show_error(error)

    def reload(self, unit: UnitRow) -> None:
        """The form again, with ``unit`` as it is stored now (what was typed is dropped)."""
        self._unit = unit
        self.form.clear()
        self._load(unit)

    def _settled(self) -> None:
        self.saving = False

    def _on_saved(self, unit: UnitRow) -> None:
        self.saved = unit
        self.accept()

    def reject(self) -> None:
        if not self.saving:  # Esc while saving: the save decides how the dialog ends
            super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, backend: Backend, *, unit: UnitRow | None = None,
            parent_unit: UnitRow | None = None, runner: TaskRunner | None = None) -> UnitRow | None:
        """The saved UnitRow, or None if the officer cancelled."""
        dialog = cls(parent, backend, unit=unit, parent_unit=parent_unit, runner=runner)
        return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None
