"""Logical tables from OCR table cells (header once, rows across page breaks) or from plain text."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from pipeline.document import TableRow, TableRows
from pipeline.structure.patterns import ROMAN
from pipeline.types import Table
from pipeline.vn.orthography import is_caps, nfc_single_spaced

_RE_LABEL = re.compile(rf"^(?:\d{{1,3}}(?:\.\d{{1,3}})*\.?|(?=[IVXL]){ROMAN}\.?|[A-Z]\.?|[a-zđ]\))$")
_RE_GROUP_LABEL = re.compile(rf"^(?:\d{{1,3}}\.?|(?=[IVXL])(?:{ROMAN})\.?|[A-Z]\.?)$")
_RE_INDEX = re.compile(r"^\(?(\d{1,2})\)?$")


@dataclass
class _Row:
    cells: list[str]  # one entry per physical cell (merged columns collapsed)
    grid: list[str]  # one entry per grid column (a merged cell's text in its first column)
    spans: list[int]
    page_no: int
    continued: bool = False


@dataclass
class _Logical:
    columns: list[str]
    n_cols: int
    rows: list[_Row] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)


def _grid_rows(table: Table, page_no: int) -> list[_Row]:
    """Rows of one physical table; a cell spanning rows repeats its text in every row it covers."""
    by_row: dict[int, dict[int, tuple[str, int]]] = {}
    for cell in table.cells:
        for r in range(cell.row, cell.row + max(1, cell.row_span)):
            by_row.setdefault(r, {})[cell.col] = (nfc_single_spaced(cell.text), max(1, cell.col_span))
    rows: list[_Row] = []
    for r in range(table.n_rows):
        cols = by_row.get(r, {})
        cells: list[str] = []
        spans: list[int] = []
        grid = [""] * table.n_cols
        c = 0
        while c < table.n_cols:
            text, span = cols.get(c, ("", 1))
            cells.append(text)
            spans.append(span)
            if c < len(grid):
                grid[c] = text
            c += span
        rows.append(_Row(cells, grid, spans, page_no))
    return [r for r in rows if any(r.cells)]


def _sim(a: str, b: str) -> float:
    a, b = nfc_single_spaced(a).lower(), nfc_single_spaced(b).lower()
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def _is_index_row(row: _Row) -> bool:
    """The "(1) (2) (3) ..." column-number row printed under some headers."""
    nums = [_RE_INDEX.match(c.strip()) for c in row.cells]
    if len(row.cells) < 2 or not all(nums):
        return False
    vals = [int(m.group(1)) for m in nums if m]
    return vals == list(range(vals[0], vals[0] + len(vals)))


def _is_header_row(row: _Row) -> bool:
    first = row.cells[0].strip() if row.cells else ""
    if _RE_LABEL.match(first) or _is_index_row(row):
        return False
    filled = [c for c in row.cells if c.strip()]
    return bool(filled) and sum(is_caps(c) or len(c.split()) <= 4 for c in filled) >= 0.6 * len(filled)


def _same_as_header(row: _Row, columns: list[str]) -> bool:
    return _sim(" | ".join(row.grid), " | ".join(columns)) >= 0.8


def _kind(row: _Row, n_cols: int) -> str:
    label = row.cells[0].strip() if row.cells else ""
    rest_empty = all(not c.strip() for c in row.cells[2:])
    spanned = len(row.cells) < n_cols
    if _RE_GROUP_LABEL.match(label) and (spanned or rest_empty):
        return "group"
    if spanned and len(row.cells) <= 2 and not re.match(r"^\d+\.\d", label):
        return "group"  # a title merged across the columns, whatever OCR made of its number
    return "item"


def _merge_into(prev: _Row, row: _Row) -> None:
    """Append a row's cells to the row it continues (split by a page break)."""
    if len(prev.grid) == len(row.grid):
        # The label column keeps the row number: what OCR read there on the new page is not one.
        prev.grid = [prev.grid[0]] + [
            (a + " " + b).strip() if b.strip() and b.strip() != a.strip() else a
            for a, b in zip(prev.grid[1:], row.grid[1:], strict=True)
        ]
        idx = 0
        cells = []
        for span in prev.spans:
            cells.append(prev.grid[idx])
            idx += span
        prev.cells = cells
    else:
        prev.cells[-1] = (prev.cells[-1] + " " + " ".join(c for c in row.cells if c)).strip()
    prev.continued = True


