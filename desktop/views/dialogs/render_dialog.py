"""Tạo văn bản: choose a template and what it is for (a round, a decision, a council meeting,
nominations, a unit and year, a movement), the date, number and signer, where to write it, and
optionally a PDF beside it. Rendering runs in the background with progress and cancel; a
per-subject template (báo cáo thành tích) makes one file per chosen nomination.

A round can hold 30,000 nominations: they are read in the background and listed by a model
(one object per row, no widget per item), so the dialog opens at once."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.documents import (
    DEFAULT_NOTATION,
    BatchResult,
    ContextKind,
    RenderOptions,
    TemplateSpec,
    safe_filename,
)
from desktop.api.nominations import NominationBrief, NominationQuery
from desktop.domain.enums import SignerCapacity, SubjectKind
from desktop.domain.errors import DomainError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.i18n import translate
from desktop.tasks import Task, TaskRunner
from desktop.views.messages import FileDialogs, Messages, SystemOpener
from desktop.views.widgets.enum_combo import add_enum_items, enum_data
from desktop.views.widgets.unit_picker import UnitPicker

if TYPE_CHECKING:
    from desktop.services import Services
    from desktop.services.nominations import NominationService

Index = QModelIndex | QPersistentModelIndex

# Which nominations a per-subject template is written for (registry "subjects").
SUBJECT_KINDS = {"ca_nhan": SubjectKind.INDIVIDUAL, "tap_the": SubjectKind.COLLECTIVE}
NOMINATION_LIMIT = 100_000
ERROR_STYLE = "color: #b00020;"


# Certificate templates and the award family they print (names as on the sheet).
CERTIFICATE_TEMPLATES = {"giay_khen": "Giấy khen", "bang_khen": "Bằng khen"}
CERTIFICATE_NAMES_SHOWN = 5


def documents_folder() -> Path:
    """The officer's Documents folder (Windows: "Tài liệu"), where files are suggested."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def report_template_for(subject_kind: SubjectKind) -> str | None:
    """The báo cáo thành tích template for a nomination's subject kind (None for households)."""
    for key, kind in (("bao_cao_thanh_tich_ca_nhan", SubjectKind.INDIVIDUAL),
                      ("bao_cao_thanh_tich_tap_the", SubjectKind.COLLECTIVE)):
        if kind is subject_kind:
            return key
    return None


class TargetsModel(QAbstractListModel):
    """The nominations a per-subject template can be written for, each with a tick box.

    Ticks are a set of ids, so "Select all" over 28,500 rows is one ``dataChanged``.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[NominationBrief] = []
        self._checked: set[int] = set()
        self.loading = False

    @property
    def busy(self) -> bool:
        return self.loading

    def set_rows(self, rows: list[NominationBrief], checked: set[int]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._checked = {r.id for r in rows if r.id in checked}
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([], set())

    def check_all(self, checked: bool) -> None:
        self._checked = {r.id for r in self._rows} if checked else set()
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1),
                                  [Qt.ItemDataRole.CheckStateRole])

    def checked_ids(self) -> list[int]:
        return [int(r.id) for r in self._rows if r.id in self._checked]

    def row_id(self, row: int) -> int:
        return int(self._rows[row].id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.subject_name} — {row.award_name} ({row.status.label})"
        if role == Qt.ItemDataRole.CheckStateRole:
            return (Qt.CheckState.Checked if row.id in self._checked
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.subject_detail or None
        if role == Qt.ItemDataRole.UserRole:
            return int(row.id)
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        row_id = self._rows[index.row()].id
        checked = value.value if isinstance(value, Qt.CheckState) else value
        if checked == Qt.CheckState.Checked.value:
            self._checked.add(row_id)
        else:
            self._checked.discard(row_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable)


class TargetList(QTableView):
    """The list of ``TargetsModel``: a one-column table, because a table lays out 28,500 rows
    from its header's section size, while a list view asks the model about every row.
    ``count()`` as on a list widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

    def count(self) -> int:
        return self.model().rowCount()


def _round_targets(nominations: NominationService, round_id: int,
                   wanted: set[SubjectKind]) -> list[NominationBrief]:
    """The round's nominations of the wanted subject kinds (runs in a worker thread)."""
    rows = nominations.briefs(NominationQuery(round_id), NOMINATION_LIMIT)
    return [r for r in rows if not wanted or r.subject_kind in wanted]


