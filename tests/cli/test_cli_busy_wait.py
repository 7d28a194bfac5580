"""``tdkt`` writing while another program holds the database (issue 10, item 8): while it waits
it says so ("đang chờ…", with the bound), then it gives up within that bound with the
Vietnamese busy message and exit 1 — never "Lỗi không mong muốn (OperationalError …)"."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from desktop.domain.errors import BUSY_MESSAGE

REPO = Path(__file__).resolve().parents[2]
ADD_UNIT = ("units", "add", "--name", "Xã Mường So", "--code", "MSO", "--kind", "commune",
            "--parent", "LCH")
WAITING = "Cơ sở dữ liệu đang được một chương trình khác ghi, đang chờ…"


def start(home: Path, *args: str, bound_ms: int) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
    env.update(TDKT_HOME=str(home), PYTHONIOENCODING="ascii",
               TDKT_BUSY_TIMEOUT_MS=str(bound_ms))
    return subprocess.Popen([sys.executable, "-m", "desktop.cli", *args], cwd=REPO, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


def test_a_blocked_write_says_it_is_waiting_then_refuses_within_the_bound(cli: Any) -> None:
    holder = sqlite3.connect(cli.db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another window in the middle of a save
        started = time.monotonic()
        proc = start(cli.home, *ADD_UNIT, bound_ms=3000)
        assert proc.stderr is not None
        first_line = proc.stderr.readline()  # printed while the command still waits
        still_waiting = proc.poll() is None
        out, rest = proc.communicate(timeout=60)
        elapsed = time.monotonic() - started
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    err = first_line + rest
    assert first_line.startswith(WAITING) and "(tối đa 3 giây)" in first_line, err
    assert still_waiting, err
    assert proc.returncode == 1, err
    assert BUSY_MESSAGE in err
    assert "OperationalError" not in err + out and "Lỗi không mong muốn" not in err
    assert "Traceback" not in err and "database is locked" not in err
    assert 2.5 <= elapsed < 15, elapsed  # waited the bound, and not the 10 s default
    assert cli.count("units") == 2  # nothing half-written


def test_json_mode_keeps_stdout_machine_readable_while_waiting(cli: Any) -> None:
    holder = sqlite3.connect(cli.db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        proc = start(cli.home, *ADD_UNIT, "--json", bound_ms=800)
        out, err = proc.communicate(timeout=60)
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert proc.returncode == 1, err
    assert json.loads(out)["error"] == BUSY_MESSAGE
    assert WAITING in err  # the waiting line goes to stderr only
