"""Excel files of a bloc (openpyxl): templates for the criteria table and the scores, each
with a "Hướng dẫn" sheet; imports that check every row and write nothing until the whole file
is right; and the score sheet ready to print (criteria as rows, units as columns, totals and
ranks; A4 landscape, one page wide, Times New Roman).

Files are written to a temporary name and renamed, so a crash never leaves half a file; text
that Excel would run as a formula (=, +, -, @) is written as plain text; a file that is not a
workbook, too large, or unpacks to absurd sizes is refused before it is parsed.
"""

from __future__ import annotations

import io
import logging
import os
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.diskerrors import os_error_message
from desktop.domain.enums import (
    CriterionKind,
    ScoreBasis,
    SheetStatus,
    TargetDirection,
    TargetFormula,
)
from desktop.domain.errors import FieldProblem, StorageError, ValidationError
from desktop.domain.vntext import fold, normalize, printable, text_problem
from desktop.models import BlocScore, Movement, MovementTarget, UnitTarget
from desktop.paths import create_private_file
from desktop.services.blocs.criteria import CriteriaService
from desktop.services.blocs.dto import (
    CriterionInput,
    CriterionRow,
    ImportResult,
    RowProblem,
    ScoreEntry,
    Tier,
)
from desktop.services.blocs.formulas import format_tiers, parse_tiers, tier_problems
from desktop.services.blocs.loading import BlocData, load_bloc
from desktop.services.blocs.points import to_points
from desktop.services.blocs.ranking import ScoringPlan
from desktop.services.blocs.scoring import check_entry, edit_refusal, write_entries
from desktop.services.blocs.tree import check_table
from desktop.services.database import Database

log = logging.getLogger(__name__)

FONT = "Times New Roman"
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_REPORTED = 1000
CRITERIA_SHEET = "Tiêu chí"
SCORES_SHEET = "Điểm"
GUIDE_SHEET = "Hướng dẫn"
PRINT_SHEET = "Bảng điểm"
RANK_SHEET = "Xếp hạng"
YES = ("có", "co", "x", "yes", "1", "true")
NO = ("", "không", "khong", "no", "0", "false")

CRITERIA_COLUMNS = ("Mã tiêu chí", "Thuộc nhóm (mã)", "Tên tiêu chí", "Loại", "Điểm tối đa",
                    "Mức trần", "Chỉ tiêu", "Cách tính", "Chiều chỉ tiêu",
                    "Các mức (% từ:điểm)", "Căn cứ", "Cần minh chứng")
SCORE_COLUMNS = ("Mã đơn vị", "Tên đơn vị", "Mã tiêu chí", "Tên tiêu chí", "Loại",
                 "Điểm tối đa", "Điểm tự chấm", "Điểm khối chấm", "Minh chứng, ghi chú")
COMPUTED = "tự tính"
# Shown for the reader of a score sheet, never imported (a formula there is harmless).
SCORE_INFO_COLUMNS = ("Tên đơn vị", "Tên tiêu chí", "Loại", "Điểm tối đa")

