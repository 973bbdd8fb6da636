"""Appendix rows from a legacy-OCR line stream read by psm 3 at low resolution (issue 13): cells
one per line, numbers lost or read without their dot, the appendix title left before the column
header, task cells cut by a page break. Small tables made up in each test."""

from __future__ import annotations

from pipeline.structure.text_table import rows_from_text_lines

HEADER4 = ["STT", "NỘI DUNG CÔNG VIỆC", "CƠ QUAN CHỦ TRÌ", "THỜI HẠN", "HOÀN", "THÀNH"]


def _table(lines: list[tuple[int, str]]) -> list[tuple[str, ...]]:
    t = rows_from_text_lines(lines)
    assert t is not None
    return [r.cells for r in t.rows]


def test_the_appendix_title_left_before_the_column_header_is_no_row() -> None:
    """The heading took no title ("cơ" restored in lower case, "SsTT" for STT): the title block
    before the header is dropped and the header still tells the four columns."""
    lines = ["DANH MỤC NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH NĂM 2024 TRONG cơ", "QUAN NHÀ NƯỚC",
             "(Kèm theo Kế hoạch số 12/KH-UBND ngày 3/4/2024 của Ủy ban nhân dân tỉnh", "Bình)",
             "SsTT", *HEADER4[1:], "1", "Công tác cải cách hành chính", "1.1",
             "Rà soát các thủ tục hành chính.", "Sở Tư pháp", "Năm 2024", "1.2",
             "Tổ chức tập huấn cho cán bộ.", "Sở Nội vụ", "Quý II/2024"]
    rows = _table([(4, ln) for ln in lines])
    assert [r[0] for r in rows] == ["1", "1.1", "1.2"]
    assert rows[1] == ("1.1", "Rà soát các thủ tục hành chính.", "Sở Tư pháp", "Năm 2024")


def test_a_scrap_of_the_tt_title_before_a_repeated_header_and_a_task_cut_by_the_page_break() -> None:
    """Page 5 repeats the header after "sút" (sTT restored); its first lines, in lower case, are the
    rest of the last row's task read after its unit and timeframe, and a unit name's rest."""
    p4 = [*HEADER4, "1", "Công tác cải cách hành chính", "1.1", "Rà soát các thủ tục hành chính,",
          "UBND các huyện, thị xã,", "Năm 2024"]
    p5 = ["5", "sút", *HEADER4[1:], "bảo đảm đúng tiến độ và chất", "lượng.", "thành phố", "1.2",
          "Tổ chức tập huấn cho cán bộ.", "Sở Nội vụ", "Quý II/2024"]
    rows = _table([(4, ln) for ln in p4] + [(5, ln) for ln in p5])
    assert [r[0] for r in rows] == ["1", "1.1", "1.2"]
    assert rows[1] == ("1.1", "Rà soát các thủ tục hành chính, bảo đảm đúng tiến độ và chất lượng.",
                       "UBND các huyện, thị xã, thành phố", "Năm 2024")


def test_rows_held_before_any_label_read_a_title_with_its_year_and_dotless_numbers() -> None:
    """No number read until "3": the rows held under the first group are cut where each ends; a
    group title whose year wrapped alone ("... năm" / "2024") opens group 2, and a number read
    without its dot ("22") is the row's number, not its task's first word."""
    lines = [*HEADER4, "Công tác cải cách hành chính của tỉnh", "Rà soát các thủ tục hành chính.", "Sở Tư pháp",
             "Năm 2024", "Tập huấn cán bộ, công chức làm công tác.", "Sở Nội vụ", "Quý II/2024",
             "Việc thực hiện các chỉ tiêu cải cách hành chính năm", "2024", "Hướng dẫn các nhiệm vụ, giải pháp.",
             "Sở Tài chính", "Hằng năm", "22", "Nâng cao chất lượng đội ngũ cán bộ.", "Sở Nội vụ", "Thường xuyên",
             "3", "Công tác kiểm tra", "3.1", "Kiểm tra việc thực hiện.", "Văn phòng UBND tỉnh", "Quý IV/2024"]
    rows = _table([(4, ln) for ln in lines])
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "2", "2.1", "2.2", "3", "3.1"]
    assert rows[3][1] == "Việc thực hiện các chỉ tiêu cải cách hành chính năm 2024"
    assert rows[5] == ("2.2", "Nâng cao chất lượng đội ngũ cán bộ.", "Sở Nội vụ", "Thường xuyên")


