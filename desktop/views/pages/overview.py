"""Tổng quan: which office this is, how much data there is, where it lives and when it was
last backed up, with shortcuts to the everyday pages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.maintenance import BackupStatus
from desktop.api.people import PeopleQuery
from desktop.i18n import translate
from desktop.views.formatting import format_int, format_size
from desktop.views.pages.base import Page, PageContext, page_title


class _Card(QFrame):
    """A big number with a caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(180)
        self.value = QLabel("0", self)
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)


def database_size(path: Path) -> int:
    """The file plus its write-ahead log (recent changes live there until a checkpoint)."""
    total = 0
    for candidate in (path, path.with_name(path.name + "-wal")):
        try:
            total += candidate.stat().st_size
        except OSError:
            pass
    return total


class OverviewPage(Page):
    watches = ("units", "people", "trash", "backup")

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.office_label = QLabel(self)
        font = QFont(self.office_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.office_label.setFont(font)
        self.office_label.setWordWrap(True)
        self.parent_label = QLabel(self)
        self.parent_label.setWordWrap(True)
        self.units_card = _Card(translate("OverviewPage", "units"), self)
        self.people_card = _Card(translate("OverviewPage", "people"), self)
        self.trash_card = _Card(translate("OverviewPage", "items in the trash"), self)
        cards = QGridLayout()
        for column, card in enumerate((self.units_card, self.people_card, self.trash_card)):
            cards.addWidget(card, 0, column)
        cards.setColumnStretch(3, 1)

        data_box = QGroupBox(translate("OverviewPage", "Data"), self)
        form = QFormLayout(data_box)
        self.db_label = QLabel(data_box)
        self.db_label.setWordWrap(True)
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.size_label = QLabel(data_box)
        self.backup_label = QLabel(data_box)
        self.backup_label.setWordWrap(True)
        # Shown when the last backup is older than a week (or there is none).
        self.backup_warning = QLabel(self)
        self.backup_warning.setWordWrap(True)
        self.backup_warning.setStyleSheet(
            "QLabel { background: #fff4ce; border: 1px solid #e0b400; padding: 6px; }")
        self.backup_warning.setVisible(False)
        self.backups_button = QPushButton(translate("OverviewPage", "Open backups"), self)
        self.backups_button.clicked.connect(self._go_backups)
        form.addRow(translate("OverviewPage", "Database file"), self.db_label)
        form.addRow(translate("OverviewPage", "Size"), self.size_label)
        form.addRow(translate("OverviewPage", "Last backup"), self.backup_label)

        go_units = QPushButton(translate("OverviewPage", "Open units"), self)
        go_people = QPushButton(translate("OverviewPage", "Open people"), self)
        go_units.clicked.connect(self._go_units)
        go_people.clicked.connect(self._go_people)
        shortcuts = QHBoxLayout()
        shortcuts.addWidget(go_units)
        shortcuts.addWidget(go_people)
        shortcuts.addWidget(self.backups_button)
        shortcuts.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("OverviewPage", "Overview")))
        layout.addWidget(self.office_label)
        layout.addWidget(self.parent_label)
        layout.addWidget(self.backup_warning)
        layout.addSpacing(8)
        layout.addLayout(cards)
        layout.addSpacing(8)
        layout.addWidget(data_box)
        layout.addLayout(shortcuts)
        layout.addStretch(1)
        self.reload()

    def reload(self) -> None:
        backend = self.ctx.backend
        info = backend.installation
        if info is None:
            self.office_label.setText(translate("OverviewPage", "This database is not set up yet."))
            self.parent_label.setText("")
        else:
            self.office_label.setText(info.office_name)
            self.parent_label.setText(translate("OverviewPage", "Parent office: {name}").format(
                name=info.parent_office_name) if info.parent_office_name else "")
        services = self.services
        self.units_card.value.setText(format_int(services.units.count()))
        self.people_card.value.setText(format_int(services.people.count(PeopleQuery())))
        self.trash_card.value.setText(format_int(len(services.trash.items())))
        path = backend.database_path
        self.db_label.setText(str(path) if path else "—")
        self.size_label.setText(format_size(database_size(path)) if path and path.exists()
                                else "—")
        (self.ctx.runner.task(lambda _progress, _cancel: backend.backup_status(), self)
         .success(self.show_backup_status).run())

    def show_backup_status(self, status: BackupStatus) -> None:
        """The last backup's date, and a warning when it is older than a week (or missing)."""
        last = status.last
        if last is None:
            self.backup_label.setText(translate(
                "OverviewPage", "No backup yet – use File › Back up data…"))
            warning = translate("OverviewPage", "There is no backup of this data yet. Back it "
                                "up now (File › Back up data…) and keep a copy on another disk.")
        else:
            self.backup_label.setText(f"{last.created:%d/%m/%Y %H:%M} – {last.path.name}")
            days = (datetime.now() - last.created).days
            warning = translate("OverviewPage", "The last backup is {days} days old. Back up "
                                "now (File › Back up data…).").format(days=days)
        self.backup_warning.setText(warning if status.overdue else "")
        self.backup_warning.setVisible(status.overdue)

    @Slot()
    def _go_units(self) -> None:
        self.ctx.host.navigate("units")

    @Slot()
    def _go_people(self) -> None:
        self.ctx.host.navigate("people")

    @Slot()
    def _go_backups(self) -> None:
        self.ctx.host.navigate("backups")


def create_page(ctx: PageContext) -> OverviewPage:
    return OverviewPage(ctx)
