"""Table rows rebuilt from word positions (born-digital text layers, OCR without a ruled grid).

Columns come from the header block ("TT | NHIỆM VỤ | ..."): the x-ranges of its words, merged
where they touch, give one interval per column.  A row starts at a label in the first column
(1, 1.1, II); every word below it goes to the column its centre falls in, until the next label.
A repeated header block at the top of a later page is skipped; a page that starts without a
label continues the last row of the page before.
"""

from __future__ import annotations

import re
import statistics

from pipeline.document import TableRow, TableRows
from pipeline.structure.layout import Ln
from pipeline.structure.patterns import ROMAN
from pipeline.types import Table, TableCell, Word
from pipeline.vn.orthography import is_caps, nfc_single_spaced

_RE_HEAD = re.compile(r"^(?:S?TT|Số\s*TT)$", re.I)
_RE_LABEL = re.compile(rf"^(?:\d{{1,3}}(?:\.\d{{1,3}})*\.?|(?=[IVXL]){ROMAN}\.?)$")
_RE_GROUP = re.compile(rf"^(?:\d{{1,3}}\.?|(?=[IVXL]){ROMAN}\.?)$")
_RE_INDEX = re.compile(r"^\(?\d{1,2}\)?$")


def _columns(header: list[Word], gap: float) -> list[tuple[float, float]]:
    spans = sorted((w.bbox[0], w.bbox[2]) for w in header)
    merged: list[list[float]] = []
    for a, b in spans:
        if merged and a - merged[-1][1] < gap:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _col_of(x: float, bounds: list[float]) -> int:
    for i, b in enumerate(bounds):
        if x < b:
            return i
    return len(bounds)


def _text(words: list[Word]) -> str:
    return nfc_single_spaced(" ".join(w.text for w in words))


