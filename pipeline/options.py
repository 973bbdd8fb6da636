"""One frozen, validated options object per stage, plus the parse options that hold them.

Every options class accepts a plain dict (``ParseOptions.from_dict({...})``) and names the valid
range of a bad value in its error, as pdfplumber's settings do.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, TypeVar

from pipeline.errors import InvalidConfigError
from pipeline.types import RestoreMode, RestoreModel

T = TypeVar("T")


def _check_range(name: str, value: float, lo: float, hi: float) -> None:
    # A string or None where a number belongs is an option error too, never a TypeError.
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise InvalidConfigError(f"{name}={value!r} is not a number; valid: {lo}..{hi}")
    if not lo <= value <= hi:
        raise InvalidConfigError(f"{name}={value!r} is out of range; valid: {lo}..{hi}")


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if not isinstance(value, str) or value not in choices:
        raise InvalidConfigError(f"{name}={value!r} is not valid; choose one of {', '.join(choices)}")


def _from_dict(cls: type[T], data: dict[str, Any] | T | None) -> T:
    if data is None:
        return cls()
    if isinstance(data, cls):
        return data
    if not isinstance(data, dict):
        raise InvalidConfigError(f"{cls.__name__} must be a dict or {cls.__name__}, not {type(data).__name__}")
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(data) - known)
    if unknown:
        raise InvalidConfigError(
            f"unknown {cls.__name__} option(s) {', '.join(unknown)}; valid: {', '.join(sorted(known))}"
        )
    return cls(**data)


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are opened and rasterized."""

    dpi: int = 300  # rasterization resolution for PDF pages without a usable text layer
    max_pages: int = 2000  # refuse larger documents instead of running for days
    max_image_pixels: int = 200_000_000  # decompression-bomb guard (pixels per page image)
    password: str | None = None  # for encrypted PDFs whose password the user knows
    force_ocr: bool = False  # OCR every page even when a real text layer exists

    def __post_init__(self) -> None:
        _check_range("ingest.dpi", self.dpi, 72, 600)
        _check_range("ingest.max_pages", self.max_pages, 1, 100_000)
        _check_range("ingest.max_image_pixels", self.max_image_pixels, 1_000_000, 2_000_000_000)


@dataclass(frozen=True)
class OcrOptions:
    """Image clean-up and Tesseract settings."""

    lang: str = "vie"
    timeout_per_page: float = 180.0  # seconds; a timed-out page becomes empty plus an error
    rotate: bool = True  # detect 90/180/270 degree orientation (Tesseract OSD)
    deskew: bool = True
    denoise: bool = True
    binarize: bool = True
    remove_borders: bool = True
    tables: bool = True  # detect ruled grids and read each cell on its own
    header_columns: bool = True  # read a two-column header (authority | motto) as two columns
    psm: int = 3  # Tesseract page segmentation mode for the page body
    # Read lines with a word below 0.5 confidence again with the best_int vie model and keep the
    # surer reading of each unsure word (pipeline/ocr/second.py; docs/bench/recognisers.md).
    reread_unsure: bool = False

    def __post_init__(self) -> None:
        _check_range("ocr.timeout_per_page", self.timeout_per_page, 1, 3600)
        _check_range("ocr.psm", self.psm, 0, 13)
        if not self.lang or any(c not in "abcdefghijklmnopqrstuvwxyz_+" for c in self.lang):
            raise InvalidConfigError(f"ocr.lang={self.lang!r} is not a Tesseract language list like 'vie' or 'vie+eng'")


@dataclass(frozen=True)
class RestoreOptions:
    """Diacritic restoration and OCR post-correction."""

    enabled: bool = True
    model: RestoreModel = RestoreModel.fast  # the strings "fast" and "accurate" are accepted too
    mode: RestoreMode = RestoreMode.auto  # "auto", "stripped", "ocr-eng", "ocr-vie" accepted too
    # Post-correction of Tesseract vie output touches a token freely only when OCR was unsure of
    # it (below this).  In train-split vie pairs 0.8 % of words at >= 0.9 were wrong but 19.7 %
    # of those at 0.8-0.9; on the dev-split sets 0.9 gave 727 character edits against 0.8's 732.
    ocr_confidence_threshold: float = 0.90
    # The models folder; None: the VANBAN_MODELS environment variable, then the models shipped in
    # the installed package, then the checkout's models/ (``pipeline.modelstore``).
    models_dir: str | None = None

    def __post_init__(self) -> None:
        _check_choice("restore.model", self.model, tuple(m.value for m in RestoreModel))
        _check_choice("restore.mode", self.mode, tuple(m.value for m in RestoreMode))
        object.__setattr__(self, "model", RestoreModel(self.model))
        object.__setattr__(self, "mode", RestoreMode(self.mode))
        _check_range("restore.ocr_confidence_threshold", self.ocr_confidence_threshold, 0.0, 1.0)


