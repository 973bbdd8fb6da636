"""ALTO 4.2 XML of a parsed document: pages, blocks, lines and words with boxes and confidences.

Each ``String`` carries the restored word as ``CONTENT`` and, where restoration changed it, the
engine's reading as an ``ALTERNATIVE`` (``PURPOSE="OCR"``).  Ruled tables are ``ComposedBlock``s of
``TYPE="table"`` holding one ``TextBlock`` per cell (its ID ends in ``R<row>C<col>``, 1-based).  Coordinates are pixels of the page image as it
came in (a PDF page rendered at the DPI vanban read it at), with vanban's turning and deskewing
undone, so boxes land on the words of the original page; no dates are written, so reruns give
byte-identical files.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from pipeline.export.layout import LayoutBlock, LayoutLine, LayoutPage, document_layout
from pipeline.types import BBox, RestoredPage

NS = "http://www.loc.gov/standards/alto/ns-v4#"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XLINK = "http://www.w3.org/1999/xlink"
SCHEMA_LOCATION = f"{NS} http://www.loc.gov/alto/v4/alto-4-2.xsd"


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _geometry(el: ET.Element, b: BBox) -> None:
    x0, y0, x1, y1 = b
    el.set("HPOS", str(x0))
    el.set("VPOS", str(y0))
    el.set("WIDTH", str(max(0, x1 - x0)))
    el.set("HEIGHT", str(max(0, y1 - y0)))


def _conf(v: float) -> str:
    return f"{min(1.0, max(0.0, v)):.3f}"


def _line(parent: ET.Element, line: LayoutLine, ident: str) -> None:
    el = ET.SubElement(parent, _q("TextLine"), {"ID": ident})
    _geometry(el, line.bbox)
    for k, w in enumerate(line.words):
        if k:
            prev = line.words[k - 1].bbox
            sp = ET.SubElement(el, _q("SP"))
            gap = (prev[2], min(prev[1], w.bbox[1]), max(prev[2], w.bbox[0]), max(prev[3], w.bbox[3]))
            sp.set("WIDTH", str(gap[2] - gap[0]))
            sp.set("HPOS", str(gap[0]))
            sp.set("VPOS", str(gap[1]))
        s = ET.SubElement(el, _q("String"), {"ID": f"{ident}_W{k + 1}", "CONTENT": w.text})
        _geometry(s, w.bbox)
        s.set("WC", _conf(w.confidence))
        if w.ocr != w.text:
            alt = ET.SubElement(s, _q("ALTERNATIVE"), {"PURPOSE": "OCR"})
            alt.text = w.ocr


def _block(parent: ET.Element, block: LayoutBlock, ident: str) -> None:
    el = ET.SubElement(parent, _q("TextBlock"), {"ID": ident})
    _geometry(el, block.bbox)
    if block.cell is not None:
        el.set("TAGREFS", "TAG_CELL")
    for j, line in enumerate(block.lines):
        _line(el, line, f"{ident}_L{j + 1}")


def _page(layout_el: ET.Element, page: LayoutPage) -> None:
    p = f"P{page.page_no}"
    el = ET.SubElement(layout_el, _q("Page"), {
        "ID": p, "PHYSICAL_IMG_NR": str(page.page_no),
        "WIDTH": str(page.width), "HEIGHT": str(page.height), "PC": _conf(page.confidence),
    })
    space = ET.SubElement(el, _q("PrintSpace"), {"ID": f"{p}_PS"})
    _geometry(space, (0, 0, page.width, page.height))
    tables: dict[int, ET.Element] = {}
    n = 0
    for block in page.blocks:
        n += 1
        if block.cell is None:
            _block(space, block, f"{p}_B{n}")
            continue
        t = block.cell[0]
        if t not in tables:
            cells = [b.bbox for b in page.blocks if b.cell is not None and b.cell[0] == t]
            box = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
            tables[t] = ET.SubElement(space, _q("ComposedBlock"), {"ID": f"{p}_T{t + 1}", "TYPE": "table"})
            _geometry(tables[t], box)
        _, row, col, rs, cs = block.cell  # ALTO has no cell attributes: the ID says where the cell sits
        span = f"_S{rs}x{cs}" if (rs, cs) != (1, 1) else ""
        _block(tables[t], block, f"{p}_T{t + 1}_R{row + 1}C{col + 1}{span}")


def alto_xml(pages: Sequence[RestoredPage], source_name: str | None = None, software: str = "vanban") -> bytes:
    """The ALTO 4.2 document (UTF-8 bytes) of ``pages``; raises OutputError for pages without geometry."""
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    ET.register_namespace("xlink", XLINK)
    root = ET.Element(_q("alto"), {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION, "SCHEMAVERSION": "4.2"})
    desc = ET.SubElement(root, _q("Description"))
    ET.SubElement(desc, _q("MeasurementUnit")).text = "pixel"
    if source_name:
        info = ET.SubElement(desc, _q("sourceImageInformation"))
        ET.SubElement(info, _q("fileName")).text = os.path.basename(source_name)
    proc = ET.SubElement(desc, _q("Processing"), {"ID": "PROC1"})
    ET.SubElement(proc, _q("processingCategory")).text = "contentGeneration"
    ET.SubElement(proc, _q("processingStepDescription")).text = (
        "OCR (Tesseract vie, tables cell by cell) and Vietnamese restoration; CONTENT is the restored "
        "word, ALTERNATIVE[@PURPOSE='OCR'] the engine's reading where it differs"
    )
    sw = ET.SubElement(proc, _q("processingSoftware"))
    ET.SubElement(sw, _q("softwareName")).text = software
    layout = document_layout(pages)
    if any(b.cell is not None for page in layout for b in page.blocks):
        tags = ET.SubElement(root, _q("Tags"))
        ET.SubElement(tags, _q("LayoutTag"), {"ID": "TAG_CELL", "LABEL": "table cell"})
    body = ET.SubElement(root, _q("Layout"))
    for page in layout:
        _page(body, page)
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
