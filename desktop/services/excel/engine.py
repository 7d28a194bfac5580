"""The one importer every list uses: read a sheet, match its header, turn each cell into a
value (or name the cell that is wrong), hand each row to its kind, and write all or nothing.

How an import runs
------------------
``run_import(db, kind, path, ...)`` opens the file safely (``reader.open_xlsx``), finds the
kind's sheet (or the only sheet of an officer's own file) and its header row, refuses unknown
and missing required columns by name, and streams the rows. Every row is checked cell by cell
(formulas refused as "ô C7 là công thức; hãy dán giá trị", whether or not Excel saved a value;
text in number cells; dates like 31/02; values outside a list) and then given to the kind,
which validates it with the *same* service code as typing it in and writes it — all inside ONE
write transaction. A dry run rolls that transaction back at the end, so it reports exactly what
an apply would do (new / updated / unchanged / already there); an apply commits it only if no
row was refused and the officer did not cancel. Either way a refused file leaves the database
exactly as before.

How to add a kind
-----------------
Subclass ``ImportKind`` (see ``kinds.py`` for seven examples):

* ``name`` (the key used by ``tdkt import NAME``, also added to ``desktop.api.excel``'s
  ``IMPORT_KINDS`` with its label), ``sheet`` (the sheet name of the template), ``columns``
  (a tuple of ``columns.Column``: Vietnamese header, aliases, type, required, help, example)
  and optionally ``info_columns`` (headers an export writes for the reader and an import
  ignores) and ``fields`` (service field name → column key, so a service's ``ValidationError``
  names the right column).
* ``begin(ctx)``: preload what matching needs (``ctx.session`` is the import's session;
  ``ctx.units``/``ctx.awards`` resolve references; ``ctx.services(ServiceClass)`` gives a
  service whose sessions are savepoints of the import's transaction).
* ``handle(ctx, row)``: ``row.values`` holds parsed cell values by column key. Validate with
  the service and write; return ``"new"``, ``"updated"``, ``"unchanged"`` or ``"existing"``;
  raise ``ValidationError`` / ``DomainError`` (mapped to columns through ``fields``) or
  ``RowError(column_key, message)``.
* ``finish(ctx)``: write what was buffered (bulk inserts), if anything.
* ``examples``: rows (dicts by column key) for the template's guide; default one row of the
  columns' own examples.
* For export, ``export_rows(session, filter)`` yields dicts by column key (see ``export.py``).

Register the instance in ``kinds.KINDS``; templates, the dry run, the report, the CLI and the
dialog pick it up from there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, cast

from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.api.excel import CellProblem, ExportFilter, ImportRefusedError, ImportReport
from desktop.domain.errors import Cancelled, DomainError, StorageError, ValidationError
from desktop.domain.progress import CancelToken, ProgressFn, no_progress
from desktop.domain.vntext import fold, printable, text_problem
from desktop.models import AwardKind, Unit
from desktop.services.database import Database
from desktop.services.excel.columns import (
    AWARD,
    BOOL,
    DATE,
    ENUM,
    UNIT,
    CellError,
    Column,
    header_key,
)
from desktop.services.excel.reader import SheetRow, open_xlsx, serial_to_datetime
from desktop.services.excel.safety import DEFAULT_LIMITS, ExcelLimits

GUIDE_SHEET = "Hướng dẫn"
MAX_PROBLEMS = 5_000
HEADER_SEARCH_ROWS = 10
PROGRESS_EVERY = 500
_FORMULA_SHOWN = 40
# A whole number at least this large in a date column is Excel's serial number of a day
# (10000 is 18/05/1927); smaller ones are refused as numbers (a year typed as 1985 is not
# 07/06/1905).
SERIAL_FLOOR = 10_000
S = TypeVar("S")


class RowError(Exception):
    """A row refused by a kind for one column (key) or for the whole row (``""``)."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


@dataclass
class Row:
    line: int
    values: dict[str, Any]
    cells: Mapping[str, str]  # column key -> "C7"


class _JoinedDatabase:
    """A ``Database`` look-alike whose sessions are savepoints of the import's one session:
    a service called through it validates and writes exactly as when typed in, and its work
    is committed or rolled back with the whole file."""

    def __init__(self, db: Database, session: Session) -> None:
        self._db = db
        self._session = session
        self.engine = db.engine
        self.installation = db.installation

    @property
    def is_sqlite(self) -> bool:
        return self._db.is_sqlite

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._session.begin_nested():
            yield self._session

    @contextmanager
    def read(self) -> Iterator[Session]:
        yield self._session


