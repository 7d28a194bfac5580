"""``tdkt``: the headless command line over the same services the windows use (DESIGN §8).

Never imports Qt, nor the database layer directly; services are imported only by the command
that needs them, so ``tdkt --help`` answers at once.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from desktop import __version__
from desktop.cli import (
    commands_admin,
    commands_blocs,
    commands_check,
    commands_council,
    commands_data,
    commands_documents,
    commands_excel,
    commands_movements,
    commands_records,
    commands_reports,
    commands_rounds,
    commands_sync,
    commands_unit_year,
)
from desktop.cli.argparse_vi import HelpFormatter, ViArgumentParser, vietnamese_argparse
from desktop.cli.context import Context
from desktop.cli.output import Console, to_json, use_utf8_streams
from desktop.domain.busy import on_busy_wait, waiting_message
from desktop.domain.diskerrors import os_error_message, os_error_reason
from desktop.domain.errors import (
    Cancelled,
    DataFolderError,
    DomainError,
    ValidationError,
    storage_error_for,
)
from desktop.paths import HOME_ENV, app_paths

log = logging.getLogger("desktop.cli")

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug; the traceback is in the log file
EXIT_CANCELLED = 130

EPILOG = f"""\
Tóm tắt các lệnh và thao tác:
  init                 tạo cơ sở dữ liệu và thiết lập cơ quan dùng phần mềm
  installation show|officer
                       cơ quan dùng phần mềm; khai báo tên cán bộ sử dụng (tự khai)
  demo                 tạo dữ liệu mẫu (--scale small|province)
  verify               kiểm tra tính toàn vẹn của cơ sở dữ liệu
  backup               sao lưu cơ sở dữ liệu (--to ĐƯỜNG_DẪN)
  restore              khôi phục từ tệp sao lưu (--yes khi chạy không tương tác)
  units list|search|add
                       đơn vị: xem cây (hoặc --all), tìm theo tên/mã, thêm
  people list|search|add
                       cá nhân: danh sách phân trang, tìm không dấu, thêm
  catalog list|salary  danh hiệu, hình thức khen thưởng, hệ số; mức lương cơ sở theo ngày
  rounds list|add|show đợt xét khen thưởng
  nominations list|add|move|history
                       đề nghị khen thưởng: danh sách, thêm, chuyển trạng thái, lịch sử
  check                kiểm tra điều kiện khen thưởng (giải thích từng điều kiện, căn cứ)
  votes meeting|list|record|results|close
                       họp Hội đồng TĐKT: cuộc họp, số phiếu, kết quả
  decisions create|list|show|sign
                       quyết định khen thưởng: lập, xem tiền thưởng, ký
  demo-round           tạo đợt xét mẫu trên dữ liệu mẫu (--size N)
  templates            các mẫu văn bản Word và trường của từng mẫu
  template-check       kiểm tra mẫu văn bản (trường sai tên, thẻ bị tách, dấu nháy cong…)
  render               tạo văn bản Word (và PDF) từ mẫu: tờ trình, quyết định, biên bản…
  bloc-list            các khối, cụm thi đua
  bloc-rank            xếp hạng đơn vị trong khối, cụm (bằng điểm: ưu tiên tập thể ≥70% nữ)
  bloc-template        tệp Excel mẫu bảng tiêu chí hoặc chấm điểm (có trang Hướng dẫn)
  bloc-import-criteria nhập bảng tiêu chí từ Excel (kiểm tra từng dòng, lỗi thì không nhập gì)
  bloc-import-scores   nhập điểm tự chấm, điểm khối chấm từ Excel
  bloc-export          bảng tổng hợp điểm ra Excel sẵn để in
  bloc-propose         đề nghị Cờ thi đua, Bằng khen từ kết quả xếp hạng vào đợt xét
  movements list|add|edit|delete|rule
                       phong trào thi đua, chỉ thị phát động; quy định người đứng đầu
  targets list|add|edit|delete|assign
                       phụ lục chỉ tiêu của chỉ thị; giao chỉ tiêu cho đơn vị
  actuals list|set     số thực hiện chỉ tiêu của từng đơn vị theo năm
  bloc-create, bloc-members add
                       tạo khối, cụm thi đua; thêm đơn vị thành viên
  import               nhập danh sách từ Excel (người, đơn vị, xếp loại…; --dry-run kiểm tra trước)
  export               xuất danh sách ra Excel (người, đơn vị, đề nghị, quyết định…)
  template             tệp Excel mẫu để nhập một danh sách (có trang Hướng dẫn)
  ratings list|set|delete|restore
                       xếp loại hằng năm của một cá nhân
  initiatives, positions list|add|edit|delete|restore
                       sáng kiến; chức vụ theo thời gian (người đứng đầu đơn vị)
  awards-history, disciplines list|add|delete|restore
                       khen thưởng đã có (công trạng, chuyên đề, đột xuất…); kỷ luật
  registrations list|set|clear
                       đăng ký thi đua của đơn vị và từng người theo năm
  grid show|paste      bảng xếp loại, đăng ký, kết quả LĐTT/CSTĐ của một đơn vị trong năm
  report KIND          báo cáo, thống kê: tổng hợp năm, biểu 0601–0605, quá trình khen thưởng,
                       báo cáo tự chọn (lọc, nhóm), báo cáo đã lưu; --out .xlsx/.docx

Xem chi tiết từng lệnh: tdkt LỆNH --help (ví dụ: tdkt people add --help).

