"""Table tests of the finder: (text, expected citations) for every symbol form and date form."""

from __future__ import annotations

import pytest

from pipeline.citations import find

# text, symbol, form, type_word, type_code, issuer_codes, date ISO, issuer name
CASES = [
    ("Căn cứ Kế hoạch số 119/KH-UBND ngày 07/6/2024 của UBND tỉnh Bình Định;",
     "119/KH-UBND", "state", "Kế hoạch", "KH", ("UBND",), "2024-06-07", "UBND tỉnh Bình Định"),
    ("Căn cứ Nghị quyết số 47/NQ-CP ngày 15/4/2024 của Chính phủ về Chương trình hành động;",
     "47/NQ-CP", "state", "Nghị quyết", "NQ", ("CP",), "2024-04-15", "Chính phủ"),
    ("Căn cứ Văn bản số 1578/BTTTT-TTĐN ngày 25/4/2024 của Bộ Thông tin và Truyền thông về hướng dẫn;",
     "1578/BTTTT-TTĐN", "cong_van", "Văn bản", None, ("BTTTT", "TTĐN"), "2024-04-25", "Bộ Thông tin và Truyền thông"),
    ("Căn cứ Nghị định số 152/2020/NĐ-CP ngày 30/12/2020 của Chính phủ;",
     "152/2020/NĐ-CP", "legal", "Nghị định", "NĐ", ("CP",), "2020-12-30", "Chính phủ"),
    ("Căn cứ Thông tư số 01/2021/TT-BTTTT ngày 14/5/2021 của Bộ Thông tin và Truyền thông;",
     "01/2021/TT-BTTTT", "legal", "Thông tư", "TT", ("BTTTT",), "2021-05-14", "Bộ Thông tin và Truyền thông"),
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13;",
     "80/2015/QH13", "law", "Luật", None, ("QH13",), None, None),
    ("theo Nghị quyết số 351/2017/UBTVQH14 ngày 14/3/2017",
     "351/2017/UBTVQH14", "law", "Nghị quyết", None, ("UBTVQH14",), "2017-03-14", None),
    ("Căn cứ Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục",
     "57-KL/TW", "party", "Kết luận", "KL", ("TW",), "2023-06-15", "Bộ Chính trị"),
    ("Căn cứ Kế hoạch số 87-KH/TU ngày 16/2/2024 của Tỉnh ủy Bình Định về triển khai",
     "87-KH/TU", "party", "Kế hoạch", "KH", ("TU",), "2024-02-16", "Tỉnh ủy Bình Định"),
    ("thực hiện Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương",
     "08-QĐi/TW", "party", "Quy định", "QĐi", ("TW",), "2018-10-25", "Ban Chấp hành Trung ương"),
    ("Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng",
     "36-HD/VPTW", "party", "Hướng dẫn", "HD", ("VPTW",), "2018-04-03", "Văn phòng Trung ương Đảng"),
    ("Chỉ thị số 07/CT-TTg ngày 17 tháng 6 năm 2023 của Thủ tướng Chính phủ",
     "07/CT-TTg", "state", "Chỉ thị", "CT", ("TTg",), "2023-06-17", "Thủ tướng Chính phủ"),
    ("theo Quyết định 1719/QĐ-TTg ngày 1/2/2019",
     "1719/QĐ-TTg", "state", "Quyết định", "QĐ", ("TTg",), "2019-02-01", None),
    ("Nghị quyết số 09-NQ/TW ngày 01-10-1997 của Bộ Chính trị",
     "09-NQ/TW", "party", "Nghị quyết", "NQ", ("TW",), "1997-10-01", "Bộ Chính trị"),
    ("Thông báo số 11/TB-UBND ngày 08.01.2025 của UBND tỉnh",
     "11/TB-UBND", "state", "Thông báo", "TB", ("UBND",), "2025-01-08", "UBND tỉnh"),
    ("Tờ trình số 37/TTr-STTTT ngày 30/5/2024; UBND tỉnh ban hành",
     "37/TTr-STTTT", "state", "Tờ trình", "TTr", ("STTTT",), "2024-05-30", None),
    ("Thông tư liên tịch số 12/2015/TTLT-BTC-BLĐTBXH ngày 05/02/2015",
     "12/2015/TTLT-BTC-BLĐTBXH", "legal", "Thông tư liên tịch", "TTLT", ("BTC", "BLĐTBXH"), "2015-02-05", None),
    ("Công văn số 4869/UBND-SYT ngày 26/7/2020 về việc khẩn trương",
     "4869/UBND-SYT", "cong_van", "Công văn", None, ("UBND", "SYT"), "2020-07-26", None),
    ("Quyết định số 18/2020/QĐ-TTg ngày 10/7/2020 của Thủ tướng Chính phủ",
     "18/2020/QĐ-TTg", "legal", "Quyết định", "QĐ", ("TTg",), "2020-07-10", "Thủ tướng Chính phủ"),
    # line wrapped inside the symbol and inside the issuer name
    ("thực hiện Kết luận số 57-\nKL/TW ngày 15/6/2023 của Bộ\nChính trị về",
     "57-KL/TW", "party", "Kết luận", "KL", ("TW",), "2023-06-15", "Bộ Chính trị"),
    ("Nghị quyết số\n47/NQ-CP ngày 15/4/2024 của Chính\nphủ ban hành",
     "47/NQ-CP", "state", "Nghị quyết", "NQ", ("CP",), "2024-04-15", "Chính phủ"),
]


