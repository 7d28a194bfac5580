"""Bloc Excel files: templates with their guide sheet, criteria and scores surviving a round
trip unchanged, a bad file reported row by row with nothing imported, and the printed score
sheet (layout, fonts, totals, ranks, no formulas)."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from bloc_world import TABLE, add_target, build_bloc_world, finish, score
from openpyxl import Workbook, load_workbook

from desktop.domain.enums import BlocKind, ScoreBasis, SheetStatus
from desktop.domain.errors import ValidationError
from desktop.services import Services
from desktop.services.blocs.dto import BlocInput, CriterionInput, MemberInput
from desktop.services.blocs.excel import CRITERIA_COLUMNS, SCORE_COLUMNS

D = Decimal


@pytest.fixture
def world(services: Services) -> dict[str, int]:
    return build_bloc_world(services)


def _rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    wb = load_workbook(path)
    try:
        return [tuple(r) for r in wb[sheet].iter_rows(min_row=4, values_only=True)]
    finally:
        wb.close()


def _fingerprint(services: Services, bloc_id: int) -> tuple[object, ...]:
    table = services.blocs.criteria.table(bloc_id)
    grid = services.blocs.scores.grid(bloc_id)
    criteria = [(r.code, r.parent_code, r.name, r.kind, r.max_points, r.cap, r.formula,
                 r.direction, r.tiers, r.indicator, r.basis, r.evidence_required, r.position)
                for r in table.rows]
    cells = sorted((k, c.self_score, c.reviewed_score, c.evidence_note)
                   for k, c in grid.cells.items())
    return criteria, cells


def test_blank_criteria_template_has_the_columns_and_a_guide(services: Services,
                                                             tmp_path: Path) -> None:
    path = services.blocs.excel.write_criteria(tmp_path / "mau-tieu-chi.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Tiêu chí", "Hướng dẫn"]
    assert tuple(c.value for c in wb["Tiêu chí"][3]) == CRITERIA_COLUMNS
    guide = "\n".join(str(r[0]) for r in wb["Hướng dẫn"].iter_rows(values_only=True) if r[0])
    assert "cộng lại phải BẰNG điểm tối đa của nhóm" in guide
    assert "không nhập gì cho đến khi tệp đúng hết" in guide
    assert wb["Tiêu chí"]["A3"].font.bold and wb["Tiêu chí"]["A3"].font.name == "Times New Roman"
    wb.close()


def test_criteria_survive_export_and_import_unchanged(services: Services, world: dict[str, int],
                                                      tmp_path: Path) -> None:
    add_target(services, world, "a", 2000, None)  # the target criterion names this one
    services.blocs.criteria.update(world["III"], CriterionInput(
        "III", "Điểm thưởng (tối đa 7,5)", 10, "bonus", cap="7,5",
        basis="Quy chế hoạt động khối năm 2026, Điều 9"))
    before = _fingerprint(services, world["bloc"])
    path = services.blocs.excel.write_criteria(tmp_path / "tieu-chi.xlsx", world["bloc"])
    result = services.blocs.excel.import_criteria(world["bloc"], path)
    assert (result.rows, result.changed) == (len(TABLE), 0)
    assert _fingerprint(services, world["bloc"]) == before
    other = services.blocs.create(BlocInput("Khối văn hóa - xã hội năm 2026", BlocKind.BLOC,
                                            2026))
    made = services.blocs.excel.import_criteria(other.id, path)
    assert made.changed == len(TABLE)
    assert _fingerprint(services, other.id)[0] == before[0]


def test_a_bad_criteria_file_is_reported_row_by_row_and_nothing_is_imported(
        services: Services, world: dict[str, int], tmp_path: Path) -> None:
    path = services.blocs.excel.write_criteria(tmp_path / "tieu-chi.xlsx", world["bloc"])
    wb = load_workbook(path)
    ws = wb["Tiêu chí"]
    ws["E5"] = "bốn mươi"            # I.1 max points
    ws["D6"] = "Theo cảm tính"       # I.2 kind
    ws["A8"] = "I.1"                 # II.1 code duplicates row 5
    ws["L9"] = "Chắc chắn"           # II.2 evidence
    ws["J6"] = "100-20"              # I.2 tiers
    wb.save(path)
    before = _fingerprint(services, world["bloc"])
    with pytest.raises(ValidationError) as caught:
        services.blocs.excel.import_criteria(world["bloc"], path)
    problems = [str(p) for p in caught.value.problems]
    assert problems == [
        "Trang “Tiêu chí”, dòng 5, cột “Điểm tối đa”: “bốn mươi” không phải số",
        "Trang “Tiêu chí”, dòng 6, cột “Loại”: “Theo cảm tính” không phải loại tiêu chí; chọn: "
        "Chấm trực tiếp, Theo chỉ tiêu, Điểm thưởng, Điểm trừ",
        "Trang “Tiêu chí”, dòng 6, cột “Các mức (% từ:điểm)”: mức “100-20” phải có dạng “% từ:"
        "điểm”, ví dụ 90:8",
        "Trang “Tiêu chí”, dòng 8, cột “Mã tiêu chí”: mã “I.1” trùng với dòng 5",
        "Trang “Tiêu chí”, dòng 9, cột “Cần minh chứng”: “Chắc chắn” — ghi Có hoặc Không",
    ]
    assert _fingerprint(services, world["bloc"]) == before


def test_a_table_that_does_not_add_up_names_the_row(services: Services, world: dict[str, int],
                                                    tmp_path: Path) -> None:
    add_target(services, world, "a", 2000, None)
    path = services.blocs.excel.write_criteria(tmp_path / "tieu-chi.xlsx", world["bloc"])
    wb = load_workbook(path)
    wb["Tiêu chí"]["E8"] = 30  # II.1: 30 + 15 under a 40-point group
    wb.save(path)
    with pytest.raises(ValidationError) as caught:
        services.blocs.excel.import_criteria(world["bloc"], path, dry_run=True)
    assert [str(p) for p in caught.value.problems] == [
        "Trang “Tiêu chí”, dòng 7: Tiêu chí II: các tiêu chí con cộng lại 45 điểm, khác điểm "
        "tối đa của nhóm (40 điểm)"]


def test_scores_survive_export_and_import_unchanged(services: Services, world: dict[str, int],
                                                    tmp_path: Path) -> None:
    add_target(services, world, "a", 2000, 1500)
    score(services, world, "a", I_1="38,5", II_1="24", III_1="6", IV_1="0,25")
    score(services, world, "b", I_1="40", II_2="15")
    services.blocs.scores.set_evidence(world["bloc"], world["a"], world["I.1"],
                                       "=Báo cáo số 12/BC-SNV")
    services.blocs.scores.set_evidence(world["bloc"], world["b"], world["I.1"], "Báo cáo")
    services.blocs.scores.transition(world["bloc"], [world["b"]], SheetStatus.SUBMITTED)
    score(services, world, "b", ScoreBasis.REVIEWED, I_1="39")
    before = _fingerprint(services, world["bloc"])
    path = services.blocs.excel.write_scores(tmp_path / "diem.xlsx", world["bloc"])
    wb = load_workbook(path)
    assert wb.sheetnames == ["Điểm", "Hướng dẫn"]
    assert tuple(c.value for c in wb["Điểm"][3]) == SCORE_COLUMNS
    note = next(c for c in wb["Điểm"]["I"] if str(c.value).startswith("=Báo cáo"))
    assert note.data_type == "s" and note.quotePrefix  # text, never a formula
    wb.close()
    result = services.blocs.excel.import_scores(world["bloc"], path)
    assert result.changed == 0 and result.skipped == 4  # one target row per member
    assert result.rows == 4 * 8  # eight scored leaves per member
    assert _fingerprint(services, world["bloc"]) == before


def test_scores_import_writes_changes_and_refuses_bad_rows_all_or_nothing(
        services: Services, world: dict[str, int], tmp_path: Path) -> None:
    path = services.blocs.excel.write_scores(tmp_path / "diem.xlsx", world["bloc"])
    rows = _rows(path, "Điểm")
    line = {(r[0], r[2]): n for n, r in enumerate(rows, start=4)}
    wb = load_workbook(path)
    ws = wb["Điểm"]
    ws.cell(line[("SNV", "I.1")], 7, "39,5")
    ws.cell(line[("SNV", "III.1")], 7, 5)
    ws.cell(line[("SNV", "III.1")], 9, "Bằng khen của Bộ Nội vụ")
    ws.cell(line[("STC", "I.1")], 7, 45)
    ws.cell(line[("STC", "II.1")], 8, 20)
    ws.cell(line[("SYT", "IV.1")], 7, "-1")
    ws.cell(line[("STP", "I.1")], 1, "XYZ")
    wb.save(path)
    with pytest.raises(ValidationError) as caught:
        services.blocs.excel.import_scores(world["bloc"], path)
    assert [str(p) for p in caught.value.problems] == [
        f"Trang “Điểm”, dòng {line[('STC', 'I.1')]}, cột “Điểm tự chấm”: điểm 45 vượt điểm "
        "tối đa 40",
        f"Trang “Điểm”, dòng {line[('STC', 'II.1')]}, cột “Điểm khối chấm”: đơn vị chưa gửi bảng "
        "tự chấm: khối chấm sau khi đơn vị gửi",
        f"Trang “Điểm”, dòng {line[('SYT', 'IV.1')]}, cột “Điểm tự chấm”: nhập số điểm bị trừ là "
        "số dương (không có dấu trừ)",
        f"Trang “Điểm”, dòng {line[('STP', 'I.1')]}, cột “Mã đơn vị”: đơn vị mã “XYZ” không phải "
        "thành viên của khối",
    ]
    assert services.blocs.scores.grid(world["bloc"]).cell(world["I.1"],
                                                          world["a"]).self_score is None
    for key, column in ((("STC", "I.1"), 7), (("STC", "II.1"), 8), (("SYT", "IV.1"), 7)):
        ws.cell(line[key], column).value = None
    ws.cell(line[("STP", "I.1")], 1, "STP")
    wb.save(path)
    result = services.blocs.excel.import_scores(world["bloc"], path)
    assert result.changed == 2
    grid = services.blocs.scores.grid(world["bloc"])
    assert grid.cell(world["I.1"], world["a"]).self_score == D("39.5")
    assert grid.cell(world["III.1"], world["a"]).evidence_note == "Bằng khen của Bộ Nội vụ"


def test_files_that_are_not_workbooks_are_refused(services: Services, world: dict[str, int],
                                                  tmp_path: Path) -> None:
    text = tmp_path / "diem.xlsx"
    text.write_text("Mã đơn vị;Điểm", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"không phải tệp Excel \.xlsx"):
        services.blocs.excel.import_scores(world["bloc"], text)
    broken = tmp_path / "hong.xlsx"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("xl/workbook.xml", "<không phải xml")
    with pytest.raises(ValidationError, match=r"không đọc được hong\.xlsx"):
        services.blocs.excel.import_criteria(world["bloc"], broken)
    other = tmp_path / "khac.xlsx"
    Workbook().save(other)
    with pytest.raises(ValidationError, match="tệp không có trang “Tiêu chí”"):
        services.blocs.excel.import_criteria(world["bloc"], other)


def test_printed_score_sheet_has_criteria_rows_unit_columns_totals_and_ranks(
        services: Services, world: dict[str, int], tmp_path: Path) -> None:
    finish(services, world)
    services.blocs.add_member(world["bloc"], MemberInput(world["root"]))  # not scored yet
    path = services.blocs.excel.export_score_sheet(tmp_path / "bang-diem.xlsx", world["bloc"])
    wb = load_workbook(path)
    assert wb.sheetnames == ["Bảng điểm", "Xếp hạng"]
    ws = wb["Bảng điểm"]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$4:$4"
    header = [c.value for c in ws[4]]
    assert header[:3] == ["Mã", "Tiêu chí", "Điểm tối đa"] and header[3] == "Sở Nội vụ"
    assert ws["D4"].font.bold and ws["D4"].font.name == "Times New Roman"
    values = {row[0] or row[1].strip(): row for row in ws.iter_rows(min_row=5, values_only=True)}
    assert values["I"][2] == 60 and values["I"][3] == 58  # group = sum of its parts
    assert values["III"][2] == 10
    assert values["TỔNG ĐIỂM"][3:8] == (99, 100, 99, 70, 0)
    assert values["XẾP HẠNG"][3:8] == (2, 1, 3, 4, 5)
    assert all(c.font.name == "Times New Roman" for row in ws.iter_rows(min_row=4) for c in row)
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    ranks = [r for r in wb["Xếp hạng"].iter_rows(min_row=4, values_only=True)]
    assert [r[:3] for r in ranks[:2]] == [(1, "Sở Tài chính", 100), (2, "Sở Nội vụ", 99)]
    assert "xếp trên vì điểm nhóm I cao hơn" in ranks[1][4]
    wb.close()


def test_a_criterion_naming_a_target_that_does_not_exist_is_refused(
        services: Services, world: dict[str, int], tmp_path: Path) -> None:
    """Before any target of the year exists the import says what to enter first; once one
    exists, a wrong name is refused with the valid names. Nothing is written either way."""
    path = services.blocs.excel.write_criteria(tmp_path / "tieu-chi.xlsx", world["bloc"])
    before = _fingerprint(services, world["bloc"])
    with pytest.raises(ValidationError) as caught:
        services.blocs.excel.import_criteria(world["bloc"], path)
    [problem] = [str(p) for p in caught.value.problems]
    assert "năm này chưa có chỉ tiêu nào" in problem and "Phong trào thi đua" in problem
    add_target(services, world, "a", 2000, None)
    wb = load_workbook(path)
    ws = wb["Tiêu chí"]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 4).value == "Theo chỉ tiêu")
    column = next(c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value == "Chỉ tiêu")
    ws.cell(row, column).value = "Thu ngân sách xã"
    wb.save(path)
    with pytest.raises(ValidationError) as caught:
        services.blocs.excel.import_criteria(world["bloc"], path)
    [problem] = [str(p) for p in caught.value.problems]
    assert "không có chỉ tiêu “Thu ngân sách xã” năm 2026" in problem
    assert "các chỉ tiêu có: “Thu ngân sách trên địa bàn”" in problem
    assert _fingerprint(services, world["bloc"]) == before
