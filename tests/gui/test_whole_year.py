"""The whole year of one commune, from the GUI alone (issue 12, first acceptance point).

A new commune database is created with the first-run dialog (no demo data). Then, as the
officer would: the people template is saved from the Excel dialog, filled (here with openpyxl)
and imported; the year's ratings and registrations are pasted and typed into the unit's grid;
an initiative with its recognising decision and a head-of-unit position are added in two people's
editors; the province's directive is entered on the movements page with one target of its
appendix, assigned to the commune, an actual figure that misses it, and the head-of-unit rule
switched on; a year-end round linked to that movement is created; everyone is nominated (LĐTT,
one CSTĐ cơ sở for the initiative) and the eligibility check is run.

What the page then shows: no nomination is "Cần kiểm tra"; every complete record is "Đạt"; the
commune's chairman is "Không đạt" with the directive's number and the missed target named.

Eight people, not four or five: CSTĐ cơ sở is capped at 15% of the unit's LĐTT (the province
parameter, read-only in the app), so one CSTĐ cơ sở needs at least seven LĐTT in the unit.

Every modal dialog runs through ``QDialog.exec``, replaced by ``Officer``: it shows the real
dialog and hands it to the next queued "hand" (what the officer types and clicks there)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QListWidget,
    QPushButton,
    QTabWidget,
    QWidget,
)

from desktop.api.unit_year import COLUMNS, GridColumn
from desktop.app import ServiceBackend
from desktop.domain.enums import ConditionStatus, InitiativeScope, RoundKind, UnitKind
from desktop.paths import AppPaths
from desktop.settings import UiSettings
from desktop.views.dialogs.excel_dialog import ExcelDialog
from desktop.views.dialogs.first_run import FirstRunDialog
from desktop.views.dialogs.movement_dialog import MovementDialog, TargetDialog
from desktop.views.dialogs.nomination_dialog import NominationDialog
from desktop.views.dialogs.person_dialog import PersonDialog
from desktop.views.dialogs.record_editors import InitiativeEditor, PositionEditor
from desktop.views.dialogs.round_dialog import RoundDialog
from desktop.views.dialogs.unit_year_dialog import UnitYearDialog
from desktop.views.itemmodels.nominations_model import ELIGIBILITY_COLUMN

pytestmark = pytest.mark.gui

YEAR = 2026
COMMUNE = "Ủy ban nhân dân xã Nà Tăm"
DIRECTIVE = "05/CT-UBND"
TARGET = "Thu ngân sách nhà nước trên địa bàn so với dự toán"
HEAD = "Lò Văn Pấng"
INVENTOR = "Lê Thị Hường"
INITIATIVE = "Số hóa sổ hộ tịch của xã"
ROUND = "Xét khen thưởng cuối năm 2026"
RATING = COLUMNS.index(GridColumn.RATING)
TITLE = COLUMNS.index(GridColumn.REGISTRATION)

# Name, gender, birth date, ethnicity, position; what the search box is typed with (ASCII:
# QTest types ASCII); the rating pasted into the grid.
PEOPLE = [
    (HEAD, "Nam", "12/04/1975", "Thái", "Chủ tịch UBND xã", "pang", "Hoàn thành tốt nhiệm vụ"),
    (INVENTOR, "Nữ", "15/07/1990", "Thái", "Văn phòng – Thống kê", "huong",
     "Hoàn thành xuất sắc nhiệm vụ"),
    ("Nguyễn Văn Đức", "Nam", "02/03/1985", "Kinh", "Phó Chủ tịch UBND xã", "duc",
     "Hoàn thành xuất sắc nhiệm vụ"),
    ("Giàng A Dủa", "Nam", "05/11/1995", "Mông", "Địa chính – Xây dựng", "dua",
     "Hoàn thành tốt nhiệm vụ"),
    ("Tòng Thị Xuân", "Nữ", "20/01/1988", "Thái", "Tài chính – Kế toán", "xuan",
     "Hoàn thành tốt nhiệm vụ"),
    ("Vàng A Sình", "Nam", "08/09/1992", "Mông", "Chỉ huy trưởng Quân sự", "sinh",
     "Hoàn thành tốt nhiệm vụ"),
    ("Hoàng Thị Lan", "Nữ", "30/05/1993", "Tày", "Tư pháp – Hộ tịch", "lan",
     "Hoàn thành xuất sắc nhiệm vụ"),
    ("Điêu Chính Tươi", "Nam", "14/02/1987", "Thái", "Văn hóa – Xã hội", "tuoi",
     "Hoàn thành tốt nhiệm vụ"),
]
NAMES = [p[0] for p in PEOPLE]


# -- the officer's hands -------------------------------------------------------------------------
class Officer:
    """Stands in for ``QDialog.exec``: the real dialog is shown and the next queued hand does
    what the officer does in it (type, click Lưu, wait for the save); ``exec`` then returns
    the dialog's result, as the real modal loop would."""

    def __init__(self, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        self.qtbot = qtbot
        self.hands: list[tuple[type, Callable[[Any], None]]] = []
        self.failures: list[BaseException] = []
        monkeypatch.setattr(QDialog, "exec", lambda dialog: self._exec(dialog))

    def will(self, kind: type, hand: Callable[[Any], None]) -> None:
        self.hands.append((kind, hand))

    def _exec(self, dialog: QDialog) -> int:
        assert self.hands, f"unexpected dialog “{dialog.windowTitle()}”"
        kind, hand = self.hands.pop(0)
        assert isinstance(dialog, kind), f"expected {kind.__name__}, got “{dialog.windowTitle()}”"
        dialog.show()
        self.qtbot.waitExposed(dialog)
        try:
            hand(dialog)
        except BaseException as failure:  # raised again by check(), outside Qt's slot
            self.failures.append(failure)
        if dialog.isVisible():  # a hand that did not end the dialog: Hủy
            dialog.reject()
        return int(dialog.result())

    def open(self, widget: QPushButton) -> None:
        """Click what opens a dialog; whatever the hand found wrong fails the test here."""
        click(self.qtbot, widget)
        self.check()

    def check(self) -> None:
        """A hand that failed fails the test here (inside exec it would only be logged)."""
        if self.failures:
            raise self.failures.pop(0)

    def done(self) -> None:
        self.check()
        assert not self.hands, f"{len(self.hands)} dialogs expected but never opened"


def button(parent: QWidget, text: str) -> QPushButton:
    """The visible push button showing ``text`` (its "&" accelerator ignored)."""
    found = [b for b in parent.findChildren(QPushButton)
             if b.text().replace("&", "") == text and b.isVisibleTo(parent)]
    assert len(found) == 1, f"{len(found)} buttons “{text}”"
    return found[0]


def click(qtbot: Any, widget: QPushButton | QCheckBox) -> None:
    assert widget.isEnabled(), f"“{widget.text()}” is disabled"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tab(tabs: QTabWidget, title: str) -> QWidget:
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert title in titles, titles
    tabs.setCurrentIndex(titles.index(title))
    return tabs.currentWidget()


def save_and_wait(qtbot: Any, dialog: Any) -> None:
    """Lưu clicked; the save runs in the background and closes the dialog when it went through."""
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.form.summary.text()


def type_cell(qtbot: Any, view: Any, index: Any, text: str) -> None:
    """As in a sheet: the first key opens the cell's editor, the rest is typed there, Enter."""
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClicks(view, text[:1])
    editor = view.indexWidget(index)
    assert editor is not None, "the first key did not open the cell's editor"
    line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
    qtbot.keyClicks(line, text[1:])
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=5_000)


