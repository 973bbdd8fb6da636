"""Orthography helpers: stripping, tone placement styles, case transfer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.vn.orthography import (
    apply_case,
    case_class,
    detect_tone_style,
    follow_convention,
    has_diacritics,
    model_form,
    nfc,
    retone,
    strip_diacritics,
    tone_style,
)


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("Kế hoạch triển khai", "Ke hoach trien khai"),
        ("ĐỒNG Đô-la đ", "DONG Do-la d"),
        ("Ủy ban nhân dân tỉnh Bình Định", "Uy ban nhan dan tinh Binh Dinh"),
        ("47/NQ-CP, ngày 15/4/2024.", "47/NQ-CP, ngay 15/4/2024."),
        ("plain ascii", "plain ascii"),
    ],
)
def test_strip_diacritics(text: str, stripped: str) -> None:
    assert strip_diacritics(text) == stripped


def test_strip_decomposed_input_after_nfc() -> None:
    decomposed = "Vie\u0323\u0302t Nam"
    assert strip_diacritics(nfc(decomposed)) == "Viet Nam"


@pytest.mark.parametrize(
    ("word", "old", "new"),
    [
        ("hòa", "hòa", "hoà"),
        ("hoà", "hòa", "hoà"),
        ("thủy", "thủy", "thuỷ"),
        ("khoẻ", "khỏe", "khoẻ"),
        ("HOÀ", "HÒA", "HOÀ"),
        ("hoàng", "hoàng", "hoàng"),  # a final consonant: one placement only
        ("quý", "quý", "quý"),  # qu- is an onset
        ("giường", "giường", "giường"),
        ("người", "người", "người"),
        ("ngoại", "ngoại", "ngoại"),
        ("huỳnh", "huỳnh", "huỳnh"),
    ],
)
def test_retone(word: str, old: str, new: str) -> None:
    assert retone(word, "old") == old
    assert retone(word, "new") == new


def test_tone_style_detection() -> None:
    assert tone_style("hòa") == "old"
    assert tone_style("thuỷ") == "new"
    assert tone_style("hoàng") is None
    assert detect_tone_style(["Hoà", "bình", "thuỷ"]) == "new"
    assert detect_tone_style(["bình"]) == "old"


@pytest.mark.parametrize(
    ("restored", "pattern", "expected"),
    [
        ("bình định", "Binh Dinh", "Bình Định"),
        ("bình định", "BINH DINH", "BÌNH ĐỊNH"),
        ("bình", "binh", "bình"),
        ("đồng", "dOng", "đỒng"),
    ],
)
def test_apply_case(restored: str, pattern: str, expected: str) -> None:
    assert apply_case(restored, pattern) == expected


def test_case_class_and_convention() -> None:
    assert [case_class(w) for w in ("bình", "BÌNH", "Bình", "iPhone", "47")] == ["lower", "upper", "title", "mixed", "lower"]
    assert follow_convention("hòa", "HOA", "new") == "HOÀ"
    assert model_form("Thuỷ") == "thủy"
    assert has_diacritics("đi") and not has_diacritics("di")


_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"


@given(st.text(alphabet=_LETTERS + _LETTERS.upper() + " ,.0123456789\n", max_size=60))
def test_strip_keeps_length_and_is_idempotent(s: str) -> None:
    out = strip_diacritics(s)
    assert len(out) == len(s)
    assert out.isascii()
    assert strip_diacritics(out) == out


@given(st.sampled_from(["hòa", "hoà", "thủy", "thuỷ", "khỏe", "khoẻ", "lòa", "tòa", "hủy", "xòe"]))
def test_retone_round_trip(w: str) -> None:
    assert retone(retone(w, "new"), "old") == retone(w, "old")
    assert strip_diacritics(retone(w, "new")) == strip_diacritics(w)
