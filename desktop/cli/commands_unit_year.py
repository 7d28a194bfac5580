"""Per unit and year: ``tdkt registrations list|set|clear`` (đăng ký thi đua) and
``tdkt grid show|paste`` (ratings and registrations of a unit's people and of the unit, the
same grid as the window "Xếp loại & đăng ký theo đơn vị"; issue 12)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.api.unit_year import (
    COLUMNS,
    GridColumn,
    GridRefusedError,
    person_key,
    unit_key,
)
from desktop.cli.commands_rounds import record_id
from desktop.cli.context import Context, add_command, add_group, positive_int, resolve_unit
from desktop.cli.output import fmt_date, table
from desktop.domain.errors import ValidationError
from desktop.domain.vntext import fold

if TYPE_CHECKING:
    from desktop.api.rounds import RegistrationRow
    from desktop.api.unit_year import UnitYearGrid

UNIT_HELP = "đơn vị (mã hoặc ID; #12 luôn là ID)"
COLUMN_NAMES = ", ".join(f"{c.value} ({c.label})" for c in COLUMNS)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    _register_registrations(sub, common)
    _register_grid(sub, common)


def _unit_year(p: argparse.ArgumentParser) -> None:
    p.add_argument("--unit", required=True, metavar="MÃ_HOẶC_ID", help=UNIT_HELP)
    p.add_argument("--year", required=True, type=int, metavar="NĂM", help="năm")


def _register_registrations(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = add_group(sub, "registrations", common=common,
                        help="đăng ký thi đua theo đơn vị và năm: xem, đăng ký, bỏ đăng ký")
    p = add_command(actions, "list", common=common,
                    help="đăng ký thi đua của đơn vị và của từng người trong đơn vị",
                    epilog="Ví dụ:\n  tdkt registrations list --unit PTH --year 2026")
    _unit_year(p)
    p.set_defaults(handler=cmd_registrations_list)

    p = add_command(actions, "set", common=common,
                    help="đặt danh hiệu đăng ký của một người (hoặc của chính đơn vị) trong năm; "
                         "thay các đăng ký cũ của năm đó",
                    epilog="Danh hiệu ghi bằng mã hoặc tên, có dấu hoặc không: LDTT, “LĐTT”, "
                           "“CSTĐ cơ sở”, “Tập thể LĐXS”… Nhiều danh hiệu cách nhau bằng dấu "
                           "phẩy.\n\nVí dụ:\n"
                           "  tdkt registrations set --unit PTH --year 2026 --person 12 "
                           "--title \"CSTĐ cơ sở\"\n"
                           "  tdkt registrations set --unit PTH --year 2026 --title TTLDXS")
    _unit_year(p)
    p.add_argument("--person", type=record_id, metavar="ID",
                   help="cá nhân (ID) thuộc đơn vị; bỏ trống: đăng ký của chính đơn vị")
    p.add_argument("--title", required=True, metavar="DANH_HIỆU", help="danh hiệu đăng ký")
    p.set_defaults(handler=cmd_registrations_set)

    p = add_command(actions, "clear", common=common,
                    help="bỏ đăng ký thi đua của một người (hoặc của chính đơn vị) trong năm",
                    epilog="Ví dụ:\n  tdkt registrations clear --unit PTH --year 2026 --person 12")
    _unit_year(p)
    p.add_argument("--person", type=record_id, metavar="ID",
                   help="cá nhân (ID) thuộc đơn vị; bỏ trống: đăng ký của chính đơn vị")
    p.set_defaults(handler=cmd_registrations_clear)


def _register_grid(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = add_group(sub, "grid", common=common,
                        help="bảng xếp loại, đăng ký thi đua và kết quả LĐTT/CSTĐ của một đơn vị "
                             "trong năm: xem, dán từ Excel")
    p = add_command(actions, "show", common=common,
                    help="xem bảng: mỗi người một dòng, thêm một dòng cho chính đơn vị",
                    epilog="Ví dụ:\n  tdkt grid show --unit PTH --year 2026 --json")
    _unit_year(p)
    p.set_defaults(handler=cmd_grid_show)

    p = add_command(actions, "paste", common=common,
                    help="ghi một khối ô chép từ Excel (tách bằng tab) vào bảng: tất cả hoặc "
                         "không ô nào, ô bị từ chối được nêu tên kèm lý do",
                    epilog=f"Cột (mã hoặc tên): {COLUMN_NAMES}.\n\nVí dụ:\n"
                           "  tdkt grid paste --unit PTH --year 2026 khoi.tsv --row 1 "
                           "--column rating --dry-run")
    _unit_year(p)
    p.add_argument("file", type=Path, metavar="TỆP", help="tệp văn bản UTF-8, ô tách bằng tab")
    p.add_argument("--row", type=positive_int, default=1, metavar="N",
                   help="dòng của bảng nhận ô đầu tiên (mặc định 1)")
    p.add_argument("--column", default=GridColumn.RATING.value, metavar="CỘT",
                   help="cột nhận ô đầu tiên (mặc định rating: Xếp loại)")
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    p.set_defaults(handler=cmd_grid_paste)


# -- registrations ------------------------------------------------------------------------------
def _registration_dict(row: RegistrationRow) -> dict[str, Any]:
    return {"id": row.id, "year": row.year, "person_id": row.person_id, "unit_id": row.unit_id,
            "subject": row.subject_name, "award": row.award_code, "award_name": row.award_name,
            "registered_on": row.registered_on}


def cmd_registrations_list(ctx: Context) -> int:
    services = ctx.open()
    unit = resolve_unit(services, ctx.args.unit)
    rows = services.registrations.for_unit(unit.id, ctx.args.year)
    human = (f"Đăng ký thi đua năm {ctx.args.year} của {unit.name}: {len(rows)}\n\n" + table(
        ("ID", "Đối tượng", "Danh hiệu", "Ngày đăng ký"),
        [(str(r.id), r.subject_name + (" (tập thể)" if r.unit_id else ""), r.award_name,
          fmt_date(r.registered_on)) for r in rows], right=(0,))
             if rows else f"{unit.name} chưa có đăng ký thi đua nào năm {ctx.args.year}.")
    ctx.console.emit({"unit_id": unit.id, "unit": unit.name, "year": ctx.args.year,
                      "registrations": [_registration_dict(r) for r in rows]}, human)
    return 0


def _set_cell(ctx: Context, column: GridColumn, text: str) -> tuple[UnitYearGrid, str]:
    services = ctx.open()
    unit = resolve_unit(services, ctx.args.unit)
    key = person_key(ctx.args.person) if ctx.args.person else unit_key(unit.id)
    changes = services.unit_year.parse_cells(unit.id, ctx.args.year, [(key, column, text)])
    result = services.unit_year.apply(unit.id, ctx.args.year, changes)
    return result.grid, key


def cmd_registrations_set(ctx: Context) -> int:
    grid, key = _set_cell(ctx, GridColumn.REGISTRATION, ctx.args.title)
    row = grid.row(key)
    assert row is not None
    ctx.console.emit({"subject": row.name, "person_id": row.person_id, "unit_id": row.unit_id,
                      "year": grid.year, "awards": list(row.registrations)},
                     f"Đã ghi đăng ký thi đua năm {grid.year} của {row.name}: "
                     f"{', '.join(row.registration_names)}.")
    return 0


def cmd_registrations_clear(ctx: Context) -> int:
    grid, key = _set_cell(ctx, GridColumn.REGISTRATION, "")
    row = grid.row(key)
    assert row is not None
    ctx.console.emit({"subject": row.name, "year": grid.year, "awards": []},
                     f"Đã bỏ đăng ký thi đua năm {grid.year} của {row.name}.")
    return 0


# -- grid -----------------------------------------------------------------------------------------
def _grid_dict(grid: UnitYearGrid) -> dict[str, Any]:
    return {"unit_id": grid.unit_id, "unit": grid.unit_name, "year": grid.year,
            "columns": [{"key": c.value, "label": c.label} for c in COLUMNS],
            "rows": [{"key": r.key, "person_id": r.person_id, "unit_id": r.unit_id,
                      "name": r.name, "position": r.position,
                      "rating": r.rating.value if r.rating else None,
                      "rating_label": r.rating.label if r.rating else "",
                      "registrations": list(r.registrations),
                      "registration_names": list(r.registration_names),
                      "result_basic": r.result_basic, "result_high": r.result_high}
                     for r in grid.rows]}


def _grid_table(grid: UnitYearGrid) -> str:
    return table(("STT", *(c.label for c in COLUMNS)),
                 [(str(i), *(grid.display(r, c) for c in COLUMNS))
                  for i, r in enumerate(grid.rows, start=1)], right=(0,))


def cmd_grid_show(ctx: Context) -> int:
    services = ctx.open()
    unit = resolve_unit(services, ctx.args.unit)
    grid = services.unit_year.grid(unit.id, ctx.args.year)
    ctx.console.emit(_grid_dict(grid), f"{grid.unit_name} – năm {grid.year}\n\n"
                                       f"{_grid_table(grid)}")
    return 0


def _column_index(text: str) -> int:
    wanted = fold(text).replace("-", "_").replace(" ", "_")
    for i, column in enumerate(COLUMNS):
        if wanted in (column.value, fold(column.label).replace(" ", "_")):
            return i
    raise ValidationError.single("column", "Cột", f"không có cột “{text}”; chọn một trong: "
                                 f"{COLUMN_NAMES}")


def cmd_grid_paste(ctx: Context) -> int:
    left = _column_index(ctx.args.column)
    try:
        text = ctx.args.file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError.single("file", "Tệp", f"{ctx.args.file} không phải văn bản "
                                     "UTF-8") from None
    services = ctx.open()
    unit = resolve_unit(services, ctx.args.unit)
    grid = services.unit_year.grid(unit.id, ctx.args.year)
    pasted = services.unit_year.parse_paste(grid, ctx.args.row - 1, left, text)
    if pasted.refused:
        raise GridRefusedError(pasted.refused)
    if ctx.args.dry_run:
        changed = [c for c in pasted.changes
                   if (row := grid.row(c.row_key)) is not None and row.value(c.column) != c.value]
        ctx.console.emit({"dry_run": True, "changes": len(changed)},
                         f"Kiểm tra xong: {len(changed)} ô sẽ thay đổi; chưa ghi gì.")
        return 0
    result = services.unit_year.apply(unit.id, ctx.args.year, pasted.changes)
    ctx.console.emit({"dry_run": False, "changes": len(result.applied),
                      "grid": _grid_dict(result.grid)},
                     f"Đã ghi {len(result.applied)} ô.\n\n{_grid_table(result.grid)}")
    return 0
