"""Targets of a movement's appendix: the direction rules (≥ > ≤ < and yes/no, strict really
strict), not applicable, missing actuals, the appendix edited line by line, assignment with
per-unit plans, the grid of actual figures, the round warning and the bloc import check."""

from __future__ import annotations

from pathlib import Path

import pytest
from bloc_world import INDICATOR, build_bloc_world

from desktop.api.movements import (
    FigureEntry,
    TargetOutcome,
    parse_direction,
    parse_figure,
)
from desktop.domain.enums import MovementKind, RoundKind, TargetDirection, UnitKind
from desktop.domain.errors import ConflictError, ValidationError
from desktop.services import Services
from desktop.services.movements import MovementInput, TargetInput
from desktop.services.rounds import RoundInput
from desktop.services.targets import TargetLine, head_verdict, outcome
from desktop.services.units import UnitInput

D = TargetDirection


def line(planned: float | None, actual: float | None, direction: TargetDirection,
         na: bool = False) -> TargetOutcome:
    return outcome(TargetLine("Chỉ tiêu", "%", planned, actual, direction, na))


@pytest.mark.parametrize(("direction", "planned", "actual", "expected"), [
    (D.HIGHER_BETTER, 100, 100, TargetOutcome.MET),
    (D.HIGHER_BETTER, 100, 99.9, TargetOutcome.MISSED),
    (D.ABOVE, 100, 100, TargetOutcome.MISSED),       # strict: equal is not met
    (D.ABOVE, 100, 100.1, TargetOutcome.MET),
    (D.LOWER_BETTER, 5, 5, TargetOutcome.MET),
    (D.LOWER_BETTER, 5, 5.5, TargetOutcome.MISSED),
    (D.BELOW, 5, 5, TargetOutcome.MISSED),           # strict: equal is not met
    (D.BELOW, 5, 4, TargetOutcome.MET),
    (D.YES_NO, None, 1, TargetOutcome.MET),          # the plan defaults to "có"
    (D.YES_NO, 1, 0, TargetOutcome.MISSED),
    (D.YES_NO, 0, 0, TargetOutcome.MET),             # "không để xảy ra": không is met
    (D.HIGHER_BETTER, 100, None, TargetOutcome.NO_ACTUAL),
    (D.YES_NO, None, None, TargetOutcome.NO_ACTUAL),
    (D.HIGHER_BETTER, None, 7, TargetOutcome.NO_PLAN),
])
def test_direction_rules(direction: TargetDirection, planned: float | None,
                         actual: float | None, expected: TargetOutcome) -> None:
    assert line(planned, actual, direction) is expected


def test_not_applicable_is_neither_met_nor_missed() -> None:
    assert line(100, 1, D.HIGHER_BETTER, na=True) is TargetOutcome.NOT_APPLICABLE
    lines = [TargetLine("Thu ngân sách", "tỷ đồng", 100, 120, D.HIGHER_BETTER),
             TargetLine("Trồng rừng", "ha", 50, 0, D.HIGHER_BETTER, not_applicable=True)]
    met, text = head_verdict(lines, "Chỉ thị số 05/CT-UBND")
    assert met is True and "1 chỉ tiêu không áp dụng" in text
    missing = [*lines, TargetLine("Làm đường", "km", 12, None, D.HIGHER_BETTER)]
    met, text = head_verdict(missing, "Chỉ thị số 05/CT-UBND")
    assert met is None and "chưa nhập số liệu: “Làm đường”" in text


def test_directions_and_figures_as_typed_from_a_directive() -> None:
    assert parse_direction("≥") is D.HIGHER_BETTER
    assert parse_direction(">") is D.ABOVE
    assert parse_direction("không vượt quá") is D.LOWER_BETTER
    assert parse_direction("dưới") is D.BELOW
    assert parse_direction("Có/Không") is D.YES_NO
    assert parse_direction("") is None and parse_direction("tùy") is None
    assert parse_figure("7,7") == 7.7
    assert parse_figure("2.250") == 2250
    assert parse_figure("1.234,5") == 1234.5
    assert parse_figure("56,3%") == 56.3
    assert parse_figure("2.450 tỷ đồng", None, "tỷ đồng") == 2450
    assert parse_figure("Có", D.YES_NO) == 1 and parse_figure("không", D.YES_NO) == 0
    with pytest.raises(ValueError, match="“bảy” không phải số"):
        parse_figure("bảy")


@pytest.fixture
def units(services: Services) -> dict[str, int]:
    root = services.units.children(None)[0].id
    return {key: services.units.create(UnitInput(name, code, UnitKind.COMMUNE, root)).id
            for key, name, code in (("a", "Xã Bình Lư", "BLU"), ("b", "Xã Sơn Bình", "SBI"))}


def _movement(services: Services, rule: bool = False) -> int:
    return services.movements.create(MovementInput(
        "Phong trào thi đua năm 2026", MovementKind.REGULAR, 2026, "05/CT-UBND",
        head_target_rule=rule)).id


