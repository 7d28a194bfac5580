"""The bloc's criteria table (bảng tiêu chí chấm điểm) as an editable tree: groups → criteria →
sub-criteria, with the service's whole-table check (parts adding up to their group, groups to
the bloc's total, caps) listed beside it, and the table's Excel template, import and export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.blocs import CriteriaTable, CriterionRow, fmt_points, format_tiers
from desktop.domain.enums import CriterionKind
from desktop.i18n import translate
from desktop.views.dialogs.criterion_dialog import CriterionDialog
from desktop.views.itemmodels.roles import OBJECT_ROLE
from desktop.views.messages import Messages
from desktop.views.writes import run_write

if TYPE_CHECKING:
    from desktop.api.blocs import BlocRow
    from desktop.views.pages.blocs import BlocsPage

Index = QModelIndex | QPersistentModelIndex
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
PROBLEM_COLOUR = "#b00020"


def formula_summary(row: CriterionRow) -> str:
    """One line for a target-based criterion: indicator, formula, direction and tiers."""
    if row.kind is not CriterionKind.TARGET:
        return ""
    parts = [row.formula.label if row.formula else "", row.direction.label]
    if row.tiers:
        parts.append(format_tiers(row.tiers))
    text = ", ".join(p for p in parts if p)
    return f"{row.indicator}: {text}" if row.indicator else text


class CriteriaTreeModel(QAbstractItemModel):
    """The table's nodes by parent; an index's internal id is the criterion id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[int, CriterionRow] = {}
        self.child_rows: dict[int | None, list[CriterionRow]] = {None: []}
        self.problems: dict[str, list[str]] = {}
        self.headers = [translate("BlocsPage", "Code"), translate("BlocsPage", "Criterion"),
                        translate("BlocsPage", "Kind"), translate("BlocsPage", "Max points"),
                        translate("BlocsPage", "Cap"), translate("BlocsPage", "Formula"),
                        translate("BlocsPage", "Evidence")]

    def set_table(self, table: CriteriaTable | None) -> None:
        self.beginResetModel()
        self.rows = {r.id: r for r in table.rows} if table is not None else {}
        self.child_rows = {None: []}
        for r in (table.rows if table is not None else ()):  # depth first, in order
            self.child_rows.setdefault(r.parent_id, []).append(r)
        self.problems = {}
        for problem in (table.problems if table is not None else ()):
            self.problems.setdefault(problem.code, []).append(problem.message)
        self.endResetModel()

    def index_of(self, criterion_id: int, column: int = 0) -> QModelIndex:
        row = self.rows.get(criterion_id)
        if row is None:
            return QModelIndex()
        siblings = self.child_rows.get(row.parent_id, [])
        return self.createIndex(siblings.index(row), column, criterion_id)

    # -- Qt model ------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        key = parent.internalId() if parent.isValid() else None
        siblings = self.child_rows.get(key, [])
        if not 0 <= row < len(siblings) or not 0 <= column < len(self.headers):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row].id)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        row = self.rows.get(index.internalId())
        if row is None or row.parent_id is None:
            return QModelIndex()
        return self.index_of(row.parent_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.child_rows.get(parent.internalId() if parent.isValid() else None, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        r = self.rows.get(index.internalId())
        if r is None:
            return None
        column = index.column()
        problems = self.problems.get(r.code)
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.code, r.name, r.kind.label, fmt_points(r.max_points), fmt_points(r.cap),
                    formula_summary(r),
                    translate("BlocsPage", "required") if r.evidence_required else "")[column]
        if role == OBJECT_ROLE:
            return r
        if role == Qt.ItemDataRole.ToolTipRole:
            if problems:
                return "\n".join(problems)
            if column == 5:
                return formula_summary(r) or None
            return r.name if column == 1 else (r.basis or None)
        if role == Qt.ItemDataRole.ForegroundRole and problems:
            return QBrush(QColor(PROBLEM_COLOUR))
        if role == Qt.ItemDataRole.FontRole and r.is_group:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class CriteriaTab(QWidget):
    """Editing happens in ``CriterionDialog``; every change re-reads the table in the
    background and shows what the whole-table check says."""

    def __init__(self, page: BlocsPage) -> None:
        super().__init__(page)
        self.page = page
        self.table: CriteriaTable | None = None
        self.loading = False
        self._generation = 0  # only the latest read is shown
        self.model = CriteriaTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.tree.header()
        # The name takes what is left (elided, whole in its tooltip) so that every column shows
        # on a 1366 px screen; the others are as wide as their content or Vietnamese title.
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        for column in (0, 2, 3, 4, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(5, 170)
        self.add_group_button = QPushButton(translate("BlocsPage", "Add group"), self)
        self.add_button = QPushButton(translate("BlocsPage", "Add criterion"), self)
        self.add_child_button = QPushButton(translate("BlocsPage", "Add sub-criterion"), self)
        self.edit_button = QPushButton(translate("BlocsPage", "Edit…"), self)
        self.delete_button = QPushButton(translate("BlocsPage", "Delete"), self)
        self.import_button = QPushButton(translate("BlocsPage", "Import from Excel…"), self)
        self.template_button = QPushButton(translate("BlocsPage", "Download template…"), self)
        self.export_button = QPushButton(translate("BlocsPage", "Export…"), self)
        self.check_title = QLabel(translate("BlocsPage", "Table check"), self)
        font = QFont(self.check_title.font())
        font.setBold(True)
        self.check_title.setFont(font)
        self.check_summary = QLabel(self)
        self.check_summary.setWordWrap(True)
        self.problem_list = QListWidget(self)
        self.problem_list.setWordWrap(True)
        self.problem_list.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.check_title)
        side_layout.addWidget(self.check_summary)
        side_layout.addWidget(self.problem_list, 1)
        splitter = QSplitter(self)
        splitter.addWidget(self.tree)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([860, 220])
        edit_row = QHBoxLayout()
        for button in (self.add_group_button, self.add_button, self.add_child_button,
                       self.edit_button, self.delete_button):
            edit_row.addWidget(button)
        edit_row.addStretch(1)
        for button in (self.import_button, self.template_button, self.export_button):
            edit_row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(edit_row)
        layout.addWidget(splitter, 1)
        self.add_group_button.clicked.connect(self.add_group)
        self.add_button.clicked.connect(self.add_criterion)
        self.add_child_button.clicked.connect(self.add_sub_criterion)
        self.edit_button.clicked.connect(self.edit_criterion)
        self.delete_button.clicked.connect(self.delete_criterion)
        self.import_button.clicked.connect(self.import_table)
        self.template_button.clicked.connect(self.download_template)
        self.export_button.clicked.connect(self.export_table)
        self.tree.doubleClicked.connect(lambda *_: self.edit_criterion())
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    # -- data ------------------------------------------------------------------------------------
    def set_bloc(self, bloc: BlocRow | None) -> None:
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        bloc = self.page.bloc
        if bloc is None:
            self._show(None)
            return
        services, bloc_id = self.page.services, bloc.id
        self.loading = True
        self._generation += 1
        generation = self._generation
        self.page.ctx.runner.task(lambda _p, _c: services.blocs.criteria.table(bloc_id), self) \
            .success(lambda table: self._loaded(generation, table, select_id)).run()

    def _loaded(self, generation: int, table: CriteriaTable, select_id: int | None) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self._show(table)
        if select_id is not None:
            index = self.model.index_of(select_id)
            if index.isValid():
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)

    def _show(self, table: CriteriaTable | None) -> None:
        self.table = table
        self.model.set_table(table)
        self.tree.expandAll()
        self.problem_list.clear()
        if table is None:
            self.check_summary.setText("")
        elif table.locked:
            self.check_summary.setText(table.locked_reason)
        elif not table.rows:
            self.check_summary.setText(translate(
                "BlocsPage", "The table is empty: add groups and criteria, or import them "
                "from Excel."))
        elif table.is_valid:
            self.check_summary.setText(translate(
                "BlocsPage", "✓ The table is consistent: %1 criteria, total %2 points.")
                .replace("%1", str(len(table.rows))).replace("%2", fmt_points(table.total_points)))
        else:
            self.check_summary.setText(translate(
                "BlocsPage", "The table is not consistent yet (scores cannot be sent until it "
                "is):"))
        for problem in (table.problems if table is not None else ()):
            self.problem_list.addItem(str(problem))
        self._update_buttons()

    def current(self) -> CriterionRow | None:
        index = self.tree.currentIndex()
        return self.model.rows.get(index.internalId()) if index.isValid() else None

    def _update_buttons(self) -> None:
        editable = self.table is not None and not self.table.locked
        current = self.current()
        selected = current is not None
        for button in (self.add_group_button, self.add_button, self.import_button):
            button.setEnabled(editable)
        self.add_child_button.setEnabled(
            editable and current is not None and current.kind is not CriterionKind.TARGET)
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(editable and selected)
        self.export_button.setEnabled(self.table is not None)
        self.template_button.setEnabled(True)

    # -- editing -----------------------------------------------------------------------------
    def _next_code(self, parent: CriterionRow | None) -> str:
        """I, II, … for top groups; "I.3" for the third part of group I."""
        siblings = self.model.child_rows.get(parent.id if parent is not None else None, [])
        n = len(siblings) + 1
        if parent is None:
            return ROMAN[n - 1] if n <= len(ROMAN) else str(n)
        return f"{parent.code}.{n}"

    def _add(self, parent: CriterionRow | None) -> None:
        bloc = self.page.bloc
        if bloc is None:
            return
        kind = parent.kind if parent is not None else CriterionKind.MANUAL
        saved = CriterionDialog.ask(self, self.page.services, bloc.id,
                                    parent_code=parent.code if parent is not None else "",
                                    code=self._next_code(parent), kind=kind,
                                    runner=self.page.ctx.runner)
        if saved is not None:
            self.page.data_changed()
            self.reload(saved.id)

    @Slot()
    def add_group(self) -> None:
        self._add(None)

    @Slot()
    def add_criterion(self) -> None:
        """A criterion beside the selected one (or in the selected group)."""
        current = self.current()
        if current is None:
            top = self.model.child_rows.get(None, [])
            parent = top[-1] if top else None
        elif current.is_group or current.depth == 0 or current.parent_id is None:
            parent = current
        else:
            parent = self.model.rows.get(current.parent_id)
        self._add(parent)

    @Slot()
    def add_sub_criterion(self) -> None:
        current = self.current()
        if current is not None:
            self._add(current)

    @Slot()
    def edit_criterion(self) -> None:
        current, bloc = self.current(), self.page.bloc
        if current is None or bloc is None or self.table is None or self.table.locked:
            return
        saved = CriterionDialog.ask(self, self.page.services, bloc.id,
                                    criterion=current, runner=self.page.ctx.runner)
        if saved is not None:
            self.page.data_changed()
            self.reload(saved.id)

    @Slot()
    def delete_criterion(self) -> None:
        current = self.current()
        if current is None:
            return
        parts = len([r for r in self.model.rows.values() if r.parent_code == current.code])
        text = translate("BlocsPage", "Delete criterion %1 “%2”?").replace(
            "%1", current.code).replace("%2", current.name)
        if parts:
            text += " " + translate("BlocsPage", "Its sub-criteria are deleted with it.")
        if not Messages.confirm(self, text, yes_text=translate("BlocsPage", "Delete")):
            return
        criteria = self.page.services.blocs.criteria
        run_write(self.page.ctx.runner, self, lambda: criteria.delete(current.id),
                  saved=lambda _none: self._after_delete(), controls=(self.delete_button,))

    def _after_delete(self) -> None:
        self.page.data_changed()
        self.reload()

    # -- Excel -------------------------------------------------------------------------------
    @Slot()
    def import_table(self) -> None:
        if self.page.bloc is None:
            return
        bloc_id = self.page.bloc.id
        excel = self.page.services.blocs.excel
        self.page.import_file(
            translate("BlocsPage", "Import criteria table"),
            lambda path: excel.import_criteria(bloc_id, path),
            translate("BlocsPage", "Importing the criteria table…"),
            lambda result: translate("BlocsPage", "Criteria table imported: %1 rows read, %2 "
                                     "changed.").replace("%1", str(result.rows))
            .replace("%2", str(result.changed)),
            lambda: self.reload())

    @Slot()
    def download_template(self) -> None:
        excel = self.page.services.blocs.excel
        self.page.export_file(translate("BlocsPage", "Save criteria template"),
                              translate("BlocsPage", "criteria-template.xlsx"),
                              lambda path: excel.write_criteria(path))

    @Slot()
    def export_table(self) -> None:
        bloc = self.page.bloc
        if bloc is None:
            return
        excel = self.page.services.blocs.excel
        self.page.export_file(translate("BlocsPage", "Export criteria table"),
                              translate("BlocsPage", "criteria-%1.xlsx").replace(
                                  "%1", str(bloc.year)),
                              lambda path: excel.write_criteria(path, bloc.id))
