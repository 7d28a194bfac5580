"""The scoring grid of a bloc, worked like a spreadsheet: criteria as rows, member units as
columns, the self-score or the bloc's reviewed score (a toggle). Typing a number starts editing,
Enter and Tab move on, Ctrl+V pastes a block copied from Excel, Delete clears. Each change is
saved through the service in the background; a refused cell keeps what was typed, turns red
and says why in its tooltip (the service's own reason), and nothing is saved for it.

Groups show the sum of their parts, target-based rows are computed (read-only), and a sheet's
status (draft → submitted → reviewed → published) decides which scores may change.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.api.blocs import (
    NEEDS_REASON,
    TRANSITIONS,
    ZERO,
    CriterionRow,
    ScoreCell,
    ScoreEntry,
    ScoreGrid,
    ScoreWriteResult,
    SheetEventRow,
    SheetRow,
    edit_refusal,
    fmt_points,
)
from desktop.api.installation import ACTOR_NOTE, SELF_DECLARED
from desktop.domain.enums import CriterionKind, ScoreBasis, SheetStatus
from desktop.domain.errors import DomainError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.i18n import translate
from desktop.views.messages import Messages
from desktop.views.writes import run_write

if TYPE_CHECKING:
    from desktop.api.blocs import BlocRow
    from desktop.views.pages.blocs import BlocsPage

Index = QModelIndex | QPersistentModelIndex
CRITERION_WIDTH, CRITERION_MINIMUM = 260, 180  # the criterion names (the officer can drag)
UNIT_WIDTH, UNIT_MINIMUM = 120, 92  # a unit's column
SHOWN_UNITS = 6  # unit columns that fit beside the names on a 1366 px screen
HEADER_PADDING = 7  # each side of a column title
DETAILS_KEY = "blocs/scoring_details"
Key = tuple[int, int, ScoreBasis]  # criterion id, unit id, which score
FIXED_COLUMNS = 1  # the maximum points; unit columns follow
INVALID_BACKGROUND = "#f9d6d5"
READ_ONLY_BACKGROUND = "#f1f3f5"
GROUP_BACKGROUND = "#e8eef7"
LOCKED_BACKGROUND = "#eceff1"


@dataclass(frozen=True)
class Edit:
    criterion_id: int
    unit_id: int
    text: str


def parse_tsv(text: str) -> list[list[str]]:
    """Rows and cells of a block copied from Excel (tab-separated, CRLF, a final newline)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


