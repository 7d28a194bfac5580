"""Vietnamese text rules: NFC storage, accent-free search keys, and Vietnamese sort order.

Sort order follows the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư
v x y) on base letters first, tones only as a tie-break (ngang, huyền, hỏi, ngã, sắc, nặng), and
people are ordered by given name, then by family and middle name, as decisions list them.
"""

from __future__ import annotations

import re
import unicodedata

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_WEIGHT = {ch: chr(0x41 + i) for i, ch in enumerate(_ALPHABET)}
# Base vowel + quality mark (breve, circumflex, horn) -> Vietnamese letter.
_QUALITY = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_WITH_QUALITY = {
    ("a", "breve"): "ă",
    ("a", "circumflex"): "â",
    ("e", "circumflex"): "ê",
    ("o", "circumflex"): "ô",
    ("o", "horn"): "ơ",
    ("u", "horn"): "ư",
}
# Dictionary order of tones: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_DIGIT = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_SPACE_RE = re.compile(r"\s+")


def normalize(text: str | None) -> str:
    """NFC-normalise and collapse runs of whitespace; what every stored text goes through."""
    if text is None:
        return ""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str | None) -> str:
    """Search key: lower case, no tones, no vowel marks, đ -> d ("Đức Hường" -> "duc huong")."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE_RE.sub(" ", stripped.lower()).strip()


def _letters(word: str) -> list[tuple[str, str]]:
    """Split a word into (Vietnamese base letter, tone digit) pairs, dropping other symbols."""
    out: list[tuple[str, str]] = []
    for cluster in _clusters(unicodedata.normalize("NFD", word.lower())):
        base, marks = cluster[0], cluster[1:]
        tone = "0"
        for mark in marks:
            if mark in _QUALITY:
                base = _WITH_QUALITY.get((base, _QUALITY[mark]), base)
            elif mark in _TONE_DIGIT:
                tone = _TONE_DIGIT[mark]
        out.append((base, tone))
    return out


def _clusters(decomposed: str) -> list[str]:
    clusters: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch) and clusters:
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def _primary_and_tones(text: str) -> tuple[str, str]:
    primary: list[str] = []
    tones: list[str] = []
    for base, tone in _letters(text):
        if base in _LETTER_WEIGHT:
            primary.append(_LETTER_WEIGHT[base])
            tones.append(tone)
        elif base.isdigit():
            primary.append(base)  # digits sort before letters
            tones.append("0")
        elif base.isspace():
            primary.append("!")  # word break sorts before any letter: "An" < "An Bình" < "Anh"
    return "".join(primary), "".join(tones)


def sort_key(text: str | None) -> str:
    """Binary-comparable key that orders any text the Vietnamese way (for units, titles…)."""
    primary, tones = _primary_and_tones(normalize(text))
    return f"{primary}#{tones}"


def split_name(full_name: str) -> tuple[str, str]:
    """('Nguyễn Thị', 'Hường') from 'Nguyễn Thị Hường': family+middle name and given name."""
    parts = normalize(full_name).split(" ")
    if len(parts) == 1:
        return "", parts[0]
    return " ".join(parts[:-1]), parts[-1]


def name_sort_key(full_name: str | None) -> str:
    """Key for people: the given name (letters, then tones: Hương before Hường), then the
    family and middle name the same way."""
    family, given = split_name(full_name or "")
    given_primary, given_tones = _primary_and_tones(given)
    family_primary, family_tones = _primary_and_tones(family)
    return f"{given_primary}#{given_tones}#{family_primary}#{family_tones}"
