"""Build and upgrade databases by one path (Alembic), with a backup first and a refusal of
databases written by a newer version of the app.

Alembic is imported only when a database is not already at ``SCHEMA_HEAD``: reading the
migration scripts costs a noticeable part of the app's start-up, and on almost every start
there is nothing to migrate. A test keeps ``SCHEMA_HEAD`` equal to the scripts' head.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DatabaseError

from desktop.domain.errors import StorageError, storage_error_for

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SCHEMA_HEAD = "0008"


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}


def preflight_sqlite_file(path: Path) -> None:
    """Refuse a file that is not ours, damaged or too new, reading it strictly read-only.

    Runs before the engine exists: opening it would switch the file to WAL mode and so
    modify a database we are about to refuse.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = (conn.execute("SELECT version_num FROM alembic_version").fetchone()
                        if "alembic_version" in tables else None)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        known = storage_error_for(exc, str(path))  # locked or unreadable is not damage
        if known is not None:
            raise known from exc
        raise StorageError(
            "Tệp này không phải cơ sở dữ liệu TĐKT Desktop hoặc đã bị hỏng "
            f"({exc}). Hãy chọn tệp khác hoặc khôi phục từ bản sao lưu."
        ) from exc
    _refuse_unknown(revision[0] if revision else None, tables - {"alembic_version"})


def _refuse_unknown(current: str | None, other_tables: set[str]) -> None:
    if current is not None and current != SCHEMA_HEAD and current not in known_revisions():
        raise StorageError(
            "Cơ sở dữ liệu này do một phiên bản TĐKT Desktop mới hơn tạo ra "
            f"(phiên bản dữ liệu {current}). Phiên bản đang chạy không đọc được để tránh làm hỏng "
            "dữ liệu. Hãy cài phiên bản mới hơn của phần mềm."
        )
    if current is None and other_tables:
        raise StorageError(
            "Tệp này là một cơ sở dữ liệu khác, không phải của TĐKT Desktop "
            f"(có các bảng: {', '.join(sorted(other_tables)[:5])}). "
            "Dữ liệu trong tệp không bị thay đổi."
        )


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            if "alembic_version" not in inspect(conn).get_table_names():
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DatabaseError as exc:
        known = storage_error_for(exc, engine.url.database)
        if known is not None:
            raise known from exc
        raise StorageError(
            "Tệp này không phải cơ sở dữ liệu TĐKT Desktop hoặc đã bị hỏng "
            f"({exc.orig}). Hãy chọn tệp khác hoặc khôi phục từ bản sao lưu."
        ) from exc


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup_path: Path | None


def upgrade(engine: Engine, backup_dir: Path | None, *, target: str = "head") -> MigrationResult:
    """Bring the database to ``target`` (a new database is built by the very same path)."""
    current = current_revision(engine)
    if current == SCHEMA_HEAD and target == "head":
        return MigrationResult(current, current, None)
    from alembic import command

    other_tables = set() if current else set(inspect(engine).get_table_names()) - {"alembic_version"}
    _refuse_unknown(current, other_tables)
    wanted = head_revision() if target == "head" else target
    backup_path = None
    if current is not None and current != wanted and backup_dir is not None:
        backup_path = backup_before_migration(engine, backup_dir, current)
    with engine.begin() as conn:
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    return MigrationResult(current, wanted, backup_path)


def backup_before_migration(engine: Engine, backup_dir: Path, revision: str) -> Path | None:
    """Copy a SQLite file with SQLite's online backup before its schema changes."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database:
        return None
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{Path(database).stem}_truoc-nang-cap_{revision}_{stamp}.db"
    sqlite_copy(Path(database), target)
    return target


def sqlite_copy(source: Path, target: Path) -> None:
    """Consistent copy of a live SQLite database (WAL included) into a new file."""
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(target)
