"""The data each template is filled with, already written the Vietnamese administrative way
(numbers, money in words, dates with leading zeros), so a template never needs a filter."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from desktop.api.documents import DEFAULT_NOTATION as DEFAULT_NOTATION
from desktop.api.documents import RenderOptions as RenderOptions
from desktop.domain.enums import (
    AwardCategory,
    Gender,
    InitiativeScope,
    MovementKind,
    NominationStatus,
    SignerCapacity,
    SubjectKind,
    UnitKind,
    UnitLevel,
)
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.vntext import fold
from desktop.models import (
    AwardKind,
    AwardRecord,
    CouncilMeeting,
    Decision,
    DecisionLine,
    Initiative,
    Movement,
    Nomination,
    Person,
    Registration,
    Round,
    Unit,
)
from desktop.services.blocs import BlocService
from desktop.services.catalog import AwardKindRow, CatalogService
from desktop.services.common import get_active
from desktop.services.council import CouncilService
from desktop.services.database import Database
from desktop.services.decisions import GROUP_ORDER, GROUP_TITLES, DecisionRow, DecisionService
from desktop.services.documents.registry import TemplateSpec
from desktop.services.documents.settings import DocumentSettings
from desktop.services.documents.vnformat import (
    date_long,
    date_short,
    document_number,
    format_number,
    money_in_words,
    percent,
    place_date,
)
from desktop.services.nominations import NominationQuery, NominationService

Context = dict[str, Any]


def expand_agency(name: str) -> str:
    """"UBND xã Bình Lư" → "Ủy ban nhân dân xã Bình Lư" (the header spells the name out)."""
    words = name.split()
    return " ".join("Ủy ban nhân dân" if w == "UBND" else "Hội đồng nhân dân" if w == "HĐND"
                    else w for w in words)


# Upper-case letters of 12-point Times New Roman that fit one line of the header's left
# column (7.2 cm less the cell margins): measured on the rendered PDF.
HEADER_LINE_CHARS = 25
# Phrases a clerk never breaks inside (the break goes before or after them).
_UNBROKEN = ("THI ĐUA - KHEN THƯỞNG", "VĂN HÓA - XÃ HỘI", "KINH TẾ - HẠ TẦNG")


def header_name(name: str, *, parent: bool = False) -> str:
    """Upper-case agency name for the header block, broken the way clerks break it: after the
    kind of body ("ỦY BAN NHÂN DÂN" / "TỈNH LAI CHÂU", "HỘI ĐỒNG" / "THI ĐUA - KHEN THƯỞNG"),
    never inside a place name or a fixed phrase — non-breaking spaces hold those together. The
    parent agency's line (``parent``) is abbreviated (UBND, HĐND) when it would not fit one
    line, as Decree 30 allows for the cơ quan chủ quản."""
    name = " ".join(name.upper().split())
    if parent and len(name) > HEADER_LINE_CHARS:
        name = name.replace("ỦY BAN NHÂN DÂN", "UBND").replace("HỘI ĐỒNG NHÂN DÂN", "HĐND")
    for phrase in _UNBROKEN:
        name = name.replace(phrase, phrase.replace(" ", "\u00a0"))
    for body in ("ỦY BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN ", "UBND ", "HĐND ", "HỘI ĐỒNG "):
        if name.startswith(body) and len(name) - len(body) <= 28:
            return body + name[len(body):].replace(" ", "\u00a0")
    return name


def signature_lines(capacity: SignerCapacity | str | None) -> tuple[str, str]:
    """(authority line, title line): ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") or ("", "CHỦ TỊCH")."""
    capacity = SignerCapacity(capacity) if capacity else SignerCapacity.CHAIRMAN
    first, _, second = capacity.label.partition(" / ")
    return ("", first) if not second else (first, second)


def _lines(items: list[str]) -> list[dict[str, str]]:
    return [{"dong": item} for item in items]


def _count_phrase(counts: dict[SubjectKind, int]) -> str:
    names = {SubjectKind.COLLECTIVE: "tập thể", SubjectKind.INDIVIDUAL: "cá nhân",
             SubjectKind.HOUSEHOLD: "hộ gia đình"}
    parts = [f"{counts[k]:02d} {names[k]}" for k in GROUP_ORDER if counts.get(k)]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " và " + parts[-1]
    return parts[0] if parts else "0 trường hợp"


def _group_counts(counts: dict[SubjectKind, int]) -> Context:
    return {"so_tap_the": format_number(counts.get(SubjectKind.COLLECTIVE, 0)),
            "so_ca_nhan": format_number(counts.get(SubjectKind.INDIVIDUAL, 0)),
            "so_ho_gia_dinh": format_number(counts.get(SubjectKind.HOUSEHOLD, 0)),
            "tom_tat_so_luong": _count_phrase(counts)}


