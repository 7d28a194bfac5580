"""One-file backups that hold everything, and a restore that checks before it replaces.

A backup (``*.tdkt-backup``) is a ZIP: ``database.sqlite`` (a consistent snapshot made with
SQLite's backup API, never a copy of a live WAL file), every attachment the snapshot references
(``attachments/ab/abcdef…``), the user templates (``templates/…``) and ``manifest.json`` with
counts and the SHA-256 of every member. It is written to a temporary file, renamed into place
and read back before it counts. Temporary files carry the writer's process id, so one left by a
killed backup is removed on the next start (``clean_stale``). Every file written here (backups,
safety copies, temporary snapshots) is created owner-only (0600 on POSIX, ``desktop.paths``):
it holds the same personal data as the database.

A restore first copies the candidate into a private file and checks it there (integrity,
foreign keys, a schema complete for its revision), then takes an exclusive lock on the live
database - refused, saying who may hold it, while any other connection is open - keeps a
never-overwritten safety copy of the current data, and replaces the content through SQLite
itself. Plain ``.db`` backups of earlier versions are still accepted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import sys
import time
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from desktop import __version__
from desktop.api.maintenance import (
    BACKUP_SUFFIX,
    OVERDUE_DAYS,
    BackupInfo,
    BackupStatus,
    CheckResult,
    RestoreResult,
    is_damaged,
)
from desktop.db.engine import busy_timeout_ms
from desktop.db.migrate import known_revisions, missing_schema
from desktop.domain.diskerrors import os_error_reason
from desktop.domain.errors import DatabaseBusyError, StorageError, storage_error_for
from desktop.paths import AppPaths, create_private_file, make_private
from desktop.services.attachments import stored_path

log = logging.getLogger(__name__)

FORMAT = "tdkt-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_MEMBER = "database.sqlite"
TMP_PREFIX = ".tdkt-tmp-"
STALE_AFTER = timedelta(hours=12)  # where a dead writer cannot be told by its process id
KEEP_DAILY = 7
KEEP_WEEKLY = 4
AUTO_KINDS = ("daily", "weekly", "close")
# Tables whose rows point at attachment files (by SHA-256) in the data folder.
ATTACHMENT_TABLES = ("attachments", "bloc_score_attachments")
COUNTED_TABLES = {"units": "units", "people": "people"}
LOCK_TIMEOUT_S = 0.5
_CHUNK = 1 << 20


# -- temporary files --------------------------------------------------------------------------
def _tmp_path(folder: Path, what: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{TMP_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}-{what}.tmp"


def clean_stale(folder: Path) -> list[Path]:
    """Remove temporary files left by a backup, check or restore that was killed.

    A file whose writer process is gone (or, where that cannot be told, that is older than
    ``STALE_AFTER``) is removed; a running backup's file is left alone.
    """
    removed: list[Path] = []
    try:
        candidates = list(folder.glob(f"{TMP_PREFIX}*"))  # with -journal, -wal, -shm
    except OSError:
        return removed
    for path in candidates:
        if _writer_alive(path):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    if removed:
        log.info("Removed %d stale temporary backup file(s) from %s", len(removed), folder)
    return removed


def _writer_alive(path: Path) -> bool:
    try:
        pid = int(path.name[len(TMP_PREFIX):].split("-", 1)[0])
    except ValueError:
        return False
    if pid == os.getpid():
        return True
    if sys.platform != "win32":  # os.kill(pid, 0) would terminate the process on Windows
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True
        return True
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return False
    return age < STALE_AFTER.total_seconds()


@contextlib.contextmanager
def _temporary(folder: Path, what: str) -> Iterator[Path]:
    """A temporary file, created empty and owner-only (SQLite, zipfile and open() then write
    into it and keep its mode, and so does the file it is renamed to)."""
    path = _tmp_path(folder, what)
    try:
        create_private_file(path)
        yield path
    finally:
        for extra in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal"),
                      path.with_name(path.name + "-shm")):
            with contextlib.suppress(OSError):
                extra.unlink()


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """A new file name in ``folder`` that no other file has, reserved by creating it empty
    (two backups or safety copies in one second get ``-2``, ``-3``…; none is overwritten)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, 10_000):
        path = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return path
    raise StorageError(f"Không tạo được tên tệp mới trong thư mục {folder}.")


