"""Closed vocabularies of the domain; values are stored, labels are what officers read."""

from __future__ import annotations

from enum import StrEnum


class LabeledEnum(StrEnum):
    """A StrEnum whose members carry a Vietnamese label for screens and documents."""

    _value_: str
    label: str

    def __new__(cls, value: str, label: str = "") -> LabeledEnum:
        # `label` has a default only for the type checker, which reads this signature as the
        # one of a lookup `Kind(value)`; every member declares its (value, label) pair.
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    @classmethod
    def from_text(cls, text: str) -> LabeledEnum | None:
        """Accept a stored value or a label, as typed in Excel or on the command line."""
        from desktop.domain.vntext import fold

        exact = cls._value2member_map_.get(text)  # the stored value itself: no folding needed
        if exact is not None:
            return exact  # type: ignore[return-value]
        key = fold(text)
        for member in cls:
            if key in (fold(member.value), fold(member.label)):
                return member
        return None


class UnitKind(LabeledEnum):
    PROVINCE = "province", "Tỉnh, thành phố"
    DISTRICT = "district", "Huyện, thị xã, thành phố thuộc tỉnh (trước 01/7/2025)"
    COMMUNE = "commune", "Xã"
    WARD = "ward", "Phường"
    SPECIAL_ZONE = "special_zone", "Đặc khu"
    AGENCY = "agency", "Sở, ban, ngành"
    AGENCY_UNIT = "agency_unit", "Phòng, đơn vị thuộc cơ quan"
    VILLAGE = "village", "Thôn, bản"
    RESIDENTIAL_GROUP = "residential_group", "Tổ dân phố"
    SCHOOL = "school", "Trường học"
    ENTERPRISE = "enterprise", "Doanh nghiệp, hợp tác xã"
    ORGANISATION = "organisation", "Cơ quan, tổ chức khác"


class UnitLevel(LabeledEnum):
    PROVINCE = "province", "Cấp tỉnh"
    DISTRICT = "district", "Cấp huyện (lịch sử)"
    COMMUNE = "commune", "Cấp xã"
    GRASSROOTS = "grassroots", "Cơ sở"


# Which level a kind of unit sits at; a unit's level is derived, never typed twice.
UNIT_KIND_LEVEL: dict[UnitKind, UnitLevel] = {
    UnitKind.PROVINCE: UnitLevel.PROVINCE,
    UnitKind.DISTRICT: UnitLevel.DISTRICT,
    UnitKind.COMMUNE: UnitLevel.COMMUNE,
    UnitKind.WARD: UnitLevel.COMMUNE,
    UnitKind.SPECIAL_ZONE: UnitLevel.COMMUNE,
    UnitKind.AGENCY: UnitLevel.PROVINCE,
    UnitKind.AGENCY_UNIT: UnitLevel.GRASSROOTS,
    UnitKind.VILLAGE: UnitLevel.GRASSROOTS,
    UnitKind.RESIDENTIAL_GROUP: UnitLevel.GRASSROOTS,
    UnitKind.SCHOOL: UnitLevel.GRASSROOTS,
    UnitKind.ENTERPRISE: UnitLevel.GRASSROOTS,
    UnitKind.ORGANISATION: UnitLevel.GRASSROOTS,
}


class Gender(LabeledEnum):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class RatingLevel(LabeledEnum):
    """Yearly task-completion rating (đánh giá, xếp loại)."""

    EXCELLENT = "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "HTTNV", "Hoàn thành tốt nhiệm vụ"
    COMPLETED = "HTNV", "Hoàn thành nhiệm vụ"
    NOT_COMPLETED = "KHTNV", "Không hoàn thành nhiệm vụ"


class LeaveKind(LabeledEnum):
    """Long leave in a rated year; maternity leave counts as time worked (NĐ 152/2025 Art 4.5)."""

    MATERNITY = "thai_san", "Nghỉ thai sản"
    SICK = "om_dau", "Nghỉ ốm đau"
    UNPAID = "khong_luong", "Nghỉ không lương"
    OTHER = "khac", "Nghỉ khác"