class ContextBuilder:
    """Builds the context of one template for one target (round, decision, meeting…)."""

    def __init__(self, db: Database, settings: DocumentSettings, nominations: NominationService,
                 council: CouncilService, decisions: DecisionService,
                 blocs: BlocService) -> None:
        self._db = db
        self._settings = settings
        self._nominations = nominations
        self._council = council
        self._decisions = decisions
        self._blocs = blocs

    def build(self, spec: TemplateSpec, target_id: int, options: RenderOptions) -> Context:
        builder = {
            "to_trinh": self._submission, "quyet_dinh": self._decision,
            "bien_ban_hoi_dong": self._minutes, "bao_cao_thanh_tich_ca_nhan": self._report,
            "bao_cao_thanh_tich_tap_the": self._report, "giay_khen": self._certificates,
            "bang_khen": self._certificates, "dang_ky_thi_dua": self._registration,
            "bao_cao_tong_ket": self._movement_report, "ket_qua_khoi": self._bloc_result,
        }.get(spec.key)
        if builder is None:
            raise NotFoundError(f"Chưa có cách lấy dữ liệu cho mẫu “{spec.title}”.")
        return builder(spec, target_id, options)

    # -- shared parts -----------------------------------------------------------------------
    def _header(self, spec: TemplateSpec, year: int, options: RenderOptions,
                notation: str | None = None, sequence: int | None = None,
                on: date | None = None) -> Context:
        info = self._db.installation
        office = expand_agency(info.office_name if info else "")
        parent = info.parent_office_name if info else ""
        day = on or options.on or date.today()
        notation = notation or options.notation or DEFAULT_NOTATION.get(spec.key, "")
        place = self._settings.place
        return {"co_quan_cap_tren": header_name(expand_agency(parent), parent=True),
                "co_quan": header_name(office),
                "so_ky_hieu": document_number(sequence if sequence is not None
                                              else options.sequence, notation) if notation else "",
                "dia_danh": place, "ngay_thang": date_long(day),
                "dia_danh_ngay": place_date(place, day), "nam": str(year)}

    def _signature(self, name: str, capacity: SignerCapacity | str | None, *,
                   decision: bool = False) -> Context:
        authority, title = signature_lines(capacity)
        first = "Như Điều 3;" if decision else "Như trên;"
        return {"quyen_han_ky": authority, "chuc_vu_ky": title, "nguoi_ky": name,
                "noi_nhan": _lines([first, *self._settings.recipients])}

    def _authority(self, issuer: str) -> str:
        office = expand_agency(issuer or (self._db.installation.office_name
                                          if self._db.installation else ""))
        if not office.lower().startswith(("chủ tịch", "giám đốc", "thủ trưởng")):
            office = "Chủ tịch " + office
        return office.upper()

    # -- decision-based -------------------------------------------------------------------------
    def _decision_row(self, decision_id: int) -> DecisionRow:
        return self._decisions.get(decision_id)

    def _grouped(self, lines: list[Any], *, money: bool) -> list[Context]:
        groups = []
        for kind in GROUP_ORDER:
            rows = [line for line in lines if line.group is kind]
            if not rows:
                continue
            groups.append({
                "tieu_de": GROUP_TITLES[kind], "so_luong": format_number(len(rows)),
                "tong_tien": format_number(sum(r.amount for r in rows)) if money else "",
                "dong": [{"stt": str(i), "ten": r.subject_name, "chi_tiet": r.detail,
                          "hinh_thuc": r.award_name,
                          "he_so": format_number(r.coefficient) if money else "",
                          "so_tien": format_number(r.amount) if money else "",
                          "ghi_chu": r.pay_note if money else "",
                          "thanh_tich": getattr(r, "achievement", "")}
                         for i, r in enumerate(rows, start=1)]})
        return groups

    def _decision(self, spec: TemplateSpec, decision_id: int, options: RenderOptions) -> Context:
        """A signed decision as signed; a draft (no number, no signer's name, “(Dự thảo)”)
        priced, grounded and dated on the date it is rendered for: one date decides the law,
        the coefficients, the base salary shown and the total (which use the same base)."""
        with self._db.read() as s:  # only its date here: the lines are read once, below
            signed_on = get_active(s, Decision, decision_id, "quyết định khen thưởng").signed_on
        on = signed_on or options.on or date.today()
        d = self._decisions.get(decision_id, preview_on=on)
        achievement = self._achievement(d.round_id)
        awards = self._award_groups(d, on)
        phrases = [a["cum_tu"] for a in awards]
        award = _join_and(phrases) or "…"
        counts = Counter(line.group for line in d.lines)
        context = self._header(spec, d.year, options, d.notation,
                               d.sequence if d.signed else None, on)
        if not d.signed:
            context["so_ky_hieu"] = document_number(None, d.notation)
        context.update(self._signature(d.signer_name if d.signed else "", d.signer_capacity,
                                       decision=True))
        context.update(_group_counts(counts))
        total = d.total_amount
        base = d.base_salary or CatalogService(self._db).base_salary_on(on).amount
        tang = "; ".join(f"tặng {a['cum_tu']} cho {a['tom_tat']}" for a in awards) or "tặng …"
        context.update({
            "trich_yeu": d.subject_line or f"Về việc tặng {award} năm {d.year}",
            "tham_quyen": self._authority(d.issuer),
            "can_cu": _lines(self._settings.decision_grounds_on(on)),
            "theo_de_nghi": f"Theo đề nghị của {self._settings.proposer}.",
            "hinh_thuc": award, "thanh_tich": "đã có " + achievement,
            "tang": tang[:1].upper() + tang[1:],
            "du_thao": "" if d.signed else "(Dự thảo)",
            "chi_tu_quy": self._settings.fund_source,
            "ngay_ky": date_long(d.signed_on) if d.signed_on else date_long(None),
            "muc_luong_co_so": format_number(base),
            "tong_tien": format_number(total), "tong_tien_chu": money_in_words(total),
            "nhom": self._grouped(_with_notes(d.lines, on), money=True),
            "khen": [{k: v for k, v in a.items() if k != "cum_tu"} for a in awards],
        })
        return context

    def _award_groups(self, d: DecisionRow, on: date) -> list[Context]:
        """The list by award, highest first: “I. DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” (3)”, then its
        collectives, individuals and households, each line with its note."""
        catalog = CatalogService(self._db)
        kinds: dict[str, AwardKindRow | None] = {}
        for code in dict.fromkeys(line.award_code for line in d.lines):
            try:
                kinds[code] = catalog.award_kind(code)
            except NotFoundError:
                kinds[code] = None
        lines = _with_notes(d.lines, on)
        names = list(dict.fromkeys(line.award_name for line in lines))
        rank: dict[str, tuple[int, int, int]] = {}
        for line in lines:
            kind = kinds.get(line.award_code)
            # Titles (danh hiệu) before forms (hình thức), the higher first within each.
            rank.setdefault(line.award_name, (
                0 if kind is not None and kind.category is AwardCategory.TITLE else 1,
                -(kind.rank if kind else 0), names.index(line.award_name)))
        out = []
        for number, name in enumerate(sorted(names, key=lambda n: rank[n]), start=1):
            rows = [line for line in lines if line.award_name == name]
            kind = kinds.get(rows[0].award_code)
            title = kind is not None and kind.category is AwardCategory.TITLE
            phrase = f"danh hiệu “{name}”" if title else name
            counts = Counter(r.group for r in rows)
            groups = []
            for i, kind_group in enumerate((k for k in GROUP_ORDER if counts.get(k)), start=1):
                group_rows = [r for r in rows if r.group is kind_group]
                groups.append({
                    "tieu_de": f"{i}. {_GROUP_NAMES[kind_group]}",
                    "so_luong": format_number(len(group_rows)),
                    "tong_tien": format_number(sum(r.amount for r in group_rows)),
                    "dong": [{"stt": str(j), "ten": r.subject_name, "chi_tiet": r.detail,
                              "hinh_thuc": r.award_name, "he_so": format_number(r.coefficient),
                              "so_tien": format_number(r.amount), "ghi_chu": r.pay_note,
                              "thanh_tich": ""}
                             for j, r in enumerate(group_rows, start=1)]})
            out.append({"cum_tu": phrase,
                        "tieu_de": f"{_ROMAN[number - 1] if number <= len(_ROMAN) else number}. "
                                   f"{phrase.upper()}",
                        "so_luong": format_number(len(rows)), "tom_tat": _count_phrase(counts),
                        "tong_tien": format_number(sum(r.amount for r in rows)),
                        "nhom": groups})
        return out

    def _achievement(self, round_id: int) -> str:
        """"thành tích xuất sắc trong phong trào thi đua “…” năm 2026" (the movement when the
        round has one, else the year's tasks)."""
        with self._db.read() as s:
            round_ = get_active(s, Round, round_id, "đợt xét khen thưởng")
            movement = s.get(Movement, round_.movement_id) if round_.movement_id else None
            if movement is not None:
                return (f"thành tích xuất sắc trong phong trào thi đua “{movement.name}” năm "
                        f"{round_.year}")
            return f"thành tích xuất sắc trong thực hiện nhiệm vụ năm {round_.year}"

    def certificate_lines(self, key: str, decision_id: int) -> list[Any]:
        """The decision's lines a certificate template prints a sheet for: only its own award
        family (Giấy khen / Bằng khen), only once the decision is signed."""
        d = self._decision_row(decision_id)
        family = CERTIFICATE_FAMILIES[key]
        if not d.signed:
            raise ValidationError.single(
                "decision", f"In {family}",
                f"quyết định còn là dự thảo (chưa ký, chưa có số); chỉ in {family} cho quyết "
                "định đã ký")
        lines = [line for line in d.lines if fold(line.award_name).startswith(fold(family))]
        if not lines:
            awards = ", ".join(dict.fromkeys(line.award_name for line in d.lines)) or "không có"
            raise ValidationError.single(
                "decision", f"In {family}",
                f"Quyết định số {d.number} không tặng {family} cho ai (hình thức trong quyết "
                f"định: {awards}); không có trang nào để in")
        return lines

    def _certificates(self, spec: TemplateSpec, decision_id: int,
                      options: RenderOptions) -> Context:
        lines = self.certificate_lines(spec.key, decision_id)
        d = self._decision_row(decision_id)
        achievement = self._achievement(d.round_id)
        assert d.signed_on is not None
        context = self._header(spec, d.year, options, d.notation, d.sequence, d.signed_on)
        context.update(self._signature(d.signer_name, d.signer_capacity))
        context.update({
            "tham_quyen": self._authority(d.issuer),
            "thanh_tich": "Đã có " + achievement,
            "ds": [{"ten": line.subject_name, "chi_tiet": line.detail,
                    "hinh_thuc": line.award_name} for line in lines],
        })
        return context

    # -- round-based ----------------------------------------------------------------------------
    def _submission(self, spec: TemplateSpec, round_id: int, options: RenderOptions) -> Context:
        """Tờ trình: every nomination the council passed (Đã xét) or beyond."""
        with self._db.read() as s:
            round_ = get_active(s, Round, round_id, "đợt xét khen thưởng")
            name, year = round_.name, round_.year
            meeting = s.scalars(select(CouncilMeeting).where(
                CouncilMeeting.round_id == round_id, CouncilMeeting.deleted_at.is_(None))
                .order_by(CouncilMeeting.held_on.desc())).first()
            meeting_text = (f"Ngày {date_short(meeting.held_on)}, Hội đồng Thi đua - Khen thưởng "
                            f"đã họp xét với {meeting.present_members}/{meeting.total_members} "
                            "thành viên có mặt và biểu quyết đề nghị khen thưởng các trường hợp "
                            "trong danh sách kèm theo." if meeting else
                            "Hội đồng Thi đua - Khen thưởng đã họp xét các trường hợp trong danh "
                            "sách kèm theo.")
        query = NominationQuery(round_id)
        rows = [r for r in self._nominations.page(query, 0, self._nominations.count(query))
                if r.status in PASSED_STATUSES]
        if not rows:
            raise ValidationError.single(
                "round", "Tờ trình", "đợt chưa có đề nghị nào được Hội đồng xét đạt (trạng thái "
                "“Đã xét” trở đi); hãy họp Hội đồng trước khi lập tờ trình")
        lines = [_NominationLine(r) for r in rows]
        counts = Counter(line.group for line in lines)
        by_award = Counter(r.award_name for r in rows)
        info = self._db.installation
        route = submission_route(expand_agency(info.office_name if info else ""),
                                 options.recipient or self._settings.submit_to,
                                 self._settings.submission_office,
                                 UnitLevel(info.level) if info and info.level else None)
        notation = options.notation or (f"TTr-{route.notation}" if route.notation else None)
        context = self._header(spec, year, options, notation)
        context.update(self._signature(options.signer_name, options.signer_capacity))
        if route.sender:  # the staff office submits to its own chairman, its head signs
            context["co_quan_cap_tren"] = header_name(route.parent, parent=True)
            context["co_quan"] = header_name(route.sender)
            context.update(zip(("quyen_han_ky", "chuc_vu_ky"),
                               head_signature(route.sender_head, options.signer_capacity),
                               strict=True))
        context.update(_group_counts(counts))
        awards = ", ".join(by_award)
        context.update({
            "trich_yeu": f"Về việc đề nghị tặng {awards} năm {year}",
            "kinh_gui": route.recipient,
            "ten_dot": name,
            "can_cu": _lines(self._settings.submission_grounds_on(
                options.on or date.today())),
            "hop_hoi_dong": meeting_text, "tong_so": format_number(len(rows)),
            "theo_hinh_thuc": [{"hinh_thuc": k, "so_luong": format_number(v)}
                               for k, v in by_award.items()],
            "nhom": self._grouped(lines, money=False),
        })
        return context

    # -- meeting ------------------------------------------------------------------------------
    def _minutes(self, spec: TemplateSpec, meeting_id: int, options: RenderOptions) -> Context:
        with self._db.read() as s:
            m = get_active(s, CouncilMeeting, meeting_id, "cuộc họp Hội đồng")
            round_ = get_active(s, Round, m.round_id, "đợt xét khen thưởng")
            held_on, place, chair, secretary = m.held_on, m.place, m.chair, m.secretary
            total, present, round_name, year = (m.total_members, m.present_members, round_.name,
                                                round_.year)
        results = [r for r in self._council.results(meeting_id) if r.yes_votes is not None]
        context = self._header(spec, year, options, on=options.on or held_on)
        # The minutes are the council's: the office becomes the parent line.
        context["co_quan_cap_tren"] = header_name(context["co_quan"].replace("\u00a0", " "),
                                                  parent=True)
        context["co_quan"] = header_name("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG")
        passed = sum(1 for r in results if r.passed)
        context.update({
            "ten_dot": round_name, "ngay_hop": date_long(held_on), "dia_diem": place or "…",
            "chu_tri": chair or "…", "thu_ky": secretary or "…",
            "tong_thanh_vien": format_number(total), "co_mat": format_number(present),
            "vang": format_number(total - present), "so_dat": format_number(passed),
            "so_khong_dat": format_number(len(results) - passed),
            # The article each share rests on (NĐ 152/2025 Art 33.5, or the province's rule).
            "can_cu_ty_le": (" (" + "; ".join(dict.fromkeys(for_print(r.source) for r in results
                                                            if r.source)) + ")")
            if any(r.source for r in results) else "",
            "ket_qua": [{"stt": str(i), "ten": r.subject_name, "hinh_thuc": r.award_name,
                         "dong_y": str(r.yes_votes), "tong_so": str(r.total_members),
                         "ty_le": percent(r.percent), "ket_luan": "Đạt" if r.passed
                         else "Không đạt"} for i, r in enumerate(results, start=1)],
        })
        return context

    # -- one nomination -----------------------------------------------------------------------
    def _report(self, spec: TemplateSpec, nomination_id: int, options: RenderOptions) -> Context:
        with self._db.read() as s:
            n = get_active(s, Nomination, nomination_id, "đề nghị khen thưởng")
            kind = s.get(AwardKind, n.award_kind_id)
            round_ = s.get(Round, n.round_id)
            assert kind is not None and round_ is not None
            wants = spec.subjects[0] if spec.subjects else ""
            if wants == "ca_nhan" and n.person_id is None:
                raise ValidationError.single("template", spec.title,
                                             "mẫu này dành cho cá nhân; đề nghị đã chọn là của "
                                             "tập thể hoặc hộ gia đình")
            if wants == "tap_the" and n.unit_id is None:
                raise ValidationError.single("template", spec.title,
                                             "mẫu này dành cho tập thể; đề nghị đã chọn là của "
                                             "cá nhân hoặc hộ gia đình")
            context = self._header(spec, round_.year, options)
            period = _period(n.period_from, n.period_to, round_.year)
            context.update({"hinh_thuc_de_nghi": kind.name, "giai_doan": period,
                            "thanh_tich": n.achievement_summary or "…"})
            context.update(_history(s, n.person_id, n.unit_id,
                                    proposed=(n.award_kind_id, round_.year),
                                    until=options.on or date.today()))
            if n.person_id is not None:
                p = s.get(Person, n.person_id)
                assert p is not None
                unit = s.get(Unit, p.unit_id) if p.unit_id else None
                context.update({
                    "ho_ten": p.full_name, "gioi_tinh": Gender(p.gender).label,
                    "ngay_sinh": date_short(p.birth_date) or "…", "dan_toc": p.ethnicity,
                    "chuc_vu": p.position or "…", "don_vi": unit.name if unit else "…",
                    "sang_kien": _initiatives(s, p.id)})
                if unit is not None:
                    context.update(_unit_header(s, unit))
            else:
                unit = s.get(Unit, n.unit_id)
                assert unit is not None
                parent = s.get(Unit, unit.parent_id) if unit.parent_id else None
                context.update({"ten_don_vi": unit.name,
                                "don_vi_cap_tren": parent.name if parent else "…",
                                "loai_don_vi": UnitKind(unit.kind).label})
                context.update(_unit_header(s, unit))
        return context

    # -- registration -------------------------------------------------------------------------
    def _registration(self, spec: TemplateSpec, unit_id: int, options: RenderOptions) -> Context:
        year = options.year or (options.on or date.today()).year
        with self._db.read() as s:
            unit = get_active(s, Unit, unit_id, "đơn vị")
            rows = s.execute(
                select(Registration, AwardKind.name, Person.full_name, Person.position, Unit.name)
                .join(AwardKind, AwardKind.id == Registration.award_kind_id)
                .outerjoin(Person, Person.id == Registration.person_id)
                .outerjoin(Unit, Unit.id == Registration.unit_id)
                # What the unit-year grid and ``tdkt registrations`` record: the unit's own
                # registrations and those of its people still in it (not in the trash).
                .where(Registration.year == year, Registration.deleted_at.is_(None),
                       (Registration.unit_id == unit_id)
                       | ((Person.unit_id == unit_id) & Person.deleted_at.is_(None)))
                .order_by(Person.sort_key, Unit.name, AwardKind.rank)).all()
            unit_name = unit.name
            unit_header = _unit_header(s, unit)
        if not rows:
            raise ValidationError.single("registration", spec.title,
                                         f"{unit_name} chưa có đăng ký thi đua nào năm {year}")
        collectives = [r for r in rows if r[0].unit_id is not None]
        people = [r for r in rows if r[0].person_id is not None]
        context = self._header(spec, year, options)
        context.update(unit_header)
        context.update(self._signature(options.signer_name, options.signer_capacity))
        if options.signer_capacity is None:  # the unit's head signs its own registration
            context.update(quyen_han_ky="", chuc_vu_ky="THỦ TRƯỞNG ĐƠN VỊ")
        context.update({
            "don_vi": unit_name, "kinh_gui": options.recipient or self._settings.submit_to,
            "tap_the": [{"stt": str(i), "ten": r[4], "danh_hieu": r[1]}
                        for i, r in enumerate(collectives, start=1)],
            "ca_nhan": [{"stt": str(i), "ho_ten": r[2], "chuc_vu": r[3] or "",
                         "danh_hieu": r[1]} for i, r in enumerate(people, start=1)],
        })
        return context

    # -- bloc -----------------------------------------------------------------------------------
    def _bloc_result(self, spec: TemplateSpec, bloc_id: int, options: RenderOptions) -> Context:
        bloc = self._blocs.get(bloc_id)
        ranking = self._blocs.scores.ranking(bloc_id)
        rows = list(ranking.rows)
        flags = [r.unit_name for r in rows[:bloc.flag_count]]
        merits = [r.unit_name for r in rows[bloc.flag_count:bloc.flag_count + bloc.merit_count]]
        context = self._header(spec, bloc.year, options)
        kind = bloc.kind.label
        context.update({"co_quan_cap_tren": header_name(expand_agency(bloc.organiser_name), parent=True),
                        "co_quan": f"{kind} {_strip_kind(bloc.name, kind)}".upper()})
        context.update(self._signature(options.signer_name, options.signer_capacity))
        if options.signer_capacity is None:  # signed for the bloc by its head unit
            context.update(quyen_han_ky=f"TM. {kind.upper()}",
                           chuc_vu_ky="TRƯỞNG " + kind.split()[0].upper())
        context.update({
            "ten_khoi": bloc.name, "loai_khoi": kind, "truong_khoi": bloc.head_name or "…",
            "pho_khoi": bloc.deputy_name or "…",
            "ngay_giao_uoc": date_long(bloc.pledge_date) if bloc.pledge_date else "…",
            "tong_diem": format_number(bloc.total_points), "so_don_vi": format_number(len(rows)),
            "cach_tinh": ranking.basis.label.lower(),
            "tinh_trang": "Kết quả đã chốt: mọi đơn vị đã được khối chấm điểm." if
            ranking.complete else "Kết quả tạm thời: chưa chấm xong "
            + ", ".join(ranking.pending_units) + ".",
            "xep_hang": [{"hang": str(r.rank), "don_vi": r.unit_name,
                          "diem_tieu_chi": format_number(r.base), "diem_cong": format_number(r.bonus),
                          "diem_tru": format_number(r.penalty), "tong": format_number(r.total),
                          "ghi_chu": r.tie_note} for r in rows],
            "de_nghi_co": ", ".join(flags) or "không có",
            "de_nghi_bang_khen": ", ".join(merits) or "không có",
        })
        return context

    # -- movement -------------------------------------------------------------------------------
    def _movement_report(self, spec: TemplateSpec, movement_id: int,
                         options: RenderOptions) -> Context:
        """The movement's real figures over its period, counted in SQL: rounds, registrations,
        nominations by outcome, awards by form and level with money. A regular (yearly)
        movement covers the whole of its years — every round and registration not tied to
        another movement, every award recorded for those years; a thematic or phased one only
        what is tied to it (its rounds, their signed decisions, its registrations)."""
        with self._db.read() as s:
            m = get_active(s, Movement, movement_id, "phong trào thi đua")
            first, last = movement_years(m)
            regular = m.kind == MovementKind.REGULAR.value
            round_scope = Round.movement_id == m.id
            registration_scope = Registration.movement_id == m.id
            if regular:
                round_scope = round_scope | (Round.movement_id.is_(None)
                                             & Round.year.between(first, last))
                registration_scope = registration_scope | (
                    Registration.movement_id.is_(None) & Registration.year.between(first, last))
            round_ids = select(Round.id).where(round_scope, Round.deleted_at.is_(None))
            rounds = s.scalar(select(func.count()).select_from(round_ids.subquery())) or 0
            registered = dict(s.execute(
                select(Registration.unit_id.is_not(None), func.count())
                .where(registration_scope, Registration.deleted_at.is_(None))
                .group_by(Registration.unit_id.is_not(None))).all())
            by_status = dict(s.execute(
                select(Nomination.status, func.count())
                .where(Nomination.round_id.in_(round_ids), Nomination.deleted_at.is_(None))
                .group_by(Nomination.status)).all())
            awards = s.execute(_movement_awards(m.id, first, last, regular, round_ids)).all()
            name = m.name
            directive = " ".join(x for x in (
                f"số {m.directive_number}" if m.directive_number else "",
                f"ngày {date_short(m.directive_date)}" if m.directive_date else "",
                f"của {m.issuer}" if m.issuer else "") if x) or "…"
        table: dict[int, list[Any]] = {}
        unpriced = 0
        for kind_id, award, level, _rank, subject, count, amount, missing in awards:
            row = table.setdefault(kind_id, [award, level, 0, 0, 0, 0])
            row[2 + ("tap_the", "ca_nhan", "ho").index(subject)] += count
            row[5] += amount or 0
            unpriced += missing or 0
        rows = list(table.values())
        done = {NominationStatus.AWARDED.value}
        refused = {NominationStatus.REJECTED.value, NominationStatus.RETURNED.value,
                   NominationStatus.INELIGIBLE.value}
        total = sum(r[2] + r[3] + r[4] for r in rows)
        money = sum(r[5] for r in rows)
        period = f"năm {first}" if first == last else f"giai đoạn {first}-{last}"
        context = self._header(spec, m.year if not regular else last, options)
        context.update(self._signature(options.signer_name, options.signer_capacity))
        context.update({
            "ten_phong_trao": name, "tieu_de_phong_trao": movement_title(name),
            "van_ban_phat_dong": directive, "thoi_gian": period,
            "so_dot": format_number(rounds),
            "so_dang_ky": format_number(sum(registered.values())),
            "dang_ky_tap_the": format_number(registered.get(True, 0)),
            "dang_ky_ca_nhan": format_number(registered.get(False, 0)),
            "so_de_nghi": format_number(sum(by_status.values())),
            "de_nghi_da_khen": format_number(sum(v for k, v in by_status.items() if k in done)),
            "de_nghi_khong_khen": format_number(sum(v for k, v in by_status.items()
                                                    if k in refused)),
            "de_nghi_dang_xet": format_number(sum(v for k, v in by_status.items()
                                                  if k not in done | refused)),
            "thong_ke": [{"stt": str(i), "hinh_thuc": r[0], "cap": _LEVEL_SHORT.get(r[1], ""),
                          "tap_the": format_number(r[2]), "ca_nhan": format_number(r[3]),
                          "ho_gia_dinh": format_number(r[4]),
                          "tong": format_number(r[2] + r[3] + r[4]),
                          "so_tien": format_number(r[5])}
                         for i, r in enumerate(rows, start=1)],
            "tong_tap_the": format_number(sum(r[2] for r in rows)),
            "tong_ca_nhan": format_number(sum(r[3] for r in rows)),
            "tong_ho_gia_dinh": format_number(sum(r[4] for r in rows)),
            "tong_cong": format_number(total), "tong_tien": format_number(money),
            "ghi_chu_tien": (f" (chưa tính {format_number(unpriced)} lượt khen chưa ghi số tiền "
                             "thưởng)") if unpriced else "",
        })
        return context


