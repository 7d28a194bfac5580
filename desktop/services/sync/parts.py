"""A package too big for one email, cut into parts of at most N MB that import only together.

Each part is a small ZIP of its own (``*.tdkt``, so it travels and is picked like any package):
``part.json`` says which package it belongs to, its number, how many parts there are, and the
SHA-256 and size of the whole; ``chunk.bin`` (stored) holds that stretch of the package's
bytes. Parts are not signed: the joined package is checked as any other (hashes, signature),
and the joined bytes must hash to what every part announced.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import ValidationError
from desktop.services.sync.archive import MAX_PACKAGE_BYTES, refusal

PART_ENTRY = "part.json"
CHUNK_ENTRY = "chunk.bin"
PART_FORMAT = 1
MIN_PART_BYTES = 1024**2  # 1 MB: smaller parts help nobody
_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True)
class PartInfo:
    path: Path
    package_uuid: str
    number: int  # 1-based
    count: int
    total_size: int
    total_sha256: str


def split(package: Path, max_bytes: int, package_uuid: str) -> list[Path]:
    """Cut ``package`` into parts ``<stem>.phan-1-cua-3.tdkt`` … beside it and remove it; a
    package that fits in one part is left as it is (and returned alone)."""
    max_bytes = max(max_bytes, MIN_PART_BYTES)
    size = package.stat().st_size
    if size <= max_bytes:
        return [package]
    chunk = max_bytes - 4096  # room for the part's own ZIP headers and part.json
    count = -(-size // chunk)
    digest = _sha256(package)
    parts: list[Path] = []
    try:
        with package.open("rb") as source:
            for number in range(1, count + 1):
                part = package.with_name(f"{package.stem}.phan-{number}-cua-{count}{package.suffix}")
                info = {"format": PART_FORMAT, "package_uuid": package_uuid, "part": number,
                        "parts": count, "size": size, "sha256": digest}
                tmp = part.with_name(f".{part.name}.tmp")
                with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as zf:
                    zf.writestr(PART_ENTRY, json.dumps(info))
                    zf.writestr(CHUNK_ENTRY, source.read(chunk))
                tmp.replace(part)
                parts.append(part)
    except BaseException:
        for part in parts:
            part.unlink(missing_ok=True)
        raise
    package.unlink()
    return parts


def part_info(path: Path) -> PartInfo | None:
    """What the part at ``path`` says of itself, or None when ``path`` is not a part (an
    ordinary package, or not a ZIP: the ordinary checks refuse it then)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = [i.filename for i in zf.infolist()]
            if names != [PART_ENTRY, CHUNK_ENTRY]:
                return None
            meta = zf.getinfo(PART_ENTRY)
            if meta.file_size > 4096:
                raise refusal(f"{path.name}: phần gói có phần mô tả quá lớn")
            info = json.loads(zf.read(PART_ENTRY))
    except (zipfile.BadZipFile, OSError):
        return None
    except ValueError as exc:
        raise refusal(f"{path.name}: phần mô tả của phần gói không đọc được") from exc
    try:
        number, count, size = int(info["part"]), int(info["parts"]), int(info["size"])
        package_uuid, digest = str(info["package_uuid"]), str(info["sha256"])
        if int(info["format"]) > PART_FORMAT:
            raise refusal(f"{path.name}: phần gói của phiên bản phần mềm mới hơn; hãy cập "
                          "nhật phần mềm")
    except (KeyError, TypeError, ValueError) as exc:
        raise refusal(f"{path.name}: phần mô tả của phần gói thiếu thông tin") from exc
    if not (1 <= number <= count <= 10_000 and 0 < size <= MAX_PACKAGE_BYTES
            and _UUID_RE.fullmatch(package_uuid) and re.fullmatch(r"[0-9a-f]{64}", digest)):
        raise refusal(f"{path.name}: phần mô tả của phần gói không hợp lệ")
    return PartInfo(path, package_uuid, number, count, size, digest)


def assemble(first: PartInfo, candidates: Iterable[Path], target: Path) -> Path:
    """Join every part of ``first``'s package, found among ``candidates`` (and the files
    beside ``first``), into ``target``; refused, naming the missing parts, unless all are
    there, and refused when the joined bytes are not the package the parts announced."""
    found: dict[int, PartInfo] = {first.number: first}
    pool = {p.resolve() for p in candidates} | {
        p.resolve() for p in first.path.parent.glob(f"*{first.path.suffix}")}
    for path in sorted(pool):
        if path == first.path.resolve() or not path.is_file():
            continue
        try:
            info = part_info(path)
        except ValidationError:  # a damaged file is not one of this package's parts
            continue
        if info is not None and info.package_uuid == first.package_uuid:
            if (info.count, info.total_size, info.total_sha256) != (
                    first.count, first.total_size, first.total_sha256):
                raise refusal(f"{path.name} và {first.path.name} ghi khác nhau về gói mà "
                              "chúng thuộc về")
            found.setdefault(info.number, info)
    missing = [n for n in range(1, first.count + 1) if n not in found]
    if missing:
        raise refusal(
            f"gói gồm {first.count} phần; còn thiếu phần {', '.join(map(str, missing))}. Hãy "
            "chép đủ các phần vào cùng một thư mục rồi nhập lại")
    digest = hashlib.sha256()
    written = 0
    with target.open("wb") as out:
        for number in range(1, first.count + 1):
            with zipfile.ZipFile(found[number].path) as zf, zf.open(CHUNK_ENTRY) as chunk:
                while block := chunk.read(1 << 20):
                    written += len(block)
                    if written > first.total_size:
                        raise refusal(f"phần {number} dài hơn gói mà các phần ghi")
                    digest.update(block)
                    out.write(block)
    if written != first.total_size or digest.hexdigest() != first.total_sha256:
        raise refusal("các phần ghép lại không đúng gói ban đầu (có phần bị hỏng hoặc sửa); "
                      "hãy xin bên gửi gửi lại")
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