def test_the_kem_theo_line_read_before_the_header_and_a_misread_header_line_kept() -> None:
    """psm 3 reads the "Kèm theo" line's wrapped end first ("Bình)"); the TT title's scrap and a
    garbled short header line after it still tell the header (they are not dropped as title)."""
    lines = ["Bình)", "(Kèm theo Kế hoạch số 12/KH-UBND ngày 3/4/2024 của Ủy ban nhân dân tỉnh", "sử",
             "NOLDUNG CỔNG VIRC", *HEADER4[2:], "1", "Công tác cải cách hành chính", "1.1",
             "Rà soát các thủ tục hành chính.", "Sở Tư pháp", "Năm 2024", "1.2",
             "Tổ chức tập huấn cho cán bộ.", "Sở Nội vụ", "Quý II/2024"]
    rows = _table([(4, ln) for ln in lines])
    assert [r[0] for r in rows] == ["1", "1.1", "1.2"]
    assert rows[2] == ("1.2", "Tổ chức tập huấn cho cán bộ.", "Sở Nội vụ", "Quý II/2024")


def test_an_item_number_read_twice_under_a_later_group_is_the_current_group_s() -> None:
    """ "6.2" read again under group 7 (its 7 misread): item 7.2, and 7.1 before it stays."""
    lines = [*HEADER4, "6", "Công tác cải cách hành chính", "6.1", "Rà soát các thủ tục.", "Sở Tư pháp", "Năm 2024",
             "6.2", "Tập huấn cán bộ.", "Sở Nội vụ", "Quý II/2024", "7", "Công tác kiểm tra", "7.1",
             "Kiểm tra việc thực hiện.", "Sở Tài chính", "Năm 2024", "6.2", "Giám sát việc thực hiện.",
             "Sở Nội vụ", "Quý IV/2024", "7.3", "Báo cáo kết quả.", "Văn phòng UBND tỉnh", "Hằng năm"]
    rows = _table([(4, ln) for ln in lines])
    assert [r[0] for r in rows] == ["6", "6.1", "6.2", "7", "7.1", "7.2", "7.3"]


def test_whole_rows_held_then_a_garbled_number_read_as_the_first_item() -> None:
    """No number read, then "$3" (5.3 garbled, repaired as the first group's first item): the
    rows held are the items; the garbled number is the next of the sequence."""
    lines = [*HEADER4, "Công tác cải cách hành chính của tỉnh", "Rà soát các thủ tục hành chính.", "Sở Tư pháp",
             "Năm 2024", "Tập huấn cán bộ, công chức làm công tác.", "Sở Nội vụ", "Quý II/2024",
             "$3", "Kiểm tra việc thực hiện.", "Sở Tài chính", "Quý IV/2024"]
    rows = _table([(4, ln) for ln in lines])
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3"]
    assert rows[3] == ("1.3", "Kiểm tra việc thực hiện.", "Sở Tài chính", "Quý IV/2024")


def test_a_wide_title_after_a_sentence_end_opens_a_group_among_rows_held_side_by_side() -> None:
    """No number read; rows read side by side with their timeframes garbled (no row ends on a
    timeframe): a line wider than the task column, capitalised, with no unit or timeframe in it,
    after a sentence's end is the next group's title."""
    lines = [*HEADER4, "Công tác cải cách hành chính của tỉnh", "Rà soát các thủ tục hành", "chính trên địa bàn tỉnh.",
             "Sở Tư pháp", "Năm 2024", "Tập huấn cán bộ, công chức làm", "công tác cải cách hành chính.",
             "Sở Nội vụ", "Quý II/2024", "Kiểm tra việc thực hiện các Sở Tài chính Quỹ",
             "nhiệm vụ cải cách hành chính.",
             "Việc thực hiện các chỉ tiêu cải cách hành chính của các sở, ban, ngành",
             "Hướng dẫn việc thực hiện các Sở Nội vụ Thing", "chỉ tiêu cải cách hành chính. 6/2024",
             "3", "Công tác kiểm tra", "3.1", "Kiểm tra việc thực hiện.", "Văn phòng UBND tỉnh", "Quý IV/2024"]
    rows = _table([(4, ln) for ln in lines])
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3", "2", "2.1", "3", "3.1"]
    assert rows[4][1] == "Việc thực hiện các chỉ tiêu cải cách hành chính của các sở, ban, ngành"


def test_a_unit_name_s_end_read_below_its_timeframe_is_no_title() -> None:
    """"Truyền hình tỉnh" below "Đài Phát thanh và ⇥ Hằng năm" ends the unit's name: no group
    title, so the garbled "a2" after it is the group's next item, not the next group's first."""
    lines = [*HEADER4, "1", "Công tác tuyên truyền", "1.1", "Rà soát các thủ tục hành chính.", "Sở Tư pháp\tNăm 2024",
             "1.2", "Tập huấn cán bộ, công chức.", "Đài Phát thanh và\tHằng năm", "Truyền hình tỉnh", "a3",
             "Kiểm tra việc thực hiện.", "Sở Tài chính\tQuý IV/2024"]
    rows = _table([(4, ln) for ln in lines])
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3"]
    assert rows[2][2] == "Đài Phát thanh và Truyền hình tỉnh"