CRITERIA_GUIDE = (
    "BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA — HƯỚNG DẪN",
    "",
    "Mỗi dòng của trang “Tiêu chí” là một nhóm, tiêu chí hoặc tiêu chí con. Giữ nguyên dòng tiêu "
    "đề cột; có thể thêm, bớt dòng tùy ý.",
    "",
    "Mã tiêu chí (bắt buộc): duy nhất trong bảng, ví dụ I, I.1, I.1.a.",
    "Thuộc nhóm (mã): mã của nhóm cha; để trống với các nhóm lớn (I, II, III…).",
    "Tên tiêu chí (bắt buộc).",
    "Loại: Chấm trực tiếp | Theo chỉ tiêu | Điểm thưởng | Điểm trừ (để trống = Chấm trực tiếp).",
    "Điểm tối đa (bắt buộc, lớn hơn 0; tối đa 2 chữ số thập phân, dùng dấu phẩy: 2,5).",
    "Mức trần: chỉ với điểm thưởng, điểm trừ — nhóm tính tối đa bấy nhiêu điểm dù các mục cộng "
    "lại nhiều hơn.",
    "Chỉ tiêu, Cách tính, Chiều chỉ tiêu, Các mức: chỉ với tiêu chí theo chỉ tiêu. Chỉ tiêu ghi "
    "đúng tên chỉ tiêu của đơn vị; Cách tính: Theo tỷ lệ hoàn thành | Theo mức (bậc) | Đạt / "
    "không đạt; Chiều: Càng cao càng tốt | Càng thấp càng tốt; Các mức theo dạng “100:10; 90:8; "
    "80:5” (từ 100% kế hoạch được 10 điểm, từ 90% được 8 điểm…).",
    "Căn cứ: văn bản, quy định làm căn cứ chấm. Cần minh chứng: Có / Không.",
    "",
    "Quy tắc của bảng:",
    "• Các tiêu chí con của một nhóm chấm điểm cộng lại phải BẰNG điểm tối đa của nhóm.",
    "• Các nhóm chấm điểm cộng lại phải bằng tổng điểm của khối (100, 1.000…).",
    "• Điểm thưởng, điểm trừ nằm ngoài tổng điểm; mỗi mục không vượt mức trần của nhóm.",
    "",
    "Khi nhập vào phần mềm, mọi dòng được kiểm tra; nếu có lỗi, phần mềm liệt kê từng lỗi theo "
    "số dòng và không nhập gì cho đến khi tệp đúng hết.",
    "",
    "Ví dụ:",
)
CRITERIA_EXAMPLE = (
    ("I", "", "Thực hiện nhiệm vụ chính trị, chuyên môn", "Chấm trực tiếp", 60),
    ("I.1", "I", "Hoàn thành các chỉ tiêu kế hoạch được giao", "Chấm trực tiếp", 40),
    ("I.2", "I", "Thu ngân sách trên địa bàn", "Theo chỉ tiêu", 20),
    ("II", "", "Công tác thi đua, khen thưởng", "Chấm trực tiếp", 40),
    ("III", "", "Điểm thưởng", "Điểm thưởng", 5),
    ("IV", "", "Điểm trừ", "Điểm trừ", 5),
)
SCORES_GUIDE = (
    "CHẤM ĐIỂM THI ĐUA — HƯỚNG DẪN",
    "",
    "Mỗi dòng của trang “Điểm” là điểm của một đơn vị ở một tiêu chí. Không sửa các cột mã.",
    "Điểm tự chấm: do đơn vị tự chấm. Điểm khối chấm: do khối chấm lại (để trống nếu giữ điểm "
    "tự chấm).",
    "Điểm là số từ 0 đến điểm tối đa, tối đa 2 chữ số thập phân (dùng dấu phẩy: 9,5). Điểm trừ "
    "ghi số điểm bị trừ là số dương. Ô để trống nghĩa là chưa có điểm (xóa điểm cũ nếu có).",
    f"Dòng có Loại ghi “({COMPUTED})” là tiêu chí theo chỉ tiêu: điểm do phần mềm tính từ số "
    "liệu chỉ tiêu của đơn vị, không nhập từ tệp.",
    "Đơn vị chỉ sửa điểm tự chấm khi bảng điểm còn “Đang chấm”; khối chỉ chấm lại khi đơn vị "
    "đã gửi; bảng điểm đã công bố không sửa được.",
    "",
    "Khi nhập vào phần mềm, mọi dòng được kiểm tra; nếu có lỗi, phần mềm liệt kê từng lỗi theo "
    "số dòng và không nhập gì cho đến khi tệp đúng hết.",
)

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


