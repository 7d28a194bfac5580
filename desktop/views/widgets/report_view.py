"""A computed report on screen: the table (totals in bold, cells the app cannot fill shown as
"—" with the reason as tooltip) with its bar chart beside it, the filters and notes below;
export to .xlsx/.docx and printing. Used by the Reports page and the timeline dialog.

The report arrives computed (``ReportTable`` from ``services.reports`` in a worker thread);
this widget only shows it."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPageLayout,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.reports import ReportTable
from desktop.i18n import translate
from desktop.views.widgets.bar_chart import Bar, BarChart

Index = QModelIndex | QPersistentModelIndex
_TOTAL_BRUSH = QBrush(QColor("#eef3f8"))


class ReportTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report: ReportTable | None = None
        self.titles: list[str] = []  # the headings as shown: broken into lines to fit

    def set_titles(self, titles: list[str]) -> None:
        self.titles = titles
        if titles:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(titles) - 1)

    def set_report(self, report: ReportTable | None) -> None:
        self.beginResetModel()
        self.report = report
        self.titles = list(report.headers) if report is not None else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() or self.report is None else len(self.report.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() or self.report is None else len(self.report.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.titles)):
            return self.titles[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self.report is None or not index.isValid():
            return None
        row = self.report.rows[index.row()]
        if index.column() >= len(row.cells):
            return None
        cell = row.cells[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("ReportView", "Cannot be filled: {why}").format(why=cell.missing) \
                if cell.missing else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = index.column() >= self.report.numeric_from
            horizontal = Qt.AlignmentFlag.AlignCenter if cell.missing else (
                Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft)
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.bold:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and row.bold:
            return _TOTAL_BRUSH
        return None


def report_html(report: ReportTable) -> str:
    """The report as HTML for printing (title, filters, the table, cells not filled, notes)."""
    e = html.escape
    head = "".join(f"<th>{e(h)}</th>" for h in report.headers)
    body = []
    for row in report.rows:
        cells = []
        for i, c in enumerate(row.cells):
            align = "center" if c.missing else ("right" if i >= report.numeric_from else "left")
            text = e(c.text)
            cells.append(f'<td align="{align}">{"<b>" + text + "</b>" if row.bold else text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    parts = [f'<h3 align="center">{e(report.title)}</h3>',
             f'<p align="center"><i>{e(report.subtitle)}</i></p>']
    if report.filter_lines:
        parts.append("<p><i>" + "; ".join(e(f) for f in report.filter_lines) + "</i></p>")
    parts.append('<table border="1" cellspacing="0" cellpadding="3" width="100%">'
                 f"<thead><tr>{head}</tr></thead>{''.join(body)}</table>")
    if report.missing:
        parts.append("<p><b>" + e(translate("ReportView", "Cells the app cannot fill (—):"))
                     + "</b><br>" + "<br>".join(f"- {e(m.where)}: {e(m.reason)}"
                                                for m in report.missing) + "</p>")
    if report.notes:
        parts.append("<p>" + "<br>".join(f"- {e(n)}" for n in report.notes) + "</p>")
    return ('<html><body style="font-family: \'Times New Roman\'; font-size: 10pt">'
            + "".join(parts) + "</body></html>")


def print_report(report: ReportTable, printer: QPrinter) -> None:
    document = QTextDocument()
    document.setHtml(report_html(report))
    document.print_(printer)


def ask_and_print(parent: QWidget, report: ReportTable) -> QDialog:
    """The print dialog (window-modal, not a nested event loop), then the report on the
    chosen printer; landscape when the table is wide."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if len(report.headers) > 6:
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    # A child of the window, not of the page: it is the window's dialog (and a page that
    # lists its own controls does not find it among them).
    dialog = QPrintDialog(printer, parent.window())

    def finished(result: int) -> None:
        if result == QDialog.DialogCode.Accepted.value:
            print_report(report, printer)
        dialog.deleteLater()

    dialog.finished.connect(finished)
    # QDialog's open(): PySide binds only QPrintDialog's two-argument overload; showing the
    # dialog still goes through QPrintDialog's setVisible (the native dialog on Windows).
    QDialog.open(dialog)
    return dialog


def suggested_name(report: ReportTable, suffix: str) -> str:
    stem = {"summary": "tong_hop_khen_thuong", "custom": "bao_cao_khen_thuong",
            "timeline": "qua_trinh_khen_thuong"}.get(report.kind.value,
                                                     f"bieu_{report.kind.value}")
    return f"{stem}{suffix}"


