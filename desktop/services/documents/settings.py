"""Texts every document repeats (place name, grounds, recipients, fund): province parameters the
officer edits in the catalog screen, because several are set by each province or uncertain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop.models import ProvinceParameter
from desktop.services.catalog import shipped_parameter
from desktop.services.database import Database


@dataclass(frozen=True)
class DocumentSettings:
    place: str
    recipients: list[str]
    decision_grounds: list[str]
    submission_grounds: list[str]
    submit_to: str
    proposer: str
    fund_source: str

    @classmethod
    def load(cls, db: Database) -> DocumentSettings:
        keys = ("province_name", "document_place", "document_recipients", "decision_grounds",
                "submission_grounds", "submit_to", "proposer", "fund_source")
        with db.read() as s:
            stored = dict(s.execute(select(ProvinceParameter.key, ProvinceParameter.value)
                                    .where(ProvinceParameter.key.in_(keys))).all())

        def value(key: str) -> Any:
            return stored[key] if key in stored else shipped_parameter(key)

        return cls(place=value("document_place") or value("province_name"),
                   recipients=list(value("document_recipients")),
                   decision_grounds=list(value("decision_grounds")),
                   submission_grounds=list(value("submission_grounds")),
                   submit_to=value("submit_to"), proposer=value("proposer"),
                   fund_source=value("fund_source"))
