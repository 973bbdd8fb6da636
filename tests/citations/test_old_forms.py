"""Citation forms of older and irregular documents (issue 17 follow-up): each case written from
VN_DOCUMENT_RULES and the pre-2005 numbering, not copied from the hand-made evaluation list."""

from __future__ import annotations

import pytest

from pipeline.citations import check_citations, find
from pipeline.vn.dates import AFTER_SYMBOL_RE

# text, symbol, form, date ISO, repairs
CASES = [
    # <số>-<cơ quan>: Government, Council of Ministers and its Chairman before 2005
    ("Căn cứ Nghị định số 64-CP ngày 27/9/1993 của Chính phủ;", "64-CP", "old", "1993-09-27", ()),
    ("theo Quyết định 217-HĐBT ngày 14 tháng 11 năm 1987", "217-HĐBT", "old", "1987-11-14", ()),
    ("thực hiện Chỉ thị số 100-CT của Chủ tịch Hội đồng Bộ trưởng", "100-CT", "old", None, ()),
    ("Quyết định số 87-CT ngày 01 tháng 3 năm 1985", "87-CT", "old", "1985-03-01", ()),
    ("Quyết định 150-TTG ngày 5/4/1994", "150-TTg", "old", "1994-04-05", ("case",)),
    ("Quyết định số 79-HDBT ngày 3/3/1990", "79-HĐBT", "old", "1990-03-03", ("D->Đ",)),
    # a letter after the number
    ("Căn cứ Quyết định số 176a/CT ngày 20 tháng 6 năm 1989;", "176a/CT", "state", "1989-06-20", ()),
    ("theo Nghị quyết số 30a/2008/NQ-CP ngày 27/12/2008 của Chính phủ", "30a/2008/NQ-CP", "legal", "2008-12-27", ()),
    ("Thông tư số 08b/2021/TT-BTC", "08b/2021/TT-BTC", "legal", None, ()),
    # the date after the issuer, after "ký", after "ký ban hành"
    ("Thông tư 05/2019/TT-BNV của Bộ Nội vụ ban hành ngày 24/6/2019 về", "05/2019/TT-BNV", "legal", "2019-06-24", ()),
    ("Nghị định số 12/2020/NĐ-CP của Chính phủ ngày 5/1/2020", "12/2020/NĐ-CP", "legal", "2020-01-05", ()),
    ("Quyết định số 15/QĐ-UBND ký ngày 3 tháng 2 năm 2020", "15/QĐ-UBND", "state", "2020-02-03", ()),
    ("Kế hoạch số 21/KH-UBND ký ban hành ngày 9/3/2021", "21/KH-UBND", "state", "2021-03-09", ()),
    # mixed-case codes written in capitals
    ("Quyết định số 18/2020/QĐ-TTG ngày 10/7/2020", "18/2020/QĐ-TTg", "legal", "2020-07-10", ("case",)),
    ("Tờ trình số 37/TTR-STTTT ngày 30/5/2024", "37/TTr-STTTT", "state", "2024-05-30", ("case",)),
    ("Quy định số 08-QĐI/TW", "08-QĐi/TW", "party", None, ("case",)),
    # a period or (legal form only) a slash for the hyphen after the type code
    ("Quyết định số 45/QĐ.UBND ngày 3/3/1998", "45/QĐ-UBND", "state", "1998-03-03", ("dot",)),
    ("Quyết định số 1120 / QĐ. UB ngày 3/3/1996", "1120/QĐ-UB", "state", "1996-03-03", ("spaces", "dot")),
    ("Thông tư liên tịch số 12/2015/TTLT/BTC-BLĐTBXH ngày 05/02/2015", "12/2015/TTLT-BTC-BLĐTBXH", "legal", "2015-02-05", ("slash",)),
    # more slash-separated parts (a company's own numbering): kept as written
    ("Công văn số 15/CV/ABC/2010 ngày 3/3/2010", "15/CV/ABC/2010", "state", "2010-03-03", ()),
    # a lower-cased text: taken after a type word when every code is known
    ("căn cứ nghị định số 15/2020/nđ-cp ngày 3/2/2020 của chính phủ", "15/2020/NĐ-CP", "legal", "2020-02-03", ("case",)),
    ("quyết định số 1719/qđ-ttg", "1719/QĐ-TTg", "state", None, ("case",)),
    ("luật số 80/2015/qh13", "80/2015/QH13", "law", None, ("case",)),
    ("kết luận số 57-kl/tw ngày 15/6/2023", "57-KL/TW", "party", "2023-06-15", ("case",)),
]


