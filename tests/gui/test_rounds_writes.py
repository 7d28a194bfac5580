"""Every write of the rounds screens runs off the GUI thread: a new round, a nomination, its
evidence and files, status moves, the council meeting (open, votes, close) and the decision
(draft, sign). While another program holds the database the window keeps processing events,
the busy message with "Thử lại"/"Đóng" appears, and "Thử lại" saves the very same input."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt, QTimer

from desktop.api.nominations import NominationInput, NominationQuery
from desktop.api.records import Subject
from desktop.db.engine import BUSY_TIMEOUT_ENV
from desktop.domain.enums import NominationStatus, RoundKind, SignerCapacity
from desktop.domain.errors import BUSY_MESSAGE
from desktop.services.rounds import RoundInput
from desktop.tasks.runner import on_gui_thread
from desktop.views.dialogs.evidence_dialog import EvidenceDialog
from desktop.views.dialogs.nomination_dialog import NominationDialog
from desktop.views.dialogs.round_dialog import RoundDialog
from desktop.views.messages import Messages
from desktop.views.pages.rounds import RoundsPage

pytestmark = pytest.mark.gui

BUSY_MS = 1000  # how long a write waits for the other program before saying "busy"


@pytest.fixture(autouse=True)
def busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Autouse, so it is set before the ``services`` fixture opens the database."""
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, str(BUSY_MS))


