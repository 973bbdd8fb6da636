"""The page's text outside the tables: underlines removed, the two-column header read as two columns.

Read as one page, the NĐ 30/2020 header (authority | motto on the left and right, then number |
place and date) comes back as rows that run across both columns ("ỦY BAN NHÂN DÂN =_ CỘNG HÒA
..."), and the short rules under the authority, the motto and the title come back as junk tokens
("=_", "--„", "._H." for "II.").  Here the rules are erased from the image before Tesseract sees
them, and when the top of the page has a white gutter running down between two blocks of text, each
block is read as its own image with its own line boxes.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.types import Line

# A rule under a heading is at least this many letter heights long and at most this thick.
UNDERLINE_MIN_LEN = 3.0
UNDERLINE_MAX_THICK = 0.3
# The header's gutter: at least this many letter heights of white between the columns.
GUTTER_MIN = 1.5


def underlines(inv: np.ndarray, char_h: float) -> np.ndarray:
    """Mask (255) of the short horizontal rules under headings: long, thin and with white just above.

    A run of touching serifs along a line of bold capitals is as long, but has letters right on top
    of it; an underline has a gap between it and the text it underlines (descenders aside).  The
    rules are looked for on a half-size copy (a rule survives halving; the opening costs a quarter).
    """
    h, w = inv.shape
    out = np.zeros_like(inv)
    if char_h <= 0:
        return out
    f = 2 if max(h, w) > 1800 else 1
    if f == 1:
        small = inv
    else:  # any ink in a 2x2 block stays ink (a max-pool; resizing by area costs more)
        hh, ww = h // 2 * 2, w // 2 * 2
        small = cv2.bitwise_or(cv2.bitwise_or(inv[0:hh:2, 0:ww:2], inv[1:hh:2, 0:ww:2]),
                               cv2.bitwise_or(inv[0:hh:2, 1:ww:2], inv[1:hh:2, 1:ww:2]))
    length = max(8, int(UNDERLINE_MIN_LEN * char_h / f))
    runs = cv2.morphologyEx(small, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    if not runs.any():
        return out
    contours, _ = cv2.findContours(runs, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)  # cheaper than labelling
    gap = max(2, int(0.1 * char_h))
    for contour in contours:
        x, y, bw, bh = (int(v) * f for v in cv2.boundingRect(contour))
        if bh > max(3, UNDERLINE_MAX_THICK * char_h) + f or bw > 0.8 * w:
            continue
        top = y
        while top > 0 and top > y - 2 * f and inv[top - 1, x : x + bw].mean() > 127:  # the rule's upper fringe
            top -= 1
        above = inv[max(0, top - gap) : top, x : x + bw]
        if above.size and float((above.max(axis=0) > 0).mean()) > 0.35:
            continue  # letters sit on it: the bottom of a line of text, not a rule
        # The rule and its blurred fringe, a pixel above and below.
        y0, y1 = max(0, top - 1), min(h, y + bh + f + 1)
        out[y0:y1, x : x + bw] = inv[y0:y1, x : x + bw]
    return out


@dataclass(frozen=True)
class HeaderSplit:
    """The header band (rows ``y0``..``y1``) and the x of the gutter between its two columns."""

    y0: int
    y1: int
    gutter: int


def _letters(inv: np.ndarray, char_h: float) -> np.ndarray:
    """Boxes of letter-sized components, filled (specks and rules left out), on a copy ``f`` times smaller."""
    f = 4 if char_h >= 16 else 2 if char_h >= 8 else 1
    small = cv2.resize(inv, (inv.shape[1] // f, inv.shape[0] // f), interpolation=cv2.INTER_AREA) if f > 1 else inv
    # A block of the small copy is ink when ink covers much of it: a lone speck (a grainy scan has
    # thousands) covers a few pixels of its block and would otherwise bridge the gutter.
    n, _, stats, _ = cv2.connectedComponentsWithStats((small > 100).astype(np.uint8), connectivity=8)
    mask = np.zeros(small.shape, np.uint8)
    ch = char_h / f
    for x, y, bw, bh, _ in stats[1:]:
        if ch / 3 <= bh <= 3 * ch and bw <= 6 * ch:
            mask[y : y + bh, x : x + bw] = 1
    return mask


def find_header(inv: np.ndarray, char_h: float) -> HeaderSplit | None:
    """The two-column header at the top of ``inv`` (ink = 255), or None when the page has none.

    Text rows are the runs of rows with letters.  From the top, rows follow each other into the
    header while a white gutter at least ``GUTTER_MIN`` letters wide stays open between 20 % and
    75 % of the text's width; at least two rows must have text on both sides of it.  The first row
    with ink in the gutter (the centred title, the first body line) ends the header.
    """
    if char_h <= 0:
        return None
    f = 4 if char_h >= 16 else 2 if char_h >= 8 else 1
    letters = _letters(inv, char_h)
    if not letters.any():
        return None
    rows_on: np.ndarray = np.asarray(letters.any(axis=1))
    cols_on = np.nonzero(letters.any(axis=0))[0]
    xl, xr = int(cols_on[0]), int(cols_on[-1])
    width = xr - xl
    if width < 20 * char_h / f:
        return None
    join = max(1, int(0.25 * char_h / f))  # tone marks float a little above their letters
    bands = _text_rows(rows_on, join)
    lo, hi = xl + int(0.2 * width), xl + int(0.75 * width)
    gap_min = GUTTER_MIN * char_h / f
    open_cols = np.ones(hi - lo, bool)  # columns still white in every header row so far
    two_sided, last = 0, -1
    for k, (y0, y1) in enumerate(bands[:10]):
        if y0 > 0.4 * letters.shape[0]:
            break
        occupied: np.ndarray = np.asarray(letters[y0:y1].any(axis=0))
        cand = open_cols & ~occupied[lo:hi]
        run = _widest_run(cand)
        if run is None or run[1] - run[0] < gap_min:
            break
        a, b = lo + run[0], lo + run[1]
        if occupied[xl:a].any() and occupied[b : xr + 1].any():
            two_sided += 1
        elif k == 0:
            break  # the page starts with one block: no header to split
        keep = np.zeros_like(open_cols)
        keep[run[0] : run[1]] = True
        open_cols = cand & keep
        last = k
    if two_sided < 2 or last < 0:
        return None
    run = _widest_run(open_cols)
    if run is None:
        return None
    top = max(0, bands[0][0] - join)
    bottom = bands[last][1] if last + 1 >= len(bands) else (bands[last][1] + bands[last + 1][0]) // 2
    gutter = lo + (run[0] + run[1]) // 2
    return HeaderSplit(top * f, bottom * f, gutter * f)


def _text_rows(rows_on: np.ndarray, join: int) -> list[tuple[int, int]]:
    """(first, end) of each run of rows with letters; runs at most ``join`` rows apart are one."""
    bands: list[tuple[int, int]] = []
    start = None
    for y, on in enumerate(rows_on):
        if on and start is None:
            start = y
        elif not on and start is not None:
            if bands and start - bands[-1][1] <= join:
                bands[-1] = (bands[-1][0], y)
            else:
                bands.append((start, y))
            start = None
    if start is not None:
        bands.append((start, len(rows_on)))
    return bands


def _widest_run(mask: np.ndarray) -> tuple[int, int] | None:
    """(start, end) of the longest run of True, or None."""
    if not mask.any():
        return None
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    d = np.diff(padded)
    starts, ends = np.nonzero(d == 1)[0], np.nonzero(d == -1)[0]
    k = int(np.argmax(ends - starts))
    return int(starts[k]), int(ends[k])


def reading_order(lines: list[Line], char_h: float) -> list[Line]:
    """The header's lines of both columns by row (centres within half a letter), then left to right,
    as a row-wise reader meets them (and as the structure stage expects them)."""
    placed = sorted((ln for ln in lines if ln.bbox is not None), key=_middle)
    rows: list[list[Line]] = []
    for ln in placed:
        assert ln.bbox is not None
        mid = (ln.bbox[1] + ln.bbox[3]) / 2
        if rows:
            last = rows[-1][0].bbox
            assert last is not None
            if abs(mid - (last[1] + last[3]) / 2) <= 0.5 * max(char_h, 1.0):
                rows[-1].append(ln)
                continue
        rows.append([ln])
    out = [_trim(ln) for row in rows for ln in sorted(row, key=_left)]
    return [ln for ln in out if ln.words] + [ln for ln in lines if ln.bbox is None]


def _trim(line: Line) -> Line:
    """A header line without a lone dash, dot or underscore at its ends: no line of the NĐ 30 header
    begins or ends with one; it is what is left of the rule under the line ("ỦY BAN NHÂN DÂN -")."""
    words = list(line.words)
    while words and words[-1].text in ("-", "_", ".", "–", "—"):
        words.pop()
    while words and words[0].text in ("-", "_", ".", "–", "—"):
        words.pop(0)
    if len(words) == len(line.words):
        return line
    if not words:
        return Line("", line.bbox, (), line.confidence, line.block_no)
    box = (min(w.bbox[0] for w in words), min(w.bbox[1] for w in words),
           max(w.bbox[2] for w in words), max(w.bbox[3] for w in words))
    conf = float(np.mean([w.confidence for w in words]))
    return Line(" ".join(w.text for w in words), box, tuple(words), conf, line.block_no)


def _left(line: Line) -> int:
    return line.bbox[0] if line.bbox is not None else 0


def _middle(line: Line) -> float:
    return (line.bbox[1] + line.bbox[3]) / 2 if line.bbox is not None else 0.0
