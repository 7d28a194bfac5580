"""Installation and safety commands: init, installation, demo, verify, backup, restore."""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path
from typing import Any

from desktop.cli.context import Context, add_command, add_group
from desktop.cli.output import fmt_int, table
from desktop.domain.enums import UnitKind, UnitLevel
from desktop.domain.errors import ConflictError

CHECK_LABELS = {
    "schema": "Cấu trúc dữ liệu",
    "integrity": "Tính toàn vẹn của tệp",
    "foreign_keys": "Liên kết giữa các bản ghi",
    "search_index": "Chỉ mục tìm kiếm",
    "schema_complete": "Đủ bảng và chỉ mục",
    "attachments": "Tệp đính kèm (minh chứng)",
}

DEMO_LABELS = {
    "units": "Đơn vị",
    "people": "Cá nhân",
    "ratings": "Kết quả đánh giá, xếp loại",
    "disciplines": "Kỷ luật",
    "initiatives": "Sáng kiến",
    "award_records": "Khen thưởng đã có",
    "movements": "Phong trào thi đua",
    "blocs": "Khối, cụm thi đua",
    "seconds": "Thời gian (giây)",
}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    kinds = ", ".join(f"{k.value} ({k.label})" for k in UnitKind if k is not UnitKind.DISTRICT)
    p = add_command(sub, "init", common=common,
                    help="tạo cơ sở dữ liệu và thiết lập cơ quan dùng phần mềm",
                    epilog="Ví dụ:\n  tdkt init --office-name \"Ủy ban nhân dân tỉnh Lai Châu\" "
                           "--office-code LCH --office-kind province")
    p.add_argument("--office-name", required=True, metavar="TÊN", help="tên cơ quan, đơn vị")
    p.add_argument("--office-code", required=True, metavar="MÃ", help="mã cơ quan (không dấu cách)")
    p.add_argument("--office-kind", required=True, metavar="LOẠI",
                   help=f"loại đơn vị, một trong: {kinds}")
    p.add_argument("--parent-office-name", default="", metavar="TÊN", help="tên cơ quan cấp trên")
    p.add_argument("--parent-office-code", default="", metavar="MÃ", help="mã cơ quan cấp trên")
    p.add_argument("--officer-name", default="", metavar="TÊN", help=OFFICER_HELP)
    p.set_defaults(handler=cmd_init)

    actions = add_group(sub, "installation", common=common,
                        help="cơ quan dùng phần mềm và cán bộ sử dụng (người thao tác)",
                        epilog="Ví dụ:\n  tdkt installation show\n"
                               "  tdkt installation officer \"Nguyễn Văn An\"")
    p = add_command(actions, "show", common=common,
                    help="cơ quan, cán bộ sử dụng và tên được ghi khi chuyển trạng thái")
    p.set_defaults(handler=cmd_installation_show)
    p = add_command(actions, "officer", common=common,
                    help="khai báo (hoặc đổi) tên cán bộ sử dụng phần mềm",
                    epilog="Tên này được ghi là người thao tác của mọi lần chuyển trạng thái "
                           "đề nghị, bảng điểm từ nay về sau; lịch sử ghi rõ là tên tự khai. "
                           "Chuỗi rỗng (\"\") xóa tên đã khai.")
    p.add_argument("officer_name", metavar="TÊN", help="họ và tên cán bộ (tự khai)")
    p.set_defaults(handler=cmd_installation_officer)

    p = add_command(sub, "demo", common=common,
                    help="tạo dữ liệu mẫu (đơn vị, cá nhân, khen thưởng…) để dùng thử")
    p.add_argument("--scale", choices=("small", "province"), default="small",
                   help="quy mô: small (nhỏ, vài giây) hoặc province (cả tỉnh, vài phút); "
                        "mặc định small")
    p.add_argument("--seed", type=int, default=2026, metavar="SỐ",
                   help="hạt giống ngẫu nhiên (cùng số cho cùng dữ liệu); mặc định 2026")
    p.set_defaults(handler=cmd_demo)

    p = add_command(sub, "verify", common=common,
                    help="kiểm tra tính toàn vẹn của cơ sở dữ liệu và các tệp đính kèm")
    p.add_argument("--rebuild-search", action="store_true",
                   help="dựng lại chỉ mục tìm kiếm trước khi kiểm tra")
    p.set_defaults(handler=cmd_verify)

    p = add_command(sub, "backup", common=common,
                    help="sao lưu dữ liệu, tệp đính kèm và mẫu văn bản ra một tệp .tdkt-backup")
    p.add_argument("--to", metavar="ĐƯỜNG_DẪN",
                   help="tệp hoặc thư mục đích; mặc định là thư mục sao lưu của phần mềm")
    p.add_argument("--list", action="store_true", help="liệt kê các bản sao lưu đã có")
    p.set_defaults(handler=cmd_backup)

    p = add_command(sub, "restore", common=common,
                    help="khôi phục cơ sở dữ liệu từ một tệp sao lưu",
                    epilog="Dữ liệu hiện tại được sao lưu tự động trước khi bị thay thế.")
    p.add_argument("file", metavar="TỆP", help="tệp sao lưu (.tdkt-backup, hoặc .db cũ) cần khôi phục")
    p.add_argument("--yes", "-y", action="store_true",
                   help="không hỏi xác nhận (bắt buộc khi chạy không tương tác)")
    p.set_defaults(handler=cmd_restore)


