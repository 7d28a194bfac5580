"""Đơn vị: the organisation tree (loaded as it is expanded), a search, add/edit/delete, and the
people of the selected unit beside it, with a jump to the full people list filtered by it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.people import PeopleQuery
from desktop.api.units import UnitRow
from desktop.domain.errors import DomainError
from desktop.i18n import translate
from desktop.views.dialogs.unit_dialog import UnitDialog
from desktop.views.formatting import format_date, format_int
from desktop.views.itemmodels.people_model import SORT_KEYS, PeopleTableModel
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.itemmodels.roles import OBJECT_ROLE
from desktop.views.itemmodels.unit_tree_model import UnitTreeModel
from desktop.views.messages import Messages
from desktop.views.pages.base import Page, PageContext, page_title
from desktop.views.pages.people import make_people_table
from desktop.views.widgets.search_box import SearchBox
from desktop.views.writes import run_write

SIDE_WIDTHS = {"gender": 70, "birth_date": 95, "position": 130}  # the people beside the tree


class UnitsPage(Page):
    watches = ("units", "people")

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        units = self.services.units
        self.search_box = SearchBox(self, placeholder=translate(
            "UnitsPage", "Search units by name or code (tones optional)…"))
        self.add_button = QPushButton(translate("UnitsPage", "Add unit…"), self)
        self.edit_button = QPushButton(translate("UnitsPage", "Edit…"), self)
        self.delete_button = QPushButton(translate("UnitsPage", "Delete"), self)
        self.unit_year_button = QPushButton(translate("UnitsPage", "Ratings, registrations…"),
                                            self)
        self.import_button = QPushButton(translate("UnitsPage", "Import from Excel…"), self)
        self.export_button = QPushButton(translate("UnitsPage", "Export to Excel…"), self)

        self.tree_model = UnitTreeModel(units.children, self, runner=ctx.runner)
        self.tree = QTreeView(self)
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 0px; }")
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setResizeContentsPrecision(0)  # fit the rows on screen, not 2,000
        self.results_model: RecordTableModel[UnitRow] = RecordTableModel([
            Column(translate("UnitsPage", "Unit"), lambda u: u.name),
            Column(translate("UnitsPage", "Code"), lambda u: u.code),
            Column(translate("UnitsPage", "Kind"), lambda u: u.kind.label),
        ], self)
        self.results = QTableView(self)
        self.results.setModel(self.results_model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.verticalHeader().setVisible(False)
        self.results.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.left = QStackedWidget(self)
        self.left.addWidget(self.tree)
        self.left.addWidget(self.results)
        for view in (self.tree, self.results):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(self._show_menu)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.results.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.results.doubleClicked.connect(self._reveal_in_tree)

        self.add_action = self._action(translate("UnitsPage", "Add sub-unit"),
                                       [QKeySequence(Qt.Key.Key_Insert)], self.add_unit)
        self.edit_action = self._action(
            translate("UnitsPage", "Edit"),
            [QKeySequence(Qt.Key.Key_F2), QKeySequence(Qt.Key.Key_Return),
             QKeySequence(Qt.Key.Key_Enter)], self.edit_unit)
        self.delete_action = self._action(translate("UnitsPage", "Delete"),
                                          [QKeySequence(QKeySequence.StandardKey.Delete)],
                                          self.delete_unit)
        self.timeline_action = self._action(translate("UnitsPage", "Award timeline…"), [],
                                            self.show_timeline)
        self.add_button.clicked.connect(self.add_unit)
        self.edit_button.clicked.connect(self.edit_unit)
        self.delete_button.clicked.connect(self.delete_unit)
        self.unit_year_button.clicked.connect(self.open_unit_year)
        self.import_button.clicked.connect(lambda: self.open_excel("import"))
        self.export_button.clicked.connect(lambda: self.open_excel("export"))
        self.search_box.search_requested.connect(self._on_search)

        # -- right side: details and people ------------------------------------------------------
        details = QGroupBox(translate("UnitsPage", "Selected unit"), self)
        self.detail_labels: dict[str, QLabel] = {}
        form = QFormLayout(details)
        for key, text in (("name", translate("UnitsPage", "Name")),
                          ("code", translate("UnitsPage", "Code")),
                          ("kind", translate("UnitsPage", "Kind")),
                          ("path", translate("UnitsPage", "Belongs to")),
                          ("address", translate("UnitsPage", "Address")),
                          ("validity", translate("UnitsPage", "Validity"))):
            label = QLabel(self)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.detail_labels[key] = label
            form.addRow(text, label)
        self.people_model = PeopleTableModel(self.services.people,
                                             PeopleQuery(unit_id=-1), self,
                                             runner=ctx.runner)
        self.people_model.total_changed.connect(self._show_people_count)
        self.people_table = make_people_table(self, self.people_model)
        for hidden in ("ethnicity", "citizen_id"):  # narrower: the full list has every column
            self.people_table.setColumnHidden(SORT_KEYS.index(hidden), True)
        for key, width in SIDE_WIDTHS.items():
            self.people_table.setColumnWidth(SORT_KEYS.index(key), width)
        ctx.settings.restore_header("unit_people", self.people_table.horizontalHeader())
        # Half a 1366 px screen: the name and the unit share what the short columns leave, so
        # the table never scrolls sideways with "Đơn vị" cut off.
        people_header = self.people_table.horizontalHeader()
        people_header.setStretchLastSection(False)
        for key in ("name", "unit"):
            people_header.setSectionResizeMode(SORT_KEYS.index(key),
                                               QHeaderView.ResizeMode.Stretch)
        self.people_label = QLabel(self)
        self.open_people_button = QPushButton(translate("UnitsPage", "Open in People list"), self)
        self.open_people_button.clicked.connect(self._open_people)
        people_bar = QHBoxLayout()
        people_bar.addWidget(self.people_label, 1)
        people_bar.addWidget(self.open_people_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(details)
        right_layout.addLayout(people_bar)
        right_layout.addWidget(self.people_table, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([440, 620])
        ctx.settings.restore_splitter("units", self.splitter)

        bar = QHBoxLayout()
        bar.addWidget(self.search_box, 1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setMinimumWidth(90)
            bar.addWidget(button)
        bar.addWidget(self.unit_year_button)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("UnitsPage", "Units")))
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self._show_unit(None)
        # On the next turn of the event loop: the page paints first, then the root opens (its
        # children, ~100 units at province scale, take ~45 ms to read); together they froze
        # the window just over 100 ms on first opening.
        QTimer.singleShot(0, self, self._expand_first_level)

    def _action(self, text: str, keys: list[QKeySequence], slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.tree.addAction(action)
        self.results.addAction(action)
        return action

    def _expand_first_level(self) -> None:
        """One root (the usual case: this office) opens by itself."""
        if self.tree_model.canFetchMore(QModelIndex()):
            self.tree_model.fetchMore(QModelIndex())
        if self.tree_model.rowCount() == 1:
            self.tree.expand(self.tree_model.index(0, 0))

    # -- selection --------------------------------------------------------------------------------
    def current_unit(self) -> UnitRow | None:
        view = self.tree if self.left.currentWidget() is self.tree else self.results
        index = view.currentIndex()
        if not index.isValid() or not view.selectionModel().isSelected(index.siblingAtColumn(0)):
            rows = view.selectionModel().selectedRows()
            if not rows:
                return None
            index = rows[0]
        unit = index.siblingAtColumn(0).data(OBJECT_ROLE)
        return unit if isinstance(unit, UnitRow) else None

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, *_args: object) -> None:
        self._show_unit(self.current_unit())

    def _show_unit(self, unit: UnitRow | None) -> None:
        self.edit_button.setEnabled(unit is not None)
        self.delete_button.setEnabled(unit is not None)
        self.unit_year_button.setEnabled(unit is not None)
        self.open_people_button.setEnabled(unit is not None)
        labels = self.detail_labels
        if unit is None:
            for label in labels.values():
                label.setText("")
            labels["name"].setText(translate("UnitsPage", "Select a unit in the tree."))
            self.people_model.update_query(unit_id=-1)
            self.people_label.setText("")
            return
        path = self.services.units.path(unit.id)[:-1]
        labels["name"].setText(unit.name + (f" ({unit.short_name})" if unit.short_name else ""))
        labels["code"].setText(unit.code)
        labels["kind"].setText(unit.kind.label)
        labels["path"].setText(" › ".join(u.name for u in path) or "—")
        labels["address"].setText(unit.address or "—")
        if unit.valid_from or unit.valid_to:
            labels["validity"].setText(translate("UnitsPage", "from {start} to {end}").format(
                start=format_date(unit.valid_from) or "…", end=format_date(unit.valid_to) or "…"))
        else:
            labels["validity"].setText(translate("UnitsPage", "no limit"))
        self.people_model.update_query(unit_id=unit.id, include_subunits=True)
        self._show_people_count()

    @Slot()
    def _show_people_count(self, *_args: object) -> None:
        if self.current_unit() is None:
            self.people_label.setText("")
            return
        self.people_label.setText(translate(
            "UnitsPage", "{count} people in this unit and its sub-units").format(
            count=format_int(self.people_model.total)))

    # -- search -----------------------------------------------------------------------------------
    @Slot(str)
    def _on_search(self, text: str) -> None:
        if text:
            self.results_model.set_rows(self.services.units.search(text, 200))
            self.left.setCurrentWidget(self.results)
        else:
            self.left.setCurrentWidget(self.tree)
        self._show_unit(self.current_unit())

    @Slot(QModelIndex)
    def _reveal_in_tree(self, index: QModelIndex) -> None:
        unit = index.siblingAtColumn(0).data(OBJECT_ROLE)
        if not isinstance(unit, UnitRow):
            return
        self.search_box.clear()
        self.left.setCurrentWidget(self.tree)
        self.reveal(unit.id)

    def reveal(self, unit_id: int) -> None:
        """Expand the tree down to a unit and select it."""
        chain = [u.id for u in self.services.units.path(unit_id)]
        index = self.tree_model.index_of_path(chain)
        if index.isValid():
            self.tree.expand(index.parent())
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _on_data_changed(self, kind: str) -> None:
        if kind == "people":  # only the people beside the tree; keep the tree as it is
            self.people_model.refresh()
            self._show_people_count()
        else:
            super()._on_data_changed(kind)

    def reload(self) -> None:
        current = self.current_unit()
        self.tree_model.reload()
        self._expand_first_level()
        if self.left.currentWidget() is self.results:
            self._on_search(self.search_box.text().strip())
        elif current is not None:
            self.reveal(current.id)
        self._show_unit(self.current_unit())

    # -- editing ----------------------------------------------------------------------------------
    @Slot()
    def add_unit(self) -> None:
        saved = UnitDialog.ask(self, self.ctx.backend, parent_unit=self.current_unit(),
                               runner=self.ctx.runner)
        if saved is not None:
            self._after_change(saved.id)
            self.ctx.host.notify(translate("UnitsPage", "Added {name}.").format(name=saved.name))

    @Slot()
    def edit_unit(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        try:
            current = self.services.units.get(unit.id)
        except DomainError as exc:
            Messages.error(self, str(exc))
            return
        saved = UnitDialog.ask(self, self.ctx.backend, unit=current, runner=self.ctx.runner)
        if saved is not None:
            self._after_change(saved.id)

    @Slot()
    def delete_unit(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        question = translate("UnitsPage", "Move the unit “{name}” to the trash?").format(
            name=unit.name)
        if not Messages.confirm(self, question, yes_text=translate("UnitsPage", "Delete")):
            return
        units = self.services.units
        run_write(self.ctx.runner, self, lambda: units.delete(unit.id),
                  saved=lambda _none: self._after_delete(unit),
                  controls=(self.delete_button, self.delete_action))

    def _after_delete(self, unit: UnitRow) -> None:
        self.search_box.clear()
        self.left.setCurrentWidget(self.tree)
        self.ctx.events.changed.emit("units")
        self.ctx.events.changed.emit("trash")
        if unit.parent_id is not None:
            self.reveal(unit.parent_id)
        self.ctx.host.register_undo(
            translate("UnitsPage", "Moved {what} to the trash.").format(what=unit.name),
            [("unit", unit.id)])

    def _after_change(self, unit_id: int) -> None:
        self.search_box.clear()
        self.left.setCurrentWidget(self.tree)
        self.ctx.events.changed.emit("units")
        self.reveal(unit_id)

    @Slot()
    def open_unit_year(self) -> None:
        """Ratings and registrations of the selected unit's people and of the unit, as a grid."""
        from desktop.views.dialogs.unit_year_dialog import UnitYearDialog

        unit = self.current_unit()
        if unit is not None:
            UnitYearDialog.open_for(self, self.ctx.backend, unit=unit, runner=self.ctx.runner)

    def open_excel(self, tab: str) -> QWidget:
        """Import units from Excel, or export them (below the selected unit, if any)."""
        from desktop.views.dialogs.excel_dialog import ExcelDialog

        return ExcelDialog.open_for(self, self.ctx.backend, self.ctx.runner,
                                    events=self.ctx.events, settings=self.ctx.settings, tab=tab,
                                    kind="units", unit=self.current_unit())

    @Slot()
    def _open_people(self) -> None:
        unit = self.current_unit()
        if unit is not None:
            self.ctx.host.navigate("people", unit=unit)

    @Slot(QPoint)
    def _show_menu(self, pos: QPoint) -> None:
        view = self.left.currentWidget()
        assert isinstance(view, QAbstractItemView)
        has_unit = self.current_unit() is not None
        menu = QMenu(self)
        menu.addAction(self.add_action)
        menu.addAction(self.edit_action)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.timeline_action)
        self.timeline_action.setEnabled(has_unit)
        self.edit_action.setEnabled(has_unit)
        self.delete_action.setEnabled(has_unit)
        menu.exec(view.viewport().mapToGlobal(pos))
        self.edit_action.setEnabled(True)
        self.delete_action.setEnabled(True)
        self.timeline_action.setEnabled(True)

    @Slot()
    def show_timeline(self) -> None:
        """Every award, rating and initiative of the chosen unit as a collective, by year."""
        from desktop.views.dialogs.timeline_dialog import TimelineDialog

        unit = self.current_unit()
        if unit is not None:
            TimelineDialog.show_for(self, self.services, unit_id=unit.id,
                                    runner=self.ctx.runner)

    def save_state(self) -> None:
        self.ctx.settings.save_splitter("units", self.splitter)
        self.ctx.settings.save_header("unit_people", self.people_table.horizontalHeader())


def create_page(ctx: PageContext) -> UnitsPage:
    return UnitsPage(ctx)
