"""Opening a stranger's workbook safely, and writing ours so that Excel never runs our text.

Opening: a file that is not an .xlsx (an .xls or .csv renamed, a .docx, anything that is not
a ZIP with ``[Content_Types].xml`` and a workbook part), is too large, unpacks to absurd sizes
or ratios (a zip bomb) or declares XML entities is refused with a Vietnamese message before a
byte of it is parsed. The importer then streams the sheet with ``reader`` (expat, DTDs refused
anywhere in a part; a 150,000-row sheet never sits in memory), formulas kept as formulas so it
can refuse them by cell name. ``open_workbook`` (openpyxl, read-only) stays for other readers.

Writing: to a temporary file beside the target, then renamed (a crash never leaves half a
file), owner-only (the sheets name people and their CCCD); any text that starts with
``= + - @``, a tab or a carriage return is written as a string cell with Excel's quote prefix,
so it is neither a formula now nor when an officer re-types the cell.
"""

from __future__ import annotations

import logging
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from desktop.domain.diskerrors import os_error_message, os_error_reason
from desktop.domain.errors import StorageError, ValidationError
from desktop.paths import create_private_file

log = logging.getLogger(__name__)

FILE_LABEL = "Tệp Excel"
RESAVE = "hãy mở tệp bằng Excel rồi lưu lại dạng “Excel Workbook (.xlsx)”"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, or a password-protected workbook
_DTD_MARKS = tuple(mark.encode(codec) for mark in ("<!DOCTYPE", "<!ENTITY")
                   for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_DTD_SCAN_BYTES = 64 * 1024
# Text Excel would take for a formula (now, or when the cell is re-typed).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExcelLimits:
    """What a genuine workbook stays far below (150,000 people ≈ 10 MB packed, 90 MB unpacked)."""

    max_file_bytes: int = 50 * 1024**2
    max_unpacked_bytes: int = 1024**3
    max_ratio: int = 100           # unpacked / packed, for parts larger than ``ratio_floor``
    ratio_floor: int = 1024**2
    max_entries: int = 10_000


DEFAULT_LIMITS = ExcelLimits()


def refusal(message: str) -> ValidationError:
    return ValidationError.single("file", FILE_LABEL, message)


def check_xlsx(path: Path, limits: ExcelLimits = DEFAULT_LIMITS) -> None:
    """Refuse, in Vietnamese, whatever is not a plain, reasonably sized .xlsx; parse nothing."""
    try:
        if not path.is_file():
            raise refusal(f"không tìm thấy tệp {path}")
        size = path.stat().st_size
    except OSError as exc:
        raise refusal(f"không mở được tệp {path}: {os_error_reason(exc)}") from exc
    mb = 1024**2
    if size > limits.max_file_bytes:
        raise refusal(f"tệp {path.name} nặng {size / mb:.1f} MB, quá giới hạn "
                      f"{limits.max_file_bytes / mb:.0f} MB; hãy chia thành nhiều tệp nhỏ hơn")
    with path.open("rb") as handle:
        head = handle.read(8)
        if not zipfile.is_zipfile(handle):
            if head == _OLE2_MAGIC:
                raise refusal(f"{path.name} là tệp Excel cũ (.xls) hoặc tệp có đặt mật khẩu; "
                              f"hãy bỏ mật khẩu nếu có, {RESAVE}")
            raise refusal(f"{path.name} không phải tệp Excel .xlsx (có thể là tệp .csv, .xls "
                          f"hoặc tệp khác được đổi tên); {RESAVE}")
        handle.seek(0)
        try:
            with zipfile.ZipFile(handle) as archive:
                _check_archive(archive, path, limits)
        except zipfile.BadZipFile as exc:
            raise refusal(f"{path.name} bị hỏng (không giải nén được); {RESAVE}") from exc


def _check_archive(archive: zipfile.ZipFile, path: Path, limits: ExcelLimits) -> None:
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise refusal(f"{path.name} chứa {len(infos):,} phần, bất thường với một bảng tính; "
                      "phần mềm không mở")
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or not any(
            n.startswith("xl/worksheets/") for n in names):
        raise refusal(f"{path.name} là tệp nén nhưng không phải bảng tính Excel .xlsx (có thể "
                      f"là .docx, .ods hoặc .zip đổi tên); {RESAVE}")
    total = 0
    for info in infos:
        if (info.file_size > limits.ratio_floor
                and info.file_size > limits.max_ratio * max(info.compress_size, 1)):
            raise refusal(f"{path.name}: phần “{info.filename[:80]}” nén với tỉ lệ bất thường "
                          f"({info.file_size // max(info.compress_size, 1):,} lần) — nghi là "
                          "bom nén; phần mềm không mở tệp này")
        total += info.file_size
    if total > limits.max_unpacked_bytes:
        raise refusal(f"{path.name} giải nén ra {total / 1024**2:,.0f} MB, quá giới hạn "
                      f"{limits.max_unpacked_bytes / 1024**2:,.0f} MB — nghi là bom nén; phần "
                      "mềm không mở tệp này")
    for info in infos:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(info) as part:
            head = part.read(_DTD_SCAN_BYTES)
        if any(mark in head for mark in _DTD_MARKS):
            raise refusal(f"{path.name} chứa khai báo thực thể XML (DTD, ENTITY) mà tệp Excel "
                          "thật không bao giờ có — có thể là tệp độc hại; phần mềm không mở")


@contextmanager
def open_workbook(path: Path, limits: ExcelLimits = DEFAULT_LIMITS) -> Iterator[Any]:
    """The checked workbook, read-only and streamed, formulas kept as formulas."""
    path = Path(path)
    check_xlsx(path, limits)
    handle = path.open("rb")
    try:
        try:
            # A file object, not the name: openpyxl would refuse "danh-sach.XLSX.bak".
            wb = load_workbook(handle, read_only=True, data_only=False)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            log.warning("Workbook %s refused: %r", path.name, exc)
            raise refusal(f"không đọc được {path.name}: tệp hỏng hoặc không đúng định dạng "
                          f".xlsx; {RESAVE}") from exc
        try:
            yield wb
        finally:
            wb.close()
    finally:
        handle.close()


def unreadable(path: Path, exc: BaseException) -> ValidationError:
    log.warning("Sheet of %s unreadable: %r", path.name, exc)
    return refusal(f"không đọc được {path.name}: tệp hỏng hoặc không đúng định dạng .xlsx; "
                   f"{RESAVE}")


# -- writing ----------------------------------------------------------------------------------
def clean_text(value: str) -> str:
    """Text without the control characters a workbook cannot hold."""
    return str(ILLEGAL_CHARACTERS_RE.sub("", value))


def needs_quote(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def set_text(cell: Any, value: str) -> None:
    """Put text in a cell as text: never a formula, not even when re-typed in Excel."""
    cell.value = clean_text(value)
    if needs_quote(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def save_workbook(wb: Workbook, path: Path) -> Path:
    """Write beside the target, owner-only, and rename; a full disk says so in Vietnamese."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        create_private_file(tmp)
        wb.save(str(tmp))  # into the owner-only file just created (its mode is kept)
        os.replace(tmp, path)
    except OSError as exc:
        exc.filename = str(path)
        raise StorageError(os_error_message(exc)) from exc
    finally:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
    return path