def _header_columns(rows: list[_Row], n_cols: int) -> tuple[list[str], int]:
    """Column names from the first one or two rows, and how many rows they took."""
    if not rows or not _is_header_row(rows[0]):
        return [], 0
    used = 1
    cols = list(rows[0].grid)
    # A two-level header: the second row names sub-columns under a merged parent.
    if len(rows) > 1 and _is_header_row(rows[1]) and any(s > 1 for s in rows[0].spans):
        sub = rows[1].grid
        parent = ""
        for i in range(n_cols):
            parent = cols[i] or parent
            if sub[i] and sub[i] != cols[i]:
                cols[i] = f"{parent} - {sub[i]}" if parent else sub[i]
            elif not cols[i]:
                cols[i] = parent
        used = 2
    while used < len(rows) and _is_index_row(rows[used]):
        used += 1
    return cols, used


def tables_from_cells(tables: list[tuple[int, Table]]) -> list[TableRows]:
    """Join the physical tables of consecutive pages into logical tables."""
    out: list[_Logical] = []
    last_page = -10
    for page_no, table in tables:
        rows = _grid_rows(table, page_no)
        if not rows:
            continue
        cur = out[-1] if out else None
        continues = cur is not None and page_no == last_page + 1 and table.n_cols == cur.n_cols
        if continues and cur is not None and _is_header_row(rows[0]) and not _same_as_header(rows[0], cur.columns):
            continues = False  # a different table that happens to start the next page
        if continues and cur is not None:
            while rows and (_same_as_header(rows[0], cur.columns) or _is_index_row(rows[0])):
                rows.pop(0)  # the header repeated at the top of every page
            if rows and cur.rows and not is_row_label(rows[0].cells[0]) and len(rows[0].cells) == cur.n_cols:
                _merge_into(cur.rows[-1], rows.pop(0))  # no row number: the row goes on from the page before
            cur.rows.extend(rows)
            cur.pages.append(page_no)
        else:
            cols, used = _header_columns(rows, table.n_cols)
            out.append(_Logical(cols, table.n_cols, rows[used:], [page_no]))
        last_page = page_no
    result = []
    for t in out:
        trows = [TableRow(_kind(r, t.n_cols), tuple(r.cells), r.page_no, r.continued) for r in t.rows]
        result.append(TableRows(tuple(t.columns), tuple(repair_labels(trows)), tuple(t.pages)))
    return result


_OCR_DIGITS = str.maketrans({"I": "1", "l": "1", "|": "1", "í": "1", "O": "0", "o": "0", ",": ".", " ": ""})


def _parse_label(label: str, group: int) -> tuple[int, int] | None:
    """(group, item) of an item label as OCR may read it: "3.2", "32" in group 3, "I1" in group 1."""
    t = label.translate(_OCR_DIGITS).rstrip(".")
    m = re.match(r"^(\d+)\.(\d+)$", t)
    if m:
        return int(m.group(1)), int(m.group(2))
    g = str(group)
    if group and t.isdigit() and t.startswith(g) and len(t) > len(g):
        return group, int(t[len(g):])
    return None


def is_row_label(label: str) -> bool:
    """A plausible row number once OCR's usual digit confusions are undone."""
    t = label.strip().translate(_OCR_DIGITS).rstrip(".")
    return bool(re.match(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXL]+|[A-Z])$", t)) or bool(_RE_GROUP_LABEL.match(label.strip()))


