"""Stamps, seals and hand-writing on a scanned page (issue 14): found with cheap OpenCV features,
kept out of the page's lines and reported as flagged regions (``OcrPage.regions``).

* Colour.  The print of these documents is black; saturated red or blue/violet ink is a seal, a
  stamp or a pen.  A red group holding a round blob the size of a seal is a seal (alone) or a
  stamp (the e-office signature stamp: a round logo and its caption): its bright red pixels are
  painted over in the paper's tone before reading, so the black print under it (the signer's name)
  is read alone, and only words read unsurely there leave the lines.  Blue/violet strokes are
  hand-writing (pen loops close into round blobs too, so blue is never a seal); they stay on the
  page.  Red strokes without a round blob stay print: some headers are printed in red.
* Scribbles.  One connected black stroke, large and of thin ink, that is no grid of rules: a
  signature or a note in black pen.  On hand-writing (blue or black) the words read unsurely
  (confidence below 0.6) or as junk leave the lines; print crossing it, read surely, stays.
* Frames.  A rubber stamp ("CV ĐẾN" with số, ngày, chuyển) is a closed frame of rules a few letters
  high and some words wide, with text inside, that is no table grid.  It is kept as a stamp when the
  words read inside it are unsure (Tesseract's mean confidence below ``STAMP_CONFIDENCE``): then
  all its words leave the lines.  A framed printed note reads well and stays in the text.
* Header slots.  Where the header's shape calls for a number ("Số: __/CT-UBND", "ngày __ tháng")
  and OCR read ink there as no number, with low confidence, or as nothing, the number is
  hand-written and unreadable: the text says "…" there and an unreadable hand-writing region is
  flagged, instead of garbage ("ý#", "ngày®9") or a silently missing number.

Every test is relative to the page's letter height; nothing depends on where a given file puts
its stamp.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import cv2
import numpy as np

from pipeline.types import BBox, Line, Region, Word
from pipeline.vn.dates import OCR_DIGIT_GLYPHS

# A pixel is coloured ink when its chroma (max - min channel) and brightness pass these.
MIN_CHROMA = 60
MIN_VALUE = 80
PAINT_VALUE = 140  # coloured ink this bright is painted over (not print under a seal)
# A seal is at least this many letter heights across, roughly round.
SEAL_MIN = 3.5
# A frame: this many letter heights high and wide at least, and under these shares of the page.
FRAME_MIN_H, FRAME_MIN_W = 2.0, 6.0
FRAME_MAX_H, FRAME_MAX_W = 0.25, 0.6
# Words inside a frame whose mean confidence is below this are a stamp's reading.
STAMP_CONFIDENCE = 0.6
# Header-slot words below this confidence that are no number are unreadable hand-writing.
SLOT_CONFIDENCE = 0.6
UNREADABLE = "…"


@dataclass(frozen=True)
class Found:
    """What the colour pass found, in the pixels of the image it was given."""

    regions: tuple[Region, ...] = ()
    paint: np.ndarray | None = None  # the seal and stamp pixels to paint over (255), or None


def _colour_masks(image: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(red, blue, bright) ink masks of an RGB image sampled every ``k`` pixels, or None for gray
    images.  ``bright``: coloured ink whose own channel is bright, which is paint-safe: black print
    that a seal was stamped over reads dark red and is not in it."""
    img = np.asarray(image)
    if img.ndim != 3 or img.shape[2] < 3 or img.dtype != np.uint8:
        return None
    small = np.ascontiguousarray(img[::k, ::k, :3])
    hsv = cv2.cvtColor(small, cv2.COLOR_RGB2HSV)
    hue, sat, val = cv2.split(hsv)
    chroma = cv2.multiply(sat, val, scale=1 / 255)  # max - min channel (numpy's per-pixel max is slow)
    ink = (chroma >= MIN_CHROMA) & (val >= MIN_VALUE)
    red = ink & ((hue <= 10) | (hue >= 160))
    blue = ink & (hue >= 95) & (hue <= 150)
    if not red.any() and not blue.any():
        return None
    bright = (red | blue) & (val >= PAINT_VALUE)
    return red.astype(np.uint8) * 255, blue.astype(np.uint8) * 255, bright.astype(np.uint8) * 255


