"""``tdkt package …`` and ``tdkt keys …``: sync packages from the command line, through the
same service as the "Đồng bộ" page."""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.context import Context, add_command, add_group
from desktop.cli.output import fmt_int, table
from desktop.domain.errors import ConflictError, DomainError, ValidationError

if TYPE_CHECKING:
    from desktop.api.sync import (
        ImportPreview,
        ImportReport,
        PackageDocument,
        PackageHeader,
        PreviewItem,
        Resolution,
    )


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = add_group(sub, "package", common=common,
                        help="gói dữ liệu: xuất gửi cấp trên/cấp dưới, xem, nhập, biên nhận")
    p = add_command(actions, "export", common=common,
                    help="xuất gói: hồ sơ đề nghị của một đợt gửi lên, quyết định gửi xuống, "
                         "hoặc khối thi đua (trưởng khối ↔ thành viên)",
                    epilog="Ví dụ:\n  tdkt package export --round 1 --out goi_len.tdkt\n"
                           "  tdkt package export --round 1 --since-receipt --out goi_bo_sung.tdkt\n"
                           "  tdkt package export --round 1 --attach to_trinh_da_ky.pdf --out goi_len.tdkt\n"
                           "  tdkt package export --decision 3 --to UUID_ĐƠN_VỊ --out xuong.tdkt\n"
                           "  tdkt package export --decision 3 --to UUID_ĐƠN_VỊ --attach "
                           "qd_da_ky.pdf --out xuong.tdkt\n"
                           "  tdkt package export --bloc 2 --to STC --out khoi_xuong.tdkt\n"
                           "  tdkt package export --bloc 2 --up --out bang_diem.tdkt\n"
                           "  tdkt package export --movement 4 --to XBL --out phong_trao.tdkt\n"
                           "Không có --nomination: gửi mọi đề nghị “Đã gửi” của đợt.\n"
                           "Gói gửi lên kèm tờ trình của đợt và biên bản các cuộc họp Hội đồng "
                           "đã kết thúc (tạo từ mẫu đang dùng; --no-documents: không kèm), và "
                           "các tệp --attach (bản chụp tờ trình đã ký…).\n"
                           "Gói gửi xuống kèm văn bản của từng quyết định (tạo từ mẫu quyết định "
                           "đang dùng; --no-documents: không kèm) và các tệp --attach (bản chụp "
                           "quyết định đã ký…).\n"
                           "--bloc với --to: trưởng khối gửi khối, tiêu chí, điểm khối chấm, kết "
                           "quả suy tôn cho một thành viên (mã cài đặt trong danh sách tin cậy, "
                           "hoặc mã đơn vị thành viên khi đơn vị đó chưa gửi gói nào); --bloc "
                           "với --up: thành viên gửi bảng tự chấm và minh chứng cho trưởng khối; "
                           "--movement với --to: gửi phong trào thi đua (chỉ thị, phụ lục chỉ "
                           "tiêu) và chỉ tiêu đã giao cho đơn vị nhận cùng các đơn vị trực thuộc.")
    p.add_argument("--round", type=int, metavar="ĐỢT", help="đợt có các đề nghị gửi lên")
    p.add_argument("--nomination", type=int, action="append", default=[], metavar="ID",
                   help="chỉ gửi đề nghị này (lặp lại được)")
    p.add_argument("--since-receipt", action="store_true",
                   help="chỉ những gì thay đổi từ gói đã được cấp trên gửi biên nhận")
    p.add_argument("--no-attachments", action="store_true", help="không kèm tệp đính kèm")
    p.add_argument("--no-documents", action="store_true",
                   help="với --round: không kèm tờ trình và biên bản họp Hội đồng; với "
                        "--decision: không kèm văn bản quyết định")
    p.add_argument("--attach", type=Path, action="append", default=[], metavar="TỆP",
                   help="với --round hoặc --decision: kèm tệp này (bản chụp tờ trình, quyết "
                        "định đã ký…; tối đa 50 MB; lặp lại được)")
    p.add_argument("--decision", type=int, action="append", default=[], metavar="ID",
                   help="quyết định đã ký gửi xuống (lặp lại được)")
    p.add_argument("--to", metavar="UUID", help="đơn vị nhận quyết định hoặc gói khối (mã cài "
                   "đặt, xem “tdkt keys list”; với --bloc cũng có thể là mã đơn vị thành viên)")
    p.add_argument("--bloc", type=int, metavar="ID",
                   help="khối, cụm thi đua (xem “tdkt bloc-list”): gửi xuống với --to, gửi lên "
                        "với --up")
    p.add_argument("--movement", type=int, metavar="ID",
                   help="phong trào thi đua (xem “tdkt movements list”) gửi xuống đơn vị --to "
                        "(mã cài đặt hoặc mã đơn vị)")
    p.add_argument("--up", action="store_true",
                   help="với --bloc: gửi bảng tự chấm của đơn vị này cho đơn vị trưởng khối")
    p.add_argument("--out", type=Path, metavar="TỆP", help="tệp gói sẽ ghi (.tdkt)")
    p.add_argument("--part-mb", type=int, metavar="MB",
                   help="chia gói thành các phần tối đa MB (giới hạn tệp đính kèm thư điện tử); "
                        "bên nhận cần đủ mọi phần")
    p.add_argument("--dry-run", action="store_true",
                   help="chỉ cho biết số bản ghi và dung lượng, không ghi tệp")
    p.set_defaults(handler=cmd_export)

    p = add_command(actions, "inspect", common=common,
                    help="kiểm tra một gói: chữ ký, toàn vẹn, đơn vị gửi, số bản ghi",
                    epilog="Ví dụ:\n  tdkt package inspect goi_len.tdkt")
    p.add_argument("file", type=Path, metavar="TỆP")
    p.set_defaults(handler=cmd_inspect)

    p = add_command(actions, "import", common=common,
                    help="nhập một hoặc nhiều gói (xem trước với --dry-run)",
                    epilog="Ví dụ:\n  tdkt package import goi_len.tdkt --round 2 --dry-run\n"
                           "  tdkt package import goi/*.tdkt --round 2\n"
                           "  tdkt package import goi.tdkt --round 2 "
                           "--resolve people:UUID=merge\n"
                           "Cách xử lý xung đột: keep_local, take_incoming, merge, create, skip.")
    p.add_argument("files", type=Path, nargs="+", metavar="TỆP",
                   help="các tệp gói (một gói chia phần: chỉ cần một phần, các phần khác ở "
                        "cùng thư mục)")
    p.add_argument("--round", type=int, metavar="ĐỢT", help="đợt nhận các đề nghị gửi lên")
    p.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì")
    p.add_argument("--resolve", action="append", default=[], metavar="LOẠI:UUID=CÁCH",
                   help="cách xử lý một xung đột (lặp lại được)")
    p.add_argument("--accept-defaults", action="store_true",
                   help="xử lý mọi xung đột còn lại theo cách đề xuất")
    p.add_argument("--receipt-dir", type=Path, metavar="THƯ_MỤC",
                   help="nơi ghi biên nhận (mặc định: cạnh tệp gói)")
    p.set_defaults(handler=cmd_import)

    p = add_command(actions, "receipt", common=common,
                    help="ghi lại biên nhận cho một gói đã nhập (khi biên nhận trước bị mất)",
                    epilog="Ví dụ:\n  tdkt package receipt goi_len.tdkt --out bien_nhan/")
    p.add_argument("file", type=Path, metavar="TỆP", help="gói đã nhập")
    p.add_argument("--out", type=Path, metavar="THƯ_MỤC",
                   help="nơi ghi biên nhận (mặc định: cạnh tệp gói)")
    p.set_defaults(handler=cmd_receipt)

    p = add_command(actions, "history", common=common, help="các gói đã gửi và đã nhận")
    p.set_defaults(handler=cmd_history)

    keys = add_group(sub, "keys", common=common,
                     help="khóa ký gói của đơn vị này và danh sách đơn vị tin cậy")
    p = add_command(keys, "show", common=common, help="mã nhận diện (đọc qua điện thoại)")
    p.set_defaults(handler=cmd_keys_show)
    p = add_command(keys, "list", common=common, help="các đơn vị tin cậy")
    p.set_defaults(handler=cmd_keys_list)
    p = add_command(keys, "trust", common=common,
                    help="tin cậy đơn vị gửi một gói, sau khi đối chiếu mã nhận diện",
                    epilog="Ví dụ:\n  tdkt keys trust goi_len.tdkt --fingerprint 7K3D-Q9TX-M2PA-H0RB")
    p.add_argument("file", type=Path, metavar="TỆP")
    p.add_argument("--fingerprint", required=True, metavar="MÃ",
                   help="mã nhận diện đơn vị gửi đọc cho bạn qua điện thoại")
    p.set_defaults(handler=cmd_keys_trust)
    p = add_command(keys, "revoke", common=common, help="thu hồi tin cậy một đơn vị")
    p.add_argument("trusted_id", type=int, metavar="ID")
    p.set_defaults(handler=cmd_keys_revoke)