@pytest.mark.parametrize("text,symbol,form,date,repairs", CASES, ids=[c[1] for c in CASES])
def test_old_and_irregular_forms(text, symbol, form, date, repairs):
    (c,) = find(text).citations
    assert c.symbol.text == symbol
    assert c.symbol.form == form
    assert (c.date.iso if c.date else None) == date
    assert c.symbol.repairs == repairs
    assert c.symbol.problems == ()
    assert text[c.symbol_span[0] : c.symbol_span[1]] == c.symbol.raw
    assert text[c.span[0] : c.span[1]] == c.matched_text


@pytest.mark.parametrize(
    "text",
    [
        "mã hàng 55-CP trong kho",  # the old form needs a type word before it
        "Quyết định số 12-ABC ngày 3/3/1990",  # ... and a national issuer code
        "Quyết định số 12-UBND",  # a local body: not the old national form
        "nghị định số 12/abc-xyz",  # lower case: every code must be known
        "quyết định số 1/ha đất",
        "Ảnh: Hoang_anh_26/Instagram",  # a photo credit
        "sư đoàn A 2 / D 2 tiến về",  # a military unit
        "1/ Sơn tường. 2/ Khi sơn cửa gỗ",  # list markers
        "gồm 1/ Long An 2/ Hậu Nghĩa",
        "theo Mẫu số 03/PLI ban hành kèm theo",
    ],
)
def test_no_false_citations(text):
    assert find(text).citations == ()


def test_a_word_after_so_is_still_reported_as_ocr_damage():
    # After "số" or a type word a symbol is expected: a broken one is kept and reported.
    (c,) = find("Kế hoạch số 12/Khi ngày 3/3/2024").citations
    assert c.symbol.problems
    rep = check_citations("Kế hoạch số 12/Khi ngày 3/3/2024")
    assert "symbol.malformed" in {f.rule for f in rep.findings}


def test_old_form_findings_are_notes_not_errors():
    rep = check_citations("Căn cứ Nghị định số 64-CP ngày 27/9/1993 của Chính phủ;")
    assert {f.rule: f.severity for f in rep.findings} == {"type.code_missing": "info"}
    rep = check_citations("Căn cứ Quyết định số 176a/CT ngày 20/6/1989;")
    assert not [f for f in rep.findings if f.severity == "error"]
    # the same lone code in a recent document is still a mismatch
    rep = check_citations("Căn cứ Quyết định số 176/CT ngày 20/6/2019;")
    assert "type.code_mismatch" in {f.rule for f in rep.findings}


def test_ky_ends_the_issuer_name():
    (c,) = find("Quyết định 12/QĐ-CT của Công ty ký ngày 3/3/2020").citations
    assert c.issuer == "Công ty" and c.date is not None and c.date.iso == "2020-03-03"


def test_case_repair_is_reported():
    rep = check_citations("Quyết định số 18/2020/QĐ-TTG ngày 10/7/2020")
    assert [f.rule for f in rep.findings] == ["symbol.ocr_repaired"]


def test_date_after_ky():
    m = AFTER_SYMBOL_RE.match(" ký ngày 28 tháng 12 năm 2011")
    assert m is not None and m.group("wy") == "2011"
    m = AFTER_SYMBOL_RE.match(" được ký ban hành ngày 1/2/2019")
    assert m is not None and m.group("y") == "2019"
    assert AFTER_SYMBOL_RE.match(" ký hợp đồng ngày 1/2/2019") is None
