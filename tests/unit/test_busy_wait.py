"""A write that meets a database another program holds (issue 10, item 8): it waits at most the
configured bound, announces the wait while it lasts (``on_busy_wait``, what the CLI prints and
the GUI shows as "Đang chờ…"), then gives up with the Vietnamese busy message — or goes ahead
as soon as the other program lets go."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from desktop.db import engine as engine_module
from desktop.domain.busy import on_busy_wait, waiting_message
from desktop.domain.enums import UnitKind
from desktop.domain.errors import BUSY_MESSAGE, DatabaseBusyError
from desktop.paths import AppPaths
from desktop.services import Services
from desktop.services.units import UnitInput

BOUND_MS = 1200


@pytest.fixture
def busy_services(monkeypatch: pytest.MonkeyPatch, configured_template: Path,
                  paths: AppPaths) -> Iterator[Services]:
    monkeypatch.setenv(engine_module.BUSY_TIMEOUT_ENV, str(BOUND_MS))
    paths.default_database.write_bytes(configured_template.read_bytes())
    services = Services.open(paths.default_database, paths)
    yield services
    services.close()


@contextmanager
def held(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a save: it holds the write lock."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        holder.execute("BEGIN IMMEDIATE")
        yield holder
        if holder.in_transaction:
            holder.execute("ROLLBACK")
    finally:
        holder.close()


def commune(services: Services, code: str) -> UnitInput:
    return UnitInput(f"Xã {code}", code, UnitKind.COMMUNE, services.units.children(None)[0].id)


def test_a_blocked_write_announces_its_wait_then_gives_up_within_the_bound(
        busy_services: Services, paths: AppPaths) -> None:
    events: list[tuple[str, float]] = []
    before = busy_services.units.count()
    with held(paths.default_database):
        started = time.monotonic()
        with on_busy_wait(lambda bound: events.append(("waiting", bound)),
                          lambda: events.append(("done", time.monotonic() - started))), \
                pytest.raises(DatabaseBusyError) as refused:
            busy_services.units.create(commune(busy_services, "BUSY"))
        elapsed = time.monotonic() - started
    assert str(refused.value) == BUSY_MESSAGE  # Vietnamese, says what to do; no SQL, no English
    assert "OperationalError" not in str(refused.value)
    assert events[0] == ("waiting", BOUND_MS / 1000)  # announced, with the bound
    assert events[1][0] == "done" and len(events) == 2  # and ended when it gave up
    assert BOUND_MS / 1000 * 0.9 <= elapsed < BOUND_MS / 1000 + 3  # waited the bound, no longer
    assert busy_services.units.count() == before  # nothing half-written


def test_a_write_goes_ahead_once_the_other_program_lets_go(
        busy_services: Services, paths: AppPaths) -> None:
    events: list[str] = []
    with held(paths.default_database) as holder:
        def other_program_finishes(_bound: float) -> None:
            events.append("waiting")
            holder.execute("ROLLBACK")  # while this write waits

        with on_busy_wait(other_program_finishes, lambda: events.append("done")):
            created = busy_services.units.create(commune(busy_services, "LATER"))
    assert created.code == "LATER"
    assert events == ["waiting", "done"]


def test_a_free_database_announces_nothing(busy_services: Services) -> None:
    events: list[float] = []
    with on_busy_wait(events.append):
        busy_services.units.create(commune(busy_services, "FREE"))
    assert events == []


def test_the_waiting_line_is_vietnamese_with_the_bound() -> None:
    assert waiting_message(10) == ("Cơ sở dữ liệu đang được một chương trình khác ghi, đang chờ… "
                                   "(tối đa 10 giây)")
    assert waiting_message(1.5).endswith("(tối đa 1,5 giây)")
