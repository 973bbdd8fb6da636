"""The archives' metadata block: mapping tables, marks, the CSV, and schema 1.1 next to 1.0."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from pipeline.archive_metadata import (
    CSV_COLUMNS,
    from_fields,
    information_marks,
    metadata_csv,
    split_number,
    type_name,
)
from pipeline.document import SCHEMA_VERSION, Document, Header, PageText, Signature, SourceRef
from pipeline.structure import document_from_text

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "pipeline" / "schema" / "document.schema.json").read_text("utf-8"))


@pytest.mark.parametrize("number,expected", [
    ("224/KH-UBND", ("224", "KH-UBND")),
    ("12/2020/NĐ-CP", ("12", "2020/NĐ-CP")),
    ("Số: 05/CV-SNV", ("05", "CV-SNV")),
    ("/QĐ-UBND", (None, "QĐ-UBND")),
    ("243-CTr/TU", ("243", "CTr/TU")),  # a party document
    ("15-NQ/TW", ("15", "NQ/TW")),  # number left blank for the clerk to fill in
    ("", (None, None)),
    (None, (None, None)),
])
def test_split_number(number: str | None, expected: tuple[str | None, str | None]) -> None:
    assert split_number(number) == expected


@pytest.mark.parametrize("doc_type,expected", [("KẾ HOẠCH", "Kế hoạch"), ("NGHỊ  QUYẾT", "Nghị quyết"), ("CÔNG VĂN", "Công văn"), (None, None)])
def test_type_name(doc_type: str | None, expected: str | None) -> None:
    assert type_name(doc_type) == expected


@pytest.mark.parametrize("text,marks", [
    ("ỦY BAN NHÂN DÂN\nKHẨN\nSố: 12/CV-UBND", ("KHẨN",)),
    ("BỘ QUỐC PHÒNG\nTỐI MẬT\nHỎA TỐC", ("TỐI MẬT", "HỎA TỐC")),
    ("BỘ CÔNG AN\nSố: 1/BC-BCA MẬT", ("MẬT",)),  # a stamp beside the number, header area
    ("HOẢ TỐC", ("HỎA TỐC",)),
    ("Điều 3. Bảo vệ bí mật nhà nước", ()),  # the word in running text is no mark
    ("BẢO VỆ BÍ MẬT NHÀ NƯỚC", ()),  # an upper-case heading that merely contains it
    ("Khẩn trương triển khai", ()),
    ("QUYẾT ĐỊNH\nVỀ BẢO VỆ BÍ MẬT", ()),
])
def test_information_marks(text: str, marks: tuple[str, ...]) -> None:
    assert information_marks(text) == marks


def _doc() -> Document:
    header = Header(authority="ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG", number="224/KH-UBND", date="2019-07-16",
                    doc_type="KẾ HOẠCH", summary="Bảo vệ môi trường  năm 2019")
    sig = Signature(prefix="KT.", on_behalf_of="CHỦ TỊCH", position="PHÓ CHỦ TỊCH", signer="Huỳnh Tấn Phát")
    pages = (PageText(1, "ỦY BAN NHÂN DÂN\nKHẨN\nKẾ HOẠCH", 0.9, "absent"), PageText(2, "...", 0.8, "absent"))
    return Document(SourceRef("x.pdf", "0" * 64, 2, "pdf"), header, signature=sig, pages=pages)


def test_metadata_block_maps_the_document() -> None:
    meta = _doc().to_dict()["metadata"]
    assert meta == {
        "doc_type": "Kế hoạch", "number": "224", "symbol": "KH-UBND", "issue_date": "2019-07-16",
        "issuer": "ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG", "summary": "Bảo vệ môi trường năm 2019", "language": "vi",
        "page_count": 2, "information_marks": ["KHẨN"], "signer": "Huỳnh Tấn Phát",
        "signer_title": "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        "notes": "Số hóa bằng OCR (vanban); độ tin cậy nhận dạng trung bình 85 %",
        "file_code": None, "retention": None, "access": None,  # the archivist's
    }


def test_schema_1_1_validates_and_1_0_documents_still_read_and_validate() -> None:
    data = _doc().to_dict()
    assert data["schema_version"] == SCHEMA_VERSION == "1.2"
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    old = {k: v for k, v in data.items() if k != "metadata"} | {"schema_version": "1.0"}
    jsonschema.Draft202012Validator(SCHEMA).validate(old)  # a 1.0 file is valid under 1.1
    assert Document.from_dict(old).to_dict() == data  # and reads back with its metadata derived
    bad = json.loads(json.dumps(data))
    bad["metadata"]["information_marks"] = ["SECRET"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(bad)


def test_csv_is_excel_ready_utf8_with_bom_one_row_per_document() -> None:
    meta = _doc().to_dict()["metadata"]
    blank = from_fields(None, None, 1, "").to_dict()
    data = metadata_csv([("a/x.pdf", meta), ("b.png", blank)])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))
    assert rows[0] == [label for _, label in CSV_COLUMNS] and len(rows) == 3
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Tệp"] == "a/x.pdf" and row["Số của văn bản"] == "224" and row["Ký hiệu của văn bản"] == "KH-UBND"
    assert row["Ngày, tháng, năm văn bản"] == "16/07/2019" and row["Ngôn ngữ"] == "Tiếng Việt"
    assert row["Ký hiệu thông tin"] == "KHẨN" and row["Mã hồ sơ"] == row["Thời hạn bảo quản"] == row["Chế độ sử dụng"] == ""
    assert rows[2][0] == "b.png" and rows[2][rows[0].index("Số lượng trang")] == "1"


@pytest.mark.parametrize("text,iso", [
    ("TỈNH ỦY LẠNG SƠN ĐẢNG CỘNG SẢN VIỆT NAM\nSố 303-CTr/TU Lạng Sơn, ngày 16 tháng II năm 2022\nCHƯƠNG TRÌNH\nTuyên truyền", "2022-11-16"),
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/KH-UBND Hà Nội, ngày ... tháng ... năm 2024\nKẾ HOẠCH\n"
     "Tuyên truyền\nCăn cứ Luật số 1 ngày 19 tháng 3 năm 2021;", None),  # never a citation's date
])
def test_issue_date_is_the_header_parsers_date(text: str, iso: str | None) -> None:
    """One reader of the date line: the metadata's issue date is the structure header's date."""
    doc = document_from_text(text)
    assert doc.header.date == iso and doc.metadata.issue_date == iso


def test_metadata_date_and_prefix_survive_a_degraded_header() -> None:
    """A strong scan: OCR dropped T/M's slash (the date is the header parser's, "tháng II" included)."""
    header = Header(authority="TỈNH ỦY LẠNG SƠN", number="303-CTr/TU", doc_type="CHƯƠNG TRÌNH", family="party")
    sig = Signature(prefix=None, on_behalf_of="TM BAN THƯỜNG VỤ", position="PHÓ BÍ THƯ", signer="Võ Thị Thu Hà")
    meta = from_fields(header, sig, 2, "TỈNH ỦY LẠNG SƠN\nLạng Sơn, ngày 16 tháng II năm 2022\nCHƯƠNG TRÌNH")
    assert meta.issue_date is None  # no second reader of the first page's text
    assert meta.signer_title == "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ"
    state = Signature(prefix=None, on_behalf_of="KT CHỦ TỊCH", position="PHÓ CHỦ TỊCH", signer="Nguyễn Văn A")
    assert from_fields(Header(family="state"), state, 1, "").signer_title == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    # printed prefixes stay as printed
    dated = Header(date="2024-06-07", family="party")
    assert from_fields(dated, Signature(prefix="T/M", on_behalf_of="BAN", position="BÍ THƯ", signer="X"), 1,
                       "ngày 16 tháng II năm 2022").issue_date == "2024-06-07"


def test_ocr_specks_do_not_reach_the_issuer_or_the_signer_title() -> None:
    header = Header(authority="ỦY BAN NHÂN DÂN. TỈNH HÀ TĨNH", family="state")
    sig = Signature(prefix="KT.", on_behalf_of="CHỦ TỊCH", position="PHÓ CHỦ TỊCH. DANH MỤC NHIỆM VỤ TRIỂN KHAI", signer="A")
    meta = from_fields(header, sig, 1, "Hà Tĩnh, ngày 04 tháng 12 năm 2022")
    assert meta.issuer == "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"
    assert meta.signer_title == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"  # the appendix heading run on is cut off
    # abbreviations keep their periods
    assert from_fields(Header(authority="ỦY BAN NHÂN DÂN TP. HỒ CHÍ MINH"), None, 1, "").issuer == "ỦY BAN NHÂN DÂN TP. HỒ CHÍ MINH"
    dash = Signature(prefix="KT.", on_behalf_of="CHỦ TỊCH —", position="PHÓ CHỦ TỊCH", signer="C")
    assert from_fields(Header(), dash, 1, "").signer_title == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"  # a speck read as a dash
    tuq = Signature(prefix="TUQ.", on_behalf_of="BỘ TRƯỞNG", position="CỤC TRƯỞNG", signer="B")
    assert from_fields(Header(), tuq, 1, "").signer_title == "TUQ. BỘ TRƯỞNG CỤC TRƯỞNG"


@pytest.mark.parametrize("summary,expected", [
    ("Triển khai công tác thực hành tiết kiệm năm 2023.", "Triển khai công tác thực hành tiết kiệm năm 2023"),
    ("Về việc tổ chức hội nghị ,", "Về việc tổ chức hội nghị"),
    ("Tuyên truyền kỷ niệm\n 80 năm . ", "Tuyên truyền kỷ niệm 80 năm"),
    ("Sửa đổi quy chế làm việc", "Sửa đổi quy chế làm việc"),
    ("Bảo vệ môi trường trên địa bàn tỉnh năm 2025-", "Bảo vệ môi trường trên địa bàn tỉnh năm 2025"),  # a speck dash
    ("Kế hoạch giai đoạn 2020 - 2025 —", "Kế hoạch giai đoạn 2020 - 2025"),
    ("Chỉnh trang đô thị TP.", "Chỉnh trang đô thị TP."),  # an abbreviation keeps its period
    ("Công tác văn thư, lưu trữ v.v.", "Công tác văn thư, lưu trữ v.v."),
    (" . ", None),
    ("Nâng cao hiệu quả trong cơ : quan nhà nước", "Nâng cao hiệu quả trong cơ quan nhà nước"),  # a speck inside
    ("Công tác cán bộ ; ` năm 2024", "Công tác cán bộ năm 2024"),
    ("Quy chế: phối hợp", "Quy chế: phối hợp"),  # a printed colon sits on its word
    ("Giai đoạn 2021 - 2025 về đất đai", "Giai đoạn 2021 - 2025 về đất đai"),
    ("Nâng cao o phát triển kinh tế số", "Nâng cao phát triển kinh tế số"),  # a speck read as a letter
    ("Sửa đổi điểm a khoản 2 Điều 5", "Sửa đổi điểm a khoản 2 Điều 5"),  # a point's label stays
    ("Công tác y tế học đường", "Công tác y tế học đường"),
])
def test_the_summary_has_no_final_period(summary: str, expected: str | None) -> None:
    """NĐ 30/2020 writes the trích yếu without a final period: one OCR read after it is dropped."""
    assert from_fields(Header(summary=summary), None, 1, "").summary == expected


def test_the_signer_title_stops_where_an_appendix_heading_was_run_on() -> None:
    sig = Signature(prefix="T/M", on_behalf_of="BAN THƯỜNG VỤ", position="PHÓ BÍ THƯ PHỤ LỤC DANH MỤC NHIỆM VỤ TRIỂN KHAI", signer="A")
    assert from_fields(Header(family="party"), sig, 2, "").signer_title == "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ"
