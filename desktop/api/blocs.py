"""Emulation blocs at the typed boundary: what the bloc services take and return, and the
pure rules the screens apply to it.

Plain frozen dataclasses (never ORM objects), points as exact decimals, the tie-break rule
labels and the score-sheet workflow; no SQL, no Qt. Every field a view needs to decide what to
show or allow (statuses, what may be edited, reasons) is here, so no view has to ask the
database anything on its own. ``desktop.services.blocs`` imports these names back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from desktop.api.changes import RecordFields, show_value
from desktop.api.money import format_money
from desktop.domain.enums import (
    BlocKind,
    CriterionKind,
    ScoreBasis,
    SheetStatus,
    TargetDirection,
    TargetFormula,
)

Number = Decimal | int | float | str

# Configurable tie-break rules, applied in order after the legal one (NĐ 152/2025 Điều 4
# khoản 6: a collective with at least 70% women comes first), which always applies first.
DEFAULT_TIE_RULES: tuple[str, ...] = ("first_group", "fewer_penalty", "more_bonus")


# -- blocs and members ------------------------------------------------------------------------
@dataclass(frozen=True)
class BlocInput:
    name: str
    kind: BlocKind | str
    year: int
    organiser_unit_id: int | None = None
    head_unit_id: int | None = None
    deputy_unit_id: int | None = None
    pledge_date: date | None = None
    pledge_note: str = ""
    total_points: Number = Decimal(100)
    flag_count: int = 1
    merit_count: int = 2
    tie_rules: tuple[str, ...] = DEFAULT_TIE_RULES
    note: str = ""


@dataclass(frozen=True)
class BlocRow:
    id: int
    uuid: str
    name: str
    kind: BlocKind
    year: int
    organiser_unit_id: int | None
    organiser_name: str
    head_unit_id: int | None
    head_name: str
    deputy_unit_id: int | None
    deputy_name: str
    pledge_date: date | None
    pledge_note: str
    total_points: Decimal
    flag_count: int
    merit_count: int
    tie_rules: tuple[str, ...]
    note: str
    member_count: int = 0
    criterion_count: int = 0
    version: int = 1


@dataclass(frozen=True)
class MemberInput:
    unit_id: int
    women_share: Number | None = None  # percent; None: counted from the unit's people
    note: str = ""


@dataclass(frozen=True)
class MemberRow:
    id: int
    unit_id: int
    unit_name: str
    unit_code: str
    position: int
    women_share: Decimal | None  # as typed for the bloc
    women_share_effective: Decimal | None  # typed, else counted from the unit's people
    women_share_source: str  # "nhập cho khối", "theo danh sách cá nhân của đơn vị" or ""
    note: str
    sheet_status: SheetStatus
    version: int = 1


# -- criteria -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Tier:
    """A level of a tiered target formula: from this percent of the plan, these points."""

    from_percent: Decimal
    points: Decimal


@dataclass(frozen=True)
class CriterionInput:
    """One node of a criteria table; the parent is named by its code ("" for a top group)."""

    code: str
    name: str
    max_points: Number
    kind: CriterionKind | str = CriterionKind.MANUAL
    parent_code: str = ""
    cap: Number | None = None
    formula: TargetFormula | str | None = None
    direction: TargetDirection | str = TargetDirection.HIGHER_BETTER
    tiers: tuple[Tier, ...] = ()
    indicator: str = ""
    basis: str = ""
    evidence_required: bool = False
    position: int | None = None  # among its siblings, from 1; None: after the last


@dataclass(frozen=True)
class CriterionRow:
    id: int
    uuid: str
    bloc_id: int
    parent_id: int | None
    parent_code: str
    code: str
    name: str
    depth: int  # 0 for a top group
    position: int
    max_points: Decimal
    kind: CriterionKind
    cap: Decimal | None
    formula: TargetFormula | None
    direction: TargetDirection
    tiers: tuple[Tier, ...]
    indicator: str
    basis: str
    evidence_required: bool
    is_group: bool  # has sub-criteria: its points are the sum of theirs
    version: int = 1

    @property
    def limit(self) -> Decimal:
        """The most this node can count: its max points, or its cap when that is lower."""
        return self.max_points if self.cap is None else min(self.max_points, self.cap)


@dataclass(frozen=True)
class TableProblem:
    """Something that makes a criteria table inconsistent; ``code`` names the criterion."""

    code: str
    message: str

    def __str__(self) -> str:
        return f"Tiêu chí {self.code}: {self.message}" if self.code else self.message


@dataclass(frozen=True)
class CriteriaTable:
    bloc_id: int
    total_points: Decimal
    rows: tuple[CriterionRow, ...]  # depth first, in order: as the table is printed
    problems: tuple[TableProblem, ...]
    locked: bool = False  # a published sheet freezes the table
    locked_reason: str = ""

    @property
    def is_valid(self) -> bool:
        return not self.problems


# -- targets ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class UnitTargetInput:
    unit_id: int
    year: int
    indicator: str
    measure_unit: str = ""
    planned_value: float | None = None
    actual_value: float | None = None
    direction: TargetDirection | str = TargetDirection.HIGHER_BETTER
    movement_target_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class UnitTargetRow:
    id: int
    unit_id: int
    unit_name: str
    year: int
    indicator: str
    measure_unit: str
    planned_value: float | None
    actual_value: float | None
    direction: TargetDirection
    movement_target_id: int | None
    note: str
    achieved: bool | None  # None: no plan or no actual figure yet
    percent: Decimal | None  # completion in percent of the plan
    explanation: str
    version: int = 1
    not_applicable: bool = False  # "không áp dụng": neither met nor missed


# -- scores -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ScoreEntry:
    """One cell typed or pasted: ``value`` None clears it."""

    unit_id: int
    criterion_id: int
    which: ScoreBasis
    value: Number | None


@dataclass(frozen=True)
class ScoreWriteResult:
    saved: int
    problems: tuple[FieldProblemRow, ...] = ()


@dataclass(frozen=True)
class FieldProblemRow:
    """A refused cell: ``field`` is "unit_id:criterion_id:self|reviewed" for the grid."""

    field: str
    label: str
    message: str
    unit_id: int | None = None
    criterion_id: int | None = None


@dataclass(frozen=True)
class ScoreCell:
    criterion_id: int
    unit_id: int
    self_score: Decimal | None
    reviewed_score: Decimal | None
    evidence_note: str = ""
    computed: bool = False  # target-based: both scores come from the unit's target
    explanation: str = ""  # why a computed score is what it is
    attachment_count: int = 0

    @property
    def effective(self) -> Decimal | None:
        """What the bloc counts: its own score where it re-scored, else the self-score."""
        return self.reviewed_score if self.reviewed_score is not None else self.self_score


@dataclass(frozen=True)
class SheetRow:
    """A member unit's column in the scoring grid."""

    unit_id: int
    unit_name: str
    unit_code: str
    status: SheetStatus
    can_edit_self: bool
    can_edit_reviewed: bool
    self_total: Decimal
    reviewed_total: Decimal


