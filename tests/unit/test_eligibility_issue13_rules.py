"""Issue 13, items 10 and 13: the council's vote result cites its article, every rule's every
condition cites one, a bloc the province allows two Cờ thi đua proposes and accepts its first
two units, the LĐTT months-worked rule reads the province parameter (maternity leave counted
as worked), and no province parameter is left that no code reads. Exact Vietnamese texts."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from itertools import product
from pathlib import Path

import pytest
from bloc_world import build_bloc_world, finish

from desktop.api.council import VoteResult
from desktop.domain.enums import (
    AchievementKind,
    ConditionStatus,
    Gender,
    InitiativeScope,
    LeaveKind,
    RatingLevel,
    RoundKind,
    SubjectKind,
)
from desktop.domain.errors import ConflictError, ValidationError
from desktop.services import Services
from desktop.services.council import MeetingInput, vote_source
from desktop.services.eligibility.facts import (
    AwardFact,
    InitiativeFact,
    MemberStats,
    NominationFacts,
    WorkMonths,
)
from desktop.services.eligibility.rules import RULE_SETS, RULES, evaluate
from desktop.services.nominations import NominationInput
from desktop.services.people import PersonInput
from desktop.services.records import Subject, WorkTime
from desktop.services.rounds import RoundInput

MET, NOT_MET, CHECK = ConditionStatus.MET, ConditionStatus.NOT_MET, ConditionStatus.CHECK
X, G = RatingLevel.EXCELLENT, RatingLevel.GOOD
ROOT = Path(__file__).resolve().parents[2]
LDTT = ("LDTT", "LDTT", "Lao động tiên tiến")
FLAG = ("CO_TD_TINH", "CO_TD_TINH", "Cờ thi đua của UBND tỉnh")
# An article ("Điều 24"), a directive by number, or a provincial directive the movement has
# not numbered yet (the text says so, so the officer fills it in).
CITED = re.compile(r"Điều \d+|Chỉ thị số \d+|chưa ghi số chỉ thị")
# Under the decrees before NĐ 152 (rounds of 2021–2024) the decree is cited by its number only:
# the reference verified article numbers for NĐ 152 alone (RuleSet.decree_art).
OLD_DECREE = re.compile(r"NĐ (91/2017|98/2023)/NĐ-CP")


def person(code: str, lineage: str, name: str, **kw: object) -> NominationFacts:
    base = NominationFacts(1, SubjectKind.INDIVIDUAL, "Lò Thị Hường", code, lineage, name, 2026,
                           RoundKind.YEAR_END, registered=True)
    return replace(base, **kw)  # type: ignore[arg-type]


def by_code(result: object, code: str):  # type: ignore[no-untyped-def]
    return next(cond for cond in result.conditions if cond.code == code)  # type: ignore[attr-defined]


# -- 10. the council's vote result cites its article --------------------------------------------
def test_vote_result_cites_the_decree_where_the_law_sets_the_share_and_the_province_elsewhere(
) -> None:
    national = VoteResult(1, "Lò Thị Hường", "CSTD_TQ", "Chiến sĩ thi đua toàn quốc", 8, 9, 90,
                          vote_source(2026, True))
    assert national.line == ("8/9 thành viên đồng ý = 88,9% (cần từ 90%) — không đạt "
                             "(NĐ 152/2025/NĐ-CP, Điều 33 khoản 5)")
    province = VoteResult(2, "Lò Thị Hường", "CSTDCS", "Chiến sĩ thi đua cơ sở", 7, 9, 70,
                          vote_source(2026, False))
    assert province.line == ("7/9 thành viên đồng ý = 77,8% (cần từ 70%) — đạt (Quy định của "
                             "tỉnh về tỷ lệ phiếu, theo NĐ 152/2025/NĐ-CP, Điều 6 khoản 2 – chưa "
                             "chắc chắn)")
    assert vote_source(2024, True) == "NĐ 98/2023/NĐ-CP"


def test_council_results_carry_the_citation_and_the_law_floor(services: Services) -> None:
    root = services.units.children(None)[0].id
    pid = services.people.create(PersonInput("Lò Thị Hường", Gender.FEMALE, root)).id
    round_id = services.rounds.create(RoundInput("Tổng kết năm 2026", 2026, RoundKind.YEAR_END,
                                                 office_unit_id=root)).id
    add = services.nominations.create
    national = add(NominationInput(round_id, Subject(person_id=pid), "CSTD_TQ")).id
    base = add(NominationInput(round_id, Subject(person_id=pid), "CSTDCS")).id
    from desktop.domain.enums import NominationStatus

    for status in (NominationStatus.SUBMITTED, NominationStatus.RECEIVED,
                   NominationStatus.ELIGIBLE):
        services.nominations.transition([national, base], status)
    # A province table below the law's 90% for CSTĐ toàn quốc: the law's share applies.
    services.catalog.set_parameter("vote_threshold_percent", {"CSTD_TQ": 60, "*": 50})
    meeting = services.council.create_meeting(MeetingInput(round_id, date(2026, 11, 20), 10, 10))
    services.council.record_votes(meeting.id, {national: 8, base: 6})
    results = {r.nomination_id: r for r in services.council.results(meeting.id)}
    assert results[national].threshold == 90 and not results[national].passed
    assert results[national].source == "NĐ 152/2025/NĐ-CP, Điều 33 khoản 5"
    assert results[base].source == ("Quy định của tỉnh về tỷ lệ phiếu, theo NĐ 152/2025/NĐ-CP, "
                                    "Điều 6 khoản 2 – chưa chắc chắn")
    assert services.council.threshold("CSTD_TQ") == 90
    services.council.close_meeting(meeting.id)
    refused = services.nominations.get(national)
    assert refused.status is NominationStatus.REJECTED
    assert refused.status_note == ("Không đủ tỷ lệ phiếu: 8/10 thành viên đồng ý = 80,0% (cần "
                                   "từ 90%) — không đạt (NĐ 152/2025/NĐ-CP, Điều 33 khoản 5)")


# -- 10. every rule's every condition cites its article --------------------------------------
def _variants(lineage: str, code: str, name: str) -> list[NominationFacts]:
    """Empty and rich histories, each subject kind, both round kinds, the head-of-unit rule
    with and without a numbered directive, a bloc of two flags, months recorded."""
    rich = {"ratings": {y: X for y in range(2019, 2027)},
            "awards": tuple(AwardFact(lin, lin, y, kind, f"{y}/QĐ", y + 1, y, y)
                            for lin in ("CSTDCS", "CSTD_TINH", "BK_TINH", "LDTT")
                            for y in (2021, 2022, 2024, 2025)
                            for kind in (AchievementKind.MERIT, AchievementKind.AD_HOC)),
            "initiatives": tuple(InitiativeFact(scope, y, "Sổ tay", f"{y}/QĐ")
                                 for scope in InitiativeScope for y in (2022, 2025)),
            "members": MemberStats(10, 10, 10, 8, 1, 0, 5), "quota_used": 3, "quota_base": 10,
            "bloc_rank": 2, "bloc_flags": 2,
            "work_months": WorkMonths(6, 6, LeaveKind.MATERNITY.value),
            "params": {"ldtt_min_months_worked": 10, "cstdcs_quota_percent": 15}}
    out = []
    for subject, kind, full, head in product(SubjectKind, RoundKind, (False, True),
                                             ("", "Chỉ thị số 05/CT-UBND")):
        facts = NominationFacts(1, subject, "Đối tượng", code, lineage, name, 2026, kind,
                                registered=False, is_unit_head=True, head_rule=True,
                                head_directive=head)
        out.append(replace(facts, **rich) if full else facts)  # type: ignore[arg-type]
    return out


def test_every_condition_of_every_rule_cites_an_article() -> None:
    """Walks every rule (and the unknown-award fallback) under each legal rule set."""
    missing = []
    seen = set()
    lineages = [*RULES, "KNC_TINH"]
    for lineage, rs in product(lineages, RULE_SETS):
        year = max(rs.first_year, 2021) if rs.last_year < 9999 else 2026
        for facts in _variants(lineage, lineage, lineage):
            result = evaluate(replace(facts, year=year))
            for cond in result.conditions:
                seen.add(cond.code)
                old = "152" not in rs.decree and OLD_DECREE.search(cond.source)
                if not CITED.search(cond.source) and not old:
                    missing.append(f"{lineage} {year}: {cond.line()}")
    assert not missing, "\n".join(sorted(set(missing)))
    assert {"months_worked", "bloc_leader", "head_targets", "council_90", "cp_quota",
            "no_rule", "title_round", "registration"} <= seen


def test_head_rule_without_a_directive_number_says_so() -> None:
    facts = person(*LDTT, ratings={2026: G}, is_unit_head=True, head_rule=True)
    assert by_code(evaluate(facts), "head_targets").source == (
        "Chỉ thị phát động phong trào thi đua của tỉnh (phong trào chưa ghi số chỉ thị)")


# -- 13a. a bloc allowed two Cờ thi đua ---------------------------------------------------------
def test_second_unit_of_a_two_flag_bloc_is_accepted_the_third_is_not() -> None:
    unit = replace(person(*FLAG, ratings={2026: X}), subject=SubjectKind.COLLECTIVE)
    second = by_code(evaluate(replace(unit, bloc_rank=2, bloc_flags=2)), "bloc_leader")
    assert second.status is MET
    assert second.text == ("Xếp thứ 2 trong khối, cụm; khối, cụm được đề nghị 02 Cờ thi đua cho "
                           "02 đơn vị dẫn đầu")
    assert second.source == ("Luật TĐKT 2022, Điều 26; số Cờ thi đua của khối, cụm theo quy định "
                             "của tỉnh (NĐ 152/2025/NĐ-CP, Điều 6 khoản 2) – chưa chắc chắn")
    third = by_code(evaluate(replace(unit, bloc_rank=3, bloc_flags=2)), "bloc_leader")
    assert third.status is NOT_MET
    assert third.text == ("Xếp thứ 3 trong khối, cụm; khối, cụm được đề nghị 02 Cờ thi đua cho "
                          "02 đơn vị dẫn đầu")
    one = by_code(evaluate(replace(unit, bloc_rank=2)), "bloc_leader")
    assert one.status is NOT_MET and one.source == "Luật TĐKT 2022, Điều 26"
    assert one.text == "Xếp thứ 2 trong khối, cụm; Cờ thi đua dành cho đơn vị dẫn đầu"


def test_flags_per_bloc_caps_the_blocs_count_in_proposals_and_eligibility(
        services: Services) -> None:
    from desktop.services.blocs.dto import BlocInput

    world = build_bloc_world(services)
    finish(services, world)
    bloc = services.blocs.get(world["bloc"])
    services.blocs.update(world["bloc"], replace(
        BlocInput(bloc.name, bloc.kind, bloc.year, bloc.organiser_unit_id, bloc.head_unit_id,
                  bloc.deputy_unit_id, tie_rules=bloc.tie_rules), flag_count=2, merit_count=1))
    round_id = services.rounds.create(RoundInput("Tổng kết năm 2026", 2026,
                                                 RoundKind.YEAR_END)).id
    ranking = services.blocs.scores.ranking(world["bloc"])
    first, second, third = (r.unit_name for r in ranking.rows[:3])
    # The province allows one flag per bloc (shipped value): the bloc's two are capped.
    capped = services.blocs.proposals.propose(world["bloc"], round_id, dry_run=True)
    assert [(x.unit_name, x.award_code) for x in capped.lines] == [
        (first, "CO_TD_TINH"), (second, "BK_TINH")]
    with pytest.raises(ConflictError) as refused:
        services.blocs.proposals.propose(world["bloc"], round_id, flag_count=2, dry_run=True)
    assert str(refused.value) == ("Tỉnh quy định mỗi khối, cụm đề nghị tối đa 01 Cờ thi đua "
                                  "(tham số “Số Cờ thi đua tỉnh cho mỗi khối, cụm”); không đề "
                                  "nghị được 02.")
    services.catalog.set_parameter("flags_per_bloc", 2)
    result = services.blocs.proposals.propose(world["bloc"], round_id)
    assert [(x.unit_name, x.award_code) for x in result.lines] == [
        (first, "CO_TD_TINH"), (second, "CO_TD_TINH"), (third, "BK_TINH")]
    flags = {x.unit_name: x.nomination_id for x in result.lines if x.award_code == "CO_TD_TINH"}
    verdicts = {r.nomination_id: by_code(r, "bloc_leader")
                for r in services.eligibility.check_round(round_id, save=False)
                if r.nomination_id in flags.values()}
    assert verdicts[flags[first]].status is MET
    assert verdicts[flags[second]].status is MET
    assert verdicts[flags[second]].text == ("Xếp thứ 2 trong khối, cụm; khối, cụm được đề nghị "
                                            "02 Cờ thi đua cho 02 đơn vị dẫn đầu")


# -- 13b. months worked for Lao động tiên tiến ----------------------------------------------------
def ldtt(months: WorkMonths | None, minimum: int = 10) -> NominationFacts:
    return person(*LDTT, ratings={2026: G}, work_months=months,
                  params={"ldtt_min_months_worked": minimum})


SOURCE = ("Quy định của tỉnh theo NĐ 152/2025/NĐ-CP, Điều 6 khoản 2; Thông tư 12/2019/TT-BNV "
          "(quy định cũ) – chưa chắc chắn")


def test_fewer_months_than_the_parameter_is_not_eligible() -> None:
    result = evaluate(ldtt(WorkMonths(8, 4, LeaveKind.SICK.value)))
    cond = by_code(result, "months_worked")
    assert cond.status is NOT_MET and result.status is NOT_MET
    assert cond.text == ("Năm 2026 làm việc 8 tháng, nghỉ ốm đau 4 tháng (không tính là thời gian "
                         "công tác); cần ít nhất 10 tháng công tác trong năm — chưa đủ")
    assert cond.source == SOURCE


def test_maternity_leave_counts_as_time_worked() -> None:
    result = evaluate(ldtt(WorkMonths(6, 6, LeaveKind.MATERNITY.value)))
    cond = by_code(result, "months_worked")
    assert cond.status is MET and result.status is MET
    assert cond.text == ("Năm 2026 làm việc 6 tháng, nghỉ thai sản 6 tháng (được tính là thời "
                         "gian công tác): tổng 12 tháng; cần ít nhất 10 tháng công tác trong "
                         "năm — đạt")
    assert cond.source == SOURCE + "; NĐ 152/2025/NĐ-CP, Điều 4 khoản 5"


def test_only_leave_recorded_counts_the_rest_of_the_year_and_the_parameter_decides() -> None:
    cond = by_code(evaluate(ldtt(WorkMonths(None, 3, LeaveKind.UNPAID.value))), "months_worked")
    assert cond.status is NOT_MET
    assert cond.text == ("Năm 2026 làm việc 9 tháng, nghỉ không lương 3 tháng (không tính là "
                         "thời gian công tác); cần ít nhất 10 tháng công tác trong năm — chưa đủ")
    lower = by_code(evaluate(ldtt(WorkMonths(None, 3, LeaveKind.UNPAID.value), 9)),
                    "months_worked")
    assert lower.status is MET and lower.text.endswith("cần ít nhất 9 tháng công tác trong năm "
                                                       "— đạt")


def test_nothing_recorded_adds_no_condition() -> None:
    """The months rule is the province's old practice, not a criterion of the Law: without a
    record the year's rating stands (TDKT-reference §2.1)."""
    result = evaluate(ldtt(None))
    assert result.status is MET
    assert "months_worked" not in {cond.code for cond in result.conditions}
    assert "months_worked" not in {cond.code for cond in evaluate(
        ldtt(WorkMonths(5, None), 0)).conditions}


