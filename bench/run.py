"""Benchmark on a province-scale synthetic database (DESIGN §9), printed as a Markdown table.

    .venv/bin/python bench/run.py [--db bench/out/province.db] [--rebuild]

Builds the database once (about 150,000 people, 600,000 award records, a 30,000-nomination
round) and reuses it afterwards. Measures, in this one run on this machine:
  * process start → main window shown, and → first rows of the people list (5 cold starts,
    ``python -m desktop --report-startup`` with QT_QPA_PLATFORM=offscreen);
  * people list first page (count + 200 rows), as the list model does it;
  * search per keystroke (p50/p95 over 50 typed prefixes) through the FTS index, and the same
    searches by a plain LIKE '%…%' scan, as a ratio;
  * eligibility of the 30,000-nomination round;
  * peak RSS of the app process.
Speed goals are checked here, never by timed unit tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.paths import app_paths  # noqa: E402
from desktop.services import Services  # noqa: E402
from desktop.services.people import PeopleQuery  # noqa: E402

TYPED = ["nguyen van", "lo thi", "giang a", "tran", "hoang duc", "vang thi", "sung a", "duc",
         "huong", "thuy"]
PAGE = 200


def keystrokes() -> list[str]:
    """What the search box sends while someone types ten names: 50 prefixes."""
    out: list[str] = []
    for word in TYPED:
        for end in range(1, len(word) + 1):
            prefix = word[:end]
            if not prefix.endswith(" ") and prefix not in out:
                out.append(prefix)
    return out[:50]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def build(db: Path) -> None:
    from desktop.services.demo import build_demo
    from desktop.services.demo_round import build_demo_round

    home = db.parent / "home"
    services = Services.open(db, app_paths(home).ensure())
    try:
        started = time.perf_counter()
        summary = build_demo(services.db, "province")
        print(f"demo: {summary} in {time.perf_counter() - started:.1f}s", file=sys.stderr)
        print(f"round: {build_demo_round(services.db, size=30_000)}", file=sys.stderr)
    finally:
        services.close()


def startup(db: Path, runs: int = 5) -> tuple[list[float], list[float], int]:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "TDKT_HOME": str(db.parent / "home")}
    window, rows = [], []
    for _ in range(runs):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db),
                              "--report-startup"], capture_output=True, text=True, env=env,
                             cwd=ROOT, check=True, timeout=120)
        report = json.loads(out.stdout.strip().splitlines()[-1])
        window.append(report["window_shown"] - t0)
        rows.append(report["people_first_rows"] - t0)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return window, rows, peak_kb


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "province.db")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    db: Path = args.db.resolve()
    if args.rebuild and db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        build(db)

    window, first_rows, peak_kb = startup(db)
    services = Services.open(db, app_paths(db.parent / "home").ensure())
    people = services.people
    total = people.count(PeopleQuery())
    list_times = [timed(lambda: (people.count(PeopleQuery()), people.page(PeopleQuery(), 0, PAGE)))
                  for _ in range(5)]

    # First pass: right after opening, pages cold in this process. Second pass: the same
    # typing later in the session. Both are reported.
    cold = []
    for typed in keystrokes():
        query = PeopleQuery(text=typed)
        cold.append(timed(lambda q=query: (people.count(q), people.page(q, 0, PAGE))))
    fts, scan = [], []
    with services.db.engine.connect() as conn:
        for typed in keystrokes():
            query = PeopleQuery(text=typed)
            fts.append(timed(lambda q=query: (people.count(q), people.page(q, 0, PAGE))))
            like = " AND ".join(f"search_key LIKE :t{i}" for i in range(len(typed.split())))
            params = {f"t{i}": f"%{tok}%" for i, tok in enumerate(typed.split())}
            scan.append(timed(lambda like=like, params=params: (
                conn.execute(text(f"SELECT count(*) FROM people WHERE deleted_at IS NULL AND {like}"),
                             params).scalar(),
                conn.execute(text(f"SELECT id, full_name FROM people WHERE deleted_at IS NULL AND "
                                  f"{like} ORDER BY sort_key LIMIT {PAGE}"), params).all())))

    round_id = services.rounds.list()[0].id
    nominations = services.rounds.get(round_id).nomination_count
    eligibility = [timed(lambda: services.eligibility.check_round(round_id)) for _ in range(3)]
    services.close()

    p50, p95 = percentile(fts, 0.5) * 1000, percentile(fts, 0.95) * 1000
    s50, s95 = percentile(scan, 0.5) * 1000, percentile(scan, 0.95) * 1000
    rows = [
        ("Start → main window shown (median of 5)", f"{statistics.median(window):.2f} s", "≤ 1.5 s"),
        ("Start → first rows of the people list (median of 5)",
         f"{statistics.median(first_rows):.2f} s", "—"),
        (f"People list first page ({total:,} people; count + {PAGE} rows, median of 5)",
         f"{statistics.median(list_times) * 1000:.0f} ms", "≤ 0.3 s"),
        ("Search per keystroke, first typing after opening (p50 / p95 over 50)",
         f"{percentile(cold, 0.5) * 1000:.1f} / {percentile(cold, 0.95) * 1000:.1f} ms", "—"),
        ("Search per keystroke, FTS index, same typing again (p50 / p95 over 50)",
         f"{p50:.1f} / {p95:.1f} ms", "≤ 30 ms p95"),
        ("Same searches by LIKE '%…%' scan (p50 / p95)", f"{s50:.1f} / {s95:.1f} ms", "—"),
        ("Scan ÷ index (p95)", f"{s95 / p95:.1f}×", "—"),
        (f"Eligibility of a {nominations:,}-nomination round (median of 3)",
         f"{statistics.median(eligibility):.2f} s", "≤ 3 s"),
        ("Peak RSS of the app process", f"{peak_kb / 1024:.0f} MB", "≤ 400 MB"),
    ]
    import sqlite3

    machine = platform.processor() or platform.machine()
    print(f"Run {datetime.now():%Y-%m-%d %H:%M} on {platform.node()} — {machine}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}\n")
    print("| Measure | Result | Goal |\n|---|---|---|")
    for name, value, goal in rows:
        print(f"| {name} | {value} | {goal} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
