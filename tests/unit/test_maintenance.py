"""Backup, restore and integrity check (issue 10, "Backup and restore" 1-6).

The concurrency cases use a second real connection (or a second process) on the same file."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import uuid
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.api.maintenance import BACKUP_SUFFIX, is_damaged
from desktop.db.engine import make_engine
from desktop.db.migrate import head_revision
from desktop.domain.enums import Gender
from desktop.domain.errors import DatabaseBusyError, StorageError
from desktop.paths import AppPaths
from desktop.services import Services, backups
from desktop.services.attachments import store_file, stored_path
from desktop.services.maintenance import (
    backup_database,
    check_backup_file,
    rebuild_search_index,
    restore_database,
    verify_database,
)
from desktop.services.people import PeopleQuery, PersonInput


def _root(services: Services) -> int:
    return services.units.children(None)[0].id


def _add_person(services: Services, name: str) -> None:
    services.people.create(PersonInput(name, Gender.FEMALE, _root(services), ethnicity="Mông"))


def _attach(services: Services, paths: AppPaths, tmp_path: Path, content: bytes) -> str:
    """An attachment row and its stored file (as the nomination service keeps them)."""
    source = tmp_path / f"minh-chung-{uuid.uuid4().hex[:6]}.pdf"
    source.write_bytes(content)
    sha, size = store_file(source, paths.attachments)
    with services.db.session() as session:
        session.execute(text(
            "INSERT INTO attachments (uuid, owner_uuid, created_at, updated_at, version, sha256, "
            "file_name, size, description) VALUES (:u, '', :t, :t, 1, :sha, :name, :size, '')"),
            {"u": str(uuid.uuid4()), "t": datetime(2026, 1, 1), "sha": sha, "name": source.name,
             "size": size})
    return sha


@contextlib.contextmanager
def _db(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection, committed and really closed at the end (sqlite3's own context
    manager commits but leaves the connection open, which would hold the file)."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            yield conn
    finally:
        conn.close()


def _names(services: Services) -> list[str]:
    return [p.full_name for p in services.people.page(PeopleQuery(), 0, 50)]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- round trip -------------------------------------------------------------------------------
def test_backup_then_restore_brings_back_the_old_state(services: Services,
                                                       paths: AppPaths) -> None:
    _add_person(services, "Vàng Thị Mai")
    backup = backup_database(services.db, paths).path
    assert backup.suffix == BACKUP_SUFFIX
    assert check_backup_file(backup, paths.backups) == head_revision()
    _add_person(services, "Sùng Thị Tủa")
    assert services.people.count(PeopleQuery()) == 2
    db_path = services.db.path
    assert db_path is not None
    services.close()
    result = restore_database(db_path, backup, paths)
    assert result.safety_copy is not None and result.safety_copy.exists()
    reopened = Services.open(db_path, paths)
    try:
        assert _names(reopened) == ["Vàng Thị Mai"]
        assert all(check.ok for check in verify_database(reopened.db, paths.attachments))
        assert reopened.people.count(PeopleQuery(text="tua")) == 0
    finally:
        reopened.close()


def test_restore_refuses_a_file_that_is_not_a_backup(services: Services, paths: AppPaths,
                                                     tmp_path: Path) -> None:
    junk = tmp_path / "bang-diem.xlsx"
    junk.write_bytes(b"PK\x03\x04 not a database" * 100)
    db_path = services.db.path
    assert db_path is not None
    services.close()
    before = _digest(db_path)
    with pytest.raises(StorageError, match="không phải bản sao lưu"):
        restore_database(db_path, junk, paths)
    with pytest.raises(StorageError, match="Không tìm thấy"):
        restore_database(db_path, tmp_path / "missing.db", paths)
    assert _digest(db_path) == before
    assert not list(paths.backups.iterdir())  # no safety copy, no temporary file


def test_verify_reports_a_damaged_search_index_and_rebuild_fixes_it(services: Services) -> None:
    _add_person(services, "Lý Thị Sáng")
    assert all(check.ok for check in verify_database(services.db))
    db_path = services.db.path
    assert db_path is not None
    with _db(db_path) as conn:  # the index goes stale; the schema stays whole
        trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name='people_fts_au'").fetchone()
        conn.execute("DROP TRIGGER people_fts_au")
        conn.execute("UPDATE people SET search_key = 'khac han' WHERE full_name = 'Lý Thị Sáng'")
        conn.execute(trigger[0])
    results = verify_database(services.db)
    by_name = {check.name: check for check in results}
    assert not by_name["search_index"].ok
    assert "không khớp" in by_name["search_index"].message
    assert not is_damaged(results)  # a rebuild, never a restore, is the remedy
    assert "khôi phục" not in by_name["search_index"].advice.casefold()
    rebuild_search_index(services.db)
    assert {c.name: c.ok for c in verify_database(services.db)}["search_index"]


# -- 1. verify reads a snapshot; busy is not damage -------------------------------------------
def test_verify_while_another_connection_writes_is_healthy(services: Services,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TDKT_BUSY_TIMEOUT_MS", "200")
    db_path = services.db.path
    assert db_path is not None
    writer = make_engine(db_path).execution_options(tdkt_write=True)  # a second engine
    try:
        with writer.connect() as conn, conn.begin():  # BEGIN IMMEDIATE: holds the write lock
            conn.exec_driver_sql("UPDATE units SET name = name || ' ' WHERE id = 1")
            started = time.monotonic()
            results = verify_database(services.db)
            elapsed = time.monotonic() - started
            conn.rollback()
    finally:
        writer.engine.dispose()
    assert all(r.ok for r in results), [r.message for r in results if not r.ok]
    assert elapsed < 5


def test_verify_says_busy_not_damaged_when_the_file_is_locked(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TDKT_BUSY_TIMEOUT_MS", "200")
    db_path = services.db.path
    assert db_path is not None
    services.close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseBusyError):
            backups.verify_live(db_path, db_path.parent, None, head_revision())
    finally:
        holder.close()


def test_verify_of_a_really_damaged_file_advises_a_restore(services: Services,
                                                           paths: AppPaths) -> None:
    db_path = services.db.path
    assert db_path is not None
    services.close()
    with _db(db_path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='people'").fetchone()[0]
    with db_path.open("r+b") as f:  # scribble over the people table's root page
        f.seek((root - 1) * page_size)
        f.write(b"\x0d\xff\xff\x00\x07" + b"\xee" * 300)
    results = backups.verify_live(db_path, paths.backups, None, head_revision())
    assert is_damaged(results)
    assert any("khôi phục" in r.advice.casefold() for r in results if not r.ok)


# -- 3 (verify part). missing attachment files are reported -------------------------------------
def test_verify_reports_attachments_whose_file_is_missing(services: Services, paths: AppPaths,
                                                          tmp_path: Path) -> None:
    kept = _attach(services, paths, tmp_path, b"%PDF-1.4 bien ban")
    lost = _attach(services, paths, tmp_path, b"%PDF-1.4 quyet dinh")
    assert all(r.ok for r in verify_database(services.db, paths.attachments))
    stored_path(paths.attachments, lost).unlink()
    results = {r.name: r for r in verify_database(services.db, paths.attachments)}
    assert not results["attachments"].ok
    assert "Thiếu 1 tệp đính kèm" in results["attachments"].message
    assert lost[:12] in results["attachments"].message and kept[:12] not in results[
        "attachments"].message
    assert not is_damaged(list(results.values()))


# -- 2. restore refuses while another connection is open --------------------------------------
def test_restore_refuses_while_another_engine_has_the_database_open(
        services: Services, paths: AppPaths) -> None:
    _add_person(services, "Vàng Thị Mai")
    backup = backup_database(services.db, paths).path
    _add_person(services, "Sùng Thị Tủa")
    db_path = services.db.path
    assert db_path is not None
    # ``services`` stays open (as another window or a tdkt command would): an idle reader
    assert services.people.count(PeopleQuery()) == 2
    with pytest.raises(DatabaseBusyError, match="đang được mở ở nơi khác") as refused:
        restore_database(db_path, backup, paths)
    assert "TĐKT Desktop" in str(refused.value) and "lệnh tdkt" in str(refused.value)
    assert "không bị thay đổi" in str(refused.value)
    _add_person(services, "Lò Thị Hoa")  # the other program goes on, with nothing lost
    assert services.people.count(PeopleQuery()) == 3
    assert not list(paths.backups.glob("tdkt_truoc-khoi-phuc_*"))


def test_restore_refusal_names_the_other_process(services: Services, paths: AppPaths) -> None:
    backup = backup_database(services.db, paths).path
    db_path = services.db.path
    assert db_path is not None
    services.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sqlite3, sys, time
            conn = sqlite3.connect({str(db_path)!r})
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("SELECT count(*) FROM people").fetchone()
            print("open", flush=True)
            time.sleep(60)
        """)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"open"
        with pytest.raises(DatabaseBusyError) as refused:
            restore_database(db_path, backup, paths)
        if sys.platform.startswith("linux"):
            assert f"PID {holder.pid}" in str(refused.value)
    finally:
        holder.kill()
        holder.communicate()
    assert restore_database(db_path, backup, paths).safety_copy is not None  # alone: it works


