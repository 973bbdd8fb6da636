"""Timeframes of a plan's tasks: "Năm 2024", "Quý II/2025", "Tháng 6/2024", "Hằng năm",
"2024 - 2025", "Thường xuyên" — the grammar of a timeframe cell and its one spelling.

The keywords tolerate a wrong mark left by restoration or OCR ("Thẳng", "Quy", "Hàng"); how an
English-model OCR garbles a quarter's Roman numeral is the restore stage's business
(``pipeline.restore.ocrfix.timeframes``), what a timeframe is and how it is spelt is here.
"""

from __future__ import annotations

import re

_A = "[aàáảãạăắằẳẵặâấầẩẫậ]"
_Y = "[yýỳỷỹỵ]"
THANG, NAM, QUY, HANG = rf"[Tt]h{_A}ng", rf"[Nn]{_A}m", rf"[Qq]u{_Y}", rf"[Hh]{_A}ng"
_RE_TIME = re.compile(
    rf"(?:{NAM}\s+\d{{4}}(?:\s*[-–]\s*\d{{4}})?|{QUY}(?:\s+[IVX1l]{{1,4}}(?:\s*/\s*\d{{4}})?)?"
    rf"|{THANG}\s+\d{{1,2}}(?:\s*/\s*\d{{4}})?|{HANG}\s+(?:{NAM}|{QUY}|{THANG}|tuần)"
    rf"|Thường xuyên|Định kỳ|Hằng|Hàng|Thường|{THANG}|{NAM}|(?:{QUY}|{THANG}|{NAM})\s+\d{{1,2}}\s*[-–]\s*\d{{1,2}}(?:/\d{{4}})?"
    rf"|\d{{4}}\s*[-–]\s*(?:\d{{4}})?|\d{{1,2}}/\d{{4}}|(?:Trước|trước|Từ|Đến)\s+(?:ngày|tháng|năm)\b.*|\d{{4}})$"
)


def is_time(text: str) -> bool:
    """Whether ``text`` (a cell, punctuation at its ends ignored) is a timeframe."""
    return bool(_RE_TIME.fullmatch(text.strip(" .;,")))


# A timeframe's keyword before its number, read with a wrong mark ("thắng 6/2024", "quỹ II/2024"),
# and "hàng" before a period ("hàng năm"): the grammar has one spelling for each.
_RE_TIME_WORD = re.compile(
    rf"(?<!\w)(?:(?P<thang>{THANG})(?=\s+\d)|(?P<quy>{QUY})(?=\s+[IVXivx1lTt|]{{1,4}}\s*/\s*\d{{4}})"
    rf"|(?P<hang>{HANG})(?=\s+(?:{NAM}|{QUY}|{THANG}|tuần)\b)|(?P<nam>{NAM})(?=\s+\d{{4}}))"
)
_TIME_WORDS = {"thang": "tháng", "quy": "quý", "hang": "hằng", "nam": "năm"}
# A quarter's number after "Quý": I to IV, read with 1, l, | or t for I ("Quý 11/2024", "Quý tv/2025").
_RE_QUARTER = re.compile(r"(?i)(?<=quý )(?P<q>[IVX1lt|]{1,4})(?=\s*/\s*\d{4})")
_QUARTER_GLYPHS = str.maketrans({"1": "I", "l": "I", "|": "I", "t": "I", "T": "I", "i": "I", "v": "V"})


def _quarter(m: re.Match[str], roman: bool) -> str:
    """A quarter's number as the table writes it: "11" and "111" are no quarter (II, III); a lone
    "1" is I only in a table that writes its quarters in Roman numerals."""
    q = m.group("q")
    if q.isdigit() and (q == "1" and not roman or set(q) != {"1"}):
        return q
    r = q.translate(_QUARTER_GLYPHS)
    return r if r in ("I", "II", "III", "IV") else q


def canonical_time(text: str, roman: bool = True) -> str:
    """A timeframe cell in the grammar's spelling: keyword marks and a quarter's Roman number."""
    def word(m: re.Match[str]) -> str:
        w = _TIME_WORDS[m.lastgroup or ""]
        return w.capitalize() if m.group(0)[:1].isupper() else w

    return _RE_QUARTER.sub(lambda m: _quarter(m, roman), _RE_TIME_WORD.sub(word, text))


def roman_quarters(cells: list[str]) -> bool:
    """Whether the table writes quarters in Roman numerals: one of its quarters has a V, an I, or
    a number no quarter has ("11")."""
    return any(re.search(r"(?i)qu\w\s+(?:[IV]+|1[1l]+|[lt]v)\s*/", c) for c in cells)
