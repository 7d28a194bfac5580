"""kill -9 at random points of imports, backups and restores; prints, per kind, how many trials
left an inconsistent database and how many acknowledged writes were lost (goal: 0 and 0).

    .venv/bin/python tests/kill_trials.py [--trials 42] [--kinds import,backup,restore]
                                          [--seed 10] [--db DEMO.db]

Every trial works on its own copy of the small demo (with 20 attachment files and one backup
of an earlier state) and starts real ``tdkt`` processes, killed with SIGKILL after a random
delay within the operation's own duration (the first trial of each kind runs to the end and
gives that duration; a delay may still fall after the end). A write is *acknowledged* when the program that made it said so (exit
code 0, or a line printed after the commit); every acknowledged write must be found afterwards.

- ``import``: ``tdkt bloc-import-scores`` of sheet A (acknowledged, in the copied data), then
  of sheet B, killed.
  Both sheets change the same 45 score cells and notes of a bloc: afterwards the bloc holds
  exactly A or exactly B (never some of each), and B if B's import exited 0. There is no CLI
  import of people or units; the people writes are those of the writer below.
- ``backup``: ``tdkt backup`` killed while another process adds people one by one (each
  acknowledged once its transaction committed) and is itself killed at a random point. Every
  acknowledged person is in the live database; a backup that exited 0 exists and verifies.
- ``restore``: a person added (acknowledged), then ``tdkt restore --yes`` of the older backup,
  killed. The live database holds the old data or exactly the backup's (never a mix); the
  person is in the live data or, once replaced, in the safety copy; an exit 0 means restored.

After every trial: the live database passes integrity, foreign-key, schema and search-index
checks (``services.backups.check_database_file``); every file with a backup's final name
verifies; every safety copy is healthy; the next start's clean-up leaves no temporary file.
Not a pytest test (about three minutes); ``tests/cli/test_kill_trials_script.py`` runs it with
a few trials so that it keeps working.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.paths import AppPaths, app_paths  # noqa: E402
from desktop.services import backups  # noqa: E402
from desktop.services.attachments import store_file  # noqa: E402

KINDS = ("import", "backup", "restore")
BLOC_ID = 1
MARKERS = {"A": Decimal("0.5"), "B": Decimal("0.25")}
WRITER_PREFIX = "Kiểm Thử Ghi"
RESTORE_PERSON = "Kiểm Thử Trước Khôi Phục"


# -- processes --------------------------------------------------------------------------------
def _tdkt(home: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "desktop.cli", "--home", str(home), *args]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
    env["TDKT_BUSY_TIMEOUT_MS"] = "10000"
    return env


def _run_ok(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, cwd=ROOT, env=_env(), check=False)
    if done.returncode != 0:
        log = app_paths(Path(cmd[cmd.index("--home") + 1])).logs / "tdkt.log"
        tail = log.read_text(errors="replace")[-4000:] if log.is_file() else ""
        raise SystemExit(f"{' '.join(cmd)} -> {done.returncode}\n"
                         f"{done.stderr.decode(errors='replace')}\n{tail}")


@dataclass
class Killed:
    returncode: int | None  # None: killed before it finished
    elapsed: float


def _run_killed(cmd: list[str], delay: float | None) -> Killed:
    """Run ``cmd``; SIGKILL it after ``delay`` seconds unless it finished (None: never)."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=ROOT, env=_env())
    try:
        code: int | None = proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        code = None
    return Killed(code, time.monotonic() - start)


class Writer:
    """Another process adding people one at a time; ``acked`` holds the names it reported
    committed (printed after each transaction returned) before it was killed."""

    def __init__(self, home: Path) -> None:
        self.acked: list[str] = []
        self.errors = home / "writer-errors.txt"
        with self.errors.open("wb") as errors:
            self.proc = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "--writer", str(home)],
                stdout=subprocess.PIPE, stderr=errors, cwd=ROOT, env=_env(), text=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith("ACK "):
                self.acked.append(line[4:].rstrip("\n"))

    def wait_writing(self, timeout: float = 60) -> None:
        """Until its first write is acknowledged (it started, opened the database)."""
        deadline = time.monotonic() + timeout
        while not self.acked:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise SystemExit("the writer process never wrote")
            time.sleep(0.02)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        elif self.proc.returncode != -signal.SIGKILL:  # it stopped by itself: a bug here
            raise SystemExit("the writer process failed:\n"
                             + self.errors.read_text(errors="replace"))
        self.proc.wait()
        self._reader.join(timeout=5)


