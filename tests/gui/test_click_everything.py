"""Click everything: over the small demo database, open every page and, on each, click every
button, choose every entry of every filter and combo box, trigger every menu and context-menu
action, switch every tab, sort by every column and open every dialog (answered as an officer
who changes their mind: Huỷ). Any exception that reaches the event loop or the crash handler
fails the test (pytest-qt captures them), and so does a message that is not Vietnamese.

This is the net that catches the "clicked it and got the crash dialog" kind of bug the rest of
the suite, which follows the happy paths, does not look for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import spin_like_a_modal_dialog
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from desktop.app import ServiceBackend
from desktop.views import messages as messages_module
from desktop.views.messages import Messages
from desktop.views.pages import PAGES
from desktop.views.pages.base import PlaceholderPage

pytestmark = [pytest.mark.gui, pytest.mark.slow]

# Buttons whose click leaves the window or the test's sandbox (closing the app, opening the
# officer's file manager or Word); everything else is clicked.
SKIPPED_TEXTS = {"Thoát", "E&xit", "Thoát chương trình"}
ENGLISH_WORDS = re.compile(r"\b(Traceback|Error|Exception|None|the|and|is|not)\b")


@pytest.fixture(params=["demo", "empty"])
def demo_window(request: pytest.FixtureRequest, qtbot: Any, ui_settings: Any) -> Iterator[Any]:
    """The window over the demo data, and over a configured database with no rounds, blocs or
    people yet (the first day: every button must cope with "nothing chosen")."""
    from desktop.views.main_window import MainWindow

    services = request.getfixturevalue("demo_services" if request.param == "demo" else "services")
    window = MainWindow(ServiceBackend(services), ui_settings, remember_state=False)
    qtbot.addWidget(window)
    window.resize(1366, 697)
    window.show()
    yield window
    window.runner.cancel_all()
    window.runner.wait_for_done(30_000)
    QApplication.processEvents()
    window.close()


class Officer:
    """Answers every question like someone who looks, then cancels; records what was said."""

    def __init__(self, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        self.qtbot = qtbot
        self.said: list[str] = []
        self.dialogs: list[str] = []
        self.done: list[str] = []  # what was exercised, for the report and the floor below
        patch = monkeypatch.setattr
        for name in ("info", "error"):
            patch(Messages, name, classmethod(self._message))
        patch(Messages, "confirm", classmethod(lambda _c, _p, text, **_k: self._answer(text, False)))
        if hasattr(Messages, "busy_retry"):
            patch(Messages, "busy_retry", classmethod(lambda _c, _p, text, *_a, **_k:
                                                       self._answer(text, False)))
        patch(Messages, "about", classmethod(self._message))
        patch(QMessageBox, "exec", lambda box, *_a, **_k: self._message_box(box))
        patch(QDialog, "exec", lambda dialog, *_a, **_k: self._dialog(dialog))
        for name in ("getOpenFileName", "getSaveFileName"):
            patch(QFileDialog, name, staticmethod(lambda *_a, **_k: ("", "")))
        patch(QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: ([], "")))
        patch(QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: ""))
        patch(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("", False)))
        patch(QInputDialog, "getInt", staticmethod(lambda *_a, **_k: (0, False)))
        patch(QInputDialog, "getItem", staticmethod(lambda *_a, **_k: ("", False)))
        patch(messages_module, "open_folder", lambda *_a, **_k: True)
        if hasattr(messages_module, "FileOpener"):
            patch(messages_module.FileOpener, "open", classmethod(lambda *_a, **_k: True))

    def _message(self, _cls: Any, _parent: Any, text: str, *_args: Any, **_kwargs: Any) -> None:
        self._answer(text, None)

    def _answer(self, text: str, answer: Any) -> Any:
        self.said.append(text)
        spin_like_a_modal_dialog(5)
        return answer

    def _message_box(self, box: QMessageBox) -> int:
        self._answer(box.text(), None)
        return int(QMessageBox.StandardButton.Cancel)

    def _dialog(self, dialog: QDialog) -> int:
        """Show it, look at it, click through its tabs, then Huỷ (Esc)."""
        self.dialogs.append(type(dialog).__name__)
        dialog.show()
        spin_like_a_modal_dialog(5)
        for tabs in dialog.findChildren(QTabWidget):
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
        spin_like_a_modal_dialog(5)
        dialog.reject()
        dialog.hide()
        return int(QDialog.DialogCode.Rejected)

    def choose_from_context_menu(self, open_menu: Any) -> None:
        """Open a context menu (``QMenu.exec`` cannot be patched from Python: it is overloaded
        in C++), read its actions as soon as it pops up, close it, then choose each action in
        turn (each on a fresh state would be too slow; in turn still reaches every slot)."""
        seen: list[QAction] = []
        tries = [0]

        def look() -> None:
            popup = QApplication.activePopupWidget()
            if isinstance(popup, QMenu):
                seen.extend(_menu_actions(popup))
                popup.close()
            elif tries[0] < 100:
                tries[0] += 1
                QTimer.singleShot(10, look)

        QTimer.singleShot(0, look)
        open_menu()
        for action in seen:
            self.trigger(action)

    def trigger(self, action: QAction) -> None:
        if not action.isEnabled() or action.isSeparator() or action.text() in SKIPPED_TEXTS:
            return
        if action.menu() is not None:
            for sub in _menu_actions(action.menu()):
                self.trigger(sub)
            return
        self.done.append(f"action {action.text()}")
        action.trigger()


def _menu_actions(menu: QMenu) -> list[QAction]:
    return [a for a in menu.actions() if not a.isSeparator()]


def _settle(qtbot: Any, window: Any) -> None:
    """Background work the last click started has finished and been delivered."""
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=60_000)
    QApplication.processEvents()


def _alive(widget: QWidget) -> bool:
    try:
        return widget.isVisible() and widget.isEnabled()
    except RuntimeError:  # deleted by an earlier click (a page rebuilt itself)
        return False


def _exercise_page(qtbot: Any, window: Any, officer: Officer, root: QWidget) -> None:
    """Every tab of the page in turn, and on each what it shows."""
    _exercise(qtbot, window, officer, root)
    for tabs in root.findChildren(QTabWidget):
        if not _alive(tabs):
            continue
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            officer.done.append(f"tab {tabs.tabText(i)}")
            _settle(qtbot, window)
            _exercise(qtbot, window, officer, tabs.widget(i))


def _exercise(qtbot: Any, window: Any, officer: Officer, root: QWidget) -> None:
    """Every control of ``root`` that is visible and enabled, once."""
    for combo in root.findChildren(QComboBox):
        if not _alive(combo):
            continue
        start = combo.currentIndex()
        for i in range(combo.count()):
            combo.setCurrentIndex(i)
            officer.done.append(f"choice {combo.itemText(i)}")
            _settle(qtbot, window)
        if _alive(combo):
            combo.setCurrentIndex(start)
            _settle(qtbot, window)
    for edit in root.findChildren(QLineEdit):
        if not _alive(edit) or edit.isReadOnly() or isinstance(edit.parent(), QComboBox):
            continue
        before = edit.text()
        officer.done.append(f"typed into {edit.placeholderText() or edit.objectName()}")
        qtbot.keyClicks(edit, "duc")
        _settle(qtbot, window)
        edit.setText(before)
        _settle(qtbot, window)
    for view in root.findChildren(QAbstractItemView):
        if not _alive(view) or view.model() is None:
            continue
        _exercise_view(qtbot, window, officer, view)
    for button in root.findChildren(QAbstractButton):
        if not _alive(button) or button.text() in SKIPPED_TEXTS:
            continue
        menu = getattr(button, "menu", lambda: None)()
        if menu is not None:
            for action in _menu_actions(menu):
                officer.trigger(action)
                _settle(qtbot, window)
            continue
        officer.done.append(f"button {button.text() or button.toolTip()}")
        button.click()
        _settle(qtbot, window)


def _exercise_view(qtbot: Any, window: Any, officer: Officer, view: QAbstractItemView) -> None:
    model = view.model()
    header = getattr(view, "horizontalHeader", lambda: None)()
    if header is not None and header.isVisible() and header.sectionsClickable():
        for section in range(min(model.columnCount(), 12)):
            officer.done.append(f"sort {model.headerData(section, Qt.Orientation.Horizontal)}")
            header.sectionClicked.emit(section)
            _settle(qtbot, window)
    if model.rowCount() > 0:
        first = model.index(0, 0)
        view.setCurrentIndex(first)
        _settle(qtbot, window)
        if _alive(view) and view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu:
            rect = view.visualRect(view.currentIndex())
            where = rect.center() if rect.isValid() else QPoint(5, 5)
            officer.choose_from_context_menu(lambda: view.customContextMenuRequested.emit(where))
            _settle(qtbot, window)
        if _alive(view) and view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu:
            for action in view.actions():
                if action.isEnabled():
                    action.trigger()
                    _settle(qtbot, window)


@pytest.mark.parametrize("key", [spec.key for spec in PAGES])
def test_every_control_of_the_page_works(qtbot: Any, demo_window: Any, key: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    officer = Officer(qtbot, monkeypatch)
    page = demo_window.navigate(key)
    _settle(qtbot, demo_window)
    _exercise_page(qtbot, demo_window, officer, page)
    if not isinstance(page, PlaceholderPage):  # the net really was cast
        assert officer.done
    # Twice: the second pass runs over the state the first left (rows selected, filters
    # changed back, tasks finished), where re-entrancy bugs live.
    page = demo_window.navigate(key)
    _exercise_page(qtbot, demo_window, officer, page)
    _settle(qtbot, demo_window)
    print(key, len(officer.done), "controls;", len(officer.dialogs), "dialogs:",
          sorted(set(officer.dialogs)))
    english = [text for text in officer.said if ENGLISH_WORDS.search(text)
               and not re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", text)]
    assert english == [], english


def test_every_menu_action_of_the_window_works(qtbot: Any, demo_window: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    officer = Officer(qtbot, monkeypatch)
    for menu_action in demo_window.menuBar().actions():
        menu = menu_action.menu()
        assert menu is not None
        for action in _menu_actions(menu):
            officer.trigger(action)
            _settle(qtbot, demo_window)
    # Backup and restore were offered a file dialog the officer cancelled: nothing stays
    # disabled.
    assert demo_window.backup_action.isEnabled() and demo_window.verify_action.isEnabled()
    assert demo_window.sidebar.isEnabled()
