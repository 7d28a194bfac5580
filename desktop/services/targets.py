"""The directive's appendix of targets (chỉ tiêu), its assignment to units with per-unit
planned values, each unit's actual figures per year, and what they mean for the head-of-unit
rule ("người đứng đầu đơn vị không hoàn thành chỉ tiêu được giao thì không xét khen thưởng").

Rules, stated once here and used by the grid, the eligibility text and the bloc scoring:
* the direction is stored once, on the appendix line; a unit's line linked to the appendix
  keeps ``direction`` NULL and reads the line's (``effective_direction``);
* strict > and < are real: an actual equal to the plan does not meet them;
* yes/no targets: 1 is "có", 0 is "không"; the plan defaults to "có";
* a line marked "không áp dụng" is neither met nor missed; a missing actual is "chưa nhập số
  liệu" (to be checked), never a miss.
"""

from __future__ import annotations

import builtins
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import null, select
from sqlalchemy.orm import Session

from desktop.api.blocs import fmt_number
from desktop.api.movements import (
    DIRECTION_SYMBOL,
    FigureCell,
    FigureEntry,
    FiguresGrid,
    TargetInput,
    TargetOutcome,
    TargetRow,
    direction_choices,
    parse_direction,
    parse_figure,
)
from desktop.domain.enums import TargetDirection
from desktop.domain.errors import ConflictError, FieldProblem, ValidationError
from desktop.domain.vntext import fold
from desktop.models import Movement, MovementTarget, Round, Unit, UnitTarget
from desktop.models.base import utcnow
from desktop.services.blocs.formulas import describe_figures, target_met
from desktop.services.common import get_active, get_deleted
from desktop.services.database import Database
from desktop.services.validation import Problems

# Document type codes of a directive's number ("05/CT-UBND") and how the text names them.
# The column's Python default ("higher", for a unit's own line) would fire on an INSERT of a
# plain None: an appendix line's copy stores SQL NULL explicitly (direction stored once).
NO_DIRECTION: Any = null()

_DOCUMENT_KINDS = {"CT": "Chỉ thị", "QĐ": "Quyết định", "QD": "Quyết định", "KH": "Kế hoạch",
                   "HD": "Hướng dẫn", "TB": "Thông báo", "NQ": "Nghị quyết", "CV": "Công văn"}


# -- pure rules -------------------------------------------------------------------------------
def effective_direction(own: str | None, appendix: str | None) -> TargetDirection:
    """A unit's line: its own direction, else its appendix line's (stored once)."""
    for value in (own, appendix):
        if value:
            return TargetDirection(value)
    return TargetDirection.HIGHER_BETTER


@dataclass(frozen=True)
class TargetLine:
    """One unit's target for a year, as the rules read it."""

    indicator: str
    measure_unit: str
    planned: float | None
    actual: float | None
    direction: TargetDirection
    not_applicable: bool = False
    movement_target_id: int | None = None


def outcome(line: TargetLine) -> TargetOutcome:
    if line.not_applicable:
        return TargetOutcome.NOT_APPLICABLE
    if line.actual is None:
        return TargetOutcome.NO_ACTUAL
    if line.planned is None and line.direction is not TargetDirection.YES_NO:
        return TargetOutcome.NO_PLAN
    return TargetOutcome.MET if target_met(line.planned, line.actual, line.direction) \
        else TargetOutcome.MISSED


def figures_text(line: TargetLine) -> str:
    """"kế hoạch 2.000 tỷ đồng, thực hiện 1.800 tỷ đồng (≥)"; yes/no: "yêu cầu có, …"."""
    if line.direction is TargetDirection.YES_NO:
        return describe_figures(line.planned, line.actual, "", line.direction)
    unit = f" {line.measure_unit}" if line.measure_unit else ""
    planned = f"{fmt_number(line.planned)}{unit}" if line.planned is not None else "chưa có"
    actual = f"{fmt_number(line.actual)}{unit}" if line.actual is not None else "chưa nhập"
    return f"kế hoạch {DIRECTION_SYMBOL[line.direction]} {planned}, thực hiện {actual}"


