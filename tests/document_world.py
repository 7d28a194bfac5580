"""A small, realistic commune for document tests: a school, people with history, a movement,
registrations, a round whose council met and whose Giấy khen decision was signed, and a bloc of
four departments scored and reviewed (tests/bloc_world.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bloc_world import build_bloc_world, finish

from desktop.domain.enums import (
    AchievementKind,
    Gender,
    InitiativeScope,
    MovementKind,
    NominationStatus,
    RoundKind,
    SignerCapacity,
    UnitKind,
)
from desktop.services import Services
from desktop.services.council import MeetingInput
from desktop.services.decisions import DecisionInput
from desktop.services.movements import MovementInput
from desktop.services.nominations import NominationInput
from desktop.services.people import PersonInput
from desktop.services.records import AwardRecordInput, InitiativeInput, Subject
from desktop.services.rounds import RoundInput
from desktop.services.units import UnitInput


@dataclass
class DocumentWorld:
    round_id: int
    movement_id: int
    school_id: int
    meeting_id: int
    decision_id: int
    person_nomination: int
    unit_nomination: int
    household_nomination: int
    people: dict[str, int]
    bloc_id: int = 0
    mixed_decision_id: int = 0  # add_mixed_decision, when a test needs Bằng khen lines


def build_document_world(services: Services) -> DocumentWorld:
    root = services.units.children(None)[0].id
    school = services.units.create(UnitInput("Trường Tiểu học Bình Lư", "THBL",
                                             UnitKind.SCHOOL, root)).id
    people = {}
    for key, name, gender, position in [
            ("duc", "Lò Văn Đức", Gender.MALE, "Hiệu trưởng"),
            ("huong", "Tòng Thị Hường", Gender.FEMALE, "Giáo viên"),
            ("mai", "Vàng Thị Mai", Gender.FEMALE, "Giáo viên")]:
        people[key] = services.people.create(PersonInput(
            name, gender, school, birth_date=date(1985, 3, 7), ethnicity="Thái",
            position=position)).id
    services.initiatives.create(InitiativeInput(
        Subject(person_id=people["huong"]), "Dạy tiếng Việt cho học sinh dân tộc Thái", 2025,
        InitiativeScope.UNIT, "21/QĐ-THBL", date(2025, 5, 20)))
    services.awards.create(AwardRecordInput(
        Subject(person_id=people["huong"]), "LDTT", 2024, AchievementKind.MERIT, "15/QĐ-UBND",
        date(2024, 12, 20), issuer="UBND xã Bình Lư"))
    movement = services.movements.create(MovementInput(
        "Thi đua dạy tốt, học tốt", MovementKind.REGULAR, 2026, "05/CT-UBND", date(2026, 1, 5),
        "UBND tỉnh Lai Châu")).id
    services.registrations.register(Subject(unit_id=school), 2026, "TTLDTT", date(2026, 1, 15),
                                    movement_id=movement)
    for key in people:
        services.registrations.register(Subject(person_id=people[key]), 2026, "LDTT",
                                        date(2026, 1, 15), movement_id=movement)
    round_id = services.rounds.create(RoundInput(
        "Xét khen thưởng tổng kết năm học 2025-2026", 2026, RoundKind.YEAR_END,
        movement_id=movement, office_unit_id=root)).id
    add = services.nominations.create
    ids = {
        "huong": add(NominationInput(round_id, Subject(person_id=people["huong"]), "GIAY_KHEN",
                                     "Hoàn thành xuất sắc nhiệm vụ năm học; có sáng kiến được "
                                     "công nhận", period_from=date(2025, 9, 1),
                                     period_to=date(2026, 6, 30))).id,
        "duc": add(NominationInput(round_id, Subject(person_id=people["duc"]), "GIAY_KHEN")).id,
        "mai": add(NominationInput(round_id, Subject(person_id=people["mai"]), "GIAY_KHEN")).id,
        "school": add(NominationInput(round_id, Subject(unit_id=school), "GIAY_KHEN",
                                      "Dẫn đầu phong trào thi đua dạy tốt, học tốt")).id,
        "home": add(NominationInput(round_id, Subject(household_name="Hộ ông Lò Văn Pọm"),
                                    "GIAY_KHEN", "Hiến 200 m² đất làm đường")).id,
    }
    everyone = list(ids.values())
    services.nominations.transition(everyone, NominationStatus.SUBMITTED)
    services.nominations.transition(everyone, NominationStatus.RECEIVED)
    services.nominations.transition(everyone, NominationStatus.ELIGIBLE)
    meeting = services.council.create_meeting(MeetingInput(
        round_id, date(2026, 7, 2), total_members=9, present_members=8,
        place="Hội trường UBND xã Bình Lư", chair="Lường Văn Pấng", secretary="Lò Thị Xuân"))
    services.council.record_votes(meeting.id, {i: 8 for i in everyone} | {ids["mai"]: 4})
    services.council.close_meeting(meeting.id)
    passed = [i for i in everyone if i != ids["mai"]]
    decision = services.decisions.create(DecisionInput(
        round_id, "Chủ tịch UBND xã Bình Lư"), passed)
    services.decisions.sign(decision.id, date(2026, 7, 5), "Lường Văn Pấng",
                            SignerCapacity.VICE_FOR_CHAIRMAN, sequence=5)
    bloc = build_bloc_world(services)
    finish(services, bloc)
    return DocumentWorld(round_id, movement, school, meeting.id, decision.id, ids["huong"],
                         ids["school"], ids["home"], people, bloc["bloc"])


def add_mixed_decision(services: Services, world: DocumentWorld, *, sign_on: date | None,
                       awards: dict[str, list[str]] | None = None,
                       issuer: str = "Chủ tịch UBND xã Bình Lư") -> int:
    """A second round (no movement, so the movement report is unchanged) whose one decision
    mixes awards: by default Hường gets LĐTT, CSTĐ cơ sở (same period: LĐTT is paid 0, NĐ 152
    Điều 49) and a Giấy khen; Đức gets LĐTT and a Bằng khen; Mai a Giấy khen; the school a
    Giấy khen. Signed on ``sign_on`` (None: left a draft). Returns the decision id."""
    round_id = services.rounds.create(RoundInput(
        f"Xét khen thưởng hỗn hợp {sign_on or 'dự thảo'}", (sign_on or date(2026, 7, 5)).year,
        RoundKind.YEAR_END)).id
    subjects = {"huong": Subject(person_id=world.people["huong"]),
                "duc": Subject(person_id=world.people["duc"]),
                "mai": Subject(person_id=world.people["mai"]),
                "school": Subject(unit_id=world.school_id)}
    awards = awards or {"huong": ["LDTT", "CSTDCS", "GIAY_KHEN"], "duc": ["LDTT", "BK_TINH"],
                        "mai": ["GIAY_KHEN"], "school": ["GIAY_KHEN"]}
    ids = []
    for key, codes in awards.items():
        for code in codes:
            ids.append(services.nominations.create(NominationInput(
                round_id, subjects[key], code, "Hoàn thành xuất sắc nhiệm vụ",
                period_from=date(2025, 1, 1), period_to=date(2025, 12, 31))).id)
    for status in (NominationStatus.SUBMITTED, NominationStatus.RECEIVED,
                   NominationStatus.ELIGIBLE):
        services.nominations.transition(ids, status)
    meeting = services.council.create_meeting(MeetingInput(
        round_id, sign_on or date(2026, 7, 2), total_members=9, present_members=9))
    services.council.record_votes(meeting.id, {i: 9 for i in ids})
    services.council.close_meeting(meeting.id)
    decision = services.decisions.create(DecisionInput(round_id, issuer), ids)
    if sign_on is not None:
        services.decisions.sign(decision.id, sign_on, "Lường Văn Pấng",
                                SignerCapacity.CHAIRMAN)
    return decision.id