def test_months_are_stored_with_the_rating_and_read_by_the_check(services: Services) -> None:
    root = services.units.children(None)[0].id
    pid = services.people.create(PersonInput("Lò Thị Hường", Gender.FEMALE, root)).id
    subject = Subject(person_id=pid)
    with pytest.raises(ValidationError) as bad:
        services.ratings.set(subject, 2026, "HTTNV", work=WorkTime(9, 4, ""))
    assert "Loại nghỉ: cần chọn khi có số tháng nghỉ (thai sản, ốm đau…)" in str(bad.value)
    assert "Số tháng công tác: cộng với 4 tháng nghỉ vượt 12 tháng của năm" in str(bad.value)
    row = services.ratings.set(subject, 2026, "HTTNV", work=WorkTime(7, 5, "Nghỉ thai sản"))
    assert (row.months_worked, row.leave_months, row.leave_kind) == (7, 5, LeaveKind.MATERNITY)
    kept = services.ratings.update(row.id, 2026, "HTTNV", "sửa ghi chú")
    assert (kept.months_worked, kept.leave_months) == (7, 5)
    round_id = services.rounds.create(RoundInput("Tổng kết năm 2026", 2026, RoundKind.YEAR_END,
                                                 office_unit_id=root)).id
    nid = services.nominations.create(NominationInput(round_id, subject, "LDTT")).id
    assert by_code(services.eligibility.check(round_id, nid), "months_worked").status is MET
    services.ratings.update(row.id, 2026, "HTTNV", work=WorkTime(7, 5, LeaveKind.SICK))
    cond = by_code(services.eligibility.check(round_id, nid), "months_worked")
    assert cond.status is NOT_MET and cond.text.startswith("Năm 2026 làm việc 7 tháng, nghỉ ốm")


