"""Word documents from the command line: list templates and their fields, check a template,
render any template (one target, or a batch of nominations), optionally to PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.commands_council import capacity
from desktop.cli.commands_rounds import record_id
from desktop.cli.context import Context, add_command, non_negative_int, parse_date
from desktop.cli.output import table

TARGET_HELP = ("ID đối tượng: đợt xét (to_trinh), quyết định (quyet_dinh, giay_khen, bang_khen), "
               "cuộc họp (bien_ban_hoi_dong), đề nghị (bao_cao_thanh_tich_*; nhiều ID cách nhau "
               "dấu phẩy để tạo hàng loạt), đơn vị (dang_ky_thi_dua, kèm --year), phong trào "
               "(bao_cao_tong_ket)")


def id_list(text: str) -> list[int]:
    try:
        return [record_id(part) for part in text.split(",") if part.strip()]
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"“{text}” phải là ID hoặc các ID cách nhau dấu phẩy "
                                         "(ví dụ 12,13,15)") from None


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add_command(sub, "templates", common=common,
                    help="các mẫu văn bản Word, mẫu đang dùng (gốc hay đã sửa) và trường của mẫu")
    p.add_argument("key", nargs="?", metavar="MẪU", help="mã mẫu để xem danh sách trường")
    p.set_defaults(handler=cmd_templates)

    p = add_command(sub, "template-check", common=common,
                    help="kiểm tra một mẫu (đang dùng, hoặc tệp --file) trước khi dùng")
    p.add_argument("key", metavar="MẪU", help="mã mẫu (xem: tdkt templates)")
    p.add_argument("--file", type=Path, metavar="TỆP", help="tệp .docx cần kiểm tra")
    p.set_defaults(handler=cmd_template_check)

    p = add_command(sub, "render", common=common,
                    help="tạo văn bản Word từ mẫu (và PDF nếu máy có LibreOffice)",
                    epilog="Ví dụ:\n  tdkt render quyet_dinh 3 --out QD.docx --pdf\n"
                           "  tdkt render bao_cao_thanh_tich_ca_nhan 12,13,14 --out BCTT/\n"
                           "  tdkt render dang_ky_thi_dua 7 --year 2026 --out DK.docx")
    p.add_argument("key", metavar="MẪU", help="mã mẫu (xem: tdkt templates)")
    p.add_argument("targets", type=id_list, metavar="ID", help=TARGET_HELP)
    p.add_argument("--out", required=True, type=Path, metavar="ĐƯỜNG_DẪN",
                   help="tệp .docx (một văn bản) hoặc thư mục (hàng loạt)")
    p.add_argument("--pdf", action="store_true", help="xuất thêm PDF bằng LibreOffice")
    p.add_argument("--date", metavar="NGÀY", help="ngày văn bản (mặc định hôm nay)")
    p.add_argument("--number", type=non_negative_int, metavar="SỐ",
                   help="số văn bản (quyết định đã ký dùng số của quyết định)")
    p.add_argument("--signer", default="", metavar="HỌ_TÊN", help="người ký")
    p.add_argument("--capacity", type=capacity, metavar="THẨM_QUYỀN",
                   help="thẩm quyền ký: chu_tich, kt_chu_tich, tm_ubnd")
    p.add_argument("--to", default="", metavar="NƠI_NHẬN", help="Kính gửi (tờ trình, đăng ký)")
    p.add_argument("--year", type=non_negative_int, metavar="NĂM",
                   help="năm (bản đăng ký thi đua)")
    p.set_defaults(handler=cmd_render)


def cmd_templates(ctx: Context) -> int:
    services = ctx.open()
    docs = services.documents
    if ctx.args.key:
        spec = docs.spec(ctx.args.key)
        from desktop.services.documents.registry import field_rows

        rows = [("    " * depth + token, text) for depth, token, text in field_rows(spec.fields)]
        ctx.console.emit(
            {"key": spec.key, "title": spec.title, "target": spec.context.value,
             "fields": [{"name": f.name, "description": f.description,
                         "items": [{"name": i.name, "description": i.description}
                                   for i in f.items]} for f in spec.fields]},
            f"{spec.title} — dùng cho: {spec.context.label}\n{spec.description}\n\n"
            + table(("Trường", "Ý nghĩa"), rows))
        return 0
    infos = docs.templates()
    ctx.console.emit(
        [{"key": i.spec.key, "title": i.spec.title, "target": i.spec.context.value,
          "customised": i.customised, "path": str(i.path)} for i in infos],
        table(("Mã mẫu", "Tên", "Dùng cho", "Đang dùng"),
              [(i.spec.key, i.spec.title, i.spec.context.label,
                "mẫu đã sửa" if i.customised else "mẫu gốc") for i in infos]))
    return 0


def cmd_template_check(ctx: Context) -> int:
    services = ctx.open()
    if ctx.args.file is not None and not ctx.args.file.is_file():
        ctx.console.err(f"Lỗi: không tìm thấy tệp {ctx.args.file}.")
        return 1
    report = services.documents.check(ctx.args.key, ctx.args.file)
    ctx.console.emit(
        {"ok": report.ok, "problems": [{"severity": p.severity.name.lower(), "where": p.where,
                                        "message": p.message} for p in report.problems]},
        report.summary())
    return 0 if report.ok else 1


def cmd_render(ctx: Context) -> int:
    from desktop.services.documents import RenderOptions

    services = ctx.open()
    docs = services.documents
    spec = docs.spec(ctx.args.key)
    options = RenderOptions(on=parse_date(ctx.args.date, "date", "Ngày văn bản"),
                            sequence=ctx.args.number, signer_name=ctx.args.signer,
                            signer_capacity=_capacity(ctx.args.capacity),
                            recipient=ctx.args.to, year=ctx.args.year)
    out: Path = ctx.args.out.expanduser()
    targets: list[int] = ctx.args.targets
    if spec.per_subject and (len(targets) > 1 or out.suffix.lower() != ".docx"):
        result = docs.render_batch(spec.key, targets, out, options, pdf=ctx.args.pdf,
                                   progress=lambda done, total, label: ctx.console.err(
                                       f"[{done}/{total}] {label}"))
        files, pdfs = list(result.files), list(result.pdfs)
    else:
        if len(targets) > 1:
            ctx.console.err(f"Lỗi: mẫu “{spec.title}” tạo một văn bản cho một đối tượng; "
                            "chỉ nhập một ID.")
            return 1
        if out.suffix.lower() != ".docx":
            out = out / docs.default_filename(spec.key, targets[0])
        files = [docs.render(spec.key, targets[0], out, options)]
        pdfs = docs.to_pdf(files) if ctx.args.pdf else []
    sheets = (docs.certificate_recipients(spec.key, targets[0])
              if spec.key in ("giay_khen", "bang_khen") else [])
    head = ([f"In {len(sheets)} {'giấy khen' if spec.key == 'giay_khen' else 'bằng khen'} "
             f"cho: {', '.join(sheets)}."] if sheets else [])
    ctx.console.emit({"files": [str(f) for f in files], "pdfs": [str(p) for p in pdfs],
                      **({"sheets": sheets} if sheets else {})},
                     "\n".join(head + [f"Đã tạo {f}" for f in [*files, *pdfs]]))
    return 0


def _capacity(value: str | None) -> Any:
    from desktop.domain.enums import SignerCapacity

    return SignerCapacity(value) if value else None
