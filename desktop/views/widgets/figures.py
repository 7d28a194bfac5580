"""Figures that open the list behind them: a link-styled button, a bar chart whose bars can
be clicked, and a stacked bar chart (one bar per year, a segment per award level).

All painted with QPainter on top of ``BarChart`` (the bundle has no QtCharts)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from desktop.views.widgets.bar_chart import BAR_HEIGHT, MARGIN, BarChart

LINK_COLOUR = "#1f6fb2"


class LinkButton(QPushButton):
    """A figure shown as a link: flat, blue, underlined on hover, a pointing hand; a real
    button underneath, so Tab and Space reach it like any other."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *,
                 scale: float = 1.0, bold: bool = False) -> None:
        super().__init__(text, parent)
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        font = self.font()
        if scale != 1.0:
            font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        self.setFont(font)
        self.setStyleSheet(
            f"QPushButton {{ color: {LINK_COLOUR}; border: none; padding: 1px 2px; "
            "text-align: left; background: transparent; }"
            "QPushButton:hover { text-decoration: underline; }"
            "QPushButton:focus { text-decoration: underline; }"
            "QPushButton:disabled { color: #707070; }")


class ElidedLabel(QLabel):
    """One line of text cut in the middle when it is too wide ("/home/…/data/tdkt.db"): a
    long path keeps its start and its file name, and never widens the page. ``text()`` is
    the whole text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(80)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().text().color())
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle,
                                              self.contentsRect().width())
        painter.drawText(self.contentsRect(),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)


class ClickableBarChart(BarChart):
    """A ``BarChart`` whose rows are links: clicking a row emits ``bar_clicked(row)``.

    Signals:
        bar_clicked(int): the row clicked, in the order of ``set_bars``.
    """

    bar_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)

    def row_at(self, y: float) -> int:
        """The bar under ``y`` (widget coordinates), or -1."""
        row = int((y - MARGIN) // self._row_height())
        return row if y >= MARGIN and 0 <= row < len(self.bars) else -1

    def row_centre(self, row: int) -> int:
        """Where row ``row`` is (a test clicks there)."""
        return int(MARGIN + row * self._row_height() + self._row_height() / 2)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position().y())
        self.setCursor(Qt.CursorShape.PointingHandCursor if row >= 0
                       else Qt.CursorShape.ArrowCursor)
        self.setToolTip(self.bars[row].label if row >= 0 else "")
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position().y())
        if event.button() == Qt.MouseButton.LeftButton and row >= 0:
            self.bar_clicked.emit(row)
        super().mouseReleaseEvent(event)


@dataclass(frozen=True)
class Stack:
    """One row of a stacked chart: a label, its segments' values, the text at its end."""

    label: str
    values: tuple[float, ...]
    text: str


class StackedBarChart(QWidget):
    """Horizontal stacked bars with a legend above: ``set_stacks(series, colours, stacks)``."""

    LABEL_WIDTH = 56

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: list[str] = []
        self.colours: list[QColor] = []
        self.stacks: list[Stack] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setMinimumWidth(200)

    def set_stacks(self, series: list[str], colours: list[str], stacks: list[Stack]) -> None:
        self.series, self.colours = list(series), [QColor(c) for c in colours]
        self.stacks = list(stacks)
        self.updateGeometry()
        self.setMinimumHeight(self.sizeHint().height())
        self.update()

    def _legend_height(self) -> int:
        """A legend only tells series apart: one series has none (the box's title says it)."""
        return QFontMetrics(self.font()).height() + 10 if len(self.series) > 1 else 0

    def sizeHint(self) -> QSize:
        rows = max(len(self.stacks), 2)
        return QSize(420, 2 * MARGIN + self._legend_height() + rows * (BAR_HEIGHT + 8))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.setMinimumHeight(self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        metrics = QFontMetrics(self.font())
        text_colour = self.palette().text().color()
        if not self.stacks or not any(sum(s.values) for s in self.stacks):
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        # the legend: a swatch and a name per series
        x, y = float(MARGIN), float(MARGIN)
        for name, colour in zip(self.series if len(self.series) > 1 else (), self.colours,
                                strict=False):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(x, y + 3, 12, 12), 2, 2)
            painter.setPen(text_colour)
            width = metrics.horizontalAdvance(name)
            painter.drawText(QRectF(x + 17, y, width + 2, metrics.height() + 4),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)
            x += 17 + width + 18
        top0 = MARGIN + self._legend_height()
        value_width = max(metrics.horizontalAdvance(s.text) for s in self.stacks) + 8
        left = MARGIN + self.LABEL_WIDTH
        space = max(self.width() - left - MARGIN - value_width - 8, 10)
        maximum = max(sum(s.values) for s in self.stacks)
        for row, stack in enumerate(self.stacks):
            top = top0 + row * (BAR_HEIGHT + 8)
            painter.setPen(text_colour)
            painter.drawText(QRectF(MARGIN, top, self.LABEL_WIDTH - 8, BAR_HEIGHT),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             stack.label)
            x = float(left)
            painter.setPen(Qt.PenStyle.NoPen)
            for value, colour in zip(stack.values, self.colours, strict=False):
                length = space * max(value, 0.0) / maximum if maximum > 0 else 0.0
                if length <= 0:
                    continue
                painter.setBrush(colour)
                painter.drawRect(QRectF(x, top + 2, max(length, 1.5), BAR_HEIGHT - 4))
                x += length
            painter.setPen(text_colour)
            painter.drawText(QRectF(x + 6, top, value_width, BAR_HEIGHT),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             stack.text)
