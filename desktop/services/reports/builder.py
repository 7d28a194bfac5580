"""The report builder: filters and grouping over award history or nominations, computed by
SQLite (one GROUP BY with COUNT/SUM); Python only labels and orders the groups it returns.

The unit of an award is the unit itself for a collective and the person's unit for an
individual; "grouped by unit" counts each award under the unit directly below the chosen one
(the communes and agencies under the province), so a commune's figure includes its villages.
Records in the trash, and records of people or units in the trash, are not counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from desktop.api.reports import (
    Dimension,
    GroupRow,
    Measures,
    ReportDefinition,
    ReportFilter,
    Source,
)
from desktop.domain.enums import (
    AchievementKind,
    AwardCategory,
    AwardLevel,
    Gender,
    NominationStatus,
    SubjectKind,
)
from desktop.domain.errors import ValidationError
from desktop.models import (
    AwardKind,
    AwardRecord,
    Decision,
    DecisionLine,
    Nomination,
    Person,
    Round,
    Unit,
)

NO_UNIT = "(Không gắn đơn vị)"
UNKNOWN = "(Chưa ghi)"
_LEVEL_ORDER = {AwardLevel.STATE.value: 0, AwardLevel.PROVINCE.value: 1,
                AwardLevel.GRASSROOTS.value: 2}

ar = AwardRecord.__table__
kinds = AwardKind.__table__
people = Person.__table__
units = Unit.__table__
noms = Nomination.__table__
rounds = Round.__table__
lines = DecisionLine.__table__
decisions = Decision.__table__


@dataclass(frozen=True)
class _Frame:
    """The columns every source offers under the same names."""

    from_: Any
    where: list[ColumnElement[bool]]
    year: ColumnElement[Any]
    kind_id: ColumnElement[Any]
    unit: ColumnElement[Any]
    person: ColumnElement[Any]
    collective: ColumnElement[Any]
    amount: ColumnElement[Any]
    achievement: ColumnElement[Any] | None
    status: ColumnElement[Any] | None


def _frame(source: Source) -> _Frame:
    if source is Source.AWARDS:
        return _Frame(
            from_=ar.outerjoin(people, people.c.id == ar.c.person_id),
            where=[ar.c.deleted_at.is_(None),
                   or_(ar.c.person_id.is_(None), people.c.deleted_at.is_(None)),
                   or_(ar.c.unit_id.is_(None), ar.c.unit_id.not_in(_dead_units()))],
            year=ar.c.year, kind_id=ar.c.award_kind_id,
            unit=func.coalesce(ar.c.unit_id, people.c.unit_id),
            person=ar.c.person_id, collective=ar.c.unit_id, amount=ar.c.amount,
            achievement=ar.c.achievement_kind, status=None)
    paid = (select(lines.c.nomination_id, func.sum(lines.c.amount).label("amount"))
            .join(decisions, decisions.c.id == lines.c.decision_id)
            .where(lines.c.deleted_at.is_(None), decisions.c.deleted_at.is_(None),
                   decisions.c.status == "signed")
            .group_by(lines.c.nomination_id).subquery("paid"))
    return _Frame(
        from_=noms.join(rounds, rounds.c.id == noms.c.round_id)
        .outerjoin(people, people.c.id == noms.c.person_id)
        .outerjoin(paid, paid.c.nomination_id == noms.c.id),
        where=[noms.c.deleted_at.is_(None), rounds.c.deleted_at.is_(None),
               or_(noms.c.person_id.is_(None), people.c.deleted_at.is_(None)),
               or_(noms.c.unit_id.is_(None), noms.c.unit_id.not_in(_dead_units()))],
        year=rounds.c.year, kind_id=noms.c.award_kind_id,
        unit=func.coalesce(noms.c.unit_id, people.c.unit_id, noms.c.household_unit_id),
        person=noms.c.person_id, collective=noms.c.unit_id, amount=paid.c.amount,
        achievement=None, status=noms.c.status)


def _dead_units() -> Select[Any]:
    return select(units.c.id).where(units.c.deleted_at.is_not(None))


def _flag(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return case((condition, 1), else_=0)


def _measures(f: _Frame) -> list[ColumnElement[Any]]:
    is_person = f.person.is_not(None)
    return [
        func.count().label("total"),
        func.sum(_flag(is_person)).label("individuals"),
        func.sum(_flag(f.collective.is_not(None))).label("collectives"),
        func.sum(_flag(and_(is_person, people.c.gender == Gender.FEMALE.value))).label("women"),
        func.sum(_flag(and_(is_person, people.c.ethnicity != "Kinh",
                            people.c.ethnicity != ""))).label("minorities"),
        func.sum(_flag(and_(is_person, people.c.is_direct_worker.is_(True)))).label("direct"),
        func.coalesce(func.sum(f.amount), 0).label("amount"),
    ]


def measures_of(row: Any) -> Measures:
    total, individuals, collectives = int(row.total), int(row.individuals or 0), \
        int(row.collectives or 0)
    return Measures(total, individuals, collectives, total - individuals - collectives,
                    int(row.women or 0), int(row.minorities or 0), int(row.direct or 0),
                    int(row.amount or 0))


# -- the unit tree ------------------------------------------------------------------------------
def unit_tops(s: Session, root_id: int | None) -> Any:
    """A CTE (id, top): every live unit under the report's root, with the unit directly below
    the root it belongs to (the root itself maps to itself). No root: the one top-level unit
    (the province) when there is one, else every top-level unit is its own group."""
    live = units.c.deleted_at.is_(None)
    if root_id is None:
        roots = list(s.scalars(select(units.c.id).where(units.c.parent_id.is_(None), live)))
        root_id = roots[0] if len(roots) == 1 else None
    if root_id is None:
        seed = select(units.c.id.label("id"), units.c.id.label("top")).where(
            units.c.parent_id.is_(None), live)
        tree = seed.cte("tree", recursive=True)
    else:
        seed = select(units.c.id.label("id"), units.c.id.label("top")).where(
            units.c.parent_id == root_id, live)
        tree = seed.cte("tree", recursive=True)
    child = units.alias("child")
    tree = tree.union_all(select(child.c.id, tree.c.top).where(
        child.c.parent_id == tree.c.id, child.c.deleted_at.is_(None)))
    if root_id is None:
        return tree
    rooted = union_all(select(tree.c.id, tree.c.top),
                       select(literal(root_id).label("id"), literal(root_id).label("top")))
    return rooted.cte("tops")


def check_unit(s: Session, unit_id: int) -> str:
    row = s.execute(select(units.c.name, units.c.deleted_at).where(units.c.id == unit_id)).first()
    if row is None or row.deleted_at is not None:
        raise ValidationError.single("unit", "Đơn vị", f"không có đơn vị mã số {unit_id} "
                                     "(hoặc đơn vị đã bị xóa)")
    return str(row.name)


# -- filters ------------------------------------------------------------------------------------
def check_filter(source: Source, flt: ReportFilter) -> None:
    """Filters that make no sense for the source are refused, not silently ignored."""
    if flt.year_from is not None and flt.year_to is not None and flt.year_from > flt.year_to:
        raise ValidationError.single("years", "Năm", f"năm đầu ({flt.year_from}) lớn hơn năm "
                                     f"cuối ({flt.year_to})")
    if source is Source.NOMINATIONS and flt.achievements:
        raise ValidationError.single(
            "achievements", "Loại thành tích", "đề nghị khen thưởng không ghi loại thành tích "
            "(chỉ lọc được trên khen thưởng đã có); hãy lọc theo đợt xét hoặc bỏ bộ lọc này")
    if source is Source.AWARDS and flt.statuses:
        raise ValidationError.single("statuses", "Trạng thái đề nghị", "khen thưởng đã có "
                                     "không có trạng thái; chọn nguồn “đề nghị khen thưởng”")
    if flt.individuals_only and flt.subjects and SubjectKind.INDIVIDUAL not in flt.subjects:
        raise ValidationError.single("subjects", "Loại đối tượng", "giới tính, dân tộc, người "
                                     "trực tiếp chỉ có ở cá nhân; hãy chọn cả “Cá nhân”")


def _conditions(f: _Frame, flt: ReportFilter, tops: Any | None) -> list[ColumnElement[bool]]:
    where = list(f.where)
    # One year: the (year, kind) index finds its rows. Several years are most of the table: a
    # plain scan in storage order is faster than an index walk with a table lookup per row,
    # so the year is then written as an expression the planner does not match to the index.
    one_year = flt.year_from is not None and flt.year_from == flt.year_to
    year = f.year if one_year else f.year + 0
    if flt.year_from is not None:
        where.append(year >= flt.year_from)
    if flt.year_to is not None:
        where.append(year <= flt.year_to)
    if flt.unit_id is not None and tops is not None:
        where.append(f.unit.in_(select(tops.c.id)))
    kind_where: list[ColumnElement[bool]] = []
    if flt.award_codes:
        # A code stands for its lineage too: "CSTD_TINH" counts the pre-2024 title as well.
        kind_where.append(or_(kinds.c.code.in_(flt.award_codes),
                              kinds.c.lineage.in_(flt.award_codes)))
    if flt.levels:
        kind_where.append(kinds.c.level.in_([v.value for v in flt.levels]))
    if flt.categories:
        kind_where.append(kinds.c.category.in_([v.value for v in flt.categories]))
    if kind_where:
        where.append(f.kind_id.in_(select(kinds.c.id).where(*kind_where)))
    if flt.subjects:
        wanted: list[ColumnElement[bool]] = []
        if SubjectKind.INDIVIDUAL in flt.subjects:
            wanted.append(f.person.is_not(None))
        if SubjectKind.COLLECTIVE in flt.subjects:
            wanted.append(f.collective.is_not(None))
        if SubjectKind.HOUSEHOLD in flt.subjects:
            wanted.append(and_(f.person.is_(None), f.collective.is_(None)))
        where.append(or_(*wanted))
    if flt.individuals_only:
        where.append(f.person.is_not(None))
    if flt.gender is not None:
        where.append(people.c.gender == flt.gender.value)
    if flt.ethnicity is not None:
        where.append(people.c.ethnicity == flt.ethnicity)
    if flt.minority is True:
        where.append(and_(people.c.ethnicity != "Kinh", people.c.ethnicity != ""))
    elif flt.minority is False:
        where.append(people.c.ethnicity == "Kinh")
    if flt.direct_worker is not None:
        where.append(people.c.is_direct_worker.is_(flt.direct_worker))
    if flt.achievements and f.achievement is not None:
        where.append(f.achievement.in_([v.value for v in flt.achievements]))
    if flt.statuses and f.status is not None:
        where.append(f.status.in_([v.value for v in flt.statuses]))
    return where


# -- grouping -----------------------------------------------------------------------------------
def _inner_key(f: _Frame, dim: Dimension) -> ColumnElement[Any]:
    """The raw value a dimension is computed from, grouped in the pass over the rows."""
    if dim is Dimension.UNIT:
        return f.unit
    if dim is Dimension.YEAR:
        return f.year + 0
    if dim in (Dimension.AWARD, Dimension.LEVEL):
        return f.kind_id
    if dim is Dimension.SUBJECT:
        return case((f.person.is_not(None), SubjectKind.INDIVIDUAL.value),
                    (f.collective.is_not(None), SubjectKind.COLLECTIVE.value),
                    else_=SubjectKind.HOUSEHOLD.value)
    if dim is Dimension.GENDER:
        return case((f.person.is_(None), null()), else_=people.c.gender)
    if dim is Dimension.ETHNICITY:
        return case((f.person.is_(None), null()), else_=people.c.ethnicity)
    if dim is Dimension.ACHIEVEMENT:
        if f.achievement is None:
            raise ValidationError.single("group_by", "Nhóm theo", "đề nghị khen thưởng không "
                                         "ghi loại thành tích; không nhóm theo tiêu chí này được")
        return f.achievement
    if f.status is None:
        raise ValidationError.single("group_by", "Nhóm theo", "khen thưởng đã có không có "
                                     "trạng thái; chọn nguồn “đề nghị khen thưởng”")
    return f.status


def family_key() -> ColumnElement[Any]:
    """An award kind and its predecessors under an earlier law count as one ("lineage")."""
    return func.coalesce(func.nullif(kinds.c.lineage, ""), kinds.c.code)


_MEASURES = ("total", "individuals", "collectives", "women", "minorities", "direct", "amount")


def grouped(s: Session, definition: ReportDefinition) -> list[GroupRow]:
    """The groups of a built report, labelled and in reading order (the totals are the sum).

    Two steps, both in SQL: one pass over the rows counts them by their raw keys (year, kind
    id, unit id…); the few thousand results are then joined to the award catalogue and the
    unit tree and summed by the dimensions asked for."""
    flt, source, dims = definition.filters, definition.source, definition.group_by
    check_filter(source, flt)
    if flt.unit_id is not None:
        check_unit(s, flt.unit_id)
    needs_tree = flt.unit_id is not None or Dimension.UNIT in dims
    tops = unit_tops(s, flt.unit_id) if needs_tree else None
    f = _frame(source)
    raw_dims = list(dict.fromkeys(Dimension.AWARD if d is Dimension.LEVEL else d for d in dims))
    raw = [_inner_key(f, d).label(f"r{i}") for i, d in enumerate(raw_dims)]
    inner = (select(*raw, *_measures(f)).select_from(f.from_)
             .where(*_conditions(f, flt, tops)).group_by(*raw).subquery("counted"))
    column = {d: inner.c[f"r{i}"] for i, d in enumerate(raw_dims)}
    from_: Any = inner
    with_kinds = False
    keys: list[ColumnElement[Any]] = []
    for i, dim in enumerate(dims):
        if dim is Dimension.UNIT:
            assert tops is not None
            from_ = from_.outerjoin(tops, tops.c.id == column[dim])
            key: ColumnElement[Any] = tops.c.top
        elif dim in (Dimension.AWARD, Dimension.LEVEL):
            if not with_kinds:
                from_ = from_.join(kinds, kinds.c.id == column[Dimension.AWARD])
                with_kinds = True
            key = family_key() if dim is Dimension.AWARD else kinds.c.level
        else:
            key = column[dim]
        keys.append(key.label(f"k{i}"))
    query = (select(*keys, *(func.sum(inner.c[m]).label(m) for m in _MEASURES))
             .select_from(from_).group_by(*keys))
    found = [(tuple(getattr(r, f"k{i}") for i in range(len(keys))), measures_of(r))
             for r in s.execute(query)]
    labels = _Labels(s, dims, found)
    rows = [GroupRow(tuple(labels.text(d, v) for d, v in zip(dims, key, strict=True)), m)
            for key, m in found]
    order = {row.keys: labels.order(dims, key) for row, (key, _) in
             zip(rows, found, strict=True)}
    return sorted(rows, key=lambda r: order[r.keys])


def total_of(rows: Sequence[GroupRow]) -> Measures:
    total = Measures()
    for row in rows:
        total = total + row.measures
    return total


class _Labels:
    """Names and reading order of group keys (unit names in the tree's order, award kinds by
    level and rank, years ascending, everything else by its label)."""

    def __init__(self, s: Session, dims: Sequence[Dimension],
                 raw: Sequence[tuple[tuple[Any, ...], Measures]]) -> None:
        self.units: dict[int, tuple[str, str]] = {}
        self.kinds: dict[str, tuple[str, tuple[Any, ...]]] = {}
        self.counts: dict[tuple[int, Any], int] = {}
        for key, m in raw:
            for i, value in enumerate(key):
                self.counts[(i, value)] = self.counts.get((i, value), 0) + m.total
        for i, dim in enumerate(dims):
            values = {key[i] for key, _ in raw if key[i] is not None}
            if dim is Dimension.UNIT and values:
                for uid, name, sort in s.execute(select(units.c.id, units.c.name,
                                                        units.c.sort_key)
                                                 .where(units.c.id.in_(values))):
                    self.units[uid] = (name, sort)
            if dim is Dimension.AWARD and values:
                # The family's current kind names it (its code is the lineage); an old kind
                # names it only when the current one is missing.
                family = family_key()
                for key, code, name, level, category, rank in s.execute(select(
                        family, kinds.c.code, kinds.c.name, kinds.c.level, kinds.c.category,
                        kinds.c.rank).where(family.in_(values)).order_by(
                        kinds.c.valid_from.is_(None), kinds.c.valid_from)):
                    if key in self.kinds and code != key:
                        continue
                    self.kinds[key] = (name, (_LEVEL_ORDER.get(level, 9),
                                              0 if category == AwardCategory.TITLE.value else 1,
                                              -int(rank or 0), name))

    def text(self, dim: Dimension, value: Any) -> str:
        if value is None:
            return NO_UNIT if dim is Dimension.UNIT else UNKNOWN
        if dim is Dimension.UNIT:
            return self.units.get(int(value), (f"#{value}", ""))[0]
        if dim is Dimension.AWARD:
            return self.kinds.get(str(value), (str(value), ()))[0]
        if dim is Dimension.YEAR:
            return str(value)
        enum = {Dimension.LEVEL: AwardLevel, Dimension.SUBJECT: SubjectKind,
                Dimension.GENDER: Gender, Dimension.ACHIEVEMENT: AchievementKind,
                Dimension.STATUS: NominationStatus}.get(dim)
        if enum is not None:
            try:
                return str(enum(value).label)
            except ValueError:
                return str(value)
        return str(value) or UNKNOWN

    def order(self, dims: Sequence[Dimension], key: tuple[Any, ...]) -> tuple[Any, ...]:
        parts: list[Any] = []
        for i, (dim, value) in enumerate(zip(dims, key, strict=True)):
            if value is None:
                parts.append((1, ()))
                continue
            if dim is Dimension.UNIT:
                parts.append((0, (self.units.get(int(value), ("", ""))[1],)))
            elif dim is Dimension.AWARD:
                parts.append((0, self.kinds.get(str(value), ("", ()))[1]))
            elif dim is Dimension.YEAR:
                parts.append((0, (int(value),)))
            elif dim is Dimension.LEVEL:
                parts.append((0, (_LEVEL_ORDER.get(value, 9),)))
            elif dim is Dimension.ETHNICITY:
                parts.append((0, (-self.counts.get((i, value), 0), str(value))))
            else:
                members = {Dimension.SUBJECT: [m.value for m in SubjectKind],
                           Dimension.GENDER: [m.value for m in Gender],
                           Dimension.ACHIEVEMENT: [m.value for m in AchievementKind],
                           Dimension.STATUS: [m.value for m in NominationStatus]}[dim]
                parts.append((0, (members.index(value) if value in members else 99,)))
        return tuple(parts)
