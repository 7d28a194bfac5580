"""Backup, restore and integrity check of the SQLite database file."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from desktop.api.maintenance import CheckResult as CheckResult
from desktop.db.migrate import head_revision, known_revisions, sqlite_copy
from desktop.domain.errors import StorageError
from desktop.services.database import Database


def backup_database(db: Database, target: Path | None, backup_dir: Path) -> Path:
    """Consistent copy of the live database; by default a dated file in the backup folder."""
    source = _require_sqlite(db)
    if target is None:
        backup_dir.mkdir(parents=True, exist_ok=True)
        target = backup_dir / f"tdkt_saoluu_{datetime.now():%Y%m%d-%H%M%S}.db"
    if target.exists() and target.is_dir():
        target = target / f"tdkt_saoluu_{datetime.now():%Y%m%d-%H%M%S}.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    sqlite_copy(source, target)
    return target


def check_backup_file(source: Path) -> str:
    """The schema revision of a backup file, after refusing anything that is not a usable one."""
    if not source.is_file():
        raise StorageError(f"Không tìm thấy tệp sao lưu: {source}")
    try:
        conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            status = conn.execute("PRAGMA quick_check").fetchone()[0]
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError(
            f"Tệp “{source.name}” không phải bản sao lưu TĐKT Desktop hoặc đã hỏng ({exc})."
        ) from exc
    if status != "ok":
        raise StorageError(f"Tệp sao lưu “{source.name}” bị hỏng: {status}")
    if revision is None or revision[0] not in known_revisions():
        raise StorageError(
            f"Tệp “{source.name}” do phiên bản TĐKT Desktop khác tạo ra, không khôi phục được."
        )
    return str(revision[0])


def restore_database(db_path: Path, source: Path, backup_dir: Path) -> Path:
    """Replace the database at ``db_path`` with ``source``; the current one is backed up first.

    The caller must have closed its engine. SQLite's backup API writes through the target's
    own journal, so a stale WAL file can never be replayed over the restored content.
    """
    check_backup_file(source)
    safety = backup_dir / f"tdkt_truoc-khoi-phuc_{datetime.now():%Y%m%d-%H%M%S}.db"
    if db_path.exists():
        backup_dir.mkdir(parents=True, exist_ok=True)
        sqlite_copy(db_path, safety)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(db_path)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return safety


def verify_database(db: Database) -> list[CheckResult]:
    """Integrity, foreign keys, schema revision and the search index, each explained."""
    results: list[CheckResult] = []
    with db.engine.connect() as conn:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        head = head_revision()
        results.append(CheckResult(
            "schema", revision == head,
            f"Phiên bản cấu trúc dữ liệu {revision}" + ("" if revision == head
                                                         else f", cần {head}")))
        if db.is_sqlite:
            status = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
            results.append(CheckResult("integrity", status == ["ok"],
                                       "Tệp dữ liệu nguyên vẹn" if status == ["ok"]
                                       else "Tệp dữ liệu bị hỏng: " + "; ".join(status[:5])))
            broken = list(conn.execute(text("PRAGMA foreign_key_check")))
            results.append(CheckResult(
                "foreign_keys", not broken,
                "Các liên kết giữa bản ghi đều hợp lệ" if not broken
                else f"{len(broken)} bản ghi trỏ tới bản ghi không tồn tại "
                     f"(bảng {', '.join(sorted({str(b[0]) for b in broken}))})"))
            try:
                conn.execute(text(
                    "INSERT INTO people_fts(people_fts, rank) VALUES ('integrity-check', 1)"))
                results.append(CheckResult("search_index", True, "Chỉ mục tìm kiếm khớp dữ liệu"))
            except Exception as exc:
                results.append(CheckResult("search_index", False,
                                           f"Chỉ mục tìm kiếm không khớp dữ liệu ({exc})"))
            conn.rollback()
    return results


def rebuild_search_index(db: Database) -> None:
    if db.is_sqlite:
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO people_fts(people_fts) VALUES ('rebuild')"))


def _require_sqlite(db: Database) -> Path:
    if db.path is None:
        raise StorageError("Sao lưu tệp chỉ áp dụng cho cơ sở dữ liệu SQLite nhúng; "
                           "với PostgreSQL hãy dùng pg_dump của máy chủ.")
    return db.path
