"""Tổng quan over the small demo: figures read in the background, each figure a link to the
filtered list behind it, and the page at the common office screen size (1366×768) rendered to
PNG for a human to look at (``TDKT_SCREENSHOTS=<folder>``; always in the test's tmp folder)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel

from desktop.api.overview import CheckReason
from desktop.app import ServiceBackend
from desktop.domain.enums import ConditionStatus, NominationStatus
from desktop.paths import AppPaths
from desktop.services import Services
from desktop.settings import UiSettings
from desktop.views.main_window import MainWindow
from desktop.views.messages import Messages
from desktop.views.pages.overview import OverviewPage, deadline_text, money_text
from desktop.views.widgets.enum_combo import enum_data
from desktop.views.widgets.figures import ElidedLabel

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: Any, demo_services: Services, paths: AppPaths) -> Iterator[MainWindow]:
    """The demo with an open round of 300 nominations checked once (so some are "Cần kiểm
    tra")."""
    from desktop.services.demo_round import build_demo_round

    made = build_demo_round(demo_services.db, year=2026, size=300)
    demo_services.eligibility.check_round(made.round_id)
    main = MainWindow(ServiceBackend(demo_services), UiSettings(paths.config))
    main.runner.show_error = Messages.error
    qtbot.addWidget(main)
    main.resize(QSize(1366, 768))
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.runner.wait_for_done(10_000)
    QApplication.processEvents()


def _overview(qtbot: Any, window: MainWindow) -> OverviewPage:
    page = window.navigate("overview")
    assert isinstance(page, OverviewPage)
    qtbot.waitUntil(lambda: page.summary is not None and not window.runner.busy, timeout=20_000)
    for _ in range(3):
        QApplication.processEvents()
    return page


def test_a_status_bar_opens_the_round_filtered_by_that_status(qtbot: Any,
                                                             window: MainWindow) -> None:
    page = _overview(qtbot, window)
    assert page.summary is not None and page.summary.rounds
    glance = page.summary.rounds[0]
    box = page.round_boxes[glance.round_id]
    row = len(glance.by_status) - 1  # the last status shown
    status, count = glance.by_status[row]
    box.chart.ensurePolished()
    qtbot.mouseClick(box.chart, Qt.MouseButton.LeftButton,
                     pos=QPoint(box.chart.width() // 2, box.chart.row_centre(row)))
    rounds = window.pages["rounds"]
    assert window.current_key == "rounds"
    assert rounds.round.id == glance.round_id
    assert enum_data(rounds.status_filter, NominationStatus) is status
    assert enum_data(rounds.eligibility_filter, ConditionStatus) is None
    qtbot.waitUntil(lambda: not window.runner.busy and rounds.model.total == count,
                    timeout=20_000)


def test_to_check_opens_the_list_of_nominations_to_check(qtbot: Any,
                                                         window: MainWindow) -> None:
    page = _overview(qtbot, window)
    assert page.summary is not None
    glance = next(r for r in page.summary.rounds if r.to_check)
    box = page.round_boxes[glance.round_id]
    # the reasons arrive from the eligibility engine after the figures
    def reasons() -> list[str]:
        return [w.text() for w in box.findChildren(QLabel)
                if any(r.label in w.text() for r in CheckReason)]

    qtbot.waitUntil(lambda: bool(reasons()), timeout=20_000)
    # the demo's unregistered nominations are among them, with their number
    assert any(CheckReason.REGISTRATION.label + ": " in text for text in reasons())
    assert box.check_button.text().startswith(str(glance.to_check))
    qtbot.mouseClick(box.check_button, Qt.MouseButton.LeftButton)
    rounds = window.pages["rounds"]
    assert window.current_key == "rounds"
    assert enum_data(rounds.eligibility_filter, ConditionStatus) is ConditionStatus.CHECK
    assert enum_data(rounds.status_filter, NominationStatus) is None
    qtbot.waitUntil(lambda: not window.runner.busy and rounds.model.total == glance.to_check,
                    timeout=20_000)


def test_the_overview_at_office_screen_size(qtbot: Any, window: MainWindow,
                                            tmp_path: Path) -> None:
    page = _overview(qtbot, window)
    qtbot.waitUntil(lambda: not any(
        label.text() == "Đang tìm lý do…" for label in page.findChildren(QLabel)),
        timeout=20_000)
    folders = [tmp_path]
    if os.environ.get("TDKT_SCREENSHOTS"):
        folders.append(Path(os.environ["TDKT_SCREENSHOTS"]))
    for size in (QSize(1366, 768), QSize(1366, 697)):
        window.resize(size)
        for _ in range(3):
            QApplication.processEvents()
        image = window.grab()
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"overview_{size.width()}x{size.height()}.png"
            assert image.save(str(path)), path
            assert path.stat().st_size > 5_000
    # nothing Vietnamese cut off: every label gets the width its text needs (wrapping ones
    # the height)
    for label in page.findChildren(QLabel):
        if isinstance(label, ElidedLabel):  # a path cut in its middle on purpose
            continue
        if label.isVisibleTo(page) and label.text() and not label.wordWrap():
            assert label.width() >= label.sizeHint().width() - 1, label.text()


def test_money_and_deadlines_read_the_vietnamese_way() -> None:
    assert money_text(1_234_500_000_000) == "1.234,5 tỷ đồng"
    assert money_text(143_470_000) == "143,5 triệu đồng"
    assert money_text(950_000) == "950.000 ₫"
    assert deadline_text("Hạn nộp hồ sơ", 13, "15/12/2026", late_is_bad=True) == (
        "Hạn nộp hồ sơ: 15/12/2026 (còn 13 ngày)", "")
    text, style = deadline_text("Hạn nộp hồ sơ", -2, "30/11/2026", late_is_bad=True)
    assert text == "Hạn nộp hồ sơ: 30/11/2026 (quá hạn 2 ngày)" and "b00020" in style
    text, style = deadline_text("Hạn đăng ký", -277, "28/02/2026", late_is_bad=False)
    assert text == "Hạn đăng ký: 28/02/2026 (đã hết hạn 277 ngày)" and "b00020" not in style


def test_a_bloc_with_sheets_to_move_opens_on_the_blocs_page(qtbot: Any,
                                                             window: MainWindow) -> None:
    page = _overview(qtbot, window)
    assert page.summary is not None
    pending = next(b for b in page.summary.blocs if b.not_submitted or b.awaiting_review)
    link = next(label for label in page.blocs_box.findChildren(QLabel)
                if pending.name in label.text())
    assert "chưa gửi" in link.text() or "chờ khối chấm" in link.text()
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=QPoint(12, link.height() // 2))
    assert window.current_key == "blocs"
    blocs = window.pages["blocs"]
    assert blocs.bloc is not None and blocs.bloc.id == pending.bloc_id
