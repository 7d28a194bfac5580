"""Build and upgrade databases by one path (Alembic), with a backup first and a refusal of
databases written by a newer version of the app.

Alembic is imported only when a database is not already at ``SCHEMA_HEAD``: reading the
migration scripts costs a noticeable part of the app's start-up, and on almost every start
there is nothing to migrate. A test keeps ``SCHEMA_HEAD`` equal to the scripts' head.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import tempfile
import uuid
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
SCHEMA_HEAD = "0012"


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
    n = 1
    while target.exists():  # never overwrite an earlier safety copy
        n += 1
        target = backup_dir / f"{Path(database).stem}_truoc-nang-cap_{revision}_{stamp}-{n}.db"
    sqlite_copy(Path(database), target)
    return target


# What a schema is made of, as compared before a restore: "table:NAME" -> its columns,
# "index:NAME" and "trigger:NAME" -> no columns. SQLite's own objects are left out.
SchemaShape = dict[str, frozenset[str]]


def schema_shape(conn: sqlite3.Connection) -> SchemaShape:
    """The tables (with columns), indexes and triggers of an open SQLite database."""
    shape: SchemaShape = {}
    rows = conn.execute("SELECT type, name FROM sqlite_master WHERE type IN "
                        "('table', 'index', 'trigger') AND name NOT LIKE 'sqlite_%'").fetchall()
    for kind, name in rows:
        columns: frozenset[str] = frozenset()
        if kind == "table":
            columns = frozenset(str(r[1]) for r in conn.execute(
                f"PRAGMA table_info(\"{str(name).replace(chr(34), chr(34) * 2)}\")"))
        shape[f"{kind}:{name}"] = columns
    return shape


@functools.cache
def expected_schema(revision: str) -> SchemaShape:
    """Every table, column, index and trigger a database at ``revision`` must have: Alembic's
    own view, got by building an empty database to that revision (cached per process)."""
    from alembic import command

    from desktop.db.engine import make_engine

    if revision not in known_revisions():
        raise StorageError(f"Không biết phiên bản cấu trúc dữ liệu {revision}.")
    with tempfile.TemporaryDirectory(prefix="tdkt-schema-") as folder:
        path = Path(folder) / "reference.db"
        engine = make_engine(path)
        try:
            with engine.begin() as conn:
                cfg = _config()
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
        finally:
            engine.dispose()
        conn2 = sqlite3.connect(path)
        try:
            return schema_shape(conn2)
        finally:
            conn2.close()


def missing_schema(conn: sqlite3.Connection, revision: str) -> list[str]:
    """What a database claiming ``revision`` lacks ("table people", "column people.cccd"…)."""
    have = schema_shape(conn)
    missing: list[str] = []
    for key, columns in sorted(expected_schema(revision).items()):
        kind, name = key.split(":", 1)
        if key not in have:
            missing.append(f"{_KIND_VI.get(kind, kind)} {name}")
            continue
        missing.extend(f"cột {name}.{col}" for col in sorted(columns - have[key]))
    return missing


_KIND_VI = {"table": "bảng", "index": "chỉ mục", "trigger": "trigger"}


def sqlite_copy(source: Path, target: Path) -> None:
    """Consistent copy of a live SQLite database (WAL included) into a new file.

    The temporary file is named after this process (as the backups' are), so one left by a
    killed copy is recognised and removed by the next start's clean-up.
    """
    tmp = target.parent / f".tdkt-tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}-copy.tmp"
    try:
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
    finally:
        tmp.unlink(missing_ok=True)
