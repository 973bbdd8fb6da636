"""A trích yếu's head OCR read apart, further down the page (summary_apart)."""

from __future__ import annotations

from pipeline.structure.header import parse_header
from pipeline.structure.header_title import _opens_body
from pipeline.structure.layout import Ln
from pipeline.structure.summary_apart import head_apart, with_head

BODY = ["Tăng cường công tác phòng chống dịch bệnh, phòng chống dịch bệnh cho gia súc;",
        "chủ động phòng chống dịch bệnh trên địa bàn."]


def _doc(first: str, head_at: int = 3) -> list[Ln]:
    texts = [
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "HUYỆN BÌNH SƠN Độc lập - Tự do - Hạnh phúc",
        "Số: 21/KH-UBND Bình Sơn, ngày 14 tháng 3 năm 2022",
        "KẾ HOẠCH",
        first,
        "năm 2022",
        "Căn cứ Luật Thú y ngày 19 tháng 6 năm 2015;",
        "Theo đề nghị của Trưởng phòng Nông nghiệp",
        "tại Tờ trình số 12/TTr-NN ngày 2/3/2022.",
        "Ủy ban nhân dân huyện ban hành Kế hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        *BODY,
    ]
    texts.insert(7 + head_at, "Công tác phòng ch")
    return [Ln(t, 1) for t in texts]


def test_a_first_line_in_lower_case_takes_its_head_from_the_preamble() -> None:
    lines = _doc("ống dịch bệnh trên địa bàn huyện")
    assert head_apart(lines, 4, 6, _opens_body) == 10
    header = parse_header(lines).header
    assert header.summary == "Công tác phòng chống dịch bệnh trên địa bàn huyện năm 2022"


def test_no_head_where_the_first_line_opens_in_capitals_or_the_line_breaks_a_paragraph() -> None:
    lines = _doc("Công tác phòng chống dịch bệnh trên địa bàn huyện")
    assert head_apart(lines, 4, 6, _opens_body) is None
    inside = _doc("ống dịch bệnh trên địa bàn huyện", head_at=1)  # after "Theo đề nghị …": no clause ends there
    assert head_apart(inside, 4, 6, _opens_body) is None
    assert parse_header(inside).header.summary == "ống dịch bệnh trên địa bàn huyện năm 2022"


def test_a_basis_or_a_heading_is_no_head() -> None:
    lines = [Ln("ống dịch bệnh", 1), Ln("Căn cứ Luật Thú y;", 1), Ln("Theo đề nghị của Sở", 1),
             Ln("II. NHIỆM VỤ", 1), Ln("Xây dựng kế hoạch", 1)]
    assert head_apart(lines, 0, 1, _opens_body) is None


def test_the_halves_of_a_cut_word_join_and_the_seam_reads_as_the_body() -> None:
    assert with_head("Công tác phòng ch", "ống dịch bệnh", []) == "Công tác phòng chống dịch bệnh"
    # each half restored on its own: "chông" where the body reads "phòng chống dịch" nearly always
    assert with_head("Công tác phòng ch", "ông dịch bệnh", BODY) == "Công tác phòng chống dịch bệnh"
    assert with_head("Công tác phòng ch", "ông dịch bệnh", []) == "Công tác phòng chông dịch bệnh"
    assert with_head("Công tác phòng", "chống dịch bệnh", BODY) == "Công tác phòng chống dịch bệnh"
