"""The Documents screen and the Tạo văn bản dialog, driven through the real windows: templates
listed with their fields, editing in Word (the opener replaced), restoring the shipped one, a
broken template refused with its Vietnamese reason, a decision rendered from the rounds screen
and read back with python-docx, a refused render that writes nothing, and a cancelled batch."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import docx
import pytest
from document_world import DocumentWorld, build_document_world
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.services.documents import TEMPLATES
from desktop.tasks.progress_dialog import TaskProgressDialog
from desktop.tasks.runner import on_gui_thread
from desktop.views.dialogs.render_dialog import RenderDialog
from desktop.views.messages import FileDialogs, Messages, SystemOpener

pytestmark = pytest.mark.gui

SHIPPED = Path(__file__).resolve().parents[2] / "desktop" / "templates_docx"


def all_text(path: Path) -> str:
    """Every paragraph of the document, including those inside tables."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return "\n".join(texts)


def row_of(page: Any, key: str) -> Any:
    return next(info for info in page.model.rows if info.spec.key == key)


def column_text(page: Any, key: str, column: int) -> str:
    row = next(i for i, info in enumerate(page.model.rows) if info.spec.key == key)
    return page.model.data(page.model.index(row, column))


@pytest.fixture
def documents_page(qtbot: Any, main_window: Any) -> Any:
    page = main_window.navigate("documents")
    qtbot.waitUntil(lambda: len(page.reports) == len(TEMPLATES), timeout=10_000)
    return page


@pytest.fixture
def world(services: Any) -> DocumentWorld:
    return build_document_world(services)


def test_page_lists_every_template_with_its_fields(qtbot: Any, documents_page: Any) -> None:
    page = documents_page
    assert page.model.rowCount() == len(TEMPLATES)
    assert {info.spec.key for info in page.model.rows} == {t.key for t in TEMPLATES}
    assert {column_text(page, t.key, 3) for t in TEMPLATES} == {"✓ Hợp lệ"}
    assert column_text(page, "quyet_dinh", 1) == "Quyết định khen thưởng"
    assert column_text(page, "quyet_dinh", 2) == "Mẫu gốc"

    page.select("quyet_dinh")
    assert page.title.text() == "Quyết định khen thưởng"
    assert "Mẫu hợp lệ" in page.check_view.toPlainText()
    tokens = {page.fields.topLevelItem(i).text(0): page.fields.topLevelItem(i)
              for i in range(page.fields.topLevelItemCount())}
    assert "{{ so_ky_hieu }}" in tokens
    assert "Số và ký hiệu văn bản" in tokens["{{ so_ky_hieu }}"].text(1)
    groups = tokens["{%tr for g in nhom %}"]
    children = [groups.child(i).text(0) for i in range(groups.childCount())]
    assert "{{ g.tieu_de }}" in children and "{%tr for r in g.dong %}" in children
    assert children[-1] == "{%tr endfor %}"
    rows = groups.child(children.index("{%tr for r in g.dong %}"))
    assert "{{ r.so_tien }}" in [rows.child(i).text(0) for i in range(rows.childCount())]
    grounds = tokens["{%p for c in can_cu %}"]  # paragraphs repeat with {%p …%}
    assert grounds.child(grounds.childCount() - 1).text(0) == "{%p endfor %}"

    page.fields.setCurrentItem(tokens["{{ so_ky_hieu }}"])
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "{{ so_ky_hieu }}"


