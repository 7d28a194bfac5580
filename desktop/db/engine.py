"""One engine per database file, with the SQLite pragmas that keep it safe and fast."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.busy import busy_wait_ended, busy_wait_started
from desktop.domain.errors import DatabaseBusyError, storage_error_for

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
        # hide_parameters: a logged error never carries names or CCCD numbers of the query.
        engine = create_engine(url, connect_args={"timeout": timeout / 1000},
                               hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "handle_error", _explain_sqlite_error)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


MMAP_BYTES = 256 * 1024**2


@contextmanager
def without_memory_map(connection: Connection) -> Iterator[None]:
    """Work that reads most of a big database once (writing or importing a package) goes
    through SQLite's page cache instead of the memory map: every mapped page it touches would
    stay counted in the process's resident memory (a 600 MB province file)."""
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql("PRAGMA mmap_size=0")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA mmap_size={MMAP_BYTES}")


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
    cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
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


# A write waits this long for another program's lock before the wait is announced: an ordinary
# save of another window takes a few milliseconds and should not flash "đang chờ…".
QUIET_WAIT_MS = 250


def _sqlite_begin(connection: Any) -> None:
    # A writing unit of work takes the write lock up front: a deferred transaction that reads,
    # then writes after another process committed, fails at once with "database is locked"
    # instead of waiting for busy_timeout. Holding the lock from the first read also makes a
    # service's read-compare-write (the version an editor saw, see StaleEditError) atomic
    # across processes.
    write = connection.get_execution_options().get(WRITE_OPTION, False)
    if not write:
        connection.exec_driver_sql("BEGIN")
        return
    total = busy_timeout_ms()
    quiet = min(QUIET_WAIT_MS, total)
    raw = getattr(connection.connection, "driver_connection", None)
    if quiet >= total or not isinstance(raw, sqlite3.Connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        return
    _begin_waiting_visibly(connection, raw, quiet, total)


def _begin_waiting_visibly(connection: Any, raw: sqlite3.Connection, quiet: int,
                           total: int) -> None:
    """BEGIN IMMEDIATE within ``total`` ms: quietly for ``quiet`` ms, then announced (the CLI
    prints "đang chờ…", the GUI shows it) until the lock is free or the bound is reached, when
    the engine's error translation turns SQLite's "database is locked" into DatabaseBusyError.
    Any other failure is left to the ordinary statement below, so it is translated the same."""
    try:
        try:
            raw.execute(f"PRAGMA busy_timeout={quiet}")
            raw.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.Error as exc:
            busy = isinstance(storage_error_for(exc), DatabaseBusyError)
        if not busy:
            raw.execute(f"PRAGMA busy_timeout={total}")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        busy_wait_started(total / 1000)
        try:
            raw.execute(f"PRAGMA busy_timeout={total - quiet}")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        finally:
            busy_wait_ended()
    finally:
        try:
            raw.execute(f"PRAGMA busy_timeout={total}")
        except sqlite3.Error:  # the connection is gone; the pool will discard it
            pass


def make_sessionmaker(engine: Engine, installation_uuid: str = "", *,
                      write: bool = False) -> sessionmaker[Session]:
    bind = engine.execution_options(**{WRITE_OPTION: True}) if write else engine
    return sessionmaker(bind, expire_on_commit=False, info={"installation_uuid": installation_uuid})
