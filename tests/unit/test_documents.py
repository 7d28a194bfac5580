"""Word documents: Vietnamese formats, every shipped template rendered with realistic data and
read back with python-docx, the checker's catches, user templates, batches and PDF."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from document_world import DocumentWorld, add_mixed_decision, build_document_world
from docx import Document
from docx.shared import Cm

from desktop.domain.enums import UnitKind
from desktop.domain.errors import Cancelled, ValidationError
from desktop.domain.progress import CancelToken
from desktop.paths import AppPaths
from desktop.services import Services
from desktop.services.documents import TEMPLATES, DocumentError, RenderOptions, Severity
from desktop.services.documents.checker import check_template
from desktop.services.documents.engine import render_template
from desktop.services.documents.pdf import OFFICE_ENV, find_office
from desktop.services.documents.registry import TemplateSpec, template_spec
from desktop.services.documents.service import SHIPPED_DIR
from desktop.services.documents.vnformat import (
    date_long,
    document_number,
    format_number,
    money_in_words,
    percent,
)
from desktop.services.units import UnitInput


@pytest.fixture
def commune(paths: AppPaths) -> Any:
    services = Services.open(paths.default_database, paths)
    services.setup.configure(UnitInput("UBND xã Bình Lư", "BL", UnitKind.COMMUNE),
                             parent_office_name="UBND tỉnh Lai Châu")
    world = build_document_world(services)
    # The Giấy khen decision has no Bằng khen line: bang_khen prints the mixed one's.
    world.mixed_decision_id = add_mixed_decision(services, world, sign_on=date(2026, 7, 6))
    yield services, world
    services.close()


def targets(world: DocumentWorld) -> dict[str, int]:
    return {"to_trinh": world.round_id, "quyet_dinh": world.decision_id,
            "bien_ban_hoi_dong": world.meeting_id,
            "bao_cao_thanh_tich_ca_nhan": world.person_nomination,
            "bao_cao_thanh_tich_tap_the": world.unit_nomination,
            "giay_khen": world.decision_id, "bang_khen": world.mixed_decision_id,
            "dang_ky_thi_dua": world.school_id, "bao_cao_tong_ket": world.movement_id,
            "ket_qua_khoi": world.bloc_id}


def text_of(path: Path) -> str:
    """All text of a .docx: body paragraphs, table cells (in order) and headers."""
    doc = Document(str(path))
    parts = []
    for block in doc.element.body.iter():
        if block.tag.endswith("}p"):
            parts.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
    return "\n".join(parts).replace("\u00a0", " ")


# -- formats ------------------------------------------------------------------------------------
def test_vietnamese_number_money_and_date_formats() -> None:
    assert format_number(7_590_000) == "7.590.000"
    assert format_number(Decimal("0.45")) == "0,45"
    assert format_number(Decimal("1.0")) == "1"
    assert money_in_words(7_590_000) == "Bảy triệu năm trăm chín mươi nghìn đồng"
    assert money_in_words(1_005_000) == "Một triệu không trăm lẻ năm nghìn đồng"
    assert money_in_words(1_010_000) == "Một triệu không trăm mười nghìn đồng"
    assert money_in_words(2_340_000_000) == "Hai tỷ ba trăm bốn mươi triệu đồng"
    assert date_long(date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert date_long(date(2026, 2, 28)) == "ngày 28 tháng 02 năm 2026"
    assert date_long(date(2026, 7, 5)) == "ngày 05 tháng 7 năm 2026"
    assert document_number(5, "QĐ-UBND") == "05/QĐ-UBND"
    assert document_number(123, "QĐ-UBND") == "123/QĐ-UBND"
    assert document_number(None, "TTr-UBND").strip() == "/TTr-UBND"
    assert percent(Decimal("88.9")) == "88,9%" and percent(Decimal("100.0")) == "100%"


# -- shipped templates --------------------------------------------------------------------------
@pytest.mark.parametrize("spec", TEMPLATES, ids=lambda s: s.key)
def test_every_shipped_template_passes_the_checker_and_is_decree_30_page(
        spec: TemplateSpec) -> None:
    path = SHIPPED_DIR / spec.filename
    report = check_template(path, spec)
    assert report.problems == (), report.summary()
    doc = Document(str(path))
    section = doc.sections[0]
    short, long = sorted((section.page_width, section.page_height))
    assert abs(short - Cm(21.0)) < Cm(0.05) and abs(long - Cm(29.7)) < Cm(0.05)
    if spec.key not in ("giay_khen", "bang_khen"):
        assert 30 <= round(section.left_margin.mm) <= 35
        assert 15 <= round(section.right_margin.mm) <= 20
        assert 20 <= round(section.top_margin.mm) <= 25
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_each_context_provides_exactly_the_declared_fields(commune: Any) -> None:
    services, world = commune
    for key, target in targets(world).items():
        spec = template_spec(key)
        assert spec is not None
        context = services.documents.context(key, target, RenderOptions(year=2026))
        assert set(context) == {f.name for f in spec.fields}, key
        for field in spec.fields:
            if field.is_list:
                for row in context[field.name]:
                    assert set(row) == {i.name for i in field.items}, (key, field.name)


def test_every_template_renders_with_realistic_data(commune: Any, tmp_path: Path) -> None:
    services, world = commune
    out = {}
    for key, target in targets(world).items():
        out[key] = services.documents.render(key, target, tmp_path / f"{key}.docx",
                                             RenderOptions(on=date(2026, 7, 10), year=2026))
        text = text_of(out[key])
        assert "{{" not in text and "{%" not in text, key
        if key not in ("giay_khen", "bang_khen"):
            assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
            assert "Độc lập - Tự do - Hạnh phúc" in text
    decision = text_of(out["quyet_dinh"])
    for expected in ("UBND TỈNH LAI CHÂU", "ỦY BAN NHÂN DÂN XÃ BÌNH LƯ",
                     "Số: 05/QĐ-UBND", "Lai Châu, ngày 05 tháng 7 năm 2026", "QUYẾT ĐỊNH",
                     "Về việc tặng Giấy khen năm 2026", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH LƯ",
                     "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                     "cho 01 tập thể, 02 cá nhân và 01 hộ gia đình",
                     "I. GIẤY KHEN (4)", "1. Tập thể (1)", "2. Cá nhân (2)",
                     "3. Hộ gia đình (1)",
                     "4.180.000", "Bốn triệu một trăm tám mươi nghìn đồng", "./.",
                     "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lường Văn Pấng", "- Như Điều 3;",
                     "(Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 7 năm 2026)"):
        assert expected in decision, expected
    rows = [[c.text for c in r.cells] for r in Document(str(out["quyet_dinh"])).tables[-1].rows]
    assert rows[0][:2] == ["STT", "Họ và tên / Tên tập thể"]
    assert ["1", "Trường Tiểu học Bình Lư", "", "0,6", "1.520.000", ""] in rows
    assert ["2", "Tòng Thị Hường", "Giáo viên, Trường Tiểu học Bình Lư", "0,3", "760.000",
            ""] in rows
    assert rows[-1][-2] == "4.180.000"
    assert sum(1 for r in rows if r[0].isdigit()) == 4

    minutes = text_of(out["bien_ban_hoi_dong"])
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in minutes and "ngày 02 tháng 7 năm 2026" in minutes
    table = [[c.text for c in r.cells] for r in Document(str(out["bien_ban_hoi_dong"]))
             .tables[-2].rows]
    assert ["5", "Vàng Thị Mai", "Giấy khen", "4/9", "44,4%", "Không đạt"] in table
    assert sum(1 for r in table if r[-1] == "Đạt") == 4
    assert "Có 4 trường hợp đạt và 1 trường hợp không đạt" in minutes

    submission = text_of(out["to_trinh"])
    assert "TỜ TRÌNH" in submission and "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh." in submission
    assert "Ngày 02/07/2026, Hội đồng Thi đua - Khen thưởng đã họp xét với 8/9" in submission
    assert "- Giấy khen: 4;" in submission and "- Như trên;" in submission

    person = text_of(out["bao_cao_thanh_tich_ca_nhan"])
    for expected in ("I. SƠ LƯỢC LÝ LỊCH", "II. THÀNH TÍCH ĐẠT ĐƯỢC",
                     "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "Họ và tên: Tòng Thị Hường",
                     "Ngày, tháng, năm sinh: 07/03/1985", "từ năm 2025 đến năm 2026",
                     "Dạy tiếng Việt cho học sinh dân tộc Thái", "15/QĐ-UBND ngày 20/12/2024"):
        assert expected in person, expected
    unit = text_of(out["bao_cao_thanh_tich_tap_the"])
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in unit and "Trường Tiểu học Bình Lư" in unit

    certificates = Document(str(out["giay_khen"]))
    breaks = sum(1 for br in certificates.element.body.iter()
                 if br.tag.endswith("}br") and br.get(
                     "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}type")
                 == "page")
    assert breaks == 3  # four recipients, one page each
    assert "GIẤY KHEN" in text_of(out["giay_khen"])
    assert "BẰNG KHEN" in text_of(out["bang_khen"])

    registration = text_of(out["dang_ky_thi_dua"])
    assert "BẢN ĐĂNG KÝ THI ĐUA" in registration and "Vàng Thị Mai" in registration
    report = [[c.text for c in r.cells] for r in Document(str(out["bao_cao_tong_ket"]))
              .tables[-2].rows]
    # A regular movement's report covers its year: both signed decisions of 2026 (the
    # round tied to it and the mixed one), highest level first (hand-checked: LĐTT of Hường
    # is paid 0 beside her CSTĐ cơ sở; 0,3 × 2.530.000 rounds up to 760.000).
    assert report[1:] == [
        ["1", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Tỉnh, bộ, ngành", "0", "1", "0",
         "1", "3.800.000"],
        ["2", "Chiến sĩ thi đua cơ sở", "Cơ sở", "0", "1", "0", "1", "2.530.000"],
        ["3", "Giấy khen", "Cơ sở", "2", "4", "1", "7", "7.220.000"],
        ["4", "Lao động tiên tiến", "Cơ sở", "0", "2", "0", "2", "760.000"],
        ["", "Tổng cộng", "", "2", "8", "1", "11", "14.310.000"]]

    bloc = text_of(out["ket_qua_khoi"])
    assert "KHỐI THI ĐUA CÁC CƠ QUAN TỔNG HỢP NĂM 2026" in bloc and "TM. KHỐI THI ĐUA" in bloc
    assert "Kết quả đã chốt" in bloc
    ranking = [[c.text for c in r.cells] for r in Document(str(out["ket_qua_khoi"]))
               .tables[-2].rows][1:]
    assert [(r[0], r[1], r[5]) for r in ranking] == [
        ("1", "Sở Tài chính", "100"), ("2", "Sở Nội vụ", "99"), ("3", "Sở Y tế", "99"),
        ("4", "Sở Tư pháp", "70")]
    assert "Tặng Cờ thi đua của Ủy ban nhân dân tỉnh: Sở Tài chính;" in bloc


@pytest.mark.skipif(find_office() is None, reason="LibreOffice is not installed here "
                    "(scripts/system-deps.sh installs it as root; or set TDKT_SOFFICE)")
def test_documents_convert_to_pdf_with_libreoffice(commune: Any, tmp_path: Path) -> None:
    services, world = commune
    files = [services.documents.render(key, target, tmp_path / f"{key}.docx",
                                       RenderOptions(year=2026))
             for key, target in targets(world).items()]
    pdfs = services.documents.to_pdf(files, tmp_path / "pdf")
    assert [p.name for p in pdfs] == [f.stem + ".pdf" for f in files]
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


def test_pdf_without_libreoffice_is_a_clear_message(commune: Any, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    services, world = commune
    monkeypatch.setenv(OFFICE_ENV, str(tmp_path / "khong-co" / "soffice"))
    assert not services.documents.pdf_available()
    doc = services.documents.render("quyet_dinh", world.decision_id, tmp_path / "qd.docx")
    with pytest.raises(DocumentError, match="chưa cài LibreOffice"):
        services.documents.to_pdf([doc])
    with pytest.raises(DocumentError, match="chưa cài LibreOffice"):
        services.documents.render_batch("bao_cao_thanh_tich_ca_nhan", [world.person_nomination],
                                        tmp_path / "batch", pdf=True)
    assert not (tmp_path / "batch").exists()


# -- rendering safety ---------------------------------------------------------------------------
def _docx(tmp_path: Path, *paragraphs: list[str] | str, name: str = "mau.docx") -> Path:
    """A template whose paragraphs are given as runs (a list splits the text into runs)."""
    doc = Document()
    for runs in paragraphs:
        p = doc.add_paragraph()
        for run in [runs] if isinstance(runs, str) else runs:
            p.add_run(run)
    path = tmp_path / name
    doc.save(str(path))
    return path


def test_missing_field_is_an_error_naming_it(tmp_path: Path) -> None:
    template = _docx(tmp_path, "Kính gửi {{ ho_ten }} và {{ chuc_vu }}")
    with pytest.raises(DocumentError, match="“chuc_vu”"):
        render_template(template, {"ho_ten": "A"})


def test_template_cannot_run_code(tmp_path: Path) -> None:
    template = _docx(tmp_path, "{{ ho_ten.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(DocumentError):
        render_template(template, {"ho_ten": "A"})


def test_names_with_xml_characters_are_escaped(tmp_path: Path) -> None:
    template = _docx(tmp_path, "{{ ten }}")
    document = render_template(template, {"ten": "Công ty A & B <Lai Châu>"})
    document.save(str(tmp_path / "out.docx"))
    assert "Công ty A & B <Lai Châu>" in text_of(tmp_path / "out.docx")


def test_a_failed_render_leaves_the_old_file_and_no_temporary_file(
        commune: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    services, world = commune
    out = tmp_path / "out"
    out.mkdir()
    target = out / "qd.docx"
    target.write_bytes(b"old")
    broken = _docx(tmp_path, "{{ khong_co }}", name="broken.docx")
    with monkeypatch.context() as patch:
        patch.setattr(services.documents, "_usable", lambda key: broken)
        with pytest.raises(DocumentError, match="khong_co"):
            services.documents.render("quyet_dinh", world.decision_id, target)

    def half_written(self: Any, filename: Any, *args: Any, **kwargs: Any) -> None:
        Path(filename).write_bytes(b"PK half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("docxtpl.DocxTemplate.save", half_written)
    with pytest.raises(OSError, match="No space"):
        services.documents.render("quyet_dinh", world.decision_id, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in out.iterdir()] == ["qd.docx"]


# -- checker ------------------------------------------------------------------------------------
def _problems(path: Path, key: str = "bao_cao_thanh_tich_ca_nhan") -> list[tuple[Severity, str]]:
    spec = template_spec(key)
    assert spec is not None
    return [(p.severity, p.message) for p in check_template(path, spec).problems]


def test_checker_reports_unknown_fields_with_a_suggestion(tmp_path: Path) -> None:
    problems = _problems(_docx(tmp_path, "Họ tên: {{ ho_tn }}",
                               "{%p for r in danh_hieu %}", "{{ r.nam }} {{ r.tne }}",
                               "{%p endfor %}"))
    messages = [m for _, m in problems]
    assert any("“ho_tn” không có" in m and "Có phải “ho_ten”?" in m for m in messages)
    assert any("“r.tne” không có" in m and "Có phải “ten”?" in m for m in messages)
    assert all(s is Severity.ERROR for s, _ in problems)


def test_checker_reports_a_tag_split_across_runs(tmp_path: Path) -> None:
    problems = _problems(_docx(tmp_path, ["Họ tên: {{ ho_", "ten }}"]))
    assert problems and problems[0][0] is Severity.WARNING
    assert "bị Word tách thành nhiều đoạn định dạng" in problems[0][1]


def test_checker_reports_curly_quotes_inside_tags(tmp_path: Path) -> None:
    problems = _problems(_docx(tmp_path, "{% if gioi_tinh == “Nữ” %}Bà{% endif %}"))
    assert problems[0][0] is Severity.ERROR and "dấu nháy cong" in problems[0][1]


def test_checker_reports_unbalanced_blocks(tmp_path: Path) -> None:
    missing_end = _problems(_docx(tmp_path, "{%p for r in danh_hieu %}", "{{ r.nam }}"))
    assert any("chưa có thẻ đóng {% endfor %}" in m for _, m in missing_end)
    stray = _problems(_docx(tmp_path, "{{ ho_ten }}", "{% endif %}", name="b.docx"))
    assert any("không có thẻ mở {% if %}" in m for _, m in stray)
    crossed = _problems(_docx(tmp_path, "{% if ho_ten %}{% for r in danh_hieu %}",
                              "{% endif %}{% endfor %}", name="c.docx"))
    assert any("đóng khối {% if %} nhưng khối đang mở là {% for %}" in m for _, m in crossed)
    unclosed = _problems(_docx(tmp_path, "Họ tên: {{ ho_ten", name="d.docx"))
    assert any("chưa được đóng" in m for _, m in unclosed)


def test_checker_reports_unknown_filters_and_non_word_files(tmp_path: Path) -> None:
    problems = _problems(_docx(tmp_path, "{{ ho_ten | viet_hoa }}"))
    assert any("bộ lọc" in m for _, m in problems)
    fake = tmp_path / "mau.docx"
    fake.write_text("không phải Word")
    assert "không mở được như một văn bản Word" in _problems(fake)[0][1]


# -- user templates -----------------------------------------------------------------------------
def test_edit_copy_takes_precedence_and_restore_brings_back_the_original(
        commune: Any, tmp_path: Path) -> None:
    services, world = commune
    docs = services.documents
    copy = docs.edit_copy("quyet_dinh")
    assert copy.parent == services.paths.templates and docs.info("quyet_dinh").customised
    edited = Document(str(copy))
    edited.add_paragraph("Bản mẫu riêng của xã Bình Lư")
    edited.save(str(copy))
    assert docs.edit_copy("quyet_dinh") == copy  # opening again keeps the officer's edits
    out = docs.render("quyet_dinh", world.decision_id, tmp_path / "a.docx")
    assert "Bản mẫu riêng của xã Bình Lư" in text_of(out)
    kept = docs.restore("quyet_dinh")
    assert kept is not None and kept.exists() and kept.parent.name == "cu"
    assert not docs.info("quyet_dinh").customised
    out = docs.render("quyet_dinh", world.decision_id, tmp_path / "b.docx")
    assert "Bản mẫu riêng" not in text_of(out)


def test_a_broken_user_template_is_refused_and_changes_nothing(commune: Any,
                                                               tmp_path: Path) -> None:
    services, world = commune
    broken = _docx(tmp_path, "{{ so_quyet_dinh_sai }}")
    report = services.documents.install_copy("quyet_dinh", broken)
    assert not report.ok and "so_quyet_dinh_sai" in report.summary()
    assert not services.documents.info("quyet_dinh").customised
    # A copy broken later in Word is refused at render time with the checker's words.
    copy = services.documents.edit_copy("quyet_dinh")
    copy.write_bytes(broken.read_bytes())
    with pytest.raises(DocumentError, match="Không dùng được mẫu đã sửa"):
        services.documents.render("quyet_dinh", world.decision_id, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


# -- batches ------------------------------------------------------------------------------------
def test_batch_writes_one_report_per_nomination_and_can_be_cancelled(
        commune: Any, tmp_path: Path) -> None:
    services, world = commune
    people = [world.person_nomination, world.person_nomination + 1]
    seen: list[tuple[int, int]] = []
    result = services.documents.render_batch(
        "bao_cao_thanh_tich_ca_nhan", people, tmp_path / "bctt",
        progress=lambda done, total, _label: seen.append((done, total)))
    assert [f.name for f in result.files] == ["0001 Tòng Thị Hường.docx",
                                              "0002 Lò Văn Đức.docx"]
    assert seen == [(1, 2), (2, 2)]
    assert services.documents.default_filename("quyet_dinh", world.decision_id) == \
        "Quyết định khen thưởng - 05 QĐ-UBND.docx"
    token = CancelToken()

    def cancel_after_first(done: int, _total: int, _label: str) -> None:
        token.cancel()

    with pytest.raises(Cancelled):
        services.documents.render_batch("bao_cao_thanh_tich_ca_nhan", people,
                                        tmp_path / "stopped", progress=cancel_after_first,
                                        cancel=token)
    assert [f.name for f in (tmp_path / "stopped").iterdir()] == ["0001 Tòng Thị Hường.docx"]
    with pytest.raises(ValidationError, match="mẫu này dành cho cá nhân"):
        services.documents.render_batch("bao_cao_thanh_tich_ca_nhan", [world.unit_nomination],
                                        tmp_path / "wrong")
