"""The OCR engine with the real Tesseract on small rendered pages, plus its error paths."""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from ocr_images import PARAGRAPH, TABLE, cer, render_lines, render_table
from PIL import Image

from pipeline.errors import MissingDependencyError, OcrError, OcrTimeoutError
from pipeline.ocr import OcrEngine
from pipeline.ocr.debug import draw, save_debug_png
from pipeline.options import OcrOptions
from pipeline.types import Line, SourcePage, TextLayer, Word


def page_of(image: np.ndarray, page_no: int = 1) -> SourcePage:
    return SourcePage(page_no, "test.png", image.shape[1], image.shape[0], 300, image)


def test_paragraph_is_read_with_low_cer_words_and_confidences(engine: OcrEngine) -> None:
    page = engine.read(page_of(render_lines(PARAGRAPH)))
    assert page.engine == "tesseract"
    assert cer(page.text, "\n".join(PARAGRAPH)) < 0.03
    assert len(page.lines) == len(PARAGRAPH)
    assert unicodedata.is_normalized("NFC", page.text)
    words = [w for line in page.lines for w in line.words]
    assert len(words) >= 50
    assert all(0.0 <= w.confidence <= 1.0 for w in words)
    assert 0.8 < page.mean_confidence <= 1.0
    # Lines come top to bottom with boxes inside the page.
    tops = [line.bbox[1] for line in page.lines if line.bbox]
    assert tops == sorted(tops)
    assert all(0 <= w.bbox[0] < w.bbox[2] <= page.width and 0 <= w.bbox[1] < w.bbox[3] <= page.height for w in words)


