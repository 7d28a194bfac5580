"""Reading a bloc from the database into the plain rows the pure rules work on; shared by the
bloc services, the Excel files, the proposals and the eligibility loader."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from desktop.domain.enums import (
    BlocKind,
    CriterionKind,
    ScoreBasis,
    SheetStatus,
    TargetDirection,
    TargetFormula,
)
from desktop.domain.vntext import fold
from desktop.models import (
    Bloc,
    BlocMember,
    BlocScore,
    BlocScoreAttachment,
    BlocScoreSheet,
    BlocVote,
    Criterion,
    Person,
    Unit,
    UnitTarget,
)
from desktop.services.blocs.dto import (
    BlocRow,
    CriterionRow,
    MemberRow,
    Ranking,
    ScoreCell,
    TableProblem,
    Tier,
)
from desktop.services.blocs.formulas import TargetScore, target_points
from desktop.services.blocs.ranking import UnitScores, rank_units
from desktop.services.blocs.tree import check_table
from desktop.services.common import get_active

DONE = frozenset({SheetStatus.REVIEWED, SheetStatus.PUBLISHED})
WOMEN_FROM_BLOC = "nhập cho khối"
WOMEN_FROM_PEOPLE = "theo danh sách cá nhân của đơn vị"


def live_bloc(s: Session, bloc_id: int) -> Bloc:
    return get_active(s, Bloc, bloc_id, "khối, cụm thi đua")


def bloc_row(s: Session, b: Bloc) -> BlocRow:
    linked = [u for u in (b.organiser_unit_id, b.head_unit_id, b.deputy_unit_id) if u]
    names: dict[int | None, str] = dict(s.execute(
        select(Unit.id, Unit.name).where(Unit.id.in_(linked))).all()) if linked else {}
    members = s.scalar(select(func.count(BlocMember.id)).where(
        BlocMember.bloc_id == b.id, BlocMember.deleted_at.is_(None))) or 0
    criteria = s.scalar(select(func.count(Criterion.id)).where(
        Criterion.bloc_id == b.id, Criterion.deleted_at.is_(None))) or 0
    return BlocRow(b.id, b.uuid, b.name, BlocKind(b.kind), b.year, b.organiser_unit_id,
                   names.get(b.organiser_unit_id, ""), b.head_unit_id,
                   names.get(b.head_unit_id, ""), b.deputy_unit_id,
                   names.get(b.deputy_unit_id, ""), b.pledge_date, b.pledge_note,
                   Decimal(b.total_points), b.flag_count, b.merit_count,
                   tuple(b.tie_rules or ()), b.note, members, criteria, version=b.version)


def live_criteria(s: Session, bloc_id: int) -> list[Criterion]:
    return list(s.scalars(select(Criterion).where(
        Criterion.bloc_id == bloc_id, Criterion.deleted_at.is_(None))
        .order_by(Criterion.position, Criterion.id)))


def criterion_rows(criteria: Iterable[Criterion]) -> list[CriterionRow]:
    """Depth first, siblings by position: the order the table is printed in."""
    items = list(criteria)
    by_id = {c.id: c for c in items}
    kids: dict[int | None, list[Criterion]] = defaultdict(list)
    for c in items:
        kids[c.parent_id if c.parent_id in by_id else None].append(c)
    out: list[CriterionRow] = []

    def walk(parent: int | None, depth: int, parent_code: str, seen: set[int]) -> None:
        for c in sorted(kids.get(parent, ()), key=lambda x: (x.position, x.id)):
            if c.id in seen:  # a broken parent chain never loops forever
                continue
            seen.add(c.id)
            out.append(_criterion_row(c, parent_code, depth, bool(kids.get(c.id))))
            walk(c.id, depth + 1, c.code, seen)

    walk(None, 0, "", set())
    return out


def _criterion_row(c: Criterion, parent_code: str, depth: int, is_group: bool) -> CriterionRow:
    return CriterionRow(
        c.id, c.uuid, c.bloc_id, c.parent_id, parent_code, c.code, c.name, depth, c.position,
        Decimal(c.max_points), CriterionKind(c.kind),
        Decimal(c.cap) if c.cap is not None else None,
        TargetFormula(c.formula) if c.formula else None, TargetDirection(c.direction),
        tuple(Tier(Decimal(str(p)), Decimal(str(v))) for p, v in (c.tiers or ())),
        c.indicator, c.basis, c.evidence_required, is_group, version=c.version)


def table_problems(rows: list[CriterionRow], total: Decimal) -> list[TableProblem]:
    return check_table(rows, total)


def women_shares(s: Session, unit_ids: Iterable[int]) -> dict[int, Decimal]:
    """Share of women among each unit's own people, in percent (units with nobody: absent)."""
    ids = list(unit_ids)
    if not ids:
        return {}
    rows = s.execute(select(Person.unit_id, func.count(Person.id),
                            func.sum(case((Person.gender == "female", 1), else_=0)))
                     .where(Person.unit_id.in_(ids), Person.deleted_at.is_(None))
                     .group_by(Person.unit_id))
    return {uid: (Decimal(women or 0) * 100 / Decimal(total)).quantize(Decimal("0.01"))
            for uid, total, women in rows if total}