def explain(line: TargetLine) -> str:
    result = outcome(line)
    if result is TargetOutcome.NOT_APPLICABLE:
        return "Không áp dụng (đơn vị không có hoạt động này)"
    return f"{result.label}: {figures_text(line)}"


def directive_label(number: str, name: str = "") -> str:
    """"Chỉ thị số 05/CT-UBND" from the number; the movement's name when it has none."""
    number = number.strip()
    if not number:
        return f"phong trào “{name}”" if name else "chỉ thị phát động phong trào thi đua"
    parts = number.split("/")
    code = parts[-1].split("-")[0].upper() if len(parts) > 1 else ""
    return f"{_DOCUMENT_KINDS.get(code, 'Văn bản')} số {number}"


def head_verdict(lines: Sequence[TargetLine], directive: str) -> tuple[bool | None, str]:
    """The head-of-unit rule on one unit's lines: met (True), missed (False, the missed lines
    named with planned and actual figures), or to be checked (None, saying why)."""
    missed = [t for t in lines if outcome(t) is TargetOutcome.MISSED]
    pending = [t for t in lines if outcome(t) in (TargetOutcome.NO_ACTUAL, TargetOutcome.NO_PLAN)]
    skipped = [t for t in lines if outcome(t) is TargetOutcome.NOT_APPLICABLE]
    if missed:
        listed = "; ".join(f"“{t.indicator}” ({figures_text(t)})" for t in missed)
        text = (f"Là người đứng đầu đơn vị không hoàn thành chỉ tiêu được giao theo {directive}: "
                f"{listed} — không xét khen thưởng")
        if pending:
            text += f"; chưa nhập số liệu: {', '.join(f'“{t.indicator}”' for t in pending)}"
        return False, text
    if pending:
        return None, (f"Là người đứng đầu: chỉ tiêu theo {directive} chưa nhập số liệu: "
                      f"{', '.join(f'“{t.indicator}”' for t in pending)}; cần kiểm tra")
    counted = len(lines) - len(skipped)
    if counted == 0:
        return None, (f"Là người đứng đầu: đơn vị chưa được giao chỉ tiêu theo {directive} "
                      "(hoặc mọi chỉ tiêu không áp dụng); cần xác nhận đơn vị đã hoàn thành các "
                      "chỉ tiêu được giao")
    tail = f"; {len(skipped)} chỉ tiêu không áp dụng" if skipped else ""
    return True, (f"Là người đứng đầu; đơn vị hoàn thành {counted} chỉ tiêu được giao theo "
                  f"{directive}{tail}")


def unit_lines(s: Session, year: int, unit_ids: Iterable[int]) -> dict[int, list[TargetLine]]:
    """Every live target line of the units for the year, with the effective direction."""
    ids = list(set(unit_ids))
    out: dict[int, list[TargetLine]] = defaultdict(list)
    if not ids:
        return out
    rows = s.execute(
        select(UnitTarget.unit_id, UnitTarget.indicator, UnitTarget.measure_unit,
               UnitTarget.planned_value, UnitTarget.actual_value, UnitTarget.direction,
               UnitTarget.not_applicable, UnitTarget.movement_target_id,
               MovementTarget.direction)
        .outerjoin(MovementTarget, MovementTarget.id == UnitTarget.movement_target_id)
        .where(UnitTarget.unit_id.in_(ids), UnitTarget.year == year,
               UnitTarget.deleted_at.is_(None))
        .order_by(MovementTarget.position, UnitTarget.id))
    for uid, indicator, measure, planned, actual, own, na, line_id, appendix in rows:
        out[uid].append(TargetLine(indicator, measure, planned, actual,
                                   effective_direction(own, appendix), bool(na), line_id))
    return out


def head_verdicts(s: Session, year: int, unit_ids: Iterable[int],
                  directive: str) -> dict[int, tuple[bool | None, str]]:
    """Per unit: the head-of-unit rule's verdict and its Vietnamese text."""
    ids = set(unit_ids)
    lines = unit_lines(s, year, ids)
    return {uid: head_verdict(lines.get(uid, []), directive) for uid in ids}


