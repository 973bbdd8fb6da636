"""The document's own date line and the place before it, as OCR of a worn or noisy scan reads
them (the header's right column; ``header`` uses it)."""

from __future__ import annotations

import itertools
import re

from pipeline.structure.patterns import edit_distance
from pipeline.vn.dates import (
    OCR_DIGIT_ALTERNATIVES,
    OCR_DIGIT_GLYPHS,
    OCR_DIGIT_VALUES,
    RE_DATE_LINE,
    DateMatch,
    find_date,
    parse_date,
)
from pipeline.vn.orthography import strip_marks

# --- the document's own date line, as OCR of a worn or noisy scan reads it -------------------------
# The date's frame ("ngày D tháng M năm YYYY") is rigid, so inside it a token in a number's place is
# a number whatever OCR made of its glyphs ("tháng II", "ngày ()4", "tháng !2", "năm 2O2S"), and a
# keyword is the keyword when its skeleton is within an edit of it ("ngàv", "thánq", "tbáng", "nãrn").
OCR_DIGIT_TRANSLATION = str.maketrans(OCR_DIGIT_GLYPHS, OCR_DIGIT_VALUES)
GLYPH = rf"[0-9{re.escape(OCR_DIGIT_GLYPHS)}]"
# "1 1": a two-digit number split by a space; three glyphs: "IïÏ" (the strokes of 11), "$4" (a speck);
# "20 0": a number and a speck below the line read as a glyph of its own
_SLOT = rf"(?:\(\)|{GLYPH}){{1,3}}|{GLYPH}{{1,2}}[ ]{GLYPH}"
_WORD = r"[^\W\d_]"
_SPECK = r"[.,:']?"  # a speck OCR leaves after a word or number of the date
# a speck before a number read as an opening bracket ("ngày (04"): the frame prints none, and "()"
# is a 0's glyph, not this
_BRACKET = r"(?:\((?!\)))?"
# "ngày" may be read as a mark of its own ("Tiền Giang, . 20 tháng 12 năm 2024": the word's box,
# nothing legible in it); the rest of the frame still says where the day stands
_LOST_KEYWORD = r"[^\w\s]{1,2}"
_OCR_DATE = re.compile(
    rf"(?<!{_WORD})(?P<k1>{_WORD}{{2,6}}|{_LOST_KEYWORD}){_SPECK}\s*{_BRACKET}(?P<d>{_SLOT}){_SPECK}\s*(?P<k2>{_WORD}{{3,7}}){_SPECK}\s*"
    rf"{_BRACKET}(?P<m>{_SLOT}){_SPECK}\s*(?P<k3>{_WORD}{{2,5}}){_SPECK}\s*(?P<y>(?:\(\)|{GLYPH}){{4}})(?![\w])"
)
_KEYWORDS = (("ngay", 1), ("thang", 2), ("nam", 1))


def _near(word: str, key: str, most: int) -> bool:
    """Whether ``word``'s skeleton (marks off, lower case) is within ``most`` edits of ``key``."""
    # "rn" is what the English model reads for an m, "ri" for an n ("rigay")
    return edit_distance(strip_marks(word).lower().replace("rn", "m").replace("ri", "n"), key) <= most


def as_digits(slot: str) -> str:
    return slot.replace("()", "0").replace(" ", "").translate(OCR_DIGIT_TRANSLATION)


def _keyword_lost(line: str, m: re.Match[str]) -> bool:
    """Whether the date's first keyword was read as a mark or as another short word in its place
    ("Lạng Sơn, Tờ 22 tháng 7 năm 2022"): right after the place's comma, a capitalised word before it."""
    k1, before = m.group("k1"), line[: m.start()].rstrip()
    place = before[:-1].split()[-1:] if before.endswith(",") else []
    return bool(place) and place[0][:1].isupper() and (not k1[0].isalnum() or len(k1) <= 4)


def _glyph_digits(c: str) -> list[str]:
    return [c] if c.isdigit() else [c.translate(OCR_DIGIT_TRANSLATION), *OCR_DIGIT_ALTERNATIVES.get(c, "")]


