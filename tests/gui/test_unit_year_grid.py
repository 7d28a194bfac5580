"""Xếp loại & đăng ký theo đơn vị, driven from the Units page: type a rating like in a sheet,
paste a 2×2 block from the clipboard, save, and find the records through the services; a bad
cell shows its reason and nothing is saved; the last save is undone."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QDialog

from desktop.api.records import Subject
from desktop.api.unit_year import COLUMNS, GridColumn
from desktop.domain.enums import RatingLevel
from desktop.services import Services

YEAR = 2026
RATING = COLUMNS.index(GridColumn.RATING)
TITLE = COLUMNS.index(GridColumn.REGISTRATION)


@pytest.fixture
def grid_dialog(qtbot: Any, main_window: Any, services: Services, sample_people: list[Any],
                find_unit: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The grid of NATAM opened from the Units page's button (its modal loop stood in for)."""
    from desktop.views.dialogs.unit_year_dialog import UnitYearDialog

    opened: list[UnitYearDialog] = []

    def show(dialog: QDialog) -> int:
        assert isinstance(dialog, UnitYearDialog)
        opened.append(dialog)
        dialog.show()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", show)
    page = main_window.navigate("units")
    tam = find_unit("NATAM")
    page.reveal(tam.id)
    qtbot.waitUntil(lambda: page.current_unit() is not None
                    and page.current_unit().id == tam.id, timeout=10_000)
    assert page.unit_year_button.isEnabled()
    qtbot.mouseClick(page.unit_year_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    dialog = opened[0]
    dialog.year.setValue(YEAR)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=10_000)
    yield dialog
    dialog.close()


def _names(dialog: Any) -> list[str]:
    return [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]


def _go(dialog: Any, index: Any) -> None:
    """Click-like: only this cell selected and current."""
    dialog.table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def _type(qtbot: Any, dialog: Any, row: int, column: int, text: str) -> None:
    """As an officer types in a sheet: the first key opens the cell's editor (the view hands
    it that key), the rest is typed into the editor, Enter commits. The editor is taken from
    the view, not from the keyboard focus (which depends on the window manager activating the
    dialog in time)."""
    table = dialog.table
    index = dialog.model.index(row, column)
    _go(dialog, index)
    qtbot.keyClicks(table, text[:1])
    combo = table.indexWidget(index)
    assert isinstance(combo, QComboBox), "the first key did not open the cell's editor"
    line = combo.lineEdit()
    qtbot.keyClicks(line, text[1:])
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.indexWidget(index) is None, timeout=5_000)


def test_type_paste_save_and_undo(qtbot: Any, grid_dialog: Any, services: Services,
                                  find_unit: Any, tmp_path: Path) -> None:
    dialog = grid_dialog
    tam = find_unit("NATAM")
    # NATAM's people in Vietnamese name order, then the commune itself
    assert _names(dialog) == ["Giàng A Dủa", "Nguyễn Văn Đức", "Lê Thị Hường", tam.name]
    people = {r.name: r.person_id for r in dialog.model.grid.rows if r.person_id}

    _type(qtbot, dialog, 0, RATING, "hoan thanh tot")
    assert dialog.model.index(0, RATING).data() == "Hoàn thành tốt nhiệm vụ"

    QGuiApplication.clipboard().setText("Xuất sắc\tCSTĐ cơ sở\r\nHTNV\tLĐTT\r\n")
    _go(dialog, dialog.model.index(1, RATING))
    dialog.table.setFocus()
    qtbot.keySequence(dialog.table, QKeySequence.StandardKey.Paste)
    assert dialog.model.index(2, TITLE).data() == "LĐTT"
    assert len(dialog.model.changes()) == 5
    assert dialog.save_button.isEnabled()
    _shot(dialog, tmp_path / "unit_year.png")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.model.dirty and dialog.undo_button.isEnabled(),
                    timeout=10_000)
    level = {name: [r.level for r in services.ratings.for_subject(Subject(person_id=pid))]
             for name, pid in people.items()}
    assert level["Giàng A Dủa"] == [RatingLevel.GOOD]
    assert level["Nguyễn Văn Đức"] == [RatingLevel.EXCELLENT]
    assert level["Lê Thị Hường"] == [RatingLevel.COMPLETED]
    registered = {(r.subject_name, r.award_code)
                  for r in services.registrations.for_unit(tam.id, YEAR)}
    assert registered == {("Nguyễn Văn Đức", "CSTDCS"), ("Lê Thị Hường", "LDTT")}

    # Wait for the grid to show the undone year: the write's result reaching the dialog, not
    # the database (committed on the writer thread before the dialog hears of it), nor the
    # undo button (disabled while the write runs).
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.index(1, RATING).data() == "", timeout=10_000)
    assert not dialog.undo_button.isEnabled() and not dialog.model.dirty
    assert dialog.model.index(0, RATING).data() == ""
    assert services.registrations.for_unit(tam.id, YEAR) == []
    assert services.ratings.for_subject(Subject(person_id=people["Nguyễn Văn Đức"])) == []


def test_a_bad_cell_shows_its_reason_and_nothing_is_saved(qtbot: Any, grid_dialog: Any,
                                                          services: Services,
                                                          find_unit: Any) -> None:
    dialog = grid_dialog
    tam = find_unit("NATAM")
    _type(qtbot, dialog, 1, RATING, "HTXSNV")
    unit_row = dialog.model.rowCount() - 1
    QGuiApplication.clipboard().setText("Tốt\tLĐTT\n")  # LĐTT is not a title for a unit
    _go(dialog, dialog.model.index(unit_row, RATING))
    dialog.table.setFocus()
    qtbot.keySequence(dialog.table, QKeySequence.StandardKey.Paste)

    reason = dialog.model.index(unit_row, TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert reason and "không phải danh hiệu tập thể đăng ký được năm 2026" in reason
    assert dialog.refused_list.isVisible()
    listed = [dialog.refused_list.item(i).text() for i in range(dialog.refused_list.count())]
    assert listed == [f"{tam.name} – Danh hiệu đăng ký: {reason}"]
    assert not dialog.save_button.isEnabled()
    dialog.save()  # even when asked, nothing is written while a cell is refused
    QApplication.processEvents()
    assert services.ratings.for_subject(Subject(unit_id=tam.id)) == []
    assert all(services.ratings.for_subject(Subject(person_id=r.person_id)) == []
               for r in dialog.model.grid.rows if r.person_id)

    # Cleared, the grid saves what is left
    _go(dialog, dialog.model.index(unit_row, TITLE))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert dialog.model.refusals() == [] and dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.model.dirty, timeout=10_000)
    assert [r.level for r in services.ratings.for_subject(Subject(unit_id=tam.id))] == [
        RatingLevel.GOOD]


def _shot(dialog: Any, path: Path) -> None:
    """At office size (1366×697), for a look by eye (TDKT_SHOTS keeps a copy)."""
    dialog.resize(1366, 697)
    QApplication.processEvents()
    dialog.grab().save(str(path))
    keep = os.environ.get("TDKT_SHOTS")
    if keep:
        dialog.grab().save(str(Path(keep) / path.name))
