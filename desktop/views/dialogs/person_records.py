"""The record tabs of the person editor: positions (with the head-of-unit flag over dates),
yearly ratings, initiatives, awards received and discipline. Each tab lists the person's
records, adds and edits them in a small form, deletes to the trash and undoes the last delete
("Hoàn tác"). Records are saved at once, independently of the person form's Lưu."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.people import PersonRow
from desktop.api.positions import PositionRow
from desktop.api.records import (
    AwardRecordRow,
    DisciplineRow,
    InitiativeRow,
    RatingRow,
    Subject,
)
from desktop.domain.errors import DomainError
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.dialogs.record_editors import (
    AwardEditor,
    DisciplineEditor,
    InitiativeEditor,
    PositionEditor,
    RatingEditor,
    RecordEditor,
)
from desktop.views.formatting import format_date
from desktop.views.itemmodels import records_model as cols
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.widgets.form import ERROR_STYLE
from desktop.views.writes import run_write

if TYPE_CHECKING:
    from desktop.services import Services

R = TypeVar("R")
NOTICE_STYLE = "color: #1b5e20;"


class RecordTabBase(QWidget):
    """What the person editor sees of a tab: ``changed`` is emitted after every write."""

    changed = Signal()


class RecordTab(RecordTabBase, Generic[R]):
    """One kind of record of one person, listed in a table with add, edit, delete, undo."""

    def __init__(self, parent: QWidget | None, services: Services, person: PersonRow | None,
                 runner: TaskRunner) -> None:
        super().__init__(parent)
        self.services, self.person, self._runner = services, person, runner
        self._undo: tuple[int, str] | None = None
        layout = QVBoxLayout(self)
        if person is None:
            self.placeholder = QLabel(translate(
                "PersonRecords", "These records can be entered once the person is saved: "
                "press Save, then open the person again."), self)
            self.placeholder.setWordWrap(True)
            layout.addWidget(self.placeholder)
            layout.addStretch(1)
            return
        bar = QHBoxLayout()
        self.add_button = QPushButton(translate("PersonRecords", "Add…"), self)
        self.edit_button = QPushButton(translate("PersonRecords", "Edit…"), self)
        self.delete_button = QPushButton(translate("PersonRecords", "Delete"), self)
        self.undo_button = QPushButton(translate("PersonRecords", "Undo delete"), self)
        self.undo_button.setToolTip(translate("PersonRecords",
                                              "Bring back the record deleted last"))
        for button in (self.add_button, self.edit_button, self.delete_button, self.undo_button):
            button.setAutoDefault(False)
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model: RecordTableModel[R] = RecordTableModel(self.columns(), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.undo_button.clicked.connect(self.undo)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    # -- what a kind of record defines -------------------------------------------------------
    def columns(self) -> Sequence[Column[R]]:
        raise NotImplementedError

    def rows(self) -> Sequence[R]:
        raise NotImplementedError

    def editor(self, row: R | None) -> RecordEditor[R]:
        raise NotImplementedError

    def deleter(self, row: R) -> Callable[[], object]:
        raise NotImplementedError

    def restorer(self, record_id: int) -> Callable[[], object]:
        raise NotImplementedError

    def describe(self, row: R) -> str:
        raise NotImplementedError

    # -- the list ----------------------------------------------------------------------------
    def reload(self) -> None:
        if self.person is None:
            return
        try:
            rows = self.rows()
        except DomainError as error:
            self._say(str(error), error=True)
            rows = []
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column) + 16, 320))
        self._update_buttons()

    def selected(self) -> R | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_object(indexes[0].row()) if indexes else None

    def select_id(self, record_id: int) -> None:
        for i, row in enumerate(self.model.rows):
            if getattr(row, "id", None) == record_id:
                self.table.selectRow(i)
                return

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.undo_button.setEnabled(self._undo is not None)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else NOTICE_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- writing -----------------------------------------------------------------------------
    @Slot()
    def add(self) -> None:
        self._open(None)

    @Slot()
    def edit(self) -> None:
        row = self.selected()
        if row is not None:
            self._open(row)

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.selectRow(index.row())
            self.edit()

    def _open(self, row: R | None) -> None:
        editor = self.editor(row)
        if editor.ask():
            self._say("")
            self._after_write(getattr(editor.saved, "id", None))

    @Slot()
    def delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        record_id, what = int(getattr(row, "id")), self.describe(row)  # noqa: B009
        run_write(self._runner, self, self.deleter(row),
                  saved=lambda _r: self._deleted(record_id, what), refused=self._refused,
                  controls=(self.delete_button,))

    def _deleted(self, record_id: int, what: str) -> None:
        self._undo = (record_id, what)
        self._say(translate("PersonRecords", "Deleted: %1. “Undo delete” brings it back.")
                  .replace("%1", what))
        self._after_write(None)

    @Slot()
    def undo(self) -> None:
        if self._undo is None:
            return
        record_id, what = self._undo
        run_write(self._runner, self, self.restorer(record_id),
                  saved=lambda _r: self._restored(record_id, what), refused=self._refused,
                  controls=(self.undo_button,))

    def _restored(self, record_id: int, what: str) -> None:
        self._undo = None
        self._say(translate("PersonRecords", "Restored: %1.").replace("%1", what))
        self._after_write(record_id)

    def _refused(self, error: DomainError) -> None:
        self._say(str(error), error=True)
        self.reload()

    def _after_write(self, select: object) -> None:
        self.reload()
        if isinstance(select, int):
            self.select_id(select)
        self._update_buttons()
        self.changed.emit()


# --------------------------------------------------------------------------------------------


class PositionsTab(RecordTab[PositionRow]):
    def columns(self) -> Sequence[Column[PositionRow]]:
        return cols.position_columns()

    def rows(self) -> Sequence[PositionRow]:
        assert self.person is not None
        return self.services.positions.for_person(self.person.id)

    def editor(self, row: PositionRow | None) -> RecordEditor[PositionRow]:
        assert self.person is not None
        return PositionEditor(self, self.services, self.person, self._runner, row)

    def deleter(self, row: PositionRow) -> Callable[[], object]:
        positions = self.services.positions
        return lambda: positions.delete(row.id)

    def restorer(self, record_id: int) -> Callable[[], object]:
        positions = self.services.positions
        return lambda: positions.restore(record_id)

    def describe(self, row: PositionRow) -> str:
        return f"{row.title} ({cols.period(row.start_date, row.end_date) or row.unit_name})"


class RatingsTab(RecordTab[RatingRow]):
    def columns(self) -> Sequence[Column[RatingRow]]:
        return cols.rating_columns()

    def rows(self) -> Sequence[RatingRow]:
        assert self.person is not None
        return list(reversed(self.services.ratings.for_subject(Subject(self.person.id))))

    def editor(self, row: RatingRow | None) -> RecordEditor[RatingRow]:
        assert self.person is not None
        editor = RatingEditor(self, self.services, self.person, self._runner, row)
        editor.taken_years = frozenset(r.year for r in self.model.rows)
        return editor

    def deleter(self, row: RatingRow) -> Callable[[], object]:
        ratings = self.services.ratings
        return lambda: ratings.delete(row.id)

    def restorer(self, record_id: int) -> Callable[[], object]:
        ratings = self.services.ratings
        return lambda: ratings.restore(record_id)

    def describe(self, row: RatingRow) -> str:
        return f"{row.year}: {row.level.label}"


class InitiativesTab(RecordTab[InitiativeRow]):
    def columns(self) -> Sequence[Column[InitiativeRow]]:
        return cols.initiative_columns()

    def rows(self) -> Sequence[InitiativeRow]:
        assert self.person is not None
        return list(reversed(self.services.initiatives.for_subject(Subject(self.person.id))))

    def editor(self, row: InitiativeRow | None) -> RecordEditor[InitiativeRow]:
        assert self.person is not None
        return InitiativeEditor(self, self.services, self.person, self._runner, row)

    def deleter(self, row: InitiativeRow) -> Callable[[], object]:
        initiatives = self.services.initiatives
        return lambda: initiatives.delete(row.id)

    def restorer(self, record_id: int) -> Callable[[], object]:
        initiatives = self.services.initiatives
        return lambda: initiatives.restore(record_id)

    def describe(self, row: InitiativeRow) -> str:
        return f"“{row.title}” ({row.year})"


class AwardsTab(RecordTab[AwardRecordRow]):
    def columns(self) -> Sequence[Column[AwardRecordRow]]:
        return cols.award_columns()

    def rows(self) -> Sequence[AwardRecordRow]:
        assert self.person is not None
        return list(reversed(self.services.awards.for_subject(Subject(self.person.id))))

    def editor(self, row: AwardRecordRow | None) -> RecordEditor[AwardRecordRow]:
        assert self.person is not None
        return AwardEditor(self, self.services, self.person, self._runner, row)

    def deleter(self, row: AwardRecordRow) -> Callable[[], object]:
        awards = self.services.awards
        return lambda: awards.delete(row.id)

    def restorer(self, record_id: int) -> Callable[[], object]:
        awards = self.services.awards
        return lambda: awards.restore(record_id)

    def describe(self, row: AwardRecordRow) -> str:
        return f"{row.award_name} {row.year}"


class DisciplinesTab(RecordTab[DisciplineRow]):
    def columns(self) -> Sequence[Column[DisciplineRow]]:
        return cols.discipline_columns()

    def rows(self) -> Sequence[DisciplineRow]:
        assert self.person is not None
        return list(reversed(self.services.disciplines.for_subject(Subject(self.person.id))))

    def editor(self, row: DisciplineRow | None) -> RecordEditor[DisciplineRow]:
        assert self.person is not None
        return DisciplineEditor(self, self.services, self.person, self._runner, row)

    def deleter(self, row: DisciplineRow) -> Callable[[], object]:
        disciplines = self.services.disciplines
        return lambda: disciplines.delete(row.id)

    def restorer(self, record_id: int) -> Callable[[], object]:
        disciplines = self.services.disciplines
        return lambda: disciplines.restore(record_id)

    def describe(self, row: DisciplineRow) -> str:
        decided = f" {format_date(row.decision_date)}" if row.decision_date else ""
        return f"{row.form.label}{decided}"


def record_tabs(parent: QWidget, services: Services, person: PersonRow | None,
                runner: TaskRunner) -> list[tuple[str, RecordTabBase]]:
    """The tabs after "Thông tin chung", in the order the officer fills a record."""
    return [
        (translate("PersonRecords", "Positions"), PositionsTab(parent, services, person, runner)),
        (translate("PersonRecords", "Ratings"), RatingsTab(parent, services, person, runner)),
        (translate("PersonRecords", "Initiatives"),
         InitiativesTab(parent, services, person, runner)),
        (translate("PersonRecords", "Awards received"),
         AwardsTab(parent, services, person, runner)),
        (translate("PersonRecords", "Discipline"),
         DisciplinesTab(parent, services, person, runner)),
    ]