def test_a_title_whose_wrap_cut_a_word_at_a_speck_read_as_a_colon() -> None:
    """"... an toàn thờ:" / "ông tin mạng": the wrap cut "thông" and a speck read as ":" there;
    the two lines are the next group's title, not a task opening a list."""
    lines = [*HEADER4, "1", "Công tác cải cách hành chính", "1.1", "Rà soát các thủ tục hành chính.", "Sở Tư pháp",
             "Năm 2024", "Các nhiệm vụ, giải pháp về bảo đảm an toàn thờ:", "ông tin mạng",
             "Tổ chức tập huấn cho cán bộ, công chức.", "Sở Nội vụ", "Quý II/2024", "2.2", "Kiểm tra việc thực hiện.",
             "Sở Tài chính", "Quý IV/2024"]
    rows = _table([(4, ln) for ln in lines])
    assert [r[0] for r in rows] == ["1", "1.1", "2", "2.1", "2.2"]
    assert rows[2][1] == "Các nhiệm vụ, giải pháp về bảo đảm an toàn thờ: ông tin mạng"


def test_the_tt_title_anchors_the_header_below_a_scrambled_title_block() -> None:
    """psm 3 read the title's pieces out of order, one with a column's word ("... CHƯƠNG"), and the
    "Kèm theo" line's document number ("9/CTr-UBND") first on its line: all of it goes before the
    header that opens with STT, and the four columns are read from that header."""
    lines = ["KHAI CHƯƠNG", "CẢI CÁCH HÀNH CHÍNH NĂM 2024", "Bình)", "9/CTr-UBND ngày 3/4/2024 của Ủy",
             "TRÌNH CÔNG TÁC", "ban nhân dân tỉnh", *HEADER4, "1", "Công tác cải cách hành chính", "1.1",
             "Rà soát các thủ tục hành chính.", "Sở Tư pháp", "Năm 2024", "1.2", "Tổ chức tập huấn cho cán bộ.",
             "Sở Nội vụ", "Quý II/2024"]
    rows = _table([(4, ln) for ln in lines])
    assert [r[0] for r in rows] == ["1", "1.1", "1.2"]
    assert rows[2] == ("1.2", "Tổ chức tập huấn cho cán bộ.", "Sở Nội vụ", "Quý II/2024")


def test_the_task_width_of_a_table_read_cell_by_cell() -> None:
    """Few lines with a rule read (cut narrower inside a task): the task lines read whole, one per
    line, give the column's width, so a task's first line is not taken for a wide group title."""
    from pipeline.structure.text_table import _task_width

    task = "Tổ chức tập huấn cho cán bộ, công chức làm công tác"  # 51 characters
    ruled = [(4, f"Rà soát các thủ tục\t{u}") for u in ("Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính", "Công an tỉnh", "Sở Y tế")]
    assert _task_width(ruled) == len("Rà soát các thủ tục")
    assert _task_width(ruled + [(4, task)] * 20) == len(task)


def test_a_first_item_number_that_skips_items_never_read_is_the_groups_first() -> None:
    """Group 2's number lost, its title alone after the last row of group 1, then "2.4": no unit or
    timeframe was read for 2.1-2.3, so the item digit was misread ("1" as "4")."""
    lines = [*HEADER4, "1", "Công tác cải cách hành chính", "1.1", "Rà soát các thủ tục hành chính.",
             "Sở Tư pháp", "Năm 2024", "Công tác chuyển đổi số trong cơ quan nhà nước", "2.4",
             "Tổ chức tập huấn cho cán bộ.", "Sở Nội vụ", "Quý II/2024", "3",
             "Công tác thông tin và truyền thông", "3.1", "Triển khai các hệ thống thông tin.",
             "Sở Tài chính", "Quý III/2024"]
    rows = _table([(4, ln) for ln in lines])
    assert [r[0] for r in rows] == ["1", "1.1", "2", "2.1", "3", "3.1"]
    assert rows[3] == ("2.1", "Tổ chức tập huấn cho cán bộ.", "Sở Nội vụ", "Quý II/2024")


def test_an_item_number_after_rows_held_with_units_keeps_its_number() -> None:
    """Whole rows read between the group's title and "2.3" (their numbers lost): 2.3 stands."""
    lines = [*HEADER4, "1", "Công tác cải cách hành chính", "1.1", "Rà soát các thủ tục hành chính.",
             "Sở Tư pháp", "Năm 2024", "2", "Công tác chuyển đổi số trong cơ quan nhà nước",
             "Tổ chức tập huấn cho cán bộ.", "Sở Nội vụ", "Quý II/2024",
             "Triển khai các hệ thống thông tin.", "Sở Tài chính", "Quý III/2024", "2.3",
             "Kiểm tra việc thực hiện.", "Sở Công Thương", "Năm 2025"]
    rows = _table([(4, ln) for ln in lines])
    assert rows[-1] == ("2.3", "Kiểm tra việc thực hiện.", "Sở Công Thương", "Năm 2025")


