"""The bloc's ranking (table with the tie-break explained, and a bar chart), the bloc's vote
for its leading unit, and the proposals it sends into an award round (Cờ thi đua for the first,
Bằng khen for the next ones)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QModelIndex, QObject, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.api.blocs import (
    BlocRow,
    ProposalResult,
    RankedUnit,
    Ranking,
    VoteInput,
    VoteRow,
    fmt_points,
)
from desktop.api.rounds import RoundRow
from desktop.domain.enums import RoundStatus, ScoreBasis
from desktop.domain.errors import DomainError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.dialogs.render_dialog import RenderDialog
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.widgets.bar_chart import Bar, BarChart
from desktop.views.widgets.form import ValidatedForm
from desktop.views.writes import own_runner, run_write

if TYPE_CHECKING:
    from desktop.services import Services
    from desktop.views.pages.blocs import BlocsPage


def outcome_text(outcome: str) -> str:
    return {
        "created": translate("BlocsPage", "created"),
        "updated": translate("BlocsPage", "updated"),
        "unchanged": translate("BlocsPage", "already there"),
        "kept": translate("BlocsPage", "kept as it is"),
        "not_selected": translate("BlocsPage", "no longer ranked for it"),
    }.get(outcome, outcome)


class VoteDialog(QDialog):
    """The bloc meeting's ballot (suy tôn) for a unit, usually the leading one."""

    def __init__(self, parent: QWidget | None, services: Services, bloc: BlocRow,
                 rows: list[RankedUnit], *, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._services, self._bloc = services, bloc
        self._runner = runner or own_runner(self)
        self.saving = False
        self.saved: VoteRow | None = None
        self.setWindowTitle(translate("BlocsPage", "Bloc vote"))
        self.setMinimumWidth(520)
        self.form = ValidatedForm(self)
        self.unit_combo = QComboBox(self)
        for row in rows:
            self.unit_combo.addItem(f"{row.rank}. {row.unit_name}", row.unit_id)
        members = max(len(rows), 1)
        self.present_spin = QSpinBox(self)
        self.present_spin.setRange(0, 500)
        self.present_spin.setValue(members)
        self.yes_spin = QSpinBox(self)
        self.yes_spin.setRange(0, 500)
        self.yes_spin.setValue(members)
        self.held_on = QDateEdit(QDate.currentDate(), self)
        self.held_on.setDisplayFormat("dd/MM/yyyy")
        self.held_on.setCalendarPopup(True)
        self.note_edit = QLineEdit(self)
        f = self.form
        f.add_row("unit_id", translate("BlocsPage", "Unit voted for"), self.unit_combo)
        f.add_row("members_present", translate("BlocsPage", "Members present"), self.present_spin)
        f.add_row("yes_votes", translate("BlocsPage", "Yes votes"), self.yes_spin)
        f.add_row("held_on", translate("BlocsPage", "Meeting date"), self.held_on)
        f.add_row("note", translate("BlocsPage", "Note"), self.note_edit)
        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(translate("BlocsPage", "Save"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(translate("BlocsPage", "Cancel"), self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.summary)
        layout.addLayout(self.form.layout)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, bloc: BlocRow,
            rows: list[RankedUnit], *, runner: TaskRunner | None = None) -> VoteRow | None:
        dialog = cls(parent, services, bloc, rows, runner=runner)
        return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None

    @Slot()
    def save(self) -> None:
        if self.saving:
            return
        day = self.held_on.date()
        held = date(day.year(), day.month(), day.day())
        scores, bloc_id = self._services.blocs.scores, self._bloc.id
        vote = VoteInput(self.unit_combo.currentData(), self.yes_spin.value(),
                         self.present_spin.value(), held, self.note_edit.text())
        self.saving = True
        run_write(self._runner, self, lambda: scores.record_vote(bloc_id, vote),
                  saved=self._on_saved, refused=self.form.show_error, settled=self._settled,
                  controls=(self.save_button, self.cancel_button))

    def _settled(self) -> None:
        self.saving = False

    def _on_saved(self, vote: VoteRow) -> None:
        self.saved = vote
        self.accept()

    def reject(self) -> None:
        if not self.saving:  # Esc while saving: the save decides how the dialog ends
            super().reject()


class ProposeDialog(QDialog):
    """Which round, and how many units for the flag and for the certificate."""

    def __init__(self, parent: QWidget | None, services: Services, bloc: BlocRow) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("BlocsPage", "Propose for awards"))
        self.setMinimumWidth(560)
        self.round_combo = QComboBox(self)
        for row in services.rounds.list():
            if row.status is not RoundStatus.CLOSED:
                self.round_combo.addItem(f"{row.name} — {row.year}", row)
                if row.year == bloc.year and self.round_combo.currentData().year != bloc.year:
                    self.round_combo.setCurrentIndex(self.round_combo.count() - 1)
        # The province caps how many each bloc may propose (flags_per_bloc, bk_tinh_per_bloc).
        flags_cap, merits_cap = services.blocs.proposals.caps()
        self.flag_spin = QSpinBox(self)
        self.flag_spin.setRange(0, flags_cap)
        self.flag_spin.setValue(min(bloc.flag_count, flags_cap))
        self.flag_spin.setToolTip(translate("BlocsPage", "At most %1 per bloc (province setting)")
                                  .replace("%1", str(flags_cap)))
        self.merit_spin = QSpinBox(self)
        self.merit_spin.setRange(0, merits_cap)
        self.merit_spin.setValue(min(bloc.merit_count, merits_cap))
        self.merit_spin.setToolTip(translate("BlocsPage", "At most %1 per bloc (province "
                                                          "setting)").replace("%1", str(merits_cap)))
        hint = QLabel(translate(
            "BlocsPage", "The first units of the bloc's ranking (bloc's scores) are proposed for "
            "the provincial emulation flag, the next ones for the certificate of merit, with "
            "their scores attached as evidence. Proposing again brings them up to date."), self)
        hint.setWordWrap(True)
        self.form = ValidatedForm(self)
        self.form.add_row("round_id", translate("BlocsPage", "Award round"), self.round_combo)
        self.form.add_row("flag_count", translate("BlocsPage", "Units for Cờ thi đua"),
                          self.flag_spin)
        self.form.add_row("merit_count", translate("BlocsPage", "Units for Bằng khen"),
                          self.merit_spin)
        buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(translate("BlocsPage", "Propose"), self)
        self.ok_button.setDefault(True)
        self.ok_button.setEnabled(self.round_combo.count() > 0)
        cancel = QPushButton(translate("BlocsPage", "Cancel"), self)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(self.form.layout)
        layout.addWidget(buttons)

    def choice(self) -> tuple[RoundRow, int, int] | None:
        row: RoundRow | None = self.round_combo.currentData()
        return None if row is None else (row, self.flag_spin.value(), self.merit_spin.value())

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services,
            bloc: BlocRow) -> tuple[RoundRow, int, int] | None:
        """(round row, flag count, certificate count), or None when cancelled."""
        dialog = cls(parent, services, bloc)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