# -- a new commune -------------------------------------------------------------------------------
@pytest.fixture
def window(qtbot: Any, paths: AppPaths) -> Iterator[Any]:
    """The first-run dialog creates and configures the commune's database (no demo), then the
    main window opens on it."""
    from desktop.views.main_window import MainWindow
    from desktop.views.messages import Messages

    opened: list[ServiceBackend] = []

    def opener(path: Path, *, create: bool) -> ServiceBackend:
        backend = ServiceBackend.open(path, paths, create=create)
        opened.append(backend)
        return backend

    first = FirstRunDialog(None, opener, default_path=paths.default_database)
    qtbot.addWidget(first)
    first.name_edit.setText(COMMUNE)
    first.code_edit.setText("NATAM")
    first.kind_combo.setCurrentIndex(first.kind_combo.findData(UnitKind.COMMUNE.value))
    first.parent_name_edit.setText("Ủy ban nhân dân tỉnh Lai Châu")
    assert not first.demo_check.isChecked()
    first.start_button.click()
    assert first.result() == QDialog.DialogCode.Accepted, first.form.summary.text()
    backend = first.backend
    assert backend is not None and backend.services.units.count() == 1
    shown = MainWindow(backend, UiSettings(paths.config))
    shown.runner.show_error = Messages.error
    qtbot.addWidget(shown)
    shown.resize(1366, 697)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.runner.wait_for_done(10_000)
    QApplication.processEvents()
    for opened_backend in opened:
        opened_backend.close()


