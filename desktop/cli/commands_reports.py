"""``tdkt report KIND [bộ lọc] [--json | --out TỆP.xlsx|.docx]``: the ready-made reports
(yearly summary, forms 0601–0605 of TT 02/2023/TT-BNV, a timeline), the report builder
(``custom --group unit,year``) and saved definitions (``--saved TÊN``, ``--save TÊN``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.api.reports import (
    Dimension,
    ReadyReport,
    ReportDefinition,
    ReportFilter,
    ReportTable,
    Source,
    parse_enum,
    parse_ethnicity,
    parse_flag,
    parse_groups,
    parse_years,
)
from desktop.cli.commands_rounds import record_id
from desktop.cli.context import Context, add_command, resolve_unit
from desktop.cli.output import table
from desktop.domain.enums import (
    AchievementKind,
    AwardCategory,
    AwardLevel,
    Gender,
    NominationStatus,
    SubjectKind,
)
from desktop.domain.errors import ValidationError

if TYPE_CHECKING:
    from desktop.services import Services

SAVED_LIST = "saved"
KINDS_HELP = "; ".join(f"{k.value} ({k.label})" for k in ReadyReport) + \
    f"; {SAVED_LIST} (danh sách báo cáo đã lưu)"
EPILOG = f"""Loại báo cáo (KIND): {KINDS_HELP}.

Nhóm theo (--group, tối đa 2): {", ".join(f"{d.value} ({d.label})" for d in Dimension)}.
Giá trị bộ lọc ghi bằng mã hoặc tên, có dấu hoặc không (ví dụ --gender nữ, --level tinh).
Lọc theo giới tính, dân tộc, người trực tiếp chỉ giữ lại cá nhân.

