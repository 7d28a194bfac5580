"""Positions (chức vụ) over date ranges, the head flag they keep, and the head-of-unit target
rule reading the head position of the round's year."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.domain.enums import ConditionStatus, Gender, MovementKind, RoundKind, UnitKind
from desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from desktop.services import Services
from desktop.services.blocs.dto import UnitTargetInput
from desktop.services.movements import MovementInput
from desktop.services.nominations import NominationInput
from desktop.services.people import PersonInput
from desktop.services.positions import PositionInput
from desktop.services.records import Subject
from desktop.services.rounds import RoundInput
from desktop.services.units import UnitInput

TODAY = date.today()


@pytest.fixture
def world(services: Services) -> dict[str, int]:
    root = services.units.children(None)[0].id
    a = services.units.create(UnitInput("Ủy ban nhân dân xã Bình Lư", "XBL", UnitKind.COMMUNE,
                                        root)).id
    b = services.units.create(UnitInput("Ủy ban nhân dân xã Tam Đường", "XTD", UnitKind.COMMUNE,
                                        root)).id
    person = services.people.create(PersonInput("Lò Văn Đức", Gender.MALE, a)).id
    return {"root": root, "a": a, "b": b, "person": person}


def _head(w: dict[str, int], start: date | None = None, end: date | None = None,
          unit: str = "a", title: str = "Chủ tịch UBND xã") -> PositionInput:
    return PositionInput(w["person"], title, w[unit], True, start, end)


def test_positions_are_listed_edited_and_keep_the_head_flag(services: Services,
                                                            world: dict[str, int]) -> None:
    people, positions = services.people, services.positions
    assert people.get(world["person"]).is_unit_head is False
    deputy = positions.create(PositionInput(world["person"], "Phó Chủ tịch UBND xã", None,
                                            False, date(2015, 1, 1), date(2019, 12, 31)))
    assert deputy.unit_id == world["a"] and deputy.unit_name == "Ủy ban nhân dân xã Bình Lư"
    assert people.get(world["person"]).is_unit_head is False
    head = positions.create(_head(world, date(2020, 1, 1)))
    assert people.get(world["person"]).is_unit_head is True  # held today
    assert [p.id for p in positions.for_person(world["person"])] == [head.id, deputy.id]
    # Ended yesterday: no longer the head today.
    edited = positions.update(head.id, _head(world, date(2020, 1, 1),
                                             TODAY - timedelta(days=1)))
    assert edited.end_date == TODAY - timedelta(days=1)
    assert people.get(world["person"]).is_unit_head is False
    positions.update(head.id, _head(world, date(2020, 1, 1)))
    assert people.get(world["person"]).is_unit_head is True
    positions.delete(head.id)
    assert people.get(world["person"]).is_unit_head is False
    assert [p.id for p in positions.for_person(world["person"])] == [deputy.id]
    positions.restore(head.id)
    assert people.get(world["person"]).is_unit_head is True
    with pytest.raises(NotFoundError, match="thùng rác"):
        positions.restore(head.id)


def test_bad_positions_are_refused_and_change_nothing(services: Services,
                                                      world: dict[str, int]) -> None:
    positions = services.positions
    with pytest.raises(ValidationError) as caught:
        positions.create(PositionInput(world["person"], "  ", 999_999, True,
                                       date(2024, 5, 1), date(2024, 4, 30)))
    text = str(caught.value)
    assert "Chức vụ: không được để trống" in text
    assert "Đơn vị: không tồn tại hoặc đã bị xóa" in text
    assert "Đến ngày: ngày 30/04/2024 trước ngày bắt đầu 01/05/2024" in text
    assert positions.for_person(world["person"]) == []
    first = positions.create(_head(world, date(2020, 1, 1), date(2024, 6, 30)))
    with pytest.raises(ValidationError, match="Người đứng đầu: trùng thời gian") as overlap:
        positions.create(_head(world, date(2024, 6, 1), None, title="Bí thư"))
    assert overlap.value.problems[0].field == "is_head"
    # The next day, or another unit, is fine.
    positions.create(_head(world, date(2024, 7, 1)))
    positions.create(_head(world, date(2024, 6, 1), unit="b"))
    # Restoring a head position that now overlaps another is refused.
    positions.delete(first.id)
    positions.create(_head(world, date(2023, 1, 1), date(2023, 12, 31), title="Quyền Chủ tịch"))
    with pytest.raises(ConflictError, match="Không khôi phục được"):
        positions.restore(first.id)
    assert len(positions.for_person(world["person"])) == 3
    with pytest.raises(ConflictError, match="cá nhân khác"):
        positions.update(positions.for_person(world["person"])[0].id,
                         PositionInput(world["person"] + 1000, "Chủ tịch"))


# -- the head-of-unit target rule by date ---------------------------------------------------
def _head_rule_round(services: Services, world: dict[str, int], year: int) -> tuple[int, int]:
    movement = services.movements.create(MovementInput(
        f"Phong trào thi đua năm {year}", MovementKind.REGULAR, year, head_target_rule=True))
    round_id = services.rounds.create(RoundInput(f"Xét khen thưởng năm {year}", year,
                                                 RoundKind.YEAR_END, movement.id)).id
    nomination = services.nominations.create(NominationInput(
        round_id, Subject(person_id=world["person"]), "BK_TINH")).id
    for unit, actual in (("a", 900.0), ("b", 1200.0)):  # a misses its target, b meets it
        services.blocs.targets.create(UnitTargetInput(
            world[unit], year, "Thu ngân sách trên địa bàn", "triệu đồng", 1000, actual))
    return round_id, nomination


def _head_condition(services: Services, round_id: int, nomination: int) -> ConditionStatus | None:
    result = services.eligibility.check(round_id, nomination)
    return next((c.status for c in result.conditions if c.code == "head_targets"), None)


def test_head_until_march_is_head_for_that_year(services: Services,
                                                world: dict[str, int]) -> None:
    round_id, nomination = _head_rule_round(services, world, 2025)
    assert _head_condition(services, round_id, nomination) is None  # not a head at all
    services.positions.create(_head(world, date(2021, 1, 1), date(2025, 3, 15)))
    assert services.people.get(world["person"]).is_unit_head is False  # not head today
    assert _head_condition(services, round_id, nomination) is ConditionStatus.NOT_MET


def test_head_from_next_year_is_not_head_this_year(services: Services,
                                                   world: dict[str, int]) -> None:
    round_id, nomination = _head_rule_round(services, world, 2025)
    services.positions.create(_head(world, date(2026, 1, 1)))
    assert services.people.get(world["person"]).is_unit_head is True  # head today
    assert _head_condition(services, round_id, nomination) is None


def test_the_targets_checked_are_those_of_the_unit_headed(services: Services,
                                                          world: dict[str, int]) -> None:
    """The person works in unit a (which missed its target) but headed unit b that year."""
    round_id, nomination = _head_rule_round(services, world, 2025)
    services.positions.create(_head(world, date(2024, 1, 1), date(2025, 12, 31), unit="b"))
    assert _head_condition(services, round_id, nomination) is ConditionStatus.MET
    # A deputy position in unit a does not make them its head.
    services.positions.create(PositionInput(world["person"], "Phó Chủ tịch", world["a"], False,
                                            date(2020, 1, 1)))
    assert _head_condition(services, round_id, nomination) is ConditionStatus.MET


def test_a_person_without_positions_falls_back_to_the_flag(services: Services,
                                                           world: dict[str, int]) -> None:
    round_id, nomination = _head_rule_round(services, world, 2025)
    head = services.people.get(world["person"])
    services.people.update(head.id, PersonInput("Lò Văn Đức", Gender.MALE, world["a"],
                                                 is_unit_head=True))
    assert _head_condition(services, round_id, nomination) is ConditionStatus.NOT_MET
