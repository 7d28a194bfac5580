"""A person's or a unit's award timeline (every award, yearly rating and initiative by year),
opened from the people and units pages; printable and exportable like any report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.reports import ReportTable
from desktop.domain.errors import DomainError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.messages import FileDialogs, Messages
from desktop.views.widgets.report_view import (
    ReportView,
    ask_and_print,
    export_path,
    suggested_name,
)
from desktop.views.writes import own_runner

if TYPE_CHECKING:
    from desktop.services import Services


class TimelineDialog(QDialog):
    """Computed in the background; the officer can print it or save it as .xlsx/.docx."""

    def __init__(self, parent: QWidget | None, services: Services, *,
                 person_id: int | None = None, unit_id: int | None = None,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner or own_runner(self)
        self.setWindowTitle(translate("TimelineDialog", "Award timeline"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1100, 620)
        self.heading = QLabel(translate("TimelineDialog", "Computing…"), self)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.subheading = QLabel(self)
        self.view = ReportView(self)
        self.excel_button = QPushButton(translate("TimelineDialog", "Export Excel"), self)
        self.word_button = QPushButton(translate("TimelineDialog", "Export Word"), self)
        self.print_button = QPushButton(translate("TimelineDialog", "Print…"), self)
        for button in (self.excel_button, self.word_button, self.print_button):
            button.setEnabled(False)
        self.excel_button.clicked.connect(lambda: self.export(".xlsx"))
        self.word_button.clicked.connect(lambda: self.export(".docx"))
        self.print_button.clicked.connect(self.print_report)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setText(
            translate("TimelineDialog", "Close"))
        actions = QHBoxLayout()
        for button in (self.excel_button, self.word_button, self.print_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        reports = services.reports

        def work(_progress: ProgressFn, _token: CancelToken) -> ReportTable:
            return reports.timeline(person_id=person_id, unit_id=unit_id)

        self._runner.task(work, self).success(self._shown).failure(self._failed).run()

    @classmethod
    def show_for(cls, parent: QWidget, services: Services, *, person_id: int | None = None,
                 unit_id: int | None = None, runner: TaskRunner | None = None
                 ) -> TimelineDialog:
        dialog = cls(parent, services, person_id=person_id, unit_id=unit_id, runner=runner)
        dialog.open()
        return dialog

    def _shown(self, report: ReportTable) -> None:
        self.heading.setText(report.title)
        self.subheading.setText(report.subtitle)
        self.view.show_report(report)
        for button in (self.excel_button, self.word_button, self.print_button):
            button.setEnabled(True)

    def _failed(self, exc: DomainError) -> None:
        self.heading.setText(translate("TimelineDialog", "The timeline could not be made."))
        Messages.error(self, str(exc))

    def export(self, suffix: str) -> None:
        report = self.view.report
        if report is None:
            return
        filters = translate("TimelineDialog", "Excel workbook (*.xlsx)") if suffix == ".xlsx" \
            else translate("TimelineDialog", "Word document (*.docx)")
        chosen = export_path(FileDialogs.save_file(
            self, translate("TimelineDialog", "Export the timeline"),
            Path.home() / suggested_name(report, suffix), filters), suffix)
        if chosen is None:
            return
        reports = self._services.reports

        def work(_progress: ProgressFn, _token: CancelToken) -> Path:
            return reports.export(report, chosen)

        self._runner.task(work, self).disabling(self.excel_button, self.word_button) \
            .success(lambda path: Messages.info(self, translate(
                "TimelineDialog", "Saved to {path}.").format(path=str(path)))).run()

    @Slot()
    def print_report(self) -> None:
        if self.view.report is not None:
            ask_and_print(self, self.view.report)
