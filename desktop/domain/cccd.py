"""Validation of the 12-digit citizen identity number (số định danh cá nhân / CCCD).

Layout (Thông tư 59/2021/TT-BCA): 3 digits birth-registration province, 1 digit gender and
century, 2 digits birth year, 6 random digits. Each check returns a Vietnamese reason.
"""

from __future__ import annotations

from datetime import date

PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
    "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
    "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh",
    "024": "Bắc Giang", "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh",
    "030": "Hải Dương", "031": "Hải Phòng", "033": "Hưng Yên", "034": "Thái Bình",
    "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An",
    "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
    "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận",
    "062": "Kon Tum", "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "Thành phố Hồ Chí Minh", "080": "Long An",
    "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long",
    "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}
# Fourth digit -> (century start, is_female)
_CENTURY_GENDER = {
    "0": (1900, False), "1": (1900, True), "2": (2000, False), "3": (2000, True),
    "4": (2100, False), "5": (2100, True), "6": (2200, False), "7": (2200, True),
    "8": (1800, False), "9": (1800, True),
}


def cccd_problem(number: str, *, is_female: bool | None = None,
                 birth_date: date | None = None) -> str | None:
    """Why ``number`` is not a valid CCCD for this person, in Vietnamese; None when it is."""
    if not number.isdigit() or not number.isascii():
        return "chỉ được gồm chữ số 0–9 (không có dấu cách, chữ cái hay dấu chấm)"
    if len(number) != 12:
        return f"phải có đúng 12 chữ số, số đã nhập có {len(number)} chữ số"
    if number[:3] not in PROVINCE_CODES:
        return f"3 chữ số đầu ({number[:3]}) không phải mã tỉnh, thành phố nơi đăng ký khai sinh"
    century, female = _CENTURY_GENDER[number[3]]
    gender_word = "nữ" if female else "nam"
    if is_female is not None and female != is_female:
        actual = "nữ" if is_female else "nam"
        return (f"chữ số thứ 4 ({number[3]}) ứng với giới tính {gender_word}, "
                f"nhưng giới tính đã nhập là {actual}")
    if birth_date is not None:
        year = century + int(number[4:6])
        if year != birth_date.year:
            return (f"chữ số thứ 4–6 ({number[3:6]}) ứng với năm sinh {year}, "
                    f"nhưng ngày sinh đã nhập là năm {birth_date.year}")
    return None
