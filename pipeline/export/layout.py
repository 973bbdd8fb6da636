"""The page layout every export walks: blocks of lines of words, table cells as blocks of their own.

Words keep the box and confidence of the OCR word; ``text`` is the restored word and ``ocr`` what
the engine read (the same string when restoration left it alone).  Table cells use the word boxes
the OCR found in them.  Lines from a text layer without word boxes, and cells without them (or whose
restored text no longer has one token per word), get word boxes split from the line's (cell's) box
in proportion to the characters, marked ``estimated``, so every word has a place on the page.
"""

from __future__ import annotations

import bisect
import difflib
import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from pipeline.errors import OutputError
from pipeline.types import BBox, Line, RestoredPage, TableCell, Word


@dataclass(frozen=True)
class LayoutWord:
    text: str  # restored
    ocr: str  # as read by the engine
    bbox: BBox
    confidence: float
    estimated: bool = False  # box split from its line's box, not measured


@dataclass(frozen=True)
class LayoutLine:
    bbox: BBox
    words: tuple[LayoutWord, ...]
    confidence: float


@dataclass(frozen=True)
class LayoutBlock:
    kind: str  # "text" or "cell"
    bbox: BBox
    lines: tuple[LayoutLine, ...]
    cell: tuple[int, int, int, int, int] | None = None  # table index, row, col, row span, col span


@dataclass(frozen=True)
class LayoutPage:
    page_no: int
    width: int
    height: int
    dpi: int
    confidence: float
    blocks: tuple[LayoutBlock, ...]


