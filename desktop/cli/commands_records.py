"""Records of one person: ratings, initiatives, award history, discipline and positions
(chức vụ, with the head-of-unit flag over a date range). The same services as the person
editor's tabs; every delete can be undone with ``restore``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop.cli.commands_rounds import ID, record_id
from desktop.cli.context import Context, add_command, add_group, parse_date, resolve_unit
from desktop.cli.output import fmt_date, fmt_int, fmt_period, table
from desktop.domain.enums import (
    AchievementKind,
    DisciplineForm,
    DisciplineStatus,
    InitiativeScope,
    RatingLevel,
)

if TYPE_CHECKING:
    from desktop.services import Services

PERSON = "ID_CÁ_NHÂN"
DATE = "NGÀY"


def _choices(enum: Any) -> str:
    return ", ".join(f"{m.value} ({m.label})" for m in enum)


def _year(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"“{text}” không phải một năm (ví dụ: 2025)")
    return int(text)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    _register_ratings(sub, common)
    _register_initiatives(sub, common)
    _register_awards(sub, common)
    _register_disciplines(sub, common)
    _register_positions(sub, common)


def _person_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("person", type=record_id, metavar=PERSON, help="ID của cá nhân")


def _id_command(actions: Any, common: argparse.ArgumentParser, name: str, help: str,
                handler: Callable[[Context], int]) -> None:
    p = add_command(actions, name, common=common, help=help)
    p.add_argument("id", type=record_id, metavar=ID, help="ID của bản ghi (xem bằng lệnh list)")
    p.set_defaults(handler=handler)


# -- registration -------------------------------------------------------------------------------
def _register_ratings(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = add_group(sub, "ratings", common=common,
                        help="xếp loại mức độ hoàn thành nhiệm vụ hằng năm của một cá nhân")
    p = add_command(actions, "list", common=common, help="các năm đã xếp loại của một cá nhân")
    _person_arg(p)
    p.set_defaults(handler=cmd_ratings_list)
    p = add_command(actions, "set", common=common,
                    help="ghi (hoặc sửa) xếp loại của một năm",
                    epilog="Ví dụ:\n  tdkt ratings set 12 --year 2025 --level HTXSNV")
    _person_arg(p)
    p.add_argument("--year", required=True, type=_year, metavar="NĂM", help="năm đánh giá")
    p.add_argument("--level", required=True, metavar="MỨC",
                   help=f"mức xếp loại: {_choices(RatingLevel)}")
    p.add_argument("--note", default="", metavar="GHI_CHÚ", help="ghi chú")
    p.set_defaults(handler=cmd_ratings_set)
    _id_command(actions, common, "delete", "xóa một kết quả xếp loại (vào thùng rác)",
                _deleter("ratings", "kết quả xếp loại"))
    _id_command(actions, common, "restore", "khôi phục kết quả xếp loại đã xóa",
                _restorer("ratings", "kết quả xếp loại"))


def _initiative_options(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--title", required=required, metavar="TÊN", help="tên sáng kiến")
    p.add_argument("--year", required=required, type=_year, metavar="NĂM",
                   help="năm công nhận")
    p.add_argument("--scope", required=required, metavar="PHẠM_VI",
                   help=f"phạm vi công nhận: {_choices(InitiativeScope)}")
    p.add_argument("--decision-number", required=required, metavar="SỐ",
                   help="số quyết định công nhận")
    p.add_argument("--decision-date", metavar=DATE, help="ngày quyết định (dd/mm/yyyy)")
    p.add_argument("--recognised-by", metavar="CƠ_QUAN", help="cơ quan, người công nhận")


def _register_initiatives(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = add_group(sub, "initiatives", common=common,
                        help="sáng kiến được công nhận của một cá nhân")
    p = add_command(actions, "list", common=common, help="các sáng kiến của một cá nhân")
    _person_arg(p)
    p.set_defaults(handler=cmd_initiatives_list)
    p = add_command(actions, "add", common=common, help="thêm một sáng kiến",
                    epilog="Ví dụ:\n  tdkt initiatives add 12 --title \"Số hóa hồ sơ\" "
                           "--year 2025 --scope co_so --decision-number 15/QĐ-UBND "
                           "--decision-date 20/12/2025")
    _person_arg(p)
    _initiative_options(p, required=True)
    p.set_defaults(handler=cmd_initiatives_add)
    p = add_command(actions, "edit", common=common,
                    help="sửa một sáng kiến (chỉ các mục được ghi; các mục khác giữ nguyên)")
    p.add_argument("id", type=record_id, metavar=ID, help="ID của sáng kiến")
    _initiative_options(p, required=False)
    p.set_defaults(handler=cmd_initiatives_edit)
    _id_command(actions, common, "delete", "xóa một sáng kiến (vào thùng rác)",
                _deleter("initiatives", "sáng kiến"))
    _id_command(actions, common, "restore", "khôi phục sáng kiến đã xóa",
                _restorer("initiatives", "sáng kiến"))


def _register_awards(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = add_group(sub, "awards-history", common=common,
                        help="khen thưởng đã có (lịch sử khen thưởng) của một cá nhân")
    p = add_command(actions, "list", common=common, help="các khen thưởng đã có của một cá nhân")
    _person_arg(p)
    p.set_defaults(handler=cmd_awards_list)
    p = add_command(actions, "add", common=common, help="thêm một khen thưởng đã có",
                    epilog="Ví dụ:\n  tdkt awards-history add 12 --award CSTDCS --year 2024 "
                           "--kind cong_trang --decision-number 120/QĐ-UBND "
                           "--decision-date 25/12/2024\nMã danh hiệu, hình thức: tdkt catalog "
                           "list")
    _person_arg(p)
    p.add_argument("--award", required=True, metavar="MÃ", help="mã danh hiệu, hình thức")
    p.add_argument("--year", required=True, type=_year, metavar="NĂM", help="năm khen thưởng")
    p.add_argument("--kind", required=True, metavar="LOẠI",
                   help=f"loại thành tích: {_choices(AchievementKind)}")
    p.add_argument("--decision-number", required=True, metavar="SỐ", help="số quyết định")
    p.add_argument("--decision-date", required=True, metavar=DATE,
                   help="ngày quyết định (dd/mm/yyyy)")
    p.add_argument("--issuer", default="", metavar="CƠ_QUAN", help="cơ quan ban hành")
    p.add_argument("--period-from", metavar=DATE, help="thời kỳ thành tích từ ngày")
    p.add_argument("--period-to", metavar=DATE, help="thời kỳ thành tích đến ngày")
    p.add_argument("--note", default="", metavar="GHI_CHÚ", help="ghi chú")
    p.set_defaults(handler=cmd_awards_add)
    _id_command(actions, common, "delete", "xóa một khen thưởng đã có (vào thùng rác)",
                _deleter("awards", "khen thưởng"))
    _id_command(actions, common, "restore", "khôi phục khen thưởng đã xóa",
                _restorer("awards", "khen thưởng"))


def _register_disciplines(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = add_group(sub, "disciplines", common=common, help="kỷ luật của một cá nhân")
    p = add_command(actions, "list", common=common, help="các kỷ luật của một cá nhân")
    _person_arg(p)
    p.set_defaults(handler=cmd_disciplines_list)
    p = add_command(actions, "add", common=common, help="thêm một kỷ luật",
                    epilog="Ví dụ:\n  tdkt disciplines add 12 --form canh_cao "
                           "--decision-number 5/QĐ-UBND --from 01/03/2025 --to 28/02/2026")
    _person_arg(p)
    p.add_argument("--form", required=True, metavar="HÌNH_THỨC",
                   help=f"hình thức kỷ luật: {_choices(DisciplineForm)}")
    p.add_argument("--status", default=DisciplineStatus.DECIDED.value, metavar="TÌNH_TRẠNG",
                   help=f"tình trạng: {_choices(DisciplineStatus)} (mặc định decided)")
    p.add_argument("--decision-number", default="", metavar="SỐ", help="số quyết định")
    p.add_argument("--decision-date", metavar=DATE, help="ngày quyết định (dd/mm/yyyy)")
    p.add_argument("--from", dest="effective_from", metavar=DATE, help="có hiệu lực từ ngày")
    p.add_argument("--to", dest="effective_to", metavar=DATE, help="có hiệu lực đến ngày")
    p.add_argument("--reason", default="", metavar="LÝ_DO", help="lý do kỷ luật")
    p.set_defaults(handler=cmd_disciplines_add)
    _id_command(actions, common, "delete", "xóa một kỷ luật (vào thùng rác)",
                _deleter("disciplines", "kỷ luật"))
    _id_command(actions, common, "restore", "khôi phục kỷ luật đã xóa",
                _restorer("disciplines", "kỷ luật"))


def _position_options(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--title", required=required, metavar="CHỨC_VỤ", help="tên chức vụ")
    p.add_argument("--unit", metavar="MÃ_HOẶC_ID",
                   help="đơn vị giữ chức vụ (mặc định: đơn vị công tác của cá nhân)")
    head = p.add_mutually_exclusive_group()
    head.add_argument("--head", action="store_true", default=None,
                      help="là người đứng đầu đơn vị trong thời gian này")
    head.add_argument("--not-head", dest="head", action="store_false",
                      help="không phải người đứng đầu")
    p.add_argument("--from", dest="start", metavar=DATE, help="từ ngày (dd/mm/yyyy)")
    p.add_argument("--to", dest="end", metavar=DATE,
                   help="đến ngày (bỏ trống: đang giữ chức vụ)")
    p.add_argument("--note", metavar="GHI_CHÚ", help="ghi chú")


def _register_positions(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = add_group(sub, "positions", common=common,
                        help="chức vụ của một cá nhân theo thời gian (người đứng đầu đơn vị)")
    p = add_command(actions, "list", common=common, help="các chức vụ của một cá nhân")
    _person_arg(p)
    p.set_defaults(handler=cmd_positions_list)
    p = add_command(actions, "add", common=common, help="thêm một chức vụ",
                    epilog="Ví dụ:\n  tdkt positions add 12 --title \"Chủ tịch UBND xã\" "
                           "--head --from 01/07/2021 --to 31/03/2025")
    _person_arg(p)
    _position_options(p, required=True)
    p.set_defaults(handler=cmd_positions_add)
    p = add_command(actions, "edit", common=common,
                    help="sửa một chức vụ (chỉ các mục được ghi; “--to ''” bỏ ngày kết thúc)")
    p.add_argument("id", type=record_id, metavar=ID, help="ID của chức vụ")
    _position_options(p, required=False)
    p.set_defaults(handler=cmd_positions_edit)
    _id_command(actions, common, "delete", "xóa một chức vụ (vào thùng rác)",
                _deleter("positions", "chức vụ"))
    _id_command(actions, common, "restore", "khôi phục chức vụ đã xóa",
                _restorer("positions", "chức vụ"))


# -- shared ---------------------------------------------------------------------------------------
def _deleter(service: str, what: str) -> Callable[[Context], int]:
    def handler(ctx: Context) -> int:
        getattr(ctx.open(), service).delete(ctx.args.id)
        command = {"awards": "awards-history"}.get(service, service)
        ctx.console.emit({"deleted": ctx.args.id},
                         f"Đã xóa {what} (ID {ctx.args.id}) vào thùng rác. Hoàn tác: "
                         f"tdkt {command} restore {ctx.args.id}")
        return 0
    return handler


def _restorer(service: str, what: str) -> Callable[[Context], int]:
    def handler(ctx: Context) -> int:
        getattr(ctx.open(), service).restore(ctx.args.id)
        ctx.console.emit({"restored": ctx.args.id},
                         f"Đã khôi phục {what} (ID {ctx.args.id}).")
        return 0
    return handler


def _person_name(services: Services, person_id: int) -> str:
    return services.people.get(person_id).full_name  # NotFoundError: a Vietnamese refusal


def _listing(ctx: Context, key: str, rows: list[Any], what: str, name: str, human: str) -> int:
    ctx.console.emit({"person_id": ctx.args.person, key: rows},
                     f"{what} của {name}: {fmt_int(len(rows))}\n\n{human}" if rows
                     else f"{name} chưa có {what.lower()} nào.")
    return 0


def _subject(person_id: int) -> Any:
    from desktop.services.records import Subject

    return Subject(person_id=person_id)


# -- ratings --------------------------------------------------------------------------------------
def cmd_ratings_list(ctx: Context) -> int:
    services = ctx.open()
    name = _person_name(services, ctx.args.person)
    rows = services.ratings.for_subject(_subject(ctx.args.person))
    return _listing(ctx, "ratings", rows, "Xếp loại", name, table(
        ("ID", "Năm", "Mức xếp loại", "Ghi chú"),
        [(str(r.id), str(r.year), r.level.label, r.note) for r in rows], right=(0,)))


def cmd_ratings_set(ctx: Context) -> int:
    services = ctx.open()
    args = ctx.args
    name = _person_name(services, args.person)
    row = services.ratings.set(_subject(args.person), args.year, args.level, args.note)
    ctx.console.emit({"rating": row}, f"Đã ghi xếp loại năm {row.year} của {name}: "
                                      f"{row.level.label} (ID {row.id}).")
    return 0


# -- initiatives ----------------------------------------------------------------------------------
def cmd_initiatives_list(ctx: Context) -> int:
    services = ctx.open()
    name = _person_name(services, ctx.args.person)
    rows = services.initiatives.for_subject(_subject(ctx.args.person))
    return _listing(ctx, "initiatives", rows, "Sáng kiến", name, table(
        ("ID", "Năm", "Tên sáng kiến", "Phạm vi", "Quyết định", "Ngày", "Công nhận bởi"),
        [(str(r.id), str(r.year), r.title, r.scope.label, r.decision_number,
          fmt_date(r.decision_date), r.recognised_by) for r in rows], right=(0,)))


def cmd_initiatives_add(ctx: Context) -> int:
    from desktop.services.records import InitiativeInput

    args = ctx.args
    decided = parse_date(args.decision_date, "decision_date", "Ngày quyết định")
    services = ctx.open()
    row = services.initiatives.create(InitiativeInput(
        _subject(args.person), args.title, args.year, args.scope, args.decision_number, decided,
        args.recognised_by or ""))
    ctx.console.emit({"initiative": row}, f"Đã thêm sáng kiến “{row.title}” (ID {row.id}).")
    return 0


def cmd_initiatives_edit(ctx: Context) -> int:
    from dataclasses import replace

    args = ctx.args
    services = ctx.open()
    current = services.initiatives.get(args.id).as_input()
    changes: dict[str, Any] = {k: v for k, v in (
        ("title", args.title), ("year", args.year), ("scope", args.scope),
        ("decision_number", args.decision_number), ("recognised_by", args.recognised_by))
        if v is not None}
    if args.decision_date is not None:
        changes["decision_date"] = parse_date(args.decision_date, "decision_date",
                                              "Ngày quyết định")
    row = services.initiatives.update(args.id, replace(current, **changes))
    ctx.console.emit({"initiative": row}, f"Đã sửa sáng kiến “{row.title}” (ID {row.id}).")
    return 0


# -- award history --------------------------------------------------------------------------------
def cmd_awards_list(ctx: Context) -> int:
    services = ctx.open()
    name = _person_name(services, ctx.args.person)
    rows = services.awards.for_subject(_subject(ctx.args.person))
    return _listing(ctx, "awards", rows, "Khen thưởng đã có", name, table(
        ("ID", "Năm", "Danh hiệu, hình thức", "Loại thành tích", "Quyết định", "Ngày",
         "Cơ quan ban hành"),
        [(str(r.id), str(r.year), r.award_name, r.achievement_kind.label, r.decision_number,
          fmt_date(r.decision_date), r.issuer) for r in rows], right=(0,)))


def cmd_awards_add(ctx: Context) -> int:
    from desktop.services.records import AwardRecordInput

    args = ctx.args
    decided = parse_date(args.decision_date, "decision_date", "Ngày quyết định")
    start = parse_date(args.period_from, "period_from", "Thành tích từ")
    end = parse_date(args.period_to, "period_to", "Thành tích đến")
    services = ctx.open()
    row = services.awards.create(AwardRecordInput(
        _subject(args.person), args.award, args.year, args.kind, args.decision_number, decided,
        args.issuer, start, end, note=args.note))
    ctx.console.emit({"award": row}, f"Đã thêm “{row.award_name}” năm {row.year} "
                                     f"(ID {row.id}).")
    return 0


# -- discipline -----------------------------------------------------------------------------------
def cmd_disciplines_list(ctx: Context) -> int:
    services = ctx.open()
    name = _person_name(services, ctx.args.person)
    rows = services.disciplines.for_subject(_subject(ctx.args.person))
    return _listing(ctx, "disciplines", rows, "Kỷ luật", name, table(
        ("ID", "Hình thức", "Tình trạng", "Quyết định", "Ngày", "Hiệu lực", "Lý do"),
        [(str(r.id), r.form.label, r.status.label, r.decision_number, fmt_date(r.decision_date),
          fmt_period(r.effective_from, r.effective_to), r.reason) for r in rows], right=(0,)))


def cmd_disciplines_add(ctx: Context) -> int:
    from desktop.services.records import DisciplineInput

    args = ctx.args
    decided = parse_date(args.decision_date, "decision_date", "Ngày quyết định")
    start = parse_date(args.effective_from, "effective_from", "Hiệu lực từ")
    end = parse_date(args.effective_to, "effective_to", "Hiệu lực đến")
    services = ctx.open()
    row = services.disciplines.create(DisciplineInput(
        _subject(args.person), args.form, args.status, args.decision_number, decided, start,
        end, args.reason))
    ctx.console.emit({"discipline": row}, f"Đã thêm kỷ luật “{row.form.label}” (ID {row.id}).")
    return 0


# -- positions ------------------------------------------------------------------------------------
def cmd_positions_list(ctx: Context) -> int:
    services = ctx.open()
    name = _person_name(services, ctx.args.person)
    rows = services.positions.for_person(ctx.args.person)
    return _listing(ctx, "positions", rows, "Chức vụ", name, table(
        ("ID", "Chức vụ", "Đơn vị", "Đứng đầu", "Thời gian", "Ghi chú"),
        [(str(r.id), r.title, r.unit_name, "có" if r.is_head else "",
          fmt_period(r.start_date, r.end_date), r.note) for r in rows], right=(0,)))


def _unit_id(services: Services, ref: str | None) -> int | None:
    return resolve_unit(services, ref).id if ref else None


def cmd_positions_add(ctx: Context) -> int:
    from desktop.services.positions import PositionInput

    args = ctx.args
    start = parse_date(args.start, "start_date", "Từ ngày")
    end = parse_date(args.end, "end_date", "Đến ngày")
    services = ctx.open()
    row = services.positions.create(PositionInput(
        args.person, args.title, _unit_id(services, args.unit), bool(args.head), start, end,
        args.note or ""))
    ctx.console.emit({"position": row}, f"Đã thêm chức vụ “{row.title}” tại “{row.unit_name}” "
                                        f"(ID {row.id}).")
    return 0


def cmd_positions_edit(ctx: Context) -> int:
    from dataclasses import replace

    args = ctx.args
    services = ctx.open()
    current = services.positions.get(args.id).as_input()
    changes: dict[str, Any] = {}
    if args.title is not None:
        changes["title"] = args.title
    if args.unit is not None:
        changes["unit_id"] = _unit_id(services, args.unit)
    if args.head is not None:
        changes["is_head"] = args.head
    if args.start is not None:
        changes["start_date"] = parse_date(args.start, "start_date", "Từ ngày")
    if args.end is not None:
        changes["end_date"] = parse_date(args.end, "end_date", "Đến ngày")
    if args.note is not None:
        changes["note"] = args.note
    row = services.positions.update(args.id, replace(current, **changes))
    ctx.console.emit({"position": row}, f"Đã sửa chức vụ “{row.title}” (ID {row.id}).")
    return 0