def movement_years(m: Movement) -> tuple[int, int]:
    """The years a movement's report covers: its recorded period, else its year."""
    first = m.period_start.year if m.period_start else m.year
    last = m.period_end.year if m.period_end else m.year
    return first, max(first, last)


def _movement_awards(movement_id: int, first: int, last: int, regular: bool,
                     round_ids: Any) -> Any:
    """(kind id, name, level, rank, subject, count, money, lines without money) per award kind
    and subject kind, highest level and rank first."""
    if regular:
        subject = case((AwardRecord.unit_id.is_not(None), "tap_the"),
                       (AwardRecord.person_id.is_not(None), "ca_nhan"), else_="ho")
        query = (select(AwardKind.id, AwardKind.name, AwardKind.level, AwardKind.rank, subject,
                        func.count(), func.sum(func.coalesce(AwardRecord.amount, 0)),
                        func.sum(case((AwardRecord.amount.is_(None), 1), else_=0)))
                 .join(AwardKind, AwardKind.id == AwardRecord.award_kind_id)
                 .where(AwardRecord.year.between(first, last), AwardRecord.deleted_at.is_(None)))
    else:
        subject = case((Nomination.unit_id.is_not(None), "tap_the"),
                       (Nomination.person_id.is_not(None), "ca_nhan"), else_="ho")
        query = (select(AwardKind.id, AwardKind.name, AwardKind.level, AwardKind.rank, subject,
                        func.count(), func.sum(func.coalesce(DecisionLine.amount, 0)),
                        func.sum(case((DecisionLine.amount.is_(None), 1), else_=0)))
                 .select_from(DecisionLine)
                 .join(Decision, Decision.id == DecisionLine.decision_id)
                 .join(Nomination, Nomination.id == DecisionLine.nomination_id)
                 .join(AwardKind, AwardKind.id == Nomination.award_kind_id)
                 .where(Decision.round_id.in_(round_ids), Decision.status == "signed",
                        Decision.deleted_at.is_(None)))
    level_order = case({"nha_nuoc": 0, "tinh": 1, "co_so": 2}, value=AwardKind.level, else_=3)
    return (query.group_by(AwardKind.id, AwardKind.name, AwardKind.level, AwardKind.rank, subject)
            .order_by(level_order, AwardKind.rank.desc(), AwardKind.name))


