"""The rounds page edits what was typed wrong: a draft nomination's award (an exact duplicate
is refused under the award field, the dialog stays open with the data), Enter in a search box
searches and never saves, a round renamed and given its kind, year and movement, an empty round
and a draft nomination deleted and brought back with Ctrl+Z."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.api.nominations import NominationInput, NominationQuery
from desktop.api.records import Subject
from desktop.domain.enums import MovementKind, NominationStatus, RoundKind
from desktop.services.movements import MovementInput
from desktop.services.rounds import RoundInput
from desktop.views.dialogs.nomination_dialog import NominationDialog
from desktop.views.dialogs.round_dialog import RoundDialog
from desktop.views.pages.rounds import RoundsPage

pytestmark = pytest.mark.gui


@pytest.fixture
def world(services: Any, sample_people: list[Any]) -> dict[str, Any]:
    round_row = services.rounds.create(RoundInput("Xét khen thưởng năm 2026", 2026,
                                                  RoundKind.YEAR_END))
    duc, huong = sample_people[0], sample_people[1]
    ldtt = services.nominations.create(NominationInput(round_row.id, Subject(person_id=duc.id),
                                                       "LDTT"))
    return {"round": round_row, "duc": duc, "huong": huong, "ldtt": ldtt}


@pytest.fixture
def page(main_window: Any, world: dict[str, Any], settle: Any) -> RoundsPage:
    shown = main_window.navigate("rounds")
    settle(shown.model)
    return shown


def idle(qtbot: Any, page: RoundsPage) -> None:
    qtbot.waitUntil(lambda: not page.ctx.runner.busy, timeout=10_000)


def select(qtbot: Any, page: RoundsPage, subject: str) -> None:
    qtbot.waitUntil(lambda: any(r.subject_name == subject for r in page.model.rows),
                    timeout=10_000)
    row = next(i for i, r in enumerate(page.model.rows) if r.subject_name == subject)
    page.table.selectRow(row)
    page.table.setCurrentIndex(page.model.index(row, 0))


def live(services: Any, round_id: int) -> list[tuple[str, str]]:
    return sorted((n.subject_name, n.award_code)
                  for n in services.nominations.page(NominationQuery(round_id)))


def open_dialog(qtbot: Any, dialog: QDialog) -> None:
    """As exec() would: shown, so its default button answers Enter."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)


