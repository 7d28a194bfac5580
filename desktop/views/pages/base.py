"""What every page of the main window shares: its context, refresh-on-change, and the tidy
"not in this version yet" page for areas of later releases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.i18n import translate
from desktop.settings import UiSettings
from desktop.tasks import TaskRunner
from desktop.views.backend import Backend

if TYPE_CHECKING:
    from desktop.services import Services


class DataEvents(QObject):
    """One application-wide "something changed" broadcast (Anki's OpChanges, simplified).

    Signals:
        changed(str): what changed: "units", "people" or "trash".
    """

    changed = Signal(str)


class PageHost(Protocol):
    """The main window, as pages see it."""

    def navigate(self, key: str, **options: Any) -> None: ...

    def notify(self, text: str, msecs: int = 8000) -> None: ...

    def register_undo(self, text: str, items: list[tuple[str, int]]) -> None: ...


@dataclass
class PageContext:
    backend: Backend
    runner: TaskRunner
    settings: UiSettings
    events: DataEvents
    host: PageHost


class Page(QWidget):
    """A page of the main window. Subclasses refresh in ``reload()``; data changes reported on
    ``events`` reload visible pages at once and hidden pages when next shown."""

    key = ""
    watches: tuple[str, ...] = ()  # event kinds that make this page stale

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = False
        ctx.events.changed.connect(self._on_data_changed)

    @property
    def services(self) -> Services:
        return self.ctx.backend.services

    def _on_data_changed(self, kind: str) -> None:
        if kind in self.watches or kind == "all":
            if self.isVisible():
                self.reload()
            else:
                self._stale = True

    def activated(self, **options: Any) -> None:
        """Shown by the sidebar or by ``navigate``; options come from the caller."""
        if self._stale:
            self._stale = False
            self.reload()

    def reload(self) -> None:
        """Re-read what the page shows."""

    def save_state(self) -> None:
        """Remember header and splitter layouts (called when the window closes)."""


def page_title(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    return label


class PlaceholderPage(Page):
    """An area planned for a later version: says so plainly, with one line of what it will do."""

    def __init__(self, ctx: PageContext, title: str, summary: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        frame = QFrame(self)
        frame.setObjectName("placeholderFrame")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setFixedWidth(600)  # a fixed width lets the wrapped summary get its full height
        heading = page_title(title)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        notice = QLabel(translate("PlaceholderPage", "This feature is not in this version yet."))
        notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        notice.setWordWrap(True)
        notice.setObjectName("placeholderNotice")
        self.summary_label = QLabel(summary)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet("color: #404040;")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(14)
        inner.addWidget(heading)
        inner.addWidget(notice)
        inner.addWidget(self.summary_label)
        # Stretches rather than an alignment flag: aligned widgets lose height-for-width, which
        # clips the wrapped summary.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(frame)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.notice_text = notice.text()