def test_a_lone_capital_misread_inside_a_task_opens_no_group_title() -> None:
    """A row whose number was lost after a whole row: its task's third line opens with "A" (a word in
    lower case the English model misread), no new sentence: its first lines are no group's title."""
    lines = [*HEADER4, "1", "Công tác cải cách hành chính", "1.1", "Rà soát các thủ tục hành chính.",
             "Sở Tư pháp", "Năm 2024", "Triển khai cơ sở dữ liệu phục vụ công tác chuyển",
             "6; số trong cơ quan nhà nước, bảo đảm đúng tiến", "A chất lượng; rà soát hiệu quả công tác.",
             "Sở Nội vụ", "Quý II/2024", "Tổ chức tập huấn cho cán bộ.", "Sở Tài chính", "Quý III/2024",
             "Công tác thông tin và truyền thông", "2.1", "Triển khai các hệ thống thông tin.", "Công an tỉnh",
             "Năm 2025"]
    rows = _table([(4, ln) for ln in lines])
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3", "2", "2.1"]
    assert rows[2][2:] == ("Sở Nội vụ", "Quý II/2024")


def test_an_item_number_after_a_row_whose_number_was_lost_keeps_its_number() -> None:
    """The group's title garbled past reading, its first row's number lost (read as the last group's
    next item), then "2.2": the row before may be 2.1, so 2.2 stands."""
    lines = [*HEADER4, "1", "Công tác cải cách hành chính", "1.1", "Rà soát các thủ tục hành chính.",
             "Sở Tư pháp", "Năm 2024", "ei văn ửng pa úp gana ih", "Hoàn thiện các nhiệm vụ, giải pháp.",
             "Sở Nội vụ", "Quý II/2024", "2.2", "Tổ chức tập huấn cho cán bộ.", "Sở Tài chính", "Quý III/2024"]
    rows = _table([(4, ln) for ln in lines])
    assert rows[-1] == ("2.2", "Tổ chức tập huấn cho cán bộ.", "Sở Tài chính", "Quý III/2024")


def test_an_item_number_whose_dot_was_read_as_one_is_the_next_item() -> None:
    """"112" alone after 1.1's row: 1.2, not a sub-item 1.1.2 (no 1.1.1 was ever read)."""
    lines = [*HEADER4, "1", "Công tác cải cách hành chính", "1.1", "Rà soát các thủ tục hành chính.",
             "Sở Tư pháp", "Năm 2024", "112", "Tổ chức tập huấn cho cán bộ.", "Sở Nội vụ", "Quý II/2024"]
    rows = _table([(4, ln) for ln in lines])
    assert [r[0] for r in rows] == ["1", "1.1", "1.2"]


def test_a_timeframe_whose_space_was_read_as_a_dash_ends_its_row() -> None:
    """Every number lost on the page: "Nam-2019" (the space a speck read as a dash) is the row's
    timeframe all the same, so the row ends there and the next task opens the next row."""
    lines = [*HEADER4, "Công tác cải cách hành chính", "Rà soát các thủ tục hành chính.", "Sở Tư pháp",
             "Quý III/2019", "Triển khai các hệ thống thông tin.", "Sở Nội vụ", "Nam-2019",
             "Tổ chức tập huấn cho cán bộ.", "Sở Tài chính", "Quý II/2019", "2", "Công tác thông tin",
             "2.1", "Kiểm tra việc thực hiện.", "Công an tỉnh", "Năm 2019"]
    rows = _table([(4, ln) for ln in lines])
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3", "2", "2.1"]
    assert rows[2] == ("1.2", "Triển khai các hệ thống thông tin.", "Sở Nội vụ", "Năm 2019")


def test_a_phrase_the_table_repeats_before_a_mark_joins_a_wrap_read_in_capitals() -> None:
    """"... và địa" / "Phương. Rà soát ...": the table writes "địa phương," again and again (a mark
    after it), so the capital is a misread and the lines before are a task, no group's title."""
    from pipeline.structure.text_table_cells import _group_title, _phrase_joins

    lines = [(4, "các sở, ban, ngành và địa phương, bảo đảm"), (4, "phù hợp với thực tế của địa phương."),
             (4, "giữa các sở và địa phương; hoàn thiện")]
    joins = _phrase_joins(lines)
    assert "địa phương" in joins
    assert not _group_title("Tổ chức sự phối hợp giữa các sở, ban, ngành và địa", "Phương. Rà soát cơ sở", joins)