def test_edit_copy_then_restore_the_shipped_template(qtbot: Any, documents_page: Any,
                                                     paths: Any, monkeypatch: Any) -> None:
    page = documents_page
    opened: list[Path] = []
    monkeypatch.setattr(SystemOpener, "open", classmethod(lambda cls, p: opened.append(p) or True))
    copied_on: list[bool] = []
    edit_copy = page.documents.edit_copy
    monkeypatch.setattr(page.documents, "edit_copy",
                        lambda key: copied_on.append(on_gui_thread()) or edit_copy(key))
    page.select("to_trinh")
    assert not page.restore_button.isEnabled()
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert not page.edit_button.isEnabled()  # until the copy is made: no second copy

    copy = paths.templates / "to_trinh.docx"
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert copied_on == [False]  # the file was written off the GUI thread
    assert opened == [copy] and copy.exists()
    assert page.edit_button.isEnabled()
    assert row_of(page, "to_trinh").customised
    assert column_text(page, "to_trinh", 2).startswith("Mẫu đã sửa (")
    assert str(copy) in page.location.text()
    assert page.restore_button.isEnabled()

    questions: list[str] = []
    notes: list[str] = []
    monkeypatch.setattr(Messages, "confirm",
                        classmethod(lambda cls, parent, text, **k: questions.append(text) or True))
    monkeypatch.setattr(Messages, "info",
                        classmethod(lambda cls, parent, text, title="": notes.append(text)))
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(notes), timeout=10_000)
    assert "Tờ trình đề nghị khen thưởng" in questions[0]
    assert not copy.exists()
    kept = list((paths.templates / "cu").glob("to_trinh-*.docx"))
    assert len(kept) == 1 and str(kept[0]) in notes[0]
    assert column_text(page, "to_trinh", 2) == "Mẫu gốc"
    assert not page.restore_button.isEnabled()


