"""PDF through LibreOffice when the machine has it (found automatically, never bundled: it is
hundreds of megabytes and most offices already have Word or LibreOffice)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from desktop.paths import make_private
from desktop.services.documents.engine import DocumentError

OFFICE_ENV = "TDKT_SOFFICE"
_WINDOWS_CANDIDATES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
NOT_INSTALLED = ("Máy này chưa cài LibreOffice nên không xuất được PDF. Văn bản Word (.docx) đã "
                 "được tạo; có thể mở bằng Word rồi chọn Lưu thành PDF, hoặc cài LibreOffice "
                 "(miễn phí, libreoffice.org) rồi làm lại.")


def find_office() -> Path | None:
    """The LibreOffice program: $TDKT_SOFFICE, then PATH, then the usual Windows folders."""
    configured = os.environ.get(OFFICE_ENV)
    if configured:
        return Path(configured) if Path(configured).exists() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for candidate in _WINDOWS_CANDIDATES:
        if Path(candidate).exists():
            return Path(candidate)
    return None


def convert_to_pdf(documents: list[Path], out_dir: Path, *, timeout: float = 600) -> list[Path]:
    """Convert in one LibreOffice run (starting it costs about a second) with a private profile,
    so an office window the officer has open does not block it."""
    office = find_office()
    if office is None:
        raise DocumentError(NOT_INSTALLED)
    out_dir.mkdir(parents=True, exist_ok=True)
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
    for pdf in pdfs:  # LibreOffice writes with the umask's mode; documents hold personal data
        make_private(pdf)
    return pdfs