def movement_title(name: str) -> str:
    """What follows "Tổng kết" in the report's title, written once and quoted once:
    "Phong trào thi đua thực hiện thắng lợi…" → "phong trào thi đua thực hiện thắng lợi…";
    "Thi đua dạy tốt, học tốt" → "phong trào thi đua “Dạy tốt, học tốt”";
    "Phong trào thi đua “Dân vận khéo”" → "phong trào thi đua “Dân vận khéo”"."""
    text = " ".join(name.split()).strip(_QUOTES + " ")
    described = False
    for prefix in ("phong trào thi đua", "phong trào", "thi đua"):
        if fold(text).startswith(fold(prefix) + " "):
            described = described or fold(prefix).startswith("phong trao")
            text = text[len(prefix):].strip()
    if not text:
        return "phong trào thi đua"
    if text[0] in _QUOTES:
        return f"phong trào thi đua “{text.strip(_QUOTES + ' ')}”"
    if described:
        return f"phong trào thi đua {text}"
    return f"phong trào thi đua “{text[:1].upper()}{text[1:]}”"


@dataclass(frozen=True)
class SubmissionRoute:
    """Who a tờ trình comes from and goes to. ``sender`` is empty when the office itself
    submits (to the level above, signed by its chairman)."""

    recipient: str
    parent: str = ""
    sender: str = ""
    sender_head: str = ""
    notation: str = ""


