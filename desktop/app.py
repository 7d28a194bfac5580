"""Composition root: arguments → a display to show windows on → folders → logging → crash
hooks → QApplication → Vietnamese → one window per database (a second start brings the first
forward) → database (first-run dialog when there is none) → services → main window.

Only this module (and ``__main__``) imports both the services and the views; it hands the
views a ``ServiceBackend`` so they never import the SQL layer themselves.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import __version__, crash, i18n, logging_setup
from desktop.api.installation import InstallationInfo
from desktop.api.maintenance import BackupInfo, BackupStatus, CheckResult, RestoreResult
from desktop.api.setup import DemoSummary
from desktop.api.units import UnitInput
from desktop.domain.errors import DataFolderError, DomainError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.paths import AppPaths, app_paths

if TYPE_CHECKING:
    from desktop.services import Services

log = logging.getLogger(__name__)


class ServiceBackend:
    """The ``desktop.views.backend.Backend`` the windows use, over a live ``Services``."""

    def __init__(self, services: Services) -> None:
        self.services = services
        path = services.db.path
        self._fingerprint = _file_fingerprint(path) if path else None

    @classmethod
    def open(cls, path: Path, paths: AppPaths, *, create: bool) -> ServiceBackend:
        from desktop.services import Services

        return cls(Services.open(path, paths, create=create))

    @property
    def paths(self) -> AppPaths:
        return self.services.paths

    @property
    def database_path(self) -> Path | None:
        return self.services.db.path

    @property
    def installation(self) -> InstallationInfo | None:
        return self.services.db.installation

    def configure_office(self, *, name: str, code: str, kind: str, parent_office_name: str,
                         parent_office_code: str) -> InstallationInfo:
        return self.services.setup.configure(
            UnitInput(name=name, code=code, kind=kind),
            parent_office_name=parent_office_name, parent_office_code=parent_office_code)

    # -- demo and maintenance ---------------------------------------------------------------------
    @property
    def demo_available(self) -> bool:
        return demo_available()

    def build_demo(self, scale: str, *, progress: ProgressFn,
                   cancel: CancelToken) -> DemoSummary:
        from desktop.services.demo import build_demo  # lands separately; imported when used

        summary = build_demo(self.services.db, scale, progress=progress, cancel=cancel)
        self.services.db.refresh_installation()
        return summary

    def backup(self, target: Path | None = None) -> BackupInfo:
        from desktop.services.maintenance import backup_database

        return backup_database(self.services.db, self.paths, target)

    def verify(self) -> list[CheckResult]:
        from desktop.services.maintenance import verify_database

        return verify_database(self.services.db, self.paths.attachments, self.paths.backups)

    def list_backups(self) -> list[BackupInfo]:
        from desktop.services.backups import list_backups

        return list_backups(self.paths.backups)

    def backup_status(self) -> BackupStatus:
        from desktop.services.backups import backup_status

        return backup_status(self.paths.backups)

    def automatic_backup(self, reason: str, *, changed: bool = False) -> BackupInfo | None:
        """"start": the day's backup on its first start; "close": one more if the data
        changed since this window opened: ``changed`` when the window knows it saved something
        (the file's size and time can miss a commit made within the same clock tick), else when
        the file says so (another program wrote). Rotated and verified (services.backups)."""
        from desktop.services.backups import automatic_backup, clean_stale

        path = self.database_path
        if path is None:
            return None
        if reason == "start":
            clean_stale(self.paths.backups)
        elif not changed and self._fingerprint == _file_fingerprint(path):
            return None
        info = automatic_backup(path, self.paths, reason)
        self._fingerprint = _file_fingerprint(path)
        return info

    def restore(self, source: Path) -> RestoreResult:
        """Close the database, replace it with ``source`` (after a safety copy), reopen.

        Refused, with the data untouched and the database reopened, while another program
        has the file open."""
        from desktop.domain.errors import StorageError
        from desktop.services import Services
        from desktop.services.maintenance import restore_database

        path = self.database_path
        if path is None:
            raise StorageError("Chỉ khôi phục được cơ sở dữ liệu dạng tệp (SQLite).")
        self.services.close()  # restore_database checks the backup before replacing anything
        try:
            return restore_database(path, source, self.paths)
        finally:
            self.services = Services.open(path, self.paths, create=False)
            self._fingerprint = _file_fingerprint(path)

    def close(self) -> None:
        self.services.close()


def _file_fingerprint(path: Path) -> tuple[int, ...]:
    """Size and modification time of the database and its WAL: every commit changes one of
    them, reads change neither (the close-time backup is skipped when nothing was saved)."""
    stamp: list[int] = []
    for candidate in (path, path.with_name(path.name + "-wal")):
        try:
            st = candidate.stat()
            stamp += [st.st_size, st.st_mtime_ns]
        except OSError:
            stamp += [-1, -1]
    return tuple(stamp)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m desktop",
                                     description="TĐKT Desktop – phần mềm thi đua, khen thưởng")
    parser.add_argument("--home", help="thư mục dữ liệu (thay cho thư mục người dùng)")
    parser.add_argument("--db", help="tệp cơ sở dữ liệu (mặc định: trong thư mục dữ liệu)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="mở cơ sở dữ liệu, dựng cửa sổ chính rồi thoát (kiểm tra bản cài)")
    parser.add_argument("--report-startup", action="store_true",
                        help="in thời điểm cửa sổ hiện và danh sách cá nhân có dòng đầu (JSON)")
    parser.add_argument("--debug", action="store_true", help="ghi nhật ký chi tiết")
    parser.add_argument("--version", action="version", version=f"TĐKT Desktop {__version__}")
    return parser.parse_args(list(argv) if argv is not None else None)


EXIT_NO_DISPLAY = 2

NO_DISPLAY_MESSAGE = (
    "Không tìm thấy màn hình đồ họa (chưa có DISPLAY hoặc WAYLAND_DISPLAY), nên không mở được "
    "cửa sổ TĐKT Desktop. Hãy chạy phần mềm trong phiên làm việc có giao diện đồ họa. "
    "Để kiểm tra bản cài trên máy không có màn hình, dùng: python -m desktop --smoke-test "
    "(chạy không cần màn hình). Công việc dòng lệnh dùng lệnh tdkt.\n"
)
NO_XCB_CURSOR_MESSAGE = (
    "Máy còn thiếu thư viện libxcb-cursor0 mà giao diện Qt cần để mở cửa sổ. Hãy cài bằng lệnh: "
    "sudo apt-get install libxcb-cursor0 rồi chạy lại. Để kiểm tra bản cài khi chưa cài được, "
    "dùng: python -m desktop --smoke-test (chạy không cần màn hình).\n"
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app; returns the process exit code."""
    args = parse_args(argv)
    headless = args.smoke_test or args.report_startup
    if headless:
        use_offscreen_without_display(os.environ)
    else:
        problem = display_problem(os.environ)
        if problem:  # Qt would abort with its own English message
            _say(sys.stderr, problem)
            return EXIT_NO_DISPLAY
    try:
        paths = app_paths(args.home).ensure()
        log_file = logging_setup.configure(paths.logs, debug=args.debug)
        handler = crash.install(paths.logs, log_file)
    except (DataFolderError, OSError) as exc:  # unwritable home: say which folder, and --home
        error = exc if isinstance(exc, DataFolderError) else DataFolderError(
            str(exc.filename or args.home or ""), str(exc))
        _say(sys.stderr, f"{error}\n")
        if not headless:
            _show_startup_error(str(error))
        return 1
    log.info("TĐKT Desktop %s starting (data: %s)", __version__, paths.data)
    try:
        return run(args, paths, handler)
    except Exception as exc:  # start-up itself failed: log, tell, exit non-zero
        handler.handle(type(exc), exc, exc.__traceback__)
        return 1
    finally:
        handler.uninstall()


def run(args: argparse.Namespace, paths: AppPaths, handler: crash.CrashHandler) -> int:
    from PySide6.QtCore import qInstallMessageHandler

    app = _application()
    handler.attach_gui()
    previous_qt_handler = qInstallMessageHandler(_qt_message)
    guard: Any = None
    try:
        if args.smoke_test and (code := _check_resources()) is not None:
            return code
        if not (args.smoke_test or args.report_startup):
            guard, code = _single_instance(args, paths)
            if code is not None:
                return code
        backend = _open_backend(args, paths)
        if backend is None:
            return 0
        if isinstance(backend, int):
            return backend
        try:
            return _run_window(app, args, paths, handler, backend)
        finally:
            backend.close()
    finally:
        if guard is not None:
            guard.close()
        qInstallMessageHandler(previous_qt_handler)


def _application() -> Any:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("TĐKT Desktop")
    app.setOrganizationName("TDKT")
    app.setApplicationVersion(__version__)
    i18n.install(app)
    return app


def _single_instance(args: argparse.Namespace, paths: AppPaths) -> tuple[Any, int | None]:
    """(the guard to keep, None) to go on; (None, exit code) when another window has this
    database: 0 after bringing it forward, 1 after saying it does not answer."""
    from desktop.views.messages import Messages
    from desktop.views.single_instance import (
        Outcome,
        SingleInstance,
        bring_forward,
        instance_key,
    )

    db_path = Path(args.db).expanduser() if args.db else paths.default_database
    guard = SingleInstance(instance_key(db_path))
    outcome = guard.start()
    if outcome is Outcome.HANDED_OVER:
        log.info("TĐKT Desktop is already open on %s; brought it forward", db_path)
        guard.close()
        return None, 0
    if outcome is Outcome.UNRESPONSIVE:
        guard.close()
        Messages.error(None, i18n.translate(
            "App", "TĐKT Desktop is already open on this data ({path}) but does not answer. "
            "Wait a moment for it to finish its work, or close it (with Task Manager if it "
            "hangs), then start the program again.").format(path=db_path))
        return None, 1
    guard.activate_requested.connect(bring_forward)
    return guard, None


def _check_resources() -> int | None:
    """--smoke-test: every file the program reads (translations, templates, catalog, migrations,
    icons) is in the bundle, and every page module (and the single-instance guard a normal start
    needs) imports: a page that failed to import would otherwise show an error dialog, which
    nobody closes in a headless check. 1 after naming what is missing, None when all is well."""
    import importlib

    from desktop import resources_check
    from desktop.views.pages import PAGES

    missing = resources_check.missing_resources(
        resources_check.bundle_root(),
        resources_check.default_spec(spec.icon for spec in PAGES))
    modules = [spec.module for spec in PAGES if spec.module] + ["desktop.views.single_instance"]
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            missing.append(resources_check.Missing(resources_check.KIND_MODULE, f"{module} ({exc})"))
    if missing:
        text = resources_check.message(missing)
        log.error("%s", text)
        _say(sys.stderr, text)
        return 1
    return None


def _show_startup_error(text: str) -> None:
    """A message box for a start-up refusal, when a window can be shown at all."""
    try:
        _application()
        from desktop.views.messages import Messages

        Messages.error(None, text)
    except Exception:  # stderr already has the message
        log.debug("Could not show the start-up error in a window", exc_info=True)


def display_problem(env: Mapping[str, str], platform: str = sys.platform,
                    xcb_cursor: Callable[[], bool] | None = None) -> str:
    """Why Qt could not open a window on Linux (no display, libxcb-cursor0 missing), in
    Vietnamese; "" when it can, or when QT_QPA_PLATFORM says the officer chose a platform."""
    if not platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return ""
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return NO_DISPLAY_MESSAGE
    if not env.get("WAYLAND_DISPLAY") and not (xcb_cursor or _xcb_cursor_loads)():
        return NO_XCB_CURSOR_MESSAGE  # Qt ≥ 6.5's xcb plugin needs it
    return ""


def use_offscreen_without_display(env: MutableMapping[str, str],
                                  platform: str = sys.platform) -> None:
    """--smoke-test/--report-startup need no screen: run offscreen where there is none."""
    if (platform.startswith("linux") and not env.get("QT_QPA_PLATFORM")
            and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"


def _xcb_cursor_loads() -> bool:
    import ctypes

    try:
        ctypes.CDLL("libxcb-cursor.so.0")
    except OSError:
        return False
    return True


def _open_backend(args: argparse.Namespace, paths: AppPaths) -> ServiceBackend | int | None:
    """The opened database; None if the officer quit the first-run dialog; 1 on refusal."""
    from desktop.views.messages import Messages

    db_path = Path(args.db).expanduser() if args.db else paths.default_database
    headless = args.smoke_test or args.report_startup
    backend: ServiceBackend | None = None
    try:
        if headless or db_path.exists():
            backend = ServiceBackend.open(db_path, paths, create=headless)
    except DomainError as exc:  # e.g. written by a newer version: say so, change nothing
        log.warning("Cannot open %s: %s", db_path, exc)
        if headless:
            _say(sys.stderr, f"{exc}\n")
        else:
            Messages.error(None, str(exc))
        return 1
    if headless or (backend is not None and backend.services.setup.is_configured):
        return backend
    from desktop.views.dialogs.first_run import FirstRunDialog

    existing = db_path if backend is not None else None
    if backend is not None:
        backend.close()

    def opener(path: Path, *, create: bool) -> ServiceBackend:
        return ServiceBackend.open(path, paths, create=create)

    return FirstRunDialog.ask(None, opener, default_path=db_path,  # type: ignore[return-value]
                              existing_path=existing, demo_available=demo_available())


def _run_window(app: Any, args: argparse.Namespace, paths: AppPaths,
                handler: crash.CrashHandler, backend: ServiceBackend) -> int:
    from desktop.settings import UiSettings
    from desktop.views.main_window import MainWindow
    from desktop.views.pages import PAGES

    window = MainWindow(backend, UiSettings(paths.config),
                        remember_state=not (args.smoke_test or args.report_startup))
    if args.smoke_test:  # build every page: catches missing modules in frozen builds
        for spec in PAGES:
            window.navigate(spec.key)
        app.processEvents()
        window.close()
        _say(sys.stdout, "smoke test ok\n")
        return 0
    window.show()
    _settle_after_start_up(window)
    if not args.report_startup:
        window.start_automatic_backup()
        window.backup_on_close = True
    if args.report_startup:
        app.processEvents()
        window_shown = time.time()
        page: Any = window.navigate("people")
        deadline = time.monotonic() + 60
        while page.model.busy and time.monotonic() < deadline:  # rows load in the background
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()
        if page.model.rowCount() == 0 and page.model.total:
            raise RuntimeError("people list has no rows")
        print_startup_report(window_shown, time.time())
        window.close()
        return 0
    if handler.previous_crash:
        window.notify(i18n.translate(
            "App", "The program stopped abnormally last time; details are in the log folder."),
            20000)
    return int(app.exec())


def _settle_after_start_up(window: Any) -> None:
    """Once the window is up: exempt the start-up heap from garbage collection (background
    reads no longer stall the window on full collections) and import the pages in the
    background so the first click of each does not wait for its module."""
    from desktop.gc_policy import settle_after_start_up
    from desktop.tasks.garbage import GuiThreadCollector
    from desktop.views.pages import preload_modules

    settle_after_start_up()
    GuiThreadCollector(window)  # collections (and the Qt objects they free) on this thread only
    window.runner.task(lambda _progress, _cancel: preload_modules()).run()


def demo_available() -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec("desktop.services.demo") is not None
    except ImportError:
        return False


def print_startup_report(window_shown: float, people_first_rows: float) -> None:
    _say(sys.stdout, json.dumps({"window_shown": window_shown,
                                 "people_first_rows": people_first_rows}) + "\n")


def _say(stream: Any, text: str) -> None:
    """Write to a console stream; a windowed Windows build has none (they are None)."""
    if stream is not None:
        stream.write(text)
        stream.flush()


_QT_LEVELS = {0: logging.DEBUG, 4: logging.INFO, 1: logging.WARNING, 2: logging.ERROR,
              3: logging.CRITICAL}


def _qt_message(msg_type: Any, _context: Any, message: str) -> None:
    """Qt's own warnings go to our log file (they would otherwise vanish on Windows)."""
    logging.getLogger("qt").log(_QT_LEVELS.get(int(getattr(msg_type, "value", msg_type)),
                                               logging.WARNING), "%s", message)