@dataclass(frozen=True)
class StructureOptions:
    """Structural parsing of the ordered pages, and the layout thresholds it reads geometry with.

    Widths are shares of the page width, heights shares of the median line height of the page.
    The defaults are the values the golden files and the structure benchmark were made with.
    """

    enabled: bool = True
    # A horizontal gap between two words wider than this splits a line into two column segments
    # (the authority and the motto of a header read as one line).
    column_gap: float = 0.05
    # Two segments of one column on one row closer than this are one ("Số:" and "/TB-UBND").
    join_gap: float = 0.08
    # A segment whose centre lies within this of the page's centre spans the middle (a title).
    center_band: float = 0.06
    # A segment ending before this is in the left column; one starting after right_column_start
    # is in the right column; anything else spans the middle.
    left_column_end: float = 0.55
    right_column_start: float = 0.45
    # A first-line indent starts between indent_min and indent_max right of the text's left edge.
    indent_min: float = 0.02
    indent_max: float = 0.12
    # A line ending more than this before the text's right edge is short (a paragraph ends).
    short_line_inset: float = 0.15
    # A centered line: its left and right insets differ by less than centered_balance, and its left
    # inset is over centered_min_inset (a full-width line is not centered).
    centered_balance: float = 0.04
    centered_min_inset: float = 0.01
    # Line heights: tops closer than same_row are one visual row; a vertical gap over
    # paragraph_gap between rows is a blank line.
    same_row: float = 0.5
    paragraph_gap: float = 0.9
    # Plain text (no geometry): a line shorter than this share of a typical full line is short.
    text_short_line: float = 0.7

    def __post_init__(self) -> None:
        for name in ("column_gap", "join_gap", "center_band", "left_column_end", "right_column_start",
                     "indent_min", "indent_max", "short_line_inset", "centered_balance",
                     "centered_min_inset", "text_short_line"):
            _check_range(f"structure.{name}", getattr(self, name), 0.0, 1.0)
        _check_range("structure.same_row", self.same_row, 0.0, 5.0)
        _check_range("structure.paragraph_gap", self.paragraph_gap, 0.0, 5.0)
        if self.indent_min > self.indent_max:
            raise InvalidConfigError(
                f"structure.indent_min={self.indent_min!r} is over structure.indent_max={self.indent_max!r}"
            )


@dataclass(frozen=True)
class CitationOptions:
    """Citation finding and checking."""

    enabled: bool = True


@dataclass(frozen=True)
class ParseOptions:
    """Everything ``pipeline.parse`` needs: the executor and one options object per stage."""

    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    executor: str = "process"  # "process" (a pool of worker processes) or "serial" (tests)
    # Keep a small JPEG of every page as it was read in the result (RestoredPage.image), rendered
    # once in the worker that reads the page: what the review page (--html) shows.
    page_images: bool = False
    ingest: IngestOptions = field(default_factory=IngestOptions)
    ocr: OcrOptions = field(default_factory=OcrOptions)
    restore: RestoreOptions = field(default_factory=RestoreOptions)
    structure: StructureOptions = field(default_factory=StructureOptions)
    citations: CitationOptions = field(default_factory=CitationOptions)

    def __post_init__(self) -> None:
        _check_range("jobs", self.jobs, 1, 256)
        _check_choice("executor", self.executor, ("process", "serial"))
        if not isinstance(self.page_images, bool):
            raise InvalidConfigError(f"page_images={self.page_images!r} is not valid; choose true or false")

    @classmethod
    def from_dict(cls, data: dict[str, Any] | ParseOptions | None) -> ParseOptions:
        """Build from a nested dict such as ``{"jobs": 2, "ocr": {"lang": "vie"}}``."""
        if data is None:
            return cls()
        if isinstance(data, ParseOptions):
            return data
        if not isinstance(data, dict):
            raise InvalidConfigError(f"options must be a dict or ParseOptions, not {type(data).__name__}")
        nested = {
            "ingest": IngestOptions,
            "ocr": OcrOptions,
            "restore": RestoreOptions,
            "structure": StructureOptions,
            "citations": CitationOptions,
        }
        flat = {k: v for k, v in data.items() if k not in nested}
        parts = {k: _from_dict(c, data.get(k)) for k, c in nested.items()}  # type: ignore[arg-type]
        base = _from_dict(cls, flat)
        return replace(base, **parts)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
