"""Add a nomination: subject (person found by name, unit by name or code, or a household),
award kind in force for the round's year, achievement summary. Errors stay beside fields;
the save runs in the background (another program may hold the database)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.nominations import NominationInput, NominationRow
from desktop.api.records import Subject
from desktop.api.rounds import RoundRow
from desktop.domain.enums import SubjectKind
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.widgets.form import ValidatedForm
from desktop.views.widgets.unit_picker import UnitPicker
from desktop.views.writes import own_runner, run_write

if TYPE_CHECKING:
    from desktop.services import Services


class NominationDialog(QDialog):
    def __init__(self, services: Services, round_row: RoundRow, parent: QWidget | None = None,
                 *, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("NominationDialog", "Add nomination"))
        self.setMinimumWidth(620)
        self._services, self._round = services, round_row
        self._runner = runner or own_runner(self)
        self.created: NominationRow | None = None
        self.saving = False
        self.kind_buttons = QButtonGroup(self)
        kinds = QHBoxLayout()
        choices = [(SubjectKind.INDIVIDUAL, translate("NominationDialog", "Individual")),
                   (SubjectKind.COLLECTIVE, translate("NominationDialog", "Collective")),
                   (SubjectKind.HOUSEHOLD, translate("NominationDialog", "Household"))]
        for i, (kind, text) in enumerate(choices):
            button = QRadioButton(text, self)
            button.setProperty("kind", kind.value)
            self.kind_buttons.addButton(button, i)
            kinds.addWidget(button)
        self.kind_buttons.button(0).setChecked(True)
        self.person_search = QLineEdit(self)
        self.person_search.setPlaceholderText(translate("NominationDialog", "Type a name (tones optional)…"))
        self.person_list = QListWidget(self)
        self.person_list.setMaximumHeight(120)
        self.unit_picker = UnitPicker(lambda text, limit: services.units.search(text, limit), self)
        self.household = QLineEdit(self)
        self.award = QComboBox(self)
        self.summary = QPlainTextEdit(self)
        self.summary.setFixedHeight(90)
        self.form = ValidatedForm(self)
        kinds_box = QWidget(self)
        kinds_box.setLayout(kinds)
        self.form.add_plain_row(translate("NominationDialog", "Subject kind"), kinds_box)
        self.form.add_row("subject", translate("NominationDialog", "Person"), self.person_search)
        self.form.add_plain_row("", self.person_list)
        self.form.add_row("unit", translate("NominationDialog", "Collective"), self.unit_picker)
        self.form.add_row("household", translate("NominationDialog", "Household"), self.household)
        self.form.add_row("award_code", translate("NominationDialog", "Award"), self.award)
        self.form.add_row("achievement_summary", translate("NominationDialog", "Achievement summary"),
                          self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons = buttons
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.summary)
        layout.addLayout(self.form.layout)
        layout.addWidget(buttons)
        self.person_search.textChanged.connect(self._find_people)
        self.kind_buttons.idToggled.connect(lambda *_: self._fill_awards())
        self._fill_awards()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, round_row: RoundRow,
            runner: TaskRunner | None = None) -> NominationRow | None:
        dialog = cls(services, round_row, parent, runner=runner)
        return dialog.created if dialog.exec() == QDialog.DialogCode.Accepted else None

    def subject_kind(self) -> SubjectKind:
        button = self.kind_buttons.checkedButton()
        return SubjectKind.INDIVIDUAL if button is None else SubjectKind(button.property("kind"))

    def _fill_awards(self) -> None:
        kind = self.subject_kind()
        day = date(self._round.year, 12, 31)
        self.award.clear()
        for row in self._services.catalog.award_kinds(in_force_on=day):
            if kind in row.subjects:
                self.award.addItem(f"{row.name} ({row.code})", row.code)

    def _find_people(self, text: str) -> None:
        self.person_list.clear()
        if len(text.strip()) < 2:
            return
        for person in self._services.people.search(text, 30).rows:
            item = QListWidgetItem(f"{person.full_name} — {person.position}, {person.unit_name}")
            item.setData(256, person.id)
            self.person_list.addItem(item)
        if self.person_list.count():
            self.person_list.setCurrentRow(0)

    def subject(self) -> Subject:
        kind = self.subject_kind()
        if kind is SubjectKind.INDIVIDUAL:
            item = self.person_list.currentItem()
            return Subject(person_id=item.data(256) if item else None)
        if kind is SubjectKind.COLLECTIVE:
            return Subject(unit_id=self.unit_picker.unit_id)
        return Subject(household_name=self.household.text())

    def save(self) -> None:
        """Save in the background; Lưu and Huỷ wait for the outcome (no second save)."""
        if self.saving:
            return
        self.form.clear()
        data = NominationInput(self._round.id, self.subject(), self.award.currentData() or "",
                               self.summary.toPlainText())
        nominations = self._services.nominations
        self.saving = True
        task = run_write(self._runner, self, lambda: nominations.create(data),
                         saved=self._on_saved, refused=self.form.show_error,
                         controls=[self.buttons], settled=self._settled)
        # A bug (the crash dialog) calls no callback: let the dialog be closed again.
        task.finished.connect(lambda: self._settled() if task.outcome == "error" else None)

    def _settled(self) -> None:
        self.saving = False

    def _on_saved(self, row: NominationRow) -> None:
        self.created = row
        self.accept()

    def reject(self) -> None:
        """Esc while the save runs waits for it: the outcome belongs to this dialog."""
        if not self.saving:
            super().reject()
