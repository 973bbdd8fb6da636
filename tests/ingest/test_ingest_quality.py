"""The text-layer quality score: Vietnamese phonotactics, legacy encodings, broken OCR layers."""

from __future__ import annotations

import unicodedata

import pytest
from fixture_files import TCVN3_LINES, VIETNAMESE_LINES, VNI_LINES
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest import is_vietnamese_syllable, pdf_text_layer_quality, text_quality
from pipeline.ingest.quality import is_signature_stamp_only

VALID = ["nghiêng", "khuya", "quốc", "giữa", "gì", "hòa", "hoà", "thủy", "thuỷ", "được", "Điều", "ĐỊNH",
         "kiểm", "ghế", "nghĩ", "quyết", "tuyển", "oanh", "ươn", "yêu", "học", "tết", "ạch", "gìn"]
INVALID = ["Céng", "ngé", "kan", "ghá", "tàt", "họcc", "Vieät", "xaõx", "qua1", "hoµ", "thử̀", "ab", "bcd", "ưê"]


@pytest.mark.parametrize("word", VALID)
def test_valid_syllables(word: str) -> None:
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", INVALID)
def test_invalid_syllables(word: str) -> None:
    assert not is_vietnamese_syllable(word)


def _strip(text: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.replace("Đ", "D").replace("đ", "d")


CASES = [
    # text, lowest score, highest score, encoding named
    ("\n".join(VIETNAMESE_LINES), 0.95, 1.0, None),
    ("Số: 119/KH-UBND ngày 07/6/2024; COVID-19; 1.234,5 tỷ đồng; Điều 5, khoản 2, điểm a)", 0.95, 1.0, None),
    ("\n".join(TCVN3_LINES), 0.0, 0.5, "TCVN3"),
    ("\n".join(VNI_LINES), 0.0, 0.5, "VNI"),
    (_strip(" ".join(VIETNAMESE_LINES * 2)), 0.0, 0.2, None),
    ("(cid:12)(cid:45) (cid:3)(cid:88) (cid:7) Số (cid:9)", 0.0, 0.3, None),
    ("", 0.0, 0.0, None),
]


@pytest.mark.parametrize(("text", "lo", "hi", "encoding"), CASES, ids=["admin", "symbols", "tcvn3", "vni", "stripped", "cid", "empty"])
def test_quality_table(text: str, lo: float, hi: float, encoding: str | None) -> None:
    q = text_quality(text)
    assert lo <= q.score <= hi
    assert q.encoding == encoding
    assert pdf_text_layer_quality(text) == q.score


def test_reasons_name_the_problem() -> None:
    assert "TCVN3" in text_quality("\n".join(TCVN3_LINES)).reason
    assert "diacritics" in text_quality(_strip(" ".join(VIETNAMESE_LINES * 2))).reason
    assert "cid" in text_quality("(cid:12)(cid:45) (cid:3)(cid:88) (cid:7)").reason


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_score_is_a_share(text: str) -> None:
    q = text_quality(text)
    assert 0.0 <= q.score <= 1.0 and q.valid <= q.tokens


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(VALID + ["119/KH-UBND", "2024", "(a)", "-", "UBND;"]), min_size=1, max_size=40))
def test_valid_text_scores_full(words: list[str]) -> None:
    assert text_quality(" ".join(["quốc", *words])).score == 1.0  # punctuation alone scores 0


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi\nCơ quan: Tỉnh Quảng Ngãi\nThời gian ký: 07/01/2025 10:09:57", True),
        ("Người ký: Sở Nội vụ\nEmail: snv@example.gov.vn\n24.01.2025 20:06:24 +07:00", True),
        ("Ký bởi: UBND\n" + "\n".join(VIETNAMESE_LINES * 2), False),
        ("\n".join(VIETNAMESE_LINES), False),
    ],
)
def test_signature_stamp_detection(text: str, stamp: bool) -> None:
    assert is_signature_stamp_only(text) is stamp
