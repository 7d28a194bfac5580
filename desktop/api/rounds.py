"""Rounds (đợt xét khen thưởng) and emulation registrations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.api.changes import RecordFields
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
    version: int = 1


# What a stale save lists (see ``StaleEditError``): the fields of a round, and its status.
ROUND_FIELDS = RecordFields("đợt xét khen thưởng", {
    "name": "Tên đợt xét", "year": "Năm", "kind": "Loại đợt xét",
    "movement_name": "Phong trào thi đua", "office_name": "Cơ quan tổ chức xét",
    "registration_deadline": "Hạn đăng ký thi đua", "submission_deadline": "Hạn nộp hồ sơ",
    "status": "Trạng thái đợt", "note": "Ghi chú",
})


@dataclass(frozen=True)
class RegistrationRow:
    id: int
    year: int
    person_id: int | None
    unit_id: int | None
    award_code: str
    award_name: str
    registered_on: date | None
    subject_name: str = ""  # the person's or the unit's name (filled by the unit listings)