@pytest.mark.parametrize("turned", [90, 180])
def test_turned_page_comes_out_upright(engine: OcrEngine, turned: int) -> None:
    upright = render_lines(PARAGRAPH[:3])
    image = np.ascontiguousarray(np.rot90(upright, turned // 90))  # turned counter-clockwise
    page = engine.read(page_of(image))
    assert page.rotation == turned  # degrees it was turned clockwise to read it
    assert (page.width, page.height) == (upright.shape[1], upright.shape[0])
    assert cer(page.text, "\n".join(PARAGRAPH[:3])) < 0.05


def test_skewed_page_is_deskewed(engine: OcrEngine) -> None:
    upright = Image.fromarray(render_lines(PARAGRAPH, width=1800))
    skewed = np.asarray(upright.rotate(3.0, expand=True, fillcolor=255, resample=Image.BICUBIC))
    page = engine.read(page_of(skewed))
    assert page.skew == pytest.approx(-3.0, abs=0.4)
    assert cer(page.text, "\n".join(PARAGRAPH)) < 0.05


def test_ruled_table_is_read_cell_by_cell(engine: OcrEngine) -> None:
    image, (x0, y0, x1, y1) = render_table()
    page = engine.read(page_of(image))
    assert len(page.tables) == 1
    table = page.tables[0]
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert abs(table.bbox[0] - x0) < 10 and abs(table.bbox[3] - y1) < 10
    cells = {(c.row, c.col): c for c in table.cells}
    assert sorted(cells) == [(r, c) for r in range(3) for c in range(3)]
    for r, row in enumerate(TABLE):
        for c, text in enumerate(row):
            assert cells[r, c].text == text, (r, c)
            assert (cells[r, c].row_span, cells[r, c].col_span) == (1, 1)
            # The cell's words keep their boxes on the page, inside the cell (ALTO, hOCR, PDF text layer).
            words = [w for ln in cells[r, c].lines for w in ln.words]
            assert " ".join(w.text for w in words) == " ".join(text.split())
            bx0, by0, bx1, by1 = cells[r, c].bbox
            assert all(bx0 <= w.bbox[0] < w.bbox[2] <= bx1 and by0 <= w.bbox[1] < w.bbox[3] <= by1 for w in words), (r, c)
    # Table text is not repeated among the page lines, and no border junk reaches them.
    assert [line.text for line in page.lines] == ["Bảng tổng hợp kết quả thực hiện", "Nơi nhận: như trên."]
    # Only the text outside the table is read again, from a crop: boxes still come in page pixels.
    above, below = page.lines
    assert above.bbox is not None and abs(above.bbox[0] - 120) < 8 and 60 < above.bbox[1] < y0
    assert below.bbox is not None and below.bbox[1] > y1


def test_blank_page_reads_nothing_without_tesseract(tmp_path: Path) -> None:
    engine = OcrEngine(OcrOptions(), tesseract_cmd=_fake_tesseract(tmp_path, sleep=30))
    page = engine.read(page_of(np.full((400, 300), 255, np.uint8)))
    assert page.lines == () and page.tables == () and page.mean_confidence == 0.0


def test_text_layer_and_legacy_text_pass_through(engine: OcrEngine) -> None:
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân")
    line = Line(decomposed, (10, 10, 200, 40), (Word(decomposed, (10, 10, 200, 40), 1.0),))
    real = SourcePage(1, "a.pdf", 600, 800, 72, None, TextLayer.real, decomposed, (line,))
    page = engine.read(real)
    assert page.engine == "text_layer" and page.text == "Ủy ban nhân dân"
    assert page.lines[0].bbox == (10, 10, 200, 40)
    legacy = SourcePage(1, "a.txt", text_layer=TextLayer.legacy_ocr, text="Dong 1\n" + decomposed)
    page = engine.read(legacy)
    assert page.engine == "text" and [x.text for x in page.lines] == ["Dong 1", "Ủy ban nhân dân"]
    assert all(x.bbox is None for x in page.lines)


def test_page_without_image_or_text_is_an_ocr_error(engine: OcrEngine) -> None:
    with pytest.raises(OcrError, match="no image"):
        engine.read(SourcePage(3, "x.pdf", text_layer=TextLayer.absent))


def _fake_tesseract(folder: Path, sleep: float) -> str:
    """A stand-in executable: lists vie/osd like Tesseract, then hangs on any real work."""
    exe = folder / "tesseract"
    exe.write_text(
        "#!/bin/sh\n"
        'case "$*" in *--list-langs*) printf \'List of available languages (2):\\nosd\\nvie\\n\'; exit 0;; esac\n'
        'case "$*" in *--version*) echo "tesseract 5.3.0"; exit 0;; esac\n'
        f"sleep {sleep}\n"
    )
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return str(exe)


def test_timeout_raises_ocr_timeout_error(tmp_path: Path) -> None:
    import time

    import pytesseract

    try:
        engine = OcrEngine(OcrOptions(timeout_per_page=1, rotate=False), tesseract_cmd=_fake_tesseract(tmp_path, 30))
        t0 = time.monotonic()
        with pytest.raises(OcrTimeoutError) as info:
            engine.read(page_of(render_lines(PARAGRAPH[:1]), page_no=7))
        assert time.monotonic() - t0 < 10
        assert info.value.code == "VB201" and info.value.page_no == 7
    finally:
        pytesseract.pytesseract.tesseract_cmd = "tesseract"


def test_missing_language_pack_is_a_missing_dependency() -> None:
    with pytest.raises(MissingDependencyError, match="xyz") as info:
        OcrEngine(OcrOptions(lang="vie+xyz"))
    assert "apt-get install" in str(info.value)


def test_missing_tesseract_is_a_missing_dependency(tmp_path: Path) -> None:
    import pytesseract

    try:
        with pytest.raises(MissingDependencyError, match="not found"):
            OcrEngine(OcrOptions(), tesseract_cmd=str(tmp_path / "no-tesseract"))
    finally:
        pytesseract.pytesseract.tesseract_cmd = "tesseract"


def test_engine_makes_tesseract_single_threaded(engine: OcrEngine) -> None:
    assert os.environ["OMP_THREAD_LIMIT"] == "1"


def test_debug_drawing_marks_cells_and_lines(engine: OcrEngine, tmp_path: Path) -> None:
    image, (x0, y0, x1, y1) = render_table(above=None, below=None)
    page = engine.read(page_of(image))
    picture = np.asarray(draw(image, page))
    red = (picture[:, :, 0] > 180) & (picture[:, :, 1] < 100)
    assert red[y0 - 3 : y0 + 4, x0:x1].any() and not red[: y0 - 10].any()
    out = tmp_path / "debug.png"
    save_debug_png(image, page, out)
    assert Image.open(out).size == (image.shape[1], image.shape[0])


def test_sparse_last_page_is_not_turned_sideways(engine: OcrEngine) -> None:
    # Regression: two short lines gave no line direction, and a fallback letter size plus OSD
    # turned the page by 90 degrees (boxes came out tall and narrow, lines out of order).
    image = render_lines(["Nơi nhận:", "Lưu: VT."], width=1300)
    page = engine.read(page_of(image))
    assert page.rotation == 0 and (page.width, page.height) == (1300, image.shape[0])
    assert [line.text for line in page.lines] == ["Nơi nhận:", "Lưu: VT."]
