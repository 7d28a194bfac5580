"""Type-check the package with mypy (settings in pyproject.toml) and hold the line.

    python scripts/typecheck.py                   # what CI runs
    python scripts/typecheck.py --update-baseline # after fixing view errors: lower the baseline

Everything below the views (the typed boundary desktop.api, services, domain, db, models, cli,
app) must have no error under the strict flags. The views and tasks are held to a ratchet: each
file may have at most as many errors as scripts/mypy-views-baseline.json records, and a new
file none; the baseline may only shrink (``--update-baseline`` refuses to raise a count).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "scripts" / "mypy-views-baseline.json"
RATCHETED = ("desktop/views/", "desktop/tasks/")
ERROR = re.compile(r"^(?P<path>[^:]+):\d+(?::\d+)?: error: ")


def run_mypy() -> tuple[list[str], int]:
    done = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary",
                           "--no-pretty", "--show-error-codes"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):  # 2: mypy itself failed (bad config, crash)
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(2)
    return [line for line in done.stdout.splitlines() if ERROR.match(line)], done.returncode


def split(errors: list[str]) -> tuple[list[str], Counter[str]]:
    strict: list[str] = []
    ratcheted: Counter[str] = Counter()
    for line in errors:
        match = ERROR.match(line)
        assert match is not None
        path = match["path"].replace("\\", "/")
        if path.startswith(RATCHETED):
            ratcheted[path] += 1
        else:
            strict.append(line)
    return strict, ratcheted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update-baseline", action="store_true")
    args = parser.parse_args(argv)
    errors, _code = run_mypy()
    strict, ratcheted = split(errors)
    baseline: dict[str, int] = json.loads(BASELINE.read_text()) if BASELINE.is_file() else {}
    grown = {path: (count, baseline.get(path, 0)) for path, count in sorted(ratcheted.items())
             if count > baseline.get(path, 0)}
    if args.update_baseline:
        if grown and BASELINE.is_file():
            for path, (count, allowed) in grown.items():
                print(f"{path}: {count} errors > {allowed} in the baseline; fix them first")
            return 1
        BASELINE.write_text(json.dumps(dict(sorted(ratcheted.items())), indent=1) + "\n")
        print(f"baseline: {sum(ratcheted.values())} errors in {len(ratcheted)} view files")
        return 0
    for line in strict:
        print(line)
    for path, (count, allowed) in grown.items():
        print(f"{path}: {count} type errors, the baseline allows {allowed}:")
        for line in errors:
            if line.replace("\\", "/").startswith(path):
                print("   ", line)
    shrunk = {p: (baseline[p], ratcheted.get(p, 0)) for p in baseline
              if ratcheted.get(p, 0) < baseline[p]}
    if shrunk and not grown:
        print(f"{len(shrunk)} view files have fewer errors than the baseline: run "
              "scripts/typecheck.py --update-baseline to lock that in")
    ok = not strict and not grown
    print(f"mypy: {len(strict)} errors below the views (must be 0); views "
          f"{sum(ratcheted.values())} (baseline {sum(baseline.values())})"
          + ("" if ok else " — FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
