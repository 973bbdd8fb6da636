"""Header fields as English-model OCR of a legacy scan leaves them (issue 13, fresh dev seeds
2800-2831): a trích yếu word whose first glyph was misread into an onset no Vietnamese word has."""

from __future__ import annotations

from pipeline.structure.summary_words import onsets_from_body

BODY = ["Các cơ quan, đơn vị trên địa bàn tỉnh thực hiện.",
        "Tổ chức kiểm tra trên địa bàn huyện; rà soát trên địa bàn xã.",
        "Công tác quản lý địa bàn, phối hợp với địa phương."]


def test_a_foreign_onset_is_read_as_the_body_reads_the_word() -> None:
    assert onsets_from_body("Quản lý đất đai trên địa pan tỉnh", BODY) == "Quản lý đất đai trên địa bàn tỉnh"
    assert onsets_from_body("Quản lý đất đai trên địa pan", BODY) == "Quản lý đất đai trên địa bàn"  # the last word


def test_a_native_onset_or_a_word_the_body_does_not_bear_out_stays() -> None:
    assert onsets_from_body("Phòng, chống thiên tai trên địa bàn", BODY) == "Phòng, chống thiên tai trên địa bàn"
    assert onsets_from_body("Lắp đặt pin mặt trời", BODY) == "Lắp đặt pin mặt trời"  # nothing in the body
    assert onsets_from_body("Phát triển tỉnh Pắc Bó", BODY) == "Phát triển tỉnh Pắc Bó"  # a name keeps its capital


def test_a_letter_of_the_caps_line_misread_loses_to_two_readings_that_agree() -> None:
    """"TỈNH YÊN BAL" (an I read as L) over a date line and a trích yếu that both read "Yên Bái"."""
    from pipeline.structure.header import parse_header
    from pipeline.structure.layout import Ln

    rows = ["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH YÊN BAL Độc lập - Tự do - Hạnh phúc",
            "Số: 122/CTr-UBND Yên Bái, ngày 01 tháng 01 năm 2020", "CHƯƠNG TRÌNH",
            "Thực hành tiết kiệm, chống lãng phí trên địa bàn tỉnh Yên Bái năm 2020",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"]
    h = parse_header([Ln(t, 1) for t in rows]).header
    assert (h.authority, h.place) == ("ỦY BAN NHÂN DÂN TỈNH YÊN BÁI", "Yên Bái")
    assert h.summary == "Thực hành tiết kiệm, chống lãng phí trên địa bàn tỉnh Yên Bái năm 2020"


def test_a_caps_line_one_letter_off_a_single_reading_stays() -> None:
    from pipeline.structure.header_summary_years import locality_by_vote

    f: dict[str, object] = {"authority": "ỦY BAN NHÂN DÂN TỈNH YÊN BAL", "place": "Yên Bal", "place_read": "Yên Bái"}
    assert locality_by_vote("Thực hành tiết kiệm trên địa bàn tỉnh Yên Bal", f) == {}  # the trích yếu sides with it


def test_a_year_split_at_a_gap_between_its_digits() -> None:
    from pipeline.structure.header_date import read_date

    line = "Số: 149/CTr-UBND Phú Yên, ngày 16 tháng 8 năm 201 9"
    d = read_date(line)
    assert d is not None and (d.iso, d.place) == ("2019-08-16", "Phú Yên") and line[d.start : d.end].endswith("201 9")
    assert read_date("Phú Yên, ngày 16 tháng 8 năm 2019 12") is not None  # a whole year read as it stands


def test_a_word_that_lost_its_first_glyph_is_read_as_the_body_reads_it_after_the_same_two() -> None:
    from pipeline.structure.summary_words import lost_glyph_from_body

    body = ["Nâng cao năng lực cạnh tranh cấp tỉnh.", "Chỉ số năng lực cạnh tranh cấp tỉnh, cạnh tranh cấp huyện.",
            "Cải thiện năng lực cạnh tranh cấp tỉnh; cạnh tranh cấp tỉnh."]
    assert lost_glyph_from_body("Nâng cao năng lực cạnh tranh ép tỉnh năm 2023", body) == \
        "Nâng cao năng lực cạnh tranh cấp tỉnh năm 2023"
    # a word that kept its first glyph, or the body's word far from it, stays
    assert lost_glyph_from_body("Nâng cao năng lực cạnh tranh của tỉnh", body) == "Nâng cao năng lực cạnh tranh của tỉnh"
