"""The date line's digits as OCR of an italic, worn date reads them (header_date)."""

from __future__ import annotations

import pytest

from pipeline.structure.header_date import read_date


@pytest.mark.parametrize(("line", "iso", "alternatives"), [
    ("Phú Yên, ngày 28 tháng 5Š năm 2020", "2020-05-28", ()),  # one italic 5 read as two glyphs
    ("Lâm Đồng, ngày 16 tháng Š$ năm 2025", "2025-05-16", ("2025-08-16",)),  # both glyphs a 5 or an 8
    ("Hà Tĩnh, ngày T8 tháng 6 năm 2020", "2020-06-18", ()),  # an italic 1's flag read as a T's bar
    ("Tiền Giang, . 20 0 tháng J2 năm 2024", "2024-12-20", ()),  # "ngày" read as a mark, a speck as a 0
    ("Hà Tĩnh, ngày 1Š tháng 6 năm 2020", "2020-06-15", ("2020-06-18",)),  # days both: never one doubled glyph
    ("Hà Tĩnh, ngày (04 tháng 5 năm 2024", "2024-05-04", ()),  # a speck read as an opening bracket
    ("Lạng Sơn, Tờ 22 tháng 7 năm 2022", "2022-07-22", ()),  # "ngày" read as a short word
])
def test_digits_read_as_letter_glyphs(line: str, iso: str, alternatives: tuple[str, ...]) -> None:
    d = read_date(line)
    assert d is not None and d.iso == iso and d.alternatives == alternatives
    assert d.text.endswith(f"tháng {int(iso[5:7])} năm {iso[:4]}")


@pytest.mark.parametrize("line", [
    "Hà Tĩnh, ngày 33 tháng 6 năm 2020",  # two real digits are never one doubled glyph
    "Hà Tĩnh, tháng 1S năm 2020",  # month 15 / 18 and no other reading: nothing made up
    "- 20 tháng 12 năm 2024",  # a mark for "ngày" only right after the place's comma
    "Bến Tre, ngày 31 tháng II năm 2019",  # II is 11, a month: no doubled 1 to make the day fit
    "ngày 17/7/2022 của Bộ Nội vụ về nâng cao",  # a date the body cites, read into the header's column
    "Thực hiện, các 5 tháng 3 năm 2020",  # a short word after a comma, but no place before it
])
def test_what_cannot_be_read_stays_unread(line: str) -> None:
    d = read_date(line)
    assert d is None or d.iso is None


def test_a_citation_read_with_glyph_digits_and_a_split_month() -> None:
    """An appendix cites the document as "số I L1/CTr-UBND ngày 28/1 1/2024": glyphs for 111, a space
    inside the month between the date's slashes."""
    import re

    from pipeline.structure.header_date import glyph_number, joined_numeric_dates

    assert re.search(glyph_number("111") + "/CTr", "Chương trình số I L1/CTr-UBND")
    assert not re.search(glyph_number("111") + "/CTr", "Chương trình số 112/CTr-UBND")
    assert joined_numeric_dates("ngày 28/1 1/2024 của") == "ngày 28/11/2024 của"
