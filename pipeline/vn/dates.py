"""Vietnamese dates (VN_DOCUMENT_RULES §3): "ngày 07 tháng 6 năm 2024", "15/6/2023", "1.2.2019".

One grammar of the pieces (the three keywords, day and month, year, blanks), with the OCR damage a
reader tolerates as explicit parameters instead of a second grammar:

- ``keyword(word, damage)``: ``"none"`` is the word as printed; ``"marks"`` accepts the common
  damaged spellings of its vowel ("ngay", "thang", "nam", "ndm"); ``"letters"`` accepts any one to
  three letters for the vowel ("thắng", "ngaty": legacy OCR inside the date's frame).
- ``day_month(ocr_digits)`` / ``year(ocr_digits)``: with ``ocr_digits`` an O or o stands for 0 and
  a year must start 19 or 20; without, plain digits.

Two readers are built from them:

- the structure stage's date line (``find_date``): keywords damaged up to ``"letters"``, plain
  digits, blanks allowed, the place found separately, then the ISO date;
- the citation engine's patterns (``AFTER_SYMBOL_RE``, ``PLACE_DATE_LINE_RE``): keywords damaged
  up to ``"marks"``, ``ocr_digits``, numeric / word / blank forms kept apart so a rule can say which
  form was written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

import regex

Damage = Literal["none", "marks", "letters"]

# The vowel of each keyword as OCR damages its marks (regex character class contents).
_DAMAGED_VOWELS = {"ngày": ("ng", "àaáạảãéèê", "y"), "tháng": ("th", "áaàạả", "ng"), "năm": ("n", "ămaâàăảdi", "m")}
# Any one to three letters stand for the vowel ("thắng", "ngaty", "ndm.2024").
_ANY_VOWEL = r"[^\W\d_]{1,3}"


def keyword(word: Literal["ngày", "tháng", "năm"], damage: Damage) -> str:
    """The pattern of one date keyword with the given tolerance for OCR damage."""
    if damage == "none":
        return word
    head, vowels, tail = _DAMAGED_VOWELS[word]
    if damage == "letters":
        return f"{head}{_ANY_VOWEL}{tail}"
    return f"(?i:{head}[{vowels}]{tail})"


def day_month(ocr_digits: bool) -> str:
    """A day or a month: one or two digits (O and o read for 0 with ``ocr_digits``)."""
    return r"[0-9Oo]{1,2}" if ocr_digits else r"\d{1,2}"


def year(ocr_digits: bool) -> str:
    """A four-digit year; with ``ocr_digits`` it starts 19 or 20 and O/o may stand for 0."""
    return r"(?:19|2[0Oo])[0-9Oo]{2}" if ocr_digits else r"\d{4}"


# A blank left for a handwritten day or month: dots, ellipses, underscores, spaces.
BLANK = r"[ \t.…_]*"

# --- the structure stage's reading: the document's own date line ---------------------------------

# "Bình Định, ngày 07 tháng 06 năm 2024"; the place is optional; blanks leave the day empty.
# Legacy OCR may leave the keywords garbled ("thắng", "ngaty", "ndm.2024"): inside the date's
# frame (day, month, four-digit year in that order) any letter or two stand for the vowel.
RE_DATE_LINE = re.compile(
    rf"(?P<ngay>{keyword('ngày', 'letters')})\s*(?P<d>{day_month(False)})?\s*(?:{keyword('tháng', 'letters')})"
    rf"\s*(?P<m>{day_month(False)})?\s*(?:{keyword('năm', 'letters')})\.?\s*(?P<y>{year(False)})",
    re.I,
)
# "ngày 7/6/2024", "ngày 07-06-2024", "ngày 07.06.2024"
RE_DATE_NUMERIC = re.compile(
    rf"(?P<ngay>{keyword('ngày', 'none')})\s+(?P<d>{day_month(False)})\s*[/.-]\s*(?P<m>{day_month(False)})"
    rf"\s*[/.-]\s*(?P<y>{year(False)})",
    re.I,
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a line: the ISO date (None when blank/invalid), the place and the text."""

    iso: str | None
    place: str | None
    text: str
    start: int
    end: int
    alternatives: tuple[str, ...] = ()  # other ISO dates the line's damaged digits may be read as


def _iso(d: str | None, m: str | None, y: str | None) -> str | None:
    if not (d and m and y):
        return None
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _place_word(w: str) -> bool:
    return w in ("TP.", "Tp.") or (w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower()))


def _place_suffix(before: str) -> str | None:
    """The place name that ends ``before`` (the text before ", ngày"): trailing title-case words."""
    words = before.split()
    keep: list[str] = []
    for w in reversed(words):
        if _place_word(w) and len(keep) < 6:
            keep.append(w)
        else:
            break
    return " ".join(reversed(keep)) or None


def find_date(line: str) -> DateMatch | None:
    """The first document date in ``line`` in any of the forms of VN_DOCUMENT_RULES §3."""
    best: DateMatch | None = None
    for rx in (RE_DATE_LINE, RE_DATE_NUMERIC):
        m = rx.search(line)
        if m is None:
            continue
        start = m.start("ngay")
        place = None
        head = line[:start].rstrip()
        if head.endswith(","):
            place = _place_suffix(head[:-1])
            if place is not None:
                start = head.rindex(place)
        iso = _iso(m.group("d"), m.group("m"), m.group("y"))
        # OCR glues "04tháng": the text is kept as printed, with the spaces OCR dropped put back.
        text = re.sub(r"(\d)(tháng|năm)", r"\1 \2", line[start : m.end()].strip())
        text = re.sub(r"(ngày|tháng|năm)(\d)", r"\1 \2", text)
        cand = DateMatch(iso, place, text, start, m.end())
        if best is None or cand.start < best.start:
            best = cand
    return best


