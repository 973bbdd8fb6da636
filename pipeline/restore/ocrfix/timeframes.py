"""Quarters in a plan's timeframes, as an English-model OCR reads them: "Quý I/2025".

A quarter is written ``Quý`` + a Roman numeral (I to IV) + ``/`` + the year.  The English model
reads the numeral's strokes as digits or l ("1/2025", "11/2025", "111/2025", "1V/2025",
"IVv/2019") and the word without its mark ("Quy", "Quỹ").  The grammar is unambiguous where the
numeral stands right after the quarter word: "quy"/"quỹ" are never followed by a number and a
year, and a quarter has no number above IV, so "11" and "111" are strokes, not eleven.  A lone
"1" is "I" only where the same page writes its quarters in Roman numerals (a plan keeps one
style; "quý 1/2025" in Arabic figures is also written, and a printed digit is never changed on a
guess).

In a narrow timeframe column the numeral often wraps: "Quý" ends one line, "IV/2019" ends the
next (the cell's next fragment).  That case is read the same way, the quarter word being the
last word of one line and the numeral the last token of the next, except that two like strokes
there are III: a numeral wraps because the cell is too narrow for it, which a wider numeral
makes likelier (dev legacy sets: a wrapped "11" is III 119 times, II 50; on the quarter word's
line, II 201, III 68).  Where even a lone stroke ("Quý I") wraps and no quarter of the page fits
on its word's line, the column is too narrow for any numeral and a wrap says nothing of width:
two strokes read are then II (dev_36 even, all 150 dpi: such wrapped "11" were II 6 times of 7).
"""

from __future__ import annotations

import re

# The quarter word as read: Quy, Quý, Quỹ, Qui, QUY ... (a trailing ":" or "." is speck).
_QUARTER_WORD = r"(?:[Qq]u[yýỹỳỷỵi]|QU[YÝỸỲỶỴI])"
# The numeral as read: I, II, III, IV in strokes read as 1, l, I, | and V as V or v.
# V is also read as the yen sign ("1¥/2020"): its two strokes and the bar of a serif.
_NUMERAL = r"(?:[1lILT|H]{1,3}|[1lIT][’']?[Vv¥]v?|V)"  # "I'V": a speck between the strokes
_YEAR = r"(?:19|20)\d\d"
_SAME_LINE = re.compile(rf"(?<!\w)({_QUARTER_WORD})[:.]?(\s+)({_NUMERAL})/({_YEAR})(?![\w/])")
_WORD_AT_END = re.compile(rf"(?<!\w)({_QUARTER_WORD})[:.]?\s*$")
# A speck read as "." after the year ends no timeframe cell ("11/2020."): it goes with the repair.
_NUMERAL_AT_END = re.compile(rf"(?<![\w/])({_NUMERAL})/({_YEAR})\.?\s*$")
_ROMAN_QUARTER = re.compile(
    rf"(?<!\w){_QUARTER_WORD}[:.]?\s+(?:II|III|IV|11|111|[1lIT][Vv¥]|T?H)/{_YEAR}|(?<![\w/])(?:II|III|IV)/{_YEAR}"
)
# A quarter in Arabic figures other than 1 ("Quý 2/2025"): the page writes its quarters so, and
# a lone "1" there is one too, whatever else looks Roman.
_ARABIC_QUARTER = re.compile(rf"(?<!\w){_QUARTER_WORD}[:.]?\s+[2-4]/{_YEAR}(?![\w/])")


