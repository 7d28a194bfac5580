"""What went wrong with the disk, in words an officer can act on: a full disk, a read-only
medium (CD, write-locked USB stick or memory card, read-only network share), a file another
account owns, a drive that stopped answering. Each has its own message and its own remedy, and
none is ever "the file is damaged, restore a backup" (following that advice would throw away
every change since the backup).

Classified by ``errno`` and by asking the file system (``statvfs``), never by the English text
of the error; nothing here prints the operating system's own (English) wording.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

# Below this much free space, a write that failed is taken to have failed for lack of room.
FULL_BELOW_BYTES = 1024 * 1024

_KEEP = "Dữ liệu đã lưu trước đó không bị hỏng."


def _where(path: str | os.PathLike[str] | None) -> str:
    return f" ({path})" if path else ""


def _existing(path: str | os.PathLike[str]) -> Path | None:
    """The path itself or, for a file not written yet, its folder (what ``statvfs`` can be
    asked about); never a far ancestor, which may well be another drive."""
    current = Path(path)
    for candidate in (current, current.parent):
        try:
            if candidate.exists():
                return candidate
        except OSError:
            return None
    return None


def free_bytes(path: str | os.PathLike[str] | None) -> int | None:
    """Free space on the drive holding ``path`` for this account, or None if unknown."""
    where = _existing(path) if path else None
    if where is None:
        return None
    try:
        if hasattr(os, "statvfs"):
            stats = os.statvfs(where)
            return stats.f_bavail * stats.f_frsize
        return shutil.disk_usage(where).free
    except OSError:
        return None


def is_full(path: str | os.PathLike[str] | None) -> bool:
    free = free_bytes(path)
    return free is not None and free < FULL_BELOW_BYTES


def on_read_only_medium(path: str | os.PathLike[str] | None) -> bool:
    """Whether the drive holding ``path`` is mounted read-only (a CD, a write-locked stick, a
    share mounted for reading). POSIX only: Windows says so through ``errno`` instead."""
    where = _existing(path) if path else None
    if where is None or not hasattr(os, "statvfs"):
        return False
    try:
        return bool(os.statvfs(where).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def belongs_to_someone_else(path: str | os.PathLike[str] | None) -> bool:
    """The file or folder exists but this account may not read it, or it is another account's
    and may not be written: a matter of permissions, not of a read-only file."""
    if not path:
        return False
    try:
        if not os.path.exists(path):
            return False
        if not os.access(path, os.R_OK):
            return True
        geteuid = getattr(os, "geteuid", None)
        if geteuid is None:
            return False
        return os.stat(path).st_uid != geteuid() and not os.access(path, os.W_OK)
    except OSError:
        return False


def disk_full_message(path: str | os.PathLike[str] | None = None, *,
                      what: str = "tệp dữ liệu", certain: bool = False) -> str:
    """The drive is full. ``path`` is named when the error came from writing it (``certain``)
    or its drive really is nearly full: SQLite's "disk full" during a backup written elsewhere
    must not blame the drive of the database."""
    free = free_bytes(path)
    nearly_full = free is not None and free < FULL_BELOW_BYTES
    if path and (certain or nearly_full):
        left = f" (còn trống {free // 1024} KB)" if free is not None and nearly_full else ""
        head = f"Ổ đĩa chứa {what} ({path}) đã đầy{left} nên không ghi được."
    else:
        head = "Ổ đĩa cần ghi đã đầy nên không ghi được."
    return (f"{head} {_KEEP} Cách khắc phục: giải phóng chỗ trống trên ổ đĩa đó (xóa tệp không "
            "cần, dọn thùng rác, chuyển bớt tệp lớn sang nơi khác) hoặc chọn một ổ đĩa khác, rồi "
            "thử lại.")


def read_only_medium_message(path: str | os.PathLike[str] | None = None, *,
                             what: str = "Tệp dữ liệu") -> str:
    return (f"{what}{_where(path)} nằm trên một ổ chỉ cho phép đọc (đĩa CD/DVD, USB hoặc thẻ "
            "nhớ đang gạt khóa chống ghi, ổ mạng chỉ được đọc): không ghi được gì lên ổ này. "
            f"{_KEEP} Cách khắc phục: chép tệp vào máy (ví dụ thư mục Tài liệu) rồi mở tệp đã "
            "chép, hoặc gạt mở khóa chống ghi của USB/thẻ nhớ.")


def permission_message(path: str | os.PathLike[str] | None = None, *,
                       what: str = "tệp dữ liệu") -> str:
    return (f"Tài khoản đang đăng nhập máy không có quyền đọc, ghi {what}{_where(path)} (tệp "
            f"của một tài khoản khác, hoặc bị phân quyền). {_KEEP} Cách khắc phục: đăng nhập "
            "bằng tài khoản đã tạo tệp, hoặc nhờ người quản trị máy cấp quyền đọc và ghi cho "
            "tệp và thư mục chứa nó.")


def io_error_message(path: str | os.PathLike[str] | None = None) -> str:
    return (f"Không đọc, ghi được ổ đĩa chứa tệp dữ liệu{_where(path)}: ổ USB hoặc thẻ nhớ bị "
            "rút ra, ổ mạng mất kết nối, hoặc ổ đĩa bị lỗi. Tệp dữ liệu chưa chắc đã hỏng: "
            "đừng vội khôi phục từ bản sao lưu. Hãy cắm lại ổ hoặc kết nối lại mạng rồi thử "
            "lại; nếu vẫn lỗi, chép tệp sang ổ đĩa khác rồi dùng lệnh “Kiểm tra dữ liệu”.")


def disk_problem(path: str | os.PathLike[str] | None) -> str | None:
    """After a failed write whose cause the error does not say (SQLite's "disk I/O error"):
    the message for a full drive or a read-only medium if ``path`` is on one, else None."""
    if on_read_only_medium(path):
        return read_only_medium_message(path)
    if is_full(path):
        return disk_full_message(path)
    return None


_WINDOWS_SHARING_VIOLATION = 32
_WINDOWS_LOCK_VIOLATION = 33


def os_error_message(exc: OSError) -> str:
    """A file the app reads or writes (backup, spreadsheet, document, attachment) failed: why,
    in Vietnamese, by ``errno`` (the OS's English ``strerror`` is never shown)."""
    name = exc.filename or exc.filename2
    where = _where(name)
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return disk_full_message(name, what="tệp", certain=True)
    if code == errno.EROFS or (code in (errno.EACCES, errno.EPERM) and on_read_only_medium(name)):
        return read_only_medium_message(name, what="Tệp")
    if getattr(exc, "winerror", None) in (_WINDOWS_SHARING_VIOLATION, _WINDOWS_LOCK_VIOLATION) \
            or code in (errno.EBUSY, errno.ETXTBSY):
        return (f"Tệp{where} đang được một chương trình khác mở (Word, Excel, phần mềm diệt "
                "virus?). Hãy đóng tệp trong chương trình đó rồi thử lại.")
    if code in (errno.EACCES, errno.EPERM):
        return permission_message(name, what="tệp")
    if code == errno.ENOENT:
        return f"Không tìm thấy tệp hoặc thư mục{where}. Hãy kiểm tra lại đường dẫn."
    if code == errno.EISDIR:
        return f"Đường dẫn{where} là một thư mục, không phải tệp. Hãy chọn hoặc ghi tên tệp."
    if code == errno.ENOTDIR:
        return f"Trên đường dẫn{where} có một tệp trùng tên với thư mục cần dùng."
    if code == errno.EEXIST:
        return f"Đã có một tệp{where}; hãy chọn tên khác."
    if code == errno.ENAMETOOLONG:
        return f"Tên tệp hoặc đường dẫn{where} quá dài; hãy chọn thư mục ngắn hơn hoặc tên ngắn hơn."
    if code in (errno.EMFILE, errno.ENFILE):
        return "Máy đang mở quá nhiều tệp cùng lúc. Hãy đóng bớt chương trình rồi thử lại."
    if code == errno.EIO:
        return io_error_message(name)
    number = f" (lỗi hệ thống số {code})" if code is not None else ""
    return (f"Không đọc, ghi được tệp{where}{number}. Hãy kiểm tra ổ đĩa, chỗ trống và quyền "
            "của thư mục rồi thử lại.")


def os_error_reason(exc: OSError) -> str:
    """The cause as a short clause, for a message that names the file itself: "ổ đĩa đã
    đầy", "không có quyền ghi"…"""
    code = exc.errno
    name = exc.filename or exc.filename2
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "ổ đĩa đã đầy"
    if code == errno.EROFS or (code in (errno.EACCES, errno.EPERM) and on_read_only_medium(name)):
        return "ổ đĩa chỉ cho phép đọc"
    if code in (errno.EACCES, errno.EPERM):
        return "tài khoản đang dùng không có quyền đọc, ghi"
    if code == errno.ENOENT:
        return "không tìm thấy"
    if code in (errno.ENOTDIR, errno.EEXIST):
        return "trên đường dẫn có một tệp trùng tên thư mục"
    if code == errno.EIO:
        return "lỗi đọc, ghi ổ đĩa"
    return f"lỗi hệ thống số {code}" if code is not None else "lỗi đọc, ghi tệp"