def place_unique(tmp: Path, folder: Path, stem: str, suffix: str) -> Path:
    """Give the finished file ``tmp`` a name in ``folder`` that no other file has (as
    ``unique_path``: ``-2``, ``-3``… and nothing is overwritten), and have that name appear only
    with the whole content: a hard link, which fails when the name is taken. A name reserved
    empty first would stay empty if the program were killed before the rename (an empty
    "safety copy" in the backups list). Where the file system has no hard links (a FAT USB
    stick), the name is reserved, then the content renamed over it."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, 10_000):
        path = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        try:
            os.link(tmp, path)
        except FileExistsError:
            continue
        except OSError:  # no hard links here
            path = unique_path(folder, stem, suffix)
            os.replace(tmp, path)
            return path
        with contextlib.suppress(OSError):
            tmp.unlink()  # else the next start's clean-up removes it (its writer is gone)
        return path
    raise StorageError(f"Không tạo được tên tệp mới trong thư mục {folder}.")


# -- snapshots --------------------------------------------------------------------------------
def snapshot(source: Path | sqlite3.Connection, target: Path) -> None:
    """A consistent copy of a live database into a new, self-contained file (no -wal)."""
    src = source if isinstance(source, sqlite3.Connection) else _connect_live(source)
    try:
        if src is not source:
            # Take the read snapshot here, where the busy timeout applies: Python's backup()
            # itself would retry a locked source forever.
            src.isolation_level = None
            src.execute("BEGIN")
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise _storage_error(exc, str(source) if isinstance(source, Path) else None) from exc
    finally:
        if src is not source:
            with contextlib.suppress(sqlite3.Error):
                src.execute("ROLLBACK")
            src.close()


def _connect_live(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise StorageError(f"Không tìm thấy tệp cơ sở dữ liệu: {path}")
    return sqlite3.connect(path, timeout=busy_timeout_ms() / 1000)


def _storage_error(exc: sqlite3.Error, path: str | None) -> StorageError:
    known = storage_error_for(exc, path)
    if known is not None:
        return known
    return StorageError(f"Không đọc được tệp dữ liệu{' ' + path if path else ''}: tệp bị hỏng "
                        f"hoặc không phải cơ sở dữ liệu TĐKT Desktop ({exc}).")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


# -- what a database holds ----------------------------------------------------------------------
@dataclass(frozen=True)
class _Contents:
    revision: str
    counts: dict[str, int]
    attachments: frozenset[str]  # SHA-256 of every referenced file


def _contents(conn: sqlite3.Connection) -> _Contents:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    row = (conn.execute("SELECT version_num FROM alembic_version").fetchone()
           if "alembic_version" in tables else None)
    counts = {key: int(conn.execute(
        f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0])
        for key, table in COUNTED_TABLES.items() if table in tables}
    shas: set[str] = set()
    for table in ATTACHMENT_TABLES:
        if table in tables:
            shas.update(str(r[0]) for r in conn.execute(f"SELECT DISTINCT sha256 FROM {table}"))
    return _Contents(str(row[0]) if row else "", counts, frozenset(shas))


def missing_attachment_files(conn: sqlite3.Connection, store: Path) -> list[str]:
    """SHA-256 of the referenced attachments whose file is not in the data folder."""
    return sorted(sha for sha in _contents(conn).attachments if not stored_path(store, sha).is_file())


# -- checks -----------------------------------------------------------------------------------
def check_database_file(path: Path, *, revision_must_be: str | None = None,
                        thorough: bool = True) -> list[CheckResult]:
    """Schema revision and completeness, integrity, foreign keys and the search index of a
    private database file (a snapshot or a restore candidate; never the live file).

    ``thorough=False`` (a backup read back right after writing, whose every byte was just
    matched against its SHA-256) runs SQLite's quick_check and leaves out the search index.
    """
    results: list[CheckResult] = []
    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error as exc:
        raise _storage_error(exc, str(path)) from exc
    try:
        try:
            pragma = "integrity_check" if thorough else "quick_check"
            status = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}")]
        except sqlite3.DatabaseError as exc:
            status = [str(exc)]
        intact = status == ["ok"]
        results.append(CheckResult(
            "integrity", intact, "Tệp dữ liệu nguyên vẹn" if intact
            else "Tệp dữ liệu bị hỏng: " + "; ".join(status[:5]),
            "" if intact else "Khôi phục từ bản sao lưu gần nhất (Tệp › Khôi phục từ bản sao lưu)."))
        if not intact:
            return results
        contents = _contents(conn)
        revision = contents.revision
        if revision_must_be is not None:
            results.append(CheckResult(
                "schema", revision == revision_must_be,
                f"Phiên bản cấu trúc dữ liệu {revision or '(không có)'}"
                + ("" if revision == revision_must_be else f", cần {revision_must_be}"),
                "" if revision == revision_must_be else "Mở lại phần mềm để nâng cấp dữ liệu."))
        missing = (missing_schema(conn, revision) if revision in known_revisions()
                   else ["bảng alembic_version (phiên bản cấu trúc)"])
        results.append(CheckResult(
            "schema_complete", not missing,
            "Đủ mọi bảng và chỉ mục của phiên bản dữ liệu" if not missing
            else f"Thiếu {len(missing)} thành phần cấu trúc: " + ", ".join(missing[:6])
            + ("…" if len(missing) > 6 else ""),
            "" if not missing else "Khôi phục từ bản sao lưu gần nhất."))
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        results.append(CheckResult(
            "foreign_keys", not broken,
            "Các liên kết giữa bản ghi đều hợp lệ" if not broken
            else f"{len(broken)} bản ghi trỏ tới bản ghi không tồn tại "
                 f"(bảng {', '.join(sorted({str(b[0]) for b in broken}))})",
            "" if not broken else "Liên hệ bộ phận hỗ trợ; không cần khôi phục."))
        has_fts = conn.execute("SELECT 1 FROM sqlite_master WHERE name='people_fts'").fetchone()
        if has_fts and thorough:
            try:
                conn.execute("INSERT INTO people_fts(people_fts, rank) VALUES ('integrity-check', 1)")
                conn.rollback()
                results.append(CheckResult("search_index", True, "Chỉ mục tìm kiếm khớp dữ liệu"))
            except sqlite3.DatabaseError as exc:
                results.append(CheckResult(
                    "search_index", False, f"Chỉ mục tìm kiếm không khớp dữ liệu ({exc})",
                    "Dựng lại chỉ mục tìm kiếm (tdkt verify --rebuild-search); dữ liệu không mất."))
    except sqlite3.DatabaseError as exc:
        busy = storage_error_for(exc, str(path))
        if busy is not None:
            raise busy from exc
        results.append(CheckResult("integrity", False, f"Tệp dữ liệu bị hỏng: {exc}",
                                   "Khôi phục từ bản sao lưu gần nhất."))
    finally:
        conn.close()
    return results


def verify_live(db_path: Path, work_dir: Path, attachments: Path | None,
                head: str) -> list[CheckResult]:
    """Every check on a consistent snapshot of the live database: another program writing at
    the same time is neither blocked nor mistaken for damage."""
    clean_stale(work_dir)
    with _temporary(work_dir, "verify") as snap:
        try:
            snapshot(db_path, snap)
        except DatabaseBusyError:
            raise
        except StorageError as exc:
            if isinstance(exc.__cause__, sqlite3.DatabaseError) and _is_damage(exc.__cause__):
                return [CheckResult("integrity", False, f"Tệp dữ liệu bị hỏng: {exc.__cause__}",
                                    "Khôi phục từ bản sao lưu gần nhất.")]
            raise
        results = check_database_file(snap, revision_must_be=head)
        if attachments is not None and not is_damaged(results):
            conn = sqlite3.connect(snap)
            try:
                missing = missing_attachment_files(conn, attachments)
            finally:
                conn.close()
            results.append(CheckResult(
                "attachments", not missing,
                "Mọi tệp đính kèm (minh chứng) đều có trong thư mục dữ liệu" if not missing
                else f"Thiếu {len(missing)} tệp đính kèm trong thư mục dữ liệu "
                     f"({attachments}): " + ", ".join(m[:12] for m in missing[:5])
                     + ("…" if len(missing) > 5 else ""),
                "" if not missing else
                "Khôi phục các tệp từ một bản sao lưu có chúng hoặc đính kèm lại; "
                "dữ liệu khác không bị ảnh hưởng."))
    return results


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB


# -- writing a backup ---------------------------------------------------------------------------
def default_backup_name(kind: str, when: datetime | None = None) -> str:
    when = when or datetime.now()
    label = {"daily": "tudong-ngay", "weekly": "tudong-tuan", "close": "tudong-dong",
             "manual": "saoluu"}.get(kind, kind)
    return f"tdkt_{label}_{when:%Y%m%d-%H%M%S}"


def create_backup(db_path: Path, paths: AppPaths, target: Path | None = None, *,
                  kind: str = "manual", created: datetime | None = None) -> BackupInfo:
    """Write one verified ``.tdkt-backup`` file; by default a new name in the backup folder."""
    try:
        return _create_backup(db_path, paths, target, kind, created or datetime.now())
    except OSError as exc:  # disk full, no permission, a USB stick pulled out
        where = exc.filename or (target or paths.backups)
        raise StorageError(f"Không ghi được bản sao lưu ({where}): {os_error_reason(exc)}. "
                           "Hãy kiểm tra chỗ trống và quyền ghi của thư mục đích, rồi thử "
                           "lại.") from exc


def _create_backup(db_path: Path, paths: AppPaths, target: Path | None, kind: str,
                   created: datetime) -> BackupInfo:
    folder = paths.backups
    clean_stale(folder)
    if target is not None and target.is_dir():
        target = target / (default_backup_name(kind) + BACKUP_SUFFIX)
    work = target.parent if target is not None else folder
    clean_stale(work)
    with _temporary(work, "snapshot") as snap, _temporary(work, "backup") as tmp_zip:
        snapshot(db_path, snap)
        conn = sqlite3.connect(snap)
        try:
            contents = _contents(conn)
        finally:
            conn.close()
        if not contents.revision:
            raise StorageError("Tệp dữ liệu chưa có cấu trúc của TĐKT Desktop; không sao lưu.")
        manifest = _write_zip(tmp_zip, snap, contents, paths, kind, created)
        _fsync(tmp_zip)
        if target is None:  # work is the backup folder: tmp_zip is beside the new name
            target = place_unique(tmp_zip, folder, default_backup_name(kind, created),
                                  BACKUP_SUFFIX)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp_zip, target)
    try:
        verify_backup_file(target)
    except StorageError:
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    return _info_from_manifest(target, manifest)


def _write_zip(tmp_zip: Path, snap: Path, contents: _Contents, paths: AppPaths, kind: str,
               created: datetime) -> dict[str, Any]:
    files: dict[str, str] = {}
    missing: list[str] = []
    with zipfile.ZipFile(tmp_zip, "w", allowZip64=True) as zf:
        files[DB_MEMBER] = _add(zf, snap, DB_MEMBER, zipfile.ZIP_DEFLATED)
        for sha in sorted(contents.attachments):
            source = stored_path(paths.attachments, sha)
            if source.is_file():
                files[f"attachments/{sha[:2]}/{sha}"] = _add(
                    zf, source, f"attachments/{sha[:2]}/{sha}", zipfile.ZIP_STORED)
            else:
                missing.append(sha)
        templates = 0
        if paths.templates.is_dir():
            for source in sorted(paths.templates.rglob("*")):
                if source.is_file() and not source.name.startswith((".", "~$")):
                    name = "templates/" + source.relative_to(paths.templates).as_posix()
                    files[name] = _add(zf, source, name, zipfile.ZIP_DEFLATED)
                    templates += 1
        manifest: dict[str, Any] = {
            "format": FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__,
            "kind": kind, "created": created.isoformat(timespec="microseconds"),
            "revision": contents.revision,
            "counts": {**contents.counts, "attachments": len(contents.attachments) - len(missing),
                       "templates": templates},
            "database_size": snap.stat().st_size,
            "missing_attachments": missing, "files": files,
        }
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1),
                    zipfile.ZIP_DEFLATED)
    return manifest


def _add(zf: zipfile.ZipFile, source: Path, name: str, method: int) -> str:
    digest = hashlib.sha256()
    info = zipfile.ZipInfo.from_file(source, name)
    info.compress_type = method
    # Fastest deflate: a province database (600 MB) packs to about the same size as at the
    # default level in a fraction of the time (ZipInfo has no public level before 3.13).
    setattr(info, "_compresslevel", 1)  # noqa: B010
    with source.open("rb") as src, zf.open(info, "w", force_zip64=True) as out:
        for chunk in iter(lambda: src.read(_CHUNK), b""):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError), path.open("rb+") as f:
        os.fsync(f.fileno())


# -- reading a backup -------------------------------------------------------------------------
def is_backup_zip(path: Path) -> bool:
    try:
        return zipfile.is_zipfile(path)
    except OSError:
        return False


def read_manifest(zf: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(zf.read(MANIFEST))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise StorageError(f"Tệp “{path.name}” không phải bản sao lưu TĐKT Desktop hoặc đã hỏng "
                           f"(không có bảng kê nội dung).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise StorageError(f"Tệp “{path.name}” không phải bản sao lưu TĐKT Desktop.")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise StorageError(f"Tệp “{path.name}” do phiên bản TĐKT Desktop mới hơn tạo ra; "
                           "hãy cài phiên bản mới hơn để khôi phục.")
    return manifest


def verify_backup_file(path: Path) -> BackupInfo:
    """Read a backup back: every member against its SHA-256, the database checked in full."""
    with _temporary(path.parent, "check") as db_copy:
        manifest = extract_checked(path, db_copy)
        _refuse_unusable(path, check_database_file(db_copy, thorough=False))
    return _info_from_manifest(path, manifest)


def extract_checked(path: Path, db_copy: Path) -> dict[str, Any]:
    """Check every member of a backup against the manifest's SHA-256 and write its database
    to ``db_copy``; the manifest is returned."""
    if not is_backup_zip(path):
        raise StorageError(f"Tệp “{path.name}” không phải bản sao lưu TĐKT Desktop hoặc đã hỏng.")
    with zipfile.ZipFile(path) as zf:
        manifest = read_manifest(zf, path)
        files: dict[str, str] = manifest.get("files", {})
        if DB_MEMBER not in files:
            raise StorageError(f"Bản sao lưu “{path.name}” không chứa cơ sở dữ liệu.")
        for name, expected in files.items():
            out: IO[bytes] | None = db_copy.open("wb") if name == DB_MEMBER else None
            try:
                actual = _member_sha(zf, name, out, path)
            finally:
                if out is not None:
                    out.close()
            if actual != expected:
                raise StorageError(f"Bản sao lưu “{path.name}” bị hỏng: nội dung {name} không "
                                   "khớp mã kiểm tra SHA-256.")
    return manifest


def _refuse_unusable(path: Path, results: list[CheckResult]) -> None:
    bad = [r for r in results if not r.ok and r.name != "search_index"]
    if bad:
        raise StorageError(f"Tệp “{path.name}” không phải bản sao lưu dùng được, không khôi "
                           "phục: " + "; ".join(r.message for r in bad)
                           + ". Dữ liệu hiện tại không bị thay đổi.")


def _member_sha(zf: zipfile.ZipFile, name: str, out: IO[bytes] | None, path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with zf.open(name) as src:
            for chunk in iter(lambda: src.read(_CHUNK), b""):
                digest.update(chunk)
                if out is not None:
                    out.write(chunk)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError) as exc:
        raise StorageError(f"Bản sao lưu “{path.name}” bị hỏng: không đọc được {name} "
                           f"({exc}).") from exc
    return digest.hexdigest()


def _info_from_manifest(path: Path, manifest: dict[str, Any]) -> BackupInfo:
    try:
        created = datetime.fromisoformat(str(manifest.get("created")))
    except ValueError:
        created = datetime.fromtimestamp(path.stat().st_mtime)
    counts = {str(k): int(v) for k, v in dict(manifest.get("counts", {})).items()}
    return BackupInfo(path, created, path.stat().st_size, str(manifest.get("kind", "manual")),
                      str(manifest.get("revision", "")), counts,
                      tuple(str(m) for m in manifest.get("missing_attachments", [])))


def backup_info(path: Path) -> BackupInfo:
    """What a backup holds, read cheaply (manifest, or a plain .db's own tables)."""
    if is_backup_zip(path):
        with zipfile.ZipFile(path) as zf:
            return _info_from_manifest(path, read_manifest(zf, path))
    stat = path.stat()
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            contents = _contents(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StorageError(f"Tệp “{path.name}” không phải bản sao lưu TĐKT Desktop hoặc đã hỏng "
                           f"({exc}).") from exc
    kind = "safety" if "_truoc-" in path.name else "legacy"
    return BackupInfo(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size, kind,
                      contents.revision, {**contents.counts,
                                          "attachments": len(contents.attachments)})


def list_backups(folder: Path) -> list[BackupInfo]:
    """Every backup in the folder, newest first; unreadable files are skipped (and logged)."""
    found: list[BackupInfo] = []
    try:
        names = [p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
                 and (p.suffix == BACKUP_SUFFIX or p.suffix == ".db")]
    except OSError:
        return found
    for path in names:
        try:
            found.append(backup_info(path))
        except (StorageError, OSError) as exc:
            log.warning("Skipping unreadable backup %s: %s", path, exc)
    # Two backups can be made within one second (the day's first start, then a quick close):
    # microseconds in the manifest, and the file's own time for old manifests, keep the order.
    return sorted(found, key=lambda b: (b.created, _mtime_ns(b.path)), reverse=True)


def _mtime_ns(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def backup_status(folder: Path, now: datetime | None = None) -> BackupStatus:
    """The newest backup (any kind but safety copies) and whether it is older than a week."""
    now = now or datetime.now()
    backups = [b for b in list_backups(folder) if b.kind != "safety"]
    last = backups[0] if backups else None
    return BackupStatus(last, last is None or now - last.created > timedelta(days=OVERDUE_DAYS))


# -- automatic backups ------------------------------------------------------------------------
def automatic_backup(db_path: Path, paths: AppPaths, reason: str,
                     now: datetime | None = None) -> BackupInfo | None:
    """"start": the first start of the day makes the day's backup (a weekly one on the first
    start of an ISO week); "close": after changes, one more. Then the rotation. None when
    today's start-of-day backup exists already."""
    now = now or datetime.now()
    existing = [b for b in list_backups(paths.backups) if b.kind in AUTO_KINDS]
    if reason == "start":
        if any(b.created.date() == now.date() for b in existing):
            return None
        week = now.isocalendar()[:2]
        kind = ("daily" if any(b.kind == "weekly" and b.created.isocalendar()[:2] == week
                               for b in existing) else "weekly")
    else:
        kind = "close"
    info = create_backup(db_path, paths, kind=kind, created=now)
    rotate(paths.backups, today=now.date())
    return info


def rotate(folder: Path, *, today: date | None = None) -> list[Path]:
    """Keep the newest automatic backup of each of the last ``KEEP_DAILY`` days and of each of
    the last ``KEEP_WEEKLY`` ISO weeks; remove the other automatic ones (manual backups and
    safety copies are never removed)."""
    today = today or date.today()
    auto = [b for b in list_backups(folder) if b.kind in AUTO_KINDS]  # newest first
    keep: set[Path] = set()
    days: list[date] = []
    weeks: list[tuple[int, int]] = []
    for b in auto:
        day = b.created.date()
        if day not in days and len(days) < KEEP_DAILY:
            days.append(day)
            keep.add(b.path)
    for b in auto:
        week = tuple(b.created.isocalendar()[:2])
        if b.kind == "weekly" and week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.append((week[0], week[1]))
            keep.add(b.path)
    removed: list[Path] = []
    for b in auto:
        if b.path not in keep and (today - b.created.date()).days >= 0:
            with contextlib.suppress(OSError):
                b.path.unlink()
                removed.append(b.path)
    return removed


# -- restoring --------------------------------------------------------------------------------
HELD_MESSAGE = (
    "Không khôi phục được: cơ sở dữ liệu {path} đang được mở ở nơi khác{who}. Có thể là một "
    "cửa sổ TĐKT Desktop khác, lệnh tdkt đang chạy, hoặc một chương trình khác (công cụ xem "
    "SQLite, phần mềm sao lưu hay diệt virus). Hãy đóng chương trình đó rồi thử lại. "
    "Dữ liệu hiện tại không bị thay đổi."
)


class DatabaseInUseError(DatabaseBusyError):
    """A restore refused because another connection has the database open."""

    def __init__(self, path: Path, holders: list[str]) -> None:
        who = f" (đang mở bởi: {', '.join(holders)})" if holders else ""
        super().__init__(HELD_MESSAGE.format(path=path, who=who))
        self.holders = holders


def holders_of(path: Path) -> list[str]:
    """Which other processes have the database open, where the system tells (Linux /proc):
    "cửa sổ TĐKT Desktop (PID 1234)", "lệnh tdkt (PID 99)" or the program's name."""
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    wanted = {str(path.resolve()), str(path.resolve()) + "-wal", str(path.resolve()) + "-shm"}
    found: list[str] = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            targets = {os.readlink(fd) for fd in (entry / "fd").iterdir()}
        except OSError:
            continue
        if not targets & wanted:
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            cmdline = []
        found.append(_describe(int(entry.name), [c.decode(errors="replace") for c in cmdline if c]))
    return found


def _describe(pid: int, argv: list[str]) -> str:
    joined = " ".join(argv)
    if "tdkt-desktop" in joined or ("-m" in argv and "desktop" in argv) or "desktop.app" in joined:
        return f"cửa sổ TĐKT Desktop (PID {pid})"
    if any(Path(a).name in ("tdkt", "tdkt.exe") for a in argv[:2]) or "desktop.cli" in joined:
        return f"lệnh tdkt (PID {pid})"
    name = Path(argv[0]).name if argv else "?"
    return f"chương trình {name} (PID {pid})"


@contextlib.contextmanager
def exclusive(db_path: Path) -> Iterator[sqlite3.Connection]:
    """The live database, locked against every other connection (refused while one is open,
    even an idle one: WAL readers hold a shared lock for as long as they are open)."""
    try:
        conn = sqlite3.connect(db_path, timeout=LOCK_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise _storage_error(exc, str(db_path)) from exc
    try:
        try:
            conn.execute("PRAGMA locking_mode=EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            known = storage_error_for(exc, str(db_path))
            if isinstance(known, DatabaseBusyError):
                raise DatabaseInUseError(db_path, holders_of(db_path)) from exc
            raise _storage_error(exc, str(db_path)) from exc
        yield conn
    finally:
        conn.close()


@dataclass(frozen=True)
class _Candidate:
    database: Path
    zip_path: Path | None
    manifest: dict[str, Any] | None
    revision: str


def _prepare_candidate(source: Path, db_copy: Path) -> _Candidate:
    """Copy the candidate's database into ``db_copy`` and check it there; refuse anything
    that is not a complete, intact TĐKT Desktop database."""
    if not source.is_file():
        raise StorageError(f"Không tìm thấy tệp sao lưu: {source}")
    manifest: dict[str, Any] | None = None
    zip_path: Path | None = None
    if is_backup_zip(source):
        manifest = extract_checked(source, db_copy)
        zip_path = source
    else:
        try:
            src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
            try:
                src.execute("SELECT count(*) FROM sqlite_master").fetchone()
                snapshot(src, db_copy)
            finally:
                src.close()
        except (sqlite3.Error, StorageError) as exc:
            raise StorageError(f"Tệp “{source.name}” không phải bản sao lưu TĐKT Desktop hoặc "
                               f"đã hỏng ({exc}).") from exc
    results = check_database_file(db_copy)
    conn = sqlite3.connect(db_copy)
    try:
        revision = _contents(conn).revision
    finally:
        conn.close()
    if revision and revision not in known_revisions():
        raise StorageError(f"Tệp “{source.name}” do phiên bản TĐKT Desktop khác (mới hơn) tạo ra "
                           f"(phiên bản dữ liệu {revision}), không khôi phục được.")
    _refuse_unusable(source, results)
    return _Candidate(db_copy, zip_path, manifest, revision)


def check_backup(source: Path, work: Path) -> str:
    """The schema revision of a usable backup; StorageError for anything else."""
    clean_stale(work)
    with _temporary(work, "candidate") as db_copy:
        return _prepare_candidate(source, db_copy).revision


def restore(db_path: Path, source: Path, paths: AppPaths) -> RestoreResult:
    """Replace the live database at ``db_path`` with the backup ``source``.

    Checked first, then done under an exclusive lock; the replaced data is kept as a safety
    copy that no later restore overwrites. The caller closes its own engine first.
    """
    work = paths.backups
    clean_stale(work)
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise StorageError("Tệp sao lưu chính là cơ sở dữ liệu đang dùng; hãy chọn tệp khác.")
    with _temporary(work, "candidate") as db_copy:
        candidate = _prepare_candidate(source, db_copy)
        safety: Path | None = None
        if not db_path.exists():
            db_path.parent.mkdir(parents=True, exist_ok=True)
            create_private_file(db_path)
            _copy_into(candidate.database, sqlite3.connect(db_path, isolation_level=None))
        else:
            with exclusive(db_path) as live:
                with _temporary(work, "safety") as tmp:
                    snapshot(live, tmp)
                    safety = place_unique(
                        tmp, work, f"tdkt_truoc-khoi-phuc_{datetime.now():%Y%m%d-%H%M%S}", ".db")
                try:
                    _copy_into(candidate.database, live, close=False)
                except Exception as exc:
                    raise StorageError(
                        f"Khôi phục không thành công ({exc}); dữ liệu hiện tại vẫn giữ nguyên. "
                        f"Bản sao dữ liệu trước khi khôi phục được giữ tại: {safety}") from exc
        make_private(db_path)
        attachments, templates = (_restore_files(candidate.zip_path, paths)
                                  if candidate.zip_path else (0, 0))
    return RestoreResult(safety, candidate.revision, attachments, templates)


def _copy_into(source: Path, dst: sqlite3.Connection, *, close: bool = True) -> None:
    """SQLite's backup API writes through the target's own journal in one transaction: a
    failure leaves the old content, and no stale WAL can be replayed over the new one."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        # Out of WAL first (allowed: nobody else is connected), so a backup with another page
        # size can be copied in, and no -wal file outlives the old content.
        dst.execute("PRAGMA journal_mode=DELETE")
        src.backup(dst)
        with contextlib.suppress(sqlite3.Error):
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        src.close()
        if close:
            dst.close()


def _restore_files(zip_path: Path, paths: AppPaths) -> tuple[int, int]:
    """Put back the backup's attachments that the data folder lacks (the store is by content
    hash, so nothing there is replaced) and the templates the officer does not have now (an
    existing template of the same name is kept)."""
    attachments = templates = 0
    with zipfile.ZipFile(zip_path) as zf:
        for name in zf.namelist():
            if name.startswith("attachments/"):
                sha = name.rsplit("/", 1)[-1]
                target = stored_path(paths.attachments, sha)
            elif name.startswith("templates/"):
                relative = Path(*Path(name).parts[1:])
                if ".." in relative.parts or relative.is_absolute():
                    continue
                target = paths.templates / relative
            else:
                continue
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with _temporary(target.parent, "file") as tmp:
                with zf.open(name) as src, tmp.open("wb") as out:
                    shutil.copyfileobj(src, out, _CHUNK)
                if name.startswith("attachments/") and _sha256(tmp) != sha:
                    raise StorageError(f"Tệp đính kèm {sha[:12]} trong bản sao lưu bị hỏng.")
                os.replace(tmp, target)
            if name.startswith("attachments/"):
                attachments += 1
            else:
                templates += 1
    return attachments, templates
