"""The rounds page as the officer sees it at 1366×697 over the demo: the pane on the right says
what it is for before a nomination is chosen, award names are whole (column or tooltip), and
the menu buttons' arrows sit beside their text, not over it. Rendered to PNG (also into
``TDKT_SCREENSHOTS`` when set) for a human to look at."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QStyle

from desktop.app import ServiceBackend
from desktop.settings import UiSettings
from desktop.views.main_window import MainWindow
from desktop.views.messages import Messages
from desktop.views.pages.rounds import AWARD_SAMPLE

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: Any, demo_services: Any, paths: Any) -> Any:
    shown = MainWindow(ServiceBackend(demo_services), UiSettings(paths.config))
    shown.runner.show_error = Messages.error
    qtbot.addWidget(shown)
    shown.resize(QSize(1366, 697))
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.runner.wait_for_done(10_000)
    QApplication.processEvents()


def settled(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15_000)
    for _ in range(3):
        QApplication.processEvents()


def save(window: Any, tmp_path: Path, name: str) -> None:
    folders = [tmp_path]
    if os.environ.get("TDKT_SCREENSHOTS"):
        folders.append(Path(os.environ["TDKT_SCREENSHOTS"]))
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(folder / f"{name}.png"))


@pytest.mark.parametrize("collapsed", [False, True], ids=["full", "icons"])
def test_rounds_page_at_office_size(qtbot: Any, window: Any, tmp_path: Path,
                                    collapsed: bool) -> None:
    window.set_sidebar_collapsed(collapsed)
    page = window.navigate("rounds")
    settled(qtbot, window)
    save(window, tmp_path, f"{'icons' if collapsed else 'full'}-rounds")
    assert page.model.rowCount() > 0

    # Nothing selected: the pane says what choosing a nomination shows.
    hint = page.explanation.toPlainText()
    assert "Chọn một đề nghị" in hint and "căn cứ pháp lý" in hint

    # Award names: the column holds a long one; any name is whole in the tooltip.
    table, header = page.table, page.table.horizontalHeader()
    assert header.sectionSize(1) >= table.fontMetrics().horizontalAdvance(AWARD_SAMPLE)
    assert header.sectionSize(0) >= 180  # the subject keeps room for a name
    assert not table.horizontalScrollBar().isVisible()
    for row in range(page.model.rowCount()):
        award = page.model.row_object(row).award_name
        assert page.model.data(page.model.index(row, 1), Qt.ItemDataRole.ToolTipRole) == award

    # Menu buttons: room for the text and the arrow side by side.
    indicator = page.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator)
    for button in (page.move_button, page.document_button, page.decision.document_button):
        assert isinstance(button, QPushButton) and button.menu() is not None
        text = button.fontMetrics().horizontalAdvance(button.text())
        assert button.sizeHint().width() >= text + indicator, button.text()
        if button.isVisible():
            assert button.width() >= text + indicator, button.text()

    # Choosing a nomination shows its explanation; a new filter (nothing chosen) the hint.
    page.table.selectRow(0)
    name = page.model.row_object(0).subject_name
    qtbot.waitUntil(lambda: name in page.explanation.toPlainText(), timeout=10_000)
    settled(qtbot, window)
    save(window, tmp_path, f"{'icons' if collapsed else 'full'}-rounds-selected")
    page.status_filter.setCurrentIndex(1)
    settled(qtbot, window)
    qtbot.waitUntil(lambda: "Chọn một đề nghị" in page.explanation.toPlainText(), timeout=10_000)
