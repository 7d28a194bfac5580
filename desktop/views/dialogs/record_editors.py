"""Small forms that add or edit one record of a person: a position, a yearly rating, an
initiative, an award received, a discipline. Each saves through ``run_write`` and shows the
service's Vietnamese refusal under the field that is wrong; the form stays open until it saves."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.api.people import PersonRow
from desktop.api.positions import PositionInput, PositionRow
from desktop.api.records import (
    AwardRecordInput,
    AwardRecordRow,
    DisciplineInput,
    DisciplineRow,
    InitiativeInput,
    InitiativeRow,
    RatingRow,
    Subject,
    WorkTime,
)
from desktop.domain.enums import (
    AchievementKind,
    DisciplineForm,
    DisciplineStatus,
    InitiativeScope,
    LeaveKind,
    RatingLevel,
    SubjectKind,
)
from desktop.domain.errors import DomainError, FieldProblem
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.widgets.date_edit import OptionalDateEdit
from desktop.views.widgets.enum_combo import add_enum_items, enum_data
from desktop.views.widgets.form import ValidatedForm
from desktop.views.widgets.unit_picker import UnitPicker
from desktop.views.writes import run_write

if TYPE_CHECKING:
    from desktop.services import Services

R = TypeVar("R")


def year_box(parent: QWidget, value: int | None) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(1900, 2100)
    box.setValue(value or date.today().year)
    box.setMaximumWidth(100)
    return box


def months_box(parent: QWidget, unknown_text: str) -> QSpinBox:
    """0–12 months, or "not recorded" (the minimum, shown as ``unknown_text``)."""
    box = QSpinBox(parent)
    box.setRange(-1, 12)
    box.setSpecialValueText(unknown_text)
    box.setValue(-1)
    box.setMaximumWidth(140)
    return box


def months_value(box: QSpinBox) -> int | None:
    return None if box.value() < 0 else box.value()


def choose(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(0, combo.findData(getattr(value, "value", value))))


class RecordEditor(QDialog, Generic[R]):
    """The frame every record form shares: the fields, a summary of problems, Lưu/Hủy.
    ``saved`` holds the service's answer once the write went through."""

    def __init__(self, parent: QWidget | None, services: Services, person: PersonRow,
                 runner: TaskRunner, row: R | None = None) -> None:
        super().__init__(parent)
        self.services, self.person, self.row = services, person, row
        self._runner = runner
        self.saving = False
        self.saved: object | None = None
        adding, editing = self.titles()
        self.setWindowTitle(f"{editing if row is not None else adding} — {person.full_name}")
        self.setMinimumWidth(560)
        self.form = ValidatedForm(self)
        self.build()
        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(translate("RecordEditor", "Save"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(translate("RecordEditor", "Cancel"), self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.summary)
        layout.addLayout(self.form.layout)
        layout.addStretch(1)
        layout.addWidget(buttons)
        if row is not None:
            self.load(row)

    # -- what a kind of record defines -------------------------------------------------------
    def titles(self) -> tuple[str, str]:
        """The window title when adding, and when editing."""
        raise NotImplementedError

    def build(self) -> None:
        raise NotImplementedError

    def load(self, row: R) -> None:
        raise NotImplementedError

    def work(self) -> Callable[[], object] | None:
        """The service call for what the form holds (None: refused here, problems shown)."""
        raise NotImplementedError

    # -- saving ------------------------------------------------------------------------------
    @Slot()
    def save(self) -> None:
        if self.saving:
            return
        work = self.work()
        if work is None:
            return
        self.saving = True
        run_write(self._runner, self, work, saved=self._on_saved, refused=self._refused,
                  settled=self._settled, controls=(self.save_button, self.cancel_button))

    def _refused(self, error: DomainError) -> None:
        self.form.show_error(error)

    def _settled(self) -> None:
        self.saving = False

    def _on_saved(self, result: object) -> None:
        self.saved = result
        self.accept()

    def reject(self) -> None:
        if not self.saving:
            super().reject()

    def ask(self) -> bool:
        """Shown modally; True once saved."""
        return self.exec() == QDialog.DialogCode.Accepted


class PositionEditor(RecordEditor[PositionRow]):
    def titles(self) -> tuple[str, str]:
        return (translate("RecordEditor", "Add position"),
                translate("RecordEditor", "Edit position"))

    def build(self) -> None:
        self.title_edit_box = QLineEdit(self)
        self.title_edit_box.setPlaceholderText(translate("RecordEditor",
                                                         "e.g. Chủ tịch UBND xã"))
        self.unit_picker = UnitPicker(self.services.units.search, self)
        if self.person.unit_id is not None:
            self.unit_picker.set_unit(self.services.units.get(self.person.unit_id))
        self.is_head = QCheckBox(translate("RecordEditor", "Head of this unit during these dates"),
                                 self)
        self.start = OptionalDateEdit(self, unknown_text=translate("RecordEditor", "Not known"),
                                      default=date.today())
        self.end = OptionalDateEdit(self, unknown_text=translate("RecordEditor", "Still held"),
                                    default=date.today())
        self.note_edit = QLineEdit(self)
        f = self.form
        f.add_row("title", translate("RecordEditor", "Position *"), self.title_edit_box)
        f.add_row("unit_id", translate("RecordEditor", "Unit *"), self.unit_picker)
        f.add_row("is_head", "", self.is_head)
        f.add_row("start_date", translate("RecordEditor", "From"), self.start)
        f.add_row("end_date", translate("RecordEditor", "Until"), self.end)
        f.add_row("note", translate("RecordEditor", "Note"), self.note_edit)

    def load(self, row: PositionRow) -> None:
        self.title_edit_box.setText(row.title)
        if row.unit_id is not None:
            self.unit_picker.set_unit(self.services.units.get(row.unit_id))
        self.is_head.setChecked(row.is_head)
        self.start.set_date(row.start_date)
        self.end.set_date(row.end_date)
        self.note_edit.setText(row.note)

    def work(self) -> Callable[[], object] | None:
        self.unit_picker.resolve_typed_text()
        if self.unit_picker.unit_id is None:
            self.form.show_problems([FieldProblem(
                "unit_id", translate("RecordEditor", "Unit"),
                translate("RecordEditor", "pick a unit from the list that appears as you type"))])
            return None
        data = PositionInput(self.person.id, self.title_edit_box.text(),
                             self.unit_picker.unit_id, self.is_head.isChecked(),
                             self.start.date(), self.end.date(), self.note_edit.text())
        positions, row = self.services.positions, self.row
        return (lambda: positions.update(row.id, data)) if row is not None \
            else (lambda: positions.create(data))


class RatingEditor(RecordEditor[RatingRow]):
    def titles(self) -> tuple[str, str]:
        return (translate("RecordEditor", "Add yearly rating"),
                translate("RecordEditor", "Edit yearly rating"))

    taken_years: frozenset[int] = frozenset()

    def build(self) -> None:
        self.year = year_box(self, date.today().year)
        self.level = QComboBox(self)
        add_enum_items(self.level, RatingLevel, none_text=translate("RecordEditor", "— choose —"))
        self.note_edit = QLineEdit(self)
        # Time worked in the year (Lao động tiên tiến: the province's minimum months; maternity
        # leave counts as worked, NĐ 152/2025 Art 4.5). Left "not recorded" by default.
        not_recorded = translate("RecordEditor", "Not recorded")
        self.months_worked = months_box(self, not_recorded)
        self.leave_months = months_box(self, not_recorded)
        self.leave_kind = QComboBox(self)
        add_enum_items(self.leave_kind, LeaveKind,
                       none_text=translate("RecordEditor", "— no long leave —"))
        f = self.form
        f.add_row("year", translate("RecordEditor", "Year *"), self.year)
        f.add_row("level", translate("RecordEditor", "Rating *"), self.level)
        f.add_row("months_worked", translate("RecordEditor", "Months worked"), self.months_worked)
        f.add_row("leave_months", translate("RecordEditor", "Months of leave"), self.leave_months)
        f.add_row("leave_kind", translate("RecordEditor", "Kind of leave"), self.leave_kind)
        f.add_row("note", translate("RecordEditor", "Note"), self.note_edit)

    def load(self, row: RatingRow) -> None:
        self.year.setValue(row.year)
        choose(self.level, row.level)
        self.note_edit.setText(row.note)
        self.months_worked.setValue(-1 if row.months_worked is None else row.months_worked)
        self.leave_months.setValue(-1 if row.leave_months is None else row.leave_months)
        choose(self.leave_kind, row.leave_kind)

    def work(self) -> Callable[[], object] | None:
        year, note = self.year.value(), self.note_edit.text()
        level = enum_data(self.level, RatingLevel)
        ratings, row = self.services.ratings, self.row
        if row is None and year in self.taken_years:  # "Add" never overwrites a year
            self.form.show_problems([FieldProblem(
                "year", translate("RecordEditor", "Year"),
                translate("RecordEditor", "this person already has a rating for %1; edit "
                          "that row instead").replace("%1", str(year)))])
            return None
        chosen: RatingLevel | str = level or ""
        work = WorkTime(months_value(self.months_worked), months_value(self.leave_months),
                        enum_data(self.leave_kind, LeaveKind) or "")
        if row is not None:
            return lambda: ratings.update(row.id, year, chosen, note, work)
        subject = Subject(person_id=self.person.id)
        return lambda: ratings.set(subject, year, chosen, note, work)


class InitiativeEditor(RecordEditor[InitiativeRow]):
    def titles(self) -> tuple[str, str]:
        return (translate("RecordEditor", "Add initiative"),
                translate("RecordEditor", "Edit initiative"))

    def build(self) -> None:
        self.title_box = QLineEdit(self)
        self.year = year_box(self, date.today().year)
        self.scope = QComboBox(self)
        add_enum_items(self.scope, InitiativeScope,
                       none_text=translate("RecordEditor", "— choose —"))
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(translate("RecordEditor", "e.g. 15/QĐ-UBND"))
        self.decided = OptionalDateEdit(self, default=date.today())
        self.recognised_by = QLineEdit(self)
        f = self.form
        f.add_row("title", translate("RecordEditor", "Initiative *"), self.title_box)
        f.add_row("year", translate("RecordEditor", "Year recognised *"), self.year)
        f.add_row("scope", translate("RecordEditor", "Scope *"), self.scope)
        f.add_row("decision_number", translate("RecordEditor", "Decision no. *"), self.number)
        f.add_row("decision_date", translate("RecordEditor", "Decision date"), self.decided)
        f.add_row("recognised_by", translate("RecordEditor", "Recognised by"),
                  self.recognised_by)

    def load(self, row: InitiativeRow) -> None:
        self.title_box.setText(row.title)
        self.year.setValue(row.year)
        choose(self.scope, row.scope)
        self.number.setText(row.decision_number)
        self.decided.set_date(row.decision_date)
        self.recognised_by.setText(row.recognised_by)

    def work(self) -> Callable[[], object] | None:
        data = InitiativeInput(Subject(person_id=self.person.id), self.title_box.text(),
                               self.year.value(), enum_data(self.scope, InitiativeScope) or "",
                               self.number.text(), self.decided.date(),
                               self.recognised_by.text())
        initiatives, row = self.services.initiatives, self.row
        return (lambda: initiatives.update(row.id, data)) if row is not None \
            else (lambda: initiatives.create(data))


class AwardEditor(RecordEditor[AwardRecordRow]):
    def titles(self) -> tuple[str, str]:
        return (translate("RecordEditor", "Add award received"),
                translate("RecordEditor", "Edit award received"))

    def build(self) -> None:
        self.award = QComboBox(self)
        self.award.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.award.setMinimumContentsLength(30)  # long names must not squeeze the labels
        self.award.addItem(translate("RecordEditor", "— choose —"), "")
        for kind in self.services.catalog.award_kinds():
            if SubjectKind.INDIVIDUAL in kind.subjects:
                self.award.addItem(f"{kind.name} ({kind.code})", kind.code)
        self.year = year_box(self, date.today().year)
        self.kind = QComboBox(self)
        add_enum_items(self.kind, AchievementKind,
                       none_text=translate("RecordEditor", "— choose —"))
        self.number = QLineEdit(self)
        self.decided = OptionalDateEdit(self, default=date.today())
        self.decided.set_date(date.today())  # required: offered as a date, not "not known"
        self.issuer = QLineEdit(self)
        self.period_from = OptionalDateEdit(self, default=date(date.today().year, 1, 1))
        self.period_to = OptionalDateEdit(self, default=date(date.today().year, 12, 31))
        self.note_edit = QLineEdit(self)
        f = self.form
        f.add_row("award_code", translate("RecordEditor", "Title or form *"), self.award)
        f.add_row("year", translate("RecordEditor", "Year *"), self.year)
        f.add_row("achievement_kind", translate("RecordEditor", "Kind of achievement *"),
                  self.kind)
        f.add_row("decision_number", translate("RecordEditor", "Decision no. *"), self.number)
        f.add_row("decision_date", translate("RecordEditor", "Decision date *"), self.decided)
        f.add_row("issuer", translate("RecordEditor", "Issuer"), self.issuer)
        f.add_row("period_from", translate("RecordEditor", "Achievements from"),
                  self.period_from)
        f.add_row("period_to", translate("RecordEditor", "Achievements until"), self.period_to)
        f.add_row("note", translate("RecordEditor", "Note"), self.note_edit)

    def load(self, row: AwardRecordRow) -> None:
        if self.award.findData(row.award_code) < 0:  # an old name no longer in force
            self.award.addItem(f"{row.award_name} ({row.award_code})", row.award_code)
        choose(self.award, row.award_code)
        self.year.setValue(row.year)
        choose(self.kind, row.achievement_kind)
        self.number.setText(row.decision_number)
        self.decided.set_date(row.decision_date)
        self.issuer.setText(row.issuer)
        self.period_from.set_date(row.period_from)
        self.period_to.set_date(row.period_to)
        self.note_edit.setText(row.note)

    def work(self) -> Callable[[], object] | None:
        data = AwardRecordInput(
            Subject(person_id=self.person.id), str(self.award.currentData() or ""),
            self.year.value(), enum_data(self.kind, AchievementKind) or "", self.number.text(),
            self.decided.date(), self.issuer.text(), self.period_from.date(),
            self.period_to.date(), self.row.amount if self.row is not None else None,
            self.note_edit.text())
        awards, row = self.services.awards, self.row
        return (lambda: awards.update(row.id, data)) if row is not None \
            else (lambda: awards.create(data))


class DisciplineEditor(RecordEditor[DisciplineRow]):
    def titles(self) -> tuple[str, str]:
        return (translate("RecordEditor", "Add discipline"),
                translate("RecordEditor", "Edit discipline"))

    def build(self) -> None:
        self.form_combo = QComboBox(self)
        add_enum_items(self.form_combo, DisciplineForm,
                       none_text=translate("RecordEditor", "— choose —"))
        self.status = QComboBox(self)
        add_enum_items(self.status, DisciplineStatus)
        choose(self.status, DisciplineStatus.DECIDED)
        self.number = QLineEdit(self)
        self.decided = OptionalDateEdit(self, default=date.today())
        self.start = OptionalDateEdit(self, default=date.today())
        self.end = OptionalDateEdit(self, default=date.today())
        self.reason = QPlainTextEdit(self)
        self.reason.setFixedHeight(60)
        f = self.form
        f.add_row("form", translate("RecordEditor", "Form of discipline *"), self.form_combo)
        f.add_row("status", translate("RecordEditor", "Status"), self.status)
        f.add_row("decision_number", translate("RecordEditor", "Decision no."), self.number)
        f.add_row("decision_date", translate("RecordEditor", "Decision date"), self.decided)
        f.add_row("effective_from", translate("RecordEditor", "In effect from"), self.start)
        f.add_row("effective_to", translate("RecordEditor", "In effect until"), self.end)
        f.add_row("reason", translate("RecordEditor", "Reason"), self.reason)

    def load(self, row: DisciplineRow) -> None:
        choose(self.form_combo, row.form)
        choose(self.status, row.status)
        self.number.setText(row.decision_number)
        self.decided.set_date(row.decision_date)
        self.start.set_date(row.effective_from)
        self.end.set_date(row.effective_to)
        self.reason.setPlainText(row.reason)

    def work(self) -> Callable[[], object] | None:
        data = DisciplineInput(
            Subject(person_id=self.person.id), enum_data(self.form_combo, DisciplineForm) or "",
            enum_data(self.status, DisciplineStatus) or DisciplineStatus.DECIDED,
            self.number.text(), self.decided.date(), self.start.date(), self.end.date(),
            self.reason.toPlainText())
        disciplines, row = self.services.disciplines, self.row
        return (lambda: disciplines.update(row.id, data)) if row is not None \
            else (lambda: disciplines.create(data))
