"""What an e-office system prints into a born-digital page's blanks through form fields.

Vietnamese e-office systems sign a document by adding signature form fields, and the appearances of
some of them print the document's number and day into the blanks the author left: ``Số:  /TB-UBND``
becomes ``Số: 542 /TB-UBND`` and ``ngày  tháng 11`` becomes ``ngày 06 tháng 11`` on the printed
page, while the page's text layer (what pdfplumber reads) keeps the blanks.  Two real born-digital
documents lost their number and their day so.  The same fields also print the signing stamp
(``TRUNG TÂM CÔNG BÁO VÀ TIN HỌC ... 06.11.2024 09:27:05``), which is no text of the document: only
a field's words that sit in a gap between two words of one of the page's own lines are taken.
"""

from __future__ import annotations

import io
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points, top-left origin


def widget_rects(page: pdfium.PdfPage) -> list[Box]:
    """The boxes of the page's form-field (widget) annotations, top-left origin."""
    height = page.get_size()[1]
    rects: list[Box] = []
    for i in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) != pdfium_c.FPDF_ANNOT_WIDGET:
                continue
            r = pdfium_c.FS_RECTF()
            if pdfium_c.FPDFAnnot_GetRect(annot, r):
                rects.append((r.left, height - r.top, r.right, height - r.bottom))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return rects


def _flattened_words(path: str, page_no: int, password: str | None) -> list[dict[str, Any]]:
    """pdfplumber words of the page with its form fields' appearances made part of its content."""
    import pdfplumber

    doc = pdfium.PdfDocument(path, password=password)
    try:
        doc.init_forms()
        page = doc[page_no - 1]
        page.flatten()
        buf = io.BytesIO()
        doc.save(buf)
    finally:
        doc.close()
    buf.seek(0)
    with pdfplumber.open(buf, pages=[page_no]) as pdf:
        return list(pdf.pages[0].extract_words(x_tolerance=3, y_tolerance=3, keep_blank_chars=False))


def _inside(w: dict[str, Any], box: Box) -> bool:
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _joined(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A field's words on one line, the characters a field spaces out ("5 4 2") joined again."""
    out: list[dict[str, Any]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        last = out[-1] if out else None
        height = w["bottom"] - w["top"]
        if last is not None and abs(last["top"] - w["top"]) < height / 2 and w["x0"] - last["x1"] < 0.6 * height:
            out[-1] = {**last, "text": last["text"] + w["text"], "x1": w["x1"], "bottom": max(last["bottom"], w["bottom"])}
        else:
            out.append(dict(w))
    return out


def _fills_a_blank(w: dict[str, Any], page_words: list[dict[str, Any]]) -> bool:
    """True when ``w`` sits on one of the page's own lines, between two of its words."""
    mid = (w["top"] + w["bottom"]) / 2
    line = [p for p in page_words if p["top"] <= mid <= p["bottom"]]
    return any(p["x1"] <= w["x0"] for p in line) and any(p["x0"] >= w["x1"] for p in line)


def blank_fillers(path: str, page_no: int, password: str | None, rects: list[Box],
                  page_words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The words form fields print into the blanks of the page's lines (pdfplumber word dicts)."""
    if not rects or not page_words:
        return []
    seen = {(w["text"], round(w["x0"]), round(w["top"])) for w in page_words}
    flat = [w for w in _flattened_words(path, page_no, password)
            if (w["text"], round(w["x0"]), round(w["top"])) not in seen]
    out: list[dict[str, Any]] = []
    for box in rects:
        out += [w for w in _joined([w for w in flat if _inside(w, box)]) if _fills_a_blank(w, page_words)]
    return out
