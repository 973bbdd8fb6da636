"""Visual debugging, pdfplumber-style: draw what OCR found (lines, words, table cells) on the page.

Boxes are in the pixels of the turned, deskewed page that was read (``OcrPage.rotation``/``skew``),
so the page image is turned and deskewed the same way before drawing.
"""

from __future__ import annotations

import io
import os

import numpy as np
from PIL import Image, ImageDraw

from pipeline.io import atomic_write_bytes
from pipeline.ocr import orientation, preprocess
from pipeline.types import OcrPage

WORD = (46, 160, 67)
LINE = (31, 111, 235)
CELL = (218, 54, 51)
LOW = (255, 170, 0)  # words read with confidence below 0.6


def page_view(image: np.ndarray | None, page: OcrPage) -> np.ndarray:
    """The page image as it was read: gray, turned by ``rotation`` and deskewed by ``skew``."""
    if image is None:
        return np.full((max(page.height, 1), max(page.width, 1)), 255, np.uint8)
    gray = orientation.turn(preprocess.to_gray(image), page.rotation)
    if page.skew:
        gray = preprocess.rotate(gray, page.skew, 255)
    return gray


def draw(image: np.ndarray | None, page: OcrPage, *, words: bool = True) -> Image.Image:
    """An RGB picture of the page with line boxes (blue), words (green, orange when unsure), cells (red)."""
    base = Image.fromarray(page_view(image, page)).convert("RGB")
    canvas = ImageDraw.Draw(base)
    for line in page.lines:
        if line.bbox is not None:
            canvas.rectangle(line.bbox, outline=LINE, width=2)
        if words:
            for w in line.words:
                canvas.rectangle(w.bbox, outline=WORD if w.confidence >= 0.6 else LOW, width=1)
    for table in page.tables:
        canvas.rectangle(table.bbox, outline=CELL, width=3)
        for cell in table.cells:
            canvas.rectangle(cell.bbox, outline=CELL, width=1)
            label = f"{cell.row},{cell.col}" + (f" {cell.row_span}x{cell.col_span}" if cell.row_span * cell.col_span > 1 else "")
            canvas.text((cell.bbox[0] + 3, cell.bbox[1] + 2), label, fill=CELL)
    return base


def save_debug_png(image: np.ndarray | None, page: OcrPage, path: str | os.PathLike[str], *, words: bool = True) -> None:
    """Write the drawing as a PNG (atomically)."""
    buf = io.BytesIO()
    draw(image, page, words=words).save(buf, format="PNG", optimize=False)
    atomic_write_bytes(path, buf.getvalue())