def rule_movement_warning(s: Session, year: int, movement_id: int | None) -> str | None:
    """The warning for a round of ``year`` linked to ``movement_id`` (or to none) while a
    movement of that year applies the head-of-unit rule and the round is not linked to it."""
    ruled = list(s.scalars(select(Movement).where(
        Movement.year == year, Movement.head_target_rule.is_(True),
        Movement.deleted_at.is_(None)).order_by(Movement.id)))
    if not ruled or any(m.id == movement_id for m in ruled):
        return None
    names = "; ".join(f"“{m.name}” ({directive_label(m.directive_number)})"
                      if m.directive_number else f"“{m.name}”" for m in ruled)
    return (f"Năm {year} có phong trào áp dụng quy định người đứng đầu đơn vị phải hoàn thành "
            f"chỉ tiêu được giao: {names}. Đợt này chưa gắn với phong trào đó nên quy định "
            "không được kiểm tra; hãy chọn phong trào cho đợt.")


# -- the appendix -----------------------------------------------------------------------------
def _line_row(t: MovementTarget) -> TargetRow:
    return TargetRow(t.id, t.position, t.indicator, t.measure_unit, t.planned_value,
                     TargetDirection(t.direction), t.note, version=t.version)


def _live_lines(s: Session, movement_id: int) -> list[MovementTarget]:
    return list(s.scalars(select(MovementTarget).where(
        MovementTarget.movement_id == movement_id, MovementTarget.deleted_at.is_(None))
        .order_by(MovementTarget.position, MovementTarget.id)))


