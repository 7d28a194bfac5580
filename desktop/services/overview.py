"""Tổng quan: the figures of the overview page, each one COUNT or SUM worked out by SQLite.

The page reads them in a worker thread; nothing here loads rows to count them in Python (the
province database has 600,000 award records and 30,000 nominations in a round). Why
nominations are still "Cần kiểm tra" is the one figure the database does not hold (only each
nomination's overall verdict is stored): ``check_reasons`` asks the eligibility engine again,
for the unsettled nominations of one round only, and is read after the figures.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from desktop.api.overview import (
    CHART_YEARS,
    BlocGlance,
    CheckReason,
    CheckReasons,
    OverviewSummary,
    RoundGlance,
    YearAwards,
    reason_of,
)
from desktop.api.sync import PackageKind
from desktop.domain.enums import (
    AwardLevel,
    ConditionStatus,
    NominationStatus,
    RoundKind,
    RoundStatus,
    SheetStatus,
)
from desktop.models import (
    AwardKind,
    AwardRecord,
    Bloc,
    BlocMember,
    BlocScoreSheet,
    Decision,
    Movement,
    Nomination,
    Person,
    Round,
    SyncPackage,
    Unit,
)
from desktop.services.database import Database
from desktop.services.eligibility import EligibilityService

SIGNED = "signed"
# What the trash page lists (services/trash.py): its count, without reading the rows.
TRASHED = (Unit, Person, Movement, AwardRecord, Round, Nomination)


class OverviewService:
    def __init__(self, db: Database, eligibility: EligibilityService,
                 backup_folder: Path | None = None) -> None:
        self._db = db
        self._eligibility = eligibility
        self._backup_folder = backup_folder

    def summary(self, today: date | None = None) -> OverviewSummary:
        """Every figure of the overview as of ``today`` (rounds not closed, the blocs of the
        current scoring year, packages, award history of the last CHART_YEARS years)."""
        today = today or date.today()
        with self._db.read() as s:
            units = _count(s, Unit)
            people = _count(s, Person)
            trash = sum(s.scalar(select(func.count(m.id)).where(m.deleted_at.is_not(None))) or 0
                        for m in TRASHED)
            rounds = _rounds(s)
            bloc_year = s.scalar(select(func.max(Bloc.year)).where(
                Bloc.deleted_at.is_(None), Bloc.year <= today.year)) or today.year
            blocs = _blocs(s, bloc_year)
            awaiting = s.scalar(select(func.count(SyncPackage.id)).where(
                SyncPackage.direction == "sent", SyncPackage.kind == PackageKind.UPWARD.value,
                SyncPackage.acknowledged_at.is_(None),
                # bloc sheets travel up too but never get a receipt; nomination packages do
                SyncPackage.counts.like('%"nominations"%'))) or 0
            received = s.scalar(select(func.count(SyncPackage.id)).where(
                SyncPackage.direction == "received",
                SyncPackage.handled_at >= datetime(today.year, 1, 1)))
            years = _years(s, today.year)
        backup = None
        if self._backup_folder is not None:
            from desktop.services.backups import backup_status

            backup = backup_status(self._backup_folder)
        return OverviewSummary(today, units, people, trash, rounds, blocs, bloc_year, awaiting,
                               received or 0, years, backup)

    def check_reasons(self, round_id: int) -> CheckReasons:
        """Why the round's "Cần kiểm tra" nominations are so: the eligibility engine run again
        over those nominations only (nothing saved), their unsettled conditions grouped."""
        with self._db.read() as s:
            ids = set(s.scalars(select(Nomination.id).where(
                Nomination.round_id == round_id, Nomination.deleted_at.is_(None),
                Nomination.eligibility == ConditionStatus.CHECK.value)))
        if not ids:
            return CheckReasons(round_id, 0, ())
        counts: Counter[CheckReason] = Counter()
        for result in self._eligibility.check_round(round_id, only_ids=ids, save=False):
            counts.update({reason_of(c.code) for c in result.conditions
                           if c.status is ConditionStatus.CHECK})
        order = list(CheckReason)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], order.index(item[0])))
        return CheckReasons(round_id, len(ids), tuple(ranked))


def _count(s: Session, model: Any) -> int:
    return s.scalar(select(func.count(model.id)).where(model.deleted_at.is_(None))) or 0


def _rounds(s: Session) -> tuple[RoundGlance, ...]:
    """Rounds not closed, and closed ones that still have a decision to sign; newest first."""
    drafts = (select(Decision.round_id, func.count(Decision.id).label("n"))
              .where(Decision.deleted_at.is_(None), Decision.status != SIGNED)
              .group_by(Decision.round_id).subquery())
    rows = s.execute(
        select(Round.id, Round.name, Round.year, Round.kind, Round.status,
               Round.registration_deadline, Round.submission_deadline,
               func.coalesce(drafts.c.n, literal(0)))
        .outerjoin(drafts, drafts.c.round_id == Round.id)
        .where(Round.deleted_at.is_(None),
               or_(Round.status != RoundStatus.CLOSED.value, drafts.c.n > 0))
        .order_by(Round.year.desc(), Round.id.desc())).all()
    if not rows:
        return ()
    ids = [r[0] for r in rows]
    live = and_(Nomination.round_id.in_(ids), Nomination.deleted_at.is_(None))
    by_status: dict[int, dict[str, int]] = {i: {} for i in ids}
    for round_id, status, n in s.execute(
            select(Nomination.round_id, Nomination.status, func.count(Nomination.id))
            .where(live).group_by(Nomination.round_id, Nomination.status)):
        by_status[round_id][status] = n
    verdicts: dict[tuple[int, str], int] = {(rid, verdict or ""): n for rid, verdict, n in s.execute(
        select(Nomination.round_id, Nomination.eligibility, func.count(Nomination.id))
        .where(live).group_by(Nomination.round_id, Nomination.eligibility))}
    out = []
    for rid, name, year, kind, status, registration, submission, draft_count in rows:
        counts = by_status[rid]
        out.append(RoundGlance(
            rid, name, year, RoundKind(kind), RoundStatus(status), registration, submission,
            tuple((st, counts[st.value]) for st in NominationStatus if counts.get(st.value)),
            verdicts.get((rid, ConditionStatus.CHECK.value), 0), verdicts.get((rid, ""), 0),
            draft_count))
    return tuple(out)


def _blocs(s: Session, year: int) -> tuple[BlocGlance, ...]:
    """The year's blocs with their members' sheets counted by where they are (a member with
    no sheet yet is still self-scoring)."""
    sheet = BlocScoreSheet
    draft = or_(sheet.id.is_(None), sheet.status == SheetStatus.DRAFT.value)
    rows = s.execute(
        select(Bloc.id, Bloc.name, func.count(BlocMember.id),
               func.coalesce(func.sum(case((draft, 1), else_=0)), 0),
               func.coalesce(func.sum(case((sheet.status == SheetStatus.SUBMITTED.value, 1),
                                           else_=0)), 0))
        .join(BlocMember, and_(BlocMember.bloc_id == Bloc.id, BlocMember.deleted_at.is_(None)))
        .outerjoin(sheet, and_(sheet.bloc_id == Bloc.id, sheet.unit_id == BlocMember.unit_id,
                               sheet.deleted_at.is_(None)))
        .where(Bloc.year == year, Bloc.deleted_at.is_(None))
        .group_by(Bloc.id, Bloc.name).order_by(Bloc.name, Bloc.id)).all()
    return tuple(BlocGlance(bid, name, year, int(members), int(drafts), int(submitted))
                 for bid, name, members, drafts, submitted in rows)


def _years(s: Session, year: int) -> tuple[YearAwards, ...]:
    """Award records of the last CHART_YEARS years by level, and the money paid each year.

    Grouped by award kind (the year-and-kind index answers it) and folded into levels here
    from the few dozen kinds: joining the catalog in SQL made SQLite sort 480,000 rows."""
    first = year - CHART_YEARS + 1
    level_of: dict[int, str] = {kid: level for kid, level in
                                s.execute(select(AwardKind.id, AwardKind.level))}
    counts: dict[int, Counter[str]] = {y: Counter() for y in range(first, year + 1)}
    money: Counter[int] = Counter()
    for y, kind_id, n, amount in s.execute(
            select(AwardRecord.year, AwardRecord.award_kind_id, func.count(AwardRecord.id),
                   func.coalesce(func.sum(AwardRecord.amount), 0))
            .where(AwardRecord.deleted_at.is_(None), AwardRecord.year.between(first, year))
            .group_by(AwardRecord.year, AwardRecord.award_kind_id)):
        counts[y][level_of.get(kind_id, "")] += n
        money[y] += int(amount or 0)
    return tuple(YearAwards(y, tuple((lv, counts[y][lv.value]) for lv in AwardLevel), money[y])
                 for y in range(first, year + 1))
