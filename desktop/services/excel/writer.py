"""Writing lists to .xlsx: Vietnamese bold header row (frozen), column widths, real dates
shown dd/mm/yyyy, text that can never become a formula; streamed (write-only), so 150,000
rows never sit in memory as cells."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from desktop.domain.enums import LabeledEnum
from desktop.services.excel.safety import clean_text, needs_quote, save_workbook

FONT = "Times New Roman"
DATE_FORMAT = "DD/MM/YYYY"
_HEADER_FONT = Font(name=FONT, size=12, bold=True)
_BODY_FONT = Font(name=FONT, size=12)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass(frozen=True)
class Header:
    title: str
    width: float = 18


def cell(ws: Any, value: object, *, bold: bool = False) -> WriteOnlyCell:
    """One cell of a write-only sheet: dates as dates (dd/mm/yyyy), text as text (never a
    formula, even when re-typed), enum members as their Vietnamese label."""
    if isinstance(value, LabeledEnum):
        value = value.label
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        c = WriteOnlyCell(ws, value=clean_text(value))
        if needs_quote(value):
            c.data_type = "s"
            c.quotePrefix = True
    elif isinstance(value, Decimal):
        c = WriteOnlyCell(ws, value=float(value) if value != value.to_integral_value()
                          else int(value))
    else:
        c = WriteOnlyCell(ws, value=value)
    if isinstance(value, date):
        c.number_format = DATE_FORMAT
    c.font = _HEADER_FONT if bold else _BODY_FONT
    return c


def add_sheet(wb: Workbook, title: str, headers: Sequence[Header],
              rows: Iterable[Sequence[object]]) -> int:
    """A list sheet; returns how many data rows it holds."""
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(index)].width = header.width
    head = []
    for header in headers:
        c = cell(ws, header.title, bold=True)
        c.fill = _HEADER_FILL
        c.alignment = _HEADER_ALIGN
        head.append(c)
    ws.append(head)
    count = 0
    for row in rows:
        ws.append([cell(ws, v) for v in row])
        count += 1
    return count


def add_text_sheet(wb: Workbook, title: str, lines: Iterable[Sequence[object]],
                   widths: Sequence[float] = (120,)) -> None:
    """A sheet of plain lines (a guide, a report); the first line in bold."""
    ws = wb.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    for number, line in enumerate(lines):
        ws.append([cell(ws, v, bold=number == 0) for v in line])


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def save(wb: Workbook, path: Path) -> Path:
    return save_workbook(wb, path)
