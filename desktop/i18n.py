"""Qt Linguist translations: English source strings in code, Vietnamese in ``desktop_vi.ts``.

Write user-facing text as ``translate("Context", "English text")``. ``pyside6-lupdate`` finds
calls *named* ``translate(`` (it misreads a two-argument ``tr(...)`` helper as ``self.tr``), so
code uses ``translate``; ``tr`` is the same function for callers outside the scanned folders.
Messages from services are already Vietnamese and are shown as they are.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.paths import resource_path

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "vi"
APP_CATALOG = "desktop"
# Qt's own catalogs, loaded when the Qt build ships them (the PySide6 wheels carry no
# Vietnamese qtbase; the strings we need from it are translated in our own catalog instead).
QT_CATALOGS = ("qtbase",)

# Installed translators must stay referenced or Qt silently drops them.
_installed: list[QTranslator] = []


def translate(context: str, text: str, n: int = -1) -> str:
    """The translation of ``text`` in ``context`` (``%n`` is replaced by ``n`` when given)."""
    return QCoreApplication.translate(context, text, None, n)


tr = translate


def catalog_path(language: str = DEFAULT_LANGUAGE) -> Path:
    """The compiled catalog built by ``scripts/build_translations.py``."""
    return resource_path("translations", f"{APP_CATALOG}_{language}.qm")


def install(app: QCoreApplication, language: str = DEFAULT_LANGUAGE) -> list[Path]:
    """Install the app's and Qt's catalogs for ``language``; returns the files loaded."""
    uninstall(app)
    if language == "vi":
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    loaded: list[Path] = []
    app_qm = catalog_path(language)
    translator = QTranslator(app)
    if app_qm.is_file() and translator.load(str(app_qm)):
        app.installTranslator(translator)
        _installed.append(translator)
        loaded.append(app_qm)
    else:
        log.warning("Translation catalog %s missing: run scripts/build_translations.py", app_qm)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in QT_CATALOGS:
        qt_translator = QTranslator(app)
        if qt_translator.load(f"{name}_{language}", qt_dir):
            app.installTranslator(qt_translator)
            _installed.append(qt_translator)
            loaded.append(Path(qt_dir) / f"{name}_{language}.qm")
    return loaded


def uninstall(app: QCoreApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())
