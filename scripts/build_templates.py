"""Builds the shipped Word templates in desktop/templates_docx/ (Decree 30/2020 layout).

Run after changing a layout: ``.venv/bin/python scripts/build_templates.py``. The .docx files
are committed; officers edit copies of them in Word, so they are written the way a careful
clerk would write them by hand: real paragraphs and tables, styles from Word, one run per tag.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

OUT = Path(__file__).resolve().parents[1] / "desktop" / "templates_docx"
FONT = "Times New Roman"
CENTER, JUSTIFY, LEFT, RIGHT = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY,
                                WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT)
Container = DocumentObject | _Cell


# -- primitives ---------------------------------------------------------------------------------
def new_document(*, landscape: bool = False, page_numbers: bool = True) -> DocumentObject:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.1
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.header_distance = Cm(1.0)
    if page_numbers:
        # Decree 30: page numbers centred in the top margin, not on the first page.
        section.different_first_page_header_footer = True
        p = section.header.paragraphs[0]
        p.alignment = CENTER
        run = p.add_run()
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                fld = OxmlElement("w:fldChar")
                fld.set(qn("w:fldCharType"), kind)
                run._r.append(fld)
            else:
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)
        run.font.size = Pt(13)
    return doc


def para(box: Container, text: str = "", *, size: float = 14, bold: bool = False,
         italic: bool = False, underline: bool = False, align: WD_ALIGN_PARAGRAPH = JUSTIFY,
         indent: bool = False, after: float = 6, before: float = 0,
         runs: list[tuple[str, dict[str, bool]]] | None = None) -> Paragraph:
    """One paragraph; ``runs`` gives mixed formatting ("Điều 1." bold then plain text)."""
    p = box.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_after, fmt.space_before = Pt(after), Pt(before)
    if indent:
        fmt.first_line_indent = Cm(1.0)
    for part, style in runs or [(text, {})]:
        if not part:
            continue
        run = p.add_run(part)
        run.font.size = Pt(size)
        run.bold = style.get("bold", bold)
        run.italic = style.get("italic", italic)
        run.underline = style.get("underline", underline)
    return p


def tag(box: Container, text: str) -> Paragraph:
    """A paragraph holding only a ``{%p … %}`` block tag (docxtpl removes the paragraph)."""
    return para(box, text, after=0)


def rule(box: Container, *, indent_cm: float, after: float = 6) -> Paragraph:
    """A short solid line: an empty paragraph with a bottom border, narrowed by indents."""
    p = box.add_paragraph()
    fmt = p.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(indent_cm)
    fmt.space_after, fmt.space_before = Pt(after), Pt(0)
    fmt.line_spacing = Pt(2)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    p._p.get_or_add_pPr().append(border)
    return p


def page_break(box: Container) -> Paragraph:
    p = box.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    p.add_run().add_break(WD_BREAK.PAGE)
    return p


def borderless(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def clear(cell: _Cell) -> _Cell:
    """A new cell holds one empty paragraph; remove it so content starts at the top."""
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)
    return cell


def widths(table: Table, cm: list[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, cm, strict=True):
        column.width = Cm(width)  # tblGrid: what LibreOffice and Word lay out by
    for row in table.rows:
        for cell, width in zip(row.cells, cm, strict=True):
            cell.width = Cm(width)


def two_columns(doc: DocumentObject, cm: tuple[float, float]) -> tuple[_Cell, _Cell]:
    table = doc.add_table(rows=1, cols=2)
    borderless(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths(table, list(cm))
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # one block
    left, right = table.rows[0].cells
    return clear(left), clear(right)


def header_block(doc: DocumentObject, *, number: bool = True, width: float = 16.5) -> None:
    """Agency name (parent not bold, issuer bold, short rule), Số; quốc hiệu, tiêu ngữ
    underlined, italic place and date."""
    left_w = 7.2 if width < 20 else 9.0
    left, right = two_columns(doc, (left_w, width - left_w))
    para(left, "{{ co_quan_cap_tren }}", size=12, align=CENTER, after=0)
    para(left, "{{ co_quan }}", size=12, bold=True, align=CENTER, after=0)
    rule(left, indent_cm=left_w / 2 - 1.3, after=6)
    if number:
        para(left, "Số: {{ so_ky_hieu }}", size=13, align=CENTER, after=0)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, align=CENTER, after=0)
    para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, underline=True,
         align=CENTER, after=12)
    para(right, "{{ dia_danh_ngay }}", size=13, italic=True, align=CENTER, after=0)
    para(doc, "", after=6)


def title(doc: DocumentObject, kind: str, subject: str) -> None:
    para(doc, kind, size=14, bold=True, align=CENTER, after=0, before=6)
    para(doc, subject, size=14, bold=True, align=CENTER, after=0)
    rule(doc, indent_cm=6.5, after=12)


def grounds(doc: DocumentObject, field: str = "can_cu") -> None:
    tag(doc, f"{{%p for c in {field} %}}")
    para(doc, "{{ c.dong }}", italic=True, indent=True, after=3)
    tag(doc, "{%p endfor %}")


def keep_with_signature(doc: DocumentObject) -> None:
    """The closing sentence stays on the page of the signature block (a signature alone at
    the top of a page signs nothing)."""
    paragraphs = doc.paragraphs
    if paragraphs:
        paragraphs[-1].paragraph_format.keep_with_next = True


def signature(doc: DocumentObject, *, recipients: bool = True) -> None:
    keep_with_signature(doc)
    left, right = two_columns(doc, (8.0, 8.5))
    if recipients:
        para(left, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT, after=0)
        tag(left, "{%p for n in noi_nhan %}")
        para(left, "- {{ n.dong }}", size=11, align=LEFT, after=0)
        tag(left, "{%p endfor %}")
    else:
        para(left, "")
    tag(right, "{%p if quyen_han_ky %}")
    para(right, "{{ quyen_han_ky }}", bold=True, align=CENTER, after=0)
    tag(right, "{%p endif %}")
    para(right, "{{ chuc_vu_ky }}", bold=True, align=CENTER, after=0)
    for _ in range(4):
        para(right, "", after=0)
    para(right, "{{ nguoi_ky }}", bold=True, align=CENTER, after=0)


def list_table(doc: DocumentObject, headers: list[str], cm: list[float],
               rows: list[list[str]], *, bold_rows: set[int] = frozenset(),  # type: ignore[assignment]
               merged_rows: set[int] = frozenset(),  # type: ignore[assignment]
               size: float = 13) -> Table:
    """A bordered table: a header row repeated on every page, then rows of cells (tag rows
    hold one ``{%tr … %}`` in their first cell). No row may split across a page (a name on
    one page and its award on the next is how a clerk misreads a list); ``merged_rows`` are
    headings whose text spans every column after the first."""
    table = doc.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths(table, cm)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    header = table.rows[0]
    header_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    header_pr.append(repeat)
    for cell, text in zip(header.cells, headers, strict=True):
        clear(cell)
        para(cell, text, size=min(size, 12), bold=True, align=CENTER, after=0)
    for index, values in enumerate(rows, start=1):
        if (index - 1) in merged_rows:
            first, last = table.rows[index].cells[1], table.rows[index].cells[-1]
            clear(first.merge(last))
            values = values[:2]
        for position, (cell, text) in enumerate(zip(table.rows[index].cells[:len(values)],
                                                    values, strict=True)):
            clear(cell)
            centred = position == 0 or (text.startswith("{{") and text.endswith(
                ("so_tien }}", "so_luong }}", "he_so }}", "dong_y }}/{{ r.tong_so }}",
                 "ty_le }}", "tap_the }}", "ca_nhan }}", "ho_gia_dinh }}", "tong }}",
                 "nam }}", "hang }}", "diem_tieu_chi }}", "diem_cong }}", "diem_tru }}",
                 "tong_tap_the }}", "tong_ca_nhan }}", "tong_ho_gia_dinh }}", "tong_cong }}",
                 "tong_tien }}")))
            para(cell, text, size=size, bold=(index - 1) in bold_rows,
                 align=CENTER if centred else LEFT, after=0)
    return table


def end_after_table(doc: DocumentObject) -> None:
    """Word needs a paragraph after a document's last table and adds a full-height one of its
    own, which falls onto a new, blank page when the table ends at the foot of a page (the
    registration of 16–19 people printed a blank second page). End instead with a 1-point
    paragraph that always fits."""
    body = doc.element.body
    blocks = [child for child in body if child.tag in (qn("w:p"), qn("w:tbl"))]
    if not blocks or blocks[-1].tag != qn("w:tbl"):
        return
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_after = fmt.space_before = Pt(0)
    fmt.line_spacing = Pt(1)
    mark = OxmlElement("w:rPr")  # the paragraph mark's own size (must be last in pPr)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    p._p.get_or_add_pPr().append(mark)


def save(doc: DocumentObject, name: str) -> None:
    end_after_table(doc)
    OUT.mkdir(parents=True, exist_ok=True)
    doc.core_properties.author = "TĐKT Desktop"
    doc.core_properties.title = name
    doc.save(OUT / f"{name}.docx")


# -- templates ----------------------------------------------------------------------------------
def grouped_rows(columns: int, cells: list[str]) -> list[list[str]]:
    """Rows for a list grouped I. Tập thể / II. Cá nhân / III. Hộ gia đình."""
    blank = [""] * (columns - 1)
    return [["{%tr for g in nhom %}", *blank],
            ["", "{{ g.tieu_de }} ({{ g.so_luong }})", *[""] * (columns - 2)],
            ["{%tr for r in g.dong %}", *blank],
            cells,
            ["{%tr endfor %}", *blank],
            ["{%tr endfor %}", *blank]]


def draft_mark(doc: DocumentObject) -> None:
    """“(Dự thảo)” under the title while the decision is unsigned; nothing once signed."""
    tag(doc, "{%p if du_thao %}")
    para(doc, "{{ du_thao }}", size=14, italic=True, align=CENTER, after=0)
    tag(doc, "{%p endif %}")


def decision() -> None:
    doc = new_document()
    header_block(doc)
    para(doc, "QUYẾT ĐỊNH", size=14, bold=True, align=CENTER, after=0, before=6)
    draft_mark(doc)
    para(doc, "{{ trich_yeu }}", size=14, bold=True, align=CENTER, after=0)
    rule(doc, indent_cm=6.5, after=12)
    para(doc, "{{ tham_quyen }}", bold=True, align=CENTER, after=12)
    grounds(doc)
    para(doc, "{{ theo_de_nghi }}", italic=True, indent=True)
    para(doc, "QUYẾT ĐỊNH:", bold=True, align=CENTER, before=6, after=12)
    para(doc, runs=[("Điều 1. ", {"bold": True}),
                    ("{{ tang }} (có danh sách kèm theo) {{ thanh_tich }}.", {})], indent=True)
    para(doc, runs=[("Điều 2. ", {"bold": True}),
                    ("Kèm theo {{ hinh_thuc }} là tiền thưởng theo quy định (mức lương cơ sở "
                     "{{ muc_luong_co_so }} đồng), tổng số tiền {{ tong_tien }} đồng (bằng "
                     "chữ: {{ tong_tien_chu }}), chi từ {{ chi_tu_quy }}.", {})], indent=True)
    para(doc, runs=[("Điều 3. ", {"bold": True}),
                    ("Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng, Thủ trưởng các "
                     "cơ quan, đơn vị liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu "
                     "trách nhiệm thi hành Quyết định này./.", {})], indent=True)
    signature(doc)
    page_break(doc)
    header_block(doc, number=False)
    para(doc, "DANH SÁCH", bold=True, align=CENTER, after=0)
    para(doc, "Tập thể, cá nhân được tặng {{ hinh_thuc }}", bold=True, align=CENTER, after=0)
    para(doc, "(Kèm theo Quyết định số {{ so_ky_hieu }} {{ ngay_ky }})", italic=True,
         align=CENTER, after=0)
    draft_mark(doc)
    rule(doc, indent_cm=6.5, after=12)
    blank = [""] * 5
    heading = "{{ a.tieu_de }} ({{ a.so_luong }})"
    group = "{{ g.tieu_de }} ({{ g.so_luong }})"
    # The name column gets the room; the note column only what its short notes need.
    list_table(doc, ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hệ số",
                     "Số tiền (đồng)", "Ghi chú"], [1.3, 4.3, 3.8, 1.4, 2.3, 3.4],
               [["{%tr for a in khen %}", *blank],
                ["", heading, "", "", "", ""],
                ["{%tr for g in a.nhom %}", *blank],
                ["", group, "", "", "", ""],
                ["{%tr for r in g.dong %}", *blank],
                ["{{ r.stt }}", "{{ r.ten }}", "{{ r.chi_tiet }}", "{{ r.he_so }}",
                 "{{ r.so_tien }}", "{{ r.ghi_chu }}"],
                ["{%tr endfor %}", *blank],
                ["{%tr endfor %}", *blank],
                ["{%tr endfor %}", *blank],
                ["", "Tổng cộng", "", "", "{{ tong_tien }}", ""]],
               bold_rows={1, 3, 9}, merged_rows={1, 3}, size=12)
    para(doc, "Bằng chữ: {{ tong_tien_chu }}.", italic=True, before=6)
    save(doc, "quyet_dinh")


def submission() -> None:
    doc = new_document()
    header_block(doc)
    title(doc, "TỜ TRÌNH", "{{ trich_yeu }}")
    para(doc, "Kính gửi: {{ kinh_gui }}.", align=CENTER, after=12)
    grounds(doc)
    para(doc, "{{ hop_hoi_dong }}", indent=True)
    para(doc, "Tổng số đề nghị khen thưởng: {{ tong_so }} ({{ tom_tat_so_luong }}), gồm:",
         indent=True, after=0)
    tag(doc, "{%p for h in theo_hinh_thuc %}")
    para(doc, "- {{ h.hinh_thuc }}: {{ h.so_luong }};", indent=True, after=0)
    tag(doc, "{%p endfor %}")
    para(doc, "(Có danh sách và hồ sơ kèm theo)", italic=True, indent=True, before=6)
    para(doc, "Kính đề nghị {{ kinh_gui }} xem xét, quyết định./.", indent=True)
    signature(doc)
    page_break(doc)
    header_block(doc, number=False)
    para(doc, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", bold=True, align=CENTER, after=0)
    para(doc, "{{ ten_dot }}", bold=True, align=CENTER, after=0)
    para(doc, "(Kèm theo Tờ trình số {{ so_ky_hieu }} {{ ngay_thang }})", italic=True,
         align=CENTER, after=0)
    rule(doc, indent_cm=6.5, after=12)
    list_table(doc, ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị",
                     "Hình thức đề nghị"], [1.4, 5.5, 5.4, 4.2],
               grouped_rows(4, ["{{ r.stt }}", "{{ r.ten }}", "{{ r.chi_tiet }}",
                                "{{ r.hinh_thuc }}"]), bold_rows={1})
    save(doc, "to_trinh")


def minutes() -> None:
    doc = new_document()
    header_block(doc)
    para(doc, "BIÊN BẢN", bold=True, align=CENTER, after=0, before=6)
    para(doc, "Họp Hội đồng Thi đua - Khen thưởng", bold=True, align=CENTER, after=0)
    para(doc, "({{ ten_dot }})", bold=True, align=CENTER, after=0)
    rule(doc, indent_cm=6.5, after=12)
    para(doc, "Hôm nay, {{ ngay_hop }}, tại {{ dia_diem }}, Hội đồng Thi đua - Khen thưởng "
              "họp xét khen thưởng.", indent=True)
    para(doc, "I. THÀNH PHẦN", bold=True)
    para(doc, "- Chủ trì: {{ chu_tri }};", indent=True, after=0)
    para(doc, "- Thư ký: {{ thu_ky }};", indent=True, after=0)
    para(doc, "- Tổng số thành viên Hội đồng: {{ tong_thanh_vien }}; có mặt: {{ co_mat }}; "
              "vắng: {{ vang }}.", indent=True)
    para(doc, "II. NỘI DUNG", bold=True)
    para(doc, "Hội đồng đã nghe báo cáo danh sách đề nghị khen thưởng, thảo luận và bỏ phiếu "
              "kín. Tỷ lệ phiếu đồng ý tính trên tổng số thành viên Hội đồng. Kết quả như sau:",
         indent=True)
    list_table(doc, ["STT", "Họ và tên / Tên tập thể", "Hình thức đề nghị",
                     "Đồng ý / Tổng số", "Tỷ lệ", "Kết quả"], [1.2, 5.6, 3.4, 2.3, 1.8, 2.2],
               [["{%tr for r in ket_qua %}", "", "", "", "", ""],
                ["{{ r.stt }}", "{{ r.ten }}", "{{ r.hinh_thuc }}",
                 "{{ r.dong_y }}/{{ r.tong_so }}", "{{ r.ty_le }}", "{{ r.ket_luan }}"],
                ["{%tr endfor %}", "", "", "", "", ""]])
    para(doc, "III. KẾT LUẬN", bold=True, before=6)
    para(doc, "Có {{ so_dat }} trường hợp đạt và {{ so_khong_dat }} trường hợp không đạt tỷ "
              "lệ phiếu đồng ý theo quy định{{ can_cu_ty_le }}. Hội đồng thống nhất đề nghị "
              "khen thưởng các trường hợp đạt.", indent=True)
    para(doc, "Cuộc họp kết thúc vào hồi …… giờ …… cùng ngày./.", indent=True)
    left, right = two_columns(doc, (8.0, 8.5))
    para(left, "THƯ KÝ", bold=True, align=CENTER, after=0)
    para(right, "CHỦ TRÌ", bold=True, align=CENTER, after=0)
    for box in (left, right):
        for _ in range(4):
            para(box, "", after=0)
    para(left, "{{ thu_ky }}", bold=True, align=CENTER)
    para(right, "{{ chu_tri }}", bold=True, align=CENTER)
    save(doc, "bien_ban_hoi_dong")


def history_tables(doc: DocumentObject) -> None:
    para(doc, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True, before=6)
    for number, heading, field in (("1", "Danh hiệu thi đua", "danh_hieu"),
                                   ("2", "Hình thức khen thưởng", "khen_thuong")):
        para(doc, f"{number}. {heading}", bold=True, indent=True)
        list_table(doc, ["Năm", heading, "Số, ngày quyết định", "Cơ quan ban hành"],
                   [1.8, 5.6, 4.4, 4.7],
                   [[f"{{%tr for r in {field} %}}", "", "", ""],
                    ["{{ r.nam }}", "{{ r.ten }}", "{{ r.so_quyet_dinh }}", "{{ r.co_quan }}"],
                    ["{%tr endfor %}", "", "", ""]])
        para(doc, "", after=0)


def report_title(doc: DocumentObject) -> None:
    para(doc, "BÁO CÁO THÀNH TÍCH", bold=True, align=CENTER, after=0, before=6)
    para(doc, "Đề nghị tặng {{ hinh_thuc_de_nghi }}", bold=True, align=CENTER, after=0)
    rule(doc, indent_cm=6.5, after=12)


def report_individual() -> None:
    doc = new_document()
    header_block(doc, number=False)
    report_title(doc)
    para(doc, "I. SƠ LƯỢC LÝ LỊCH", bold=True)
    for line in ("- Họ và tên: {{ ho_ten }}. Giới tính: {{ gioi_tinh }}.",
                 "- Ngày, tháng, năm sinh: {{ ngay_sinh }}. Dân tộc: {{ dan_toc }}.",
                 "- Quê quán: ……………………………………………………",
                 "- Trú quán: ……………………………………………………",
                 "- Đơn vị công tác: {{ don_vi }}.",
                 "- Chức vụ (Đảng, chính quyền, đoàn thể): {{ chuc_vu }}.",
                 "- Trình độ chuyên môn, nghiệp vụ: …………………………………",
                 "- Trình độ lý luận chính trị: ……………………………………"):
        para(doc, line, indent=True, after=0)
    para(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, before=6)
    para(doc, "1. Quyền hạn, nhiệm vụ được giao: ……………………………………", indent=True)
    para(doc, "2. Thành tích đạt được ({{ giai_doan }}): {{ thanh_tich }}", indent=True)
    para(doc, "Các sáng kiến đã được công nhận:", indent=True)
    list_table(doc, ["Năm", "Tên sáng kiến", "Phạm vi ảnh hưởng", "Quyết định công nhận"],
               [1.8, 6.2, 3.8, 4.7],
               [["{%tr for r in sang_kien %}", "", "", ""],
                ["{{ r.nam }}", "{{ r.ten }}", "{{ r.pham_vi }}", "{{ r.so_quyet_dinh }}"],
                ["{%tr endfor %}", "", "", ""]])
    history_tables(doc)
    left, right = two_columns(doc, (8.0, 8.5))
    para(left, "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", bold=True, size=13, align=CENTER, after=0)
    para(left, "(Ký, đóng dấu)", italic=True, size=13, align=CENTER)
    para(right, "NGƯỜI BÁO CÁO THÀNH TÍCH", bold=True, size=13, align=CENTER, after=0)
    para(right, "(Ký, ghi rõ họ tên)", italic=True, size=13, align=CENTER, after=0)
    for _ in range(4):
        para(right, "", after=0)
    para(right, "{{ ho_ten }}", bold=True, align=CENTER)
    para(doc, "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", bold=True, size=13, align=CENTER,
         before=12, after=0)
    para(doc, "(Ký, đóng dấu)", italic=True, size=13, align=CENTER)
    save(doc, "bao_cao_thanh_tich_ca_nhan")


def report_collective() -> None:
    doc = new_document()
    header_block(doc, number=False)
    report_title(doc)
    para(doc, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", bold=True)
    para(doc, "1. Đặc điểm, tình hình: {{ ten_don_vi }} ({{ loai_don_vi }}), trực thuộc "
              "{{ don_vi_cap_tren }}. Quá trình thành lập, số lượng cán bộ, cơ cấu tổ chức, "
              "cơ sở vật chất: ……………………………………", indent=True)
    para(doc, "2. Chức năng, nhiệm vụ được giao: ……………………………………", indent=True)
    para(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, before=6)
    para(doc, "1. Kết quả thực hiện nhiệm vụ chính trị ({{ giai_doan }}): {{ thanh_tich }}",
         indent=True)
    para(doc, "2. Các giải pháp, mô hình mới, sáng kiến: ……………………………………", indent=True)
    para(doc, "3. Công tác xây dựng Đảng và đoàn thể: ……………………………………", indent=True)
    para(doc, "4. Việc thực hiện chủ trương, chính sách: ……………………………………", indent=True)
    history_tables(doc)
    left, right = two_columns(doc, (8.0, 8.5))
    para(left, "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", bold=True, size=13, align=CENTER, after=0)
    para(left, "(Ký, đóng dấu)", italic=True, size=13, align=CENTER)
    para(right, "THỦ TRƯỞNG ĐƠN VỊ", bold=True, size=13, align=CENTER, after=0)
    para(right, "(Ký, đóng dấu, ghi rõ họ tên)", italic=True, size=13, align=CENTER)
    save(doc, "bao_cao_thanh_tich_tap_the")


def certificate(name: str, heading: str) -> None:
    doc = new_document(landscape=True, page_numbers=False)
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2.5)
    tag(doc, "{%p for c in ds %}")
    para(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=14, bold=True, align=CENTER, after=0,
         before=24)
    para(doc, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, underline=True,
         align=CENTER, after=24)
    para(doc, "{{ tham_quyen }}", size=15, bold=True, align=CENTER, after=12)
    para(doc, "TẶNG", size=16, bold=True, align=CENTER, after=6)
    para(doc, heading, size=36, bold=True, align=CENTER, after=18)
    para(doc, "{{ c.ten }}", size=22, bold=True, align=CENTER, after=6)
    para(doc, "{{ c.chi_tiet }}", size=15, italic=True, align=CENTER, after=12)
    para(doc, "{{ thanh_tich }}", size=15, align=CENTER, after=24)
    left, right = two_columns(doc, (10.0, 14.7))
    para(left, "", after=60)
    para(left, "Quyết định số {{ so_ky_hieu }}", size=13, align=CENTER, after=0)
    para(right, "{{ dia_danh_ngay }}", size=14, italic=True, align=CENTER, after=6)
    tag(right, "{%p if quyen_han_ky %}")
    para(right, "{{ quyen_han_ky }}", size=14, bold=True, align=CENTER, after=0)
    tag(right, "{%p endif %}")
    para(right, "{{ chuc_vu_ky }}", size=14, bold=True, align=CENTER, after=0)
    for _ in range(3):
        para(right, "", after=0)
    para(right, "{{ nguoi_ky }}", size=14, bold=True, align=CENTER, after=0)
    tag(doc, "{%p if not loop.last %}")
    page_break(doc)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    save(doc, name)


def registration() -> None:
    doc = new_document()
    header_block(doc)
    title(doc, "BẢN ĐĂNG KÝ THI ĐUA", "Năm {{ nam }}")
    para(doc, "Kính gửi: {{ kinh_gui }}.", align=CENTER, after=12)
    para(doc, "Thực hiện phong trào thi đua năm {{ nam }}, {{ don_vi }} đăng ký danh hiệu thi "
              "đua như sau:", indent=True)
    para(doc, "1. Tập thể", bold=True, indent=True)
    list_table(doc, ["STT", "Tên tập thể", "Danh hiệu đăng ký"], [1.4, 8.1, 7.0],
               [["{%tr for r in tap_the %}", "", ""],
                ["{{ r.stt }}", "{{ r.ten }}", "{{ r.danh_hieu }}"],
                ["{%tr endfor %}", "", ""]])
    para(doc, "2. Cá nhân", bold=True, indent=True, before=6)
    list_table(doc, ["STT", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký"], [1.4, 5.3, 4.9, 4.9],
               [["{%tr for r in ca_nhan %}", "", "", ""],
                ["{{ r.stt }}", "{{ r.ho_ten }}", "{{ r.chuc_vu }}", "{{ r.danh_hieu }}"],
                ["{%tr endfor %}", "", "", ""]])
    para(doc, "Tập thể và cá nhân trên cam kết thực hiện tốt các nội dung thi đua, phấn đấu "
              "đạt danh hiệu đã đăng ký./.", indent=True, before=6)
    signature(doc)
    save(doc, "dang_ky_thi_dua")


def movement_report() -> None:
    doc = new_document()
    header_block(doc)
    title(doc, "BÁO CÁO", "Tổng kết {{ tieu_de_phong_trao }}")
    para(doc, "I. KẾT QUẢ TRIỂN KHAI PHONG TRÀO", bold=True)
    para(doc, "Thực hiện văn bản phát động {{ van_ban_phat_dong }}, trong {{ thoi_gian }} đã "
              "có {{ so_dang_ky }} lượt đăng ký thi đua ({{ dang_ky_tap_the }} tập thể, "
              "{{ dang_ky_ca_nhan }} cá nhân); đã tổ chức {{ so_dot }} đợt xét khen thưởng với "
              "{{ so_de_nghi }} đề nghị khen thưởng, trong đó {{ de_nghi_da_khen }} đề nghị đã "
              "được khen thưởng, {{ de_nghi_khong_khen }} đề nghị không được khen hoặc trả lại, "
              "{{ de_nghi_dang_xet }} đề nghị đang xét.", indent=True)
    para(doc, "II. KẾT QUẢ KHEN THƯỞNG", bold=True)
    para(doc, "Tổng số {{ tong_cong }} lượt tập thể, cá nhân, hộ gia đình được khen thưởng "
              "trong {{ thoi_gian }}; tổng tiền thưởng {{ tong_tien }} đồng{{ ghi_chu_tien }}.",
         indent=True)
    list_table(doc, ["STT", "Hình thức khen thưởng", "Cấp", "Tập thể", "Cá nhân",
                     "Hộ gia đình", "Cộng", "Tiền thưởng (đồng)"],
               [1.3, 4.0, 2.2, 1.5, 1.5, 1.6, 1.5, 2.9],
               [["{%tr for r in thong_ke %}", "", "", "", "", "", "", ""],
                ["{{ r.stt }}", "{{ r.hinh_thuc }}", "{{ r.cap }}", "{{ r.tap_the }}",
                 "{{ r.ca_nhan }}", "{{ r.ho_gia_dinh }}", "{{ r.tong }}", "{{ r.so_tien }}"],
                ["{%tr endfor %}", "", "", "", "", "", "", ""],
                ["", "Tổng cộng", "", "{{ tong_tap_the }}", "{{ tong_ca_nhan }}",
                 "{{ tong_ho_gia_dinh }}", "{{ tong_cong }}", "{{ tong_tien }}"]],
               bold_rows={3}, size=12)
    para(doc, "III. ĐÁNH GIÁ CHUNG, BÀI HỌC KINH NGHIỆM", bold=True, before=6)
    para(doc, "……………………………………………………………………………", indent=True)
    para(doc, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM TIẾP THEO", bold=True)
    para(doc, "……………………………………………………………………………./.", indent=True)
    signature(doc)
    save(doc, "bao_cao_tong_ket")


def bloc_result() -> None:
    doc = new_document()
    header_block(doc)
    title(doc, "BÁO CÁO", "Kết quả chấm điểm, xếp hạng thi đua năm {{ nam }}")
    para(doc, "Thực hiện giao ước thi đua ký {{ ngay_giao_uoc }} và bảng tiêu chí chấm điểm "
              "(thang điểm {{ tong_diem }}) của {{ ten_khoi }} (trưởng khối: {{ truong_khoi }}; "
              "phó khối: {{ pho_khoi }}), {{ so_don_vi }} đơn vị thành viên đã tự chấm điểm; "
              "khối đã họp chấm điểm và xếp hạng theo {{ cach_tinh }}. {{ tinh_trang }}",
         indent=True)
    para(doc, "I. KẾT QUẢ XẾP HẠNG", bold=True)
    list_table(doc, ["Hạng", "Đơn vị", "Điểm tiêu chí", "Điểm cộng", "Điểm trừ", "Tổng điểm",
                     "Ghi chú"], [1.5, 3.4, 1.9, 1.7, 1.7, 1.8, 4.5],
               [["{%tr for r in xep_hang %}", "", "", "", "", "", ""],
                ["{{ r.hang }}", "{{ r.don_vi }}", "{{ r.diem_tieu_chi }}", "{{ r.diem_cong }}",
                 "{{ r.diem_tru }}", "{{ r.tong }}", "{{ r.ghi_chu }}"],
                ["{%tr endfor %}", "", "", "", "", "", ""]], size=12)
    para(doc, "II. ĐỀ NGHỊ KHEN THƯỞNG", bold=True, before=6)
    para(doc, "- Tặng Cờ thi đua của Ủy ban nhân dân tỉnh: {{ de_nghi_co }};", indent=True,
         after=0)
    para(doc, "- Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: {{ de_nghi_bang_khen }}./.",
         indent=True)
    signature(doc)
    save(doc, "ket_qua_khoi")


BUILDERS: dict[str, Callable[[], None]] = {
    "quyet_dinh": decision, "to_trinh": submission, "bien_ban_hoi_dong": minutes,
    "bao_cao_thanh_tich_ca_nhan": report_individual,
    "bao_cao_thanh_tich_tap_the": report_collective,
    "giay_khen": lambda: certificate("giay_khen", "GIẤY KHEN"),
    "bang_khen": lambda: certificate("bang_khen", "BẰNG KHEN"),
    "dang_ky_thi_dua": registration, "bao_cao_tong_ket": movement_report,
    "ket_qua_khoi": bloc_result,
}

if __name__ == "__main__":
    for key in sys.argv[1:] or BUILDERS:
        BUILDERS[key]()
        print(f"built {OUT / key}.docx")