Tùy chọn chung (--db, --home, --json) đặt trước hoặc sau tên lệnh đều được.
Thư mục dữ liệu: --home, hoặc biến môi trường {HOME_ENV}, hoặc thư mục người dùng của hệ điều hành.
Khi chương trình khác đang ghi dữ liệu, lệnh chờ tối đa 10 giây rồi báo lỗi (mã 1);
biến môi trường TDKT_BUSY_TIMEOUT_MS đổi thời gian chờ (mili giây).

Mã thoát:
  0    thành công
  1    dữ liệu nhập bị từ chối hoặc không thực hiện được (có thông báo lý do)
  2    dùng lệnh sai cú pháp (thiếu đối số, lệnh không tồn tại…)
  70   lỗi không mong muốn của phần mềm; chi tiết ghi trong tệp nhật ký
  130  người dùng hủy (Ctrl+C)
"""


def build_parser() -> argparse.ArgumentParser:
    common = ViArgumentParser(add_help=False)
    group = common.add_argument_group("tùy chọn chung")
    group.add_argument("--db", default=argparse.SUPPRESS, metavar="ĐƯỜNG_DẪN",
                       help="tệp cơ sở dữ liệu (mặc định: tdkt.db trong thư mục dữ liệu)")
    group.add_argument("--home", default=argparse.SUPPRESS, metavar="THƯ_MỤC",
                       help=f"thư mục dữ liệu của phần mềm (mặc định: ${HOME_ENV} nếu có)")
    group.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                       help="in kết quả dạng JSON cho máy đọc")

    parser = ViArgumentParser(
        prog="tdkt", parents=[common], add_help=False, formatter_class=HelpFormatter,
        description="TĐKT Desktop — công cụ dòng lệnh cho công tác thi đua, khen thưởng.",
        epilog=EPILOG)
    parser.add_argument("-h", "--help", action="help", help="hiện trợ giúp này rồi thoát")
    parser.add_argument("--version", action="version", version=f"tdkt {__version__}",
                        help="hiện số phiên bản rồi thoát")
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH",
                                title="các lệnh")
    commands_admin.register(sub, common)
    commands_data.register(sub, common)
    commands_rounds.register(sub, common)
    commands_check.register(sub, common)
    commands_council.register(sub, common)
    commands_documents.register(sub, common)
    commands_blocs.register(sub, common)
    commands_sync.register(sub, common)
    commands_excel.register(sub, common)
    commands_unit_year.register(sub, common)
    commands_records.register(sub, common)
    commands_movements.register(sub, common)
    commands_reports.register(sub, common)
    return parser


def _report_domain_error(console: Console, exc: DomainError) -> None:
    problems = exc.problems if isinstance(exc, ValidationError) else []
    message = "Dữ liệu nhập chưa hợp lệ." if problems else str(exc)
    console.err(f"Lỗi: {message}")
    for problem in problems:
        console.err(f"  - {problem.label}: {problem.message}")
    if console.json_mode:
        console.out(to_json({"error": message, "problems": [
            {"field": p.field, "label": p.label, "message": p.message} for p in problems]}))


def main(argv: list[str] | None = None) -> int:
    """Run one ``tdkt`` command; returns the exit code (see the --help epilog)."""
    use_utf8_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    ViArgumentParser.json_errors = "--json" in argv
    with vietnamese_argparse():
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version, usage errors
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE

    console = Console(json_mode=bool(getattr(args, "json", False)))
    try:
        paths = app_paths(getattr(args, "home", None)).ensure()
        from desktop import logging_setup

        log_file = logging_setup.configure(paths.logs)
    except DataFolderError as exc:  # names the folder and how to point elsewhere
        _report_domain_error(console, exc)
        return EXIT_REFUSED
    except OSError as exc:  # the log file itself (folder exists, file not writable)
        _report_domain_error(console, DataFolderError(str(exc.filename or ""),
                                                      os_error_reason(exc)))
        return EXIT_REFUSED
    db = getattr(args, "db", None)
    db_target = db if db and "://" in db else str(
        Path(db).expanduser().resolve() if db else paths.default_database)
    ctx = Context(args, console, paths, db_target, log_file)
    command = logging_setup.command_for_log(parser, argv, args)  # no values: names, CCCD…
    log.info("%s (db: %s)", command, logging_setup.database_for_log(db_target))
    try:
        # A write that finds the database held by another program says so while it waits.
        with on_busy_wait(lambda seconds: print(waiting_message(seconds), file=sys.stderr,
                                                flush=True)):
            return int(args.handler(ctx))
    except DomainError as exc:
        _report_domain_error(console, exc)
        return EXIT_REFUSED
    except (Cancelled, KeyboardInterrupt):
        console.err("Đã hủy theo yêu cầu.")
        return EXIT_CANCELLED
    except BrokenPipeError:  # output piped into a program that stopped reading (| head)
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:  # disk full, read-only medium, no permission: each its own words
        log.warning("File error in %s", command, exc_info=True)
        _report_domain_error(console, DomainError(os_error_message(exc)))
        return EXIT_REFUSED
    except Exception as exc:
        known = storage_error_for(exc)  # raw sqlite3 (backup, restore): busy/read-only/full
        if known is not None:
            log.warning("Storage refused in %s: %s", command, exc)
            _report_domain_error(console, known)
            return EXIT_REFUSED
        log.exception("Unexpected error in %s", command)
        # Only the kind of error: its text may quote SQL and the names or CCCD numbers in it,
        # and is English; the log file has the details for support.
        console.err(f"Lỗi không mong muốn của phần mềm ({type(exc).__name__}); chi tiết đã ghi "
                    f"vào nhật ký: {log_file}. Hãy gửi tệp nhật ký này cho bộ phận hỗ trợ.")
        return EXIT_INTERNAL
    finally:
        try:
            ctx.close()
        except Exception:
            log.exception("Closing the database failed")


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())
