"""Small pure conditions of eligibility. Each returns a Condition that says, in Vietnamese,
đạt / không đạt / cần kiểm tra, why, and on which legal text it rests."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from desktop.api.eligibility import Condition as Condition
from desktop.domain.enums import (
    AchievementKind,
    ConditionStatus,
    DisciplineStatus,
    InitiativeScope,
    LeaveKind,
    NominationStatus,
    RatingLevel,
)
from desktop.services.eligibility.facts import NominationFacts, QuotaCandidate

MET, NOT_MET, CHECK = ConditionStatus.MET, ConditionStatus.NOT_MET, ConditionStatus.CHECK

RATING_ORDER = {RatingLevel.NOT_COMPLETED: 0, RatingLevel.COMPLETED: 1, RatingLevel.GOOD: 2,
                RatingLevel.EXCELLENT: 3}
LEAVE_KINDS = frozenset(k.value for k in LeaveKind)
SCOPE_ORDER = {InitiativeScope.UNIT: 1, InitiativeScope.PROVINCE: 2, InitiativeScope.NATIONAL: 3}
# Nominations that no longer stand (they neither count as evidence nor as duplicates).
DEAD_STATUSES = {NominationStatus.RETURNED.value, NominationStatus.REJECTED.value,
                 NominationStatus.INELIGIBLE.value}


def years_text(years: Iterable[int]) -> str:
    ordered = sorted(set(years))
    return ", ".join(str(y) for y in ordered) if ordered else "không có năm nào"


def count_text(n: int) -> str:
    """Counts as written in decisions: 03 năm, 05 sáng kiến."""
    return f"{n:02d}"


# -- what the history says -------------------------------------------------------------------
def title_years(f: NominationFacts, lineage: str) -> tuple[set[int], set[int], list[str]]:
    """Years with a merit award of ``lineage``; years only proposed in this round; and notes on
    ad-hoc/thematic awards that NĐ 152 Art 4.3 forbids counting."""
    decided: set[int] = set()
    ignored: list[str] = []
    for award in f.awards:
        if award.lineage != lineage:
            continue
        if award.achievement is AchievementKind.MERIT:
            decided.add(award.year)
        else:
            ignored.append(f"{award.name} năm {award.year} ({award.achievement.label.lower()})")
    proposed = {s.year for s in f.same_round
                if s.lineage == lineage and s.status not in DEAD_STATUSES} - decided
    return decided, proposed, ignored


def counting_floor(f: NominationFacts) -> tuple[int, str]:
    """The last year that can no longer count: the end of the achievement period of the previous
    award of the same kind (NĐ 152 Art 33.7) or the end of a discipline (Art 4.4)."""
    floor, why = 0, ""
    for award in f.awards:
        if award.lineage == f.award_lineage and award.year < f.year and \
                award.achievement is AchievementKind.MERIT and award.period_end_year > floor:
            floor = award.period_end_year
            why = (f"chỉ tính từ sau thời kỳ thành tích của {award.name} đã nhận "
                   f"(QĐ {award.decision_number or 'không rõ số'}, đến năm {floor})")
    for d in f.disciplines:
        if d.status is DisciplineStatus.DECIDED and d.effective_to and d.effective_to.year > floor \
                and d.effective_to.year < f.year:
            floor = d.effective_to.year
            why = f"thành tích chỉ tính từ sau thời hạn kỷ luật (hết năm {floor})"
    return floor, why


def run_back(years: set[int], end: int, floor: int) -> list[int]:
    run: list[int] = []
    year = end
    while year in years and year > floor:
        run.append(year)
        year -= 1
    return sorted(run)


# -- individual conditions --------------------------------------------------------------------
def rating_at_least(f: NominationFacts, level: RatingLevel, source: str,
                    year: int | None = None) -> Condition:
    year = year or f.year
    rating = f.ratings.get(year)
    if rating is None:
        return Condition("rating", CHECK, f"Chưa có kết quả xếp loại năm {year}; cần "
                         f"“{level.label}” trở lên", source)
    ok = RATING_ORDER[rating] >= RATING_ORDER[level]
    verdict = "đạt yêu cầu" if ok else f"chưa đạt mức “{level.label}”"
    return Condition("rating", MET if ok else NOT_MET,
                     f"Năm {year} xếp loại “{rating.label}” — {verdict}", source)


def consecutive_ratings(f: NominationFacts, level: RatingLevel, n: int, source: str,
                        after: tuple[int, str] | None = None) -> Condition:
    """n consecutive years ending in the award year, each rated ``level`` or better; only years
    after the previous award's achievement period count (NĐ 152 Art 33.7), or after ``after``
    (the year an earlier award used as ground ends, and why) when that is later."""
    floor, why = counting_floor(f)
    if after is not None and after[0] > floor:
        floor, why = after
    years = list(range(f.year - n + 1, f.year + 1))
    missing = [y for y in years if y not in f.ratings]
    low = [y for y in years if y in f.ratings and RATING_ORDER[f.ratings[y]] < RATING_ORDER[level]]
    too_early = [y for y in years if y <= floor]
    code = f"ratings_{n}"
    need = f"{count_text(n)} năm liên tục “{level.label}” ({years_text(years)})"
    if low or too_early:
        parts = []
        if low:
            parts.append("năm " + ", ".join(f"{y}: {f.ratings[y].label}" for y in low))
        if too_early:
            parts.append(f"năm {years_text(too_early)} không tính: {why}")
        return Condition(code, NOT_MET, f"Chưa đủ {need}: {'; '.join(parts)}", source)
    if missing:
        return Condition(code, CHECK, f"Cần {need}; chưa có kết quả xếp loại năm "
                         f"{years_text(missing)}", source)
    return Condition(code, MET, f"Đủ {need}", source)


def consecutive_titles(f: NominationFacts, lineage: str, title: str, n: int,
                       source: str) -> Condition:
    """n consecutive years of a merit title ending in the award year (Art 33.7 interval)."""
    decided, proposed, ignored = title_years(f, lineage)
    floor, why = counting_floor(f)
    run = run_back(decided | proposed, f.year, floor)
    have = sorted(y for y in decided | proposed if y > f.year - 10)
    notes = []
    if proposed & set(run):
        notes.append(f"năm {years_text(proposed & set(run))} đang đề nghị trong đợt này")
    if ignored:
        notes.append("không tính " + "; ".join(ignored) + " (NĐ 152/2025 Điều 4 khoản 3)")
    if floor and why and any(y <= floor for y in have):
        notes.append(why)
    suffix = f" ({'; '.join(notes)})" if notes else ""
    if len(run) >= n:
        return Condition(f"titles_{lineage}", MET, f"Đủ {count_text(n)} năm liên tục đạt {title}: "
                         f"{years_text(run[-n:])}{suffix}", source)
    if not f.awards and not f.ratings:
        return Condition(f"titles_{lineage}", CHECK, f"Chưa có dữ liệu lịch sử khen thưởng để xác "
                         f"định {count_text(n)} năm liên tục đạt {title}", source)
    return Condition(f"titles_{lineage}", NOT_MET, f"Chưa đủ {count_text(n)} năm liên tục đạt "
                     f"{title} (có: {years_text(have)}){suffix}", source)


def initiatives(f: NominationFacts, scope: InitiativeScope, needed: int, first_year: int,
                source: str) -> Condition:
    matching = [i for i in f.initiatives if first_year <= i.year <= f.year
                and SCOPE_ORDER[i.scope] >= SCOPE_ORDER[scope]]
    period = f"năm {f.year}" if first_year == f.year else f"từ {first_year} đến {f.year}"
    what = f"{count_text(needed)} sáng kiến được công nhận phạm vi {scope.label.lower()} trở lên"
    if len(matching) >= needed:
        shown = "; ".join(f"{i.year}: QĐ {i.decision_number or 'không rõ số'}" for i in matching[:5])
        return Condition(f"initiative_{scope.value}", MET, f"Có {what} {period} ({shown})", source)
    return Condition(f"initiative_{scope.value}", NOT_MET,
                     f"Cần {what} {period}; mới có {len(matching)}", source)


def no_discipline_review(f: NominationFacts, source: str) -> Condition:
    open_reviews = [d for d in f.disciplines if d.status is DisciplineStatus.UNDER_REVIEW]
    if open_reviews:
        return Condition("discipline_review", NOT_MET, "Đang trong thời gian xem xét kỷ luật "
                         f"({open_reviews[0].form.label.lower()}): chưa được khen thưởng, chưa "
                         "được đề nghị cấp trên khen thưởng", source)
    return Condition("discipline_review", MET, "Không đang bị xem xét kỷ luật", source)


def discipline_in_year(f: NominationFacts, source: str) -> Condition:
    for d in f.disciplines:
        if d.status is not DisciplineStatus.DECIDED:
            continue
        start = d.effective_from.year if d.effective_from else None
        end = d.effective_to.year if d.effective_to else None
        if start is None and end is None:
            return Condition("discipline_period", CHECK, f"Có quyết định kỷ luật "
                             f"{d.form.label.lower()} ({d.decision_number}) chưa ghi thời hạn; cần "
                             f"kiểm tra có còn hiệu lực năm {f.year} không", source)
        if (start or 0) <= f.year <= (end or start or 0):
            return Condition("discipline_period", NOT_MET, f"Bị kỷ luật {d.form.label.lower()} "
                             f"(QĐ {d.decision_number}) còn hiệu lực trong năm {f.year}", source)
    return Condition("discipline_period", MET, f"Không bị kỷ luật trong năm {f.year}", source)


def no_duplicate(f: NominationFacts, source: str) -> Condition:
    for award in f.awards:
        if award.lineage == f.award_lineage and award.year == f.year:
            return Condition("duplicate", NOT_MET, f"Trùng: đã được tặng {award.name} năm {f.year} "
                             f"(QĐ {award.decision_number or 'không rõ số'})", source)
    for other in f.other_rounds:
        if other.lineage == f.award_lineage and other.year == f.year and \
                other.status not in DEAD_STATUSES:
            return Condition("duplicate", NOT_MET, f"Trùng: đã có đề nghị {f.award_name} năm "
                             f"{f.year} trong “{other.round_name}”", source)
    twins = [s for s in f.same_round if s.lineage == f.award_lineage and
             s.status not in DEAD_STATUSES]
    if twins:
        return Condition("duplicate", NOT_MET, f"Trùng: đối tượng có {len(twins) + 1} đề nghị "
                         f"{f.award_name} trong cùng đợt", source)
    return Condition("duplicate", MET, "Không trùng với khen thưởng hoặc đề nghị khác", source)


def registered(f: NominationFacts, source: str) -> Condition:
    if f.registered:
        return Condition("registration", MET, f"Đã đăng ký thi đua “{f.award_name}” năm {f.year}",
                         source)
    return Condition("registration", CHECK, f"Không thấy bản đăng ký thi đua “{f.award_name}” "
                     f"năm {f.year}; cần kiểm tra", source)


def head_of_unit_targets(f: NominationFacts, source: str) -> Condition:
    if f.head_targets_text:  # the directive and each missed target named by the loader
        met = f.head_targets_met
        status = MET if met is True else NOT_MET if met is False else CHECK
        return Condition("head_targets", status, f.head_targets_text, source)
    if f.head_targets_met is True:
        return Condition("head_targets", MET, "Là người đứng đầu; đơn vị hoàn thành các chỉ tiêu "
                         "được giao", source)
    if f.head_targets_met is False:
        return Condition("head_targets", NOT_MET, "Là người đứng đầu đơn vị không hoàn thành chỉ "
                         "tiêu được giao: không xét khen thưởng", source)
    return Condition("head_targets", CHECK, "Là người đứng đầu: cần xác nhận đơn vị đã hoàn thành "
                     "các chỉ tiêu được giao", source)


# How the CSTĐ cơ sở quota is rounded (province parameter ``cstdcs_quota_rounding``).
QUOTA_ROUNDING = {
    "down": "làm tròn xuống",
    "nearest": "làm tròn đến số gần nhất",
    "at_least_one": "làm tròn xuống, nhưng ít nhất 01 khi đơn vị có Lao động tiên tiến",
}


def decimal_text(value: Decimal) -> str:
    """3 → "3", 1.50 → "1,5" (Vietnamese decimal comma)."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def quota_allowed(base: int, percent: float, rounding: str) -> tuple[int, Decimal]:
    """The most CSTĐ cơ sở a unit with ``base`` LĐTT may propose, and the exact share."""
    exact = Decimal(base) * Decimal(str(percent)) / Decimal(100)
    if rounding == "nearest":
        allowed = int(exact.to_integral_value(rounding=ROUND_HALF_UP))
    else:
        allowed = int(exact.to_integral_value(rounding=ROUND_FLOOR))
        if rounding == "at_least_one" and base > 0:
            allowed = max(allowed, 1)
    return allowed, exact


