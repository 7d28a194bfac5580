"""The units page: lazy tree, create through the dialog with inline errors, search, delete
refused while people belong to the unit, restore order explained from the trash."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop.domain.enums import UnitKind
from desktop.views.dialogs.unit_dialog import UnitDialog
from desktop.views.messages import Messages

pytestmark = pytest.mark.gui


def idle(qtbot: Any, window: Any) -> None:
    """Writes run on the runner's writer thread: wait until they (and the reads after them)
    are done."""
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10_000)


def select_unit(page: Any, code: str) -> Any:
    unit = next(u for u in page.services.units.search(code) if u.code == code)
    page.reveal(unit.id)
    assert page.current_unit().code == code
    return unit


def test_tree_shows_root_expanded(qtbot: Any, main_window: Any) -> None:
    """The office opens by itself, right after the page has painted."""
    page = main_window.navigate("units")
    model = page.tree_model
    qtbot.waitUntil(lambda: model.rowCount() == 1 and page.tree.isExpanded(model.index(0, 0)),
                    timeout=5000)
    root = model.index(0, 0)
    assert root.data() == "Ủy ban nhân dân tỉnh Lai Châu"
    assert model.rowCount(root) == 2


def test_create_unit_through_dialog(qtbot: Any, main_window: Any, backend: Any,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    page = main_window.navigate("units")
    select_unit(page, "NATAM")
    seen: dict[str, Any] = {}

    def drive(cls: type[UnitDialog], parent: Any, backend_: Any, **kwargs: Any) -> Any:
        dialog = cls(parent, backend_, **kwargs)
        qtbot.addWidget(dialog)
        assert dialog.parent_picker.unit_id == kwargs["parent_unit"].id
        assert dialog.kind_combo.currentData() == UnitKind.VILLAGE.value
        dialog.name_edit.setText("Bản Nà Tăm 2")
        dialog.code_edit.setText("NATAM1")  # already used → refused next to the field
        dialog.valid_from.set_date(date(2025, 7, 1))
        dialog.valid_to.set_date(date(2025, 1, 1))  # before the start → refused too
        dialog.save()
        assert dialog.saving and not dialog.save_button.isEnabled()  # in the background
        qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
        assert dialog.save_button.isEnabled() and dialog.result() != dialog.DialogCode.Accepted
        seen["code_error"] = dialog.form.error_text("code")
        seen["date_error"] = dialog.form.error_text("valid_to")
        seen["units_after_error"] = backend.services.units.count()
        dialog.code_edit.setText("NATAM2")
        dialog.valid_to.set_date(None)
        dialog.save()
        qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
        return dialog.saved

    monkeypatch.setattr(UnitDialog, "ask", classmethod(drive))
    before = backend.services.units.count()
    page.add_button.click()
    assert "Bản Nà Tăm 1" in seen["code_error"]
    assert "sau ngày bắt đầu" in seen["date_error"]
    assert seen["units_after_error"] == before
    assert backend.services.units.count() == before + 1
    current = page.current_unit()
    assert current.name == "Bản Nà Tăm 2" and current.valid_from == date(2025, 7, 1)
    assert page.detail_labels["path"].text().endswith("Ủy ban nhân dân xã Nà Tăm")


def test_search_shows_matches_without_tones(qtbot: Any, main_window: Any) -> None:
    page = main_window.navigate("units")
    qtbot.keyClicks(page.search_box, "tan phong")
    qtbot.waitUntil(lambda: page.left.currentWidget() is page.results, timeout=3000)
    found = [page.results_model.row_object(r).code for r in range(page.results_model.rowCount())]
    assert found == ["TANPHONG"]


def test_selecting_unit_shows_its_people(main_window: Any, sample_people: Any,
                                         settle: Any) -> None:
    page = main_window.navigate("units")
    select_unit(page, "NATAM")
    settle(page.people_model)
    assert page.people_model.total == 3
    assert "3 cá nhân" in page.people_label.text()
    page.open_people_button.click()
    people = main_window.pages["people"]
    assert main_window.current_key == "people"
    assert people.unit_filter.unit_id == page.current_unit().id
    settle(people.model)
    assert people.model.total == 3


def test_delete_refused_while_people_belong(qtbot: Any, main_window: Any, sample_people: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(Messages, "confirm", classmethod(lambda cls, *a, **kw: True))
    monkeypatch.setattr(Messages, "error", classmethod(lambda cls, parent, text, *a: errors.append(text)))
    page = main_window.navigate("units")
    select_unit(page, "TANPHONG")
    page.delete_action.trigger()
    assert not page.delete_button.isEnabled()  # while the delete runs
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert len(errors) == 1 and "2 cá nhân" in errors[0]
    assert page.delete_button.isEnabled()


def test_restore_child_before_parent_is_explained(qtbot: Any, main_window: Any, backend: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(Messages, "confirm", classmethod(lambda cls, *a, **kw: True))
    monkeypatch.setattr(Messages, "error", classmethod(lambda cls, parent, text, *a: errors.append(text)))
    page = main_window.navigate("units")
    select_unit(page, "NATAM1")
    page.delete_button.click()
    idle(qtbot, main_window)
    select_unit(page, "NATAM")
    page.delete_button.click()
    idle(qtbot, main_window)
    assert errors == []
    trash = main_window.navigate("trash")
    assert trash.model.rowCount() == 2
    village = next(u for u in trash.model.rows if u.label == "Bản Nà Tăm 1")
    assert trash.select_item("unit", village.id)
    trash.restore_button.click()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert len(errors) == 1 and "Hãy khôi phục đơn vị cấp trên" in errors[0]
    trash.table.selectAll()
    trash.restore_button.click()  # parents first: both come back
    qtbot.waitUntil(lambda: trash.model.rowCount() == 0, timeout=10_000)
    units = main_window.navigate("units")
    select_unit(units, "NATAM1")


def test_keyboard_shortcuts_are_on_the_tree(qtbot: Any, main_window: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Insert adds under the selected unit, F2 and Enter edit it, Delete asks to trash it:
    each key pressed on the tree reaches its action with the selected unit."""
    from PySide6.QtCore import Qt

    page = main_window.navigate("units")
    tam = select_unit(page, "NATAM")
    page.tree.setFocus()
    calls: list[tuple[str, Any]] = []

    def fake_ask(cls: Any, _parent: Any, _backend: Any, *, unit: Any = None,
                 parent_unit: Any = None, **_options: Any) -> None:
        calls.append(("edit", unit.code) if unit is not None else ("add", parent_unit.code))

    monkeypatch.setattr(UnitDialog, "ask", classmethod(fake_ask))
    questions: list[str] = []
    monkeypatch.setattr(Messages, "confirm",
                        classmethod(lambda cls, _p, text, **_k: questions.append(text) or False))
    for key in (Qt.Key.Key_Insert, Qt.Key.Key_F2, Qt.Key.Key_Return):
        qtbot.keyClick(page.tree, key)
    assert calls == [("add", "NATAM"), ("edit", "NATAM"), ("edit", "NATAM")]
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    assert len(questions) == 1 and tam.name in questions[0]
    assert page.current_unit().code == "NATAM"  # declined: nothing moved to the trash
    assert any(u.code == "NATAM" for u in page.services.units.search("NATAM"))


