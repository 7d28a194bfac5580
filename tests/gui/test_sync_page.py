"""The "Đồng bộ (gói dữ liệu)" page driven like an officer, over real offices (each with its own
database, tests/unit/sync_world.py): a commune writes its package through the page, the
province confirms the sender by fingerprint, previews, decides a conflict in the table and
imports; the history and the trust list follow, and a revoked sender is refused.

Screenshots of the import preview with a conflict and of the trust prompt (1366×768) go to the
test's folder and, when ``TDKT_SCREENSHOTS=<folder>`` is set, there too."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton, QWidget

from desktop.api.nominations import NominationQuery
from desktop.api.sync import Action, PackageKind, Resolution, TrustState
from desktop.app import ServiceBackend
from desktop.domain.enums import Gender, NominationStatus, RoundKind, SignerCapacity, UnitKind
from desktop.paths import app_paths
from desktop.services.council import MeetingInput
from desktop.services.decisions import DecisionInput
from desktop.services.people import PeopleQuery, PersonInput
from desktop.services.rounds import RoundInput
from desktop.settings import UiSettings
from desktop.views.dialogs.sync_report_dialog import ImportOutcome, SyncReportDialog, report_text
from desktop.views.dialogs.sync_trust_dialog import TrustDialog
from desktop.views.itemmodels.sync_preview_model import CHOICE
from desktop.views.main_window import MainWindow
from desktop.views.messages import Messages
from desktop.views.pages.sync_import import PackageFiles
from desktop.views.pages.sync_page import SyncPage
from tests.unit.sync_world import PROVINCE, Office, commune_with_nominations, export_up, open_office

pytestmark = pytest.mark.gui

CCCD_B = "011085000123"  # the CCCD conflict of tests/unit/test_sync_flow.py
SCREEN = QSize(1366, 768)
COMMUNE = ("Ủy ban nhân dân xã Bản Bo", "XBB")
S = NominationStatus


@pytest.fixture
def shots(tmp_path: Path) -> list[Path]:
    folders = [tmp_path / "shots"]
    if os.environ.get("TDKT_SCREENSHOTS"):
        folders.append(Path(os.environ["TDKT_SCREENSHOTS"]))
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    return folders


def _save(pixmap: QPixmap, folders: list[Path], name: str) -> None:
    for folder in folders:
        path = folder / f"{name}.png"
        assert pixmap.save(str(path)), path
        assert path.stat().st_size > 5_000


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The province (which already knows Páo, CCCD and all) with a round to receive into, and
    the commune of Bản Bo that proposes Páo."""
    root = tmp_path / "offices"
    province = open_office(root, *PROVINCE, UnitKind.PROVINCE)
    commune, commune_round, nominations = commune_with_nominations(
        root, *COMMUNE, [("Vàng Văn Páo", Gender.MALE, CCCD_B)])
    p = province.services
    p_root = p.units.children(None)[0].id
    known = p.people.create(PersonInput("Vàng Văn Páo", Gender.MALE, p_root, date(1985, 3, 2),
                                        "Thái", CCCD_B))
    p_round = p.rounds.create(RoundInput("Khen thưởng tổng kết năm 2026 (cấp tỉnh)", 2026,
                                         RoundKind.YEAR_END, office_unit_id=p_root)).id
    yield {"province": province, "commune": commune, "commune_round": commune_round,
           "nominations": nominations, "known": known, "p_round": p_round,
           "usb": tmp_path / "usb"}
    for office in (province, commune):
        office.services.close()


@pytest.fixture
def open_window(qtbot: Any) -> Iterator[Any]:
    windows: list[MainWindow] = []

    def make(office: Office) -> MainWindow:
        window = MainWindow(ServiceBackend(office.services),
                            UiSettings(app_paths(office.home).config), remember_state=False)
        window.runner.show_error = Messages.error
        qtbot.addWidget(window)
        window.resize(SCREEN)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.runner.wait_for_done(10_000)
    QApplication.processEvents()


def idle(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20_000)
    QApplication.processEvents()


def sync_page(qtbot: Any, window: MainWindow) -> SyncPage:
    page = window.navigate("sync")
    assert isinstance(page, SyncPage)
    idle(qtbot, window)
    return page


