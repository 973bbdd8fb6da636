"""The OCR stage: one engine per worker process, ``read(SourcePage) -> OcrPage`` per page.

``PageReader`` is the seam (as OCRmyPDF's ``OcrEngine`` plugin hook): the runner builds its engine
with ``make_engine``, which is Tesseract (``OcrEngine``) unless ``use_engine`` installed another
factory, as the unit tests do with engine fakes (tests/ocr/engine_fakes.py: no-op, crashing,
recorded output).  The real engine is exercised by the integration tests.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Protocol, runtime_checkable

import cv2
import numpy as np

from pipeline.errors import OcrError
from pipeline.ocr import header, orientation, preprocess, regions, second, tables, tesseract
from pipeline.ocr.tesseract import Deadline
from pipeline.options import OcrOptions
from pipeline.types import Line, OcrPage, Region, SourcePage, Table, TextLayer

# Median filtering only where specks are common: on clean pages it thins strokes and costs CER.
NOISY_SPECK_SHARE = 0.35
MIN_DESKEW = 0.3
# Below this mean word confidence the page may be upside down: ask OSD and compare.
RECHECK_CONFIDENCE = 0.6


@runtime_checkable
class PageReader(Protocol):
    """An OCR engine: one page in, one ``OcrPage`` out.

    It raises ``OcrError`` (or ``OcrTimeoutError``) for a page it cannot read; the runner records
    any exception as that page's error and goes on with an empty page.
    """

    def read(self, page: SourcePage) -> OcrPage: ...


EngineFactory = Callable[[OcrOptions], PageReader]
_factory: EngineFactory | None = None


def make_engine(options: OcrOptions | None = None) -> PageReader:
    """The engine the OCR stage reads with: Tesseract, or the factory ``use_engine`` installed."""
    return (_factory or OcrEngine)(options or OcrOptions())


@contextmanager
def use_engine(factory: EngineFactory) -> Iterator[None]:
    """Within the block, ``make_engine(options)`` is ``factory(options)`` in this process (and in
    the page workers it forks).  Engines are cached per process: callers that already parsed must
    let the runner build its engine again."""
    global _factory
    previous, _factory = _factory, factory
    try:
        yield
    finally:
        _factory = previous


class OcrEngine:
    """Reads pages: trusts a real text layer, passes legacy text through, OCRs images with Tesseract."""

    def __init__(self, options: OcrOptions | None = None, *, tesseract_cmd: str | None = None) -> None:
        self.options = options or OcrOptions()
        tesseract.single_thread_env()
        langs = tesseract.check_available(self.options.lang, tesseract_cmd)
        self.has_osd = "osd" in langs

    def read(self, page: SourcePage) -> OcrPage:
        """One page in, one OcrPage out; raises OcrError / OcrTimeoutError for the runner to record."""
        if page.text_layer is TextLayer.real and (page.lines or page.text):
            return _from_text_layer(page)
        if page.text_layer is TextLayer.legacy_ocr and page.text is not None:
            return _from_text(page)
        if page.image is None:
            raise OcrError("the page has no image and no usable text layer", path=page.path, page_no=page.page_no)
        deadline = Deadline(self.options.timeout_per_page, page.page_no, page.path)
        return self._read_image(page, deadline)

    def _read_image(self, page: SourcePage, deadline: Deadline) -> OcrPage:
        opts = self.options
        gray = preprocess.to_gray(page.image)
        inv = preprocess.ink_mask(gray)
        if float(cv2.meanStdDev(gray)[1][0, 0]) < 2 or not inv.any():  # a blank page: nothing to read
            return _page(page, gray.shape, [], [], 0, 0.0)
        labels, stats = preprocess.components(inv)
        char_h = preprocess.text_height(stats, gray.shape[0])
        # Fine specks (1-3 px) go with a median filter; coarser grain (a low-resolution scan rendered
        # large), which the median leaves, with despeckling.
        noisy = "fine" if preprocess.noise_level(stats) > NOISY_SPECK_SHARE else (
            "grainy" if preprocess.noise_level(stats, char_h) > NOISY_SPECK_SHARE else "")
        # Seals and colour stamps painted over, pen strokes and scribbles noted (pipeline/ocr/regions.py).
        colour = regions.colour_regions(page.colour if page.colour is not None else page.image, char_h, gray.shape[:2])
        marks = list(colour.regions) + regions.scribbles(stats, char_h, gray.shape[1], inv)
        if colour.paint is not None:
            gray, inv = regions.paint_over(gray, colour.paint), np.where(colour.paint > 0, 0, inv).astype(np.uint8)
            marks += regions.scribbles_near(inv, [r.bbox for r in colour.regions if r.kind != "handwriting"], char_h)
        if opts.remove_borders:
            gray, inv = preprocess.remove_borders(gray, inv, labels, stats)
        del labels
        # Enlarge low-resolution pages first: OSD and Tesseract both misread small letters.
        scale = preprocess.upscale_factor(char_h)
        if scale != 1.0:
            gray = preprocess.resize(gray, scale)
            inv = preprocess.ink_mask(gray)
        rotate, asked = 0, False
        if opts.rotate:
            rotate, asked = orientation.detect(gray, inv, deadline, use_osd=self.has_osd)
            gray, inv = orientation.turn(gray, rotate), orientation.turn(inv, rotate)
            if rotate in (90, 270):  # letter heights were measured sideways
                char_h = preprocess.text_height(preprocess.components(inv)[1], inv.shape[0]) / scale
        gray, inv, skew = self._deskew(gray, inv)
        lines, found = self._ocr(gray, inv, char_h, scale, noisy, deadline)
        if opts.rotate and _mean_conf(lines, found) < RECHECK_CONFIDENCE:
            # Upside-down text reads as low-confidence junk: ask OSD (or, if it was asked, try the
            # other way up) and keep whichever reading Tesseract is surer of.
            again = orientation.osd_rotation(gray, deadline) if self.has_osd and not asked else 180
            if again:
                g2, i2 = orientation.turn(gray, again), orientation.turn(inv, again)
                g2, i2, skew2 = self._deskew(g2, i2)
                lines2, found2 = self._ocr(g2, i2, char_h, scale, noisy, deadline)
                if _mean_conf(lines2, found2) > _mean_conf(lines, found):
                    # g2 was turned from the page already deskewed by `skew`: the two add up
                    gray, inv, lines, found, skew = g2, i2, lines2, found2, skew + skew2
                    rotate = (rotate + again) % 360
        if opts.reread_unsure:
            lines, found = second.reread(gray, scale, lines, found, deadline)
        # Boxes are reported in the pixels of the turned, deskewed page at its original resolution.
        base_shape = (int(round(gray.shape[0] / scale)), int(round(gray.shape[1] / scale)))
        lines, marks = _regions(lines, found, marks, inv, char_h, scale, rotate, page.image)
        return _page(page, base_shape, lines, found, rotate, skew, marks)

    def _deskew(self, gray: np.ndarray, inv: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
        if not self.options.deskew:
            return gray, inv, 0.0
        skew = preprocess.estimate_skew(inv)
        if abs(skew) < MIN_DESKEW:  # below this, rotating blurs more than it straightens
            return gray, inv, 0.0
        return preprocess.rotate(gray, skew, 255), preprocess.rotate(inv, skew, 0), skew

    def _ocr(
        self, gray: np.ndarray, inv: np.ndarray, char_h: float, scale: float, noisy: str, deadline: Deadline
    ) -> tuple[list[Line], list[Table]]:
        opts = self.options
        work = gray
        grainy = opts.denoise and noisy == "grainy"
        cells_from: np.ndarray | None = None  # the image table cells are cut from, when not ``work``
        unfiltered: np.ndarray | None = None  # a grainy page before its cells' median
        if opts.denoise and noisy == "fine":
            work = preprocess.denoise(work)
        elif grainy:
            work = preprocess.despeckle(work, inv, char_h * scale)
            # The grain left on the letters goes with a median as wide as the grain (5 px on a
            # 150 dpi scan rendered at 300 dpi) for the page's text; cells, thresholded one by one,
            # get 3 px (5 px thinned a "1" in a cell's symbol to nothing: "136/2021" -> "J 36/2021"),
            # and a cell whose symbol the median still broke is read again without it
            # (``tables.read_tables``' ``unfiltered``).
            unfiltered = work
            cells_from = preprocess.denoise(work, 3)
            work = preprocess.denoise(work, preprocess.grain_filter_size(char_h * scale))
        despeckled = work
        if opts.binarize:
            work = preprocess.binarize(work)
            cells_from = None if cells_from is None else preprocess.binarize(cells_from)
            unfiltered = None if unfiltered is None else preprocess.binarize(unfiltered)
        found: list[Table] = []
        offset = (0, 0)
        ink = inv
        if opts.tables:
            grids, rules = tables.find_grids(inv, char_h * scale)
            if grids:
                found = tables.read_tables(work if cells_from is None else cells_from, rules, grids, opts.lang,
                                           deadline, scale, char_h * scale or 30.0, unfiltered)
                work = tables.mask_out(work, grids)
                ink = tables.mask_out_ink(inv, grids)
                # Tesseract's cost per page grows with its area even where it is blank: read only
                # the part of the page that still has text once the tables are whitened.
                # On a grainy page the grain's clusters pass for letters in the ink mask and the
                # box grew to the whole page (read by psm 3, slower, and a title's "276" came back
                # "2376" among the specks): the letters are looked for on the despeckled page.
                outside_ink = preprocess.ink_mask(despeckled) if grainy else inv
                box = tables.text_outside(outside_ink, grids, char_h * scale or 30.0)
                if box is None:
                    return [], found
                x0, y0, x1, y1 = box
                work, ink = work[y0:y1, x0:x1], ink[y0:y1, x0:x1]
                offset = (x0, y0)
        return self._read_text(work, ink, char_h * scale, scale, offset, deadline), found

    def _read_text(
        self, work: np.ndarray, ink: np.ndarray, char_h: float, scale: float, offset: tuple[int, int],
        deadline: Deadline,
    ) -> list[Line]:
        """Read the page's text (tables whitened): rules under headings erased, a two-column header
        read as two images (one Tesseract process for all the parts).  ``offset`` is where ``work``
        sits on the (upscaled) page."""
        opts = self.options
        rules = header.underlines(ink, char_h)
        if rules.any():
            work = work.copy()
            work[rules > 0] = tables.paper_tone(work)
            ink = ink.copy()
            ink[rules > 0] = 0
        split = header.find_header(ink, char_h) if opts.header_columns else None
        if split is None:
            words = tesseract.read_words(work, opts.lang, opts.psm, deadline)
            return tesseract.words_to_lines(words, scale, _at(offset, 0, 0, scale))
        g, y0, y1 = split.gutter, split.y0, split.y1
        parts = [(0, y0, g, y1), (g, y0, work.shape[1], y1)]
        if y1 < work.shape[0]:
            parts.append((0, y1, work.shape[1], work.shape[0]))
        found = tesseract.read_batch([work[b:d, a:c] for a, b, c, d in parts], opts.lang, opts.psm, deadline)
        head: list[Line] = []
        rest: list[Line] = []
        for k, ((a, b, _, _), ws) in enumerate(zip(parts, found, strict=True)):
            lines = tesseract.words_to_lines(ws, scale, _at(offset, a, b, scale), block_base=100 * k)
            (head if k < 2 else rest).extend(lines)
        return header.reading_order(head, char_h / scale) + rest


def _at(offset: tuple[int, int], x: int, y: int, scale: float) -> tuple[int, int]:
    """Where a part at (x, y) of the (upscaled) work image sits on the page at its own resolution."""
    return int(round((offset[0] + x) / scale)), int(round((offset[1] + y) / scale))


def _regions(
    lines: list[Line], found: list[Table], marks: list[Region], inv: np.ndarray, char_h: float,
    scale: float, rotate: int, image: np.ndarray | None,
) -> tuple[list[Line], list[Region]]:
    """The lines without what stamps, seals and hand-writing put on them, and those regions (found
    on the page before it was turned: their boxes are turned with it)."""
    if rotate and image is not None and marks:
        shape = (int(image.shape[0]), int(image.shape[1]))
        marks = [replace(r, bbox=regions.turn_box(r.bbox, shape, rotate)) for r in marks]
    avoid = [regions.scale_box(t.bbox, scale) for t in found]
    frames = [regions.scale_box(b, 1 / scale) for b in regions.find_frames(inv, char_h * scale, avoid)]
    avoid_page = [t.bbox for t in found] + frames
    marks = [r for r in marks if r.confidence >= 0 or not any(regions.overlap(r.bbox, b) > 0.5 for b in avoid_page)]
    stamps = regions.confirm_frames(lines, frames)
    lines, marks = regions.separate(lines, stamps + marks, strict=len(stamps), margin=0.75 * char_h)
    lines, unread = regions.header_slots(lines, inv, scale, char_h)
    return lines, marks + unread


def _mean_conf(lines: list[Line], found: Sequence[Table] = ()) -> float:
    """Mean word confidence of the page's read: its lines and its table cells' words.

    The cells count: on an appendix page the text outside the table may be a few specks read
    at confidence 0, and the page's lines alone sent a well-read table page to OSD (~1.5 s)."""
    confs = [w.confidence for line in lines for w in line.words]
    confs += [w.confidence for t in found for c in t.cells for line in c.lines for w in line.words]
    return float(np.mean(confs)) if confs else 1.0


