"""Eligibility rules as pure functions, on both sides of every boundary."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop.domain.enums import (
    AchievementKind,
    ConditionStatus,
    DisciplineForm,
    DisciplineStatus,
    InitiativeScope,
    RatingLevel,
    RoundKind,
    SubjectKind,
)
from desktop.services.eligibility.facts import (
    AwardFact,
    DisciplineFact,
    InitiativeFact,
    MemberStats,
    NominationFacts,
    SiblingNomination,
)
from desktop.services.eligibility.rules import evaluate, rule_set_for

MET, NOT_MET, CHECK = ConditionStatus.MET, ConditionStatus.NOT_MET, ConditionStatus.CHECK
X = RatingLevel.EXCELLENT
G = RatingLevel.GOOD


def person(code: str, lineage: str, name: str, year: int = 2026, **kw: object) -> NominationFacts:
    base = NominationFacts(1, SubjectKind.INDIVIDUAL, "Lò Văn Đức", code, lineage, name, year,
                           RoundKind.YEAR_END, registered=True)
    return replace(base, **kw)  # type: ignore[arg-type]


def cstdcs(year: int, kind: AchievementKind = AchievementKind.MERIT) -> AwardFact:
    return AwardFact("CSTDCS", "Chiến sĩ thi đua cơ sở", year, kind, f"{year % 100}/QĐ-UBND",
                     year, year, year)


def by_code(result: object, code: str):  # type: ignore[no-untyped-def]
    return next(cond for cond in result.conditions if cond.code == code)  # type: ignore[attr-defined]


PROVINCE_IDEA = InitiativeFact(InitiativeScope.PROVINCE, 2025, "Số hóa hồ sơ", "12/QĐ-UBND")


def test_cstd_tinh_with_two_consecutive_years_is_not_enough() -> None:
    facts = person("CSTD_TINH", "CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh",
                   awards=(cstdcs(2025), cstdcs(2026)), initiatives=(PROVINCE_IDEA,))
    result = evaluate(facts)
    cond = by_code(result, "titles_CSTDCS")
    assert cond.status is NOT_MET
    assert cond.text == ("Chưa đủ 03 năm liên tục đạt Chiến sĩ thi đua cơ sở (có: 2025, 2026)")
    assert cond.source == "Luật TĐKT 2022, Điều 22"
    assert result.status is NOT_MET
    assert "Chưa đủ 03 năm liên tục đạt Chiến sĩ thi đua cơ sở (có: 2025, 2026) — Luật TĐKT 2022, " \
        "Điều 22" in result.explain()


def test_cstd_tinh_with_three_consecutive_years_and_a_province_initiative() -> None:
    facts = person("CSTD_TINH", "CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh",
                   awards=(cstdcs(2024), cstdcs(2025), cstdcs(2026)), initiatives=(PROVINCE_IDEA,))
    result = evaluate(facts)
    assert by_code(result, "titles_CSTDCS").status is MET
    assert result.status is MET, result.explain()


def test_a_gap_year_breaks_the_run() -> None:
    facts = person("CSTD_TINH", "CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh",
                   awards=(cstdcs(2022), cstdcs(2023), cstdcs(2025), cstdcs(2026)),
                   initiatives=(PROVINCE_IDEA,))
    cond = by_code(evaluate(facts), "titles_CSTDCS")
    assert cond.status is NOT_MET and "(có: 2022, 2023, 2025, 2026)" in cond.text


def test_this_years_title_may_come_from_the_same_round() -> None:
    facts = person("CSTD_TINH", "CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh",
                   awards=(cstdcs(2024), cstdcs(2025)), initiatives=(PROVINCE_IDEA,),
                   same_round=(SiblingNomination("CSTDCS", 2026, "Tổng kết 2026", "du_dieu_kien"),))
    cond = by_code(evaluate(facts), "titles_CSTDCS")
    assert cond.status is MET and "2026 đang đề nghị trong đợt này" in cond.text


def test_ad_hoc_awards_do_not_count_towards_a_merit_title() -> None:
    facts = person("CSTD_TINH", "CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh",
                   awards=(cstdcs(2024, AchievementKind.AD_HOC), cstdcs(2025), cstdcs(2026)),
                   initiatives=(PROVINCE_IDEA,))
    cond = by_code(evaluate(facts), "titles_CSTDCS")
    assert cond.status is NOT_MET
    assert "không tính Chiến sĩ thi đua cơ sở năm 2024 (đột xuất)" in cond.text
    assert "Điều 4 khoản 3" in cond.text


def test_interval_counts_from_the_previous_decisions_achievement_period() -> None:
    previous = AwardFact("CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh", 2024, AchievementKind.MERIT,
                         "50/QĐ-UBND", 2025, 2022, 2024)
    facts = person("CSTD_TINH", "CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh",
                   awards=(previous, cstdcs(2024), cstdcs(2025), cstdcs(2026)),
                   initiatives=(PROVINCE_IDEA,))
    cond = by_code(evaluate(facts), "titles_CSTDCS")
    assert cond.status is NOT_MET
    assert "đến năm 2024" in cond.text


def test_missing_history_gives_check_not_a_pass() -> None:
    facts = person("CSTD_TINH", "CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh")
    result = evaluate(facts)
    assert by_code(result, "titles_CSTDCS").status is CHECK
    assert result.status is NOT_MET  # no province initiative either


def test_ldtt_needs_at_least_good_and_missing_rating_is_checked() -> None:
    ldtt = ("LDTT", "LDTT", "Lao động tiên tiến")
    assert evaluate(person(*ldtt, ratings={2026: G})).status is MET
    assert evaluate(person(*ldtt, ratings={2026: RatingLevel.COMPLETED})).status is NOT_MET
    result = evaluate(person(*ldtt))
    assert result.status is CHECK
    assert "Chưa có kết quả xếp loại năm 2026" in by_code(result, "rating").text


def test_cstdcs_needs_ldtt_and_a_unit_initiative_within_quota() -> None:
    idea = InitiativeFact(InitiativeScope.UNIT, 2026, "Sổ tay", "3/QĐ-UBND")
    base = person("CSTDCS", "CSTDCS", "Chiến sĩ thi đua cơ sở", ratings={2026: X},
                  same_round=(SiblingNomination("LDTT", 2026, "Tổng kết 2026", "da_gui"),),
                  quota_used=3, quota_base=20, params={"cstdcs_quota_percent": 15})
    assert evaluate(replace(base, initiatives=(idea,))).status is MET
    no_idea = evaluate(base)
    assert by_code(no_idea, "initiative_co_so").status is NOT_MET
    over = evaluate(replace(base, initiatives=(idea,), quota_used=4))
    assert by_code(over, "quota").status is NOT_MET
    assert "tối đa 15% = 3 — vượt tỷ lệ" in by_code(over, "quota").text


def test_ttldtt_needs_more_than_half_of_members_ldtt() -> None:
    def unit(ldtt: int) -> NominationFacts:
        return replace(person("TTLDTT", "TTLDTT", "Tập thể lao động tiên tiến", ratings={2026: G}),
                       subject=SubjectKind.COLLECTIVE,
                       members=MemberStats(100, 100, 100, ldtt, 5, 0))
    at_50 = by_code(evaluate(unit(50)), "members_ldtt")
    assert at_50.status is NOT_MET and "50/100 thành viên (50%)" in at_50.text
    assert by_code(evaluate(unit(51)), "members_ldtt").status is MET


def test_ttldxs_needs_seventy_percent_ldtt_and_every_condition() -> None:
    def unit(ldtt: int, **kw: object) -> NominationFacts:
        stats = MemberStats(100, 100, 100, ldtt, 1, 0)
        return replace(person("TTLDXS", "TTLDXS", "Tập thể lao động xuất sắc", ratings={2026: X}),
                       subject=SubjectKind.COLLECTIVE, members=replace(stats, **kw))  # type: ignore[arg-type]
    assert by_code(evaluate(unit(69)), "members_ldtt").status is NOT_MET
    assert evaluate(unit(70)).status is MET
    assert by_code(evaluate(unit(80, completed=99)), "members_complete").status is NOT_MET
    assert by_code(evaluate(unit(80, rated=98, completed=98)), "members_complete").status is CHECK
    assert by_code(evaluate(unit(80, cstdcs=0)), "members_cstdcs").status is NOT_MET
    assert by_code(evaluate(unit(80, disciplined_warning_up=1)),
                   "members_discipline").status is NOT_MET


def test_bk_tinh_either_route_of_article_74() -> None:
    bk = ("BK_TINH", "BK_TINH", "Bằng khen của Chủ tịch UBND tỉnh")
    by_titles = evaluate(person(*bk, awards=(cstdcs(2025), cstdcs(2026))))
    assert by_titles.status is MET
    ideas = (InitiativeFact(InitiativeScope.UNIT, 2025), InitiativeFact(InitiativeScope.UNIT, 2026))
    by_ratings = evaluate(person(*bk, ratings={2025: X, 2026: X}, initiatives=ideas))
    assert by_ratings.status is MET
    one_idea = evaluate(person(*bk, ratings={2025: X, 2026: X}, initiatives=ideas[:1],
                               awards=(cstdcs(2026),)))
    assert one_idea.status is NOT_MET
    assert one_idea.failed[0].text.startswith("Chưa đạt điều kiện thứ nhất: ")
    assert ". Chưa đạt điều kiện thứ hai: " in one_idea.failed[0].text


def test_cờ_thi_đua_needs_bloc_leader_else_check() -> None:
    flag = replace(person("CO_TD_TINH", "CO_TD_TINH", "Cờ thi đua", ratings={2026: X}),
                   subject=SubjectKind.COLLECTIVE)
    assert evaluate(flag).status is CHECK
    assert evaluate(replace(flag, bloc_rank=1)).status is MET
    assert evaluate(replace(flag, bloc_rank=2)).status is NOT_MET


def test_discipline_review_blocks_any_award() -> None:
    facts = person("LDTT", "LDTT", "Lao động tiên tiến", ratings={2026: G},
                   disciplines=(DisciplineFact(DisciplineForm.REPRIMAND,
                                               DisciplineStatus.UNDER_REVIEW),))
    result = evaluate(facts)
    assert by_code(result, "discipline_review").status is NOT_MET
    assert "Điều 4 khoản 4" in by_code(result, "discipline_review").source


def test_discipline_in_force_during_the_year_blocks() -> None:
    d = DisciplineFact(DisciplineForm.REPRIMAND, DisciplineStatus.DECIDED, "7/QĐ-UBND",
                       date(2026, 3, 1), date(2027, 2, 28))
    facts = person("LDTT", "LDTT", "Lao động tiên tiến", ratings={2026: G}, disciplines=(d,))
    assert by_code(evaluate(facts), "discipline_period").status is NOT_MET
    ended = replace(d, effective_from=date(2024, 3, 1), effective_to=date(2025, 2, 28))
    assert by_code(evaluate(replace(facts, disciplines=(ended,))),
                   "discipline_period").status is MET


def test_duplicates_with_history_and_other_rounds() -> None:
    ldtt = AwardFact("LDTT", "Lao động tiên tiến", 2026, AchievementKind.MERIT, "9/QĐ-UBND")
    dup = evaluate(person("LDTT", "LDTT", "Lao động tiên tiến", ratings={2026: G}, awards=(ldtt,)))
    assert by_code(dup, "duplicate").status is NOT_MET and "9/QĐ-UBND" in by_code(dup, "duplicate").text
    other = SiblingNomination("LDTT", 2026, "Đợt bổ sung 2026", "da_gui")
    dup2 = evaluate(person("LDTT", "LDTT", "Lao động tiên tiến", ratings={2026: G},
                           other_rounds=(other,)))
    assert "Đợt bổ sung 2026" in by_code(dup2, "duplicate").text
    gone = replace(other, status="tra_lai")
    assert evaluate(person("LDTT", "LDTT", "Lao động tiên tiến", ratings={2026: G},
                           other_rounds=(gone,))).status is MET


def test_unregistered_title_is_flagged() -> None:
    result = evaluate(person("LDTT", "LDTT", "Lao động tiên tiến", ratings={2026: G},
                             registered=False))
    assert by_code(result, "registration").status is CHECK


def test_head_of_unit_rule_switchable() -> None:
    head = person("LDTT", "LDTT", "Lao động tiên tiến", ratings={2026: G}, is_unit_head=True)
    assert all(cond.code != "head_targets" for cond in evaluate(head).conditions)
    ruled = replace(head, head_rule=True)
    assert by_code(evaluate(ruled), "head_targets").status is CHECK
    assert evaluate(replace(ruled, head_targets_met=False)).status is NOT_MET
    assert evaluate(replace(ruled, head_targets_met=True)).status is MET


def test_rule_set_follows_the_round_year() -> None:
    assert rule_set_for(2023).key == "luat_2003"
    assert rule_set_for(2024).key == "luat_2022_nd98"
    assert rule_set_for(2026).key == "luat_2022_nd152"
    old = evaluate(person("CSTD_TINH_2013", "CSTD_TINH", "CSTĐ cấp tỉnh", year=2023,
                          awards=(cstdcs(2022), cstdcs(2023))))
    assert by_code(old, "titles_CSTDCS").source == "Luật TĐKT 2003 (sửa đổi 2013), Điều 22"


@pytest.mark.parametrize("kind", [RoundKind.AD_HOC, RoundKind.THEMATIC])
def test_titles_belong_to_year_end_rounds(kind: RoundKind) -> None:
    result = evaluate(person("LDTT", "LDTT", "Lao động tiên tiến", ratings={2026: G},
                             round_kind=kind))
    assert by_code(result, "title_round").status is CHECK


def test_unknown_award_kind_is_never_passed_silently() -> None:
    result = evaluate(person("HCLD3", "HCLD3", "Huân chương Lao động hạng Ba"))
    assert by_code(result, "no_rule").status is CHECK and result.status is CHECK
