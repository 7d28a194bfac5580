"""Gathers NominationFacts for a whole round in a fixed number of set-based queries (never
one query per nomination), so 30,000 nominations load in about a second.

Speed notes: histories are joined from the round's nominations (an OR over people and units
would defeat the indexes), only years are read from dates, and enum members are looked up in
dicts rather than constructed, because a round reads several hundred thousand rows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, extract, func, literal, or_, select, union_all
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from desktop.domain.enums import (
    DISCIPLINE_SEVERITY,
    AchievementKind,
    DisciplineForm,
    DisciplineStatus,
    InitiativeScope,
    RatingLevel,
    RoundKind,
    SubjectKind,
)
from desktop.models import (
    AwardKind,
    AwardRecord,
    Discipline,
    Initiative,
    Movement,
    Nomination,
    Person,
    PersonPosition,
    ProvinceParameter,
    Rating,
    Registration,
    Round,
    Unit,
)
from desktop.services.eligibility.conditions import DEAD_STATUSES, SCOPE_ORDER
from desktop.services.eligibility.facts import (
    AwardFact,
    DisciplineFact,
    InitiativeFact,
    MemberStats,
    NominationFacts,
    QuotaCandidate,
    SiblingNomination,
    WorkMonths,
)

# Province parameters the rules read, with the value used when a database predates them.
PARAMETER_DEFAULTS: dict[str, object] = {"cstdcs_quota_percent": 15,
                                         "cstdcs_quota_rounding": "down",
                                         "ldtt_min_months_worked": 10,
                                         "flags_per_bloc": 1}
HISTORY_YEARS = 12  # awards: Art 33.7 intervals and two CSTĐ tỉnh periods reach far back
RATING_YEARS = 5  # the longest run of ratings a rule asks for (Bằng khen Thủ tướng)
LONG_RATING_LINEAGES = ("BK_TTG", "HCLD3", "HCLD2", "HCLD1")
# LĐTT is most of the history but no rule counts runs of it: only its award year matters.
YEAR_ONLY_LINEAGES = ("LDTT",)
# Titles whose rules read the months worked in the award year (ldtt_min_months_worked).
MONTHS_LINEAGES = ("LDTT",)
# Titles whose rules ask for the unit's rank in its emulation bloc or cluster.
BLOC_LINEAGES = frozenset({"CO_TD_TINH", "CO_TD_CP", "XA_TB"})
_RATING = {m.value: m for m in RatingLevel}
_ACHIEVEMENT = {m.value: m for m in AchievementKind}
_SCOPE = {m.value: m for m in InitiativeScope}
_WARNING_UP = [f.value for f, level in DISCIPLINE_SEVERITY.items()
               if level >= DISCIPLINE_SEVERITY[DisciplineForm.WARNING]]
_COMPLETED = [RatingLevel.COMPLETED.value, RatingLevel.GOOD.value, RatingLevel.EXCELLENT.value]
Key = tuple[str, Any]


def _key(person_id: int | None, unit_id: int | None, household: str = "") -> Key:
    if person_id is not None:
        return ("p", person_id)
    if unit_id is not None:
        return ("u", unit_id)
    return ("h", household)


def _subjects(wanted: Any, model: Any, *columns: Any) -> list[tuple[str, Select[Any]]]:
    """The same history query twice, joined on the nominated people ("p"), then on the units
    ("u"); each selects only its own subject id so covering indexes stay covering."""
    out = []
    for tag, own, nominated in (("p", model.person_id, Nomination.person_id),
                                ("u", model.unit_id, Nomination.unit_id)):
        subjects = select(nominated).where(wanted, nominated.is_not(None)).distinct().subquery()
        out.append((tag, select(own, *columns).join(subjects, own == subjects.c[0])
                    .where(model.deleted_at.is_(None))))
    return out


def load_round_facts(s: Session, round_id: int,
                     only_ids: set[int] | None = None) -> list[NominationFacts]:
    r = s.get(Round, round_id)
    assert r is not None
    year, kind = r.year, RoundKind(r.kind)
    head_rule = bool(r.movement_id and s.scalar(
        select(Movement.head_target_rule).where(Movement.id == r.movement_id)))
    params: dict[str, object] = {}
    for param, default in PARAMETER_DEFAULTS.items():
        row = s.get(ProvinceParameter, param)
        params[param] = row.value if row is not None else default
    first_year = year - HISTORY_YEARS

    c = s.connection()  # Core rows: the ORM's per-row bookkeeping cost more than SQLite here
    live = and_(Nomination.round_id == round_id, Nomination.deleted_at.is_(None))
    noms = c.execute(
        select(Nomination.id, Nomination.person_id, Nomination.unit_id, Nomination.household_name,
               Nomination.status, AwardKind.code, AwardKind.lineage, AwardKind.name,
               AwardKind.legal_basis, AwardKind.legal_article)
        .join(AwardKind, AwardKind.id == Nomination.award_kind_id).where(live)).all()
    # Histories are read only for the subjects being checked (one nomination in the editor,
    # or the whole round); the round's own list is always read whole for quotas and twins.
    wanted = live if only_ids is None else and_(live, Nomination.id.in_(only_ids))

    ratings: dict[Key, dict[int, RatingLevel]] = defaultdict(dict)
    # Two years for everyone (Bằng khen tỉnh looks at two); the longer runs only for the few
    # subjects proposed for an award that needs them.
    long_run = and_(wanted, Nomination.award_kind_id.in_(
        select(AwardKind.id).where(AwardKind.lineage.in_(LONG_RATING_LINEAGES))))
    for subjects, first in ((wanted, year - 1), (long_run, year - RATING_YEARS + 1)):
        last = year if first == year - 1 else year - 2
        for tag, query in _subjects(subjects, Rating, Rating.year, Rating.level):
            for sid, y, level in c.execute(query.where(Rating.year.between(first, last))):
                ratings[(tag, sid)][y] = _RATING[level]

    awards = _awards(c, wanted, first_year, year)

    initiatives: dict[Key, list[InitiativeFact]] = defaultdict(list)
    for tag, query in _subjects(wanted, Initiative, Initiative.scope, Initiative.year,
                                Initiative.title, Initiative.decision_number):
        for sid, scope, y, title, number in c.execute(
                query.where(Initiative.year >= first_year)):
            initiatives[(tag, sid)].append(InitiativeFact(_SCOPE[scope], y, title, number))

    disciplines: dict[Key, list[DisciplineFact]] = defaultdict(list)
    for tag, query in _subjects(wanted, Discipline, Discipline.form, Discipline.status,
                                Discipline.decision_number, Discipline.effective_from,
                                Discipline.effective_to):
        for sid, form, status, number, start, end in c.execute(query):
            disciplines[(tag, sid)].append(DisciplineFact(
                DisciplineForm(form), DisciplineStatus(status), number, start, end))

    others = _other_rounds(c, wanted, round_id, year)
    registered = {(_key(pid, uid), lineage) for pid, uid, lineage in c.execute(
        select(Registration.person_id, Registration.unit_id, AwardKind.lineage)
        .join(AwardKind, AwardKind.id == Registration.award_kind_id)
        .where(Registration.year == year, Registration.deleted_at.is_(None)))}

    person_ids = select(Nomination.person_id).where(wanted, Nomination.person_id.is_not(None))
    people = {pid: (head, uid, name) for pid, head, uid, name in c.execute(
        select(Person.id, Person.is_unit_head, Person.unit_id, Person.full_name)
        .where(Person.id.in_(person_ids)))}
    unit_ids = select(Nomination.unit_id).where(wanted, Nomination.unit_id.is_not(None))
    unit_names = dict(c.execute(select(Unit.id, Unit.name).where(Unit.id.in_(unit_ids))).all())

    same_round: dict[Key, list[Any]] = defaultdict(list)
    for n in noms:
        same_round[_key(n.person_id, n.unit_id, n.household_name)].append(n)
    quota_used, quota_base, quota_people = _quota(
        c, noms, year, select(Nomination.person_id).where(live, Nomination.person_id.is_not(None)))
    members = _member_stats(c, unit_ids, year, round_id)
    # Bloc ranks and the heads' targets come from the blocs' data, read only when a rule
    # will ask (a handful of units, not the whole round); the bloc code loads on first use.
    from desktop.services.blocs.loading import bloc_places, targets_met

    checked = [n for n in noms if only_ids is None or n.id in only_ids]
    places = bloc_places(s, year, {n.unit_id for n in checked
                                   if n.unit_id is not None and n.lineage in BLOC_LINEAGES},
                         _int(params["flags_per_bloc"], 1))
    months = _work_months(c, and_(wanted, Nomination.award_kind_id.in_(
        select(AwardKind.id).where(AwardKind.lineage.in_(MONTHS_LINEAGES)))), year)
    head_units = _head_units(c, person_ids, year, people) if head_rule else {}
    heads_met = targets_met(s, year, {unit for n in checked if n.person_id in head_units
                                      for unit in head_units[n.person_id]})
    # The rule's text names the directive and each missed target (services/targets.py).
    from desktop.services.targets import combine_verdicts, head_verdicts, movement_directive

    head_directive = movement_directive(s, r.movement_id) if head_rule else ""
    head_texts = head_verdicts(s, year, {u for units in head_units.values() for u in units},
                               head_directive) if head_rule else {}

    out: list[NominationFacts] = []
    for n in noms:
        if only_ids is not None and n.id not in only_ids:
            continue
        key = _key(n.person_id, n.unit_id, n.household_name)
        if n.person_id is not None:
            head, home_unit, name = people.get(n.person_id, (False, None, ""))
            subject = SubjectKind.INDIVIDUAL
        else:
            head, home_unit = False, None
            name = unit_names.get(n.unit_id, "") if n.unit_id else n.household_name
            subject = SubjectKind.COLLECTIVE if n.unit_id else SubjectKind.HOUSEHOLD
        is_cstdcs = n.lineage == "CSTDCS"
        out.append(NominationFacts(
            n.id, subject, name, n.code, n.lineage, n.name, year, kind,
            ratings=ratings.get(key, {}), awards=tuple(awards.get(key, ())),
            initiatives=tuple(initiatives.get(key, ())),
            disciplines=tuple(disciplines.get(key, ())),
            members=members.get(n.unit_id) if n.unit_id else None,
            same_round=tuple(SiblingNomination(o.lineage, year, r.name, o.status)
                             for o in same_round[key] if o.id != n.id)
            if len(same_round[key]) > 1 else (),
            other_rounds=tuple(others.get(key, ())),
            registered=(key, n.lineage) in registered,
            is_unit_head=bool(head_units.get(n.person_id)) if head_rule else bool(head),
            head_rule=head_rule,
            head_targets_met=_all_met(heads_met, head_units.get(n.person_id, ())),
            head_targets_text=combine_verdicts(head_texts, head_units.get(n.person_id, ())),
            head_directive=head_directive,
            bloc_rank=places[n.unit_id][0] if n.unit_id in places else None,
            bloc_flags=places[n.unit_id][1] if n.unit_id in places else 1,
            work_months=months.get(n.person_id) if n.person_id is not None else None,
            quota_used=quota_used.get(home_unit) if is_cstdcs else None,
            quota_base=quota_base.get(home_unit, 0) if is_cstdcs and home_unit else None,
            quota_candidates=quota_people.get(home_unit, ()) if is_cstdcs else (),
            award_legal=_legal(n.legal_basis, n.legal_article),
            params=params))
    return out


def _int(value: object, default: int) -> int:
    """A whole-number province parameter; a value edited into something else is the default."""
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _work_months(c: Connection, wanted: Any, year: int) -> dict[int, WorkMonths]:
    """Months worked and leave recorded with the award year's rating of the nominated people
    (only rows where something was written)."""
    people = select(Nomination.person_id).where(wanted, Nomination.person_id.is_not(None))
    return {pid: WorkMonths(worked, leave, kind or "")
            for pid, worked, leave, kind in c.execute(
                select(Rating.person_id, Rating.months_worked, Rating.leave_months,
                       Rating.leave_kind)
                .where(Rating.person_id.in_(people), Rating.year == year,
                       Rating.deleted_at.is_(None),
                       or_(Rating.months_worked.is_not(None), Rating.leave_months.is_not(None))))
            if pid is not None}


def _legal(basis: str | None, article: str | None) -> str:
    """The catalog's citation of an award kind: "Luật …; NĐ …, Điều 44; NĐ 152/2025 Điều 21"."""
    basis, article = (basis or "").strip(), (article or "").strip()
    if basis and article:
        return f"{basis}, {article}"
    return basis or article


