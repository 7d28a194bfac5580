"""The decision panel of the rounds page (issue 13): one decision per award from a mixed set,
the round's decisions chosen in a list, the issuer-authority warning shown and repeated before
signing, and the certificate dialog saying how many sheets it will print and for whom."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.api.nominations import NominationInput
from desktop.api.records import Subject
from desktop.domain.enums import NominationStatus, RoundKind
from desktop.services.council import MeetingInput
from desktop.services.rounds import RoundInput
from desktop.views.dialogs.render_dialog import RenderDialog
from desktop.views.messages import Messages
from desktop.views.pages.rounds import RoundsPage


@pytest.fixture
def voted_page(main_window: Any, services: Any, sample_people: list[Any],
               settle: Any) -> RoundsPage:
    """A 2026 round whose council passed LĐTT for Đức and Hường and a Giấy khen for Páo."""
    round_id = services.rounds.create(RoundInput("Xét khen thưởng năm 2026", 2026,
                                                 RoundKind.YEAR_END)).id
    ids = [services.nominations.create(NominationInput(round_id, Subject(person.id), award,
                                                       "Hoàn thành xuất sắc nhiệm vụ")).id
           for person, award in ((sample_people[0], "LDTT"), (sample_people[1], "LDTT"),
                                 (sample_people[2], "GIAY_KHEN"))]
    for status in (NominationStatus.SUBMITTED, NominationStatus.RECEIVED,
                   NominationStatus.ELIGIBLE):
        services.nominations.transition(ids, status)
    meeting = services.council.create_meeting(MeetingInput(round_id, date(2026, 11, 2),
                                                           total_members=9, present_members=9))
    services.council.record_votes(meeting.id, {i: 9 for i in ids})
    services.council.close_meeting(meeting.id)
    page = main_window.navigate("rounds")
    settle(page.model)
    return page


def idle(qtbot: Any, page: RoundsPage) -> None:
    qtbot.waitUntil(lambda: not page.ctx.runner.busy, timeout=10_000)


def test_one_decision_per_award_then_each_chosen_signed_and_printed(
        qtbot: Any, voted_page: RoundsPage, services: Any, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    tab = voted_page.decision
    errors: list[str] = []
    confirmations: list[str] = []
    monkeypatch.setattr(Messages, "error", classmethod(lambda cls, p, text, *a: errors.append(text)))
    monkeypatch.setattr(Messages, "confirm",
                        classmethod(lambda cls, p, text, *a, **k: confirmations.append(text)
                                    or True))
    # The province's chairman issues them: LĐTT is not his to award (a warning, not a block).
    tab.issuer.setText("Chủ tịch UBND tỉnh Lai Châu")
    tab.per_award.setChecked(True)
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    idle(qtbot, voted_page)
    qtbot.waitUntil(lambda: tab.decision_combo.count() == 2, timeout=10_000)
    assert errors == []
    texts = [tab.decision_combo.itemText(i) for i in range(tab.decision_combo.count())]
    assert any("Giấy khen" in t and "Lao động" not in t for t in texts), texts
    assert any("Lao động tiên tiến" in t and "Giấy khen" not in t for t in texts), texts
    decisions = services.decisions.list(tab.round.id)
    assert sorted(len(d.lines) for d in decisions) == [1, 2]

    # Choose the LĐTT one: its two lines, and the authority warning under the buttons.
    ldtt = next(i for i, t in enumerate(texts) if "Lao động" in t)
    tab.decision_combo.setCurrentIndex(ldtt)
    assert sorted(tab.lines.row_object(r).subject_name for r in range(tab.lines.rowCount())) \
        == ["Lê Thị Hường", "Nguyễn Văn Đức"]
    assert tab.warning_label.isVisibleTo(tab)
    assert "Lao động tiên tiến" in tab.warning_label.text()

    # The Giấy khen one is signed; the officer saw the warnings first only if it had any.
    giay_khen = 1 - ldtt
    tab.decision_combo.setCurrentIndex(giay_khen)
    tab.signer.setText("Lê Văn Lương")
    qtbot.mouseClick(tab.sign_button, Qt.MouseButton.LeftButton)
    idle(qtbot, voted_page)
    qtbot.waitUntil(lambda: (tab.decision is not None and tab.decision.signed) or bool(errors),
                    timeout=10_000)
    assert errors == [], errors
    assert "Giấy khen" in tab.decision_combo.currentText()
    # Nor is a Giấy khen the province chairman's: the warning is repeated in the question.
    assert len(confirmations) == 1
    assert "⚠" in confirmations[0] and "Giấy khen" in confirmations[0], confirmations

    # Giấy khen print sheets: the dialog names the one person it prints for; the Bằng khen
    # template prints nobody from this decision and says why, and will not run.
    shown: list[RenderDialog] = []

    def ask(cls: Any, parent: Any, services_: Any, runner: Any, **kwargs: Any) -> None:
        dialog = RenderDialog(services_, runner, parent, **kwargs)
        qtbot.addWidget(dialog)
        shown.append(dialog)

    monkeypatch.setattr(RenderDialog, "ask", classmethod(ask))
    tab.create_document("giay_khen")
    dialog = shown[-1]
    note = dialog.decision_note.text()
    assert "1" in note and "Lò Văn Páo" in note and "Nguyễn Văn Đức" not in note, note
    dialog.template.setCurrentIndex(dialog.template.findData("bang_khen"))
    note = dialog.decision_note.text()
    assert "không tặng Bằng khen" in note, note
    dialog.output.setText(str(tmp_path / "bk.docx"))
    dialog.create_document()
    assert dialog.message.text() == note  # refused before anything is written
    assert not (tmp_path / "bk.docx").exists()
    assert errors == []


def test_certificate_dialog_refuses_a_draft_decision(qtbot: Any, voted_page: RoundsPage,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    tab = voted_page.decision
    tab.issuer.setText("Chủ tịch UBND xã Nà Tăm")
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    idle(qtbot, voted_page)
    qtbot.waitUntil(lambda: tab.decision is not None, timeout=10_000)
    assert tab.decision_combo.count() == 1 and not tab.decision_combo.isEnabled()
    shown: list[RenderDialog] = []

    def ask(cls: Any, parent: Any, services_: Any, runner: Any, **kwargs: Any) -> None:
        dialog = RenderDialog(services_, runner, parent, **kwargs)
        qtbot.addWidget(dialog)
        shown.append(dialog)

    monkeypatch.setattr(RenderDialog, "ask", classmethod(ask))
    tab.create_document("giay_khen")
    note = shown[-1].decision_note.text()
    assert "dự thảo" in note and "chỉ in Giấy khen cho quyết định đã ký" in note, note
