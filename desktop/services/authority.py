"""Who may award what (Luật TĐKT 2022 Art 77–80, 75), and the council's vote thresholds set by
law (NĐ 152/2025 Art 33.5), read from ``resources/catalog/legal_rules.json``.

A decision's issuer is free text ("Chủ tịch UBND tỉnh Lai Châu", "Ủy ban nhân dân xã Tân
Phong", "Giám đốc Sở Nội vụ"): it is recognised by the phrases each authority lists, compared
without case or diacritics and with "Ủy ban nhân dân" read as "UBND". The first authority named
in the text is the issuer's own ("Chủ tịch UBND xã A, tỉnh B" is a commune); among phrases found
at the same place the longest wins ("Giám đốc Công an" over "Giám đốc"). An issuer no phrase
matches is not judged: the warning is for a recognised authority that the law does not name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from desktop.domain.vntext import fold
from desktop.paths import resource_path

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold_issuer(text: str) -> str:
    """Lower case, no diacritics, punctuation as spaces, "ủy ban nhân dân" as "ubnd"."""
    folded = _NOT_WORD.sub(" ", fold(text)).strip()
    return f" {folded} ".replace(" uy ban nhan dan ", " ubnd ").strip()


@dataclass(frozen=True)
class Authority:
    key: str
    label: str
    phrases: tuple[str, ...]
    valid_to: date | None = None
    ended: str = ""

    def in_force(self, on: date) -> bool:
        return self.valid_to is None or on <= self.valid_to


@dataclass(frozen=True)
class AwardAuthority:
    lineages: frozenset[str]
    authorities: tuple[str, ...]
    article: str
    province_parameter: str = ""
    province_from: date | None = None


@dataclass(frozen=True)
class LegalRules:
    authorities: dict[str, Authority]
    awards: tuple[AwardAuthority, ...]
    laws: tuple[dict[str, Any], ...]
    votes: dict[str, Any]

    def award(self, lineage: str) -> AwardAuthority | None:
        return next((a for a in self.awards if lineage in a.lineages), None)

    def law_citation(self, article: str, on: date) -> str:
        """"Luật TĐKT 2022, Điều 80" for the law in force on ``on``; the old law by chapter."""
        for law in self.laws:
            start, end = _date(law.get("valid_from")), _date(law.get("valid_to"))
            if (start is None or start <= on) and (end is None or on <= end):
                if law.get("by_article"):
                    return f"{law['name']}, {article}"
                return f"{law['name']}, {law.get('chapter', '')}".rstrip(", ")
        return article

    def classify(self, issuer: str) -> Authority | None:
        """The authority the issuer text names first (longest phrase at that place)."""
        text = f" {fold_issuer(issuer)} "
        best: tuple[int, int, Authority] | None = None
        for authority in self.authorities.values():
            for phrase in authority.phrases:
                at = text.find(f" {phrase} ")
                if at >= 0 and (best is None or (at, -len(phrase)) < (best[0], best[1])):
                    best = (at, -len(phrase), authority)
        return best[2] if best else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@lru_cache(maxsize=1)
def legal_rules() -> LegalRules:
    raw = json.loads(resource_path("catalog", "legal_rules.json").read_text(encoding="utf-8"))
    authorities = {
        a["key"]: Authority(a["key"], a["label"],
                            tuple(fold_issuer(m) for m in a["match"]),
                            _date(a.get("valid_to")), a.get("ended", ""))
        for a in raw["authorities"]}
    awards = tuple(AwardAuthority(frozenset(a["lineages"]), tuple(a["authorities"]),
                                  a["article"], a.get("province_parameter", ""),
                                  _date(a.get("province_from")))
                   for a in raw["awards"])
    return LegalRules(authorities, awards, tuple(raw["laws"]), raw["council_votes"])


def _join(labels: list[str]) -> str:
    """"A", "A hoặc B", "A; B hoặc C" (labels may hold commas themselves)."""
    if len(labels) <= 1:
        return "".join(labels)
    return "; ".join(labels[:-1]) + " hoặc " + labels[-1]


def authority_warning(issuer: str, lineage: str, award_name: str, is_title: bool, on: date,
                      province_issuers: list[str] | None = None) -> str | None:
    """One Vietnamese sentence when ``issuer`` is a recognised authority the law does not name
    for the award on ``on``; None when it is one of them, or not recognised, or the award has
    no authority in the data. ``province_issuers``: the province's list (``giay_khen_issuers``)
    where the award reads one from its date."""
    rules = legal_rules()
    award = rules.award(lineage)
    found = rules.classify(issuer)
    if award is None or found is None:
        return None
    citation = rules.law_citation(award.article, on)
    labels = [rules.authorities[k].label for k in award.authorities
              if rules.authorities[k].in_force(on)]
    allowed = {k for k in award.authorities if rules.authorities[k].in_force(on)}
    if award.province_parameter and province_issuers and award.province_from \
            and on >= award.province_from:
        named = [(text, rules.classify(text)) for text in province_issuers if text.strip()]
        allowed = {a.key for _text, a in named if a is not None}
        labels = [text for text, _a in named]
        citation = f"quy định của tỉnh; {citation}"
    if found.key in allowed:
        return None
    what = f"Danh hiệu “{award_name}”" if is_title else f"“{award_name}”"
    ended = f"; {found.ended}" if not found.in_force(on) and found.ended else ""
    return (f"{what} do {_join(labels)} tặng ({citation}), không phải “{issuer}” như cơ quan "
            f"ban hành quyết định ghi{ended}; cần kiểm tra lại thẩm quyền.")


def statutory_vote(lineage: str) -> int | None:
    """The least share of ALL council members the law itself requires (NĐ 152 Art 33.5)."""
    value = legal_rules().votes["statutory_percent"].get(lineage)
    return int(value) if value is not None else None
