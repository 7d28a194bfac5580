"""Translations: the committed .ts matches the code (never stale), every entry is translated,
and the built catalog makes the windows Vietnamese (Qt's own buttons included)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QDialogButtonBox

from desktop import i18n

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[2]
TS_FILE = REPO / "resources" / "translations" / "desktop_vi.ts"


def _build_module() -> Any:
    spec = importlib.util.spec_from_file_location("build_translations",
                                                  REPO / "scripts" / "build_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts_file).getroot()
    found: dict[tuple[str, str], ET.Element] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def test_committed_ts_matches_the_code(tmp_path: Path) -> None:
    build = _build_module()
    fresh = tmp_path / "fresh.ts"
    subprocess.run([build.tool("pyside6-lupdate"), *build.source_files(), "-locations", "none",
                    "-ts", str(fresh)], cwd=REPO, check=True, capture_output=True)
    in_code = set(messages(fresh))
    committed = {key for key, message in messages(TS_FILE).items()
                 if message.find("translation") is not None
                 and message.find("translation").get("type") not in ("obsolete", "vanished")}
    missing = sorted(in_code - committed)
    stale = sorted(committed - in_code)
    assert not missing, f"run scripts/build_translations.py --update and translate: {missing}"
    assert not stale, f"strings no longer in the code (run --update): {stale}"


def test_every_entry_is_translated() -> None:
    unfinished = []
    for (context, source), message in messages(TS_FILE).items():
        translation = message.find("translation")
        text = "" if translation is None else "".join(translation.itertext()).strip()
        if translation is None or translation.get("type") == "unfinished" or not text:
            unfinished.append((context, source))
    assert not unfinished


PLACEHOLDER = re.compile(r"\{\w+\}|%\d+")  # str.format's {name}; Qt's %1 (.replace("%1", …))


def placeholder_problems(ts_file: Path) -> list[tuple[str, str, str]]:
    wrong = []
    for (context, source), message in messages(ts_file).items():
        text = "".join(message.find("translation").itertext())
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            wrong.append((context, source, text))
    return wrong


def test_placeholders_survive_translation() -> None:
    assert placeholder_problems(TS_FILE) == []


def test_a_lost_or_renamed_placeholder_is_caught(tmp_path: Path) -> None:
    ts = tmp_path / "bad.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="vi_VN"><context>'
        "<name>C</name>"
        "<message><source>%1 passed, %2 not passed</source>"
        "<translation>%1 đạt, không đạt</translation></message>"
        "<message><source>Saved {path}</source><translation>Đã lưu {duong_dan}</translation>"
        "</message>"
        "<message><source>%1 of %2</source><translation>%1 trên %2</translation></message>"
        "</context></TS>", encoding="utf-8")
    assert [source for _c, source, _t in placeholder_problems(ts)] == [
        "%1 passed, %2 not passed", "Saved {path}"]


def test_built_catalog_translates(tmp_path: Path, qapp: Any) -> None:
    build = _build_module()
    qm = tmp_path / "desktop_vi.qm"
    build.run_lrelease(TS_FILE, qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("Pages", "People") == "Cá nhân"
    assert translator.translate("PlaceholderPage", "This feature is not in this version yet.") \
        == "Chức năng này chưa có trong phiên bản này."


def test_windows_show_vietnamese(qtbot: Any, main_window: Any) -> None:
    assert i18n.catalog_path().is_file()
    assert main_window.menuBar().actions()[0].text() == "&Tệp"
    assert main_window.sidebar.item(2).text() == "Cá nhân"
    people = main_window.navigate("people")
    assert people.add_button.text() == "Thêm…"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    texts = {b.text().replace("&", "") for b in buttons.buttons()}
    assert texts == {"Đồng ý", "Hủy"}
