"""One engine per database file, with the SQLite pragmas that keep it safe and fast."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.errors import storage_error_for

BUSY_TIMEOUT_ENV = "TDKT_BUSY_TIMEOUT_MS"
DEFAULT_BUSY_TIMEOUT_MS = 10_000


def busy_timeout_ms() -> int:
    """How long a connection waits for another process's lock before giving up.

    ``TDKT_BUSY_TIMEOUT_MS`` shortens it (tests of the "database busy" path); a bad value falls
    back to the default rather than stopping the app.
    """
    try:
        value = int(os.environ.get(BUSY_TIMEOUT_ENV, ""))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT_MS
    return value if value >= 0 else DEFAULT_BUSY_TIMEOUT_MS


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL from a file path, or the URL itself (postgresql+psycopg://…)."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def make_engine(target: str | Path) -> Engine:
    url = database_url(target)
    if url.startswith("sqlite"):
        timeout = busy_timeout_ms()
        engine = create_engine(url, connect_args={"timeout": timeout / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "handle_error", _explain_sqlite_error)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy issue BEGIN itself (pysqlite's own transaction handling is off).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
    cursor.execute("PRAGMA cache_size=-32000")
    # Reads through a memory map: random row lookups (search, eligibility) skip a read()
    # system call per page; only pages actually touched count towards memory.
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.close()


def _explain_sqlite_error(context: ExceptionContext) -> None:
    """The one place where SQLite's "database is locked", "attempt to write a readonly
    database" and "disk full" become DomainErrors with a Vietnamese remedy, so every service,
    the CLI (exit 1) and the GUI (a message, "Thử lại" when busy) get them without a catch of
    their own. Runs for statement, commit and connect failures alike; anything else passes."""
    engine = context.engine
    database = engine.url.database if engine is not None else None
    translated = storage_error_for(context.original_exception, _display_path(database))
    if translated is not None:
        raise translated from context.sqlalchemy_exception


def _display_path(database: str | None) -> str | None:
    if not database or database == ":memory:":
        return None
    if database.startswith("file:"):  # a URI filename (?mode=ro&uri=true)
        return database[len("file:"):].split("?", 1)[0]
    return database


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