def _resolutions(items: list[str]) -> dict[str, Any]:
    from desktop.api.sync import Resolution

    out: dict[str, Resolution] = {}
    for item in items:
        key, _, how = item.partition("=")
        chosen = next((r for r in Resolution if r.value == how.strip()), None)
        if ":" not in key or chosen is None:
            raise ValidationError.single(
                "resolve", "--resolve", f"“{item}” không đúng dạng LOẠI:UUID=CÁCH (CÁCH là "
                "keep_local, take_incoming, merge, create hoặc skip)")
        out[key.strip()] = chosen
    return out


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _bloc_export(services: Any, args: Any) -> tuple[Any, Any, Any]:
    """(plan, kind, write) of a bloc package: down to a member with --to, up with --up."""
    from desktop.api.sync import BlocDownSelection, BlocUpSelection, PackageKind

    include = not args.no_attachments
    if args.up == bool(args.to):
        raise ValidationError.single("bloc", "--bloc", "dùng --bloc với --to (trưởng khối gửi "
                                     "xuống một thành viên) hoặc với --up (thành viên gửi bảng "
                                     "điểm lên), một trong hai")
    if args.up:
        up = BlocUpSelection(args.bloc, include)
        return (services.sync.plan_bloc_up(up), PackageKind.UPWARD,
                lambda out: services.sync.export_bloc_up(up, out, part_mb=args.part_mb))
    to = args.to.strip()
    down = (BlocDownSelection(args.bloc, to.lower(), "", include) if _UUID.fullmatch(to)
            else BlocDownSelection(args.bloc, "", to, include))
    return (services.sync.plan_bloc_down(down), PackageKind.DOWNWARD,
            lambda out: services.sync.export_bloc_down(down, out, part_mb=args.part_mb))


