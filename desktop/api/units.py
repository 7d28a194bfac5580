"""Units (the organisation tree): rows and the input a unit form saves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
