"""“Văn bản kèm theo” through the window: the export tab attaches the tờ trình and minutes by
default (and the officer's files), the import preview lists them with "Mở" (a checked copy
out of the package), and the history opens the kept copy; a failure is a Vietnamese box.

The import preview with its documents is saved at 1366×697 to the test's folder (and to
``TDKT_SCREENSHOTS`` when set)."""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QPushButton, QWidget

from desktop.api.sync import UpwardSelection
from desktop.domain.enums import Gender, RoundKind, UnitKind
from desktop.services.attachments import stored_path
from desktop.services.rounds import RoundInput
from desktop.views.dialogs.sync_report_dialog import SyncReportDialog
from desktop.views.messages import Messages, SystemOpener
from desktop.views.pages.sync_import import PackageFiles
from tests.gui.test_sync_page import idle, open_window, sync_page  # noqa: F401 - fixture
from tests.unit.sync_world import (
    PROVINCE,
    Office,
    commune_with_nominations,
    open_office,
    province_signs_for_commune,
    trust_sender,
)
from tests.unit.test_sync_documents import NOMINEES, ROUND_NAME, council_passed, text_of

pytestmark = pytest.mark.gui

SCREEN = QSize(1366, 697)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[dict[str, Any]]:
    root = tmp_path / "offices"
    province = open_office(root, *PROVINCE, UnitKind.PROVINCE)
    commune, round_id, ids = commune_with_nominations(
        root, "Ủy ban nhân dân xã Bình Lư", "XBL",
        [(NOMINEES[0], Gender.MALE, None), (NOMINEES[1], Gender.FEMALE, None)])
    council_passed(commune, round_id, ids)
    p_root = province.services.units.children(None)[0].id
    p_round = province.services.rounds.create(RoundInput(
        "Khen thưởng tổng kết năm 2026 (cấp tỉnh)", 2026, RoundKind.YEAR_END,
        office_unit_id=p_root)).id
    scan = tmp_path / "To trinh so 12 (ban ky).pdf"
    scan.write_bytes(b"%PDF-1.4 signed " + b"y" * 6000)
    yield {"province": province, "commune": commune, "round": round_id, "ids": ids,
           "p_round": p_round, "scan": scan, "usb": tmp_path / "usb"}
    for office in (province, commune):
        office.services.close()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """What "Mở" hands to the system's program (nothing is really opened)."""
    paths: list[Path] = []
    monkeypatch.setattr(SystemOpener, "open",
                        classmethod(lambda _c, path: paths.append(path) or True))
    return paths


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    found: list[str] = []
    monkeypatch.setattr(Messages, "error",
                        classmethod(lambda _c, _p, text, *_a, **_k: found.append(text)))
    return found


def widgets_showing(root: QWidget, kind: type, text: str) -> list[Any]:
    return [w for w in root.findChildren(kind) if w.text() == text]


def rows_of(box: Any) -> list[list[str]]:
    """[title, file name, size] of each row as the box shows it."""
    rows = []
    for text in box.shown_texts():
        title, _, rest = text.partition("\n")
        name, _, size = rest.rpartition(" · ")
        rows.append([title, name, size])
    return rows


def _save_shot(window: QWidget, tmp_path: Path, name: str) -> None:
    """The window at the house size, to the test's folder and to ``TDKT_SCREENSHOTS``."""
    window.resize(SCREEN)
    QApplication.processEvents()
    folders = [tmp_path / "shots"]
    if os.environ.get("TDKT_SCREENSHOTS"):
        folders.append(Path(os.environ["TDKT_SCREENSHOTS"]))
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(folder / f"{name}.png"))


