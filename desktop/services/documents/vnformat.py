"""How numbers, money and dates are written in a Vietnamese administrative document (Decree
30/2020): 7.590.000; "Bảy triệu năm trăm chín mươi nghìn đồng"; "ngày 05 tháng 01 năm 2026"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from num2words import num2words

from desktop.services.money import format_money

_SCALES = ("", "nghìn", "triệu", "tỷ")


def format_number(value: int | Decimal | None) -> str:
    """7590000 → "7.590.000"; Decimal("1.5") → "1,5" (comma for decimals, dot for thousands)."""
    if value is None:
        return ""
    if isinstance(value, Decimal) and value != value.to_integral_value():
        whole, _, fraction = f"{value.normalize():f}".partition(".")
        return format_money(int(whole)) + "," + fraction
    return format_money(int(value))


def _group_words(group: int, inner: bool) -> str:
    """Three digits. An inner group below 100 is read with "không trăm" (1.005.000 = một triệu
    không trăm lẻ năm nghìn), which num2words leaves out."""
    words: str = num2words(group, lang="vi")
    if inner and group < 100:
        words = "không trăm " + ("lẻ " if group < 10 else "") + words
    return words


def number_in_words(value: int) -> str:
    """Whole number in words, lower case: 7590000 → "bảy triệu năm trăm chín mươi nghìn"."""
    if value < 0:
        return "âm " + number_in_words(-value)
    if value == 0:
        return "không"
    billions, rest = divmod(value, 1_000_000_000)
    parts: list[str] = []
    if billions:
        parts.append(number_in_words(billions) + " tỷ")
    groups = [(rest // 1_000_000) % 1000, (rest // 1000) % 1000, rest % 1000]
    started = bool(billions)
    for index, group in enumerate(groups):
        if not group:
            continue
        scale = _SCALES[2 - index]
        parts.append((_group_words(group, started) + (" " + scale if scale else "")).strip())
        started = True
    return " ".join(parts)


def money_in_words(amount: int) -> str:
    """7590000 → "Bảy triệu năm trăm chín mươi nghìn đồng" (capitalised, as written under a
    total)."""
    words = number_in_words(amount) + " đồng"
    return words[0].upper() + words[1:]


def date_long(day: date | None) -> str:
    """"ngày 05 tháng 01 năm 2026": days below 10 and months 1–2 get a leading zero (Decree 30);
    months 3–12 stay as they are ("tháng 3")."""
    if day is None:
        return "ngày … tháng … năm …"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date(place: str, day: date | None) -> str:
    """The italic line at the top right: "Lai Châu, ngày 05 tháng 01 năm 2026"."""
    return f"{place}, {date_long(day)}" if place else date_long(day)


def date_short(day: date | None) -> str:
    """05/01/2026, for tables."""
    return day.strftime("%d/%m/%Y") if day else ""


def percent(value: Decimal | float | None) -> str:
    """88.9 → "88,9%"."""
    if value is None:
        return ""
    text = f"{Decimal(str(value)).quantize(Decimal('0.1'))}".replace(".", ",")
    return text.removesuffix(",0") + "%"


def document_number(sequence: int | None, notation: str) -> str:
    """"05/QĐ-UBND"; without a number yet, the blank officers fill by hand: "    /QĐ-UBND"."""
    if sequence is None:
        return f"     /{notation}"
    return f"{sequence:02d}/{notation}"
