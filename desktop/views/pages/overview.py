"""Tổng quan: where the year stands. The rounds in progress with their nominations by status
and days left to their deadlines, what is still "Cần kiểm tra" and why, the blocs' score sheets
not yet sent or reviewed, decisions to sign, packages waiting for their receipt, the last
backup, and the award history of recent years in two charts.

Every figure is a link to the list behind it (``ctx.host.navigate`` with that list's filter).
The figures are SQL counts read in a worker thread (``services.overview``); the reasons to
check, which need the eligibility engine, follow in a second task round by round."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.api.maintenance import BackupStatus
from desktop.api.overview import (
    BlocGlance,
    CheckReasons,
    OverviewSummary,
    RoundGlance,
    days_left,
)
from desktop.domain.enums import AwardLevel, ConditionStatus, NominationStatus
from desktop.domain.errors import DomainError
from desktop.i18n import translate
from desktop.views.formatting import format_date, format_int, format_size
from desktop.views.pages.base import Page, PageContext, page_title
from desktop.views.widgets.bar_chart import Bar
from desktop.views.widgets.figures import (
    LINK_COLOUR,
    ClickableBarChart,
    ElidedLabel,
    LinkButton,
    Stack,
    StackedBarChart,
)

LEVEL_COLOURS = {AwardLevel.GRASSROOTS: "#7fb3e0", AwardLevel.PROVINCE: "#1f6fb2",
                 AwardLevel.STATE: "#c62828"}
MUTED = "color: #505050;"
WARNING = "color: #a04000;"
LATE = "color: #b00020;"
DECIMAL_COMMA = str.maketrans(",.", ".,")  # 1,234.5 → 1.234,5 (Vietnamese)


def database_size(path: Path) -> int:
    """The file plus its write-ahead log (recent changes live there until a checkpoint)."""
    total = 0
    for candidate in (path, path.with_name(path.name + "-wal")):
        try:
            total += candidate.stat().st_size
        except OSError:
            pass
    return total


def money_text(amount: int) -> str:
    """Money at a glance: "61,0 tỷ đ", "143,5 triệu đ" (the reports give the exact figure)."""
    for unit, name in ((1_000_000_000, translate("OverviewPage", "billion ₫")),
                       (1_000_000, translate("OverviewPage", "million ₫"))):
        if amount >= unit:
            return f"{amount / unit:,.1f}".translate(DECIMAL_COMMA) + " " + name
    return format_int(amount) + " ₫"


def deadline_text(label: str, days: int | None, when: str, *, late_is_bad: bool) -> tuple[str, str]:
    """"Submission: 15/12/2026 (13 days left)" and the colour it deserves: a passed
    registration deadline is history, a passed submission deadline is late."""
    if days is None:
        return translate("OverviewPage", "%1: not set").replace("%1", label), MUTED
    if days < 0:
        text = (translate("OverviewPage", "%1: %2 (%3 days late)") if late_is_bad else
                translate("OverviewPage", "%1: %2 (closed %3 days ago)"))
        return (text.replace("%1", label).replace("%2", when).replace("%3", format_int(-days)),
                LATE if late_is_bad else MUTED)
    if days == 0:
        return translate("OverviewPage", "%1: %2 (today)").replace("%1", label).replace(
            "%2", when), WARNING
    return (translate("OverviewPage", "%1: %2 (%3 days left)").replace("%1", label)
            .replace("%2", when).replace("%3", format_int(days)),
            WARNING if days <= 7 else "")


def _label(text: str = "", style: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    return label


def _clear(layout: QVBoxLayout | QGridLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            widget.deleteLater()
        elif isinstance(inner, (QVBoxLayout, QGridLayout)):
            _clear(inner)


def _link(text: str, action: Callable[[], None], parent: QWidget, *,
          bold: bool = False) -> QLabel:
    """A figure that may need two lines (a bloc's long name): a wrapping label whose whole
    text is one link."""
    shown = f"<b>{html.escape(text)}</b>" if bold else html.escape(text)
    label = QLabel(f'<a href="#" style="color:{LINK_COLOUR}; text-decoration:none">'
                   f"{shown}</a>", parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                  | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
    label.linkActivated.connect(lambda _href: action())
    return label


class _Card(QFrame):
    """A big number that opens its list, with a caption under it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("overviewCard")
        self.setStyleSheet("#overviewCard { background: palette(base); border-radius: 4px; }")
        self.value = LinkButton("…", self, scale=1.9, bold=True)
        self.caption = _label(caption, MUTED, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addStretch(1)


class _RoundBox(QFrame):
    """One round in progress: name, deadlines, a bar per status, what to check, decisions."""

    def __init__(self, page: OverviewPage, glance: RoundGlance) -> None:
        super().__init__(page)
        self.glance = glance
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("roundBox")
        self.setStyleSheet("#roundBox { background: palette(base); border-radius: 4px; }")
        # a label, not a button: a long round name wraps instead of widening the page
        title = _link(f"{glance.name} — {glance.kind.label} {glance.year}",
                      lambda: page.open_round(glance.round_id), self, bold=True)
        title.setToolTip(translate("OverviewPage", "Open the round's nominations"))
        status = _label(f"{glance.status.label} · " + translate(
            "OverviewPage", "%1 nominations").replace("%1", format_int(glance.total)),
            MUTED, self)
        deadlines = QHBoxLayout()
        deadlines.setSpacing(18)
        for text, day, late_is_bad in (
                (translate("OverviewPage", "Registration"), glance.registration_deadline, False),
                (translate("OverviewPage", "Submission"), glance.submission_deadline, True)):
            line, style = deadline_text(text, days_left(day, page.today), format_date(day),
                                        late_is_bad=late_is_bad)
            label = QLabel(line, self)
            label.setStyleSheet(style)
            deadlines.addWidget(label)
        deadlines.addStretch(1)
        self.chart = ClickableBarChart(self)
        self.chart.empty_text = translate("OverviewPage", "No nomination in this round yet.")
        self.statuses = [st for st, _n in glance.by_status]
        self.chart.set_bars([Bar(st.label, n, format_int(n)) for st, n in glance.by_status])
        self.chart.bar_clicked.connect(
            lambda row: page.open_round(glance.round_id, status=self.statuses[row]))
        self.chart.setToolTip(translate("OverviewPage", "Click a status to list its nominations"))
        self.check_button = LinkButton(translate("OverviewPage", "%1 to check").replace(
            "%1", format_int(glance.to_check)), self)
        self.check_button.setEnabled(glance.to_check > 0)
        self.check_button.clicked.connect(lambda: page.open_round(
            glance.round_id, eligibility=ConditionStatus.CHECK))
        self.unchecked_button = LinkButton(translate(
            "OverviewPage", "%1 not checked yet").replace("%1", format_int(glance.unchecked)),
            self)
        self.unchecked_button.setToolTip(translate(
            "OverviewPage", "Open the round and press “Check eligibility”"))
        self.unchecked_button.setVisible(glance.unchecked > 0)
        self.unchecked_button.clicked.connect(lambda: page.open_round(glance.round_id))
        self.reasons = QVBoxLayout()
        self.reasons.setSpacing(0)
        if glance.to_check:
            self.reasons.addWidget(_label(translate("OverviewPage", "Finding out why…"), MUTED,
                                          self))
        side_widget = QWidget(self)
        side_widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        side_widget.setMinimumWidth(260)
        side = QVBoxLayout(side_widget)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(_label("<b>" + translate("OverviewPage", "Eligibility “Cần kiểm tra”")
                              + "</b>", parent=self))
        side.addWidget(self.check_button)
        side.addWidget(self.unchecked_button)
        side.addLayout(self.reasons)
        side.addSpacing(6)
        side.addWidget(_label("<b>" + translate("OverviewPage", "Decisions") + "</b>",
                              parent=self))
        self.decisions_button = LinkButton(translate(
            "OverviewPage", "%1 awaiting signature").replace(
            "%1", format_int(glance.draft_decisions)), self)
        self.decisions_button.setEnabled(glance.draft_decisions > 0)
        self.decisions_button.clicked.connect(
            lambda: page.open_round(glance.round_id, tab="decision"))
        side.addWidget(self.decisions_button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.chart, 1)
        body.addSpacing(12)
        body.addWidget(side_widget, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.addWidget(title)
        layout.addWidget(status)
        layout.addLayout(deadlines)
        layout.addLayout(body)

    def show_reasons(self, found: CheckReasons, page: OverviewPage) -> None:
        _clear(self.reasons)
        if not found.reasons:
            self.reasons.addWidget(_label(translate(
                "OverviewPage", "Check eligibility again to see why."), MUTED, self))
        for reason, n in found.reasons:
            self.reasons.addWidget(_link(
                f"• {reason.label}: {format_int(n)}", lambda: page.open_round(
                    self.glance.round_id, eligibility=ConditionStatus.CHECK), self))


class OverviewPage(Page):
    watches = ("units", "people", "trash", "backup", "rounds", "blocs", "sync")

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.summary: OverviewSummary | None = None
        self.round_boxes: dict[int, _RoundBox] = {}
        self._generation = 0  # a reload while reasons are read drops the older answers
        self.office_label = QLabel(self)
        font = QFont(self.office_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.office_label.setFont(font)
        self.office_label.setWordWrap(True)
        self.parent_label = _label(style=MUTED, parent=self)
        # Shown when the last backup is older than a week (or there is none).
        self.backup_warning = _label(parent=self)
        self.backup_warning.setStyleSheet(
            "QLabel { background: #fff4ce; border: 1px solid #e0b400; padding: 6px; }")
        self.backup_warning.setVisible(False)

        self.units_card = _Card(translate("OverviewPage", "units"), self)
        self.people_card = _Card(translate("OverviewPage", "people"), self)
        self.check_card = _Card(translate("OverviewPage", "nominations to check"), self)
        self.sheets_card = _Card(translate("OverviewPage", "bloc score sheets not done"), self)
        self.decisions_card = _Card(translate("OverviewPage", "decisions to sign"), self)
        self.packages_card = _Card(translate("OverviewPage", "packages awaiting a receipt"), self)
        self.units_card.value.clicked.connect(lambda: self.go("units"))
        self.people_card.value.clicked.connect(lambda: self.go("people"))
        self.check_card.value.clicked.connect(self._open_first_to_check)
        self.sheets_card.value.clicked.connect(self._open_first_bloc)
        self.decisions_card.value.clicked.connect(self._open_first_decision)
        self.packages_card.value.clicked.connect(lambda: self.go("sync", tab="history"))
        cards = QHBoxLayout()
        for card in (self.units_card, self.people_card, self.check_card, self.sheets_card,
                     self.decisions_card, self.packages_card):
            cards.addWidget(card, 1)

        self.rounds_box = QGroupBox(translate("OverviewPage", "Award rounds in progress"), self)
        self.rounds_layout = QVBoxLayout(self.rounds_box)
        self.rounds_layout.setSpacing(8)
        self.rounds_layout.addWidget(_label(translate("OverviewPage", "Loading…"), MUTED, self))

        self.blocs_box = QGroupBox(translate("OverviewPage", "Emulation blocs"), self)
        self.blocs_layout = QVBoxLayout(self.blocs_box)
        self.blocs_layout.setSpacing(2)
        self.sync_box = QGroupBox(translate("OverviewPage", "Data packages"), self)
        sync_layout = QVBoxLayout(self.sync_box)
        sync_layout.setSpacing(2)
        self.awaiting_button = LinkButton("", self)
        self.received_button = LinkButton("", self)
        for button in (self.awaiting_button, self.received_button):
            button.clicked.connect(lambda: self.go("sync", tab="history"))
            sync_layout.addWidget(button)

        data_box = QGroupBox(translate("OverviewPage", "Data"), self)
        form = QFormLayout(data_box)
        self.db_label = ElidedLabel(data_box)
        self.size_label = QLabel(data_box)
        self.backup_label = LinkButton("", data_box)
        self.backup_label.clicked.connect(lambda: self.go("backups"))
        self.trash_button = LinkButton("", data_box)
        self.trash_button.clicked.connect(lambda: self.go("trash"))
        form.addRow(translate("OverviewPage", "Database file"), self.db_label)
        form.addRow(translate("OverviewPage", "Size"), self.size_label)
        form.addRow(translate("OverviewPage", "Last backup"), self.backup_label)
        form.addRow(translate("OverviewPage", "Trash"), self.trash_button)

        self.awards_chart = StackedBarChart(self)
        self.awards_chart.empty_text = translate("OverviewPage", "No award history yet.")
        self.money_chart = StackedBarChart(self)
        self.money_chart.empty_text = translate("OverviewPage", "No award money recorded yet.")
        self.awards_box = QGroupBox(translate("OverviewPage", "Awards per year, by level"), self)
        QVBoxLayout(self.awards_box).addWidget(self.awards_chart)
        self.money_box = QGroupBox(translate("OverviewPage", "Award money per year"), self)
        QVBoxLayout(self.money_box).addWidget(self.money_chart)

        right = QVBoxLayout()
        right.addWidget(self.blocs_box)
        right.addWidget(self.sync_box)
        right.addWidget(data_box)
        right.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.rounds_box, 3)
        middle.addLayout(right, 2)
        charts = QHBoxLayout()
        charts.addWidget(self.awards_box, 3)
        charts.addWidget(self.money_box, 2)

        heading = QHBoxLayout()
        heading.addWidget(page_title(translate("OverviewPage", "Overview")))
        heading.addSpacing(16)
        heading.addWidget(self.office_label, 1)
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addLayout(heading)
        layout.addWidget(self.parent_label)
        layout.addWidget(self.backup_warning)
        layout.addLayout(cards)
        layout.addLayout(middle)
        layout.addLayout(charts)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        self.reload()

    # -- reading -----------------------------------------------------------------------------
    @property
    def today(self) -> date:
        """The day the figures were read for (days left are counted from it)."""
        return self.summary.today if self.summary is not None else date.today()

    def reload(self) -> None:
        """The office's name at once; every figure in the background."""
        backend = self.ctx.backend
        info = backend.installation
        if info is None:
            self.office_label.setText(translate("OverviewPage", "This database is not set up yet."))
            self.parent_label.setText("")
        else:
            self.office_label.setText(info.office_name)
            self.parent_label.setText(translate("OverviewPage", "Parent office: {name}").format(
                name=info.parent_office_name) if info.parent_office_name else "")
        self.parent_label.setVisible(bool(self.parent_label.text()))
        path = backend.database_path
        self.db_label.setText(str(path) if path else "—")
        self.db_label.setToolTip(str(path) if path else "")
        self.size_label.setText(format_size(database_size(path)) if path and path.exists()
                                else "—")
        self._generation += 1
        overview = self.services.overview
        (self.ctx.runner.task(lambda _progress, _cancel: overview.summary(), self)
         .success(self.show_summary).failure(self._show_failure).run())

    def _show_failure(self, error: DomainError) -> None:
        _clear(self.rounds_layout)
        self.rounds_layout.addWidget(_label(translate(
            "OverviewPage", "The figures could not be read: %1").replace("%1", str(error)),
            LATE, self))

    def show_summary(self, summary: OverviewSummary) -> None:
        self.summary = summary
        for card, value in ((self.units_card, summary.units), (self.people_card, summary.people),
                            (self.check_card, summary.to_check),
                            (self.sheets_card, summary.sheets_not_submitted
                             + summary.sheets_awaiting_review),
                            (self.decisions_card, summary.draft_decisions),
                            (self.packages_card, summary.awaiting_receipt)):
            card.value.setText(format_int(value))
        self._show_rounds(summary)
        self._show_blocs(summary)
        self.awaiting_button.setText(translate(
            "OverviewPage", "%1 sent upward, awaiting the receipt").replace(
            "%1", format_int(summary.awaiting_receipt)))
        self.received_button.setText(translate(
            "OverviewPage", "%1 imported this year").replace(
            "%1", format_int(summary.received_this_year)))
        self.trash_button.setText(translate("OverviewPage", "%1 items").replace(
            "%1", format_int(summary.trash)))
        if summary.backup is not None:
            self.show_backup_status(summary.backup)
        else:
            self.backup_label.setText(translate("OverviewPage", "Kept by the database server"))
        self._show_charts(summary)
        self._read_reasons([r.round_id for r in summary.rounds if r.to_check], self._generation)

    def _show_rounds(self, summary: OverviewSummary) -> None:
        _clear(self.rounds_layout)
        self.round_boxes = {}
        if not summary.rounds:
            self.rounds_layout.addWidget(_label(translate(
                "OverviewPage", "No round in progress. Open the award rounds page to start "
                "one."), MUTED, self))
        for glance in summary.rounds:
            box = _RoundBox(self, glance)
            self.round_boxes[glance.round_id] = box
            self.rounds_layout.addWidget(box)

    def _show_blocs(self, summary: OverviewSummary) -> None:
        _clear(self.blocs_layout)
        self.blocs_box.setTitle(translate("OverviewPage", "Emulation blocs %1").replace(
            "%1", str(summary.bloc_year)))
        if not summary.blocs:
            self.blocs_layout.addWidget(_label(translate(
                "OverviewPage", "No bloc this year."), MUTED, self))
            return
        pending = [b for b in summary.blocs if b.not_submitted or b.awaiting_review]
        done = len(summary.blocs) - len(pending)
        for bloc in pending:
            self.blocs_layout.addWidget(self._bloc_button(bloc))
        if done:
            self.blocs_layout.addWidget(_label(translate(
                "OverviewPage", "%1 of %2 blocs have every sheet reviewed.").replace(
                "%1", format_int(done)).replace("%2", format_int(len(summary.blocs))),
                MUTED, self))

    def _bloc_button(self, bloc: BlocGlance) -> QLabel:
        parts = []
        if bloc.not_submitted:
            parts.append(translate("OverviewPage", "%1 not sent").replace(
                "%1", format_int(bloc.not_submitted)))
        if bloc.awaiting_review:
            parts.append(translate("OverviewPage", "%1 to review").replace(
                "%1", format_int(bloc.awaiting_review)))
        link = _link(f"{bloc.name}: {', '.join(parts)}",
                     lambda: self.go("blocs", bloc_id=bloc.bloc_id), self)
        link.setToolTip(translate("OverviewPage", "%1 member units").replace(
            "%1", format_int(bloc.members)))
        return link

    def _show_charts(self, summary: OverviewSummary) -> None:
        levels = list(AwardLevel)
        self.awards_chart.set_stacks(
            [lv.label for lv in levels], [LEVEL_COLOURS[lv] for lv in levels],
            [Stack(str(y.year), tuple(float(n) for _lv, n in y.by_level), format_int(y.total))
             for y in summary.years])
        self.money_chart.set_stacks(
            [translate("OverviewPage", "Money paid with the awards")], [LEVEL_COLOURS[
                AwardLevel.PROVINCE]],
            [Stack(str(y.year), (float(y.money),), money_text(y.money)) for y in summary.years])

    def _read_reasons(self, round_ids: list[int], generation: int) -> None:
        """One round at a time (each asks the eligibility engine), in the background."""
        if not round_ids or generation != self._generation:
            return
        overview, round_id = self.services.overview, round_ids[0]

        def shown(found: CheckReasons) -> None:
            if generation != self._generation:
                return
            box = self.round_boxes.get(found.round_id)
            if box is not None:
                box.show_reasons(found, self)
            self._read_reasons(round_ids[1:], generation)

        (self.ctx.runner.task(lambda _progress, _cancel: overview.check_reasons(round_id), self)
         .success(shown).failure(lambda _error: self._read_reasons(round_ids[1:], generation))
         .run())

    def show_backup_status(self, status: BackupStatus) -> None:
        """The last backup's date, and a warning when it is older than a week (or missing)."""
        last = status.last
        if last is None:
            self.backup_label.setText(translate("OverviewPage", "None yet"))
            warning = translate("OverviewPage", "There is no backup of this data yet. Back it "
                                "up now (File › Back up data…) and keep a copy on another disk.")
        else:
            self.backup_label.setText(f"{last.created:%d/%m/%Y %H:%M}")
            self.backup_label.setToolTip(last.path.name)
            days = (self.today - last.created.date()).days
            warning = translate("OverviewPage", "The last backup is {days} days old. Back up "
                                "now (File › Back up data…).").format(days=days)
        self.backup_warning.setText(warning if status.overdue else "")
        self.backup_warning.setVisible(status.overdue)

    # -- links -------------------------------------------------------------------------------
    def go(self, key: str, **options: object) -> None:
        self.ctx.host.navigate(key, **options)

    def open_round(self, round_id: int, *, status: NominationStatus | None = None,
                   eligibility: ConditionStatus | None = None, tab: str = "") -> None:
        """The rounds page on ``round_id``, filtered as asked (other filters cleared)."""
        self.go("rounds", round_id=round_id, status=status, eligibility=eligibility, tab=tab)

    def _first(self, wanted: Callable[[RoundGlance], bool]) -> RoundGlance | None:
        rounds = self.summary.rounds if self.summary else ()
        return next((r for r in rounds if wanted(r)), rounds[0] if rounds else None)

    @Slot()
    def _open_first_to_check(self) -> None:
        glance = self._first(lambda r: r.to_check > 0)
        if glance is None:
            self.go("rounds")
        else:
            self.open_round(glance.round_id, eligibility=ConditionStatus.CHECK
                            if glance.to_check else None)

    @Slot()
    def _open_first_decision(self) -> None:
        glance = self._first(lambda r: r.draft_decisions > 0)
        if glance is None:
            self.go("rounds")
        else:
            self.open_round(glance.round_id, tab="decision")

    @Slot()
    def _open_first_bloc(self) -> None:
        blocs = self.summary.blocs if self.summary else ()
        bloc = next((b for b in blocs if b.not_submitted or b.awaiting_review), None)
        if bloc is None:
            self.go("blocs")
        else:
            self.go("blocs", bloc_id=bloc.bloc_id)


def create_page(ctx: PageContext) -> OverviewPage:
    return OverviewPage(ctx)