class References:
    """Units and award kinds by code or folded name, for reference columns."""

    def __init__(self) -> None:
        self.unit_by_code: dict[str, int] = {}
        self.unit_by_name: dict[str, list[int]] = {}
        self.unit_code: dict[int, str] = {}
        self.award_by_code: dict[str, AwardKind] = {}
        self.award_by_name: dict[str, list[AwardKind]] = {}

    def load(self, s: Session) -> None:
        for uid, code, name in s.execute(select(Unit.id, Unit.code, Unit.name)
                                         .where(Unit.deleted_at.is_(None))):
            self.add_unit(uid, code, name)
        for kind in s.scalars(select(AwardKind).where(AwardKind.deleted_at.is_(None))):
            self.award_by_code[kind.code.casefold()] = kind
            self.award_by_name.setdefault(fold(kind.name), []).append(kind)
            if kind.short_name:
                self.award_by_name.setdefault(fold(kind.short_name), []).append(kind)

    def add_unit(self, uid: int, code: str, name: str) -> None:
        self.unit_by_code[code.casefold()] = uid
        self.unit_by_name.setdefault(fold(name), []).append(uid)
        self.unit_code[uid] = code

    def unit(self, ref: str) -> int:
        uid = self.unit_by_code.get(ref.casefold())
        if uid is not None:
            return uid
        named = self.unit_by_name.get(fold(ref), [])
        if len(named) == 1:
            return named[0]
        if named:
            raise CellError(f"có {len(named)} đơn vị tên “{ref}”; hãy ghi mã đơn vị")
        raise CellError(f"không có đơn vị mã hoặc tên “{ref}” trong phần mềm (hãy nhập đơn vị "
                        "trước, hoặc sửa lại mã)")

    def award(self, ref: str, on: date | None = None) -> AwardKind:
        """By code, else by name; a name shared by the old and the new law's kinds is the
        one in force ``on`` that date (the decision's, or the year's end)."""
        kind = self.award_by_code.get(ref.casefold())
        if kind is not None:
            return kind
        named = {k.id: k for k in self.award_by_name.get(fold(ref), [])}
        if len(named) > 1 and on is not None:
            named = {i: k for i, k in named.items()
                     if (k.valid_from is None or k.valid_from <= on)
                     and (k.valid_to is None or on <= k.valid_to)} or named
        if len(named) == 1:
            return next(iter(named.values()))
        if named:
            codes = ", ".join(sorted(k.code for k in named.values()))
            raise CellError(f"nhiều danh hiệu, hình thức tên “{ref}” ({codes}); hãy ghi mã")
        raise CellError(f"không có danh hiệu, hình thức “{ref}” trong danh mục (ghi mã hoặc tên "
                        "như trong danh mục; xem “tdkt catalog list”)")


@dataclass
class Context:
    db: Database
    session: Session
    refs: References
    update_existing: bool
    dry_run: bool
    owner_uuid: str
    refused: bool = False  # a row was refused: keep checking, stop writing
    notes: list[str] = field(default_factory=list)
    _services: dict[type, Any] = field(default_factory=dict)

    def services(self, cls: type[S]) -> S:
        """A service whose writes join the import's transaction (each row a savepoint)."""
        if cls not in self._services:
            joined = _JoinedDatabase(self.db, self.session)
            self._services[cls] = cls(cast(Database, joined))  # type: ignore[call-arg]
        return cast(S, self._services[cls])


class ImportKind:
    name: str = ""
    sheet: str = ""
    columns: tuple[Column, ...] = ()
    info_columns: tuple[str, ...] = ()
    fields: dict[str, str] = {}  # noqa: RUF012 - overridden per kind, never mutated
    intro: str = ""
    # Example rows of the template's guide, by column key (default: each column's example).
    examples: tuple[dict[str, Any], ...] = ()

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    def begin(self, ctx: Context) -> None:
        """Preload what matching needs."""

    def handle(self, ctx: Context, row: Row) -> str:
        raise NotImplementedError

    def finish(self, ctx: Context) -> None:
        """Write what was buffered."""

    def export_rows(self, s: Session, flt: ExportFilter) -> Iterator[dict[str, Any]]:
        """The stored rows as dicts by column key (and info column header)."""
        raise NotImplementedError


