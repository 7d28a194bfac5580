"""One unit's year as a grid (xếp loại & đăng ký theo đơn vị): a row per live person of the unit
plus one for the unit itself; columns for the yearly rating, the registered title and the year's
LĐTT / CSTĐ results. Cells are typed or pasted (from Excel) as text, parsed here — tolerant of
case, tones and spacing, codes or Vietnamese labels — into ``CellChange``s that the service
(``desktop.services.unit_year``) applies all-or-nothing; every cell it cannot take is named in a
``CellRefusal`` (row, column, reason in Vietnamese).

Pure data and functions: the GUI parses what the officer typed without a database call, and the
service parses the same way, so the two never disagree.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from desktop.api.records import Subject
from desktop.domain.enums import LabeledEnum, RatingLevel
from desktop.domain.errors import FieldProblem, ValidationError
from desktop.domain.vntext import fold


class GridColumn(LabeledEnum):
    NAME = "name", "Họ và tên"
    POSITION = "position", "Chức vụ"
    RATING = "rating", "Xếp loại"
    REGISTRATION = "registration", "Danh hiệu đăng ký"
    RESULT_BASIC = "result_basic", "Kết quả LĐTT / TTLĐTT"
    RESULT_HIGH = "result_high", "Kết quả CSTĐCS / TTLĐXS"


COLUMNS: tuple[GridColumn, ...] = tuple(GridColumn)
EDITABLE: frozenset[GridColumn] = frozenset({GridColumn.RATING, GridColumn.REGISTRATION})
# The year's results: lineages of the titles a person / the unit itself received that year.
RESULT_LINEAGES: dict[GridColumn, tuple[str, str]] = {
    GridColumn.RESULT_BASIC: ("LDTT", "TTLDTT"),
    GridColumn.RESULT_HIGH: ("CSTDCS", "TTLDXS"),
}
UNIT_ROW_PREFIX = "unit:"
PERSON_ROW_PREFIX = "person:"

READ_ONLY_REASON = ("cột này chỉ để xem (kết quả khen thưởng nhập ở hồ sơ cá nhân, tập thể); "
                    "giá trị dán vào khác giá trị đang có")


def person_key(person_id: int) -> str:
    return f"{PERSON_ROW_PREFIX}{person_id}"


def unit_key(unit_id: int) -> str:
    return f"{UNIT_ROW_PREFIX}{unit_id}"


@dataclass(frozen=True)
class TitleChoice:
    """A title the row's subject may register for in the year (from the catalog)."""

    code: str
    name: str
    short_name: str

    @property
    def label(self) -> str:
        return f"{self.short_name or self.code} – {self.name}"


@dataclass(frozen=True)
class GridRow:
    key: str
    person_id: int | None
    unit_id: int | None
    name: str
    position: str
    rating: RatingLevel | None
    registrations: tuple[str, ...]  # award codes, by catalog rank
    registration_names: tuple[str, ...]
    result_basic: str  # "" when the year has no such record; else what the record says
    result_high: str

    @property
    def is_unit(self) -> bool:
        return self.unit_id is not None

    @property
    def subject(self) -> Subject:
        return Subject(person_id=self.person_id, unit_id=self.unit_id)

    def value(self, column: GridColumn) -> str:
        """The cell as stored, in the canonical form a ``CellChange`` carries."""
        if column is GridColumn.NAME:
            return self.name
        if column is GridColumn.POSITION:
            return self.position
        if column is GridColumn.RATING:
            return self.rating.value if self.rating else ""
        if column is GridColumn.REGISTRATION:
            return ", ".join(self.registrations)
        return self.result_basic if column is GridColumn.RESULT_BASIC else self.result_high


