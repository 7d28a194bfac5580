"""Typed errors that carry a Vietnamese message a TĐKT officer can act on.

Services raise these; the GUI shows ``str(error)`` in a message box and the CLI prints it and
exits with code 1. Anything else that escapes is a bug and goes to the crash handler.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.domain.diskerrors import (
    belongs_to_someone_else,
    disk_full_message,
    disk_problem,
    io_error_message,
    on_read_only_medium,
    permission_message,
    read_only_medium_message,
)


class DomainError(Exception):
    """Base for expected, explainable failures (bad input, missing record, refused operation)."""


@dataclass(frozen=True)
class FieldProblem:
    """One wrong field: its Vietnamese label and why it is wrong."""

    field: str
    label: str
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


class ValidationError(DomainError):
    """Input refused; lists every wrong field so the user can fix them all at once."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def single(cls, field: str, label: str, message: str) -> ValidationError:
        return cls([FieldProblem(field, label, message)])


class NotFoundError(DomainError):
    """A record asked for by id/uuid/code does not exist (or is in the trash)."""


class ConflictError(DomainError):
    """The operation would break a rule about other records (duplicates, children, stale edits)."""


@dataclass(frozen=True)
class FieldChange:
    """One field that differs between two versions of a record, as the officer reads it."""

    field: str
    label: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.label}: “{self.before}” → “{self.after}”"


class StaleEditError(ConflictError):
    """The record was changed and saved by someone else (another window, another computer, a
    sync package) after the form was opened: saving would silently overwrite their change.

    ``changes`` lists the fields where what is stored now differs from the form being saved
    (``before`` is the form's value, ``after`` the stored one). Nothing was written; reloading
    the form shows the current record.
    """

    def __init__(self, what: str, name: str, expected_version: int | None,
                 current_version: int | None, changes: Sequence[FieldChange] = ()) -> None:
        self.what = what
        self.name = name
        self.expected_version = expected_version
        self.current_version = current_version
        self.changes = tuple(changes)
        super().__init__(stale_message(what, name, expected_version, current_version,
                                       self.changes))


def stale_message(what: str, name: str, expected_version: int | None,
                  current_version: int | None, changes: Sequence[FieldChange]) -> str:
    subject = f"{what[:1].upper()}{what[1:]} “{name}”" if name else what[:1].upper() + what[1:]
    versions = ""
    if expected_version is not None and current_version is not None:
        versions = (f" (bạn mở phiên bản {expected_version}, nay đã là phiên bản "
                    f"{current_version})")
    lines = [f"{subject} đã được người khác sửa và lưu sau khi bạn mở biểu mẫu{versions}. "
             "Thay đổi của bạn chưa được lưu, để không ghi đè lên thay đổi của họ."]
    if changes:
        lines.append("Những mục hiện khác nhau (biểu mẫu của bạn → dữ liệu đang lưu):")
        lines.extend(f"  • {change}" for change in changes)
    lines.append("Hãy tải lại để xem dữ liệu mới nhất rồi sửa lại.")
    return "\n".join(lines)


class StorageError(DomainError):
    """The database file cannot be used as asked: too new, damaged, unreadable, locked."""


class Cancelled(Exception):  # noqa: N818 - an outcome, not an error
    """Long work stopped because the user pressed Huỷ; never shown as an error."""


BUSY_MESSAGE = (
    "Dữ liệu đang được một chương trình khác sử dụng (một cửa sổ TĐKT Desktop khác, lệnh tdkt, "
    "hoặc phần mềm diệt virus đang quét). Hãy đóng chương trình đó rồi thử lại."
)


class DatabaseBusyError(StorageError):
    """Another process holds the database's write lock longer than the busy timeout.

    Not damage and not a bug: the same action succeeds once the other program lets go, so the
    GUI offers "Thử lại".
    """

    def __init__(self, message: str = BUSY_MESSAGE) -> None:
        super().__init__(message)


class ReadOnlyStorageError(StorageError):
    """The database file, or the folder it lives in, cannot be written (permissions, a
    read-only share or USB stick, a file copied from a CD)."""

    def __init__(self, path: str | None = None, *, folder: bool = False) -> None:
        self.path = path
        self.folder = folder
        super().__init__(read_only_message(path, folder=folder))