def _page(
    page: SourcePage, shape: tuple[int, ...], lines: list[Line], found: list[Table], rotate: int, skew: float,
    marks: list[Region] | None = None,
) -> OcrPage:
    confs = [w.confidence for line in lines for w in line.words]
    confs += [c.confidence for t in found for c in t.cells if c.text]
    return OcrPage(
        page_no=page.page_no,
        width=int(shape[1]),
        height=int(shape[0]),
        dpi=page.dpi,
        lines=tuple(lines),
        tables=tuple(found),
        text_layer=page.text_layer,
        rotation=rotate,
        skew=skew,
        mean_confidence=float(np.mean(confs)) if confs else 0.0,
        engine="tesseract",
        regions=tuple(marks or ()),
    )


def _from_text_layer(page: SourcePage) -> OcrPage:
    lines = page.lines
    if not lines:
        lines = tuple(Line(unicodedata.normalize("NFC", t)) for t in (page.text or "").splitlines())
    else:
        lines = tuple(
            line if unicodedata.is_normalized("NFC", line.text) else
            Line(unicodedata.normalize("NFC", line.text), line.bbox, line.words, line.confidence, line.block_no)
            for line in lines
        )
    return OcrPage(page.page_no, page.width, page.height, page.dpi, lines, (), page.text_layer,
                   mean_confidence=1.0, engine="text_layer")


def _from_text(page: SourcePage) -> OcrPage:
    text = unicodedata.normalize("NFC", page.text or "")
    lines = tuple(Line(t, None, (), 1.0, 0) for t in text.splitlines())
    return OcrPage(page.page_no, page.width, page.height, page.dpi, lines, (), page.text_layer,
                   mean_confidence=1.0, engine="text")
