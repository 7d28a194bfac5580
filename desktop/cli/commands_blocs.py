"""Emulation blocs and clusters (khối, cụm thi đua): list, rank, Excel templates, imports and
the printed score sheet, and proposals into an award round (DESIGN §8; issue 5, point 8)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.commands_rounds import record_id
from desktop.cli.context import Context, add_command, non_negative_int
from desktop.cli.output import fmt_int, table
from desktop.domain.enums import ScoreBasis
from desktop.domain.errors import ValidationError

if TYPE_CHECKING:
    from desktop.services import Services
    from desktop.services.blocs.dto import BlocRow, ImportResult, Ranking

BLOC = "KHỐI"
BLOC_HELP = "khối, cụm thi đua: ID (ví dụ 3 hoặc #3) hoặc tên (không cần gõ dấu)"
BASIS_HELP = ("điểm dùng để xếp hạng: reviewed (điểm khối chấm, mặc định) hoặc self "
              "(điểm tự chấm)")
OUTCOMES = {"created": "tạo mới", "updated": "cập nhật", "unchanged": "đã có, giữ nguyên",
            "kept": "giữ nguyên", "not_selected": "không còn được đề nghị"}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add_command(sub, "bloc-list", common=common, help="các khối, cụm thi đua",
                    epilog="Ví dụ:\n  tdkt bloc-list\n  tdkt bloc-list --year 2026 --json")
    p.add_argument("--year", type=int, metavar="NĂM", help="chỉ các khối, cụm của năm này")
    p.set_defaults(handler=cmd_list)

    p = add_command(sub, "bloc-rank", common=common,
                    help="xếp hạng các đơn vị của một khối, cụm thi đua theo tổng điểm",
                    epilog="Khi bằng điểm: tập thể có từ 70% nữ được ưu tiên trước (Nghị định "
                           "152/2025/NĐ-CP, Điều 4 khoản 6), sau đó theo các quy tắc phân định "
                           "của khối.\n\nVí dụ:\n  tdkt bloc-rank 1\n"
                           "  tdkt bloc-rank \"Khối các sở, ban, ngành\" --year 2026 --json")
    _bloc_args(p)
    p.add_argument("--basis", choices=[b.value for b in ScoreBasis],
                   default=ScoreBasis.REVIEWED.value, help=BASIS_HELP)
    p.set_defaults(handler=cmd_rank)

    p = add_command(sub, "bloc-template", common=common,
                    help="ghi tệp Excel mẫu (có trang Hướng dẫn) để nhập bảng tiêu chí hoặc điểm",
                    epilog="Mẫu bảng tiêu chí để trống, hoặc điền sẵn bảng của một khối (--bloc).\n"
                           "Mẫu chấm điểm luôn theo một khối: điền sẵn đơn vị, tiêu chí và điểm "
                           "đã có.\n\nVí dụ:\n  tdkt bloc-template criteria mau-tieu-chi.xlsx\n"
                           "  tdkt bloc-template scores cham-diem.xlsx --bloc 1")
    p.add_argument("what", choices=("criteria", "scores"),
                   help="criteria (bảng tiêu chí) hoặc scores (chấm điểm)")
    p.add_argument("file", type=Path, metavar="TỆP", help="tệp .xlsx sẽ ghi")
    p.add_argument("--bloc", metavar=BLOC, help=BLOC_HELP)
    p.add_argument("--year", type=int, metavar="NĂM", help="năm của khối (khi tìm theo tên)")
    p.set_defaults(handler=cmd_template)

    for name, what, handler in (
            ("bloc-import-criteria", "bảng tiêu chí chấm điểm (thay bảng hiện có)",
             cmd_import_criteria),
            ("bloc-import-scores", "điểm tự chấm, điểm khối chấm và minh chứng",
             cmd_import_scores)):
        p = add_command(sub, name, common=common, help=f"nhập {what} từ tệp Excel mẫu",
                        epilog="Mọi dòng được kiểm tra; nếu có lỗi, lệnh liệt kê từng lỗi theo số "
                               "dòng và không nhập gì.\n\nVí dụ:\n"
                               f"  tdkt {name} 1 tep.xlsx --dry-run\n  tdkt {name} 1 tep.xlsx")
        _bloc_args(p)
        p.add_argument("file", type=Path, metavar="TỆP", help="tệp .xlsx theo mẫu")
        p.add_argument("--dry-run", action="store_true",
                       help="chỉ kiểm tra tệp, không ghi gì vào cơ sở dữ liệu")
        p.set_defaults(handler=handler)

    p = add_command(sub, "bloc-export", common=common,
                    help="xuất bảng tổng hợp điểm (tiêu chí theo dòng, đơn vị theo cột, tổng "
                         "điểm, xếp hạng) ra Excel sẵn để in",
                    epilog="Ví dụ:\n  tdkt bloc-export 1 bang-diem-2026.xlsx\n"
                           "  tdkt bloc-export 1 tu-cham.xlsx --basis self")
    _bloc_args(p)
    p.add_argument("file", type=Path, metavar="TỆP", help="tệp .xlsx sẽ ghi")
    p.add_argument("--basis", choices=[b.value for b in ScoreBasis],
                   default=ScoreBasis.REVIEWED.value, help=BASIS_HELP)
    p.set_defaults(handler=cmd_export)

    p = add_command(sub, "bloc-propose", common=common,
                    help="đề nghị khen thưởng từ kết quả xếp hạng của khối vào một đợt xét",
                    epilog="Đơn vị dẫn đầu được đề nghị Cờ thi đua của UBND tỉnh, các đơn vị tiếp "
                           "theo Bằng khen của Chủ tịch UBND tỉnh (số lượng theo cài đặt của "
                           "khối hoặc --flags/--merits, không quá số tỉnh cho phép mỗi khối: "
                           "tham số flags_per_bloc, bk_tinh_per_bloc). Chạy lại không tạo trùng.\n\nVí dụ:\n"
                           "  tdkt bloc-propose 1 2 --dry-run\n  tdkt bloc-propose 1 2")
    _bloc_args(p)
    p.add_argument("round_id", type=record_id, metavar="ĐỢT", help="ID của đợt xét khen thưởng")
    p.add_argument("--flags", type=non_negative_int, metavar="N",
                   help="số đơn vị đề nghị Cờ thi đua")
    p.add_argument("--merits", type=non_negative_int, metavar="N",
                   help="số đơn vị đề nghị Bằng khen")
    p.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không tạo đề nghị")
    p.set_defaults(handler=cmd_propose)


def _bloc_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("bloc", metavar=BLOC, help=BLOC_HELP)
    p.add_argument("--year", type=int, metavar="NĂM", help="năm của khối (khi tìm theo tên)")


def _bloc(ctx: Context) -> tuple[Services, BlocRow]:
    services = ctx.open()
    return services, services.blocs.find(ctx.args.bloc, ctx.args.year)


def bloc_dict(row: BlocRow) -> dict[str, Any]:
    return {"id": row.id, "uuid": row.uuid, "name": row.name, "kind": row.kind.value,
            "kind_label": row.kind.label, "year": row.year,
            "organiser_unit_id": row.organiser_unit_id, "organiser_name": row.organiser_name,
            "head_unit_id": row.head_unit_id, "head_name": row.head_name,
            "deputy_unit_id": row.deputy_unit_id, "deputy_name": row.deputy_name,
            "pledge_date": row.pledge_date, "pledge_note": row.pledge_note,
            "total_points": row.total_points, "flag_count": row.flag_count,
            "merit_count": row.merit_count, "tie_rules": list(row.tie_rules),
            "member_count": row.member_count, "criterion_count": row.criterion_count}


# -- bloc-list, bloc-rank ----------------------------------------------------------------------
def cmd_list(ctx: Context) -> int:
    rows = ctx.open().blocs.list(ctx.args.year)
    where = f" năm {ctx.args.year}" if ctx.args.year else ""
    human = table(("ID", "Khối, cụm thi đua", "Loại", "Năm", "Trưởng khối", "Thành viên",
                   "Tiêu chí"),
                  [(str(b.id), b.name, b.kind.label, str(b.year), b.head_name,
                    fmt_int(b.member_count), fmt_int(b.criterion_count)) for b in rows],
                  right=(0, 5, 6))
    ctx.console.emit({"year": ctx.args.year, "total": len(rows),
                      "blocs": [bloc_dict(b) for b in rows]},
                     f"{fmt_int(len(rows))} khối, cụm thi đua{where}\n\n{human}" if rows
                     else f"Chưa có khối, cụm thi đua nào{where}.")
    return 0


def _ranking_dict(ranking: Ranking) -> dict[str, Any]:
    from desktop.services.blocs.ranking import tie_rule_label

    return {
        "basis": ranking.basis.value, "basis_label": ranking.basis.label,
        "complete": ranking.complete, "pending_units": list(ranking.pending_units),
        "problems": list(ranking.problems),
        "tie_rules": [{"code": r, "label": tie_rule_label(r)} for r in ranking.tie_rules],
        "rows": [{"rank": r.rank, "unit_id": r.unit_id, "unit": r.unit_name, "total": r.total,
                  "base": r.base, "bonus": r.bonus, "penalty": r.penalty,
                  "groups": [{"code": g.code, "name": g.name, "kind": g.kind.value,
                              "points": g.points} for g in r.groups],
                  "women_share": r.women_share, "women_priority": r.women_priority,
                  "votes": r.votes, "tie_note": r.tie_note} for r in ranking.rows],
    }


def cmd_rank(ctx: Context) -> int:
    from desktop.services.blocs.points import fmt_points

    services, bloc = _bloc(ctx)
    ranking = services.blocs.scores.ranking(bloc.id, ScoreBasis(ctx.args.basis))
    lines = [f"{bloc.kind.label} “{bloc.name}” năm {bloc.year} — xếp hạng theo "
             f"{ranking.basis.label.lower()} (tổng điểm chuẩn {fmt_points(bloc.total_points)})"]
    if ranking.rows:
        lines += ["", table(("Hạng", "Đơn vị", "Tổng điểm", "Điểm chấm", "Thưởng", "Trừ",
                             "Nữ ≥70%", "Ghi chú"),
                            [(str(r.rank), r.unit_name, fmt_points(r.total), fmt_points(r.base),
                              fmt_points(r.bonus), fmt_points(r.penalty),
                              "có" if r.women_priority else "", r.tie_note)
                             for r in ranking.rows], right=(0, 2, 3, 4, 5))]
    else:
        lines.append("Khối chưa có thành viên.")
    if not ranking.complete:
        lines += ["", "Lưu ý: chưa phải kết quả chính thức — khối chưa chấm xong bảng điểm của: "
                      + ", ".join(ranking.pending_units)]
    lines += [f"Lưu ý: {p}" for p in ranking.problems]
    ctx.console.emit({"bloc": bloc_dict(bloc), **_ranking_dict(ranking)}, "\n".join(lines))
    return 0


# -- Excel ---------------------------------------------------------------------------------------
def _xlsx(path: Path) -> Path:
    if path.suffix.lower() != ".xlsx":
        raise ValidationError.single("file", "Tệp Excel", f"“{path.name}” phải có đuôi .xlsx")
    return path.expanduser().resolve()


def cmd_template(ctx: Context) -> int:
    args = ctx.args
    target = _xlsx(args.file)
    services = ctx.open()
    bloc = services.blocs.find(args.bloc, args.year) if args.bloc else None
    if args.what == "scores":
        if bloc is None:
            raise ValidationError.single("bloc", "Khối, cụm thi đua",
                                         "mẫu chấm điểm cần chọn khối (--bloc)")
        written = services.blocs.excel.write_scores(target, bloc.id)
        what = f"mẫu chấm điểm của “{bloc.name}”"
    else:
        written = services.blocs.excel.write_criteria(target, bloc.id if bloc else None)
        what = f"bảng tiêu chí của “{bloc.name}”" if bloc else "mẫu bảng tiêu chí (trống)"
    ctx.console.emit({"file": written, "what": args.what, "bloc_id": bloc.id if bloc else None},
                     f"Đã ghi {what}: {written}")
    return 0


def _import_report(ctx: Context, bloc: BlocRow, result: ImportResult, what: str) -> None:
    dry = ctx.args.dry_run
    verb = "Tệp hợp lệ, chưa ghi gì (--dry-run)" if dry else "Đã nhập"
    human = (f"{verb}: {what} của “{bloc.name}” — {fmt_int(result.rows)} dòng, "
             f"{fmt_int(result.changed)} thay đổi, {fmt_int(result.unchanged)} giữ nguyên")
    if result.skipped:
        human += f", {fmt_int(result.skipped)} dòng tiêu chí theo chỉ tiêu (tự tính, bỏ qua)"
    ctx.console.emit({"bloc_id": bloc.id, "dry_run": dry, "rows": result.rows,
                      "changed": result.changed, "unchanged": result.unchanged,
                      "skipped": result.skipped}, human + ".")


def cmd_import_criteria(ctx: Context) -> int:
    services, bloc = _bloc(ctx)
    result = services.blocs.excel.import_criteria(bloc.id, ctx.args.file.expanduser(),
                                                  dry_run=ctx.args.dry_run)
    _import_report(ctx, bloc, result, "bảng tiêu chí")
    return 0


def cmd_import_scores(ctx: Context) -> int:
    services, bloc = _bloc(ctx)
    result = services.blocs.excel.import_scores(bloc.id, ctx.args.file.expanduser(),
                                                dry_run=ctx.args.dry_run)
    _import_report(ctx, bloc, result, "điểm")
    return 0


def cmd_export(ctx: Context) -> int:
    target = _xlsx(ctx.args.file)
    services, bloc = _bloc(ctx)
    basis = ScoreBasis(ctx.args.basis)
    written = services.blocs.excel.export_score_sheet(target, bloc.id, basis)
    ctx.console.emit({"file": written, "bloc_id": bloc.id, "basis": basis.value},
                     f"Đã xuất bảng tổng hợp điểm ({basis.label.lower()}) của “{bloc.name}”: "
                     f"{written}")
    return 0


# -- proposals -------------------------------------------------------------------------------------
def cmd_propose(ctx: Context) -> int:
    args = ctx.args
    services, bloc = _bloc(ctx)
    result = services.blocs.proposals.propose(bloc.id, args.round_id, flag_count=args.flags,
                                              merit_count=args.merits, dry_run=args.dry_run)
    head = ("Xem trước (chưa tạo gì)" if args.dry_run
            else f"Đã đề nghị: {fmt_int(result.created)} đề nghị mới")
    human = f"{head} — “{bloc.name}” vào đợt xét ID {args.round_id}\n\n" + table(
        ("Hạng", "Đơn vị", "Đề nghị", "ID đề nghị", "Kết quả", "Ghi chú"),
        [(str(x.rank) if x.rank else "", x.unit_name, x.award_name,
          str(x.nomination_id or ""), OUTCOMES.get(x.outcome, x.outcome), x.note)
         for x in result.lines], right=(0, 3))
    ctx.console.emit({"bloc_id": bloc.id, "round_id": args.round_id, "dry_run": args.dry_run,
                      "created": result.created,
                      "lines": [{"rank": x.rank, "unit_id": x.unit_id, "unit": x.unit_name,
                                 "award": x.award_code, "award_name": x.award_name,
                                 "nomination_id": x.nomination_id, "outcome": x.outcome,
                                 "note": x.note} for x in result.lines]}, human)
    return 0
