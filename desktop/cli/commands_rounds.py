"""Award rounds and their nominations: rounds, nominations, demo-round (DESIGN §8; issue
"Award rounds", point 8). The eligibility check is in commands_check, the council and the
decisions in commands_council."""

from __future__ import annotations

import argparse
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
from desktop.cli.output import fmt_date, fmt_int, table
from desktop.domain.enums import ConditionStatus, NominationStatus, RoundKind
from desktop.domain.errors import FieldProblem, NotFoundError, ValidationError

if TYPE_CHECKING:
    from desktop.services import Services
    from desktop.services.nominations import NominationRow
    from desktop.services.rounds import RoundRow

ID = "ID"
STATUS_HELP = ", ".join(f"{s.value} ({s.label})" for s in NominationStatus)
ELIGIBILITY_CHOICES = tuple(s.value for s in ConditionStatus)
NOT_CHECKED = "Chưa kiểm tra"
# An id no row has: the service then reports the unknown reference next to every other problem.
MISSING = -1


# -- shared by the round commands ---------------------------------------------------------------
def record_id(text: str) -> int:
    """A record number as typed: ``12`` or ``#12``."""
    digits = text.strip().removeprefix("#")
    if not digits.isdigit() or int(digits) == 0:
        raise argparse.ArgumentTypeError(f"“{text}” không phải số ID (ví dụ: 12 hoặc #12)")
    return int(digits)


def parse_status(text: str, field: str, label: str) -> NominationStatus:
    """A nomination status by its value (da_gui) or its label (“Đã gửi”)."""
    status = NominationStatus.from_text(text) or NominationStatus.from_text(
        "_".join(text.split()))  # “da xet” for da_xet
    if status is None:
        raise ValidationError.single(field, label, f"“{text}” không phải trạng thái đề nghị; "
                                     f"chọn một trong: {STATUS_HELP}")
    return status  # type: ignore[return-value]


def award_code(services: Services, text: str) -> str:
    """The catalog's own spelling of a code typed in any case (ldtt → LDTT); unknown codes
    are passed on as typed so the service lists them with every other problem."""
    wanted = text.strip().casefold()
    for kind in services.catalog.award_kinds():
        if kind.code.casefold() == wanted:
            return kind.code
    return text.strip()


def eligibility_label(status: ConditionStatus | None) -> str:
    return status.label if status is not None else NOT_CHECKED


def round_dict(row: RoundRow) -> dict[str, Any]:
    return {"id": row.id, "uuid": row.uuid, "name": row.name, "year": row.year,
            "kind": row.kind.value, "kind_label": row.kind.label,
            "status": row.status.value, "status_label": row.status.label,
            "movement_id": row.movement_id, "movement_name": row.movement_name,
            "office_unit_id": row.office_unit_id, "office_name": row.office_name,
            "registration_deadline": row.registration_deadline,
            "submission_deadline": row.submission_deadline, "note": row.note,
            "nomination_count": row.nomination_count}


def nomination_dict(row: NominationRow) -> dict[str, Any]:
    return {"id": row.id, "round_id": row.round_id, "subject_kind": row.subject_kind.value,
            "subject_kind_label": row.subject_kind.label, "person_id": row.person_id,
            "unit_id": row.unit_id, "household_name": row.household_name,
            "subject": row.subject_name, "subject_detail": row.subject_detail,
            "award": row.award_code, "award_name": row.award_name,
            "status": row.status.value, "status_label": row.status.label,
            "status_note": row.status_note,
            "eligibility": row.eligibility.value if row.eligibility else None,
            "eligibility_label": eligibility_label(row.eligibility),
            "achievement_summary": row.achievement_summary,
            "period_from": row.period_from, "period_to": row.period_to}


