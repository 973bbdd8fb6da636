"""The page layout every export walks: blocks of lines of words, table cells as blocks of their own.

Words keep the box and confidence of the OCR word; ``text`` is the restored word and ``ocr`` what
the engine read (the same string when restoration left it alone).  Table cells use the word boxes
the OCR found in them.  Lines from a text layer without word boxes, and cells without them (or whose
restored text no longer has one token per word), get word boxes split from the line's (cell's) box
in proportion to the characters, marked ``estimated``, so every word has a place on the page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from pipeline.errors import OutputError
from pipeline.types import BBox, Line, RestoredPage, TableCell


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


def _words(restored: Line, ocr: Line | None) -> tuple[LayoutWord, ...]:
    read_words = ocr.words if ocr is not None else ()
    words = [w for w in restored.words if w.text.strip()]
    chunks = restored.text.split()
    if words and [w.text for w in words] == chunks:
        read = [w.text for w in read_words if w.text.strip()]
        if len(read) != len(words):
            read = [w.text for w in words]
        return tuple(LayoutWord(w.text, r, w.bbox, w.confidence) for w, r in zip(words, read, strict=True))
    if words and len(words) == len(chunks):
        # restoration changed the line but its words kept the old text: same count, same boxes
        return tuple(LayoutWord(t, w.text, w.bbox, w.confidence) for t, w in zip(chunks, words, strict=True))
    if restored.bbox is None:
        return ()
    # no word boxes (a text layer) or a different word count: cut the line's box by characters
    old = split_box(ocr.text, restored.bbox) if ocr is not None else []
    new = split_box(restored.text, restored.bbox)
    same = len(old) == len(new)
    return tuple(
        LayoutWord(t, old[i][0] if same else t, b, restored.confidence, estimated=True) for i, (t, b) in enumerate(new)
    )


def _read_cell_lines(cell: TableCell) -> tuple[LayoutLine, ...]:
    """A cell's lines on the word boxes the OCR found in it, when the restored text still has one
    token per word (restoration keeps the count but for rare merges: then the boxes are estimated)."""
    words = [w for ln in cell.lines for w in ln.words if w.text.strip()]
    tokens = cell.text.split()
    if not words or len(tokens) != len(words):
        return ()
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
