"""Money as officers read it."""

from __future__ import annotations


def format_money(amount: int) -> str:
    """Vietnamese grouping: 7.590.000."""
    return f"{amount:,}".replace(",", ".")
