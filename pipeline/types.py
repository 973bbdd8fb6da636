"""Frozen records passed between stages.

Stages never import each other; they only share these records.  Every record pickles (pages
travel to worker processes) and carries provenance: the 1-based ``page_no`` and pixel boxes
``(x0, y0, x1, y1)`` in the coordinates of the page image that was OCR'd (at ``dpi``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

BBox = tuple[int, int, int, int]


class Status(StrEnum):
    """Outcome of a parse, as in Docling's ConversionStatus."""

    success = "success"
    partial_success = "partial_success"
    failure = "failure"


class TextLayer(StrEnum):
    """What ingest found as a page's text layer."""

    real = "real"  # a trustworthy born-digital layer: used as is
    absent = "absent"  # no text: the page is OCR'd
    garbage = "garbage"  # a broken scanner layer or legacy 8-bit font text: OCR'd again
    legacy_ocr = "legacy_ocr"  # plain text from an old OCR run (e.g. a .txt input): restored


class RestoreModel(StrEnum):
    """Which restoration model runs (``RestoreOptions.model``, ``--model``)."""

    fast = "fast"  # the n-gram language model
    accurate = "accurate"  # the neural model


class RestoreMode(StrEnum):
    """What the text to restore is (``RestoreOptions.mode``, ``vanban restore --mode``)."""

    auto = "auto"  # decided from the text's word statistics
    stripped = "stripped"  # typed without diacritics
    ocr_eng = "ocr-eng"  # an English-model OCR layer (marks lost, letters garbled)
    ocr_vie = "ocr-vie"  # Tesseract vie output (post-correction only)


class PageMode(StrEnum):
    """Which restoration ran on a page (``RestoredPage.mode``; ``restore_mode`` in the JSON)."""

    none = "none"  # no restoration (switched off, a trusted text layer, an empty page)
    clean = "clean"  # the text was already correct Vietnamese
    stripped = "stripped"
    ocr_eng = "ocr-eng"
    ocr_vie = "ocr-vie"


@dataclass(frozen=True)
class ErrorRecord:
    """A structured error kept in the result instead of raised (stage, page, stable code)."""

    stage: str
    code: str
    message: str
    page_no: int | None = None
    path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "code": self.code,
            "message": self.message,
            "page_no": self.page_no,
            "path": self.path,
        }


@dataclass(frozen=True)
class Word:
    """One OCR word: text (NFC), box, confidence in [0, 1]."""

    text: str
    bbox: BBox
    confidence: float


@dataclass(frozen=True)
class Line:
    """One text line in reading order; ``words`` is empty for text-only sources."""

    text: str
    bbox: BBox | None = None
    words: tuple[Word, ...] = ()
    confidence: float = 1.0
    block_no: int = 0


@dataclass(frozen=True)
class TableCell:
    """One cell of a ruled table, read on its own."""

    row: int
    col: int
    text: str
    bbox: BBox
    row_span: int = 1
    col_span: int = 1
    confidence: float = 1.0
    lines: tuple[Line, ...] = ()  # the OCR lines of the cell, with word boxes on the page (when read)


@dataclass(frozen=True)
class Region:
    """A stamp, seal or hand-writing on a page, kept out of its lines (issue 14): its box on the page
    (the pixels the lines' boxes are in), what OCR read there, and whether a hand-written fill-in the
    text marks "…" could not be read."""

    kind: str  # "stamp", "seal" or "handwriting"
    bbox: BBox
    text: str = ""
    confidence: float = 0.0
    unreadable: bool = False


@dataclass(frozen=True)
class Table:
    """A ruled table grid found on a page."""

    bbox: BBox
    n_rows: int
    n_cols: int
    cells: tuple[TableCell, ...]


@dataclass(frozen=True)
class SourcePage:
    """What ingest hands to OCR: a page image to read, a text layer to trust, or both."""

    page_no: int
    path: str
    width: int = 0  # pixels of ``image`` (0 when there is no image)
    height: int = 0
    dpi: int = 300
    image: Any = None  # numpy uint8 array (H, W) or (H, W, 3), or None
    text_layer: TextLayer = TextLayer.absent
    text: str | None = None  # the text layer when it is real or legacy OCR
    lines: tuple[Line, ...] = ()  # text-layer lines with geometry (born-digital PDFs)
    notes: tuple[str, ...] = ()
    colour: Any = None  # a small RGB render of a PDF page that has colour (seals, pens: issue 14), or None


@dataclass(frozen=True)
class OcrPage:
    """A read page: lines (outside tables) with words, and tables read cell by cell."""

    page_no: int
    width: int
    height: int
    dpi: int
    lines: tuple[Line, ...]
    tables: tuple[Table, ...] = ()
    text_layer: TextLayer = TextLayer.absent
    rotation: int = 0  # degrees the page was turned to read it (0/90/180/270)
    skew: float = 0.0  # degrees of deskew applied
    mean_confidence: float = 1.0
    engine: str = "tesseract"  # "tesseract", "text_layer" or "text"
    regions: tuple[Region, ...] = ()  # stamps, seals, hand-writing kept out of ``lines``

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Token:
    """A restored token: where it sits in the restored text, what it was, how sure we are."""

    text: str
    original: str
    start: int
    end: int
    confidence: float
    changed: bool


@dataclass(frozen=True)
class PageImage:
    """A small JPEG of a page as it was read (turned and deskewed like the OCR saw it), for review.

    ``width`` and ``height`` are the JPEG's pixels; boxes of the page (in ``OcrPage.width`` x
    ``OcrPage.height`` pixels) scale onto it.
    """

    jpeg: bytes
    width: int
    height: int


@dataclass(frozen=True)
class RestoredPage:
    """An OCR page after restoration; lines and cells keep their geometry, text is corrected."""

    page: OcrPage
    lines: tuple[Line, ...]
    tables: tuple[Table, ...]
    tokens: tuple[Token, ...] = ()
    mode: str = PageMode.none  # a PageMode value (the restore stage may hand back the plain string)
    image: PageImage | None = None  # kept only with ParseOptions.page_images (the review page)

    @property
    def page_no(self) -> int:
        return self.page.page_no

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class StageTiming:
    stage: str
    seconds: float


@dataclass(frozen=True)
class SourceInfo:
    path: str
    sha256: str
    pages: int
    kind: str  # "pdf", "image", "text"
