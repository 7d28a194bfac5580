"""The 54 ethnic groups of Viet Nam with the codes of the General Statistics Office list."""

from __future__ import annotations

import re
from functools import lru_cache

from desktop.domain.vntext import fold

ETHNIC_GROUPS: tuple[tuple[str, str], ...] = (
    ("01", "Kinh"), ("02", "Tày"), ("03", "Thái"), ("04", "Hoa"), ("05", "Khmer"),
    ("06", "Mường"), ("07", "Nùng"), ("08", "Mông"), ("09", "Dao"), ("10", "Gia Rai"),
    ("11", "Ngái"), ("12", "Ê Đê"), ("13", "Ba Na"), ("14", "Xơ Đăng"), ("15", "Sán Chay"),
    ("16", "Cơ Ho"), ("17", "Chăm"), ("18", "Sán Dìu"), ("19", "Hrê"), ("20", "Mnông"),
    ("21", "Ra Glai"), ("22", "Xtiêng"), ("23", "Bru - Vân Kiều"), ("24", "Thổ"),
    ("25", "Giáy"), ("26", "Cơ Tu"), ("27", "Gié Triêng"), ("28", "Mạ"), ("29", "Khơ Mú"),
    ("30", "Co"), ("31", "Tà Ôi"), ("32", "Chơ Ro"), ("33", "Kháng"), ("34", "Xinh Mun"),
    ("35", "Hà Nhì"), ("36", "Chu Ru"), ("37", "Lào"), ("38", "La Chí"), ("39", "La Ha"),
    ("40", "Phù Lá"), ("41", "La Hủ"), ("42", "Lự"), ("43", "Lô Lô"), ("44", "Chứt"),
    ("45", "Mảng"), ("46", "Pà Thẻn"), ("47", "Cơ Lao"), ("48", "Cống"), ("49", "Bố Y"),
    ("50", "Si La"), ("51", "Pu Péo"), ("52", "Brâu"), ("53", "Ơ Đu"), ("54", "Rơ Măm"),
)
ETHNIC_NAMES: tuple[str, ...] = tuple(name for _, name in ETHNIC_GROUPS)


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


_BY_KEY = {_key(name): name for name in ETHNIC_NAMES} | {"hmong": "Mông", "khome": "Khmer"}


@lru_cache(maxsize=1024)
def canonical_ethnicity(text: str) -> str | None:
    """The official name for what a user typed ("thai" -> "Thái", "H'Mông" -> "Mông"), or None.
    Remembered per text: an import or a sheet asks the same few names thousands of times."""
    return _BY_KEY.get(_key(text))
