"""Reports and statistics (issue 14): what a report asks for (source, filters, grouping), what
it gives back (a table with totals, the cells it cannot fill and why), and the parsing of the
filter words an officer types (CLI) into checked values with Vietnamese messages."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from desktop.domain.enums import (
    AchievementKind,
    AwardCategory,
    AwardLevel,
    Gender,
    LabeledEnum,
    NominationStatus,
    SubjectKind,
)
from desktop.domain.errors import FieldProblem, ValidationError
from desktop.domain.ethnicities import canonical_ethnicity
from desktop.domain.vntext import fold

MIN_YEAR = 1945
MAX_YEAR = 2100
MAX_GROUPS = 2


class Source(LabeledEnum):
    AWARDS = "awards", "Khen thưởng đã có (lịch sử khen thưởng)"
    NOMINATIONS = "nominations", "Đề nghị khen thưởng"


class Dimension(LabeledEnum):
    """What the rows of a built report are grouped by."""

    UNIT = "unit", "Đơn vị"
    YEAR = "year", "Năm"
    AWARD = "award", "Danh hiệu, hình thức"
    LEVEL = "level", "Cấp khen thưởng"
    SUBJECT = "subject", "Loại đối tượng"
    GENDER = "gender", "Giới tính"
    ETHNICITY = "ethnicity", "Dân tộc"
    ACHIEVEMENT = "achievement", "Loại thành tích"
    STATUS = "status", "Trạng thái đề nghị"


class ReadyReport(LabeledEnum):
    """The ready-made reports (``tdkt report KIND``)."""

    SUMMARY = "summary", "Tổng hợp khen thưởng năm (gửi tỉnh)"
    FORM_0601 = "0601", "Biểu 0601.N/BNV-TĐKT: Số phong trào thi đua"
    FORM_0602 = "0602", "Biểu 0602.N/BNV-TĐKT: Số lượng khen thưởng cấp Nhà nước"
    FORM_0603 = "0603", "Biểu 0603.N/BNV-TĐKT: Số lượng khen thưởng cấp bộ, ngành, tỉnh"
    FORM_0604 = "0604", "Biểu 0604.N/BNV-TĐKT: Số lượng tổ chức làm công tác TĐKT"
    FORM_0605 = "0605", "Biểu 0605.N/BNV-TĐKT: Số lượng công chức làm công tác TĐKT"
    TIMELINE = "timeline", "Quá trình khen thưởng của một cá nhân, tập thể"
    CUSTOM = "custom", "Báo cáo tự chọn (lọc, nhóm)"


@dataclass(frozen=True)
class ReportFilter:
    """Every filter is optional; an empty tuple means "all"."""

    year_from: int | None = None
    year_to: int | None = None
    unit_id: int | None = None  # the unit and everything under it
    award_codes: tuple[str, ...] = ()
    levels: tuple[AwardLevel, ...] = ()
    categories: tuple[AwardCategory, ...] = ()
    subjects: tuple[SubjectKind, ...] = ()
    gender: Gender | None = None  # individuals only
    ethnicity: str | None = None  # a canonical name ("Kinh", "Thái"…); individuals only
    minority: bool | None = None  # True: not Kinh; False: Kinh; individuals only
    direct_worker: bool | None = None  # individuals only
    achievements: tuple[AchievementKind, ...] = ()  # award history only
    statuses: tuple[NominationStatus, ...] = ()  # nominations only

    @property
    def individuals_only(self) -> bool:
        """A filter on a person's attribute leaves only individuals in the report."""
        return (self.gender is not None or self.ethnicity is not None
                or self.minority is not None or self.direct_worker is not None)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in data.items()
                if v not in (None, ())}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportFilter:
        p = _Problems()
        flt = cls(
            year_from=p.year(data.get("year_from"), "year_from"),
            year_to=p.year(data.get("year_to"), "year_to"),
            unit_id=p.integer(data.get("unit_id"), "unit_id", "Đơn vị"),
            award_codes=tuple(str(c) for c in data.get("award_codes") or ()),
            levels=p.enums(AwardLevel, data.get("levels"), "levels", "Cấp khen thưởng"),
            categories=p.enums(AwardCategory, data.get("categories"), "categories", "Loại"),
            subjects=p.enums(SubjectKind, data.get("subjects"), "subjects", "Loại đối tượng"),
            gender=p.enum(Gender, data.get("gender"), "gender", "Giới tính"),
            ethnicity=data.get("ethnicity") or None,
            minority=data.get("minority"),
            direct_worker=data.get("direct_worker"),
            achievements=p.enums(AchievementKind, data.get("achievements"), "achievements",
                                 "Loại thành tích"),
            statuses=p.enums(NominationStatus, data.get("statuses"), "statuses",
                             "Trạng thái đề nghị"))
        p.raise_if_any()
        return flt