def _roman(numeral: str, arabic_ones: bool, wrapped: bool = False) -> str | None:
    """The Roman numeral that the strokes read, or None where "1" may be Arabic.  A stroke is
    read as I, l, 1, L, T or |; two joined strokes as H ("TH" is III); V as V or v.  ``wrapped``:
    the numeral wrapped away from its quarter word (see the module docstring)."""
    if numeral == "1" and arabic_ones:
        return None
    if wrapped and len(numeral) == 2 and numeral[0] == numeral[1] and numeral[0] in "1lI":
        return "III"
    if "V" in numeral.upper() or "¥" in numeral:
        return "IV"
    # The English model reads a lone stroke "1", never "I": a capital I alone is two strokes run
    # together ("II"); a T is the serifs of three strokes joined at the top ("T", "T1", "TI" are
    # III); two strokes read in two different shapes ("I1", "Il", "IL") are mostly three with one
    # lost (dev sets 07-21: "I" 11 of 11 II; T-readings 12 of 13 III; mixed pairs 6 of 7 III).
    if numeral == "I":
        return "II"
    if "T" in numeral:
        return "III"
    if len(numeral) == 2 and numeral[0] != numeral[1] and "H" not in numeral:
        return "III"
    strokes = sum(2 if c == "H" else 1 for c in numeral)
    return "I" * strokes if strokes <= 3 else None


def _put(
    out: list[str], frozen: dict[int, set[int]], i: int, span: tuple[int, int], new: str, keep: bool = True
) -> None:
    """Replace ``span`` of line ``i`` by ``new``, with ``keep`` a word the decoder keeps (its
    offset is added to ``frozen``); the line's later frozen offsets move with the text."""
    start, end = span
    delta = len(new) - (end - start)
    out[i] = out[i][:start] + new + out[i][end:]
    moved = {o + delta if o >= end else o for o in frozen.get(i, set())}
    if keep:
        moved.add(start)
    if moved:
        frozen[i] = moved


def _word(word: str) -> str:
    return "QUÝ" if word.isupper() else "Quý" if word[0].isupper() else "quý"


# A month: "Tháng" + 1..12 + "/" + the year; "thang", "thắng", "thẳng", "thăng" + a month and a
# year are no Vietnamese, so the word is "Tháng" (often wrapped too: "Tháng" / "6/2022").
_MONTH_WORD = r"(?:[Tt]h[aáàảãạăắằẳẵặâấầẩẫậ]ng|TH[AÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬ]NG)"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_MONTH_SAME_LINE = re.compile(rf"(?<!\w)({_MONTH_WORD})[:.]?(\s+{_MONTH}/{_YEAR})(?![\w/])")
_MONTH_WORD_AT_END = re.compile(rf"(?<!\w)({_MONTH_WORD})[:.]?\s*$")
_MONTH_AT_END = re.compile(rf"(?<![\w/]){_MONTH}/{_YEAR}\s*$")


def _month_word(word: str) -> str:
    return "THÁNG" if word.isupper() else "Tháng" if word[0].isupper() else "tháng"


# "Hằng năm" ending a table line (the timeframe cell), as read: "Hang nim", "Hing nim", "Hang nam";
# the grammar of a timeframe cell spells it so (``pipeline.vn.timeframes``), though "hàng năm" is
# Vietnamese too and the LM alone prefers it.
_YEARLY_AT_END = re.compile(r"(?<!\S)(H[aàằi]ng)[ ]+(n[aăi]m)\s*$")
_YEARLY_LINE = re.compile(r"\s*H[aàằi]ng[ ]+n[aăi]m\s*")
# A quarter word alone in the last cell of a table line (its numeral lost or unreadable).
_QUARTER_CELL_AT_END = re.compile(rf"(?:^|\t)\s*({_QUARTER_WORD})[:.]?\s*$")


# "Thường xuyên" wrapped in the timeframe column: "Thuong" ("Thudng", "Thutmg") ends one table
# line, "xuyén" the next; alone, the LM reads the first word "Thương".
_OFTEN_AT_END = re.compile(r"(?<!\S)(Th[a-zà-ỹ]{1,4}ng)\s*$")
_OFTEN_TAIL_AT_END = re.compile(r"(?<!\S)(xu[yýi][eéèêế]n)\s*$")


