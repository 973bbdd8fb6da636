"""A cell boundary before a unit name's wrapped tail, where the English model lost the rule."""

from __future__ import annotations

import pytest

from pipeline.restore.ocrfix.unit_tails import unit_tail_boundaries

# The line before holds the name's head at one of its cells' ends.
BEFORE = "1.1\tHoan thién hé thong van ban\tSO Gido duc va Dao\tVan\tQuy"


@pytest.mark.parametrize(
    ("line", "want"),
    [
        # "tạo," closes "Sở Giáo dục và Đào tạo", then the next unit: a boundary before it
        ("ban, nganh va dia phuong, theo ding tao, Cong an tinh", "ban, nganh va dia phuong, theo ding\ttao, Cong an tinh"),
        # "phòng UBND tỉnh" closes "Văn phòng UBND tỉnh" at the cell's end
        ("phap luat lién quan dén bao phong UBND tinh", "phap luat lién quan dén bao\tphong UBND tinh"),
        # a one-word tail that runs to the cell's end may be the task's own word: left
        ("theo dung quy dinh cua tao", "theo dung quy dinh cua tao"),
        # the name read whole on this line ("Đào tạo"): no boundary inside it
        ("lién quan dén Dao tao, Cong an tinh", "lién quan dén Dao tao, Cong an tinh"),
        # no head on the line before: the same words are the task's
        ("kinh té s6, phong chong", "kinh té s6, phong chong"),
    ],
)
def test_tail_after_a_lost_rule(line: str, want: str) -> None:
    assert unit_tail_boundaries([BEFORE, line], [True, True])[1] == want


def test_a_name_read_whole_is_not_cut_where_another_name_ends_alike() -> None:
    # "tỉnh" ends "Công an tỉnh" (its head "an" ends a cell before) but here follows "hình"
    before = "2.1\tTang cuong\tCong an\tQuy"
    line = "cai cach hanh chinh\tTruyén hinh tinh, SO Tu phap"
    assert unit_tail_boundaries([before, line], [True, True])[1] == line


def test_prose_lines_are_left() -> None:
    line = "ban, nganh va dia phuong, theo ding tao, Cong an tinh"
    assert unit_tail_boundaries([BEFORE, line], [True, False])[1] == line


def test_a_garbled_head_still_opens_the_tail() -> None:
    # "Gido" is "Giáo" read with a slip: "dục và Đào tạo" after the task's words is its tail
    before = "phap vé ning cao chi s6 ning\tDau tu, SG Gido\tgid"
    line = "luc canh tranh cdp tinh, theo duc va Dao tao"
    assert unit_tail_boundaries([before, line], [True, True])[1] == "luc canh tranh cdp tinh, theo\tduc va Dao tao"
