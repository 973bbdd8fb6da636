"""The page layout every export walks: blocks of lines of words, table cells as blocks of their own.

Words keep the box and confidence of the OCR word; ``text`` is the restored word and ``ocr`` what
the engine read (the same string when restoration left it alone).  Lines from a text layer without
word boxes, and table cells (read as one string), get word boxes split from the line's box in
proportion to the characters, so every word of the text has a place on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.errors import OutputError
from pipeline.types import BBox, Line, RestoredPage


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


def _cell_lines(text: str, read: str, bbox: BBox, confidence: float) -> tuple[LayoutLine, ...]:
    """A cell's text lines, the cell's height shared among them, words split along each."""
    rows = [" ".join(r.split()) for r in text.split("\n") if r.strip()]
    old_rows = [" ".join(r.split()) for r in read.split("\n") if r.strip()]
    if len(old_rows) != len(rows):
        old_rows = rows
    x0, y0, x1, y1 = bbox
    step = (y1 - y0) / max(1, len(rows))
    out = []
    for i, (row, old_row) in enumerate(zip(rows, old_rows, strict=True)):
        box = (x0, y0 + int(round(i * step)), x1, max(y0 + int(round((i + 1) * step)), y0 + int(round(i * step)) + 1))
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
    ocr_cells = {(t, c.row, c.col): c.text for t, tab in enumerate(ocr.tables) for c in tab.cells}
    for t, table in enumerate(page.tables):
        for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
            lines = _cell_lines(c.text, ocr_cells.get((t, c.row, c.col), c.text), c.bbox, c.confidence)
            if lines:
                blocks.append(LayoutBlock("cell", c.bbox, lines, (t, c.row, c.col, c.row_span, c.col_span)))
    return LayoutPage(page.page_no, ocr.width, ocr.height, ocr.dpi, ocr.mean_confidence, tuple(blocks))


def document_layout(pages: Sequence[RestoredPage]) -> list[LayoutPage]:
    """``page_layout`` of every page."""
    return [page_layout(p) for p in pages]