def _repair_often(out: list[str], table: list[bool], frozen: dict[int, set[int]], i: int) -> None:
    if i + 1 < len(out) and table[i] and (w := _OFTEN_AT_END.search(out[i])):
        if (t := _OFTEN_TAIL_AT_END.search(out[i + 1])) is not None:
            _put(out, frozen, i + 1, t.span(1), "xuyên")
            _put(out, frozen, i, w.span(1), "Thường")


def repair_months(lines: list[str], table: list[bool], frozen: dict[int, set[int]]) -> list[str]:
    """Table lines with the month word of "Tháng 6/2025", a yearly timeframe ("Hằng năm") and a
    quarter word alone in the last cell read back; their offsets are added to ``frozen``."""
    out = list(lines)
    for i, line in enumerate(lines):
        if _YEARLY_LINE.fullmatch(line) and (y := _YEARLY_AT_END.search(line)):
            # a timeframe cell alone on its line (a table read cell by cell, its rules unseen)
            _put(out, frozen, i, y.span(2), "năm")
            _put(out, frozen, i, y.span(1), "Hằng")
            continue
        if not table[i] and not (i and table[i - 1]):
            continue
        if table[i] and (y := _YEARLY_AT_END.search(line)):
            _put(out, frozen, i, y.span(2), "năm")
            _put(out, frozen, i, y.span(1), "Hằng")
        elif table[i] and (q := _QUARTER_CELL_AT_END.search(line)) and q.group(1)[:1].isupper():
            _put(out, frozen, i, q.span(1), _word(q.group(1)))
        _repair_often(out, table, frozen, i)
        line = out[i]
        wrapped = i + 1 < len(lines) and table[i] and _MONTH_AT_END.search(lines[i + 1])
        if wrapped and (w := _MONTH_WORD_AT_END.search(line)):
            _put(out, frozen, i, w.span(1), _month_word(w.group(1)))
        for m in reversed(list(_MONTH_SAME_LINE.finditer(line))):
            _put(out, frozen, i, m.span(1), _month_word(m.group(1)))
    return out


def _wrapped_roman(lines: list[str]) -> bool:
    """A quarter whose numeral wrapped onto the next line ("Quy" / "11/2024", "Quy" / "1V/2024")
    in strokes other than a lone "1" or "l": the page writes its quarters in Roman numerals."""
    for prev, line in zip(lines, lines[1:], strict=False):
        n = _NUMERAL_AT_END.search(line)
        if n is not None and n.group(1) not in ("1", "l") and _WORD_AT_END.search(prev):
            return True
    return False


_ARABIC_AT_END = re.compile(rf"(?<![\w/])[2-4]/{_YEAR}\.?\s*$")


def _arabic(text: str, lines: list[str]) -> bool:
    """A quarter in Arabic figures other than 1, on its word's line or wrapped below it."""
    wrapped = any(_ARABIC_AT_END.search(b) and _WORD_AT_END.search(a) for a, b in zip(lines, lines[1:], strict=False))
    return wrapped or bool(_ARABIC_QUARTER.search(text))


