"""Citizen identity numbers: each way a CCCD can be wrong has its own Vietnamese reason."""

from __future__ import annotations

from datetime import date

from desktop.domain.cccd import cccd_problem

VALID_MALE_1985 = "012085000123"  # Lai Châu, male born in the 1900s, year 85


def test_valid_number_passes_with_matching_gender_and_year() -> None:
    assert cccd_problem(VALID_MALE_1985, is_female=False, birth_date=date(1985, 3, 2)) is None
    assert cccd_problem("012385000123", is_female=True, birth_date=date(2085, 1, 1)) is None


def test_length_is_explained() -> None:
    assert "đúng 12 chữ số" in (cccd_problem("01208500012") or "")
    assert "có 13 chữ số" in (cccd_problem("0120850001234") or "")


def test_non_digits_are_refused() -> None:
    assert "chỉ được gồm chữ số" in (cccd_problem("01208500012A") or "")
    assert "chỉ được gồm chữ số" in (cccd_problem("012 08500012") or "")
    assert "chỉ được gồm chữ số" in (cccd_problem("０１２０８５０００１２３") or "")


def test_unknown_province_code() -> None:
    assert "mã tỉnh" in (cccd_problem("003085000123") or "")


def test_gender_digit_must_match() -> None:
    problem = cccd_problem(VALID_MALE_1985, is_female=True)
    assert problem is not None and "giới tính nam" in problem and "nữ" in problem


def test_birth_year_digits_must_match() -> None:
    problem = cccd_problem(VALID_MALE_1985, birth_date=date(1986, 1, 1))
    assert problem is not None and "năm sinh 1985" in problem
    # Century comes from the 4th digit: 2 = male born 2000–2099.
    assert cccd_problem("012203000123", is_female=False, birth_date=date(2003, 5, 1)) is None
    assert "năm sinh 2003" in (cccd_problem("012203000123", birth_date=date(1903, 5, 1)) or "")