def _finite(p: Problems, value: object, field: str, label: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        p.add(field, label, f"“{value}” không phải số")
        return None
    return float(value)


def check_line(p: Problems, data: TargetInput, field: str = "target",
               where: str = "Chỉ tiêu") -> tuple[str, str, float | None, TargetDirection | None]:
    indicator = p.text(data.indicator, f"{field}.indicator", f"{where}: tên chỉ tiêu",
                       required=True, max_length=500)
    measure = p.text(data.measure_unit, f"{field}.measure_unit", f"{where}: đơn vị tính",
                     max_length=50)
    direction = data.direction if isinstance(data.direction, TargetDirection) \
        else parse_direction(str(data.direction or ""))
    if direction is None:
        p.add(f"{field}.direction", f"{where}: chiều so sánh",
              f"“{data.direction}” không hợp lệ; chọn một trong: {direction_choices()}")
    planned = _finite(p, data.planned_value, f"{field}.planned_value", f"{where}: kế hoạch")
    if direction is TargetDirection.YES_NO and planned not in (None, 0.0, 1.0):
        p.add(f"{field}.planned_value", f"{where}: kế hoạch",
              "chỉ tiêu có/không: kế hoạch là Có (1) hoặc Không (0)")
    return indicator, measure, planned, direction


class AppendixService:
    """The lines of a movement's appendix, edited one by one: a line keeps its id, so units
    it was assigned to keep their figures when the appendix is reworded or reordered."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self, movement_id: int) -> builtins.list[TargetRow]:
        with self._db.read() as s:
            get_active(s, Movement, movement_id, "phong trào thi đua")
            return [_line_row(t) for t in _live_lines(s, movement_id)]

    def get(self, target_id: int) -> TargetRow:
        with self._db.read() as s:
            return _line_row(get_active(s, MovementTarget, target_id, "chỉ tiêu của phụ lục"))

    def add(self, movement_id: int, data: TargetInput) -> TargetRow:
        with self._db.session() as s:
            movement = get_active(s, Movement, movement_id, "phong trào thi đua")
            lines = _live_lines(s, movement_id)
            row = MovementTarget(movement_id=movement_id)
            self._apply(s, movement, row, data, lines)
            row.position = max((t.position for t in lines), default=0) + 1
            s.add(row)
            movement.updated_at = utcnow()
            s.flush()
            return _line_row(row)

    def update(self, target_id: int, data: TargetInput, *,
               expected_version: int | None = None) -> TargetRow:
        with self._db.session() as s:
            row = get_active(s, MovementTarget, target_id, "chỉ tiêu của phụ lục")
            if expected_version is not None and row.version != expected_version:
                raise ConflictError(f"Chỉ tiêu “{row.indicator}” vừa được người khác sửa; hãy "
                                    "mở lại để xem bản mới rồi sửa tiếp.")
            movement = s.get_one(Movement, row.movement_id)
            self._apply(s, movement, row, data, _live_lines(s, row.movement_id))
            s.flush()
            return _line_row(row)

    def delete(self, target_id: int) -> int:
        """Remove a line and the units' copies of it (refused while a unit has an actual
        figure for it: those figures would be lost). Returns the units' lines removed."""
        with self._db.session() as s:
            row = get_active(s, MovementTarget, target_id, "chỉ tiêu của phụ lục")
            copies = list(s.scalars(select(UnitTarget).where(
                UnitTarget.movement_target_id == row.id, UnitTarget.deleted_at.is_(None))))
            with_figures = [c for c in copies if c.actual_value is not None]
            if with_figures:
                names = ", ".join(sorted({s.get_one(Unit, c.unit_id).name
                                          for c in with_figures})[:5])
                raise ConflictError(f"Chỉ tiêu “{row.indicator}” đã có số thực hiện của "
                                    f"{len(with_figures)} đơn vị ({names}); hãy xóa các số đó "
                                    "trước khi xóa chỉ tiêu.")
            now = utcnow()
            row.deleted_at = now
            for c in copies:
                c.deleted_at = now
            s.flush()
            return len(copies)

    def restore(self, target_id: int) -> TargetRow:
        """Undo a delete: the line and the units' copies removed with it."""
        with self._db.session() as s:
            row = get_deleted(s, MovementTarget, target_id, "chỉ tiêu của phụ lục")
            get_active(s, Movement, row.movement_id, "phong trào thi đua")
            when = row.deleted_at
            twins = [t for t in _live_lines(s, row.movement_id)
                     if fold(t.indicator) == fold(row.indicator)]
            if twins:
                raise ConflictError(f"Phụ lục đã có chỉ tiêu “{row.indicator}”; không khôi "
                                    "phục được.")
            row.deleted_at = None
            for c in s.scalars(select(UnitTarget).where(
                    UnitTarget.movement_target_id == row.id, UnitTarget.deleted_at == when)):
                c.deleted_at = None
            s.flush()
            return _line_row(row)

    def move(self, target_id: int, offset: int) -> builtins.list[TargetRow]:
        """Move a line up (offset -1) or down (+1); returns the appendix in its new order."""
        with self._db.session() as s:
            row = get_active(s, MovementTarget, target_id, "chỉ tiêu của phụ lục")
            lines = _live_lines(s, row.movement_id)
            index = next(i for i, t in enumerate(lines) if t.id == row.id)
            other = index + offset
            if 0 <= other < len(lines):
                lines.insert(other, lines.pop(index))
            for position, t in enumerate(lines, start=1):
                if t.position != position:
                    t.position = position
            s.flush()
            return [_line_row(t) for t in lines]

    @staticmethod
    def _apply(s: Session, movement: Movement, row: MovementTarget, data: TargetInput,
               lines: Sequence[MovementTarget]) -> None:
        p = Problems()
        indicator, measure, planned, direction = check_line(p, data)
        note = p.text(data.note, "target.note", "Chỉ tiêu: ghi chú", max_length=2000,
                      multiline=True)
        twin = next((t for t in lines if t.id != row.id and indicator
                     and fold(t.indicator) == fold(indicator)), None)
        if twin is not None:
            p.add("target.indicator", "Chỉ tiêu: tên chỉ tiêu",
                  f"phụ lục của “{movement.name}” đã có chỉ tiêu “{twin.indicator}”")
        p.raise_if_any()
        assert direction is not None
        row.indicator, row.measure_unit, row.planned_value = indicator, measure, planned
        row.direction, row.note = direction.value, note
        if row.id is not None:  # the units' copies follow the appendix's wording
            for c in s.scalars(select(UnitTarget).where(
                    UnitTarget.movement_target_id == row.id, UnitTarget.deleted_at.is_(None))):
                if c.indicator != indicator or c.measure_unit != measure:
                    c.indicator, c.measure_unit = indicator, measure
                if c.direction is not None:
                    c.direction = None  # stored once: the appendix's


