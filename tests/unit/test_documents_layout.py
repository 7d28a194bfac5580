"""Issue 13, items 4–6: the movement summary's real figures and title, layout a clerk can sign
(rows never split, no blank last page, header lines broken between words), a tờ trình addressed
to the level above and never to its own signer, and a báo cáo thành tích that does not list the
award it proposes as already received."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from document_world import add_mixed_decision, build_document_world
from docx import Document
from test_documents import text_of

from desktop.domain.enums import (
    AchievementKind,
    Gender,
    MovementKind,
    NominationStatus,
    RoundKind,
    SignerCapacity,
    UnitKind,
    UnitLevel,
)
from desktop.paths import AppPaths
from desktop.services import Services
from desktop.services.council import MeetingInput
from desktop.services.decisions import DecisionInput
from desktop.services.documents import RenderOptions
from desktop.services.documents.contexts import (
    header_name,
    movement_title,
    submission_route,
    without_parent_place,
)
from desktop.services.documents.pdf import find_office
from desktop.services.documents.service import SHIPPED_DIR
from desktop.services.movements import MovementInput
from desktop.services.nominations import NominationInput
from desktop.services.people import PersonInput
from desktop.services.records import AwardRecordInput, Subject
from desktop.services.rounds import RoundInput
from desktop.services.units import UnitInput

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ON = date(2026, 7, 20)


@pytest.fixture
def commune(paths: AppPaths) -> Iterator[tuple[Services, Any]]:
    services = Services.open(paths.default_database, paths)
    services.setup.configure(UnitInput("UBND xã Bình Lư", "BL", UnitKind.COMMUNE),
                             parent_office_name="UBND tỉnh Lai Châu")
    world = build_document_world(services)
    yield services, world
    services.close()


# -- movement summary ---------------------------------------------------------------------------
def test_movement_title_says_phong_trao_thi_dua_once_and_quotes_once() -> None:
    assert movement_title("Phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế "
                          "- xã hội năm 2021") == (
        "phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2021")
    assert movement_title("Thi đua dạy tốt, học tốt") == "phong trào thi đua “Dạy tốt, học tốt”"
    assert movement_title("Phong trào thi đua “Dân vận khéo”") == (
        "phong trào thi đua “Dân vận khéo”")
    assert movement_title("“Cả nước chung tay vì người nghèo”") == (
        "phong trào thi đua “Cả nước chung tay vì người nghèo”")


def test_regular_movement_report_counts_its_whole_year(commune: tuple[Services, Any],
                                                        tmp_path: Path) -> None:
    """Facts are added here with known counts; the expected figures are summed by hand from
    them (not read back through the code under test)."""
    services, world = commune
    add_mixed_decision(services, world, sign_on=date(2026, 7, 6))
    root = services.units.children(None)[0].id
    # History typed in by hand for 2026 (one without money) and one for 2025 (not counted).
    services.awards.create(AwardRecordInput(
        Subject(person_id=world.people["mai"]), "BK_TINH", 2026, AchievementKind.MERIT,
        "120/QĐ-UBND", date(2026, 3, 1), issuer="Chủ tịch UBND tỉnh Lai Châu",
        amount=3_800_000))
    services.awards.create(AwardRecordInput(
        Subject(unit_id=root), "GIAY_KHEN", 2026, AchievementKind.MERIT, "7/QĐ-UBND",
        date(2026, 2, 1), issuer="Chủ tịch UBND xã Bình Lư"))
    services.awards.create(AwardRecordInput(
        Subject(person_id=world.people["duc"]), "GIAY_KHEN", 2025, AchievementKind.MERIT,
        "3/QĐ-UBND", date(2025, 2, 1), issuer="Chủ tịch UBND xã Bình Lư", amount=760_000))
    # A registration of 2026 not tied to any movement belongs to the year's movement.
    extra = services.people.create(PersonInput("Lò Thị Sen", Gender.FEMALE, world.school_id,
                                               birth_date=date(1990, 1, 2))).id
    services.registrations.register(Subject(person_id=extra), 2026, "LDTT", date(2026, 1, 20))

    context = services.documents.context("bao_cao_tong_ket", world.movement_id,
                                         RenderOptions(on=ON))
    # Rounds: the movement's own and the mixed one of 2026 (no movement).
    assert context["so_dot"] == "2"
    # Registrations: school + 3 people tied to it, + Sen untied = 1 collective, 4 people.
    assert (context["so_dang_ky"], context["dang_ky_tap_the"], context["dang_ky_ca_nhan"]) == (
        "5", "1", "4")
    # Nominations: 5 in the movement's round (4 awarded, Mai voted down: "Không khen") + 7
    # in the mixed round, all awarded.
    assert context["so_de_nghi"] == "12"
    assert context["de_nghi_da_khen"] == "11"
    assert context["de_nghi_khong_khen"] == "1"
    assert context["de_nghi_dang_xet"] == "0"
    rows = [(r["hinh_thuc"], r["cap"], r["tap_the"], r["ca_nhan"], r["ho_gia_dinh"], r["tong"],
             r["so_tien"]) for r in context["thong_ke"]]
    assert rows == [
        # Đức's Bằng khen (3.800.000) + Mai's typed-in one (3.800.000).
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Tỉnh, bộ, ngành", "0", "2", "0", "2",
         "7.600.000"),
        ("Chiến sĩ thi đua cơ sở", "Cơ sở", "0", "1", "0", "1", "2.530.000"),
        # 4 of the first decision (4.180.000) + 3 of the mixed (3.040.000) + the commune's
        # typed-in one without money.
        ("Giấy khen", "Cơ sở", "3", "4", "1", "8", "7.220.000"),
        ("Lao động tiên tiến", "Cơ sở", "0", "2", "0", "2", "760.000"),
    ]
    assert (context["tong_tap_the"], context["tong_ca_nhan"], context["tong_ho_gia_dinh"],
            context["tong_cong"], context["tong_tien"]) == ("3", "9", "1", "13", "18.110.000")
    assert context["ghi_chu_tien"] == " (chưa tính 1 lượt khen chưa ghi số tiền thưởng)"
    assert context["thoi_gian"] == "năm 2026"

    out = services.documents.render("bao_cao_tong_ket", world.movement_id,
                                    tmp_path / "tk.docx", RenderOptions(on=ON))
    text = text_of(out)
    assert "Tổng kết phong trào thi đua “Dạy tốt, học tốt”" in text
    assert "thi đua “Thi đua" not in text and "““" not in text
    assert "đã tổ chức 2 đợt xét khen thưởng với 12 đề nghị khen thưởng" in text


def test_thematic_movement_report_counts_only_what_is_tied_to_it(
        commune: tuple[Services, Any]) -> None:
    services, world = commune
    add_mixed_decision(services, world, sign_on=date(2026, 7, 6))  # the year's, not its
    movement = services.movements.create(MovementInput(
        "Phong trào thi đua “Chung tay xây dựng nông thôn mới”", MovementKind.THEMATIC, 2026,
        "09/KH-UBND", date(2026, 2, 1), "UBND xã Bình Lư")).id
    round_id = services.rounds.create(RoundInput("Khen thưởng chuyên đề nông thôn mới", 2026,
                                                 RoundKind.THEMATIC,
                                                 movement_id=movement)).id
    nomination = services.nominations.create(NominationInput(
        round_id, Subject(household_name="Hộ ông Lò Văn Pọm"), "GIAY_KHEN",
        "Hiến đất làm đường")).id
    for status in (NominationStatus.SUBMITTED, NominationStatus.RECEIVED,
                   NominationStatus.ELIGIBLE):
        services.nominations.transition([nomination], status)
    meeting = services.council.create_meeting(MeetingInput(round_id, date(2026, 8, 1),
                                                           total_members=9, present_members=9))
    services.council.record_votes(meeting.id, {nomination: 9})
    services.council.close_meeting(meeting.id)
    decision = services.decisions.create(DecisionInput(round_id, "Chủ tịch UBND xã Bình Lư"),
                                         [nomination])
    services.decisions.sign(decision.id, date(2026, 8, 5), "Lường Văn Pấng",
                            SignerCapacity.CHAIRMAN)

    context = services.documents.context("bao_cao_tong_ket", movement, RenderOptions(on=ON))
    assert context["tieu_de_phong_trao"] == "phong trào thi đua “Chung tay xây dựng nông thôn mới”"
    assert (context["so_dot"], context["so_de_nghi"], context["de_nghi_da_khen"]) == ("1", "1",
                                                                                      "1")
    assert context["so_dang_ky"] == "0"
    assert [(r["hinh_thuc"], r["ho_gia_dinh"], r["tong"], r["so_tien"])
            for r in context["thong_ke"]] == [("Giấy khen", "1", "1", "1.140.000")]


# -- layout -------------------------------------------------------------------------------------
def test_no_table_row_of_a_shipped_template_may_split_and_list_headers_repeat() -> None:
    for path in sorted(SHIPPED_DIR.glob("*.docx")):
        doc = Document(str(path))
        for number, table in enumerate(doc.tables, start=1):
            for row in table.rows:
                assert row._tr.find(f"{W}trPr/{W}cantSplit") is not None, (path.name, number)
            if len(table.rows) > 1:  # a list: its header row repeats on every page
                assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None, path.name
        blocks = [b.tag for b in doc.element.body if b.tag in (f"{W}p", f"{W}tbl")]
        assert blocks[-1] == f"{W}p", f"{path.name} ends on a table (blank page risk)"


def test_header_lines_break_between_words_the_way_clerks_do() -> None:
    nbsp = "\u00a0"
    # The parent line is abbreviated when it would not fit one line (Decree 30 allows it).
    assert header_name("Ủy ban nhân dân tỉnh Lai Châu", parent=True) == (
        f"UBND TỈNH{nbsp}LAI{nbsp}CHÂU")
    # The issuer's own name: a break only after the kind of body.
    assert header_name("Ủy ban nhân dân xã Bình Lư") == f"ỦY BAN NHÂN DÂN XÃ{nbsp}BÌNH{nbsp}LƯ"
    assert header_name("Hội đồng Thi đua - Khen thưởng") == (
        f"HỘI ĐỒNG THI{nbsp}ĐUA{nbsp}-{nbsp}KHEN{nbsp}THƯỞNG")
    # A collective's own paper does not repeat its parent's place twice.
    assert without_parent_place("Phòng Văn hóa - Xã hội xã Bình Lư",
                                "Ủy ban nhân dân xã Bình Lư") == "Phòng Văn hóa - Xã hội"
    assert without_parent_place("Trường Tiểu học Bình Lư",
                                "Ủy ban nhân dân xã Bình Lư") == "Trường Tiểu học Bình Lư"


def _pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    count = int(next(line for line in info.splitlines() if line.startswith("Pages")).split()[1])
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
            for n in range(1, count + 1)]


@pytest.mark.skipif(find_office() is None, reason="LibreOffice is not installed here")
def test_registration_of_a_full_page_has_no_blank_second_page(paths: AppPaths,
                                                              tmp_path: Path) -> None:
    """18 people filled the first page exactly: Word's own paragraph after the signature
    table fell onto a second, blank page."""
    services = Services.open(paths.default_database, paths)
    try:
        services.setup.configure(UnitInput("UBND xã Bình Lư", "BL", UnitKind.COMMUNE))
        root = services.units.children(None)[0].id
        school = services.units.create(UnitInput("Trường Tiểu học Bình Lư", "THBL",
                                                 UnitKind.SCHOOL, root)).id
        services.registrations.register(Subject(unit_id=school), 2026, "TTLDTT",
                                        date(2026, 1, 15))
        for n, letter in enumerate("ABCDEGHIKLMNOPQRS", start=1):
            person = services.people.create(PersonInput(
                f"Nguyễn Văn {letter}", Gender.MALE, school, birth_date=date(1980, 1, n),
                position="Giáo viên")).id
            services.registrations.register(Subject(person_id=person), 2026, "LDTT",
                                            date(2026, 1, 15))
        out = services.documents.render("dang_ky_thi_dua", school, tmp_path / "dk.docx",
                                        RenderOptions(year=2026, on=date(2026, 1, 20)))
        (pdf,) = services.documents.to_pdf([out], tmp_path)
    finally:
        services.close()
    pages = _pages(pdf)
    assert all(len(page.strip()) > 20 for page in pages), [len(p.strip()) for p in pages]
    # The closing sentence and the signature stay together on the last page.
    assert "cam kết thực hiện tốt" in pages[-1] and "THỦ TRƯỞNG ĐƠN VỊ" in pages[-1]


# -- addressing and content ---------------------------------------------------------------------
def test_tờ_trình_never_goes_to_its_own_signer() -> None:
    province = submission_route("Ủy ban nhân dân tỉnh Lai Châu", "Chủ tịch Ủy ban nhân dân tỉnh",
                                "", UnitLevel.PROVINCE)
    assert (province.sender, province.sender_head, province.notation) == (
        "Sở Nội vụ", "Giám đốc", "SNV")
    council = submission_route("Ủy ban nhân dân tỉnh Lai Châu",
                               "Hội đồng Thi đua - Khen thưởng tỉnh", "", UnitLevel.PROVINCE)
    assert council.sender == "Sở Nội vụ"
    commune = submission_route("Ủy ban nhân dân xã Bình Lư", "Chủ tịch Ủy ban nhân dân tỉnh",
                               "", UnitLevel.COMMUNE)
    assert commune.sender == "" and commune.recipient == "Chủ tịch Ủy ban nhân dân tỉnh"
    own = submission_route("Ủy ban nhân dân xã Bình Lư", "Chủ tịch UBND xã Bình Lư",
                           "Phòng Văn hóa - Xã hội", UnitLevel.COMMUNE)
    assert (own.sender, own.sender_head) == ("Phòng Văn hóa - Xã hội", "Trưởng phòng")


def test_province_tờ_trình_is_the_sở_nội_vụ_s_to_the_chairman(services: Services,
                                                              tmp_path: Path) -> None:
    """The unit conftest sets up the province's office (UBND tỉnh Lai Châu)."""
    world = build_document_world(services)
    out = services.documents.render("to_trinh", world.round_id, tmp_path / "tt.docx",
                                    RenderOptions(on=ON, signer_name="Nguyễn Văn Hùng"))
    text = text_of(out)
    header = text.split("CỘNG HÒA")[0]
    assert "UBND TỈNH LAI CHÂU" in header and "SỞ NỘI VỤ" in header
    assert "/TTr-SNV" in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh." in text
    signature = text.split("Nơi nhận:")[1]
    assert "GIÁM ĐỐC" in signature and "CHỦ TỊCH" not in signature