def _union(boxes: Sequence[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def split_box(text: str, bbox: BBox) -> list[tuple[str, BBox]]:
    """Words of ``text`` with boxes cut from ``bbox`` in proportion to their characters (spaces count)."""
    words = text.split()
    if not words:
        return []
    x0, y0, x1, y1 = bbox
    total = len(" ".join(words))
    per = (x1 - x0) / max(1, total)
    out, pos = [], 0
    for w in words:
        a = x0 + int(round(pos * per))
        b = x0 + int(round((pos + len(w)) * per))
        out.append((w, (a, y0, max(a + 1, b), y1)))
        pos += len(w) + 1
    return out


def _base(text: str) -> str:
    """Letters without their marks, case-folded: what restoration leaves of a word's spelling."""
    out = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in out if not unicodedata.combining(c)).casefold()


def _char_map(new: str, old: str) -> Callable[[int], float] | None:
    """Where a character position of ``new`` falls in ``old``: matched characters map exactly,
    the others linearly between their matched neighbours; None when most letters do not match."""
    blocks = difflib.SequenceMatcher(None, _base(new), _base(old), autojunk=False).get_matching_blocks()
    if 2 * sum(b.size for b in blocks) < max(len(new), len(old)):
        return None
    anchors = sorted({(0, 0), (len(new), len(old))} | {(b.a + k, b.b + k) for b in blocks for k in range(b.size)})
    keys = [a for a, _ in anchors]

    def at(p: int) -> float:
        i = bisect.bisect_right(keys, p) - 1
        (a0, b0), (a1, b1) = anchors[i], anchors[min(i + 1, len(anchors) - 1)]
        return float(b0) if a1 == a0 else b0 + (p - a0) * (b1 - b0) / (a1 - a0)

    return at


def align_words(tokens: Sequence[str], words: Sequence[Word]) -> list[tuple[LayoutWord, int]]:
    """Restored ``tokens`` on the OCR ``words`` when restoration merged or split words: each token
    gets the box of the words its letters came from (their union when it merged them, measured);
    a piece of a split word gets its share of the word's box by characters (``estimated``).  With
    each token, the index of the first word it lies on; nothing when the two texts hardly match."""
    old = " ".join(w.text for w in words)
    spans, pos = [], 0
    for w in words:
        spans.append((pos, pos + len(w.text)))
        pos += len(w.text) + 1
    at = _char_map(" ".join(tokens), old)
    if at is None:
        return []
    out, pos = [], 0
    for t in tokens:
        a, b = at(pos), at(pos + len(t) - 1) + 1  # the token's first and last letters
        pos += len(t) + 1
        hit = [k for k, (s, e) in enumerate(spans) if min(b, e) - max(a, s) > 0] or [
            min(range(len(spans)), key=lambda k: abs((spans[k][0] + spans[k][1]) / 2 - (a + b) / 2))]
        first, last = words[hit[0]], words[hit[-1]]
        whole = a <= spans[hit[0]][0] + 0.5 and b >= spans[hit[-1]][1] - 0.5
        box = _union([w.bbox for w in (words[k] for k in hit)])
        if not whole:  # a piece of a word: cut along the words it lies on, by characters
            (s0, e0), (s1, e1) = spans[hit[0]], spans[hit[-1]]
            fx0 = max(0.0, min(1.0, (a - s0) / max(1, e0 - s0)))
            fx1 = max(0.0, min(1.0, (b - s1) / max(1, e1 - s1)))
            x0 = first.bbox[0] + int(round(fx0 * (first.bbox[2] - first.bbox[0])))
            x1 = last.bbox[0] + int(round(fx1 * (last.bbox[2] - last.bbox[0])))
            box = (x0, box[1], max(x0 + 1, x1), box[3])
        read = old[int(round(a)):int(round(b))].strip() if not whole else " ".join(words[k].text for k in hit)
        conf = min(words[k].confidence for k in hit)
        out.append((LayoutWord(t, read or t, box, conf, estimated=not whole), hit[0]))
    return out


def _one_to_one(aligned: Sequence[tuple[LayoutWord, int]], n: int) -> bool:
    """Whether an alignment pairs token k with word k, whole, for every k (or there is none)."""
    return not aligned or (len(aligned) == n and all(k == j and not lw.estimated for j, (lw, k) in enumerate(aligned)))


def _words(restored: Line, ocr: Line | None) -> tuple[LayoutWord, ...]:
    read_words = ocr.words if ocr is not None else ()
    words = [w for w in restored.words if w.text.strip()]
    chunks = restored.text.split()
    if words and [w.text for w in words] == chunks:
        read = [w.text for w in read_words if w.text.strip()]
        if len(read) != len(words):
            read = [w.text for w in words]
        return tuple(LayoutWord(w.text, r, w.bbox, w.confidence) for w, r in zip(words, read, strict=True))
    # restoration changed the line; its words kept the old text.  Each token goes on the words its
    # letters came from: the same word when restoration kept the words, their union when it merged
    # them, a share of one when it split it (a merge and a split can leave the count unchanged)
    aligned = align_words(chunks, words) if words and chunks else []
    if words and len(words) == len(chunks) and _one_to_one(aligned, len(words)):
        return tuple(LayoutWord(t, w.text, w.bbox, w.confidence) for t, w in zip(chunks, words, strict=True))
    if aligned:
        return tuple(lw for lw, _ in aligned)
    if restored.bbox is None:
        return ()
    # no word boxes (a text layer) or texts that hardly match: cut the line's box by characters
    old = split_box(ocr.text, restored.bbox) if ocr is not None else []
    new = split_box(restored.text, restored.bbox)
    same = len(old) == len(new)
    return tuple(
        LayoutWord(t, old[i][0] if same else t, b, restored.confidence, estimated=True) for i, (t, b) in enumerate(new)
    )


def _read_cell_lines(cell: TableCell) -> tuple[LayoutLine, ...]:
    """A cell's lines on the word boxes the OCR found in it: one restored token per word, or, where
    restoration merged or split words, each token on the words it came from (``align_words``)."""
    words = [w for ln in cell.lines for w in ln.words if w.text.strip()]
    tokens = cell.text.split()
    if not words or not tokens:
        return ()
    aligned = align_words(tokens, words)
    if len(tokens) != len(words) or not _one_to_one(aligned, len(words)):
        if not aligned:
            return ()
        line_of = [i for i, ln in enumerate(cell.lines) for w in ln.words if w.text.strip()]
        rows: dict[int, list[LayoutWord]] = {}
        for placed, first in aligned:  # a token goes to the line of the first word it lies on
            rows.setdefault(line_of[first], []).append(placed)
        return tuple(LayoutLine(_union([w.bbox for w in row]), tuple(row), cell.lines[i].confidence)
                     for i, row in sorted(rows.items()))
    out, k = [], 0
    for ln in cell.lines:
        ws = [w for w in ln.words if w.text.strip()]
        if not ws:
            continue
        lw = tuple(LayoutWord(tokens[k + j], w.text, w.bbox, w.confidence) for j, w in enumerate(ws))
        k += len(ws)
        out.append(LayoutLine(_union([w.bbox for w in lw]), lw, ln.confidence))
    return tuple(out)


def _cell_lines(text: str, read: str, bbox: BBox, confidence: float, typical: float) -> tuple[LayoutLine, ...]:
    """A cell's text lines: each a band of a text line's ``typical`` height, centred in its share of
    the cell, inset from the cell's rules; words are cut along it by characters."""
    rows = [" ".join(r.split()) for r in text.split("\n") if r.strip()]
    old_rows = [" ".join(r.split()) for r in read.split("\n") if r.strip()]
    if len(old_rows) != len(rows):
        old_rows = rows
    x0, y0, x1, y1 = bbox
    step = (y1 - y0) / max(1, len(rows))
    band = min(step, typical) if typical > 0 else step
    pad = min(0.3 * band, 0.1 * (x1 - x0))
    out = []
    for i, (row, old_row) in enumerate(zip(rows, old_rows, strict=True)):
        top = y0 + i * step + (step - band) / 2
        box = (int(round(x0 + pad)), int(round(top)), max(int(round(x0 + pad)) + 1, int(round(x1 - pad))),
               max(int(round(top)) + 1, int(round(top + band))))
        new, old = split_box(row, box), split_box(old_row, box)
        keep = len(old) == len(new)
        words = tuple(LayoutWord(w, old[j][0] if keep else w, b, confidence, estimated=True) for j, (w, b) in enumerate(new))
        out.append(LayoutLine(_union([w.bbox for w in words]), words, confidence))
    return tuple(out)


def page_layout(page: RestoredPage) -> LayoutPage:
    """The blocks, lines and words of one restored page, in reading order (cells after the text)."""
    ocr = page.page
    if ocr.width <= 0 or ocr.height <= 0 or any(line.bbox is None and line.text.strip() for line in page.lines):
        raise OutputError(
            f"page {page.page_no} has no geometry (a text input): ALTO, hOCR and PDF outputs need page images",
            path=None,
        )
    by_block: dict[int, list[LayoutLine]] = {}
    order: list[int] = []
    same = len(ocr.lines) == len(page.lines)
    for i, line in enumerate(page.lines):
        words = _words(line, ocr.lines[i] if same else None)
        if not words or line.bbox is None:
            continue
        if line.block_no not in by_block:
            by_block[line.block_no] = []
            order.append(line.block_no)
        by_block[line.block_no].append(LayoutLine(_union([line.bbox, *(w.bbox for w in words)]), words, line.confidence))
    blocks = [LayoutBlock("text", _union([ln.bbox for ln in by_block[b]]), tuple(by_block[b])) for b in order]
    heights = sorted(ln.bbox[3] - ln.bbox[1] for b in blocks for ln in b.lines if not any(w.estimated for w in ln.words))
    typical = float(heights[len(heights) // 2]) if heights else 0.0  # a text line's height on this page
    ocr_cells = {(t, c.row, c.col): c.text for t, tab in enumerate(ocr.tables) for c in tab.cells}
    for t, table in enumerate(page.tables):
        for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
            lines = _read_cell_lines(c) or _cell_lines(
                c.text, ocr_cells.get((t, c.row, c.col), c.text), c.bbox, c.confidence, typical)
            if lines:
                blocks.append(LayoutBlock("cell", c.bbox, lines, (t, c.row, c.col, c.row_span, c.col_span)))
    return LayoutPage(page.page_no, ocr.width, ocr.height, ocr.dpi, ocr.mean_confidence, tuple(blocks))


def source_mapper(rotation: int, skew: float, width: int, height: int) -> tuple[Callable[[BBox], BBox], int, int]:
    """Map boxes of the page as read (turned ``rotation`` degrees clockwise, then deskewed by ``skew``
    degrees counter-clockwise about its centre, ``width`` x ``height``) back onto the page image as it
    came in; returns the mapping and that image's width and height."""
    r = rotation % 360
    w0, h0 = (height, width) if r in (90, 270) else (width, height)
    cx, cy = width / 2.0, height / 2.0
    c, s = math.cos(math.radians(skew)), math.sin(math.radians(skew))

    def point(u: float, v: float) -> tuple[float, float]:
        if skew:  # undo the deskew: rotate back about the centre (y down, so the signs flip)
            du, dv = u - cx, v - cy
            u, v = cx + c * du - s * dv, cy + s * du + c * dv
        if r == 90:
            return v, h0 - u
        if r == 180:
            return w0 - u, h0 - v
        if r == 270:
            return w0 - v, u
        return u, v

    def box(b: BBox) -> BBox:
        pts = [point(b[0], b[1]), point(b[2], b[1]), point(b[0], b[3]), point(b[2], b[3])]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        x0, y0 = max(0, int(round(min(xs)))), max(0, int(round(min(ys))))
        return (x0, y0, max(x0 + 1, min(w0, int(round(max(xs))))), max(y0 + 1, min(h0, int(round(max(ys))))))

    return box, w0, h0


def to_source(page: LayoutPage, rotation: int, skew: float) -> LayoutPage:
    """``page`` with every box on the page image as it came in (before turning and deskewing)."""
    if not rotation % 360 and not skew:
        return page
    f, w0, h0 = source_mapper(rotation, skew, page.width, page.height)
    blocks = tuple(
        replace(b, bbox=f(b.bbox), lines=tuple(
            replace(ln, bbox=f(ln.bbox), words=tuple(replace(w, bbox=f(w.bbox)) for w in ln.words)) for ln in b.lines
        ))
        for b in page.blocks
    )
    return replace(page, width=w0, height=h0, blocks=blocks)


def scale_layout(page: LayoutPage, sx: float, sy: float, size: tuple[int, int]) -> LayoutPage:
    """``page`` on an image of ``size`` pixels (the same page at another resolution)."""

    def f(b: BBox) -> BBox:
        x0, y0 = int(round(b[0] * sx)), int(round(b[1] * sy))
        return (x0, y0, max(x0 + 1, int(round(b[2] * sx))), max(y0 + 1, int(round(b[3] * sy))))

    blocks = tuple(
        replace(b, bbox=f(b.bbox), lines=tuple(
            replace(ln, bbox=f(ln.bbox), words=tuple(replace(w, bbox=f(w.bbox)) for w in ln.words)) for ln in b.lines
        ))
        for b in page.blocks
    )
    return replace(page, width=size[0], height=size[1], blocks=blocks)


def document_layout(pages: Sequence[RestoredPage], *, source: bool = True) -> list[LayoutPage]:
    """``page_layout`` of every page, on the page images as they came in (``source``) or as read."""
    return [to_source(page_layout(p), p.page.rotation, p.page.skew) if source else page_layout(p) for p in pages]
