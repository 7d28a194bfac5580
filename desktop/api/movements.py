"""Emulation movements (phong trào thi đua) and their targets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from desktop.api.changes import RecordFields, show_value
from desktop.domain.enums import LabeledEnum, MovementKind, TargetDirection
from desktop.domain.vntext import fold

# "02/CT-UBND", "15/2024/QĐ-UBND", "1122/BTĐKT-VI": number, optional year, type-issuer code.
DOCUMENT_NUMBER_RE = re.compile(r"^\d{1,5}(/\d{4})?/[A-Za-zĐđ]{1,6}(-[A-Za-zĐđ0-9]{1,12})+$")


@dataclass(frozen=True)
class TargetInput:
    indicator: str
    measure_unit: str = ""
    planned_value: float | None = None
    direction: TargetDirection | str = TargetDirection.HIGHER_BETTER
    note: str = ""


@dataclass(frozen=True)
class MovementInput:
    name: str
    kind: MovementKind | str
    year: int
    directive_number: str = ""
    directive_date: date | None = None
    issuer: str = ""
    theme: str = ""
    period_start: date | None = None
    period_end: date | None = None
    organiser_unit_id: int | None = None
    # None: on create the province's default (parameter head_target_rule_default), on update
    # as it is.
    head_target_rule: bool | None = None
    # The appendix typed with the movement; ``None`` on update leaves the appendix as it is
    # (the appendix is then edited line by line, keeping each line's units and figures).
    targets: list[TargetInput] | None = field(default_factory=list)


@dataclass(frozen=True)
class TargetRow:
    id: int
    position: int
    indicator: str
    measure_unit: str
    planned_value: float | None
    direction: TargetDirection
    note: str
    version: int = 1


@dataclass(frozen=True)
class MovementRow:
    id: int
    uuid: str
    name: str
    kind: MovementKind
    year: int
    directive_number: str
    directive_date: date | None
    issuer: str
    theme: str
    period_start: date | None
    period_end: date | None
    organiser_unit_id: int | None
    head_target_rule: bool
    targets: tuple[TargetRow, ...] = ()
    version: int = 1


def _targets_text(targets: tuple[TargetRow, ...]) -> str:
    return "; ".join(" ".join(part for part in (
        t.indicator, show_value(t.planned_value) if t.planned_value is not None else "",
        t.measure_unit) if part) for t in targets) or show_value(None)


# What a stale save lists (see ``StaleEditError``): the fields of the movement form.
MOVEMENT_FIELDS = RecordFields("phong trào thi đua", {
    "name": "Tên phong trào", "kind": "Loại phong trào", "year": "Năm",
    "directive_number": "Số văn bản phát động", "directive_date": "Ngày văn bản phát động",
    "issuer": "Cơ quan ban hành", "theme": "Chủ đề", "period_start": "Thời gian bắt đầu",
    "period_end": "Thời gian kết thúc", "organiser_unit_id": "Đơn vị phát động",
    "head_target_rule": "Người đứng đầu phải hoàn thành chỉ tiêu", "targets": "Chỉ tiêu",
}, {"organiser_unit_id": lambda v: show_value(None) if v is None else f"đơn vị mã số {v}",
    "targets": _targets_text})


# -- directions as the directive writes them --------------------------------------------------
DIRECTION_SYMBOL: dict[TargetDirection, str] = {
    TargetDirection.HIGHER_BETTER: "≥", TargetDirection.ABOVE: ">",
    TargetDirection.LOWER_BETTER: "≤", TargetDirection.BELOW: "<",
    TargetDirection.YES_NO: "Có/Không",
}

# What an officer types for each direction (folded: no diacritics, lower case); the phrases
# of a directive ("trở lên", "không quá", "dưới") as well as the symbols.
_DIRECTION_WORDS: tuple[tuple[TargetDirection, tuple[str, ...]], ...] = (
    (TargetDirection.HIGHER_BETTER, (">=", "≥", "=>", "higher", "tu tro len", "tro len",
                                     "khong thap hon", "khong duoi", "toi thieu", "it nhat",
                                     "cang cao cang tot", "cao hon hoac bang")),
    (TargetDirection.LOWER_BETTER, ("<=", "≤", "=<", "lower", "tro xuong", "khong qua",
                                    "khong vuot qua", "khong cao hon", "toi da",
                                    "cang thap cang tot", "thap hon hoac bang")),
    (TargetDirection.ABOVE, (">", "above", "vuot", "tren", "lon hon", "cao hon",
                             "phai vuot ke hoach")),
    (TargetDirection.BELOW, ("<", "below", "duoi", "nho hon", "thap hon",
                             "phai duoi ke hoach")),
    (TargetDirection.YES_NO, ("co/khong", "co / khong", "yesno", "yes/no", "dat/khong dat",
                              "hoan thanh/khong hoan thanh", "co hoac khong")),
)


def parse_direction(text: str) -> TargetDirection | None:
    """The direction an officer typed: a symbol (≥ > ≤ <), a stored value, a label or a
    directive's phrase; None when it is none of these (never a silent default)."""
    key = fold(text).strip()
    if not key:
        return None
    member = TargetDirection.from_text(text)
    if member is not None:
        return member  # type: ignore[return-value]
    for direction, words in _DIRECTION_WORDS:
        if key in words:
            return direction
    return None