def test_commune_tờ_trình_goes_up_signed_by_its_chairman(commune: tuple[Services, Any],
                                                          tmp_path: Path) -> None:
    services, world = commune
    out = services.documents.render("to_trinh", world.round_id, tmp_path / "tt.docx",
                                    RenderOptions(on=ON, signer_name="Lường Văn Pấng"))
    text = text_of(out)
    assert "ỦY BAN NHÂN DÂN XÃ BÌNH LƯ" in text.split("CỘNG HÒA")[0]
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh." in text
    assert "CHỦ TỊCH" in text.split("Nơi nhận:")[1]


def test_report_never_lists_the_proposed_award_as_received(commune: tuple[Services, Any],
                                                           tmp_path: Path) -> None:
    """The school's Giấy khen of 2026 is signed (so recorded in its history); its report for
    that Giấy khen lists only what it had before."""
    services, world = commune
    services.awards.create(AwardRecordInput(
        Subject(unit_id=world.school_id), "GIAY_KHEN", 2024, AchievementKind.MERIT,
        "11/QĐ-UBND", date(2024, 6, 1), issuer="Chủ tịch UBND xã Bình Lư"))
    out = services.documents.render("bao_cao_thanh_tich_tap_the", world.unit_nomination,
                                    tmp_path / "bctt.docx", RenderOptions(on=ON))
    history = [[c.text for c in row.cells] for row in Document(str(out)).tables[-2].rows][1:]
    assert history == [["2024", "Giấy khen", "11/QĐ-UBND ngày 01/06/2024",
                        "Chủ tịch UBND xã Bình Lư"]]


