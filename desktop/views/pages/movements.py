"""Phong trào thi đua: each year's movements with their directive (number, date, issuer, theme,
period), the directive's appendix of targets, the units it is assigned to with their own
planned values, the actual figures per unit and year as a grid (typed or pasted from Excel),
and the switch of the head-of-unit rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api.movements import (
    DIRECTION_SYMBOL,
    FigureEntry,
    FiguresGrid,
    MovementRow,
    TargetRow,
    format_figure,
)
from desktop.api.units import UnitRow
from desktop.domain.errors import DomainError
from desktop.i18n import translate
from desktop.views.dialogs.movement_dialog import MovementDialog, TargetDialog
from desktop.views.formatting import format_date, format_int
from desktop.views.itemmodels.movement_figures_model import MovementFiguresModel
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.messages import Messages
from desktop.views.pages.base import Page, PageContext, page_title
from desktop.views.writes import run_write

T = TypeVar("T")


def _table(parent: QWidget, model: QAbstractItemModel, stretch: int) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class MovementsPage(Page):
    watches = ("movements", "trash", "units")

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.busy = False
        self.grid: FiguresGrid | None = None
        # -- movements list --
        self.movements: RecordTableModel[MovementRow] = RecordTableModel([
            Column(translate("MovementsPage", "Year"), lambda m: str(m.year),
                   sort=lambda m: m.year),
            Column(translate("MovementsPage", "Movement"), lambda m: m.name),
            Column(translate("MovementsPage", "Directive"), lambda m: m.directive_number),
            Column(translate("MovementsPage", "Rule"), lambda m: translate(
                "MovementsPage", "on") if m.head_target_rule else ""),
        ], self)
        self.list_view = _table(self, self.movements, 1)
        self.list_view.setWordWrap(True)
        self.add_button = QPushButton(translate("MovementsPage", "Add movement…"), self)
        self.edit_button = QPushButton(translate("MovementsPage", "Edit…"), self)
        self.delete_button = QPushButton(translate("MovementsPage", "Delete"), self)
        self.add_button.clicked.connect(self.add_movement)
        self.edit_button.clicked.connect(self.edit_movement)
        self.delete_button.clicked.connect(self.delete_movement)
        self.list_view.doubleClicked.connect(self.edit_movement)
        left = QWidget(self)
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbar = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            lbar.addWidget(b)
        lbar.addStretch(1)
        lbox.addLayout(lbar)
        lbox.addWidget(self.list_view, 1)
        # -- directive and rule --
        self.directive_label = QLabel(self)
        self.directive_label.setWordWrap(True)
        self.directive_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rule_box = QCheckBox(translate(
            "MovementsPage", "A head of unit whose unit missed an assigned target is not "
                             "commended"), self)
        self.rule_box.clicked.connect(self.toggle_rule)
        rule_help = QLabel(translate(
            "MovementsPage", "When on, the eligibility check of every round linked to this "
            "movement refuses a head of unit whose unit missed a target of this appendix, "
            "naming the directive and each missed target. A target marked not applicable is "
            "skipped; a target without an actual figure is shown as to be checked."), self)
        rule_help.setWordWrap(True)
        rule_help.setStyleSheet("color: #555;")
        # -- appendix --
        self.targets: RecordTableModel[TargetRow] = RecordTableModel([
            Column(translate("MovementsPage", "No."), lambda t: str(t.position),
                   sort=lambda t: t.position, align_right=True),
            Column(translate("MovementsPage", "Indicator"), lambda t: t.indicator),
            Column(translate("MovementsPage", "Direction"),
                   lambda t: DIRECTION_SYMBOL[t.direction], tooltip=lambda t: t.direction.label),
            Column(translate("MovementsPage", "Planned"),
                   lambda t: format_figure(t.planned_value, t.direction), align_right=True),
            Column(translate("MovementsPage", "Unit of measure"), lambda t: t.measure_unit),
        ], self)
        self.target_view = _table(self, self.targets, 1)
        self.target_view.doubleClicked.connect(self.edit_target)
        self.add_target_button = QPushButton(translate("MovementsPage", "Add target…"), self)
        self.edit_target_button = QPushButton(translate("MovementsPage", "Edit…"), self)
        self.delete_target_button = QPushButton(translate("MovementsPage", "Delete"), self)
        self.up_button = QPushButton(translate("MovementsPage", "Move up"), self)
        self.down_button = QPushButton(translate("MovementsPage", "Move down"), self)
        self.add_target_button.clicked.connect(self.add_target)
        self.edit_target_button.clicked.connect(self.edit_target)
        self.delete_target_button.clicked.connect(self.delete_target)
        self.up_button.clicked.connect(lambda: self.move_target(-1))
        self.down_button.clicked.connect(lambda: self.move_target(1))
        appendix = QWidget(self)
        abox = QVBoxLayout(appendix)
        abar = QHBoxLayout()
        for b in (self.add_target_button, self.edit_target_button, self.delete_target_button,
                  self.up_button, self.down_button):
            abar.addWidget(b)
        abar.addStretch(1)
        abox.addLayout(abar)
        abox.addWidget(self.target_view, 1)
        # -- figures grid --
        self.figures = MovementFiguresModel(self)
        self.figures.edited.connect(self.save_entries)
        self.grid_view = QTableView(self)
        self.grid_view.setModel(self.figures)
        self.grid_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.grid_view.horizontalHeader().setDefaultSectionSize(170)
        self.grid_view.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft
                                                            | Qt.AlignmentFlag.AlignVCenter)
        self.mode_combo = QComboBox(self)
        self.mode_combo.addItem(translate("MovementsPage", "Actual figures"), False)
        self.mode_combo.addItem(translate("MovementsPage", "Planned values per unit"), True)
        self.mode_combo.currentIndexChanged.connect(self._mode_changed)
        self.assign_button = QPushButton(translate("MovementsPage", "Assign to units…"), self)
        self.unassign_button = QPushButton(translate("MovementsPage", "Remove unit"), self)
        self.na_button = QPushButton(translate("MovementsPage", "Not applicable"), self)
        self.na_button.setToolTip(translate(
            "MovementsPage", "Mark the selected cells as not applicable (the unit has no such "
            "activity), or clear the mark"))
        self.assign_button.clicked.connect(self.assign_units)
        self.unassign_button.clicked.connect(self.unassign_unit)
        self.na_button.clicked.connect(self.toggle_not_applicable)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.grid_view)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste)
        grid_help = QLabel(translate(
            "MovementsPage", "Type a figure in a cell (7,7 or 2.250; Có/Không for yes/no "
            "targets) or paste a block copied from Excel with Ctrl+V. Green: met; red: "
            "missed; grey: not applicable."), self)
        grid_help.setWordWrap(True)
        grid_help.setStyleSheet("color: #555;")
        figures = QWidget(self)
        fbox = QVBoxLayout(figures)
        fbar = QHBoxLayout()
        fbar.addWidget(self.mode_combo)
        for b in (self.assign_button, self.unassign_button, self.na_button):
            fbar.addWidget(b)
        fbar.addStretch(1)
        fbox.addLayout(fbar)
        fbox.addWidget(grid_help)
        fbox.addWidget(self.grid_view, 1)
        # -- right side --
        directive = QWidget(self)
        dbox = QVBoxLayout(directive)
        dbox.addWidget(self.directive_label)
        dbox.addSpacing(8)
        dbox.addWidget(self.rule_box)
        dbox.addWidget(rule_help)
        dbox.addStretch(1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(directive, translate("MovementsPage", "Directive and rule"))
        self.tabs.addTab(appendix, translate("MovementsPage", "Targets appendix"))
        self.tabs.addTab(figures, translate("MovementsPage", "Units and figures"))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("MovementsPage", "Emulation movements")))
        layout.addWidget(splitter, 1)
        self.list_view.selectionModel().selectionChanged.connect(self._movement_changed)
        self.reload()

    # -- reading ---------------------------------------------------------------------------
    def current(self) -> MovementRow | None:
        rows = self.list_view.selectionModel().selectedRows()
        return self.movements.row_object(rows[0].row()) if rows else None

    def current_target(self) -> TargetRow | None:
        rows = self.target_view.selectionModel().selectedRows()
        return self.targets.row_object(rows[0].row()) if rows else None

    def reload(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (m.id if (m := self.current()) else None)
        rows = self.services.movements.list()
        self.movements.set_rows(rows)
        at = next((i for i, m in enumerate(rows) if m.id == keep), 0 if rows else -1)
        if at >= 0:
            self.list_view.selectionModel().select(
                self.movements.index(at, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self._show_current()

    @Slot()
    def _movement_changed(self, *_args: object) -> None:
        self._show_current()

    def _show_current(self) -> None:
        m = self.current()
        has = m is not None
        for w in (self.edit_button, self.delete_button, self.rule_box, self.add_target_button,
                  self.edit_target_button, self.delete_target_button, self.up_button,
                  self.down_button, self.assign_button, self.unassign_button, self.na_button):
            w.setEnabled(has)
        if m is None:
            self.directive_label.setText(translate(
                "MovementsPage", "No movement yet. Add the year's movement with its directive, "
                "then its targets appendix."))
            self.targets.set_rows([])
            self.figures.set_grid(None)
            self.rule_box.setChecked(False)
            return
        period = " – ".join(format_date(d) for d in (m.period_start, m.period_end) if d)
        lines = [f"<b>{_html(m.name)}</b>",
                 translate("MovementsPage", "Kind: {kind}; year {year}").format(
                     kind=m.kind.label, year=m.year),
                 translate("MovementsPage", "Directive: {number} dated {date}, issued by "
                                            "{issuer}").format(
                     number=_html(m.directive_number) or "—",
                     date=format_date(m.directive_date) or "—", issuer=_html(m.issuer) or "—"),
                 translate("MovementsPage", "Period: {period}").format(period=period or "—"),
                 translate("MovementsPage", "Theme: {theme}").format(theme=_html(m.theme) or "—"),
                 translate("MovementsPage", "{count} targets in the appendix").format(
                     count=format_int(len(m.targets)))]
        self.directive_label.setText("<br>".join(lines))
        self.rule_box.setChecked(m.head_target_rule)
        self.targets.set_rows(list(m.targets))
        self.grid = self.services.movements.figures.grid(m.id)
        self.figures.set_grid(self.grid)
        self.grid_view.resizeRowsToContents()

    # -- movements -------------------------------------------------------------------------
    @Slot()
    def add_movement(self) -> None:
        row = MovementDialog.ask(self, self.services, None, self.ctx.runner)
        if row is not None:
            self._changed(row.id)
            self.ctx.host.notify(translate("MovementsPage", "Movement added: {name}.").format(
                name=row.name))

    @Slot()
    def edit_movement(self, *_args: object) -> None:
        m = self.current()
        if m is None:
            return
        row = MovementDialog.ask(self, self.services, m, self.ctx.runner)
        if row is not None:
            self._changed(row.id)

    @Slot()
    def delete_movement(self) -> None:
        m = self.current()
        if m is None or not Messages.confirm(self, translate(
                "MovementsPage", "Delete the movement “{name}”? It goes to the trash and can be "
                                 "restored.").format(name=m.name)):
            return
        movements = self.services.movements

        def done(_: None) -> None:
            self._changed()
            self.ctx.events.changed.emit("trash")
            self.ctx.host.register_undo(translate("MovementsPage", "Deleted movement “{name}”.")
                                        .format(name=m.name), [("movement", m.id)])

        self._write(lambda: movements.delete(m.id), done)

    @Slot(bool)
    def toggle_rule(self, on: bool) -> None:
        m = self.current()
        if m is None:
            return
        movements = self.services.movements

        def refused(error: DomainError) -> None:
            self.rule_box.setChecked(m.head_target_rule)
            Messages.error(self, str(error))

        self._write(lambda: movements.set_head_rule(m.id, on),
                    lambda row: self._changed(row.id), refused)

    # -- appendix --------------------------------------------------------------------------
    @Slot()
    def add_target(self) -> None:
        m = self.current()
        if m is not None and TargetDialog.ask(self, self.services, m.id, None,
                                              self.ctx.runner) is not None:
            self._changed(m.id)

    @Slot()
    def edit_target(self, *_args: object) -> None:
        m, t = self.current(), self.current_target()
        if m is not None and t is not None and TargetDialog.ask(
                self, self.services, m.id, t, self.ctx.runner) is not None:
            self._changed(m.id)

    @Slot()
    def delete_target(self) -> None:
        m, t = self.current(), self.current_target()
        if m is None or t is None or not Messages.confirm(self, translate(
                "MovementsPage", "Delete the target “{name}” and its copies in the units?")
                .format(name=t.indicator)):
            return
        appendix = self.services.movements.appendix

        def done(count: int) -> None:
            self._changed(m.id)
            self.ctx.host.notify(translate(
                "MovementsPage", "Deleted target “{name}” ({count} unit lines).").format(
                name=t.indicator, count=format_int(count)))

        self._write(lambda: appendix.delete(t.id), done)

    def move_target(self, offset: int) -> None:
        m, t = self.current(), self.current_target()
        if m is None or t is None:
            return
        appendix = self.services.movements.appendix

        def done(rows: list[TargetRow]) -> None:
            self._changed(m.id)
            at = next((i for i, r in enumerate(rows) if r.id == t.id), -1)
            if at >= 0:
                self.target_view.selectRow(at)

        self._write(lambda: appendix.move(t.id, offset), done)

    # -- units and figures -----------------------------------------------------------------
    @Slot()
    def _mode_changed(self, *_args: object) -> None:
        self.figures.set_planned_mode(bool(self.mode_combo.currentData()))

    @Slot()
    def assign_units(self) -> None:
        m = self.current()
        if m is None:
            return
        assigned = {uid for uid, _ in self.grid.units} if self.grid else set()
        units = [u for u in self.services.units.search("", limit=5000) if u.id not in assigned]
        dialog = _UnitChooser(units, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
            return
        figures, chosen = self.services.movements.figures, dialog.chosen()

        def done(made: int) -> None:
            self._changed(m.id)
            self.tabs.setCurrentIndex(2)
            self.ctx.host.notify(translate("MovementsPage", "{count} targets assigned.").format(
                count=format_int(made)))

        self._write(lambda: figures.assign(m.id, chosen), done)

    @Slot()
    def unassign_unit(self) -> None:
        m = self.current()
        rows = {i.row() for i in self.grid_view.selectionModel().selectedIndexes()}
        if m is None or len(rows) != 1 or self.grid is None:
            Messages.info(self, translate("MovementsPage", "Select a cell of one unit first."))
            return
        unit_id, name = self.grid.units[rows.pop()]
        figures = self.services.movements.figures

        def done(_ids: list[int]) -> None:
            self._changed(m.id)
            self.ctx.host.notify(translate("MovementsPage", "Targets taken back from {name}.")
                                 .format(name=name))

        self._write(lambda: figures.unassign(m.id, unit_id), done)

    @Slot()
    def toggle_not_applicable(self) -> None:
        indexes = self.grid_view.selectionModel().selectedIndexes()
        if not indexes or self.grid is None:
            return
        cells = [self.figures.cell_at(i.row(), i.column()) for i in indexes]
        cells = [c for c in cells if c[2] is not None]
        if not cells:
            return
        mark = not all(c[2].not_applicable for c in cells if c[2] is not None)
        self.save_entries([FigureEntry(u, t, not_applicable=mark) for u, t, _ in cells])

    @Slot()
    def paste(self) -> None:
        indexes = self.grid_view.selectionModel().selectedIndexes()
        if not indexes or self.grid is None:
            return
        text = QGuiApplication.clipboard().text()
        rows = [line.split("\t") for line in text.replace("\r\n", "\n").rstrip("\n").split("\n")]
        top = min(i.row() for i in indexes)
        left = min(i.column() for i in indexes)
        entries: list[FigureEntry] = []
        outside = 0
        for dr, values in enumerate(rows):
            for dc, value in enumerate(values):
                r, c = top + dr, left + dc
                if r >= self.figures.rowCount() or c >= self.figures.columnCount():
                    outside += 1
                    continue
                if self.figures.cell_at(r, c)[2] is None:
                    outside += 1
                    continue
                entries.append(self.figures.entry(r, c, value))
        if outside:
            Messages.error(self, translate(
                "MovementsPage", "{count} pasted cells fall outside the assigned targets; "
                                 "nothing was pasted.").format(count=format_int(outside)))
            return
        self.save_entries(entries)

    def save_entries(self, entries: list[FigureEntry]) -> None:
        m = self.current()
        if m is None or not entries:
            return
        figures = self.services.movements.figures
        year = self.grid.year if self.grid else None

        def done(grid: FiguresGrid) -> None:
            self.grid = grid
            self.figures.set_grid(grid)
            self.ctx.events.changed.emit("targets")

        self._write(lambda: figures.set_figures(m.id, entries, year), done)

    # -- plumbing --------------------------------------------------------------------------
    def _write(self, work: Callable[[], T], saved: Callable[[T], None],
               refused: Callable[[DomainError], None] | None = None) -> None:
        if self.busy:
            return
        self.busy = True

        def settled() -> None:
            self.busy = False

        run_write(self.ctx.runner, self, work, saved=saved, refused=refused, settled=settled)

    def _changed(self, select_id: int | None = None) -> None:
        self.reload(select_id)
        self.ctx.events.changed.emit("movements")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _UnitChooser(QDialog):
    """Tick the units the appendix is given to."""

    def __init__(self, units: list[UnitRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("MovementsPage", "Assign to units"))
        self.setMinimumSize(480, 420)
        self.list = QListWidget(self)
        for u in units:
            item = QListWidgetItem(f"{u.name} ({u.code})", self.list)
            item.setData(Qt.ItemDataRole.UserRole, u.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("MovementsPage", "Every target of the appendix is "
                                          "given to the ticked units, planned as in the "
                                          "appendix (adjust per unit afterwards)."), self))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def chosen(self) -> list[int]:
        return [int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


def create_page(ctx: PageContext) -> MovementsPage:
    return MovementsPage(ctx)
