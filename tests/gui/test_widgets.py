"""Small widgets: the unit picker searches as you type (tones optional), the optional date,
the debounced search box, and form errors beside their fields."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop.domain.errors import FieldProblem
from desktop.views.widgets.date_edit import OptionalDateEdit
from desktop.views.widgets.form import ValidatedForm
from desktop.views.widgets.search_box import SearchBox
from desktop.views.widgets.unit_picker import UnitPicker

pytestmark = pytest.mark.gui


def test_unit_picker_lists_matches_and_picks(qtbot: Any, services: Any) -> None:
    picker = UnitPicker(services.units.search)
    qtbot.addWidget(picker)
    changes: list[object] = []
    picker.unit_changed.connect(changes.append)
    qtbot.keyClicks(picker, "na tam")
    qtbot.waitUntil(lambda: picker._model.rowCount() == 2, timeout=3000)
    labels = picker._model.stringList()
    assert "Ủy ban nhân dân xã Nà Tăm (NATAM)" in labels
    picker._on_activated("Ủy ban nhân dân xã Nà Tăm (NATAM)")
    assert picker.unit.code == "NATAM" and changes[-1] == picker.unit_id
    qtbot.keyClicks(picker, "x")  # editing again forgets the choice until a unit is picked
    assert picker.unit_id is None and changes[-1] is None


def test_unit_picker_resolves_an_exact_code(qtbot: Any, services: Any) -> None:
    picker = UnitPicker(services.units.search)
    qtbot.addWidget(picker)
    picker.setText("tanphong")
    picker.resolve_typed_text()
    assert picker.unit is not None and picker.unit.code == "TANPHONG"
    assert picker.text() == "Ủy ban nhân dân phường Tân Phong (TANPHONG)"


def test_optional_date(qtbot: Any) -> None:
    edit = OptionalDateEdit()
    qtbot.addWidget(edit)
    assert edit.date() is None and not edit.edit.isEnabled()
    edit.set_date(date(1990, 5, 17))
    assert edit.date() == date(1990, 5, 17)
    assert edit.edit.text() == "17/05/1990"
    edit.unknown.setChecked(True)
    assert edit.date() is None


def test_search_box_debounces(qtbot: Any) -> None:
    box = SearchBox(debounce_ms=50)
    qtbot.addWidget(box)
    sent: list[str] = []
    box.search_requested.connect(sent.append)
    qtbot.keyClicks(box, "huong")
    assert sent == [] and box.pending
    qtbot.waitUntil(lambda: sent == ["huong"], timeout=2000)


def test_form_shows_each_problem_beside_its_field(qtbot: Any) -> None:
    from PySide6.QtWidgets import QLineEdit, QWidget

    host = QWidget()
    qtbot.addWidget(host)
    form = ValidatedForm(host)
    name, code = QLineEdit(host), QLineEdit(host)
    form.add_row("name", "Tên", name)
    form.add_row("code", "Mã", code)
    form.show_problems([FieldProblem("code", "Mã đơn vị", "không được chứa dấu cách"),
                        FieldProblem("other", "Khác", "lỗi chung")])
    assert form.error_text("code") == "không được chứa dấu cách"
    assert form.error_text("name") == ""
    assert "lỗi chung" in form.summary.text() and "Mã đơn vị" in form.summary.text()
    form.clear()
    assert form.error_text("code") == "" and form.summary.isHidden()
