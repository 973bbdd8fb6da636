"""The --pdf output: the original page images plus an invisible text layer of the restored text.

As OCRmyPDF does, the pixels are never re-rendered: a PDF input keeps its pages untouched and gets
an overlay (pikepdf); an image input becomes one page per frame at its own resolution.  The text is
drawn in render mode 3 (invisible) with a TrueType font that has every Vietnamese glyph, one run per
line, stretched to the line's box so that selecting and searching highlight the right place.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.errors import OutputError
from pipeline.io import atomic_save
from pipeline.types import RestoredPage, TextLayer

FONT_NAME = "VanbanText"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
)
Affine = Callable[[float, float], tuple[float, float]]


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        path = next((p for p in FONT_CANDIDATES if os.path.exists(p)), None)
        if path is None:
            from pipeline.errors import MissingDependencyError

            raise MissingDependencyError("no TrueType font with Vietnamese glyphs (install fonts-dejavu-core)")
        pdfmetrics.registerFont(TTFont(FONT_NAME, path))
    return FONT_NAME


def _to_page(rotation: int, w: int, h: int, scale: float) -> Affine:
    """Map (u, v) in the OCR'd image (pixels, y up) to PDF points on the original page."""
    r = rotation % 360
    w0, h0 = (h, w) if r in (90, 270) else (w, h)

    def f(u: float, v: float) -> tuple[float, float]:
        xr, yr = u, h - v  # y down, in the image OCR read (turned ``r`` degrees clockwise)
        if r == 90:
            x, y = yr, h0 - xr
        elif r == 180:
            x, y = w0 - xr, h0 - yr
        elif r == 270:
            x, y = w0 - yr, xr
        else:
            x, y = xr, yr
        return scale * x, scale * (h0 - y)

    return f


@dataclass
class _Run:
    """One word of the text layer: its text, its box on the OCR'd image, whether it ends its line."""

    text: str
    box: tuple[int, int, int, int]
    line_end: bool = False
    crowded: bool = False  # on one row with words of another line: its space is written out


def _gap(a: _Run, b: _Run) -> int:
    """The least gap between two neighbouring runs: a quarter of the font size; half of it between
    two single glyphs (pdftotext takes a line of one-glyph words closer than 0.4 font sizes apart for
    letter-spaced text and runs them together: ": D" read as ":D")."""
    h = b.box[3] - b.box[1]
    return max(1, round((0.5 if len(a.text) == 1 and len(b.text) == 1 else 0.25) * h))


def _separated(runs: list[_Run], width: Callable[[str, float], float]) -> list[_Run]:
    """The runs with a gap between neighbours that text extractors take for a space.

    Extractors join two runs of one baseline closer than about a tenth of the font size, and take
    glyphs squeezed closer than that for duplicates of one another (``..`` becomes ``.``).  Words the
    OCR boxed touching or overlapping (a speck's box inside a word's, a word split by restoration, two
    lines or table cells side by side on one band) are laid out left to right, each starting a gap
    after the one before and kept at least half its natural width (its glyphs never squeezed below
    half their advance); a word's right end gives way to the next word's start.  Runs are on one row
    when their bands overlap by half the lower one's height."""
    rows: list[list[int]] = []
    order = sorted(range(len(runs)), key=lambda i: (runs[i].box[1] + runs[i].box[3]) / 2)
    for i in order:
        b = runs[i].box
        row = rows[-1] if rows else None
        if row is not None:
            r = runs[row[0]].box
            overlap = min(b[3], r[3]) - max(b[1], r[1])
            if overlap >= 0.5 * min(b[3] - b[1], r[3] - r[1]):
                row.append(i)
                continue
        rows.append([i])
    out = list(runs)
    for row in rows:
        row.sort(key=lambda i: (runs[i].box[0], i))
        # Two lines on one row (a cell's lines on a degraded scan, their bands overlapping): an
        # extractor reads their words as one line and may join a word of one to a word of the
        # other, whatever the gap ("sựđịaphối"), so each word carries its space as actual text.
        crowded = len({(runs[i].box[1], runs[i].box[3]) for i in row}) > 1
        if crowded:  # each word where it was read: laid out left to right, the row's words were
            # pushed along onto the words of a neighbouring line
            for i in row:
                out[i] = _Run(runs[i].text, runs[i].box, runs[i].line_end, True)
            continue
        prev_end: float | None = None
        for k, i in enumerate(row):
            x0, y0, x1, y1 = runs[i].box
            if prev_end is not None:
                x0 = max(x0, int(prev_end) + _gap(runs[row[k - 1]], runs[i]))
            if k + 1 < len(row):
                x1 = min(x1, runs[row[k + 1]].box[0] - _gap(runs[i], runs[row[k + 1]]))
            x1 = max(x1, x0 + max(1, math.ceil(0.5 * width(runs[i].text, float(y1 - y0)))))
            out[i] = _Run(runs[i].text, (x0, y0, x1, y1), runs[i].line_end, crowded)
            prev_end = x1
    return out


