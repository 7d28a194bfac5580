"""Sync packages at province scale: export the 30,000-nomination round of the province demo
(with its people, ratings, initiatives, discipline and award history) as one upward package,
import it into a second database, and compare the import rate with raw
``sqlite3.executemany`` of the same rows into the same schema, in the same run.

    .venv/bin/python bench/sync_bench.py            # builds bench/out/province.db if missing

Each phase runs in its own process so its peak RSS is its own. Raw and import are measured in
turns (``--rounds``, 5 by default: the VM's speed drifts within minutes) and the median
round's ratio is reported. Goal (issue 11): import ≥ 5,000 records/s and ≥ 50 % of the raw
rate, peak RSS ≤ 400 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"
RECEIVER_CODE = "TW-BENCH"


def _peak_mb() -> float:
    """Peak resident memory of this process (/proc/self/status VmHWM), including pages of the
    memory-mapped database file (PRAGMA mmap_size is 256 MB), which the OS drops whenever it
    needs the room. (``getrusage`` would also count the parent's memory at the fork.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _anon_mb() -> float:
    """Resident memory that is the process's own (heap), now: /proc/self/status RssAnon."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) / 1024
    return 0.0


def phase_export(source: Path, package: Path) -> dict[str, Any]:
    from sqlalchemy import func, select, update

    from desktop.api.sync import UpwardSelection
    from desktop.models import Installation, Nomination
    from desktop.paths import app_paths
    from desktop.services import Services

    services = Services.open(source, app_paths(OUT / "sender-home").ensure())
    with services.db.session() as s:
        s.execute(update(Installation).values(parent_office_name="Bench receiver",
                                              parent_office_code=RECEIVER_CODE))
    with services.db.read() as s:
        round_id = s.scalars(select(Nomination.round_id).group_by(Nomination.round_id)
                             .order_by(func.count().desc()).limit(1)).one()
        ids = tuple(s.scalars(select(Nomination.id).where(Nomination.round_id == round_id,
                                                          Nomination.deleted_at.is_(None))))
    limit = int(os.environ.get("SYNC_BENCH_LIMIT", "0"))  # a smaller package, for profiling
    selection = UpwardSelection(round_id, ids[:limit] if limit else ids, include_attachments=False,
                                include_documents=False)  # rendering: bench/documents.py
    t0 = time.perf_counter()
    result = services.sync.export_upward(selection, package)
    seconds = time.perf_counter() - t0
    services.close()
    return {"seconds": seconds, "records": sum(result.counts.values()), "counts": result.counts,
            "bytes": result.size, "peak_mb": _peak_mb(), "anon_mb": _anon_mb()}


def _receiver(target: Path) -> tuple[Any, int]:
    """A new receiving office (``target``) trusting the package's sender, and its round."""
    from desktop.domain.enums import RoundKind, UnitKind
    from desktop.paths import app_paths
    from desktop.services import Services
    from desktop.services.rounds import RoundInput
    from desktop.services.units import UnitInput

    target.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    home = OUT / "receiver-home"
    shutil.rmtree(home, ignore_errors=True)
    services = Services.open(target, app_paths(home).ensure())
    services.setup.configure(UnitInput("Cơ quan nhận (bench)", RECEIVER_CODE, UnitKind.PROVINCE))
    root = services.units.children(None)[0].id
    round_id = services.rounds.create(RoundInput("Nhận gói (bench)", 2026, RoundKind.YEAR_END,
                                                 office_unit_id=root)).id
    return services, round_id


def phase_import(target: Path, package: Path) -> dict[str, Any]:
    """The import alone (backup, plan and apply under the write lock, receipt) into a new
    receiving database: what the rate is measured on."""
    services, round_id = _receiver(target)
    header = services.sync.inspect(package)
    services.sync.trust(header, header.fingerprint)
    t0 = time.perf_counter()
    report = services.sync.import_package(package, round_id, receipt_dir=OUT)
    t_import = time.perf_counter() - t0
    services.close()
    records = sum(sum(c.values()) for c in report.counts.values())
    return {"import_s": t_import, "records": records, "peak_mb": _peak_mb(),
            "anon_mb": _anon_mb()}


def phase_cli(target: Path, package: Path) -> dict[str, Any]:
    """The same import as an officer runs it: ``tdkt package import`` in a process of its own,
    timed from its start to its exit (start-up, the import, the output)."""
    services, round_id = _receiver(target)
    header = services.sync.inspect(package)
    services.sync.trust(header, header.fingerprint)
    services.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--home",
                           str(OUT / "receiver-home"), "--db", str(target), "--json", "package",
                           "import", str(package), "--round", str(round_id), "--receipt-dir",
                           str(OUT)], capture_output=True, text=True, check=False, cwd=ROOT,
                          env=env)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    result = json.loads(done.stdout)["packages"][0]
    records = sum(sum(c.values()) for c in result["counts"].values())
    return {"seconds": seconds, "records": records}


