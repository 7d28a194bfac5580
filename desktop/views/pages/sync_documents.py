"""“Văn bản kèm theo”: the documents a package carries (the tờ trình, the council's minutes,
signed scans), shown in the import preview and the package history, each with "Mở" that opens
a copy in Word or the PDF reader. The copy is made by the sync service in the background (from
the package, or from the attachment store once imported); the box only shows and asks."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.api.sync import PackageDocument
from desktop.domain.errors import DatabaseBusyError, DomainError
from desktop.i18n import translate
from desktop.views.formatting import format_size
from desktop.views.messages import Messages, SystemOpener

if TYPE_CHECKING:
    from desktop.tasks.runner import TaskRunner

class DocumentsBox(QGroupBox):
    """The documents of one package, one row each: the title, the file name and size under it
    (wrapped, never cut), and "Open"."""

    open_requested = Signal(object)  # the PackageDocument

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("SyncDocuments", "Documents attached"), parent)
        self.documents: list[PackageDocument] = []
        self.labels: list[QLabel] = []
        self.buttons: list[QPushButton] = []
        # the rows scroll: a package may carry many files (up to 200) without squeezing the page
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rows = QWidget(self.scroll_area)
        self.scroll_area.setWidget(self.rows)
        self.rows_layout = QVBoxLayout(self.rows)
        self.rows_layout.setContentsMargins(8, 4, 8, 6)
        self.rows_layout.setSpacing(6)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self.set_documents(())

    def set_documents(self, documents: Sequence[PackageDocument]) -> None:
        self.documents = list(documents)
        while self.rows_layout.count():
            item = self.rows_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.labels, self.buttons = [], []
        for doc in self.documents:
            row = QWidget(self.rows)
            label = QLabel(f"<b>{html.escape(doc.title)}</b><br><span style='color:#505050'>"
                           f"{html.escape(doc.file_name)} · {format_size(doc.size)}</span>", row)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            # rows keep their text's height; the room left over goes below the last row
            row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            button = QPushButton(translate("SyncDocuments", "Open"), row)
            button.setToolTip(translate("SyncDocuments", "Open a copy of %1").replace(
                "%1", doc.file_name))
            button.clicked.connect(lambda _checked=False, d=doc: self.open_requested.emit(d))
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(label, 1)
            line.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.rows_layout.addWidget(row)
            self.labels.append(label)
            self.buttons.append(button)
        if self.documents:
            self.rows_layout.addStretch(1)  # rows at the top when the box is given more room
            # as tall as the rows up to about five of them; more scroll
            self.scroll_area.setMinimumHeight(min(self.rows.sizeHint().height(), 280))
        self.setVisible(bool(self.documents))

    def open_buttons(self) -> list[QPushButton]:
        return list(self.buttons)

    def shown_texts(self) -> list[str]:
        """What each row says, as plain text (title, file name · size)."""
        return [QTextDocumentFragment.fromHtml(label.text()).toPlainText()
                for label in self.labels]


def open_copy(runner: TaskRunner, parent: QWidget, make_copy: Callable[[], Path]) -> None:
    """Make the copy in the background, then open it with the system's program; every failure
    is a Vietnamese message box."""

    def opened(path: Path) -> None:
        if not SystemOpener.open(path):
            Messages.error(parent, translate(
                "SyncDocuments", "No program on this computer opens %1. The copy is in %2.")
                .replace("%1", path.name).replace("%2", str(path.parent)))

    def refused(error: DomainError) -> None:
        if not isinstance(error, DatabaseBusyError):  # the runner's box already said so
            Messages.error(parent, str(error))

    runner.task(lambda _p, _c: make_copy(), parent).success(opened).failure(refused).run()
