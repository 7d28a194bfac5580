"""An import killed at a random moment (kill -9) leaves the database consistent and either as
before or fully imported: never half a package. A handful of trials here; more with
``TDKT_KILL_TRIALS=30``."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from desktop.api.sync import UpwardSelection
from desktop.domain.enums import Gender, RoundKind, UnitKind
from desktop.services.rounds import RoundInput
from tests.cli.conftest import REPO
from tests.unit.sync_world import PROVINCE, commune_with_nominations, open_office, trust_sender

TRIALS = int(os.environ.get("TDKT_KILL_TRIALS", "4"))
PEOPLE = [(f"Lò Văn {name}", Gender.MALE, None) for name in
          ("An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải", "Khánh", "Lâm", "Minh",
           "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Thắng", "Toàn", "Trung", "Vinh", "Xuân")]


def _state(db: Path) -> tuple[str, int, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        nominations = conn.execute("SELECT count(*) FROM nominations").fetchone()[0]
        logged = conn.execute("SELECT count(*) FROM sync_packages WHERE direction = 'received'"
                              ).fetchone()[0]
    finally:
        conn.close()
    return ("ok" if integrity == "ok" and not broken else f"{integrity} {broken[:3]}",
            nominations, logged)


def _import(home: Path, package: Path, round_id: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
    env["TDKT_HOME"] = str(home)
    return subprocess.Popen([sys.executable, "-m", "desktop.cli", "package", "import",
                             str(package), "--round", str(round_id)], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_import_killed_at_random_points(tmp_path: Path) -> None:
    commune, round_id, _ = commune_with_nominations(tmp_path, "Ủy ban nhân dân xã Bình Lư",
                                                    "XBL", PEOPLE)
    package = commune.services.sync.export_upward(UpwardSelection(round_id),
                                                  tmp_path / "len").path
    commune.services.close()
    province = open_office(tmp_path, *PROVINCE, UnitKind.PROVINCE)
    root = province.services.units.children(None)[0].id
    p_round = province.services.rounds.create(RoundInput("Khen thưởng năm 2026", 2026,
                                                         RoundKind.YEAR_END,
                                                         office_unit_id=root)).id
    trust_sender(province, package)
    province.services.close()
    template = tmp_path / "template"
    shutil.copytree(province.home, template)

    full_home = tmp_path / "full"
    shutil.copytree(template, full_home)
    started = time.monotonic()  # one full run: how long an import takes here
    assert _import(full_home, package, p_round).wait() == 0
    full = time.monotonic() - started
    db_name = province.db_file.relative_to(province.home)
    assert _state(full_home / db_name) == ("ok", len(PEOPLE), 1)

    rng = random.Random(2026)
    outcomes = {"as before": 0, "complete": 0}
    for trial in range(TRIALS):
        home = tmp_path / f"trial{trial}"
        shutil.copytree(template, home)
        proc = _import(home, package, p_round)
        # A kill point, not a wait for a condition: mostly in the second half, where the
        # backup is written and the transaction applied (the first half is start-up).
        time.sleep(full * rng.uniform(0.45, 1.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        health, nominations, logged = _state(home / db_name)
        assert health == "ok", f"trial {trial}: {health}"
        assert (nominations, logged) in ((0, 0), (len(PEOPLE), 1)), \
            f"trial {trial}: {nominations} nominations, {logged} log rows (half an import)"
        outcomes["as before" if logged == 0 else "complete"] += 1
        # and whatever the kill left, importing again finishes the job exactly once
        assert _import(home, package, p_round).wait() == 0
        assert _state(home / db_name) == ("ok", len(PEOPLE), 1)
    print(f"\nkilled imports: {TRIALS} trials, {outcomes}")
