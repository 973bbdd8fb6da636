"""Word boxes tightened to the word's own ink (issue 18; no Tesseract needed)."""

from __future__ import annotations

import numpy as np

from pipeline.ocr import boxes
from pipeline.ocr.tesseract import TsvWord, _tightened, words_to_lines


def _page() -> np.ndarray:
    """A white page: a word's letters (x 100-160, y 50-80), its tone mark above (y 42-46), a dot
    below, the next line's tone mark under it (y 96-100), the previous line's descender cut off
    at the top of the box, and a speck."""
    img = np.full((160, 260), 255, np.uint8)
    img[50:80, 100:110] = 0  # letters, 30 px high
    img[60:80, 115:135] = 0
    img[55:80, 140:160] = 0
    img[42:46, 118:126] = 0  # the word's own tone mark, above its letters
    img[83:88, 120:125] = 0  # its dot below (nặng)
    img[96:101, 145:152] = 0  # a tone mark of the next line, inside Tesseract's box
    img[26:40, 150:154] = 0  # the previous line's descender, reaching into the box
    img[70:71, 90:91] = 0  # a speck
    return img


def test_tighten_keeps_the_word_and_its_marks_and_drops_the_neighbours() -> None:
    img = _page()
    ink = boxes.ink_mask(img)
    read = (85, 36, 170, 104)  # Tesseract's box: the word, and more
    tight = boxes.tighten(read, ink, line_h=read[3] - read[1])
    assert tight == (100, 42, 160, 88)


def test_tighten_never_grows_and_leaves_a_box_without_letters() -> None:
    img = _page()
    ink = boxes.ink_mask(img)
    assert boxes.tighten((0, 0, 40, 40), ink, 40.0) == (0, 0, 40, 40)  # blank
    tight = boxes.tighten((105, 52, 150, 78), ink, 30.0)  # inside the letters
    assert 105 <= tight[0] and 52 <= tight[1] and tight[2] <= 150 and tight[3] <= 78


def test_tightened_words_keep_tesseracts_line_box() -> None:
    img = _page()
    words = [TsvWord(1, 1, 1, 1, "word", (85, 36, 170, 104), 0.9)]
    got = _tightened(words, [img])
    assert got[0].bbox == (85, 36, 170, 104) and got[0].ink == (100, 42, 160, 88)
    (line,) = words_to_lines(got)
    assert line.bbox == (85, 36, 170, 104)
    assert line.words[0].bbox == (100, 42, 160, 88)
