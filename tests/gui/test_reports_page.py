"""The Reports page driven as an officer would: pick a report, compute it (in the background),
read the table and the chart, save a definition, export, print; the timeline dialog from the
people and units pages. A screenshot of a report with its chart at 1366×768 is kept."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QWidget

from desktop.api.reports import Dimension, ReadyReport, ReportFilter
from desktop.app import ServiceBackend
from desktop.domain.enums import Gender
from desktop.paths import AppPaths
from desktop.services import Services
from desktop.settings import UiSettings
from desktop.views.main_window import MainWindow
from desktop.views.messages import FileDialogs, Messages
from desktop.views.pages.reports import ReportsPage
from desktop.views.widgets.report_view import print_report

SCREEN = QSize(1366, 768)


@pytest.fixture
def window(qtbot: Any, demo_services: Services, paths: AppPaths) -> Iterator[MainWindow]:
    win = MainWindow(ServiceBackend(demo_services), UiSettings(paths.config))
    win.runner.show_error = Messages.error
    qtbot.addWidget(win)
    win.resize(SCREEN)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.runner.wait_for_done(10_000)
    QApplication.processEvents()


def _page(qtbot: Any, window: MainWindow) -> ReportsPage:
    """The page, once the summary it computes on its first visit is on screen."""
    page = window.navigate("reports")
    assert isinstance(page, ReportsPage)
    qtbot.waitUntil(lambda: not page.computing and page.view.report is not None,
                    timeout=20_000)
    return page


def _compute(qtbot: Any, page: ReportsPage) -> None:
    page.run_button.click()
    qtbot.waitUntil(lambda: not page.computing and page.view.report is not None,
                    timeout=20_000)


def _choose(page: ReportsPage, text: str) -> None:
    index = next(i for i in range(page.report_combo.count())
                 if page.report_combo.itemText(i).startswith(text))
    page.report_combo.setCurrentIndex(index)


def _screenshot(widget: QWidget, tmp_path: Path, name: str) -> QPixmap:
    """Kept in the test's folder, and in ``TDKT_SCREENSHOTS`` when set, to be looked at."""
    QApplication.processEvents()
    image = widget.grab()
    folders = [tmp_path]
    if os.environ.get("TDKT_SCREENSHOTS"):
        folders.append(Path(os.environ["TDKT_SCREENSHOTS"]))
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        assert image.save(str(folder / name))
    return image


def _year_with_awards(services: Services) -> int:
    with services.db.read() as s:
        from sqlalchemy import func, select

        from desktop.models import AwardRecord
        return int(s.scalar(select(AwardRecord.year).group_by(AwardRecord.year)
                            .order_by(func.count().desc()).limit(1)) or 2025)


def test_summary_shows_the_services_figures_with_a_chart(qtbot: Any, window: MainWindow,
                                                        demo_services: Services,
                                                        tmp_path: Path) -> None:
    page = _page(qtbot, window)
    year = _year_with_awards(demo_services)
    page.year_from.setValue(year)
    page.year_to.setValue(year)
    _choose(page, "Tổng hợp khen thưởng năm")
    _compute(qtbot, page)
    expected = demo_services.reports.summary(ReportFilter(year_from=year, year_to=year))
    model = page.view.model
    shown = [[model.index(r, c).data() for c in range(model.columnCount())]
             for r in range(model.rowCount())]
    assert shown == [[c.text for c in row.cells] for row in expected.rows]
    assert str(model.headerData(7, Qt.Orientation.Horizontal)).split() == ["Tỷ", "lệ", "nữ", "(%)"]
    assert page.view.chart.bars and page.view.chart_title.text() == "Số khen thưởng theo hình thức"
    assert "Năm: " + str(year) in page.view.notes.text()
    image = _screenshot(window, tmp_path, "reports_summary.png")
    assert image.width() == SCREEN.width()
    # No figure is cut ("509.240.0…"): the bold total rows fit their columns too.
    from PySide6.QtGui import QFont, QFontMetrics

    header = page.view.table.horizontalHeader()
    bold = QFont(page.view.table.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    clipped = [cell.text for row in expected.rows
               for column, cell in enumerate(row.cells) if column >= expected.numeric_from
               and metrics.horizontalAdvance(cell.text) + 12 > header.sectionSize(column)]
    assert clipped == []


def test_form_cells_the_app_cannot_fill_say_why(qtbot: Any, window: MainWindow,
                                                demo_services: Services, tmp_path: Path) -> None:
    page = _page(qtbot, window)
    _choose(page, "Biểu 0603")
    assert not page.year_to.isEnabled() and not page.gender_combo.isEnabled()
    _compute(qtbot, page)
    model = page.view.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "06")
    assert model.index(row, 2).data() == "—"
    assert "không phân loại chức vụ" in model.index(row, 2).data(3)  # the tooltip
    assert "Ô không điền được" in page.view.notes.text()
    _screenshot(window, tmp_path, "reports_0603.png")


