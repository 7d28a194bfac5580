"""Emulation movements with their directive, the targets appendix, its assignment to units,
actual figures per unit and year, and the head-of-unit rule; also ``bloc-create`` and
``bloc-members`` so a bloc can be set up (and proposed from) with the command line alone."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from desktop.cli.context import Context, add_command, add_group, parse_date, resolve_unit
from desktop.cli.output import fmt_date, fmt_int, table
from desktop.domain.enums import BlocKind, MovementKind
from desktop.domain.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from desktop.api.movements import FiguresGrid, MovementRow, TargetRow
    from desktop.services import Services

MOVEMENT = "PHONG_TRÀO"
MOVEMENT_HELP = ("phong trào: ID (ví dụ 3 hoặc #3), số chỉ thị (05/CT-UBND) hoặc tên (không "
                 "cần gõ dấu)")
DIRECTION_HELP = ("chiều so sánh: >= (không thấp hơn, mặc định), > (phải vượt), <= (không "
                  "vượt quá), < (phải dưới), co/khong (có/không)")
NOT_APPLICABLE = ("kad", "khong ap dung", "n/a", "na")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    kinds = ", ".join(k.value for k in MovementKind)
    actions = add_group(sub, "movements", common=common,
                        help="phong trào thi đua và chỉ thị phát động: xem, thêm, sửa, xóa; "
                             "quy định người đứng đầu",
                        epilog="Ví dụ:\n  tdkt movements add --name \"Phong trào thi đua năm "
                               "2026\" --year 2026 --number 05/CT-UBND --date 20/01/2026 "
                               "--issuer \"UBND tỉnh Lai Châu\"\n"
                               "  tdkt movements rule 05/CT-UBND on")
    p = add_command(actions, "list", common=common, help="các phong trào thi đua")
    p.add_argument("--year", type=int, metavar="NĂM", help="chỉ phong trào của năm này")
    p.set_defaults(handler=cmd_list)
    for name, required in (("add", True), ("edit", False)):
        p = add_command(actions, name, common=common,
                        help="thêm một phong trào" if required else
                        "sửa thông tin phong trào (chỉ các tùy chọn được ghi)")
        if not required:
            p.add_argument("movement", metavar=MOVEMENT, help=MOVEMENT_HELP)
        p.add_argument("--name", required=required, metavar="TÊN", help="tên phong trào")
        p.add_argument("--kind", metavar="LOẠI", default="thuong_xuyen" if required else None,
                       help=f"loại phong trào: {kinds} (mặc định thuong_xuyen)")
        p.add_argument("--year", type=int, required=required, metavar="NĂM", help="năm")
        p.add_argument("--number", metavar="SỐ", help="số, ký hiệu chỉ thị (ví dụ 05/CT-UBND)")
        p.add_argument("--date", metavar="NGÀY", help="ngày ký chỉ thị (dd/mm/yyyy)")
        p.add_argument("--issuer", metavar="CƠ_QUAN", help="cơ quan ban hành")
        p.add_argument("--theme", metavar="CHỦ_ĐỀ", help="chủ đề, khẩu hiệu thi đua")
        p.add_argument("--from", dest="start", metavar="NGÀY", help="thời gian bắt đầu")
        p.add_argument("--to", dest="end", metavar="NGÀY", help="thời gian kết thúc")
        p.set_defaults(handler=cmd_add if required else cmd_edit)
    p = add_command(actions, "delete", common=common,
                    help="xóa phong trào (vào thùng rác, khôi phục được)")
    p.add_argument("movement", metavar=MOVEMENT, help=MOVEMENT_HELP)
    p.set_defaults(handler=cmd_delete)
    p = add_command(actions, "rule", common=common,
                    help="bật/tắt quy định: người đứng đầu đơn vị không hoàn thành chỉ tiêu "
                         "được giao thì không xét khen thưởng")
    p.add_argument("movement", metavar=MOVEMENT, help=MOVEMENT_HELP)
    p.add_argument("state", choices=("on", "off"), help="on (bật) hoặc off (tắt)")
    p.set_defaults(handler=cmd_rule)

    actions = add_group(sub, "targets", common=common,
                        help="phụ lục chỉ tiêu của chỉ thị: xem, thêm, sửa, xóa; giao cho đơn vị",
                        epilog="Ví dụ:\n  tdkt targets add 05/CT-UBND --indicator \"Thu ngân "
                               "sách trên địa bàn\" --unit \"tỷ đồng\" --planned 12,5\n"
                               "  tdkt targets assign 05/CT-UBND BLU SBI")
    p = add_command(actions, "list", common=common, help="các chỉ tiêu của phụ lục")
    p.add_argument("movement", metavar=MOVEMENT, help=MOVEMENT_HELP)
    p.set_defaults(handler=cmd_targets_list)
    p = add_command(actions, "add", common=common, help="thêm một chỉ tiêu vào phụ lục")
    p.add_argument("movement", metavar=MOVEMENT, help=MOVEMENT_HELP)
    _target_options(p, required=True)
    p.set_defaults(handler=cmd_targets_add)
    p = add_command(actions, "edit", common=common, help="sửa một chỉ tiêu (theo ID)")
    p.add_argument("target", type=int, metavar="ID", help="ID chỉ tiêu (xem targets list)")
    _target_options(p, required=False)
    p.set_defaults(handler=cmd_targets_edit)
    p = add_command(actions, "delete", common=common,
                    help="xóa một chỉ tiêu (cả bản giao cho đơn vị chưa có số thực hiện)")
    p.add_argument("target", type=int, metavar="ID", help="ID chỉ tiêu")
    p.set_defaults(handler=cmd_targets_delete)
    p = add_command(actions, "assign", common=common,
                    help="giao mọi chỉ tiêu của phụ lục cho các đơn vị (kế hoạch như phụ lục "
                         "hoặc theo --planned)")
    p.add_argument("movement", metavar=MOVEMENT, help=MOVEMENT_HELP)
    p.add_argument("units", nargs="+", metavar="ĐƠN_VỊ", help="mã đơn vị (hoặc #ID)")
    p.add_argument("--year", type=int, metavar="NĂM", help="năm (mặc định năm của phong trào)")
    p.add_argument("--planned", action="append", default=[], metavar="ID=SỐ",
                   help="kế hoạch riêng cho các đơn vị này, ví dụ --planned 3=12,5")
    p.set_defaults(handler=cmd_assign)

    actions = add_group(sub, "actuals", common=common,
                        help="số thực hiện chỉ tiêu của từng đơn vị theo năm",
                        epilog="Ví dụ:\n  tdkt actuals list 05/CT-UBND\n"
                               "  tdkt actuals set 05/CT-UBND BLU \"Thu ngân sách trên địa bàn\" "
                               "13,2\n  tdkt actuals set 05/CT-UBND BLU 4 kad   (không áp dụng)")
    p = add_command(actions, "list", common=common,
                    help="bảng số liệu: đơn vị theo dòng, chỉ tiêu theo cột, kết quả đạt/không")
    p.add_argument("movement", metavar=MOVEMENT, help=MOVEMENT_HELP)
    p.add_argument("--year", type=int, metavar="NĂM", help="năm (mặc định năm của phong trào)")
    p.set_defaults(handler=cmd_actuals_list)
    p = add_command(actions, "set", common=common, help="ghi số thực hiện của một đơn vị")
    p.add_argument("movement", metavar=MOVEMENT, help=MOVEMENT_HELP)
    p.add_argument("unit", metavar="ĐƠN_VỊ", help="mã đơn vị (hoặc #ID)")
    p.add_argument("target", metavar="CHỈ_TIÊU", help="ID hoặc tên chỉ tiêu")
    p.add_argument("value", metavar="SỐ",
                   help="số thực hiện (7,7; 2.250; Có/Không); \"kad\" = không áp dụng; "
                        "\"\" = xóa số")
    p.add_argument("--year", type=int, metavar="NĂM", help="năm (mặc định năm của phong trào)")
    p.set_defaults(handler=cmd_actuals_set)

    p = add_command(sub, "bloc-create", common=common, help="tạo một khối, cụm thi đua",
                    epilog="Ví dụ:\n  tdkt bloc-create --name \"Khối các xã\" --year 2026 "
                           "--head BLU")
    p.add_argument("--name", required=True, metavar="TÊN", help="tên khối, cụm")
    p.add_argument("--kind", default=BlocKind.BLOC.value, choices=[k.value for k in BlocKind],
                   help="khoi (khối, mặc định) hoặc cum (cụm)")
    p.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm")
    p.add_argument("--organiser", metavar="ĐƠN_VỊ", help="đơn vị tổ chức (mã)")
    p.add_argument("--head", metavar="ĐƠN_VỊ", help="đơn vị trưởng khối (mã)")
    p.add_argument("--deputy", metavar="ĐƠN_VỊ", help="đơn vị phó khối (mã)")
    p.add_argument("--flags", type=int, default=1, metavar="SỐ",
                   help="số Cờ thi đua được đề nghị (mặc định 1)")
    p.add_argument("--merits", type=int, default=2, metavar="SỐ",
                   help="số Bằng khen được đề nghị (mặc định 2)")
    p.set_defaults(handler=cmd_bloc_create)
    actions = add_group(sub, "bloc-members", common=common,
                        help="thành viên của khối, cụm thi đua")
    p = add_command(actions, "add", common=common, help="thêm đơn vị vào khối, cụm")
    p.add_argument("bloc", metavar="KHỐI", help="khối, cụm: ID hoặc tên")
    p.add_argument("units", nargs="+", metavar="ĐƠN_VỊ", help="mã đơn vị (hoặc #ID)")
    p.add_argument("--year", type=int, metavar="NĂM", help="năm của khối (khi tìm theo tên)")
    p.set_defaults(handler=cmd_bloc_members_add)


def _target_options(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--indicator", required=required, metavar="TÊN", help="tên chỉ tiêu")
    p.add_argument("--unit", dest="measure", metavar="ĐVT",
                   help="đơn vị tính (%%, tỷ đồng, km, ha…)")
    p.add_argument("--planned", metavar="SỐ", help="kế hoạch (7,7; 2.250)")
    p.add_argument("--direction", metavar="CHIỀU", help=DIRECTION_HELP)
    p.add_argument("--note", metavar="GHI_CHÚ", help="ghi chú (ví dụ trích nguyên văn chỉ thị)")


# -- lookups -----------------------------------------------------------------------------------
def find_movement(services: Services, ref: str) -> MovementRow:
    from desktop.domain.vntext import fold

    text = ref.strip()
    rows = services.movements.list()
    if text.removeprefix("#").isdigit():
        return services.movements.get(int(text.removeprefix("#")))
    key = fold(text)
    found = [m for m in rows if fold(m.directive_number) == key] or \
        [m for m in rows if fold(m.name) == key] or [m for m in rows if key in fold(m.name)]
    if not found:
        raise NotFoundError(f"Không tìm thấy phong trào “{ref}” (theo ID, số chỉ thị hoặc tên).")
    if len(found) > 1:
        listed = "; ".join(f"#{m.id} {m.name} ({m.year})" for m in found[:8])
        raise ValidationError.single("movement", "Phong trào",
                                     f"“{ref}” trùng nhiều phong trào: {listed}; hãy ghi ID")
    return found[0]


def _target(movement: MovementRow, ref: str) -> TargetRow:
    from desktop.domain.vntext import fold

    text = ref.strip().removeprefix("#")
    for t in movement.targets:
        if (text.isdigit() and t.id == int(text)) or fold(t.indicator) == fold(ref):
            return t
    listed = "; ".join(f"#{t.id} {t.indicator}" for t in movement.targets) or "chưa có"
    raise NotFoundError(f"Phụ lục của “{movement.name}” không có chỉ tiêu “{ref}”. Các chỉ "
                        f"tiêu: {listed}.")


def _number(text: str | None, label: str) -> float | None:
    from desktop.api.movements import parse_figure

    if text is None:
        return None
    try:
        return parse_figure(text)
    except ValueError as exc:
        raise ValidationError.single("planned_value", label, str(exc)) from None


def _movement_dict(m: MovementRow) -> dict[str, Any]:
    return {"id": m.id, "uuid": m.uuid, "name": m.name, "kind": m.kind.value, "year": m.year,
            "directive_number": m.directive_number, "directive_date": m.directive_date,
            "issuer": m.issuer, "theme": m.theme, "period_start": m.period_start,
            "period_end": m.period_end, "head_target_rule": m.head_target_rule,
            "targets": [_target_dict(t) for t in m.targets]}


def _target_dict(t: TargetRow) -> dict[str, Any]:
    from desktop.api.movements import DIRECTION_SYMBOL

    return {"id": t.id, "position": t.position, "indicator": t.indicator,
            "measure_unit": t.measure_unit, "planned_value": t.planned_value,
            "direction": t.direction.value, "direction_symbol": DIRECTION_SYMBOL[t.direction],
            "note": t.note}


# -- movements ---------------------------------------------------------------------------------
def cmd_list(ctx: Context) -> int:
    rows = ctx.open().movements.list(ctx.args.year)
    human = table(("ID", "Phong trào", "Năm", "Chỉ thị", "Ngày", "Chỉ tiêu", "Quy định NĐĐ"),
                  [(str(m.id), m.name, str(m.year), m.directive_number, fmt_date(m.directive_date),
                    fmt_int(len(m.targets)), "bật" if m.head_target_rule else "")
                   for m in rows], right=(0, 5))
    ctx.console.emit({"total": len(rows), "movements": [_movement_dict(m) for m in rows]},
                     f"{fmt_int(len(rows))} phong trào thi đua\n\n{human}" if rows
                     else "Chưa có phong trào thi đua nào.")
    return 0


def _input(ctx: Context, base: MovementRow | None) -> Any:
    from desktop.api.movements import MovementInput

    a = ctx.args

    def pick(value: Any, old: Any) -> Any:
        return old if value is None else value

    def day(text: str | None, field: str, label: str, old: Any) -> Any:
        return old if text is None else parse_date(text, field, label)

    return MovementInput(
        pick(a.name, base.name if base else ""), pick(a.kind, base.kind if base else ""),
        pick(a.year, base.year if base else 0), pick(a.number, base.directive_number if base
                                                     else ""),
        day(a.date, "directive_date", "Ngày ký chỉ thị", base.directive_date if base else None),
        pick(a.issuer, base.issuer if base else ""), pick(a.theme, base.theme if base else ""),
        day(a.start, "period_start", "Thời gian bắt đầu", base.period_start if base else None),
        day(a.end, "period_end", "Thời gian kết thúc", base.period_end if base else None),
        base.organiser_unit_id if base else None, base.head_target_rule if base else None,
        targets=None if base else [])


def cmd_add(ctx: Context) -> int:
    services = ctx.open()
    row = services.movements.create(_input(ctx, None))
    ctx.console.emit({"movement": _movement_dict(row)},
                     f"Đã thêm phong trào “{row.name}” (ID {row.id}).")
    return 0


def cmd_edit(ctx: Context) -> int:
    services = ctx.open()
    old = find_movement(services, ctx.args.movement)
    row = services.movements.update(old.id, _input(ctx, old))
    ctx.console.emit({"movement": _movement_dict(row)}, f"Đã sửa phong trào “{row.name}”.")
    return 0


def cmd_delete(ctx: Context) -> int:
    services = ctx.open()
    row = find_movement(services, ctx.args.movement)
    services.movements.delete(row.id)
    ctx.console.emit({"deleted": row.id},
                     f"Đã chuyển phong trào “{row.name}” vào thùng rác (khôi phục được).")
    return 0


def cmd_rule(ctx: Context) -> int:
    from desktop.services.targets import directive_label

    services = ctx.open()
    row = find_movement(services, ctx.args.movement)
    row = services.movements.set_head_rule(row.id, ctx.args.state == "on")
    what = directive_label(row.directive_number, row.name)
    text = (f"Đã bật quy định theo {what}: người đứng đầu đơn vị không hoàn thành chỉ tiêu được "
            "giao thì không xét khen thưởng (áp dụng cho các đợt xét gắn với phong trào này)."
            if row.head_target_rule else f"Đã tắt quy định người đứng đầu theo {what}.")
    ctx.console.emit({"movement": _movement_dict(row)}, text)
    return 0


# -- targets -----------------------------------------------------------------------------------
def _targets_table(targets: tuple[TargetRow, ...]) -> str:
    from desktop.api.movements import DIRECTION_SYMBOL, format_figure

    return table(("ID", "TT", "Chỉ tiêu", "Chiều", "Kế hoạch", "ĐVT"),
                 [(str(t.id), str(t.position), t.indicator, DIRECTION_SYMBOL[t.direction],
                   format_figure(t.planned_value, t.direction), t.measure_unit)
                  for t in targets], right=(0, 1, 4))


def cmd_targets_list(ctx: Context) -> int:
    services = ctx.open()
    m = find_movement(services, ctx.args.movement)
    ctx.console.emit({"movement_id": m.id, "targets": [_target_dict(t) for t in m.targets]},
                     f"Phụ lục chỉ tiêu của “{m.name}”\n\n{_targets_table(m.targets)}"
                     if m.targets else f"“{m.name}” chưa có chỉ tiêu nào.")
    return 0


def _target_input(ctx: Context, old: TargetRow | None) -> Any:
    from desktop.api.movements import TargetInput, direction_choices, parse_direction

    a = ctx.args
    direction: Any = old.direction if old else "higher"
    if a.direction is not None:
        direction = parse_direction(a.direction)
        if direction is None:  # never a silent default
            raise ValidationError.single("direction", "Chiều so sánh",
                                         f"“{a.direction}” không hợp lệ; chọn: "
                                         f"{direction_choices()}")
    planned = _number(a.planned, "Kế hoạch") if a.planned is not None else (
        old.planned_value if old else None)
    return TargetInput(a.indicator if a.indicator is not None else (old.indicator if old else ""),
                       a.measure if a.measure is not None else (old.measure_unit if old else ""),
                       planned, direction,
                       a.note if a.note is not None else (old.note if old else ""))


def cmd_targets_add(ctx: Context) -> int:
    services = ctx.open()
    m = find_movement(services, ctx.args.movement)
    row = services.movements.appendix.add(m.id, _target_input(ctx, None))
    ctx.console.emit({"target": _target_dict(row)},
                     f"Đã thêm chỉ tiêu “{row.indicator}” (ID {row.id}) vào phụ lục của "
                     f"“{m.name}”.")
    return 0


def cmd_targets_edit(ctx: Context) -> int:
    services = ctx.open()
    old = services.movements.appendix.get(ctx.args.target)
    row = services.movements.appendix.update(old.id, _target_input(ctx, old))
    ctx.console.emit({"target": _target_dict(row)}, f"Đã sửa chỉ tiêu “{row.indicator}”.")
    return 0


def cmd_targets_delete(ctx: Context) -> int:
    services = ctx.open()
    old = services.movements.appendix.get(ctx.args.target)
    copies = services.movements.appendix.delete(old.id)
    ctx.console.emit({"deleted": old.id, "unit_lines_removed": copies},
                     f"Đã xóa chỉ tiêu “{old.indicator}”"
                     + (f" và {fmt_int(copies)} bản giao cho đơn vị." if copies else "."))
    return 0


def cmd_assign(ctx: Context) -> int:
    services = ctx.open()
    m = find_movement(services, ctx.args.movement)
    units = [resolve_unit(services, ref) for ref in ctx.args.units]
    planned: dict[int, float | None] = {}
    for item in ctx.args.planned:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValidationError.single("planned", "--planned",
                                         f"“{item}” phải có dạng ID=SỐ, ví dụ 3=12,5")
        planned[_target(m, key).id] = _number(value, f"Kế hoạch chỉ tiêu {key}")
    made = services.movements.figures.assign(m.id, [u.id for u in units], ctx.args.year, planned)
    ctx.console.emit({"created": made, "unit_ids": [u.id for u in units]},
                     f"Đã giao {fmt_int(made)} chỉ tiêu cho {fmt_int(len(units))} đơn vị"
                     + ("." if made else " (các đơn vị đã có đủ chỉ tiêu)."))
    return 0


# -- actuals -----------------------------------------------------------------------------------
def _grid_text(grid: FiguresGrid) -> str:
    from desktop.api.movements import DIRECTION_SYMBOL, format_figure

    headers = ["Đơn vị"] + [f"{t.indicator} ({DIRECTION_SYMBOL[t.direction]} "
                            f"{format_figure(t.planned_value, t.direction)} {t.measure_unit})"
                            .replace("  ", " ").replace(" )", ")") for t in grid.targets]
    rows = []
    for uid, name in grid.units:
        line = [name]
        for t in grid.targets:
            cell = grid.cell(uid, t.id)
            if cell is None:
                line.append("—")
            elif cell.not_applicable:
                line.append("không áp dụng")
            elif cell.actual_value is None:
                line.append("chưa nhập")
            else:
                line.append(f"{format_figure(cell.actual_value, t.direction)} "
                            f"({cell.outcome.label.lower() if cell.outcome else ''})")
        rows.append(line)
    return table(headers, rows)


def cmd_actuals_list(ctx: Context) -> int:
    services = ctx.open()
    m = find_movement(services, ctx.args.movement)
    grid = services.movements.figures.grid(m.id, ctx.args.year)
    data = {"movement_id": m.id, "year": grid.year,
            "targets": [_target_dict(t) for t in grid.targets],
            "units": [{"unit_id": uid, "unit_name": name, "cells": [
                {"target_id": t.id, "planned_value": c.planned_value,
                 "actual_value": c.actual_value, "not_applicable": c.not_applicable,
                 "outcome": c.outcome.value if c.outcome else None,
                 "explanation": c.explanation}
                for t in grid.targets if (c := grid.cell(uid, t.id)) is not None]}
                for uid, name in grid.units]}
    ctx.console.emit(data, f"Số thực hiện năm {grid.year} — “{m.name}”\n\n{_grid_text(grid)}"
                     if grid.units else f"Chưa giao chỉ tiêu của “{m.name}” cho đơn vị nào năm "
                                        f"{grid.year}.")
    return 0


def cmd_actuals_set(ctx: Context) -> int:
    from desktop.api.movements import FigureEntry
    from desktop.domain.vntext import fold

    services = ctx.open()
    m = find_movement(services, ctx.args.movement)
    unit = resolve_unit(services, ctx.args.unit)
    target = _target(m, ctx.args.target)
    value = ctx.args.value
    if fold(value) in NOT_APPLICABLE:
        entry = FigureEntry(unit.id, target.id, not_applicable=True)
    elif not value.strip():
        entry = FigureEntry(unit.id, target.id, clear_actual=True)
    else:
        entry = FigureEntry(unit.id, target.id, actual=value, not_applicable=False)
    grid = services.movements.figures.set_figures(m.id, [entry], ctx.args.year)
    cell = grid.cell(unit.id, target.id)
    assert cell is not None
    ctx.console.emit({"unit_id": unit.id, "target_id": target.id,
                      "actual_value": cell.actual_value, "not_applicable": cell.not_applicable,
                      "outcome": cell.outcome.value if cell.outcome else None,
                      "explanation": cell.explanation},
                     f"“{unit.name}” — “{target.indicator}”: {cell.explanation}.")
    return 0


# -- blocs -------------------------------------------------------------------------------------
def cmd_bloc_create(ctx: Context) -> int:
    from desktop.api.blocs import BlocInput

    services = ctx.open()
    a = ctx.args

    def unit_id(ref: str | None) -> int | None:
        return resolve_unit(services, ref).id if ref else None

    row = services.blocs.create(BlocInput(a.name, a.kind, a.year, unit_id(a.organiser),
                                          unit_id(a.head), unit_id(a.deputy),
                                          flag_count=a.flags, merit_count=a.merits))
    ctx.console.emit({"bloc": {"id": row.id, "name": row.name, "year": row.year,
                               "kind": row.kind.value}},
                     f"Đã tạo {row.kind.label.lower()} “{row.name}” năm {row.year} (ID {row.id}).")
    return 0


def cmd_bloc_members_add(ctx: Context) -> int:
    from desktop.api.blocs import MemberInput

    services = ctx.open()
    bloc = services.blocs.find(ctx.args.bloc, ctx.args.year)
    units = [resolve_unit(services, ref) for ref in ctx.args.units]
    added = [services.blocs.add_member(bloc.id, MemberInput(u.id)) for u in units]
    ctx.console.emit({"bloc_id": bloc.id, "unit_ids": [m.unit_id for m in added]},
                     f"Đã thêm {fmt_int(len(added))} đơn vị vào “{bloc.name}”: "
                     + ", ".join(m.unit_name for m in added) + ".")
    return 0
