"""The dedicated sheet reader (``excel.reader``) reads what openpyxl reads: the same values,
row by row, on files written by openpyxl (normal and streamed), by the app's own writer
(templates, exports) and on hand-written sheets with every cell type Excel produces; dates by
serial number in both date systems; DTDs refused wherever they are in a part."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from document_world import build_document_world
from openpyxl import Workbook

from desktop.api.excel import ImportRefusedError
from desktop.domain.enums import UnitKind
from desktop.domain.errors import ValidationError
from desktop.domain.vntext import fold, normalize
from desktop.services import Services
from desktop.services.excel.reader import SheetRow, open_xlsx, openpyxl_rows
from desktop.services.people import person_search_key
from desktop.services.units import UnitInput

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def fast_rows(path: Path, sheet: str) -> list[SheetRow]:
    with open_xlsx(path) as wb:
        return [r for r in wb.rows(sheet) if r.values]


def typed(rows: list[SheetRow]) -> list[tuple[int, list[tuple[type, Any]], frozenset[int]]]:
    """Rows with each value's type, so True is not 1 and 1 is not 1.0."""
    return [(r.line, [(type(v), v) for v in r.values], r.formulas) for r in rows]


def same_as_openpyxl(path: Path) -> int:
    with open_xlsx(path) as wb:
        names = wb.sheetnames
    checked = 0
    for sheet in names:
        ours, theirs = fast_rows(path, sheet), list(openpyxl_rows(path, sheet))
        assert typed(ours) == typed(theirs), (path.name, sheet)
        checked += len(ours)
    return checked


