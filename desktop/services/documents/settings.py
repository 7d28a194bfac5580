"""Texts every document repeats (place name, grounds, recipients, fund): province parameters the
officer edits in the catalog screen, because several are set by each province or uncertain."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import select

from desktop.domain.vntext import fold
from desktop.models import ProvinceParameter
from desktop.paths import resource_path
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
    submission_office: str = ""

    def decision_grounds_on(self, day: date) -> list[str]:
        """The decision's Căn cứ lines as they read on ``day`` (the signing date)."""
        return grounds_on(self.decision_grounds, day)

    def submission_grounds_on(self, day: date) -> list[str]:
        return grounds_on(self.submission_grounds, day)

    @classmethod
    def load(cls, db: Database) -> DocumentSettings:
        keys = ("province_name", "document_place", "document_recipients", "decision_grounds",
                "submission_grounds", "submit_to", "proposer", "fund_source",
                "submission_office")
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
                   fund_source=value("fund_source"),
                   submission_office=value("submission_office"))


@cache
def _legal_grounds() -> tuple[tuple[tuple[str, ...], tuple[tuple[date | None, date | None, str], ...]], ...]:
    """resources/catalog/legal_grounds.json: families of laws, each with its dated versions."""
    data = json.loads(resource_path("catalog", "legal_grounds.json").read_text(encoding="utf-8"))
    return tuple(
        (tuple(fold(m) for m in item["match"]),
         tuple((date.fromisoformat(v["valid_from"]) if v["valid_from"] else None,
                date.fromisoformat(v["valid_to"]) if v["valid_to"] else None, v["text"])
               for v in item["versions"]))
        for item in data["legal_grounds"])


def grounds_on(lines: list[str], day: date) -> list[str]:
    """Each line that cites a law or decree of a dated family (Luật Tổ chức chính quyền địa
    phương 2015/2019 → 2025; NĐ 91/2017 → 98/2023 → 152/2025; Luật Thi đua, khen thưởng 2003 →
    2022) becomes the version in force on ``day``; a family is cited once; other lines (the
    province's own rules) stay as the officer wrote them."""
    out: list[str] = []
    seen: set[int] = set()
    families = _legal_grounds()
    for line in lines:
        folded = fold(line)
        # The law a line cites is the one named first: a decree's line ends "… của Luật Thi
        # đua, khen thưởng" and is still the decree's.
        found = [(folded.find(m), i) for i, (matches, _) in enumerate(families)
                 for m in matches if m in folded]
        family = min(found)[1] if found else None
        if family is None:
            out.append(line)
            continue
        if family in seen:
            continue
        seen.add(family)
        text = next((t for start, end, t in families[family][1]
                     if (start is None or start <= day) and (end is None or day <= end)), None)
        if text:
            out.append(text)
    return out
