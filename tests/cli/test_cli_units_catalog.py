"""tdkt units and tdkt catalog: the unit tree, award kinds, base salary by date."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.cli.conftest import Cli


def test_units_tree_add_and_search(cli: Cli) -> None:
    added = cli.ok("units", "add", "--name", "Thôn Nậm Xe", "--code", "NAMXE",
                   "--kind", "village", "--parent", "PTH", "--json")
    assert added.json()["unit"]["parent_id"] is not None
    children, flat, found, duplicate = cli.run_many(
        ["units", "list", "--parent", "PTH"],
        ["units", "list", "--all", "--json"],
        ["units", "search", "nam xe"],
        ["units", "add", "--name", "Xã khác", "--code", "pth", "--kind", "commune"],
    )
    assert "Thôn Nậm Xe" in children.stdout and "Thôn, bản" in children.stdout
    assert {u["code"] for u in flat.json()["units"]} == {"LCH", "PTH", "NAMXE"}
    assert found.returncode == 0 and "NAMXE" in found.stdout
    assert duplicate.returncode == 1, duplicate  # codes are unique, whatever the case
    assert "  - Mã đơn vị: " in duplicate.stderr and "Xã Phong Thổ" in duplicate.stderr
    assert cli.count("units") == 3


def test_catalog_base_salary_by_date_and_award_kinds(cli: Cli) -> None:
    before, after, in_force = cli.run_many(
        ["catalog", "salary", "--on", "30/06/2026"],
        ["catalog", "salary", "--on", "2026-07-01"],
        ["catalog", "list", "--in-force-on", "01/07/2026", "--json"],
    )
    assert before.returncode == 0, before
    assert "2.340.000" in before.stdout and "2.530.000" not in before.stdout
    assert "30/06/2026" in before.stdout
    assert after.returncode == 0, after
    assert "2.530.000" in after.stdout and "2.340.000" not in after.stdout
    listed = in_force.json()
    assert listed["total"] == len(listed["award_kinds"]) > 0
    by_code = {k["code"]: k for k in listed["award_kinds"]}
    assert by_code["BK_TINH"]["coef_individual"] == 1.5
    assert all(k["valid_to"] is None or k["valid_to"] >= "2026-07-01"
               for k in listed["award_kinds"])
