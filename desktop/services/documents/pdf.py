"""PDF from the Word documents, through the office program the machine already has (never
bundled: hundreds of megabytes): Microsoft Word on Windows when it is installed (what most
offices have), LibreOffice otherwise.

LibreOffice is found from ``$TDKT_SOFFICE``, PATH, the Windows registry (App Paths and
LibreOffice's own UNO key) and the usual install folders. Setting ``TDKT_SOFFICE`` means "use
this LibreOffice" (Word is then not used). The Windows-only parts import ``winreg`` and pywin32
only when called on Windows, so this module imports everywhere and is tested with both replaced.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.paths import make_private
from desktop.services.documents.engine import DocumentError

OFFICE_ENV = "TDKT_SOFFICE"
WORD = "word"
LIBREOFFICE = "libreoffice"
# Folders under Program Files (64- and 32-bit) and the per-user programs folder.
_WINDOWS_FOLDERS = ("LibreOffice", "LibreOffice 5")  # older versions put the major one in the name
_PROGRAM_FILES_VARS = ("ProgramW6432", "ProgramFiles", "ProgramFiles(x86)")
_WINDOWS_DEFAULTS = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
_APP_PATHS = r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\soffice.exe"
_UNO_KEYS = (r"SOFTWARE\LibreOffice\UNO\InstallPath",
             r"SOFTWARE\WOW6432Node\LibreOffice\UNO\InstallPath")
_WORD_PROGID = r"Word.Application\CLSID"
WD_EXPORT_FORMAT_PDF = 17  # Word's WdExportFormat.wdExportFormatPDF
WD_DO_NOT_SAVE_CHANGES = 0
NOT_INSTALLED = ("Máy này chưa cài LibreOffice (hoặc Microsoft Word) nên không xuất được PDF. "
                 "Văn bản Word (.docx) đã được tạo; có thể mở bằng Word rồi chọn Lưu thành PDF, "
                 "hoặc cài LibreOffice (miễn phí, libreoffice.org) rồi làm lại.")


@dataclass(frozen=True)
class Office:
    """The program that makes the PDFs."""

    kind: str  # WORD or LIBREOFFICE
    path: Path | None  # soffice; None for Word (started through COM)

    @property
    def name(self) -> str:
        return "Microsoft Word" if self.kind == WORD else "LibreOffice"


def find_office(env: Mapping[str, str] | None = None,
                platform: str = sys.platform) -> Office | None:
    """Word (Windows, when installed and pywin32 is present), else LibreOffice; None if neither.
    ``$TDKT_SOFFICE`` chooses LibreOffice at that path (None when it does not exist)."""
    env = os.environ if env is None else env
    configured = env.get(OFFICE_ENV)
    if configured:
        return Office(LIBREOFFICE, Path(configured)) if Path(configured).exists() else None
    if platform == "win32" and word_installed():
        return Office(WORD, None)
    soffice = find_libreoffice(env, platform)
    return Office(LIBREOFFICE, soffice) if soffice is not None else None


def find_libreoffice(env: Mapping[str, str], platform: str = sys.platform) -> Path | None:
    """soffice from PATH, then (Windows) the registry and the usual install folders."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    if platform != "win32":
        return None
    for candidate in (*_registry_candidates(), *_folder_candidates(env)):
        if candidate.is_file():
            return candidate
    return None


def _registry_candidates() -> Iterator[Path]:
    """soffice.exe as the LibreOffice installer registers it (per machine or per user)."""
    winreg = _winreg()
    if winreg is None:
        return
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        value = _registry_value(winreg, hive, _APP_PATHS)
        if value:
            yield Path(value.strip('"'))
        for key in _UNO_KEYS:  # the default value is the program folder
            value = _registry_value(winreg, hive, key)
            if value:
                folder = Path(value.strip('"'))
                yield folder / "soffice.exe" if folder.suffix.lower() != ".exe" else folder


def _folder_candidates(env: Mapping[str, str]) -> Iterator[Path]:
    roots = [env[var] for var in _PROGRAM_FILES_VARS if env.get(var)]
    if env.get("LOCALAPPDATA"):
        roots.append(str(Path(env["LOCALAPPDATA"]) / "Programs"))
    for root in roots:
        for folder in _WINDOWS_FOLDERS:
            yield Path(root) / folder / "program" / "soffice.exe"
    yield from (Path(p) for p in _WINDOWS_DEFAULTS)


def word_installed() -> bool:
    """Word registers its COM class; pywin32 (a Windows-only dependency) drives it."""
    winreg = _winreg()
    if winreg is None or _registry_value(winreg, winreg.HKEY_CLASSES_ROOT, _WORD_PROGID) is None:
        return False
    return _com_client() is not None


