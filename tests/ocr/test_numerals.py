"""A part number misread in a bold heading ("H." for "II.") is repaired; nothing else is."""

from __future__ import annotations

import pytest

from pipeline.ocr.numerals import heading_numeral, item_labels
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


@pytest.mark.parametrize(("read", "printed"), [
    # a numbered task table's label column on a blurred 150 dpi scan (dev seed 2000)
    ("TT 1 1I 12 2 21 3 3.1 32 33 4 4l", "TT 1 1.1 1.2 2 2.1 3 3.1 3.2 3.3 4 4.1"),
    ("1. 1.1. 12 2.", "1. 1.1. 1.2. 2."),            # labels closed by a period keep the style
    ("1.9 110 2", "1.9 1.10 2"),
    ("STT 1 2 3 4 5 6 7 8 9 10 11 12", "STT 1 2 3 4 5 6 7 8 9 10 11 12"),  # a flat list stays
    ("9 _ 11", "9 _ 11"),                              # a row missing between: no guess
    ("Nội_dung 12 13", "Nội_dung 12 13"),               # nothing above to follow
])
def test_item_labels_get_their_periods_back(read: str, printed: str) -> None:
    cells = ["" if t == "_" else t for t in read.split()]
    want = ["" if t == "_" else t for t in printed.split()]
    assert item_labels(cells) == want