@pytest.mark.parametrize("text,symbol,form,word,code,issuers,date,issuer", CASES, ids=[c[1] for c in CASES])
def test_forms(text, symbol, form, word, code, issuers, date, issuer):
    cits = find(text).citations
    assert len(cits) == 1, [c.symbol.text for c in cits]
    c = cits[0]
    assert c.role == "citation"
    assert c.symbol.text == symbol
    assert c.symbol.form == form
    assert c.type_word == word
    assert c.symbol.type_code == code
    assert c.symbol.issuer_codes == issuers
    assert (c.date.iso if c.date else None) == date
    assert c.issuer == issuer
    assert text[c.span[0] : c.span[1]] == c.matched_text
    assert c.symbol.repairs == ()


# OCR damage: text, repaired symbol, repairs, problems
OCR_CASES = [
    ("Kế hoạch số 119 /KH-UBND ngày 07/6/2024", "119/KH-UBND", ("spaces",), ()),
    ("Văn bản số 1578/ BTTTT-TTDN ngày 25/4/2024", "1578/BTTTT-TTĐN", ("spaces", "D->Đ"), ()),
    ("Nghị định số 152/2020/ND-CP ngày 30/12/2020", "152/2020/NĐ-CP", ("D->Đ",), ()),
    ("Quyết định số 1O5/QĐ-UBND ngày 3/3/2024", "105/QĐ-UBND", ("O->0",), ()),
    ("Nghị định số 15/2O20/NĐ-CP", "15/2020/NĐ-CP", ("O->0",), ()),
    ("Quyết định số 12/QD-TTg", "12/QĐ-TTg", ("D->Đ",), ()),
    ("Tờ trình số 37/TTr—STTT1j ngày 30/5/2024", "37/TTr-STTT1j", ("dash",), ("broken segment 'STTT1j'",)),
    ("Kết luận số 57 - KL/TW", "57-KL/TW", ("spaces",), ()),
    ("Luật Viên chức số 129/2025/QHI5;", "129/2025/QH15", ("I->1",), ()),
    ("Nghị định số 115/2024/NĐ- CP ngày 16/9/2024", "115/2024/NĐ-CP", ("spaces",), ()),
    ("Kết luận số 57-KL/T]i ngày 15/6/2023", "57-KL/T", (), ("runs into ']'",)),
    ("Căn cứ Nghị quyết số 78/NO-CP ngày 1/2/2020", "78/NQ-CP", ("O->Q",), ()),
    ("Nghị quyết số 5-NO/TW", "5-NQ/TW", ("O->Q",), ()),
    ("Công văn số 12/SNO-VP", "12/SNO-VP", (), ()),
]


@pytest.mark.parametrize("text,symbol,repairs,problems", OCR_CASES, ids=[c[1] for c in OCR_CASES])
def test_ocr_damage_is_repaired_and_reported(text, symbol, repairs, problems):
    (c,) = find(text).citations
    assert c.symbol.text == symbol
    assert c.symbol.repairs == repairs
    assert c.symbol.problems == problems
    assert c.symbol.raw == text[c.symbol_span[0] : c.symbol_span[1]]


@pytest.mark.parametrize(
    "text",
    [
        "ngày 15/6/2023 và ngày 01-10-1997",
        "phòng, chống dịch COVID-19 trong 24/7 giờ",
        "CÔNG BÁO/Số 347 + 348/Ngày 25-02-2025",
        "tỷ lệ 3/4 số hộ, 1/2 diện tích",
        "theo Mẫu số 01/TAIN và Biểu số 401/BTXH - Sở ban hành",
        "đạt QCVN 01: 2019/BCT về an toàn",
        "",
    ],
)
def test_no_false_citations(text):
    assert find(text).citations == ()


def test_spaced_dash_does_not_swallow_the_next_word():
    (c,) = find("8. TT 11/2010/TT-BNNPTNT — Danh mục bổ sung giống cây trồng").citations
    assert c.symbol.text == "11/2010/TT-BNNPTNT" and not c.symbol.problems


def test_type_word_of_a_previous_sentence_is_not_taken():
    text = "chịu trách nhiệm thi hành Quyết định này./.\nBỘ CÔNG THƯƠNG\nSố: 40/VBHN-BCT\n"
    (c,) = find("x" * 3000 + text).citations
    assert c.type_word is None


def test_own_number_is_not_a_citation():
    text = "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 119/KH-UBND Bình Định, ngày 07 tháng 6 năm 2024\nCăn cứ Kế hoạch số 87-KH/TU ngày 16/2/2024;"
    found = find(text)
    roles = [(c.role, c.symbol.text) for c in found.citations]
    assert roles == [("own_number", "119/KH-UBND"), ("citation", "87-KH/TU")]
    assert found.date_line is not None and found.date_line.month_raw == "6"


def test_short_mentions_resolve_to_first_full_mention():
    text = (
        "Căn cứ Kết luận số 57-KL/TW của Bộ Chính trị; Nghị quyết số 47/NQ-CP ngày 15/4/2024 của Chính phủ "
        "thực hiện Kết luận số 57-KL/TW ngày 15/6/2023. Triển khai Nghị quyết số 47/NQ-CP."
    )
    cits = find(text).citations
    assert [c.symbol.text for c in cits] == ["57-KL/TW", "47/NQ-CP", "57-KL/TW", "47/NQ-CP"]
    assert [c.first_mention for c in cits] == [2, None, None, 1]


def test_page_numbers_from_document_pages():
    from pipeline.citations import check_citations

    doc = {"header": {}, "pages": [{"page_no": 1, "text": "Mở đầu"}, {"page_no": 2, "text": "theo Quyết định số 12/QĐ-UBND ngày 3/3/2024"}]}
    rep = check_citations(doc)
    (c,) = rep.citations
    assert c.page_no == 2
    assert c.symbol.text == "12/QĐ-UBND"