# -- 3. one file with everything, verified; no big temporary file left --------------------------
def test_backup_is_one_file_with_database_attachments_templates_and_manifest(
        services: Services, paths: AppPaths, tmp_path: Path) -> None:
    _add_person(services, "Vàng Thị Mai")
    sha = _attach(services, paths, tmp_path, b"%PDF-1.4 to trinh" * 1000)
    (paths.templates / "to_trinh.docx").write_bytes(b"PK template of the officer")
    db_path = services.db.path
    assert db_path is not None
    info = backup_database(services.db, paths)
    assert [p.name for p in paths.backups.iterdir()] == [info.path.name]  # nothing else left
    with zipfile.ZipFile(info.path) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        assert {"database.sqlite", f"attachments/{sha[:2]}/{sha}", "templates/to_trinh.docx",
                "manifest.json"} == names
        for name, digest in manifest["files"].items():
            assert hashlib.sha256(zf.read(name)).hexdigest() == digest
        snap = tmp_path / "snap.db"
        snap.write_bytes(zf.read("database.sqlite"))
    assert manifest["counts"] == {"units": 1, "people": 1, "attachments": 1, "templates": 1}
    assert info.counts == manifest["counts"] and manifest["revision"] == head_revision()
    with _db(snap) as conn:  # a self-contained snapshot, not a live WAL file
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 1
    # restoring it on a machine that lost the files puts them back
    stored_path(paths.attachments, sha).unlink()
    (paths.templates / "to_trinh.docx").unlink()
    services.close()
    result = restore_database(db_path, info.path, paths)
    assert result.attachments_restored == 1 and result.templates_restored == 1
    assert stored_path(paths.attachments, sha).read_bytes() == b"%PDF-1.4 to trinh" * 1000
    assert (paths.templates / "to_trinh.docx").read_bytes() == b"PK template of the officer"


