"""The rounds page at scale: a lazy nominations list paged and sorted in SQL, filters that
show what they say, a debounced search, the unit tree reading children in the background and
the render dialog's target list as a model."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QTreeView

from desktop.domain.enums import ConditionStatus, NominationStatus, RoundKind
from desktop.models import Nomination
from desktop.services.nominations import NominationInput, NominationQuery
from desktop.services.records import Subject
from desktop.services.rounds import RoundInput
from desktop.views.dialogs.render_dialog import RenderDialog
from desktop.views.itemmodels.nominations_model import NominationsTableModel
from desktop.views.itemmodels.unit_tree_model import UnitTreeModel

pytestmark = pytest.mark.gui

# sample_people order: Đức, Hường, Páo, Ánh, Dủa
STATES = [(NominationStatus.RECEIVED, ConditionStatus.NOT_MET),
          (NominationStatus.DRAFT, None),
          (NominationStatus.SUBMITTED, ConditionStatus.MET),
          (NominationStatus.RECEIVED, ConditionStatus.CHECK),
          (NominationStatus.DRAFT, ConditionStatus.MET)]


@pytest.fixture
def round_id(services: Any, sample_people: list[Any]) -> int:
    round_row = services.rounds.create(RoundInput("Xét năm 2026", 2026, RoundKind.YEAR_END))
    ids = []
    for person, (status, _eligibility) in zip(sample_people, STATES, strict=True):
        row = services.nominations.create(NominationInput(
            round_row.id, Subject(person_id=person.id), "LDTT"))
        if status is not NominationStatus.DRAFT:
            services.nominations.transition([row.id], NominationStatus.SUBMITTED)
        if status is NominationStatus.RECEIVED:
            services.nominations.transition([row.id], NominationStatus.RECEIVED)
        ids.append(row.id)
    with services.db.session() as s:
        for nomination_id, (_status, eligibility) in zip(ids, STATES, strict=True):
            s.get(Nomination, nomination_id).eligibility = eligibility.value if eligibility else ""
    return int(round_row.id)


@pytest.fixture
def page(main_window: Any, round_id: int, settle: Any) -> Any:
    shown = main_window.navigate("rounds")
    settle(shown.model)
    return shown


def shown_names(page: Any) -> list[str]:
    return [page.model.row_object(r).subject_name for r in range(page.model.rowCount())]


def test_each_filter_choice_shows_its_rows(qtbot: Any, page: Any, settle: Any,
                                           sample_people: list[Any]) -> None:
    assert len(shown_names(page)) == 5
    for index in range(1, page.status_filter.count()):
        page.status_filter.setCurrentIndex(index)
        settle(page.model)
        wanted = NominationStatus(page.status_filter.itemData(index))
        expected = {p.full_name for p, (s, _e) in zip(sample_people, STATES, strict=True)
                    if s is wanted}
        assert set(shown_names(page)) == expected, wanted
        assert page.count_label.text().startswith(str(len(expected)))
    page.status_filter.setCurrentIndex(0)
    for index in range(1, page.eligibility_filter.count()):
        page.eligibility_filter.setCurrentIndex(index)
        settle(page.model)
        wanted_check = ConditionStatus(page.eligibility_filter.itemData(index))
        expected = {p.full_name for p, (_s, e) in zip(sample_people, STATES, strict=True)
                    if e is wanted_check}
        assert set(shown_names(page)) == expected, wanted_check
    page.eligibility_filter.setCurrentIndex(0)
    settle(page.model)
    assert len(shown_names(page)) == 5


def test_header_click_sorts_in_sql(qtbot: Any, page: Any, settle: Any, services: Any,
                                   round_id: int) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    settle(page.model)
    assert page.model.query.sort == "status"
    expected = services.nominations.page(
        NominationQuery(round_id, sort="status", descending=page.model.query.descending), 0, 10)
    assert [r.id for r in page.model.rows] == [r.id for r in expected]
    assert [r.status for r in page.model.rows] != [r.status for r in
                                                   services.nominations.page(
                                                       NominationQuery(round_id), 0, 10)]


def test_model_pages_as_the_view_asks(qtbot: Any, services: Any, main_window: Any,
                                      round_id: int, settle: Any) -> None:
    model = NominationsTableModel(services.nominations, NominationQuery(round_id),
                                  page_size=2, runner=main_window.runner)
    model.set_query(NominationQuery(round_id, sort="name", descending=True))
    settle(model)
    assert (model.rowCount(), model.total, model.canFetchMore()) == (2, 5, True)
    model.fetchMore()
    settle(model)
    model.fetchMore()
    settle(model)
    assert model.rowCount() == 5 and not model.canFetchMore()
    assert [r.id for r in model.rows] == [r.id for r in services.nominations.page(
        NominationQuery(round_id, sort="name", descending=True), 0, 10)]
    model.sort(1, Qt.SortOrder.AscendingOrder)  # a header click re-queries, from the top
    settle(model)
    assert model.query.sort == "award" and model.rowCount() == 2


def test_search_waits_for_a_pause_and_runs_once(qtbot: Any, page: Any, services: Any,
                                                monkeypatch: Any) -> None:
    asked: list[str] = []
    real_count = services.nominations.count

    def count(query: Any) -> int:
        asked.append(query.text)
        return real_count(query)

    monkeypatch.setattr(services.nominations, "count", count)
    qtbot.keyClicks(page.search, "huong")
    assert page.search.pending and page.model.query.text == ""  # nothing asked while typing
    qtbot.waitUntil(lambda: page.model.query.text == "huong" and not page.model.busy)
    assert shown_names(page) == ["Lê Thị Hường"]
    assert asked == ["huong"]


def test_unit_tree_reads_deeper_levels_in_one_background_batch(qtbot: Any, services: Any,
                                                               main_window: Any) -> None:
    asked: list[int | None] = []

    def children(parent_id: int | None) -> list[Any]:
        asked.append(parent_id)
        return services.units.children(parent_id)

    model = UnitTreeModel(children, runner=main_window.runner)
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.expandToDepth(1)
    root = model.index(0, 0)
    communes = {model.index(r, 0, root).data(): model.index(r, 0, root)
                for r in range(model.rowCount(root))}
    assert set(communes) == {"Ủy ban nhân dân xã Nà Tăm", "Ủy ban nhân dân phường Tân Phong"}
    nam_tam = communes["Ủy ban nhân dân xã Nà Tăm"]
    assert model.rowCount(nam_tam) == 0 and model.busy  # on its way, the window not blocked
    qtbot.waitUntil(lambda: not model.busy)
    assert [model.index(r, 0, nam_tam).data() for r in range(model.rowCount(nam_tam))] == [
        "Bản Nà Tăm 1"]
    assert asked[2:] == [model.unit(nam_tam).id]  # one read; the empty ward is not asked
    assert model.index_of_path([model.unit(root).id, model.unit(nam_tam).id]).isValid()
    assert not model.canFetchMore(QModelIndex())


def test_render_dialog_targets_are_a_model(qtbot: Any, services: Any, main_window: Any,
                                           round_id: int) -> None:
    first = services.nominations.page(NominationQuery(round_id), 0, 1)[0]
    dialog = RenderDialog(services, main_window.runner, main_window,
                          template_key="bao_cao_thanh_tich_ca_nhan", round_id=round_id,
                          target_ids=(first.id,))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.nominations.count() == 5)
    assert dialog.checked_nominations() == [first.id]
    dialog.select_all_button.click()
    assert len(dialog.checked_nominations()) == 5
    dialog.select_none_button.click()
    assert dialog.checked_nominations() == []
    index = dialog.targets.index(3)
    dialog.targets.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert dialog.checked_nominations() == [dialog.targets.row_id(3)]
    assert first.subject_name in dialog.targets.data(dialog.targets.index(0))
