"""Composition root: arguments → folders → logging → crash hooks → QApplication → Vietnamese →
database (first-run dialog when there is none) → services → main window.

Only this module (and ``__main__``) imports both the services and the views; it hands the
views a ``ServiceBackend`` so they never import the SQL layer themselves.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop import __version__, crash, i18n, logging_setup
from desktop.domain.errors import DomainError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.paths import AppPaths, app_paths

log = logging.getLogger(__name__)


class ServiceBackend:
    """The ``desktop.views.backend.Backend`` the windows use, over a live ``Services``."""

    def __init__(self, services: Any) -> None:
        self.services = services

    @classmethod
    def open(cls, path: Path, paths: AppPaths, *, create: bool) -> ServiceBackend:
        from desktop.services import Services

        return cls(Services.open(path, paths, create=create))

    @property
    def paths(self) -> AppPaths:
        return self.services.paths  # type: ignore[no-any-return]

    @property
    def database_path(self) -> Path | None:
        return self.services.db.path  # type: ignore[no-any-return]

    @property
    def installation(self) -> Any:
        return self.services.db.installation

    # -- input DTOs -----------------------------------------------------------------------------
    def people_query(self, **fields: Any) -> Any:
        from desktop.services.people import PeopleQuery

        return PeopleQuery(**fields)

    def person_input(self, **fields: Any) -> Any:
        from desktop.services.people import PersonInput

        return PersonInput(**fields)

    def unit_input(self, **fields: Any) -> Any:
        from desktop.services.units import UnitInput

        return UnitInput(**fields)

    def configure_office(self, *, name: str, code: str, kind: str, parent_office_name: str,
                         parent_office_code: str) -> Any:
        return self.services.setup.configure(
            self.unit_input(name=name, code=code, kind=kind),
            parent_office_name=parent_office_name, parent_office_code=parent_office_code)

    # -- demo and maintenance ---------------------------------------------------------------------
    @property
    def demo_available(self) -> bool:
        return demo_available()

    def build_demo(self, scale: str, *, progress: ProgressFn, cancel: CancelToken) -> Any:
        from desktop.services.demo import build_demo  # lands separately; imported when used

        summary = build_demo(self.services.db, scale, progress=progress, cancel=cancel)
        self.services.db.refresh_installation()
        return summary

    def backup(self, target: Path | None = None) -> Path:
        from desktop.services.maintenance import backup_database

        return backup_database(self.services.db, target, self.paths.backups)

    def verify(self) -> list[Any]:
        from desktop.services.maintenance import verify_database

        return verify_database(self.services.db)

    def restore(self, source: Path) -> Path:
        """Close the database, replace it with ``source`` (after a safety copy), reopen."""
        from desktop.domain.errors import StorageError
        from desktop.services import Services
        from desktop.services.maintenance import check_backup_file, restore_database

        path = self.database_path
        if path is None:
            raise StorageError("Chỉ khôi phục được cơ sở dữ liệu dạng tệp (SQLite).")
        check_backup_file(source)
        self.services.close()
        try:
            return restore_database(path, source, self.paths.backups)
        finally:
            self.services = Services.open(path, self.paths, create=False)

    def close(self) -> None:
        self.services.close()


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app; returns the process exit code."""
    args = parse_args(argv)
    paths = app_paths(args.home).ensure()
    log_file = logging_setup.configure(paths.logs, debug=args.debug)
    handler = crash.install(paths.logs, log_file)
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
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("TĐKT Desktop")
    app.setOrganizationName("TDKT")
    app.setApplicationVersion(__version__)
    i18n.install(app)
    handler.attach_gui()
    previous_qt_handler = qInstallMessageHandler(_qt_message)
    try:
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
        qInstallMessageHandler(previous_qt_handler)


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
