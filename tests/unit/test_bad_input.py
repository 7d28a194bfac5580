"""Bad input that used to get through (issue 10, points 9–11): control characters in names,
formula cells and stale sizes in Excel files, hostile workbooks, absurd award amounts and the
same person entered again. Each is refused with a Vietnamese message that names the field (or
the cell), and nothing is written."""

from __future__ import annotations

import re
import sqlite3
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl.xml
import pytest
from bloc_world import build_bloc_world, score
from openpyxl import load_workbook

from desktop.domain.enums import AchievementKind, DisciplineForm, Gender, RoundKind, UnitKind
from desktop.domain.errors import ValidationError
from desktop.services import Services
from desktop.services.blocs.dto import MemberInput
from desktop.services.people import PeopleQuery, PersonInput
from desktop.services.records import AwardRecordInput, DisciplineInput, Subject
from desktop.services.rounds import RoundInput
from desktop.services.units import UnitInput

ESC, NUL, BEL, RLO = "\x1b", "\x00", "\x07", "\u202e"
MAX_AWARD_AMOUNT = 1_000_000_000  # desktop.services.money.MAX_AWARD_AMOUNT (checked below)


@pytest.fixture
def unit(services: Services) -> int:
    root = services.units.children(None)[0].id
    return services.units.create(UnitInput("Xã Bình Lư", "BL", UnitKind.COMMUNE, root)).id


def _people(services: Services) -> int:
    return services.people.count(PeopleQuery())


# -- 9. control characters -----------------------------------------------------------------------
@pytest.mark.parametrize(("typed", "code"), [
    (f"Nguyễn Văn{ESC}[31m An", "U+001B"), (f"Nguyễn{NUL} Văn An", "U+0000"),
    (f"Nguyễn Văn An{BEL}", "U+0007"), (f"Nguyễn Văn {RLO}nA", "U+202E"),
    ("Nguyễn Văn \x85An", "U+0085"), ("Nguyễn Văn \udcffAn", "U+DCFF"),
])
def test_a_name_with_a_control_character_is_refused_naming_the_field_and_the_character(
        services: Services, unit: int, typed: str, code: str) -> None:
    before = _people(services)
    with pytest.raises(ValidationError) as caught:
        services.people.create(PersonInput(typed, Gender.MALE, unit))
    [problem] = caught.value.problems
    assert problem.field == "full_name" and problem.label == "Họ và tên"
    assert f"({code})" in problem.message and "ký tự" in problem.message
    assert _people(services) == before


def test_zero_width_characters_are_dropped_and_the_name_is_found(services: Services,
                                                                 unit: int) -> None:
    row = services.people.create(PersonInput("Nguyễn\u200b Văn\ufeff\u2060 An\u200d", Gender.MALE,
                                             unit, position="Chủ tịch\u200c UBND xã"))
    assert row.full_name == "Nguyễn Văn An" and row.position == "Chủ tịch UBND xã"
    assert [r.id for r in services.people.search("nguyen van an").rows] == [row.id]


def test_every_text_a_service_stores_passes_the_same_gate(services: Services, unit: int) -> None:
    """Fields checked by ``Problems.text`` (with their own label) and fields a service stores
    with a bare ``.strip()`` (caught when the unit of work is flushed) alike."""
    root = services.units.children(None)[0].id
    with pytest.raises(ValidationError, match=r"Tên đơn vị: chứa ký tự điều khiển .*U\+001B"):
        services.units.create(UnitInput(f"Xã{ESC} Mường So", "MSO", UnitKind.COMMUNE, root))
    person = Subject(person_id=services.people.create(
        PersonInput("Tòng Thị Nguyệt", Gender.FEMALE, unit)).id)
    with pytest.raises(ValidationError, match=r"Ghi chú: .*\(U\+0007\)"):
        services.ratings.set(person, 2025, "HTTNV", f"theo quyết định{BEL}")
    with pytest.raises(ValidationError, match=r"Lý do kỷ luật: .*\(U\+202E\)"):
        services.disciplines.create(DisciplineInput(person, DisciplineForm.REPRIMAND,
                                                    "under_review", reason=f"vi phạm {RLO}"))
    household = Subject(household_name=f"Hộ ông Giàng A Páo{ESC}")
    with pytest.raises(ValidationError, match=r"Tên hộ gia đình: .*\(U\+001B\)"):
        services.awards.create(AwardRecordInput(household, "GIAY_KHEN", 2025, "dot_xuat",
                                                "45/QĐ-UBND", date(2025, 9, 2)))
    # rounds store their note with a bare .strip(): the flush gate names it all the same
    with pytest.raises(ValidationError, match=r"Ghi chú \(đợt xét\): .*\(U\+001B\)"):
        services.rounds.create(RoundInput("Xét khen thưởng năm 2026", 2026, RoundKind.YEAR_END,
                                          note=f"{ESC}]0;tdkt{BEL}"))
    assert services.rounds.list() == []
    assert services.ratings.for_subject(person) == []
    assert services.disciplines.for_subject(person) == []
    assert services.awards.for_subject(household) == []
    assert services.units.count() == 2


