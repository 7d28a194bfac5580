"""Excel: ``tdkt import KIND FILE`` (dry run, then all-or-nothing), ``tdkt export KIND FILE``
and ``tdkt template KIND FILE`` over the same ExcelService the windows use (issue 12)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.api.excel import EXPORT_KINDS, IMPORT_KINDS, ExportFilter, ImportRefusedError
from desktop.cli.context import Context, add_command, resolve_unit
from desktop.cli.output import to_json
from desktop.domain.errors import ValidationError

IMPORT_HELP = ", ".join(f"{k} ({v.lower()})" for k, v in IMPORT_KINDS.items())
EXPORT_HELP = ", ".join(f"{k} ({v.lower()})" for k, v in EXPORT_KINDS.items())


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add_command(sub, "import", common=common,
                    help="nhập một danh sách từ tệp Excel .xlsx (kiểm tra từng ô; lỗi thì "
                         "không nhập gì)",
                    epilog="Mọi ô được kiểm tra như khi gõ tay; nếu có lỗi, lệnh liệt kê từng "
                           "lỗi theo trang, dòng, cột và không ghi gì (mã thoát 1). Người đã có "
                           "(cùng số CCCD, hoặc cùng họ tên, ngày sinh và đơn vị) chỉ được cập "
                           "nhật khi có --update-existing.\n\nVí dụ:\n"
                           "  tdkt template people mau-ca-nhan.xlsx\n"
                           "  tdkt import people ca-nhan.xlsx --dry-run\n"
                           "  tdkt import people ca-nhan.xlsx --report bao-cao.xlsx")
    p.add_argument("kind", choices=list(IMPORT_KINDS), metavar="LOẠI", help=IMPORT_HELP)
    p.add_argument("file", type=Path, metavar="TỆP", help="tệp .xlsx")
    p.add_argument("--dry-run", action="store_true",
                   help="chỉ kiểm tra tệp và báo cáo, không ghi gì vào cơ sở dữ liệu")
    p.add_argument("--update-existing", action="store_true",
                   help="cập nhật cả những bản ghi đã có mà tệp ghi khác")
    p.add_argument("--report", type=Path, metavar="TỆP_BÁO_CÁO",
                   help="lưu báo cáo ra tệp .xlsx hoặc .txt (cả khi tệp bị từ chối)")
    p.set_defaults(handler=cmd_import)

    p = add_command(sub, "export", common=common,
                    help="xuất một danh sách ra tệp Excel .xlsx",
                    epilog="Ví dụ:\n  tdkt export people ca-nhan.xlsx --unit PTH\n"
                           "  tdkt export ratings xep-loai-2025.xlsx --year 2025\n"
                           "  tdkt export nominations de-nghi.xlsx --round 1\n"
                           "  tdkt export decisions quyet-dinh.xlsx --year 2025")
    p.add_argument("kind", choices=list(EXPORT_KINDS), metavar="LOẠI", help=EXPORT_HELP)
    p.add_argument("file", type=Path, metavar="TỆP", help="tệp .xlsx sẽ ghi")
    p.add_argument("--year", type=int, metavar="NĂM", help="chỉ năm này")
    p.add_argument("--unit", metavar="MÃ_ĐƠN_VỊ", help="chỉ đơn vị này (và các đơn vị trực thuộc)")
    p.add_argument("--no-subunits", action="store_true",
                   help="với --unit: không lấy các đơn vị trực thuộc")
    p.add_argument("--round", type=int, metavar="ĐỢT", help="chỉ đợt xét này (ID)")
    p.set_defaults(handler=cmd_export)

    p = add_command(sub, "template", common=common,
                    help="ghi tệp Excel mẫu để nhập một danh sách (có trang Hướng dẫn)",
                    epilog="Ví dụ:\n  tdkt template people mau-ca-nhan.xlsx\n"
                           "  tdkt template ratings mau-xep-loai.xlsx")
    p.add_argument("kind", choices=list(IMPORT_KINDS), metavar="LOẠI", help=IMPORT_HELP)
    p.add_argument("file", type=Path, metavar="TỆP", help="tệp .xlsx sẽ ghi")
    p.set_defaults(handler=cmd_template)


def _target(path: Path) -> Path:
    if path.suffix.lower() != ".xlsx":
        raise ValidationError.single("file", "Tệp Excel", f"“{path.name}” phải có đuôi .xlsx")
    return path.expanduser().resolve()


def _report_dict(report: Any) -> dict[str, Any]:
    return {"kind": report.kind, "file": report.file_name, "sheet": report.sheet,
            "rows": report.rows, "new": report.new, "updated": report.updated,
            "unchanged": report.unchanged, "existing": report.existing,
            "applied": report.applied, "dry_run": report.dry_run, "ok": report.ok,
            "summary": report.summary(), "notes": list(report.notes),
            "problems": [{"sheet": p.sheet, "row": p.row, "column": p.column, "cell": p.cell,
                          "message": p.message, "text": str(p)} for p in report.problems]}


def _progress(done: int, total: int, label: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{label} {done}/{total}", end="", file=sys.stderr, flush=True)


def cmd_import(ctx: Context) -> int:
    args = ctx.args
    services = ctx.open()
    source = args.file.expanduser()
    run = services.excel.dry_run if args.dry_run else services.excel.apply
    try:
        report = run(args.kind, source, update_existing=args.update_existing,
                     progress=_progress)
    except ImportRefusedError as exc:
        if sys.stderr.isatty():
            print(file=sys.stderr)
        if args.report:
            services.excel.save_report(exc.report, args.report.expanduser())
        if ctx.json:
            ctx.console.out(to_json(_report_dict(exc.report)))
        ctx.console.err(f"Lỗi: {exc.report.summary()}")
        for problem in exc.report.problems:
            ctx.console.err(f"  - {problem}")
        return 1
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.report:
        services.excel.save_report(report, args.report.expanduser())
    ctx.console.emit(_report_dict(report), "\n".join(report.lines()))
    return 0


def cmd_export(ctx: Context) -> int:
    args = ctx.args
    target = _target(args.file)
    services = ctx.open()
    unit_id = resolve_unit(services, args.unit).id if args.unit else None
    result = services.excel.export(args.kind, target, ExportFilter(
        year=args.year, unit_id=unit_id, include_subunits=not args.no_subunits,
        round_id=args.round))
    ctx.console.emit({"kind": result.kind, "file": result.path, "rows": result.rows},
                     f"Đã xuất {result.rows} dòng {EXPORT_KINDS[result.kind].lower()}: "
                     f"{result.path}")
    return 0


def cmd_template(ctx: Context) -> int:
    args = ctx.args
    target = _target(args.file)
    services = ctx.open()
    written = services.excel.template(args.kind, target)
    ctx.console.emit({"kind": args.kind, "file": written},
                     f"Đã ghi mẫu nhập {IMPORT_KINDS[args.kind].lower()}: {written}")
    return 0
