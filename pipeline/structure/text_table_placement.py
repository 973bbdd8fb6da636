"""The placement of a line's fragments in a text table row's columns (issue 13): how well a
fragment suits a column (a unit name, a product, a timeframe, or the task's text going on) and
the left-to-right assignment that suits them best (``assign``).  What cells hold and how a line
is cut into fragments is in ``text_table_cells``."""

from __future__ import annotations

import re

from pipeline.structure.text_table_cells import (
    _DATE_GOVERNORS,
    _HEADS_NEEDING_MORE,
    _RE_GARBLED_PERIOD,
    _RE_TIME_REST,
    _name_rest,
    _product_start,
    _Row,
    _time_complete,
)
from pipeline.structure.text_table_units import _last_name, _name_key, _open, _unit_start
from pipeline.vn.timeframes import is_time


def _fit(frag: str, kind: str, row: _Row, col: int, names: frozenset[str] = frozenset(), products: bool = False) -> float:
    """How well a fragment suits a column of the given kind in this row; ``names``: beginnings of
    the table's unit names (a cell that ends in one is open); ``products``: the table has a
    product column."""
    prev = row.text(col)
    cont = bool(prev) and not prev.rstrip().endswith((".", ";"))
    unit = bool(_unit_start(frag))
    # a name the table writes whole, read only in part ("Sở Kế"): open to its rest, not to a new name
    last = _last_name(prev)
    # "Văn phòng" names no unit yet: "UBND tỉnh" is its rest; a name the table writes longer ("Các
    # sở") is open to its rest, or to a capitalised word (its rest, misread), not to other prose
    opened = _open(prev) or (kind in ("lead", "coord") and (last in _HEADS_NEEDING_MORE or (
        not unit and _name_key(last) in names and (frag[:1].isupper() or _name_rest(last, frag, names)))))
    if opened and unit and kind in ("lead", "coord") and _name_key(last) in names and not _name_rest(last, frag, names):
        opened = False  # "Sở Giáo dục và" / "Đài Phát thanh": a known name left open takes its rest, not another name
    time = is_time(frag) or (frag.endswith(":") and is_time(frag[:-1].rstrip())) or bool(  # "Quý:" / "II/2021"
        _RE_GARBLED_PERIOD.fullmatch(frag.strip(" .;,")))  # "Quý I'V/2024"
    lower = frag[:1].islower()
    if kind == "time":
        return _fit_time(frag, row, prev, time, cont)
    if kind in ("lead", "coord"):
        return _fit_unit(frag, kind, row, prev, last, unit, opened, time, names, products)
    if kind in ("product", "note"):
        # a short noun phrase ("Báo cáo kết quả", "Quyết định phê duyệt"), or its continuation
        s = 0.5 if len(frag.split()) <= 6 and not unit and not time else -1.0
        if kind == "product" and _product_start(frag) and not prev:
            s += 1.5
        return s + (0.5 if cont and lower and len(frag.split()) <= 4 else 0.0)
    if kind == "task":
        # a long fragment is prose, unless it opens with a unit's head (a long name: "Sở Giáo dục và Đào tạo")
        long = len(frag.split()) > 5 and (lower or not unit)
        return (1.0 if not unit or lower else -0.5) + (0.5 if long else 0.0) - (2.0 if time else 0.0)
    return 0.0


def _fit_unit(frag: str, kind: str, row: _Row, prev: str, last: str, unit: bool, opened: bool, time: bool,
              names: frozenset[str], products: bool) -> float:
    """How well a fragment suits a lead or coordinating units cell (``prev``: what it holds, ``last``:
    its last name, ``opened``: that name waits for its rest)."""
    cont = bool(prev) and not prev.rstrip().endswith((".", ";"))
    lower = frag[:1].islower()
    # an open name ("... và", "Sở", "...,") takes what follows, capitalised or not ("Thông tin")
    s = 2.0 if unit else (1.5 if opened else 1.0 if cont and (lower or prev.endswith((",", "và"))) else -1.0)
    listed = not unit and any(_unit_start(p.strip()) for p in frag.split(",")[1:])
    if listed and (not prev or kind == "coord" and not opened):
        s = max(s, 1.5)  # "tạo, Sở Nội vụ, Sở": a list of units, its first name's beginning lost
    if opened and not unit and names and _name_rest(last, frag, names):
        s += 1.0  # it goes on with the name the cell left open, as the table writes it ("Sở Tài" / "chính,")
    if kind == "lead" and not unit and prev and not opened:
        s -= 2.0 if _name_key(prev) + " $" in names else 1.0  # the lead cell names one unit: once whole, the next line's text continues another
    elif kind == "coord" and not unit and lower and not opened and f"{_name_key(last)} $" in names \
            and not prev.rstrip().endswith((",", ";")):
        s -= 1.0  # after a whole name with no comma, lower-case text lists no further unit
    if unit and prev and not opened and row.block:
        s -= 2.5  # one unit after another, no comma: the next cell
    elif unit and prev and not opened and kind == "lead":
        s -= 1.0  # side by side: the lead cell names one unit, a second one is coordinating
    if time:
        s -= 3.0
    if len(frag.split()) > 9:
        s -= 2.0
    if products and not opened and not unit and _product_start(frag):
        s -= 2.0  # a product, in a table that has their column
    return s


