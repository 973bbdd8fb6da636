"""Appendix rows from a legacy-OCR line stream (issue 13, fresh dev seeds 2800-2851 and the psm 3 /
150 dpi pools of session 9): rows whose numbers were lost or misread in a run, a group title with
a misread stop or a speck, a unit garbled past knowing.  Small rows and streams made up in each test."""

from __future__ import annotations

from pipeline.structure.text_table import rows_from_text_lines
from pipeline.structure.text_table_cells import _group_title, _Row, _title_lines
from pipeline.structure.text_table_sequence import (
    _close_skips,
    _fix_backward_items,
    _fix_last_item_ahead,
)
from pipeline.structure.text_table_units import _so_misread

HEADER5 = ["TT\tNHIỆM VỤ\tĐƠN VỊ CHỦ TRÌ\tĐƠN VỊ PHỐI HỢP\tTHỜI GIAN"]


def _seq(*labels: str) -> list[_Row]:
    """Rows by label; a trailing "?" marks a row whose number was never read (guessed)."""
    return [_Row(x.rstrip("?"), 4, repaired=x.endswith("?"), inferred=x.endswith("?"), cells={1: ["việc"]}) for x in labels]


def test_rows_guessed_after_a_refitted_number_go_on_from_it() -> None:
    """"3.1" read under group 5 (a 5.1 misread), 3.2 taken earlier: the guesses after it were 3.3 and
    3.4; refitted to 5.1, they are 5.2 and 5.3."""
    rows = _seq("3", "3.1", "3.2", "4", "4.1", "5?", "3.1", "3.3?", "3.4?", "6?", "6.1")
    _fix_backward_items(rows)
    assert [r.label for r in rows] == ["3", "3.1", "3.2", "4", "4.1", "5", "5.1", "5.2", "5.3", "6", "6.1"]


def test_guesses_that_skip_a_number_no_row_has_close_up() -> None:
    rows = _seq("3", "3.1", "3.3?", "3.4?", "4", "4.1")
    _close_skips(rows)
    assert [r.label for r in rows] == ["3", "3.1", "3.2", "3.3", "4", "4.1"]
    # before a number of their group read later, the guesses stay as fitted to it
    rows = _seq("3", "3.1", "3.3?", "3.4")
    _close_skips(rows)
    assert [r.label for r in rows] == ["3", "3.1", "3.3", "3.4"]


def test_a_dotless_number_under_its_groups_bare_title_is_the_first_item() -> None:
    rows = _seq("6", "6.1", "7?", "7.2", "8?", "8.1")
    rows[2].cells = {1: ["Sự phối hợp giữa các sở, ban, ngành và địa phương"]}
    rows[3].repaired = True  # "72": its dot lost
    _fix_last_item_ahead(rows)
    assert [r.label for r in rows] == ["6", "6.1", "7", "7.1", "8", "8.1"]
    # a group row that holds a task's sentence (a first item lost into it) keeps the number as read
    rows = _seq("6", "6.1", "7?", "7.2", "8?", "8.1")
    rows[2].cells = {1: ["Sự phối hợp giữa các sở", "Triển khai các nhiệm vụ."]}
    rows[3].repaired = True
    _fix_last_item_ahead(rows)
    assert rows[3].label == "7.2"


def test_a_title_with_a_comma_read_as_a_stop_before_a_lower_case_wrap() -> None:
    task = ["i", "Hệ thống văn bản quy phạm pháp luật liên quan", "đến thực hành tiết kiệm.", "chống lãng phí", "Lệ",
            "Đôn đốc sự phối hợp giữa các sở, ban, ngành và địa", "phương."]
    assert _title_lines(task) == 5
    # a real stop before a capitalised line ends a task's sentence: no title
    assert _title_lines(["Rà soát các nhiệm vụ, giải pháp.", "Tổ chức sự phối hợp", "Đôn đốc các sở."]) == 0


def test_a_group_title_names_one_phrase_and_may_sit_over_a_speck() -> None:
    assert not _group_title("Kiểm tra, giám sát hiệu quả công tác; đôn đốc", "Cơ sở dữ liệu phục vụ")  # a task's list
    assert _group_title("Hiệu quả công tác phát triển kinh tế số", "‘Tăng cường các nhiệm vụ, giải pháp")