class BlocExcelService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._criteria = CriteriaService(db)

    # -- criteria -------------------------------------------------------------------------
    def write_criteria(self, path: Path, bloc_id: int | None = None) -> Path:
        """The criteria template; with a bloc, filled with its table (the table's export)."""
        rows: list[CriterionRow] = []
        title = "BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA"
        if bloc_id is not None:
            with self._db.read() as s:
                data = load_bloc(s, bloc_id)
            rows = data.criteria
            title += f" — {data.bloc.name.upper()} NĂM {data.bloc.year}"
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = CRITERIA_SHEET
        _title(ws, title, len(CRITERIA_COLUMNS))
        _header(ws, CRITERIA_COLUMNS, 3)
        for r in rows:
            ws.append([_safe(v) for v in (
                r.code, r.parent_code, r.name, r.kind.label, r.max_points,
                r.cap, r.indicator, r.formula.label if r.formula else "",
                r.direction.label if r.kind is CriterionKind.TARGET else "",
                format_tiers(r.tiers), r.basis, "Có" if r.evidence_required else "")])
        _body_style(ws, 4, len(CRITERIA_COLUMNS), wrap=(3, 7, 11))
        _widths(ws, (12, 12, 60, 16, 11, 10, 30, 22, 20, 20, 30, 12))
        _choices(ws, "D", [k.label for k in CriterionKind])
        _choices(ws, "H", [f.label for f in TargetFormula])
        _choices(ws, "I", [d.label for d in TargetDirection])
        _choices(ws, "L", ["Có", "Không"])
        ws.freeze_panes = "A4"
        guide = _guide(wb, CRITERIA_GUIDE)
        guide.append([])
        guide.append(list(CRITERIA_COLUMNS[:5]))
        for example in CRITERIA_EXAMPLE:
            guide.append(list(example))
        return _save(wb, path)

    def import_criteria(self, bloc_id: int, path: Path, *, dry_run: bool = False
                        ) -> ImportResult:
        """Read a criteria table; every wrong row is reported with its number and nothing is
        written unless the whole table is right (then it replaces the bloc's table)."""
        with self._db.read() as s:
            data = load_bloc(s, bloc_id)
            known = known_indicators(s, data.bloc.year)
        rows, problems = _read_criteria(path)
        problems.extend(_unknown_indicators(rows, known, data.bloc.year))
        if not problems:
            problems.extend(RowProblem(CRITERIA_SHEET, 0, "", str(t))
                            for t in check_table(_as_nodes(rows), data.bloc.total_points))
            line_of = {r.code: line for line, r in rows}
            problems = [_with_row(p, line_of) for p in problems]
        _raise(problems)
        before = {c.code: c for c in data.criteria}
        changed = sum(1 for _, r in rows if not _same(before.get(r.code), r))
        dropped = len(set(before) - {r.code for _, r in rows})
        if not dry_run and (changed or dropped):
            self._criteria.replace_table(bloc_id, [r for _, r in rows])
        return ImportResult(len(rows), changed + dropped, len(rows) - changed)

    # -- scores ---------------------------------------------------------------------------
    def write_scores(self, path: Path, bloc_id: int) -> Path:
        """The scores template of a bloc, filled with the scores it has (their export)."""
        with self._db.read() as s:
            data = load_bloc(s, bloc_id)
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = SCORES_SHEET
        _title(ws, f"ĐIỂM THI ĐUA — {data.bloc.name.upper()} NĂM {data.bloc.year}",
               len(SCORE_COLUMNS))
        _header(ws, SCORE_COLUMNS, 3)
        leaves = [c for c in data.criteria if not c.is_group]
        for m in data.members:
            for c in leaves:
                cell = data.cells.get((c.id, m.unit_id))
                kind = c.kind.label + (f" ({COMPUTED})" if c.kind is CriterionKind.TARGET else "")
                ws.append([_safe(v) for v in (
                    m.unit_code, m.unit_name, c.code, c.name, kind, c.max_points,
                    cell.self_score if cell else None,
                    cell.reviewed_score if cell and not cell.computed else None,
                    cell.evidence_note if cell else "")])
        _body_style(ws, 4, len(SCORE_COLUMNS), wrap=(2, 4, 9))
        _widths(ws, (14, 30, 12, 50, 18, 11, 12, 12, 40))
        ws.freeze_panes = "A4"
        _guide(wb, SCORES_GUIDE)
        return _save(wb, path)

    def import_scores(self, bloc_id: int, path: Path, *, dry_run: bool = False) -> ImportResult:
        """Read scores and notes; every wrong row is reported with its number and nothing is
        written unless every row is right. Target-based rows are computed, never imported."""
        with self._db.read() as s:
            data = load_bloc(s, bloc_id)
        sheet_rows, problems = _read_scores(path)
        by_code = {c.code: c for c in data.criteria}
        by_id = {c.id: c for c in data.criteria}
        members = {fold(m.unit_code): m for m in data.members}
        entries: list[ScoreEntry] = []
        notes: list[tuple[int, int, str]] = []
        seen: dict[tuple[int, int], int] = {}
        skipped = unchanged = 0
        for line, r in sheet_rows:
            member = members.get(fold(r.unit_code))
            c = by_code.get(r.criterion_code)
            if member is None:
                problems.append(RowProblem(SCORES_SHEET, line, SCORE_COLUMNS[0],
                                           f"đơn vị mã “{r.unit_code}” không phải thành viên "
                                           "của khối"))
            if c is None:
                problems.append(RowProblem(SCORES_SHEET, line, SCORE_COLUMNS[2],
                                           f"không có tiêu chí mã “{r.criterion_code}” trong bảng"))
            if member is None or c is None:
                continue
            key = (c.id, member.unit_id)
            if key in seen:
                problems.append(RowProblem(SCORES_SHEET, line, "", f"trùng với dòng {seen[key]} "
                                           f"(đơn vị {r.unit_code}, tiêu chí {c.code})"))
                continue
            seen[key] = line
            if c.kind is CriterionKind.TARGET and not c.is_group:
                skipped += 1
                continue
            current = data.cells.get(key)
            changed = False
            for which, value, column in ((ScoreBasis.SELF, r.self_score, SCORE_COLUMNS[6]),
                                         (ScoreBasis.REVIEWED, r.reviewed_score,
                                          SCORE_COLUMNS[7])):
                old = None if current is None else (
                    current.self_score if which is ScoreBasis.SELF else current.reviewed_score)
                if isinstance(value, RowProblem):
                    problems.append(RowProblem(SCORES_SHEET, line, column, value.message))
                    continue
                if value == old:
                    continue
                entry = ScoreEntry(member.unit_id, c.id, which, value)
                problem, _ = check_entry(entry, by_id, by_code, {member.unit_id: member})
                if problem is not None:
                    problems.append(RowProblem(SCORES_SHEET, line, column, problem.message))
                else:
                    entries.append(entry)
                    changed = True
            note = r.note
            if note != (current.evidence_note if current else ""):
                if member.sheet_status is SheetStatus.PUBLISHED:
                    problems.append(RowProblem(SCORES_SHEET, line, SCORE_COLUMNS[8],
                                               edit_refusal(member.sheet_status,
                                                            ScoreBasis.SELF) or ""))
                else:
                    notes.append((c.id, member.unit_id, note))
                    changed = True
            if not changed:
                unchanged += 1
        _raise(problems)
        if not dry_run and (entries or notes):
            self._write_scores(bloc_id, entries, notes)
        return ImportResult(len(sheet_rows), len(sheet_rows) - unchanged - skipped, unchanged,
                            skipped)

    def _write_scores(self, bloc_id: int, entries: list[ScoreEntry],
                      notes: list[tuple[int, int, str]]) -> None:
        with self._db.session() as s:
            data = load_bloc(s, bloc_id)
            write_entries(s, bloc_id, data, [(e, to_points(e.value) if e.value is not None
                                              else None) for e in entries])
            for criterion_id, unit_id, note in notes:
                row = s.scalars(select(BlocScore).where(BlocScore.criterion_id == criterion_id,
                                                        BlocScore.unit_id == unit_id)).first()
                if row is None:
                    row = BlocScore(bloc_id=bloc_id, criterion_id=criterion_id, unit_id=unit_id)
                    s.add(row)
                row.deleted_at = None
                row.evidence_note = note

    # -- the printed score sheet ---------------------------------------------------------------
    def export_score_sheet(self, path: Path, bloc_id: int,
                           basis: ScoreBasis = ScoreBasis.REVIEWED) -> Path:
        """Criteria as rows, member units as columns, totals and ranks; ready to print."""
        with self._db.read() as s:
            data = load_bloc(s, bloc_id)
        return _print_sheet(path, data, basis)


