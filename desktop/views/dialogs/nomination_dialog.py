"""Add or edit a nomination: subject (person found by name, unit by name or code, or a
household), award kind in force for the round's year, achievement summary. Errors stay beside
fields (an exact duplicate under the award); the save runs in the background (another program
may hold the database). Enter in a search box searches or picks, it never saves."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
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

from desktop.api.nominations import NOMINATION_FIELDS, NominationInput, NominationRow
from desktop.api.records import Subject
from desktop.api.rounds import RoundRow
from desktop.domain.enums import SubjectKind
from desktop.domain.errors import DomainError
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.widgets.form import ValidatedForm
from desktop.views.widgets.unit_picker import UnitPicker
from desktop.views.writes import offer_reload, own_runner, run_write

if TYPE_CHECKING:
    from desktop.services import Services


ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class NominationDialog(QDialog):
    """``created`` (also ``saved``) holds the NominationRow after a successful save. With
    ``nomination`` the dialog edits that draft (saved with the version it was opened with)."""

    def __init__(self, services: Services, round_row: RoundRow, parent: QWidget | None = None,
                 *, runner: TaskRunner | None = None,
                 nomination: NominationRow | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("NominationDialog", "Edit nomination") if nomination
                            else translate("NominationDialog", "Add nomination"))
        self.setMinimumWidth(620)
        self._services, self._round = services, round_row
        self._runner = runner or own_runner(self)
        self._nomination = nomination
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
        # Enter in a search box searches or picks; it never presses Lưu (the default button).
        for box in (self.person_search, self.unit_picker):
            box.installEventFilter(self)
        self.person_search.textChanged.connect(self._find_people)
        self.kind_buttons.idToggled.connect(lambda *_: self._fill_awards())
        self._fill_awards()
        if nomination is not None:
            self._load(nomination)

    @property
    def saved(self) -> NominationRow | None:
        return self.created

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, round_row: RoundRow,
            runner: TaskRunner | None = None, *,
            nomination: NominationRow | None = None) -> NominationRow | None:
        dialog = cls(services, round_row, parent, runner=runner, nomination=nomination)
        return dialog.created if dialog.exec() == QDialog.DialogCode.Accepted else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in ENTER_KEYS:
            if watched is self.person_search:
                self._find_people(self.person_search.text())
                if self.person_list.count():
                    self.person_list.setFocus()
                return True
            if watched is self.unit_picker:
                self.unit_picker.resolve_typed_text()
                return True
        return super().eventFilter(watched, event)

    def _load(self, row: NominationRow) -> None:
        """The form as the nomination is stored (its subject listed as chosen)."""
        index = {SubjectKind.INDIVIDUAL: 0, SubjectKind.COLLECTIVE: 1,
                 SubjectKind.HOUSEHOLD: 2}[row.subject_kind]
        self.kind_buttons.button(index).setChecked(True)
        self._fill_awards()
        if row.person_id is not None:
            self.person_search.blockSignals(True)
            self.person_search.setText(row.subject_name)
            self.person_search.blockSignals(False)
            self.person_list.clear()
            label = f"{row.subject_name} — {row.subject_detail}" if row.subject_detail \
                else row.subject_name
            item = QListWidgetItem(label)
            item.setData(256, row.person_id)
            self.person_list.addItem(item)
            self.person_list.setCurrentRow(0)
        elif row.unit_id is not None:
            self.unit_picker.set_unit(self._services.units.get(row.unit_id))
        else:
            self.household.setText(row.household_name)
        at = self.award.findData(row.award_code)
        if at < 0:  # no longer offered for this subject or year: still shown as stored
            self.award.addItem(f"{row.award_name} ({row.award_code})", row.award_code)
            at = self.award.count() - 1
        self.award.setCurrentIndex(at)
        self.summary.setPlainText(row.achievement_summary)

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
        if self.subject_kind() is SubjectKind.COLLECTIVE:
            self.unit_picker.resolve_typed_text()
        loaded = self._nomination
        data = NominationInput(self._round.id, self.subject(), self.award.currentData() or "",
                               self.summary.toPlainText(),
                               loaded.proposing_unit_id if loaded else None,
                               loaded.period_from if loaded else None,
                               loaded.period_to if loaded else None)
        nominations = self._services.nominations
        self.saving = True
        task = run_write(self._runner, self,
                         lambda: nominations.update(loaded.id, data,
                                                    expected_version=loaded.version)
                         if loaded is not None else nominations.create(data),
                         saved=self._on_saved, refused=self._refused,
                         controls=[self.buttons], settled=self._settled)
        # A bug (the crash dialog) calls no callback: let the dialog be closed again.
        task.finished.connect(lambda: self._settled() if task.outcome == "error" else None)

    def _refused(self, error: DomainError) -> None:
        loaded = self._nomination
        if loaded is None or not offer_reload(
                self, error, loaded, lambda: self._services.nominations.get(loaded.id),
                NOMINATION_FIELDS, self.reload):
            self.form.show_error(error)
            self.adjustSize()  # room for the messages under the fields

    def reload(self, row: NominationRow) -> None:
        """The form again with ``row`` as stored now (what was typed is dropped)."""
        self._nomination = row
        self.form.clear()
        self._load(row)

    def _settled(self) -> None:
        self.saving = False

    def _on_saved(self, row: NominationRow) -> None:
        self.created = row
        self.accept()

    def reject(self) -> None:
        """Esc while the save runs waits for it: the outcome belongs to this dialog."""
        if not self.saving:
            super().reject()
