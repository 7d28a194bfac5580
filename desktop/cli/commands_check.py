"""``tdkt check``: the eligibility of a round's nominations, every condition with its status,
its Vietnamese explanation and the legal text it rests on."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from desktop.cli.commands_rounds import record_id, round_dict
from desktop.cli.context import Context, add_command
from desktop.cli.output import fmt_int, table
from desktop.domain.enums import ConditionStatus

if TYPE_CHECKING:
    from desktop.services.eligibility import EligibilityResult
    from desktop.services.nominations import NominationRow


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add_command(sub, "check", common=common,
                    help="kiểm tra điều kiện khen thưởng của các đề nghị trong một đợt xét",
                    epilog="Mỗi điều kiện có kết quả (đạt / không đạt / cần kiểm tra), lời giải "
                           "thích và căn cứ pháp lý.\n"
                           "Với --json: mọi đề nghị kèm đủ mọi điều kiện và số lượng tổng hợp.\n\n"
                           "Ví dụ:\n  tdkt check 1\n  tdkt check 1 --nomination 12\n"
                           "  tdkt check 1 --json > ket_qua.json")
    p.add_argument("round_id", type=record_id, metavar="ĐỢT", help="ID của đợt xét")
    p.add_argument("--nomination", type=record_id, metavar="ID",
                   help="chỉ kiểm tra một đề nghị và in giải thích đầy đủ")
    p.set_defaults(handler=cmd_check)


def _rule_set_label(key: str) -> str:
    from desktop.services.eligibility.rules import RULE_SETS

    for rule_set in RULE_SETS:
        if rule_set.key == key:
            return f"{rule_set.law}; {rule_set.decree}"
    return key


def _result_dict(result: EligibilityResult, row: NominationRow | None) -> dict[str, Any]:
    return {
        "nomination_id": result.nomination_id,
        "subject": row.subject_name if row else "",
        "subject_kind": row.subject_kind.value if row else None,
        "subject_detail": row.subject_detail if row else "",
        "award": row.award_code if row else "", "award_name": row.award_name if row else "",
        "nomination_status": row.status.value if row else None,
        "status": result.status.value, "status_label": result.status.label,
        "rule_set": result.rule_set, "legal_basis": _rule_set_label(result.rule_set),
        "conditions": [{"code": c.code, "status": c.status.value, "status_label": c.status.label,
                        "text": c.text, "source": c.source} for c in result.conditions],
    }


def _summary(results: list[EligibilityResult]) -> dict[str, int]:
    counts = {s.value: 0 for s in ConditionStatus}
    for result in results:
        counts[result.status.value] += 1
    return counts


def _summary_line(results: list[EligibilityResult]) -> str:
    counts = _summary(results)
    return (f"Tổng số {fmt_int(len(results))} đề nghị: "
            + "; ".join(f"{s.label.lower()} {fmt_int(counts[s.value])}" for s in ConditionStatus)
            + ".")


def _explanation(result: EligibilityResult, row: NominationRow | None) -> str:
    who = f"{row.award_name} cho “{row.subject_name}”" if row else ""
    detail = f" ({row.subject_detail})" if row and row.subject_detail else ""
    lines = [f"Đề nghị ID {result.nomination_id}: {who}{detail}",
             f"Căn cứ áp dụng: {_rule_set_label(result.rule_set)}",
             f"Kết luận: {result.status.label.upper()}", "", "Các điều kiện:"]
    for number, cond in enumerate(result.conditions, start=1):
        lines.append(f"  {number}. [{cond.status.label}] {cond.text}")
        lines.append(f"     Căn cứ: {cond.source}")
    return "\n".join(lines)


def cmd_check(ctx: Context) -> int:
    from desktop.cli.commands_admin import ProgressPrinter
    from desktop.domain.progress import CancelToken
    from desktop.services.nominations import NominationQuery

    args = ctx.args
    services = ctx.open()
    round_ = services.rounds.get(args.round_id)
    if args.nomination is not None:
        results = [services.eligibility.check(round_.id, args.nomination)]
        rows = {args.nomination: services.nominations.get(args.nomination)}
    else:
        progress = ProgressPrinter()
        try:
            results = services.eligibility.check_round(round_.id, progress=progress,
                                                       cancel=CancelToken())
        finally:
            progress.finish()
        rows = {r.id: r for r in services.nominations.page(
            NominationQuery(round_.id), 0, max(round_.nomination_count, 1))}
    data = {"round": round_dict(round_), "total": len(results), "summary": _summary(results),
            "results": [_result_dict(r, rows.get(r.nomination_id)) for r in results]}
    if args.nomination is not None:
        human = _explanation(results[0], rows.get(results[0].nomination_id))
    elif results:
        body = table(("ID", "Đối tượng", "Danh hiệu/hình thức", "Kết quả"),
                     [(str(r.nomination_id), rows[r.nomination_id].subject_name
                       if r.nomination_id in rows else "",
                       rows[r.nomination_id].award_name if r.nomination_id in rows else "",
                       r.status.label) for r in results], right=(0,))
        human = (f"Kiểm tra điều kiện: đợt “{round_.name}”\n\n{body}\n\n{_summary_line(results)}\n"
                 f"Xem giải thích từng điều kiện: tdkt check {round_.id} --nomination ID")
    else:
        human = f"Đợt “{round_.name}” chưa có đề nghị nào để kiểm tra."
    ctx.console.emit(data, human)
    return 0
