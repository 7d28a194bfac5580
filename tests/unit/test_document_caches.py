"""What makes a document cost little more than docxtpl itself (issue 13's bench): a template
is checked once per content and compiled once per source — and neither memory lets a changed
or hostile template through."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from desktop.services.documents import DocumentError
from desktop.services.documents.checker import checked
from desktop.services.documents.engine import jinja_environment, render_to_file
from desktop.services.documents.registry import template_spec

SPEC = template_spec("bao_cao_thanh_tich_ca_nhan")


def template(path: Path, text: str) -> Path:
    doc = Document()
    doc.add_paragraph(text)
    doc.save(str(path))
    return path


def test_a_template_is_checked_again_when_its_content_changes(tmp_path: Path) -> None:
    assert SPEC is not None
    path = template(tmp_path / "mau.docx", "Họ và tên: {{ ho_ten }}")
    first = checked(path, SPEC)
    assert first.ok and checked(path, SPEC) is first  # same bytes: not parsed again
    # Same file, same length, one field misspelt (the edit an officer makes in Word).
    template(path, "Họ và tên: {{ ho_tem }}")
    second = checked(path, SPEC)
    assert not second.ok and any("ho_tem" in p.message for p in second.problems)


def test_a_compiled_template_serves_again_and_limits_still_hold(tmp_path: Path) -> None:
    env = jinja_environment()
    source = "{% for p in ds %}{{ p }};{% endfor %}"
    first = env.from_string(source)
    assert env.from_string(source) is first
    assert first.render(ds=["Hường", "A & B"]) == "Hường;A &amp; B;"
    assert env.from_string(source + " ") is not first

    hostile = template(tmp_path / "vong_lap.docx",
                       "{% for i in range(9999) %}{% for j in range(9999) %}x{% endfor %}"
                       "{% endfor %}")
    for attempt in range(2):  # the second render uses the compiled template, still stopped
        with pytest.raises(DocumentError, match="vòng lặp quá dài"):
            render_to_file(hostile, {}, tmp_path / f"out{attempt}.docx")
        assert not (tmp_path / f"out{attempt}.docx").exists()


def _body_xml(path: Path) -> bytes:
    import zipfile
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml")


def test_the_app_renders_the_same_word_xml_as_docxtpl(tmp_path: Path) -> None:
    """Leaving out docxtpl's table fix for a template without column loops changes nothing in
    the document: the shipped decision with a grouped list comes out byte for byte as plain
    docxtpl writes it."""
    from docxtpl import DocxTemplate

    from desktop.services.documents.service import SHIPPED_DIR
    rows = [{"stt": str(i), "ten": f"Người {i} & con", "chi_tiet": "Giáo viên",
             "he_so": "0,3", "so_tien": "760.000", "ghi_chu": "", "thanh_tich": ""}
            for i in range(1, 40)]
    context = {"co_quan_cap_tren": "UBND TỈNH LAI CHÂU", "co_quan": "ỦY BAN NHÂN DÂN XÃ BÌNH LƯ",
               "so_ky_hieu": "05/QĐ-UBND", "dia_danh_ngay": "Lai Châu, ngày 05 tháng 7 năm 2026",
               "du_thao": "", "trich_yeu": "Về việc tặng Giấy khen năm 2026",
               "tham_quyen": "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH LƯ", "can_cu": [{"dong": "Căn cứ;"}],
               "theo_de_nghi": "Theo đề nghị.", "tang": "Tặng Giấy khen cho 39 cá nhân",
               "thanh_tich": "đã có thành tích", "hinh_thuc": "Giấy khen",
               "muc_luong_co_so": "2.530.000", "tong_tien": "29.640.000",
               "tong_tien_chu": "Hai mươi chín triệu", "chi_tu_quy": "Quỹ",
               "quyen_han_ky": "", "chuc_vu_ky": "CHỦ TỊCH", "nguoi_ky": "Lường Văn Pấng",
               "noi_nhan": [{"dong": "Như Điều 3;"}], "ngay_ky": "ngày 05 tháng 7 năm 2026",
               "khen": [{"tieu_de": "I. GIẤY KHEN", "so_luong": "39",
                         "nhom": [{"tieu_de": "1. Cá nhân", "so_luong": "39", "dong": rows}]}]}
    ours = render_to_file(SHIPPED_DIR / "quyet_dinh.docx", context, tmp_path / "app.docx")
    plain = DocxTemplate(SHIPPED_DIR / "quyet_dinh.docx")
    plain.render(context, autoescape=True)
    plain.save(tmp_path / "plain.docx")
    assert _body_xml(ours) == _body_xml(tmp_path / "plain.docx")


def test_a_column_loop_still_gets_its_table_grid_widened(tmp_path: Path) -> None:
    doc = Document()
    table = doc.add_table(rows=1, cols=3)  # docxtpl's pattern: tag cell, value, tag cell
    for cell, text in zip(table.rows[0].cells, ("{%tc for c in cot %}", "{{ c }}",
                                                "{%tc endfor %}"), strict=True):
        cell.text = text
    doc.save(str(tmp_path / "cot.docx"))
    cot = ["Năm", "Danh hiệu", "Số quyết định", "Cơ quan", "Ghi chú"]
    out = render_to_file(tmp_path / "cot.docx", {"cot": cot}, tmp_path / "out.docx")
    rendered = Document(str(out)).tables[0]
    assert [c.text for c in rendered.rows[0].cells] == cot
    grid = rendered._tbl.tblGrid
    assert len(grid.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
                            "gridCol")) == len(cot)
