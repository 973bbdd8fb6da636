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
REACH_SIDE = 0.2  # and over the letters' columns, give or take this share


def ink_mask(image: np.ndarray) -> np.ndarray:
    """Ink of the image Tesseract read (dark on light), thresholded by Otsu."""
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if gray.dtype != np.uint8:
        gray = np.clip(gray, 0, 255).astype(np.uint8)
    if int(gray.max()) - int(gray.min()) < 40:
        return np.zeros(gray.shape, bool)
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return binary > 0


def _keep(stats: np.ndarray, i: int, core: Box, line_h: float, h: int) -> bool:
    """A non-letter component is the word's own mark when it is no speck, lies over the letters'
    columns within reach above or below them, and is not the cut-off end of something outside the
    box (touching its top or bottom edge)."""
    x, y, w, hh, area = (int(v) for v in stats[i])
    if area < max(2.0, (SPECK_SIDE * line_h) ** 2) or y == 0 or y + hh >= h:
        return False
    cx0, cy0, cx1, cy1 = core
    side = REACH_SIDE * line_h
    if x + w <= cx0 - side or x >= cx1 + side:
        return False
    return bool(y + hh >= cy0 - REACH_ABOVE * line_h and y <= cy1 + REACH_BELOW * line_h)


def tighten(box: Box, ink: np.ndarray, line_h: float) -> Box:
    """``box`` shrunk to the bounding box of the word's ink inside it (never grown).

    ``ink`` is the boolean ink mask of the image the box is on, ``line_h`` the height of the
    word's line as Tesseract boxed it.  Letters (components at least CORE_HEIGHT of the line high)
    set the box; marks are added when they sit within reach above or below the letters; specks,
    and components touching the box's top or bottom edge that are not letters (the marks and
    descenders of the neighbouring lines), are left out.  A box with no letter is left as it is."""
    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(ink.shape[1], box[2]), min(ink.shape[0], box[3])
    if x1 - x0 < 2 or y1 - y0 < 2 or line_h <= 0:
        return box
    crop = ink[y0:y1, x0:x1].astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    h = y1 - y0
    core_ids = [
        i for i in range(1, n)
        if stats[i, cv2.CC_STAT_HEIGHT] >= CORE_HEIGHT * line_h and stats[i, cv2.CC_STAT_AREA] >= (CORE_SIDE * line_h) ** 2
    ]
    if not core_ids:
        return box
    core = (
        min(int(stats[i, cv2.CC_STAT_LEFT]) for i in core_ids),
        min(int(stats[i, cv2.CC_STAT_TOP]) for i in core_ids),
        max(int(stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH]) for i in core_ids),
        max(int(stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT]) for i in core_ids),
    )
    keep = core_ids + [i for i in range(1, n) if i not in core_ids and _keep(stats, i, core, line_h, h)]
    bx0 = min(int(stats[i, cv2.CC_STAT_LEFT]) for i in keep)
    by0 = min(int(stats[i, cv2.CC_STAT_TOP]) for i in keep)
    bx1 = max(int(stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH]) for i in keep)
    by1 = max(int(stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT]) for i in keep)
    return (x0 + bx0, y0 + by0, x0 + bx1, y0 + by1)


def line_heights(boxes: Sequence[Box], lines: Sequence[object]) -> list[float]:
    """Each word's line height: the median height of the boxes of its line (same key)."""
    by_line: dict[object, list[int]] = {}
    for b, key in zip(boxes, lines, strict=True):
        by_line.setdefault(key, []).append(b[3] - b[1])
    med = {k: float(np.median(v)) for k, v in by_line.items()}
    return [med[k] for k in lines]
