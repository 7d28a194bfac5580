"""Đồng bộ (gói dữ liệu): dossiers up and decisions down as signed ``.tdkt`` files carried by
USB stick or e-mail (docs/package-format.md). Four tabs: Xuất gói (sync_export.py), Nhập gói
(sync_import.py), the history of packages sent and received, and this office's key with the
list of trusted senders. Every call goes to ``services.sync``, in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api.rounds import RoundRow
from desktop.api.sync import KeyInfo, PackageDocument, PackageKind, PackageLogRow, TrustedSenderRow
from desktop.i18n import translate
from desktop.views import messages
from desktop.views.dialogs.sync_trust_dialog import fingerprint_font
from desktop.views.formatting import format_int, format_utc
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.itemmodels.roles import OBJECT_ROLE, SORT_ROLE
from desktop.views.messages import Messages
from desktop.views.pages.base import Page, PageContext, page_title
from desktop.views.pages.sync_documents import DocumentsBox, open_copy
from desktop.views.pages.sync_export import ExportTab
from desktop.views.pages.sync_import import ImportTab
from desktop.views.writes import run_write


def _table(parent: QWidget, model: QAbstractItemModel) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


def _acknowledged(row: PackageLogRow) -> str:
    if row.direction != "sent" or row.kind is not PackageKind.UPWARD:
        return "—"
    if row.acknowledged_at is None:
        return translate("SyncHistory", "Waiting for the receipt")
    return translate("SyncHistory", "Received %1").replace("%1", format_utc(row.acknowledged_at))


class HistoryTab(QWidget):
    """Packages sent and received, newest first, with whether the receiver acknowledged."""

    def __init__(self, page: SyncPage) -> None:
        super().__init__(page)
        self.page = page
        self.model: RecordTableModel[PackageLogRow] = RecordTableModel([
            Column(translate("SyncHistory", "Handled"), lambda r: format_utc(r.handled_at),
                   sort=lambda r: r.handled_at.isoformat()),
            Column(translate("SyncHistory", "Direction"),
                   lambda r: translate("SyncHistory", "Sent") if r.direction == "sent"
                   else translate("SyncHistory", "Received")),
            Column(translate("SyncHistory", "Package"), lambda r: r.kind.label),
            Column(translate("SyncHistory", "Other office"), lambda r: r.peer_office_name,
                   tooltip=lambda r: r.peer_office_name),
            Column(translate("SyncHistory", "Records"),
                   lambda r: format_int(sum(r.counts.values())),
                   sort=lambda r: sum(r.counts.values()), align_right=True),
            Column(translate("SyncHistory", "Receipt"), _acknowledged),
            Column(translate("SyncHistory", "File"), lambda r: Path(r.file_name).name,
                   tooltip=lambda r: r.file_name),
        ], self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = _table(self, self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        for column, sample in ((0, "00/00/0000 00:00"), (1, "Nhận về"),
                               (2, "Hồ sơ đề nghị gửi lên"), (4, "Số bản ghi"),
                               (5, "Chờ biên nhận"), (6, "len_XBB_20261202-103035.tdkt")):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 28)
        self.count_label = QLabel(self)
        self.folder_button = QPushButton(translate("SyncHistory", "Open the file's folder"), self)
        self.folder_button.setEnabled(False)
        self.folder_button.clicked.connect(self.open_folder)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.documents_box = DocumentsBox(self)
        self.documents_box.open_requested.connect(self.open_document)
        hint = QLabel(translate(
            "SyncHistory", "An upward package is acknowledged when the receipt the upper level "
            "sends back is imported here; the next incremental package then holds only what "
            "changed after it."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #505050;")
        bar = QHBoxLayout()
        bar.addWidget(self.folder_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.documents_box)

    def show_rows(self, rows: list[PackageLogRow]) -> None:
        self.model.set_rows(rows)
        self.count_label.setText(translate("SyncHistory", "%1 packages").replace(
            "%1", format_int(len(rows))) if rows else translate(
            "SyncHistory", "No package sent or received yet."))
        self._update_buttons()

    def selected(self) -> PackageLogRow | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].data(OBJECT_ROLE) if rows else None
        return row if isinstance(row, PackageLogRow) else None

    @Slot()
    def _update_buttons(self, *_args: object) -> None:
        row = self.selected()
        self.folder_button.setEnabled(row is not None)
        self.documents_box.set_documents(row.documents if row is not None else ())

    def open_document(self, doc: PackageDocument) -> None:
        """A copy of a document the package carried, kept here when it was sent or imported."""
        sync = self.page.services.sync
        open_copy(self.page.ctx.runner, self, lambda: sync.stored_document(doc))

    @Slot()
    def open_folder(self) -> None:
        row = self.selected()
        if row is None:
            return
        folder = Path(row.file_name).parent
        if not folder.is_dir():
            Messages.error(self, translate("SyncHistory", "The folder %1 is not there any more "
                                                          "(the USB stick may be unplugged).")
                           .replace("%1", str(folder)))
            return
        messages.open_folder(folder)


class KeysTab(QWidget):
    """This office's fingerprint, large enough to read out on the phone, and the offices whose
    packages are trusted here, each revocable."""

    def __init__(self, page: SyncPage) -> None:
        super().__init__(page)
        self.page = page
        self.key: KeyInfo | None = None
        own = QGroupBox(translate("SyncKeys", "This office's fingerprint"), self)
        self.office_label = QLabel(own)
        self.office_label.setWordWrap(True)
        self.fingerprint_label = QLabel("…", own)
        self.fingerprint_label.setFont(fingerprint_font(self.font(), 2.6))
        self.fingerprint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fingerprint_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.fingerprint_label.setMinimumHeight(int(self.fingerprint_label.sizeHint().height()
                                                    * 1.5))
        self.copy_button = QPushButton(translate("SyncKeys", "Copy the code"), own)
        self.copy_button.clicked.connect(self.copy_fingerprint)
        explain = QLabel(translate(
            "SyncKeys", "Every package this office writes is signed with its key. The first "
            "time another office imports one, its officer phones you: read them this code, "
            "group by group. It identifies this installation; never send it in the same "
            "e-mail as a package."), own)
        explain.setWordWrap(True)
        explain.setStyleSheet("color: #505050;")
        own_layout = QVBoxLayout(own)
        own_layout.addWidget(self.office_label)
        code_row = QHBoxLayout()
        code_row.addWidget(self.fingerprint_label, 1)
        code_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignBottom)
        own_layout.addLayout(code_row)
        own_layout.addWidget(explain)

        trusted = QGroupBox(translate("SyncKeys", "Trusted senders"), self)
        self.model: RecordTableModel[TrustedSenderRow] = RecordTableModel([
            Column(translate("SyncKeys", "Office"), lambda r: r.office_name,
                   tooltip=lambda r: r.installation_uuid),
            Column(translate("SyncKeys", "Unit code"), lambda r: r.unit_code),
            Column(translate("SyncKeys", "Fingerprint"), lambda r: r.fingerprint),
            Column(translate("SyncKeys", "Trusted since"), lambda r: format_utc(r.trusted_at),
                   sort=lambda r: r.trusted_at.isoformat()),
            Column(translate("SyncKeys", "State"), self._state),
        ], self)
        self.table = _table(trusted, self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        for column, sample in ((1, "Mã đơn vị"), (2, "7K3D-Q9TX-M2PA-H0RB"),
                               (3, "00/00/0000 00:00"), (4, "Thu hồi 00/00/0000 00:00")):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 28)
        self.revoke_button = QPushButton(translate("SyncKeys", "Revoke"), trusted)
        self.revoke_button.setEnabled(False)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        trusted_hint = QLabel(translate(
            "SyncKeys", "An office enters this list when you confirm its fingerprint on "
            "importing its first package. Revoke an office whose computer was lost or whose "
            "key may be known to others: its packages are refused from then on."), trusted)
        trusted_hint.setWordWrap(True)
        trusted_hint.setStyleSheet("color: #505050;")
        bar = QHBoxLayout()
        bar.addWidget(self.revoke_button)
        bar.addStretch(1)
        trusted_layout = QVBoxLayout(trusted)
        trusted_layout.addWidget(trusted_hint)
        trusted_layout.addLayout(bar)
        trusted_layout.addWidget(self.table, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(own)
        layout.addWidget(trusted, 1)

    @staticmethod
    def _state(row: TrustedSenderRow) -> str:
        if row.revoked_at is None:
            return translate("SyncKeys", "Trusted")
        return translate("SyncKeys", "Revoked %1").replace("%1", format_utc(row.revoked_at))

    def show_key(self, key: KeyInfo) -> None:
        self.key = key
        code = f" ({key.unit_code})" if key.unit_code else ""
        self.office_label.setText(f"{key.office_name}{code}")
        self.fingerprint_label.setText(key.fingerprint)

    def show_missing_key(self, why: str) -> None:
        self.key = None
        self.office_label.setText(why)
        self.fingerprint_label.setText("—")

    def show_trusted(self, rows: list[TrustedSenderRow]) -> None:
        self.model.set_rows(rows)
        self._update_buttons()

    def selected(self) -> TrustedSenderRow | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].data(OBJECT_ROLE) if rows else None
        return row if isinstance(row, TrustedSenderRow) else None

    def select_office(self, office_name: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_object(row).office_name == office_name:
                self.table.selectRow(row)
                return True
        return False

    @Slot()
    def _update_buttons(self, *_args: object) -> None:
        row = self.selected()
        self.revoke_button.setEnabled(row is not None and row.revoked_at is None)

    @Slot()
    def copy_fingerprint(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self.key is not None and clipboard is not None:
            clipboard.setText(self.key.fingerprint)
            self.page.ctx.host.notify(translate("SyncKeys", "Fingerprint copied."))

    @Slot()
    def revoke_selected(self) -> None:
        row = self.selected()
        if row is None or row.revoked_at is not None:
            return
        if not Messages.confirm(self, translate(
                "SyncKeys", "Revoke “%1” (fingerprint %2)? Its packages will be refused from "
                "now on, and this key cannot be trusted again: that office will have to make a "
                "new key.").replace("%1", row.office_name).replace("%2", row.fingerprint),
                yes_text=translate("SyncKeys", "Revoke")):
            return
        sync, trusted_id = self.page.services.sync, row.id
        run_write(self.page.ctx.runner, self, lambda: sync.revoke(trusted_id),
                  saved=lambda _row: self.page.trust_changed(), controls=(self.revoke_button,))


class SyncPage(Page):
    watches = ("rounds", "sync")

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.export_tab = ExportTab(self)
        self.import_tab = ImportTab(self)
        self.history_tab = HistoryTab(self)
        self.keys_tab = KeysTab(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.export_tab, translate("SyncPage", "Export a package"))
        self.tabs.addTab(self.import_tab, translate("SyncPage", "Import packages"))
        self.tabs.addTab(self.history_tab, translate("SyncPage", "History"))
        self.tabs.addTab(self.keys_tab, translate("SyncPage", "Keys and trust"))
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("Pages", "Sync (data packages)")))
        layout.addWidget(self.tabs, 1)
        self.export_tab.set_office(ctx.backend.installation)  # the default kind, at once
        self.reload()
        self.load_key()

    def reload(self) -> None:
        """Rounds, trusted senders and the history, read in the background."""
        services = self.services

        def work(_progress: object, _cancel: object) -> tuple[
                list[RoundRow], list[TrustedSenderRow], list[PackageLogRow]]:
            return (services.rounds.list(), services.sync.trusted_senders(),
                    services.sync.history())

        self.ctx.runner.task(work, self).success(lambda found: self._show(*found)).run()

    def _show(self, rounds: list[RoundRow], trusted: list[TrustedSenderRow],
              history: list[PackageLogRow]) -> None:
        self.export_tab.set_office(self.ctx.backend.installation)
        self.export_tab.set_rounds(rounds)
        self.export_tab.set_recipients(trusted)
        self.import_tab.set_rounds(rounds)
        self.keys_tab.show_trusted(trusted)
        self.history_tab.show_rows(history)

    def load_key(self) -> None:
        """This office's key (made on first use, hence a write). A database not set up yet
        has no office to sign for: the tab says so, no message box pops up."""
        if self.ctx.backend.installation is None:
            self.keys_tab.show_missing_key(translate(
                "SyncPage", "This database has no office set up yet."))
            return
        sync = self.services.sync
        run_write(self.ctx.runner, self, sync.key_info, saved=self.keys_tab.show_key,
                  refused=lambda error: self.keys_tab.show_missing_key(str(error)))

    def activated(self, **options: object) -> None:
        """``tab="history"`` (a link from the overview) shows the package log."""
        super().activated(**options)
        if options.get("tab") == "history":
            self.tabs.setCurrentWidget(self.history_tab)

    def trust_changed(self) -> None:
        self.ctx.events.changed.emit("sync")

    def history_changed(self) -> None:
        self.ctx.events.changed.emit("sync")


def create_page(ctx: PageContext) -> SyncPage:
    return SyncPage(ctx)
