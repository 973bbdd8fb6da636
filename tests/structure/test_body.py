"""Paragraph joining and the section tree (administrative and legal styles)."""

from __future__ import annotations

import pytest

from pipeline.document import Section
from pipeline.structure import document_from_text
from pipeline.structure.body import classify


@pytest.mark.parametrize(
    ("text", "kind", "label"),
    [
        ("I. MỤC ĐÍCH, YÊU CẦU", "part", "I"),
        ("IV. KINH PHÍ", "part", "IV"),
        ("1. Mục đích", "item", "1"),
        ("1.2. Nhiệm vụ", "subitem", "1.2"),
        ("2.1.3 Chi tiết", "subitem", "2.1.3"),
        ("a) Điểm a", "point", "a"),
        ("đ) Điểm đ", "point", "đ"),
        ("- gạch đầu dòng", "bullet", "-"),
        ("+ dấu cộng", "subbullet", "+"),
        ("Chương II", "chapter", "II"),
        ("Mục 1. QUY ĐỊNH CHUNG", "section", "1"),
        ("Điều 12. Hiệu lực", "article", "12"),
        ("Căn cứ Luật Tổ chức Chính phủ;", "basis", None),
        ("Chương trình hành động của Chính phủ", "text", None),
        ("V/v triển khai", "text", None),
        ("2030 thực hiện Kết luận", "text", None),
    ],
)
def test_classify(text: str, kind: str, label: str | None) -> None:
    assert classify(text, legal=False)[:2] == (kind, label)


def _shape(sections: tuple[Section, ...]) -> list:
    return [(s.kind, s.label, s.title, _shape(s.children)) for s in sections]


LEGAL = """Số: 10/2024/NĐ-CP Hà Nội, ngày 01 tháng 02 năm 2024

NGHỊ ĐỊNH
Quy định chi tiết một số điều

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Nghị định này quy định chi tiết một số điều.

Điều 2. Đối tượng áp dụng
1. Cơ quan nhà nước.
2. Tổ chức, cá nhân có liên quan, gồm:
a) Doanh nghiệp;
b) Hợp tác xã.

Chương II
QUY ĐỊNH CỤ THỂ

Mục 1. THÔNG TIN

Điều 3. Cung cấp thông tin
Cơ quan cung cấp thông tin kịp thời./.
"""


def test_legal_tree_chapter_section_article_clause_point() -> None:
    doc = document_from_text(LEGAL)
    assert _shape(doc.sections) == [
        ("chapter", "I", "QUY ĐỊNH CHUNG", [
            ("article", "1", "Phạm vi điều chỉnh", []),
            ("article", "2", "Đối tượng áp dụng", [
                ("clause", "1", None, []),
                ("clause", "2", "Tổ chức, cá nhân có liên quan, gồm", [("point", "a", None, []), ("point", "b", None, [])]),
            ]),
        ]),
        ("chapter", "II", "QUY ĐỊNH CỤ THỂ", [
            ("section", "1", "THÔNG TIN", [("article", "3", "Cung cấp thông tin", [])]),
        ]),
    ]
    assert doc.sections[0].children[0].text == "Nghị định này quy định chi tiết một số điều."


WRAPPED = """Số: 01/KH-UBND Bình Định, ngày 02 tháng 01 năm 2025

KẾ HOẠCH
Thử nghiệm

Căn cứ Kết luận số 57-
KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả
công tác thông tin đối ngoại;

Căn cứ Nghị quyết số 47/NQ-CP ngày 15/4/2024.

I. MỤC ĐÍCH

1. Mục đích

Triển khai các nội dung của Nghị quyết số 47/NQ-CP ngày 15/4/2024 của



Chính phủ về Chương trình hành động của Chính phủ đến năm 2030 thực hiện
Kết luận số 57-KL/TW; bảo đảm phát triển kinh tế -
xã hội của tỉnh.

Đẩy mạnh hoạt động tuyên truyền.
"""


def test_wrapped_lines_page_break_gaps_and_split_symbols_are_joined() -> None:
    doc = document_from_text(WRAPPED)
    assert doc.bases[0].startswith("Căn cứ Kết luận số 57-KL/TW ngày 15/6/2023")
    assert doc.bases[0].endswith("công tác thông tin đối ngoại;")
    assert len(doc.bases) == 2
    item = doc.sections[0].children[0]
    assert (item.label, item.title) == ("1", "Mục đích")
    paras = item.text.split("\n")
    assert len(paras) == 2
    assert "ngày 15/4/2024 của Chính phủ về Chương trình" in paras[0]
    assert "kinh tế - xã hội của tỉnh." in paras[0]
