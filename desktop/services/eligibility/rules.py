"""Which conditions apply: chosen by the award kind's lineage and by the legal rule set in
force for the round's year. Rules are a table of small functions, not a chain of ifs."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from desktop.api.eligibility import EligibilityResult as EligibilityResult
from desktop.domain.enums import (
    ConditionStatus,
    InitiativeScope,
    RatingLevel,
    RoundKind,
    SubjectKind,
)
from desktop.services.eligibility import conditions as c
from desktop.services.eligibility.conditions import Condition
from desktop.services.eligibility.facts import NominationFacts


@dataclass(frozen=True)
class RuleSet:
    """The law and decree that govern a round's year (2021–2023 under the old law)."""

    key: str
    law: str
    decree: str
    first_year: int
    last_year: int

    def law_art(self, article: int) -> str:
        return f"{self.law}, Điều {article}"

    def decree_art(self, article: str) -> str:
        # Article numbers are cited only for NĐ 152; older decrees are cited by name.
        return f"{self.decree}, Điều {article}" if "152" in self.decree else self.decree


RULE_SETS = (
    RuleSet("luat_2003", "Luật TĐKT 2003 (sửa đổi 2013)", "NĐ 91/2017/NĐ-CP", 1900, 2023),
    RuleSet("luat_2022_nd98", "Luật TĐKT 2022", "NĐ 98/2023/NĐ-CP", 2024, 2024),
    RuleSet("luat_2022_nd152", "Luật TĐKT 2022", "NĐ 152/2025/NĐ-CP", 2025, 9999),
)


def rule_set_for(year: int) -> RuleSet:
    return next(rs for rs in RULE_SETS if rs.first_year <= year <= rs.last_year)


def overall(conditions: tuple[Condition, ...]) -> ConditionStatus:
    """Không đạt if any condition fails, else cần kiểm tra if any needs a look, else đạt."""
    statuses = {cond.status for cond in conditions}
    if ConditionStatus.NOT_MET in statuses:
        return ConditionStatus.NOT_MET
    if ConditionStatus.CHECK in statuses:
        return ConditionStatus.CHECK
    return ConditionStatus.MET


Rule = Callable[[NominationFacts, RuleSet], list[Condition]]


