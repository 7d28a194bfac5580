"""A backup or restore killed (SIGKILL) just before its file got its final name leaves no file
under that name: an empty "safety copy" or backup would be listed on the Sao lưu page and look
like data (found by tests/kill_trials.py, issue 10)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.paths import AppPaths
from desktop.services import Services
from desktop.services.backups import BACKUP_SUFFIX, clean_stale, create_backup, list_backups

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
REPO = Path(__file__).resolve().parents[2]

KILL_AT = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {repo!r})
from desktop.paths import app_paths
from desktop.services import backups

def die(*_args, **_kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

paths = app_paths({home!r})
{patch}
{call}
"""


def _killed(home: Path, patch: str, call: str) -> None:
    code = KILL_AT.format(repo=str(REPO), home=str(home), patch=patch, call=call)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, check=False, timeout=120)
    assert done.returncode == -9, done.stderr


@pytest.fixture
def home(services: Services, paths: AppPaths) -> Path:
    services.close()
    return paths.data.parent


def test_a_restore_killed_before_naming_its_safety_copy_leaves_none(home: Path,
                                                                    paths: AppPaths) -> None:
    backup = create_backup(paths.default_database, paths).path
    # The safety copy's content is complete, the name not given yet: killed there.
    _killed(home, "backups.os.replace = die\nbackups.os.link = die",
            f"backups.restore(paths.default_database, Path({str(backup)!r}), paths)")
    clean_stale(paths.backups)
    assert not list(paths.backups.glob("tdkt_truoc-khoi-phuc_*"))
    assert [b.kind for b in list_backups(paths.backups)] == ["manual"]


def test_a_backup_killed_before_naming_its_file_leaves_none(home: Path, paths: AppPaths) -> None:
    _killed(home, "backups.os.replace = die\nbackups.os.link = die",
            "backups.create_backup(paths.default_database, paths)")
    clean_stale(paths.backups)
    assert not list(paths.backups.glob(f"*{BACKUP_SUFFIX}"))
    assert list_backups(paths.backups) == []
    assert not list(paths.backups.iterdir())  # and no temporary file either


def test_names_are_never_reused(paths: AppPaths, services: Services) -> None:
    made = [create_backup(paths.default_database, paths).path for _ in range(3)]
    assert len({p.name for p in made}) == 3  # within one second: -2, -3
    assert all(p.stat().st_size > 0 for p in made)
