"""Small page images rendered with PIL (FreeSerif), read by the real Tesseract in the OCR tests."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FREESERIF = "/usr/share/fonts/truetype/freefont/FreeSerif.ttf"
PARAGRAPH = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện chuyển đổi số như sau:",
    "1. Tăng cường công tác tuyên truyền, nâng cao nhận thức của cán bộ.",
    "2. Các sở, ban, ngành và địa phương phối hợp thực hiện đúng tiến độ.",
)
TABLE = (
    ("STT", "Đơn vị", "Thời gian"),
    ("1", "Sở Tài chính", "Quý I"),
    ("2", "Văn phòng", "Tháng 6"),
)


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FREESERIF, size)


def render_lines(lines: Sequence[str], size: int = 40, width: int = 1700, margin: int = 60) -> np.ndarray:
    """Black text lines on a white gray-scale page (about 300 dpi for 12 pt when size=50)."""
    step = int(size * 1.6)
    img = Image.new("L", (width, 2 * margin + step * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((margin, margin + i * step), line, font=font(size), fill=0)
    return np.asarray(img).copy()


def render_table(
    rows: Sequence[Sequence[str]] = TABLE, size: int = 36, col_w: Sequence[int] = (160, 420, 320), row_h: int = 90,
    above: str | None = "Bảng tổng hợp kết quả thực hiện", below: str | None = "Nơi nhận: như trên.",
) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A ruled grid with one text per cell, with a text line above and below; returns (image, grid box)."""
    width = sum(col_w) + 240
    top = 200 if above else 80
    height = top + row_h * len(rows) + (220 if below else 80)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    if above:
        draw.text((120, 70), above, font=font(size), fill=0)
    x0, y0 = 120, top
    xs = [x0]
    for w in col_w:
        xs.append(xs[-1] + w)
    ys = [y0 + i * row_h for i in range(len(rows) + 1)]
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=3)
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=3)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            draw.text((xs[c] + 18, ys[r] + (row_h - size) // 2 - 4), text, font=font(size), fill=0)
    if below:
        draw.text((120, ys[-1] + 80), below, font=font(size), fill=0)
    return np.asarray(img).copy(), (xs[0], ys[0], xs[-1], ys[-1])


def cer(predicted: str, gold: str) -> float:
    """Character error rate after NFC and whitespace normalization."""
    from rapidfuzz.distance import Levenshtein

    p = " ".join(unicodedata.normalize("NFC", predicted).split())
    g = " ".join(unicodedata.normalize("NFC", gold).split())
    return Levenshtein.distance(p, g) / max(1, len(g))
