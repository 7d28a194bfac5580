"""GUI-thread stalls on the province database: the longest event-loop stall per action.

    .venv/bin/python bench/gui_stalls.py [--db bench/out/province.db]

A heartbeat ``QTimer`` ticks every 5 ms on the GUI thread; the longest gap between two ticks
while an action runs (and until its background reads have landed, plus a short settle time) is
how long the window was frozen. Build the database first with ``bench/run.py`` (``--rebuild``
rebuilds it, about 45 s). Runs offscreen; goal: no stall over 100 ms.

Actions, in this order on one main window: open the rounds page (the 30,000-nomination round),
type a 5-letter search (longest stall of each keystroke, keys 150 ms apart), clear it, sort by
subject (descending: the list is already by subject ascending), select a nomination, open
"Tạo văn bản" for per-nomination reports of the round, open the units page and expand its tree
to depth 2, open the people page.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

GOAL_MS = 100.0
HEARTBEAT_MS = 5
SETTLE_S = 0.3
KEY_INTERVAL_S = 0.15
SEARCH = "nguye"


class Heartbeat:
    """Records the longest gap between ticks of a fast timer on the GUI thread."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.max_gap = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self.last)
        self.last = now

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.max_gap = 0.0

    def start(self) -> None:
        self.reset()
        self.timer.start()


def run_until(done: Callable[[], bool], *, settle: float = SETTLE_S, timeout: float = 120.0,
              at_least: float = 0.0) -> None:
    """Spin the event loop until ``done()`` has held for ``settle`` seconds."""
    loop = QEventLoop()
    started = time.perf_counter()
    since: list[float | None] = [None]

    def poll() -> None:
        now = time.perf_counter()
        if now - started > timeout:
            loop.quit()
            return
        if now - started < at_least or not done():
            since[0] = None
            return
        if since[0] is None:
            since[0] = now
        elif now - since[0] >= settle:
            loop.quit()

    poller = QTimer()
    poller.setInterval(10)
    poller.timeout.connect(poll)
    poller.start()
    loop.exec()
    poller.stop()


class Bench:
    def __init__(self, window: Any, profile: bool = False) -> None:
        self.window = window
        self.profile = profile
        self.heartbeat = Heartbeat()
        self.heartbeat.start()
        self.rows: list[tuple[str, float]] = []

    def idle(self, *models: Any) -> Callable[[], bool]:
        def check() -> bool:
            return not self.window.runner.busy and not any(getattr(m, "busy", False)
                                                           for m in models)
        return check

    def measure(self, name: str, action: Callable[[], Any], done: Callable[[], bool], *,
                settle: float = SETTLE_S, at_least: float = 0.0, record: bool = True) -> float:
        run_until(lambda: True, settle=0.2)  # start from a quiet loop
        self.heartbeat.reset()
        profiler = cProfile.Profile() if self.profile else None
        if profiler is not None:
            profiler.enable()
        QTimer.singleShot(0, action)
        run_until(done, settle=settle, at_least=at_least)
        if profiler is not None:
            profiler.disable()
            print(f"--- GUI thread during: {name}", file=sys.stderr)
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumtime").print_stats(25)
        stall = self.heartbeat.max_gap * 1000
        if record:
            self.rows.append((name, stall))
        print(f"{name}: {stall:.0f} ms", file=sys.stderr)
        return stall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "province.db")
    parser.add_argument("--profile", action="store_true",
                        help="print what the GUI thread ran during each action (cProfile)")
    args = parser.parse_args()
    db: Path = args.db.resolve()
    if not db.exists():
        print(f"{db} does not exist: build it with .venv/bin/python bench/run.py", file=sys.stderr)
        return 2
    for row in gui_stalls(db, profile=args.profile):
        print(row)
    return 0


