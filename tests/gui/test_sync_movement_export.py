"""The fourth choice of "Xuất gói", "Phong trào thi đua": the province picks a movement and the
commune it launches it to; the counts name the movement's record types and the package opens
at the commune with the commune's targets."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.api.sync import PackageKind
from desktop.domain.enums import MovementKind, UnitKind
from desktop.services.movements import MovementInput, TargetInput
from desktop.services.units import UnitInput
from desktop.views.pages.sync_import import PackageFiles
from tests.gui.test_sync_page import (  # noqa: F401 - fixtures
    _save,
    button,
    open_window,
    shots,
    sync_page,
    tab,
    table_texts,
)
from tests.unit.sync_world import PROVINCE, open_office

pytestmark = pytest.mark.gui


def test_province_sends_a_movement_down_through_the_page(
        qtbot: Any, tmp_path: Path, open_window: Any, shots: list[Path],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    province = open_office(tmp_path / "offices", *PROVINCE, UnitKind.PROVINCE)
    commune = open_office(tmp_path / "offices", "Ủy ban nhân dân xã Bình Lư", "XBL",
                          UnitKind.COMMUNE, parent=PROVINCE)
    p = province.services
    try:
        root = p.units.children(None)[0].id
        xbl = p.units.create(UnitInput("Ủy ban nhân dân xã Bình Lư", "XBL", UnitKind.COMMUNE,
                                       root)).id
        movement = p.movements.create(MovementInput(
            "Phong trào thi đua “Dân vận khéo”", MovementKind.THEMATIC, 2026, "03/KH-UBND",
            date(2026, 2, 10), "UBND tỉnh Lai Châu",
            targets=[TargetInput("Số mô hình dân vận khéo", "mô hình", 5.0)])).id
        p.movements.figures.assign(movement, [xbl], 2026)
        window = open_window(province)
        page = sync_page(qtbot, window)
        export = tab(page, "Xuất gói")
        tab_ = page.export_tab
        [radio] = [r for r in export.findChildren(type(tab_.movement_radio))
                   if r.text() == "Phong trào thi đua"]
        radio.click()
        qtbot.waitUntil(lambda: tab_.movement_combo.count() == 2, timeout=10_000)
        tab_.movement_combo.setCurrentIndex(tab_.movement_combo.findData(movement))
        assert "Hãy chọn đơn vị nhận phong trào" in tab_.summary_label.text()
        tab_.movement_unit_combo.setCurrentIndex(tab_.movement_unit_combo.findData("XBL"))
        qtbot.waitUntil(lambda: tab_.write_button.isEnabled(), timeout=10_000)
        counts = dict((row[0], row[1]) for row in table_texts(tab_.counts_view))
        assert counts["Phong trào thi đua"] == "1" and counts["Chỉ tiêu của phong trào"] == "1"
        assert counts["Chỉ tiêu của đơn vị"] == "1"
        target = tmp_path / "usb" / "phong_trao.tdkt"
        monkeypatch.setattr(PackageFiles, "save", classmethod(lambda _c, _p, _s: target))
        qtbot.mouseClick(button(export, "Ghi gói…"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab_.result_box.isVisible(), timeout=20_000)
        _save(window.grab(), shots, "sync-export-movement")
        header = commune.services.sync.inspect(target)
        assert header.kind is PackageKind.DOWNWARD
        assert header.movement_name == "Phong trào thi đua “Dân vận khéo”"
        assert header.counts["unit_targets"] == 1
    finally:
        commune.services.close()
        p.close()
