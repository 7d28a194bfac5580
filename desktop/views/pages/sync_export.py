"""Xuất gói: what goes (a round's nominations up to the upper level, signed decisions down
to a lower office, or an emulation bloc between its head and a member), how much it is
(counts per record type and the size, estimated in the background as the choice changes),
then the file, written in the background; the result shows this office's fingerprint, which
the receiver will ask for on the phone."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.blocs import BlocRow, MemberRow
from desktop.api.decisions import DecisionRow
from desktop.api.installation import InstallationInfo
from desktop.api.movements import MovementRow
from desktop.api.nominations import NominationQuery, NominationRow
from desktop.api.rounds import RoundRow
from desktop.api.sync import (
    BlocDownSelection,
    BlocUpSelection,
    DownwardSelection,
    ExportPlan,
    ExportResult,
    KeyInfo,
    MovementDownSelection,
    PackageKind,
    TrustedSenderRow,
    UpwardSelection,
)
from desktop.api.units import UnitRow
from desktop.domain.enums import NominationStatus
from desktop.domain.errors import DatabaseBusyError, DomainError
from desktop.i18n import translate
from desktop.views import messages
from desktop.views.dialogs.sync_trust_dialog import fingerprint_font
from desktop.views.formatting import format_date, format_int, format_size
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.itemmodels.sync_preview_model import ENTITY_ORDER, entity_title
from desktop.views.messages import Messages
from desktop.views.pages.sync_import import PackageFiles

if TYPE_CHECKING:
    from desktop.views.pages.sync_page import SyncPage

PLAN_DELAY_MS = 300  # the estimate waits for the officer to stop clicking
NOMINATIONS_SHOWN = 5000  # a commune's round is far smaller; a province never sends these up
Selection = (UpwardSelection | DownwardSelection | BlocDownSelection | BlocUpSelection
             | MovementDownSelection)
UP, DOWN, BLOC, MOVEMENT = 0, 1, 2, 3  # the pages of the stack
# Record types of a bloc package (the preview's titles cover dossiers and decisions).
class ExportTab(QWidget):
    def __init__(self, page: SyncPage) -> None:
        super().__init__(page)
        self.page = page
        self.plan: ExportPlan | None = None
        self.planned_for: Selection | None = None
        self.default_name = ""
        self._generation = 0
        self._loading_nominations = 0
        self._shown_round: object = None
        self._decisions_round: object = None
        self._filling = False
        self._office_shown = False
        self.last_result: ExportResult | None = None

        self.up_radio = QRadioButton(translate("SyncExport", "Nominations sent up to the "
                                                             "upper level"), self)
        self.down_radio = QRadioButton(translate("SyncExport", "Signed decisions sent down to "
                                                               "a lower office"), self)
        self.bloc_radio = QRadioButton(translate("SyncExport", "Emulation bloc"), self)
        self.movement_radio = QRadioButton(translate("SyncExport", "Emulation movement"), self)
        kinds = QButtonGroup(self)
        kinds.addButton(self.up_radio)
        kinds.addButton(self.down_radio)
        kinds.addButton(self.bloc_radio)
        kinds.addButton(self.movement_radio)
        self.up_radio.setChecked(True)

        # -- upward -------------------------------------------------------------------------------
        self.parent_label = QLabel(self)
        self.parent_label.setWordWrap(True)
        self.up_round = QComboBox(self)
        self.up_round.setMinimumContentsLength(30)
        self.up_round.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.all_submitted = QRadioButton(translate(
            "SyncExport", "Every nomination with the status “%1”").replace(
            "%1", NominationStatus.SUBMITTED.label), self)
        self.only_checked = QRadioButton(translate("SyncExport", "Only the nominations ticked "
                                                                 "below"), self)
        which = QButtonGroup(self)
        which.addButton(self.all_submitted)
        which.addButton(self.only_checked)
        self.all_submitted.setChecked(True)
        self.nominations = QStandardItemModel(0, 3, self)
        self.nominations.setHorizontalHeaderLabels([
            translate("SyncExport", "Subject"), translate("SyncExport", "Award"),
            translate("SyncExport", "Status")])
        self.nominations_view = QTableView(self)
        self.nominations_view.setModel(self.nominations)
        self.nominations_view.setSortingEnabled(True)
        self.nominations_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.nominations_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.nominations_view.verticalHeader().setVisible(False)
        self.nominations_view.setWordWrap(False)
        self.nominations_view.setAlternatingRowColors(True)
        self.nominations_view.verticalHeader().setDefaultSectionSize(
            self.nominations_view.fontMetrics().height() + 8)
        header = self.nominations_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.nominations_view.setColumnWidth(2, self.fontMetrics().horizontalAdvance(
            "Không đủ điều kiện") + 24)
        self.picked_label = QLabel(self)
        self.attachments_check = QCheckBox(translate("SyncExport", "Include the attached files "
                                                                   "(evidence)"), self)
        self.attachments_check.setChecked(True)
        self.incremental_check = QCheckBox(translate(
            "SyncExport", "Only what changed since the upper level's last receipt"), self)
        self.documents_check = QCheckBox(translate(
            "SyncExport", "Include the submission (tờ trình) and the council minutes"), self)
        self.documents_check.setToolTip(translate(
            "SyncExport", "Made from the templates in use: the round's submission and the "
            "minutes of every council meeting already closed."))
        self.documents_check.setChecked(True)
        self.decision_documents_check = QCheckBox(translate(
            "SyncExport", "Include the decision document"), self)
        self.decision_documents_check.setToolTip(translate(
            "SyncExport", "Each chosen decision, made from the decision template in use, so "
            "the office below receives the decision itself, not only its data."))
        self.decision_documents_check.setChecked(True)
        # the officer's files, one list for each way: a scan chosen for a tờ trình going up
        # must not leave with a decision going down
        self._up_files: list[Path] = []
        self._down_files: list[Path] = []
        self.add_files_button = QPushButton(translate("SyncExport", "Add attached files…"), self)
        self.add_files_button.setToolTip(translate(
            "SyncExport", "Files sent as they are with the package, e.g. the signed scan of the "
            "submission or of the decision (at most 50 MB each)."))
        self.remove_file_button = QPushButton(translate("SyncExport", "Remove the chosen file"),
                                              self)
        self.extra_list = QListWidget(self)
        self.extra_list.setMaximumHeight(self.extra_list.fontMetrics().height() * 3 + 16)
        self.extra_list.hide()
        self.remove_file_button.hide()
        up = QWidget(self)
        up_form = QFormLayout()
        up_form.setContentsMargins(0, 0, 0, 0)
        up_form.addRow(translate("SyncExport", "To:"), self.parent_label)
        up_form.addRow(translate("SyncExport", "Round:"), self.up_round)
        which_row = QHBoxLayout()
        which_row.addWidget(self.all_submitted)
        which_row.addWidget(self.only_checked)
        which_row.addStretch(1)
        which_row.addWidget(self.picked_label)
        options_row = QHBoxLayout()
        options_row.addWidget(self.attachments_check)
        options_row.addWidget(self.incremental_check)
        options_row.addStretch(1)
        documents_row = QHBoxLayout()
        documents_row.addWidget(self.documents_check)
        documents_row.addWidget(self.decision_documents_check)
        documents_row.addStretch(1)
        documents_row.addWidget(self.add_files_button)
        extra_row = QHBoxLayout()
        extra_row.addWidget(self.extra_list, 1)
        extra_row.addWidget(self.remove_file_button, 0, Qt.AlignmentFlag.AlignTop)
        up_layout = QVBoxLayout(up)
        up_layout.setContentsMargins(0, 0, 0, 0)
        up_layout.addLayout(up_form)
        up_layout.addLayout(which_row)
        up_layout.addWidget(self.nominations_view, 1)
        up_layout.addLayout(options_row)
        # the documents a package carries: below the stack, for dossiers up and decisions down
        self.documents_panel = QWidget(self)
        documents_layout = QVBoxLayout(self.documents_panel)
        documents_layout.setContentsMargins(0, 0, 0, 0)
        documents_layout.addLayout(documents_row)
        documents_layout.addLayout(extra_row)

        # -- downward -----------------------------------------------------------------------------
        self.down_round = QComboBox(self)
        self.down_round.setMinimumContentsLength(30)
        self.down_round.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.decisions_list = QListWidget(self)
        self.recipient_combo = QComboBox(self)
        self.recipient_combo.setMinimumContentsLength(30)
        self.recipient_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        down_hint = QLabel(translate(
            "SyncExport", "Only the lines of the chosen decisions that decide the recipient's "
            "own nominations travel, with the award history they wrote and the status of "
            "those nominations. The recipient must be in the trust list (it becomes trusted "
            "when you import one of its packages)."), self)
        down_hint.setWordWrap(True)
        down_hint.setStyleSheet("color: #505050;")
        down = QWidget(self)
        down_form = QFormLayout()
        down_form.setContentsMargins(0, 0, 0, 0)
        down_form.addRow(translate("SyncExport", "Round:"), self.down_round)
        down_form.addRow(translate("SyncExport", "Recipient:"), self.recipient_combo)
        down_layout = QVBoxLayout(down)
        down_layout.setContentsMargins(0, 0, 0, 0)
        down_layout.addLayout(down_form)
        down_layout.addWidget(QLabel(translate("SyncExport", "Signed decisions to send:"), down))
        down_layout.addWidget(self.decisions_list, 1)
        down_layout.addWidget(down_hint)

        # -- emulation bloc ---------------------------------------------------------------------
        self._blocs_loaded = False
        self.bloc_combo = QComboBox(self)
        self.bloc_combo.setMinimumContentsLength(30)
        self.bloc_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.bloc_down_radio = QRadioButton(translate(
            "SyncExport", "From the bloc head to a member: the bloc, its criteria, reviewed "
            "scores and votes"), self)
        self.bloc_up_radio = QRadioButton(translate(
            "SyncExport", "From this member to the bloc head: this office's score sheet with "
            "its evidence"), self)
        directions = QButtonGroup(self)
        directions.addButton(self.bloc_down_radio)
        directions.addButton(self.bloc_up_radio)
        self.bloc_down_radio.setChecked(True)
        self.member_combo = QComboBox(self)
        self.member_combo.setMinimumContentsLength(30)
        self.member_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.bloc_files_check = QCheckBox(translate("SyncExport", "Include the evidence "
                                                                  "files"), self)
        self.bloc_files_check.setChecked(True)
        bloc_hint = QLabel(translate(
            "SyncExport", "The member receives its own score sheet (with the scores the bloc "
            "reviewed and its status) and the sheets of other members once they are "
            "published. A member sends its sheet after moving it to “Sent to the bloc”; the "
            "package goes to the bloc head's office in the trust list."), self)
        bloc_hint.setWordWrap(True)
        bloc_hint.setStyleSheet("color: #505050;")
        bloc = QWidget(self)
        direction_box = QVBoxLayout()
        direction_box.addWidget(self.bloc_down_radio)
        direction_box.addWidget(self.bloc_up_radio)
        bloc_form = QFormLayout()
        bloc_form.setContentsMargins(0, 0, 0, 0)
        bloc_form.addRow(translate("SyncExport", "Bloc:"), self.bloc_combo)
        bloc_form.addRow(translate("SyncExport", "Direction:"), direction_box)
        bloc_form.addRow(translate("SyncExport", "Member:"), self.member_combo)
        bloc_layout = QVBoxLayout(bloc)
        bloc_layout.setContentsMargins(0, 0, 0, 0)
        bloc_layout.addLayout(bloc_form)
        bloc_layout.addWidget(self.bloc_files_check)
        bloc_layout.addWidget(bloc_hint)
        bloc_layout.addStretch(1)

        # -- emulation movement -----------------------------------------------------------------
        self._movements_loaded = False
        self.movement_combo = QComboBox(self)
        self.movement_combo.setMinimumContentsLength(30)
        self.movement_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.movement_unit_combo = QComboBox(self)
        self.movement_unit_combo.setMinimumContentsLength(30)
        self.movement_unit_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        movement_hint = QLabel(translate(
            "SyncExport", "The office below receives the movement (directive, period, the "
            "head-of-unit rule), its appendix of targets, and the targets assigned to it and to "
            "the units under it, with their planned figures. Assign the targets first on the "
            "“Emulation movements” page."), self)
        movement_hint.setWordWrap(True)
        movement_hint.setStyleSheet("color: #505050;")
        movement_page = QWidget(self)
        movement_form = QFormLayout()
        movement_form.setContentsMargins(0, 0, 0, 0)
        movement_form.addRow(translate("SyncExport", "Movement:"), self.movement_combo)
        movement_form.addRow(translate("SyncExport", "To the office of:"),
                             self.movement_unit_combo)
        movement_layout = QVBoxLayout(movement_page)
        movement_layout.setContentsMargins(0, 0, 0, 0)
        movement_layout.addLayout(movement_form)
        movement_layout.addWidget(movement_hint)
        movement_layout.addStretch(1)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(up)
        self.stack.addWidget(down)
        self.stack.addWidget(bloc)
        self.stack.addWidget(movement_page)

        # -- estimate and result ------------------------------------------------------------------
        self.counts_model: RecordTableModel[tuple[str, int]] = RecordTableModel([
            Column(translate("SyncExport", "Record type"), lambda r: entity_title(r[0])),
            Column(translate("SyncExport", "Records"), lambda r: format_int(r[1]),
                   align_right=True)], self)
        self.counts_view = QTableView(self)
        self.counts_view.setModel(self.counts_model)
        self.counts_view.verticalHeader().setVisible(False)
        self.counts_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.counts_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.counts_view.verticalHeader().setDefaultSectionSize(
            self.counts_view.fontMetrics().height() + 6)
        counts_header = self.counts_view.horizontalHeader()
        counts_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        counts_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.write_button = QPushButton(translate("SyncExport", "Write the package…"), self)
        self.write_button.setEnabled(False)
        self.split_check = QCheckBox(translate("SyncExport", "Split into parts of at most"),
                                     self)
        self.split_check.setToolTip(translate(
            "SyncExport", "For email: each part stays under the size limit of an attachment. "
            "The receiving office needs every part (in one folder) to import the package."))
        self.split_size = QSpinBox(self)
        self.split_size.setRange(1, 4096)
        self.split_size.setValue(20)
        self.split_size.setSuffix(" MB")
        self.split_size.setEnabled(False)
        self.split_check.toggled.connect(self.split_size.setEnabled)
        split_row = QHBoxLayout()
        split_row.addWidget(self.split_check)
        split_row.addWidget(self.split_size)
        split_row.addStretch(1)
        estimate = QGroupBox(translate("SyncExport", "What the package will hold"), self)
        estimate_layout = QVBoxLayout(estimate)
        estimate_layout.addWidget(self.counts_view, 1)
        estimate_layout.addWidget(self.summary_label)
        estimate_layout.addLayout(split_row)
        estimate_layout.addWidget(self.write_button)

        self.result_box = QFrame(self)
        self.result_box.setObjectName("syncResult")
        self.result_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.result_box.setStyleSheet("#syncResult { background: #eef6ee; border: 1px solid "
                                      "#9cc59c; border-radius: 6px; }")
        self.result_label = QLabel(self.result_box)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_fingerprint = QLabel(self.result_box)
        self.result_fingerprint.setFont(fingerprint_font(self.font(), 1.6))
        self.result_fingerprint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result_fingerprint.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder_button = QPushButton(translate("SyncExport", "Open the folder"),
                                              self.result_box)
        result_layout = QVBoxLayout(self.result_box)
        result_layout.addWidget(self.result_label)
        result_layout.addWidget(self.result_fingerprint)
        result_layout.addWidget(self.open_folder_button, 0, Qt.AlignmentFlag.AlignRight)
        self.result_box.hide()

        # Four choices in two rows: one row of four clipped the longer Vietnamese labels.
        kind_row = QGridLayout()
        kind_row.addWidget(QLabel(translate("SyncExport", "Send:"), self), 0, 0)
        kind_row.addWidget(self.up_radio, 0, 1)
        kind_row.addWidget(self.down_radio, 0, 2)
        kind_row.addWidget(self.bloc_radio, 1, 1)
        kind_row.addWidget(self.movement_radio, 1, 2)
        kind_row.setColumnStretch(3, 1)
        left = QVBoxLayout()
        left.addLayout(kind_row)
        left.addWidget(self.stack, 1)
        left.addWidget(self.documents_panel)
        right_widget = QWidget(self)
        right_widget.setFixedWidth(360)
        right = QVBoxLayout(right_widget)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(estimate, 1)
        right.addWidget(self.result_box)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(right_widget)

        self._plan_timer = QTimer(self)
        self._plan_timer.setSingleShot(True)
        self._plan_timer.setInterval(PLAN_DELAY_MS)
        self._plan_timer.timeout.connect(self.estimate)
        self.up_radio.toggled.connect(self._on_kind_changed)
        self.bloc_radio.toggled.connect(self._on_kind_changed)
        self.movement_radio.toggled.connect(self._on_kind_changed)
        self.movement_combo.currentIndexChanged.connect(self._changed)
        self.movement_unit_combo.currentIndexChanged.connect(self._changed)
        self.bloc_combo.currentIndexChanged.connect(self._load_members)
        self.bloc_up_radio.toggled.connect(self._on_bloc_direction)
        self.member_combo.currentIndexChanged.connect(self._changed)
        self.bloc_files_check.toggled.connect(self._changed)
        self.up_round.currentIndexChanged.connect(self._load_nominations)
        self.down_round.currentIndexChanged.connect(self._load_decisions)
        self.all_submitted.toggled.connect(self._on_mode_changed)
        self.nominations.itemChanged.connect(self._on_checked)
        self.attachments_check.toggled.connect(self._changed)
        self.incremental_check.toggled.connect(self._changed)
        self.documents_check.toggled.connect(self._changed)
        self.decision_documents_check.toggled.connect(self._changed)
        self.add_files_button.clicked.connect(self.add_files)
        self.remove_file_button.clicked.connect(self.remove_file)
        self.decisions_list.itemChanged.connect(self._changed)
        self.recipient_combo.currentIndexChanged.connect(self._changed)
        self.write_button.clicked.connect(self.write)
        self.open_folder_button.clicked.connect(self._open_folder)
        self._show_documents_panel()
        self._show_plan(None, "")

    # -- what the page hands over -----------------------------------------------------------------
    def set_office(self, info: InstallationInfo | None) -> None:
        if info is None or not (info.parent_office_name or info.parent_office_code):
            self.parent_label.setText("<span style='color:#b3261e'>" + html.escape(translate(
                "SyncExport", "The upper level of this office is not declared yet (Settings → "
                "Office information).")) + "</span>")
            if not self._office_shown:  # an office with no upper level sends down
                self.down_radio.setChecked(True)
            self._office_shown = True
            return
        self._office_shown = True
        code = f" ({info.parent_office_code})" if info.parent_office_code else ""
        self.parent_label.setText(f"<b>{html.escape(info.parent_office_name)}</b>"
                                  f"{html.escape(code)}")

    def set_rounds(self, rounds: Sequence[RoundRow]) -> None:
        for combo in (self.up_round, self.down_round):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(translate("SyncExport", "— choose a round —"), None)
            for row in rounds:
                combo.addItem(f"{row.name} ({row.year})", row.id)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            if combo.currentIndex() == 0 and combo.count() == 2:
                combo.setCurrentIndex(1)  # the only round: nothing to choose
            combo.blockSignals(False)
        self._load_nominations()
        self._load_decisions()

    def set_recipients(self, rows: Sequence[TrustedSenderRow]) -> None:
        current = self.recipient_combo.currentData()
        self.recipient_combo.blockSignals(True)
        self.recipient_combo.clear()
        self.recipient_combo.addItem(translate("SyncExport", "— choose the recipient —"), None)
        for row in rows:
            if row.revoked_at is None:
                code = f" ({row.unit_code})" if row.unit_code else ""
                self.recipient_combo.addItem(f"{row.office_name}{code}", row.installation_uuid)
        index = self.recipient_combo.findData(current) if current else -1
        self.recipient_combo.setCurrentIndex(max(index, 0))
        self.recipient_combo.blockSignals(False)
        self._changed()

    @property
    def kind(self) -> PackageKind:
        up = self.up_radio.isChecked() or (self.bloc_radio.isChecked()
                                           and self.bloc_up_radio.isChecked())
        return PackageKind.UPWARD if up else PackageKind.DOWNWARD

    # -- emulation movements ------------------------------------------------------------------------
    def load_movements(self) -> None:
        """The movements of this database and the offices directly under this one, read when
        the movement choice is first shown."""
        self._movements_loaded = True
        services = self.page.services

        def work(_p: object, _c: object) -> tuple[list[MovementRow], list[UnitRow]]:
            roots = services.units.children(None)
            below = [u for root in roots for u in services.units.children(root.id)]
            return services.movements.list(), below

        (self.page.ctx.runner.task(work, self)
         .success(lambda found: self._show_movements(*found))
         .run())

    def _show_movements(self, movements: list[MovementRow], units: list[UnitRow]) -> None:
        for combo, empty, items in (
                (self.movement_combo,
                 translate("SyncExport", "— choose a movement —") if movements else
                 translate("SyncExport", "— no emulation movement here yet —"),
                 [(f"{m.name} ({m.year})", m.id) for m in movements]),
                (self.movement_unit_combo, translate("SyncExport", "— choose the office —"),
                 [(f"{u.name} ({u.code})", u.code) for u in units if u.code])):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(empty, None)
            for text, data in items:
                combo.addItem(text, data)
            combo.blockSignals(False)
        self._changed()

    def _movement_selection(self) -> tuple[Selection | None, str]:
        movement_id = self.movement_combo.currentData()
        if not isinstance(movement_id, int):
            return None, translate("SyncExport", "Choose the emulation movement.")
        code = self.movement_unit_combo.currentData()
        if not isinstance(code, str) or not code:
            return None, translate("SyncExport", "Choose the office that receives the "
                                                 "movement.")
        return MovementDownSelection(movement_id, recipient_unit_code=code), ""

    # -- emulation blocs ----------------------------------------------------------------------------
    def load_blocs(self) -> None:
        """The blocs of this database, read when the bloc choice is first shown."""
        self._blocs_loaded = True
        blocs = self.page.services.blocs
        (self.page.ctx.runner.task(lambda _p, _c: blocs.list(), self)
         .success(self._show_blocs)
         .run())

    def _show_blocs(self, rows: list[BlocRow]) -> None:
        current = self.bloc_combo.currentData()
        self.bloc_combo.blockSignals(True)
        self.bloc_combo.clear()
        self.bloc_combo.addItem(translate("SyncExport", "— choose a bloc —") if rows else
                                translate("SyncExport", "— no emulation bloc here yet —"), None)
        for row in rows:
            self.bloc_combo.addItem(f"{row.name} ({row.year})", row.id)
        self.bloc_combo.setCurrentIndex(max(self.bloc_combo.findData(current), 0)
                                        if current else 0)
        if self.bloc_combo.currentIndex() == 0 and self.bloc_combo.count() == 2:
            self.bloc_combo.setCurrentIndex(1)
        self.bloc_combo.blockSignals(False)
        self._load_members()

    @Slot()
    def _load_members(self, *_args: object) -> None:
        bloc_id = self.bloc_combo.currentData()
        self.member_combo.clear()
        if not isinstance(bloc_id, int):
            self._changed()
            return
        blocs = self.page.services.blocs
        (self.page.ctx.runner.task(lambda _p, _c: blocs.members(bloc_id), self)
         .success(lambda rows: self._show_members(bloc_id, rows))
         .run())
        self._changed()

    def _show_members(self, bloc_id: int, rows: list[MemberRow]) -> None:
        if self.bloc_combo.currentData() != bloc_id:
            return
        self.member_combo.blockSignals(True)
        self.member_combo.clear()
        self.member_combo.addItem(translate("SyncExport", "— choose the member —"), None)
        for row in rows:
            code = f" ({row.unit_code})" if row.unit_code else ""
            self.member_combo.addItem(f"{row.unit_name}{code}", row.unit_code or None)
        self.member_combo.blockSignals(False)
        self._changed()

    @Slot()
    def _on_bloc_direction(self, *_args: object) -> None:
        self.member_combo.setEnabled(self.bloc_down_radio.isChecked())
        self._changed()

    def _bloc_selection(self) -> tuple[Selection | None, str]:
        bloc_id = self.bloc_combo.currentData()
        if not isinstance(bloc_id, int):
            return None, translate("SyncExport", "Choose the emulation bloc.")
        files = self.bloc_files_check.isChecked()
        if self.bloc_up_radio.isChecked():
            return BlocUpSelection(bloc_id, files), ""
        code = self.member_combo.currentData()
        if not isinstance(code, str) or not code:
            return None, translate("SyncExport", "Choose the member that receives the "
                                                 "package.")
        return BlocDownSelection(bloc_id, recipient_unit_code=code, include_attachments=files), ""

    # -- loading the choices ------------------------------------------------------------------------
    @Slot()
    def _load_nominations(self, *_args: object) -> None:
        round_id = self.up_round.currentData()
        if round_id != self._shown_round:
            self.nominations.removeRows(0, self.nominations.rowCount())
        if not isinstance(round_id, int):
            self._shown_round = None
            self._changed()
            return
        self._loading_nominations += 1
        ticket = self._loading_nominations
        nominations = self.page.services.nominations
        (self.page.ctx.runner.task(lambda _p, _c: nominations.page(
            NominationQuery(round_id), 0, NOMINATIONS_SHOWN), self)
         .success(lambda rows: self._show_nominations(ticket, rows))
         .run())
        self._changed()

    def _show_nominations(self, ticket: int, rows: list[NominationRow]) -> None:
        if ticket != self._loading_nominations:
            return
        round_id = self.up_round.currentData()
        kept = set(self.checked_ids()) if round_id == self._shown_round else None
        self._shown_round = round_id
        self._filling = True
        self.nominations.removeRows(0, self.nominations.rowCount())
        checkable = self.only_checked.isChecked()
        for row in rows:
            subject = QStandardItem(row.subject_name)
            subject.setData(row.id, Qt.ItemDataRole.UserRole)
            subject.setCheckable(True)
            subject.setUserTristate(False)
            ticked = row.id in kept if kept is not None and checkable \
                else row.status is NominationStatus.SUBMITTED
            subject.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            subject.setEnabled(True)
            subject.setFlags(self._check_flags(checkable))
            subject.setToolTip(row.subject_detail or row.subject_name)
            award = QStandardItem(row.award_name)
            award.setToolTip(row.award_name)
            self.nominations.appendRow([subject, award, QStandardItem(row.status.label)])
        self._filling = False
        self._changed()

    @staticmethod
    def _check_flags(checkable: bool) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if checkable else flags

    @Slot()
    def _on_mode_changed(self, *_args: object) -> None:
        checkable = self.only_checked.isChecked()
        self._filling = True
        for row in range(self.nominations.rowCount()):
            item = self.nominations.item(row, 0)
            if item is not None:
                item.setFlags(self._check_flags(checkable))
        self._filling = False
        self._changed()

    @Slot()
    def _on_checked(self, item: QStandardItem) -> None:
        if item.column() == 0 and not self._filling:
            self._changed()

    def checked_ids(self) -> tuple[int, ...]:
        ids = []
        for row in range(self.nominations.rowCount()):
            item = self.nominations.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                ids.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(sorted(ids))

    def set_checked(self, nomination_ids: Sequence[int]) -> None:
        """Tick exactly these nominations (the officer's clicks, for tests and tools)."""
        wanted = set(nomination_ids)
        for row in range(self.nominations.rowCount()):
            item = self.nominations.item(row, 0)
            if item is not None:
                item.setCheckState(Qt.CheckState.Checked
                                   if int(item.data(Qt.ItemDataRole.UserRole)) in wanted
                                   else Qt.CheckState.Unchecked)

    @Slot()
    def _load_decisions(self, *_args: object) -> None:
        round_id = self.down_round.currentData()
        if round_id != self._decisions_round:
            self.decisions_list.clear()
        if not isinstance(round_id, int):
            self._decisions_round = None
            self._changed()
            return
        decisions = self.page.services.decisions
        (self.page.ctx.runner.task(lambda _p, _c: decisions.list(round_id), self)
         .success(lambda rows: self._show_decisions(round_id, rows))
         .run())
        self._changed()

    def _show_decisions(self, round_id: int, rows: list[DecisionRow]) -> None:
        if self.down_round.currentData() != round_id:
            return
        unticked = self._unticked_decisions() if round_id == self._decisions_round else set()
        self._decisions_round = round_id
        self.decisions_list.blockSignals(True)
        self.decisions_list.clear()
        for row in rows:
            if not row.signed:
                continue
            text = translate("SyncExport", "%1 of %2 — %3 lines").replace(
                "%1", row.number or "—").replace("%2", format_date(row.signed_on)).replace(
                "%3", format_int(len(row.lines)))
            item = QListWidgetItem(text, self.decisions_list)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if row.id in unticked
                               else Qt.CheckState.Checked)
        if self.decisions_list.count() == 0:
            empty = QListWidgetItem(translate("SyncExport", "This round has no signed decision "
                                                            "yet."), self.decisions_list)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
        self.decisions_list.blockSignals(False)
        self._changed()

    def _unticked_decisions(self) -> set[int]:
        found = set()
        for row in range(self.decisions_list.count()):
            item = self.decisions_list.item(row)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable \
                    and item.checkState() != Qt.CheckState.Checked:
                found.add(int(item.data(Qt.ItemDataRole.UserRole)))
        return found

    def decision_ids(self) -> tuple[int, ...]:
        ids = []
        for row in range(self.decisions_list.count()):
            item = self.decisions_list.item(row)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable \
                    and item.checkState() == Qt.CheckState.Checked:
                ids.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(ids)

    # -- estimate -----------------------------------------------------------------------------------
    @Slot()
    def _on_kind_changed(self, *_args: object) -> None:
        self.stack.setCurrentIndex(UP if self.up_radio.isChecked() else
                                   BLOC if self.bloc_radio.isChecked() else
                                   MOVEMENT if self.movement_radio.isChecked() else DOWN)
        if self.bloc_radio.isChecked() and not self._blocs_loaded:
            self.load_blocs()
        if self.movement_radio.isChecked() and not self._movements_loaded:
            self.load_movements()
        self._show_documents_panel()
        self._changed()

    def _show_documents_panel(self) -> None:
        """Dossiers up carry the tờ trình and minutes, decisions down the decision itself;
        both the officer's files (each way its own list)."""
        up, down = self.up_radio.isChecked(), self.down_radio.isChecked()
        self.documents_panel.setVisible(up or down)
        self.documents_check.setVisible(up)
        self.decision_documents_check.setVisible(down)
        self._show_extra_files()

    @property
    def extra_files(self) -> list[Path]:
        """The officer's files for the package of the current choice."""
        return self._down_files if self.down_radio.isChecked() else self._up_files

    @Slot()
    def _changed(self, *_args: object) -> None:
        """The choice changed: the estimate is stale until it is made again."""
        self._generation += 1
        self.plan = self.planned_for = None
        self.write_button.setEnabled(False)
        count = len(self.checked_ids())
        self.picked_label.setText(translate("SyncExport", "%1 of %2 ticked").replace(
            "%1", format_int(count)).replace("%2", format_int(self.nominations.rowCount())))
        selection, missing = self.selection()
        if selection is None:
            self._plan_timer.stop()
            self._show_plan(None, missing)
            return
        self.summary_label.setText(translate("SyncExport", "Counting…"))
        self._plan_timer.start()

    def selection(self) -> tuple[Selection | None, str]:
        """What the form asks for, or None and what is missing."""
        if self.bloc_radio.isChecked():
            return self._bloc_selection()
        if self.movement_radio.isChecked():
            return self._movement_selection()
        if self.kind is PackageKind.UPWARD:
            round_id = self.up_round.currentData()
            if not isinstance(round_id, int):
                return None, translate("SyncExport", "Choose the round whose nominations go up.")
            ids: tuple[int, ...] = ()
            if self.only_checked.isChecked():
                ids = self.checked_ids()
                if not ids:
                    return None, translate("SyncExport", "Tick the nominations to send.")
            return UpwardSelection(round_id, ids, self.attachments_check.isChecked(),
                                   self.incremental_check.isChecked(),
                                   self.documents_check.isChecked(),
                                   tuple(self._up_files)), ""
        round_id = self.down_round.currentData()
        if not isinstance(round_id, int):
            return None, translate("SyncExport", "Choose the round of the decisions.")
        decisions = self.decision_ids()
        if not decisions:
            return None, translate("SyncExport", "Tick the signed decisions to send.")
        recipient = self.recipient_combo.currentData()
        if not isinstance(recipient, str) or not recipient:
            return None, translate("SyncExport", "Choose the office that receives the "
                                                 "decisions.")
        return DownwardSelection(decisions, recipient,
                                 self.decision_documents_check.isChecked(),
                                 tuple(self._down_files)), ""

    # -- files the officer adds to an upward or a downward package -------------------------------
    @Slot()
    def add_files(self) -> None:
        settings = self.page.ctx.settings
        paths = PackageFiles.documents(self, settings.last_folder("sync-documents", Path.home()))
        if not paths:
            return
        settings.set_last_folder("sync-documents", paths[0].parent)
        self.set_extra_files([*self.extra_files, *(p for p in paths if p not in self.extra_files)])

    @Slot()
    def remove_file(self) -> None:
        row = self.extra_list.currentRow()
        if 0 <= row < len(self.extra_files):
            self.set_extra_files(self.extra_files[:row] + self.extra_files[row + 1:])

    def set_extra_files(self, paths: Sequence[Path]) -> None:
        if self.down_radio.isChecked():
            self._down_files = list(paths)
        else:
            self._up_files = list(paths)
        self._show_extra_files()
        self._changed()

    def _show_extra_files(self) -> None:
        self.extra_list.clear()
        for path in self.extra_files:
            item = QListWidgetItem(path.name, self.extra_list)
            item.setToolTip(str(path))
        if self.extra_files:
            self.extra_list.setCurrentRow(len(self.extra_files) - 1)
        self.extra_list.setVisible(bool(self.extra_files))
        self.remove_file_button.setVisible(bool(self.extra_files))

    @Slot()
    def estimate(self) -> None:
        selection, _missing = self.selection()
        if selection is None:
            return
        generation = self._generation
        sync, kind = self.page.services.sync, self.kind

        def work(_progress: object, _cancel: object) -> tuple[ExportPlan, str]:
            if isinstance(selection, UpwardSelection):
                plan = sync.plan_upward(selection)
            elif isinstance(selection, DownwardSelection):
                plan = sync.plan_downward(selection)
            elif isinstance(selection, BlocDownSelection):
                plan = sync.plan_bloc_down(selection)
            elif isinstance(selection, MovementDownSelection):
                plan = sync.plan_movement_down(selection)
            else:
                plan = sync.plan_bloc_up(selection)
            return plan, sync.default_file_name(kind)

        (self.page.ctx.runner.task(work, self)
         .success(lambda found: self._planned(generation, selection, *found))
         .failure(lambda error: self._plan_refused(generation, error))
         .run())

    def _planned(self, generation: int, selection: Selection, plan: ExportPlan,
                 name: str) -> None:
        if generation != self._generation:
            return
        self.plan, self.planned_for, self.default_name = plan, selection, name
        self._show_plan(plan, "")

    def _plan_refused(self, generation: int, error: DomainError) -> None:
        if generation == self._generation:
            self._show_plan(None, str(error), problem=True)

    def _show_plan(self, plan: ExportPlan | None, text: str, *, problem: bool = False) -> None:
        if plan is None:
            self.counts_model.set_rows([])
            colour = "#b3261e" if problem else "#505050"
            self.summary_label.setText(f"<span style='color:{colour}'>{html.escape(text)}"
                                       "</span>")
            self.write_button.setEnabled(False)
            return
        rows = sorted(((k, v) for k, v in plan.counts.items() if v),
                      key=lambda kv: ENTITY_ORDER.get(kv[0], 999))
        self.counts_model.set_rows(rows)
        recipient = plan.recipient.office_name or plan.recipient.unit_code
        size = plan.data_bytes + plan.attachment_bytes + plan.document_bytes
        lines = [translate("SyncExport", "%1 records, %2 attached files, about %3.").replace(
            "%1", format_int(plan.total)).replace("%2", format_int(plan.attachment_count))
            .replace("%3", format_size(size))]
        if plan.documents:
            lines.append(translate("SyncExport", "Documents attached: %1.").replace(
                "%1", "; ".join(d.title for d in plan.documents)))
        lines.append(translate("SyncExport", "For: %1").replace("%1", recipient))
        if plan.since is not None:
            lines.append(translate("SyncExport", "Only changes since %1.").replace(
                "%1", f"{plan.since:%d/%m/%Y %H:%M}"))
        text = "<br>".join(html.escape(line) for line in lines)
        for warning in plan.warnings:
            text += f"<br><span style='color:#8a4b00'>⚠ {html.escape(warning)}</span>"
        self.summary_label.setText(text)
        self.write_button.setEnabled(plan.total > 0)

    # -- writing ------------------------------------------------------------------------------------
    def choose_target(self, suggested: Path) -> Path | None:
        return PackageFiles.save(self, suggested)

    @Slot()
    def write(self) -> None:
        selection, plan = self.planned_for, self.plan
        if selection is None or plan is None:
            return
        settings = self.page.ctx.settings
        folder = settings.last_folder("sync-export", Path.home())
        target = self.choose_target(folder / (self.default_name or "goi.tdkt"))
        if target is None:
            return
        settings.set_last_folder("sync-export", target.parent)
        sync = self.page.services.sync
        part_mb = self.split_size.value() if self.split_check.isChecked() else None

        def work(_progress: object, _cancel: object) -> tuple[ExportResult, KeyInfo]:
            if isinstance(selection, UpwardSelection):
                result = sync.export_upward(selection, target, part_mb=part_mb)
            elif isinstance(selection, DownwardSelection):
                result = sync.export_downward(selection, target, part_mb=part_mb)
            elif isinstance(selection, BlocDownSelection):
                result = sync.export_bloc_down(selection, target, part_mb=part_mb)
            elif isinstance(selection, MovementDownSelection):
                result = sync.export_movement_down(selection, target, part_mb=part_mb)
            else:
                result = sync.export_bloc_up(selection, target, part_mb=part_mb)
            return result, sync.key_info()

        (self.page.ctx.runner.task(work, self)
         .with_progress(translate("SyncExport", "Writing the data package…"), cancellable=False)
         .disabling(self.write_button)
         .success(lambda done: self._written(*done))
         .failure(self._write_refused)
         .run(writes=True))

    def _write_refused(self, error: DomainError) -> None:
        self._changed()  # what was counted may have changed meanwhile: count again
        if not isinstance(error, DatabaseBusyError):  # the runner's box already said so
            Messages.error(self, str(error))

    def _written(self, result: ExportResult, key: KeyInfo) -> None:
        self.last_result = result
        self.write_button.setEnabled(self.plan is not None and self.plan.total > 0)
        written = (html.escape(result.path.name) if not result.parts else html.escape(
            translate("SyncExport", "%1 parts (send them all): %2").replace(
                "%1", str(len(result.parts))).replace(
                "%2", ", ".join(p.name for p in result.parts))))
        self.result_label.setText(
            "<b>" + html.escape(translate("SyncExport", "Package written:")) + " "
            + written + "</b><br>" + html.escape(translate(
                "SyncExport", "Folder: %1").replace("%1", str(result.path.parent)))
            + "<br>" + html.escape(translate(
                "SyncExport", "%1 records, %2. When the receiving office phones to confirm, "
                "read them this office's fingerprint:").replace(
                "%1", format_int(sum(result.counts.values()))).replace(
                "%2", format_size(result.size))))
        self.result_fingerprint.setText(key.fingerprint)
        self.result_box.show()
        self.page.history_changed()
        self.page.ctx.host.notify(translate("SyncExport", "Package written: %1").replace(
            "%1", result.path.name))

    @Slot()
    def _open_folder(self) -> None:
        if self.last_result is not None:
            messages.open_folder(self.last_result.path.parent)
