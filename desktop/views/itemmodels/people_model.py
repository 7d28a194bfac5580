"""The people list: lazy, with filtering and sorting done in SQL by the service.

The model holds a ``PeopleQuery`` and a source with ``count(query)`` and
``page(query, offset, limit)`` (``services.people``). It knows the total at once, but holds only
the rows fetched so far; the view asks for more pages through ``canFetchMore``/``fetchMore`` as
the officer scrolls. A header click re-queries (a proxy could only sort the rows already here).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from shiboken6 import isValid

from desktop.api.people import PeopleQuery, PersonRow
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.formatting import QT_TRANSLATE_NOOP, format_date
from desktop.views.itemmodels.roles import OBJECT_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    class ListQuery(DataclassInstance, Protocol):
        """A list's query: a frozen dataclass with a sort column and direction."""

        @property
        def sort(self) -> str: ...

        @property
        def descending(self) -> bool: ...


class ListRow(Protocol):
    @property
    def id(self) -> int: ...


Q = TypeVar("Q", bound="ListQuery")
R = TypeVar("R", bound=ListRow)
Q_contra = TypeVar("Q_contra", bound="ListQuery", contravariant=True)
R_co = TypeVar("R_co", bound=ListRow, covariant=True)


class PagedSource(Protocol[Q_contra, R_co]):
    """``services.people`` or ``services.nominations``: counts and pages of a query."""

    def count(self, query: Q_contra) -> int: ...

    def page(self, query: Q_contra, offset: int, limit: int) -> Sequence[R_co]: ...


PeopleSource = PagedSource[PeopleQuery, PersonRow]


def _first_page(source: PagedSource[Q, R], query: Q, size: int) -> tuple[int, list[R]]:
    """Count and first page (runs in a worker thread when the model has a runner)."""
    total = source.count(query)
    rows = list(source.page(query, 0, size)) if total else []
    return (len(rows) if len(rows) < size else total), rows


@dataclass(frozen=True)
class _Col:
    key: str  # the service's sort key
    title: str  # English source, translated in headerData


COLUMNS: tuple[_Col, ...] = (
    _Col("name", QT_TRANSLATE_NOOP("PeopleModel", "Full name")),
    _Col("gender", QT_TRANSLATE_NOOP("PeopleModel", "Gender")),
    _Col("birth_date", QT_TRANSLATE_NOOP("PeopleModel", "Date of birth")),
    _Col("ethnicity", QT_TRANSLATE_NOOP("PeopleModel", "Ethnicity")),
    _Col("citizen_id", QT_TRANSLATE_NOOP("PeopleModel", "Citizen ID")),
    _Col("position", QT_TRANSLATE_NOOP("PeopleModel", "Position")),
    _Col("unit", QT_TRANSLATE_NOOP("PeopleModel", "Unit")),
)
SORT_KEYS = tuple(column.key for column in COLUMNS)


def _cell(person: PersonRow, key: str) -> str:
    if key == "name":
        return str(person.full_name)
    if key == "gender":
        return str(person.gender.label)
    if key == "birth_date":
        return format_date(person.birth_date)
    if key == "ethnicity":
        return str(person.ethnicity)
    if key == "citizen_id":
        return person.citizen_id or ""
    if key == "position":
        return str(person.position)
    return str(person.unit_name)


