"""A form saved over someone else's change (issue 10, item 7): the edit dialogs send the version
they were opened with; when the record was saved meanwhile (another window, another computer)
the save is refused, a Vietnamese box says what they changed (as it was → now) and offers
"Tải lại" (the form shows the current record) or "Hủy" (back to the form as typed). Nothing
of theirs is overwritten."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from desktop.paths import AppPaths
from desktop.services import Services
from desktop.views.messages import Messages

pytestmark = pytest.mark.gui


@pytest.fixture
def elsewhere(services: Services, paths: AppPaths) -> Iterator[Services]:
    """The same database through a second engine: another window, another computer."""
    other = Services.open(paths.default_database, paths)
    yield other
    other.close()


class StaleBox:
    """``Messages.stale_edit`` answered with ``answer``, its texts recorded."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: bool) -> None:
        self.texts: list[str] = []
        monkeypatch.setattr(Messages, "stale_edit", classmethod(
            lambda cls, parent, text: self.texts.append(text) or answer))


def test_person_saved_meanwhile_reload_shows_their_change_then_mine_saves(
        qtbot: Any, backend: Any, services: Services, elsewhere: Services,
        sample_people: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.views.dialogs.person_dialog import PersonDialog

    person = services.people.get(sample_people[1].id)  # Lê Thị Hường, Văn thư
    dialog = PersonDialog(None, backend, person=person)
    qtbot.addWidget(dialog)
    elsewhere.people.update(person.id, replace(person.as_input(), position="Chánh văn phòng"),
                            expected_version=person.version)
    box = StaleBox(monkeypatch, answer=True)  # "Tải lại"

    dialog.note_edit.setPlainText("Ghi chú của tôi")
    dialog.save()
    qtbot.waitUntil(lambda: bool(box.texts) and not dialog.saving, timeout=10_000)

    text = box.texts[0]
    assert text.startswith("Người khác đã sửa và lưu “Lê Thị Hường” sau khi bạn mở biểu mẫu")
    assert "  • Chức vụ: “Văn thư” → “Chánh văn phòng”" in text.splitlines()
    assert "Tải lại" in text and "Hủy" in text
    stored = services.people.get(person.id)
    assert (stored.position, stored.note) == ("Chánh văn phòng", "")  # theirs kept, mine not
    assert dialog.saved is None and dialog.result() != dialog.DialogCode.Accepted
    assert dialog.position_edit.text() == "Chánh văn phòng"  # reloaded
    assert dialog.note_edit.toPlainText() == ""
    assert dialog.save_button.isEnabled()

    dialog.note_edit.setPlainText("Ghi chú của tôi")  # typed again on the current record
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    final = services.people.get(person.id)
    assert (final.position, final.note) == ("Chánh văn phòng", "Ghi chú của tôi")
    assert len(box.texts) == 1


def test_person_saved_meanwhile_cancel_keeps_what_was_typed(
        qtbot: Any, backend: Any, services: Services, elsewhere: Services,
        sample_people: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.views.dialogs.person_dialog import PersonDialog

    person = services.people.get(sample_people[0].id)
    dialog = PersonDialog(None, backend, person=person)
    qtbot.addWidget(dialog)
    elsewhere.people.update(person.id, replace(person.as_input(), note="Của người khác"),
                            expected_version=person.version)
    box = StaleBox(monkeypatch, answer=False)  # "Hủy"

    dialog.position_edit.setText("Bí thư")
    dialog.save()
    qtbot.waitUntil(lambda: bool(box.texts) and not dialog.saving, timeout=10_000)

    assert "  • Ghi chú: “(trống)” → “Của người khác”" in box.texts[0].splitlines()
    assert dialog.position_edit.text() == "Bí thư"  # the form as typed
    assert dialog.saved is None and dialog.save_button.isEnabled()
    stored = services.people.get(person.id)
    assert (stored.position, stored.note) == ("Chủ tịch", "Của người khác")


def test_unit_saved_meanwhile_is_not_overwritten(
        qtbot: Any, backend: Any, services: Services, elsewhere: Services, find_unit: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.api.units import UnitInput
    from desktop.views.dialogs.unit_dialog import UnitDialog

    unit = find_unit("NATAM1")
    dialog = UnitDialog(None, backend, unit=unit)
    qtbot.addWidget(dialog)
    elsewhere.units.update(unit.id, UnitInput(unit.name, unit.code, unit.kind, unit.parent_id,
                                              address="Xã Nà Tăm, tỉnh Lai Châu"),
                           expected_version=unit.version)
    box = StaleBox(monkeypatch, answer=True)

    dialog.name_edit.setText("Bản Nà Tăm Một")
    dialog.save()
    qtbot.waitUntil(lambda: bool(box.texts) and not dialog.saving, timeout=10_000)

    assert "  • Địa chỉ: “(trống)” → “Xã Nà Tăm, tỉnh Lai Châu”" in box.texts[0].splitlines()
    stored = services.units.get(unit.id)
    assert (stored.name, stored.address) == ("Bản Nà Tăm 1", "Xã Nà Tăm, tỉnh Lai Châu")
    assert dialog.name_edit.text() == "Bản Nà Tăm 1"
    assert dialog.address_edit.text() == "Xã Nà Tăm, tỉnh Lai Châu"


def test_catalog_entry_saved_meanwhile_is_not_overwritten(
        qtbot: Any, services: Services, elsewhere: Services,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.views.pages.catalog import AwardKindDialog

    row = services.catalog.award_kind("GIAY_KHEN")
    dialog = AwardKindDialog(services, row)
    qtbot.addWidget(dialog)
    elsewhere.catalog.update_award_kind(row.id, replace(row, coef_individual=Decimal("0.5")),
                                        expected_version=row.version)
    box = StaleBox(monkeypatch, answer=True)

    dialog.fields["note"].setText("Sửa của tôi")
    dialog.save()
    qtbot.waitUntil(lambda: bool(box.texts) and not dialog.saving, timeout=10_000)

    assert "  • Hệ số cá nhân: “0,3” → “0,5”" in box.texts[0].splitlines()
    stored = services.catalog.award_kind("GIAY_KHEN")
    assert (stored.coef_individual, stored.note) == (Decimal("0.50"), row.note)
    assert dialog.fields["coef_individual"].text() == "0,5"  # reloaded


def test_criterion_and_bloc_saved_meanwhile_are_not_overwritten(
        qtbot: Any, services: Services, elsewhere: Services,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from bloc_world import build_bloc_world

    from desktop.api.blocs import BlocInput, CriterionInput
    from desktop.views.dialogs.bloc_dialog import BlocDialog
    from desktop.views.dialogs.criterion_dialog import CriterionDialog

    world = build_bloc_world(services)
    box = StaleBox(monkeypatch, answer=True)

    c = services.blocs.criteria.get(world["II.2"])
    criterion_dialog = CriterionDialog(None, services, world["bloc"], criterion=c)
    qtbot.addWidget(criterion_dialog)
    elsewhere.blocs.criteria.update(c.id, CriterionInput(
        c.code, "Hoạt động công đoàn", c.max_points, c.kind, c.parent_code),
        expected_version=c.version)
    criterion_dialog.basis_edit.setText("Kế hoạch năm")
    criterion_dialog.save()
    qtbot.waitUntil(lambda: len(box.texts) == 1 and not criterion_dialog.saving,
                    timeout=10_000)
    assert ("  • Tên tiêu chí: “Hoạt động công đoàn, đoàn thanh niên” → “Hoạt động công đoàn”"
            in box.texts[0].splitlines())
    assert services.blocs.criteria.get(c.id).basis == ""
    assert criterion_dialog.name_edit.text() == "Hoạt động công đoàn"

    bloc = services.blocs.get(world["bloc"])
    bloc_dialog = BlocDialog(None, services, bloc=bloc)
    qtbot.addWidget(bloc_dialog)
    elsewhere.blocs.update(bloc.id, BlocInput(
        bloc.name, bloc.kind, bloc.year, bloc.organiser_unit_id, bloc.head_unit_id,
        bloc.deputy_unit_id, bloc.pledge_date, bloc.pledge_note, bloc.total_points,
        bloc.flag_count, 3, bloc.tie_rules, bloc.note), expected_version=bloc.version)
    bloc_dialog.note_edit.setText("Ghi chú của tôi")
    bloc_dialog.save()
    qtbot.waitUntil(lambda: len(box.texts) == 2 and not bloc_dialog.saving, timeout=10_000)
    assert "  • Số đơn vị đề nghị Bằng khen: “2” → “3”" in box.texts[1].splitlines()
    stored = services.blocs.get(bloc.id)
    assert (stored.merit_count, stored.note) == (3, bloc.note)
    assert bloc_dialog.merit_spin.value() == 3
    assert bloc_dialog.member_ids() == [m.unit_id for m in services.blocs.members(bloc.id)]
