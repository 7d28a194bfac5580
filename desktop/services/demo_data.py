"""Word lists and seed facts for the Lai Châu demo database (see ``desktop.services.demo``).

Place names are real-ish Lai Châu names (communes and wards as they were before the 2025
merger, grouped by the district they belonged to until 30/6/2025). Personal names are built from
family names, middle names and given names typical of each ethnic group; every combination is
synthetic. The movements of 2021–2023 and their targets are taken from the four directives in
``/work/shared/seeds``; the movements of 2024–2026 are made up and say so.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date


def _nfc(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(unicodedata.normalize("NFC", item) for item in items)


PROVINCE_NAME = "Lai Châu"
PROVINCE_ISSUER = "Chủ tịch UBND tỉnh Lai Châu"
PROVINCE_UNIT_NAME = "Ủy ban nhân dân tỉnh Lai Châu"

# --------------------------------------------------------------------------------------------
# Districts (cấp huyện) until 30/6/2025: (GSO code, name, short name used in issuers)
DISTRICTS: tuple[tuple[str, str, str], ...] = (
    ("105", "Thành phố Lai Châu", "thành phố Lai Châu"),
    ("106", "Huyện Tam Đường", "huyện Tam Đường"),
    ("107", "Huyện Mường Tè", "huyện Mường Tè"),
    ("108", "Huyện Sìn Hồ", "huyện Sìn Hồ"),
    ("109", "Huyện Phong Thổ", "huyện Phong Thổ"),
    ("110", "Huyện Than Uyên", "huyện Than Uyên"),
    ("111", "Huyện Tân Uyên", "huyện Tân Uyên"),
    ("112", "Huyện Nậm Nhùn", "huyện Nậm Nhùn"),
)
DISTRICTS_END = date(2025, 6, 30)

# Ethnic make-up of the villages of each former district (weights, roughly census-like).
DISTRICT_ETHNIC_MIX: dict[str, tuple[tuple[str, int], ...]] = {
    "105": (("Kinh", 45), ("Giáy", 15), ("Thái", 15), ("Mông", 10), ("Dao", 8), ("Tày", 4),
            ("Hà Nhì", 3)),
    "106": (("Mông", 28), ("Dao", 20), ("Thái", 18), ("Giáy", 14), ("Kinh", 12), ("Lự", 5),
            ("Hà Nhì", 3)),
    "107": (("Hà Nhì", 30), ("Mông", 16), ("La Hủ", 12), ("Thái", 12), ("Dao", 10),
            ("Kinh", 10), ("Cống", 4), ("Si La", 3), ("Khơ Mú", 3)),
    "108": (("Mông", 42), ("Thái", 20), ("Dao", 14), ("Hà Nhì", 8), ("Lự", 6), ("Kinh", 8),
            ("Khơ Mú", 2)),
    "109": (("Dao", 30), ("Mông", 25), ("Giáy", 12), ("Hà Nhì", 10), ("Thái", 10), ("Kinh", 10),
            ("Lự", 3)),
    "110": (("Thái", 50), ("Mông", 18), ("Kinh", 16), ("Khơ Mú", 10), ("Dao", 3), ("Giáy", 3)),
    "111": (("Thái", 45), ("Mông", 20), ("Kinh", 18), ("Khơ Mú", 8), ("Dao", 6), ("Giáy", 3)),
    "112": (("Thái", 35), ("Mông", 25), ("Dao", 12), ("Cống", 6), ("Mảng", 6), ("Kinh", 10),
            ("Hà Nhì", 6)),
}
# Civil servants and public employees of the province are more often Kinh.
STAFF_ETHNIC_MIX: tuple[tuple[str, int], ...] = (
    ("Kinh", 46), ("Thái", 18), ("Mông", 11), ("Dao", 7), ("Giáy", 6), ("Hà Nhì", 4),
    ("Tày", 3), ("Lự", 2), ("Khơ Mú", 1), ("Mường", 1), ("Nùng", 1),
)

# Communes and wards: (name, former district code). Order matters: the small demo takes the
# first entries of SMALL_COMMUNES; the province demo takes all.
COMMUNES: tuple[tuple[str, str], ...] = (
    ("Phường Tân Phong", "105"), ("Phường Đoàn Kết", "105"), ("Phường Quyết Thắng", "105"),
    ("Phường Quyết Tiến", "105"), ("Phường Đông Phong", "105"), ("Xã San Thàng", "105"),
    ("Xã Tam Đường", "106"), ("Xã Bình Lư", "106"), ("Xã Bản Bo", "106"), ("Xã Nà Tăm", "106"),
    ("Xã Khun Há", "106"), ("Xã Bản Giang", "106"), ("Xã Bản Hon", "106"),
    ("Xã Hồ Thầu", "106"), ("Xã Nùng Nàng", "106"), ("Xã Sơn Bình", "106"),
    ("Xã Giang Ma", "106"), ("Xã Thèn Sin", "106"), ("Xã Tả Lèng", "106"),
    ("Xã Sùng Phài", "106"),
    ("Xã Phong Thổ", "109"), ("Xã Mường So", "109"), ("Xã Khổng Lào", "109"),
    ("Xã Bản Lang", "109"), ("Xã Hoang Thèn", "109"), ("Xã Ma Li Pho", "109"),
    ("Xã Dào San", "109"), ("Xã Sì Lở Lầu", "109"), ("Xã Mồ Sì San", "109"),
    ("Xã Pa Vây Sử", "109"), ("Xã Vàng Ma Chải", "109"), ("Xã Tông Qua Lìn", "109"),
    ("Xã Mù Sang", "109"), ("Xã Huổi Luông", "109"), ("Xã Nậm Xe", "109"),
    ("Xã Sin Suối Hồ", "109"), ("Xã Lản Nhì Thàng", "109"),
    ("Xã Sìn Hồ", "108"), ("Xã Pa Tần", "108"), ("Xã Nậm Cha", "108"), ("Xã Phìn Hồ", "108"),
    ("Xã Hồng Thu", "108"), ("Xã Phăng Sô Lin", "108"), ("Xã Tả Phìn", "108"),
    ("Xã Tả Ngảo", "108"), ("Xã Xà Dề Phìn", "108"), ("Xã Làng Mô", "108"),
    ("Xã Ma Quai", "108"), ("Xã Nậm Tăm", "108"), ("Xã Lùng Thàng", "108"),
    ("Xã Noong Hẻo", "108"), ("Xã Pu Sam Cáp", "108"), ("Xã Căn Co", "108"),
    ("Xã Nậm Mạ", "108"), ("Xã Nậm Cuổi", "108"), ("Xã Nậm Hăn", "108"),
    ("Xã Pa Khóa", "108"), ("Xã Tủa Sín Chải", "108"), ("Xã Chăn Nưa", "108"),
    ("Xã Mường Tè", "107"), ("Xã Mù Cả", "107"), ("Xã Tà Tổng", "107"), ("Xã Ka Lăng", "107"),
    ("Xã Thu Lũm", "107"), ("Xã Pa Ủ", "107"), ("Xã Pa Vệ Sử", "107"), ("Xã Bum Nưa", "107"),
    ("Xã Bum Tở", "107"), ("Xã Nậm Khao", "107"), ("Xã Kan Hồ", "107"),
    ("Xã Vàng San", "107"), ("Xã Tá Bạ", "107"),
    ("Xã Than Uyên", "110"), ("Xã Mường Kim", "110"), ("Xã Ta Gia", "110"),
    ("Xã Khoen On", "110"), ("Xã Tà Hừa", "110"), ("Xã Pha Mu", "110"), ("Xã Tà Mung", "110"),
    ("Xã Mường Cang", "110"), ("Xã Hua Nà", "110"), ("Xã Mường Than", "110"),
    ("Xã Mường Mít", "110"), ("Xã Phúc Than", "110"),
    ("Xã Tân Uyên", "111"), ("Xã Mường Khoa", "111"), ("Xã Phúc Khoa", "111"),
    ("Xã Thân Thuộc", "111"), ("Xã Trung Đồng", "111"), ("Xã Hố Mít", "111"),
    ("Xã Nậm Cần", "111"), ("Xã Nậm Sỏ", "111"), ("Xã Pắc Ta", "111"), ("Xã Tà Mít", "111"),
    ("Xã Nậm Nhùn", "112"), ("Xã Nậm Hàng", "112"), ("Xã Mường Mô", "112"),
    ("Xã Nậm Chà", "112"), ("Xã Nậm Manh", "112"), ("Xã Nậm Pì", "112"), ("Xã Lê Lợi", "112"),
    ("Xã Trung Chải", "112"), ("Xã Pú Đao", "112"), ("Xã Nậm Ban", "112"),
    ("Xã Hua Bum", "112"),
)
SMALL_COMMUNES = ("Phường Tân Phong", "Xã Bản Bo")

# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AgencyDef:
    """A provincial department (sở, ban, ngành) with its sub-units."""

    name: str
    code: str            # unit code suffix (ASCII)
    abbrev: str          # issuer abbreviation in "…/QĐ-{abbrev}"
    head: str            # title of its head
    deputy: str
    issuer: str          # who signs its decisions, as written in an award record
    offices: tuple[str, ...]
    # (name, kind, size range, staff profile) of larger bodies under it: hospitals, schools…
    bodies: tuple[tuple[str, str, tuple[int, int], str], ...] = field(default=())


AGENCIES: tuple[AgencyDef, ...] = (
    AgencyDef("Sở Nội vụ", "SNV", "SNV", "Giám đốc Sở", "Phó Giám đốc Sở", "Giám đốc Sở Nội vụ",
              ("Văn phòng Sở", "Ban Thi đua - Khen thưởng",
               "Phòng Tổ chức, biên chế và Tổ chức phi chính phủ",
               "Phòng Xây dựng chính quyền và Công tác thanh niên", "Phòng Công chức, viên chức",
               "Phòng Lao động - Việc làm và Bảo hiểm xã hội", "Phòng Người có công",
               "Chi cục Văn thư - Lưu trữ")),
    AgencyDef("Sở Giáo dục và Đào tạo", "SGDDT", "SGDĐT", "Giám đốc Sở", "Phó Giám đốc Sở",
              "Giám đốc Sở Giáo dục và Đào tạo",
              ("Văn phòng Sở", "Phòng Giáo dục Trung học", "Phòng Giáo dục Mầm non và Tiểu học",
               "Phòng Khảo thí và Quản lý chất lượng giáo dục", "Phòng Tổ chức cán bộ",
               "Phòng Kế hoạch - Tài chính"),
              (("Trường THPT Chuyên Lê Quý Đôn", "school", (45, 70), "school"),
               ("Trường Phổ thông Dân tộc nội trú tỉnh", "school", (40, 65), "school"),
               ("Trường THPT Thành phố Lai Châu", "school", (45, 70), "school"),
               ("Trường THPT Tam Đường", "school", (35, 60), "school"),
               ("Trường THPT Bình Lư", "school", (30, 50), "school"),
               ("Trường THPT Phong Thổ", "school", (35, 60), "school"),
               ("Trường THPT Dào San", "school", (30, 50), "school"),
               ("Trường THPT Mường So", "school", (30, 50), "school"),
               ("Trường THPT Sìn Hồ", "school", (35, 55), "school"),
               ("Trường THPT Nậm Tăm", "school", (30, 50), "school"),
               ("Trường THPT Mường Tè", "school", (35, 55), "school"),
               ("Trường THPT Than Uyên", "school", (40, 60), "school"),
               ("Trường THPT Mường Kim", "school", (30, 50), "school"),
               ("Trường THPT Tân Uyên", "school", (35, 55), "school"),
               ("Trường THPT Trung Đồng", "school", (30, 50), "school"),
               ("Trường THPT Nậm Nhùn", "school", (30, 50), "school"))),
    AgencyDef("Sở Y tế", "SYT", "SYT", "Giám đốc Sở", "Phó Giám đốc Sở", "Giám đốc Sở Y tế",
              ("Văn phòng Sở", "Phòng Nghiệp vụ Y - Dược", "Phòng Kế hoạch - Tài chính",
               "Phòng Tổ chức cán bộ"),
              (("Bệnh viện Đa khoa tỉnh Lai Châu", "organisation", (260, 420), "hospital"),
               ("Bệnh viện Y dược cổ truyền tỉnh", "organisation", (70, 120), "hospital"),
               ("Trung tâm Kiểm soát bệnh tật tỉnh", "organisation", (60, 100), "hospital"),
               ("Trung tâm Y tế khu vực Tam Đường", "organisation", (90, 150), "hospital"),
               ("Trung tâm Y tế khu vực Phong Thổ", "organisation", (90, 150), "hospital"),
               ("Trung tâm Y tế khu vực Sìn Hồ", "organisation", (90, 150), "hospital"),
               ("Trung tâm Y tế khu vực Mường Tè", "organisation", (80, 130), "hospital"),
               ("Trung tâm Y tế khu vực Than Uyên", "organisation", (90, 150), "hospital"),
               ("Trung tâm Y tế khu vực Tân Uyên", "organisation", (80, 130), "hospital"),
               ("Trung tâm Y tế khu vực Nậm Nhùn", "organisation", (70, 110), "hospital"))),
    AgencyDef("Sở Tài chính", "STC", "STC", "Giám đốc Sở", "Phó Giám đốc Sở", "Giám đốc Sở Tài chính",
              ("Văn phòng Sở", "Phòng Ngân sách", "Phòng Quản lý giá và Công sản",
               "Phòng Tài chính đầu tư", "Phòng Tổng hợp, quy hoạch",
               "Phòng Doanh nghiệp, kinh tế tập thể và tư nhân", "Phòng Đăng ký kinh doanh")),
    AgencyDef("Văn phòng Ủy ban nhân dân tỉnh", "VPUBND", "VPUBND", "Chánh Văn phòng",
              "Phó Chánh Văn phòng", "Chánh Văn phòng UBND tỉnh Lai Châu",
              ("Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Khoa giáo - Văn xã",
               "Phòng Hành chính - Tổ chức", "Phòng Quản trị - Tài vụ",
               "Trung tâm Phục vụ hành chính công tỉnh")),
    AgencyDef("Sở Nông nghiệp và Môi trường", "SNNMT", "SNNMT", "Giám đốc Sở", "Phó Giám đốc Sở",
              "Giám đốc Sở Nông nghiệp và Môi trường",
              ("Văn phòng Sở", "Phòng Kế hoạch - Tài chính", "Phòng Trồng trọt và Chăn nuôi",
               "Phòng Quản lý đất đai", "Phòng Môi trường", "Chi cục Kiểm lâm",
               "Chi cục Thủy lợi", "Văn phòng Điều phối nông thôn mới")),
    AgencyDef("Sở Xây dựng", "SXD", "SXD", "Giám đốc Sở", "Phó Giám đốc Sở", "Giám đốc Sở Xây dựng",
              ("Văn phòng Sở", "Phòng Quản lý xây dựng", "Phòng Quy hoạch - Kiến trúc",
               "Phòng Quản lý giao thông", "Phòng Phát triển đô thị và Nhà ở")),
    AgencyDef("Sở Khoa học và Công nghệ", "SKHCN", "SKHCN", "Giám đốc Sở", "Phó Giám đốc Sở",
              "Giám đốc Sở Khoa học và Công nghệ",
              ("Văn phòng Sở", "Phòng Chuyển đổi số", "Phòng Quản lý khoa học",
               "Phòng Bưu chính - Viễn thông", "Trung tâm Công nghệ thông tin và Truyền thông")),
    AgencyDef("Sở Công Thương", "SCT", "SCT", "Giám đốc Sở", "Phó Giám đốc Sở", "Giám đốc Sở Công Thương",
              ("Văn phòng Sở", "Phòng Quản lý công nghiệp", "Phòng Quản lý thương mại",
               "Phòng Quản lý năng lượng")),
    AgencyDef("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "SVHTTDL", "Giám đốc Sở",
              "Phó Giám đốc Sở", "Giám đốc Sở Văn hóa, Thể thao và Du lịch",
              ("Văn phòng Sở", "Phòng Quản lý văn hóa và Gia đình", "Phòng Quản lý thể dục thể thao",
               "Phòng Quản lý du lịch", "Bảo tàng tỉnh", "Thư viện tỉnh")),
    AgencyDef("Sở Tư pháp", "STP", "STP", "Giám đốc Sở", "Phó Giám đốc Sở", "Giám đốc Sở Tư pháp",
              ("Văn phòng Sở", "Phòng Xây dựng và kiểm tra văn bản",
               "Phòng Phổ biến, giáo dục pháp luật", "Phòng Hành chính tư pháp",
               "Trung tâm Trợ giúp pháp lý nhà nước")),
    AgencyDef("Sở Dân tộc và Tôn giáo", "SDTTG", "SDTTG", "Giám đốc Sở", "Phó Giám đốc Sở",
              "Giám đốc Sở Dân tộc và Tôn giáo",
              ("Văn phòng Sở", "Phòng Chính sách dân tộc", "Phòng Tôn giáo",
               "Phòng Kế hoạch - Tổng hợp")),
    AgencyDef("Thanh tra tỉnh", "TTT", "TTr", "Chánh Thanh tra tỉnh", "Phó Chánh Thanh tra tỉnh",
              "Chánh Thanh tra tỉnh Lai Châu",
              ("Văn phòng", "Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2",
               "Phòng Tiếp công dân và Xử lý đơn thư", "Phòng Phòng, chống tham nhũng")),
    AgencyDef("Ban Quản lý các khu kinh tế tỉnh", "BQLKKT", "BQLKKT", "Trưởng ban",
              "Phó Trưởng ban", "Trưởng ban Ban Quản lý các khu kinh tế tỉnh Lai Châu",
              ("Văn phòng", "Phòng Quản lý đầu tư", "Phòng Quản lý cửa khẩu")),
    AgencyDef("Báo và Phát thanh, Truyền hình Lai Châu", "BPTTH", "BPTTH", "Tổng Biên tập",
              "Phó Tổng Biên tập", "Tổng Biên tập Báo và Phát thanh, Truyền hình Lai Châu",
              ("Phòng Thời sự", "Phòng Chuyên đề", "Phòng Kỹ thuật - Công nghệ",
               "Phòng Biên tập tiếng dân tộc", "Phòng Hành chính - Trị sự")),
)
SMALL_AGENCIES = ("Sở Nội vụ", "Sở Giáo dục và Đào tạo", "Sở Y tế")
SMALL_OFFICES = 2  # first offices of each agency in the small demo

# Enterprises and co-operatives directly under the province (province demo only).
PROVINCE_ENTERPRISES: tuple[tuple[str, tuple[int, int]], ...] = (
    ("Công ty Cổ phần Chè Tam Đường", (250, 450)),
    ("Công ty Cổ phần Chè Than Uyên", (200, 380)),
    ("Công ty Cổ phần Thủy điện Nậm Na", (80, 150)),
    ("Công ty Cổ phần Cấp nước Lai Châu", (120, 220)),
    ("Công ty TNHH Mắc ca Phong Thổ", (150, 300)),
    ("Công ty Cổ phần Môi trường đô thị Lai Châu", (150, 260)),
    ("Công ty Cổ phần Xây dựng giao thông Lai Châu", (120, 240)),
    ("Công ty TNHH Sâm Lai Châu Sìn Hồ", (60, 120)),
)
COOPERATIVE_KINDS = (
    "Hợp tác xã Chè {x}", "Hợp tác xã Nông nghiệp {x}", "Hợp tác xã Dịch vụ du lịch cộng đồng {x}",
    "Hợp tác xã Sâm Lai Châu {x}", "Hợp tác xã Mắc ca {x}", "Hợp tác xã Thảo quả {x}",
    "Hợp tác xã Nuôi cá lồng {x}", "Hợp tác xã Dệt thổ cẩm {x}",
)
KINH_HAMLETS = (
    "Tân Lập", "Đoàn Kết", "Hòa Bình", "Thống Nhất", "Bình Minh", "Tiến Thành", "Quyết Thắng",
    "Tân Hợp", "Phúc Lợi", "Hợp Nhất", "Tân Bình", "Đồng Tâm", "Trung Tâm", "Sơn Thủy",
)
# Village names: first and second syllables by landscape / language family.
VALLEY_FIRST = ("Nà", "Phiêng", "Hua", "Noong", "Huổi", "Pá", "Co", "Tát", "Nậm", "Pắc",
                "Mường", "Khau", "Coóc", "Phai", "Ten", "Phù", "Đông")
VALLEY_SECOND = ("Khuổng", "Đon", "Phát", "Pầu", "Cang", "Ngà", "Lum", "Sẳng", "Luông", "Mạ",
                 "Sáng", "Tọ", "Bó", "Ít", "Hỏm", "Phạ", "Muông", "Chăn", "Lướt", "Mít",
                 "Ngoang", "Hon", "Kim", "Bon", "Khem", "Lay", "Cuổi", "Đứa", "Ún")
HIGHLAND_FIRST = ("Sín", "Lao", "Hồ", "Sà", "Pờ", "Tả", "Séo", "Ma", "Lùng", "Chu", "Phìn",
                  "Vàng", "Sì", "Mù", "Xà", "Làng", "Hồng", "Tủa", "Chang", "Gia", "Pa", "Thèn")
HIGHLAND_SECOND = ("Chải", "Phìn", "Pầu", "Dề", "Ngài", "Sang", "Thàng", "Va", "Hồ", "Lủng",
                   "San", "Sử", "Lìn", "Mí", "Chản", "Chá", "Sáng", "Tô", "Cấu", "Khâu", "Lý",
                   "Suối", "Giàng", "Dào")
VALLEY_PEOPLES = frozenset({"Thái", "Lự", "Khơ Mú", "Giáy", "Tày", "Mường", "Nùng", "Cống",
                            "Mảng", "Si La"})

# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NameSet:
    family: tuple[str, ...]
    male_middle: tuple[str, ...]
    female_middle: tuple[str, ...]
    male_given: tuple[str, ...]
    female_given: tuple[str, ...]


_KINH = NameSet(
    _nfc(("Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ",
          "Bùi", "Đặng", "Ngô", "Dương", "Đinh", "Phan", "Lương", "Đào", "Trịnh", "Hà", "Tạ",
          "Mai", "Lưu", "Cao", "Đoàn", "Đồng", "Vương", "Nghiêm", "Kiều")),
    _nfc(("Văn", "Văn", "Đức", "Minh", "Quang", "Mạnh", "Xuân", "Hữu", "Tiến", "Thành", "Ngọc",
          "Trọng", "Công", "Duy", "Việt", "Anh", "Đình", "Thế")),
    _nfc(("Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Hồng", "Minh", "Phương", "Bích", "Thúy",
          "Kim", "Diệu", "Hải", "Lan")),
    _nfc(("Đức", "Đức", "Hùng", "Dũng", "Tuấn", "Hải", "Long", "Nam", "Thắng", "Quân", "Phong",
          "Cường", "Việt", "Hưng", "Huy", "Sơn", "Trung", "Thành", "Khánh", "Đạt", "Hiếu", "Tùng",
          "Quyết", "Nghĩa", "Lực", "Đông", "Bình", "Toàn", "Thịnh", "Vũ", "Tiến", "Hoàng",
          "Mạnh", "Chiến", "Định", "Đăng", "Lợi", "Thủy", "Kiên", "Ngọc")),
    _nfc(("Hường", "Hường", "Thủy", "Thủy", "Nguyệt", "Nguyệt", "Hương", "Lan", "Hoa", "Huyền",
          "Trang", "Ngọc", "Thảo", "Hằng", "Nga", "Mai", "Yến", "Loan", "Hạnh", "Dung", "Phượng",
          "Thơm", "Tuyết", "Diệp", "Liên", "Oanh", "Quyên", "Giang", "Nhung", "Thúy", "Hiền",
          "Đào", "Duyên", "Xuân", "Thu", "Vân", "Ánh", "Điệp", "Lụa", "Tâm")),
)
_THAI = NameSet(
    _nfc(("Lò", "Lò", "Lò", "Lường", "Lường", "Tòng", "Quàng", "Điêu", "Cà", "Vì", "Lù", "Hoàng",
          "Cầm", "Hà", "Lê", "Lừ", "Bạc")),
    _nfc(("Văn", "Văn", "Văn", "Văn", "Đức", "Minh")),
    _nfc(("Thị", "Thị", "Thị", "Thị", "Thu")),
    _nfc(("Xôm", "Pánh", "Inh", "Ngoan", "Hoan", "Kiên", "Chung", "Thoi", "Sương", "Hặc", "Ún",
          "Phóng", "Chăn", "Pâng", "Khăm", "Khiêm", "Đôi", "Tiến", "Đức", "Thái", "Ngọc", "Thương",
          "Sơn", "Dũng", "Bun", "Thiết", "Quyết", "Ước")),
    _nfc(("Ón", "Hoa", "Nhất", "Lả", "Pọm", "Ngọc", "Thu", "Ươm", "Xuân", "Bun", "Hương", "Én",
          "Ính", "Lý", "Hà", "Phương", "Hường", "Thủy", "Nguyệt", "Hom", "Dương", "Sen", "Mai",
          "Thanh", "Kiên")),
)
_MONG = NameSet(
    _nfc(("Giàng", "Giàng", "Sùng", "Sùng", "Vàng", "Vàng", "Thào", "Thào", "Lý", "Hầu", "Mùa",
          "Lầu", "Hạng", "Tráng", "Vừ", "Mua", "Cứ", "Chá")),
    _nfc(("A", "A", "A", "Seo", "Seo", "Chứ", "Sính", "Văn", "Páo", "Chử")),
    _nfc(("Thị",)),
    _nfc(("Pháo", "Chang", "Lử", "Sáng", "Dơ", "Tủa", "Vảng", "Súa", "Chu", "Của", "Dế", "Sử",
          "Nhè", "Khua", "Thái", "Chư", "Páo", "Lình", "Chớ", "Sình", "Chính", "Dìa", "Hừ",
          "Quáng", "Trừ", "Xá", "Tểnh", "Đức")),
    _nfc(("Mai", "Dợ", "Dua", "Mỷ", "Chía", "Say", "Pà", "Sua", "Dinh", "Cở", "Cú", "Dí", "Máy",
          "Lan", "Phương", "Xó", "Mỵ", "Sú", "Ly", "Chư", "Hờ", "Nguyệt")),
)
_DAO = NameSet(
    _nfc(("Tẩn", "Tẩn", "Phàn", "Phàn", "Chảo", "Chảo", "Lý", "Triệu", "Đặng", "Bàn")),
    _nfc(("Láo", "Láo", "Văn", "Văn", "Kiếm", "Chòi", "A", "Vần")),
    _nfc(("Thị", "Thị", "Tả", "Lở", "Xuân")),
    _nfc(("Lở", "Tả", "San", "Lìu", "Sài", "Chiêu", "Quẩy", "Pu", "Quyến", "Phẩu", "Vảng",
          "Chàn", "Kiều", "Dùn", "Tòn", "Vần", "Phin", "Sơn", "Đức", "Quang")),
    _nfc(("Mẩy", "Mẩy", "Lìu", "Chiêu", "Xuân", "Dung", "Nái", "Pham", "Sử", "Chài", "Tả",
          "Mây", "Liên", "Hường", "Thủy")),
)
_HANHI = NameSet(
    _nfc(("Chu", "Chu", "Lý", "Lý", "Pờ", "Pờ", "Lò", "Phù", "Ly", "Sừ", "Hù")),
    _nfc(("Xá", "Gạ", "Là", "A", "Văn", "Ha", "Hừ")),
    _nfc(("Thị", "Thị", "Mé", "Mỳ", "Lò")),
    _nfc(("Xá", "Gạ", "Hừ", "Chừ", "Lé", "Pu", "Tư", "Hù", "Dế", "Chà", "Xé", "Mò", "Phì",
          "Ngừ", "Dò", "Sơn", "Đức", "Tuấn")),
    _nfc(("Chừ", "Lừ", "Xé", "Chà", "Mé", "Phà", "Gạ", "Mơ", "Xó", "Hờ", "Giá", "Thủy", "Hương")),
)
_GIAY = NameSet(
    _nfc(("Lò", "Lò", "Hoàng", "Hoàng", "Vàng", "Lù", "Sần", "Giàng", "Lục")),
    _nfc(("Văn", "Văn", "Văn", "Đức", "Minh")),
    _nfc(("Thị", "Thị", "Thị", "Kim")),
    _nfc(("Phú", "Sơn", "Tâm", "Dũng", "Quý", "Hải", "Thắng", "Chiến", "Pao", "Sinh", "Thành",
          "Đức", "Tuấn", "Hùng", "Cường", "Khánh")),
    _nfc(("Kim", "Hoa", "Nhung", "Thu", "Quyên", "Hường", "Mai", "Lan", "Nguyệt", "Thủy", "Chinh",
          "Vân", "Dung", "Hạnh")),
)
_TAY = NameSet(
    _nfc(("Hoàng", "Nông", "Lục", "Ma", "Hà", "Lương", "Triệu", "Nguyễn", "Hứa", "Bế")),
    _nfc(("Văn", "Văn", "Đức", "Minh", "Quang")),
    _nfc(("Thị", "Thị", "Thu", "Thanh")),
    _KINH.male_given,
    _KINH.female_given,
)
_LU = NameSet(
    _nfc(("Lò", "Lò", "Tao", "Chẻo", "Lỳ", "Vàng", "Pàn")),
    _nfc(("Văn", "Văn")),
    _nfc(("Thị", "Thị")),
    _nfc(("Khăm", "Phong", "Pầu", "Xiêng", "Kẻo", "Ón", "Hùn", "Lả", "Sơn", "Tiến")),
    _nfc(("Ỏn", "Xiêng", "Phăn", "Khăm", "Ín", "Pọm", "Ngân", "Thủy")),
)
_KHOMU = NameSet(
    _nfc(("Lò", "Vì", "Quàng", "Lường", "Cầm", "Lý")),
    _nfc(("Văn", "Văn")),
    _nfc(("Thị", "Thị")),
    _nfc(("Khoa", "Bun", "Xiên", "Thoong", "Đôi", "Sinh", "Đức", "Thương", "Hặc")),
    _nfc(("Ón", "Pọm", "Xuân", "Khăm", "Hoa", "Lả", "Thủy")),
)
_LAHU = NameSet(
    _nfc(("Lò", "Pờ", "Lỳ", "Chà", "Phù", "Vàng")),
    _nfc(("Xe", "A", "Văn", "Gạ")),
    _nfc(("Thị", "Mỳ", "Thị")),
    _nfc(("Xe", "Nhù", "Phì", "Chừ", "Gạ", "Lé", "Dò", "Pô", "Chè")),
    _nfc(("Mỳ", "Xé", "Chừ", "Nù", "Lé", "Hừ")),
)
_SMALL_GROUPS = NameSet(
    _nfc(("Lò", "Chang", "Pạc", "Chìn", "Tao", "Lý", "Lìm", "Pòng", "Hù")),
    _nfc(("Văn", "Văn", "A")),
    _nfc(("Thị", "Thị")),
    _nfc(("Sơn", "Pằng", "Chuyên", "Xinh", "Sáng", "Đức", "Khai", "Thành")),
    _nfc(("Ón", "Sinh", "Pằng", "Hoa", "Thu", "Xuân")),
)
NAME_SETS: dict[str, NameSet] = {
    "Kinh": _KINH, "Mường": _KINH, "Nùng": _TAY, "Tày": _TAY, "Thái": _THAI, "Mông": _MONG,
    "Dao": _DAO, "Hà Nhì": _HANHI, "Giáy": _GIAY, "Lự": _LU, "Khơ Mú": _KHOMU, "La Hủ": _LAHU,
    "Cống": _SMALL_GROUPS, "Mảng": _SMALL_GROUPS, "Si La": _SMALL_GROUPS,
}

# Birth-registration province codes (CCCD digits 1–3) of staff born outside Lai Châu.
OTHER_BIRTH_PROVINCES = ("011", "014", "010", "015", "025", "037", "036", "034", "030", "038",
                         "001", "035", "040")

# --------------------------------------------------------------------------------------------
INITIATIVE_TITLES: dict[str, tuple[str, ...]] = {
    "school": (
        "Một số biện pháp nâng cao chất lượng dạy Tiếng Việt cho học sinh dân tộc {eth} lớp 1 tại {unit}",
        "Một số kinh nghiệm tổ chức bữa ăn bán trú cho học sinh tại {unit}",
        "Ứng dụng công nghệ thông tin trong dạy học môn Toán tại {unit}",
        "Giải pháp duy trì sĩ số, chống bỏ học giữa chừng ở vùng đặc biệt khó khăn tại {unit}",
        "Một số biện pháp giáo dục kỹ năng sống cho học sinh bán trú tại {unit}",
        "Tăng cường tiếng Việt cho trẻ mẫu giáo người dân tộc thiểu số tại {unit}",
        "Xây dựng thư viện thân thiện, phát triển văn hóa đọc tại {unit}",
        "Đổi mới sinh hoạt tổ chuyên môn theo hướng nghiên cứu bài học tại {unit}",
    ),
    "hospital": (
        "Giải pháp nâng cao tỷ lệ tiêm chủng mở rộng đầy đủ tại {unit}",
        "Ứng dụng bệnh án điện tử trong quản lý người bệnh nội trú tại {unit}",
        "Cải tiến quy trình tiếp đón người bệnh, giảm thời gian chờ khám tại {unit}",
        "Nâng cao chất lượng chăm sóc bà mẹ mang thai vùng cao tại {unit}",
        "Giải pháp phòng, chống nhiễm khuẩn bệnh viện tại {unit}",
    ),
    "office": (
        "Giải pháp số hóa hồ sơ, tài liệu lưu trữ tại {unit}",
        "Nâng cao chất lượng giải quyết thủ tục hành chính trên Cổng Dịch vụ công tại {unit}",
        "Xây dựng phần mềm theo dõi nhiệm vụ Ủy ban nhân dân tỉnh giao tại {unit}",
        "Giải pháp nâng cao hiệu quả công tác thi đua, khen thưởng tại {unit}",
        "Ứng dụng chữ ký số trong trao đổi văn bản điện tử tại {unit}",
        "Đổi mới công tác tham mưu tổng hợp, báo cáo định kỳ tại {unit}",
        "Giải pháp nâng cao chỉ số cải cách hành chính (PAR Index) tại {unit}",
    ),
    "commune": (
        "Giải pháp nâng cao tỷ lệ hồ sơ trực tuyến toàn trình tại {unit}",
        "Mô hình “Dân vận khéo” trong vận động hiến đất làm đường giao thông nông thôn tại {unit}",
        "Giải pháp giảm nghèo bền vững gắn với phát triển sản xuất hàng hóa tại {unit}",
        "Nâng cao hiệu quả công tác hòa giải ở cơ sở tại {unit}",
        "Giải pháp thu ngân sách trên địa bàn, chống thất thu tại {unit}",
    ),
    "village": (
        "Mô hình trồng chè Shan tuyết theo chuỗi giá trị tại {unit}",
        "Kỹ thuật nuôi cá lồng trên lòng hồ thủy điện tại {unit}",
        "Mô hình trồng sâm Lai Châu dưới tán rừng tại {unit}",
        "Mô hình trồng mắc ca xen canh cây ngắn ngày tại {unit}",
        "Mô hình trồng thảo quả dưới tán rừng tự nhiên tại {unit}",
        "Mô hình du lịch cộng đồng gắn với bảo tồn văn hóa dân tộc tại {unit}",
        "Cải tiến kỹ thuật thâm canh lúa Séng Cù tại {unit}",
    ),
    "enterprise": (
        "Cải tiến dây chuyền chế biến chè xanh, giảm tiêu hao năng lượng tại {unit}",
        "Giải pháp quản lý vật tư, nguyên liệu bằng phần mềm tại {unit}",
        "Cải tiến quy trình an toàn lao động tại {unit}",
        "Xây dựng nhãn hiệu, truy xuất nguồn gốc sản phẩm OCOP tại {unit}",
    ),
}

DISCIPLINE_REASONS = (
    "Vi phạm quy định về thời gian làm việc, chấp hành kỷ luật lao động",
    "Chậm trễ trong giải quyết thủ tục hành chính, để quá hạn nhiều hồ sơ",
    "Vi phạm quy chế chuyên môn, nghiệp vụ",
    "Thiếu trách nhiệm trong quản lý tài chính, tài sản được giao",
    "Vi phạm quy tắc ứng xử của cán bộ, công chức, viên chức",
    "Vi phạm quy định về phòng, chống tham nhũng, lãng phí (mức độ nhẹ)",
)

THEMATIC_MOVEMENTS = (
    "“Dân vận khéo”",
    "“Toàn dân đoàn kết xây dựng nông thôn mới và đô thị văn minh”",
    "“Lai Châu chung tay vì người nghèo - Không để ai bị bỏ lại phía sau”",
    "“Doanh nghiệp Lai Châu hội nhập và phát triển”",
    "“Cán bộ, công chức, viên chức tỉnh Lai Châu thi đua thực hiện văn hóa công sở”",
)
AD_HOC_DEEDS = (
    "Có thành tích xuất sắc đột xuất trong công tác cứu hộ, cứu nạn, khắc phục hậu quả mưa lũ",
    "Dũng cảm cứu người bị nạn trên sông Nậm Na",
    "Có thành tích xuất sắc đột xuất trong phòng, chống cháy rừng",
    "Có thành tích xuất sắc trong phát hiện, bắt giữ đối tượng vận chuyển trái phép chất ma túy",
)

# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TargetDef:
    indicator: str
    measure_unit: str
    planned_value: float | None
    direction: str  # "higher" | "lower"
    note: str = ""


@dataclass(frozen=True)
class MovementDef:
    name: str
    kind: str
    year: int
    directive_number: str
    directive_date: date | None
    theme: str
    period_start: date | None
    period_end: date | None
    targets: tuple[TargetDef, ...] = ()
    head_target_rule: bool = False
    issuer: str = "UBND tỉnh Lai Châu"


_SYNTH = "Dữ liệu mô phỏng để minh họa, không phải văn bản thật."

MOVEMENTS: tuple[MovementDef, ...] = (
    MovementDef(
        "Phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2021",
        "thuong_xuyen", 2021, "02/CT-UBND", date(2021, 1, 20),
        "Năm đầu thực hiện Nghị quyết Đại hội XIV Đảng bộ tỉnh và kế hoạch phát triển kinh tế - "
        "xã hội 5 năm (2021-2025); thực hiện “mục tiêu kép” vừa phòng, chống dịch Covid-19, vừa "
        "phát triển kinh tế; đợt thi đua cao điểm lập thành tích chào mừng Cuộc bầu cử Đại biểu "
        "Quốc hội khóa XV và Đại biểu Hội đồng nhân dân các cấp, nhiệm kỳ 2021-2026. "
        "Chỉ thị không kèm chỉ tiêu định lượng.",
        date(2021, 1, 20), date(2021, 12, 31),
    ),
    MovementDef(
        "Phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2022",
        "thuong_xuyen", 2022, "", None,
        "Bảo đảm thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch Covid-19, góp phần thực "
        "hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2022. (Bản trích của Chỉ thị "
        "không ghi số, ngày ban hành; Chủ tịch UBND tỉnh Trần Tiến Dũng ký.)",
        date(2022, 1, 1), date(2022, 12, 31),
        (
            TargetDef("Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP)", "%", 7.7, "higher",
                      "khoảng 7,7%"),
            TargetDef("GRDP bình quân đầu người", "triệu đồng", 47.9, "higher", "khoảng 47,9 triệu đồng"),
            TargetDef("Thu ngân sách trên địa bàn", "tỷ đồng", 2250, "higher"),
            TargetDef("Tỷ lệ trường đạt chuẩn quốc gia", "%", 56.3, "higher"),
            TargetDef("Mức giảm tỷ suất sinh", "‰", 0.4, "higher", "giảm 0,4‰ so với năm trước"),
            TargetDef("Mức giảm tỷ lệ hộ nghèo", "%", 3.1, "higher",
                      "điểm phần trăm giảm trong năm"),
            TargetDef("Mức giảm tỷ lệ hộ nghèo tại các huyện nghèo", "%", 4.8, "higher",
                      "điểm phần trăm giảm trong năm"),
            TargetDef("Giải quyết việc làm", "lao động", 8030, "higher"),
        ),
    ),
    MovementDef(
        "Phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2023",
        "thuong_xuyen", 2023, "01/CT-UBND", date(2023, 1, 27),
        "Thi đua hoàn thành xuất sắc nhiệm vụ phát triển kinh tế - xã hội năm 2023, thiết thực "
        "chào mừng kỷ niệm 115 năm thành lập tỉnh, 75 năm thành lập Đảng bộ tỉnh và 20 năm chia "
        "tách, thành lập tỉnh. (Ngày ban hành đọc từ bản quét OCR: “ngày 27 tháng 01”.)",
        date(2023, 1, 27), date(2023, 12, 31),
        (
            TargetDef("Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP)", "%", 9.0, "higher",
                      "khoảng 9,0%"),
            TargetDef("GRDP bình quân đầu người", "triệu đồng", 52.9, "higher", "khoảng 52,9 triệu đồng"),
            TargetDef("Thu ngân sách trên địa bàn", "tỷ đồng", 2450, "higher"),
            TargetDef("Tỷ lệ trường đạt chuẩn quốc gia", "%", 60.9, "higher"),
            TargetDef("Mức giảm tỷ suất sinh", "‰", 0.4, "higher", "giảm 0,4‰ so với năm trước"),
            TargetDef("Mức giảm tỷ lệ hộ nghèo", "%", 3.6, "higher",
                      "điểm phần trăm giảm trong năm"),
            TargetDef("Mức giảm tỷ lệ hộ nghèo tại các huyện nghèo", "%", 5.1, "higher",
                      "điểm phần trăm giảm trong năm"),
            TargetDef("Giải quyết việc làm", "lao động", 8440, "higher"),
        ),
    ),
    MovementDef(
        "Phong trào thi đua đặc biệt “Thi đua đổi mới, sáng tạo, lập thành tích cao nhất chào "
        "mừng kỷ niệm 115 năm thành lập tỉnh, 75 năm thành lập Đảng bộ tỉnh, 70 năm ngày Bác Hồ "
        "gửi thư cho đồng bào và cán bộ Lai Châu và 20 năm chia tách, thành lập tỉnh”",
        "dac_biet", 2023, "", date(2023, 5, 30),
        "Thi đua đổi mới, sáng tạo, lập thành tích cao nhất chào mừng kỷ niệm 115 năm thành lập "
        "tỉnh (28/6/1909 - 28/6/2024), 75 năm thành lập Đảng bộ tỉnh (10/10/1949 - 10/10/2024), "
        "70 năm ngày Bác Hồ gửi thư cho đồng bào và cán bộ Lai Châu (12/12/1953 - 12/12/2023) và "
        "20 năm chia tách, thành lập tỉnh (01/01/2004 - 01/01/2024). Triển khai đến ngày "
        "30/10/2023. (Văn bản phát động không ghi số; KT. Chủ tịch, Phó Chủ tịch Tống Thanh Hải "
        "ký; ngày phát động 30/5/2023 theo tin của Tỉnh ủy Lai Châu.)",
        date(2023, 5, 30), date(2023, 10, 30),
        (
            TargetDef("Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) năm 2023", "%", 9.0,
                      "higher"),
            TargetDef("Hoàn thành dự toán thu ngân sách nhà nước năm 2023", "%", 100, "higher",
                      "so với dự toán được giao"),
            TargetDef("Công trình chào mừng của cấp tỉnh và của mỗi huyện, thành phố", "công trình",
                      1, "higher", "mỗi cấp lựa chọn đầu tư xây dựng, hoàn thiện 01 công trình"),
            TargetDef("Công trình thiết thực của mỗi xã, phường, thị trấn", "công trình", 1,
                      "higher", "Nhân dân xây dựng với sự hỗ trợ của Nhà nước"),
        ),
    ),
    MovementDef(
        "Phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2024",
        "thuong_xuyen", 2024, "03/CT-UBND", date(2024, 1, 24),
        "Đoàn kết, kỷ cương, đổi mới, sáng tạo, thi đua hoàn thành kế hoạch năm 2024, chào mừng "
        "kỷ niệm 115 năm thành lập tỉnh và 75 năm thành lập Đảng bộ tỉnh. " + _SYNTH,
        date(2024, 1, 24), date(2024, 12, 31),
        (
            TargetDef("Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP)", "%", 8.5, "higher", _SYNTH),
            TargetDef("Thu ngân sách trên địa bàn", "tỷ đồng", 2600, "higher", _SYNTH),
            TargetDef("Tỷ lệ hộ nghèo cuối năm", "%", 21.5, "lower", _SYNTH),
            TargetDef("Tỷ lệ trường đạt chuẩn quốc gia", "%", 64.0, "higher", _SYNTH),
        ),
    ),
    MovementDef(
        "Phong trào thi đua lập thành tích chào mừng Đại hội Đảng bộ các cấp, nhiệm kỳ 2025-2030 "
        "và thực hiện thắng lợi nhiệm vụ năm 2025",
        "thuong_xuyen", 2025, "02/CT-UBND", date(2025, 2, 12),
        "Thi đua hoàn thành các mục tiêu kế hoạch 5 năm 2021-2025, vận hành thông suốt chính "
        "quyền địa phương hai cấp từ 01/7/2025. " + _SYNTH,
        date(2025, 2, 12), date(2025, 12, 31),
        (
            TargetDef("Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP)", "%", 9.5, "higher", _SYNTH),
            TargetDef("Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến toàn trình", "%", 80,
                      "higher", _SYNTH),
            TargetDef("Số nhà tạm, nhà dột nát được xóa", "căn", 2500, "higher", _SYNTH),
            TargetDef("Tỷ lệ hộ nghèo cuối năm", "%", 18.0, "lower", _SYNTH),
        ),
    ),
    MovementDef(
        "Phong trào thi đua “Đoàn kết, đổi mới, sáng tạo, phát triển” thực hiện thắng lợi nhiệm "
        "vụ năm 2026",
        "thuong_xuyen", 2026, "01/CT-UBND", date(2026, 2, 10),
        "Năm đầu thực hiện Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2025-2030; người đứng đầu "
        "đơn vị không hoàn thành chỉ tiêu được giao không được xét khen thưởng. " + _SYNTH,
        date(2026, 2, 10), date(2026, 12, 31),
        (
            TargetDef("Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP)", "%", 10.0, "higher",
                      _SYNTH),
            TargetDef("Thu ngân sách trên địa bàn", "tỷ đồng", 3000, "higher", _SYNTH),
            TargetDef("Tỷ lệ hộ nghèo cuối năm", "%", 15.5, "lower", _SYNTH),
            TargetDef("Tỷ lệ xã đạt chuẩn nông thôn mới", "%", 45, "higher", _SYNTH),
            TargetDef("Số vụ tai nạn giao thông", "vụ", 60, "lower", _SYNTH),
        ),
        head_target_rule=True,
    ),
)
