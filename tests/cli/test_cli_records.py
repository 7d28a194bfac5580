"""tdkt ratings, initiatives, awards-history, disciplines, positions: a person's records from
the command line, with refusals in Vietnamese (exit 1, nothing written) and restore as undo."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.cli.conftest import Cli



def _duc(cli: Cli) -> str:
    """Nguyễn Văn Đức's ID (the people_db fixture adds its two people side by side)."""
    return str(cli.ok("--json", "people", "search", "duc").json()["people"][0]["id"])


def test_ratings_set_list_delete_and_restore(people_cli: Cli) -> None:
    cli = people_cli
    DUC = _duc(cli)  # noqa: N806 - reads as the person it names
    made = cli.ok("--json", "ratings", "set", DUC, "--year", "2025", "--level", "HTXSNV").json()
    rating_id = str(made["rating"]["id"])
    refused = cli.run("ratings", "set", DUC, "--year", "2025", "--level", "Giỏi")
    assert refused.returncode == 1, refused
    assert "Mức xếp loại: giá trị “Giỏi” không hợp lệ" in refused.stderr
    listing = cli.ok("ratings", "list", DUC)
    assert "Hoàn thành xuất sắc nhiệm vụ" in listing.stdout and "2025" in listing.stdout
    deleted = cli.ok("ratings", "delete", rating_id)
    assert f"tdkt ratings restore {rating_id}" in deleted.stdout
    assert cli.count("ratings") == 0
    cli.ok("ratings", "restore", rating_id)
    assert cli.count("ratings") == 1
    missing = cli.run("ratings", "list", "999")
    assert missing.returncode == 1 and "Không tìm thấy cá nhân" in missing.stderr, missing


def test_initiatives_add_edit_and_refuse(people_cli: Cli) -> None:
    cli = people_cli
    DUC = _duc(cli)  # noqa: N806 - reads as the person it names
    bad = cli.run("initiatives", "add", DUC, "--title", "Số hóa hồ sơ", "--year", "2025",
                  "--scope", "huyện", "--decision-number", "15/QĐ-UBND",
                  "--decision-date", "20/12/2024")
    assert bad.returncode == 1, bad
    assert "Phạm vi công nhận" in bad.stderr and "khác năm công nhận 2025" in bad.stderr
    assert cli.count("initiatives") == 0
    made = cli.ok("--json", "initiatives", "add", DUC, "--title", "Số hóa hồ sơ thi đua",
                  "--year", "2025", "--scope", "co_so", "--decision-number", "15/QĐ-UBND",
                  "--decision-date", "20/12/2025").json()["initiative"]
    edited = cli.ok("--json", "initiatives", "edit", str(made["id"]), "--scope", "tinh",
                    "--recognised-by", "UBND tỉnh Lai Châu").json()["initiative"]
    assert edited["scope"] == "tinh" and edited["title"] == "Số hóa hồ sơ thi đua"
    assert edited["recognised_by"] == "UBND tỉnh Lai Châu"
    listing = cli.ok("initiatives", "list", DUC)
    assert "Cấp tỉnh, bộ, ngành" in listing.stdout and "20/12/2025" in listing.stdout


def test_awards_history_and_disciplines(people_cli: Cli) -> None:
    cli = people_cli
    DUC = _duc(cli)  # noqa: N806 - reads as the person it names
    made = cli.ok("--json", "awards-history", "add", DUC, "--award", "GIAY_KHEN", "--year",
                  "2025", "--kind", "dot_xuat", "--decision-number", "7/QĐ-UBND",
                  "--decision-date", "01/06/2025", "--note", "Cứu người").json()["award"]
    assert made["achievement_kind"] == "dot_xuat"
    again = cli.run("awards-history", "add", DUC, "--award", "GIAY_KHEN", "--year", "2025",
                    "--kind", "dot_xuat", "--decision-number", "8/QĐ-UBND",
                    "--decision-date", "02/06/2025")
    assert again.returncode == 1 and "Đã có" in again.stderr, again
    assert "Đột xuất" in cli.ok("awards-history", "list", DUC).stdout
    no_number = cli.run("disciplines", "add", DUC, "--form", "canh_cao")
    assert no_number.returncode == 1, no_number
    assert "Số quyết định: bắt buộc khi đã có quyết định kỷ luật" in no_number.stderr
    cli.ok("disciplines", "add", DUC, "--form", "canh_cao", "--decision-number", "5/QĐ-UBND",
           "--from", "01/03/2025", "--to", "28/02/2026")
    assert "Cảnh cáo" in cli.ok("disciplines", "list", DUC).stdout
    assert cli.count("disciplines") == 1 and cli.count("award_records") == 1


def test_positions_with_the_head_flag(people_cli: Cli) -> None:
    cli = people_cli
    DUC = _duc(cli)  # noqa: N806 - reads as the person it names
    made = cli.ok("--json", "positions", "add", DUC, "--title", "Chủ tịch UBND xã", "--head",
                  "--from", "01/07/2021").json()["position"]
    assert made["is_head"] is True and made["unit_id"] is not None
    person = cli.ok("--json", "people", "search", "duc").json()["people"][0]
    assert person["is_unit_head"] is True  # held today
    overlap = cli.run("positions", "add", DUC, "--title", "Bí thư", "--head",
                      "--from", "01/01/2024")
    assert overlap.returncode == 1, overlap
    assert "Người đứng đầu: trùng thời gian" in overlap.stderr
    backwards = cli.run("positions", "edit", str(made["id"]), "--to", "01/01/2020")
    assert backwards.returncode == 1 and "trước ngày bắt đầu" in backwards.stderr, backwards
    cli.ok("positions", "edit", str(made["id"]), "--to", "31/03/2025")
    assert cli.ok("--json", "people", "search", "duc").json()["people"][0][
        "is_unit_head"] is False
    listing = cli.ok("positions", "list", DUC)
    assert "01/07/2021" in listing.stdout and "31/03/2025" in listing.stdout
    cli.ok("positions", "delete", str(made["id"]))
    assert cli.count("person_positions") == 0