def test_export_attaches_the_documents_by_default(qtbot: Any, world: dict[str, Any],
                                                  open_window: Any,  # noqa: F811
                                                  tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(world["commune"])
    page = sync_page(qtbot, window)
    tab_ = page.export_tab
    page.tabs.setCurrentWidget(tab_)
    boxes = widgets_showing(tab_, QCheckBox, "Kèm tờ trình và biên bản họp hội đồng")
    assert len(boxes) == 1 and boxes[0].isChecked() and boxes[0].isVisible()
    tab_.only_checked.setChecked(True)
    tab_.set_checked(world["ids"])
    qtbot.waitUntil(lambda: tab_.write_button.isEnabled(), timeout=20_000)
    summary = tab_.summary_label.text()
    assert "Văn bản kèm theo: Tờ trình đề nghị khen thưởng; Biên bản họp Hội đồng" in summary

    # The officer adds the signed scan, then leaves the rendered documents out.
    monkeypatch.setattr(PackageFiles, "documents",
                        classmethod(lambda _c, _p, _f: [world["scan"]]))
    add = widgets_showing(tab_, QPushButton, "Thêm tệp đính kèm…")
    assert len(add) == 1
    qtbot.mouseClick(add[0], Qt.MouseButton.LeftButton)
    assert [tab_.extra_list.item(i).text() for i in range(tab_.extra_list.count())] == [
        world["scan"].name]
    qtbot.waitUntil(lambda: tab_.write_button.isEnabled()
                    and "To trinh so 12 (ban ky)" in tab_.summary_label.text(), timeout=20_000)
    _save_shot(window, tmp_path, "sync-export-documents")
    boxes[0].setChecked(False)
    qtbot.waitUntil(lambda: tab_.write_button.isEnabled()
                    and "To trinh so 12 (ban ky)" in tab_.summary_label.text(), timeout=20_000)
    assert "Tờ trình đề nghị" not in tab_.summary_label.text()

    target = world["usb"] / "len_xbl.tdkt"
    monkeypatch.setattr(PackageFiles, "save", classmethod(lambda _c, _p, _s: target))
    qtbot.mouseClick(widgets_showing(tab_, QPushButton, "Ghi gói…")[0],
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab_.result_box.isVisible(), timeout=20_000)
    with zipfile.ZipFile(target) as zf:
        listed = json.loads(zf.read("manifest.json"))["documents"]
    assert [d["file_name"] for d in listed] == [world["scan"].name]

    # Removed again: nothing the officer added is left.
    qtbot.mouseClick(widgets_showing(tab_, QPushButton, "Bỏ tệp đã chọn")[0],
                     Qt.MouseButton.LeftButton)
    assert tab_.extra_files == [] and not tab_.extra_list.isVisible()


def test_import_preview_lists_and_opens_the_documents(qtbot: Any, world: dict[str, Any],
                                                      open_window: Any,  # noqa: F811
                                                      opened: list[Path],
                                                      errors: list[str], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    commune: Office = world["commune"]
    package = commune.services.sync.export_upward(
        UpwardSelection(world["round"], tuple(world["ids"]), extra_files=(world["scan"],)),
        world["usb"] / "len_xbl").path
    province: Office = world["province"]
    trust_sender(province, package)
    window = open_window(province)
    page = sync_page(qtbot, window)
    it = page.import_tab
    page.tabs.setCurrentWidget(it)
    it.round_combo.setCurrentIndex(it.round_combo.findData(world["p_round"]))
    it.add_paths([package])
    qtbot.waitUntil(lambda: bool(it.entries) and it.entries[0].ready, timeout=20_000)
    idle(qtbot, window)

    box = it.documents_box
    assert box.isVisible() and box.title() == "Văn bản kèm theo"
    rows = rows_of(box)
    assert [r[0] for r in rows] == ["Tờ trình đề nghị khen thưởng",
                                    "Biên bản họp Hội đồng Thi đua - Khen thưởng ngày 20/11/2026",
                                    "To trinh so 12 (ban ky)"]
    assert rows[0][1] == f"Tờ trình - {ROUND_NAME}.docx"
    assert rows[2][1] == world["scan"].name and rows[2][2] == "5 KB"
    buttons = box.open_buttons()
    assert [b.text() for b in buttons] == ["Mở", "Mở", "Mở"]
    window.resize(SCREEN)  # the house size for screenshots (the fixture opens 1366×768)
    QApplication.processEvents()
    for label in box.labels:  # wrapped, never cut: each label has the height its text needs
        assert label.isVisible() and label.height() >= label.heightForWidth(label.width())
        assert label.visibleRegion().boundingRect().height() == label.height()

    _save_shot(window, tmp_path, "sync-import-documents")

    # "Mở" before importing: a checked copy out of the package, under its own name.
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    assert opened[0].is_file() and opened[0].name == rows[0][1]
    assert ROUND_NAME in text_of(opened[0]) and all(n in text_of(opened[0]) for n in NOMINEES)
    assert not errors

    # Imported: the history keeps the documents, "Mở" opens the stored copy.
    monkeypatch.setattr(SyncReportDialog, "ask", classmethod(lambda _c, _p, _o: None))
    qtbot.mouseClick(it.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: it.entries[0].outcome is not None, timeout=20_000)
    idle(qtbot, window)
    history = page.history_tab
    page.tabs.setCurrentWidget(history)
    # the package received, and the receipt written for the commune (no documents)
    qtbot.waitUntil(lambda: history.model.rowCount() == 2, timeout=20_000)
    assert not history.documents_box.isVisible()
    directions = [history.table.model().index(r, 1).data() for r in range(2)]
    history.table.selectRow(directions.index("Gửi đi"))
    assert not history.documents_box.isVisible()
    history.table.selectRow(directions.index("Nhận về"))
    assert history.documents_box.isVisible()
    assert [r[0] for r in rows_of(history.documents_box)] == [r[0] for r in rows]
    _save_shot(window, tmp_path, "sync-history-documents")
    opened.clear()
    qtbot.mouseClick(history.documents_box.open_buttons()[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    assert opened[0].is_file() and "Hội đồng" in opened[0].name
    assert all(n in text_of(opened[0]) for n in NOMINEES)

    # The kept file lost (and its copy gone): a Vietnamese box, no exception.
    doc = history.documents_box.documents[2]
    stored_path(province.services.paths.attachments, doc.sha256).unlink()
    opened.clear()
    for copy in province.services.paths.data.rglob(doc.file_name):
        copy.unlink()
    qtbot.mouseClick(history.documents_box.open_buttons()[2], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
    assert "không còn trong thư mục dữ liệu" in errors[0] and not opened


def test_many_documents_scroll_inside_the_box(qtbot: Any) -> None:
    """Forty signed scans do not push the page apart: the box stays about five rows tall and
    its rows scroll; every row is still there with its own "Mở"."""
    from desktop.api.sync import PackageDocument
    from desktop.views.pages.sync_documents import DocumentsBox

    box = DocumentsBox()
    qtbot.addWidget(box)
    docs = [PackageDocument(f"{n:064x}", f"Bản ký số {n}.pdf", f"Tờ trình số {n} (bản ký)", 5000)
            for n in range(40)]
    box.set_documents(docs)
    box.resize(320, box.sizeHint().height())
    box.show()
    qtbot.waitExposed(box)
    assert len(box.open_buttons()) == 40
    assert box.sizeHint().height() <= 400  # forty rows unboxed would be ~2,000 px
    assert box.scroll_area.verticalScrollBar().maximum() > 0
    assert box.shown_texts()[39].startswith("Tờ trình số 39 (bản ký)")
    box.set_documents(docs[:1])
    assert len(box.open_buttons()) == 1 and box.isVisibleTo(box.parentWidget() or box)


def test_decisions_down_carry_the_decision_document(qtbot: Any, tmp_path: Path,
                                                    open_window: Any,  # noqa: F811
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The province's export tab, sending a signed decision down: "Kèm văn bản quyết định"
    is shown and ticked, the plan lists the decision, the officer adds the signed scan; the
    commune's import preview lists both."""
    down = province_signs_for_commune(tmp_path / "offices", NOMINEES)
    window = open_window(down.province)
    page = sync_page(qtbot, window)
    tab_ = page.export_tab
    page.tabs.setCurrentWidget(tab_)
    assert tab_.down_radio.isChecked()  # the province has no upper level
    boxes = widgets_showing(tab_, QCheckBox, "Kèm văn bản quyết định")
    assert len(boxes) == 1 and boxes[0].isChecked() and boxes[0].isVisible()
    upward = widgets_showing(tab_, QCheckBox, "Kèm tờ trình và biên bản họp hội đồng")
    assert len(upward) == 1 and not upward[0].isVisible()
    tab_.recipient_combo.setCurrentIndex(tab_.recipient_combo.findData(down.commune_uuid))
    title = f"Quyết định khen thưởng số {down.decision_number}"
    qtbot.waitUntil(lambda: tab_.write_button.isEnabled(), timeout=20_000)
    assert f"Văn bản kèm theo: {title}." in tab_.summary_label.text()

    scan = tmp_path / "QD khen thuong (ban ky).pdf"
    scan.write_bytes(b"%PDF-1.4 signed decision " + b"z" * 3000)
    monkeypatch.setattr(PackageFiles, "documents", classmethod(lambda _c, _p, _f: [scan]))
    qtbot.mouseClick(widgets_showing(tab_, QPushButton, "Thêm tệp đính kèm…")[0],
                     Qt.MouseButton.LeftButton)
    assert tab_.extra_files == [scan] and tab_.extra_list.isVisible()
    qtbot.waitUntil(lambda: tab_.write_button.isEnabled()
                    and "QD khen thuong (ban ky)" in tab_.summary_label.text(), timeout=20_000)
    assert title in tab_.summary_label.text()
    _save_shot(window, tmp_path, "sync-export-decision-documents")
    target = tmp_path / "usb" / "xuong_xbl.tdkt"
    monkeypatch.setattr(PackageFiles, "save", classmethod(lambda _c, _p, _s: target))
    qtbot.mouseClick(widgets_showing(tab_, QPushButton, "Ghi gói…")[0],
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab_.result_box.isVisible(), timeout=20_000)
    with zipfile.ZipFile(target) as zf:
        listed = json.loads(zf.read("manifest.json"))["documents"]
    assert [d["title"] for d in listed] == [title, "QD khen thuong (ban ky)"]

    # The scan chosen for the decision does not follow into an upward package.
    tab_.up_radio.setChecked(True)
    assert tab_.extra_files == [] and not tab_.extra_list.isVisible()
    assert upward[0].isVisible() and not boxes[0].isVisible()

    trust_sender(down.commune, target)
    commune_window = open_window(down.commune)
    commune_page = sync_page(qtbot, commune_window)
    it = commune_page.import_tab
    commune_page.tabs.setCurrentWidget(it)
    it.add_paths([target])
    qtbot.waitUntil(lambda: bool(it.entries) and it.entries[0].ready, timeout=20_000)
    idle(qtbot, commune_window)
    assert it.documents_box.isVisible()
    assert [r[0] for r in rows_of(it.documents_box)] == [title, "QD khen thuong (ban ky)"]
