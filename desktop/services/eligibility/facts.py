"""What the eligibility rules read about one nomination, gathered in a few set-based queries.

Plain frozen dataclasses: the rules are pure functions of these, so they are tested without a
database and run over 30,000 nominations in about a second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.domain.enums import (
    AchievementKind,
    DisciplineForm,
    DisciplineStatus,
    InitiativeScope,
    RatingLevel,
    RoundKind,
    SubjectKind,
)


@dataclass(frozen=True, slots=True)
class AwardFact:
    """An award already received; years only (rules compare years, and reading 600,000 dates
    would dominate the load)."""

    lineage: str
    name: str
    year: int
    achievement: AchievementKind
    decision_number: str = ""
    decision_year: int | None = None
    period_from_year: int | None = None
    period_to_year: int | None = None

    @property
    def period_end_year(self) -> int:
        """Art 33.7: intervals count from the achievement period in the decision, else its date."""
        if self.period_to_year is not None:
            return self.period_to_year
        if self.decision_year is not None:
            return self.decision_year
        return self.year

    @property
    def has_period(self) -> bool:
        """Both ends of the achievement period are written in the decision."""
        return self.period_from_year is not None and self.period_to_year is not None

    @property
    def period_text(self) -> str:
        """"2018–2020", or the single year; "" when the decision records no period."""
        if self.period_from_year is None or self.period_to_year is None:
            return ""
        if self.period_from_year == self.period_to_year:
            return str(self.period_to_year)
        return f"{self.period_from_year}–{self.period_to_year}"


@dataclass(frozen=True, slots=True)
class InitiativeFact:
    scope: InitiativeScope
    year: int
    title: str = ""
    decision_number: str = ""


@dataclass(frozen=True)
class DisciplineFact:
    form: DisciplineForm
    status: DisciplineStatus
    decision_number: str = ""
    effective_from: date | None = None
    effective_to: date | None = None


@dataclass(frozen=True)
class MemberStats:
    """A collective's members in the award year (people of the unit, not of its sub-units)."""

    members: int
    rated: int
    completed: int  # rated at least "hoàn thành nhiệm vụ"
    ldtt: int  # Lao động tiên tiến for the year (decided, or proposed in the same round)
    cstdcs: int
    disciplined_warning_up: int
    women: int = 0


@dataclass(frozen=True, slots=True)
class QuotaCandidate:
    """A CSTĐ cơ sở nomination of the same unit, for proposing which to keep when the unit is
    over its quota: merit first (rating of the year, initiatives), then women among equals
    (NĐ 152/2025 Art 4.6)."""

    nomination_id: int
    name: str
    female: bool
    rating: RatingLevel | None = None
    best_scope: int = 0  # 0 none, 1 unit, 2 province, 3 national (SCOPE_ORDER)
    initiatives: int = 0  # recognised in the award year


@dataclass(frozen=True, slots=True)
class SiblingNomination:
    """Another nomination of the same subject that a rule must know about."""

    lineage: str
    year: int
    round_name: str
    status: str


@dataclass(frozen=True, slots=True)
class WorkMonths:
    """Time worked in the award year as recorded with the yearly rating: months at work and
    months of long leave with its kind. Maternity leave counts as time worked (NĐ 152/2025
    Art 4.5). ``months_worked`` None: only the leave was written; the rest of the year is
    taken as worked."""

    months_worked: int | None
    leave_months: int | None
    leave_kind: str = ""  # LeaveKind value, "" when no leave

    @property
    def worked(self) -> int:
        if self.months_worked is not None:
            return self.months_worked
        return max(0, 12 - (self.leave_months or 0))


@dataclass(slots=True)
class NominationFacts:
    """Everything the rules read about one nomination. Treated as read-only; not frozen only
    because frozen dataclasses are slow to build and a round builds 30,000 of them."""

    nomination_id: int
    subject: SubjectKind
    subject_name: str
    award_code: str
    award_lineage: str
    award_name: str
    year: int
    round_kind: RoundKind
    ratings: dict[int, RatingLevel] = field(default_factory=dict)
    awards: tuple[AwardFact, ...] = ()
    initiatives: tuple[InitiativeFact, ...] = ()
    disciplines: tuple[DisciplineFact, ...] = ()
    members: MemberStats | None = None
    same_round: tuple[SiblingNomination, ...] = ()  # this subject's other nominations here
    other_rounds: tuple[SiblingNomination, ...] = ()  # same award elsewhere (duplicates)
    registered: bool | None = None  # None: registrations are not kept for this round
    is_unit_head: bool = False
    head_rule: bool = False  # the movement applies the head-of-unit target rule
    head_targets_met: bool | None = None
    head_targets_text: str = ""  # names the directive and the missed targets
    head_directive: str = ""  # "Chỉ thị số 05/CT-UBND"
    bloc_rank: int | None = None
    bloc_flags: int = 1  # Cờ thi đua the unit's bloc may propose (bloc count within the cap)
    work_months: WorkMonths | None = None  # None: nothing recorded for the award year
    quota_used: int | None = None  # CSTĐCS nominations of the unit in this round
    quota_base: int | None = None  # LĐTT of the unit for the year
    quota_candidates: tuple[QuotaCandidate, ...] = ()  # the unit's CSTĐCS nominations here
    award_legal: str = ""  # the catalog's legal basis and article of the award kind
    params: dict[str, object] = field(default_factory=dict)
