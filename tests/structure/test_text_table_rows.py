"""Appendix rows from a legacy-OCR line stream: rows lost or merged where the English model lost,
misread or misplaced TT numbers (issue 13). Small tables made up in each test."""

from __future__ import annotations

from pipeline.structure.text_table import rows_from_text_lines
from pipeline.structure.text_table_cells import (
    _phrase_joins,
    _Row,
    _split_open_names,
    _split_units,
    _time_complete,
    _title_lines,
    _unit_name_prefixes,
)
from pipeline.structure.text_table_labels import _group_digit_misread
from pipeline.structure.text_table_units import _so_misread, _whole_names

HEADER4 = ["STT", "NỘI DUNG CÔNG VIỆC", "CƠ QUAN CHỦ TRÌ", "THỜI HẠN", "HOÀN", "THÀNH"]
HEADER6 = ["TT\tNHIỆM VỤ\tCƠ QUAN\tCƠ QUAN\tSẢN PHẨM\tTHỜI", "CHỦ TRÌ\tPHỐI HỢP\tGIAN"]


def _rows(lines: list[str], page_no: int = 4) -> list[tuple[str, ...]]:
    t = rows_from_text_lines([(page_no, ln) for ln in lines])
    assert t is not None
    return [r.cells for r in t.rows]


def test_every_number_lost_before_the_first_label_read() -> None:
    """Cells one per line and no number read until "2.3": the group titles between the rows open
    groups, a title's wrapped end stays its, a sentence's glued end ("tés6.") is no label, and a
    four-letter scrap where a number stood opens a row."""
    lines = [*HEADER4, "Hệ thống văn bản quy phạm pháp luật liên quan", "đến cải cách hành chính",
             "Xây dựng hiệu quả công tác cải cách hành chính,", "theo đúng quy định của pháp luật.", "Sở Tư pháp",
             "Quý III/2023", "Hiệu quả công tác cải cách hành chính", "Rà soát hiệu quả công tác cải cách hành",
             "chính, trên địa bàn toàn tỉnh; hướng dẫn cải cách", "tés6.", "Sở Nội vụ", "Hằng năm", "aFeh",
             "Tổ chức tập huấn cho cán bộ, công chức làm công tác", "cải cách hành chính.", "Công an tỉnh",
             "Tháng 6/2023", "2.3", "Triển khai cơ sở dữ liệu phục vụ công tác.", "Sở Tài chính", "Năm 2023"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "2", "2.1", "2.2", "2.3"]
    assert rows[0][1] == "Hệ thống văn bản quy phạm pháp luật liên quan đến cải cách hành chính"
    assert rows[2][1] == "Hiệu quả công tác cải cách hành chính"
    assert rows[3][1].endswith("tés6.") and rows[3][2:] == ("Sở Nội vụ", "Hằng năm")
    assert rows[4][1].startswith("aFeh Tổ chức") and rows[4][2:] == ("Công an tỉnh", "Tháng 6/2023")


def test_a_task_slice_after_a_page_break_goes_back_before_a_rebuilt_group() -> None:
    """A row's task goes on after the page's repeated header, then the next group's title (its
    number lost) and its first item's number: the slice is the row's, the title the group's."""
    lines = [*HEADER4, "1", "Các nhiệm vụ, giải pháp", "1.1", "Đẩy mạnh sự phối hợp giữa các sở, ban, ngành và",
             "Sở Nội vụ", "Hằng năm"]
    more = [*HEADER4, "địa phương, trong giai đoạn 2023 - 2028.", "Cơ sở dữ liệu phục vụ công tác",
            "2.1", "Kiểm tra, giám sát việc thực hiện.", "Sở Tư pháp", "Thường xuyên"]
    t = rows_from_text_lines([(4, ln) for ln in lines] + [(5, ln) for ln in more])
    assert t is not None
    rows = [r.cells for r in t.rows]
    assert [r[0] for r in rows] == ["1", "1.1", "2", "2.1"]
    assert rows[1][1].endswith("và địa phương, trong giai đoạn 2023 - 2028.")
    assert rows[2][1] == "Cơ sở dữ liệu phục vụ công tác"