# -- units and their figures ------------------------------------------------------------------
class FiguresService:
    """Which units a movement's appendix is given to, their planned values and their actual
    figures per year: the grid of the "Phong trào thi đua" page and of ``tdkt actuals``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def assign(self, movement_id: int, unit_ids: Sequence[int], year: int | None = None,
               planned: dict[int, float | None] | None = None) -> int:
        """Give each unit every line of the appendix (planned as in the appendix, or as in
        ``planned`` by line id). A unit that already has a line keeps it. Returns how many
        lines were created."""
        with self._db.session() as s:
            return len(assign_appendix(s, movement_id, unit_ids, year, planned))

    def unassign(self, movement_id: int, unit_id: int, year: int | None = None) -> list[int]:
        """Take the appendix back from a unit (refused while it has actual figures). Returns
        the ids of the lines removed, for ``restore``."""
        with self._db.session() as s:
            movement = get_active(s, Movement, movement_id, "phong trào thi đua")
            unit = get_active(s, Unit, unit_id, "đơn vị")
            the_year = year if year is not None else movement.year
            copies = list(s.scalars(select(UnitTarget).where(
                UnitTarget.unit_id == unit_id, UnitTarget.year == the_year,
                UnitTarget.deleted_at.is_(None),
                UnitTarget.movement_target_id.in_(select(MovementTarget.id).where(
                    MovementTarget.movement_id == movement_id)))))
            if not copies:
                raise ConflictError(f"“{unit.name}” chưa được giao chỉ tiêu của phong trào "
                                    f"“{movement.name}” năm {the_year}.")
            done = [c.indicator for c in copies if c.actual_value is not None]
            if done:
                raise ConflictError(f"“{unit.name}” đã có số thực hiện của "
                                    f"{', '.join(f'“{d}”' for d in done)}; hãy xóa các số đó "
                                    "trước khi bỏ giao chỉ tiêu.")
            now = utcnow()
            for c in copies:
                c.deleted_at = now
            s.flush()
            return [c.id for c in copies]

    def restore(self, unit_target_ids: Sequence[int]) -> None:
        with self._db.session() as s:
            for tid in unit_target_ids:
                get_deleted(s, UnitTarget, tid, "chỉ tiêu của đơn vị").deleted_at = None

    def grid(self, movement_id: int, year: int | None = None) -> FiguresGrid:
        with self._db.read() as s:
            movement = get_active(s, Movement, movement_id, "phong trào thi đua")
            the_year = year if year is not None else movement.year
            lines = _live_lines(s, movement_id)
            rows = [_line_row(t) for t in lines]
            by_line = {t.id: t for t in lines}
            copies = s.execute(
                select(UnitTarget, Unit.name).join(Unit, Unit.id == UnitTarget.unit_id)
                .where(UnitTarget.movement_target_id.in_(list(by_line) or [-1]),
                       UnitTarget.year == the_year, UnitTarget.deleted_at.is_(None))
                .order_by(Unit.sort_key, Unit.name, Unit.id)).all()
            units: dict[int, str] = {}
            cells: dict[tuple[int, int], FigureCell] = {}
            for c, name in copies:
                units.setdefault(c.unit_id, name)
                line = by_line[c.movement_target_id or 0]
                cells[(c.unit_id, line.id)] = _cell(c, line)
            return FiguresGrid(movement_id, the_year, tuple(rows), tuple(units.items()), cells)

    def set_figures(self, movement_id: int, entries: Sequence[FigureEntry],
                    year: int | None = None) -> FiguresGrid:
        """Write typed or pasted cells all at once: every refused cell is named (unit, target,
        what was typed, why) and nothing is written unless every cell is right."""
        with self._db.session() as s:
            movement = get_active(s, Movement, movement_id, "phong trào thi đua")
            the_year = year if year is not None else movement.year
            lines = {t.id: t for t in _live_lines(s, movement_id)}
            unit_ids = {e.unit_id for e in entries}
            names = dict(s.execute(select(Unit.id, Unit.name).where(
                Unit.id.in_(unit_ids), Unit.deleted_at.is_(None))).all())
            copies = {(c.unit_id, c.movement_target_id): c for c in s.scalars(
                select(UnitTarget).where(
                    UnitTarget.unit_id.in_(unit_ids), UnitTarget.year == the_year,
                    UnitTarget.deleted_at.is_(None),
                    UnitTarget.movement_target_id.in_(list(lines) or [-1])))}
            problems: list[FieldProblem] = []
            writes: list[tuple[UnitTarget, FigureEntry, float | None, float | None]] = []
            for e in entries:
                line = lines.get(e.target_id)
                unit_name = names.get(e.unit_id)
                where = (f"Đơn vị “{unit_name or f'mã {e.unit_id}'}”, chỉ tiêu "
                         f"“{line.indicator if line else f'mã {e.target_id}'}”")
                field = f"cell[{e.unit_id},{e.target_id}]"
                if unit_name is None:
                    problems.append(FieldProblem(field, where, "đơn vị không tồn tại hoặc đã "
                                                               "bị xóa"))
                    continue
                if line is None:
                    problems.append(FieldProblem(field, where, "không thuộc phụ lục của phong "
                                                               f"trào “{movement.name}”"))
                    continue
                copy = copies.get((e.unit_id, line.id))
                if copy is None:
                    problems.append(FieldProblem(field, where, f"đơn vị chưa được giao chỉ tiêu "
                                                               f"này năm {the_year}"))
                    continue
                direction = effective_direction(copy.direction, line.direction)
                actual, planned = copy.actual_value, copy.planned_value
                try:
                    if e.clear_actual:
                        actual = None
                    elif e.actual is not None:
                        actual = parse_figure(e.actual, direction, line.measure_unit)
                except ValueError as exc:
                    problems.append(FieldProblem(field, f"{where}, số thực hiện", str(exc)))
                    continue
                try:
                    if e.planned is not None:
                        planned = parse_figure(e.planned, direction, line.measure_unit)
                except ValueError as exc:
                    problems.append(FieldProblem(field, f"{where}, kế hoạch", str(exc)))
                    continue
                if actual is not None and e.not_applicable is None and copy.not_applicable:
                    problems.append(FieldProblem(field, where, "đang ghi “không áp dụng”; bỏ "
                                                               "đánh dấu trước khi nhập số"))
                    continue
                writes.append((copy, e, actual, planned))
            if problems:
                raise ValidationError(problems)
            for copy, e, actual, planned in writes:
                if e.not_applicable is not None:
                    copy.not_applicable = e.not_applicable
                    if e.not_applicable:
                        actual = None
                if copy.actual_value != actual:
                    copy.actual_value = actual
                if copy.planned_value != planned:
                    copy.planned_value = planned
            s.flush()
        return self.grid(movement_id, the_year)

    def round_warning(self, round_id: int) -> str | None:
        """The visible warning for a round not linked to its year's head-rule movement."""
        with self._db.read() as s:
            r = get_active(s, Round, round_id, "đợt xét khen thưởng")
            return rule_movement_warning(s, r.year, r.movement_id)

    def year_warning(self, year: int, movement_id: int | None) -> str | None:
        """The same warning for a round form not saved yet."""
        with self._db.read() as s:
            return rule_movement_warning(s, year, movement_id)

    def head_verdict(self, unit_id: int, year: int,
                     movement_id: int | None = None) -> tuple[bool | None, str]:
        with self._db.read() as s:
            directive = "chỉ thị phát động phong trào thi đua"
            if movement_id is not None:
                m = get_active(s, Movement, movement_id, "phong trào thi đua")
                directive = directive_label(m.directive_number, m.name)
            return head_verdict(unit_lines(s, year, [unit_id]).get(unit_id, []), directive)


