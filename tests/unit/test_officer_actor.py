"""Issue 10, point 14: the actor of a status change is the officer name declared in this
installation (self-declared), never the operating system's user or LOGNAME."""

from __future__ import annotations

import getpass

import pytest

from desktop.api.installation import ACTOR_HEADER, UNDECLARED_OFFICER, actor_name
from desktop.domain.enums import NominationStatus, RoundKind, UnitKind
from desktop.domain.errors import ValidationError
from desktop.paths import AppPaths
from desktop.services import Services
from desktop.services.nominations import NominationInput
from desktop.services.records import Subject
from desktop.services.rounds import RoundInput
from desktop.services.units import UnitInput

PRETENDER = "Chủ tịch UBND tỉnh"


@pytest.fixture
def pretend_os_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whoever starts the program can set these to anything."""
    for name in ("LOGNAME", "USER", "USERNAME", "LNAME"):
        monkeypatch.setenv(name, PRETENDER)
    monkeypatch.setattr(getpass, "getuser", lambda: PRETENDER)


def _nomination(services: Services) -> int:
    root = services.units.children(None)[0].id
    round_id = services.rounds.create(RoundInput("Xét khen thưởng tổng kết năm 2026", 2026,
                                                 RoundKind.YEAR_END, office_unit_id=root)).id
    return services.nominations.create(NominationInput(round_id, Subject(unit_id=root),
                                                       "GIAY_KHEN")).id


@pytest.mark.usefixtures("pretend_os_user")
def test_status_changes_record_the_declared_officer_not_the_os_user(services: Services) -> None:
    nomination = _nomination(services)
    undeclared = f"Ủy ban nhân dân tỉnh Lai Châu ({UNDECLARED_OFFICER})"
    assert services.nominations.history(nomination)[0].actor == undeclared

    info = services.setup.set_officer_name("  Nguyễn  Văn An ")
    assert info.officer_name == "Nguyễn Văn An" and info.actor_name == "Nguyễn Văn An"
    assert services.db.installation is not None
    assert services.db.installation.officer_name == "Nguyễn Văn An"
    services.nominations.transition([nomination], NominationStatus.SUBMITTED)
    history = services.nominations.history(nomination)
    assert [e.actor for e in history] == [undeclared, "Nguyễn Văn An"]
    assert all(PRETENDER not in e.actor for e in history)

    services.setup.set_officer_name("")  # cleared: back to the office, marked undeclared
    services.nominations.transition([nomination], NominationStatus.RECEIVED)
    assert services.nominations.history(nomination)[-1].actor == undeclared


def test_a_refused_officer_name_changes_nothing(services: Services) -> None:
    services.setup.set_officer_name("Lò Thị Mai")
    with pytest.raises(ValidationError) as caught:
        services.setup.set_officer_name("A" * 151)
    problem = caught.value.problems[0]
    assert problem.field == "officer_name" and problem.label == "Tên cán bộ sử dụng phần mềm"
    assert "dài quá 150 ký tự" in problem.message
    assert services.db.installation is not None
    assert services.db.installation.officer_name == "Lò Thị Mai"
    assert services.setup.check_officer_name(" Lò  Thị Mai ") == "Lò Thị Mai"


def test_the_officer_can_be_declared_when_configuring(paths: AppPaths) -> None:
    services = Services.open(paths.default_database, paths)
    try:
        with pytest.raises(ValidationError):  # checked with the office, before anything is made
            services.setup.configure(UnitInput("UBND xã Bình Lư", "BL", UnitKind.COMMUNE),
                                     officer_name="B" * 151)
        assert not services.setup.is_configured
        info = services.setup.configure(UnitInput("UBND xã Bình Lư", "BL", UnitKind.COMMUNE),
                                        officer_name="Vàng Thị Mai")
        assert info.officer_name == "Vàng Thị Mai" and info.actor_name == "Vàng Thị Mai"
    finally:
        services.close()


def test_the_fallback_name_fits_the_history_column() -> None:
    assert actor_name("", "") == f"Cơ quan ({UNDECLARED_OFFICER})"
    long_office = "Ủy ban nhân dân " * 20
    assert len(actor_name("", long_office)) == 150
    assert actor_name("", long_office).endswith(f"({UNDECLARED_OFFICER})")
    assert "tự khai" in ACTOR_HEADER
