"""What an import of one or several sync packages did: per package the counts, the backup made
before it and the receipt to send back, as text the officer can copy, save or print."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.sync import Action, ImportReport
from desktop.domain.diskerrors import os_error_reason
from desktop.i18n import translate
from desktop.views import messages
from desktop.views.formatting import format_int, format_utc
from desktop.views.itemmodels.sync_preview_model import entity_title
from desktop.views.messages import FileDialogs, Messages


@dataclass(frozen=True)
class ImportOutcome:
    """One package of an import run: its report, or why it was not imported."""

    path: Path
    report: ImportReport | None = None
    error: str = ""

    @property
    def applied(self) -> bool:
        return self.report is not None and self.report.applied


def outcome_text(outcome: ImportOutcome) -> str:
    lines = [f"■ {outcome.path.name}"]
    report = outcome.report
    if report is None:
        lines.append("  " + translate("SyncReportDialog", "Not imported: %1").replace(
            "%1", outcome.error))
        return "\n".join(lines)
    header = report.header
    lines.append("  " + translate("SyncReportDialog", "%1 from “%2” (code %3), made %4").replace(
        "%1", header.title).replace("%2", header.sender_office_name).replace(
        "%3", header.sender_unit_code or "—").replace("%4", format_utc(header.created_at)))
    lines.append("  " + report.message)
    for entity, counts in report.counts.items():
        parts = [_count_text(a, n) for a in Action if (n := counts.get(a, 0))]
        if parts:
            lines.append(f"    – {entity_title(entity)}: {', '.join(parts)}")
    if report.backup_path is not None:
        lines.append("  " + translate("SyncReportDialog", "Backup made before importing: %1")
                     .replace("%1", str(report.backup_path)))
    if report.receipt_path is not None:
        lines.append("  " + translate("SyncReportDialog", "Receipt to send back to the sender: "
                                      "%1").replace("%1", str(report.receipt_path)))
    return "\n".join(lines)


def _count_text(action: Action, count: int) -> str:
    if action is Action.CONFLICT:  # an applied import has every conflict decided
        return translate("SyncReportDialog", "%1 conflicts decided").replace(
            "%1", format_int(count))
    return f"{format_int(count)} {action.label.lower()}"


def report_text(outcomes: Sequence[ImportOutcome]) -> str:
    done = sum(o.applied for o in outcomes)
    head = translate("SyncReportDialog", "Import of data packages: %1 of %2 imported.").replace(
        "%1", str(done)).replace("%2", str(len(outcomes)))
    return "\n\n".join([head, *(outcome_text(o) for o in outcomes)])


class SyncReportDialog(QDialog):
    def __init__(self, parent: QWidget | None, outcomes: Sequence[ImportOutcome]) -> None:
        super().__init__(parent)
        self.outcomes = list(outcomes)
        self.setWindowTitle(translate("SyncReportDialog", "Import report"))
        self.resize(860, 520)
        done = sum(o.applied for o in self.outcomes)
        heading = QLabel(translate("SyncReportDialog", "%1 of %2 packages were imported. Send "
                                   "each receipt back to its sender (by USB stick or e-mail): "
                                   "importing it marks their nominations as received.")
                         .replace("%1", str(done)).replace("%2", str(len(self.outcomes))), self)
        heading.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self.text.setPlainText(report_text(self.outcomes))
        self.receipts = [o.report.receipt_path for o in self.outcomes
                         if o.report is not None and o.report.receipt_path is not None]
        self.copy_button = QPushButton(translate("SyncReportDialog", "Copy"), self)
        self.save_button = QPushButton(translate("SyncReportDialog", "Save as text file…"), self)
        self.folder_button = QPushButton(translate("SyncReportDialog", "Open the receipt folder"),
                                         self)
        self.folder_button.setEnabled(bool(self.receipts))
        self.close_button = QPushButton(translate("SyncReportDialog", "Close"), self)
        self.close_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.save)
        self.folder_button.clicked.connect(self.open_receipt_folder)
        self.close_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        for button in (self.copy_button, self.save_button, self.folder_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)

    @Slot()
    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.text.toPlainText())

    @Slot()
    def save(self) -> None:
        folder = self.receipts[0].parent if self.receipts else Path.home()
        target = FileDialogs.save_file(self, translate("SyncReportDialog", "Save the report"),
                                       folder / "bao_cao_nhap_goi.txt",
                                       translate("SyncReportDialog", "Text file (*.txt)"))
        if target is None:
            return
        try:
            target.write_text(self.text.toPlainText() + "\n", encoding="utf-8")
        except OSError as exc:
            Messages.error(self, translate("SyncReportDialog", "Could not save %1: %2").replace(
                "%1", str(target)).replace("%2", os_error_reason(exc)))

    @Slot()
    def open_receipt_folder(self) -> None:
        if self.receipts:
            messages.open_folder(self.receipts[0].parent)

    @classmethod
    def ask(cls, parent: QWidget | None, outcomes: Sequence[ImportOutcome]) -> None:
        cls(parent, outcomes).exec()