def _merit_key(c: QuotaCandidate) -> tuple[int, int, int]:
    rating = RATING_ORDER[c.rating] if c.rating is not None else -1
    return (rating, c.best_scope, c.initiatives)


def _who(c: QuotaCandidate) -> str:
    return f"{c.name} (nữ)" if c.female else c.name


def keep_proposal(f: NominationFacts, allowed: int, tie_source: str) -> str:
    """Which of the unit's CSTĐ cơ sở nominations to keep: by merit (rating of the year, the
    widest scope and the number of initiatives), women first among equals (NĐ 152 Art 4.6)."""
    ranked = sorted(f.quota_candidates,
                    key=lambda c: (tuple(-k for k in _merit_key(c)), not c.female, c.nomination_id))
    if not ranked:
        return ""
    if allowed <= 0:
        return " Theo tỷ lệ, đơn vị chưa được đề nghị Chiến sĩ thi đua cơ sở nào."
    keep, drop = ranked[:allowed], ranked[allowed:]
    if not drop:
        return ""
    text = (f" Đề xuất giữ {count_text(len(keep))} người, xếp theo xếp loại năm {f.year}, phạm "
            "vi và số sáng kiến; khi ngang nhau thì ưu tiên nữ "
            f"({tie_source}): giữ {', '.join(_who(c) for c in keep)}; không giữ "
            f"{', '.join(_who(c) for c in drop)}.")
    last, first_out = keep[-1], drop[0]
    if _merit_key(last) == _merit_key(first_out):
        if last.female and not first_out.female:
            text += (f" {last.name} được ưu tiên hơn {first_out.name} vì ngang thành tích và là "
                     "nữ.")
        else:
            text += (f" {last.name} và {first_out.name} ngang thành tích: cần Hội đồng bình xét "
                     "người được giữ.")
    mine = next((c for c in ranked if c.nomination_id == f.nomination_id), None)
    if mine is not None:
        text += (" Đề nghị này thuộc số đề xuất giữ." if mine in keep
                 else " Đề nghị này thuộc số đề xuất không giữ.")
    return text


