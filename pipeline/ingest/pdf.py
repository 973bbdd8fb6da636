"""PDF pages: count them, render one at a time (pypdfium2), and judge its text layer (pdfplumber)."""

from __future__ import annotations

import atexit
import logging
import os
import unicodedata
from dataclasses import replace
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.ingest.errors import (
    CorruptPdfError,
    EncryptedPdfError,
    FileAccessError,
    NoPagesError,
    PageNotFoundError,
    PageRenderError,
    PageTooSmallError,
)
from pipeline.ingest.form_fields import blank_fillers, widget_rects
from pipeline.ingest.pdf_limits import MAX_TEXT_CHARS, repair, text_too_large, truncated
from pipeline.ingest.quality import is_signature_stamp_only, text_quality
from pipeline.options import IngestOptions
from pipeline.types import Line, SourcePage, TextLayer, Word

MIN_SIDE_PX = 16  # a page smaller than this holds no readable text
REAL_MIN_SCORE = 0.75  # a visible born-digital layer at or above this is used as is
SCANNED_MIN_SCORE = 0.90  # an invisible layer over a scan must be near-perfect to skip OCR
SCANNED_IMAGE_COVER = 0.5  # share of the page covered by images that makes it a scan
# Fewer letters and digits than this: a page number or a stray mark, while the page's real
# content may be an image or vector outlines.  OCR costs little on such a page and loses nothing.
MIN_CHARS = 40

# One open document per process: workers get pages of the same file in a row.
_cache: dict[str, Any] = {}
atexit.register(lambda: close_cached())  # deletes a repaired copy (see ``pdf_limits.repair``)


