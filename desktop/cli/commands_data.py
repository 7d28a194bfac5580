"""Data commands: units, people and the award catalog (list, search, add)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.cli.context import (
    Context,
    add_command,
    add_group,
    non_negative_int,
    parse_date,
    positive_int,
    resolve_unit,
)
from desktop.cli.output import fmt_date, fmt_decimal, fmt_int, fmt_period, table
from desktop.domain.enums import UnitKind, UnitLevel
from desktop.domain.errors import ConflictError, FieldProblem, NotFoundError, ValidationError

if TYPE_CHECKING:
    from desktop.services import Services
    from desktop.services.catalog import AwardKindRow
    from desktop.services.people import PersonRow
    from desktop.services.units import UnitRow

# The sort keys PersonService.page understands (kept equal to people.SORT_COLUMNS by a test).
PEOPLE_SORTS = ("name", "gender", "birth_date", "ethnicity", "citizen_id", "position", "unit")
UNIT_REF = "MÃ_HOẶC_ID"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    _register_units(sub, common)
    _register_people(sub, common)
    _register_catalog(sub, common)


def _register_units(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = add_group(sub, "units", common=common, help="đơn vị: xem cây, tìm, thêm",
                        epilog="Đơn vị được chỉ bằng mã (không phân biệt hoa thường) hoặc số ID; "
                               "“#12” luôn là ID 12.")
    p = add_command(actions, "list", common=common,
                    help="các đơn vị trực thuộc một đơn vị (mặc định: đơn vị gốc)")
    p.add_argument("--parent", metavar=UNIT_REF, help="đơn vị cấp trên cần xem")
    p.add_argument("--all", action="store_true", help="toàn bộ đơn vị thành một danh sách phẳng")
    p.set_defaults(handler=cmd_units_list)

    p = add_command(actions, "search", common=common,
                    help="tìm đơn vị theo tên hoặc mã (không cần gõ dấu)")
    p.add_argument("text", metavar="CHUỖI_TÌM")
    p.add_argument("--limit", type=positive_int, default=100, metavar="N",
                   help="số kết quả tối đa (mặc định 100)")
    p.set_defaults(handler=cmd_units_search)

    kinds = ", ".join(k.value for k in UnitKind)
    p = add_command(actions, "add", common=common, help="thêm một đơn vị")
    p.add_argument("--name", required=True, metavar="TÊN", help="tên đơn vị")
    p.add_argument("--code", required=True, metavar="MÃ", help="mã đơn vị (duy nhất)")
    p.add_argument("--kind", required=True, metavar="LOẠI", help=f"loại đơn vị: {kinds}")
    p.add_argument("--parent", metavar=UNIT_REF, help="đơn vị cấp trên")
    p.add_argument("--short-name", default="", metavar="TÊN", help="tên viết tắt")
    p.add_argument("--address", default="", metavar="ĐỊA_CHỈ", help="địa chỉ")
    p.add_argument("--valid-from", metavar="NGÀY", help="ngày bắt đầu hiệu lực (dd/mm/yyyy)")
    p.add_argument("--valid-to", "--end-date", dest="valid_to", metavar="NGÀY",
                   help="ngày hết hiệu lực (dd/mm/yyyy); cấp huyện phải trước 01/7/2025")
    p.set_defaults(handler=cmd_units_add)


def _register_people(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = add_group(sub, "people", common=common, help="cá nhân: xem danh sách, tìm, thêm")
    p = add_command(actions, "list", common=common, help="danh sách cá nhân, có phân trang")
    p.add_argument("--unit", metavar=UNIT_REF, help="chỉ cá nhân thuộc đơn vị này (kể cả "
                                                     "đơn vị trực thuộc)")
    p.add_argument("--limit", type=positive_int, default=50, metavar="N",
                   help="số dòng mỗi trang (mặc định 50)")
    p.add_argument("--offset", type=non_negative_int, default=0, metavar="N",
                   help="bỏ qua N dòng đầu (mặc định 0)")
    p.add_argument("--sort", choices=PEOPLE_SORTS, default="name",
                   help="sắp xếp theo: name (tên, theo thứ tự tiếng Việt), gender, birth_date, "
                        "ethnicity, citizen_id, position, unit")
    p.add_argument("--desc", action="store_true", help="sắp xếp giảm dần")
    p.set_defaults(handler=cmd_people_list)

    p = add_command(actions, "search", common=common,
                    help="tìm cá nhân theo tên hoặc số CCCD (không cần gõ dấu: “duc” tìm ra “Đức”)")
    p.add_argument("text", metavar="CHUỖI_TÌM")
    p.add_argument("--limit", type=positive_int, default=50, metavar="N",
                   help="số kết quả tối đa (mặc định 50)")
    p.set_defaults(handler=cmd_people_search)

    p = add_command(actions, "add", common=common, help="thêm một cá nhân",
                    epilog="Ví dụ:\n  tdkt people add --name \"Nguyễn Văn Đức\" --gender nam "
                           "--unit LCH --birth-date 15/03/1985")
    p.add_argument("--name", required=True, metavar="HỌ_TÊN", help="họ và tên")
    p.add_argument("--gender", required=True, metavar="nam|nu", help="giới tính: nam hoặc nu (nữ)")
    p.add_argument("--unit", required=True, metavar=UNIT_REF, help="đơn vị công tác")
    p.add_argument("--birth-date", metavar="NGÀY", help="ngày sinh: dd/mm/yyyy hoặc yyyy-mm-dd")
    p.add_argument("--ethnicity", default="Kinh", metavar="DÂN_TỘC",
                   help="dân tộc (mặc định Kinh)")
    p.add_argument("--cccd", metavar="SỐ", help="số căn cước công dân (12 chữ số)")
    p.add_argument("--position", default="", metavar="CHỨC_VỤ", help="chức vụ")
    p.add_argument("--allow-duplicate", action="store_true",
                   help="vẫn thêm khi đã có người cùng họ tên và ngày sinh (không có số CCCD "
                        "để phân biệt); mặc định lệnh từ chối và chỉ ra người đã có")
    p.set_defaults(handler=cmd_people_add)


def _register_catalog(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = add_group(sub, "catalog", common=common,
                        help="danh mục danh hiệu, hình thức khen thưởng và mức lương cơ sở")
    p = add_command(actions, "list", common=common,
                    help="danh hiệu thi đua, hình thức khen thưởng và hệ số tiền thưởng")
    p.add_argument("--in-force-on", metavar="NGÀY",
                   help="chỉ những mục còn hiệu lực vào ngày này (dd/mm/yyyy hoặc yyyy-mm-dd)")
    p.set_defaults(handler=cmd_catalog_list)

    p = add_command(actions, "salary", common=common,
                    help="mức lương cơ sở áp dụng vào một ngày (mặc định hôm nay)")
    p.add_argument("--on", metavar="NGÀY", help="ngày áp dụng (dd/mm/yyyy hoặc yyyy-mm-dd), "
                                                 "thường là ngày ký quyết định")
    p.add_argument("--all", action="store_true", help="toàn bộ các mức theo thời gian")
    p.set_defaults(handler=cmd_catalog_salary)


# -- units ------------------------------------------------------------------------------------
_LEVEL_LABELS = {lv.value: lv.label for lv in UnitLevel}


def _unit_dict(row: UnitRow) -> dict[str, Any]:
    return {"id": row.id, "uuid": row.uuid, "code": row.code, "name": row.name,
            "short_name": row.short_name, "kind": row.kind.value, "kind_label": row.kind.label,
            "level": row.level, "parent_id": row.parent_id, "child_count": row.child_count,
            "address": row.address, "valid_from": row.valid_from, "valid_to": row.valid_to}


def _units_table(rows: list[UnitRow], *, parents: dict[int, str] | None = None,
                 children: bool = False) -> str:
    headers = ["ID", "Mã", "Tên đơn vị", "Loại", "Cấp"]
    if parents is not None:
        headers.append("Cấp trên")
    if children:
        headers.append("Trực thuộc")
    headers.append("Hiệu lực")
    body = []
    for r in rows:
        line: list[str] = [str(r.id), r.code, r.name, r.kind.label,
                           _LEVEL_LABELS.get(r.level, r.level)]
        if parents is not None:
            line.append(parents.get(r.parent_id, "") if r.parent_id else "")
        if children:
            line.append(fmt_int(r.child_count) if r.child_count else "")
        line.append(fmt_period(r.valid_from, r.valid_to))
        body.append(line)
    right = (0, headers.index("Trực thuộc")) if children else (0,)
    return table(headers, body, right=right)


# An id no row has: the service then reports the unknown unit next to every other problem.
_MISSING = -1


def _unit_or_none(services: Services, ref: str) -> UnitRow | None:
    try:
        return resolve_unit(services, ref)
    except NotFoundError:
        return None


@contextmanager
def _unit_ref_problem(field: str, ref: str | None) -> Iterator[None]:
    """Name the code the user typed in the service's "unit does not exist" problem."""
    try:
        yield
    except ValidationError as exc:
        problems = [FieldProblem(p.field, p.label, f"không tìm thấy đơn vị có mã hoặc ID “{ref}”")
                    if p.field == field and ref else p for p in exc.problems]
        raise ValidationError(problems) from None


