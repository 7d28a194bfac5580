"""Tổng quan on the province database: how long its figures take (in the worker) and the
longest GUI-thread stall while the page shows them and when a figure opens its list.

    .venv/bin/python bench/overview_bench.py [--db bench/out/province.db] [--checked]

``--checked`` first copies the database to a temporary folder and runs the eligibility check
of its open rounds there (the bench database is never changed), so that thousands of
nominations are "Cần kiểm tra" and the page also asks the engine why: the worst case.
Goal: no GUI-thread stall over 100 ms (issue 14); the figures themselves are SQL counts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from gui_stalls import GOAL_MS, Bench, run_until  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def service_times(db: Path, home: Path) -> tuple[list[str], Any]:
    """Wall time of ``summary()`` (best and median of 5) and of each round's reasons."""
    from desktop.paths import app_paths
    from desktop.services import Services

    services = Services.open(db, app_paths(home).ensure(), create=False)
    try:
        times = []
        for _ in range(5):
            started = time.perf_counter()
            summary = services.overview.summary()
            times.append(time.perf_counter() - started)
        lines = [f"| `overview.summary()` (all figures, SQL) | best {min(times) * 1000:.0f} ms, "
                 f"median {statistics.median(times) * 1000:.0f} ms | worker thread |"]
        for glance in summary.rounds:
            if glance.to_check:
                started = time.perf_counter()
                found = services.overview.check_reasons(glance.round_id)
                lines.append(f"| `overview.check_reasons()` ({found.checked:,} nominations to "
                             f"check) | {(time.perf_counter() - started) * 1000:.0f} ms | "
                             "worker thread |")
        return lines, summary
    finally:
        services.close()


def check_rounds(db: Path, home: Path) -> None:
    from desktop.paths import app_paths
    from desktop.services import Services

    services = Services.open(db, app_paths(home).ensure(), create=False)
    try:
        for glance in services.overview.summary().rounds:
            started = time.perf_counter()
            results = services.eligibility.check_round(glance.round_id)
            print(f"checked round {glance.round_id}: {len(results):,} nominations in "
                  f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    finally:
        services.close()


def gui(db: Path, home: Path) -> list[str]:
    from desktop import i18n
    from desktop.app import ServiceBackend
    from desktop.paths import app_paths
    from desktop.settings import UiSettings
    from desktop.views.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    i18n.install(app)
    paths = app_paths(home / "gui").ensure()
    backend = ServiceBackend.open(db, paths, create=False)
    window = MainWindow(backend, UiSettings(paths.config), remember_state=False)
    window.resize(1366, 697)
    window.show()
    bench = Bench(window)
    run_until(bench.idle(), settle=0.5)  # the overview is the first page: already shown once
    page = window.pages["overview"]
    try:
        bench.measure("Reload the overview (figures, then reasons round by round)",
                      page.reload, bench.idle())
        window.navigate("units")  # made once here: its own first-open cost is not measured
        run_until(bench.idle(), settle=0.3)
        bench.measure("Come back to the overview from another page (after a change)",
                      lambda: (window.navigate("units"), page._on_data_changed("all"),
                               window.navigate("overview")), bench.idle())
        summary = page.summary
        glance = next((r for r in summary.rounds if r.to_check), None) if summary else None
        if glance is not None:
            window.navigate("rounds")  # the rounds page made once, unmeasured (gui_stalls.py
            run_until(bench.idle(window.pages["rounds"].model), settle=0.3)  # measures that)
            window.navigate("overview")
            run_until(bench.idle(), settle=0.3)
            box = page.round_boxes[glance.round_id]
            rounds: list[Any] = []

            def open_list() -> None:
                box.check_button.click()
                rounds.append(window.pages["rounds"])

            bench.measure(f"Click “{glance.to_check:,} cần kiểm tra” (the rounds page "
                          "shows them)", open_list,
                          lambda: bool(rounds) and bench.idle(rounds[0].model)())
            print(f"  rounds page lists {rounds[0].model.total:,} nominations", file=sys.stderr)
    finally:
        window.runner.wait_for_done(60_000)
        window.close()
        app.processEvents()
        backend.close()
    return [f"| {name} | {stall:.0f} ms | ≤ {GOAL_MS:.0f} ms |" for name, stall in bench.rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "province.db")
    parser.add_argument("--checked", action="store_true",
                        help="check eligibility first, on a temporary copy")
    args = parser.parse_args()
    source: Path = args.db.resolve()
    if not source.exists():
        print(f"{source} does not exist: build it with .venv/bin/python bench/run.py",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="tdkt-overview-") as tmp:
        home = Path(tmp)
        db = source
        if args.checked:
            db = home / "province.db"
            shutil.copy(source, db)
            check_rounds(db, home / "check")
        lines, _summary = service_times(db, home / "service")
        lines += gui(db, home)
    print("| Overview (province demo) | Time / longest GUI stall | Goal |")
    print("|---|---:|---:|")
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