def test_a_bloc_member_note_with_an_escape_is_refused_by_the_flush_gate(
        services: Services) -> None:
    world = build_bloc_world(services)
    with pytest.raises(ValidationError, match=r"Ghi chú \(thành viên khối\): .*U\+001B"):
        services.blocs.add_member(world["bloc"], MemberInput(world["root"], note=f"{ESC}[2J"))
    assert world["root"] not in {m.unit_id for m in services.blocs.members(world["bloc"])}


def test_a_multi_line_note_keeps_its_lines_and_tabs(services: Services, unit: int) -> None:
    person = Subject(person_id=services.people.create(
        PersonInput("Lò Văn Pọm", Gender.MALE, unit)).id)
    services.awards.create(AwardRecordInput(
        person, "GIAY_KHEN", 2025, AchievementKind.AD_HOC, "45/QĐ-UBND", date(2025, 9, 2),
        note="Cứu người trong lũ:\r\n\t– bản Sin Câu  \r\n\t– bản Nậm Hăn\n"))
    services.disciplines.create(DisciplineInput(person, DisciplineForm.REPRIMAND, "under_review",
                                                reason="Dòng 1\nDòng 2"))
    assert services.disciplines.for_subject(person)[0].reason == "Dòng 1\nDòng 2"


def test_the_printable_form_never_carries_a_raw_control_character() -> None:
    from desktop.domain.vntext import printable, text_problem

    shown = printable(f"An{ESC}[2J{BEL}\r{RLO}\n\tBình")
    assert shown == "An\\u001b[2J\\u0007\\u000d\\u202e\n\tBình"
    assert text_problem("Dòng 1\n\tDòng 2\r\n") is None


def test_bloc_export_survives_a_name_stored_with_an_escape_before_this_check(
        services: Services, tmp_path: Path) -> None:
    """Data saved by an older version (or edited outside the app) still exports: the score
    sheet drops what a workbook cannot hold instead of crashing (IllegalCharacterError)."""
    world = build_bloc_world(services)
    db = services.db.path
    assert db is not None
    conn = sqlite3.connect(db)
    conn.execute("UPDATE units SET name = ? WHERE id = ?", (f"Sở Nội{ESC} vụ", world["a"]))
    conn.execute("UPDATE blocs SET name = name || ? WHERE id = ?", (BEL, world["bloc"]))
    conn.commit()
    conn.close()
    path = services.blocs.excel.export_score_sheet(tmp_path / "bang-diem.xlsx", world["bloc"])
    wb = load_workbook(path)
    header = [c.value for c in wb["Bảng điểm"][4]]
    assert "Sở Nội vụ" in header
    wb.close()