@dataclass(frozen=True)
class ScoreGrid:
    bloc: BlocRow
    criteria: tuple[CriterionRow, ...]
    sheets: tuple[SheetRow, ...]
    cells: dict[tuple[int, int], ScoreCell] = field(default_factory=dict)
    table_problems: tuple[TableProblem, ...] = ()

    def cell(self, criterion_id: int, unit_id: int) -> ScoreCell:
        return self.cells.get((criterion_id, unit_id)) or ScoreCell(criterion_id, unit_id,
                                                                     None, None)


@dataclass(frozen=True)
class SheetEventRow:
    unit_id: int
    from_status: SheetStatus | None
    to_status: SheetStatus
    actor: str
    at: datetime
    note: str


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    sha256: str
    file_name: str
    size: int
    description: str


# -- votes and ranking --------------------------------------------------------------------------
@dataclass(frozen=True)
class VoteInput:
    unit_id: int
    yes_votes: int
    members_present: int
    held_on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class VoteRow:
    id: int
    unit_id: int
    unit_name: str
    yes_votes: int
    members_present: int
    held_on: date | None
    note: str

    @property
    def share(self) -> Decimal:
        if not self.members_present:
            return Decimal(0)
        return Decimal(self.yes_votes * 100) / Decimal(self.members_present)


