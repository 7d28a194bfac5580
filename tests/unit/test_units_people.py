"""Units and people: validation in Vietnamese, nothing changed on refusal, trash and restore,
indexed diacritic-insensitive search, SQL sorting and paging."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.domain.enums import Gender, UnitKind
from desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from desktop.models import Person, Unit
from desktop.services import Services
from desktop.services.people import PeopleQuery, PersonInput
from desktop.services.units import UnitInput


def _root(services: Services) -> int:
    return services.units.children(None)[0].id


def _commune(services: Services, name: str = "Xã Bình Lư", code: str = "BL") -> int:
    return services.units.create(UnitInput(name, code, UnitKind.COMMUNE, _root(services))).id


def _count(services: Services, model: type) -> int:
    with services.db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_unit_tree_children_in_vietnamese_order_with_counts(services: Services) -> None:
    root = _root(services)
    for name, code in [("Xã Tà Lèng", "TL"), ("Phường Đoàn Kết", "DK"), ("Xã Bản Bo", "BB")]:
        kind = UnitKind.WARD if name.startswith("Phường") else UnitKind.COMMUNE
        services.units.create(UnitInput(name, code, kind, root))
    children = services.units.children(root)
    assert [c.name for c in children] == ["Phường Đoàn Kết", "Xã Bản Bo", "Xã Tà Lèng"]
    assert services.units.children(None)[0].child_count == 3
    assert children[0].level == "commune"


def test_unit_validation_lists_every_wrong_field_and_saves_nothing(services: Services) -> None:
    before = _count(services, Unit)
    with pytest.raises(ValidationError) as info:
        services.units.create(UnitInput("  ", "LCH", "huyen-xyz", parent_id=9999))
    fields = {p.field for p in info.value.problems}
    assert fields == {"name", "kind", "parent_id", "code"}
    message = str(info.value)
    assert "Tên đơn vị: không được để trống" in message
    assert "Mã đơn vị: mã “LCH” đã được dùng" in message
    assert _count(services, Unit) == before


def test_district_units_are_history_only(services: Services) -> None:
    with pytest.raises(ValidationError, match="không còn cấp huyện"):
        services.units.create(UnitInput("Huyện Tam Đường", "TD", UnitKind.DISTRICT, _root(services)))
    unit = services.units.create(UnitInput("Huyện Tam Đường", "TD", UnitKind.DISTRICT,
                                           _root(services), valid_to=date(2025, 6, 30)))
    assert unit.is_historical


def test_unit_cannot_become_its_own_ancestor(services: Services) -> None:
    commune = _commune(services)
    village = services.units.create(UnitInput("Bản Nà Ban", "NB", UnitKind.VILLAGE, commune))
    with pytest.raises(ValidationError, match="trực thuộc nó"):
        services.units.update(commune, UnitInput("Xã Bình Lư", "BL", UnitKind.COMMUNE, village.id))


def test_unit_with_people_cannot_be_deleted_then_delete_and_restore(services: Services) -> None:
    commune = _commune(services)
    person = services.people.create(PersonInput("Lò Văn Đức", Gender.MALE, commune))
    with pytest.raises(ConflictError, match="còn 1 cá nhân"):
        services.units.delete(commune)
    services.people.delete(person.id)
    services.units.delete(commune)
    with pytest.raises(ConflictError, match="khôi phục đơn vị “Xã Bình Lư” trước"):
        services.people.restore(person.id)
    services.units.restore(commune)
    assert services.people.restore(person.id).full_name == "Lò Văn Đức"


VALID = PersonInput("Nguyễn Văn Đức", Gender.MALE, None, date(1985, 3, 2), "Kinh",
                    "012085000123", "Chủ tịch UBND xã", is_unit_head=True)


def test_person_is_stored_nfc_with_keys_and_version(services: Services) -> None:
    commune = _commune(services)
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "  Lò  Thị Hường ")
    person = services.people.create(PersonInput(decomposed, "nữ", commune, ethnicity="thai"))
    assert person.full_name == "Lò Thị Hường" and person.ethnicity == "Thái"
    assert person.version == 1
    updated = services.people.update(person.id, replace(person.as_input(), position="Kế toán"))
    assert updated.version == 2
    with services.db.read() as s:
        row = s.get(Person, person.id)
        assert row is not None
        assert row.search_key == "lo thi huong"
        assert row.owner_uuid == services.db.installation.uuid  # type: ignore[union-attr]
        assert len(row.uuid) == 36 and row.created_at <= row.updated_at


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"citizen_id": "01208500012"}, "citizen_id", "đúng 12 chữ số"),
        ({"citizen_id": "012185000123"}, "citizen_id", "giới tính nữ"),
        ({"citizen_id": "012086000123"}, "citizen_id", "năm sinh 1986"),
        ({"full_name": "Đức"}, "full_name", "ít nhất hai từ"),
        ({"full_name": "Nguyễn Văn 2"}, "full_name", "chữ số"),
        ({"ethnicity": "Kinhh"}, "ethnicity", "54 dân tộc"),
        ({"gender": "khác"}, "gender", "không hợp lệ"),
        ({"birth_date": date(2999, 1, 1), "citizen_id": None}, "birth_date", "tương lai"),
    ],
)
def test_person_validation_names_the_field_and_why(
    services: Services, changes: dict[str, object], field: str, fragment: str
) -> None:
    commune = _commune(services)
    before = _count(services, Person)
    with pytest.raises(ValidationError) as info:
        services.people.create(replace(VALID, unit_id=commune, **changes))  # type: ignore[arg-type]
    assert field in {p.field for p in info.value.problems}
    assert fragment in str(info.value)
    assert _count(services, Person) == before


def test_person_needs_a_live_unit(services: Services) -> None:
    with pytest.raises(ValidationError, match="Đơn vị công tác: chưa chọn đơn vị"):
        services.people.create(VALID)
    with pytest.raises(ValidationError, match="không tồn tại"):
        services.people.create(replace(VALID, unit_id=424242))


def test_cccd_is_unique_among_live_people(services: Services) -> None:
    commune = _commune(services)
    first = services.people.create(replace(VALID, unit_id=commune))
    with pytest.raises(ValidationError, match="đã thuộc về Nguyễn Văn Đức"):
        services.people.create(replace(VALID, unit_id=commune, full_name="Trần Văn Đức"))
    services.people.delete(first.id)
    second = services.people.create(replace(VALID, unit_id=commune, full_name="Trần Văn Đức"))
    with pytest.raises(ConflictError, match="đã thuộc về Trần Văn Đức"):
        services.people.restore(first.id)
    assert services.people.get(second.id).citizen_id == VALID.citizen_id


def test_deleted_person_goes_to_trash_and_comes_back(services: Services) -> None:
    commune = _commune(services)
    person = services.people.create(replace(VALID, unit_id=commune))
    services.people.delete(person.id)
    with pytest.raises(NotFoundError):
        services.people.get(person.id)
    assert services.people.count(PeopleQuery()) == 0
    assert services.people.count(PeopleQuery(deleted=True)) == 1
    items = services.trash.items()
    assert [(i.kind, i.label) for i in items] == [("person", "Nguyễn Văn Đức")]
    services.trash.restore("person", person.id)
    assert services.people.get(person.id).full_name == "Nguyễn Văn Đức"
    assert services.trash.items() == []


def _people(services: Services) -> int:
    commune = _commune(services)
    village = services.units.create(UnitInput("Bản Nà Ban", "NB", UnitKind.VILLAGE, commune)).id
    for name, gender, unit in [
        ("Nguyễn Văn Đức", "nam", commune), ("Lò Thị Hường", "nữ", commune),
        ("Phạm Thị Hương", "nữ", village), ("Giàng A Dũng", "nam", village),
        ("Đỗ Minh Dung", "nữ", commune), ("Lê Văn An", "nam", village),
    ]:
        services.people.create(PersonInput(name, gender, unit))
    return commune


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("duc", ["Nguyễn Văn Đức"]),
        ("DUC", ["Nguyễn Văn Đức"]),
        ("huong", ["Phạm Thị Hương", "Lò Thị Hường"]),
        ("hường", ["Phạm Thị Hương", "Lò Thị Hường"]),
        ("du", ["Đỗ Minh Dung", "Giàng A Dũng", "Nguyễn Văn Đức"]),
        ("thi h", ["Phạm Thị Hương", "Lò Thị Hường"]),
        ("", ["Lê Văn An", "Đỗ Minh Dung", "Giàng A Dũng", "Nguyễn Văn Đức",
              "Phạm Thị Hương", "Lò Thị Hường"]),
        ("zz", []),
        ('"; DROP', []),
    ],
)
def test_search_ignores_case_tones_and_d_stroke(
    services: Services, typed: str, expected: list[str]
) -> None:
    _people(services)
    query = PeopleQuery(text=typed)
    assert [p.full_name for p in services.people.page(query, 0, 50)] == expected
    assert services.people.count(query) == len(expected)


def test_search_uses_the_fts_index_not_a_scan(services: Services) -> None:
    _people(services)
    with services.db.engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT rowid FROM people_fts WHERE people_fts MATCH '\"duc\"*'"))
    assert "VIRTUAL TABLE INDEX" in plan


def test_unit_filter_includes_subunits_and_sort_and_paging(services: Services) -> None:
    commune = _people(services)
    in_commune = PeopleQuery(unit_id=commune, include_subunits=False)
    assert services.people.count(in_commune) == 3
    assert services.people.count(PeopleQuery(unit_id=commune)) == 6
    by_unit = services.people.page(PeopleQuery(sort="unit"), 0, 10)
    assert [p.unit_name for p in by_unit][:3] == ["Bản Nà Ban"] * 3
    desc = services.people.page(PeopleQuery(sort="name", descending=True), 0, 2)
    assert [p.full_name for p in desc] == ["Lò Thị Hường", "Phạm Thị Hương"]
    pages = [services.people.page(PeopleQuery(), offset, 4) for offset in (0, 4)]
    assert len(pages[0]) == 4 and len(pages[1]) == 2
    assert not {p.id for p in pages[0]} & {p.id for p in pages[1]}


@pytest.mark.parametrize("few_matches", [0, 1_000_000])
def test_both_search_plans_give_the_same_pages(services: Services, few_matches: int,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Dense searches walk the name index, sparse ones sort their matches: same answer."""
    import desktop.services.people as people_module

    _people(services)
    monkeypatch.setattr(people_module, "FEW_MATCHES", few_matches)
    for typed, expected in [("du", ["Đỗ Minh Dung", "Giàng A Dũng", "Nguyễn Văn Đức"]),
                            ("thi h", ["Phạm Thị Hương", "Lò Thị Hường"]), ("zz", [])]:
        query = PeopleQuery(text=typed)
        assert [p.full_name for p in services.people.page(query, 0, 50)] == expected
        assert services.people.count(query) == len(expected)
        assert [p.full_name for p in services.people.page(query, 1, 1)] == expected[1:2]


def test_trashed_people_leave_the_search_index(services: Services) -> None:
    _people(services)
    duc = services.people.page(PeopleQuery(text="duc"), 0, 1)[0]
    services.people.delete(duc.id)
    assert services.people.count(PeopleQuery(text="duc")) == 0
    services.people.restore(duc.id)
    assert services.people.count(PeopleQuery(text="duc")) == 1
    renamed = services.people.update(duc.id, replace(duc.as_input(), full_name="Nguyễn Văn Đạt"))
    assert services.people.count(PeopleQuery(text="duc")) == 0
    assert services.people.page(PeopleQuery(text="dat"), 0, 5)[0].id == renamed.id
