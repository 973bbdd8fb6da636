"""Header fields as English-model OCR of a legacy scan leaves them (issue 13, fresh dev seeds
2500-2615 and header pages 3000-3080): date lines with specks, a lost number line, trích yếu words
misread into other words."""

from __future__ import annotations

import pytest

from pipeline.structure.header_date import read_date
from pipeline.structure.header_number import number_of_issue
from pipeline.structure.layout import Ln
from pipeline.structure.summary_words import capitals_from_body, decoded_from_body, near_from_body


@pytest.mark.parametrize(("line", "iso"), [
    ("Lạng Sơn, ngày 28 tháng 10 ndém-2022", "2022-10-28"),  # a dash between the keyword and the year
    ("Lạng Sơn, ngày 28 tháng 10-năm 2022", "2022-10-28"),  # between the month and the keyword
    ("Số: 341/ĐA-UBND Lạng Sơn, ngày 28 tháng 10 năm-2022", "2022-10-28"),  # the symbol's own dash stays
    ("Đắk Lắk, ngdy\tỞ tháng 12 năm 2020", "2020-12-10"),  # "| O": the 1 restored as a rule, the 0 given a mark
    ("Đắk Lắk, ngày 1Ở tháng 12 năm 2020", "2020-12-10"),
    ("Bà Rịa-Vũng Tàu, ngày 5 tháng 3 năm 2024", "2024-03-05"),  # a place's dash joins two words
    ("Hà Tĩnh, rigay 15 tháng 10 năm 2023", "2023-10-15"),  # "ri" for an n, as "rn" for an m
    ("Số: 314/CTr-UBND Khánh Hòa, ngày 25 tháng 9 n&éim 2022", "2022-09-25"),  # a speck inside a keyword
])
def test_date_lines_with_a_digits_glyph_or_a_speck(line: str, iso: str) -> None:
    d = read_date(line)
    assert d is not None and d.iso == iso


def test_a_lone_marked_o_is_no_day() -> None:
    assert read_date("Hà Nội, ngày Ở tháng 12 năm 2020") is None  # day 0: no date, nothing made up


def _lines(texts: list[str]) -> list[Ln]:
    return [Ln(t, 5) for t in texts]


def test_a_lost_number_line_is_the_number_the_appendix_cites() -> None:
    rest = _lines(["PHỤ LỤC", "(Kèm theo Hướng dẫn số 78/HD-UBND ngày 10/12/2020 của Ủy ban nhân dân tỉnh)"])
    assert number_of_issue("HƯỚNG DẪN", rest) == "78/HD-UBND"
    assert number_of_issue("KẾ HOẠCH", rest) is None  # another document's citation
    two = rest + _lines(["(Kèm theo Hướng dẫn số 79/HD-UBND ngày 10/12/2020)"])
    assert number_of_issue("HƯỚNG DẪN", two) is None  # citations that disagree: none


BODY = ["Tổ chức thực hành tiết kiệm, chống lãng phí trên địa bàn tỉnh.",
        "Các sở tổ chức thực hành tiết kiệm, chống lãng phí; tổ chức thực hành tiết kiệm, chống lãng phí.",
        "Cán bộ, công chức làm công tác thực hành tiết kiệm; nâng cao năng lực cạnh tranh.",
        "Nâng cao chỉ số năng lực cạnh tranh, năng lực cạnh tranh cấp tỉnh, năng lực cạnh tranh của tỉnh."]


def test_a_garbled_first_word_is_read_as_the_body_reads_it_before_the_next() -> None:
    """"Y6 chức": no word stands before it; the body puts "tổ" (its length) before "chức" nearly
    always ("công chức" is longer)."""
    assert decoded_from_body("Y6 chức thực hành tiết kiệm năm 2025", BODY) == "Tổ chức thực hành tiết kiệm năm 2025"


def test_a_capital_misread_between_two_lower_case_words() -> None:
    assert capitals_from_body("Nâng cao chỉ số năng Về cạnh tranh cấp tỉnh", BODY) == "Nâng cao chỉ số năng lực cạnh tranh cấp tỉnh"
    # a name keeps its capital: the body reads nothing between its neighbours three times
    assert capitals_from_body("Phát triển du lịch tỉnh Phú Yên", BODY) == "Phát triển du lịch tỉnh Phú Yên"


def test_a_word_misread_into_a_near_word() -> None:
    assert near_from_body("Hoàn thiện thì hành tiết kiệm năm 2020", BODY) == "Hoàn thiện thực hành tiết kiệm năm 2020"
    # a word the body does not put there, or far from the body's (more than two edits), stays
    assert near_from_body("Triển khai công tác cải cách hành chính", BODY) == "Triển khai công tác cải cách hành chính"
    assert near_from_body("Đẩy mạnh thực hành tiết kiệm", BODY) == "Đẩy mạnh thực hành tiết kiệm"


def test_a_speck_inside_a_keyword_keeps_the_dates_place_where_it_was_read() -> None:
    line = "Số: 314/CTr-UBND Khánh Hòa, ngày 25 tháng 9 n&éim 2022"
    d = read_date(line)
    assert d is not None and line[d.start :].startswith("Khánh Hòa")


@pytest.mark.parametrize(("text", "clean"), [
    ("cơ quan nhà nước trên-địa bàn tỉnh", "cơ quan nhà nước trên địa bàn tỉnh"),  # glued between lower-case words
    ("phát triển kinh tế - xã hội", "phát triển kinh tế - xã hội"),  # a phrase's dash between spaces
    ("tỉnh Bà Rịa-Vũng Tàu", "tỉnh Bà Rịa-Vũng Tàu"),  # a name's
    ("giai đoạn 2021-2025", "giai đoạn 2021-2025"),
])
def test_a_dash_glued_between_two_words(text: str, clean: str) -> None:
    from pipeline.structure.header_specks import clean_field_edges

    assert clean_field_edges(text) == clean


def test_an_authority_whose_first_word_was_read_in_lower_case() -> None:
    from pipeline.structure.header import _caps_line

    assert _caps_line("ủy BAN NHÂN DÂN") == "ỦY BAN NHÂN DÂN"
    assert _caps_line("và các sở ban") is None



def test_two_words_glued_with_a_digit_glyph() -> None:
    """"kinh tés6": tế and số glued, the ố read as 6; the body puts "tế số" after "kinh" always."""
    body = ["Phát triển kinh tế số, kinh tế số trên địa bàn; kinh tế số của tỉnh."]
    assert decoded_from_body("Xây dựng phát triển kinh tés6 trên địa bàn tỉnh", body) == \
        "Xây dựng phát triển kinh tế số trên địa bàn tỉnh"
    assert decoded_from_body("Phòng chống COVID19 trên địa bàn", body) == "Phòng chống COVID19 trên địa bàn"


def test_a_letters_v_v_read_as_vw() -> None:
    from pipeline.structure.header import _RE_VV

    assert _RE_VV.match("VW triển khai công tác")
    assert not _RE_VV.match("VW Group triển khai")  # a name in capitals after it: no V/v


def test_a_speck_line_between_the_title_and_the_trich_yeu() -> None:
    """A speck read as a mark alone on its line (":" of a few pixels) is no line of the header."""
    from pipeline.structure.header_title import _summary

    box = (1000, 600, 1600, 650)
    lines = [Ln(":", 1, (1659, 619, 1660, 622), "R"), Ln("Hướng dẫn phát triển du lịch", 1, box, "C", centered=True)]
    assert _summary(lines, 0)[0] == ["Hướng dẫn phát triển du lịch"]