def repair_quarters(lines: list[str], table: list[bool]) -> tuple[list[str], dict[int, set[int]]]:
    """The lines with their quarters repaired, and per line the start offsets of the quarter
    words put right (the decoder keeps them: the grammar decided them, not the LM)."""
    text = "\n".join(lines)
    # Does the page write its quarters in Roman numerals?  Then a lone "1" is one too.
    arabic_ones = _arabic(text, lines) or not _ROMAN_QUARTER.search(text) and not _wrapped_roman(lines)
    out = list(lines)
    fixed: dict[int, set[int]] = {}

    for i in range(len(out)):
        for m in reversed(list(_SAME_LINE.finditer(out[i]))):
            roman = _roman(m.group(3), arabic_ones) or m.group(3)
            if not roman.isdigit() and roman not in ("I", "II", "III", "IV"):
                continue  # "l/2025" in a page of Arabic quarters: left to the decoder
            _put(out, fixed, i, m.span(3), roman, keep=False)
            _put(out, fixed, i, (m.start(1), m.start(2)), _word(m.group(1)))
    # A wrap says the numeral is wide unless the narrowest one (a lone stroke) wraps too and no
    # quarter fits on its word's line.
    narrow = any((n := _NUMERAL_AT_END.search(b)) is not None and n.group(1) in ("1", "l", "I") and _WORD_AT_END.search(a)
                 for a, b in zip(lines, lines[1:], strict=False))  # fmt: skip
    fits = not narrow or any(_SAME_LINE.search(ln) for ln in lines)
    for i in range(1, len(out)):  # the numeral wrapped onto the next line of the same cell
        w, n = _WORD_AT_END.search(out[i - 1]), _NUMERAL_AT_END.search(out[i])
        if w is None or n is None:
            continue
        # on a table's lines, or a column read apart: the word alone, then the numeral alone
        alone = not out[i - 1][: w.start()].strip() and not out[i][: n.start()].strip()
        if not (table[i - 1] or table[i] or alone):
            continue
        roman = _roman(n.group(1), arabic_ones, wrapped=fits)
        if roman is None:
            continue
        _put(out, fixed, i - 1, (w.start(), len(out[i - 1])), _word(w.group(1)))
        _put(out, fixed, i, (n.start(), len(out[i])), f"{roman}/{n.group(2)}", keep=False)
    return out, fixed


# -- unit heads ---------------------------------------------------------------------------------
# "Sở" (a provincial department) opens most unit names of a plan's lead and coordinating
# columns; the English model reads it "S6", "SO", "S@", "$6", "S¢", "So", "Sé", "SG", "S&", "S06".
# A capitalised reading of that shape before a capitalised word ("S6 Tai chinh") begins a
# proper name, on any line; ending a table line after a comma ("Dau tu, SO": the name wraps
# onto the next line) too.  "Số", "So", "Sợ" start no name.
_SO_SHAPE = r"(?:S|\$)(?:[oO0@6éèóòơôõờớởợỡốồổộỗG¢&]|¢6|06|o6|O6)"
_SO_BEFORE_NAME = re.compile(rf"(?<!\S)({_SO_SHAPE})(?=[ ]+(?:[A-ZĐ][a-zà-ỹđ]|K[EÉÈẾ€]\b))")
_SO_AT_END = re.compile(rf"(?<=,[ ])({_SO_SHAPE})\s*$")


# "xã" (a commune) in the enumeration of local units "huyện, thị xã, thành phố": in a narrow unit
# cell the English model loses or misreads its vowel ("x,", "xd,", "xi,", "x8,"), and where the
# cell's rule is lost too the word sits after another cell's text ("tinh xa, thanh pho"), with no
# context that tells the LM "xã" from "xa".  Before ", thành phố" it is the unit.
_COMMUNE = re.compile(r"(?<!\S)(x[a-z0-9à-ỹ]?)(?=,[ ]+th[a-zà-ỹ]{2,4}[ ]+ph[^\s,.;]?(?![^\s,.;]))")


def repair_unit_heads(lines: list[str], table: list[bool], frozen: dict[int, set[int]]) -> list[str]:
    """The lines with "Sở" read back where its shape opens a unit name, and "xã" before ", thành
    phố"; the repaired words' offsets are added to ``frozen``."""
    out = list(lines)
    for i, line in enumerate(lines):
        near_table = any(table[max(0, i - 1) : i + 2])
        spans = [(m.span(1), "Sở") for m in _SO_BEFORE_NAME.finditer(line)]
        spans += [(m.span(1), "Sở") for m in _SO_AT_END.finditer(line)] if near_table else []
        spans += [(m.span(1), "xã") for m in _COMMUNE.finditer(line)] if near_table else []
        for span, word in sorted(set(spans), reverse=True):
            _put(out, frozen, i, span, word)
    return out
