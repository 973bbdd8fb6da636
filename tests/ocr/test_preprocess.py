"""Clean-up steps, layout orientation, grid finding and line grouping (no Tesseract needed)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ocr_images import PARAGRAPH, render_lines, render_table
from PIL import Image, ImageDraw

from pipeline.ocr import orientation, preprocess, tables
from pipeline.ocr.tesseract import TsvWord, words_to_lines


@pytest.fixture(scope="module")
def text_page() -> np.ndarray:
    return render_lines(PARAGRAPH, width=1800)


@pytest.mark.parametrize("angle", [-4.0, -1.5, 0.0, 2.0, 4.5])
def test_estimate_skew_finds_the_rotation_that_levels_the_text(text_page: np.ndarray, angle: float) -> None:
    turned = np.asarray(Image.fromarray(text_page).rotate(angle, expand=True, fillcolor=255, resample=Image.BICUBIC))
    assert preprocess.estimate_skew(preprocess.ink_mask(turned)) == pytest.approx(-angle, abs=0.3)


@pytest.mark.parametrize("turned", [0, 90, 180, 270])
def test_layout_orientation_recognises_turned_pages(text_page: np.ndarray, turned: int) -> None:
    image = np.ascontiguousarray(np.rot90(text_page, turned // 90))  # counter-clockwise
    rotate, confidence = orientation.layout_orientation(preprocess.ink_mask(image))
    assert rotate == turned and confidence > 0.3
    assert np.array_equal(orientation.turn(image, rotate), text_page)


def test_remove_borders_whitens_edge_shadows_but_keeps_text(text_page: np.ndarray) -> None:
    page = text_page.copy()
    page[:, :35] = 20  # a dark scanner edge
    page[-25:, :] = 40
    inv = preprocess.ink_mask(page)
    labels, stats = preprocess.components(inv)
    clean, clean_inv = preprocess.remove_borders(page, inv, labels, stats)
    assert clean[:, :35].min() == 255 and clean[-25:, :].min() == 255
    assert not clean_inv[:, :35].any()
    body = (slice(40, -40), slice(40, -40))
    assert np.array_equal(clean[body], text_page[body])


def test_upscale_only_small_text() -> None:
    small = preprocess.ink_mask(render_lines(PARAGRAPH, size=11, width=700, margin=20))
    big = preprocess.ink_mask(render_lines(PARAGRAPH, size=40))
    h_small = preprocess.text_height(preprocess.components(small)[1], small.shape[0])
    h_big = preprocess.text_height(preprocess.components(big)[1], big.shape[0])
    assert preprocess.upscale_factor(h_small) > 1.4
    assert preprocess.upscale_factor(h_big) == 1.0
    assert preprocess.upscale_factor(0.0) == 1.0  # no text: nothing to enlarge


def test_binarize_thresholds_only_uneven_paper(text_page: np.ndarray) -> None:
    assert preprocess.binarize(text_page) is text_page  # even paper: Tesseract's own Otsu is as good
    h, w = text_page.shape
    shade = np.linspace(1.0, 0.35, w, dtype=np.float32)[None, :]
    uneven = (text_page.astype(np.float32) * shade).astype(np.uint8)
    out = preprocess.binarize(uneven)
    assert set(np.unique(out)) <= {0, 255}
    # The dark right half of the paper comes out white, the letters black.
    assert out[:, -200:].mean() > 200 and (out == 0).sum() > 0.5 * (text_page < 128).sum()


def test_find_grids_reads_rules_positions_and_spans() -> None:
    image, (x0, y0, x1, y1) = render_table(rows=(("a", "b", "c"), ("d", "", ""), ("g", "h", "i")), above=None, below=None)
    image = image.copy()
    # Erase the rule between columns 1 and 2 in row 1: one cell spanning two columns.
    image[y0 + 90 + 4 : y0 + 180 - 3, x0 + 160 + 420 - 3 : x0 + 160 + 420 + 4] = 255
    grids, rules = tables.find_grids(preprocess.ink_mask(image), 30)
    assert len(grids) == 1
    grid = grids[0]
    assert len(grid.rows) == 4 and len(grid.cols) == 4
    assert abs(grid.bbox[0] - x0) <= 10 and abs(grid.bbox[2] - x1) <= 10  # the box of the (thickened) rules
    spans = {(r, c): (rs, cs) for r, c, rs, cs, _ in grid.cells}
    assert len(spans) == 8 and spans[1, 1] == (1, 2)
    assert rules.shape == image.shape


def test_text_outside_tables_is_boxed_and_a_bare_table_has_none() -> None:
    image, (x0, y0, x1, y1) = render_table(above="Bảng tổng hợp", below=None)
    inv = preprocess.ink_mask(image)
    grids, _ = tables.find_grids(inv, 30)
    box = tables.text_outside(inv, grids, 30)
    assert box is not None
    bx0, by0, bx1, by1 = box
    assert bx0 <= 120 and by0 <= 70 and by1 < y0 + 60  # the title, with its margin, not the table
    bare, _ = render_table(above=None, below=None)
    bare_inv = preprocess.ink_mask(bare)
    assert tables.text_outside(bare_inv, tables.find_grids(bare_inv, 30)[0], 30) is None


def test_underlined_text_is_not_a_table() -> None:
    page = Image.fromarray(render_lines(PARAGRAPH))
    draw = ImageDraw.Draw(page)
    draw.line([(60, 120), (1100, 120)], fill=0, width=3)  # an underline, as under a document title
    draw.line([(60, 260), (1500, 260)], fill=0, width=2)
    grids, _ = tables.find_grids(preprocess.ink_mask(np.asarray(page)), 30)
    assert grids == []


words = st.lists(
    st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(0, 2000), st.integers(0, 2000), st.text("abcđơ", min_size=1, max_size=6)),
    min_size=0, max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(words, st.sampled_from([1.0, 2.0, 2.5]))
def test_words_to_lines_keeps_every_word_inside_its_line(rows: list[tuple[int, int, int, int, str]], scale: float) -> None:
    tsv = [TsvWord(1, b, 1, ln, text, (x, y, x + 40, y + 30), 0.9) for b, ln, x, y, text in rows]
    lines = words_to_lines(tsv, scale=scale, offset=(5, 7))
    assert sum(len(line.words) for line in lines) == len(tsv)
    assert len(lines) == len({(w.block, w.line) for w in tsv})
    for line in lines:
        assert line.bbox is not None
        assert line.text == " ".join(w.text for w in line.words)
        for w in line.words:
            assert line.bbox[0] <= w.bbox[0] <= w.bbox[2] <= line.bbox[2]
            assert line.bbox[1] <= w.bbox[1] <= w.bbox[3] <= line.bbox[3]
            assert w.bbox[0] >= 5 and w.bbox[1] >= 7
