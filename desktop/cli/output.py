"""How ``tdkt`` prints: aligned tables with Vietnamese headers, dd/mm/yyyy dates, numbers with
"." thousands separators, or JSON (ISO dates, UTF-8, not ASCII-escaped) with ``--json``.

Nothing printed ever carries a raw control character (an ESC from a stored name, an argument
echoed in a message, a carriage return): ``Console`` shows each as ``\\u001b`` instead."""

from __future__ import annotations

import dataclasses
import enum
import json
import sys
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.domain.vntext import printable


def use_utf8_streams() -> None:
    """Vietnamese text on any console (Windows' default code page cannot print it)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):  # already written to, or not a text stream
                pass


def fmt_int(value: int | None) -> str:
    """2340000 -> "2.340.000" (Vietnamese thousands separator)."""
    if value is None:
        return ""
    return f"{value:,}".replace(",", ".")


def fmt_decimal(value: Decimal | float | None) -> str:
    """1.50 -> "1,5"; 15.00 -> "15" (Vietnamese decimal comma, no trailing zeros)."""
    if value is None:
        return ""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return fmt_int(int(number))
    whole, _, fraction = f"{abs(number).normalize():f}".partition(".")
    return f"{'-' if number < 0 else ''}{fmt_int(int(whole))},{fraction}"


def fmt_date(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def fmt_period(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return ""
    return f"{fmt_date(start) or '…'}–{fmt_date(end)}"


def display_width(text: str) -> int:
    """Columns a text takes in a terminal: combining marks take none, wide CJK takes two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *,
          right: Sequence[int] = ()) -> str:
    """Aligned columns; ``right`` lists the column indexes to right-align (numbers)."""
    cells = [[printable(str(h)) for h in headers]] + [
        ["" if c is None else printable(str(c)) for c in r] for r in rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - display_width(cell))
            parts.append(pad + cell if i in right else cell + pad)
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"không chuyển được {type(value).__name__} sang JSON")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)


class Console:
    """Where a command writes: results to stdout, messages and progress to stderr."""

    def __init__(self, *, json_mode: bool) -> None:
        self.json_mode = json_mode

    def out(self, text: str = "") -> None:
        print(printable(text), file=sys.stdout)

    def err(self, text: str) -> None:
        print(printable(text), file=sys.stderr)

    def emit(self, data: Any, human: str) -> None:
        """Print the JSON form with ``--json``, else the human form."""
        self.out(to_json(data) if self.json_mode else human)
