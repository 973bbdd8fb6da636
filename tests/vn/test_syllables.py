"""Vietnamese phonotactics."""

from __future__ import annotations

import pytest

from pipeline.vn.syllables import is_vietnamese_syllable


@pytest.mark.parametrize("word", ["nghiêng", "khuyến", "giữ", "gì", "quốc", "Hoạch", "ĐẢNG", "kính", "học"])
def test_valid(word: str) -> None:
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize(
    "word",
    ["hoµ", "coäng", "ce", "ka", "quu", "hàp", "họcc", "bánhs", "UBND", "2024", "hoà̀"],
)
def test_invalid(word: str) -> None:
    assert not is_vietnamese_syllable(word)
