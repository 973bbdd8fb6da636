"""Heading numerals put back into their page's sequence; list dashes read as other marks."""

from __future__ import annotations

import pytest

from pipeline.restore.ocrfix.outline import (
    numeral_start,
    opens_item,
    repair_dash,
    repair_headings,
    repair_item_letters,
    repair_line_ends,
)


def test_numerals_follow_the_page_sequence() -> None:
    lines = ["I. MUC DICH, YEU CAU", "Noi dung", "I. NHIEM VU, GIAI PHAP", "x", "Il. TO CHUC THUC HIEN"]
    want = ["I. MUC DICH, YEU CAU", "Noi dung", "II. NHIEM VU, GIAI PHAP", "x", "III. TO CHUC THUC HIEN"]
    assert repair_headings(lines) == want


def test_the_first_heading_of_a_page_is_read_by_its_strokes() -> None:
    assert repair_headings(["Ill. TO CHUC", "Il. NHIEM VU"]) == ["III. TO CHUC", "Il. NHIEM VU"]  # no IV of strokes
    assert repair_headings(["Il, TO CHUC THUC HIEN"]) == ["II. TO CHUC THUC HIEN"]


@pytest.mark.parametrize(
    "lines",
    [
        ["1. Sở Nội vụ", "Il. ngay 5"],  # no title in capitals
        ["1. MUC TIEU CHUNG", "2. NHIEM VU CU THE"],  # parts numbered with digits
        ["1. MUC TIEU", "I. NOI DUNG", "2. NHIEM VU CHUNG"],  # digits and numerals: "1." is a digit
        ["IV. KINH PHI", "V. TO CHUC"],  # already in sequence
    ],
)
def test_other_numbering_is_kept(lines: list[str]) -> None:
    assert repair_headings(lines) == lines


def test_table_lines_are_skipped() -> None:
    lines = ["I. MUC DICH", "Il. NHOM NHIEM VU"]
    assert repair_headings(lines, [False, True]) == lines


def test_numeral_start_marks_a_heading_numeral_for_the_decoder() -> None:
    assert numeral_start("II. NHIỆM VỤ") == 0
    assert numeral_start("Il. NHIỆM VỤ") is None
    assert numeral_start("II. trong đó") is None


@pytest.mark.parametrize(
    ("line", "want"),
    [("~ Cac sd, ban", "- Cac sd, ban"), ("  = To chuc", "  - To chuc"), ("+ Xay dung", "+ Xay dung"),
     ("2020 ~ 2025", "2020 ~ 2025"), ("~ 2025.", "- 2025."), ("_TT Tinh ay", "- TT Tinh ay"), ("~~ Luu", "- Luu"),
     ("_ | quan dén", "_ | quan dén"), ("_tinh", "_tinh")],
)  # fmt: skip
def test_a_line_opening_tilde_or_equals_before_a_word_is_a_dash(line: str, want: str) -> None:
    assert repair_dash(line) == want


def test_a_line_end_comma_before_a_new_item_is_a_full_stop() -> None:
    lines = ["cap tinh,", "- Huong dan viec", "dia phuong,", "b) Day manh", "toan tinh,", "3. So Noi vu"]
    want = ["cap tinh.", "- Huong dan viec", "dia phuong.", "b) Day manh", "toan tinh.", "3. So Noi vu"]
    assert repair_line_ends(lines) == want


@pytest.mark.parametrize(
    "lines",
    [
        ["mot cach thiet thuc,", "hieu qua; to chuc"],  # a wrapped sentence goes on
        ["thiet thuc,", "- hieu qua;"],  # a lower-case word after a dash: no new item
        ["2,", "- Huong dan"],  # a page number
        ["- Cac nhiem vu:", "+ Xay dung"],  # a colon opening a list of another marker
        ["gom cac noi dung sau:", "- Xay dung"],  # a colon not ending a one-line item
    ],
)
def test_other_line_ends_are_kept(lines: list[str]) -> None:
    assert repair_line_ends(lines) == lines


def test_a_one_line_item_colon_between_items_is_a_semicolon() -> None:
    assert repair_line_ends(["- Bo TTTT:", "- TT Tinh uy;"]) == ["- Bo TTTT;", "- TT Tinh uy;"]
    lines = ["- Bo TTTT:", "- TT Tinh uy;"]
    assert repair_line_ends(lines, [False, True]) == lines  # a table's lines are left


def test_list_letters_read_as_symbols_or_digits() -> None:
    lines = ["4) Day manh", "noi dung", "b) Nang cao", "¢) Trien khai", "©) Xay dung"]
    assert repair_item_letters(lines) == ["a) Day manh", "noi dung", "b) Nang cao", "c) Trien khai", "c) Xay dung"]
    numbered = ["3) Muc ba", "4) Muc bon", "5) Muc nam"]
    assert repair_item_letters(numbered) == numbered  # a numbered list keeps its 4


@pytest.mark.parametrize(
    ("line", "opens"),
    [("- Xay dung", True), ("a) Day manh", True), ("2. Nhiem vu", True), ("III. TO CHUC", True),
     ("1.2. Muc tieu", True), ("tinh, trong giai doan", False), ("2020 va", False)],
)
def test_opens_item(line: str, opens: bool) -> None:
    assert opens_item(line) is opens
