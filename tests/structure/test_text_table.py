"""Appendix rows from a restored legacy-OCR line stream: labels, header repeats, columns."""

from __future__ import annotations

import pytest

from pipeline.structure import document_from_text
from pipeline.structure.text_table import rows_from_text_lines
from pipeline.structure.text_table_header import columns_from_header
from pipeline.structure.text_table_labels import _lone_label, match_label
from pipeline.vn.timeframes import canonical_time

HEADER = ["TT\tCHƯƠNG TRÌNH, NHIỆM VỤ\tĐƠN VỊ CHỦ\tĐƠN VỊ PHỐI\tTHỜI", "TRÌ\tHỢP\tGIAN", "THỰC", "HIỆN"]


def _rows(lines: list[str], page_no: int = 4) -> list[tuple[str, ...]]:
    t = rows_from_text_lines([(page_no, ln) for ln in lines])
    assert t is not None
    return [r.cells for r in t.rows]


@pytest.mark.parametrize(
    ("token", "prev", "want"),
    [
        ("1.2", ["1", "1.1"], ("1.2", False)),
        ("L2", ["1", "1.1"], ("1.2", True)),
        ("47", ["4", "4.5", "4.6"], ("4.7", True)),
        ("213", ["2", "2.12"], ("2.13", True)),
        ("5_", ["4", "4.1"], ("5", True)),
        ("2.", ["1", "1.1"], ("2", False)),
        ("32", ["2", "2.1"], ("3.2", True)),  # group 3 and item 3.1 lost: one step further
        ("Sở", ["1"], None),
        ("2024", ["1", "1.1"], None),
        ("712", ["7", "7.1"], None),  # not 7.1.2 (7.1.1 never read): 7.2 its dot read as "1", told from the line
        ("711", ["7", "7.1"], ("7.1.1", True)),
        ("713", ["7", "7.1", "7.1.1", "7.1.2"], ("7.1.3", True)),
    ],
)
def test_labels_follow_the_numbering(token: str, prev: list[str], want: tuple[str, bool] | None) -> None:
    assert match_label(token, prev) == want


def test_header_over_several_lines_gives_the_columns() -> None:
    assert columns_from_header(" ".join(HEADER)) == ["tt", "task", "lead", "coord", "time"]
    assert columns_from_header("TT Nội dung Đơn vị chủ trì Thời gian") == ["tt", "task", "lead", "time"]


def test_side_by_side_cells_are_placed_in_columns() -> None:
    lines = [
        *HEADER,
        "1\tCông tác thông tin đối ngoại",
        "1.1\tTriển khai hiệu quả công tác\tSở Nội vụ\tSở Tài chính, Công\tNăm 2025",
        "thông tin đối ngoại trên địa bàn\tan tỉnh",
        "L2\tTổ chức tập huấn cho cán bộ Sở Thông tin và Truyền thông UBND các huyện Quý II/2025",
    ]
    rows = _rows(lines)
    assert rows[0] == ("1", "Công tác thông tin đối ngoại")
    assert rows[1] == ("1.1", "Triển khai hiệu quả công tác thông tin đối ngoại trên địa bàn", "Sở Nội vụ",
                       "Sở Tài chính, Công an tỉnh", "Năm 2025")
    # no rule was read on the last line: the cells are cut at unit names and the timeframe
    assert rows[2] == ("1.2", "Tổ chức tập huấn cho cán bộ", "Sở Thông tin và Truyền thông", "UBND các huyện",
                       "Quý II/2025")


def test_cells_one_after_another_and_header_repeats() -> None:
    lines = [
        *HEADER,
        "1\tSự phối hợp giữa các sở, ban, ngành",
        "1.1",
        "Hoàn thiện cơ sở dữ liệu phục vụ",
        "công tác cải cách hành chính.",
        "Sở Nội vụ",
        "UBND các huyện,",
        "thị xã, thành phố",
        "Thường",
        "xuyên",
        "5",  # the page number of the next page
        *HEADER,
        "1.2",
        "Rà soát văn bản",
        "Sở Tư pháp",
        "Năm 2025",
    ]
    t = rows_from_text_lines([(4, ln) for ln in lines[:13]] + [(5, ln) for ln in lines[13:]])
    assert t is not None
    rows = [r.cells for r in t.rows]
    assert rows[1] == ("1.1", "Hoàn thiện cơ sở dữ liệu phục vụ công tác cải cách hành chính.", "Sở Nội vụ",
                       "UBND các huyện, thị xã, thành phố", "Thường xuyên")
    assert rows[2][0] == "1.2" and rows[2][-1] == "Năm 2025"
    assert [r.page_no for r in t.rows] == [4, 4, 5]


def test_unplaceable_text_stays_in_the_row() -> None:
    rows = _rows([*HEADER, "1\tNhóm", "1.1\tViệc một\tSở Nội vụ", "một đoạn không rõ cột", "1.2\tViệc hai"])
    assert "một đoạn không rõ cột" in " ".join(rows[1])


def test_legacy_plan_with_appendix_parses_whole() -> None:
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BÌNH ĐỊNH Độc lập - Tự do - Hạnh phúc\n"
        "Số: 119 /KH-UBND Bình Định, ngày 07 tháng 06 năm 2024\nKẾ HOẠCH\nTriển khai công tác thông tin đối ngoại\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nI. MỤC ĐÍCH\nNội dung.\n"
        "\fPHỤ LỤC\nDANH MỤC NHIỆM VỤ\n(Kèm theo Kế hoạch số 119/KH-UBND ngày 07/6/2024 của UBND tỉnh)\n"
        + "\n".join(HEADER)
        + "\n1\tThông tin đối ngoại\n1.1\tCung cấp thông tin\tSở Nội vụ\tCác sở, ban, ngành\tNăm 2024\n"
        "L2\tQuảng bá hình ảnh\tSở Tài chính\tCông an tỉnh\tHằng năm\n"
    )
    d = document_from_text(text, "plan.txt")
    assert d.header.number == "119/KH-UBND"
    assert d.header.authority == "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH"
    rows = d.appendices[0].tables[0].rows
    assert [r.cells[0] for r in rows] == ["1", "1.1", "1.2"]
    assert rows[2].cells == ("1.2", "Quảng bá hình ảnh", "Sở Tài chính", "Công an tỉnh", "Hằng năm")


def test_a_first_item_that_lost_its_number_is_rebuilt() -> None:
    rows = _rows([*HEADER, "3\tCác nhiệm vụ về cải cách hành chính", "Rà soát văn bản\tSở Tư pháp\tNăm 2025",
                  "3.2\tKiểm tra việc thực hiện\tSở Nội vụ\tHằng năm"])
    assert [r[0] for r in rows] == ["3", "3.1", "3.2"]
    assert rows[1][1] == "Rà soát văn bản" and rows[1][-1] == "Năm 2025"
    assert rows[0] == ("3", "Các nhiệm vụ về cải cách hành chính")


def test_appendix_heading_garbled_or_lost() -> None:
    body = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BÌNH ĐỊNH Độc lập - Tự do - Hạnh phúc\n"
        "Số: 12/KH-UBND Bình Định, ngày 07 tháng 06 năm 2024\nKẾ HOẠCH\nTriển khai công tác\n"
        "I. MỤC ĐÍCH\nNội dung.\nNơi nhận: KT. CHỦ TỊCH\n- Như trên; PHÓ CHỦ TỊCH\n- Lưu: VT.\nNguyễn Văn An\n"
    )
    table = "\n".join(HEADER) + "\n1\tThông tin\n1.1\tCung cấp thông tin\tSở Nội vụ\tCác sở\tNăm 2024\n1.2\tQuảng bá\tSở Tài chính\tCông an tỉnh\tHằng năm\n"
    garbled = document_from_text(body + "\fPHULUC. :\nDANH MỤC NHIỆM VỤ\n" + table, "a.txt")
    assert garbled.appendices[0].label == "PHỤ LỤC"
    assert garbled.appendices[0].title == "DANH MỤC NHIỆM VỤ"
    assert [r.cells[0] for r in garbled.appendices[0].tables[0].rows] == ["1", "1.1", "1.2"]
    # a scrap of the page's border read before the heading (": PHU LUC"), the TT title misread
    # ("SIT"): the table still starts at its first page, not where the header is next read well
    sit = "\n".join(["SIT NỘI DUNG CÔNG VIỆC CƠ QUAN CHỦ TRÌ\tTHỜI HẠN", "HOÀN", "THÀNH"])
    again = sit.replace("SIT", "STT")
    rows = "1\tThông tin\n1.1\tCung cấp thông tin\tSở Nội vụ\tNăm 2024\n"
    more = "2\tKiểm tra\n2.1\tKiểm tra việc thực hiện\tSở Tư pháp\tHằng năm\n"
    junk = document_from_text(body + "\f: PHU LUC\nDANH MỤC NHIỆM VỤ\n" + sit + "\n" + rows + "\f" + again + "\n" + more,
                              "c.txt")
    assert junk.appendices[0].label == "PHỤ LỤC"
    dotted = document_from_text(body + "\fPHU. LUC\nDANH MỤC NHIỆM VỤ\n" + sit + "\n" + rows + "\f" + again + "\n" + more,
                                "d.txt")
    assert [r.cells[0] for r in dotted.appendices[0].tables[0].rows] == ["1", "1.1", "2", "2.1"]
    # the heading unreadable: the table starts at its first header, its TT title misread or not
    lost2 = document_from_text(body + "\fPIIU 1.UC\nDANH MỤC NHIỆM VỤ\n" + sit + "\n" + rows + "\f" + again + "\n" + more,
                               "e.txt")
    assert [r.cells[0] for r in lost2.appendices[0].tables[0].rows] == ["1", "1.1", "2", "2.1"]
    assert [r.cells[0] for r in junk.appendices[0].tables[0].rows] == ["1", "1.1", "2", "2.1"]
    lost = document_from_text(body + "\f" + table, "b.txt")
    assert [r.cells[0] for r in lost.appendices[0].tables[0].rows] == ["1", "1.1", "1.2"]
    assert lost.signature is not None