def dates_in(text: str) -> list[str]:
    """The ISO dates of every date written in ``text`` (word or numeric form after "ngày")."""
    found = [(m.start(), _iso(m.group("d"), m.group("m"), m.group("y"))) for rx in (RE_DATE_LINE, RE_DATE_NUMERIC)
             for m in rx.finditer(text)]
    return [iso for _, iso in sorted(found) if iso is not None]


def parse_date(text: str) -> str | None:
    """ISO date of "ngày 07 tháng 6 năm 2024", "ngày 7/6/2024", "Bình Định, ngày ..." or None."""
    m = find_date(text)
    return None if m is None else m.iso


# Glyphs that OCR of a worn or noisy print reads for digits ("II" or "!" for 11, "()4" for 04, "$"
# or "S" for 5, "§" for 8, "J" for a 1 whose serif foot a speck hooked), with the digit each stands for.  Inside a date's frame or a header's
# number slot a token made of them is a damaged printed number, never a word.
OCR_DIGIT_GLYPHS = "IlLi|!][ïÏíÍìÌJOoQSsŠš$ZzB§gqbGT"
OCR_DIGIT_VALUES = "11111111111111100055555228899667"
# Glyphs that stand for a second digit as well: an S (or $) is a worn 5 or a worn 8, which the
# glyph alone cannot tell; a T is a 7, or an italic 1 whose flag reads as a bar ("ngày T8" for 18);
# a reader tries both and keeps what the document bears out.
OCR_DIGIT_ALTERNATIVES = {"S": "8", "s": "8", "Š": "8", "š": "8", "$": "8", "T": "1"}


# --- the citation engine's reading: dates written after a symbol, and the date line ----------------

# OCR drops or swaps the marks of these three words; accept the common damaged spellings.
NGAY = keyword("ngày", "marks")
THANG = keyword("tháng", "marks")
NAM = keyword("năm", "marks")

_D = day_month(True)
_Y = year(True)

# Written after "ngày" (or alone for Party style "01-10-1997"): numeric with one separator kind.
NUMERIC_DATE = (
    r"(?P<d>" + _D + r")[ \t]?(?P<sep>[/.\-])[ \t]?(?P<m>" + _D + r")[ \t]?(?P=sep)[ \t]?(?P<y>" + _Y + r")"
)
WORDS_DATE = (
    r"(?P<wd>" + _D + r")\s+" + THANG + r"\s+(?P<wm>" + _D + r")\s+" + NAM + r"\s+(?P<wy>" + _Y + r")"
)
BLANK_DATE = (
    r"(?P<bd>" + BLANK + r")/(?P<bm>" + BLANK + r")/[ \t]*(?P<by>" + _Y + r")"
    r"|" + r"(?P<bwd>" + BLANK + r")" + THANG + r"(?P<bwm>" + BLANK + r")" + NAM + r"[ \t]+(?P<bwy>" + _Y + r")"
)

# "ngày" + a date, anchored at the start of the text after a symbol (or after its issuer), also
# after "ban hành", "ký", "ký ban hành" ("… ký ngày 28 tháng 12 năm 2011").
AFTER_SYMBOL_RE = regex.compile(
    r"[ \t]*(?:[-‐–][ \t]*)?,?\s*(?:(?:được\s+)?(?:ký\s+)?(?:ban\s+hành\s+)?)?" + NGAY + r"\s+(?:"
    + NUMERIC_DATE + r"|" + WORDS_DATE + r"|" + BLANK_DATE + r")(?![0-9])",
    regex.V1 | regex.IGNORECASE,
)

# A document's own date line: "<place>, ngày 07 tháng 6 năm 2024" (tokens kept raw to check padding).
PLACE_DATE_LINE_RE = regex.compile(
    r"(?P<place>(?:[\p{Lu}][\p{Ll}]+\.?[ \t]){0,4}[\p{Lu}][\p{Ll}]+)?,[ \t]*" + NGAY + r"[ \t]+(?P<d>[0-9Oo]{1,2}|[.…_ ]*)[ \t]*"
    + THANG + r"[ \t]+(?P<m>[0-9Oo]{1,2}|[.…_ ]*)[ \t]*" + NAM + r"[ \t]+(?P<y>" + _Y + r")",
    regex.V1,
)


# --- dates as values -----------------------------------------------------------------------------

_ISO_RE = regex.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")
_DMY_RE = regex.compile(r"\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*")


def ocr_int(s: str | None) -> int | None:
    """The number written in ``s`` with O/o read as 0; None when it is not digits (a blank)."""
    if s is None:
        return None
    s = s.replace("O", "0").replace("o", "0").strip()
    return int(s) if s.isdigit() else None


def parse_iso(value: str | None) -> tuple[int, int, int] | None:
    """(year, month, day) from "2024-06-07" or "07/06/2024"; None when it is neither."""
    if not value:
        return None
    m = _ISO_RE.fullmatch(value)
    if m:
        return int(m[1]), int(m[2]), int(m[3])
    m = _DMY_RE.fullmatch(value)
    if m:
        return int(m[3]), int(m[2]), int(m[1])
    return None


def valid_ymd(y: int | None, m: int | None, d: int | None) -> bool:
    """Whether day and month make a real calendar date."""
    if y is None or m is None or d is None:
        return False
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True