def _movement_export(services: Any, args: Any) -> tuple[Any, Any, Any]:
    """(plan, kind, write) of a movement sent down to the office named by --to."""
    from desktop.api.sync import MovementDownSelection, PackageKind

    to = (args.to or "").strip()
    if not to:
        raise ValidationError.single("to", "--to", "chưa chọn đơn vị nhận phong trào (mã cài "
                                     "đặt trong “tdkt keys list” hoặc mã đơn vị)")
    down = (MovementDownSelection(args.movement, to.lower(), "") if _UUID.fullmatch(to)
            else MovementDownSelection(args.movement, "", to))
    return (services.sync.plan_movement_down(down), PackageKind.DOWNWARD,
            lambda out: services.sync.export_movement_down(down, out, part_mb=args.part_mb))


def cmd_export(ctx: Context) -> int:
    from desktop.api.sync import DownwardSelection, PackageKind, UpwardSelection

    args = ctx.args
    services = ctx.open()
    chosen = sum((args.round is not None, bool(args.decision), args.bloc is not None,
                  args.movement is not None))
    if chosen != 1:
        raise ValidationError.single("round", "Gói", "chọn --round (gửi lên), --decision "
                                     "(gửi xuống), --bloc (khối thi đua) hoặc --movement (phong "
                                     "trào thi đua), một trong bốn")
    if args.up and args.bloc is None:
        raise ValidationError.single("up", "--up", "--up chỉ dùng với --bloc")
    if (args.attach or args.no_documents) and args.round is None and not args.decision:
        raise ValidationError.single("attach", "--attach", "--attach và --no-documents chỉ "
                                     "dùng với --round (hồ sơ đề nghị gửi lên) hoặc --decision "
                                     "(quyết định gửi xuống)")
    bloc_write = None
    if args.bloc is not None:
        plan, kind, bloc_write = _bloc_export(services, args)
    elif args.movement is not None:
        plan, kind, bloc_write = _movement_export(services, args)
    elif args.round is not None:
        up = UpwardSelection(args.round, tuple(args.nomination), not args.no_attachments,
                             args.since_receipt, not args.no_documents, tuple(args.attach))
        plan = services.sync.plan_upward(up)
        kind = PackageKind.UPWARD
    else:
        if not args.to:
            raise ValidationError.single("to", "--to", "chưa chọn đơn vị nhận quyết định")
        down = DownwardSelection(tuple(args.decision), args.to, not args.no_documents,
                                 tuple(args.attach))
        plan = services.sync.plan_downward(down)
        kind = PackageKind.DOWNWARD
    size = plan.data_bytes + plan.attachment_bytes + plan.document_bytes
    data: dict[str, Any] = {"kind": kind.value, "recipient": plan.recipient.office_name,
                            "recipient_installation_uuid": plan.recipient.installation_uuid,
                            "counts": plan.counts, "estimated_bytes": size,
                            "attachments": plan.attachment_count,
                            "documents": [_document_dict(d) for d in plan.documents],
                            "warnings": list(plan.warnings)}
    what = ("Phong trào thi đua gửi xuống" if args.movement is not None
            else kind.label if args.bloc is None else (
                "Bảng điểm khối thi đua gửi lên" if kind is PackageKind.UPWARD
                else "Khối thi đua gửi xuống"))
    summary = (f"{what} cho “{plan.recipient.office_name or plan.recipient.unit_code}”: "
               f"{fmt_int(plan.total)} bản ghi, {fmt_int(plan.attachment_count)} tệp đính kèm, "
               f"khoảng {_size(size)}.")
    if plan.documents or plan.warnings:
        summary += "\n" + _documents_text(plan.documents)
    for warning in plan.warnings:
        summary += f"\nLưu ý: {warning}"
    if args.dry_run:
        ctx.console.emit(data, summary + "\n" + _counts_table(plan.counts))
        return 0
    out = args.out or Path.cwd() / services.sync.default_file_name(kind)
    if bloc_write is not None:
        result = bloc_write(out)
    elif kind is PackageKind.UPWARD:
        result = services.sync.export_upward(up, out, part_mb=args.part_mb)
    else:
        result = services.sync.export_downward(down, out, part_mb=args.part_mb)
    data.update(path=str(result.path), package_uuid=result.package_uuid, size=result.size,
                parts=[str(p) for p in result.parts])
    written = (f"Đã ghi {result.path} ({_size(result.size)})." if not result.parts else
               f"Gói {_size(result.size)} đã chia thành {len(result.parts)} phần (bên nhận cần "
               "đủ mọi phần):\n" + "\n".join(f"  {p} ({_size(p.stat().st_size)})"
                                              for p in result.parts))
    ctx.console.emit(data, f"{summary}\n{written}\n"
                           f"Mã nhận diện của đơn vị này: {services.sync.key_info().fingerprint}")
    return 0