def test_appendix_line_by_line_keeps_units_and_figures(services: Services,
                                                       units: dict[str, int]) -> None:
    mid = _movement(services)
    appendix = services.movements.appendix
    income = appendix.add(mid, TargetInput("Thu ngân sách", "tỷ đồng", 120, "≥"))
    roads = appendix.add(mid, TargetInput("Làm đường giao thông nông thôn", "km", 12, ">"))
    with pytest.raises(ValidationError, match="đã có chỉ tiêu “Thu ngân sách”"):
        appendix.add(mid, TargetInput("thu ngan sach", "tỷ đồng", 1))
    with pytest.raises(ValidationError, match="chiều so sánh"):
        appendix.add(mid, TargetInput("Trồng rừng", "ha", 1, "tùy"))
    assert services.movements.figures.assign(mid, [units["a"], units["b"]],
                                             planned={roads.id: 10}) == 4
    assert services.movements.figures.assign(mid, [units["a"]]) == 0  # nothing twice
    grid = services.movements.figures.set_figures(mid, [
        FigureEntry(units["a"], income.id, actual="130,5"),
        FigureEntry(units["a"], roads.id, actual="10"),      # equal to a strict ">": missed
        FigureEntry(units["b"], roads.id, not_applicable=True)])
    a_roads = grid.cell(units["a"], roads.id)
    assert a_roads is not None and a_roads.planned_value == 10
    assert a_roads.outcome is TargetOutcome.MISSED
    assert grid.cell(units["a"], income.id).outcome is TargetOutcome.MET  # type: ignore[union-attr]
    assert grid.cell(units["b"], roads.id).outcome is TargetOutcome.NOT_APPLICABLE  # type: ignore[union-attr]
    # the direction is stored once: changing the appendix changes every unit's verdict
    appendix.update(roads.id, TargetInput("Làm đường giao thông nông thôn", "km", 12, "≥"))
    assert services.movements.figures.grid(mid).cell(
        units["a"], roads.id).outcome is TargetOutcome.MET  # type: ignore[union-attr]
    rows = services.blocs.targets.list(2026, units["a"])
    assert {r.direction for r in rows} == {D.HIGHER_BETTER}
    assert [t.indicator for t in appendix.move(roads.id, -1)] == [
        "Làm đường giao thông nông thôn", "Thu ngân sách"]
    with pytest.raises(ConflictError, match="đã có số thực hiện"):
        appendix.delete(income.id)


def test_refused_cells_are_named_and_nothing_is_written(services: Services,
                                                        units: dict[str, int]) -> None:
    mid = _movement(services)
    income = services.movements.appendix.add(mid, TargetInput("Thu ngân sách", "tỷ đồng", 120))
    clean = services.movements.appendix.add(mid, TargetInput("Vệ sinh môi trường", "",
                                                              None, D.YES_NO))
    services.movements.figures.assign(mid, [units["a"]])
    before = services.movements.figures.grid(mid)
    with pytest.raises(ValidationError) as caught:
        services.movements.figures.set_figures(mid, [
            FigureEntry(units["a"], income.id, actual="125"),
            FigureEntry(units["a"], clean.id, actual="chắc có"),
            FigureEntry(units["b"], income.id, actual="1")])
    assert [str(p) for p in caught.value.problems] == [
        "Đơn vị “Xã Bình Lư”, chỉ tiêu “Vệ sinh môi trường”, số thực hiện: “chắc có” — chỉ "
        "tiêu có/không: ghi Có hoặc Không",
        "Đơn vị “Xã Sơn Bình”, chỉ tiêu “Thu ngân sách”: đơn vị chưa được giao chỉ tiêu này "
        "năm 2026"]
    assert services.movements.figures.grid(mid) == before


def test_round_not_linked_to_the_rule_movement_is_warned(services: Services) -> None:
    mid = _movement(services, rule=True)
    round_id = services.rounds.create(RoundInput("Tổng kết năm 2026", 2026,
                                                 RoundKind.YEAR_END)).id
    warning = services.movements.figures.round_warning(round_id)
    assert warning is not None and "Chỉ thị số 05/CT-UBND" in warning
    services.rounds.update(round_id, RoundInput("Tổng kết năm 2026", 2026, RoundKind.YEAR_END,
                                                mid))
    assert services.movements.figures.round_warning(round_id) is None
    services.movements.set_head_rule(mid, False)
    assert services.movements.figures.year_warning(2026, None) is None


def test_bloc_criteria_naming_an_unknown_target_are_refused(services: Services,
                                                            tmp_path: Path) -> None:
    world = build_bloc_world(services)
    path = services.blocs.excel.write_criteria(tmp_path / "tieu-chi.xlsx", world["bloc"])
    services.movements.create(MovementInput(
        "Phong trào 2026", MovementKind.REGULAR, 2026, "05/CT-UBND",
        targets=[TargetInput("Thu ngân sách nhà nước", "tỷ đồng", 3000)]))
    with pytest.raises(ValidationError) as caught:
        services.blocs.excel.import_criteria(world["bloc"], path, dry_run=True)
    assert [str(p) for p in caught.value.problems] == [
        f"Trang “Tiêu chí”, dòng 6, cột “Chỉ tiêu”: không có chỉ tiêu “{INDICATOR}” năm 2026; "
        "các chỉ tiêu có: “Thu ngân sách nhà nước”"]
    services.movements.create(MovementInput(
        "Phong trào chuyên đề 2026", MovementKind.THEMATIC, 2026,
        targets=[TargetInput(INDICATOR, "tỷ đồng", 3000)]))
    assert services.blocs.excel.import_criteria(world["bloc"], path, dry_run=True).rows > 0
