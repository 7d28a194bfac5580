"""A person's or a unit's timeline: every award, yearly rating and initiative, by year (the page
a leader prints before a council meeting). One subject's history is small; it is read whole."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.api.reports import Cell, ChartBar, ReadyReport, ReportTable, TableRow
from desktop.domain.enums import AchievementKind, InitiativeScope, RatingLevel
from desktop.domain.errors import NotFoundError
from desktop.models import AwardKind, AwardRecord, Initiative, Person, Rating, Unit

HEADERS = ("Năm", "Loại", "Nội dung", "Quyết định, ghi chú")
KIND_AWARD, KIND_RATING, KIND_INITIATIVE = "Khen thưởng", "Xếp loại", "Sáng kiến"
_KIND_ORDER = {KIND_AWARD: 0, KIND_RATING: 1, KIND_INITIATIVE: 2}


def _decision(number: str, day: date | None, extra: str = "") -> str:
    parts = [f"QĐ số {number}" if number else "", f"ngày {day:%d/%m/%Y}" if day else "", extra]
    return ", ".join(p for p in parts if p)


def _label(kind: type[AchievementKind] | type[InitiativeScope] | type[RatingLevel],
           value: str) -> str:
    try:
        return str(kind(value).label)
    except ValueError:
        return value


def timeline_table(s: Session, person_id: int | None, unit_id: int | None) -> ReportTable:
    if person_id is not None:
        person = s.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise NotFoundError(f"Không có cá nhân mã số {person_id} (hoặc đã bị xóa).")
        unit = s.get(Unit, person.unit_id) if person.unit_id else None
        title, subject = person.full_name, (f"{person.position}, {unit.name}" if unit and
                                            person.position else unit.name if unit else "")
        award_subject = AwardRecord.person_id == person_id
        rating_subject = Rating.person_id == person_id
        initiative_subject = Initiative.person_id == person_id
    else:
        own = s.get(Unit, unit_id)
        if own is None or own.deleted_at is not None:
            raise NotFoundError(f"Không có đơn vị mã số {unit_id} (hoặc đã bị xóa).")
        title, subject = own.name, "Tập thể"
        award_subject = AwardRecord.unit_id == unit_id
        rating_subject = Rating.unit_id == unit_id
        initiative_subject = Initiative.unit_id == unit_id
    entries: list[tuple[int, str, str, str]] = []
    for record, kind in s.execute(select(AwardRecord, AwardKind)
                                  .join(AwardKind, AwardKind.id == AwardRecord.award_kind_id)
                                  .where(award_subject, AwardRecord.deleted_at.is_(None))):
        money = f"tiền thưởng {record.amount:,} đồng".replace(",", ".") if record.amount else ""
        entries.append((record.year, KIND_AWARD,
                        f"{kind.name} ({_label(AchievementKind, record.achievement_kind)})",
                        _decision(record.decision_number, record.decision_date, money)))
    for rating in s.scalars(select(Rating).where(rating_subject, Rating.deleted_at.is_(None))):
        entries.append((rating.year, KIND_RATING, _label(RatingLevel, rating.level),
                        rating.note))
    for item in s.scalars(select(Initiative).where(initiative_subject,
                                                   Initiative.deleted_at.is_(None))):
        entries.append((item.year, KIND_INITIATIVE,
                        f"{item.title} ({_label(InitiativeScope, item.scope)})",
                        _decision(item.decision_number, item.decision_date, item.recognised_by)))
    entries.sort(key=lambda e: (e[0], _KIND_ORDER[e[1]], e[2]))
    rows = tuple(TableRow((Cell(str(year)), Cell(kind), Cell(text), Cell(note)))
                 for year, kind, text, note in entries)
    per_year: dict[int, int] = {}
    for year, what, _text, _note in entries:
        if what == KIND_AWARD:
            per_year[year] = per_year.get(year, 0) + 1
    awards = sum(per_year.values())
    chart = tuple(ChartBar(str(y), float(n), str(n)) for y, n in sorted(per_year.items()))
    notes = (f"Tổng cộng: {awards} khen thưởng, "
             f"{sum(1 for e in entries if e[1] == KIND_RATING)} năm xếp loại, "
             f"{sum(1 for e in entries if e[1] == KIND_INITIATIVE)} sáng kiến.",)
    return ReportTable(ReadyReport.TIMELINE, f"QUÁ TRÌNH KHEN THƯỞNG: {title.upper()}",
                       subject, HEADERS, rows, (), notes=notes, chart=chart,
                       chart_title="Số khen thưởng theo năm", numeric_from=len(HEADERS))
