"""Which fields differ between two versions of a record, as an officer reads them.

A service that refuses a stale save (``StaleEditError``) lists the fields where the stored
record differs from the form being saved; the GUI, which still holds the row its form was
opened with, lists what someone else changed since. Both describe rows the same way, through
the ``RecordFields`` of the record kind (labels in Vietnamese, values formatted for reading).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from desktop.domain.errors import FieldChange

EMPTY = "(trống)"
LONG_TEXT = 120


def show_value(value: object) -> str:
    """A field's value as text: dates dd/mm/yyyy, decimal comma, Có/Không, enum labels."""
    if value is None or value == "" or value == ():
        return EMPTY
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        text = f"{value.normalize():f}"
        return text.replace(".", ",")
    if isinstance(value, tuple | list):
        return "; ".join(show_value(item) for item in value)
    text = " ".join(str(value).split())
    return text if len(text) <= LONG_TEXT else text[:LONG_TEXT - 1] + "…"


@dataclass(frozen=True)
class RecordFields:
    """How one kind of record is named in messages (``what``), and which of its row's fields an
    officer edits, with their labels; ``formats`` overrides ``show_value`` for a field."""

    what: str
    labels: Mapping[str, str]
    formats: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)

    def show(self, name: str, value: object) -> str:
        shown = self.formats.get(name)
        return shown(value) if shown is not None else show_value(value)

    def changes(self, before: object, after: object) -> tuple[FieldChange, ...]:
        """The labelled fields whose shown value differs, in the labels' order."""
        out = []
        for name, label in self.labels.items():
            old = self.show(name, getattr(before, name))
            new = self.show(name, getattr(after, name))
            if old != new:
                out.append(FieldChange(name, label, old or EMPTY, new or EMPTY))
        return tuple(out)