def submission_route(office: str, recipient: str, staff_office: str,
                     level: UnitLevel | None) -> SubmissionRoute:
    """A tờ trình goes to the level above, never to its own signer. When it is addressed to
    the office's own chairman (a province's tờ trình to the Chủ tịch UBND tỉnh, which is how
    every province-level award is proposed), it comes from the office that advises on
    emulation work — the Sở Nội vụ at the province — and its head signs it."""
    asked = fold(expand_agency(recipient)).removeprefix("chu tich ")
    own = bool(office) and bool(asked) and (fold(office).startswith(asked)
                                            or asked.startswith("hoi dong thi dua"))
    if not own:
        return SubmissionRoute(recipient)
    sender = staff_office or ("Sở Nội vụ" if level is UnitLevel.PROVINCE else
                              "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân")
    return SubmissionRoute(recipient, parent=office, sender=sender,
                           sender_head=_head_title(sender), notation=_initials(sender))


def _head_title(body: str) -> str:
    folded = fold(body)
    for prefix, title in (("so ", "Giám đốc"), ("van phong", "Chánh Văn phòng"),
                          ("phong ", "Trưởng phòng"), ("ban ", "Trưởng ban")):
        if folded.startswith(prefix):
            return title
    return "Thủ trưởng cơ quan"