def test_edit_a_nominations_award_and_a_duplicate_is_refused_under_the_field(
        qtbot: Any, page: RoundsPage, services: Any, world: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[NominationDialog] = []

    def ask(cls: Any, parent: Any, services_: Any, round_row: Any, runner: Any = None, *,
            nomination: Any = None) -> Any:
        dialog = NominationDialog(services_, round_row, parent, runner=runner,
                                  nomination=nomination)
        open_dialog(qtbot, dialog)
        seen.append(dialog)
        assert dialog.windowTitle() == "Sửa đề nghị khen thưởng"
        assert dialog.person_list.currentItem().data(256) == world["duc"].id  # as stored
        dialog.award.setCurrentIndex(dialog.award.findData("CSTDCS"))
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
        return dialog.created

    monkeypatch.setattr(NominationDialog, "ask", classmethod(ask))
    select(qtbot, page, "Nguyễn Văn Đức")
    page.edit_button.click()
    assert seen and seen[0].created is not None
    assert live(services, world["round"].id) == [("Nguyễn Văn Đức", "CSTDCS")]
    qtbot.waitUntil(lambda: [r.award_code for r in page.model.rows] == ["CSTDCS"],
                    timeout=10_000)

    # A second LĐTT for Đức is fine; turning it into CSTĐCS again is an exact duplicate.
    second = services.nominations.create(NominationInput(
        world["round"].id, Subject(person_id=world["duc"].id), "LDTT", "giữ nguyên"))
    dialog = NominationDialog(services, world["round"], page, runner=page.ctx.runner,
                              nomination=services.nominations.get(second.id))
    open_dialog(qtbot, dialog)
    dialog.award.setCurrentIndex(dialog.award.findData("CSTDCS"))
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
    under_award = dialog.form.error_text("award_code")
    assert "“Nguyễn Văn Đức” đã có đề nghị “Chiến sĩ thi đua cơ sở”" in under_award
    assert dialog.findChild(type(dialog.form.summary), "error_award_code").isVisible()
    assert dialog.form.error_text("subject") == ""  # under the award, not elsewhere
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.award.currentData() == "CSTDCS"  # what was chosen stays
    assert services.nominations.get(second.id).award_code == "LDTT"  # nothing saved

    # The same refusal when adding a duplicate.
    adding = NominationDialog(services, world["round"], page, runner=page.ctx.runner)
    open_dialog(qtbot, adding)
    qtbot.keyClicks(adding.person_search, "duc")
    adding.award.setCurrentIndex(adding.award.findData("LDTT"))
    adding.save()
    qtbot.waitUntil(lambda: not adding.saving, timeout=10_000)
    assert "đã có đề nghị “Lao động tiên tiến”" in adding.form.error_text("award_code")
    assert adding.created is None and len(live(services, world["round"].id)) == 2


def test_a_sent_nomination_is_not_opened_for_editing(
        qtbot: Any, page: RoundsPage, services: Any, world: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch, answered_messages: dict[str, list[str]]) -> None:
    services.nominations.transition([world["ldtt"].id], NominationStatus.SUBMITTED)
    page.reload_nominations()
    monkeypatch.setattr(NominationDialog, "ask", classmethod(
        lambda *_a, **_k: pytest.fail("a sent nomination must not open the editor")))
    qtbot.waitUntil(lambda: bool(page.model.rows)
                    and page.model.rows[0].status is NominationStatus.SUBMITTED, timeout=10_000)
    select(qtbot, page, "Nguyễn Văn Đức")
    page.edit_button.click()
    assert answered_messages["error"] and "chỉ sửa được đề nghị nháp" in \
        answered_messages["error"][-1]


def test_enter_in_a_search_box_searches_and_never_saves(
        qtbot: Any, page: RoundsPage, services: Any, world: dict[str, Any]) -> None:
    dialog = NominationDialog(services, world["round"], page, runner=page.ctx.runner)
    open_dialog(qtbot, dialog)
    qtbot.keyClicks(dialog.person_search, "huong")
    dialog.award.setCurrentIndex(dialog.award.findData("LDTT"))
    dialog.person_search.setFocus()
    qtbot.keyClick(dialog.person_search, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.person_search, Qt.Key.Key_Enter)
    idle(qtbot, page)
    assert not dialog.saving and dialog.created is None and dialog.isVisible()
    assert live(services, world["round"].id) == [("Nguyễn Văn Đức", "LDTT")]
    assert dialog.focusWidget() is dialog.person_list  # Enter took the officer to the names
    # The unit box is a search box too.
    dialog.kind_buttons.button(1).setChecked(True)
    dialog.unit_picker.setFocus()
    qtbot.keyClicks(dialog.unit_picker, "NATAM")
    qtbot.keyClick(dialog.unit_picker, Qt.Key.Key_Return)
    idle(qtbot, page)
    assert dialog.created is None and len(live(services, world["round"].id)) == 1
    # Enter outside a search box still presses Lưu (so the test above means something).
    dialog.kind_buttons.button(0).setChecked(True)
    dialog.award.setCurrentIndex(dialog.award.findData("LDTT"))  # the list was refilled
    dialog.person_list.setFocus()
    qtbot.keyClick(dialog.person_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.created is not None, timeout=10_000)
    assert live(services, world["round"].id) == [("Lê Thị Hường", "LDTT"),
                                                  ("Nguyễn Văn Đức", "LDTT")]


def test_rename_a_round_with_kind_year_and_movement(
        qtbot: Any, page: RoundsPage, services: Any, world: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    good = services.movements.create(MovementInput("Thi đua yêu nước 2026",
                                                   MovementKind.REGULAR, 2026, "02/CT-UBND"))
    old = services.movements.create(MovementInput("Thi đua 2024", MovementKind.REGULAR, 2024))
    seen: list[RoundDialog] = []

    def ask(cls: Any, parent: Any, services_: Any, round_row: Any, runner: Any = None) -> Any:
        dialog = RoundDialog(services_, round_row, parent, runner=runner)
        open_dialog(qtbot, dialog)
        seen.append(dialog)
        # A movement of another year: refused under the movement, the dialog stays open.
        dialog.movement_combo.setCurrentIndex(dialog.movement_combo.findData(old.id))
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
        assert "“Thi đua 2024” là phong trào năm 2024" in \
            dialog.form.error_text("movement_id")
        assert dialog.form.error_text("name") == "" and dialog.isVisible()
        dialog.name_edit.setText("Xét khen thưởng chuyên đề năm 2026")
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(RoundKind.THEMATIC.value))
        dialog.movement_combo.setCurrentIndex(dialog.movement_combo.findData(good.id))
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
        return dialog.saved

    monkeypatch.setattr(RoundDialog, "ask", classmethod(ask))
    page.edit_round_button.click()
    assert seen and seen[0].saved is not None
    stored = services.rounds.get(world["round"].id)
    assert (stored.name, stored.kind, stored.year, stored.movement_name) == (
        "Xét khen thưởng chuyên đề năm 2026", RoundKind.THEMATIC, 2026, "Thi đua yêu nước 2026")
    assert page.round is not None and page.round.name == "Xét khen thưởng chuyên đề năm 2026"
    assert page.round_combo.currentText().startswith("Xét khen thưởng chuyên đề năm 2026")


def test_delete_an_empty_round_and_undo_and_a_draft_nomination_and_undo(
        qtbot: Any, page: RoundsPage, services: Any, world: dict[str, Any], main_window: Any,
        answered_messages: dict[str, list[str]]) -> None:
    # Not empty: refused, saying how many.
    page.delete_round_button.click()
    qtbot.waitUntil(lambda: bool(answered_messages["error"]), timeout=10_000)
    assert "vì còn 1 đề nghị khen thưởng" in answered_messages["error"][-1]
    assert len(services.rounds.list()) == 1

    # The draft nomination: deleted, then Ctrl+Z.
    select(qtbot, page, "Nguyễn Văn Đức")
    page.delete_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10_000)
    assert live(services, world["round"].id) == []
    main_window.undo_action.trigger()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert live(services, world["round"].id) == [("Nguyễn Văn Đức", "LDTT")]

    # An empty round: deleted, then Ctrl+Z brings it back.
    empty = services.rounds.create(RoundInput("Đợt xét nhầm", 2026, RoundKind.AD_HOC))
    page.reload()
    page.round_combo.setCurrentIndex(next(
        i for i in range(page.round_combo.count())
        if page.round_combo.itemData(i).id == empty.id))
    page.delete_round_button.click()
    qtbot.waitUntil(lambda: all(page.round_combo.itemData(i).id != empty.id
                                for i in range(page.round_combo.count())), timeout=10_000)
    assert [r.id for r in services.rounds.list()] == [world["round"].id]
    main_window.undo_action.trigger()
    qtbot.waitUntil(lambda: any(page.round_combo.itemData(i).id == empty.id
                                for i in range(page.round_combo.count())), timeout=10_000)
    assert sorted(r.id for r in services.rounds.list()) == sorted([world["round"].id, empty.id])


