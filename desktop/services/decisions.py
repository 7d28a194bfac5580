"""Award decisions (quyết định khen thưởng): the list, yearly numbering per notation, money
from the base salary in force on the signing date, and signing that writes award history."""

from __future__ import annotations

import builtins
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from desktop.api.decisions import GROUP_ORDER as GROUP_ORDER
from desktop.api.decisions import GROUP_TITLES as GROUP_TITLES
from desktop.api.decisions import DecisionInput as DecisionInput
from desktop.api.decisions import DecisionLineRow as DecisionLineRow
from desktop.api.decisions import DecisionRow as DecisionRow
from desktop.api.decisions import decision_number as decision_number
from desktop.domain.enums import (
    ROUND_ACHIEVEMENT,
    AwardCategory,
    NominationStatus,
    RoundKind,
    SignerCapacity,
    SubjectKind,
)
from desktop.domain.errors import ConflictError, NotFoundError
from desktop.models import (
    AwardKind,
    AwardRecord,
    BaseSalary,
    Decision,
    DecisionLine,
    Nomination,
    NominationEvent,
    Person,
    ProvinceParameter,
    Round,
    Unit,
)
from desktop.services.authority import authority_warning
from desktop.services.catalog import shipped_parameter
from desktop.services.common import get_active
from desktop.services.database import Database
from desktop.services.money import BonusLine, Payment, apply_stacking, bonus_amount
from desktop.services.nominations import current_actor
from desktop.services.validation import Problems

# Province parameter: who awards Giấy khen after 01/7/2025 (Law Art 75 still names the district).
GIAY_KHEN_ISSUERS = "giay_khen_issuers"