def test_broken_template_file_is_refused_with_the_reason(qtbot: Any, documents_page: Any,
                                                         paths: Any, tmp_path: Path,
                                                         monkeypatch: Any) -> None:
    page = documents_page
    broken = tmp_path / "quyết định của tôi.docx"
    document = docx.Document(str(SHIPPED / "quyet_dinh.docx"))
    document.add_paragraph("Số quyết định: {{ so_quyet_dinh }}")
    document.save(str(broken))
    monkeypatch.setattr(FileDialogs, "open_file", classmethod(lambda cls, *a: broken))
    errors: list[str] = []
    monkeypatch.setattr(Messages, "error",
                        classmethod(lambda cls, parent, text, title="": errors.append(text)))
    page.select("quyet_dinh")
    qtbot.mouseClick(page.install_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert len(errors) == 1
    assert "quyết định của tôi.docx" in errors[0]
    assert "trường “so_quyet_dinh” không có trong danh sách trường" in errors[0]
    assert "so_quyet_dinh" in page.check_view.toPlainText()
    assert not (paths.templates / "quyet_dinh.docx").exists()
    assert column_text(page, "quyet_dinh", 2) == "Mẫu gốc"


def drive_dialog(qtbot: Any, monkeypatch: Any, prepare: Any) -> list[RenderDialog]:
    """Replace RenderDialog.ask: build the real dialog with the caller's preselection and let
    ``prepare(dialog)`` fill it in and press its buttons."""
    seen: list[RenderDialog] = []

    def ask(cls: Any, parent: Any, services: Any, runner: Any, **preselect: Any) -> None:
        dialog = RenderDialog(services, runner, parent, **preselect)
        qtbot.addWidget(dialog)
        dialog.show()
        seen.append(dialog)
        prepare(dialog)

    monkeypatch.setattr(RenderDialog, "ask", classmethod(ask))
    return seen


def test_decision_rendered_from_the_rounds_screen(qtbot: Any, main_window: Any, world: Any,
                                                  tmp_path: Path, monkeypatch: Any) -> None:
    target = tmp_path / "out" / "Quyết định 05.docx"

    def prepare(dialog: RenderDialog) -> None:
        assert dialog.template.currentData() == "quyet_dinh"
        assert dialog.decision_combo.currentData() == world.decision_id
        assert "05/QĐ-UBND" in dialog.decision_combo.currentText()
        assert not dialog.form.isRowVisible(dialog.signer)  # the decision brings its signer
        dialog.output.setText(str(target))
        qtbot.mouseClick(dialog.render_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)

    dialogs = drive_dialog(qtbot, monkeypatch, prepare)
    page = main_window.navigate("rounds")
    page.tabs.setCurrentWidget(page.decision)
    assert page.decision.document_button.isEnabled()
    page.decision.document_actions["quyet_dinh"].trigger()

    dialog = dialogs[0]
    assert dialog.made is not None and dialog.made.files == (target,)
    assert str(target) in dialog.result_label.text()
    assert dialog.open_document_button.isVisible()
    text = all_text(target)
    assert "05/QĐ-UBND" in text
    assert "Về việc tặng Giấy khen năm 2026" in text
    opened: list[Path] = []
    monkeypatch.setattr(SystemOpener, "open", classmethod(lambda cls, p: opened.append(p) or True))
    qtbot.mouseClick(dialog.open_document_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [target, target.parent]


def test_refused_render_shows_the_reason_and_writes_nothing(qtbot: Any, main_window: Any,
                                                            world: Any, paths: Any,
                                                            tmp_path: Path,
                                                            monkeypatch: Any) -> None:
    edited = docx.Document(str(SHIPPED / "bien_ban_hoi_dong.docx"))
    edited.add_paragraph("Thư ký: {{ thu_ky_hoi_dong }}")
    paths.templates.mkdir(parents=True, exist_ok=True)
    edited.save(str(paths.templates / "bien_ban_hoi_dong.docx"))
    target = tmp_path / "Biên bản.docx"

    def prepare(dialog: RenderDialog) -> None:
        assert dialog.template.currentData() == "bien_ban_hoi_dong"
        assert dialog.meeting_combo.currentData() == world.meeting_id
        dialog.output.setText(str(target))
        qtbot.mouseClick(dialog.render_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10_000)

    dialogs = drive_dialog(qtbot, monkeypatch, prepare)
    page = main_window.navigate("rounds")
    page.tabs.setCurrentWidget(page.council)
    assert page.council.minutes_button.isEnabled()  # the meeting is closed, its minutes remain
    qtbot.mouseClick(page.council.minutes_button, Qt.MouseButton.LeftButton)

    message = dialogs[0].message.text()
    assert "Không dùng được mẫu đã sửa" in message and "thu_ky_hoi_dong" in message
    assert dialogs[0].made is None
    assert not target.exists() and list(tmp_path.glob("*.docx")) == []


def test_batch_of_reports_can_be_cancelled(qtbot: Any, main_window: Any, world: Any,
                                           services: Any, tmp_path: Path,
                                           monkeypatch: Any) -> None:
    folder = tmp_path / "Báo cáo"
    first_written, go_on = threading.Event(), threading.Event()
    real_batch = services.documents.render_batch

    def slow_batch(*args: Any, progress: Any, **kwargs: Any) -> Any:
        def report(done: int, total: int, label: str = "") -> None:
            progress(done, total, label)
            first_written.set()
            go_on.wait(10)

        return real_batch(*args, progress=report, **kwargs)

    monkeypatch.setattr(services.documents, "render_batch", slow_batch)

    def prepare(dialog: RenderDialog) -> None:
        assert dialog.template.currentData() == "bao_cao_thanh_tich_ca_nhan"
        qtbot.waitUntil(lambda: dialog.nominations.count() > 0, timeout=10_000)  # background
        assert dialog.nominations.count() == 3  # the round's individuals only
        assert len(dialog.checked_nominations()) == 3
        assert dialog.output_label.text() == "Thư mục"
        dialog.output.setText(str(folder))
        qtbot.mouseClick(dialog.render_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(first_written.is_set, timeout=10_000)
        progress = dialog.findChild(TaskProgressDialog)
        qtbot.waitUntil(lambda: progress.isVisible(), timeout=5_000)
        qtbot.mouseClick(progress._cancel_button, Qt.MouseButton.LeftButton)
        go_on.set()
        qtbot.waitUntil(lambda: dialog.task.done, timeout=10_000)

    dialogs = drive_dialog(qtbot, monkeypatch, prepare)
    notes: list[str] = []
    monkeypatch.setattr(main_window, "notify", lambda text, msecs=8000: notes.append(text))
    page = main_window.navigate("rounds")
    qtbot.waitUntil(lambda: not page.model.busy and page.model.rowCount() > 0)  # background
    page.table.selectAll()
    page.table.setCurrentIndex(page.model.index(
        next(r for r in range(page.model.rowCount())
             if page.model.index(r, 0).data() == "Tòng Thị Hường"), 0))
    page.table.selectAll()
    page.reports_action.trigger()

    assert notes and "2" in notes[0]  # the school and the household use other templates / none
    dialog = dialogs[0]
    assert dialog.task.outcome == "cancelled"
    assert "Đã dừng" in dialog.result_label.text()
    written = sorted(folder.glob("*.docx"))
    assert len(written) == 1  # the first report stays; the rest were never made
    assert dialog.open_folder_button.isVisible()