def gui_stalls(db: Path, *, profile: bool = False) -> list[str]:
    """Run the actions on ``db``; return the Markdown table lines."""
    from desktop import i18n
    from desktop.app import ServiceBackend
    from desktop.paths import app_paths
    from desktop.settings import UiSettings
    from desktop.views.dialogs.render_dialog import RenderDialog
    from desktop.views.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    i18n.install(app)
    with tempfile.TemporaryDirectory() as home:
        paths = app_paths(Path(home)).ensure()
        backend = ServiceBackend.open(db, paths, create=False)
        window = MainWindow(backend, UiSettings(paths.config), remember_state=False)
        window.resize(1366, 697)
        window.show()
        if not os.environ.get("TDKT_BENCH_AS_BEFORE"):  # what desktop.app does after start-up
            from desktop.app import _settle_after_start_up

            _settle_after_start_up(window)
        bench = Bench(window, profile)
        run_until(bench.idle(), settle=0.5)
        try:
            _actions(bench, window, RenderDialog)
        finally:
            window.runner.wait_for_done(30_000)
            window.close()
            app.processEvents()
            backend.close()
    lines = ["| Action (province demo, GUI thread) | Longest stall | Goal |", "|---|---:|---:|"]
    for name, stall in bench.rows:
        lines.append(f"| {name} | {stall:.0f} ms | ≤ {GOAL_MS:.0f} ms |")
    return lines


def _actions(bench: Bench, window: Any, render_dialog: Any) -> None:
    pages: dict[str, Any] = {}

    def model_of(page: Any) -> Any:
        return getattr(page, "model", None)

    bench.measure("Open the rounds page (30,000-nomination round)",
                  lambda: pages.__setitem__("rounds", window.navigate("rounds")),
                  lambda: "rounds" in pages and bench.idle(model_of(pages["rounds"]))())
    page = pages["rounds"]
    model = model_of(page)
    stalls = []
    for i, char in enumerate(SEARCH):
        last = i == len(SEARCH) - 1
        stalls.append(bench.measure(
            f"keystroke {i + 1}", lambda c=char: QTest.keyClick(page.search, c),
            bench.idle(model) if last else (lambda: True),
            settle=SETTLE_S if last else 0.0, at_least=0.0 if last else KEY_INTERVAL_S,
            record=False))
    bench.rows.append((f"Search “{SEARCH}”, 5 keystrokes 150 ms apart (longest per keystroke: "
                       + " / ".join(f"{s:.0f}" for s in stalls) + " ms)", max(stalls)))
    bench.measure("Clear the search", lambda: page.search.clear(), bench.idle(model),
                  at_least=0.4)
    bench.measure("Sort by subject (click the header)",
                  lambda: page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder),
                  bench.idle(model))

    def click_row() -> None:
        rect = page.table.visualRect(page.table.model().index(2, 0))
        QTest.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, QPoint(rect.center()))

    bench.measure("Select a nomination", click_row, bench.idle(model))

    dialogs: list[Any] = []

    def open_dialog() -> None:
        dialog = render_dialog(page.services, window.runner, page,
                               template_key="bao_cao_thanh_tich_ca_nhan", round_id=page.round.id)
        dialogs.append(dialog)
        dialog.show()

    bench.measure("Open “Tạo văn bản” for per-nomination reports (28,500 targets)", open_dialog,
                  lambda: bool(dialogs) and bench.idle(getattr(dialogs[0], "targets", None))())
    dialog = dialogs[0]
    shown = (dialog.targets.rowCount() if hasattr(dialog, "targets")
             else dialog.nominations.count())
    print(f"  render dialog lists {shown} nominations", file=sys.stderr)
    dialog.close()
    dialog.deleteLater()

    bench.measure("Open the units page",
                  lambda: pages.__setitem__("units", window.navigate("units")),
                  lambda: "units" in pages and bench.idle(getattr(pages["units"], "tree_model",
                                                                  None))())
    units = pages["units"]
    bench.measure("Expand the unit tree to depth 2", lambda: units.tree.expandToDepth(1),
                  bench.idle(units.tree_model))
    print(f"  unit tree: {_visible_rows(units.tree_model)} rows shown", file=sys.stderr)
    bench.measure("Open the people page",
                  lambda: pages.__setitem__("people", window.navigate("people")),
                  lambda: "people" in pages and bench.idle(model_of(pages["people"]))())


def _visible_rows(model: Any) -> int:
    from PySide6.QtCore import QModelIndex

    def count(parent: QModelIndex) -> int:
        rows = model.rowCount(parent)
        return rows + sum(count(model.index(r, 0, parent)) for r in range(rows))
    return count(QModelIndex())


if __name__ == "__main__":
    raise SystemExit(main())
