"""Documents that travel with a package (manifest ``documents``): upward, the round's tờ trình
and the minutes of its council meetings; downward, the signed decisions — rendered from the
templates in use when the package is written — and any file the officer adds (the signed
scan). Each is an ordinary ``files/<sha256>`` entry, hashed and signed like the rest; the
manifest only names it.

An older reader ignores the ``documents`` key (and the extra ``files/`` entries it does not
reference), so the format stays version 1."""

from __future__ import annotations

import hashlib
import json
import re
import stat
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.api.decisions import decision_number
from desktop.api.documents import safe_filename
from desktop.api.sync import PackageDocument
from desktop.domain.diskerrors import os_error_reason
from desktop.domain.errors import DomainError, ValidationError
from desktop.models import CouncilMeeting, Decision, Round
from desktop.services.attachments import MAX_ATTACHMENT_BYTES
from desktop.services.sync.archive import FILES_PREFIX, refusal

if TYPE_CHECKING:
    from desktop.services.documents import DocumentService

MANIFEST_KEY = "documents"
SUMMARY_KEY = "_documents"  # in sync_packages.summary, beside the per-entity counts
MAX_DOCUMENTS = 200
MAX_NAME = 200
MAX_TITLE = 300
SUBMISSION = "to_trinh"
MINUTES = "bien_ban_hoi_dong"
DECISION = "quyet_dinh"
_HEX64 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class PreparedDocument:
    """A document ready to be written: where its bytes are now, and what the manifest says."""

    path: Path
    info: PackageDocument


def _control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")


def display_name(name: str) -> str:
    """``name`` as a file name safe to show and to write anywhere: no folders, no control
    characters, at most ``MAX_NAME`` characters with its extension kept."""
    base = re.split(r"[/\\]", name)[-1]
    base = "".join(" " if _control(ch) else ch for ch in base)
    stem, dot, suffix = base.rpartition(".")
    if not dot or not stem or len(suffix) > 10:
        stem, suffix = base, ""
    suffix = re.sub(r"[^0-9A-Za-z]", "", suffix)[:10]
    stem = safe_filename(stem, MAX_NAME - len(suffix) - 1)
    return f"{stem}.{suffix}" if suffix else stem


def name_problem(name: object) -> str | None:
    """Why a document's file name from a package is refused, or None."""
    if not isinstance(name, str) or not name.strip():
        return "tên tệp trống"
    if len(name) > MAX_NAME:
        return f"tên tệp dài hơn {MAX_NAME} ký tự"
    if "/" in name or "\\" in name or name.strip() in (".", ".."):
        return "tên tệp có đường dẫn thư mục"
    if any(_control(ch) for ch in name):
        return "tên tệp có ký tự điều khiển"
    if len(name) > 1 and name[1] == ":":
        return "tên tệp có ổ đĩa"
    return None


def read_documents(manifest: dict[str, Any]) -> tuple[PackageDocument, ...]:
    """The manifest's ``documents``, each checked against the entries it lists: a document
    is a listed ``files/<sha256>`` entry whose hash and size are the ones it states."""
    raw = manifest.get(MANIFEST_KEY)
    if raw is None:
        return ()
    entries = manifest.get("entries")
    if not isinstance(raw, list) or len(raw) > MAX_DOCUMENTS or not isinstance(entries, dict):
        raise refusal("manifest.json: danh sách văn bản kèm theo không hợp lệ")
    found: list[PackageDocument] = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise refusal(f"manifest.json: văn bản kèm theo thứ {number} không hợp lệ")
        title, name = item.get("title"), item.get("file_name")
        sha, size = item.get("sha256"), item.get("size")
        label = (f"“{title[:80]}”" if isinstance(title, str) and title.strip()
                 else f"thứ {number}")
        if (not isinstance(title, str) or len(title) > MAX_TITLE
                or any(_control(ch) for ch in title)):
            raise refusal(f"văn bản kèm theo {label}: tiêu đề không hợp lệ")
        problem = name_problem(name)
        if problem:
            shown = str(name)[:80] if isinstance(name, str) else ""
            raise refusal(f"văn bản kèm theo {label} (tệp “{shown}”) bị từ chối: {problem}")
        assert isinstance(name, str)
        if not isinstance(sha, str) or not _HEX64.fullmatch(sha):
            raise refusal(f"văn bản kèm theo {label} ({name}): mã băm SHA-256 không hợp lệ")
        entry = entries.get(f"{FILES_PREFIX}{sha}")
        if not isinstance(entry, dict):
            raise refusal(f"văn bản kèm theo {label} ({name}) không có trong gói (thiếu mục "
                          f"{FILES_PREFIX}{sha[:12]}…); gói không đầy đủ, hãy đề nghị đơn vị "
                          "gửi xuất lại gói")
        if entry.get("sha256") != sha:
            raise refusal(f"văn bản kèm theo {label} ({name}) đã bị sửa (mã băm SHA-256 không "
                          "khớp nội dung)")
        if not isinstance(size, int) or isinstance(size, bool) or size != entry.get("size"):
            raise refusal(f"văn bản kèm theo {label} ({name}) đã bị sửa (kích thước không "
                          "khớp)")
        found.append(PackageDocument(sha, name, title.strip(), size))
    return tuple(found)


