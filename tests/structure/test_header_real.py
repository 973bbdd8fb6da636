"""Header fields as the real scans show them (issue 18: ``scripts.bench.realscan_metadata``): a
later page that cites a date, number lines with a hand-written number."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.structure.header import parse_header
from pipeline.structure.layout import Ln


def _geo(rows: list[tuple[str, str]]) -> list[Ln]:
    """Lines with geometry: (column, text), one row per 40 px."""
    out = []
    for k, (col, text) in enumerate(rows):
        x0 = 1300 if col == "R" else 200
        out.append(Ln(text, 2, (x0, 100 + 40 * k, x0 + 20 * len(text), 130 + 40 * k), col))
    return out


def test_a_later_page_that_cites_a_date_has_no_header() -> None:
    """Page 2 of a letter: running text, then the tail of a line ("... ngày 04/8/2020 (ông X
    nhận.)") split off to the right: no motto, no Số, so that date is the body's, not the document's."""
    lines = _geo([
        ("L", "Báo cáo công tác chuẩn bị, kiểm tra, rà soát về Sở Giáo dục và Đào"),
        ("L", "tạo trước 14 giờ 00 ngày 29/7/2020."),
        ("L", "b) Hiệu trưởng các trường trung học phổ thông, giám đốc các trung tâm"),
        ("L", "giáo dục thường xuyên có trách nhiệm chỉ đạo rà soát tình hình sức khỏe"),
        ("L", "thở trước 10 giờ 00"),
        ("R", "ngày 04/8/2020 (ông Ngô Ngọc Hoàng Vương nhận.)"),
        ("L", "Thủ trưởng các đơn vị, trường học chủ động, sẵn sàng huy động tất cả cơ"),
    ])
    hr = parse_header(lines)
    assert hr.header.date is None and hr.end == 0


def test_a_damaged_header_with_only_its_date_keeps_the_date() -> None:
    lines = _geo([
        ("L", "ỦY BAN NHÂN DÂN"),
        ("R", "Quảng Ngãi, ngày 06 tháng 11 năm 2024"),
        ("L", "TỈNH QUẢNG NGÃI"),
    ])
    assert parse_header(lines).header.date == "2024-11-06"


def _number(left: list[str]) -> object:
    from pipeline.structure.header import _Columns, _parse_columns

    cols = _Columns()
    cols.add([("L", t) for t in left], geo=True)
    return _parse_columns(cols.left, [])


@pytest.mark.parametrize(("line", "number"), [
    ("Số: 4/35 /SGDĐT-CTrTT", "/SGDĐT-CTrTT"),  # a hand-written 1535 read with a slash: the symbol only
    ("Số: 12/2020 /NĐ-CP", "12/2020/NĐ-CP"),  # NUMBER/YEAR, then the blank: one symbol
    ("số: Š/KH-DCT", "/KH-DCT"),  # the label's S read small, a pen's 753 read as one marked glyph
    ("Số: S/KH-UBND", "5/KH-UBND"),  # a plain glyph glued to the slash stays a worn 5
    ("Số : 0/TB-HTTT", "/TB-HTTT"),  # no document is number 0
    ("Số: 01/TB-BGH", "01/TB-BGH"),
])
def test_number_lines_with_a_hand_written_number(line: str, number: str) -> None:
    assert _number(["ỦY BAN NHÂN DÂN", line])["number"] == number


def test_a_faculty_under_its_university_is_the_issuer() -> None:
    f = _number(["TRƯỜNG ĐẠI HỌC", "CÔNG NGHỆ THÔNG TIN", "KHOA HỆ THỐNG THÔNG TIN", "Số: 01/TB-HTTT"])
    assert (f["parent_authority"], f["authority"]) == ("TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN", "KHOA HỆ THỐNG THÔNG TIN")


def test_a_letter_whose_vv_was_lost_is_a_cong_van() -> None:
    """The "v/v" before a letter's trích yếu lost to OCR: short left-column lines under Số, then
    Kính gửi, are its trích yếu all the same."""
    lines = _geo([
        ("L", "CÔNG AN TP ĐÀ NẴNG"), ("R", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("L", "PHÒNG AN CHÍNH TRỊ NỘI BỘ"), ("R", "Độc lập - Tự do - Hạnh phúc"),
        ("L", "Số: 115/CV-PA83"), ("R", "Đà Nẵng, ngày 26 tháng 4 năm 2018"),
        ("L", "thông báo hoạt động của tà đạo"),
        ("L", "Hội thánh Đức Chúa trời"),
        ("L", "Kính gửi: Sở Giáo dục và Đào tạo thành phố Đà Nẵng;"),
    ])
    h = parse_header(lines).header
    assert h.doc_type == "CÔNG VĂN" and h.summary == "thông báo hoạt động của tà đạo Hội thánh Đức Chúa trời"


def test_a_title_read_into_the_right_column_ends_the_header_without_a_date() -> None:
    """The day hand-written (no date read) and the title "CHỈ THỊ" read as right-column text: the
    title still ends the header, and its trích yếu is not run into the body."""
    lines = _geo([
        ("L", "ỦY BAN NHÂN DÂN"), ("R", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("L", "TỈNH QUẢNG NGÃI"), ("R", "Độc lập - Tự do - Hạnh phúc"),
        ("L", "Số: …/CT-UBND"), ("R", "Quảng Ngãi, ngày … tháng 3 năm 2018"),
        ("R", "CHỈ THỊ"),
        ("C", "Về việc tăng cường công tác thi hành án hành chính"),
        ("C", "trên địa bàn tỉnh Quảng Ngãi"),
        ("C", "thời gian qua, công tác triển khai thi hành Luật tố tụng hành chính đã đạt kết quả."),
    ])
    lines[-1] = replace(lines[-1], gap_before=True)  # its first word lost under a rubber stamp
    h = parse_header(lines).header
    assert h.doc_type == "CHỈ THỊ"
    assert h.summary is not None and h.summary.startswith("Về việc tăng cường") and "thời gian qua" not in h.summary
