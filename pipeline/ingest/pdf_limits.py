"""Hostile and damaged PDFs (issue 15): text layers too large to read, and files qpdf can rebuild.

Kept apart from ``pdf.py`` (which reads pages) because these checks run before any page reader
touches the file: a page that shows 10 MB of text, or a PDF cut short.
"""

from __future__ import annotations

import os
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# A text layer larger than any real page is not read (pdfium's text page needs ~175 bytes per
# character and pdfplumber far more: one page of 10 MB of text took 10.8 GB and a SIGSEGV under a
# 4 GB cap); the page is OCR'd from its image instead.  A dense A4 page holds ~10k characters.
MAX_TEXT_OBJECTS = 50_000  # text objects on the page (forms included)
MAX_TEXT_CHARS = 200_000
MAX_TEXT_BYTES = 2 * MAX_TEXT_CHARS  # shown by text operators (1-2 bytes a character)
_SHOW_OPERATORS = "Tj TJ ' \""


def text_too_large(page: pdfium.PdfPage, path: str, page_no: int, password: str | None) -> str:
    """Why the page's text layer is too large to read safely ("" when it is not)."""
    n = 0
    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=2):
        n += 1
        if n > MAX_TEXT_OBJECTS:
            return f"more than {MAX_TEXT_OBJECTS} text objects"
    if n == 0:
        return ""
    size = text_bytes(path, page_no, password)
    if size > MAX_TEXT_BYTES:
        return f"{size} bytes of text, more than {MAX_TEXT_BYTES}"
    return ""


def text_bytes(path: str, page_no: int, password: str | None) -> int:
    """Bytes of text shown by a page's content and the forms it draws (each form once)."""
    import pikepdf

    def shown(obj: Any) -> int:
        total = 0
        for instruction in pikepdf.parse_content_stream(obj, _SHOW_OPERATORS):
            for x in instruction.operands:
                if isinstance(x, pikepdf.String):
                    total += len(bytes(x))
                elif isinstance(x, pikepdf.Array):  # TJ: strings and kerning numbers
                    total += sum(len(bytes(y)) for y in x if isinstance(y, pikepdf.String))
        return total

    try:
        with pikepdf.open(path, password=password or "") as pdf:
            page = pdf.pages[page_no - 1]
            total = shown(page)
            todo = [page.obj.get("/Resources")]
            seen: set[tuple[int, int]] = set()
            while todo and total <= MAX_TEXT_BYTES:
                res = todo.pop()
                xobjects = res.get("/XObject") if isinstance(res, pikepdf.Dictionary) else None
                if not isinstance(xobjects, pikepdf.Dictionary):
                    continue
                for _, xo in xobjects.items():
                    if not isinstance(xo, pikepdf.Stream) or xo.get("/Subtype") != pikepdf.Name.Form:
                        continue
                    if xo.objgen in seen:
                        continue
                    seen.add(xo.objgen)
                    total += shown(xo)
                    todo.append(xo.get("/Resources"))
            return total
    except Exception:  # noqa: BLE001 - pdfium opened the file: any failure here means "unknown", not "too large"
        return 0


def repair(path: str, password: str | None) -> str | None:
    """A copy of a damaged PDF rebuilt by qpdf (xref reconstructed from the objects that are left),
    or None when no page could be recovered (issue 15 #9: a PDF cut at 90 % lost every page)."""
    import tempfile

    import pikepdf

    fd, tmp = tempfile.mkstemp(prefix="vanban-repaired-", suffix=".pdf")
    os.close(fd)
    try:
        with pikepdf.open(path, password=password or "") as pdf:
            if len(pdf.pages) == 0:
                raise ValueError("no page recovered")
            pdf.save(tmp)
        return tmp
    except Exception:  # noqa: BLE001 - qpdf gave up too: the original error stands
        os.unlink(tmp)
        return None


def truncated(path: str) -> bool:
    """True when the file does not end with %%EOF (cut short, so pages may be missing)."""
    try:
        with open(path, "rb") as f:
            f.seek(max(0, os.path.getsize(path) - 1024))
            return b"%%EOF" not in f.read()
    except OSError:
        return False