def _round_blob(mask: np.ndarray, ch: float) -> tuple[bool, float]:
    """Whether the group's ink closes into a roughly round blob at least ``SEAL_MIN`` letters
    across, and the share of the group's box that blob covers."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (max(3, int(ch)), max(3, int(ch))))
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    n, _, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    best = 0.0
    for i in range(1, n):
        w, h = int(stats[i, cv2.CC_STAT_WIDTH]), int(stats[i, cv2.CC_STAT_HEIGHT])
        if min(w, h) >= SEAL_MIN * ch and 0.7 <= w / h <= 1.4:
            best = max(best, w * h / float(mask.shape[0] * mask.shape[1]))
    return best > 0, best


def colour_regions(image: np.ndarray | None, char_h: float, shape: tuple[int, int] | None = None) -> Found:
    """Seals, colour stamps and pen strokes of an RGB page image, perhaps a smaller render of the
    page of ``shape`` (h, w) whose letters are ``char_h`` high; boxes and paint are in ``shape``."""
    if image is None or char_h <= 0:
        return Found()
    shape = shape or (int(image.shape[0]), int(image.shape[1]))
    ratio = image.shape[1] / max(1, shape[1])  # the image's pixels per page pixel
    k = max(1, int(char_h * ratio // 9))  # letters about 9 px high are plenty to tell seals and pens
    masks = _colour_masks(image, k)
    if masks is None:
        return Found()
    ch = char_h * ratio / k
    to_page = k / ratio  # a small-mask pixel in page pixels
    regions: list[Region] = []
    paint_small = np.zeros_like(masks[0])
    bright = masks[2]
    for colour, mask in zip(("red", "blue"), masks[:2], strict=True):
        join = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(ch)), max(3, int(ch))))
        n, labels, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(mask, join), connectivity=8)
        for i in range(1, n):
            x, y, w, h = (int(v) for v in stats[i, :4])
            part = mask[y : y + h, x : x + w] & (labels[y : y + h, x : x + w] == i).astype(np.uint8) * 255
            ink = int(np.count_nonzero(part))
            if ink < ch * ch * 0.5 or max(w, h) < ch:
                continue  # a speck or a coloured fringe
            round_, share = _round_blob(part, ch)
            box = scale_box((x, y, x + w, y + h), to_page)
            if colour == "blue":  # seals are red; pen loops close into round blobs too
                regions.append(Region("handwriting", box))
            elif round_:
                regions.append(Region("seal" if share >= 0.5 else "stamp", box))
                paint_small[y : y + h, x : x + w] |= part & bright[y : y + h, x : x + w]
    if not regions:
        return Found()
    paint = None
    if paint_small.any():
        paint = cv2.resize(paint_small, (shape[1], shape[0]), interpolation=cv2.INTER_NEAREST)
        paint = cv2.dilate(paint, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))  # the ink's soft edges
    return Found(tuple(regions), paint)


# A pen scribble (a signature, a hand-written note in black): one connected stroke this many letter
# heights high and wide at least, of thin ink (its share of its box below SCRIBBLE_FILL).
SCRIBBLE_H, SCRIBBLE_W, SCRIBBLE_FILL = 1.5, 3.0, 0.12


def scribbles(stats: np.ndarray, char_h: float, page_w: int, inv: np.ndarray | None = None) -> list[Region]:
    """Large connected strokes of thin ink (``stats``: the components of the ink mask ``inv``):
    signatures and hand-writing in black.  Only the words read unsurely on them leave the text.
    A component mostly made of straight rules (a grid the table finder left, a frame) is none."""
    if char_h <= 0 or len(stats) == 0:
        return []
    x, y, w, h, area = (stats[:, i] for i in range(5))
    keep = ((h >= SCRIBBLE_H * char_h) & (h <= 8 * char_h) & (w >= SCRIBBLE_W * char_h) & (w <= page_w // 2)
            & (area < SCRIBBLE_FILL * w * h))
    out = []
    for a, b, c, d in zip(x[keep], y[keep], w[keep], h[keep], strict=True):
        box = (int(a), int(b), int(a + c), int(b + d))
        if inv is None or not _ruled(inv[box[1] : box[3], box[0] : box[2]], char_h):
            out.append(Region("handwriting", box, confidence=-1.0))
    return out


def scribbles_near(inv: np.ndarray, boxes: list[BBox], char_h: float) -> list[Region]:
    """Scribbles around painted-over seals (a signature under a seal is one stroke only once the
    seal is gone): components of the ink mask found in each seal's box widened by its own width."""
    out: list[Region] = []
    h, w = inv.shape[:2]
    for x0, y0, x1, y1 in boxes:
        a, b, c, d = max(0, 2 * x0 - x1), max(0, y0), min(w, 2 * x1 - x0), min(h, y1)
        crop = np.ascontiguousarray(inv[b:d, a:c])
        stats = cv2.connectedComponentsWithStats(crop, connectivity=8)[2][1:]
        stats = stats + np.array([a, b, 0, 0, 0], dtype=stats.dtype)
        out += scribbles(stats, char_h, w, inv)
    return out


