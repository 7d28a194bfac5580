"""kill -9 at random points of backups and restores; prints how many left something broken.

    .venv/bin/python tests/kill_trials_backup.py [--trials 30] [--db PATH]

Each trial starts ``tdkt backup`` or ``tdkt restore`` in its own process on a copy of the
small demo (with 20 attachment files), kills it with SIGKILL after a random delay within the
operation's measured duration, then checks what is on disk: the live database opens, passes
integrity and foreign-key checks and holds either the old or the restored data (never a mix);
every file with a backup's final name is a complete, verifiable backup; every safety copy is
intact; and the next start's clean-up leaves no temporary file. Prints the counts (goal 0).
Not a pytest test (it takes a minute); run it by hand or from CI.
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
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.paths import AppPaths, app_paths  # noqa: E402
from desktop.services import backups  # noqa: E402
from desktop.services.attachments import store_file  # noqa: E402


def _tdkt(home: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "desktop.cli", "--home", str(home), *args]


def _people(db: Path) -> int:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT count(*) FROM people WHERE deleted_at IS NULL").fetchone()
        return int(row[0])
    finally:
        conn.close()


def _healthy(db: Path) -> bool:
    conn = sqlite3.connect(db)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return ok and not conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _prepare(home: Path, source_db: Path) -> tuple[AppPaths, Path]:
    paths = app_paths(home).ensure()
    src, dst = sqlite3.connect(source_db), sqlite3.connect(paths.default_database)
    src.backup(dst)
    src.close()
    dst.close()
    conn = sqlite3.connect(paths.default_database)
    for i in range(20):
        blob = home / "blob.bin"
        blob.write_bytes(os.urandom(200_000))
        sha, size = store_file(blob, paths.attachments)
        conn.execute("INSERT INTO attachments (uuid, owner_uuid, created_at, updated_at, "
                     "version, sha256, file_name, size, description) "
                     "VALUES (?, '', ?, ?, 1, ?, ?, ?, '')",
                     (str(uuid.uuid4()), datetime(2026, 1, 1), datetime(2026, 1, 1), sha,
                      f"f{i}.pdf", size))
    conn.commit()
    conn.close()
    backup = backups.create_backup(paths.default_database, paths).path
    conn = sqlite3.connect(paths.default_database)  # the live data now differs from the backup
    conn.execute("UPDATE people SET deleted_at = '2026-01-02' WHERE id % 2 = 0")
    conn.commit()
    conn.close()
    return paths, backup


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=30)
    parser.add_argument("--db", help="a demo database to start from (default: build the small demo)")
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="tdkt-kill-"))
    try:
        source = Path(args.db) if args.db else work / "demo" / "data" / "tdkt.db"
        if not args.db:
            subprocess.run(_tdkt(work / "demo", "init", "--office-name", "UBND tỉnh Lai Châu",
                                 "--office-code", "LCH", "--office-kind", "province"),
                           check=True, capture_output=True, cwd=ROOT)
            subprocess.run(_tdkt(work / "demo", "demo"), check=True, capture_output=True, cwd=ROOT)
        inconsistent = killed = 0
        problems: list[str] = []
        for trial in range(args.trials):
            home = work / f"t{trial}"
            paths, backup = _prepare(home, source)
            before = _people(paths.default_database)
            op = "restore" if trial % 2 else "backup"
            cmd = (_tdkt(home, "restore", str(backup), "--yes") if op == "restore"
                   else _tdkt(home, "backup"))
            start = time.monotonic()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    cwd=ROOT)
            delay = rng.uniform(0.2, 2.5)  # start-up takes ~1 s; the work ~0.3-1 s after it
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                killed += 1
            elapsed = time.monotonic() - start
            db = paths.default_database
            wrong: list[str] = []
            if not _healthy(db):
                wrong.append("live database damaged")
            else:
                after = _people(db)
                with_backup = _people_in_backup(backup, home)
                if after not in (before, with_backup):
                    wrong.append(f"live database mixed ({after} people)")
            for path in paths.backups.iterdir():
                if path.suffix == backups.BACKUP_SUFFIX:
                    try:
                        backups.verify_backup_file(path)
                    except Exception as exc:  # counted, not raised
                        wrong.append(f"broken backup {path.name}: {exc}")
                elif path.suffix == ".db" and not _healthy(path):
                    wrong.append(f"broken safety copy {path.name}")
            backups.clean_stale(paths.backups)
            if list(paths.backups.glob(".tdkt-tmp-*")):
                wrong.append("temporary file left after clean-up")
            if wrong:
                inconsistent += 1
                problems.append(f"trial {trial} ({op}, killed at {elapsed:.2f} s): "
                                + "; ".join(wrong))
            shutil.rmtree(home, ignore_errors=True)
        print(f"trials: {args.trials} (backup and restore alternately), killed mid-way: {killed}")
        print(f"inconsistent databases or backups: {inconsistent}")
        print("lost acknowledged writes: 0 (no write is acknowledged during a backup/restore)")
        for line in problems:
            print("  " + line)
        return 1 if inconsistent else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _people_in_backup(backup: Path, home: Path) -> int:
    copy = home / "backup-copy.db"
    backups.extract_checked(backup, copy)
    try:
        return _people(copy)
    finally:
        copy.unlink()


if __name__ == "__main__":
    raise SystemExit(main())
