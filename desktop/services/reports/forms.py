"""Statistical forms 0601–0605 of Thông tư 02/2023/TT-BNV (TĐKT part), as far as the data
allows. Each form counts with one GROUP BY into a few hundred aggregate lines; the cells are
sums over those lines. A cell the app has no data for is left empty with the reason, and
every export repeats the reasons (never a silent 0)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from desktop.api.reports import Cell, MissingCells, ReadyReport, ReportTable, TableRow
from desktop.domain.enums import (
    AchievementKind,
    AwardLevel,
    MovementKind,
    SubjectKind,
    UnitKind,
    UnitLevel,
)
from desktop.models import Movement
from desktop.services.reports.builder import ar, check_unit, kinds, people, unit_tops, units

FORM_BASIS = "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
NO_LEADER_CLASS = ("phần mềm không phân loại chức vụ theo cấp lãnh đạo (chỉ ghi chức vụ bằng "
                   "chữ và người đứng đầu đơn vị)")
NO_BUSINESS = "phần mềm không ghi nghề nghiệp (doanh nhân) của cá nhân"
NO_RESISTANCE = ("phần mềm không có loại thành tích “kháng chiến” (khen thưởng kháng chiến do "
                 "Trung ương xét, không qua đợt xét của tỉnh)")
NO_PRIZES = ("Giải thưởng Hồ Chí Minh, Giải thưởng Nhà nước và danh hiệu vinh dự Nhà nước "
             "không có trong danh mục khen thưởng của phần mềm")
NO_MINISTRY = "phần mềm dùng ở tỉnh: không có số liệu khen thưởng do bộ, ngành Trung ương trình"


@dataclass(frozen=True)
class Agg:
    """One aggregate line: an award kind, a kind of subject and its attributes, a count."""

    code: str
    lineage: str
    level: str
    subject: str
    achievement: str
    direct: bool
    unit_kind: str
    count: int


Pred = Callable[[Agg], bool]


def _aggregates(s: Session, year: int, unit_id: int | None, level: AwardLevel) -> list[Agg]:
    collective = units.alias("collective")
    subject = case((ar.c.person_id.is_not(None), SubjectKind.INDIVIDUAL.value),
                   (ar.c.unit_id.is_not(None), SubjectKind.COLLECTIVE.value),
                   else_=SubjectKind.HOUSEHOLD.value)
    direct = case((and_(ar.c.person_id.is_not(None), people.c.is_direct_worker.is_(True)), 1),
                  else_=0)
    cols = (kinds.c.code, kinds.c.lineage, kinds.c.level, subject, ar.c.achievement_kind,
            direct, func.coalesce(collective.c.kind, ""))
    where = [ar.c.deleted_at.is_(None), ar.c.year == year, kinds.c.level == level.value,
             or_(ar.c.person_id.is_(None), people.c.deleted_at.is_(None)),
             or_(ar.c.unit_id.is_(None), collective.c.deleted_at.is_(None))]
    if unit_id is not None:
        tops = unit_tops(s, unit_id)
        where.append(func.coalesce(ar.c.unit_id, people.c.unit_id).in_(select(tops.c.id)))
    query = (select(*cols, func.count()).select_from(
        ar.join(kinds, kinds.c.id == ar.c.award_kind_id)
        .outerjoin(people, people.c.id == ar.c.person_id)
        .outerjoin(collective, collective.c.id == ar.c.unit_id))
        .where(*where).group_by(*cols))
    return [Agg(str(r[0]), str(r[1] or r[0]), str(r[2]), str(r[3]), str(r[4] or ""),
                bool(r[5]), str(r[6] or ""), int(r[7])) for r in s.execute(query)]


def _family(*prefixes: str) -> Pred:
    """An award family by its lineage (or code) prefix, so an old name counts with the new."""
    return lambda a: a.lineage.startswith(prefixes) or a.code.startswith(prefixes)


def _subject(kind: SubjectKind) -> Pred:
    return lambda a: a.subject == kind.value


def _achievement(kind: AchievementKind) -> Pred:
    return lambda a: a.achievement == kind.value


def _all(_a: Agg) -> bool:
    return True


@dataclass(frozen=True)
class _Col:
    header: str
    pred: Pred | None  # None: the app cannot fill this column
    why: str = ""


@dataclass(frozen=True)
class _Row:
    label: str
    code: str = ""
    pred: Pred | None = _all  # None: the app cannot fill this row
    why: str = ""
    heading: bool = False


def _sum(aggs: list[Agg], row: Pred, col: Pred) -> int:
    return sum(a.count for a in aggs if row(a) and col(a))


def _award_rows(first_code: int) -> list[_Row]:
    """The rows 0602 and 0603 share: by subject, then by the way the award was made."""
    n = iter(range(first_code, first_code + 40))

    def code() -> str:
        return f"{next(n):02d}"

    return [
        _Row("1. Chia theo đối tượng khen thưởng", heading=True),
        _Row("- Tập thể", code(), _subject(SubjectKind.COLLECTIVE)),
        _Row("  Trong đó: Doanh nghiệp", code(),
             lambda a: a.subject == SubjectKind.COLLECTIVE.value
             and a.unit_kind == UnitKind.ENTERPRISE.value),
        _Row("- Hộ gia đình", code(), _subject(SubjectKind.HOUSEHOLD)),
        _Row("- Cá nhân", code(), _subject(SubjectKind.INDIVIDUAL)),
        _Row("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", code(), None,
             NO_LEADER_CLASS),
        _Row("+ Lãnh đạo cấp vụ, sở, ngành và tương đương", code(), None, NO_LEADER_CLASS),
        _Row("+ Doanh nhân", code(), None, NO_BUSINESS),
        _Row("+ Các cấp lãnh đạo khác từ phó phòng trở lên", code(), None, NO_LEADER_CLASS),
        _Row("+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu "
             "(công nhân, nông dân…)", code(),
             lambda a: a.subject == SubjectKind.INDIVIDUAL.value and a.direct),
        _Row("2. Chia theo phương thức khen thưởng", heading=True),
        _Row("- Thường xuyên", code(), _achievement(AchievementKind.MERIT)),
        _Row("- Chuyên đề", code(), _achievement(AchievementKind.THEMATIC)),
        _Row("- Đột xuất", code(), _achievement(AchievementKind.AD_HOC)),
        _Row("- Đối ngoại", code(), _achievement(AchievementKind.FOREIGN)),
        _Row("- Cống hiến", code(), _achievement(AchievementKind.CONTRIBUTION)),
        _Row("- Niên hạn", code(), _achievement(AchievementKind.SENIORITY)),
        _Row("- Kháng chiến", code(), None, NO_RESISTANCE),
    ]


def _table(kind: ReadyReport, title: str, subtitle: str, first_headers: list[str],
           cols: list[_Col], rows: list[_Row], aggs: list[Agg],
           total_pred: Pred, notes: list[str], filter_lines: list[str]) -> ReportTable:
    table_rows: list[TableRow] = []
    missing: list[MissingCells] = []
    for col_index, col in enumerate(cols, start=2):
        if col.pred is None:
            missing.append(MissingCells(f"Cột {col_index} ({col.header}), mọi dòng", col.why))
    for row in rows:
        if row.heading:
            table_rows.append(TableRow((Cell(row.label), Cell(""), Cell(None),
                                        *(Cell(None) for _ in cols)), bold=True))
            continue
        if row.pred is None:
            missing.append(MissingCells(f"Dòng {row.code} ({row.label.lstrip('+- ')})", row.why))
            cells = [Cell(None, row.why)] * (1 + len(cols))
        else:
            pred = row.pred
            cells = [Cell(_sum(aggs, pred, total_pred))]
            cells += [Cell(_sum(aggs, pred, c.pred)) if c.pred is not None
                      else Cell(None, c.why) for c in cols]
        table_rows.append(TableRow((Cell(row.label), Cell(row.code), *cells),
                                   bold=row.code == "01", code=row.code))
    return ReportTable(kind, title, subtitle, (*first_headers, "Tổng số",
                                               *(c.header for c in cols)),
                       tuple(table_rows), tuple(filter_lines), tuple(missing), tuple(notes),
                       numeric_from=2)


def form_0603(s: Session, year: int, unit_id: int | None, filter_lines: list[str]) -> ReportTable:
    aggs = _aggregates(s, year, unit_id, AwardLevel.PROVINCE)
    cols = [_Col("Bằng khen", _family("BK")),
            _Col("Chiến sĩ thi đua cấp bộ, cấp tỉnh", _family("CSTD")),
            _Col("Cờ thi đua của bộ, ngành, tỉnh", _family("CO_TD")),
            _Col("Huy hiệu (kỷ niệm chương) của bộ, ngành, tỉnh", _family("KNC", "HUY_HIEU"))]
    counted = [c.pred for c in cols if c.pred is not None]

    def in_form(a: Agg) -> bool:
        return any(p(a) for p in counted)

    others = sum(a.count for a in aggs if not in_form(a))
    notes = [f"{FORM_BASIS}. Thời điểm báo cáo: năm {year}; ngày nhận báo cáo 15 tháng 12.",
             "Tổng số (cột 1) = cột 2 + 3 + 4 + 5, theo khen thưởng đã ghi trong lịch sử khen "
             "thưởng (quyết định đã ký).",
             f"Danh hiệu cấp tỉnh không thuộc cột nào của biểu (Tập thể lao động xuất sắc, "
             f"Xã tiêu biểu…): {others} — không tính vào biểu."]
    rows = [_Row("Tổng số", "01"), *_award_rows(2)]
    return _table(ReadyReport.FORM_0603, "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ "
                  "TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
                  f"Biểu số: 0603.N/BNV-TĐKT — Năm {year}", ["", "Mã số"], cols, rows, aggs,
                  in_form, notes, filter_lines)


def form_0602(s: Session, year: int, unit_id: int | None, filter_lines: list[str]) -> ReportTable:
    aggs = _aggregates(s, year, unit_id, AwardLevel.STATE)
    medal = _family("HC")
    flag = _family("CO_TD")
    pm = _family("BK_TTG", "BK_TTg")
    national = _family("CSTD")
    collective = _subject(SubjectKind.COLLECTIVE)
    person = _subject(SubjectKind.INDIVIDUAL)

    def other(a: Agg) -> bool:
        return not (medal(a) or flag(a) or pm(a) or national(a))

    cols = [_Col("Huân chương, huy chương — tập thể", lambda a: medal(a) and collective(a)),
            _Col("Huân chương, huy chương — cá nhân", lambda a: medal(a) and person(a)),
            _Col("Giải thưởng Hồ Chí Minh", None, NO_PRIZES),
            _Col("Giải thưởng Nhà nước", None, NO_PRIZES),
            _Col("Danh hiệu vinh dự Nhà nước", None, NO_PRIZES),
            _Col("Cờ thi đua của Chính phủ", flag),
            _Col("Bằng khen của Thủ tướng Chính phủ — tập thể", lambda a: pm(a) and collective(a)),
            _Col("Bằng khen của Thủ tướng Chính phủ — cá nhân", lambda a: pm(a) and person(a)),
            _Col("Chiến sĩ thi đua toàn quốc", national),
            _Col("Hình thức khác — tập thể", lambda a: other(a) and collective(a)),
            _Col("Hình thức khác — cá nhân", lambda a: other(a) and person(a))]
    households = sum(a.count for a in aggs if a.subject == SubjectKind.HOUSEHOLD.value)
    notes = [f"{FORM_BASIS}. Thời điểm báo cáo: năm {year}; ngày nhận báo cáo 15 tháng 12.",
             "Tổng số (cột 1) gồm mọi khen thưởng cấp Nhà nước đã ghi trong lịch sử khen thưởng "
             "(quyết định đã ký), kể cả hộ gia đình.",
             f"Hộ gia đình được khen cấp Nhà nước: {households} — biểu chỉ có cột tập thể, cá "
             "nhân nên hộ gia đình chỉ có ở cột Tổng số."]
    rows = [_Row("Tổng số", "01"), _Row("1. Chia theo đơn vị trình Thủ tướng Chính phủ",
                                         heading=True),
            _Row("- Bộ, ban, ngành, đoàn thể Trung ương", "02", None, NO_MINISTRY),
            _Row("- Tỉnh, thành phố trực thuộc Trung ương", "03"),
            *_award_rows(4)]
    return _table(ReadyReport.FORM_0602, "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
                  f"Biểu số: 0602.N/BNV-TĐKT — Năm {year}", ["", "Mã số"], cols, rows, aggs,
                  _all, notes, filter_lines)


# -- 0601: movements ----------------------------------------------------------------------------
def form_0601(s: Session, year: int, unit_id: int | None, filter_lines: list[str]) -> ReportTable:
    mv = Movement.__table__
    organiser = units.alias("organiser")
    days = func.julianday(mv.c.period_end) - func.julianday(mv.c.period_start)
    duration = case((or_(mv.c.period_start.is_(None), mv.c.period_end.is_(None)), "unknown"),
                    (days < 365, "lt1"), (days <= 366, "1"), (days < 3 * 365, "1to3"),
                    (days < 5 * 365, "3to5"), else_="5plus")
    tier = case((organiser.c.level == UnitLevel.PROVINCE.value, "province"),
                (organiser.c.id.is_not(None), "unit"), else_="none")
    where = [mv.c.deleted_at.is_(None), mv.c.year == year]
    if unit_id is not None:
        tops = unit_tops(s, unit_id)
        where.append(mv.c.organiser_unit_id.in_(select(tops.c.id)))
    query = (select(tier, duration, mv.c.kind, func.count())
             .select_from(mv.outerjoin(organiser, organiser.c.id == mv.c.organiser_unit_id))
             .where(*where).group_by(tier, duration, mv.c.kind))
    aggs = [(str(t), str(d), str(k), int(c)) for t, d, k, c in s.execute(query)]

    def count(pred: Callable[[tuple[str, str, str, int]], bool]) -> int:
        return sum(a[3] for a in aggs if pred(a))

    no_central = ("phần mềm ghi phong trào do tỉnh và các đơn vị trong tỉnh phát động; phong "
                  "trào do Hội đồng TĐKT Trung ương phát động không được ghi")
    no_bloc = "phong trào không gắn với khối, cụm thi đua trong dữ liệu của phần mềm"

    def line(label: str, code: str, pred: Callable[[tuple[str, str, str, int]], bool] | None,
             why: str = "") -> TableRow:
        if pred is None:
            return TableRow((Cell(label), Cell(code), *[Cell(None, why)] * 4), code=code)
        province = count(lambda a: pred(a) and a[0] == "province")
        unit = count(lambda a: pred(a) and a[0] == "unit")
        return TableRow((Cell(label), Cell(code), Cell(province + unit), Cell(None, no_central),
                         Cell(province), Cell(unit)), code=code, bold=code == "01")

    def heading(label: str) -> TableRow:
        return TableRow((Cell(label), Cell(""), *[Cell(None)] * 4), bold=True)

    def counted(a: tuple[str, str, str, int]) -> bool:
        return a[0] != "none"

    rows = (line("Tổng số", "01", counted), heading("1. Chia theo phạm vi tổ chức thi đua"),
            line("- Toàn quốc", "02", None, no_central),
            line("- Bộ, ban, ngành đoàn thể, địa phương", "03",
                 lambda a: a[0] == "province"),
            line("- Cụm, khối thi đua do Hội đồng TĐKT các cấp tổ chức", "04", None, no_bloc),
            line("- Cơ quan, tổ chức, đơn vị", "05", lambda a: a[0] == "unit"),
            heading("2. Chia theo thời hạn thi đua"),
            line("- Dưới 1 năm", "06", lambda a: a[1] == "lt1"),
            line("- 1 năm", "07", lambda a: a[1] == "1"),
            line("- Từ 1 năm đến dưới 3 năm", "08", lambda a: a[1] == "1to3"),
            line("- Từ 3 năm đến dưới 5 năm", "09", lambda a: a[1] == "3to5"),
            line("- Từ 5 năm trở lên", "10", lambda a: a[1] == "5plus"),
            heading("3. Chia theo phương thức tổ chức phong trào thi đua"),
            line("- Thi đua theo chuyên đề", "11",
                 lambda a: a[2] == MovementKind.THEMATIC.value),
            line("- Thi đua thường xuyên hằng năm", "12",
                 lambda a: a[2] == MovementKind.REGULAR.value))
    undated = count(lambda a: counted(a) and a[1] == "unknown")
    unorganised = count(lambda a: a[0] == "none")
    missing = (MissingCells("Cột 2 (Cấp Trung ương), mọi dòng; dòng 02", no_central),
               MissingCells("Dòng 04 (cụm, khối thi đua)", no_bloc))
    notes = (f"{FORM_BASIS}. Thời điểm báo cáo: năm {year}. Đơn vị tính: phong trào.",
             "Cấp chủ trì: cột 3 là phong trào do đơn vị cấp tỉnh (UBND tỉnh, sở, ngành) phát "
             "động; cột 4 là phong trào do xã, phường, cơ quan, đơn vị cơ sở phát động.",
             f"Phong trào chưa ghi thời gian bắt đầu hoặc kết thúc (không vào dòng 06–10): "
             f"{undated}.",
             f"Phong trào chưa ghi đơn vị phát động (không tính vào biểu): {unorganised}.")
    headers = ("", "Mã số", "Tổng số", "Cấp Trung ương (Hội đồng TĐKT Trung ương)",
               "Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố",
               "Cơ quan, tổ chức, đơn vị")
    return ReportTable(ReadyReport.FORM_0601, "SỐ PHONG TRÀO THI ĐUA",
                       f"Biểu số: 0601.N/BNV-TĐKT — Năm {year}", headers, rows,
                       tuple(filter_lines), missing, notes, numeric_from=2)


# -- 0604, 0605: organisation and staff (no data in the app) ------------------------------------
NO_ORGANISATION = ("phần mềm không lưu cơ cấu tổ chức bộ máy làm công tác thi đua, khen thưởng "
                   "(vụ, ban, phòng thuộc Sở Nội vụ)")
NO_STAFF = ("phần mềm không lưu hồ sơ công chức làm công tác thi đua, khen thưởng (độ tuổi, "
            "trình độ đào tạo, thâm niên)")


def _empty_form(kind: ReadyReport, title: str, subtitle: str, headers: tuple[str, ...],
                labels: list[tuple[str, str]], why: str, filter_lines: list[str],
                note: str) -> ReportTable:
    width = len(headers) - 2
    rows = tuple(TableRow((Cell(label), Cell(code), *[Cell(None, why if code else "")] * width),
                          bold=not code or code == "01", code=code) for label, code in labels)
    return ReportTable(kind, title, subtitle, headers, rows, tuple(filter_lines),
                       (MissingCells("Mọi ô của biểu", why),), (note,), numeric_from=2)


def form_0604(year: int, filter_lines: list[str]) -> ReportTable:
    labels = [("Tổng số", "01"), ("Chia theo cơ cấu tổ chức bộ máy", ""),
              ("- Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", "02"),
              ("- Cấp phòng, ban hoặc bộ phận thuộc Vụ", "03"),
              ("- Cấp ban thuộc Sở Nội vụ", "04"), ("- Cấp phòng thuộc Sở Nội vụ", "05")]
    return _empty_form(ReadyReport.FORM_0604, "SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN "
                       "THƯỞNG", f"Biểu số: 0604.N/BNV-TĐKT — Năm {year}",
                       ("", "Mã số", "Số lượng"), labels, NO_ORGANISATION, filter_lines,
                       f"{FORM_BASIS}. Biểu để cán bộ điền tay: phần mềm chỉ in khung biểu.")


def form_0605(year: int, filter_lines: list[str]) -> ReportTable:
    labels = [("Tổng số", "01"), ("1. Chia theo độ tuổi", ""), ("- Từ 30 trở xuống", "02"),
              ("- Từ 31 đến 40", "03"), ("- Từ 41 đến 50", "04"), ("- Từ 51 đến 55", "05"),
              ("- Từ 56 đến 60", "06"), ("- Trên 60 tuổi", "07"),
              ("2. Chia theo trình độ đào tạo", ""), ("- Sơ cấp", "08"), ("- Trung cấp", "09"),
              ("- Cao đẳng", "10"), ("- Đại học", "11"), ("- Trên đại học", "12"),
              ("3. Chia theo thâm niên công tác trong lĩnh vực TĐKT", ""),
              ("- Dưới 5 năm", "13"), ("- Từ 5 đến 10 năm", "14"), ("- Từ 10 năm trở lên", "15")]
    return _empty_form(ReadyReport.FORM_0605, "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN "
                       "THƯỞNG", f"Biểu số: 0605.N/BNV-TĐKT — Năm {year}",
                       ("", "Mã số", "Tổng số (người)", "Trong đó: Nữ"), labels, NO_STAFF,
                       filter_lines,
                       f"{FORM_BASIS}. Biểu để cán bộ điền tay: phần mềm chỉ in khung biểu.")


def unit_name(s: Session, unit_id: int | None) -> str | None:
    return None if unit_id is None else check_unit(s, unit_id)

