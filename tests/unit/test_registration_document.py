"""The registration document (Bản đăng ký thi đua) is filled from the registrations entered in
the unit-year grid: the unit's own title and each person's, names read back from the .docx."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from desktop.api.unit_year import CellChange, GridColumn, person_key, unit_key
from desktop.domain.enums import Gender, UnitKind
from desktop.domain.errors import ValidationError
from desktop.paths import AppPaths
from desktop.services import Services
from desktop.services.documents import RenderOptions
from desktop.services.people import PersonInput
from desktop.services.units import UnitInput

YEAR = 2026


def _cells(path: Path) -> list[list[str]]:
    rows = []
    for table in Document(str(path)).tables:
        for row in table.rows:
            rows.append([cell.text.strip() for cell in row.cells])
    return rows


def _text(path: Path) -> str:
    doc = Document(str(path))
    return "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for r in t.rows for c in r.cells])


@pytest.fixture
def commune(paths: AppPaths):  # type: ignore[no-untyped-def]
    services = Services.open(paths.default_database, paths)
    services.setup.configure(UnitInput("UBND xã Bình Lư", "BL", UnitKind.COMMUNE),
                             parent_office_name="UBND tỉnh Lai Châu")
    yield services
    services.close()


def test_registration_document_lists_what_the_grid_recorded(commune: Services,
                                                            tmp_path: Path) -> None:
    services = commune
    root = services.units.children(None)[0].id
    school = services.units.create(UnitInput("Trường Mầm non Hoa Ban", "MNHB",
                                             UnitKind.SCHOOL, root)).id
    ids = {name: services.people.create(PersonInput(name, Gender.FEMALE, school,
                                                    position="Giáo viên")).id
           for name in ("Tòng Thị Xuân", "Lò Thị Ánh", "Vàng A Chứ")}
    left = services.people.create(PersonInput("Hà Thị Đi", Gender.FEMALE, school)).id
    services.unit_year.apply(school, YEAR, [
        CellChange(unit_key(school), GridColumn.REGISTRATION, "TTLDXS"),
        CellChange(person_key(ids["Tòng Thị Xuân"]), GridColumn.REGISTRATION, "CSTDCS"),
        CellChange(person_key(ids["Lò Thị Ánh"]), GridColumn.REGISTRATION, "LDTT"),
        CellChange(person_key(left), GridColumn.REGISTRATION, "LDTT"),
    ])
    services.people.delete(left)  # left the unit's list: no longer on its registration

    out = services.documents.render("dang_ky_thi_dua", school, tmp_path / "dk.docx",
                                    RenderOptions(year=YEAR))
    text = _text(out)
    assert "Tòng Thị Xuân" in text and "Lò Thị Ánh" in text
    assert "Vàng A Chứ" not in text  # registered nothing
    assert "Hà Thị Đi" not in text
    rows = _cells(out)
    assert any("Trường Mầm non Hoa Ban" in row and "Tập thể lao động xuất sắc" in row
               for row in rows), rows
    people = [row for row in rows if "Chiến sĩ thi đua cơ sở" in row or
              "Lao động tiên tiến" in row]
    # Vietnamese order by given name: Ánh before Xuân
    assert [next(c for c in row if c.startswith(("Lò", "Tòng"))) for row in people] == [
        "Lò Thị Ánh", "Tòng Thị Xuân"]

    # Cleared in the grid: the next document no longer has it.
    services.unit_year.apply(school, YEAR, [
        CellChange(person_key(ids["Lò Thị Ánh"]), GridColumn.REGISTRATION, "")])
    again = services.documents.render("dang_ky_thi_dua", school, tmp_path / "dk2.docx",
                                      RenderOptions(year=YEAR))
    assert "Lò Thị Ánh" not in _text(again) and "Tòng Thị Xuân" in _text(again)


def test_registration_document_without_registrations_says_so(commune: Services,
                                                             tmp_path: Path) -> None:
    root = commune.units.children(None)[0].id
    with pytest.raises(ValidationError, match="chưa có đăng ký thi đua nào năm 2026"):
        commune.documents.render("dang_ky_thi_dua", root, tmp_path / "none.docx",
                                 RenderOptions(year=YEAR))
    assert not (tmp_path / "none.docx").exists()
