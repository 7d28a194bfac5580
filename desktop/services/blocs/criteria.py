"""Editing a bloc's criteria table (bảng tiêu chí chấm điểm).

A node is checked on its own when it is saved (code, name, points, kind, formula, parent,
existing scores); the table as a whole — parts adding up to their group, groups to the bloc's
total, bonus and penalty items within their caps — is checked by ``tree.check_table`` and
reported with the table, because a table is built one node at a time and is inconsistent in
between. A whole table written at once (``replace_table``, an Excel import) must be
consistent, or nothing is written. Once a sheet is published the table is frozen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.api.blocs import CRITERION_FIELDS
from desktop.domain.enums import CriterionKind, SheetStatus, TargetDirection, TargetFormula
from desktop.domain.errors import ConflictError, FieldProblem, ValidationError
from desktop.models import BlocScore, BlocScoreSheet, Criterion
from desktop.services.blocs.dto import CriteriaTable, CriterionInput, CriterionRow, Tier
from desktop.services.blocs.loading import (
    criterion_rows,
    live_bloc,
    live_criteria,
    table_problems,
)
from desktop.services.blocs.points import fmt_points, to_points
from desktop.services.blocs.tree import SECTION_LABEL, check_table, node_problems, section
from desktop.services.common import get_active, tombstone
from desktop.services.database import Database
from desktop.services.stale import refuse_stale, stale_writes
from desktop.services.validation import Problems

CODE_MAX = 30


class CriteriaService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def table(self, bloc_id: int) -> CriteriaTable:
        with self._db.read() as s:
            b = live_bloc(s, bloc_id)
            rows = criterion_rows(live_criteria(s, bloc_id))
            reason = _lock_reason(s, bloc_id)
            return CriteriaTable(bloc_id, Decimal(b.total_points), tuple(rows),
                                 tuple(table_problems(rows, Decimal(b.total_points))),
                                 bool(reason), reason)

    def get(self, criterion_id: int) -> CriterionRow:
        with self._db.read() as s:
            c = get_active(s, Criterion, criterion_id, "tiêu chí")
            return next(r for r in criterion_rows(live_criteria(s, c.bloc_id)) if r.id == c.id)

    def add(self, bloc_id: int, data: CriterionInput) -> CriterionRow:
        with self._db.session() as s:
            live_bloc(s, bloc_id)
            _refuse_if_locked(s, bloc_id)
            c = Criterion(bloc_id=bloc_id)
            _apply(s, bloc_id, c, data)
            s.add(c)
            s.flush()
            return _row(s, c)

    def update(self, criterion_id: int, data: CriterionInput, *,
               expected_version: int | None = None) -> CriterionRow:
        """Save the form; with ``expected_version`` (the ``version`` of the row the form was
        opened with) a criterion someone else saved meanwhile is refused (``StaleEditError``)."""
        with self._db.session() as s:
            c = get_active(s, Criterion, criterion_id, "tiêu chí")
            name = f"{c.code} {c.name}".strip()

            def yours() -> CriterionRow:
                _apply(s, c.bloc_id, c, data)
                return _row(s, c)

            refuse_stale(s, c, expected_version, CRITERION_FIELDS, name,
                         stored=lambda: _row(s, c), yours=yours)
            _refuse_if_locked(s, c.bloc_id)
            with stale_writes(CRITERION_FIELDS, name, expected_version):
                _apply(s, c.bloc_id, c, data)
                s.flush()
            return _row(s, c)

    def delete(self, criterion_id: int) -> int:
        """Remove a node with its sub-criteria; refused while any of them has scores."""
        with self._db.session() as s:
            c = get_active(s, Criterion, criterion_id, "tiêu chí")
            _refuse_if_locked(s, c.bloc_id)
            nodes = _subtree(live_criteria(s, c.bloc_id), c.id)
            scored = _scored_units(s, [n.id for n in nodes])
            if scored:
                codes = ", ".join(sorted({n.code for n in nodes if n.id in scored}))
                raise ConflictError(f"Không xóa được tiêu chí {c.code}: đã có điểm ở tiêu chí "
                                    f"{codes}. Hãy xóa điểm trước.")
            for n in nodes:
                tombstone(n)
            _renumber(s, c.bloc_id, c.parent_id)
            return len(nodes)

    def replace_table(self, bloc_id: int, rows: Sequence[CriterionInput]) -> CriteriaTable:
        """Write a whole table at once (an import): every problem of every row is reported and
        nothing is written unless the table is consistent. Nodes are matched by code, so
        unchanged criteria keep their scores; criteria left out are removed (refused when they
        have scores)."""
        with self._db.session() as s:
            b = live_bloc(s, bloc_id)
            _refuse_if_locked(s, bloc_id)
            existing = {c.code: c for c in live_criteria(s, bloc_id)}
            p = Problems()
            normalised = [_normalise(p, f"rows[{i}]", f"Dòng {i}", data)
                          for i, data in enumerate(rows, start=1)]
            p.raise_if_any()
            specs = [n for n in normalised if n is not None]
            problems = check_table(specs, Decimal(b.total_points))
            if problems:
                raise ValidationError([FieldProblem("table", f"Tiêu chí {t.code}" if t.code
                                                    else "Bảng tiêu chí", t.message)
                                       for t in problems])
            wanted = {spec.code for spec in specs}
            dropped = [c for code, c in existing.items() if code not in wanted]
            scored = _scored_units(s, [c.id for c in dropped])
            if scored:
                codes = ", ".join(sorted(c.code for c in dropped if c.id in scored))
                raise ConflictError(f"Bảng mới bỏ các tiêu chí đã có điểm: {codes}. Hãy giữ lại "
                                    "các tiêu chí này hoặc xóa điểm trước.")
            leaves_with_scores = _scored_units(s, [c.id for c in existing.values()])
            parents = {spec.parent_code for spec in specs}
            for spec in specs:
                old = existing.get(spec.code)
                if old is not None and old.id in leaves_with_scores:
                    if spec.code in parents:
                        raise ConflictError(f"Tiêu chí {spec.code} đã có điểm nên không thể có "
                                            "tiêu chí con.")
                    over = _max_existing(s, old.id)
                    if over is not None and over > spec.max_points:
                        raise ConflictError(f"Tiêu chí {spec.code}: đã có điểm {fmt_points(over)} "
                                            f"lớn hơn điểm tối đa mới "
                                            f"{fmt_points(spec.max_points)}.")
            for c in dropped:
                tombstone(c)
            s.flush()
            by_code: dict[str, Criterion] = {}
            positions: dict[str, int] = {}
            for spec in specs:  # parents come before children in a table
                c = existing.get(spec.code) or Criterion(bloc_id=bloc_id)
                positions[spec.parent_code] = positions.get(spec.parent_code, 0) + 1
                _store(c, spec, None, positions[spec.parent_code])
                s.add(c)
                by_code[spec.code] = c
            s.flush()
            for spec in specs:
                by_code[spec.code].parent_id = by_code[spec.parent_code].id \
                    if spec.parent_code else None
            s.flush()
            rows_out = criterion_rows(live_criteria(s, bloc_id))
            return CriteriaTable(bloc_id, Decimal(b.total_points), tuple(rows_out), ())

    def copy_table(self, source_bloc_id: int, target_bloc_id: int) -> CriteriaTable:
        """Start a bloc's table from another one's (usually last year's)."""
        with self._db.session() as s:
            live_bloc(s, source_bloc_id)
            live_bloc(s, target_bloc_id)
            if live_criteria(s, target_bloc_id):
                raise ConflictError("Khối đã có bảng tiêu chí; hãy xóa bảng cũ trước khi sao chép.")
            copy_criteria(s, source_bloc_id, target_bloc_id)
        return self.table(target_bloc_id)


def copy_criteria(s: Session, source_bloc_id: int, target_bloc_id: int) -> int:
    """Copy every live node (new identities, same codes, tree and settings)."""
    old = live_criteria(s, source_bloc_id)
    new_ids: dict[int, Criterion] = {}
    for c in old:
        copy = Criterion(bloc_id=target_bloc_id, position=c.position, code=c.code, name=c.name,
                         max_points=c.max_points, kind=c.kind, cap=c.cap, formula=c.formula,
                         direction=c.direction, tiers=list(c.tiers or []), indicator=c.indicator,
                         basis=c.basis, evidence_required=c.evidence_required)
        s.add(copy)
        new_ids[c.id] = copy
    s.flush()
    for c in old:
        if c.parent_id in new_ids:
            new_ids[c.id].parent_id = new_ids[c.parent_id].id
    s.flush()
    return len(old)


# -- rules ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Spec:
    """A node as the table rules read it (``tree.NodeLike``), built from an input."""

    code: str
    name: str
    kind: CriterionKind
    max_points: Decimal
    cap: Decimal | None
    formula: TargetFormula | None
    direction: TargetDirection
    tiers: tuple[Tier, ...]
    indicator: str
    basis: str
    evidence_required: bool
    parent_code: str
    position: int | None


def _normalise(p: Problems, field: str, label: str, data: CriterionInput) -> _Spec | None:
    """Checked, typed values of one input (problems are added to ``p``)."""
    before = len(p.items)
    code = p.text(data.code, field, f"{label}: mã tiêu chí", required=True, max_length=CODE_MAX)
    name = p.text(data.name, field, f"{label}: tên tiêu chí", required=True, max_length=2000)
    where = f"{label} (tiêu chí {code})" if code else label
    kind = p.choice(data.kind, CriterionKind, field, f"{where}: loại")
    direction = p.choice(data.direction, TargetDirection, field, f"{where}: chiều chỉ tiêu")
    formula = p.choice(data.formula, TargetFormula, field, f"{where}: cách tính", required=False) \
        if data.formula else None
    points: dict[str, Decimal | None] = {"max_points": None, "cap": None}
    for key, value, what in (("max_points", data.max_points, "điểm tối đa"),
                             ("cap", data.cap, "mức trần")):
        if value is None or value == "":
            if key == "max_points":
                p.add(field, f"{where}: {what}", "chưa nhập")
            continue
        try:
            points[key] = to_points(value)
        except ValueError as exc:
            p.add(field, f"{where}: {what}", str(exc))
    tiers = tuple(Tier(Decimal(t.from_percent), Decimal(t.points)) for t in data.tiers)
    if len(p.items) > before:
        return None
    assert kind is not None and direction is not None and points["max_points"] is not None
    spec = _Spec(code=code, name=name, kind=kind, max_points=points["max_points"],
                 cap=points["cap"], formula=formula, direction=direction, tiers=tiers,
                 indicator=data.indicator.strip(), basis=data.basis.strip(),
                 evidence_required=bool(data.evidence_required),
                 parent_code=data.parent_code.strip(), position=data.position)
    for message in node_problems(spec):
        p.add(field, where, message)
    return spec if len(p.items) == before else None


def _apply(s: Session, bloc_id: int, c: Criterion, data: CriterionInput) -> None:
    p = Problems()
    spec = _normalise(p, "criterion", "Tiêu chí", data)
    p.raise_if_any()
    assert spec is not None
    others = [x for x in live_criteria(s, bloc_id) if x.id != c.id]
    by_code = {x.code: x for x in others}
    label = f"Tiêu chí {spec.code}"
    if spec.code in by_code:
        p.add("code", label, "mã đã có trong bảng")
    parent = None
    if spec.parent_code:
        parent = by_code.get(spec.parent_code)
        if parent is None:
            p.add("parent_code", label, f"không có nhóm cha mã “{spec.parent_code}”")
        elif c.id is not None and parent.id in {n.id for n in _subtree([*others, c], c.id)}:
            p.add("parent_code", label, "không thể đặt tiêu chí vào nhóm con của chính nó")
        else:
            parent_kind = CriterionKind(parent.kind)
            if section(spec.kind) is not section(parent_kind):
                p.add("parent_code", label,
                      f"là {SECTION_LABEL[section(spec.kind)]}, không đặt trong nhóm "
                      f"{parent.code} ({SECTION_LABEL[section(parent_kind)]}) được")
            elif parent_kind is CriterionKind.TARGET:
                p.add("parent_code", label, f"tiêu chí {parent.code} tính theo chỉ tiêu nên không "
                                            "có tiêu chí con được")
            elif _scored_units(s, [parent.id]):
                p.add("parent_code", label, f"tiêu chí {parent.code} đã có điểm nên không thêm "
                                            "tiêu chí con được")
    if c.id is not None:
        has_children = any(x.parent_id == c.id for x in others)
        if has_children and spec.kind is CriterionKind.TARGET:
            p.add("kind", label, "nhóm có tiêu chí con không tính theo chỉ tiêu được")
        if spec.kind is CriterionKind.TARGET and c.kind != CriterionKind.TARGET.value and \
                _scored_units(s, [c.id]):
            p.add("kind", label, "đã có điểm nhập tay; xóa điểm trước khi chuyển sang tính theo "
                                 "chỉ tiêu")
        over = _max_existing(s, c.id)
        if over is not None and over > spec.max_points:
            p.add("max_points", label, f"đã có điểm {fmt_points(over)} lớn hơn điểm tối đa "
                                       f"mới {fmt_points(spec.max_points)}")
    p.raise_if_any()
    old_parent = c.parent_id
    new_parent = parent.id if parent is not None else None
    siblings = [x for x in others if x.parent_id == new_parent]
    siblings.sort(key=lambda x: (x.position, x.id))
    index = len(siblings) if spec.position is None else max(0, min(spec.position - 1,
                                                                    len(siblings)))
    siblings.insert(index, c)
    for position, x in enumerate(siblings, start=1):
        x.position = position
    _store(c, spec, new_parent, c.position)
    s.add(c)
    s.flush()
    if c.id is not None and old_parent != new_parent:
        _renumber(s, bloc_id, old_parent)


def _store(c: Criterion, spec: _Spec, parent_id: int | None, position: int) -> None:
    c.code, c.name = spec.code, spec.name
    c.parent_id, c.position = parent_id, position
    c.kind = spec.kind.value
    c.max_points, c.cap = spec.max_points, spec.cap
    target = spec.kind is CriterionKind.TARGET
    c.formula = spec.formula.value if target and spec.formula else ""
    c.direction = (spec.direction if target else TargetDirection.HIGHER_BETTER).value
    c.tiers = [[str(t.from_percent), str(t.points)] for t in spec.tiers] if target else []
    c.indicator = spec.indicator
    c.basis, c.evidence_required = spec.basis, spec.evidence_required


def _row(s: Session, c: Criterion) -> CriterionRow:
    return next(r for r in criterion_rows(live_criteria(s, c.bloc_id)) if r.id == c.id)


def _subtree(nodes: Sequence[Criterion], root_id: int) -> list[Criterion]:
    out = [n for n in nodes if n.id == root_id]
    frontier = {root_id}
    while frontier:
        children = [n for n in nodes if n.parent_id in frontier and n not in out]
        out.extend(children)
        frontier = {n.id for n in children}
    return out


def _renumber(s: Session, bloc_id: int, parent_id: int | None) -> None:
    siblings = [x for x in live_criteria(s, bloc_id) if x.parent_id == parent_id]
    for position, x in enumerate(sorted(siblings, key=lambda x: (x.position, x.id)), start=1):
        x.position = position


def _scored_units(s: Session, criterion_ids: Sequence[int]) -> set[int]:
    """Those of the criteria that have a self or reviewed score somewhere."""
    if not criterion_ids:
        return set()
    return set(s.scalars(select(BlocScore.criterion_id).where(
        BlocScore.criterion_id.in_(criterion_ids), BlocScore.deleted_at.is_(None),
        (BlocScore.self_score.is_not(None)) | (BlocScore.reviewed_score.is_not(None)))
        .distinct()))


def _max_existing(s: Session, criterion_id: int) -> Decimal | None:
    high = s.execute(select(func.max(BlocScore.self_score), func.max(BlocScore.reviewed_score))
                     .where(BlocScore.criterion_id == criterion_id,
                            BlocScore.deleted_at.is_(None))).one()
    values = [Decimal(v) for v in high if v is not None]
    return max(values) if values else None


def _lock_reason(s: Session, bloc_id: int) -> str:
    published = s.scalar(select(func.count(BlocScoreSheet.id)).where(
        BlocScoreSheet.bloc_id == bloc_id, BlocScoreSheet.deleted_at.is_(None),
        BlocScoreSheet.status == SheetStatus.PUBLISHED.value)) or 0
    if published:
        return (f"Đã công bố kết quả chấm điểm của {published} đơn vị: bảng tiêu chí bị khóa. "
                "Mở khóa các bảng điểm đã công bố trước khi sửa.")
    return ""


def _refuse_if_locked(s: Session, bloc_id: int) -> None:
    reason = _lock_reason(s, bloc_id)
    if reason:
        raise ConflictError(reason)
