"""Row numbers read alone on their lines are put back into their sequence."""

from __future__ import annotations

import pytest

from pipeline.restore.ocrfix.labels import repair_row_labels


def test_a_lost_or_misread_dot_is_read_from_the_sequence() -> None:
    lines = ["1.1", "Trién khai", "21", "Hoan thién", "2p)", "Day manh", "23", "x", "2.4", "a1", "3:2", "33"]
    want = ["1.1", "Trién khai", "2.1", "Hoan thién", "2.2", "Day manh", "2.3", "x", "2.4", "3.1", "3.2", "3.3"]
    assert repair_row_labels(lines) == want


def test_a_group_number_and_a_three_digit_label() -> None:
    assert repair_row_labels(["12.3", "13", "13.1", "132", "13.3"]) == ["12.3", "13", "13.1", "13.2", "13.3"]


@pytest.mark.parametrize(
    "lines",
    [
        ["21", "Hoan thién", "2025", "41"],  # no label read whole: nothing to go by
        ["1.1", "2025", "1.2", "6/2023", "Quy 11/2024"],  # years and timeframes are no labels
        ["2", "1.1", "74", "1.2"],  # a page number; "74" fits no gap
    ],
)
def test_lines_without_a_sequence_are_kept(lines: list[str]) -> None:
    assert repair_row_labels(lines) == lines
