"""tdkt backup / restore: a round trip, and refusals that leave the current data untouched."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.cli.conftest import Cli


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_then_restore_round_trip(people_cli: Cli) -> None:
    made = people_cli.ok("backup")  # to the default folder; the path is printed
    target = Path(made.stdout.strip().split(": ", 1)[1])
    assert target.parent == people_cli.home / "data" / "backups" and target.is_file()
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
