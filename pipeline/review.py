"""The review page: each page image beside its restored text, as one self-contained HTML file.

Low-confidence tokens are highlighted, changed tokens show what was read on hover, table cells and
unsure words are outlined on the image, and citation findings link to their line.  Everything
(images included, as base64 JPEG) is inside the file, so it opens offline.

The page is rendered from the result alone: the page images are the ``RestoredPage.image`` JPEGs
that the runner keeps, rendered once where each page was read, when ``ParseOptions.page_images``
is on (``vanban parse --html`` and ``vanban batch --html`` switch it on).  Scans and born-digital
PDFs have one for every page; a text file has none.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pipeline.result import ParseResult
from pipeline.types import RestoredPage, Token

if TYPE_CHECKING:
    from pipeline.citations.model import CitationReport

LOW_CONFIDENCE = 0.6

_CSS = """body{font-family:'Noto Serif','DejaVu Serif',serif;margin:0;background:#eee;color:#222}
header{background:#234;color:#fff;padding:8px 16px}.legend{font-size:13px;margin-top:4px}.legend span{color:#222;padding:0 3px}header h1{font-size:18px;margin:0}
.page{display:flex;gap:16px;margin:16px;background:#fff;padding:12px;box-shadow:0 1px 3px #999}
.img{position:relative;flex:0 0 48%}.img img{width:100%;display:block}.img svg{position:absolute;left:0;top:0;width:100%;height:100%}
.text{flex:1;white-space:pre-wrap;font-size:15px;line-height:1.5}.line{display:block;min-height:1.2em}
.low{background:#ffe08a}.changed{border-bottom:2px dotted #2a7}.low.changed{background:#ffd0a0}
.findings li.error{color:#b00}.findings li.warning{color:#a60}.findings li.info{color:#357}
table.cells{border-collapse:collapse;margin:8px 0;font-size:13px}table.cells td{border:1px solid #27c;padding:2px 4px}
.findings{margin:16px;background:#fff;padding:8px 16px}:target{outline:2px solid #c00}"""


def _mark_line(text: str, line_start: int, tokens: Sequence[Token]) -> str:
    """HTML for one line: tokens wrapped with their confidence and original where they changed."""
    out: list[str] = []
    pos = 0
    for tok in tokens:
        s, e = tok.start - line_start, tok.end - line_start
        if s < pos or e > len(text) or s < 0:
            continue
        out.append(html.escape(text[pos:s]))
        classes = []
        if tok.confidence < LOW_CONFIDENCE:
            classes.append("low")
        if tok.changed:
            classes.append("changed")
        title = f"read: {tok.original} · confidence {tok.confidence:.2f}" if tok.changed else f"confidence {tok.confidence:.2f}"
        piece = html.escape(text[s:e])
        out.append(f'<span class="{" ".join(classes)}" title="{html.escape(title)}">{piece}</span>' if classes else piece)
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _text_html(page: RestoredPage) -> str:
    parts = []
    tokens = sorted(page.tokens, key=lambda t: t.start)
    k = 0
    offset = 0
    for i, line in enumerate(page.lines, start=1):
        end = offset + len(line.text)
        while k < len(tokens) and tokens[k].start < offset:  # tokens spanning a line break: skipped
            k += 1
        toks = []
        while k < len(tokens) and tokens[k].end <= end:
            toks.append(tokens[k])
            k += 1
        parts.append(f'<span class="line" id="p{page.page_no}-l{i}">{_mark_line(line.text, offset, toks)}</span>')
        offset = end + 1
    for t_no, table in enumerate(page.tables, start=1):
        parts.append(f"<table class='cells' id='p{page.page_no}-t{t_no}'>")
        for r in range(table.n_rows):
            cells = sorted((c for c in table.cells if c.row == r), key=lambda c: c.col)
            parts.append("<tr>" + "".join(
                f"<td colspan='{c.col_span}' rowspan='{c.row_span}'>{html.escape(c.text)}</td>" for c in cells) + "</tr>")
        parts.append("</table>")
    return "".join(parts)  # no newlines between the blocks: the text column keeps white space


def _overlay(page: RestoredPage, width: int, height: int) -> str:
    """SVG boxes in the page image's pixel space: table cells (blue) and unsure words (orange)."""
    src = page.page
    sx = width / src.width if src.width else 1.0
    sy = height / src.height if src.height else 1.0
    rects = []
    for table in page.tables:
        for c in table.cells:
            x0, y0, x1, y1 = c.bbox
            rects.append(f'<rect x="{x0 * sx:.1f}" y="{y0 * sy:.1f}" width="{(x1 - x0) * sx:.1f}" '
                         f'height="{(y1 - y0) * sy:.1f}" fill="none" stroke="#27c" stroke-width="2"/>')
    for line in src.lines:
        for w in line.words:
            if w.confidence < LOW_CONFIDENCE:
                x0, y0, x1, y1 = w.bbox
                rects.append(f'<rect x="{x0 * sx:.1f}" y="{y0 * sy:.1f}" width="{(x1 - x0) * sx:.1f}" '
                             f'height="{(y1 - y0) * sy:.1f}" fill="rgba(255,170,0,0.25)" stroke="#e80"/>')
    return f'<svg viewBox="0 0 {width} {height}" preserveAspectRatio="none">{"".join(rects)}</svg>'


def _page_line(line: int, page_no: int | None, first_line: dict[int, int]) -> tuple[int, int] | None:
    """(page, line on that page) of a document-wide line number as the citation finder counts it.

    The finder numbers lines over the pages joined by form feeds, which are no line breaks: a
    page's first line carries the number of the previous page's last line.
    """
    if page_no is None:  # a text without pages: find the page whose lines hold ``line``
        candidates = [p for p, first in first_line.items() if first <= line]
        if not candidates:
            return None
        page_no = max(candidates)
    if page_no not in first_line:
        return None
    return page_no, line - first_line[page_no] + 1


def _findings_html(report: CitationReport | None, first_line: dict[int, int]) -> str:
    if report is None:
        return ""
    items = []
    for f in report.findings:
        sev = html.escape(f.severity or "info")
        where = _page_line(int(f.line or 1), f.page_no, first_line)
        link = f"#p{where[0]}-l{where[1]}" if where else ""
        place = f"page {where[0]}, line {where[1]}: " if where else ""
        label = html.escape(f"{place}{f.rule}: {f.message}")
        excerpt = html.escape(f.excerpt or "")
        items.append(f'<li class="{sev}">[{sev}] ' + (f'<a href="{link}">{label}</a>' if link else label)
                     + (f" — <q>{excerpt}</q>" if excerpt else "") + "</li>")
    cites = report.cited()
    listed = "".join(f"<li>{html.escape(c.matched_text or c.symbol.text)}</li>" for c in cites[:200])
    return (f"<section class='findings' id='findings'><h2>Findings ({len(items)})</h2><ul>{''.join(items)}</ul>"
            f"<details><summary>Citations ({len(cites)})</summary><ul>{listed}</ul></details></section>")


def first_lines(pages: Sequence[RestoredPage]) -> dict[int, int]:
    """Document-wide number (as the citation finder counts) of each page's first line."""
    out: dict[int, int] = {}
    line = 1
    for page in sorted(pages, key=lambda p: p.page_no):
        out[page.page_no] = line
        line += page.text.count("\n")
    return out


def review_html(result: ParseResult, title: str | None = None) -> str:
    """The whole review page of a parse result (page images from ``RestoredPage.image``)."""
    name = title or (result.source.path if result.source else "document")
    parts = [f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>{html.escape(name)}</title>"
             f"<style>{_CSS}</style></head><body><header><h1>{html.escape(name)}</h1>"
             f"<div>status: {result.status.value} · pages: {len(result.pages)} · errors: {len(result.errors)}</div>"
             f"<div class='legend'><span class='low'>unsure word</span> · <span class='changed'>word changed by "
             f"restoration (hover: what was read)</span> · on the image: blue = table cells, orange = words "
             f"OCR was unsure of</div></header>"]
    parts.append(_findings_html(result.citations, first_lines(result.pages)))
    for page in result.pages:
        img = page.image
        left = "<div class='img'><em>no image</em></div>"
        if img is not None:
            b64 = base64.b64encode(img.jpeg).decode("ascii")
            left = (f"<div class='img'><img alt='page {page.page_no}' src='data:image/jpeg;base64,{b64}'>"
                    f"{_overlay(page, img.width, img.height)}</div>")
        conf = page.page.mean_confidence
        parts.append(f"<section class='page' id='page-{page.page_no}'>{left}<div class='text'>"
                     f"<h2>Page {page.page_no} <small>(mean OCR confidence {conf:.2f}, {page.page.engine})</small></h2>"
                     f"{_text_html(page)}</div></section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_review(path: str, result: ParseResult) -> None:
    """Render the review page of ``result`` and write it atomically."""
    from pipeline.io import atomic_write_text

    atomic_write_text(path, review_html(result))