def _readings(slot: str, most: int = 9999) -> tuple[list[str], list[str]]:
    """The numbers a slot of digit glyphs may be: every reading of its glyphs (an S is a 5 or an 8),
    and, only when none of those makes a date, the readings of a damaged slot: three strokes for the
    two of 11 ("IïÏ"), a speck beside a digit left out ("$4" -> 4; a letter glyph is never a speck),
    a lone glyph beside a two-glyph number left out ("20 0": a speck read apart), or one digit's
    glyph read as two ("5Š", "Š$" for an italic 5: one glyph at least no digit, and a digit that
    both glyphs may be; a pair of real digits, "33", is never one).  The last two only when no
    reading of the glyphs is a number the slot may hold (``most``: 31 for a day, 12 for a month):
    "tháng II" is 11 even where the day makes 11 no date."""
    s = slot.replace("()", "0").replace(" ", "")
    options = [_glyph_digits(c) for c in s]
    primary = ["".join(p) for p in itertools.product(*options)]
    damaged: list[str] = []
    if len(s) == 3 and all(o[0] == "1" for o in options):
        damaged.append("11")
    if len(s) >= 2 and any(c.isdigit() for c in s):
        damaged += [as_digits(s[:k] + s[k + 1 :]) for k, c in enumerate(s) if not c.isalnum()]
    if not any(r.isdigit() and 0 < int(r) <= most for r in primary):
        pieces = slot.replace("()", "0").split(" ")
        if len(pieces) == 2 and sorted(len(p) for p in pieces) == [1, 2]:
            damaged += [as_digits(p) for p in pieces if len(p) == 2]
        if len(s) == 2 and not (s[0].isdigit() and s[1].isdigit()):
            damaged += [d for d in options[0] if d in options[1]]
    return primary, list(dict.fromkeys(d for d in damaged if d not in primary))


def _ocr_date(line: str) -> DateMatch | None:
    """The date of a date line that ``find_date`` could not read, its number glyphs and keywords
    taken as OCR damaged them; the text is the date as printed (place kept, numbers repaired).
    When the glyphs read as more than one valid date (an S for 5 or 8), the first is the date and
    the others are its ``alternatives``."""
    for m in _OCR_DATE.finditer(line):
        if not all(_near(m.group(k), key, most) or (k == "k1" and _keyword_lost(line, m)) for k, (key, most)
                   in zip(("k1", "k2", "k3"), _KEYWORDS, strict=True)):
            continue
        (days, days2), (months, months2) = _readings(m.group("d"), 31), _readings(m.group("m"), 12)
        years = [y for y in _readings(m.group("y"))[0] if y.isdigit() and y[:2] in ("19", "20")]
        for tier in (0, 1):
            found: list[tuple[str, str, str, str]] = []
            for d in days + (days2 if tier else []):
                for mo in months + (months2 if tier else []):
                    if tier and d in days and mo in months:
                        continue
                    for y in years:
                        iso = _iso_date(d, mo, y)
                        if iso is not None and all(iso != f[3] for f in found):
                            found.append((d, mo, y, iso))
            if not found:
                continue
            d, mo, y, _ = found[0]
            fixed = f"{line[: m.start()]}ngày {d} tháng {mo} năm {y}"
            got = find_date(fixed)
            if got is not None and got.iso is not None:
                return DateMatch(got.iso, got.place, fixed[got.start :], got.start, m.end(), tuple(f[3] for f in found[1:]))
    return None


def _iso_date(d: str, mo: str, y: str) -> str | None:
    if not (d.isdigit() and mo.isdigit() and y.isdigit()) or len(d) > 2 or len(mo) > 2:
        return None
    return parse_date(f"ngày {d} tháng {mo} năm {y}")


# A word of a place name as OCR may leave it: capitalised, maybe with a speck period ("Ha. Tỉnh").
_LOOSE_PLACE_WORD = re.compile(r"^[^\W\d_][^\W\d_]*\.?$")
# the unit and its name at the end of an authority; a Party committee's "ỦY" after the unit ("TỈNH ỦY
# KHÁNH HÒA": the province's committee) is no part of the name
LOCALITY = re.compile(r"(?:TỈNH|THÀNH PHỐ|TP\.|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)(?:\s+[ỦU]Y)?\s+(?P<name>[^\d]+?)\s*$")


def loose_words(head: str) -> list[re.Match[str]]:
    """The trailing words of ``head`` (the text before ", ngày") that may be a place name."""
    words = list(re.finditer(r"\S+", head.rstrip(" ,")))
    keep: list[re.Match[str]] = []
    for w in reversed(words):
        t = w.group(0)
        if len(keep) >= 4 or not (t[:1].isupper() and _LOOSE_PLACE_WORD.match(t)) or (len(t) > 2 and t.isupper()):
            break
        keep.insert(0, w)
    return keep


def loose_place(head: str) -> str | None:
    """The place before the date as OCR left it ("Ha. Tỉnh", "Làm Đúng"), or None."""
    return " ".join(w.group(0) for w in loose_words(head)) or None


def place_start(text: str, d: DateMatch) -> int:
    """Where the date's column starts in a legacy line: its place, garbled words included."""
    words = loose_words(text[: d.start + len(d.place or "")])
    return min(words[0].start(), d.start) if words else d.start


def skeleton(t: str) -> str:
    return "".join(c for c in strip_marks(t).lower() if c.isalpha())


