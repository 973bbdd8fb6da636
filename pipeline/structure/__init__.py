"""Structure stage: ordered pages to a ``pipeline.document.Document`` (schema vanban.document 1.0).

``build_document`` works on OCR pages with geometry (two header columns told apart by position,
tables from OCR cells) and on plain legacy text (columns split by text patterns, table rows
recovered and flagged); ``document_from_text`` structures a .txt directly.
"""

from __future__ import annotations

import hashlib

from pipeline.document import Document, PageText, SourceRef, TableRows, flagged_regions
from pipeline.options import StructureOptions
from pipeline.structure.appendix import (
    headerless_table_start,
    implicit_appendix,
    is_appendix_start,
    parse_appendices,
    pos,
)
from pipeline.structure.body import parse_body
from pipeline.structure.header import parse_header, split_header_line
from pipeline.structure.layout import Ln, document_lines
from pipeline.structure.signature import (
    closing_without_label,
    is_closing_start,
    parse_closing,
)
from pipeline.structure.signature_capacity import signs_for_the_head
from pipeline.structure.tables import tables_from_cells
from pipeline.types import Line, OcrPage, PageMode, RestoredPage, SourceInfo, Table, TextLayer
from pipeline.vn.dates import find_date, parse_date


def _page_texts(pages: list[RestoredPage]) -> tuple[PageText, ...]:
    out = []
    for p in pages:
        layer = p.page.text_layer.value if isinstance(p.page.text_layer, TextLayer) else str(p.page.text_layer)
        mode = str(p.mode) if p.mode in _MODES else None
        out.append(PageText(p.page_no, p.text, float(p.page.mean_confidence), layer, mode))
    return tuple(out)


_MODES = frozenset(m.value for m in PageMode)


def input_kind(pages: list[RestoredPage]) -> str | None:
    """What the document's text was: the restoration mode most of its pages' lines needed
    ("ocr-eng" for an English-model OCR layer ...), "born-digital" for a trusted text layer."""
    votes: dict[str, int] = {}
    for p in pages:
        n = sum(bool(ln.text.strip()) for ln in p.lines)
        if p.mode == PageMode.none and p.page.text_layer == TextLayer.real:
            votes["born-digital"] = votes.get("born-digital", 0) + n
        elif p.mode in _MODES and p.mode != PageMode.none:
            votes[str(p.mode)] = votes.get(str(p.mode), 0) + n
    return max(votes, key=lambda k: votes[k]) if votes else None


def _tables(pages: list[RestoredPage]) -> list[tuple[tuple[int, int], Table]]:
    return [((p.page_no, t.bbox[1]), t) for p in pages for t in p.tables]


def build_document(
    pages: list[RestoredPage], info: SourceInfo | None, options: StructureOptions | None = None
) -> Document:
    """The structured document of ordered pages (header, bases, sections, appendices, signature)."""
    pages = sorted(pages, key=lambda p: p.page_no)
    lines: list[Ln] = document_lines(pages, options)
    warnings: list[str] = []
    hr = parse_header(lines)
    starts = [i for i in range(hr.end, len(lines)) if is_appendix_start(lines[i])]
    first_app = starts[0] if starts else len(lines)
    close = next((i for i in range(hr.end, first_app) if is_closing_start(lines[i])), None)
    if close is None:
        close = closing_without_label(lines, hr.end, first_app)
        close = first_app if close is None else close
    if not starts and not any(p.tables for p in pages) and close < len(lines):
        table_at = headerless_table_start(lines, close)
        if table_at is not None:  # legacy text whose PHỤ LỤC heading was lost: the table still is
            starts, first_app = [table_at], table_at
            warnings.append(f"page {lines[table_at].page_no}: a table after the signature but no PHỤ LỤC heading was read")
    body = parse_body(lines[hr.end : close])
    warnings.extend(body.warnings)
    closing = parse_closing(lines[close:first_app])
    appendices, outside, w = parse_appendices(lines, starts, _tables(pages))
    warnings.extend(w)
    if not appendices:
        appendices, outside, w = implicit_appendix(lines, close, outside)
        warnings.extend(w)
    body_tables: tuple[TableRows, ...] = tuple(tables_from_cells([(p[0], t) for p, t in outside]))
    for name in ("authority", "number", "date"):
        if getattr(hr.header, name) is None:
            warnings.append(f"header: no {name} found")
    source = SourceRef(
        path=(info.path or None) if info else None,
        sha256=info.sha256 if info else None,
        pages=info.pages if info else len(pages),
        kind=info.kind if info else None,
        input_kind=input_kind(pages),
    )
    return Document(
        source=source,
        header=hr.header,
        bases=body.bases,
        preamble=body.preamble,
        sections=body.sections,
        tables=body_tables,
        appendices=tuple(appendices),
        signature=signs_for_the_head(closing.signature, hr.header.authority),
        recipients=closing.recipients,
        pages=_page_texts(pages),
        warnings=tuple(warnings),
        regions=flagged_regions(pages),
    )


def text_pages(text: str, layer: TextLayer = TextLayer.legacy_ocr) -> list[RestoredPage]:
    """RestoredPages (no geometry) from plain text whose pages are separated by form feeds."""
    out = []
    for n, chunk in enumerate(text.split("\f"), start=1):
        lines = tuple(Line(t) for t in chunk.split("\n"))
        page = OcrPage(page_no=n, width=0, height=0, dpi=0, lines=lines, text_layer=layer, engine="text")
        out.append(RestoredPage(page=page, lines=lines, tables=()))
    return out


def document_from_text(text: str, source: SourceInfo | str | None = None) -> Document:
    """Structure a legacy/plain text document (pages split on \\f); ``source`` names its file."""
    pages = text_pages(text)
    if isinstance(source, str) or source is None:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        source = SourceInfo(path=source or "", sha256=digest, pages=len(pages), kind="text")
    return build_document(pages, source)


__all__ = [
    "build_document",
    "document_from_text",
    "text_pages",
    "find_date",
    "parse_date",
    "split_header_line",
    "pos",
]
