"""Issue 10, points 13 and 14 through real ``tdkt`` processes: the log keeps no names or CCCD
numbers, every data file and folder is owner-only, and a status change records the officer
name declared in the installation (marked self-declared), never LOGNAME."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.cli.conftest import Cli

CCCD = "001190012345"
NAME = "Trần Thị Bảo Mật"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)  # the commands inherit it: without the fix, 0644 files
    yield
    os.umask(old)


def test_the_log_keeps_no_names_or_cccd_numbers(people_cli: Cli) -> None:
    people_cli.ok("people", "add", "--name", NAME, "--gender", "nu", "--unit", "PTH",
                  f"--cccd={CCCD}", "--birth-date", "02/09/1990")
    refused = people_cli.run("people", "add", "--name", NAME, "--gender", "nu", "--unit",
                             "PTH", "--cccd", CCCD)  # the same CCCD again: refused
    assert refused.returncode == 1, refused
    people_cli.ok("people", "search", NAME)
    people_cli.ok("people", "search", CCCD)
    log = (people_cli.home / "logs" / "tdkt.log").read_text(encoding="utf-8")
    assert "tdkt people add --name --gender --unit --cccd --birth-date" in log
    assert "tdkt people search" in log
    for secret in (CCCD, "Bảo Mật", "02/09/1990"):
        assert secret not in log, secret


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
@pytest.mark.usefixtures("usual_umask")
def test_data_files_and_folders_are_owner_only(empty_cli: Cli, tmp_path: Path) -> None:
    home = empty_cli.home
    empty_cli.ok("init", "--office-name", "UBND xã Bình Lư", "--office-code", "BL",
                 "--office-kind", "commune")
    backup = Path(empty_cli.ok("backup", "--json").json()["backup"])
    restored = empty_cli.ok("restore", str(backup), "--yes", "--json").json()
    sheet = tmp_path / "tieu-chi.xlsx"
    empty_cli.ok("bloc-template", "criteria", str(sheet))
    files = [empty_cli.db, backup, Path(restored["previous_data_backup"]), sheet,
             home / "logs" / "tdkt.log"]
    for path in files:
        assert _mode(path) == 0o600, path
    for folder in ("data", "data/backups", "data/attachments", "data/templates", "logs",
                   "config"):
        assert _mode(home / folder) == 0o700, folder


def _round_with_a_nomination(cli: Cli) -> tuple[str, str]:
    round_id = str(cli.ok("rounds", "add", "--name", "Xét khen thưởng năm 2026", "--year",
                          "2026", "--kind", "Tổng kết năm", "--office", "lch",
                          "--json").json()["round"]["id"])
    nomination = str(cli.ok("nominations", "add", round_id, "--unit", "PTH", "--award",
                            "GIAY_KHEN", "--json").json()["nomination"]["id"])
    return round_id, nomination


def test_the_actor_is_the_declared_officer_never_logname(cli: Cli,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LOGNAME", "USER", "USERNAME"):
        monkeypatch.setenv(variable, "Chủ tịch UBND tỉnh")
    round_id, nomination = _round_with_a_nomination(cli)
    cli.ok("nominations", "move", round_id, nomination, "--to", "da_gui")
    declared = cli.ok("installation", "officer", "Nguyễn Văn An", "--json").json()
    assert declared["installation"]["officer_name"] == "Nguyễn Văn An"
    assert declared["actor_self_declared"] is True
    cli.ok("nominations", "move", round_id, nomination, "--to", "Đã tiếp nhận")

    events = cli.ok("nominations", "history", nomination, "--json").json()["events"]
    undeclared = "Ủy ban nhân dân tỉnh Lai Châu (chưa khai báo tên cán bộ)"
    assert [e["actor"] for e in events] == [undeclared, undeclared, "Nguyễn Văn An"]
    human = cli.ok("nominations", "history", nomination).stdout
    assert "Người thao tác (tự khai)" in human and "Chủ tịch UBND tỉnh" not in human
    assert "phần mềm không xác thực tên này" in human

    shown = cli.ok("installation", "show").stdout
    assert "Cán bộ sử dụng (tự khai): Nguyễn Văn An" in shown
    too_long = cli.run("installation", "officer", "A" * 151)
    assert too_long.returncode == 1, too_long
    assert "Tên cán bộ sử dụng phần mềm: dài quá 150 ký tự" in too_long.stderr
    assert "Cán bộ sử dụng (tự khai): Nguyễn Văn An" in cli.ok("installation", "show").stdout


def test_init_can_declare_the_officer(empty_cli: Cli) -> None:
    made = empty_cli.ok("init", "--office-name", "UBND xã Bình Lư", "--office-code", "BL",
                        "--office-kind", "commune", "--officer-name", "Lò Thị Mai", "--json")
    assert made.json()["installation"]["officer_name"] == "Lò Thị Mai"
