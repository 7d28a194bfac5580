"""tdkt backup / restore: a round trip, and refusals that leave the current data untouched."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.cli.conftest import Cli


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_then_restore_round_trip(people_cli: Cli) -> None:
    made = people_cli.ok("backup")  # to the default folder; the path is printed
    target = Path(made.stdout.splitlines()[0].split(": ", 1)[1])
    assert target.parent == people_cli.home / "data" / "backups" and target.is_file()
    assert target.suffix == ".tdkt-backup" and "cá nhân" in made.stdout
    added = people_cli.ok("people", "add", "--name", "Vũ Minh Khôi", "--gender", "nam",
                          "--unit", "pth", "--json").json()["person"]
    assert added["unit_name"] == "Xã Phong Thổ" and added["gender"] == "male"
    assert people_cli.count("people") == 3
    restored = people_cli.ok("restore", str(target), "--yes")
    assert "Đã khôi phục" in restored.stdout and "KHÔNG ĐẠT" not in restored.stdout
    after = people_cli.ok("people", "search", "khoi", "--json").json()
    assert after["total"] == 0
    # the data replaced by the restore was itself kept in the backup folder
    assert list((people_cli.home / "data" / "backups").glob("tdkt_truoc-khoi-phuc_*.db"))


def test_restore_of_a_file_that_is_not_a_backup_is_refused(people_cli: Cli,
                                                           tmp_path: Path) -> None:
    bogus = tmp_path / "khong-phai.db"
    bogus.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 100)
    before = _digest(people_cli.db)
    result = people_cli.run("restore", str(bogus), "--yes")
    assert result.returncode == 1, result
    assert result.stderr.startswith("Lỗi: ") and "không phải bản sao lưu" in result.stderr
    assert _digest(people_cli.db) == before


def test_restore_without_yes_is_refused_when_nobody_can_confirm(people_cli: Cli,
                                                                template_db: Path) -> None:
    before = _digest(people_cli.db)
    result = people_cli.run("restore", str(template_db))  # stdin is not a terminal here
    assert result.returncode == 2, result
    assert "--yes" in result.stderr
    assert _digest(people_cli.db) == before


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_restore_on_a_terminal_asks_and_no_means_no(people_cli: Cli, template_db: Path) -> None:
    before = _digest(people_cli.db)
    result = people_cli.run_on_terminal("restore", str(template_db), answer="k")
    assert result.returncode == 1, result
    assert "Tiếp tục khôi phục? [c/K]" in result.stderr and "Đã hủy" in result.stderr
    assert result.stdout == ""
    assert _digest(people_cli.db) == before


def test_restore_is_refused_while_another_process_has_the_database_open(people_cli: Cli) -> None:
    made = people_cli.ok("backup", "--json").json()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sqlite3, time
            conn = sqlite3.connect({str(people_cli.db)!r})
            conn.execute("SELECT count(*) FROM people").fetchone()
            print("open", flush=True)
            time.sleep(60)
        """)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"open"
        before = _digest(people_cli.db)
        result = people_cli.run("restore", made["backup"], "--yes")
    finally:
        holder.kill()
        holder.communicate()
    assert result.returncode == 1, result
    assert "đang được mở ở nơi khác" in result.stderr and "lệnh tdkt" in result.stderr
    assert _digest(people_cli.db) == before
    assert not list((people_cli.home / "data" / "backups").glob("tdkt_truoc-khoi-phuc_*"))


def test_verify_never_advises_a_restore_for_a_stale_search_index(people_cli: Cli) -> None:
    import sqlite3

    conn = sqlite3.connect(people_cli.db)
    try:
        with conn:
            trigger = conn.execute(
                "SELECT sql FROM sqlite_master WHERE name='people_fts_au'").fetchone()[0]
            conn.execute("DROP TRIGGER people_fts_au")
            conn.execute("UPDATE people SET search_key = 'khac han'")
            conn.execute(trigger)
    finally:
        conn.close()
    result = people_cli.run("verify")
    assert result.returncode == 1, result
    assert "KHÔNG cần khôi phục" in result.stdout and "BỊ HỎNG" not in result.stdout
    fixed = people_cli.run("verify", "--rebuild-search")
    assert fixed.returncode == 0, fixed
    assert "đạt mọi kiểm tra" in fixed.stdout


def test_backup_list_shows_date_size_and_counts(people_cli: Cli) -> None:
    people_cli.ok("backup")
    listed = people_cli.ok("backup", "--list", "--json").json()["backups"]
    assert len(listed) == 1 and listed[0]["kind"] == "manual"
    assert listed[0]["counts"]["people"] == 2 and listed[0]["size_bytes"] > 0
