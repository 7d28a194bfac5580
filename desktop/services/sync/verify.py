"""Step one of an import: is this file a genuine, untampered package for us, from whom?
Nothing is read from the data entries before their hashes and the signature are checked."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.api.sync import PackageHeader, PackageKind, Recipient, TrustState
from desktop.models import SyncPackage, TrustedSender
from desktop.services.sync import keys
from desktop.services.sync.archive import (
    FILES_PREFIX,
    MANIFEST,
    SIGNATURE,
    entry_sha256,
    read_small_json,
    refusal,
)
from desktop.services.sync.documents import read_documents
from desktop.services.sync.exporter import FORMAT, FORMAT_VERSION


@dataclass(frozen=True)
class Me:
    installation_uuid: str
    office_name: str
    unit_code: str


def _text(block: Any, key: str) -> str:
    value = block.get(key, "") if isinstance(block, dict) else ""
    if not isinstance(value, str):
        raise refusal(f"manifest.json: trường “{key}” không hợp lệ")
    return value


def read_header(zf: zipfile.ZipFile, path: Path, s: Session, me: Me) -> PackageHeader:
    manifest, manifest_bytes = read_small_json(zf, MANIFEST)
    signature, _ = read_small_json(zf, SIGNATURE)
    if manifest.get("format") != FORMAT:
        raise refusal(f"{path.name} không phải gói dữ liệu TĐKT")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise refusal("manifest.json không ghi phiên bản định dạng hợp lệ")
    if version > FORMAT_VERSION:
        raise refusal(f"gói được tạo bằng phiên bản phần mềm mới hơn (định dạng {version}, "
                      f"phần mềm này đọc được đến {FORMAT_VERSION}); hãy cập nhật phần mềm "
                      "rồi nhập lại")
    sender = manifest.get("sender")
    public_key = _text(sender, "public_key")
    if (signature.get("algorithm") != "Ed25519" or signature.get("public_key") != public_key
            or not isinstance(signature.get("signature"), str)
            or not keys.verify(public_key, manifest_bytes, signature["signature"])):
        raise refusal("chữ ký của gói không hợp lệ: gói đã bị sửa sau khi ký hoặc bị hỏng; "
                      "hãy đề nghị đơn vị gửi xuất lại gói")
    documents = read_documents(manifest)
    _check_entries(zf, manifest, {f"{FILES_PREFIX}{d.sha256}": f"văn bản kèm theo “{d.title}” "
                                  f"({d.file_name}, mục" for d in documents})
    try:
        kind = PackageKind(str(manifest.get("kind")))
        created = datetime.fromisoformat(str(manifest.get("created_at")))
    except ValueError as exc:
        raise refusal("manifest.json: loại gói hoặc thời điểm tạo không hợp lệ") from exc
    package_uuid = _text(manifest, "package_uuid")
    counts = manifest.get("counts")
    if not isinstance(counts, dict) or not all(isinstance(v, int) for v in counts.values()):
        raise refusal("manifest.json: số lượng bản ghi không hợp lệ")
    recipient_block = manifest.get("recipient")
    recipient = Recipient(_text(recipient_block, "office_name"),
                          _text(recipient_block, "unit_code"),
                          _text(recipient_block, "installation_uuid"))
    sender_uuid = _text(sender, "installation_uuid")
    source = manifest.get("source")
    bloc = source.get("bloc") if isinstance(source, dict) else None
    movement = source.get("movement") if isinstance(source, dict) else None
    header = PackageHeader(
        path=path, package_uuid=package_uuid, kind=kind, format_version=version,
        created_at=created, sender_installation_uuid=sender_uuid,
        sender_office_name=_text(sender, "office_name"), sender_unit_code=_text(sender, "unit_code"),
        recipient=recipient, public_key=public_key, fingerprint=keys.fingerprint(public_key),
        counts={str(k): int(v) for k, v in counts.items()},
        trust=trust_state(s, sender_uuid, public_key, me),
        already_imported=s.scalar(select(SyncPackage.handled_at).where(
            SyncPackage.package_uuid == package_uuid, SyncPackage.direction == "received")),
        bloc_uuid=_text(bloc, "uuid") if isinstance(bloc, dict) else "",
        bloc_name=_text(bloc, "name") if isinstance(bloc, dict) else "",
        movement_name=_text(movement, "name") if isinstance(movement, dict) else "",
        documents=documents,
    )
    _check_recipient(header, me)
    if header.trust is TrustState.REVOKED:
        raise refusal(f"khóa của “{header.sender_office_name}” (mã nhận diện "
                      f"{header.fingerprint}) đã bị thu hồi; gói không được nhập")
    if header.trust is TrustState.OWN:
        raise refusal("gói này do chính đơn vị này tạo ra; chỉ nhập gói của đơn vị khác")
    return header


def _check_entries(zf: zipfile.ZipFile, manifest: dict[str, Any],
                   documents: dict[str, str] | None = None) -> None:
    """Every entry listed, present, of its size and hash. ``documents`` names the entries that
    are documents, so a refusal says which document (not only ``files/…``) was changed."""
    documents = documents or {}
    entries = manifest.get("entries")
    if not isinstance(entries, dict):
        raise refusal("manifest.json không liệt kê các mục của gói")
    present = {i.filename for i in zf.infolist()} - {MANIFEST, SIGNATURE}
    listed = set(entries)
    if present - listed:
        raise refusal(f"mục “{sorted(present - listed)[0]}” không có trong manifest "
                      "(gói đã bị thêm nội dung)")
    if listed - present:
        raise refusal(f"thiếu mục “{sorted(listed - present)[0]}” (gói không đầy đủ)")
    for name in sorted(listed):
        meta = entries[name]
        if (not isinstance(meta, dict) or not isinstance(meta.get("sha256"), str)
                or not isinstance(meta.get("size"), int)):
            raise refusal(f"manifest.json: mục “{name}” không hợp lệ")
        what = (f"{documents[name]} “{name[:18]}…”)" if name in documents
                else f"mục “{name}”")
        if zf.getinfo(name).file_size != meta["size"]:
            raise refusal(f"{what} đã bị sửa (kích thước không khớp manifest)")
        if entry_sha256(zf, name, meta["size"]) != meta["sha256"]:
            raise refusal(f"{what} đã bị sửa (mã băm SHA-256 không khớp manifest)")


def trust_state(s: Session, installation_uuid: str, public_key: str, me: Me) -> TrustState:
    if installation_uuid == me.installation_uuid:
        return TrustState.OWN
    rows = s.scalars(select(TrustedSender).where(
        TrustedSender.installation_uuid == installation_uuid)).all()
    same_key = [r for r in rows if r.public_key == public_key]
    if any(r.revoked_at is not None for r in same_key):
        return TrustState.REVOKED
    if same_key:
        return TrustState.TRUSTED
    if any(r.revoked_at is None for r in rows):
        return TrustState.CHANGED
    return TrustState.UNKNOWN


def _check_recipient(header: PackageHeader, me: Me) -> None:
    r = header.recipient
    if r.installation_uuid:
        ok = r.installation_uuid == me.installation_uuid
    elif r.unit_code:
        ok = bool(me.unit_code) and r.unit_code.casefold() == me.unit_code.casefold()
    else:
        ok = False
    if not ok:
        target = r.office_name or r.unit_code or "không rõ"
        raise refusal(f"gói này gửi cho “{target}”"
                      f"{f' (mã {r.unit_code})' if r.unit_code else ''}, không phải cho "
                      f"“{me.office_name}”; không nhập gói gửi nhầm nơi")
