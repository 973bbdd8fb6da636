"""Row numbers read alone on their lines are put back into their sequence."""

from __future__ import annotations

import pytest

from pipeline.restore.ocrfix.labels import repair_row_labels, repair_table_labels


def test_a_lost_or_misread_dot_is_read_from_the_sequence() -> None:
    lines = ["1.1", "Trién khai", "21", "Hoan thién", "2p)", "Day manh", "23", "x", "2.4", "a1", "3:2", "33"]
    want = ["1.1", "Trién khai", "2.1", "Hoan thién", "2.2", "Day manh", "2.3", "x", "2.4", "3.1", "3.2", "3.3"]
    assert repair_row_labels(lines) == want


def test_a_group_number_and_a_three_digit_label() -> None:
    assert repair_row_labels(["12.3", "13", "13.1", "132", "13.3"]) == ["12.3", "13", "13.1", "13.2", "13.3"]


@pytest.mark.parametrize(
    "lines",
    [
        ["21", "Hoan thién", "2025", "41"],  # no label read whole: nothing to go by
        ["1.1", "2025", "1.2", "6/2023", "Quy 11/2024"],  # years and timeframes are no labels
        ["2", "1.1", "74", "1.2"],  # a page number; "74" fits no gap
    ],
)
def test_lines_without_a_sequence_are_kept(lines: list[str]) -> None:
    assert repair_row_labels(lines) == lines


# --- row numbers at the start of a ruled table's lines (repair_table_labels) ---

_HEADER = ["TT\tNHIỆM VỤ\tCƠ QUAN CHỦ TRÌ\tTHỜI GIAN"]


def _table(lines: list[str]) -> list[str]:
    return repair_table_labels(lines, [True] * len(lines))


def test_a_group_title_alone_above_its_first_item_takes_the_groups_number() -> None:
    lines = [*_HEADER, "1.1\tHướng dẫn việc\tSở Tư pháp\tQuý", "thực hiện.\tIV/2025",
             "Việc thực hiện các chỉ tiêu năm 2025", "2.1\tĐôn đốc\tCông an tỉnh\tHằng năm", "cán bộ."]
    assert _table(lines)[3] == "2\tViệc thực hiện các chỉ tiêu năm 2025"


def test_a_groups_number_read_as_a_mark_before_its_title() -> None:
    lines = [*_HEADER, "1.1\tHướng dẫn\tSở Tư pháp\tQuý", "chính.\tIV/2025", "1.2\tRà soát\tSở\tNăm 2025",
             "công tác.", "a\tCác nhiệm vụ, giải pháp", "2.1\tTăng cường\tSở\tQuý", "tác.",
             "Cs Hiệu quả công tác", "3.1\tXây dựng\tSở\tQuý"]
    out = _table(lines)
    assert out[5] == "2\tCác nhiệm vụ, giải pháp"
    assert out[8] == "3\tHiệu quả công tác"


def test_the_column_header_and_a_rows_last_line_take_no_number() -> None:
    lines = [*_HEADER, "1.1\tHướng dẫn\tSở Tư pháp\tQuý", "Sở Nội vụ thực hiện.", "2.1\tRà soát\tSở\tNăm 2025"]
    assert _table(lines) == lines  # "... thực hiện." ends row 1.1: no group's title


def test_a_lone_label_that_lost_its_dot_between_two_read_whole() -> None:
    lines = [*_HEADER, "4.1\tHướng dẫn\tSở\tQuý", "chính.", "42", "Rà soát\tSở\tNăm 2025", "4.3\tTăng\tSở\tQuý"]
    assert _table(lines)[3] == "4.2"


def test_an_items_number_lost_on_the_one_line_that_opens_a_row() -> None:
    lines = [*_HEADER, "8\tCác nhiệm vụ, giải pháp", "Đẩy mạnh chất lượng\tSở Nội vụ\tThường xuyên",
             "làm công tác.", "8.2\tRà soát\tSở\tNăm 2025", "cán bộ.",
             "Tăng cường hệ thống\tCông an tỉnh\tQuý", "văn bản.\tI/2025", "8.4\tXây dựng\tSở\tQuý"]
    out = _table(lines)
    assert out[2].startswith("8.1\tĐẩy mạnh")
    assert out[6].startswith("8.3\tTăng cường")


def test_no_number_where_the_gap_has_two_openers_or_the_sequence_is_unknown() -> None:
    two = [*_HEADER, "1.1\tHướng dẫn\tSở\tQuý", "chính.", "Rà soát\tSở\tNăm 2025", "tác.",
           "Tăng cường\tSở\tQuý", "1.3\tXây dựng\tSở\tQuý"]
    assert _table(two) == two
    lone = [*_HEADER, "Việc thực hiện các chỉ tiêu", "2.1\tĐôn đốc\tCông an tỉnh\tHằng năm"]
    assert _table(lone) == lone  # one number read: no sequence


