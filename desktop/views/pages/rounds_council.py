"""The round's council vote (yes votes typed into a grid, checked against the members present,
percentages against ALL members) and its decision (lines grouped, money previewed for the
signing date, signing that writes the award history). Every write (open a meeting, save the
votes, close it, draft and sign the decision) runs in the background: another program may
hold the database, and the window must not freeze while it waits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.council import MeetingInput, MeetingRow, VoteResult
from desktop.api.decisions import GROUP_TITLES, DecisionInput, DecisionLineRow, DecisionRow
from desktop.api.money import format_money
from desktop.api.nominations import NominationQuery
from desktop.api.rounds import RoundRow
from desktop.domain.enums import NominationStatus, SignerCapacity
from desktop.domain.errors import DomainError
from desktop.i18n import translate
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.messages import Messages
from desktop.views.widgets.enum_combo import enum_data
from desktop.views.writes import run_write

if TYPE_CHECKING:
    from desktop.views.pages.rounds import RoundsPage

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


def menu_button(text: str, parent: QWidget) -> QPushButton:
    """A button that opens a menu: a push button, whose style keeps room for the menu arrow
    beside the text (a tool button's arrow was drawn over the last letters)."""
    button = QPushButton(text, parent)
    button.setMenu(QMenu(button))
    return button


def show_refusal(parent: QWidget, error: DomainError, lead: str = "") -> None:
    """A service's refusal of a background write, in a message box."""
    Messages.error(parent, f"{lead}\n{error}" if lead else str(error))


def write_in_background(page: RoundsPage, parent: QWidget, work: Callable[[], R],
                        done: Callable[[R], None], *controls: QWidget,
                        refused: Callable[[DomainError], None] | None = None) -> None:
    """Run one write of the round's screens on the runner's writer thread (``run_write``), with
    the controls that started it disabled until the outcome arrives."""
    run_write(page.ctx.runner, parent, work, saved=done,
              refused=refused or (lambda error: show_refusal(parent, error)), controls=controls)


def picked(edit: QDateEdit) -> date:
    """The day an edit shows, as a ``date`` (``toPython`` is untyped)."""
    day = edit.date()
    return date(day.year(), day.month(), day.day())


def _today_edit(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate.currentDate(), parent)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


class VoteModel(QAbstractTableModel):
    """Nominations with an editable yes-vote column; a bad cell keeps its reason."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[VoteResult] = []
        self.votes: dict[int, int | None] = {}
        self.problems: dict[int, str] = {}
        self.present = 0

    def set_results(self, results: list[VoteResult], present: int) -> None:
        self.beginResetModel()
        self.rows, self.present = results, present
        self.votes = {r.nomination_id: r.yes_votes for r in results}
        self.problems = {}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return [translate("RoundsPage", "Subject"), translate("RoundsPage", "Award"),
                    translate("RoundsPage", "Yes votes"), translate("RoundsPage", "Result")][section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 2 else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        problem = self.problems.get(row.nomination_id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            votes = self.votes.get(row.nomination_id)
            return [row.subject_name, row.award_name,
                    "" if votes is None else str(votes),
                    problem or self._result(row, votes)][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 2 and problem:
            return QBrush(QColor("#f9d6d5"))
        if role == Qt.ItemDataRole.ToolTipRole and problem:
            return problem
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3 and row.source:
            return translate("RoundsPage", "Legal basis: %1").replace("%1", row.source)
        return None

    @staticmethod
    def _result(row: VoteResult, votes: int | None) -> str:
        return replace(row, yes_votes=votes).text

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != 2 or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.rows[index.row()]
        text = str(value).strip()
        self.problems.pop(row.nomination_id, None)
        if not text.isdigit():
            self.problems[row.nomination_id] = translate("RoundsPage", "Type a whole number of votes")
        elif int(text) > self.present:
            most = translate("RoundsPage", "At most %1 members are present")
            self.problems[row.nomination_id] = most.replace("%1", str(self.present))
        self.votes[row.nomination_id] = int(text) if text.isdigit() else None
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 3))
        return True


class CouncilTab(QWidget):
    def __init__(self, page: RoundsPage) -> None:
        super().__init__(page)
        self.page = page
        self.round: RoundRow | None = None
        self.meeting: MeetingRow | None = None
        self.held_on = _today_edit(self)
        self.total = QSpinBox(self)
        self.total.setRange(1, 200)
        self.total.setValue(9)
        self.present = QSpinBox(self)
        self.present.setRange(0, 200)
        self.present.setValue(9)
        self.meeting_label = QLabel(self)
        self.create_button = QPushButton(translate("RoundsPage", "Open meeting"), self)
        self.save_button = QPushButton(translate("RoundsPage", "Save votes"), self)
        self.close_button = QPushButton(translate("RoundsPage", "Close meeting and apply results"), self)
        self.minutes_button = QPushButton(translate("RoundsPage", "Minutes of the meeting…"), self)
        self.minutes_button.setToolTip(translate("RoundsPage", "Create the council meeting's "
                                                 "minutes (biên bản) in Word"))
        self.last_meeting: MeetingRow | None = None
        self.model = VoteModel(self)
        self.grid = QTableView(self)
        self.grid.setModel(self.model)
        # Spreadsheet-like: typing a digit on a cell starts editing it.
        self.grid.setEditTriggers(QTableView.EditTrigger.AnyKeyPressed
                                  | QTableView.EditTrigger.DoubleClicked
                                  | QTableView.EditTrigger.EditKeyPressed)
        self.grid.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.grid.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.grid.setColumnWidth(1, 220)
        form = QHBoxLayout()
        for label, widget in ((translate("RoundsPage", "Date"), self.held_on),
                              (translate("RoundsPage", "Council members"), self.total),
                              (translate("RoundsPage", "Present"), self.present)):
            form.addWidget(QLabel(label, self))
            form.addWidget(widget)
        form.addWidget(self.create_button)
        form.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.meeting_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.minutes_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)
        self.minutes_button.clicked.connect(self.create_minutes)
        self.create_button.clicked.connect(self.open_meeting)
        self.save_button.clicked.connect(self.save_votes)
        self.close_button.clicked.connect(self.close_meeting)

    def set_round(self, round_row: RoundRow | None) -> None:
        """The round whose meetings are shown; None (no round yet) leaves only the form."""
        self.round = round_row
        self.create_button.setEnabled(round_row is not None)
        if round_row is None:
            self.meeting = self.last_meeting = None
            self.refresh()
            return
        every = self.page.services.council.meetings(round_row.id)
        meetings = [m for m in every if not m.closed]
        self.meeting = meetings[-1] if meetings else None
        self.last_meeting = every[-1] if every else None
        self.refresh()

    def refresh(self) -> None:
        if self.meeting is not None:
            self.last_meeting = self.meeting
        self.minutes_button.setEnabled(self.last_meeting is not None)
        m = self.meeting
        self.save_button.setEnabled(m is not None)
        self.close_button.setEnabled(m is not None)
        if m is None:
            self.meeting_label.setText(translate("RoundsPage", "No open meeting."))
            self.model.set_results([], 0)
            return
        self.meeting_label.setText(translate("RoundsPage", "Meeting of %1: %2 of %3 members present").replace(
            "%1", f"{m.held_on:%d/%m/%Y}").replace("%2", str(m.present_members))
            .replace("%3", str(m.total_members)))
        self.model.set_results(self.page.services.council.results(m.id), m.present_members)

    @Slot()
    def create_minutes(self) -> None:
        """Biên bản of the open meeting, or else of the round's last one."""
        if self.last_meeting is not None:
            self.page.create_document("bien_ban_hoi_dong", (self.last_meeting.id,))

    @Slot()
    def open_meeting(self) -> None:
        if self.round is None:
            return
        held = picked(self.held_on)
        data = MeetingInput(self.round.id, held, self.total.value(), self.present.value())
        council = self.page.services.council
        write_in_background(self.page, self, lambda: council.create_meeting(data),
                            self._on_opened, self.create_button)

    def _on_opened(self, meeting: MeetingRow) -> None:
        self.meeting = meeting
        self.refresh()

    def commit_open_editor(self) -> None:
        """A number typed into a cell but not yet confirmed with Enter counts: saving from a
        button or a shortcut must not drop it."""
        if self.grid.state() != QAbstractItemView.State.EditingState:
            return
        editor = QApplication.focusWidget()
        if editor is not None and self.grid.isAncestorOf(editor):
            self.grid.commitData(editor)
            self.grid.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _votes_to_save(self) -> tuple[MeetingRow, dict[int, int]] | None:
        """The open meeting and the typed votes, or None (told why) when they cannot be saved."""
        self.commit_open_editor()
        if self.meeting is None:
            return None
        if self.model.problems:
            Messages.error(self, translate("RoundsPage", "Correct the marked cells first; nothing was "
                                                "saved."))
            return None
        return self.meeting, {k: v for k, v in self.model.votes.items() if v is not None}

    @Slot()
    def save_votes(self) -> bool:
        """Start saving the votes in the background; False when nothing could be saved."""
        chosen = self._votes_to_save()
        if chosen is None:
            return False
        meeting, votes = chosen
        council = self.page.services.council
        write_in_background(self.page, self, lambda: council.record_votes(meeting.id, votes),
                            lambda _none: self.refresh(), self.save_button, self.close_button)
        return True

    @Slot()
    def close_meeting(self) -> None:
        """Save the votes and close the meeting in one background write, then apply the
        results to the nominations."""
        chosen = self._votes_to_save()
        if chosen is None:
            return
        meeting, votes = chosen
        council = self.page.services.council

        def work() -> dict[str, int]:
            council.record_votes(meeting.id, votes)
            return council.close_meeting(meeting.id)

        write_in_background(self.page, self, work, self._on_closed, self.save_button,
                            self.close_button, self.create_button)

    def _on_closed(self, outcome: dict[str, int]) -> None:
        self.page.ctx.host.notify(translate("RoundsPage", "%1 passed, %2 not passed").replace(
            "%1", str(outcome["passed"])).replace("%2", str(outcome["failed"])))
        self.meeting = None
        self.page.reload_nominations()


class DecisionTab(QWidget):
    def __init__(self, page: RoundsPage) -> None:
        super().__init__(page)
        self.page = page
        self.round: RoundRow | None = None
        self.decision: DecisionRow | None = None
        self.issuer = QLineEdit(self)
        self.subject_line = QLineEdit(self)
        self.signer = QLineEdit(self)
        self.capacity = QComboBox(self)
        for capacity in SignerCapacity:
            self.capacity.addItem(capacity.label, capacity)
        self.signed_on = _today_edit(self)
        self.create_button = QPushButton(translate("RoundsPage", "Draft decision from voted nominations"),
                                         self)
        self.per_award = QCheckBox(translate("RoundsPage", "One decision per award"), self)
        self.per_award.setToolTip(translate(
            "RoundsPage", "Draft a separate decision for each award (how most offices issue "
                          "them) instead of one decision listing every award."))
        self.decision_combo = QComboBox(self)  # the round's decisions (several when per award)
        self.warning_label = QLabel(self)
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #8a4b00;")
        self.warning_label.setVisible(False)
        self.sign_button = QPushButton(translate("RoundsPage", "Sign decision"), self)
        self.document_button = menu_button(translate("RoundsPage", "Create document"), self)
        menu = QMenu(self.document_button)
        self.document_actions: dict[str, QAction] = {}
        for key, text in (("quyet_dinh", translate("RoundsPage", "Decision (quyết định)…")),
                          ("giay_khen", translate("RoundsPage", "Giấy khen print sheets…")),
                          ("bang_khen", translate("RoundsPage", "Bằng khen print sheets…"))):
            action = menu.addAction(text)
            action.triggered.connect(lambda _=False, k=key: self.create_document(k))
            self.document_actions[key] = action
        self.document_button.setMenu(menu)
        self.total_label = QLabel(self)
        self.total_label.setWordWrap(True)
        self.lines = RecordTableModel[DecisionLineRow]([
            Column(translate("RoundsPage", "Group"), lambda r: GROUP_TITLES[r.group]),
            Column(translate("RoundsPage", "Subject"), lambda r: r.subject_name),
            Column(translate("RoundsPage", "Award"), lambda r: r.award_name),
            Column(translate("RoundsPage", "Coefficient"), lambda r: f"{r.coefficient:g}".replace(".", ","),
                   align_right=True),
            Column(translate("RoundsPage", "Amount (đồng)"), lambda r: format_money(r.amount),
                   align_right=True, tooltip=lambda r: r.pay_note),
        ], self)
        self.table = QTableView(self)
        self.table.setModel(self.lines)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 140)
        self.table.setColumnWidth(2, 240)
        form = QFormLayout()
        form.addRow(translate("RoundsPage", "Decision"), self.decision_combo)
        form.addRow(translate("RoundsPage", "Issuing authority"), self.issuer)
        form.addRow(translate("RoundsPage", "Subject line"), self.subject_line)
        form.addRow(translate("RoundsPage", "Signer"), self.signer)
        form.addRow(translate("RoundsPage", "Signing capacity"), self.capacity)
        form.addRow(translate("RoundsPage", "Signing date"), self.signed_on)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.per_award)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.document_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)
        self.decision_combo.currentIndexChanged.connect(lambda *_: self._on_decision_chosen())
        self.create_button.clicked.connect(self.create_decision)
        self.sign_button.clicked.connect(self.sign)
        self.signed_on.dateChanged.connect(lambda *_: self.refresh())

    def set_round(self, round_row: RoundRow | None) -> None:
        """The round's latest decision; None (no round yet) leaves nothing to draft."""
        self.round = round_row
        self.create_button.setEnabled(round_row is not None)
        if round_row is None:
            self.decision = None
            self.refresh()
            return
        if not self.issuer.text():
            self.issuer.setText(round_row.office_name or "")
        # The decision the officer was looking at stays chosen when the round is reloaded.
        keep = self.decision.id if self.decision is not None and \
            self.decision.round_id == round_row.id else None
        self._fill_decisions(self.page.services.decisions.list(round_row.id), keep)

    def _fill_decisions(self, decisions: list[DecisionRow], chosen: int | None = None) -> None:
        """The round's decisions in the chooser, the given one (else the latest) selected."""
        self.decision_combo.blockSignals(True)
        self.decision_combo.clear()
        for d in decisions:
            awards = ", ".join(dict.fromkeys(line.award_name for line in d.lines))
            head = (translate("RoundsPage", "No. %1").replace("%1", d.number) if d.signed
                    else translate("RoundsPage", "Draft %1").replace("%1", str(d.id)))
            self.decision_combo.addItem(f"{head} — {awards}", d)
        index = next((i for i, d in enumerate(decisions) if d.id == chosen), len(decisions) - 1)
        self.decision_combo.setCurrentIndex(index)
        self.decision_combo.blockSignals(False)
        self.decision_combo.setEnabled(len(decisions) > 1)
        self.decision = decisions[index] if decisions else None
        self.refresh()

    def _on_decision_chosen(self) -> None:
        self.decision = self.decision_combo.currentData()
        self.refresh()

    def refresh(self) -> None:
        self.sign_button.setEnabled(self.decision is not None and not self.decision.signed)
        self.document_button.setEnabled(self.decision is not None)
        if self.decision is None:
            self.lines.set_rows([])
            self.warning_label.setVisible(False)
            self.total_label.setText(translate("RoundsPage", "No decision drafted yet."))
            return
        on = picked(self.signed_on)
        d = self.page.services.decisions.get(self.decision.id, preview_on=on)
        self.decision = d
        self.lines.set_rows(list(d.lines))
        # Who may award what: a warning, the officer may still sign (the law names the
        # authority; a province may delegate).
        self.warning_label.setText("\n".join(f"⚠ {w}" for w in d.warnings))
        self.warning_label.setVisible(bool(d.warnings))
        parts = [f"{GROUP_TITLES[k]}: {n} — {format_money(a)} đ" for k, (n, a) in d.totals().items()]
        head = (translate("RoundsPage", "Decision No. %1").replace("%1", d.number) if d.signed
                else translate("RoundsPage", "Draft, priced for %1").replace("%1", f"{on:%d/%m/%Y}"))
        self.total_label.setText(f"{head} · " + " · ".join(parts) + " · "
                                 + translate("RoundsPage", "Total") + f": {format_money(d.total_amount)} đ")

    def create_document(self, template_key: str) -> None:
        """The decision itself or its certificate print sheets, in the Tạo văn bản dialog."""
        if self.decision is not None:
            self.page.create_document(template_key, (self.decision.id,))

    @Slot()
    def create_decision(self) -> None:
        """Draft the decision from the round's voted nominations (read and written in the
        background: a round can hold thousands)."""
        if self.round is None:
            return
        round_id = self.round.id
        data = DecisionInput(round_id, self.issuer.text(), subject_line=self.subject_line.text(),
                             signer_name=self.signer.text(),
                             signer_capacity=enum_data(self.capacity, SignerCapacity)
                             or SignerCapacity.CHAIRMAN)
        nominations, decisions = self.page.services.nominations, self.page.services.decisions
        per_award = self.per_award.isChecked()

        def work() -> list[DecisionRow]:
            voted = nominations.page(NominationQuery(round_id, status=NominationStatus.VOTED),
                                     0, 100_000)
            ids = [n.id for n in voted]
            return decisions.create_per_award(data, ids) if per_award \
                else [decisions.create(data, ids)]

        write_in_background(self.page, self, work, self._on_drafted, self.create_button)

    def _on_drafted(self, made: list[DecisionRow]) -> None:
        if len(made) > 1:
            self.page.ctx.host.notify(translate("RoundsPage", "%1 draft decisions, one per award")
                                      .replace("%1", str(len(made))))
        if self.round is not None:
            self._fill_decisions(self.page.services.decisions.list(self.round.id),
                                 made[0].id if made else None)

    @Slot()
    def sign(self) -> None:
        if self.decision is None:
            return
        on = picked(self.signed_on)
        question = translate("RoundsPage", "Sign the decision dated %1? The award history of "
                                           "every line will be written.").replace(
            "%1", f"{on:%d/%m/%Y}")
        if self.decision.warnings:
            question = "\n\n".join([*(f"⚠ {w}" for w in self.decision.warnings), question])
        if not Messages.confirm(self, question):
            return
        decision_id, signer = self.decision.id, self.signer.text()
        capacity = enum_data(self.capacity, SignerCapacity) or SignerCapacity.CHAIRMAN
        decisions = self.page.services.decisions
        write_in_background(self.page, self, lambda: decisions.sign(decision_id, on, signer, capacity),
                            self._on_signed, self.sign_button, self.create_button,
                            refused=self._on_sign_refused)

    def _on_signed(self, decision: DecisionRow) -> None:
        if self.round is not None:
            self._fill_decisions(self.page.services.decisions.list(self.round.id), decision.id)
        self.page.reload_nominations()

    def _on_sign_refused(self, error: DomainError) -> None:
        show_refusal(self, error)
        self.refresh()
