"""Documents use case: which template applies (the officer's edited copy wins over the shipped
one), check it, fill it, write it, batch it, turn it into PDF."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop.api.documents import BatchResult as BatchResult
from desktop.api.documents import safe_filename as safe_filename
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.progress import CancelToken, ProgressFn, no_progress
from desktop.domain.vntext import fold
from desktop.paths import package_path
from desktop.services.blocs import BlocService
from desktop.services.council import CouncilService
from desktop.services.database import Database
from desktop.services.decisions import DecisionService
from desktop.services.documents.checker import CheckReport, check_template, checked
from desktop.services.documents.contexts import Context, ContextBuilder, RenderOptions
from desktop.services.documents.engine import DocumentError, render_to_file
from desktop.services.documents.pdf import NOT_INSTALLED, convert_to_pdf, find_office
from desktop.services.documents.registry import TEMPLATES, TemplateSpec, template_spec
from desktop.services.documents.settings import DocumentSettings
from desktop.services.nominations import NominationService

SHIPPED_DIR = package_path("templates_docx")


@dataclass(frozen=True)
class TemplateInfo:
    spec: TemplateSpec
    path: Path
    customised: bool  # the officer's copy in the user template folder is used
    modified_at: datetime | None


class DocumentService:
    def __init__(self, db: Database, user_templates: Path, nominations: NominationService,
                 council: CouncilService, decisions: DecisionService,
                 blocs: BlocService) -> None:
        self._db = db
        self._user_dir = user_templates
        self._nominations, self._council, self._decisions = nominations, council, decisions
        self._blocs = blocs

    # -- templates --------------------------------------------------------------------------
    def templates(self) -> list[TemplateInfo]:
        return [self.info(spec.key) for spec in TEMPLATES]

    def spec(self, key: str) -> TemplateSpec:
        spec = template_spec(key)
        if spec is None:
            known = ", ".join(t.key for t in TEMPLATES)
            raise NotFoundError(f"Không có mẫu “{key}”. Các mẫu: {known}.")
        return spec

    def info(self, key: str) -> TemplateInfo:
        spec = self.spec(key)
        user = self._user_dir / spec.filename
        if user.exists():
            return TemplateInfo(spec, user, True, datetime.fromtimestamp(user.stat().st_mtime))
        return TemplateInfo(spec, SHIPPED_DIR / spec.filename, False, None)

    def shipped_path(self, key: str) -> Path:
        return SHIPPED_DIR / self.spec(key).filename

    def check(self, key: str, path: Path | None = None) -> CheckReport:
        """Check the template in use (or any .docx at ``path``) against the key's fields."""
        return check_template(path or self.info(key).path, self.spec(key))

    def edit_copy(self, key: str) -> Path:
        """"Sửa mẫu": the officer's copy (made from the shipped one the first time), to open in
        Word; from then on it is the one used."""
        info = self.info(key)
        if not info.customised:
            self._user_dir.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(info.path, self._user_dir / info.spec.filename)
        return self._user_dir / info.spec.filename

    def install_copy(self, key: str, source: Path) -> CheckReport:
        """Use a template file the officer made elsewhere; refused (nothing changes) when the
        checker finds errors."""
        report = self.check(key, source)
        if report.ok:
            self._user_dir.mkdir(parents=True, exist_ok=True)
            self._keep_old_copy(key)
            shutil.copyfile(source, self._user_dir / self.spec(key).filename)
        return report

    def restore(self, key: str) -> Path | None:
        """"Khôi phục mẫu gốc": the copy moves to ``templates/cu/`` (nothing is lost) and the
        shipped template is used again. Returns where the copy went."""
        return self._keep_old_copy(key)

    def _keep_old_copy(self, key: str) -> Path | None:
        current = self._user_dir / self.spec(key).filename
        if not current.exists():
            return None
        kept = self._user_dir / "cu" / f"{key}-{datetime.now():%Y%m%d-%H%M%S}.docx"
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(current, kept)
        return kept

    # -- rendering --------------------------------------------------------------------------
    def context(self, key: str, target_id: int, options: RenderOptions | None = None) -> Context:
        builder = ContextBuilder(self._db, DocumentSettings.load(self._db), self._nominations,
                                 self._council, self._decisions, self._blocs)
        return builder.build(self.spec(key), target_id, options or RenderOptions())

    def certificate_recipients(self, key: str, decision_id: int) -> list[str]:
        """Who gets a sheet from a certificate template (giay_khen, bang_khen): the signed
        decision's lines of that award only. Refused in Vietnamese for a draft or a decision
        without such lines."""
        builder = ContextBuilder(self._db, DocumentSettings.load(self._db), self._nominations,
                                 self._council, self._decisions, self._blocs)
        return [line.subject_name for line in builder.certificate_lines(key, decision_id)]

    def _usable(self, key: str) -> Path:
        info = self.info(key)
        report = checked(info.path, info.spec)
        if not report.ok:
            where = "mẫu đã sửa" if info.customised else "mẫu gốc"
            raise DocumentError(f"Không dùng được {where} “{info.spec.title}”:\n"
                                + "\n".join(str(p) for p in report.errors))
        return info.path

    def render(self, key: str, target_id: int, target: Path,
               options: RenderOptions | None = None) -> Path:
        template = self._usable(key)
        return render_to_file(template, self.context(key, target_id, options), target)

    def default_filename(self, key: str, target_id: int) -> str:
        """"Quyết định khen thưởng 05-QĐ-UBND.docx", "Báo cáo thành tích cá nhân - Tòng Thị
        Hường.docx": names an officer recognises in a folder."""
        spec = self.spec(key)
        context = self.context(key, target_id, RenderOptions(year=date.today().year))
        who = (context.get("ho_ten") or context.get("ten_don_vi") or context.get("don_vi")
               or context.get("ten_dot") or context.get("ten_phong_trao"))
        number = str(context.get("so_ky_hieu", "")).strip()
        suffix = who if who else number if number and not number.startswith("/") else ""
        return safe_filename(f"{spec.title} - {suffix}" if suffix else
                             f"{spec.title} {target_id}") + ".docx"

    def render_batch(self, key: str, target_ids: list[int], out_dir: Path,
                     options: RenderOptions | None = None, *, pdf: bool = False,
                     progress: ProgressFn = no_progress,
                     cancel: CancelToken | None = None) -> BatchResult:
        """One file per target (e.g. a báo cáo thành tích per nomination); files already written
        stay when the officer cancels."""
        if not target_ids:
            raise ValidationError.single("targets", "Danh sách", "chưa chọn đối tượng nào")
        if pdf and find_office() is None:
            raise DocumentError(NOT_INSTALLED)
        started = time.perf_counter()
        template = self._usable(key)
        settings = DocumentSettings.load(self._db)
        builder = ContextBuilder(self._db, settings, self._nominations, self._council,
                                 self._decisions, self._blocs)
        spec = self.spec(key)
        files: list[Path] = []
        used: set[str] = set()
        total = len(target_ids) + (1 if pdf else 0)
        for done, target_id in enumerate(target_ids):
            if cancel is not None:
                cancel.raise_if_cancelled()
            context = builder.build(spec, target_id, options or RenderOptions())
            who = context.get("ho_ten") or context.get("ten_don_vi") or str(target_id)
            name = safe_filename(f"{done + 1:04d} {who}")
            if fold(name) in used:
                name = f"{name} ({target_id})"
            used.add(fold(name))
            files.append(render_to_file(template, context, out_dir / f"{name}.docx"))
            progress(done + 1, total, f"Đã tạo {done + 1}/{len(target_ids)}: {who}")
        pdfs: list[Path] = []
        if pdf:
            progress(len(target_ids), total, "Đang chuyển sang PDF bằng LibreOffice…")
            pdfs = convert_to_pdf(files, out_dir)
            progress(total, total, "Đã chuyển sang PDF")
        return BatchResult(tuple(files), tuple(pdfs), time.perf_counter() - started)

    def to_pdf(self, documents: list[Path], out_dir: Path | None = None) -> list[Path]:
        if not documents:
            return []
        return convert_to_pdf(documents, out_dir or documents[0].parent)

    @staticmethod
    def pdf_available() -> bool:
        return find_office() is not None
