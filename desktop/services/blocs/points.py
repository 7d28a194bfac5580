"""Points as exact decimals with two places, read and written the Vietnamese way ("9,5").

Score tables add up to exactly 100 (or 1,000) and a tie must be a real tie, so points are
``Decimal`` everywhere; binary floats would make 0,1 + 0,2 differ from 0,3.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from desktop.services.money import format_money

CENT = Decimal("0.01")
ZERO = Decimal(0)
MAX_POINTS = Decimal(100_000)


def quantize(value: Decimal) -> Decimal:
    """Two decimal places, half up (how officers round by hand)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def to_points(value: object) -> Decimal:
    """A number typed, pasted or read from Excel as points.

    Accepts ints, Decimals, floats (through their shortest text, so 9.1 stays 9.1) and text
    with a decimal comma or point ("9,5", "9.5", " 10 "). Raises ``ValueError`` with a
    Vietnamese reason when it is not a number or has more than two decimal places.
    """
    if isinstance(value, bool):
        raise ValueError("không phải số")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            raise ValueError("chưa nhập điểm")
        if "," in text and "." in text:
            raise ValueError(f"“{value}” không phải số (dùng dấu phẩy cho phần thập phân, "
                             "ví dụ 9,5)")
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValueError(f"“{value}” không phải số") from None
    if not number.is_finite():
        raise ValueError(f"“{value}” không phải số")
    if number != number.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValueError(f"“{fmt_points(number)}” có quá 2 chữ số thập phân")
    return quantize(number)


def fmt_points(value: Decimal | int | float | None) -> str:
    """10 -> "10", 9.50 -> "9,5", None -> "" (decimal comma, no trailing zeros)."""
    if value is None:
        return ""
    number = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(
        value, float) else value)
    if number == number.to_integral_value():
        return fmt_number(int(number))
    text = f"{number.normalize():f}"
    whole, _, fraction = text.lstrip("-").partition(".")
    return f"{'-' if number < 0 else ''}{fmt_number(int(whole))},{fraction}"


def fmt_number(value: float | int | Decimal | None) -> str:
    """A measured value for messages: 2250 -> "2.250", 47.9 -> "47,9"."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = Decimal(repr(value))
    number = Decimal(value)
    if number == number.to_integral_value():
        return format_money(int(number))
    return fmt_points(number)


def fmt_percent(value: Decimal) -> str:
    """106.666 -> "106,7%"."""
    return f"{fmt_points(value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP))}%"