class ReportView(QWidget):
    """Table | chart, with the filters and notes under them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ReportTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.chart_title = QLabel(self)
        self.chart_title.setObjectName("chartTitle")
        font = QFont(self.chart_title.font())
        font.setBold(True)
        self.chart_title.setFont(font)
        self.chart = BarChart(self)
        self.chart.empty_text = translate("ReportView", "Nothing to chart.")
        scroll = QScrollArea(self)
        scroll.setWidget(self.chart)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side = self.side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.chart_title)
        side_layout.addWidget(scroll, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 7)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self._user_sized = False  # the officer moved the divider: keep it where they put it
        self._planned = 0  # the width the table's columns were given
        self.splitter.splitterMoved.connect(self._on_moved)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes.setObjectName("reportNotes")
        self.notes.setStyleSheet("color: #404040;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.notes)

    @property
    def report(self) -> ReportTable | None:
        return self.model.report

    def show_report(self, report: ReportTable | None) -> None:
        self.model.set_report(report)
        if report is None:
            self.chart.set_bars([])
            self.chart_title.clear()
            self.notes.clear()
            return
        self.side.setVisible(bool(report.chart))  # forms have no chart: the table takes it all
        self.table.horizontalHeader().setSectionResizeMode(  # …and their row labels widen
            0, QHeaderView.ResizeMode.Interactive if report.chart
            else QHeaderView.ResizeMode.Stretch)
        self._apply_sizes()
        self.chart_title.setText(report.chart_title)
        self.chart.set_bars([Bar(b.label, b.value, b.text) for b in report.chart])
        self._fit_columns(report)
        self._apply_sizes()
        lines = []
        if report.filter_lines:
            lines.append(" · ".join(report.filter_lines))
        if report.missing:
            lines.append(translate("ReportView", "Cells the app cannot fill (—):") + " " +
                         "; ".join(f"{m.where}: {m.reason}" for m in report.missing))
        lines += list(report.notes)
        self.notes.setText("\n".join(lines))

    def _on_moved(self, _pos: int, _index: int) -> None:
        self._user_sized = True

    def _apply_sizes(self) -> None:
        """The table gets the width its columns need (up to 13); the chart what is left, at
        least ``CHART_MIN`` px."""
        width = self.splitter.width()
        if self._user_sized or width <= 0 or not self.side.isVisibleTo(self):
            return
        needed = self._planned + self.table.verticalScrollBar().sizeHint().width() + \
            2 * self.table.frameWidth() + 2
        table = min(max(needed, int(width * 0.6)), width - CHART_MIN)
        self.splitter.setSizes([table, width - table])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_sizes()

    def _fit_columns(self, report: ReportTable) -> None:
        """Numbers as wide as their widest value or heading word, the heading broken into
        lines to fit; text columns as wide as their text, up to a cap (then they wrap)."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        bold_font = QFont(self.table.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)  # subtotal and total rows are bold, hence wider
        titles: list[str] = []
        self._planned = 0
        widest = 220 if len(report.headers) > 8 else 300
        for column, title in enumerate(report.headers):
            values = max((bold.horizontalAdvance(r.cells[column].text)
                          for r in report.rows if column < len(r.cells)), default=30)
            words = max((metrics.horizontalAdvance(w) for w in title.split()), default=30)
            if column < report.numeric_from:
                width = min(max(values + 16, words + 14, 40), widest)
            else:
                least = 72 if not report.chart else 0  # forms: room for their long headings
                width = min(max(words, values, least) + 14, 150)
            header.resizeSection(column, width)
            self._planned += width
            titles.append(_wrap(title, width - 10, metrics))
        self.model.set_titles(titles)
        lines = max((t.count("\n") + 1 for t in titles), default=1)
        header.setFixedHeight(max(lines, 2) * metrics.lineSpacing() + 12)
        self.table.resizeRowsToContents()


CHART_MIN = 230


def _wrap(title: str, width: int, metrics: QFontMetrics) -> str:
    """Greedy word wrap with explicit line breaks (a header view does not wrap by itself)."""
    lines: list[str] = []
    for word in title.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def export_path(chosen: Path | None, suffix: str) -> Path | None:
    """The chosen file with the right extension (a chooser may leave it off)."""
    if chosen is None:
        return None
    return chosen if chosen.suffix.lower() == suffix else chosen.with_suffix(suffix)