def _winreg() -> Any:
    try:
        return importlib.import_module("winreg")
    except ImportError:
        return None


def _com_client() -> Any:
    try:
        return importlib.import_module("win32com.client")
    except ImportError:
        return None


def _registry_value(winreg: Any, hive: Any, key: str) -> str | None:
    """The default value of ``key``; None when it is missing or unreadable."""
    try:
        with winreg.OpenKey(hive, key) as handle:
            value, _kind = winreg.QueryValueEx(handle, "")
    except OSError:
        return None
    return str(value) if value else None


def convert_to_pdf(documents: list[Path], out_dir: Path, *, timeout: float = 600) -> list[Path]:
    """Each document as ``out_dir/<stem>.pdf``, by Word or LibreOffice (``find_office``)."""
    office = find_office()
    if office is None:
        raise DocumentError(NOT_INSTALLED)
    out_dir.mkdir(parents=True, exist_ok=True)
    if office.kind == WORD:
        pdfs = convert_with_word(documents, out_dir)
    else:
        assert office.path is not None
        pdfs = convert_with_libreoffice(office.path, documents, out_dir, timeout=timeout)
    for pdf in pdfs:  # written with the umask's mode; documents hold personal data
        make_private(pdf)
    return pdfs


def convert_with_libreoffice(office: Path, documents: list[Path], out_dir: Path, *,
                             timeout: float = 600) -> list[Path]:
    """One LibreOffice run (starting it costs about a second) with a private profile, so an
    office window the officer has open does not block it."""
    with tempfile.TemporaryDirectory(prefix="tdkt-lo-") as profile:
        command = [str(office), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(out_dir),
                   *[str(d) for d in documents]]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                    check=False)
        except subprocess.TimeoutExpired as error:
            raise DocumentError("LibreOffice chạy quá lâu khi chuyển sang PDF; hãy thử lại với "
                                "ít văn bản hơn.") from error
        except OSError as error:
            raise DocumentError(f"Không chạy được LibreOffice ({office}): {error}") from error
    pdfs = [out_dir / (d.stem + ".pdf") for d in documents]
    missing = [p.name for p in pdfs if not p.exists()]
    if result.returncode != 0 or missing:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or [""]
        raise DocumentError(f"LibreOffice không chuyển được sang PDF: {', '.join(missing)} "
                            f"{detail[0]}".strip())
    return pdfs


def convert_with_word(documents: list[Path], out_dir: Path,
                      client: Callable[[], Any] | None = None) -> list[Path]:
    """One hidden Word of its own (DispatchEx: never the window the officer has open), each
    document opened read-only and exported, Word closed whatever happens. COM needs the calling
    thread initialised: conversions run in worker threads."""
    com = (client or _com_client)()
    if com is None:
        raise DocumentError(NOT_INSTALLED)
    pythoncom = _pythoncom()
    if pythoncom is not None:
        pythoncom.CoInitialize()
    pdfs: list[Path] = []
    try:
        try:
            word = com.DispatchEx("Word.Application")
        except Exception as error:  # COM reports every failure as com_error
            raise DocumentError(f"Không mở được Microsoft Word để chuyển sang PDF: {error}") from error
        try:
            word.Visible = False
            word.DisplayAlerts = 0  # wdAlertsNone: no dialog may wait for a click
            for document in documents:
                pdf = out_dir / (document.stem + ".pdf")
                try:
                    opened = word.Documents.Open(str(document.resolve()), ConfirmConversions=False,
                                                 ReadOnly=True, AddToRecentFiles=False,
                                                 Visible=False)
                    try:
                        opened.ExportAsFixedFormat(str(pdf.resolve()), WD_EXPORT_FORMAT_PDF)
                    finally:
                        opened.Close(WD_DO_NOT_SAVE_CHANGES)
                except Exception as error:
                    raise DocumentError(f"Microsoft Word không chuyển được {document.name} sang "
                                        f"PDF: {error}") from error
                if not pdf.exists():
                    raise DocumentError(f"Microsoft Word không tạo được {pdf.name}.")
                pdfs.append(pdf)
        finally:
            with contextlib.suppress(Exception):
                word.Quit(WD_DO_NOT_SAVE_CHANGES)
    finally:
        if pythoncom is not None:
            pythoncom.CoUninitialize()
    return pdfs


def _pythoncom() -> Any:
    try:
        return importlib.import_module("pythoncom")
    except ImportError:
        return None
