"""The outline marks of a page: Roman numerals of its top-level headings put back into their
sequence, and list dashes read as other marks.

A document's top-level parts are numbered "I.", "II.", "III." before a title in capitals.  The
English model reads the strokes of a small bold numeral as any of I, l, L, 1, |, i ("Il." for
"II."), merges two of them ("Il." for "III.") or loses one ("I." for "II." when the strokes touch).
Left alone, the decoder reads "Il" as the pronoun "I" or keeps it.  The numbers follow one another,
so a heading after another on the same page is the next number; the first heading of a page is
read by its strokes.  Only lines that are a numeral and a title in capitals count, only on pages
where at least one such numeral has a capital I, V or X (a page numbering its parts "1.", "2."
keeps them), and only numerals made of strokes are renumbered (a "V" or "X" read as such is kept).
"""

from __future__ import annotations

import re

# The numeral (strokes, V, X; "1" and "l" are strokes as read) and its dot (a speck may read
# "," or ":"), then the title.
_HEADING = re.compile(r"(\s*)([IVXLl1|i!]{1,4})([.,:])(\s+)(\S.*)$")
_STROKES = str.maketrans({c: "I" for c in "Ll1|i!"})
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_MIN_TITLE_LETTERS = 4
_CAPS_SHARE = 0.85  # of the title's letters in capitals (a garbled mark reads as a lower-case letter)


