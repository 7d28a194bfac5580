"""Bad input in the window (issue 10): adding someone who is already there (same name and
birth date, no CCCD) makes the person dialog ask "Đã có … Vẫn thêm?" with the existing record
("Không" keeps the form open with nothing added, "Có" adds the new person anyway); a file error
that reaches the top is explained in Vietnamese, by errno."""

from __future__ import annotations

import errno
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QEventLoop, Qt, QTimer

from desktop import crash
from desktop.api.people import PeopleQuery, PersonInput
from desktop.domain.enums import Gender
from desktop.domain.errors import StorageError
from desktop.views.dialogs.person_dialog import PersonDialog
from desktop.views.messages import Messages

pytestmark = pytest.mark.gui


def spin_like_a_modal_dialog(msecs: int = 20) -> None:
    """A real message box runs a nested event loop while the officer reads it."""
    loop = QEventLoop()
    QTimer.singleShot(msecs, loop.quit)
    loop.exec()


def test_the_dialog_asks_before_adding_the_same_person_again(
        qtbot: Any, backend: Any, find_unit: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    people = backend.services.people
    tam = find_unit("NATAM")
    people.create(PersonInput("Nguyễn Văn Đức", Gender.MALE, tam.id,
                              birth_date=date(1985, 3, 2)))
    asked: list[str] = []
    answers = [False, True]

    def confirm(_cls: Any, _parent: Any, text: str, **_kwargs: Any) -> bool:
        asked.append(text)
        spin_like_a_modal_dialog()
        return answers.pop(0)

    monkeypatch.setattr(Messages, "confirm", classmethod(confirm))
    dialog = PersonDialog(None, backend, default_unit=tam)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Nguyen Van Duc")  # typed without accents: still the same name
    dialog.birth_date.set_date(date(1985, 3, 2))

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 1 and not dialog.saving, timeout=10_000)
    assert "“Nguyễn Văn Đức”, sinh ngày 02/03/1985, đơn vị “Ủy ban nhân dân xã Nà Tăm”" \
        in asked[0]
    assert asked[0].endswith("Vẫn thêm?")
    assert people.count(PeopleQuery()) == 1  # "Không": nothing added
    assert dialog.result() == 0 and "Nguyễn Văn Đức" in dialog.form.summary.text()
    assert dialog.save_button.isEnabled()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert len(asked) == 2 and dialog.saved is not None
    assert dialog.saved.full_name == "Nguyen Van Duc"
    assert people.count(PeopleQuery()) == 2


def test_a_file_error_reaching_the_top_is_explained_not_a_crash() -> None:
    for code, words in ((errno.ENOSPC, "đã đầy"), (errno.EROFS, "ổ chỉ cho phép đọc"),
                        (errno.EACCES, "không có quyền")):
        known = crash.known_error(OSError(code, "English words", "/media/usb/to-trinh.docx"))
        assert isinstance(known, StorageError), code
        assert words in str(known) and "English" not in str(known)
        assert "/media/usb/to-trinh.docx" in str(known)
