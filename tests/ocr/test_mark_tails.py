"""A period or colon read where the print has a comma's or semicolon's tail (issue 14; no Tesseract).

At 150 dpi the tail of ";" and "," is a few grey pixels and Tesseract reads ":" and "."; the
image still shows the mark hanging below the letters' baseline, taller than wide."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.ocr import boxes
from pipeline.ocr.punct import may_have_lost_tail, with_tail
from pipeline.ocr.tesseract import TsvWord, _tightened


def _word(tail: bool, colon: bool = True) -> np.ndarray:
    """Letters on a baseline at y 80 (x 100-160), then a mark at x 166-170: a dot on the baseline,
    or a dot with a tail down to y 84; a colon's upper dot at y 64-68."""
    img = np.full((140, 240), 255, np.uint8)
    img[50:80, 100:110] = 0
    img[60:80, 115:135] = 0
    img[60:80, 140:160] = 0
    img[76:80, 166:170] = 0  # the lower dot, on the baseline
    if tail:
        img[80:84, 167:169] = 0  # its tail, below the baseline
    if colon:
        img[64:68, 166:170] = 0
    return img


@pytest.mark.parametrize("colon", [True, False], ids=["colon", "period"])
def test_tail_seen_below_the_baseline(colon: bool) -> None:
    box = (95, 45, 176, 84)
    assert boxes.mark_has_tail(box, boxes.ink_mask(_word(True, colon)), 39.0)
    assert not boxes.mark_has_tail(box, boxes.ink_mask(_word(False, colon)), 39.0)


@pytest.mark.parametrize(("token", "ok"), [("lượng:", True), ("2025.", True), ("CT.", True), ("1.", False),
                                           ("2.3.", False), ("v.v.", False), ("...", False), ("a.", False)])
def test_which_tokens_may_have_lost_a_tail(token: str, ok: bool) -> None:
    assert may_have_lost_tail(token) is ok


def test_only_a_mid_line_mark_takes_its_tail_back() -> None:
    img = np.hstack([_word(True), np.full((140, 60), 255, np.uint8)])
    img[50:80, 250:280] = 0  # the next word
    word = TsvWord(1, 1, 1, 1, "lượng:", (95, 45, 176, 84), 0.96)
    nxt = TsvWord(1, 1, 1, 1, "kiểm", (245, 45, 285, 84), 0.96)
    assert [w.text for w in _tightened([word, nxt], [img])] == ["lượng;", "kiểm"]
    assert [w.text for w in _tightened([word], [img])] == ["lượng:"]  # the line's last word
    assert with_tail("vụ.") == "vụ,"
