"""Đợt xét khen thưởng: a round's nominations with their status and eligibility, bulk workflow
moves, the eligibility check in the background, and the explanation of the selected one.
Council votes and decisions are the round's other tabs (rounds_council.py).

A round can hold 30,000 nominations: the list is lazy (``NominationsTableModel``), filtered,
sorted and paged in SQL in the background, and the search waits for a pause in typing."""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import QModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.api.eligibility import EligibilityResult
from desktop.api.installation import ACTOR_NOTE, SELF_DECLARED
from desktop.api.nominations import AttachmentRow, EventRow, EvidenceRow, NominationQuery, NominationRow
from desktop.api.rounds import RoundRow
from desktop.api.workflow import NEEDS_REASON
from desktop.domain.enums import ConditionStatus, NominationStatus
from desktop.domain.errors import DomainError, ValidationError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.i18n import translate
from desktop.views.dialogs.evidence_dialog import EvidenceDialog
from desktop.views.dialogs.nomination_dialog import NominationDialog
from desktop.views.dialogs.render_dialog import RenderDialog, report_template_for
from desktop.views.dialogs.round_dialog import RoundDialog
from desktop.views.formatting import format_int
from desktop.views.itemmodels.nominations_model import MARKS, NominationsTableModel
from desktop.views.messages import Messages
from desktop.views.pages.base import Page, PageContext, page_title
from desktop.views.pages.rounds_council import (
    CouncilTab,
    DecisionTab,
    menu_button,
    show_refusal,
    write_in_background,
)
from desktop.views.widgets.enum_combo import add_enum_items, enum_data
from desktop.views.widgets.search_box import SearchBox

SEARCH_DEBOUNCE_MS = 250
# The award column is as wide as a common long award name (longer ones end in "…" and show
# whole in their tooltip); the subject column takes the rest.
AWARD_SAMPLE = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


class ReasonDialog:
    @classmethod
    def ask(cls, parent: QWidget, status_label: str) -> str | None:
        text, ok = QInputDialog.getText(
            parent, translate("RoundsPage", "Reason"),
            translate("RoundsPage", "Reason for “%1”:").replace("%1", status_label))
        return text if ok else None


