"""Emulation movements with their launching directive and the appendix of targets."""

from __future__ import annotations

import builtins
from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.api.movements import DOCUMENT_NUMBER_RE as DOCUMENT_NUMBER_RE
from desktop.api.movements import MOVEMENT_FIELDS, parse_direction
from desktop.api.movements import MovementInput as MovementInput
from desktop.api.movements import MovementRow as MovementRow
from desktop.api.movements import TargetInput as TargetInput
from desktop.api.movements import TargetRow as TargetRow
from desktop.domain.enums import MovementKind, TargetDirection
from desktop.domain.vntext import fold, normalize
from desktop.models import Movement, MovementTarget, ProvinceParameter, Unit, UnitTarget
from desktop.models.base import utcnow
from desktop.services.common import get_active, get_deleted, revive, tombstone
from desktop.services.database import Database
from desktop.services.stale import refuse_stale, stale_writes
from desktop.services.targets import AppendixService, FiguresService, check_line
from desktop.services.validation import Problems


class MovementService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self.appendix = AppendixService(db)  # the directive's targets, line by line
        self.figures = FiguresService(db)  # units, planned and actual figures per year

    def list(self, year: int | None = None) -> list[MovementRow]:
        with self._db.read() as s:
            query = select(Movement).where(Movement.deleted_at.is_(None))
            if year is not None:
                query = query.where(Movement.year == year)
            movements = list(s.scalars(query.order_by(Movement.year.desc(), Movement.id)))
            return [self._row(s, m) for m in movements]

    def get(self, movement_id: int) -> MovementRow:
        with self._db.read() as s:
            return self._row(s, get_active(s, Movement, movement_id, "phong trào thi đua"))

    def create(self, data: MovementInput) -> MovementRow:
        with self._db.session() as s:
            movement = Movement()
            self._apply(s, movement, data)
            s.add(movement)
            s.flush()
            self._replace_targets(s, movement, data.targets or [])
            return self._row(s, movement)

    def update(self, movement_id: int, data: MovementInput, *,
               expected_version: int | None = None) -> MovementRow:
        """Save the form; with ``expected_version`` (the ``version`` of the row the form was
        opened with) a movement someone else saved meanwhile is refused (``StaleEditError``).
        Every save counts as a new version, also one that changed only the targets."""
        with self._db.session() as s:
            movement = get_active(s, Movement, movement_id, "phong trào thi đua")

            def yours() -> MovementRow:
                self._apply(s, movement, data)
                if data.targets is None:
                    return self._row(s, movement)
                return replace(self._row(s, movement), targets=tuple(  # as listed: no direction
                    TargetRow(0, i, t.indicator.strip(), t.measure_unit.strip(), t.planned_value,
                              TargetDirection.HIGHER_BETTER, t.note)
                    for i, t in enumerate(data.targets, start=1)))

            refuse_stale(s, movement, expected_version, MOVEMENT_FIELDS, movement.name,
                         stored=lambda: self._row(s, movement), yours=yours)
            self._apply(s, movement, data)
            movement.updated_at = utcnow()  # the targets are rows of their own
            with stale_writes(MOVEMENT_FIELDS, movement.name, expected_version):
                s.flush()
            if data.targets is not None:
                self._replace_targets(s, movement, data.targets)
            return self._row(s, movement)

    def set_head_rule(self, movement_id: int, on: bool) -> MovementRow:
        """Switch the rule "người đứng đầu đơn vị không hoàn thành chỉ tiêu được giao thì
        không xét khen thưởng" for the rounds linked to this movement."""
        with self._db.session() as s:
            movement = get_active(s, Movement, movement_id, "phong trào thi đua")
            if movement.head_target_rule != on:
                movement.head_target_rule = on
                s.flush()
            return self._row(s, movement)

    def delete(self, movement_id: int) -> None:
        with self._db.session() as s:
            tombstone(get_active(s, Movement, movement_id, "phong trào thi đua"))

    def restore(self, movement_id: int) -> None:
        with self._db.session() as s:
            revive(get_deleted(s, Movement, movement_id, "phong trào thi đua"))

    # ------------------------------------------------------------------------------------
    def _apply(self, s: Session, movement: Movement, data: MovementInput) -> None:
        p = Problems()
        name = p.text(data.name, "name", "Tên phong trào", required=True, max_length=500)
        kind = p.choice(data.kind, MovementKind, "kind", "Loại phong trào")
        p.year(data.year, "year", "Năm", low=1990, high=date.today().year + 5)
        number = p.text(data.directive_number, "directive_number", "Số văn bản phát động",
                        max_length=50)
        if number and not DOCUMENT_NUMBER_RE.match(number):
            p.add("directive_number", "Số văn bản phát động",
                  f"“{number}” không đúng dạng số/ký hiệu, ví dụ 02/CT-UBND")
        if data.period_start and data.period_end and data.period_end < data.period_start:
            p.add("period_end", "Thời gian kết thúc", "phải sau thời gian bắt đầu")
        if data.organiser_unit_id is not None:
            unit = s.get(Unit, data.organiser_unit_id)
            if unit is None or unit.deleted_at is not None:
                p.add("organiser_unit_id", "Đơn vị phát động", "không tồn tại hoặc đã bị xóa")
        seen: dict[str, int] = {}
        for index, target in enumerate(data.targets or [], start=1):
            indicator, _, _, _ = check_line(p, target, f"targets[{index}]",
                                            f"Chỉ tiêu dòng {index}")
            if indicator and fold(indicator) in seen:
                p.add(f"targets[{index}]", f"Chỉ tiêu dòng {index}",
                      f"“{indicator}” trùng với dòng {seen[fold(indicator)]}")
            seen.setdefault(fold(indicator), index)
        p.raise_if_any()
        assert kind is not None
        movement.name, movement.kind, movement.year = name, kind.value, data.year
        movement.directive_number, movement.directive_date = number, data.directive_date
        movement.issuer, movement.theme = data.issuer.strip(), data.theme.strip()
        movement.period_start, movement.period_end = data.period_start, data.period_end
        movement.organiser_unit_id = data.organiser_unit_id
        if data.head_target_rule is not None:
            movement.head_target_rule = data.head_target_rule
        elif movement.id is None:  # a new movement follows the province's default
            row = s.get(ProvinceParameter, "head_target_rule_default")
            movement.head_target_rule = bool(row.value) if row is not None and isinstance(
                row.value, bool) else False

    @staticmethod
    def _replace_targets(s: Session, movement: Movement, targets: builtins.list[TargetInput]) -> None:
        """The appendix as typed with the form. A line is matched by its indicator first (it
        keeps its id, so units keep their figures), then by position."""
        existing = list(s.scalars(select(MovementTarget).where(
            MovementTarget.movement_id == movement.id, MovementTarget.deleted_at.is_(None))
            .order_by(MovementTarget.position, MovementTarget.id)))
        by_name = {fold(t.indicator): t for t in existing}
        chosen: builtins.list[MovementTarget | None] = [
            by_name.pop(fold(t.indicator.strip()), None) for t in targets]
        spare = [t for t in existing if t not in chosen]
        rows: builtins.list[MovementTarget] = []
        for match in chosen:
            row = match or (spare.pop(0) if spare else MovementTarget(movement_id=movement.id))
            rows.append(row)
        for old in spare:
            tombstone(old)
        for position, (target, row) in enumerate(zip(targets, rows, strict=True), start=1):
            direction = target.direction if isinstance(target.direction, TargetDirection) \
                else parse_direction(str(target.direction))
            assert direction is not None  # checked in _apply
            row.position, row.indicator = position, normalize(target.indicator)
            row.measure_unit, row.planned_value = normalize(target.measure_unit), \
                target.planned_value
            row.direction = direction.value
            row.note = target.note.strip()
            s.add(row)
            if row.id is not None:  # the units' copies follow the appendix's wording
                for copy in s.scalars(select(UnitTarget).where(
                        UnitTarget.movement_target_id == row.id,
                        UnitTarget.deleted_at.is_(None))):
                    copy.indicator, copy.measure_unit = row.indicator, row.measure_unit
        s.flush()

    @staticmethod
    def _row(s: Session, m: Movement) -> MovementRow:
        targets = s.scalars(select(MovementTarget).where(
            MovementTarget.movement_id == m.id, MovementTarget.deleted_at.is_(None))
            .order_by(MovementTarget.position))
        return MovementRow(
            m.id, m.uuid, m.name, MovementKind(m.kind), m.year, m.directive_number,
            m.directive_date, m.issuer, m.theme, m.period_start, m.period_end,
            m.organiser_unit_id, m.head_target_rule,
            tuple(TargetRow(t.id, t.position, t.indicator, t.measure_unit, t.planned_value,
                            TargetDirection(t.direction), t.note, version=t.version)
                  for t in targets),
            version=m.version,
        )
