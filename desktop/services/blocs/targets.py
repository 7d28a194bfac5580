"""Targets (chỉ tiêu) of each unit per year: planned and actual figures that target-based
criteria score, that the head-of-unit rule reads, and that a movement's appendix can hand out
to units in one step."""

from __future__ import annotations

import builtins
import math
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.api.blocs import UNIT_TARGET_FIELDS
from desktop.domain.enums import TargetDirection
from desktop.domain.vntext import fold
from desktop.models import MovementTarget, Unit, UnitTarget
from desktop.services.blocs.dto import UnitTargetInput, UnitTargetRow
from desktop.services.blocs.formulas import completion_percent, describe_figures, target_met
from desktop.services.blocs.loading import targets_met
from desktop.services.blocs.points import fmt_percent
from desktop.services.common import get_active, tombstone
from desktop.services.database import Database
from desktop.services.stale import refuse_stale, stale_writes
from desktop.services.targets import NO_DIRECTION, assign_appendix, effective_direction
from desktop.services.validation import Problems


class TargetService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self, year: int | None = None, unit_id: int | None = None) -> list[UnitTargetRow]:
        with self._db.read() as s:
            query = (select(UnitTarget, Unit.name, MovementTarget.direction)
                     .join(Unit, Unit.id == UnitTarget.unit_id)
                     .outerjoin(MovementTarget,
                                MovementTarget.id == UnitTarget.movement_target_id)
                     .where(UnitTarget.deleted_at.is_(None)))
            if year is not None:
                query = query.where(UnitTarget.year == year)
            if unit_id is not None:
                query = query.where(UnitTarget.unit_id == unit_id)
            return [_row(t, name, appendix) for t, name, appendix in s.execute(
                query.order_by(UnitTarget.year.desc(), Unit.sort_key, UnitTarget.id))]

    def get(self, target_id: int) -> UnitTargetRow:
        with self._db.read() as s:
            t = get_active(s, UnitTarget, target_id, "chỉ tiêu")
            return _row_of(s, t)

    def indicators(self, year: int) -> builtins.list[str]:
        """Indicator names in use for a year (what a target-based criterion can name)."""
        with self._db.read() as s:
            names = s.scalars(select(UnitTarget.indicator).where(
                UnitTarget.year == year, UnitTarget.deleted_at.is_(None)).distinct())
            return sorted(set(names), key=fold)

    def create(self, data: UnitTargetInput) -> UnitTargetRow:
        with self._db.session() as s:
            t = UnitTarget()
            _apply(s, t, data)
            s.add(t)
            s.flush()
            return _row_of(s, t)

    def update(self, target_id: int, data: UnitTargetInput, *,
               expected_version: int | None = None) -> UnitTargetRow:
        """Save the form; with ``expected_version`` (the ``version`` of the row the form was
        opened with) a target someone else saved meanwhile is refused (``StaleEditError``)."""
        with self._db.session() as s:
            t = get_active(s, UnitTarget, target_id, "chỉ tiêu")
            name = t.indicator

            def yours() -> UnitTargetRow:
                _apply(s, t, data)
                return _row_of(s, t)

            refuse_stale(s, t, expected_version, UNIT_TARGET_FIELDS, name,
                         stored=lambda: _row_of(s, t), yours=yours)
            _apply(s, t, data)
            with stale_writes(UNIT_TARGET_FIELDS, name, expected_version):
                s.flush()
            return _row_of(s, t)

    def set_actual(self, target_id: int, actual: float | None) -> UnitTargetRow:
        """Record the figure achieved (the usual year-end edit)."""
        with self._db.session() as s:
            t = get_active(s, UnitTarget, target_id, "chỉ tiêu")
            p = Problems()
            _number(p, actual, "actual_value", "Số thực hiện")
            p.raise_if_any()
            t.actual_value = actual
            s.flush()
            return _row_of(s, t)

    def delete(self, target_id: int) -> None:
        with self._db.session() as s:
            tombstone(get_active(s, UnitTarget, target_id, "chỉ tiêu"))

    def assign_movement_targets(self, movement_id: int, unit_ids: Sequence[int],
                                year: int | None = None) -> builtins.list[UnitTargetRow]:
        """Give each unit every line of the movement's appendix (planned as in the appendix,
        to be adjusted per unit). A unit that already has a line keeps it: assigning twice
        adds nothing. Returns the targets created."""
        with self._db.session() as s:
            made = assign_appendix(s, movement_id, unit_ids, year)
            return [_row(t, unit.name, line.direction) for t, unit, line in made]

    def head_targets_met(self, unit_id: int, year: int) -> bool | None:
        """All of the unit's targets for the year met (True), one missed (False), or not
        known yet (None)."""
        with self._db.read() as s:
            return targets_met(s, year, [unit_id]).get(unit_id)