# -- reading ----------------------------------------------------------------------------------
def _pick_sheet(names: list[str], kind: ImportKind) -> str:
    wanted = header_key(kind.sheet)
    for name in names:
        if header_key(name) == wanted:
            return name
    data = [n for n in names if header_key(n) != header_key(GUIDE_SHEET)]
    if len(data) == 1:
        return data[0]
    raise ValidationError.single("file", "Tệp Excel", (
        f"tệp không có trang “{kind.sheet}” và có nhiều trang ({', '.join(names)}); hãy đặt "
        f"tên trang cần nhập là “{kind.sheet}” (hoặc dùng mẫu của phần mềm)"))


def _match_header(kind: ImportKind, sheet: str, line: int, values: list[Any]
                  ) -> tuple[dict[int, Column], list[CellProblem]]:
    by_key: dict[str, Column] = {}
    for col in kind.columns:
        for key in col.keys:
            by_key[key] = col
    info = {header_key(h) for h in kind.info_columns}
    where: dict[int, Column] = {}
    seen: dict[str, int] = {}
    problems: list[CellProblem] = []
    for index, value in enumerate(values):
        if value is None or not str(value).strip():
            continue
        key = header_key(value)
        letter = get_column_letter(index + 1)
        found = by_key.get(key)
        if found is None:
            if key in info:
                continue
            allowed = ", ".join(c.header for c in kind.columns)
            problems.append(CellProblem(sheet, line, printable(str(value).strip()), (
                f"cột này không có trong mẫu “{kind.sheet}”; các cột nhận được: {allowed}"),
                f"{letter}{line}"))
            continue
        col = found
        if col.key in seen:
            problems.append(CellProblem(sheet, line, col.header, (
                f"cột xuất hiện hai lần (cột {get_column_letter(seen[col.key] + 1)} và "
                f"{letter})"), f"{letter}{line}"))
            continue
        seen[col.key] = index
        where[index] = col
    for col in kind.columns:
        if col.required and col.key not in seen:
            problems.append(CellProblem(sheet, line, col.header,
                                        "thiếu cột bắt buộc này trong dòng tiêu đề"))
    return where, problems


def _is_header(kind: ImportKind, values: list[Any]) -> bool:
    keys = {header_key(v) for v in values if v is not None and str(v).strip()}
    known = set().union(*(c.keys for c in kind.columns))
    return len(keys & known) >= min(2, len(kind.columns))


def iter_rows(path: Path, kind: ImportKind, limits: ExcelLimits, problems: list[CellProblem],
              sheet_info: dict[str, Any]) -> Iterator[Row]:
    """Rows of the sheet with parsed values; refused cells go to ``problems``.

    The sheet is streamed by ``reader`` (expat, no cell objects); ``sheet_info["total"]``
    follows the reader's estimate of the row count, for the progress bar."""
    with open_xlsx(path, limits) as wb:
        sheet = _pick_sheet(wb.sheetnames, kind)
        sheet_info["sheet"] = sheet
        reader = wb.rows(sheet)
        header: dict[int, Column] | None = None
        parse = _RowParser(kind, sheet, problems, wb.date1904)
        for sheet_row in reader:
            line = sheet_row.line
            if header is None:
                if line > HEADER_SEARCH_ROWS:
                    break
                if _is_header(kind, sheet_row.values):
                    header, found = _match_header(kind, sheet, line, sheet_row.values)
                    if found:
                        problems.extend(found)
                        return
                    parse.header = header
                elif line >= HEADER_SEARCH_ROWS:
                    break
                continue
            if line % PROGRESS_EVERY == 0:
                sheet_info["total"] = max(reader.estimated_rows, 1)
            row = parse(sheet_row)
            if row is not None:
                yield row
        if header is None:
            names = ", ".join(c.header for c in kind.columns if c.required)
            problems.append(CellProblem(sheet, 0, "", (
                f"không thấy dòng tiêu đề trong {HEADER_SEARCH_ROWS} dòng đầu; dòng tiêu đề "
                f"phải có các cột: {names}")))