@dataclass
class _Existing:
    by_line: set[tuple[int, int | None]]
    by_name: set[tuple[int, str]]


def assign_appendix(s: Session, movement_id: int, unit_ids: Sequence[int], year: int | None,
                    planned: dict[int, float | None] | None = None
                    ) -> list[tuple[UnitTarget, Unit, MovementTarget]]:
    """Every line of the movement's appendix as a target of each unit (planned as in the
    appendix, or as in ``planned`` by line id; direction NULL: the appendix's). A unit that
    already has a line (by link or by name) keeps it. Returns what was created."""
    movement = get_active(s, Movement, movement_id, "phong trào thi đua")
    lines = _live_lines(s, movement_id)
    p = Problems()
    units = []
    for uid in dict.fromkeys(unit_ids):
        unit = s.get(Unit, uid)
        if unit is None or unit.deleted_at is not None:
            p.add("unit_ids", f"Đơn vị (mã {uid})", "không tồn tại hoặc đã bị xóa")
        else:
            units.append(unit)
    if not unit_ids:
        p.add("unit_ids", "Đơn vị", "chưa chọn đơn vị nào")
    if not lines:
        p.add("movement_id", "Phong trào thi đua", f"“{movement.name}” chưa có phụ lục chỉ tiêu")
    line_ids = {t.id for t in lines}
    for line_id, value in (planned or {}).items():
        if line_id not in line_ids:
            p.add("planned", f"Chỉ tiêu (mã {line_id})", "không thuộc phụ lục này")
        _finite(p, value, "planned", "Kế hoạch")
    p.raise_if_any()
    the_year = year if year is not None else movement.year
    existing = _copies(s, [u.id for u in units], the_year)
    made: list[tuple[UnitTarget, Unit, MovementTarget]] = []
    for unit in units:
        for line in lines:
            if (unit.id, line.id) in existing.by_line or \
                    (unit.id, fold(line.indicator)) in existing.by_name:
                continue
            target = UnitTarget(unit_id=unit.id, year=the_year, indicator=line.indicator,
                                measure_unit=line.measure_unit,
                                planned_value=(planned or {}).get(line.id, line.planned_value),
                                actual_value=None, direction=NO_DIRECTION,
                                movement_target_id=line.id, note="")
            s.add(target)
            made.append((target, unit, line))
    s.flush()
    return made


