"""The first-run dialog: creates and configures a new database, explains every refusal in the
dialog, opens existing files, refuses newer ones, and can build the small demo in the
background."""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop.api.people import PeopleQuery
from desktop.app import ServiceBackend
from desktop.domain.enums import UnitKind
from desktop.paths import AppPaths
from desktop.views.dialogs.first_run import FirstRunDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def opened(paths: AppPaths) -> Any:
    """An opener that remembers what it opened, closed at the end of the test."""
    backends: list[ServiceBackend] = []

    def opener(path: Path, *, create: bool) -> ServiceBackend:
        backend = ServiceBackend.open(path, paths, create=create)
        backends.append(backend)
        return backend

    opener.backends = backends  # type: ignore[attr-defined]
    yield opener
    for backend in backends:
        backend.close()


def make_dialog(qtbot: Any, opened: Any, paths: AppPaths, **kwargs: Any) -> FirstRunDialog:
    dialog = FirstRunDialog(None, opened, default_path=paths.default_database, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_creates_and_configures_a_new_database(qtbot: Any, opened: Any, paths: AppPaths) -> None:
    dialog = make_dialog(qtbot, opened, paths)
    assert dialog.create_radio.isChecked()
    assert dialog.new_path.text() == str(paths.default_database)
    dialog.name_edit.setText("Ủy ban nhân dân xã Bình Lư")
    dialog.code_edit.setText("BINHLU")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(UnitKind.COMMUNE.value))
    dialog.parent_name_edit.setText("Ủy ban nhân dân tỉnh Lai Châu")
    dialog.start_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    backend = dialog.backend
    assert backend is not None and backend.services.setup.is_configured
    assert backend.installation.office_name == "Ủy ban nhân dân xã Bình Lư"
    assert backend.installation.parent_office_name == "Ủy ban nhân dân tỉnh Lai Châu"
    assert paths.default_database.is_file()


def test_refusals_stay_in_the_dialog(qtbot: Any, opened: Any, paths: AppPaths) -> None:
    dialog = make_dialog(qtbot, opened, paths)
    dialog.code_edit.setText("BINH LU")  # no name, and a space in the code
    dialog.start_button.click()
    assert dialog.result() == 0
    assert "không được để trống" in dialog.form.error_text("name")
    assert "dấu cách" in dialog.form.error_text("code")
    assert not dialog.form.summary.isHidden()
    dialog.name_edit.setText("Ủy ban nhân dân xã Bình Lư")
    dialog.code_edit.setText("BINHLU")
    dialog.start_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.backend.services.setup.is_configured


def test_opens_an_existing_configured_database(qtbot: Any, opened: Any, paths: AppPaths,
                                               configured_template: Path, tmp_path: Path) -> None:
    existing = tmp_path / "co-san.db"
    shutil.copy(configured_template, existing)
    dialog = make_dialog(qtbot, opened, paths, existing_path=existing)
    assert dialog.open_radio.isChecked()
    dialog.start_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.backend.installation.office_name == "Ủy ban nhân dân tỉnh Lai Châu"


def test_refuses_a_database_from_a_newer_version(qtbot: Any, opened: Any, paths: AppPaths,
                                                 configured_template: Path,
                                                 tmp_path: Path) -> None:
    newer = tmp_path / "moi-hon.db"
    shutil.copy(configured_template, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    dialog = make_dialog(qtbot, opened, paths, existing_path=newer)
    dialog.start_button.click()
    assert dialog.result() == 0 and dialog.backend is None
    assert "mới hơn" in dialog.form.summary.text()


def test_refuses_to_overwrite_with_create(qtbot: Any, opened: Any, paths: AppPaths,
                                          configured_template: Path) -> None:
    shutil.copy(configured_template, paths.default_database)
    dialog = make_dialog(qtbot, opened, paths)
    dialog.name_edit.setText("Ủy ban nhân dân xã Bình Lư")
    dialog.code_edit.setText("BINHLU")
    dialog.start_button.click()
    assert dialog.result() == 0 and opened.backends == []
    assert str(paths.default_database) in dialog.form.summary.text()


@pytest.mark.skipif(importlib.util.find_spec("desktop.services.demo") is None,
                    reason="desktop.services.demo has not landed yet")
def test_demo_data_is_built_in_the_background(qtbot: Any, opened: Any, paths: AppPaths) -> None:
    dialog = make_dialog(qtbot, opened, paths, demo_available=True)
    dialog.name_edit.setText("Ủy ban nhân dân xã Bình Lư")
    dialog.code_edit.setText("BINHLU")
    dialog.demo_check.setChecked(True)
    dialog.start_button.click()
    assert dialog.demo_running and not dialog.start_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=60_000)
    services = dialog.backend.services
    assert services.units.count() > 10
    assert services.people.count(PeopleQuery()) > 50
    assert dialog.backend.installation.office_name == "Ủy ban nhân dân xã Bình Lư"


def test_quit_closes_the_dialog_and_what_it_opened(qtbot: Any, opened: Any, paths: AppPaths,
                                                   configured_template: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """An earlier Start opened a database (the demo was then refused); Quit closes the dialog
    as rejected and closes that database, so the app exits holding no file."""
    existing = tmp_path / "co-du-lieu.db"
    shutil.copy(configured_template, existing)
    dialog = make_dialog(qtbot, opened, paths, existing_path=existing, demo_available=True)
    dialog.show()
    dialog.demo_check.setChecked(True)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: not dialog.demo_running, timeout=30_000)
    backend = dialog.backend
    assert backend is not None and dialog.isVisible()
    closed: list[bool] = []
    monkeypatch.setattr(backend, "close", lambda: closed.append(True) or ServiceBackend.close(backend))
    with qtbot.waitSignal(dialog.rejected, timeout=5000):
        dialog.quit_button.click()
    assert not dialog.isVisible()
    assert dialog.result() == dialog.DialogCode.Rejected
    assert dialog.backend is None and closed == [True]


@pytest.mark.skipif(importlib.util.find_spec("desktop.services.demo") is None,
                    reason="desktop.services.demo has not landed yet")
def test_demo_refused_on_a_database_with_data(qtbot: Any, opened: Any, paths: AppPaths,
                                              configured_template: Path,
                                              tmp_path: Path) -> None:
    existing = tmp_path / "co-du-lieu.db"
    shutil.copy(configured_template, existing)
    dialog = make_dialog(qtbot, opened, paths, existing_path=existing, demo_available=True)
    dialog.demo_check.setChecked(True)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: not dialog.demo_running, timeout=30_000)
    assert dialog.result() == 0
    assert "dữ liệu mẫu" in dialog.form.summary.text()  # the service's own explanation
    assert not dialog.demo_check.isChecked()
    dialog.start_button.click()  # without the demo it opens as it is
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.backend.services.units.count() == 4
