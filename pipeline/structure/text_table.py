"""Appendix table rows from a restored legacy-OCR line stream (no geometry, issue 13).

A ruled table read line by line by an old OCR run arrives as lines holding fragments of several
cells of one row, left to right, cell boundaries marked by TABs where the restorer saw a rule
(``pipeline.restore.ocrfix.cell_rules``).  This module finds the column header (and skips its repeats
on later pages), starts a row at each TT label (misread labels repaired from the numbering
sequence: "L2" after 1.1 is 1.2, "47" after 4.6 is 4.7), and places each fragment in a column
by what columns hold (unit names for the lead and coordinating units, "Năm 2024", "Quý II/2025",
"Hằng năm" for the timeframe) and by left-to-right order.  A fragment that fits nowhere stays
in the row's task cell: text is never dropped.

Here: the table read whole (the task column's width, the readings that learn the table's unit
names, the rows handed out).  The column header is in ``text_table_header``, the TT numbering in
``text_table_labels``, the line-by-line reader in ``text_table_reader`` (its state and tests in
``text_table_state``, rows whose numbers were lost or read out of place in ``text_table_lost``), the repair of the row sequence once read in ``text_table_sequence``, what
cells hold and how a line is cut into fragments in ``text_table_cells``, their placement in the
row's columns in ``text_table_placement``, and the unit names in ``text_table_units``.
"""

from __future__ import annotations

import re

from pipeline.document import TableRow, TableRows
from pipeline.structure.text_table_cells import (
    _RE_TIME_SPECK,
    CELL,
    _fragments,
    _phrase_joins,
    _Row,
    _unit_name_prefixes,
)
from pipeline.structure.text_table_header import _RE_TT_FIRST, _column_names, is_header_line
from pipeline.structure.text_table_reader import _Reader
from pipeline.structure.text_table_sequence import (
    _add_lost_groups,
    _close_skips,
    _fix_backward_items,
    _fix_group_digit_items,
    _fix_items_ahead,
    _fix_last_item_ahead,
    _fix_letter_first_group,
    _fix_stray_groups,
    _renumber,
    _split_lost_first_items,
)
from pipeline.structure.text_table_units import (
    _name_key,
    _name_pieces,
    _open,
    _standard_names,
    _unit_start,
    _whole_names,
    respell_units,
    unit_spellings,
)
from pipeline.vn.orthography import nfc
from pipeline.vn.timeframes import canonical_time, is_time, roman_quarters


