"""Page time (issue 14): Tesseract in this process (pipeline.ocr.capi) reads exactly what the executable
reads; a well-read table page is not sent to OSD."""

from __future__ import annotations

import time

import numpy as np
import pytest
from ocr_images import PARAGRAPH, render_lines

from pipeline.errors import OcrTimeoutError
from pipeline.ocr import capi, tesseract
from pipeline.ocr.tesseract import Deadline

pytestmark = pytest.mark.skipif(not capi.available("vie"), reason="libtesseract cannot read vie here")


def _gray(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else np.ascontiguousarray(image[:, :, 0])


def _both(fn, *args):  # type: ignore[no-untyped-def]
    saved = tesseract._in_process
    try:
        tesseract._in_process = False
        cli = fn(*args)
        tesseract._in_process = True
        api = fn(*args)
    finally:
        tesseract._in_process = saved
    return cli, api


def test_in_process_words_equal_the_executables() -> None:
    page = _gray(render_lines(PARAGRAPH[:4]))
    cli, api = _both(tesseract.read_words, page, "vie", 3, Deadline(60))
    assert cli and api == cli


def test_in_process_batch_equals_the_executables_list_file() -> None:
    page = _gray(render_lines(PARAGRAPH[:3]))
    h = page.shape[0]
    cells = [page[: h // 2], np.full((40, 60), 255, np.uint8), page[h // 2 :], page[: h // 3, : page.shape[1] // 2]]
    cli, api = _both(tesseract.read_batch, cells, "vie", 6, Deadline(60))
    assert len(api) == len(cells) and api == cli
    assert api[1] == []  # a blank cell reads nothing, and the next cell keeps its own index


def test_in_process_read_past_its_deadline_times_out() -> None:
    page = _gray(render_lines(PARAGRAPH[:2]))
    deadline = Deadline(0.05, page_no=3)
    time.sleep(0.1)
    saved = tesseract._in_process
    tesseract._in_process = True
    try:
        with pytest.raises(OcrTimeoutError):
            tesseract.read_words(page, "vie", 3, deadline)
    finally:
        tesseract._in_process = saved


def test_recheck_confidence_counts_the_table_cells() -> None:
    # An appendix page: one speck outside the table read at confidence 0, the cells read well.
    from pipeline.ocr.engine import RECHECK_CONFIDENCE, _mean_conf
    from pipeline.types import Line, Table, TableCell, Word

    speck = [Line("~", (0, 0, 5, 5), (Word("~", (0, 0, 5, 5), 0.0),), 0.0, 1)]
    cell_line = Line("Sở Tài chính", (10, 10, 90, 30),
                     tuple(Word(t, (10, 10, 30, 30), 0.9) for t in ("Sở", "Tài", "chính")), 0.9, 1)
    table = Table((0, 0, 100, 100), 1, 1, (TableCell(0, 0, "Sở Tài chính", (0, 0, 100, 100), lines=(cell_line,)),))
    assert _mean_conf(speck) < RECHECK_CONFIDENCE
    assert _mean_conf(speck, [table]) >= RECHECK_CONFIDENCE