def _caps_title(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= _MIN_TITLE_LETTERS and sum(c.isupper() for c in letters) >= _CAPS_SHARE * len(letters)


def _value(numeral: str) -> int | None:
    """The numeral's value with every stroke read as I, or None where it spells none."""
    read = numeral.translate(_STROKES)
    return _ROMAN.index(read) + 1 if read in _ROMAN else None


_ARABIC = re.compile(r"\s*[2-9][.,:]\s+(\S.*)$")


def _arabic_parts(lines: list[str], skip: list[bool] | None) -> bool:
    """Whether the page numbers titles in capitals with digits ("2. MỤC TIÊU"): then a "1." is one."""
    return any((skip is None or not skip[i]) and (m := _ARABIC.match(ln)) is not None and _caps_title(m.group(1))
               for i, ln in enumerate(lines))  # fmt: skip


def repair_headings(lines: list[str], skip: list[bool] | None = None) -> list[str]:
    """The lines with each top-level heading numeral that its page's sequence explains rewritten;
    lines where ``skip`` is true (a table's) are neither read nor changed."""
    found: list[tuple[int, re.Match[str]]] = []
    for i, ln in enumerate(lines):
        if skip is not None and skip[i]:
            continue
        m = _HEADING.match(ln)
        if m is not None and _caps_title(m.group(5)) and (m.group(2) in _ROMAN or _value(m.group(2)) is not None):
            found.append((i, m))
    if not any(any(c in "IVX" for c in m.group(2)) for _, m in found) or _arabic_parts(lines, skip):
        return lines
    out = list(lines)
    prev: int | None = None
    for i, m in found:
        numeral = m.group(2)
        own = _value(numeral)
        strokes = set(numeral.translate(_STROKES)) == {"I"}
        value = own
        if prev is not None and strokes:
            # strokes lost or merged: the next part's number, where strokes can spell it
            value = prev + 1 if prev + 1 <= 3 and len(numeral) <= prev + 1 else None
        if value is None:
            prev = None  # out of sequence: kept as read
            continue
        prev = value
        new = f"{m.group(1)}{_ROMAN[value - 1]}.{m.group(4)}{m.group(5)}"
        if new != lines[i]:
            out[i] = new
    return out


def numeral_start(line: str) -> int | None:
    """Where a heading's Roman numeral starts on ``line`` ("II. NHIỆM VỤ"), for the decoder to
    keep it: read as a word, "II" may become a syllable."""
    m = _HEADING.match(line)
    return m.start(2) if m is not None and m.group(2) in _ROMAN and _caps_title(m.group(5)) else None


# A list item's dash read as "~", "=" or "_" (at 150 dpi the stroke thickens, doubles or sinks):
# the 28 line-opening "~", "~~", "=" and "_" before a word in the dev-split legacy documents of
# pools 20/21/24/27 were all "-", and 2 of 3 "~" before a number
# (a range's end carried to the next line, "- 2022."); the English model reads "+" well (97 of
# 98 line-opening "+" were "+").
_DASH = re.compile(r"^(\s*)(?:[~=]{1,2}|_)(?:\s+|(?=[A-ZĐ]))(?=[^\W_])")


def repair_dash(line: str) -> str:
    """A line opening with "~", "=" or "_" before a word opens with the list dash "-"."""
    return _DASH.sub(r"\1- ", line)


# A sentence's full stop at the end of a line read as a comma (at 150 dpi the dot grows a tail):
# before a line that opens a new list item or part ("- Xây dựng", "b) Đẩy mạnh", "3. Sở Nội vụ"),
# a line-final comma closed its sentence with a full stop 34 times of 43 in the OCR of the
# dev-split legacy documents (pools 07-27; 2 commas, 1 semicolon, 6 no mark); a wrapped sentence
# goes on in lower case, and before one the comma is kept (828 of 840 were commas).
_ITEM_START = re.compile(r"\s*(?:[-+]\s+[A-ZĐÀ-Ỹ]|[a-zđ]\)\s|\d{1,2}(?:\.\d{1,2})*\.\s+[A-ZĐÀ-Ỹ]|[IVX]{1,4}\.\s)")
_COMMA_END = re.compile(r"([^\W_]),(\s*)$")


# A semicolon at the end of a one-line list item read as a colon (the comma tail lost): "- Bộ
# TTTT:" between two recipients.  A one-line item of a list ending with a colon before the next
# item with the same marker was ";" 40 times of 41 in the OCR of those documents (1 "."), never a
# colon: an item that opens a list of its own is followed by items of another marker ("+", "a)").
_ONE_LINE_ITEM = re.compile(r"\s*([-+])\s+\S")
_COLON_END = re.compile(r"(?<=[^\W_]):\s*$")


def repair_line_ends(lines: list[str], skip: list[bool] | None = None) -> list[str]:
    """A line ending a word with a comma before a line that opens a list item ends with a period,
    a one-line list item ending with a colon before the next item ends with a semicolon; lines
    where ``skip`` is true (a table's) are neither read nor changed."""
    out = list(lines)
    for i in range(len(lines) - 1):
        if skip is not None and (skip[i] or skip[i + 1]):
            continue
        lone_number = lines[i].strip(" ,").isdigit()  # a page number ("2,"), not a sentence
        if _COMMA_END.search(lines[i]) and not lone_number and _ITEM_START.match(lines[i + 1]):
            out[i] = _COMMA_END.sub(r"\1.\2", lines[i])
        elif (
            _COLON_END.search(lines[i])
            and (own := _ONE_LINE_ITEM.match(lines[i])) is not None
            and (nxt := _ONE_LINE_ITEM.match(lines[i + 1])) is not None
            and own.group(1) == nxt.group(1)
        ):
            out[i] = _COLON_END.sub(";", lines[i])
    return out


# A list item's letter read as a symbol or a digit: "c)" as "¢)" or "©)" (the English model's
# reading of a small c, 15 of 15 line-opening ones in the dev-split legacy documents), "a)" as
# "4)" (4 of 4, each with "b)" the next item of its list).  No list is lettered with those
# symbols, and a "4)" is the letter only where the page's next item marker is "b)".
_SYMBOL_C = re.compile(r"^(\s*)[¢©](?=\)\s)")
_ITEM_MARK = re.compile(r"^\s*(\w)\)\s")


def repair_item_letters(lines: list[str], skip: list[bool] | None = None) -> list[str]:
    """Line-opening list letters read as other characters put back ("¢)" -> "c)", "4)" -> "a)"
    before "b)"); lines where ``skip`` is true are neither read nor changed."""
    out = list(lines)
    marks = [(i, m.group(1)) for i, ln in enumerate(lines)
             if not (skip and skip[i]) and (m := _ITEM_MARK.match(ln)) is not None]  # fmt: skip
    for k, (i, mark) in enumerate(marks):
        if mark == "4" and k + 1 < len(marks) and marks[k + 1][1] == "b":
            out[i] = lines[i].replace("4", "a", 1)
    return [ln if skip and skip[i] else _SYMBOL_C.sub(r"\1c", ln) for i, ln in enumerate(out)]


# A line that opens a list item or a numbered part: whatever the line before ended with, its
# sentence has ended ("1. Hệ thống văn bản ... kinh tế số" above "a) Hướng dẫn ...": read on
# into the item, the LM prefers "kinh tế sẽ hướng dẫn").
_OPENS_ITEM = re.compile(r"\s*(?:[-+•]\s|[a-zđ]\)\s|\d{1,2}(?:\.\d{1,2})*\.\s|[IVX]{1,4}\.\s)")


def opens_item(line: str) -> bool:
    """Whether the line opens a list item ("- ", "+ ", "a) ") or a numbered part ("2. ", "II. ")."""
    return _OPENS_ITEM.match(line) is not None
