"""Vietnamese date lines and citation dates to ISO, keeping the original text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# "Bình Định, ngày 07 tháng 06 năm 2024"; the place is optional; blanks leave the day empty.
# Legacy OCR may leave the keywords garbled ("thắng", "ngaty", "ndm.2024"): inside the date's
# frame (day, month, four-digit year in that order) any letter or two stand for the vowel.
_V = r"[^\W\d_]{1,3}"
RE_DATE_LINE = re.compile(
    rf"(?P<ngay>ng{_V}y)\s*(?P<d>\d{{1,2}})?\s*(?:th{_V}ng)\s*(?P<m>\d{{1,2}})?\s*(?:n{_V}m)\.?\s*(?P<y>\d{{4}})",
    re.I,
)
# "ngày 7/6/2024", "ngày 07-06-2024", "ngày 07.06.2024"
RE_DATE_NUMERIC = re.compile(
    r"(?P<ngay>ngày)\s+(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})",
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


def parse_date(text: str) -> str | None:
    """ISO date of "ngày 07 tháng 6 năm 2024", "ngày 7/6/2024", "Bình Định, ngày ..." or None."""
    m = find_date(text)
    return None if m is None else m.iso
