"""Excel import at province scale: 150,000 people in one .xlsx (issue 12).

    .venv/bin/python bench/excel_bench.py [--people 150000]

Builds bench/out/people-150k.xlsx (streamed, write-only) and a fresh configured database with
one province and 50 communes, then runs the dry run and the apply, each in its own process so
its peak RSS is its own (``VmHWM`` of ``/proc/self/status``: ``getrusage`` would also count
the parent's memory at fork). Prints wall and CPU seconds (the CPU figure is what the import
costs when the machine is not shared) and the load average. Goal: apply ≥ 5,000 rows/s, peak
≤ 400 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"
COMMUNES = 50
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Lò", "Tòng", "Vàng", "Giàng", "Lường")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thu", "Hữu", "Ngọc", "Xuân")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hường", "Lan", "Mai", "Nam", "Páo", "Pọm", "Sùng",
         "Tâm", "Thảo", "Vân", "Yến", "Đức")


def _peak_mb() -> float:
    """This process's own peak resident set (VmHWM), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def build_file(path: Path, people: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Cá nhân")
    ws.append(["Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Số CCCD", "Đơn vị",
               "Chức vụ", "Người đứng đầu đơn vị", "Lao động trực tiếp", "Ghi chú"])
    start = date(1960, 1, 1)
    for i in range(people):
        female = i % 2 == 1
        born = start + timedelta(days=(i * 37) % 16_000)
        # CCCD: province 001, gender/century digit, 2-digit year, 6-digit serial.
        century = (3 if female else 2) if born.year >= 2000 else (1 if female else 0)
        cccd = f"001{century}{born.year % 100:02d}{i:06d}"
        name = (f"{FAMILY[i % len(FAMILY)]} {MIDDLE[(i // 10) % len(MIDDLE)]} "
                f"{GIVEN[(i // 80) % len(GIVEN)]}")
        ws.append([name, "Nữ" if female else "Nam", born, "Kinh" if i % 3 else "Thái", cccd,
                   f"XA{i % COMMUNES:02d}", "Công chức" if i % 5 else "", "Không",
                   "Có" if i % 7 == 0 else "Không", ""])
    wb.save(path)


def build_db(home: Path) -> None:
    from desktop.domain.enums import UnitKind
    from desktop.paths import app_paths
    from desktop.services import Services
    from desktop.services.units import UnitInput

    shutil.rmtree(home, ignore_errors=True)
    paths = app_paths(home).ensure()
    services = Services.open(paths.default_database, paths)
    services.setup.configure(UnitInput("Ủy ban nhân dân tỉnh Lai Châu", "LCH",
                                       UnitKind.PROVINCE))
    root = services.units.children(None)[0].id
    for n in range(COMMUNES):
        services.units.create(UnitInput(f"Xã Số {n:02d}", f"XA{n:02d}", UnitKind.COMMUNE, root))
    services.close()


def phase(home: Path, xlsx: Path, mode: str) -> dict[str, float]:
    from desktop.paths import app_paths
    from desktop.services import Services

    paths = app_paths(home).ensure()
    services = Services.open(paths.default_database, paths)
    run = services.excel.dry_run if mode == "dry-run" else services.excel.apply
    load = _load()
    started, cpu = time.perf_counter(), time.process_time()
    report = run("people", xlsx)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    services.close()
    return {"rows": report.rows, "new": report.new, "seconds": round(seconds, 1),
            "rows_per_s": round(report.rows / seconds), "cpu_s": round(cpu, 1),
            "rows_per_cpu_s": round(report.rows / cpu), "peak_mb": round(_peak_mb()),
            "load_before": load, "load_after": _load()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=150_000)
    parser.add_argument("--phase", choices=("dry-run", "apply"))
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    home = OUT / "excel-home"
    xlsx = OUT / f"people-{args.people // 1000}k.xlsx"
    if args.phase:
        print(json.dumps(phase(home, xlsx, args.phase)))
        return
    if not xlsx.exists():
        started = time.perf_counter()
        build_file(xlsx, args.people)
        print(f"built {xlsx.name}: {xlsx.stat().st_size / 1024**2:.1f} MB in "
              f"{time.perf_counter() - started:.1f} s")
    build_db(home)
    for mode in ("dry-run", "apply"):
        done = subprocess.run([sys.executable, __file__, "--people", str(args.people),
                               "--phase", mode], capture_output=True, text=True, check=True)
        print(mode, done.stdout.strip())


if __name__ == "__main__":
    main()
