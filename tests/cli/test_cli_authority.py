"""tdkt decisions create / show / sign print a warning, never a refusal, when the issuer is not
the authority the law names for an award (issue 13, item 12)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.cli.conftest import Cli

WARNING = (
    "Cảnh báo: Danh hiệu “Lao động tiên tiến” do Thủ trưởng cơ quan, đơn vị; Chủ tịch Ủy ban "
    "nhân dân cấp xã; Giám đốc doanh nghiệp, hợp tác xã hoặc Thủ trưởng đơn vị lực lượng vũ "
    "trang tặng (Luật TĐKT 2022, Điều 80), không phải “Chủ tịch UBND tỉnh Lai Châu” như cơ "
    "quan ban hành quyết định ghi; cần kiểm tra lại thẩm quyền.")


def _person(cli: Cli, name: str) -> str:
    conn = sqlite3.connect(cli.db)
    try:
        return str(conn.execute("SELECT id FROM people WHERE full_name = ?",
                                (name,)).fetchone()[0])
    finally:
        conn.close()


def _voted_ldtt(cli: Cli) -> tuple[str, str]:
    round_id = str(cli.ok("rounds", "add", "--name", "Tổng kết năm 2026", "--year", "2026",
                          "--kind", "Tổng kết năm", "--office", "lch", "--json"
                          ).json()["round"]["id"])
    nid = str(cli.ok("nominations", "add", round_id, "--person",
                     _person(cli, "Nguyễn Văn Đức"), "--award", "LDTT", "--json"
                     ).json()["nomination"]["id"])
    for status in ("da_gui", "da_tiep_nhan", "du_dieu_kien"):
        cli.ok("nominations", "move", round_id, nid, "--to", status)
    meeting = str(cli.ok("votes", "meeting", round_id, "--date", "20/06/2026", "--members",
                         "9", "--present", "9", "--json").json()["meeting"]["id"])
    cli.ok("votes", "record", meeting, f"{nid}=9")
    cli.ok("votes", "close", meeting)
    return round_id, nid


def test_create_show_and_sign_print_the_authority_warning(people_cli: Cli) -> None:
    round_id, nid = _voted_ldtt(people_cli)
    created = people_cli.ok("decisions", "create", round_id, "--issuer",
                            "Chủ tịch UBND tỉnh Lai Châu", nid)
    assert WARNING in created.stdout
    decision = created.stdout.split("Đã lập dự thảo quyết định ID ", 1)[1].split(".", 1)[0]
    shown = people_cli.ok("decisions", "show", decision, "--json").json()["decision"]
    assert shown["warnings"] == [WARNING.removeprefix("Cảnh báo: ")]
    signed = people_cli.ok("decisions", "sign", decision, "--date", "01/07/2026", "--signer",
                           "Lê Văn Lương", "--capacity", "chu_tich")
    assert "Đã ký quyết định số 01/QĐ-UBND." in signed.stdout and WARNING in signed.stdout
    assert WARNING in people_cli.ok("decisions", "show", decision).stdout


def test_no_warning_when_the_commune_chairman_awards_its_own_title(people_cli: Cli) -> None:
    round_id, nid = _voted_ldtt(people_cli)
    created = people_cli.ok("decisions", "create", round_id, "--issuer",
                            "Chủ tịch Ủy ban nhân dân xã Tân Phong", nid, "--json")
    assert created.json()["decision"]["warnings"] == []
    assert "Cảnh báo" not in people_cli.ok("decisions", "show",
                                           str(created.json()["decision"]["id"])).stdout