def cmd_units_list(ctx: Context) -> int:
    services = ctx.open()
    parent = None
    if ctx.args.all:
        rows = services.units.search("", limit=10_000_000)
        codes = {r.id: r.code for r in rows}
        human = _units_table(rows, parents=codes)
        title = f"Toàn bộ {fmt_int(len(rows))} đơn vị"
    else:
        if ctx.args.parent:
            parent = resolve_unit(services, ctx.args.parent)
        rows = services.units.children(parent.id if parent else None)
        human = _units_table(rows, children=True)
        title = (f"{fmt_int(len(rows))} đơn vị trực thuộc “{parent.name}” (mã {parent.code})"
                 if parent else f"{fmt_int(len(rows))} đơn vị gốc")
    ctx.console.emit(
        {"parent": _unit_dict(parent) if parent else None, "total": len(rows),
         "units": [_unit_dict(r) for r in rows]},
        f"{title}\n\n{human}" if rows else f"{title}.")
    return 0


def cmd_units_search(ctx: Context) -> int:
    services = ctx.open()
    rows = services.units.search(ctx.args.text, limit=ctx.args.limit)
    ctx.console.emit(
        {"query": ctx.args.text, "total": len(rows), "units": [_unit_dict(r) for r in rows]},
        f"Tìm “{ctx.args.text}”: {fmt_int(len(rows))} đơn vị\n\n{_units_table(rows)}" if rows
        else f"Không có đơn vị nào khớp “{ctx.args.text}”.")
    return 0


