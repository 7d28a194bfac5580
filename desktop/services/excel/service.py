"""ExcelService: templates, import (dry run, then all-or-nothing apply), export of every
list, and the import report saved as .xlsx or .txt. No Qt: progress and cancel are plain
callables (``desktop.domain.progress``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.api.excel import (
    EXPORT_KINDS,
    IMPORT_KINDS,
    OUTCOME_LABELS,
    ExportFilter,
    ExportResult,
    ImportReport,
)
from desktop.api.nominations import NominationQuery
from desktop.domain.enums import ConditionStatus
from desktop.domain.errors import ValidationError
from desktop.domain.progress import CancelToken, ProgressFn, no_progress
from desktop.models import Round
from desktop.services.database import Database
from desktop.services.decisions import DecisionService
from desktop.services.eligibility import EligibilityService
from desktop.services.excel.columns import Column, show_value
from desktop.services.excel.engine import GUIDE_SHEET, ImportKind, run_import
from desktop.services.excel.kinds import KINDS, kind_for
from desktop.services.excel.safety import DEFAULT_LIMITS, ExcelLimits
from desktop.services.excel.writer import Header, add_sheet, add_text_sheet, new_workbook, save
from desktop.services.nominations import NominationService

Cancel = CancelToken | Callable[[], bool] | None


class ExcelService:
    def __init__(self, db: Database, nominations: NominationService,
                 eligibility: EligibilityService, decisions: DecisionService,
                 limits: ExcelLimits = DEFAULT_LIMITS) -> None:
        self._db = db
        self._nominations = nominations
        self._eligibility = eligibility
        self._decisions = decisions
        self.limits = limits

    @staticmethod
    def import_kinds() -> dict[str, str]:
        return dict(IMPORT_KINDS)

    @staticmethod
    def export_kinds() -> dict[str, str]:
        return dict(EXPORT_KINDS)

    # -- import -------------------------------------------------------------------------------
    def dry_run(self, kind: str, path: Path, *, update_existing: bool = False,
                progress: ProgressFn = no_progress, cancel: Cancel = None) -> ImportReport:
        """Check every row, write nothing; ``ImportRefusedError`` lists every refused cell."""
        return run_import(self._db, kind_for(kind), Path(path), dry_run=True,
                          update_existing=update_existing, progress=progress, cancel=cancel,
                          limits=self.limits)

    def apply(self, kind: str, path: Path, *, update_existing: bool = False,
              progress: ProgressFn = no_progress, cancel: Cancel = None) -> ImportReport:
        """Check and write the whole file in one transaction; any refused cell or a cancel
        leaves the database exactly as before."""
        return run_import(self._db, kind_for(kind), Path(path), dry_run=False,
                          update_existing=update_existing, progress=progress, cancel=cancel,
                          limits=self.limits)

    # -- templates ------------------------------------------------------------------------------
    def template(self, kind: str, path: Path) -> Path:
        """The empty sheet (header row only) and a "Hướng dẫn" sheet: each column, whether it
        is required, its format and allowed values, then example rows."""
        spec = kind_for(kind)
        wb = new_workbook()
        add_sheet(wb, spec.sheet, _headers(list(spec.columns)), [])
        lines: list[list[object]] = [
            [f"MẪU NHẬP {IMPORT_KINDS[spec.name].upper()} — HƯỚNG DẪN"], [spec.intro],
            ["Giữ nguyên dòng tiêu đề (tên cột không phân biệt hoa thường, có dấu hay không). "
             "Mỗi ô chỉ ghi giá trị, không dùng công thức. Nhập thử (kiểm tra) trước: phần mềm "
             "liệt kê mọi ô sai theo trang, dòng, cột và không ghi gì cho đến khi tệp đúng hết."],
            [], ["Cột", "Bắt buộc", "Định dạng, giá trị cho phép"]]
        for col in spec.columns:
            lines.append([col.header, "Có" if col.required else "", col.format_help()])
        examples = [[show_value(c, row.get(c.key)) for c in spec.columns]
                    for row in spec.examples] or [
            [show_value(c, c.example) for c in spec.columns]]
        lines += [[], ["Ví dụ (chép sang trang “" + spec.sheet + "” nếu muốn):"],
                  [c.header for c in spec.columns], *examples]
        add_text_sheet(wb, GUIDE_SHEET, lines, widths=(30, 10, 90))
        return save(wb, Path(path))

    # -- export ----------------------------------------------------------------------------------
    def export(self, kind: str, path: Path, flt: ExportFilter | None = None) -> ExportResult:
        flt = flt or ExportFilter()
        if kind not in EXPORT_KINDS:
            raise ValidationError.single("kind", "Loại danh sách", (
                f"“{kind}” không xuất được; chọn một trong: {', '.join(EXPORT_KINDS)}"))
        wb = new_workbook()
        if kind == "nominations":
            count = self._export_nominations(wb, flt)
        elif kind == "decisions":
            count = self._export_decisions(wb, flt)
        else:
            spec = KINDS[kind]()
            with self._db.read() as s:
                columns = _all_columns(spec)
                rows = ([show_value(c, r.get(c.key)) if c.key else r.get(c.header)
                         for c in columns] for r in spec.export_rows(s, flt))
                count = add_sheet(wb, spec.sheet, _headers(columns), rows)
        save(wb, Path(path))
        return ExportResult(kind, str(path), count)

    def _round_ids(self, flt: ExportFilter) -> list[int]:
        with self._db.read() as s:
            query = select(Round.id).where(Round.deleted_at.is_(None))
            if flt.round_id is not None:
                query = query.where(Round.id == flt.round_id)
            if flt.year is not None:
                query = query.where(Round.year == flt.year)
            ids = list(s.scalars(query.order_by(Round.year, Round.id)))
        if flt.round_id is not None and not ids:
            raise ValidationError.single("round", "Đợt xét", (
                f"không có đợt xét mã {flt.round_id} (xem “tdkt rounds list”)"))
        return ids

    def _export_nominations(self, wb: Any, flt: ExportFilter) -> int:
        headers = [Header("Đợt xét", 30), Header("STT", 6), Header("Đối tượng", 30),
                   Header("Loại đối tượng", 12), Header("Chức vụ, đơn vị", 36),
                   Header("Danh hiệu, hình thức", 32), Header("Trạng thái", 16),
                   Header("Kết quả kiểm tra điều kiện", 16),
                   Header("Điều kiện chưa đạt, cần kiểm tra", 70)]

        def rows() -> Iterator[list[object]]:
            with self._db.read() as s:
                names = {rid: name for rid, name in s.execute(select(Round.id, Round.name))}
            for round_id in self._round_ids(flt):
                results = {r.nomination_id: r for r in
                           self._eligibility.check_round(round_id, save=False)}
                page = self._nominations.page(NominationQuery(round_id), 0, 1_000_000)
                for number, n in enumerate(page, start=1):
                    result = results.get(n.id)
                    verdict = result.status.label if result else (
                        n.eligibility.label if n.eligibility else "")
                    why = "\n".join(c.line() for c in result.conditions
                                    if c.status is not ConditionStatus.MET) if result else ""
                    yield [names.get(round_id, ""), number, n.subject_name,
                           n.subject_kind.label, n.subject_detail, n.award_name,
                           n.status.label, verdict, why]

        return add_sheet(wb, "Đề nghị khen thưởng", headers, rows())

    def _export_decisions(self, wb: Any, flt: ExportFilter) -> int:
        headers = [Header("Số quyết định", 16), Header("Ngày ký", 12), Header("Người ký", 22),
                   Header("Cơ quan ban hành", 26), Header("Nhóm", 12), Header("Đối tượng", 30),
                   Header("Chức vụ, đơn vị", 36), Header("Danh hiệu, hình thức", 32),
                   Header("Hệ số", 8), Header("Số tiền (đồng)", 16), Header("Đã chi", 8)]

        def rows() -> Iterator[list[object]]:
            for round_id in self._round_ids(flt):
                for d in self._decisions.list(round_id):
                    number = d.number or "(dự thảo)"
                    for line in d.lines:
                        yield [number, d.signed_on, d.signer_name, d.issuer, line.group.label,
                               line.subject_name, line.detail, line.award_name,
                               line.coefficient, line.amount, "Có" if line.paid else "Không"]
                    yield [number, d.signed_on, d.signer_name, d.issuer, "Cộng", "", "", "",
                           None, d.total_amount, ""]

        return add_sheet(wb, "Quyết định khen thưởng", headers, rows())

    # -- report ----------------------------------------------------------------------------------
    @staticmethod
    def save_report(report: ImportReport, path: Path) -> Path:
        """The report as .xlsx (summary, then one row per refused cell) or plain .txt."""
        path = Path(path)
        if path.suffix.lower() == ".txt":
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text("\n".join(report.lines()) + "\n", encoding="utf-8")
            tmp.replace(path)
            return path
        wb = new_workbook()
        counts = [["Số dòng", report.rows], [OUTCOME_LABELS["new"], report.new],
                  [OUTCOME_LABELS["updated"], report.updated],
                  [OUTCOME_LABELS["unchanged"], report.unchanged],
                  [OUTCOME_LABELS["existing"], report.existing],
                  ["Số lỗi", len(report.problems)]]
        add_text_sheet(wb, "Tóm tắt", [
            [f"BÁO CÁO NHẬP {report.kind_label.upper()} TỪ EXCEL"],
            ["Tệp", report.file_name], ["Trang", report.sheet], ["Ngày lập", date.today()],
            [report.summary()], *counts, *([n] for n in report.notes)], widths=(30, 90))
        add_sheet(wb, "Lỗi", [Header("Trang", 16), Header("Dòng", 8), Header("Cột", 24),
                              Header("Ô", 8), Header("Lý do", 90)],
                  ([p.sheet, p.row or None, p.column, p.cell, p.message]
                   for p in report.problems))
        return save(wb, path)


def _all_columns(spec: ImportKind) -> list[Column]:
    cols = list(spec.columns)
    for info in spec.info_columns:  # shown for the reader after the unit column
        at = next((i + 1 for i, c in enumerate(cols) if c.key == "unit"), len(cols))
        cols.insert(at, Column("", info))
    return cols


def _headers(columns: list[Column]) -> list[Header]:
    return [Header(c.header, c.width) for c in columns]