# -- 13c. every province parameter is read by some code --------------------------------------
def _source_text() -> str:
    files = [p for p in (ROOT / "desktop").rglob("*.py")]
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def test_every_province_parameter_is_read_by_code() -> None:
    """A parameter the officer can edit but no code reads changes nothing: each key must be
    named, as a quoted string, somewhere in the application code (not only in its JSON)."""
    shipped = json.loads((ROOT / "resources" / "catalog" / "province_parameters.json")
                         .read_text(encoding="utf-8"))["province_parameters"]
    code = _source_text()
    unread = [p["key"] for p in shipped if f'"{p["key"]}"' not in code]
    assert not unread, f"Tham số tỉnh không có mã nào đọc: {', '.join(unread)}"


def test_a_new_movement_follows_the_provinces_head_rule_default(services: Services) -> None:
    from desktop.domain.enums import MovementKind
    from desktop.services.movements import MovementInput

    assert not services.movements.create(MovementInput("Phong trào A", MovementKind.REGULAR,
                                                       2026)).head_target_rule
    services.catalog.set_parameter("head_target_rule_default", True)
    made = services.movements.create(MovementInput("Phong trào B", MovementKind.REGULAR, 2026))
    assert made.head_target_rule
    kept = services.movements.update(made.id, MovementInput("Phong trào B đổi tên",
                                                            MovementKind.REGULAR, 2026))
    assert kept.head_target_rule
    off = services.movements.create(MovementInput("Phong trào C", MovementKind.REGULAR, 2026,
                                                  head_target_rule=False))
    assert not off.head_target_rule