# -- 10. Excel -------------------------------------------------------------------------------------
def _rewrite(source: Path, target: Path, part: str, change: object) -> Path:
    """Copy a workbook, passing the XML of ``part`` through ``change(bytes) -> bytes``."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                data = change(data)  # type: ignore[operator]
            zout.writestr(info.filename, data)
    return target


def _line_of(path: Path, unit_code: str, criterion: str) -> int:
    wb = load_workbook(path)
    try:
        for row in wb["Điểm"].iter_rows(min_row=4):
            if row[0].value == unit_code and row[2].value == criterion:
                return int(row[0].row)
    finally:
        wb.close()
    raise AssertionError("row not found")


def test_a_formula_without_a_cached_value_is_refused_by_cell_name_not_read_as_blank(
        services: Services, tmp_path: Path) -> None:
    world = build_bloc_world(services)
    score(services, world, "a", I_1="38,5")
    path = services.blocs.excel.write_scores(tmp_path / "diem.xlsx", world["bloc"])
    line = _line_of(path, "SNV", "I.1")
    wb = load_workbook(path)
    wb["Điểm"].cell(line, 7).value = "=30+8.5"  # openpyxl stores no cached value, as many tools
    wb["Điểm"].cell(line, 2).value = '=VLOOKUP(A5,"x",1)'  # only informative: not checked
    wb.save(path)
    with pytest.raises(ValidationError) as caught:
        services.blocs.excel.import_scores(world["bloc"], path)
    [problem] = caught.value.problems
    assert problem.label == f"Trang “Điểm”, dòng {line}, cột “Điểm tự chấm”"
    assert f"ô G{line} chứa công thức “=30+8.5”" in problem.message
    assert "Chỉ giá trị" in problem.message
    grid = services.blocs.scores.grid(world["bloc"])
    assert grid.cell(world["I.1"], world["a"]).self_score == Decimal("38.5")  # not erased


def test_rows_beyond_a_stale_dimension_are_read(services: Services, tmp_path: Path) -> None:
    world = build_bloc_world(services)
    path = services.blocs.excel.write_scores(tmp_path / "diem.xlsx", world["bloc"])
    line = _line_of(path, "STP", "II.2")  # the last member's rows are at the end
    wb = load_workbook(path)
    wb["Điểm"].cell(line, 7).value = 12
    wb.save(path)
    stale = _rewrite(path, tmp_path / "cu.xlsx", "xl/worksheets/sheet1.xml",
                     lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:I10"/>',
                                        xml))
    result = services.blocs.excel.import_scores(world["bloc"], stale)
    assert result.rows == 4 * 8  # every member's scored leaves, not the seven rows up to row 10
    assert result.changed == 1
    grid = services.blocs.scores.grid(world["bloc"])
    assert grid.cell(world["II.2"], world["d"]).self_score == Decimal(12)


_XXE = b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
_LAUGHS = (b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
           + b"".join(b'<!ENTITY %c "%s">' % (98 + i, b"&%c;" % (97 + i) * 10) for i in range(9))
           + b"]>")


@pytest.mark.parametrize(("name", "dtd", "entity", "padding"), [
    ("xxe", _XXE, b"&xxe;", 0), ("laughs", _LAUGHS, b"&j;", 0),
    # past the first 64 KB of the part: only the XML parser (defusedxml) can stop it there
    ("xxe-far", _XXE, b"&xxe;", 70_000), ("laughs-far", _LAUGHS, b"&j;", 70_000),
])
def test_a_hostile_workbook_gets_a_vietnamese_refusal(
        services: Services, tmp_path: Path, name: str, dtd: bytes, entity: bytes,
        padding: int) -> None:
    world = build_bloc_world(services)
    path = services.blocs.excel.write_scores(tmp_path / "diem.xlsx", world["bloc"])

    def poison(xml: bytes) -> bytes:
        comment = b"<!--" + b"x" * padding + b"-->" if padding else b""
        xml = xml.replace(b"<worksheet", comment + dtd + b"<worksheet", 1)
        return xml.replace(b"<v>", b"<v>" + entity, 1)

    hostile = _rewrite(path, tmp_path / f"{name}.xlsx", "xl/worksheets/sheet1.xml", poison)
    with pytest.raises(ValidationError) as caught:
        services.blocs.excel.import_scores(world["bloc"], hostile)
    text = str(caught.value)
    assert f"không đọc được {name}.xlsx" in text and "có thể là tệp độc hại" in text
    assert "root:" not in text and "Unable" not in text and "passwd" not in text
    assert openpyxl.xml.DEFUSEDXML, "defusedxml must be installed (pyproject dependencies)"


def test_a_dtd_in_the_workbook_part_is_refused_too(services: Services, tmp_path: Path) -> None:
    world = build_bloc_world(services)
    path = services.blocs.excel.write_criteria(tmp_path / "tieu-chi.xlsx", world["bloc"])
    hostile = _rewrite(path, tmp_path / "wb.xlsx", "xl/workbook.xml",
                       lambda xml: xml.replace(b"<workbook", _LAUGHS.replace(b"worksheet", b"workbook")
                                               + b"<workbook", 1))
    with pytest.raises(ValidationError, match="có thể là tệp độc hại"):
        services.blocs.excel.import_criteria(world["bloc"], hostile)


def test_files_that_are_not_xlsx_say_what_they_are(services: Services, tmp_path: Path) -> None:
    world = build_bloc_world(services)
    old = tmp_path / "diem.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ValidationError, match=r"tệp Excel cũ \(\.xls\) hoặc tệp Excel có đặt mật khẩu"):
        services.blocs.excel.import_scores(world["bloc"], old)
    ods = tmp_path / "diem.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(ValidationError, match=r"không phải bảng tính Excel \.xlsx \(có thể là tệp \.ods"):
        services.blocs.excel.import_scores(world["bloc"], ods)
    # a real workbook under another extension is read by its content, not its name
    real = services.blocs.excel.write_scores(tmp_path / "diem.xlsx", world["bloc"])
    renamed = real.rename(tmp_path / "diem-tu-zalo.XLS")
    assert services.blocs.excel.import_scores(world["bloc"], renamed).changed == 0


def test_a_control_character_in_a_cell_is_refused_by_cell_name(services: Services,
                                                               tmp_path: Path) -> None:
    world = build_bloc_world(services)
    path = services.blocs.excel.write_scores(tmp_path / "diem.xlsx", world["bloc"])
    line = _line_of(path, "SNV", "I.1")
    wb = load_workbook(path)
    wb["Điểm"].cell(line, 9).value = f"Báo cáo {RLO}số 12"  # XML can carry it; Excel shows it
    wb.save(path)
    with pytest.raises(ValidationError) as caught:
        services.blocs.excel.import_scores(world["bloc"], path)
    [problem] = caught.value.problems
    assert problem.message.startswith(f"ô I{line} chứa ký tự đảo chiều văn bản (U+202E)")


# -- 11. amounts and duplicates --------------------------------------------------------------------
@pytest.mark.parametrize(("amount", "why"), [
    (-500_000, "không được âm"), (2**63, "vượt mức tối đa 1.000.000.000 đồng"),
    (2**63 - 1, "vượt mức tối đa"), (MAX_AWARD_AMOUNT + 1, "vượt mức tối đa"),
    (Decimal("1500000.5"), "không có phần lẻ"), (10**400, "một số có 401 chữ số"),
    (True, "không phải số tiền"),
])
def test_an_absurd_award_amount_is_refused_and_nothing_is_stored(
        services: Services, unit: int, amount: object, why: str) -> None:
    person = Subject(person_id=services.people.create(
        PersonInput("Lò Văn Pọm", Gender.MALE, unit)).id)
    record = AwardRecordInput(person, "GIAY_KHEN", 2025, AchievementKind.AD_HOC, "45/QĐ-UBND",
                              date(2025, 9, 2), amount=amount)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as caught:
        services.awards.create(record)
    [problem] = caught.value.problems
    assert problem.label == "Số tiền thưởng" and why in problem.message
    assert services.awards.for_subject(person) == []


def test_a_sane_award_amount_is_stored(services: Services, unit: int) -> None:
    from desktop.services import money

    assert money.MAX_AWARD_AMOUNT == MAX_AWARD_AMOUNT
    person = Subject(person_id=services.people.create(
        PersonInput("Lò Văn Pọm", Gender.MALE, unit)).id)
    for year, amount in ((2024, 1_060_000), (2025, MAX_AWARD_AMOUNT)):
        services.awards.create(AwardRecordInput(
            person, "GIAY_KHEN", year, AchievementKind.AD_HOC, f"{year}/QĐ-UBND",
            date(year, 9, 2), amount=amount))
    assert [r.amount for r in services.awards.for_subject(person)] == [1_060_000,
                                                                       MAX_AWARD_AMOUNT]


def test_the_same_person_entered_again_is_warned_with_the_existing_record(
        services: Services, unit: int) -> None:
    from desktop.api.duplicates import PossibleDuplicateError

    first = services.people.create(PersonInput("Nguyễn Văn An", Gender.MALE, unit,
                                               birth_date=date(1985, 3, 15)))
    before = _people(services)
    for typed in ("Nguyễn Văn An", "nguyen van an", "NGUYỄN  VĂN AN"):
        with pytest.raises(PossibleDuplicateError) as caught:
            services.people.create(PersonInput(typed, Gender.MALE, unit,
                                               birth_date=date(1985, 3, 15)))
        [match] = caught.value.matches
        assert match.id == first.id
        text = str(caught.value)
        assert "“Nguyễn Văn An”, sinh ngày 15/03/1985, đơn vị “Xã Bình Lư”" in text
        assert text.startswith("Đã có người cùng họ tên và ngày sinh") and text.endswith("Vẫn thêm?")
    assert _people(services) == before
    again = services.people.create(PersonInput("Nguyễn Văn An", Gender.MALE, unit,
                                               birth_date=date(1985, 3, 15)),
                                   allow_duplicate=True)
    with pytest.raises(PossibleDuplicateError) as caught:
        services.people.create(PersonInput("Nguyễn Văn An", Gender.MALE, unit,
                                           birth_date=date(1985, 3, 15)))
    assert [m.id for m in caught.value.matches] == [first.id, again.id]
    assert "Đã có 2 người" in str(caught.value)


def test_no_warning_when_a_cccd_or_the_birth_date_tells_them_apart(services: Services,
                                                                   unit: int) -> None:
    services.people.create(PersonInput("Nguyễn Văn An", Gender.MALE, unit,
                                       birth_date=date(1985, 3, 15)))
    services.people.create(PersonInput("Nguyễn Văn An", Gender.MALE, unit,
                                       birth_date=date(1985, 3, 15),
                                       citizen_id="001085012345"))
    services.people.create(PersonInput("Nguyễn Văn An", Gender.MALE, unit,
                                       birth_date=date(1990, 1, 1)))
    services.people.create(PersonInput("Nguyễn Văn Anh", Gender.MALE, unit,
                                       birth_date=date(1985, 3, 15)))
    services.people.create(PersonInput("Nguyễn Văn An", Gender.MALE, unit))  # no birth date
    trashed = services.people.create(PersonInput("Lê Thị Hoa", Gender.FEMALE, unit,
                                                 birth_date=date(1990, 5, 1)))
    services.people.delete(trashed.id)
    services.people.create(PersonInput("Lê Thị Hoa", Gender.FEMALE, unit,
                                       birth_date=date(1990, 5, 1)))
    assert _people(services) == 6


# -- 12. disk errors, classified without a real drive (the CLI tests use real ones) ---------------
def test_file_errors_get_their_own_vietnamese_message_by_errno(tmp_path: Path) -> None:
    import errno

    from desktop.domain.diskerrors import os_error_message

    target = str(tmp_path / "bang-diem.xlsx")
    full = os_error_message(OSError(errno.ENOSPC, "No space left on device", target))
    read_only = os_error_message(OSError(errno.EROFS, "Read-only file system", target))
    denied = os_error_message(PermissionError(errno.EACCES, "Permission denied", target))
    busy = os_error_message(OSError(errno.EBUSY, "Device or resource busy", target))
    other = os_error_message(OSError(errno.EXDEV, "Invalid cross-device link", target))
    assert "đã đầy" in full and "chỉ cho phép đọc" in read_only and "không có quyền" in denied
    assert "chương trình khác mở" in busy and f"lỗi hệ thống số {errno.EXDEV}" in other
    assert len({full, read_only, denied, busy, other}) == 5
    for text in (full, read_only, denied, busy, other):
        assert "No space" not in text and "Read-only" not in text and "denied" not in text
        assert "khôi phục" not in text


def test_a_disk_io_error_is_never_called_damage(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite says only "disk I/O error" (SQLITE_IOERR_SHMSIZE when there is no room for the
    -shm file): the drive is asked whether it is full or read-only."""
    from desktop.domain import diskerrors
    from desktop.domain.errors import StorageError, storage_error_for

    class CodedError(Exception):
        def __init__(self, code: int) -> None:
            self.sqlite_errorcode = code

    db = tmp_path / "tdkt.db"
    db.write_bytes(b"")
    monkeypatch.setattr(diskerrors, "free_bytes", lambda _path: 12 * 1024)
    full = storage_error_for(CodedError(4874), str(db))  # SQLITE_IOERR_SHMSIZE
    assert isinstance(full, StorageError) and f"({db}) đã đầy (còn trống 12 KB)" in str(full)
    monkeypatch.setattr(diskerrors, "free_bytes", lambda _path: 10**9)
    monkeypatch.setattr(diskerrors, "on_read_only_medium", lambda _path: True)
    medium = storage_error_for(CodedError(4874), str(db))
    assert medium is not None and "ổ chỉ cho phép đọc" in str(medium)
    monkeypatch.setattr(diskerrors, "on_read_only_medium", lambda _path: False)
    pulled = storage_error_for(CodedError(10 | (3 << 8)), str(db))  # SQLITE_IOERR_WRITE
    assert pulled is not None and "USB" in str(pulled) and "đừng vội khôi phục" in str(pulled)
    assert storage_error_for(CodedError(10 | (2 << 8)), str(db)) is None  # SHORT_READ: truncated
    for error in (full, medium, pulled):
        assert "không phải cơ sở dữ liệu" not in str(error)