def test_a_line_across_the_unit_cells_read_above_its_row_number() -> None:
    """On a skewed scan a row's first line of unit cells sits higher than its number: read between
    the finished row before and the number, it is the new row's, not a second set of cells."""
    lines = [*HEADER6, "6\tCác nhiệm vụ", "6.2\tNâng cao việc thực hiện các\tSở Nội vụ\tCông an tỉnh\tKế hoạch\tQuý",
             "chỉ tiêu về cải cách hành chính.\tII/2021",
             "Sở Kế hoạch và\tSở Tài chính\tBáo cáo kết\tNăm 2021", "63\tTriển khai việc thực hiện các",
             "Đầu tư\tquả", "chỉ tiêu về cải cách hành chính."]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["6", "6.2", "6.3"]
    assert rows[1][2:] == ("Sở Nội vụ", "Công an tỉnh", "Kế hoạch", "Quý II/2021")
    assert rows[2][2] == "Sở Kế hoạch và Đầu tư" and rows[2][-1] == "Năm 2021"
    assert rows[2][1].startswith("Triển khai việc thực hiện các")


def test_a_line_across_the_unit_cells_read_above_a_first_item_s_number() -> None:
    """The same under a group's title: the line held after the title is the first item's."""
    lines = [*HEADER6, "7\tChất lượng đội ngũ cán bộ, công chức", "sát các nhiệm\tSở Kế hoạch và\tSở Tư pháp\tTài liệu",
             "Đầu tư", "7.1\tKiểm tra, giám\tHằng năm", "vụ, giải pháp về cải cách hành chính."]
    rows = _rows(lines)
    assert rows[0] == ("7", "Chất lượng đội ngũ cán bộ, công chức")
    assert rows[1][0] == "7.1" and rows[1][1].startswith("Kiểm tra, giám sát các nhiệm vụ")
    assert rows[1][2] == "Sở Kế hoạch và Đầu tư" and rows[1][-1] == "Hằng năm"


def test_a_bare_number_whose_row_is_a_whole_item() -> None:
    """"2" alone after item 1.1, then a task with no title, a unit and a timeframe: item 1.2 with its
    group and dot lost (a group row holds a title alone); the rows after it follow on."""
    lines = [*HEADER4, "1\tCác nhiệm vụ, giải pháp về cải cách hành chính",
             "1.1\tTổ chức tập huấn cho cán bộ\tSở Tài chính\tQuý III/2020", "2",
             "Nâng cao các nhiệm vụ, giải pháp về cải cách", "hành chính, gắn với trách nhiệm.", "Sở Nội vụ",
             "Hằng năm", "1.3", "Triển khai việc thực hiện các chỉ tiêu.", "Công an tỉnh", "Quý IV/2020"]
    assert [r[0] for r in _rows(lines)] == ["1", "1.1", "1.2", "1.3"]


def test_a_dotless_number_with_its_group_digit_misread() -> None:
    """"12" after 7.1 at a finished row: 7.2 with its dot lost and its 7 read as 1."""
    assert _group_digit_misread("12", ["7", "7.1"]) == ("7.2", True)
    assert _group_digit_misread("13", ["7", "7.1"]) is None  # the item digit must be the next one
    assert _group_digit_misread("12", ["7"]) is None
    lines = [*HEADER4, "7\tHệ thống văn bản quy phạm pháp luật",
             "7.1\tĐôn đốc các nhiệm vụ, giải pháp về\tCông an tỉnh\tTháng 6/2022", "cải cách hành chính.",
             "12 Tăng\tcường việc thực hiện các chỉ tiêu\tSở Nội vụ\tThường xuyên", "về cải cách hành chính.",
             "7.3\tHướng dẫn chất lượng đội ngũ\tSở Tư pháp\tHằng năm"]
    assert [r[0] for r in _rows(lines)] == ["7", "7.1", "7.2", "7.3"]


def test_a_row_number_glued_to_the_task_by_a_rule() -> None:
    lines = [*HEADER4, "7\tHệ thống văn bản quy phạm pháp luật", "7.1\tTổ chức cơ sở dữ liệu\tSở Tư pháp\tThường xuyên",
             "7.2/Rà soát hệ thống văn bản quy phạm\tSở Nội vụ\tTháng 6/2019"]
    rows = _rows(lines)
    assert rows[-1][:2] == ("7.2", "Rà soát hệ thống văn bản quy phạm")


def test_a_timeframe_garbled_between_its_word_and_its_year_is_whole() -> None:
    assert _time_complete("Quy IV¥/2020") and _time_complete("Quý 172020") and _time_complete("Quý I'V/2024")
    assert not _time_complete("Quý") and not _time_complete("Quý II/")


