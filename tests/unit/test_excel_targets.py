"""Excel import of a directive's targets appendix and of the units' actual figures: typed as
a province officer types them ("≥ 95%", "12,5 tỷ đồng", "Có/Không"), a blank direction
refused by name, unknown targets and units refused with the valid names, all or nothing,
and an export that re-imports unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop.api.excel import ImportRefusedError
from desktop.api.movements import MovementInput
from desktop.domain.enums import MovementKind, TargetDirection, UnitKind
from desktop.models import MovementTarget, UnitTarget
from desktop.services import Services
from desktop.services.units import UnitInput

TARGET_HEADER = ["Số văn bản phát động", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch",
                 "Chiều so sánh"]
ACTUAL_HEADER = ["Số văn bản phát động", "Năm", "Đơn vị", "Chỉ tiêu", "Số thực hiện"]


def xlsx(path: Path, rows: list[list[Any]], sheet: str) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def movement(services: Services) -> int:
    root = services.units.children(None)[0].id
    for name, code in (("Xã Phong Thổ", "PTH"), ("Xã Bình Lư", "BL"), ("Xã Sì Lở Lầu", "SLL")):
        services.units.create(UnitInput(name, code, UnitKind.COMMUNE, root))
    return services.movements.create(MovementInput(
        "Thi đua xây dựng nông thôn mới", MovementKind.REGULAR, 2025,
        directive_number="05/CT-UBND")).id


def state(services: Services) -> tuple[int, ...]:
    with services.db.read() as s:
        return tuple(s.scalar(select(func.count(m.id))) or 0
                     for m in (MovementTarget, UnitTarget)) + tuple(
            s.scalar(select(func.coalesce(func.sum(m.version), 0))) or 0
            for m in (MovementTarget, UnitTarget)) + (
            s.scalar(select(func.count(UnitTarget.id)).where(
                UnitTarget.actual_value.is_not(None))) or 0,)


def refused(services: Services, kind: str, path: Path) -> list[str]:
    before = state(services)
    for run in (services.excel.dry_run, services.excel.apply):
        with pytest.raises(ImportRefusedError) as caught:
            run(kind, path)
    assert state(services) == before, "a refused file must leave the database unchanged"
    return [str(p) for p in caught.value.report.problems]


def appendix(services: Services, tmp_path: Path) -> Path:
    return xlsx(tmp_path / "chi-tieu.xlsx", [
        TARGET_HEADER,
        ["05/CT-UBND", "Tỷ lệ hộ gia đình văn hóa", None, "≥ 95%", None],
        ["05/ct-ubnd", "Thu ngân sách trên địa bàn", "tỷ đồng", "12,5 tỷ đồng", "trở lên"],
        ["05/CT-UBND", "Tỷ lệ hộ nghèo", "%", "3,5", "<"],
        ["05/CT-UBND", "Không có điểm nóng về an ninh trật tự", None, "Có", "Có/Không"],
    ], "Chỉ tiêu")


def test_appendix_typed_as_in_the_directive(services: Services, movement: int,
                                            tmp_path: Path) -> None:
    path = appendix(services, tmp_path)
    dry = services.excel.dry_run("targets", path)
    assert (dry.rows, dry.new) == (4, 4) and services.movements.appendix.list(movement) == []
    assert services.excel.apply("targets", path).new == 4
    lines = {t.indicator: t for t in services.movements.appendix.list(movement)}
    culture = lines["Tỷ lệ hộ gia đình văn hóa"]
    assert (culture.planned_value, culture.measure_unit, culture.direction) == (
        95.0, "%", TargetDirection.HIGHER_BETTER)
    budget = lines["Thu ngân sách trên địa bàn"]
    assert (budget.planned_value, budget.measure_unit, budget.direction) == (
        12.5, "tỷ đồng", TargetDirection.HIGHER_BETTER)
    assert lines["Tỷ lệ hộ nghèo"].direction is TargetDirection.BELOW
    safe = lines["Không có điểm nóng về an ninh trật tự"]
    assert (safe.direction, safe.planned_value) == (TargetDirection.YES_NO, 1.0)
    again = services.excel.dry_run("targets", path)
    assert (again.new, again.unchanged) == (0, 4)


def test_a_blank_direction_is_refused_by_name(services: Services, movement: int,
                                              tmp_path: Path) -> None:
    path = xlsx(tmp_path / "blank.xlsx", [
        TARGET_HEADER,
        ["05/CT-UBND", "Thu ngân sách trên địa bàn", "tỷ đồng", "12,5", None],
        ["05/CT-UBND", "Tỷ lệ hộ nghèo", "%", "3,5", "tùy"]], "Chỉ tiêu")
    problems = refused(services, "targets", path)
    assert len(problems) == 2
    assert problems[0].startswith("Trang “Chỉ tiêu”, dòng 2, cột “Chiều so sánh” (ô E2): còn "
                                  "trống; hãy ghi chiều so sánh của chỉ tiêu (phần mềm không tự "
                                  "chọn): ≥ (Càng cao càng tốt)")
    assert problems[1].startswith("Trang “Chỉ tiêu”, dòng 3, cột “Chiều so sánh” (ô E3): "
                                  "“tùy” không phải chiều so sánh; chọn một trong: ≥")
    no_column = xlsx(tmp_path / "nocol.xlsx", [TARGET_HEADER[:4],
                                               ["05/CT-UBND", "Tỷ lệ hộ nghèo", "%", "3,5"]],
                     "Chỉ tiêu")
    assert [p.split(": ")[1] for p in refused(services, "targets", no_column)] == [
        "còn trống; hãy ghi chiều so sánh của chỉ tiêu (phần mềm không tự chọn)"]


def test_unknown_movement_and_bad_figures_are_named(services: Services, movement: int,
                                                    tmp_path: Path) -> None:
    path = xlsx(tmp_path / "bad.xlsx", [
        TARGET_HEADER,
        ["99/CT-UBND", "Tỷ lệ hộ nghèo", "%", "3,5", "<"],
        ["05/CT-UBND", "Thu ngân sách", "tỷ đồng", "mười hai", "≥"],
        ["05/CT-UBND", "Thu ngân sách", "tỷ đồng", "12", "≥"]], "Chỉ tiêu")
    problems = refused(services, "targets", path)
    assert problems[0].startswith("Trang “Chỉ tiêu”, dòng 2, cột “Số văn bản phát động” (ô A2): "
                                  "không có phong trào thi đua có số văn bản hoặc mã “99/CT-UBND”")
    assert "05/CT-UBND (Thi đua xây dựng nông thôn mới)" in problems[0]
    assert problems[1].startswith("Trang “Chỉ tiêu”, dòng 3, cột “Kế hoạch” (ô D3): "
                                  "“mười hai” không phải số")
    assert len(problems) == 2  # row 4 is fine once row 3 is refused


def _assigned(services: Services, movement: int, tmp_path: Path) -> dict[str, int]:
    services.excel.apply("targets", appendix(services, tmp_path))
    units = {u.code: u.id for u in services.units.search("Xã")}
    services.movements.figures.assign(movement, [units["PTH"], units["BL"]], 2025)
    return units


def test_actuals_per_unit_with_not_applicable(services: Services, movement: int,
                                              tmp_path: Path) -> None:
    units = _assigned(services, movement, tmp_path)
    path = xlsx(tmp_path / "so-lieu.xlsx", [
        ACTUAL_HEADER,
        ["05/CT-UBND", 2025, "PTH", "Thu ngân sách trên địa bàn", "13,2 tỷ đồng"],
        ["05/CT-UBND", 2025, "PTH", "tỷ lệ hộ gia đình văn hoá", "96,5%"],
        ["05/CT-UBND", None, "BL", "Tỷ lệ hộ nghèo", "Không áp dụng"],
        ["05/CT-UBND", 2025, "BL", "Không có điểm nóng về an ninh trật tự", "Không"],
    ], "Số thực hiện")
    before = state(services)
    assert services.excel.dry_run("actuals", path).new == 4
    assert state(services) == before
    assert services.excel.apply("actuals", path).new == 4
    grid = services.movements.figures.grid(movement, 2025)
    lines = {t.indicator: t.id for t in grid.targets}
    pth = grid.cell(units["PTH"], lines["Thu ngân sách trên địa bàn"])
    assert pth is not None and pth.actual_value == 13.2
    poor = grid.cell(units["BL"], lines["Tỷ lệ hộ nghèo"])
    assert poor is not None and poor.not_applicable and poor.actual_value is None
    safe = grid.cell(units["BL"], lines["Không có điểm nóng về an ninh trật tự"])
    assert safe is not None and safe.actual_value == 0.0
    with services.db.read() as s:  # the units' lines keep the appendix's direction only
        assert s.scalar(select(func.count(UnitTarget.id)).where(
            UnitTarget.direction.is_not(None))) == 0
    assert services.excel.dry_run("actuals", path).unchanged == 4


def test_unknown_target_and_unit_are_refused_with_the_valid_names(
        services: Services, movement: int, tmp_path: Path) -> None:
    _assigned(services, movement, tmp_path)
    path = xlsx(tmp_path / "sai.xlsx", [
        ACTUAL_HEADER,
        ["05/CT-UBND", 2025, "PTH", "Tỷ lệ trường chuẩn", "80%"],
        ["05/CT-UBND", 2025, "KHONGCO", "Tỷ lệ hộ nghèo", "3"],
        ["05/CT-UBND", 2025, "SLL", "Tỷ lệ hộ nghèo", "3"],
        ["05/CT-UBND", 2025, "PTH", "Tỷ lệ hộ nghèo", "ba phần trăm"],
        ["05/CT-UBND", 2025, "PTH", "Thu ngân sách trên địa bàn", "13"],
    ], "Số thực hiện")
    problems = refused(services, "actuals", path)
    assert len(problems) == 4
    assert problems[0].startswith("Trang “Số thực hiện”, dòng 2, cột “Chỉ tiêu” (ô D2): phụ lục "
                                  "của phong trào “Thi đua xây dựng nông thôn mới” không có chỉ "
                                  "tiêu “Tỷ lệ trường chuẩn”; các chỉ tiêu: “Tỷ lệ hộ gia đình "
                                  "văn hóa”; “Thu ngân sách trên địa bàn”")
    assert problems[1].startswith("Trang “Số thực hiện”, dòng 3, cột “Đơn vị” (ô C3): không có "
                                  "đơn vị mã hoặc tên “KHONGCO”")
    assert problems[1].endswith("các đơn vị được giao chỉ tiêu này năm 2025: PTH, BL") or \
        problems[1].endswith("các đơn vị được giao chỉ tiêu này năm 2025: BL, PTH")
    assert "(ô C4): đơn vị “SLL” chưa được giao chỉ tiêu “Tỷ lệ hộ nghèo” năm 2025" in problems[2]
    assert "(ô E5): “ba phần trăm” không phải số" in problems[3]


def test_round_trip_of_targets_and_actuals(services: Services, movement: int,
                                           tmp_path: Path) -> None:
    _assigned(services, movement, tmp_path)
    services.excel.apply("actuals", xlsx(tmp_path / "a.xlsx", [
        ACTUAL_HEADER,
        ["05/CT-UBND", 2025, "PTH", "Thu ngân sách trên địa bàn", "13,2"],
        ["05/CT-UBND", 2025, "BL", "Tỷ lệ hộ nghèo", "không áp dụng"],
        ["05/CT-UBND", 2025, "BL", "Không có điểm nóng về an ninh trật tự", "Có"]],
        "Số thực hiện"))
    before = state(services)
    for kind in ("targets", "actuals"):
        exported = services.excel.export(kind, tmp_path / f"x-{kind}.xlsx")
        assert exported.rows > 0, kind
        report = services.excel.apply(kind, Path(exported.path), update_existing=True)
        assert (report.rows, report.new, report.updated, report.existing) == (
            exported.rows, 0, 0, 0), kind
    assert state(services) == before
    ws = load_workbook(tmp_path / "x-targets.xlsx")["Chỉ tiêu"]
    assert [c.value for c in ws[1]][:5] == TARGET_HEADER
    assert sorted({r[4] for r in ws.iter_rows(min_row=2, values_only=True)},
                                            key=["≥", "<", "Có/Không"].index) == ["≥", "<", "Có/Không"]


def test_templates_have_a_guide_and_examples(services: Services, movement: int,
                                             tmp_path: Path) -> None:
    for kind, sheet in (("targets", "Chỉ tiêu"), ("actuals", "Số thực hiện")):
        book = load_workbook(services.excel.template(kind, tmp_path / f"{kind}.xlsx"))
        assert book.sheetnames == [sheet, "Hướng dẫn"]
        guide = [[c for c in row] for row in book["Hướng dẫn"].iter_rows(values_only=True)]
        flat = " ".join(str(c) for row in guide for c in row if c is not None)
        assert "Không áp dụng" in flat or kind == "targets"
        assert "12,5 tỷ đồng" in flat and "05/CT-UBND" in flat
        header_at = max(i for i, row in enumerate(guide) if row[0] == "Số văn bản phát động")
        assert len(guide) - header_at - 1 >= 4  # several example rows
    guide_text = " ".join(str(c) for row in load_workbook(tmp_path / "targets.xlsx")[
        "Hướng dẫn"].iter_rows(values_only=True) for c in row if c)
    assert "bắt buộc (không để trống)" in guide_text and "≥ 95%" in guide_text


def test_a_number_formatted_as_a_percentage_is_the_percentage_shown(
        services: Services, movement: int, tmp_path: Path) -> None:
    """Excel stores "95%" typed into a cell as 0.95 with a percent format: the planned value
    is 95 (%), never 0.95."""
    path = tmp_path / "phan-tram.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Chỉ tiêu"
    ws.append(TARGET_HEADER)
    ws.append(["05/CT-UBND", "Tỷ lệ hộ gia đình văn hóa", "%", 0.95, "≥"])
    ws.append(["05/CT-UBND", "Tỷ lệ lao động qua đào tạo", "%", 0.125, "≥"])
    ws["D2"].number_format = "0%"
    ws["D3"].number_format = "0.0%"
    wb.save(path)
    services.excel.apply("targets", path)
    planned = {t.indicator: t.planned_value for t in services.movements.appendix.list(movement)}
    assert planned == {"Tỷ lệ hộ gia đình văn hóa": 95.0, "Tỷ lệ lao động qua đào tạo": 12.5}