def _head_units(c: Connection, person_ids: Any, year: int,
                people: dict[int, tuple[bool, int | None, str]]) -> dict[int, tuple[int, ...]]:
    """Per person: the units they headed at some time during ``year`` (a head position whose
    dates overlap the year). Someone with no position recorded at all falls back to the
    ``is_unit_head`` flag and their own unit (people entered before positions existed)."""
    out: dict[int, set[int]] = defaultdict(set)
    with_positions: set[int] = set()
    first, last = date(year, 1, 1), date(year, 12, 31)
    for pid, uid, is_head, start, end in c.execute(
            select(PersonPosition.person_id, PersonPosition.unit_id, PersonPosition.is_head,
                   PersonPosition.start_date, PersonPosition.end_date)
            .where(PersonPosition.person_id.in_(person_ids),
                   PersonPosition.deleted_at.is_(None))):
        with_positions.add(pid)
        if is_head and uid is not None and (start is None or start <= last) \
                and (end is None or end >= first):
            out[pid].add(uid)
    for pid, (head, unit, _name) in people.items():
        if pid not in with_positions and head and unit is not None:
            out[pid].add(unit)
    return {pid: tuple(sorted(units)) for pid, units in out.items() if units}


def _all_met(met: dict[int, bool | None], units: tuple[int, ...]) -> bool | None:
    """The head's units together: one missed target is enough to fail; unknown otherwise
    unless every unit met all of its targets."""
    if not units:
        return None
    results = [met.get(unit) for unit in units]
    if False in results:
        return False
    return None if None in results else True


