"""Date forms of reference §3: "15/6/2023", "01-10-1997", "1.2.2019", "17 tháng 6 năm 2026"."""

from __future__ import annotations

import regex

from pipeline.citations.model import DateValue

# OCR drops or swaps the marks of these three words; accept the common damaged spellings.
NGAY = r"(?i:ng[àaáạảãéèê]y)"
THANG = r"(?i:th[áaàạả]ng)"
NAM = r"(?i:n[ămaâàăảdi]m)"

_D = r"[0-9Oo]{1,2}"
_Y = r"(?:19|2[0Oo])[0-9Oo]{2}"
_BLANK = r"[ \t.…_]*"

# Written after "ngày" (or alone for Party style "01-10-1997"): numeric with one separator kind.
NUMERIC_DATE = (
    r"(?P<d>" + _D + r")[ \t]?(?P<sep>[/.\-])[ \t]?(?P<m>" + _D + r")[ \t]?(?P=sep)[ \t]?(?P<y>" + _Y + r")"
)
WORDS_DATE = (
    r"(?P<wd>" + _D + r")\s+" + THANG + r"\s+(?P<wm>" + _D + r")\s+" + NAM + r"\s+(?P<wy>" + _Y + r")"
)
BLANK_DATE = (
    r"(?P<bd>" + _BLANK + r")/(?P<bm>" + _BLANK + r")/[ \t]*(?P<by>" + _Y + r")"
    r"|" + r"(?P<bwd>" + _BLANK + r")" + THANG + r"(?P<bwm>" + _BLANK + r")" + NAM + r"[ \t]+(?P<bwy>" + _Y + r")"
)

# "ngày" + a date, anchored at the start of the text after a symbol.
AFTER_SYMBOL_RE = regex.compile(
    r"[ \t]*(?:[-‐–][ \t]*)?,?\s*(?:(?:được\s+)?ban\s+hành\s+)?" + NGAY + r"\s+(?:"
    + NUMERIC_DATE + r"|" + WORDS_DATE + r"|" + BLANK_DATE + r")(?![0-9])",
    regex.V1 | regex.IGNORECASE,
)

# A document's own date line: "<place>, ngày 07 tháng 6 năm 2024" (tokens kept raw to check padding).
DATE_LINE_RE = regex.compile(
    r"(?P<place>(?:[\p{Lu}][\p{Ll}]+\.?[ \t]){0,4}[\p{Lu}][\p{Ll}]+)?,[ \t]*" + NGAY + r"[ \t]+(?P<d>[0-9Oo]{1,2}|[.…_ ]*)[ \t]*"
    + THANG + r"[ \t]+(?P<m>[0-9Oo]{1,2}|[.…_ ]*)[ \t]*" + NAM + r"[ \t]+(?P<y>" + _Y + r")",
    regex.V1,
)


_ISO_RE = regex.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")
_DMY_RE = regex.compile(r"\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*")


def _int(s: str | None) -> int | None:
    if s is None:
        return None
    s = s.replace("O", "0").replace("o", "0").strip()
    return int(s) if s.isdigit() else None


def date_from_match(m: regex.Match[str], offset: int = 0) -> DateValue:
    """A DateValue from a match of AFTER_SYMBOL_RE (spans shifted by ``offset``)."""
    g = m.groupdict()
    if g.get("d") is not None:
        style = {"/": "slash", "-": "dash", ".": "dot"}[g["sep"]]
        s, e = m.start("d"), m.end("y")
        d, mo, y = _int(g["d"]), _int(g["m"]), _int(g["y"])
    elif g.get("wd") is not None:
        style, s, e = "words", m.start("wd"), m.end("wy")
        d, mo, y = _int(g["wd"]), _int(g["wm"]), _int(g["wy"])
    elif g.get("by") is not None:
        style, s, e = "blank", m.start("bd"), m.end("by")
        d, mo, y = None, None, _int(g["by"])
    else:
        style, s, e = "blank", m.start("bwd"), m.end("bwy")
        d, mo, y = None, None, _int(g["bwy"])
    text = m.string[s:e]
    return DateValue(text, d, mo, y, style, (s + offset, e + offset))


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
    from datetime import date

    if y is None or m is None or d is None:
        return False
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True