class _CellNames(Mapping[str, str]):
    """Column key → "C7" for one row, made only when a message needs it."""

    __slots__ = ("_letters", "_line")

    def __init__(self, letters: dict[str, str], line: int) -> None:
        self._letters = letters
        self._line = line

    def __getitem__(self, key: str) -> str:
        return f"{self._letters[key]}{self._line}"

    def __iter__(self) -> Iterator[str]:
        return iter(self._letters)

    def __len__(self) -> int:
        return len(self._letters)


_CACHED_KINDS = frozenset({ENUM, BOOL, UNIT, AWARD})
_CACHE_LIMIT = 20_000


class _RowParser:
    """One data row's cells → parsed values by column key, or the refused cells named.

    Columns whose values repeat (lists, yes/no, unit and award references) remember how
    each distinct cell value parsed — the same function on the same value, once."""

    def __init__(self, kind: ImportKind, sheet: str, problems: list[CellProblem],
                 date1904: bool) -> None:
        self.kind = kind
        self.sheet = sheet
        self.problems = problems
        self.date1904 = date1904
        self._header: dict[int, Column] = {}
        self._columns: list[tuple[int, Column, str, dict[tuple[type, Any], Any] | None]] = []
        self._letters: dict[str, str] = {}
        self._blank: dict[str, Any] = {}

    @property
    def header(self) -> dict[int, Column]:
        return self._header

    @header.setter
    def header(self, header: dict[int, Column]) -> None:
        self._header = header
        self._columns = [(index, col, get_column_letter(index + 1),
                          {} if col.kind in _CACHED_KINDS else None)
                         for index, col in header.items()]
        self._letters = {col.key: letter for _i, col, letter, _c in self._columns}
        self._blank = {col.key: col.parse(None) for col in self.kind.columns}

    def _parse(self, col: Column, raw: Any, cache: dict[tuple[type, Any], Any] | None) -> Any:
        if cache is None:
            return col.parse(raw)
        key = (raw.__class__, raw)
        found = cache.get(key, cache)
        if found is cache:
            try:
                found = col.parse(raw)
            except CellError as exc:
                found = exc
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            cache[key] = found
        if isinstance(found, CellError):
            raise CellError(str(found))
        return found

    def __call__(self, sheet_row: SheetRow) -> Row | None:
        sheet, problems = self.sheet, self.problems
        line, cells, formulas = sheet_row.line, sheet_row.values, sheet_row.formulas
        count = len(cells)
        values = dict(self._blank)
        refused = False
        refused_keys: set[str] = set()
        blank = True
        for index, col, letter, cache in self._columns:
            raw = cells[index] if index < count else None
            if raw is None:
                continue
            if cache is not None and index not in formulas:
                # A value seen before in this column: it passed every check then.
                found = cache.get((raw.__class__, raw), cache)
                if found is not cache and not isinstance(found, CellError):
                    blank = False
                    values[col.key] = found
                    continue
            if raw.__class__ is str and not raw.strip():
                continue
            blank = False
            if index in formulas:
                name = f"{letter}{line}"
                formula = str(raw)
                if len(formula) > _FORMULA_SHOWN:
                    formula = formula[:_FORMULA_SHOWN] + "…"
                refused_keys.add(col.key)
                problems.append(CellProblem(sheet, line, col.header, (
                    f"ô {name} là công thức ({printable(formula)}); hãy dán giá trị (chép ô rồi "
                    "Dán đặc biệt → Chỉ giá trị)"), name))
                refused = True
                continue
            if raw.__class__ is str:
                if (problem := text_problem(raw)) is not None:
                    name = f"{letter}{line}"
                    problems.append(CellProblem(sheet, line, col.header, f"ô {name} {problem}",
                                                name))
                    refused_keys.add(col.key)
                    refused = True
                    continue
            elif (col.kind == DATE and isinstance(raw, int | float)
                  and not isinstance(raw, bool) and raw >= SERIAL_FLOOR):
                # A date whose cell lost its date format: Excel's serial number of the day.
                raw = serial_to_datetime(raw, self.date1904) or raw
            try:
                values[col.key] = self._parse(col, raw, cache)
            except CellError as exc:
                name = f"{letter}{line}"
                problems.append(CellProblem(sheet, line, col.header, f"ô {name}: {exc}", name))
                refused_keys.add(col.key)
                refused = True
        if blank:
            return None
        for _index, col, letter, _cache in self._columns:
            if col.required and values.get(col.key) is None and col.key not in refused_keys:
                name = f"{letter}{line}"
                problems.append(CellProblem(sheet, line, col.header,
                                            f"ô {name} còn trống; cột này bắt buộc", name))
                refused = True
        if refused:
            return Row(line, {}, {})  # counted, not handled
        return Row(line, values, _CellNames(self._letters, line))


