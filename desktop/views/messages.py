"""Every message box and file chooser of the app goes through here.

Views call these classmethods only, so tests replace them with ``monkeypatch`` and the autouse
``no_unexpected_dialogs`` fixture can fail on any modal window nobody expected.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.i18n import translate

APP_TITLE = "TĐKT Desktop"


class Messages:
    """Modal message boxes with Vietnamese buttons."""

    @classmethod
    def error(cls, parent: QWidget | None, text: str, title: str = "") -> None:
        cls._box(parent, QMessageBox.Icon.Warning, title or APP_TITLE, text).exec()

    @classmethod
    def info(cls, parent: QWidget | None, text: str, title: str = "") -> None:
        cls._box(parent, QMessageBox.Icon.Information, title or APP_TITLE, text).exec()

    @classmethod
    def confirm(cls, parent: QWidget | None, text: str, *, title: str = "",
                yes_text: str = "") -> bool:
        box = cls._box(parent, QMessageBox.Icon.Question, title or APP_TITLE, text,
                       QMessageBox.StandardButton.NoButton)
        yes = box.addButton(yes_text or translate("Messages", "Yes"),
                            QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(translate("Messages", "No"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.exec()
        return box.clickedButton() is yes

    @classmethod
    def busy_retry(cls, parent: QWidget | None, text: str) -> bool:
        """Another program holds the database: "Try again" (True) or "Close" (False)."""
        box = cls._box(parent, QMessageBox.Icon.Warning, APP_TITLE, text,
                       QMessageBox.StandardButton.NoButton)
        retry = box.addButton(translate("Messages", "Try again"),
                              QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("Messages", "Close"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(retry)
        box.exec()
        return box.clickedButton() is retry

    @classmethod
    def stale_edit(cls, parent: QWidget | None, text: str) -> bool:
        """Someone else saved the record after the form was opened: "Reload" (True) fills the
        form with the current data, "Cancel" (False) goes back to the form as typed."""
        box = cls._box(parent, QMessageBox.Icon.Warning,
                       translate("Messages", "Changed by someone else"), text,
                       QMessageBox.StandardButton.NoButton)
        reload = box.addButton(translate("Messages", "Reload"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("Messages", "Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reload)
        box.exec()
        return box.clickedButton() is reload

    @classmethod
    def about(cls, parent: QWidget | None, title: str, html: str) -> None:
        box = cls._box(parent, QMessageBox.Icon.Information, title, html)
        box.setTextFormat(box.textFormat().RichText)
        box.exec()

    @staticmethod
    def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
             buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok) -> QMessageBox:
        box = QMessageBox(icon, title, text, buttons, parent)
        ok = box.button(QMessageBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(translate("Messages", "Close"))
        return box


class FileDialogs:
    """File choosers (native on Windows)."""

    @classmethod
    def open_file(cls, parent: QWidget | None, title: str, folder: Path,
                  filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, str(folder), filters)
        return Path(name) if name else None

    @classmethod
    def save_file(cls, parent: QWidget | None, title: str, suggested: Path,
                  filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
        return Path(name) if name else None

    @classmethod
    def choose_folder(cls, parent: QWidget | None, title: str, folder: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title, str(folder))
        return Path(name) if name else None


class SystemOpener:
    """Opens a file with the system's default program (Word for .docx) or a folder in the file
    manager; tests replace ``open``."""

    @classmethod
    def open(cls, path: Path) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_folder(path: Path) -> bool:
    """Open a folder in the file manager (Explorer on Windows)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def database_filter() -> str:
    return translate("Messages", "TĐKT database (*.db *.sqlite);;All files (*)")