@dataclass(frozen=True)
class GroupScore:
    code: str
    name: str
    kind: CriterionKind
    points: Decimal


@dataclass(frozen=True)
class RankedUnit:
    rank: int
    unit_id: int
    unit_name: str
    total: Decimal
    base: Decimal  # points of the scored criteria (out of the bloc's total)
    bonus: Decimal  # after caps
    penalty: Decimal  # after caps; subtracted
    groups: tuple[GroupScore, ...]
    women_share: Decimal | None
    women_priority: bool  # ≥ 70% women (NĐ 152/2025 Điều 4 khoản 6)
    votes: int | None
    tie_note: str = ""  # how a tie on points was settled, or that it was not


@dataclass(frozen=True)
class Ranking:
    bloc_id: int
    basis: ScoreBasis
    rows: tuple[RankedUnit, ...]
    tie_rules: tuple[str, ...]
    complete: bool  # every member's sheet is reviewed or published
    pending_units: tuple[str, ...] = ()  # members whose sheets are not reviewed yet
    problems: tuple[str, ...] = ()  # table problems and tie rules that could not apply


# -- proposals ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProposalLine:
    unit_id: int
    unit_name: str
    rank: int
    award_code: str
    award_name: str
    nomination_id: int | None
    outcome: str  # "created", "updated", "unchanged", "kept"
    note: str = ""


@dataclass(frozen=True)
class ProposalResult:
    bloc_id: int
    round_id: int
    lines: tuple[ProposalLine, ...]

    @property
    def created(self) -> int:
        return sum(1 for line in self.lines if line.outcome == "created")


# -- Excel --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RowProblem:
    """One wrong row of an imported sheet (row numbers as Excel shows them)."""

    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Dòng {self.row}" + (f", cột “{self.column}”" if self.column else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ImportResult:
    rows: int  # data rows read
    changed: int  # criteria written, or score cells changed
    unchanged: int = 0
    skipped: int = 0  # computed (target) rows, which are never imported


# -- points -------------------------------------------------------------------------------------
# Score tables add up to exactly 100 (or 1,000) and a tie must be a real tie, so points are
# ``Decimal`` everywhere; binary floats would make 0,1 + 0,2 differ from 0,3.
CENT = Decimal("0.01")
ZERO = Decimal(0)
MAX_POINTS = Decimal(100_000)


def quantize(value: Decimal) -> Decimal:
    """Two decimal places, half up (how officers round by hand)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def to_points(value: object) -> Decimal:
    """A number typed, pasted or read from Excel as points.

    Accepts ints, Decimals, floats (through their shortest text, so 9.1 stays 9.1) and text
    with a decimal comma or point ("9,5", "9.5", " 10 "). Raises ``ValueError`` with a
    Vietnamese reason when it is not a number or has more than two decimal places.
    """
    if isinstance(value, bool):
        raise ValueError("không phải số")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            raise ValueError("chưa nhập điểm")
        if "," in text and "." in text:
            raise ValueError(f"“{value}” không phải số (dùng dấu phẩy cho phần thập phân, "
                             "ví dụ 9,5)")
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValueError(f"“{value}” không phải số") from None
    if not number.is_finite():
        raise ValueError(f"“{value}” không phải số")
    if number != number.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValueError(f"“{fmt_points(number)}” có quá 2 chữ số thập phân")
    return quantize(number)


def fmt_points(value: Decimal | int | float | None) -> str:
    """10 -> "10", 9.50 -> "9,5", None -> "" (decimal comma, no trailing zeros)."""
    if value is None:
        return ""
    number = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(
        value, float) else value)
    if number == number.to_integral_value():
        return fmt_number(int(number))
    text = f"{number.normalize():f}"
    whole, _, fraction = text.lstrip("-").partition(".")
    return f"{'-' if number < 0 else ''}{fmt_number(int(whole))},{fraction}"


def fmt_number(value: float | int | Decimal | None) -> str:
    """A measured value for messages: 2250 -> "2.250", 47.9 -> "47,9"."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = Decimal(repr(value))
    number = Decimal(value)
    if number == number.to_integral_value():
        return format_money(int(number))
    return fmt_points(number)


