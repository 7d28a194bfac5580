"""Attachment files stored by content hash under the data folder: the original may move or
vanish, the same file attached twice is stored once, and nothing is half-written."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from desktop.domain.errors import ValidationError
from desktop.paths import make_private

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


def store_file(source: Path, store: Path) -> tuple[str, int]:
    """Copy ``source`` into ``store/ab/abcdef…`` and return (sha256, size)."""
    if not source.is_file():
        raise ValidationError.single("file", "Tệp đính kèm", f"không tìm thấy tệp {source}")
    size = source.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError.single("file", "Tệp đính kèm",
                                     f"tệp {source.name} nặng {size // 1_048_576} MB, tối đa 50 MB")
    digest = hashlib.sha256()
    store.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=store, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                digest.update(chunk)
                out.write(chunk)
        sha = digest.hexdigest()
        target = stored_path(store, sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            os.unlink(tmp_name)
        else:
            os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return sha, size


def stored_path(store: Path, sha256: str) -> Path:
    return store / sha256[:2] / sha256


def export_file(store: Path, sha256: str, target: Path) -> Path:
    source = stored_path(store, sha256)
    if not source.exists():
        raise ValidationError.single("file", "Tệp đính kèm",
                                     "tệp lưu trữ đã bị mất khỏi thư mục dữ liệu")
    shutil.copyfile(source, target)
    make_private(target)  # evidence holds personal data: owner-only, as every export
    return target