def manifest_value(documents: Sequence[PackageDocument]) -> list[dict[str, Any]]:
    return [{"sha256": d.sha256, "file_name": d.file_name, "title": d.title, "size": d.size}
            for d in documents]


def summary_value(documents: Sequence[PackageDocument]) -> list[dict[str, Any]]:
    return [asdict(d) for d in documents]


def from_summary(summary: str | None) -> tuple[PackageDocument, ...]:
    """The documents a logged package carried (none for rows written before they existed)."""
    try:
        value = json.loads(summary or "{}")
    except ValueError:
        return ()
    rows = value.get(SUMMARY_KEY) if isinstance(value, dict) else None
    if not isinstance(rows, list):
        return ()
    out = []
    for row in rows:
        try:
            out.append(PackageDocument(str(row["sha256"]), str(row["file_name"]),
                                       str(row["title"]), int(row["size"])))
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(out)


# -- writing -----------------------------------------------------------------------------------
def _sha256_of(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _field_error(message: str) -> ValidationError:
    return ValidationError.single("extra_files", "Tệp đính kèm", message)


def extra_document(path: Path) -> PreparedDocument:
    """A file the officer adds, checked: a regular file of at most 50 MB."""
    try:
        info = path.stat()
    except OSError as exc:
        raise _field_error(f"không mở được tệp {path}: {os_error_reason(exc)}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise _field_error(f"“{path}” không phải một tệp thông thường (thư mục, thiết bị…); "
                           "hãy chọn tệp văn bản cần gửi")
    if info.st_size > MAX_ATTACHMENT_BYTES:
        raise _field_error(f"tệp {path.name} nặng {info.st_size // 1_048_576} MB, tối đa "
                           f"{MAX_ATTACHMENT_BYTES // 1_048_576} MB")
    try:
        sha, size = _sha256_of(path)
    except OSError as exc:
        raise _field_error(f"không đọc được tệp {path}: {os_error_reason(exc)}") from exc
    name = display_name(path.name)
    title = display_name(path.stem) or name
    return PreparedDocument(path, PackageDocument(sha, name, title, size))


# a document to render: template key, the id it is rendered for, its title, its file name
RenderJob = tuple[str, int, str, str]


def round_jobs(s: Session, documents: DocumentService, round_id: int,
               warnings: list[str]) -> list[RenderJob]:
    """An upward package's documents: the round's tờ trình and the minutes of its closed
    council meetings (an open meeting is left out with a warning)."""
    round_ = s.get(Round, round_id)
    if round_ is None:
        return []
    jobs: list[RenderJob] = [
        (SUBMISSION, round_id, documents.spec(SUBMISSION).title,
         f"Tờ trình - {round_.name}")]
    minutes_title = documents.spec(MINUTES).title
    for meeting_id, held_on, closed in s.execute(
            select(CouncilMeeting.id, CouncilMeeting.held_on, CouncilMeeting.closed)
            .where(CouncilMeeting.round_id == round_id, CouncilMeeting.deleted_at.is_(None))
            .order_by(CouncilMeeting.held_on, CouncilMeeting.id)):
        day = f"{held_on:%d/%m/%Y}"
        if not closed:
            warnings.append(f"Cuộc họp Hội đồng ngày {day} chưa kết thúc nên chưa kèm biên bản "
                            "(kết thúc cuộc họp rồi xuất lại gói nếu cần).")
            continue
        jobs.append((MINUTES, meeting_id, f"{minutes_title} ngày {day}",
                     f"Biên bản họp Hội đồng {held_on:%d-%m-%Y}"))
    return jobs


def decision_jobs(s: Session, documents: DocumentService, decision_ids: Sequence[int],
                  warnings: list[str]) -> list[RenderJob]:
    """A downward package's documents: each decision it sends, as signed ("Quyết định khen
    thưởng số 05/QĐ-UBND")."""
    title = documents.spec(DECISION).title
    jobs: list[RenderJob] = []
    for decision_id in dict.fromkeys(decision_ids):
        decision = s.get(Decision, decision_id)
        if decision is None:
            continue
        number = decision_number(decision.sequence or 0, decision.notation)
        jobs.append((DECISION, decision_id, f"{title} số {number}",
                     f"{title} {number.replace('/', '-')}"))
    return jobs


@contextmanager
def prepared_documents(documents: DocumentService | None,
                       jobs: Callable[[DocumentService, list[str]], list[RenderJob]] | None,
                       extra_files: Sequence[Path]
                       ) -> Iterator[tuple[list[PreparedDocument], list[str]]]:
    """Render the documents ``jobs`` names (``round_jobs``, ``decision_jobs``; none when it
    is None) into a temporary folder (alive while the ``with`` lasts) and check the officer's
    files. A document that cannot be rendered is left out with a warning saying why; a file
    the officer chose that cannot be sent is refused."""
    extras = [extra_document(Path(p)) for p in extra_files]
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="tdkt-vanban-") as tmp:
        rendered: list[PreparedDocument] = []
        if jobs is not None:
            if documents is None:
                warnings.append("Không kèm được văn bản: phần mềm chưa sẵn sàng tạo văn bản.")
            else:
                rendered = _render(documents, jobs(documents, warnings), Path(tmp), warnings)
        found: list[PreparedDocument] = []
        seen: set[str] = set()
        for doc in (*rendered, *extras):
            if doc.info.sha256 in seen:
                continue  # the same bytes twice (a file chosen twice): once is enough
            seen.add(doc.info.sha256)
            found.append(doc)
        yield found, warnings


