"""Issue 13 (items 1–3, 9): certificates only for their own award, drafts without number or
signer, the decision's list grouped by award with Điều 1's counts, the stacking note, and the
grounds and money of the signing date — every .docx read back with python-docx."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from document_world import add_mixed_decision, build_document_world
from docx import Document

from desktop.domain.enums import UnitKind
from desktop.domain.errors import ValidationError
from desktop.paths import AppPaths
from desktop.services import Services
from desktop.services.documents import RenderOptions
from desktop.services.units import UnitInput

PAGE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}type"


@pytest.fixture
def world(paths: AppPaths) -> Any:
    services = Services.open(paths.default_database, paths)
    services.setup.configure(UnitInput("UBND xã Bình Lư", "BL", UnitKind.COMMUNE),
                             parent_office_name="UBND tỉnh Lai Châu")
    yield services, build_document_world(services)
    services.close()


def paragraphs(path: Path) -> list[str]:
    doc = Document(str(path))
    return ["".join(t.text or "" for t in p.iter() if t.tag.endswith("}t")).replace("\u00a0", " ")
            for p in doc.element.body.iter() if p.tag.endswith("}p")]


def pages(path: Path) -> int:
    doc = Document(str(path))
    return 1 + sum(1 for br in doc.element.body.iter()
                   if br.tag.endswith("}br") and br.get(PAGE) == "page")


def list_rows(path: Path) -> list[list[str]]:
    """The annex table, a merged heading row as one cell."""
    rows = []
    for row in Document(str(path)).tables[-1].rows:
        cells = list(dict.fromkeys((id(c._tc), c.text) for c in row.cells))
        rows.append([text for _, text in cells])
    return rows


def test_certificates_print_only_their_own_award(world: Any, tmp_path: Path) -> None:
    services, w = world
    mixed = add_mixed_decision(services, w, sign_on=date(2025, 7, 15))
    giay = services.documents.render("giay_khen", mixed, tmp_path / "gk.docx")
    bang = services.documents.render("bang_khen", mixed, tmp_path / "bk.docx")
    # 8 lines: 3 Giấy khen (school, Hường, Mai), 1 Bằng khen (Đức), 4 titles.
    assert pages(giay) == 3 and pages(bang) == 1
    gk, bk = paragraphs(giay), paragraphs(bang)
    for name in ("Trường Tiểu học Bình Lư", "Tòng Thị Hường", "Vàng Thị Mai"):
        assert gk.count(name) == 1 and name not in bk  # the name line of its own sheet
    assert bk.count("Lò Văn Đức") == 1 and "Lò Văn Đức" not in gk
    assert services.documents.certificate_recipients("giay_khen", mixed) == [
        "Trường Tiểu học Bình Lư", "Tòng Thị Hường", "Vàng Thị Mai"]
    assert services.documents.certificate_recipients("bang_khen", mixed) == ["Lò Văn Đức"]


def test_certificates_refuse_a_draft_and_a_decision_without_that_award(
        world: Any, tmp_path: Path) -> None:
    services, w = world
    draft = add_mixed_decision(services, w, sign_on=None)
    out = tmp_path / "out"
    with pytest.raises(ValidationError, match="còn là dự thảo"):
        services.documents.render("giay_khen", draft, out / "gk.docx")
    with pytest.raises(ValidationError, match="không tặng Bằng khen cho ai"):
        services.documents.render("bang_khen", w.decision_id, out / "bk.docx")
    assert not out.exists()


def test_a_draft_has_no_number_no_signer_and_says_du_thao(world: Any, tmp_path: Path) -> None:
    services, w = world
    draft = add_mixed_decision(services, w, sign_on=None)
    out = services.documents.render(
        "quyet_dinh", draft, tmp_path / "qd.docx",
        RenderOptions(on=date(2026, 7, 8), sequence=7, signer_name="Lường Văn Pấng"))
    text = paragraphs(out)
    assert "Lường Văn Pấng" not in "\n".join(text)
    assert not any(re.search(r"\d+/QĐ-UBND", line) for line in text), text
    assert "Số:      /QĐ-UBND" in text
    annex = text.index("DANH SÁCH")
    assert "(Dự thảo)" in text[annex:annex + 5] and "(Dự thảo)" in text[:annex]
    signed = services.documents.render("quyet_dinh", w.decision_id, tmp_path / "signed.docx")
    assert "(Dự thảo)" not in paragraphs(signed) and "Lường Văn Pấng" in paragraphs(signed)


def test_the_list_is_grouped_by_award_with_the_counts_of_article_1(
        world: Any, tmp_path: Path) -> None:
    services, w = world
    mixed = add_mixed_decision(services, w, sign_on=date(2025, 7, 15))
    out = services.documents.render("quyet_dinh", mixed, tmp_path / "qd.docx")
    text = paragraphs(out)
    article = next(line for line in text if line.startswith("Điều 1."))
    assert article.startswith(
        "Điều 1. Tặng danh hiệu “Chiến sĩ thi đua cơ sở” cho 01 cá nhân; tặng danh hiệu “Lao "
        "động tiên tiến” cho 02 cá nhân; tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho "
        "01 cá nhân; tặng Giấy khen cho 01 tập thể và 02 cá nhân (có danh sách kèm theo)")
    rows = list_rows(out)
    headings = [r[1] for r in rows if len(r) == 2 and re.match(r"[IVX]+\. ", r[1])]
    assert headings == ["I. DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ” (1)",
                        "II. DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” (2)",
                        "III. BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH (1)",
                        "IV. GIẤY KHEN (3)"]
    # Count the lines under each heading and compare with Điều 1.
    under: dict[str, int] = {}
    current = ""
    for r in rows[1:]:
        if len(r) == 2 and re.match(r"[IVX]+\. ", r[1]):
            current = r[1]
        elif r[0].isdigit():
            under[current] = under.get(current, 0) + 1
    assert list(under.values()) == [1, 2, 1, 3]
    said = [int(n) for n in re.findall(r"(\d\d) (?:tập thể|cá nhân)", article)]
    assert said == [1, 2, 1, 1, 2] and sum(said) == sum(under.values()) == 7
    # Hường twice (two titles), each under its own award; the LĐTT paid 0 says why.
    huong = [(heading, r) for heading in under for r in rows if r[:2] and r[1] ==
             "Tòng Thị Hường"]
    assert len({tuple(r) for _, r in huong}) == 3  # CSTĐCS, LĐTT (0), Giấy khen
    zero = next(r for r in rows if r[1] == "Tòng Thị Hường" and r[4] == "0")
    assert zero[5] == ("Không chi tiền: cùng thời kỳ đã chi theo "
                       "danh hiệu “Chiến sĩ thi đua cơ sở” (NĐ 152/2025 Điều 49)")
    assert all(r[5] == "" for r in rows[1:] if r[0].isdigit() and r[4] != "0")


def test_grounds_follow_the_signing_date(world: Any, tmp_path: Path) -> None:
    services, w = world
    before = add_mixed_decision(services, w, sign_on=date(2025, 1, 10))
    after = add_mixed_decision(services, w, sign_on=date(2025, 7, 15))
    old = "\n".join(paragraphs(services.documents.render("quyet_dinh", before,
                                                         tmp_path / "a.docx")))
    new = "\n".join(paragraphs(services.documents.render("quyet_dinh", after,
                                                         tmp_path / "b.docx")))
    assert "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023" in old
    assert "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015" in old
    assert "ngày 22 tháng 11 năm 2019" in old
    assert "152/2025" not in old and "ngày 16 tháng 6 năm 2025" not in old
    assert "(NĐ 98/2023)" in old  # the stacking note cites the decree of that date too
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025" in new
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in new
    assert "98/2023" not in new and "2015" not in new
    # The province's own line stays in both.
    assert "Quy định công tác thi đua, khen thưởng của Ủy ban nhân dân tỉnh" in old


def test_a_draft_uses_one_date_for_grounds_base_salary_and_total(
        world: Any, tmp_path: Path) -> None:
    """Rendered for 10/01/2024 (base 1.800.000, NĐ 98/2023), the total is computed with the
    base shown, not today's."""
    services, w = world
    draft = add_mixed_decision(services, w, sign_on=None,
                               awards={"mai": ["GIAY_KHEN"], "school": ["GIAY_KHEN"]})
    text = "\n".join(paragraphs(services.documents.render(
        "quyet_dinh", draft, tmp_path / "qd.docx", RenderOptions(on=date(2024, 1, 10)))))
    # 0,3 × 1.800.000 = 540.000; 0,6 × 1.800.000 = 1.080.000.
    assert "mức lương cơ sở 1.800.000 đồng" in text
    assert "tổng số tiền 1.620.000 đồng" in text
    assert "Nghị định số 98/2023/NĐ-CP" in text and "152/2025" not in text


def test_one_decision_per_award(world: Any) -> None:
    services, w = world
    draft = services.decisions.get(add_mixed_decision(services, w, sign_on=None))
    ids = [line.nomination_id for line in draft.lines]
    services.decisions.remove_lines(draft.id, ids)
    from desktop.services.decisions import DecisionInput

    made = services.decisions.create_per_award(
        DecisionInput(draft.round_id, "Chủ tịch UBND xã Bình Lư"), ids)
    assert sorted(tuple({line.award_name for line in d.lines}) for d in made) == [
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",), ("Chiến sĩ thi đua cơ sở",),
        ("Giấy khen",), ("Lao động tiên tiến",)]
    assert sorted(len(d.lines) for d in made) == [1, 1, 2, 3]
    assert sum(len(d.lines) for d in made) == len(ids)
    # A refusal (a line already in a decision) creates nothing.
    before = len(services.decisions.list(draft.round_id))
    with pytest.raises(ValidationError):
        services.decisions.create_per_award(
            DecisionInput(draft.round_id, "Chủ tịch UBND xã Bình Lư"), ids)
    assert len(services.decisions.list(draft.round_id)) == before
