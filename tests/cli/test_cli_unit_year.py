"""tdkt registrations list|set|clear and tdkt grid show|paste, run as a real process."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.cli.conftest import Cli


def _person_id(cli: Cli, name: str) -> str:
    conn = sqlite3.connect(cli.db)
    try:
        return str(conn.execute("SELECT id FROM people WHERE full_name = ?", (name,)).fetchone()[0])
    finally:
        conn.close()


def test_registrations_set_list_clear(people_cli: Cli) -> None:
    cli = people_cli
    duc = _person_id(cli, "Nguyễn Văn Đức")  # in PTH; Lê Thị Hường is in LCH
    cli.ok("registrations", "set", "--unit", "PTH", "--year", "2026", "--person", duc,
           "--title", "cstđ cơ sở")
    done = cli.ok("registrations", "set", "--unit", "pth", "--year", "2026",
                  "--title", "Tập thể LĐXS")
    assert "Tập thể lao động xuất sắc" in done.stdout
    listed = cli.ok("registrations", "list", "--unit", "PTH", "--year", "2026", "--json").json()
    assert [(r["subject"], r["award"]) for r in listed["registrations"]] == [
        ("Xã Phong Thổ", "TTLDXS"), ("Nguyễn Văn Đức", "CSTDCS")]
    assert cli.count("registrations") == 2

    cli.ok("registrations", "clear", "--unit", "PTH", "--year", "2026", "--person", duc)
    listed = cli.ok("registrations", "list", "--unit", "PTH", "--year", "2026", "--json").json()
    assert [r["award"] for r in listed["registrations"]] == ["TTLDXS"]


def test_registrations_refused_input_changes_nothing(people_cli: Cli) -> None:
    cli = people_cli
    duc = _person_id(cli, "Nguyễn Văn Đức")
    huong = _person_id(cli, "Lê Thị Hường")
    wrong_title = cli.run("registrations", "set", "--unit", "PTH", "--year", "2026",
                          "--person", duc, "--title", "Tập thể LĐTT")
    assert wrong_title.returncode == 1
    assert "Nguyễn Văn Đức – Danh hiệu đăng ký" in wrong_title.stderr
    assert "không phải danh hiệu cá nhân đăng ký được năm 2026" in wrong_title.stderr
    other_unit = cli.run("registrations", "set", "--unit", "PTH", "--year", "2026",
                         "--person", huong, "--title", "LDTT")
    assert other_unit.returncode == 1 and "không thuộc đơn vị này" in other_unit.stderr
    assert cli.count("registrations") == 0


def test_grid_show_and_paste_all_or_nothing(people_cli: Cli, tmp_path: Path) -> None:
    cli = people_cli
    shown = cli.ok("grid", "show", "--unit", "PTH", "--year", "2026", "--json").json()
    assert [r["name"] for r in shown["rows"]] == ["Nguyễn Văn Đức", "Xã Phong Thổ"]
    assert shown["rows"][1]["unit_id"] is not None

    bad = tmp_path / "bad.tsv"
    bad.write_text("xuất sắc\tLĐTT\nkém\tTập thể LĐTT\n", encoding="utf-8")
    refused = cli.run("grid", "paste", "--unit", "PTH", "--year", "2026", str(bad))
    assert refused.returncode == 1
    assert "Xã Phong Thổ – Xếp loại: “kém”" in refused.stderr
    assert cli.count("ratings") == 0 and cli.count("registrations") == 0  # nothing written

    good = tmp_path / "good.tsv"
    good.write_text("Hoàn thành xuất sắc\tLĐTT\r\nHTT\tTTLĐTT\r\n", encoding="utf-8")
    dry = cli.ok("grid", "paste", "--unit", "PTH", "--year", "2026", str(good), "--dry-run",
                 "--json").json()
    assert dry == {"dry_run": True, "changes": 4} and cli.count("ratings") == 0
    cli.ok("grid", "paste", "--unit", "PTH", "--year", "2026", str(good))
    rows = cli.ok("grid", "show", "--unit", "PTH", "--year", "2026", "--json").json()["rows"]
    assert [(r["rating"], r["registrations"]) for r in rows] == [
        ("HTXSNV", ["LDTT"]), ("HTTNV", ["TTLDTT"])]
    text = cli.ok("grid", "show", "--unit", "PTH", "--year", "2026").stdout
    assert "Hoàn thành xuất sắc nhiệm vụ" in text and "TTLĐTT" in text
