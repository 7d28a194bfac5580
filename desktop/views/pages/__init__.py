"""The sidebar's pages, in order. A page is one module under ``desktop/views/pages/`` with a
``create_page(ctx) -> Page`` function, registered by one line in ``PAGES``. Entries without a
module show the "not in this version yet" page with their one-line summary.

Modules are imported only when their page is first opened, which keeps start-up fast.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.i18n import translate
from desktop.views.formatting import QT_TRANSLATE_NOOP
from desktop.views.pages.base import Page, PageContext, PlaceholderPage

if TYPE_CHECKING:  # never run; lets PyInstaller and type checkers see the lazily loaded pages
    from desktop.views.pages import (  # noqa: F401
        backups,
        blocs,
        catalog,
        documents,
        movements,
        overview,
        people,
        reports,
        rounds,
        settings_page,
        sync_page,
        trash,
        units,
    )


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # English source text (context "Pages"); shown translated
    module: str | None = None  # "desktop.views.pages.units"; None = not built yet
    summary: str = ""  # for pages not built yet: what the page will do (context "Pages")
    icon: str = ""  # file name under resources/icons


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", QT_TRANSLATE_NOOP("Pages", "Overview"), "desktop.views.pages.overview",
             icon="overview.svg"),
    PageSpec("units", QT_TRANSLATE_NOOP("Pages", "Units"), "desktop.views.pages.units",
             icon="units.svg"),
    PageSpec("people", QT_TRANSLATE_NOOP("Pages", "People"), "desktop.views.pages.people",
             icon="people.svg"),
    PageSpec("award_kinds", QT_TRANSLATE_NOOP("Pages", "Award catalog"),
             "desktop.views.pages.catalog",
             QT_TRANSLATE_NOOP("Pages", "View and edit the emulation titles and commendation "
                               "forms, their coefficients and legal basis."), "catalog.svg"),
    PageSpec("movements", QT_TRANSLATE_NOOP("Pages", "Emulation movements"),
             "desktop.views.pages.movements",
             QT_TRANSLATE_NOOP("Pages", "Record each year's emulation movements with their "
                               "launching documents and targets."), "movements.svg"),
    PageSpec("rounds", QT_TRANSLATE_NOOP("Pages", "Award rounds"), "desktop.views.pages.rounds",
             QT_TRANSLATE_NOOP("Pages", "Collect nominations, check eligibility automatically, "
                               "record council votes and decisions."), "rounds.svg"),
    PageSpec("blocs", QT_TRANSLATE_NOOP("Pages", "Emulation blocs"), "desktop.views.pages.blocs",
             QT_TRANSLATE_NOOP("Pages", "Manage blocs and clusters, score criteria tables and "
                               "rank member units."), "blocs.svg"),
    PageSpec("documents", QT_TRANSLATE_NOOP("Pages", "Documents"),
             "desktop.views.pages.documents",
             QT_TRANSLATE_NOOP("Pages", "Produce submissions, decisions and minutes in Word "
                               "following Decree 30/2020."), "documents.svg"),
    PageSpec("sync", QT_TRANSLATE_NOOP("Pages", "Sync (data packages)"),
             "desktop.views.pages.sync_page",
             QT_TRANSLATE_NOOP("Pages", "Send and receive data packages with the upper and "
                               "lower levels by USB stick or e-mail."), "sync.svg"),
    PageSpec("reports", QT_TRANSLATE_NOOP("Pages", "Reports"), "desktop.views.pages.reports",
             QT_TRANSLATE_NOOP("Pages", "Statistics of awards by kind, unit, year, gender and "
                               "ethnicity, with charts."), "reports.svg"),
    PageSpec("trash", QT_TRANSLATE_NOOP("Pages", "Trash"), "desktop.views.pages.trash",
             icon="trash.svg"),
    PageSpec("backups", QT_TRANSLATE_NOOP("Pages", "Backups"), "desktop.views.pages.backups",
             icon="backups.svg"),
    PageSpec("settings", QT_TRANSLATE_NOOP("Pages", "Settings"),
             "desktop.views.pages.settings_page", icon="settings.svg"),
)


def spec(key: str) -> PageSpec:
    for item in PAGES:
        if item.key == key:
            return item
    raise KeyError(key)


def create_page(item: PageSpec, ctx: PageContext) -> Page:
    page: Page
    if item.module is None:
        page = PlaceholderPage(ctx, translate("Pages", item.title),
                               translate("Pages", item.summary))
    else:
        page = importlib.import_module(item.module).create_page(ctx)
    page.key = item.key
    return page


# Modules a page opens on first use besides its own (dialogs with their own imports).
EXTRA_MODULES = ("desktop.views.dialogs.render_dialog",
                 "desktop.views.dialogs.unit_year_dialog",
                 "desktop.views.dialogs.excel_dialog")


def preload_modules() -> list[str]:
    """Import every page module (and the dialogs pages open) ahead of use.

    Meant to run in a background thread once the window is shown: a page module and what it
    imports cost 30–70 ms on first use, which the officer otherwise feels as a frozen window
    on the first click of each page. Importing defines classes only; no widget is made, so a
    worker thread may do it. Returns the modules imported.
    """
    names = [item.module for item in PAGES if item.module is not None] + list(EXTRA_MODULES)
    for name in names:
        importlib.import_module(name)
    return names
