"""Item models pass Qt's model tester and stay lazy: pages on demand, SQL-side sorting."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop.api.people import PeopleQuery
from desktop.views.itemmodels.people_model import COLUMNS, PeopleTableModel
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.itemmodels.roles import OBJECT_ROLE
from desktop.views.itemmodels.unit_tree_model import UnitTreeModel

pytestmark = pytest.mark.gui


class CountingPeople:
    """Wraps services.people and counts calls (to prove the model is lazy)."""

    def __init__(self, people: Any) -> None:
        self._people = people
        self.pages: list[tuple[int, int]] = []

    def count(self, query: Any) -> int:
        return int(self._people.count(query))

    def page(self, query: Any, offset: int, limit: int) -> list[Any]:
        self.pages.append((offset, limit))
        return list(self._people.page(query, offset, limit))


def test_people_model_passes_modeltester(qtmodeltester: Any, backend: Any,
                                         sample_people: list[Any]) -> None:
    model = PeopleTableModel(backend.services.people, PeopleQuery())
    model.set_query(PeopleQuery())
    qtmodeltester.check(model)
    assert model.rowCount() == len(sample_people)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Họ và tên"


def test_people_model_fetches_pages_lazily(backend: Any, sample_people: list[Any]) -> None:
    source = CountingPeople(backend.services.people)
    model = PeopleTableModel(source, PeopleQuery(), page_size=2)
    model.set_query(PeopleQuery())
    assert model.total == 5 and model.rowCount() == 2
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 5 and not model.canFetchMore(QModelIndex())
    assert source.pages == [(0, 2), (2, 2), (4, 2)]


def test_people_model_sort_requeries(backend: Any, sample_people: list[Any]) -> None:
    source = CountingPeople(backend.services.people)
    model = PeopleTableModel(source, PeopleQuery())
    model.set_query(PeopleQuery())
    birth = [c.key for c in COLUMNS].index("birth_date")
    model.sort(birth, Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "birth_date" and model.query.descending
    assert len(source.pages) == 2
    assert model.person(0).full_name == "Giàng A Dủa"  # born 1995, the youngest
    assert model.index(0, birth).data() == "05/11/1995"


def test_unit_tree_model_is_lazy_and_valid(qtmodeltester: Any, backend: Any) -> None:
    calls: list[int | None] = []

    def children(parent_id: int | None) -> list[Any]:
        calls.append(parent_id)
        return list(backend.services.units.children(parent_id))

    model = UnitTreeModel(children)
    assert calls == []
    qtmodeltester.check(model)
    root = model.index(0, 0)
    assert root.data() == "Ủy ban nhân dân tỉnh Lai Châu"
    assert model.hasChildren(root)
    model.fetchMore(root)
    names = [model.index(r, 0, root).data() for r in range(model.rowCount(root))]
    assert names == ["Ủy ban nhân dân phường Tân Phong", "Ủy ban nhân dân xã Nà Tăm"]
    qtmodeltester.check(model)
    tam = model.index(1, 0, root)
    assert tam.data(OBJECT_ROLE).code == "NATAM"
    assert model.index(0, 1, root).data() == "TANPHONG"


def test_unit_tree_index_of_path(backend: Any) -> None:
    model = UnitTreeModel(backend.services.units.children)
    village = next(u for u in backend.services.units.search("NATAM1") if u.code == "NATAM1")
    chain = [u.id for u in backend.services.units.path(village.id)]
    index = model.index_of_path(chain)
    assert index.isValid() and index.data() == "Bản Nà Tăm 1"
    assert index.parent().data() == "Ủy ban nhân dân xã Nà Tăm"


def test_record_model_passes_modeltester(qtmodeltester: Any) -> None:
    model = RecordTableModel([Column("A", lambda r: r[0]), Column("B", lambda r: str(r[1]),
                                                                 sort=lambda r: r[1])])
    model.set_rows([("x", 2), ("y", 1)])
    qtmodeltester.check(model)
    assert model.index(1, 0).data(OBJECT_ROLE) == ("y", 1)


def test_people_model_refresh_keeps_the_loaded_rows(backend: Any, sample_people: list[Any]) -> None:
    source = CountingPeople(backend.services.people)
    model = PeopleTableModel(source, PeopleQuery(), page_size=2)
    model.set_query(PeopleQuery())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 4
    model.refresh()
    assert model.rowCount() == 4 and source.pages[-1] == (0, 4)


def test_people_model_loads_in_the_background(qtbot: Any, backend: Any,
                                              sample_people: list[Any]) -> None:
    import threading

    from desktop.tasks import TaskRunner

    threads: list[threading.Thread] = []

    class Recording(CountingPeople):
        def count(self, query: Any) -> int:
            threads.append(threading.current_thread())
            return super().count(query)

    runner = TaskRunner()
    model = PeopleTableModel(Recording(backend.services.people), PeopleQuery(),
                             runner=runner)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(PeopleQuery())
        assert model.loading and model.rowCount() == 0
    assert model.rowCount() == 5 and threads[0] is not threading.main_thread()
    # Rapid changes: only the newest query's rows are shown.
    model.update_query(text="duc")
    model.update_query(text="huong")
    qtbot.waitUntil(lambda: not model.busy, timeout=5000)
    assert [model.person(r).full_name for r in range(model.rowCount())] == ["Lê Thị Hường"]
    runner.wait_for_done(5000)
