"""The unit-year grid as an editable table: the stored grid, plus what the officer typed or
pasted and has not saved yet (yellow), plus the cells that could not be taken (red, the reason
as tooltip). Parsing is ``desktop.api.unit_year``'s, the same the service applies."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.api.unit_year import (
    COLUMNS,
    EDITABLE,
    CellChange,
    CellRefusal,
    GridColumn,
    GridRow,
    UnitYearGrid,
    parse_cell,
    parse_paste,
)
from desktop.domain.enums import RatingLevel
from desktop.i18n import translate
from desktop.views.formatting import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex
Cell = tuple[str, GridColumn]

PENDING_COLOUR = QColor("#fff4c2")
REFUSED_COLOUR = QColor("#f8c9c4")
UNIT_ROW_COLOUR = QColor("#eef3fb")

HEADERS: dict[GridColumn, str] = {
    GridColumn.NAME: QT_TRANSLATE_NOOP("UnitYearModel", "Full name"),
    GridColumn.POSITION: QT_TRANSLATE_NOOP("UnitYearModel", "Position"),
    GridColumn.RATING: QT_TRANSLATE_NOOP("UnitYearModel", "Rating"),
    GridColumn.REGISTRATION: QT_TRANSLATE_NOOP("UnitYearModel", "Registered title"),
    GridColumn.RESULT_BASIC: QT_TRANSLATE_NOOP("UnitYearModel", "LĐTT / TTLĐTT result"),
    GridColumn.RESULT_HIGH: QT_TRANSLATE_NOOP("UnitYearModel", "CSTĐCS / TTLĐXS result"),
}


class UnitYearModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grid: UnitYearGrid | None = None
        self._pending: dict[Cell, CellChange] = {}
        self._refused: dict[Cell, CellRefusal] = {}

    # -- state ------------------------------------------------------------------------------
    @property
    def grid(self) -> UnitYearGrid | None:
        return self._grid

    def set_grid(self, grid: UnitYearGrid | None) -> None:
        """Show a freshly read grid; what was typed and not saved is dropped."""
        self.beginResetModel()
        self._grid = grid
        self._pending.clear()
        self._refused.clear()
        self.endResetModel()

    def changes(self) -> list[CellChange]:
        return list(self._pending.values())

    def refusals(self) -> list[CellRefusal]:
        return list(self._refused.values())

    @property
    def dirty(self) -> bool:
        return bool(self._pending or self._refused)

    def row_at(self, row: int) -> GridRow | None:
        if self._grid is None or not 0 <= row < len(self._grid.rows):
            return None
        return self._grid.rows[row]

    def show_refusals(self, refusals: list[CellRefusal]) -> None:
        """Mark the cells the service refused (their typed values stay pending)."""
        for refusal in refusals:
            if refusal.column is not None:
                self._refused[(refusal.row_key, refusal.column)] = refusal
        self._changed_all()

    # -- editing ----------------------------------------------------------------------------
    def type_text(self, row: int, column: GridColumn, text: str) -> None:
        grid, grid_row = self._grid, self.row_at(row)
        if grid is None or grid_row is None:
            return
        self._take(grid_row, column, parse_cell(grid, grid_row, column, text), text)
        index = self.index(row, COLUMNS.index(column))
        self.dataChanged.emit(index, index)

    def paste(self, top: int, left: int, text: str) -> int:
        """Put a block (tab-separated, as Excel copies it) at ``top``/``left``; returns how many
        cells were refused (outside the grid included)."""
        if self._grid is None:
            return 0
        result = parse_paste(self._grid, top, left, text)
        for change in result.changes:
            grid_row = self._grid.row(change.row_key)
            if grid_row is not None:
                self._take(grid_row, change.column, change, change.value)
        outside = 0
        for refusal in result.refused:
            if refusal.column is None or self._grid.row(refusal.row_key) is None:
                outside += 1
                self._refused[(refusal.row_key, refusal.column or GridColumn.NAME)] = refusal
            else:
                self._pending.pop((refusal.row_key, refusal.column), None)
                self._refused[(refusal.row_key, refusal.column)] = refusal
        self._changed_all()
        return len(result.refused)

    def clear_cells(self, indexes: list[QModelIndex]) -> None:
        for index in indexes:
            column = COLUMNS[index.column()]
            if column in EDITABLE:
                self.type_text(index.row(), column, "")

    def _take(self, row: GridRow, column: GridColumn,
              outcome: CellChange | CellRefusal | None, typed: str) -> None:
        cell = (row.key, column)
        self._refused.pop(cell, None)
        self._pending.pop(cell, None)
        if isinstance(outcome, CellRefusal):
            self._refused[cell] = outcome
        elif isinstance(outcome, CellChange) and outcome.value != row.value(column):
            self._pending[cell] = outcome

    def _changed_all(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    # -- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() or self._grid is None else len(self._grid.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return translate("UnitYearModel", HEADERS[COLUMNS[section]])
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and COLUMNS[index.column()] in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or self._grid is None:
            return None
        column = COLUMNS[index.column()]
        cell = (row.key, column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            refused = self._refused.get(cell)
            if refused is not None:
                return refused.value
            pending = self._pending.get(cell)
            if pending is not None:
                return self._display_value(column, pending.value)
            return self._grid.display(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if cell in self._refused:
                return QBrush(REFUSED_COLOUR)
            if cell in self._pending:
                return QBrush(PENDING_COLOUR)
            if row.is_unit:
                return QBrush(UNIT_ROW_COLOUR)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            refused = self._refused.get(cell)
            if refused is not None:
                return refused.reason
            if column is GridColumn.REGISTRATION and row.registration_names:
                return ", ".join(row.registration_names)
            return None
        if role == Qt.ItemDataRole.FontRole and row.is_unit and column is GridColumn.NAME:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = COLUMNS[index.column()]
        if column not in EDITABLE:
            return False
        self.type_text(index.row(), column, "" if value is None else str(value))
        return True

    def _display_value(self, column: GridColumn, value: str) -> str:
        if column is GridColumn.RATING:
            return RatingLevel(value).label if value else ""
        assert self._grid is not None
        shown = []
        for code in (c.strip() for c in value.split(",") if c.strip()):
            title = self._grid.title(code)
            shown.append(title.short_name or title.code if title else code)
        return ", ".join(shown)