NUMBER_COLUMNS = (0, 2, 3, 4, 5, 6)
UNIT_COLUMN, TIE_COLUMN = 1, 7
UNIT_WIDTH = 180


class OneLineDelegate(QStyledItemDelegate):
    """Unit names stay on one line (cut with "…", whole in the tooltip) while the tie-break
    notes of the same table wrap."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText
        option.textElideMode = Qt.TextElideMode.ElideRight


class RankingModel(RecordTableModel[RankedUnit]):
    """The ranking's rows; column titles are short and explained in their tooltips."""

    def __init__(self, columns: list[Column[RankedUnit]], parent: QObject | None = None) -> None:
        super().__init__(columns, parent)
        self.header_tips: list[str] = []

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.header_tips):
            return self.header_tips[section] or None
        return super().headerData(section, orientation, role)


class RankingTab(QWidget):
    def __init__(self, page: BlocsPage) -> None:
        super().__init__(page)
        self.page = page
        self.ranking: Ranking | None = None
        self.votes: list[VoteRow] = []
        self.loading = False
        self._generation = 0  # only the latest ranking is shown
        self.proposing = False
        self.last_result: ProposalResult | None = None
        self.basis_combo = QComboBox(self)
        self.basis_combo.addItem(ScoreBasis.REVIEWED.label, ScoreBasis.REVIEWED)
        self.basis_combo.addItem(ScoreBasis.SELF.label, ScoreBasis.SELF)
        self.rank_button = QPushButton(translate("BlocsPage", "Rank"), self)
        self.vote_button = QPushButton(translate("BlocsPage", "Record bloc vote…"), self)
        self.propose_button = QPushButton(translate("BlocsPage", "Propose for awards…"), self)
        self.document_button = QPushButton(translate("BlocsPage", "Create document…"), self)
        self.document_button.setToolTip(translate(
            "BlocsPage", "Word report of the scores and ranking, with the units proposed"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = RankingModel([
            Column(translate("BlocsPage", "Place"), lambda r: str(r.rank),
                   sort=lambda r: r.rank, align_right=True),
            Column(translate("BlocsPage", "Unit"), lambda r: r.unit_name,
                   tooltip=lambda r: r.unit_name),
            Column(translate("BlocsPage", "Total"), lambda r: fmt_points(r.total),
                   align_right=True),
            Column(translate("BlocsPage", "Scored"), lambda r: fmt_points(r.base),
                   align_right=True),
            Column(translate("BlocsPage", "Bonus"), lambda r: fmt_points(r.bonus),
                   align_right=True),
            Column(translate("BlocsPage", "Penalty"), lambda r: fmt_points(r.penalty),
                   align_right=True),
            Column(translate("BlocsPage", "Votes"),
                   lambda r: "" if r.votes is None else str(r.votes), align_right=True),
            Column(translate("BlocsPage", "Tie-break"), lambda r: r.tie_note,
                   tooltip=lambda r: r.tie_note),
        ], self)
        self.model.header_tips = [
            translate("BlocsPage", "Rank in the bloc"), "",
            translate("BlocsPage", "Scored criteria + bonus − penalty"),
            translate("BlocsPage", "Points of the scored criteria (before bonus and penalty)"),
            translate("BlocsPage", "Bonus points"), translate("BlocsPage", "Penalty points"),
            translate("BlocsPage", "Yes votes of the bloc meeting (suy tôn)"),
            translate("BlocsPage", "How units with equal totals were ordered"),
        ]
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # wrapped notes
        rows.setMinimumSectionSize(rows.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        # Numbers take the width of their Vietnamese header; the tie-break note takes the rest
        # and wraps; the chart beside the table gives way first.
        for column in NUMBER_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(UNIT_COLUMN, UNIT_WIDTH)
        self.table.setItemDelegateForColumn(UNIT_COLUMN, OneLineDelegate(self.table))
        header.setSectionResizeMode(TIE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        header.setMinimumSectionSize(36)
        self.chart = BarChart(self)
        self.chart.empty_text = translate("BlocsPage", "No ranking yet.")
        scroll = QScrollArea(self)
        scroll.setWidget(self.chart)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(160)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart_area = scroll
        self.result = QTextBrowser(self)
        self.result.setMaximumHeight(150)
        self.result.hide()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setCollapsible(0, False)
        splitter.setSizes([760, 340])
        self.splitter = splitter
        self._fit_table()
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("BlocsPage", "Ranked by:"), self))
        top.addWidget(self.basis_combo)
        top.addWidget(self.rank_button)
        top.addStretch(1)
        top.addWidget(self.vote_button)
        top.addWidget(self.propose_button)
        top.addWidget(self.document_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.result)
        self.rank_button.clicked.connect(self.reload)
        self.basis_combo.currentIndexChanged.connect(lambda *_: self.reload())
        self.vote_button.clicked.connect(self.record_vote)
        self.propose_button.clicked.connect(self.propose)
        self.document_button.clicked.connect(self.create_document)
        self._update_buttons()

    @property
    def busy(self) -> bool:
        return self.loading or self.proposing

    def set_bloc(self, bloc: BlocRow | None) -> None:
        self.result.hide()
        self.reload()

    # -- ranking ---------------------------------------------------------------------------------
    @Slot()
    def reload(self) -> None:
        bloc = self.page.bloc
        if bloc is None:
            self._show(None, [])
            return
        scores, bloc_id = self.page.services.blocs.scores, bloc.id
        basis = self.basis_combo.currentData()
        self.loading = True
        self._generation += 1
        generation = self._generation
        self._update_buttons()

        def work(_progress: ProgressFn, _cancel: CancelToken) -> tuple[Ranking, list[VoteRow]]:
            return scores.ranking(bloc_id, basis), scores.votes(bloc_id)

        self.page.ctx.runner.task(work, self).with_progress(
            translate("BlocsPage", "Ranking the bloc…"), cancellable=False) \
            .success(lambda found: self._loaded(generation, *found)) \
            .failure(lambda exc: self._failed(generation, str(exc))).run()

    def _failed(self, generation: int, text: str) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.summary.setText(text)
        self._update_buttons()

    def _loaded(self, generation: int, ranking: Ranking, votes: list[VoteRow]) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self._show(ranking, votes)

    def _show(self, ranking: Ranking | None, votes: list[VoteRow]) -> None:
        self.ranking, self.votes = ranking, votes
        rows = list(ranking.rows) if ranking is not None else []
        self.model.set_rows(rows)
        self._fit_table()
        bloc = self.page.bloc
        flags = bloc.flag_count if bloc is not None else 0
        self.chart.set_bars([Bar(f"{r.rank}. {r.unit_name}", float(r.total), fmt_points(r.total),
                                 r.rank <= flags) for r in rows],
                            float(bloc.total_points) if bloc is not None else 0.0)
        lines: list[str] = []
        if ranking is not None:
            if ranking.complete:
                lines.append(translate("BlocsPage", "Every sheet is reviewed: the ranking is "
                                       "final."))
            else:
                lines.append(translate("BlocsPage", "Not final yet: sheets of %1 are not "
                                       "reviewed.").replace("%1", ", ".join(ranking.pending_units)))
            lines.extend(ranking.problems)
            for v in votes:
                lines.append(translate("BlocsPage", "Bloc vote for %1: %2 of %3 members (%4%).")
                             .replace("%1", v.unit_name).replace("%2", str(v.yes_votes))
                             .replace("%3", str(v.members_present))
                             .replace("%4", fmt_points(round(v.share, 1))))
        self.summary.setText("\n".join(lines))
        self._update_buttons()

    def table_width(self) -> int:
        """What the table needs to show every column: the numbers and the unit as they are, the
        tie-break note at least as wide as its title."""
        header = self.table.horizontalHeader()
        columns = header.sectionSize(UNIT_COLUMN) + sum(
            max(header.sectionSizeHint(c), self.table.sizeHintForColumn(c))
            for c in NUMBER_COLUMNS)
        tie = header.fontMetrics().horizontalAdvance(
            str(self.model.headerData(TIE_COLUMN, Qt.Orientation.Horizontal))) + 24
        return (columns + tie + 2 * self.table.frameWidth()
                + self.table.verticalScrollBar().sizeHint().width())

    def _fit_table(self) -> None:
        """The table never shrinks below its columns; the chart beside it gives way."""
        self.table.setMinimumWidth(self.table_width())

    def _update_buttons(self) -> None:
        has_rows = self.ranking is not None and bool(self.ranking.rows)
        self.rank_button.setEnabled(self.page.bloc is not None and not self.loading)
        self.vote_button.setEnabled(has_rows)
        self.propose_button.setEnabled(has_rows and not self.proposing)
        self.document_button.setEnabled(has_rows)

    # -- vote and proposals ----------------------------------------------------------------------
    @Slot()
    def record_vote(self) -> None:
        if self.ranking is None or self.page.bloc is None:
            return
        if VoteDialog.ask(self, self.page.services, self.page.bloc,
                          list(self.ranking.rows), runner=self.page.ctx.runner) is not None:
            self.reload()

    @Slot()
    def create_document(self) -> None:
        """The bloc's results report (Tạo văn bản), preselected with this bloc."""
        bloc = self.page.bloc
        if bloc is None:
            return
        RenderDialog.ask(self, self.page.services, self.page.ctx.runner,
                         template_key="ket_qua_khoi", target_ids=(bloc.id,))

    def propose(self) -> None:
        bloc = self.page.bloc
        if bloc is None:
            return
        choice = ProposeDialog.ask(self, self.page.services, bloc)
        if choice is None:
            return
        round_row, flags, merits = choice
        proposals, bloc_id = self.page.services.blocs.proposals, bloc.id
        self.proposing = True
        self._update_buttons()

        def work(_progress: ProgressFn, _cancel: CancelToken) -> ProposalResult:
            return proposals.propose(bloc_id, round_row.id, flag_count=flags,
                                     merit_count=merits)

        def failed(exc: DomainError) -> None:
            self.proposing = False
            self._update_buttons()
            self.page.show_error(str(exc))

        self.page.ctx.runner.task(work, self).with_progress(
            translate("BlocsPage", "Creating the nominations…"), cancellable=False) \
            .success(lambda result: self._proposed(round_row, result)) \
            .failure(failed).run(writes=True)

    def _proposed(self, round_row: RoundRow, result: ProposalResult) -> None:
        self.proposing = False
        self.last_result = result
        self._update_buttons()
        text = translate("BlocsPage", "%1 nominations created in “%2”.").replace(
            "%1", str(result.created)).replace("%2", round_row.name)
        lines = [f"<p><b>{text}</b></p><ul>"]
        for line in result.lines:
            rank = f"{line.rank}. " if line.rank else ""
            note = f" — {line.note}" if line.note else ""
            lines.append(f"<li>{rank}{line.unit_name}: {line.award_name} "
                         f"({outcome_text(line.outcome)}){note}</li>")
        lines.append("</ul>")
        self.result.setHtml("".join(lines))
        self.result.show()
        self.page.ctx.host.notify(text)
        self.page.ctx.events.changed.emit("rounds")
