"""Saved report definitions: a JSON file in the per-user data folder (``saved_reports.json``).

The database has no general settings table (province parameters are rules with a label and
a legal source, not screen state), and a saved report is the officer's own working view, so
it stays with the user's folder rather than travelling in sync packages. A hand-edited or
broken file is refused with a Vietnamese message, never half-read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.api.reports import ReportDefinition
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.vntext import fold, normalize
from desktop.services.files import atomic_write

FILE_NAME = "saved_reports.json"
MAX_NAME = 120


class SavedReports:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def _load(self) -> dict[str, dict[str, Any]]:
        if not self.path.exists():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValidationError.single("saved", "Báo cáo đã lưu", (
                f"tệp {self.path} hỏng, không đọc được ({type(exc).__name__}); hãy xóa hoặc "
                "sửa tệp")) from exc
        reports = data.get("reports") if isinstance(data, dict) else None
        if not isinstance(reports, list):
            raise ValidationError.single("saved", "Báo cáo đã lưu",
                                         f"tệp {self.path} không đúng cấu trúc")
        return {str(r.get("name", "")): r for r in reports if isinstance(r, dict)}

    def _store(self, reports: dict[str, dict[str, Any]]) -> None:
        text = json.dumps({"version": 1, "reports": list(reports.values())},
                          ensure_ascii=False, indent=2)

        def write(tmp: Path) -> None:
            tmp.write_text(text, encoding="utf-8")

        atomic_write(self.path, write)

    def names(self) -> list[str]:
        return sorted(self._load(), key=fold)

    def get(self, name: str) -> ReportDefinition:
        reports = self._load()
        key = self._find(reports, name)
        if key is None:
            known = ", ".join(f"“{n}”" for n in sorted(reports, key=fold)) or "chưa có"
            raise NotFoundError(f"Không có báo cáo đã lưu tên “{name}” (đã lưu: {known}).")
        return ReportDefinition.from_json(reports[key])

    def save(self, definition: ReportDefinition) -> None:
        name = normalize(definition.name)
        if not name:
            raise ValidationError.single("name", "Tên báo cáo", "không được để trống")
        if len(name) > MAX_NAME:
            raise ValidationError.single("name", "Tên báo cáo", f"dài quá {MAX_NAME} ký tự")
        reports = self._load()
        old = self._find(reports, name)
        if old is not None:
            del reports[old]
        data = definition.to_json()
        data["name"] = name
        reports[name] = data
        self._store(reports)

    def delete(self, name: str) -> None:
        reports = self._load()
        key = self._find(reports, name)
        if key is None:
            raise NotFoundError(f"Không có báo cáo đã lưu tên “{name}”.")
        del reports[key]
        self._store(reports)

    @staticmethod
    def _find(reports: dict[str, Any], name: str) -> str | None:
        wanted = fold(normalize(name))
        return next((k for k in reports if fold(k) == wanted), None)
