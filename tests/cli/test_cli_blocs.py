"""tdkt bloc-list / bloc-rank / bloc-template / bloc-import-criteria / bloc-import-scores /
bloc-export / bloc-propose on the small demo database (two blocs with scores), as a real
process: JSON output, Excel round trips, a bad file refused row by row, proposals found in
the round and read by the eligibility check."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from openpyxl import load_workbook

if TYPE_CHECKING:
    from tests.cli.conftest import Cli

REPO = Path(__file__).resolve().parents[2]
SCHOOLS = "Cụm thi đua các trường học"
AGENCIES = "Khối các sở, ban, ngành tỉnh"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo, built once through the CLI itself."""
    home = tmp_path_factory.mktemp("bloc-demo")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
    env["TDKT_HOME"] = str(home)
    subprocess.run([sys.executable, "-m", "desktop.cli", "demo", "--scale", "small"], cwd=REPO,
                   env=env, check=True, capture_output=True, timeout=300)
    return home / "data" / "tdkt.db"


@pytest.fixture
def demo(empty_cli: Cli, demo_db: Path) -> Cli:
    empty_cli.db.parent.mkdir(parents=True)
    shutil.copy(demo_db, empty_cli.db)
    return empty_cli


def _ids(cli: Cli) -> dict[str, str]:
    blocs = cli.ok("bloc-list", "--json").json()["blocs"]
    return {b["name"]: str(b["id"]) for b in blocs}


def _scores(cli: Cli) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(cli.db)
    try:
        return conn.execute("SELECT criterion_id, unit_id, self_score, reviewed_score, "
                            "evidence_note FROM bloc_scores ORDER BY id").fetchall()
    finally:
        conn.close()


def test_list_and_rank_as_json_and_as_a_table(demo: Cli) -> None:
    listed = demo.ok("bloc-list", "--year", "2026", "--json").json()
    assert listed["total"] == 2 and {b["name"] for b in listed["blocs"]} == {SCHOOLS, AGENCIES}
    school = next(b for b in listed["blocs"] if b["name"] == SCHOOLS)
    assert school["kind"] == "cum" and school["member_count"] == 6
    ranked, human, by_id = demo.run_many(
        ["bloc-rank", "cum thi dua cac truong hoc", "--json"], ["bloc-rank", AGENCIES],
        ["bloc-rank", f"#{school['id']}", "--basis", "self", "--json"])
    assert ranked.returncode == human.returncode == by_id.returncode == 0, ranked
    data = ranked.json()
    assert data["bloc"]["name"] == SCHOOLS and data["basis"] == "reviewed"
    assert data["complete"] is True and data["pending_units"] == []
    assert [r["rank"] for r in data["rows"]] == sorted(r["rank"] for r in data["rows"])
    top = data["rows"][0]
    assert top["total"] == sum(g["points"] for g in top["groups"] if g["kind"] != "penalty") - \
        sum(g["points"] for g in top["groups"] if g["kind"] == "penalty")
    assert [r["code"] for r in data["tie_rules"]] == ["first_group", "fewer_penalty",
                                                       "more_bonus"]
    assert by_id.json()["basis"] == "self"
    assert "Hạng" in human.stdout and "chưa phải kết quả chính thức" in human.stdout


def test_unknown_bloc_and_usage_errors(demo: Cli) -> None:
    missing = demo.run("bloc-rank", "Khối không có", "--json")
    assert missing.returncode == 1 and "Không tìm thấy khối, cụm thi đua" in missing.stderr
    assert missing.json()["error"].startswith("Không tìm thấy")
    assert demo.run("bloc-rank").returncode == 2
    assert demo.run("bloc-template", "pdf", "x.xlsx").returncode == 2
    wrong = demo.run("bloc-export", "1", "bang-diem.csv")
    assert wrong.returncode == 1 and "phải có đuôi .xlsx" in wrong.stderr


def test_criteria_round_trip_and_a_blank_template_refused(demo: Cli, tmp_path: Path) -> None:
    bloc = _ids(demo)[AGENCIES]
    table = tmp_path / "tieu-chi.xlsx"
    blank = tmp_path / "mau.xlsx"
    made = demo.run_many(["bloc-template", "criteria", str(table), "--bloc", bloc],
                         ["bloc-template", "criteria", str(blank)])
    assert all(r.returncode == 0 for r in made), made
    assert load_workbook(blank).sheetnames == ["Tiêu chí", "Hướng dẫn"]
    again = demo.ok("bloc-import-criteria", bloc, str(table), "--json").json()
    assert again["rows"] == 24 and again["changed"] == 0
    refused = demo.run("bloc-import-criteria", bloc, str(blank))
    assert refused.returncode == 1
    assert "bảng chưa có nhóm tiêu chí chấm điểm nào" in refused.stderr
    assert demo.count("bloc_criteria") == 24 + 16  # nothing imported


