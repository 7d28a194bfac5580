""""Is this the same person?": what a create that looks like a duplicate reports, so the form
can ask the officer instead of refusing outright."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desktop.domain.errors import ConflictError

SHOWN_MATCHES = 3


@dataclass(frozen=True)
class SimilarPerson:
    """A live person already recorded with the same name and birth date."""

    id: int
    full_name: str
    birth_date: date | None
    unit_name: str
    citizen_id: str | None

    def __str__(self) -> str:
        born = f", sinh ngày {self.birth_date:%d/%m/%Y}" if self.birth_date else ""
        unit = f", đơn vị “{self.unit_name}”" if self.unit_name else ""
        cccd = f", CCCD {self.citizen_id}" if self.citizen_id else ""
        return f"“{self.full_name}”{born}{unit}{cccd} (ID {self.id})"


class PossibleDuplicateError(ConflictError):
    """Not bad data: a person with the same name and birth date, and no CCCD to tell them
    apart, is already recorded. Nothing was written. The window asks "Vẫn thêm?" and saves
    again with ``allow_duplicate=True`` on "Có"; ``tdkt people add`` refuses unless given
    ``--allow-duplicate``."""

    def __init__(self, matches: Sequence[SimilarPerson]) -> None:
        self.matches = tuple(matches)
        super().__init__(f"{self.found()}\nVẫn thêm?")

    def found(self) -> str:
        """What is already there, without the question."""
        lines = [f"Đã có {'người' if len(self.matches) == 1 else f'{len(self.matches)} người'} "
                 "cùng họ tên và ngày sinh:"]
        lines.extend(f"  • {m}" for m in self.matches[:SHOWN_MATCHES])
        if len(self.matches) > SHOWN_MATCHES:
            lines.append(f"  • … và {len(self.matches) - SHOWN_MATCHES} người khác")
        lines.append("Có thể đây là cùng một người được nhập lại (chưa có số CCCD để phân biệt).")
        return "\n".join(lines)
