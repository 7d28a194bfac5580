"""Reports (Báo cáo): the ready-made reports (the province's yearly summary, forms 0601–0605
of TT 02/2023/TT-BNV) and the report builder (filters, grouping), a table with totals and a
bar chart beside it, saved report definitions, export to .xlsx and Word, print.

Every report is computed by ``services.reports`` in a worker thread; the page only gathers
the filters and shows the ``ReportTable`` it gets back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.api.reports import (
    Dimension,
    ReadyReport,
    ReportDefinition,
    ReportFilter,
    ReportTable,
    Source,
)
from desktop.domain.enums import (
    AchievementKind,
    AwardLevel,
    Gender,
    LabeledEnum,
    NominationStatus,
    SubjectKind,
)
from desktop.domain.errors import DomainError
from desktop.domain.ethnicities import ETHNIC_NAMES
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.i18n import translate
from desktop.views.messages import FileDialogs, Messages
from desktop.views.pages.base import Page, PageContext, page_title
from desktop.views.widgets.report_view import (
    ReportView,
    ask_and_print,
    export_path,
    suggested_name,
)
from desktop.views.widgets.unit_picker import UnitPicker

READY = (ReadyReport.SUMMARY, ReadyReport.FORM_0601, ReadyReport.FORM_0602,
         ReadyReport.FORM_0603, ReadyReport.FORM_0604, ReadyReport.FORM_0605)
FORMS = READY[1:]
SAVED = "saved:"  # item data of a saved report: "saved:" + its name
MINORITY, KINH = "__minority__", "__kinh__"
E = TypeVar("E", bound=LabeledEnum)


def _combo(parent: QWidget, items: Sequence[tuple[str, object]]) -> QComboBox:
    combo = QComboBox(parent)
    for text, data in items:
        combo.addItem(text, data)
    return combo


def _all(label: str) -> list[tuple[str, object]]:
    return [(label, None)]


def enum_data(combo: QComboBox, kind: type[E]) -> E | None:
    """The chosen member: Qt hands item data of a str enum back as a plain str."""
    data = combo.currentData()
    return None if data is None else kind(data)


class ReportsPage(Page):
    key = "reports"
    watches = ("all", "people", "units", "records", "rounds", "decisions")

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.computing = False
        self.last_definition: ReportDefinition | None = None
        self.report_combo = QComboBox(self)
        self.report_combo.setMinimumWidth(330)
        self.source_combo = _combo(self, [(s.label, s) for s in Source])
        dims = [(d.label, d) for d in Dimension]
        self.group1 = _combo(self, dims)
        self.group1.setCurrentIndex(self.group1.findData(Dimension.AWARD))
        self.group2 = _combo(self, [(translate("ReportsPage", "(none)"), None), *dims])
        self.run_button = QPushButton(translate("ReportsPage", "Compute"), self)
        self.run_button.setDefault(True)
        self.save_button = QPushButton(translate("ReportsPage", "Save as…"), self)
        self.delete_button = QPushButton(translate("ReportsPage", "Delete saved"), self)
        self.excel_button = QPushButton(translate("ReportsPage", "Export Excel"), self)
        self.word_button = QPushButton(translate("ReportsPage", "Export Word"), self)
        self.print_button = QPushButton(translate("ReportsPage", "Print…"), self)

        year = date.today().year
        self.year_from = QSpinBox(self)
        self.year_to = QSpinBox(self)
        for spin in (self.year_from, self.year_to):
            spin.setRange(1945, 2100)
            spin.setValue(year)
        self.unit_picker = UnitPicker(lambda text, limit: self.services.units.search(text, limit),
                                      self,
                                      placeholder=translate("ReportsPage", "Whole province"))
        self.unit_picker.setMinimumWidth(160)
        self.award_combo = _combo(self, _all(translate("ReportsPage", "All awards")))
        self.level_combo = _combo(self, [*_all(translate("ReportsPage", "All levels")),
                                         *((v.label, v) for v in AwardLevel)])
        self.subject_combo = _combo(self, [*_all(translate("ReportsPage", "All subjects")),
                                           *((v.label, v) for v in SubjectKind)])
        self.gender_combo = _combo(self, [*_all(translate("ReportsPage", "Both")),
                                          *((v.label, v) for v in Gender)])
        self.ethnicity_combo = _combo(self, [
            *_all(translate("ReportsPage", "All")),
            (translate("ReportsPage", "Ethnic minorities"), MINORITY), ("Kinh", KINH),
            *((name, name) for name in ETHNIC_NAMES[1:])])
        self.direct_combo = _combo(self, [*_all(translate("ReportsPage", "All")),
                                          (translate("ReportsPage", "Yes"), True),
                                          (translate("ReportsPage", "No"), False)])
        self.achievement_combo = _combo(self, [*_all(translate("ReportsPage", "All kinds")),
                                               *((v.label, v) for v in AchievementKind)])
        self.status_combo = _combo(self, [*_all(translate("ReportsPage", "All statuses")),
                                          *((v.label, v) for v in NominationStatus)])
        self.view = ReportView(self)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("reportStatus")

        self.run_button.clicked.connect(self.compute)
        self.save_button.clicked.connect(self.save_definition)
        self.delete_button.clicked.connect(self.delete_definition)
        self.excel_button.clicked.connect(lambda: self.export(".xlsx"))
        self.word_button.clicked.connect(lambda: self.export(".docx"))
        self.print_button.clicked.connect(self.print_report)
        self.report_combo.currentIndexChanged.connect(self._on_report_chosen)
        self.source_combo.currentIndexChanged.connect(self._update_controls)
        self.year_from.valueChanged.connect(self._on_year_from)

        top = QHBoxLayout()
        top.addWidget(QLabel(translate("ReportsPage", "Report:"), self))
        top.addWidget(self.report_combo, 2)
        top.addWidget(self.run_button)
        top.addWidget(self.save_button)
        top.addWidget(self.delete_button)
        top.addStretch(1)
        for button in (self.excel_button, self.word_button, self.print_button):
            top.addWidget(button)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        cells: list[tuple[str, QWidget | QHBoxLayout]] = [
            (translate("ReportsPage", "Years:"), self._years_box()),
            (translate("ReportsPage", "Unit:"), self.unit_picker),
            (translate("ReportsPage", "Award:"), self.award_combo),
            (translate("ReportsPage", "Level:"), self.level_combo),
            (translate("ReportsPage", "Subject:"), self.subject_combo),
            (translate("ReportsPage", "Gender:"), self.gender_combo),
            (translate("ReportsPage", "Ethnicity:"), self.ethnicity_combo),
            (translate("ReportsPage", "Direct worker:"), self.direct_combo),
            (translate("ReportsPage", "Achievement:"), self.achievement_combo),
            (translate("ReportsPage", "Source:"), self.source_combo),
            (translate("ReportsPage", "Status:"), self.status_combo),
            (translate("ReportsPage", "Group by:"), self._groups_box())]
        self.filter_labels: dict[str, QLabel] = {}
        for index, (text, widget) in enumerate(cells):
            row, col = divmod(index, 4)
            label = QLabel(text, self)
            self.filter_labels[text] = label
            grid.addWidget(label, row, col * 2, Qt.AlignmentFlag.AlignRight)
            if isinstance(widget, QHBoxLayout):
                grid.addLayout(widget, row, col * 2 + 1)
            else:
                grid.addWidget(widget, row, col * 2 + 1)
        for col in range(4):
            grid.setColumnStretch(col * 2 + 1, 1)
        layout = QVBoxLayout(self)
        heading = QHBoxLayout()
        heading.addWidget(page_title(translate("ReportsPage", "Reports")))
        heading.addStretch(1)
        heading.addWidget(self.status_label)
        layout.addLayout(heading)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.view, 1)
        self._fill_reports()
        self._fill_awards()
        self._update_controls()
        self._update_buttons()

    def _years_box(self) -> QHBoxLayout:
        box = QHBoxLayout()
        box.addWidget(self.year_from)
        box.addWidget(QLabel("–", self))
        box.addWidget(self.year_to)
        return box

    def _groups_box(self) -> QHBoxLayout:
        box = QHBoxLayout()
        box.addWidget(self.group1, 1)
        box.addWidget(self.group2, 1)
        return box

    # -- choices ----------------------------------------------------------------------------
    def _fill_reports(self, select: object = ReadyReport.SUMMARY) -> None:
        combo = self.report_combo
        combo.blockSignals(True)
        combo.clear()
        for kind in READY:
            combo.addItem(kind.label, kind)
        combo.addItem(translate("ReportsPage", "Custom report (filters and grouping)"),
                      ReadyReport.CUSTOM)
        try:
            names = self.services.reports.saved.names()
        except DomainError as exc:  # a broken saved file: say so, keep the page usable
            names = []
            self.status_label.setText(str(exc))
        if names:
            combo.insertSeparator(combo.count())
            for name in names:
                combo.addItem(translate("ReportsPage", "Saved: {name}").format(name=name),
                              SAVED + name)
        index = combo.findData(select)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _fill_awards(self) -> None:
        seen: set[str] = set()
        for kind in self.services.catalog.award_kinds():
            family = kind.lineage or kind.code
            if family in seen:
                continue
            seen.add(family)
            self.award_combo.addItem(kind.name, family)

    @property
    def kind(self) -> ReadyReport:
        data = self.report_combo.currentData()
        return ReadyReport.CUSTOM if self.saved_name is not None else ReadyReport(data)

    @property
    def saved_name(self) -> str | None:
        """The saved report chosen, if one is."""
        data = str(self.report_combo.currentData() or "")
        return data.removeprefix(SAVED) if data.startswith(SAVED) else None

    @Slot()
    def _on_report_chosen(self) -> None:
        if self.saved_name is not None:
            try:
                self.load_definition(self.services.reports.saved.get(self.saved_name))
            except DomainError as exc:
                Messages.error(self, str(exc))
        self._update_controls()
        self._update_buttons()

    @Slot(int)
    def _on_year_from(self, value: int) -> None:
        if self.kind in FORMS or self.year_to.value() < value:
            self.year_to.setValue(value)

    def _update_controls(self) -> None:
        """Forms take one year and a unit; the summary every filter but the grouping; the
        builder everything (status only for nominations, achievement only for awards)."""
        kind = self.kind
        custom = kind is ReadyReport.CUSTOM
        form = kind in FORMS
        nominations = custom and enum_data(self.source_combo, Source) is Source.NOMINATIONS
        self.year_to.setEnabled(not form)
        if form:
            self.year_to.setValue(self.year_from.value())
        for widget in (self.award_combo, self.level_combo, self.subject_combo,
                       self.gender_combo, self.ethnicity_combo, self.direct_combo):
            widget.setEnabled(not form)
        self.achievement_combo.setEnabled(not form and not nominations)
        self.source_combo.setEnabled(custom)
        self.status_combo.setEnabled(nominations)
        self.group1.setEnabled(custom)
        self.group2.setEnabled(custom)
        self.unit_picker.setEnabled(kind not in (ReadyReport.FORM_0604, ReadyReport.FORM_0605))

    def _update_buttons(self) -> None:
        has = self.view.report is not None and not self.computing
        for button in (self.excel_button, self.word_button, self.print_button):
            button.setEnabled(has)
        self.run_button.setEnabled(not self.computing)
        self.save_button.setEnabled(self.kind is ReadyReport.CUSTOM and not self.computing)
        self.delete_button.setEnabled(self.saved_name is not None and not self.computing)

    # -- filters <-> definition -------------------------------------------------------------
    def current_filter(self) -> ReportFilter:
        ethnicity = self.ethnicity_combo.currentData()
        award = self.award_combo.currentData()
        level = enum_data(self.level_combo, AwardLevel)
        subject = enum_data(self.subject_combo, SubjectKind)
        achievement = enum_data(self.achievement_combo, AchievementKind)
        status = enum_data(self.status_combo, NominationStatus)
        kind = self.kind
        form = kind in FORMS
        custom_nominations = (kind is ReadyReport.CUSTOM and
                              enum_data(self.source_combo, Source) is Source.NOMINATIONS)
        if form:
            return ReportFilter(year_from=self.year_from.value(), year_to=self.year_from.value(),
                                unit_id=self.unit_picker.unit_id)
        return ReportFilter(
            year_from=self.year_from.value(), year_to=self.year_to.value(),
            unit_id=self.unit_picker.unit_id, award_codes=(award,) if award else (),
            levels=(level,) if level else (), subjects=(subject,) if subject else (),
            gender=enum_data(self.gender_combo, Gender),
            ethnicity=ethnicity if ethnicity not in (None, MINORITY, KINH) else None,
            minority=True if ethnicity == MINORITY else False if ethnicity == KINH else None,
            direct_worker=self.direct_combo.currentData(),
            achievements=(achievement,) if achievement and not custom_nominations else (),
            statuses=(status,) if status and custom_nominations else ())

    def current_definition(self, name: str = "") -> ReportDefinition:
        first = enum_data(self.group1, Dimension) or Dimension.AWARD
        second = enum_data(self.group2, Dimension)
        groups = (first,) if second is None or second is first else (first, second)
        return ReportDefinition(enum_data(self.source_combo, Source) or Source.AWARDS,
                                self.current_filter(), groups, name)

    def load_definition(self, definition: ReportDefinition) -> None:
        flt = definition.filters

        def pick(combo: QComboBox, value: object) -> None:
            combo.setCurrentIndex(max(combo.findData(value), 0))

        pick(self.source_combo, definition.source)
        pick(self.group1, definition.group_by[0])
        pick(self.group2, definition.group_by[1] if len(definition.group_by) > 1 else None)
        if flt.year_from is not None:
            self.year_from.setValue(flt.year_from)
        if flt.year_to is not None:
            self.year_to.setValue(flt.year_to)
        if flt.unit_id is not None:
            try:
                self.unit_picker.set_unit(self.services.units.get(flt.unit_id))
            except DomainError:
                self.unit_picker.clear_unit()
        else:
            self.unit_picker.clear_unit()
        pick(self.award_combo, flt.award_codes[0] if flt.award_codes else None)
        pick(self.level_combo, flt.levels[0] if flt.levels else None)
        pick(self.subject_combo, flt.subjects[0] if flt.subjects else None)
        pick(self.gender_combo, flt.gender)
        pick(self.ethnicity_combo, MINORITY if flt.minority else KINH
             if flt.minority is False else flt.ethnicity)
        pick(self.direct_combo, flt.direct_worker)
        pick(self.achievement_combo, flt.achievements[0] if flt.achievements else None)
        pick(self.status_combo, flt.statuses[0] if flt.statuses else None)

    def activated(self, **options: object) -> None:
        """The first visit shows this year's summary at once (one GROUP BY, in the background)."""
        super().activated(**options)
        if self.view.report is None and not self.computing:
            self.compute()

    # -- computing --------------------------------------------------------------------------
    @Slot()
    def compute(self) -> None:
        if self.computing:
            return
        self.unit_picker.resolve_typed_text()
        reports, kind = self.services.reports, self.kind
        if kind is ReadyReport.CUSTOM:
            definition = self.current_definition(self.saved_name or "")

            def work(_progress: ProgressFn, _token: CancelToken) -> ReportTable:
                return reports.build(definition)
        else:
            flt = self.current_filter()

            def work(_progress: ProgressFn, _token: CancelToken) -> ReportTable:
                return reports.ready(kind, flt)

        self.computing = True
        self.status_label.setText(translate("ReportsPage", "Computing…"))
        self._update_buttons()
        self.ctx.runner.task(work, self).success(self._shown).failure(self._failed).run()

    def _shown(self, report: ReportTable) -> None:
        self.computing = False
        self.view.show_report(report)
        self.status_label.setText("")
        self._update_buttons()

    def _failed(self, exc: DomainError) -> None:
        self.computing = False
        self.status_label.setText("")
        self._update_buttons()
        Messages.error(self, str(exc))

    # -- saved definitions ------------------------------------------------------------------
    @Slot()
    def save_definition(self) -> None:
        current = self.saved_name or ""
        name, ok = QInputDialog.getText(self, translate("ReportsPage", "Save report"),
                                        translate("ReportsPage", "Name of the report:"),
                                        text=current)
        if not ok or not name.strip():
            return
        try:
            self.services.reports.save_definition(self.current_definition(name.strip()))
        except DomainError as exc:
            Messages.error(self, str(exc))
            return
        self._fill_reports(select=SAVED + " ".join(name.split()))
        self._update_controls()
        self._update_buttons()
        self.ctx.host.notify(translate("ReportsPage", "Saved the report “{name}”.")
                             .format(name=name.strip()))

    @Slot()
    def delete_definition(self) -> None:
        name = self.saved_name
        if name is None:
            return
        if not Messages.confirm(self, translate("ReportsPage", "Delete the saved report "
                                                "“{name}”?").format(name=name)):
            return
        try:
            self.services.reports.saved.delete(name)
        except DomainError as exc:
            Messages.error(self, str(exc))
            return
        self._fill_reports(select=ReadyReport.CUSTOM)
        self._update_controls()
        self._update_buttons()

    # -- export and print -------------------------------------------------------------------
    def export(self, suffix: str) -> None:
        report = self.view.report
        if report is None:
            return
        folder = Path(self.ctx.settings.value("reports/folder", str(Path.home())))
        filters = translate("ReportsPage", "Excel workbook (*.xlsx)") if suffix == ".xlsx" \
            else translate("ReportsPage", "Word document (*.docx)")
        chosen = export_path(FileDialogs.save_file(
            self, translate("ReportsPage", "Export the report"),
            folder / suggested_name(report, suffix), filters), suffix)
        if chosen is None:
            return
        self.ctx.settings.set_value("reports/folder", str(chosen.parent))
        reports = self.services.reports

        def work(_progress: ProgressFn, _token: CancelToken) -> Path:
            return reports.export(report, chosen)

        self.ctx.runner.task(work, self).disabling(self.excel_button, self.word_button) \
            .success(self._exported).run()

    def _exported(self, path: Path) -> None:
        self.ctx.host.notify(translate("ReportsPage", "Exported the report to {path}.")
                             .format(path=str(path)))

    @Slot()
    def print_report(self) -> None:
        if self.view.report is not None:
            ask_and_print(self, self.view.report)


def create_page(ctx: PageContext) -> ReportsPage:
    return ReportsPage(ctx)
