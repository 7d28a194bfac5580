"""``tdkt report``: every ready-made report and a saved definition, through a real process;
the figures equal the ones the test computes from the facts it inserted."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from desktop.domain.enums import UnitKind
from desktop.paths import app_paths
from desktop.services import Services
from desktop.services.units import UnitInput
from tests.cli.conftest import Cli
from tests.unit.test_reports import World, build_world, cells, measures


@pytest.fixture(scope="module")
def world_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    home = tmp_path_factory.mktemp("reports")
    paths = app_paths(home).ensure()
    services = Services.open(paths.default_database, paths)
    try:
        services.setup.configure(UnitInput("Ủy ban nhân dân tỉnh Lai Châu", "LCH",
                                           UnitKind.PROVINCE))
        world = build_world(services)
    finally:
        services.close()
    return home, world


@pytest.fixture
def rcli(world_home: tuple[Path, World]) -> Cli:
    return Cli(world_home[0])


def test_every_ready_made_report_runs_as_json(rcli: Cli, world_home: tuple[Path, World]) -> None:
    world = world_home[1]
    results = rcli.run_many(
        ["report", "summary", "--year", "2024", "--json"],
        ["report", "0601", "--year", "2024", "--json"],
        ["report", "0602", "--year", "2024", "--json"],
        ["report", "0603", "--year", "2024", "--json"],
        ["report", "0604", "--year", "2024", "--json"],
        ["report", "0605", "--year", "2024", "--json"],
        ["report", "timeline", "--unit", "CTD", "--json"],
        ["report", "custom", "--group", "unit,gender", "--years", "2023-2025", "--unit", "XAB",
         "--json"])
    for result in results:
        assert result.returncode == 0, str(result)
    summary = results[0].json()
    total = summary["rows"][-1]["cells"]
    m = measures([f for f in world.facts if f.year == 2024])
    assert total[1] == "Tổng cộng" and total[2] == m.total and total[-1] == m.amount
    assert results[3].json()["cannot_fill"], "0603 says which cells it cannot fill"
    assert all(r["cells"][2] is None for r in results[4].json()["rows"] if r["code"])
    custom = results[7].json()
    kept = [f for f in world.facts if world.top(f.unit, world.commune_a) is not None]
    assert custom["rows"][-1]["cells"][2:] == cells(measures(kept))
    assert "Đơn vị: Xã An Bình (kể cả đơn vị trực thuộc)" in custom["filters"]


def test_human_output_and_exports(rcli: Cli, tmp_path: Path) -> None:
    shown = rcli.ok("report", "0603", "--year", "2024")
    assert "SỐ LƯỢNG KHEN THƯỞNG" in shown.stdout and "Ô không điền được" in shown.stdout
    xlsx, docx = tmp_path / "tong_hop.xlsx", tmp_path / "bieu.docx"
    rcli.ok("report", "summary", "--years", "2023-2025", "--gender", "nữ", "--out", str(xlsx))
    rcli.ok("report", "0602", "--year", "2025", "--out", str(docx))
    ws = load_workbook(xlsx).active
    texts = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    assert "- Giới tính: Nữ (chỉ cá nhân)" in texts
    doc = Document(str(docx))
    assert any("SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC" in p.text for p in doc.paragraphs)


def test_saved_definition_runs_by_name(rcli: Cli) -> None:
    saved = rcli.ok("report", "custom", "--group", "year", "--level", "tinh", "--save",
                    "Cấp tỉnh theo năm", "--json")
    assert "Đã lưu báo cáo" in saved.stderr
    listed = rcli.ok("report", "saved", "--json").json()
    assert "Cấp tỉnh theo năm" in listed["saved"]
    again = rcli.ok("report", "--saved", "cap tinh theo nam", "--json").json()
    assert again["rows"] == saved.json()["rows"]


@pytest.mark.parametrize("args,message", [
    (("report", "summary", "--years", "2025-2021"), "năm đầu (2025) lớn hơn năm cuối (2021)"),
    (("report", "custom", "--gender", "khác"), "Giới tính: “khác” không hợp lệ"),
    (("report", "custom", "--group", "unit,year,gender"), "tối đa 2"),
    (("report", "bieu9"), "Loại báo cáo: “bieu9” không hợp lệ"),
    (("report", "summary", "--award", "KHONG_CO"), "không có mã “KHONG_CO”"),
    (("report", "0603", "--years", "2023-2025"), "một năm báo cáo"),
    (("report", "timeline"), "chọn đúng một cá nhân"),
    (("report", "--saved", "không có"), "Không có báo cáo đã lưu"),
    (("report", "summary", "--out", "x.pdf"), ".xlsx hoặc .docx"),
])
def test_bad_filters_get_a_vietnamese_message(rcli: Cli, args: tuple[str, ...],
                                              message: str) -> None:
    result = rcli.run(*args)
    assert result.returncode == 1, str(result)
    assert message in result.stderr, str(result)
