"""The "Nhập, xuất Excel" dialog driven from the real window: a template downloaded, filled and
imported (dry run, then apply) with the people then on the People page; a formula cell refused
by name with nothing written; an export re-opened with its Vietnamese header row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTabWidget, QWidget

from desktop.api.excel import EXPORT_KINDS, IMPORT_KINDS
from desktop.api.people import PeopleQuery
from desktop.domain.errors import Cancelled
from desktop.views.dialogs.excel_dialog import ExcelDialog, ExcelFiles

pytestmark = pytest.mark.gui


def button(parent: QWidget, text: str) -> QPushButton:
    """The visible push button showing ``text`` (its "&" accelerator ignored)."""
    found = [b for b in parent.findChildren(QPushButton)
             if b.text().replace("&", "") == text and b.isVisibleTo(parent)]
    assert len(found) == 1, f"{len(found)} buttons “{text}”"
    return found[0]


def click(qtbot: Any, widget: QPushButton) -> None:
    assert widget.isEnabled(), f"“{widget.text()}” is disabled"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def show_tab(dialog: ExcelDialog, title: str) -> None:
    tabs = dialog.findChild(QTabWidget)
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    tabs.setCurrentIndex(titles.index(title))


def open_dialog(qtbot: Any, window: Any, page_key: str, text: str) -> ExcelDialog:
    page = window.navigate(page_key)
    click(qtbot, button(page, text))
    dialogs = [d for d in page.findChildren(ExcelDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def idle(qtbot: Any, window: Any, dialog: ExcelDialog | None = None) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy and not (dialog and dialog.busy),
                    timeout=20_000)


def person_names(services: Any) -> list[str]:
    return [p.full_name for p in services.people.page(PeopleQuery(), 0, 1000)]


def fill_people(template: Path, target: Path, rows: list[list[object]]) -> None:
    book = load_workbook(template)
    sheet = book["Cá nhân"]
    for row in rows:
        sheet.append(row)
    book.save(target)


def test_template_filled_checked_and_imported(qtbot: Any, main_window: Any, services: Any,
                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              answered_messages: dict[str, list[str]]) -> None:
    template = tmp_path / "mau"  # typed without ".xlsx": the dialog adds it
    monkeypatch.setattr(ExcelFiles, "save_xlsx", classmethod(lambda _c, _p, _t, _s: template))
    dialog = open_dialog(qtbot, main_window, "people", "Nhập từ Excel…")
    assert dialog.windowTitle() == "Nhập, xuất Excel"
    assert dialog.import_kind.currentText() == IMPORT_KINDS["people"]

    show_tab(dialog, "Tải mẫu")
    click(qtbot, button(dialog, "Lưu tệp mẫu…"))
    idle(qtbot, main_window, dialog)
    written = tmp_path / "mau.xlsx"
    assert written.is_file()
    assert str(written) in dialog.template_label.text()
    header = [c.value for c in load_workbook(written)["Cá nhân"][1]]
    assert header[:3] == ["Họ và tên", "Giới tính", "Ngày sinh"]

    filled = tmp_path / "ca-nhan.xlsx"
    fill_people(written, filled, [
        ["Hoàng Văn Nhập", "Nam", "02/03/1985", "Tày", "", "NATAM", "Chủ tịch"],
        ["Vàng Thị Excel", "Nữ", "15/07/1990", "Mông", "", "NATAM", "Văn thư"],
    ])
    monkeypatch.setattr(ExcelFiles, "open_xlsx", classmethod(lambda _c, _p, _f: filled))
    show_tab(dialog, "Nhập")
    click(qtbot, button(dialog, "Chọn tệp…"))
    assert dialog.file_edit.text() == str(filled)
    assert not button(dialog, "Nhập vào").isEnabled()  # not before a check

    click(qtbot, button(dialog, "Kiểm tra"))
    idle(qtbot, main_window, dialog)
    assert "Thêm mới: 2" in dialog.counts_label.text()
    assert "chưa ghi gì" in dialog.summary_label.text()
    assert dialog.problems_model.rowCount() == 0
    assert person_names(services) == []  # a dry run writes nothing
    apply = button(dialog, "Nhập vào")
    assert apply.isEnabled()

    # Another option than the one checked: the check no longer vouches for the import.
    dialog.update_existing.setChecked(True)
    assert not apply.isEnabled()
    dialog.update_existing.setChecked(False)
    click(qtbot, button(dialog, "Kiểm tra"))
    idle(qtbot, main_window, dialog)

    click(qtbot, apply)
    idle(qtbot, main_window, dialog)
    assert dialog.summary_label.text().startswith("Đã nhập")
    assert not apply.isEnabled()  # imported: a second import needs a new check
    assert sorted(person_names(services)) == ["Hoàng Văn Nhập", "Vàng Thị Excel"]
    assert answered_messages["error"] == []

    dialog.reject()
    page = main_window.page("people")
    qtbot.waitUntil(lambda: page.model.total == 2 and not page.model.busy, timeout=10_000)
    shown = {page.model.person(r).full_name for r in range(page.model.rowCount())}
    assert shown == {"Hoàng Văn Nhập", "Vàng Thị Excel"}


def test_formula_cell_refused_by_name_and_nothing_written(
        qtbot: Any, main_window: Any, services: Any, sample_people: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, answered_messages: dict[str, list[str]]) -> None:
    before = sorted(person_names(services))
    template = services.excel.template("people", tmp_path / "mau.xlsx")
    bad = tmp_path / "cong-thuc.xlsx"
    fill_people(Path(template), bad, [
        ["Hoàng Văn Nhập", "Nam", "02/03/1985", "Tày", "", "NATAM", ""],
        ["Vàng Thị Excel", "Nữ", "=DATE(1990,7,15)", "Mông", "", "NATAM", ""],
    ])
    monkeypatch.setattr(ExcelFiles, "open_xlsx", classmethod(lambda _c, _p, _f: bad))
    dialog = main_window.open_excel()
    assert isinstance(dialog, ExcelDialog)
    dialog.import_kind.setCurrentIndex(dialog.import_kind.findData("people"))
    click(qtbot, button(dialog, "Chọn tệp…"))
    click(qtbot, button(dialog, "Kiểm tra"))
    idle(qtbot, main_window, dialog)

    model = dialog.problems_model
    assert model.rowCount() == 1
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert cells[0] == "Cá nhân" and cells[1] == "3" and cells[2] == "Ngày sinh"
    assert cells[3] == "C3" and "ô C3 là công thức" in cells[4]
    assert "1 lỗi" in dialog.summary_label.text()
    assert not button(dialog, "Nhập vào").isEnabled()
    assert button(dialog, "Lưu báo cáo…").isEnabled()
    assert sorted(person_names(services)) == before
    assert answered_messages["error"] == []  # shown in the table, not as a box

    # The report of the refused file can be saved, as text here.
    report = tmp_path / "bao-cao.txt"
    monkeypatch.setattr(ExcelFiles, "save_report", classmethod(lambda _c, _p, _s: report))
    click(qtbot, button(dialog, "Lưu báo cáo…"))
    idle(qtbot, main_window, dialog)
    assert "ô C3" in report.read_text(encoding="utf-8")
    dialog.reject()


def test_not_an_xlsx_ends_in_a_vietnamese_message(
        qtbot: Any, main_window: Any, services: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, answered_messages: dict[str, list[str]]) -> None:
    fake = tmp_path / "ca-nhan.xlsx"
    fake.write_text("không phải tệp Excel", encoding="utf-8")
    monkeypatch.setattr(ExcelFiles, "open_xlsx", classmethod(lambda _c, _p, _f: fake))
    dialog = open_dialog(qtbot, main_window, "units", "Nhập từ Excel…")
    assert dialog.import_kind.currentData() == "units"
    click(qtbot, button(dialog, "Chọn tệp…"))
    click(qtbot, button(dialog, "Kiểm tra"))
    idle(qtbot, main_window, dialog)
    assert "ca-nhan.xlsx không phải tệp Excel .xlsx" in dialog.summary_label.text()
    assert any("không phải tệp Excel" in text for text in answered_messages["error"])
    assert not button(dialog, "Nhập vào").isEnabled()
    assert person_names(services) == []
    dialog.reject()


@pytest.mark.parametrize("outcome", ["cancelled", "bug"])
def test_cancel_or_unexpected_failure_ends_in_vietnamese(
        qtbot: Any, main_window: Any, services: Any, tmp_path: Path, outcome: str,
        monkeypatch: pytest.MonkeyPatch, answered_messages: dict[str, list[str]]) -> None:
    """Huỷ on the progress window, or a file the reader chokes on: a Vietnamese line, never
    the crash window, and nothing written."""
    template = Path(services.excel.template("people", tmp_path / "mau.xlsx"))
    monkeypatch.setattr(ExcelFiles, "open_xlsx", classmethod(lambda _c, _p, _f: template))

    def dry_run(*_args: Any, **_kwargs: Any) -> Any:
        if outcome == "cancelled":
            raise Cancelled("Đã hủy theo yêu cầu của người dùng.")
        raise KeyError("xl/worksheets/sheet1.xml")

    monkeypatch.setattr(services.excel, "dry_run", dry_run)
    dialog = main_window.open_excel()
    click(qtbot, button(dialog, "Chọn tệp…"))
    click(qtbot, button(dialog, "Kiểm tra"))
    idle(qtbot, main_window, dialog)
    if outcome == "cancelled":
        assert dialog.summary_label.text() == "Đã dừng; không ghi gì."
        assert answered_messages["error"] == []
    else:
        assert dialog.summary_label.text().startswith("Không đọc được tệp mau.xlsx")
        assert answered_messages["error"] == [dialog.summary_label.text()]
    assert not button(dialog, "Nhập vào").isEnabled()
    assert button(dialog, "Kiểm tra").isEnabled()  # the officer can try again
    assert person_names(services) == []
    dialog.reject()


def test_export_people_reopens_with_vietnamese_headers(
        qtbot: Any, main_window: Any, sample_people: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, answered_messages: dict[str, list[str]]) -> None:
    target = tmp_path / "ca-nhan"
    monkeypatch.setattr(ExcelFiles, "save_xlsx", classmethod(lambda _c, _p, _t, _s: target))
    dialog = open_dialog(qtbot, main_window, "people", "Xuất Excel…")
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Xuất"
    assert dialog.export_kind.currentText() == EXPORT_KINDS["people"]
    click(qtbot, button(dialog, "Xuất…"))
    idle(qtbot, main_window, dialog)
    written = tmp_path / "ca-nhan.xlsx"
    assert str(written) in dialog.export_label.text()
    assert "5" in dialog.export_label.text()
    sheet = load_workbook(written).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Họ và tên", "Giới tính", "Ngày sinh"]
    assert sheet.freeze_panes == "A2"
    names = {sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)}
    assert names == {p.full_name for p in sample_people}
    assert answered_messages["error"] == []
    dialog.reject()


def test_export_filtered_by_unit_and_every_kind_listed(
        qtbot: Any, main_window: Any, sample_people: Any, find_unit: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = main_window.open_excel("export")
    assert [dialog.export_kind.itemData(i) for i in range(dialog.export_kind.count())] == \
        list(EXPORT_KINDS)
    dialog.export_kind.setCurrentIndex(dialog.export_kind.findData("people"))
    dialog.unit_picker.set_unit(find_unit("TANPHONG"))
    target = tmp_path / "tan-phong.xlsx"
    monkeypatch.setattr(ExcelFiles, "save_xlsx", classmethod(lambda _c, _p, _t, _s: target))
    click(qtbot, button(dialog, "Xuất…"))
    idle(qtbot, main_window, dialog)
    sheet = load_workbook(target).worksheets[0]
    names = {sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)}
    assert names == {"Lò Văn Páo", "Trần Thị Ánh"}
    dialog.reject()


def test_excel_menu_action_opens_the_dialog(qtbot: Any, main_window: Any) -> None:
    main_window.excel_action.trigger()
    dialogs = [d for d in main_window.findChildren(ExcelDialog) if d.isVisible()]
    assert len(dialogs) == 1
    tabs = dialogs[0].tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Nhập", "Xuất", "Tải mẫu"]
    dialogs[0].reject()