class DecisionService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def create(self, data: DecisionInput, nomination_ids: list[int]) -> DecisionRow:
        with self._db.session() as s:
            p = Problems()
            round_ = s.get(Round, data.round_id)
            if round_ is None or round_.deleted_at is not None:
                raise NotFoundError("Không tìm thấy đợt xét khen thưởng.")
            issuer = p.text(data.issuer, "issuer", "Cơ quan ban hành", required=True)
            notation = p.text(data.notation, "notation", "Ký hiệu", required=True, max_length=40)
            capacity = p.choice(data.signer_capacity, SignerCapacity, "signer_capacity",
                                "Thẩm quyền ký")
            p.raise_if_any()
            assert capacity is not None
            decision = Decision(round_id=round_.id, year=round_.year, notation=notation,
                                issuer=issuer, subject_line=data.subject_line.strip(),
                                signer_name=data.signer_name.strip(),
                                signer_capacity=capacity.value)
            s.add(decision)
            s.flush()
            self._add_lines(s, decision, nomination_ids)
            decision_id = decision.id
        return self.get(decision_id)

    def create_per_award(self, data: DecisionInput,
                         nomination_ids: list[int]) -> builtins.list[DecisionRow]:
        """"Một quyết định cho mỗi hình thức": the nominations split by award (highest first),
        one draft decision each — how most offices issue them. All or nothing."""
        with self._db.read() as s:
            rows = s.execute(select(Nomination.id, AwardKind.id, AwardKind.rank)
                             .join(AwardKind, AwardKind.id == Nomination.award_kind_id)
                             .where(Nomination.id.in_(nomination_ids))).all()
        by_award: dict[int, builtins.list[int]] = {}
        rank: dict[int, int] = {}
        known = {nid: (kind, r) for nid, kind, r in rows}
        for nid in nomination_ids:
            kind, r = known.get(nid, (0, 0))
            by_award.setdefault(kind, []).append(nid)
            rank[kind] = r
        if len(by_award) <= 1:
            return [self.create(data, nomination_ids)]
        with self._db.session() as s:
            # Validate everything first, so a refusal leaves no decision behind.
            round_ = s.get(Round, data.round_id)
            if round_ is None or round_.deleted_at is not None:
                raise NotFoundError("Không tìm thấy đợt xét khen thưởng.")
            probe = Decision(id=-1, round_id=round_.id)
            p = Problems()
            p.text(data.issuer, "issuer", "Cơ quan ban hành", required=True)
            p.text(data.notation, "notation", "Ký hiệu", required=True, max_length=40)
            p.choice(data.signer_capacity, SignerCapacity, "signer_capacity", "Thẩm quyền ký")
            p.raise_if_any()
            self._check_new_lines(s, probe, nomination_ids)
        order = sorted(by_award, key=lambda k: -rank[k])
        return [self.create(data, by_award[k]) for k in order]

    def add_lines(self, decision_id: int, nomination_ids: list[int]) -> DecisionRow:
        with self._db.session() as s:
            decision = self._draft(s, decision_id)
            self._add_lines(s, decision, nomination_ids)
        return self.get(decision_id)

    def remove_lines(self, decision_id: int, nomination_ids: list[int]) -> DecisionRow:
        with self._db.session() as s:
            self._draft(s, decision_id)
            for line in s.scalars(select(DecisionLine).where(
                    DecisionLine.decision_id == decision_id,
                    DecisionLine.nomination_id.in_(nomination_ids))):
                s.delete(line)
        return self.get(decision_id)

    def list(self, round_id: int) -> list[DecisionRow]:
        with self._db.read() as s:
            ids = s.scalars(select(Decision.id).where(Decision.round_id == round_id,
                                                      Decision.deleted_at.is_(None))
                            .order_by(Decision.id)).all()
        return [self.get(i) for i in ids]

    def get(self, decision_id: int, *, preview_on: date | None = None) -> DecisionRow:
        """The decision with its lines; a draft shows the money it would pay if signed on
        ``preview_on`` (default today)."""
        with self._db.read() as s:
            d = get_active(s, Decision, decision_id, "quyết định khen thưởng")
            lines = self._line_rows(s, d, preview_on or d.signed_on or date.today())
            number = decision_number(d.sequence, d.notation) if d.sequence else ""
            return DecisionRow(d.id, d.round_id, number, d.sequence, d.year, d.notation, d.issuer,
                               d.signed_on, d.signer_name, SignerCapacity(d.signer_capacity),
                               d.subject_line, d.base_salary, d.status == "signed", tuple(lines),
                               tuple(self._authority_warnings(s, d)))

    def authority_warnings(self, decision_id: int) -> builtins.list[str]:
        """Vietnamese sentences, one per award of the decision whose issuer is not the
        authority the law names for it (Luật TĐKT 2022 Art 75, 77–80; Giấy khen after
        01/7/2025 by the province's ``giay_khen_issuers``), with the article. A warning only:
        signing is not refused. Judged on the signing date, a draft on today's."""
        with self._db.read() as s:
            d = get_active(s, Decision, decision_id, "quyết định khen thưởng")
            return self._authority_warnings(s, d)

    @staticmethod
    def _authority_warnings(s: Session, d: Decision) -> builtins.list[str]:
        kinds = s.execute(
            select(AwardKind.lineage, AwardKind.name, AwardKind.category, func.max(AwardKind.rank))
            .join(Nomination, Nomination.award_kind_id == AwardKind.id)
            .join(DecisionLine, DecisionLine.nomination_id == Nomination.id)
            .where(DecisionLine.decision_id == d.id)
            .group_by(AwardKind.lineage, AwardKind.name, AwardKind.category)
            .order_by(func.max(AwardKind.rank).desc(), AwardKind.name)).all()
        if not kinds:
            return []
        param = s.get(ProvinceParameter, GIAY_KHEN_ISSUERS)
        listed = param.value if param is not None else shipped_parameter(GIAY_KHEN_ISSUERS)
        issuers = [str(x) for x in listed] if isinstance(listed, list) else None
        on = d.signed_on or date.today()
        out = []
        for lineage, name, category, _rank in kinds:
            warning = authority_warning(d.issuer, lineage, name,
                                        category == AwardCategory.TITLE.value, on, issuers)
            if warning:
                out.append(warning)
        return out

    def next_sequence(self, notation: str, year: int) -> int:
        with self._db.read() as s:
            return (s.scalar(select(func.max(Decision.sequence)).where(
                Decision.notation == notation, Decision.deleted_at.is_(None),
                Decision.signed_on.between(date(year, 1, 1), date(year, 12, 31)))) or 0) + 1

    def sign(self, decision_id: int, signed_on: date, signer_name: str,
             signer_capacity: SignerCapacity | str, sequence: int | None = None,
             actor: str = "") -> DecisionRow:
        """Number, price and sign: writes the award history and marks every line awarded."""
        p = Problems()
        name = p.text(signer_name, "signer_name", "Người ký", required=True, max_length=150)
        capacity = p.choice(signer_capacity, SignerCapacity, "signer_capacity", "Thẩm quyền ký")
        p.not_future(signed_on, "signed_on", "Ngày ký")
        with self._db.session() as s:
            d = self._draft(s, decision_id)
            round_ = s.get(Round, d.round_id)
            assert round_ is not None
            if signed_on.year < round_.year:
                p.add("signed_on", "Ngày ký", f"trước năm của đợt xét ({round_.year})")
            salary = s.scalars(select(BaseSalary).where(BaseSalary.effective_from <= signed_on)
                               .order_by(BaseSalary.effective_from.desc())).first()
            if salary is None:
                p.add("signed_on", "Ngày ký", "chưa có mức lương cơ sở áp dụng cho ngày này")
            seq = sequence or self.next_sequence(d.notation, signed_on.year)
            clash = s.scalars(select(Decision).where(
                Decision.notation == d.notation, Decision.sequence == seq,
                Decision.id != d.id, Decision.deleted_at.is_(None),
                Decision.signed_on.between(date(signed_on.year, 1, 1),
                                           date(signed_on.year, 12, 31)))).first()
            if clash is not None:
                p.add("sequence", "Số quyết định",
                      f"số {decision_number(seq, d.notation)} năm {signed_on.year} đã dùng")
            lines = list(s.scalars(select(DecisionLine).where(DecisionLine.decision_id == d.id)))
            if not lines:
                p.add("lines", "Danh sách khen thưởng", "quyết định chưa có ai được khen thưởng")
            self._check_lines(s, p, lines, signed_on)
            p.raise_if_any()
            assert capacity is not None and salary is not None
            priced = {r.nomination_id: r for r in self._line_rows(s, d, signed_on)}
            d.sequence, d.signed_on, d.signer_name = seq, signed_on, name
            d.signer_capacity, d.base_salary, d.status = capacity.value, salary.amount, "signed"
            self._write_history(s, d, round_, lines, priced, actor or current_actor(s))
        return self.get(decision_id)

    # ------------------------------------------------------------------------------------
    @staticmethod
    def _draft(s: Session, decision_id: int) -> Decision:
        d = get_active(s, Decision, decision_id, "quyết định khen thưởng")
        if d.status == "signed":
            raise ConflictError(f"Quyết định {decision_number(d.sequence or 0, d.notation)} đã "
                                "ký; không sửa được danh sách.")
        return d

    @staticmethod
    def _add_lines(s: Session, decision: Decision, nomination_ids: builtins.list[int]) -> None:
        DecisionService._check_new_lines(s, decision, nomination_ids)
        for nid in nomination_ids:
            s.add(DecisionLine(decision_id=decision.id, nomination_id=nid))

    @staticmethod
    def _check_new_lines(s: Session, decision: Decision,
                         nomination_ids: builtins.list[int]) -> None:
        p = Problems()
        noms = {n.id: n for n in s.scalars(select(Nomination).where(
            Nomination.id.in_(nomination_ids), Nomination.deleted_at.is_(None)))}
        taken = set(s.scalars(select(DecisionLine.nomination_id).where(
            DecisionLine.nomination_id.in_(nomination_ids))))
        for nid in nomination_ids:
            n = noms.get(nid)
            if n is None or n.round_id != decision.round_id:
                p.add(str(nid), f"Đề nghị {nid}", "không thuộc đợt xét của quyết định")
            elif n.status != NominationStatus.VOTED.value:
                p.add(str(nid), f"Đề nghị {nid}", f"đang “{NominationStatus(n.status).label}”; "
                      "chỉ đưa vào quyết định đề nghị đã được Hội đồng xét")
            elif nid in taken:
                p.add(str(nid), f"Đề nghị {nid}", "đã có trong một quyết định khác")
        p.raise_if_any()

    @staticmethod
    def _check_lines(s: Session, p: Problems, lines: builtins.list[DecisionLine], signed_on: date) -> None:
        for line in lines:
            n = s.get(Nomination, line.nomination_id)
            kind = s.get(AwardKind, n.award_kind_id) if n else None
            if n is None or kind is None or n.deleted_at is not None:
                p.add(str(line.nomination_id), "Danh sách", "đề nghị đã bị xóa")
                continue
            if (kind.valid_from and signed_on < kind.valid_from) or \
                    (kind.valid_to and signed_on > kind.valid_to):
                p.add(str(line.nomination_id), kind.name,
                      f"không còn áp dụng vào ngày ký {signed_on:%d/%m/%Y}")

    def _line_rows(self, s: Session, d: Decision, on: date) -> builtins.list[DecisionLineRow]:
        """The lines priced: plain columns for the thousand lines, the few award kinds loaded
        once (a 1,000-line decision is read in a few tens of milliseconds)."""
        base = d.base_salary or s.scalar(
            select(BaseSalary.amount).where(BaseSalary.effective_from <= on)
            .order_by(BaseSalary.effective_from.desc()).limit(1)) or 0
        home = aliased(Unit)
        rows = s.execute(
            select(DecisionLine.amount, DecisionLine.paid, DecisionLine.pay_note, Nomination.id,
                   Nomination.person_id, Nomination.unit_id, Nomination.household_name,
                   Nomination.period_from, Nomination.period_to, Nomination.award_kind_id,
                   func.coalesce(Person.full_name, Unit.name, Nomination.household_name),
                   func.coalesce(Person.sort_key, Unit.sort_key, Nomination.household_name),
                   Person.position,
                   select(home.name).where(home.id == Person.unit_id).scalar_subquery())
            .join(Nomination, Nomination.id == DecisionLine.nomination_id)
            .outerjoin(Person, Person.id == Nomination.person_id)
            .outerjoin(Unit, Unit.id == Nomination.unit_id)
            .where(DecisionLine.decision_id == d.id)).all()
        signed = d.status == "signed"
        kinds = {k.id: k for k in s.scalars(select(AwardKind).where(
            AwardKind.id.in_({r[9] for r in rows})))}
        priced_kind = {i: k if signed else _in_force(s, k, on) for i, k in kinds.items()}
        priced: list[tuple[DecisionLineRow, str]] = []
        bonus_lines = []
        for (line_amount, paid, pay_note, nomination_id, person_id, unit_id, household,
             period_from, period_to, kind_id, name, sort, position, unit_name) in rows:
            kind = kinds[kind_id]
            group = (SubjectKind.INDIVIDUAL if person_id else SubjectKind.COLLECTIVE
                     if unit_id else SubjectKind.HOUSEHOLD)
            coef = _coefficient(priced_kind[kind_id], group)
            amount = line_amount if signed else bonus_amount(coef, base)
            detail = ", ".join(x for x in (position or "", unit_name or "") if x)
            priced.append((DecisionLineRow(nomination_id, group, name or "", detail, kind.code,
                                           kind.name, coef, amount, paid, pay_note),
                           sort or ""))
            bonus_lines.append(BonusLine(nomination_id,
                                         subject_key(person_id, unit_id, household),
                                         kind.category == AwardCategory.TITLE.value, kind.rank,
                                         (period_from, period_to), amount))
        if not signed:
            payments = apply_stacking(bonus_lines)
            priced = [(replace_payment(row, payments[row.nomination_id]), sort)
                      for row, sort in priced]
        priced.sort(key=lambda item: (GROUP_ORDER.index(item[0].group), item[1]))
        return [row for row, _ in priced]

    @staticmethod
    def _write_history(s: Session, d: Decision, round_: Round, lines: builtins.list[DecisionLine],
                       rows: dict[int, DecisionLineRow], actor: str) -> None:
        number = decision_number(d.sequence or 0, d.notation)
        achievement = ROUND_ACHIEVEMENT[RoundKind(round_.kind)].value
        for line in lines:
            n = s.get(Nomination, line.nomination_id)
            kind = s.get(AwardKind, n.award_kind_id) if n else None
            assert n is not None and kind is not None
            row = rows[n.id]
            line.coefficient, line.amount = str(row.coefficient), row.amount
            line.paid, line.pay_note = row.paid, row.pay_note
            s.add(AwardRecord(person_id=n.person_id, unit_id=n.unit_id,
                              household_name=n.household_name, award_kind_id=kind.id,
                              year=round_.year, achievement_kind=achievement,
                              period_from=n.period_from, period_to=n.period_to,
                              decision_number=number, decision_date=d.signed_on,
                              issuer=d.issuer, amount=row.amount))
            s.add(NominationEvent(nomination_id=n.id, from_status=n.status,
                                  to_status=NominationStatus.AWARDED.value, actor=actor,
                                  note=f"Quyết định số {number} ngày {d.signed_on:%d/%m/%Y}"))
            n.status = NominationStatus.AWARDED.value