def idle(qtbot: Any, window: Any, dialog: ExcelDialog | None = None) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy and not (dialog and dialog.busy),
                    timeout=20_000)


# -- the steps -----------------------------------------------------------------------------------
def import_people(qtbot: Any, window: Any, tmp_path: Path,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Người: "Nhập từ Excel…", the template saved, filled, checked, then imported."""
    template, filled = tmp_path / "mau-ca-nhan.xlsx", tmp_path / "can-bo-xa.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(template), "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(filled), "")))
    page = window.navigate("people")
    click(qtbot, button(page, "Nhập từ Excel…"))
    dialogs = [d for d in page.findChildren(ExcelDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]

    tab(dialog.tabs, "Tải mẫu")
    click(qtbot, button(dialog, "Lưu tệp mẫu…"))
    idle(qtbot, window, dialog)
    assert str(template) in dialog.template_label.text()
    book = load_workbook(template)
    sheet = book["Cá nhân"]
    header = [c.value for c in sheet[1]]
    column = {name: header.index(name) for name in
              ("Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Đơn vị", "Chức vụ")}
    for name, gender, born, ethnicity, position, _search, _rating in PEOPLE:
        row: list[object] = [None] * len(header)
        for key, value in (("Họ và tên", name), ("Giới tính", gender), ("Ngày sinh", born),
                           ("Dân tộc", ethnicity), ("Đơn vị", "NATAM"),
                           ("Chức vụ", position)):
            row[column[key]] = value
        sheet.append(row)
    book.save(filled)

    tab(dialog.tabs, "Nhập")
    assert dialog.import_kind.currentData() == "people"
    click(qtbot, button(dialog, "Chọn tệp…"))
    assert dialog.file_edit.text() == str(filled)
    click(qtbot, button(dialog, "Kiểm tra"))
    idle(qtbot, window, dialog)
    assert f"Thêm mới: {len(PEOPLE)}" in dialog.counts_label.text(), dialog.summary_label.text()
    assert dialog.problems_model.rowCount() == 0
    click(qtbot, button(dialog, "Nhập vào"))
    idle(qtbot, window, dialog)
    assert dialog.summary_label.text().startswith("Đã nhập"), dialog.summary_label.text()
    dialog.reject()
    qtbot.waitUntil(lambda: page.model.total == len(PEOPLE) and not page.model.busy,
                    timeout=10_000)
    assert {page.model.person(r).full_name for r in range(page.model.rowCount())} == set(NAMES)


def fill_the_grid(qtbot: Any, window: Any, officer: Officer) -> None:
    """Đơn vị: "Xếp loại, đăng ký…" on the commune; the ratings and registered titles pasted as
    a block copied from Excel, then the inventor's CSTĐ cơ sở typed in; saved."""
    page = window.navigate("units")
    tree = page.tree
    qtbot.waitUntil(lambda: tree.model().rowCount() == 1, timeout=10_000)
    commune = tree.model().index(0, 0)
    assert commune.data() == COMMUNE
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualRect(commune).center())
    qtbot.waitUntil(lambda: page.current_unit() is not None
                    and page.current_unit().name == COMMUNE, timeout=10_000)
    seen: dict[str, Any] = {}

    def grid(dialog: UnitYearDialog) -> None:
        dialog.year.setValue(YEAR)
        model = dialog.model
        qtbot.waitUntil(lambda: model.rowCount() == len(PEOPLE) + 1, timeout=10_000)
        shown = [model.index(r, 0).data() for r in range(model.rowCount())]
        assert set(shown[:-1]) == set(NAMES) and shown[-1] == COMMUNE
        ratings = {p[0]: p[6] for p in PEOPLE}
        block = "".join(f"{ratings[name]}\tLĐTT\r\n" for name in shown[:-1])
        QGuiApplication.clipboard().setText(block)
        dialog.table.selectionModel().setCurrentIndex(
            model.index(0, RATING), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        dialog.table.setFocus()
        qtbot.keySequence(dialog.table, QKeySequence.StandardKey.Paste)
        inventor = shown.index(INVENTOR)
        type_cell(qtbot, dialog.table, model.index(inventor, TITLE), "ldtt, cstd co so")
        seen["inventor_titles"] = model.index(inventor, TITLE).data()
        seen["refused"] = [dialog.refused_list.item(i).text()
                           for i in range(dialog.refused_list.count())]
        assert seen["refused"] == [], seen["refused"]
        click(qtbot, dialog.save_button)
        qtbot.waitUntil(lambda: not model.dirty and dialog.undo_button.isEnabled(),
                        timeout=10_000)
        seen["status"] = dialog.status.text()
        seen["head_rating"] = model.index(shown.index(HEAD), RATING).data()
        click(qtbot, dialog.close_button)

    officer.will(UnitYearDialog, grid)
    officer.open(page.unit_year_button)
    assert seen["refused"] == []
    assert seen["inventor_titles"] == "LĐTT, CSTĐCS"  # typed over "LĐTT": replaced
    assert seen["status"] == f"Đã lưu {2 * len(PEOPLE)} ô."
    assert seen["head_rating"] == "Hoàn thành tốt nhiệm vụ"


def edit_person(qtbot: Any, window: Any, officer: Officer, name: str,
                records: Callable[[PersonDialog], None]) -> None:
    """Người: the person chosen in the list, "Sửa…", their record tabs, then Lưu."""
    page = window.navigate("people")
    qtbot.waitUntil(lambda: not page.model.busy and page.model.rowCount() == len(PEOPLE),
                    timeout=10_000)
    row = next(r for r in range(page.model.rowCount())
               if page.model.index(r, 0).data() == name)
    page.table.selectRow(row)

    def person(dialog: PersonDialog) -> None:
        records(dialog)
        click(qtbot, dialog.save_button)
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)

    officer.will(PersonDialog, person)
    officer.open(button(page, "Sửa…"))


