"""A database held by another process, a read-only data file or folder, an unwritable home:
each becomes a DomainError whose Vietnamese message says what happened and what to do, never
"damaged, restore from backup" and never a raw traceback."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from readonly_helpers import read_only

from desktop.db import engine as engine_module
from desktop.domain.enums import UnitKind
from desktop.domain.errors import (
    BUSY_MESSAGE,
    DatabaseBusyError,
    DataFolderError,
    DomainError,
    ReadOnlyStorageError,
    StorageError,
    storage_error_for,
)
from desktop.paths import AppPaths, app_paths
from desktop.services import Services
from desktop.services import database as database_module
from desktop.services.database import Database
from desktop.services.units import UnitInput

DAMAGED = "không phải cơ sở dữ liệu TĐKT"


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """What a second instance, ``tdkt`` or an antivirus scan does: hold the write lock."""
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        yield
        holder.execute("ROLLBACK")
    finally:
        holder.close()


@pytest.fixture
def short_busy(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv(engine_module.BUSY_TIMEOUT_ENV, "300")
    return 300


# -- busy ------------------------------------------------------------------------------------------
def test_write_while_another_process_holds_the_lock_is_a_busy_refusal(
        short_busy: int, configured_template: Path, paths: AppPaths) -> None:
    db_path = paths.default_database
    db_path.write_bytes(configured_template.read_bytes())
    services = Services.open(db_path, paths)
    try:
        assert services.db.installation is not None
        root = services.db.installation.unit_id
        new = UnitInput("Xã Mường So", "MSO", UnitKind.COMMUNE, parent_id=root)
        with exclusive_lock(db_path):
            started = time.monotonic()
            with pytest.raises(DatabaseBusyError) as caught:
                services.units.create(new)
            waited = time.monotonic() - started
            assert services.units.count() == 1  # reading still works while it is held
        assert isinstance(caught.value, DomainError)
        assert str(caught.value) == BUSY_MESSAGE
        assert "diệt virus" in str(caught.value) and "thử lại" in str(caught.value)
        assert 0.25 <= waited < 5, waited  # waited the short busy timeout, not the default 10 s
        created = services.units.create(new)  # the lock is gone: the same call now works
        assert created.code == "MSO"
    finally:
        services.close()


def test_busy_timeout_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(engine_module.BUSY_TIMEOUT_ENV, raising=False)
    assert engine_module.busy_timeout_ms() == engine_module.DEFAULT_BUSY_TIMEOUT_MS == 10_000
    monkeypatch.setenv(engine_module.BUSY_TIMEOUT_ENV, "250")
    assert engine_module.busy_timeout_ms() == 250
    monkeypatch.setenv(engine_module.BUSY_TIMEOUT_ENV, "soon")
    assert engine_module.busy_timeout_ms() == 10_000


def test_errors_are_classified_by_sqlite_code(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    ro = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as raw:
            ro.execute("INSERT INTO t VALUES (1)")
    finally:
        ro.close()
    assert isinstance(storage_error_for(raw.value, str(path)), ReadOnlyStorageError)

    class CodedError(Exception):
        def __init__(self, code: int) -> None:
            self.sqlite_errorcode = code

    assert isinstance(storage_error_for(CodedError(5)), DatabaseBusyError)  # SQLITE_BUSY
    assert isinstance(storage_error_for(CodedError(5 | (3 << 8))), DatabaseBusyError)  # BUSY_TIMEOUT
    assert isinstance(storage_error_for(CodedError(6)), DatabaseBusyError)  # SQLITE_LOCKED
    folder = storage_error_for(CodedError(1544), "/srv/share")  # SQLITE_READONLY_DIRECTORY
    assert isinstance(folder, ReadOnlyStorageError) and folder.folder
    assert "Thư mục" in str(folder) and "/srv/share" in str(folder)
    full = storage_error_for(CodedError(13))
    assert isinstance(full, StorageError) and "đầy" in str(full)
    assert storage_error_for(CodedError(11)) is None  # SQLITE_CORRUPT stays "damaged"
    assert storage_error_for(ValueError("database is locked")) is None  # never by text


# -- read-only -------------------------------------------------------------------------------------
def _configured_copy(configured_template: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "tdkt.db"
    target.write_bytes(configured_template.read_bytes())
    return target


def _assert_read_only_message(error: BaseException, *, folder: bool) -> None:
    assert isinstance(error, ReadOnlyStorageError)
    text = str(error)
    assert DAMAGED not in text and "khôi phục" not in text
    assert "chỉ cho phép đọc" in text
    assert "chép tệp dữ liệu sang một thư mục ghi được" in text and "quyền ghi" in text
    assert error.folder is folder
    assert ("Thư mục" in text) is folder


def test_read_only_file_is_said_to_be_read_only(configured_template: Path, tmp_path: Path,
                                                paths: AppPaths) -> None:
    db_path = _configured_copy(configured_template, tmp_path / "share")
    with read_only(db_path), pytest.raises(StorageError) as caught:
        Services.open(db_path, paths, create=False)
    _assert_read_only_message(caught.value, folder=False)
    assert str(db_path) in str(caught.value)


def test_read_only_folder_is_said_to_be_read_only(configured_template: Path, tmp_path: Path,
                                                  paths: AppPaths) -> None:
    db_path = _configured_copy(configured_template, tmp_path / "share")
    with read_only(db_path.parent), pytest.raises(StorageError) as caught:
        Services.open(db_path, paths, create=False)
    _assert_read_only_message(caught.value, folder=True)


def test_sqlite_read_only_error_is_translated_where_os_access_sees_nothing(
        configured_template: Path, tmp_path: Path, paths: AppPaths,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A network share or root: ``os.access`` says yes, SQLite then fails to write. The
    engine's translation must still say read-only, not damaged."""
    monkeypatch.setattr(database_module.os, "access", lambda *_a, **_kw: True)
    db_path = _configured_copy(configured_template, tmp_path / "share")
    with read_only(db_path.parent), pytest.raises(StorageError) as caught:
        Services.open(db_path, paths, create=False)
    _assert_read_only_message(caught.value, folder=True)


