"""Appendix rows from a legacy-OCR line stream (issue 13, fresh dev seeds 2500-2615): numbers
misread into another row's, a row's timeframe garbled or closed on a later line, group titles
cut by gaps, column headers read without their titles' marks.  Small tables made up in each test."""

from __future__ import annotations

import pytest

from pipeline.structure.text_table import rows_from_text_lines
from pipeline.structure.text_table_cells import _time_dash
from pipeline.structure.text_table_header import _table_kinds
from pipeline.structure.text_table_labels import match_label

HEADER5 = ["TT\tNHIỆM VỤ\tĐƠN VỊ CHỦ TRÌ\tĐƠN VỊ PHỐI HỢP\tTHỜI GIAN"]


def _rows(lines: list[str], page_no: int = 4) -> list[tuple[str, ...]]:
    t = rows_from_text_lines([(page_no, ln) for ln in lines])
    assert t is not None
    return [r.cells for r in t.rows]


def test_a_bare_number_whose_row_ends_with_the_next_groups_title() -> None:
    """"2" alone after 1.1, a whole row held under it, a title alone, then "2.1": the number was
    1.2's (its group and dot lost), the title group 2's."""
    lines = [*HEADER5, "1\tHiệu quả công tác bảo đảm an toàn thông tin mạng",
             "1.1\tĐẩy mạnh các nhiệm vụ, giải pháp về\tSở Tài chính\tSở Nội vụ\tNăm 2020",
             "bảo đảm an toàn thông tin mạng.",
             "2",
             "Đẩy mạnh sự phối hợp giữa các sở,\tSở Tài chính",
             "ban, ngành và địa phương.",
             "Sở Thông tin và\tQuý II/2020",
             "Cơ sở dữ liệu phục vụ công tác bảo đảm an toàn thông tin mạng",
             "2.1\tTăng cường hệ thống văn bản quy phạm\tCông an tỉnh\tSở Tư pháp\tQuý IV/2020",
             "pháp luật liên quan."]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "2", "2.1"]
    assert rows[2][1].startswith("Đẩy mạnh sự phối hợp") and rows[2][4] == "Quý II/2020"
    assert rows[3][1] == "Cơ sở dữ liệu phục vụ công tác bảo đảm an toàn thông tin mạng"


def test_one_row_held_under_a_group_then_its_third_items_number() -> None:
    """Group 11's first row read with no number, then "11.3": one whole row held, so the number
    is 11.2's misread (a group starts at its first item; no row is lost whole between two read)."""
    lines = [*HEADER5, "10\tTitle mười cho nhóm việc", "10.1\tRà soát cơ sở dữ liệu.\tSở Nội vụ\tSở Tư pháp\tNăm 2021",
             "11\tViệc thực hiện các chỉ tiêu về bảo vệ môi trường năm 2021",
             "Nâng cao việc thực hiện các chỉ tiêu về\tSở Tài chính\tSở Nội vụ\tQuý I/2021",
             "bảo vệ môi trường năm 2021.",
             "11.3\tHướng dẫn các nhiệm vụ, giải pháp\tCông an tỉnh\tSở Tư pháp\tQuý II/2021",
             "về bảo vệ môi trường."]
    assert [r[0] for r in _rows(lines)] == ["10", "10.1", "11", "11.1", "11.2"]


@pytest.mark.parametrize(("frag", "fixed"), [
    ("2025 -:2027", "2025 - 2027"),  # a range's dash with a speck beside it
    ("2025 .- 2027", "2025 - 2027"),
    ("Hùng nạn", "Hằng năm"),  # a two-word timeframe garbled within two edits, each word's first letter kept
    ("Thuờng xuyèn", "Thường xuyên"),
    ("Hưng Yên", "Hưng Yên"),  # a name: too far from any
    ("Hàng nghìn", "Hàng nghìn"),
    ("Năm 2024", "Năm 2024"),
])
def test_timeframes_as_ocr_garbled_them(frag: str, fixed: str) -> None:
    assert _time_dash(frag) == fixed


