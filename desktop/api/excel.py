"""Excel import and export of the lists: what an import reports, row by row and cell by cell,
and the filters an export takes. Plain data (no SQL, no Qt): the CLI and the import dialog
read the same report."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.errors import FieldProblem, ValidationError

# Kinds of list an .xlsx file can be imported into, with the label an officer reads.
IMPORT_KINDS: dict[str, str] = {
    "people": "Cá nhân",
    "units": "Đơn vị",
    "ratings": "Kết quả xếp loại",
    "initiatives": "Sáng kiến",
    "awards": "Lịch sử khen thưởng",
    "disciplines": "Kỷ luật",
    "registrations": "Đăng ký thi đua",
    "targets": "Chỉ tiêu phong trào thi đua",
    "actuals": "Số thực hiện chỉ tiêu",
}
# Lists that can be exported (the importable ones come back in unchanged).
EXPORT_KINDS: dict[str, str] = {
    **IMPORT_KINDS,
    "nominations": "Đề nghị khen thưởng",
    "decisions": "Quyết định khen thưởng",
}

OUTCOME_LABELS = {"new": "Thêm mới", "updated": "Cập nhật", "unchanged": "Không đổi",
                  "existing": "Đã có (không cập nhật)"}


@dataclass(frozen=True)
class CellProblem:
    """One refused cell (or row, when ``column`` is empty) of the file, and why."""

    sheet: str
    row: int
    column: str
    message: str
    cell: str = ""  # "C7" when one cell is to blame

    @property
    def where(self) -> str:
        parts = [f"Trang “{self.sheet}”"]
        if self.row:
            parts.append(f"dòng {self.row}")
        if self.column:
            parts.append(f"cột “{self.column}”" + (f" (ô {self.cell})" if self.cell else ""))
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class ImportReport:
    """What a dry run found, or what an apply wrote (``applied``)."""

    kind: str
    file_name: str
    sheet: str
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    existing: int = 0  # matched a record already stored, left as it is (not confirmed)
    problems: tuple[CellProblem, ...] = ()
    applied: bool = False
    dry_run: bool = True
    update_existing: bool = False
    cancelled: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def kind_label(self) -> str:
        return IMPORT_KINDS.get(self.kind, self.kind)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.cancelled

    def summary(self) -> str:
        if self.cancelled:
            return "Đã hủy; cơ sở dữ liệu không thay đổi."
        if self.problems:
            return (f"Tệp {self.file_name}: {len(self.problems)} lỗi; không nhập gì. Hãy sửa "
                    "các ô được nêu rồi nhập lại.")
        verb = "Đã nhập" if self.applied else "Kiểm tra xong (chưa ghi gì)"
        text = (f"{verb} {self.kind_label.lower()} từ {self.file_name}: {self.rows} dòng — "
                f"{self.new} thêm mới, {self.updated} cập nhật, {self.unchanged} không đổi")
        if self.existing:
            text += (f", {self.existing} đã có trong dữ liệu (khác tệp, không cập nhật khi "
                     "chưa chọn cập nhật)")
        return text + "."

    def lines(self) -> list[str]:
        """The report as plain text, one line each (what a saved .txt report holds)."""
        out = [f"BÁO CÁO NHẬP {self.kind_label.upper()} TỪ EXCEL", f"Tệp: {self.file_name}",
               f"Trang: {self.sheet}", self.summary()]
        out.extend(self.notes)
        if self.problems:
            out.append("")
            out.append("Các ô, dòng bị từ chối:")
            out.extend(f"  - {p}" for p in self.problems)
        return out


class ImportRefusedError(ValidationError):
    """An import refused because of the cells named in ``report.problems``; nothing written."""

    MAX_LISTED = 200

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        items = [FieldProblem(f"row:{p.row}", p.where, p.message)
                 for p in report.problems[:self.MAX_LISTED]]
        if len(report.problems) > self.MAX_LISTED:
            items.append(FieldProblem("rows", "Còn nữa",
                                      f"{len(report.problems) - self.MAX_LISTED} lỗi khác"))
        super().__init__(items)


@dataclass(frozen=True)
class ExportFilter:
    """Which rows an export writes; unset means all."""

    year: int | None = None
    unit_id: int | None = None
    include_subunits: bool = True
    round_id: int | None = None


@dataclass(frozen=True)
class ExportResult:
    kind: str
    path: str
    rows: int