def test_a_bad_scores_file_is_reported_by_row_and_a_good_one_imported(demo: Cli,
                                                                      tmp_path: Path) -> None:
    bloc = _ids(demo)[AGENCIES]
    path = tmp_path / "diem.xlsx"
    demo.ok("bloc-template", "scores", str(path), "--bloc", bloc)
    wb = load_workbook(path)
    ws = wb["Điểm"]
    rows = {(r[0].value, r[2].value): r[0].row for r in ws.iter_rows(min_row=4)}
    conn = sqlite3.connect(demo.db)
    drafting = conn.execute(  # the member still self-scoring (the demo has one)
        "SELECT u.code FROM bloc_score_sheets s JOIN units u ON u.id = s.unit_id "
        "WHERE s.bloc_id = ? AND s.status = 'draft'", (bloc,)).fetchone()[0]
    conn.close()
    ws.cell(rows[(drafting, "I.1")], 7, 99)
    ws.cell(rows[(drafting, "V.1")], 7, "abc")
    wb.save(path)
    before = _scores(demo)
    bad = demo.run("bloc-import-scores", bloc, str(path), "--json")
    assert bad.returncode == 1, bad
    problems = bad.json()["problems"]
    assert [p["label"] for p in problems] == [
        f"Trang “Điểm”, dòng {rows[(drafting, 'I.1')]}, cột “Điểm tự chấm”",
        f"Trang “Điểm”, dòng {rows[(drafting, 'V.1')]}, cột “Điểm tự chấm”"]
    assert problems[0]["message"] == "điểm 99 vượt điểm tối đa 20"
    assert problems[1]["message"] == "“abc” không phải số"
    assert _scores(demo) == before
    ws.cell(rows[(drafting, "I.1")], 7, "19,5")
    ws.cell(rows[(drafting, "V.1")], 7, 1)
    wb.save(path)
    checked = demo.ok("bloc-import-scores", bloc, str(path), "--dry-run", "--json").json()
    assert checked["dry_run"] is True and _scores(demo) == before
    done = demo.ok("bloc-import-scores", bloc, str(path))
    assert "Đã nhập: điểm" in done.stdout and "tự tính, bỏ qua" in done.stdout
    assert _scores(demo) != before


def test_export_writes_the_printable_sheet(demo: Cli, tmp_path: Path) -> None:
    bloc = _ids(demo)[SCHOOLS]
    target = tmp_path / "bang-diem.xlsx"
    result = demo.ok("bloc-export", bloc, str(target), "--json").json()
    assert Path(result["file"]) == target.resolve() and result["basis"] == "reviewed"
    wb = load_workbook(target)
    assert wb.sheetnames == ["Bảng điểm", "Xếp hạng"]
    assert wb["Bảng điểm"].page_setup.orientation == "landscape"


def test_proposals_land_in_the_round_once_and_the_check_sees_the_rank(demo: Cli) -> None:
    bloc = _ids(demo)[SCHOOLS]
    round_id = str(demo.ok("demo-round", "--size", "20", "--json").json()["round"]["id"])
    before = demo.count("nominations")
    preview = demo.ok("bloc-propose", bloc, round_id, "--dry-run", "--json").json()
    assert [x["outcome"] for x in preview["lines"]] == ["created"] * 3
    assert demo.count("nominations") == before
    made = demo.ok("bloc-propose", bloc, round_id, "--json").json()
    assert made["created"] == 3
    assert [x["award"] for x in made["lines"]] == ["CO_TD_TINH", "BK_TINH", "BK_TINH"]
    assert demo.count("nominations") == before + 3
    again = demo.ok("bloc-propose", bloc, round_id).stdout
    assert "Đã đề nghị: 0 đề nghị mới" in again and "đã có, giữ nguyên" in again
    assert demo.count("nominations") == before + 3
    flag = made["lines"][0]["nomination_id"]
    check = demo.ok("check", round_id, "--nomination", str(flag), "--json").json()
    leader = next(c for c in check["results"][0]["conditions"] if c["code"] == "bloc_leader")
    assert leader["status"] == "dat" and leader["text"] == "Dẫn đầu khối, cụm thi đua"
    listed = demo.ok("nominations", "list", round_id, "--award", "CO_TD_TINH", "--json").json()
    assert any(n["id"] == flag and "xếp thứ 1/6" in n["achievement_summary"]
               for n in listed["nominations"])