def _awards(c: Connection, wanted: Any, first_year: int, year: int) -> dict[Key, list[AwardFact]]:
    kinds = {kid: (lineage, name) for kid, lineage, name in c.execute(
        select(AwardKind.id, AwardKind.lineage, AwardKind.name))}
    awards: dict[Key, list[AwardFact]] = defaultdict(list)
    for tag, query in _subjects(wanted, AwardRecord, AwardRecord.award_kind_id,
                                AwardRecord.year, AwardRecord.achievement_kind,
                                AwardRecord.decision_number,
                                extract("year", AwardRecord.decision_date),
                                extract("year", AwardRecord.period_from),
                                extract("year", AwardRecord.period_to)):
        year_only = select(AwardKind.id).where(AwardKind.lineage.in_(YEAR_ONLY_LINEAGES))
        for sid, kid, y, ach, number, dy, fy, ty in c.execute(query.where(
                AwardRecord.year.between(first_year, year),
                or_(AwardRecord.award_kind_id.not_in(year_only), AwardRecord.year == year))):
            lineage, name = kinds[kid]
            awards[(tag, sid)].append(
                AwardFact(lineage, name, y, _ACHIEVEMENT[ach], number, dy, fy, ty))
    return awards


def _other_rounds(s: Connection, wanted: Any, round_id: int,
                  year: int) -> dict[Key, list[SiblingNomination]]:
    """The same subjects' nominations in other rounds of the same year (for duplicates)."""
    other = Nomination.__table__.alias("other")
    out: dict[Key, list[SiblingNomination]] = defaultdict(list)
    for own, nominated in ((other.c.person_id, Nomination.person_id),
                           (other.c.unit_id, Nomination.unit_id)):
        subjects = select(nominated).where(wanted, nominated.is_not(None)).distinct().subquery()
        for pid, uid, lineage, y, name, status in s.execute(
                select(other.c.person_id, other.c.unit_id, AwardKind.lineage, Round.year,
                       Round.name, other.c.status)
                .join(subjects, own == subjects.c[0])
                .join(Round, Round.id == other.c.round_id)
                .join(AwardKind, AwardKind.id == other.c.award_kind_id)
                .where(other.c.round_id != round_id, other.c.deleted_at.is_(None),
                       Round.year == year)):
            out[_key(pid, uid)].append(SiblingNomination(lineage, y, name, status))
    return out