def _fit_time(frag: str, row: _Row, prev: str, time: bool, cont: bool) -> float:
    """How well a fragment suits the timeframe cell (``prev``: what it holds so far)."""
    if frag.rstrip().endswith((";", ",")):
        return -3.0  # a clause of a sentence ("2021 - 2026;"), not a timeframe
    task = row.text(1).rstrip()
    if not prev and row.block and re.match(r"\d{4}\b", frag) and (
            re.search(r"\d{4}\s*[-–]$", task) or (task.split() or [""])[-1] in _DATE_GOVERNORS
            or (re.fullmatch(r"\d{4}\.", frag.strip()) and (task.split() or [""])[-1].rstrip(".") in _DATE_GOVERNORS)):
        # cells one per line: the end of the task's own range or date ("trong giai đoạn 2024 -" /
        # "2027.", "... kinh tế số năm" / "2019."; a speck after the keyword when the year closes
        # the sentence: "năm." / "2019.")
        return -3.0
    if not prev and frag[:1].islower() and task and not task.endswith((".", ";")):
        return -3.0  # "năm 2022." under a task still open: the sentence's end (a cell opens capitalised)
    if prev and not _time_complete(prev) and _RE_TIME_REST.fullmatch(frag.strip(" .;,")):
        return 3.0  # "Thường" / "xuyên", "Quý" / "II/2025", "2025 -" / "2026"
    if prev and _time_complete(prev):
        return -3.0  # a timeframe is short: once whole, nothing more joins it
    return 3.0 if time else (1.0 if cont and len(frag.split()) <= 3 else -3.0)


_SAME_CELL = -1.5  # two fragments of a line in one cell: a rule read inside a cell (a stray "|")


_RULED_CELL = -1.0  # more when a rule was read between them: rules mostly stand between cells


def assign(frags: list[str], kinds: list[str], row: _Row, first_col: int, stay: int = 0,
           names: frozenset[str] = frozenset(), ruled: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """Best monotone placement of the line's fragments in columns first_col.. (a small DP); two
    fragments may share a cell at a cost (the rule between them was a misread letter or junk), a
    higher one when a rule was read before the second (``ruled``: the fragments a rule precedes)."""
    cols = list(range(first_col, len(kinds)))
    if not frags or not cols:
        return []
    n, m = len(frags), len(cols)
    # A finished sentence in the current cell ("... của địa phương.") makes the next cell likelier.
    done = row.text(stay).rstrip().endswith((".", ";")) if stay else False
    stay_bonus = 0.3 if done else 1.5

    def gain(i: int, j: int, same: bool = False) -> float:
        col = cols[j - 1]
        at = row
        if same and kinds[col] in ("lead", "coord"):
            # the fragment before it went to this cell too: judged after that one (a name it completed)
            at = _Row(row.label, row.page_no, {**row.cells, col: [*row.cells.get(col, []), frags[i - 2]]}, block=row.block)
        sc = _fit(frags[i - 1], kinds[col], at, col, names, "product" in kinds)
        if stay:  # cells read one after another: keep to the current cell unless content says
            sc += stay_bonus if col == stay else -0.5 * (col - stay)
        return sc

    neg = -1e9
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[int]] = [[-1] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            # fragment i-1 in column j-1; the previous fragment in a column before it, or the same
            for k in range(0 if i == 1 else 1, (1 if i == 1 else j + 1)):
                if best[i - 1][k] <= neg:
                    continue
                same = (_SAME_CELL + (_RULED_CELL if frags[i - 1] in ruled else 0.0)) if k == j else 0.0
                sc = best[i - 1][k] + gain(i, j, k == j) + same
                if sc > best[i][j]:
                    best[i][j], back[i][j] = sc, k
    j = max(range(1, m + 1), key=lambda jj: best[n][jj])
    out: list[tuple[int, str]] = []
    for i in range(n, 0, -1):
        out.append((cols[j - 1], frags[i - 1]))
        j = back[i][j]
    return out[::-1]
