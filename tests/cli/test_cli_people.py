"""tdkt people: search without diacritics, paging and sorting, Vietnamese validation messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.cli.conftest import Cli


@pytest.mark.parametrize(("typed", "found", "other"), [
    ("duc", "Nguyễn Văn Đức", "Lê Thị Hường"),
    ("huong", "Lê Thị Hường", "Nguyễn Văn Đức"),
])
def test_search_ignores_tones_and_d_stroke(people_cli: Cli, typed: str, found: str,
                                            other: str) -> None:
    human, as_json = people_cli.run_many(["people", "search", typed],
                                         ["people", "search", typed, "--json"])
    assert human.returncode == 0, human
    assert found in human.stdout and other not in human.stdout
    assert "Họ và tên" in human.stdout  # a table with Vietnamese headers
    assert as_json.returncode == 0, as_json
    data = as_json.json()
    assert data["total"] == 1
    assert [p["full_name"] for p in data["people"]] == [found]


def test_list_sorts_pages_and_filters_by_unit(people_cli: Cli) -> None:
    newest_first, commune = people_cli.run_many(
        ["--json", "people", "list", "--sort", "birth_date", "--desc", "--limit", "1"],
        ["people", "list", "--unit", "pth"],
    )
    data = newest_first.json()
    assert data["total"] == 2 and len(data["people"]) == 1
    first = data["people"][0]
    assert first["full_name"] == "Lê Thị Hường"
    assert first["birth_date"] == "1990-02-28"  # ISO dates in JSON
    assert first["citizen_id"] == "012190000123"
    assert commune.returncode == 0, commune
    assert "15/03/1985" in commune.stdout  # dd/mm/yyyy in tables
    assert "Nguyễn Văn Đức" in commune.stdout and "Lê Thị Hường" not in commune.stdout
    assert "Xã Phong Thổ" in commune.stdout


def test_invalid_cccd_is_refused_and_nothing_is_added(people_cli: Cli) -> None:
    refused = people_cli.run("people", "add", "--name", "Trần Văn Bình", "--gender", "nam",
                             "--unit", "PTH", "--cccd", "0121850001", "--json")
    assert refused.returncode == 1, refused
    assert refused.stderr.startswith("Lỗi: ")
    assert "  - Số CCCD: phải có đúng 12 chữ số" in refused.stderr
    error = refused.json()
    assert error["problems"][0]["label"] == "Số CCCD"
    assert people_cli.count("people") == 2


def test_every_problem_is_listed_at_once(people_cli: Cli) -> None:
    bad_fields, bad_date = people_cli.run_many(
        ["people", "add", "--name", "Bình", "--gender", "khác", "--unit", "KHONG_CO",
         "--ethnicity", "Sao Hỏa"],
        ["people", "add", "--name", "Trần Văn Bình", "--gender", "nam", "--unit", "PTH",
         "--birth-date", "31/02/1990"],
    )
    assert bad_fields.returncode == 1, bad_fields
    for label in ("Họ và tên", "Giới tính", "Dân tộc", "Đơn vị công tác"):
        assert f"  - {label}: " in bad_fields.stderr, label
    assert "KHONG_CO" in bad_fields.stderr
    assert bad_date.returncode == 1, bad_date
    assert "  - Ngày sinh: ngày “31/02/1990” không có trong lịch" in bad_date.stderr


def test_sort_choices_match_the_service() -> None:
    from desktop.cli.commands_data import PEOPLE_SORTS
    from desktop.services.people import SORT_COLUMNS

    assert set(PEOPLE_SORTS) == set(SORT_COLUMNS)