def replace_payment(row: DecisionLineRow, payment: Payment) -> DecisionLineRow:
    if (row.amount, row.paid, row.pay_note) == (payment.amount, payment.paid, payment.note):
        return row  # most lines: nothing to change, no copy
    return replace(row, amount=payment.amount, paid=payment.paid, pay_note=payment.note)


def _coefficient(kind: AwardKind, group: SubjectKind) -> Decimal:
    value = {SubjectKind.INDIVIDUAL: kind.coef_individual,
             SubjectKind.COLLECTIVE: kind.coef_collective,
             SubjectKind.HOUSEHOLD: kind.coef_household}[group]
    return Decimal(str(value)) if value is not None else Decimal(0)


def _in_force(s: Session, kind: AwardKind, on: date) -> AwardKind:
    """The version of the award (same lineage) in force on ``on``: a draft priced for a date
    uses that date's coefficients (NĐ 91/2017 before 2024, NĐ 98/2023 and NĐ 152/2025 after)."""
    if (kind.valid_from is None or kind.valid_from <= on) and \
            (kind.valid_to is None or on <= kind.valid_to):
        return kind
    other = s.scalars(select(AwardKind).where(
        AwardKind.lineage == kind.lineage, AwardKind.deleted_at.is_(None),
        (AwardKind.valid_from.is_(None)) | (AwardKind.valid_from <= on),
        (AwardKind.valid_to.is_(None)) | (AwardKind.valid_to >= on))).first()
    return other or kind


def subject_key(person_id: int | None, unit_id: int | None, household: str) -> str:
    """Who a line is for, as the stacking rule compares them."""
    if person_id:
        return f"p:{person_id}"
    if unit_id:
        return f"u:{unit_id}"
    return f"h:{household}"
