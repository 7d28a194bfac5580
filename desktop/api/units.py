"""Units (the organisation tree): rows and the input a unit form saves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.api.changes import RecordFields
from desktop.domain.enums import UnitKind

# Local government has two tiers since 01/7/2025: districts are history only.
DISTRICTS_ABOLISHED_ON = date(2025, 7, 1)


@dataclass(frozen=True)
class UnitInput:
    name: str
    code: str
    kind: UnitKind | str
    parent_id: int | None = None
    short_name: str = ""
    address: str = ""
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class UnitRow:
    id: int
    uuid: str
    name: str
    short_name: str
    code: str
    kind: UnitKind
    level: str
    parent_id: int | None
    address: str
    valid_from: date | None
    valid_to: date | None
    child_count: int = 0
    version: int = 1

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def is_historical(self) -> bool:
        return self.valid_to is not None and self.valid_to < date.today()


def _unit_ref(unit_id: int | None) -> str:
    return "(không có — đơn vị cấp cao nhất)" if unit_id is None else f"đơn vị mã số {unit_id}"


# What a stale save lists (see ``StaleEditError``): the fields of the unit form.
UNIT_FIELDS = RecordFields("đơn vị", {
    "name": "Tên đơn vị", "code": "Mã đơn vị", "kind": "Loại đơn vị",
    "parent_id": "Đơn vị cấp trên", "short_name": "Tên viết tắt", "address": "Địa chỉ",
    "valid_from": "Ngày bắt đầu hiệu lực", "valid_to": "Ngày hết hiệu lực",
}, {"parent_id": _unit_ref})