def button(root: QWidget, text: str) -> QPushButton:
    found = [b for b in root.findChildren(QPushButton) if b.text() == text]
    assert len(found) == 1, (text, [b.text() for b in root.findChildren(QPushButton)])
    return found[0]


def tab(page: SyncPage, title: str) -> QWidget:
    for i in range(page.tabs.count()):
        if page.tabs.tabText(i) == title:
            page.tabs.setCurrentIndex(i)
            return page.tabs.widget(i)
    raise AssertionError([page.tabs.tabText(i) for i in range(page.tabs.count())])


def table_texts(view: Any) -> list[list[str]]:
    model = view.model()
    return [[str(model.index(r, c).data() or "") for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def clipped_titles(view: Any) -> list[str]:
    header = view.horizontalHeader()
    metrics = header.fontMetrics()
    titles = [str(view.model().headerData(c, Qt.Orientation.Horizontal) or "")
              for c in range(header.count())]
    return [t for c, t in enumerate(titles)
            if metrics.horizontalAdvance(t) + 8 > header.sectionSize(c)]


# -- export ----------------------------------------------------------------------------------------
def test_commune_writes_its_package_through_the_page(qtbot: Any, offices: dict[str, Any],
                                                     open_window: Any, shots: list[Path],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    commune: Office = offices["commune"]
    window = open_window(commune)
    page = sync_page(qtbot, window)
    export = tab(page, "Xuất gói")
    assert export is page.export_tab
    tab_ = page.export_tab
    # The commune's only round is chosen; its "Đã gửi" nomination is counted before writing.
    assert tab_.up_round.currentData() == offices["commune_round"]
    qtbot.waitUntil(lambda: tab_.write_button.isEnabled(), timeout=10_000)
    counts = dict((row[0], row[1]) for row in table_texts(tab_.counts_view))
    assert counts["Cá nhân"] == "1" and counts["Đề nghị khen thưởng"] == "1"
    assert counts["Kết quả xếp loại"] == "2"
    assert "Ủy ban nhân dân tỉnh Lai Châu" in tab_.summary_label.text()
    assert "bản ghi" in tab_.summary_label.text()

    # "Only the ticked ones" with nothing ticked: said plainly, nothing can be written.
    tab_.only_checked.setChecked(True)
    tab_.set_checked([])
    assert not tab_.write_button.isEnabled()
    assert "Đánh dấu các đề nghị cần gửi" in tab_.summary_label.text()
    tab_.set_checked(offices["nominations"])
    qtbot.waitUntil(lambda: tab_.write_button.isEnabled(), timeout=10_000)

    # A place that cannot hold the file (a file where the folder should be): said in
    # Vietnamese, nothing written, nothing logged.
    errors: list[str] = []
    monkeypatch.setattr(Messages, "error",
                        classmethod(lambda _c, _p, text, *_a, **_k: errors.append(text)))
    blocker = offices["usb"] / "khong_phai_thu_muc"
    blocker.parent.mkdir()
    blocker.write_text("", encoding="utf-8")
    gone = blocker / "goi.tdkt"
    monkeypatch.setattr(PackageFiles, "save", classmethod(lambda _c, _p, _s: gone))
    qtbot.mouseClick(button(export, "Ghi gói…"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
    assert "không ghi được" in errors[0] and "Traceback" not in errors[0]
    assert commune.services.sync.history() == [] and not gone.exists()
    assert not tab_.result_box.isVisible()
    qtbot.waitUntil(lambda: tab_.write_button.isEnabled(), timeout=10_000)

    asked: list[Path] = []
    target = offices["usb"] / "goi_len_ban_bo.tdkt"

    def save(_cls: Any, _parent: Any, suggested: Path) -> Path:
        asked.append(suggested)
        return target

    monkeypatch.setattr(PackageFiles, "save", classmethod(save))
    qtbot.mouseClick(button(export, "Ghi gói…"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab_.result_box.isVisible(), timeout=20_000)
    assert asked[0].name.startswith("len_XBB_") and asked[0].suffix == ".tdkt"
    assert target.is_file()
    fingerprint = commune.services.sync.key_info().fingerprint
    assert tab_.result_fingerprint.text() == fingerprint
    assert target.name in tab_.result_label.text()
    assert str(target.parent) in tab_.result_label.text()
    rows = table_texts(tab_.nominations_view)  # the round's nomination, ticked
    assert rows == [["Vàng Văn Páo", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
                     "Đã gửi"]]
    _save(window.grab(), shots, "sync-export-written")
    # The package is what the province will read: signed by this office, one nomination.
    idle(qtbot, window)
    history = tab(page, "Lịch sử")
    rows = table_texts(page.history_tab.table)
    assert len(rows) == 1 and rows[0][1] == "Gửi đi" and rows[0][5] == "Chờ biên nhận"
    assert rows[0][3] == "Ủy ban nhân dân tỉnh Lai Châu" and history is page.history_tab
    keys = tab(page, "Khóa và tin cậy")
    assert page.keys_tab.fingerprint_label.text() == fingerprint and keys is page.keys_tab


# -- import ----------------------------------------------------------------------------------------
def _drive_trust_prompt(qtbot: Any, window: MainWindow, seen: dict[str, Any],
                        shots: list[Path]) -> Any:
    def ask(cls: type[TrustDialog], parent: Any, sync: Any, runner: Any, header: Any) -> Any:
        dialog = cls(parent, sync, runner, header)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        seen["office"] = dialog.office_label.text()
        seen["fingerprint"] = dialog.fingerprint_label.text()
        assert not dialog.trust_button.isEnabled()  # nothing typed yet
        # A code that does not match: the service's Vietnamese refusal, nothing trusted.
        dialog.code_edit.setText("AAAA-BBBB-CCCC-DDDD")
        qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
        seen["error"] = dialog.error_label.text()
        seen["trusted_after_error"] = len(sync.trusted_senders())
        _save(_over_window(window, dialog), shots, "sync-trust-prompt")
        # What the sender read on the phone, typed in lower case without dashes.
        dialog.code_edit.setText(header.fingerprint.replace("-", "").lower())
        qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
        seen["done"] = True
        return dialog.trusted

    return classmethod(ask)


def _over_window(window: MainWindow, dialog: QWidget) -> QPixmap:
    """The window with the dialog drawn where a window manager centres it, with a plain title
    bar (the offscreen platform draws no window frames)."""
    shot = window.grab()
    over = dialog.grab()
    bar = 28
    left = (shot.width() - over.width()) // 2
    top = (shot.height() - over.height() - bar) // 2
    painter = QPainter(shot)
    painter.fillRect(left - 1, top - 1, over.width() + 2, over.height() + bar + 2,
                     QColor("#7a8694"))
    painter.fillRect(left, top, over.width(), bar, QColor("#dfe5ec"))
    painter.setPen(QColor("#1f2933"))
    painter.drawText(left + 10, top, over.width() - 20, bar,
                     int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                     dialog.windowTitle())
    painter.drawPixmap(QPoint(left, top + bar), over)
    painter.end()
    return shot


def test_province_trusts_previews_resolves_and_imports(qtbot: Any, offices: dict[str, Any],
                                                       open_window: Any, shots: list[Path],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    province: Office = offices["province"]
    p = province.services
    package = export_up(offices["commune"], offices["commune_round"], offices["usb"] / "len_xbb")
    window = open_window(province)
    page = sync_page(qtbot, window)
    import_tab = tab(page, "Nhập gói")
    it = page.import_tab
    assert import_tab is it and not it.import_button.isEnabled()

    seen: dict[str, Any] = {}
    monkeypatch.setattr(TrustDialog, "ask", _drive_trust_prompt(qtbot, window, seen, shots))
    monkeypatch.setattr(PackageFiles, "open_many", classmethod(lambda _c, _p, _f: [package]))
    qtbot.mouseClick(button(import_tab, "Chọn tệp gói…"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: seen.get("done", False), timeout=20_000)
    header = p.sync.inspect(package)
    assert seen["office"] == "Ủy ban nhân dân xã Bản Bo"
    assert seen["fingerprint"] == header.fingerprint
    assert "không khớp" in seen["error"] and "gọi điện" in seen["error"]
    assert seen["trusted_after_error"] == 0
    assert header.trust is TrustState.TRUSTED
    assert [r.office_name for r in p.sync.trusted_senders()] == ["Ủy ban nhân dân xã Bản Bo"]

    # An upward package with nominations waits for the receiving round.
    idle(qtbot, window)
    entry = it.entries[0]
    assert entry.header is not None and entry.header.kind is PackageKind.UPWARD
    assert table_texts(it.packages_view)[0] == ["Ủy ban nhân dân xã Bản Bo", "Cần chọn đợt nhận"]
    assert not it.import_button.isEnabled()
    before = province.digest()
    it.round_combo.setCurrentIndex(it.round_combo.findData(offices["p_round"]))
    qtbot.waitUntil(lambda: entry.preview is not None, timeout=20_000)
    idle(qtbot, window)

    # Counts per entity and action on top; the CCCD conflict blocks the import.
    counts = {row[0]: row[1:] for row in table_texts(it.counts_view)}
    actions = [a.label for a in Action]
    assert counts["Cá nhân"][actions.index("Xung đột")] == "1"
    assert counts["Đề nghị khen thưởng"][actions.index("Thêm mới")] == "1"
    assert table_texts(it.packages_view)[0][1] == "1 xung đột chưa xử lý"
    assert not it.import_button.isEnabled()
    assert "1 xung đột" in it.conflicts_label.text()
    assert "1 xung đột" in it.state_label.text()

    # Filter to the conflicts; the row shows no choice yet and compares side by side.
    it.filter_to(action=Action.CONFLICT)
    rows = table_texts(it.preview_view)
    assert len(rows) == 1 and rows[0][0] == "Cá nhân" and rows[0][2] == "Xung đột"
    assert rows[0][CHOICE] == "— chọn —"
    assert "CCCD" in rows[0][3]
    it.preview_view.selectRow(0)
    compare = [[it.compare_table.item(r, c).text() for c in range(3)]
               for r in range(it.compare_table.rowCount())]
    assert compare[0] == ["Bản ghi", "Vàng Văn Páo (sinh 02/03/1985)", "Vàng Văn Páo (sinh 1985)"]
    # field by field, in words: the units by name, not by their UUIDs
    assert ["Đơn vị", PROVINCE[0], COMMUNE[0]] in compare
    assert not it.compare_table.verticalScrollBar().isVisible()  # every row in view
    assert [b.text() for b in it.option_buttons] == ["Gộp vào bản ghi đã có",
                                                     "Không nhập bản ghi này"]
    it.filter_to()
    it.filter_to(entity="people")
    assert len(table_texts(it.preview_view)) == 1
    it.filter_to()
    assert len(table_texts(it.preview_view)) == len(entry.preview.items)
    # Sorted by action, conflicts first.
    assert table_texts(it.preview_view)[0][2] == "Xung đột"
    it.preview_view.selectRow(0)
    QApplication.processEvents()
    _save(window.grab(), shots, "sync-import-preview-conflict")
    for view in (it.preview_view, it.counts_view, it.packages_view):  # fits 1366 px, uncut
        assert not view.horizontalScrollBar().isVisible()
        assert clipped_titles(view) == []
    assert province.digest() == before  # a preview writes nothing

    # Decide it in the table: the combo box of the "how to handle" cell.
    index = it.proxy.index(0, CHOICE)
    it.preview_view.setCurrentIndex(index)
    it.preview_view.edit(index)
    editors = [c for c in it.preview_view.viewport().findChildren(QComboBox) if c.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "Gộp vào bản ghi đã có", "Không nhập bản ghi này"]
    editor.setCurrentIndex(editor.findData(Resolution.MERGE.value))
    QApplication.processEvents()
    conflict = entry.preview.conflicts[0]
    assert it.preview_model.choice(conflict) is Resolution.MERGE
    assert table_texts(it.preview_view)[0][CHOICE] == "Gộp vào bản ghi đã có"
    assert it.option_buttons[0].isChecked()
    assert it.import_button.isEnabled()
    assert table_texts(it.packages_view)[0][1] == "Sẵn sàng nhập"

    reports: list[list[ImportOutcome]] = []
    shown: list[str] = []

    def report_dialog(cls: type[SyncReportDialog], parent: Any, outcomes: Any) -> None:
        dialog = cls(parent, outcomes)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        shown.append(dialog.text.toPlainText())
        assert dialog.folder_button.isEnabled()  # there is a receipt to send back
        _save(_over_window(window, dialog), shots, "sync-import-report")
        reports.append(list(outcomes))

    monkeypatch.setattr(SyncReportDialog, "ask", classmethod(report_dialog))
    qtbot.mouseClick(it.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(reports), timeout=30_000)
    idle(qtbot, window)
    outcome = reports[0][0]
    assert outcome.report is not None and str(outcome.report.backup_path) in shown[0]
    assert outcome.applied and outcome.report is not None
    assert outcome.report.backup_path is not None and outcome.report.backup_path.exists()
    assert outcome.report.receipt_path is not None and outcome.report.receipt_path.exists()
    text = report_text(reports[0])
    assert "1 trên 1 gói" in text and str(outcome.report.receipt_path) in text
    assert table_texts(it.packages_view)[0][1] == "Đã nhập"
    assert not it.import_button.isEnabled()

    # In the province's database: the nomination, on the person the province already had.
    received = p.nominations.page(NominationQuery(offices["p_round"]), 0, 50)
    assert [n.subject_name for n in received] == ["Vàng Văn Páo"]
    assert received[0].person_id == offices["known"].id
    assert p.people.count(PeopleQuery()) == 1

    # History: the package received, then the receipt written for the sender (newest first).
    tab(page, "Lịch sử")
    qtbot.waitUntil(lambda: page.history_tab.model.rowCount() == 2, timeout=10_000)
    rows = table_texts(page.history_tab.table)
    assert [r[1:4] for r in rows] == [
        ["Gửi đi", "Biên nhận", "Ủy ban nhân dân xã Bản Bo"],
        ["Nhận về", "Hồ sơ đề nghị gửi lên", "Ủy ban nhân dân xã Bản Bo"]]
    assert rows[1][4] == str(sum(header.counts.values()))
    assert rows[0][6] == outcome.report.receipt_path.name
    _save(window.grab(), shots, "sync-history")


def test_revoked_sender_is_refused_and_bad_files_explained(qtbot: Any, offices: dict[str, Any],
                                                           open_window: Any, shots: list[Path],
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    province: Office = offices["province"]
    p = province.services
    package = export_up(offices["commune"], offices["commune_round"], offices["usb"] / "len_xbb")
    header = p.sync.inspect(package)
    p.sync.trust(header, header.fingerprint)
    window = open_window(province)
    page = sync_page(qtbot, window)
    keys = tab(page, "Khóa và tin cậy")
    assert page.keys_tab.fingerprint_label.text() == p.sync.key_info().fingerprint
    rows = table_texts(page.keys_tab.table)
    assert rows == [["Ủy ban nhân dân xã Bản Bo", "XBB", header.fingerprint, rows[0][3],
                     "Đang tin cậy"]]
    revoke = button(keys, "Thu hồi")
    assert not revoke.isEnabled()
    assert page.keys_tab.select_office("Ủy ban nhân dân xã Bản Bo") and revoke.isEnabled()

    asked: list[str] = []
    answers = iter([False, True])

    def confirm(_cls: Any, _parent: Any, text: str, **_kwargs: Any) -> bool:
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(Messages, "confirm", classmethod(confirm))
    qtbot.mouseClick(revoke, Qt.MouseButton.LeftButton)  # "Không": nothing happens
    idle(qtbot, window)
    assert p.sync.trusted_senders()[0].revoked_at is None
    qtbot.mouseClick(revoke, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_texts(page.keys_tab.table)[0][4].startswith("Đã thu hồi"),
                    timeout=10_000)
    assert "Bản Bo" in asked[0] and header.fingerprint in asked[0]
    assert p.sync.trusted_senders()[0].revoked_at is not None
    _save(window.grab(), shots, "sync-keys-revoked")
    assert not revoke.isEnabled() or page.keys_tab.selected() is None

    # Its package, and a file that is no package at all, are refused with the reason.
    junk = offices["usb"] / "thu_moi.tdkt"
    junk.write_text("không phải gói", encoding="utf-8")
    before = province.digest()
    import_tab = tab(page, "Nhập gói")
    monkeypatch.setattr(TrustDialog, "ask", classmethod(lambda *_a: pytest.fail("no prompt")))
    monkeypatch.setattr(PackageFiles, "open_many",
                        classmethod(lambda _c, _p, _f: [package, junk]))
    qtbot.mouseClick(button(import_tab, "Chọn tệp gói…"), Qt.MouseButton.LeftButton)
    it = page.import_tab
    qtbot.waitUntil(lambda: all(e.problem for e in it.entries), timeout=20_000)
    assert [r[1] for r in table_texts(it.packages_view)] == ["Bị từ chối", "Bị từ chối"]
    assert "đã bị thu hồi" in it.entries[0].problem
    it.packages_view.selectRow(1)
    assert "không phải gói dữ liệu TĐKT" in it.header_label.text()
    assert not it.import_button.isEnabled()
    assert "Không có gói nào nhập được" in it.state_label.text()
    assert province.digest() == before


# -- decisions down, receipt back --------------------------------------------------------------
def test_decision_goes_down_to_the_trusted_commune_and_the_receipt_comes_back(
        qtbot: Any, offices: dict[str, Any], open_window: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    province: Office = offices["province"]
    commune: Office = offices["commune"]
    p, c = province.services, commune.services
    package = export_up(commune, offices["commune_round"], offices["usb"] / "len_xbb")
    header = p.sync.inspect(package)
    p.sync.trust(header, header.fingerprint)
    person = next(i for i in p.sync.preview(package, offices["p_round"]).conflicts)
    report = p.sync.import_package(package, offices["p_round"],
                                   {f"people:{person.uuid}": Resolution.MERGE})
    assert report.receipt_path is not None
    ids = [n.id for n in p.nominations.page(NominationQuery(offices["p_round"]), 0, 50)]
    p.nominations.transition(ids, S.ELIGIBLE)
    meeting = p.council.create_meeting(MeetingInput(offices["p_round"], date(2026, 11, 28), 9, 9))
    p.council.record_votes(meeting.id, dict.fromkeys(ids, 9))
    p.council.close_meeting(meeting.id)
    decision = p.decisions.create(DecisionInput(offices["p_round"], "Chủ tịch UBND tỉnh Lai Châu"),
                                  ids)
    p.decisions.sign(decision.id, date(2026, 12, 1), "Lê Văn Lương", SignerCapacity.CHAIRMAN)

    # The province (no upper level) sends down: round, signed decision, trusted recipient.
    window = open_window(province)
    page = sync_page(qtbot, window)
    export = page.export_tab
    assert export.down_radio.isChecked()
    assert export.down_round.currentData() == offices["p_round"]
    assert export.decision_ids() == (decision.id,)
    assert not export.write_button.isEnabled()
    assert "Chọn đơn vị nhận quyết định" in export.summary_label.text()
    export.recipient_combo.setCurrentIndex(
        export.recipient_combo.findData(header.sender_installation_uuid))
    qtbot.waitUntil(lambda: export.write_button.isEnabled(), timeout=10_000)
    counts = dict((row[0], row[1]) for row in table_texts(export.counts_view))
    assert counts["Dòng quyết định"] == "1" and counts["Quyết định"] == "1"
    down = offices["usb"] / "xuong_xbb.tdkt"
    monkeypatch.setattr(PackageFiles, "save", classmethod(lambda _c, _p, _s: down))
    qtbot.mouseClick(export.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: export.result_box.isVisible(), timeout=20_000)
    assert down.is_file()

    # The commune confirms the province, previews (no round to choose) and imports both the
    # decision and the receipt in one go.
    commune_window = open_window(commune)
    commune_page = sync_page(qtbot, commune_window)
    it = commune_page.import_tab
    tab(commune_page, "Nhập gói")
    prompts: list[str] = []

    def trust(_cls: Any, _parent: Any, sync: Any, _runner: Any, h: Any) -> Any:
        prompts.append(h.sender_office_name)
        return sync.trust(h, h.fingerprint)

    monkeypatch.setattr(TrustDialog, "ask", classmethod(trust))
    monkeypatch.setattr(PackageFiles, "open_many",
                        classmethod(lambda _c, _p, _f: [down, report.receipt_path]))
    qtbot.mouseClick(it.files_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(e.preview is not None for e in it.entries), timeout=20_000)
    idle(qtbot, commune_window)
    assert prompts == ["Ủy ban nhân dân tỉnh Lai Châu"]  # one sender, asked once
    assert not it.round_combo.isEnabled()
    assert [r[1] for r in table_texts(it.packages_view)] == ["Sẵn sàng nhập", "Sẵn sàng nhập"]
    assert it.entries[0].preview.counts["decision_lines"] == {Action.NEW: 1}
    assert "2 gói sẵn sàng nhập" in it.state_label.text()
    reports: list[list[ImportOutcome]] = []
    monkeypatch.setattr(SyncReportDialog, "ask",
                        classmethod(lambda _c, _p, outcomes: reports.append(list(outcomes))))
    qtbot.mouseClick(it.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(reports), timeout=30_000)
    idle(qtbot, commune_window)
    assert [o.applied for o in reports[0]] == [True, True]
    got = c.nominations.page(NominationQuery(offices["commune_round"]), 0, 50)
    assert [n.status for n in got] == [S.AWARDED]
    # The upward package sent earlier is now acknowledged.
    tab(commune_page, "Lịch sử")
    qtbot.waitUntil(lambda: any(r[5].startswith("Đã nhận")
                                for r in table_texts(commune_page.history_tab.table)),
                    timeout=10_000)


def test_trust_put_off_then_given_and_the_suggestions_taken(qtbot: Any, offices: dict[str, Any],
                                                            open_window: Any,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    province: Office = offices["province"]
    p = province.services
    package = export_up(offices["commune"], offices["commune_round"], offices["usb"] / "len_xbb")
    window = open_window(province)
    page = sync_page(qtbot, window)
    import_tab = tab(page, "Nhập gói")
    it = page.import_tab
    asked: list[str] = []

    def ask(_cls: Any, _parent: Any, sync: Any, _runner: Any, header: Any) -> Any:
        asked.append(header.fingerprint)
        return None if len(asked) == 1 else sync.trust(header, header.fingerprint)  # "Để sau"

    monkeypatch.setattr(TrustDialog, "ask", classmethod(ask))
    monkeypatch.setattr(PackageFiles, "open_many", classmethod(lambda _c, _p, _f: [package]))
    qtbot.mouseClick(button(import_tab, "Chọn tệp gói…"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=20_000)
    idle(qtbot, window)
    assert table_texts(it.packages_view)[0][1] == "Chưa tin cậy đơn vị gửi"
    assert p.sync.trusted_senders() == []
    assert it.choose_round(offices["p_round"])
    idle(qtbot, window)
    assert it.entries[0].preview is None and not it.import_button.isEnabled()
    assert "gọi điện" in it.header_label.text()
    trust_again = button(import_tab, "Tin cậy đơn vị gửi…")
    assert trust_again.isVisible()
    qtbot.mouseClick(trust_again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: it.entries[0].preview is not None, timeout=20_000)
    assert len(asked) == 2 and not trust_again.isVisible()
    assert table_texts(it.packages_view)[0][1] == "1 xung đột chưa xử lý"
    qtbot.mouseClick(button(import_tab, "Dùng cách đề xuất"), Qt.MouseButton.LeftButton)
    conflict = it.entries[0].conflicts[0]
    assert it.preview_model.choice(conflict) is Resolution.MERGE  # the suggestion
    assert it.import_button.isEnabled()
    assert "Mọi xung đột đã có cách xử lý" in it.conflicts_label.text()


def test_a_package_split_for_email_goes_in_as_one(qtbot: Any, offices: dict[str, Any],
                                                  open_window: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The commune ticks "Chia thành các phần tối đa 1 MB"; the province picks both parts and
    sees one package, which imports; one part alone is refused, naming the missing part."""
    commune: Office = offices["commune"]
    scan = offices["usb"].parent / "ban_chup.pdf"
    scan.write_bytes(os.urandom(3 * 1024**2 // 2))  # does not compress: the package is > 1 MB
    commune.services.nominations.attach(offices["nominations"][0], scan, "Bản chụp")
    window = open_window(commune)
    page = sync_page(qtbot, window)
    export = tab(page, "Xuất gói")
    tab_ = page.export_tab
    qtbot.waitUntil(lambda: tab_.write_button.isEnabled(), timeout=10_000)
    assert not tab_.split_size.isEnabled()
    tab_.split_check.setChecked(True)
    tab_.split_size.setValue(1)
    offices["usb"].mkdir()
    target = offices["usb"] / "goi.tdkt"
    monkeypatch.setattr(PackageFiles, "save", classmethod(lambda _c, _p, _s: target))
    qtbot.mouseClick(button(export, "Ghi gói…"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab_.result_box.isVisible(), timeout=20_000)
    parts = sorted(offices["usb"].glob("goi.phan-*.tdkt"))
    assert [p.name for p in parts] == ["goi.phan-1-cua-2.tdkt", "goi.phan-2-cua-2.tdkt"]
    assert "2 phần" in tab_.result_label.text() and parts[1].name in tab_.result_label.text()
    assert not target.exists()

    province: Office = offices["province"]
    lonely = offices["usb"].parent / "mot_phan"
    lonely.mkdir()
    alone = lonely / parts[1].name
    alone.write_bytes(parts[1].read_bytes())
    p_window = open_window(province)
    p_page = sync_page(qtbot, p_window)
    tab(p_page, "Nhập gói")
    it = p_page.import_tab
    it.add_paths([alone])
    qtbot.waitUntil(lambda: bool(it.entries[0].problem), timeout=20_000)
    assert "còn thiếu phần 1" in it.entries[0].problem
    it.remove_current()

    header = province.services.sync.inspect(parts[0])
    province.services.sync.trust(header, header.fingerprint)
    it.add_paths(parts)
    assert len(it.entries) == 1  # two files, one package
    it.round_combo.setCurrentIndex(it.round_combo.findData(offices["p_round"]))
    entry = it.entries[0]
    qtbot.waitUntil(lambda: entry.preview is not None, timeout=20_000)
    assert entry.preview.counts["attachments"] == {Action.NEW: 1}


def test_bloc_head_writes_a_bloc_package_for_a_member(qtbot: Any, tmp_path: Path,
                                                      open_window: Any, shots: list[Path],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The third choice, "Khối thi đua": the bloc, the direction and the member; the counts
    name the bloc's record types and the package opens at the member."""
    from tests.unit.test_sync_blocs import MEMBER, head_with_bloc

    head, world = head_with_bloc(tmp_path / "offices")
    member = open_office(tmp_path / "offices", *MEMBER, UnitKind.AGENCY)
    try:
        window = open_window(head)
        page = sync_page(qtbot, window)
        export = tab(page, "Xuất gói")
        tab_ = page.export_tab
        [bloc_radio] = [r for r in export.findChildren(type(tab_.bloc_radio))
                        if r.text() == "Khối, cụm thi đua"]
        bloc_radio.click()
        qtbot.waitUntil(lambda: tab_.bloc_combo.currentData() == world["bloc"], timeout=10_000)
        assert "Hãy chọn thành viên nhận gói" in tab_.summary_label.text()
        qtbot.waitUntil(lambda: tab_.member_combo.count() == 5, timeout=10_000)
        tab_.member_combo.setCurrentIndex(tab_.member_combo.findData("STC"))
        qtbot.waitUntil(lambda: tab_.write_button.isEnabled(), timeout=10_000)
        counts = dict((row[0], row[1]) for row in table_texts(tab_.counts_view))
        assert counts["Tiêu chí chấm điểm"] == "12" and counts["Thành viên khối"] == "4"
        assert "Sở Tài chính" in tab_.summary_label.text()
        # this office is the head: it has no sheet of its own to send up
        tab_.bloc_up_radio.click()
        qtbot.waitUntil(lambda: "là đơn vị trưởng khối" in tab_.summary_label.text(),
                        timeout=10_000)
        assert not tab_.write_button.isEnabled() and not tab_.member_combo.isEnabled()
        tab_.bloc_down_radio.click()
        qtbot.waitUntil(lambda: tab_.write_button.isEnabled(), timeout=10_000)
        target = tmp_path / "usb" / "khoi.tdkt"
        monkeypatch.setattr(PackageFiles, "save", classmethod(lambda _c, _p, _s: target))
        qtbot.mouseClick(button(export, "Ghi gói…"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab_.result_box.isVisible(), timeout=20_000)
        _save(window.grab(), shots, "sync-export-bloc")
        header = member.services.sync.inspect(target)
        assert header.kind is PackageKind.DOWNWARD and header.bloc_uuid
        assert header.counts["bloc_criteria"] == 12
    finally:
        member.services.close()
        head.services.close()


def test_every_record_type_a_package_carries_has_a_vietnamese_title() -> None:
    from desktop.services.sync.entities import ENTITIES
    from desktop.views.itemmodels.sync_preview_model import entity_title

    untitled = [spec.name for spec in ENTITIES if entity_title(spec.name) == spec.name]
    assert untitled == []
