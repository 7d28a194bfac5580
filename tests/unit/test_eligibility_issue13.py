"""Issue 13, items 8, 10, 11 and 14: earlier awards as grounds (NĐ 152 Art 4.3, 33.7), recorded
achievement periods, a citation on every condition, and the CSTĐ cơ sở quota's rounding with
the Art 4.6 proposal of whom to keep. Exact Vietnamese explanations and citations."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from desktop.domain.enums import (
    AchievementKind,
    ConditionStatus,
    Gender,
    InitiativeScope,
    RatingLevel,
    RoundKind,
    SubjectKind,
    UnitKind,
)
from desktop.services import Services
from desktop.services.catalog import shipped_parameter
from desktop.services.eligibility.facts import (
    AwardFact,
    InitiativeFact,
    NominationFacts,
    QuotaCandidate,
)
from desktop.services.eligibility.rules import evaluate
from desktop.services.nominations import NominationInput
from desktop.services.people import PersonInput
from desktop.services.records import InitiativeInput, Subject
from desktop.services.rounds import RoundInput
from desktop.services.units import UnitInput

MET, NOT_MET, CHECK = ConditionStatus.MET, ConditionStatus.NOT_MET, ConditionStatus.CHECK
X, G = RatingLevel.EXCELLENT, RatingLevel.GOOD
BK_TTG = ("BK_TTG", "BK_TTG", "Bằng khen của Thủ tướng Chính phủ")
CSTD_TQ = ("CSTD_TQ", "CSTD_TQ", "Chiến sĩ thi đua toàn quốc")
UNIT_IDEAS = tuple(InitiativeFact(InitiativeScope.UNIT, y, "Cải tiến", f"{y % 100}/QĐ-UBND")
                   for y in range(2022, 2027))
FIVE_EXCELLENT = {y: X for y in range(2022, 2027)}
NATIONAL_IDEA = InitiativeFact(InitiativeScope.NATIONAL, 2025, "Số hóa", "9/QĐ-BNV")


def person(code: str, lineage: str, name: str, **kw: object) -> NominationFacts:
    base = NominationFacts(1, SubjectKind.INDIVIDUAL, "Lò Văn Đức", code, lineage, name, 2026,
                           RoundKind.YEAR_END, registered=True)
    return replace(base, **kw)  # type: ignore[arg-type]


def bk_tinh(year: int, kind: AchievementKind = AchievementKind.MERIT,
            period: tuple[int, int] | None = None, number: str = "45/QĐ-UBND") -> AwardFact:
    start, end = period if period else (None, None)
    return AwardFact("BK_TINH", "Bằng khen của Chủ tịch UBND tỉnh", year, kind, number, year + 1,
                     start, end)


def cstd_tinh(year: int, period: tuple[int, int] | None, number: str) -> AwardFact:
    start, end = period if period else (None, None)
    return AwardFact("CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh", year, AchievementKind.MERIT,
                     number, year + 1, start, end)


def by_code(result: object, code: str):  # type: ignore[no-untyped-def]
    return next(cond for cond in result.conditions if cond.code == code)  # type: ignore[attr-defined]


# -- 8. đột xuất is no ground; HTXSNV years must follow the earlier Bằng khen -------------------
def test_dot_xuat_bang_khen_is_no_ground_for_bang_khen_thu_tuong() -> None:
    result = evaluate(person(*BK_TTG, ratings=FIVE_EXCELLENT, initiatives=UNIT_IDEAS,
                             awards=(bk_tinh(2020, AchievementKind.AD_HOC),)))
    cond = by_code(result, "bk_tinh_before")
    assert cond.status is NOT_MET and result.status is NOT_MET
    assert cond.text == (
        "Chưa có Bằng khen cấp bộ, tỉnh cho thành tích công trạng trước đó; không tính Bằng khen "
        "của Chủ tịch UBND tỉnh năm 2020 (đột xuất) vì khen thưởng đột xuất, chuyên đề không làm "
        "căn cứ đề nghị khen thưởng công trạng cao hơn (NĐ 152/2025/NĐ-CP, Điều 4 khoản 3)")
    assert cond.source == "Luật TĐKT 2022, Điều 73; NĐ 152/2025/NĐ-CP, Điều 4 khoản 3"


def test_merit_bang_khen_is_the_ground_and_a_later_dot_xuat_one_is_named_not_counted() -> None:
    result = evaluate(person(*BK_TTG, ratings=FIVE_EXCELLENT, initiatives=UNIT_IDEAS,
                             awards=(bk_tinh(2020, period=(2019, 2020)),
                                     bk_tinh(2024, AchievementKind.AD_HOC, number="7/QĐ-UBND"))))
    cond = by_code(result, "bk_tinh_before")
    assert cond.status is MET and result.status is MET, result.explain()
    assert cond.text == (
        "Đã có Bằng khen của Chủ tịch UBND tỉnh năm 2020 (QĐ 45/QĐ-UBND, thời kỳ thành tích "
        "2019–2020); không tính Bằng khen của Chủ tịch UBND tỉnh năm 2024 (đột xuất) vì khen "
        "thưởng đột xuất, chuyên đề không làm căn cứ đề nghị khen thưởng công trạng cao hơn "
        "(NĐ 152/2025/NĐ-CP, Điều 4 khoản 3)")


def test_htxsnv_years_before_the_earlier_bang_khen_are_not_counted() -> None:
    result = evaluate(person(*BK_TTG, ratings=FIVE_EXCELLENT, initiatives=UNIT_IDEAS,
                             awards=(bk_tinh(2023, period=(2022, 2023)),)))
    assert by_code(result, "bk_tinh_before").text == (
        "Đã có Bằng khen của Chủ tịch UBND tỉnh năm 2023 (QĐ 45/QĐ-UBND, thời kỳ thành tích "
        "2022–2023)")
    ratings = by_code(result, "ratings_5")
    assert ratings.status is NOT_MET and result.status is NOT_MET
    assert ratings.text == (
        "Chưa đủ 05 năm liên tục “Hoàn thành xuất sắc nhiệm vụ” (2022, 2023, 2024, 2025, 2026): "
        "năm 2022, 2023 không tính: chỉ tính các năm sau Bằng khen của Chủ tịch UBND tỉnh làm căn "
        "cứ (QĐ 45/QĐ-UBND, đến năm 2023)")
    assert ratings.source == "Luật TĐKT 2022, Điều 73; NĐ 152/2025/NĐ-CP, Điều 33 khoản 7"
    # The initiatives are counted over the same years, after the ground.
    assert by_code(result, "initiative_co_so").text == (
        "Cần 05 sáng kiến được công nhận phạm vi cấp cơ sở trở lên từ 2024 đến 2026; mới có 3")


def test_without_a_recorded_period_the_interval_counts_from_the_decision_year() -> None:
    # Achievement year 2020, no period written, decision signed in 2021 (Art 33.7).
    result = evaluate(person(*BK_TTG, ratings=FIVE_EXCELLENT, initiatives=UNIT_IDEAS,
                             awards=(bk_tinh(2020),)))
    assert by_code(result, "bk_tinh_before").text == (
        "Đã có Bằng khen của Chủ tịch UBND tỉnh năm 2020 (QĐ 45/QĐ-UBND, chưa ghi thời kỳ thành "
        "tích, tính từ năm quyết định 2021)")
    assert by_code(result, "ratings_5").status is MET
    assert result.status is MET, result.explain()


# -- 14. recorded periods -----------------------------------------------------------------------
def test_recorded_non_consecutive_periods_are_not_met() -> None:
    result = evaluate(person(*CSTD_TQ, initiatives=(NATIONAL_IDEA,),
                             awards=(cstd_tinh(2020, (2018, 2020), "12/QĐ-UBND"),
                                     cstd_tinh(2026, (2024, 2026), "30/QĐ-UBND"))))
    cond = by_code(result, "titles_CSTD_TINH")
    assert cond.status is NOT_MET and result.status is NOT_MET
    assert cond.line() == (
        "[Không đạt] Chưa có 02 lần liên tục đạt Chiến sĩ thi đua cấp tỉnh: các thời kỳ thành "
        "tích 2018–2020 (QĐ 12/QĐ-UBND) và 2024–2026 (QĐ 30/QĐ-UBND) không liền nhau — "
        "Luật TĐKT 2022, Điều 21")


def test_recorded_consecutive_periods_are_met() -> None:
    result = evaluate(person(*CSTD_TQ, initiatives=(NATIONAL_IDEA,),
                             awards=(cstd_tinh(2020, (2018, 2020), "12/QĐ-UBND"),
                                     cstd_tinh(2023, (2021, 2023), "30/QĐ-UBND"))))
    cond = by_code(result, "titles_CSTD_TINH")
    assert cond.status is MET
    assert cond.text == ("Có 02 lần liên tục đạt Chiến sĩ thi đua cấp tỉnh: thời kỳ thành tích "
                         "2018–2020 (QĐ 12/QĐ-UBND) và 2021–2023 (QĐ 30/QĐ-UBND)")


def test_no_recorded_period_needs_a_check() -> None:
    result = evaluate(person(*CSTD_TQ, initiatives=(NATIONAL_IDEA,),
                             awards=(cstd_tinh(2020, None, "12/QĐ-UBND"),
                                     cstd_tinh(2026, (2024, 2026), "30/QĐ-UBND"))))
    cond = by_code(result, "titles_CSTD_TINH")
    assert cond.status is CHECK and result.status is CHECK
    assert cond.line() == (
        "[Cần kiểm tra] Có 02 lần đạt Chiến sĩ thi đua cấp tỉnh (2020, 2026); quyết định năm 2020 "
        "(QĐ 12/QĐ-UBND) chưa ghi thời kỳ thành tích nên cần kiểm tra hai thời kỳ có liền nhau "
        "không — Luật TĐKT 2022, Điều 21; NĐ 152/2025/NĐ-CP, Điều 33 khoản 7")


def test_dot_xuat_cstd_tinh_is_no_ground_for_cstd_toan_quoc() -> None:
    ad_hoc = replace(cstd_tinh(2023, (2021, 2023), "30/QĐ-UBND"),
                     achievement=AchievementKind.AD_HOC)
    cond = by_code(evaluate(person(*CSTD_TQ, initiatives=(NATIONAL_IDEA,), awards=(
        cstd_tinh(2020, (2018, 2020), "12/QĐ-UBND"), ad_hoc))), "titles_CSTD_TINH")
    assert cond.status is NOT_MET
    assert cond.text == ("Chưa đủ 02 lần liên tục đạt Chiến sĩ thi đua cấp tỉnh (có: 2020) "
                         "(không tính Chiến sĩ thi đua cấp tỉnh năm 2023 (đột xuất, "
                         "NĐ 152/2025/NĐ-CP, Điều 4 khoản 3))")


# -- 10. citations ---------------------------------------------------------------------------
def test_cstd_tinh_three_years_and_registration_cite_their_articles() -> None:
    cstdcs = AwardFact("CSTDCS", "Chiến sĩ thi đua cơ sở", 2026, AchievementKind.MERIT, "1/QĐ")
    result = evaluate(person("CSTD_TINH", "CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh",
                             awards=(cstdcs,), registered=False))
    assert by_code(result, "titles_CSTDCS").line() == (
        "[Không đạt] Chưa đủ 03 năm liên tục đạt Chiến sĩ thi đua cơ sở (có: 2026) — "
        "Luật TĐKT 2022, Điều 22")
    assert by_code(result, "registration").line() == (
        "[Cần kiểm tra] Không thấy bản đăng ký thi đua “Chiến sĩ thi đua cấp tỉnh” năm 2026; cần "
        "kiểm tra — Luật TĐKT 2022, Điều 6 khoản 1 (căn cứ xét tặng danh hiệu thi đua: đăng ký "
        "thi đua) – chưa chắc chắn")


def test_neither_route_of_bang_khen_tinh_reads_as_two_sentences() -> None:
    ideas = (InitiativeFact(InitiativeScope.UNIT, 2025),)
    cstdcs = AwardFact("CSTDCS", "Chiến sĩ thi đua cơ sở", 2026, AchievementKind.MERIT, "1/QĐ",
                       2026, 2026, 2026)
    result = evaluate(person("BK_TINH", "BK_TINH", "Bằng khen của Chủ tịch UBND tỉnh",
                             ratings={2025: X, 2026: X}, initiatives=ideas, awards=(cstdcs,)))
    assert by_code(result, "bk_tinh_routes").line() == (
        "[Không đạt] Chưa đạt điều kiện thứ nhất: chưa đủ 02 năm liên tục đạt Chiến sĩ thi đua cơ "
        "sở (có: 2026). Chưa đạt điều kiện thứ hai: đủ 02 năm liên tục “Hoàn thành xuất sắc nhiệm "
        "vụ” (2025, 2026) nhưng cần 02 sáng kiến được công nhận phạm vi cấp cơ sở trở lên từ 2025 "
        "đến 2026; mới có 1. — Luật TĐKT 2022, Điều 74 khoản 1 điểm d")
    both_short = evaluate(person("BK_TINH", "BK_TINH", "Bằng khen của Chủ tịch UBND tỉnh",
                                 ratings={2025: G, 2026: X}))
    assert by_code(both_short, "bk_tinh_routes").text == (
        "Chưa đạt điều kiện thứ nhất: chưa đủ 02 năm liên tục đạt Chiến sĩ thi đua cơ sở (có: "
        "không có năm nào). Chưa đạt điều kiện thứ hai: chưa đủ 02 năm liên tục “Hoàn thành xuất "
        "sắc nhiệm vụ” (2025, 2026): năm 2025: Hoàn thành tốt nhiệm vụ; đồng thời cần 02 sáng "
        "kiến được công nhận phạm vi cấp cơ sở trở lên từ 2025 đến 2026; mới có 0.")


CITED = re.compile(r"Điều \d+|Chỉ thị số \d+")


def test_every_condition_of_a_full_round_cites_its_article(services: Services) -> None:
    """A year-end round with a nomination for every award kind in force, for each subject it
    allows, and a thematic round with titles: every condition names an article."""
    root = services.units.children(None)[0].id
    school = services.units.create(UnitInput("Trường Tiểu học Bình Lư", "THBL",
                                             UnitKind.SCHOOL, root)).id
    duc = services.people.create(PersonInput("Lò Văn Đức", Gender.MALE, school,
                                             ethnicity="Thái")).id
    services.ratings.set(Subject(person_id=duc), 2026, "HTXSNV")
    services.initiatives.create(InitiativeInput(Subject(person_id=duc), "Sổ tay", 2026,
                                                InitiativeScope.UNIT, "3/QĐ-THBL"))
    subjects = {SubjectKind.INDIVIDUAL: Subject(person_id=duc),
                SubjectKind.COLLECTIVE: Subject(unit_id=school),
                SubjectKind.HOUSEHOLD: Subject(household_name="Hộ ông Lò Văn Páo")}
    year_end = services.rounds.create(RoundInput("Tổng kết năm 2026", 2026, RoundKind.YEAR_END,
                                                 office_unit_id=root)).id
    thematic = services.rounds.create(RoundInput("Chuyên đề 2026", 2026, RoundKind.THEMATIC,
                                                 office_unit_id=root)).id
    kinds = [k for k in services.catalog.award_kinds() if k.valid_to is None]
    made = 0
    for round_id in (year_end, thematic):
        for kind in kinds:
            for subject_kind in kind.subjects:
                services.nominations.create(NominationInput(round_id, subjects[subject_kind],
                                                            kind.code))
                made += 1
    conditions = [(r.nomination_id, cond) for round_id in (year_end, thematic)
                  for r in services.eligibility.check_round(round_id, save=False)
                  for cond in r.conditions]
    assert made > 30 and len(conditions) > 3 * made
    missing = [f"{nid}: {cond.line()}" for nid, cond in conditions
               if not CITED.search(cond.source)]
    assert not missing, "\n".join(missing)
    codes = {cond.code for _, cond in conditions}
    assert {"titles_CSTDCS", "titles_CSTD_TINH", "quota", "registration", "council_90",
            "bk_tinh_before", "nd86", "no_rule", "title_round", "duplicate"} <= codes


# -- 11. quota rounding and the Art 4.6 proposal -------------------------------------------------
def quota_case(used: int, base: int, rounding: str,
               candidates: tuple[QuotaCandidate, ...] = ()) -> NominationFacts:
    idea = InitiativeFact(InitiativeScope.UNIT, 2026, "Sổ tay", "3/QĐ")
    ldtt = AwardFact("LDTT", "Lao động tiên tiến", 2026, AchievementKind.MERIT, "2/QĐ")
    return person("CSTDCS", "CSTDCS", "Chiến sĩ thi đua cơ sở", ratings={2026: X},
                  initiatives=(idea,), awards=(ldtt,), quota_used=used, quota_base=base,
                  quota_candidates=candidates,
                  params={"cstdcs_quota_percent": 15, "cstdcs_quota_rounding": rounding})


@pytest.mark.parametrize(("base", "rounding", "allowed", "how"), [
    (10, "down", 1, "15% × 10 = 1,5, làm tròn xuống"),
    (10, "nearest", 2, "15% × 10 = 1,5, làm tròn đến số gần nhất"),
    (5, "down", 0, "15% × 5 = 0,75, làm tròn xuống"),
    (5, "nearest", 1, "15% × 5 = 0,75, làm tròn đến số gần nhất"),
    (5, "at_least_one", 1,
     "15% × 5 = 0,75, làm tròn xuống, nhưng ít nhất 01 khi đơn vị có Lao động tiên tiến"),
    (20, "at_least_one", 3,
     "15% × 20 = 3, làm tròn xuống, nhưng ít nhất 01 khi đơn vị có Lao động tiên tiến"),
])
def test_quota_rounding_is_a_province_parameter(base: int, rounding: str, allowed: int,
                                                how: str) -> None:
    at_limit = by_code(evaluate(quota_case(allowed, base, rounding)), "quota")
    assert at_limit.status is MET
    assert at_limit.text.startswith(
        f"Đơn vị có {allowed} đề nghị CSTĐ cơ sở, {base} Lao động tiên tiến; tối đa 15% = "
        f"{allowed}")
    assert f"({how})" in at_limit.text
    assert by_code(evaluate(quota_case(allowed + 1, base, rounding)), "quota").status is NOT_MET


def test_quota_default_rounding_is_down_as_before() -> None:
    assert shipped_parameter("cstdcs_quota_rounding") == "down"
    facts = replace(quota_case(2, 10, "down"), params={"cstdcs_quota_percent": 15})
    assert by_code(evaluate(facts), "quota").text == (
        "Đơn vị có 2 đề nghị CSTĐ cơ sở, 10 Lao động tiên tiến; tối đa 15% = 1 — vượt tỷ lệ "
        "(15% × 10 = 1,5, làm tròn xuống).")


def test_an_unknown_rounding_value_is_flagged_not_guessed() -> None:
    cond = by_code(evaluate(quota_case(1, 10, "tròn lên")), "quota")
    assert cond.status is CHECK
    assert cond.text == ("Tham số “Cách làm tròn số CSTĐ cơ sở tối đa” có giá trị không hợp lệ "
                         "“tròn lên”; cần là down (làm tròn xuống), nearest (làm tròn đến số gần "
                         "nhất) hoặc at_least_one (ít nhất 01)")


def test_over_quota_proposes_whom_to_keep_women_first_among_equals() -> None:
    candidates = (QuotaCandidate(1, "Lò Văn Đức", False, X, 1, 1),
                  QuotaCandidate(2, "Tòng Thị Hường", True, X, 1, 1),
                  QuotaCandidate(3, "Vàng Thị Mai", True, G, 1, 1))
    result = evaluate(quota_case(3, 10, "down", candidates))
    cond = by_code(result, "quota")
    assert cond.status is NOT_MET
    assert cond.text == (
        "Đơn vị có 3 đề nghị CSTĐ cơ sở, 10 Lao động tiên tiến; tối đa 15% = 1 — vượt tỷ lệ "
        "(15% × 10 = 1,5, làm tròn xuống). Đề xuất giữ 01 người, xếp theo xếp loại năm 2026, "
        "phạm vi và số sáng kiến; khi ngang nhau thì ưu tiên nữ (NĐ 152/2025/NĐ-CP, Điều 4 "
        "khoản 6): giữ Tòng Thị Hường (nữ); không giữ Lò Văn Đức, Vàng Thị Mai (nữ). Tòng Thị "
        "Hường được ưu tiên hơn Lò Văn Đức vì ngang thành tích và là nữ. Đề nghị này thuộc số đề "
        "xuất không giữ.")
    assert cond.source == (
        "Quy định của tỉnh theo NĐ 152/2025/NĐ-CP, Điều 6 khoản 2; NĐ 91/2017/NĐ-CP, Điều 9 "
        "khoản 3 (tỷ lệ 15%, quy định cũ) – chưa chắc chắn; NĐ 152/2025/NĐ-CP, Điều 4 khoản 6")
    kept = by_code(evaluate(replace(quota_case(3, 10, "down", candidates), nomination_id=2)),
                   "quota")
    assert kept.text.endswith("Đề nghị này thuộc số đề xuất giữ.")


def test_merit_comes_before_gender_and_equal_men_go_to_the_council() -> None:
    candidates = (QuotaCandidate(1, "Lò Văn Đức", False, X, 2, 1),
                  QuotaCandidate(2, "Tòng Thị Hường", True, X, 1, 1),
                  QuotaCandidate(3, "Lò Văn Nam", False, X, 1, 1))
    cond = by_code(evaluate(quota_case(3, 10, "nearest", candidates)), "quota")
    assert ": giữ Lò Văn Đức, Tòng Thị Hường (nữ); không giữ Lò Văn Nam." in cond.text
    assert "Tòng Thị Hường được ưu tiên hơn Lò Văn Nam vì ngang thành tích và là nữ." in cond.text
    men = (QuotaCandidate(1, "Lò Văn Đức", False, X, 1, 1),
           QuotaCandidate(3, "Lò Văn Nam", False, X, 1, 1))
    tie = by_code(evaluate(quota_case(2, 10, "down", men)), "quota")
    assert "Lò Văn Đức và Lò Văn Nam ngang thành tích: cần Hội đồng bình xét người được giữ." \
        in tie.text


def test_the_loader_reads_the_rounding_and_the_candidates(services: Services) -> None:
    root = services.units.children(None)[0].id
    school = services.units.create(UnitInput("Trường Mầm non Tân Phong", "MNTP",
                                             UnitKind.SCHOOL, root)).id
    round_id = services.rounds.create(RoundInput("Tổng kết năm 2026", 2026, RoundKind.YEAR_END,
                                                 office_unit_id=root)).id
    ids = {}
    for name, gender in [("Lò Văn Đức", Gender.MALE), ("Tòng Thị Hường", Gender.FEMALE),
                         ("Lò Văn Nam", Gender.MALE), ("Vàng Văn Sáng", Gender.MALE),
                         ("Lò Văn Khánh", Gender.MALE), ("Điêu Văn Tâm", Gender.MALE),
                         ("Tòng Văn Hải", Gender.MALE), ("Lường Văn Phong", Gender.MALE),
                         ("Quàng Văn Hùng", Gender.MALE), ("Hà Văn Tuấn", Gender.MALE)]:
        pid = services.people.create(PersonInput(name, gender, school, ethnicity="Thái")).id
        ids[name] = pid
        services.ratings.set(Subject(person_id=pid), 2026, "HTXSNV")
        services.nominations.create(NominationInput(round_id, Subject(person_id=pid), "LDTT"))
    for name in ("Lò Văn Đức", "Tòng Thị Hường"):
        services.initiatives.create(InitiativeInput(Subject(person_id=ids[name]), f"Sáng kiến "
                                                    f"của {name}", 2026, InitiativeScope.UNIT,
                                                    "5/QĐ-MNTP"))
        services.nominations.create(NominationInput(round_id, Subject(person_id=ids[name]),
                                                    "CSTDCS"))

    def quota_text() -> str:
        results = services.eligibility.check_round(round_id, save=False)
        return next(cond.text for r in results for cond in r.conditions if cond.code == "quota")

    assert quota_text().startswith(
        "Đơn vị có 2 đề nghị CSTĐ cơ sở, 10 Lao động tiên tiến; tối đa 15% = 1 — vượt tỷ lệ "
        "(15% × 10 = 1,5, làm tròn xuống). Đề xuất giữ 01 người")
    assert "giữ Tòng Thị Hường (nữ); không giữ Lò Văn Đức." in quota_text()
    services.catalog.set_parameter("cstdcs_quota_rounding", "nearest")
    assert quota_text() == ("Đơn vị có 2 đề nghị CSTĐ cơ sở, 10 Lao động tiên tiến; tối đa "
                            "15% = 2 (15% × 10 = 1,5, làm tròn đến số gần nhất)")
    label = next(p.label for p in services.catalog.parameters()
                 if p.key == "cstdcs_quota_rounding")
    assert label == "Cách làm tròn số CSTĐ cơ sở tối đa theo tỷ lệ"