# -- reading ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _ScoreLine:
    unit_code: str
    criterion_code: str
    self_score: Decimal | RowProblem | None
    reviewed_score: Decimal | RowProblem | None
    note: str


_FILE_LABEL = "Tệp Excel"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any password-protected workbook
_RESAVE = "hãy mở bằng Excel rồi lưu lại dạng “Excel Workbook (.xlsx)”"
_FORMULA_SHOWN = 60


def _refusal(message: str) -> ValidationError:
    return ValidationError.single("file", _FILE_LABEL, message)


class _DeclaresEntitiesError(ValueError):
    """A part of the workbook declares a DTD (seen before any parser ran)."""


# The start of a DTD in any part, in UTF-8 and in UTF-16 (little and big endian).
_DTD_MARKS = tuple(mark.encode(codec) for mark in ("<!DOCTYPE", "<!ENTITY")
                   for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_DTD_SCAN_BYTES = 64 * 1024


def _declares_entities(archive: zipfile.ZipFile) -> bool:
    """Whether any XML part starts with a DTD. Excel never writes one; an attacker's file
    uses it for XXE (reading local files) or "billion laughs" (exponential entities). Parts
    parsed as a stream are also guarded by defusedxml; the others (workbook.xml, parsed by
    lxml without entity expansion) are refused here, so every such file gets one answer."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(info) as part:
            head = part.read(_DTD_SCAN_BYTES)
        if any(mark in head for mark in _DTD_MARKS):
            return True
    return False


def _hostile(exc: BaseException) -> bool:
    """Whether parsing stopped on a DTD or an entity (XXE, "billion laughs"): our own scan or
    defusedxml's refusal, found anywhere in the chain of causes (openpyxl wraps it)."""
    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - a dependency; without it expat still refuses
        DefusedXmlException = _DeclaresEntitiesError  # noqa: N806
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, _DeclaresEntitiesError | DefusedXmlException):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _unreadable(path: Path, exc: BaseException) -> ValidationError:
    """A workbook openpyxl could not read, said in Vietnamese (its own English text, which may
    quote the file's XML, goes to the log only)."""
    log.warning("Workbook %s refused: %r", path.name, exc)
    if _hostile(exc):
        return _refusal(f"không đọc được {path.name}: tệp chứa khai báo thực thể XML (DTD, "
                        "ENTITY) mà tệp Excel thật không bao giờ có — có thể là tệp độc hại. "
                        "Phần mềm không mở tệp này; hãy lấy lại tệp gốc, hoặc mở bằng Excel rồi "
                        "lưu thành tệp mới.")
    if isinstance(exc, KeyError | InvalidFileException | zipfile.BadZipFile):
        return _refusal(f"không đọc được {path.name}: tệp nén này không phải bảng tính Excel "
                        f".xlsx (có thể là tệp .ods, .docx…); {_RESAVE}")
    return _refusal(f"không đọc được {path.name}: tệp hỏng hoặc không đúng định dạng .xlsx; "
                    f"{_RESAVE}")


