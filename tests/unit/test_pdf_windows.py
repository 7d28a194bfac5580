"""Which program makes PDFs on Windows (desktop/services/documents/pdf.py), tested on any OS
with the registry (winreg) and Word's COM client replaced by fakes."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from desktop.services.documents import pdf
from desktop.services.documents.engine import DocumentError

HKLM, HKCU, HKCR = "HKLM", "HKCU", "HKCR"


class FakeWinreg:
    """The part of ``winreg`` pdf.py uses, over a {(hive, key): default value} table."""

    HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, HKEY_CLASSES_ROOT = HKLM, HKCU, HKCR

    def __init__(self, values: dict[tuple[str, str], str]) -> None:
        self.values = values

    def OpenKey(self, hive: str, key: str) -> Any:
        if (hive, key) not in self.values:
            raise FileNotFoundError(key)
        value = self.values[(hive, key)]

        class Handle:
            def __enter__(self) -> str:
                return value

            def __exit__(self, *_exc: object) -> None:
                return None

        return Handle()

    @staticmethod
    def QueryValueEx(handle: str, name: str) -> tuple[str, int]:
        assert name == ""
        return handle, 1


class FakeDocument:
    def __init__(self, word: FakeWord, path: str) -> None:
        self.word, self.path = word, path

    def ExportAsFixedFormat(self, target: str, fmt: int) -> None:
        assert fmt == pdf.WD_EXPORT_FORMAT_PDF
        if Path(self.path).name in self.word.broken:
            raise RuntimeError("(-2147352567, 'Word gặp lỗi')")
        Path(target).write_bytes(b"%PDF-1.7 " + Path(self.path).read_bytes())
        self.word.calls.append(("export", Path(target).name))

    def Close(self, save: int) -> None:
        self.word.calls.append(("close", save))


class FakeWord:
    def __init__(self, broken: set[str] | None = None) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.broken = broken or set()
        self.Visible = True
        self.DisplayAlerts = -1
        word = self

        class Documents:
            @staticmethod
            def Open(path: str, **options: Any) -> FakeDocument:
                assert options["ReadOnly"] is True and options["AddToRecentFiles"] is False
                assert word.Visible is False and word.DisplayAlerts == 0
                word.calls.append(("open", Path(path).name))
                return FakeDocument(word, path)

        self.Documents = Documents

    def Quit(self, save: int) -> None:
        self.calls.append(("quit", save))


class FakeCom:
    def __init__(self, word: FakeWord) -> None:
        self.word = word
        self.dispatched: list[str] = []

    def DispatchEx(self, prog_id: str) -> FakeWord:
        self.dispatched.append(prog_id)
        return self.word


@pytest.fixture
def no_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing on PATH, in C:\\Program Files (a Windows test machine may have LibreOffice
    there) or pywin32, unless a test adds it."""
    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)
    monkeypatch.setattr(pdf, "_WINDOWS_DEFAULTS", ())
    monkeypatch.setattr(pdf, "_com_client", lambda: None)
    monkeypatch.setattr(pdf, "_pythoncom", lambda: None)


def registry(monkeypatch: pytest.MonkeyPatch, values: dict[tuple[str, str], str]) -> None:
    monkeypatch.setattr(pdf, "_winreg", lambda: FakeWinreg(values))