def direction_choices() -> str:
    return ", ".join(f"{DIRECTION_SYMBOL[d]} ({d.label})" for d in TargetDirection)


class TargetOutcome(LabeledEnum):
    """One unit's line of a target for a year."""

    MET = "dat", "Đạt"
    MISSED = "khong_dat", "Không đạt"
    NOT_APPLICABLE = "khong_ap_dung", "Không áp dụng"
    NO_ACTUAL = "chua_nhap", "Chưa nhập số liệu"
    NO_PLAN = "chua_ke_hoach", "Chưa có kế hoạch"


@dataclass(frozen=True)
class FigureCell:
    """A unit's figures for one appendix line (``unit_target_id`` None: not assigned)."""

    unit_target_id: int | None
    planned_value: float | None
    actual_value: float | None
    not_applicable: bool
    outcome: TargetOutcome | None
    explanation: str
    version: int = 1


@dataclass(frozen=True)
class FiguresGrid:
    """Rows: the units the movement's appendix is assigned to; columns: the appendix lines."""

    movement_id: int
    year: int
    targets: tuple[TargetRow, ...]
    units: tuple[tuple[int, str], ...]
    cells: dict[tuple[int, int], FigureCell]

    def cell(self, unit_id: int, target_id: int) -> FigureCell | None:
        return self.cells.get((unit_id, target_id))


@dataclass(frozen=True)
class FigureEntry:
    """One typed cell: the actual figure (``actual`` text as typed, "" clears it), or the
    not-applicable mark, or a per-unit planned value; fields left None are not touched."""

    unit_id: int
    target_id: int
    actual: str | float | None = None
    not_applicable: bool | None = None
    planned: str | float | None = None
    clear_actual: bool = False


_THOUSANDS_DOT = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^-?\d{1,3}(,\d{3}){2,}$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_YES = ("co", "x", "dat", "hoan thanh", "yes", "1", "true")
_NO = ("khong", "khong dat", "chua", "chua hoan thanh", "no", "0", "false")


def parse_figure(value: object, direction: TargetDirection | None = None,
                 measure_unit: str = "") -> float | None:
    """A planned or actual figure as typed, pasted or read from Excel: "7,7", "2.250",
    "1.234,5", "56,3%", "2.450 tỷ đồng", and for yes/no targets "Có"/"Không". Blank is None.
    Raises ``ValueError`` with a Vietnamese reason (naming what was typed) otherwise."""
    if value is None:
        return None
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(f"“{value}” không phải số")
        return number
    raw = str(value)
    text = raw.replace("\u00a0", " ").strip()
    if not text:
        return None
    key = fold(text)
    if direction is TargetDirection.YES_NO:
        if key in _YES:
            return 1.0
        if key in _NO:
            return 0.0
        raise ValueError(f"“{raw}” — chỉ tiêu có/không: ghi Có hoặc Không")
    unit = fold(measure_unit).strip()
    for suffix in (unit, "%", "‰"):
        if suffix and key.endswith(suffix):
            key = key[: -len(suffix)].strip()
            break
    compact = key.replace(" ", "")
    if compact.startswith("+"):
        compact = compact[1:]
    if "," in compact and "." in compact:  # 1.234,5
        compact = compact.replace(".", "").replace(",", ".")
    elif "," in compact:
        compact = compact.replace(",", "") if _THOUSANDS_COMMA.match(compact) \
            else compact.replace(",", ".")
    elif _THOUSANDS_DOT.match(compact):  # 2.250: a Vietnamese thousands separator
        compact = compact.replace(".", "")
    if not _NUMBER.match(compact):
        raise ValueError(f"“{raw}” không phải số (ví dụ 7,7 hoặc 2.250)")
    return float(compact)


def format_figure(value: float | None, direction: TargetDirection | None = None) -> str:
    """How a figure is shown in a cell: "2.250", "7,7"; yes/no targets "Có"/"Không"."""
    if value is None:
        return ""
    if direction is TargetDirection.YES_NO:
        return "Có" if value != 0 else "Không"
    from desktop.api.blocs import fmt_number

    return fmt_number(value)