def test_a_row_read_cell_after_cell_whose_timeframe_is_garbled() -> None:
    """"Hùng nạn" closes its row: the group title and the next rows after it are theirs."""
    lines = [*HEADER5, "5", "Cơ sở dữ liệu phục vụ công tác", "5.1", "Tăng cường các nhiệm vụ, giải pháp.", "Sở Nội vụ",
             "Sở Tài chính", "Tháng 6/2022", "Rà soát các nhiệm vụ, giải pháp về", "bảo vệ môi trường.",
             "Sở Kế hoạch và", "Đầu tư", "UBND các huyện, thị", "xã, thành phố", "Hùng nạn",
             "Hệ thống văn bản quy phạm pháp luật liên quan đến bảo vệ môi trường", "Rà soát các nhiệm vụ, giải pháp về",
             "bảo vệ môi trường, bảo đảm đúng.", "Đài Phát thanh và", "Truyền hình tỉnh", "Công an tỉnh", "2022 - 2024",
             "6.2", "Hướng dẫn cơ sở dữ liệu phục vụ.", "Sở Tư pháp", "Sở Nội vụ", "Quý II/2022"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["5", "5.1", "5.2", "6", "6.1", "6.2"]
    assert rows[2][4] == "Hằng năm" and rows[4][3] == "Công an tỉnh"


def test_a_lone_i_after_arabic_items_is_no_roman_part() -> None:
    assert match_label("I", ["7", "7.1"]) is None
    assert match_label("I", []) == ("I", False)  # a table that opens with its Roman parts
    assert match_label("II", ["I", "1", "2"]) == ("II", False)


def test_a_line_that_closes_the_rows_timeframe_then_a_new_sentence() -> None:
    """1.1 read side by side, its timeframe closed on its second line ("Thường" / "xuyên"); the
    next row's number lost, its task then its units one per line: a row of its own."""
    lines = [*HEADER5, "1\tHiệu quả công tác phát triển du lịch bền vững",
             "1.1\tHướng dẫn sự phối hợp giữa các sở,\tSở Kế hoạch và\tVăn phòng UBND\tThường",
             "ban, ngành và địa phương, một cách\tĐầu tư tỉnh xuyên",
             "Rà soát các nhiệm vụ, giải pháp về", "phát triển du lịch bền vững, một cách", "thiết thực, hiệu quả.",
             "Đài Phát thanh và", "Truyền hình tỉnh", "UBND các huyện, thị", "xã, thành phố", "Năm 2024",
             "1.3\tHướng dẫn cơ sở dữ liệu phục vụ\tCác sở, ban, ngành\tSở Tư pháp\tHằng năm"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3"]
    assert rows[2][1].startswith("Rà soát") and rows[2][2] == "Đài Phát thanh và Truyền hình tỉnh"


def test_a_group_title_cut_at_gaps_read_as_rules() -> None:
    """No numbers on the page; a title garbled and cut at gaps ("Cả 80 đất ⇥ Liệu phục vụ ... ⇥
    Kang phí"): a piece wider than the task column and no unit or timeframe, so a group's title."""
    lines = [*HEADER5, "8\tViệc thực hiện các chỉ tiêu về thực hành tiết kiệm",
             "8.1\tHoàn thiện sự phối hợp giữa\tUBND các\tSở Giáo dục và\tQuý",
             "các sở, ban, ngành và địa\thuyện, thị xã,\tĐào tạo\tI/2022",
             "phương, trên địa bàn toàn tỉnh.\tthành phố",
             "Cả 80 đất\tLiệu phục vụ công tác thực hành tiết kiệm, chống\tKang phí",
             "Xây dựng hiệu quả công tác\tCông an tỉnh\tSở Nội vụ\tTháng",
             "thực hành tiết kiệm, chống\t6/2022", "lãng phí.",
             "Triển khai hệ thống văn bản\tSở Tư pháp\tSở Nội vụ\tQuý",
             "quy phạm pháp luật liên quan\tIII/2022", "đến thực hành tiết kiệm."]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["8", "8.1", "9", "9.1", "9.2"]


@pytest.mark.parametrize(("header", "kinds"), [
    # "NOEDUNG" for NỘI DUNG, the TT title lost: two titles read besides, four columns still
    (["NOEDUNG CÔNG VIỆC CƠ QUAN CHỦ TRÌ\tTHỜI HẠN", "HOÀN", "THÀNH"], ["tt", "task", "lead", "time"]),
    # "DON VICHU": a unit column read without its marks, glued; not a note column
    (["TỪ:\tCHƯƠNG TRÌNH. NHIỆM VỤ\tDON VICHU\tĐƠN VỊ PHOL THƠ", "TRÌ HỢP GIAN", "THỰC", "HIỆN"],
     ["tt", "task", "lead", "coord", "time"]),
    # "CGO QUAN CƠ QUAN" / "PHOTHOP": two unit columns by QUAN twice, the second's title unreadable
    (["TT NHIỆM VỤ CGO QUAN CƠ QUAN\tSẢN PHẨM\tTHỜI", "CHỦ TRÌ PHOTHOP GIAN"],
     ["tt", "task", "lead", "coord", "product", "time"]),
    (["THỜI GIAN THỰC HIỆN"], ["tt", "task", "lead", "coord", "time"]),  # one title alone: the usual columns
])
def test_column_headers_read_garbled(header: list[str], kinds: list[str]) -> None:
    assert _table_kinds(header) == kinds


def test_a_header_whose_tt_title_was_read_as_two_scraps() -> None:
    """"on i NHIỆM VỤ ...": two short scraps where TT stood, then the titles: the header line."""
    from pipeline.structure.text_table_header import is_header_line

    assert is_header_line("on i NHIỆM VỤ CƠ QUAN CƠ QUAN\tSANPHAM\tTHỜI")
    assert not is_header_line("và các sở, ban, ngành")



def test_two_digits_alone_after_rows_held_under_the_first_group() -> None:
    """Cells one per line and no number read from the first group on; "24" alone after a row's
    timeframe: item 2.4 with its dot lost (the rows held before it are 1.1 to 2.3, titles among
    them), not a number to drop."""
    header = ["STT", "NỘI DUNG CÔNG VIỆC", "CƠ QUAN CHỦ TRÌ", "THỜI HẠN", "HOÀN", "THÀNH"]
    lines = [*header, "Hiệu quả công tác thực hành tiết kiệm, chống lãng phí",
             "Tăng cường việc thực hiện các chỉ tiêu.", "Văn phòng UBND tỉnh", "Quý II/2022",
             "Đôn đốc hiệu quả công tác thực hành.", "Sở Tài chính", "Thường xuyên",
             "Cơ sở dữ liệu phục vụ công tác thực hành tiết kiệm, chống lãng phí",
             "Đẩy mạnh sự phối hợp giữa các sở.", "Công an tỉnh", "Quý II/2022",
             "Rà soát sự phối hợp giữa các sở.", "Sở Nội vụ", "Năm 2022",
             "Xây dựng hiệu quả công tác thực hành.", "Sở Tư pháp", "Năm 2022",
             "24", "Kiểm tra, giám sát việc thực hiện.", "Văn phòng UBND tỉnh", "Quý IV/2022"]
    assert [r[0] for r in _rows(lines)] == ["1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "2.4"]