def soffice(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "soffice.exe"
    program.write_bytes(b"MZ")
    return program


@pytest.mark.usefixtures("no_path")
def test_libreoffice_from_app_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = soffice(tmp_path / "LO" / "program")
    registry(monkeypatch, {(HKLM, pdf._APP_PATHS): f'"{program}"'})
    assert pdf.find_office({}, "win32") == pdf.Office(pdf.LIBREOFFICE, program)


@pytest.mark.usefixtures("no_path")
def test_libreoffice_from_its_uno_key_per_user(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    program = soffice(tmp_path / "D" / "LibreOffice" / "program")
    registry(monkeypatch, {(HKCU, pdf._UNO_KEYS[1]): str(program.parent)})
    assert pdf.find_office({}, "win32") == pdf.Office(pdf.LIBREOFFICE, program)


@pytest.mark.usefixtures("no_path")
def test_libreoffice_from_the_usual_folders(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    registry(monkeypatch, {})
    env = {"ProgramFiles": str(tmp_path / "pf"), "LOCALAPPDATA": str(tmp_path / "local")}
    assert pdf.find_office(env, "win32") is None
    program = soffice(tmp_path / "local" / "Programs" / "LibreOffice" / "program")
    assert pdf.find_office(env, "win32") == pdf.Office(pdf.LIBREOFFICE, program)
    program = soffice(tmp_path / "pf" / "LibreOffice" / "program")
    assert pdf.find_office(env, "win32") == pdf.Office(pdf.LIBREOFFICE, program)  # Program Files first


@pytest.mark.usefixtures("no_path")
def test_a_registry_entry_whose_program_is_gone_is_skipped(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    registry(monkeypatch, {(HKLM, pdf._APP_PATHS): str(tmp_path / "gone" / "soffice.exe")})
    assert pdf.find_office({}, "win32") is None


@pytest.mark.usefixtures("no_path")
def test_word_first_when_installed_with_pywin32(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    program = soffice(tmp_path / "LO" / "program")
    registry(monkeypatch, {(HKCR, pdf._WORD_PROGID): "{000209FF-0000-0000-C000-000000000046}",
                           (HKLM, pdf._APP_PATHS): str(program)})
    # Word registered but pywin32 missing (a source install): LibreOffice.
    assert pdf.find_office({}, "win32") == pdf.Office(pdf.LIBREOFFICE, program)
    monkeypatch.setattr(pdf, "_com_client", lambda: FakeCom(FakeWord()))
    office = pdf.find_office({}, "win32")
    assert office == pdf.Office(pdf.WORD, None) and office.name == "Microsoft Word"
    # TDKT_SOFFICE is the officer's choice of LibreOffice, even with Word there.
    assert pdf.find_office({pdf.OFFICE_ENV: str(program)}, "win32") == pdf.Office(
        pdf.LIBREOFFICE, program)
    assert pdf.find_office({pdf.OFFICE_ENV: str(tmp_path / "none.exe")}, "win32") is None


@pytest.mark.usefixtures("no_path")
def test_other_systems_never_read_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("winreg read outside Windows")

    monkeypatch.setattr(pdf, "_winreg", refuse)
    assert pdf.find_office({}, "linux") is None


def test_word_converts_each_document_and_always_quits(tmp_path: Path) -> None:
    docs = []
    for name in ("To trinh.docx", "Quyet dinh.docx"):
        docs.append(tmp_path / name)
        docs[-1].write_bytes(name.encode())
    word = FakeWord()
    com = FakeCom(word)
    (tmp_path / "out").mkdir()
    pdfs = pdf.convert_with_word(docs, tmp_path / "out", client=lambda: com)
    assert [p.name for p in pdfs] == ["To trinh.pdf", "Quyet dinh.pdf"]
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    assert com.dispatched == ["Word.Application"]  # a Word of its own, not the officer's window
    assert word.calls == [("open", "To trinh.docx"), ("export", "To trinh.pdf"), ("close", 0),
                          ("open", "Quyet dinh.docx"), ("export", "Quyet dinh.pdf"),
                          ("close", 0), ("quit", 0)]


def test_a_word_failure_names_the_document_and_quits_word(tmp_path: Path) -> None:
    doc = tmp_path / "hong.docx"
    doc.write_bytes(b"x")
    word = FakeWord(broken={"hong.docx"})
    with pytest.raises(DocumentError, match=r"Microsoft Word không chuyển được hong\.docx"):
        pdf.convert_with_word([doc], tmp_path, client=lambda: FakeCom(word))
    assert word.calls[-2:] == [("close", 0), ("quit", 0)]
    with pytest.raises(DocumentError, match="chưa cài LibreOffice"):
        pdf.convert_with_word([doc], tmp_path, client=lambda: None)


def test_convert_to_pdf_uses_word_and_keeps_the_pdfs_private(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "qd.docx"
    doc.write_bytes(b"x")
    word = FakeWord()
    monkeypatch.setattr(pdf, "find_office", lambda: pdf.Office(pdf.WORD, None))
    monkeypatch.setattr(pdf, "_com_client", lambda: FakeCom(word))
    initialised: list[str] = []

    class FakePythoncom:
        @staticmethod
        def CoInitialize() -> None:
            initialised.append("init")

        @staticmethod
        def CoUninitialize() -> None:
            initialised.append("uninit")

    monkeypatch.setattr(pdf, "_pythoncom", lambda: FakePythoncom)
    [made] = pdf.convert_to_pdf([doc], tmp_path / "pdf")
    assert made == tmp_path / "pdf" / "qd.pdf" and made.exists()
    assert initialised == ["init", "uninit"]  # COM on the worker thread that converts
    if os.name == "posix":
        assert stat.S_IMODE(made.stat().st_mode) == 0o600