def phase_preview(target: Path, package: Path) -> dict[str, Any]:
    """Verification and the dry run before an import, then the dry run of the same package
    again after it (every record unchanged: idempotence)."""
    services, round_id = _receiver(target)
    header = services.sync.inspect(package)
    services.sync.trust(header, header.fingerprint)
    t0 = time.perf_counter()
    services.sync.inspect(package)
    t_verify = time.perf_counter() - t0
    t0 = time.perf_counter()
    preview = services.sync.preview(package, round_id)
    t_preview = time.perf_counter() - t0
    services.sync.import_package(package, round_id, receipt_dir=OUT)
    t0 = time.perf_counter()
    again = services.sync.preview(package, round_id)
    t_again = time.perf_counter() - t0
    services.close()
    return {"verify_s": t_verify, "preview_s": t_preview,
            "new": preview.total(next(iter(preview.counts["people"]))),
            "unchanged_on_second_preview": sum(
                n for c in again.counts.values() for a, n in c.items() if a.value == "unchanged"),
            "second_preview_s": t_again, "peak_mb": _peak_mb()}


def _fresh_schema(name: str) -> sqlite3.Connection:
    """A new database with the app's schema (``bench/out/<name>.db``), opened by plain sqlite3."""
    from desktop.paths import app_paths
    from desktop.services import Services

    db = OUT / f"{name}.db"
    db.unlink(missing_ok=True)
    home = OUT / f"{name}-home"
    shutil.rmtree(home, ignore_errors=True)
    Services.open(db, app_paths(home).ensure()).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    return conn


def phase_raw(package: Path) -> dict[str, Any]:
    """The same rows, parsed from the same package, into a fresh copy of the same schema with
    one ``executemany`` per table: the floor of what any import can do."""
    from desktop.services.sync.entities import BY_NAME

    conn = _fresh_schema("raw")
    total = 0
    t0 = time.perf_counter()
    with zipfile.ZipFile(package) as zf:
        for name in zf.namelist():
            if not (name.startswith("data/") and name.endswith(".jsonl")):
                continue
            spec = BY_NAME[name[5:-6]]
            columns = [c.name for c in spec.columns]
            all_columns = ["uuid", "owner_uuid", "version", "created_at", "updated_at", *columns,
                           *spec.derived]
            rows = []
            for number, line in enumerate(zf.open(name), start=1):
                record = json.loads(line)
                f = record["fields"]
                values = [record["uuid"], record["owner"], record["version"],
                          record["created_at"], record["updated_at"]]
                for column in columns:
                    value = f.get(spec.field_name(column))
                    values.append(number if column in spec.refs and value is not None else value)
                rows.append(values + [""] * len(spec.derived))
            marks = ",".join("?" * len(all_columns))
            conn.executemany(f"INSERT INTO {spec.table.name} ({','.join(all_columns)}) "
                             f"VALUES ({marks})", rows)
            total += len(rows)
    conn.commit()
    seconds = time.perf_counter() - t0
    conn.close()
    return {"seconds": seconds, "records": total}


def phase_floor(package: Path) -> dict[str, Any]:
    """What any import of this package must spend besides its inserts, with the importer's own
    functions and no database: parsing every line; each record's checks (the same converters
    and rules as ``Planner``); and the content hash its shadow keeps. Then the shadows
    themselves (one row per record) written by raw ``executemany`` into a fresh copy of the
    schema. Together with the raw phase this says how close to raw an import can come."""
    from desktop.services.sync.archive import iter_lines
    from desktop.services.sync.entities import BY_NAME, content_hash
    from desktop.services.sync.importer import validated_fields

    parse = check = digest = 0.0
    shadows: list[tuple[str, str, str, int, str]] = []
    with zipfile.ZipFile(package) as zf:
        for name in zf.namelist():
            if not (name.startswith("data/") and name.endswith(".jsonl")):
                continue
            spec = BY_NAME[name[5:-6]]
            names = spec.content_fields()
            t0 = time.perf_counter()
            records = [record for _number, record in iter_lines(zf, name)]
            t1 = time.perf_counter()
            typed = [validated_fields(spec, record["fields"])[0] for record in records]
            t2 = time.perf_counter()
            hashes = [content_hash(fields or {}, names, record["deleted"])
                      for fields, record in zip(typed, records, strict=True)]
            t3 = time.perf_counter()
            parse, check, digest = parse + t1 - t0, check + t2 - t1, digest + t3 - t2
            shadows.extend((spec.name, r["uuid"], r["owner"], r["version"], h)
                           for r, h in zip(records, hashes, strict=True))
    conn = _fresh_schema("floor")
    t0 = time.perf_counter()
    conn.executemany("INSERT INTO sync_shadows (entity, record_uuid, peer_uuid, peer_version, "
                     "content_hash) VALUES (?, ?, ?, ?, ?)", shadows)
    conn.commit()
    shadow_s = time.perf_counter() - t0
    conn.close()
    n = len(shadows)
    return {"records": n, "parse_s": parse, "check_s": check, "hash_s": digest,
            "shadows_s": shadow_s, "check_us": 1e6 * check / n, "hash_us": 1e6 * digest / n}


