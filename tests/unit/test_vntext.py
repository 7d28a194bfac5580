"""Vietnamese text rules: NFC, accent-free search keys, Vietnamese sort order."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.domain.vntext import (
    fold,
    is_clean_line,
    name_sort_key,
    normalize,
    normalize_multiline,
    sort_key,
    split_name,
    text_problem,
)


def test_normalize_turns_decomposed_input_into_nfc_and_collapses_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Thị Hường ")
    assert decomposed != "Nguyễn Thị Hường"
    assert normalize(decomposed) == "Nguyễn Thị Hường"
    assert unicodedata.is_normalized("NFC", normalize(decomposed))


@pytest.mark.parametrize(
    ("text", "key"),
    [("Đức", "duc"), ("Hường", "huong"), ("ĐỖ ĐÌNH ĐẠT", "do dinh dat"),
     ("Giàng A Phử", "giang a phu"), ("Quàng Văn Thủy", "quang van thuy")],
)
def test_fold_ignores_case_tones_and_d_stroke(text: str, key: str) -> None:
    assert fold(text) == key
    assert fold(unicodedata.normalize("NFD", text)) == key


def test_people_sort_by_given_name_then_family_and_middle_name() -> None:
    names = ["Trần Văn Bình", "Nguyễn Văn An", "Lê Thị An", "Bùi Văn Ánh"]
    assert sorted(names, key=name_sort_key) == [
        "Lê Thị An", "Nguyễn Văn An", "Bùi Văn Ánh", "Trần Văn Bình",
    ]


def test_vietnamese_alphabet_order_of_base_letters() -> None:
    # a < ă < â < b … d < đ < e < ê … o < ô < ơ … u < ư, regardless of tones.
    words = ["Ư", "U", "Ơ", "Ô", "O", "Ê", "E", "Đ", "D", "B", "Â", "Ă", "A"]
    assert sorted(words, key=sort_key) == ["A", "Ă", "Â", "B", "D", "Đ", "E", "Ê",
                                           "O", "Ô", "Ơ", "U", "Ư"]
    # Đ sorts after every D word, even "Dung" < "Đa".
    assert sorted(["Đa", "Dung"], key=sort_key) == ["Dung", "Đa"]


def test_tones_only_break_ties_in_dictionary_order() -> None:
    tones = ["Má", "Mạ", "Mả", "Mà", "Ma", "Mã"]
    assert sorted(tones, key=sort_key) == ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]
    # Base letters decide before tones: "Mà" < "Mai" although à has a tone.
    assert sorted(["Mai", "Mà"], key=sort_key) == ["Mà", "Mai"]


def test_shorter_name_sorts_before_its_extension() -> None:
    assert sorted(["Anh", "An"], key=name_sort_key) == ["An", "Anh"]
    assert sorted(["Nguyễn Văn Anh", "Lò Văn An"], key=name_sort_key)[0] == "Lò Văn An"


def test_split_name_takes_last_word_as_given_name() -> None:
    assert split_name("Nguyễn Thị Hường") == ("Nguyễn Thị", "Hường")
    assert split_name("Hường") == ("", "Hường")


@pytest.mark.parametrize("text", [
    "Nguyễn Văn A", "", "x", "Đơn vị số 1 (xã)", "Nguyễn Văn  A", " a", "a ", "a\tb", "a\nb",
    "a\r\nb", "a\u200bb", "a\ufeffb", "a\x1bb", "a\x85b", "a\u202eb", "a\u2066b", "Nguye\u0303n",
    "a\u00a0b", "a\u3000b", "ab\u2028c", "a\ud800b"])
def test_a_clean_line_is_exactly_what_normalize_would_store(text: str) -> None:
    """The bulk-import fast path skips normalize/text_problem only when they would change
    nothing and refuse nothing."""
    stored_as_is = (text_problem(text) is None and normalize(text) == text
                    and normalize_multiline(text) == text)
    assert is_clean_line(text) == stored_as_is
