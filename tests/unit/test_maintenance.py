"""Backup, restore and integrity check."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.db.migrate import head_revision
from desktop.domain.enums import Gender
from desktop.domain.errors import StorageError
from desktop.paths import AppPaths
from desktop.services import Services
from desktop.services.maintenance import (
    backup_database,
    check_backup_file,
    rebuild_search_index,
    restore_database,
    verify_database,
)
from desktop.services.people import PeopleQuery, PersonInput


def test_backup_then_restore_brings_back_the_old_state(services: Services,
                                                       paths: AppPaths) -> None:
    root = services.units.children(None)[0].id
    services.people.create(PersonInput("Vàng Thị Mai", Gender.FEMALE, root, ethnicity="Mông"))
    backup = backup_database(services.db, None, paths.backups)
    assert check_backup_file(backup) == head_revision()
    services.people.create(PersonInput("Sùng A Tủa", Gender.MALE, root, ethnicity="Mông"))
    assert services.people.count(PeopleQuery()) == 2
    db_path = services.db.path
    assert db_path is not None
    services.close()
    safety = restore_database(db_path, backup, paths.backups)
    assert safety.exists()
    reopened = Services.open(db_path, paths)
    try:
        assert [p.full_name for p in reopened.people.page(PeopleQuery(), 0, 10)] == ["Vàng Thị Mai"]
        assert all(check.ok for check in verify_database(reopened.db))
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
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match="không phải bản sao lưu"):
        restore_database(db_path, junk, paths.backups)
    with pytest.raises(StorageError, match="Không tìm thấy"):
        restore_database(db_path, tmp_path / "missing.db", paths.backups)
    assert db_path.read_bytes() == before


def test_verify_reports_a_damaged_search_index_and_rebuild_fixes_it(services: Services) -> None:
    root = services.units.children(None)[0].id
    services.people.create(PersonInput("Lý A Sáng", Gender.MALE, root, ethnicity="Dao"))
    assert all(check.ok for check in verify_database(services.db))
    db_path = services.db.path
    assert db_path is not None
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TRIGGER people_fts_au")
        conn.execute("UPDATE people SET search_key = 'khac han' WHERE full_name = 'Lý A Sáng'")
    results = {check.name: check for check in verify_database(services.db)}
    assert not results["search_index"].ok
    assert "không khớp" in results["search_index"].message
    rebuild_search_index(services.db)
    assert {c.name: c.ok for c in verify_database(services.db)}["search_index"]