def test_months_worked_travel_in_the_upward_package(tmp_path: Path) -> None:
    from sync_world import PROVINCE, commune_with_nominations, export_up, open_office, trust_sender

    from desktop.domain.enums import UnitKind

    province = open_office(tmp_path, *PROVINCE, UnitKind.PROVINCE)
    commune, round_id, _ = commune_with_nominations(tmp_path, "Ủy ban nhân dân xã Bình Lư", "XBL",
                                                    [("Tòng Thị Hường", Gender.FEMALE, None)])
    c = commune.services
    pid = c.people.search("Tòng Thị Hường").rows[0].id
    c.ratings.set(Subject(person_id=pid), 2026, "HTXSNV",
                  work=WorkTime(5, 7, LeaveKind.MATERNITY))
    package = export_up(commune, round_id, tmp_path / "usb")
    trust_sender(province, package)
    p = province.services
    p_round = p.rounds.create(RoundInput("Khen thưởng năm 2026 (cấp tỉnh)", 2026,
                                         RoundKind.YEAR_END)).id
    assert p.sync.import_package(package, p_round).applied
    arrived = p.people.search("Tòng Thị Hường").rows[0].id
    rating = next(r for r in p.ratings.for_subject(Subject(person_id=arrived)) if r.year == 2026)
    assert (rating.months_worked, rating.leave_months, rating.leave_kind) == (
        5, 7, LeaveKind.MATERNITY)