class RenderDialog(QDialog):
    """Preselected by ``template_key``, ``round_id`` and ``target_ids`` (decision, meeting,
    movement or unit id, or the chosen nominations) when opened from another screen."""

    def __init__(self, services: Services, runner: TaskRunner, parent: QWidget | None = None, *,
                 template_key: str | None = None, round_id: int | None = None,
                 target_ids: tuple[int, ...] = (), year: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("RenderDialog", "Create document"))
        self.setMinimumWidth(760)
        self.services, self.runner = services, runner
        self._preselected = tuple(target_ids)
        self._output_chosen = False  # the officer picked or typed the output: keep it
        self._nomination_request = 0
        self._nominations_for: tuple[int, frozenset[SubjectKind]] | None = None
        self.task: Task[BatchResult] | None = None
        self.made: BatchResult | None = None  # what the last run created

        self.template = QComboBox(self)
        for info in services.documents.templates():
            self.template.addItem(info.spec.title, info.spec.key)
        self.purpose = QLabel(self)
        self.purpose.setWordWrap(True)
        self.purpose.setStyleSheet("color: #404040;")
        self.purpose.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Room for three lines whatever width the layout first guesses for the wrapped text.
        self.purpose.setMinimumHeight(self.purpose.fontMetrics().lineSpacing() * 3 + 2)
        self.round_combo = QComboBox(self)
        self.round_combo.setMinimumWidth(440)
        for row in services.rounds.list():
            self.round_combo.addItem(f"{row.name} — {row.year}", row)
            if row.id == round_id:
                self.round_combo.setCurrentIndex(self.round_combo.count() - 1)
        self.decision_combo = QComboBox(self)
        self.meeting_combo = QComboBox(self)
        # Filled when a template needs them (_fill_choices): reading every bloc and movement
        # for a dialog opened on a round's reports cost ~70 ms of a frozen window.
        self.movement_combo = QComboBox(self)
        self.bloc_combo = QComboBox(self)
        self._filled: set[ContextKind] = set()
        self.targets = TargetsModel(self)
        self.nominations = TargetList(self)
        self.nominations.setModel(self.targets)
        self.nominations.setMinimumHeight(150)
        self.nomination_note = QLabel(self)
        self.select_all_button = QPushButton(translate("RenderDialog", "Select all"), self)
        self.select_none_button = QPushButton(translate("RenderDialog", "Select none"), self)
        nomination_box = QWidget(self)
        nomination_layout = QVBoxLayout(nomination_box)
        nomination_layout.setContentsMargins(0, 0, 0, 0)
        nomination_layout.addWidget(self.nominations)
        nomination_buttons = QHBoxLayout()
        nomination_buttons.addWidget(self.nomination_note, 1)
        nomination_buttons.addWidget(self.select_all_button)
        nomination_buttons.addWidget(self.select_none_button)
        nomination_layout.addLayout(nomination_buttons)
        self.unit_picker = UnitPicker(lambda text, limit: services.units.search(text, limit),
                                      self)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(year or date.today().year)

        self.on_date = QDateEdit(QDate.currentDate(), self)
        self.on_date.setDisplayFormat("dd/MM/yyyy")
        self.on_date.setCalendarPopup(True)
        self.sequence = QSpinBox(self)
        self.sequence.setRange(0, 99_999)
        self.sequence.setSpecialValueText(translate("RenderDialog", "blank (not issued yet)"))
        self.sequence.setMinimumWidth(200)
        self.notation = QLineEdit(self)
        self.notation.setMaximumWidth(160)
        number_box = QWidget(self)
        number_layout = QHBoxLayout(number_box)
        number_layout.setContentsMargins(0, 0, 0, 0)
        number_layout.addWidget(self.sequence)
        number_layout.addWidget(QLabel("/", self))
        number_layout.addWidget(self.notation)
        number_layout.addStretch(1)
        self.signer = QLineEdit(self)
        self.signer.setPlaceholderText(translate("RenderDialog", "Full name of the signer"))
        self.capacity = QComboBox(self)
        add_enum_items(self.capacity, SignerCapacity)
        self.recipient = QLineEdit(self)
        self.recipient.setPlaceholderText(translate(
            "RenderDialog", "Leave blank to use the province setting"))
        self.decision_note = QLabel(translate(
            "RenderDialog", "The number, signing date and signer are taken from the decision."),
            self)
        self.decision_note.setWordWrap(True)
        self.decision_note.setStyleSheet("color: #404040;")
        self.certificate_ok = True  # False: the chosen decision prints no certificate (why shown)

        self.output = QLineEdit(self)
        self.browse_button = QPushButton(translate("RenderDialog", "Choose…"), self)
        output_box = QWidget(self)
        output_layout = QHBoxLayout(output_box)
        output_layout.setContentsMargins(0, 0, 0, 0)
        output_layout.addWidget(self.output, 1)
        output_layout.addWidget(self.browse_button)
        self.pdf = QCheckBox(translate("RenderDialog", "Also export PDF"), self)
        if not services.documents.pdf_available():
            self.pdf.setEnabled(False)
            self.pdf.setToolTip(translate(
                "RenderDialog", "LibreOffice is not installed on this computer, so PDF cannot be "
                "made. Install LibreOffice (free, libreoffice.org) or save as PDF from Word."))

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        template_box = QWidget(self)  # the combo with what the template is for under it
        template_layout = QVBoxLayout(template_box)
        template_layout.setContentsMargins(0, 0, 0, 0)
        template_layout.addWidget(self.template)
        template_layout.addWidget(self.purpose)
        self.form.addRow(translate("RenderDialog", "Template"), template_box)
        self.form.addRow(translate("RenderDialog", "Round"), self.round_combo)
        self.form.addRow(translate("RenderDialog", "Decision"), self.decision_combo)
        self.form.addRow(translate("RenderDialog", "Council meeting"), self.meeting_combo)
        self.form.addRow(translate("RenderDialog", "Nominations"), nomination_box)
        self.form.addRow(translate("RenderDialog", "Unit"), self.unit_picker)
        self.form.addRow(translate("RenderDialog", "Registration year"), self.year)
        self.form.addRow(translate("RenderDialog", "Movement"), self.movement_combo)
        self.form.addRow(translate("RenderDialog", "Emulation bloc"), self.bloc_combo)
        self.form.addRow("", self.decision_note)
        self.form.addRow(translate("RenderDialog", "Document date"), self.on_date)
        self.form.addRow(translate("RenderDialog", "Number"), number_box)
        self.form.addRow(translate("RenderDialog", "Signer"), self.signer)
        self.form.addRow(translate("RenderDialog", "Signing capacity"), self.capacity)
        self.form.addRow(translate("RenderDialog", "To (Kính gửi)"), self.recipient)
        self.output_label = QLabel(translate("RenderDialog", "Save as"), self)
        self.form.addRow(self.output_label, output_box)
        self.form.addRow("", self.pdf)
        self._rows: dict[str, QWidget] = {
            "round": self.round_combo, "decision": self.decision_combo,
            "meeting": self.meeting_combo, "nominations": nomination_box,
            "unit": self.unit_picker, "year": self.year, "movement": self.movement_combo,
            "bloc": self.bloc_combo,
            "decision_note": self.decision_note, "date": self.on_date, "number": number_box,
            "signer": self.signer, "capacity": self.capacity, "recipient": self.recipient}

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_document_button = QPushButton(translate("RenderDialog", "Open document"), self)
        self.open_folder_button = QPushButton(translate("RenderDialog", "Open folder"), self)
        self.render_button = QPushButton(translate("RenderDialog", "Create document"), self)
        self.render_button.setDefault(True)
        self.close_button = QPushButton(translate("RenderDialog", "Close"), self)
        result_row = QHBoxLayout()
        result_row.addWidget(self.result_label, 1)
        result_row.addWidget(self.open_document_button)
        result_row.addWidget(self.open_folder_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.render_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(result_row)
        layout.addLayout(buttons)
        self._show_result(None)

        self.template.currentIndexChanged.connect(lambda *_: self._on_template_changed())
        self.round_combo.currentIndexChanged.connect(lambda *_: self._load_round_targets())
        for combo in (self.decision_combo, self.meeting_combo, self.movement_combo,
                      self.bloc_combo):
            combo.currentIndexChanged.connect(lambda *_: self._suggest_output())
        self.decision_combo.currentIndexChanged.connect(lambda *_: self._update_decision_note())
        self.unit_picker.unit_changed.connect(lambda *_: self._suggest_output())
        self.year.valueChanged.connect(lambda *_: self._suggest_output())
        self.output.textEdited.connect(self._on_output_edited)
        self.output.textChanged.connect(self.output.setToolTip)
        self.browse_button.clicked.connect(self.choose_output)
        self.select_all_button.clicked.connect(lambda: self._check_all(True))
        self.select_none_button.clicked.connect(lambda: self._check_all(False))
        self.render_button.clicked.connect(self.create_document)
        self.close_button.clicked.connect(self.reject)
        self.open_document_button.clicked.connect(self.open_document)
        self.open_folder_button.clicked.connect(self.open_folder)

        index = self.template.findData(template_key) if template_key else 0
        self.template.setCurrentIndex(max(index, 0))
        self._on_template_changed()
        self._select_preselected()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, runner: TaskRunner, *,
            template_key: str | None = None, round_id: int | None = None,
            target_ids: tuple[int, ...] = (), year: int | None = None) -> None:
        dialog = cls(services, runner, parent, template_key=template_key, round_id=round_id,
                     target_ids=target_ids, year=year)
        dialog.exec()

    # -- what the template needs ----------------------------------------------------------------
    @property
    def spec(self) -> TemplateSpec:
        return self.services.documents.spec(self.template.currentData())

    @property
    def batch(self) -> bool:
        return bool(self.spec.per_subject)

    def _set_row(self, name: str, visible: bool) -> None:
        self.form.setRowVisible(self._rows[name], visible)

    def _fill_choices(self, kind: ContextKind) -> None:
        """The movements or blocs a template of that kind chooses from, read once."""
        if kind in self._filled:
            return
        self._filled.add(kind)
        if kind is ContextKind.MOVEMENT:
            for movement in self.services.movements.list():
                self.movement_combo.addItem(f"{movement.name} — {movement.year}", movement.id)
        elif kind is ContextKind.BLOC:
            for bloc in self.services.blocs.list():
                self.bloc_combo.addItem(f"{bloc.name} — {bloc.year}", bloc.id)

    def _on_template_changed(self) -> None:
        spec = self.spec
        kind = spec.context
        self._fill_choices(kind)
        self.purpose.setText(translate("RenderDialog", "For: %1. %2")
                             .replace("%1", kind.label).replace("%2", spec.description))
        in_round = kind in (ContextKind.ROUND, ContextKind.DECISION, ContextKind.MEETING,
                            ContextKind.NOMINATION)
        self._set_row("round", in_round)
        self._set_row("decision", kind is ContextKind.DECISION)
        self._set_row("decision_note", kind is ContextKind.DECISION)
        self._set_row("meeting", kind is ContextKind.MEETING)
        self._set_row("nominations", kind is ContextKind.NOMINATION)
        self._set_row("unit", kind is ContextKind.REGISTRATION)
        self._set_row("year", kind is ContextKind.REGISTRATION)
        self._set_row("movement", kind is ContextKind.MOVEMENT)
        self._set_row("bloc", kind is ContextKind.BLOC)
        own_header = kind is not ContextKind.DECISION
        self._set_row("date", own_header)
        numbered = own_header and bool(DEFAULT_NOTATION.get(spec.key))
        self._set_row("number", numbered)
        self.notation.setText(DEFAULT_NOTATION.get(spec.key, ""))
        signed = own_header and spec.field("nguoi_ky") is not None
        self._set_row("signer", signed)
        self._set_row("capacity", signed)
        self._set_row("recipient", own_header and spec.field("kinh_gui") is not None)
        self.output_label.setText(translate("RenderDialog", "Folder") if self.batch
                                  else translate("RenderDialog", "Save as"))
        self._output_chosen = False
        self._load_round_targets()
        self._update_decision_note()
        self.adjustSize()

    def _update_decision_note(self) -> None:
        """For a certificate template, how many sheets it will print and for whom (only the
        signed decision's lines of its own award), or why it will print none."""
        self.certificate_ok = True
        self.decision_note.setStyleSheet("color: #404040;")
        if self.spec.key not in CERTIFICATE_TEMPLATES:
            self.decision_note.setText(translate(
                "RenderDialog", "The number, signing date and signer are taken from the "
                "decision."))
            return
        decision_id = self.target_id()
        if decision_id is None:
            self.decision_note.setText("")
            return
        try:
            names = self.services.documents.certificate_recipients(self.spec.key, decision_id)
        except DomainError as error:
            self.certificate_ok = False
            self.decision_note.setStyleSheet("color: #a00000;")
            self.decision_note.setText(str(error))
            return
        shown = ", ".join(names[:CERTIFICATE_NAMES_SHOWN])
        if len(names) > CERTIFICATE_NAMES_SHOWN:
            shown += translate("RenderDialog", " and %1 more").replace(
                "%1", str(len(names) - CERTIFICATE_NAMES_SHOWN))
        self.decision_note.setText(translate(
            "RenderDialog", "Will print %1 %2 sheet(s), one for each: %3.")
            .replace("%1", str(len(names)))
            .replace("%2", CERTIFICATE_TEMPLATES[self.spec.key]).replace("%3", shown))

    def _load_round_targets(self) -> None:
        round_row = self.round_combo.currentData()
        kind = self.spec.context
        # Switching from the decision to its certificates keeps the decision chosen.
        chosen = {combo: combo.currentData() for combo in (self.decision_combo,
                                                           self.meeting_combo)}
        for combo in (self.decision_combo, self.meeting_combo):
            combo.blockSignals(True)
            combo.clear()
        if round_row is not None and kind is ContextKind.DECISION:
            for d in self.services.decisions.list(round_row.id):
                state = (translate("RenderDialog", "signed %1").replace(
                    "%1", f"{d.signed_on:%d/%m/%Y}") if d.signed and d.signed_on
                    else translate("RenderDialog", "draft"))
                number = d.number or translate("RenderDialog", "no number")
                self.decision_combo.addItem(f"{number} — {d.issuer} ({state})", d.id)
            self._select_last(self.decision_combo, chosen[self.decision_combo])
        if round_row is not None and kind is ContextKind.MEETING:
            for m in self.services.council.meetings(round_row.id):
                text = translate("RenderDialog", "Meeting of %1, %2 of %3 members present") \
                    .replace("%1", f"{m.held_on:%d/%m/%Y}").replace("%2", str(m.present_members)) \
                    .replace("%3", str(m.total_members))
                self.meeting_combo.addItem(text, m.id)
            self._select_last(self.meeting_combo, chosen[self.meeting_combo])
        if round_row is not None and kind is ContextKind.NOMINATION:
            self._load_nominations(round_row.id)
        else:
            self._nomination_request += 1  # an answer still on its way is no longer wanted
            self._nominations_for = None
            self.targets.loading = False
            self.targets.clear()
        for combo in (self.decision_combo, self.meeting_combo):
            combo.blockSignals(False)
        self._suggest_output()

    @staticmethod
    def _select_last(combo: QComboBox, keep: object = None) -> None:
        """The item whose data is ``keep`` if it is still there, else the latest."""
        index = combo.findData(keep) if keep is not None else -1
        if combo.count():
            combo.setCurrentIndex(index if index >= 0 else combo.count() - 1)

    def _load_nominations(self, round_id: int) -> None:
        """A round can hold tens of thousands of nominations: read and filter them in the
        background; the list fills when they arrive (only the latest request counts, and the
        same round and subject kinds are not read twice)."""
        wanted = {SUBJECT_KINDS[s] for s in self.spec.subjects if s in SUBJECT_KINDS}
        key = (round_id, frozenset(wanted))
        if key == self._nominations_for:
            return
        self._nominations_for = key
        self._nomination_request += 1
        request = self._nomination_request
        nominations = self.services.nominations
        self.targets.clear()
        self.targets.loading = True
        self.nomination_note.setText(translate("RenderDialog", "Loading nominations…"))
        self.runner.task(lambda _p, _c: _round_targets(nominations, round_id, wanted), self) \
            .success(lambda rows: self._fill_nominations(request, wanted, rows)).run()

    def _fill_nominations(self, request: int, wanted: set[SubjectKind],
                          rows: list[NominationBrief]) -> None:
        if request != self._nomination_request:
            return
        self.targets.set_rows(rows, set(self._preselected))
        self.targets.loading = False
        kinds = ", ".join(k.label.lower() for k in sorted(wanted, key=lambda k: k.value))
        self.nomination_note.setText(translate("RenderDialog", "%1 nominations of: %2")
                                     .replace("%1", str(len(rows))).replace("%2", kinds)
                                     if kinds else "")
        self._suggest_output()

    def _select_preselected(self) -> None:
        if not self._preselected:
            return
        kind = self.spec.context
        first = self._preselected[0]
        combo = {ContextKind.DECISION: self.decision_combo,
                 ContextKind.MEETING: self.meeting_combo,
                 ContextKind.MOVEMENT: self.movement_combo,
                 ContextKind.BLOC: self.bloc_combo}.get(kind)
        if combo is not None and combo.findData(first) >= 0:
            combo.setCurrentIndex(combo.findData(first))
        if kind is ContextKind.REGISTRATION:
            unit = self.services.units.get(first)
            self.unit_picker.set_unit(unit)
        self._suggest_output()

    def _check_all(self, checked: bool) -> None:
        self.targets.check_all(checked)

    def checked_nominations(self) -> list[int]:
        return self.targets.checked_ids()

    def target_id(self) -> int | None:
        """The one target of a non-batch template (None when nothing is chosen)."""
        kind = self.spec.context
        if kind is ContextKind.ROUND:
            row = self.round_combo.currentData()
            return None if row is None else int(row.id)
        if kind is ContextKind.REGISTRATION:
            self.unit_picker.resolve_typed_text()
            return self.unit_picker.unit_id
        combo = {ContextKind.DECISION: self.decision_combo,
                 ContextKind.MEETING: self.meeting_combo,
                 ContextKind.MOVEMENT: self.movement_combo,
                 ContextKind.BLOC: self.bloc_combo}.get(kind)
        return None if combo is None or combo.currentData() is None else int(combo.currentData())

    def _target_text(self) -> str:
        kind = self.spec.context
        if kind is ContextKind.ROUND or kind is ContextKind.NOMINATION:
            row = self.round_combo.currentData()
            return row.name if row is not None else ""
        if kind is ContextKind.DECISION:
            return self.decision_combo.currentText().split(" — ")[0]
        if kind is ContextKind.MEETING:
            return self.meeting_combo.currentText().split(",")[0]
        if kind is ContextKind.MOVEMENT:
            return self.movement_combo.currentText()
        if kind is ContextKind.BLOC:
            return self.bloc_combo.currentText()
        if kind is ContextKind.REGISTRATION:
            unit = self.unit_picker.unit
            return f"{unit.name} {self.year.value()}" if unit is not None else ""
        return ""

    # -- output ---------------------------------------------------------------------------------
    def _suggest_output(self) -> None:
        if self._output_chosen:
            return
        name = safe_filename(f"{self.spec.title} {self._target_text()}".strip())
        folder = documents_folder()
        self.output.setText(str(folder / name if self.batch else folder / f"{name}.docx"))

    @Slot(str)
    def _on_output_edited(self, _text: str) -> None:
        self._output_chosen = True

    @Slot()
    def choose_output(self) -> None:
        current = Path(self.output.text()) if self.output.text() else documents_folder()
        if self.batch:
            chosen = FileDialogs.choose_folder(self, translate("RenderDialog", "Folder for the "
                                                               "documents"), current)
        else:
            chosen = FileDialogs.save_file(self, translate("RenderDialog", "Save document"),
                                           current, translate("RenderDialog",
                                                              "Word document (*.docx)"))
            if chosen is not None and chosen.suffix.lower() != ".docx":
                chosen = chosen.with_name(chosen.name + ".docx")
        if chosen is not None:
            self.output.setText(str(chosen))
            self._output_chosen = True

    def options(self) -> RenderOptions:
        spec = self.spec
        day = self.on_date.date()
        on = date(day.year(), day.month(), day.day())
        signed = spec.context is not ContextKind.DECISION and spec.field("nguoi_ky") is not None
        return RenderOptions(
            on=on if spec.context is not ContextKind.DECISION else None,
            sequence=self.sequence.value() or None,
            notation=self.notation.text().strip(),
            signer_name=self.signer.text().strip() if signed else "",
            signer_capacity=enum_data(self.capacity, SignerCapacity) if signed else None,
            recipient=self.recipient.text().strip(),
            year=self.year.value() if spec.context is ContextKind.REGISTRATION else None)

    # -- rendering ------------------------------------------------------------------------------
    def _problem(self) -> str:
        """Why the document cannot be made yet ("" when it can)."""
        kind = self.spec.context
        if self.batch:
            if self.round_combo.currentData() is None:
                return translate("RenderDialog", "Choose a round.")
            if not self.checked_nominations():
                return translate("RenderDialog", "Tick at least one nomination.")
        elif self.target_id() is None:
            return {ContextKind.ROUND: translate("RenderDialog", "Choose a round."),
                    ContextKind.DECISION: translate("RenderDialog", "This round has no decision "
                                                    "yet."),
                    ContextKind.MEETING: translate("RenderDialog", "This round has no council "
                                                   "meeting yet."),
                    ContextKind.REGISTRATION: translate("RenderDialog", "Choose a unit."),
                    ContextKind.MOVEMENT: translate("RenderDialog", "Choose a movement."),
                    ContextKind.BLOC: translate("RenderDialog", "Choose an emulation bloc."),
                    }.get(kind, "")
        if not self.certificate_ok:
            return self.decision_note.text()
        if not self.output.text().strip():
            return translate("RenderDialog", "Choose where to save the document.")
        return ""

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _show_result(self, result: BatchResult | None, text: str = "") -> None:
        self.made = result
        self.result_label.setText(text)
        self.result_label.setVisible(bool(text))
        single = result is not None and len(result.files) == 1
        self.open_document_button.setVisible(single)
        self.open_folder_button.setVisible(bool(text) and self._result_folder() is not None)

    def _result_folder(self) -> Path | None:
        if self.made is not None and self.made.files:
            return self.made.files[0].parent
        output = self.output.text().strip()
        return Path(output) if output and self.batch else None

    @Slot()
    def create_document(self) -> None:
        """Tạo văn bản: write the document(s) in the background, with progress (and Huỷ for a
        batch)."""
        problem = self._problem()
        self._show_message(problem)
        if problem:
            return
        self._show_result(None)
        documents = self.services.documents
        key, options, pdf = self.spec.key, self.options(), self.pdf.isChecked()
        output = Path(self.output.text().strip()).expanduser()
        work: Callable[[ProgressFn, CancelToken], BatchResult]
        if self.batch:
            targets = self.checked_nominations()
            label = translate("RenderDialog", "Creating %1 documents…").replace(
                "%1", str(len(targets)))

            def work(progress: ProgressFn, cancel: CancelToken) -> BatchResult:
                return documents.render_batch(key, targets, output, options, pdf=pdf,
                                              progress=progress, cancel=cancel)
        else:
            if output.suffix.lower() != ".docx":
                output = output.with_name(output.name + ".docx")
            if output.exists() and not self._output_chosen and not Messages.confirm(
                    self, translate("RenderDialog", "%1 already exists. Replace it?")
                    .replace("%1", str(output))):
                return
            target_id = self.target_id()
            assert target_id is not None
            label = translate("RenderDialog", "Creating the document…")

            def work(progress: ProgressFn, cancel: CancelToken) -> BatchResult:
                started = time.perf_counter()
                progress(0, 2 if pdf else 1, "")
                path = documents.render(key, target_id, output, options)
                pdfs = documents.to_pdf([path], path.parent) if pdf else []
                return BatchResult((path,), tuple(pdfs), time.perf_counter() - started)

        self.task = (self.runner.task(work, self)
                     .with_progress(label, cancellable=self.batch)
                     .disabling(self.render_button)
                     .success(self._on_done)
                     .failure(self._on_failed)
                     .cancelled(self._on_cancelled)
                     .run())

    def _on_done(self, result: BatchResult) -> None:
        if len(result.files) == 1:
            text = translate("RenderDialog", "Created %1").replace("%1", str(result.files[0]))
        else:
            text = (translate("RenderDialog", "Created %1 documents in %2")
                    .replace("%1", str(len(result.files)))
                    .replace("%2", str(result.files[0].parent)))
        if result.pdfs:
            text += " " + translate("RenderDialog", "(with PDF)")
        self._show_result(result, text)

    def _on_failed(self, error: DomainError) -> None:
        self._show_message(str(error))

    def _on_cancelled(self) -> None:
        self._show_result(None, translate(
            "RenderDialog", "Stopped. The documents already created stay in the folder."))

    @Slot()
    def open_document(self) -> None:
        if self.made is not None and self.made.files:
            SystemOpener.open(self.made.files[0])

    @Slot()
    def open_folder(self) -> None:
        folder = self._result_folder()
        if folder is not None:
            SystemOpener.open(folder)
