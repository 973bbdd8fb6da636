"""Builders for the review-page tests: a constructed parse result and a small real scan image."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from pipeline.citations import check_citations
from pipeline.result import ParseResult
from pipeline.types import (
    Line,
    OcrPage,
    PageImage,
    RestoredPage,
    SourceInfo,
    Status,
    Table,
    TableCell,
    Token,
    Word,
)

FREESERIF = "/usr/share/fonts/truetype/freefont/FreeSerif.ttf"
LINES = (
    "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH",
    "Số: 119/KH-UBND",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 31/02/2020 của Chính phủ;",
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai.",
)


def page_array(lines: tuple[str, ...] = LINES, table: bool = True, width: int = 1400) -> np.ndarray:
    """A white page with the lines in black FreeSerif and, below them, a 2 x 3 ruled table."""
    h = 100 + 70 * len(lines) + (260 if table else 0)
    img = Image.new("L", (width, h), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FREESERIF, 38)
    for i, line in enumerate(lines):
        draw.text((60, 50 + i * 70), line, font=font, fill=0)
    if table:
        top = 80 + 70 * len(lines)
        xs, ys = (60, 200, 800, 1300), (top, top + 90, top + 180)
        for x in xs:
            draw.line((x, ys[0], x, ys[-1]), fill=0, width=3)
        for y in ys:
            draw.line((xs[0], y, xs[-1], y), fill=0, width=3)
        for r, cells in enumerate((("TT", "Nội dung", "Đơn vị"), ("1", "Tuyên truyền", "Sở Nội vụ"))):
            for c, text in enumerate(cells):
                draw.text((xs[c] + 15, ys[r] + 20), text, font=font, fill=0)
    return np.asarray(img).copy()


def constructed_result() -> tuple[ParseResult, np.ndarray]:
    """A one-page result with words, a changed and an unsure token, a table and real citation findings."""
    img = page_array()
    lines = []
    for i, text in enumerate(LINES):
        words, x = [], 60
        for j, w in enumerate(text.split(" ")):
            conf = 0.3 if (i, j) == (3, 0) else 0.95
            words.append(Word(w, (x, 50 + i * 70, x + 20 * len(w), 95 + i * 70), conf))
            x += 20 * len(w) + 12
        lines.append(Line(text, (60, 50 + i * 70, x, 95 + i * 70), tuple(words)))
    top = 80 + 70 * len(LINES)
    cells = tuple(TableCell(r, c, t, (x0, top + 90 * r, x1, top + 90 * (r + 1)))
                  for r, row in enumerate((("TT", "Nội dung", "Đơn vị"), ("1", "Tuyên truyền", "Sở Nội vụ")))
                  for c, (t, x0, x1) in enumerate(zip(row, (60, 200, 800), (200, 800, 1300), strict=True)))
    table = Table((60, top, 1300, top + 180), 2, 3, cells)
    ocr = OcrPage(1, img.shape[1], img.shape[0], 300, tuple(lines), (table,), mean_confidence=0.9)
    text = "\n".join(LINES)
    start = text.index("Ủy ban nhân")
    changed_at = text.index("triển")
    tokens = (Token("Ủy", "Uy", start, start + 2, 0.3, True),
              Token("triển", "trien", changed_at, changed_at + 5, 0.97, True),
              Token("khai", "khai", changed_at + 6, changed_at + 10, 0.99, False))
    page = RestoredPage(ocr, tuple(lines), (table,), tokens, "ocr-vie", image=jpeg_image(img))
    report = check_citations({"pages": [{"page_no": 1, "text": text}], "header": {}})
    result = ParseResult(Status.success, SourceInfo("constructed.png", "0" * 64, 1, "image"), (page,), None, report)
    return result, img


def jpeg_image(img: np.ndarray) -> PageImage:
    """The page image record the runner keeps with ParseOptions.page_images, made from a picture."""
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "JPEG", quality=70)
    return PageImage(buf.getvalue(), img.shape[1], img.shape[0])


def write_png(path: Path, img: np.ndarray) -> Path:
    Image.fromarray(img).save(path, dpi=(300, 300))
    return path
