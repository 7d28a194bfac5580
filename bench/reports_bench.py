"""Reports at province scale (issue 14): every ready-made report, and the builder's heaviest
groupings, on the province demo database (≈600,000 award records), each ≤ 1 s.

    .venv/bin/python bench/reports_bench.py                 # builds bench/out/province.db if missing
    .venv/bin/python bench/reports_bench.py --db other.db

The database is the one ``bench/run.py`` builds (same generator: ``build_demo(…, "province")``
plus the 30,000-nomination round). Each report is timed through ``services.reports`` exactly
as the page and the CLI call it: first run (cold pages of the file) and the median of three
more. Figures are computed by SQLite (GROUP BY); nothing here loads award rows into Python.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.api.reports import (  # noqa: E402
    Dimension,
    ReadyReport,
    ReportDefinition,
    ReportFilter,
    Source,
)
from desktop.domain.enums import Gender  # noqa: E402
from desktop.paths import app_paths  # noqa: E402
from desktop.services import Services  # noqa: E402

GOAL_S = 1.0


def build(db: Path) -> None:
    from desktop.services.demo import build_demo
    from desktop.services.demo_round import build_demo_round

    db.parent.mkdir(parents=True, exist_ok=True)
    services = Services.open(db, app_paths(db.parent / "home").ensure())
    try:
        started = time.perf_counter()
        print(f"demo: {build_demo(services.db, 'province')} "
              f"in {time.perf_counter() - started:.1f}s", file=sys.stderr)
        print(f"round: {build_demo_round(services.db, size=30_000)}", file=sys.stderr)
    finally:
        services.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "province.db")
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db)
    conn = sqlite3.connect(args.db)
    records, first, last = conn.execute(
        "SELECT count(*), min(year), max(year) FROM award_records "
        "WHERE deleted_at IS NULL").fetchone()
    # The report year: the latest year with a full year of awards (the demo's current year
    # holds only the few recorded so far).
    last = conn.execute("SELECT max(year) FROM (SELECT year FROM award_records GROUP BY year "
                        "HAVING count(*) >= 1000)").fetchone()[0]
    busiest = conn.execute("SELECT person_id FROM award_records WHERE person_id IS NOT NULL "
                           "GROUP BY person_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    unit = conn.execute("SELECT id FROM units WHERE parent_id = (SELECT id FROM units WHERE "
                        "parent_id IS NULL LIMIT 1) LIMIT 1").fetchone()[0]
    conn.close()
    services = Services.open(args.db, app_paths(args.db.parent / "home").ensure())
    reports = services.reports
    year = ReportFilter(year_from=last, year_to=last)
    every = ReportFilter(year_from=first, year_to=last)
    cases: list[tuple[str, Callable[[], object]]] = [
        (f"summary {last}", lambda: reports.summary(year)),
        (f"summary {first}–{last}", lambda: reports.summary(every)),
        ("0601", lambda: reports.form(ReadyReport.FORM_0601, year)),
        ("0602", lambda: reports.form(ReadyReport.FORM_0602, year)),
        ("0603", lambda: reports.form(ReadyReport.FORM_0603, year)),
        ("0604", lambda: reports.form(ReadyReport.FORM_0604, year)),
        ("0605", lambda: reports.form(ReadyReport.FORM_0605, year)),
        ("timeline (busiest person)", lambda: reports.timeline(person_id=busiest)),
        ("custom unit × gender, all years", lambda: reports.build(ReportDefinition(
            Source.AWARDS, every, (Dimension.UNIT, Dimension.GENDER)))),
        ("custom year × ethnicity, women", lambda: reports.build(ReportDefinition(
            Source.AWARDS, ReportFilter(gender=Gender.FEMALE),
            (Dimension.YEAR, Dimension.ETHNICITY)))),
        ("custom one commune's subtree × award", lambda: reports.build(ReportDefinition(
            Source.AWARDS, ReportFilter(unit_id=unit), (Dimension.UNIT, Dimension.AWARD)))),
        ("nominations unit × status", lambda: reports.build(ReportDefinition(
            Source.NOMINATIONS, ReportFilter(), (Dimension.UNIT, Dimension.STATUS)))),
    ]
    print(f"Database: {args.db} — {records:,} live award records, years {first}–{last}")
    print(f"{'Report':40} {'first (s)':>10} {'median (s)':>11}  goal ≤ {GOAL_S:.0f} s "
          "(ready-made reports; the builder rows are for information)")
    ready = {"0601", "0602", "0603", "0604", "0605", "timeline (busiest person)",
             f"summary {last}", f"summary {first}–{last}"}
    worst = 0.0
    try:
        for name, run in cases:
            started = time.perf_counter()
            run()
            cold = time.perf_counter() - started
            warm = []
            for _ in range(3):
                started = time.perf_counter()
                run()
                warm.append(time.perf_counter() - started)
            median = statistics.median(warm)
            if name in ready:
                worst = max(worst, cold, median)
            flag = "" if max(cold, median) <= GOAL_S else "  OVER"
            print(f"{name:40} {cold:10.3f} {median:11.3f}{flag}")
    finally:
        services.close()
    print(f"Slowest ready-made report: {worst:.3f} s "
          f"({'met' if worst <= GOAL_S else 'NOT met'})")
    return 0 if worst <= GOAL_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