@dataclass(frozen=True)
class UnitYearGrid:
    unit_id: int
    unit_name: str
    year: int
    rows: tuple[GridRow, ...]
    person_titles: tuple[TitleChoice, ...]
    unit_titles: tuple[TitleChoice, ...]

    def row(self, key: str) -> GridRow | None:
        return next((r for r in self.rows if r.key == key), None)

    def titles_for(self, row: GridRow) -> tuple[TitleChoice, ...]:
        return self.unit_titles if row.is_unit else self.person_titles

    def title(self, code: str) -> TitleChoice | None:
        return next((t for t in (*self.person_titles, *self.unit_titles) if t.code == code), None)

    def display(self, row: GridRow, column: GridColumn) -> str:
        """What the cell shows: labels, not codes."""
        if column is GridColumn.RATING:
            return row.rating.label if row.rating else ""
        if column is GridColumn.REGISTRATION:
            shown = []
            for code in row.registrations:
                title = self.title(code)
                shown.append(title.short_name or title.code if title else code)
            return ", ".join(shown)
        return row.value(column)


@dataclass(frozen=True)
class CellChange:
    """Set one cell to ``value`` (rating code, award codes joined by ", "); "" clears it."""

    row_key: str
    column: GridColumn
    value: str


@dataclass(frozen=True)
class CellRefusal:
    row_key: str
    row_name: str
    column: GridColumn | None  # None: a pasted cell right of the last column
    value: str
    reason: str
    column_number: int = 0  # 1-based, for a cell outside the grid

    @property
    def column_label(self) -> str:
        return self.column.label if self.column else f"Cột {self.column_number}"

    def __str__(self) -> str:
        return f"{self.row_name} – {self.column_label}: {self.reason}"

    def problem(self) -> FieldProblem:
        column = self.column.value if self.column else str(self.column_number)
        return FieldProblem(f"{self.row_key}/{column}", f"{self.row_name} – {self.column_label}",
                            self.reason)


class GridRefusedError(ValidationError):
    """A batch (or a paste) with cells that cannot be taken; nothing was written."""

    def __init__(self, refusals: Sequence[CellRefusal]) -> None:
        self.refusals = tuple(refusals)
        super().__init__([r.problem() for r in self.refusals])


@dataclass(frozen=True)
class PasteResult:
    changes: tuple[CellChange, ...]
    refused: tuple[CellRefusal, ...]


@dataclass(frozen=True)
class BatchResult:
    """A saved batch: what changed, what undoes it, and the grid as it is now."""

    unit_id: int
    year: int
    applied: tuple[CellChange, ...]
    undo: tuple[CellChange, ...]
    grid: UnitYearGrid
    messages: tuple[str, ...] = field(default=())


# -- parsing what the officer typed ------------------------------------------------------------
_RATING_ALIASES: dict[RatingLevel, tuple[str, ...]] = {
    RatingLevel.EXCELLENT: ("htxsnv", "htxs", "hoan thanh xuat sac nhiem vu",
                            "hoan thanh xuat sac", "xuat sac"),
    RatingLevel.GOOD: ("httnv", "htt", "hoan thanh tot nhiem vu", "hoan thanh tot", "tot"),
    RatingLevel.COMPLETED: ("htnv", "ht", "hoan thanh nhiem vu", "hoan thanh"),
    RatingLevel.NOT_COMPLETED: ("khtnv", "kht", "khong hoan thanh nhiem vu",
                                "khong hoan thanh"),
}
# Long words officers abbreviate, so "Tập thể LĐTT", "CSTĐ cơ sở" and the catalog's names meet.
_TITLE_WORDS = (("chien si thi dua", "cstd"), ("chien si tien tien", "cstt"),
                ("lao dong tien tien", "ldtt"), ("lao dong xuat sac", "ldxs"),
                ("tap the", "tt"), ("co so", "cs"), ("don vi", "dv"))


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text)


def _title_key(text: str) -> str:
    key = fold(text)
    for long, short in _TITLE_WORDS:
        key = key.replace(long, short)
    return _squash(key)


def parse_rating(text: str) -> RatingLevel | None:
    key = _squash(fold(text))
    for level, aliases in _RATING_ALIASES.items():
        if key in {_squash(a) for a in aliases} or key == _squash(fold(level.label)):
            return level
    return None


