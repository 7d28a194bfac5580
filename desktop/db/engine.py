"""One engine per database file, with the SQLite pragmas that keep it safe and fast."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL from a file path, or the URL itself (postgresql+psycopg://…)."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def make_engine(target: str | Path) -> Engine:
    url = database_url(target)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy issue BEGIN itself (pysqlite's own transaction handling is off).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA cache_size=-32000")
    # Reads through a memory map: random row lookups (search, eligibility) skip a read()
    # system call per page; only pages actually touched count towards memory.
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.close()


WRITE_OPTION = "tdkt_write"


def _sqlite_begin(connection: Any) -> None:
    # A writing unit of work takes the write lock up front: a deferred transaction that reads,
    # then writes after another process committed, fails at once with "database is locked"
    # instead of waiting for busy_timeout.
    write = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_sessionmaker(engine: Engine, installation_uuid: str = "", *,
                      write: bool = False) -> sessionmaker[Session]:
    bind = engine.execution_options(**{WRITE_OPTION: True}) if write else engine
    return sessionmaker(bind, expire_on_commit=False, info={"installation_uuid": installation_uuid})