class ScoreGridModel(QAbstractTableModel):
    """Rows: the criteria, then the totals. Columns: the maximum, then one per member unit.

    Signals:
        edited(list): cells typed, pasted or cleared (``Edit`` items) to be saved.
    """

    edited = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.grid: ScoreGrid | None = None
        self.which = ScoreBasis.SELF
        self.pending: dict[Key, str] = {}
        self.problems: dict[Key, tuple[str, str]] = {}  # typed text, reason
        self._sums: dict[tuple[int, int], Decimal] = {}
        self._children: dict[int, list[CriterionRow]] = {}
        # Unit column titles wrapped to the column's width, by (unit id, sheet status).
        self.header_labels: dict[tuple[int, SheetStatus], str] = {}

    def set_header_labels(self, labels: dict[tuple[int, SheetStatus], str]) -> None:
        if labels != self.header_labels:
            self.header_labels = labels
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                        max(self.columnCount() - 1, 0))

    # -- content -------------------------------------------------------------------------------
    def set_grid(self, grid: ScoreGrid | None) -> None:
        """Same criteria and members: update in place (keeps the cursor and selection)."""
        same = (self.grid is not None and grid is not None
                and [c.id for c in self.grid.criteria] == [c.id for c in grid.criteria]
                and [s.unit_id for s in self.grid.sheets] == [s.unit_id for s in grid.sheets])
        if not same:
            self.beginResetModel()
        self.grid = grid
        self._children = {}
        for c in (grid.criteria if grid is not None else ()):
            if c.parent_id is not None:
                self._children.setdefault(c.parent_id, []).append(c)
        self._compute_sums()
        if same:
            self._changed_all()
        else:
            self.problems = {}
            self.pending = {}
            self.endResetModel()

    def set_which(self, which: ScoreBasis) -> None:
        self.which = which
        self._compute_sums()
        self._changed_all()

    def settle(self, keys: list[Key], problems: dict[Key, tuple[str, str]],
               grid: ScoreGrid) -> None:
        """A save came back: sent cells are no longer pending; refused ones keep their text."""
        for key in keys:
            self.pending.pop(key, None)
            self.problems.pop(key, None)
        self.problems.update(problems)
        self.set_grid(grid)

    def _changed_all(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(self.columnCount() - 1, 0))

    def score(self, c: CriterionRow, unit_id: int) -> Decimal | None:
        """The shown score of a leaf: the reviewed view falls back on the self-score."""
        cell = self.cell(c.id, unit_id)
        if self.which is ScoreBasis.SELF or cell.computed:
            return cell.self_score
        return cell.effective

    def cell(self, criterion_id: int, unit_id: int) -> ScoreCell:
        """A cell of the grid shown (only asked for while one is)."""
        assert self.grid is not None
        return self.grid.cell(criterion_id, unit_id)

    def _compute_sums(self) -> None:
        """Groups show the sum of their parts, at most the group's limit (its cap counts)."""
        self._sums = {}
        grid = self.grid
        if grid is None:
            return

        def value(c: CriterionRow, unit_id: int) -> Decimal:
            parts = self._children.get(c.id)
            if not parts:
                return self.score(c, unit_id) or ZERO
            total = min(sum((value(p, unit_id) for p in parts), ZERO), c.limit)
            self._sums[(c.id, unit_id)] = total
            return total

        for sheet in grid.sheets:
            for c in grid.criteria:
                if c.parent_id is None:
                    value(c, sheet.unit_id)

    # -- addressing ----------------------------------------------------------------------------
    def criterion(self, row: int) -> CriterionRow | None:
        if self.grid is None or not 0 <= row < len(self.grid.criteria):
            return None
        return self.grid.criteria[row]

    def sheet(self, column: int) -> SheetRow | None:
        if self.grid is None or not 0 <= column - FIXED_COLUMNS < len(self.grid.sheets):
            return None
        return self.grid.sheets[column - FIXED_COLUMNS]

    def index_for(self, criterion_id: int, unit_id: int) -> QModelIndex:
        assert self.grid is not None
        rows = [c.id for c in self.grid.criteria]
        columns = [s.unit_id for s in self.grid.sheets]
        return self.index(rows.index(criterion_id), columns.index(unit_id) + FIXED_COLUMNS)

    def is_total_row(self, row: int) -> bool:
        return self.grid is not None and row == len(self.grid.criteria)

    def refusal(self, row: int, column: int) -> str | None:
        """Why a cell cannot be typed into (None when it can)."""
        c, sheet = self.criterion(row), self.sheet(column)
        if c is None or sheet is None:
            return ""
        if c.is_group:
            return translate("BlocsPage", "A group: the sum of its sub-criteria.")
        if c.kind is CriterionKind.TARGET:
            explanation = self.cell(c.id, sheet.unit_id).explanation
            return translate("BlocsPage", "Computed from the unit's target.") + (
                f"\n{explanation}" if explanation else "")
        return edit_refusal(sheet.status, self.which)

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() or self.grid is None else len(self.grid.criteria) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() or self.grid is None else \
            len(self.grid.sheets) + FIXED_COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self.grid is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            sheet = self.sheet(section)
            if role == Qt.ItemDataRole.DisplayRole:
                if sheet is None:
                    return translate("BlocsPage", "Max")
                wrapped = self.header_labels.get((sheet.unit_id, sheet.status))
                return wrapped or f"{sheet.unit_name}\n{sheet.status.label}"
            if role == Qt.ItemDataRole.ToolTipRole and sheet is not None:
                return f"{sheet.unit_name} ({sheet.unit_code}) — {sheet.status.label}"
            if role == Qt.ItemDataRole.ForegroundRole and sheet is not None and \
                    sheet.status is SheetStatus.PUBLISHED:
                return QBrush(QColor("#6b7280"))
            return None
        c = self.criterion(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if c is None:
                return translate("BlocsPage", "Total")
            return f"{'    ' * c.depth}{c.code}  {c.name}"
        if role == Qt.ItemDataRole.ToolTipRole and c is not None:
            return f"{c.code} {c.name}\n{c.kind.label}"
        if role == Qt.ItemDataRole.FontRole and (c is None or c.is_group):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.grid is None:
            return None
        row, column = index.row(), index.column()
        c, sheet = self.criterion(row), self.sheet(column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if c is None:  # the totals row
            return self._total_data(sheet, role)
        if sheet is None:  # the maximum
            if role == Qt.ItemDataRole.DisplayRole:
                return fmt_points(c.limit)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(READ_ONLY_BACKGROUND))
            return None
        key = (c.id, sheet.unit_id, self.which)
        problem = self.problems.get(key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if problem is not None:
                return problem[0]
            if key in self.pending:
                return self.pending[key]
            if c.is_group:
                return fmt_points(self._sums.get((c.id, sheet.unit_id)))
            return fmt_points(self.score(c, sheet.unit_id))
        if role == Qt.ItemDataRole.BackgroundRole:
            if problem is not None:
                return QBrush(QColor(INVALID_BACKGROUND))
            if c.is_group:
                return QBrush(QColor(GROUP_BACKGROUND))
            if c.kind is CriterionKind.TARGET:
                return QBrush(QColor(READ_ONLY_BACKGROUND))
            if self.refusal(row, column):
                return QBrush(QColor(LOCKED_BACKGROUND))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if problem is not None:
                return problem[1]
            return self.refusal(row, column) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            cell = self.cell(c.id, sheet.unit_id)
            if self.which is ScoreBasis.REVIEWED and not cell.computed and not c.is_group \
                    and cell.reviewed_score is None and cell.self_score is not None:
                return QBrush(QColor("#8a8f98"))  # the unit's own score, not re-scored
            return None
        if role == Qt.ItemDataRole.FontRole and c.is_group:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _total_data(self, sheet: SheetRow | None, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if sheet is None:
                return fmt_points(self.grid.bloc.total_points) if self.grid is not None else ""
            total = sheet.self_total if self.which is ScoreBasis.SELF else sheet.reviewed_total
            return fmt_points(total)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(GROUP_BACKGROUND))
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("BlocsPage", "Scored criteria + bonus − penalty (caps applied), "
                             "as saved.")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.refusal(index.row(), index.column()) is None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.write([(index.row(), index.column(), str(value))]) > 0

    def write(self, cells: list[tuple[int, int, str]]) -> int:
        """Show typed or pasted cells at once and ask for them to be saved; group, computed and
        out-of-grid cells are skipped (read-only, as in a spreadsheet)."""
        edits: list[Edit] = []
        for row, column, text in cells:
            c, sheet = self.criterion(row), self.sheet(column)
            if c is None or sheet is None or c.is_group or c.kind is CriterionKind.TARGET:
                continue
            key = (c.id, sheet.unit_id, self.which)
            shown = self.problems[key][0] if key in self.problems else \
                self.pending.get(key, fmt_points(self.score(c, sheet.unit_id)))
            if text.strip() == shown.strip() and key not in self.problems:
                continue
            self.problems.pop(key, None)
            self.pending[key] = text.strip()
            edits.append(Edit(c.id, sheet.unit_id, text.strip()))
            changed = self.index(row, column)
            self.dataChanged.emit(changed, changed)
        if edits:
            self.edited.emit(edits)
        return len(edits)


class ScoreDelegate(QStyledItemDelegate):
    """Keeps what the officer is typing: a save of another cell refreshes the grid while an
    editor is open, and must not overwrite its text."""

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QLineEdit) and editor.isModified():
            return
        super().setEditorData(editor, index)


def wrap_words(text: str, metrics: QFontMetrics, width: int, max_lines: int) -> list[str]:
    """``text`` broken into at most ``max_lines`` lines of at most ``width`` pixels; what does
    not fit ends the last line with "…" (the full text is in the tooltip)."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        if len(lines) == max_lines - 1 and words:
            line = " ".join([line, *words])
            words = []
        lines.append(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width))
    return lines


class CriterionHeader(QHeaderView):
    """The criterion names down the left (a vertical header): as wide as the officer drags its
    right edge, like a spreadsheet's first column."""

    dragged = Signal(int)  # the new width

    GRIP = 4  # pixels either side of the edge that start a drag
    MINIMUM, MAXIMUM = 120, 720

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._dragging = False
        self.setMouseTracking(True)
        self.setSectionsClickable(True)  # as QTableView's own header: a click selects the row
        self.setHighlightSections(True)

    def set_width(self, width: int) -> None:
        self.setFixedWidth(max(self.MINIMUM, min(width, self.MAXIMUM)))

    def _on_edge(self, x: float) -> bool:
        return abs(x - self.width()) <= self.GRIP

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._on_edge(event.position().x()):
            self._dragging = True
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = event.position().x()
        if self._dragging:
            self.set_width(round(x))
            self.dragged.emit(self.width())
            return
        if self._on_edge(x):
            self.viewport().setCursor(Qt.CursorShape.SplitHCursor)
        else:
            self.viewport().unsetCursor()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self._dragging = False
            return
        super().mouseReleaseEvent(event)


class SheetView(QTableView):
    """A QTableView with the keys of a spreadsheet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(ScoreDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(False)

    def grid_model(self) -> ScoreGridModel:
        model = self.model()
        assert isinstance(model, ScoreGridModel)
        return model

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and \
                self.state() != QAbstractItemView.State.EditingState:
            self.clear_selected()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.state() != QAbstractItemView.State.EditingState:
            self.move_down()
        else:
            super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter
            self.move_down()

    def move_down(self) -> None:
        current = self.currentIndex()
        if current.isValid() and current.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(self.model().index(current.row() + 1, current.column()))

    def _selected_block(self) -> tuple[int, int, list[QModelIndex]]:
        """The top-left corner and cells of the selected range that holds the cursor."""
        current = self.currentIndex()
        selection = self.selectionModel().selection()
        for part in (selection.at(i) for i in range(selection.count())):
            if current.isValid() and part.contains(current):
                return part.top(), part.left(), list(part.indexes())
        if not current.isValid():
            return -1, -1, []
        return current.row(), current.column(), [current]

    @Slot()
    def paste(self) -> None:
        """Excel's block lands with its top-left corner on the selection's; one value copied
        fills every selected cell."""
        block = parse_tsv(QGuiApplication.clipboard().text())
        top, left, chosen = self._selected_block()
        if not block or top < 0:
            return
        if len(block) == 1 and len(block[0]) == 1 and len(chosen) > 1:
            cells = [(i.row(), i.column(), block[0][0]) for i in chosen]
        else:
            cells = [(top + r, left + k, text) for r, line in enumerate(block)
                     for k, text in enumerate(line)]
        self.grid_model().write(cells)
        bottom = top + len(block) - 1
        right = left + max(len(line) for line in block) - 1
        if len(chosen) <= 1:
            model = self.model()
            bottom, right = min(bottom, model.rowCount() - 1), min(right, model.columnCount() - 1)
            selection = self.selectionModel()
            selection.select(model.index(top, left),
                             QItemSelectionModel.SelectionFlag.ClearAndSelect)
            for r in range(top, bottom + 1):
                for k in range(left, right + 1):
                    selection.select(model.index(r, k), QItemSelectionModel.SelectionFlag.Select)

    @Slot()
    def copy(self) -> None:
        top, left, chosen = self._selected_block()
        if top < 0:
            return
        bottom = max(i.row() for i in chosen)
        right = max(i.column() for i in chosen)
        model = self.model()
        lines = ["\t".join(str(model.data(model.index(r, k)) or "")
                           for k in range(left, right + 1)) for r in range(top, bottom + 1)]
        QGuiApplication.clipboard().setText("\r\n".join(lines) + "\r\n")

    @Slot()
    def clear_selected(self) -> None:
        model = self.grid_model()
        chosen = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        model.write([(i.row(), i.column(), "") for i in chosen
                     if model.flags(i) & Qt.ItemFlag.ItemIsEditable])


class EvidenceNoteDialog:
    @classmethod
    def ask(cls, parent: QWidget, title: str, text: str) -> str | None:
        answer, ok = QInputDialog.getMultiLineText(
            parent, translate("BlocsPage", "Evidence note"), title, text)
        return answer if ok else None


class SheetReasonDialog:
    @classmethod
    def ask(cls, parent: QWidget, status_label: str) -> str | None:
        text, ok = QInputDialog.getText(
            parent, translate("BlocsPage", "Reason"),
            translate("BlocsPage", "Reason for moving back to “%1”:").replace("%1", status_label))
        return text if ok else None


# Forward moves, as buttons; "back" moves each selected sheet one step back with a reason.
FORWARD = ((SheetStatus.SUBMITTED, QT_TRANSLATE_NOOP("BlocsPage", "Send to the bloc")),
           (SheetStatus.REVIEWED, QT_TRANSLATE_NOOP("BlocsPage", "Mark reviewed")),
           (SheetStatus.PUBLISHED, QT_TRANSLATE_NOOP("BlocsPage", "Publish (lock)")))
BACK = {SheetStatus.SUBMITTED: SheetStatus.DRAFT, SheetStatus.REVIEWED: SheetStatus.SUBMITTED,
        SheetStatus.PUBLISHED: SheetStatus.REVIEWED}


class ScoringTab(QWidget):
    def __init__(self, page: BlocsPage) -> None:
        super().__init__(page)
        self.page = page
        self.loading = False
        self.saving = 0  # saves on their way (the writer runs them in order)
        self._generation = 0  # only the latest read (or save) is shown
        self.model = ScoreGridModel(self)
        self.view = SheetView(self)
        vertical = CriterionHeader(self.view)
        self.names_header = vertical
        self.view.setVerticalHeader(vertical)
        self.view.setModel(self.model)
        vertical.set_width(CRITERION_WIDTH)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.horizontalHeader()
        header.setDefaultSectionSize(UNIT_WIDTH)
        header.setTextElideMode(Qt.TextElideMode.ElideNone)  # titles are wrapped to fit instead
        header.sectionResized.connect(self._on_section_resized)
        self._fitting = False
        self._names_width: int | None = None  # dragged by the officer
        vertical.dragged.connect(self._on_names_dragged)
        self.self_button = QPushButton(translate("BlocsPage", "Self-score"), self)
        self.reviewed_button = QPushButton(translate("BlocsPage", "Bloc's score"), self)
        self.basis_group = QButtonGroup(self)
        for button in (self.self_button, self.reviewed_button):
            button.setCheckable(True)
            self.basis_group.addButton(button)
        self.self_button.setChecked(True)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.forward_buttons: dict[SheetStatus, QPushButton] = {}
        for status, text in FORWARD:
            self.forward_buttons[status] = QPushButton(translate("BlocsPage", str(text)), self)
        self.back_button = QPushButton(translate("BlocsPage", "Return / unlock…"), self)
        self.evidence_button = QPushButton(translate("BlocsPage", "Evidence note…"), self)
        self.import_button = QPushButton(translate("BlocsPage", "Import scores…"), self)
        self.entry_file_button = QPushButton(translate("BlocsPage", "Scores entry file…"), self)
        self.export_button = QPushButton(translate("BlocsPage", "Export score sheet…"), self)
        self.details = QTextBrowser(self)
        self.details.setMinimumWidth(160)
        self.details_button = QPushButton(translate("BlocsPage", "Sheet details"), self)
        self.details_button.setCheckable(True)
        self.details_button.setChecked(True)
        self.details_button.setToolTip(translate(
            "BlocsPage", "Show or hide the selected unit's sheet status, history and evidence "
            "beside the grid"))

        top = QHBoxLayout()
        top.addWidget(QLabel(translate("BlocsPage", "Showing:"), self))
        top.addWidget(self.self_button)
        top.addWidget(self.reviewed_button)
        top.addSpacing(16)
        top.addWidget(self.evidence_button)
        top.addStretch(1)
        for button in (self.import_button, self.entry_file_button, self.export_button):
            top.addWidget(button)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(QLabel(translate("BlocsPage", "Selected units' sheets:"), self))
        for button in (*self.forward_buttons.values(), self.back_button):
            sheet_row.addWidget(button)
        sheet_row.addStretch(1)
        sheet_row.addWidget(self.details_button)
        splitter = QSplitter(self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setSizes([880, 220])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(sheet_row)

        self.model.edited.connect(self.save)
        self.self_button.toggled.connect(self._on_basis_toggled)
        for status, button in self.forward_buttons.items():
            button.clicked.connect(lambda _=False, s=status: self.move_sheets(s))
        self.back_button.clicked.connect(self.move_back)
        self.evidence_button.clicked.connect(self.edit_evidence)
        self.import_button.clicked.connect(self.import_scores)
        self.entry_file_button.clicked.connect(self.export_entry_file)
        self.export_button.clicked.connect(self.export_sheet)
        self.details_button.toggled.connect(self._on_details_toggled)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._on_current_changed())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    @property
    def busy(self) -> bool:
        return self.loading or self.saving > 0

    # -- data ------------------------------------------------------------------------------------
    def set_bloc(self, bloc: BlocRow | None) -> None:
        self.model.set_grid(None)
        self.reload()

    def reload(self) -> None:
        bloc = self.page.bloc
        if bloc is None:
            self.model.set_grid(None)
            self._update_buttons()
            return
        services, bloc_id = self.page.services, bloc.id
        self.loading = True
        self._generation += 1
        generation = self._generation
        self.page.ctx.runner.task(lambda _p, _c: services.blocs.scores.grid(bloc_id), self) \
            .success(lambda grid: self._loaded(generation, grid)).run()

    def _loaded(self, generation: int, grid: ScoreGrid) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.model.set_grid(grid)
        self._fit_columns()
        self._update_buttons()
        self._on_current_changed()

    def _fit_columns(self) -> None:
        """Six unit columns (or all, when fewer) beside the criterion names on a 1366 px
        screen: the names narrow first, then the units, down to a readable width; titles are
        wrapped to fit. The details beside the grid hide when they would squeeze it."""
        grid = self.model.grid
        if grid is None:
            return
        metrics = self._header_metrics()
        view = self.view
        max_width = max(48, metrics.horizontalAdvance(translate("BlocsPage", "Max"))
                        + 2 * HEADER_PADDING)
        fixed = max_width + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()
        shown_units = min(self.model.columnCount() - FIXED_COLUMNS, SHOWN_UNITS)
        room = self.splitter.width()
        details = self._decide_details(
            room - fixed - CRITERION_WIDTH - shown_units * UNIT_WIDTH)
        if details:
            room -= max(self.splitter.sizes()[1], self.details.minimumWidth()) + \
                self.splitter.handleWidth()
        names, unit = self._widths(room - fixed, shown_units)
        self._fitting = True
        self.names_header.set_width(names)
        view.setColumnWidth(0, max_width)
        for column, sheet in enumerate(grid.sheets, start=FIXED_COLUMNS):
            wanted = max(metrics.horizontalAdvance(sheet.unit_name),
                         metrics.horizontalAdvance(sheet.status.label)) + 2 * HEADER_PADDING
            view.setColumnWidth(column, max(UNIT_MINIMUM, min(wanted, unit)))
        self._fitting = False
        self._wrap_headers()

    def _widths(self, space: int, units: int) -> tuple[int, int]:
        """(criterion names, unit column) widths for ``units`` columns in ``space`` pixels;
        a width the officer dragged the names to is kept."""
        names = self._names_width or CRITERION_WIDTH
        if units == 0 or space <= 0:
            return names, UNIT_WIDTH
        if self._names_width is None:
            names = max(CRITERION_MINIMUM, min(CRITERION_WIDTH, space - units * UNIT_WIDTH))
        unit = max(UNIT_MINIMUM, min(UNIT_WIDTH, (space - names) // units))
        return names, unit

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    @Slot(int)
    def _on_names_dragged(self, width: int) -> None:
        self._names_width = width

    def _header_metrics(self) -> QFontMetrics:
        bold = QFont(self.view.horizontalHeader().font())
        bold.setBold(True)  # the current column's header is bold
        return QFontMetrics(bold)

    def _wrap_headers(self) -> None:
        """Each unit's name on up to three lines and its sheet status below, within its column."""
        grid = self.model.grid
        if grid is None:
            return
        metrics = self._header_metrics()
        labels: dict[tuple[int, SheetStatus], str] = {}
        most = 1
        for column, sheet in enumerate(grid.sheets, start=FIXED_COLUMNS):
            width = self.view.columnWidth(column) - 2 * HEADER_PADDING
            lines = wrap_words(sheet.unit_name, metrics, width, 3) + \
                wrap_words(sheet.status.label, metrics, width, 2)
            labels[(sheet.unit_id, sheet.status)] = "\n".join(lines)
            most = max(most, len(lines))
        self.model.set_header_labels(labels)
        self.view.horizontalHeader().setMinimumHeight(most * metrics.lineSpacing() + 10)

    @Slot(int, int, int)
    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column >= FIXED_COLUMNS and not self._fitting:
            self._wrap_headers()

    def grid_width(self) -> int:
        """The grid's width with every column in view (no horizontal scrolling)."""
        view = self.view
        columns = sum(view.columnWidth(c) for c in range(self.model.columnCount()))
        return (columns + view.verticalHeader().width() + 2 * view.frameWidth()
                + view.verticalScrollBar().sizeHint().width())

    def _decide_details(self, spare: int) -> bool:
        """Until the officer decides, the details show only where the grid keeps its room
        (``spare``: pixels left beside the grid at its natural widths)."""
        stored = self.page.ctx.settings.value(DETAILS_KEY)
        shown = stored == "true" if stored else \
            spare >= self.details.minimumWidth() + self.splitter.handleWidth()
        if shown != self.details_button.isChecked():
            self.details_button.blockSignals(True)
            self.details_button.setChecked(shown)
            self.details_button.blockSignals(False)
        self.details.setVisible(shown)
        return shown

    @Slot(bool)
    def _on_details_toggled(self, shown: bool) -> None:
        self.page.ctx.settings.set_flag(DETAILS_KEY, shown)
        self._fit_columns()

    @Slot(bool)
    def _on_basis_toggled(self, self_checked: bool) -> None:
        self.model.set_which(ScoreBasis.SELF if self_checked else ScoreBasis.REVIEWED)
        self._update_buttons()
        self._on_current_changed()

    # -- saving ------------------------------------------------------------------------------------
    @Slot(list)
    def save(self, edits: list[Edit]) -> None:
        bloc = self.page.bloc
        if bloc is None or not edits:
            return
        which = self.model.which
        entries = [ScoreEntry(e.unit_id, e.criterion_id, which, e.text or None) for e in edits]
        keys = [(e.criterion_id, e.unit_id, which) for e in edits]
        typed = {(e.criterion_id, e.unit_id, which): e.text for e in edits}
        scores, bloc_id = self.page.services.blocs.scores, bloc.id

        def work(_progress: ProgressFn, _cancel: CancelToken) -> tuple[ScoreWriteResult, ScoreGrid]:
            return scores.set_scores(bloc_id, entries, partial=True), scores.grid(bloc_id)

        def saved(outcome: tuple[ScoreWriteResult, ScoreGrid]) -> None:
            result, grid = outcome
            self.saving -= 1
            problems: dict[Key, tuple[str, str]] = {}
            for p in result.problems:
                if p.criterion_id is None or p.unit_id is None:
                    continue  # never: a refused cell names its cell
                key = (p.criterion_id, p.unit_id, ScoreBasis(p.field.rsplit(":", 1)[-1]))
                problems[key] = (typed.get(key, ""), p.message)
            if self.page.bloc is None or self.page.bloc.id != bloc_id:
                return
            self._generation += 1  # a read started before this save is out of date
            self.loading = False
            self.model.settle(keys, problems, grid)
            self._report(result.saved, len(problems))
            self._update_buttons()

        def failed(exc: DomainError) -> None:
            self.saving -= 1
            Messages.error(self, str(exc))
            self.reload()

        self.saving += 1
        self.page.ctx.runner.task(work, self).success(saved).failure(failed).run(writes=True)

    def _report(self, saved: int, refused: int) -> None:
        text = translate("BlocsPage", "%1 cells saved.").replace("%1", str(saved))
        if refused:
            text += " " + translate("BlocsPage", "%1 cells not saved: they are marked in red "
                                    "(point at one to see why).").replace("%1", str(refused))
        self.status_label.setText(text)

    # -- sheets ----------------------------------------------------------------------------------
    def selected_sheets(self) -> list[SheetRow]:
        columns = {i.column() for i in self.view.selectionModel().selectedIndexes()}
        if not columns and self.view.currentIndex().isValid():
            columns = {self.view.currentIndex().column()}
        sheets = [self.model.sheet(c) for c in sorted(columns)]
        return [s for s in sheets if s is not None]

    def _update_buttons(self) -> None:
        sheets = self.selected_sheets()
        has_grid = self.model.grid is not None
        for status, button in self.forward_buttons.items():
            button.setEnabled(bool(sheets) and all(status in TRANSITIONS[s.status]
                                                   for s in sheets))
        self.back_button.setEnabled(bool(sheets) and all(s.status in BACK for s in sheets))
        index = self.view.currentIndex()
        c = self.model.criterion(index.row()) if index.isValid() else None
        self.evidence_button.setEnabled(c is not None and not c.is_group
                                        and self.model.sheet(index.column()) is not None)
        for button in (self.import_button, self.entry_file_button, self.export_button):
            button.setEnabled(has_grid)

    def move_sheets(self, target: SheetStatus, note: str = "") -> None:
        sheets, bloc = self.selected_sheets(), self.page.bloc
        if not sheets or bloc is None:
            return
        scores, bloc_id, unit_ids = self.page.services.blocs.scores, bloc.id, [s.unit_id for s in sheets]
        run_write(self.page.ctx.runner, self,
                  lambda: scores.transition(bloc_id, unit_ids, target, note),
                  saved=lambda _result: self._after_move(), refused=self._move_refused,
                  controls=(*self.forward_buttons.values(), self.back_button))

    def _move_refused(self, exc: DomainError) -> None:
        Messages.error(self, translate("BlocsPage", "No sheet was moved:") + "\n" + str(exc))
        self._after_move()

    def _after_move(self) -> None:
        self.page.data_changed()
        self.reload()

    @Slot()
    def move_back(self) -> None:
        sheets = self.selected_sheets()
        targets = {BACK[s.status] for s in sheets if s.status in BACK}
        if len(targets) != 1:
            Messages.error(self, translate("BlocsPage", "Select sheets that are at the same "
                                           "status to move them back together."))
            return
        target = targets.pop()
        note = ""
        if any((s.status, target) in NEEDS_REASON for s in sheets):
            answer = SheetReasonDialog.ask(self, target.label)
            if answer is None:
                return
            note = answer
        self.move_sheets(target, note)

    # -- details ---------------------------------------------------------------------------------
    def _on_current_changed(self) -> None:
        self._update_buttons()
        index = self.view.currentIndex()
        sheet = self.model.sheet(index.column()) if index.isValid() else None
        bloc = self.page.bloc
        if sheet is None or bloc is None:
            self.details.setHtml(translate("BlocsPage", "Select a unit's cell to see its sheet's "
                                           "status, history and evidence."))
            return
        c = self.model.criterion(index.row())
        cell = self.model.cell(c.id, sheet.unit_id) if c is not None else None
        scores, bloc_id = self.page.services.blocs.scores, bloc.id
        self.page.ctx.runner.task(lambda _p, _c: scores.history(bloc_id, sheet.unit_id), self) \
            .success(lambda events: self._show_details(sheet, c, cell, events)).run()

    def _show_details(self, sheet: SheetRow, c: CriterionRow | None, cell: ScoreCell | None,
                      events: list[SheetEventRow]) -> None:
        status = translate("BlocsPage", "Status")
        self_total = translate("BlocsPage", "Self-score total")
        bloc_total = translate("BlocsPage", "Bloc score total")
        evidence = translate("BlocsPage", "Evidence")
        history = translate("BlocsPage", "History")
        parts = [f"<h3>{sheet.unit_name}</h3><p>{status}: <b>{sheet.status.label}</b><br/>"
                 f"{self_total}: {fmt_points(sheet.self_total)}<br/>"
                 f"{bloc_total}: {fmt_points(sheet.reviewed_total)}</p>"]
        if c is not None and cell is not None:
            parts.append(f"<h4>{c.code} {c.name}</h4><p>")
            if cell.explanation:
                parts.append(f"{cell.explanation}<br/>")
            note = cell.evidence_note or translate("BlocsPage", "(no evidence note)")
            parts.append(f"{evidence}: {note}")
            if cell.attachment_count:
                parts.append(f" · 📎 {cell.attachment_count}")
            parts.append("</p>")
        parts.append(f"<h4>{history}</h4><ul>")
        for e in events:
            parts.append(f"<li>{e.at:%d/%m/%Y %H:%M} — {e.to_status.label}"
                         f"{' — ' + e.note if e.note else ''} ({e.actor}, "
                         f"{SELF_DECLARED})</li>")
        if not events:
            parts.append("<li>" + translate("BlocsPage", "No moves yet.") + "</li>")
        parts.append(f"</ul><p style='color: gray'><i>{ACTOR_NOTE}</i></p>")
        self.details.setHtml("".join(parts))

    @Slot()
    def edit_evidence(self) -> None:
        index = self.view.currentIndex()
        c = self.model.criterion(index.row()) if index.isValid() else None
        sheet = self.model.sheet(index.column()) if index.isValid() else None
        bloc = self.page.bloc
        if c is None or sheet is None or bloc is None:
            return
        current = self.model.cell(c.id, sheet.unit_id).evidence_note
        answer = EvidenceNoteDialog.ask(self, f"{c.code} — {sheet.unit_name}", current)
        if answer is None:
            return
        scores, bloc_id, unit_id, criterion_id = (self.page.services.blocs.scores, bloc.id,
                                                  sheet.unit_id, c.id)
        run_write(self.page.ctx.runner, self,
                  lambda: scores.set_evidence(bloc_id, unit_id, criterion_id, answer),
                  saved=lambda _result: self.reload(), controls=(self.evidence_button,))

    # -- Excel -----------------------------------------------------------------------------------
    @Slot()
    def import_scores(self) -> None:
        if self.page.bloc is None:
            return
        bloc_id = self.page.bloc.id
        excel = self.page.services.blocs.excel
        self.page.import_file(
            translate("BlocsPage", "Import scores"),
            lambda path: excel.import_scores(bloc_id, path),
            translate("BlocsPage", "Importing scores…"),
            lambda result: translate("BlocsPage", "Scores imported: %1 rows read, %2 changed, "
                                     "%3 computed rows skipped.").replace("%1", str(result.rows))
            .replace("%2", str(result.changed)).replace("%3", str(result.skipped)),
            self.reload)

    @Slot()
    def export_entry_file(self) -> None:
        bloc = self.page.bloc
        if bloc is None:
            return
        excel, bloc_id = self.page.services.blocs.excel, bloc.id
        self.page.export_file(translate("BlocsPage", "Save scores entry file"),
                              translate("BlocsPage", "scores-%1.xlsx").replace(
                                  "%1", str(bloc.year)),
                              lambda path: excel.write_scores(path, bloc_id))

    @Slot()
    def export_sheet(self) -> None:
        bloc = self.page.bloc
        if bloc is None:
            return
        which = self.model.which
        excel, bloc_id = self.page.services.blocs.excel, bloc.id
        self.page.export_file(translate("BlocsPage", "Export score sheet"),
                              translate("BlocsPage", "score-sheet-%1.xlsx").replace(
                                  "%1", str(bloc.year)),
                              lambda path: excel.export_score_sheet(path, bloc_id, which))
