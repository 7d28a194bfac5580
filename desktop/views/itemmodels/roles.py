"""Item-data roles shared by every model: the row's DTO and a raw value to sort on."""

from __future__ import annotations

from PySide6.QtCore import Qt

OBJECT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2
