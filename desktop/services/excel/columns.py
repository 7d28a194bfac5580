"""Columns of an import sheet: the Vietnamese header and its aliases, the type of value, and
how one cell becomes that value or a Vietnamese reason why not.

Types: text, cccd (text of 12 digits; a number cell gets its leading 0 back), int, decimal
("1.234,5" with the Vietnamese comma), date (dd/mm/yyyy; 31/02 refused), bool (có/không),
enum (a ``LabeledEnum`` by label or stored value), unit (a unit by code or name) and award
(an award kind of this office's catalog by code or name). References are resolved by the kind,
which knows the catalog; here they are only text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.domain.enums import LabeledEnum
from desktop.domain.vntext import fold, normalize

TEXT, CCCD, INT, DECIMAL, DATE, BOOL, ENUM, UNIT, AWARD = (
    "text", "cccd", "int", "decimal", "date", "bool", "enum", "unit", "award")

TYPE_HELP = {
    TEXT: "chữ",
    CCCD: "12 chữ số (nên định dạng ô là Text để giữ số 0 đầu)",
    INT: "số nguyên, ví dụ 2025",
    DECIMAL: "số, dấu phẩy thập phân, ví dụ 1.234,5",
    DATE: "ngày dạng dd/mm/yyyy, ví dụ 15/03/1985",
    BOOL: "Có hoặc Không (để trống = Không)",
    ENUM: "một trong các giá trị cho phép",
    UNIT: "mã đơn vị (hoặc tên đơn vị đầy đủ) đã có trong phần mềm",
    AWARD: "mã hoặc tên danh hiệu, hình thức khen thưởng trong danh mục của phần mềm",
}
YES = frozenset({"co", "x", "yes", "true", "1", "dung", "c"})
NO = frozenset({"", "khong", "no", "false", "0", "sai", "k"})
_DMY_RE = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_INT_RE = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$|^[+-]?\d+$")
_DEC_RE = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_KEY_RE = re.compile(r"[^0-9a-z]")


class CellError(ValueError):
    """A cell that cannot become its column's value; the message says why, in Vietnamese."""


def header_key(text: object) -> str:
    """How headers are compared: no case, no diacritics, no spaces or punctuation
    ("Ngày sinh", "NGAY SINH", "ngày  sinh (*)" are one column)."""
    return _KEY_RE.sub("", fold(str(text or "")))


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    enum: type[LabeledEnum] | None = None
    help: str = ""
    example: object = None
    width: float = 18

    @property
    def keys(self) -> set[str]:
        return {header_key(h) for h in (self.header, *self.aliases)}

    def format_help(self) -> str:
        if self.kind == ENUM and self.enum is not None:
            allowed = "; ".join(m.label for m in self.enum)
            return f"một trong: {allowed}" + (f". {self.help}" if self.help else "")
        base = TYPE_HELP.get(self.kind, "")
        return f"{base}. {self.help}" if self.help else base

    def parse(self, value: object) -> Any:
        """The cell's value for this column (None when blank), or ``CellError``."""
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.kind == BOOL:
                return False
            return None
        parser = _PARSERS[self.kind]
        return parser(self, value)


def _text(_col: Column, value: object) -> str:
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)  # normalised and checked by the service, as when typed in a form


def _cccd(_col: Column, value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        digits = str(value)
        # Every CCCD starts with 0 (province codes 001–096): Excel drops it from a number.
        return digits.zfill(12) if len(digits) == 11 else digits
    return normalize(str(value)).replace(" ", "")


def _int(_col: Column, value: object) -> int:
    if isinstance(value, bool):
        raise CellError("là giá trị đúng/sai, không phải số")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError(f"{value} không phải số nguyên")
    if isinstance(value, datetime | date):
        raise CellError("là ngày tháng, không phải số")
    text = normalize(str(value))
    if _INT_RE.match(text):
        return int(text.replace(".", ""))
    raise CellError(f"“{text}” là chữ, không phải số nguyên")


def _decimal(_col: Column, value: object) -> Decimal:
    if isinstance(value, bool):
        raise CellError("là giá trị đúng/sai, không phải số")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, datetime | date):
        raise CellError("là ngày tháng, không phải số")
    text = normalize(str(value)).replace(" ", "")
    if _DEC_RE.match(text):
        try:
            return Decimal(text.replace(".", "").replace(",", "."))
        except InvalidOperation:
            pass
    raise CellError(f"“{text}” không phải số (dùng dấu phẩy thập phân, ví dụ 1.234,5)")


def _date(_col: Column, value: object) -> date:
    if isinstance(value, datetime):
        if value.hour or value.minute or value.second:
            raise CellError("có cả giờ phút; chỉ ghi ngày dd/mm/yyyy")
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(f"{value} là số, không phải ngày; ghi ngày dạng dd/mm/yyyy")
    text = normalize(str(value))
    if match := _DMY_RE.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO_RE.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise CellError(f"“{text}” không đúng dạng ngày dd/mm/yyyy")
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"ngày “{text}” không có trong lịch") from None


def _bool(_col: Column, value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    key = fold(str(value))
    if key in YES:
        return True
    if key in NO:
        return False
    raise CellError(f"“{normalize(str(value))}” — ghi Có hoặc Không")


def _enum(col: Column, value: object) -> LabeledEnum:
    assert col.enum is not None
    text = normalize(_text(col, value))
    member = col.enum.from_text(text)
    if member is None:
        allowed = "; ".join(m.label for m in col.enum)
        raise CellError(f"“{text}” không hợp lệ; chọn một trong: {allowed}")
    return member


def _reference(col: Column, value: object) -> str:
    return normalize(_text(col, value))


_PARSERS = {TEXT: _text, CCCD: _cccd, INT: _int, DECIMAL: _decimal, DATE: _date, BOOL: _bool,
            ENUM: _enum, UNIT: _reference, AWARD: _reference}


def show_value(col: Column, value: object) -> object:
    """How an export writes a stored value in this column (the inverse of ``parse``)."""
    if value is None:
        return None
    if col.kind == BOOL:
        return "Có" if value else "Không"
    if col.kind == ENUM and isinstance(value, LabeledEnum):
        return value.label
    if col.kind == ENUM and col.enum is not None and isinstance(value, str):
        member = col.enum.from_text(value)
        return member.label if member is not None else value
    return value
