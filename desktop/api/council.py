"""Council meetings (Hội đồng TĐKT) and their vote results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class MeetingInput:
    round_id: int
    held_on: date
    total_members: int
    present_members: int
    place: str = ""
    chair: str = ""
    secretary: str = ""


@dataclass(frozen=True)
class MeetingRow:
    id: int
    round_id: int
    held_on: date
    total_members: int
    present_members: int
    place: str
    chair: str
    secretary: str
    closed: bool


@dataclass(frozen=True)
class VoteResult:
    nomination_id: int
    subject_name: str
    award_code: str
    award_name: str
    yes_votes: int | None
    total_members: int
    threshold: int
    # The article the threshold rests on: NĐ 152/2025 Art 33.5 where the law sets it (CSTĐ
    # toàn quốc, Cờ thi đua của Chính phủ), else the province's rule (Art 6.2).
    source: str = ""

    @property
    def percent(self) -> Decimal | None:
        if self.yes_votes is None:
            return None
        return (Decimal(self.yes_votes * 100) / self.total_members).quantize(
            Decimal("0.1"), ROUND_HALF_UP)

    @property
    def passed(self) -> bool:
        # Compare exact integers: yes/total ≥ threshold% ⇔ 100·yes ≥ threshold·total.
        return self.yes_votes is not None and \
            self.yes_votes * 100 >= self.threshold * self.total_members

    @property
    def text(self) -> str:
        if self.yes_votes is None:
            return "Chưa nhập số phiếu"
        pct = f"{self.percent}".replace(".", ",")
        verdict = "đạt" if self.passed else "không đạt"
        return (f"{self.yes_votes}/{self.total_members} thành viên đồng ý = {pct}% "
                f"(cần từ {self.threshold}%) — {verdict}")

    @property
    def line(self) -> str:
        """The result with its citation, as a reason or a minute records it."""
        return f"{self.text} ({self.source})" if self.source else self.text
