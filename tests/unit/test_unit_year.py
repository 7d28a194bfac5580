"""Per unit and year, as a grid: ratings and registrations of a unit's people and of the unit,
written as a batch (all or nothing, each refused cell named), pasted from Excel, undone."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.api.unit_year import (
    COLUMNS,
    CellChange,
    GridColumn,
    GridRefusedError,
    parse_paste,
    parse_rating,
    person_key,
    unit_key,
)
from desktop.domain.enums import AchievementKind, Gender, RatingLevel, UnitKind
from desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from desktop.services import Services
from desktop.services.people import PersonInput
from desktop.services.records import AwardRecordInput, Subject
from desktop.services.units import UnitInput

YEAR = 2025
RATING = COLUMNS.index(GridColumn.RATING)


@pytest.fixture
def school(services: Services) -> tuple[int, dict[str, int]]:
    root = services.units.children(None)[0].id
    unit = services.units.create(UnitInput("Trường Tiểu học Bình Lư", "THBL",
                                           UnitKind.SCHOOL, root)).id
    people = {}
    for key, name in [("mai", "Vàng Thị Mai"), ("duc", "Lò Văn Đức"), ("an", "Nguyễn Văn An")]:
        people[key] = services.people.create(PersonInput(name, Gender.FEMALE, unit)).id
    gone = services.people.create(PersonInput("Hà Văn Đã Chuyển", Gender.MALE, unit)).id
    services.people.delete(gone)
    return unit, people


def test_grid_rows_are_live_people_by_name_then_the_unit(services: Services, school) -> None:
    unit, _people = school
    grid = services.unit_year.grid(unit, YEAR)
    assert [r.name for r in grid.rows] == ["Nguyễn Văn An", "Lò Văn Đức", "Vàng Thị Mai",
                                           "Trường Tiểu học Bình Lư"]
    assert grid.rows[-1].key == unit_key(unit) and grid.rows[-1].is_unit
    person_codes = {t.code for t in grid.person_titles}
    unit_codes = {t.code for t in grid.unit_titles}
    assert {"LDTT", "CSTDCS"} <= person_codes and "TTLDTT" not in person_codes
    assert {"TTLDTT", "TTLDXS"} <= unit_codes and "LDTT" not in unit_codes
    assert "LDTT_2013" not in person_codes  # the 2013 law's name ended with 2023
    assert "LDTT_2013" in {t.code for t in services.unit_year.grid(unit, 2023).person_titles}


def test_batch_writes_ratings_and_registrations_and_shows_results(services: Services,
                                                                  school) -> None:
    unit, people = school
    services.awards.create(AwardRecordInput(
        Subject(person_id=people["mai"]), "LDTT", YEAR, AchievementKind.MERIT, "15/QĐ-UBND",
        date(2025, 12, 20)))
    result = services.unit_year.apply(unit, YEAR, [
        CellChange(person_key(people["mai"]), GridColumn.RATING, "HTXSNV"),
        CellChange(person_key(people["mai"]), GridColumn.REGISTRATION, "CSTDCS"),
        CellChange(unit_key(unit), GridColumn.RATING, "HTTNV"),
        CellChange(unit_key(unit), GridColumn.REGISTRATION, "TTLDTT"),
    ])
    assert len(result.applied) == 4
    ratings = services.ratings.for_subject(Subject(person_id=people["mai"]))
    assert [(r.year, r.level) for r in ratings] == [(YEAR, RatingLevel.EXCELLENT)]
    assert services.ratings.for_subject(Subject(unit_id=unit))[0].level is RatingLevel.GOOD
    registered = services.registrations.for_unit(unit, YEAR)
    assert [(r.subject_name, r.award_code) for r in registered] == [
        ("Trường Tiểu học Bình Lư", "TTLDTT"), ("Vàng Thị Mai", "CSTDCS")]
    mai = result.grid.row(person_key(people["mai"]))
    assert mai is not None and mai.result_basic.startswith("Đạt – QĐ 15/QĐ-UBND")
    assert mai.result_high == ""


def test_a_bad_cell_refuses_the_whole_batch_and_each_cell_is_named(services: Services,
                                                                    school) -> None:
    unit, people = school
    with pytest.raises(GridRefusedError) as refused:
        services.unit_year.apply(unit, YEAR, [
            CellChange(person_key(people["an"]), GridColumn.RATING, "HTXSNV"),  # good
            CellChange(person_key(people["duc"]), GridColumn.RATING, "giỏi"),
            CellChange(person_key(people["mai"]), GridColumn.REGISTRATION, "TTLDTT"),
            CellChange(unit_key(unit), GridColumn.REGISTRATION, "BK_TINH"),
            CellChange(person_key(999_999), GridColumn.RATING, "HTNV"),
        ])
    named = {(r.row_name, r.column): r.reason for r in refused.value.refusals}
    assert set(named) == {("Lò Văn Đức", GridColumn.RATING),
                          ("Vàng Thị Mai", GridColumn.REGISTRATION),
                          ("Trường Tiểu học Bình Lư", GridColumn.REGISTRATION),
                          (person_key(999_999), GridColumn.RATING)}
    assert "không hợp lệ" in named[("Lò Văn Đức", GridColumn.RATING)]
    assert "không phải danh hiệu dành cho cá nhân" in named[
        ("Vàng Thị Mai", GridColumn.REGISTRATION)]
    assert "hình thức khen thưởng" in named[("Trường Tiểu học Bình Lư",
                                             GridColumn.REGISTRATION)]
    assert "Lò Văn Đức – Xếp loại" in str(refused.value)  # the message names row and column
    # nothing was written, not even the good cell
    assert services.ratings.for_subject(Subject(person_id=people["an"])) == []
    assert services.registrations.for_unit(unit, YEAR) == []


def test_clearing_a_cell_deletes_and_undo_brings_the_same_records_back(services: Services,
                                                                       school) -> None:
    unit, people = school
    mai = person_key(people["mai"])
    first = services.unit_year.apply(unit, YEAR, [
        CellChange(mai, GridColumn.RATING, "HTTNV"),
        CellChange(mai, GridColumn.REGISTRATION, "LDTT")])
    rating_id = services.ratings.for_subject(Subject(person_id=people["mai"]))[0].id
    registration_id = services.registrations.for_unit(unit, YEAR)[0].id
    assert first.undo == (CellChange(mai, GridColumn.RATING, ""),
                          CellChange(mai, GridColumn.REGISTRATION, ""))

    cleared = services.unit_year.apply(unit, YEAR, [CellChange(mai, GridColumn.RATING, ""),
                                                    CellChange(mai, GridColumn.REGISTRATION, "")])
    assert services.ratings.for_subject(Subject(person_id=people["mai"])) == []
    assert services.registrations.for_unit(unit, YEAR) == []
    assert services.unit_year.last_batch is cleared

    services.unit_year.undo_last()
    back = services.ratings.for_subject(Subject(person_id=people["mai"]))
    assert [(r.id, r.level) for r in back] == [(rating_id, RatingLevel.GOOD)]
    assert [r.id for r in services.registrations.for_unit(unit, YEAR)] == [registration_id]
    with pytest.raises(NotFoundError):
        services.unit_year.undo_last()

    services.unit_year.undo(first)  # back to before the first batch
    assert services.ratings.for_subject(Subject(person_id=people["mai"])) == []


def test_undo_refuses_a_cell_changed_since(services: Services, school) -> None:
    unit, people = school
    mai = person_key(people["mai"])
    batch = services.unit_year.apply(unit, YEAR, [CellChange(mai, GridColumn.RATING, "HTTNV")])
    services.ratings.set(Subject(person_id=people["mai"]), YEAR, RatingLevel.COMPLETED)
    with pytest.raises(GridRefusedError) as refused:
        services.unit_year.undo(batch)
    assert "đã được sửa sau lần lưu này" in str(refused.value)
    assert services.ratings.for_subject(Subject(person_id=people["mai"]))[0].level \
        is RatingLevel.COMPLETED


def test_paste_maps_an_excel_block_tolerantly(services: Services, school) -> None:
    unit, people = school
    grid = services.unit_year.grid(unit, YEAR)
    block = ("hoàn thành xuất sắc\tcstđ cơ sở\r\n"
             "HOAN THANH TOT\tLĐTT\r\n"
             "ht\t\r\n"
             "Hoàn thành xuất sắc nhiệm vụ\ttập thể LĐTT\r\n")
    result = parse_paste(grid, 0, RATING, block)
    assert result.refused == ()
    values = {(c.row_key, c.column): c.value for c in result.changes}
    assert values == {
        (person_key(people["an"]), GridColumn.RATING): "HTXSNV",
        (person_key(people["an"]), GridColumn.REGISTRATION): "CSTDCS",
        (person_key(people["duc"]), GridColumn.RATING): "HTTNV",
        (person_key(people["duc"]), GridColumn.REGISTRATION): "LDTT",
        (person_key(people["mai"]), GridColumn.RATING): "HTNV",
        (person_key(people["mai"]), GridColumn.REGISTRATION): "",
        (unit_key(unit), GridColumn.RATING): "HTXSNV",
        (unit_key(unit), GridColumn.REGISTRATION): "TTLDTT",
    }
    services.unit_year.apply(unit, YEAR, result.changes)
    assert services.unit_year.grid(unit, YEAR).rows[0].registrations == ("CSTDCS",)


def test_paste_names_every_refused_cell(services: Services, school) -> None:
    unit, _people = school
    grid = services.unit_year.grid(unit, YEAR)
    name = COLUMNS.index(GridColumn.NAME)
    block = ("Nguyễn Văn An\tNV\txuat sac\n"          # name as shown: fine
             "Người Khác\t\tkém\n"                    # another name, a bad rating
             "Vàng Thị Mai\t\tTốt\tLĐTT\tthêm\n")       # a result typed over
    result = parse_paste(grid, 0, name, block)
    refused = {(r.row_name, r.column_label) for r in result.refused}
    assert ("Lò Văn Đức", "Họ và tên") in refused  # the block's name does not match the row
    assert ("Lò Văn Đức", "Xếp loại") in refused
    assert ("Nguyễn Văn An", "Chức vụ") in refused  # read-only column, different text
    assert ("Vàng Thị Mai", "Kết quả LĐTT / TTLĐTT") in refused
    assert all(r.reason for r in result.refused)
    far = parse_paste(grid, 3, RATING, "HTNV\nHTNV\n")
    assert [(r.row_name, r.reason.split(" (")[0]) for r in far.refused] == [
        ("Dòng 5", "nằm ngoài bảng")]
    wide = parse_paste(grid, 0, len(COLUMNS) - 1, "x\ty")
    assert [r.column_label for r in wide.refused] == ["Kết quả CSTĐCS / TTLĐXS", "Cột 7"]


def test_rating_words_officers_type() -> None:
    assert parse_rating("Hoàn thành xuất sắc nhiệm vụ") is RatingLevel.EXCELLENT
    assert parse_rating("  HTXS NV ") is RatingLevel.EXCELLENT
    assert parse_rating("hoàn thành tốt") is RatingLevel.GOOD
    assert parse_rating("Không hoàn thành") is RatingLevel.NOT_COMPLETED
    assert parse_rating("HT") is RatingLevel.COMPLETED
    assert parse_rating("giỏi") is None


def test_parse_cells_from_typed_text(services: Services, school) -> None:
    unit, people = school
    changes = services.unit_year.parse_cells(unit, YEAR, [
        (person_key(people["duc"]), GridColumn.RATING, "xuất sắc")])
    assert changes == [CellChange(person_key(people["duc"]), GridColumn.RATING, "HTXSNV")]
    with pytest.raises(GridRefusedError) as refused:
        services.unit_year.parse_cells(unit, YEAR, [
            (person_key(people["duc"]), GridColumn.REGISTRATION, "Huân chương")])
    assert refused.value.refusals[0].row_name == "Lò Văn Đức"
    assert "LĐTT" in refused.value.refusals[0].reason  # lists what can be chosen


def test_registration_service_set_clear_and_rules(services: Services, school) -> None:
    _unit, people = school
    mai = Subject(person_id=people["mai"])
    rows = services.registrations.set(mai, YEAR, ["ldtt", "CSTDCS"])
    assert [r.award_code for r in rows] == ["LDTT", "CSTDCS"]
    rows = services.registrations.set(mai, YEAR, ["CSTDCS"])
    assert [r.award_code for r in services.registrations.list(YEAR, mai)] == ["CSTDCS"]
    with pytest.raises(ValidationError) as wrong:
        services.registrations.set(mai, YEAR, ["TTLDTT", "NOPE"])
    assert "không phải danh hiệu dành cho cá nhân" in str(wrong.value)
    assert "không có mã “NOPE”" in str(wrong.value)
    with pytest.raises(ValidationError, match="chỉ áp dụng từ 01/01/2024"):
        services.registrations.register(mai, 2023, "LDTT")
    with pytest.raises(ConflictError):
        services.registrations.register(mai, YEAR, "CSTDCS")
    cleared = services.registrations.clear(mai, YEAR)
    assert [r.award_code for r in cleared] == ["CSTDCS"]
    assert services.registrations.list(YEAR, mai) == []
    assert services.registrations.restore(cleared[0].id).award_code == "CSTDCS"
