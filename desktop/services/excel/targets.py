"""Import kinds for a movement's targets appendix and the units' actual figures (issue 12).

``targets``: the directive's appendix as a province officer types it from the directive:
indicator, unit of measure, planned value ("95%", "12,5 tỷ đồng", "2.250 km", decimal
commas; "≥ 95%" carries its direction), direction (≥ > ≤ <, the directive's phrases, or
Có/Không). The movement is named by its directive number (or its id). A blank direction is
refused by name — it never becomes a default. Each line goes through
``AppendixService.add``/``update`` (its own rules: required indicator, direction, yes/no
plans, no two lines with one name).

``actuals``: per unit and appendix line, the actual figure or "không áp dụng"; checked as
``FiguresService.set_figures`` checks a typed cell (the unit must have been given the line
for that year), then written with it at the end of the file, one call per movement and year.
The units' lines keep ``direction`` NULL (stored once, on the appendix line).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.api.excel import ExportFilter
from desktop.api.movements import (
    DIRECTION_SYMBOL,
    FigureEntry,
    TargetInput,
    TargetRow,
    direction_choices,
    format_figure,
    parse_direction,
    parse_figure,
)
from desktop.domain.enums import TargetDirection
from desktop.domain.vntext import fold, normalize, normalize_multiline
from desktop.models import Movement, MovementTarget, Unit, UnitTarget
from desktop.services.excel.columns import INT, UNIT, CellError, Column
from desktop.services.excel.engine import Context, ImportKind, Row, RowError
from desktop.services.targets import AppendixService, FiguresService

NOT_APPLICABLE = frozenset({"khong ap dung", "k/ad", "kad", "n/a", "na"})
_SYMBOLS = ((">=", TargetDirection.HIGHER_BETTER), ("≥", TargetDirection.HIGHER_BETTER),
            ("=>", TargetDirection.HIGHER_BETTER), ("<=", TargetDirection.LOWER_BETTER),
            ("≤", TargetDirection.LOWER_BETTER), ("=<", TargetDirection.LOWER_BETTER),
            (">", TargetDirection.ABOVE), ("<", TargetDirection.BELOW))
_LISTED = 30

MOVEMENT_COLUMN = Column(
    "movement", "Số văn bản phát động", required=True,
    aliases=("Phong trào", "Số chỉ thị", "Số văn bản", "Văn bản phát động", "Mã phong trào"),
    help="số chỉ thị, kế hoạch phát động phong trào (như trong phần mềm), hoặc mã phong trào",
    example="05/CT-UBND", width=16)
MOVEMENT_NAME = "Tên phong trào"


class Movements:
    """Live movements by directive number (folded) and id, for the movement column."""

    def __init__(self, s: Session) -> None:
        self.by_id = {m.id: m for m in s.scalars(
            select(Movement).where(Movement.deleted_at.is_(None)).order_by(Movement.id))}
        self.by_number: dict[str, list[Movement]] = {}
        for m in self.by_id.values():
            if m.directive_number.strip():
                self.by_number.setdefault(fold(m.directive_number).replace(" ", ""),
                                          []).append(m)

    def find(self, ref: object) -> Movement:
        text = normalize(str(ref if not isinstance(ref, float) or not ref.is_integer()
                             else int(ref)))
        named = self.by_number.get(fold(text).replace(" ", ""), [])
        if len(named) == 1:
            return named[0]
        if named:
            ids = ", ".join(str(m.id) for m in named)
            raise RowError("movement", f"có {len(named)} phong trào cùng số văn bản “{text}” "
                                       f"(mã {ids}); hãy ghi mã phong trào")
        digits = text.lstrip("#")
        if digits.isdigit() and int(digits) in self.by_id:
            return self.by_id[int(digits)]
        known = "; ".join(f"{m.directive_number} ({m.name})" if m.directive_number
                          else f"mã {m.id} ({m.name})" for m in self.by_id.values())
        raise RowError("movement", f"không có phong trào thi đua có số văn bản hoặc mã “{text}”"
                                   + (f"; các phong trào: {known}" if known
                                      else "; chưa có phong trào nào, hãy tạo phong trào trước"))

    def label(self, m: Movement) -> object:
        """What an export writes: the directive number when it names one movement only."""
        key = fold(m.directive_number).replace(" ", "")
        if key and len(self.by_number.get(key, [])) == 1:
            return m.directive_number
        return m.id


def split_planned(text: str) -> tuple[TargetDirection | None, str]:
    """"≥ 95%" → (≥, "95%"); text without a leading symbol is returned as it is."""
    stripped = text.strip()
    for symbol, direction in _SYMBOLS:
        if stripped.startswith(symbol):
            return direction, stripped[len(symbol):].strip()
    return None, stripped


def _figure_text(value: object) -> object:
    if isinstance(value, str):
        return normalize(value)
    return value


# -- the appendix -----------------------------------------------------------------------------
class TargetsKind(ImportKind):
    name = "targets"
    sheet = "Chỉ tiêu"
    intro = ("Mỗi dòng là một chỉ tiêu trong phụ lục của văn bản phát động phong trào thi đua, "
             "ghi như trong văn bản: tên chỉ tiêu, đơn vị tính, mức kế hoạch và chiều so sánh "
             "(≥, >, ≤, < hoặc Có/Không). Phong trào được chọn theo số văn bản phát động (hoặc "
             "mã phong trào) và phải có sẵn trong phần mềm. Chỉ tiêu đã có (cùng tên) được "
             "cập nhật chỉ khi chọn “cập nhật”.")
    columns = (
        MOVEMENT_COLUMN,
        Column("indicator", "Chỉ tiêu", required=True,
               aliases=("Tên chỉ tiêu", "Nội dung chỉ tiêu"),
               example="Tỷ lệ hộ gia đình đạt danh hiệu Gia đình văn hóa", width=44),
        Column("measure_unit", "Đơn vị tính", aliases=("ĐVT",),
               help="ví dụ %, tỷ đồng, km, hộ; để trống nếu không có", example="%", width=12),
        Column("planned", "Kế hoạch",
               aliases=("Mức kế hoạch", "Chỉ tiêu kế hoạch", "Giá trị kế hoạch", "Mức chỉ tiêu"),
               help=("số như trong văn bản: 95%, 12,5 tỷ đồng, 2.250 (dấu phẩy thập phân); có thể "
                     "ghi kèm chiều so sánh, ví dụ “≥ 95%”; chỉ tiêu Có/Không: ghi Có hoặc "
                     "Không (để trống = Có)"),
               example="≥ 95%", width=16),
        # Not ``required`` as a cell: "≥ 95%" in the planned cell names it too; a row with
        # neither is refused by name (never a default).
        Column("direction", "Chiều so sánh",
               aliases=("So sánh", "Yêu cầu", "Chiều"),
               help=(f"bắt buộc (không để trống): {direction_choices()}; hoặc cụm từ của văn "
                     "bản như “trở lên”, “không quá”, “dưới”; hoặc ghi kèm ở cột Kế hoạch "
                     "(“≥ 95%”)"),
               example="≥", width=14),
        Column("note", "Ghi chú", width=30),
    )
    info_columns = (MOVEMENT_NAME,)
    fields = {"target.indicator": "indicator", "target.measure_unit": "measure_unit",  # noqa: RUF012
              "target.planned_value": "planned", "target.direction": "direction",
              "target.note": "note", "movement_id": "movement"}
    examples = (
        {"movement": "05/CT-UBND", "indicator": "Tỷ lệ hộ gia đình đạt danh hiệu Gia đình "
         "văn hóa", "measure_unit": "%", "planned": "95%", "direction": "≥"},
        {"movement": "05/CT-UBND", "indicator": "Thu ngân sách trên địa bàn",
         "measure_unit": "tỷ đồng", "planned": "12,5 tỷ đồng", "direction": "≥"},
        {"movement": "05/CT-UBND", "indicator": "Đường giao thông nông thôn được cứng hóa",
         "measure_unit": "km", "planned": "2,5", "direction": "trở lên"},
        {"movement": "05/CT-UBND", "indicator": "Tỷ lệ hộ nghèo", "measure_unit": "%",
         "planned": "3,5", "direction": "<"},
        {"movement": "05/CT-UBND", "indicator": "Không có điểm nóng về an ninh trật tự",
         "measure_unit": "", "planned": "Có", "direction": "Có/Không"},
    )

    def begin(self, ctx: Context) -> None:
        self.movements = Movements(ctx.session)
        self.service = ctx.services(AppendixService)
        self.lines: dict[int, dict[str, TargetRow]] = {}
        self.seen: dict[tuple[int, str], int] = {}

    def _lines(self, movement_id: int) -> dict[str, TargetRow]:
        if movement_id not in self.lines:
            self.lines[movement_id] = {fold(t.indicator): t
                                       for t in self.service.list(movement_id)}
        return self.lines[movement_id]

    def handle(self, ctx: Context, row: Row) -> str:
        v = row.values
        movement = self.movements.find(v["movement"])
        indicator = normalize(v["indicator"] or "")
        key = (movement.id, fold(indicator))
        if key in self.seen:
            raise RowError("indicator", f"chỉ tiêu “{indicator}” trùng với dòng "
                                        f"{self.seen[key]} của tệp (cùng phong trào)")
        measure = normalize(v["measure_unit"] or "")
        planned_text = _figure_text(v["planned"])
        prefix: TargetDirection | None = None
        if isinstance(planned_text, str):
            prefix, planned_text = split_planned(planned_text)
        typed = normalize(str(v["direction"] or ""))
        direction = parse_direction(typed) if typed else None
        if typed and direction is None:
            raise RowError("direction", f"“{typed}” không phải chiều so sánh; chọn một trong: "
                                        f"{direction_choices()}")
        if direction is None and prefix is None:
            raise RowError("direction", "còn trống; hãy ghi chiều so sánh của chỉ tiêu (phần "
                                        "mềm không tự chọn): " + direction_choices())
        if direction is not None and prefix is not None and prefix is not direction:
            raise RowError("planned", (f"kế hoạch ghi “{DIRECTION_SYMBOL[prefix]}” nhưng cột "
                                       f"“Chiều so sánh” ghi “{typed}”; hãy thống nhất"))
        direction = direction or prefix
        assert direction is not None
        if not measure and isinstance(planned_text, str) and planned_text.endswith("%"):
            measure = "%"
        try:
            planned = parse_figure(planned_text if planned_text != "" else None, direction,
                                   measure)
        except ValueError as exc:
            raise RowError("planned", str(exc)) from None
        data = TargetInput(indicator, measure, planned, direction,
                           normalize_multiline(v["note"] or ""))
        self.seen[key] = row.line
        current = self._lines(movement.id).get(fold(indicator))
        if current is not None:
            if (current.indicator, current.measure_unit, current.planned_value,
                    current.direction, current.note) == (indicator, measure, planned, direction,
                                                         data.note):
                return "unchanged"
            if not ctx.update_existing:
                return "existing"
            self.service.update(current.id, data)
            return "updated"
        self.service.add(movement.id, data)
        return "new"

    def export_rows(self, s: Session, flt: ExportFilter) -> Iterator[dict[str, Any]]:
        movements = Movements(s)
        query = select(MovementTarget, Movement).join(
            Movement, Movement.id == MovementTarget.movement_id).where(
            MovementTarget.deleted_at.is_(None), Movement.deleted_at.is_(None))
        if flt.year is not None:
            query = query.where(Movement.year == flt.year)
        for t, m in s.execute(query.order_by(Movement.id, MovementTarget.position,
                                             MovementTarget.id)):
            direction = TargetDirection(t.direction)
            planned: object = t.planned_value
            if direction is TargetDirection.YES_NO:
                planned = format_figure(t.planned_value, direction)
            yield {"movement": movements.label(m), MOVEMENT_NAME: m.name,
                   "indicator": t.indicator, "measure_unit": t.measure_unit,
                   "planned": planned, "direction": DIRECTION_SYMBOL[direction],
                   "note": t.note}


# -- actual figures ---------------------------------------------------------------------------
@dataclass
class _Grid:
    """One movement's appendix and its units' lines for a year, as the import checks them."""

    movement: Movement
    year: int
    lines: dict[str, MovementTarget]
    copies: dict[tuple[int, int], UnitTarget]
    entries: list[FigureEntry] = field(default_factory=list)


class ActualsKind(ImportKind):
    name = "actuals"
    sheet = "Số thực hiện"
    intro = ("Mỗi dòng là số thực hiện của một đơn vị cho một chỉ tiêu trong phụ lục của phong "
             "trào, trong một năm: ghi số (95%, 12,5 tỷ đồng, 2.250; chỉ tiêu Có/Không ghi Có "
             "hoặc Không) hoặc “Không áp dụng” khi đơn vị không có hoạt động này. Đơn vị phải "
             "đã được giao chỉ tiêu của phong trào cho năm đó. Để trống = không sửa số đã có.")
    columns = (
        MOVEMENT_COLUMN,
        Column("year", "Năm", INT, aliases=("Năm thực hiện",),
               help="để trống = năm của phong trào", example=2025, width=8),
        Column("unit", "Đơn vị", UNIT, required=True, aliases=("Mã đơn vị",),
               example="PTH", width=14),
        Column("indicator", "Chỉ tiêu", required=True, aliases=("Tên chỉ tiêu",),
               help="tên chỉ tiêu đúng như trong phụ lục của phong trào",
               example="Thu ngân sách trên địa bàn", width=44),
        Column("actual", "Số thực hiện", aliases=("Thực hiện", "Kết quả thực hiện"),
               help="số, Có/Không, hoặc “Không áp dụng”", example="13,2 tỷ đồng", width=16),
    )
    info_columns = (MOVEMENT_NAME, "Tên đơn vị", "Kế hoạch", "Đơn vị tính")
    examples = (
        {"movement": "05/CT-UBND", "year": 2025, "unit": "PTH",
         "indicator": "Thu ngân sách trên địa bàn", "actual": "13,2 tỷ đồng"},
        {"movement": "05/CT-UBND", "year": 2025, "unit": "PTH",
         "indicator": "Tỷ lệ hộ gia đình đạt danh hiệu Gia đình văn hóa", "actual": "96,5%"},
        {"movement": "05/CT-UBND", "year": 2025, "unit": "PTH",
         "indicator": "Đường giao thông nông thôn được cứng hóa", "actual": "Không áp dụng"},
        {"movement": "05/CT-UBND", "year": 2025, "unit": "PTH",
         "indicator": "Không có điểm nóng về an ninh trật tự", "actual": "Có"},
    )

    def begin(self, ctx: Context) -> None:
        self.movements = Movements(ctx.session)
        self.grids: dict[tuple[int, int], _Grid] = {}
        self.seen: dict[tuple[int, int, int], int] = {}

    def _grid(self, s: Session, movement: Movement, year: int) -> _Grid:
        key = (movement.id, year)
        if key not in self.grids:
            lines = list(s.scalars(select(MovementTarget).where(
                MovementTarget.movement_id == movement.id, MovementTarget.deleted_at.is_(None))
                .order_by(MovementTarget.position, MovementTarget.id)))
            copies = {(c.unit_id, c.movement_target_id or 0): c for c in s.scalars(
                select(UnitTarget).where(
                    UnitTarget.movement_target_id.in_([t.id for t in lines] or [-1]),
                    UnitTarget.year == year, UnitTarget.deleted_at.is_(None)))}
            self.grids[key] = _Grid(movement, year, {fold(t.indicator): t for t in lines},
                                    copies)
        return self.grids[key]

    def handle(self, ctx: Context, row: Row) -> str:
        v = row.values
        movement = self.movements.find(v["movement"])
        year = v["year"] if v["year"] is not None else movement.year
        grid = self._grid(ctx.session, movement, year)
        where = f"phong trào “{movement.name}”"
        line = grid.lines.get(fold(normalize(v["indicator"] or "")))
        if line is None:
            names = "; ".join(f"“{t.indicator}”" for t in list(grid.lines.values())[:_LISTED])
            raise RowError("indicator", (
                f"phụ lục của {where} không có chỉ tiêu “{normalize(v['indicator'] or '')}”"
                + (f"; các chỉ tiêu: {names}" if names else "; phụ lục chưa có chỉ tiêu nào")))
        assigned = sorted({uid for uid, tid in grid.copies if tid == line.id})
        try:
            unit_id = ctx.refs.unit(v["unit"] or "")
        except CellError as exc:
            raise RowError("unit", f"{exc}; {self._assigned(ctx, assigned, line, year)}"
                           ) from None
        copy = grid.copies.get((unit_id, line.id))
        if copy is None:
            raise RowError("unit", (f"đơn vị “{v['unit']}” chưa được giao chỉ tiêu “"
                                    f"{line.indicator}” năm {year}; "
                                    f"{self._assigned(ctx, assigned, line, year)}"))
        seen = (unit_id, line.id, year)
        if seen in self.seen:
            raise RowError("indicator", f"trùng đơn vị, chỉ tiêu và năm với dòng "
                                        f"{self.seen[seen]} của tệp")
        self.seen[seen] = row.line
        raw = _figure_text(v["actual"])
        if raw is None or raw == "":
            # A blank never clears a stored figure.
            return "unchanged" if copy.actual_value is None and not copy.not_applicable \
                else "existing"
        direction = TargetDirection(copy.direction or line.direction)
        if isinstance(raw, str) and fold(raw) in NOT_APPLICABLE:
            if copy.not_applicable:
                return "unchanged"
            entry = FigureEntry(unit_id, line.id, not_applicable=True)
        else:
            try:
                actual = parse_figure(raw, direction, line.measure_unit)
            except ValueError as exc:
                raise RowError("actual", str(exc)) from None
            if actual == copy.actual_value and not copy.not_applicable:
                return "unchanged"
            entry = FigureEntry(unit_id, line.id, actual=actual, not_applicable=False)
        outcome = "new" if copy.actual_value is None and not copy.not_applicable else "updated"
        if outcome == "updated" and not ctx.update_existing:
            return "existing"
        grid.entries.append(entry)
        return outcome

    @staticmethod
    def _assigned(ctx: Context, unit_ids: list[int], line: MovementTarget, year: int) -> str:
        if not unit_ids:
            return f"chưa đơn vị nào được giao chỉ tiêu này năm {year}"
        codes = ", ".join(ctx.refs.unit_code.get(u, str(u)) for u in unit_ids[:_LISTED])
        more = f" và {len(unit_ids) - _LISTED} đơn vị khác" if len(unit_ids) > _LISTED else ""
        return f"các đơn vị được giao chỉ tiêu này năm {year}: {codes}{more}"

    def finish(self, ctx: Context) -> None:
        if ctx.refused:
            return
        service = ctx.services(FiguresService)
        for grid in self.grids.values():
            if grid.entries:
                service.set_figures(grid.movement.id, grid.entries, grid.year)

    def export_rows(self, s: Session, flt: ExportFilter) -> Iterator[dict[str, Any]]:
        movements = Movements(s)
        codes = {uid: (code, name) for uid, code, name in s.execute(
            select(Unit.id, Unit.code, Unit.name))}
        query = select(UnitTarget, MovementTarget, Movement).join(
            MovementTarget, MovementTarget.id == UnitTarget.movement_target_id).join(
            Movement, Movement.id == MovementTarget.movement_id).where(
            UnitTarget.deleted_at.is_(None), MovementTarget.deleted_at.is_(None),
            Movement.deleted_at.is_(None))
        if flt.year is not None:
            query = query.where(UnitTarget.year == flt.year)
        if flt.unit_id is not None:
            from desktop.services.excel.kinds import unit_scope

            query = query.where(UnitTarget.unit_id.in_(unit_scope(s, flt) or {flt.unit_id}))
        for c, t, m in s.execute(query.order_by(Movement.id, UnitTarget.year,
                                                UnitTarget.unit_id, MovementTarget.position)):
            direction = TargetDirection(c.direction or t.direction)
            actual: object = c.actual_value
            if c.not_applicable:
                actual = "Không áp dụng"
            elif direction is TargetDirection.YES_NO:
                actual = format_figure(c.actual_value, direction) or None
            code, unit_name = codes.get(c.unit_id, ("", ""))
            yield {"movement": movements.label(m), MOVEMENT_NAME: m.name, "year": c.year,
                   "unit": code, "Tên đơn vị": unit_name, "indicator": t.indicator,
                   "Kế hoạch": format_figure(c.planned_value, direction),
                   "Đơn vị tính": t.measure_unit, "actual": actual}
