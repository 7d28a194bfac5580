"""``tdkt`` against a database another process holds, a read-only data file or folder, and an
unwritable home: exit 1 (refused) with a Vietnamese message that says what to do, never 70
("unexpected error") and never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readonly_helpers import read_only

from desktop.domain.errors import BUSY_MESSAGE

REPO = Path(__file__).resolve().parents[2]

ADD_UNIT = ("units", "add", "--name", "Xã Mường So", "--code", "MSO", "--kind", "commune",
            "--parent", "LCH")


@dataclass(frozen=True)
class Result:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    def __str__(self) -> str:
        return (f"tdkt {' '.join(self.args)} -> {self.returncode}\n"
                f"--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}")


def run(home: Path, *args: str, **env: str) -> Result:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
    environment.update(TDKT_HOME=str(home), PYTHONIOENCODING="ascii", **env)
    done = subprocess.run([sys.executable, "-m", "desktop.cli", *args], cwd=REPO,
                          env=environment, stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=120, check=False)
    return Result(tuple(args), done.returncode, done.stdout.decode("utf-8"),
                  done.stderr.decode("utf-8"))


def assert_refused(result: Result, *fragments: str) -> None:
    assert result.returncode == 1, str(result)
    assert "Lỗi không mong muốn" not in result.stderr and "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, str(result)


def test_writing_while_the_database_is_held_exits_1_with_the_busy_message(cli: Any) -> None:
    holder = sqlite3.connect(cli.db, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # a second instance in the middle of a save
        started = time.monotonic()
        busy = run(cli.home, *ADD_UNIT, TDKT_BUSY_TIMEOUT_MS="300")
        elapsed = time.monotonic() - started
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert_refused(busy, BUSY_MESSAGE)
    assert elapsed < 8, elapsed  # the short timeout was honoured (the default waits 10 s)
    assert cli.count("units") == 2  # nothing half-written
    again = run(cli.home, *ADD_UNIT, TDKT_BUSY_TIMEOUT_MS="300")
    assert again.returncode == 0, str(again)  # the very same command, once the lock is gone
    assert cli.count("units") == 3


def test_busy_message_in_json_mode(cli: Any) -> None:
    holder = sqlite3.connect(cli.db, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        busy = run(cli.home, *ADD_UNIT, "--json", TDKT_BUSY_TIMEOUT_MS="200")
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert busy.returncode == 1, str(busy)
    assert busy.json()["error"] == BUSY_MESSAGE


def test_read_only_data_file_is_named_read_only(cli: Any) -> None:
    with read_only(cli.db):
        result = run(cli.home, *ADD_UNIT)
    assert_refused(result, "chỉ cho phép đọc", str(cli.db), "thư mục ghi được")
    assert "không phải cơ sở dữ liệu TĐKT" not in result.stderr


def test_read_only_data_folder_is_named_read_only(cli: Any, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    db = share / "tdkt.db"
    shutil.copy(cli.db, db)
    with read_only(share):
        result = run(cli.home, "--db", str(db), *ADD_UNIT)
    assert_refused(result, "Thư mục chứa tệp dữ liệu", "chỉ cho phép đọc", "quyền ghi")
    assert "không phải cơ sở dữ liệu TĐKT" not in result.stderr


def test_read_only_sqlite_uri_refuses_the_write(cli: Any) -> None:
    """SQLite's own read-only mode: works the same for root and everyone else."""
    url = f"sqlite:///file:{cli.db}?mode=ro&uri=true"
    assert run(cli.home, "--db", url, "units", "list").returncode == 0  # reading is fine
    assert_refused(run(cli.home, "--db", url, *ADD_UNIT), "chỉ cho phép đọc")


def test_unwritable_home_exits_1_naming_the_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = run(blocker / "home", "units", "list")
    assert_refused(result, str(blocker / "home" / "data"), "--home", "TDKT_HOME")
