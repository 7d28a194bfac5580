"""Money: rounding up to 10,000 đ, base salary on the signing date, stacking of titles."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.services import Services
from desktop.services.money import BonusLine, apply_stacking, bonus_amount, format_money


@pytest.mark.parametrize(
    ("coefficient", "base", "amount"),
    [("0.3", 2_340_000, 710_000),  # 702,000 → 710,000
     ("0.3", 2_530_000, 760_000), ("0.45", 2_340_000, 1_060_000), ("1.0", 2_340_000, 2_340_000),
     ("3.0", 2_530_000, 7_590_000), ("2.25", 2_530_000, 5_700_000), ("0", 2_340_000, 0)],
)
def test_rounding_up_to_ten_thousand(coefficient: str, base: int, amount: int) -> None:
    assert bonus_amount(Decimal(coefficient), base) == amount


def test_exact_multiple_is_not_rounded_further() -> None:
    assert bonus_amount(Decimal("0.5"), 1_800_000) == 900_000
    assert bonus_amount(Decimal("0.3"), 1_800_001) == 550_000


def test_signing_date_picks_the_base_salary(services: Services) -> None:
    before = services.catalog.base_salary_on(date(2026, 6, 30)).amount
    after = services.catalog.base_salary_on(date(2026, 7, 1)).amount
    assert bonus_amount(Decimal("0.3"), before) == 710_000
    assert bonus_amount(Decimal("0.3"), after) == 760_000


def test_same_period_titles_pay_only_the_highest_but_forms_stack() -> None:
    year = (date(2026, 1, 1), date(2026, 12, 31))
    lines = [BonusLine(1, "p:7", True, 10, year, 760_000),   # LĐTT
             BonusLine(2, "p:7", True, 20, year, 2_530_000),  # CSTĐCS same period
             BonusLine(3, "p:7", False, 45, year, 3_800_000),  # Bằng khen: a form, paid too
             BonusLine(4, "p:8", True, 10, year, 760_000),
             BonusLine(5, "p:8", True, 40, (date(2024, 1, 1), date(2026, 12, 31)), 7_590_000)]
    paid = apply_stacking(lines)
    assert not paid[1].paid and paid[1].amount == 0 and "Điều 49" in paid[1].note
    assert paid[2].paid and paid[3].paid
    assert paid[4].paid and paid[5].paid  # different achievement periods


def test_format_money() -> None:
    assert format_money(7_590_000) == "7.590.000"