def test_a_page_number_above_the_header_is_no_groups_number() -> None:
    lines = ["6", *_HEADER, "6\tChất lượng đội ngũ", "Tăng cường hiệu quả\tSở Nội vụ\tQuý",
             "quy định.\tII/2025", "6.2\tRà soát\tSở\tNăm 2025", "cán bộ.", "6.3\tXây dựng\tSở\tQuý"]
    assert _table(lines)[3].startswith("6.1\tTăng cường")


def test_a_mark_read_for_an_items_number_before_a_cell_boundary() -> None:
    lines = [*_HEADER, "10.2\tRà soát\tSở\tNăm 2025", "cán bộ.", "11\tViệc thực hiện các chỉ tiêu",
             "a\tXây dựng hiệu quả\tSở Nội vụ\tQuý I/2024", "thông tin.", "11.2\tĐôn đốc\tSở\tQuý"]
    assert _table(lines)[4] == "11.1\tXây dựng hiệu quả\tSở Nội vụ\tQuý I/2024"


def test_a_number_alone_on_the_line_before_does_not_end_a_row() -> None:
    lines = [*_HEADER, "4\tHiệu quả công tác", "4.1", "Đẩy mạnh việc\tSở Kế hoạch\tHằng năm", "chỉ tiêu.",
             "4.3\tTăng cường\tSở\tQuý"]
    assert _table(lines) == lines  # the opener after "4.1" is row 4.1's own line, not 4.2


def test_a_group_and_its_first_item_both_lost_before_the_second_item() -> None:
    lines = [*_HEADER, "5.2\tRà soát\tSở\tNăm 2025", "cán bộ.", "Hệ thống văn bản quy phạm pháp luật",
             "Đẩy mạnh cơ sở dữ liệu\tSở Thông tin và\tNăm 2024", "an toàn thông tin.", "6.2\tXây dựng\tSở\tQuý"]
    out = _table(lines)
    assert out[3] == "6\tHệ thống văn bản quy phạm pháp luật"
    assert out[4].startswith("6.1\tĐẩy mạnh")


def test_a_groups_title_after_a_mark_is_no_item() -> None:
    lines = [*_HEADER, "3.2\tRà soát\tSở\tNăm 2025", "cán bộ.", "a\tSự phối hợp giữa các sở, ban, ngành",
             "4.1\tXây dựng\tSở\tQuý", "tác.", "4.2\tĐôn đốc\tSở\tQuý"]
    assert _table(lines)[3] == "4\tSự phối hợp giữa các sở, ban, ngành"


# --- rows read cell by cell: a group's title and a garbled item number (psm 3) ---

_CELLS = ["STT", "NỘI DUNG CÔNG VIỆC", "CƠ QUAN CHỦ TRÌ", "THỜI HẠN"]


def test_a_title_alone_before_its_first_item_gets_the_group_number() -> None:
    lines = [*_CELLS, "3.3", "Tang cuong viec thuc hien", "Cac so, ban, nganh", "Quy 1/2021",
             "Chat luong doi ngu can bo, cong chuc", "4.1", "Ra soat he thong van ban", "Cong an tinh", "Nam 2021",
             "4.2", "Hoan thien hieu qua cong tac", "So Noi vu", "Quy IV/2021"]
    out = _table(lines)
    assert out[8] == "4\tChat luong doi ngu can bo, cong chuc"
    assert out[:8] == lines[:8] and out[9:] == lines[9:]


def test_a_garbled_first_item_number_after_a_title_is_read_from_the_sequence() -> None:
    lines = [*_CELLS, "4.4", "To chuc hieu qua cong tac", "So Noi vu", "2021 - 2023",
             "Co so du lieu phuc vu cong tac", "ap", "Trien khai viec thuc hien cac chi tieu", "So Tai chinh",
             "Quy IV/2021", "5.2", "Day manh he thong van ban", "So Noi vu", "Nam 2021", "5.3", "Xay dung", "Quy"]
    out = _table(lines)
    assert out[8] == "5\tCo so du lieu phuc vu cong tac"
    assert out[9] == "5.1"


def test_a_garbled_item_number_between_a_timeframe_and_a_task() -> None:
    lines = [*_CELLS, "3.1", "Ra soat chat luong doi ngu", "So Tu phap", "Thuong xuyen",
             "az", "Trien khai chat luong doi ngu can bo", "So Tai chinh", "Quy 1V/2022", "3.3", "Don doc he thong", "Quy"]
    assert _table(lines)[8] == "3.2"


@pytest.mark.parametrize(
    "lines",
    [
        # the title wraps: where its number was read is unknown
        [*_CELLS, "3.3", "Tang cuong", "Quy 1/2021", "Chat luong doi ngu can bo,", "cong chuc lam cong tac", "phong, chong", "4.1",
         "Ra soat", "Nam 2021", "4.2", "Hoan thien", "Quy"],
        # a task's last word alone after a full stop is no number
        [*_CELLS, "2.1", "Kiem tra cac nhiem vu, giai phap", "thien tai.", "qua.", "Thang 6/2019", "2.3", "Xay dung", "Quy"],
    ],
)
def test_cell_by_cell_lines_without_room_in_the_sequence_are_kept(lines: list[str]) -> None:
    out = _table(lines)
    assert out[5:] == lines[5:]
