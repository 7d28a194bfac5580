"""The figures grid of a movement: rows are the units the appendix is assigned to, columns
the appendix's targets; a cell shows the unit's actual figure (or its planned value in the
"planned" mode). Typing in a cell does not write: the model emits ``edited`` with the typed
entries and the page saves them in the background (the service names every refused cell)."""

from __future__ import annotations

import textwrap

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desktop.api.movements import (
    DIRECTION_SYMBOL,
    FigureCell,
    FigureEntry,
    FiguresGrid,
    TargetOutcome,
    format_figure,
)
from desktop.i18n import translate

Index = QModelIndex | QPersistentModelIndex
MET_BRUSH = QBrush(QColor("#e3f4e1"))
MISSED_BRUSH = QBrush(QColor("#fde2e1"))
NA_BRUSH = QBrush(QColor("#eeeeee"))


class MovementFiguresModel(QAbstractTableModel):
    """Signals:
        edited(list): FigureEntry items typed into cells.
    """

    edited = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.grid: FiguresGrid | None = None
        self.planned_mode = False

    def set_grid(self, grid: FiguresGrid | None) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def set_planned_mode(self, on: bool) -> None:
        self.beginResetModel()
        self.planned_mode = on
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() or self.grid is None else len(self.grid.units)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() or self.grid is None else len(self.grid.targets)

    def unit_at(self, row: int) -> tuple[int, str]:
        assert self.grid is not None
        return self.grid.units[row]

    def cell_at(self, row: int, column: int) -> tuple[int, int, FigureCell | None]:
        assert self.grid is not None
        unit_id = self.grid.units[row][0]
        target = self.grid.targets[column]
        return unit_id, target.id, self.grid.cell(unit_id, target.id)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self.grid is None or role not in (Qt.ItemDataRole.DisplayRole,
                                             Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Vertical:
            return self.grid.units[section][1] if section < len(self.grid.units) else None
        if section >= len(self.grid.targets):
            return None
        t = self.grid.targets[section]
        planned = format_figure(t.planned_value, t.direction)
        unit = f" {t.measure_unit}" if t.measure_unit else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{t.indicator}\n{DIRECTION_SYMBOL[t.direction]} {planned}{unit}"
        name = "\n".join(textwrap.wrap(t.indicator, 24, max_lines=3, placeholder="…"))
        return f"{name}\n({DIRECTION_SYMBOL[t.direction]} {planned}{unit})"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self.grid is None or not index.isValid():
            return None
        _unit_id, _target_id, cell = self.cell_at(index.row(), index.column())
        target = self.grid.targets[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if cell is None:
                return "" if role == Qt.ItemDataRole.EditRole else "—"
            if self.planned_mode:
                return format_figure(cell.planned_value, target.direction)
            if cell.not_applicable:
                return "" if role == Qt.ItemDataRole.EditRole else translate(
                    "MovementFigures", "N/A")
            return format_figure(cell.actual_value, target.direction)
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell is None:
                return translate("MovementFigures", "This target is not assigned to the unit.")
            return cell.explanation
        if role == Qt.ItemDataRole.BackgroundRole and cell is not None and not self.planned_mode:
            if cell.not_applicable:
                return NA_BRUSH
            if cell.outcome is TargetOutcome.MET:
                return MET_BRUSH
            if cell.outcome is TargetOutcome.MISSED:
                return MISSED_BRUSH
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if self.grid is not None and index.isValid():
            _u, _t, cell = self.cell_at(index.row(), index.column())
            if cell is not None:
                return base | Qt.ItemFlag.ItemIsEditable
        return base

    def entry(self, row: int, column: int, text: str) -> FigureEntry:
        unit_id, target_id, _cell = self.cell_at(row, column)
        if self.planned_mode:
            return FigureEntry(unit_id, target_id, planned=text)
        if not text.strip():
            return FigureEntry(unit_id, target_id, clear_actual=True)
        return FigureEntry(unit_id, target_id, actual=text, not_applicable=False)

    def setData(self, index: Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.grid is None or not index.isValid():
            return False
        text = "" if value is None else str(value)
        if text == self.data(index, Qt.ItemDataRole.EditRole):
            return False
        entry = self.entry(index.row(), index.column(), text)
        # On the next turn of the event loop: the save resets the model, which must not
        # happen while the cell's editor is still handing its text over.
        QTimer.singleShot(0, self, lambda: self.edited.emit([entry]))
        return False  # shown once the save comes back