def cmd_units_add(ctx: Context) -> int:
    from desktop.services.units import UnitInput

    services = ctx.open()
    args = ctx.args
    parent = _unit_or_none(services, args.parent) if args.parent else None
    with _unit_ref_problem("parent_id", args.parent):
        row = services.units.create(UnitInput(
            args.name, args.code, args.kind, (parent.id if parent else _MISSING) if args.parent
            else None, short_name=args.short_name, address=args.address,
            valid_from=parse_date(args.valid_from, "valid_from", "Ngày bắt đầu hiệu lực"),
            valid_to=parse_date(args.valid_to, "valid_to", "Ngày hết hiệu lực")))
    ctx.console.emit({"unit": _unit_dict(row)},
                     f"Đã thêm đơn vị “{row.name}” (mã {row.code}, ID {row.id})"
                     + (f", trực thuộc “{parent.name}”." if parent else "."))
    return 0


# -- people -----------------------------------------------------------------------------------
def _person_dict(row: PersonRow) -> dict[str, Any]:
    return {"id": row.id, "uuid": row.uuid, "full_name": row.full_name,
            "gender": row.gender.value, "gender_label": row.gender.label,
            "birth_date": row.birth_date, "ethnicity": row.ethnicity,
            "citizen_id": row.citizen_id, "position": row.position, "unit_id": row.unit_id,
            "unit_name": row.unit_name, "is_unit_head": row.is_unit_head,
            "is_direct_worker": row.is_direct_worker}


def _people_table(rows: list[PersonRow]) -> str:
    return table(("ID", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Số CCCD", "Chức vụ",
                  "Đơn vị"),
                 [(str(r.id), r.full_name, r.gender.label, fmt_date(r.birth_date), r.ethnicity,
                   r.citizen_id or "", r.position, r.unit_name) for r in rows],
                 right=(0,))


def _range_line(offset: int, shown: int, total: int) -> str:
    if not shown:
        return f"Không có cá nhân nào ở vị trí này (tổng số {fmt_int(total)})."
    return (f"Dòng {fmt_int(offset + 1)}–{fmt_int(offset + shown)} trên tổng số "
            f"{fmt_int(total)} cá nhân.")


def cmd_people_list(ctx: Context) -> int:
    from desktop.services.people import PeopleQuery

    services = ctx.open()
    args = ctx.args
    unit = resolve_unit(services, args.unit) if args.unit else None
    query = PeopleQuery(unit_id=unit.id if unit else None, sort=args.sort,
                        descending=args.desc)
    total = services.people.count(query)
    rows = services.people.page(query, args.offset, args.limit)
    title = f"Cá nhân thuộc “{unit.name}”" if unit else "Danh sách cá nhân"
    ctx.console.emit(
        {"unit": _unit_dict(unit) if unit else None, "total": total, "offset": args.offset,
         "limit": args.limit, "sort": args.sort, "descending": args.desc,
         "people": [_person_dict(r) for r in rows]},
        (f"{title}\n\n{_people_table(rows)}\n\n" if rows else f"{title}\n")
        + _range_line(args.offset, len(rows), total))
    return 0