def sheet_statuses(s: Session, bloc_id: int) -> dict[int, BlocScoreSheet]:
    return {sh.unit_id: sh for sh in s.scalars(select(BlocScoreSheet).where(
        BlocScoreSheet.bloc_id == bloc_id, BlocScoreSheet.deleted_at.is_(None)))}


def member_rows(s: Session, bloc_id: int) -> list[MemberRow]:
    rows = s.execute(select(BlocMember, Unit.name, Unit.code)
                     .join(Unit, Unit.id == BlocMember.unit_id)
                     .where(BlocMember.bloc_id == bloc_id, BlocMember.deleted_at.is_(None))
                     .order_by(BlocMember.position, BlocMember.id)).all()
    counted = women_shares(s, [m.unit_id for m, _, _ in rows if m.women_share is None])
    sheets = sheet_statuses(s, bloc_id)
    out = []
    for m, name, code in rows:
        typed = Decimal(m.women_share) if m.women_share is not None else None
        effective = typed if typed is not None else counted.get(m.unit_id)
        source = WOMEN_FROM_BLOC if typed is not None else (
            WOMEN_FROM_PEOPLE if effective is not None else "")
        sheet = sheets.get(m.unit_id)
        out.append(MemberRow(m.id, m.unit_id, name, code, m.position, typed, effective, source,
                             m.note, SheetStatus(sheet.status) if sheet else SheetStatus.DRAFT,
                             version=m.version))
    return out


@dataclass
class BlocData:
    """Everything about one bloc's scoring, read in a handful of queries."""

    bloc: BlocRow
    criteria: list[CriterionRow]
    members: list[MemberRow]
    cells: dict[tuple[int, int], ScoreCell] = field(default_factory=dict)
    score_ids: dict[tuple[int, int], int] = field(default_factory=dict)
    sheet_uuids: dict[int, str] = field(default_factory=dict)
    votes: dict[int, int] = field(default_factory=dict)
    problems: list[TableProblem] = field(default_factory=list)

    def unit_scores(self, basis: ScoreBasis) -> list[UnitScores]:
        leaves = [c for c in self.criteria if not c.is_group]
        out = []
        for m in self.members:
            scores: dict[str, Decimal] = {}
            for c in leaves:
                cell = self.cells.get((c.id, m.unit_id))
                if cell is None:
                    continue
                value = cell.self_score if basis is ScoreBasis.SELF else cell.effective
                if value is not None:
                    scores[c.code] = value
            out.append(UnitScores(m.unit_id, m.unit_name, scores, m.women_share_effective,
                                  self.votes.get(m.unit_id)))
        return out

    def ranking(self, basis: ScoreBasis) -> Ranking:
        rows, rule_problems = rank_units(self.criteria, self.unit_scores(basis),
                                         self.bloc.tie_rules)
        pending = tuple(m.unit_name for m in self.members if m.sheet_status not in DONE)
        return Ranking(self.bloc.id, basis, tuple(rows), self.bloc.tie_rules, not pending,
                       pending, tuple([str(p) for p in self.problems] + rule_problems))


def load_bloc(s: Session, bloc_id: int) -> BlocData:
    b = live_bloc(s, bloc_id)
    criteria = criterion_rows(live_criteria(s, bloc_id))
    members = member_rows(s, bloc_id)
    data = BlocData(bloc_row(s, b), criteria, members,
                    problems=table_problems(criteria, Decimal(b.total_points)))
    member_ids = {m.unit_id for m in members}
    attachment_counts = dict(s.execute(
        select(BlocScoreAttachment.score_id, func.count(BlocScoreAttachment.id))
        .join(BlocScore, BlocScore.id == BlocScoreAttachment.score_id)
        .where(BlocScore.bloc_id == bloc_id, BlocScoreAttachment.deleted_at.is_(None))
        .group_by(BlocScoreAttachment.score_id)).all())
    live_ids = {c.id for c in criteria}
    # Plain rows, not ORM objects: a 50 × 200 bloc has 10,000 cells.
    for sid, cid, uid, own, reviewed, note in s.execute(
            select(BlocScore.id, BlocScore.criterion_id, BlocScore.unit_id, BlocScore.self_score,
                   BlocScore.reviewed_score, BlocScore.evidence_note)
            .where(BlocScore.bloc_id == bloc_id, BlocScore.deleted_at.is_(None))):
        if cid not in live_ids or uid not in member_ids:
            continue
        data.score_ids[(cid, uid)] = sid
        data.cells[(cid, uid)] = ScoreCell(cid, uid, own, reviewed, note, False, "",
                                           attachment_counts.get(sid, 0))
    _add_target_cells(s, data, member_ids)
    data.sheet_uuids = {uid: sh.uuid for uid, sh in sheet_statuses(s, bloc_id).items()}
    data.votes = dict(s.execute(select(BlocVote.unit_id, BlocVote.yes_votes).where(
        BlocVote.bloc_id == bloc_id, BlocVote.deleted_at.is_(None))).all())
    return data