def test_a_tampered_backup_is_refused_when_checked(services: Services, paths: AppPaths,
                                                   tmp_path: Path) -> None:
    info = backup_database(services.db, paths)
    tampered = tmp_path / "sua.tdkt-backup"
    with zipfile.ZipFile(info.path) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "database.sqlite":
                data = data[:-10] + b"x" * 10
            dst.writestr(item, data)
    with pytest.raises(StorageError, match="SHA-256"):
        backups.verify_backup_file(tampered)


def test_a_killed_backup_leaves_a_temporary_file_that_the_next_start_removes(
        services: Services, paths: AppPaths) -> None:
    db_path = services.db.path
    assert db_path is not None
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from desktop.paths import app_paths
        from desktop.services import backups
        real_add = backups._add
        def slow_add(zf, source, name, method):
            digest = real_add(zf, source, name, method)
            print("writing", flush=True)
            time.sleep(60)
            return digest
        backups._add = slow_add
        backups.create_backup(Path({str(db_path)!r}), app_paths({str(paths.data.parent)!r}))
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            cwd=Path(__file__).resolve().parents[2])
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"writing"
        left = list(paths.backups.glob(".tdkt-tmp-*"))
        assert left
    finally:
        proc.send_signal(signal.SIGKILL) if hasattr(signal, "SIGKILL") else proc.kill()
        proc.communicate()
    assert all(p.exists() for p in left)  # kill -9 leaves them...
    live = backups._tmp_path(paths.backups, "mine")  # ...a running writer's file is kept
    live.write_bytes(b"in progress")
    removed = backups.clean_stale(paths.backups)
    assert sorted(removed) == sorted(left)
    assert live.exists() and not list(paths.backups.glob(f".tdkt-tmp-{proc.pid}-*"))
    live.unlink()
    info = backup_database(services.db, paths)  # and the next backup is fine
    assert info.path.is_file()


