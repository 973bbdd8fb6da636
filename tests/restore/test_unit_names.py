"""Standard unit names on table lines respelled from their letters (pipeline.restore.ocrfix.unit_names)."""

from __future__ import annotations

import pytest

from pipeline.restore.ocrfix.unit_names import respell_line, respell_words


@pytest.mark.parametrize(("line", "want"), [
    ("Số Tư pháp, Sở Nội vụ", "Sở Tư pháp, Sở Nội vụ"),  # a whole name
    ("Các số, ban, ngành", "Các sở, ban, ngành"),
    ("hiệu quả công tác\tTruyền thống\tNăm 2024", "hiệu quả công tác\tTruyền thông\tNăm 2024"),  # a name's end at a cell's start
    ("gắn với\tTruyền thống tạo", "gắn với\tTruyền thông tạo"),  # the next cell read with no rule between
    ("thực hiện\tSở Thống tin và", "thực hiện\tSở Thông tin và"),  # a name's beginning at the line's end
    ("Đại Phát thanh và Truyền hình tính", "Đài Phát thanh và Truyền hình tỉnh"),
    ("an đến bảo Truyền thống tạo, Đài", "an đến bảo Truyền thông tạo, Đài"),  # no rule read: a capital after lower case
    ("công tác bảo đảm\ttính, Sở Tư pháp", "công tác bảo đảm\ttỉnh, Sở Tư pháp"),  # a name's last word, a cell's slice
    ("Sở Tư pháp, Đại\tBáo cáo", "Sở Tư pháp, Đài\tBáo cáo"),  # a name's first word ending a list, cut by the width
    ("thành phố, Đại", "thành phố, Đài"),
])
def test_unit_names_take_their_marks(line: str, want: str) -> None:
    assert respell_line(line) == want


@pytest.mark.parametrize("line", [
    "giữ gìn bản sắc truyền thống của dân tộc",  # no cell edge before: prose
    "trên địa bàn\tVăn Tài liệu tuyên truyền",  # "Tài" capitalised: no "vận tải"
    "Sở Giao thông vận tải\tSở Giáo dục và Đào tạo",  # already right
    "SỞ TƯ PHÁP",  # capitals stay capitals
    "tai, theo đúng quy định của pháp luật.",  # "thiên tai" wrapped: prose after the comma, no "vận tải"
    "tai.",
    "Kiểm tra\tSở Nội vụ\tThường",  # "Công Thương" ends in a capital: no lone last word
    "các sở, Đại hội",  # a first word with its own next word
    "ngành, Đại.",  # a sentence's end: no cut cell
])
def test_other_text_is_left_alone(line: str) -> None:
    assert respell_line(line) == line


def _words(line: str) -> tuple[list[str], list[str]]:
    import re

    spans = [m.span() for m in re.finditer(r"[^\W\d_]+", line)]
    words = [line[a:b] for a, b in spans]
    gaps = [line[: spans[0][0]]] + [line[spans[k - 1][1] : spans[k][0]] for k in range(1, len(spans))] + [line[spans[-1][1] :]]
    return words, gaps


@pytest.mark.parametrize(("line", "want"), [
    ("Sở Nói và\tBáo cáo", "Sở Nội vụ Báo cáo"),  # a slip after two exact words
    ("Sở Tại chín", "Sở Tài chính"),
])
def test_a_slip_in_a_long_name_is_read_as_the_name(line: str, want: str) -> None:
    words, gaps = _words(line)
    assert " ".join(respell_words(words, gaps, slips=True)) == want


@pytest.mark.parametrize("line", [
    "UBND các huyện, thị xã,\tTháng",  # across a cell boundary no slip: "Tháng" is the next cell's
    "Sở Tư pháp\tthành phố",
    "các sở, bàn giao",  # two words only before the slip's cut
])
def test_no_slip_across_cells_or_in_short_spans(line: str) -> None:
    words, gaps = _words(line)
    assert respell_words(words, gaps, slips=True) == [w for w in respell_words(words, gaps)]
