"""UI state (window geometry, splitter and header layouts, last folders) in an INI file.

Business settings live in the database; this file only remembers how the officer arranged the
windows. The file sits in ``paths.config`` so tests (``TDKT_HOME``) never touch real user
folders.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

UI_FILE_NAME = "ui.ini"


class UiSettings:
    """A typed wrapper over ``QSettings`` (IniFormat) for the layout the officer chose."""

    def __init__(self, config_dir: Path) -> None:
        config_dir.mkdir(parents=True, exist_ok=True)
        self.path = config_dir / UI_FILE_NAME
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    # -- raw values ------------------------------------------------------------------------
    def value(self, key: str, default: str = "") -> str:
        raw = self._qs.value(key, default)
        return default if raw is None else str(raw)

    def set_value(self, key: str, value: str) -> None:
        self._qs.setValue(key, value)

    def flag(self, key: str, default: bool = False) -> bool:
        """A yes/no choice (stored as ``true``/``false``; anything else is the default)."""
        raw = self.value(key, "").strip().lower()
        return {"true": True, "1": True, "false": False, "0": False}.get(raw, default)

    def set_flag(self, key: str, value: bool) -> None:
        self._qs.setValue(key, "true" if value else "false")

    def string_list(self, key: str) -> list[str]:
        """A list that survives the round trip (QSettings turns ``[]`` into ``None``/``""``)."""
        raw = self._qs.value(key)
        if raw is None or raw == "":
            return []
        if isinstance(raw, str):
            return [raw]
        return [str(item) for item in raw]

    def set_string_list(self, key: str, values: list[str]) -> None:
        self._qs.setValue(key, list(values) if values else "")

    def _bytes(self, key: str) -> QByteArray | None:
        raw = self._qs.value(key)
        return raw if isinstance(raw, QByteArray) and not raw.isEmpty() else None

    # -- widgets ---------------------------------------------------------------------------
    def save_window(self, name: str, window: QMainWindow) -> None:
        self._qs.setValue(f"{name}/geometry", window.saveGeometry())
        self._qs.setValue(f"{name}/state", window.saveState())

    def restore_window(self, name: str, window: QMainWindow) -> bool:
        geometry = self._bytes(f"{name}/geometry")
        if geometry is None:
            return False
        window.restoreGeometry(geometry)
        state = self._bytes(f"{name}/state")
        if state is not None:
            window.restoreState(state)
        return True

    def save_geometry(self, name: str, widget: QWidget) -> None:
        self._qs.setValue(f"{name}/geometry", widget.saveGeometry())

    def restore_geometry(self, name: str, widget: QWidget) -> bool:
        geometry = self._bytes(f"{name}/geometry")
        return geometry is not None and widget.restoreGeometry(geometry)

    def save_splitter(self, name: str, splitter: QSplitter) -> None:
        self._qs.setValue(f"{name}/splitter", splitter.saveState())

    def restore_splitter(self, name: str, splitter: QSplitter) -> bool:
        state = self._bytes(f"{name}/splitter")
        return state is not None and splitter.restoreState(state)

    def save_header(self, name: str, header: QHeaderView) -> None:
        self._qs.setValue(f"{name}/header", header.saveState())

    def restore_header(self, name: str, header: QHeaderView) -> bool:
        state = self._bytes(f"{name}/header")
        return state is not None and header.restoreState(state)

    # -- folders ---------------------------------------------------------------------------
    def last_folder(self, purpose: str, default: Path) -> Path:
        stored = self.value(f"folders/{purpose}")
        path = Path(stored) if stored else default
        return path if path.is_dir() else default

    def set_last_folder(self, purpose: str, folder: Path) -> None:
        self.set_value(f"folders/{purpose}", str(folder))

    def sync(self) -> None:
        self._qs.sync()
