"""The scoring API: figures every benchmark and `vanban eval` rely on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.evaluate import prf, score_line, score_lines, score_pages, score_texts
from pipeline.vn.orthography import case_bucket, has_vietnamese_marks


@pytest.mark.parametrize(
    ("pred", "gold", "acc", "cer"),
    [
        ("Triển khai thực hiện", "Triển khai thực hiện", 1.0, 0.0),
        ("Trien khai thuc hien", "Triển khai thực hiện", 0.25, 3 / 20),
        ("", "Bình Định", 0.0, 1.0),
    ],
)
def test_score_line(pred: str, gold: str, acc: float, cer: float) -> None:
    s = score_line(pred, gold)
    assert s.syllable_accuracy == pytest.approx(acc)
    assert s.cer == pytest.approx(cer)


def test_diacritic_accuracy_counts_only_marked_gold_tokens() -> None:
    s = score_line("khai thuc hiện 47/NQ-CP", "khai thực hiện 47/NQ-CP")
    assert s.diacritic_syllables == 2
    assert s.diacritic_correct == 1
    assert s.confusions[("thuc", "thực")] == 1


def test_missing_lines_count_as_errors() -> None:
    s = score_lines(["Bình Định"], ["Bình Định", "Hạnh phúc"])
    assert s.syllables == 4
    assert s.syllable_accuracy == pytest.approx(0.5)


def test_extra_and_missing_pages_are_counted_and_scored() -> None:
    gold = ["Bình Định", "Hạnh phúc"]
    same = score_pages(gold, gold)
    assert (same.extra_pages, same.missing_pages, same.scores.syllable_accuracy) == (0, 0, 1.0)
    extra = score_pages([*gold, "trang thừa ba từ"], gold)  # a page the reader invented
    assert (extra.extra_pages, extra.missing_pages) == (1, 0)
    assert extra.scores.syllables == 4 and extra.scores.syllable_edits == 4  # its 4 tokens are insertions
    assert extra.scores.syllable_accuracy == pytest.approx(0.0)
    missing = score_pages(gold[:1], gold)
    assert (missing.extra_pages, missing.missing_pages) == (0, 1)
    assert missing.scores.syllable_accuracy == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("token", "cls"),
    [("bình", "lower"), ("BÌNH", "UPPER"), ("Bình", "Title"), ("47/NQ-CP", "UPPER"), ("2024", "other"), ("iPhone", "other")],
)
def test_case_bucket(token: str, cls: str) -> None:
    assert case_bucket(token) == cls


def test_has_vietnamese_marks() -> None:
    assert has_vietnamese_marks("đi") and has_vietnamese_marks("Hòa") and not has_vietnamese_marks("Binh")


def test_prf() -> None:
    r = prf(["a", "b", "c"], ["a", "b", "d", "e"])
    assert (r.precision, r.recall) == (pytest.approx(2 / 3), pytest.approx(0.5))


@given(st.lists(st.text(alphabet="aàbcdđeê ", min_size=0, max_size=30), min_size=1, max_size=5))
def test_identical_texts_score_perfectly(lines: list[str]) -> None:
    s = score_texts([("\n".join(lines), "\n".join(lines))])
    assert s.syllable_accuracy == 1.0 and s.cer == 0.0
