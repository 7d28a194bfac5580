"""Trust on first use: a package from an office this one has never trusted (or that now signs
with another key) is imported only after the officer phones the sender, has its fingerprint
read out and types it here. The service compares what was typed with the package's key, so a
forged package cannot vouch for itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.sync import PackageHeader, TrustedSenderRow, TrustState
from desktop.domain.errors import DomainError
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.writes import run_write

if TYPE_CHECKING:
    from desktop.services.sync import SyncService


def fingerprint_font(base: QFont, scale: float) -> QFont:
    """A fixed-width, bold, spaced-out font: a code read aloud letter by letter."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(base.pointSizeF(), 9.0) * scale)
    font.setBold(True)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 112)
    return font


class TrustDialog(QDialog):
    def __init__(self, parent: QWidget | None, sync: SyncService, runner: TaskRunner,
                 header: PackageHeader) -> None:
        super().__init__(parent)
        self.sync, self.runner, self.header = sync, runner, header
        self.trusted: TrustedSenderRow | None = None
        self.setWindowTitle(translate("SyncTrustDialog", "Confirm the sender"))
        self.setMinimumWidth(640)
        changed = header.trust is TrustState.CHANGED
        intro = QLabel(translate(
            "SyncTrustDialog", "This office now signs its packages with a different key from "
            "the one you trusted. That happens when it reinstalled the program, but it is also "
            "what a forged package looks like. Trust the new key only after the sender "
            "confirms the code below on the phone.") if changed else translate(
            "SyncTrustDialog", "This is the first package from this office. Before importing "
            "it, make sure it really comes from them."), self)
        intro.setWordWrap(True)
        if changed:
            intro.setStyleSheet("color: #8a4b00; font-weight: bold;")
        office = QLabel(header.sender_office_name or "—", self)
        bold = QFont(office.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        office.setFont(bold)
        office.setWordWrap(True)
        office.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.office_label = office
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(translate("SyncTrustDialog", "Sending office:"), office)
        form.addRow(translate("SyncTrustDialog", "Unit code:"),
                    QLabel(header.sender_unit_code or "—", self))
        form.addRow(translate("SyncTrustDialog", "Package:"),
                    QLabel(f"{header.title} — {header.path.name}", self))

        code_frame = QFrame(self)
        code_frame.setObjectName("fingerprintFrame")
        code_frame.setFrameShape(QFrame.Shape.StyledPanel)
        code_frame.setStyleSheet("#fingerprintFrame { background: #f4f7fb; "
                                 "border: 1px solid #b8c7dc; border-radius: 6px; }")
        code_title = QLabel(translate("SyncTrustDialog", "Fingerprint in the package"), code_frame)
        code_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fingerprint_label = QLabel(header.fingerprint, code_frame)
        code_font = fingerprint_font(self.font(), 2.3)
        self.fingerprint_label.setFont(code_font)
        self.fingerprint_label.setMinimumHeight(QFontMetrics(code_font).height() + 8)
        self.fingerprint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fingerprint_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        inner = QVBoxLayout(code_frame)
        inner.setContentsMargins(16, 10, 16, 12)
        inner.addWidget(code_title)
        inner.addWidget(self.fingerprint_label)

        steps = QLabel(translate(
            "SyncTrustDialog", "1. Phone an officer of the sending office, on a number you "
            "already know (not one written in the e-mail that brought the package).\n"
            "2. Ask them to open Sync → Keys and trust and read you their fingerprint.\n"
            "3. Type the code they read below. Trust the office only if it matches."), self)
        steps.setWordWrap(True)
        self.code_edit = QLineEdit(self)
        edit_font = fingerprint_font(self.font(), 1.5)
        self.code_edit.setFont(edit_font)
        self.code_edit.setMinimumHeight(QFontMetrics(edit_font).height() + 12)
        self.code_edit.setPlaceholderText(translate("SyncTrustDialog", "Code read on the phone"))
        self.code_edit.setMaxLength(40)
        self.code_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()

        self.trust_button = QPushButton(translate("SyncTrustDialog", "Trust this office"), self)
        self.trust_button.setDefault(True)
        self.trust_button.setEnabled(False)
        self.later_button = QPushButton(translate("SyncTrustDialog", "Not now"), self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.trust_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.trust_button.clicked.connect(self.confirm)
        self.later_button.clicked.connect(self.reject)
        self.code_edit.textChanged.connect(self._on_typed)
        self.code_edit.returnPressed.connect(self.confirm)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(code_frame)
        layout.addWidget(steps)
        layout.addWidget(QLabel(translate("SyncTrustDialog", "Code read to you by the sender:"),
                                self))
        layout.addWidget(self.code_edit)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(buttons)

    @Slot(str)
    def _on_typed(self, text: str) -> None:
        self.trust_button.setEnabled(bool(text.strip()))
        self.error_label.hide()

    @Slot()
    def confirm(self) -> None:
        typed = self.code_edit.text().strip()
        if not typed or not self.trust_button.isEnabled():
            return
        sync, header = self.sync, self.header
        run_write(self.runner, self, lambda: sync.trust(header, typed), saved=self._trusted,
                  refused=self._refused, controls=(self.trust_button, self.code_edit))

    def _trusted(self, row: TrustedSenderRow) -> None:
        self.trusted = row
        self.accept()

    def _refused(self, error: DomainError) -> None:
        self.error_label.setText(str(error))
        self.error_label.show()
        self.adjustSize()  # room for the message; nothing above it is squeezed
        self.code_edit.setFocus()
        self.code_edit.selectAll()

    @classmethod
    def ask(cls, parent: QWidget | None, sync: SyncService, runner: TaskRunner,
            header: PackageHeader) -> TrustedSenderRow | None:
        """The trusted sender, or None when the officer put it off."""
        dialog = cls(parent, sync, runner, header)
        dialog.exec()
        return dialog.trusted
