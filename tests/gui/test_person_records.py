"""The person editor's record tabs, driven from the People page: a position with the head flag,
a rating and an initiative added through their forms, a delete undone, and a bad input refused
with a Vietnamese message under the field while nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.api.records import Subject
from desktop.domain.enums import InitiativeScope, RatingLevel
from desktop.views.dialogs.person_dialog import PersonDialog
from desktop.views.dialogs.record_editors import RecordEditor

pytestmark = pytest.mark.gui


def _tab(dialog: PersonDialog, title: str) -> Any:
    texts = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    index = texts.index(title)
    dialog.tabs.setCurrentIndex(index)
    return dialog.tabs.widget(index)


def _save(qtbot: Any, editor: RecordEditor) -> None:
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.saving, timeout=10_000)


def test_records_are_added_deleted_undone_and_refused(
        qtbot: Any, main_window: Any, services: Any, sample_people: list[Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    person = sample_people[2]  # Lò Văn Páo, Trưởng bản
    subject = Subject(person_id=person.id)
    fills: list[Callable[[RecordEditor], None]] = []
    seen: dict[str, Any] = {}

    def ask(editor: RecordEditor) -> bool:
        qtbot.addWidget(editor)
        fills.pop(0)(editor)
        return editor.result() == editor.DialogCode.Accepted

    monkeypatch.setattr(RecordEditor, "ask", ask)

    def position(editor: Any) -> None:
        editor.title_edit_box.setText("Trưởng thôn")
        editor.is_head.setChecked(True)
        editor.start.set_date(date(2020, 1, 1))
        _save(qtbot, editor)

    def rating(editor: Any) -> None:
        editor.year.setValue(2025)
        editor.level.setCurrentIndex(editor.level.findData(RatingLevel.EXCELLENT.value))
        _save(qtbot, editor)

    def bad_initiative(editor: Any) -> None:
        editor.year.setValue(2025)
        editor.scope.setCurrentIndex(editor.scope.findData(InitiativeScope.UNIT.value))
        editor.number.setText("15/QĐ-UBND")
        _save(qtbot, editor)  # no title
        seen["title_error"] = editor.form.error_text("title")
        seen["summary"] = editor.form.summary.text()
        seen["still_open"] = editor.result() != editor.DialogCode.Accepted
        seen["count_after_error"] = len(services.initiatives.for_subject(subject))
        editor.title_box.setText("Sổ tay điện tử quản lý bản")
        _save(qtbot, editor)

    def taken_year(editor: Any) -> None:
        editor.year.setValue(2025)
        editor.level.setCurrentIndex(editor.level.findData(RatingLevel.GOOD.value))
        _save(qtbot, editor)
        seen["year_error"] = editor.form.error_text("year")
        editor.reject()

    def drive(cls: type[PersonDialog], parent: Any, backend_: Any, **kwargs: Any) -> Any:
        dialog = cls(parent, backend_, **kwargs)
        qtbot.addWidget(dialog)
        positions = _tab(dialog, "Chức vụ")
        fills.append(position)
        qtbot.mouseClick(positions.add_button, Qt.MouseButton.LeftButton)
        seen["positions"] = [(r.title, r.is_head) for r in positions.model.rows]
        seen["head_note"] = dialog.head_note.text()

        ratings = _tab(dialog, "Xếp loại")
        fills.extend([rating, taken_year])
        qtbot.mouseClick(ratings.add_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(ratings.add_button, Qt.MouseButton.LeftButton)
        seen["ratings"] = [r.level for r in ratings.model.rows]

        initiatives = _tab(dialog, "Sáng kiến")
        fills.append(bad_initiative)
        qtbot.mouseClick(initiatives.add_button, Qt.MouseButton.LeftButton)
        seen["initiatives"] = [r.title for r in initiatives.model.rows]

        # Delete the rating, then undo.
        _tab(dialog, "Xếp loại")
        ratings.table.selectRow(0)
        qtbot.mouseClick(ratings.delete_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: ratings.model.rowCount() == 0, timeout=10_000)
        seen["deleted_message"] = ratings.message.text()
        seen["after_delete"] = services.ratings.for_subject(subject)
        qtbot.mouseClick(ratings.undo_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: ratings.model.rowCount() == 1, timeout=10_000)
        seen["undo_enabled"] = ratings.undo_button.isEnabled()

        # The general form still saves over the person (the head flag changed meanwhile).
        dialog.note_edit.setPlainText("Có hồ sơ đầy đủ")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
        return dialog.saved

    monkeypatch.setattr(PersonDialog, "ask", classmethod(drive))
    page = main_window.navigate("people")
    qtbot.waitUntil(lambda: not page.model.busy and page.model.rowCount() == 5, timeout=10_000)
    row = next(r for r in range(page.model.rowCount())
               if page.model.person(r).id == person.id)
    page.table.selectRow(row)
    page.edit_person()

    assert seen["positions"] == [("Trưởng thôn", True)]
    assert seen["head_note"] == "Người đứng đầu đơn vị hiện nay"
    assert seen["ratings"] == [RatingLevel.EXCELLENT]
    assert seen["year_error"].startswith("người này đã có xếp loại năm 2025")
    assert seen["title_error"] == "không được để trống"
    assert "Tên sáng kiến" in seen["summary"] and seen["still_open"]
    assert seen["count_after_error"] == 0
    assert seen["initiatives"] == ["Sổ tay điện tử quản lý bản"]
    assert "Đã xóa" in seen["deleted_message"] and seen["after_delete"] == []
    assert seen["undo_enabled"] is False
    stored = services.people.get(person.id)
    assert stored.is_unit_head is True and stored.note == "Có hồ sơ đầy đủ"
    assert [r.level for r in services.ratings.for_subject(subject)] == [RatingLevel.EXCELLENT]
    assert [r.title for r in services.initiatives.for_subject(subject)] == [
        "Sổ tay điện tử quản lý bản"]


def test_a_new_person_has_records_after_saving(qtbot: Any, backend: Any) -> None:
    dialog = PersonDialog(None, backend)
    qtbot.addWidget(dialog)
    tab = _tab(dialog, "Khen thưởng đã có")
    assert "sau khi lưu" in tab.placeholder.text()
    assert not hasattr(tab, "table")


def test_the_people_list_is_read_again_after_a_position_even_when_cancelled(
        qtbot: Any, main_window: Any, services: Any, sample_people: list[Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    person = sample_people[2]  # Lò Văn Páo, not the head of his unit yet
    page = main_window.navigate("people")
    qtbot.waitUntil(lambda: not page.model.busy and page.model.rowCount() == 5, timeout=10_000)

    def shown(row: int) -> str:
        return str(page.model.index(row, 0).data() or "")

    def head_tooltip() -> Any:
        row = next(r for r in range(page.model.rowCount()) if shown(r) == "Lò Văn Páo")
        return page.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)

    assert head_tooltip() is None

    def position(editor: Any) -> bool:
        qtbot.addWidget(editor)
        editor.title_edit_box.setText("Trưởng bản")
        editor.is_head.setChecked(True)
        editor.start.set_date(date(2021, 1, 1))
        _save(qtbot, editor)
        return editor.result() == editor.DialogCode.Accepted

    monkeypatch.setattr(RecordEditor, "ask", position)
    cancelled: list[PersonDialog] = []

    def drive(cls: type[PersonDialog], parent: Any, backend_: Any, **kwargs: Any) -> Any:
        dialog = cls(parent, backend_, **kwargs)
        qtbot.addWidget(dialog)
        positions = _tab(dialog, "Chức vụ")
        qtbot.mouseClick(positions.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: positions.model.rowCount() == 1, timeout=10_000)
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # "Hủy"
        cancelled.append(dialog)
        return dialog.saved if dialog.result() == dialog.DialogCode.Accepted else None

    monkeypatch.setattr(PersonDialog, "ask", classmethod(drive))
    row = next(r for r in range(page.model.rowCount()) if shown(r) == "Lò Văn Páo")
    page.table.selectRow(row)
    page.edit_person()

    assert cancelled and cancelled[0].saved is None and cancelled[0].records_changed
    assert services.people.get(person.id).is_unit_head is True
    qtbot.waitUntil(lambda: not page.model.busy and head_tooltip() == "Người đứng đầu đơn vị",
                    timeout=10_000)
    assert page.current_person() is not None and page.current_person().id == person.id
