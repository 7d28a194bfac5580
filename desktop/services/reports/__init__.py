"""Reports and statistics (issue 14): the builder over award history and nominations, the
ready-made reports (the province's yearly summary, forms 0601–0605 of TT 02/2023/TT-BNV, a
person's or unit's timeline), saved report definitions, and export to .xlsx and .docx.

Figures are computed by the database (GROUP BY, COUNT, SUM); every output shows the same
``ReportTable``."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop.api.reports import (
    Cell,
    ChartBar,
    Dimension,
    GroupRow,
    Measures,
    ReadyReport,
    ReportDefinition,
    ReportFilter,
    ReportTable,
    Source,
    TableRow,
    check_groups,
)
from desktop.domain.enums import AwardLevel
from desktop.domain.errors import ValidationError
from desktop.models import AwardKind
from desktop.services.database import Database
from desktop.services.reports import forms
from desktop.services.reports.builder import check_filter, check_unit, grouped, total_of
from desktop.services.reports.saved import SavedReports
from desktop.services.reports.timeline import timeline_table

MAX_BARS = 25
MEASURE_HEADERS = ("Tổng số", "Tập thể", "Cá nhân", "Hộ gia đình", "Nữ", "Dân tộc thiểu số",
                   "Người trực tiếp", "Tiền thưởng (đồng)")
SUMMARY_HEADERS = ("STT", "Danh hiệu, hình thức khen thưởng", "Tổng số", "Tập thể", "Cá nhân",
                   "Hộ gia đình", "Nữ", "Tỷ lệ nữ (%)", "Dân tộc thiểu số", "Tỷ lệ DTTS (%)",
                   "Người trực tiếp", "Tỷ lệ trực tiếp (%)", "Tiền thưởng (đồng)")
FORMS = (ReadyReport.FORM_0601, ReadyReport.FORM_0602, ReadyReport.FORM_0603,
         ReadyReport.FORM_0604, ReadyReport.FORM_0605)


class ReportService:
    def __init__(self, db: Database, saved_file: Path) -> None:
        self._db = db
        self.saved = SavedReports(saved_file)

    # -- the builder ------------------------------------------------------------------------
    def groups(self, definition: ReportDefinition) -> list[GroupRow]:
        check_groups(definition.group_by)
        with self._db.read() as s:
            return grouped(s, definition)

    def build(self, definition: ReportDefinition) -> ReportTable:
        """A built report: one row per group, a total, a bar per first-level group."""
        rows = self.groups(definition)
        total = total_of(rows)
        dims = definition.group_by
        table_rows = [TableRow((*(Cell(k) for k in r.keys), *_measure_cells(r.measures)))
                      for r in rows]
        table_rows.append(TableRow((Cell("Tổng cộng"), *(Cell("") for _ in dims[1:]),
                                    *_measure_cells(total)), bold=True))
        by_first: dict[str, int] = {}
        for r in rows:
            by_first[r.keys[0]] = by_first.get(r.keys[0], 0) + r.measures.total
        title = definition.name or "Báo cáo khen thưởng theo " + ", ".join(
            d.label.lower() for d in dims)
        return ReportTable(ReadyReport.CUSTOM, title.upper(), definition.source.label,
                           (*(d.label for d in dims), *MEASURE_HEADERS), tuple(table_rows),
                           tuple(self.filter_lines(definition.source, definition.filters)),
                           chart=_bars(by_first), chart_title=f"Số khen thưởng theo "
                           f"{dims[0].label.lower()}", numeric_from=len(dims))

    # -- ready-made reports -----------------------------------------------------------------
    def ready(self, kind: ReadyReport, flt: ReportFilter, *, person_id: int | None = None,
              subject_unit_id: int | None = None) -> ReportTable:
        """Any ready-made report by its kind (the CLI's and the page's single entry)."""
        if kind is ReadyReport.SUMMARY:
            return self.summary(flt)
        if kind in FORMS:
            return self.form(kind, flt)
        if kind is ReadyReport.TIMELINE:
            return self.timeline(person_id=person_id, unit_id=subject_unit_id)
        raise ValidationError.single("kind", "Loại báo cáo", "báo cáo tự chọn cần cách nhóm "
                                     "(dùng build)")

    def summary(self, flt: ReportFilter) -> ReportTable:
        """The yearly summary the province asks for: awards by level and form, with the share
        of women, ethnic minorities and direct workers among the individuals, and the money."""
        flt = _default_year(flt)
        definition = ReportDefinition(Source.AWARDS, flt, (Dimension.LEVEL, Dimension.AWARD))
        rows = self.groups(definition)
        table: list[TableRow] = []
        number = section = 0
        for level in (*AwardLevel, None):
            label = level.label if level is not None else "(Chưa ghi)"
            group = [r for r in rows if r.keys[0] == label]
            if not group:
                continue
            subtotal = total_of(group)
            section += 1
            heading = Cell(f"Khen thưởng {label.lower()}")
            table.append(TableRow((Cell(("I", "II", "III", "IV")[section - 1]), heading,
                                   *_summary_cells(subtotal)), bold=True))
            for r in group:
                number += 1
                table.append(TableRow((Cell(number), Cell(r.keys[1]),
                                       *_summary_cells(r.measures))))
        total = total_of(rows)
        table.append(TableRow((Cell(""), Cell("Tổng cộng"), *_summary_cells(total)), bold=True))
        years = _years_text(flt)
        notes = ("Tỷ lệ nữ, dân tộc thiểu số, người trực tiếp tính trên số cá nhân được khen.",
                 "Số liệu lấy từ lịch sử khen thưởng (các quyết định đã ký và khen thưởng đã "
                 "nhập); tiền thưởng là số tiền ghi ở từng khen thưởng.")
        chart = _bars({r.keys[1]: r.measures.total for r in rows})
        return ReportTable(ReadyReport.SUMMARY, "BÁO CÁO TỔNG HỢP KẾT QUẢ KHEN THƯỞNG",
                           f"Năm {years}", SUMMARY_HEADERS, tuple(table),
                           tuple(self.filter_lines(Source.AWARDS, flt)), notes=notes,
                           chart=chart, chart_title="Số khen thưởng theo hình thức",
                           numeric_from=2)

    def form(self, kind: ReadyReport, flt: ReportFilter) -> ReportTable:
        year = _single_year(flt)
        with self._db.read() as s:
            if flt.unit_id is not None:
                check_unit(s, flt.unit_id)
            lines = self.filter_lines(Source.AWARDS, replace(flt, year_from=year, year_to=year))
            if kind is ReadyReport.FORM_0601:
                return forms.form_0601(s, year, flt.unit_id, lines)
            if kind is ReadyReport.FORM_0602:
                return forms.form_0602(s, year, flt.unit_id, lines)
            if kind is ReadyReport.FORM_0603:
                return forms.form_0603(s, year, flt.unit_id, lines)
        if kind is ReadyReport.FORM_0604:
            return forms.form_0604(year, lines)
        return forms.form_0605(year, lines)

    def timeline(self, *, person_id: int | None = None,
                 unit_id: int | None = None) -> ReportTable:
        if (person_id is None) == (unit_id is None):
            raise ValidationError.single("subject", "Đối tượng", "chọn đúng một cá nhân "
                                         "(--person) hoặc một tập thể (--unit)")
        with self._db.read() as s:
            return timeline_table(s, person_id, unit_id)

    # -- saved definitions ------------------------------------------------------------------
    def run_saved(self, name: str) -> ReportTable:
        definition = self.saved.get(name)
        return self.build(definition)

    def save_definition(self, definition: ReportDefinition) -> None:
        check_groups(definition.group_by)
        check_filter(definition.source, definition.filters)
        self.saved.save(definition)

    # -- words ------------------------------------------------------------------------------
    def filter_lines(self, source: Source, flt: ReportFilter) -> list[str]:
        """The filters in words, written above every export."""
        lines = [f"Nguồn số liệu: {source.label}", f"Năm: {_years_text(flt)}"]
        with self._db.read() as s:
            if flt.unit_id is not None:
                lines.append(f"Đơn vị: {check_unit(s, flt.unit_id)} (kể cả đơn vị trực thuộc)")
            if flt.award_codes:
                names = list(s.scalars(select(AwardKind.name).where(
                    AwardKind.code.in_(flt.award_codes)).order_by(AwardKind.rank.desc())))
                lines.append("Danh hiệu, hình thức: " + "; ".join(names or flt.award_codes))
        for label, values in (("Cấp khen thưởng", flt.levels), ("Loại", flt.categories),
                              ("Đối tượng", flt.subjects), ("Loại thành tích", flt.achievements),
                              ("Trạng thái đề nghị", flt.statuses)):
            if values:
                lines.append(f"{label}: " + "; ".join(v.label for v in values))
        if flt.gender is not None:
            lines.append(f"Giới tính: {flt.gender.label} (chỉ cá nhân)")
        if flt.ethnicity is not None:
            lines.append(f"Dân tộc: {flt.ethnicity} (chỉ cá nhân)")
        if flt.minority is not None:
            lines.append("Dân tộc: " + ("dân tộc thiểu số" if flt.minority else "Kinh") +
                         " (chỉ cá nhân)")
        if flt.direct_worker is not None:
            lines.append("Người trực tiếp công tác, lao động: " +
                         ("có" if flt.direct_worker else "không") + " (chỉ cá nhân)")
        return lines

    # -- export -----------------------------------------------------------------------------
    def export(self, table: ReportTable, path: Path) -> Path:
        """.xlsx or .docx by the file's extension."""
        suffix = Path(path).suffix.lower()
        if suffix == ".xlsx":
            from desktop.services.reports.xlsx import write_xlsx

            return write_xlsx(table, Path(path))
        if suffix == ".docx":
            from desktop.services.reports.docx import write_docx

            info = self._db.installation
            return write_docx(table, Path(path), office=info.office_name if info else "",
                              parent=info.parent_office_name if info else "",
                              place=_place(self._db))
        raise ValidationError.single("out", "Tệp xuất", f"“{Path(path).name}” phải có đuôi "
                                     ".xlsx hoặc .docx")