def _open(path: str, password: str | None) -> pdfium.PdfDocument:
    """Open (or reuse) the pdfium document; map its errors to ingest errors."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise FileAccessError(f"cannot read the file: {exc.strerror}", path=path) from exc
    key = f"{path}\0{st.st_mtime_ns}\0{st.st_size}\0{password}"
    if _cache.get("key") == key:
        return _cache["doc"]
    close_cached()
    try:
        doc = pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if _zero_pages(path, password):  # pdfium reports an empty page tree as a format/password error
            raise NoPagesError("the PDF has 0 pages", path=path) from exc
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            what = "the password given is wrong" if password else "it is encrypted with a user password"
            raise EncryptedPdfError(f"cannot open the PDF: {what}", path=path) from exc
        if code == pdfium_c.FPDF_ERR_FILE:
            raise FileAccessError("cannot read the file", path=path) from exc
        repaired = repair(path, password)
        if repaired is None:
            raise CorruptPdfError(f"the PDF is damaged or truncated ({exc})", path=path) from exc
        try:
            doc = pdfium.PdfDocument(repaired, password=password)
        except pdfium.PdfiumError as exc2:
            os.unlink(repaired)
            raise CorruptPdfError(f"the PDF is damaged or truncated ({exc})", path=path) from exc2
        _cache.update(repaired=repaired, repaired_by=os.getpid(), truncated=truncated(path))
    _cache.update(key=key, doc=doc)
    return doc


def _readable(path: str) -> str:
    """The file the other readers (pdfplumber, pikepdf) should open: the repaired copy if any."""
    return str(_cache.get("repaired") or path)


def _zero_pages(path: str, password: str | None) -> bool:
    # pdfium refuses a well-formed PDF with an empty page tree; qpdf tells the cases apart.
    import pikepdf

    try:
        with pikepdf.open(path, password=password or "") as pdf:
            return len(pdf.pages) == 0
    except Exception:  # noqa: BLE001 - any failure means "not a clean zero-page PDF"
        return False


def _has_javascript(doc: pdfium.PdfDocument, path: str, password: str | None) -> bool:
    """True if the PDF carries JavaScript (document-level names or an open action)."""
    if pdfium_c.FPDFDoc_GetJavaScriptActionCount(doc.raw) > 0:
        return True
    import pikepdf

    try:
        with pikepdf.open(path, password=password or "") as pdf:
            action = pdf.Root.get("/OpenAction")
            return isinstance(action, pikepdf.Dictionary) and action.get("/S") == pikepdf.Name.JavaScript
    except Exception:  # noqa: BLE001 - only a note depends on it
        return False


def close_cached() -> None:
    """Close the document cached by this process (tests and long-lived workers call it)."""
    doc = _cache.pop("doc", None)
    _cache.pop("key", None)
    _cache.pop("truncated", None)
    repaired = _cache.pop("repaired", None)
    if repaired and _cache.pop("repaired_by", None) == os.getpid():  # forked workers share it
        try:
            os.unlink(repaired)
        except OSError:
            pass
    if doc is not None:
        doc.close()


def count_pages(path: str, options: IngestOptions) -> int:
    """Number of pages; raises the ingest error that fits a bad PDF."""
    n = len(_open(path, options.password))
    if n == 0:
        raise NoPagesError("the PDF has 0 pages", path=path)
    # A truncated PDF rebuilt by qpdf: one more page stands for those lost in the cut, so the
    # result says partial_success with a page error instead of looking complete.
    return n + 1 if _cache.get("truncated") else n


def _image_cover(page: pdfium.PdfPage, width: float, height: float) -> float:
    """Share of the page area covered by its largest image (a scan covers ~all of it)."""
    best = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        area = max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
        best = max(best, area / (width * height))
    return best


def _invisible_share(page: pdfium.PdfPage) -> float:
    """Share of text objects drawn invisibly (render mode 3): an OCR layer under a scan."""
    total = invisible = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=2):
        total += 1
        invisible += pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
    return invisible / total if total else 0.0


def _words(
    path: str, page_no: int, password: str | None, unrotated: bool = False
) -> tuple[list[dict[str, Any]], tuple[float, float, float, float]]:
    """pdfplumber words of one page and its bbox in points: as displayed, or with ``unrotated``
    in the frame the text was written in (its /Rotate taken off: pdfminer reads the characters of
    a page turned 180 or 270 degrees backwards, and a page turned 90 degrees column-wise)."""
    import io

    import pdfplumber

    # pdfminer logs every repaired xref entry and missing CropBox; the verdict and notes say enough.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        if unrotated:
            import pikepdf

            buf = io.BytesIO()
            with pikepdf.open(path, password=password or "") as src, pikepdf.new() as one:
                one.pages.append(src.pages[page_no - 1])
                one.pages[0].Rotate = 0
                one.save(buf)
            source: Any = buf
            pages = [1]
        else:
            source, pages = path, [page_no]
        with pdfplumber.open(source, pages=pages, password="" if unrotated else password or "") as pdf:
            page = pdf.pages[0]
            words = page.extract_words(x_tolerance=3, y_tolerance=3, keep_blank_chars=False)
            return words, tuple(page.bbox)  # type: ignore[return-value]
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on odd files
        raise PageRenderError(f"cannot read the text layer ({type(exc).__name__})", path=path, page_no=page_no) from exc


def _to_pixels(box: tuple[float, float, float, float], bbox: tuple[float, float, float, float], scale: float) -> tuple[int, int, int, int]:
    """Map a pdfplumber box (points, top-left origin; /Rotate already applied) to pixels."""
    return (
        round((box[0] - bbox[0]) * scale),
        round((box[1] - bbox[1]) * scale),
        round((box[2] - bbox[0]) * scale),
        round((box[3] - bbox[1]) * scale),
    )


def build_lines(words: list[Word]) -> tuple[Line, ...]:
    """Group words into lines by vertical overlap, then split a line at column-sized gaps.

    ``block_no`` is the column index of the piece within its visual row (0 = leftmost), so the
    two-column header of an administrative document gives two lines per row.
    """
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.bbox[1], w.bbox[0])):
        mid = (w.bbox[1] + w.bbox[3]) / 2
        for row in rows:
            top = min(x.bbox[1] for x in row)
            bottom = max(x.bbox[3] for x in row)
            if top <= mid <= bottom:
                row.append(w)
                break
        else:
            rows.append([w])
    lines: list[Line] = []
    for row in sorted(rows, key=lambda r: min(x.bbox[1] for x in r)):
        row.sort(key=lambda w: w.bbox[0])
        height = max(x.bbox[3] - x.bbox[1] for x in row)
        pieces: list[list[Word]] = [[row[0]]]
        for w in row[1:]:
            if w.bbox[0] - pieces[-1][-1].bbox[2] > 2.0 * height:
                pieces.append([w])
            else:
                pieces[-1].append(w)
        for col, piece in enumerate(pieces):
            box = (
                min(w.bbox[0] for w in piece),
                min(w.bbox[1] for w in piece),
                max(w.bbox[2] for w in piece),
                max(w.bbox[3] for w in piece),
            )
            lines.append(Line(" ".join(w.text for w in piece), box, tuple(piece), 1.0, col))
    return tuple(lines)


def load_pdf_page(path: str, page_no: int, options: IngestOptions) -> SourcePage:
    """Render one page and decide whether its text layer is real, absent or garbage; a page to OCR
    whose render has colour also gets a small colour render (seals, pens: pipeline/ocr/regions.py)."""
    out = _load_pdf_page(path, page_no, options)
    if out.text_layer in (TextLayer.absent, TextLayer.garbage) and out.image is not None:
        out = replace(out, colour=_colour_render(_open(path, options.password)[page_no - 1], out.dpi))
    return out


# The page image stays the gray render; the colour one is small and kept only when it has colour.
COLOUR_DPI = 150
COLOUR_CHROMA = 60  # max - min channel of a pixel in saturated ink


def _colour_render(page: Any, dpi: int) -> Any:
    """An RGB render at ``COLOUR_DPI`` (at most ``dpi``) when some of the page is saturated colour, else None."""
    rgb = page.render(scale=min(dpi, COLOUR_DPI) / 72, rev_byteorder=True).to_numpy()[:, :, :3]
    sample = rgb[::4, ::4].astype("int16")
    if int((sample.max(axis=2) - sample.min(axis=2)).max(initial=0)) < COLOUR_CHROMA:
        return None
    return rgb.copy()


def _load_pdf_page(path: str, page_no: int, options: IngestOptions) -> SourcePage:
    doc = _open(path, options.password)
    if _cache.get("truncated") and page_no == len(doc) + 1:
        raise CorruptPdfError(f"the PDF is truncated: page {page_no} and any after it are lost "
                              f"(qpdf recovered {len(doc)} page(s))", path=path, page_no=page_no)
    if not 1 <= page_no <= len(doc):
        raise PageNotFoundError(f"page {page_no} does not exist (the PDF has {len(doc)})", path=path, page_no=page_no)
    notes: list[str] = []
    if page_no == 1 and _cache.get("repaired"):
        notes.append(f"{path}: the PDF is damaged; qpdf rebuilt it and recovered {len(doc)} page(s)")
    if page_no == 1 and _has_javascript(doc, _readable(path), options.password):
        notes.append(f"{path}: the PDF holds JavaScript, which vanban ignores (it never runs it)")
    try:
        page = doc[page_no - 1]
        width_pt, height_pt = page.get_size()
        dpi = options.dpi
        if width_pt * height_pt * (dpi / 72) ** 2 > options.max_image_pixels:
            dpi = max(1, int(72 * (options.max_image_pixels / (width_pt * height_pt)) ** 0.5))
            notes.append(
                f"{path}, page {page_no}: page is {width_pt / 72:.0f}x{height_pt / 72:.0f} in; "
                f"rendered at {dpi} DPI instead of {options.dpi} to stay under ingest.max_image_pixels"
            )
        if min(width_pt, height_pt) * dpi / 72 < MIN_SIDE_PX:
            raise PageTooSmallError(
                f"page is {width_pt:.1f}x{height_pt:.1f} pt, too small to hold text", path=path, page_no=page_no
            )
        image = page.render(scale=dpi / 72, grayscale=True).to_numpy().copy()
        if image.ndim == 3:
            image = image[:, :, 0]
        too_large = text_too_large(page, _readable(path), page_no, options.password)
        if too_large:
            notes.append(f"{path}, page {page_no}: the text layer is too large to be real ({too_large}); "
                         "it is ignored and the page is OCR'd")
            return SourcePage(page_no, path, image.shape[1], image.shape[0], dpi, image, TextLayer.garbage,
                              notes=tuple(notes))
        n_chars = page.get_textpage().count_chars()
        rotation = page.get_rotation()
        if n_chars > MAX_TEXT_CHARS:
            notes.append(f"{path}, page {page_no}: the text layer holds {n_chars} characters, more than "
                         f"{MAX_TEXT_CHARS}; it is ignored and the page is OCR'd")
            return SourcePage(page_no, path, image.shape[1], image.shape[0], dpi, image, TextLayer.garbage,
                              notes=tuple(notes))
        cover = _image_cover(page, width_pt, height_pt) if n_chars else 0.0
        invisible = _invisible_share(page) if n_chars else 0.0
        # a scan's fields print nothing into its text (OCR reads the page): only a real layer's blanks
        fields = widget_rects(page) if n_chars and not rotation % 360 and not _scanned(cover, invisible) else []
    except (PageTooSmallError, PageNotFoundError):
        raise
    except pdfium.PdfiumError as exc:
        raise PageRenderError(f"cannot render the page ({exc})", path=path, page_no=page_no) from exc
    base = SourcePage(page_no, path, image.shape[1], image.shape[0], dpi, image, TextLayer.absent, notes=tuple(notes))
    if n_chars == 0:
        return base

    try:
        raw_words, bbox = _words(_readable(path), page_no, options.password, unrotated=bool(rotation % 360))
    except PageRenderError as exc:
        # pdfium rendered the page; only pdfminer could not read its text layer: OCR the image.
        notes.append(f"{path}, page {page_no}: {exc.message}; the text layer is ignored and the page is OCR'd")
        return _replace(base, TextLayer.garbage, notes)
    try:
        raw_words += blank_fillers(_readable(path), page_no, options.password, fields, raw_words)
    except Exception as exc:  # noqa: BLE001 - a damaged form must never cost the page its text layer
        notes.append(f"{path}, page {page_no}: its form fields could not be read ({type(exc).__name__}); "
                     "a number or date they print is not in the text")
        base = replace(base, notes=tuple(notes))
    scale = dpi / 72
    words = [
        Word(unicodedata.normalize("NFC", w["text"]), _to_pixels((w["x0"], w["top"], w["x1"], w["bottom"]), bbox, scale), 1.0)
        for w in raw_words
        if w["text"].strip()
    ]
    lines = _lines_from_reading_frame(words, rotation, image.shape[1], image.shape[0])
    text = "\n".join(line.text for line in lines)
    return _classify(base, lines, text, cover, invisible, options)


def _turn(box: tuple[int, int, int, int], w: int, h: int, quarters: int) -> tuple[int, int, int, int]:
    """A box in a ``w`` x ``h`` image, the image turned ``quarters`` quarter turns clockwise."""
    for _ in range(quarters % 4):
        x0, y0, x1, y1 = box
        box, (w, h) = (h - y1, x0, h - y0, x1), (h, w)
    return box


def _lines_from_reading_frame(words: list[Word], rotation: int, w: int, h: int) -> tuple[Line, ...]:
    """Lines of words read in the page's own frame (see ``_words``), their boxes turned into the
    displayed image (``w`` x ``h`` pixels) as /Rotate turns the page (clockwise).

    Issue 15 #6: on a /Rotate 90 page the lines ran down the displayed image and were read
    interleaved ("2. 1. Ủy Căn Số: ỦY") yet accepted as a real layer.
    """
    lines = build_lines(words)
    quarters = (rotation // 90) % 4
    if not quarters:
        return lines
    fw, fh = (h, w) if quarters % 2 else (w, h)  # the image size in the page's own frame
    out: list[Line] = []
    for line in lines:
        kept = tuple(replace(x, bbox=_turn(x.bbox, fw, fh, quarters)) for x in line.words)
        box = (min(x.bbox[0] for x in kept), min(x.bbox[1] for x in kept),
               max(x.bbox[2] for x in kept), max(x.bbox[3] for x in kept))
        out.append(replace(line, bbox=box, words=kept))
    return tuple(out)


def _scanned(cover: float, invisible: float) -> bool:
    """A page that is an image (with or without a scanner's invisible OCR layer)."""
    return cover >= SCANNED_IMAGE_COVER or invisible >= 0.5


def _classify(
    base: SourcePage, lines: tuple[Line, ...], text: str, cover: float, invisible: float, options: IngestOptions
) -> SourcePage:
    """Attach the text layer if it is real; otherwise keep the image for OCR and say why."""
    where = f"{base.path}, page {base.page_no}"
    scanned = _scanned(cover, invisible)
    notes = list(base.notes)
    chars = sum(c.isalnum() for c in text)
    if scanned and is_signature_stamp_only(text):
        notes.append(f"{where}: the text layer is only a digital-signature stamp; the page is OCR'd")
        return _replace(base, TextLayer.absent, notes)
    if chars < MIN_CHARS:
        return _replace(base, TextLayer.absent, notes)
    q = text_quality(text)
    threshold = SCANNED_MIN_SCORE if scanned else REAL_MIN_SCORE
    if q.score < threshold:
        kind = "scanner OCR layer" if scanned else "text layer"
        notes.append(
            f"{where}: {kind} is garbage ({q.reason}; quality {q.score:.2f} < {threshold:.2f}); the page is OCR'd again"
        )
        return _replace(base, TextLayer.garbage, notes)
    if options.force_ocr:
        notes.append(f"{where}: a real text layer was ignored because force_ocr is set; the page is OCR'd")
        return _replace(base, TextLayer.absent, notes)
    return SourcePage(
        base.page_no, base.path, base.width, base.height, base.dpi, base.image, TextLayer.real, text, lines, tuple(notes)
    )


def _replace(base: SourcePage, layer: TextLayer, notes: list[str]) -> SourcePage:
    return SourcePage(base.page_no, base.path, base.width, base.height, base.dpi, base.image, layer, notes=tuple(notes))
