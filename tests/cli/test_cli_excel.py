"""tdkt import / export / template: exit 1 naming sheet, row and column, database unchanged;
a dry run writes nothing; a re-import of an export changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook, load_workbook

if TYPE_CHECKING:
    from tests.cli.conftest import Cli


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Cá nhân"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Đơn vị"]


def test_refused_import_exits_1_names_the_cell_and_changes_nothing(cli: Cli,
                                                                   tmp_path: Path) -> None:
    bad = _sheet(tmp_path / "bad.xlsx", [HEADER,
                                         ["Nguyễn Văn Đức", "Nam", "31/02/1985", None, "PTH"],
                                         ["Lò Văn Páo", "Nam", None, "=A1", "PTH"]])
    before = cli.db.read_bytes()
    result = cli.run("import", "people", str(bad), "--report", str(tmp_path / "r.txt"))
    assert result.returncode == 1, result
    assert "Trang “Cá nhân”, dòng 2, cột “Ngày sinh” (ô C2)" in result.stderr
    assert "ô D3 là công thức" in result.stderr
    assert cli.count("people") == 0
    assert cli.db.read_bytes() == before
    assert "dòng 3, cột “Số CCCD”" in (tmp_path / "r.txt").read_text("utf-8")


def test_dry_run_apply_export_and_reimport(cli: Cli, tmp_path: Path) -> None:
    good = _sheet(tmp_path / "good.xlsx", [HEADER,
                                           ["Nguyễn Văn Đức", "Nam", "15/03/1985", None, "PTH"],
                                           ["Lê Thị Hường", "Nữ", "28/02/1990", "012190000123",
                                            "LCH"]])
    dry = cli.run("import", "people", str(good), "--dry-run", "--json")
    assert dry.returncode == 0, dry
    assert (dry.json()["new"], dry.json()["applied"]) == (2, False)
    assert cli.count("people") == 0
    applied = cli.ok("import", "people", str(good))
    assert "2 thêm mới" in applied.stdout
    assert cli.count("people") == 2
    out = tmp_path / "out.xlsx"
    exported = cli.ok("export", "people", str(out), "--unit", "PTH", "--json")
    assert exported.json()["rows"] == 1
    names = [row[0].value for row in load_workbook(out)["Cá nhân"].iter_rows(min_row=2)]
    assert names == ["Nguyễn Văn Đức"]
    again = cli.ok("import", "people", str(out), "--json")
    assert (again.json()["new"], again.json()["updated"], again.json()["unchanged"]) == (0, 0, 1)


def test_template_and_not_xlsx(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "mau.xlsx"
    cli.ok("template", "ratings", str(target))
    assert load_workbook(target).sheetnames == ["Xếp loại", "Hướng dẫn"]
    fake = tmp_path / "danh-sach.xlsx"
    fake.write_text("Họ và tên,Giới tính\n", encoding="utf-8")
    result = cli.run("import", "people", str(fake))
    assert result.returncode == 1, result
    assert "không phải tệp Excel .xlsx" in result.stderr
