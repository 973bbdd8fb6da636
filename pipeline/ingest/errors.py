"""Ingest errors: one class (and one stable code) per kind of bad input.

They subclass the shared ``InputFileError`` (exit code 2) or ``FileAccessError`` /
``EncryptedPdfError`` from ``pipeline.errors``, so callers that catch those keep working.
The table of codes is in the docstring of ``pipeline.ingest``.
"""

from __future__ import annotations

from pipeline.errors import EncryptedPdfError, FileAccessError, InputFileError

__all__ = [
    "EncryptedPdfError",
    "FileAccessError",
    "EmptyFileError",
    "NotAPdfError",
    "CorruptPdfError",
    "NoPagesError",
    "ImageTooLargeError",
    "UnsupportedTypeError",
    "TooManyPagesError",
    "TextEncodingError",
    "CorruptImageError",
    "PageRenderError",
    "PageTooSmallError",
    "PageNotFoundError",
]


class EmptyFileError(InputFileError):
    code = "VB103"
    hint = "The file has 0 bytes; copy it again from its source."


class NotAPdfError(InputFileError):
    code = "VB104"
    hint = "The name ends in .pdf but the content is not a PDF; rename it to its real type or re-export it."


class CorruptPdfError(InputFileError):
    code = "VB105"
    hint = "The PDF is damaged or truncated; re-download it or repair it (e.g. `qpdf in.pdf out.pdf`)."


class NoPagesError(InputFileError):
    code = "VB106"
    hint = "The PDF has no pages to read; check that it was exported completely."


class ImageTooLargeError(InputFileError):
    code = "VB107"
    hint = "Scale the image down or raise ingest.max_image_pixels if you trust the file."


class UnsupportedTypeError(InputFileError):
    code = "VB108"
    hint = "Supported inputs: PDF, PNG, JPEG, TIFF, BMP, WebP images and UTF-8/UTF-16 .txt files."


class TooManyPagesError(InputFileError):
    code = "VB109"
    hint = "Split the document or raise ingest.max_pages."


class TextEncodingError(InputFileError):
    code = "VB111"
    hint = "Save the text as UTF-8 (or UTF-16 with a byte-order mark), e.g. `iconv -f CP1258 -t UTF-8`."


class CorruptImageError(InputFileError):
    code = "VB112"
    hint = "The image (or this frame of it) is damaged; rescan or re-export it."


class PageRenderError(InputFileError):
    code = "VB113"
    hint = "This PDF page could not be read; the other pages are kept. Repair the PDF and retry."


class PageTooSmallError(InputFileError):
    code = "VB114"
    hint = "The page image is too small to hold readable text; rescan it at 150-300 DPI."


class PageNotFoundError(InputFileError):
    code = "VB115"
    hint = "Ask for a page between 1 and the number of pages of the document."
