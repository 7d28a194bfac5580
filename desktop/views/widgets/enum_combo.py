"""Combo boxes whose items are members of a ``LabeledEnum``.

Qt stores item data as QVariant: a ``StrEnum`` member goes in and a plain ``str`` comes back, so
``combo.currentData().label`` or ``.value`` fails at run time. Read such combos through
``enum_data`` to get the member back.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import TypeVar

from PySide6.QtWidgets import QComboBox

E = TypeVar("E", bound=Enum)


def add_enum_items(combo: QComboBox, members: Iterable[E], *, none_text: str | None = None) -> None:
    """Fill ``combo`` with each member's label (an optional first item means "no choice")."""
    if none_text is not None:
        combo.addItem(none_text, None)
    for member in members:
        combo.addItem(str(getattr(member, "label", member.name)), member.value)


def enum_data(combo: QComboBox, enum: type[E], index: int | None = None) -> E | None:
    """The member stored at ``index`` (default: the current item), or None for "no choice"."""
    value = combo.currentData() if index is None else combo.itemData(index)
    if value is None or value == "":
        return None
    return enum(value.value if isinstance(value, Enum) else value)
