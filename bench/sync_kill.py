"""Killed imports at province scale: the package of ``bench/sync_bench.py`` (30,000 nominations,
≈ 400,000 records) imported by a real ``tdkt package import`` process that is killed with
SIGKILL at a random moment, again and again. After each kill the receiving database must pass
SQLite's integrity and foreign-key checks and hold either exactly what it held before or
exactly what a whole import gives (every table's row count compared); then the same package
is imported again, and that must finish the job exactly once.

    .venv/bin/python bench/sync_kill.py               # 8 trials; --trials N for more

The suite runs the same trials on a small package (``tests/cli/test_sync_kill.py``); this
one kills imports that take long enough to be caught inside their big statements.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"
PACKAGE = OUT / "province-round.tdkt"
WORK = OUT / "kill"


def _counts(db: Path) -> dict[str, int]:
    """Every table's row count, read-only."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [n for n, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def _health(db: Path) -> str:
    """"ok", or what SQLite found wrong."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    return "ok" if integrity == "ok" and not broken else f"{integrity} {broken[:3]}"


def _import(home: Path, db: Path, round_id: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
    return subprocess.Popen([sys.executable, "-m", "desktop.cli", "--home", str(home), "--db",
                             str(db), "package", "import", str(PACKAGE), "--round",
                             str(round_id), "--receipt-dir", str(home / "receipts")],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _copy(source: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)


def _template() -> int:
    """A new receiving office that trusts the sender, in ``WORK/template``; its round's id."""
    from bench.sync_bench import _receiver

    template = WORK / "template"
    shutil.rmtree(template, ignore_errors=True)
    (template / "home").mkdir(parents=True)
    services, round_id = _receiver(template / "tdkt.db")
    header = services.sync.inspect(PACKAGE)
    services.sync.trust(header, header.fingerprint)
    services.close()
    shutil.rmtree(template / "home")
    shutil.move(OUT / "receiver-home", template / "home")
    return round_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=8)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if not PACKAGE.exists():
        raise SystemExit(f"{PACKAGE} is missing: run bench/sync_bench.py first")
    round_id = _template()
    template = WORK / "template"
    before = _counts(template / "tdkt.db")

    full = WORK / "full"
    _copy(template, full)
    started = time.monotonic()
    if _import(full / "home", full / "tdkt.db", round_id).wait() != 0:
        raise SystemExit("the uninterrupted import failed")
    seconds = time.monotonic() - started
    after = _counts(full / "tdkt.db")
    assert _health(full / "tdkt.db") == "ok"
    print(f"uninterrupted import: {seconds:.1f} s; {after['nominations']:,} nominations, "
          f"{after['sync_shadows']:,} shadows", flush=True)

    rng = random.Random(args.seed)
    outcomes = {"as before": 0, "complete": 0}
    failures: list[str] = []
    for trial in range(1, args.trials + 1):
        home = WORK / f"trial{trial}"
        _copy(template, home)
        db = home / "tdkt.db"
        proc = _import(home / "home", db, round_id)
        # a kill point, spread over the whole run (start-up, backup, staging, the big
        # statements, the commit) and a little past it: a run slower than the first one
        # is still caught at its commit
        at = seconds * rng.uniform(0.05, 1.15)
        time.sleep(at)
        proc.send_signal(signal.SIGKILL)
        finished = proc.wait() == 0
        health = _health(db)
        counts = _counts(db)
        state = ("as before" if counts == before else "complete" if counts == after
                 else "HALF IMPORTED")
        again_ok = _import(home / "home", db, round_id).wait() == 0
        again = _counts(db) == after and _health(db) == "ok"
        line = (f"trial {trial}: killed at {at:.1f} s{' (already done)' if finished else ''} → "
                f"{health}, {state}; imported again: {'complete' if again else 'WRONG'}")
        print(line, flush=True)
        if health != "ok" or state not in outcomes or not (again_ok and again):
            failures.append(line)
        else:
            outcomes[state] += 1
        shutil.rmtree(home, ignore_errors=True)
    print(f"\n{args.trials} trials: {outcomes['as before']} as before, {outcomes['complete']} "
          f"complete, {len(failures)} wrong")
    for line in failures:
        print("WRONG:", line)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
