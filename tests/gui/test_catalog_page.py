"""The award catalog is editable in the app: bad input is explained beside the field and
changes nothing; a good edit is saved; the shipped values come back in one click."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from desktop.views.pages.catalog import AwardKindDialog

pytestmark = pytest.mark.gui


def test_edit_validate_and_restore(qtbot: Any, main_window: Any, services: Any) -> None:
    page = main_window.navigate("award_kinds")
    codes = [page.model.row_object(r).code for r in range(page.model.rowCount())]
    assert "BK_TINH" in codes and "CSTDCS_2013" in codes
    row = services.catalog.award_kind("GIAY_KHEN")
    dialog = AwardKindDialog(services, row, page)
    qtbot.addWidget(dialog)
    dialog.fields["coef_individual"].setText("-1")
    dialog.save()
    assert dialog.saving and not dialog.buttons.isEnabled()  # saving in the background
    qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
    assert dialog.buttons.isEnabled()
    assert "từ 0 đến 500" in dialog.form.error_text("coef_individual")
    assert services.catalog.award_kind("GIAY_KHEN").coef_individual == Decimal("0.30")
    dialog.fields["coef_individual"].setText("abc")
    dialog.save()
    assert dialog.form.error_text("coef_individual")
    dialog.fields["coef_individual"].setText("0,4")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10_000)
    assert services.catalog.award_kind("GIAY_KHEN").coef_individual == Decimal("0.40")

    page.reload()
    target = next(r for r in range(page.proxy.rowCount())
                  if page.proxy.index(r, 0).data() == "GIAY_KHEN")
    page.table.setCurrentIndex(page.proxy.index(target, 0))
    page.reset_current()
    assert not page.reset_button.isEnabled()  # while the reset runs
    qtbot.waitUntil(lambda: page.reset_button.isEnabled(), timeout=10_000)
    assert services.catalog.award_kind("GIAY_KHEN").coef_individual == Decimal("0.30")
    assert "2.530.000" in page.salaries.text()
