"""A whole award round through the services: nominations, workflow, eligibility, council,
decision with money, and the award history it writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.domain.enums import (
    ConditionStatus,
    EvidenceKind,
    Gender,
    InitiativeScope,
    NominationStatus,
    RoundKind,
    SignerCapacity,
    SubjectKind,
    UnitKind,
)
from desktop.domain.errors import ConflictError, ValidationError
from desktop.services import Services
from desktop.services.council import MeetingInput
from desktop.services.decisions import DecisionInput
from desktop.services.nominations import NominationInput, NominationQuery
from desktop.services.people import PersonInput
from desktop.services.records import InitiativeInput, Subject
from desktop.services.rounds import RoundInput
from desktop.services.units import UnitInput

S = NominationStatus


@pytest.fixture
def world(services: Services) -> dict[str, int]:
    root = services.units.children(None)[0].id
    school = services.units.create(UnitInput("Trường Tiểu học Bình Lư", "THBL",
                                             UnitKind.SCHOOL, root)).id
    ids = {"school": school}
    for key, name, gender in [("duc", "Lò Văn Đức", Gender.MALE),
                              ("huong", "Tòng Thị Hường", Gender.FEMALE),
                              ("mai", "Vàng Thị Mai", Gender.FEMALE)]:
        ids[key] = services.people.create(PersonInput(name, gender, school,
                                                      ethnicity="Thái")).id
        services.ratings.set(Subject(person_id=ids[key]), 2026, "HTXSNV")
    services.ratings.set(Subject(unit_id=school), 2026, "HTTNV")
    services.registrations.register(Subject(unit_id=school), 2026, "TTLDTT", date(2026, 1, 15))
    services.initiatives.create(InitiativeInput(Subject(person_id=ids["huong"]), "Dạy tiếng Việt "
                                                "cho học sinh dân tộc", 2026, InitiativeScope.UNIT,
                                                "21/QĐ-THBL", date(2026, 5, 20)))
    ids["round"] = services.rounds.create(RoundInput("Xét khen thưởng tổng kết năm 2026", 2026,
                                                     RoundKind.YEAR_END, office_unit_id=root)).id
    return ids


def _nominate(services: Services, world: dict[str, int]) -> dict[str, int]:
    r = world["round"]
    add = services.nominations.create
    return {
        "ldtt_duc": add(NominationInput(r, Subject(person_id=world["duc"]), "LDTT")).id,
        "ldtt_huong": add(NominationInput(r, Subject(person_id=world["huong"]), "LDTT")).id,
        "ldtt_mai": add(NominationInput(r, Subject(person_id=world["mai"]), "LDTT")).id,
        "cstd_duc": add(NominationInput(r, Subject(person_id=world["duc"]), "CSTDCS")).id,
        "cstd_huong": add(NominationInput(r, Subject(person_id=world["huong"]), "CSTDCS")).id,
        "school": add(NominationInput(r, Subject(unit_id=world["school"]), "TTLDTT")).id,
    }


def test_nomination_validation_and_editing_rules(services: Services,
                                                 world: dict[str, int]) -> None:
    r = world["round"]
    with pytest.raises(ValidationError) as info:
        services.nominations.create(NominationInput(r, Subject(unit_id=world["school"]), "LDTT"))
    assert "“Lao động tiên tiến” không dành cho tập thể" in str(info.value)
    with pytest.raises(ValidationError, match="không áp dụng cho năm 2026"):
        services.nominations.create(NominationInput(r, Subject(person_id=world["duc"]),
                                                    "LDTT_2013"))
    n = services.nominations.create(NominationInput(r, Subject(person_id=world["duc"]), "LDTT",
                                                    "Hoàn thành xuất sắc nhiệm vụ"))
    assert n.status is S.DRAFT and n.period_to == date(2026, 12, 31)
    services.nominations.transition([n.id], S.SUBMITTED)
    with pytest.raises(ConflictError, match="chỉ sửa được khi còn là nháp"):
        services.nominations.update(n.id, NominationInput(r, Subject(person_id=world["duc"]),
                                                          "LDTT", "sửa"))
    with pytest.raises(ValidationError, match="phải ghi rõ lý do"):
        services.nominations.transition([n.id], S.RETURNED)
    services.nominations.transition([n.id], S.RETURNED, "Thiếu báo cáo thành tích")
    history = services.nominations.history(n.id)
    assert [(e.from_status, e.to_status) for e in history] == [
        (None, S.DRAFT), (S.DRAFT, S.SUBMITTED), (S.SUBMITTED, S.RETURNED)]
    assert history[-1].note == "Thiếu báo cáo thành tích" and history[-1].actor


def test_bulk_transition_is_all_or_nothing(services: Services, world: dict[str, int]) -> None:
    ids = _nominate(services, world)
    services.nominations.transition([ids["ldtt_duc"]], S.SUBMITTED)
    with pytest.raises(ValidationError) as info:
        services.nominations.transition(list(ids.values()), S.RECEIVED)
    assert len(info.value.problems) == 5 and "Nháp" in str(info.value)
    assert services.nominations.get(ids["ldtt_duc"]).status is S.SUBMITTED


def test_evidence_and_attachments(services: Services, world: dict[str, int],
                                  tmp_path: Path) -> None:
    ids = _nominate(services, world)
    candidates = services.nominations.evidence_candidates(ids["cstd_huong"])
    kinds = {c.kind for c in candidates}
    assert kinds == {EvidenceKind.RATING, EvidenceKind.INITIATIVE}
    for c in candidates:
        services.nominations.link_evidence(ids["cstd_huong"], c)
        services.nominations.link_evidence(ids["cstd_huong"], c)  # twice changes nothing
    assert len(services.nominations.evidence(ids["cstd_huong"])) == 2
    report = tmp_path / "Báo cáo thành tích.docx"
    report.write_bytes(b"noi dung bao cao" * 100)
    first = services.nominations.attach(ids["cstd_huong"], report, "Báo cáo thành tích")
    report.unlink()  # the original may vanish: the stored copy stays
    stored = services.paths.attachments / first.sha256[:2] / first.sha256
    assert stored.read_bytes() == b"noi dung bao cao" * 100
    assert services.nominations.attachments(ids["cstd_huong"])[0].file_name == report.name
    with pytest.raises(ValidationError, match="không tìm thấy tệp"):
        services.nominations.attach(ids["cstd_huong"], report)


def test_full_round_vote_decide_and_history(services: Services, world: dict[str, int]) -> None:
    ids = _nominate(services, world)
    everyone = list(ids.values())
    services.nominations.transition(everyone, S.SUBMITTED)
    services.nominations.transition(everyone, S.RECEIVED)

    # A 3-person school has room for no CSTĐCS at the default 15%; this province allows 70%.
    services.catalog.set_parameter("cstdcs_quota_percent", 70)
    results = {r.nomination_id: r for r in services.eligibility.check_round(world["round"])}
    assert "tối đa 70% = 2" in results[ids["cstd_huong"]].explain()
    assert results[ids["ldtt_duc"]].status is ConditionStatus.CHECK  # not registered: flagged
    assert results[ids["cstd_duc"]].status is ConditionStatus.NOT_MET
    assert "Cần 01 sáng kiến" in results[ids["cstd_duc"]].explain()
    assert results[ids["school"]].status is ConditionStatus.MET, results[ids["school"]].explain()
    assert "3/3 thành viên (100%) đạt Lao động tiên tiến" in results[ids["school"]].explain()
    shown = services.nominations.page(NominationQuery(world["round"],
                                                      eligibility=ConditionStatus.NOT_MET))
    assert [n.id for n in shown] == [ids["cstd_duc"]]

    services.nominations.transition([ids["cstd_duc"]], S.INELIGIBLE, "Chưa có sáng kiến")
    good = [i for i in everyone if i != ids["cstd_duc"]]
    services.nominations.transition(good, S.ELIGIBLE)

    meeting = services.council.create_meeting(MeetingInput(world["round"], date(2026, 6, 20),
                                                           total_members=10, present_members=9))
    with pytest.raises(ValidationError, match="từ 0 đến số thành viên có mặt"):
        services.council.record_votes(meeting.id, {ids["ldtt_duc"]: 10})
    votes = {i: 9 for i in good} | {ids["cstd_huong"]: 6}  # 60% < 70% for CSTĐCS
    services.council.record_votes(meeting.id, votes)
    results_by_id = {r.nomination_id: r for r in services.council.results(meeting.id)}
    assert results_by_id[ids["cstd_huong"]].text == \
        "6/10 thành viên đồng ý = 60,0% (cần từ 70%) — không đạt"
    assert services.council.close_meeting(meeting.id) == {"passed": 4, "failed": 1}
    assert services.nominations.get(ids["cstd_huong"]).status is S.REJECTED

    voted = [ids["ldtt_duc"], ids["ldtt_huong"], ids["school"]]
    decision = services.decisions.create(
        DecisionInput(world["round"], "Chủ tịch UBND xã Bình Lư",
                      subject_line="Về việc tặng danh hiệu Lao động tiên tiến năm 2026"), voted)
    with pytest.raises(ValidationError, match="đã có trong một quyết định khác"):
        services.decisions.create(DecisionInput(world["round"], "UBND xã"), [ids["ldtt_duc"]])
    june = services.decisions.get(decision.id, preview_on=date(2026, 6, 30))
    july = services.decisions.get(decision.id, preview_on=date(2026, 7, 1))
    assert [line.amount for line in june.group(SubjectKind.INDIVIDUAL)] == [710_000, 710_000]
    assert [line.amount for line in july.group(SubjectKind.INDIVIDUAL)] == [760_000, 760_000]
    assert [line.subject_name for line in july.lines] == ["Trường Tiểu học Bình Lư",
                                                          "Lò Văn Đức", "Tòng Thị Hường"]
    assert july.totals()[SubjectKind.COLLECTIVE] == (1, 2_030_000)

    signed = services.decisions.sign(decision.id, date(2026, 7, 1), "Lường Văn Pấng",
                                     SignerCapacity.VICE_FOR_CHAIRMAN)
    assert signed.number == "01/QĐ-UBND" and signed.base_salary == 2_530_000
    assert signed.total_amount == 760_000 * 2 + 2_030_000
    with pytest.raises(ConflictError, match="đã ký"):
        services.decisions.add_lines(decision.id, [ids["ldtt_mai"]])
    history = services.awards.for_subject(Subject(person_id=world["duc"]))
    assert [(h.award_code, h.decision_number, h.amount) for h in history] == [
        ("LDTT", "01/QĐ-UBND", 760_000)]
    assert services.nominations.get(ids["ldtt_duc"]).status is S.AWARDED

    second = services.decisions.create(DecisionInput(world["round"], "Chủ tịch UBND xã"),
                                       [ids["ldtt_mai"]])
    assert services.decisions.sign(second.id, date(2026, 7, 2), "Lường Văn Pấng",
                                   "chu_tich").number == "02/QĐ-UBND"
    # The history now makes a second LĐTT 2026 for Đức a duplicate (in another round: the
    # same round refuses an exact duplicate when it is saved).
    other = services.rounds.create(RoundInput("Xét khen thưởng bổ sung năm 2026", 2026,
                                              RoundKind.YEAR_END)).id
    again = services.nominations.create(NominationInput(other, Subject(person_id=world["duc"]),
                                                        "LDTT"))
    result = services.eligibility.check(other, again.id)
    assert "Trùng: đã được tặng Lao động tiên tiến năm 2026 (QĐ 01/QĐ-UBND)" in result.explain()


def test_signing_is_refused_with_reasons_and_changes_nothing(services: Services,
                                                             world: dict[str, int]) -> None:
    ids = _nominate(services, world)
    decision = services.decisions.create(DecisionInput(world["round"], "UBND xã"), [])
    with pytest.raises(ValidationError) as info:
        services.decisions.sign(decision.id, date(2999, 1, 1), " ", "chu_tich")
    fields = {p.field for p in info.value.problems}
    assert {"signer_name", "signed_on", "lines"} <= fields
    assert not services.decisions.get(decision.id).signed
    with pytest.raises(ValidationError, match="chỉ đưa vào quyết định đề nghị đã được Hội đồng"):
        services.decisions.add_lines(decision.id, [ids["ldtt_duc"]])