def head_signature(head: str, capacity: SignerCapacity | str | None) -> tuple[str, str]:
    """("", "GIÁM ĐỐC"), or ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC") when a deputy signs."""
    capacity = SignerCapacity(capacity) if capacity else SignerCapacity.CHAIRMAN
    if capacity is SignerCapacity.VICE_FOR_CHAIRMAN:
        return f"KT. {head.upper()}", f"PHÓ {head.upper()}"
    return "", head.upper()


def _initials(body: str) -> str:
    """"Sở Nội vụ" → "SNV" (the ký hiệu of its papers); "Văn phòng …" → "VP"."""
    if fold(body).startswith("van phong"):
        return "VP"
    return "".join(word[0].upper() for word in body.split() if word[0].isalpha()
                   and word.lower() != "và")


PASSED_STATUSES = frozenset({NominationStatus.VOTED, NominationStatus.AWARDED})
CERTIFICATE_FAMILIES = {"giay_khen": "Giấy khen", "bang_khen": "Bằng khen"}
_GROUP_NAMES = {SubjectKind.COLLECTIVE: "Tập thể", SubjectKind.INDIVIDUAL: "Cá nhân",
                SubjectKind.HOUSEHOLD: "Hộ gia đình"}
_QUOTES = "“”\"'"
_LEVEL_SHORT = {"nha_nuoc": "Nhà nước", "tinh": "Tỉnh, bộ, ngành", "co_so": "Cơ sở"}
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def for_print(citation: str) -> str:
    """A citation as a signed paper prints it: the app's "– chưa chắc chắn" (a note to the
    officer that the province should confirm the rule) stays on screen, off the paper."""
    return re.sub(r"\s*[–-]\s*chưa chắc chắn\s*$", "", citation)