def _run_phase(name: str, *args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--phase", name, *args], capture_output=True,
                         text=True, check=False, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=OUT / "province.db")
    parser.add_argument("--phase", choices=("export", "import", "cli", "preview", "raw", "floor"))
    parser.add_argument("--rounds", type=int, default=5,
                        help="raw and import measured this many times, one after the other")
    parser.add_argument("args", nargs="*")
    args = parser.parse_args()
    phases = {"export": phase_export, "import": phase_import, "cli": phase_cli,
              "preview": phase_preview,
              "raw": phase_raw, "floor": phase_floor}
    if args.phase:
        print(json.dumps(phases[args.phase](*(Path(a) for a in args.args))))
        return 0
    if not args.db.exists():
        from bench.run import build
        OUT.mkdir(parents=True, exist_ok=True)
        build(args.db)
    sender = OUT / "sync-sender.db"
    shutil.copy(args.db, sender)
    for suffix in ("-wal", "-shm"):
        Path(str(args.db) + suffix).exists() and shutil.copy(Path(str(args.db) + suffix),
                                                             Path(str(sender) + suffix))
    package = OUT / "province-round.tdkt"
    exported = _run_phase("export", str(sender), str(package))
    print("export", json.dumps(exported), flush=True)
    # The VM's speed drifts by ±30 % within minutes: raw and import are measured in turns,
    # each import right after its raw, and each pair gives a ratio; the median is reported.
    pairs = []
    for n in range(args.rounds):
        raw = _run_phase("raw", str(package))
        imported = _run_phase("import", str(OUT / "sync-receiver.db"), str(package))
        ratio = raw["seconds"] / imported["import_s"]
        pairs.append({"raw": raw, "import": imported, "ratio": ratio})
        print(f"round {n + 1}: raw {raw['seconds']:.1f} s, import {imported['import_s']:.1f} s "
              f"→ {100 * ratio:.0f} %", flush=True)
    cli = _run_phase("cli", str(OUT / "sync-receiver.db"), str(package))
    cli_raw = _run_phase("raw", str(package))
    print(f"tdkt package import: {cli['seconds']:.1f} s, raw right after {cli_raw['seconds']:.1f} s"
          f" → {100 * cli_raw['seconds'] / cli['seconds']:.0f} %", flush=True)
    previewed = _run_phase("preview", str(OUT / "sync-receiver.db"), str(package))
    floor = _run_phase("floor", str(package))
    middle = sorted(pairs, key=lambda p: p["ratio"])[len(pairs) // 2]
    raw, imported = middle["raw"], middle["import"]
    rate = imported["records"] / imported["import_s"]
    raw_rate = raw["records"] / raw["seconds"]
    print(json.dumps({"export": exported, "rounds": pairs, "cli": cli, "preview": previewed,
                      "floor": floor}, indent=1))
    print(f"\nexport: {exported['records']:,} records, {exported['bytes'] / 1024**2:.1f} MB in "
          f"{exported['seconds']:.1f} s ({exported['records'] / exported['seconds']:,.0f}/s), "
          f"peak RSS {exported['peak_mb']:.0f} MB")
    print("import ÷ raw per round: " + ", ".join(f"{100 * p['ratio']:.0f} %" for p in pairs))
    print(f"median round: import {imported['records']:,} records in {imported['import_s']:.1f} s "
          f"({rate:,.0f}/s), raw executemany {raw['records']:,} rows in {raw['seconds']:.1f} s "
          f"({raw_rate:,.0f}/s) → import is {100 * rate / raw_rate:.0f} % of raw")
    print(f"the command `tdkt package import` (start-up and output included): "
          f"{cli['records']:,} records in {cli['seconds']:.1f} s ({cli['records'] / cli['seconds']:,.0f}/s)"
          f", {100 * cli_raw['seconds'] / cli['seconds']:.0f} % of raw run right after it")
    print(f"peak RSS: export {exported['peak_mb']:.0f} MB, import "
          f"{max(p['import']['peak_mb'] for p in pairs):.0f} MB, preview "
          f"{previewed['peak_mb']:.0f} MB")
    least = raw["seconds"] + floor["check_s"] + floor["hash_s"] + floor["shadows_s"]
    print(f"floor: checks {floor['check_s']:.1f} s ({floor['check_us']:.1f} µs/record), hashes "
          f"{floor['hash_s']:.1f} s ({floor['hash_us']:.1f} µs/record), shadows "
          f"{floor['shadows_s']:.1f} s → raw + these = {least:.1f} s, "
          f"{100 * raw['seconds'] / least:.0f} % of raw before any planning")
    print(f"verify {previewed['verify_s']:.1f} s; preview {previewed['preview_s']:.1f} s; second "
          f"preview (idempotence): {previewed['unchanged_on_second_preview']:,} unchanged in "
          f"{previewed['second_preview_s']:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
