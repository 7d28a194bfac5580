"""Reports (issue 14): every figure of each ready-made report is computed again here, in plain
Python over the facts this test inserted, and compared; exports are opened again; bad filters
give Vietnamese messages."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from desktop.api.reports import (
    Dimension,
    Measures,
    ReadyReport,
    ReportDefinition,
    ReportFilter,
    ReportTable,
    Source,
    parse_enum,
    parse_ethnicity,
    parse_flag,
    parse_groups,
    parse_years,
)
from desktop.domain.enums import (
    AchievementKind,
    AwardLevel,
    Gender,
    MovementKind,
    SubjectKind,
    UnitKind,
)
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.models import AwardKind, AwardRecord, Initiative, Movement, Person, Rating, Unit
from desktop.services import Services

YEARS = (2023, 2024, 2025)
ETHNIC = ("Kinh", "Kinh", "Thái", "Mông", "Dao")
CODES = ("LDTT", "LDTT_2013", "CSTDCS", "CSTD_TINH", "CSTD_TINH_2013", "BK_TINH", "BK_TINH_2013",
         "GIAY_KHEN", "KNC_TINH", "BK_TTG", "HCLD3", "CSTD_TQ", "TTLDXS", "CO_TD_TINH",
         "CO_TD_CP", "TTLDTT", "GDVH")


@dataclass
class Fact:
    """One award as the test knows it (never read back from the database)."""

    year: int
    subject: str
    unit: int | None  # the unit the award counts under (collective, or the person's unit)
    code: str
    family: str
    level: str
    gender: str = ""
    ethnicity: str = ""
    direct: bool = False
    achievement: str = AchievementKind.MERIT.value
    amount: int = 0
    unit_kind: str = ""


@dataclass
class World:
    root: int
    commune_a: int
    village_a1: int
    ward_b: int
    enterprise: int
    formula_unit: int
    facts: list[Fact] = field(default_factory=list)
    parent: dict[int, int | None] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    person: int = 0
    movements: list[tuple[int, str, str, date | None, date | None]] = field(default_factory=list)

    def top(self, unit: int | None, root: int | None = None) -> int | None:
        """The unit directly below ``root`` (the province by default) that ``unit`` is in."""
        root = self.root if root is None else root
        if unit is None:
            return None
        if unit == root:
            return root
        chain = [unit]
        while self.parent.get(chain[-1]) is not None:
            chain.append(self.parent[chain[-1]])  # type: ignore[arg-type]
        if root not in chain:
            return None
        index = chain.index(root)
        return chain[index - 1]


def build_world(services: Services, *, seed: int = 7, records: int = 400) -> World:
    rng = random.Random(seed)
    with services.db.session() as s:
        root = s.scalars(select(Unit.id).where(Unit.parent_id.is_(None))).one()

        def unit(name: str, code: str, kind: UnitKind, parent: int) -> Unit:
            u = Unit(name=name, code=code, kind=kind.value, level="commune", parent_id=parent,
                     sort_key=name)
            s.add(u)
            s.flush()
            return u

        a = unit("Xã An Bình", "XAB", UnitKind.COMMUNE, root)
        a1 = unit("Thôn Bản Mới", "TBM", UnitKind.VILLAGE, a.id)
        b = unit("Phường Bắc Sơn", "PBS", UnitKind.WARD, root)
        e = unit("Công ty Chè Tam Đường", "CTD", UnitKind.ENTERPRISE, root)
        f = unit("=1+1 Tổ dân phố", "TDPF", UnitKind.RESIDENTIAL_GROUP, b.id)
        dead_unit = unit("Thôn đã xóa", "TDX", UnitKind.VILLAGE, a.id)
        world = World(root, a.id, a1.id, b.id, e.id, f.id)
        for u in (a, a1, b, e, f):
            world.parent[u.id] = u.parent_id
            world.names[u.id] = u.name
        world.parent[root] = None
        kinds = {k.code: k for k in s.scalars(select(AwardKind))}
        homes = [a.id, a1.id, b.id, e.id, f.id, None]
        people: list[tuple[Person, int | None]] = []
        for i in range(40):
            home = homes[i % len(homes)]
            p = Person(full_name=f"Người thứ {i}", gender=rng.choice(list(Gender)).value,
                       ethnicity=rng.choice(ETHNIC), unit_id=home,
                       is_direct_worker=rng.random() < 0.4, sort_key=f"{i:03d}")
            s.add(p)
            people.append((p, home))
        ghost = Person(full_name="Người đã xóa", gender="female", ethnicity="Thái", unit_id=a.id,
                       deleted_at=datetime(2025, 1, 1))
        s.add(ghost)
        s.flush()
        world.person = people[0][0].id
        collectives = [a.id, a1.id, b.id, e.id, f.id]
        unit_kinds = {a.id: "commune", a1.id: "village", b.id: "ward", e.id: "enterprise",
                      f.id: "residential_group"}
        for _ in range(records):
            code = rng.choice(CODES)
            k = kinds[code]
            subjects = k.subjects.split(",")
            subject = rng.choice(subjects)
            year = rng.choice(YEARS)
            achievement = rng.choice(list(AchievementKind)).value
            amount = rng.choice([0, 300_000, 1_150_000, 2_340_000])
            record = AwardRecord(award_kind_id=k.id, year=year, achievement_kind=achievement,
                                 amount=amount or None)
            fact = Fact(year, subject, None, code, k.lineage or k.code, k.level,
                        achievement=achievement, amount=amount)
            if subject == SubjectKind.INDIVIDUAL.value:
                p, home = rng.choice(people)
                record.person_id = p.id
                fact.unit, fact.gender, fact.ethnicity = home, p.gender, p.ethnicity
                fact.direct = p.is_direct_worker
            elif subject == SubjectKind.COLLECTIVE.value:
                record.unit_id = rng.choice(collectives)
                fact.unit, fact.unit_kind = record.unit_id, unit_kinds[record.unit_id]
            else:
                record.household_name = f"Hộ ông {rng.randint(1, 99)}"
            s.add(record)
            world.facts.append(fact)
        lt = kinds["LDTT"]
        # Never counted: a record in the trash, one of a person in the trash, one of a unit in
        # the trash.
        s.add(AwardRecord(award_kind_id=lt.id, year=2024, achievement_kind="cong_trang",
                          person_id=people[1][0].id, deleted_at=datetime(2025, 2, 1)))
        s.add(AwardRecord(award_kind_id=lt.id, year=2024, achievement_kind="cong_trang",
                          person_id=ghost.id))
        s.add(AwardRecord(award_kind_id=kinds["TTLDTT"].id, year=2024,
                          achievement_kind="cong_trang", unit_id=dead_unit.id))
        dead_unit.deleted_at = datetime(2025, 3, 1)
        s.add(Rating(person_id=world.person, year=2024, level="HTXSNV"))
        s.add(Initiative(person_id=world.person, title="Sổ tay số hóa", year=2025, scope="co_so"))
        for name, organiser, kind, start, end in (
                ("Thi đua yêu nước 2024", root, MovementKind.REGULAR, date(2024, 1, 1),
                 date(2024, 12, 31)),
                ("Chuyển đổi số", root, MovementKind.THEMATIC, date(2024, 3, 1),
                 date(2026, 3, 1)),
                ("Xây dựng nông thôn mới", a.id, MovementKind.THEMATIC, date(2024, 5, 1),
                 date(2024, 9, 1)),
                ("Thôn sạch", a1.id, MovementKind.REGULAR, None, None),
                ("Không có đơn vị", None, MovementKind.REGULAR, date(2024, 1, 1),
                 date(2030, 1, 1))):
            s.add(Movement(name=name, kind=kind.value, year=2024, organiser_unit_id=organiser,
                           period_start=start, period_end=end))
            world.movements.append((organiser or 0, kind.value, name, start, end))
    # The province itself is a province-level unit; the test's units are below it.
    with services.db.session() as s:
        for u in s.scalars(select(Unit).where(Unit.id == world.root)):
            u.level = "province"
    return world


# -- the same figures, in plain Python ----------------------------------------------------------
def measures(facts: list[Fact]) -> Measures:
    people = [f for f in facts if f.subject == "individual"]
    return Measures(
        total=len(facts), individuals=len(people),
        collectives=sum(1 for f in facts if f.subject == "collective"),
        households=sum(1 for f in facts if f.subject == "household"),
        women=sum(1 for f in people if f.gender == "female"),
        minorities=sum(1 for f in people if f.ethnicity not in ("Kinh", "")),
        direct_workers=sum(1 for f in people if f.direct),
        amount=sum(f.amount for f in facts))


def cells(m: Measures) -> list[Any]:
    return [m.total, m.collectives, m.individuals, m.households, m.women, m.minorities,
            m.direct_workers, m.amount]


def values(table: ReportTable) -> list[list[Any]]:
    return [[None if c.missing else c.value for c in r.cells] for r in table.rows]


@pytest.fixture
def world(services: Services) -> World:
    return build_world(services)


def family_names(services: Services) -> dict[str, str]:
    with services.db.read() as s:
        return {k.code: k.name for k in s.scalars(select(AwardKind))}


# -- the yearly summary -------------------------------------------------------------------------
@pytest.mark.parametrize("years", [(2024, 2024), (2023, 2025)])
def test_summary_matches_facts(services: Services, world: World, years: tuple[int, int]) -> None:
    report = services.reports.summary(ReportFilter(year_from=years[0], year_to=years[1]))
    facts = [f for f in world.facts if years[0] <= f.year <= years[1]]
    names = family_names(services)
    expected: dict[str, list[Any]] = {}
    for family in {f.family for f in facts}:
        m = measures([f for f in facts if f.family == family])
        expected[names[family]] = [m.total, m.collectives, m.individuals, m.households,
                                   m.women, m.share(m.women), m.minorities,
                                   m.share(m.minorities), m.direct_workers,
                                   m.share(m.direct_workers), m.amount]
    got = {str(r[1]): r[2:] for r in values(report) if isinstance(r[0], int)}
    assert got == expected
    by_level = {str(r[1]): r[2] for r in values(report) if r[0] in ("I", "II", "III")}
    for level in AwardLevel:
        count = sum(1 for f in facts if f.level == level.value)
        if count:
            assert by_level[f"Khen thưởng {level.label.lower()}"] == count
    total = values(report)[-1]
    m = measures(facts)
    assert total[1] == "Tổng cộng"
    assert total[2:] == [m.total, m.collectives, m.individuals, m.households, m.women,
                         m.share(m.women), m.minorities, m.share(m.minorities),
                         m.direct_workers, m.share(m.direct_workers), m.amount]
    # the women's share is of the individuals, as the province asks
    assert m.share(m.women) == round(100 * m.women / m.individuals, 1)
    assert report.chart and sum(b.value for b in report.chart) <= m.total


# -- the builder --------------------------------------------------------------------------------
CASES: list[tuple[str, ReportFilter, tuple[Dimension, ...]]] = [
    ("all by unit", ReportFilter(), (Dimension.UNIT,)),
    ("unit A subtree by year, gender",
     ReportFilter(year_from=2024, year_to=2025), (Dimension.YEAR, Dimension.GENDER)),
    ("women minorities by ethnicity", ReportFilter(gender=Gender.FEMALE, minority=True),
     (Dimension.ETHNICITY,)),
    ("direct workers by achievement", ReportFilter(direct_worker=True),
     (Dimension.ACHIEVEMENT, Dimension.LEVEL)),
    ("province level awards by subject",
     ReportFilter(levels=(AwardLevel.PROVINCE,)), (Dimension.SUBJECT,)),
    ("a family by code (old names count)", ReportFilter(award_codes=("CSTD_TINH",)),
     (Dimension.YEAR,)),
    ("households and collectives, thematic", ReportFilter(
        subjects=(SubjectKind.HOUSEHOLD, SubjectKind.COLLECTIVE),
        achievements=(AchievementKind.THEMATIC, AchievementKind.AD_HOC)), (Dimension.AWARD,)),
    ("Thái people", ReportFilter(ethnicity="Thái"), (Dimension.UNIT, Dimension.YEAR)),
]


def _keep(world: World, flt: ReportFilter, f: Fact) -> bool:
    if flt.year_from is not None and f.year < flt.year_from:
        return False
    if flt.year_to is not None and f.year > flt.year_to:
        return False
    if flt.unit_id is not None and world.top(f.unit, flt.unit_id) is None:
        return False
    if flt.award_codes and f.family not in flt.award_codes and f.code not in flt.award_codes:
        return False
    if flt.levels and f.level not in [v.value for v in flt.levels]:
        return False
    if flt.subjects and f.subject not in [v.value for v in flt.subjects]:
        return False
    personal = (flt.gender, flt.ethnicity, flt.minority, flt.direct_worker)
    if any(v is not None for v in personal) and f.subject != "individual":
        return False
    if flt.gender is not None and f.gender != flt.gender.value:
        return False
    if flt.ethnicity is not None and f.ethnicity != flt.ethnicity:
        return False
    if flt.minority is not None and (f.ethnicity != "Kinh") != flt.minority:
        return False
    if flt.direct_worker is not None and f.direct != flt.direct_worker:
        return False
    return not (flt.achievements and f.achievement not in [v.value for v in flt.achievements])


def _key(world: World, names: dict[str, str], flt: ReportFilter, dim: Dimension,
         f: Fact) -> str:
    if dim is Dimension.UNIT:
        top = world.top(f.unit, flt.unit_id)
        return "(Không gắn đơn vị)" if top is None else world.names.get(top, "?")
    if dim is Dimension.YEAR:
        return str(f.year)
    if dim is Dimension.AWARD:
        return names[f.family]
    if dim is Dimension.LEVEL:
        return AwardLevel(f.level).label
    if dim is Dimension.SUBJECT:
        return SubjectKind(f.subject).label
    if dim is Dimension.GENDER:
        return Gender(f.gender).label if f.gender else "(Chưa ghi)"
    if dim is Dimension.ETHNICITY:
        return f.ethnicity or "(Chưa ghi)"
    return AchievementKind(f.achievement).label


@pytest.mark.parametrize("name,flt,groups", CASES, ids=[c[0] for c in CASES])
def test_builder_matches_facts(services: Services, world: World, name: str, flt: ReportFilter,
                               groups: tuple[Dimension, ...]) -> None:
    if name.startswith("unit A"):
        flt = replace(flt, unit_id=world.commune_a)
    report = services.reports.build(ReportDefinition(Source.AWARDS, flt, groups))
    names = family_names(services)
    kept = [f for f in world.facts if _keep(world, flt, f)]
    expected: dict[tuple[str, ...], list[Any]] = defaultdict(list)
    buckets: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
    for f in kept:
        buckets[tuple(_key(world, names, flt, d, f) for d in groups)].append(f)
    for key, facts in buckets.items():
        expected[key] = cells(measures(facts))
    rows = values(report)
    got = {tuple(str(v) for v in r[:len(groups)]): r[len(groups):] for r in rows[:-1]}
    assert got == dict(expected)
    assert rows[-1][0] == "Tổng cộng"
    assert rows[-1][len(groups):] == cells(measures(kept))
    assert kept, "the case must count something"


def test_builder_on_nominations_counts_live_nominations(services: Services) -> None:
    report = services.reports.build(ReportDefinition(Source.NOMINATIONS, ReportFilter(),
                                                     (Dimension.STATUS,)))
    assert values(report)[-1][1] == 0  # none in a fresh database: a total row, nothing else
    with pytest.raises(ValidationError, match="loại thành tích"):
        services.reports.build(ReportDefinition(
            Source.NOMINATIONS, ReportFilter(achievements=(AchievementKind.MERIT,)),
            (Dimension.YEAR,)))


# -- forms 0601–0605 ----------------------------------------------------------------------------
def _row(table: ReportTable, code: str) -> list[Any]:
    return next(values(table)[i] for i, r in enumerate(table.rows) if r.code == code)


def test_form_0603_matches_facts(services: Services, world: World) -> None:
    report = services.reports.form(ReadyReport.FORM_0603, ReportFilter(year_from=2024,
                                                                        year_to=2024))
    facts = [f for f in world.facts if f.year == 2024 and f.level == "tinh"]
    columns = [lambda f: f.family.startswith("BK"), lambda f: f.family.startswith("CSTD"),
               lambda f: f.family.startswith("CO_TD"), lambda f: f.family.startswith("KNC")]

    def line(pred: Any) -> list[int]:
        counts = [sum(1 for f in facts if pred(f) and col(f)) for col in columns]
        return [sum(counts), *counts]

    expect = {
        "01": line(lambda f: True),
        "02": line(lambda f: f.subject == "collective"),
        "03": line(lambda f: f.subject == "collective" and f.unit_kind == "enterprise"),
        "04": line(lambda f: f.subject == "household"),
        "05": line(lambda f: f.subject == "individual"),
        "10": line(lambda f: f.subject == "individual" and f.direct),
        "11": line(lambda f: f.achievement == "cong_trang"),
        "12": line(lambda f: f.achievement == "chuyen_de"),
        "13": line(lambda f: f.achievement == "dot_xuat"),
        "14": line(lambda f: f.achievement == "doi_ngoai"),
        "15": line(lambda f: f.achievement == "cong_hien"),
        "16": line(lambda f: f.achievement == "nien_han"),
    }
    for code, numbers in expect.items():
        assert _row(report, code)[2:] == numbers, code
    assert expect["01"][0] > 0
    for code in ("06", "07", "08", "09", "17"):
        assert _row(report, code)[2:] == [None] * 5
        assert any(f"Dòng {code}" in m.where and m.reason for m in report.missing)
    others = sum(1 for f in facts if not any(col(f) for col in columns))
    assert any(f": {others} — không tính" in n for n in report.notes)


def test_form_0602_matches_facts(services: Services, world: World) -> None:
    report = services.reports.form(ReadyReport.FORM_0602, ReportFilter(year_from=2025,
                                                                        year_to=2025))
    facts = [f for f in world.facts if f.year == 2025 and f.level == "nha_nuoc"]

    def fam(prefix: str) -> Any:
        return lambda f: f.family.startswith(prefix)

    def sub(kind: str) -> Any:
        return lambda f: f.subject == kind

    def other(f: Fact) -> bool:
        return not any(f.family.startswith(p) for p in ("HC", "CO_TD", "BK_TTG", "CSTD"))

    columns: list[Any] = [
        lambda f: fam("HC")(f) and sub("collective")(f),
        lambda f: fam("HC")(f) and sub("individual")(f), None, None, None, fam("CO_TD"),
        lambda f: fam("BK_TTG")(f) and sub("collective")(f),
        lambda f: fam("BK_TTG")(f) and sub("individual")(f), fam("CSTD"),
        lambda f: other(f) and sub("collective")(f),
        lambda f: other(f) and sub("individual")(f)]

    def line(pred: Any) -> list[int | None]:
        return [sum(1 for f in facts if pred(f)),
                *(None if col is None else sum(1 for f in facts if pred(f) and col(f))
                  for col in columns)]

    assert _row(report, "01")[2:] == line(lambda f: True)
    assert _row(report, "03")[2:] == line(lambda f: True)
    assert _row(report, "02")[2:] == [None] * 12
    assert _row(report, "04")[2:] == line(sub("collective"))
    assert _row(report, "05")[2:] == line(lambda f: f.unit_kind == "enterprise")
    assert _row(report, "06")[2:] == line(sub("household"))
    assert _row(report, "07")[2:] == line(sub("individual"))
    assert _row(report, "12")[2:] == line(lambda f: f.subject == "individual" and f.direct)
    assert _row(report, "13")[2:] == line(lambda f: f.achievement == "cong_trang")
    assert line(lambda f: True)[0]


def test_form_0601_counts_movements(services: Services, world: World) -> None:
    report = services.reports.form(ReadyReport.FORM_0601, ReportFilter(year_from=2024,
                                                                        year_to=2024))
    # root: 2 (province level: a year, two years); commune A and village: 2 (unit level)
    assert _row(report, "01")[2:] == [4, None, 2, 2]
    assert _row(report, "03")[2:] == [2, None, 2, 0]
    assert _row(report, "05")[2:] == [2, None, 0, 2]
    assert _row(report, "06")[2:] == [1, None, 0, 1]  # four months
    assert _row(report, "07")[2:] == [1, None, 1, 0]  # one calendar year
    assert _row(report, "08")[2:] == [1, None, 1, 0]  # two years
    assert _row(report, "11")[2:] == [2, None, 1, 1]
    assert _row(report, "12")[2:] == [2, None, 1, 1]
    assert _row(report, "02")[2:] == [None] * 4
    assert any("chưa ghi thời gian" in n and n.endswith("1.") for n in report.notes)
    assert any("chưa ghi đơn vị phát động" in n and n.endswith("1.") for n in report.notes)


@pytest.mark.parametrize("kind", [ReadyReport.FORM_0604, ReadyReport.FORM_0605])
def test_forms_without_data_say_why(services: Services, kind: ReadyReport) -> None:
    report = services.reports.form(kind, ReportFilter(year_from=2025, year_to=2025))
    assert report.missing and "không lưu" in report.missing[0].reason
    assert all(c.missing for r in report.rows if r.code for c in r.cells[2:])


def test_form_needs_one_year(services: Services) -> None:
    with pytest.raises(ValidationError, match="một năm báo cáo"):
        services.reports.form(ReadyReport.FORM_0603, ReportFilter(year_from=2023, year_to=2025))


# -- timeline -----------------------------------------------------------------------------------
def test_timeline_lists_every_award_rating_and_initiative(services: Services,
                                                         world: World) -> None:
    with services.db.read() as s:
        awards = list(s.execute(select(AwardRecord.year).where(
            AwardRecord.person_id == world.person, AwardRecord.deleted_at.is_(None))))
    report = services.reports.timeline(person_id=world.person)
    kinds = [r.cells[1].value for r in report.rows]
    assert kinds.count("Khen thưởng") == len(awards)
    assert kinds.count("Xếp loại") == 1 and kinds.count("Sáng kiến") == 1
    years = [int(str(r.cells[0].value)) for r in report.rows]
    assert years == sorted(years)
    assert sum(b.value for b in report.chart) == len(awards)
    unit_report = services.reports.timeline(unit_id=world.enterprise)
    unit_awards = sum(1 for f in world.facts if f.subject == "collective"
                      and f.unit == world.enterprise)
    assert [r.cells[1].value for r in unit_report.rows].count("Khen thưởng") == unit_awards
    with pytest.raises(ValidationError, match="chọn đúng một"):
        services.reports.timeline()
    with pytest.raises(NotFoundError, match="Không có cá nhân"):
        services.reports.timeline(person_id=999_999)


# -- exports ------------------------------------------------------------------------------------
def test_xlsx_round_trip_keeps_numbers_filters_and_text(services: Services, world: World,
                                                        tmp_path: Path) -> None:
    flt = ReportFilter(year_from=2023, year_to=2025, unit_id=world.ward_b)
    report = services.reports.build(ReportDefinition(Source.AWARDS, flt, (Dimension.UNIT,)))
    path = services.reports.export(report, tmp_path / "bao_cao.xlsx")
    ws = load_workbook(path).active
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert report.title in texts
    assert "- Đơn vị: Phường Bắc Sơn (kể cả đơn vị trực thuộc)" in texts
    assert "- Năm: 2023–2025" in texts
    formula = next(c for row in ws.iter_rows() for c in row if c.value == "=1+1 Tổ dân phố")
    assert formula.data_type == "s" and formula.quotePrefix  # text, never a formula
    total_row = next(row for row in ws.iter_rows() if row[0].value == "Tổng cộng")
    kept = [f for f in world.facts if world.top(f.unit, world.ward_b) is not None]
    assert [c.value for c in total_row[1:]] == cells(measures(kept))


def test_docx_is_a_decree_30_document_with_the_table(services: Services, world: World,
                                                    tmp_path: Path) -> None:
    report = services.reports.form(ReadyReport.FORM_0603, ReportFilter(year_from=2024,
                                                                        year_to=2024))
    path = services.reports.export(report, tmp_path / "bieu.docx")
    doc = Document(str(path))
    text = "\n".join(p.text for p in doc.paragraphs)
    header = "\n".join(c.text for c in doc.tables[0].rows[0].cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header
    assert "Độc lập - Tự do - Hạnh phúc" in header
    assert report.title in text
    assert "Ô không điền được" in text and "Dòng 06" in text
    grid = doc.tables[1]
    assert [c.text for c in grid.rows[0].cells] == list(report.headers)
    first = [c.text for c in grid.rows[1].cells]
    assert first == [c.text for c in report.rows[0].cells]
    assert doc.sections[0].page_width > doc.sections[0].page_height  # many columns: landscape


def test_export_refuses_other_extensions(services: Services, world: World,
                                         tmp_path: Path) -> None:
    report = services.reports.summary(ReportFilter(year_from=2024, year_to=2024))
    with pytest.raises(ValidationError, match=r"\.xlsx hoặc \.docx"):
        services.reports.export(report, tmp_path / "bao_cao.pdf")


# -- saved definitions --------------------------------------------------------------------------
def test_saved_definitions_round_trip(services: Services, world: World) -> None:
    definition = ReportDefinition(
        Source.AWARDS, ReportFilter(year_from=2023, year_to=2025, unit_id=world.commune_a,
                                    gender=Gender.FEMALE, levels=(AwardLevel.PROVINCE,)),
        (Dimension.UNIT, Dimension.YEAR), "Nữ cấp tỉnh của xã")
    services.reports.save_definition(definition)
    assert services.reports.saved.names() == ["Nữ cấp tỉnh của xã"]
    assert services.reports.saved.get("nu cap tinh cua xa") == definition
    assert values(services.reports.run_saved("Nữ cấp tỉnh của xã")) == values(
        services.reports.build(definition))
    services.reports.saved.delete("Nữ cấp tỉnh của xã")
    with pytest.raises(NotFoundError, match="Không có báo cáo đã lưu"):
        services.reports.saved.get("Nữ cấp tỉnh của xã")


def test_broken_saved_file_is_refused_in_vietnamese(services: Services) -> None:
    services.reports.saved.path.write_text("{không phải json", encoding="utf-8")
    with pytest.raises(ValidationError, match="hỏng, không đọc được"):
        services.reports.saved.names()
    services.reports.saved.path.write_text(json.dumps({"reports": [
        {"name": "x", "source": "awards", "group_by": ["nope"], "filters": {}}]}),
        encoding="utf-8")
    with pytest.raises(ValidationError, match="Nhóm theo"):
        services.reports.saved.get("x")


# -- bad filters --------------------------------------------------------------------------------
@pytest.mark.parametrize("call,message", [
    (lambda: parse_years("2025-2021"), "năm đầu (2025) lớn hơn năm cuối (2021)"),
    (lambda: parse_years("hai nghìn"), "không đúng dạng"),
    (lambda: parse_years("1800"), "nằm ngoài khoảng"),
    (lambda: parse_enum(Gender, "x", "gender", "Giới tính"), "“x” không hợp lệ"),
    (lambda: parse_flag("có lẽ", "direct", "Người trực tiếp"), "ghi “có” hoặc “không”"),
    (lambda: parse_ethnicity("Klingon"), "không có trong danh mục"),
    (lambda: parse_groups("unit,year,gender"), "tối đa 2"),
    (lambda: parse_groups("unit,unit"), "hai lần"),
])
def test_bad_filters_say_what_is_wrong(call: Any, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        call()
    assert message in str(caught.value)


def test_filters_that_cannot_apply_are_refused(services: Services, world: World) -> None:
    with pytest.raises(ValidationError, match="không có đơn vị mã số 424242"):
        services.reports.build(ReportDefinition(filters=ReportFilter(unit_id=424242)))
    with pytest.raises(ValidationError, match="chỉ có ở cá nhân"):
        services.reports.build(ReportDefinition(filters=ReportFilter(
            gender=Gender.MALE, subjects=(SubjectKind.COLLECTIVE,))))
    with pytest.raises(ValidationError, match="không có trạng thái"):
        services.reports.build(ReportDefinition(group_by=(Dimension.STATUS,)))
    assert parse_enum(Gender, "nu", "gender", "Giới tính") is Gender.FEMALE