class DisciplineForm(LabeledEnum):
    REPRIMAND = "khien_trach", "Khiển trách"
    WARNING = "canh_cao", "Cảnh cáo"
    SALARY_DOWN = "ha_bac_luong", "Hạ bậc lương"
    DEMOTION = "giang_chuc", "Giáng chức"
    DISMISSAL_FROM_POST = "cach_chuc", "Cách chức"
    FORCED_RESIGNATION = "buoc_thoi_viec", "Buộc thôi việc"


# Discipline from "cảnh cáo" up blocks collective titles (Luật TĐKT 2022, Điều 27, 28).
DISCIPLINE_SEVERITY: dict[DisciplineForm, int] = {
    DisciplineForm.REPRIMAND: 1,
    DisciplineForm.WARNING: 2,
    DisciplineForm.SALARY_DOWN: 3,
    DisciplineForm.DEMOTION: 3,
    DisciplineForm.DISMISSAL_FROM_POST: 4,
    DisciplineForm.FORCED_RESIGNATION: 5,
}


class DisciplineStatus(LabeledEnum):
    UNDER_REVIEW = "under_review", "Đang xem xét kỷ luật"
    DECIDED = "decided", "Đã có quyết định kỷ luật"


class InitiativeScope(LabeledEnum):
    UNIT = "co_so", "Cấp cơ sở"
    PROVINCE = "tinh", "Cấp tỉnh, bộ, ngành"
    NATIONAL = "toan_quoc", "Toàn quốc"


class AchievementKind(LabeledEnum):
    MERIT = "cong_trang", "Công trạng"
    THEMATIC = "chuyen_de", "Chuyên đề"
    AD_HOC = "dot_xuat", "Đột xuất"
    CONTRIBUTION = "cong_hien", "Quá trình cống hiến"
    SENIORITY = "nien_han", "Niên hạn"
    FOREIGN = "doi_ngoai", "Đối ngoại"


class AwardCategory(LabeledEnum):
    TITLE = "title", "Danh hiệu thi đua"
    FORM = "form", "Hình thức khen thưởng"


class SubjectKind(LabeledEnum):
    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"
    HOUSEHOLD = "household", "Hộ gia đình"


class AwardLevel(LabeledEnum):
    GRASSROOTS = "co_so", "Cấp cơ sở"
    PROVINCE = "tinh", "Cấp tỉnh, bộ, ngành"
    STATE = "nha_nuoc", "Cấp Nhà nước"


class MovementKind(LabeledEnum):
    REGULAR = "thuong_xuyen", "Thường xuyên"
    THEMATIC = "chuyen_de", "Chuyên đề"
    SPECIAL = "dac_biet", "Đặc biệt"
    PHASED = "theo_dot", "Theo đợt"


class TargetDirection(LabeledEnum):
    """How an actual figure is compared with the plan: ≥, >, ≤, < or yes/no (strict > and <
    are real: an actual equal to the plan does not meet them)."""

    HIGHER_BETTER = "higher", "Càng cao càng tốt"
    LOWER_BETTER = "lower", "Càng thấp càng tốt"
    ABOVE = "above", "Phải vượt kế hoạch"
    BELOW = "below", "Phải dưới kế hoạch"
    YES_NO = "yesno", "Có/Không"


class RoundKind(LabeledEnum):
    """Kinds of award round (đợt xét khen thưởng)."""

    YEAR_END = "tong_ket_nam", "Tổng kết năm"
    THEMATIC = "chuyen_de", "Chuyên đề"
    AD_HOC = "dot_xuat", "Đột xuất"
    CONTRIBUTION = "cong_hien", "Quá trình cống hiến"
    SENIORITY = "nien_han", "Niên hạn"
    PHASED = "theo_dot", "Theo đợt"