def _render(documents: DocumentService, jobs: Sequence[RenderJob], folder: Path,
            warnings: list[str]) -> list[PreparedDocument]:
    out: list[PreparedDocument] = []
    for number, (key, target_id, title, name) in enumerate(jobs, start=1):
        target = folder / f"{number:02d}.docx"
        try:
            documents.render(key, target_id, target)
        except DomainError as exc:
            warnings.append(f"Không kèm được “{title}”: {exc}")
            continue
        except OSError as exc:
            warnings.append(f"Không kèm được “{title}”: {os_error_reason(exc)}")
            continue
        sha, size = _sha256_of(target)
        out.append(PreparedDocument(target, PackageDocument(
            sha, display_name(f"{safe_filename(name, MAX_NAME - 5)}.docx"), title, size)))
    return out


# -- reading -----------------------------------------------------------------------------------
def extract(zf: zipfile.ZipFile, doc: PackageDocument, target: Path) -> Path:
    """Copy a document's bytes out of the package (via a temporary file beside ``target``),
    refused unless they hash to what the signed manifest says."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    digest = hashlib.sha256()
    size = 0
    try:
        with zf.open(f"{FILES_PREFIX}{doc.sha256}") as src, tmp.open("wb") as out:
            for chunk in iter(lambda: src.read(_CHUNK), b""):
                size += len(chunk)
                if size > doc.size:
                    break
                digest.update(chunk)
                out.write(chunk)
        if size != doc.size or digest.hexdigest() != doc.sha256:
            raise refusal(f"văn bản kèm theo “{doc.title}” ({doc.file_name}) đã bị sửa (mã băm "
                          "không khớp)")
        tmp.replace(target)
    except (KeyError, zipfile.BadZipFile, EOFError) as exc:
        raise refusal(f"văn bản kèm theo “{doc.title}” ({doc.file_name}) bị hỏng") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return target
