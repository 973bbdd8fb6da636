"""The appendix title before a table's column header that psm 3 read one cell per line, its TT
title misread alone ("sút", "SsTT") and a title word restored in lower case ("CHỈ Số")."""

from __future__ import annotations

import pytest

from pipeline.structure import document_from_text

BODY = (
    "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BÌNH ĐỊNH Độc lập - Tự do - Hạnh phúc\n"
    "Số: 12/KH-UBND Bình Định, ngày 07 tháng 06 năm 2024\nKẾ HOẠCH\nTriển khai công tác\n"
    "I. MỤC ĐÍCH\nNội dung.\nNơi nhận: KT. CHỦ TỊCH\n- Như trên; PHÓ CHỦ TỊCH\n- Lưu: VT.\nNguyễn Văn An\n"
)
TABLE = ["NỘI DUNG CÔNG VIỆC", "CƠ QUAN CHỦ TRÌ", "THỜI HẠN", "HOÀN", "THÀNH", "1", "Công tác thông tin",
         "1.1", "Rà soát các thủ tục hành chính.", "Sở Tư pháp", "Năm 2024", "1.2",
         "Tổ chức tập huấn cho cán bộ.", "Sở Nội vụ", "Quý II/2024"]


@pytest.mark.parametrize("tt", ["sút", "SsTT", "ÍT"])
def test_a_tt_title_misread_alone_ends_a_title_with_a_word_in_lower_case(tt: str) -> None:
    heading = ["PHỤ LỤC", "DANH MỤC NHIỆM VỤ NÂNG CAO CHỈ Số", "NĂNG LỰC CẠNH TRANH NĂM 2022",
               "(Kèm theo Kế hoạch số 12/KH-UBND ngày 07/6/2024 của Ủy ban nhân dân tỉnh", "Bình Định)"]
    d = document_from_text(BODY + "\f" + "\n".join([*heading, tt, *TABLE]) + "\n", "a.txt")
    app = d.appendices[0]
    assert app.title == "DANH MỤC NHIỆM VỤ NÂNG CAO CHỈ Số NĂNG LỰC CẠNH TRANH NĂM 2022"
    assert app.issued_with is not None and app.issued_with.endswith("Bình Định)")
    assert [r.cells[0] for r in app.tables[0].rows] == ["1", "1.1", "1.2"]
