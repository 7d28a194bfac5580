"""The council and the decisions of an award round: votes (meeting, record, results, close)
and decisions (create, show, sign)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.cli.commands_rounds import record_id
from desktop.cli.context import Context, add_command, add_group, non_negative_int, parse_date
from desktop.cli.output import fmt_date, fmt_decimal, fmt_int, table
from desktop.domain.enums import SignerCapacity, SubjectKind
from desktop.domain.errors import FieldProblem, ValidationError

if TYPE_CHECKING:
    from desktop.services.council import MeetingRow, VoteResult
    from desktop.services.decisions import DecisionRow

CAPACITIES = ", ".join(f"{c.value} ({c.label})" for c in SignerCapacity)


def vote_pair(text: str) -> tuple[int, int]:
    """``12=9``: nomination 12 got 9 yes votes."""
    left, sep, right = text.partition("=")
    try:
        nomination_id = record_id(left)
    except argparse.ArgumentTypeError:
        nomination_id = 0
    if not sep or not nomination_id or not right.strip().isdigit():
        raise argparse.ArgumentTypeError(f"“{text}” phải có dạng ID_ĐỀ_NGHỊ=SỐ_PHIẾU (ví dụ 12=9)")
    return nomination_id, int(right)


def capacity(text: str) -> str:
    """A signer capacity by its value (kt_chu_tich) or its label."""
    chosen = SignerCapacity.from_text(text)
    if chosen is None:
        raise argparse.ArgumentTypeError(f"“{text}” không hợp lệ; chọn một trong: {CAPACITIES}")
    return chosen.value


def required_date(text: str, field: str, label: str) -> date:
    day = parse_date(text, field, label)
    if day is None:
        raise ValidationError.single(field, label, "chưa nhập ngày (dd/mm/yyyy)")
    return day


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    _register_votes(sub, common)
    _register_decisions(sub, common)


def _register_votes(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = add_group(sub, "votes", common=common,
                        help="họp Hội đồng TĐKT: tạo cuộc họp, nhập phiếu, kết quả, kết thúc",
                        epilog="Tỷ lệ phiếu tính trên TỔNG SỐ thành viên Hội đồng "
                               "(NĐ 152/2025 Điều 33 khoản 5).")
    p = add_command(actions, "meeting", common=common,
                    help="tạo một cuộc họp Hội đồng cho đợt xét (in ra ID cuộc họp)")
    p.add_argument("round_id", type=record_id, metavar="ĐỢT", help="ID của đợt xét")
    p.add_argument("--date", required=True, metavar="NGÀY", help="ngày họp (dd/mm/yyyy)")
    p.add_argument("--members", required=True, type=non_negative_int, metavar="N",
                   help="tổng số thành viên Hội đồng")
    p.add_argument("--present", required=True, type=non_negative_int, metavar="N",
                   help="số thành viên có mặt")
    p.add_argument("--place", default="", metavar="ĐỊA_ĐIỂM", help="địa điểm họp")
    p.add_argument("--chair", default="", metavar="HỌ_TÊN", help="chủ trì")
    p.add_argument("--secretary", default="", metavar="HỌ_TÊN", help="thư ký")
    p.set_defaults(handler=cmd_votes_meeting)

    p = add_command(actions, "list", common=common, help="các cuộc họp Hội đồng của một đợt xét")
    p.add_argument("round_id", type=record_id, metavar="ĐỢT", help="ID của đợt xét")
    p.set_defaults(handler=cmd_votes_list)

    p = add_command(actions, "record", common=common,
                    help="nhập số phiếu đồng ý cho từng đề nghị (sai một ô thì không lưu gì)",
                    epilog="Ví dụ:\n  tdkt votes record 3 12=9 13=7")
    p.add_argument("meeting_id", type=record_id, metavar="CUỘC_HỌP", help="ID cuộc họp")
    p.add_argument("votes", type=vote_pair, nargs="+", metavar="ĐỀ_NGHỊ=SỐ_PHIẾU",
                   help="ID đề nghị = số phiếu đồng ý")
    p.set_defaults(handler=cmd_votes_record)

    p = add_command(actions, "results", common=common, help="kết quả bỏ phiếu của cuộc họp")
    p.add_argument("meeting_id", type=record_id, metavar="CUỘC_HỌP", help="ID cuộc họp")
    p.set_defaults(handler=cmd_votes_results)

    p = add_command(actions, "close", common=common,
                    help="kết thúc cuộc họp: đạt tỷ lệ → “Đã xét”, không đạt → “Không khen”")
    p.add_argument("meeting_id", type=record_id, metavar="CUỘC_HỌP", help="ID cuộc họp")
    p.set_defaults(handler=cmd_votes_close)


def _register_decisions(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = add_group(sub, "decisions", common=common,
                        help="quyết định khen thưởng: lập, xem (tiền thưởng), ký")
    p = add_command(actions, "create", common=common,
                    help="lập dự thảo quyết định từ các đề nghị đã được Hội đồng xét",
                    epilog="Ví dụ:\n  tdkt decisions create 1 --issuer \"Chủ tịch UBND tỉnh\" "
                           "12 13 14")
    p.add_argument("round_id", type=record_id, metavar="ĐỢT", help="ID của đợt xét")
    p.add_argument("nomination_ids", type=record_id, nargs="+", metavar="ID",
                   help="các đề nghị đưa vào quyết định")
    p.add_argument("--issuer", required=True, metavar="VĂN_BẢN", help="cơ quan, người ban hành")
    p.add_argument("--notation", default="QĐ-UBND", metavar="KÝ_HIỆU",
                   help="ký hiệu văn bản (mặc định QĐ-UBND)")
    p.add_argument("--subject-line", default="", metavar="VĂN_BẢN",
                   help="trích yếu (Về việc …)")
    p.add_argument("--per-award", action="store_true",
                   help="lập một quyết định cho mỗi hình thức khen thưởng")
    p.set_defaults(handler=cmd_decisions_create)

    p = add_command(actions, "list", common=common, help="các quyết định của một đợt xét")
    p.add_argument("round_id", type=record_id, metavar="ĐỢT", help="ID của đợt xét")
    p.set_defaults(handler=cmd_decisions_list)

    p = add_command(actions, "show", common=common,
                    help="một quyết định: danh sách theo nhóm, hệ số, tiền thưởng, tổng cộng")
    p.add_argument("decision_id", type=record_id, metavar="ID", help="ID quyết định")
    p.add_argument("--on", metavar="NGÀY",
                   help="dự thảo: tính tiền theo mức lương cơ sở ngày này (mặc định hôm nay)")
    p.set_defaults(handler=cmd_decisions_show)

    p = add_command(actions, "sign", common=common,
                    help="ký quyết định: cấp số, tính tiền, ghi lịch sử khen thưởng",
                    epilog=f"Thẩm quyền ký: {CAPACITIES}")
    p.add_argument("decision_id", type=record_id, metavar="ID", help="ID quyết định")
    p.add_argument("--date", required=True, metavar="NGÀY", help="ngày ký (dd/mm/yyyy)")
    p.add_argument("--signer", required=True, metavar="HỌ_TÊN", help="người ký")
    p.add_argument("--capacity", required=True, type=capacity, metavar="THẨM_QUYỀN",
                   help="chu_tich (Chủ tịch), kt_chu_tich (KT. Chủ tịch / Phó Chủ tịch) hoặc "
                        "tm_ubnd (TM. Ủy ban nhân dân / Chủ tịch)")
    p.add_argument("--number", type=record_id, metavar="N",
                   help="số thứ tự (mặc định: số tiếp theo trong năm)")
    p.set_defaults(handler=cmd_decisions_sign)


# -- votes --------------------------------------------------------------------------------------
def _meeting_dict(m: MeetingRow) -> dict[str, Any]:
    return {"id": m.id, "round_id": m.round_id, "held_on": m.held_on,
            "total_members": m.total_members, "present_members": m.present_members,
            "place": m.place, "chair": m.chair, "secretary": m.secretary, "closed": m.closed}


def _vote_dict(r: VoteResult) -> dict[str, Any]:
    return {"nomination_id": r.nomination_id, "subject": r.subject_name, "award": r.award_code,
            "award_name": r.award_name, "yes_votes": r.yes_votes,
            "total_members": r.total_members, "threshold_percent": r.threshold,
            "percent": r.percent, "passed": r.passed if r.yes_votes is not None else None,
            "text": r.text, "source": r.source}


def _votes_table(results: list[VoteResult]) -> str:
    return table(("ID", "Đối tượng", "Danh hiệu/hình thức", "Kết quả bỏ phiếu", "Căn cứ"),
                 [(str(r.nomination_id), r.subject_name, r.award_name, r.text, r.source)
                  for r in results], right=(0,))


def cmd_votes_meeting(ctx: Context) -> int:
    from desktop.services.council import MeetingInput

    args = ctx.args
    held_on = required_date(args.date, "held_on", "Ngày họp")
    services = ctx.open()
    m = services.council.create_meeting(MeetingInput(
        args.round_id, held_on, args.members, args.present, args.place, args.chair,
        args.secretary))
    ctx.console.emit({"meeting": _meeting_dict(m)},
                     f"Đã tạo cuộc họp Hội đồng ID {m.id} ngày {fmt_date(m.held_on)} "
                     f"({m.present_members}/{m.total_members} thành viên có mặt).\n"
                     f"Nhập phiếu: tdkt votes record {m.id} ID_ĐỀ_NGHỊ=SỐ_PHIẾU …")
    return 0


def cmd_votes_list(ctx: Context) -> int:
    services = ctx.open()
    round_ = services.rounds.get(ctx.args.round_id)
    rows = services.council.meetings(round_.id)
    ctx.console.emit(
        {"round_id": round_.id, "meetings": [_meeting_dict(m) for m in rows]},
        table(("ID", "Ngày họp", "Thành viên", "Có mặt", "Địa điểm", "Chủ trì", "Đã kết thúc"),
              [(str(m.id), fmt_date(m.held_on), str(m.total_members), str(m.present_members),
                m.place, m.chair, "có" if m.closed else "chưa") for m in rows], right=(0, 2, 3))
        if rows else f"Đợt “{round_.name}” chưa có cuộc họp Hội đồng nào.")
    return 0


def cmd_votes_record(ctx: Context) -> int:
    votes: dict[int, int] = {}
    twice = []
    for nomination_id, yes in ctx.args.votes:
        if nomination_id in votes:
            twice.append(FieldProblem(str(nomination_id), f"Đề nghị {nomination_id}",
                                      "được nhập số phiếu hai lần"))
        votes[nomination_id] = yes
    if twice:
        raise ValidationError(twice)
    services = ctx.open()
    services.council.record_votes(ctx.args.meeting_id, votes)
    results = [r for r in services.council.results(ctx.args.meeting_id)
               if r.nomination_id in votes]
    ctx.console.emit({"meeting_id": ctx.args.meeting_id, "recorded": len(votes),
                      "results": [_vote_dict(r) for r in results]},
                     f"Đã ghi số phiếu cho {fmt_int(len(votes))} đề nghị.\n\n"
                     f"{_votes_table(results)}")
    return 0


def cmd_votes_results(ctx: Context) -> int:
    services = ctx.open()
    results = services.council.results(ctx.args.meeting_id)
    passed = sum(1 for r in results if r.yes_votes is not None and r.passed)
    pending = sum(1 for r in results if r.yes_votes is None)
    ctx.console.emit(
        {"meeting_id": ctx.args.meeting_id, "total": len(results), "passed": passed,
         "failed": len(results) - passed - pending, "not_voted": pending,
         "results": [_vote_dict(r) for r in results]},
        f"{_votes_table(results)}\n\nĐạt: {fmt_int(passed)}; không đạt: "
        f"{fmt_int(len(results) - passed - pending)}; chưa nhập phiếu: {fmt_int(pending)}."
        if results else "Chưa có đề nghị nào để bỏ phiếu trong cuộc họp này.")
    return 0


def cmd_votes_close(ctx: Context) -> int:
    services = ctx.open()
    outcome = services.council.close_meeting(ctx.args.meeting_id)
    ctx.console.emit({"meeting_id": ctx.args.meeting_id, **outcome},
                     f"Đã kết thúc cuộc họp ID {ctx.args.meeting_id}: {fmt_int(outcome['passed'])}"
                     f" đề nghị đạt (“Đã xét”), {fmt_int(outcome['failed'])} không đạt "
                     "(“Không khen”).")
    return 0


# -- decisions ----------------------------------------------------------------------------------
def _decision_dict(d: DecisionRow, base_salary: int | None, priced_on: date) -> dict[str, Any]:
    return {
        "id": d.id, "round_id": d.round_id, "number": d.number, "sequence": d.sequence,
        "year": d.year, "notation": d.notation, "issuer": d.issuer, "signed": d.signed,
        "signed_on": d.signed_on, "signer_name": d.signer_name,
        "signer_capacity": d.signer_capacity.value, "subject_line": d.subject_line,
        "base_salary": base_salary, "priced_on": priced_on,
        "lines": [{"nomination_id": x.nomination_id, "group": x.group.value,
                   "subject": x.subject_name, "detail": x.detail, "award": x.award_code,
                   "award_name": x.award_name, "coefficient": x.coefficient,
                   "amount": x.amount, "paid": x.paid, "pay_note": x.pay_note}
                  for x in d.lines],
        "totals": {k.value: {"count": n, "amount": amount}
                   for k, (n, amount) in d.totals().items()},
        "total_amount": d.total_amount,
        "warnings": list(d.warnings),
    }


def _warning_lines(d: DecisionRow) -> list[str]:
    """The issuer's authority warnings (not a refusal: the decision may still be signed)."""
    return [f"Cảnh báo: {w}" for w in d.warnings]


