"""tdkt rounds / nominations / check / votes / decisions / demo-round: a whole award round
through the command line, the eligibility check on demo data, and refused input."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.cli.conftest import Cli, Result

STATUSES = {"dat", "khong_dat", "can_kiem_tra"}
GROUP_OF = {"collective": "coef_collective", "individual": "coef_individual",
            "household": "coef_household"}


def _all_ok(*results: Result) -> None:
    assert all(r.returncode == 0 for r in results), "\n".join(map(str, results))


def _assert_every_condition_explained(result: dict[str, Any]) -> None:
    assert result["status"] in STATUSES and result["rule_set"], result
    assert result["subject"] and result["award"], result
    assert result["conditions"], result
    for cond in result["conditions"]:
        assert cond["code"] and cond["text"] and cond["source"], cond
        assert cond["status"] in STATUSES, cond


def _bonus(coefficient: Decimal, base: int) -> int:
    """Coefficient × base salary, rounded up to the next 10.000 đồng (NĐ 152/2025 Điều 49)."""
    steps = (coefficient * base / 10_000).to_integral_value(rounding=ROUND_CEILING)
    return int(steps) * 10_000


def _scalar(cli: Cli, sql: str, *params: Any) -> Any:
    """Read straight from the file (no CLI start-up to pay)."""
    conn = sqlite3.connect(cli.db)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


def _person_id(cli: Cli, full_name: str) -> str:
    """The fixture added its two people side by side, so in either order."""
    return str(_scalar(cli, "SELECT id FROM people WHERE full_name = ?", full_name))


def _dots(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def test_a_whole_round_through_the_cli(people_cli: Cli) -> None:
    duc_id, huong_id = (_person_id(people_cli, name) for name in ("Nguyễn Văn Đức",
                                                                     "Lê Thị Hường"))
    round_id = str(people_cli.ok(
        "rounds", "add", "--name", "Xét khen thưởng tổng kết năm 2026", "--year", "2026",
        "--kind", "Tổng kết năm", "--office", "lch", "--json").json()["round"]["id"])

    added = people_cli.run_many(
        ["nominations", "add", round_id, "--unit", "PTH", "--award", "ttldtt", "--json"],
        ["nominations", "add", round_id, "--person", duc_id, "--award", "LDTT", "--json"],
        ["nominations", "add", round_id, "--person", huong_id, "--award", "CSTDCS", "--json"],
        ["nominations", "add", round_id, "--household", "Hộ ông Lò Văn Pấng", "--award",
         "GIAY_KHEN", "--json"])
    _all_ok(*added)
    unit, ldtt, cstd, household = (str(r.json()["nomination"]["id"]) for r in added)
    everyone = [unit, ldtt, cstd, household]
    assert added[0].json()["nomination"]["award"] == "TTLDTT"  # the code typed in any case
    people_cli.ok("nominations", "move", round_id, *everyone, "--to", "da_gui")
    people_cli.ok("nominations", "move", round_id, *everyone, "--to", "Đã tiếp nhận")

    # -- eligibility: every condition, its status, its text and its legal source ------------
    check = people_cli.ok("check", round_id, "--json")
    assert "100%" in check.stderr  # progress on stderr, the JSON alone on stdout
    data = check.json()
    assert data["total"] == 4 and sum(data["summary"].values()) == 4
    results = {str(r["nomination_id"]): r for r in data["results"]}
    assert set(results) == set(everyone)
    for result in results.values():
        _assert_every_condition_explained(result)
    refused = results[cstd]
    assert refused["status"] == "khong_dat" and refused["subject"] == "Lê Thị Hường"
    assert refused["award"] == "CSTDCS" and refused["rule_set"] == "luat_2022_nd152"
    assert data["summary"]["khong_dat"] >= 1
    assert {"code": "initiative_co_so", "status": "khong_dat", "status_label": "Không đạt",
            "text": "Cần 01 sáng kiến được công nhận phạm vi cấp cơ sở trở lên năm 2026; "
                    "mới có 0", "source": "Luật TĐKT 2022, Điều 23"} in refused["conditions"]
    codes = {c["code"] for c in refused["conditions"]}
    assert {"ldtt", "quota", "duplicate", "registration"} <= codes  # general rules too

    explained, not_met, no_reason = people_cli.run_many(
        ["check", round_id, "--nomination", cstd],
        ["nominations", "list", round_id, "--eligibility", "khong_dat", "--json"],
        ["nominations", "move", round_id, cstd, "--to", "khong_du_dieu_kien"])  # no reason
    _all_ok(explained, not_met)
    assert "Kết luận: KHÔNG ĐẠT" in explained.stdout
    assert "[Không đạt] Cần 01 sáng kiến được công nhận" in explained.stdout
    assert "Căn cứ: Luật TĐKT 2022, Điều 23" in explained.stdout
    assert explained.stdout.count("Căn cứ: ") == len(refused["conditions"])  # every one
    assert [str(n["id"]) for n in not_met.json()["nominations"]] == [cstd]

    # -- the council ----------------------------------------------------------------------
    assert no_reason.returncode == 1, no_reason
    assert "phải ghi rõ lý do" in no_reason.stderr and f"Đề nghị {cstd} (Lê Thị Hường)" in \
        no_reason.stderr
    good = [unit, ldtt, household]
    _all_ok(*people_cli.run_many(
        ["nominations", "move", round_id, cstd, "--to", "khong_du_dieu_kien", "--note",
         "Chưa có sáng kiến"],
        ["nominations", "move", round_id, *good, "--to", "du_dieu_kien"]))
    meeting = str(people_cli.ok("votes", "meeting", round_id, "--date", "20/06/2026",
                                "--members", "10", "--present", "9", "--json"
                                ).json()["meeting"]["id"])
    too_many = people_cli.run("votes", "record", meeting, f"{unit}=10", f"{ldtt}=9", "--json")
    assert too_many.returncode == 1, too_many
    assert f"  - Đề nghị {unit}: số phiếu đồng ý 10 phải từ 0 đến số thành viên có mặt (9)" \
        in too_many.stderr
    assert too_many.json()["problems"][0]["field"] == unit
    assert people_cli.count("votes") == 0  # nothing of the refused batch was saved
    people_cli.ok("votes", "record", meeting, *(f"{i}=9" for i in good))
    assert people_cli.ok("votes", "close", meeting, "--json").json() == {
        "meeting_id": int(meeting), "passed": 3, "failed": 0}

    # -- the decision ---------------------------------------------------------------------
    draft = people_cli.ok("decisions", "create", round_id, "--issuer",
                          "Chủ tịch UBND tỉnh Lai Châu", *good, "--json").json()["decision"]
    assert not draft["signed"] and draft["number"] == ""
    decision = str(draft["id"])
    tomorrow = date.today() + timedelta(days=1)
    future = people_cli.run("decisions", "sign", decision, "--date", f"{tomorrow:%d/%m/%Y}",
                            "--signer", "Lê Văn Lương", "--capacity", "kt_chu_tich")
    assert future.returncode == 1, future
    assert f"  - Ngày ký: ngày {tomorrow:%d/%m/%Y} ở tương lai" in future.stderr
    human = people_cli.ok("decisions", "sign", decision, "--date", "01/07/2026", "--signer",
                          "Lê Văn Lương", "--capacity", "kt_chu_tich")  # then shows it
    assert "Đã ký quyết định số 01/QĐ-UBND." in human.stdout

    shown, catalog, salary, history = people_cli.run_many(
        ["decisions", "show", decision, "--json"], ["catalog", "list", "--json"],
        ["catalog", "salary", "--on", "01/07/2026", "--json"],
        ["nominations", "history", ldtt, "--json"])
    _all_ok(shown, catalog, salary, history)
    assert shown.json()["decision"]["number"] == "01/QĐ-UBND"
    base = salary.json()["amount"]
    kinds = {k["code"]: k for k in catalog.json()["award_kinds"]}
    lines = shown.json()["decision"]["lines"]
    assert [line["group"] for line in lines] == ["collective", "individual", "household"]
    expected = {}
    for line in lines:
        coefficient = Decimal(str(kinds[line["award"]][GROUP_OF[line["group"]]]))
        assert Decimal(str(line["coefficient"])) == coefficient
        expected[line["group"]] = _bonus(coefficient, base)
        assert line["amount"] == expected[line["group"]], line
    totals = shown.json()["decision"]["totals"]
    assert {g: t["amount"] for g, t in totals.items()} == expected
    assert shown.json()["decision"]["total_amount"] == sum(expected.values())
    for heading in ("Quyết định số 01/QĐ-UBND ngày 01/07/2026", "I. TẬP THỂ", "II. CÁ NHÂN",
                    "III. HỘ GIA ĐÌNH", f"Mức lương cơ sở áp dụng ngày 01/07/2026: "
                    f"{_dots(base)} đồng", f"Tổng cộng: 3 trường hợp, "
                    f"{_dots(sum(expected.values()))} đồng"):
        assert heading in human.stdout, heading
    last = history.json()["events"][-1]
    assert last["to_status"] == "da_khen_thuong" and "01/QĐ-UBND" in last["note"]


def test_check_json_on_a_demo_round(empty_cli: Cli) -> None:
    empty_cli.ok("demo", "--scale", "small")
    made = empty_cli.ok("demo-round", "--size", "50", "--json").json()
    round_id = str(made["round"]["id"])
    check = empty_cli.ok("check", round_id, "--json")
    data = check.json()
    assert data["total"] == made["nominations"] == len(data["results"]) > 0
    assert sum(data["summary"].values()) == data["total"]
    for result in data["results"]:
        _assert_every_condition_explained(result)
    by_eligibility = empty_cli.ok("rounds", "show", round_id, "--json").json()["by_eligibility"]
    assert {k: by_eligibility[k] for k in STATUSES} == data["summary"]  # remembered per row
    assert by_eligibility["chua_kiem_tra"] == 0


def test_refused_input_changes_nothing_and_usage_errors_exit_2(people_cli: Cli) -> None:
    round_id = str(people_cli.ok("rounds", "add", "--name", "Đợt thử", "--year", "2026",
                                 "--kind", "tong_ket_nam", "--json").json()["round"]["id"])
    draft = str(people_cli.ok("nominations", "add", round_id, "--unit", "PTH", "--award",
                              "TTLDTT", "--json").json()["nomination"]["id"])
    (straight, unknown_award, unknown_round, *usage) = people_cli.run_many(
        ["nominations", "move", round_id, draft, "--to", "da_khen_thuong", "--json"],
        ["nominations", "add", round_id, "--unit", "KHONG_CO", "--award", "KHONG_CO"],
        ["check", "999"],
        ["nominations", "add", round_id, "--award", "LDTT"],  # no subject
        ["votes", "record", "1", "12x9", "--json"],
        ["rounds", "add", "--year", "2026", "--kind", "tong_ket_nam"],  # no --name
        ["check", "dot-mot"],
        ["decisions", "sign", "1", "--date", "01/07/2026", "--signer", "A", "--capacity", "vua"],
    )
    assert straight.returncode == 1, straight
    assert straight.stderr.startswith("Lỗi: ")
    assert (f"  - Đề nghị {draft} (Xã Phong Thổ): không thể chuyển từ “Nháp” sang “Đã khen "
            "thưởng” (có thể chuyển sang: Đã gửi)") in straight.stderr
    assert straight.json()["problems"][0]["field"] == draft
    assert unknown_award.returncode == 1, unknown_award
    assert "  - Danh hiệu/hình thức: không có mã “KHONG_CO”" in unknown_award.stderr
    assert "  - Tập thể: không tìm thấy đơn vị có mã hoặc ID “KHONG_CO”" in unknown_award.stderr
    assert unknown_round.returncode == 1 and "Không tìm thấy đợt xét" in unknown_round.stderr
    for result in usage:
        assert result.returncode == 2, result
        assert "lỗi:" in result.stderr and "Cách dùng:" in result.stderr, result
    assert usage[1].json()["usage_error"] is True
    assert "12x9" in usage[1].stderr and "--capacity" in usage[4].stderr

    assert people_cli.count("nominations") == 1 and people_cli.count("rounds") == 1
    assert _scalar(people_cli, "SELECT status FROM nominations WHERE id = ?", draft) == "nhap"
    assert people_cli.count("nomination_events") == 1  # only “Tạo đề nghị”
