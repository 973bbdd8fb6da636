"""Word boxes tightened to the word's own ink after reading (issue 18).

On a noisy 150-200 dpi scan Tesseract's word boxes contain the word but are 20-60 % taller: they
take in speckle and the tone marks of the neighbouring line, and in a table cell read shrunk every
word of a line gets one band-high box.  Each box is shrunk to the ink of the word's letters inside
it, with the word's own marks (Vietnamese tone marks above, the dot below), and never grown.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

Box = tuple[int, int, int, int]

CORE_HEIGHT = 0.25  # a letter is at least this share of the line's height ...
CORE_SIDE = 0.1  # ... and its area at least (this share of the line height) squared
SPECK_SIDE = 0.06  # smaller components are speckle: area < (share of line height) squared
REACH_ABOVE = 0.45  # the word's own marks: up to this share of the line height above the letters
REACH_BELOW = 0.15  # the dot below (nặng): close under the letters; the next line's marks are further
REACH_SIDE = 0.5  # and over the letters' columns, give or take this share


def ink_mask(image: np.ndarray) -> np.ndarray:
    """Ink of the image Tesseract read (dark on light), thresholded by Otsu."""
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if gray.dtype != np.uint8:
        gray = np.clip(gray, 0, 255).astype(np.uint8)
    if int(gray.max()) - int(gray.min()) < 40:
        return np.zeros(gray.shape, bool)
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return binary > 0


def _keep(part: Box, area: int, core: Box, line_h: float) -> bool:
    """A component that is no letter is the word's own mark when it is no speck and lies over the
    letters' columns, within reach above or below them."""
    x0, y0, x1, y1 = part
    if area < max(2.0, (SPECK_SIDE * line_h) ** 2):
        return False
    cx0, cy0, cx1, cy1 = core
    side = REACH_SIDE * line_h
    if x1 <= cx0 - side or x0 >= cx1 + side:
        return False
    return bool(y1 >= cy0 - REACH_ABOVE * line_h and y0 <= cy1 + REACH_BELOW * line_h)


def _parts(box: Box, ink: np.ndarray, line_h: float) -> list[tuple[Box, int]]:
    """The ink components inside ``box`` (clipped to it, with their areas), leaving out those that
    reach into it from above or below and lie mostly outside (the neighbouring lines' marks and
    descenders): components are found on a band taller than the box."""
    x0, y0, x1, y1 = box
    m = int(line_h) + 1
    ey0, ey1 = max(0, y0 - m), min(ink.shape[0], y1 + m)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink[ey0:ey1, x0:x1].astype(np.uint8), connectivity=8)
    out = []
    for i in range(1, n):
        cx, cy, cw, ch, area = (int(v) for v in stats[i])
        top, bottom = cy + ey0, cy + ey0 + ch
        inside = min(bottom, y1) - max(top, y0)
        if inside <= 0 or ((top < y0 or bottom > y1) and inside < 0.5 * ch):
            continue
        out.append(((x0 + cx, max(top, y0), x0 + cx + cw, min(bottom, y1)), area))
    return out


def tighten(box: Box, ink: np.ndarray, line_h: float) -> Box:
    """``box`` shrunk to the bounding box of the word's ink inside it (never grown).

    ``ink`` is the boolean ink mask of the image the box is on, ``line_h`` the height of the
    word's line as Tesseract boxed it.  Letters (components at least CORE_HEIGHT of the line high)
    set the box; marks are added when they sit within reach above or below the letters; specks,
    and components reaching into the box from above or below (the marks and descenders of the
    neighbouring lines), are left out.  A box with no letter is left as it is."""
    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(ink.shape[1], box[2]), min(ink.shape[0], box[3])
    if x1 - x0 < 2 or y1 - y0 < 2 or line_h <= 0:
        return box
    parts = _parts((x0, y0, x1, y1), ink, line_h)
    letters = [b for b, area in parts if b[3] - b[1] >= CORE_HEIGHT * line_h and area >= (CORE_SIDE * line_h) ** 2]
    if not letters:
        return box
    core = (min(b[0] for b in letters), min(b[1] for b in letters), max(b[2] for b in letters), max(b[3] for b in letters))
    keep = letters + [b for b, area in parts if b not in letters and _keep(b, area, core, line_h)]
    return (min(b[0] for b in keep), min(b[1] for b in keep), max(b[2] for b in keep), max(b[3] for b in keep))


def line_heights(boxes: Sequence[Box], lines: Sequence[object]) -> list[float]:
    """Each word's line height: the median height of the boxes of its line (same key)."""
    by_line: dict[object, list[int]] = {}
    for b, key in zip(boxes, lines, strict=True):
        by_line.setdefault(key, []).append(b[3] - b[1])
    med = {k: float(np.median(v)) for k, v in by_line.items()}
    return [med[k] for k in lines]


# A comma's or a semicolon's tail hangs below the letters' baseline; a period's or a colon's dot
# sits on it.  At 150 dpi Tesseract often reads the tail as a dot ("lượng:" for "lượng;").
# Measured on the dev scans, seeds 2100-2103 (mid-line marks): the lowest mark component of a
# true period or colon ends at the baseline (median 0.0 of the line height, 9 in 10 below 0.02)
# and is as tall as wide; a comma or semicolon read as a dot ends 0.04-0.08 below it and is
# taller than wide.  Both must hold, so a blurred dot is not taken for a tail.
TAIL_DROP = 0.03  # the mark's bottom below the baseline, in line heights
TAIL_ASPECT = 1.1  # the mark's height over its width
TAIL_REACH = 0.3  # how far below the word's box a tail is looked for, in line heights


def mark_has_tail(box: Box, ink: np.ndarray, line_h: float) -> bool:
    """Whether the mark closing the word in ``box`` (a period or a colon as read) hangs below the
    baseline of the word's letters like a comma's tail.  The baseline is the median bottom of the
    letters; the mark is the lowest non-speck component right of the last letter."""
    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(ink.shape[1], box[2]), min(ink.shape[0], box[3])
    if x1 - x0 < 2 or y1 - y0 < 2 or line_h <= 0:
        return False
    parts = _parts((x0, y0, x1, min(ink.shape[0], y1 + int(TAIL_REACH * line_h))), ink, line_h)
    letters = [b for b, area in parts if b[3] - b[1] >= CORE_HEIGHT * line_h and area >= (CORE_SIDE * line_h) ** 2]
    if not letters:
        return False
    base = float(np.median([b[3] for b in letters]))
    right = max(b[2] for b in letters)
    marks = [b for b, area in parts
             if b not in letters and b[0] >= right - 1 and area >= max(2.0, (SPECK_SIDE * line_h) ** 2)]
    if not marks:
        return False
    low = max(marks, key=lambda b: b[3])
    return (low[3] - base) / line_h >= TAIL_DROP and (low[3] - low[1]) / max(1, low[2] - low[0]) >= TAIL_ASPECT
