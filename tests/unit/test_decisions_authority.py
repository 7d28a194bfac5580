"""Issue 13, item 12: a decision whose issuer is not the authority the law names for an award
gets a warning (never a refusal), one Vietnamese sentence per award with the article, from the
catalog data; Giấy khen after 01/7/2025 follows the province's list (giay_khen_issuers)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.enums import Gender, NominationStatus, RoundKind
from desktop.services import Services
from desktop.services.authority import authority_warning, fold_issuer, legal_rules
from desktop.services.council import MeetingInput
from desktop.services.decisions import DecisionInput
from desktop.services.nominations import NominationInput
from desktop.services.people import PersonInput
from desktop.services.records import Subject
from desktop.services.rounds import RoundInput

LDTT_WARNING = (
    "Danh hiệu “Lao động tiên tiến” do Thủ trưởng cơ quan, đơn vị; Chủ tịch Ủy ban nhân dân "
    "cấp xã; Giám đốc doanh nghiệp, hợp tác xã hoặc Thủ trưởng đơn vị lực lượng vũ trang tặng "
    "(Luật TĐKT 2022, Điều 80), không phải “Chủ tịch UBND tỉnh Lai Châu” như cơ quan ban hành "
    "quyết định ghi; cần kiểm tra lại thẩm quyền.")
GIAY_KHEN_WARNING = (
    "“Giấy khen” do Chủ tịch UBND xã, phường, đặc khu; Giám đốc sở, thủ trưởng cơ quan, đơn vị "
    "thuộc UBND tỉnh hoặc Giám đốc doanh nghiệp, hợp tác xã tặng (quy định của tỉnh; Luật TĐKT "
    "2022, Điều 75 khoản 1), không phải “Chủ tịch UBND tỉnh Lai Châu” như cơ quan ban hành "
    "quyết định ghi; cần kiểm tra lại thẩm quyền.")


@pytest.mark.parametrize(("issuer", "authority"), [
    ("Chủ tịch UBND tỉnh Lai Châu", "province_chair"),
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "province_chair"),
    ("Chu tich Uy ban nhan dan tinh", "province_chair"),
    ("Chủ tịch Uỷ ban nhân dân xã Tân Phong, tỉnh Lai Châu", "commune_chair"),
    ("UBND phường Đông Phong", "commune_chair"),
    ("Chủ tịch UBND huyện Tam Đường", "district_chair"),
    ("Giám đốc Sở Nội vụ", "agency_head"),
    ("Giám đốc Công ty TNHH Chè Tam Đường", "enterprise_head"),
    ("Giám đốc Công an tỉnh", "armed_forces_head"),
    ("Thủ tướng Chính phủ", "prime_minister"),
])
def test_issuers_are_recognised_whatever_the_case_diacritics_or_ubnd(issuer: str,
                                                                      authority: str) -> None:
    found = legal_rules().classify(issuer)
    assert found is not None and found.key == authority
    assert fold_issuer("Ủy ban nhân dân tỉnh") == fold_issuer("UBND TỈNH") == "ubnd tinh"


def test_warnings_name_the_award_the_issuer_the_authority_and_the_article() -> None:
    on = date(2026, 1, 10)
    assert authority_warning("Chủ tịch UBND tỉnh Lai Châu", "LDTT", "Lao động tiên tiến", True,
                             on) == LDTT_WARNING
    for fine in ("Chủ tịch UBND xã Tân Phong", "Hiệu trưởng Trường THPT Tam Đường",
                 "Một cơ quan không rõ"):
        assert authority_warning(fine, "LDTT", "Lao động tiên tiến", True, on) is None
    assert authority_warning("Chủ tịch UBND tỉnh", "BK_TINH", "Bằng khen", False, on) is None
    assert authority_warning("Chủ tịch UBND tỉnh", "BK_TTG", "Bằng khen của Thủ tướng Chính phủ",
                             False, on) == (
        "“Bằng khen của Thủ tướng Chính phủ” do Thủ tướng Chính phủ tặng (Luật TĐKT 2022, Điều "
        "78), không phải “Chủ tịch UBND tỉnh” như cơ quan ban hành quyết định ghi; cần kiểm tra "
        "lại thẩm quyền.")


def test_district_chairs_awarded_until_30_6_2025_only() -> None:
    issuer = "Chủ tịch UBND huyện Tam Đường"
    assert authority_warning(issuer, "LDTT", "Lao động tiên tiến", True, date(2025, 1, 20)) is None
    assert authority_warning(issuer, "LDTT", "Lao động tiên tiến", True, date(2025, 7, 1)) == (
        "Danh hiệu “Lao động tiên tiến” do Thủ trưởng cơ quan, đơn vị; Chủ tịch Ủy ban nhân dân "
        "cấp xã; Giám đốc doanh nghiệp, hợp tác xã hoặc Thủ trưởng đơn vị lực lượng vũ trang "
        "tặng (Luật TĐKT 2022, Điều 80), không phải “Chủ tịch UBND huyện Tam Đường” như cơ quan "
        "ban hành quyết định ghi; từ 01/7/2025 không còn cấp huyện theo Luật Tổ chức chính quyền "
        "địa phương 2025; cần kiểm tra lại thẩm quyền.")


def _voted(services: Services) -> tuple[int, dict[str, int]]:
    """A round with a Lao động tiên tiến, a Giấy khen and a Bằng khen tỉnh the council passed."""
    root = services.units.children(None)[0].id
    pid = services.people.create(PersonInput("Lò Thị Hường", Gender.FEMALE, root)).id
    round_id = services.rounds.create(RoundInput("Tổng kết năm 2026", 2026, RoundKind.YEAR_END,
                                                 office_unit_id=root)).id
    ids = {code: services.nominations.create(NominationInput(
        round_id, Subject(person_id=pid), code)).id for code in ("LDTT", "GIAY_KHEN", "BK_TINH")}
    for status in (NominationStatus.SUBMITTED, NominationStatus.RECEIVED,
                   NominationStatus.ELIGIBLE):
        services.nominations.transition(list(ids.values()), status)
    meeting = services.council.create_meeting(MeetingInput(round_id, date(2026, 11, 20), 9, 9))
    services.council.record_votes(meeting.id, {nid: 9 for nid in ids.values()})
    services.council.close_meeting(meeting.id)
    return round_id, ids


def test_decision_rows_carry_the_warnings_and_signing_is_not_refused(
        services: Services) -> None:
    round_id, ids = _voted(services)
    d = services.decisions.create(DecisionInput(round_id, "Chủ tịch UBND tỉnh Lai Châu"),
                                  list(ids.values()))
    assert d.warnings == (GIAY_KHEN_WARNING, LDTT_WARNING)  # highest award first
    assert services.decisions.authority_warnings(d.id) == [GIAY_KHEN_WARNING, LDTT_WARNING]
    signed = services.decisions.sign(d.id, date(2026, 12, 1), "Lê Văn Lương", "chu_tich")
    assert signed.signed and signed.warnings == d.warnings
    services.catalog.set_parameter("giay_khen_issuers", ["Chủ tịch UBND tỉnh"])
    assert services.decisions.authority_warnings(d.id) == [LDTT_WARNING]


def test_a_commune_decision_for_its_own_titles_has_no_warning(services: Services) -> None:
    round_id, ids = _voted(services)
    d = services.decisions.create(DecisionInput(round_id, "Chủ tịch UBND xã Tân Phong"),
                                  [ids["LDTT"], ids["GIAY_KHEN"]])
    assert d.warnings == ()
