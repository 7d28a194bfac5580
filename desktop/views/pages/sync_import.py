"""Nhập gói: one or several ``.tdkt`` files → each checked (signature, hashes, sender) in the
background → an unknown sender is confirmed by phone (``TrustDialog``) → the dry run of each
package as a table with counts, filters, and conflicts shown side by side for the officer to
decide → "Nhập" (only once no conflict is open) backs up and applies every ready package in
the background → a report with the backup and the receipts to send back."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.api.rounds import RoundRow
from desktop.api.sync import (
    Action,
    ImportPreview,
    PackageDocument,
    PackageHeader,
    PackageKind,
    PreviewItem,
    Resolution,
    TrustState,
)
from desktop.domain.errors import Cancelled, DatabaseBusyError, DomainError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.i18n import translate
from desktop.views.dialogs.sync_report_dialog import ImportOutcome, SyncReportDialog
from desktop.views.dialogs.sync_trust_dialog import TrustDialog
from desktop.views.formatting import format_int, format_utc
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.itemmodels.roles import OBJECT_ROLE
from desktop.views.itemmodels.sync_preview_model import (
    ACTION,
    CHOICE,
    DETAIL,
    ENTITY,
    ENTITY_ORDER,
    RECORD,
    PreviewFilter,
    PreviewModel,
    ResolutionDelegate,
    count_cell,
    counts_rows,
    entity_title,
    field_title,
    item_key,
    record_label,
)
from desktop.views.messages import Messages
from desktop.views.pages.sync_documents import DocumentsBox, open_copy

if TYPE_CHECKING:
    from desktop.views.pages.sync_page import SyncPage

Index = QModelIndex | QPersistentModelIndex
PACKAGE_SUFFIX = ".tdkt"
NEEDS_TRUST = (TrustState.UNKNOWN, TrustState.CHANGED)


class PackageFiles:
    """The file choosers of the sync page (tests replace these classmethods)."""

    @classmethod
    def open_many(cls, parent: QWidget, folder: Path) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            parent, translate("SyncImport", "Choose data packages"), str(folder),
            translate("SyncImport", "TĐKT data package (*.tdkt);;All files (*)"))
        return [Path(name) for name in names]

    @classmethod
    def folder(cls, parent: QWidget, folder: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(
            parent, translate("SyncImport", "Choose a folder of data packages"), str(folder))
        return Path(name) if name else None

    @classmethod
    def documents(cls, parent: QWidget, folder: Path) -> list[Path]:
        """Files to send with an upward package (the signed scan of the tờ trình…)."""
        names, _ = QFileDialog.getOpenFileNames(
            parent, translate("SyncImport", "Choose files to attach"), str(folder),
            translate("SyncImport", "Documents (*.pdf *.docx *.doc *.jpg *.jpeg *.png);;"
                                    "All files (*)"))
        return [Path(name) for name in names]

    @classmethod
    def save(cls, parent: QWidget, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, translate("SyncImport", "Save the data package"), str(suggested),
            translate("SyncImport", "TĐKT data package (*.tdkt)"))
        return Path(name) if name else None


@dataclass(eq=False)
class PackageEntry:
    """A chosen file and what is known of it so far."""

    path: Path
    header: PackageHeader | None = None
    preview: ImportPreview | None = None
    problem: str = ""
    busy: str = ""  # "inspect" | "preview" | ""
    # "entity:uuid" → the officer's choice (None: a conflict not decided yet)
    choices: dict[str, Resolution | None] = field(default_factory=dict)
    outcome: ImportOutcome | None = None
    generation: int = 0  # a newer inspection or preview request makes older answers stale
    conflicts: list[PreviewItem] = field(default_factory=list)  # of ``preview``

    @property
    def needs_trust(self) -> bool:
        return self.header is not None and self.header.trust in NEEDS_TRUST

    @property
    def upward(self) -> bool:
        return self.header is not None and self.header.kind is PackageKind.UPWARD

    @property
    def needs_round(self) -> bool:
        return self.upward and self.header is not None \
            and self.header.counts.get("nominations", 0) > 0

    @property
    def unresolved(self) -> int:
        return sum(1 for item in self.conflicts if self.choices.get(item_key(item)) is None)

    @property
    def ready(self) -> bool:
        return (self.preview is not None and not self.problem and not self.busy
                and self.outcome is None and not self.needs_trust and self.unresolved == 0
                and self.header is not None and self.header.already_imported is None)

    def resolutions(self) -> dict[str, Resolution]:
        return {key: choice for key, choice in self.choices.items() if choice is not None}

    @property
    def sender(self) -> str:
        if self.header is not None and self.header.sender_office_name:
            return self.header.sender_office_name
        return self.path.name


def entry_status(entry: PackageEntry, round_chosen: bool) -> str:
    if entry.outcome is not None:  # not applied: it had been imported before
        if entry.outcome.applied:
            return translate("SyncImport", "Imported")
        return translate("SyncImport", "Already imported")
    if entry.busy == "inspect" or (entry.header is None and not entry.problem):
        return translate("SyncImport", "Checking…")
    if entry.problem:
        return translate("SyncImport", "Refused")
    if entry.needs_trust:
        return translate("SyncImport", "Sender not trusted")
    header = entry.header
    if header is not None and header.already_imported is not None:
        return translate("SyncImport", "Already imported")
    if entry.needs_round and not round_chosen:
        return translate("SyncImport", "Choose the receiving round")
    if entry.busy == "preview" or entry.preview is None:
        return translate("SyncImport", "Previewing…")
    if entry.unresolved:
        return translate("SyncImport", "%1 conflicts to decide").replace(
            "%1", format_int(entry.unresolved))
    return translate("SyncImport", "Ready to import")


CountsRow = tuple[str, dict[Action, int]]


def _counts_title(row: CountsRow) -> str:
    return entity_title(row[0]) if row[0] else translate("SyncImport", "Total")


def _count_column(action: Action) -> Column[CountsRow]:
    return Column(action.label, lambda row: count_cell(row[1], action), align_right=True)


class ImportTab(QWidget):
    def __init__(self, page: SyncPage) -> None:
        super().__init__(page)
        self.page = page
        self.entries: list[PackageEntry] = []
        self.chosen_files: list[Path] = []  # every file picked, parts of packages included
        self._trust_queue: list[PackageEntry] = []
        self._prompting = False
        self._shown: PackageEntry | None = None
        self._shown_preview: ImportPreview | None = None
        self.importing = False

        self.files_button = QPushButton(translate("SyncImport", "Choose package files…"), self)
        self.folder_button = QPushButton(translate("SyncImport", "Choose a folder…"), self)
        self.remove_button = QPushButton(translate("SyncImport", "Remove from the list"), self)
        self.round_combo = QComboBox(self)
        self.round_combo.setMinimumWidth(300)
        self.round_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.round_combo.setMinimumContentsLength(28)
        self.round_combo.setToolTip(translate(
            "SyncImport", "The round of this office that receives the nominations of upward "
                          "packages"))
        self.import_button = QPushButton(translate("SyncImport", "Import"), self)
        self.import_button.setMinimumWidth(110)
        self.import_button.setEnabled(False)
        self.state_label = QLabel(self)
        self.state_label.setWordWrap(True)
        self.state_label.setSizePolicy(QSizePolicy.Policy.Expanding,
                                       QSizePolicy.Policy.Preferred)

        self.packages_model: RecordTableModel[PackageEntry] = RecordTableModel([
            Column(translate("SyncImport", "Sending office"), lambda e: e.sender,
                   tooltip=lambda e: str(e.path)),
            Column(translate("SyncImport", "Status"), self._status_of,
                   tooltip=lambda e: e.problem or (e.outcome.report.message
                                                   if e.outcome and e.outcome.report else "")),
        ], self)
        self.packages_view = QTableView(self)
        self.packages_view.setModel(self.packages_model)
        self.packages_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.packages_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.packages_view.verticalHeader().setVisible(False)
        self.packages_view.setWordWrap(False)
        # "Ủy ban nhân dân xã …": the end of an office's name is what tells two apart
        self.packages_view.setTextElideMode(Qt.TextElideMode.ElideLeft)
        self.packages_view.setAlternatingRowColors(True)
        header = self.packages_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.packages_view.setColumnWidth(1, self.packages_view.fontMetrics().horizontalAdvance(
            translate("SyncImport", "Sender not trusted")) + 16)

        # -- the chosen package -----------------------------------------------------------------
        self.header_label = QLabel(self)
        self.header_label.setWordWrap(True)
        self.header_label.setTextFormat(Qt.TextFormat.RichText)
        self.header_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.trust_button = QPushButton(translate("SyncImport", "Trust the sender…"), self)
        self.trust_button.hide()
        self.counts_model: RecordTableModel[CountsRow] = RecordTableModel(
            [Column(translate("SyncImport", "Record type"), _counts_title),
             *(_count_column(action) for action in Action)], self)
        self.counts_view = QTableView(self)
        self.counts_view.setModel(self.counts_model)
        self.counts_view.verticalHeader().setVisible(False)
        self.counts_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.counts_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row_height = self.counts_view.fontMetrics().height() + 6
        self.counts_view.verticalHeader().setDefaultSectionSize(row_height)
        self.counts_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        counts_header = self.counts_view.horizontalHeader()
        counts_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(Action) + 1):
            counts_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.counts_view.setColumnWidth(column, max(
                78, self.counts_view.fontMetrics().horizontalAdvance(list(Action)[column - 1].label)
                + 18))

        self.documents_box = DocumentsBox(self)
        self.documents_box.setToolTip(translate(
            "SyncImport", "The tờ trình, the council's minutes and the files the sender added; "
            "they are kept here with the package once it is imported."))

        self.entity_filter = QComboBox(self)
        self.action_filter = QComboBox(self)
        self.action_filter.addItem(translate("SyncImport", "Every action"), None)
        for action in Action:
            if action is not Action.UNCHANGED:  # unchanged records are counted, not listed
                self.action_filter.addItem(action.label, action.value)
        self.conflicts_label = QLabel(self)
        self.conflicts_label.setWordWrap(True)
        self.defaults_button = QPushButton(translate("SyncImport", "Use the suggestions"), self)
        self.defaults_button.setToolTip(translate(
            "SyncImport", "Handle every conflict still open the way the program suggests"))

        self.preview_model = PreviewModel(self)
        self.proxy = PreviewFilter(self)
        self.proxy.setSourceModel(self.preview_model)
        self.preview_view = QTableView(self)
        self.preview_view.setModel(self.proxy)
        self.preview_view.setItemDelegateForColumn(CHOICE, ResolutionDelegate(self.preview_view))
        self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.SelectedClicked
                                          | QAbstractItemView.EditTrigger.DoubleClicked
                                          | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.preview_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.preview_view.setWordWrap(False)
        self.preview_view.verticalHeader().setVisible(False)
        self.preview_view.verticalHeader().setDefaultSectionSize(
            self.preview_view.fontMetrics().height() + 12)
        self.preview_view.setSortingEnabled(True)
        self.preview_view.horizontalHeader().setSortIndicator(ACTION, Qt.SortOrder.AscendingOrder)
        preview_header = self.preview_view.horizontalHeader()
        preview_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        preview_header.setSectionResizeMode(RECORD, QHeaderView.ResizeMode.Stretch)
        preview_header.setSectionResizeMode(DETAIL, QHeaderView.ResizeMode.Stretch)
        metrics = self.preview_view.fontMetrics()
        self.preview_view.setColumnWidth(ENTITY, metrics.horizontalAdvance("Đề nghị khen thưởng")
                                         + 20)
        action_title = str(self.preview_model.headerData(ACTION, Qt.Orientation.Horizontal))
        self.preview_view.setColumnWidth(ACTION, max(
            metrics.horizontalAdvance(text) for text in (action_title, *(a.label for a in Action)))
            + 34)  # room for the sort arrow
        self.preview_view.setColumnWidth(CHOICE, metrics.horizontalAdvance(
            "Gộp vào bản ghi đã có") + 36)

        self.compare_box = QGroupBox(translate("SyncImport", "Selected record: here and in the "
                                                             "package"), self)
        self.compare_title = QLabel(self.compare_box)
        self.compare_title.setWordWrap(True)
        self.compare_table = QTableWidget(0, 3, self.compare_box)
        self.compare_table.setHorizontalHeaderLabels([
            translate("SyncImport", "Field"), translate("SyncImport", "Here"),
            translate("SyncImport", "In the package")])
        self.compare_table.verticalHeader().setVisible(False)
        self.compare_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.compare_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        compare_header = self.compare_table.horizontalHeader()
        compare_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        compare_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        compare_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.compare_table.setColumnWidth(0, 130)
        self.options_box = QWidget(self.compare_box)
        self.options_layout = QVBoxLayout(self.options_box)
        self.options_layout.setContentsMargins(0, 0, 0, 0)
        self.options_group = QButtonGroup(self)
        self.options_group.setExclusive(True)
        self.option_buttons: list[QPushButton] = []
        compare_row = QHBoxLayout()
        compare_row.addWidget(self.compare_table, 1)
        compare_row.addWidget(self.options_box)
        compare_layout = QVBoxLayout(self.compare_box)
        compare_layout.setContentsMargins(8, 6, 8, 6)
        compare_layout.addWidget(self.compare_title)
        compare_layout.addLayout(compare_row, 1)

        # -- layout -----------------------------------------------------------------------------
        top = QHBoxLayout()
        top.addWidget(self.files_button)
        top.addWidget(self.folder_button)
        top.addWidget(self.remove_button)
        top.addSpacing(16)
        top.addWidget(QLabel(translate("SyncImport", "Receiving round:"), self))
        top.addWidget(self.round_combo, 1)
        top.addSpacing(16)
        top.addWidget(self.import_button)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(translate("SyncImport", "Chosen packages"), left))
        left_layout.addWidget(self.packages_view, 1)
        # under the list, where there is room: the preview on the right keeps its height
        left_layout.addWidget(self.documents_box)

        details = QWidget(self)
        heading = QHBoxLayout()
        heading.addWidget(self.header_label, 1)
        heading.addWidget(self.trust_button, 0, Qt.AlignmentFlag.AlignTop)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(translate("SyncImport", "Show:"), details))
        filters.addWidget(self.entity_filter)
        filters.addWidget(self.action_filter)
        filters.addWidget(self.conflicts_label, 1)
        filters.addWidget(self.defaults_button)
        lower = QSplitter(Qt.Orientation.Vertical, details)
        lower.addWidget(self.preview_view)
        lower.addWidget(self.compare_box)
        # a person matched here is compared field by field: room for several rows
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        lower.setChildrenCollapsible(False)
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addLayout(heading)
        details_layout.addWidget(self.counts_view)
        details_layout.addLayout(filters)
        details_layout.addWidget(lower, 1)

        self.empty_label = QLabel(translate(
            "SyncImport", "Choose one or several .tdkt files (or a folder of them) received "
            "from other offices. Each package is checked (signature, integrity, sender) and "
            "previewed here; nothing is written until you press “Import”, and a backup is "
            "made first."), self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #505050;")
        self.empty_label.setMargin(40)
        self.right = QStackedWidget(self)
        self.right.addWidget(self.empty_label)
        self.right.addWidget(details)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([350, 850])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state_label)
        layout.addWidget(splitter, 1)

        self.files_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        self.remove_button.clicked.connect(self.remove_current)
        self.import_button.clicked.connect(self.import_ready)
        self.trust_button.clicked.connect(self._trust_current)
        self.documents_box.open_requested.connect(self.open_document)
        self.defaults_button.clicked.connect(self.use_suggestions)
        self.round_combo.currentIndexChanged.connect(self._on_round_changed)
        self.entity_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.action_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.packages_view.selectionModel().currentRowChanged.connect(self._on_package_changed)
        self.preview_view.selectionModel().currentRowChanged.connect(self._on_item_changed)
        self.preview_model.choices_changed.connect(self._on_choices_changed)
        self.options_group.idClicked.connect(self._on_option_clicked)
        self._refresh()

    # -- rounds ---------------------------------------------------------------------------------
    def set_rounds(self, rounds: Sequence[RoundRow]) -> None:
        current = self.round_id
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        self.round_combo.addItem(translate("SyncImport", "— choose a round —"), None)
        for row in rounds:
            self.round_combo.addItem(f"{row.name} ({row.year})", row.id)
            if row.id == current:
                self.round_combo.setCurrentIndex(self.round_combo.count() - 1)
        self.round_combo.blockSignals(False)
        if self.round_id != current:
            self._on_round_changed()

    @property
    def round_id(self) -> int | None:
        data = self.round_combo.currentData()
        return data if isinstance(data, int) else None

    def choose_round(self, round_id: int) -> bool:
        index = self.round_combo.findData(round_id)
        if index >= 0:
            self.round_combo.setCurrentIndex(index)
        return index >= 0

    @Slot()
    def _on_round_changed(self, *_args: object) -> None:
        for entry in self.entries:
            if entry.upward and entry.outcome is None and not entry.needs_trust \
                    and entry.header is not None and entry.header.already_imported is None:
                self.preview(entry)
        self._refresh()

    # -- choosing files -------------------------------------------------------------------------
    def _last_folder(self) -> Path:
        return self.page.ctx.settings.last_folder("sync-import", Path.home())

    @Slot()
    def choose_files(self) -> None:
        paths = PackageFiles.open_many(self, self._last_folder())
        if paths:
            self.page.ctx.settings.set_last_folder("sync-import", paths[0].parent)
            self.add_paths(paths)

    @Slot()
    def choose_folder(self) -> None:
        folder = PackageFiles.folder(self, self._last_folder())
        if folder is None:
            return
        self.page.ctx.settings.set_last_folder("sync-import", folder)
        try:
            paths = sorted(p for p in folder.iterdir()
                           if p.is_file() and p.suffix.lower() == PACKAGE_SUFFIX)
        except OSError:
            paths = []
        if not paths:
            Messages.info(self, translate("SyncImport", "The folder %1 holds no data package "
                                                        "(.tdkt file).").replace("%1", str(folder)))
            return
        self.add_paths(paths)

    def add_paths(self, paths: Sequence[Path]) -> None:
        """Add the files not in the list yet and check each in the background. The parts of a
        package cut for email stand in the list as one package."""
        self.chosen_files.extend(p for p in paths if p not in self.chosen_files)
        known = {e.path.resolve() for e in self.entries}
        added: list[PackageEntry] = []
        for path in self.page.services.sync.package_files(list(paths)):
            if path.resolve() in known:
                continue
            known.add(path.resolve())
            entry = PackageEntry(path)
            self.entries.append(entry)
            added.append(entry)
        self.packages_model.set_rows(self.entries)
        if added:
            self._select(added[0])
        for entry in added:
            self.inspect(entry)
        self._refresh()

    @Slot()
    def remove_current(self) -> None:
        entry = self.current_entry()
        if entry is None or entry.busy or self.importing:
            return
        self.entries.remove(entry)
        if entry in self._trust_queue:
            self._trust_queue.remove(entry)
        self.packages_model.set_rows(self.entries)
        if self.entries:
            self.packages_view.selectRow(0)
        self._refresh()

    # -- checking and previewing ------------------------------------------------------------------
    def inspect(self, entry: PackageEntry) -> None:
        """Read the package's header again (a newer request wins: a file read before its
        sender was trusted must not ask the same question again)."""
        entry.generation += 1
        generation = entry.generation
        entry.busy, entry.problem = "inspect", ""
        sync, path = self.page.services.sync, entry.path
        parts = tuple(self.chosen_files)
        (self.page.ctx.runner.task(lambda _p, _c: sync.inspect(path, parts), self)
         .success(lambda header: self._inspected(entry, header, generation))
         .failure(lambda error: self._failed(entry, error, generation))
         .run())

    def _inspected(self, entry: PackageEntry, header: PackageHeader, generation: int) -> None:
        if generation != entry.generation:
            return
        entry.busy, entry.header = "", header
        if entry.needs_trust:
            self._ask_trust(entry)
        elif header.already_imported is None and entry in self.entries:
            self.preview(entry)
        self._refresh()

    def preview(self, entry: PackageEntry) -> None:
        """The dry run of ``entry`` with its choices so far (a newer request wins)."""
        entry.generation += 1
        entry.preview, entry.problem, entry.conflicts = None, "", []
        if entry.needs_round and self.round_id is None:
            entry.busy = ""
            self._refresh()
            return
        entry.busy = "preview"
        generation = entry.generation
        sync, path = self.page.services.sync, entry.path
        round_id = self.round_id if entry.upward else None
        resolutions = entry.resolutions()
        parts = tuple(self.chosen_files)
        (self.page.ctx.runner.task(
            lambda _p, cancel: sync.preview(path, round_id, resolutions, cancel=cancel,
                                            parts=parts), self)
         .success(lambda preview: self._previewed(entry, generation, preview))
         .failure(lambda error: self._failed(entry, error, generation))
         .run())
        self._refresh()

    def _previewed(self, entry: PackageEntry, generation: int, preview: ImportPreview) -> None:
        if generation != entry.generation:
            return
        entry.busy, entry.preview, entry.header = "", preview, preview.header
        entry.conflicts = preview.conflicts
        self._refresh()

    def _failed(self, entry: PackageEntry, error: DomainError, generation: int = -1) -> None:
        if generation not in (-1, entry.generation):
            return
        entry.busy, entry.problem, entry.preview, entry.conflicts = "", str(error), None, []
        self._refresh()

    # -- documents ----------------------------------------------------------------------------------
    def open_document(self, doc: PackageDocument) -> None:
        """Open a copy of one document of the chosen package (before or after importing)."""
        entry = self.current_entry()
        if entry is None or entry.header is None:
            return
        sync, path, parts = self.page.services.sync, entry.path, tuple(self.chosen_files)
        if entry.header.already_imported is not None or (entry.outcome is not None
                                                         and entry.outcome.applied):
            open_copy(self.page.ctx.runner, self, lambda: sync.stored_document(doc))
        else:
            open_copy(self.page.ctx.runner, self,
                      lambda: sync.document_from_package(path, doc.sha256, parts))

    # -- trust --------------------------------------------------------------------------------------
    def _ask_trust(self, entry: PackageEntry) -> None:
        if entry not in self._trust_queue:
            self._trust_queue.append(entry)
        QTimer.singleShot(0, self._next_trust_prompt)

    @Slot()
    def _trust_current(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.needs_trust:
            self._ask_trust(entry)

    @Slot()
    def _next_trust_prompt(self) -> None:
        """One prompt at a time (a modal dialog), never from inside a task's callback."""
        if self._prompting:
            return
        while self._trust_queue:
            entry = self._trust_queue.pop(0)
            header = entry.header
            if entry not in self.entries or header is None or not entry.needs_trust:
                continue
            self._prompting = True
            try:
                row = TrustDialog.ask(self, self.page.services.sync, self.page.ctx.runner,
                                      header)
            finally:
                self._prompting = False
            same_sender = [e for e in self.entries if e.header is not None
                           and e.header.sender_installation_uuid
                           == header.sender_installation_uuid]
            # One answer per sender: trusted, its packages are read again (and ask again only
            # if still untrusted); put off, the others would ask the same question.
            self._trust_queue = [e for e in self._trust_queue if e not in same_sender]
            if row is not None:
                self.page.trust_changed()
                for other in same_sender:
                    self.inspect(other)
            self._refresh()
            QTimer.singleShot(0, self._next_trust_prompt)
            return

    # -- the chosen package ------------------------------------------------------------------------
    def current_entry(self) -> PackageEntry | None:
        index = self.packages_view.currentIndex()
        if not index.isValid() or index.row() >= len(self.entries):
            return None
        return self.packages_model.row_object(index.row())

    def _select(self, entry: PackageEntry) -> None:
        if entry in self.entries:
            self.packages_view.selectRow(self.entries.index(entry))

    @Slot()
    def _on_package_changed(self, *_args: object) -> None:
        self._show_entry(self.current_entry())

    def _show_entry(self, entry: PackageEntry | None) -> None:
        self.right.setCurrentIndex(0 if entry is None else 1)
        self.remove_button.setEnabled(entry is not None and not entry.busy and not self.importing)
        if entry is None:
            self._shown = self._shown_preview = None
            self.preview_model.clear()
            self.counts_model.set_rows([])
            self.documents_box.set_documents(())
            return
        self.header_label.setText(self._header_html(entry))
        self.trust_button.setVisible(entry.needs_trust)
        documents = entry.header.documents if entry.header is not None else ()
        if self.documents_box.documents != list(documents):
            self.documents_box.set_documents(documents)
        preview = entry.preview
        if self._shown is not entry or self._shown_preview is not preview:
            self._shown, self._shown_preview = entry, preview
            self.counts_model.set_rows(counts_rows(preview.counts) if preview else [])
            self._fit_counts()
            self.preview_model.set_items(preview.items if preview else [], entry.choices)
            self._fill_entity_filter(preview.items if preview else [])
            if self.proxy.rowCount() > 0:
                self.preview_view.selectRow(0)
            else:
                self._show_item(None)
        self._show_conflicts(entry)

    def _fit_counts(self) -> None:
        rows = min(self.counts_model.rowCount(), 7)
        height = (self.counts_view.horizontalHeader().sizeHint().height()
                  + rows * self.counts_view.verticalHeader().defaultSectionSize()
                  + 2 * self.counts_view.frameWidth())
        self.counts_view.setFixedHeight(max(height, 60))

    def _header_html(self, entry: PackageEntry) -> str:
        header = entry.header
        esc = html.escape
        if header is None:
            if entry.problem:
                return (f"<b>{esc(entry.path.name)}</b><br><span style='color:#b3261e'>"
                        + esc(translate("SyncImport", "This package cannot be imported: %1")
                              .replace("%1", entry.problem)) + "</span>")
            return esc(translate("SyncImport", "Checking %1…").replace("%1", entry.path.name))
        total = sum(header.counts.values())
        lines = [translate("SyncImport", "<b>%1</b> from <b>%2</b> (code %3), made %4, %5 "
                                         "records").replace("%1", esc(header.title))
                 .replace("%2", esc(header.sender_office_name))
                 .replace("%3", esc(header.sender_unit_code or "—"))
                 .replace("%4", format_utc(header.created_at)).replace("%5", format_int(total))]
        trust_colour = "#1b5e20" if header.trust is TrustState.TRUSTED else "#b3261e"
        lines.append(translate("SyncImport", "Fingerprint <b>%1</b>: %2 · file %3").replace(
            "%1", esc(header.fingerprint)).replace(
            "%2", f"<span style='color:{trust_colour}'>{esc(header.trust.label)}</span>")
            .replace("%3", esc(entry.path.name)))
        if header.already_imported is not None:
            lines.append(esc(translate("SyncImport", "This package was imported on %1; "
                                                     "importing it again changes nothing.")
                             .replace("%1", format_utc(header.already_imported))))
        if entry.needs_trust:
            lines.append("<span style='color:#b3261e'>" + esc(translate(
                "SyncImport", "Phone the sender and confirm its fingerprint before this "
                "package can be previewed.")) + "</span>")
        if entry.needs_round and self.round_id is None:
            lines.append("<span style='color:#b3261e'>" + esc(translate(
                "SyncImport", "Choose the round of this office that receives its "
                "nominations (“Receiving round” above).")) + "</span>")
        if entry.problem:
            lines.append("<span style='color:#b3261e'>" + esc(translate(
                "SyncImport", "This package cannot be imported: %1").replace(
                "%1", entry.problem)) + "</span>")
        if entry.outcome is not None and entry.outcome.report is not None:
            lines.append(esc(entry.outcome.report.message))
        return "<br>".join(lines)

    def _fill_entity_filter(self, items: Sequence[PreviewItem]) -> None:
        current = self.entity_filter.currentData()
        labels: dict[str, str] = {}
        for item in items:
            labels.setdefault(item.entity, item.entity_label or entity_title(item.entity))
        self.entity_filter.blockSignals(True)
        self.entity_filter.clear()
        self.entity_filter.addItem(translate("SyncImport", "Every record type"), None)
        for name in sorted(labels, key=lambda n: ENTITY_ORDER.get(n, len(ENTITY_ORDER))):
            self.entity_filter.addItem(labels[name], name)
        index = self.entity_filter.findData(current) if current else 0
        self.entity_filter.setCurrentIndex(max(index, 0))
        self.entity_filter.blockSignals(False)
        self._on_filter_changed()

    @Slot()
    def _on_filter_changed(self, *_args: object) -> None:
        entity = self.entity_filter.currentData()
        action = self.action_filter.currentData()
        self.proxy.set_filter(entity if isinstance(entity, str) else None,
                              Action(action) if action else None)

    def filter_to(self, entity: str | None = None, action: Action | None = None) -> None:
        """Show only ``entity`` and/or ``action`` (as choosing them in the combo boxes)."""
        self.entity_filter.setCurrentIndex(max(self.entity_filter.findData(entity), 0)
                                           if entity else 0)
        self.action_filter.setCurrentIndex(max(self.action_filter.findData(action.value), 0)
                                           if action else 0)

    def _show_conflicts(self, entry: PackageEntry) -> None:
        open_ = entry.unresolved
        conflicts = 0 if entry.preview is None else len(entry.preview.conflicts)
        if open_:
            text = translate("SyncImport", "%1 conflicts to decide (red rows)").replace(
                "%1", format_int(open_))
            self.conflicts_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        elif conflicts:
            text = translate("SyncImport", "Every conflict has a decision.")
            self.conflicts_label.setStyleSheet("color: #1b5e20;")
        else:
            text = ""
            self.conflicts_label.setStyleSheet("")
        self.conflicts_label.setText(text)
        self.defaults_button.setVisible(conflicts > 0)
        self.defaults_button.setEnabled(open_ > 0 and not self.importing)

    # -- the chosen record -------------------------------------------------------------------------
    @Slot()
    def _on_item_changed(self, current: Index, _previous: Index | None = None) -> None:
        item = current.data(OBJECT_ROLE) if current.isValid() else None
        self._show_item(item if isinstance(item, PreviewItem) else None)

    def current_item(self) -> PreviewItem | None:
        index = self.preview_view.currentIndex()
        item = index.data(OBJECT_ROLE) if index.isValid() else None
        return item if isinstance(item, PreviewItem) else None

    def _show_item(self, item: PreviewItem | None) -> None:
        for button in self.option_buttons:
            self.options_group.removeButton(button)
            button.deleteLater()
        self.option_buttons = []
        self.compare_table.setRowCount(0)
        if item is None:
            self.compare_title.setText(translate("SyncImport", "Select a row to compare it with "
                                                               "what is here."))
            return
        title = f"<b>{html.escape(item.entity_label)}: {html.escape(record_label(item))}</b> — " \
                f"{html.escape(item.action.label)}"
        if item.reason:
            title += f": {html.escape(item.reason)}"
        self.compare_title.setText(title)
        rows: list[tuple[str, str, str]] = []
        if item.match_label:
            rows.append((translate("SyncImport", "Record"), item.match_label,
                         record_label(item)))
        elif item.action is Action.NEW:
            rows.append((translate("SyncImport", "Record"),
                         translate("SyncImport", "(not here yet)"), record_label(item)))
        rows.extend((field_title(name), here or "—", incoming or "—")
                    for name, (here, incoming) in item.changes.items())
        self.compare_table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.compare_table.setItem(row, column, cell)
        chosen = self.preview_model.choice(item)
        for position, resolution in enumerate(item.options):
            button = QPushButton(resolution.label, self.options_box)
            button.setCheckable(True)
            button.setChecked(resolution is chosen)
            self.options_group.addButton(button, position)
            self.options_layout.addWidget(button)
            self.option_buttons.append(button)

    @Slot(int)
    def _on_option_clicked(self, position: int) -> None:
        item = self.current_item()
        if item is not None and 0 <= position < len(item.options):
            self.preview_model.set_choice(item, item.options[position])

    def choose(self, item: PreviewItem, resolution: Resolution) -> bool:
        return self.preview_model.set_choice(item, resolution)

    @Slot()
    def use_suggestions(self) -> None:
        self.preview_model.set_choices((item, item.default)
                                       for item in self.preview_model.unresolved()
                                       if item.default is not None)

    @Slot()
    def _on_choices_changed(self) -> None:
        item = self.current_item()
        if item is not None:
            chosen = self.preview_model.choice(item)
            for button, resolution in zip(self.option_buttons, item.options, strict=False):
                button.setChecked(resolution is chosen)
        self._refresh()

    # -- importing ----------------------------------------------------------------------------------
    def ready_entries(self) -> list[PackageEntry]:
        return [e for e in self.entries if e.ready]

    @Slot()
    def import_ready(self) -> None:
        entries = self.ready_entries()
        if not entries or not self.import_button.isEnabled():
            return
        sync, round_id = self.page.services.sync, self.round_id
        jobs = [(e.path, round_id if e.upward else None, e.resolutions()) for e in entries]
        parts = tuple(self.chosen_files)

        stopped = translate("SyncImport", "Cancelled: this package was not imported (nothing "
                                          "in it was written).")

        def work(progress: ProgressFn, cancel: CancelToken) -> list[ImportOutcome]:
            outcomes: list[ImportOutcome] = []
            for number, (path, target, resolutions) in enumerate(jobs):
                if cancel.cancelled:
                    break
                label = (f"{path.name} ({number + 1}/{len(jobs)})" if len(jobs) > 1
                         else path.name)

                def records(done: int, total: int, entity: str, label: str = label) -> None:
                    progress(done, total, f"{label}: {entity}")

                try:
                    outcomes.append(ImportOutcome(path, sync.import_package(
                        path, target, resolutions, progress=records, cancel=cancel,
                        parts=parts)))
                except Cancelled:
                    if not any(o.applied for o in outcomes):
                        raise  # nothing written at all: the runner reports the cancel
                    outcomes.append(ImportOutcome(path, error=stopped))
                    break
                except DatabaseBusyError as exc:
                    if not any(o.applied for o in outcomes):
                        raise  # nothing written yet: the runner offers "Thử lại"
                    outcomes.append(ImportOutcome(path, error=str(exc)))
                except DomainError as exc:
                    outcomes.append(ImportOutcome(path, error=str(exc)))
            progress(len(jobs), len(jobs), "")
            return outcomes

        self.importing = True
        self._refresh()
        task = (self.page.ctx.runner.task(work, self)
                .with_progress(translate("SyncImport", "Backing up, then importing the data "
                                                      "packages…"))
                .success(self._imported)
                .failure(self._import_refused)
                .run(writes=True))
        task.finished.connect(self._import_settled)

    def _import_refused(self, error: DomainError) -> None:
        if not isinstance(error, DatabaseBusyError):  # the runner's box already said so
            Messages.error(self, str(error))

    @Slot()
    def _import_settled(self) -> None:
        self.importing = False
        self._refresh()

    def _imported(self, outcomes: list[ImportOutcome]) -> None:
        self.importing = False
        by_path = {o.path: o for o in outcomes}
        for entry in self.entries:
            outcome = by_path.get(entry.path)
            if outcome is not None and outcome.report is not None:
                entry.outcome = outcome
            elif outcome is not None:  # refused (the data changed meanwhile?): look again
                self.preview(entry)
        self._refresh()
        if any(o.applied for o in outcomes):
            self.page.ctx.events.changed.emit("all")
        self.page.history_changed()
        if outcomes:
            SyncReportDialog.ask(self, outcomes)

    # -- state --------------------------------------------------------------------------------------
    def _status_of(self, entry: PackageEntry) -> str:
        return entry_status(entry, self.round_id is not None)

    def _refresh(self) -> None:
        """Statuses, the chosen package, and whether "Nhập" may run."""
        if self.packages_model.rowCount():
            self.packages_model.dataChanged.emit(
                self.packages_model.index(0, 0),
                self.packages_model.index(self.packages_model.rowCount() - 1, 1))
        if self.current_entry() is None and self.entries:
            self.packages_view.selectRow(0)
        self._show_entry(self.current_entry())
        upward = any(e.upward for e in self.entries)
        self.round_combo.setEnabled(upward and not self.importing)
        ready = self.ready_entries()
        busy = [e for e in self.entries if e.busy]
        unresolved = sum(e.unresolved for e in self.entries if e.outcome is None)
        waiting = [e for e in self.entries if e.outcome is None and not e.ready and not e.busy]
        self.import_button.setEnabled(bool(ready) and not busy and unresolved == 0
                                      and not self.importing)
        self.files_button.setEnabled(not self.importing)
        self.folder_button.setEnabled(not self.importing)
        if not self.entries:
            text = ""
        elif busy:
            text = translate("SyncImport", "Checking the packages…")
        elif unresolved:
            text = translate("SyncImport", "%1 conflicts still need your decision before "
                                           "importing.").replace("%1", format_int(unresolved))
        elif ready:
            text = translate("SyncImport", "%1 packages ready to import.").replace(
                "%1", format_int(len(ready)))
            if waiting:
                text += " " + translate("SyncImport", "%1 others cannot be imported now (see "
                                                      "their status).").replace(
                    "%1", format_int(len(waiting)))
        elif waiting:
            text = translate("SyncImport", "No package can be imported now (see their status).")
        else:
            text = ""
        self.state_label.setText(text)
        self.state_label.setVisible(bool(text))

