"""Tesseract in this process (pipeline.ocr.capi) reads exactly what the executable reads."""

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