class PagedTableModel(QAbstractTableModel, Generic[Q, R]):
    """Rows fetched so far of ``query``; ``total`` is the full count.

    With a ``runner`` every read (count + first page, each further page) runs on the runner's
    read pool, so a slow query (sorting 150,000 rows on an unindexed column takes ~0.4 s) never
    freezes the window; the old rows stay on screen until the new ones arrive, results of
    superseded queries are dropped, and rapid changes are coalesced into one reload. Without a
    runner (model tests) the same reads run synchronously.

    Signals:
        total_changed(int): the count of the current query changed (new query or refresh).
        loading_changed(bool): a reload started (True) or its rows arrived (False).
        loaded(): the first page of the current query is in place.
    """

    total_changed = Signal(int)
    loading_changed = Signal(bool)
    loaded = Signal()

    def __init__(self, source: PagedSource[Q, R], query: Q, parent: QObject | None = None, *,
                 page_size: int = PAGE_SIZE, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._query = query
        self._page_size = page_size
        self._runner = runner
        self._rows: list[R] = []
        self._total = 0
        self._generation = 0
        self._fetching = False
        self._reload_again = False
        self._first_size = page_size
        self.loading = False
        self.pages_fetched = 0

    # -- querying ------------------------------------------------------------------------------
    @property
    def query(self) -> Q:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def busy(self) -> bool:
        return self.loading or self._fetching

    def set_query(self, query: Q, *, keep_loaded: bool = False) -> None:
        """Show ``query``: count it and load its first page (in the background if possible).

        ``keep_loaded`` reloads as many rows as are loaded now (up to 10 pages), so a refresh
        after an edit keeps the officer's place in a long list.
        """
        self._query = query
        self._generation += 1
        self._first_size = (min(max(self._page_size, len(self._rows)), 10 * self._page_size)
                            if keep_loaded else self._page_size)
        if self._runner is None:
            self._apply_first(_first_page(self._source, query, self._first_size))
        elif self.loading:
            self._reload_again = True  # one reload after the one in flight, for the newest query
        else:
            self._start_reload()

    def update_query(self, **changes: object) -> None:
        self.set_query(dataclasses.replace(self._query, **changes))

    def refresh(self) -> None:
        """Re-read the same query (after edits), keeping the rows loaded so far."""
        self.set_query(self._query, keep_loaded=True)

    def row_object(self, row: int) -> R:
        return self._rows[row]

    def row_of(self, person_id: int) -> int:
        for row, person in enumerate(self._rows):
            if person.id == person_id:
                return row
        return -1

    def _start_reload(self) -> None:
        assert self._runner is not None
        generation, query, source, size = (self._generation, self._query, self._source,
                                           self._first_size)
        self._set_loading(True)
        task = self._runner.task(lambda _progress, _cancel: _first_page(source, query, size))
        task.success(lambda result: self._on_first_page(generation, result))
        task.finished.connect(self._on_reload_finished)
        task.run()

    def _on_first_page(self, generation: int, result: tuple[int, list[R]]) -> None:
        if isValid(self) and generation == self._generation:
            self._apply_first(result)

    @Slot()
    def _on_reload_finished(self) -> None:
        self._set_loading(False)
        if self._reload_again:
            self._reload_again = False
            self._start_reload()

    def _set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.loading_changed.emit(loading)

    def _apply_first(self, result: tuple[int, list[R]]) -> None:
        total, rows = result
        self.beginResetModel()
        self._rows, self._total = rows, total
        self._fetching = False
        self.pages_fetched = 1 if total else 0
        self.endResetModel()
        self.total_changed.emit(self._total)
        self.loaded.emit()

    # -- lazy loading --------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt signature
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt signature
        if not self.canFetchMore(parent) or self._fetching or self.loading:
            return
        offset = len(self._rows)
        if self._runner is None:
            self._append(self._generation, offset,
                         list(self._source.page(self._query, offset, self._page_size)))
            return
        self._fetching = True
        generation, query, source, size = (self._generation, self._query, self._source,
                                           self._page_size)
        task = self._runner.task(lambda _progress, _cancel: list(source.page(query, offset, size)))
        task.success(lambda rows: self._append(generation, offset, rows))
        task.finished.connect(self._on_fetch_finished)
        task.run()

    @Slot()
    def _on_fetch_finished(self) -> None:
        self._fetching = False

    def _append(self, generation: int, offset: int, rows: list[R]) -> None:
        if not isValid(self):  # the page closed (e.g. during a restore) before the rows came
            return
        self._fetching = False
        if generation != self._generation or offset != len(self._rows):
            return  # an answer to a query that is no longer shown
        self.pages_fetched += 1
        if not rows:  # the data shrank under us: stop asking
            self._total = len(self._rows)
            self.total_changed.emit(self._total)
            return
        self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        if len(rows) < self._page_size and len(self._rows) != self._total:
            self._total = len(self._rows)
            self.total_changed.emit(self._total)

    # -- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort_by(self, key: str, order: Qt.SortOrder) -> None:
        """Re-query in ``key`` order (the service's sort key), unless already shown so."""
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._query.sort and descending == self._query.descending and self._generation:
            return  # already showing (or loading) this order
        self.update_query(sort=key, descending=descending)


class PeopleTableModel(PagedTableModel[PeopleQuery, PersonRow]):
    """The people list (``services.people``) in the columns of ``COLUMNS``."""

    def person(self, row: int) -> PersonRow:
        return self._rows[row]

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        person = self._rows[index.row()]
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(person, key)
        if role == OBJECT_ROLE:
            return person
        if role == SORT_ROLE:
            return _cell(person, key)
        if role == Qt.ItemDataRole.ToolTipRole and key == "name" and person.is_unit_head:
            return translate("PeopleModel", "Head of unit")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return translate("PeopleModel", COLUMNS[section].title)
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.sort_by(COLUMNS[column].key, order)
