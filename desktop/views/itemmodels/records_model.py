"""The columns of a person's record tables (positions, ratings, initiatives, awards received,
discipline) in the person editor; rows are the services' DTOs in a ``RecordTableModel``."""

from __future__ import annotations

from datetime import date

from desktop.api.positions import PositionRow
from desktop.api.records import AwardRecordRow, DisciplineRow, InitiativeRow, RatingRow
from desktop.i18n import translate
from desktop.views.formatting import format_date
from desktop.views.itemmodels.records import Column


def _ordinal(value: date | None) -> int:
    return value.toordinal() if value else 0


def period(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return ""
    if end is None:
        return translate("RecordColumns", "from %1").replace("%1", format_date(start))
    if start is None:
        return translate("RecordColumns", "until %1").replace("%1", format_date(end))
    return f"{format_date(start)} – {format_date(end)}"


def position_columns() -> list[Column[PositionRow]]:
    return [
        Column(translate("RecordColumns", "Position"), lambda r: r.title),
        Column(translate("RecordColumns", "Unit"), lambda r: r.unit_name),
        Column(translate("RecordColumns", "Head of unit"),
               lambda r: translate("RecordColumns", "Yes") if r.is_head else ""),
        Column(translate("RecordColumns", "From"), lambda r: format_date(r.start_date),
               lambda r: _ordinal(r.start_date)),
        Column(translate("RecordColumns", "Until"),
               lambda r: format_date(r.end_date) if r.end_date
               else translate("RecordColumns", "present"),
               lambda r: _ordinal(r.end_date) or 10**9),
        Column(translate("RecordColumns", "Note"), lambda r: r.note),
    ]


def rating_columns() -> list[Column[RatingRow]]:
    return [
        Column(translate("RecordColumns", "Year"), lambda r: str(r.year), lambda r: r.year),
        Column(translate("RecordColumns", "Rating"), lambda r: r.level.label),
        Column(translate("RecordColumns", "Months worked"),
               lambda r: "" if r.months_worked is None else str(r.months_worked),
               lambda r: -1 if r.months_worked is None else r.months_worked),
        Column(translate("RecordColumns", "Leave"), _leave_text),
        Column(translate("RecordColumns", "Note"), lambda r: r.note),
    ]


def _leave_text(r: RatingRow) -> str:
    """"2 tháng (Nghỉ thai sản)"; empty when no leave is recorded."""
    if not r.leave_months:
        return ""
    months = translate("RecordColumns", "%1 months").replace("%1", str(r.leave_months))
    return f"{months} ({r.leave_kind.label})" if r.leave_kind is not None else months


def initiative_columns() -> list[Column[InitiativeRow]]:
    return [
        Column(translate("RecordColumns", "Year"), lambda r: str(r.year), lambda r: r.year),
        Column(translate("RecordColumns", "Initiative"), lambda r: r.title,
               tooltip=lambda r: r.title),
        Column(translate("RecordColumns", "Scope"), lambda r: r.scope.label),
        Column(translate("RecordColumns", "Decision no."), lambda r: r.decision_number),
        Column(translate("RecordColumns", "Decision date"), lambda r: format_date(r.decision_date),
               lambda r: _ordinal(r.decision_date)),
        Column(translate("RecordColumns", "Recognised by"), lambda r: r.recognised_by),
    ]


def award_columns() -> list[Column[AwardRecordRow]]:
    return [
        Column(translate("RecordColumns", "Year"), lambda r: str(r.year), lambda r: r.year),
        Column(translate("RecordColumns", "Title or form"), lambda r: r.award_name,
               tooltip=lambda r: f"{r.award_name} ({r.award_code})"),
        Column(translate("RecordColumns", "Kind of achievement"),
               lambda r: r.achievement_kind.label),
        Column(translate("RecordColumns", "Decision no."), lambda r: r.decision_number),
        Column(translate("RecordColumns", "Decision date"), lambda r: format_date(r.decision_date),
               lambda r: _ordinal(r.decision_date)),
        Column(translate("RecordColumns", "Issuer"), lambda r: r.issuer),
    ]


def discipline_columns() -> list[Column[DisciplineRow]]:
    return [
        Column(translate("RecordColumns", "Form"), lambda r: r.form.label),
        Column(translate("RecordColumns", "Status"), lambda r: r.status.label),
        Column(translate("RecordColumns", "Decision no."), lambda r: r.decision_number),
        Column(translate("RecordColumns", "Decision date"), lambda r: format_date(r.decision_date),
               lambda r: _ordinal(r.decision_date)),
        Column(translate("RecordColumns", "In effect"),
               lambda r: period(r.effective_from, r.effective_to)),
        Column(translate("RecordColumns", "Reason"), lambda r: r.reason,
               tooltip=lambda r: r.reason),
    ]
