"""A report as an .xlsx sheet: title, the filters in words, the table with its totals, then the
cells the app cannot fill and why. Text never becomes a formula (``excel.safety.set_text``);
numbers stay numbers so the officer can add them up again in Excel."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from desktop.api.reports import ReportTable
from desktop.services.excel.safety import save_workbook, set_text
from desktop.services.excel.writer import FONT

SHEET = "Báo cáo"
MISSING = "—"
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")


def _put(ws: object, row: int, col: int, value: object, *, bold: bool = False,
         italic: bool = False, size: int = 12) -> object:
    cell = ws.cell(row=row, column=col)  # type: ignore[attr-defined]
    if isinstance(value, str):
        set_text(cell, value)
    else:
        cell.value = value
    cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
    return cell


def write_xlsx(table: ReportTable, path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    width = len(table.headers)
    line = 1
    for text, size in ((table.title, 14), (table.subtitle, 12)):
        _put(ws, line, 1, text, bold=size == 14, size=size)
        ws.merge_cells(start_row=line, start_column=1, end_row=line, end_column=width)
        ws.cell(row=line, column=1).alignment = Alignment(horizontal="center", wrap_text=True)
        line += 1
    if table.filter_lines:
        _put(ws, line, 1, "Điều kiện lọc:", bold=True)
        line += 1
        for text in table.filter_lines:
            _put(ws, line, 1, f"- {text}", italic=True)
            line += 1
    line += 1
    header_row = line
    for col, header in enumerate(table.headers, start=1):
        cell = _put(ws, line, col, header, bold=True)
        cell.fill = _HEAD_FILL  # type: ignore[attr-defined]
        cell.border = _BOX  # type: ignore[attr-defined]
        cell.alignment = Alignment(horizontal="center", vertical="center",  # type: ignore[attr-defined]
                                   wrap_text=True)
    ws.row_dimensions[line].height = 48
    line += 1
    for row in table.rows:
        for col, c in enumerate(row.cells, start=1):
            value: object = MISSING if c.missing else c.value
            cell = _put(ws, line, col, "" if value is None else value, bold=row.bold)
            cell.border = _BOX  # type: ignore[attr-defined]
            if row.bold:
                cell.fill = _TOTAL_FILL  # type: ignore[attr-defined]
            if isinstance(value, float):
                cell.number_format = "0.0"  # type: ignore[attr-defined]
            elif isinstance(value, int):
                cell.number_format = "#,##0"  # type: ignore[attr-defined]
            numeric = col - 1 >= table.numeric_from
            cell.alignment = Alignment(  # type: ignore[attr-defined]
                horizontal="right" if numeric and value != MISSING else
                "center" if value == MISSING else "left", vertical="top", wrap_text=True)
        line += 1
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    line += 1
    if table.missing:
        _put(ws, line, 1, f"Ô không điền được (ghi “{MISSING}”) và lý do:", bold=True)
        line += 1
        for m in table.missing:
            _put(ws, line, 1, f"- {m.where}: {m.reason}", italic=True)
            line += 1
    if table.notes:
        _put(ws, line, 1, "Ghi chú:", bold=True)
        line += 1
        for note in table.notes:
            _put(ws, line, 1, f"- {note}", italic=True)
            line += 1
    for col in range(1, width + 1):
        longest = max((len(str(r.cells[col - 1].value or "")) for r in table.rows
                       if col - 1 < len(r.cells)), default=0)
        wide = col - 1 < table.numeric_from
        ws.column_dimensions[get_column_letter(col)].width = (
            min(max(longest + 2, 14), 60) if wide else 14)
    ws.page_setup.orientation = "landscape" if width > 6 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.print_title_rows = f"{header_row}:{header_row}"
    return save_workbook(wb, path)
