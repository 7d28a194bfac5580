"""Bonus money (NĐ 152/2025 Điều 49): coefficient × base salary in force on the signing date,
rounded up to the next 10,000 đồng; and who is paid when titles stack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from desktop.api.money import format_money as format_money

ROUNDING_STEP = 10_000


def bonus_amount(coefficient: Decimal, base_salary: int) -> int:
    """702,000 → 710,000; 2,340,000 stays. Multipliers for households and collectives are
    already in the coefficient, applied before rounding."""
    if coefficient <= 0:
        return 0
    raw = coefficient * Decimal(base_salary)
    steps = (raw / ROUNDING_STEP).to_integral_value(rounding=ROUND_CEILING)
    return int(steps) * ROUNDING_STEP


@dataclass(frozen=True)
class BonusLine:
    """One awarded line as the stacking rule sees it."""

    key: int
    subject: str  # "p:12", "u:3", "h:<name>"
    is_title: bool
    rank: int
    period: tuple[date | None, date | None]
    amount: int


@dataclass(frozen=True)
class Payment:
    key: int
    paid: bool
    amount: int
    note: str


def apply_stacking(lines: list[BonusLine]) -> dict[int, Payment]:
    """Titles of one subject with the same achievement period: only the highest is paid.
    Titles of different periods, forms of commendation, and a title together with a form are
    each paid (NĐ 152/2025 Điều 49 khoản 3–7)."""
    best: dict[tuple[str, tuple[date | None, date | None]], BonusLine] = {}
    for line in lines:
        if not line.is_title:
            continue
        slot = (line.subject, line.period)
        if slot not in best or line.rank > best[slot].rank:
            best[slot] = line
    out: dict[int, Payment] = {}
    for line in lines:
        slot = (line.subject, line.period)
        if line.is_title and best[slot].key != line.key:
            out[line.key] = Payment(line.key, False, 0,
                                    "Cùng thời kỳ thành tích với danh hiệu cao hơn: chỉ nhận tiền "
                                    "thưởng của danh hiệu cao nhất (NĐ 152/2025 Điều 49)")
        else:
            out[line.key] = Payment(line.key, True, line.amount, "")
    return out


