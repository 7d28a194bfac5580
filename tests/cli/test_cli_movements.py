"""tdkt movements / targets / actuals / bloc-create / bloc-members and units add with an end
date, as a real process: the appendix typed as in the directive, figures per unit, refused
input named with nothing changed, the rule switch."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.cli.conftest import Cli


def test_movement_targets_actuals_and_rule(cli: Cli) -> None:
    cli.ok("movements", "add", "--name", "Phong trào thi đua năm 2026", "--year", "2026",
           "--number", "05/CT-UBND", "--date", "20/01/2026", "--issuer", "UBND tỉnh Lai Châu")
    income = cli.ok("targets", "add", "05/CT-UBND", "--indicator", "Thu ngân sách trên địa bàn",
                    "--unit", "tỷ đồng", "--planned", "12,5", "--json").json()["target"]
    roads = cli.ok("targets", "add", "05/CT-UBND", "--indicator", "Làm đường giao thông",
                   "--unit", "km", "--planned", "8", "--direction", ">", "--json").json()["target"]
    assert (income["direction"], roads["direction_symbol"]) == ("higher", ">")
    bad = cli.run("targets", "add", "05/CT-UBND", "--indicator", "Trồng rừng",
                  "--direction", "tùy ý")
    assert bad.returncode == 1 and "Chiều so sánh: “tùy ý” không hợp lệ" in bad.stderr
    assert cli.count("movement_targets") == 2
    cli.ok("targets", "assign", "05/CT-UBND", "PTH", "--planned", f"{roads['id']}=9")
    cli.ok("actuals", "set", "05/CT-UBND", "PTH", "thu ngan sach tren dia ban", "11,2")
    refused = cli.run("actuals", "set", "05/CT-UBND", "PTH", str(roads["id"]), "chín")
    assert refused.returncode == 1
    assert "Đơn vị “Xã Phong Thổ”, chỉ tiêu “Làm đường giao thông”, số thực hiện: “chín” " \
           "không phải số" in refused.stderr
    cli.ok("actuals", "set", "05/CT-UBND", "PTH", str(roads["id"]), "9")  # 9 is not > 9
    listed = cli.ok("actuals", "list", "05/CT-UBND", "--json").json()
    cells = {c["target_id"]: c for c in listed["units"][0]["cells"]}
    assert cells[income["id"]]["actual_value"] == 11.2
    assert cells[income["id"]]["outcome"] == "khong_dat"
    assert cells[roads["id"]]["planned_value"] == 9 and cells[roads["id"]]["outcome"] == "khong_dat"
    cli.ok("actuals", "set", "05/CT-UBND", "PTH", str(roads["id"]), "kad")
    text = cli.ok("actuals", "list", "05/CT-UBND").stdout
    assert "không áp dụng" in text and "11,2 (không đạt)" in text
    rule = cli.ok("movements", "rule", "05/CT-UBND", "on")
    assert "Chỉ thị số 05/CT-UBND" in rule.stdout
    assert cli.ok("movements", "list", "--json").json()["movements"][0]["head_target_rule"]
    cli.ok("movements", "edit", "05/CT-UBND", "--theme", "Đoàn kết, sáng tạo")
    after = cli.ok("targets", "list", "05/CT-UBND", "--json").json()["targets"]
    assert [t["indicator"] for t in after] == ["Thu ngân sách trên địa bàn",
                                               "Làm đường giao thông"]  # edit kept the appendix
    deleted = cli.run("targets", "delete", str(income["id"]))
    assert deleted.returncode == 1 and "đã có số thực hiện" in deleted.stderr
    cli.ok("movements", "delete", "05/CT-UBND")
    assert cli.count("movements") == 0


def test_bloc_create_members_and_a_district_with_an_end_date(cli: Cli) -> None:
    district = cli.ok("units", "add", "--name", "Huyện Phong Thổ", "--code", "HPT", "--kind",
                      "district", "--parent", "LCH", "--valid-to", "30/06/2025", "--json")
    assert district.json()["unit"]["valid_to"] == "2025-06-30"
    late = cli.run("units", "add", "--name", "Huyện Sìn Hồ", "--code", "HSH", "--kind",
                   "district", "--parent", "LCH")
    assert late.returncode == 1 and "Ngày hết hiệu lực" in late.stderr
    made = cli.ok("bloc-create", "--name", "Khối các xã", "--year", "2026", "--head", "PTH",
                  "--json").json()["bloc"]
    cli.ok("bloc-members", "add", str(made["id"]), "PTH")
    blocs = cli.ok("bloc-list", "--year", "2026", "--json").json()["blocs"]
    assert blocs[0]["head_name"] == "Xã Phong Thổ" and blocs[0]["member_count"] == 1
