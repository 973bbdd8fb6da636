"""Appendix rows from a legacy-OCR line stream (issue 13, the 150 dpi pool of session 11, seeds
3500-3511): a merged group title cut at a gap over a column rule, a timeframe column whose title
was never read, a speck of the rule after a row number, a row whose number was lost between two
read, a group's first item cut by a page's foot, the rules of held lines, a unit head glued to its
name by a speck.  Small rows and streams made up in each test."""

from __future__ import annotations

from pipeline.structure.text_table import rows_from_text_lines
from pipeline.structure.text_table_cells import _fragments, _Row
from pipeline.structure.text_table_labels import match_label
from pipeline.structure.text_table_lost import _row_across
from pipeline.structure.text_table_sequence import _renumber
from pipeline.structure.text_table_units import _so_misread, _unit_start

HEADER5 = "TT\tNHIỆM VỤ\tĐƠN VỊ CHỦ TRÌ\tĐƠN VỊ PHỐI HỢP\tTHỜI GIAN"


def _items(lines: list[str]) -> list[tuple[str, ...]]:
    table = rows_from_text_lines([(4, x) for x in lines])
    assert table is not None
    return [r.cells for r in table.rows]


def test_a_merged_title_cut_at_a_gap_is_the_title_of_a_group_whose_number_was_lost() -> None:
    lines = [HEADER5, "1\tCông tác quản lý tài sản công",
             "1.1\tRà soát các văn bản hướng dẫn về\tSở Tài chính\tSở Tư pháp\tQuý I/2024",
             "quản lý tài sản công tại các cơ quan", "đơn vị trên địa bàn tỉnh.",
             "1.2\tKiểm tra việc thực hiện các quy định\tSở Nội vụ\tSở Tài chính\tNăm 2024",
             "về quản lý tài sản công, bảo đảm đúng", "tiến độ và chất lượng.",
             # psm 3 cut the title's line where a column rule runs under the merged cell
             "Nâng cao năng lực đội ngũ cán bộ, công chức\tlàm công tác quản lý tài sản",
             "Bồi dưỡng nghiệp vụ cho đội ngũ cán\tSở Nội vụ\tSở Tài chính\tHằng năm",
             "bộ làm công tác quản lý tài sản công", "tại các cơ quan, đơn vị.",
             "2.2\tTổ chức kiểm tra, giám sát việc thực\tSở Tài chính\tCông an tỉnh\tQuý II/2024",
             "hiện các quy định về quản lý tài sản", "công trên địa bàn tỉnh."]
    rows = _items(lines)
    assert rows[3] == ("2", "Nâng cao năng lực đội ngũ cán bộ, công chức làm công tác quản lý tài sản")
    assert rows[2][2:] == ("Sở Nội vụ", "Sở Tài chính", "Năm 2024")
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "2", "2.1", "2.2"]


def test_rows_that_end_in_timeframes_have_that_column_when_its_title_was_lost() -> None:
    lines = ["TT\tNHIỆM VỤ\tĐƠN VỊ CHỦ TRÌ\tĐƠN VỊ PHỐI HỢP", "1\tCông tác quản lý tài sản công"]
    times = ["Quý I/2024", "Năm 2024", "Hằng năm", "Quý II/2024", "Thường xuyên"]
    for k, t in enumerate(times, start=1):
        lines += [f"1.{k}\tRà soát các văn bản hướng dẫn về\tSở Tài chính\tSở Tư pháp\t{t}", "tài sản công."]
    table = rows_from_text_lines([(4, x) for x in lines])
    assert table is not None and len(table.columns) == 5
    assert [r.cells[-1] for r in table.rows[1:]] == times
    assert all(r.cells[3] == "Sở Tư pháp" for r in table.rows[1:])


def test_a_speck_of_the_rule_after_a_dotted_number_is_no_part_of_it() -> None:
    assert match_label("6.2.-", ["6", "6.1"]) == ("6.2", False)
    assert match_label("2025-", ["6", "6.1"]) is None  # a year's range, not a number


def test_a_row_whose_number_was_lost_between_two_read_moves_the_later_one_up() -> None:
    rows = [_Row(x.rstrip("?"), 4, repaired=x.endswith("?"), inferred=x.endswith("?"), cells={1: ["việc"]})
            for x in ("7", "7.1", "7.1?", "7.2", "8", "8.1")]
    _renumber(rows)
    assert [r.label for r in rows] == ["7", "7.1", "7.2", "7.3", "8", "8.1"]
    # with room before the number read, the lost row takes the number between
    rows = [_Row(x.rstrip("?"), 4, repaired=x.endswith("?"), inferred=x.endswith("?"), cells={1: ["việc"]})
            for x in ("7", "7.1", "7.3?", "7.3")]
    _renumber(rows)
    assert [r.label for r in rows] == ["7", "7.1", "7.2", "7.3"]