@dataclass(frozen=True)
class ReportDefinition:
    """A built report as it is saved under a name: source, filters and grouping."""

    source: Source = Source.AWARDS
    filters: ReportFilter = field(default_factory=ReportFilter)
    group_by: tuple[Dimension, ...] = (Dimension.AWARD,)
    name: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "source": self.source.value,
                "filters": self.filters.to_json(),
                "group_by": [d.value for d in self.group_by]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportDefinition:
        p = _Problems()
        source = p.enum(Source, data.get("source") or Source.AWARDS.value, "source", "Nguồn")
        groups = p.enums(Dimension, data.get("group_by") or [], "group_by", "Nhóm theo")
        p.raise_if_any()
        return cls(source or Source.AWARDS, ReportFilter.from_json(data.get("filters") or {}),
                   groups, str(data.get("name") or ""))


# -- results ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Measures:
    """The figures of one group: counts by kind of subject, the people's attributes, money."""

    total: int = 0
    individuals: int = 0
    collectives: int = 0
    households: int = 0
    women: int = 0
    minorities: int = 0
    direct_workers: int = 0
    amount: int = 0

    def __add__(self, other: Measures) -> Measures:
        return Measures(*(a + b for a, b in zip(astuple_measures(self), astuple_measures(other),
                                                  strict=True)))

    def share(self, part: int) -> float | None:
        """Percentage of the individuals (women, minorities, direct workers are people)."""
        return None if not self.individuals else round(100.0 * part / self.individuals, 1)


def astuple_measures(m: Measures) -> tuple[int, ...]:
    return (m.total, m.individuals, m.collectives, m.households, m.women, m.minorities,
            m.direct_workers, m.amount)


@dataclass(frozen=True)
class GroupRow:
    """One group of a built report: the labels of its keys and its figures."""

    keys: tuple[str, ...]
    measures: Measures


@dataclass(frozen=True)
class Cell:
    """A table cell: a number, a text, or nothing (with why, for forms the app cannot fill)."""

    value: int | float | str | None
    missing: str = ""  # non-empty: the app cannot fill this cell; the reason

    @property
    def text(self) -> str:
        if self.missing:
            return "—"
        if self.value is None:
            return ""
        if isinstance(self.value, bool):
            return "Có" if self.value else "Không"
        if isinstance(self.value, int):
            return f"{self.value:,}".replace(",", ".")
        if isinstance(self.value, float):
            return f"{self.value:.1f}".replace(".", ",")
        return str(self.value)


@dataclass(frozen=True)
class TableRow:
    cells: tuple[Cell, ...]
    bold: bool = False  # a total, subtotal or section heading
    code: str = ""  # the form's "Mã số" of the row


@dataclass(frozen=True)
class MissingCells:
    """Cells of a statistical form the app leaves empty, and why (said in every export)."""

    where: str  # "Dòng 06–09, mọi cột"
    reason: str


@dataclass(frozen=True)
class ChartBar:
    label: str
    value: float
    text: str


@dataclass(frozen=True)
class ReportTable:
    """What every output (screen, CLI, .xlsx, .docx, JSON) shows of a report."""

    kind: ReadyReport
    title: str
    subtitle: str
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    filter_lines: tuple[str, ...] = ()
    missing: tuple[MissingCells, ...] = ()
    notes: tuple[str, ...] = ()
    chart: tuple[ChartBar, ...] = ()
    chart_title: str = ""
    numeric_from: int = 1  # columns from this index are numbers (right-aligned)

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "title": self.title, "subtitle": self.subtitle,
                "headers": list(self.headers),
                "rows": [{"code": r.code, "bold": r.bold,
                          "cells": [None if c.missing else c.value for c in r.cells]}
                         for r in self.rows],
                "filters": list(self.filter_lines),
                "cannot_fill": [{"where": m.where, "reason": m.reason} for m in self.missing],
                "notes": list(self.notes)}


