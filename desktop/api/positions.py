"""Positions (chức vụ) a person held over a date range; the head flag marks the head of the
unit (người đứng đầu), which the head-of-unit target rule reads for the round's year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PositionInput:
    person_id: int
    title: str
    unit_id: int | None = None  # None: the person's own unit
    is_head: bool = False
    start_date: date | None = None  # None: since before records began
    end_date: date | None = None  # None: still held
    note: str = ""


@dataclass(frozen=True)
class PositionRow:
    id: int
    person_id: int
    unit_id: int | None
    unit_name: str
    title: str
    is_head: bool
    start_date: date | None
    end_date: date | None
    note: str
    version: int = 1

    def as_input(self) -> PositionInput:
        return PositionInput(self.person_id, self.title, self.unit_id, self.is_head,
                             self.start_date, self.end_date, self.note)

    def held_on(self, day: date) -> bool:
        return ((self.start_date is None or self.start_date <= day)
                and (self.end_date is None or self.end_date >= day))

    def held_in_year(self, year: int) -> bool:
        return ((self.start_date is None or self.start_date <= date(year, 12, 31))
                and (self.end_date is None or self.end_date >= date(year, 1, 1)))