def _copies(s: Session, unit_ids: Sequence[int], year: int) -> _Existing:
    rows = s.execute(select(UnitTarget.unit_id, UnitTarget.movement_target_id,
                            UnitTarget.indicator).where(
        UnitTarget.unit_id.in_(unit_ids), UnitTarget.year == year,
        UnitTarget.deleted_at.is_(None))).all()
    return _Existing({(u, m) for u, m, _ in rows}, {(u, fold(n)) for u, _, n in rows})


def _cell(c: UnitTarget, line: MovementTarget) -> FigureCell:
    t = TargetLine(line.indicator, line.measure_unit, c.planned_value, c.actual_value,
                   effective_direction(c.direction, line.direction), c.not_applicable, line.id)
    return FigureCell(c.id, c.planned_value, c.actual_value, c.not_applicable, outcome(t),
                      explain(t), version=c.version)


def combine_verdicts(verdicts: dict[int, tuple[bool | None, str]],
                     units: Iterable[int]) -> str:
    """The text for a head of several units: the units that failed, else those still to be
    checked, else the first that met (one missed target anywhere is enough to fail)."""
    found = [verdicts[u] for u in units if u in verdicts]
    for wanted in (False, None, True):
        texts = list(dict.fromkeys(text for met, text in found if met is wanted))
        if texts:
            return "; ".join(texts)
    return ""


def movement_directive(s: Session, movement_id: int | None) -> str:
    """"Chỉ thị số 05/CT-UBND" for a round's movement ("" without one)."""
    m = s.get(Movement, movement_id) if movement_id else None
    return directive_label(m.directive_number, m.name) if m is not None else ""
