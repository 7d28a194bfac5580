"""The CLI's formatting rules, checked in-process (no database, no start-up cost)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from desktop.cli.output import display_width, fmt_date, fmt_decimal, fmt_int, table, to_json


def test_numbers_and_dates_the_vietnamese_way() -> None:
    assert fmt_int(2340000) == "2.340.000"
    assert fmt_int(999) == "999"
    assert fmt_decimal(Decimal("1.50")) == "1,5"
    assert fmt_decimal(Decimal("0.45")) == "0,45"
    assert fmt_decimal(Decimal("1500.25")) == "1.500,25"
    assert fmt_decimal(Decimal("15.00")) == "15"
    assert fmt_decimal(None) == ""
    assert fmt_date(date(2026, 7, 1)) == "01/07/2026"


def test_tables_align_vietnamese_text_and_numbers() -> None:
    decomposed = "Hu\u031bo\u031b\u0300ng"  # "Hường" typed with combining marks still takes 5 columns
    assert display_width(decomposed) == 5
    lines = table(("Tên", "Số tiền"), [("Đức", "2.340.000"), (decomposed, "900")],
                  right=(1,)).splitlines()
    assert lines[0] == "Tên      Số tiền"
    assert lines[2] == "Đức    2.340.000"
    assert lines[3] == decomposed + "        900"


def test_json_keeps_vietnamese_and_uses_iso_dates() -> None:
    text = to_json({"name": "Đức", "on": date(2026, 6, 30), "coef": Decimal("1.50"),
                    "amount": Decimal("2340000")})
    assert "Đức" in text
    assert json.loads(text) == {"name": "Đức", "on": "2026-06-30", "coef": 1.5,
                                "amount": 2340000}