def test_months_come_in_from_excel_and_blank_cells_keep_them(services: Services,
                                                             tmp_path: Path) -> None:
    from openpyxl import Workbook

    root = services.units.children(None)[0].id
    pid = services.people.create(PersonInput("Lò Thị Hường", Gender.FEMALE, root,
                                             citizen_id="012190000123")).id

    def book(name: str, *rows: list[object]) -> Path:
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "Xếp loại"
        ws.append(["Số CCCD", "Đơn vị", "Năm", "Xếp loại", "Số tháng công tác",
                   "Số tháng nghỉ", "Loại nghỉ"])
        for row in rows:
            ws.append(row)
        wb.save(tmp_path / name)
        return tmp_path / name

    services.excel.apply("ratings", book("a.xlsx", ["012190000123", "LCH", 2026, "HTTNV", 6,
                                                    6, "Nghỉ thai sản"]))
    rating = services.ratings.for_subject(Subject(person_id=pid))[0]
    assert (rating.months_worked, rating.leave_months, rating.leave_kind) == (
        6, 6, LeaveKind.MATERNITY)
    again = services.excel.apply("ratings", book("b.xlsx", ["012190000123", "LCH", 2026, "HTTNV"]))
    assert again.unchanged == 1
    assert services.ratings.for_subject(Subject(person_id=pid))[0].leave_months == 6
    from desktop.api.excel import ImportRefusedError

    with pytest.raises(ImportRefusedError) as refused:
        services.excel.dry_run("ratings", book("c.xlsx", ["012190000123", "LCH", 2026, "HTTNV",
                                                          6, 3, None]), update_existing=True)
    assert "cần chọn khi có số tháng nghỉ" in str(refused.value.report.problems[0])
