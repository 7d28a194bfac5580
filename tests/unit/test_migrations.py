"""One path builds and upgrades databases; newer or foreign databases are refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from desktop.db.engine import make_engine
from desktop.db.migrate import current_revision, head_revision, upgrade
from desktop.domain.errors import StorageError
from desktop.models import Base
from desktop.services.database import Database


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fresh_database_reaches_head_and_matches_the_models(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "new.db", backup_dir=tmp_path / "backups")
    assert current_revision(db.engine) == head_revision()
    assert db.migration.from_revision is None and db.migration.backup_path is None

    def ignore_fts(obj: object, name: str | None, type_: str, *_: object) -> bool:
        return not (type_ == "table" and name is not None and name.startswith("people_fts"))

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": ignore_fts})
        assert compare_metadata(context, Base.metadata) == []
    db.close()


def test_old_database_is_backed_up_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(path)
    upgrade(engine, None, target="0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO units (id, uuid, owner_uuid, created_at, updated_at, version, name, "
            "short_name, code, kind, level, address, search_key, sort_key) VALUES (1, 'u1', 'o', "
            "'2024-01-01', '2024-01-01', 1, 'Xã Bình Lư', '', 'BL', 'commune', 'commune', '', "
            "'xa binh lu', 'k')")
        conn.exec_driver_sql(
            "INSERT INTO people (id, uuid, owner_uuid, created_at, updated_at, version, "
            "full_name, gender, ethnicity, position, unit_id, is_unit_head, is_direct_worker, "
            "note, search_key, sort_key) VALUES (1, 'p1', 'o', '2024-01-01', '2024-01-01', 1, "
            "'Lò Văn Đức', 'male', 'Thái', '', 1, 0, 0, '', 'lo van duc', 'k')")
    engine.dispose()

    db = Database.open(path, backup_dir=tmp_path / "backups")
    assert db.migration.from_revision == "0001"
    assert current_revision(db.engine) == head_revision()
    backup = db.migration.backup_path
    assert backup is not None and backup.exists()
    with sqlite3.connect(backup) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    with db.engine.connect() as conn:
        found = conn.exec_driver_sql(
            "SELECT rowid FROM people_fts WHERE people_fts MATCH '\"duc\"*'").fetchall()
    assert found == [(1,)], "the upgrade must index people that existed before it"
    db.close()


def test_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    Database.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = _digest(path)
    with pytest.raises(StorageError, match="phiên bản TĐKT Desktop mới hơn"):
        Database.open(path, backup_dir=tmp_path / "backups")
    assert _digest(path) == before
    assert not (tmp_path / "backups").exists()


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    before = _digest(path)
    with pytest.raises(StorageError, match="không phải của TĐKT Desktop"):
        Database.open(path)
    assert _digest(path) == before


def test_garbage_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"This is a Word document, not a database." * 50)
    before = _digest(path)
    with pytest.raises(StorageError, match="không phải cơ sở dữ liệu"):
        Database.open(path)
    assert _digest(path) == before


def test_missing_file_is_refused_when_creation_is_not_wanted(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="Không tìm thấy"):
        Database.open(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_pragmas_are_on(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "p.db")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
    db.close()


def test_schema_head_constant_matches_the_migration_scripts() -> None:
    from desktop.db.migrate import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD


def test_opening_an_up_to_date_database_does_not_load_alembic(tmp_path: Path) -> None:
    """Start-up stays fast: the migration machinery is loaded only when there is work."""
    import subprocess
    import sys

    Database.open(tmp_path / "ready.db").close()
    code = ("import sys; from desktop.services.database import Database; "
            f"Database.open({str(tmp_path / 'ready.db')!r}).close(); "
            "print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_heads_flagged_before_positions_existed_become_open_head_positions(
        tmp_path: Path) -> None:
    """0011: a person marked head of the unit becomes a head position in that unit, open at
    both ends and with their job title; others get none; unit targets gain "không áp dụng"."""
    path = tmp_path / "heads.db"
    engine = make_engine(path)
    upgrade(engine, None, target="0010")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO units (id, uuid, owner_uuid, created_at, updated_at, version, name, "
            "short_name, code, kind, level, address, search_key, sort_key) VALUES (1, 'u1', "
            "'o', '2024-01-01', '2024-01-01', 1, 'Xã Bình Lư', '', 'BL', 'commune', 'commune', "
            "'', 'xa binh lu', 'k')")
        for pid, name, head, title in ((1, "Lò Văn Đức", 1, "Chủ tịch UBND xã"),
                                       (2, "Lò Thị Mai", 0, "Văn thư"),
                                       (3, "Vàng A Páo", 1, "")):
            conn.exec_driver_sql(
                "INSERT INTO people (id, uuid, owner_uuid, created_at, updated_at, version, "
                "full_name, gender, ethnicity, position, unit_id, is_unit_head, "
                "is_direct_worker, note, search_key, sort_key) VALUES (?, ?, 'o', '2024-01-01', "
                "'2024-01-01', 1, ?, 'male', 'Thái', ?, 1, ?, 0, '', '', 'k')",
                (pid, f"p{pid}", name, title, head))
    engine.dispose()

    db = Database.open(path, backup_dir=tmp_path / "backups")
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT person_id, unit_id, title, is_head, start_date, end_date, owner_uuid, "
            "length(uuid) FROM person_positions ORDER BY person_id").fetchall()
        columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(unit_targets)")]
    assert rows == [(1, 1, "Chủ tịch UBND xã", 1, None, None, "o", 36),
                    (3, 1, "Người đứng đầu", 1, None, None, "o", 36)]
    assert "not_applicable" in columns
    db.close()