@contextmanager
def _workbook(path: Path) -> Iterator[Workbook]:
    """A workbook read cell by cell, formulas as formulas (never their cached, possibly
    missing, values), refusing what is not one (or is hostile) before parsing it."""
    if not path.is_file():
        raise _refusal(f"không tìm thấy tệp {path}")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _refusal(f"tệp nặng {size // 1_048_576} MB, tối đa {MAX_FILE_BYTES // 1_048_576} MB")
    with path.open("rb") as handle:
        if not zipfile.is_zipfile(handle):
            handle.seek(0)
            if handle.read(len(_OLE2_MAGIC)) == _OLE2_MAGIC:
                raise _refusal(f"{path.name} là tệp Excel cũ (.xls) hoặc tệp Excel có đặt mật "
                               f"khẩu; hãy bỏ mật khẩu nếu có, {_RESAVE}")
            raise _refusal(f"{path.name} không phải tệp Excel .xlsx (hãy lưu lại dạng "
                           "“Excel Workbook (.xlsx)”)")
        handle.seek(0)
        try:
            with zipfile.ZipFile(handle) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
                if unpacked > MAX_UNPACKED_BYTES:
                    raise _refusal("tệp giải nén ra quá lớn; không mở")
                if _declares_entities(archive):
                    raise _unreadable(path, _DeclaresEntitiesError())
            handle.seek(0)
            # A file object, not the name: openpyxl would refuse "diem.XLS" by its extension.
            wb = load_workbook(handle, read_only=True, data_only=False)
        except ValidationError:
            raise
        except Exception as exc:  # openpyxl raises many kinds for damaged files
            raise _unreadable(path, exc) from exc
        try:
            yield wb
        finally:
            wb.close()


