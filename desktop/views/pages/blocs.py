"""Khối, cụm thi đua: the year's blocs and clusters on the left (new, edit, delete, start the
next year from last year's table), and the selected bloc's criteria table, scoring grid and
ranking with proposals in tabs (blocs_criteria.py, blocs_scoring.py, blocs_ranking.py).

Everything slow (reading a big grid, ranking, Excel files, proposals) runs in the background;
each tab re-reads its bloc only when it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QSortFilterProxyModel, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api.blocs import BlocRow, fmt_points
from desktop.domain.errors import DomainError, ValidationError
from desktop.domain.vntext import name_sort_key
from desktop.i18n import translate
from desktop.views.dialogs.bloc_dialog import BlocDialog
from desktop.views.dialogs.import_report_dialog import ImportReportDialog
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.itemmodels.roles import SORT_ROLE
from desktop.views.messages import FileDialogs, Messages
from desktop.views.pages.base import Page, PageContext, page_title
from desktop.views.pages.blocs_criteria import CriteriaTab
from desktop.views.pages.blocs_ranking import RankingTab
from desktop.views.pages.blocs_scoring import ScoringTab
from desktop.views.writes import run_write

R = TypeVar("R")
LIST_WIDTH = 210  # the blocs list beside the tabs (the grids need the room)


def excel_filter() -> str:
    return translate("BlocsPage", "Excel workbooks (*.xlsx)")


class BlocsPage(Page):
    watches = ("blocs", "units")

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.bloc: BlocRow | None = None
        self.folder = Path.home()
        self.year_filter = QComboBox(self)
        self.model: RecordTableModel[BlocRow] = RecordTableModel([
            Column(translate("BlocsPage", "Bloc or cluster"), lambda b: b.name,
                   sort=lambda b: name_sort_key(b.name),
                   tooltip=lambda b: f"{b.kind.label} — {b.name}"),
            Column(translate("BlocsPage", "Year"), lambda b: str(b.year), align_right=True),
            Column(translate("BlocsPage", "Units"), lambda b: str(b.member_count),
                   sort=lambda b: b.member_count, align_right=True),
        ], self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.list = QTableView(self)
        self.list.setModel(self.proxy)
        self.list.setSortingEnabled(True)
        self.list.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.verticalHeader().setVisible(False)
        self.list.setWordWrap(False)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.new_button = QPushButton(translate("BlocsPage", "New…"), self)
        self.edit_button = QPushButton(translate("BlocsPage", "Edit…"), self)
        self.delete_button = QPushButton(translate("BlocsPage", "Delete"), self)
        self.next_year_button = QPushButton(translate("BlocsPage", "Start a new year"), self)
        self.next_year_button.setToolTip(translate(
            "BlocsPage", "A bloc for the next year with the same members and criteria table "
            "(head, deputy and pledge to fill in again)"))
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.criteria = CriteriaTab(self)
        self.scoring = ScoringTab(self)
        self.ranking = RankingTab(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.criteria, translate("BlocsPage", "Criteria table"))
        self.tabs.addTab(self.scoring, translate("BlocsPage", "Scoring"))
        self.tabs.addTab(self.ranking, translate("BlocsPage", "Ranking and proposals"))
        self._stale_tabs: set[CriteriaTab | ScoringTab | RankingTab] = set()

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        year_row = QHBoxLayout()
        year_row.addWidget(QLabel(translate("BlocsPage", "Year:"), self))
        year_row.addWidget(self.year_filter, 1)
        left_layout.addLayout(year_row)
        left_layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            # As wide as their words (not the style's 80 px) so the list can stay narrow.
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 20)
            buttons.addWidget(button)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.next_year_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)  # the grids take what the window gains
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        splitter.setSizes([LIST_WIDTH, 1100])
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("Pages", "Emulation blocs")))
        layout.addWidget(splitter, 1)

        self.year_filter.currentIndexChanged.connect(lambda *_: self.reload_list())
        self.list.selectionModel().currentRowChanged.connect(lambda *_: self._on_bloc_changed())
        self.list.doubleClicked.connect(lambda *_: self.edit_bloc())
        self.new_button.clicked.connect(self.new_bloc)
        self.edit_button.clicked.connect(self.edit_bloc)
        self.delete_button.clicked.connect(self.delete_bloc)
        self.next_year_button.clicked.connect(self.start_next_year)
        self.tabs.currentChanged.connect(lambda *_: self._load_current_tab())
        self.reload()

    # -- the list ----------------------------------------------------------------------------
    def reload(self) -> None:
        chosen = self.year_filter.currentData()
        years = sorted({b.year for b in self.services.blocs.list()} | {date.today().year},
                       reverse=True)
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem(translate("BlocsPage", "All years"), None)
        for year in years:
            self.year_filter.addItem(str(year), year)
        self.year_filter.setCurrentIndex(max(0, self.year_filter.findData(chosen))
                                         if chosen is not None else 0)
        self.year_filter.blockSignals(False)
        self.reload_list(force=True)

    def reload_list(self, select_id: int | None = None, *, force: bool = False) -> None:
        keep = select_id if select_id is not None else (self.bloc.id if self.bloc else None)
        rows = self.services.blocs.list(self.year_filter.currentData())
        self.list.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        self.list.selectionModel().blockSignals(False)
        row = next((i for i, b in enumerate(rows) if b.id == keep), 0 if rows else -1)
        previous = self.bloc
        if row >= 0:
            self.list.selectionModel().blockSignals(True)
            self.list.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
            self.list.selectionModel().blockSignals(False)
            self.list.viewport().update()
        current = self.current_row()
        self.bloc = current
        if force or previous is None or current is None or previous.id != current.id:
            self._on_bloc_changed()
        else:
            self._show_heading()

    def current_row(self) -> BlocRow | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        row: BlocRow = self.model.row_object(self.proxy.mapToSource(index).row())
        return row

    def _on_bloc_changed(self) -> None:
        self.bloc = self.current_row()
        self._show_heading()
        for button in (self.edit_button, self.delete_button, self.next_year_button):
            button.setEnabled(self.bloc is not None)
        self.tabs.setEnabled(self.bloc is not None)
        self._stale_tabs = {self.criteria, self.scoring, self.ranking}
        self._load_current_tab()

    def _load_current_tab(self) -> None:
        current = self.tabs.currentWidget()
        for tab in (self.criteria, self.scoring, self.ranking):
            if tab is current and tab in self._stale_tabs:
                self._stale_tabs.discard(tab)
                tab.set_bloc(self.bloc)

    def _show_heading(self) -> None:
        b = self.bloc
        if b is None:
            self.heading.setText(translate("BlocsPage", "No bloc for this year yet: create one "
                                           "with “New…” or start a new year from last year's."))
            return
        parts = [f"<b>{b.kind.label}: {b.name}</b> ({b.year})"]
        if b.head_name:
            parts.append(translate("BlocsPage", "Head: %1").replace("%1", b.head_name))
        if b.deputy_name:
            parts.append(translate("BlocsPage", "Deputy: %1").replace("%1", b.deputy_name))
        if b.pledge_date:
            parts.append(translate("BlocsPage", "Pledge signed %1").replace(
                "%1", f"{b.pledge_date:%d/%m/%Y}"))
        parts.append(translate("BlocsPage", "%1 units, %2 criteria, total %3 points")
                     .replace("%1", str(b.member_count)).replace("%2", str(b.criterion_count))
                     .replace("%3", fmt_points(b.total_points)))
        self.heading.setText(" · ".join(parts))

    def data_changed(self) -> None:
        """Counts in the list and heading changed; the tabs re-read what they show."""
        self.reload_list()
        current = self.tabs.currentWidget()
        self._stale_tabs |= {t for t in (self.criteria, self.scoring, self.ranking)
                             if t is not current}

    def activated(self, **options: object) -> None:
        super().activated(**options)
        if "bloc_id" in options:
            bloc_id = options["bloc_id"]
            self.year_filter.setCurrentIndex(0)
            self.reload_list(bloc_id if isinstance(bloc_id, int) else None)

    # -- blocs -------------------------------------------------------------------------------
    @Slot()
    def new_bloc(self) -> None:
        saved = BlocDialog.ask(self, self.services, runner=self.ctx.runner)
        if saved is not None:
            self._after_saved(saved)

    @Slot()
    def edit_bloc(self) -> None:
        if self.bloc is None:
            return
        saved = BlocDialog.ask(self, self.services, self.bloc, runner=self.ctx.runner)
        if saved is not None:
            self._after_saved(saved, force=True)

    def _after_saved(self, saved: BlocRow, *, force: bool = False) -> None:
        if self.year_filter.currentData() not in (None, saved.year):
            self.year_filter.blockSignals(True)
            self.year_filter.setCurrentIndex(0)
            self.year_filter.blockSignals(False)
        self.reload()
        self.reload_list(saved.id, force=force)
        self.ctx.events.changed.emit("blocs")

    @Slot()
    def delete_bloc(self) -> None:
        b = self.bloc
        if b is None or not Messages.confirm(self, translate(
                "BlocsPage", "Move “%1” with its members and scores to the trash?")
                .replace("%1", b.name), yes_text=translate("BlocsPage", "Delete")):
            return
        blocs = self.services.blocs
        run_write(self.ctx.runner, self, lambda: blocs.delete(b.id),
                  saved=lambda _none: self._after_delete(),
                  controls=(self.delete_button, self.edit_button, self.next_year_button))

    def _after_delete(self) -> None:
        self.bloc = None
        self.reload()
        self.ctx.events.changed.emit("trash")

    @Slot()
    def start_next_year(self) -> None:
        b = self.bloc
        if b is None or not Messages.confirm(self, translate(
                "BlocsPage", "Start %1 for “%2”: a new bloc with the same members and criteria "
                "table (no scores)?").replace("%1", str(b.year + 1)).replace("%2", b.name),
                yes_text=translate("BlocsPage", "Start")):
            return
        blocs = self.services.blocs
        run_write(self.ctx.runner, self, lambda: blocs.start_next_year(b.id),
                  saved=self._after_next_year,
                  controls=(self.next_year_button, self.delete_button, self.edit_button))

    def _after_next_year(self, new: BlocRow) -> None:
        self._after_saved(new)
        self.ctx.host.notify(translate("BlocsPage", "“%1” created from last year's table.")
                             .replace("%1", new.name))

    # -- shared by the tabs ------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        Messages.error(self, text)

    def import_file(self, title: str, work: Callable[[Path], R], label: str,
                    done: Callable[[R], str], after: Callable[[], None]) -> None:
        """Pick a workbook and import it in the background; a wrong file is reported row by
        row and nothing is imported."""
        path = FileDialogs.open_file(self, title, self.folder, excel_filter())
        if path is None:
            return
        self.folder = path.parent

        def imported(result: R) -> None:
            self.ctx.host.notify(done(result))
            self.data_changed()
            after()

        def failed(exc: DomainError) -> None:
            if isinstance(exc, ValidationError):
                ImportReportDialog.ask(self, path.name, exc.problems)
            else:
                Messages.error(self, translate("BlocsPage", "Nothing was imported:") + "\n"
                               + str(exc))

        self.ctx.runner.task(lambda _p, _c: work(path), self).with_progress(
            label, cancellable=False).success(imported).failure(failed).run(writes=True)

    def export_file(self, title: str, suggested: str, work: Callable[[Path], Path]) -> None:
        """Choose where, then write the workbook in the background."""
        path = FileDialogs.save_file(self, title, self.folder / suggested, excel_filter())
        if path is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        self.folder = path.parent
        self.ctx.runner.task(lambda _p, _c: work(path), self).with_progress(
            translate("BlocsPage", "Writing the workbook…"), cancellable=False).success(
            lambda written: self.ctx.host.notify(translate("BlocsPage", "Saved to %1").replace(
                "%1", str(written)))).run()


def create_page(ctx: PageContext) -> Page:
    return BlocsPage(ctx)
