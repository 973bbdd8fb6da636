"""Dates of header lines and citations to ISO (VN_DOCUMENT_RULES §3)."""

from __future__ import annotations

import pytest

from pipeline.vn.dates import find_date, parse_date


@pytest.mark.parametrize(
    ("text", "iso", "place", "date_text"),
    [
        ("Bình Định, ngày 07 tháng 06 năm 2024", "2024-06-07", "Bình Định", "Bình Định, ngày 07 tháng 06 năm 2024"),
        ("ngày 07 tháng 6 năm 2024", "2024-06-07", None, "ngày 07 tháng 6 năm 2024"),
        ("Quảng Ngãi, ngày 7/6/2024", "2024-06-07", "Quảng Ngãi", "Quảng Ngãi, ngày 7/6/2024"),
        ("ngày 7/6/2024", "2024-06-07", None, "ngày 7/6/2024"),
        ("ngày 01-10-1997", "1997-10-01", None, "ngày 01-10-1997"),
        ("TP. Hồ Chí Minh, ngày 31 tháng 12 năm 2023", "2023-12-31", "TP. Hồ Chí Minh", "TP. Hồ Chí Minh, ngày 31 tháng 12 năm 2023"),
        ("Số: 119/KH-UBND Bình Định, ngày 07 tháng 06 năm 2024", "2024-06-07", "Bình Định", "Bình Định, ngày 07 tháng 06 năm 2024"),
        ("Quảng Ngãi, ngày 04tháng 02 năm 2025", "2025-02-04", "Quảng Ngãi", "Quảng Ngãi, ngày 04 tháng 02 năm 2025"),  # OCR glue
        ("Hà Nội, ngày    tháng 6 năm 2024", None, "Hà Nội", "Hà Nội, ngày    tháng 6 năm 2024"),  # unfilled
        ("Hà Nội, ngày 31 tháng 02 năm 2024", None, "Hà Nội", "Hà Nội, ngày 31 tháng 02 năm 2024"),  # invalid
    ],
)
def test_find_date(text: str, iso: str | None, place: str | None, date_text: str) -> None:
    m = find_date(text)
    assert m is not None
    assert (m.iso, m.place, m.text) == (iso, place, date_text)


@pytest.mark.parametrize("text", ["Số: 119/KH-UBND", "Độc lập - Tự do - Hạnh phúc", "năm 2024", ""])
def test_no_date(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Bình Định, ngày 17 tháng 7 ndm.2024", "2024-07-17"),
        ("Lâm Đồng, ngaty 22 thắng 02 năm 2022", "2022-02-22"),
    ],
)
def test_date_keywords_garbled_by_legacy_ocr(line: str, iso: str) -> None:
    m = find_date(line)
    assert m is not None and m.iso == iso
