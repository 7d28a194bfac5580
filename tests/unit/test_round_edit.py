"""Rounds: renamed, given a kind and year explicitly, linked to a movement of a compatible
year (or unlinked), deleted only while empty (the refusal says how many nominations), restored."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.enums import Gender, MovementKind, RoundKind, RoundStatus, UnitKind
from desktop.domain.errors import ConflictError, NotFoundError, StaleEditError, ValidationError
from desktop.services import Services
from desktop.services.movements import MovementInput
from desktop.services.nominations import NominationInput
from desktop.services.people import PersonInput
from desktop.services.records import Subject
from desktop.services.rounds import RoundInput
from desktop.services.units import UnitInput


@pytest.fixture
def round_id(services: Services) -> int:
    return services.rounds.create(RoundInput("Đợt xét 2026", 2026, RoundKind.YEAR_END,
                                             note="ghi chú giữ nguyên")).id


def _person(services: Services) -> int:
    root = services.units.children(None)[0].id
    school = services.units.create(UnitInput("Trường Tiểu học Bình Lư", "THBL",
                                             UnitKind.SCHOOL, root)).id
    return services.people.create(PersonInput("Lò Văn Đức", Gender.MALE, school)).id


def test_rename_kind_and_year_explicitly(services: Services, round_id: int) -> None:
    renamed = services.rounds.rename(round_id, "  Xét khen thưởng chuyên đề năm 2025 ")
    assert renamed.name == "Xét khen thưởng chuyên đề năm 2025"
    edited = services.rounds.edit(round_id, kind="chuyen_de", year=2025)
    assert (edited.kind, edited.year, edited.note) == (RoundKind.THEMATIC, 2025,
                                                       "ghi chú giữ nguyên")
    assert services.rounds.edit(round_id, kind="Đột xuất").kind is RoundKind.AD_HOC


def test_bad_name_kind_or_year_is_refused_naming_the_field(services: Services,
                                                          round_id: int) -> None:
    with pytest.raises(ValidationError) as info:
        services.rounds.edit(round_id, name="  ", kind="tong_ket", year=1890)
    fields = {p.field: p.message for p in info.value.problems}
    assert fields["name"] == "không được để trống"
    assert "giá trị “tong_ket” không hợp lệ" in fields["kind"] and "Tổng kết năm" in fields["kind"]
    assert f"năm 1890 nằm ngoài khoảng 2000–{date.today().year + 2}" == fields["year"]
    stored = services.rounds.get(round_id)
    assert (stored.name, stored.kind, stored.year) == ("Đợt xét 2026", RoundKind.YEAR_END, 2026)


def test_year_is_fixed_once_the_round_has_nominations(services: Services,
                                                      round_id: int) -> None:
    services.nominations.create(NominationInput(round_id, Subject(person_id=_person(services)),
                                                "LDTT"))
    with pytest.raises(ValidationError) as info:
        services.rounds.edit(round_id, year=2025)
    assert info.value.problems[0].field == "year"
    assert "đã có 1 đề nghị khen thưởng tính theo năm 2026" in str(info.value)
    assert services.rounds.rename(round_id, "Tổng kết 2026").year == 2026  # the rest still edits


def test_link_a_movement_of_a_compatible_year_and_unlink(services: Services,
                                                         round_id: int) -> None:
    same_year = services.movements.create(MovementInput("Thi đua 2026", MovementKind.REGULAR,
                                                        2026, "02/CT-UBND"))
    five_years = services.movements.create(MovementInput(
        "Chung sức xây dựng nông thôn mới", MovementKind.THEMATIC, 2021,
        period_start=date(2021, 1, 1), period_end=date(2025, 12, 31)))
    linked = services.rounds.link_movement(round_id, same_year.id)
    assert (linked.movement_id, linked.movement_name) == (same_year.id, "Thi đua 2026")
    with pytest.raises(ValidationError) as info:
        services.rounds.link_movement(round_id, five_years.id)
    [problem] = info.value.problems
    assert problem.field == "movement_id"
    assert problem.message == ("“Chung sức xây dựng nông thôn mới” là phong trào năm 2021 (thời "
                               "gian 01/01/2021 – 31/12/2025), không dùng cho đợt xét năm 2026")
    assert services.rounds.get(round_id).movement_id == same_year.id
    # A 2024 round may judge the five-year movement.
    earlier = services.rounds.create(RoundInput("Đợt xét 2024", 2024, RoundKind.THEMATIC)).id
    assert services.rounds.link_movement(earlier, five_years.id).movement_id == five_years.id
    # Changing the year away from the linked movement is refused too.
    with pytest.raises(ValidationError, match="không dùng cho đợt xét năm 2025"):
        services.rounds.edit(round_id, year=2025)
    assert services.rounds.link_movement(round_id, None).movement_id is None
    services.movements.delete(same_year.id)
    with pytest.raises(ValidationError, match="không tồn tại hoặc đã bị xóa"):
        services.rounds.link_movement(round_id, same_year.id)


def test_a_stale_edit_is_refused(services: Services, round_id: int) -> None:
    opened = services.rounds.get(round_id)
    services.rounds.rename(round_id, "Đổi ở máy khác")
    with pytest.raises(StaleEditError):
        services.rounds.rename(round_id, "Của tôi", expected_version=opened.version)
    assert services.rounds.get(round_id).name == "Đổi ở máy khác"


def test_delete_only_while_empty_then_restore(services: Services, round_id: int) -> None:
    person = _person(services)
    first = services.nominations.create(NominationInput(round_id, Subject(person_id=person),
                                                        "LDTT"))
    services.nominations.create(NominationInput(round_id, Subject(person_id=person), "CSTDCS"))
    with pytest.raises(ConflictError, match="Không thể xóa đợt “Đợt xét 2026” vì còn 2 đề nghị"):
        services.rounds.delete(round_id)
    assert services.rounds.get(round_id).nomination_count == 2
    services.nominations.delete_many([first.id, first.id + 1])
    deleted = services.rounds.delete(round_id)
    assert deleted.name == "Đợt xét 2026"
    with pytest.raises(NotFoundError):
        services.rounds.get(round_id)
    assert [r.id for r in services.rounds.list()] == []
    assert any(i.kind == "round" and i.id == round_id for i in services.trash.items())
    services.trash.restore("round", round_id)  # what Ctrl+Z does
    restored = services.rounds.get(round_id)
    assert (restored.name, restored.status) == ("Đợt xét 2026", RoundStatus.OPEN)
    # The nominations deleted before can come back now that their round is back.
    services.nominations.restore(first.id)
    assert services.rounds.get(round_id).nomination_count == 1


def test_a_nomination_of_a_deleted_round_is_not_restored(services: Services,
                                                         round_id: int) -> None:
    n = services.nominations.create(NominationInput(round_id,
                                                    Subject(person_id=_person(services)), "LDTT"))
    services.nominations.delete(n.id)
    services.rounds.delete(round_id)
    with pytest.raises(ConflictError, match="hãy khôi phục đợt xét trước"):
        services.nominations.restore(n.id)
