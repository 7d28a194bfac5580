"""tdkt rounds edit|delete|restore and tdkt nominations edit|delete|restore: rename, kind,
year and movement of a round; a draft edited, an exact duplicate and a sent nomination refused
with exit code 1 and nothing changed; a round deleted only while empty."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.cli.conftest import Cli


def _scalar(cli: Cli, sql: str, *params: Any) -> Any:
    conn = sqlite3.connect(cli.db)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


def _movement(cli: Cli, name: str, year: int) -> int:
    """No movements command yet in this test's scope: added through the services."""
    from desktop.domain.enums import MovementKind
    from desktop.paths import app_paths
    from desktop.services import Services
    from desktop.services.movements import MovementInput

    services = Services.open(cli.db, app_paths(cli.home))
    try:
        return services.movements.create(MovementInput(name, MovementKind.REGULAR, year)).id
    finally:
        services.close()


def test_round_edit_and_delete_through_the_cli(people_cli: Cli) -> None:
    cli = people_cli
    movement_2026 = _movement(cli, "Thi đua yêu nước 2026", 2026)
    movement_2024 = _movement(cli, "Thi đua yêu nước 2024", 2024)
    round_id = str(cli.ok("rounds", "add", "--name", "Đợt mới", "--year", "2026", "--kind",
                          "tong_ket_nam", "--json").json()["round"]["id"])

    edited = cli.ok("rounds", "edit", round_id, "--name", "Xét khen thưởng chuyên đề 2026",
                    "--kind", "chuyen_de", "--movement", str(movement_2026), "--json").json()
    assert edited["round"]["name"] == "Xét khen thưởng chuyên đề 2026"
    assert (edited["round"]["kind"], edited["round"]["year"]) == ("chuyen_de", 2026)
    assert edited["round"]["movement_name"] == "Thi đua yêu nước 2026"

    wrong = cli.run("rounds", "edit", round_id, "--movement", str(movement_2024), "--year",
                    "1999")
    assert wrong.returncode == 1, str(wrong)
    assert "“Thi đua yêu nước 2024” là phong trào năm 2024" in wrong.stderr
    assert "năm 1999 nằm ngoài khoảng 2000–" in wrong.stderr
    assert _scalar(cli, "SELECT movement_id FROM rounds WHERE id = ?", round_id) == movement_2026

    nothing = cli.run("rounds", "edit", round_id)
    assert nothing.returncode == 1 and "chưa ghi gì để sửa" in nothing.stderr, str(nothing)
    unlinked = cli.ok("rounds", "edit", round_id, "--no-movement", "--json").json()
    assert unlinked["round"]["movement_id"] is None

    # Not empty: refused, saying how many; empty: deleted and restored.
    person = str(_scalar(cli, "SELECT id FROM people WHERE full_name = 'Nguyễn Văn Đức'"))
    nomination = str(cli.ok("nominations", "add", round_id, "--person", person, "--award",
                            "LDTT", "--json").json()["nomination"]["id"])
    refused = cli.run("rounds", "delete", round_id)
    assert refused.returncode == 1, str(refused)
    assert "vì còn 1 đề nghị khen thưởng" in refused.stderr
    assert cli.count("rounds") == 1

    cli.ok("nominations", "delete", nomination)
    deleted = cli.ok("rounds", "delete", round_id)
    assert "Đã xóa đợt xét “Xét khen thưởng chuyên đề 2026”" in deleted.stdout
    assert cli.count("rounds") == 0
    cli.ok("rounds", "restore", round_id)
    assert cli.count("rounds") == 1


def test_nomination_edit_duplicate_and_workflow_through_the_cli(people_cli: Cli) -> None:
    cli = people_cli
    round_id = str(cli.ok("rounds", "add", "--name", "Xét khen thưởng tổng kết năm 2026",
                          "--year", "2026", "--kind", "tong_ket_nam", "--json")
                   .json()["round"]["id"])
    person = str(_scalar(cli, "SELECT id FROM people WHERE full_name = 'Nguyễn Văn Đức'"))
    ldtt = str(cli.ok("nominations", "add", round_id, "--person", person, "--award", "LDTT",
                      "--json").json()["nomination"]["id"])

    # An exact duplicate is refused when added, naming the person and the award.
    twin = cli.run("nominations", "add", round_id, "--person", person, "--award", "ldtt")
    assert twin.returncode == 1, str(twin)
    assert "“Nguyễn Văn Đức” đã có đề nghị “Lao động tiên tiến”" in twin.stderr
    assert cli.count("nominations") == 1

    edited = cli.ok("nominations", "edit", ldtt, "--award", "cstdcs", "--summary",
                    "Có sáng kiến cấp cơ sở", "--json").json()["nomination"]
    assert (edited["award"], edited["achievement_summary"]) == ("CSTDCS",
                                                                "Có sáng kiến cấp cơ sở")
    # Editing another one into a duplicate is refused and changes nothing.
    second = str(cli.ok("nominations", "add", round_id, "--person", person, "--award", "LDTT",
                        "--json").json()["nomination"]["id"])
    clash = cli.run("nominations", "edit", second, "--award", "CSTDCS")
    assert clash.returncode == 1, str(clash)
    assert "“Nguyễn Văn Đức” đã có đề nghị “Chiến sĩ thi đua cơ sở”" in clash.stderr
    assert _scalar(cli, "SELECT k.code FROM nominations n JOIN award_kinds k ON "
                        "k.id = n.award_kind_id WHERE n.id = ?", second) == "LDTT"

    # Sent: edit and delete go through the workflow instead.
    cli.ok("nominations", "move", round_id, ldtt, "--to", "da_gui")
    sent_edit = cli.run("nominations", "edit", ldtt, "--summary", "sửa sau khi gửi")
    assert sent_edit.returncode == 1, str(sent_edit)
    assert "chỉ sửa được khi còn là nháp" in sent_edit.stderr
    sent_delete = cli.run("nominations", "delete", second, ldtt)
    assert sent_delete.returncode == 1, str(sent_delete)
    assert f"Đề nghị {ldtt}" in sent_delete.stderr and "chỉ xóa được đề nghị nháp" in \
        sent_delete.stderr
    assert cli.count("nominations") == 2  # all or nothing: the draft is still there

    cli.ok("nominations", "delete", second)
    assert cli.count("nominations") == 1
    restored = cli.ok("nominations", "restore", second, "--json").json()["nomination"]
    assert restored["award"] == "LDTT" and cli.count("nominations") == 2