def test_a_misread_so_of_two_glyphs_opens_a_unit() -> None:
    assert _so_misread("S6@ Kế hoạch và Đầu tư") == "Sở Kế hoạch và Đầu tư"
    assert _so_misread("S6 lần") == "S6 lần"  # no capitalised name after it


def _rows(lines: list[str]) -> list[tuple[str, ...]]:
    t = rows_from_text_lines([(4, ln) for ln in lines])
    assert t is not None
    return [r.cells for r in t.rows]


def test_a_unit_alone_goes_on_with_a_unit_cell_left_open() -> None:
    """"Văn phòng UBND tỉnh," then, after the task's second sentence, "Công an tỉnh" alone: the open
    cell's rest, not a row whose number was lost."""
    lines = [*HEADER5, "1\tHiệu quả công tác phòng, chống thiên tai",
             "1.1\tXây dựng cơ sở dữ liệu phục vụ công\tSở Tài chính\tSở Nội vụ, Văn\tQuý",
             "tác phòng, chống thiên tai, gắn với\tphòng UBND tỉnh,\tII/2025",
             "trách nhiệm của người đứng đầu.",
             "Đôn đốc các nhiệm vụ, giải pháp về",
             "Công an tỉnh",
             "phòng, chống thiên tai.",
             "1.2\tRà soát các nhiệm vụ, giải pháp.\tSở Tư pháp\tSở Nội vụ\tNăm 2025"]
    rows = _rows(lines)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2"]
    assert rows[1][3] == "Sở Nội vụ, Văn phòng UBND tỉnh, Công an tỉnh"


def test_a_wide_title_alone_is_a_groups_title() -> None:
    """psm 3: the next group's title (far wider than the task column, its number lost) alone before
    the group's first row, read side by side; a task's lines of the column's width are none."""
    from pipeline.structure.text_table_reader import _Reader

    reader = _Reader()
    reader.width = 48
    title = ["Chất lượng đội ngũ cán bộ, công chức làm công tác chuyển đổi số trong cơ quan nhà", "nước"]
    assert reader._title_alone(title) == 2
    assert reader._title_alone(["Xây dựng chất lượng đội ngũ cán bộ, công chức làm", "công tác chuyển đổi số."]) == 0
    assert reader._title_alone([title[0] + ".", "nước"]) == 0  # a sentence ended: a task's


def test_a_first_item_read_twice_at_the_end_is_the_next_groups() -> None:
    """"3.1" read again after group 4's items, nothing after it: group 5's first item, its digit misread."""
    rows = _seq("3", "3.1", "3.2", "4", "4.1", "4.2", "3.1")
    _fix_backward_items(rows)
    assert [r.label for r in rows][-1] == "5.1"


def test_a_year_wrapped_after_the_keyword_and_a_speck_is_the_tasks() -> None:
    from pipeline.structure.text_table_placement import _fit_time

    row = _Row("8.1", 6, block=True, cells={1: ["kiểm tra việc thực hiện các chỉ tiêu năm."]})
    assert _fit_time("2019.", row, "", True, False) < 0  # "năm." / "2019.": the task's own year


def test_an_i_beside_a_digit_is_a_one() -> None:
    from pipeline.structure.text_table_labels import match_label

    assert match_label("i2", ["1", "1.1"]) == ("1.2", True)
    assert match_label("i", ["1", "1.1"]) is None  # alone, a scrap of a word


def test_a_rule_read_inside_a_timeframe_after_an_open_unit() -> None:
    """"UBND các huyện, thị xã," left open, then "Quý ⇥ IV/2021": one timeframe, not the unit's rest."""
    lines = [*HEADER5, "1\tHiệu quả công tác chuyển đổi số",
             "1.1\tHướng dẫn hiệu quả công tác chuyển đổi số.\tUBND các huyện, thị xã,\tSở Nội vụ\tQuý\tIV/2021",
             "1.2\tRà soát các nhiệm vụ, giải pháp.\tSở Tư pháp\tSở Nội vụ\tNăm 2021"]
    rows = _rows(lines)
    assert rows[1][4] == "Quý IV/2021" and "Quý" not in rows[1][2]