def test_a_year_is_no_label_before_the_first_number_read() -> None:
    # the first group's number lost, its title read; the first item's label junk; its timeframe a
    # range wrapped over two lines ("2025 -" / "2030"): the year is the timeframe, not row "2025",
    # and "12" read alone after it is item 1.2 (the lost group 1 stands as read)
    header = ["TT", "NHIỆM VỤ", "CƠ QUAN", "CHỦ TRÌ", "CƠ QUAN", "PHỐI HỢP", "THỜI", "GIAN"]
    lines = [*header, "Công tác cải cách hành chính", "lá", "Kiểm tra, giám sát các nhiệm",
             "vụ cải cách hành chính.", "Sở Nội vụ", "Sở Tư pháp", "2025 -", "2030", "12",
             "Hoàn thiện hệ thống văn bản", "Sở Tài chính", "Sở Nội vụ", "Thường", "xuyên"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2"]
    assert rows[1][2:] == ("Sở Nội vụ", "Sở Tư pháp", "2025 - 2030")
    assert rows[2][1:] == ("Hoàn thiện hệ thống văn bản", "Sở Tài chính", "Sở Nội vụ", "Thường xuyên")


def test_a_row_after_a_timeframe_line_whose_number_was_lost() -> None:
    # a row read side by side, then its units and timeframe one per line; the next row's number
    # lost: its task opens right after the timeframe line, then its unit alone on its line
    lines = [*HEADER, "2\tNhóm nhiệm vụ", "2.1",
             "Đẩy mạnh các nhiệm vụ về\tSở Tài chính", "cải cách hành chính.", "Sở Kế hoạch và Đầu tư,",
             "Công an tỉnh", "Quý II/2024",
             "Tăng cường việc thực hiện các chỉ", "tiêu về cải cách hành chính.", "Sở Nội vụ",
             "Sở Tài chính, Sở Tư", "pháp", "Tháng", "6/2024"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["2", "2.1", "2.2"]
    assert rows[1][1:] == ("Đẩy mạnh các nhiệm vụ về cải cách hành chính.", "Sở Tài chính",
                           "Sở Kế hoạch và Đầu tư, Công an tỉnh", "Quý II/2024")
    assert rows[2][1:] == ("Tăng cường việc thực hiện các chỉ tiêu về cải cách hành chính.", "Sở Nội vụ",
                           "Sở Tài chính, Sở Tư pháp", "Tháng 6/2024")


def test_a_range_wrapped_in_the_task_is_no_timeframe() -> None:
    # cells one per line; the task's own range wrapped ("2024 -" / "2027."): the year ends the
    # sentence, the timeframe cell comes after the unit
    lines = [*HEADER, "7\tNhóm nhiệm vụ", "7.1", "Hướng dẫn việc thực hiện các chỉ tiêu,",
             "trong giai đoạn 2024 -", "2027.", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Quý II/2024"]
    rows = _rows(lines)
    assert rows[1] == ("7.1", "Hướng dẫn việc thực hiện các chỉ tiêu, trong giai đoạn 2024 - 2027.",
                       "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Quý II/2024")


def test_a_group_title_wrapped_over_three_lines_whose_number_was_lost() -> None:
    lines = [*HEADER, "9\tNhóm nhiệm vụ", "9.1", "Rà soát văn bản.", "Sở Tư pháp", "Sở Nội vụ", "Năm 2025",
             "Chất lượng đội ngũ cán bộ, công chức làm công", "tác cải cách hành", "chính",
             "Kiểm tra việc thực hiện.", "Sở Nội vụ", "Sở Tài chính", "Hằng năm"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["9", "9.1", "10", "10.1"]
    assert rows[2] == ("10", "Chất lượng đội ngũ cán bộ, công chức làm công tác cải cách hành chính")
    assert rows[3][1:] == ("Kiểm tra việc thực hiện.", "Sở Nội vụ", "Sở Tài chính", "Hằng năm")


def test_a_lost_row_read_side_by_side_with_no_unit_on_its_first_line() -> None:
    # after a finished row, a new sentence and a timeframe on one line (the unit cell empty there):
    # a timeframe is short, once whole nothing joins it, so this opens a row whose number was lost
    lines = [*HEADER, "8\tNhóm nhiệm vụ", "8.3\tRà soát hiệu quả công tác\tSở Nội vụ\tSở Tư pháp\tQuý I/2021",
             "cải cách hành chính.", "Tuyên truyền, phổ biến việc thực hiện các chỉ tiêu Quý II/2021",
             "về cải cách hành chính.", "9\tNhóm khác"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["8", "8.3", "8.4", "9"]
    assert rows[2][1] == "Tuyên truyền, phổ biến việc thực hiện các chỉ tiêu về cải cách hành chính."
    assert rows[2][-1] == "Quý II/2021"


def test_a_first_group_number_misread_as_a_letter() -> None:
    # "1" read as "A" before a title, then items 1.x: the letter was the first group's number
    lines = [*HEADER, "A Các nhiệm vụ về cải cách hành chính",
             "Đôn đốc việc thực hiện các\tSở Nội vụ\tSở Tư pháp\tThường xuyên", "chỉ tiêu về cải cách.",
             "1.2\tTăng cường cơ sở dữ liệu\tSở Tài chính\tCông an tỉnh\tQuý I/2021"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2"]
    assert rows[0] == ("1", "Các nhiệm vụ về cải cách hành chính")
    assert rows[1][1:] == ("Đôn đốc việc thực hiện các chỉ tiêu về cải cách.", "Sở Nội vụ", "Sở Tư pháp", "Thường xuyên")
    lines[len(HEADER)] = "7 Các nhiệm vụ về cải cách hành chính"  # "1" read as "7"
    assert [r[0] for r in _rows(lines)] == ["1", "1.1", "1.2"]


def test_an_item_number_misread_ahead_of_the_sequence() -> None:
    # "2.4" read where 2.1 stands (a 1 read as 4), then 2.2 and 2.3: the first was 2.1
    lines = [*HEADER, "2\tNhóm nhiệm vụ", "2.4\tRà soát văn bản\tSở Tư pháp\tSở Nội vụ\tNăm 2025",
             "2.2\tKiểm tra việc thực hiện\tSở Nội vụ\tSở Tài chính\tHằng năm",
             "2.3\tTổng kết\tSở Nội vụ\tSở Tài chính\tQuý I/2026"]
    assert [r[0] for r in _rows(lines)] == ["2", "2.1", "2.2", "2.3"]


def test_a_garbled_quarter_still_ends_its_row() -> None:
    # "Quý I'V/2024": a quarter garbled between word and year is the timeframe, whole; the group
    # title read after it (its number lost, a scrap where 9.1 stood) opens the next group
    lines = ["TT\tNỘI DUNG\tCƠ QUAN CHỦ TRÌ\tTHỜI HẠN", "8\tNhóm nhiệm vụ", "8.1",
             "Tuyên truyền văn bản.", "Công an tỉnh", "Quý I'V/2024",
             "Hệ thống văn bản quy phạm pháp luật về cải cách hành chính", "ớt", "Đẩy mạnh các nhiệm vụ.",
             "Sở Nội vụ", "Tháng 6/2024", "9.2", "Tổng kết.", "Sở Tư pháp", "Năm 2024"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["8", "8.1", "9", "9.1", "9.2"]
    assert rows[1][2:] == ("Công an tỉnh", "Quý IV/2024") or rows[1][2] == "Công an tỉnh"
    assert rows[3][2:] == ("Sở Nội vụ", "Tháng 6/2024")


def test_a_label_alone_with_its_last_digit_read_as_a_paren() -> None:
    from pipeline.structure.text_table_labels import _lone_label

    assert _lone_label("5),", ["4", "4.1"]) == ("5.1", True)
    assert _lone_label("3)", ["3", "3.1"]) is None
    assert _lone_label("9)", ["1", "1.1"]) is None  # fits no place in the sequence


def test_a_lost_group_title_with_a_stray_full_stop_is_one_line() -> None:
    # the group's number lost, its title read with a stray "." ("thiên. tài"), which cuts it in
    # two pieces (no rule read, no unit among them): still one title line, spanning the cells
    items = [f"5.{k}\tXây dựng chất lượng đội ngũ\tSở Nội vụ\tSở Tư pháp\tQuý I/2021" for k in range(1, 6)]
    lines = [*HEADER, "5\tNhóm nhiệm vụ", *items, "cán bộ, công chức.",
             "Hệ thống văn bản quy phạm pháp luật liên quan đến phòng, chống thiên. tai",
             "Rà soát hiệu quả công tác\tSở Tài chính\tCác sở, ban, ngành\tQuý II/2021", "phòng, chống thiên tai.",
             "6.2\tĐẩy mạnh hệ thống văn bản\tSở Nội vụ\tSở Tư pháp\tNăm 2021"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["5", "5.1", "5.2", "5.3", "5.4", "5.5", "6", "6.1", "6.2"]
    assert rows[6][1] == "Hệ thống văn bản quy phạm pháp luật liên quan đến phòng, chống thiên. tai"


def test_a_row_whose_number_was_never_read_takes_the_next_number() -> None:
    lines = [*HEADER, "1\tNhóm nhiệm vụ", "1.1", "Rà soát văn bản", "Sở Tư pháp", "Năm 2025",
             "Kiểm tra việc thực hiện", "Sở Nội vụ", "Hằng năm"]
    t = rows_from_text_lines([(4, ln) for ln in lines])
    assert t is not None
    assert [r.cells for r in t.rows][1:] == [
        ("1.1", "Rà soát văn bản", "Sở Tư pháp", "", "Năm 2025"),
        ("1.2", "Kiểm tra việc thực hiện", "Sở Nội vụ", "", "Hằng năm"),
    ]


def test_roman_groups_with_items_numbered_again() -> None:
    head = ["TT\tNỘI DUNG\tĐƠN VỊ CHỦ TRÌ\tĐƠN VỊ PHỐI HỢP\tTHỜI GIAN"]
    lines = [*head, "I\tCÔNG TÁC TUYÊN TRUYỀN", "1\tTổ chức hội nghị\tSở Nội vụ\tCác sở, ngành\tNăm 2025",
             "2\tBiên soạn tài liệu\tSở Tư pháp\tSở Nội vụ\tQuý II/2025", "II\tCÔNG TÁC KIỂM TRA",
             "1\tKiểm tra việc thực hiện\tVăn phòng UBND tỉnh\tCác sở\tHằng năm",
             "L2\tSơ kết, tổng kết\tSở Nội vụ\tCác sở\tNăm 2026"]
    t = rows_from_text_lines([(3, ln) for ln in lines])
    assert t is not None
    assert [(r.kind, r.cells[0]) for r in t.rows] == [
        ("group", "I"), ("item", "1"), ("item", "2"), ("group", "II"), ("item", "1"), ("item", "2")]
    assert t.rows[5].cells[1:] == ("Sơ kết, tổng kết", "Sở Nội vụ", "Các sở", "Năm 2026")


def test_typed_table_with_one_cell_per_line() -> None:
    lines = ["TT", "NHIỆM VỤ", "ĐƠN VỊ CHỦ TRÌ", "ĐƠN VỊ PHỐI HỢP", "THỜI GIAN THỰC HIỆN",
             "1", "Công tác tuyên truyền", "1.1", "Hướng dẫn đội ngũ cán bộ, phù hợp với điều kiện thực tế của địa phương.",
             "Sở Giáo dục và Đào tạo", "Sở Nội vụ, Sở Kế hoạch và Đầu tư", "Năm 2020",
             "1.2", "Rà soát cơ sở dữ liệu.", "Sổ Kế hoạch và Đầu tư", "Công an tỉnh", "Hằng năm"]
    rows = _rows(lines)
    assert rows[1] == ("1.1", "Hướng dẫn đội ngũ cán bộ, phù hợp với điều kiện thực tế của địa phương.",
                       "Sở Giáo dục và Đào tạo", "Sở Nội vụ, Sở Kế hoạch và Đầu tư", "Năm 2020")
    # a head with a wrong mark ("Sổ") still opens the unit; the cell is written as the name is
    assert rows[2] == ("1.2", "Rà soát cơ sở dữ liệu.", "Sở Kế hoạch và Đầu tư", "Công an tỉnh", "Hằng năm")


def test_rows_read_side_by_side_whose_numbers_were_lost_are_renumbered_from_the_next_label() -> None:
    # 1.2 read, two rows with no number, then 2.3: the lost ones are 2.1 and 2.2, not 1.3 and 1.4
    lines = [*HEADER, "1\tCông tác tuyên truyền",
             "1.1\tTổ chức hội nghị triển khai\tSở Nội vụ\tCác sở, ban, ngành\tNăm 2025",
             "1.2\tBiên soạn tài liệu hướng dẫn\tSở Tư pháp\tSở Nội vụ\tQuý II/2025",
             "Kiểm tra việc thực hiện kế hoạch\tVăn phòng UBND tỉnh\tCác sở\tHằng năm",
             "Sơ kết, tổng kết việc thực hiện\tSở Nội vụ\tCông an tỉnh\tNăm 2026",
             "2.3\tKhen thưởng các tập thể\tSở Nội vụ\tCác sở\tNăm 2026"]
    got = [(c[0], c[1]) for c in _rows(lines)]
    assert [g[0] for g in got] == ["1", "1.1", "1.2", "2", "2.1", "2.2", "2.3"]
    assert got[4] == ("2.1", "Kiểm tra việc thực hiện kế hoạch")


def test_a_number_that_lost_its_dot_alone_on_its_line() -> None:
    lines = [*HEADER, "5", "Công tác kiểm tra", "5.1", "Kiểm tra việc thực hiện.", "Sở Nội vụ", "Các sở", "Năm 2025",
             "52", "Sơ kết việc thực hiện.", "Sở Tư pháp", "Các sở", "Năm 2026"]
    assert [c[0] for c in _rows(lines)] == ["5", "5.1", "5.2"]


def test_a_stray_group_number_before_items_of_an_earlier_group_joins_the_row_before() -> None:
    # "3." read at a page foot inside row 2.1 (a mark read as a number): not a group
    lines = [*HEADER, "2\tCông tác kiểm tra", "2.1\tKiểm tra việc thực hiện\tSở Nội vụ\tCác sở\tNăm 2025",
             "kế hoạch năm", "3.", "2.2\tSơ kết việc thực hiện\tSở Tư pháp\tCác sở\tNăm 2026"]
    rows = _rows(lines)
    assert [c[0] for c in rows] == ["2", "2.1", "2.2"]
    assert "kế hoạch năm" in rows[1][1]


def test_text_before_the_first_label_is_the_first_group_and_its_item() -> None:
    lines = [*HEADER, "Công tác tuyên truyền",
             "Tổ chức hội nghị triển khai\tSở Nội vụ\tCác sở, ban, ngành\tNăm 2025",
             "1.2\tBiên soạn tài liệu hướng dẫn\tSở Tư pháp\tSở Nội vụ\tQuý II/2025"]
    rows = _rows(lines)
    assert [c[0] for c in rows] == ["1", "1.1", "1.2"]
    assert rows[1][1:] == ("Tổ chức hội nghị triển khai", "Sở Nội vụ", "Các sở, ban, ngành", "Năm 2025")


def test_a_rule_misread_inside_a_cell_does_not_shift_the_row() -> None:
    # "của pháp | luật.": the stray rule splits the task; the units still go to their columns
    lines = [*HEADER, "1\tCông tác kiểm tra", "1.1", "Kiểm tra việc thực hiện theo đúng quy định của pháp\tluật.",
             "Sở Nội vụ", "Sở Tư pháp, Công an tỉnh", "Năm 2025"]
    rows = _rows(lines)
    assert rows[1][1:] == ("Kiểm tra việc thực hiện theo đúng quy định của pháp luật.", "Sở Nội vụ",
                           "Sở Tư pháp, Công an tỉnh", "Năm 2025")


def test_glued_or_misread_header_titles_still_name_their_columns() -> None:
    kinds = columns_from_header("TT NHIỆM VỤ CƠ QUAN CƠ QUAN SANPHAM THỜI CHỦ TRÌ PHỐI HỢP GIAN")
    assert set(kinds) == {"tt", "task", "lead", "coord", "product", "time"}
    assert "time" in columns_from_header("TT CHƯƠNG TRÌNH, NHIỆM VỤ ĐƠN VỊ CHỦ ĐƠN VỊ PHỐI THÔI TRÍ HỢP GIẢN")


def test_header_titles_with_misread_letters_or_a_hyphen_name_their_columns() -> None:
    # "THỜI HẠN" glued with I read as L, "CHỦ TRÌ" joined by a hyphen: a title a misread letter
    # or a joining mark breaks still names its column; "HOÀN THÀNH" titles the timeframe too
    from pipeline.structure.text_table_header import _table_kinds

    assert _table_kinds(["STT NỘI DUNG CÔNG VIỆC CƠ QUAN CHỦ TRÌ\tTHOLHAN", "HOÀN", "THÀNH"]) == [
        "tt", "task", "lead", "time"]
    assert _table_kinds(["STT NỘI DUNG CÔNG VIỆC CƠ QUAN CHU-TRI\tTHỜI HẠN", "HOÀN", "THÀNH"]) == [
        "tt", "task", "lead", "time"]
    assert _table_kinds(["STT NỘI DUNG CÔNG VIỆC CƠ QUAN CHỦ TRÌ\tDỰ KIẾN", "HOÀN", "THÀNH"]) == [
        "tt", "task", "lead", "time"]


def test_common_words_are_not_unit_names() -> None:
    from pipeline.structure.text_table_units import _unit_start

    assert _unit_start("Báo Nghệ An") and _unit_start("Sở Tư pháp") and _unit_start("UBND các huyện")
    assert not _unit_start("Báo cáo kết quả") and not _unit_start("Hội nghị sơ kết")
    assert not _unit_start("Phòng, chống thiên tai")


def test_a_header_repeat_with_its_tt_title_misread_is_still_a_header() -> None:
    from pipeline.structure.text_table_header import is_header_line

    assert is_header_line("từ\tCHƯƠNG TRÌNH, NHIỆM VỤ ĐƠN VỊ CHỦ ĐƠN VỊ PHÓ! THỜI")
    assert is_header_line("TRÍ HỢP GIẢN")  # the second header line, restored with wrong marks
    assert not is_header_line("I\tNHIỆM VỤ TRỌNG TÂM")  # a group row in capitals


def test_an_item_whose_group_was_misread_backwards_takes_the_group_of_the_next_label() -> None:
    # "2.2" read after 4.1 and before 5.3: it is 5.2; the row before it with no number is 5.1
    lines = [*HEADER, "4\tCông tác kiểm tra", "4.1\tKiểm tra việc thực hiện\tSở Nội vụ\tCác sở\tNăm 2025",
             "Sơ kết việc thực hiện kế hoạch\tSở Tư pháp\tCông an tỉnh\tNăm 2026",
             "2.2\tTổng kết việc thực hiện\tSở Nội vụ\tCác sở\tNăm 2026",
             "5.3\tKhen thưởng các tập thể\tSở Nội vụ\tCác sở\tNăm 2026"]
    assert [c[0] for c in _rows(lines)] == ["4", "4.1", "5", "5.1", "5.2", "5.3"]


@pytest.mark.parametrize(
    ("cell", "roman", "want"),
    [
        ("quý 11/2024", False, "quý II/2024"),  # no quarter 11: II
        ("Quỹ tv/2025", False, "Quý IV/2025"),
        ("Quy 1v/2024", True, "Quý IV/2024"),
        ("quý 1/2025", True, "quý I/2025"),  # a lone 1 is I in a table of Roman quarters
        ("quý 1/2025", False, "quý 1/2025"),  # and stays 1 in a table of Arabic ones
        ("Quý 4/2024", True, "Quý 4/2024"),
        ("Thắng 6/2024", True, "Tháng 6/2024"),
        ("Hàng năm", True, "Hằng năm"),
        ("Năm 2024", True, "Năm 2024"),
        ("Quy chế", True, "Quy chế"),  # no number after it: not a timeframe keyword
    ],
)
def test_canonical_time(cell: str, roman: bool, want: str) -> None:
    assert canonical_time(cell, roman) == want


def test_time_cells_follow_the_grammar() -> None:
    lines = [
        "TT\tNHIỆM VỤ\tCHỦ TRÌ\tPHỐI HỢP\tTHỜI GIAN",
        "1\tTuyên truyền",
        "1.1\tRà soát văn bản\tSở Tư pháp\tCông an tỉnh\tQuỹ 11/2024",
        "1.2\tTổ chức hội nghị\tSở Nội vụ\tSở Tài chính\tquý 1/2024",
        "1.3\tKiểm tra\tSở Y tế\tSở Tài chính\tHàng năm",
    ]
    t = rows_from_text_lines([(1, x) for x in lines])
    assert t is not None
    assert [r.cells[-1] for r in t.rows if r.kind == "item"] == ["Quý II/2024", "quý I/2024", "Hằng năm"]


def test_last_group_keeps_its_title_and_its_first_item() -> None:
    """The last group's number and title read, then a whole row whose number the OCR lost: the
    group row holds no unit or timeframe; the row is item 2.1."""
    lines = [
        "TT\tNHIỆM VỤ\tCHỦ TRÌ\tPHỐI HỢP\tTHỜI GIAN",
        "1\tCông tác tuyên truyền",
        "1.1\tRà soát văn bản\tSở Tư pháp\tCông an tỉnh\tNăm 2024",
        "2",
        "Sự phối hợp giữa các sở",
        "Hoàn thiện việc thực hiện\tSở Nội vụ\tQuý IV/2024",
    ]
    t = rows_from_text_lines([(1, x) for x in lines])
    assert t is not None
    got = [(r.kind, r.cells[0], r.cells[1]) for r in t.rows]
    assert got[-2:] == [("group", "2", "Sự phối hợp giữa các sở"), ("item", "2.1", "Hoàn thiện việc thực hiện")]


def test_first_item_read_backward_fills_the_missing_group() -> None:
    """"3.1" read between 4.1 and group 6, whose group 5 was never read: it is 5.1 (and group 5
    is made for it)."""
    lines = ["TT\tNHIỆM VỤ\tCHỦ TRÌ\tPHỐI HỢP\tTHỜI GIAN"]
    for g in (3, 4):
        lines += [f"{g}\tNhóm nhiệm vụ số {g}", f"{g}.1\tRà soát văn bản\tSở Tư pháp\tCông an tỉnh\tNăm 2024"]
    lines += ["3.1\tTổ chức hội nghị\tSở Nội vụ\tSở Tài chính\tNăm 2025",
              "6\tNhóm nhiệm vụ cuối", "6.1\tKiểm tra\tSở Y tế\tSở Tài chính\tNăm 2026"]
    t = rows_from_text_lines([(1, x) for x in lines])
    assert t is not None
    assert [r.cells[0] for r in t.rows] == ["3", "3.1", "4", "4.1", "5", "5.1", "6", "6.1"]


def test_garbled_label_takes_its_number_from_the_sequence() -> None:
    """"2p" alone on its line after 2.2 was guessed 2.3; "3.2" read next shows it is 3.1, the
    first item of group 3 whose number was lost."""
    lines = [
        "TT\tNHIỆM VỤ\tCHỦ TRÌ\tPHỐI HỢP\tTHỜI GIAN",
        "2\tNhóm nhiệm vụ thứ hai",
        "2.1\tRà soát văn bản\tSở Tư pháp\tCông an tỉnh\tNăm 2024",
        "2.2\tTổ chức hội nghị\tSở Nội vụ\tSở Tài chính\tNăm 2024",
        "2p",
        "Tăng cường kiểm tra\tSở Y tế\tSở Tài chính\tNăm 2025",
        "3.2\tKiểm tra việc thực hiện\tSở Y tế\tSở Tài chính\tNăm 2026",
    ]
    t = rows_from_text_lines([(1, x) for x in lines])
    assert t is not None
    assert [r.cells[0] for r in t.rows if r.kind == "item"] == ["2.1", "2.2", "3.1", "3.2"]


def test_a_name_the_table_writes_whole_stays_open_when_read_in_part() -> None:
    """The table writes "Sở Kế hoạch và Đầu tư" whole three times: a cell that ends "Sở Kế" is open
    to "hoạch và Đầu tư" on the next line, and a lead cell that holds a whole name takes no more."""
    lines = ["TT\tNHIỆM VỤ\tCHỦ TRÌ\tPHỐI HỢP\tTHỜI GIAN", "1\tNhóm nhiệm vụ thứ nhất"]
    lines += [f"1.{k}\tRà soát văn bản số {k}\tSở Kế hoạch và Đầu tư\tCông an tỉnh\tNăm 2024" for k in (1, 2, 3)]
    lines += ["1.4\tTổ chức hội nghị\tSở Tài chính\tSở Kế\tNăm 2025", "hoạch và Đầu tư"]
    t = rows_from_text_lines([(1, x) for x in lines])
    assert t is not None
    assert t.rows[-1].cells[1:4] == ("Tổ chức hội nghị", "Sở Tài chính", "Sở Kế hoạch và Đầu tư")


def test_open_range_ends_a_sentence_not_a_row() -> None:
    """A task line that ends in an open range ("giai đoạn 2021 -") keeps it: the range goes on at
    "2026;" on the next line; only after a unit's name is "2024 -" the timeframe cell."""
    lines = [
        "TT\tNHIỆM VỤ\tCHỦ TRÌ\tPHỐI HỢP\tTHỜI GIAN",
        "1\tNhóm nhiệm vụ thứ nhất",
        "1.1\tRà soát văn bản\tSở Tư pháp\tCông an tỉnh\tNăm 2024",
        "1.2",
        "Tổ chức hội nghị, trong giai đoạn 2021 -",
        "2026; hướng dẫn việc thực hiện.",
        "Sở Nội vụ",
        "Sở Tài chính",
        "Quý I/2025",
    ]
    t = rows_from_text_lines([(1, x) for x in lines])
    assert t is not None
    assert t.rows[-1].cells[1:] == ("Tổ chức hội nghị, trong giai đoạn 2021 - 2026; hướng dẫn việc thực hiện.",
                                    "Sở Nội vụ", "Sở Tài chính", "Quý I/2025")


def test_long_unit_name_after_an_open_task_line_is_the_lead() -> None:
    """Cells one per line (a typed table) with the task cut at a page break ("2022 -"): the next
    line, a unit's long name, is the lead cell, not more task text."""
    lines = [
        "TT", "NHIỆM VỤ", "ĐƠN VỊ CHỦ TRÌ", "ĐƠN VỊ PHỐI HỢP", "THỜI GIAN",
        "1", "Nhóm nhiệm vụ thứ nhất",
        "1.1", "Rà soát văn bản", "Sở Tư pháp", "Sở Nội vụ", "Năm 2024",
        "1.2", "Rà soát hiệu quả công tác, trong giai đoạn 2022 -", "Sở Giáo dục và Đào tạo",
        "Sở Kế hoạch và Đầu tư", "Thường xuyên",
    ]
    t = rows_from_text_lines([(1, x) for x in lines])
    assert t is not None
    assert t.rows[-1].cells[2:] == ("Sở Giáo dục và Đào tạo", "Sở Kế hoạch và Đầu tư", "Thường xuyên")


HEADER6 = ["TT NHIỆM VỤ CƠ QUAN CƠ QUAN\tSẢN PHẨM\tTHỜI", "CHỦ TRÌ PHOLHOP GIAN"]


def test_two_unit_column_titles_are_lead_and_coordinating_even_when_one_is_unreadable() -> None:
    rows = _rows([*HEADER6, "1\tNhóm nhiệm vụ", "1.1\tRà soát văn bản\tSở Tư pháp\tSở Nội vụ\tBáo cáo\tNăm 2025",
                  "1.2\tKiểm tra\tSở Tài chính\tCông an tỉnh\tQuy chế\tHằng năm"])
    assert rows[1] == ("1.1", "Rà soát văn bản", "Sở Tư pháp", "Sở Nội vụ", "Báo cáo", "Năm 2025")


def test_a_tt_title_misread_alone_above_the_header_is_part_of_the_header() -> None:
    lines = ["ÍT", "CHƯƠNG TRÌNH, NHIỆM VỤ", "ĐƠN VỊ CHỦ", "TRÌ", "ĐƠN VỊ PHỐI", "HỢP", "THỜI", "GIAN", "SẢN PHẨM",
             "1\tNhóm nhiệm vụ", "1.1\tRà soát văn bản\tSở Tư pháp\tSở Nội vụ\tBáo cáo\tNăm 2025",
             "1.2\tKiểm tra\tSở Tài chính\tCông an tỉnh\tQuy chế\tHằng năm"]
    t = rows_from_text_lines([(4, ln) for ln in lines])
    assert t is not None and len(t.columns) == 6
    assert t.rows[0].cells == ("1", "Nhóm nhiệm vụ")


def test_an_appendix_title_with_a_word_restored_in_lower_case_is_still_the_title() -> None:
    body = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BÌNH ĐỊNH Độc lập - Tự do - Hạnh phúc\n"
        "Số: 12/KH-UBND Bình Định, ngày 07 tháng 06 năm 2024\nKẾ HOẠCH\nTriển khai công tác\n"
        "I. MỤC ĐÍCH\nNội dung.\nNơi nhận: KT. CHỦ TỊCH\n- Như trên; PHÓ CHỦ TỊCH\n- Lưu: VT.\nNguyễn Văn An\n"
    )
    table = "\n".join(HEADER6) + "\n1\tThông tin\n1.1\tCung cấp\tSở Nội vụ\tCác sở\tBáo cáo\tNăm 2024\n" \
        "1.2\tQuảng bá\tSở Tài chính\tCông an tỉnh\tQuy chế\tHằng năm\n"
    d = document_from_text(body + "\fPHỤ LỤC\nDANH MỤC NHIỆM VỤ NÂNG CAO CHỈ Số\nNĂNG LỰC CẠNH TRANH NĂM 2022\n"
                           "(Kèm theo Kế hoạch số 12/KH-UBND ngày 07/6/2024 của Ủy ban nhân dân tỉnh\nBình Định)\n"
                           + table, "a.txt")
    app = d.appendices[0]
    assert app.title == "DANH MỤC NHIỆM VỤ NÂNG CAO CHỈ Số NĂNG LỰC CẠNH TRANH NĂM 2022"
    assert app.issued_with is not None and app.issued_with.endswith("Bình Định)")
    assert [r.cells[0] for r in app.tables[0].rows] == ["1", "1.1", "1.2"]
    assert app.tables[0].rows[1].cells[-2:] == ("Báo cáo", "Năm 2024")


def test_a_group_title_across_the_table_opens_a_group_whose_number_was_lost() -> None:
    task = "Rà soát văn bản quy phạm"  # the task column: about this wide on every line
    lines = [*HEADER, "1\tNhóm nhiệm vụ một",
             *[f"1.{k}\t{task}\tSở Tư pháp\tSở Nội vụ\tNăm 2025" for k in range(1, 4)],
             *["thuộc lĩnh vực được giao\tCông an tỉnh" for _ in range(3)],
             "Hệ thống văn bản quy phạm pháp luật liên quan đến nông thôn mới",  # group 2's title, no number read
             "Kiểm tra việc thực hiện\tSở Tài chính\tCông an tỉnh\tHằng năm",
             "các chỉ tiêu đã giao.",
             "Tổ chức tập huấn cho cán bộ\tSở Nội vụ\tSở Tư pháp\tNăm 2026"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2"]
    assert rows[4] == ("2", "Hệ thống văn bản quy phạm pháp luật liên quan đến nông thôn mới")
    assert rows[5] == ("2.1", "Kiểm tra việc thực hiện các chỉ tiêu đã giao.", "Sở Tài chính", "Công an tỉnh",
                       "Hằng năm")
    assert rows[6][1:] == ("Tổ chức tập huấn cho cán bộ", "Sở Nội vụ", "Sở Tư pháp", "Năm 2026")


def test_the_rest_of_a_lead_name_and_of_the_coordinating_units_read_as_one_fragment_are_cut_apart() -> None:
    # the table names "Sở Giáo dục và Đào tạo" wrapped over two lines, again and again: once its
    # rows are read, the name is known whole, and a fragment holding its rest and the next cell's is cut
    lines = [*HEADER, "1\tNhóm nhiệm vụ",
             "1.1\tViệc một\tSở Giáo dục và\tSở Tư pháp\tNăm 2025", "thuộc lĩnh vực\tĐào tạo",
             "1.2\tViệc hai\tSở Giáo dục và\tCông an tỉnh\tNăm 2025", "thuộc lĩnh vực\tĐào tạo",
             "1.3\tViệc ba\tSở Giáo dục và\tSở Tư pháp, UBND\tNăm 2025", "thuộc lĩnh vực\tĐào tạo các huyện, thị xã"]
    rows = _rows(lines)
    assert rows[3] == ("1.3", "Việc ba thuộc lĩnh vực", "Sở Giáo dục và Đào tạo", "Sở Tư pháp, UBND các huyện, thị xã",
                       "Năm 2025")


def test_an_item_read_with_an_earlier_group_after_a_lost_group_title_takes_the_new_group() -> None:
    task = "Rà soát văn bản quy phạm"
    lines = [*HEADER, "4\tNhóm nhiệm vụ bốn",
             *[f"4.{k}\t{task}\tSở Tư pháp\tSở Nội vụ\tNăm 2025" for k in range(1, 4)],
             *["thuộc lĩnh vực được giao\tCông an tỉnh" for _ in range(3)],
             "Hiệu quả công tác phát triển du lịch bền vững của tỉnh",  # group 5's title, its number lost
             "3.1\tKiểm tra việc thực hiện\tSở Tài chính\tCông an tỉnh\tHằng năm"]  # 5.1 misread, the last row
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["4", "4.1", "4.2", "4.3", "5", "5.1"]
    assert rows[5][1] == "Kiểm tra việc thực hiện"


def test_a_product_read_with_no_rule_after_a_unit_goes_to_the_product_column() -> None:
    lines = [*HEADER6, "1\tNhóm nhiệm vụ",
             "1.1\tRà soát văn bản\tSở Tài chính Báo cáo đánh giá\tNăm 2025",
             "1.2\tKiểm tra\tSở Nội vụ\tCông an tỉnh Quyết định\tHằng năm"]
    rows = _rows(lines)
    assert rows[1] == ("1.1", "Rà soát văn bản", "Sở Tài chính", "", "Báo cáo đánh giá", "Năm 2025")
    assert rows[2] == ("1.2", "Kiểm tra", "Sở Nội vụ", "Công an tỉnh", "Quyết định", "Hằng năm")
    # without a product column the same words stay where they were
    five = _rows([*HEADER, "1\tNhóm", "1.1\tRà soát\tSở Kế hoạch và Đầu tư\tSở Tài chính\tNăm 2025"])
    assert five[1][2] == "Sở Kế hoạch và Đầu tư"


def test_the_rest_of_an_open_coordinating_name_read_after_the_task_slice_with_no_rule_is_cut_off() -> None:
    lines = [*HEADER, "1\tNhóm nhiệm vụ",
             "1.1\tViệc một\tSở Nội vụ\tSở Giáo dục và\tNăm 2025", "thuộc lĩnh vực\tĐào tạo",
             "1.2\tViệc hai\tSở Tư pháp\tSở Giáo dục và\tNăm 2025", "thuộc lĩnh vực\tĐào tạo",
             "1.3\tViệc ba của các cơ quan\tSở Nội vụ\tSở Tài chính, Sở\tNăm 2025",
             "theo trách nhiệm. Giáo dục và Đào tạo"]  # no rule read: the task's slice, then the name's rest
    rows = _rows(lines)
    assert rows[3] == ("1.3", "Việc ba của các cơ quan theo trách nhiệm.", "Sở Nội vụ",
                       "Sở Tài chính, Sở Giáo dục và Đào tạo", "Năm 2025")


def test_a_year_a_sentence_names_stays_in_the_sentence() -> None:
    rows = _rows([*HEADER, "1\tNhóm nhiệm vụ", "1.1",
                  "Đẩy mạnh sự phối hợp, trong giai đoạn 2025", "- 2026; triển khai công tác.",
                  "Sở Nội vụ", "Sở Tư pháp", "Năm 2025"])
    assert rows[1] == ("1.1", "Đẩy mạnh sự phối hợp, trong giai đoạn 2025 - 2026; triển khai công tác.", "Sở Nội vụ",
                       "Sở Tư pháp", "Năm 2025")


def test_a_unit_head_that_names_no_unit_yet_takes_the_next_line() -> None:
    rows = _rows([*HEADER, "1\tNhóm nhiệm vụ", "1.1", "Rà soát văn bản.", "Văn phòng", "UBND tỉnh", "Sở Tư pháp",
                  "Năm 2025"])
    assert rows[1] == ("1.1", "Rà soát văn bản.", "Văn phòng UBND tỉnh", "Sở Tư pháp", "Năm 2025")


def test_a_lost_group_title_belongs_to_the_group_of_the_label_read_after_it() -> None:
    task = "Rà soát văn bản quy phạm"
    lines = [*HEADER, "5\tNhóm nhiệm vụ năm",
             *[f"5.{k}\t{task}\tSở Tư pháp\tSở Nội vụ\tNăm 2025" for k in range(1, 4)],
             *["thuộc lĩnh vực được giao\tCông an tỉnh" for _ in range(3)],
             "Việc thực hiện các chỉ tiêu về xây dựng nông thôn mới",  # group 7's title; group 6 all lost
             "7.1\tKiểm tra việc thực hiện\tSở Tài chính\tCông an tỉnh\tHằng năm"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["5", "5.1", "5.2", "5.3", "7", "7.1"]
    assert rows[4] == ("7", "Việc thực hiện các chỉ tiêu về xây dựng nông thôn mới")


def test_a_number_read_as_a_group_between_items_when_the_first_item_lost_its_number() -> None:
    lines = [*HEADER, "1\tNhóm một", "1.1", "Rà soát.", "Sở Nội vụ", "Sở Tư pháp", "Năm 2025",
             "2", "Nhóm nhiệm vụ hai",
             "Kiểm tra việc thực hiện.", "Sở Nội vụ", "Sở Tư pháp", "Năm 2025",
             "3",  # 2.2 misread as a group number
             "Nâng cao chất lượng.", "Sở Tài chính", "Công an tỉnh", "Hằng năm",
             "2.3", "Tổ chức tập huấn.", "Sở Nội vụ", "Sở Tư pháp", "Năm 2026"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "2", "2.1", "2.2", "2.3"]
    assert rows[4][1] == "Nâng cao chất lượng."


def test_a_name_listed_with_lower_case_parts_is_one_name_and_a_fragment_completing_the_lead_ends_it() -> None:
    # "UBND các huyện, thị xã, thành phố" is one unit; once the lead's name is whole, what follows
    # on the line goes on with the coordinating units ("ban, ngành," then a new name)
    lines = [*HEADER, "1\tNhóm nhiệm vụ",
             *[f"1.{k}\tViệc số {k}\tUBND các huyện,\tSở Tư pháp\tNăm 2025\nthuộc lĩnh vực\tthị xã, thành phố"
               for k in range(1, 3)],
             "1.3\tViệc số ba\tUBND các huyện,\tCông an tỉnh, Các sở,\tNăm 2025",
             "thuộc lĩnh vực\tthị xã, thành phố ban, ngành,\tSở Tài chính"]
    lines = [ln for x in lines for ln in x.split("\n")]
    rows = _rows(lines)
    assert rows[3] == ("1.3", "Việc số ba thuộc lĩnh vực", "UBND các huyện, thị xã, thành phố",
                       "Công an tỉnh, Các sở, ban, ngành, Sở Tài chính", "Năm 2025")


def test_fragments_a_rule_was_read_between_go_to_different_cells() -> None:
    rows = _rows([*HEADER, "1\tNhóm nhiệm vụ", "1.1\tHướng dẫn việc\tBan Quản lý và\tQuý II/2025",
                  "bộ, công chức làm\tKhai thác dự án\tKhu kinh tế"])
    assert rows[1] == ("1.1", "Hướng dẫn việc bộ, công chức làm", "Ban Quản lý và Khai thác dự án", "Khu kinh tế",
                       "Quý II/2025")


def test_a_capitalised_unit_after_an_open_cac_starts_the_next_cell() -> None:
    rows = _rows([*HEADER6, "1\tNhóm nhiệm vụ",
                  "1.1\tHướng dẫn công tác\tUBND các Công an tỉnh, Sở\tĐề án\tNăm 2019",
                  "chuyển đổi số\thuyện, thị xã,\tTài chính", "nhà nước.\tthành phố",
                  "1.2\tKiểm tra\tSở Nội vụ\tUBND các Báo cáo kết quả\tQuý II/2019"])
    assert rows[1][2:4] == ("UBND các huyện, thị xã, thành phố", "Công an tỉnh, Sở Tài chính")
    assert rows[1][4] == "Đề án"
    assert rows[2][3:5] == ("UBND các", "Báo cáo kết quả")  # "các" does not keep a product in the unit's name


def test_a_known_name_cut_short_at_a_line_end_is_not_continued_by_the_next_unit() -> None:
    lines = [*HEADER, "1\tNhóm nhiệm vụ",
             *[f"1.{k}\tViệc số {k}\tSở Tư pháp\tCác sở, ban, ngành\tNăm 2025" for k in range(1, 4)],
             "1.4\tViệc số bốn\tCác sở, ban, Sở Nội vụ\tNăm 2025", "thuộc lĩnh vực\tngành"]
    rows = _rows(lines)
    assert rows[4] == ("1.4", "Việc số bốn thuộc lĩnh vực", "Các sở, ban, ngành", "Sở Nội vụ", "Năm 2025")


def test_a_name_cut_at_a_line_end_is_no_whole_name_when_the_table_writes_it_longer() -> None:
    from pipeline.structure.text_table_units import _whole_names

    names = frozenset({"dai", "dai phat", "dai phat thanh", "dai phat thanh $", "dai phat thanh va", "so tai chinh $"})
    assert _whole_names(names) == names - {"dai phat thanh $"}


def test_the_rest_of_the_lead_read_with_the_task_slice_before_a_rule_is_the_lead() -> None:
    lines = [*HEADER, "1\tNhóm nhiệm vụ",
             *[f"1.{k}\tViệc số {k}\tĐài Phát thanh và\tSở Tư pháp\tNăm 2025\nthuộc lĩnh vực\tTruyền hình tỉnh"
               for k in range(1, 3)],
             "1.3\tTriển khai việc\tĐài Phát thanh và\tCông an tỉnh, Sở\tQuý III/2025",
             "thuộc lĩnh vực Truyền hình tỉnh\tTài chính", "được giao."]
    rows = _rows([ln for x in lines for ln in x.split("\n")])
    assert rows[3] == ("1.3", "Triển khai việc thuộc lĩnh vực được giao.", "Đài Phát thanh và Truyền hình tỉnh",
                       "Công an tỉnh, Sở Tài chính", "Quý III/2025")


def test_a_scrap_where_a_row_number_stands_lets_the_next_line_open_a_row_whose_number_was_lost() -> None:
    lines = [*HEADER, "1\tNhóm nhiệm vụ",
             "1.1\tNâng cao sự phối hợp\tSở Nội vụ\tSở Tư pháp\tQuý", "giữa các sở, ban, ngành\tII/2024",
             "hệ",  # 1.2 misread
             "Đôn đốc việc thực hiện\tCông an tỉnh\tSở Tài chính", "các chỉ tiêu được giao.", "Năm 2024"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2"]
    assert rows[2][1:] == ("Đôn đốc việc thực hiện các chỉ tiêu được giao.", "Công an tỉnh", "Sở Tài chính",
                           "Năm 2024")
    assert "hệ" in rows[1][1]  # the scrap is kept, in the task cell


def test_a_group_title_read_after_a_misread_number_goes_to_the_group_its_first_item_names() -> None:
    lines = [*HEADER, "10\tNhóm nhiệm vụ mười",
             "10.1\tĐẩy mạnh sự phối hợp\tSở Nội vụ\tSở Tư pháp\tThường xuyên", "giữa các sở, ban, ngành.",
             "a",  # the group number 11, misread
             "Cơ sở dữ liệu phục vụ công tác",
             "111",  # 11.1, its dot lost
             "Đẩy mạnh chất lượng\tCác sở, ban, ngành\tSở Tài chính\tNăm 2022"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["10", "10.1", "11", "11.1"]
    assert rows[2] == ("11", "Cơ sở dữ liệu phục vụ công tác")
    assert rows[1][1] == "Đẩy mạnh sự phối hợp giữa các sở, ban, ngành. a"


def test_a_wide_group_title_whose_number_was_garbled_still_opens_the_next_group() -> None:
    task = "Rà soát văn bản quy phạm"
    lines = [*HEADER, "8\tNhóm nhiệm vụ tám",
             *[f"8.{k}\t{task}\tSở Tư pháp\tSở Nội vụ\tNăm 2025" for k in range(1, 3)],
             *["thuộc lĩnh vực được giao\tCông an tỉnh" for _ in range(3)],
             "5 [cơ sở dữ liệu phục vụ công tác bảo đảm an toàn",  # group 9: its number misread, title garbled
             "Nâng cao chất lượng\tCác sở, ban, ngành\tVăn phòng UBND tỉnh\tNăm 2021"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["8", "8.1", "8.2", "9", "9.1"]
    assert rows[3] == ("9", "5 [cơ sở dữ liệu phục vụ công tác bảo đảm an toàn")


def test_a_short_lower_case_scrap_after_a_full_stop_is_another_cells_slice() -> None:
    rows = _rows([*HEADER, "1\tNhóm nhiệm vụ",
                  "1.1\tTuyên truyền, phổ biến\tSở Tài chính\tSở Nội vụ, UBND các\tNăm 2025",
                  "và chất lượng. huyện, thị xã, thành", "phố."])
    assert rows[1] == ("1.1", "Tuyên truyền, phổ biến và chất lượng.", "Sở Tài chính",
                       "Sở Nội vụ, UBND các huyện, thị xã, thành phố.", "Năm 2025")


# Issue 13, fourth session: causes found per document on a larger dev pool (dev_07xx, dev_08xx).


def test_a_speck_read_before_a_row_number_leaves_the_number_the_lines_label() -> None:
    rows = _rows([*HEADER, "1\tNhóm nhiệm vụ", "1.1\tRà soát văn bản\tSở Tư pháp\tSở Nội vụ\tNăm 2024",
                  ": 1.2\tHướng dẫn việc thực hiện\tSở Tài chính\tCông an tỉnh\tQuý II/2024"])
    assert [r[0] for r in rows] == ["1", "1.1", "1.2"]
    assert rows[2][1] == "Hướng dẫn việc thực hiện"


def test_a_section_sign_is_a_misread_five() -> None:
    assert match_label("§.2", ["5", "5.1"]) == ("5.2", True)


def test_a_first_item_read_with_an_earlier_group_right_under_its_groups_number_is_that_groups() -> None:
    row = "\tTriển khai hiệu quả công tác\tSở Tư pháp\tSở Nội vụ\tNăm 2024"
    rows = _rows([*HEADER, "4\tNhóm nhiệm vụ bốn", f"4.1{row}", f"4.2{row}", "5\tNhóm nhiệm vụ năm",
                  f"3.1{row}",  # 5.1, its group digit misread
                  "6\tNhóm nhiệm vụ sáu", "Hoàn thiện sự phối hợp\tCác sở, ban, ngành\tSở Nội vụ\tQuý II/2024",
                  f"6.2{row}"])
    assert [r[0] for r in rows] == ["4", "4.1", "4.2", "5", "5.1", "6", "6.1", "6.2"]


def test_a_year_after_a_whole_timeframe_read_cell_after_cell_is_the_next_titles_not_the_timeframes() -> None:
    lines = [*HEADER, "8", "Nhóm nhiệm vụ tám", "8.1", "Triển khai hệ thống văn bản.", "Sở Kế hoạch và",
             "Đầu tư", "Văn phòng UBND", "tỉnh, Sở Nội vụ", "Quý II/2021",
             "Việc thực hiện các chỉ tiêu về phát triển kinh tế số năm", "2021",  # group 9's title, its number lost
             "ở",  # 9.1, misread
             "Tổ chức chất lượng đội ngũ cán bộ,", "công chức làm công tác.", "Đài Phát thanh và",
             "Truyền hình tỉnh", "Sở Thông tin và", "Truyền thông", "Tháng", "6/2021"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["8", "8.1", "9", "9.1"]
    assert rows[1][4] == "Quý II/2021"
    assert rows[2][1].startswith("Việc thực hiện các chỉ tiêu về phát triển kinh tế số năm 2021")
    assert rows[3][1:] == ("Tổ chức chất lượng đội ngũ cán bộ, công chức làm công tác.",
                           "Đài Phát thanh và Truyền hình tỉnh", "Sở Thông tin và Truyền thông", "Tháng 6/2021")


def test_a_scrap_where_a_group_number_stands_before_its_title_opens_the_group() -> None:
    lines = [*HEADER, "10", "Nhóm nhiệm vụ mười", "10.1", "Xây dựng cơ sở dữ liệu.", "Sở Nội vụ",
             "Sở Tư pháp", "Năm 2021",
             "i",  # 11, misread
             "Sự phối hợp giữa các sở, ban, ngành và địa phương",
             "Hướng dẫn sự phối hợp giữa các sở,", "ban, ngành và địa phương.", "Sở Tư pháp",
             "Sở Nội vụ, Công an tỉnh", "Quý IV/2021"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["10", "10.1", "11", "11.1"]
    assert rows[3][1:] == ("Hướng dẫn sự phối hợp giữa các sở, ban, ngành và địa phương.", "Sở Tư pháp",
                           "Sở Nội vụ, Công an tỉnh", "Quý IV/2021")


@pytest.mark.parametrize(
    ("token", "prev", "want"),
    [
        ("3.3", ["5", "5.1", "5.2"], ("5.3", True)),  # the group digit misread: a group never goes back
        ("8.3", ["5", "5.1", "5.2"], ("5.3", True)),  # nor skips a whole group
        ("5.3", ["4", "4.1", "2.2"], ("5.3", False)),  # the group before it was the misread one
        ("6.3", ["5", "5.1", "5.2"], ("6.3", False)),  # the next group: its first items may be lost
        ("3.1", ["5"], ("5.1", True)),  # right under group 5's number
    ],
)
def test_a_well_formed_item_label_whose_group_cannot_be_right_is_the_current_groups(
        token: str, prev: list[str], want: tuple[str, bool]) -> None:
    assert match_label(token, prev) == want


def test_a_garbled_label_opening_with_the_next_group_number_is_that_groups_first_item() -> None:
    from pipeline.structure.text_table_labels import _lone_label

    assert _lone_label("7A", ["6", "6.1", "6.2", "6.3"]) == ("7.1", True)
    assert _lone_label("a2", ["6", "6.1", "6.2", "6.3"]) == ("6.4", True)


def test_a_group_title_wrapped_onto_a_line_of_its_own_stays_the_title_when_the_first_label_comes() -> None:
    lines = [*HEADER, "3\tNhóm nhiệm vụ ba",
             *[f"3.{k}\tTổ chức hiệu quả công tác nâng cao\tSở Nội vụ\tSở Tài chính\tNăm 2020" for k in (1, 2)],
             *["chỉ số năng lực cạnh tranh cấp tỉnh,\tthị xã" for _ in range(4)],
             "Hệ thống văn bản quy phạm pháp luật liên quan đến nâng cao chỉ số năng lực cạnh tranh",
             "cấp tỉnh",  # the group's number lost, its title wrapped
             "4.1\tNâng cao hệ thống văn bản quy phạm\tVăn phòng UBND tỉnh\tSở Tư pháp\tHằng năm"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["3", "3.1", "3.2", "4", "4.1"]
    assert rows[3][1].endswith("năng lực cạnh tranh cấp tỉnh")


def test_a_label_going_on_from_the_last_one_read_as_it_stands_is_trusted_over_a_repair() -> None:
    assert match_label("3.3", ["3", "3.1", "4.2"], read="3.1") == ("3.3", False)  # "42" taken for 4.2 was 3.2
    assert match_label("3.3", ["4", "4.3", "5", "5.1", "5.2"], read="4.3") == ("5.3", True)


def test_a_fragment_that_goes_on_with_a_name_the_coordinating_cell_left_open_goes_there() -> None:
    from pipeline.structure.text_table_cells import _Row
    from pipeline.structure.text_table_placement import assign

    names = frozenset({"so tai", "so tai chinh $", "so thong", "so thong tin", "so thong tin va"})
    row = _Row("6.4", 6, {1: ["Rà soát"], 2: ["UBND các huyện, thị xã, thành phố"], 3: ["Sở Nội vụ, Sở Tài"],
                          4: ["Tháng 6/2021"]})
    kinds = ["tt", "task", "lead", "coord", "time"]
    assert assign(["toàn thông tin", "chính,", "Sở Thông tin"], kinds, row, 1, names=names) == [
        (1, "toàn thông tin"), (3, "chính,"), (3, "Sở Thông tin")]


def test_a_wide_line_taken_for_a_lost_group_title_gives_way_when_the_next_item_of_the_group_comes() -> None:
    task = "Triển khai chất lượng đội ngũ cán bộ"
    lines = [*HEADER, "1\tNhóm nhiệm vụ một",
             f"1.1\t{task}\tSở Nội vụ\tSở Tư pháp\tNăm 2023",
             f"1.2\t{task}\tSở Tài chính\tSở Giáo dục và Đào tạo, Đài Phát\tQuý",
             *["công chức làm công tác bảo đảm an\tII/2023" for _ in range(5)],
             "Rà soát hiệu quả công tác bảo đảm an toàn thông tin hình tỉnh",  # a task's new sentence + a unit's rest
             "mạng năm 2023.",
             "1:3\tRà soát cơ sở dữ liệu phục vụ\tSở Nội vụ\tSở Tài chính\tHằng năm"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3"]
    assert rows[2][1].endswith("Rà soát hiệu quả công tác bảo đảm an toàn thông tin hình tỉnh mạng năm 2023.")


def test_a_row_read_cell_after_cell_goes_on_from_its_task_after_a_page_break() -> None:
    lines = [(5, ln) for ln in [*HEADER, "1", "Nhóm nhiệm vụ một", "1.1", "Đẩy mạnh hiệu quả công tác phát",
                                "Sở Tư pháp", "Công an tỉnh", "Tháng"]]
    lines += [(6, ln) for ln in [*HEADER, "triển du lịch bền vững, gắn với trách", "nhiệm của người đứng đầu.",
                                 "6/2024"]]
    t = rows_from_text_lines(lines)
    assert t is not None
    assert t.rows[1].cells == ("1.1", "Đẩy mạnh hiệu quả công tác phát triển du lịch bền vững, gắn với trách nhiệm "
                               "của người đứng đầu.", "Sở Tư pháp", "Công an tỉnh", "Tháng 6/2024")


def test_the_standard_provincial_units_are_known_names_before_the_table_writes_them_whole() -> None:
    from pipeline.structure.text_table_cells import _Row, _split_name_rests
    from pipeline.structure.text_table_units import _standard_names, _whole_names

    row = _Row("2.2", 4, {1: ["Đôn đốc sự phối hợp"], 2: ["Sở Giáo dục và"], 3: ["Sở Thông tin và"]})
    kinds = ["tt", "task", "lead", "coord", "time"]
    frags = ["ban, ngành và địa phương", "Đào tạo Truyền thông,", "Sở Tư"]
    assert _split_name_rests(frags, row, kinds, _whole_names(_standard_names())) == [
        "ban, ngành và địa phương", "Đào tạo", "Truyền thông,", "Sở Tư"]
    assert _split_name_rests(frags, row, kinds, frozenset()) == frags  # a table that never wrote it whole


def test_a_name_the_table_writes_longer_is_open_to_its_rest_not_to_other_prose() -> None:
    from pipeline.structure.text_table_cells import _Row
    from pipeline.structure.text_table_placement import _fit
    from pipeline.structure.text_table_units import _standard_names, _whole_names

    names = _whole_names(_standard_names())
    row = _Row("2.1", 4, {1: ["Kiểm tra việc thực hiện"], 3: ["Các sở"]})
    assert _fit("ban, ngành", "coord", row, 3, names) > _fit("kế hoạch năm", "coord", row, 3, names)
    assert _fit("kế hoạch năm", "coord", row, 3, names) <= _fit("kế hoạch năm", "task", row, 1, names)


def test_the_rest_of_an_open_coordinating_name_is_cut_off_the_task_slice_when_no_rule_follows_it() -> None:
    from pipeline.structure.text_table_cells import _Row, _split_open_tail
    from pipeline.structure.text_table_units import _standard_names, _whole_names

    names = _whole_names(_standard_names())
    row = _Row("7.1", 5, {1: ["Tổ chức sự phối hợp"], 2: ["Sở Nội vụ"], 3: ["Sở Tư pháp, Đài"]})
    kinds = ["tt", "task", "lead", "coord", "time"]
    frags = ["quy định của pháp luật. Phát thanh và", "Truyền"]  # cut at the task's width, no rule read
    assert _split_open_tail(frags, row, kinds, names) == ["quy định của pháp luật.", "Phát thanh và", "Truyền"]
    assert _split_open_tail(frags, row, kinds, names, ruled=frozenset({"Truyền"})) == frags


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        ("Số Tư pháp, Đại Phát thanh và Truyền hình tỉnh", "Sở Tư pháp, Đài Phát thanh và Truyền hình tỉnh"),
        ("Sở Thông tin và Truyền thống, UBND các huyện, thị xa, thành phố",
         "Sở Thông tin và Truyền thông, UBND các huyện, thị xã, thành phố"),
        ("Ban Quản lý dự án tính", "Ban Quản lý dự án tỉnh"),  # the table's own name, as most cells write it
        ("Sở Tài chính Văn phòng", "Sở Tài chính Văn phòng"),  # no name the table knows: as read
    ],
)
def test_unit_cells_are_written_as_the_table_or_the_official_name_writes_them(cell: str, want: str) -> None:
    from pipeline.structure.text_table_units import respell_units, unit_spellings

    spellings = unit_spellings(["Ban Quản lý dự án tỉnh", "Ban Quản lý dự án tỉnh, Sở Nội vụ", "Ban Quản lý dự án tính"])
    assert respell_units(cell, spellings) == want


def test_a_product_after_an_open_unit_head_is_cut_when_no_known_name_goes_on_so() -> None:
    from pipeline.structure.text_table_cells import _split_units
    from pipeline.structure.text_table_units import _standard_names, _whole_names

    names = _whole_names(_standard_names())
    assert _split_units("Văn phòng Kế hoạch", products=True, names=names) == ["Văn phòng", "Kế hoạch"]
    assert _split_units("Sở Kế hoạch và Đầu tư", products=True, names=names) == ["Sở Kế hoạch và Đầu tư"]
    assert _split_units("Văn phòng Kế hoạch", products=True) == ["Văn phòng Kế hoạch"]  # no register: a name's rest


def test_lower_case_text_after_a_whole_coordinating_name_with_no_comma_is_not_that_cells() -> None:
    from pipeline.structure.text_table_cells import _Row
    from pipeline.structure.text_table_placement import _fit
    from pipeline.structure.text_table_units import _standard_names, _whole_names

    names = _whole_names(_standard_names())
    row = _Row("2.1", 4, {1: ["Nâng cao hiệu quả"], 3: ["Đài Phát thanh và Truyền hình tỉnh, Sở Nội vụ"]})
    listed = _Row("2.1", 4, {1: ["Nâng cao hiệu quả"], 3: ["Đài Phát thanh và Truyền hình tỉnh, Sở Nội vụ,"]})
    assert _fit("phê duyệt", "coord", row, 3, names) < _fit("phê duyệt", "coord", listed, 3, names)


def test_a_timeframes_second_half_is_split_off_a_line_only_when_it_completes_the_first() -> None:
    from pipeline.structure.text_table_cells import _split_time_rest

    assert _split_time_rest(["kiệm, chống lãng phí năm"], "Tháng") == ["kiệm, chống lãng phí năm"]
    assert _split_time_rest(["trên địa bàn năm"], "Hằng") == ["trên địa bàn", "năm"]
    assert _split_time_rest(["trên địa bàn xuyên"], "Thutmg") == ["trên địa bàn", "xuyên"]  # a first half garbled


def test_a_year_after_a_task_ending_with_nam_cell_after_cell_is_the_tasks_date() -> None:
    rows = _rows([*HEADER, "5", "Nhóm nhiệm vụ năm", "5.3", "Rà soát hiệu quả công tác phát triển",
                  "chỉ tiêu về phát triển kinh tế số năm", "2019.", "Sở Thông tin và", "Truyền thông",
                  "Sở Kế hoạch và Đầu tư", "Hằng năm"])
    assert rows[1] == ("5.3", "Rà soát hiệu quả công tác phát triển chỉ tiêu về phát triển kinh tế số năm 2019.",
                       "Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư", "Hằng năm")


def test_a_known_name_left_open_takes_its_rest_not_another_unit_name() -> None:
    from pipeline.structure.text_table_cells import _Row
    from pipeline.structure.text_table_placement import assign
    from pipeline.structure.text_table_units import _standard_names, _whole_names

    names = _whole_names(_standard_names())
    row = _Row("7.2", 6, {1: ["Tăng cường chất lượng đội ngũ cán bộ."]}, block=True)
    kinds = ["tt", "task", "lead", "coord", "time"]
    assert assign(["Sở Giáo dục và", "Đài Phát thanh và"], kinds, row, 2, stay=2, names=names) == [
        (2, "Sở Giáo dục và"), (3, "Đài Phát thanh và")]


def test_an_open_range_after_a_product_starts_the_timeframe_in_a_table_with_products() -> None:
    from pipeline.structure.text_table_cells import _split_units

    assert _split_units("Văn bản 2023 -", products=True) == ["Văn bản", "2023 -"]
    assert _split_units("trong giai đoạn 2023 -", products=True) == ["trong giai đoạn 2023 -"]


def test_rule_junk_left_alone_by_a_cut_at_a_known_names_end_holds_no_cell() -> None:
    rows = _rows([*HEADER, "5\tNhóm nhiệm vụ năm",
                  "5.3\tTổ chức hệ thống văn bản quy phạm\tĐài Phát thanh và\tSở Kế hoạch và Đầu\tNăm 2023",
                  "pháp luật liên quan đến chuyển đổi số\tTruyền hình tỉnh —\ttư, Các sở, ban,", "nước.\tngành"])
    assert rows[1][2] == "Đài Phát thanh và Truyền hình tỉnh"


def test_a_row_whose_number_was_lost_read_side_by_side_keeps_its_task_lines_in_the_task() -> None:
    rows = _rows([*HEADER, "6", "Nhóm nhiệm vụ sáu", "6.1", "Hoàn thiện việc thực hiện.", "Sở Kế hoạch và",
                  "Đầu tư", "Sở Tư pháp", "Tháng 6/2022",
                  "Hướng dẫn cơ sở dữ liệu phục\tCông an tỉnh",  # 6.2, its number lost, read side by side
                  "vụ công tác thực hành tiết kiệm;", "bảo đảm đúng tiến độ.\tSở Nội vụ\tNăm 2022"])
    assert rows[2] == ("6.2", "Hướng dẫn cơ sở dữ liệu phục vụ công tác thực hành tiết kiệm; bảo đảm đúng tiến độ.",
                       "Công an tỉnh", "Sở Nội vụ", "Năm 2022")


def test_a_name_is_known_by_its_letters_whatever_junk_was_read_inside() -> None:
    from pipeline.structure.text_table_units import _name_key, respell_units, unit_spellings

    assert _name_key("UBND các huyện, thị xã,} thành phố") == _name_key("UBND các huyện, thị xã, thành phố")
    assert respell_units("Văn phòng }UBND tỉnh", unit_spellings([])) == "Văn phòng UBND tỉnh"


def test_a_line_that_wholly_goes_on_with_an_open_name_is_not_cut_for_a_task_slice() -> None:
    from pipeline.structure.text_table_cells import _Row, _split_open_tail
    from pipeline.structure.text_table_units import _standard_names, _whole_names

    row = _Row("3.3", 5, {1: ["Tổ chức."], 2: ["Các sở, ban, ngành"], 3: ["Đài Phát thanh và Truyền hình tỉnh, Văn phòng UBND"]})
    frags = ["tỉnh, Công an tỉnh"]
    assert _split_open_tail(frags, row, ["tt", "task", "lead", "coord", "time"], _whole_names(_standard_names())) == frags


def test_a_kem_theo_line_that_lost_its_parenthesis_ends_at_the_column_header() -> None:
    """The OCR lost the ")" closing the "Kèm theo" line: the line still ends at the table's column
    header (it used to run to the next ")" and take the whole table with it)."""
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BÌNH ĐỊNH Độc lập - Tự do - Hạnh phúc\n"
        "Số: 12/KH-UBND Bình Định, ngày 07 tháng 06 năm 2024\nKẾ HOẠCH\nTriển khai công tác\nI. MỤC ĐÍCH\nNội dung.\n"
        "\fPHỤ LỤC\nDANH MỤC NHIỆM VỤ\n(Kèm theo Kế hoạch số 12/KH-UBND ngày 07/6/2024 của Ủy ban nhân dân tỉnh\n"
        ": Bình Định\nNHIỆM VỤ CƠ QUAN CƠ QUAN\tSẢN PHẨM\tTHỜI\nCHỦ TRÌ PHOLHOP GIAN\n"
        "1\tThông tin đối ngoại\n1.1\tCung cấp thông tin\tSở Nội vụ\tCác sở, ban, ngành\tBáo cáo\tNăm 2024\n"
        "1.2\tQuảng bá hình ảnh\tSở Tài chính\tCông an tỉnh\tKế hoạch\tHằng năm (xem mục 1)\n"
    )
    app = document_from_text(text, "plan.txt").appendices[0]
    assert app.issued_with is not None and "NHIỆM VỤ" not in app.issued_with
    assert [r.cells[0] for r in app.tables[0].rows] == ["1", "1.1", "1.2"]


@pytest.mark.parametrize(("token", "prev", "want"), [
    ('3.2"', ["3", "3.1"], ("3.2", False)),  # a speck after the number
    ("$", ["4", "4.1"], ("5", True)),  # "$" for 5
])
def test_labels_with_specks_and_symbols(token: str, prev: list[str], want: tuple[str, bool]) -> None:
    assert match_label(token, prev) == want


def test_a_dollar_alone_in_the_tt_cell_is_a_group_number() -> None:
    rows = _rows([*HEADER, "4\tCác nhiệm vụ về thông tin", "4.1\tRà soát văn bản\tSở Tư pháp\tCông an tỉnh\tNăm 2025",
                  "$\tCác nhiệm vụ về cải cách hành chính", "5.1\tKiểm tra việc thực hiện\tSở Nội vụ\tCông an tỉnh\tHằng năm"])
    assert [r[0] for r in rows] == ["4", "4.1", "5", "5.1"]
    assert rows[2] == ("5", "Các nhiệm vụ về cải cách hành chính")


def test_a_number_that_lost_its_dot_after_a_first_group_guessed() -> None:
    """The first group's number was never read (its title opens the table); "21" alone on its line
    is item 2.1, not a 21st group."""
    lines = [*HEADER, "Cơ sở dữ liệu phục vụ công tác", "1.1", "Rà soát hệ thống văn bản.", "Sở Nội vụ", "Công an tỉnh",
             "Năm 2024", "Hệ thống văn bản quy phạm pháp luật", "21", "Tăng cường việc thực hiện.", "Sở Tư pháp",
             "Sở Tài chính", "Tháng 6/2022", "22.", "Nâng cao hệ thống văn bản.", "Sở Nội vụ", "Công an tỉnh", "Hằng năm"]
    assert [r[0] for r in _rows(lines)] == ["1", "1.1", "2", "2.1", "2.2"]


def test_every_item_of_a_group_lost_its_number() -> None:
    """Group 1's items both lost their numbers (cells one per line); the rows are cut where a
    finished row (unit, whole timeframe) is followed by a scrap where a number stood or a new sentence."""
    lines = [*HEADER, "1\tCơ sở dữ liệu phục vụ công tác", "Rà soát hệ thống văn bản quy phạm.", "Sở Thông tin và",
             "Truyền thông", "Sở Nội vụ, Công an", "tỉnh", "Quý", "II/2022", "sẽ", "Tổ chức cơ sở dữ liệu phục vụ công",
             "tác bảo đảm an toàn thông tin mạng.", "Sở Thông tin và", "Truyền thông", "Công an tỉnh", "2022 - 2027",
             "2\tHệ thống văn bản quy phạm pháp luật", "2.1\tTăng cường việc thực hiện\tSở Nội vụ\tCông an tỉnh\tNăm 2022"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "2", "2.1"]
    assert rows[1][-1] == "Quý II/2022" and rows[2][-1] == "2022 - 2027"


def test_a_year_in_lower_case_under_an_open_task_is_the_task_s_end() -> None:
    """Cells one per line: "năm 2022." ends the task's sentence; it is no timeframe cell (a whole
    timeframe takes nothing more, and the unit after it would open a row of its own)."""
    lines = [*HEADER, "1\tCác nhiệm vụ", "1.1", "Nâng cao việc thực hiện các chỉ tiêu về", "an toàn thông tin mạng",
             "năm 2022.", "Sở Giáo dục và", "Đào tạo", "Sở Tài chính", "Thường", "xuyên",
             "1.2\tKiểm tra việc thực hiện\tSở Nội vụ\tCông an tỉnh\tHằng năm"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2"]
    assert rows[1][1].endswith("năm 2022.") and rows[1][2] == "Sở Giáo dục và Đào tạo" and rows[1][-1] == "Thường xuyên"


def test_a_digit_misread_inside_an_open_task_opens_no_row() -> None:
    """"độ" read as "6", "đổi số" as "61 $6": inside a task still open they open no group or row; nor
    does "6," ("sở,") before lower-case text."""
    lines = [*HEADER, "4\tCác nhiệm vụ", "4.3", "Tăng cường hiệu quả công tác", "nhà nước, bảo đảm đúng tiến",
             "6 và chất lượng; kiểm tra,", "giám sát việc chuyển", "61 $6 trong cơ quan nhà nước.", "Các sở, ban,",
             "ngành", "Sở Tư pháp", "2020 -", "2022", "6, ban, ngành và địa phương.", "5\tCơ sở dữ liệu phục vụ", "5.1\tTuyên truyền\tSở Nội vụ\tCông an tỉnh\tNăm 2020"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["4", "4.3", "5", "5.1"]
    assert "6 và chất lượng" in rows[1][1] and rows[1][-1] == "2020 - 2022"


def test_a_task_alone_then_its_units_side_by_side() -> None:
    """The label alone on its line, the task one line after another, then a line across the unit
    cells up to a timeframe left open ("Quý"): its next lines are read side by side, each slice to its cell."""
    lines = [*HEADER, "6\tCác nhiệm vụ", "6.2", "Kiểm tra, giám sát hệ thống văn bản", "công tác cải cách hành chính.",
             "Công an tỉnh\tUBND các huyện, thị\tQuý", "xã, thành phố\tIV/2024",
             "6.3\tHoàn thiện hệ thống văn bản\tSở Nội vụ\tCông an tỉnh\tNăm 2024"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["6", "6.2", "6.3"]
    assert rows[1][2:] == ("Công an tỉnh", "UBND các huyện, thị xã, thành phố", "Quý IV/2024")


def test_a_lone_number_two_groups_ahead_is_the_current_group_s_item_misread() -> None:
    """"52" alone after 3.1 would be item 5.2 with group 4 and item 5.1 lost: it is 3.2, its 3 read as 5."""
    assert _lone_label("52", ["3", "3.1"]) == ("3.2", True)
    assert _lone_label("41", ["3", "3.1"]) == ("4.1", True)  # the next group's first item stays


def test_a_group_whose_number_is_garbled_before_a_rule() -> None:
    """Rows read side by side, then "a" (the number 11 garbled) and a rule before a title wider
    than the task column: a group row, not the rest of the last task."""
    lines = [*HEADER, "10\tHệ thống văn bản", "10.1\tĐẩy mạnh hệ thống văn bản quy\tSở Nội vụ\tSở Tài chính\tNăm 2022",
             "phạm pháp luật liên quan đến bảo vệ\tSở Tư pháp", "môi trường, trên địa bàn toàn\tCông an tỉnh",
             "10.2\tXây dựng cơ sở dữ liệu phục vụ công\tSở Tư pháp\tCông an tỉnh\tHằng năm",
             "tác bảo vệ môi trường, trong giai\tSở Nội vụ", "đoạn 2022 - 2027, một cách thiết\tSở Tài chính", "thực, hiệu quả.",
             "a\tHệ thống văn bản quy phạm pháp luật liên quan đến bảo vệ môi trường",
             "Tổ chức hệ thống văn bản quy phạm\tSở Giáo dục và\tVăn phòng UBND\tHằng năm",
             "pháp luật liên quan đến bảo vệ môi\tĐào tạo\ttỉnh, Công an tỉnh"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["10", "10.1", "10.2", "11", "11.1"]
    assert rows[4][2] == "Sở Giáo dục và Đào tạo"


def test_a_first_item_that_lost_its_number_is_cut_like_any_row() -> None:
    """Item 1.1's number was lost: its lines wait under the group until 1.2 is read, and are then
    cut as any row's (the task's slice at the column's width, a timeframe's second half at the end)."""
    lines = [*HEADER, "1\tHệ thống văn bản quy phạm pháp luật",
             "Triển khai hiệu quả công tác bảo đảm\tCác sở, ban, ngành\tĐài Phát thanh và\tQuý",
             "an toàn thông tin mạng, trong giai Truyền hình tỉnh, II/2024",
             *[f"1.{k}\tKiểm tra việc thực hiện các chỉ tiêu\tSở Nội vụ\tSở Tài chính, Công\tNăm 2024" for k in (2, 3, 4)],
             *["về bảo đảm an toàn thông tin mạng,\tan tỉnh"] * 3]
    rows = _rows(lines)
    assert [r[0] for r in rows][:3] == ["1", "1.1", "1.2"]
    assert rows[1] == ("1.1", "Triển khai hiệu quả công tác bảo đảm an toàn thông tin mạng, trong giai", "Các sở, ban, ngành",
                       "Đài Phát thanh và Truyền hình tỉnh,", "Quý II/2024")


def test_a_list_of_units_whose_first_name_lost_its_beginning_opens_the_next_cell() -> None:
    """Cells one per line; the OCR lost the coordinating cell's first line ("Sở Giáo dục và Đào"):
    "tạo, Sở Nội vụ, Sở" lists units, so it is that cell's, not more of the lead's whole name."""
    rows_before = [f"5.{k}\tKiểm tra việc thực hiện các chỉ tiêu\tSở Nội vụ\tSở Tài chính\tNăm 2024" for k in (1, 2, 3)]
    lines = [*HEADER, "5\tCác nhiệm vụ", *rows_before, *["về bảo đảm an toàn thông tin mạng,\tCông an tỉnh"] * 2,
             "5.4", "Đẩy mạnh chất lượng đội ngũ cán bộ.", "Sở Thông tin và", "Truyền thông",
             "tạo, Sở Nội vụ, Sở", "Tư pháp", "Thường", "xuyên", "5.5\tKiểm tra việc thực hiện\tSở Nội vụ\tCông an tỉnh\tNăm 2024"]
    rows = _rows(lines)
    assert rows[4][2:] == ("Sở Thông tin và Truyền thông", "tạo, Sở Nội vụ, Sở Tư pháp", "Thường xuyên")


def test_a_row_read_after_a_timeframe_alone_on_its_line() -> None:
    """A row read side by side ends with its timeframe alone on a line; the next line (a new
    sentence, then a unit) opens a row whose number was lost, though no full stop came before it."""
    lines = [*HEADER, "5\tSự phối hợp giữa các sở",
             "5.1\tĐẩy mạnh hiệu quả công tác phòng, chống thiên\tUBND các huyện, thị xã,",
             "tai, bảo đảm đúng tiến độ và chất lượng.\tthành phố", "Quý II/2020",
             "Tuyên truyền, phổ biến hiệu quả công tác phòng,\tSở Nội vụ", "chống thiên tai, phù hợp với điều kiện.",
             "2020 - 2021", "5.3\tKiểm tra việc thực hiện\tSở Tư pháp\tNăm 2020"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["5", "5.1", "5.2", "5.3"]
    assert rows[2][2] == "Sở Nội vụ" and rows[2][-1] == "2020 - 2021"


def test_a_garbled_label_alone_in_the_tt_cell_after_a_group_title() -> None:
    """"$1" (8.1 misread) right after group 8's title, a rule after it: the group's first item."""
    assert _lone_label("$1", ["7", "7.4", "8"]) == ("8.1", True)
    lines = [*HEADER, "8\tSự phối hợp giữa các sở, ban, ngành và địa phương",
             "$1\tTổ chức các nhiệm vụ, giải pháp\tSở Nội vụ\tCông an tỉnh\tHằng năm",
             "8.2\tKiểm tra việc thực hiện\tSở Tư pháp\tCông an tỉnh\tNăm 2024"]
    assert [r[0] for r in _rows(lines)] == ["8", "8.1", "8.2"]


def test_a_speck_inside_a_timeframe_and_a_task_going_on_after_a_page_break() -> None:
    """"Thường." / "xuyên" is a whole timeframe (a speck inside it); after the page break the
    task's slice in lower case goes on with the row before, the new sentence is the next row's."""
    lines = [*HEADER, "5\tChất lượng đội ngũ", "5.1", "Hướng dẫn cơ sở dữ liệu phục vụ", "công tác cạnh tranh, một cách thiết",
             "Sở Nội vụ", "Sở Thông tin và", "Truyền thông", "Thường.", "xuyên"]
    more = ["thực, hiệu quả; tổ chức hệ thống văn", "bản quy phạm pháp luật.", "Xây dựng hệ thống văn bản quy phạm",
            "pháp luật liên quan năm 2022.", "Sở Nội vụ", "Công an tỉnh", "Năm 2022",
            "6\tCơ sở dữ liệu phục vụ công tác", "6.1\tTuyên truyền\tSở Tư pháp\tCông an tỉnh\tNăm 2022"]
    t = rows_from_text_lines([(5, ln) for ln in lines] + [(6, ln) for ln in more])
    assert t is not None
    rows = [r.cells for r in t.rows]
    assert [r[0] for r in rows] == ["5", "5.1", "5.2", "6", "6.1"]
    assert rows[1][1].endswith("bản quy phạm pháp luật.") and rows[1][-1] == "Thường xuyên"
    assert rows[2][1].startswith("Xây dựng") and rows[2][2] == "Sở Nội vụ"


def test_a_row_after_a_label_scrap_whose_units_are_read_side_by_side() -> None:
    """A finished row, a scrap where the next number stood ("Để"), the next task, then a line across
    its unit cells and timeframe: a row whose number was lost, read side by side from there."""
    lines = [*HEADER, "7\tChất lượng đội ngũ", "7.1\tHoàn thiện hệ thống văn bản quy\tĐài Phát thanh và\tSở Nội vụ\tNăm 2024",
             "phạm pháp luật liên quan.\tTruyền hình tỉnh", "Để", "Nâng cao hệ thống văn bản quy phạm",
             "pháp luật liên quan đến cải cách.", "Sở Kế hoạch và\tUBND các huyện, thị\tQuý II/2024",
             "Đầu tư\txã, thành phố", "7.3\tKiểm tra việc thực hiện\tSở Tư pháp\tCông an tỉnh\tNăm 2024"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["7", "7.1", "7.2", "7.3"]
    assert rows[2][2:] == ("Sở Kế hoạch và Đầu tư", "UBND các huyện, thị xã, thành phố", "Quý II/2024")


def test_a_title_and_a_task_after_a_unit_slice_alone() -> None:
    """A row read side by side ends with its coordinating cell's last slice alone on a line; a
    capitalised line alone after it (a group's title whose number was lost), then a task, then its
    unit alone: a row whose number was lost, not more of the finished row's task."""
    lines = [*HEADER, "5\tCác nhiệm vụ", "5.3\tNâng cao chất lượng đội ngũ cán bộ,\tĐài Phát thanh và\tUBND các huyện, thị\tQuý",
             "công chức làm công tác cải cách\tTruyền hình tỉnh\txã, thành phố, Các\tII/2025",
             "sở, ban, ngành", "Hiệu quả công tác cải cách hành chính", "Rà soát hệ thống văn bản quy phạm",
             "pháp luật liên quan đến cải cách.", "Sở Thông tin và", "Truyền thông", "Sở Tư pháp", "Năm 2025",
             "6.2\tKiểm tra việc thực hiện\tSở Tư pháp\tCông an tỉnh\tNăm 2025"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["5", "5.3", "6", "6.1", "6.2"]
    assert rows[1][3] == "UBND các huyện, thị xã, thành phố, Các sở, ban, ngành"
    assert rows[2][1] == "Hiệu quả công tác cải cách hành chính" and rows[3][2] == "Sở Thông tin và Truyền thông"
