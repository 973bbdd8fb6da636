"""Page orientation (0/90/180/270): a cheap layout test first, Tesseract OSD only when it is unsure.

OSD costs ~2 s a page here (as much as half of reading it), so pages that the layout test finds
upright skip it, and the engine only asks OSD afterwards when Tesseract read the page with low
confidence (upside-down text reads as low-confidence junk).  The layout test: smearing text horizontally joins letters into
long flat line blobs only when lines run horizontally; and Vietnamese lines carry much more ink above
the x-height band (tone marks, capitals, ascenders) than below it, which tells upright from flipped.
OSD fails on sparse pages ("Too few characters"); the layout answer is used then.
"""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.ocr import preprocess
from pipeline.ocr.tesseract import Deadline, read_osd

OSD_MIN_CONFIDENCE = 1.5
SIDEWAYS_CONFIDENCE = 0.5  # line-direction confidence needed before a page is turned by 90


def _line_blobs(inv: np.ndarray, char_h: float) -> list[tuple[int, int, int, int]]:
    """Boxes of horizontal text-line blobs (letters smeared together along the line)."""
    k = max(3, int(char_h * 1.5))
    smear = cv2.morphologyEx(inv, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(smear, connectivity=8)
    boxes = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w >= 4 * h and char_h * 0.5 <= h <= char_h * 3:
            boxes.append((int(x), int(y), int(w), int(h)))
    return boxes


def _flip_score(inv: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> float:
    """Share of off-band ink that lies above the x-height band, over all lines (0.5 = no idea)."""
    above = below = 0.0
    for x, y, w, h in boxes:
        pad = h // 2
        y0, y1 = max(0, y - pad), min(inv.shape[0], y + h + pad)
        prof = inv[y0:y1, x : x + w].sum(axis=1, dtype=np.float64)
        if prof.max() <= 0:
            continue
        band = np.nonzero(prof >= 0.5 * prof.max())[0]  # the x-height band: where most ink is
        lo, hi = int(band[0]), int(band[-1])
        above += prof[:lo].sum()
        below += prof[hi + 1 :].sum()
    if above + below == 0:
        return 0.5
    return above / (above + below)


def layout_orientation(inv: np.ndarray) -> tuple[int, float]:
    """(degrees to turn clockwise, confidence 0..1 in the line direction) from the text layout alone."""
    scale = min(1.0, 1200.0 / max(inv.shape))
    small = cv2.resize(inv, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else inv
    _, small = cv2.threshold(small, 64, 255, cv2.THRESH_BINARY)
    labels, stats = preprocess.components(small)
    char_h = preprocess.text_height(stats, small.shape[0])
    if char_h <= 0:  # too few letters to tell a direction (a near-empty page)
        return 0, 0.0
    # Letters only: table rules, stamps and specks say nothing about the direction of the lines.
    size = np.maximum(stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_WIDTH])
    letter = (size >= 0.3 * char_h) & (size <= 2.5 * char_h)
    lut = np.zeros(len(stats) + 1, np.uint8)
    lut[1:][letter] = 255
    small = lut[labels]
    horiz = _line_blobs(small, char_h)
    turned = np.ascontiguousarray(np.rot90(small, -1))  # rotated 90 degrees clockwise
    vert = _line_blobs(turned, char_h)
    h_len, v_len = sum(b[2] for b in horiz), sum(b[2] for b in vert)
    if h_len + v_len == 0:
        return 0, 0.0
    sideways = v_len > h_len
    share = max(h_len, v_len) / (h_len + v_len)
    img, boxes = (turned, vert) if sideways else (small, horiz)
    up = _flip_score(img, boxes)
    base = 90 if sideways else 0
    rotate = base if up >= 0.5 else (base + 180) % 360
    conf = min(1.0, (share - 0.5) * 2)  # how sure the line direction is; up/down is only a hint
    return rotate, float(conf)


def detect(gray: np.ndarray, inv: np.ndarray, deadline: Deadline, use_osd: bool = True) -> tuple[int, bool]:
    """(degrees 0/90/180/270 to turn the page clockwise, whether OSD was asked).

    Horizontal lines are taken as upright without asking OSD: the up/down test is only a hint
    (0.15-0.3 confidence on real pages), and the engine re-checks pages that read badly.
    """
    rotate, conf = layout_orientation(inv)
    if rotate in (0, 180) or conf < SIDEWAYS_CONFIDENCE or not use_osd:
        # A few short lines (a last page with "Nơi nhận:") give no clear direction: read as is.
        return (rotate if not use_osd and conf >= SIDEWAYS_CONFIDENCE else 0), False
    osd = osd_rotation(gray, deadline)
    return (osd if osd is not None else rotate), True


def osd_rotation(gray: np.ndarray, deadline: Deadline) -> int | None:
    """Tesseract OSD's rotation when it is sure enough, else None."""
    scale = min(1.0, 2000.0 / max(gray.shape))  # OSD needs no more than ~150 dpi
    osd = read_osd(preprocess.resize(gray, scale), deadline)
    if osd is not None and osd[1] >= OSD_MIN_CONFIDENCE:
        return osd[0]
    return None


def turn(gray: np.ndarray, rotate: int) -> np.ndarray:
    """Turn the image clockwise by 0/90/180/270 degrees."""
    k = (rotate // 90) % 4
    return np.ascontiguousarray(np.rot90(gray, -k)) if k else gray