def _place(db: Database) -> str:
    from desktop.services.documents.settings import DocumentSettings

    return DocumentSettings.load(db).place


def _default_year(flt: ReportFilter) -> ReportFilter:
    if flt.year_from is None and flt.year_to is None:
        year = date.today().year
        return replace(flt, year_from=year, year_to=year)
    return flt


def _single_year(flt: ReportFilter) -> int:
    flt = _default_year(flt)
    if flt.year_from != flt.year_to or flt.year_from is None:
        raise ValidationError.single("years", "Năm", "biểu thống kê tính cho một năm báo cáo; "
                                     "ghi một năm (ví dụ --year 2025)")
    return flt.year_from


def _years_text(flt: ReportFilter) -> str:
    first, last = flt.year_from, flt.year_to
    if first is None and last is None:
        return "mọi năm"
    if first == last:
        return str(first)
    if first is None:
        return f"đến {last}"
    if last is None:
        return f"từ {first}"
    return f"{first}–{last}"


def _measure_cells(m: Measures) -> tuple[Cell, ...]:
    return (Cell(m.total), Cell(m.collectives), Cell(m.individuals), Cell(m.households),
            Cell(m.women), Cell(m.minorities), Cell(m.direct_workers), Cell(m.amount))


def _summary_cells(m: Measures) -> tuple[Cell, ...]:
    return (Cell(m.total), Cell(m.collectives), Cell(m.individuals), Cell(m.households),
            Cell(m.women), Cell(m.share(m.women)), Cell(m.minorities), Cell(m.share(m.minorities)),
            Cell(m.direct_workers), Cell(m.share(m.direct_workers)), Cell(m.amount))


def _bars(values: dict[str, int]) -> tuple[ChartBar, ...]:
    ordered = sorted(values.items(), key=lambda kv: -kv[1])[:MAX_BARS]
    return tuple(ChartBar(label, float(v), f"{v:,}".replace(",", ".")) for label, v in ordered)


__all__ = ["FORMS", "ReportService"]