def place_of_authority(place: str | None, authority: object) -> str | None:
    """The authority's locality ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG" -> "Lâm Đồng") when the place OCR
    read is that name garbled ("Làm Đúng", "Ha. Tỉnh", "Sọc Trắng"); None when it is not."""
    m = LOCALITY.search(authority) if isinstance(authority, str) and place else None
    if m is None or place is None:
        return None
    name, seen = skeleton(m.group("name")), skeleton(place)
    if not name or not _near(seen, name, max(1, len(name) // 5)):
        return None
    return " ".join(w[:1] + w[1:].lower() for w in m.group("name").split())


def printed_keywords(text: str) -> str:
    """A date's text with its keywords as printed when OCR damaged them ("ngày 17 tháng 7 ndm.2024"
    -> "ngày 17 tháng 7 năm 2024"); the numbers stay as they were read."""
    m = RE_DATE_LINE.search(text)
    if m is None or not (m.group("d") and m.group("m")):
        return text
    return f"{text[: m.start()]}ngày {m.group('d')} tháng {m.group('m')} năm {m.group('y')}{text[m.end() :]}"


# A dash between a word and a number of the date ("năm-2022", "tháng 10-năm"): a speck of the scan
# (the frame puts none there; a place's own dash, "Bà Rịa-Vũng Tàu", joins two words).
_DASH_SPECK = re.compile(r"(?<=[^\W\d_])[-–—~](?=\d)|(?<=\d)[-–—~](?=[^\W\d_])")


# Restoration may take a digit's glyph for something else: the stroke of a 1 read "|" for a cell's
# rule (a TAB), a 0 read "O" given a Vietnamese mark ("Ở") when it stands alone.  In the date's
# frame both are the digit's glyph again.
_MARKED_O = re.compile(r"(?<![^\W\d_])[ÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢóòỏõọôốồổỗộơớờởỡợ](?![^\W\d_])")


# A glyph no word has, read inside a word ("n&éim" for năm): a speck on the word.
_INNER_SPECK = re.compile(r"(?<=[^\W\d_])[&*#^~`'’]+(?=[^\W\d_])")
# A year OCR split at a gap between its digits ("năm 201 9") or by a speck read as a mark there ("năm
# 202.3"): four digits with one space or one mark among them (no number of the frame holds a mark).
_SPLIT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{0,2})(?: |[.,:;'`’] ?)(\d{1,2})(?!\d)")


# What follows a cited document's date ("... ngày 17/7/2022 của Bộ Nội vụ"); the document's own
# date line ends with its year.
_CITED_BY = re.compile(r"^[\s,]*(?:của|do|về|tại)\b", re.IGNORECASE)


def read_date(line: str) -> DateMatch | None:
    """The document's own date in a header line: as ``find_date`` reads it, else through OCR damage."""
    got = find_date(line) or _ocr_date(line)
    # one character for one: the positions in the line hold
    if got is None and (fixed := _MARKED_O.sub("O", _DASH_SPECK.sub(" ", line)).replace("\t", "|")) != line:
        got = find_date(fixed) or _ocr_date(fixed)
    if got is None and _INNER_SPECK.search(line):
        # the specks taken out, the date's start mapped back to the line as read
        keep = [k for k in range(len(line)) if not any(m.start() <= k < m.end() for m in _INNER_SPECK.finditer(line))]
        d = read_date("".join(line[k] for k in keep))
        if d is not None:
            got = DateMatch(d.iso, d.place, d.text, keep[d.start], keep[min(d.end, len(keep)) - 1] + 1, d.alternatives)
    if got is None and (m := _SPLIT_YEAR.search(line)) and len(m.group(1) + m.group(2)) == 4:
        d = read_date(line[: m.end(1)] + line[m.start(2) :])
        if d is not None:
            cut = m.start(2) - m.end(1)  # the space or the mark taken out
            got = DateMatch(d.iso, d.place, d.text, d.start, d.end + cut * (d.end > m.end(1)), d.alternatives)
    if got is not None and _CITED_BY.match(line[got.end :]):
        return None  # a date the body cites ("ngày 17/7/2022 của Bộ Nội vụ") read into the column
    return got


def glyph_number(digits: str) -> str:
    """A pattern for a số as OCR of a worn citation may read it: each digit as itself or a glyph OCR
    reads for it ("I L1" for 111), specks or a space between them ("1! 15" for 115)."""
    def one(d: str) -> str:
        glyphs = "".join(g for g, v in zip(OCR_DIGIT_GLYPHS, OCR_DIGIT_VALUES, strict=True) if v == d)
        return f"[{re.escape(d + glyphs)}]"
    return r"[\s!'`.,|]{0,2}".join(one(d) for d in digits)


def joined_numeric_dates(text: str) -> str:
    """``text`` with a month or day OCR split by a space between a numeric date's slashes joined
    ("28/1 1/2024" -> "28/11/2024": the slashes bracket one number)."""
    return re.sub(r"(?<=/)(\d) (\d)(?=/)", r"\1\2", text)