def writer_main(home: Path) -> int:
    """``--writer HOME``: add people until killed, printing "ACK name" after each commit."""
    from desktop.api.people import PersonInput
    from desktop.services import Services

    paths = app_paths(home)
    services = Services.open(paths.default_database, paths, create=False)
    unit_id = services.db.installation.unit_id if services.db.installation else None
    for i in range(1_000_000):
        name = f"{WRITER_PREFIX} {_letters(os.getpid())} {_letters(i)}"  # no digits in names
        services.people.create(PersonInput(full_name=name, gender="nam", unit_id=unit_id))
        print(f"ACK {name}", flush=True)
    return 0


def _letters(number: int) -> str:
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word = "abcdefghijklmnopqrstuvwxyz"[digit] + word
        if not number:
            return word.capitalize()


# -- reading a database -------------------------------------------------------------------------
def _connect_ro(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(db, timeout=10)


def _people(db: Path) -> int:
    conn = _connect_ro(db)
    try:
        return int(conn.execute(
            "SELECT count(*) FROM people WHERE deleted_at IS NULL").fetchone()[0])
    finally:
        conn.close()


def _has_people(db: Path, names: list[str]) -> list[str]:
    """The names among ``names`` that are NOT live people of ``db``."""
    if not names:
        return []
    conn = _connect_ro(db)
    try:
        found = {str(r[0]) for r in conn.execute(
            "SELECT full_name FROM people WHERE deleted_at IS NULL AND full_name IN "
            f"({','.join('?' * len(names))})", names)}
    finally:
        conn.close()
    return [n for n in names if n not in found]


def _check(db: Path) -> list[str]:
    """What is wrong with a database file nobody has open (empty: nothing)."""
    try:
        results = backups.check_database_file(db)
    except Exception as exc:  # counted, not raised
        return [f"unreadable: {exc}"]
    return [r.message for r in results if not r.ok]


@dataclass(frozen=True)
class SheetPlan:
    """Which score cells a sheet sets, and to what, for every marker."""

    editable: dict[tuple[str, str], tuple[str, Decimal]]  # (unit, criterion) -> (column, max)


def _bloc_state(db: Path, plan: SheetPlan) -> str:
    """"A" or "B" when every planned cell holds that sheet's score and note, else "mixed"."""
    conn = _connect_ro(db)
    try:
        rows = conn.execute(
            "SELECT u.code, c.code, s.self_score, s.reviewed_score, s.evidence_note "
            "FROM bloc_scores s JOIN units u ON u.id = s.unit_id "
            "JOIN bloc_criteria c ON c.id = s.criterion_id "
            "WHERE s.bloc_id = ? AND s.deleted_at IS NULL", (BLOC_ID,)).fetchall()
    finally:
        conn.close()
    cells = {(str(r[0]), str(r[1])): r[2:] for r in rows}
    states: set[str] = set()
    for key, (column, maximum) in plan.editable.items():
        self_score, reviewed, note = cells.get(key, (None, None, ""))
        value = self_score if column == "self" else reviewed
        for marker, fraction in MARKERS.items():
            expected = (maximum * fraction).quantize(Decimal("0.01"))
            if str(note).startswith(f"kiểm thử {marker} ") and value is not None \
                    and Decimal(str(value)) == expected:
                states.add(marker)
                break
        else:
            states.add("other")
    return states.pop() if len(states) == 1 else "mixed"


# -- preparing ----------------------------------------------------------------------------------
def _build_demo(home: Path) -> Path:
    from desktop.services import Services
    from desktop.services.demo import build_demo

    paths = app_paths(home).ensure()
    services = Services.open(paths.default_database, paths)
    try:
        build_demo(services.db, "small")
    finally:
        services.close()
    return paths.default_database


def _template_home(home: Path, source_db: Path) -> Path:
    """The demo with 20 attachment files, a backup of that state, then the live data changed
    (half the people in the trash) so that a restore is visible. Returns the backup."""
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
    (home / "blob.bin").unlink()
    backup = backups.create_backup(paths.default_database, paths).path
    conn = sqlite3.connect(paths.default_database)
    conn.execute("UPDATE people SET deleted_at = '2026-01-02' WHERE id % 2 = 0")
    conn.commit()
    conn.close()
    return backup


def _score_sheets(home: Path, out: Path) -> SheetPlan:
    """Sheets A and B from the bloc's own template: the same cells (the self score of a unit
    still scoring, the bloc's score of a submitted one, the note of every one not published)
    set to different values."""
    from openpyxl import load_workbook

    from desktop.services.blocs.excel import COMPUTED, SCORES_SHEET

    template = out / "mau.xlsx"
    _run_ok(_tdkt(home, "bloc-template", "scores", str(template), "--bloc", str(BLOC_ID)))
    conn = _connect_ro(app_paths(home).default_database)
    try:
        status = {str(r[0]): str(r[1]) for r in conn.execute(
            "SELECT u.code, s.status FROM bloc_score_sheets s JOIN units u ON u.id = s.unit_id "
            "WHERE s.bloc_id = ? AND s.deleted_at IS NULL", (BLOC_ID,))}
    finally:
        conn.close()
    editable: dict[tuple[str, str], tuple[str, Decimal]] = {}
    for marker, fraction in MARKERS.items():
        wb = load_workbook(template)
        ws = wb[SCORES_SHEET]
        for row in ws.iter_rows(min_row=4):
            unit, code, kind, maximum = row[0].value, row[2].value, row[4].value, row[5].value
            if not unit or COMPUTED in str(kind) or maximum is None:
                continue
            sheet = status.get(str(unit), "draft")
            column = {"draft": "self", "submitted": "reviewed"}.get(sheet)
            if column is None:  # reviewed or published: neither score may change
                continue
            top = Decimal(str(maximum))
            row[6 if column == "self" else 7].value = float((top * fraction).quantize(
                Decimal("0.01")))
            row[8].value = f"kiểm thử {marker} {unit} {code}"
            editable[(str(unit), str(code))] = (column, top)
        wb.save(out / f"{marker}.xlsx")
    return SheetPlan(editable)


# -- trials ---------------------------------------------------------------------------------
@dataclass
class Outcome:
    run: Killed  # the operation that was killed (or ran to the end)
    wrong: list[str]  # what is inconsistent afterwards
    acked: int  # writes acknowledged
    lost: list[str]  # acknowledged writes not found
    phase: str  # where the kill landed, as the data tells it


@dataclass
class Tally:
    trials: int = 0
    killed: int = 0
    inconsistent: int = 0
    acked: int = 0
    lost: int = 0
    phases: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


@dataclass
class Setup:
    template: Path
    backup_name: str
    plan: SheetPlan
    sheets: Path
    before_people: int  # live people of the template (plus one in restore trials)
    backup_people: int


def _common_checks(paths: AppPaths) -> list[str]:
    wrong = [f"live database: {m}" for m in _check(paths.default_database)]
    for path in sorted(paths.backups.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix == backups.BACKUP_SUFFIX:
            try:
                backups.verify_backup_file(path)
            except Exception as exc:  # counted, not raised
                wrong.append(f"broken backup {path.name}: {exc}")
        elif path.suffix == ".db":
            wrong.extend(f"safety copy {path.name}: {m}" for m in _check(path))
    backups.clean_stale(paths.backups)
    if list(paths.backups.glob(f"{backups.TMP_PREFIX}*")):
        wrong.append("temporary file left after clean-up")
    return wrong


def _phase(run: Killed, done: bool, before: str, after: str) -> str:
    if run.returncode is not None:
        return f"ran to the end (exit {run.returncode})"
    return after if done else before


def trial_import(home: Path, setup: Setup, delay: float | None) -> Outcome:
    paths = app_paths(home)  # sheet A was imported (exit 0) into the template
    run = _run_killed(_tdkt(home, "bloc-import-scores", str(BLOC_ID),
                            str(setup.sheets / "B.xlsx")), delay)
    wrong = _common_checks(paths)
    lost: list[str] = []
    state = _bloc_state(paths.default_database, setup.plan) if not wrong else "unreadable"
    if state not in ("A", "B"):
        wrong.append(f"bloc scores are a mix of sheets A and B ({state})")
        lost.append("sheet A (acknowledged) not found whole")
    if run.returncode == 0 and state != "B":
        lost.append(f"sheet B import exited 0 but the bloc holds {state}")
    return Outcome(run, wrong, 1 + (run.returncode == 0), lost,
                   _phase(run, state == "B", "killed before B was written",
                          "killed after B was written"))


def trial_backup(home: Path, setup: Setup, delay: float | None, full: float | None,
                 rng: random.Random) -> Outcome:
    paths = app_paths(home)
    existing = {p.name for p in paths.backups.iterdir()}
    writer = Writer(home)
    writer.wait_writing()  # then it writes all through the backup, and is killed in it too
    stop_writer = None
    if full is not None:  # else (the measuring run) it goes on until the backup ended
        stop_writer = threading.Timer(rng.uniform(0.3, 1.2) * full, writer.kill)
        stop_writer.start()
    try:
        run = _run_killed(_tdkt(home, "backup"), delay)
    finally:
        if stop_writer is not None:
            stop_writer.cancel()
        writer.kill()
    wrong = _common_checks(paths)
    lost: list[str] = []
    if not wrong:
        lost.extend(f"person “{n}” acknowledged by the writer is missing"
                    for n in _has_people(paths.default_database, writer.acked))
    made = [p for p in paths.backups.iterdir()
            if p.suffix == backups.BACKUP_SUFFIX and p.name not in existing]
    if run.returncode == 0 and len(made) != 1:
        lost.append(f"backup exited 0 but {len(made)} new backup files are there")
    return Outcome(run, wrong, len(writer.acked) + (run.returncode == 0), lost,
                   _phase(run, bool(made), "killed before the backup file was in place",
                          "killed after the backup file was in place"))


def trial_restore(home: Path, setup: Setup, delay: float | None) -> Outcome:
    from desktop.api.people import PersonInput
    from desktop.services import Services

    paths = app_paths(home)
    services = Services.open(paths.default_database, paths, create=False)
    try:
        unit_id = services.db.installation.unit_id if services.db.installation else None
        services.people.create(PersonInput(full_name=RESTORE_PERSON, gender="nu",
                                           unit_id=unit_id))  # acknowledged: it returned
    finally:
        services.close()
    run = _run_killed(_tdkt(home, "restore", str(paths.backups / setup.backup_name), "--yes"),
                      delay)
    wrong = _common_checks(paths)
    lost: list[str] = []
    restored = False
    if not wrong:
        people = _people(paths.default_database)
        safety = sorted(paths.backups.glob("tdkt_truoc-khoi-phuc_*.db"))
        if people == setup.before_people + 1:  # the old data
            lost.extend(f"person “{n}” missing" for n in
                        _has_people(paths.default_database, [RESTORE_PERSON]))
            if run.returncode == 0:
                lost.append("restore exited 0 but the old data is still there")
        elif people == setup.backup_people:  # restored: the replaced data is in a safety copy
            restored = True
            if not safety or all(_has_people(s, [RESTORE_PERSON]) for s in safety):
                lost.append("restored, but no safety copy holds the data it replaced")
        else:
            wrong.append(f"live database is neither the old data nor the backup "
                         f"({people} people)")
    return Outcome(run, wrong, 1 + (run.returncode == 0), lost,
                   _phase(run, restored, "killed before the data was replaced",
                          "killed after the data was replaced"))


# -- main -------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=42, help="in all, shared by the kinds")
    parser.add_argument("--kinds", default=",".join(KINDS), help="import,backup,restore")
    parser.add_argument("--db", help="a small demo database to start from (default: build it)")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--writer", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.writer:
        return writer_main(Path(args.writer))
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    if not kinds or any(k not in KINDS for k in kinds):
        parser.error(f"--kinds: some of {', '.join(KINDS)}")
    rng = random.Random(args.seed)
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="tdkt-kill-"))
    try:
        source = Path(args.db) if args.db else _build_demo(work / "demo")
        template = work / "template"
        backup = _template_home(template, source)
        sheets = work / "sheets"
        sheets.mkdir()
        plan = _score_sheets(template, sheets)
        _run_ok(_tdkt(template, "bloc-import-scores", str(BLOC_ID), str(sheets / "A.xlsx")))
        setup = Setup(template, backup.name, plan, sheets,
                      _people(app_paths(template).default_database),
                      _people_in_backup(backup, work))
        tallies = {k: Tally() for k in kinds}
        durations: dict[str, list[float]] = {k: [] for k in kinds}
        for trial in range(args.trials):
            kind = kinds[trial % len(kinds)]
            home = work / f"t{trial}"
            shutil.copytree(template, home)
            # The first trial of a kind runs to the end and measures it; the others are
            # killed at a random point from late start-up to the usual end (the median of the
            # runs that ended by themselves so far: the machine's load changes).
            full = statistics.median(durations[kind]) if durations[kind] else None
            # Denser towards the end, where the writing is (start-up takes the first half).
            delay = None if full is None else full * (1 - 0.65 * rng.random() ** 2)
            if kind == "import":
                outcome = trial_import(home, setup, delay)
            elif kind == "backup":
                outcome = trial_backup(home, setup, delay, full, rng)
            else:
                outcome = trial_restore(home, setup, delay)
            run = outcome.run
            if run.returncode is not None:
                durations[kind].append(run.elapsed)
            tally = tallies[kind]
            tally.trials += 1
            tally.killed += run.returncode is None
            tally.acked += outcome.acked
            tally.lost += len(outcome.lost)
            tally.phases[outcome.phase] = tally.phases.get(outcome.phase, 0) + 1
            if outcome.wrong:
                tally.inconsistent += 1
            if outcome.wrong or outcome.lost:
                tally.problems.append(f"trial {trial} ({kind}, {outcome.phase} at "
                                      f"{run.elapsed:.2f} s): "
                                      + "; ".join(outcome.wrong + outcome.lost))
            shutil.rmtree(home, ignore_errors=True)
        _report(tallies, time.monotonic() - started)
        bad = any(t.inconsistent or t.lost for t in tallies.values())
        return 1 if bad else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _people_in_backup(backup: Path, work: Path) -> int:
    copy = work / "backup-copy.db"
    backups.extract_checked(backup, copy)
    try:
        return _people(copy)
    finally:
        copy.unlink()


