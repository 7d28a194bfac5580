"""Where the app keeps its files: the per-user data folder (platformdirs), never next to the
executable. ``TDKT_HOME`` (or ``--home``) points everything at one folder for tests and demos."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

from desktop.domain.errors import DataFolderError

APP_NAME = "TDKT Desktop"
APP_AUTHOR = "TDKT"
HOME_ENV = "TDKT_HOME"


@dataclass(frozen=True)
class AppPaths:
    data: Path
    config: Path
    logs: Path
    backups: Path
    templates: Path
    attachments: Path

    @property
    def default_database(self) -> Path:
        return self.data / "tdkt.db"

    def ensure(self) -> AppPaths:
        """Create every folder; an unwritable one is a ``DataFolderError`` that names it (and
        says ``--home``/``TDKT_HOME`` can point elsewhere), never a raw PermissionError."""
        for folder in (self.data, self.config, self.logs, self.backups, self.templates,
                       self.attachments):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DataFolderError(str(folder), _why(exc)) from exc
            if not os.access(folder, os.W_OK):
                raise DataFolderError(str(folder), "không có quyền ghi")
        return self


def _why(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "không có quyền ghi"
    if isinstance(exc, NotADirectoryError | FileExistsError):
        return "trên đường dẫn có một tệp trùng tên thư mục"
    return exc.strerror or type(exc).__name__


def app_paths(home: str | Path | None = None) -> AppPaths:
    """Folders from ``home`` if given, else ``$TDKT_HOME``, else the platform's user folders."""
    root = home or os.environ.get(HOME_ENV)
    if root:
        base = Path(root).expanduser().resolve()
        return AppPaths(base / "data", base / "config", base / "logs", base / "data" / "backups",
                        base / "data" / "templates", base / "data" / "attachments")
    dirs = PlatformDirs(APP_NAME, APP_AUTHOR, roaming=False)
    data = Path(dirs.user_data_dir)
    return AppPaths(data, Path(dirs.user_config_dir), Path(dirs.user_log_dir), data / "backups",
                    data / "templates", data / "attachments")


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, in the source tree or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)


def package_path(*parts: str) -> Path:
    """A file shipped inside the ``desktop`` package (templates), in the source tree or inside a
    PyInstaller bundle (build.spec copies them to ``desktop/…``)."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) / "desktop" if bundle else Path(__file__).resolve().parent
    return root.joinpath(*parts)