def quota(f: NominationFacts, percent: float, source: str, rounding: str = "down",
          tie_source: str = "") -> Condition:
    if rounding not in QUOTA_ROUNDING:
        return Condition("quota", CHECK, "Tham số “Cách làm tròn số CSTĐ cơ sở tối đa” có giá "
                         f"trị không hợp lệ “{rounding}”; cần là down (làm tròn xuống), nearest "
                         "(làm tròn đến số gần nhất) hoặc at_least_one (ít nhất 01)", source)
    if f.quota_used is None or f.quota_base is None:
        return Condition("quota", CHECK, "Chưa xác định được số Lao động tiên tiến của đơn vị để "
                         f"tính tỷ lệ {percent:g}%", source)
    allowed, exact = quota_allowed(f.quota_base, percent, rounding)
    how = f" ({percent:g}% × {f.quota_base} = {decimal_text(exact)}, {QUOTA_ROUNDING[rounding]})"
    text = (f"Đơn vị có {f.quota_used} đề nghị CSTĐ cơ sở, {f.quota_base} Lao động tiên tiến; "
            f"tối đa {percent:g}% = {allowed}")
    if f.quota_used <= allowed:
        return Condition("quota", MET, text + how, source)
    proposal = keep_proposal(f, allowed, tie_source)
    return Condition("quota", NOT_MET, text + " — vượt tỷ lệ" + how + "." + proposal,
                     f"{source}; {tie_source}" if proposal and tie_source else source)


