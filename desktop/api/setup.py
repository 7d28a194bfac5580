"""Setting up a database: the sample data an officer can start from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoSummary:
    units: int
    people: int
    ratings: int
    disciplines: int
    initiatives: int
    award_records: int
    movements: int
    blocs: int
    seconds: float
