"""History records of a person or unit: ratings, disciplines, initiatives, awards received."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain.enums import (
    AchievementKind,
    DisciplineForm,
    DisciplineStatus,
    InitiativeScope,
    LeaveKind,
    RatingLevel,
)


@dataclass(frozen=True)
class Subject:
    """Who a record is about: a person, a unit, or (awards only) a household by name."""

    person_id: int | None = None
    unit_id: int | None = None
    household_name: str = ""


@dataclass(frozen=True)
class RatingRow:
    id: int
    person_id: int | None
    unit_id: int | None
    year: int
    level: RatingLevel
    note: str
    months_worked: int | None = None
    leave_months: int | None = None
    leave_kind: LeaveKind | None = None


@dataclass(frozen=True)
class WorkTime:
    """Time worked in a rated year (LĐTT: at least the province's minimum months; maternity
    leave counts as worked, NĐ 152/2025 Art 4.5). Empty fields: not recorded."""

    months_worked: int | None = None
    leave_months: int | None = None
    leave_kind: LeaveKind | str = ""


@dataclass(frozen=True)
class DisciplineInput:
    subject: Subject
    form: DisciplineForm | str
    status: DisciplineStatus | str = DisciplineStatus.DECIDED
    decision_number: str = ""
    decision_date: date | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    reason: str = ""


@dataclass(frozen=True)
class DisciplineRow:
    id: int
    person_id: int | None
    unit_id: int | None
    form: DisciplineForm
    status: DisciplineStatus
    decision_number: str
    decision_date: date | None
    effective_from: date | None
    effective_to: date | None
    reason: str

    def as_input(self) -> DisciplineInput:
        return DisciplineInput(Subject(self.person_id, self.unit_id), self.form, self.status,
                               self.decision_number, self.decision_date, self.effective_from,
                               self.effective_to, self.reason)


@dataclass(frozen=True)
class InitiativeInput:
    subject: Subject
    title: str
    year: int
    scope: InitiativeScope | str
    decision_number: str = ""
    decision_date: date | None = None
    recognised_by: str = ""


@dataclass(frozen=True)
class InitiativeRow:
    id: int
    person_id: int | None
    unit_id: int | None
    title: str
    year: int
    scope: InitiativeScope
    decision_number: str
    decision_date: date | None
    recognised_by: str

    def as_input(self) -> InitiativeInput:
        return InitiativeInput(Subject(self.person_id, self.unit_id), self.title, self.year,
                               self.scope, self.decision_number, self.decision_date,
                               self.recognised_by)


@dataclass(frozen=True)
class AwardRecordInput:
    subject: Subject
    award_code: str
    year: int
    achievement_kind: AchievementKind | str
    decision_number: str
    decision_date: date | None
    issuer: str = ""
    period_from: date | None = None
    period_to: date | None = None
    amount: int | None = None
    note: str = ""


@dataclass(frozen=True)
class AwardRecordRow:
    id: int
    person_id: int | None
    unit_id: int | None
    household_name: str
    award_code: str
    award_name: str
    lineage: str
    year: int
    achievement_kind: AchievementKind
    period_from: date | None
    period_to: date | None
    decision_number: str
    decision_date: date | None
    issuer: str
    amount: int | None
    note: str = ""

    def as_input(self) -> AwardRecordInput:
        return AwardRecordInput(Subject(self.person_id, self.unit_id, self.household_name),
                                self.award_code, self.year, self.achievement_kind,
                                self.decision_number, self.decision_date, self.issuer,
                                self.period_from, self.period_to, self.amount, self.note)
