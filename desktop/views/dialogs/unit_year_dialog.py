"""Xếp loại & đăng ký theo đơn vị: one unit's year as a spreadsheet. A row per person of the
unit and one for the unit itself; rating and registered title are typed (or chosen from a list)
like in Excel, a block copied from Excel is pasted with Ctrl+V, refused cells turn red with the
reason as tooltip and are listed below; "Lưu" writes every change or none, "Hoàn tác" undoes
the last saved batch."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.unit_year import (
    COLUMNS,
    BatchResult,
    GridColumn,
    GridRefusedError,
    split_block,
)
from desktop.api.units import UnitRow
from desktop.domain.enums import RatingLevel
from desktop.domain.errors import DomainError
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.backend import Backend
from desktop.views.itemmodels.unit_year_model import UnitYearModel
from desktop.views.messages import Messages
from desktop.views.widgets.unit_picker import UnitPicker
from desktop.views.writes import own_runner, run_write

Index = QModelIndex | QPersistentModelIndex
_ENDED = "tdkt_edit_ended"  # set on a cell editor once its edit was committed and closed
WIDTHS = {GridColumn.NAME: 210, GridColumn.POSITION: 150, GridColumn.RATING: 230,
          GridColumn.REGISTRATION: 150}


class ChoiceDelegate(QStyledItemDelegate):
    """An editable combo box: pick from the list, or type (codes, labels, no tones)."""

    def __init__(self, model: UnitYearModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItem("", "")
        column = COLUMNS[index.column()]
        grid, row = self._model.grid, self._model.row_at(index.row())
        if column is GridColumn.RATING:
            for level in RatingLevel:
                combo.addItem(level.label, level.value)
        elif grid is not None and row is not None:
            for title in grid.titles_for(row):
                combo.addItem(title.short_name or title.code, title.code)
                combo.setItemData(combo.count() - 1, title.name, Qt.ItemDataRole.ToolTipRole)
        # Enter in the typed text, or a pick from the list, ends the edit as in a sheet (an
        # editable combo's line edit keeps Enter from the delegate's own filter).
        line = combo.lineEdit()
        if line is not None:
            line.returnPressed.connect(lambda: self._commit(combo))
        combo.activated.connect(lambda _i: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        if combo.property(_ENDED):
            return
        combo.setProperty(_ENDED, True)
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        # Enter reaches the combo too once its line edit has ended the edit (and the closed
        # editor then loses focus): the edit is over, so it is not committed a second time.
        if isinstance(editor, QComboBox) and editor.property(_ENDED):
            return event.type() == QEvent.Type.KeyPress
        return super().eventFilter(editor, event)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            # As in a sheet, typing over a filled cell replaces it (the view selects the text
            # of a plain line edit, not of a combo's, so the first key was appended to it).
            line = editor.lineEdit()
            if line is not None:
                line.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class GridView(QTableView):
    """A table that pastes (Ctrl+V), copies (Ctrl+C) and clears (Delete) blocks of cells."""

    def __init__(self, model: UnitYearModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid_model = model
        self.setModel(model)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_clipboard()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) \
                and self.state() != QAbstractItemView.State.EditingState:
            self.grid_model.clear_cells(self.selectedIndexes())
        else:
            super().keyPressEvent(event)

    def _top_left(self) -> tuple[int, int]:
        selected = self.selectedIndexes()
        if selected:
            return min(i.row() for i in selected), min(i.column() for i in selected)
        current = self.currentIndex()
        return (current.row(), current.column()) if current.isValid() else (0, 0)

    def paste_clipboard(self) -> None:
        text = QGuiApplication.clipboard().text()
        if text:
            top, left = self._top_left()
            self.grid_model.paste(top, left, text)
            block = split_block(text)  # the pasted block stays selected, as in Excel
            bottom = min(top + len(block), self.grid_model.rowCount()) - 1
            right = min(left + max(len(r) for r in block), self.grid_model.columnCount()) - 1
            self.selectionModel().select(
                QItemSelection(self.grid_model.index(top, left),
                               self.grid_model.index(bottom, right)),
                QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def copy_selection(self) -> None:
        selected = self.selectedIndexes()
        if not selected:
            return
        rows = sorted({i.row() for i in selected})
        columns = sorted({i.column() for i in selected})
        lines = ["\t".join(str(self.grid_model.index(r, c).data() or "") for c in columns)
                 for r in rows]
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")


class UnitYearDialog(QDialog):
    def __init__(self, parent: QWidget | None, backend: Backend, *, unit: UnitRow | None = None,
                 year: int | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._runner = runner or own_runner(self)
        self._last: BatchResult | None = None
        self.setWindowTitle(translate("UnitYearDialog", "Ratings and registrations by unit"))
        services = backend.services
        self.unit_picker = UnitPicker(lambda text, limit: services.units.search(text, limit),
                                      self)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(year or date.today().year)
        self.model = UnitYearModel(self)
        self.table = GridView(self.model, self)
        self.table.setItemDelegate(ChoiceDelegate(self.model, self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(False)
        header = self.table.horizontalHeader()
        for column, width in WIDTHS.items():
            self.table.setColumnWidth(COLUMNS.index(column), width)
        for column in (GridColumn.RESULT_BASIC, GridColumn.RESULT_HIGH):
            header.setSectionResizeMode(COLUMNS.index(column), QHeaderView.ResizeMode.Stretch)
        self.hint = QLabel(translate(
            "UnitYearDialog", "Type in a cell or choose from its list; Ctrl+V pastes a block "
            "copied from Excel; Delete clears the selected cells. Results are entered in each "
            "person's record."), self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #404040;")
        self.status = QLabel(self)
        self.refused_title = QLabel(translate("UnitYearDialog", "Refused cells:"), self)
        self.refused_list = QListWidget(self)
        self.refused_list.setMaximumHeight(110)
        self.save_button = QPushButton(translate("UnitYearDialog", "Save"), self)
        self.undo_button = QPushButton(translate("UnitYearDialog", "Undo last save"), self)
        self.discard_button = QPushButton(translate("UnitYearDialog", "Discard changes"), self)
        self.close_button = QPushButton(translate("UnitYearDialog", "Close"), self)
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.undo_button.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(QLabel(translate("UnitYearDialog", "Unit:"), self))
        top.addWidget(self.unit_picker, 1)
        top.addWidget(QLabel(translate("UnitYearDialog", "Year:"), self))
        top.addWidget(self.year)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.discard_button, self.undo_button, self.save_button,
                       self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.refused_title)
        layout.addWidget(self.refused_list)
        layout.addLayout(buttons)
        self.resize(1100, 620)

        self.unit_picker.unit_changed.connect(self._on_unit_changed)
        self.year.valueChanged.connect(self._on_year_changed)
        self.model.dataChanged.connect(self._show_state)
        self.model.modelReset.connect(self._show_state)
        self.save_button.clicked.connect(self.save)
        self.undo_button.clicked.connect(self.undo)
        self.discard_button.clicked.connect(self.reload)
        self.close_button.clicked.connect(self.reject)
        self._unit_id: int | None = None
        if unit is not None:
            self.unit_picker.set_unit(unit)
        self._show_state()

    @classmethod
    def open_for(cls, parent: QWidget | None, backend: Backend, *, unit: UnitRow | None = None,
                 runner: TaskRunner | None = None) -> UnitYearDialog:
        dialog = cls(parent, backend, unit=unit, runner=runner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exec()
        return dialog

    # -- loading ------------------------------------------------------------------------------
    @Slot(object)
    def _on_unit_changed(self, unit_id: object) -> None:
        if unit_id is None or unit_id == self._unit_id:
            return
        if not self._may_discard():
            return
        self._unit_id = unit_id if isinstance(unit_id, int) else None
        self._last = None
        self.reload()

    @Slot(int)
    def _on_year_changed(self, _year: int) -> None:
        if self._may_discard():
            self._last = None
            self.reload()

    def _may_discard(self) -> bool:
        if not self.model.dirty:
            return True
        return Messages.confirm(self, translate(
            "UnitYearDialog", "Discard the changes that are not saved yet?"),
            yes_text=translate("UnitYearDialog", "Discard"))

    @Slot()
    def reload(self) -> None:
        if self._unit_id is None:
            self.model.set_grid(None)
            return
        try:
            grid = self._backend.services.unit_year.grid(self._unit_id, self.year.value())
        except DomainError as exc:
            Messages.error(self, str(exc))
            self.model.set_grid(None)
            return
        self.model.set_grid(grid)

    # -- state --------------------------------------------------------------------------------
    @Slot()
    def _show_state(self, *_args: object) -> None:
        refusals = self.model.refusals()
        self.refused_list.clear()
        for refusal in refusals:
            self.refused_list.addItem(str(refusal))
        self.refused_title.setVisible(bool(refusals))
        self.refused_list.setVisible(bool(refusals))
        pending = len(self.model.changes())
        grid = self.model.grid
        if grid is None:
            self.status.setText(translate("UnitYearDialog", "Choose a unit."))
        elif refusals:
            self.status.setText(translate(
                "UnitYearDialog", "{count} cells refused; fix them before saving.").format(
                count=len(refusals)))
        elif pending:
            self.status.setText(translate(
                "UnitYearDialog", "{count} cells changed, not saved yet.").format(count=pending))
        else:
            self.status.setText(translate(
                "UnitYearDialog", "{people} people and the unit itself; everything is saved.")
                .format(people=len(grid.rows) - 1))
        self.save_button.setEnabled(pending > 0 and not refusals)
        self.discard_button.setEnabled(self.model.dirty)
        self.undo_button.setEnabled(self._last is not None and not self.model.dirty)

    # -- writing ------------------------------------------------------------------------------
    @Slot()
    def save(self) -> None:
        grid = self.model.grid
        changes = self.model.changes()
        if grid is None or not changes:
            return
        if self.model.refusals():
            self._show_state()
            return
        unit_year = self._backend.services.unit_year
        run_write(self._runner, self, lambda: unit_year.apply(grid.unit_id, grid.year, changes),
                  saved=self._saved, refused=self._refused,
                  controls=(self.save_button, self.undo_button, self.table))

    @Slot()
    def undo(self) -> None:
        batch = self._last
        if batch is None:
            return
        unit_year = self._backend.services.unit_year
        run_write(self._runner, self, lambda: unit_year.undo(batch),
                  saved=self._undone, refused=lambda error: Messages.error(self, str(error)),
                  controls=(self.save_button, self.undo_button, self.table))

    def _saved(self, result: BatchResult) -> None:
        self._last = result if result.applied else self._last
        self.model.set_grid(result.grid)
        self.status.setText(translate("UnitYearDialog", "Saved {count} cells.").format(
            count=len(result.applied)))

    def _undone(self, result: BatchResult) -> None:
        self._last = None
        self.model.set_grid(result.grid)
        self.status.setText(translate("UnitYearDialog", "Undid the last save ({count} cells).")
                            .format(count=len(result.applied)))

    def _refused(self, error: DomainError) -> None:
        if isinstance(error, GridRefusedError):
            self.model.show_refusals(list(error.refusals))
        else:
            Messages.error(self, str(error))
