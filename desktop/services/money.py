"""Bonus money (NĐ 152/2025 Điều 49): coefficient × base salary in force on the signing date,
rounded up to the next 10,000 đồng; and who is paid when titles stack."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from desktop.api.money import format_money as format_money

ROUNDING_STEP = 10_000
# The largest amount one award line may hold, in đồng. The highest bonus in NĐ 152/2025 is
# 46 × the base salary (Huân chương Sao vàng; ×2 for a collective): about 215 million at
# 2,340,000 đ. 1 billion leaves room for any future base salary while refusing a typo with
# three extra zeros, and keeps every amount, and any sum of them, far inside SQLite's 64-bit
# INTEGER (an amount of 2^63 used to reach the driver and fail there).
MAX_AWARD_AMOUNT = 1_000_000_000
# "2.340.000", "2 340 000", "2340000", optionally followed by "đ" or "đồng".
_MONEY_TEXT_RE = re.compile(r"^(-?)\s*(\d{1,3}(?:[. \u00a0]\d{3})+|\d+)(?:,(\d+))?\s*(?:đ|đồng|vnđ|vnd)?$",
                            re.IGNORECASE)
_SHOWN_DIGITS = 24


def money_amount(value: object, *, cap: int = MAX_AWARD_AMOUNT) -> int:
    """A whole number of đồng from what an officer typed or a file held, or ValueError with
    the Vietnamese reason: not a number, negative, with a fraction of a đồng, above ``cap``."""
    number = _as_decimal(value)
    shown = _shown(number)
    if number < 0:
        raise ValueError(f"số tiền không được âm (đang nhập {shown})")
    if number > cap:
        raise ValueError(f"vượt mức tối đa {format_money(cap)} đồng cho một lần khen thưởng "
                         f"(đang nhập {shown}); hãy kiểm tra lại số chữ số 0")
    if number != number.to_integral_value():
        raise ValueError(f"số tiền tính bằng đồng, không có phần lẻ (đang nhập {shown})")
    return int(number)


def _as_decimal(value: object) -> Decimal:
    if isinstance(value, bool):  # True is an int to Python, never an amount
        raise ValueError("không phải số tiền")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal | float):
        number = Decimal(str(value)) if isinstance(value, float) else value
        if not number.is_finite():
            raise ValueError("không phải số tiền")
        return number
    text = str(value).strip()
    match = _MONEY_TEXT_RE.match(text)
    if match is None:
        raise ValueError(f"“{text[:40]}” không phải số tiền (viết như 2.340.000)")
    sign, whole, fraction = match.groups()
    digits = re.sub(r"\D", "", whole) + (f".{fraction}" if fraction else "")
    try:
        number = Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits digits only
        raise ValueError(f"“{text[:40]}” không phải số tiền") from exc
    return -number if sign else number


def _shown(number: Decimal) -> str:
    """"2.340.000 đồng", "1.234,5 đồng", or "một số có 41 chữ số" (never a 41-digit wall,
    never an int built from an exponent of a million)."""
    size = number.copy_abs()
    if size.adjusted() >= _SHOWN_DIGITS:
        return f"một số có {size.adjusted() + 1} chữ số"
    whole = int(size)
    fraction = size - whole
    text = format_money(whole) + (f",{str(fraction.normalize())[2:]}" if fraction else "")
    return f"{'-' if number < 0 else ''}{text} đồng"


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


