"""An OCRmyPDF plugin: vanban's OCR and Vietnamese restoration as OCRmyPDF's OCR engine.

    ocrmypdf --plugin pipeline.ocrmypdf_plugin -l vie --sidecar out.txt in.pdf out.pdf

OCRmyPDF keeps doing what archivists rely on it for (rasterising, PDF/A, optimisation, metadata);
for each page it asks this engine for the page's words, which vanban reads its own way: the page of
the input file rendered and cleaned up as ``vanban parse`` does it, tables read cell by cell, then
diacritic restoration and OCR-garble repair, so the text is the text ``vanban parse`` gives.  The
words of the text layer are the restored words, each on its OCR box (mapped back onto the page image
OCRmyPDF rasterised), so search and selection land on the right words; ``--sidecar`` gets the
restored text, lines and table rows in the order ``vanban parse --text`` writes them.  OCRmyPDF's
image filters (``--clean``, ``--remove-background``) therefore do not change what vanban reads.

Options: ``--vanban-model fast|accurate`` (restoration model) and ``--vanban-no-restore`` (keep the
OCR reading).  With ``--ocr-engine tesseract`` OCRmyPDF's own Tesseract engine is used instead.
Like any OCRmyPDF engine it runs in OCRmyPDF's worker processes, one page at a time.
"""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from ocrmypdf import hookimpl
from ocrmypdf.exceptions import MissingDependencyError
from ocrmypdf.pluginspec import OcrEngine, OrientationConfidence

DEFAULT_TIMEOUT = 180.0
log = logging.getLogger(__name__)


def _parse_options(options: Any) -> dict[str, Any]:
    langs = [lang for lang in (getattr(options, "languages", None) or ["vie"]) if lang]
    return {
        "jobs": 1,
        "executor": "serial",  # OCRmyPDF already runs one page per worker
        "ocr": {"lang": "+".join(langs), "timeout_per_page": DEFAULT_TIMEOUT},
        "restore": {
            "enabled": not getattr(options, "vanban_no_restore", False),
            "model": getattr(options, "vanban_model", None) or "fast",
        },
    }


def _original(options: Any) -> str | None:
    """The input file OCRmyPDF was given, when vanban can open it itself (not stdin)."""
    src = getattr(options, "input_file", None)
    if src is None or str(src) == "-" or not os.path.isfile(src):
        return None
    return str(src)


def read_page(image: Path, options: Any, page_number: int | None = None) -> tuple[bytes, str]:
    """hOCR (boxes on ``image``) and the restored text of one page.

    With ``page_number`` (0-based) vanban reads that page of OCRmyPDF's input file exactly as
    ``vanban parse`` does (same rendering, same clean-up), so the text is the same as its text;
    the boxes are scaled onto ``image``, the page as OCRmyPDF rasterised it.  Without it, or when
    the input is not a file, the page image itself is read.
    """
    from PIL import Image

    from pipeline import __version__
    from pipeline.export.hocr import empty_page_hocr, page_hocr
    from pipeline.options import ParseOptions
    from pipeline.result import page_text
    from pipeline.runner import process_page

    with Image.open(image) as im:
        size = im.size
        dpi = float((im.info.get("dpi") or (300, 300))[0])
    original = _original(options) if page_number is not None else None
    src, page_no = (original, (page_number or 0) + 1) if original else (str(image), 1)
    outcome = process_page(src, page_no, ParseOptions.from_dict(_parse_options(options)))
    for err in outcome.errors:
        log.warning("vanban: %s", err.message)
    software = f"vanban {__version__}"
    page = outcome.page
    if page.page.width <= 0 or not (page.lines or page.tables):
        return empty_page_hocr(size, dpi, software), ""
    return page_hocr(page, image.name, software, size=size), page_text(page)


class VanbanOcrEngine(OcrEngine):
    """vanban as an OCRmyPDF OCR engine (hOCR path: OCRmyPDF renders the text layer)."""

    @staticmethod
    def version() -> str:
        from pipeline import __version__

        return __version__

    @staticmethod
    def creator_tag(options: Any) -> str:
        from pipeline import __version__

        return f"vanban {__version__} (Tesseract + Vietnamese restoration)"

    def __str__(self) -> str:
        return f"vanban {self.version()}"

    @staticmethod
    def languages(options: Any) -> set[str]:
        import pytesseract

        try:
            return set(pytesseract.get_languages(config="")) - {"osd"}
        except Exception as exc:  # noqa: BLE001 - any failure here means Tesseract is unusable
            raise MissingDependencyError(f"vanban needs Tesseract with the vie language: {exc}") from exc

    @staticmethod
    def get_orientation(input_file: Path, options: Any) -> OrientationConfidence:
        return OrientationConfidence(angle=0, confidence=0.0)  # vanban turns pages itself, per page

    @staticmethod
    def get_deskew(input_file: Path, options: Any) -> float:
        return 0.0  # vanban deskews itself and maps its boxes back onto the image given

    @staticmethod
    def supports_generate_ocr() -> bool:
        return True  # the modern path: it says which page this is, so vanban can read the page itself

    @staticmethod
    def generate_ocr(input_file: Path, options: Any, page_number: int = 0) -> tuple[Any, str]:
        from ocrmypdf.hocrtransform import HocrParser

        hocr, text = read_page(Path(input_file), options, page_number)
        with tempfile.TemporaryDirectory(prefix="vanban-hocr-") as tmp:
            path = Path(tmp) / "page.hocr"
            path.write_bytes(hocr)
            tree = HocrParser(path).parse()
        tree.page_number = page_number
        return tree, text + "\n" if text else ""

    @staticmethod
    def generate_hocr(input_file: Path, output_hocr: Path, output_text: Path, options: Any) -> None:
        hocr, text = read_page(Path(input_file), options)
        Path(output_hocr).write_bytes(hocr)
        Path(output_text).write_text(text + "\n" if text else "", encoding="utf-8")

    @staticmethod
    def generate_pdf(input_file: Path, output_pdf: Path, output_text: Path, options: Any) -> None:
        raise NotImplementedError("vanban gives hOCR: use --pdf-renderer auto or fpdf2, not sandwich")


@hookimpl
def add_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("vanban", "Vietnamese OCR and restoration by vanban")
    group.add_argument("--vanban-model", choices=("fast", "accurate"), default="fast",
                       help="restoration model (default: fast)")
    group.add_argument("--vanban-no-restore", action="store_true", help="keep the OCR reading, no restoration")


@hookimpl
def check_options(options: Any) -> None:
    if getattr(options, "pdf_renderer", "auto") == "sandwich":
        from ocrmypdf.exceptions import BadArgsError

        raise BadArgsError("the vanban engine gives hOCR; --pdf-renderer sandwich is not supported")


@hookimpl
def get_ocr_engine(options: Any) -> OcrEngine | None:
    if options is not None and getattr(options, "ocr_engine", "auto") != "auto":
        return None  # --ocr-engine tesseract / none: leave it to OCRmyPDF's own engines
    return VanbanOcrEngine()
