"""Legacy text layers (.txt from an old OCR run): decoded strictly, split into pages on form feeds."""

from __future__ import annotations

import codecs
import os
import re
import unicodedata

from pipeline.ingest.errors import FileAccessError, PageNotFoundError, TextEncodingError
from pipeline.options import IngestOptions
from pipeline.types import Line, SourcePage, TextLayer

TEXT_SUFFIXES = (".txt", ".text")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0/C1 controls but \t \n \v \f \r
_cache: dict[str, list[str]] = {}


def bom_encoding(head: bytes) -> str:
    """The codec of a text starting with ``head``: UTF-16/32 by their BOM, else UTF-8 (BOM optional)."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


def encoding_error(encoding: str, offset: int, path: str | None) -> TextEncodingError:
    """The error for a byte that ``encoding`` cannot decode at ``offset``."""
    what = "UTF-8" if encoding == "utf-8-sig" else encoding.upper()
    return TextEncodingError(
        f"the text is not valid {what} (bad byte at offset {offset}); it may be TCVN3, VNI, "
        "Windows-1258 or a binary file",
        path=path,
    )


def decode(data: bytes, path: str) -> str:
    """UTF-8 (BOM optional) or UTF-16/32 with a BOM, NFC; anything else is a clear error."""
    encoding = bom_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise encoding_error(encoding, exc.start, path) from exc
    controls = len(_CONTROLS.findall(text))
    if controls and (controls > 0.01 * len(text) or "\x00" in text):
        raise TextEncodingError(
            f"the file holds {controls} control characters (NUL etc.): it looks binary, not text", path=path
        )
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def split_pages(text: str) -> list[str]:
    """Pages separated by form feeds; a trailing form feed does not make an empty last page."""
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    return pages


def read_pages(path: str) -> list[str]:
    """All pages of a text file (cached per process by path, size and mtime)."""
    try:
        st = os.stat(path)
        key = f"{path}\0{st.st_mtime_ns}\0{st.st_size}"
        if key in _cache:
            return _cache[key]
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise FileAccessError(f"cannot read the file: {exc.strerror}", path=path) from exc
    pages = split_pages(decode(data, path))
    _cache.clear()
    _cache[key] = pages
    return pages


def load_text_page(path: str, page_no: int, options: IngestOptions) -> SourcePage:
    """One page of a legacy text file, as lines without geometry, to be restored."""
    pages = read_pages(path)
    if not 1 <= page_no <= len(pages):
        raise PageNotFoundError(f"page {page_no} does not exist (the text has {len(pages)})", path=path, page_no=page_no)
    text = pages[page_no - 1].strip("\n")
    lines = tuple(Line(line) for line in text.split("\n")) if text else ()
    return SourcePage(page_no, path, 0, 0, options.dpi, None, TextLayer.legacy_ocr, text, lines)