def _size(n: int) -> str:
    return f"{n / 1024**2:.1f} MB".replace(".", ",") if n >= 1024**2 else f"{max(n // 1024, 1)} KB"


def _counts_table(counts: dict[str, int]) -> str:
    from desktop.services.sync.entities import BY_NAME

    return table(("Loại bản ghi", "Số lượng"),
                 [(BY_NAME[k].label if k in BY_NAME else k, fmt_int(v)) for k, v in counts.items()],
                 right=(1,))


def _document_dict(d: PackageDocument) -> dict[str, Any]:
    return {"title": d.title, "file_name": d.file_name, "size": d.size, "sha256": d.sha256}


def _documents_text(documents: Sequence[PackageDocument]) -> str:
    if not documents:
        return "Văn bản kèm theo: không có."
    return "Văn bản kèm theo:\n" + "\n".join(
        f"  {d.title} — {d.file_name} ({_size(d.size)})" for d in documents)


def _header_dict(h: PackageHeader) -> dict[str, Any]:
    return {"package_uuid": h.package_uuid, "kind": h.kind.value, "created_at": h.created_at,
            "sender": {"office_name": h.sender_office_name, "unit_code": h.sender_unit_code,
                       "installation_uuid": h.sender_installation_uuid,
                       "fingerprint": h.fingerprint},
            "recipient": h.recipient.office_name, "counts": h.counts, "trust": h.trust.value,
            "already_imported": h.already_imported,
            "bloc": {"uuid": h.bloc_uuid, "name": h.bloc_name} if h.bloc_uuid else None,
            "movement": h.movement_name or None,
            "documents": [_document_dict(d) for d in h.documents]}


def _header_text(h: PackageHeader) -> str:
    return (f"Gói: {h.title}, tạo lúc {h.created_at:%H:%M ngày %d/%m/%Y}\n"
            f"Đơn vị gửi: {h.sender_office_name} (mã {h.sender_unit_code or '—'})\n"
            f"Mã nhận diện: {h.fingerprint} — {h.trust.label}\n"
            f"Gửi cho: {h.recipient.office_name or h.recipient.unit_code}\n"
            + (f"Đã nhập lúc {h.already_imported:%H:%M ngày %d/%m/%Y}.\n"
               if h.already_imported else "")
            + _counts_table(h.counts)
            + (f"\n{_documents_text(h.documents)}" if h.documents else ""))