def _join_and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " và " + items[-1] \
        if items else ""


def _stacking_rule(on: date) -> str:
    """Where the "only the highest title of one period is paid" rule is, on that date."""
    if on >= date(2025, 7, 1):
        return "NĐ 152/2025 Điều 49"
    return "NĐ 98/2023" if on >= date(2024, 1, 1) else "NĐ 91/2017"


def _with_notes(lines: Any, on: date) -> list[Any]:
    """A line paid 0 by the stacking rule names the title that is paid instead."""
    out = []
    for line in lines:
        if not line.paid and line.amount == 0:
            paid = next((x.award_name for x in lines if x.paid and x.amount and x.group is
                         line.group and x.subject_name == line.subject_name and x.detail ==
                         line.detail and x is not line), "")
            rule = _stacking_rule(on)
            note = (f"Không chi tiền: cùng thời kỳ đã chi theo danh hiệu “{paid}” ({rule})"
                    if paid else
                    f"Không chi tiền: cùng thời kỳ với danh hiệu cao hơn ({rule})")
            line = replace(line, pay_note=note)
        out.append(line)
    return out


class _NominationLine:
    """A nomination shaped like a decision line, for the tờ trình's grouped list."""

    def __init__(self, row: Any) -> None:
        self.group = row.subject_kind
        self.subject_name = row.subject_name
        self.detail = row.subject_detail
        self.award_name = row.award_name
        self.achievement = row.achievement_summary
        self.amount = 0
        self.coefficient = 0
        self.pay_note = ""


