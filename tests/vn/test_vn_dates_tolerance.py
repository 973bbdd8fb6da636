"""The date grammar's tolerance for OCR damage is a parameter, not a second grammar."""

from __future__ import annotations

import re

import pytest

from pipeline.vn.dates import (
    AFTER_SYMBOL_RE,
    PLACE_DATE_LINE_RE,
    day_month,
    keyword,
    ocr_int,
    parse_iso,
    valid_ymd,
    year,
)


@pytest.mark.parametrize(
    ("word", "text", "none", "marks", "letters"),
    [
        ("ngày", "ngày", True, True, True),
        ("ngày", "ngay", False, True, True),
        ("tháng", "thắng", False, False, True),
        ("năm", "ndm", False, True, True),
        ("ngày", "ngaty", False, False, True),
    ],
)
def test_keyword_damage(word: str, text: str, none: bool, marks: bool, letters: bool) -> None:
    got = [bool(re.fullmatch(keyword(word, d), text)) for d in ("none", "marks", "letters")]  # type: ignore[arg-type]
    assert got == [none, marks, letters]


def test_digits_with_and_without_ocr_tolerance() -> None:
    assert re.fullmatch(year(ocr_digits=True), "2O24") and not re.fullmatch(year(ocr_digits=False), "2O24")
    assert not re.fullmatch(year(ocr_digits=True), "1850") and re.fullmatch(year(ocr_digits=False), "1850")
    assert re.fullmatch(day_month(ocr_digits=True), "O7") and not re.fullmatch(day_month(ocr_digits=False), "O7")
    assert ocr_int("2O24") == 2024 and ocr_int("..") is None and ocr_int(None) is None


def test_citation_readers() -> None:
    m = AFTER_SYMBOL_RE.match(" ngày 15/6/2023 của")
    assert m is not None and (m.group("d"), m.group("m"), m.group("y")) == ("15", "6", "2023")
    m = AFTER_SYMBOL_RE.match(", ngay 17 thang 6 nam 2026")
    assert m is not None and m.group("wy") == "2026"
    m = PLACE_DATE_LINE_RE.search("Quảng Ngãi, ngày 08 tháng 01 năm 2025")
    assert m is not None and m.group("place") == "Quảng Ngãi" and m.group("y") == "2025"


def test_date_values() -> None:
    assert parse_iso("2024-06-07") == (2024, 6, 7) and parse_iso("07/06/2024") == (2024, 6, 7)
    assert parse_iso("June 2024") is None
    assert valid_ymd(2024, 2, 29) and not valid_ymd(2023, 2, 29) and not valid_ymd(2023, None, 1)
