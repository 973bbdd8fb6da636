"""hOCR (XHTML) of a parsed document: ocr_page > ocr_carea > ocr_par > ocr_line > ocrx_word.

Each word is the restored word with its box and ``x_wconf``; ``data-ocr`` keeps the engine's
reading where restoration changed it.  Boxes are pixels of the page image as it came in (a PDF
page as rendered at the page's ``scan_res``), before vanban turned and deskewed it to read it.  Table cells are ``ocr_carea`` elements (``data-cell`` gives
table, row and column) inside an ``ocr_table``.  The file is well-formed XML, as OCRmyPDF's and
other hOCR readers expect.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from pipeline.export.layout import (
    LayoutBlock,
    LayoutPage,
    document_layout,
    page_layout,
    scale_layout,
    to_source,
)
from pipeline.types import BBox, RestoredPage

XHTML = "http://www.w3.org/1999/xhtml"


def _bbox(b: BBox) -> str:
    return f"bbox {b[0]} {b[1]} {b[2]} {b[3]}"


def _block(parent: ET.Element, block: LayoutBlock, ids: dict[str, int], page_no: int) -> None:
    def ident(kind: str) -> str:
        ids[kind] = ids.get(kind, 0) + 1
        return f"{kind}_{page_no}_{ids[kind]}"

    area = ET.SubElement(parent, "div", {"class": "ocr_carea", "id": ident("block"), "title": _bbox(block.bbox)})
    if block.cell is not None:
        t, row, col, rs, cs = block.cell
        area.set("data-cell", f"{t + 1} {row + 1} {col + 1} {rs} {cs}")
    par = ET.SubElement(area, "p", {"class": "ocr_par", "id": ident("par"), "title": _bbox(block.bbox)})
    for line in block.lines:
        x0, y0, x1, y1 = line.bbox
        size = max(1, y1 - y0)
        descent = -int(round(0.2 * size))
        el = ET.SubElement(par, "span", {
            "class": "ocr_line", "id": ident("line"),
            "title": f"{_bbox(line.bbox)}; baseline 0 {descent}; x_size {size}; x_descenders {-descent}; x_ascenders 0",
        })
        for k, w in enumerate(line.words):
            if k:
                el[-1].tail = " "
            span = ET.SubElement(el, "span", {
                "class": "ocrx_word", "id": ident("word"),
                "title": f"{_bbox(w.bbox)}; x_wconf {int(round(100 * min(1.0, max(0.0, w.confidence))))}",
            })
            if w.ocr != w.text:
                span.set("data-ocr", w.ocr)
            span.text = w.text


def _page(body: ET.Element, page: LayoutPage, image: str | None, index: int) -> None:
    title = f"{_bbox((0, 0, page.width, page.height))}; ppageno {index}; scan_res {page.dpi} {page.dpi}"
    if image:
        title = f'image "{image}"; ' + title
    el = ET.SubElement(body, "div", {"class": "ocr_page", "id": f"page_{page.page_no}", "title": title})
    ids: dict[str, int] = {}
    table: ET.Element | None = None
    current = -1
    for block in page.blocks:
        if block.cell is None:
            _block(el, block, ids, page.page_no)
            continue
        if table is None or block.cell[0] != current:
            current = block.cell[0]
            cells = [b.bbox for b in page.blocks if b.cell is not None and b.cell[0] == current]
            box = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
            table = ET.SubElement(el, "div", {"class": "ocr_table", "id": f"table_{page.page_no}_{current + 1}", "title": _bbox(box)})
        _block(table, block, ids, page.page_no)


def _document(layout: Sequence[LayoutPage], image: str | None, software: str) -> bytes:
    html = ET.Element("html", {"xmlns": XHTML, "xml:lang": "vi", "lang": "vi"})
    head = ET.SubElement(html, "head")
    ET.SubElement(head, "title").text = os.path.basename(image) if image else "vanban"
    ET.SubElement(head, "meta", {"http-equiv": "Content-Type", "content": "text/html;charset=utf-8"})
    ET.SubElement(head, "meta", {"name": "ocr-system", "content": software})
    ET.SubElement(head, "meta", {"name": "ocr-capabilities", "content": "ocr_page ocr_carea ocr_par ocr_line ocrx_word ocr_table"})
    body = ET.SubElement(html, "body")
    for i, page in enumerate(layout):
        _page(body, page, os.path.basename(image) if image else None, i)
    ET.indent(html, space=" ")
    doctype = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n'
        b'    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
    )
    return doctype + ET.tostring(html, encoding="unicode").encode("utf-8") + b"\n"


def hocr_html(pages: Sequence[RestoredPage], source_name: str | None = None, software: str = "vanban") -> bytes:
    """The hOCR document (UTF-8 XHTML bytes) of ``pages``; raises OutputError for pages without geometry."""
    return _document(document_layout(pages), source_name, software)


def page_hocr(page: RestoredPage, image: str | None = None, software: str = "vanban",
              size: tuple[int, int] | None = None) -> bytes:
    """hOCR of one page (what an OCRmyPDF engine returns for one page image of ``size`` pixels)."""
    layout = to_source(page_layout(page), page.page.rotation, page.page.skew)
    if size is not None and size != (layout.width, layout.height):
        sx, sy = size[0] / max(1, layout.width), size[1] / max(1, layout.height)
        layout = scale_layout(layout, sx, sy, size)
    return _document([layout], image, software)


def empty_page_hocr(size: tuple[int, int], dpi: float, software: str = "vanban") -> bytes:
    """hOCR of a page with no text."""
    return _document([LayoutPage(1, size[0], size[1], int(dpi), 0.0, ())], None, software)
