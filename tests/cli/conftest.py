"""Run ``tdkt`` as a real process (``python -m desktop.cli``) against throw-away data folders.

One database is initialised per test run and copied for each test, so a test costs only the
commands it runs itself; read-only commands can be started side by side with ``run_many``.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
OFFICE = ("--office-name", "Ủy ban nhân dân tỉnh Lai Châu", "--office-code", "LCH",
          "--office-kind", "province")


@dataclass(frozen=True)
class Result:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    def __str__(self) -> str:  # shown by pytest when an assertion about a result fails
        return (f"tdkt {' '.join(self.args)} -> {self.returncode}\n"
                f"--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}")


class Cli:
    """``tdkt`` bound to one data folder (``TDKT_HOME``)."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.db = home / "data" / "tdkt.db"

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
        env["TDKT_HOME"] = str(self.home)
        env["PYTHONIOENCODING"] = "ascii"  # the CLI must switch to UTF-8 by itself
        return env

    def _popen(self, args: Sequence[str]) -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "-m", "desktop.cli", *args], cwd=REPO,
                                env=self._env(), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    @staticmethod
    def _result(args: Sequence[str], proc: subprocess.Popen[bytes]) -> Result:
        out, err = proc.communicate(timeout=120)
        return Result(tuple(args), proc.returncode, out.decode("utf-8"), err.decode("utf-8"))

    def count(self, table: str) -> int:
        """Live rows of a table, read straight from the file (no CLI start-up to pay)."""
        conn = sqlite3.connect(self.db)
        try:
            return int(conn.execute(
                f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0])
        finally:
            conn.close()

    def run(self, *args: str) -> Result:
        return self._result(args, self._popen(args))

    def ok(self, *args: str) -> Result:
        result = self.run(*args)
        assert result.returncode == 0, str(result)
        return result

    def run_on_terminal(self, *args: str, answer: str) -> Result:
        """Run with stdin on a pseudo-terminal (as if typed by the officer) and type ``answer``."""
        import pty

        master, slave = pty.openpty()
        try:
            proc = subprocess.Popen([sys.executable, "-m", "desktop.cli", *args], cwd=REPO,
                                    env=self._env(), stdin=slave, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE)
            os.close(slave)
            slave = -1
            os.write(master, answer.encode("utf-8") + b"\n")
            return self._result(args, proc)
        finally:
            os.close(master)
            if slave >= 0:
                os.close(slave)

    def run_many(self, *commands: Sequence[str]) -> list[Result]:
        """Independent read-only commands, started together (the machine has spare cores)."""
        procs = [(cmd, self._popen(cmd)) for cmd in commands]
        return [self._result(cmd, proc) for cmd, proc in procs]


def _fresh(base: Path, template: Path | None) -> Cli:
    cli = Cli(base)
    if template is not None:
        cli.db.parent.mkdir(parents=True)
        shutil.copy(template, cli.db)
    return cli


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database set up through the CLI itself: the province office and one commune."""
    cli = Cli(tmp_path_factory.mktemp("template"))
    cli.ok("init", *OFFICE)
    cli.ok("units", "add", "--name", "Xã Phong Thổ", "--code", "PTH", "--kind", "commune",
           "--parent", "LCH")
    return cli.db


@pytest.fixture(scope="session")
def people_db(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    """The template plus two people whose names carry the hard letters (Đ, ư, ờ)."""
    cli = _fresh(tmp_path_factory.mktemp("people"), template_db)
    added = cli.run_many(
        ["people", "add", "--name", "Nguyễn Văn Đức", "--gender", "nam", "--unit", "PTH",
         "--birth-date", "15/03/1985", "--position", "Chủ tịch UBND xã"],
        ["people", "add", "--name", "Lê Thị Hường", "--gender", "nu", "--unit", "LCH",
         "--birth-date", "1990-02-28", "--cccd", "012190000123", "--json"],
    )
    assert all(r.returncode == 0 for r in added), "\n".join(map(str, added))
    return cli.db


@pytest.fixture
def empty_cli(tmp_path: Path) -> Cli:
    """A data folder with no database at all."""
    return _fresh(tmp_path / "home", None)


@pytest.fixture
def cli(tmp_path: Path, template_db: Path) -> Cli:
    """A copy of the set-up database (office + one commune, nobody yet)."""
    return _fresh(tmp_path / "home", template_db)


@pytest.fixture
def people_cli(tmp_path: Path, people_db: Path) -> Cli:
    """A copy of the database with two people in it."""
    return _fresh(tmp_path / "home", people_db)


@pytest.fixture(scope="session")
def documents_cli(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cli, Any]:
    """A commune with a signed decision, a closed meeting, reports to write and a ranked bloc
    (tests/document_world.py), built through the services once per run."""
    from document_world import build_document_world

    from desktop.domain.enums import UnitKind
    from desktop.paths import app_paths
    from desktop.services import Services
    from desktop.services.units import UnitInput

    home = tmp_path_factory.mktemp("docs")
    paths = app_paths(home).ensure()
    services = Services.open(paths.default_database, paths)
    services.setup.configure(UnitInput("UBND xã Bình Lư", "BL", UnitKind.COMMUNE),
                             parent_office_name="UBND tỉnh Lai Châu")
    world = build_document_world(services)
    services.close()
    return Cli(home), world
