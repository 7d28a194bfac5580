"""Collects every wrong field of a form, so one message lists them all.

Text fields pass ``Problems.text``: the rule for what a stored text may hold is
``vntext.text_problem``, applied here with the field's label; ``textguard`` applies the same
rule once more to every text column at flush, for whatever a service stored without it."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from desktop.domain.enums import LabeledEnum
from desktop.domain.errors import FieldProblem, ValidationError
from desktop.domain.vntext import normalize, normalize_multiline, text_problem
from desktop.services.money import MAX_AWARD_AMOUNT, money_amount
from desktop.services.textguard import field_label as field_label  # registers the flush gate

E = TypeVar("E", bound=LabeledEnum)


class Problems:
    def __init__(self) -> None:
        self.items: list[FieldProblem] = []

    def add(self, field: str, label: str, message: str) -> None:
        self.items.append(FieldProblem(field, label, message))

    def has(self, field: str) -> bool:
        return any(p.field == field for p in self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.items)

    def text(self, value: str | None, field: str, label: str, *, required: bool = False,
             max_length: int = 255, multiline: bool = False) -> str:
        """The text as it is stored: NFC, invisible characters dropped, whitespace collapsed
        (a ``multiline`` note keeps its line breaks and tabs). Control characters,
        bidirectional overrides and broken characters are refused, naming the character."""
        problem = text_problem(value)
        if problem is not None:
            self.add(field, label, problem)
            return ""
        cleaned = normalize_multiline(value) if multiline else normalize(value)
        if required and not cleaned:
            self.add(field, label, "không được để trống")
        elif len(cleaned) > max_length:
            self.add(field, label, f"dài quá {max_length} ký tự (hiện có {len(cleaned)})")
        return cleaned

    def money(self, value: object, field: str, label: str, *,
              cap: int = MAX_AWARD_AMOUNT) -> int | None:
        """A whole, non-negative number of đồng no larger than ``cap``; None when left empty."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return money_amount(value, cap=cap)
        except ValueError as exc:
            self.add(field, label, str(exc))
            return None

    def choice(self, value: str | E | None, enum: type[E], field: str,
                               label: str, *, required: bool = True) -> E | None:
        if value is None or value == "":
            if required:
                self.add(field, label, "chưa chọn")
            return None
        if isinstance(value, enum):
            return value
        member = enum.from_text(str(value))
        if member is None:
            allowed = ", ".join(m.label for m in enum)
            self.add(field, label, f"giá trị “{value}” không hợp lệ; chọn một trong: {allowed}")
        return member  # type: ignore[return-value]

    def year(self, value: int | None, field: str, label: str, *, low: int = 1945,
             high: int | None = None) -> int | None:
        high = high or date.today().year + 1
        if value is None:
            self.add(field, label, "chưa nhập năm")
            return None
        if not low <= value <= high:
            self.add(field, label, f"năm {value} nằm ngoài khoảng {low}–{high}")
        return value

    def not_future(self, value: date | None, field: str, label: str) -> None:
        if value is not None and value > date.today():
            self.add(field, label, f"ngày {value:%d/%m/%Y} ở tương lai")


def format_date(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""