def _boxes(page: RestoredPage) -> list[_Run]:
    """One run per word, on its line's band: text extractors then split words where they are
    (a whole line squeezed into one run loses its spaces in narrow table cells)."""
    from pipeline.export.layout import page_layout

    try:
        layout = page_layout(page)
    except OutputError:  # a page with lines but no geometry: one run per line, as far as boxes go
        runs = [(line.text, line.bbox) for line in page.lines if line.bbox and line.text.strip()]
        for table in page.tables:
            runs += [(c.text, c.bbox) for c in table.cells if c.text.strip()]
        return [_Run(t.replace("\n", " "), b, True) for t, b in runs if b is not None]
    out: list[_Run] = []
    for block in layout.blocks:
        for line in block.lines:
            # The band of the line's letters: the median word top and bottom (a speck or an accent
            # stretching the line's box would give a font so large that words run together).
            tops, bottoms = sorted(w.bbox[1] for w in line.words), sorted(w.bbox[3] for w in line.words)
            y0, y1 = tops[len(tops) // 2], bottoms[len(bottoms) // 2]
            words = sorted(line.words, key=lambda w: w.bbox[0])
            for k, w in enumerate(words):
                out.append(_Run(w.text, (w.bbox[0], y0, w.bbox[2], max(y0 + 1, y1)), k + 1 == len(words)))
    return out


def draw_text_layer(canvas: Any, page: RestoredPage, page_w_pt: float) -> None:
    """Draw ``page``'s restored lines invisibly on the current reportlab page (width in points)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    ocr = page.page
    if ocr.width <= 0 or ocr.height <= 0 or ocr.text_layer is TextLayer.real:
        return  # nothing read, or the page already has a trustworthy text layer
    w0 = ocr.height if ocr.rotation % 360 in (90, 270) else ocr.width
    f = _to_page(ocr.rotation, ocr.width, ocr.height, page_w_pt / w0)
    ex, ey = f(0, 0)
    ax, ay = f(1, 0)
    cx, cy = f(0, 1)
    font = _font()
    canvas.saveState()
    canvas.transform(ax - ex, ay - ey, cx - ex, cy - ey, ex, ey)
    for run in _separated(_boxes(page), lambda text, size: stringWidth(text, font, size)):
        text, (x0, y0, x1, y1) = run.text, run.box
        size = max(1.0, float(y1 - y0))
        width = stringWidth(text, font, size)
        if width <= 0:
            continue
        t = canvas.beginText()
        t.setTextRenderMode(3)  # invisible: neither filled nor stroked, but extractable
        t.setFont(font, size)
        t.setHorizScale(100.0 * (x1 - x0) / width)
        t.setTextOrigin(x0, ocr.height - y1 + 0.2 * size)  # baseline about a descent above the bottom
        # Extractors take a line that ends in "-" for a word hyphenated across lines and drop the
        # hyphen; a Vietnamese line never hyphenates a word, so its "-" (a dash: "2020 -" / "2022")
        # is given an actual text with a space after it, which ends the line instead.  Every such
        # word, not only an OCR line's last: the extractor orders words by its own layout analysis,
        # and a speck word after the dash (overlapping bands on a degraded scan) may go elsewhere.
        actual = text.endswith("-") or run.crowded
        if actual:
            t._code.append(f"/Span <</ActualText <FEFF{(text + ' ').encode('utf-16-be').hex().upper()}>>> BDC")
        t.textOut(text)
        if actual:
            t._code.append("EMC")
        canvas.drawText(t)
    canvas.restoreState()


def _overlay(pdf: Any, page: Any, layer_page: Any) -> None:
    """Draw ``layer_page`` over ``page`` as a form XObject with a fixed name.

    pikepdf's ``add_overlay`` names the form at random, which would make every rerun's PDF differ.
    """
    import pikepdf

    form = pdf.copy_foreign(layer_page.as_form_xobject())
    resources = page.obj.get("/Resources")
    if resources is None:
        page.obj.Resources = resources = pikepdf.Dictionary()
    if "/XObject" not in resources:
        resources.XObject = pikepdf.Dictionary()
    name = "/VanbanTextLayer"
    while name in resources.XObject:
        name += "X"
    resources.XObject[name] = form
    x0, y0 = float(page.mediabox[0]), float(page.mediabox[1])
    page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)  # isolate the page's own graphics state
    page.contents_add(pikepdf.Stream(pdf, f"Q q 1 0 0 1 {x0:g} {y0:g} cm {name} Do Q\n".encode()))


def _pdf_overlay(src: str, pages: Sequence[RestoredPage], out: str) -> None:
    import pikepdf
    from reportlab.pdfgen.canvas import Canvas

    with pikepdf.open(src) as pdf:
        layer = io.BytesIO()
        c = Canvas(layer, pageCompression=1, invariant=1, initialFontName=_font())  # no unembedded Helvetica: PDF/A needs every font embedded
        sizes = []
        for i, page in enumerate(pages):
            if i >= len(pdf.pages):
                break
            box = pdf.pages[i].mediabox
            w, h = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
            if int(pdf.pages[i].obj.get("/Rotate", 0)) % 180:
                w, h = h, w  # the page was rendered (and OCR'd) as displayed
            c.setPageSize((w, h))
            draw_text_layer(c, page, w)
            c.showPage()
            sizes.append((w, h))
        c.save()
        with pikepdf.open(io.BytesIO(layer.getvalue())) as text_pdf:
            for i in range(len(sizes)):
                _overlay(pdf, pdf.pages[i], text_pdf.pages[i])
            atomic_save(out, lambda tmp: pdf.save(tmp, deterministic_id=True))


def _image_frames(src: str) -> Any:
    from PIL import Image, ImageSequence

    with Image.open(src) as im:
        for frame in ImageSequence.Iterator(im):
            dpi = frame.info.get("dpi", (0, 0))[0] or 0
            img = frame.copy()
            if img.mode in ("I;16", "I;16B", "I;16L", "I"):
                img = img.point(lambda v: v / 256).convert("L")  # 16-bit scans: keep the tones in 8 bits
            elif img.mode not in ("1", "L", "RGB", "CMYK"):
                img = img.convert("RGB")
            yield img, float(dpi)


def _image_pdf(src: str, pages: Sequence[RestoredPage], out: str) -> None:
    from reportlab import rl_config
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    rl_config.useA85 = 0  # binary streams: a JPEG is embedded byte for byte, and a quarter smaller

    def save(tmp: str) -> None:
        c = Canvas(tmp, pageCompression=1, invariant=1, initialFontName=_font())  # invariant: byte-identical reruns
        for i, (img, dpi) in enumerate(_image_frames(src)):
            page = pages[i] if i < len(pages) else None
            dpi = dpi or (page.page.dpi if page is not None and page.page.dpi else 300.0)
            w, h = img.width * 72.0 / dpi, img.height * 72.0 / dpi
            c.setPageSize((w, h))
            # A JPEG's own bytes go into the PDF as they are (DCTDecode), never re-encoded.
            passthrough = i == 0 and src.lower().endswith((".jpg", ".jpeg")) and img.mode in ("L", "RGB")
            c.drawImage(ImageReader(src if passthrough else img), 0, 0, width=w, height=h)
            if page is not None:
                draw_text_layer(c, page, w)
            c.showPage()
        c.save()

    atomic_save(out, save)


def write_searchable_pdf(src: str, kind: str, pages: Sequence[RestoredPage], out: str) -> None:
    """Write ``out``: the pages of ``src`` (a PDF or an image) with the restored text invisible on top."""
    if kind == "pdf":
        _pdf_overlay(src, pages, out)
    elif kind == "image":
        _image_pdf(src, pages, out)
    else:
        raise OutputError(f"no page images to make a PDF from ({kind} input)", path=src)
