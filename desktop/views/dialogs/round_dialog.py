"""Edit a round (đợt xét khen thưởng): its name, kind and year chosen explicitly, and the
emulation movement it judges. The service's refusal appears under the field that is wrong
(a movement of another year, a year the round's nominations were made for); the save runs in
the background and carries the version the form was opened with."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.api.rounds import ROUND_FIELDS, RoundInput, RoundRow
from desktop.domain.enums import RoundKind
from desktop.domain.errors import DomainError
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.widgets.enum_combo import add_enum_items, enum_data
from desktop.views.widgets.form import ValidatedForm
from desktop.views.writes import offer_reload, own_runner, run_write

if TYPE_CHECKING:
    from desktop.services import Services

YEAR_LOW = 2000  # the service's range: 2000 … this year + 2


class RoundDialog(QDialog):
    """``saved`` holds the RoundRow after a successful save; the dialog stays open with a
    refusal shown under its field."""

    def __init__(self, services: Services, round_row: RoundRow, parent: QWidget | None = None,
                 *, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("RoundDialog", "Edit round"))
        self.setMinimumWidth(620)
        self._services, self._round = services, round_row
        self._runner = runner or own_runner(self)
        self.saved: RoundRow | None = None
        self.saving = False
        self.name_edit = QLineEdit(self)
        self.kind_combo = QComboBox(self)
        add_enum_items(self.kind_combo, RoundKind)
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(YEAR_LOW, date.today().year + 2)
        self.year_spin.setMaximumWidth(120)
        self.movement_combo = QComboBox(self)
        self.form = ValidatedForm(self)
        self.form.add_row("name", translate("RoundDialog", "Round name *"), self.name_edit)
        self.form.add_row("kind", translate("RoundDialog", "Kind"), self.kind_combo)
        self.form.add_row("year", translate("RoundDialog", "Year"), self.year_spin)
        self.form.add_row("movement_id", translate("RoundDialog", "Emulation movement"),
                          self.movement_combo)
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(translate("RoundDialog", "Save"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(translate("RoundDialog", "Cancel"), self)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.summary)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.buttons)
        self._load(round_row)
        self.name_edit.setFocus()

    def _load(self, row: RoundRow) -> None:
        self.name_edit.setText(row.name)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(row.kind.value)))
        self.year_spin.setValue(min(max(row.year, self.year_spin.minimum()),
                                    self.year_spin.maximum()))
        self.movement_combo.clear()
        self.movement_combo.addItem(translate("RoundDialog", "(not linked to a movement)"), None)
        for movement in self._services.movements.list():
            number = f" — {movement.directive_number}" if movement.directive_number else ""
            self.movement_combo.addItem(f"{movement.name} ({movement.year}){number}",
                                        movement.id)
        if row.movement_id is not None:
            at = self.movement_combo.findData(row.movement_id)
            if at < 0:  # deleted meanwhile: shown, and the service says so on save
                self.movement_combo.addItem(row.movement_name or str(row.movement_id),
                                            row.movement_id)
                at = self.movement_combo.count() - 1
            self.movement_combo.setCurrentIndex(at)

    def input(self) -> RoundInput:
        r = self._round
        movement = self.movement_combo.currentData()
        return RoundInput(self.name_edit.text(), self.year_spin.value(),
                          enum_data(self.kind_combo, RoundKind) or r.kind,
                          int(movement) if movement is not None else None, r.office_unit_id,
                          r.registration_deadline, r.submission_deadline, r.note)

    def save(self) -> None:
        if self.saving:
            return
        self.form.clear()
        loaded, data, rounds = self._round, self.input(), self._services.rounds
        self.saving = True
        run_write(self._runner, self,
                  lambda: rounds.update(loaded.id, data, expected_version=loaded.version),
                  saved=self._on_saved, refused=self._refused, settled=self._settled,
                  controls=(self.save_button, self.cancel_button))

    def _refused(self, error: DomainError) -> None:
        loaded = self._round
        if not offer_reload(self, error, loaded, lambda: self._services.rounds.get(loaded.id),
                            ROUND_FIELDS, self.reload):
            self.form.show_error(error)
            self.adjustSize()  # room for the messages under the fields

    def reload(self, row: RoundRow) -> None:
        self._round = row
        self.form.clear()
        self._load(row)

    def _settled(self) -> None:
        self.saving = False

    def _on_saved(self, row: RoundRow) -> None:
        self.saved = row
        self.accept()

    def reject(self) -> None:
        if not self.saving:
            super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, round_row: RoundRow,
            runner: TaskRunner | None = None) -> RoundRow | None:
        dialog = cls(services, round_row, parent, runner=runner)
        return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None
