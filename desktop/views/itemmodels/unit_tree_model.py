"""The organisation tree, loaded one level at a time as the officer expands it.

``fetch_children(parent_id)`` is ``services.units.children``: it returns the direct children in
Vietnamese order, each with its ``child_count``, so ``hasChildren`` can draw the expand arrow
without loading anything below.

With a ``runner`` the children of a unit are read in the background: expanding a province to
depth 2 asks for the children of 136 units, which took 0.6 s on the GUI thread. The top level
and the children of a top-level unit (one quick query each) are still read at once, so a page
can open its root right after creating the model.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QFont
from shiboken6 import isValid

from desktop.api.units import UnitRow
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.formatting import QT_TRANSLATE_NOOP, format_date
from desktop.views.itemmodels.roles import OBJECT_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
FetchChildren = Callable[[int | None], list[UnitRow]]

HEADERS = (
    QT_TRANSLATE_NOOP("UnitTreeModel", "Unit"),
    QT_TRANSLATE_NOOP("UnitTreeModel", "Code"),
)


class _Node:
    """A unit in the tree; ``children`` is None until fetched."""

    __slots__ = ("children", "parent", "row", "unit")

    def __init__(self, unit: UnitRow | None, parent: _Node | None, row: int = 0) -> None:
        self.unit = unit
        self.parent = parent
        self.row = row
        self.children: list[_Node] | None = None

    @property
    def unit_id(self) -> int | None:
        return None if self.unit is None else self.unit.id


class UnitTreeModel(QAbstractItemModel):
    """The tree; ``busy`` while children are being read in the background."""

    def __init__(self, fetch_children: FetchChildren, parent: QObject | None = None, *,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._fetch = fetch_children
        self._runner = runner
        self._root = _Node(None, None)
        self._pending: set[int] = set()  # units whose children are on their way
        self._queue: list[_Node] = []  # asked for in this pass of the event loop, not yet read
        self._generation = 0  # a reload drops the answers still on their way

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    # -- helpers ---------------------------------------------------------------------------------
    def _node(self, index: Index) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, _Node)
            return node
        return self._root

    def unit(self, index: Index) -> UnitRow | None:
        return self._node(index).unit if index.isValid() else None

    def reload(self) -> None:
        self.beginResetModel()
        self._root = _Node(None, None)
        self._pending.clear()
        self._queue.clear()
        self._generation += 1
        self.endResetModel()

    def index_of_path(self, unit_ids: list[int]) -> QModelIndex:
        """Fetch down the chain root → … → unit and return the unit's index (or invalid)."""
        parent = QModelIndex()
        found = QModelIndex()
        for unit_id in unit_ids:
            if self.canFetchMore(parent):  # now, even if a background read is on its way
                node = self._node(parent)
                self._insert(parent, node, self._fetch(node.unit_id))
            node = self._node(parent)
            match = next((i for i, child in enumerate(node.children or [])
                          if child.unit_id == unit_id), None)
            if match is None:
                return QModelIndex()
            found = self.index(match, 0, parent)
            parent = found
        return found

    # -- lazy loading ----------------------------------------------------------------------------
    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt signature
        if parent.isValid() and parent.column() != 0:
            return False
        node = self._node(parent)
        if node.children is not None:
            return bool(node.children)
        return node.unit is None or node.unit.child_count > 0

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt signature
        if parent.isValid() and parent.column() != 0:
            return False
        node = self._node(parent)
        return node.children is None and (node.unit is None or node.unit.child_count > 0)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt signature
        if not self.canFetchMore(parent):
            return
        node = self._node(parent)
        unit_id = node.unit_id
        if self._runner is None or unit_id is None or node.parent is self._root:
            self._insert(parent, node, self._fetch(unit_id))
            return
        if unit_id in self._pending:
            return
        self._pending.add(unit_id)
        self._queue.append(node)
        if len(self._queue) == 1:  # one read for every node asked for in this pass
            QTimer.singleShot(0, self._read_queued)

    def _read_queued(self) -> None:
        if not isValid(self) or not self._queue:
            return
        nodes, self._queue = self._queue, []
        generation, fetch = self._generation, self._fetch
        ids = [node.unit_id for node in nodes]
        assert self._runner is not None
        task = self._runner.task(lambda _progress, _cancel: [fetch(i) for i in ids])
        task.success(lambda answers: self._on_children(generation, nodes, answers))
        task.finished.connect(lambda: self._forget(generation, ids))  # on any outcome
        task.run()

    def _forget(self, generation: int, unit_ids: list[int | None]) -> None:
        if isValid(self) and generation == self._generation:
            self._pending.difference_update(unit_ids)

    def _on_children(self, generation: int, nodes: list[_Node], answers: list[list[UnitRow]]) -> None:
        if not isValid(self) or generation != self._generation:
            return  # the model is gone or was reloaded meanwhile
        for node, rows in zip(nodes, answers, strict=True):
            if node.children is None:  # else index_of_path read them meanwhile
                self._insert(self.createIndex(node.row, 0, node), node, rows)

    def _insert(self, parent: Index, node: _Node, rows: list[UnitRow]) -> None:
        if not rows:
            node.children = []
            return
        self.beginInsertRows(parent, 0, len(rows) - 1)
        node.children = [_Node(unit, node, row) for row, unit in enumerate(rows)]
        self.endInsertRows()

    # -- Qt model API ----------------------------------------------------------------------------
    def index(self, row: int, column: int,
              parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt signature
        if column < 0 or column >= len(HEADERS) or row < 0:
            return QModelIndex()
        node = self._node(parent)
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        if node.children is None or row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008 - Qt
        if not index.isValid():
            return QModelIndex()
        node = self._node(index)
        parent = node.parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children or [])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        unit = self._node(index).unit if index.isValid() else None
        if unit is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return str(unit.name) if index.column() == 0 else str(unit.code)
        if role == OBJECT_ROLE:
            return unit
        historical = unit.valid_to is not None and unit.valid_to < date.today()
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{unit.name}\n{unit.kind.label}"
            if historical:
                tip += "\n" + translate("UnitTreeModel", "Ceased on {date}").format(
                    date=format_date(unit.valid_to))
            return tip
        if role == Qt.ItemDataRole.ForegroundRole and historical:
            return QBrush(QColor(120, 120, 120))
        if role == Qt.ItemDataRole.FontRole and historical:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return translate("UnitTreeModel", HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