def test_read_only_uri_refuses_start_up_and_writes(tmp_path: Path, paths: AppPaths) -> None:
    """No root tricks: SQLite's own read-only mode. A file not yet in WAL mode cannot even be
    opened for work (switching to WAL is a write); one in WAL mode opens, and its first write is
    refused with the read-only message."""
    plain = tmp_path / "plain.db"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError) as caught:
        Database.open(f"sqlite:///file:{plain}?mode=ro&uri=true")
    _assert_read_only_message(caught.value, folder=False)

    wal = paths.default_database
    Services.open(wal, paths).close()  # migrated, in WAL mode
    services = Services.open(f"sqlite:///file:{wal}?mode=ro&uri=true", paths, create=False)
    try:
        with pytest.raises(ReadOnlyStorageError) as write:
            services.units.create(UnitInput("Xã Mường So", "MSO", UnitKind.COMMUNE))
        _assert_read_only_message(write.value, folder=False)
        assert str(wal) in str(write.value)
    finally:
        services.close()


# -- the app's own folders -------------------------------------------------------------------------
def test_unwritable_home_names_the_folder_and_the_way_out(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(DataFolderError) as caught:
        app_paths(blocker / "home").ensure()
    text = str(caught.value)
    assert str(blocker / "home" / "data") in text
    assert "--home" in text and "TDKT_HOME" in text


def test_read_only_home_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    with read_only(home), pytest.raises(DataFolderError) as caught:
        app_paths(home).ensure()
    assert str(home / "data") in str(caught.value) or str(home / "config") in str(caught.value)
    assert "TDKT_HOME" in str(caught.value)
