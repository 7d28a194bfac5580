"""The main window: a sidebar of product areas, the current page, menus and a status bar.

The sidebar folds to a strip of icons (View › Collapse the sidebar, Ctrl+B) so the grids get
the room on a 1366×768 screen; the choice is remembered. Pages are built the first time they
are opened. Deletes can be undone once (Ctrl+Z) right after they happen. Backup, integrity
check and restore run as background tasks.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QSize, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QImageReader, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.api.maintenance import BackupInfo
from desktop.api.people import PeopleQuery
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
SIDEBAR_FULL = (200, 320)  # the sidebar's width range with the page names
SIDEBAR_NARROW = 48  # icons only
SIDEBAR_STYLE = "QListWidget#sidebar::item { padding: 7px 6px; }"
# The 20 px icon centred in the narrow strip (its 46 px viewport).
SIDEBAR_NARROW_STYLE = "QListWidget#sidebar::item { padding: 7px 0px 7px 11px; }"
SIDEBAR_COLLAPSED_KEY = "main/sidebar_collapsed"


class MainWindow(QMainWindow):
    def __init__(self, backend: Backend, settings: UiSettings, *,
                 runner: TaskRunner | None = None, start_page: str = "overview",
                 remember_state: bool = True) -> None:
        super().__init__()
        self.backend = backend
        self.settings = settings
        self.runner = runner or TaskRunner(
            self, show_error=Messages.error,
            ask_retry=lambda parent, text: Messages.busy_retry(parent, text))
        self.runner.setParent(self)
        self.events = DataEvents(self)
        self.pages: dict[str, Page] = {}
        self.remember_state = remember_state  # off for --smoke-test/--report-startup runs
        self._undo: tuple[str, list[tuple[str, int]]] | None = None
        # The app turns this on for a real session: closing then makes the close-time automatic
        # backup (when the data changed) with a progress dialog before the window goes away.
        self.backup_on_close = False
        self._closing_backup_started = False
        self._closing_backup_done = False
        self.setWindowTitle(translate("MainWindow", "TĐKT Desktop – emulation and commendation"))
        self.resize(_fitting(DEFAULT_SIZE, self))
        self.setMinimumSize(QSize(960, 600))

        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setSpacing(1)
        self.sidebar.setStyleSheet(SIDEBAR_STYLE)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for spec in PAGES:
            item = QListWidgetItem(self._icon(spec), translate("Pages", spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, translate("Pages", spec.title))
            self.sidebar.addItem(item)
        self.sidebar_button = QToolButton(self)
        self.sidebar_button.setObjectName("sidebarToggle")
        self.sidebar_button.setAutoRaise(True)
        self.sidebar_panel = QWidget(self)
        panel_layout = QVBoxLayout(self.sidebar_panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.setSpacing(2)
        panel_layout.addWidget(self.sidebar, 1)
        panel_layout.addWidget(self.sidebar_button, 0, Qt.AlignmentFlag.AlignRight)
        self.sidebar_panel.setMinimumWidth(SIDEBAR_FULL[0])
        self.sidebar_panel.setMaximumWidth(SIDEBAR_FULL[1])
        self._sidebar_collapsed = False
        self._sidebar_full_width = 210
        self.stack = QStackedWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.sidebar_panel)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([210, DEFAULT_SIZE.width() - 210])
        self.setCentralWidget(self.splitter)

        self.maintenance = MaintenanceActions(self)
        self._build_menus()
        self._build_status_bar()
        self.settings.restore_window("main", self)
        self.settings.restore_splitter("main", self.splitter)
        self.sidebar_button.clicked.connect(self.sidebar_action.trigger)
        self.set_sidebar_collapsed(
            remember_state and self.settings.flag(SIDEBAR_COLLAPSED_KEY), remember=False)
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
        backups_action = file_menu.addAction(translate("MainWindow", "Back&ups…"))
        backups_action.triggered.connect(lambda: self.navigate("backups"))
        file_menu.addSeparator()
        self.excel_action = file_menu.addAction(translate("MainWindow", "&Excel…"))
        self.excel_action.setToolTip(translate(
            "MainWindow", "Import lists from Excel, export them, download import templates"))
        self.excel_action.triggered.connect(lambda: self.open_excel())
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
        view_menu = bar.addMenu(translate("MainWindow", "&View"))
        self.sidebar_action = QAction(self)
        self.sidebar_action.setShortcut(QKeySequence("Ctrl+B"))
        self.sidebar_action.triggered.connect(self.toggle_sidebar)
        view_menu.addAction(self.sidebar_action)
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
            people=format_int(services.people.count(PeopleQuery()))))

    def notify(self, text: str, msecs: int = 8000) -> None:
        self.statusBar().showMessage(text, msecs)

    # -- sidebar ----------------------------------------------------------------------------------
    @property
    def sidebar_collapsed(self) -> bool:
        return self._sidebar_collapsed

    @Slot()
    def toggle_sidebar(self) -> None:
        self.set_sidebar_collapsed(not self._sidebar_collapsed)

    def set_sidebar_collapsed(self, collapsed: bool, *, remember: bool = True) -> None:
        """Icons only (page names in tooltips) or icons with names; ``remember`` keeps the choice
        for the next start."""
        was_collapsed = self._sidebar_collapsed
        if collapsed and not was_collapsed:
            self._sidebar_full_width = max(self.splitter.sizes()[0], SIDEBAR_FULL[0])
        self._sidebar_collapsed = collapsed
        for row, spec in enumerate(PAGES):
            item = self.sidebar.item(row)
            title = translate("Pages", spec.title)
            item.setText("" if collapsed else title)
            item.setToolTip(title if collapsed else "")
        if collapsed:
            self.sidebar.setStyleSheet(SIDEBAR_NARROW_STYLE)
            self.sidebar_panel.setFixedWidth(SIDEBAR_NARROW)
            total = sum(self.splitter.sizes())
            if total > 0:
                self.splitter.setSizes([SIDEBAR_NARROW, total - SIDEBAR_NARROW])
            self.sidebar_action.setText(translate("MainWindow", "Expand the &sidebar"))
            self.sidebar_button.setText("»")
            self._align_sidebar_button(Qt.AlignmentFlag.AlignHCenter)
        else:
            self.sidebar.setStyleSheet(SIDEBAR_STYLE)
            self.sidebar_panel.setMinimumWidth(SIDEBAR_FULL[0])
            self.sidebar_panel.setMaximumWidth(SIDEBAR_FULL[1])
            total = sum(self.splitter.sizes())
            if was_collapsed and total > 0:
                self.splitter.setSizes([self._sidebar_full_width, total - self._sidebar_full_width])
            self.sidebar_action.setText(translate("MainWindow", "Collapse the &sidebar"))
            self.sidebar_button.setText("«")
            self._align_sidebar_button(Qt.AlignmentFlag.AlignRight)
        shortcut = self.sidebar_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.sidebar_button.setToolTip(f"{self.sidebar_action.text().replace('&', '')} ({shortcut})")
        if remember and self.remember_state:
            self.settings.set_flag(SIDEBAR_COLLAPSED_KEY, collapsed)
            self.settings.sync()

    def _align_sidebar_button(self, alignment: Qt.AlignmentFlag) -> None:
        layout = self.sidebar_panel.layout()
        if layout is not None:
            layout.setAlignment(self.sidebar_button, alignment)

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

    # -- automatic backups ------------------------------------------------------------------------
    def start_automatic_backup(self) -> None:
        """The day's first start makes the day's backup, in the background (services.backups
        decides whether one is due, writes it, checks it and rotates the old ones)."""
        backend = self.backend
        (self.runner.task(lambda _progress, _cancel: backend.automatic_backup("start"), self)
         .success(self._automatic_backup_done)
         .failure(self._automatic_backup_failed)
         .run())

    def _automatic_backup_done(self, info: BackupInfo | None) -> None:
        if info is not None:
            self.notify(translate("MainWindow", "Automatic backup saved: {name}").format(
                name=info.path.name))
            self.events.changed.emit("backup")

    def _automatic_backup_failed(self, error: DomainError) -> None:
        log.warning("Automatic backup failed: %s", error)
        self.notify(translate("MainWindow", "The automatic backup failed: {reason}").format(
            reason=str(error)), 20000)

    def _start_closing_backup(self) -> None:
        """The close-time backup (only if the data changed since the window opened), shown
        with a progress dialog while the window is still on screen: at province scale it takes
        seconds, and a program that seems to hang after its window closed gets killed."""
        self._closing_backup_started = True
        if self.runner.busy:
            self.runner.cancel_all()
            self.runner.wait_for_done(10_000)
        backend = self.backend
        changed = self.runner.writes_done > 0
        task = (self.runner.task(lambda _progress, _cancel: backend.automatic_backup(
                    "close", changed=changed), self)
                .with_progress(translate("MainWindow", "Saving the automatic backup before "
                                         "closing…"), cancellable=False)
                .failure(self._automatic_backup_failed)
                .run())
        task.finished.connect(self._after_closing_backup)

    @Slot()
    def _after_closing_backup(self) -> None:
        self._closing_backup_done = True
        self.close()

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

    def open_excel(self, tab: str = "import", kind: str | None = None) -> QWidget:
        """The "Nhập, xuất Excel" dialog (window-modal; it deletes itself when closed)."""
        from desktop.views.dialogs.excel_dialog import ExcelDialog

        return ExcelDialog.open_for(self, self.backend, self.runner, events=self.events,
                                    settings=self.settings, tab=tab, kind=kind)

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
        if not self._sidebar_collapsed:  # the narrow strip's width is not the officer's choice
            self.settings.save_splitter("main", self.splitter)
        self.settings.set_flag(SIDEBAR_COLLAPSED_KEY, self._sidebar_collapsed)
        if self.current_key:
            self.settings.set_value("main/page", self.current_key)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.backup_on_close and not self._closing_backup_done:
            event.ignore()  # closed again once the backup has ended
            if not self._closing_backup_started:
                self._start_closing_backup()
            return
        if self.runner.busy:
            self.runner.cancel_all()
            self.runner.wait_for_done(10_000)
        if self.remember_state:
            self.save_state()
        super().closeEvent(event)


def _fitting(size: QSize, window: QWidget) -> QSize:
    """``size``, shrunk to the screen's free area (800 px high does not fit a 1366×768 screen)."""
    screen = window.screen()
    if screen is None:
        return size
    free = screen.availableGeometry().size()
    return QSize(min(size.width(), free.width()), min(size.height(), free.height() - 40))


def _svg_pixmap(svg: str, size: int) -> QPixmap:
    buffer = QBuffer()
    buffer.setData(QByteArray(svg.encode("utf-8")))
    reader = QImageReader(buffer, QByteArray(b"svg"))
    reader.setScaledSize(QSize(size, size))
    return QPixmap.fromImage(reader.read())