# The kind of achievement a round's awards are written down as in the award history.
ROUND_ACHIEVEMENT: dict[RoundKind, AchievementKind] = {
    RoundKind.YEAR_END: AchievementKind.MERIT,
    RoundKind.THEMATIC: AchievementKind.THEMATIC,
    RoundKind.AD_HOC: AchievementKind.AD_HOC,
    RoundKind.CONTRIBUTION: AchievementKind.CONTRIBUTION,
    RoundKind.SENIORITY: AchievementKind.SENIORITY,
    RoundKind.PHASED: AchievementKind.THEMATIC,
}


class RoundStatus(LabeledEnum):
    OPEN = "open", "Đang nhận đề nghị"
    REVIEWING = "reviewing", "Đang xét"
    CLOSED = "closed", "Đã kết thúc"


class NominationStatus(LabeledEnum):
    """Workflow of a nomination; transitions are data in services/workflow.py."""

    DRAFT = "nhap", "Nháp"
    SUBMITTED = "da_gui", "Đã gửi"
    RECEIVED = "da_tiep_nhan", "Đã tiếp nhận"
    ELIGIBLE = "du_dieu_kien", "Đủ điều kiện"
    INELIGIBLE = "khong_du_dieu_kien", "Không đủ điều kiện"
    VOTED = "da_xet", "Đã xét (Hội đồng)"
    AWARDED = "da_khen_thuong", "Đã khen thưởng"
    RETURNED = "tra_lai", "Trả lại"
    REJECTED = "khong_khen", "Không khen"


class ConditionStatus(LabeledEnum):
    """Outcome of one eligibility condition."""

    MET = "dat", "Đạt"
    NOT_MET = "khong_dat", "Không đạt"
    CHECK = "can_kiem_tra", "Cần kiểm tra"


class SignerCapacity(LabeledEnum):
    CHAIRMAN = "chu_tich", "CHỦ TỊCH"
    VICE_FOR_CHAIRMAN = "kt_chu_tich", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    ON_BEHALF = "tm_ubnd", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"


class EvidenceKind(LabeledEnum):
    RATING = "rating", "Kết quả xếp loại"
    INITIATIVE = "initiative", "Sáng kiến"
    AWARD = "award", "Khen thưởng đã có"
    BLOC_SCORE = "bloc_score", "Kết quả chấm điểm khối thi đua"


# -- emulation blocs (khối, cụm thi đua) ------------------------------------------------------
class BlocKind(LabeledEnum):
    """Khối groups units of similar function, cụm units of similar place (TDKT-reference §6.1)."""

    BLOC = "khoi", "Khối thi đua"
    CLUSTER = "cum", "Cụm thi đua"


class CriterionKind(LabeledEnum):
    """How a criterion is scored; bonus and penalty points sit outside the configured total."""

    MANUAL = "manual", "Chấm trực tiếp"
    TARGET = "target", "Theo chỉ tiêu"
    BONUS = "bonus", "Điểm thưởng"
    PENALTY = "penalty", "Điểm trừ"


class TargetFormula(LabeledEnum):
    """How a target-based criterion turns planned vs actual into points."""

    PROPORTIONAL = "proportional", "Theo tỷ lệ hoàn thành"
    TIERED = "tiered", "Theo mức (bậc)"
    PASS_FAIL = "pass_fail", "Đạt / không đạt"


class SheetStatus(LabeledEnum):
    """A unit's score sheet in a bloc: self-scored, sent, reviewed by the bloc, published."""

    DRAFT = "draft", "Đang chấm"
    SUBMITTED = "submitted", "Đã gửi khối"
    REVIEWED = "reviewed", "Khối đã chấm"
    PUBLISHED = "published", "Đã công bố (khóa)"


class ScoreBasis(LabeledEnum):
    """Which scores a total or a ranking is built from."""

    SELF = "self", "Điểm tự chấm"
    REVIEWED = "reviewed", "Điểm khối chấm"