OFFICER_HELP = ("họ và tên cán bộ sử dụng phần mềm (tự khai), được ghi là người thao tác khi "
                "chuyển trạng thái; đổi sau bằng “tdkt installation officer”")


# -- init -------------------------------------------------------------------------------------
def cmd_init(ctx: Context) -> int:
    from desktop.services.units import UnitInput

    args = ctx.args
    services = ctx.open(create=True, configured=False)
    info = services.setup.configure(
        UnitInput(args.office_name, args.office_code, args.office_kind),
        parent_office_name=args.parent_office_name, parent_office_code=args.parent_office_code,
        officer_name=args.officer_name)
    level = {lv.value: lv.label for lv in UnitLevel}.get(info.level, info.level)
    ctx.console.emit(
        {"database": ctx.db_target, "installation": dataclasses.asdict(info)},
        f"Đã thiết lập cơ sở dữ liệu cho “{info.office_name}” ({level.lower()}).\n"
        f"Tệp dữ liệu: {ctx.db_target}")
    return 0


# -- installation ---------------------------------------------------------------------------
def _installation_output(ctx: Context, info: Any, first: str) -> None:
    from desktop.api.installation import ACTOR_NOTE

    level = {lv.value: lv.label for lv in UnitLevel}.get(info.level, info.level)
    ctx.console.emit(
        {"database": ctx.db_target, "installation": dataclasses.asdict(info),
         "actor_name": info.actor_name, "actor_self_declared": True},
        f"{first}Cơ quan: {info.office_name} ({level.lower()})\n"
        f"Cán bộ sử dụng (tự khai): {info.officer_name or '(chưa khai báo)'}\n"
        f"Tên ghi khi chuyển trạng thái: {info.actor_name}\n\n{ACTOR_NOTE}")


def cmd_installation_show(ctx: Context) -> int:
    info = ctx.open().db.installation
    _installation_output(ctx, info, "")
    return 0


def cmd_installation_officer(ctx: Context) -> int:
    info = ctx.open().setup.set_officer_name(ctx.args.officer_name)
    _installation_output(ctx, info, "Đã khai báo tên cán bộ sử dụng phần mềm.\n" if
                         info.officer_name else "Đã xóa tên cán bộ đã khai.\n")
    return 0


