"""scripts/typecheck.py: errors below the views always fail; a view file may not gain errors
over the committed baseline, and the baseline can only be lowered."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def typecheck(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("typecheck", REPO / "scripts" / "typecheck.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "BASELINE", tmp_path / "baseline.json")
    module.BASELINE.write_text(json.dumps({"desktop/views/a.py": 2}))
    return module


def _errors(*paths: str) -> list[str]:
    return [f"{p}:1: error: Explicit \"Any\" is not allowed  [misc]" for p in paths]


def test_errors_below_the_views_fail(typecheck: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typecheck, "run_mypy", lambda: (_errors("desktop/services/x.py"), 1))
    assert typecheck.main([]) == 1


def test_views_within_the_baseline_pass_and_growth_fails(typecheck: Any,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typecheck, "run_mypy", lambda: (_errors("desktop/views/a.py"), 1))
    assert typecheck.main([]) == 0
    monkeypatch.setattr(typecheck, "run_mypy", lambda: (_errors(*["desktop/views/a.py"] * 3), 1))
    assert typecheck.main([]) == 1
    monkeypatch.setattr(typecheck, "run_mypy", lambda: (_errors("desktop/views/new.py"), 1))
    assert typecheck.main([]) == 1


def test_baseline_only_shrinks(typecheck: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typecheck, "run_mypy", lambda: (_errors(*["desktop/views/a.py"] * 3), 1))
    assert typecheck.main(["--update-baseline"]) == 1
    assert json.loads(typecheck.BASELINE.read_text()) == {"desktop/views/a.py": 2}
    monkeypatch.setattr(typecheck, "run_mypy", lambda: (_errors("desktop/views/a.py"), 1))
    assert typecheck.main(["--update-baseline"]) == 0
    assert json.loads(typecheck.BASELINE.read_text()) == {"desktop/views/a.py": 1}
