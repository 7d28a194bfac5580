"""The same person entered twice: without a CCCD, a folded name and a birth date that match a
live person are most likely that person typed again (with or without accents). A create is
then stopped with ``PossibleDuplicateError`` listing who is already there; the officer decides
(the GUI asks, the CLI needs ``--allow-duplicate``)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.api.duplicates import PossibleDuplicateError, SimilarPerson
from desktop.domain.vntext import fold
from desktop.models import Person, Unit

MAX_LISTED = 20


def similar_people(s: Session, full_name: str, birth_date: date | None, *,
                   exclude_id: int | None = None) -> list[SimilarPerson]:
    """Live people whose folded name ("nguyen van an") and birth date equal these. No birth
    date, no match: a name alone is shared by too many different people."""
    key = fold(full_name)
    if not key or birth_date is None:
        return []
    # search_key is fold("name CCCD"): the name alone, or the name, a space and the CCCD.
    stmt = (select(Person.id, Person.full_name, Person.birth_date, Unit.name, Person.citizen_id)
            .outerjoin(Unit, Unit.id == Person.unit_id)
            .where(Person.deleted_at.is_(None), Person.birth_date == birth_date,
                   or_(Person.search_key == key,
                       Person.search_key.startswith(f"{key} ", autoescape=True)))
            .order_by(Person.id).limit(MAX_LISTED))
    if exclude_id is not None:
        stmt = stmt.where(Person.id != exclude_id)
    return [SimilarPerson(pid, name, born, unit or "", cccd)
            for pid, name, born, unit, cccd in s.execute(stmt)
            if fold(name) == key]


def refuse_possible_duplicate(s: Session, person: Person) -> None:
    """Raise ``PossibleDuplicateError`` when ``person`` (validated, not yet added) has no CCCD
    and matches someone already recorded; a CCCD tells people apart by itself."""
    if person.citizen_id:
        return
    matches = similar_people(s, person.full_name, person.birth_date, exclude_id=person.id)
    if matches:
        raise PossibleDuplicateError(matches)
