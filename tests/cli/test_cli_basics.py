"""tdkt as a program: help, usage errors (exit 2), init, verify, refusing files it must not touch."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.cli.conftest import Cli

OFFICE = ("--office-name", "Ủy ban nhân dân tỉnh Lai Châu", "--office-code", "LCH",
          "--office-kind", "province")

COMMANDS = ("init", "demo", "verify", "backup", "restore", "units", "people", "catalog",
            "list", "search", "add", "salary")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_help_lists_every_command_in_vietnamese(empty_cli: Cli) -> None:
    top, people_add, units = empty_cli.run_many(["--help"], ["people", "add", "--help"],
                                                ["units", "--help"])
    assert top.returncode == 0, top
    for command in COMMANDS:
        assert command in top.stdout, command
    assert "Cách dùng: tdkt" in top.stdout
    assert "Mã thoát" in top.stdout and "70" in top.stdout  # exit codes are documented
    assert people_add.returncode == 0 and "--birth-date" in people_add.stdout
    assert "họ và tên" in people_add.stdout
    assert units.returncode == 0
    assert all(action in units.stdout for action in ("list", "search", "add"))
    assert not empty_cli.db.exists()  # asking for help touches no data


def test_usage_errors_exit_2_with_vietnamese_messages(empty_cli: Cli) -> None:
    unknown, missing, no_action, bad_number, bad_choice = empty_cli.run_many(
        ["frobnicate"],
        ["people", "add", "--name", "Nguyễn Văn A"],
        ["people"],
        ["people", "list", "--limit", "nhiều"],
        ["demo", "--scale", "huge"],
    )
    assert unknown.returncode == 2, unknown
    assert "lỗi" in unknown.stderr and "frobnicate" in unknown.stderr
    assert missing.returncode == 2, missing
    assert "thiếu đối số bắt buộc" in missing.stderr and "--gender" in missing.stderr
    assert no_action.returncode == 2, no_action
    assert bad_number.returncode == 2 and "“nhiều” không phải số nguyên" in bad_number.stderr
    assert bad_choice.returncode == 2 and "huge" in bad_choice.stderr
    assert not empty_cli.db.exists()


def test_init_creates_refuses_a_second_time_and_lists_bad_input(empty_cli: Cli,
                                                                tmp_path: Path) -> None:
    first, bad = empty_cli.run_many(
        ["init", *OFFICE, "--json"],
        ["--json", "--db", str(tmp_path / "other.db"), "init", "--office-name", "",
         "--office-code", "L C H", "--office-kind", "huyện"],
    )
    assert first.returncode == 0, first
    assert first.json()["installation"]["office_name"] == "Ủy ban nhân dân tỉnh Lai Châu"
    assert bad.returncode == 1, bad
    labels = {p["label"] for p in bad.json()["problems"]}
    assert {"Tên đơn vị", "Mã đơn vị", "Loại đơn vị"} <= labels
    assert "  - Mã đơn vị: không được chứa dấu cách" in bad.stderr
    again = empty_cli.run("init", *OFFICE)
    assert again.returncode == 1, again
    assert again.stderr.startswith("Lỗi: ") and "đã được thiết lập" in again.stderr


def test_missing_or_foreign_database_files_are_refused(empty_cli: Cli, tmp_path: Path) -> None:
    elsewhere = tmp_path / "thu muc khac"
    bogus = tmp_path / "ghi-chu.db"
    bogus.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    before = bogus.read_bytes()
    no_file, not_db = empty_cli.run_many(
        ["people", "list", "--home", str(elsewhere)],  # --home wins over $TDKT_HOME
        ["--db", str(bogus), "units", "list"],
    )
    missing = elsewhere / "data" / "tdkt.db"
    assert no_file.returncode == 1, no_file
    assert f"Không tìm thấy tệp cơ sở dữ liệu: {missing}" in no_file.stderr
    assert not missing.exists()
    assert not_db.returncode == 1, not_db
    assert "không phải cơ sở dữ liệu TĐKT Desktop" in not_db.stderr
    assert bogus.read_bytes() == before


def test_verify_a_good_database_and_an_internal_error_exits_70(cli: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "thieu-bang.db"
    shutil.copy(cli.db, broken)
    conn = sqlite3.connect(broken)
    conn.execute("DROP TABLE people")  # a schema no service expects: a bug, not bad input
    conn.commit()
    conn.close()
    human, crashed = cli.run_many(["verify"], ["--db", str(broken), "people", "list"])
    assert human.returncode == 0, human
    for label in ("Cấu trúc dữ liệu", "Tính toàn vẹn của tệp", "Liên kết giữa các bản ghi"):
        assert label in human.stdout
    assert "đạt" in human.stdout and "KHÔNG ĐẠT" not in human.stdout

    assert crashed.returncode == 70, crashed
    log_file = cli.home / "logs" / "tdkt.log"
    assert "Lỗi không mong muốn" in crashed.stderr and str(log_file) in crashed.stderr
    assert "Traceback" in log_file.read_text(encoding="utf-8")


def test_a_database_from_a_newer_version_is_refused_and_left_alone(cli: Cli) -> None:
    conn = sqlite3.connect(cli.db)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    conn.commit()
    conn.close()
    before = _digest(cli.db)
    verify = cli.run("--json", "verify")
    assert verify.returncode == 1, verify
    assert verify.stderr.startswith("Lỗi: ")
    assert "phiên bản" in verify.stderr and "mới hơn" in verify.stderr
    assert "mới hơn" in verify.json()["error"]
    assert _digest(cli.db) == before
