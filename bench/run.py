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
  * peak RSS of the app process;
  * bloc ranking of 50 units × 200 criteria: the pure totals-and-ranking function over
    prepared scores, the same with target formulas computed, and the whole service call
    reading the bloc from a database (``--only blocs`` runs just these, no province build);
  * with ``--only gui``: the longest GUI-thread stall per action (bench/gui_stalls.py).
Speed goals are checked here, never by timed unit tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.domain.enums import (  # noqa: E402
    BlocKind,
    CriterionKind,
    ScoreBasis,
    SheetStatus,
    TargetDirection,
    TargetFormula,
    UnitKind,
)
from desktop.paths import app_paths  # noqa: E402
from desktop.services import Services  # noqa: E402
from desktop.services.blocs.dto import (  # noqa: E402
    BlocInput,
    CriterionInput,
    MemberInput,
    ScoreEntry,
    UnitTargetInput,
)
from desktop.services.blocs.formulas import target_points  # noqa: E402
from desktop.services.blocs.ranking import UnitScores, rank_units  # noqa: E402
from desktop.services.people import PeopleQuery  # noqa: E402
from desktop.services.units import UnitInput  # noqa: E402

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


BLOC_UNITS, BLOC_GROUPS, BLOC_ITEMS, BLOC_PARTS = 50, 4, 8, 5  # 4×(1+8+8×5) + 4 = 200


def bloc_table() -> list[CriterionInput]:
    """200 criteria: four scored groups of 8 criteria with 5 sub-criteria each (1,000 points),
    one criterion in five a target, and a bonus and a penalty group with one item each."""
    rows: list[CriterionInput] = []
    for g in range(1, BLOC_GROUPS + 1):
        rows.append(CriterionInput(f"G{g}", f"Nhóm {g}", Decimal(250)))
        for i in range(1, BLOC_ITEMS + 1):
            rows.append(CriterionInput(f"G{g}.{i}", f"Tiêu chí {g}.{i}", Decimal("31.25"),
                                       parent_code=f"G{g}"))
            for k in range(1, BLOC_PARTS + 1):
                target = k == 1
                rows.append(CriterionInput(
                    f"G{g}.{i}.{k}", f"Tiêu chí con {g}.{i}.{k}", Decimal("6.25"),
                    CriterionKind.TARGET if target else CriterionKind.MANUAL, f"G{g}.{i}",
                    formula=TargetFormula.PROPORTIONAL if target else None,
                    indicator=f"Chỉ tiêu {g}.{i}" if target else ""))
    rows += [CriterionInput("B", "Điểm thưởng", 10, CriterionKind.BONUS),
             CriterionInput("B.1", "Mô hình mới", 10, CriterionKind.BONUS, "B"),
             CriterionInput("P", "Điểm trừ", 10, CriterionKind.PENALTY),
             CriterionInput("P.1", "Chậm báo cáo", 5, CriterionKind.PENALTY, "P")]
    assert len(rows) == 200
    return rows