def fmt_percent(value: Decimal) -> str:
    """106.666 -> "106,7%"."""
    return f"{fmt_points(value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP))}%"


# -- tiers as text (Excel cells, command line, the criterion dialog) ------------------------------
def format_tiers(tiers: tuple[Tier, ...]) -> str:
    """"100:10; 90:8; 80:5" — percent from which, then points."""
    return "; ".join(f"{fmt_points(t.from_percent)}:{fmt_points(t.points)}"
                     for t in sorted(tiers, key=lambda t: t.from_percent, reverse=True))


def parse_tiers(text: str) -> tuple[Tier, ...]:
    """Read "100:10; 90:8" (decimal comma allowed); ``ValueError`` says what is wrong."""
    tiers: list[Tier] = []
    for part in (p.strip() for p in text.replace("\n", ";").split(";")):
        if not part:
            continue
        percent, sep, points = part.partition(":")
        if not sep:
            raise ValueError(f"mức “{part}” phải có dạng “% từ:điểm”, ví dụ 90:8")
        try:
            tiers.append(Tier(Decimal(percent.strip().rstrip("%").replace(",", ".")),
                              Decimal(points.strip().replace(",", "."))))
        except InvalidOperation:
            raise ValueError(f"mức “{part}” có số không hợp lệ") from None
    return tuple(tiers)


# -- tie-break rules -------------------------------------------------------------------------------
TIE_RULES: dict[str, str] = {
    "first_group": "Điểm nhóm tiêu chí thứ nhất cao hơn",
    "fewer_penalty": "Ít điểm trừ hơn",
    "more_bonus": "Nhiều điểm thưởng hơn",
    "more_votes": "Nhiều phiếu suy tôn hơn",
}
GROUP_RULE_PREFIX = "group:"


def tie_rule_label(rule: str) -> str:
    if rule.startswith(GROUP_RULE_PREFIX):
        return f"Điểm nhóm {rule[len(GROUP_RULE_PREFIX):]} cao hơn"
    return TIE_RULES.get(rule, rule)


def tie_rule_problem(rule: str) -> str | None:
    """Why a rule code is not one we know ("group:I" names a top group by its code)."""
    if rule in TIE_RULES or (rule.startswith(GROUP_RULE_PREFIX) and
                             rule[len(GROUP_RULE_PREFIX):].strip()):
        return None
    known = ", ".join(f"{code} ({label.lower()})" for code, label in TIE_RULES.items())
    return f"quy tắc “{rule}” không có; chọn: {known}, hoặc group:MÃ_NHÓM"


# -- the score sheet's workflow ------------------------------------------------------------------
# Who may change what, by the sheet's status (``EDITABLE``): the unit's self-score while the
# sheet is a draft; the bloc's reviewed score once the unit has sent it; nothing once the bloc
# has marked it reviewed (move it back to change it) or published it (unlocking needs a reason).
S = SheetStatus
TRANSITIONS: dict[SheetStatus, frozenset[SheetStatus]] = {
    S.DRAFT: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.REVIEWED, S.DRAFT}),
    S.REVIEWED: frozenset({S.PUBLISHED, S.SUBMITTED}),
    S.PUBLISHED: frozenset({S.REVIEWED}),
}
# Going back (returning a sheet, reopening a review, unlocking) must say why.
NEEDS_REASON: frozenset[tuple[SheetStatus, SheetStatus]] = frozenset({
    (S.SUBMITTED, S.DRAFT), (S.REVIEWED, S.SUBMITTED), (S.PUBLISHED, S.REVIEWED)})
