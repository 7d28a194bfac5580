"""Excel import: every bad input is refused by sheet, row and column (cell) in Vietnamese and
the database is left exactly as it was; a dry run reports what an apply writes; people already
stored are matched and updated only when asked."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop.api.excel import ImportRefusedError
from desktop.domain.enums import Gender, RatingLevel, UnitKind
from desktop.domain.errors import Cancelled, ValidationError
from desktop.models import Person, Rating, Unit
from desktop.services import Services
from desktop.services.excel.safety import ExcelLimits
from desktop.services.people import PersonInput
from desktop.services.records import Subject
from desktop.services.units import UnitInput

PEOPLE_HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Đơn vị"]


@pytest.fixture
def commune(services: Services) -> int:
    root = services.units.children(None)[0].id
    return services.units.create(UnitInput("Xã Phong Thổ", "PTH", UnitKind.COMMUNE, root)).id


def xlsx(path: Path, rows: list[list[Any]], sheet: str = "Cá nhân") -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def state(services: Services) -> tuple[int, ...]:
    """Live rows and the sum of versions of people, units and ratings: any write changes it."""
    with services.db.read() as s:
        return tuple(
            s.scalar(select(func.count(m.id)).where(m.deleted_at.is_(None))) or 0
            for m in (Person, Unit, Rating)) + tuple(
            s.scalar(select(func.coalesce(func.sum(m.version), 0))) or 0
            for m in (Person, Unit, Rating))


def refused(services: Services, kind: str, path: Path, **kwargs: Any) -> list[str]:
    before = state(services)
    for run in (services.excel.dry_run, services.excel.apply):
        with pytest.raises(ImportRefusedError) as caught:
            run(kind, path, **kwargs)
        assert caught.value.report.problems
    assert state(services) == before, "a refused file must leave the database unchanged"
    return [str(p) for p in caught.value.report.problems]


def test_people_dry_run_then_apply_then_nothing_new(services: Services, commune: int,
                                                     tmp_path: Path) -> None:
    path = xlsx(tmp_path / "p.xlsx", [
        ["HO VA TEN", "giới  tính", "Ngày sinh", "CCCD", "mã đơn vị", "Dân tộc"],
        ["Nguyễn Văn Đức", "Nam", "15/03/1985", "001085000123", "pth", ""],
        ["Lò Thị Hoa", "nữ", date(1990, 2, 28), 12190000123, "Xã Phong Thổ", "thai"],
    ])
    before = state(services)
    dry = services.excel.dry_run("people", path)
    assert (dry.rows, dry.new, dry.updated, dry.applied) == (2, 2, 0, False)
    assert state(services) == before
    calls: list[tuple[int, int, str]] = []
    applied = services.excel.apply("people", path, progress=lambda *a: calls.append(a))
    assert (applied.new, applied.applied) == (2, True) and calls
    hoa = services.people.search("hoa").rows[0]
    assert hoa.citizen_id == "012190000123"  # the leading 0 a number cell lost comes back
    assert hoa.ethnicity == "Thái" and hoa.unit_id == commune
    assert services.people.search("duc").rows[0].birth_date == date(1985, 3, 15)
    again = services.excel.dry_run("people", path)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)


def test_existing_people_are_updated_only_when_confirmed(services: Services, commune: int,
                                                          tmp_path: Path) -> None:
    services.people.create(PersonInput("Nguyễn Văn Đức", Gender.MALE, commune,
                                       date(1985, 3, 15), position="Cán bộ"))
    path = xlsx(tmp_path / "p.xlsx", [
        [*PEOPLE_HEADER, "Chức vụ"],
        ["Nguyễn Văn Đức", "Nam", "15/03/1985", None, "PTH", "Chủ tịch UBND xã"]])
    report = services.excel.apply("people", path)
    assert (report.new, report.updated, report.existing) == (0, 0, 1)
    assert services.people.search("duc").rows[0].position == "Cán bộ"
    report = services.excel.apply("people", path, update_existing=True)
    assert (report.new, report.updated) == (0, 1)
    row = services.people.search("duc").rows[0]
    assert row.position == "Chủ tịch UBND xã" and row.version == 2


def test_service_validation_is_the_same_as_typing_in(services: Services, commune: int,
                                                      tmp_path: Path) -> None:
    path = xlsx(tmp_path / "p.xlsx", [PEOPLE_HEADER,
                                      ["Bình", "Nam", None, "0121850001", "PTH"]])
    problems = refused(services, "people", path)
    assert any("dòng 2" in p and "Họ và tên" in p and "ít nhất hai từ" in p for p in problems)
    assert any("ô D2" in p and "12 chữ số" in p for p in problems)


@pytest.mark.parametrize("cached", [False, True])
def test_formula_cells_are_refused_by_name(services: Services, commune: int, tmp_path: Path,
                                           cached: bool) -> None:
    path = xlsx(tmp_path / "f.xlsx", [PEOPLE_HEADER,
                                      ["Nguyễn Văn Đức", "Nam", "15/03/1985", None, "PTH"],
                                      ["Lò Văn Páo", "Nam", None, "=\"0010\"&\"85000999\"",
                                       "PTH"]])
    if cached:  # as Excel saves it: the formula and the value it last computed
        patched = tmp_path / "cached.xlsx"
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as out:
            for info in src.infolist():
                data = src.read(info)
                if info.filename.startswith("xl/worksheets/"):
                    text = data.decode()
                    text, n = re.subn(r"(<c r=\"D3\"[^>]*>)<f>(.*?)</f><v\s*/?>(</v>)?",
                                      r'\1<f>\2</f><v>001085000999</v>', text)
                    assert n == 1, text
                    data = text.encode()
                out.writestr(info, data)
        path = patched
        assert load_workbook(path, data_only=True).active["D3"].value == 1085000999
    problems = refused(services, "people", path)
    assert problems == ["Trang “Cá nhân”, dòng 3, cột “Số CCCD” (ô D3): ô D3 là công thức "
                        "(=\"0010\"&\"85000999\"); hãy dán giá trị (chép ô rồi Dán đặc biệt → "
                        "Chỉ giá trị)"]


def test_unknown_and_missing_columns_are_named(services: Services, commune: int,
                                               tmp_path: Path) -> None:
    path = xlsx(tmp_path / "c.xlsx", [["Họ và tên", "Quê quán", "Số CCCD"],
                                      ["Nguyễn Văn Đức", "Lai Châu", None]])
    problems = refused(services, "people", path)
    assert any("dòng 1, cột “Quê quán” (ô B1)" in p and "không có trong mẫu" in p
               for p in problems)
    assert any("cột “Giới tính”" in p and "thiếu cột bắt buộc" in p for p in problems)
    assert any("cột “Đơn vị”" in p and "thiếu cột bắt buộc" in p for p in problems)


def test_text_in_a_number_cell(services: Services, commune: int, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "r.xlsx", [["Đơn vị", "Năm", "Xếp loại"],
                                      ["PTH", "hai nghìn hai lăm", "HTTNV"]], sheet="Xếp loại")
    problems = refused(services, "ratings", path)
    assert problems == ["Trang “Xếp loại”, dòng 2, cột “Năm” (ô B2): ô B2: “hai nghìn hai lăm” "
                        "là chữ, không phải số nguyên"]


def test_duplicate_cccd_inside_the_file(services: Services, commune: int,
                                        tmp_path: Path) -> None:
    path = xlsx(tmp_path / "d.xlsx", [PEOPLE_HEADER,
                                      ["Nguyễn Văn Đức", "Nam", "15/03/1985", "001085000123",
                                       "PTH"],
                                      ["Nguyễn Văn Đức", "Nam", "15/03/1985", "001085000123",
                                       "PTH"]])
    problems = refused(services, "people", path)
    assert problems == ["Trang “Cá nhân”, dòng 3, cột “Số CCCD” (ô D3): số CCCD 001085000123 "
                        "trùng với dòng 2 của tệp"]


def test_unknown_unit(services: Services, commune: int, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "u.xlsx", [PEOPLE_HEADER,
                                      ["Nguyễn Văn Đức", "Nam", "15/03/1985", None, "KHONGCO"]])
    problems = refused(services, "people", path)
    assert len(problems) == 1
    assert problems[0].startswith("Trang “Cá nhân”, dòng 2, cột “Đơn vị” (ô E2): không có đơn "
                                  "vị mã hoặc tên “KHONGCO”")


def test_31_february_is_refused(services: Services, commune: int, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "b.xlsx", [PEOPLE_HEADER,
                                      ["Nguyễn Văn Đức", "Nam", "31/02/1985", None, "PTH"]])
    assert refused(services, "people", path) == [
        "Trang “Cá nhân”, dòng 2, cột “Ngày sinh” (ô C2): ô C2: ngày “31/02/1985” không có "
        "trong lịch"]


@pytest.mark.parametrize(("content", "expected"), [
    (b"Ho va ten,Gioi tinh\nA,Nam\n", "không phải tệp Excel .xlsx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "tệp Excel cũ (.xls)"),
    (None, "không phải bảng tính Excel .xlsx"),
])
def test_files_that_are_not_xlsx_are_refused_before_parsing(
        services: Services, commune: int, tmp_path: Path, content: bytes | None,
        expected: str) -> None:
    path = tmp_path / "fake.xlsx"
    if content is None:  # a .docx-like zip renamed
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("[Content_Types].xml", "<Types/>")
            zf.writestr("word/document.xml", "<w:document/>")
    else:
        path.write_bytes(content)
    before = state(services)
    with pytest.raises(ValidationError) as caught:
        services.excel.dry_run("people", path)
    assert not isinstance(caught.value, ImportRefusedError)
    assert caught.value.problems[0].label == "Tệp Excel"
    assert expected in str(caught.value) and "fake.xlsx" in str(caught.value)
    assert state(services) == before


def test_oversize_file_is_refused(services: Services, commune: int, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "big.xlsx", [PEOPLE_HEADER,
                                        ["Nguyễn Văn Đức", "Nam", None, None, "PTH"]])
    services.excel.limits = ExcelLimits(max_file_bytes=1024)
    before = state(services)
    with pytest.raises(ValidationError, match="quá giới hạn") as caught:
        services.excel.apply("people", path)
    assert "big.xlsx" in str(caught.value)
    assert state(services) == before


def test_zip_bomb_is_refused(services: Services, commune: int, tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (30 * 1024**2) + b"/>")
    assert path.stat().st_size < 200_000
    before = state(services)
    with pytest.raises(ValidationError, match="bom nén") as caught:
        services.excel.dry_run("people", path)
    assert "sheet1.xml" in str(caught.value)
    assert state(services) == before


def test_cancel_leaves_nothing(services: Services, commune: int, tmp_path: Path) -> None:
    rows: list[list[Any]] = [PEOPLE_HEADER]
    rows += [[f"Nguyễn Văn Số{chr(65 + i % 26)}{i}", "Nam", None, None, "PTH"]
             for i in range(1200)]
    path = xlsx(tmp_path / "many.xlsx", rows)
    before = state(services)
    with pytest.raises(Cancelled):
        services.excel.apply("people", path, cancel=lambda: True)
    assert state(services) == before


def test_ratings_find_people_and_units(services: Services, commune: int,
                                       tmp_path: Path) -> None:
    services.people.create(PersonInput("Lò Thị Hoa", Gender.FEMALE, commune, date(1990, 2, 28),
                                       citizen_id="012190000123"))
    path = xlsx(tmp_path / "r.xlsx", [
        ["Số CCCD", "Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Xếp loại"],
        ["012190000123", None, None, "PTH", 2025, "Hoàn thành xuất sắc nhiệm vụ"],
        [None, None, None, "PTH", 2025, "HTTNV"],
        [None, "Lò Văn Không Có", None, "PTH", 2025, "HTTNV"]], sheet="Xếp loại")
    problems = refused(services, "ratings", path)
    assert problems == ["Trang “Xếp loại”, dòng 4, cột “Họ và tên” (ô B4): không tìm thấy cá "
                        "nhân “Lò Văn Không Có” ở đơn vị “PTH”; hãy nhập danh sách cá nhân "
                        "trước"]
    wb = load_workbook(path)
    wb.active.delete_rows(4)
    wb.save(path)
    report = services.excel.apply("ratings", path)
    assert (report.new, report.applied) == (2, True)
    hoa = services.people.search("hoa").rows[0]
    assert [r.level for r in services.ratings.for_subject(Subject(person_id=hoa.id))] == [
        RatingLevel.EXCELLENT]
    assert [r.level for r in services.ratings.for_subject(Subject(unit_id=commune))] == [
        RatingLevel.GOOD]


def test_report_saves_as_text_and_xlsx(services: Services, commune: int,
                                       tmp_path: Path) -> None:
    path = xlsx(tmp_path / "b.xlsx", [PEOPLE_HEADER,
                                      ["Nguyễn Văn Đức", "Nam", "31/02/1985", None, "PTH"]])
    with pytest.raises(ImportRefusedError) as caught:
        services.excel.dry_run("people", path)
    report = caught.value.report
    text = services.excel.save_report(report, tmp_path / "r.txt").read_text("utf-8")
    assert "dòng 2, cột “Ngày sinh” (ô C2)" in text
    book = load_workbook(services.excel.save_report(report, tmp_path / "r.xlsx"))
    errors = [[c.value for c in row] for row in book["Lỗi"].iter_rows(min_row=2)]
    assert errors == [["Cá nhân", 2, "Ngày sinh", "C2",
                       "ô C2: ngày “31/02/1985” không có trong lịch"]]


def test_template_has_guide_and_imports_as_nothing(services: Services, commune: int,
                                                   tmp_path: Path) -> None:
    for kind in services.excel.import_kinds():
        path = services.excel.template(kind, tmp_path / f"{kind}.xlsx")
        book = load_workbook(path)
        assert book.sheetnames[1] == "Hướng dẫn"
        headers = [c.value for c in book.worksheets[0][1]]
        guide = [[c.value for c in row] for row in book["Hướng dẫn"].iter_rows()]
        described = {row[0]: row for row in guide if row[0] in headers}
        assert set(described) == set(headers), kind
        assert book.worksheets[0].freeze_panes == "A2"
        report = services.excel.dry_run(kind, path)
        assert (report.rows, report.new) == (0, 0)
    guide = [[c.value for c in row] for row in load_workbook(
        tmp_path / "people.xlsx")["Hướng dẫn"].iter_rows()]
    assert ["Giới tính", "Có", "một trong: Nam; Nữ"] in [row[:3] for row in guide]
    assert ["Nguyễn Văn Đức", "Nam", date(1985, 3, 15)] == [
        v.date() if hasattr(v, "date") else v for v in guide[-1][:3]]


def test_units_import_with_parents_in_order(services: Services, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "u.xlsx", [
        ["Tên đơn vị", "Mã đơn vị", "Loại đơn vị", "Đơn vị cấp trên"],
        ["Xã Bình Lư", "BL", "Xã", "LCH"],
        ["Thôn Nà Khương", "BL-NK", "Thôn, bản", "BL"],
        ["Thôn Nà Khương 2", "bl-nk", "Thôn, bản", "BL"]], sheet="Đơn vị")
    problems = refused(services, "units", path)
    assert problems == ["Trang “Đơn vị”, dòng 4, cột “Mã đơn vị” (ô B4): mã “bl-nk” trùng với "
                        "dòng 3 của tệp"]
    wb = load_workbook(path)
    wb.active.delete_rows(4)
    wb.save(path)
    assert services.excel.apply("units", path).new == 2
    assert services.units.search("Nà Khương")[0].parent_id == services.units.search("BL")[0].id


def test_person_input_is_unchanged_by_import(services: Services, commune: int) -> None:
    """The import calls the person form's own rules: a changed rule shows here."""
    row = services.people.create(PersonInput("Nguyễn  Văn Đức", "nam", commune))
    assert replace(row.as_input(), full_name="Nguyễn Văn Đức") == row.as_input()
