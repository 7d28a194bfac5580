"""Nominations are edited and deleted only while they are drafts (otherwise through the status
workflow), an exact duplicate (same subject, award, round) is refused when saved, and a delete
is undone by restore."""

from __future__ import annotations

import pytest

from desktop.domain.enums import Gender, NominationStatus, RoundKind, UnitKind
from desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from desktop.services import Services
from desktop.services.nominations import NominationInput, NominationQuery
from desktop.services.people import PersonInput
from desktop.services.records import Subject
from desktop.services.rounds import RoundInput
from desktop.services.units import UnitInput

S = NominationStatus


@pytest.fixture
def world(services: Services) -> dict[str, int]:
    root = services.units.children(None)[0].id
    school = services.units.create(UnitInput("Trường Tiểu học Bình Lư", "THBL",
                                             UnitKind.SCHOOL, root)).id
    duc = services.people.create(PersonInput("Lò Văn Đức", Gender.MALE, school)).id
    mai = services.people.create(PersonInput("Vàng Thị Mai", Gender.FEMALE, school)).id
    round_id = services.rounds.create(RoundInput("Xét khen thưởng tổng kết năm 2026", 2026,
                                                 RoundKind.YEAR_END)).id
    return {"school": school, "duc": duc, "mai": mai, "round": round_id}


def _live(services: Services, round_id: int) -> list[tuple[str, str]]:
    return [(n.subject_name, n.award_code)
            for n in services.nominations.page(NominationQuery(round_id))]


def test_a_draft_is_edited_and_keeps_its_history(services: Services,
                                                 world: dict[str, int]) -> None:
    n = services.nominations.create(NominationInput(world["round"],
                                                    Subject(person_id=world["duc"]), "LDTT"))
    edited = services.nominations.update(n.id, NominationInput(
        world["round"], Subject(person_id=world["duc"]), "CSTDCS", "Sáng kiến cấp cơ sở"),
        expected_version=n.version)
    assert (edited.award_code, edited.achievement_summary) == ("CSTDCS", "Sáng kiến cấp cơ sở")
    assert edited.status is S.DRAFT and edited.version == n.version + 1
    assert _live(services, world["round"]) == [("Lò Văn Đức", "CSTDCS")]


def test_a_sent_or_returned_nomination_is_changed_only_through_the_workflow(
        services: Services, world: dict[str, int]) -> None:
    r = world["round"]
    n = services.nominations.create(NominationInput(r, Subject(person_id=world["duc"]), "LDTT"))
    services.nominations.transition([n.id], S.SUBMITTED)
    changed = NominationInput(r, Subject(person_id=world["duc"]), "CSTDCS")
    with pytest.raises(ConflictError) as info:
        services.nominations.update(n.id, changed)
    text = str(info.value)
    assert "“Lò Văn Đức”" in text and "“Đã gửi”" in text
    assert "chỉ sửa được khi còn là nháp" in text and "quy trình trạng thái" in text
    with pytest.raises(ConflictError, match="chỉ xóa được khi còn là nháp"):
        services.nominations.delete(n.id)
    # Returned: still not a draft; back to draft through the workflow, then editable.
    services.nominations.transition([n.id], S.RETURNED, "Thiếu báo cáo thành tích")
    with pytest.raises(ConflictError, match="Hãy chuyển đề nghị về “Nháp” rồi sửa"):
        services.nominations.update(n.id, changed)
    assert services.nominations.get(n.id).award_code == "LDTT"  # nothing changed
    services.nominations.transition([n.id], S.DRAFT)
    assert services.nominations.update(n.id, changed).award_code == "CSTDCS"


def test_delete_a_draft_then_restore_it(services: Services, world: dict[str, int]) -> None:
    r = world["round"]
    n = services.nominations.create(NominationInput(r, Subject(person_id=world["duc"]), "LDTT"))
    gone = services.nominations.delete(n.id)
    assert gone.id == n.id and _live(services, r) == []
    assert services.rounds.get(r).nomination_count == 0
    with pytest.raises(NotFoundError):
        services.nominations.get(n.id)
    assert any(i.kind == "nomination" and i.id == n.id for i in services.trash.items())
    services.trash.restore("nomination", n.id)  # what Ctrl+Z does
    assert _live(services, r) == [("Lò Văn Đức", "LDTT")]


