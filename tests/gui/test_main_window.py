"""The main window: every area reachable, real data on overview/settings, tidy placeholders,
state remembered between runs, and the File menu's backup / check / restore."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize

from desktop.api.people import PeopleQuery
from desktop.views.main_window import MainWindow
from desktop.views.messages import FileDialogs, Messages
from desktop.views.pages import PAGES
from desktop.views.pages.base import PlaceholderPage

pytestmark = pytest.mark.gui


def test_sidebar_lists_every_area_in_vietnamese(main_window: Any) -> None:
    titles = [main_window.sidebar.item(i).text() for i in range(main_window.sidebar.count())]
    assert titles == ["Tổng quan", "Đơn vị", "Cá nhân", "Danh mục khen thưởng",
                      "Phong trào thi đua", "Đợt xét khen thưởng", "Khối thi đua", "Văn bản",
                      "Đồng bộ (gói dữ liệu)", "Báo cáo", "Thùng rác", "Sao lưu",
                      "Cài đặt"]


def test_every_page_opens_with_its_title_and_content(main_window: Any) -> None:
    """Each sidebar row shows its own page: headed by the row's title, with real controls (a
    blank or wrong page would not pass)."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QLineEdit

    for row, spec in enumerate(PAGES):
        main_window.sidebar.setCurrentRow(row)
        assert main_window.current_key == spec.key
        page = main_window.pages[spec.key]
        assert main_window.stack.currentWidget() is page and page.isVisible()
        title = main_window.sidebar.item(row).text()
        headings = [w.text() for w in page.findChildren(QLabel) if w.isVisible()]
        assert title in headings, (spec.key, headings)
        if isinstance(page, PlaceholderPage):
            continue
        controls = [w for kind in (QAbstractButton, QAbstractItemView, QLineEdit)
                    for w in page.findChildren(kind) if w.isVisible()]
        assert len(controls) >= 2, (spec.key, controls)


def test_no_area_of_the_sidebar_is_a_placeholder(main_window: Any) -> None:
    """Every page of the sidebar is built (the last placeholder, Báo cáo, is now real)."""
    from desktop.views.pages import PAGES

    assert [spec.key for spec in PAGES if spec.module is None] == []
    for spec in PAGES:
        assert not isinstance(main_window.navigate(spec.key), PlaceholderPage), spec.key


def test_overview_shows_real_data(qtbot: Any, main_window: Any, backend: Any,
                                  sample_people: Any) -> None:
    page = main_window.navigate("overview")
    page.reload()
    assert page.office_label.text() == "Ủy ban nhân dân tỉnh Lai Châu"
    qtbot.waitUntil(lambda: not main_window.runner.busy, timeout=10_000)  # figures: background
    assert page.units_card.value.text() == "4"
    assert page.people_card.value.text() == "5"
    assert page.db_label.text() == str(backend.database_path)
    assert "Ủy ban nhân dân tỉnh Lai Châu" in main_window.office_status.text()
    assert main_window.db_status.text() == "tdkt.db"


def test_status_counts_follow_changes(main_window: Any, sample_people: Any) -> None:
    main_window.events.changed.emit("people")
    assert main_window.counts_status.text() == "4 đơn vị · 5 cá nhân"


def test_settings_page_shows_parameters_salaries_and_paths(main_window: Any,
                                                           backend: Any) -> None:
    page = main_window.navigate("settings")
    assert page.parameters_model.rowCount() > 0
    assert page.salaries_model.rowCount() > 0
    amounts = [page.salaries_model.index(r, 1).data()
               for r in range(page.salaries_model.rowCount())]
    assert all("." in a for a in amounts)  # 2.340.000 style
    assert page.path_fields["logs"].text() == str(backend.paths.logs)
    assert page.path_fields["database"].text() == str(backend.database_path)


