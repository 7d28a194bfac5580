"""Rounds (đợt xét khen thưởng) and emulation registrations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain.enums import RoundKind, RoundStatus


@dataclass(frozen=True)
class RoundInput:
    name: str
    year: int
    kind: RoundKind | str
    movement_id: int | None = None
    office_unit_id: int | None = None
    registration_deadline: date | None = None
    submission_deadline: date | None = None
    note: str = ""


@dataclass(frozen=True)
class RoundRow:
    id: int
    uuid: str
    name: str
    year: int
    kind: RoundKind
    movement_id: int | None
    movement_name: str
    head_target_rule: bool
    office_unit_id: int | None
    office_name: str
    registration_deadline: date | None
    submission_deadline: date | None
    status: RoundStatus
    note: str
    nomination_count: int = 0


@dataclass(frozen=True)
class RegistrationRow:
    id: int
    year: int
    person_id: int | None
    unit_id: int | None
    award_code: str
    award_name: str
    registered_on: date | None