def _sheet_rows(path: Path, ws: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(Excel row number, cells) for every row of the sheet, however stale the size the file
    declares (``<dimension>``): read-only mode would stop at its last row and drop the rest."""
    ws.reset_dimensions()
    rows = ws.iter_rows()
    line = 0
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # the sheet's XML is parsed only now, row by row
            raise _unreadable(path, exc) from exc
        line += 1
        yield line, cells


def _rows(path: Path, sheet: str, columns: Sequence[str], *, ignored: Sequence[str] = ()
          ) -> tuple[list[tuple[int, dict[str, object]]], list[RowProblem]]:
    """Data rows as {column: value} keyed by the header's names, with Excel row numbers.

    A formula in a column that is read is refused by its cell name (its value is whatever
    Excel last computed, or nothing at all if the file was made by another program: a blank
    that would erase a score); so is text with control characters. Columns in ``ignored`` are
    only there for the reader and are never checked."""
    with _workbook(path) as wb:
        if sheet not in wb.sheetnames:
            return [], [RowProblem(sheet, 0, "", f"tệp không có trang “{sheet}” (hãy dùng mẫu "
                                                 "của phần mềm)")]
        header_line, where = 0, {}
        wanted = {fold(c): c for c in columns}
        out: list[tuple[int, dict[str, object]]] = []
        problems: list[RowProblem] = []
        for line, cells in _sheet_rows(path, wb[sheet]):
            values = tuple(getattr(cell, "value", None) for cell in cells)
            if not header_line:
                found = {wanted[fold(str(v))]: i for i, v in enumerate(values)
                         if v is not None and fold(str(v)) in wanted}
                if columns[0] in found:
                    header_line, where = line, found
                    missing = [c for c in columns if c not in found]
                    if missing:
                        return [], [RowProblem(sheet, line, c, "thiếu cột này") for c in missing]
                elif line >= 20:
                    break
                continue
            row: dict[str, object] = {}
            refused = False
            for column, i in where.items():
                cell = cells[i] if i < len(cells) else None
                value = getattr(cell, "value", None)
                row[column] = value
                if column in ignored or value is None:
                    continue
                name = f"{get_column_letter(i + 1)}{line}"
                if getattr(cell, "data_type", None) == "f":
                    formula = str(value)
                    if len(formula) > _FORMULA_SHOWN:
                        formula = formula[:_FORMULA_SHOWN] + "…"
                    problems.append(RowProblem(sheet, line, column, (
                        f"ô {name} chứa công thức “{printable(formula)}”; phần mềm chỉ nhận giá "
                        "trị, không tính công thức: hãy chép ô đó rồi dán đặc biệt “Chỉ giá trị” "
                        "(Paste Values) và nhập lại")))
                    refused = True
                elif isinstance(value, str) and (problem := text_problem(value)) is not None:
                    problems.append(RowProblem(sheet, line, column, f"ô {name} {problem}"))
                    refused = True
            if refused or all(v is None or str(v).strip() == "" for v in row.values()):
                continue
            out.append((line, row))
        if not header_line:
            return [], [RowProblem(sheet, 0, "", f"không thấy dòng tiêu đề có cột “{columns[0]}”")]
        return out, problems


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize(str(value))


def _points(value: object) -> Decimal | RowProblem | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return to_points(value)
    except ValueError as exc:
        return RowProblem("", 0, "", str(exc))


def _read_criteria(path: Path) -> tuple[list[tuple[int, CriterionInput]], list[RowProblem]]:
    rows, problems = _rows(path, CRITERIA_SHEET, CRITERIA_COLUMNS)
    out: list[tuple[int, CriterionInput]] = []
    codes: dict[str, int] = {}
    for line, r in rows:
        before = len(problems)

        def bad(column: str, message: str, line: int = line) -> None:
            problems.append(RowProblem(CRITERIA_SHEET, line, column, message))

        code, name = _text(r["Mã tiêu chí"]), _text(r["Tên tiêu chí"])
        if not code:
            bad("Mã tiêu chí", "chưa có mã tiêu chí")
        elif len(code) > 30:
            bad("Mã tiêu chí", "dài quá 30 ký tự")
        elif code in codes:
            bad("Mã tiêu chí", f"mã “{code}” trùng với dòng {codes[code]}")
        else:
            codes[code] = line
        if not name:
            bad("Tên tiêu chí", "chưa có tên tiêu chí")
        kind_text = _text(r["Loại"])
        kind = CriterionKind.from_text(kind_text) if kind_text else CriterionKind.MANUAL
        if kind is None:
            bad("Loại", f"“{kind_text}” không phải loại tiêu chí; chọn: "
                        f"{', '.join(k.label for k in CriterionKind)}")
        top = _points(r["Điểm tối đa"])
        if top is None:
            bad("Điểm tối đa", "chưa nhập")
        elif isinstance(top, RowProblem):
            bad("Điểm tối đa", top.message)
        elif top <= 0:
            bad("Điểm tối đa", "phải lớn hơn 0")
        cap = _points(r["Mức trần"])
        if isinstance(cap, RowProblem):
            bad("Mức trần", cap.message)
        formula_text = _text(r["Cách tính"])
        formula = TargetFormula.from_text(formula_text) if formula_text else None
        if formula_text and formula is None:
            bad("Cách tính", f"“{formula_text}” không phải cách tính; chọn: "
                             f"{', '.join(f.label for f in TargetFormula)}")
        direction_text = _text(r["Chiều chỉ tiêu"])
        direction = TargetDirection.from_text(direction_text) if direction_text \
            else TargetDirection.HIGHER_BETTER
        if direction is None:
            bad("Chiều chỉ tiêu", f"“{direction_text}” không hợp lệ; chọn: "
                                  f"{', '.join(d.label for d in TargetDirection)}")
        tiers: tuple[Tier, ...] = ()
        try:
            tiers = parse_tiers(_text(r["Các mức (% từ:điểm)"]))
        except ValueError as exc:
            bad("Các mức (% từ:điểm)", str(exc))
        evidence = fold(_text(r["Cần minh chứng"]))
        if evidence not in YES + NO:
            bad("Cần minh chứng", f"“{_text(r['Cần minh chứng'])}” — ghi Có hoặc Không")
        if len(problems) > before:
            continue
        assert kind is not None and isinstance(top, Decimal) and direction is not None
        if kind is CriterionKind.TARGET:
            if not _text(r["Chỉ tiêu"]):
                bad("Chỉ tiêu", "tiêu chí theo chỉ tiêu phải ghi tên chỉ tiêu")
            if formula is None:
                bad("Cách tính", "tiêu chí theo chỉ tiêu phải chọn cách tính")
            elif formula is TargetFormula.TIERED:
                for message in tier_problems(tiers, top):
                    bad("Các mức (% từ:điểm)", message)
        else:
            if formula is not None or tiers:
                bad("Cách tính", "chỉ dùng cho tiêu chí theo chỉ tiêu")
            if cap is not None and kind in (CriterionKind.MANUAL,):
                bad("Mức trần", "chỉ dùng cho điểm thưởng, điểm trừ")
        if len(problems) > before:
            continue
        out.append((line, CriterionInput(
            code, name, top, kind, _text(r["Thuộc nhóm (mã)"]),
            cap if isinstance(cap, Decimal) else None, formula, direction, tiers,
            _text(r["Chỉ tiêu"]), _text(r["Căn cứ"]), evidence in YES)))
    return out, problems


def known_indicators(s: Session, year: int) -> list[str]:
    """The targets a criterion of a ``year`` bloc can name: the appendices of that year's
    movements and the units' own targets of the year."""
    names = list(s.scalars(select(MovementTarget.indicator).join(
        Movement, Movement.id == MovementTarget.movement_id).where(
        Movement.year == year, Movement.deleted_at.is_(None),
        MovementTarget.deleted_at.is_(None))))
    names += s.scalars(select(UnitTarget.indicator).where(
        UnitTarget.year == year, UnitTarget.deleted_at.is_(None)))
    by_key = {fold(n): n for n in reversed(names)}
    return sorted(by_key.values(), key=fold)


def _unknown_indicators(rows: list[tuple[int, CriterionInput]], known: list[str],
                        year: int) -> list[RowProblem]:
    """A target-based criterion naming a target that does not exist, with the valid names (a
    dangling name would score nothing, silently). A year with no target yet says what to enter
    first."""
    keys = {fold(n) for n in known}
    listed = (f"các chỉ tiêu có: {'; '.join(f'“{n}”' for n in known)}" if known else
              "năm này chưa có chỉ tiêu nào — hãy nhập phụ lục chỉ tiêu của phong trào (trang "
              "Phong trào thi đua) hoặc chỉ tiêu của các đơn vị trước")
    return [RowProblem(CRITERIA_SHEET, line, "Chỉ tiêu",
                       f"không có chỉ tiêu “{r.indicator}” năm {year}; {listed}")
            for line, r in rows
            if r.kind is CriterionKind.TARGET and r.indicator
            and fold(r.indicator) not in keys]


def _read_scores(path: Path) -> tuple[list[tuple[int, _ScoreLine]], list[RowProblem]]:
    rows, problems = _rows(path, SCORES_SHEET, SCORE_COLUMNS, ignored=SCORE_INFO_COLUMNS)
    out = []
    for line, r in rows:
        unit_code, code = _text(r["Mã đơn vị"]), _text(r["Mã tiêu chí"])
        if not unit_code:
            problems.append(RowProblem(SCORES_SHEET, line, "Mã đơn vị", "chưa có mã đơn vị"))
        if not code:
            problems.append(RowProblem(SCORES_SHEET, line, "Mã tiêu chí", "chưa có mã tiêu chí"))
        if unit_code and code:
            out.append((line, _ScoreLine(unit_code, code, _points(r["Điểm tự chấm"]),
                                         _points(r["Điểm khối chấm"]),
                                         _text(r["Minh chứng, ghi chú"]))))
    return out, problems


class _Node:
    """A criterion input seen as a ``tree.NodeLike`` for the whole-table check."""

    def __init__(self, data: CriterionInput) -> None:
        self.code, self.parent_code = data.code, data.parent_code
        self.kind = CriterionKind(data.kind)
        self.max_points = Decimal(data.max_points)
        self.cap = Decimal(data.cap) if data.cap is not None else None
        self.formula = TargetFormula(data.formula) if data.formula else None
        self.tiers, self.indicator = data.tiers, data.indicator


def _as_nodes(rows: list[tuple[int, CriterionInput]]) -> list[_Node]:
    return [_Node(r) for _, r in rows]


def _same(old: CriterionRow | None, new: CriterionInput) -> bool:
    """Whether an imported row says exactly what the stored criterion says."""
    if old is None:
        return False
    target = old.kind is CriterionKind.TARGET
    return (old.parent_code, old.name, old.kind, old.max_points, old.cap,
            old.formula if target else None, old.direction if target else None,
            old.tiers if target else (), old.indicator, old.basis, old.evidence_required) == (
        new.parent_code, new.name, new.kind, new.max_points, new.cap,
        new.formula if target else None, new.direction if target else None,
        new.tiers if target else (), new.indicator, new.basis, new.evidence_required)


def _with_row(problem: RowProblem, line_of: dict[str, int]) -> RowProblem:
    """A whole-table problem named by criterion code gets that criterion's row number."""
    for code, line in line_of.items():
        if problem.message.startswith(f"Tiêu chí {code}:"):
            return RowProblem(problem.sheet, line, "", problem.message)
    return problem


def _raise(problems: list[RowProblem]) -> None:
    if not problems:
        return
    ordered = sorted(problems, key=lambda p: p.row)
    shown = ordered[:MAX_REPORTED]
    items = [FieldProblem(f"row:{p.row}", f"Trang “{p.sheet}”, dòng {p.row}" +
                          (f", cột “{p.column}”" if p.column else "") if p.row else
                          f"Trang “{p.sheet}”", p.message) for p in shown]
    if len(ordered) > len(shown):
        items.append(FieldProblem("rows", "Còn nữa", f"{len(ordered) - len(shown)} lỗi khác"))
    raise ValidationError(items)


# -- writing ------------------------------------------------------------------------------------------
def _safe(value: object) -> object:
    """Text without the control characters a workbook cannot hold."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _neutralise(wb: Workbook) -> None:
    """We never write formulas: any text Excel would run as one (=, +, -, @) stays text
    (DESIGN §9, formula injection)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
                    cell.quotePrefix = True


def _cells(ws: Worksheet, first_row: int) -> Iterator[Cell]:
    for row in ws.iter_rows(min_row=first_row):
        yield from row


def _title(ws: Worksheet, text: str, width: int) -> None:
    ws.append([_safe(text)])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws["A1"].font = Font(name=FONT, size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([])


def _header(ws: Worksheet, columns: Sequence[str], row: int) -> None:
    ws.append([_safe(c) for c in columns])
    for cell in ws[row]:
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        cell.fill = _HEADER_FILL


def _body_style(ws: Worksheet, first_row: int, width: int, wrap: Sequence[int] = ()) -> None:
    for cell in _cells(ws, first_row):
        if cell.column > width:
            continue
        cell.font = Font(name=FONT, size=12)
        cell.border = _BORDER
        cell.alignment = Alignment(vertical="top", wrap_text=cell.column in wrap)


def _widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def _choices(ws: Worksheet, column: str, options: Sequence[str]) -> None:
    validation = DataValidation(type="list", formula1='"' + ",".join(options) + '"',
                                allow_blank=True, showErrorMessage=False)
    ws.add_data_validation(validation)
    validation.add(f"{column}4:{column}2000")


def _guide(wb: Workbook, lines: Sequence[str]) -> Worksheet:
    guide = wb.create_sheet(GUIDE_SHEET)
    for line in lines:
        guide.append([line])
    guide["A1"].font = Font(name=FONT, size=14, bold=True)
    for cell in _cells(guide, 2):
        cell.font = Font(name=FONT, size=12)
    guide.column_dimensions["A"].width = 120
    return guide


def _save(wb: Workbook, path: Path) -> Path:
    """Write beside the target and rename: a crash never leaves half a file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    _neutralise(wb)
    content = io.BytesIO()
    wb.save(content)  # in memory: a full disk then fails one plain write, not inside zipfile
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        create_private_file(tmp)  # owner-only (0600): the sheet names units and people
        with tmp.open("wb") as out:
            out.write(content.getbuffer())
        os.replace(tmp, path)
    except OSError as exc:  # a full disk, a write-locked stick, no permission: in Vietnamese
        exc.filename = str(path)  # the file the officer asked for, not our temporary name
        raise StorageError(os_error_message(exc)) from exc
    finally:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
    return path


def _print_sheet(path: Path, data: BlocData, basis: ScoreBasis) -> Path:
    plan = ScoringPlan(data.criteria)
    units = data.unit_scores(basis)
    values = {u.unit_id: plan.node_values(u.scores) for u in units}
    ranking = data.ranking(basis)
    by_unit = {r.unit_id: r for r in ranking.rows}
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = PRINT_SHEET
    width = 3 + len(data.members)
    _title(ws, f"BẢNG TỔNG HỢP ĐIỂM THI ĐUA NĂM {data.bloc.year}", width)
    ws.append([_safe(f"{data.bloc.name} — {basis.label.lower()}")])
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=width)
    ws["A3"].font = Font(name=FONT, size=12, italic=True)
    ws["A3"].alignment = Alignment(horizontal="center")
    header_row = 4
    _header(ws, ["Mã", "Tiêu chí", "Điểm tối đa", *(m.unit_name for m in data.members)],
            header_row)
    for c in data.criteria:
        row = [_safe(c.code), _safe("    " * c.depth + c.name), c.limit]
        row.extend(values[m.unit_id].get(c.code) for m in data.members)
        ws.append(row)
        if c.depth == 0:
            for cell in ws[ws.max_row]:
                cell.font = Font(name=FONT, size=12, bold=True)
    first_total = ws.max_row + 1
    totals = (("Cộng điểm chấm", "base"), ("Điểm thưởng", "bonus"), ("Điểm trừ", "penalty"),
              ("TỔNG ĐIỂM", "total"))
    for label, attr in totals:
        ws.append(["", label, data.bloc.total_points if attr in ("base", "total") else "",
                   *(getattr(by_unit[m.unit_id], attr) for m in data.members)])
    ws.append(["", "XẾP HẠNG", "", *(by_unit[m.unit_id].rank for m in data.members)])
    _body_style(ws, header_row + 1, width, wrap=(2,))
    for row in ws.iter_rows(min_row=first_total, max_row=ws.max_row):
        for cell in row:
            cell.font = Font(name=FONT, size=12, bold=True)
    for row in ws.iter_rows(min_row=header_row + 1, max_row=ws.max_row, min_col=3):
        for cell in row:
            cell.alignment = Alignment(horizontal="center", vertical="top")
    _widths(ws, (9, 55, 9, *([13] * len(data.members))))
    ws.freeze_panes = ws.cell(row=header_row + 1, column=4)
    _print_setup(ws, header_row)
    ranks = wb.create_sheet(RANK_SHEET)
    _title(ranks, f"KẾT QUẢ XẾP HẠNG — {data.bloc.name.upper()} NĂM {data.bloc.year}", 5)
    _header(ranks, ("Hạng", "Đơn vị", "Tổng điểm", "Tỷ lệ nữ (%)", "Ghi chú"), 3)
    for r in ranking.rows:
        ranks.append([r.rank, _safe(r.unit_name), r.total, r.women_share, _safe(r.tie_note)])
    _body_style(ranks, 4, 5, wrap=(2, 5))
    _widths(ranks, (8, 40, 12, 12, 60))
    _print_setup(ranks, 3)
    return _save(wb, path)


def _print_setup(ws: Worksheet, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.print_options.horizontalCentered = True