def test_window_remembers_geometry_and_page(qtbot: Any, backend: Any, ui_settings: Any) -> None:
    first = MainWindow(backend, ui_settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(QSize(1100, 700))
    first.navigate("people").table.setColumnWidth(0, 321)
    first.splitter.setSizes([260, 840])
    first.close()
    second = MainWindow(backend, ui_settings)
    qtbot.addWidget(second)
    second.show()
    assert second.size() == QSize(1100, 700)
    assert second.current_key == "people"
    assert second.pages["people"].table.columnWidth(0) == 321
    assert second.splitter.sizes()[0] == 260
    second.runner.wait_for_done(5000)
    first.runner.wait_for_done(5000)
    assert ui_settings.path.is_file()
    assert str(ui_settings.path).startswith(str(backend.paths.config))


def test_backup_and_check_from_the_file_menu(qtbot: Any, main_window: Any, tmp_path: Path,
                                             answered_messages: dict[str, list[str]],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages are answered like real modal boxes (a nested event loop): a backup that
    succeeded once ended in the crash dialog and left the File actions greyed out."""
    target = tmp_path / "saoluu.tdkt-backup"
    infos = answered_messages["info"]
    monkeypatch.setattr(FileDialogs, "save_file", classmethod(lambda cls, *a, **k: target))
    main_window.backup_action.trigger()
    assert not main_window.backup_action.isEnabled()  # no second backup while one runs
    qtbot.waitUntil(lambda: len(infos) == 1, timeout=10_000)
    assert target.is_file() and str(target) in infos[0]
    qtbot.waitUntil(lambda: main_window.backup_action.isEnabled(), timeout=5000)
    assert main_window.verify_action.isEnabled() and main_window.restore_action.isEnabled()
    main_window.verify_action.trigger()
    qtbot.waitUntil(lambda: len(infos) == 2, timeout=10_000)
    assert "✔" in infos[1] and "✘" not in infos[1]
    qtbot.waitUntil(lambda: main_window.verify_action.isEnabled(), timeout=5000)
    assert main_window.backup_action.isEnabled() and answered_messages["error"] == []


def test_restore_from_backup(qtbot: Any, main_window: Any, backend: Any, sample_people: Any,
                             tmp_path: Path, settle: Any,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    backup = backend.backup(tmp_path / "truoc.tdkt-backup").path
    backend.services.people.delete(sample_people[0].id)
    main_window.events.changed.emit("people")
    infos: list[str] = []
    monkeypatch.setattr(FileDialogs, "open_file", classmethod(lambda cls, *a, **k: backup))
    monkeypatch.setattr(Messages, "confirm", classmethod(lambda cls, *a, **kw: True))
    monkeypatch.setattr(Messages, "info", classmethod(lambda cls, parent, text, *a: infos.append(text)))
    main_window.restore_action.trigger()
    qtbot.waitUntil(lambda: main_window.sidebar.isEnabled() and bool(infos), timeout=10_000)
    people = main_window.navigate("people")
    settle(people.model)
    assert people.model.total == 5
    assert main_window.counts_status.text().endswith("5 cá nhân")
    assert "tdkt_truoc-khoi-phuc_" in infos[0]  # where the replaced data was kept
    backend.services.people.delete(sample_people[1].id)  # the reopened database is writable
    assert backend.services.people.count(PeopleQuery()) == 4


def test_restore_is_refused_while_another_program_has_the_data_open(
        qtbot: Any, main_window: Any, backend: Any, sample_people: Any, tmp_path: Path,
        answered_messages: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """A second connection (another window, a tdkt command) holds the file: the restore is
    refused in Vietnamese, "Thử lại" is offered, nothing is replaced and the window goes on."""
    import sqlite3

    backup = backend.backup(tmp_path / "truoc.tdkt-backup").path
    backend.services.people.delete(sample_people[0].id)
    asked: list[str] = []
    monkeypatch.setattr(Messages, "busy_retry",
                        classmethod(lambda cls, parent, text: asked.append(text) or False))
    other = sqlite3.connect(backend.database_path)
    try:
        other.execute("SELECT count(*) FROM people").fetchone()
        main_window.maintenance.restore_from(backup)
        qtbot.waitUntil(lambda: bool(asked) and main_window.sidebar.isEnabled(), timeout=15_000)
    finally:
        other.close()
    assert "đang được mở ở nơi khác" in asked[0] and "TĐKT Desktop" in asked[0]
    assert answered_messages["info"] == []
    assert backend.services.people.count(PeopleQuery()) == 4  # not replaced, still usable
    assert main_window.restore_action.isEnabled()
    assert not list(backend.paths.backups.glob("tdkt_truoc-khoi-phuc_*"))


def test_backups_page_lists_backups_and_restores_one_after_confirmation(
        qtbot: Any, main_window: Any, backend: Any, sample_people: Any, settle: Any,
        answered_messages: dict[str, list[str]]) -> None:
    first = backend.backup()
    backend.services.people.delete(sample_people[0].id)
    page = main_window.navigate("backups")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.index(0, 4).data() == first.path.name
    assert "5 cá nhân" in page.model.index(0, 3).data()
    assert page.model.index(0, 1).data() == "Do cán bộ tạo"
    assert not page.restore_button.isEnabled()
    assert page.select_path(first.path) and page.restore_button.isEnabled()
    page.restore_button.click()
    qtbot.waitUntil(lambda: bool(answered_messages["info"]) and main_window.sidebar.isEnabled(),
                    timeout=15_000)
    assert first.path.name in answered_messages["confirm"][0]
    assert backend.services.people.count(PeopleQuery()) == 5
    page = main_window.navigate("backups")  # rebuilt: lists the safety copy too
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    kinds = {page.model.index(r, 1).data() for r in range(2)}
    assert kinds == {"Do cán bộ tạo", "Trước khi khôi phục"}


def test_overview_warns_when_the_last_backup_is_older_than_a_week(
        qtbot: Any, main_window: Any, backend: Any) -> None:
    import json
    import zipfile
    from datetime import datetime, timedelta

    page = main_window.navigate("overview")
    qtbot.waitUntil(lambda: page.backup_warning.isVisibleTo(page), timeout=10_000)
    assert "chưa có bản sao lưu" in page.backup_warning.text()
    old = backend.paths.backups / "tdkt_tudong-ngay_cu.tdkt-backup"
    with zipfile.ZipFile(old, "w") as zf:
        zf.writestr("manifest.json", json.dumps({
            "format": "tdkt-backup", "format_version": 1, "kind": "daily", "revision": "0008",
            "created": (datetime.now() - timedelta(days=10)).isoformat(), "counts": {}}))
    main_window.events.changed.emit("backup")
    qtbot.waitUntil(lambda: "10 ngày" in page.backup_warning.text(), timeout=10_000)
    assert page.backup_warning.isVisibleTo(page)
    backend.backup()
    main_window.events.changed.emit("backup")
    qtbot.waitUntil(lambda: not page.backup_warning.isVisibleTo(page), timeout=10_000)
    assert page.backup_label.text().startswith(datetime.now().strftime("%d/%m/%Y"))


def test_automatic_backup_on_start_once_a_day_and_on_close_only_after_changes(
        backend: Any, sample_people: Any) -> None:
    first = backend.automatic_backup("start")
    assert first is not None and first.path.is_file()
    assert backend.automatic_backup("start") is None  # once a day
    assert backend.automatic_backup("close") is None  # nothing saved since
    backend.services.people.delete(sample_people[0].id)
    closing = backend.automatic_backup("close")
    assert closing is not None and closing.kind == "close"
    assert closing.counts["people"] == 4


def test_closing_after_changes_backs_up_before_the_window_goes(
        qtbot: Any, backend: Any, ui_settings: Any, sample_people: Any) -> None:
    """The close-time backup runs while the window is still on screen (with its progress
    dialog), then the window closes by itself; a close with nothing changed is immediate."""
    window = MainWindow(backend, ui_settings, remember_state=False)
    qtbot.addWidget(window)
    window.backup_on_close = True
    window.show()
    assert backend.automatic_backup("start") is not None  # the day's backup already exists
    window.close()  # nothing changed since it opened: closes at once, no new backup
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    before = {p.name for p in backend.paths.backups.iterdir()}

    window = MainWindow(backend, ui_settings, remember_state=False)
    qtbot.addWidget(window)
    window.backup_on_close = True
    window.show()
    deleted = window.runner.task(  # a save, as the windows make them
        lambda _p, _c: backend.services.people.delete(sample_people[0].id)).run(writes=True)
    qtbot.waitUntil(lambda: deleted.done, timeout=10_000)
    window.close()
    assert window.isVisible()  # still there while the backup is written
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    made = {p.name for p in backend.paths.backups.iterdir()} - before
    assert len(made) == 1 and next(iter(made)).endswith(".tdkt-backup")
