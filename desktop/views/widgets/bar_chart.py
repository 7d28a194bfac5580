"""A horizontal bar chart painted with QPainter.

The PySide6-Essentials wheel the app ships has no QtCharts, and a ranking needs nothing more
than one labelled bar per unit; horizontal bars keep long Vietnamese unit names readable.
Squeezed narrower than ``WIDE`` (a 1366 px screen beside a table), each name goes on its own
line above its bar instead of being cut to a few letters.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_HEIGHT = 20
ROW_GAP = 8
MARGIN = 10
LABEL_SHARE = 0.38  # of the width, for the names on the left
WIDE = 360  # narrower than this, names go above their bars


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
        self.setMinimumWidth(140)

    @property
    def stacked(self) -> bool:
        """Names above the bars (the widget is narrow)."""
        return self.width() < WIDE

    def set_bars(self, bars: list[Bar], maximum: float = 0.0) -> None:
        self.bars = list(bars)
        self.maximum = max([maximum, *(b.value for b in self.bars), 0.0])
        self._fit_height()
        self.update()

    def _row_height(self) -> int:
        return BAR_HEIGHT + ROW_GAP + (QFontMetrics(self.font()).height() if self.stacked else 0)

    def _fit_height(self) -> None:
        self.updateGeometry()
        self.setMinimumHeight(self.sizeHint().height())

    def sizeHint(self) -> QSize:
        rows = max(len(self.bars), 2)
        return QSize(480, 2 * MARGIN + rows * self._row_height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.minimumHeight() != self.sizeHint().height():
            self._fit_height()

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
        stacked = self.stacked
        label_width = width if stacked else int(width * LABEL_SHARE)
        value_width = max(metrics.horizontalAdvance(b.text) for b in self.bars) + 8
        bar_left = MARGIN if stacked else MARGIN + label_width
        bar_space = max(width - (0 if stacked else label_width) - value_width - 8, 10)
        label_height = metrics.height() if stacked else BAR_HEIGHT
        text_colour = self.palette().text().color()
        for row, bar in enumerate(self.bars):
            top = MARGIN + row * self._row_height()
            painter.setPen(text_colour)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 8)
            align = Qt.AlignmentFlag.AlignLeft if stacked else Qt.AlignmentFlag.AlignRight
            painter.drawText(QRectF(MARGIN, top, label_width - 8, label_height),
                             int(align | Qt.AlignmentFlag.AlignVCenter), label)
            if stacked:
                top += label_height
            length = 0.0 if self.maximum <= 0 else bar_space * max(bar.value, 0.0) / self.maximum
            colour = QColor("#c62828") if bar.highlighted else QColor("#1f6fb2")
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(bar_left, top + 2, max(length, 1.0), BAR_HEIGHT - 4),
                                    3, 3)
            painter.setPen(text_colour)
            painter.drawText(QRectF(bar_left + length + 6, top, value_width, BAR_HEIGHT),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             bar.text)