def test_new_round_offers_this_year_year_end_and_the_years_movement(
        qtbot: Any, page: RoundsPage, services: Any, world: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    this_year = date.today().year
    only = services.movements.create(MovementInput(f"Thi đua yêu nước {this_year}",
                                                   MovementKind.REGULAR, this_year,
                                                   "02/CT-UBND"))
    services.movements.create(MovementInput("Thi đua 2024 (1)", MovementKind.REGULAR, 2024))
    services.movements.create(MovementInput("Thi đua 2024 (2)", MovementKind.REGULAR, 2024))
    seen: list[RoundDialog] = []

    def ask_new(cls: Any, parent: Any, services_: Any, runner: Any = None, *,
                year: Any = None) -> Any:
        dialog = RoundDialog(services_, None, parent, runner=runner, year=year)
        open_dialog(qtbot, dialog)
        seen.append(dialog)
        assert dialog.windowTitle() == "Đợt xét khen thưởng mới"
        # Defaults: this year, year-end, the one movement of this year.
        assert dialog.year_spin.value() == this_year
        assert dialog.kind_combo.currentData() == RoundKind.YEAR_END.value
        assert dialog.movement_combo.currentData() == only.id
        # Another year picks that year's movement only when there is exactly one.
        dialog.year_spin.setValue(2024)
        assert dialog.movement_combo.currentData() is None
        dialog.year_spin.setValue(this_year)
        assert dialog.movement_combo.currentData() == only.id
        # Without a name: refused under the name, nothing created, the dialog stays open.
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
        assert dialog.form.error_text("name") and dialog.isVisible()
        assert len(services.rounds.list()) == 1
        dialog.name_edit.setText(f"Xét khen thưởng cuối năm {this_year}")  # QTest types ASCII
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # Lưu is the default button
        qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10_000)
        return dialog.saved

    monkeypatch.setattr(RoundDialog, "ask_new", classmethod(ask_new))
    page.new_round_button.click()
    assert seen and seen[0].saved is not None
    created = services.rounds.get(seen[0].saved.id)
    assert (created.name, created.kind, created.year, created.movement_id) == (
        f"Xét khen thưởng cuối năm {this_year}", RoundKind.YEAR_END, this_year, only.id)
    qtbot.waitUntil(lambda: page.round is not None and page.round.id == created.id,
                    timeout=10_000)
    assert page.round_combo.currentText().startswith(f"Xét khen thưởng cuối năm {this_year}")


def test_a_round_deleted_elsewhere_meanwhile_does_not_break_the_page(
        qtbot: Any, page: RoundsPage, services: Any, world: dict[str, Any]) -> None:
    """Another window (or a load that finishes after the delete) meets a round that is gone:
    the page's hint and list do not fail, and the next reload drops the round."""
    empty = services.rounds.create(RoundInput("Đợt xét nhầm", 2026, RoundKind.AD_HOC))
    page.reload()
    page.round_combo.setCurrentIndex(next(
        i for i in range(page.round_combo.count())
        if page.round_combo.itemData(i).id == empty.id))
    qtbot.waitUntil(lambda: not page.model.busy, timeout=10_000)
    services.rounds.delete(empty.id)  # by another program
    page.reload_nominations()  # e.g. a filter changed: the hint is drawn again
    qtbot.waitUntil(lambda: not page.model.busy, timeout=10_000)
    assert "Chọn một đề nghị" in page.explanation.toPlainText()
    page.reload()
    assert all(page.round_combo.itemData(i).id != empty.id
               for i in range(page.round_combo.count()))
