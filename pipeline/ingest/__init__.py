"""Ingest: open an input, count its pages, and hand one page at a time to OCR.

``open_source(path, options)`` runs once in the parent: it checks the file (type by content,
not by name), counts the pages and hashes it.  ``load_page(path, page_no, options)`` runs in the
workers, one page at a time, so a 200-page PDF is never rasterized at once.  A PDF page keeps
its rendered image and, when it has one, a *real* text layer (words and lines in pixel
coordinates at the render DPI); a scanner's broken OCR layer, legacy TCVN3/VNI font text,
``(cid:NN)`` glyphs or a lone digital-signature stamp count as *garbage*/*absent*, and the page
is OCR'd with a note saying why.

Error codes (stable; each message names the file, and the page where there is one):

| code  | class                  | when                                                                   |
|-------|------------------------|------------------------------------------------------------------------|
| VB101 | FileAccessError        | missing, unreadable, a directory, a symlink loop                       |
| VB102 | EncryptedPdfError      | PDF with a user password and no (or a wrong) ``ingest.password``      |
| VB103 | EmptyFileError         | 0-byte file                                                            |
| VB104 | NotAPdfError           | named ``.pdf`` but the content is not a PDF                            |
| VB105 | CorruptPdfError        | damaged PDF that neither pdfium nor qpdf can open; for a truncated PDF qpdf rebuilt, the page standing for those the cut lost |
| VB106 | NoPagesError           | a well-formed PDF with 0 pages                                         |
| VB107 | ImageTooLargeError     | image over ``ingest.max_image_pixels`` (decompression bomb)           |
| VB108 | UnsupportedTypeError   | not a PDF, a supported image, or a ``.txt`` file                       |
| VB109 | TooManyPagesError      | more pages than ``ingest.max_pages``                                   |
| VB111 | TextEncodingError      | ``.txt`` that is not UTF-8 / UTF-16 with BOM, or binary                |
| VB112 | CorruptImageError      | an image or one TIFF frame that cannot be decoded (page error); for a truncated TIFF, the page standing for the frames after the cut |
| VB113 | PageRenderError        | one PDF page that cannot be rendered or read (page error)              |
| VB114 | PageTooSmallError      | page image under 16 px on a side (e.g. a 1-pixel page)                 |
| VB115 | PageNotFoundError      | ``load_page`` asked for a page that does not exist                     |
| VB150 | (note, not an error)   | a page's text layer was ignored (garbage, stamp only, force_ocr, larger than any real page, unreadable by pdfminer), it was rendered at a lower DPI, the PDF holds JavaScript (never run), or qpdf rebuilt a damaged PDF |

A PDF with a damaged cross-reference table that pdfium repairs on open is read normally; one pdfium
cannot open is rebuilt by qpdf (``pdf_limits.repair``) and its recovered pages are read.
"""

from __future__ import annotations

import hashlib
import os
import stat

from pipeline.ingest import images, pdf, text
from pipeline.ingest.errors import (
    EmptyFileError,
    FileAccessError,
    NotAPdfError,
    TooManyPagesError,
    UnsupportedTypeError,
)
from pipeline.ingest.quality import is_vietnamese_syllable, pdf_text_layer_quality, text_quality
from pipeline.options import IngestOptions
from pipeline.types import SourceInfo, SourcePage

__all__ = [
    "open_source",
    "load_page",
    "detect_kind",
    "pdf_text_layer_quality",
    "text_quality",
    "is_vietnamese_syllable",
]

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"RIFF")


def _head(path: str) -> tuple[bytes, int]:
    """First KiB and size of a regular, readable file; FileAccessError otherwise."""
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise FileAccessError("is a directory, not a file", path=path)
        if not stat.S_ISREG(st.st_mode):
            raise FileAccessError("is not a regular file", path=path)
        with open(path, "rb") as f:
            return f.read(1024), st.st_size
    except FileAccessError:
        raise
    except OSError as exc:
        raise FileAccessError(f"cannot read the file: {exc.strerror or exc}", path=path) from exc


def detect_kind(path: str) -> str:
    """"pdf", "image" or "text", from the content (and the name for text); raises for bad files."""
    head, size = _head(path)
    if size == 0:
        raise EmptyFileError("the file is empty (0 bytes)", path=path)
    suffix = os.path.splitext(path)[1].lower()
    if suffix in text.TEXT_SUFFIXES:
        return "text"  # decoded strictly later: a binary .txt is a TextEncodingError
    if b"%PDF-" in head:
        return "pdf"
    if suffix == ".pdf":
        found = "an image" if head.startswith(_IMAGE_MAGIC) else "text" if _looks_text(head) else "unknown data"
        raise NotAPdfError(f"named .pdf but it holds {found}, not a PDF (no %PDF- header)", path=path)
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    raise UnsupportedTypeError(f"unsupported file type ({suffix or 'no extension'})", path=path)


def _looks_text(head: bytes) -> bool:
    return b"\x00" not in head


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError as exc:
        raise FileAccessError(f"cannot read the file: {exc.strerror}", path=path) from exc
    return h.hexdigest()


def open_source(path: str | os.PathLike[str], options: IngestOptions | None = None) -> SourceInfo:
    """Validate an input, count its pages and hash it; raises an ingest error with a stable code."""
    options = options or IngestOptions()
    path = os.fspath(path)
    kind = detect_kind(path)
    if kind == "pdf":
        pages = pdf.count_pages(path, options)
    elif kind == "image":
        pages = images.count_frames(path, options)
    else:
        pages = len(text.read_pages(path))
    if pages > options.max_pages:
        raise TooManyPagesError(f"{pages} pages, over ingest.max_pages={options.max_pages}", path=path)
    return SourceInfo(path=path, sha256=_sha256(path), pages=pages, kind=kind)


def load_page(path: str | os.PathLike[str], page_no: int, options: IngestOptions | None = None) -> SourcePage:
    """Load one page (1-based): its image and/or text layer, ready for OCR."""
    options = options or IngestOptions()
    path = os.fspath(path)
    kind = detect_kind(path)
    if kind == "pdf":
        return pdf.load_pdf_page(path, page_no, options)
    if kind == "image":
        return images.load_image_page(path, page_no, options)
    return text.load_text_page(path, page_no, options)
