"""Cá nhân: the people list. Search-as-you-type (tones optional), a unit filter, sorting by any
column in SQL, add/edit/delete with undo. Rows arrive page by page as the officer scrolls."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.people import PeopleQuery, PersonRow
from desktop.api.units import UnitRow
from desktop.domain.errors import DomainError
from desktop.i18n import translate
from desktop.views.dialogs.person_dialog import PersonDialog
from desktop.views.formatting import format_int
from desktop.views.itemmodels.people_model import PeopleTableModel
from desktop.views.messages import Messages
from desktop.views.pages.base import Page, PageContext, page_title
from desktop.views.widgets.search_box import SearchBox
from desktop.views.widgets.unit_picker import UnitPicker
from desktop.views.writes import run_write

COLUMN_WIDTHS = (230, 70, 100, 90, 130, 170)


def make_people_table(parent: QWidget, model: PeopleTableModel) -> QTableView:
    """A table view set up for the lazy people model (also used on the Units page)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionsMovable(True)
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in enumerate(COLUMN_WIDTHS):
        view.setColumnWidth(column, width)
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view


class PeoplePage(Page):
    watches = ("people", "units")

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.search_box = SearchBox(self, placeholder=translate(
            "PeoplePage", "Search by name or citizen ID (tones optional)…"))
        self.search_box.setMinimumWidth(320)
        self.unit_filter = UnitPicker(self.services.units.search, self, placeholder=translate(
            "PeoplePage", "All units – type to filter by unit"))
        self.include_subunits = QCheckBox(translate("PeoplePage", "Include sub-units"), self)
        self.include_subunits.setChecked(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("peopleCount")
        self.count_label.setMinimumWidth(140)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.add_button = QPushButton(translate("PeoplePage", "Add…"), self)
        self.edit_button = QPushButton(translate("PeoplePage", "Edit…"), self)
        self.delete_button = QPushButton(translate("PeoplePage", "Delete"), self)
        self.import_button = QPushButton(translate("PeoplePage", "Import from Excel…"), self)
        self.export_button = QPushButton(translate("PeoplePage", "Export to Excel…"), self)

        self.model = PeopleTableModel(self.services.people, PeopleQuery(), self,
                                      runner=ctx.runner)
        self.model.set_query(PeopleQuery())
        self._select_after_load: int | None = None
        self._shown_query = self.model.query
        self._loading_timer = QTimer(self)
        self._loading_timer.setSingleShot(True)
        self._loading_timer.setInterval(250)  # quick answers never flash "loading"
        self._loading_timer.timeout.connect(self._show_loading)
        self.table = make_people_table(self, self.model)
        ctx.settings.restore_header("people", self.table.horizontalHeader())
        self._sync_sort_from_header()

        self.add_action = self._action(translate("PeoplePage", "Add person"),
                                       [QKeySequence(Qt.Key.Key_Insert)], self.add_person)
        self.edit_action = self._action(
            translate("PeoplePage", "Edit"),
            [QKeySequence(Qt.Key.Key_F2), QKeySequence(Qt.Key.Key_Return),
             QKeySequence(Qt.Key.Key_Enter)], self.edit_person)
        self.delete_action = self._action(translate("PeoplePage", "Delete"),
                                          [QKeySequence(QKeySequence.StandardKey.Delete)],
                                          self.delete_people)
        self.timeline_action = self._action(translate("PeoplePage", "Award timeline…"), [],
                                            self.show_timeline)
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_person)
        self.delete_button.clicked.connect(self.delete_people)
        self.import_button.clicked.connect(lambda: self.open_excel("import"))
        self.export_button.clicked.connect(lambda: self.open_excel("export"))
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.model.total_changed.connect(self._show_total)
        self.model.loading_changed.connect(self._on_loading_changed)
        self.model.loaded.connect(self._on_loaded)
        self.search_box.search_requested.connect(self._on_search)
        self.unit_filter.unit_changed.connect(self._on_unit_changed)
        self.include_subunits.toggled.connect(self._on_unit_changed)

        filters = QHBoxLayout()
        filters.addWidget(self.search_box, 3)
        filters.addWidget(QLabel(translate("PeoplePage", "Unit:"), self))
        filters.addWidget(self.unit_filter, 2)
        filters.addWidget(self.include_subunits)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setMinimumWidth(90)
            actions.addWidget(button)
        actions.addSpacing(12)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("PeoplePage", "People")))
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        self._show_total(self.model.total)
        self._update_buttons()

    def _action(self, text: str, keys: list[QKeySequence], slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.table)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.table.addAction(action)
        return action

    def open_excel(self, tab: str) -> QWidget:
        """Import people from Excel, or export them (filtered by the unit chosen here)."""
        from desktop.views.dialogs.excel_dialog import ExcelDialog

        return ExcelDialog.open_for(self, self.ctx.backend, self.ctx.runner,
                                    events=self.ctx.events, settings=self.ctx.settings, tab=tab,
                                    kind="people", unit=self.unit_filter.unit)

    def _sync_sort_from_header(self) -> None:
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    # -- filtering --------------------------------------------------------------------------------
    @Slot(str)
    def _on_search(self, text: str) -> None:
        self.model.update_query(text=text)

    @Slot()
    def _on_unit_changed(self, *_args: object) -> None:
        self.model.update_query(unit_id=self.unit_filter.unit_id,
                                include_subunits=self.include_subunits.isChecked())

    def set_unit_filter(self, unit: UnitRow | None) -> None:
        """Show the people of ``unit`` (a UnitRow, or None for everyone)."""
        self.unit_filter.set_unit(unit)

    def activated(self, **options: object) -> None:
        unit = options.get("unit")
        if "unit" in options and (unit is None or isinstance(unit, UnitRow)):
            self._stale = False
            self.set_unit_filter(unit)
        super().activated()
        self.table.setFocus()

    def reload(self) -> None:
        self.model.refresh()

    @Slot(bool)
    def _on_loading_changed(self, loading: bool) -> None:
        if loading:
            self._loading_timer.start()
        else:
            self._loading_timer.stop()
            self._show_total(self.model.total)

    @Slot()
    def _show_loading(self) -> None:
        self.count_label.setText(translate("PeoplePage", "Loading…"))

    @Slot()
    def _on_loaded(self) -> None:
        if self.model.query != self._shown_query:  # a new search, filter or order starts at the top
            self._shown_query = self.model.query
            self.table.scrollToTop()
        if self._select_after_load is not None:
            self._select(self._select_after_load)
            self._select_after_load = None
        self._update_buttons()

    @Slot(int)
    def _show_total(self, total: int) -> None:
        self.count_label.setText(translate("PeoplePage", "{count} people").format(
            count=format_int(total)))

    # -- editing ----------------------------------------------------------------------------------
    def selected_people(self) -> list[PersonRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.person(row) for row in rows]

    def current_person(self) -> PersonRow | None:
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isRowSelected(index.row()):
            return self.model.person(index.row())
        selected = self.selected_people()
        return selected[0] if selected else None

    @Slot()
    def _update_buttons(self, *_args: object) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(count == 1)
        self.delete_button.setEnabled(count > 0)

    @Slot()
    def add_person(self) -> None:
        saved = PersonDialog.ask(self, self.ctx.backend, default_unit=self.unit_filter.unit,
                                 runner=self.ctx.runner)
        if saved is not None:
            self._select_after_load = saved.id
            self.ctx.events.changed.emit("people")
            self.ctx.host.notify(translate("PeoplePage", "Added {name}.").format(
                name=saved.full_name))

    @Slot()
    def edit_person(self) -> None:
        person = self.current_person()
        if person is None:
            return
        try:
            current = self.services.people.get(person.id)
        except DomainError as exc:
            Messages.error(self, str(exc))
            self.reload()
            return
        # The record tabs save at once (a position may make the person the unit's head), so
        # the list is read again after them too, also when the form ends with "Hủy".
        records_written: list[bool] = []
        saved = PersonDialog.ask(self, self.ctx.backend, person=current, runner=self.ctx.runner,
                                 on_records_written=lambda: records_written.append(True))
        if saved is not None or records_written:
            self._select_after_load = current.id
            self.ctx.events.changed.emit("people")

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.selectRow(index.row())
            self.edit_person()

    @Slot()
    def delete_people(self) -> None:
        people = self.selected_people()
        if not people:
            return
        names = "\n".join(f"• {p.full_name}" for p in people[:8])
        if len(people) > 8:
            names += "\n" + translate("PeoplePage", "… and {count} more").format(
                count=format_int(len(people) - 8))
        question = translate("PeoplePage", "Move {count} people to the trash?\n{names}\n\n"
                             "You can restore them from Trash.").format(
            count=format_int(len(people)), names=names)
        if not Messages.confirm(self, question, yes_text=translate("PeoplePage", "Delete")):
            return
        people_service, ids = self.services.people, [p.id for p in people]
        run_write(self.ctx.runner, self, lambda: people_service.delete_many(ids),
                  saved=lambda _count: self._after_delete(people), refused=self._delete_refused,
                  controls=(self.delete_button, self.delete_action))

    def _people_changed(self) -> None:
        self.ctx.events.changed.emit("people")
        self.ctx.events.changed.emit("trash")

    def _delete_refused(self, exc: DomainError) -> None:
        self._people_changed()  # show the list as it is now
        Messages.error(self, str(exc))

    def _after_delete(self, people: list[PersonRow]) -> None:
        self._people_changed()
        label = (people[0].full_name if len(people) == 1 else
                 translate("PeoplePage", "{count} people").format(count=format_int(len(people))))
        self.ctx.host.register_undo(
            translate("PeoplePage", "Moved {what} to the trash.").format(what=label),
            [("person", p.id) for p in people])

    def _select(self, person_id: int) -> None:
        row = self.model.row_of(person_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    @Slot(QPoint)
    def _show_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.add_action)
        menu.addAction(self.edit_action)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.timeline_action)
        self.timeline_action.setEnabled(self.current_person() is not None)
        self.edit_action.setEnabled(self.edit_button.isEnabled())
        self.delete_action.setEnabled(self.delete_button.isEnabled())
        menu.exec(self.table.viewport().mapToGlobal(pos))
        self.edit_action.setEnabled(True)
        self.delete_action.setEnabled(True)
        self.timeline_action.setEnabled(True)

    @Slot()
    def show_timeline(self) -> None:
        """Every award, rating and initiative of the chosen person, by year (printable)."""
        from desktop.views.dialogs.timeline_dialog import TimelineDialog

        person = self.current_person()
        if person is not None:
            TimelineDialog.show_for(self, self.services, person_id=person.id,
                                    runner=self.ctx.runner)

    def save_state(self) -> None:
        self.ctx.settings.save_header("people", self.table.horizontalHeader())


def create_page(ctx: PageContext) -> PeoplePage:
    return PeoplePage(ctx)
