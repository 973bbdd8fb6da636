"""A part number misread in a bold heading ("H." for "II.") is repaired; nothing else is."""

from __future__ import annotations

import pytest

from pipeline.ocr.numerals import heading_numeral
from pipeline.types import Word


def _line(text: str) -> list[Word]:
    return [Word(t, (10 * i, 0, 10 * i + 8, 10), 0.9) for i, t in enumerate(text.split())]


def _text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


@pytest.mark.parametrize(("read", "printed"), [
    ("H. NHIỆM VỤ, GIẢI PHÁP", "II. NHIỆM VỤ, GIẢI PHÁP"),
    ("HI. TỔ CHỨC THỰC HIỆN", "III. TỔ CHỨC THỰC HIỆN"),
    ("IH. KINH PHÍ", "III. KINH PHÍ"),
    ("l. MỤC ĐÍCH, YÊU CẦU", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("VH. ĐIỀU KHOẢN THI HÀNH", "VII. ĐIỀU KHOẢN THI HÀNH"),
])
def test_misread_part_numbers_are_repaired(read: str, printed: str) -> None:
    assert _text(heading_numeral(_line(read))) == printed


@pytest.mark.parametrize("line", [
    "II. NHIỆM VỤ",            # already right
    "H. Nguyễn Văn An",        # an initial before a name: the title is not in capitals
    "1. MỤC ĐÍCH",             # an item number: digits are never touched
    "HH. TỔ CHỨC",             # "IIII" is no Roman numeral
    "H.",                      # nothing after it
    "Hà Nội, ngày 5 tháng 3",  # no label at all
])
def test_other_lines_are_left_alone(line: str) -> None:
    assert _text(heading_numeral(_line(line))) == line


def test_the_repaired_word_keeps_its_box() -> None:
    words = _line("H. NHIỆM VỤ")
    assert heading_numeral(words)[0].bbox == words[0].bbox
