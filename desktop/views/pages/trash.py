"""Thùng rác: everything deleted, newest first; restore puts it back (the service explains when
it cannot, e.g. "restore the parent unit first")."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.trash import TrashItem
from desktop.domain.errors import DatabaseBusyError, DomainError
from desktop.i18n import translate
from desktop.views.formatting import format_int, format_utc
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.itemmodels.roles import OBJECT_ROLE, SORT_ROLE
from desktop.views.messages import Messages
from desktop.views.pages.base import Page, PageContext, page_title
from desktop.views.writes import run_write

RestoreOutcome = tuple[list[str], list[str]]  # labels restored, Vietnamese problems


class TrashPage(Page):
    watches = ("trash", "people", "units")

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.restoring = False
        self.model: RecordTableModel[TrashItem] = RecordTableModel([
            Column(translate("TrashPage", "Kind"), lambda item: item.kind_label),
            Column(translate("TrashPage", "Name"), lambda item: item.label),
            Column(translate("TrashPage", "Detail"), lambda item: item.detail or ""),
            Column(translate("TrashPage", "Deleted at"), lambda item: format_utc(item.deleted_at),
                   sort=lambda item: item.deleted_at.isoformat()),
        ], self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(2, 200)
        self.table.setColumnWidth(3, 150)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.restore_button = QPushButton(translate("TrashPage", "Restore"), self)
        self.restore_button.setMinimumWidth(110)
        self.refresh_button = QPushButton(translate("TrashPage", "Refresh"), self)
        self.count_label = QLabel(self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.refresh_button.clicked.connect(self.reload)
        self.table.doubleClicked.connect(self.restore_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        hint = QLabel(translate(
            "TrashPage", "Deleted records stay here until restored. Restoring puts a record "
            "back exactly as it was."), self)
        hint.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.restore_button)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("TrashPage", "Trash")))
        layout.addWidget(hint)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        items = self.services.trash.items()
        self.model.set_rows(items)
        self.count_label.setText(translate("TrashPage", "{count} items").format(
            count=format_int(len(items))))
        self._update_buttons()

    def selected_items(self) -> list[TrashItem]:
        items = [index.data(OBJECT_ROLE) for index in self.table.selectionModel().selectedRows()]
        return [item for item in items if isinstance(item, TrashItem)]

    def select_item(self, kind: str, record_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            item = self.proxy.index(row, 0).data(OBJECT_ROLE)
            if isinstance(item, TrashItem) and item.kind == kind and item.id == record_id:
                self.table.selectRow(row)
                return True
        return False

    @Slot()
    def _update_buttons(self, *_args: object) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    @Slot()
    def restore_selected(self, *_args: object) -> None:
        items = self.selected_items()
        if not items or self.restoring:
            return
        # Parents before children: units first, then the people and records inside them.
        order = {"unit": 0, "person": 1}
        ordered = sorted(items, key=lambda i: order.get(i.kind, 2))
        trash = self.services.trash

        def restore_all() -> RestoreOutcome:
            restored: list[str] = []
            problems: list[str] = []
            for item in ordered:
                try:
                    trash.restore(item.kind, item.id)
                    restored.append(item.label)
                except DatabaseBusyError:
                    if not restored:
                        raise  # nothing done yet: the runner offers "Thử lại" for all of it
                    problems.append(str(DatabaseBusyError()))
                except DomainError as exc:
                    problems.append(str(exc))
            return restored, problems

        self.restoring = True
        run_write(self.ctx.runner, self, restore_all, saved=self._after_restore,
                  settled=self._settled, controls=(self.restore_button,))

    def _settled(self) -> None:
        self.restoring = False

    def _after_restore(self, outcome: RestoreOutcome) -> None:
        restored, problems = outcome
        if restored:
            for kind in ("trash", "units", "people"):
                self.ctx.events.changed.emit(kind)
            self.ctx.host.notify(translate("TrashPage", "Restored: {names}.").format(
                names=", ".join(restored[:5]) + ("…" if len(restored) > 5 else "")))
        if problems:
            Messages.error(self, "\n".join(problems))


def create_page(ctx: PageContext) -> TrashPage:
    return TrashPage(ctx)
