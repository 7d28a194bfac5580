"""Award-kind catalog, base-salary table and province parameters: shipped as data under
``resources/catalog``, loaded into the database once, editable afterwards (never overwritten)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.api.catalog import AWARD_KIND_FIELDS
from desktop.api.catalog import AwardKindRow as AwardKindRow
from desktop.api.catalog import BaseSalaryRow as BaseSalaryRow
from desktop.api.catalog import ParameterRow as ParameterRow
from desktop.domain.enums import AwardCategory, AwardLevel, SubjectKind
from desktop.domain.errors import NotFoundError, StaleEditError, ValidationError
from desktop.models import AwardKind, BaseSalary, ProvinceParameter
from desktop.paths import resource_path
from desktop.services.common import get_active
from desktop.services.database import Database
from desktop.services.stale import stale_writes
from desktop.services.validation import Problems


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _json(name: str) -> dict[str, Any]:
    path: Path = resource_path("catalog", name)
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _kind_row(k: AwardKind) -> AwardKindRow:
    return AwardKindRow(
        k.id, k.code, k.name, k.short_name, AwardCategory(k.category), AwardLevel(k.level),
        tuple(SubjectKind(s) for s in k.subjects.split(",") if s), k.issuer,
        _dec(k.coef_individual), _dec(k.coef_collective), _dec(k.coef_household),
        k.legal_basis, k.legal_article, k.lineage, k.rank, k.valid_from, k.valid_to, k.note,
        version=k.version,
    )


def load_shipped_catalog(session: Session) -> dict[str, int]:
    """Insert catalog entries this database lacks; edited entries are left as the user made them."""
    added = {"award_kinds": 0, "base_salaries": 0, "province_parameters": 0}
    known_codes = set(session.scalars(select(AwardKind.code)))
    for item in _json("award_kinds.json")["award_kinds"]:
        if item["code"] in known_codes:
            continue
        coef = item.get("coef", {})
        session.add(AwardKind(
            code=item["code"], name=item["name"], short_name=item.get("short_name", ""),
            category=item["category"], level=item["level"], subjects=",".join(item["subjects"]),
            issuer=item.get("issuer", ""), coef_individual=coef.get("individual"),
            coef_collective=coef.get("collective"), coef_household=coef.get("household"),
            legal_basis=item.get("legal_basis", ""), legal_article=item.get("legal_article", ""),
            lineage=item.get("lineage", item["code"]), rank=item.get("rank", 0),
            valid_from=_date(item.get("valid_from")), valid_to=_date(item.get("valid_to")),
            note=item.get("note", ""),
        ))
        added["award_kinds"] += 1
    known_dates = set(session.scalars(select(BaseSalary.effective_from)))
    for item in _json("base_salaries.json")["base_salaries"]:
        effective = date.fromisoformat(item["effective_from"])
        if effective not in known_dates:
            session.add(BaseSalary(effective_from=effective, amount=item["amount"],
                                   legal_basis=item["legal_basis"]))
            added["base_salaries"] += 1
    known_keys = set(session.scalars(select(ProvinceParameter.key)))
    for item in _json("province_parameters.json")["province_parameters"]:
        if item["key"] not in known_keys:
            session.add(ProvinceParameter(key=item["key"], value=item["value"],
                                          label=item["label"], description=item["description"],
                                          source=item["source"]))
            added["province_parameters"] += 1
    return added


class CatalogService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def award_kinds(self, *, in_force_on: date | None = None) -> list[AwardKindRow]:
        with self._db.read() as s:
            kinds = s.scalars(select(AwardKind).where(AwardKind.deleted_at.is_(None))
                              .order_by(AwardKind.valid_to.is_not(None), AwardKind.rank,
                                        AwardKind.code))
            rows = [_kind_row(k) for k in kinds]
        if in_force_on is not None:
            rows = [r for r in rows if r.in_force_on(in_force_on)]
        return rows

    def award_kind(self, code: str) -> AwardKindRow:
        with self._db.read() as s:
            kind = s.scalars(select(AwardKind).where(AwardKind.code == code,
                                                     AwardKind.deleted_at.is_(None))).first()
            if kind is None:
                raise NotFoundError(f"Không có danh hiệu/hình thức khen thưởng mã “{code}”.")
            return _kind_row(kind)

    def update_award_kind(self, kind_id: int, changes: AwardKindRow, *,
                          expected_version: int | None = None) -> AwardKindRow:
        """Edit name, issuer, coefficients, legal basis and validity of a catalog entry; with
        ``expected_version`` (the ``version`` of the row the form was opened with) an entry
        someone else saved meanwhile is refused (``StaleEditError``)."""
        p = Problems()
        name = p.text(changes.name, "name", "Tên", required=True)
        short_name = p.text(changes.short_name, "short_name", "Tên viết tắt", max_length=60)
        issuer = p.text(changes.issuer, "issuer", "Cấp có thẩm quyền")
        for field, label in (("coef_individual", "Hệ số cá nhân"),
                             ("coef_collective", "Hệ số tập thể"),
                             ("coef_household", "Hệ số hộ gia đình")):
            value = getattr(changes, field)
            if value is not None and not (Decimal(0) <= value <= Decimal(500)):
                p.add(field, label, "phải từ 0 đến 500 lần mức lương cơ sở")
        if changes.valid_from and changes.valid_to and changes.valid_to < changes.valid_from:
            p.add("valid_to", "Hiệu lực đến", "phải sau ngày bắt đầu hiệu lực")
        p.raise_if_any()
        with self._db.session() as s:
            kind = get_active(s, AwardKind, kind_id, "danh hiệu/hình thức khen thưởng")
            if expected_version is not None and kind.version != expected_version:
                stored = _kind_row(kind)
                raise StaleEditError(AWARD_KIND_FIELDS.what, kind.name, expected_version,
                                     kind.version, AWARD_KIND_FIELDS.changes(replace(
                                         changes, name=name, short_name=short_name,
                                         issuer=issuer), stored))
            kind.name, kind.short_name, kind.issuer = name, short_name, issuer
            kind.coef_individual = changes.coef_individual  # type: ignore[assignment]
            kind.coef_collective = changes.coef_collective  # type: ignore[assignment]
            kind.coef_household = changes.coef_household  # type: ignore[assignment]
            kind.legal_basis, kind.legal_article = changes.legal_basis, changes.legal_article
            kind.valid_from, kind.valid_to, kind.note = (changes.valid_from, changes.valid_to,
                                                         changes.note)
            with stale_writes(AWARD_KIND_FIELDS, kind.name, expected_version):
                s.flush()
            return _kind_row(kind)

    def reset_award_kind(self, kind_id: int) -> AwardKindRow:
        """Put a catalog entry back to the shipped values (undo of the officer's edits)."""
        with self._db.read() as s:
            code = get_active(s, AwardKind, kind_id, "danh hiệu/hình thức khen thưởng").code
        shipped = {i["code"]: i for i in _json("award_kinds.json")["award_kinds"]}
        if code not in shipped:
            raise NotFoundError(f"Mục “{code}” do người dùng thêm, không có bản gốc để khôi phục.")
        item = shipped[code]
        coef = item.get("coef", {})
        current = self.award_kind(code)
        return self.update_award_kind(kind_id, replace(
            current, name=item["name"], short_name=item.get("short_name", ""),
            issuer=item.get("issuer", ""), coef_individual=_dec(coef.get("individual")),
            coef_collective=_dec(coef.get("collective")),
            coef_household=_dec(coef.get("household")), legal_basis=item.get("legal_basis", ""),
            legal_article=item.get("legal_article", ""), valid_from=_date(item.get("valid_from")),
            valid_to=_date(item.get("valid_to")), note=item.get("note", ""),
        ))

    # -- base salary ------------------------------------------------------------------------
    def base_salaries(self) -> list[BaseSalaryRow]:
        with self._db.read() as s:
            rows = s.scalars(select(BaseSalary).order_by(BaseSalary.effective_from))
            return [BaseSalaryRow(r.effective_from, r.amount, r.legal_basis) for r in rows]

    def base_salary_on(self, day: date) -> BaseSalaryRow:
        """The base salary in force on ``day`` (the decision's signing date, NĐ 152 Art 49.1)."""
        in_force = [r for r in self.base_salaries() if r.effective_from <= day]
        if not in_force:
            raise NotFoundError(f"Chưa có mức lương cơ sở áp dụng cho ngày {day:%d/%m/%Y}.")
        return in_force[-1]

    def set_base_salary(self, effective_from: date, amount: int, legal_basis: str) -> None:
        p = Problems()
        if not 100_000 <= amount <= 100_000_000:
            p.add("amount", "Mức lương cơ sở", "phải từ 100.000 đến 100.000.000 đồng")
        p.text(legal_basis, "legal_basis", "Căn cứ", required=True)
        p.raise_if_any()
        with self._db.session() as s:
            row = s.scalars(select(BaseSalary).where(
                BaseSalary.effective_from == effective_from)).first()
            if row is None:
                s.add(BaseSalary(effective_from=effective_from, amount=amount,
                                 legal_basis=legal_basis))
            else:
                row.amount, row.legal_basis = amount, legal_basis

    # -- province parameters ----------------------------------------------------------------
    def parameters(self) -> list[ParameterRow]:
        with self._db.read() as s:
            rows = s.scalars(select(ProvinceParameter).order_by(ProvinceParameter.key))
            return [ParameterRow(r.key, r.value, r.label, r.description, r.source) for r in rows]

    def parameter(self, key: str) -> Any:
        with self._db.read() as s:
            row = s.get(ProvinceParameter, key)
            if row is None:
                raise NotFoundError(f"Không có tham số “{key}”.")
            return row.value

    def set_parameter(self, key: str, value: Any) -> None:
        with self._db.session() as s:
            row = s.get(ProvinceParameter, key)
            if row is None:
                raise NotFoundError(f"Không có tham số “{key}”.")
            current = row.value
            if current is not None and type(value) is not type(current):
                raise ValidationError.single(
                    key, row.label,
                    f"kiểu giá trị phải giống giá trị mặc định ({type(current).__name__})",
                )
            row.value = value


def shipped_parameter(key: str) -> Any:
    """The shipped default of a province parameter (for databases set up before it existed)."""
    for item in _json("province_parameters.json")["province_parameters"]:
        if item["key"] == key:
            return item["value"]
    raise NotFoundError(f"Không có tham số “{key}”.")
