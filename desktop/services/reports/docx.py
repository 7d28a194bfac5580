"""A report as a Decree 30/2020 Word document, in the house style of the shipped templates
(scripts/build_templates.py): Times New Roman, A4 with 2/2/3/1,5 cm margins, the agency and
national motto header block, a bold centred title, the table with a header row repeated on
every page, then the cells the app cannot fill with the reason, and the signature block.

Reports have a varying number of columns, so they are built directly with python-docx rather
than rendered from a fixed .docx template; the header texts come from the same helpers the
templates use (agency name spelled out and upper-cased, place and long date)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from desktop.api.reports import ReportTable
from desktop.services.documents.contexts import expand_agency, header_name
from desktop.services.documents.vnformat import place_date
from desktop.services.files import atomic_write

FONT = "Times New Roman"
CENTER, LEFT, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT,
                                WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY)
Box = DocumentObject | _Cell


def _document(landscape: bool) -> DocumentObject:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    return doc


def _para(box: Box, text: str = "", *, size: float = 14, bold: bool = False,
          italic: bool = False, underline: bool = False,
          align: WD_ALIGN_PARAGRAPH = JUSTIFY, after: float = 6) -> Paragraph:
    p = box.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(0)
    if text:
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.bold, run.italic, run.underline = bold, italic, underline
    return p


def _rule(box: Box, indent_cm: float) -> None:
    p = box.add_paragraph()
    fmt = p.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(max(indent_cm, 0.5))
    fmt.space_after, fmt.line_spacing = Pt(6), Pt(2)
    border, bottom = OxmlElement("w:pBdr"), OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    p._p.get_or_add_pPr().append(border)


def _borderless(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _clear(cell: _Cell) -> _Cell:
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)
    return cell


def _widths(table: Table, cm: list[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, cm, strict=True):
            cell.width = Cm(width)


def _two_columns(doc: DocumentObject, cm: tuple[float, float]) -> tuple[_Cell, _Cell]:
    table = doc.add_table(rows=1, cols=2)
    _borderless(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, list(cm))
    left, right = table.rows[0].cells
    return _clear(left), _clear(right)


def _header(doc: DocumentObject, width: float, office: str, parent: str, place: str,
            on: date) -> None:
    left_w = 7.2 if width < 20 else 9.0
    left, right = _two_columns(doc, (left_w, width - left_w))
    if parent:
        _para(left, header_name(expand_agency(parent)), size=12, align=CENTER, after=0)
    _para(left, header_name(expand_agency(office)), size=12, bold=True, align=CENTER, after=0)
    _rule(left, left_w / 2 - 1.3)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, align=CENTER,
          after=0)
    _para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, underline=True,
          align=CENTER, after=12)
    _para(right, place_date(place, on), size=13, italic=True, align=CENTER, after=0)
    _para(doc, "", after=6)


def _repeat_header(table: Table) -> None:
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _column_widths(table: ReportTable, usable: float, size: float) -> list[float]:
    """Each column as wide as its longest value (and its longest heading word); the widest
    text column takes what is left, or gives way first when the page is too narrow."""
    per_char = 0.23 * size / 12  # cm per character of Times New Roman at this size, roughly
    desired: list[float] = []
    for column, heading in enumerate(table.headers):
        longest = max((len(r.cells[column].text) for r in table.rows
                       if column < len(r.cells)), default=1)
        word = max((len(w) for w in heading.split()), default=1)
        text = column < table.numeric_from
        cap = 9.0 if text else 3.2
        desired.append(min(max(longest, word) * per_char + 0.6, cap))
    texts = [c for c in range(len(desired)) if c < table.numeric_from]
    main = max(texts, key=lambda c: desired[c]) if texts else 0
    spare = usable - sum(desired)
    if spare > 0:
        desired[main] += spare
    else:
        desired[main] = max(desired[main] + spare, 3.0)
        total = sum(desired)
        if total > usable:
            desired = [w * usable / total for w in desired]
    return desired


def write_docx(table: ReportTable, path: Path, *, office: str, parent: str, place: str,
               on: date | None = None) -> Path:
    count = len(table.headers)
    landscape = count > 6
    doc = _document(landscape)
    usable = (29.7 if landscape else 21.0) - 4.5
    _header(doc, usable, office, parent, place, on or date.today())
    if table.kind.value in ("summary", "custom") and not table.title.startswith("BÁO CÁO"):
        _para(doc, "BÁO CÁO", size=14, bold=True, align=CENTER, after=0)
    _para(doc, table.title, size=14, bold=True, align=CENTER, after=0)
    if table.subtitle:
        _para(doc, table.subtitle, size=13, italic=True, align=CENTER, after=0)
    _rule(doc, usable / 2 - 2.5)
    if table.filter_lines:
        _para(doc, "Điều kiện lọc: " + "; ".join(table.filter_lines) + ".", size=12,
              italic=True, after=6)
    size = 11 if count > 8 else 12
    grid = doc.add_table(rows=1 + len(table.rows), cols=count)
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(grid, _column_widths(table, usable, size))
    _repeat_header(grid)
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        _para(_clear(cell), text, size=size, bold=True, align=CENTER, after=0)
    for index, row in enumerate(table.rows, start=1):
        for position, (cell, value) in enumerate(zip(grid.rows[index].cells, row.cells,
                                                     strict=True)):
            numeric = position >= table.numeric_from
            _para(_clear(cell), value.text, size=size, bold=row.bold,
                  align=CENTER if value.missing else RIGHT if numeric else LEFT, after=0)
    _para(doc, "", after=6)
    if table.missing:
        _para(doc, "Ô không điền được (ghi “—”) và lý do:", size=13, bold=True, after=3)
        for m in table.missing:
            _para(doc, f"- {m.where}: {m.reason}.", size=12, italic=True, after=2)
    if table.notes:
        _para(doc, "Ghi chú:", size=13, bold=True, after=3)
        for note in table.notes:
            _para(doc, f"- {note}", size=12, italic=True, after=2)
    left, right = _two_columns(doc, (usable / 2, usable / 2))
    # The signature block stays on one page.
    doc.tables[-1].rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _para(left, "NGƯỜI LẬP BIỂU", bold=True, align=CENTER, after=0)
    _para(left, "(Ký, họ tên)", size=13, italic=True, align=CENTER, after=0)
    _para(right, "THỦ TRƯỞNG ĐƠN VỊ", bold=True, align=CENTER, after=0)
    _para(right, "(Ký, họ tên, đóng dấu)", size=13, italic=True, align=CENTER, after=0)
    for box in (left, right):
        for _ in range(3):
            _para(box, "", after=0)
    doc.core_properties.author = "TĐKT Desktop"
    doc.core_properties.title = table.title
    return atomic_write(Path(path), lambda tmp: doc.save(str(tmp)))