def test_delete_many_is_all_or_nothing(services: Services, world: dict[str, int]) -> None:
    r = world["round"]
    a = services.nominations.create(NominationInput(r, Subject(person_id=world["duc"]), "LDTT"))
    b = services.nominations.create(NominationInput(r, Subject(person_id=world["mai"]), "LDTT"))
    services.nominations.transition([b.id], S.SUBMITTED)
    with pytest.raises(ValidationError) as info:
        services.nominations.delete_many([a.id, b.id])
    assert "Vàng Thị Mai" in str(info.value) and "chỉ xóa được đề nghị nháp" in str(info.value)
    assert len(_live(services, r)) == 2
    assert services.nominations.delete_many([a.id]) == 1
    assert _live(services, r) == [("Vàng Thị Mai", "LDTT")]


def test_an_exact_duplicate_is_refused_on_create_naming_subject_and_award(
        services: Services, world: dict[str, int]) -> None:
    r = world["round"]
    first = services.nominations.create(NominationInput(r, Subject(person_id=world["duc"]),
                                                        "LDTT"))
    with pytest.raises(ValidationError) as info:
        services.nominations.create(NominationInput(r, Subject(person_id=world["duc"]), "LDTT"))
    [problem] = info.value.problems
    assert problem.field == "award_code"
    assert "“Lò Văn Đức” đã có đề nghị “Lao động tiên tiến”" in problem.message
    assert f"mã {first.id}" in problem.message
    # A unit, and a household (whatever the case and tones typed), the same.
    services.nominations.create(NominationInput(r, Subject(unit_id=world["school"]), "TTLDTT"))
    with pytest.raises(ValidationError, match="“Trường Tiểu học Bình Lư” đã có đề nghị"):
        services.nominations.create(NominationInput(r, Subject(unit_id=world["school"]),
                                                    "TTLDTT"))
    services.nominations.create(NominationInput(r, Subject(household_name="Hộ ông Lò Văn Pấng"),
                                                "GIAY_KHEN"))
    with pytest.raises(ValidationError, match="đã có đề nghị “Giấy khen"):
        services.nominations.create(NominationInput(
            r, Subject(household_name="hộ ông lò văn pấng"), "GIAY_KHEN"))
    assert len(_live(services, r)) == 3  # nothing added
    # Not duplicates: another award, another round, or once the first was deleted.
    services.nominations.create(NominationInput(r, Subject(person_id=world["duc"]), "CSTDCS"))
    other = services.rounds.create(RoundInput("Xét khen thưởng bổ sung 2026", 2026,
                                              RoundKind.YEAR_END)).id
    services.nominations.create(NominationInput(other, Subject(person_id=world["duc"]), "LDTT"))
    services.nominations.delete(first.id)
    again = services.nominations.create(NominationInput(r, Subject(person_id=world["duc"]),
                                                        "LDTT"))
    # … and the deleted one can no longer come back over it.
    with pytest.raises(ValidationError, match="đã có đề nghị “Lao động tiên tiến”"):
        services.nominations.restore(first.id)
    assert services.nominations.get(again.id).award_code == "LDTT"


def test_an_update_into_a_duplicate_is_refused_and_changes_nothing(
        services: Services, world: dict[str, int]) -> None:
    r = world["round"]
    services.nominations.create(NominationInput(r, Subject(person_id=world["duc"]), "LDTT"))
    cstd = services.nominations.create(NominationInput(r, Subject(person_id=world["duc"]),
                                                       "CSTDCS", "giữ nguyên"))
    with pytest.raises(ValidationError) as info:
        services.nominations.update(cstd.id, NominationInput(
            r, Subject(person_id=world["duc"]), "LDTT", "đổi"), expected_version=cstd.version)
    assert info.value.problems[0].field == "award_code"
    assert "“Lò Văn Đức” đã có đề nghị “Lao động tiên tiến”" in str(info.value)
    stored = services.nominations.get(cstd.id)
    assert (stored.award_code, stored.achievement_summary, stored.version) == (
        "CSTDCS", "giữ nguyên", cstd.version)
    # Saving a nomination unchanged is not a duplicate of itself.
    assert services.nominations.update(cstd.id, NominationInput(
        r, Subject(person_id=world["duc"]), "CSTDCS", "sửa tóm tắt")).achievement_summary == \
        "sửa tóm tắt"