def test_builder_saves_runs_and_exports(qtbot: Any, window: MainWindow, demo_services: Services,
                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(qtbot, window)
    _choose(page, "Báo cáo tự chọn")
    page.year_from.setValue(2021)
    page.year_to.setValue(2026)
    page.group1.setCurrentIndex(page.group1.findData(Dimension.UNIT))
    page.group2.setCurrentIndex(page.group2.findData(Dimension.GENDER))
    page.gender_combo.setCurrentIndex(page.gender_combo.findData(Gender.FEMALE))
    _compute(qtbot, page)
    total = page.view.model.report.rows[-1]  # type: ignore[union-attr]
    assert total.cells[0].value == "Tổng cộng"
    definition = page.current_definition()
    assert total.cells[2].value == demo_services.reports.build(definition).rows[-1].cells[2].value
    notices: list[str] = []
    monkeypatch.setattr(window, "notify", lambda text, msecs=8000: notices.append(text))
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: ("Nữ theo đơn vị", True))
    page.save_button.click()
    assert demo_services.reports.saved.names() == ["Nữ theo đơn vị"]
    assert page.report_combo.currentText() == "Đã lưu: Nữ theo đơn vị"
    # choosing the saved report again restores its filters
    page.gender_combo.setCurrentIndex(0)
    _choose(page, "Tổng hợp")
    _choose(page, "Đã lưu: Nữ theo đơn vị")
    assert page.current_filter().gender is Gender.FEMALE
    target = tmp_path / "nu"
    monkeypatch.setattr(FileDialogs, "save_file", lambda *a, **k: target)
    page.excel_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "nu.xlsx").exists() and bool(notices), timeout=20_000)
    ws = load_workbook(tmp_path / "nu.xlsx").active
    assert any(c.value == "- Giới tính: Nữ (chỉ cá nhân)" for row in ws.iter_rows() for c in row)
    qtbot.waitUntil(page.word_button.isEnabled, timeout=20_000)  # the Excel export ended
    page.word_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "nu.docx").exists(), timeout=20_000)


def test_print_writes_the_table(qtbot: Any, window: MainWindow, demo_services: Services,
                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(qtbot, window)
    _choose(page, "Biểu 0601")
    _compute(qtbot, page)
    pdf = tmp_path / "in.pdf"

    class FakePrintDialog:
        """The officer picks "Print to file" and presses Print."""

        def __init__(self, printer: QPrinter, _parent: Any) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(pdf))
            self.finished = self
            self.slots: list[Any] = []

        def connect(self, slot: Any) -> None:
            self.slots.append(slot)

        def open(self) -> None:
            for slot in self.slots:
                slot(QDialog.DialogCode.Accepted.value)

        def deleteLater(self) -> None:
            pass

    monkeypatch.setattr("desktop.views.widgets.report_view.QPrintDialog", FakePrintDialog)
    monkeypatch.setattr(QDialog, "open", lambda dialog: FakePrintDialog.open(dialog))
    page.print_button.click()
    assert pdf.stat().st_size > 1000
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "again.pdf"))
    print_report(demo_services.reports.form(ReadyReport.FORM_0601, ReportFilter(
        year_from=2025, year_to=2025)), printer)
    assert (tmp_path / "again.pdf").stat().st_size > 1000


def test_a_failure_ends_in_a_vietnamese_message(qtbot: Any, window: MainWindow,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(qtbot, window)
    _choose(page, "Báo cáo tự chọn")
    page.source_combo.setCurrentIndex(1)  # nominations
    page.group1.setCurrentIndex(page.group1.findData(Dimension.ACHIEVEMENT))
    errors: list[str] = []
    monkeypatch.setattr(Messages, "error", lambda _p, text, title="": errors.append(text))
    page.run_button.click()
    qtbot.waitUntil(lambda: bool(errors) and not page.computing, timeout=20_000)
    assert "không ghi loại thành tích" in errors[0]


def test_timeline_from_the_people_and_units_pages(qtbot: Any, window: MainWindow,
                                                  demo_services: Services, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.views.dialogs.timeline_dialog import TimelineDialog

    opened: list[TimelineDialog] = []
    monkeypatch.setattr(TimelineDialog, "open", lambda self: opened.append(self))
    people = window.navigate("people")
    qtbot.waitUntil(lambda: people.model.rowCount() > 0, timeout=20_000)  # type: ignore[attr-defined]
    people.table.selectRow(0)  # type: ignore[attr-defined]
    people.timeline_action.trigger()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(opened) and opened[-1].view.report is not None,
                    timeout=20_000)
    report = opened[-1].view.report
    assert report is not None and report.title.startswith("QUÁ TRÌNH KHEN THƯỞNG")
    assert opened[-1].heading.text() == report.title
    opened[-1].show()
    qtbot.waitExposed(opened[-1])
    _screenshot(opened[-1], tmp_path, "timeline.png")
    opened[-1].close()
    units: Any = window.navigate("units")
    qtbot.waitUntil(lambda: units.tree_model.rowCount() > 0, timeout=20_000)
    units.tree.setCurrentIndex(units.tree_model.index(0, 0))
    assert units.current_unit() is not None
    units.timeline_action.trigger()
    qtbot.waitUntil(lambda: len(opened) == 2 and opened[-1].view.report is not None,
                    timeout=20_000)
    assert opened[-1].view.report.headers[0] == "Năm"  # type: ignore[union-attr]
