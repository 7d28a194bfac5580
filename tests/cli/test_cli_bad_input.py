"""``tdkt`` and bad input (issue 10, points 9–12), as a real process: a control character is
refused and never reaches the terminal raw, the same person is not added twice unknowingly, a
hostile workbook is refused in Vietnamese (exit 1, not 70), and a full drive, a read-only medium
and a file of another account each get their own Vietnamese message; no error prints SQL or the
system's English wording."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from openpyxl import Workbook
from readonly_helpers import fill_up, remount_read_only, small_drive

if TYPE_CHECKING:
    from tests.cli.conftest import Cli, Result

REPO = Path(__file__).resolve().parents[2]
ESC = "\x1b"
DAMAGED = "không phải cơ sở dữ liệu TĐKT"
ENGLISH = ("No space", "Read-only file system", "Permission denied", "Errno", "Traceback",
           "Exception ignored", "disk I/O error")


def _clean(result: Result) -> None:
    """Nothing raw, nothing English, never the damaged-file advice."""
    for stream in (result.stdout, result.stderr):
        assert ESC not in stream and "\x07" not in stream and "\u202e" not in stream
        for word in ENGLISH:
            assert word not in stream, result
    assert DAMAGED not in result.stderr and "khôi phục từ bản sao lưu" not in result.stderr


# -- 9. control characters -----------------------------------------------------------------------
def test_a_name_with_an_escape_sequence_is_refused_and_never_echoed(cli: Cli) -> None:
    refused = cli.run("people", "add", "--name", f"Nguyễn Văn{ESC}]0;pwned\x07 An",
                      "--gender", "nam", "--unit", "PTH")
    assert refused.returncode == 1, refused
    assert "Họ và tên: chứa ký tự điều khiển không in được (U+001B)" in refused.stderr
    _clean(refused)
    assert cli.count("people") == 0
    bad_code = cli.run("people", "add", "--name", "Nguyễn Văn An", "--gender", "nam",
                       "--unit", f"PTH{ESC}[2J")
    assert bad_code.returncode == 1 and "\\u001b[2J" in bad_code.stderr, bad_code
    _clean(bad_code)


def test_text_stored_with_control_characters_is_printed_escaped(people_cli: Cli) -> None:
    """Written before this check existed (or by another program): shown, never acted upon."""
    stored = f"Nguyễn Văn{ESC}[2J\u009b31m Đức\u202e"
    conn = sqlite3.connect(people_cli.db)
    conn.execute("UPDATE people SET full_name = ? WHERE full_name = 'Nguyễn Văn Đức'", (stored,))
    conn.commit()
    conn.close()
    listed = people_cli.ok("people", "list")
    assert "Nguyễn Văn\\u001b[2J\\u009b31m Đức\\u202e" in listed.stdout
    _clean(listed)
    as_json = people_cli.ok("people", "list", "--json")
    _clean(as_json)
    assert stored in [p["full_name"] for p in as_json.json()["people"]]  # the same text back


def test_a_usage_error_never_echoes_an_escape(cli: Cli) -> None:
    wrong = cli.run("people", "list", f"{ESC}[31mđỏ")  # argparse echoes unknown arguments
    assert wrong.returncode == 2 and "\\u001b[31mđỏ" in wrong.stderr, wrong
    _clean(wrong)
    choice = cli.run("people", "list", "--sort", f"{ESC}[31mđỏ")
    assert choice.returncode == 2, choice
    _clean(choice)


# -- 10. a hostile workbook -------------------------------------------------------------------------
@pytest.fixture
def bloc_cli(tmp_path: Path, documents_cli: tuple[Cli, Any]) -> tuple[Cli, int]:
    source, world = documents_cli
    cli = type(source)(tmp_path / "home")
    cli.db.parent.mkdir(parents=True)
    shutil.copy(source.db, cli.db)
    return cli, world.bloc_id


_LAUGHS = (b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
           + b"".join(b'<!ENTITY %c "%s">' % (98 + i, b"&%c;" % (97 + i) * 10) for i in range(9))
           + b"]>")


def test_a_billion_laughs_workbook_is_refused_in_vietnamese_not_a_crash(
        bloc_cli: tuple[Cli, int], tmp_path: Path) -> None:
    from desktop.services.blocs.excel import CRITERIA_COLUMNS

    cli, bloc_id = bloc_cli
    plain = tmp_path / "tieu-chi.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tiêu chí"
    ws.append(list(CRITERIA_COLUMNS))
    ws.append(["I", "", "Nhiệm vụ chính trị", "", 100])
    wb.save(plain)
    hostile = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(hostile, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":  # a DTD past any quick look
                data = data.replace(b"<worksheet", b"<!--" + b" " * 70_000 + b"-->" + _LAUGHS
                                    + b"<worksheet", 1).replace(b"<v>", b"<v>&j;", 1)
            zout.writestr(info.filename, data)
    before = cli.count("bloc_criteria")
    refused = cli.run("bloc-import-criteria", str(bloc_id), str(hostile))
    assert refused.returncode == 1, refused
    assert "không đọc được bom.xlsx" in refused.stderr and "độc hại" in refused.stderr
    assert "root:" not in refused.stderr and "Unable" not in refused.stderr
    _clean(refused)
    assert cli.count("bloc_criteria") == before


# -- 11. the same person twice ---------------------------------------------------------------------
def test_the_same_person_is_not_added_twice_unless_asked(cli: Cli) -> None:
    person = ("people", "add", "--gender", "nam", "--unit", "PTH", "--birth-date", "15/03/1985")
    cli.ok(*person, "--name", "Nguyễn Văn An")
    again = cli.run(*person, "--name", "nguyen van an")
    assert again.returncode == 1, again
    assert "Đã có người cùng họ tên và ngày sinh" in again.stderr
    assert "“Nguyễn Văn An”, sinh ngày 15/03/1985, đơn vị “Xã Phong Thổ”" in again.stderr
    assert "--allow-duplicate" in again.stderr and "Vẫn thêm?" not in again.stderr
    assert cli.count("people") == 1
    cli.ok(*person, "--name", "Nguyễn Văn An", "--allow-duplicate")
    cli.ok(*person, "--name", "Nguyễn Văn An", "--cccd", "001085012345")  # a CCCD tells apart
    assert cli.count("people") == 3


# -- 12. disk full, read-only medium, another account's file, internal errors ---------------------
def test_a_full_drive_says_so_and_never_advises_a_restore(cli: Cli, tmp_path: Path) -> None:
    with small_drive(tmp_path / "usb") as usb:
        db = usb / "tdkt.db"
        shutil.copy(cli.db, db)
        fill_up(usb)
        add = cli.run("--db", str(db), "people", "add", "--name", "Lê Văn Ba", "--gender", "nam",
                      "--unit", "PTH")
        assert add.returncode == 1, add
        assert f"Ổ đĩa chứa tệp dữ liệu ({db}) đã đầy" in add.stderr
        _clean(add)
        sheet = cli.run("bloc-template", "criteria", str(usb / "mau.xlsx"))
        assert sheet.returncode == 1, sheet
        assert f"Ổ đĩa chứa tệp ({usb / 'mau.xlsx'}) đã đầy" in sheet.stderr
        _clean(sheet)
        assert not (usb / "mau.xlsx").exists() and not (usb / ".mau.xlsx.tmp").exists()
        backup = cli.run("backup", "--to", str(usb / "sao-luu.tdkt-backup"))
        assert backup.returncode == 1 and "đầy" in backup.stderr, backup
        _clean(backup)
    conn = sqlite3.connect(cli.db)
    assert conn.execute("SELECT count(*) FROM people").fetchone() == (0,)
    conn.close()


def test_a_read_only_medium_says_so_and_never_advises_a_restore(cli: Cli, tmp_path: Path) -> None:
    with small_drive(tmp_path / "usb", 4096) as usb:
        db = usb / "tdkt.db"
        shutil.copy(cli.db, db)
        remount_read_only(usb)
        for args in (("people", "list"), ("verify",)):
            result = cli.run("--db", str(db), *args)
            assert result.returncode == 1, result
            assert "nằm trên một ổ chỉ cho phép đọc" in result.stderr and "USB" in result.stderr
            assert "quyền" not in result.stderr.split("Cách khắc phục")[0]
            _clean(result)
        sheet = cli.run("bloc-template", "criteria", str(usb / "mau.xlsx"))
        assert sheet.returncode == 1 and "ổ chỉ cho phép đọc" in sheet.stderr, sheet
        _clean(sheet)
        backup = cli.run("backup", "--to", str(usb / "sao-luu.tdkt-backup"))
        assert backup.returncode == 1 and "chỉ cho phép đọc" in backup.stderr, backup
        _clean(backup)


@pytest.fixture
def other_account(tmp_path: Path) -> Iterator[tuple[list[str], Path]]:
    """A command prefix that runs as another account, and a folder both can reach. As root
    (CI) that is ``nobody`` via setpriv; otherwise ourselves, with files we cannot read."""
    folder = Path(tempfile.mkdtemp(prefix="tdkt-perm-"))
    folder.chmod(0o777)
    try:
        if os.name == "nt":
            pytest.skip("POSIX permissions")
        if os.geteuid() == 0:
            setpriv = shutil.which("setpriv")
            prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] \
                if setpriv else []
            probe = subprocess.run([*prefix, sys.executable, "-c", "import desktop"], cwd=REPO,
                                   capture_output=True, check=False)
            if not prefix or probe.returncode != 0:
                pytest.skip("cannot run the app as another account here")
            yield prefix, folder
        else:
            yield [], folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_another_accounts_file_is_a_permission_message(cli: Cli, other_account: tuple[
        list[str], Path]) -> None:
    prefix, folder = other_account
    db = folder / "tdkt.db"
    shutil.copy(cli.db, db)
    db.chmod(0o000 if not prefix else 0o600)  # as root: root's file, nobody may read it
    home = folder / "home"
    home.mkdir(mode=0o777)
    home.chmod(0o777)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
    env["TDKT_HOME"] = str(home)
    done = subprocess.run([*prefix, sys.executable, "-m", "desktop.cli", "--db", str(db),
                           "people", "list"], cwd=REPO, env=env, capture_output=True, timeout=120,
                          check=False)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 1, stderr
    assert "không có quyền đọc, ghi tệp dữ liệu" in stderr and str(db) in stderr
    assert "chỉ cho phép đọc" not in stderr and "đầy" not in stderr
    assert DAMAGED not in stderr and "Permission denied" not in stderr


def test_an_internal_error_prints_no_sql_and_no_data(cli: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "thieu-bang.db"
    shutil.copy(cli.db, broken)
    conn = sqlite3.connect(broken)
    conn.execute("DROP TABLE people")  # a schema no service expects: a bug, not bad input
    conn.commit()
    conn.close()
    crashed = cli.run("--db", str(broken), "people", "search", "Nguyễn Văn An")
    assert crashed.returncode == 70, crashed
    assert "Lỗi không mong muốn của phần mềm (OperationalError)" in crashed.stderr
    assert "nhật ký" in crashed.stderr
    for leak in ("SELECT", "[SQL", "no such table", "Nguyễn Văn An", "nguyen"):
        assert leak not in crashed.stderr, crashed
