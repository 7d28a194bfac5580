"""The progress window of a background task: appears only if the work lasts, offers Huỷ."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate

SHOW_AFTER_MS = 400  # quick work finishes before the window would appear


class TaskProgressDialog(QDialog):
    """Window-modal progress for one task; never ``exec()``-ed, so the event loop keeps running.

    Signals:
        cancel_requested(): the officer pressed Huỷ (or closed the window).
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, label: str, *, cancellable: bool = True,
                 title: str = "", show_after_ms: int = SHOW_AFTER_MS) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or translate("TaskProgressDialog", "Please wait"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(460)
        self._base_label = label
        self._label = QLabel(label, self)
        self._label.setWordWrap(True)
        self._bar = QProgressBar(self)
        self._bar.setRange(0, 0)  # busy until the first report with a total
        self._bar.setTextVisible(True)
        buttons = QDialogButtonBox(self)
        self._cancel_button = QPushButton(translate("TaskProgressDialog", "Cancel"), self)
        self._cancel_button.setVisible(cancellable)
        self._cancellable = cancellable
        buttons.addButton(self._cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self._cancel_button.clicked.connect(self._on_cancel_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self._label)
        layout.addWidget(self._bar)
        layout.addWidget(buttons)
        self._finished = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._appear)
        self._timer.start(max(0, show_after_ms))

    @Slot()
    def _appear(self) -> None:
        if not self._finished:
            self.show()

    def report(self, done: int, total: int, label: str) -> None:
        if total > 0:
            self._bar.setRange(0, total)
            self._bar.setValue(min(done, total))
        if label:
            self._label.setText(f"{self._base_label}\n{label}")

    def show_stopping(self) -> None:
        self._cancel_button.setEnabled(False)
        self._label.setText(translate("TaskProgressDialog", "Stopping…"))

    def finish(self) -> None:
        self._finished = True
        self._timer.stop()
        self.hide()
        self.deleteLater()

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.cancel_requested.emit()

    def reject(self) -> None:
        """Esc or the close button means Huỷ when cancellable; otherwise it is ignored."""
        if self._cancellable and self._cancel_button.isEnabled():
            self.cancel_requested.emit()

    @property
    def is_cancellable(self) -> bool:
        return self._cancellable