# -- registration -------------------------------------------------------------------------------
def register(sub: Any, common: argparse.ArgumentParser) -> None:
    _register_rounds(sub, common)
    _register_nominations(sub, common)
    p = add_command(sub, "demo-round", common=common,
                    help="tạo một đợt xét khen thưởng mẫu trên dữ liệu mẫu (để thử lệnh check)",
                    epilog="Ví dụ:\n  tdkt demo\n  tdkt demo-round --size 300\n"
                           "  tdkt check 1")
    p.add_argument("--year", type=int, default=2026, metavar="NĂM",
                   help="năm của đợt xét (mặc định 2026)")
    p.add_argument("--size", type=positive_int, default=300, metavar="N",
                   help="số đề nghị khoảng bao nhiêu (mặc định 300)")
    p.add_argument("--seed", type=int, default=2026, metavar="SỐ",
                   help="hạt giống ngẫu nhiên (mặc định 2026)")
    p.set_defaults(handler=cmd_demo_round)


def _register_rounds(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = add_group(sub, "rounds", common=common,
                        help="đợt xét khen thưởng: danh sách, thêm, xem, sửa, xóa")
    p = add_command(actions, "list", common=common, help="các đợt xét khen thưởng")
    p.add_argument("--year", type=int, metavar="NĂM", help="chỉ các đợt của năm này")
    p.set_defaults(handler=cmd_rounds_list)

    kinds = ", ".join(f"{k.value} ({k.label})" for k in RoundKind)
    p = add_command(actions, "add", common=common, help="thêm một đợt xét khen thưởng",
                    epilog="Ví dụ:\n  tdkt rounds add --name \"Xét khen thưởng tổng kết năm 2026\" "
                           "--year 2026 --kind tong_ket_nam --office LCH")
    p.add_argument("--name", required=True, metavar="TÊN", help="tên đợt xét")
    p.add_argument("--year", required=True, type=int, metavar="NĂM", help="năm xét khen thưởng")
    p.add_argument("--kind", required=True, metavar="LOẠI",
                   help=f"loại đợt xét (mã hoặc tên): {kinds}")
    p.add_argument("--movement", type=record_id, metavar=ID, help="phong trào thi đua (ID)")
    p.add_argument("--office", metavar="MÃ_HOẶC_ID", help="cơ quan tổ chức xét (mã hoặc ID)")
    p.add_argument("--registration-deadline", metavar="NGÀY", help="hạn đăng ký thi đua")
    p.add_argument("--submission-deadline", metavar="NGÀY", help="hạn nộp hồ sơ đề nghị")
    p.add_argument("--note", default="", metavar="GHI_CHÚ", help="ghi chú")
    p.set_defaults(handler=cmd_rounds_add)

    p = add_command(actions, "show", common=common,
                    help="một đợt xét: số đề nghị theo trạng thái và theo kết quả kiểm tra")
    p.add_argument("round_id", type=record_id, metavar="ĐỢT", help="ID của đợt xét")
    p.set_defaults(handler=cmd_rounds_show)

    p = add_command(actions, "edit", common=common,
                    help="sửa đợt xét: đổi tên, loại, năm, gắn hoặc bỏ gắn phong trào thi đua",
                    epilog="Chỉ đổi những gì được ghi; các mục khác giữ nguyên.\n\nVí dụ:\n"
                           "  tdkt rounds edit 1 --name \"Xét khen thưởng tổng kết năm 2026\"\n"
                           "  tdkt rounds edit 1 --kind chuyen_de --year 2026\n"
                           "  tdkt rounds edit 1 --movement 3\n  tdkt rounds edit 1 --no-movement")
    p.add_argument("round_id", type=record_id, metavar="ĐỢT", help="ID của đợt xét")
    p.add_argument("--name", metavar="TÊN", help="tên mới của đợt xét")
    p.add_argument("--kind", metavar="LOẠI", help=f"loại đợt xét (mã hoặc tên): {kinds}")
    p.add_argument("--year", type=int, metavar="NĂM", help="năm xét khen thưởng")
    link = p.add_mutually_exclusive_group()
    link.add_argument("--movement", type=record_id, metavar=ID,
                      help="gắn với phong trào thi đua (ID; phong trào cùng năm)")
    link.add_argument("--no-movement", action="store_true", help="bỏ gắn phong trào thi đua")
    p.set_defaults(handler=cmd_rounds_edit)

    p = add_command(actions, "delete", common=common,
                    help="xóa một đợt xét chưa có đề nghị nào (khôi phục được: rounds restore)")
    p.add_argument("round_id", type=record_id, metavar="ĐỢT", help="ID của đợt xét")
    p.set_defaults(handler=cmd_rounds_delete)

    p = add_command(actions, "restore", common=common, help="khôi phục một đợt xét đã xóa")
    p.add_argument("round_id", type=record_id, metavar="ĐỢT", help="ID của đợt xét đã xóa")
    p.set_defaults(handler=cmd_rounds_restore)


def _register_nominations(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = add_group(sub, "nominations", common=common,
                        help="đề nghị khen thưởng: danh sách, thêm, sửa, xóa, chuyển trạng "
                             "thái, lịch sử",
                        epilog=f"Trạng thái (mã hoặc tên): {STATUS_HELP}")
    p = add_command(actions, "list", common=common, help="các đề nghị của một đợt xét")
    p.add_argument("round_id", type=record_id, metavar="ĐỢT", help="ID của đợt xét")
    p.add_argument("--status", metavar="TRẠNG_THÁI", help="chỉ đề nghị ở trạng thái này")
    p.add_argument("--eligibility", choices=ELIGIBILITY_CHOICES,
                   help="chỉ đề nghị có kết quả kiểm tra điều kiện này: dat (đạt), "
                        "khong_dat (không đạt), can_kiem_tra (cần kiểm tra)")
    p.add_argument("--award", metavar="MÃ", help="chỉ đề nghị danh hiệu/hình thức có mã này")
    p.add_argument("--search", default="", metavar="CHUỖI",
                   help="tìm theo tên đối tượng (không cần gõ dấu)")
    p.add_argument("--limit", type=positive_int, default=50, metavar="N",
                   help="số dòng mỗi trang (mặc định 50)")
    p.add_argument("--offset", type=non_negative_int, default=0, metavar="N",
                   help="bỏ qua N dòng đầu (mặc định 0)")
    p.set_defaults(handler=cmd_nominations_list)

    p = add_command(actions, "add", common=common, help="thêm một đề nghị khen thưởng (nháp)",
                    epilog="Ví dụ:\n  tdkt nominations add 1 --person 12 --award LDTT\n"
                           "  tdkt nominations add 1 --unit PTH --award TTLDTT\n"
                           "  tdkt nominations add 1 --household \"Hộ ông Lò Văn Pấng\" "
                           "--award GIAY_KHEN")
    p.add_argument("round_id", type=record_id, metavar="ĐỢT", help="ID của đợt xét")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", type=record_id, metavar=ID, help="cá nhân (ID)")
    who.add_argument("--unit", metavar="MÃ_HOẶC_ID", help="tập thể (mã hoặc ID đơn vị)")
    who.add_argument("--household", metavar="TÊN", help="hộ gia đình (tên hộ)")
    p.add_argument("--award", required=True, metavar="MÃ",
                   help="mã danh hiệu/hình thức khen thưởng (xem: tdkt catalog list)")
    p.add_argument("--summary", default="", metavar="VĂN_BẢN", help="tóm tắt thành tích")
    p.set_defaults(handler=cmd_nominations_add)

    p = add_command(actions, "edit", common=common,
                    help="sửa một đề nghị còn là nháp (đối tượng, danh hiệu, tóm tắt thành tích)",
                    epilog="Chỉ đổi những gì được ghi. Đề nghị đã gửi đi theo quy trình trạng "
                           "thái (tdkt nominations move).\n\nVí dụ:\n"
                           "  tdkt nominations edit 12 --award CSTDCS\n"
                           "  tdkt nominations edit 12 --summary \"Hoàn thành xuất sắc nhiệm vụ\"")
    p.add_argument("nomination_id", type=record_id, metavar=ID, help="ID của đề nghị")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--person", type=record_id, metavar=ID, help="cá nhân (ID)")
    who.add_argument("--unit", metavar="MÃ_HOẶC_ID", help="tập thể (mã hoặc ID đơn vị)")
    who.add_argument("--household", metavar="TÊN", help="hộ gia đình (tên hộ)")
    p.add_argument("--award", metavar="MÃ", help="mã danh hiệu/hình thức khen thưởng mới")
    p.add_argument("--summary", metavar="VĂN_BẢN", help="tóm tắt thành tích mới")
    p.set_defaults(handler=cmd_nominations_edit)

    p = add_command(actions, "delete", common=common,
                    help="xóa các đề nghị còn là nháp (tất cả hoặc không đề nghị nào; khôi phục "
                         "được: nominations restore)",
                    epilog="Ví dụ:\n  tdkt nominations delete 12 13")
    p.add_argument("ids", type=record_id, nargs="+", metavar=ID, help="các đề nghị cần xóa")
    p.set_defaults(handler=cmd_nominations_delete)

    p = add_command(actions, "restore", common=common, help="khôi phục một đề nghị đã xóa")
    p.add_argument("nomination_id", type=record_id, metavar=ID, help="ID của đề nghị đã xóa")
    p.set_defaults(handler=cmd_nominations_restore)

    p = add_command(actions, "move", common=common,
                    help="chuyển trạng thái nhiều đề nghị cùng lúc (tất cả hoặc không đề nghị nào)",
                    epilog="Ví dụ:\n  tdkt nominations move 1 12 13 14 --to da_gui\n"
                           "  tdkt nominations move 1 15 --to tra_lai --note \"Thiếu báo cáo\"\n\n"
                           f"Trạng thái (mã hoặc tên): {STATUS_HELP}")
    p.add_argument("round_id", type=record_id, metavar="ĐỢT", help="ID của đợt xét")
    p.add_argument("ids", type=record_id, nargs="+", metavar=ID, help="các đề nghị cần chuyển")
    p.add_argument("--to", required=True, metavar="TRẠNG_THÁI", help="trạng thái mới")
    p.add_argument("--note", default="", metavar="LÝ_DO",
                   help="ghi chú; bắt buộc khi trả lại, không khen hoặc không đủ điều kiện")
    p.set_defaults(handler=cmd_nominations_move)

    p = add_command(actions, "history", common=common,
                    help="lịch sử chuyển trạng thái của một đề nghị")
    p.add_argument("nomination_id", type=record_id, metavar=ID, help="ID của đề nghị")
    p.set_defaults(handler=cmd_nominations_history)


# -- rounds -----------------------------------------------------------------------------------
def _rounds_table(rows: list[RoundRow]) -> str:
    return table(("ID", "Tên đợt xét", "Năm", "Loại", "Trạng thái", "Số đề nghị"),
                 [(str(r.id), r.name, str(r.year), r.kind.label, r.status.label,
                   fmt_int(r.nomination_count)) for r in rows], right=(0, 5))


def cmd_rounds_list(ctx: Context) -> int:
    services = ctx.open()
    rows = services.rounds.list(ctx.args.year)
    where = f" năm {ctx.args.year}" if ctx.args.year else ""
    ctx.console.emit(
        {"year": ctx.args.year, "total": len(rows), "rounds": [round_dict(r) for r in rows]},
        f"{fmt_int(len(rows))} đợt xét khen thưởng{where}\n\n{_rounds_table(rows)}" if rows
        else f"Chưa có đợt xét khen thưởng nào{where}.")
    return 0


def cmd_rounds_add(ctx: Context) -> int:
    from desktop.services.rounds import RoundInput

    args = ctx.args
    registration = parse_date(args.registration_deadline, "registration_deadline",
                              "Hạn đăng ký thi đua")
    submission = parse_date(args.submission_deadline, "submission_deadline", "Hạn nộp hồ sơ")
    services = ctx.open()
    office = None
    if args.office:
        try:
            office = resolve_unit(services, args.office).id
        except NotFoundError:
            office = MISSING
    try:
        row = services.rounds.create(RoundInput(args.name, args.year, args.kind, args.movement,
                                                office, registration, submission, args.note))
    except ValidationError as exc:
        raise ValidationError([
            FieldProblem(p.field, p.label, f"không tìm thấy đơn vị có mã hoặc ID “{args.office}”")
            if p.field == "office_unit_id" and office == MISSING else p
            for p in exc.problems]) from None
    ctx.console.emit({"round": round_dict(row)},
                     f"Đã thêm đợt xét “{row.name}” (ID {row.id}, {row.kind.label.lower()}, "
                     f"năm {row.year}).")
    return 0


def cmd_rounds_show(ctx: Context) -> int:
    from desktop.services.nominations import NominationQuery

    services = ctx.open()
    row = services.rounds.get(ctx.args.round_id)
    count = services.nominations.count
    by_status = {s: count(NominationQuery(row.id, status=s)) for s in NominationStatus}
    by_check = {s: count(NominationQuery(row.id, eligibility=s)) for s in ConditionStatus}
    unchecked = row.nomination_count - sum(by_check.values())
    details = [("Tên đợt xét", row.name), ("Năm", str(row.year)), ("Loại", row.kind.label),
               ("Trạng thái", row.status.label), ("Cơ quan tổ chức xét", row.office_name),
               ("Phong trào thi đua", row.movement_name),
               ("Hạn đăng ký thi đua", fmt_date(row.registration_deadline)),
               ("Hạn nộp hồ sơ", fmt_date(row.submission_deadline)), ("Ghi chú", row.note)]
    human = "\n".join(f"{label}: {value}" for label, value in details if value)
    human += f"\n\nSố đề nghị: {fmt_int(row.nomination_count)}\n\n" + table(
        ("Trạng thái", "Số đề nghị"),
        [(s.label, fmt_int(n)) for s, n in by_status.items() if n], right=(1,))
    human += "\n\n" + table(
        ("Kết quả kiểm tra điều kiện", "Số đề nghị"),
        [*((s.label, fmt_int(n)) for s, n in by_check.items()),
         (NOT_CHECKED, fmt_int(unchecked))], right=(1,))
    ctx.console.emit(
        {"round": round_dict(row),
         "by_status": {s.value: n for s, n in by_status.items()},
         "by_eligibility": {**{s.value: n for s, n in by_check.items()},
                            "chua_kiem_tra": unchecked}},
        f"Đợt xét ID {row.id}\n{human}")
    return 0


def cmd_rounds_edit(ctx: Context) -> int:
    from desktop.services.rounds import KEEP

    args = ctx.args
    if args.name is None and args.kind is None and args.year is None and \
            args.movement is None and not args.no_movement:
        raise ValidationError.single("round", "Sửa đợt xét", "chưa ghi gì để sửa; dùng --name, "
                                     "--kind, --year, --movement hoặc --no-movement")
    services = ctx.open()
    movement = None if args.no_movement else KEEP if args.movement is None else args.movement
    row = services.rounds.edit(args.round_id, name=args.name, kind=args.kind, year=args.year,
                               movement_id=movement)
    linked = f", phong trào “{row.movement_name}”" if row.movement_name else \
        ", không gắn phong trào"
    ctx.console.emit({"round": round_dict(row)},
                     f"Đã sửa đợt xét ID {row.id}: “{row.name}” ({row.kind.label.lower()}, "
                     f"năm {row.year}{linked}).")
    return 0


def cmd_rounds_delete(ctx: Context) -> int:
    row = ctx.open().rounds.delete(ctx.args.round_id)
    ctx.console.emit({"deleted": round_dict(row)},
                     f"Đã xóa đợt xét “{row.name}” (ID {row.id}). Khôi phục: "
                     f"tdkt rounds restore {row.id}")
    return 0


def cmd_rounds_restore(ctx: Context) -> int:
    row = ctx.open().rounds.restore(ctx.args.round_id)
    ctx.console.emit({"round": round_dict(row)},
                     f"Đã khôi phục đợt xét “{row.name}” (ID {row.id}).")
    return 0


# -- nominations ------------------------------------------------------------------------------
def _nominations_table(rows: list[NominationRow]) -> str:
    return table(("ID", "Đối tượng", "Chức vụ, đơn vị", "Danh hiệu/hình thức", "Trạng thái",
                  "Kiểm tra điều kiện"),
                 [(str(r.id), r.subject_name, r.subject_detail or r.subject_kind.label,
                   r.award_name, r.status.label, eligibility_label(r.eligibility))
                  for r in rows], right=(0,))


def cmd_nominations_list(ctx: Context) -> int:
    from desktop.services.nominations import NominationQuery

    args = ctx.args
    status = parse_status(args.status, "status", "Trạng thái") if args.status else None
    services = ctx.open()
    round_ = services.rounds.get(args.round_id)
    query = NominationQuery(round_.id, args.search, status,
                            ConditionStatus(args.eligibility) if args.eligibility else None,
                            award_code(services, args.award) if args.award else None)
    total = services.nominations.count(query)
    rows = services.nominations.page(query, args.offset, args.limit)
    if rows:
        human = (f"Đề nghị của đợt “{round_.name}”\n\n{_nominations_table(rows)}\n\n"
                 f"Dòng {fmt_int(args.offset + 1)}–{fmt_int(args.offset + len(rows))} trên tổng "
                 f"số {fmt_int(total)} đề nghị.")
    else:
        human = (f"Không có đề nghị nào phù hợp trong đợt “{round_.name}” "
                 f"(tổng số {fmt_int(total)}).")
    ctx.console.emit({"round": round_dict(round_), "total": total, "offset": args.offset,
                      "limit": args.limit, "nominations": [nomination_dict(r) for r in rows]},
                     human)
    return 0


def cmd_nominations_add(ctx: Context) -> int:
    from desktop.services.nominations import NominationInput
    from desktop.services.records import Subject

    args = ctx.args
    services = ctx.open()
    unit_problem = None
    unit_id = None
    if args.unit is not None:
        try:
            unit_id = resolve_unit(services, args.unit).id
        except NotFoundError:
            unit_id = MISSING
            unit_problem = FieldProblem("subject", "Tập thể",
                                        f"không tìm thấy đơn vị có mã hoặc ID “{args.unit}”")
    subject = Subject(args.person, unit_id, args.household or "")
    data = NominationInput(args.round_id, subject, award_code(services, args.award),
                           args.summary)
    try:
        row = services.nominations.create(data)
    except ValidationError as exc:
        raise ValidationError([unit_problem if unit_problem and p.label == "Tập thể" else p
                               for p in exc.problems]) from None
    ctx.console.emit({"nomination": nomination_dict(row)},
                     f"Đã thêm đề nghị ID {row.id}: {row.award_name} cho “{row.subject_name}” "
                     f"({row.subject_kind.label.lower()}), trạng thái “{row.status.label}”.")
    return 0


def cmd_nominations_edit(ctx: Context) -> int:
    from desktop.services.nominations import NominationInput
    from desktop.services.records import Subject

    args = ctx.args
    if args.person is None and args.unit is None and args.household is None and \
            args.award is None and args.summary is None:
        raise ValidationError.single("nomination", "Sửa đề nghị", "chưa ghi gì để sửa; dùng "
                                     "--person/--unit/--household, --award hoặc --summary")
    services = ctx.open()
    row = services.nominations.get(args.nomination_id)
    unit_problem = None
    subject = row.subject
    if args.person is not None:
        subject = Subject(person_id=args.person)
    elif args.household is not None:
        subject = Subject(household_name=args.household)
    elif args.unit is not None:
        try:
            subject = Subject(unit_id=resolve_unit(services, args.unit).id)
        except NotFoundError:
            subject = Subject(unit_id=MISSING)
            unit_problem = FieldProblem("subject", "Tập thể",
                                        f"không tìm thấy đơn vị có mã hoặc ID “{args.unit}”")
    data = NominationInput(row.round_id, subject,
                           award_code(services, args.award) if args.award else row.award_code,
                           row.achievement_summary if args.summary is None else args.summary,
                           row.proposing_unit_id, row.period_from, row.period_to)
    try:
        saved = services.nominations.update(row.id, data, expected_version=row.version)
    except ValidationError as exc:
        raise ValidationError([unit_problem if unit_problem and p.label == "Tập thể" else p
                               for p in exc.problems]) from None
    ctx.console.emit({"nomination": nomination_dict(saved)},
                     f"Đã sửa đề nghị ID {saved.id}: {saved.award_name} cho "
                     f"“{saved.subject_name}” ({saved.subject_kind.label.lower()}).")
    return 0


def cmd_nominations_delete(ctx: Context) -> int:
    ids = list(dict.fromkeys(ctx.args.ids))
    services = ctx.open()
    try:
        deleted = services.nominations.delete_many(ids)
    except ValidationError as exc:  # name each refused nomination by its ID too
        raise ValidationError([
            FieldProblem(p.field, f"Đề nghị {p.field} ({p.label})", p.message)
            if p.field.isdigit() and not p.label.startswith("Đề nghị") else p
            for p in exc.problems]) from None
    ctx.console.emit({"deleted": deleted, "ids": ids},
                     f"Đã xóa {fmt_int(deleted)} đề nghị nháp. Khôi phục: tdkt nominations "
                     f"restore ID")
    return 0


def cmd_nominations_restore(ctx: Context) -> int:
    row = ctx.open().nominations.restore(ctx.args.nomination_id)
    ctx.console.emit({"nomination": nomination_dict(row)},
                     f"Đã khôi phục đề nghị ID {row.id}: {row.award_name} cho "
                     f"“{row.subject_name}”.")
    return 0


def cmd_nominations_move(ctx: Context) -> int:
    args = ctx.args
    target = parse_status(args.to, "status", "Trạng thái mới")
    services = ctx.open()
    round_ = services.rounds.get(args.round_id)
    ids = list(dict.fromkeys(args.ids))
    problems = []
    for nomination_id in ids:
        try:
            if services.nominations.get(nomination_id).round_id != round_.id:
                problems.append(FieldProblem(str(nomination_id), f"Đề nghị {nomination_id}",
                                             f"không thuộc đợt xét ID {round_.id}"))
        except NotFoundError:
            problems.append(FieldProblem(str(nomination_id), f"Đề nghị {nomination_id}",
                                         "không tồn tại"))
    if problems:
        raise ValidationError(problems)
    try:
        moved = services.nominations.transition(ids, target, args.note)
    except ValidationError as exc:  # name each refused nomination by its ID too
        raise ValidationError([
            FieldProblem(p.field, f"Đề nghị {p.field} ({p.label})", p.message)
            if p.field.isdigit() and not p.label.startswith("Đề nghị") else p
            for p in exc.problems]) from None
    ctx.console.emit({"round_id": round_.id, "moved": moved, "ids": ids,
                      "status": target.value, "status_label": target.label},
                     f"Đã chuyển {fmt_int(moved)} đề nghị sang “{target.label}”.")
    return 0


def cmd_nominations_history(ctx: Context) -> int:
    from desktop.api.installation import ACTOR_HEADER, ACTOR_NOTE

    services = ctx.open()
    row = services.nominations.get(ctx.args.nomination_id)
    events = services.nominations.history(row.id)
    human = table(("Thời điểm (UTC)", "Từ", "Sang", ACTOR_HEADER, "Ghi chú"),
                  [(f"{e.at:%d/%m/%Y %H:%M}", e.from_status.label if e.from_status else "",
                    e.to_status.label, e.actor, e.note) for e in events])
    ctx.console.emit(
        {"nomination": nomination_dict(row),
         "events": [{"from_status": e.from_status.value if e.from_status else None,
                     "to_status": e.to_status.value, "actor": e.actor, "at": e.at,
                     "note": e.note} for e in events], "actor_self_declared": True},
        f"Đề nghị ID {row.id}: {row.award_name} cho “{row.subject_name}” — hiện "
        f"“{row.status.label}”\n\n{human}\n\n{ACTOR_NOTE}")
    return 0


# -- demo-round -------------------------------------------------------------------------------
def cmd_demo_round(ctx: Context) -> int:
    from desktop.cli.commands_admin import ProgressPrinter
    from desktop.domain.progress import CancelToken
    from desktop.services.demo_round import build_demo_round

    services = ctx.open()
    progress = ProgressPrinter()
    try:
        summary = build_demo_round(services.db, year=ctx.args.year, size=ctx.args.size,
                                   seed=ctx.args.seed, progress=progress, cancel=CancelToken())
    finally:
        progress.finish()
    row = services.rounds.get(summary.round_id)
    ctx.console.emit(
        {"round": round_dict(row), "nominations": summary.nominations,
         "registrations": summary.registrations, "seconds": summary.seconds},
        f"Đã tạo đợt xét mẫu “{row.name}” (ID {row.id}): {fmt_int(summary.nominations)} đề "
        f"nghị, {fmt_int(summary.registrations)} đăng ký thi đua.\n"
        f"Kiểm tra điều kiện: tdkt check {row.id}")
    return 0