@dataclass(frozen=True)
class TimelineEntry:
    year: int
    kind: str  # "Khen thưởng" / "Xếp loại" / "Sáng kiến"
    text: str
    decision: str


# -- parsing what an officer types -------------------------------------------------------------
_RANGE = re.compile(r"^\s*(\d{4})\s*(?:[-–]\s*(\d{4})\s*)?$")
_YES = {"co", "yes", "y", "1", "true", "x"}
_NO = {"khong", "no", "n", "0", "false"}


def parse_years(text: str) -> tuple[int, int]:
    """"2025" or "2021-2025" → (from, to); anything else is a Vietnamese refusal."""
    match = _RANGE.match(text or "")
    if not match:
        raise ValidationError.single("years", "Năm", f"“{text}” không đúng dạng; ghi một năm "
                                     "(2025) hoặc khoảng năm (2021-2025)")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    for year in (first, last):
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValidationError.single("years", "Năm", f"{year} nằm ngoài khoảng "
                                         f"{MIN_YEAR}–{MAX_YEAR}")
    if first > last:
        raise ValidationError.single("years", "Năm", f"năm đầu ({first}) lớn hơn năm cuối "
                                     f"({last})")
    return first, last


def parse_enum(kind: type[LabeledEnum], text: str, field_name: str, label: str) -> Any:
    """A value by its code or its Vietnamese label, with or without accents."""
    found = kind.from_text(text.strip()) if text and text.strip() else None
    if found is None:
        choices = ", ".join(f"{m.value} ({m.label})" for m in kind)
        raise ValidationError.single(field_name, label, f"“{text}” không hợp lệ; chọn một "
                                     f"trong: {choices}")
    return found


def parse_flag(text: str, field_name: str, label: str) -> bool:
    key = fold(text or "").replace(" ", "")
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValidationError.single(field_name, label, f"“{text}” không hợp lệ; ghi “có” hoặc "
                                 "“không”")


def parse_ethnicity(text: str) -> str:
    name = canonical_ethnicity(text or "")
    if name is None:
        raise ValidationError.single("ethnicity", "Dân tộc", f"“{text}” không có trong danh mục "
                                     "54 dân tộc Việt Nam")
    return name


def parse_groups(text: str) -> tuple[Dimension, ...]:
    """"unit,year" → (UNIT, YEAR); at most two, no repeats."""
    parts = [t for t in re.split(r"[,;\s]+", text or "") if t]
    if not parts:
        raise ValidationError.single("group_by", "Nhóm theo", "chưa chọn cách nhóm")
    groups = tuple(parse_enum(Dimension, t, "group_by", "Nhóm theo") for t in parts)
    check_groups(groups)
    return groups


def check_groups(groups: tuple[Dimension, ...]) -> None:
    if not groups:
        raise ValidationError.single("group_by", "Nhóm theo", "chưa chọn cách nhóm")
    if len(groups) > MAX_GROUPS:
        raise ValidationError.single("group_by", "Nhóm theo",
                                     f"chỉ nhóm được theo tối đa {MAX_GROUPS} tiêu chí")
    if len(set(groups)) != len(groups):
        raise ValidationError.single("group_by", "Nhóm theo", "một tiêu chí được chọn hai lần")


def with_years(flt: ReportFilter, first: int | None, last: int | None) -> ReportFilter:
    return replace(flt, year_from=first, year_to=last)


class _Problems:
    """Collects every wrong value of a saved definition (a hand-edited JSON file)."""

    def __init__(self) -> None:
        self.items: list[FieldProblem] = []

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.items)

    def year(self, value: Any, name: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and \
                MIN_YEAR <= value <= MAX_YEAR:
            return value
        self.items.append(FieldProblem(name, "Năm", f"“{value}” không phải năm hợp lệ"))
        return None

    def integer(self, value: Any, name: str, label: str) -> int | None:
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        self.items.append(FieldProblem(name, label, f"“{value}” không phải số"))
        return None

    def enum(self, kind: type[Any], value: Any, name: str, label: str) -> Any:
        if value is None:
            return None
        try:
            return kind(value)
        except ValueError:
            self.items.append(FieldProblem(name, label, f"“{value}” không hợp lệ"))
            return None

    def enums(self, kind: type[Any], values: Any, name: str, label: str) -> tuple[Any, ...]:
        found = [self.enum(kind, v, name, label) for v in (values or ())]
        return tuple(v for v in found if v is not None)
