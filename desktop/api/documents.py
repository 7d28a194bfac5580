"""Documents: template descriptions, render options, batch results and file names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop.domain.enums import LabeledEnum, SignerCapacity


class ContextKind(LabeledEnum):
    """What a template is rendered for; decides what the user picks before rendering."""

    ROUND = "round", "Đợt xét khen thưởng"
    NOMINATION = "nomination", "Một đề nghị khen thưởng"
    DECISION = "decision", "Quyết định khen thưởng"
    MEETING = "meeting", "Cuộc họp Hội đồng"
    REGISTRATION = "registration", "Đơn vị và năm đăng ký"
    MOVEMENT = "movement", "Phong trào thi đua"
    BLOC = "bloc", "Khối, cụm thi đua"


@dataclass(frozen=True)
class FieldSpec:
    """One field: ``{{ name }}`` in Word. A list field has ``items`` (the fields of each row,
    used as ``{{ r.ten }}`` inside ``{%tr for r in name %}``)."""

    name: str
    description: str
    items: tuple[FieldSpec, ...] = ()
    block: str = "tr"  # a list repeats table rows (tr) or paragraphs (p)
    var: str = ""  # the row's name in the shipped templates, when not g / r

    @property
    def is_list(self) -> bool:
        return bool(self.items)

    @property
    def loop_var(self) -> str:
        """The name the shipped templates give a row: ``g`` for a group of rows, else ``r``."""
        return self.var or ("g" if any(i.is_list for i in self.items) else "r")

    def token(self, owner: str = "") -> str:
        """What to type in Word: ``{{ ho_ten }}``, ``{{ r.ten }}`` or a row loop."""
        name = f"{owner}.{self.name}" if owner else self.name
        if self.is_list:
            return f"{{%{self.block} for {self.loop_var} in {name} %}}"
        return f"{{{{ {name} }}}}"


def field_rows(fields: tuple[FieldSpec, ...], owner: str = "",
               depth: int = 0) -> list[tuple[int, str, str]]:
    """(depth, token, description) for every field and, under each list, its row fields; what
    the field list in the app and ``tdkt templates KEY`` show."""
    rows: list[tuple[int, str, str]] = []
    for f in fields:
        rows.append((depth, f.token(owner), f.description))
        if f.is_list:
            rows.extend(field_rows(f.items, f.loop_var, depth + 1))
    return rows


@dataclass(frozen=True)
class TemplateSpec:
    key: str  # also the file name: <key>.docx
    title: str
    context: ContextKind
    description: str
    fields: tuple[FieldSpec, ...]
    per_subject: bool = False  # a batch makes one file per nomination
    subjects: tuple[str, ...] = field(default=())  # nomination subject kinds it is meant for

    @property
    def filename(self) -> str:
        return f"{self.key}.docx"

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class RenderOptions:
    """What the officer types in the "Tạo văn bản" dialog (a decision brings its own)."""

    on: date | None = None  # document date; default today
    sequence: int | None = None  # the number; blank until the clerk issues one
    notation: str = ""  # e.g. TTr-UBND; default per template
    signer_name: str = ""
    signer_capacity: SignerCapacity | str | None = None
    recipient: str = ""  # Kính gửi …
    year: int | None = None  # registration forms: which year


DEFAULT_NOTATION = {"to_trinh": "TTr-UBND", "quyet_dinh": "QĐ-UBND",
                    "bien_ban_hoi_dong": "BB-HĐTĐKT", "bao_cao_thanh_tich_ca_nhan": "",
                    "bao_cao_thanh_tich_tap_the": "", "giay_khen": "QĐ-UBND",
                    "bang_khen": "QĐ-UBND", "dang_ky_thi_dua": "ĐK", "bao_cao_tong_ket": "BC-UBND",
                    "ket_qua_khoi": "BC-KTĐ"}


@dataclass(frozen=True)
class BatchResult:
    files: tuple[Path, ...]
    pdfs: tuple[Path, ...]
    seconds: float


_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?", re.IGNORECASE)


def safe_filename(text: str, limit: int = 120) -> str:
    """A file name Windows accepts, keeping Vietnamese letters (Word and Explorer show them);
    never a device name ("CON", "nul.docx"), which Windows would open instead of a file."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", text).strip(" .")
    name = re.sub(r"\s+", " ", cleaned)[:limit].rstrip(" .") or "van-ban"
    return f"_{name}"[:limit] if _RESERVED.fullmatch(name) else name
