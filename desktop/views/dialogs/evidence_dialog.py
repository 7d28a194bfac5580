"""Evidence of a nomination, linked rather than retyped: the subject's ratings, initiatives and
earlier awards as a checklist, plus attached files (stored by content hash). Linking,
attaching and removing run in the background (another program may hold the database)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

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

from desktop.api.nominations import AttachmentRow, EvidenceRow, NominationRow
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.formatting import format_size
from desktop.views.messages import FileDialogs
from desktop.views.writes import own_runner, run_write

if TYPE_CHECKING:
    from desktop.services import Services


class EvidenceDialog(QDialog):
    def __init__(self, services: Services, nomination: NominationRow,
                 parent: QWidget | None = None, *, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("EvidenceDialog", "Evidence: %1").replace(
            "%1", nomination.subject_name))
        self.setMinimumSize(640, 480)
        self._services, self._nomination = services, nomination
        self._runner = runner or own_runner(self)
        self.writing = 0  # background writes still running: Huỷ waits for them
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
        self.buttons = buttons
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
    def ask(cls, parent: QWidget | None, services: Services, nomination: NominationRow,
            runner: TaskRunner | None = None) -> bool:
        dialog = cls(services, nomination, parent, runner=runner)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def refresh_files(self) -> None:
        self._show_files(self._services.nominations.attachments(self._nomination.id))

    def _show_files(self, rows: list[AttachmentRow]) -> None:
        self.files.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.file_name} ({format_size(row.size)})")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.files.addItem(item)

    def _write(self, work: Callable[[], list[AttachmentRow] | None],
               done: Callable[[list[AttachmentRow] | None], None]) -> None:
        """Run one write in the background with the dialog's buttons disabled; a refusal is
        said in a message (a busy database gets "Thử lại" from the runner)."""
        self.writing += 1
        task = run_write(self._runner, self, work, saved=done, settled=self._write_ended,
                         controls=[self.buttons, self.add_file_button, self.remove_file_button])
        # A bug (the crash dialog) calls no callback: let the dialog be closed again.
        task.finished.connect(lambda: self._write_ended() if task.outcome == "error" else None)

    def _write_ended(self) -> None:
        self.writing = max(0, self.writing - 1)

    def add_file(self, path: Path | None = None) -> None:
        if not path:
            path = FileDialogs.open_file(self, translate("EvidenceDialog", "Attach file"),
                                         Path.home(), "*")
        if not path:
            return
        nominations, nomination_id, source = self._services.nominations, self._nomination.id, Path(path)

        def work() -> list[AttachmentRow]:
            nominations.attach(nomination_id, source)
            return nominations.attachments(nomination_id)

        self._write(work, self._files_written)

    def remove_file(self) -> None:
        item = self.files.currentItem()
        if item is None:
            return
        nominations, nomination_id = self._services.nominations, self._nomination.id
        attachment_id = int(item.data(Qt.ItemDataRole.UserRole))

        def work() -> list[AttachmentRow]:
            nominations.remove_attachment(attachment_id)
            return nominations.attachments(nomination_id)

        self._write(work, self._files_written)

    def _files_written(self, rows: list[AttachmentRow] | None) -> None:
        if rows is not None:
            self._show_files(rows)

    def save(self) -> None:
        """Link the ticked facts and unlink the others, in the background; closes when done."""
        if self.writing:
            return
        chosen: list[tuple[EvidenceRow, bool]] = []
        for i in range(self.candidates.count()):
            item = self.candidates.item(i)
            row = item.data(Qt.ItemDataRole.UserRole)
            if isinstance(row, EvidenceRow):
                chosen.append((row, item.checkState() == Qt.CheckState.Checked))
        nominations, nomination_id = self._services.nominations, self._nomination.id

        def work() -> None:
            for row, linked in chosen:
                if linked:
                    nominations.link_evidence(nomination_id, row)
                else:
                    nominations.unlink_evidence(nomination_id, row.record_uuid)

        self._write(work, lambda _none: self.accept())

    def reject(self) -> None:
        """Huỷ or Esc while a write runs waits for it: its outcome belongs to this dialog."""
        if not self.writing:
            super().reject()
