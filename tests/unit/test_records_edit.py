"""Editing and restoring a person's records: the same checks as when adding, nothing changed
by a refused edit, and a delete undone brings the record back as it was."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop.domain.enums import (
    AchievementKind,
    DisciplineForm,
    DisciplineStatus,
    Gender,
    InitiativeScope,
    RatingLevel,
    UnitKind,
)
from desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from desktop.services import Services
from desktop.services.people import PersonInput
from desktop.services.records import (
    AwardRecordInput,
    DisciplineInput,
    InitiativeInput,
    Subject,
)
from desktop.services.units import UnitInput


@pytest.fixture
def person(services: Services) -> Subject:
    root = services.units.children(None)[0].id
    commune = services.units.create(UnitInput("Xã Bình Lư", "BL", UnitKind.COMMUNE, root)).id
    row = services.people.create(PersonInput("Tòng Thị Nguyệt", Gender.FEMALE, commune,
                                             ethnicity="Thái"))
    return Subject(person_id=row.id)


def test_rating_edit_moves_the_year_and_refuses_a_taken_one(services: Services,
                                                            person: Subject) -> None:
    ratings = services.ratings
    r24 = ratings.set(person, 2024, "HTTNV")
    r25 = ratings.set(person, 2025, "HTNV")
    edited = ratings.update(r25.id, 2025, RatingLevel.EXCELLENT, "theo Quyết định 12")
    assert (edited.id, edited.level, edited.note) == (r25.id, RatingLevel.EXCELLENT,
                                                      "theo Quyết định 12")
    with pytest.raises(ValidationError) as taken:
        ratings.update(r25.id, 2024, "HTTNV")
    assert taken.value.problems[0].field == "year"
    assert "đã có kết quả xếp loại năm 2024" in str(taken.value)
    with pytest.raises(ValidationError) as bad:
        ratings.update(r25.id, 1800, "Giỏi")
    assert {p.field for p in bad.value.problems} == {"year", "level"}
    assert [(r.year, r.level) for r in ratings.for_subject(person)] == [
        (2024, RatingLevel.GOOD), (2025, RatingLevel.EXCELLENT)]
    # Delete 2024, then move 2025 onto 2024: the trashed slot is reused.
    ratings.delete(r24.id)
    moved = ratings.update(r25.id, 2024, "HTXSNV")
    assert [(r.year, r.level) for r in ratings.for_subject(person)] == [
        (2024, RatingLevel.EXCELLENT)]
    assert moved.id == r24.id
    ratings.delete(moved.id)
    assert ratings.for_subject(person) == []
    assert ratings.restore(moved.id).year == 2024
    with pytest.raises(NotFoundError, match="thùng rác"):
        ratings.restore(moved.id)


def test_initiative_edit_is_checked_like_an_add_and_restored(services: Services,
                                                             person: Subject) -> None:
    good = InitiativeInput(person, "Số hóa hồ sơ thi đua cấp xã", 2025, "co_so", "15/QĐ-UBND",
                           date(2025, 12, 20), "Chủ tịch UBND xã Bình Lư")
    row = services.initiatives.create(good)
    edited = services.initiatives.update(row.id, replace(
        good, scope=InitiativeScope.PROVINCE, decision_number="88/QĐ-UBND",
        recognised_by="UBND tỉnh Lai Châu"))
    assert (edited.scope, edited.decision_number, edited.recognised_by) == (
        InitiativeScope.PROVINCE, "88/QĐ-UBND", "UBND tỉnh Lai Châu")
    with pytest.raises(ValidationError) as bad:
        services.initiatives.update(row.id, replace(good, title=" ", decision_number="",
                                                    decision_date=date(2024, 1, 5)))
    assert {p.field for p in bad.value.problems} == {"title", "decision_number",
                                                     "decision_date"}
    assert services.initiatives.get(row.id) == edited  # nothing changed
    services.initiatives.delete(row.id)
    assert services.initiatives.for_subject(person) == []
    assert services.initiatives.restore(row.id) == edited


def test_award_history_edit_keeps_the_checks_and_refuses_a_duplicate(services: Services,
                                                                     person: Subject) -> None:
    base = AwardRecordInput(person, "CSTDCS", 2024, AchievementKind.MERIT, "120/QĐ-UBND",
                            date(2024, 12, 25))
    first = services.awards.create(base)
    second = services.awards.create(replace(base, award_code="GIAY_KHEN", year=2025,
                                            achievement_kind="dot_xuat",
                                            decision_date=date(2025, 6, 1), note="Cứu người"))
    assert second.achievement_kind is AchievementKind.AD_HOC and second.note == "Cứu người"
    edited = services.awards.update(second.id, replace(second.as_input(),
                                                       achievement_kind="chuyên đề"))
    assert edited.achievement_kind is AchievementKind.THEMATIC
    with pytest.raises(ConflictError, match="Đã có “Chiến sĩ thi đua cơ sở” năm 2024"):
        services.awards.update(second.id, base)
    with pytest.raises(ValidationError, match="chỉ áp dụng từ 01/01/2024"):
        services.awards.update(first.id, replace(base, year=2023,
                                                 decision_date=date(2023, 12, 1)))
    assert services.awards.get(first.id) == first
    # Restoring a record that a new one now duplicates is refused.
    services.awards.delete(first.id)
    services.awards.create(replace(base, decision_number="121/QĐ-UBND"))
    with pytest.raises(ConflictError, match="Đã có"):
        services.awards.restore(first.id)


def test_discipline_edit_and_restore(services: Services, person: Subject) -> None:
    row = services.disciplines.create(DisciplineInput(person, "khiển trách",
                                                      DisciplineStatus.UNDER_REVIEW))
    with pytest.raises(ValidationError, match="Số quyết định: bắt buộc"):
        services.disciplines.update(row.id, replace(row.as_input(),
                                                    status=DisciplineStatus.DECIDED))
    decided = services.disciplines.update(row.id, replace(
        row.as_input(), form=DisciplineForm.WARNING, status=DisciplineStatus.DECIDED,
        decision_number="5/QĐ-UBND", effective_from=date(2025, 3, 1),
        effective_to=date(2026, 2, 28)))
    assert (decided.form, decided.status) == (DisciplineForm.WARNING, DisciplineStatus.DECIDED)
    services.disciplines.delete(row.id)
    services.people.delete(person.person_id or 0)
    with pytest.raises(ConflictError, match="Hãy khôi phục cá nhân trước"):
        services.disciplines.restore(row.id)
    services.people.restore(person.person_id or 0)
    assert services.disciplines.restore(row.id) == decided
