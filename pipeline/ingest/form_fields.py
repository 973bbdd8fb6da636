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


def _flattened_chars(path: str, page_no: int, password: str | None) -> list[dict[str, Any]]:
    """The page's characters (pdfplumber-style boxes, top-left origin) with its form fields'
    appearances made part of its content.  PDFium reads the text it flattened: a field's font need
    not carry a ToUnicode map that pdfminer could read."""
    doc = pdfium.PdfDocument(path, password=password)
    try:
        doc.init_forms()
        page = doc[page_no - 1]
        page.flatten()
        page.close()
        page = doc[page_no - 1]  # flattening invalidates the page's handles: load it again
        height = page.get_size()[1]
        text = page.get_textpage()
        chars = []
        for i in range(text.count_chars()):
            c = text.get_text_range(i, 1)
            if not c.strip():
                continue
            left, bottom, right, top = text.get_charbox(i)
            chars.append({"text": c, "x0": left, "x1": right, "top": height - top, "bottom": height - bottom})
        return chars
    finally:
        doc.close()


def _inside(w: dict[str, Any], box: Box) -> bool:
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _joined(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A field's characters joined into words, line by line (a field spaces out "5 4 2": a gap
    under 0.6 of the letters' height is inside one number).  Glyph boxes are tight, so characters
    of one line differ in top and bottom: a line is the characters whose middles are within half a
    letter's height of its first one."""
    lines: list[list[dict[str, Any]]] = []
    for c in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        mid, half = (c["top"] + c["bottom"]) / 2, (c["bottom"] - c["top"]) / 2
        first = lines[-1][0] if lines else None
        if first is not None and abs((first["top"] + first["bottom"]) / 2 - mid) <= max(half, (first["bottom"] - first["top"]) / 2):
            lines[-1].append(c)
        else:
            lines.append([c])
    out: list[dict[str, Any]] = []
    for line in lines:
        height = max(c["bottom"] - c["top"] for c in line)
        words: list[dict[str, Any]] = []
        for c in sorted(line, key=lambda c: c["x0"]):
            if words and c["x0"] - words[-1]["x1"] < 0.6 * height:
                w = words[-1]
                words[-1] = {**w, "text": w["text"] + c["text"], "x1": c["x1"],
                             "top": min(w["top"], c["top"]), "bottom": max(w["bottom"], c["bottom"])}
            else:
                words.append(dict(c))
        out += words
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
    boxes = [(w["x0"], w["top"], w["x1"], w["bottom"]) for w in page_words]
    chars = _flattened_chars(path, page_no, password)
    out: list[dict[str, Any]] = []
    for rect in rects:
        # the page's own characters are read again with the flattened ones: keep those no word covers
        # (tested only for a field's few characters, not for the whole page's)
        own = [c for c in chars if _inside(c, rect) and not any(_inside(c, b) for b in boxes)]
        out += [w for w in _joined(own) if _fills_a_blank(w, page_words)]
    return out
