"""Ratings, discipline, initiatives, award history, movements, catalog and base salary."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from desktop.domain.enums import (
    AchievementKind,
    DisciplineForm,
    DisciplineStatus,
    Gender,
    InitiativeScope,
    MovementKind,
    RatingLevel,
    TargetDirection,
    UnitKind,
)
from desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from desktop.services import Services
from desktop.services.movements import MovementInput, TargetInput
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


def test_rating_is_set_once_per_year_and_corrected_in_place(services: Services,
                                                            person: Subject) -> None:
    services.ratings.set(person, 2025, "HTTNV")
    services.ratings.set(person, 2025, RatingLevel.EXCELLENT, "sửa theo quyết định 12")
    services.ratings.set(person, 2026, "Hoàn thành tốt nhiệm vụ")
    rows = services.ratings.for_subject(person)
    assert [(r.year, r.level) for r in rows] == [(2025, RatingLevel.EXCELLENT),
                                                 (2026, RatingLevel.GOOD)]


def test_rating_refuses_bad_level_year_and_subject(services: Services, person: Subject) -> None:
    with pytest.raises(ValidationError) as info:
        services.ratings.set(Subject(person_id=person.person_id, unit_id=1), 1800, "Giỏi")
    assert {p.field for p in info.value.problems} == {"subject", "year", "level"}
    assert services.ratings.for_subject(person) == []


def test_discipline_needs_a_decision_number_once_decided(services: Services,
                                                         person: Subject) -> None:
    with pytest.raises(ValidationError, match="Số quyết định: bắt buộc"):
        services.disciplines.create(DisciplineInput(person, DisciplineForm.WARNING))
    under_review = services.disciplines.create(
        DisciplineInput(person, "khiển trách", DisciplineStatus.UNDER_REVIEW))
    assert under_review.form is DisciplineForm.REPRIMAND
    assert len(services.disciplines.for_subject(person)) == 1


def test_initiative_scope_and_decision_year(services: Services, person: Subject) -> None:
    good = InitiativeInput(person, "Số hóa hồ sơ thi đua cấp xã", 2025, "co_so", "15/QĐ-UBND",
                           date(2025, 12, 20), "Chủ tịch UBND xã Bình Lư")
    assert services.initiatives.create(good).scope is InitiativeScope.UNIT
    with pytest.raises(ValidationError, match="khác năm công nhận 2025"):
        services.initiatives.create(replace(good, decision_date=date(2024, 12, 20)))
    with pytest.raises(ValidationError, match="Phạm vi công nhận"):
        services.initiatives.create(replace(good, scope="huyện"))


def test_award_history_uses_the_name_in_force_on_the_decision_date(services: Services,
                                                                   person: Subject) -> None:
    old = AwardRecordInput(person, "CSTDCS_2013", 2023, AchievementKind.MERIT, "120/QĐ-UBND",
                           date(2023, 12, 25), period_from=date(2023, 1, 1),
                           period_to=date(2023, 12, 31))
    assert services.awards.create(old).lineage == "CSTDCS"
    with pytest.raises(ValidationError, match="chỉ áp dụng từ 01/01/2024"):
        services.awards.create(replace(old, award_code="CSTDCS"))
    new = replace(old, award_code="CSTDCS", year=2024, decision_date=date(2024, 12, 26))
    services.awards.create(new)
    with pytest.raises(ValidationError, match="hết áp dụng"):
        services.awards.create(replace(new, award_code="CSTDCS_2013", year=2025,
                                       decision_date=date(2025, 12, 20)))
    with pytest.raises(ConflictError, match="Đã có “Chiến sĩ thi đua cơ sở” năm 2024"):
        services.awards.create(new)
    history = services.awards.for_subject(person)
    assert [(h.year, h.award_code) for h in history] == [(2023, "CSTDCS_2013"), (2024, "CSTDCS")]
    services.awards.delete(history[0].id)
    assert [t.kind for t in services.trash.items()] == ["award_record"]


def test_award_history_for_a_household(services: Services) -> None:
    household = Subject(household_name="Hộ ông Giàng A Páo, bản Sin Câu")
    services.awards.create(AwardRecordInput(household, "GIAY_KHEN", 2025, "dot_xuat",
                                            "45/QĐ-UBND", date(2025, 9, 2)))
    assert services.awards.for_subject(household)[0].achievement_kind is AchievementKind.AD_HOC
    with pytest.raises(ValidationError, match="không có mã “XYZ”"):
        services.awards.create(AwardRecordInput(household, "XYZ", 2025, "dot_xuat", "1/QĐ-UBND",
                                                date(2025, 9, 2)))


def test_catalog_is_loaded_with_coefficients_and_legal_basis(services: Services) -> None:
    kinds = {k.code: k for k in services.catalog.award_kinds()}
    from desktop.domain.enums import SubjectKind

    assert kinds["BK_TINH"].coefficient(SubjectKind.HOUSEHOLD) == Decimal("2.25")
    assert kinds["CO_TD_TINH"].coefficient(SubjectKind.COLLECTIVE) == Decimal("8.00")
    assert "Điều 74" in kinds["BK_TINH"].legal_article
    in_force_2023 = {k.code for k in services.catalog.award_kinds(in_force_on=date(2023, 6, 1))}
    assert "CSTD_TINH_2013" in in_force_2023 and "CSTD_TINH" not in in_force_2023
    assert kinds["XA_TB"].name == "Xã, phường, đặc khu tiêu biểu"


def test_catalog_edits_are_validated_kept_and_can_be_reset(services: Services) -> None:
    kind = services.catalog.award_kind("GIAY_KHEN")
    services.catalog.update_award_kind(kind.id, replace(kind, coef_individual=Decimal("0.4"),
                                                        issuer="Chủ tịch UBND xã"))
    assert services.catalog.award_kind("GIAY_KHEN").coef_individual == Decimal("0.40")
    with pytest.raises(ValidationError, match="Hệ số cá nhân"):
        services.catalog.update_award_kind(kind.id, replace(kind, coef_individual=Decimal(-1)))
    reset = services.catalog.reset_award_kind(kind.id)
    assert reset.coef_individual == Decimal("0.30") and reset.issuer == kind.issuer


@pytest.mark.parametrize(
    ("day", "amount"),
    [(date(2023, 6, 30), 1_490_000), (date(2023, 7, 1), 1_800_000),
     (date(2026, 6, 30), 2_340_000), (date(2026, 7, 1), 2_530_000)],
)
def test_base_salary_in_force_on_a_date(services: Services, day: date, amount: int) -> None:
    assert services.catalog.base_salary_on(day).amount == amount


def test_base_salary_before_the_table_is_explained(services: Services) -> None:
    with pytest.raises(NotFoundError, match="01/01/2010"):
        services.catalog.base_salary_on(date(2010, 1, 1))


def test_province_parameters_have_defaults_and_typed_edits(services: Services) -> None:
    assert services.catalog.parameter("cstdcs_quota_percent") == 15
    assert services.catalog.parameter("vote_threshold_percent")["CSTD_TQ"] == 90
    services.catalog.set_parameter("cstdcs_quota_percent", 20)
    assert services.catalog.parameter("cstdcs_quota_percent") == 20
    with pytest.raises(ValidationError, match="kiểu giá trị"):
        services.catalog.set_parameter("cstdcs_quota_percent", "hai mươi")


def test_movement_with_directive_and_targets(services: Services) -> None:
    data = MovementInput(
        "Phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2022",
        MovementKind.REGULAR, 2022, "01/CT-UBND", date(2022, 1, 14), "UBND tỉnh Lai Châu",
        targets=[TargetInput("Tốc độ tăng trưởng GRDP", "%", 7.7),
                 TargetInput("Giảm tỷ lệ hộ nghèo", "%", 3.1, TargetDirection.HIGHER_BETTER)])
    movement = services.movements.create(data)
    assert [t.indicator for t in movement.targets] == ["Tốc độ tăng trưởng GRDP",
                                                       "Giảm tỷ lệ hộ nghèo"]
    shorter = services.movements.update(movement.id, replace(data, targets=data.targets[:1]))
    assert len(shorter.targets) == 1
    with pytest.raises(ValidationError, match="không đúng dạng số/ký hiệu"):
        services.movements.create(replace(data, directive_number="CT 01"))
    with pytest.raises(ValidationError, match="Chỉ tiêu dòng 1"):
        services.movements.create(replace(data, targets=[TargetInput("  ")]))
    services.movements.delete(movement.id)
    assert services.movements.list() == []
    services.trash.restore("movement", movement.id)
    assert services.movements.list(2022)[0].directive_number == "01/CT-UBND"