def _add_target_cells(s: Session, data: BlocData, member_ids: set[int]) -> None:
    """Target-based criteria: both scores are computed from each unit's target figures."""
    targeted = [c for c in data.criteria if c.kind is CriterionKind.TARGET and not c.is_group]
    if not targeted or not member_ids:
        return
    figures: dict[tuple[int, str], tuple[float | None, float | None, str]] = {}
    not_applicable: set[tuple[int, str]] = set()
    for uid, indicator, planned, actual, measure, na in s.execute(
            select(UnitTarget.unit_id, UnitTarget.indicator, UnitTarget.planned_value,
                   UnitTarget.actual_value, UnitTarget.measure_unit, UnitTarget.not_applicable)
            .where(UnitTarget.unit_id.in_(member_ids), UnitTarget.year == data.bloc.year,
                   UnitTarget.deleted_at.is_(None)).order_by(UnitTarget.id)):
        figures.setdefault((uid, fold(indicator)), (planned, actual, measure))
        if na:
            not_applicable.add((uid, fold(indicator)))
    for c in targeted:
        key = fold(c.indicator)
        for uid in member_ids:
            found = figures.get((uid, key))
            if (uid, key) in not_applicable:
                result = TargetScore(None, f"Chỉ tiêu “{c.indicator}” không áp dụng với đơn "
                                           "vị: không tính điểm tự động, cần chấm tay")
            else:
                result = target_points(c, *found) if found else target_points(c, None, None)
            old = data.cells.get((c.id, uid))
            data.cells[(c.id, uid)] = ScoreCell(
                c.id, uid, result.points, result.points, old.evidence_note if old else "",
                True, result.explanation, old.attachment_count if old else 0)


def flag_limit(bloc_flags: int, province_cap: int) -> int:
    """How many Cờ thi đua a bloc proposes: its own count (a large bloc may be given two), never
    more than the province allows each bloc (parameter ``flags_per_bloc``), at least one."""
    return max(1, min(bloc_flags, max(province_cap, 1)))


def bloc_places(s: Session, year: int, unit_ids: Iterable[int],
                flags_cap: int = 1) -> dict[int, tuple[int, int]]:
    """Each unit's (rank, Cờ thi đua its bloc proposes) in its bloc(s) of ``year``: a place that
    earns a flag first, else the best rank. Only blocs whose every sheet has been reviewed."""
    wanted = set(unit_ids)
    if not wanted:
        return {}
    bloc_ids = list(s.scalars(
        select(BlocMember.bloc_id).join(Bloc, Bloc.id == BlocMember.bloc_id)
        .where(Bloc.year == year, Bloc.deleted_at.is_(None), BlocMember.deleted_at.is_(None),
               BlocMember.unit_id.in_(wanted)).distinct()))
    out: dict[int, tuple[int, int]] = {}
    for bloc_id in bloc_ids:
        data = load_bloc(s, bloc_id)
        if data.problems or not data.members or any(
                m.sheet_status not in DONE for m in data.members):
            continue
        flags = flag_limit(data.bloc.flag_count, flags_cap)
        for row in data.ranking(ScoreBasis.REVIEWED).rows:
            if row.unit_id in wanted:
                place = (row.rank, flags)
                best = out.get(row.unit_id)
                if best is None or (place[0] > place[1], place[0]) < (best[0] > best[1], best[0]):
                    out[row.unit_id] = place
    return out


def targets_met(s: Session, year: int, unit_ids: Iterable[int]) -> dict[int, bool | None]:
    """Per unit: every target of the year met (True), one missed (False), or not yet known
    (None: no targets, or some without figures); units without targets are absent. Lines
    of a movement's appendix read the appendix's direction; "không áp dụng" lines are
    skipped."""
    from desktop.api.movements import TargetOutcome
    from desktop.services.targets import outcome, unit_lines

    out: dict[int, bool | None] = {}
    for uid, lines in unit_lines(s, year, unit_ids).items():
        results = [outcome(t) for t in lines if not t.not_applicable]
        if not results:
            continue
        if TargetOutcome.MISSED in results:
            out[uid] = False
        elif all(r is TargetOutcome.MET for r in results):
            out[uid] = True
        else:
            out[uid] = None
    return out
