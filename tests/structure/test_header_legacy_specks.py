"""Legacy English-model OCR headers of generated documents (issue 13, fresh dev seeds 3700-3911):
a "Số" label read "$6;" with a speck before the number, and a speck between "năm" and its year."""

from __future__ import annotations

from pipeline.structure.header import parse_header
from pipeline.structure.header_number import number_label
from pipeline.structure.header_summary_years import summary_years
from pipeline.structure.header_title import _JUNK_HEAD
from pipeline.structure.layout import Ln


def test_a_label_read_as_dollar_six_and_a_speck_before_the_number() -> None:
    assert _JUNK_HEAD.sub("", "$6; .42/KH-UBND") == "$6; .42/KH-UBND"  # the label's S, not a speck
    assert _JUNK_HEAD.sub("", "$ Kế hoạch") == "Kế hoạch"
    assert number_label("$6; .42/KH-UBND") == "Số: 42/KH-UBND"
    assert number_label("S6: ,42/KH-UBND") == "Số: 42/KH-UBND"
    assert number_label("Sở: .42 cán bộ") == "Sở: .42 cán bộ"  # no symbol after it: no số


def test_the_authority_keeps_no_piece_of_the_number_line() -> None:
    lines = [Ln(t, 1) for t in (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "HUYỆN ĐỨC PHỔ Độc lập - Tự do - Hạnh phúc",
        "$6; .42/KH-UBND Đức Phổ, ngày 3 tháng 5 năm 2021",
        "KẾ HOẠCH",
        "Phát triển nông nghiệp trên địa bàn huyện năm 2021",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    )]
    header = parse_header(lines).header
    assert header.authority == "ỦY BAN NHÂN DÂN HUYỆN ĐỨC PHỔ"
    assert header.number == "42/KH-UBND"


def test_a_speck_between_nam_and_its_year() -> None:
    assert summary_years("trên địa bàn tỉnh năm: 2025") == "trên địa bàn tỉnh năm 2025"
    assert summary_years("giai đoạn năm. 2021-2025") == "giai đoạn năm 2021-2025"
    assert summary_years("kế hoạch năm học: 2024") == "kế hoạch năm học: 2024"  # a colon after another word stays


def test_a_word_restored_as_another_mark_reads_as_the_body_puts_it_after_the_same_two() -> None:
    from pipeline.structure.summary_words import near_after_body

    body = ["xây dựng nông thôn mới; nông thôn mới nâng cao", "về nông thôn mới."]
    assert near_after_body("Xây dựng nông thôn mãi trên địa bàn", body) == "Xây dựng nông thôn mới trên địa bàn"
    assert near_after_body("Xây dựng nông thôn mãi", body[:1]) == "Xây dựng nông thôn mãi"  # twice: not enough
    assert near_after_body("Xây dựng nông thôn bền vững", body) == "Xây dựng nông thôn bền vững"  # another word