def add_initiative(qtbot: Any, officer: Officer) -> Callable[[PersonDialog], None]:
    def records(dialog: PersonDialog) -> None:
        initiatives = tab(dialog.tabs, "Sáng kiến")

        def initiative(editor: InitiativeEditor) -> None:
            editor.title_box.setText(INITIATIVE)
            editor.year.setValue(YEAR)
            editor.scope.setCurrentIndex(editor.scope.findData(InitiativeScope.UNIT.value))
            editor.number.setText("27/QĐ-UBND")
            editor.decided.set_date(date(YEAR, 10, 15))
            editor.recognised_by.setText("Chủ tịch UBND xã Nà Tăm")
            save_and_wait(qtbot, editor)

        officer.will(InitiativeEditor, initiative)
        officer.open(initiatives.add_button)
        qtbot.waitUntil(lambda: initiatives.model.rowCount() == 1, timeout=10_000)
        assert [r.decision_number for r in initiatives.model.rows] == ["27/QĐ-UBND"]

    return records


def add_head_position(qtbot: Any, officer: Officer) -> Callable[[PersonDialog], None]:
    def records(dialog: PersonDialog) -> None:
        positions = tab(dialog.tabs, "Chức vụ")

        def position(editor: PositionEditor) -> None:
            editor.title_edit_box.setText("Chủ tịch UBND xã")
            assert editor.unit_picker.unit_id is not None  # the person's own unit, the commune
            editor.is_head.setChecked(True)
            editor.start.set_date(date(2021, 6, 28))
            save_and_wait(qtbot, editor)

        officer.will(PositionEditor, position)
        officer.open(positions.add_button)
        qtbot.waitUntil(lambda: positions.model.rowCount() == 1, timeout=10_000)
        assert dialog.head_note.text() == "Người đứng đầu đơn vị hiện nay"

    return records


