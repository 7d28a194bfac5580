"""Fixtures for GUI tests: a temporary TDKT_HOME, a configured temporary database per test
(copied from one migrated template), the Vietnamese catalog, and a guard that fails any test
which opens a modal dialog it did not expect (dialogs expose ``ask()`` for tests to replace)."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

# Headless, with a full-HD screen (the offscreen default of 800×800 would clamp windows).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    _screen = Path(__file__).with_name("offscreen_screen.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox

from desktop import i18n
from desktop.app import ServiceBackend
from desktop.domain.enums import Gender, UnitKind
from desktop.paths import AppPaths, app_paths
from desktop.services import Services
from desktop.services.people import PersonInput
from desktop.services.units import UnitInput
from desktop.settings import UiSettings

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session", autouse=True)
def vietnamese(qapp: QApplication) -> Iterator[None]:
    """Build the catalog once and run every GUI test in Vietnamese, like the app."""
    subprocess.run([sys.executable, str(REPO / "scripts" / "build_translations.py")],
                   check=True, capture_output=True)
    i18n.install(qapp)
    yield
    i18n.uninstall(qapp)


@pytest.fixture(scope="session", autouse=True)
def collect_on_the_gui_thread() -> Iterator[None]:
    """As the app does (desktop.tasks.garbage): no automatic collection, which would run in
    whichever thread allocates and could destroy a dropped Qt object in a worker thread (a rare
    segfault in QObject::~QObject); each test's garbage is collected here, on this thread."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_after_each_test() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        pytest.fail("unexpected modal dialog: patch the dialog's ask()/Messages in the test")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, refuse)
    for name in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    for name in ("getText", "getInt", "getItem"):
        monkeypatch.setattr(QInputDialog, name, refuse)


@pytest.fixture(scope="session")
def configured_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated, configured database with a small tree; each test gets a copy."""
    home = tmp_path_factory.mktemp("gui-template")
    paths = app_paths(home).ensure()
    services = Services.open(paths.default_database, paths)
    info = services.setup.configure(
        UnitInput("Ủy ban nhân dân tỉnh Lai Châu", "LCH", UnitKind.PROVINCE),
        parent_office_name="Chính phủ")
    root = info.unit_id
    tam = services.units.create(UnitInput("Ủy ban nhân dân xã Nà Tăm", "NATAM", UnitKind.COMMUNE,
                                          parent_id=root))
    services.units.create(UnitInput("Ủy ban nhân dân phường Tân Phong", "TANPHONG", UnitKind.WARD,
                                    parent_id=root))
    services.units.create(UnitInput("Bản Nà Tăm 1", "NATAM1", UnitKind.VILLAGE, parent_id=tam.id))
    services.close()
    return paths.default_database


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    monkeypatch.setenv("TDKT_HOME", str(tmp_path / "home"))
    return app_paths(tmp_path / "home").ensure()


@pytest.fixture
def services(configured_template: Path, paths: AppPaths) -> Iterator[Services]:
    shutil.copy(configured_template, paths.default_database)
    opened = Services.open(paths.default_database, paths)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo, built once through the real builder (what the first start offers; it
    takes seconds); tests work on copies (``demo_services``)."""
    from desktop.services.demo import build_demo

    home = tmp_path_factory.mktemp("demo-template")
    demo_paths = app_paths(home).ensure()
    built = Services.open(demo_paths.default_database, demo_paths)
    build_demo(built.db, "small")
    built.close()
    return demo_paths.default_database


@pytest.fixture
def demo_services(demo_template: Path, paths: AppPaths) -> Iterator[Services]:
    shutil.copy(demo_template, paths.default_database)
    opened = Services.open(paths.default_database, paths)
    yield opened
    opened.close()


@pytest.fixture
def backend(services: Services) -> ServiceBackend:
    return ServiceBackend(services)


@pytest.fixture
def ui_settings(paths: AppPaths) -> UiSettings:
    return UiSettings(paths.config)


def unit_by_code(services: Services, code: str) -> Any:
    return next(u for u in services.units.search(code) if u.code == code)


@pytest.fixture
def find_unit(services: Services) -> Any:
    """``find_unit("NATAM")`` → the UnitRow with that code."""
    return lambda code: unit_by_code(services, code)


@pytest.fixture
def sample_people(services: Services) -> list[Any]:
    """A handful of people whose names need tone-insensitive search."""
    tam = unit_by_code(services, "NATAM")
    phong = unit_by_code(services, "TANPHONG")
    rows = [
        ("Nguyễn Văn Đức", Gender.MALE, date(1985, 3, 2), "Kinh", tam.id, "Chủ tịch"),
        ("Lê Thị Hường", Gender.FEMALE, date(1990, 7, 15), "Thái", tam.id, "Văn thư"),
        ("Lò Văn Páo", Gender.MALE, date(1978, 1, 20), "Thái", phong.id, "Trưởng bản"),
        ("Trần Thị Ánh", Gender.FEMALE, None, "Kinh", phong.id, "Kế toán"),
        ("Giàng A Dủa", Gender.MALE, date(1995, 11, 5), "Mông", tam.id, ""),
    ]
    return [services.people.create(PersonInput(name, gender, unit, birth, ethnicity,
                                               position=position))
            for name, gender, birth, ethnicity, unit, position in rows]


@pytest.fixture
def settle(qtbot: Any) -> Any:
    """``settle(model, ...)``: wait until lazy models have their rows (they load in the
    background)."""
    def wait(*models: Any) -> None:
        for model in models:
            qtbot.waitUntil(lambda m=model: not m.busy, timeout=10_000)
    return wait


@pytest.fixture
def main_window(qtbot: Any, backend: ServiceBackend, ui_settings: UiSettings) -> Iterator[Any]:
    from desktop.views.main_window import MainWindow
    from desktop.views.messages import Messages

    window = MainWindow(backend, ui_settings)
    window.runner.show_error = Messages.error
    qtbot.addWidget(window)
    window.show()
    yield window
    # Background reads must end while the database is still open (it closes right after).
    window.runner.wait_for_done(10_000)
    QApplication.processEvents()


def spin_like_a_modal_dialog(msecs: int = 20) -> None:
    """What a real modal box does while the officer reads it: run a nested event loop. Test
    stand-ins for message boxes call this so bugs that only show under a nested loop (objects
    deleted inside it, re-entrant slots) are not hidden by an instant fake."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(msecs, loop.quit)
    loop.exec()


@pytest.fixture
def answered_messages(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Messages.info/error/confirm answered like real modal boxes (a nested event loop), their
    texts recorded by kind; ``confirm`` answers yes."""
    from desktop.views.messages import Messages

    seen: dict[str, list[str]] = {"info": [], "error": [], "confirm": []}

    def recorder(kind: str, answer: Any = None) -> Any:
        def shown(cls: Any, _parent: Any, text: str, *_args: Any, **_kwargs: Any) -> Any:
            seen[kind].append(text)
            spin_like_a_modal_dialog()
            return answer
        return classmethod(shown)

    monkeypatch.setattr(Messages, "info", recorder("info"))
    monkeypatch.setattr(Messages, "error", recorder("error"))
    monkeypatch.setattr(Messages, "confirm", recorder("confirm", True))
    return seen
