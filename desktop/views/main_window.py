"""The main window: a sidebar of product areas, the current page, menus and a status bar.

Pages are built the first time they are opened. Deletes can be undone once (Ctrl+Z) right
after they happen. Backup, integrity check and restore run as background tasks.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QSize, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QImageReader, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
)

from desktop import __version__
from desktop.domain.errors import DomainError
from desktop.i18n import translate
from desktop.paths import resource_path
from desktop.settings import UiSettings
from desktop.tasks import TaskRunner
from desktop.views.backend import Backend
from desktop.views.formatting import format_int
from desktop.views.maintenance_actions import MaintenanceActions
from desktop.views.messages import Messages, open_folder
from desktop.views.pages import PAGES, PageSpec, create_page
from desktop.views.pages.base import DataEvents, Page, PageContext

log = logging.getLogger(__name__)

DEFAULT_SIZE = QSize(1280, 800)


class MainWindow(QMainWindow):
    def __init__(self, backend: Backend, settings: UiSettings, *,
                 runner: TaskRunner | None = None, start_page: str = "overview",
                 remember_state: bool = True) -> None:
        super().__init__()
        self.backend = backend
        self.settings = settings
        self.runner = runner or TaskRunner(self, show_error=Messages.error)
        self.runner.setParent(self)
        self.events = DataEvents(self)
        self.pages: dict[str, Page] = {}
        self.remember_state = remember_state  # off for --smoke-test/--report-startup runs
        self._undo: tuple[str, list[tuple[str, int]]] | None = None
        self.setWindowTitle(translate("MainWindow", "TĐKT Desktop – emulation and commendation"))
        self.resize(DEFAULT_SIZE)
        self.setMinimumSize(QSize(960, 600))

        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setMinimumWidth(210)
        self.sidebar.setMaximumWidth(320)
        self.sidebar.setSpacing(1)
        self.sidebar.setStyleSheet("QListWidget#sidebar::item { padding: 7px 6px; }")
        for spec in PAGES:
            item = QListWidgetItem(self._icon(spec), translate("Pages", spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.sidebar.addItem(item)
        self.stack = QStackedWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([220, DEFAULT_SIZE.width() - 220])
        self.setCentralWidget(self.splitter)

        self.maintenance = MaintenanceActions(self)
        self._build_menus()
        self._build_status_bar()
        self.settings.restore_window("main", self)
        self.settings.restore_splitter("main", self.splitter)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row)
        self.events.changed.connect(self._on_data_changed)
        self.runner.task_started.connect(self._on_task_started)
        self.runner.task_finished.connect(self._on_task_finished)
        remembered = self.settings.value("main/page", start_page) if remember_state else start_page
        self.navigate(remembered if any(s.key == remembered for s in PAGES) else start_page)
        self.refresh_status()

    @staticmethod
    def _icon(spec: PageSpec) -> QIcon:
        """The sidebar icon, drawn white when its row is selected (blue on blue is unreadable)."""
        path = resource_path("icons", spec.icon) if spec.icon else None
        if path is None or not path.is_file():
            return QIcon()
        svg = path.read_text(encoding="utf-8")
        white = re.sub(r'stroke="#[0-9a-fA-F]{6}"', 'stroke="#ffffff"', svg)
        icon = QIcon()
        for text, mode in ((svg, QIcon.Mode.Normal), (white, QIcon.Mode.Selected)):
            for size in (20, 40):  # 40 for high-DPI screens
                icon.addPixmap(_svg_pixmap(text, size), mode)
        return icon

    # -- menus and status bar ---------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(translate("MainWindow", "&File"))
        m = self.maintenance
        self.backup_action = file_menu.addAction(translate("MainWindow", "&Back up data…"))
        self.backup_action.triggered.connect(m.backup)
        self.restore_action = file_menu.addAction(translate("MainWindow", "&Restore from backup…"))
        self.restore_action.triggered.connect(m.restore)
        self.verify_action = file_menu.addAction(translate("MainWindow", "&Check data"))
        self.verify_action.triggered.connect(m.verify)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(translate("MainWindow", "E&xit"))
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        edit_menu = bar.addMenu(translate("MainWindow", "&Edit"))
        self.undo_action = QAction(translate("MainWindow", "&Undo delete"), self)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo_last_delete)
        edit_menu.addAction(self.undo_action)
        help_menu = bar.addMenu(translate("MainWindow", "&Help"))
        about = help_menu.addAction(translate("MainWindow", "&About TĐKT Desktop"))
        about.triggered.connect(self._about)
        logs = help_menu.addAction(translate("MainWindow", "Open the &log folder"))
        logs.triggered.connect(self._open_logs)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.office_status = QLabel(self)
        self.db_status = QLabel(self)
        self.counts_status = QLabel(self)
        for label in (self.office_status, self.db_status, self.counts_status):
            label.setContentsMargins(8, 0, 8, 0)
            status.addPermanentWidget(label)

    def refresh_status(self) -> None:
        info = self.backend.installation
        self.office_status.setText(info.office_name if info else
                                   translate("MainWindow", "Not set up"))
        path = self.backend.database_path
        self.db_status.setText(path.name if path else "")
        self.db_status.setToolTip(str(path or ""))
        services = self.backend.services
        self.counts_status.setText(translate("MainWindow", "{units} units · {people} people").format(
            units=format_int(services.units.count()),
            people=format_int(services.people.count(self.backend.people_query()))))

    def notify(self, text: str, msecs: int = 8000) -> None:
        self.statusBar().showMessage(text, msecs)

    # -- pages ------------------------------------------------------------------------------------
    def page(self, key: str) -> Page:
        """The page for ``key``, built on first use."""
        if key not in self.pages:
            spec = next(s for s in PAGES if s.key == key)
            ctx = PageContext(self.backend, self.runner, self.settings, self.events, self)
            page = create_page(spec, ctx)
            page.setParent(self.stack)
            self.stack.addWidget(page)
            self.pages[key] = page
        return self.pages[key]

    def navigate(self, key: str, **options: Any) -> Page:
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        row = next(i for i, s in enumerate(PAGES) if s.key == key)
        if self.sidebar.currentRow() != row:
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(row)
            self.sidebar.blockSignals(False)
        page.activated(**options)
        return page

    @property
    def current_key(self) -> str:
        current = self.stack.currentWidget()
        return current.key if isinstance(current, Page) else ""

    def sidebar_key(self) -> str:
        row = self.sidebar.currentRow()
        return PAGES[row].key if 0 <= row < len(PAGES) else PAGES[0].key

    @Slot(int)
    def _on_sidebar_row(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.navigate(PAGES[row].key)

    def rebuild_pages(self) -> None:
        """Drop every page (after a restore the data behind them is different)."""
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()

    # -- undo -------------------------------------------------------------------------------------
    def register_undo(self, text: str, items: list[tuple[str, int]]) -> None:
        self._undo = (text, items)
        self.undo_action.setEnabled(True)
        self.notify(text + " " + translate("MainWindow", "Press Ctrl+Z to undo."), 15000)

    @Slot()
    def undo_last_delete(self) -> None:
        if self._undo is None:
            return
        text, items = self._undo
        self._undo = None
        self.undo_action.setEnabled(False)
        problems: list[str] = []
        for kind, record_id in items:
            try:
                self.backend.services.trash.restore(kind, record_id)
            except DomainError as exc:
                problems.append(str(exc))
        for kind in ("trash", "units", "people"):
            self.events.changed.emit(kind)
        if problems:
            Messages.error(self, "\n".join(problems))
        else:
            self.notify(translate("MainWindow", "Undone: {what}").format(what=text))

    @Slot(str)
    def _on_data_changed(self, _kind: str) -> None:
        self.refresh_status()

    @Slot(str)
    def _on_task_started(self, label: str) -> None:
        self.statusBar().showMessage(label)

    @Slot(str)
    def _on_task_finished(self, _label: str) -> None:
        self.statusBar().clearMessage()

    # -- help -------------------------------------------------------------------------------------
    @Slot()
    def _about(self) -> None:
        Messages.about(self, translate("MainWindow", "About TĐKT Desktop"), translate(
            "MainWindow", "<b>TĐKT Desktop</b> {version}<br>Software for emulation and "
            "commendation work, working offline.<br>Data: {path}").format(
            version=__version__, path=self.backend.database_path or ""))

    @Slot()
    def _open_logs(self) -> None:
        open_folder(Path(self.backend.paths.logs))

    # -- closing ----------------------------------------------------------------------------------
    def save_state(self) -> None:
        for page in self.pages.values():
            page.save_state()
        self.settings.save_window("main", self)
        self.settings.save_splitter("main", self.splitter)
        if self.current_key:
            self.settings.set_value("main/page", self.current_key)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.runner.busy:
            self.runner.cancel_all()
            self.runner.wait_for_done(10_000)
        if self.remember_state:
            self.save_state()
        super().closeEvent(event)


def _svg_pixmap(svg: str, size: int) -> QPixmap:
    buffer = QBuffer()
    buffer.setData(QByteArray(svg.encode("utf-8")))
    reader = QImageReader(buffer, QByteArray(b"svg"))
    reader.setScaledSize(QSize(size, size))
    return QPixmap.fromImage(reader.read())