def rating_choices_text() -> str:
    return ", ".join(f"{level.value} ({level.label})" for level in RatingLevel)


def parse_titles(text: str, choices: Iterable[TitleChoice]) -> tuple[list[str], list[str]]:
    """Codes of the titles named in ``text`` (one, or several split by , ; +) and the parts
    that name none of ``choices``."""
    options = list(choices)
    found: list[str] = []
    unknown: list[str] = []
    for part in re.split(r"[,;+\n]", text):
        if not part.strip():
            continue
        key = _title_key(part)
        match = next((c for c in options if key in {_title_key(c.code), _title_key(c.name),
                                                    _title_key(c.short_name)}), None)
        if match is None:
            unknown.append(part.strip())
        elif match.code not in found:
            found.append(match.code)
    order = {c.code: i for i, c in enumerate(options)}
    return sorted(found, key=lambda code: order[code]), unknown


def parse_cell(grid: UnitYearGrid, row: GridRow, column: GridColumn,
               text: str) -> CellChange | CellRefusal | None:
    """The change typed into one cell, its refusal, or None when nothing changes (a read-only
    cell pasted with what it already shows)."""
    typed = (text or "").strip()

    def refuse(reason: str) -> CellRefusal:
        return CellRefusal(row.key, row.name, column, typed, reason)

    if column not in EDITABLE:
        shown = {fold(row.value(column)), fold(grid.display(row, column))}
        return None if fold(typed) in shown else refuse(READ_ONLY_REASON)
    if column is GridColumn.RATING:
        if not typed:
            return CellChange(row.key, column, "")
        level = parse_rating(typed)
        if level is None:
            return refuse(f"“{typed}” không phải mức xếp loại; chọn một trong: "
                          f"{rating_choices_text()}")
        return CellChange(row.key, column, level.value)
    if not typed:
        return CellChange(row.key, column, "")
    choices = grid.titles_for(row)
    codes, unknown = parse_titles(typed, choices)
    if unknown:
        who = "tập thể" if row.is_unit else "cá nhân"
        allowed = ", ".join(c.short_name or c.code for c in choices)
        return refuse(f"“{', '.join(unknown)}” không phải danh hiệu {who} đăng ký được năm "
                      f"{grid.year}; chọn một trong: {allowed}")
    return CellChange(row.key, column, ", ".join(codes))


def split_block(text: str) -> list[list[str]]:
    """A rectangular block as Excel puts it on the clipboard: rows by line, cells by tab
    (quoted cells may hold tabs and line breaks); the final line break is not a row."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return [[""]]
    return [row or [""] for row in csv.reader(io.StringIO(text), dialect="excel-tab")]


def parse_paste(grid: UnitYearGrid, top: int, left: int, text: str) -> PasteResult:
    """Map a block pasted at row ``top``, column ``left`` (0-based, in ``COLUMNS`` order) onto
    the grid: the changes it makes, and every cell that cannot be taken, named."""
    changes: list[CellChange] = []
    refused: list[CellRefusal] = []
    for r, cells in enumerate(split_block(text)):
        row_index = top + r
        row = grid.rows[row_index] if 0 <= row_index < len(grid.rows) else None
        for c, cell in enumerate(cells):
            col_index = left + c
            column = COLUMNS[col_index] if 0 <= col_index < len(COLUMNS) else None
            if row is None or column is None:
                if cell.strip():
                    refused.append(CellRefusal(
                        row.key if row else f"row:{row_index + 1}",
                        row.name if row else f"Dòng {row_index + 1}", column, cell.strip(),
                        f"nằm ngoài bảng (bảng có {len(grid.rows)} dòng, {len(COLUMNS)} cột)",
                        col_index + 1))
                continue
            outcome = parse_cell(grid, row, column, cell)
            if isinstance(outcome, CellChange):
                changes.append(outcome)
            elif isinstance(outcome, CellRefusal):
                refused.append(outcome)
    return PasteResult(tuple(changes), tuple(refused))
