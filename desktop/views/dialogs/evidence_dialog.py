"""Evidence of a nomination, linked rather than retyped: the subject's ratings, initiatives and
earlier awards as a checklist, plus attached files (stored by content hash)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import DomainError
from desktop.i18n import translate
from desktop.views.formatting import format_size
from desktop.views.messages import FileDialogs, Messages


class EvidenceDialog(QDialog):
    def __init__(self, services: Any, nomination: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("EvidenceDialog", "Evidence: %1").replace(
            "%1", nomination.subject_name))
        self.setMinimumSize(640, 480)
        self._services, self._nomination = services, nomination
        linked = {e.record_uuid for e in services.nominations.evidence(nomination.id)}
        self.candidates = QListWidget(self)
        for row in services.nominations.evidence_candidates(nomination.id):
            item = QListWidgetItem(f"{row.kind.label}: {row.label}")
            item.setData(Qt.ItemDataRole.UserRole, row)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if row.record_uuid in linked
                               else Qt.CheckState.Unchecked)
            self.candidates.addItem(item)
        self.files = QListWidget(self)
        self.add_file_button = QPushButton(translate("EvidenceDialog", "Attach file…"), self)
        self.remove_file_button = QPushButton(translate("EvidenceDialog", "Remove file"), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        file_row = QHBoxLayout()
        file_row.addWidget(self.add_file_button)
        file_row.addWidget(self.remove_file_button)
        file_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("EvidenceDialog", "Recorded facts to link "
                                                            "(tick to attach):"), self))
        layout.addWidget(self.candidates, 2)
        layout.addWidget(QLabel(translate("EvidenceDialog", "Attached files:"), self))
        layout.addWidget(self.files, 1)
        layout.addLayout(file_row)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.add_file_button.clicked.connect(self.add_file)
        self.remove_file_button.clicked.connect(self.remove_file)
        self.refresh_files()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Any, nomination: Any) -> bool:
        return cls(services, nomination, parent).exec() == QDialog.DialogCode.Accepted

    def refresh_files(self) -> None:
        self.files.clear()
        for row in self._services.nominations.attachments(self._nomination.id):
            item = QListWidgetItem(f"{row.file_name} ({format_size(row.size)})")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.files.addItem(item)

    def add_file(self, path: Path | None = None) -> None:
        if not path:
            path = FileDialogs.open_file(self, translate("EvidenceDialog", "Attach file"),
                                         Path.home(), "*")
        if not path:
            return
        try:
            self._services.nominations.attach(self._nomination.id, Path(path))
        except DomainError as exc:
            Messages.error(self, str(exc))
        self.refresh_files()

    def remove_file(self) -> None:
        item = self.files.currentItem()
        if item is not None:
            self._services.nominations.remove_attachment(item.data(Qt.ItemDataRole.UserRole))
            self.refresh_files()

    def save(self) -> None:
        for i in range(self.candidates.count()):
            item = self.candidates.item(i)
            row = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() == Qt.CheckState.Checked:
                self._services.nominations.link_evidence(self._nomination.id, row)
            else:
                self._services.nominations.unlink_evidence(self._nomination.id, row.record_uuid)
        self.accept()