def test_a_line_break_inside_a_repeated_word_pair_is_no_title_end() -> None:
    """"... về cải cách" / "Hành chính, ...": the table writes "cải cách hành chính" again and again;
    the capital is the OCR's, the first line is a task's, not a group's title."""
    lines = [(4, "Tăng cường cải cách hành chính trên địa bàn."), (4, "Rà soát cải cách hành chính."),
             (4, "Hướng dẫn cải cách hành chính.")]
    joins = _phrase_joins(lines)
    assert "cách hành" in joins
    task = ["Triển khai các nhiệm vụ, giải pháp về cải cách", "Hành chính, gắn với trách nhiệm", "của người đứng đầu."]
    assert _title_lines(task) == 1 and _title_lines(task, joins) == 0


def test_a_merged_title_cut_at_the_column_rules_is_the_group_s_title() -> None:
    """psm 3 cuts a group title's line spanning the merged cells at the rules under it: the task
    column's piece, its wrapped end, then the pieces over the other columns, each alone on its line
    (a scrap where the number stood among them); the task's next sentence is the item's."""
    task = ["Hệ thống văn bản quy phạm pháp luật liên quan", "nước", "đến chuyển đổi số trong", "cơ quan nhà",
            "Hướng dẫn hệ thống văn bản quy phạm pháp luật", "liên quan đến chuyển đổi số."]
    assert _title_lines(task) == 4
    assert _title_lines([*task[:2], "Py", *task[2:]]) == 5
    # a task whose wrapped lines run the column's width is no title, nor one that ends its sentence
    wide = ["Hướng dẫn hệ thống văn bản quy phạm pháp luật", "liên quan đến chuyển đổi số trong cơ",
            "quan nhà nước, phù hợp với điều kiện thực", "tế của địa phương", "Tổ chức hiệu quả công tác."]
    assert _title_lines(wide) == 0
    assert _title_lines([*task[:3], "cơ quan nhà.", *task[4:]]) == 0


def test_a_garbled_label_after_a_title_alone_is_the_next_group_s_first_item() -> None:
    """Cells one per line: a finished row, a title alone (its group's number lost), then a garbled
    label ("a1"): item 5.1 under a new group 5, not 4.2; "322" after it is 5.2, not a 22nd item of 3."""
    lines = [*HEADER4, "1", "Các nhiệm vụ, giải pháp", "1.1", "Rà soát văn bản.", "Sở Nội vụ", "Năm 2021",
             "2", "Các nhiệm vụ khác", "2.1", "Rà soát văn bản.", "Sở Nội vụ", "Năm 2021",
             "3", "Hệ thống văn bản", "3.1", "Rà soát văn bản.", "Sở Nội vụ", "Năm 2021", "3.2", "Rà soát văn bản.",
             "Sở Nội vụ", "Năm 2021", "4", "Cơ sở dữ liệu phục vụ công tác", "4.1", "Xây dựng hệ thống văn bản quy phạm.", "Sở Tài chính",
             "Quý II/2021", "Chất lượng đội ngũ cán bộ, công chức làm công", "tác cải cách hành chính", "a1",
             "Đôn đốc cơ sở dữ liệu phục vụ công tác.", "Công an tỉnh", "Quý II/2021", "322",
             "Tuyên truyền, phổ biến cơ sở dữ liệu.", "Sở Nội vụ", "Năm 2021"]
    rows = _rows(lines)[7:]
    assert [r[0] for r in rows] == ["4", "4.1", "5", "5.1", "5.2"]
    assert rows[2][1] == "Chất lượng đội ngũ cán bộ, công chức làm công tác cải cách hành chính"


def test_an_item_repaired_into_a_later_group_between_two_of_the_group_before() -> None:
    """"42" after 3.1, then 3.3 read: 3.2 with its 3 read as 4 (no group 4 row is made)."""
    lines = [*HEADER4, "3\tChất lượng đội ngũ cán bộ", "3.1\tXây dựng chất lượng đội ngũ\tSở Nội vụ\tQuý IV/2025",
             "công chức làm công tác cải cách.", "42\tĐẩy mạnh hệ thống văn bản quy\tCông an tỉnh\tQuý I/2025",
             "phạm pháp luật.", "3.3\tKiểm tra, giám sát hiệu quả\tSở Tài chính\tQuý I/2025"]
    assert [r[0] for r in _rows(lines)] == ["3", "3.1", "3.2", "3.3"]


