"""Cell boundaries lost before a unit name's wrapped tail, put back (issue 13).

A unit cell of a plan's table is narrow: its name wraps ("Sở Giáo dục và" / "Đào tạo", "Văn" /
"phòng UBND tỉnh"), so a table line often opens a unit cell with the lower-case rest of a name.
Where the English model lost the rule before it, nothing marks the boundary (``_opens_cell`` in
``cell_rules`` needs a capital), the task's last words and the name's tail run together ("theo
đúng tạo, Công an tỉnh") and the LM reads each across the other ("tào", "tính").  Such a tail
is found by the name it completes: a run of words that spell (letters only, marks and case
aside) the end of a standard unit name (``pipeline.vn.units``), inside a cell's text, where the
line before holds the name's beginning at one of its cells' ends (its last word before a
boundary).  The tail must close there: the cell's end, a comma after it, or a capital after it.
The head word may be matched by its letters with one slip (four letters or more, the first
kept): the English model reads a head as garble more often than a tail ("Gido" for "Giáo"
before "dục và Đào tạo"); the tail, matched exactly and then to the name's end, carries the
evidence.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from pipeline.vn.orthography import strip_marks
from pipeline.vn.units import STANDARD_UNITS

CELL = "\t"  # as cell_rules.CELL (which imports this module)
_NAMES = tuple(tuple(strip_marks(w).lower() for w in re.findall(r"[^\W\d_]+", n)) for n in STANDARD_UNITS)
_LINKERS = {"va", "cac"}  # a name's own inner words: a tail never starts after them in its name's text
# A one-word tail ("tỉnh", "tạo") is as often the task's own word: it must close with a comma or
# before the next unit's capital; a longer one may also run to the cell's end or wrap on.
_MIN_CUT = 2
# A head read with a slip must have this many letters ("tao" is one slip from "tai", "ban" from
# "bao"), and its tail must run to the name's end ("thống văn" is a task's words as often as the
# cut tail of "Giao thông vận tải", whose head "giao" is also Giáo's).
_SLIP_HEAD = 4


def _skeleton(word: str) -> str:
    return strip_marks(word).lower().strip(".,;:")


def _near(word: str, heads: set[str]) -> bool:
    """Whether ``word`` (a name's word) is among ``heads`` (skeletons as read), one slip allowed."""
    if word in heads:
        return True
    return len(word) >= _SLIP_HEAD and any(
        h[:1] == word[:1] and len(h) >= _SLIP_HEAD and Levenshtein.distance(h, word, score_cutoff=1) <= 1 for h in heads
    )


def _cell_ends(line: str) -> set[str]:
    """The letters of the last word of each cell of ``line``."""
    return {_skeleton(c.split()[-1]) for c in line.split(CELL) if c.split()}


def _continues(word: str, tail: tuple[str, ...]) -> bool:
    """Whether some standard name has ``word`` right before the words ``tail``."""
    n = len(tail)
    return any(name[j - 1] == word and name[j : j + n] == tail for name in _NAMES for j in range(1, len(name) - n + 1))


def _tail_at(words: list[str], k: int, before: set[str]) -> bool:
    """Whether ``words[k:]`` opens with the tail of a standard name whose head ends a cell of
    the line before, and the tail closes where it ends (see the module docstring)."""
    for name in _NAMES:
        for h in range(1, len(name)):
            exact = name[h - 1] in before
            if not (exact or _near(name[h - 1], before)) or _skeleton(words[k - 1]) == name[h - 1]:
                continue  # no head on the line before, or the head is right here: the name is whole
            m = 0
            while h + m < len(name) and k + m < len(words) and _skeleton(words[k + m]) == name[h + m]:
                m += 1
            whole = h + m == len(name)
            if not m or not whole and (not exact or k + m < len(words) or m < _MIN_CUT):
                continue  # no tail, or one cut before the name's end inside the cell, or too short to tell
            end = k + m
            if _continues(_skeleton(words[k - 1]), name[h : h + m]):
                continue  # "Truyền hình tỉnh", "Công an tỉnh": a name read whole on this line
            closes = (m >= _MIN_CUT and end == len(words)) or words[end - 1].endswith(",")
            if closes or (end < len(words) and words[end][:1].isupper()):
                return True
    return False


def unit_tail_boundaries(lines: list[str], body: list[bool]) -> list[str]:
    """``lines`` (cell rules already TABs) with a TAB before each unit name's tail found inside
    a cell of a table body line."""
    out = list(lines)
    for i in range(1, len(lines)):
        if not body[i] or not body[i - 1]:
            continue
        before = _cell_ends(out[i - 1]) - _LINKERS
        if not before:
            continue
        cells = out[i].split(CELL)
        for c, cell in enumerate(cells):
            words = cell.split()
            for k in range(len(words) - 1, 0, -1):  # the rightmost tail: the task's text comes first
                if _skeleton(words[k - 1]) in _LINKERS or not words[k][:1].islower():
                    continue
                if _tail_at(words, k, before):
                    cells[c] = " ".join(words[:k]) + CELL + " ".join(words[k:])
                    break
        out[i] = CELL.join(cells)
    return out
