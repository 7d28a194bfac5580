"""Backup, restore and integrity check of the SQLite database file (over ``backups``).

Every check reads a consistent snapshot, so a writer in another program is neither blocked
nor taken for damage; only a failed integrity or schema check advises a restore.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from desktop.api.maintenance import BackupInfo as BackupInfo
from desktop.api.maintenance import CheckResult as CheckResult
from desktop.api.maintenance import RestoreResult as RestoreResult
from desktop.db.migrate import head_revision
from desktop.domain.errors import StorageError
from desktop.paths import AppPaths
from desktop.services import backups
from desktop.services.database import Database


def backup_database(db: Database, paths: AppPaths, target: Path | None = None, *,
                    kind: str = "manual") -> BackupInfo:
    """One verified ``.tdkt-backup`` file: database snapshot, attachments and templates."""
    return backups.create_backup(_require_sqlite(db), paths, target, kind=kind)


def check_backup_file(source: Path, work_dir: Path) -> str:
    """The schema revision of a backup file, after refusing anything that is not a usable one
    (damaged, incomplete schema, broken links, another program's database)."""
    return backups.check_backup(source, work_dir)


def restore_database(db_path: Path, source: Path, paths: AppPaths) -> RestoreResult:
    """Replace the database at ``db_path`` with ``source`` (a ``.tdkt-backup`` or a plain
    ``.db``). The caller must have closed its engine; any other open connection refuses it."""
    return backups.restore(db_path, source, paths)


def verify_database(db: Database, attachments: Path | None = None,
                    work_dir: Path | None = None) -> list[CheckResult]:
    """Integrity, schema, foreign keys, the search index and (given the folder) attachment
    files, each explained. Raises ``DatabaseBusyError`` (never a failed check) when the file
    cannot be read now."""
    path = _require_sqlite(db)
    return backups.verify_live(path, work_dir or path.parent, attachments, head_revision())


def rebuild_search_index(db: Database) -> None:
    if db.is_sqlite:
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO people_fts(people_fts) VALUES ('rebuild')"))


def _require_sqlite(db: Database) -> Path:
    if db.path is None:
        raise StorageError("Sao lưu tệp chỉ áp dụng cho cơ sở dữ liệu SQLite nhúng; "
                           "với PostgreSQL hãy dùng pg_dump của máy chủ.")
    return db.path
