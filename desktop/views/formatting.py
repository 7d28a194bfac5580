"""How numbers, dates and values look on screen (Vietnamese conventions: 150.000; 31/12/2025)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from desktop.i18n import translate


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for translation in ``context`` and return it unchanged, typed as the str it
    is (PySide6 types its own QT_TRANSLATE_NOOP as object)."""
    return text


def format_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def format_date(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def format_utc(value: datetime | None) -> str:
    """A stored UTC timestamp in the officer's local time."""
    if value is None:
        return ""
    local = value.replace(tzinfo=UTC).astimezone() if value.tzinfo is None else value.astimezone()
    return f"{local:%d/%m/%Y %H:%M}"


def format_value(value: object) -> str:
    """Parameter values (numbers, flags, lists, mappings) as short readable text."""
    if isinstance(value, bool):
        return translate("Formatting", "Yes") if value else translate("Formatting", "No")
    if isinstance(value, int):
        return format_int(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, list | tuple):
        return "; ".join(format_value(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {format_value(item)}" for key, item in value.items())
    if value is None:
        return ""
    return str(value)


def format_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, size // 1024)} KB"
