"""The award-round screens end to end: a round, three nominations added through the editor
(one shown ineligible with its explanation), the workflow, votes typed into the grid, the
decision signed, and the award history written."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from desktop.domain.enums import InitiativeScope, NominationStatus, RoundKind, SignerCapacity
from desktop.services.records import InitiativeInput, Subject
from desktop.services.rounds import RoundInput
from desktop.views.dialogs.nomination_dialog import NominationDialog
from desktop.views.messages import Messages

pytestmark = pytest.mark.gui


@pytest.fixture
def round_page(main_window: Any, services: Any, sample_people: list[Any]) -> Any:
    duc, huong = sample_people[0], sample_people[1]
    for person in (duc, huong):
        services.ratings.set(Subject(person_id=person.id), 2026, "HTXSNV")
        services.registrations.register(Subject(person_id=person.id), 2026, "LDTT")
    services.initiatives.create(InitiativeInput(Subject(person_id=huong.id), "Sổ tay văn thư số",
                                                2026, InitiativeScope.UNIT, "3/QĐ-UBND",
                                                date(2026, 5, 4)))
    services.rounds.create(RoundInput("Xét khen thưởng năm 2026", 2026, RoundKind.YEAR_END))
    return main_window.navigate("rounds")


def _add(qtbot: Any, page: Any, name: str, award: str, monkeypatch: Any) -> None:
    def drive(cls: Any, parent: Any, services: Any, round_row: Any, runner: Any = None) -> Any:
        dialog = NominationDialog(services, round_row, parent, runner=runner)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.person_search, name)
        assert dialog.person_list.count() >= 1
        dialog.award.setCurrentIndex(dialog.award.findData(award))
        dialog.save()  # in the background: Lưu waits for the outcome
        qtbot.waitUntil(lambda: dialog.created is not None or bool(dialog.form.summary.text()),
                        timeout=10_000)
        assert dialog.created is not None, dialog.form.summary.text()
        return dialog.created

    monkeypatch.setattr(NominationDialog, "ask", classmethod(drive))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)


def _idle(qtbot: Any, page: Any) -> None:
    """The writes the page started (in the background) are done and delivered."""
    qtbot.waitUntil(lambda: not page.ctx.runner.busy, timeout=10_000)


def _open_editor(grid: Any) -> QLineEdit:
    editors = [e for e in grid.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, editors
    return editors[0]


def test_round_from_nominations_to_signed_decision(qtbot: Any, round_page: Any, services: Any,
                                                   sample_people: list[Any],
                                                   monkeypatch: Any, settle: Any) -> None:
    page = round_page
    _add(qtbot, page, "duc", "LDTT", monkeypatch)
    _add(qtbot, page, "huong", "LDTT", monkeypatch)
    _add(qtbot, page, "duc", "CSTDCS", monkeypatch)
    settle(page.model)  # the list reloads in the background
    assert page.model.rowCount() == 3

    page.table.selectAll()
    page.move_selected(NominationStatus.SUBMITTED)
    _idle(qtbot, page)
    settle(page.model)
    page.table.selectAll()
    page.move_selected(NominationStatus.RECEIVED)
    _idle(qtbot, page)
    settle(page.model)
    assert {r.status for r in page.model.rows} == {NominationStatus.RECEIVED}
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(r.eligibility is not None for r in page.model.rows), timeout=10_000)

    cstd = next(r for r in page.model.rows if r.award_code == "CSTDCS")
    assert cstd.eligibility.value == "khong_dat"
    page.show_explanation(cstd)
    qtbot.waitUntil(lambda: "Cần 01 sáng kiến" in page.explanation.toPlainText())
    assert "Luật TĐKT 2022, Điều 23" in page.explanation.toPlainText()

    ldtt_ids = [r.id for r in page.model.rows if r.award_code == "LDTT"]
    services.nominations.transition(ldtt_ids, NominationStatus.ELIGIBLE)
    page.reload_nominations()

    council = page.council
    page.tabs.setCurrentWidget(council)
    council.total.setValue(9)
    council.present.setValue(8)
    council.open_meeting()
    qtbot.waitUntil(lambda: council.meeting is not None, timeout=10_000)
    assert council.model.rowCount() == 2
    # A bad cell is marked with its reason and nothing is saved.
    council.model.setData(council.model.index(0, 2), "12")
    assert "8" in council.model.data(council.model.index(0, 2), Qt.ItemDataRole.ToolTipRole)
    monkeypatch.setattr(Messages, "error", lambda *a, **k: None)
    assert council.save_votes() is False
    for row in range(2):
        council.grid.setFocus()
        council.grid.setCurrentIndex(council.model.index(row, 2))
        qtbot.keyClicks(council.grid, "8")
        # The editor of this cell: the open, visible one (the previous row's editor may still
        # exist, closed and waiting for its deferred deletion).
        editor = _open_editor(council.grid)
        assert editor.text() == "8"
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda r=row: council.model.votes[council.model.rows[r].nomination_id]
                        == 8)
        qtbot.waitUntil(lambda: council.grid.state() != QAbstractItemView.State.EditingState)
    assert council.model.votes == {r.nomination_id: 8 for r in council.model.rows}
    # A number typed but not confirmed with Enter still counts when the votes are saved.
    council.grid.setFocus()
    council.grid.setCurrentIndex(council.model.index(1, 2))
    qtbot.keyClicks(council.grid, "7")
    assert _open_editor(council.grid).text() == "7"
    assert council.save_votes() is True
    _idle(qtbot, page)
    saved = services.council.results(council.meeting.id)
    assert sorted(r.yes_votes for r in saved) == [7, 8]
    council.grid.setCurrentIndex(council.model.index(1, 2))
    qtbot.keyClicks(council.grid, "8")
    qtbot.keyClick(_open_editor(council.grid), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: council.grid.state() != QAbstractItemView.State.EditingState)
    assert council.model.votes == {r.nomination_id: 8 for r in council.model.rows}
    assert council.model.problems == {}
    assert "8/9 thành viên đồng ý" in council.model.data(council.model.index(0, 3))
    council.close_meeting()
    qtbot.waitUntil(lambda: council.meeting is None, timeout=10_000)
    _idle(qtbot, page)
    settle(page.model)
    assert {r.status for r in page.model.rows if r.award_code == "LDTT"} == {
        NominationStatus.VOTED}

    decision = page.decision
    decision.issuer.setText("Chủ tịch UBND xã Nà Tăm")
    decision.signer.setText("Lò Văn Pấng")
    decision.capacity.setCurrentIndex(decision.capacity.findData(SignerCapacity.CHAIRMAN))
    decision.signed_on.setDate(QDate(2026, 6, 30))
    decision.create_decision()
    qtbot.waitUntil(lambda: decision.decision is not None, timeout=10_000)
    assert [decision.lines.data(decision.lines.index(r, 4)) for r in range(2)] == [
        "710.000", "710.000"]  # 0,3 × 2.340.000 = 702.000, rounded up
    assert "1.420.000" in decision.total_label.text()
    decision.signed_on.setDate(QDate(2026, 7, 1))
    assert "1.520.000" in decision.total_label.text()  # 2 × 760.000 from 01/7/2026
    monkeypatch.setattr(Messages, "confirm", lambda *a, **k: True)
    decision.sign()
    qtbot.waitUntil(lambda: "01/QĐ-UBND" in decision.total_label.text(), timeout=10_000)
    _idle(qtbot, page)
    history = services.awards.for_subject(Subject(person_id=sample_people[0].id))
    assert [(h.award_code, h.decision_number, h.amount) for h in history] == [
        ("LDTT", "01/QĐ-UBND", 760_000)]


def test_evidence_is_linked_and_files_attached(qtbot: Any, round_page: Any, services: Any,
                                              sample_people: list[Any], monkeypatch: Any,
                                              tmp_path: Any) -> None:
    from desktop.views.dialogs.evidence_dialog import EvidenceDialog

    page = round_page
    _add(qtbot, page, "huong", "CSTDCS", monkeypatch)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    row = page.model.row_object(0)
    dialog = EvidenceDialog(services, row, page)
    qtbot.addWidget(dialog)
    labels = [dialog.candidates.item(i).text() for i in range(dialog.candidates.count())]
    assert any("Sổ tay văn thư số" in label for label in labels)
    for i in range(dialog.candidates.count()):
        dialog.candidates.item(i).setCheckState(Qt.CheckState.Checked)
    report = tmp_path / "Báo cáo thành tích.docx"
    report.write_bytes(b"bao cao" * 200)
    dialog.add_file(report)
    qtbot.waitUntil(lambda: dialog.files.count() == 1, timeout=10_000)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert len(services.nominations.evidence(row.id)) == len(labels)
    page.show_explanation(row)
    qtbot.waitUntil(lambda: "Báo cáo thành tích.docx" in page.explanation.toPlainText())
    assert "Sổ tay văn thư số" in page.explanation.toPlainText()
