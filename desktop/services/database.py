"""Opening a database: migrate it, learn which installation it is, hand out short sessions."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.api.installation import InstallationInfo as InstallationInfo
from desktop.db.engine import database_url, make_engine, make_sessionmaker
from desktop.db.migrate import MigrationResult, preflight_sqlite_file, upgrade
from desktop.domain.errors import ReadOnlyStorageError, StorageError
from desktop.models import Installation
from desktop.paths import create_private_file, make_private

log = logging.getLogger(__name__)


class Database:
    """An open, migrated database. One per process; sessions are short and never leave services."""

    def __init__(self, engine: Engine, migration: MigrationResult) -> None:
        self.engine = engine
        self.migration = migration
        self._sessions: sessionmaker[Session] = make_sessionmaker(engine)
        self._writer: sessionmaker[Session] = make_sessionmaker(engine, write=True)
        self.refresh_installation()

    @classmethod
    def open(cls, target: str | Path, *, backup_dir: Path | None = None,
             create: bool = True) -> Database:
        """Open (and upgrade, after a backup) or create the database at ``target``."""
        url = database_url(target)
        if url.startswith("sqlite") and "://" not in str(target):
            path = Path(target).expanduser()
            if not path.exists() and not create:
                raise StorageError(f"Không tìm thấy tệp cơ sở dữ liệu: {path}")
            if path.exists() and path.is_dir():
                raise StorageError(f"Đường dẫn là một thư mục, không phải tệp dữ liệu: {path}")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ReadOnlyStorageError(str(path.parent), folder=True) from exc
            refuse_read_only(path)
            preflight_sqlite_file(path)
            _private_database_files(path)
        engine = make_engine(target)
        try:
            result = upgrade(engine, backup_dir)
        except Exception:
            engine.dispose()
            raise
        if result.backup_path is not None:
            make_private(result.backup_path)
        if result.from_revision != result.to_revision:
            log.info("Database %s migrated %s -> %s (backup: %s)", url, result.from_revision,
                     result.to_revision, result.backup_path)
        return cls(engine, result)

    @property
    def path(self) -> Path | None:
        database = self.engine.url.database
        if self.engine.url.get_backend_name() == "sqlite" and database:
            return Path(database)
        return None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.url.get_backend_name() == "sqlite"

    def refresh_installation(self) -> InstallationInfo | None:
        with self._sessions() as session:
            row = session.scalars(select(Installation).limit(1)).first()
            self.installation = _installation_info(row) if row else None
        info = {"installation_uuid": self.installation.uuid if self.installation else ""}
        self._sessions.kw["info"] = info
        self._writer.kw["info"] = info
        return self.installation

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A writing unit of work: commit on success, roll back on any error."""
        with self._writer.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def refuse_read_only(path: Path) -> None:
    """Say "read-only" up front, before SQLite's own error could be mistaken for damage.

    SQLite needs to write the file and to create ``-wal``/``-shm`` beside it. ``os.access``
    sees permission bits and the immutable flag; what it cannot see (root, network shares)
    still reaches the engine's error translation as SQLITE_READONLY.
    """
    if path.exists() and not os.access(path, os.W_OK):
        raise ReadOnlyStorageError(str(path))
    if not os.access(path.parent, os.W_OK):
        raise ReadOnlyStorageError(str(path.parent), folder=True)


def _private_database_files(path: Path) -> None:
    """The database holds names and CCCD numbers: a new file is created owner-only (0600)
    before SQLite opens it, so its -wal and -shm get that mode too; an existing one loses its
    group/other permissions (POSIX; nothing on Windows, see ``desktop.paths``)."""
    try:
        create_private_file(path)
    except OSError as exc:
        raise ReadOnlyStorageError(str(path.parent), folder=True) from exc
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        make_private(extra)


def _installation_info(row: Installation) -> InstallationInfo:
    return InstallationInfo(row.uuid, row.office_name, row.level, row.unit_id,
                            row.parent_office_name, row.parent_office_code, row.officer_name)
