"""The "Phong trào thi đua" page driven like an officer: a movement added with its directive,
a target added to the appendix, the appendix assigned to a commune, an actual figure typed in
the grid (and a bad one refused by name, nothing saved), a block pasted from Excel, the
head-of-unit rule switched on; the page rendered at 1366×697."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.api.movements import TargetOutcome
from desktop.domain.enums import TargetDirection, UnitKind
from desktop.services.units import UnitInput
from desktop.views.dialogs.movement_dialog import MovementDialog, TargetDialog
from desktop.views.pages import movements as movements_page

pytestmark = pytest.mark.gui


def _drive(qtbot: Any, dialog: Any) -> Any:
    qtbot.addWidget(dialog)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
    return dialog


def _type(qtbot: Any, view: Any, index: Any, text: str) -> None:
    view.setCurrentIndex(index)
    qtbot.keyClicks(view, text[0])
    editor = view.indexWidget(index)
    assert editor is not None, "typing should open the cell's editor"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_movement_target_actual_and_rule(main_window: Any, qtbot: Any, services: Any,
                                         monkeypatch: pytest.MonkeyPatch,
                                         answered_messages: dict[str, list[str]],
                                         tmp_path: Path) -> None:
    root = services.units.children(None)[0].id
    commune = services.units.create(UnitInput("Xã Bình Lư", "BLU", UnitKind.COMMUNE, root)).id
    page = main_window.navigate("movements")
    assert "No movement yet" in page.directive_label.text() or \
        "Chưa có phong trào" in page.directive_label.text()

    def new_movement(parent: Any, services_: Any, row: Any, runner: Any = None) -> Any:
        dialog = MovementDialog(services_, row, parent, runner=runner)
        dialog.name_edit.setText("Phong trào thi đua năm 2026")
        dialog.year_spin.setValue(2026)
        dialog.number_edit.setText("CT 05")  # wrong form: refused under its field
        _drive(qtbot, dialog)
        assert dialog.saved is None
        assert "không đúng dạng số/ký hiệu" in dialog.form.error_text("directive_number")
        dialog.number_edit.setText("05/CT-UBND")
        dialog.issuer_edit.setText("UBND tỉnh Lai Châu")
        return _drive(qtbot, dialog).saved

    monkeypatch.setattr(MovementDialog, "ask", classmethod(
        lambda cls, parent, services_, row, runner=None: new_movement(parent, services_, row,
                                                                      runner)))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert [m.directive_number for m in services.movements.list()] == ["05/CT-UBND"]
    assert "05/CT-UBND" in page.directive_label.text()
    movement = services.movements.list()[0]

    def new_target(parent: Any, services_: Any, movement_id: int, row: Any,
                   runner: Any = None) -> Any:
        dialog = TargetDialog(services_, movement_id, row, parent, runner=runner)
        dialog.indicator_edit.setText("Làm đường giao thông nông thôn")
        dialog.measure_edit.setText("km")
        dialog.direction_combo.setCurrentIndex(dialog.direction_combo.findData("above"))
        dialog.planned_edit.setText("8,5")
        return _drive(qtbot, dialog).saved

    monkeypatch.setattr(TargetDialog, "ask", classmethod(
        lambda cls, parent, s, mid, row, runner=None: new_target(parent, s, mid, row, runner)))
    page.tabs.setCurrentIndex(1)
    qtbot.mouseClick(page.add_target_button, Qt.MouseButton.LeftButton)
    target = services.movements.appendix.list(movement.id)[0]
    assert (target.planned_value, target.direction) == (8.5, TargetDirection.ABOVE)
    assert page.targets.rowCount() == 1
    assert page.targets.index(0, 2).data() == ">"
    services.movements.appendix.add(movement.id, __import__(
        "desktop.api.movements", fromlist=["TargetInput"]).TargetInput(
        "Thu ngân sách", "tỷ đồng", 12))

    class Chooser:
        def __init__(self, units: list[Any], parent: Any = None) -> None:
            self.ids = [u.id for u in units if u.id == commune]

        def exec(self) -> Any:
            from PySide6.QtWidgets import QDialog
            return QDialog.DialogCode.Accepted

        def chosen(self) -> list[int]:
            return self.ids

    monkeypatch.setattr(movements_page, "_UnitChooser", Chooser)
    page.reload()
    qtbot.mouseClick(page.assign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.figures.rowCount() == 1 and not page.busy, timeout=10_000)
    assert page.tabs.currentIndex() == 2

    view, model = page.grid_view, page.figures
    _type(qtbot, view, model.index(0, 0), "8,5")  # equal to a strict ">": missed
    qtbot.waitUntil(lambda: services.movements.figures.grid(movement.id).cell(
        commune, target.id).actual_value == 8.5, timeout=10_000)
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    cell = services.movements.figures.grid(movement.id).cell(commune, target.id)
    assert cell.outcome is TargetOutcome.MISSED
    assert "Không đạt" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)

    _type(qtbot, view, model.index(0, 1), "muoi")  # refused, named, nothing saved
    qtbot.waitUntil(lambda: bool(answered_messages["error"]), timeout=10_000)
    assert "Đơn vị “Xã Bình Lư”, chỉ tiêu “Thu ngân sách”, số thực hiện: “muoi” không phải " \
           "số" in answered_messages["error"][-1]
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    assert services.movements.figures.grid(movement.id).cell(
        commune, services.movements.appendix.list(movement.id)[1].id).actual_value is None

    QGuiApplication.clipboard().setText("9\t12,5\n")  # a block copied from Excel
    view.setCurrentIndex(model.index(0, 0))
    view.selectionModel().select(model.index(0, 0),
                                 view.selectionModel().SelectionFlag.ClearAndSelect)
    page.paste()
    qtbot.waitUntil(lambda: services.movements.figures.grid(movement.id).cell(
        commune, target.id).actual_value == 9, timeout=10_000)
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    grid = services.movements.figures.grid(movement.id)
    assert [grid.cell(commune, t.id).outcome for t in grid.targets] == [TargetOutcome.MET] * 2

    page.tabs.setCurrentIndex(0)
    qtbot.mouseClick(page.rule_box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: services.movements.get(movement.id).head_target_rule,
                    timeout=10_000)
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    assert page.rule_box.isChecked()

    page.tabs.setCurrentIndex(2)
    main_window.resize(1366, 697)
    QApplication.processEvents()  # laid out at that size before the grab
    main_window.grab().save(str(tmp_path / "movements.png"))
    out = Path("/tmp/mv/movements.png")
    if out.parent.exists():
        main_window.grab().save(str(out))
