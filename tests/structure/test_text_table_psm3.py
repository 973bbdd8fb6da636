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