@contextmanager
def held(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program holds the write lock (a second window, ``tdkt``, an antivirus)."""
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        yield holder
        if holder.in_transaction:
            holder.execute("ROLLBACK")
    finally:
        holder.close()


class Threads:
    """Which thread each wrapped service call ran on (True: the GUI thread)."""

    def __init__(self) -> None:
        self.calls: dict[str, list[bool]] = {}

    def wrap(self, monkeypatch: pytest.MonkeyPatch, service: Any, name: str) -> None:
        original: Callable[..., Any] = getattr(service, name)

        def recorded(*args: Any, **kwargs: Any) -> Any:
            self.calls.setdefault(name, []).append(on_gui_thread())
            return original(*args, **kwargs)

        monkeypatch.setattr(service, name, recorded)


@pytest.fixture
def page(main_window: Any, services: Any, sample_people: list[Any], settle: Any) -> RoundsPage:
    services.rounds.create(RoundInput("Xét khen thưởng năm 2026", 2026, RoundKind.YEAR_END))
    shown = main_window.navigate("rounds")
    settle(shown.model)
    return shown


def idle(qtbot: Any, page: RoundsPage) -> None:
    qtbot.waitUntil(lambda: not page.ctx.runner.busy, timeout=10_000)


def drive_nomination_dialog(qtbot: Any, monkeypatch: pytest.MonkeyPatch, name: str,
                            award: str, seen: list[NominationDialog]) -> None:
    """NominationDialog.ask replaced: the real dialog, a person typed and saved."""
    def ask(cls: Any, parent: Any, services: Any, round_row: Any, runner: Any = None) -> Any:
        dialog = NominationDialog(services, round_row, parent, runner=runner)
        qtbot.addWidget(dialog)
        seen.append(dialog)
        qtbot.keyClicks(dialog.person_search, name)
        dialog.award.setCurrentIndex(dialog.award.findData(award))
        dialog.save()
        assert not dialog.buttons.isEnabled()  # Lưu waits for the outcome: no double save
        qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
        return dialog.created

    monkeypatch.setattr(NominationDialog, "ask", classmethod(ask))


def test_every_write_of_the_rounds_screens_runs_off_the_gui_thread(
        qtbot: Any, page: RoundsPage, services: Any, main_window: Any, tmp_path: Path,
        sample_people: list[Any], monkeypatch: pytest.MonkeyPatch, settle: Any) -> None:
    transition = services.nominations.transition  # the test's own set-up moves, unrecorded
    services.ratings.set(Subject(person_id=sample_people[1].id), 2026, "HTXSNV")  # evidence
    threads = Threads()
    for service, names in ((services.rounds, ["create"]),
                           (services.nominations, ["create", "attach", "remove_attachment",
                                                   "link_evidence", "unlink_evidence",
                                                   "transition"]),
                           (services.council, ["create_meeting", "record_votes",
                                               "close_meeting"]),
                           (services.decisions, ["create", "sign"])):
        for name in names:
            threads.wrap(monkeypatch, service, name)
    errors: list[str] = []
    monkeypatch.setattr(Messages, "error", classmethod(lambda cls, p, text, *a: errors.append(text)))

    # A new round: named, kind and year chosen in the round dialog, created in the
    # background (Lưu waits for the outcome), then shown.
    rounds_asked: list[RoundDialog] = []

    def ask_new(cls: Any, parent: Any, services_: Any, runner: Any = None, *,
                year: Any = None) -> Any:
        dialog = RoundDialog(services_, None, parent, runner=runner, year=year)
        qtbot.addWidget(dialog)
        rounds_asked.append(dialog)
        dialog.name_edit.setText("Xét khen thưởng chuyên đề 2026")
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(RoundKind.THEMATIC.value))
        dialog.year_spin.setValue(2026)
        dialog.save()
        assert not dialog.save_button.isEnabled()  # no double save
        qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
        return dialog.saved

    monkeypatch.setattr(RoundDialog, "ask_new", classmethod(ask_new))
    page.new_round_button.click()
    assert rounds_asked and rounds_asked[0].saved is not None
    qtbot.waitUntil(lambda: page.round is not None
                    and page.round.name == "Xét khen thưởng chuyên đề 2026", timeout=10_000)
    assert (page.round.kind, page.round.year) == (RoundKind.THEMATIC, 2026)
    assert page.new_round_button.isEnabled()

    # A nomination from the editor, then its evidence and a file attached and removed.
    dialogs: list[NominationDialog] = []
    drive_nomination_dialog(qtbot, monkeypatch, "huong", "LDTT", dialogs)
    page.add_button.click()
    settle(page.model)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    row = page.model.row_object(0)
    evidence = EvidenceDialog(services, row, page, runner=main_window.runner)
    qtbot.addWidget(evidence)
    report = tmp_path / "Báo cáo thành tích.docx"
    report.write_bytes(b"bao cao" * 100)
    evidence.add_file(report)
    assert not evidence.add_file_button.isEnabled()
    qtbot.waitUntil(lambda: evidence.files.count() == 1, timeout=10_000)
    evidence.files.setCurrentRow(0)
    evidence.remove_file()
    qtbot.waitUntil(lambda: evidence.files.count() == 0, timeout=10_000)
    assert evidence.candidates.count() >= 1
    evidence.candidates.item(0).setCheckState(Qt.CheckState.Checked)
    evidence.save()
    qtbot.waitUntil(lambda: evidence.result() == evidence.DialogCode.Accepted, timeout=10_000)

    # A status move of the selection.
    page.table.selectAll()
    page.move_selected(NominationStatus.SUBMITTED)
    assert not page.move_button.isEnabled()
    idle(qtbot, page)
    settle(page.model)
    assert page.model.row_object(0).status is NominationStatus.SUBMITTED
    assert page.move_button.isEnabled()

    # The council: open, votes typed and saved, closed.
    transition([row.id], NominationStatus.RECEIVED)
    transition([row.id], NominationStatus.ELIGIBLE)
    page.reload_nominations()
    council = page.council
    council.total.setValue(9)
    council.present.setValue(9)
    council.open_meeting()
    qtbot.waitUntil(lambda: council.meeting is not None, timeout=10_000)
    assert council.model.rowCount() == 1
    council.model.setData(council.model.index(0, 2), "8")
    assert council.save_votes() is True
    idle(qtbot, page)
    assert council.meeting is not None
    assert [r.yes_votes for r in services.council.results(council.meeting.id)] == [8]
    council.close_meeting()
    qtbot.waitUntil(lambda: council.meeting is None, timeout=10_000)
    idle(qtbot, page)
    settle(page.model)
    assert page.model.row_object(0).status is NominationStatus.VOTED

    # The decision: drafted from the voted nomination, then signed.
    decision = page.decision
    decision.issuer.setText("Chủ tịch UBND tỉnh Lai Châu")
    decision.signer.setText("Lò Văn Pấng")
    decision.capacity.setCurrentIndex(decision.capacity.findData(SignerCapacity.CHAIRMAN))
    decision.signed_on.setDate(QDate.currentDate())
    decision.create_decision()
    qtbot.waitUntil(lambda: decision.decision is not None, timeout=10_000)
    assert decision.lines.rowCount() == 1
    monkeypatch.setattr(Messages, "confirm", classmethod(lambda cls, *a, **k: True))
    decision.sign()
    qtbot.waitUntil(lambda: not page.ctx.runner.busy, timeout=10_000)
    assert errors == []
    qtbot.waitUntil(lambda: decision.decision is not None and decision.decision.signed,
                    timeout=10_000)
    idle(qtbot, page)

    assert errors == []
    assert set(threads.calls) >= {"create", "attach", "remove_attachment", "link_evidence",
                                  "transition", "create_meeting", "record_votes",
                                  "close_meeting", "sign"}
    assert len(services.nominations.evidence(row.id)) == 1
    on_gui = {name: calls for name, calls in threads.calls.items() if any(calls)}
    assert on_gui == {}, f"written on the GUI thread: {on_gui}"
    assert len(threads.calls["create"]) == 3  # the round, the nomination, the decision


@pytest.mark.qt_no_exception_capture
def test_saving_a_nomination_while_the_database_is_held_keeps_the_window_alive(
        qtbot: Any, page: RoundsPage, backend: Any, services: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    round_row = page.round
    assert round_row is not None
    dialog = NominationDialog(services, round_row, page, runner=page.ctx.runner)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.person_search, "duc")
    dialog.award.setCurrentIndex(dialog.award.findData("LDTT"))
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    asked: list[tuple[str, int, bool]] = []
    with held(backend.database_path) as holder:
        def busy_retry(cls: Any, parent: Any, text: str) -> bool:
            asked.append((text, len(ticks), dialog.buttons.isEnabled()))
            holder.execute("ROLLBACK")  # the officer closed the other program: "Thử lại"
            return True

        monkeypatch.setattr(Messages, "busy_retry", classmethod(busy_retry))
        started = time.perf_counter()
        dialog.save()
        returned_after = time.perf_counter() - started
        qtbot.waitUntil(lambda: dialog.created is not None, timeout=BUSY_MS * 10)
    timer.stop()
    assert returned_after < BUSY_MS / 1000 / 2  # the click did not wait for the lock
    assert len(asked) == 1
    text, ticks_while_waiting, buttons_enabled = asked[0]
    assert text == BUSY_MESSAGE
    assert ticks_while_waiting >= 10  # ~50 at 20 ms over a 1 s wait: the loop kept running
    assert not buttons_enabled  # Lưu stayed disabled while the write waited
    assert dialog.created is not None and dialog.created.subject_name == "Nguyễn Văn Đức"
    assert [r.id for r in services.nominations.page(NominationQuery(round_row.id), 0, 10)] \
        == [dialog.created.id]  # saved once, by the retry
    assert dialog.buttons.isEnabled()


@pytest.mark.qt_no_exception_capture
def test_page_writes_while_the_database_is_held_say_busy_and_change_nothing(
        qtbot: Any, page: RoundsPage, backend: Any, services: Any, sample_people: list[Any],
        monkeypatch: pytest.MonkeyPatch, settle: Any) -> None:
    round_row = page.round
    assert round_row is not None
    services.nominations.create(NominationInput(round_row.id, Subject(sample_people[0].id),
                                                "LDTT"))
    page.reload_nominations()
    settle(page.model)
    asked: list[str] = []
    errors: list[str] = []
    monkeypatch.setattr(Messages, "busy_retry",
                        classmethod(lambda cls, parent, text: asked.append(text) or False))
    monkeypatch.setattr(Messages, "error", classmethod(lambda cls, p, text, *a: errors.append(text)))
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    with held(backend.database_path):
        page.table.selectAll()
        page.move_selected(NominationStatus.SUBMITTED)
        assert not page.move_button.isEnabled()
        page.council.open_meeting()
        assert not page.council.create_button.isEnabled()
        qtbot.waitUntil(lambda: len(asked) == 2, timeout=BUSY_MS * 10)
        idle(qtbot, page)
    timer.stop()
    assert asked == [BUSY_MESSAGE, BUSY_MESSAGE]  # "Đóng" both times
    assert errors == []  # the busy box said it; no second message
    assert len(ticks) >= 20  # two 1 s waits, the window responsive throughout
    assert page.move_button.isEnabled() and page.council.create_button.isEnabled()
    assert page.council.meeting is None and services.council.meetings(round_row.id) == []
    settle(page.model)
    assert page.model.row_object(0).status is NominationStatus.DRAFT