def _decision_text(d: DecisionRow, base_salary: int | None, priced_on: date) -> str:
    from desktop.services.decisions import GROUP_ORDER, GROUP_TITLES

    if d.signed:
        head = (f"Quyết định số {d.number} ngày {fmt_date(d.signed_on)} — {d.issuer}\n"
                f"Người ký: {d.signer_capacity.label} {d.signer_name}")
    else:
        head = f"Dự thảo quyết định ID {d.id} (chưa ký) — {d.issuer}"
    lines = [head, *_warning_lines(d)]
    if d.subject_line:
        lines.append(d.subject_line)
    salary = (f"{fmt_int(base_salary)} đồng" if base_salary
              else "chưa có mức lương cơ sở cho ngày này")
    lines.append(f"Mức lương cơ sở áp dụng ngày {fmt_date(priced_on)}: {salary}")
    totals = d.totals()
    for kind in GROUP_ORDER:
        group = d.group(kind)
        if not group:
            continue
        lines += ["", f"{GROUP_TITLES[kind]} ({fmt_int(len(group))})", table(
            ("STT", "ID", "Tên" if kind is not SubjectKind.INDIVIDUAL else "Họ và tên",
             "Chức vụ, đơn vị", "Danh hiệu/hình thức", "Hệ số", "Số tiền (đồng)", "Ghi chú"),
            [(str(i), str(x.nomination_id), x.subject_name, x.detail, x.award_name,
              fmt_decimal(x.coefficient), fmt_int(x.amount), x.pay_note)
             for i, x in enumerate(group, start=1)], right=(0, 1, 5, 6))]
        lines.append(f"Cộng {GROUP_TITLES[kind].split('. ', 1)[1].lower()}: "
                     f"{fmt_int(totals[kind][1])} đồng")
    if not d.lines:
        lines += ["", "Quyết định chưa có ai được khen thưởng."]
    lines += ["", f"Tổng cộng: {fmt_int(len(d.lines))} trường hợp, "
                  f"{fmt_int(d.total_amount)} đồng"]
    return "\n".join(lines)


