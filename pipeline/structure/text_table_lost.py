"""Rows of a text table whose TT numbers the OCR lost, misread or read out of place (issue 13):
lines held under a group cut into the rows they read, the titles of groups whose numbers were
lost between them, a line across the unit cells read above its row's number, a number glued to
the task's first word by a rule read as a mark.  The reader (``text_table_reader``) calls these."""

from __future__ import annotations

import re

from pipeline.structure.text_table_cells import (
    _group_title,
    _holds_row,
    _scrap,
    _time_complete,
    _time_start,
    _title_lines,
)
from pipeline.structure.text_table_units import _open, _unit_start
from pipeline.vn.timeframes import is_time


def _held_rows(held: list[list[str]]) -> list[list[list[str]]]:
    """Lines held after a group's title, cut into the rows they read: a row is whole once it has
    a unit and its timeframe ends a line; the next line opens the next row when it is a scrap
    where a number stands ("sẽ") or a new sentence (capitalised, no unit, no timeframe)."""
    out: list[list[list[str]]] = [[]]
    for fr in held:
        cur = out[-1]
        last = cur[-1][-1] if cur and cur[-1] else ""
        before = cur[-2][-1] if len(cur) >= 2 and cur[-2] else ""
        ended = _time_complete(last) or (bool(before) and _time_complete(f"{before} {last}"))
        head = fr[0] if fr else ""
        opens = _label_scrap(head) and len(fr) == 1 or (head[:1].isupper() and not _unit_start(head) and not _time_start(head))
        if cur and ended and _holds_row(cur) and opens:
            out.append([])
        out[-1].append(fr)
    return out


def _label_scrap(line: str) -> bool:
    """A scrap alone on its line where a row's number stands: a few letters ("ở", "aFeh"), a
    number garbled past reading."""
    return _scrap(line) or (len(line) <= 4 and " " not in line and any(c.isupper() for c in line[1:]))


def _chunk_title(held: list[list[str]], joins: frozenset[str]) -> int:
    """How many of a held row's first lines are a group's title (``_title_lines``), counted on the
    lines that hold one fragment each (a line read across cells holds no title)."""
    texts = []
    for fr in held:
        if len(fr) != 1 or _unit_start(fr[0]) or is_time(fr[0]):
            break
        texts.append(fr[0])
    n = _title_lines(texts, joins)
    return n if n < len(texts) else 0


def _lone_title(held: list[list[str]], joins: frozenset[str]) -> bool:
    """Whether held lines are a group's title alone (one fragment a line, no unit, no timeframe,
    no final mark, a wrap in lower case)."""
    texts = [fr[0] for fr in held if len(fr) == 1]
    if not texts or len(texts) != len(held) or len(texts) > 2 or any(_unit_start(t) or _time_start(t) for t in texts):
        return False
    return not any(t[:1].isupper() for t in texts[1:]) and _group_title(" ".join(texts), "X", joins)


def _title_wrap(held: list[list[str]], title: str) -> int:
    """The lines that go on with a group's title held open (no final mark): in lower case, no
    final mark, up to a new sentence."""
    n = 0
    while n + 1 < len(held) and len(held[n]) == 1 and held[n][0][:1].islower() and _group_title(f"{title} {held[n][0]}", held[n + 1][0]):
        title, n = f"{title} {held[n][0]}", n + 1
    return n


def _second_cells(placed: list[tuple[int, str]], kinds: list[str], before: dict[int, str]) -> bool:
    """Whether a line placed in a row that had all its cells opened them again: two cells or more
    beyond the task, one of them a unit name where the cell's names were closed or a timeframe
    where it was whole (a row's cells name one timeframe)."""
    cols = {c for c, _ in placed if c >= 2}
    if len(cols) < 2:
        return False
    for col, frag in placed:
        kind, prev = kinds[col], before.get(col, "")
        if kind == "time" and prev and _time_complete(prev) and is_time(frag):
            return True
        if kind in ("lead", "coord") and prev and not _open(prev) and _unit_start(frag) and not prev.rstrip().endswith(","):
            return True
    return False


def _unglue_label(frags: list[str]) -> list[str]:
    """The line's fragments with a row number glued to the task by a rule read as a mark set apart."""
    m = _RE_GLUED_LABEL.match(frags[0])
    return [f"{m.group(1)} {frags[0][m.end() :]}", *frags[1:]] if m else frags


# A row's number glued to the task's first word by the column rule, read as a mark ("7.2/Ra soát").
_RE_GLUED_LABEL = re.compile(r"(\d{1,2}(?:\.\d{1,2})?)[/|\\!\]\[]+(?=[^\W\d_])")