# -- demo -------------------------------------------------------------------------------------
class ProgressPrinter:
    """One updating line on a terminal; an occasional plain line when stderr is redirected."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.interval = 0.1 if self.tty else 5.0
        self.last = 0.0
        self.width = 0  # of the line on screen, blanked with spaces (no ANSI codes on Windows)

    def __call__(self, done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if now - self.last < self.interval and done < total:
            return
        self.last = now
        percent = int(done * 100 / total) if total > 0 else 0
        text = f"{percent:3d}% {label}"
        if self.tty:
            sys.stderr.write("\r" + text.ljust(self.width))
            self.width = max(self.width, len(text))
        else:
            sys.stderr.write(text + "\n")
        sys.stderr.flush()

    def finish(self) -> None:
        if self.tty and self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()


def cmd_demo(ctx: Context) -> int:
    from desktop.domain.progress import CancelToken
    from desktop.services.demo import build_demo

    services = ctx.open(create=True, configured=False)
    progress = ProgressPrinter()
    try:
        summary = build_demo(services.db, ctx.args.scale, seed=ctx.args.seed, progress=progress,
                             cancel=CancelToken())
    finally:
        progress.finish()
    counts: dict[str, Any] = {f.name: getattr(summary, f.name)
                              for f in dataclasses.fields(summary)}
    rows = []
    for name, value in counts.items():
        label = DEMO_LABELS.get(name, name)
        shown = f"{value:.1f}".replace(".", ",") if isinstance(value, float) else (
            fmt_int(value) if isinstance(value, int) else str(value))
        rows.append((label, shown))
    ctx.console.emit(
        {"database": ctx.db_target, "scale": ctx.args.scale, "seed": ctx.args.seed, **counts},
        f"Đã tạo dữ liệu mẫu (quy mô {ctx.args.scale}) trong {ctx.db_target}\n\n"
        + table(("Loại dữ liệu", "Số lượng"), rows, right=(1,)))
    return 0


# -- verify -----------------------------------------------------------------------------------
def _checks_output(results: list[Any]) -> tuple[list[dict[str, Any]], str]:
    data = [{"name": r.name, "label": CHECK_LABELS.get(r.name, r.name), "ok": r.ok,
             "message": r.message} for r in results]
    human = table(("Kiểm tra", "Kết quả", "Chi tiết"),
                  [(d["label"], "đạt" if d["ok"] else "KHÔNG ĐẠT", d["message"]) for d in data])
    return data, human


VERDICT_OK = "Cơ sở dữ liệu đạt mọi kiểm tra."
VERDICT_DAMAGED = "Tệp dữ liệu BỊ HỎNG; hãy khôi phục từ bản sao lưu gần nhất."
VERDICT_PROBLEMS = ("Có mục KHÔNG ĐẠT (xem chi tiết và cách xử lý). Tệp dữ liệu không bị hỏng: "
                    "KHÔNG cần khôi phục từ bản sao lưu.")


def verdict(results: list[Any]) -> str:
    from desktop.api.maintenance import is_damaged

    if all(r.ok for r in results):
        return VERDICT_OK
    return VERDICT_DAMAGED if is_damaged(results) else VERDICT_PROBLEMS


def cmd_verify(ctx: Context) -> int:
    from desktop.services.maintenance import rebuild_search_index, verify_database

    services = ctx.open(configured=False)
    if ctx.args.rebuild_search:
        rebuild_search_index(services.db)
    results = verify_database(services.db, ctx.paths.attachments, ctx.paths.backups)
    ok = all(r.ok for r in results)
    data, human = _checks_output(results)
    advice = "\n".join(f"- {CHECK_LABELS.get(r.name, r.name)}: {r.advice}"
                       for r in results if not r.ok and r.advice)
    ctx.console.emit({"database": ctx.db_target, "ok": ok, "damaged": verdict(results)
                      == VERDICT_DAMAGED, "checks": data},
                     f"{human}\n\n{verdict(results)}" + (f"\n{advice}" if advice else ""))
    return 0 if ok else 1


# -- backup / restore -------------------------------------------------------------------------
def _counts_text(counts: dict[str, int]) -> str:
    labels = {"units": "đơn vị", "people": "cá nhân", "attachments": "tệp đính kèm",
              "templates": "mẫu văn bản"}
    return ", ".join(f"{fmt_int(counts[k])} {v}" for k, v in labels.items() if k in counts)


def cmd_backup(ctx: Context) -> int:
    from desktop.services.backups import list_backups
    from desktop.services.maintenance import backup_database

    if ctx.args.list:
        found = list_backups(ctx.paths.backups)
        ctx.console.emit(
            {"backups": [{"path": str(b.path), "created": b.created.isoformat(), "kind": b.kind,
                          "size_bytes": b.size, "revision": b.revision, "counts": b.counts}
                         for b in found]},
            table(("Thời điểm", "Loại", "Dung lượng", "Nội dung", "Tệp"),
                  [(f"{b.created:%d/%m/%Y %H:%M}", b.kind, f"{fmt_int(b.size // 1024)} KB",
                    _counts_text(b.counts), b.path.name) for b in found])
            if found else "Chưa có bản sao lưu nào.")
        return 0
    services = ctx.open(configured=False)
    target = Path(ctx.args.to).expanduser() if ctx.args.to else None
    info = backup_database(services.db, ctx.paths, target)
    warning = (f"\nCảnh báo: thiếu {len(info.missing_attachments)} tệp đính kèm trong thư mục "
               f"dữ liệu; bản sao lưu không có các tệp này." if info.missing_attachments else "")
    ctx.console.emit({"database": ctx.db_target, "backup": str(info.path),
                      "size_bytes": info.size, "counts": info.counts,
                      "missing_attachments": list(info.missing_attachments)},
                     f"Đã sao lưu vào: {info.path}\n"
                     f"Nội dung: {_counts_text(info.counts)} (đã kiểm tra lại sau khi ghi)"
                     + warning)
    return 0
def _confirmed(ctx: Context, source: Path) -> bool | None:
    """True to go on, False if the user said no, None when nobody can be asked."""
    if ctx.args.yes:
        return True
    if not sys.stdin.isatty():
        return None
    ctx.console.err(f"Toàn bộ dữ liệu hiện tại trong {ctx.db_path} sẽ được thay bằng dữ liệu "
                    f"của tệp {source}.\n(Dữ liệu hiện tại được sao lưu tự động trước.)")
    sys.stderr.write("Tiếp tục khôi phục? [c/K] ")  # stderr: stdout stays the result only
    sys.stderr.flush()
    answer = sys.stdin.readline()  # "" at end of input counts as no
    return answer.strip().casefold() in ("c", "có", "co", "y", "yes")


def cmd_restore(ctx: Context) -> int:
    from desktop.services import Services
    from desktop.services.maintenance import (
        check_backup_file,
        restore_database,
        verify_database,
    )

    source = Path(ctx.args.file).expanduser().resolve()
    db_path = ctx.db_path
    if source == db_path:
        raise ConflictError("Tệp sao lưu chính là cơ sở dữ liệu đang dùng; hãy chọn tệp khác.")
    check_backup_file(source, ctx.paths.backups)  # refuse a bad file before asking anything
    answer = _confirmed(ctx, source)
    if answer is None:
        ctx.console.err("Lỗi: khôi phục sẽ thay toàn bộ dữ liệu hiện tại; khi chạy không tương "
                        "tác hãy thêm --yes để xác nhận.")
        return 2
    if not answer:
        ctx.console.err("Đã hủy, dữ liệu không thay đổi.")
        return 1
    ctx.close()  # restore writes the file itself; no engine of ours may stay open
    db_path.parent.mkdir(parents=True, exist_ok=True)
    result = restore_database(db_path, source, ctx.paths)
    safety = result.safety_copy
    reopened = Services.open(db_path, ctx.paths, create=False)
    try:
        results = verify_database(reopened.db, ctx.paths.attachments, ctx.paths.backups)
    finally:
        reopened.close()
    ok = all(r.ok for r in results)
    data, human = _checks_output(results)
    ctx.console.emit(
        {"database": str(db_path), "restored_from": str(source),
         "previous_data_backup": str(safety) if safety else None, "ok": ok,
         "attachments_restored": result.attachments_restored,
         "templates_restored": result.templates_restored, "checks": data},
        f"Đã khôi phục {db_path} từ {source}.\n"
        + (f"Dữ liệu trước khi khôi phục được giữ tại: {safety}\n" if safety else "")
        + "\n" + human)
    return 0 if ok else 1
