"""The head-of-unit rule's text: it names the directive by number and each missed target with
its planned and actual figures and unit of measure; not-applicable targets are skipped and a
missing actual is "chưa nhập số liệu" (to be checked), not a miss."""

from __future__ import annotations

import pytest

from desktop.api.movements import FigureEntry
from desktop.domain.enums import ConditionStatus, Gender, MovementKind, RoundKind, UnitKind
from desktop.services import Services
from desktop.services.movements import MovementInput, TargetInput
from desktop.services.nominations import NominationInput
from desktop.services.people import PersonInput
from desktop.services.records import Subject
from desktop.services.rounds import RoundInput
from desktop.services.units import UnitInput


@pytest.fixture
def world(services: Services) -> dict[str, int]:
    root = services.units.children(None)[0].id
    commune = services.units.create(UnitInput("Xã Bình Lư", "BLU", UnitKind.COMMUNE, root)).id
    movement = services.movements.create(MovementInput(
        "Phong trào thi đua năm 2026", MovementKind.REGULAR, 2026, "05/CT-UBND",
        head_target_rule=True))
    ids = {"unit": commune, "movement": movement.id}
    for key, target in (("income", TargetInput("Thu ngân sách trên địa bàn", "tỷ đồng", 12.5)),
                        ("roads", TargetInput("Làm đường giao thông nông thôn", "km", 8, ">")),
                        ("forest", TargetInput("Trồng rừng mới", "ha", 30))):
        ids[key] = services.movements.appendix.add(movement.id, target).id
    services.movements.figures.assign(movement.id, [commune])
    round_id = services.rounds.create(RoundInput("Tổng kết năm 2026", 2026, RoundKind.YEAR_END,
                                                 movement.id)).id
    head = services.people.create(PersonInput("Lò Văn Đức", Gender.MALE, commune,
                                              position="Chủ tịch UBND xã",
                                              is_unit_head=True)).id
    ids["round"] = round_id
    ids["nomination"] = services.nominations.create(NominationInput(
        round_id, Subject(person_id=head), "BK_TINH")).id
    return ids


def _head_condition(services: Services, world: dict[str, int]) -> tuple[ConditionStatus, str]:
    result = services.eligibility.check(world["round"], world["nomination"])
    found = next(c for c in result.conditions if c.code == "head_targets")
    return found.status, found.text


def _set(services: Services, world: dict[str, int], **cells: str) -> None:
    services.movements.figures.set_figures(world["movement"], [
        FigureEntry(world["unit"], world[key], not_applicable=True) if value == "n/a"
        else FigureEntry(world["unit"], world[key], actual=value)
        for key, value in cells.items()])


def test_missing_actual_is_to_be_checked_not_missed(services: Services,
                                                    world: dict[str, int]) -> None:
    _set(services, world, income="13", roads="9")
    status, text = _head_condition(services, world)
    assert status is ConditionStatus.CHECK
    assert "Chỉ thị số 05/CT-UBND" in text
    assert "chưa nhập số liệu: “Trồng rừng mới”" in text


def test_missed_targets_are_named_with_the_directive(services: Services,
                                                     world: dict[str, int]) -> None:
    _set(services, world, income="11,2", roads="8", forest="30")  # roads: 8 is not > 8
    status, text = _head_condition(services, world)
    assert status is ConditionStatus.NOT_MET
    assert text.startswith("Là người đứng đầu đơn vị không hoàn thành chỉ tiêu được giao theo "
                           "Chỉ thị số 05/CT-UBND: ")
    assert "“Thu ngân sách trên địa bàn” (kế hoạch ≥ 12,5 tỷ đồng, thực hiện 11,2 tỷ đồng)" \
        in text
    assert "“Làm đường giao thông nông thôn” (kế hoạch > 8 km, thực hiện 8 km)" in text
    assert "Trồng rừng mới" not in text  # met
    result = services.eligibility.check(world["round"], world["nomination"])
    source = next(c for c in result.conditions if c.code == "head_targets").source
    assert source == "Chỉ thị số 05/CT-UBND"


def test_not_applicable_targets_are_skipped(services: Services, world: dict[str, int]) -> None:
    _set(services, world, income="13", roads="9", forest="n/a")
    status, text = _head_condition(services, world)
    assert status is ConditionStatus.MET
    assert "hoàn thành 2 chỉ tiêu được giao theo Chỉ thị số 05/CT-UBND" in text
    assert "1 chỉ tiêu không áp dụng" in text


def test_rule_off_means_no_condition(services: Services, world: dict[str, int]) -> None:
    _set(services, world, income="1", roads="1", forest="1")
    assert _head_condition(services, world)[0] is ConditionStatus.NOT_MET
    services.movements.set_head_rule(world["movement"], False)
    result = services.eligibility.check(world["round"], world["nomination"])
    assert all(c.code != "head_targets" for c in result.conditions)