def _reading_order(words: list[Word], h: float) -> list[Word]:
    """Words top to bottom, a visual line (tops within half a line height) left to right."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.bbox[1]):
        if rows and w.bbox[1] - rows[-1][0].bbox[1] < 0.5 * h:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [w for r in rows for w in sorted(r, key=lambda w: w.bbox[0])]


_Row = tuple[list[list[Word]], int, bool]  # one row: its words per column, its page, continued


def _words_by_page(lines: list[Ln]) -> dict[int, list[Word]]:
    by_page: dict[int, list[Ln]] = {}
    for ln in lines:
        if ln.words:
            by_page.setdefault(ln.page_no, []).append(ln)
    return {p: [w for ln in by_page[p] for w in ln.words] for p in sorted(by_page)}


def _is_head_row(row: list[Word]) -> bool:
    return all(is_caps(w.text) or _RE_INDEX.match(w.text) or not any(c.isalpha() for c in w.text) for w in row)


def _header_block(words: list[Word], head_at: int, h: float, bounds: list[float]) -> list[Word]:
    """The header block: the caps lines from the "TT" line down (the header repeats per page)."""
    top = words[head_at].bbox[1]
    block = [w for w in words if top - 0.5 * h <= w.bbox[1]]
    label_edge = bounds[0] if bounds else words[head_at].bbox[2] + h
    head_words: list[Word] = []
    for y in sorted({round(w.bbox[1]) for w in block}):
        row = [w for w in block if abs(w.bbox[1] - y) < 0.5 * h and w not in head_words]
        if row and len(row) >= 3 and all(_RE_INDEX.match(w.text) for w in row):
            head_words.extend(row)  # the "(1) (2) (3)" column-number row
            continue
        if not row or not _is_head_row(row):
            break
        if any(_RE_LABEL.match(w.text) for w in row if w.bbox[0] < label_edge):
            break
        head_words.extend(row)
    return head_words


def _column_bounds(head_words: list[Word], h: float) -> tuple[list[float], list[str]] | None:
    """Column bounds (x between two columns) and column names from the header words; None for < 2."""
    gap = max(3 * _word_gap(head_words), 0.5 * h)
    named = [w for w in head_words if not _RE_INDEX.match(w.text)]
    cols = _columns(named, gap)
    if len(cols) < 2:
        return None
    bounds = [(cols[i][1] + cols[i + 1][0]) / 2 for i in range(len(cols) - 1)]
    names = [_text([w for w in named if _col_of((w.bbox[0] + w.bbox[2]) / 2, bounds) == i]) for i in range(len(cols))]
    return bounds, names


def _place_words(body: list[Word], page_no: int, bounds: list[float], rows: list[_Row]) -> None:
    """Add the body words of one page to ``rows``: a label in the first column starts a row."""
    first = True
    for w in body:
        col = _col_of(w.bbox[0] + 2, bounds)  # cell text is left-aligned: its left edge decides
        starts = col == 0 and _RE_LABEL.match(w.text) and (
            not rows or rows[-1][1] != page_no or _is_new_row(w, rows[-1][0])
        )
        if starts:
            cells: list[list[Word]] = [[] for _ in range(len(bounds) + 1)]
            rows.append((cells, page_no, False))
        elif not rows:
            continue  # text above the first row (a caption)
        elif first and rows[-1][1] != page_no:
            cells, p, _ = rows[-1]
            rows[-1] = (cells, p, True)  # the row goes on from the page before
        first = False
        rows[-1][0][col].append(w)


def _table_rows(rows: list[_Row], columns: list[str]) -> TableRows:
    out = []
    for cells, page_no, cont in rows:
        texts = [_text(c) for c in cells]
        label = texts[0]
        filled = [t for t in texts[1:] if t]
        if _RE_GROUP.match(label) and len(filled) <= 1 or _spans(cells):
            out.append(TableRow("group", (label, " ".join(filled)), page_no, cont))
        else:
            out.append(TableRow("item", tuple(texts), page_no, cont))
    return TableRows(tuple(columns), tuple(out), tuple(sorted({r.page_no for r in out} | {p for _, p, _ in rows})),
                     recovered_from_text=False, confidence=0.8, method="words")


def rows_from_words(lines: list[Ln]) -> TableRows | None:
    """A table from the words of ``lines`` (one appendix), or None when no header block is found."""
    columns: list[str] = []
    bounds: list[float] = []
    rows: list[_Row] = []
    for page_no, raw in _words_by_page(lines).items():
        if not raw:
            continue
        h = statistics.median(w.bbox[3] - w.bbox[1] for w in raw)
        words = _reading_order(raw, h)
        head_at = next((i for i, w in enumerate(words) if _RE_HEAD.match(w.text)), None)
        body = words
        if head_at is not None:
            head_words = _header_block(words, head_at, h, bounds)
            if not bounds:
                found = _column_bounds(head_words, h)
                if found is None:
                    return None
                bounds, columns = found
            top = words[head_at].bbox[1]
            body = [w for w in words if w not in head_words and w.bbox[1] >= top - 0.5 * h]
        if bounds:
            _place_words(body, page_no, bounds, rows)
    return _table_rows(rows, columns) if rows else None


def _word_gap(words: list[Word]) -> float:
    """The usual space between two words of one line (columns are much further apart)."""
    gaps = []
    ws = sorted(words, key=lambda w: (round(w.bbox[1] / 8), w.bbox[0]))
    for a, b in zip(ws, ws[1:], strict=False):
        if abs(a.bbox[1] - b.bbox[1]) < 8 and b.bbox[0] > a.bbox[2]:
            gaps.append(b.bbox[0] - a.bbox[2])
    return sorted(gaps)[len(gaps) // 4] if gaps else 10.0  # a low quantile: headers have few words


def _is_new_row(w: Word, cells: list[list[Word]]) -> bool:
    """A label starts a row unless it sits on a line of the current row (a number inside text)."""
    last = [x for c in cells for x in c]
    return not last or w.bbox[1] > max(x.bbox[1] for x in last) - 2


def _spans(cells: list[list[Word]]) -> bool:
    """One line of text running across column bounds: a group heading merged over the columns."""
    rest = [w for c in cells[1:] for w in c]
    if not rest or not _RE_GROUP.match(_text(cells[0])):
        return False
    ys = {round(w.bbox[1] / 10) for w in rest}
    used = sum(1 for c in cells[1:] if c)
    return len(ys) <= 1 and used > 1 and _contiguous(sorted(rest, key=lambda w: w.bbox[0]))


def _contiguous(words: list[Word]) -> bool:
    gaps = [b.bbox[0] - a.bbox[2] for a, b in zip(words, words[1:], strict=False)]
    h = statistics.median(w.bbox[3] - w.bbox[1] for w in words)
    return all(g < 0.8 * h for g in gaps)


def grid_bounds(table: Table) -> list[float]:
    """Left edges of columns 1..n-1 of a ruled grid (to place words of a page whose grid was missed)."""
    bounds = []
    for c in range(1, table.n_cols):
        xs = [cell.bbox[0] for cell in table.cells if cell.col == c]
        if not xs:
            return []
        bounds.append(float(min(xs)))
    return bounds


def table_from_words(lines: list[Ln], bounds: list[float]) -> Table | None:
    """A grid for one page from its words and known column bounds; text before the first label
    becomes a row with an empty label (it continues the row of the page before)."""
    raw = [w for ln in lines for w in ln.words]
    if not raw or not bounds:
        return None
    h = statistics.median(w.bbox[3] - w.bbox[1] for w in raw)
    words = _reading_order(raw, h)
    # Skip the repeated header block: capitalised lines above the first labelled row.
    visual: list[list[Word]] = []
    for w in words:
        if visual and abs(w.bbox[1] - visual[-1][0].bbox[1]) < 0.5 * h:
            visual[-1].append(w)
        else:
            visual.append([w])
    while visual and all(is_caps(w.text) or not any(c.isalpha() for c in w.text) for w in visual[0]) and not (
        _RE_LABEL.match(visual[0][0].text) and _col_of(visual[0][0].bbox[0] + 2, bounds) == 0
    ):
        visual.pop(0)
    n = len(bounds) + 1
    rows: list[list[list[Word]]] = []
    for line in visual:
        for w in line:
            col = _col_of(w.bbox[0] + 2, bounds)
            if col == 0 and _RE_LABEL.match(w.text) and (not rows or _is_new_row(w, rows[-1])):
                rows.append([[] for _ in range(n)])
            elif not rows:
                rows.append([[] for _ in range(n)])
            rows[-1][col].append(w)
    labelled = sum(1 for row in rows if row[0] and _RE_LABEL.match(row[0][0].text))
    if labelled < max(2, len(rows) // 2):
        return None  # the label column was not read: rows cannot be told apart, keep the text only
    cells: list[TableCell] = []
    for r, row in enumerate(rows):
        if _spans(row):
            rest = [w for c in row[1:] for w in c]
            cells.append(_cell(r, 0, row[0]))
            cells.append(_cell(r, 1, rest, col_span=n - 1))
            continue
        cells.extend(_cell(r, c, ws) for c, ws in enumerate(row) if ws)
    if not cells:
        return None
    box = (min(c.bbox[0] for c in cells), min(c.bbox[1] for c in cells), max(c.bbox[2] for c in cells), max(c.bbox[3] for c in cells))
    return Table(box, len(rows), n, tuple(cells))


def _cell(r: int, c: int, words: list[Word], col_span: int = 1) -> TableCell:
    if not words:
        return TableCell(r, c, "", (0, 0, 0, 0), 1, col_span, 0.0)
    box = (min(w.bbox[0] for w in words), min(w.bbox[1] for w in words), max(w.bbox[2] for w in words), max(w.bbox[3] for w in words))
    conf = sum(w.confidence for w in words) / len(words)
    return TableCell(r, c, _text(words), box, 1, col_span, conf)