def test_a_line_that_ends_a_timeframe_left_open_opens_no_row() -> None:
    """The row's timeframe cut at "Tháng": a new sentence with a unit and "6/2025" on the next line is
    the same row read on (its task's next slice, a second unit), not a row whose number was lost."""
    lines = [*HEADER6, "2\tHiệu quả công tác", "2.2\tHướng dẫn các nhiệm vụ, giải pháp\tCác sở, ban, ngành\tVăn phòng UBND\tKế hoạch\tTháng",
             "Về cải cách hành chính, trong giai đoạn\tUBND các huyện\tBáo cáo\t6/2025"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["2", "2.2"]
    assert rows[1][-1] == "Tháng 6/2025"


def test_an_item_number_read_mid_row_after_its_task_s_first_lines() -> None:
    """Cells one per line, a group's number lost: its title, a scrap, the first item's task lines,
    a garbled scrap inside the task's open sentence (no number), then "7.1" read mid-row: the title
    is group 7's, the task item 7.1's."""
    lines = [*HEADER4, "6", "Các nhiệm vụ, giải pháp", "6.1", "Xây dựng các nhiệm vụ, giải pháp.", "Sở Nội vụ", "Hằng năm",
             "Sự phối hợp giữa các sở, ban, ngành và địa phương", "wel",
             "Kiểm tra, giám sát chất lượng đội ngũ cán bộ, công", "chức làm công tác cải cách hành chính, một cách",
             "thiết thực, hiệu quả; hoàn thiện hệ thống văn bản", "“2", "7.1", "Sở Tài chính", "Quý IV/2023"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["6", "6.1", "7", "7.1"]
    assert rows[2][1].startswith("Sự phối hợp") and "Kiểm tra" not in rows[2][1]
    assert rows[3][1].startswith("Kiểm tra, giám sát") and rows[3][2:] == ("Sở Tài chính", "Quý IV/2023")


def test_a_bare_group_number_after_held_lines_that_end_with_a_later_title() -> None:
    """No number read for several rows: the held lines hold group 2's title and row, then group 3's
    title alone; "2" read next is 3.1 misread, not group 2 again."""
    lines = [*HEADER4, "Các nhiệm vụ, giải pháp về cải cách hành chính", "Tổ chức hiệu quả công tác cải cách.",
             "Sở Tư pháp", "Quý I/2020", "Chất lượng đội ngũ cán bộ, công chức làm công tác",
             "Tuyên truyền, phổ biến cơ sở dữ liệu.", "Sở Tài chính", "Thường xuyên",
             "Hiệu quả công tác cải cách hành chính", "2", "Kiểm tra, giám sát hiệu quả công tác.", "Sở Nội vụ",
             "Tháng 6/2020", "32", "Xây dựng cơ sở dữ liệu.", "Công an tỉnh", "Quý I/2020"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "2", "2.1", "3", "3.1", "3.2"]
    assert rows[4][1] == "Hiệu quả công tác cải cách hành chính"


def test_a_number_alone_one_back_shows_the_one_before_was_misread() -> None:
    """"35" after 3.2 (taken for 3.5), then "34": 3.3 with its 3 read as 5, then 3.4."""
    lines = [*HEADER4, "3", "Các nhiệm vụ", "3.1", "Rà soát văn bản.", "Sở Nội vụ", "Năm 2020", "3.2", "Rà soát văn bản.",
             "Sở Nội vụ", "Năm 2020", "35", "Tăng cường cơ sở dữ liệu.", "Công an tỉnh", "2020 - 2023", "34",
             "Nâng cao hệ thống văn bản.", "Sở Tư pháp", "Năm 2020"]
    assert [r[0] for r in _rows(lines)] == ["3", "3.1", "3.2", "3.3", "3.4"]


def test_a_group_s_last_item_that_skips_items_by_a_lookalike_digit() -> None:
    """"55" right after 5.2, then group 6: 5.3 with its 3 read as 5 (no row of 5.3 or 5.4 between);
    "84" after 8.2 stays 8.4 (3 and 4 are no lookalikes: 8.3's number may be lost, its text merged)."""
    def table(tok: str, group: str) -> list[str]:
        return [*HEADER4, group, "Các nhiệm vụ", f"{group}.1", "Rà soát văn bản.", "Sở Nội vụ", "Năm 2020",
                f"{group}.2", "Rà soát văn bản.", "Sở Nội vụ", "Năm 2020", tok, "Tuyên truyền, phổ biến.", "Sở Tư pháp",
                "Hằng năm", "9\tHiệu quả công tác", "9.1\tRà soát văn bản\tSở Nội vụ\tNăm 2020"]
    assert [r[0] for r in _rows(table("55", "5"))][:4] == ["5", "5.1", "5.2", "5.3"]
    assert [r[0] for r in _rows(table("84", "8"))][:4] == ["8", "8.1", "8.2", "8.4"]


def test_a_head_that_needs_more_before_another_of_the_table_s_names() -> None:
    """"Văn phòng UBND các": the table writes "Văn phòng UBND tỉnh" and "UBND các huyện, thị xã,
    thành phố" but no "Văn phòng UBND các": the lead cell and the coordinating one, no rule between."""
    names = _whole_names(_unit_name_prefixes([(4, "Văn phòng UBND tỉnh\tUBND các huyện, thị xã, thành phố")] * 3))
    assert _split_units("Văn phòng UBND các", names=names) == ["Văn phòng", "UBND các"]
    assert _split_units("Văn phòng UBND tỉnh", names=names) == ["Văn phòng UBND tỉnh"]
    assert _split_units("Văn phòng UBND các") == ["Văn phòng UBND các"]  # no register: one cell


def test_a_fragment_going_on_with_an_open_name_then_the_next_cell() -> None:
    """"Phát thanh và hướng dẫn" under "Sở Tư pháp, Đài": the name as the table writes it ("Đài Phát
    thanh và Truyền hình tỉnh") goes no further than "và"; "hướng dẫn" is the next cell's."""
    names = _whole_names(_unit_name_prefixes([(4, "Đài Phát thanh và Truyền hình tỉnh\tSở Tư pháp")] * 3))
    row = _Row("6.4", 4, {1: ["Đẩy mạnh"], 2: ["Sở Nội vụ"], 3: ["Sở Tư pháp, Đài"], 4: ["Văn bản"]})
    kinds = ["tt", "task", "lead", "coord", "product", "time"]
    frags = ["vụ công tác", "Phát thanh và hướng dẫn"]
    assert _split_open_names(frags, row, kinds, names) == ["vụ công tác", "Phát thanh và", "hướng dẫn"]
    assert _split_open_names(["vụ", "Phát thanh và Truyền hình tỉnh, Sở Tài chính"], row, kinds, names)[1:] == [
        "Phát thanh và Truyền hình tỉnh, Sở Tài chính"]


def test_a_number_beside_its_unit_below_its_task_s_first_lines() -> None:
    """Cells one per line, the number centred in its cell: the next row's task lines come after the
    finished row, then "5.4 ⇥ UBND ..." (the number beside the unit): the task is 5.4's."""
    lines = [*HEADER4, "5", "Chất lượng đội ngũ", "5.3", "Đôn đốc cơ sở dữ liệu phục vụ công tác.", "Sở Tài chính",
             "2020 - 2022", "Kiểm tra, giám sát hiệu quả công tác cải cách", "hành chính, trong giai đoạn 2020 - 2025.",
             "5.4\tUBND các huyện, thị xã,", "thành phố", "Năm 2020"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["5", "5.3", "5.4"]
    assert rows[1][1] == "Đôn đốc cơ sở dữ liệu phục vụ công tác."
    assert rows[2][1].startswith("Kiểm tra, giám sát") and rows[2][2:] == ("UBND các huyện, thị xã, thành phố", "Năm 2020")


def test_a_number_beside_its_timeframe_at_the_row_s_bottom() -> None:
    """Cells one per line, the number low in its cell: "1.1 ⇥ Quý III/2023" after the task and the
    unit (the first under group 1's title, the next after a row its unit opened): each row keeps
    its task, unit, timeframe and number."""
    lines = [*HEADER4, "1\tHệ thống văn bản quy phạm pháp luật", "Xây dựng hiệu quả công tác cải cách",
             "hành chính, theo đúng quy định.", "Đài Phát thanh và", "Truyền hình tỉnh", "1.1\tQuý III/2023",
             "Rà soát sự phối hợp giữa các sở, ban, ngành.", "Sở Giáo dục và Đào tạo", "1.2\tQuý II/2023"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2"]
    assert rows[0] == ("1", "Hệ thống văn bản quy phạm pháp luật")
    assert rows[1][1:] == ("Xây dựng hiệu quả công tác cải cách hành chính, theo đúng quy định.",
                           "Đài Phát thanh và Truyền hình tỉnh", "Quý III/2023")
    assert rows[2][1:] == ("Rà soát sự phối hợp giữa các sở, ban, ngành.", "Sở Giáo dục và Đào tạo", "Quý II/2023")


def test_a_unit_cell_left_open_takes_its_rest_after_the_next_cell_read_beside_it() -> None:
    """Cells one per line, then "Đài Phát thanh và ⇥ Kế hoạch" (two cells on one line): the lines
    after it finish the open name, they are no product."""
    lines = [*HEADER6, "6", "Các nhiệm vụ", "6.4", "Hoàn thiện các nhiệm vụ, giải pháp.", "Sở Tài chính",
             "Đài Phát thanh và\tKế hoạch", "Truyền hình tỉnh,", "Sở Tư pháp", "Quý", "II/2022"]
    rows = _rows(lines)
    assert rows[1][2:] == ("Sở Tài chính", "Đài Phát thanh và Truyền hình tỉnh, Sở Tư pháp", "Kế hoạch", "Quý II/2022")


def test_a_fragment_that_completes_or_opens_a_name_is_not_cut() -> None:
    """"Đầu tư" under "Sở Kế hoạch và" is the whole rest; "Công an" under "..., Sở" opens a name of
    its own (no "Sở Công an" in the table): neither is cut."""
    names = _whole_names(_unit_name_prefixes([(4, "Sở Kế hoạch và Đầu tư\tCông an tỉnh\tSở Công Thương")] * 3))
    row = _Row("3.1", 4, {1: ["Rà soát"], 2: ["Sở Kế hoạch và"], 3: ["Sở Nội vụ, Sở"]})
    kinds = ["tt", "task", "lead", "coord", "product", "time"]
    assert _split_open_names(["các nhiệm vụ", "Đầu tư", "Công an"], row, kinds, names) == ["các nhiệm vụ", "Đầu tư", "Công an"]


def test_a_first_label_read_well_formed_after_whole_rows_held_keeps_its_group() -> None:
    """psm 3 on a worn scan: every number lost until "3.1" (cells one per line, a title line
    between groups). The first label read is no misread of the guessed first group's ("1.1"): the
    rows held before it are group 1's and 2's, each its own row."""
    lines = [*HEADER4, "Hệ thống văn bản quy phạm pháp luật liên quan",
             "Xây dựng hiệu quả công tác cải cách hành chính,", "theo đúng quy định của pháp luật.", "Sở Tư pháp",
             "Quý III/2023", "Rà soát hiệu quả công tác cải cách hành chính.", "Sở Nội vụ", "Hằng năm",
             "Hiệu quả công tác cải cách hành chính",
             "Tổ chức tập huấn cho cán bộ, công chức làm công tác", "cải cách hành chính.", "Công an tỉnh",
             "Tháng 6/2023", "Các nhiệm vụ, giải pháp về cải cách hành chính",
             "3.1", "Triển khai cơ sở dữ liệu phục vụ công tác.", "Sở Tài chính", "Năm 2023",
             "3.2", "Đôn đốc việc thực hiện các chỉ tiêu.", "Sở Nội vụ", "Quý II/2023"]
    labels = [r[0] for r in _rows(lines)]
    assert labels[-3:] == ["3", "3.1", "3.2"]
    assert "1.1" in labels and "2.1" in labels and labels.count("3.1") == 1


def test_a_bare_number_before_its_own_second_item_is_its_first() -> None:
    """A group's title with its number lost, then "4" ("4.1" read "4]", restored to "4") over a
    whole item, then "4.2": the row is 4.1 (one loss), not 3.5 (the group and its first item lost)."""
    lines = [*HEADER4, "3", "Các nhiệm vụ, giải pháp về cải cách hành chính",
             "3.1", "Triển khai cơ sở dữ liệu phục vụ công tác.", "Sở Tài chính", "Năm 2023",
             "Hệ thống văn bản quy phạm pháp luật liên quan đến cải cách hành chính",
             "4", "Đẩy mạnh hệ thống văn bản quy phạm pháp luật.", "Sở Tư pháp", "Quý II/2023",
             "4.2", "Đôn đốc việc thực hiện các chỉ tiêu.", "Sở Nội vụ", "Hằng năm"]
    rows = _rows(lines)
    items = [r[0] for r in rows if len(r) > 2]
    assert items == ["3.1", "4.1", "4.2"]
    assert next(r for r in rows if r[0] == "4.1")[2:] == ("Sở Tư pháp", "Quý II/2023")


def test_a_quarter_whose_year_lost_its_last_digit_against_the_rule_ends_the_cell() -> None:
    """At 150 dpi "Quý III/2022" reads "Quy 111/202": still a whole timeframe (a row ends there)."""
    assert _time_complete("Quy 111/202") and _time_complete("Quy 1V/202")
    assert not _time_complete("Quý 1/20")


def test_a_group_number_read_below_its_title_after_a_whole_row() -> None:
    """A finished row, a group's title alone, then "5" and a whole item, its number lost, then more
    items whose numbers were lost: the title is group 5's, the item 5.1, the next 5.2."""
    lines = [*HEADER4, "4", "Các nhiệm vụ, giải pháp về cải cách hành chính",
             "4.1", "Triển khai cơ sở dữ liệu phục vụ công tác.", "Sở Tài chính", "Năm 2023",
             "Chất lượng đội ngũ cán bộ, công chức làm công", "tác cải cách hành chính",
             "5", "Nâng cao chất lượng đội ngũ cán bộ, công chức.", "Sở Kế hoạch và Đầu tư", "Quý IV/2023",
             "Hoàn thiện cơ sở dữ liệu phục vụ công tác.", "Sở Tư pháp", "Hằng năm"]
    rows = _rows(lines)[-5:]
    assert [r[0] for r in rows] == ["4", "4.1", "5", "5.1", "5.2"]
    assert rows[2][1] == "Chất lượng đội ngũ cán bộ, công chức làm công tác cải cách hành chính"
    assert rows[3][2:] == ("Sở Kế hoạch và Đầu tư", "Quý IV/2023")


def test_a_wrapped_group_title_after_a_timeframe_line_then_rows_across_their_cells() -> None:
    """Rows read across their cells, numbers lost: after a row's timeframe line, a group's title cut
    in two lines (its year wrapped, no stop), then a row read across its cells: the title opens
    the next group, the row is its first item, not the end of the row before."""
    lines = [*HEADER4, "3", "Các nhiệm vụ, giải pháp về cải cách hành chính",
             "3.1", "Triển khai cơ sở dữ liệu phục vụ công tác\tSở Tài chính", "cải cách hành chính.", "Năm 2023",
             "Việc thực hiện các chỉ tiêu về cải cách hành chính", "tỉnh năm 2023",
             "Tổ chức việc thực hiện các chỉ tiêu về cải cách\tSở Tư pháp", "hành chính năm 2023.", "Hằng năm"]
    rows = _rows(lines)[-3:]
    assert [r[0] for r in rows] == ["3.1", "4", "4.1"]
    assert rows[-2][1] == "Việc thực hiện các chỉ tiêu về cải cách hành chính tỉnh năm 2023"
    assert rows[-1][2:] == ("Sở Tư pháp", "Hằng năm")


def test_a_row_whose_number_and_unit_name_were_garbled_opens_after_a_whole_row() -> None:
    """A 4-column table read across its cells: after a whole row, a new sentence, a rule, then a
    capitalised cell no unit name reads ("Sé Gido duc va": the lead unit garbled): a row whose
    number was lost, not more of the row before."""
    lines = [*HEADER4, "1", "Các nhiệm vụ, giải pháp về cải cách hành chính",
             "1.1", "Triển khai cơ sở dữ liệu phục vụ công tác\tSở Tài chính", "cải cách hành chính.", "Năm 2023",
             "Đẩy mạnh các nhiệm vụ, giải pháp về cải cách\tSé Gido duc va", "hành chính năm 2023.", "Quý II/2023",
             "1.3", "Rà soát hệ thống văn bản.\tSở Tư pháp\tHằng năm"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3"]
    assert rows[2][3] == "Quý II/2023"


def test_a_timeframe_cut_by_a_rule_read_inside_it_still_ends_its_row() -> None:
    """"Thắng ⇥ 6/2023" (a rule read inside the timeframe cell) is the row's timeframe line alone:
    the line read across task and unit after it opens a row whose number was lost."""
    lines = [*HEADER4, "1", "Các nhiệm vụ, giải pháp về cải cách hành chính",
             "1.1", "Triển khai cơ sở dữ liệu phục vụ công tác\tSở Tài chính", "cải cách hành chính năm 2023",
             "Thắng\t6/2023", "Tổ chức việc thực hiện các chỉ tiêu về cải cách\tSở Tư pháp", "hành chính năm 2023",
             "Quý II/2023", "1.3", "Rà soát hệ thống văn bản.\tSở Nội vụ\tHằng năm"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3"]
    assert rows[2][2:] == ("Sở Tư pháp", "Quý II/2023")


def test_a_row_read_across_after_a_page_break_opens_though_a_quote_speck_starts_it() -> None:
    """A row's task ends on the next page ("... pháp luật."), then "‘Tăng cường ... ⇥ Các sở, ban,
    ngành" (the rule before the cell read as a quote): a row whose number was lost."""
    lines = [*HEADER4, "1", "Các nhiệm vụ, giải pháp về cải cách hành chính",
             "1.1", "Triển khai cơ sở dữ liệu phục vụ công tác\tSở Tài chính", "Hằng năm", *HEADER4[1:],
             "cải cách hành chính, theo đúng quy định của pháp luật.",
             "‘Tăng cường các nhiệm vụ, giải pháp về cải cách\tCác sở, ban, ngành", "hành chính.", "Thường xuyên",
             "1.3", "Rà soát hệ thống văn bản.\tSở Nội vụ\tHằng năm"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3"]
    assert rows[2][2:] == ("Các sở, ban, ngành", "Thường xuyên")


def test_a_unit_whose_so_was_read_as_symbols_still_splits_a_lost_row() -> None:
    """"Sở" read "$@" by the English model: "$@ Kế hoạch và Đầu tư" alone after a new task is the
    unit of a row whose number was lost; a "$" before anything but a unit name stays as read."""
    assert _so_misread("$@ Kế hoạch và Đầu tư") == "Sở Kế hoạch và Đầu tư"
    assert _so_misread("$ 5 năm") == "$ 5 năm"
    assert _so_misread("S6-Giáo dục và Đào tạo") == "Sở Giáo dục và Đào tạo"
    assert _so_misread("S0 Kế hoạch và Đầu tư") == "Sở Kế hoạch và Đầu tư"
    assert _so_misread("S6 trong cơ quan") == "S6 trong cơ quan"


def test_a_row_s_task_rest_after_a_page_break_ends_the_held_row() -> None:
    """Every number lost: a row's unit and timeframe, then (after the page's header) its task's
    rest up to the sentence's end; the title and the row after it are a row of their own."""
    from pipeline.structure.text_table_lost import _held_rows

    held = [["Nâng cao sự phối hợp giữa các sở, ban, ngành"], ["Văn phòng UBND tỉnh"], ["Thường xuyên."],
            ["hiệu quả công tác chuyển đổi số."], ["Hiệu quả công tác chuyển đổi số"], ["Hoàn thiện hệ thống văn bản."],
            ["Công an tỉnh"], ["Tháng 6/2025"]]
    rows = _held_rows(held)
    assert [len(r) for r in rows] == [4, 4]
    # task lines after the unit but before any timeframe are no rest: the row goes on
    assert len(_held_rows([held[0], held[1], ["Sở Tư pháp."], ["Hoàn thiện văn bản."], ["Năm 2025"]])) == 1


def test_a_title_before_a_task_line_cut_by_a_rule_is_the_group_s() -> None:
    """A title alone, then the item's first line read across a rule ("... dữ liệu. | phụ | vụ"):
    that line's first fragment follows the title; the title is the group's."""
    from pipeline.structure.text_table_lost import _chunk_title

    held = [["Việc thực hiện các chỉ tiêu về chuyển đổi số năm 2025"], ["Kiểm tra, giám sát cơ sở dữ liệu.", "phụ", "vụ công tác"],
            ["chuyển đổi số, trên địa bàn toàn tỉnh."], ["Sở Nội vụ"], ["Tháng 6/2025"]]
    assert _chunk_title(held, frozenset()) == 1
    assert _chunk_title([held[0], ["Sở Nội vụ", "Tháng 6/2025"]], frozenset()) == 0


def test_a_garbled_label_after_held_rows_and_a_title_is_the_next_group_s_first_item() -> None:
    """Every number of group 1 lost (its rows held after its title, cells one per line), then the
    next group's title alone and a garbled label ("D1"): 2.1, not 1.1; group 1's rows stay apart."""
    lines = [*HEADER4, "Hiệu quả công tác chuyển đổi số", "Hoàn thiện văn bản quy phạm.", "Sở Nội vụ", "Quý I/2020",
             "Kiểm tra, giám sát cơ sở dữ liệu.", "Công an tỉnh", "Năm 2020",
             "Việc thực hiện các chỉ tiêu về chuyển đổi số trong cơ quan nhà nước năm 2020", "D1",
             "Tổ chức cơ sở dữ liệu phục vụ công tác.", "Sở Tư pháp", "Quý IV/2020", "2.2",
             "Đôn đốc hệ thống văn bản.", "Sở Nội vụ", "Quý I/2020"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "2", "2.1", "2.2"]


def test_a_number_alone_after_a_whole_held_row_opens_the_next() -> None:
    """Every number lost but one read alone where no label was expected ("32" with nothing read
    before): after a row's unit and timeframe it opens the next row, not the row before's tail."""
    from pipeline.structure.text_table_lost import _held_rows

    held = [["Rà soát văn bản."], ["Công an tỉnh"], ["Quý I/2021"], ["32"], ["Hoàn thiện hệ thống văn bản."],
            ["Sở Nội vụ"], ["Năm 2021"]]
    assert [len(r) for r in _held_rows(held)] == [3, 4]
    # a number alone inside a row still open (no timeframe yet) goes on with it
    assert len(_held_rows([*held[:2], ["32"], ["Năm 2021"]])) == 1
