"""A round's nominations, lazy: filtered, sorted and paged in SQL by ``services.nominations``.

A 30,000-nomination round cannot be loaded and sorted on the GUI thread (sorting it in a proxy
froze the window for 2.5 s). The loading is the people list's (``PeopleTableModel``: count and
first page in the background, further pages as the officer scrolls, superseded answers dropped);
this model only brings the nomination columns, their colours and their SQL sort keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.api.nominations import NominationQuery, NominationRow
from desktop.domain.enums import ConditionStatus
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.formatting import QT_TRANSLATE_NOOP
from desktop.views.itemmodels.people_model import PAGE_SIZE, Index, PagedSource, PagedTableModel
from desktop.views.itemmodels.roles import OBJECT_ROLE, SORT_ROLE

MARKS = {ConditionStatus.MET: ("✓", "#1b7f2a"), ConditionStatus.NOT_MET: ("✗", "#b00020"),
         ConditionStatus.CHECK: ("!", "#a86400")}


@dataclass(frozen=True)
class _Col:
    key: str  # the service's sort key (NominationService.SORT_KEYS)
    title: str  # English source, translated in headerData


COLUMNS: tuple[_Col, ...] = (
    _Col("name", QT_TRANSLATE_NOOP("RoundsPage", "Subject")),
    _Col("award", QT_TRANSLATE_NOOP("RoundsPage", "Award")),
    _Col("status", QT_TRANSLATE_NOOP("RoundsPage", "Status")),
    _Col("eligibility", QT_TRANSLATE_NOOP("RoundsPage", "Eligibility")),
)
ELIGIBILITY_COLUMN = 3


def eligibility_text(row: NominationRow) -> str:
    if row.eligibility is None:
        return "– " + translate("RoundsPage", "not checked")
    return f"{MARKS[row.eligibility][0]} {row.eligibility.label}"


def _cell(row: NominationRow, key: str) -> str:
    if key == "name":
        return str(row.subject_name)
    if key == "award":
        return str(row.award_name)
    if key == "status":
        return str(row.status.label)
    return eligibility_text(row)


class NominationsTableModel(PagedTableModel[NominationQuery, NominationRow]):
    """Rows fetched so far of a ``NominationQuery``; ``total`` is the full count.

    ``source`` is ``services.nominations`` (``count(query)``, ``page(query, offset, limit)``).
    ``clear()`` shows nothing (no round yet) without asking the database.
    """

    def __init__(self, source: PagedSource[NominationQuery, NominationRow], query: NominationQuery,
                 parent: QObject | None = None, *,
                 page_size: int = PAGE_SIZE, runner: TaskRunner | None = None) -> None:
        super().__init__(source, query, parent, page_size=page_size, runner=runner)

    @property
    def rows(self) -> list[NominationRow]:
        """The rows loaded so far, in the order shown."""
        return list(self._rows)

    def clear(self) -> None:
        self._generation += 1
        self._reload_again = False
        self._apply_first((0, []))

    # -- Qt model API --------------------------------------------------------------------------
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()].key
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return _cell(row, key)
        if role == OBJECT_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and key == "name":
            return row.subject_detail or None
        if role == Qt.ItemDataRole.ToolTipRole and key == "award":
            return row.award_name or None  # long names are cut with "…" in the column
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == ELIGIBILITY_COLUMN:
            return QBrush(QColor(MARKS[row.eligibility][1])) if row.eligibility else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return translate("RoundsPage", COLUMNS[section].title)
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_by(COLUMNS[column].key, order)