def test_old_plain_db_backups_remain_restorable(services: Services, paths: AppPaths) -> None:
    _add_person(services, "Vàng Thị Mai")
    db_path = services.db.path
    assert db_path is not None
    old = paths.backups / "tdkt_saoluu_20250101-080000.db"
    src, dst = sqlite3.connect(db_path), sqlite3.connect(old)
    src.backup(dst)
    src.close()
    dst.close()
    _add_person(services, "Sùng Thị Tủa")
    services.close()
    assert restore_database(db_path, old, paths).safety_copy is not None
    reopened = Services.open(db_path, paths)
    try:
        assert _names(reopened) == ["Vàng Thị Mai"]
    finally:
        reopened.close()


# -- 4. the candidate is checked before anything is replaced ----------------------------------
def _only_alembic_version(path: Path) -> Path:
    with _db(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES (?)", (head_revision(),))
    return path


def _without_an_index(source: Path, target: Path) -> Path:
    with _db(source) as src, _db(target) as dst:
        src.backup(dst)
    with _db(target) as conn:
        conn.execute("DROP INDEX ix_attachments_sha256")
    return target


def _with_a_broken_link(source: Path, target: Path) -> Path:
    with _db(source) as src, _db(target) as dst:
        src.backup(dst)
    with _db(target) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE units SET parent_id = 999 WHERE id = 1")
    return target


@pytest.mark.parametrize("make", ["alembic_only", "missing_index", "broken_link"])
def test_restore_refuses_an_incomplete_or_inconsistent_backup(
        services: Services, paths: AppPaths, tmp_path: Path, make: str) -> None:
    db_path = services.db.path
    assert db_path is not None
    services.close()
    candidate = {"alembic_only": lambda: _only_alembic_version(tmp_path / "rong.db"),
                 "missing_index": lambda: _without_an_index(db_path, tmp_path / "thieu.db"),
                 "broken_link": lambda: _with_a_broken_link(db_path, tmp_path / "hong.db")}[make]()
    before = _digest(db_path)
    with pytest.raises(StorageError, match="không bị thay đổi") as refused:
        restore_database(db_path, candidate, paths)
    assert {"alembic_only": "Thiếu", "missing_index": "ix_attachments_sha256",
            "broken_link": "trỏ tới bản ghi không tồn tại"}[make] in str(refused.value)
    assert _digest(db_path) == before
    reopened = Services.open(db_path, paths)  # every command still works
    reopened.close()


def test_a_failed_replacement_says_where_the_safety_copy_is(
        services: Services, paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    _add_person(services, "Vàng Thị Mai")
    backup = backup_database(services.db, paths).path
    db_path = services.db.path
    assert db_path is not None
    services.close()

    def failing_copy(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(backups, "_copy_into", failing_copy)
    with pytest.raises(StorageError) as failed:
        restore_database(db_path, backup, paths)
    safety = next(paths.backups.glob("tdkt_truoc-khoi-phuc_*.db"))
    assert str(safety) in str(failed.value)


# -- 5. safety copies are never overwritten ---------------------------------------------------
def test_two_restores_in_one_second_keep_both_safety_copies(
        services: Services, paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    _add_person(services, "Vàng Thị Mai")
    first = backup_database(services.db, paths).path
    _add_person(services, "Sùng Thị Tủa")
    db_path = services.db.path
    assert db_path is not None
    services.close()

    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz: object = None) -> FrozenClock:  # type: ignore[override]
            return cls(2026, 3, 1, 9, 30, 15)

    monkeypatch.setattr(backups, "datetime", FrozenClock)
    one = restore_database(db_path, first, paths).safety_copy
    two = restore_database(db_path, first, paths).safety_copy
    assert one is not None and two is not None and one != two
    with _db(one) as a, _db(two) as b:  # the original's copy survives
        assert a.execute("SELECT count(*) FROM people").fetchone()[0] == 2
        assert b.execute("SELECT count(*) FROM people").fetchone()[0] == 1


# -- 6. automatic backups: daily and weekly, rotated, overdue warning -----------------------------
def _fake_backup(folder: Path, kind: str, created: datetime) -> Path:
    path = folder / f"tdkt_{kind}_{created:%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", json.dumps({
            "format": backups.FORMAT, "format_version": 1, "kind": kind, "revision": "0008",
            "created": created.isoformat(), "counts": {"units": 1, "people": 0}, "files": {}}))
    return path


def test_automatic_backup_once_a_day_verified(services: Services, paths: AppPaths,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    db_path = services.db.path
    assert db_path is not None
    checked: list[Path] = []
    real_verify = backups.verify_backup_file
    monkeypatch.setattr(backups, "verify_backup_file",
                        lambda path: checked.append(path) or real_verify(path))
    monday = datetime(2026, 3, 2, 8, 0)
    first = backups.automatic_backup(db_path, paths, "start", now=monday)
    assert first is not None and first.kind == "weekly" and checked == [first.path]
    assert backups.automatic_backup(db_path, paths, "start", now=monday + timedelta(hours=3)) is None
    second = backups.automatic_backup(db_path, paths, "start", now=monday + timedelta(days=1))
    assert second is not None and second.kind == "daily"
    closing = backups.automatic_backup(db_path, paths, "close",
                                       now=monday + timedelta(days=1, hours=9))
    assert closing is not None and closing.kind == "close"
    # one per day is kept: the closing one (newer data) replaces the day's start-up one
    assert [b.kind for b in backups.list_backups(paths.backups)] == ["close", "weekly"]
    assert backups.automatic_backup(db_path, paths, "start",
                                    now=monday + timedelta(days=1, hours=2)) is None
    assert len(checked) == 3  # each one was read back after writing


def test_rotation_keeps_seven_daily_and_four_weekly(paths: AppPaths) -> None:
    today = datetime(2026, 3, 31, 9, 0)
    for days_ago in range(60):
        day = today - timedelta(days=days_ago)
        kind = "weekly" if day.weekday() == 0 else "daily"
        _fake_backup(paths.backups, kind, day)
    manual = _fake_backup(paths.backups, "manual", today - timedelta(days=50))
    backups.rotate(paths.backups, today=today.date())
    left = backups.list_backups(paths.backups)
    auto = [b for b in left if b.kind != "manual"]
    days = {b.created.date() for b in auto}
    assert {(today - timedelta(days=n)).date() for n in range(7)} <= days
    weeklies = [b for b in auto if b.kind == "weekly"]
    assert len(weeklies) == 4
    assert len(auto) == 7 + 3  # this week's Monday is one of the seven days
    assert manual.exists()  # an officer's own backup is never rotated away


def test_backup_status_is_overdue_after_a_week(paths: AppPaths) -> None:
    now = datetime(2026, 3, 31, 9, 0)
    assert backups.backup_status(paths.backups, now).overdue  # none at all
    _fake_backup(paths.backups, "daily", now - timedelta(days=8))
    status = backups.backup_status(paths.backups, now)
    assert status.overdue and status.last is not None
    _fake_backup(paths.backups, "daily", now - timedelta(days=2))
    assert not backups.backup_status(paths.backups, now).overdue


def test_writer_alive_check_uses_the_process_id(paths: AppPaths) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    stale = paths.backups / f".tdkt-tmp-{int(dead.stdout)}-abcd1234-backup.tmp"
    stale.write_bytes(b"x")
    mine = paths.backups / f".tdkt-tmp-{os.getpid()}-abcd1234-backup.tmp"
    mine.write_bytes(b"x")
    assert backups.clean_stale(paths.backups) == [stale]
    assert mine.exists()
