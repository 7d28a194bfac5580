"""Sao lưu: every backup in the backup folder (automatic ones of each day and week, the
officer's own, the safety copies kept before each restore) with its date, size and what it
holds; back up now, or restore one after confirmation."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Slot
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

from desktop.api.maintenance import OVERDUE_DAYS, BackupInfo
from desktop.i18n import translate
from desktop.views.formatting import QT_TRANSLATE_NOOP, format_int, format_size
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.itemmodels.roles import OBJECT_ROLE
from desktop.views.maintenance_actions import counts_text
from desktop.views.messages import open_folder
from desktop.views.pages.base import Page, PageContext, page_title

KIND_LABELS = {
    "daily": QT_TRANSLATE_NOOP("BackupsPage", "Automatic (daily)"),
    "weekly": QT_TRANSLATE_NOOP("BackupsPage", "Automatic (weekly)"),
    "close": QT_TRANSLATE_NOOP("BackupsPage", "Automatic (on closing)"),
    "manual": QT_TRANSLATE_NOOP("BackupsPage", "Made by the officer"),
    "safety": QT_TRANSLATE_NOOP("BackupsPage", "Before a restore"),
    "legacy": QT_TRANSLATE_NOOP("BackupsPage", "Old format (.db)"),
}


def kind_label(kind: str) -> str:
    return translate("BackupsPage", KIND_LABELS[kind]) if kind in KIND_LABELS else kind


class BackupsPage(Page):
    watches = ("backup",)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.loading = False
        self.model: RecordTableModel[BackupInfo] = RecordTableModel([
            Column(translate("BackupsPage", "Date"), lambda b: f"{b.created:%d/%m/%Y %H:%M}",
                   sort=lambda b: b.created.isoformat()),
            Column(translate("BackupsPage", "Kind"), lambda b: kind_label(b.kind)),
            Column(translate("BackupsPage", "Size"), lambda b: format_size(b.size),
                   sort=lambda b: b.size),
            Column(translate("BackupsPage", "Contents"), counts_text),
            Column(translate("BackupsPage", "File"), lambda b: b.path.name),
        ], self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 130)
        self.table.setColumnWidth(1, 170)
        self.table.setColumnWidth(2, 90)
        self.table.setColumnWidth(4, 280)

        self.backup_button = QPushButton(translate("BackupsPage", "Back up now"), self)
        self.restore_button = QPushButton(translate("BackupsPage", "Restore this backup…"), self)
        self.folder_button = QPushButton(translate("BackupsPage", "Open the backup folder"), self)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(self._open_folder)
        self.table.doubleClicked.connect(self.restore_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        hint = QLabel(translate(
            "BackupsPage", "A backup is made automatically on the first start of each day and "
            "on closing after changes; 7 daily and 4 weekly ones are kept. Each file holds the "
            "data, the attachment files and your templates, and is checked after writing."), self)
        hint.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.backup_button)
        bar.addWidget(self.restore_button)
        bar.addWidget(self.folder_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("BackupsPage", "Backups")))
        layout.addWidget(hint)
        layout.addWidget(self.status_label)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        if self.loading:
            return
        self.loading = True
        backend = self.ctx.backend
        (self.ctx.runner.task(lambda _progress, _cancel: backend.list_backups(), self)
         .success(self._show)
         .run()
         .finished.connect(self._loaded))

    def _loaded(self) -> None:
        self.loading = False

    def _show(self, backups: list[BackupInfo]) -> None:
        self.model.set_rows(backups)
        regular = [b for b in backups if b.kind != "safety"]
        if not regular:
            text = translate("BackupsPage", "There is no backup yet.")
        else:
            age = (datetime.now() - regular[0].created).days
            text = translate("BackupsPage", "{count} backups; the latest is from {when}.").format(
                count=format_int(len(backups)), when=f"{regular[0].created:%d/%m/%Y %H:%M}")
            if age > OVERDUE_DAYS:
                text += " " + translate("BackupsPage", "That is more than a week ago: back up now.")
        self.status_label.setText(text)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        item = rows[0].data(OBJECT_ROLE) if rows else None
        return item if isinstance(item, BackupInfo) else None

    def select_path(self, path: Path) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_object(row).path == path:
                self.table.selectRow(row)
                return True
        return False

    @Slot()
    def _update_buttons(self, *_args: object) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    @Slot()
    def backup_now(self) -> None:
        window = self.window()
        from desktop.views.main_window import MainWindow

        if isinstance(window, MainWindow):
            window.maintenance.run_backup(None)

    @Slot()
    def restore_selected(self, *_args: object) -> None:
        info = self.selected()
        window = self.window()
        from desktop.views.main_window import MainWindow

        if info is not None and isinstance(window, MainWindow):
            window.maintenance.restore_from(info.path)

    @Slot()
    def _open_folder(self) -> None:
        open_folder(Path(self.ctx.backend.paths.backups))


def create_page(ctx: PageContext) -> BackupsPage:
    return BackupsPage(ctx)
