"""Fixtures for Qt-free tests: a migrated, configured temporary database per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.domain.enums import UnitKind
from desktop.paths import AppPaths, app_paths
from desktop.services import Services
from desktop.services.units import UnitInput


@pytest.fixture(scope="session")
def configured_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate and configure one database per run; tests get copies (fast, isolated)."""
    home = tmp_path_factory.mktemp("template")
    paths = app_paths(home).ensure()
    services = Services.open(paths.default_database, paths)
    services.setup.configure(UnitInput("Ủy ban nhân dân tỉnh Lai Châu", "LCH", UnitKind.PROVINCE))
    services.close()
    return paths.default_database


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return app_paths(tmp_path / "home").ensure()


@pytest.fixture
def services(configured_template: Path, paths: AppPaths) -> Iterator[Services]:
    shutil.copy(configured_template, paths.default_database)
    opened = Services.open(paths.default_database, paths)
    yield opened
    opened.close()