def members_share_ldtt(f: NominationFacts, percent: int, strictly_more: bool,
                       source: str) -> Condition:
    m = f.members
    if m is None or m.members == 0:
        return Condition("members_ldtt", CHECK, "Chưa có danh sách thành viên của tập thể", source)
    share = m.ldtt * 100 / m.members
    ok = share > percent if strictly_more else share >= percent
    need = f"trên {percent}%" if strictly_more else f"từ {percent}% trở lên"
    return Condition("members_ldtt", MET if ok else NOT_MET,
                     f"{m.ldtt}/{m.members} thành viên ({share:.0f}%) đạt Lao động tiên tiến; "
                     f"cần {need}", source)


def members_all_complete(f: NominationFacts, source: str) -> Condition:
    m = f.members
    if m is None or m.members == 0:
        return Condition("members_complete", CHECK, "Chưa có danh sách thành viên", source)
    if m.completed < m.rated:
        return Condition("members_complete", NOT_MET, f"{m.rated - m.completed} thành viên không "
                         "hoàn thành nhiệm vụ; cần 100% hoàn thành", source)
    if m.rated < m.members:
        return Condition("members_complete", CHECK, f"Chưa có xếp loại của {m.members - m.rated}/"
                         f"{m.members} thành viên năm {f.year}", source)
    return Condition("members_complete", MET, f"100% thành viên ({m.members}) hoàn thành nhiệm "
                     "vụ", source)