def enter_the_movement(qtbot: Any, window: Any, officer: Officer) -> None:
    """Phong trào thi đua: the province's directive, one target of its appendix, the commune
    assigned, its actual figure (a miss), the head-of-unit rule on."""
    page = window.navigate("movements")

    def movement(dialog: MovementDialog) -> None:
        dialog.name_edit.setText("Phong trào thi đua yêu nước năm 2026")
        dialog.year_spin.setValue(YEAR)
        dialog.number_edit.setText(DIRECTIVE)
        dialog.date_edit.set_date(date(YEAR, 2, 10))
        dialog.issuer_edit.setText("Ủy ban nhân dân tỉnh Lai Châu")
        dialog.theme_edit.setPlainText("Đoàn kết, sáng tạo, hoàn thành thắng lợi nhiệm vụ "
                                       "phát triển kinh tế – xã hội năm 2026")
        save_and_wait(qtbot, dialog)

    officer.will(MovementDialog, movement)
    officer.open(button(page, "Thêm phong trào…"))
    qtbot.waitUntil(lambda: DIRECTIVE in page.directive_label.text(), timeout=10_000)

    def target(dialog: TargetDialog) -> None:
        dialog.indicator_edit.setText(TARGET)
        dialog.measure_edit.setText("%")
        dialog.direction_combo.setCurrentIndex(dialog.direction_combo.findData("higher"))
        dialog.planned_edit.setText("100")
        save_and_wait(qtbot, dialog)

    tab(page.tabs, "Phụ lục chỉ tiêu")
    officer.will(TargetDialog, target)
    officer.open(button(page, "Thêm chỉ tiêu…"))
    qtbot.waitUntil(lambda: page.targets.rowCount() == 1, timeout=10_000)
    assert [page.targets.index(0, c).data() for c in (1, 2, 4)] == [TARGET, "≥", "%"]

    def assign(dialog: QDialog) -> None:
        units = dialog.findChild(QListWidget)
        items = [units.item(i) for i in range(units.count())]
        commune = [i for i in items if i.text() == f"{COMMUNE} (NATAM)"]
        assert len(commune) == 1, [i.text() for i in items]
        commune[0].setCheckState(Qt.CheckState.Checked)
        click(qtbot, dialog.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Ok))

    tab(page.tabs, "Đơn vị và số liệu")
    officer.will(QDialog, assign)
    officer.open(button(page, "Giao cho đơn vị…"))
    qtbot.waitUntil(lambda: page.figures.rowCount() == 1 and not page.busy, timeout=10_000)
    type_cell(qtbot, page.grid_view, page.figures.index(0, 0), "92,5")
    qtbot.waitUntil(lambda: not page.busy and "Không đạt" in str(
        page.figures.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)), timeout=10_000)

    tab(page.tabs, "Chỉ thị và quy định")
    assert not page.rule_box.isChecked()
    click(qtbot, page.rule_box)
    qtbot.waitUntil(lambda: not page.busy and page.movements.rowCount() == 1
                    and page.movements.index(0, 3).data() not in ("", None), timeout=10_000)
    assert page.rule_box.isChecked()


def create_the_round(qtbot: Any, window: Any, officer: Officer) -> Any:
    page = window.navigate("rounds")

    def new_round(dialog: RoundDialog) -> None:
        dialog.name_edit.setText(ROUND)
        dialog.year_spin.setValue(YEAR)
        assert dialog.kind_combo.currentData() == RoundKind.YEAR_END.value
        at = next(i for i in range(dialog.movement_combo.count())
                  if DIRECTIVE in dialog.movement_combo.itemText(i))
        dialog.movement_combo.setCurrentIndex(at)
        save_and_wait(qtbot, dialog)

    officer.will(RoundDialog, new_round)
    officer.open(button(page, "Đợt xét mới…"))
    qtbot.waitUntil(lambda: page.round is not None and page.round.name == ROUND, timeout=10_000)
    return page


def nominate(qtbot: Any, page: Any, officer: Officer, search: str, award: str) -> None:
    def fill(dialog: NominationDialog) -> None:
        qtbot.keyClicks(dialog.person_search, search)
        assert dialog.person_list.count() == 1, search
        dialog.award.setCurrentIndex(dialog.award.findData(award))
        assert dialog.award.currentData() == award
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
        qtbot.waitUntil(lambda: dialog.created is not None or bool(dialog.form.summary.text()),
                        timeout=10_000)
        assert dialog.created is not None, dialog.form.summary.text()

    officer.will(NominationDialog, fill)
    officer.open(button(page, "Thêm đề nghị…"))


def shown_rows(page: Any) -> dict[tuple[str, str], str]:
    """(subject, award code) → the eligibility cell as the table shows it."""
    model = page.model
    return {(model.row_object(r).subject_name, model.row_object(r).award_code):
            model.index(r, ELIGIBILITY_COLUMN).data() for r in range(model.rowCount())}


