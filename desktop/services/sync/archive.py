"""The package file as a ZIP: written entry by entry with a SHA-256 of each, and opened only
after every hostile shape a stranger's file can take has been ruled out (DESIGN §6)."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from desktop.domain.diskerrors import os_error_reason
from desktop.domain.errors import ValidationError

MANIFEST = "manifest.json"
SIGNATURE = "signature.json"
DATA_PREFIX = "data/"
FILES_PREFIX = "files/"

# Limits a genuine package stays far below (30,000 nominations ≈ 60 MB of JSON Lines).
MAX_PACKAGE_BYTES = 4 * 1024**3
MAX_ENTRIES = 200_000
MAX_MANIFEST_BYTES = 8 * 1024**2
MAX_ENTRY_BYTES = 2 * 1024**3
MAX_TOTAL_BYTES = 8 * 1024**3
MAX_RATIO = 200          # uncompressed / compressed, for entries over RATIO_FLOOR
RATIO_FLOOR = 1024**2
_CHUNK = 1 << 20


def refusal(message: str) -> ValidationError:
    return ValidationError.single("package", "Gói dữ liệu", message)


@dataclass
class EntryDigest:
    name: str
    sha256: str
    size: int


class PackageWriter:
    """Streams entries into a new ZIP, hashing each as it is written."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self._zf = zf
        self.digests: dict[str, EntryDigest] = {}

    @contextmanager
    def entry(self, name: str, *, compress: bool = True) -> Iterator[_HashingWriter]:
        method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = method
        info.external_attr = (stat.S_IFREG | 0o600) << 16
        with self._zf.open(info, "w", force_zip64=True) as raw:
            writer = _HashingWriter(raw)
            yield writer
        self.digests[name] = EntryDigest(name, writer.digest.hexdigest(), writer.size)

    def write_bytes(self, name: str, data: bytes, *, compress: bool = True) -> None:
        with self.entry(name, compress=compress) as out:
            out.write(data)

    def copy_file(self, name: str, source: Path) -> None:
        with self.entry(name, compress=False) as out, source.open("rb") as src:
            for chunk in iter(lambda: src.read(_CHUNK), b""):
                out.write(chunk)


class _HashingWriter:
    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.digest.update(data)
        self.size += len(data)
        self._raw.write(data)


def _safe_name(name: str) -> str | None:
    """Why an entry name is refused, or None when it is a plain relative path."""
    if not name or "\\" in name or name.startswith("/") or "\x00" in name:
        return "đường dẫn tuyệt đối hoặc có ký tự lạ"
    if len(name) > 2 and name[1] == ":":
        return "đường dẫn có ổ đĩa"
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "đường dẫn có “..” hoặc thành phần rỗng"
    return None


def check_archive(zf: zipfile.ZipFile, path: Path) -> None:
    """Refuse links, traversal, duplicates, nested archives, absurd sizes and ratios."""
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise refusal(f"tệp {path.name} có {len(infos):,} mục, quá giới hạn {MAX_ENTRIES:,}")
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        problem = _safe_name(name)
        if problem:
            raise refusal(f"mục “{name[:80]}” bị từ chối: {problem}")
        if name in seen:
            raise refusal(f"mục “{name}” xuất hiện hai lần")
        seen.add(name)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode) or info.is_dir():
            raise refusal(f"mục “{name}” là liên kết hoặc thư mục, gói hợp lệ không có")
        if name.lower().endswith((".zip", ".tdkt", ".jar", ".7z", ".rar")):
            raise refusal(f"mục “{name}” là một tệp nén lồng bên trong")
        if not (name in (MANIFEST, SIGNATURE) or name.startswith((DATA_PREFIX, FILES_PREFIX))):
            raise refusal(f"mục “{name}” không thuộc cấu trúc gói")
        if info.file_size > MAX_ENTRY_BYTES:
            raise refusal(f"mục “{name}” khai báo {info.file_size:,} byte, quá lớn")
        if (info.file_size > RATIO_FLOOR
                and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise refusal(f"mục “{name}” nén với tỉ lệ bất thường (nghi là bom nén)")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise refusal("tổng dung lượng giải nén của gói quá lớn (nghi là bom nén)")
    for required in (MANIFEST, SIGNATURE):
        if required not in seen:
            raise refusal(f"thiếu mục {required}: đây không phải gói TĐKT hoặc gói bị hỏng")
    if zf.getinfo(MANIFEST).file_size > MAX_MANIFEST_BYTES:
        raise refusal("manifest.json quá lớn")


@contextmanager
def open_package(path: Path) -> Iterator[zipfile.ZipFile]:
    """The checked ZIP, or a Vietnamese refusal (never zipfile's English)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise refusal(f"không mở được tệp {path}: {os_error_reason(exc)}") from exc
    if size > MAX_PACKAGE_BYTES:
        raise refusal(f"tệp {path.name} nặng {size // 1024**2:,} MB, quá giới hạn")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise refusal(f"tệp {path.name} không phải gói dữ liệu TĐKT (.tdkt) hoặc đã hỏng") from exc
    with zf:
        check_archive(zf, path)
        yield zf


def read_small_json(zf: zipfile.ZipFile, name: str) -> tuple[dict[str, Any], bytes]:
    """A small JSON entry (manifest, signature) as an object and its exact bytes."""
    raw = read_limited(zf, name, MAX_MANIFEST_BYTES)
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise refusal(f"{name} không đọc được (không phải JSON UTF-8)") from exc
    if not isinstance(value, dict):
        raise refusal(f"{name} không đúng cấu trúc")
    return value, raw


def read_limited(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """Read at most ``limit`` bytes however large the header claims the entry is."""
    try:
        with zf.open(name) as src:
            data = src.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise refusal(f"mục {name} bị hỏng") from exc
    if len(data) > limit:
        raise refusal(f"mục {name} lớn hơn khai báo")
    return data


def entry_sha256(zf: zipfile.ZipFile, name: str, declared_size: int) -> str:
    """Hash an entry while reading it, stopping as soon as it outgrows what the manifest says."""
    digest = hashlib.sha256()
    seen = 0
    try:
        with zf.open(name) as src:
            for chunk in iter(lambda: src.read(_CHUNK), b""):
                seen += len(chunk)
                if seen > declared_size:
                    raise refusal(f"mục {name} lớn hơn kích thước ghi trong manifest")
                digest.update(chunk)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise refusal(f"mục {name} bị hỏng (không giải nén được)") from exc
    return digest.hexdigest()


def iter_lines(zf: zipfile.ZipFile, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) of a JSON Lines entry, streamed."""
    with zf.open(name) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        for number, line in enumerate(text, start=1):
            if line.strip():
                yield number, parse_line(name, number, line)


def parse_line(name: str, number: int, line: str) -> dict[str, Any]:
    """One line of entry ``name`` as a record, or the refusal that names it."""
    try:
        value = json.loads(line)
    except ValueError as exc:
        raise refusal(f"{name} dòng {number}: không đọc được") from exc
    if not isinstance(value, dict):
        raise refusal(f"{name} dòng {number}: không đúng cấu trúc")
    return value