def cmd_inspect(ctx: Context) -> int:
    header = ctx.open().sync.inspect(ctx.args.file)
    ctx.console.emit(_header_dict(header), "Chữ ký và toàn vẹn: hợp lệ.\n" + _header_text(header))
    return 0


def _preview_text(result: ImportPreview | ImportReport) -> str:
    """The counts per record type and action, then the records that have a reason."""
    from desktop.api.sync import Action

    if not result.counts:
        return ""
    rows = [(_label(entity),
             *(fmt_int(c.get(a, 0)) for a in Action)) for entity, c in result.counts.items()]
    text = table(("Loại bản ghi", *(a.label for a in Action)), rows, right=(1, 2, 3, 4, 5))
    details = _details(result.items)
    return text + ("\n" + details if details else "")


def _details(items: Sequence[PreviewItem]) -> str:
    """A line per record with a reason (the first 200), with how to resolve a conflict."""
    return "\n".join([f"  [{i.action.label}] {i.entity_label}: {i.label} — {i.reason}"
                      + (f" (có thể trùng: {i.match_label})" if i.match_label else "")
                      + (f"\n      cách xử lý: --resolve {i.entity}:{i.uuid}="
                         f"{'|'.join(o.value for o in i.options)}" if i.options else "")
                      for i in items if i.reason][:200])


def _label(entity: str) -> str:
    from desktop.services.sync.entities import BY_NAME

    return BY_NAME[entity].label if entity in BY_NAME else entity


def cmd_import(ctx: Context) -> int:
    """Each package in its own transaction; one refused package does not stop the others, and
    a summary over all of them ends the output (exit 1 when any was refused)."""
    args = ctx.args
    services = ctx.open()
    resolutions = _resolutions(args.resolve)
    results: list[dict[str, Any]] = []
    texts: list[str] = []
    totals: dict[str, int] = {}
    refused = 0
    files = services.sync.package_files(args.files)
    for path in files:
        try:
            entry, text = _import_one(services, path, args, resolutions, totals)
        except DomainError as exc:
            refused += 1
            entry, text = {"file": str(path), "error": str(exc)}, f"== {path.name}\nBị từ chối."
            ctx.console.err(f"{path.name}: {exc}")
        results.append(entry)
        texts.append(text)
    summary = _overall(len(files), refused, results, totals, args.dry_run)
    ctx.console.emit({"packages": results, "dry_run": args.dry_run, "refused": refused,
                      "totals": totals}, "\n\n".join([*texts, summary]))
    return 1 if refused else 0


def _import_one(services: Any, path: Path, args: Any, resolutions: dict[str, Resolution],
                totals: dict[str, int]) -> tuple[dict[str, Any], str]:
    """A dry run previews; an import plans and applies in one pass (a preview first would
    read and plan the whole package twice) and tells what it did."""
    from desktop.api.sync import ImportReport, OpenConflictsError

    if args.dry_run:
        result: ImportPreview | ImportReport = services.sync.preview(
            path, args.round, resolutions, parts=args.files, accept_defaults=args.accept_defaults)
    else:
        try:
            result = services.sync.import_package(path, args.round, resolutions,
                                                  args.receipt_dir, parts=args.files,
                                                  accept_defaults=args.accept_defaults)
        except OpenConflictsError as exc:  # which are still open, and how to resolve each
            raise ConflictError(
                f"Còn {len(exc.items)} xung đột chưa giải quyết; chọn cách xử lý từng xung đột "
                "bằng --resolve (hoặc --accept-defaults để theo cách đề xuất), rồi nhập lại:\n"
                + _details(exc.items)) from exc
    entry: dict[str, Any] = {"file": str(path), "package": _header_dict(result.header),
                             "counts": {e: {a.value: n for a, n in c.items()}
                                        for e, c in result.counts.items()},
                             "items": [{"entity": i.entity, "uuid": i.uuid, "label": i.label,
                                        "action": i.action.value, "reason": i.reason,
                                        "options": [o.value for o in i.options]}
                                       for i in result.items]}
    text = f"== {path.name}\n{_header_text(result.header)}\n{_preview_text(result)}"
    if isinstance(result, ImportReport):  # (a dry run's preview is not)
        entry.update(applied=result.applied, message=result.message,
                     backup=str(result.backup_path or ""), receipt=str(result.receipt_path or ""))
        text += f"\n{result.message}"
        if result.receipt_path:
            text += f"\nBiên nhận gửi lại đơn vị gửi: {result.receipt_path}"
    for per_action in result.counts.values():
        for action, n in per_action.items():
            totals[action.value] = totals.get(action.value, 0) + n
    return entry, text