class RoundsPage(Page):
    watches = ("rounds", "people", "units")

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.round_combo = QComboBox(self)
        self.round_combo.setMinimumWidth(420)
        self.new_round_button = QPushButton(translate("RoundsPage", "New round…"), self)
        self.edit_round_button = QPushButton(translate("RoundsPage", "Edit round…"), self)
        self.delete_round_button = QPushButton(translate("RoundsPage", "Delete round"), self)
        self.delete_round_button.setToolTip(translate(
            "RoundsPage", "Only a round without nominations can be deleted (Ctrl+Z undoes it)."))
        self.status_filter = QComboBox(self)
        add_enum_items(self.status_filter, NominationStatus,
                       none_text=translate("RoundsPage", "All statuses"))
        self.eligibility_filter = QComboBox(self)
        add_enum_items(self.eligibility_filter, ConditionStatus,
                       none_text=translate("RoundsPage", "Any eligibility"))
        self.search = SearchBox(self, placeholder=translate(
            "RoundsPage", "Search by name (tones optional)…"), debounce_ms=SEARCH_DEBOUNCE_MS)
        self.model = NominationsTableModel(self.services.nominations, NominationQuery(0), self,
                                           runner=ctx.runner)
        self._shown_query: NominationQuery | None = None
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        award_width = self.table.fontMetrics().horizontalAdvance(AWARD_SAMPLE) + 16
        for column, width in ((1, award_width), (2, 130), (3, 130)):
            self.table.setColumnWidth(column, width)
        self.count_label = QLabel(self)
        self._loading_timer = QTimer(self)
        self._loading_timer.setSingleShot(True)
        self._loading_timer.setInterval(250)  # quick answers never flash "loading"
        self._loading_timer.timeout.connect(self._show_loading)
        self.add_button = QPushButton(translate("RoundsPage", "Add nomination…"), self)
        self.edit_button = QPushButton(translate("RoundsPage", "Edit…"), self)
        self.edit_button.setToolTip(translate(
            "RoundsPage", "Edit the selected draft nomination (double-click a row)."))
        self.delete_button = QPushButton(translate("RoundsPage", "Delete"), self)
        self.delete_button.setToolTip(translate(
            "RoundsPage", "Delete the selected draft nominations (Ctrl+Z undoes it). A nomination "
            "that has been sent moves through its status instead."))
        self.check_button = QPushButton(translate("RoundsPage", "Check eligibility"), self)
        self.evidence_button = QPushButton(translate("RoundsPage", "Evidence…"), self)
        self.move_button = menu_button(translate("RoundsPage", "Move to"), self)
        menu = QMenu(self.move_button)
        self.move_actions: dict[NominationStatus, QAction] = {}
        for status in NominationStatus:
            if status is not NominationStatus.AWARDED:
                action = menu.addAction(status.label)
                action.triggered.connect(lambda _=False, s=status: self.move_selected(s))
                self.move_actions[status] = action
        self.move_button.setMenu(menu)
        self.document_button = menu_button(translate("RoundsPage", "Create document"), self)
        documents_menu = QMenu(self.document_button)
        self.submission_action = documents_menu.addAction(
            translate("RoundsPage", "Submission (tờ trình) for this round…"))
        self.submission_action.triggered.connect(lambda: self.create_document("to_trinh"))
        self.reports_action = documents_menu.addAction(
            translate("RoundsPage", "Achievement reports of the selected nominations…"))
        self.reports_action.triggered.connect(self.create_reports)
        self.document_button.setMenu(documents_menu)
        self.explanation = QTextBrowser(self)
        self.explanation.setMinimumWidth(300)

        top = QHBoxLayout()
        top.addWidget(QLabel(translate("RoundsPage", "Round:"), self))
        top.addWidget(self.round_combo, 1)
        top.addWidget(self.new_round_button)
        top.addWidget(self.edit_round_button)
        top.addWidget(self.delete_round_button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.eligibility_filter)
        actions = QHBoxLayout()
        for widget in (self.add_button, self.edit_button, self.delete_button,
                       self.evidence_button, self.check_button, self.move_button,
                       self.document_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.table)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.explanation)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 340])
        self.council = CouncilTab(self)
        self.decision = DecisionTab(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(splitter, translate("RoundsPage", "Nominations"))
        self.tabs.addTab(self.council, translate("RoundsPage", "Council vote"))
        self.tabs.addTab(self.decision, translate("RoundsPage", "Decision"))
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("Pages", "Award rounds")))
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self.round_combo.currentIndexChanged.connect(lambda *_: self.reload_nominations())
        self.status_filter.currentIndexChanged.connect(lambda *_: self._requery())
        self.eligibility_filter.currentIndexChanged.connect(lambda *_: self._requery())
        self.search.search_requested.connect(lambda *_: self._requery())
        self.model.total_changed.connect(self._show_total)
        self.model.loading_changed.connect(self._on_loading_changed)
        self.model.loaded.connect(self._on_loaded)
        self.new_round_button.clicked.connect(self.new_round)
        self.edit_round_button.clicked.connect(self.edit_round)
        self.delete_round_button.clicked.connect(self.delete_round)
        self.add_button.clicked.connect(self.add_nomination)
        self.edit_button.clicked.connect(self.edit_nomination)
        self.delete_button.clicked.connect(self.delete_nominations)
        self.table.doubleClicked.connect(lambda _index: self.edit_nomination())
        self.check_button.clicked.connect(self.check_eligibility)
        self.evidence_button.clicked.connect(self.edit_evidence)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._on_model_reset)
        self.reload()

    # -- data -------------------------------------------------------------------------------
    @property
    def round(self) -> RoundRow | None:
        data = self.round_combo.currentData()
        return data if isinstance(data, RoundRow) else None

    def reload(self) -> None:
        """After a data change: the rounds, the list (keeping the loaded rows) and the tabs."""
        self._reload_rounds()
        self.reload_nominations()

    def activated(self, **options: object) -> None:
        """A link elsewhere (the overview) opens ``round_id`` with the ``status`` and
        ``eligibility`` filters it names (any other filter cleared) and optionally its
        ``tab`` ("decision")."""
        super().activated(**options)
        round_id = options.get("round_id")
        if not isinstance(round_id, int):
            return
        index = next((i for i in range(self.round_combo.count())
                      if getattr(self.round_combo.itemData(i), "id", None) == round_id), -1)
        if index < 0:
            self._reload_rounds()  # created since the combo was filled
            index = next((i for i in range(self.round_combo.count())
                          if getattr(self.round_combo.itemData(i), "id", None) == round_id), -1)
        widgets = (self.round_combo, self.status_filter, self.eligibility_filter)
        for widget in widgets:
            widget.blockSignals(True)
        if index >= 0:
            self.round_combo.setCurrentIndex(index)
        for combo, key in ((self.status_filter, "status"),
                           (self.eligibility_filter, "eligibility")):
            value = options.get(key)
            combo.setCurrentIndex(max(combo.findData(str(value)), 0) if value else 0)
        for widget in widgets:
            widget.blockSignals(False)
        self.search.clear()  # read at once below; its own delayed signal then changes nothing
        self.reload_nominations()
        self.tabs.setCurrentIndex(self.tabs.indexOf(self.decision)
                                  if options.get("tab") == "decision" else 0)

    def _reload_rounds(self) -> None:
        current = self.round.id if self.round else None
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for row in self.services.rounds.list():
            self.round_combo.addItem(f"{row.name} — {row.kind.label} {row.year}", row)
            if row.id == current:
                self.round_combo.setCurrentIndex(self.round_combo.count() - 1)
        self.round_combo.blockSignals(False)

    def query(self) -> NominationQuery | None:
        """What the filters ask for, in the order the header shows (None without a round)."""
        round_row = self.round
        if round_row is None:
            return None
        return dataclasses.replace(
            self.model.query, round_id=round_row.id, text=self.search.text().strip(),
            status=enum_data(self.status_filter, NominationStatus),
            eligibility=enum_data(self.eligibility_filter, ConditionStatus))

    def reload_nominations(self) -> None:
        """Re-read the list in the background (keeping the rows loaded so far when the query is
        the same) and the council and decision tabs of the round."""
        self._requery()
        self.council.set_round(self.round)  # None: the tabs show there is no round yet
        self.decision.set_round(self.round)

    def _requery(self) -> bool:
        """Show what the round, filters and search ask for; False when there is no round."""
        round_row = self.round
        for widget in (self.add_button, self.check_button, self.move_button,
                       self.evidence_button, self.document_button, self.edit_button,
                       self.delete_button, self.edit_round_button, self.delete_round_button):
            widget.setEnabled(round_row is not None)
        query = self.query()
        if round_row is None or query is None:
            self.model.clear()
            self.count_label.setText("")
            self.explanation.setHtml(translate("RoundsPage", "Create a round to start."))
            return False
        self.model.set_query(query, keep_loaded=query == self.model.query)
        if not self.table.currentIndex().isValid():
            self.show_hint()
        return True

    def show_hint(self) -> None:
        """What the pane on the right is for, until a nomination is selected (after the
        warning of a round not linked to its year's head-of-unit rule movement)."""
        warning = None
        if self.round is not None:
            try:
                warning = self.services.movements.figures.round_warning(self.round.id)
            except DomainError:  # deleted meanwhile (a background load can finish after the
                warning = None   # delete, or another window deleted it): the list says so
        self.explanation.setHtml(("<p style='color:#b00020'><b>⚠ " + html.escape(warning)
                                  + "</b></p>" if warning else "") + "<p style='color:#505050'>" + translate(
            "RoundsPage", "Select a nomination to see here whether it meets each condition of "
            "its award, with the legal basis, the evidence linked to it and its history.")
            + "</p>")

    @Slot()
    def _on_model_reset(self) -> None:
        if self.round is not None and not self.table.currentIndex().isValid():
            self.show_hint()

    @Slot(bool)
    def _on_loading_changed(self, loading: bool) -> None:
        if loading:
            self._loading_timer.start()
        else:
            self._loading_timer.stop()
            self._show_total(self.model.total)

    @Slot()
    def _show_loading(self) -> None:
        self.count_label.setText(translate("RoundsPage", "Loading…"))

    @Slot(int)
    def _show_total(self, total: int) -> None:
        if self.round is None:
            self.count_label.setText("")
            return
        self.count_label.setText(translate("RoundsPage", "%1 nominations").replace(
            "%1", format_int(total)))

    @Slot()
    def _on_loaded(self) -> None:
        if self.model.query != self._shown_query:  # a new search, filter or order: from the top
            self._shown_query = self.model.query
            self.table.scrollToTop()

    def selected(self) -> list[NominationRow]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.row_object(r) for r in sorted(rows)]

    # -- actions ----------------------------------------------------------------------------
    @Slot()
    def new_round(self) -> None:
        """Name, kind, year and movement chosen in the round dialog (created in the
        background from there); the new round is then shown."""
        row = RoundDialog.ask_new(self, self.services, self.ctx.runner)
        if row is not None:
            self._on_round_created(row)

    def _on_round_created(self, row: RoundRow) -> None:
        """The new round is the one shown: that is what the officer works on next."""
        self._reload_rounds()
        for index in range(self.round_combo.count()):
            data = self.round_combo.itemData(index)
            if isinstance(data, RoundRow) and data.id == row.id:
                if self.round_combo.currentIndex() == index:
                    # Already current (the first round: the refilled combo took it silently),
                    # so no signal would reload the list, the buttons and the tabs.
                    self.reload_nominations()
                else:
                    self.round_combo.setCurrentIndex(index)  # reloads the list and the tabs
                return
        self.reload_nominations()

    @Slot()
    def add_nomination(self) -> None:
        round_row = self.round
        if round_row is None:
            return
        if NominationDialog.ask(self, self.services, round_row, self.ctx.runner) is not None:
            self.reload_nominations()

    @Slot()
    def edit_round(self) -> None:
        """Rename the round, set its kind and year, link it to a movement."""
        round_row = self.round
        if round_row is None:
            return
        try:
            current = self.services.rounds.get(round_row.id)  # the version saved over
        except DomainError as error:
            show_refusal(self, error)
            self.reload()
            return
        if RoundDialog.ask(self, self.services, current, self.ctx.runner) is not None:
            self.reload()

    @Slot()
    def delete_round(self) -> None:
        """Delete the shown round when it has no nominations (the service says how many it
        still has otherwise); Ctrl+Z brings it back."""
        round_row = self.round
        if round_row is None:
            return
        question = translate("RoundsPage", "Delete the round “%1”?\n\nOnly a round without "
                             "nominations can be deleted. You can undo with Ctrl+Z or restore "
                             "it from Trash.").replace("%1", round_row.name)
        if not Messages.confirm(self, question, yes_text=translate("RoundsPage", "Delete")):
            return
        rounds, round_id = self.services.rounds, round_row.id
        write_in_background(self, self, lambda: rounds.delete(round_id), self._on_round_deleted,
                            self.delete_round_button)

    def _on_round_deleted(self, row: RoundRow) -> None:
        self.reload()
        self.ctx.events.changed.emit("trash")
        self.ctx.host.register_undo(
            translate("RoundsPage", "Deleted the round “%1”.").replace("%1", row.name),
            [("round", row.id)])

    @Slot()
    def edit_nomination(self) -> None:
        """Edit the current nomination while it is a draft; other statuses move through the
        workflow (the service's refusal says so)."""
        round_row, index = self.round, self.table.currentIndex()
        if round_row is None or not index.isValid():
            return
        row = self.model.row_object(index.row())
        try:
            current = self.services.nominations.get(row.id)  # the version saved over
        except DomainError as error:
            show_refusal(self, error)
            self.reload_nominations()
            return
        if current.status is not NominationStatus.DRAFT:
            Messages.error(self, translate(
                "RoundsPage", "“%1” is “%2”: only a draft nomination can be edited. Move it "
                "back to draft (Move to → Draft) when the workflow allows it.")
                .replace("%1", current.subject_name).replace("%2", current.status.label))
            return
        if NominationDialog.ask(self, self.services, round_row, self.ctx.runner,
                                nomination=current) is not None:
            self.reload_nominations()

    @Slot()
    def delete_nominations(self) -> None:
        """Delete the selected drafts (all or none); Ctrl+Z brings them back."""
        rows = self.selected()
        if not rows:
            return
        names = "\n".join(f"• {r.subject_name} — {r.award_name}" for r in rows[:8])
        if len(rows) > 8:
            names += "\n" + translate("RoundsPage", "… and %1 more").replace(
                "%1", format_int(len(rows) - 8))
        question = translate("RoundsPage", "Delete %1 nominations?\n%2\n\nOnly drafts can be "
                             "deleted. You can undo with Ctrl+Z.").replace(
            "%1", format_int(len(rows))).replace("%2", names)
        if not Messages.confirm(self, question, yes_text=translate("RoundsPage", "Delete")):
            return
        nominations, ids = self.services.nominations, [r.id for r in rows]
        write_in_background(self, self, lambda: nominations.delete_many(ids),
                            lambda _count: self._on_nominations_deleted(rows),
                            self.delete_button, refused=self._on_delete_refused)

    def _on_nominations_deleted(self, rows: list[NominationRow]) -> None:
        self.reload_nominations()
        self._reload_rounds()  # the combo's rows carry the nomination count
        self.ctx.events.changed.emit("trash")
        what = (f"{rows[0].subject_name} — {rows[0].award_name}" if len(rows) == 1 else
                translate("RoundsPage", "%1 nominations").replace("%1", format_int(len(rows))))
        self.ctx.host.register_undo(
            translate("RoundsPage", "Deleted %1.").replace("%1", what),
            [("nomination", r.id) for r in rows])

    def _on_delete_refused(self, error: DomainError) -> None:
        lead = (translate("RoundsPage", "Nothing was deleted:")
                if isinstance(error, ValidationError) else "")
        show_refusal(self, error, lead)
        self.reload_nominations()

    @Slot()
    def edit_evidence(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.row_object(index.row())
        if EvidenceDialog.ask(self, self.services, row, self.ctx.runner):
            self.show_explanation(row)

    def move_selected(self, status: NominationStatus) -> None:
        """Move the selected nominations in the background; a refused move moves none."""
        rows = self.selected()
        if not rows:
            return
        note = ""
        if status in NEEDS_REASON:
            answer = ReasonDialog.ask(self, status.label)
            if answer is None:
                return
            note = answer
        nominations, ids = self.services.nominations, [r.id for r in rows]
        write_in_background(self, self, lambda: nominations.transition(ids, status, note),
                            lambda _none: self.reload_nominations(), self.move_button,
                            refused=self._on_move_refused)

    def _on_move_refused(self, error: DomainError) -> None:
        lead = (translate("RoundsPage", "Nothing was moved:") if isinstance(error, ValidationError)
                else "")
        show_refusal(self, error, lead)
        self.reload_nominations()

    @Slot()
    def check_eligibility(self) -> None:
        round_row = self.round
        if round_row is None:
            return
        round_id = round_row.id

        def work(progress: ProgressFn, cancel: CancelToken) -> list[EligibilityResult]:
            return self.services.eligibility.check_round(round_id, progress=progress,
                                                         cancel=cancel)

        (self.ctx.runner.task(work, self)
         .with_progress(translate("RoundsPage", "Checking eligibility…"))
         .disabling(self.check_button)
         .success(lambda _results: self.reload_nominations())
         .run(writes=True))

    def create_document(self, template_key: str, target_ids: tuple[int, ...] = ()) -> None:
        """Tạo văn bản…, preselected with this round and the given targets."""
        round_row = self.round
        RenderDialog.ask(self, self.services, self.ctx.runner, template_key=template_key,
                         round_id=None if round_row is None else round_row.id,
                         target_ids=target_ids)

    @Slot()
    def create_reports(self) -> None:
        """Báo cáo thành tích of the selected nominations: the individual or collective template
        by the subject of the current row (households have no report)."""
        rows = self.selected()
        index = self.table.currentIndex()
        current = self.model.row_object(index.row()) if index.isValid() else None
        ordered = [current, *rows] if current is not None else rows
        key = next((k for k in (report_template_for(r.subject_kind) for r in ordered) if k),
                   None)
        if key is None:
            Messages.error(self, translate(
                "RoundsPage", "Select the nominations of individuals or collectives whose "
                "achievement reports you want (households have no report)."))
            return
        chosen = tuple(r.id for r in rows if report_template_for(r.subject_kind) == key)
        skipped = len(rows) - len(chosen)
        if skipped:
            self.ctx.host.notify(translate(
                "RoundsPage", "%1 selected nominations use another report template and were "
                "left out.").replace("%1", str(skipped)))
        self.create_document(key, chosen)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.show_hint()
            return
        self.show_explanation(self.model.row_object(current.row()))

    def show_explanation(self, row: NominationRow) -> None:
        """Checked in the background: one nomination still reads its round's list (quotas,
        twins), which takes a moment in a 30,000-nomination round."""
        services = self.services
        self.explanation.setHtml(f"<h3>{row.subject_name}</h3><p>"
                                 + translate("RoundsPage", "Checking eligibility…") + "</p>")

        def work(_progress: ProgressFn, _cancel: CancelToken) -> tuple[
                EligibilityResult, list[EvidenceRow], list[AttachmentRow], list[EventRow]]:
            return (services.eligibility.check(row.round_id, row.id),
                    services.nominations.evidence(row.id),
                    services.nominations.attachments(row.id),
                    services.nominations.history(row.id))

        self.ctx.runner.task(work, self).success(
            lambda found: self._render_explanation(row, *found)).run()

    def _render_explanation(self, row: NominationRow, result: EligibilityResult,
                            evidence: list[EvidenceRow], files: list[AttachmentRow],
                            history: list[EventRow]) -> None:
        lines = [f"<h3>{row.subject_name}</h3><p>{row.award_name} — <b>"
                 f"{MARKS[result.status][0]} {result.status.label}</b></p><ul>"]
        for cond in result.conditions:
            mark, colour = MARKS[cond.status]
            lines.append(f"<li><span style='color:{colour}'>{mark} {cond.status.label}</span>: "
                         f"{cond.text}<br/><i>{cond.source}</i></li>")
        lines.append("</ul><h4>" + translate("RoundsPage", "Evidence") + "</h4><ul>")
        lines.extend(f"<li>{e.kind.label}: {e.label}</li>" for e in evidence)
        lines.extend(f"<li>📎 {a.file_name}</li>" for a in files)
        lines.append("</ul><h4>" + translate("RoundsPage", "History") + "</h4><ul>")
        for event in history:
            lines.append(f"<li>{event.at:%d/%m/%Y %H:%M} — {event.to_status.label}"
                         f"{' — ' + event.note if event.note else ''} ({event.actor}, "
                         f"{SELF_DECLARED})</li>")
        lines.append(f"</ul><p style='color: gray'><i>{ACTOR_NOTE}</i></p>")
        self.explanation.setHtml("".join(lines))


def create_page(ctx: PageContext) -> Page:
    return RoundsPage(ctx)
