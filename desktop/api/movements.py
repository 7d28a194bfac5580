"""Emulation movements (phong trào thi đua) and their targets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from desktop.api.changes import RecordFields, show_value
from desktop.domain.enums import MovementKind, TargetDirection

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
    head_target_rule: bool = False
    targets: list[TargetInput] = field(default_factory=list)


@dataclass(frozen=True)
class TargetRow:
    id: int
    position: int
    indicator: str
    measure_unit: str
    planned_value: float | None
    direction: TargetDirection
    note: str


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
