"""Nominations (đề nghị khen thưởng): inputs, list queries, rows, history and evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desktop.api.changes import RecordFields, show_value
from desktop.api.records import Subject
from desktop.domain.enums import ConditionStatus, EvidenceKind, NominationStatus, SubjectKind


@dataclass(frozen=True)
class NominationInput:
    round_id: int
    subject: Subject
    award_code: str
    achievement_summary: str = ""
    proposing_unit_id: int | None = None
    period_from: date | None = None
    period_to: date | None = None


@dataclass(frozen=True)
class NominationRow:
    id: int
    round_id: int
    subject_kind: SubjectKind
    person_id: int | None
    unit_id: int | None
    household_name: str
    subject_name: str
    subject_detail: str
    award_code: str
    award_name: str
    status: NominationStatus
    eligibility: ConditionStatus | None
    achievement_summary: str
    proposing_unit_id: int | None
    period_from: date | None
    period_to: date | None
    status_note: str
    version: int = 1

    @property
    def subject(self) -> Subject:
        return Subject(self.person_id, self.unit_id, self.household_name)


# What a stale save lists (see ``StaleEditError``): the fields of a nomination, and its status.
NOMINATION_FIELDS = RecordFields("đề nghị khen thưởng", {
    "subject_name": "Đối tượng", "award_name": "Danh hiệu/hình thức",
    "achievement_summary": "Tóm tắt thành tích", "proposing_unit_id": "Đơn vị đề nghị",
    "period_from": "Thành tích từ", "period_to": "Thành tích đến", "status": "Trạng thái",
}, {"proposing_unit_id": lambda v: show_value(None) if v is None else f"đơn vị mã số {v}"})


@dataclass(frozen=True, slots=True)
class NominationBrief:
    """What a list of targets shows of a nomination: read without ORM objects, so listing
    30,000 of them makes little garbage (a big heap's collections freeze the window)."""

    id: int
    subject_kind: SubjectKind
    subject_name: str
    subject_detail: str
    award_name: str
    status: NominationStatus


@dataclass(frozen=True)
class NominationQuery:
    round_id: int
    text: str = ""
    status: NominationStatus | None = None
    eligibility: ConditionStatus | None = None
    award_code: str | None = None
    sort: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class EventRow:
    from_status: NominationStatus | None
    to_status: NominationStatus
    actor: str
    at: datetime
    note: str


@dataclass(frozen=True)
class EvidenceRow:
    kind: EvidenceKind
    record_uuid: str
    label: str


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    sha256: str
    file_name: str
    size: int
    description: str


SORT_KEYS = ("name", "award", "status", "eligibility", "position")