def _report(tallies: dict[str, Tally], seconds: float) -> None:
    print(f"{'kind':<8} {'trials':>6} {'killed':>6} {'inconsistent':>12} {'acked':>6} "
          f"{'lost':>5}")
    for kind, t in tallies.items():
        print(f"{kind:<8} {t.trials:>6} {t.killed:>6} {t.inconsistent:>12} {t.acked:>6} "
              f"{t.lost:>5}")
    total = Tally()
    for t in tallies.values():
        total.trials += t.trials
        total.killed += t.killed
        total.inconsistent += t.inconsistent
        total.acked += t.acked
        total.lost += t.lost
    print(f"{'all':<8} {total.trials:>6} {total.killed:>6} {total.inconsistent:>12} "
          f"{total.acked:>6} {total.lost:>5}")
    print(f"inconsistent databases: {total.inconsistent}")
    print(f"lost acknowledged writes: {total.lost} (of {total.acked} acknowledged)")
    print(f"time: {seconds:.0f} s")
    print("where the kills landed:")
    for kind, t in tallies.items():
        for phase, count in sorted(t.phases.items()):
            print(f"  {kind:<8} {count:>3}  {phase}")
    for t in tallies.values():
        for line in t.problems:
            print("  " + line)


if __name__ == "__main__":
    raise SystemExit(main())