def _task_width(lines: list[tuple[int, str]]) -> int:
    """The task column's width in characters: the median length of the task text on lines where a
    rule was read after it (a line of a ruled table holds one wrapped slice of each cell)."""
    sizes = []
    for _, raw in lines:
        parts = [p.strip() for p in nfc(raw).split(CELL) if p.strip()]
        if len(parts) >= 2 and re.fullmatch(r"\S{1,5}", parts[0]):
            parts = parts[1:]  # the TT label
        if len(parts) >= 2 and len(parts[0].split()) >= 3 and not is_header_line(parts[0]):
            sizes.append(len(parts[0]))
    ruled = sorted(sizes)[len(sizes) // 2] if len(sizes) >= 5 else 0
    # psm 3 reads most cells one per line, a task's lines whole: their median is the width too (a
    # few lines cut at a rule inside the task read narrower)
    alone = sorted(len(t) for t in (nfc(raw).strip() for _, raw in lines) if CELL not in t and len(t.split()) >= 4)
    return max(ruled, alone[len(alone) // 2] if len(alone) >= 20 else 0)


def _table_rows(rows: list[_Row], kinds: list[str], header_text: list[str]) -> TableRows:
    """The rows as a TableRows: a row whose number heads the next row's is a group row."""
    out: list[TableRow] = []
    dotted = any("." in r.label for r in rows)  # items 1.1, 1.2: a bare number with a title alone is a group
    times = [c for c, k in enumerate(kinds) if k == "time"]
    roman = roman_quarters([r.text(c) for r in rows for c in times])
    units = [c for c, k in enumerate(kinds) if k in ("lead", "coord")]
    spellings = unit_spellings([r.text(c) for r in rows for c in units])
    for i, r in enumerate(rows):
        nxt = rows[i + 1].label if i + 1 < len(rows) else ""
        group = nxt.startswith(f"{r.label}.") or bool(re.fullmatch(r"[IVXL]+|[A-Z]", r.label)) or (
            dotted and bool(re.fullmatch(r"\d+", r.label)) and not any(r.text(c) for c in range(2, len(kinds))))
        cells = [r.label] + [canonical_time(_RE_TIME_SPECK.sub("", r.text(c)), roman) if c in times else
                             respell_units(r.text(c), spellings) if c in units else r.text(c) for c in range(1, len(kinds))]
        if group:
            cells = [r.label, " ".join(c for c in cells[1:] if c)]
        out.append(TableRow("group" if group else "item", tuple(cells), r.page_no))
    names = _column_names(header_text, kinds)
    return TableRows(
        columns=tuple(names),
        rows=tuple(out),
        page_nos=tuple(sorted({r.page_no for r in out})),
        recovered_from_text=True,
        confidence=0.7,
        method="text",
    )


def _timed(lines: list[tuple[int, str]], least: int = 4) -> bool:
    """Whether at least ``least`` lines end in a whole timeframe cut from the text before it (a
    rule read, or a unit's name before it): the table has a timeframe column."""
    n = 0
    for _, raw in lines:
        frags = _fragments(nfc(raw).strip())
        n += len(frags) >= 2 and is_time(frags[-1]) and not is_time(frags[-2])
    return n >= least


def _read(lines: list[tuple[int, str]], width: int, names: frozenset[str], timed: bool = False) -> _Reader:
    reader = _Reader()
    reader.width, reader.names, reader.joins, reader.timed = width, names, _phrase_joins(lines), timed
    for page_no, raw in lines:
        reader.read(page_no, raw)
    reader.finish()
    return reader


def _cell_name_prefixes(reader: _Reader, least: int = 2) -> frozenset[str]:
    """Unit names as the rows' lead and coordinating cells hold them once read, whole names at
    least ``least`` times: their proper beginnings and the whole name (as ``_unit_name_prefixes``)."""
    seen: dict[str, int] = {}
    cols = [c for c, k in enumerate(reader.kinds) if k in ("lead", "coord")]
    for row in reader.rows:
        for c in cols:
            for piece in _name_pieces(row.text(c)):
                piece = piece.strip(" ,.;")
                if _unit_start(piece) and not _open(piece) and len(piece.split()) >= 2:
                    seen[_name_key(piece)] = seen.get(_name_key(piece), 0) + 1
    out: set[str] = set()
    for key, n in seen.items():
        if n >= least:
            words = key.split()
            out.update(" ".join(words[:i]) for i in range(1, len(words)))
            out.add(key + " $")
    return frozenset(out)


def _title_before_header(lines: list[tuple[int, str]], reach: int = 10) -> int:
    """How many lines before the column header the heading left in the table's stream (its title
    with a word restored in lower case, the "Kèm theo" line read out of order by psm 3, the end of
    the body text): a table opens with its header, so every line before the first header line
    within ``reach`` lines on the first page goes, unless one opens with a row number; a scrap or a
    short line in capitals right before the header is the header's, misread ("SsTT", "sử")."""
    first = [j for j, (p, raw) in enumerate(lines[:reach]) if p == lines[0][0] and is_header_line(nfc(raw).strip())]
    # the TT title anchors the header: a title line with a column's word ("... CHƯƠNG") reads as one too
    tt = [j for j in first if _RE_TT_FIRST.match(nfc(lines[j][1]).strip())]
    head = tt[0] if tt else first[0] if first else 0
    if any(re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*\.?", nfc(raw).replace(CELL, " ").split(" ", 1)[0]) for _, raw in lines[:head]):
        return 0
    while head and _header_scrap(nfc(lines[head - 1][1]).strip()):
        head -= 1
    return head


def _header_scrap(text: str) -> bool:
    """A scrap (three letters at most, no digit) or a short line in capitals: the header's, misread."""
    letters = [c for c in text if c.isalpha()]
    short_caps = len(text) < 40 and bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    return (len(text) <= 3 and not any(c.isdigit() for c in text)) or short_caps


def _header_scraps(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines without the TT title's scrap on a page that repeats the column header: a short
    word right before a header line ("sTT" restored as "sút")."""
    out: list[tuple[int, str]] = []
    for i, (page_no, raw) in enumerate(lines):
        text = nfc(raw).strip()
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (nxt is not None and nxt[0] == page_no and 0 < len(text) <= 4 and not any(c.isdigit() for c in text)
                and is_header_line(nfc(nxt[1]).strip()) and not is_header_line(text)):
            continue
        out.append((page_no, raw))
    return out


def rows_from_text_lines(lines: list[tuple[int, str]]) -> TableRows | None:
    """The appendix table of a legacy-OCR line stream, or None when no numbered rows are found."""
    lines = _header_scraps(lines[_title_before_header(lines):])
    width, names = _task_width(lines), _whole_names(_unit_name_prefixes(lines) | _standard_names())
    timed = _timed(lines)
    reader = _read(lines, width, names, timed)
    # a second reading knows the names the first one put together from wrapped lines (the table
    # names the same units again and again: a register of its own names)
    for _ in range(3):
        more = _cell_name_prefixes(reader)
        if not more - names:
            break
        names = _whole_names(names | more)
        reader = _read(lines, width, names, timed)
    if len(reader.rows) < 2:
        return None
    _fix_letter_first_group(reader.rows)
    _fix_group_digit_items(reader.rows)
    _fix_items_ahead(reader.rows)
    _fix_last_item_ahead(reader.rows)
    _fix_backward_items(reader.rows)
    _renumber(reader.rows)
    _fix_stray_groups(reader.rows)
    _renumber(reader.rows)
    _close_skips(reader.rows)
    _add_lost_groups(reader.rows)
    _split_lost_first_items(reader.rows)
    return _table_rows(reader.rows, reader.kinds, reader.header_text)
