"""The emulation-bloc screen end to end: scores typed with the keyboard and pasted from Excel
into the grid and saved through the service, an out-of-range cell flagged with its reason and
not saved, the criteria tree edited, a wrong Excel file reported row by row, the ranking in
order, and proposals created in an award round."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from bloc_world import build_bloc_world, finish
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication

from desktop.domain.enums import RoundKind, ScoreBasis, SheetStatus
from desktop.services.nominations import NominationQuery
from desktop.services.rounds import RoundInput
from desktop.views.dialogs.bloc_dialog import BlocDialog
from desktop.views.dialogs.criterion_dialog import CriterionDialog
from desktop.views.dialogs.import_report_dialog import ImportReportDialog
from desktop.views.dialogs.render_dialog import RenderDialog
from desktop.views.messages import FileDialogs
from desktop.views.pages.blocs_ranking import ProposeDialog
from desktop.views.pages.blocs_scoring import INVALID_BACKGROUND

pytestmark = pytest.mark.gui


@pytest.fixture
def world(services: Any) -> dict[str, int]:
    return build_bloc_world(services)


@pytest.fixture
def page(main_window: Any, world: dict[str, int], qtbot: Any) -> Any:
    shown = main_window.navigate("blocs")
    qtbot.waitUntil(lambda: shown.criteria.table is not None, timeout=10_000)
    return shown


def _scoring(page: Any, qtbot: Any) -> Any:
    page.tabs.setCurrentWidget(page.scoring)
    qtbot.waitUntil(lambda: page.scoring.model.grid is not None and not page.scoring.busy,
                    timeout=10_000)
    return page.scoring


def _self(services: Any, world: dict[str, int], code: str, unit: str) -> Decimal | None:
    return services.blocs.scores.grid(world["bloc"]).cell(world[code], world[unit]).self_score


def _type(qtbot: Any, view: Any, index: Any, text: str, key: Any = Qt.Key.Key_Return) -> None:
    """Like an officer: the first key starts editing, the rest go to the editor."""
    view.setCurrentIndex(index)
    qtbot.keyClicks(view, text[0])
    editor = view.indexWidget(index)
    assert editor is not None, "typing a digit should open the cell's editor"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, key)


def test_scores_typed_with_the_keyboard_are_saved_and_a_bad_one_is_flagged(
        page: Any, qtbot: Any, services: Any, world: dict[str, int]) -> None:
    tab = _scoring(page, qtbot)
    model, view = tab.model, tab.view
    start = model.index_for(world["I.1"], world["a"])
    _type(qtbot, view, start, "38")
    qtbot.waitUntil(lambda: _self(services, world, "I.1", "a") == Decimal(38), timeout=10_000)
    # Enter moved down one row (I.2, computed), like a spreadsheet.
    assert view.currentIndex().row() == start.row() + 1
    assert view.currentIndex().column() == start.column()

    _type(qtbot, view, model.index_for(world["II.1"], world["a"]), "24,5", Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: _self(services, world, "II.1", "a") == Decimal("24.5"),
                    timeout=10_000)
    # Tab went on to the next unit's cell and opened it: keep typing there.
    assert model.sheet(view.currentIndex().column()).unit_id == world["b"]
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None
    qtbot.keyClicks(editor, "23")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _self(services, world, "II.1", "b") == Decimal(23), timeout=10_000)

    bad = model.index_for(world["II.2"], world["a"])
    _type(qtbot, view, bad, "16")
    qtbot.waitUntil(lambda: bool(model.problems) and not tab.busy, timeout=10_000)
    assert model.data(bad) == "16"
    background = model.data(bad, Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color().name() == INVALID_BACKGROUND
    assert model.data(bad, Qt.ItemDataRole.ToolTipRole) == "điểm 16 vượt điểm tối đa 15"
    assert _self(services, world, "II.2", "a") is None
    assert "không lưu" in tab.status_label.text()

    # Correcting the cell clears the mark; the total row shows the saved sum.
    _type(qtbot, view, bad, "15")
    qtbot.waitUntil(lambda: _self(services, world, "II.2", "a") == Decimal(15), timeout=10_000)
    qtbot.waitUntil(lambda: not model.problems and not tab.busy, timeout=10_000)
    total = model.index(model.rowCount() - 1, start.column())
    assert model.data(total) == "77,5"


def test_a_block_pasted_from_excel_fills_the_selected_range(
        page: Any, qtbot: Any, services: Any, world: dict[str, int]) -> None:
    tab = _scoring(page, qtbot)
    model, view = tab.model, tab.view
    QApplication.clipboard().setText("25\t24\r\n15\t14\r\n")
    view.setCurrentIndex(model.index_for(world["II.1"], world["a"]))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    expected = {("II.1", "a"): 25, ("II.1", "b"): 24, ("II.2", "a"): 15, ("II.2", "b"): 14}
    qtbot.waitUntil(lambda: all(_self(services, world, code, unit) == Decimal(value)
                                for (code, unit), value in expected.items()), timeout=10_000)
    assert len(view.selectionModel().selectedIndexes()) == 4

    # A pasted column with a value over the maximum: the rest is saved, that cell is flagged.
    computed_before = services.blocs.scores.grid(world["bloc"]).cell(world["I.2"], world["c"])
    assert computed_before.computed
    QApplication.clipboard().setText("41\n7\n")
    view.setCurrentIndex(model.index_for(world["I.1"], world["c"]))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(model.problems) and not tab.busy, timeout=10_000)
    bad = model.index_for(world["I.1"], world["c"])
    assert model.data(bad, Qt.ItemDataRole.ToolTipRole) == "điểm 41 vượt điểm tối đa 40"
    assert _self(services, world, "I.1", "c") is None
    # The row below I.1 is I.2 (computed from the unit's target): the paste skips it, as a
    # spreadsheet's locked cell, so its 7 is neither saved nor flagged.
    computed_after = services.blocs.scores.grid(world["bloc"]).cell(world["I.2"], world["c"])
    assert computed_after == computed_before
    assert list(model.problems) == [(world["I.1"], world["c"], model.which)]
    assert model.data(model.index_for(world["I.2"], world["c"])) != "7"


def test_sheets_move_through_their_statuses_and_published_ones_are_read_only(
        page: Any, qtbot: Any, services: Any, world: dict[str, int]) -> None:
    tab = _scoring(page, qtbot)
    model, view = tab.model, tab.view
    index = model.index_for(world["II.1"], world["d"])
    view.setCurrentIndex(index)
    assert tab.forward_buttons[SheetStatus.SUBMITTED].isEnabled()
    qtbot.mouseClick(tab.forward_buttons[SheetStatus.SUBMITTED], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.busy and model.sheet(index.column()).status
                    is SheetStatus.SUBMITTED, timeout=10_000)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable  # self-score: sent
    tab.reviewed_button.click()
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable  # the bloc scores it now
    assert "Đã gửi khối" in str(model.headerData(index.column(), Qt.Orientation.Horizontal))
    events = services.blocs.scores.history(world["bloc"], world["d"])
    assert [e.to_status for e in events] == [SheetStatus.SUBMITTED]


def test_criteria_tree_edit_and_the_whole_table_check(
        page: Any, qtbot: Any, services: Any, world: dict[str, int], monkeypatch: Any) -> None:
    tab = page.criteria
    assert tab.model.rowCount() == 4  # groups I–IV
    index = tab.model.index_of(world["II.2"])
    assert tab.model.data(index.siblingAtColumn(1)) == "Hoạt động công đoàn, đoàn thanh niên"
    tab.tree.setCurrentIndex(index)

    def drive(cls: Any, parent: Any, services_: Any, bloc_id: int, **options: Any) -> Any:
        dialog = CriterionDialog(parent, services_, bloc_id, **options)
        qtbot.addWidget(dialog)
        dialog.name_edit.setText("Hoạt động công đoàn")
        dialog.max_edit.setText("20")
        dialog.save()
        assert dialog.saving and not dialog.save_button.isEnabled()  # in the background
        qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
        assert dialog.saved is not None, dialog.form.summary.text()
        return dialog.saved

    monkeypatch.setattr(CriterionDialog, "ask", classmethod(drive))
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.problem_list.count() > 0, timeout=10_000)
    row = services.blocs.criteria.get(world["II.2"])
    assert (row.name, row.max_points) == ("Hoạt động công đoàn", Decimal(20))
    problems = [tab.problem_list.item(i).text() for i in range(tab.problem_list.count())]
    assert any(p.startswith("Tiêu chí II:") for p in problems), problems
    assert tab.tree.currentIndex().internalId() == world["II.2"]

    def refuse(cls: Any, parent: Any, services_: Any, bloc_id: int, **options: Any) -> Any:
        dialog = CriterionDialog(parent, services_, bloc_id, **options)
        qtbot.addWidget(dialog)
        dialog.name_edit.setText("Tham gia phong trào")
        dialog.max_edit.setText("")
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
        assert dialog.saved is None and "điểm tối đa" in dialog.form.summary.text()
        return None

    monkeypatch.setattr(CriterionDialog, "ask", classmethod(refuse))
    qtbot.mouseClick(tab.add_child_button, Qt.MouseButton.LeftButton)


def test_a_wrong_scores_file_is_reported_row_by_row_and_nothing_imported(
        page: Any, qtbot: Any, services: Any, world: dict[str, int], monkeypatch: Any,
        tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = services.blocs.excel.write_scores(tmp_path / "diem.xlsx", world["bloc"])
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    rows = [r for r in ws.iter_rows(min_row=4) if r[2].value in ("I.1", "II.1")]
    rows[0][6].value, rows[1][6].value = 50, 20  # I.1 over its 40; II.1 fine
    wb.save(path)
    tab = _scoring(page, qtbot)
    reported: list[Any] = []
    monkeypatch.setattr(FileDialogs, "open_file", classmethod(lambda *_a: path))
    monkeypatch.setattr(ImportReportDialog, "ask",
                        classmethod(lambda cls, _p, name, problems: reported.append(problems)))
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(reported), timeout=10_000)
    assert any("vượt điểm tối đa 40" in p.message for p in reported[0])
    assert _self(services, world, "II.1", "a") is None  # nothing imported


def test_rank_then_propose_into_a_round(page: Any, qtbot: Any, services: Any,
                                        world: dict[str, int], monkeypatch: Any) -> None:
    finish(services, world)
    round_row = services.rounds.create(RoundInput("Xét khen thưởng tổng kết năm 2026", 2026,
                                                  RoundKind.YEAR_END))
    tab = page.ranking
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.ranking is not None and not tab.busy, timeout=10_000)
    expected = services.blocs.scores.ranking(world["bloc"], ScoreBasis.REVIEWED)
    assert [r.unit_name for r in tab.model.rows] == [r.unit_name for r in expected.rows]
    assert tab.model.rows[0].unit_name == "Sở Tài chính"
    assert tab.model.rows[-1].unit_name == "Sở Tư pháp"
    assert tab.chart.bars[0].label == "1. Sở Tài chính"
    assert tab.chart.bars[0].highlighted and not tab.chart.bars[1].highlighted
    assert "cuối cùng" in tab.summary.text()

    chosen: list[Any] = []

    def choose(cls: Any, parent: Any, services_: Any, bloc: Any) -> Any:
        dialog = ProposeDialog(parent, services_, bloc)
        qtbot.addWidget(dialog)
        assert dialog.round_combo.currentData().id == round_row.id
        dialog.merit_spin.setValue(2)
        chosen.append(dialog.choice())
        return dialog.choice()

    monkeypatch.setattr(ProposeDialog, "ask", classmethod(choose))
    qtbot.mouseClick(tab.propose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.last_result is not None, timeout=10_000)
    assert tab.last_result.created == 3
    assert "3" in tab.result.toPlainText()
    rows = services.nominations.page(NominationQuery(round_row.id), 0, 100)
    assert sorted(r.award_code for r in rows) == ["BK_TINH", "BK_TINH", "CO_TD_TINH"]
    flag = next(r for r in rows if r.award_code == "CO_TD_TINH")
    assert flag.subject_name == "Sở Tài chính"


def test_a_new_bloc_with_members_from_the_dialog(page: Any, qtbot: Any, services: Any,
                                                 world: dict[str, int], monkeypatch: Any) -> None:
    def drive(cls: Any, parent: Any, services_: Any, bloc: Any = None, **options: Any) -> Any:
        dialog = BlocDialog(parent, services_, bloc=bloc, **options)
        qtbot.addWidget(dialog)
        dialog.name_edit.setText("Cụm thi đua các xã")
        dialog.kind_combo.setCurrentIndex(1)
        dialog.year_spin.setValue(2026)
        for code in ("NATAM", "TANPHONG"):
            unit = next(u for u in services_.units.search(code) if u.code == code)
            dialog.member_picker.set_unit(unit)
            dialog.add_member()
        dialog.head_combo.setCurrentIndex(1)
        dialog.deputy_combo.setCurrentIndex(1)  # the same unit: refused, then fixed
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
        assert dialog.saved is None
        assert "phải khác đơn vị trưởng khối" in dialog.form.error_text("deputy_unit_id")
        dialog.deputy_combo.setCurrentIndex(2)
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
        assert dialog.saved is not None, dialog.form.summary.text()
        return dialog.saved

    monkeypatch.setattr(BlocDialog, "ask", classmethod(drive))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.bloc.name == "Cụm thi đua các xã"
    members = services.blocs.members(page.bloc.id)
    assert [m.unit_code for m in members] == ["NATAM", "TANPHONG"]
    assert page.bloc.head_name and page.bloc.deputy_name


def test_the_ranking_makes_the_bloc_results_document(page: Any, qtbot: Any, services: Any,
                                                     world: dict[str, int], monkeypatch: Any,
                                                     tmp_path: Path) -> None:
    finish(services, world)
    tab = page.ranking
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.ranking is not None and not tab.busy, timeout=10_000)
    target = tmp_path / "Kết quả khối.docx"
    seen: list[RenderDialog] = []

    def ask(cls: Any, parent: Any, services_: Any, runner: Any, **preselect: Any) -> None:
        dialog = RenderDialog(services_, runner, parent, **preselect)
        qtbot.addWidget(dialog)
        seen.append(dialog)
        assert dialog.template.currentData() == "ket_qua_khoi"
        assert dialog.bloc_combo.currentData() == world["bloc"]
        dialog.output.setText(str(target))
        qtbot.mouseClick(dialog.render_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)

    monkeypatch.setattr(RenderDialog, "ask", classmethod(ask))
    assert tab.document_button.isEnabled()
    qtbot.mouseClick(tab.document_button, Qt.MouseButton.LeftButton)
    assert seen and seen[0].made is not None
    document = docx.Document(str(target))
    rows = [[c.text for c in r.cells] for r in document.tables[-2].rows]
    assert rows[1][:2] == ["1", "Sở Tài chính"]