def read_only_message(path: str | None, *, folder: bool = False) -> str:
    """Why nothing can be saved, and the two ways out."""
    if on_read_only_medium(path):  # a CD, a write-locked stick: no permission would help
        return read_only_medium_message(
            path, what="Thư mục chứa tệp dữ liệu" if folder else "Tệp dữ liệu")
    if belongs_to_someone_else(path):  # another account's file: not a read-only file
        return permission_message(path, what="thư mục chứa tệp dữ liệu" if folder
                                  else "tệp dữ liệu")
    where = f" ({path})" if path else ""
    if folder:
        what = (f"Thư mục chứa tệp dữ liệu{where} chỉ cho phép đọc: phần mềm cần ghi các tệp "
                "tạm (-wal, -shm) bên cạnh tệp dữ liệu nên không mở hay lưu được.")
    else:
        what = f"Tệp dữ liệu{where} chỉ cho phép đọc: phần mềm không ghi được vào tệp này."
    return (what + " Dữ liệu không bị hỏng. Cách khắc phục: chép tệp dữ liệu sang một thư mục "
            "ghi được (ví dụ thư mục Tài liệu) rồi mở tệp đã chép, hoặc nhờ người quản trị máy "
            "cấp quyền ghi cho tệp và thư mục chứa nó.")


class DataFolderError(DomainError):
    """The app's own folders (data, settings, logs) cannot be created or written."""

    def __init__(self, folder: str, reason: str = "") -> None:
        self.folder = folder
        detail = f" ({reason})" if reason else ""
        super().__init__(
            f"Không tạo hoặc ghi được vào thư mục của phần mềm: {folder}{detail}. "
            "Hãy kiểm tra quyền ghi của thư mục đó, hoặc chọn một thư mục khác bằng tùy chọn "
            "--home THƯ_MỤC hay biến môi trường TDKT_HOME."
        )


# SQLite result codes (primary code = extended code & 0xFF); Python ≥ 3.11 puts them on every
# sqlite3.Error as ``sqlite_errorcode``. Classifying by code, never by the English text.
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_IOERR_SHORT_READ = 10 | (2 << 8)  # the file ends too early: truncated, i.e. damaged
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_READONLY_DIRECTORY = 8 | (6 << 8)


def storage_error_for(exc: BaseException, path: str | None = None) -> StorageError | None:
    """The officer-facing error for a SQLite failure that is not a bug (busy, read-only, disk
    full), or None. Duck-typed on ``sqlite_errorcode`` so the domain needs no driver import;
    a SQLAlchemy wrapper is looked through via ``.orig``."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None and getattr(exc, "orig", None) is not None:
        code = getattr(exc.orig, "sqlite_errorcode", None)  # type: ignore[attr-defined]
    if not isinstance(code, int):
        return None
    primary = code & 0xFF
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return DatabaseBusyError()
    if code == _SQLITE_READONLY_DIRECTORY:
        return ReadOnlyStorageError(path, folder=True)
    if primary == _SQLITE_READONLY:
        return ReadOnlyStorageError(path)
    if primary == _SQLITE_FULL:
        return StorageError(disk_full_message(path))
    if primary == _SQLITE_IOERR and code != _SQLITE_IOERR_SHORT_READ:
        # "disk I/O error": a full drive (no room for the -shm file), a read-only medium, a
        # USB stick pulled out; never "damaged, restore a backup".
        return StorageError(disk_problem(path) or io_error_message(path))
    if primary == _SQLITE_CANTOPEN:
        if path and os.path.isfile(path) and not _can_create_in(os.path.dirname(path)):
            # A WAL database needs its -shm file beside it even to be read.
            return ReadOnlyStorageError(os.path.dirname(path), folder=True)
        if belongs_to_someone_else(path):
            return StorageError(permission_message(path))
        where = f" {path}" if path else ""
        return StorageError(f"Không mở được tệp dữ liệu{where}: thư mục không tồn tại hoặc không "
                            "có quyền đọc/ghi. Hãy kiểm tra đường dẫn và quyền của thư mục, hoặc "
                            "chép tệp dữ liệu sang một thư mục ghi được.")
    return None


def _can_create_in(folder: str) -> bool:
    """Whether a file can really be created in ``folder`` (``os.access`` is fooled by root and
    by some network shares; a probe is not)."""
    try:
        with tempfile.TemporaryFile(dir=folder or "."):
            return True
    except OSError:
        return False
