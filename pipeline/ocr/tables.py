"""Ruled table grids: find them by morphology, split them into cells, read each cell on its own.

Read as a page, a ruled table comes out interleaved across columns and sprinkled with border junk
("|", "I19/KH-UBND").  Here the horizontal and vertical rules are opened out of the ink mask, the
grid lines are the rule positions, a grid unit whose separating rule is missing is merged with its
neighbour (row/column spans), and every cell interior, rules erased, goes to Tesseract as its own
image (all cells of a page in one Tesseract process).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import cv2
import numpy as np

from pipeline.ocr import tesseract
from pipeline.ocr.numerals import item_labels
from pipeline.ocr.preprocess import TARGET_TEXT_HEIGHT
from pipeline.ocr.tesseract import Deadline
from pipeline.types import Line, Table, TableCell
from pipeline.vn.dates import year
from pipeline.vn.symbols import code_part, number


@dataclass(frozen=True)
class Grid:
    """A table found on the page: its box, rule positions and cells (row, col, spans, box)."""

    bbox: tuple[int, int, int, int]
    rows: tuple[int, ...]  # y of each horizontal rule, top to bottom
    cols: tuple[int, ...]  # x of each vertical rule, left to right
    cells: tuple[tuple[int, int, int, int, tuple[int, int, int, int]], ...]


def _rules(inv: np.ndarray, char_h: float) -> tuple[np.ndarray, np.ndarray]:
    """Masks of long horizontal and vertical strokes (table rules)."""
    h, w = inv.shape
    # Longer than any letter stroke (blurred letters of a line can touch: hence 6x the letter height
    # across) but shorter than a one-line row's vertical rule.
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 25, int(6 * char_h)), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(12, int(2.0 * char_h))))
    horiz = cv2.morphologyEx(inv, cv2.MORPH_OPEN, hk)
    vert = cv2.morphologyEx(inv, cv2.MORPH_OPEN, vk)
    # Bridge the small gaps a faded scan leaves in a rule.
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vert = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    return horiz, vert


def _positions(profile: np.ndarray, min_cover: float) -> list[int]:
    """Centres of runs where a rule covers at least ``min_cover`` of the table's extent."""
    on = profile >= min_cover
    out, start = [], None
    for i, v in enumerate(on):
        if v and start is None:
            start = i
        elif not v and start is not None:
            out.append((start + i - 1) // 2)
            start = None
    if start is not None:
        out.append((start + len(on) - 1) // 2)
    return out


def _covered(mask: np.ndarray, y0: int, y1: int, x0: int, x1: int) -> bool:
    """Is there a rule along this segment (most of its length inked)?"""
    seg = mask[max(0, y0) : max(y0 + 1, y1), max(0, x0) : max(x0 + 1, x1)]
    if seg.size == 0:
        return False
    along = seg.max(axis=1 if seg.shape[0] > seg.shape[1] else 0)
    return float((along > 0).mean()) >= 0.6


def find_grids(
    inv: np.ndarray, char_h: float = 0.0, min_rows: int = 2, min_cols: int = 2
) -> tuple[list[Grid], np.ndarray]:
    """Ruled grids on an ink mask (ink = 255) with at least ``min_rows`` x ``min_cols`` cells, and the rule mask."""
    h, w = inv.shape
    # Rules survive halving (any ink in a 2x2 block stays ink); morphology costs a quarter.
    f = 0.5 if max(h, w) > 1800 else 1.0
    small = inv if f == 1.0 else cv2.resize(inv, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    if f != 1.0:
        small = np.where(small > 0, 255, 0).astype(np.uint8)
    sh, sw = small.shape
    horiz, vert = _rules(small, (char_h or h / 100) * f)
    both = cv2.bitwise_or(horiz, vert)
    n, _, stats, _ = cv2.connectedComponentsWithStats(both, connectivity=8)
    grids = []
    for i in range(1, n):
        x, y, bw, bh, _ = (int(v) for v in stats[i])
        if bw < sw // 6 or bh < sh // 40:
            continue
        # Thickened across their direction, so that a rule still slanted by residual skew (or
        # bowed by the scanner) counts as one straight line in the profiles.
        hs = (cv2.dilate(horiz[y : y + bh, x : x + bw], np.ones((7, 1), np.uint8)) > 0).mean(axis=1)
        vs = (cv2.dilate(vert[y : y + bh, x : x + bw], np.ones((1, 7), np.uint8)) > 0).mean(axis=0)
        # Rules that span only part of the table (beside a merged cell) still count as grid lines;
        # below a third, a run is more likely left-aligned letters stacked from row to row.
        rows = [y + r for r in _positions(hs, 0.3)]
        cols = [x + c for c in _positions(vs, 0.3)]
        if len(rows) < min_rows + 1 or len(cols) < min_cols + 1:
            continue
        # A ruled table has a frame: rules along its four sides.  Underlines, strike-throughs and
        # smeared text lines that the rule filter lets through have none.
        if min(hs[:6].max(), hs[-6:].max()) < 0.5 or min(vs[:6].max(), vs[-6:].max()) < 0.5:
            continue
        cells = [
            (r, c, rs, cs, _scale_box(box, 1 / f)) for r, c, rs, cs, box in _cells(horiz, vert, rows, cols)
        ]
        rows_full = tuple(int(v / f) for v in rows)
        cols_full = tuple(int(v / f) for v in cols)
        grids.append(Grid(_scale_box((x, y, x + bw, y + bh), 1 / f), rows_full, cols_full, tuple(cells)))
    rules = both if f == 1.0 else cv2.resize(both, (w, h), interpolation=cv2.INTER_NEAREST)
    return sorted(grids, key=lambda g: (g.bbox[1], g.bbox[0])), rules


def _scale_box(b: tuple[int, int, int, int], k: float) -> tuple[int, int, int, int]:
    return (int(b[0] * k), int(b[1] * k), int(b[2] * k), int(b[3] * k))


def _cells(
    horiz: np.ndarray, vert: np.ndarray, rows: list[int], cols: list[int]
) -> list[tuple[int, int, int, int, tuple[int, int, int, int]]]:
    """Grid units merged where their separating rule is missing: (row, col, row_span, col_span, box)."""
    nr, nc = len(rows) - 1, len(cols) - 1
    parent = list(range(nr * nc))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    t = 3  # half-width of the band searched for a rule
    for r in range(nr):
        for c in range(nc):
            y0, y1 = rows[r], rows[r + 1]
            x0, x1 = cols[c], cols[c + 1]
            inset_y, inset_x = (y1 - y0) // 5, (x1 - x0) // 5
            if c + 1 < nc and not _covered(vert, y0 + inset_y, y1 - inset_y, x1 - t, x1 + t + 1):
                parent[find(r * nc + c + 1)] = find(r * nc + c)
            if r + 1 < nr and not _covered(horiz, y1 - t, y1 + t + 1, x0 + inset_x, x1 - inset_x):
                parent[find((r + 1) * nc + c)] = find(r * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(find(r * nc + c), []).append((r, c))
    out = []
    for units in groups.values():
        r0, r1 = min(u[0] for u in units), max(u[0] for u in units)
        c0, c1 = min(u[1] for u in units), max(u[1] for u in units)
        out.append((r0, c0, r1 - r0 + 1, c1 - c0 + 1, (cols[c0], rows[r0], cols[c1 + 1], rows[r1 + 1])))
    return sorted(out)


def _cell_image(
    gray: np.ndarray, rules: np.ndarray, box: tuple[int, int, int, int], char_h: float
) -> tuple[np.ndarray, tuple[int, int]] | None:
    """The cell's text, cleaned and cropped with a white margin, and where the crop's origin sits
    on the page; or None when the cell is empty.

    Read whole, a tall cell's empty speckled background comes back as junk lines, so the cell is
    median-filtered, thresholded on its own (shaded header rows), cleared of specks, and cropped
    to the ink that is left.
    """
    x0, y0, x1, y1 = box
    pad = max(3, int(0.12 * char_h))  # rules are a few pixels wide, more on thick or blurred scans
    crop = gray[y0 + pad : y1 - pad + 1, x0 + pad : x1 - pad + 1].copy()
    if crop.size == 0 or min(crop.shape) < 6:
        return None
    crop[rules[y0 + pad : y1 - pad + 1, x0 + pad : x1 - pad + 1] > 0] = 255
    smooth = cv2.medianBlur(crop, 3)  # to find the letters only: it eats thin serifs ("1" -> "|")
    if float(smooth.max()) - float(smooth.min()) < 40:  # flat: no text, Otsu would split the noise
        return None
    otsu, _ = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    # Ink is clearly darker than the paper: on an empty cell Otsu would split the paper's grain.
    # "Clearly" is measured against the cell's darkest ink: a fixed margin below the paper found
    # no letters at all in a faded table, whose ink is itself within 60 of the paper.
    paper = float(np.percentile(smooth, 90))
    dark = float(np.percentile(smooth, 1))
    level = min(otsu, paper - min(60.0, max(30.0, 0.4 * (paper - dark))))
    binary = np.where(smooth > level, 255, 0).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(255 - binary, connectivity=8)
    # Letters seed the text area; isolated specks never count.
    xs, ys, ws, hs, areas = (stats[:, k] for k in range(5))
    ch, cw = binary.shape
    # A thin stroke touching the crop's edge is what is left of a rule, not a letter.
    edge = (xs <= 1) | (ys <= 1) | (xs + ws >= cw - 1) | (ys + hs >= ch - 1)
    thin = np.minimum(ws, hs) < 0.25 * char_h
    keep = [
        i for i in range(1, n)
        if hs[i] >= 0.35 * char_h and areas[i] >= (0.12 * char_h) ** 2 and not (edge[i] and thin[i])
    ]
    if not keep:
        return None
    letters = np.isin(labels, keep).astype(np.uint8)
    # How dark this cell's ink is.  A light-grey table (a faded or toner-starved scan) prints its
    # cells far fainter than the page's body: the faint ends of strokes, an H's crossbar and the
    # tone marks sit between ``level`` and the paper, and were cut away with the background
    # ("HTTT" -> "IIITT", "Bảo" -> "lão", "07/03/2014" -> "07032014" on a real scan).  The marks
    # are thresholded halfway between the ink and the paper instead, and the crop below is
    # stretched so that the ink is dark.  Only faint ink, lighter than half the paper: on dark ink
    # the higher threshold joined a thin "1" at a cell's edge to the rules' halo (dev split).
    tone = float(np.percentile(crop[letters > 0], 10))
    faint = tone > 0.5 * paper
    if faint:
        level = max(level, (tone + paper) / 2)
    # Punctuation and tone marks are small: a comma, a period, a hyphen, a dot over "i".  They are
    # found on the unfiltered crop (the median filter erases a thin hyphen or a period on a blurred
    # scan) and kept whole when they touch the band around the letters, a letter's width across and
    # half a letter up and down: masking by that band instead cut a comma's tail off ("," -> ".")
    # and a hyphen's end off ("-" -> "." or nothing).
    raw = np.where(crop > level, 0, 255).astype(np.uint8)
    near = cv2.dilate(letters, cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(char_h)), max(3, int(char_h)))))
    m_n, m_labels, m_stats, _ = cv2.connectedComponentsWithStats(raw, connectivity=8)
    speck = max(3.0, (0.07 * char_h) ** 2)
    touching = np.unique(m_labels[(near > 0) & (raw > 0)])
    marks = [
        int(i) for i in touching
        if i > 0 and m_stats[i, cv2.CC_STAT_AREA] >= speck
        and m_stats[i, cv2.CC_STAT_HEIGHT] <= 1.5 * char_h and m_stats[i, cv2.CC_STAT_WIDTH] <= 3 * char_h
    ]
    ink = (letters > 0) | np.isin(m_labels, marks)
    # Paper scaled to white (no grey halo where the crop is whitened around the text) and the ink to
    # near black, strokes kept in grey: Tesseract's line finder dropped whole lines of thresholded cells.
    lo = min(tone, paper - 1.0) if faint else 0.0
    scaled = np.clip((crop.astype(np.float32) - lo) * (255.0 / max(paper - lo, 1.0)), 0, 255).astype(np.uint8)
    around = cv2.dilate(ink.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    scaled[~around] = 255
    ys, xs = np.nonzero(ink)
    text = scaled[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    origin = (x0 + pad + int(xs.min()) - 12, y0 + pad + int(ys.min()) - 12)
    return cv2.copyMakeBorder(text, 12, 12, 12, 12, cv2.BORDER_CONSTANT, value=255), origin


def read_tables(
    gray: np.ndarray,
    rules: np.ndarray,
    grids: list[Grid],
    lang: str,
    deadline: Deadline,
    scale: float = 1.0,
    char_h: float = 30.0,
    unfiltered: np.ndarray | None = None,
) -> list[Table]:
    """Read every cell of every grid; cell boxes are divided by ``scale`` (the page's upscale).

    ``unfiltered``: the page before a filter ``gray`` went through (a grainy page's median): a cell
    whose reading holds a broken document symbol is read again from it, and that reading is taken
    when it holds more whole symbols (see ``_symbols``)."""
    jobs: list[tuple[int, int]] = []
    images: list[np.ndarray] = []
    origins: list[tuple[int, int]] = []
    # Cells go to Tesseract with letters about TARGET_TEXT_HEIGHT high, as pages do: a blurred scan
    # rendered large reads its commas as periods more often at full size (dev split, issue 14:
    # cell symbols 44 -> 48 of 50, tokens with , - ; 436 -> 442 of 529), and smaller cells cost less.
    shrink = TARGET_TEXT_HEIGHT / char_h if char_h > 1.2 * TARGET_TEXT_HEIGHT else 1.0
    for gi, grid in enumerate(grids):
        for ci, cell in enumerate(grid.cells):
            got = _cell_crop(gray, rules, cell[4], char_h, shrink)
            if got is not None:
                jobs.append((gi, ci))
                images.append(got[0])
                origins.append(got[1])
    # psm 6 (a uniform block) for every cell, in one Tesseract process: it reads one-line and
    # wrapped cells alike (a psm 7 pass for one-line cells gave the same table CER for ~0.4 s more).
    words = tesseract.read_batch(images, lang, 6, deadline)
    # A lone short label ("1", "1.1") is sometimes dropped whole by psm 6's line finder on a blurred
    # scan; read those few again as one word (psm 8), in one more process only when there are any.
    small_h = TARGET_TEXT_HEIGHT if shrink != 1.0 else char_h
    again = [k for k, (img, ws) in enumerate(zip(images, words, strict=True))
             if not ws and img.shape[1] < 5 * small_h]
    if again:
        for k, ws in zip(again, tesseract.read_batch([images[k] for k in again], lang, 8, deadline), strict=True):
            words[k] = ws
    if unfiltered is not None:
        _reread_broken_symbols(unfiltered, rules, grids, jobs, origins, words, lang, deadline, char_h, shrink)
    found: dict[tuple[int, int], tuple[str, float, tuple[Line, ...]]] = {}
    for job, ws, (ox, oy) in zip(jobs, words, origins, strict=True):
        text = "\n".join(line.text for line in tesseract.words_to_lines(ws))
        # The same lines with word boxes on the page (the crop's origin, at the page's resolution).
        placed = tesseract.words_to_lines(ws, scale * shrink, (int(round(ox / scale)), int(round(oy / scale))))
        conf = float(np.mean([w.conf for w in ws])) if ws else 0.0
        found[job] = (text, conf, tuple(placed))

    tables = []
    for gi, grid in enumerate(grids):
        cells = []
        for ci, (r, c, rs, cs, box) in enumerate(grid.cells):
            text, conf, lines = found.get((gi, ci), ("", 1.0, ()))
            cells.append(TableCell(r, c, text, _scale_box(box, 1 / scale), rs, cs, conf, lines))
        tables.append(Table(_scale_box(grid.bbox, 1 / scale), len(grid.rows) - 1, len(grid.cols) - 1,
                            tuple(_labelled(cells))))
    return tables


def _cell_crop(
    gray: np.ndarray, rules: np.ndarray, box: tuple[int, int, int, int], char_h: float, shrink: float
) -> tuple[np.ndarray, tuple[int, int]] | None:
    """A cell's image as Tesseract gets it (``_cell_image``, scaled by ``shrink``) and its origin."""
    got = _cell_image(gray, rules, box, char_h)
    if got is None or shrink == 1.0:
        return got
    return cv2.resize(got[0], None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA), got[1]


# A document symbol read whole (VN_DOCUMENT_RULES §1): the state form NUMBER[/YEAR]/CODE[-CODE...]
# (15/2021/TT-BNV, 123/UBND) or the Party's NUMBER-CODE/CODE[...] (238-KL/TW).
_CODE = code_part(digits=False)
_WHOLE_SYMBOL = re.compile(
    rf"^{number(False)}(?:(?:/{year(False)})?/{_CODE}(?:-{_CODE})*|-{_CODE}/{_CODE}(?:[-/]{_CODE})*)$"
)
# A token that starts as a symbol does (digits, then a slash or dash, capitals in it) but is none.
_SYMBOL_START = re.compile(r"^\d+[^\s]*[/-]")


def _symbols(text: str) -> tuple[int, int]:
    """(whole, broken) document symbols among ``text``'s tokens."""
    whole = broken = 0
    for token in text.split():
        t = token.strip(".,;:()")
        if not _SYMBOL_START.match(t) or not any(c.isupper() for c in t):
            continue
        if _WHOLE_SYMBOL.match(t):
            whole += 1
        else:
            broken += 1
    return whole, broken


def _reread_broken_symbols(
    unfiltered: np.ndarray,
    rules: np.ndarray,
    grids: list[Grid],
    jobs: list[tuple[int, int]],
    origins: list[tuple[int, int]],
    words: list[list[tesseract.TsvWord]],
    lang: str,
    deadline: Deadline,
    char_h: float,
    shrink: float,
) -> None:
    """A grainy page's median evens the grain on the letters (cell tokens read better) but can thin a
    digit's stroke away inside a symbol ("15/2021/TT-BNV" -> "15/202L/TT-BNV"): the few cells whose
    reading holds a broken symbol are read once more from the page before the median, in one more
    process, and that reading replaces the first in place when it has more whole symbols."""
    suspect = [k for k, ws in enumerate(words) if _symbols(" ".join(w.text for w in ws))[1]]
    if not suspect:
        return
    again: list[int] = []
    crops: list[tuple[np.ndarray, tuple[int, int]]] = []
    for k in suspect:
        gi, ci = jobs[k]
        got = _cell_crop(unfiltered, rules, grids[gi].cells[ci][4], char_h, shrink)
        if got is not None:
            again.append(k)
            crops.append(got)
    read = tesseract.read_batch([img for img, _ in crops], lang, 6, deadline)
    for k, (_, origin), ws in zip(again, crops, read, strict=True):
        if _symbols(" ".join(w.text for w in ws))[0] > _symbols(" ".join(w.text for w in words[k]))[0]:
            words[k], origins[k] = ws, origin  # the word boxes are the new crop's


def _labelled(cells: list[TableCell]) -> list[TableCell]:
    """The cells with the first column's item labels repaired (``numerals.item_labels``): only
    cells of one word change, text and word alike."""
    first = sorted((k for k, c in enumerate(cells) if c.col == 0 and c.col_span == 1), key=lambda k: cells[k].row)
    fixed = item_labels([cells[k].text for k in first])
    out = list(cells)
    for k, text in zip(first, fixed, strict=True):
        cell = cells[k]
        if text == cell.text or len(cell.lines) != 1 or len(cell.lines[0].words) != 1:
            continue
        line = cell.lines[0]
        word = replace(line.words[0], text=text)
        out[k] = replace(cell, text=text, lines=(replace(line, text=text, words=(word,)),))
    return out


def paper_tone(gray: np.ndarray) -> int:
    """The paper's grey level: the median of a sparse sample of the page (most of a page is paper)."""
    return int(np.median(gray[::7, ::7]))


def mask_out(gray: np.ndarray, grids: list[Grid]) -> np.ndarray:
    """The page with table regions painted over in the paper's tone, so the page read does not see
    them again.

    Painted pure white on a grey, grainy scan, the region made Tesseract's own thresholding take the
    grey paper around it for ink: the titles above an appendix table came back as nothing at all.
    """
    if not grids:
        return gray
    out = gray.copy()
    tone = paper_tone(gray)
    for g in grids:
        x0, y0, x1, y1 = g.bbox
        out[max(0, y0 - 2) : y1 + 3, max(0, x0 - 2) : x1 + 3] = tone
    return out


def mask_out_ink(inv: np.ndarray, grids: list[Grid]) -> np.ndarray:
    """The ink mask with table regions cleared (as ``mask_out`` whitens them on the page)."""
    if not grids:
        return inv
    out = inv.copy()
    for g in grids:
        x0, y0, x1, y1 = g.bbox
        out[max(0, y0 - 2) : y1 + 3, max(0, x0 - 2) : x1 + 3] = 0
    return out


def text_outside(inv: np.ndarray, grids: list[Grid], char_h: float) -> tuple[int, int, int, int] | None:
    """The box around the letters outside the tables (with a margin), or None when there are none.

    Specks and rule stubs do not count: only components at least a third of a letter high.  The
    search runs on a quarter-size copy of the ink mask (a full-page labelling costs ~0.1 s).
    """
    ink = inv.copy()
    for g in grids:
        x0, y0, x1, y1 = g.bbox
        ink[max(0, y0 - 2) : y1 + 3, max(0, x0 - 2) : x1 + 3] = 0
    f = 4 if char_h >= 16 else 1
    small = cv2.resize(ink, (ink.shape[1] // f, ink.shape[0] // f), interpolation=cv2.INTER_AREA) if f > 1 else ink
    n, _, stats, _ = cv2.connectedComponentsWithStats((small > 0).astype(np.uint8), connectivity=8)
    if n <= 1:
        return None
    stats = stats[1:] * f
    h = stats[:, cv2.CC_STAT_HEIGHT]
    w = stats[:, cv2.CC_STAT_WIDTH]
    letters = stats[(h >= char_h / 3) & (h <= 4 * char_h) & (w <= inv.shape[1] // 2)]
    if len(letters) == 0:
        return None
    pad = int(2 * char_h)
    x0 = max(0, int(letters[:, 0].min()) - pad)
    y0 = max(0, int(letters[:, 1].min()) - pad)
    x1 = min(inv.shape[1], int((letters[:, 0] + letters[:, 2]).max()) + pad)
    y1 = min(inv.shape[0], int((letters[:, 1] + letters[:, 3]).max()) + pad)
    return x0, y0, x1, y1
