"""tdkt demo: a small synthetic database on a folder that has none yet."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.cli.conftest import Cli


def test_small_demo_on_an_empty_folder(empty_cli: Cli) -> None:
    result = empty_cli.run("demo", "--scale", "small", "--json")
    assert result.returncode == 0, result
    summary = result.json()
    for key in ("units", "people", "ratings", "award_records", "movements"):
        assert summary[key] > 0, key
    assert empty_cli.count("people") == summary["people"]
    assert empty_cli.count("units") >= summary["units"]  # the office itself may be extra
    assert "100%" in result.stderr  # progress goes to stderr, never into the JSON
    listed = empty_cli.ok("people", "list", "--limit", "3", "--json").json()
    assert listed["total"] == summary["people"] and len(listed["people"]) == 3
