"""tests/kill_trials.py (kill -9 during imports, backups and restores; issue 10) keeps working:
one trial of each kind, run to the end, is checked the way every killed trial is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_kill_trials_script_runs_and_finds_nothing_wrong() -> None:
    done = subprocess.run([sys.executable, str(REPO / "tests" / "kill_trials.py"), "--trials",
                           "3"], capture_output=True, text=True, cwd=REPO, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert "inconsistent databases: 0" in lines, done.stdout
    assert any(line.startswith("lost acknowledged writes: 0 (of ") for line in lines)
    for kind in ("import", "backup", "restore"):
        assert any(line.split()[:2] == [kind, "1"] for line in lines), done.stdout
