"""Excel export: every list to .xlsx (Vietnamese headers, frozen header, dd/mm/yyyy dates),
text that Excel would run as a formula written as text, and the round trip: what is exported
re-imports as 0 new and 0 updated."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from document_world import DocumentWorld, build_document_world
from openpyxl import load_workbook

from desktop.api.excel import ExportFilter
from desktop.domain.enums import DisciplineForm, Gender
from desktop.services import Services
from desktop.services.people import PersonInput
from desktop.services.records import DisciplineInput, Subject

IMPORTABLE = ("units", "people", "ratings", "initiatives", "awards", "disciplines",
              "registrations")


@pytest.fixture
def world(services: Services) -> DocumentWorld:
    built = build_document_world(services)
    services.disciplines.create(DisciplineInput(
        Subject(person_id=services.people.search("mai").rows[0].id), DisciplineForm.REPRIMAND,
        decision_number="07/QĐ-UBND", decision_date=date(2024, 5, 10), reason="Đi muộn"))
    for person_id in built.people.values():
        services.ratings.set(Subject(person_id=person_id), 2025, "HTXSNV", "Ghi chú")
    services.ratings.set(Subject(unit_id=built.school_id), 2025, "HTTNV")
    return built


def test_round_trip_of_every_importable_list_changes_nothing(
        services: Services, world: DocumentWorld, tmp_path: Path) -> None:
    for kind in IMPORTABLE:
        path = tmp_path / f"{kind}.xlsx"
        exported = services.excel.export(kind, path)
        assert exported.rows > 0, kind
        report = services.excel.dry_run(kind, path)
        assert (report.rows, report.new, report.updated, report.existing) == (
            exported.rows, 0, 0, 0), kind
        applied = services.excel.apply(kind, path, update_existing=True)
        assert (applied.new, applied.updated) == (0, 0), kind


def test_export_layout_headers_dates_and_filters(services: Services, world: DocumentWorld,
                                                 tmp_path: Path) -> None:
    path = services.excel.export("people", tmp_path / "p.xlsx").path
    ws = load_workbook(path)["Cá nhân"]
    assert ws.freeze_panes == "A2"
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["Họ và tên", "Giới tính", "Ngày sinh"]
    assert ws["A1"].font.b and ws.column_dimensions["A"].width > 20
    born = ws["C2"]
    assert isinstance(born.value, datetime) and born.number_format == "DD/MM/YYYY"
    other = services.units.search("UBND")[0] if services.units.search("UBND") else None
    by_school = services.excel.export("people", tmp_path / "s.xlsx",
                                      ExportFilter(unit_id=world.school_id))
    assert by_school.rows == 3
    if other is not None and other.id != world.school_id:
        assert services.excel.export("ratings", tmp_path / "r.xlsx",
                                     ExportFilter(year=1999)).rows == 0


def test_nominations_and_decisions_export_with_verdict_and_money(
        services: Services, world: DocumentWorld, tmp_path: Path) -> None:
    noms = services.excel.export("nominations", tmp_path / "n.xlsx",
                                 ExportFilter(round_id=world.round_id))
    ws = load_workbook(noms.path)["Đề nghị khen thưởng"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert noms.rows == len(rows) >= 4
    assert {r[7] for r in rows} <= {"Đạt", "Không đạt", "Cần kiểm tra"}
    assert any(r[8] and "[" in r[8] for r in rows) or all(r[7] == "Đạt" for r in rows)
    decisions = services.excel.export("decisions", tmp_path / "d.xlsx")
    ws = load_workbook(decisions.path)["Quyết định khen thưởng"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    total = [r for r in rows if r[4] == "Cộng"]
    lines = [r for r in rows if r[4] != "Cộng"]
    assert total and total[0][9] == sum(r[9] for r in lines) > 0
    assert isinstance(lines[0][1], datetime) and ws["B2"].number_format == "DD/MM/YYYY"


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"bấm\")", "+84 912", "-5 điểm",
                                  "@SUM(A1)", "=1+1"])
def test_text_that_looks_like_a_formula_stays_text(services: Services, tmp_path: Path,
                                                   text: str) -> None:
    root = services.units.children(None)[0].id
    services.people.create(PersonInput("Nguyễn Văn Đức", Gender.MALE, root, note=text,
                                       position=text))
    path = services.excel.export("people", tmp_path / "p.xlsx").path
    book = load_workbook(path)
    ws = book["Cá nhân"]
    headers = [c.value for c in ws[1]]
    for column in ("Chức vụ", "Ghi chú"):
        cell = ws.cell(row=2, column=headers.index(column) + 1)
        assert cell.value == text
        assert cell.data_type == "s"  # not "f": Excel never computes it
        assert cell.quotePrefix  # and re-typing the cell in Excel keeps it text
    report = services.excel.dry_run("people", Path(path))
    assert (report.new, report.updated, report.unchanged) == (0, 0, 1)


def test_export_of_an_unknown_kind_is_refused(services: Services, tmp_path: Path) -> None:
    with pytest.raises(Exception, match="không xuất được"):
        services.excel.export("bogus", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()