def _overall(packages: int, refused: int, results: list[dict[str, Any]],
             totals: dict[str, int], dry_run: bool) -> str:
    from desktop.api.sync import Action

    applied = sum(1 for r in results if r.get("applied"))
    records = ", ".join(f"{a.label.lower()} {fmt_int(totals[a.value])}" for a in Action
                        if totals.get(a.value))
    head = (f"TỔNG CỘNG {fmt_int(packages)} gói: " + (
        f"xem trước {fmt_int(packages - refused)}" if dry_run else
        f"đã nhập {fmt_int(applied)}, không có gì mới "
        f"{fmt_int(packages - refused - applied)}") + f", bị từ chối {fmt_int(refused)}.")
    return head + (f"\nBản ghi: {records}." if records else "")


def cmd_receipt(ctx: Context) -> int:
    path = ctx.open().sync.receipt_again(ctx.args.file, ctx.args.out)
    ctx.console.emit({"receipt": str(path)}, f"Đã ghi biên nhận {path}")
    return 0


def cmd_history(ctx: Context) -> int:
    rows = ctx.open().sync.history()
    data = [{"package_uuid": r.package_uuid, "direction": r.direction, "kind": r.kind.value,
             "peer": r.peer_office_name, "created_at": r.created_at, "handled_at": r.handled_at,
             "counts": r.counts, "acknowledged_at": r.acknowledged_at} for r in rows]
    body = table(("Hướng", "Loại", "Đơn vị", "Lúc", "Biên nhận"),
                 [("Gửi đi" if r.direction == "sent" else "Nhận về", r.kind.label,
                   r.peer_office_name, f"{r.handled_at:%d/%m/%Y %H:%M}",
                   f"{r.acknowledged_at:%d/%m/%Y}" if r.acknowledged_at else "")
                  for r in rows]) if rows else "Chưa gửi hoặc nhận gói nào."
    ctx.console.emit(data, body)
    return 0


def cmd_keys_show(ctx: Context) -> int:
    info = ctx.open().sync.key_info()
    ctx.console.emit({"installation_uuid": info.installation_uuid, "office_name": info.office_name,
                      "fingerprint": info.fingerprint, "public_key": info.public_key},
                     f"{info.office_name}\nMã nhận diện: {info.fingerprint}\n"
                     f"Mã cài đặt: {info.installation_uuid}")
    return 0


def cmd_keys_list(ctx: Context) -> int:
    rows = ctx.open().sync.trusted_senders()
    data = [{"id": r.id, "office_name": r.office_name, "unit_code": r.unit_code,
             "installation_uuid": r.installation_uuid, "fingerprint": r.fingerprint,
             "trusted_at": r.trusted_at, "revoked_at": r.revoked_at} for r in rows]
    body = table(("ID", "Đơn vị", "Mã nhận diện", "Mã cài đặt", "Trạng thái"),
                 [(str(r.id), r.office_name, r.fingerprint, r.installation_uuid,
                   "đã thu hồi" if r.revoked_at else "tin cậy") for r in rows],
                 right=(0,)) if rows else "Chưa tin cậy đơn vị nào."
    ctx.console.emit(data, body)
    return 0


def cmd_keys_trust(ctx: Context) -> int:
    services = ctx.open()
    header = services.sync.inspect(ctx.args.file)
    row = services.sync.trust(header, ctx.args.fingerprint)
    ctx.console.emit({"id": row.id, "office_name": row.office_name,
                      "fingerprint": row.fingerprint},
                     f"Đã tin cậy “{row.office_name}” (mã nhận diện {row.fingerprint}).")
    return 0


def cmd_keys_revoke(ctx: Context) -> int:
    row = ctx.open().sync.revoke(ctx.args.trusted_id)
    ctx.console.emit({"id": row.id, "revoked_at": row.revoked_at},
                     f"Đã thu hồi tin cậy “{row.office_name}” ({row.fingerprint}).")
    return 0