def members_have_cstdcs(f: NominationFacts, source: str) -> Condition:
    m = f.members
    if m is None:
        return Condition("members_cstdcs", CHECK, "Chưa có danh sách thành viên", source)
    return Condition("members_cstdcs", MET if m.cstdcs else NOT_MET,
                     f"Có {m.cstdcs} cá nhân đạt Chiến sĩ thi đua cơ sở năm {f.year}"
                     + ("" if m.cstdcs else "; cần ít nhất 01"), source)


def members_no_discipline(f: NominationFacts, source: str) -> Condition:
    m = f.members
    if m is None:
        return Condition("members_discipline", CHECK, "Chưa có danh sách thành viên", source)
    if m.disciplined_warning_up:
        return Condition("members_discipline", NOT_MET, f"{m.disciplined_warning_up} thành viên bị "
                         f"kỷ luật từ cảnh cáo trở lên trong năm {f.year}", source)
    return Condition("members_discipline", MET, "Không có thành viên bị kỷ luật từ cảnh cáo trở "
                     "lên", source)


def bloc_leader(f: NominationFacts, source: str, flags: int = 1) -> Condition:
    """The leading unit of its bloc; where the bloc proposes ``flags`` Cờ thi đua (a large bloc,
    as far as the province allows: ``flags_per_bloc``), any of the first ``flags`` ranks."""
    if f.bloc_rank is None:
        return Condition("bloc_leader", CHECK, "Chưa có kết quả xếp hạng khối, cụm thi đua; cần "
                         "xác nhận là đơn vị dẫn đầu", source)
    if f.bloc_rank == 1:
        return Condition("bloc_leader", MET, "Dẫn đầu khối, cụm thi đua", source)
    if flags > 1:
        many = f"khối, cụm được đề nghị {count_text(flags)} Cờ thi đua"
        if f.bloc_rank <= flags:
            return Condition("bloc_leader", MET, f"Xếp thứ {f.bloc_rank} trong khối, cụm; {many} "
                             f"cho {count_text(flags)} đơn vị dẫn đầu", source)
        return Condition("bloc_leader", NOT_MET, f"Xếp thứ {f.bloc_rank} trong khối, cụm; {many} "
                         f"cho {count_text(flags)} đơn vị dẫn đầu", source)
    return Condition("bloc_leader", NOT_MET, f"Xếp thứ {f.bloc_rank} trong khối, cụm; Cờ thi đua "
                     "dành cho đơn vị dẫn đầu", source)


def months_worked(f: NominationFacts, minimum: int, source: str,
                  maternity_source: str) -> Condition | None:
    """At least ``minimum`` months worked in the award year (province parameter
    ``ldtt_min_months_worked``), maternity leave counted as worked (NĐ 152/2025 Art 4.5).

    Nothing recorded gives no condition: the months rule is an old or provincial practice,
    not a criterion of the Law (TDKT-reference §2.1), and a rating for the year is given for
    the whole year; where the months are written, they decide."""
    w = f.work_months
    if w is None or minimum <= 0:
        return None
    leave = w.leave_months or 0
    maternity = leave if w.leave_kind == LeaveKind.MATERNITY.value else 0
    total = w.worked + maternity
    parts = [f"Năm {f.year} làm việc {w.worked} tháng"]
    if leave:
        kind = LeaveKind(w.leave_kind).label.lower() if w.leave_kind in LEAVE_KINDS else \
            "nghỉ dài ngày"
        counted = (" (được tính là thời gian công tác)" if maternity else
                   " (không tính là thời gian công tác)")
        parts.append(f"{kind} {leave} tháng{counted}")
    text = ", ".join(parts)
    if maternity:
        text += f": tổng {total} tháng"
        source = f"{source}; {maternity_source}"
    need = f"cần ít nhất {minimum} tháng công tác trong năm"
    if total >= minimum:
        return Condition("months_worked", MET, f"{text}; {need} — đạt", source)
    return Condition("months_worked", NOT_MET, f"{text}; {need} — chưa đủ", source)


def manual(code: str, text: str, source: str) -> Condition:
    """A criterion the law leaves to people (council, province); always shown, never passed."""
    return Condition(code, CHECK, text, source)