def bloc_ranking() -> list[tuple[str, str, str]]:
    """Rank 50 units × 200 criteria: pure, pure with target formulas, and from a database."""
    rng = random.Random(2026)
    inputs = bloc_table()
    parents = {c.parent_code for c in inputs}

    class Node:  # what the pure functions read, as a CriterionRow would give it
        def __init__(self, c: CriterionInput) -> None:
            self.code, self.parent_code, self.name = c.code, c.parent_code, c.name
            self.kind, self.max_points = CriterionKind(c.kind), Decimal(c.max_points)
            self.cap, self.formula, self.tiers = None, c.formula, ()
            self.direction, self.indicator = TargetDirection.HIGHER_BETTER, c.indicator

    nodes = [Node(c) for c in inputs]
    leaves = [n for n in nodes if n.code not in parents]
    figures = {(u, n.code): (100.0, rng.uniform(80, 110)) for u in range(BLOC_UNITS)
               for n in leaves if n.kind is CriterionKind.TARGET}
    prepared = [UnitScores(u, f"Đơn vị {u:02d}", {
        n.code: Decimal(rng.randrange(0, int(n.max_points * 4) + 1)) / 4
        for n in leaves if n.kind is not CriterionKind.TARGET}, Decimal(rng.randrange(0, 100)),
        rng.randrange(0, 10)) for u in range(BLOC_UNITS)]
    rules = ("first_group", "fewer_penalty", "more_bonus", "more_votes")

    def pure() -> None:
        rank_units(nodes, prepared, rules)

    def with_targets() -> None:
        units = []
        for u in prepared:
            scores = dict(u.scores)
            for n in leaves:
                if n.kind is CriterionKind.TARGET:
                    planned, actual = figures[(u.unit_id, n.code)]
                    scores[n.code] = target_points(n, planned, actual).points  # type: ignore[arg-type]
            units.append(UnitScores(u.unit_id, u.name, scores, u.women_share, u.votes))
        rank_units(nodes, units, rules)

    pure_times = [timed(pure) for _ in range(20)]
    target_times = [timed(with_targets) for _ in range(20)]

    with tempfile.TemporaryDirectory() as tmp:
        services = Services.open(Path(tmp) / "blocs.db", app_paths(Path(tmp)).ensure())
        services.setup.configure(UnitInput("Ủy ban nhân dân tỉnh Lai Châu", "LCH",
                                           UnitKind.PROVINCE))
        root = services.units.children(None)[0].id
        bloc = services.blocs.create(BlocInput("Khối đo tốc độ", BlocKind.BLOC, 2026,
                                               total_points=1000))
        units = [services.units.create(UnitInput(f"Đơn vị {u:02d}", f"DV{u:02d}",
                                                 UnitKind.AGENCY, root)).id
                 for u in range(BLOC_UNITS)]
        for uid in units:
            services.blocs.add_member(bloc.id, MemberInput(uid))
        ids = {r.code: r.id for r in services.blocs.criteria.replace_table(
            bloc.id, inputs).rows}
        entries = [ScoreEntry(units[u.unit_id], ids[code], ScoreBasis.SELF, value)
                   for u in prepared for code, value in u.scores.items()]
        services.blocs.scores.set_scores(bloc.id, entries)
        for (u, code), (planned, actual) in figures.items():
            services.blocs.targets.create(UnitTargetInput(
                units[u], 2026, f"Chỉ tiêu {code.rsplit('.', 1)[0][1:]}", "%", planned,
                actual))
        services.blocs.scores.transition(bloc.id, units, SheetStatus.SUBMITTED)
        db_times = [timed(lambda: services.blocs.scores.ranking(bloc.id)) for _ in range(5)]
        ranking = services.blocs.scores.ranking(bloc.id)
        assert len(ranking.rows) == BLOC_UNITS and not ranking.problems, ranking.problems
        services.close()
    cells = BLOC_UNITS * len(leaves)
    return [
        (f"Bloc ranking, {BLOC_UNITS} units × {len(nodes)} criteria ({cells:,} scored cells): "
         "totals + ranking, pure (median of 20)",
         f"{statistics.median(pure_times) * 1000:.1f} ms", "≤ 50 ms"),
        ("Same, target formulas computed for the 32 target criteria (median of 20)",
         f"{statistics.median(target_times) * 1000:.1f} ms", "—"),
        ("Same bloc ranked by the service, read from SQLite (median of 5)",
         f"{statistics.median(db_times) * 1000:.0f} ms", "—"),
    ]


def print_table(rows: list[tuple[str, str, str]]) -> None:
    import sqlite3

    machine = platform.processor() or platform.machine()
    print(f"Run {datetime.now():%Y-%m-%d %H:%M} on {platform.node()} — {machine}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}\n")
    print("| Measure | Result | Goal |\n|---|---|---|")
    for name, value, goal in rows:
        print(f"| {name} | {value} | {goal} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "province.db")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--only", choices=("all", "blocs", "gui"), default="all",
                        help="blocs: only the bloc ranking (no province database needed); "
                             "gui: only the GUI-thread stalls (bench/gui_stalls.py)")
    args = parser.parse_args()
    if args.only == "blocs":
        print_table(bloc_ranking())
        return 0
    db: Path = args.db.resolve()
    if args.rebuild and db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        build(db)
    if args.only == "gui":  # its own process: a clean heap and a QApplication of its own
        return subprocess.run([sys.executable, str(ROOT / "bench" / "gui_stalls.py"), "--db",
                               str(db)], env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
                              cwd=ROOT).returncode

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
        *bloc_ranking(),
    ]
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