def cmd_people_search(ctx: Context) -> int:
    services = ctx.open()
    result = services.people.search(ctx.args.text, limit=ctx.args.limit)
    rows = result.rows
    if rows:
        more = (f" (hiện {fmt_int(len(rows))} người đầu; dùng --limit để xem thêm)"
                if result.total > len(rows) else "")
        human = (f"Tìm “{ctx.args.text}”: {fmt_int(result.total)} cá nhân{more}\n\n"
                 f"{_people_table(rows)}")
    else:
        human = f"Không có cá nhân nào khớp “{ctx.args.text}”."
    ctx.console.emit({"query": ctx.args.text, "total": result.total,
                      "people": [_person_dict(r) for r in rows]}, human)
    return 0


def cmd_people_add(ctx: Context) -> int:
    from desktop.api.duplicates import PossibleDuplicateError
    from desktop.services.people import PersonInput

    args = ctx.args
    birth_date = parse_date(args.birth_date, "birth_date", "Ngày sinh")
    services = ctx.open()
    unit = _unit_or_none(services, args.unit)
    try:
        with _unit_ref_problem("unit_id", args.unit):
            row = services.people.create(PersonInput(
                args.name, args.gender, unit.id if unit else _MISSING, birth_date=birth_date,
                ethnicity=args.ethnicity, citizen_id=args.cccd, position=args.position),
                allow_duplicate=args.allow_duplicate)
    except PossibleDuplicateError as exc:  # the window asks; a command cannot
        raise ConflictError(f"{exc.found()}\nChưa thêm. Nếu đây là một người khác, chạy lại "
                            "lệnh với --allow-duplicate (hoặc ghi số CCCD bằng --cccd).") from exc
    ctx.console.emit({"person": _person_dict(row)},
                     f"Đã thêm “{row.full_name}” (ID {row.id}) vào đơn vị “{row.unit_name}”.")
    return 0


# -- catalog ----------------------------------------------------------------------------------
def _kind_dict(row: AwardKindRow) -> dict[str, Any]:
    return {"id": row.id, "code": row.code, "name": row.name, "short_name": row.short_name,
            "category": row.category.value, "level": row.level.value,
            "subjects": [s.value for s in row.subjects], "issuer": row.issuer,
            "coef_individual": row.coef_individual, "coef_collective": row.coef_collective,
            "coef_household": row.coef_household, "legal_basis": row.legal_basis,
            "legal_article": row.legal_article, "valid_from": row.valid_from,
            "valid_to": row.valid_to}


def cmd_catalog_list(ctx: Context) -> int:
    day = parse_date(ctx.args.in_force_on, "in_force_on", "Ngày hiệu lực")
    services = ctx.open()
    rows = services.catalog.award_kinds(in_force_on=day)
    human = table(
        ("Mã", "Tên", "Loại", "Cấp", "Hệ số CN", "Hệ số TT", "Hệ số HGĐ", "Hiệu lực"),
        [(r.code, r.name, r.category.label, r.level.label, fmt_decimal(r.coef_individual),
          fmt_decimal(r.coef_collective), fmt_decimal(r.coef_household),
          fmt_period(r.valid_from, r.valid_to)) for r in rows],
        right=(4, 5, 6))
    title = (f"{fmt_int(len(rows))} danh hiệu, hình thức khen thưởng còn hiệu lực ngày "
             f"{fmt_date(day)}" if day else
             f"{fmt_int(len(rows))} danh hiệu, hình thức khen thưởng")
    ctx.console.emit(
        {"in_force_on": day, "total": len(rows), "award_kinds": [_kind_dict(r) for r in rows]},
        f"{title}\n(hệ số × mức lương cơ sở = tiền thưởng; CN: cá nhân, TT: tập thể, "
        f"HGĐ: hộ gia đình)\n\n{human}")
    return 0


def cmd_catalog_salary(ctx: Context) -> int:
    day = parse_date(ctx.args.on, "on", "Ngày áp dụng") or date.today()
    services = ctx.open()
    if ctx.args.all:
        rows = services.catalog.base_salaries()
        ctx.console.emit(
            {"base_salaries": [{"effective_from": r.effective_from, "amount": r.amount,
                                "legal_basis": r.legal_basis} for r in rows]},
            table(("Áp dụng từ", "Mức lương cơ sở (đồng)", "Căn cứ"),
                  [(fmt_date(r.effective_from), fmt_int(r.amount), r.legal_basis)
                   for r in rows], right=(1,)))
        return 0
    row = services.catalog.base_salary_on(day)
    ctx.console.emit(
        {"on": day, "amount": row.amount, "effective_from": row.effective_from,
         "legal_basis": row.legal_basis},
        f"Mức lương cơ sở áp dụng ngày {fmt_date(day)}: {fmt_int(row.amount)} đồng/tháng\n"
        f"(áp dụng từ {fmt_date(row.effective_from)}, theo {row.legal_basis})")
    return 0