def save_shot(window: Any, tmp_path: Path, name: str) -> Path:
    window.resize(1366, 697)
    QApplication.processEvents()
    out = tmp_path / f"{name}.png"
    assert window.grab().save(str(out))
    keep = os.environ.get("TDKT_SHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(keep) / out.name))
    return out


# -- the year ------------------------------------------------------------------------------------
def test_a_communes_year_from_the_gui_alone(qtbot: Any, window: Any, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            answered_messages: dict[str, list[str]]) -> None:
    officer = Officer(qtbot, monkeypatch)
    services = window.backend.services

    import_people(qtbot, window, tmp_path, monkeypatch)
    fill_the_grid(qtbot, window, officer)
    edit_person(qtbot, window, officer, INVENTOR, add_initiative(qtbot, officer))
    edit_person(qtbot, window, officer, HEAD, add_head_position(qtbot, officer))
    enter_the_movement(qtbot, window, officer)
    page = create_the_round(qtbot, window, officer)
    # Linked to the movement of its year: no warning over the explanation pane.
    assert "Chọn một đề nghị" in page.explanation.toPlainText()
    assert "⚠" not in page.explanation.toPlainText()

    for _name, _gender, _born, _ethnicity, _position, search, _rating in PEOPLE:
        nominate(qtbot, page, officer, search, "LDTT")
    nominate(qtbot, page, officer, "huong", "CSTDCS")
    qtbot.waitUntil(lambda: not page.model.busy and page.model.rowCount() == len(PEOPLE) + 1,
                    timeout=10_000)
    assert set(shown_rows(page).values()) == {"– chưa kiểm tra"}

    click(qtbot, button(page, "Kiểm tra điều kiện"))
    qtbot.waitUntil(lambda: not page.model.busy and page.model.rowCount() == len(PEOPLE) + 1
                    and all(r.eligibility is not None for r in page.model.rows), timeout=20_000)
    officer.done()

    # What the page shows: nothing left to check; the complete records pass; the head not.
    shown = shown_rows(page)
    expected = {(name, "LDTT"): "✓ Đạt" for name in NAMES if name != HEAD}
    expected[(INVENTOR, "CSTDCS")] = "✓ Đạt"
    expected[(HEAD, "LDTT")] = "✗ Không đạt"
    assert shown == expected
    assert not any("Cần kiểm tra" in text for text in shown.values())
    # The officer's own way to find what is left to check: the filter, which lists none.
    results_filter = page.eligibility_filter
    for status, count in ((ConditionStatus.CHECK, 0), (ConditionStatus.NOT_MET, 1),
                          (None, len(PEOPLE) + 1)):
        results_filter.setCurrentIndex(results_filter.findData(status and status.value))
        qtbot.waitUntil(lambda c=count: not page.model.busy and page.model.total == c
                        and page.model.rowCount() == c, timeout=10_000)
        assert page.count_label.text() == f"{count} đề nghị"

    head_row = next(r for r in range(page.model.rowCount())
                    if page.model.row_object(r).subject_name == HEAD)
    page.table.selectRow(head_row)
    page.table.setCurrentIndex(page.model.index(head_row, 0))
    qtbot.waitUntil(lambda: "không xét khen thưởng" in page.explanation.toPlainText(),
                    timeout=10_000)
    explained = page.explanation.toPlainText()
    assert f"Chỉ thị số {DIRECTIVE}" in explained
    assert f"“{TARGET}” (kế hoạch ≥ 100 %, thực hiện 92,5 %)" in explained
    shot = save_shot(window, tmp_path, "whole-year-rounds")
    assert shot.stat().st_size > 10_000

    # The service, for exactness: every condition of a complete record is met; the head's
    # only failing condition is the target rule, naming the directive and the missed target.
    checked = {r.nomination_id: r
               for r in services.eligibility.check_round(page.round.id, save=False)}
    results = {(r.subject_name, r.award_code): checked[r.id] for r in page.model.rows}
    for key, result in results.items():
        failing = [(c.code, c.status) for c in result.conditions
                   if c.status is not ConditionStatus.MET]
        if key == (HEAD, "LDTT"):
            assert failing == [("head_targets", ConditionStatus.NOT_MET)]
            text = next(c.text for c in result.conditions if c.code == "head_targets")
            assert text == (f"Là người đứng đầu đơn vị không hoàn thành chỉ tiêu được giao theo "
                            f"Chỉ thị số {DIRECTIVE}: “{TARGET}” (kế hoạch ≥ 100 %, thực hiện "
                            "92,5 %) — không xét khen thưởng")
        else:
            assert failing == [], (key, [(c.code, c.text) for c in result.conditions])
            assert result.status is ConditionStatus.MET
    # CSTĐ cơ sở passed on its own conditions, not for want of any.
    cstd = {c.code: c.text for c in results[(INVENTOR, "CSTDCS")].conditions}
    assert {"ldtt", "initiative_co_so", "quota", "registration"} <= set(cstd)
    assert "27/QĐ-UBND" in cstd["initiative_co_so"]
    assert "Đang đề nghị Lao động tiên tiến năm 2026" in cstd["ldtt"]
    assert answered_messages["error"] == []
