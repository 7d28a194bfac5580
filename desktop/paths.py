"""Where the app keeps its files: the per-user data folder (platformdirs), never next to the
executable. ``TDKT_HOME`` (or ``--home``) points everything at one folder for tests and demos."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

from desktop.domain.errors import DataFolderError

APP_NAME = "TDKT Desktop"
APP_AUTHOR = "TDKT"
HOME_ENV = "TDKT_HOME"
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
# Owner-only modes are POSIX permission bits. On Windows a file's access list comes from the
# folder it is created in (the user's profile folders are private already), and os.chmod only
# sets the read-only flag: the helpers below do nothing there.
_POSIX = os.name == "posix"


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
                private_dir(folder)
            except OSError as exc:
                raise DataFolderError(str(folder), _why(exc)) from exc
            if not os.access(folder, os.W_OK):
                raise DataFolderError(str(folder), "không có quyền ghi")
        return self


# -- owner-only files and folders (personal data: names, CCCD numbers, evidence) ---------------
def private_dir(folder: Path) -> Path:
    """Create ``folder`` (and its parents) if needed; the folder itself readable by its owner
    only (0700). An existing folder loses its group/other bits but gains nothing: a folder
    made read-only on purpose stays read-only."""
    existed = folder.is_dir()
    folder.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if existed:
        make_private(folder)
    elif _POSIX:  # exactly 0700, whatever the umask took away
        with contextlib.suppress(OSError):
            os.chmod(folder, PRIVATE_DIR_MODE)
    return folder


def make_private(path: Path) -> None:
    """Withdraw group and other permissions from an existing file or folder (0644 -> 0600,
    0755 -> 0700); never adds a permission. Does nothing on Windows, for a missing path, or
    where the file belongs to someone else or the medium has no permissions (FAT USB stick)."""
    if not _POSIX:
        return
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode & 0o077:
            os.chmod(path, mode & ~0o077)


def create_private_file(path: Path) -> Path:
    """Create ``path`` empty with mode 0600 if it does not exist (whatever the umask), so that
    whatever writes into it afterwards (SQLite, zipfile, openpyxl) writes an owner-only file;
    an existing file is made owner-only (``make_private``). SQLite gives its -wal, -shm and
    -journal files the mode of the database file."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    except FileExistsError:
        make_private(path)
        return path
    try:
        if _POSIX:  # exactly 0600, whatever the umask took away
            with contextlib.suppress(OSError):
                os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)
    return path


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
