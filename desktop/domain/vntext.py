"""Vietnamese text rules: NFC storage, accent-free search keys, and Vietnamese sort order.

Sort order follows the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư
v x y) on base letters first, tones only as a tie-break (ngang, huyền, hỏi, ngã, sắc, nặng), and
people are ordered by given name, then by family and middle name, as decisions list them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
# Whitespace inside one line of a multi-line note, except the tab (kept as typed).
_LINE_SPACE_RE = re.compile(r"[^\S\t\n]+")
_NEWLINE_RE = re.compile(r"\r\n?")

# Invisible characters that only get in the way (pasted from web pages, Word, Zalo): zero-width
# space, non-joiner and joiner, word joiner, byte-order mark; left-to-right and right-to-left
# marks. Stored text never holds them: they are dropped, silently.
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
# Characters that are refused with a message instead: C0 and C1 control characters (NUL, BEL,
# ESC…, DEL; tab, line feed and carriage return are whitespace), bidirectional embeddings,
# overrides and isolates (they make a text display in another order than it is stored: a name
# or a decision number that reads differently than it searches), and lone surrogates (bytes
# that were not UTF-8, e.g. a command line typed in another code page).
_REFUSED_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
                         "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# What a terminal, a log line or a workbook must never receive raw: the refused characters and
# the carriage return (it rewrites the line already printed).
_UNPRINTABLE_RE = re.compile("[\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
                             "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


# Anything normalize() would change or text_problem() would refuse in a one-line text: other
# whitespace than single inner spaces, invisible, control and bidi characters, lone surrogates.
_NOT_CLEAN_LINE_RE = re.compile(f"[^\\S ]|  |^ | $|[{INVISIBLE}\x00-\x1f\x7f-\x9f"
                                "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def is_clean_line(text: str) -> bool:
    """True when ``text`` is already stored form: ``normalize`` (and ``normalize_multiline``)
    would return it unchanged and ``text_problem`` finds nothing. A fast path for bulk
    imports, where nearly every value is clean."""
    return _NOT_CLEAN_LINE_RE.search(text) is None and unicodedata.is_normalized("NFC", text)


def drop_invisible(text: str) -> str:
    return _INVISIBLE_RE.sub("", text)


def normalize(text: str | None) -> str:
    """NFC-normalise, drop invisible characters and collapse runs of whitespace; what every
    stored one-line text goes through (with ``text_problem`` refusing control characters)."""
    if text is None:
        return ""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", drop_invisible(text))).strip()


def normalize_multiline(text: str | None) -> str:
    """``normalize`` for a note typed on several lines: line breaks (any convention) become
    "\\n" and tabs stay; other runs of spaces collapse, trailing spaces and blank lines at
    both ends go."""
    if text is None:
        return ""
    lines = _NEWLINE_RE.sub("\n", unicodedata.normalize("NFC", drop_invisible(text)))
    return "\n".join(_LINE_SPACE_RE.sub(" ", line).rstrip()
                     for line in lines.split("\n")).strip()


def code_point(ch: str) -> str:
    """"U+001B": how a message names a character that cannot be shown."""
    return f"U+{ord(ch):04X}"


def text_problem(text: str | None) -> str | None:
    """Why a typed or imported text cannot be stored (a clause to follow the field's label:
    "Họ và tên: chứa ký tự điều khiển không in được (U+001B) ở vị trí 5…"), or None.

    Tab, line feed and carriage return are whitespace, never refused: a one-line field turns
    them into a space (``normalize``), a multi-line note keeps them (``normalize_multiline``)."""
    if not text:
        return None
    found = _REFUSED_RE.search(text)
    if found is None:
        return None
    ch, where = found.group(), f" ở vị trí {found.start() + 1}"
    if "\ud800" <= ch <= "\udfff":
        return (f"chứa ký tự không hợp lệ ({code_point(ch)}){where}: có lẽ chữ được gõ hoặc "
                "chép từ một bảng mã khác Unicode; hãy gõ lại phần chữ đó")
    if "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069":
        return (f"chứa ký tự đảo chiều văn bản ({code_point(ch)}){where}: ký tự ẩn này làm chữ "
                "hiển thị khác với nội dung thật; hãy xóa rồi gõ lại phần chữ đó")
    return (f"chứa ký tự điều khiển không in được ({code_point(ch)}){where}; hãy xóa rồi gõ "
            "lại phần chữ đó")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal or write into a log line: each control character,
    bidirectional override and lone surrogate is shown as ``\\u001b`` instead of acting (an ESC
    from the data never reaches the terminal); line breaks and tabs stay. Inside a JSON string
    the escape reads back as the same character."""
    return _UNPRINTABLE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def fold(text: str | None) -> str:
    """Search key: lower case, no tones, no vowel marks, đ -> d ("Đức Hường" -> "duc huong")."""
    if not text:
        return ""
    text = drop_invisible(text)
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


@lru_cache(maxsize=32_768)  # names repeat (Nguyễn Văn Hùng…): a bulk import computes each once
def name_sort_key(full_name: str | None) -> str:
    """Key for people: the given name (letters, then tones: Hương before Hường), then the
    family and middle name the same way."""
    family, given = split_name(full_name or "")
    given_primary, given_tones = _primary_and_tones(given)
    family_primary, family_tones = _primary_and_tones(family)
    return f"{given_primary}#{given_tones}#{family_primary}#{family_tones}"
