"""Add or edit a person. The CCCD and every other field are checked by the service, whose
Vietnamese explanation (wrong length, province code, gender digit, birth year) appears under
the field; the dialog stays open with the data until it saves.

Besides "Thông tin chung" the editor has the person's records in tabs (positions with the
head-of-unit flag over dates, ratings, initiatives, awards received, discipline; see
``person_records``). Those are saved at once, each on its own; being the head of a unit is a
position, so the form has no head checkbox of its own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api.duplicates import PossibleDuplicateError
from desktop.api.people import PERSON_FIELDS, PersonInput, PersonRow
from desktop.api.units import UnitRow
from desktop.domain.enums import Gender
from desktop.domain.errors import DomainError, FieldProblem
from desktop.domain.ethnicities import ETHNIC_NAMES
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.backend import Backend
from desktop.views.dialogs.person_records import record_tabs
from desktop.views.messages import Messages
from desktop.views.widgets.date_edit import OptionalDateEdit
from desktop.views.widgets.form import ValidatedForm
from desktop.views.widgets.unit_picker import UnitPicker
from desktop.views.writes import offer_reload, own_runner, run_write


class PersonDialog(QDialog):
    """``saved`` holds the PersonRow after a successful save. The save runs on ``runner``'s
    writer thread; the dialog closes when it is done and stays open with a refusal.

    The record tabs write at once, so they may have changed the person (its head-of-unit
    flag) even when the dialog ends with "Hủy": ``records_written`` is emitted after each such
    write (``on_records_written`` is connected to it) and ``records_changed`` stays True."""

    records_written = Signal()

    def __init__(self, parent: QWidget | None, backend: Backend, *, person: PersonRow | None = None,
                 default_unit: UnitRow | None = None, runner: TaskRunner | None = None,
                 on_records_written: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._runner = runner or own_runner(self)
        self.saving = False
        self._person = person
        self.saved: PersonRow | None = None
        self.records_changed = False
        if on_records_written is not None:
            self.records_written.connect(on_records_written)
        self.setWindowTitle(translate("PersonDialog", "Edit person") if person is not None
                            else translate("PersonDialog", "Add person"))
        self.setMinimumWidth(640)
        self.resize(960, 600)
        self.form = ValidatedForm(self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(translate("PersonDialog", "e.g. Nguyễn Văn An"))
        self.gender_combo = QComboBox(self)
        for gender in Gender:
            self.gender_combo.addItem(gender.label, gender.value)
        self.birth_date = OptionalDateEdit(self)
        self.ethnicity_combo = QComboBox(self)
        self.ethnicity_combo.setEditable(True)
        self.ethnicity_combo.addItems(list(ETHNIC_NAMES))
        self.ethnicity_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.ethnicity_combo.completer()
        if completer is not None:
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.ethnicity_combo.setMinimumWidth(200)
        self.citizen_id_edit = QLineEdit(self)
        self.citizen_id_edit.setPlaceholderText(translate("PersonDialog", "12 digits"))
        self.citizen_id_edit.setMaximumWidth(220)
        self.position_edit = QLineEdit(self)
        self.unit_picker = UnitPicker(backend.services.units.search, self)
        self.head_note = QLabel(self)
        self.head_note.setToolTip(translate(
            "PersonDialog", "Being the head of a unit is entered as a position with dates, on "
            "the Positions tab"))
        self.is_direct = QCheckBox(translate("PersonDialog", "Direct worker"), self)
        self.is_direct.setToolTip(translate(
            "PersonDialog", "Worker or farmer directly producing (counted separately in reports)"))
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setFixedHeight(60)
        flags = QWidget(self)
        flags_layout = QHBoxLayout(flags)
        flags_layout.setContentsMargins(0, 0, 0, 0)
        flags_layout.addWidget(self.is_direct)
        flags_layout.addWidget(self.head_note)
        flags_layout.addStretch(1)
        f = self.form
        f.add_row("full_name", translate("PersonDialog", "Full name *"), self.name_edit)
        f.add_row("gender", translate("PersonDialog", "Gender"), self.gender_combo)
        f.add_row("birth_date", translate("PersonDialog", "Date of birth"), self.birth_date)
        f.add_row("ethnicity", translate("PersonDialog", "Ethnicity"), self.ethnicity_combo)
        f.add_row("citizen_id", translate("PersonDialog", "Citizen ID (CCCD)"), self.citizen_id_edit)
        f.add_row("position", translate("PersonDialog", "Position"), self.position_edit)
        f.add_row("unit_id", translate("PersonDialog", "Unit *"), self.unit_picker)
        f.add_plain_row("", flags)
        f.add_row("note", translate("PersonDialog", "Note"), self.note_edit)
        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(translate("PersonDialog", "Save"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(translate("PersonDialog", "Cancel"), self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        general = QWidget(self)
        general_layout = QVBoxLayout(general)
        general_layout.addWidget(self.form.summary)
        general_layout.addLayout(self.form.layout)
        general_layout.addStretch(1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(general, translate("PersonDialog", "General"))
        self.record_tabs = record_tabs(self, backend.services, person, self._runner)
        for title, tab in self.record_tabs:
            self.tabs.addTab(tab, title)
            tab.changed.connect(self._records_changed)
        self.positions_tab = self.record_tabs[0][1]
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        if person is not None:
            self._load(person)
        else:
            self.ethnicity_combo.setCurrentText("Kinh")
            if default_unit is not None:
                self.unit_picker.set_unit(default_unit)
        self.name_edit.setFocus()

    def _load(self, person: PersonRow) -> None:
        self.name_edit.setText(person.full_name)
        self.gender_combo.setCurrentIndex(max(0, self.gender_combo.findData(person.gender.value)))
        self.birth_date.set_date(person.birth_date)
        self.ethnicity_combo.setCurrentText(person.ethnicity)
        self.citizen_id_edit.setText(person.citizen_id or "")
        self.position_edit.setText(person.position)
        if person.unit_id is not None:
            self.unit_picker.set_unit(self._backend.services.units.get(person.unit_id))
        self._show_head(person)
        self.is_direct.setChecked(bool(person.is_direct_worker))
        self.note_edit.setPlainText(person.note)

    def input(self) -> PersonInput:
        self.unit_picker.resolve_typed_text()
        return PersonInput(
            full_name=self.name_edit.text(), gender=self.gender_combo.currentData(),
            unit_id=self.unit_picker.unit_id, birth_date=self.birth_date.date(),
            ethnicity=self.ethnicity_combo.currentText(),
            citizen_id=self.citizen_id_edit.text().strip() or None,
            position=self.position_edit.text(),
            is_unit_head=bool(self._person.is_unit_head) if self._person else False,
            is_direct_worker=self.is_direct.isChecked(), note=self.note_edit.toPlainText(),
        )

    @Slot()
    def save(self) -> None:
        if self.saving:
            return
        people = self._backend.services.people
        data = self.input()
        if self.unit_picker.text().strip() and self.unit_picker.unit_id is None:
            self.form.show_problems([FieldProblem(
                "unit_id", translate("PersonDialog", "Unit"),
                translate("PersonDialog", "pick a unit from the list that appears as you type"))])
            return
        loaded = self._person  # its version: a save over someone else's is refused
        self.saving = True
        run_write(self._runner, self,
                  lambda: people.update(loaded.id, data, expected_version=loaded.version)
                  if loaded is not None else people.create(data),
                  saved=self._on_saved, refused=self._refused, settled=self._settled,
                  controls=(self.save_button, self.cancel_button))

    def _refused(self, error: DomainError) -> None:
        if isinstance(error, PossibleDuplicateError):  # "Đã có … Vẫn thêm?"
            if Messages.confirm(self, str(error), title=translate("PersonDialog", "Add person")):
                self._add_anyway()
            else:
                self.form.show_message(error.found())
            return
        loaded = self._person
        if loaded is None or not offer_reload(
                self, error, loaded, lambda: self._backend.services.people.get(loaded.id),
                PERSON_FIELDS, self.reload):
            self.form.show_error(error)

    def _add_anyway(self) -> None:
        """The officer says the look-alike is someone else: add without that check."""
        people, data = self._backend.services.people, self.input()
        self.saving = True
        run_write(self._runner, self, lambda: people.create(data, allow_duplicate=True),
                  saved=self._on_saved, refused=self._refused, settled=self._settled,
                  controls=(self.save_button, self.cancel_button))

    def reload(self, person: PersonRow) -> None:
        """The form again, with ``person`` as it is stored now (what was typed is dropped)."""
        self._person = person
        self.form.clear()
        self._load(person)

    def _settled(self) -> None:
        self.saving = False

    def _show_head(self, person: PersonRow) -> None:
        self.head_note.setText(translate("PersonDialog", "Head of the unit today")
                               if person.is_unit_head else "")

    def _records_changed(self) -> None:
        """A position saved on its tab may have changed "head of the unit today" (and with it
        the person's version): the form saves over the person as it is now."""
        self.records_changed = True
        self.records_written.emit()
        loaded = self._person
        if loaded is None:
            return
        try:
            current = self._backend.services.people.get(loaded.id)
        except DomainError:
            return
        # Only our own change of the flag is taken in; anyone else's edit stays a stale save.
        if current.is_unit_head != loaded.is_unit_head and current.version == loaded.version + 1:
            self._person = replace(loaded, is_unit_head=current.is_unit_head,
                                   version=current.version)
            self._show_head(current)

    def _on_saved(self, person: PersonRow) -> None:
        self.saved = person
        self.accept()

    def reject(self) -> None:
        if not self.saving:  # Esc while saving: the save decides how the dialog ends
            super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, backend: Backend, *, person: PersonRow | None = None,
            default_unit: UnitRow | None = None, runner: TaskRunner | None = None,
            on_records_written: Callable[[], None] | None = None) -> PersonRow | None:
        """The saved PersonRow, or None if the officer cancelled (the record tabs may have
        written meanwhile: ``on_records_written`` is called after each of their writes)."""
        dialog = cls(parent, backend, person=person, default_unit=default_unit, runner=runner,
                     on_records_written=on_records_written)
        return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None