def _show(ctx: Context, decision_id: int, on: date | None, prefix: str = "") -> None:
    from desktop.domain.errors import NotFoundError

    services = ctx.open()
    d = services.decisions.get(decision_id, preview_on=on)
    priced_on = d.signed_on or on or date.today()
    base_salary = d.base_salary
    if base_salary is None:
        try:
            base_salary = services.catalog.base_salary_on(priced_on).amount
        except NotFoundError:
            base_salary = None
    ctx.console.emit({"decision": _decision_dict(d, base_salary, priced_on)},
                     prefix + _decision_text(d, base_salary, priced_on))


def cmd_decisions_create(ctx: Context) -> int:
    from desktop.services.decisions import DecisionInput

    args = ctx.args
    services = ctx.open()
    data = DecisionInput(args.round_id, args.issuer, args.notation, args.subject_line)
    ids = list(dict.fromkeys(args.nomination_ids))
    if args.per_award:
        rows = services.decisions.create_per_award(data, ids)
        ctx.console.emit(
            {"decisions": [_decision_dict(d, None, date.today()) for d in rows]},
            "\n".join("\n".join([f"Đã lập dự thảo quyết định ID {d.id}: {d.lines[0].award_name} "
                                  f"({len(d.lines)} trường hợp).", *_warning_lines(d)])
                      for d in rows if d.lines))
        return 0
    d = services.decisions.create(data, ids)
    _show(ctx, d.id, None, f"Đã lập dự thảo quyết định ID {d.id}.\n\n")
    return 0


