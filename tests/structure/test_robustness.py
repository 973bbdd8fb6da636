"""Any text gives a schema-valid document; the text entry point and the page model agree."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.document import Document
from pipeline.structure import build_document, document_from_text, text_pages

_PIECES = st.sampled_from([
    "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/KH-UBND Hà Nội, ngày 01 tháng 02 năm 2024",
    "KẾ HOẠCH", "Căn cứ Luật;", "I. MỤC TIÊU", "1. Nội dung", "a) điểm", "- gạch", "+ cộng", "Điều 1. Phạm vi",
    "Chương II", "Nơi nhận: KT. CHỦ TỊCH", "- Lưu: VT. Nguyễn Văn An", "PHỤ LỤC", "(Kèm theo Kế hoạch)",
    "TT Nội dung", "1.1 Việc", "", "\f", "V/v", "Kính gửi:", "*", "II.", "ngày 31 tháng 02 năm 2024",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=40)), max_size=40))
def test_any_text_gives_a_valid_document(validate: Callable[[dict], None], parts: list[str]) -> None:
    doc = document_from_text("\n".join(parts))
    data = doc.to_dict()
    validate(data)
    assert Document.from_dict(data) == doc
    assert doc.source.pages == len(doc.pages) >= 1


def test_text_entry_point_matches_build_document() -> None:
    text = "Số: 05/UBND-VX Huế, ngày 02 tháng 01 năm 2025\nV/v thử\n\fNơi nhận: GIÁM ĐỐC\n- Lưu: VT. Lê Văn Bình"
    a = document_from_text(text).to_dict()
    b = build_document(text_pages(text), None).to_dict()
    assert a["header"] == b["header"] and a["signature"] == b["signature"] and len(a["pages"]) == 2
    assert a["header"]["doc_type"] == "CÔNG VĂN" and a["signature"]["signer"] == "Lê Văn Bình"