def _number(p: Problems, value: float | None, field: str, label: str) -> None:
    if value is not None and (not isinstance(value, int | float) or isinstance(value, bool)
                              or not math.isfinite(value)):
        p.add(field, label, f"“{value}” không phải số")


def _apply(s: Session, t: UnitTarget, data: UnitTargetInput) -> None:
    p = Problems()
    unit = s.get(Unit, data.unit_id)
    if unit is None or unit.deleted_at is not None:
        p.add("unit_id", "Đơn vị", "không tồn tại hoặc đã bị xóa")
    p.year(data.year, "year", "Năm", low=2000, high=date.today().year + 2)
    indicator = p.text(data.indicator, "indicator", "Chỉ tiêu", required=True, max_length=500)
    measure = p.text(data.measure_unit, "measure_unit", "Đơn vị tính", max_length=50)
    direction = p.choice(data.direction, TargetDirection, "direction", "Chiều chỉ tiêu")
    _number(p, data.planned_value, "planned_value", "Kế hoạch")
    _number(p, data.actual_value, "actual_value", "Thực hiện")
    line = None
    if data.movement_target_id is not None:
        line = s.get(MovementTarget, data.movement_target_id)
        if line is None or line.deleted_at is not None:
            p.add("movement_target_id", "Chỉ tiêu của phong trào", "không tồn tại")
    if indicator and unit is not None:
        twins = [x for x in s.scalars(select(UnitTarget).where(
            UnitTarget.unit_id == data.unit_id, UnitTarget.year == data.year,
            UnitTarget.deleted_at.is_(None))) if x.id != t.id and fold(x.indicator) == fold(
            indicator)]
        if twins:
            p.add("indicator", "Chỉ tiêu", f"“{unit.name}” đã có chỉ tiêu “{indicator}” năm "
                                           f"{data.year}")
    p.raise_if_any()
    assert direction is not None
    t.unit_id, t.year, t.indicator, t.measure_unit = data.unit_id, data.year, indicator, measure
    t.planned_value, t.actual_value = data.planned_value, data.actual_value
    # A line of a movement's appendix reads the appendix's direction (stored once).
    t.direction = NO_DIRECTION if line is not None else direction.value
    t.movement_target_id = data.movement_target_id
    t.note = data.note.strip()


def _row_of(s: Session, t: UnitTarget) -> UnitTargetRow:
    line = s.get(MovementTarget, t.movement_target_id) if t.movement_target_id else None
    return _row(t, s.get_one(Unit, t.unit_id).name, line.direction if line else None)


def _row(t: UnitTarget, unit_name: str, appendix_direction: str | None) -> UnitTargetRow:
    direction = effective_direction(t.direction, appendix_direction)
    met = None if t.not_applicable else target_met(t.planned_value, t.actual_value, direction)
    percent = None if t.not_applicable else completion_percent(
        t.planned_value, t.actual_value, direction)
    figures = describe_figures(t.planned_value, t.actual_value, t.measure_unit, direction)
    if t.not_applicable:
        explanation = "Không áp dụng (đơn vị không có hoạt động này)"
    elif met is None or percent is None:  # both: a figure is missing
        explanation = ("Chưa có kế hoạch" if t.planned_value is None
                       else "Chưa có số thực hiện") + f" ({figures})"
    else:
        explanation = (f"{'Đạt' if met else 'Không đạt'}: {figures}; "
                       f"{fmt_percent(percent)} kế hoạch")
    return UnitTargetRow(t.id, t.unit_id, unit_name, t.year, t.indicator, t.measure_unit,
                         t.planned_value, t.actual_value, direction, t.movement_target_id,
                         t.note, met, percent, explanation, version=t.version,
                         not_applicable=t.not_applicable)
