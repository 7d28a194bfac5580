"""Issue 10, point 14 in the windows: the officer declares their name in the first-run dialog
and on the Settings page; the history of a nomination names them and says it is
self-declared."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from desktop.api.installation import ACTOR_NOTE
from desktop.app import ServiceBackend
from desktop.domain.enums import NominationStatus, RoundKind, UnitKind
from desktop.paths import AppPaths
from desktop.services.nominations import NominationInput
from desktop.services.records import Subject
from desktop.services.rounds import RoundInput
from desktop.views.dialogs.first_run import FirstRunDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def opened(paths: AppPaths) -> Any:
    backends: list[ServiceBackend] = []

    def opener(path: Path, *, create: bool) -> ServiceBackend:
        backend = ServiceBackend.open(path, paths, create=create)
        backends.append(backend)
        return backend

    yield opener
    for backend in backends:
        backend.close()


def test_first_run_records_the_officer_name(qtbot: Any, opened: Any, paths: AppPaths) -> None:
    dialog = FirstRunDialog(None, opened, default_path=paths.default_database)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Ủy ban nhân dân xã Bình Lư")
    dialog.code_edit.setText("BINHLU")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(UnitKind.COMMUNE.value))
    dialog.officer_edit.setText("  Nguyễn  Văn An ")
    dialog.start_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.officer_form.summary.text()
    assert dialog.backend is not None and dialog.backend.installation is not None
    assert dialog.backend.installation.officer_name == "Nguyễn Văn An"


def test_first_run_keeps_the_declared_name_of_an_existing_database(
        qtbot: Any, opened: Any, paths: AppPaths, configured_template: Path,
        tmp_path: Path) -> None:
    existing = tmp_path / "co-san.db"
    shutil.copy(configured_template, existing)
    first = opened(existing, create=False)
    first.services.setup.set_officer_name("Lò Thị Mai")
    first.close()
    dialog = FirstRunDialog(None, opened, default_path=paths.default_database,
                            existing_path=existing)
    qtbot.addWidget(dialog)
    dialog.start_button.click()  # the name field left empty
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.backend is not None and dialog.backend.installation is not None
    assert dialog.backend.installation.officer_name == "Lò Thị Mai"


def test_settings_page_changes_the_officer_name(qtbot: Any, main_window: Any,
                                                backend: Any) -> None:
    page = main_window.navigate("settings")
    assert page.officer_edit.text() == ""
    assert "chưa khai báo tên cán bộ" in page.actor_label.text()
    page.officer_edit.setText("Vàng Thị Hoa")
    page.officer_save.click()
    qtbot.waitUntil(lambda: "Vàng Thị Hoa" in page.actor_label.text(), timeout=10_000)
    assert backend.installation.officer_name == "Vàng Thị Hoa"
    assert backend.services.db.installation.actor_name == "Vàng Thị Hoa"


def test_nomination_history_says_the_actor_is_self_declared(qtbot: Any, main_window: Any,
                                                            services: Any,
                                                            settle: Any) -> None:
    root = services.units.children(None)[0].id
    round_id = services.rounds.create(RoundInput("Xét khen thưởng năm 2026", 2026,
                                                 RoundKind.YEAR_END)).id
    nomination = services.nominations.create(NominationInput(round_id, Subject(unit_id=root),
                                                             "GIAY_KHEN")).id
    services.setup.set_officer_name("Nguyễn Văn An")
    services.nominations.transition([nomination], NominationStatus.SUBMITTED)
    page = main_window.navigate("rounds")
    settle(page.model)
    row = page.model.row_object(0)
    page.show_explanation(row)
    qtbot.waitUntil(lambda: "(Nguyễn Văn An, tự khai)" in page.explanation.toPlainText(),
                    timeout=10_000)
    assert ACTOR_NOTE in page.explanation.toPlainText()