Ví dụ:
  tdkt report summary --year 2025
  tdkt report summary --years 2021-2025 --unit PTH --out tong_hop.xlsx
  tdkt report 0603 --year 2025 --out bieu_0603.docx
  tdkt report custom --group unit,gender --award BK_TINH --years 2021-2025 --json
  tdkt report custom --group year --save "Bằng khen theo năm"
  tdkt report --saved "Bằng khen theo năm" --out bk.xlsx
  tdkt report timeline --person 12"""


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add_command(sub, "report", common=common,
                    help="báo cáo, thống kê khen thưởng: tổng hợp năm, biểu 0601–0605 "
                         "(TT 02/2023/TT-BNV), quá trình khen thưởng, báo cáo tự chọn",
                    epilog=EPILOG)
    p.add_argument("kind", nargs="?", metavar="KIND", help="loại báo cáo (xem dưới)")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--year", type=int, metavar="NĂM", help="một năm")
    when.add_argument("--years", metavar="TỪ-ĐẾN", help="khoảng năm, ví dụ 2021-2025")
    p.add_argument("--unit", metavar="MÃ_HOẶC_ID",
                   help="đơn vị (kể cả đơn vị trực thuộc); với timeline: tập thể cần xem")
    p.add_argument("--person", type=record_id, metavar="ID", help="cá nhân (timeline)")
    p.add_argument("--award", action="append", default=[], metavar="MÃ",
                   help="danh hiệu, hình thức (mã trong danh mục; lặp lại được)")
    p.add_argument("--level", action="append", default=[], metavar="CẤP",
                   help="cấp khen thưởng: co_so, tinh, nha_nuoc (lặp lại được)")
    p.add_argument("--category", action="append", default=[], metavar="LOẠI",
                   help="title (danh hiệu thi đua) hoặc form (hình thức khen thưởng)")
    p.add_argument("--subject", action="append", default=[], metavar="ĐỐI_TƯỢNG",
                   help="individual (cá nhân), collective (tập thể), household (hộ gia đình)")
    p.add_argument("--gender", metavar="GIỚI_TÍNH", help="nam hoặc nữ")
    p.add_argument("--ethnicity", metavar="DÂN_TỘC", help="một dân tộc, ví dụ Thái")
    p.add_argument("--minority", metavar="CÓ_KHÔNG",
                   help="có: chỉ người dân tộc thiểu số; không: chỉ người Kinh")
    p.add_argument("--direct-worker", metavar="CÓ_KHÔNG",
                   help="người trực tiếp công tác, lao động: có hoặc không")
    p.add_argument("--achievement", action="append", default=[], metavar="LOẠI",
                   help="loại thành tích: cong_trang, chuyen_de, dot_xuat, cong_hien, nien_han, "
                        "doi_ngoai (lặp lại được)")
    p.add_argument("--status", action="append", default=[], metavar="TRẠNG_THÁI",
                   help="trạng thái đề nghị (chỉ với --source nominations)")
    p.add_argument("--source", default=Source.AWARDS.value, metavar="NGUỒN",
                   help="awards (khen thưởng đã có, mặc định) hoặc nominations (đề nghị)")
    p.add_argument("--group", metavar="TIÊU_CHÍ",
                   help="nhóm theo (custom), ví dụ unit,year; mặc định award")
    p.add_argument("--saved", metavar="TÊN", help="chạy báo cáo đã lưu")
    p.add_argument("--save", metavar="TÊN", help="lưu báo cáo tự chọn (custom) dưới tên này")
    p.add_argument("--out", type=Path, metavar="TỆP",
                   help="xuất ra tệp .xlsx hoặc .docx (Nghị định 30) thay vì in ra màn hình")
    p.set_defaults(handler=cmd_report)


def _many(kind: type[Any], values: list[str], field: str, label: str) -> tuple[Any, ...]:
    found: list[Any] = []
    for value in values:
        for part in value.split(","):
            if part.strip():
                member = parse_enum(kind, part, field, label)
                if member not in found:
                    found.append(member)
    return tuple(found)


def build_filter(services: Services, args: argparse.Namespace, *,
                 unit_is_filter: bool = True) -> ReportFilter:
    first = last = None
    if args.year is not None:
        first, last = parse_years(str(args.year))
    elif args.years:
        first, last = parse_years(args.years)
    unit_id = resolve_unit(services, args.unit).id if args.unit and unit_is_filter else None
    codes = tuple(c.strip() for v in args.award for c in v.split(",") if c.strip())
    if codes:
        known = {k.code.casefold(): k.code for k in services.catalog.award_kinds()}
        unknown = [c for c in codes if c.casefold() not in known]
        if unknown:
            raise ValidationError.single("award", "Danh hiệu, hình thức", (
                f"không có mã “{unknown[0]}” trong danh mục (xem “tdkt catalog list”)"))
        codes = tuple(known[c.casefold()] for c in codes)
    return ReportFilter(
        year_from=first, year_to=last, unit_id=unit_id, award_codes=codes,
        levels=_many(AwardLevel, args.level, "level", "Cấp khen thưởng"),
        categories=_many(AwardCategory, args.category, "category", "Loại"),
        subjects=_many(SubjectKind, args.subject, "subject", "Loại đối tượng"),
        gender=parse_enum(Gender, args.gender, "gender", "Giới tính") if args.gender else None,
        ethnicity=parse_ethnicity(args.ethnicity) if args.ethnicity else None,
        minority=parse_flag(args.minority, "minority", "Dân tộc thiểu số")
        if args.minority else None,
        direct_worker=parse_flag(args.direct_worker, "direct_worker", "Người trực tiếp")
        if args.direct_worker else None,
        achievements=_many(AchievementKind, args.achievement, "achievement", "Loại thành tích"),
        statuses=_many(NominationStatus, args.status, "status", "Trạng thái đề nghị"))


def _report(ctx: Context, services: Services) -> ReportTable | None:
    args = ctx.args
    if args.saved:
        if args.kind:
            raise ValidationError.single("kind", "Loại báo cáo", "không ghi KIND cùng --saved")
        return services.reports.run_saved(args.saved)
    if not args.kind:
        raise ValidationError.single("kind", "Loại báo cáo", f"chưa chọn; một trong: "
                                     f"{KINDS_HELP}")
    if args.kind.strip().casefold() == SAVED_LIST:
        return None
    kind = parse_enum(ReadyReport, args.kind, "kind", "Loại báo cáo")
    if kind is ReadyReport.TIMELINE:
        unit_id = resolve_unit(services, args.unit).id if args.unit else None
        return services.reports.timeline(person_id=args.person, unit_id=unit_id)
    flt = build_filter(services, args)
    if kind is ReadyReport.CUSTOM:
        source = parse_enum(Source, args.source, "source", "Nguồn số liệu")
        groups = parse_groups(args.group) if args.group else (Dimension.AWARD,)
        definition = ReportDefinition(source, flt, groups, args.save or "")
        result = services.reports.build(definition)
        if args.save:
            services.reports.save_definition(definition)
            ctx.console.err(f"Đã lưu báo cáo “{args.save}”.")
        return result
    if args.save:
        raise ValidationError.single("save", "Lưu báo cáo", "chỉ lưu được báo cáo tự chọn "
                                     "(custom)")
    return services.reports.ready(kind, flt)


def human(report: ReportTable) -> str:
    lines = [report.title, report.subtitle, *(f"  {f}" for f in report.filter_lines), ""]
    right = tuple(range(report.numeric_from, len(report.headers)))
    lines.append(table(report.headers, [[c.text for c in r.cells] for r in report.rows],
                       right=right))
    if report.missing:
        lines += ["", "Ô không điền được (—) và lý do:",
                  *(f"  - {m.where}: {m.reason}" for m in report.missing)]
    if report.notes:
        lines += ["", "Ghi chú:", *(f"  - {n}" for n in report.notes)]
    return "\n".join(line for line in lines if line is not None)


def cmd_report(ctx: Context) -> int:
    services = ctx.open()
    report = _report(ctx, services)
    if report is None:
        names = services.reports.saved.names()
        ctx.console.emit({"saved": names}, "Báo cáo đã lưu:\n" + "\n".join(
            f"  {n}" for n in names) if names else "Chưa có báo cáo nào được lưu.")
        return 0
    if ctx.args.out:
        path = services.reports.export(report, ctx.args.out)
        ctx.console.emit({"file": str(path), "report": report.as_json()},
                         f"Đã xuất “{report.title}” ra {path}")
        return 0
    ctx.console.emit(report.as_json(), human(report))
    return 0
