"""kill -9 at random points of backups and restores only (the first script of issue 10):

    .venv/bin/python tests/kill_trials_backup.py [--trials 30] [--db PATH] [--seed 10]

The trials, their checks and the report are those of ``tests/kill_trials.py`` (which also
covers the Excel import); this keeps the old command working.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kill_trials import main as kill_trials


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=30)
    parser.add_argument("--db", help="a demo database to start from (default: build the small demo)")
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    argv = ["--kinds", "backup,restore", "--trials", str(args.trials), "--seed", str(args.seed)]
    return kill_trials(argv + (["--db", args.db] if args.db else []))


if __name__ == "__main__":
    raise SystemExit(main())
