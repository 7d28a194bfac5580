"""A horizontal bar chart painted with QPainter.

The PySide6-Essentials wheel the app ships has no QtCharts, and a ranking needs nothing more
than one labelled bar per unit; horizontal bars keep long Vietnamese unit names readable.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_HEIGHT = 20
ROW_GAP = 8
MARGIN = 10
LABEL_SHARE = 0.38  # of the width, for the names on the left


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown at the bar's end ("98,5")
    highlighted: bool = False  # drawn in the accent colour (e.g. units proposed for a flag)


class BarChart(QWidget):
    """``set_bars(bars, maximum)``; the widget grows with the bars (put it in a scroll area)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.maximum = 0.0
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setMinimumWidth(320)

    def set_bars(self, bars: list[Bar], maximum: float = 0.0) -> None:
        self.bars = list(bars)
        self.maximum = max([maximum, *(b.value for b in self.bars), 0.0])
        self.updateGeometry()
        self.setMinimumHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        rows = max(len(self.bars), 2)
        return QSize(480, 2 * MARGIN + rows * (BAR_HEIGHT + ROW_GAP))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        metrics = QFontMetrics(self.font())
        if not self.bars:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        width = self.width() - 2 * MARGIN
        label_width = int(width * LABEL_SHARE)
        value_width = max(metrics.horizontalAdvance(b.text) for b in self.bars) + 8
        bar_space = max(width - label_width - value_width - 8, 10)
        text_colour = self.palette().text().color()
        for row, bar in enumerate(self.bars):
            top = MARGIN + row * (BAR_HEIGHT + ROW_GAP)
            painter.setPen(text_colour)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(QRectF(MARGIN, top, label_width - 8, BAR_HEIGHT),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             label)
            length = 0.0 if self.maximum <= 0 else bar_space * max(bar.value, 0.0) / self.maximum
            colour = QColor("#c62828") if bar.highlighted else QColor("#1f6fb2")
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            left = MARGIN + label_width
            painter.drawRoundedRect(QRectF(left, top + 2, max(length, 1.0), BAR_HEIGHT - 4), 3, 3)
            painter.setPen(text_colour)
            painter.drawText(QRectF(left + length + 6, top, value_width, BAR_HEIGHT),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             bar.text)