def test_people_changes_refresh_the_side_list_only(main_window: Any, backend: Any,
                                                    sample_people: Any, settle: Any) -> None:
    page = main_window.navigate("units")
    select_unit(page, "NATAM1")
    tam = page.tree_model.index_of_path(
        [u.id for u in backend.services.units.path(page.current_unit().id)][:-1])
    assert page.tree.isExpanded(tam)
    select_unit(page, "NATAM")
    settle(page.people_model)
    assert page.people_model.total == 3
    backend.services.people.delete(sample_people[0].id)
    main_window.events.changed.emit("people")
    settle(page.people_model)
    assert page.people_model.total == 2
    assert "2 cá nhân" in page.people_label.text()
    assert page.tree.isExpanded(tam) and page.current_unit().code == "NATAM"


def test_people_beside_the_tree_fit_at_office_size(qtbot: Any, main_window: Any,
                                                   sample_people: Any, settle: Any) -> None:
    """At 1366×697 with the full sidebar the side list used to scroll sideways with "Đơn vị"
    cut off: the name and the unit now share what the short columns leave."""
    from PySide6.QtWidgets import QApplication

    from desktop.views.itemmodels.people_model import SORT_KEYS

    main_window.set_sidebar_collapsed(False)
    main_window.resize(1366, 697)
    page = main_window.navigate("units")
    select_unit(page, "NATAM")
    settle(page.people_model)
    for _ in range(3):
        QApplication.processEvents()
    table, header = page.people_table, page.people_table.horizontalHeader()
    unit = SORT_KEYS.index("unit")
    assert not table.horizontalScrollBar().isVisible()
    assert header.sectionViewportPosition(unit) + header.sectionSize(unit) <= table.viewport().width()
    assert header.sectionSize(unit) >= 150 and header.sectionSize(SORT_KEYS.index("name")) >= 150