def _quota(s: Connection, noms: Any, year: int, round_people: Any
           ) -> tuple[dict[Any, int], dict[Any, int], dict[Any, tuple[QuotaCandidate, ...]]]:
    """CSTĐCS nominations per unit in this round, the unit's LĐTT count for the year (decided,
    or proposed in this round), and the unit's CSTĐCS nominees with what ranks them when the
    unit is over its quota (rating and initiatives of the year, gender: NĐ 152 Art 4.6)."""
    cstd = {n.person_id: n.id for n in noms if n.person_id is not None
            and n.lineage == "CSTDCS" and n.status not in DEAD_STATUSES}
    cstd_people = set(cstd)
    if not cstd_people:
        return {}, {}, {}
    ldtt_proposed = {n.person_id for n in noms if n.person_id is not None
                     and n.lineage == "LDTT" and n.status not in DEAD_STATUSES}
    home = dict(s.execute(select(Person.id, Person.unit_id)
                          .where(Person.id.in_(round_people))).all())
    used: dict[Any, int] = defaultdict(int)
    for pid in cstd_people:
        used[home.get(pid)] += 1
    units = [u for u in used if u is not None]
    ldtt: dict[Any, set[int]] = defaultdict(set)
    for pid in ldtt_proposed:
        if home.get(pid) in used:
            ldtt[home[pid]].add(pid)
    for pid, uid in s.execute(
            select(AwardRecord.person_id, Person.unit_id)
            .join(Person, Person.id == AwardRecord.person_id)
            .join(AwardKind, AwardKind.id == AwardRecord.award_kind_id)
            .where(AwardKind.lineage == "LDTT", AwardRecord.year == year,
                   AwardRecord.deleted_at.is_(None), Person.unit_id.in_(units))):
        if pid is not None:  # always, by the join; says so to the type checker
            ldtt[uid].add(pid)
    return dict(used), {u: len(p) for u, p in ldtt.items()}, _candidates(s, cstd, home, year)