def _strip_kind(name: str, kind: str) -> str:
    """"Khối thi đua các sở" shown after "KHỐI THI ĐUA" would say it twice."""
    for prefix in (kind, kind.split()[0]):
        if name.lower().startswith(prefix.lower() + " "):
            return name[len(prefix) + 1:]
    return name


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _period(start: date | None, end: date | None, year: int) -> str:
    if start and end:
        if start.year == end.year:
            return f"năm {end.year}"
        return f"từ năm {start.year} đến năm {end.year}"
    return f"năm {year}"


def _unit_header(s: Session, unit: Unit) -> Context:
    """A report or registration is the unit's own paper: its name heads the page, under its
    parent's."""
    parent = s.get(Unit, unit.parent_id) if unit.parent_id else None
    if parent is None:
        return {"co_quan_cap_tren": "", "co_quan": header_name(expand_agency(unit.name))}
    parent_name = expand_agency(parent.name)
    return {"co_quan_cap_tren": header_name(parent_name, parent=True),
            "co_quan": header_name(without_parent_place(expand_agency(unit.name),
                                                        parent_name))}


def without_parent_place(name: str, parent: str) -> str:
    """"Phòng Văn hóa - Xã hội xã Bình Lư" under "Ủy ban nhân dân xã Bình Lư" heads its paper
    "PHÒNG VĂN HÓA - XÃ HỘI": the line above already names the place. A proper name that
    only ends like the place ("Trường Tiểu học Bình Lư") keeps it."""
    for body in ("Ủy ban nhân dân ", "Hội đồng nhân dân "):
        if parent.startswith(body):
            place = parent[len(body):]
            if fold(name).endswith(" " + fold(place)) and len(name) > len(place) + 1:
                return name[:len(name) - len(place)].rstrip(" ,-")
    return name


def _history(s: Session, person_id: int | None, unit_id: int | None, *,
             proposed: tuple[int, int] | None = None, until: date | None = None) -> Context:
    """Section III: titles and awards already received by the report's date, oldest first —
    never the award the report proposes (that kind in that year), even once its decision is
    signed and recorded, nor one decided after the day the report is dated."""
    query = (select(AwardRecord, AwardKind).join(AwardKind, AwardKind.id ==
                                                 AwardRecord.award_kind_id)
             .where(AwardRecord.deleted_at.is_(None)))
    if proposed is not None:
        kind_id, year = proposed
        query = query.where(~((AwardRecord.award_kind_id == kind_id)
                              & (AwardRecord.year == year)))
    if until is not None:
        query = query.where(AwardRecord.year <= until.year,
                            AwardRecord.decision_date.is_(None)
                            | (AwardRecord.decision_date <= until))
    query = query.where(AwardRecord.person_id == person_id) if person_id is not None \
        else query.where(AwardRecord.unit_id == unit_id)
    titles: list[dict[str, str]] = []
    awards: list[dict[str, str]] = []
    for record, kind in s.execute(query.order_by(AwardRecord.year, AwardKind.rank)):
        decision = " ".join(x for x in (record.decision_number,
                                        f"ngày {date_short(record.decision_date)}"
                                        if record.decision_date else "") if x)
        row = {"nam": str(record.year), "ten": kind.name, "so_quyet_dinh": decision,
               "co_quan": record.issuer}
        (titles if kind.category == AwardCategory.TITLE.value else awards).append(row)
    return {"danh_hieu": titles, "khen_thuong": awards}


def _initiatives(s: Session, person_id: int) -> list[Context]:
    rows = s.scalars(select(Initiative).where(Initiative.person_id == person_id,
                                              Initiative.deleted_at.is_(None))
                     .order_by(Initiative.year))
    return [{"nam": str(i.year), "ten": i.title, "pham_vi": InitiativeScope(i.scope).label,
             "so_quyet_dinh": " ".join(x for x in (
                 i.decision_number,
                 f"ngày {date_short(i.decision_date)}" if i.decision_date else "") if x)}
            for i in rows]