EDITABLE: dict[ScoreBasis, frozenset[SheetStatus]] = {
    ScoreBasis.SELF: frozenset({S.DRAFT}),
    ScoreBasis.REVIEWED: frozenset({S.SUBMITTED}),
}
WHICH_LABEL: dict[ScoreBasis, str] = {ScoreBasis.SELF: "điểm tự chấm",
                                      ScoreBasis.REVIEWED: "điểm khối chấm"}


def edit_refusal(status: SheetStatus, which: ScoreBasis) -> str | None:
    """Why a sheet in ``status`` does not take a change of ``which`` score (None if it does)."""
    if status in EDITABLE[which]:
        return None
    if status is S.PUBLISHED:
        return "bảng điểm đã công bố (khóa), không sửa được; mở khóa trước nếu cần sửa"
    if which is ScoreBasis.SELF:
        return f"bảng điểm đang ở trạng thái “{status.label}”: đơn vị chỉ tự chấm khi còn đang chấm"
    if status is S.DRAFT:
        return "đơn vị chưa gửi bảng tự chấm: khối chấm sau khi đơn vị gửi"
    return f"bảng điểm đã ở trạng thái “{status.label}”: chuyển lại “Đã gửi khối” để chấm lại"


def transition_refusal(current: SheetStatus, target: SheetStatus, note: str) -> str | None:
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(x.label for x in S if x in TRANSITIONS[current])
        return (f"không thể chuyển từ “{current.label}” sang “{target.label}” "
                f"(có thể chuyển sang: {allowed})")
    if (current, target) in NEEDS_REASON and not note.strip():
        return f"chuyển từ “{current.label}” về “{target.label}” phải ghi rõ lý do"
    return None


# -- what a stale save lists (see ``StaleEditError``): the fields of each form ---------------------
BLOC_FIELDS = RecordFields("khối, cụm thi đua", {
    "name": "Tên khối, cụm", "kind": "Loại (khối hoặc cụm)", "year": "Năm",
    "organiser_name": "Cơ quan tổ chức", "head_name": "Đơn vị trưởng khối",
    "deputy_name": "Đơn vị phó khối", "pledge_date": "Ngày ký giao ước thi đua",
    "pledge_note": "Giao ước thi đua", "total_points": "Tổng điểm",
    "flag_count": "Số đơn vị đề nghị Cờ thi đua", "merit_count": "Số đơn vị đề nghị Bằng khen",
    "tie_rules": "Quy tắc phân định khi bằng điểm", "note": "Ghi chú",
}, {"tie_rules": lambda rules: "; ".join(tie_rule_label(r) for r in rules) or show_value(None)})

MEMBER_FIELDS = RecordFields("thành viên khối", {
    "women_share": "Tỷ lệ nữ (%)", "note": "Ghi chú",
})

CRITERION_FIELDS = RecordFields("tiêu chí", {
    "code": "Mã tiêu chí", "name": "Tên tiêu chí", "parent_code": "Nhóm cha",
    "kind": "Loại", "max_points": "Điểm tối đa", "cap": "Mức trần", "formula": "Cách tính",
    "direction": "Chiều chỉ tiêu", "tiers": "Các mức", "indicator": "Chỉ tiêu",
    "basis": "Căn cứ", "evidence_required": "Cần minh chứng", "position": "Thứ tự",
}, {"tiers": lambda tiers: format_tiers(tiers) or show_value(None)})

UNIT_TARGET_FIELDS = RecordFields("chỉ tiêu", {
    "unit_name": "Đơn vị", "year": "Năm", "indicator": "Chỉ tiêu",
    "measure_unit": "Đơn vị tính", "planned_value": "Kế hoạch", "actual_value": "Thực hiện",
    "direction": "Chiều chỉ tiêu", "note": "Ghi chú",
})
