"""Which conditions apply: chosen by the award kind's lineage and by the legal rule set in
force for the round's year. Rules are a table of small functions, not a chain of ifs."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from desktop.api.eligibility import EligibilityResult as EligibilityResult
from desktop.domain.enums import (
    AchievementKind,
    ConditionStatus,
    InitiativeScope,
    RatingLevel,
    RoundKind,
    SubjectKind,
)
from desktop.services.eligibility import conditions as c
from desktop.services.eligibility.conditions import Condition
from desktop.services.eligibility.facts import AwardFact, NominationFacts


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


# Citations the domain reference could not confirm carry this mark (see TDKT-reference.md).
UNSURE = " – chưa chắc chắn"


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
    out = [c.rating_at_least(f, RatingLevel.GOOD, rs.law_art(24))]
    value = f.params.get("ldtt_min_months_worked", 10)
    minimum = value if isinstance(value, int) else 10  # an edited non-number: the default
    months = c.months_worked(f, minimum, _months_source(rs), rs.decree_art("4 khoản 5"))
    if months is not None:
        out.append(months)
    return out


def _months_source(rs: RuleSet) -> str:
    """The months rule is the province's (old practice: TT 12/2019/TT-BNV), not the Law's."""
    old = "Thông tư 12/2019/TT-BNV (quy định cũ)"
    if "152" in rs.decree:
        return f"Quy định của tỉnh theo {rs.decree_art('6 khoản 2')}; {old}{UNSURE}"
    return f"Quy định của tỉnh; {old}{UNSURE}"


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
    rounding = str(f.params.get("cstdcs_quota_rounding", "down"))
    return [ldtt, c.initiatives(f, InitiativeScope.UNIT, 1, f.year, rs.law_art(23)),
            c.quota(f, percent, _quota_source(rs), rounding, rs.decree_art("4 khoản 6"))]


def _quota_source(rs: RuleSet) -> str:
    old = "NĐ 91/2017/NĐ-CP, Điều 9 khoản 3 (tỷ lệ 15%, quy định cũ)"
    if "152" in rs.decree:
        return f"Quy định của tỉnh theo {rs.decree_art('6 khoản 2')}; {old}{UNSURE}"
    return f"Quy định của tỉnh; {old}{UNSURE}"


def _cstd_tinh(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    return [c.consecutive_titles(f, "CSTDCS", "Chiến sĩ thi đua cơ sở", 3, rs.law_art(22)),
            c.initiatives(f, InitiativeScope.PROVINCE, 1, f.year - 2, rs.law_art(22))]


def _cstd_tq(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    return [_two_cstd_tinh(f, rs),
            c.initiatives(f, InitiativeScope.NATIONAL, 1, f.year - 5, rs.law_art(21)),
            c.manual("council_90", "Hội đồng TĐKT cấp tỉnh bỏ phiếu kín, từ 90% tổng số thành "
                     "viên đồng ý", rs.decree_art("33 khoản 5"))]


def _decision(a: AwardFact) -> str:
    return f"QĐ {a.decision_number or 'không rõ số'}"


def _two_cstd_tinh(f: NominationFacts, rs: RuleSet) -> Condition:
    """Two consecutive CSTĐ cấp tỉnh (Law Art 21): consecutive achievement periods as written in
    the decisions; "cần kiểm tra" only where a decision records no period. Ad-hoc awards are no
    ground (NĐ 152 Art 4.3); periods before an earlier CSTĐ toàn quốc no longer count (Art 33.7)."""
    code, source = "titles_CSTD_TINH", rs.law_art(21)
    floor, why = c.counting_floor(f)
    title = "Chiến sĩ thi đua cấp tỉnh"
    merit = [a for a in f.awards if a.lineage == "CSTD_TINH" and a.year <= f.year]
    notes = [f"không tính {a.name} năm {a.year} ({a.achievement.label.lower()}, "
             f"{rs.decree_art('4 khoản 3')})"
             for a in merit if a.achievement is not AchievementKind.MERIT]
    merit = [a for a in merit if a.achievement is AchievementKind.MERIT]
    if floor:
        notes += [f"không tính {a.name} năm {a.year}: {why}" for a in merit
                  if a.period_end_year <= floor]
        merit = [a for a in merit if a.period_end_year > floor]
    merit.sort(key=lambda a: (a.period_from_year or a.year, a.year))
    suffix = f" ({'; '.join(notes)})" if notes else ""

    def shown(a: AwardFact) -> str:
        return f"{a.period_text} ({_decision(a)})" if a.has_period else \
            f"năm {a.year} ({_decision(a)}, chưa ghi thời kỳ thành tích)"

    unknown: list[tuple[AwardFact, AwardFact]] = []
    for a, b in itertools.pairwise(merit):
        if a.has_period and b.has_period:
            assert a.period_to_year is not None  # has_period; says so to the type checker
            if b.period_from_year == a.period_to_year + 1:
                return Condition(code, c.MET, f"Có 02 lần liên tục đạt {title}: thời kỳ thành "
                                 f"tích {shown(a)} và {shown(b)}{suffix}", source)
        else:
            unknown.append((a, b))
    if unknown:
        a, b = unknown[-1]
        missing = " và ".join(f"năm {x.year} ({_decision(x)})" for x in (a, b) if not x.has_period)
        return Condition(code, c.CHECK, f"Có {c.count_text(len(merit))} lần đạt {title} "
                         f"({c.years_text(x.year for x in merit)}); quyết định {missing} chưa ghi "
                         "thời kỳ thành tích nên cần kiểm tra hai thời kỳ có liền nhau "
                         f"không{suffix}", rs.law_art(21) + "; " + rs.decree_art("33 khoản 7"))
    if len(merit) >= 2:
        periods = ", ".join(shown(a) for a in merit[:-1]) + " và " + shown(merit[-1])
        return Condition(code, c.NOT_MET, f"Chưa có 02 lần liên tục đạt {title}: các thời kỳ "
                         f"thành tích {periods} không liền nhau{suffix}", source)
    return Condition(code, c.NOT_MET, f"Chưa đủ 02 lần liên tục đạt {title} (có: "
                     f"{c.years_text(a.year for a in merit)}){suffix}", source)


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
    """The leading unit; a bloc allowed several flags (its own count within the province's
    ``flags_per_bloc``) takes its first ``bloc_flags`` ranked units."""
    source = rs.law_art(26)
    if f.bloc_flags > 1:
        source += (f"; số Cờ thi đua của khối, cụm theo quy định của tỉnh "
                   f"({rs.decree_art('6 khoản 2')}){UNSURE}")
    return [c.bloc_leader(f, source, f.bloc_flags),
            c.rating_at_least(f, RatingLevel.EXCELLENT, rs.law_art(26))]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _bk_tinh(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    source = f"{rs.law}, Điều 74 khoản 1 điểm d" if "2022" in rs.law else rs.law_art(72)
    if f.subject is SubjectKind.INDIVIDUAL:
        route_a = c.consecutive_titles(f, "CSTDCS", "Chiến sĩ thi đua cơ sở", 2, source)
        route_b_ratings = c.consecutive_ratings(f, RatingLevel.EXCELLENT, 2, source)
        route_b_ideas = c.initiatives(f, InitiativeScope.UNIT, 2, f.year - 1, source)
        if route_a.status is c.MET:
            return [route_a]
        if route_b_ratings.status is c.MET and route_b_ideas.status is c.MET:
            return [route_b_ratings, route_b_ideas]
        best = c.CHECK if c.CHECK in (route_a.status, route_b_ratings.status) else c.NOT_MET
        joined = " nhưng " if c.MET in (route_b_ratings.status, route_b_ideas.status) else \
            "; đồng thời "
        return [Condition("bk_tinh_routes", best,
                          f"Chưa đạt điều kiện thứ nhất: {_lower_first(route_a.text)}. Chưa đạt "
                          f"điều kiện thứ hai: {_lower_first(route_b_ratings.text)}{joined}"
                          f"{_lower_first(route_b_ideas.text)}.", source)]
    if f.subject is SubjectKind.COLLECTIVE:
        return [c.consecutive_ratings(f, RatingLevel.EXCELLENT, 2, rs.law_art(74))]
    return [c.manual("household", "Hộ gia đình: thành tích xuất sắc do Hội đồng đánh giá",
                     rs.law_art(74))]


def _bk_ttg(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    """An earlier Bằng khen bộ, tỉnh for merit (not đột xuất or chuyên đề: NĐ 152 Art 4.3),
    then 05 years "hoàn thành xuất sắc nhiệm vụ" after its achievement period (Art 33.7)."""
    n = 5
    interval = rs.decree_art("33 khoản 7")
    earlier = [a for a in f.awards if a.lineage == "BK_TINH" and a.year < f.year]
    merit = [a for a in earlier if a.achievement is AchievementKind.MERIT]
    ignored = [f"{a.name} năm {a.year} ({a.achievement.label.lower()})" for a in earlier
               if a.achievement is not AchievementKind.MERIT]
    not_ground = (f"; không tính {'; '.join(ignored)} vì khen thưởng đột xuất, chuyên đề không "
                  f"làm căn cứ đề nghị khen thưởng công trạng cao hơn ({rs.decree_art('4 khoản 3')})"
                  if ignored else "")
    after: tuple[int, str] | None = None
    if merit:
        # The ground: the latest merit Bằng khen with room for the whole run after it.
        fitting = [a for a in merit if a.period_end_year <= f.year - n]
        ground = max(fitting or merit, key=lambda a: (a.period_end_year, a.year))
        end = ground.period_end_year
        period = (f"thời kỳ thành tích {ground.period_text}" if ground.has_period
                  else f"chưa ghi thời kỳ thành tích, tính từ năm quyết định {end}")
        base = Condition("bk_tinh_before", c.MET, f"Đã có {ground.name} năm {ground.year} "
                         f"({_decision(ground)}, {period}){not_ground}",
                         rs.law_art(73) + (f"; {rs.decree_art('4 khoản 3')}" if ignored else ""))
        after = (end, f"chỉ tính các năm sau {ground.name} làm căn cứ ({_decision(ground)}, "
                      f"đến năm {end})")
    else:
        base = Condition("bk_tinh_before", c.NOT_MET, "Chưa có Bằng khen cấp bộ, tỉnh cho thành "
                         f"tích công trạng trước đó{not_ground}",
                         rs.law_art(73) + (f"; {rs.decree_art('4 khoản 3')}" if ignored else ""))
    ratings = c.consecutive_ratings(f, RatingLevel.EXCELLENT, n, rs.law_art(73), after)
    if after is not None and ratings.status is c.NOT_MET and "không tính" in ratings.text:
        ratings = Condition(ratings.code, ratings.status, ratings.text,
                            f"{rs.law_art(73)}; {interval}")
    out = [base, ratings]
    if f.subject is SubjectKind.INDIVIDUAL:
        first = max(f.year - n + 1, after[0] + 1) if after is not None else f.year - n + 1
        out.append(c.initiatives(f, InitiativeScope.UNIT, n, first, rs.law_art(73)))
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
                     "định của tỉnh; cần xác nhận của thôn, tổ dân phố",
                     f"{rs.law_art(31)}; Nghị định 86/2023/NĐ-CP")]


def _village(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    return [c.manual("nd86", "Tiêu chuẩn thôn, tổ dân phố văn hóa theo Nghị định 86/2023/NĐ-CP "
                     "và quy định của tỉnh", f"{rs.law_art(30)}; Nghị định 86/2023/NĐ-CP")]


def _commune(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    return [c.bloc_leader(f, rs.decree_art("8")),
            c.rating_at_least(f, RatingLevel.EXCELLENT, rs.law_art(29))]


def _flag_gov(f: NominationFacts, rs: RuleSet) -> list[Condition]:
    return [c.bloc_leader(f, rs.decree_art("7")),
            c.manual("cp_quota", "Số đề nghị không quá 20% số đơn vị dẫn đầu đạt Cờ thi đua của "
                     "tỉnh; Hội đồng bỏ phiếu từ 80% tổng số thành viên",
                     rs.decree_art("7 khoản 1; Điều 33 khoản 5"))]


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
                             "tra theo tiêu chuẩn quy định", f.award_legal or rs.law_art(7))]
    elif f.award_lineage in TITLE_LINEAGES and f.round_kind not in MERIT_ROUNDS:
        specific = [c.manual("title_round", f"Danh hiệu thi đua thường xét trong đợt tổng kết "
                             f"năm, không phải đợt {f.round_kind.label.lower()}",
                             f"{rs.law_art(16)}, 17 (danh hiệu xét khi tổng kết phong trào thi "
                             "đua thường xuyên)")]
    else:
        specific = rule(f, rs)
    general = [c.no_discipline_review(f, rs.decree_art("4 khoản 4")),
               c.discipline_in_year(f, rs.decree_art("4 khoản 4")),
               c.no_duplicate(f, f"{rs.law}, Điều 5")]
    if f.award_lineage in TITLE_LINEAGES and f.registered is not None:
        general.append(c.registered(f, f"{rs.law_art(6)} khoản 1 (căn cứ xét tặng danh hiệu "
                                       f"thi đua: đăng ký thi đua){UNSURE}"))
    if f.head_rule and f.is_unit_head:
        general.append(c.head_of_unit_targets(
            f, f.head_directive or "Chỉ thị phát động phong trào thi đua của tỉnh (phong trào chưa "
            "ghi số chỉ thị)"))
    conditions = tuple(specific + general)
    return EligibilityResult(f.nomination_id, rs.key, conditions, overall(conditions))
