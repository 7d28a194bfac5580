"""The people page: add with CCCD validation, tone-insensitive search-as-you-type, SQL sorting,
unit filter, delete → trash → restore, and undo."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from desktop.api.people import PeopleQuery
from desktop.views.dialogs.person_dialog import PersonDialog
from desktop.views.messages import Messages

pytestmark = pytest.mark.gui


def names(page: Any) -> list[str]:
    """The names shown, once the list has finished loading in the background."""
    wait_for(lambda: not page.model.busy)
    return [page.model.person(r).full_name for r in range(page.model.rowCount())]


def idle(qtbot: Any, window: Any) -> None:
    """Writes run on the runner's writer thread: wait until they (and the reloads after them)
    are done."""
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10_000)


def wait_for(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the people list did not finish loading"
        QApplication.processEvents()
        time.sleep(0.002)


def test_add_person_invalid_cccd_then_fixed(qtbot: Any, main_window: Any, backend: Any,
                                            find_unit: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    page = main_window.navigate("people")
    tam = find_unit("NATAM")
    seen: dict[str, Any] = {}

    def drive(cls: type[PersonDialog], parent: Any, backend_: Any, **kwargs: Any) -> Any:
        dialog = cls(parent, backend_, **kwargs)
        qtbot.addWidget(dialog)
        dialog.name_edit.setText("Hoàng Thị Lan")  # QTest.keyClicks is Latin-1 only
        dialog.gender_combo.setCurrentIndex(dialog.gender_combo.findData("female"))
        dialog.birth_date.set_date(date(1990, 5, 17))
        dialog.unit_picker.set_unit(tam)
        qtbot.keyClicks(dialog.citizen_id_edit, "01219000123")  # 11 digits
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.saving and not dialog.save_button.isEnabled()  # saving in the background
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # no second save
        qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
        seen["error"] = dialog.form.error_text("citizen_id")
        seen["summary"] = dialog.form.summary.text()
        seen["result_after_error"] = dialog.result()
        seen["count_after_error"] = backend.services.people.count(PeopleQuery())
        assert dialog.name_edit.text() == "Hoàng Thị Lan"  # data kept
        # The 4th digit says male (0) but the person is female: explained, still not saved.
        dialog.citizen_id_edit.setText("012090001234")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
        seen["gender_error"] = dialog.form.error_text("citizen_id")
        dialog.citizen_id_edit.setText("012190001234")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
        return dialog.saved

    monkeypatch.setattr(PersonDialog, "ask", classmethod(drive))
    page.add_button.click()
    assert "12 chữ số" in seen["error"]
    assert "Số CCCD" in seen["summary"]
    assert seen["result_after_error"] == 0
    assert seen["count_after_error"] == 0
    assert "giới tính" in seen["gender_error"]
    assert names(page) == ["Hoàng Thị Lan"]
    assert page.count_label.text() == "1 cá nhân"
    saved = backend.services.people.page(PeopleQuery(), 0, 10)[0]
    assert saved.citizen_id == "012190001234" and saved.unit_id == tam.id


@pytest.mark.parametrize(("typed", "expected"), [("duc", "Nguyễn Văn Đức"),
                                                 ("huong", "Lê Thị Hường"),
                                                 ("LO VAN", "Lò Văn Páo")])
def test_search_as_you_type_ignores_tones(qtbot: Any, main_window: Any, sample_people: Any,
                                          typed: str, expected: str) -> None:
    page = main_window.navigate("people")
    assert len(names(page)) == 5
    qtbot.keyClicks(page.search_box, typed)
    qtbot.waitUntil(lambda: names(page) == [expected], timeout=3000)
    assert page.count_label.text() == "1 cá nhân"
    page.search_box.clear()
    qtbot.waitUntil(lambda: len(names(page)) == 5, timeout=3000)


def test_header_click_sorts_in_sql(qtbot: Any, main_window: Any, sample_people: Any) -> None:
    page = main_window.navigate("people")
    header = page.table.horizontalHeader()
    assert page.model.query.sort == "name"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.viewport().rect().topLeft() + _section_center(header, 2))
    assert page.model.query.sort == "birth_date"

    def births() -> list[Any]:
        return [page.model.person(r).birth_date for r in range(page.model.rowCount())]

    # Oldest first (people without a birth date come first, as SQL orders them); a second
    # click reverses the order.
    qtbot.waitUntil(lambda: births() == [None, date(1978, 1, 20), date(1985, 3, 2),
                                         date(1990, 7, 15), date(1995, 11, 5)], timeout=3000)
    assert header.sortIndicatorSection() == 2
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.viewport().rect().topLeft() + _section_center(header, 2))
    assert page.model.query.descending
    qtbot.waitUntil(lambda: births() == [date(1995, 11, 5), date(1990, 7, 15), date(1985, 3, 2),
                                         date(1978, 1, 20), None], timeout=3000)


def _section_center(header: Any, section: int) -> Any:
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    return QPoint(x, header.height() // 2)


def test_unit_filter_and_subunits(qtbot: Any, main_window: Any, find_unit: Any,
                                  sample_people: Any) -> None:
    page = main_window.navigate("people")
    page.set_unit_filter(find_unit("TANPHONG"))
    assert sorted(names(page)) == ["Lò Văn Páo", "Trần Thị Ánh"]
    page.set_unit_filter(None)
    assert len(names(page)) == 5


def test_delete_then_restore_from_trash(qtbot: Any, main_window: Any, backend: Any,
                                        sample_people: Any,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    confirmations: list[str] = []
    monkeypatch.setattr(Messages, "confirm", classmethod(
        lambda cls, parent, text, **kw: confirmations.append(text) or True))
    page = main_window.navigate("people")
    row = names(page).index("Lê Thị Hường")
    page.table.selectRow(row)
    page.delete_button.click()
    assert "Lê Thị Hường" in confirmations[0]
    idle(qtbot, main_window)
    assert "Lê Thị Hường" not in names(page)
    assert main_window.undo_action.isEnabled()

    trash = main_window.navigate("trash")
    labels = [trash.model.row_object(r).label for r in range(trash.model.rowCount())]
    assert labels == ["Lê Thị Hường"]
    trash.table.selectRow(0)
    trash.restore_button.click()
    qtbot.waitUntil(lambda: trash.model.rowCount() == 0, timeout=10_000)
    main_window.navigate("people")
    assert "Lê Thị Hường" in names(page)


def test_multi_delete_and_undo(qtbot: Any, main_window: Any, sample_people: Any,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Messages, "confirm", classmethod(lambda cls, *a, **kw: True))
    page = main_window.navigate("people")
    assert len(names(page)) == 5
    page.table.selectAll()
    page.delete_button.click()
    idle(qtbot, main_window)
    assert names(page) == []
    assert "Ctrl+Z" in main_window.statusBar().currentMessage()
    main_window.undo_action.trigger()
    assert len(names(page)) == 5
    assert not main_window.undo_action.isEnabled()


def test_edit_person_by_double_click(qtbot: Any, main_window: Any, backend: Any,
                                     sample_people: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    page = main_window.navigate("people")

    def drive(cls: type[PersonDialog], parent: Any, backend_: Any, **kwargs: Any) -> Any:
        dialog = cls(parent, backend_, **kwargs)
        qtbot.addWidget(dialog)
        assert dialog.name_edit.text() == "Lò Văn Páo"
        assert dialog.ethnicity_combo.currentText() == "Thái"
        assert dialog.birth_date.edit.date() == QDate(1978, 1, 20)
        dialog.position_edit.setText("Bí thư chi bộ")
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
        assert dialog.form.summary.isHidden(), dialog.form.summary.text()
        return dialog.saved

    monkeypatch.setattr(PersonDialog, "ask", classmethod(drive))
    row = names(page).index("Lò Văn Páo")
    rect = page.table.visualRect(page.model.index(row, 0))
    # Qt 6 needs the first click before the double click to report doubleClicked.
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    names(page)  # the list reloads in the background after the save
    person = page.model.person(page.model.row_of(sample_people[2].id))
    assert person.position == "Bí thư chi bộ"
    assert page.table.selectionModel().isRowSelected(page.model.row_of(sample_people[2].id))
