"""Builders of small real input files for tests (import them: ``from fixture_files import ...``).

A module of its own, not conftest.py: several test folders have a conftest.py, and
``from conftest import`` would pick whichever was imported first.  Nothing here is a checked-in
binary: PDFs come from reportlab (born-digital text layers) and scripts/data/make_scans.py; images from PIL.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

FREESERIF = "/usr/share/fonts/truetype/freefont/FreeSerif.ttf"
VIETNAMESE_LINES = (
    "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH",
    "Số: 119/KH-UBND",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện chuyển đổi số như sau:",
    "1. Tăng cường công tác tuyên truyền, nâng cao nhận thức về chuyển đổi số.",
    "2. Các sở, ban, ngành và địa phương phối hợp thực hiện, bảo đảm đúng tiến độ.",
)
# The same kind of text as it shows when a TCVN3 (ABC) font's 8-bit codes are read as Latin-1.
TCVN3_LINES = (
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
    "§éc lËp - Tù do - H¹nh phóc",
    "Uû ban nh©n d©n tØnh B×nh §Þnh ban hµnh KÕ ho¹ch",
    "C¨n cø LuËt Tæ chøc chÝnh quyÒn ®Þa ph­¬ng",
)
VNI_LINES = (
    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
    "Ñoäc laäp - Töï do - Haïnh phuùc",
    "UÛy ban nhaân daân tænh Bình Ñònh ban haønh Keá hoaïch",
)


def _register_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "FreeSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("FreeSerif", FREESERIF))
    return "FreeSerif"


def write_text_pdf(
    path: Path,
    pages: Sequence[Sequence[str]],
    *,
    invisible: bool = False,
    background: np.ndarray | None = None,
    size: float = 12.0,
) -> Path:
    """A PDF with the given lines as a real text layer (reportlab, FreeSerif, A4).

    ``background`` (a gray uint8 array) is drawn over the whole page first, like a scan;
    ``invisible`` draws the text in render mode 3, like a scanner's OCR layer.
    """
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    name = _register_font()
    w, h = 595.28, 841.89
    c = canvas.Canvas(str(path), pagesize=(w, h), invariant=1)
    for lines in pages:
        if background is not None:
            c.drawImage(ImageReader(Image.fromarray(background)), 0, 0, w, h)
        text = c.beginText(72, h - 90)
        text.setFont(name, size)
        text.setLeading(size * 1.4)
        if invisible:
            text.setTextRenderMode(3)
        for line in lines:
            text.textLine(line)
        c.drawText(text)
        c.showPage()
    c.save()
    return path


def write_image(path: Path, array: np.ndarray, **save: Any) -> Path:
    """Save a numpy image with PIL (format from the suffix)."""
    from PIL import Image

    Image.fromarray(array).save(path, **save)
    return path


def page_like_image(h: int = 120, w: int = 90, seed: int = 0) -> np.ndarray:
    """A small gray 'page': white with dark text-like bars."""
    rng = np.random.default_rng(seed)
    img = np.full((h, w), 245, np.uint8)
    for y in range(10, h - 10, 12):
        x1 = int(rng.integers(w // 2, w - 8))
        img[y : y + 5, 8:x1] = 20
    return img


def write_text_bomb_pdf(path: Path, chars: int, *, one_operator: bool = False) -> Path:
    """A small PDF whose one page shows ``chars`` characters of text in 1 pt type (a few KB
    compressed): in lines of 44 (one text object each) or in one operator."""
    import pikepdf

    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    if one_operator:
        body = b"BT /F1 1 Tf 10 800 Td (" + b"Ke hoach trien khai " * (chars // 20) + b") Tj ET\n"
    else:
        line = b"(Ke hoach trien khai nghi quyet so bao cao) Tj 0 -1 Td\n"
        body = b"BT /F1 1 Tf 10 800 Td\n" + line * (chars // 44) + b"ET\n"
    page = pikepdf.Page(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842],
                                           Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))))
    pdf.pages.append(page)
    pdf.pages[0].Contents = pdf.make_stream(body)
    pdf.save(path, compress_streams=True)
    return path