def cmd_decisions_list(ctx: Context) -> int:
    services = ctx.open()
    round_ = services.rounds.get(ctx.args.round_id)
    rows = services.decisions.list(round_.id)
    ctx.console.emit(
        {"round_id": round_.id, "decisions": [_decision_dict(d, d.base_salary, d.signed_on
                                                             or date.today()) for d in rows]},
        table(("ID", "Số", "Ngày ký", "Cơ quan ban hành", "Số trường hợp", "Tổng tiền (đồng)"),
              [(str(d.id), d.number or "(dự thảo)", fmt_date(d.signed_on), d.issuer,
                fmt_int(len(d.lines)), fmt_int(d.total_amount)) for d in rows], right=(0, 4, 5))
        if rows else f"Đợt “{round_.name}” chưa có quyết định nào.")
    return 0


def cmd_decisions_show(ctx: Context) -> int:
    _show(ctx, ctx.args.decision_id, parse_date(ctx.args.on, "on", "Ngày tính tiền"))
    return 0


def cmd_decisions_sign(ctx: Context) -> int:
    args = ctx.args
    signed_on = required_date(args.date, "signed_on", "Ngày ký")
    services = ctx.open()
    d = services.decisions.sign(args.decision_id, signed_on, args.signer, args.capacity,
                                args.number)
    _show(ctx, d.id, None, f"Đã ký quyết định số {d.number}.\n\n")
    return 0
