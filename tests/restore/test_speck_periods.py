"""A speck read as "." between two lower-case words of an English-model OCR page's running text
("ngudi. ding dau"): dropped on prose lines, kept where it may be a sentence end or an
abbreviation (issue 13)."""

from __future__ import annotations

import pytest

from pipeline.restore.ocrfix.garble.pieces import drop_speck_period


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("trach nhiém cia ngudi. ding dau", "trach nhiém cia ngudi ding dau"),
        ("Hung dan. viée thuc hién", "Hung dan viée thuc hién"),
        ("chat luong. Hung dan", "chat luong. Hung dan"),  # a capital after it: a sentence end
        ("cac tai liéu v.v. va", "cac tai liéu v.v. va"),  # an abbreviation's dots
        ("TP. Ho Chi Minh", "TP. Ho Chi Minh"),
        ("Technologies Ltd. dong y mua", "Technologies Ltd. dong y mua"),  # a name's abbreviation
        ("tr. 5", "tr. 5"),
        ("diém a. b", "diém a. b"),  # one letter: a list item or an initial
        ("xem www.tinh.gov.vn. tai day", "xem www.tinh.gov.vn. tai day"),
    ],
)
def test_speck_period_between_lower_case_words(line: str, want: str) -> None:
    assert drop_speck_period(line) == want