# -- per award lineage ---------------------------------------------------------------------------
def _ldtt(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    return [c.rating_at_least(f, RatingLevel.GOOD, rs.law_art(24))]


def _cstdcs(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    decided, proposed, _ = c.title_years(f, "LDTT")
    if f.year in decided:
        ldtt = Condition("ldtt", c.MET, f"Đạt Lao động tiên tiến năm {f.year}", rs.law_art(23))
    elif f.year in proposed:
        ldtt = Condition("ldtt", c.MET, f"Đang đề nghị Lao động tiên tiến năm {f.year} trong đợt "
                         "này", rs.law_art(23))
    else:
        rating = c.rating_at_least(f, RatingLevel.GOOD, rs.law_art(23))
        ldtt = Condition("ldtt", c.CHECK if rating.status is c.MET else rating.status,
                         f"Chưa có danh hiệu Lao động tiên tiến năm {f.year}. {rating.text}",
                         rs.law_art(23))
    percent = float(f.params.get("cstdcs_quota_percent", 15))  # type: ignore[arg-type]
    return [ldtt, c.initiatives(f, InitiativeScope.UNIT, 1, f.year, rs.law_art(23)),
            c.quota(f, percent, "Quy định của tỉnh (tham số: tỷ lệ CSTĐ cơ sở)")]


def _cstd_tinh(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    return [c.consecutive_titles(f, "CSTDCS", "Chiến sĩ thi đua cơ sở", 3, rs.law),
            c.initiatives(f, InitiativeScope.PROVINCE, 1, f.year - 2, rs.law_art(22))]


def _cstd_tq(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    decided, _, _ = c.title_years(f, "CSTD_TINH")
    awards = sorted((a for a in f.awards if a.lineage == "CSTD_TINH"), key=lambda a: a.year)
    consecutive = any(b.period_from_year is not None and a.period_to_year is not None and
                      b.period_from_year == a.period_to_year + 1
                      for a, b in itertools.pairwise(awards))
    if consecutive:
        titles = Condition("titles_CSTD_TINH", c.MET, "Có 02 lần liên tục đạt Chiến sĩ thi đua "
                           f"cấp tỉnh ({c.years_text(decided)})", rs.law_art(21))
    elif len(awards) >= 2:
        titles = Condition("titles_CSTD_TINH", c.CHECK, "Có 02 lần đạt Chiến sĩ thi đua cấp tỉnh "
                           f"({c.years_text(decided)}) nhưng chưa rõ thời kỳ thành tích có liền "
                           "nhau không", rs.law_art(21))
    else:
        titles = Condition("titles_CSTD_TINH", c.NOT_MET, "Chưa đủ 02 lần liên tục đạt Chiến sĩ "
                           f"thi đua cấp tỉnh (có: {c.years_text(decided)})", rs.law_art(21))
    return [titles, c.initiatives(f, InitiativeScope.NATIONAL, 1, f.year - 5, rs.law_art(21)),
            c.manual("council_90", "Hội đồng TĐKT cấp tỉnh bỏ phiếu kín, từ 90% tổng số thành "
                     "viên đồng ý", rs.decree_art("33 khoản 5"))]


def _ttldtt(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    return [c.rating_at_least(f, RatingLevel.GOOD, rs.law_art(28)),
            c.members_share_ldtt(f, 50, True, rs.law_art(28)),
            c.members_no_discipline(f, rs.law_art(28))]


def _ttldxs(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    return [c.rating_at_least(f, RatingLevel.EXCELLENT, rs.law_art(27)),
            c.members_all_complete(f, rs.law_art(27)),
            c.members_share_ldtt(f, 70, False, rs.law_art(27)),
            c.members_have_cstdcs(f, rs.law_art(27)),
            c.members_no_discipline(f, rs.law_art(27))]


def _co_tinh(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    return [c.bloc_leader(f, rs.law_art(26)),
            c.rating_at_least(f, RatingLevel.EXCELLENT, rs.law_art(26))]


def _bk_tinh(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    source = f"{rs.law}, Điều 74 khoản 1 điểm d" if "2022" in rs.law else rs.law
    if f.subject is SubjectKind.INDIVIDUAL:
        route_a = c.consecutive_titles(f, "CSTDCS", "Chiến sĩ thi đua cơ sở", 2, source)
        route_b_ratings = c.consecutive_ratings(f, RatingLevel.EXCELLENT, 2, source)
        route_b_ideas = c.initiatives(f, InitiativeScope.UNIT, 2, f.year - 1, source)
        if route_a.status is c.MET:
            return [route_a]
        if route_b_ratings.status is c.MET and route_b_ideas.status is c.MET:
            return [route_b_ratings, route_b_ideas]
        best = c.CHECK if c.CHECK in (route_a.status, route_b_ratings.status) else c.NOT_MET
        return [Condition("bk_tinh_routes", best,
                          "Chưa đạt cả hai điều kiện: (1) " + route_a.text + "; (2) " +
                          route_b_ratings.text + " và " + route_b_ideas.text, source)]
    if f.subject is SubjectKind.COLLECTIVE:
        return [c.consecutive_ratings(f, RatingLevel.EXCELLENT, 2, rs.law_art(74))]
    return [c.manual("household", "Hộ gia đình: thành tích xuất sắc do Hội đồng đánh giá",
                     rs.law_art(74))]


def _bk_ttg(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    earlier = [a for a in f.awards if a.lineage == "BK_TINH" and a.year < f.year]
    if earlier:
        last = max(earlier, key=lambda a: a.year)
        base = Condition("bk_tinh_before", c.MET, f"Đã có Bằng khen cấp tỉnh năm {last.year}",
                         rs.law_art(73))
    else:
        base = Condition("bk_tinh_before", c.NOT_MET, "Chưa có Bằng khen cấp bộ, tỉnh trước đó",
                         rs.law_art(73))
    out = [base, c.consecutive_ratings(f, RatingLevel.EXCELLENT, 5, rs.law_art(73))]
    if f.subject is SubjectKind.INDIVIDUAL:
        out.append(c.initiatives(f, InitiativeScope.UNIT, 5, f.year - 4, rs.law_art(73)))
    return out


def _giay_khen(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    source = "Quy định của tỉnh (Luật TĐKT 2022, Điều 75 khoản 2)"
    if f.subject is SubjectKind.HOUSEHOLD:
        return [c.manual("household", "Hộ gia đình: thành tích do Hội đồng đánh giá theo tiêu "
                         "chuẩn tỉnh quy định", source)]
    if f.round_kind is RoundKind.YEAR_END:
        return [c.rating_at_least(f, RatingLevel.GOOD, source)]
    return [c.manual("achievement", f"Thành tích {f.round_kind.label.lower()} do Hội đồng đánh giá",
                     source)]


def _family(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    return [c.manual("nd86", "Tiêu chuẩn Gia đình văn hóa theo Nghị định 86/2023/NĐ-CP và quy "
                     "định của tỉnh; cần xác nhận của thôn, tổ dân phố", "Nghị định 86/2023/NĐ-CP")]


def _village(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    return [c.manual("nd86", "Tiêu chuẩn thôn, tổ dân phố văn hóa theo Nghị định 86/2023/NĐ-CP "
                     "và quy định của tỉnh", "Nghị định 86/2023/NĐ-CP")]


def _commune(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    return [c.bloc_leader(f, rs.decree_art("8")),
            c.rating_at_least(f, RatingLevel.EXCELLENT, rs.law_art(29))]


def _flag_gov(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    return [c.bloc_leader(f, rs.decree_art("7")),
            c.manual("cp_quota", "Số đề nghị không quá 20% số đơn vị dẫn đầu đạt Cờ thi đua của "
                     "tỉnh; Hội đồng bỏ phiếu từ 80% tổng số thành viên", rs.decree_art("7, 33"))]


RULES: dict[str, Rule] = {
    "LDTT": _ldtt,
    "CSTDCS": _cstdcs,
    "CSTD_TINH": _cstd_tinh,
    "CSTD_TQ": _cstd_tq,
    "TTLDTT": _ttldtt,
    "TTLDXS": _ttldxs,
    "CO_TD_TINH": _co_tinh,
    "CO_TD_CP": _flag_gov,
    "BK_TINH": _bk_tinh,
    "BK_TTG": _bk_ttg,
    "GIAY_KHEN": _giay_khen,
    "GDVH": _family,
    "THON_VH": _village,
    "XA_TB": _commune,
}
TITLE_LINEAGES = {"LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "TTLDTT", "TTLDXS", "CO_TD_TINH",
                  "CO_TD_CP", "GDVH", "THON_VH", "XA_TB"}
MERIT_ROUNDS = {RoundKind.YEAR_END}


def evaluate(f: NominationFacts) -> EligibilityResult:
    """Every condition for one nomination, specific ones first, then the general rules."""
    rs = rule_set_for(f.year)
    rule = RULES.get(f.award_lineage)
    if rule is None:
        specific = [c.manual("no_rule", f"Chưa có quy tắc tự động cho “{f.award_name}”; cần kiểm "
                             "tra theo tiêu chuẩn quy định", rs.law)]
    elif f.award_lineage in TITLE_LINEAGES and f.round_kind not in MERIT_ROUNDS:
        specific = [c.manual("title_round", f"Danh hiệu thi đua thường xét trong đợt tổng kết "
                             f"năm, không phải đợt {f.round_kind.label.lower()}", rs.law)]
    else:
        specific = rule(f, rs)
    general = [c.no_discipline_review(f, rs.decree_art("4 khoản 4")),
               c.discipline_in_year(f, rs.decree_art("4 khoản 4")),
               c.no_duplicate(f, f"{rs.law}, Điều 5")]
    if f.award_lineage in TITLE_LINEAGES and f.registered is not None:
        general.append(c.registered(f, "Đăng ký thi đua đầu năm"))
    if f.head_rule and f.is_unit_head:
        general.append(c.head_of_unit_targets(
            f, f.head_directive or "Chỉ thị phát động phong trào thi đua của tỉnh"))
    conditions = tuple(specific + general)
    return EligibilityResult(f.nomination_id, rs.key, conditions, overall(conditions))
