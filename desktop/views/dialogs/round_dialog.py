"""Create or edit a round (đợt xét khen thưởng): its name, kind and year chosen explicitly,
and the emulation movement it judges. A new round starts as a year-end round of this year,
linked to that year's movement when there is exactly one (changing the year picks that year's
one, until a movement is chosen by hand). The service's refusal appears under the field that is
wrong (a movement of another year, a year the round's nominations were made for); the save runs
in the background and an edit carries the version the form was opened with."""

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

from desktop.api.movements import MovementRow
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
    refusal shown under its field. Without ``round_row`` it creates a new round."""

    def __init__(self, services: Services, round_row: RoundRow | None,
                 parent: QWidget | None = None, *, runner: TaskRunner | None = None,
                 year: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("RoundDialog", "Edit round") if round_row is not None
                            else translate("RoundDialog", "New round"))
        self.setMinimumWidth(620)
        self._services, self._round = services, round_row
        self._runner = runner or own_runner(self)
        self.saved: RoundRow | None = None
        self.saving = False
        self._movement_by_hand = round_row is not None
        self._movements: list[MovementRow] = []
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(translate("RoundDialog",
                                                    "e.g. Year-end awards of the year 2026"))
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
        if round_row is not None:
            self._load(round_row)
        else:
            self._load_new(year or date.today().year)
        self.year_spin.valueChanged.connect(self._year_changed)
        self.movement_combo.activated.connect(self._movement_chosen)
        self.name_edit.setFocus()

    def _load_new(self, year: int) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(
            RoundKind.YEAR_END.value)))
        self.year_spin.setValue(min(max(year, self.year_spin.minimum()),
                                    self.year_spin.maximum()))
        self._movements = self._services.movements.list()
        self._fill_movements()
        self._pick_movement_of(self.year_spin.value())

    def _pick_movement_of(self, year: int) -> None:
        """The movement of ``year`` when there is exactly one, else none."""
        of_year = [m.id for m in self._movements if m.year == year]
        at = self.movement_combo.findData(of_year[0]) if len(of_year) == 1 else 0
        self.movement_combo.setCurrentIndex(max(0, at))

    def _year_changed(self, year: int) -> None:
        if not self._movement_by_hand:
            self._pick_movement_of(year)

    def _movement_chosen(self, _index: int) -> None:
        self._movement_by_hand = True

    def _fill_movements(self) -> None:
        self.movement_combo.clear()
        self.movement_combo.addItem(translate("RoundDialog", "(not linked to a movement)"), None)
        for movement in self._movements:
            number = f" — {movement.directive_number}" if movement.directive_number else ""
            self.movement_combo.addItem(f"{movement.name} ({movement.year}){number}",
                                        movement.id)

    def _load(self, row: RoundRow) -> None:
        self.name_edit.setText(row.name)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(row.kind.value)))
        self.year_spin.setValue(min(max(row.year, self.year_spin.minimum()),
                                    self.year_spin.maximum()))
        self._movements = self._services.movements.list()
        self._fill_movements()
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
        kind = enum_data(self.kind_combo, RoundKind) or (
            r.kind if r is not None else RoundKind.YEAR_END)
        movement_id = int(movement) if movement is not None else None
        if r is None:
            return RoundInput(self.name_edit.text(), self.year_spin.value(), kind, movement_id)
        return RoundInput(self.name_edit.text(), self.year_spin.value(), kind, movement_id,
                          r.office_unit_id, r.registration_deadline, r.submission_deadline,
                          r.note)

    def save(self) -> None:
        if self.saving:
            return
        self.form.clear()
        loaded, data, rounds = self._round, self.input(), self._services.rounds
        self.saving = True
        if loaded is None:
            def work() -> RoundRow:
                return rounds.create(data)
        else:
            def work() -> RoundRow:
                return rounds.update(loaded.id, data, expected_version=loaded.version)
        run_write(self._runner, self, work, saved=self._on_saved, refused=self._refused,
                  settled=self._settled, controls=(self.save_button, self.cancel_button))

    def _refused(self, error: DomainError) -> None:
        loaded = self._round
        if loaded is None:
            self.form.show_error(error)
            self.adjustSize()
        elif not offer_reload(self, error, loaded,
                              lambda: self._services.rounds.get(loaded.id),
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

    @classmethod
    def ask_new(cls, parent: QWidget | None, services: Services,
                runner: TaskRunner | None = None, *, year: int | None = None) -> RoundRow | None:
        """The new round, or None when the officer cancelled."""
        dialog = cls(services, None, parent, runner=runner, year=year)
        return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None
