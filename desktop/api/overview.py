"""Tổng quan: where the year stands, as figures the overview page shows and links from.

Every figure is a count or a sum worked out in SQL by ``services.overview``; each carries what
the page needs to open the list behind it (a round's id and status, a bloc's id).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.api.maintenance import BackupStatus
from desktop.domain.enums import AwardLevel, LabeledEnum, NominationStatus, RoundKind, RoundStatus

# How many years the award charts go back (the current year included).
CHART_YEARS = 6


class CheckReason(LabeledEnum):
    """Why a nomination is still "Cần kiểm tra": the eligibility conditions left unsettled,
    grouped the way an officer fixes them (enter ratings, enter registrations, ask the head's
    unit, let the council judge)."""

    RATINGS = "ratings", "Thiếu kết quả xếp loại"
    REGISTRATION = "registration", "Chưa có đăng ký thi đua"
    HEAD_TARGETS = "head_targets", "Chưa xác nhận chỉ tiêu của người đứng đầu"
    MEMBERS = "members", "Cần số liệu về thành viên của tập thể"
    QUOTA = "quota", "Cần xem lại tỷ lệ, số lượng được đề nghị"
    HISTORY = "history", "Thiếu dữ liệu khen thưởng, kỷ luật các năm trước"
    COUNCIL = "council", "Tiêu chí do Hội đồng đánh giá"
    OTHER = "other", "Điều kiện khác cần kiểm tra"


# Condition codes of the eligibility engine (services/eligibility) by reason; a code not
# listed (a new rule) counts as OTHER until it is added here.
REASON_OF_CODE: dict[str, CheckReason] = {
    "rating": CheckReason.RATINGS, "ldtt": CheckReason.RATINGS,
    "months_worked": CheckReason.RATINGS,
    "registration": CheckReason.REGISTRATION,
    "head_targets": CheckReason.HEAD_TARGETS,
    "members_ldtt": CheckReason.MEMBERS, "members_complete": CheckReason.MEMBERS,
    "members_cstdcs": CheckReason.MEMBERS, "members_discipline": CheckReason.MEMBERS,
    "quota": CheckReason.QUOTA, "cp_quota": CheckReason.QUOTA,
    "bloc_leader": CheckReason.QUOTA,
    "discipline_period": CheckReason.HISTORY, "duplicate": CheckReason.HISTORY,
    "bk_tinh_routes": CheckReason.HISTORY,
    "council_90": CheckReason.COUNCIL, "household": CheckReason.COUNCIL,
    "achievement": CheckReason.COUNCIL, "nd86": CheckReason.COUNCIL,
    "title_round": CheckReason.COUNCIL, "no_rule": CheckReason.OTHER,
}


def reason_of(code: str) -> CheckReason:
    """The reason group of one condition code (``ratings_3`` → missing ratings)."""
    if code.startswith("ratings_"):
        return CheckReason.RATINGS
    if code.startswith("titles_"):
        return CheckReason.HISTORY
    return REASON_OF_CODE.get(code, CheckReason.OTHER)


def days_left(deadline: date | None, today: date) -> int | None:
    """Days from ``today`` to ``deadline`` (0 on the day, negative once past); None if unset."""
    return None if deadline is None else (deadline - today).days


@dataclass(frozen=True)
class RoundGlance:
    """One round still in progress (not closed), with its nominations counted by status."""

    round_id: int
    name: str
    year: int
    kind: RoundKind
    status: RoundStatus
    registration_deadline: date | None
    submission_deadline: date | None
    by_status: tuple[tuple[NominationStatus, int], ...]  # workflow order, statuses present
    to_check: int  # nominations whose last eligibility check said "Cần kiểm tra"
    unchecked: int  # nominations never checked (or edited since their last check)
    draft_decisions: int  # decisions of the round not signed yet

    @property
    def total(self) -> int:
        return sum(n for _status, n in self.by_status)


@dataclass(frozen=True)
class BlocGlance:
    """One bloc of the year with its members' score sheets not yet sent or not yet reviewed."""

    bloc_id: int
    name: str
    year: int
    members: int
    not_submitted: int  # sheets still being self-scored (or none yet)
    awaiting_review: int  # sheets sent to the bloc, not reviewed yet


@dataclass(frozen=True)
class YearAwards:
    """Award history of one year: records by award level, and the money paid."""

    year: int
    by_level: tuple[tuple[AwardLevel, int], ...]  # every level, in AwardLevel order
    money: int  # đồng

    @property
    def total(self) -> int:
        return sum(n for _level, n in self.by_level)


@dataclass(frozen=True)
class OverviewSummary:
    """Everything the overview shows, read in one go in the background."""

    today: date
    units: int
    people: int
    trash: int
    rounds: tuple[RoundGlance, ...]
    blocs: tuple[BlocGlance, ...]  # blocs of the current year with sheets still to move
    bloc_year: int
    awaiting_receipt: int  # upward packages sent, no receipt imported yet
    received_this_year: int  # packages imported this year
    years: tuple[YearAwards, ...]  # the last CHART_YEARS years, oldest first
    backup: BackupStatus | None  # None on a server database (its own backups apply)

    @property
    def to_check(self) -> int:
        return sum(r.to_check for r in self.rounds)

    @property
    def draft_decisions(self) -> int:
        return sum(r.draft_decisions for r in self.rounds)

    @property
    def sheets_not_submitted(self) -> int:
        return sum(b.not_submitted for b in self.blocs)

    @property
    def sheets_awaiting_review(self) -> int:
        return sum(b.awaiting_review for b in self.blocs)


@dataclass(frozen=True)
class CheckReasons:
    """Why the "Cần kiểm tra" nominations of one round are so: nominations per reason (one
    nomination may have several)."""

    round_id: int
    checked: int  # nominations looked at
    reasons: tuple[tuple[CheckReason, int], ...]  # most frequent first