def test_minutes_cite_the_rule_of_the_vote_share_without_the_apps_doubt(
        commune: tuple[Services, Any], tmp_path: Path) -> None:
    services, world = commune
    out = services.documents.render("bien_ban_hoi_dong", world.meeting_id, tmp_path / "bb.docx",
                                    RenderOptions(on=ON))
    text = text_of(out)
    assert ("không đạt tỷ lệ phiếu đồng ý theo quy định (Quy định của tỉnh về tỷ lệ phiếu, "
            "theo NĐ 152/2025/NĐ-CP, Điều 6 khoản 2).") in text
    assert "chưa chắc chắn" not in text


def test_report_lists_only_what_was_decided_by_its_date(commune: tuple[Services, Any],
                                                         tmp_path: Path) -> None:
    """Hường's LĐTT and CSTĐ cơ sở are signed on 06/7/2026: a report dated 05/7 does not
    list them yet, one dated 20/7 does (her 2024 LĐTT is in both)."""
    services, world = commune
    add_mixed_decision(services, world, sign_on=date(2026, 7, 6))

    def titles(on: date) -> list[tuple[str, str]]:
        out = services.documents.render("bao_cao_thanh_tich_ca_nhan", world.person_nomination,
                                        tmp_path / f"bctt-{on:%d}.docx", RenderOptions(on=on))
        table = Document(str(out)).tables[-3]  # 1. Danh hiệu thi đua
        return [(row.cells[0].text, row.cells[1].text) for row in table.rows[1:]]

    assert titles(date(2026, 7, 5)) == [("2024", "Lao động tiên tiến")]
    assert titles(ON) == [("2024", "Lao động tiên tiến"), ("2026", "Lao động tiên tiến"),
                          ("2026", "Chiến sĩ thi đua cơ sở")]