def _candidates(s: Connection, cstd: dict[int, int], home: dict[int, Any],
                year: int) -> dict[Any, tuple[QuotaCandidate, ...]]:
    """Per unit, its CSTĐCS nominees: name, gender, rating and initiatives of the year."""
    people = list(cstd)
    ratings = {pid: _RATING[level] for pid, level in s.execute(
        select(Rating.person_id, Rating.level).where(
            Rating.person_id.in_(people), Rating.year == year, Rating.deleted_at.is_(None)))}
    ideas: dict[int, list[int]] = defaultdict(list)
    for pid, scope in s.execute(select(Initiative.person_id, Initiative.scope).where(
            Initiative.person_id.in_(people), Initiative.year == year,
            Initiative.deleted_at.is_(None))):
        if pid is not None:
            ideas[pid].append(SCOPE_ORDER[_SCOPE[scope]])
    out: dict[Any, list[QuotaCandidate]] = defaultdict(list)
    for pid, name, gender in s.execute(select(Person.id, Person.full_name, Person.gender)
                                       .where(Person.id.in_(people))):
        out[home.get(pid)].append(QuotaCandidate(
            cstd[pid], name, gender == "female", ratings.get(pid),
            max(ideas.get(pid, [0])), len(ideas.get(pid, []))))
    return {unit: tuple(found) for unit, found in out.items()}


def _member_stats(s: Connection, unit_ids: Any, year: int, round_id: int) -> dict[int, MemberStats]:
    """Per nominated unit, in one grouped query: its direct members' ratings, titles (decided
    or proposed in this round) and discipline from cảnh cáo up for the year."""
    titles = union_all(
        select(AwardRecord.person_id.label("pid"), AwardKind.lineage.label("lineage"))
        .join(AwardKind, AwardKind.id == AwardRecord.award_kind_id)
        .where(AwardRecord.year == year, AwardRecord.deleted_at.is_(None),
               AwardRecord.person_id.is_not(None), AwardKind.lineage.in_(["LDTT", "CSTDCS"])),
        select(Nomination.person_id, AwardKind.lineage)
        .join(AwardKind, AwardKind.id == Nomination.award_kind_id)
        .where(Nomination.round_id == round_id, Nomination.deleted_at.is_(None),
               Nomination.person_id.is_not(None), Nomination.status.not_in(DEAD_STATUSES),
               AwardKind.lineage.in_(["LDTT", "CSTDCS"])),
    ).subquery()
    per_person = (select(titles.c.pid,
                         func.max(case((titles.c.lineage == "LDTT", 1), else_=0)).label("ldtt"),
                         func.max(case((titles.c.lineage == "CSTDCS", 1), else_=0)).label("cstd"))
                  .group_by(titles.c.pid).subquery())
    punished = (select(Discipline.person_id.label("pid"), literal(1).label("hit"))
                .where(Discipline.deleted_at.is_(None), Discipline.person_id.is_not(None),
                       Discipline.status == DisciplineStatus.DECIDED.value,
                       Discipline.form.in_(_WARNING_UP),
                       or_(Discipline.effective_from.is_(None),
                           Discipline.effective_from <= date(year, 12, 31)),
                       or_(Discipline.effective_to.is_(None),
                           Discipline.effective_to >= date(year, 1, 1)))
                .group_by(Discipline.person_id).subquery())
    rows = s.execute(
        select(Person.unit_id, func.count(Person.id), func.count(Rating.level),
               func.sum(case((Rating.level.in_(_COMPLETED), 1), else_=0)),
               func.sum(func.coalesce(per_person.c.ldtt, 0)),
               func.sum(func.coalesce(per_person.c.cstd, 0)),
               func.sum(func.coalesce(punished.c.hit, 0)),
               func.sum(case((Person.gender == "female", 1), else_=0)))
        .outerjoin(Rating, and_(Rating.person_id == Person.id, Rating.year == year,
                                Rating.deleted_at.is_(None)))
        .outerjoin(per_person, per_person.c.pid == Person.id)
        .outerjoin(punished, punished.c.pid == Person.id)
        .where(Person.unit_id.in_(unit_ids), Person.deleted_at.is_(None))
        .group_by(Person.unit_id))
    return {uid: MemberStats(total, rated, completed or 0, ldtt or 0, cstdcs or 0,
                             disc or 0, women or 0)
            for uid, total, rated, completed, ldtt, cstdcs, disc, women in rows}
