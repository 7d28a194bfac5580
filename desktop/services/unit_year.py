"""One unit's year as a grid: the ratings and registrations of its people and of the unit
itself, read at once and written as a batch (all cells or none), with undo of the last batch.

Cells are parsed by ``desktop.api.unit_year`` (the GUI uses the same functions); a batch is
checked cell by cell with the rules of the single edits — ``RatingService.set`` for a rating,
``RegistrationService.set`` for a registered title — and every cell that fails is named with
its row, column and reason. Clearing a cell moves its record to the trash; setting it again (or
undoing) brings the same record back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.api.unit_year import (
    EDITABLE,
    READ_ONLY_REASON,
    RESULT_LINEAGES,
    parse_cell,
    parse_paste,
    person_key,
    unit_key,
)
from desktop.api.unit_year import BatchResult as BatchResult
from desktop.api.unit_year import CellChange as CellChange
from desktop.api.unit_year import CellRefusal as CellRefusal
from desktop.api.unit_year import GridColumn as GridColumn
from desktop.api.unit_year import GridRefusedError as GridRefusedError
from desktop.api.unit_year import GridRow as GridRow
from desktop.api.unit_year import PasteResult as PasteResult
from desktop.api.unit_year import TitleChoice as TitleChoice
from desktop.api.unit_year import UnitYearGrid as UnitYearGrid
from desktop.domain.enums import RatingLevel
from desktop.domain.errors import NotFoundError
from desktop.models import AwardKind, AwardRecord, Person, Rating, Registration, Unit
from desktop.services.common import get_active, tombstone
from desktop.services.database import Database
from desktop.services.records import Subject, _check_rating, _rating_of
from desktop.services.rounds import (
    check_registration_codes,
    registrable_kinds,
    replace_registrations,
)
from desktop.services.validation import Problems


class UnitYearService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._last: BatchResult | None = None

    # -- reading ----------------------------------------------------------------------------
    def grid(self, unit_id: int, year: int) -> UnitYearGrid:
        with self._db.read() as s:
            return _grid(s, unit_id, year)

    @staticmethod
    def parse_paste(grid: UnitYearGrid, top: int, left: int, text: str) -> PasteResult:
        return parse_paste(grid, top, left, text)

    def parse_cells(self, unit_id: int, year: int,
                    cells: Sequence[tuple[str, GridColumn, str]]) -> list[CellChange]:
        """Typed text of cells (row key, column, text) as changes; refuses naming each cell."""
        grid = self.grid(unit_id, year)
        changes: list[CellChange] = []
        refused: list[CellRefusal] = []
        for key, column, text in cells:
            row = grid.row(key)
            if row is None:
                refused.append(CellRefusal(key, key, column, text, _NOT_IN_UNIT))
                continue
            outcome = parse_cell(grid, row, column, text)
            if isinstance(outcome, CellChange):
                changes.append(outcome)
            elif outcome is not None:
                refused.append(outcome)
        if refused:
            raise GridRefusedError(refused)
        return changes

    # -- writing ----------------------------------------------------------------------------
    def apply(self, unit_id: int, year: int, changes: Sequence[CellChange]) -> BatchResult:
        """Write every change or none: a refused cell (each one named, with the reason) raises
        ``GridRefusedError`` and nothing is written. Unchanged cells are skipped."""
        with self._db.session() as s:
            result = _apply(s, unit_id, year, changes)
        self._last = result if result.applied else self._last
        return result

    def undo(self, batch: BatchResult) -> BatchResult:
        """Put back what ``batch`` changed; a cell changed again since is refused by name."""
        with self._db.session() as s:
            grid = _grid(s, batch.unit_id, batch.year)
            refused = []
            for change in batch.applied:
                row = grid.row(change.row_key)
                if row is None:
                    refused.append(CellRefusal(change.row_key, change.row_key, change.column,
                                               change.value, _NOT_IN_UNIT))
                elif row.value(change.column) != change.value:
                    refused.append(CellRefusal(
                        row.key, row.name, change.column, row.value(change.column),
                        f"đã được sửa sau lần lưu này (nay là “{grid.display(row, change.column)}”)"
                        "; không hoàn tác"))
            if refused:
                raise GridRefusedError(refused)
            result = _apply(s, batch.unit_id, batch.year, batch.undo)
        if self._last is batch:
            self._last = None
        return result

    def undo_last(self) -> BatchResult:
        if self._last is None:
            raise NotFoundError("Chưa có lần lưu nào để hoàn tác.")
        return self.undo(self._last)

    @property
    def last_batch(self) -> BatchResult | None:
        return self._last


_NOT_IN_UNIT = "không thuộc đơn vị này hoặc đã bị xóa"


def _grid(s: Session, unit_id: int, year: int) -> UnitYearGrid:
    unit = get_active(s, Unit, unit_id, "đơn vị")
    people = list(s.scalars(select(Person).where(Person.unit_id == unit_id,
                                                 Person.deleted_at.is_(None))
                            .order_by(Person.sort_key, Person.id)))
    person_ids = [p.id for p in people]
    ratings: dict[str, RatingLevel] = {}
    for r in s.scalars(select(Rating).where(
            Rating.year == year, Rating.deleted_at.is_(None),
            (Rating.unit_id == unit_id) | Rating.person_id.in_(person_ids))):
        key = person_key(r.person_id) if r.person_id is not None else unit_key(unit_id)
        if r.person_id is not None or r.unit_id == unit_id:
            ratings[key] = RatingLevel(r.level)
    registered: dict[str, list[AwardKind]] = {}
    for reg, kind in s.execute(
            select(Registration, AwardKind)
            .join(AwardKind, AwardKind.id == Registration.award_kind_id)
            .where(Registration.year == year, Registration.deleted_at.is_(None),
                   (Registration.unit_id == unit_id) | Registration.person_id.in_(person_ids))
            .order_by(AwardKind.rank, AwardKind.id)):
        key = person_key(reg.person_id) if reg.person_id is not None else unit_key(unit_id)
        registered.setdefault(key, []).append(kind)
    results: dict[tuple[str, str], str] = {}
    for record, kind in s.execute(
            select(AwardRecord, AwardKind)
            .join(AwardKind, AwardKind.id == AwardRecord.award_kind_id)
            .where(AwardRecord.year == year, AwardRecord.deleted_at.is_(None),
                   (AwardRecord.unit_id == unit_id) | AwardRecord.person_id.in_(person_ids))
            .order_by(AwardRecord.id)):
        key = (person_key(record.person_id) if record.person_id is not None
               else unit_key(unit_id))
        results.setdefault((key, kind.lineage or kind.code), _result_text(record))

    def row(key: str, person_id: int | None, name: str, position: str, is_unit: bool) -> GridRow:
        kinds = registered.get(key, [])
        picks = [results.get((key, lineages[1 if is_unit else 0]), "")
                 for lineages in RESULT_LINEAGES.values()]
        return GridRow(key, person_id, unit_id if is_unit else None, name, position,
                       ratings.get(key), tuple(k.code for k in kinds),
                       tuple(k.name for k in kinds), picks[0], picks[1])

    rows = [row(person_key(p.id), p.id, p.full_name, p.position, False) for p in people]
    rows.append(row(unit_key(unit_id), None, unit.name, "(tập thể đơn vị)", True))
    return UnitYearGrid(unit_id, unit.name, year, tuple(rows),
                        tuple(_choice(k) for k in registrable_kinds(s, year, collective=False)),
                        tuple(_choice(k) for k in registrable_kinds(s, year, collective=True)))


def _choice(kind: AwardKind) -> TitleChoice:
    return TitleChoice(kind.code, kind.name, kind.short_name)


def _result_text(record: AwardRecord) -> str:
    when = f" ngày {record.decision_date:%d/%m/%Y}" if record.decision_date else ""
    return f"Đạt – QĐ {record.decision_number}{when}".strip()


def _apply(s: Session, unit_id: int, year: int, changes: Sequence[CellChange]) -> BatchResult:
    grid = _grid(s, unit_id, year)
    latest: dict[tuple[str, GridColumn], CellChange] = {}
    for change in changes:  # the same cell twice: the last typing wins, as in a sheet
        latest[(change.row_key, change.column)] = change
    refused: list[CellRefusal] = []
    work: list[tuple[GridRow, CellChange, object]] = []
    year_problems = Problems()
    year_problems.year(year, "year", "Năm", low=2000)
    for change in latest.values():
        row = grid.row(change.row_key)
        if row is None:
            refused.append(CellRefusal(change.row_key, change.row_key, change.column,
                                       change.value, _NOT_IN_UNIT))
            continue
        if change.value == row.value(change.column):
            continue
        if change.column not in EDITABLE:
            refused.append(CellRefusal(row.key, row.name, change.column, change.value,
                                       READ_ONLY_REASON))
            continue
        if year_problems.items:
            refused.append(CellRefusal(row.key, row.name, change.column, change.value,
                                       year_problems.items[0].message))
            continue
        p = Problems()
        prepared: object = None
        if change.column is GridColumn.RATING:
            if change.value:
                prepared, _note = _check_rating(p, year, change.value, "")
        else:
            codes = [c for c in change.value.split(",") if c.strip()]
            prepared = check_registration_codes(s, p, row.subject, year, codes)
        if p.items:
            refused.extend(CellRefusal(row.key, row.name, change.column, change.value,
                                       problem.message) for problem in p.items)
            continue
        work.append((row, change, prepared))
    if refused:
        raise GridRefusedError(refused)
    applied: list[CellChange] = []
    undo: list[CellChange] = []
    today = date.today()
    for row, change, prepared in work:
        if change.column is GridColumn.RATING:
            _write_rating(s, row.subject, year, prepared if isinstance(prepared, RatingLevel)
                          else None)
        else:
            kinds = prepared if isinstance(prepared, list) else []
            replace_registrations(s, row.subject, year, kinds,
                                  registered_on=today if today.year == year else None)
        applied.append(change)
        undo.append(CellChange(row.key, change.column, row.value(change.column)))
    s.flush()
    return BatchResult(unit_id, year, tuple(applied), tuple(undo), _grid(s, unit_id, year))


def _write_rating(s: Session, subject: Subject, year: int, level: RatingLevel | None) -> None:
    """As ``RatingService.set`` (one row per subject and year, a trashed one comes back); the
    row's note is kept. None clears the cell: the rating goes to the trash."""
    row = _rating_of(s, subject.person_id, subject.unit_id, year)
    if level is None:
        if row is not None and row.deleted_at is None:
            tombstone(row)
        return
    if row is None:
        row = Rating(person_id=subject.person_id, unit_id=subject.unit_id, year=year, note="")
        s.add(row)
    row.level, row.deleted_at = level.value, None