def package(path: Path, sheet_xml: str, *, strings: str | None = None,
            styles: str | None = None, workbook_pr: str = "<workbookPr/>",
            sheet_name: str = "Cá nhân") -> Path:
    """A minimal .xlsx from hand-written parts (as Excel, LibreOffice or WPS may write them)."""
    types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.spreadsheetml.sheet.main+xml"/>'
             '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
             'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
    rels = [f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>']
    if strings is not None:
        types += ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                  'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
        rels.append(f'<Relationship Id="rId2" Type="{REL}/sharedStrings" '
                    'Target="sharedStrings.xml"/>')
    if styles is not None:
        types += ('<Override PartName="/xl/styles.xml" ContentType="application/vnd.'
                  'openxmlformats-officedocument.spreadsheetml.styles+xml"/>')
        rels.append(f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>')
    types += "</Types>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'))
        zf.writestr("xl/workbook.xml", (
            f'<workbook xmlns="{NS}" xmlns:r="{REL}">{workbook_pr}<sheets>'
            f'<sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        zf.writestr("xl/_rels/workbook.xml.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{"".join(rels)}</Relationships>'))
        zf.writestr("xl/worksheets/sheet1.xml",
                    f'<worksheet xmlns="{NS}"><sheetData>{sheet_xml}</sheetData></worksheet>')
        if strings is not None:
            zf.writestr("xl/sharedStrings.xml", f'<sst xmlns="{NS}">{strings}</sst>')
        if styles is not None:
            zf.writestr("xl/styles.xml", f'<styleSheet xmlns="{NS}">{styles}</styleSheet>')
    return path


DATE_STYLES = ('<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
               '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/>'
               '</cellXfs>')


def test_files_written_by_openpyxl_read_the_same(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Đơn vị", "Số", "Có"],
        ["Nguyễn Văn Đức", "Nam", date(1985, 3, 15), "001085000123", "PTH", 12.5, True],
        ["Lò Thị Hoa", "nữ", datetime(1990, 2, 28, 0, 0), 12190000123, "Xã Phong Thổ", 7, False],
        [None, None, None, None, None, None, None],
        ["Páo", "=\"Nam\"", "31/02/1985", "=A1&B1", " ", -3, None],
        ["  ", "x" * 300, date(1900, 1, 1), "#N/A", "ô\tcó tab", 1e-7, 0],
    ]
    for write_only in (False, True):
        wb = Workbook(write_only=write_only)
        ws = wb.create_sheet("Cá nhân") if write_only else wb.active
        assert ws is not None
        ws.title = "Cá nhân"
        for row in rows:
            ws.append(row)
        if not write_only:
            ws["H9"] = "xa, sau một dòng trống"
        other = wb.create_sheet("Khác")
        other.append(["một", 2, 3.0])
        path = tmp_path / f"openpyxl-{write_only}.xlsx"
        wb.save(path)
        assert same_as_openpyxl(path) >= 6


def test_the_apps_own_templates_and_exports_read_the_same(services: Services,
                                                          tmp_path: Path) -> None:
    build_document_world(services)
    checked = 0
    for kind in services.excel.import_kinds():
        checked += same_as_openpyxl(services.excel.template(kind, tmp_path / f"t-{kind}.xlsx"))
    for kind in ("people", "units", "ratings", "awards", "nominations"):
        checked += same_as_openpyxl(Path(services.excel.export(
            kind, tmp_path / f"e-{kind}.xlsx").path))
    assert checked > 50


def test_every_cell_type_excel_writes(tmp_path: Path) -> None:
    strings = ('<si><t>Họ và tên</t></si>'
               '<si><r><rPr><b/></rPr><t>Nguyễn </t></r><r><t xml:space="preserve">Văn  Đức'
               '</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>'
               '<si><t>a&amp;b &lt;c&gt;</t></si><si><t></t></si>')
    sheet = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>Giới </t>'
        '</r><r><t>tính</t></r></is></c><c r="C1" t="str"><f>"Ngày"&amp;" sinh"</f>'
        '<v>Ngày sinh</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>1</v></c><c t="b"><v>1</v></c><c><v>42</v></c>'
        '<c r="E3" s="1"><v>31121</v></c><c r="F3" s="2"><v>59</v></c><c r="G3" s="2">'
        '<v>61</v></c><c r="H3" t="e"><v>#N/A</v></c><c r="I3"><v>1.5E3</v></c>'
        '<c r="J3" t="s"><v>2</v></c><c r="K3" t="s"><v>3</v></c>'
        '<c r="L3" t="inlineStr"/><c r="M3"><v></v></c></row>'
        '<row><c r="A4"><f>SUM(B4:C4)</f></c><c r="B4" t="b"><v>0</v></c>'
        '<c r="C4" t="d"><v>2024-05-10T00:00:00</v></c>'
        '<c r="D4"><f t="shared" ref="D4:D5" si="0">A4+1</f><v>3</v></c></row>'
        '<row r="5"><c r="D5"><f t="shared" si="0"/><v>4</v></c></row>')
    path = package(tmp_path / "types.xlsx", sheet, strings=strings, styles=DATE_STYLES)
    same_as_openpyxl(path)
    rows = {r.line: r for r in fast_rows(path, "Cá nhân")}
    assert rows[1].values == ["Họ và tên", "Giới tính", "=\"Ngày\"&\" sinh\""]
    assert rows[1].formulas == {2}
    three = rows[3].values
    assert three[:3] == ["Nguyễn Văn  Đức", True, 42]  # runs joined, phonetic run left out
    assert three[3:5] == [None, datetime(1985, 3, 15)]  # cells without r= are counted
    assert three[5:7] == [datetime(1900, 2, 28), datetime(1900, 3, 1)]  # Lotus's 29/02/1900
    assert three[7:] == ["#N/A", 1500.0, "a&b <c>", ""]
    assert rows[4].values[0] == "=SUM(B4:C4)" and rows[4].formulas == {0, 3}
    assert rows[5].values == [None, None, None, "=A5+1"] and rows[5].formulas == {3}


def test_date1904_workbooks(tmp_path: Path) -> None:
    sheet = '<row r="1"><c r="A1" s="1"><v>29659</v></c></row>'
    path = package(tmp_path / "mac.xlsx", sheet, styles=DATE_STYLES,
                   workbook_pr='<workbookPr date1904="1"/>')
    same_as_openpyxl(path)
    assert fast_rows(path, "Cá nhân")[0].values == [datetime(1985, 3, 15)]


def test_a_dtd_anywhere_in_a_part_is_refused(tmp_path: Path) -> None:
    padding = "<!--" + " " * (100 * 1024) + "-->"  # past what safety.py scans
    strings = '<si><t>x</t></si>'
    path = package(tmp_path / "dtd.xlsx", '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
                   strings=strings)
    patched = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/sharedStrings.xml":
                data = (f'<?xml version="1.0"?>{padding}<!DOCTYPE sst [<!ENTITY a "aaaa">]>'
                        f'<sst xmlns="{NS}"><si><t>&a;</t></si></sst>').encode()
            out.writestr(info, data)
    with pytest.raises(ValidationError, match="khai báo thực thể XML"):
        fast_rows(patched, "Cá nhân")


def test_a_damaged_sheet_is_refused_in_vietnamese(tmp_path: Path) -> None:
    path = package(tmp_path / "broken.xlsx", '<row r="1"><c r="A1"><v>1</v></row>')
    with pytest.raises(ValidationError, match="tệp hỏng hoặc không đúng định dạng"):
        fast_rows(path, "Cá nhân")


@pytest.fixture
def commune(services: Services) -> int:
    root = services.units.children(None)[0].id
    return services.units.create(UnitInput("Xã Phong Thổ", "PTH", UnitKind.COMMUNE, root)).id


def _people_sheet(birth_cell: str, workbook_pr: str = "<workbookPr/>",
                  path: Path | None = None) -> Path:
    assert path is not None
    head = ''.join(f'<c t="inlineStr"><is><t>{h}</t></is></c>'
                   for h in ("Họ và tên", "Giới tính", "Ngày sinh", "Đơn vị"))
    row = ('<c t="inlineStr"><is><t>Nguyễn Văn Đức</t></is></c><c t="inlineStr"><is><t>Nam'
           f'</t></is></c>{birth_cell}<c t="inlineStr"><is><t>PTH</t></is></c>')
    return package(path, f"<row>{head}</row><row>{row}</row>", workbook_pr=workbook_pr)


def test_a_date_column_takes_serial_numbers_and_dates_typed_as_text(
        services: Services, commune: int, tmp_path: Path) -> None:
    # A serial without a date format (the cell lost it), in both date systems, then text.
    for cell, pr in (('<c><v>31121</v></c>', "<workbookPr/>"),
                     ('<c><v>29659</v></c>', '<workbookPr date1904="true"/>'),
                     ('<c t="inlineStr"><is><t>15/03/1985</t></is></c>', "<workbookPr/>")):
        path = _people_sheet(cell, pr, tmp_path / "d.xlsx")
        report = services.excel.dry_run("people", path)
        assert report.new == 1, cell
    services.excel.apply("people", _people_sheet('<c><v>31121</v></c>', path=tmp_path / "a.xlsx"))
    assert services.people.search("duc").rows[0].birth_date == date(1985, 3, 15)


def test_a_year_in_a_date_column_is_not_a_serial(services: Services, commune: int,
                                                 tmp_path: Path) -> None:
    path = _people_sheet('<c><v>1985</v></c>', path=tmp_path / "y.xlsx")
    with pytest.raises(ImportRefusedError) as caught:
        services.excel.dry_run("people", path)
    assert [str(p) for p in caught.value.report.problems] == [
        "Trang “Cá nhân”, dòng 2, cột “Ngày sinh” (ô C2): ô C2: 1985 là số, không phải ngày; "
        "ghi ngày dạng dd/mm/yyyy"]


@pytest.mark.parametrize("name", ["Nguyễn Văn Đức", "Lò Thị Hoa", "ĐINH  THỊ  ÁNH", "H'Mông A",
                                  "Nguyễn Văn\u200b An", "Trần\tVăn Bình"])
def test_search_key_shortcut_is_the_forms(name: str) -> None:
    """The people import writes fold(name) + " " + CCCD: what ``person_search_key`` gives."""
    assert f"{fold(name)} 001085000123" == person_search_key(normalize(name), "001085000123")
