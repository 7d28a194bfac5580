"""Issue 10, point 13: the database (and its -wal/-shm), backups, safety copies, exports, the
log and the data folders are readable by their owner only (POSIX; Windows keeps the folder's
access list), and the log names a command's options, never the values typed after them."""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop import logging_setup
from desktop.cli import build_parser
from desktop.paths import AppPaths, app_paths, create_private_file, make_private, private_dir
from desktop.services import Services
from desktop.services.attachments import export_file, store_file, stored_path
from desktop.services.backups import create_backup, restore
from desktop.services.blocs.excel import BlocExcelService
from desktop.services.database import Database
from desktop.services.files import atomic_write

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The usual 022: without the fix, every file here came out 0644 and every folder 0755."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_helpers_create_owner_only_and_never_add_permissions(tmp_path: Path) -> None:
    os.umask(0o000)  # modes must not depend on the umask
    assert mode(create_private_file(tmp_path / "a.db")) == 0o600
    assert mode(private_dir(tmp_path / "x" / "y")) == 0o700
    shared = tmp_path / "shared.txt"
    shared.write_text("x")
    shared.chmod(0o644)
    create_private_file(shared)  # existing: tightened, content kept
    assert mode(shared) == 0o600 and shared.read_text() == "x"
    read_only = tmp_path / "ro.txt"
    read_only.write_text("x")
    read_only.chmod(0o444)
    make_private(read_only)
    assert mode(read_only) == 0o400  # group/other withdrawn, write not granted
    folder = tmp_path / "old"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    private_dir(folder)
    assert mode(folder) == 0o700


def test_data_folders_are_owner_only(tmp_path: Path) -> None:
    paths = app_paths(tmp_path / "home").ensure()
    for folder in (paths.data, paths.config, paths.logs, paths.backups, paths.templates,
                   paths.attachments):
        assert mode(folder) == 0o700, folder


def test_database_wal_and_shm_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "moi.db"
    db = Database.open(path)
    try:
        with db.session() as s:  # a write: the -wal and -shm files exist while it is open
            s.execute(text("CREATE TABLE t (x INTEGER)"))
        for suffix in ("", "-wal", "-shm"):
            assert mode(path.with_name(path.name + suffix)) == 0o600, suffix
    finally:
        db.close()


def test_an_existing_world_readable_database_is_tightened(tmp_path: Path,
                                                          configured_template: Path) -> None:
    path = tmp_path / "cu.db"
    path.write_bytes(configured_template.read_bytes())
    path.chmod(0o644)
    Database.open(path).close()
    assert mode(path) == 0o600


def test_backups_safety_copies_and_restored_files_are_owner_only(services: Services,
                                                                 paths: AppPaths,
                                                                 tmp_path: Path) -> None:
    db = paths.default_database
    info = create_backup(db, paths)
    assert mode(info.path) == 0o600
    elsewhere = create_backup(db, paths, tmp_path / "usb")  # a folder of the officer's choice
    assert mode(elsewhere.path) == 0o600
    services.close()
    result = restore(db, info.path, paths)
    assert result.safety_copy is not None and mode(result.safety_copy) == 0o600
    assert mode(db) == 0o600
    fresh = tmp_path / "khac" / "tdkt.db"  # restoring where there is no database yet
    restore(fresh, info.path, paths)
    assert mode(fresh) == 0o600


def test_exports_are_owner_only(services: Services, tmp_path: Path) -> None:
    def recreate(tmp: Path) -> None:  # a writer that removes the file and makes a new one
        tmp.unlink()
        tmp.write_bytes(b"PK")

    assert mode(atomic_write(tmp_path / "van-ban.docx", recreate)) == 0o600
    sheet = BlocExcelService(services.db).write_criteria(tmp_path / "tieu-chi.xlsx")
    assert mode(sheet) == 0o600
    evidence = tmp_path / "bao-cao.pdf"
    evidence.write_bytes(b"%PDF minh chung")
    sha, _size = store_file(evidence, services.paths.attachments)
    assert mode(stored_path(services.paths.attachments, sha)) == 0o600
    assert mode(export_file(services.paths.attachments, sha, tmp_path / "ra.pdf")) == 0o600


def test_log_files_are_owner_only_also_after_rotation(tmp_path: Path) -> None:
    log_file = logging_setup.configure(tmp_path / "logs")
    try:
        assert mode(tmp_path / "logs") == 0o700 and mode(log_file) == 0o600
        handler = next(h for h in logging.getLogger().handlers if getattr(h, "_tdkt", False))
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        logging.getLogger("test").warning("một dòng")
        handler.doRollover()
        assert mode(log_file) == 0o600 and mode(log_file.with_name(log_file.name + ".1")) == 0o600
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_tdkt", False):
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_the_logged_command_has_option_names_but_no_values() -> None:
    parser = build_parser()
    argv = ["--home", "/tmp/Nguyễn Văn An", "people", "add", "--name", "Lê Thị Hường",
            "--cccd=012190000123", "--unit", "PTH", "--gender", "nu", "--json"]
    args = parser.parse_args(argv)
    logged = logging_setup.command_for_log(parser, argv, args)
    assert logged == "tdkt people add --home --name --cccd --unit --gender --json"
    argv = ["nominations", "move", "1", "2", "--to", "da_gui", "--note", "Thiếu CCCD 0121"]
    logged = logging_setup.command_for_log(parser, argv, parser.parse_args(argv))
    assert logged == "tdkt nominations move --to --note"
    assert logging_setup.database_for_log("postgresql+psycopg://tdkt:mat-khau@may-chu/tdkt") \
        == "postgresql+psycopg://…@may-chu"