# -- running ----------------------------------------------------------------------------------
def run_import(db: Database, kind: ImportKind, path: Path, *, dry_run: bool = True,
               update_existing: bool = False, progress: ProgressFn = no_progress,
               cancel: CancelToken | Callable[[], bool] | None = None,
               limits: ExcelLimits = DEFAULT_LIMITS) -> ImportReport:
    """Check (and, unless ``dry_run``, write) every row of ``path`` in one transaction.

    Returns the report; a file with any refused cell raises ``ImportRefusedError`` (its
    ``report`` lists every problem) and nothing is written; a cancelled run raises
    ``Cancelled`` and nothing is written."""
    path = Path(path)
    problems: list[CellProblem] = []
    counts = {"new": 0, "updated": 0, "unchanged": 0, "existing": 0}
    info: dict[str, Any] = {"sheet": kind.sheet, "total": 1}
    rows = 0

    def cancelled() -> bool:
        if cancel is None:
            return False
        if isinstance(cancel, CancelToken):
            return cancel.cancelled
        return bool(cancel())

    class _Rollback(Exception):  # noqa: N818 - control flow: leave the transaction unwritten
        pass

    ctx: Context | None = None
    try:
        with db.session() as s:
            refs = References()
            refs.load(s)
            ctx = Context(db, s, refs, update_existing, dry_run,
                          db.installation.uuid if db.installation else "")
            kind.begin(ctx)
            progress(0, info["total"], "Đang đọc tệp…")
            for row in iter_rows(path, kind, limits, problems, info):
                rows += 1
                if rows % PROGRESS_EVERY == 0:
                    if cancelled():
                        raise Cancelled("Đã hủy theo yêu cầu của người dùng.")
                    progress(rows, max(info["total"], rows), "Đang kiểm tra từng dòng…")
                if not row.values:
                    ctx.refused = True
                    continue
                outcome = _handle(kind, ctx, row, info["sheet"], problems)
                if outcome is None:
                    ctx.refused = True
                else:
                    counts[outcome] += 1
                if len(problems) >= MAX_PROBLEMS:
                    ctx.notes.append(f"Dừng kiểm tra sau {MAX_PROBLEMS} lỗi.")
                    break
            if not problems:
                kind.finish(ctx)
            if cancelled():
                raise Cancelled("Đã hủy theo yêu cầu của người dùng.")
            progress(rows, max(rows, 1), "Xong")
            if problems or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    report = ImportReport(kind.name, path.name, info["sheet"], rows, counts["new"],
                          counts["updated"], counts["unchanged"], counts["existing"],
                          tuple(sorted(problems, key=lambda p: (p.row, p.column))),
                          applied=not dry_run and not problems, dry_run=dry_run,
                          update_existing=update_existing,
                          notes=tuple(ctx.notes) if ctx else ())
    if problems:
        raise ImportRefusedError(replace(report, new=0, updated=0))
    return report


def _handle(kind: ImportKind, ctx: Context, row: Row, sheet: str,
            problems: list[CellProblem]) -> str | None:
    def at(key: str) -> tuple[str, str]:
        try:
            return kind.column(key).header, row.cells.get(key, "")
        except KeyError:
            return "", ""

    try:
        return kind.handle(ctx, row)
    except RowError as exc:
        header, cell = at(exc.column)
        problems.append(CellProblem(sheet, row.line, header, exc.message, cell))
    except CellError as exc:
        problems.append(CellProblem(sheet, row.line, "", str(exc)))
    except ValidationError as exc:
        for p in exc.problems:
            header, cell = at(kind.fields.get(p.field, p.field))
            message = p.message if header else f"{p.label}: {p.message}"
            problems.append(CellProblem(sheet, row.line, header, message, cell))
    except StorageError:
        raise  # busy, read-only, disk full: the whole import stops, nothing written
    except DomainError as exc:
        problems.append(CellProblem(sheet, row.line, "", str(exc)))
    return None