def test_a_line_across_three_cells_ending_in_a_timeframe_is_a_rows() -> None:
    assert _row_across([["về quản lý, theo đúng quy", "huyện, thị xã,", "IVv/2020"]])
    assert not _row_across([["Công tác quản lý tài sản công"], ["trên địa bàn", "năm 2020"]])


def test_a_unit_head_glued_to_its_name_by_a_speck() -> None:
    assert _unit_start("Sở-Thông tin và")
    assert not _unit_start("Sở-thông") and not _unit_start("Quý-II")


def test_a_misread_so_glued_to_a_speck_or_the_next_word() -> None:
    assert _so_misread("S@.N6i vụ, UBND") == "Sở N6i vụ, UBND"
    assert _so_misread("SG@ Kế hoạch và") == "Sở Kế hoạch và"
    assert _so_misread("SGK Toán") == "SGK Toán"  # no mark misread, no separator: an abbreviation


def test_a_group_title_whose_first_word_a_rule_cut_off_with_its_number() -> None:
    lines = [HEADER5, "1\tCông tác quản lý tài sản công",
             "1.1\tRà soát các văn bản hướng dẫn về\tSở Tài chính\tSở Tư pháp\tQuý I/2024",
             "quản lý tài sản công tại các cơ quan", "đơn vị trên địa bàn tỉnh.",
             "1.2\tKiểm tra việc thực hiện các quy định\tSở Nội vụ\tSở Tài chính\tNăm 2024",
             "về quản lý tài sản công, bảo đảm đúng", "tiến độ và chất lượng.",
             "1.3\tTổng hợp, báo cáo kết quả thực hiện\tSở Tài chính\tSở Nội vụ\tQuý IV/2024",
             "về quản lý tài sản công.",
             "H\tthống văn bản quy phạm pháp luật liên quan đến quản lý tài sản công",
             "Bồi dưỡng nghiệp vụ cho đội ngũ cán\tSở Nội vụ\tSở Tài chính\tHằng năm",
             "bộ làm công tác quản lý tài sản công", "tại các cơ quan, đơn vị.",
             "2.2\tTổ chức kiểm tra, giám sát việc thực\tSở Tài chính\tCông an tỉnh\tQuý II/2024",
             "hiện các quy định về quản lý tài sản", "công trên địa bàn tỉnh."]
    rows = _items(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2"]
    assert rows[4][1].endswith("quản lý tài sản công") and rows[5][2:] == ("Sở Nội vụ", "Sở Tài chính", "Hằng năm")


def test_a_groups_first_item_read_into_its_row_cell_by_cell_keeps_the_next_number() -> None:
    """Cells one per line: the group's number alone, its title, then its first item's cells with
    that item's number lost; the next number read ("2.2") is no misread first item."""
    lines = ["", "1", "Công tác quản lý tài sản công", "1.1", "Rà soát các văn bản hướng dẫn về quản",
             "lý tài sản công tại các cơ quan.", "Sở Tài chính", "Quý I/2024",
             "2", "Công tác đào tạo, bồi dưỡng", "Bồi dưỡng nghiệp vụ cho đội ngũ cán bộ",
             "làm công tác quản lý tài sản công.", "Sở Nội vụ", "Năm 2024",
             "2.2", "Tổ chức kiểm tra, giám sát việc thực", "hiện các quy định về tài sản công.", "Sở Tài chính",
             "Quý II/2024"]
    rows = _items(["TT\tNHIỆM VỤ\tĐƠN VỊ CHỦ TRÌ\tTHỜI GIAN"] + lines[1:])
    assert [r[0] for r in rows] == ["1", "1.1", "2", "2.1", "2.2"]
    assert rows[3][2:] == ("Sở Nội vụ", "Năm 2024") and rows[4][2:] == ("Sở Tài chính", "Quý II/2024")


def test_a_wide_capitalised_line_inside_a_phrase_the_table_repeats_is_no_title() -> None:
    """"... công chức làm" / "Công tác ...": the wrap cuts "làm công", a phrase the table writes
    again and again; the capital is a misread case, not a new group's title."""
    lines = [HEADER5, "1\tCông tác quản lý tài sản công",
             "1.1\tBồi dưỡng đội ngũ cán bộ, công chức\tSở Nội vụ\tSở Tài chính\tQuý I/2024",
             "làm công tác quản lý tài sản công.",
             "1.2\tKiểm tra đội ngũ cán bộ, công chức\tSở Nội vụ\tSở Tư pháp\tNăm 2024",
             "làm công tác quản lý tài sản công.",
             "1.3\tĐánh giá đội ngũ cán bộ, công chức làm\tSở Tài chính\tSở Nội vụ\tQuý IV/2024",
             "Công tác quản lý tài sản công trên địa bàn toàn tỉnh",
             "theo đúng quy định của pháp luật.",
             "1.4\tTổng hợp, báo cáo kết quả thực hiện\tSở Tài chính\tSở Nội vụ\tHằng năm",
             "về quản lý tài sản công.",
             "1.5\tRà soát đội ngũ cán bộ, công chức\tSở Tư pháp\tSở Tài chính\tQuý II/2024",
             "làm công tác quản lý tài sản công."]
    rows = _items(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3", "1.4", "1.5"]
    assert rows[3][1].endswith("theo đúng quy định của pháp luật.")


def test_a_pages_first_line_with_a_whole_timeframe_under_a_whole_row_opens_a_row() -> None:
    """The row's first lines (its number with them) lost at the page's foot: the next page opens
    mid-sentence, a timeframe after a rule; the row before has its own already."""
    page4 = [HEADER5, "1\tCông tác quản lý tài sản công",
             "1.1\tRà soát các văn bản hướng dẫn về\tSở Tài chính\tSở Tư pháp\tQuý I/2024",
             "quản lý tài sản công tại các cơ quan.",
             "1.2\tKiểm tra việc thực hiện các quy định\tSở Nội vụ\tSở Tài chính\tNăm 2024",
             "về quản lý tài sản công, bảo đảm đúng", "tiến độ và chất lượng.",
             "1.3\tTổng hợp, báo cáo kết quả thực hiện\tSở Tài chính\tSở Nội vụ\tQuý IV/2024",
             "về quản lý tài sản công."]
    page5 = ["5", HEADER5, "tài sản công tại các cơ quan, đơn\tSở Tư pháp\tCông an tỉnh\tQuý II/2024",
             "vị trên địa bàn tỉnh.",
             "1.5\tRà soát các văn bản hướng dẫn về\tSở Tư pháp\tSở Tài chính\tHằng năm",
             "quản lý tài sản công."]
    table = rows_from_text_lines([(4, x) for x in page4] + [(5, x) for x in page5])
    assert table is not None
    rows = [r.cells for r in table.rows]
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3", "1.4", "1.5"]
    assert rows[3][4] == "Quý IV/2024" and rows[4][2:] == ("Sở Tư pháp", "Công an tỉnh", "Quý II/2024")


def test_a_row_number_garbled_into_a_scrap_with_a_digit_glued_to_the_task() -> None:
    lines = ["TT\tNHIỆM VỤ\tĐƠN VỊ CHỦ TRÌ\tTHỜI GIAN", "1\tCông tác quản lý tài sản công",
             "1.1\tRà soát các văn bản hướng dẫn về quản lý tài\tSở Tài chính\tQuý I/2024",
             "sản công tại các cơ quan, đơn vị trên địa bàn.",
             "1.2\tKiểm tra việc thực hiện các quy định về quản\tSở Nội vụ\tNăm 2024",
             "lý tài sản công, bảo đảm đúng tiến độ.",
             "1.3\tTổng hợp, báo cáo kết quả thực hiện các quy\tSở Tài chính\tQuý IV/2024",
             "định về quản lý tài sản công.",
             "Công tác đào tạo, bồi dưỡng nghiệp vụ",
             "a1 Bồi dưỡng nghiệp vụ cho đội ngũ cán bộ làm\tSở Nội vụ\tHằng năm",
             "công tác quản lý tài sản công.",
             "2.2\tTổ chức kiểm tra, giám sát việc thực hiện các\tSở Tài chính\tQuý II/2024",
             "quy định về quản lý tài sản công.",
             "2.3\tRà soát các văn bản hướng dẫn về quản lý tài\tSở Tư pháp\tHằng năm",
             "sản công trên địa bàn tỉnh."]
    rows = _items(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.3"]
    assert rows[4][1] == "Công tác đào tạo, bồi dưỡng nghiệp vụ" and rows[5][2:] == ("Sở Nội vụ", "Hằng năm")


def test_a_misread_so_in_a_list_of_units_opens_a_unit_before_the_line_is_cut() -> None:
    assert _so_misread("tỉnh, S6-Ké hoạch và") == "tỉnh, Sở Ké hoạch và"
    assert _fragments("S60. Tư pháp, Công an") == ["Sở Tư pháp, Công an"]  # one cell listing units