def _ruled(crop: np.ndarray, char_h: float) -> bool:
    """Whether most of the ink of ``crop`` lies on straight horizontal or vertical runs (rules)."""
    n = int(2 * char_h)
    runs = cv2.bitwise_or(cv2.morphologyEx(crop, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (n, 1))),
                          cv2.morphologyEx(crop, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, n))))
    return bool(np.count_nonzero(runs) >= 0.5 * max(1, int(np.count_nonzero(crop))))


def paint_over(gray: np.ndarray, paint: np.ndarray | None) -> np.ndarray:
    """The page with the seal and stamp ink painted in the paper's tone."""
    if paint is None or paint.shape != gray.shape:
        return gray
    out = gray.copy()
    out[paint > 0] = int(np.median(gray[::7, ::7]))
    return out


def turn_box(box: BBox, shape: tuple[int, int], degrees: int) -> BBox:
    """A box of an image of ``shape`` (h, w), on the image turned clockwise by ``degrees``."""
    h, w = shape
    x0, y0, x1, y1 = box
    k = (degrees // 90) % 4
    if k == 1:
        return (h - y1, x0, h - y0, x1)
    if k == 2:
        return (w - x1, h - y1, w - x0, h - y0)
    if k == 3:
        return (y0, w - x1, y1, w - x0)
    return box


def scale_box(box: BBox, k: float) -> BBox:
    """The box with every coordinate times ``k``, rounded."""
    return (int(round(box[0] * k)), int(round(box[1] * k)), int(round(box[2] * k)), int(round(box[3] * k)))


def find_frames(inv: np.ndarray, char_h: float, avoid: list[BBox] | None = None) -> list[BBox]:
    """Closed rectangular frames of rules (stamp-sized, no table grid in ``avoid``) on an ink mask."""
    if char_h <= 0:
        return []
    k = max(1, int(char_h // 10))
    small = np.ascontiguousarray(inv[::k, ::k])
    ch = char_h / k
    hs, ws = small.shape
    horiz = cv2.morphologyEx(small, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (int(3 * ch), 1)))
    vert = cv2.morphologyEx(small, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, int(1.5 * ch))))
    if not horiz.any() or not vert.any():
        return []
    # Pieces of a broken frame are joined: gaps up to about half a letter.
    join = max(3, int(0.6 * ch))
    rules = cv2.dilate(cv2.bitwise_or(horiz, vert), cv2.getStructuringElement(cv2.MORPH_RECT, (join, join)))
    contours, _ = cv2.findContours(rules, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out: list[BBox] = []
    for c in contours:
        x, y, w, h = cv2.boundingRect(c)
        if not (FRAME_MIN_H * ch <= h <= FRAME_MAX_H * hs and FRAME_MIN_W * ch <= w <= FRAME_MAX_W * ws):
            continue
        if not _closed(horiz[y : y + h, x : x + w], vert[y : y + h, x : x + w], ch):
            continue
        pad = join // 2  # the joining dilation grew the frame by this much on each side
        box = ((x + pad) * k, (y + pad) * k, (x + w - pad) * k, (y + h - pad) * k)
        if not any(overlap(box, a) > 0.3 for a in avoid or ()):
            out.append(box)
    return out


def _closed(horiz: np.ndarray, vert: np.ndarray, ch: float) -> bool:
    """A frame, perhaps broken (a bitonal scan loses bits of its rules): a rule down each side over
    much of its height and a rule across it near the top and near the bottom over most of its width."""
    h, w = horiz.shape
    side, end = max(2, w // 4), max(2, int(0.35 * h))
    left = np.count_nonzero(vert[:, :side].any(axis=1)) / h
    right = np.count_nonzero(vert[:, -side:].any(axis=1)) / h
    top = np.count_nonzero(horiz[:end], axis=1).max() / w
    bottom = np.count_nonzero(horiz[-end:], axis=1).max() / w
    return min(left, right) >= 0.4 and min(top, bottom) >= 0.6


def overlap(a: BBox, b: BBox) -> float:
    """The share of ``a``'s area that ``b`` covers."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    area = max(1, (a[2] - a[0]) * (a[3] - a[1]))
    return max(0, w) * max(0, h) / area


def _grow(box: BBox, m: float) -> BBox:
    k = int(round(m))
    return (box[0] - k, box[1] - k, box[2] + k, box[3] + k)


def _centre_in(box: BBox, r: BBox) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return r[0] <= cx <= r[2] and r[1] <= cy <= r[3]


# What print never has: a mark these documents do not use, or a run of dashes glued to letters.
_JUNK_RE = re.compile(r"[\\|~#®†£§^{}<>]|[—–_-]{2,}")
_NUMBER_RE = re.compile(r"^\d{1,4}([./-]\d{1,4}){0,2}[,.]?$")


def _leaves(word: Word, region: Region, strict: bool, alone: bool = False) -> bool:
    """Whether a word read inside ``region`` leaves the text for the region's reading: every word of
    a rubber stamp (``strict``); elsewhere print may sit on the region (a seal's ink is painted over,
    a signer's name crosses the signature), so only what reads unsurely or as junk goes.  Print under
    a seal belongs to a line of print; a word ``alone`` (no word of its line within a few letter
    heights) that reads less than surely is the seal's own ornament (its star, the emblem's base)."""
    if strict:
        return True
    if region.kind in ("seal", "stamp"):
        return word.confidence < 0.5 or (alone and word.confidence < SLOT_CONFIDENCE)
    return word.confidence < SLOT_CONFIDENCE or bool(_JUNK_RE.search(word.text))


def _taker(word: Word, regions: list[Region], strict: int, margin: float, alone: bool) -> int | None:
    """The first region that takes ``word`` out of the text, if any."""
    return next((i for i, r in enumerate(regions)
                 if _centre_in(word.bbox, r.bbox if i < strict else _grow(r.bbox, margin))
                 and _leaves(word, r, i < strict, alone)), None)


def _alone(words: tuple[Word, ...], i: int, gap: float) -> bool:
    """Whether no other word of the line lies within ``gap`` pixels of word ``i`` on either side."""
    if gap <= 0:
        return False
    x0, x1 = words[i].bbox[0], words[i].bbox[2]
    return all(w.bbox[0] - x1 > gap or x0 - w.bbox[2] > gap for j, w in enumerate(words) if j != i)


def confirm_frames(lines: list[Line], frames: list[BBox]) -> list[Region]:
    """The frames whose words read unsurely: rubber stamps."""
    out = []
    for f in frames:
        confs = [w.confidence for ln in lines for w in ln.words if _centre_in(w.bbox, f)]
        if confs and float(np.mean(confs)) < STAMP_CONFIDENCE:
            out.append(Region("stamp", f))
    return out


def _line_of(words: list[Word], like: Line) -> Line:
    box = (min(w.bbox[0] for w in words), min(w.bbox[1] for w in words),
           max(w.bbox[2] for w in words), max(w.bbox[3] for w in words))
    conf = float(np.mean([w.confidence for w in words]))
    return Line(" ".join(w.text for w in words), box, tuple(words), conf, like.block_no)


def separate(
    lines: list[Line], regions: list[Region], strict: int = 0, margin: float = 0.0
) -> tuple[list[Line], list[Region]]:
    """The lines without the words read on stamps, seals and hand-writing, and the regions with
    what was read on them (in reading order) and its mean confidence.  The first ``strict`` regions
    are rubber stamps: all their words go.  The others reach ``margin`` pixels further (a stroke's
    box is tight, Tesseract's box around a word read on it is not), for unsure words only.  A word
    farther than four margins (three letter heights: a column gap, not a word space) from the rest
    of its line stands alone."""
    if not regions:
        return lines, regions
    taken: list[list[Word]] = [[] for _ in regions]
    out: list[Line] = []
    for ln in lines:
        keep: list[Word] = []
        # Which region takes each word, first judged without the line: then a word is alone when
        # no word that stays on the line is near it (the seal's other glyphs leave with it).
        first = [_taker(w, regions, strict, margin, False) for w in ln.words]
        staying = tuple(w for w, at in zip(ln.words, first, strict=True) if at is None)
        for w, at in zip(ln.words, first, strict=True):
            others = tuple(o for o in staying if o is not w)
            if at is None and _alone(others + (w,), len(others), 4 * margin):
                at = _taker(w, regions, strict, margin, True)
            if at is not None:
                taken[at].append(w)
            else:
                keep.append(w)
        if len(keep) == len(ln.words):
            out.append(ln)
        elif keep:
            out.append(_line_of(keep, ln))
    found = []
    for r, ws in zip(regions, taken, strict=True):
        text = " ".join(w.text for w in ws)
        conf = float(np.mean([w.confidence for w in ws])) if ws else 0.0
        found.append(replace(r, text=(r.text + " " + text).strip(), confidence=conf))
    # A scribble is reported where it took words: signatures without any stay unmentioned.
    return out, [f for f, r, ws in zip(found, regions, taken, strict=True) if ws or r.confidence >= 0]


# Header slots: the word before a hand-written number, and what the number may look like.
_SLOT_WORDS = frozenset({"Số:", "Số", "số:", "ngày", "tháng"})
_SLOT_NUMBER = re.compile(r"^\d{1,4}[,.]?$")
_GLUED = re.compile(r"^(Số:|ngày|tháng)([^\w\s]\w*|[^\w\s]+)$")
# A PRINTED number that OCR damaged reads as glyphs that look like digits ("II" or "!" for 11, "$4"
# for 04, "1S" for 18), quotes and specks around it; hand-writing reads as other letters and marks
# ("ý#").  A slot read so is left for the header's date reader, never replaced by "…".
_DIGIT_SHAPED = re.compile(rf"^['‘’\"`.,:;]*[0-9{re.escape(OCR_DIGIT_GLYPHS)}ïÏíìÍÌ()]{{1,3}}['‘’\"`.,:;]*$")


def _is_slot_line(ln: Line) -> bool:
    texts = [w.text for w in ln.words]
    symbol = any(t.startswith("/") and len(t) > 2 for t in texts)
    date = "tháng" in texts and "năm" in texts
    return bool(ln.words) and (symbol and texts[0] in ("Số:", "Số", "số:") or date)


def _slot_ink(inv: np.ndarray | None, box: BBox, scale: float, char_h: float) -> bool:
    """Whether the page has letter-sized ink in ``box`` (page pixels; ``inv`` is ``scale`` times larger)."""
    if inv is None:
        return False
    x0, y0, x1, y1 = (int(round(v * scale)) for v in box)
    crop = inv[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
    if crop.size == 0:
        return False
    rows = np.count_nonzero(crop.any(axis=1))
    return bool(rows >= 0.5 * char_h * scale and np.count_nonzero(crop) >= 0.02 * crop.size)


def header_slots(
    lines: list[Line], inv: np.ndarray | None = None, scale: float = 1.0, char_h: float = 0.0
) -> tuple[list[Line], list[Region]]:
    """The header's number and date lines with an unreadable hand-written number marked "…"
    (``UNREADABLE``) and flagged as a hand-writing region.  ``inv`` (the page's ink mask, ``scale``
    times the page's pixels) tells a number left blank by design from one written by hand."""
    out: list[Line] = []
    found: list[Region] = []
    for ln in lines:
        if not _is_slot_line(ln):
            out.append(ln)
            continue
        words, regions = _mark_slots(list(ln.words), inv, scale, char_h)
        found.extend(regions)
        out.append(_line_of(words, ln) if regions else ln)
    return out, found


def _mark_slots(
    words: list[Word], inv: np.ndarray | None, scale: float, char_h: float
) -> tuple[list[Word], list[Region]]:
    regions: list[Region] = []
    out: list[Word] = []
    i = 0
    while i < len(words):
        w = words[i]
        g = _GLUED.match(w.text)
        if g and w.confidence < SLOT_CONFIDENCE:  # "ngày®9": the keyword and a hand-written number read as one
            x0, y0, x1, y1 = w.bbox
            cut = x0 + (x1 - x0) * len(g.group(1)) // len(w.text)  # where the keyword's letters end, about
            regions.append(Region("handwriting", (cut, y0, x1, y1), g.group(2), w.confidence, unreadable=True))
            out += [Word(g.group(1), (x0, y0, cut, y1), w.confidence), Word(UNREADABLE, (cut, y0, x1, y1), 0.0)]
            i += 1
            continue
        out.append(w)
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w.text in _SLOT_WORDS and nxt is not None:
            if (not _SLOT_NUMBER.match(nxt.text) and nxt.confidence < SLOT_CONFIDENCE
                    and not _DIGIT_SHAPED.match(nxt.text)
                    and not nxt.text.startswith("/") and nxt.text not in _SLOT_WORDS):
                regions.append(Region("handwriting", nxt.bbox, nxt.text, nxt.confidence, unreadable=True))
                out.append(Word(UNREADABLE, nxt.bbox, 0.0))
                i += 2
                continue
            gap = (w.bbox[2] + 1, min(w.bbox[1], nxt.bbox[1]), nxt.bbox[0] - 1, max(w.bbox[3], nxt.bbox[3]))
            blank = nxt.text.startswith("/") or nxt.text in ("tháng", "năm")
            if blank and gap[2] - gap[0] >= 0.5 * char_h and _slot_ink(inv, gap, scale, char_h):
                regions.append(Region("handwriting", gap, "", 0.0, unreadable=True))
                out.append(Word(UNREADABLE, gap, 0.0))
        i += 1
    return _glue_symbol(out), regions


def _glue_symbol(words: list[Word]) -> list[Word]:
    """"…" "/CT-UBND" -> "…/CT-UBND": the number and the rest of the symbol are one token."""
    out: list[Word] = []
    for w in words:
        if out and out[-1].text == UNREADABLE and w.text.startswith("/"):
            prev = out.pop()
            box = (prev.bbox[0], min(prev.bbox[1], w.bbox[1]), w.bbox[2], max(prev.bbox[3], w.bbox[3]))
            out.append(Word(UNREADABLE + w.text, box, w.confidence))
        else:
            out.append(w)
    return out