def repair_labels(rows: list[TableRow]) -> list[TableRow]:
    """Row numbers misread by OCR ("13" for 1.3, "I1" for 1.1, "B8" between 3.2 and 3.4, a lost
    group number) are put back when the sequence of the rows around them says what they must be."""
    out: list[TableRow] = []
    group, item = 0, 0
    for i, r in enumerate(rows):
        label = r.cells[0].strip() if r.cells else ""
        if r.kind == "group":
            if label.rstrip(".").isdigit():
                group, item = int(label.rstrip(".")), 0
            else:
                nxt = next((_parse_label(x.cells[0], group + 1) for x in rows[i + 1 :] if x.kind == "item"), None)
                roman = bool(re.match(rf"^(?=[IVXL])(?:{ROMAN})\.?$", label))
                # A Roman-looking "I" is OCR's "1" when the items under it read 1.x.
                ocr_one = roman and label.translate(_OCR_DIGITS).rstrip(".") == str(group + 1)
                if (not roman and (nxt is None or nxt[0] == group + 1)) or (ocr_one and nxt and nxt[0] == group + 1):
                    r = TableRow(r.kind, (str(group + 1), *r.cells[1:]), r.page_no, r.continued)
                    group, item = group + 1, 0
            out.append(r)
            continue
        parsed = _parse_label(label, group)
        if parsed is not None and (parsed[0] != group or parsed[1] == item + 1 or not group):
            group, item = parsed
            if label != f"{group}.{item}":
                r = TableRow(r.kind, (f"{group}.{item}", *r.cells[1:]), r.page_no, r.continued)
        elif group and len(label) <= 4 and (not re.match(r"^[\d.]+$", label) or label.rstrip(".") == str(group)):
            # Unreadable: the next readable label must come later in the same sequence.
            nxt = next((_parse_label(x.cells[0], group) for x in rows[i + 1 :] if x.kind == "item"), None)
            if nxt is None or nxt[0] != group or nxt[1] > item + 1:
                item += 1
                r = TableRow(r.kind, (f"{group}.{item}", *r.cells[1:]), r.page_no, r.continued)
        out.append(r)
    return out


_RE_TEXT_ROW = re.compile(rf"^(?P<label>\d{{1,3}}(?:\.\d{{1,3}})*|{ROMAN})\.?\s+(?P<rest>\S.*)$")
_RE_TEXT_HEADER = re.compile(r"^(?:S?TT|Số\s+TT)\b", re.I)


def rows_from_text(lines: list[tuple[int, str]]) -> TableRows | None:
    """Rows recovered from plain text: a row starts at a label (1, 1.1, II); cells are not split."""
    header = None
    rows: list[tuple[str, str, int]] = []
    for page_no, t in lines:
        t = nfc_single_spaced(t)
        if not t:
            continue
        if _RE_TEXT_HEADER.match(t):
            if header is None:
                header = t
            continue  # the header repeated on later pages
        if header is not None and _sim(t, header) > 0.85:
            continue
        m = _RE_TEXT_ROW.match(t)
        if m and m.group("label"):
            rows.append((m.group("label"), m.group("rest"), page_no))
        elif rows:
            label, rest, p = rows[-1]
            rows[-1] = (label, f"{rest} {t}", p)
    if not rows:
        return None
    out: list[TableRow] = []
    for i, (label, rest, page_no) in enumerate(rows):
        nxt = rows[i + 1][0] if i + 1 < len(rows) else ""
        kind = "group" if nxt.startswith(f"{label}.") else "item"
        out.append(TableRow(kind, (label, rest), page_no))
    pages = sorted({r.page_no for r in out})
    # Cells are the row label and the rest of the row's text: columns are not guessed.
    return TableRows(
        columns=(header,) if header else (),
        rows=tuple(out),
        page_nos=tuple(pages),
        recovered_from_text=True,
        confidence=0.5,
        method="text",
    )
