"""Issue 14: restoration never rewrites an all-capitals abbreviation the document defines or the
code tables know (pipeline/restore/core/abbrev.py)."""

from __future__ import annotations

from pipeline.restore.core import abbrev


def test_definitions_in_parentheses_and_symbols() -> None:
    text = "Khoa Hệ thống thông tin (K.HTTT) thông báo (sau đây gọi tắt là BQL).\nSố: 12/TB-CTSV"
    assert abbrev.defined(text) >= {"HTTT", "BQL", "CTSV"}
    assert "K" not in abbrev.defined(text)
    assert abbrev.defined("ngày 12/02/2014 (thứ Tư)") == frozenset()


def test_known_codes_are_no_syllables() -> None:
    codes = abbrev.known_codes()
    assert {"UBND", "HĐND", "KTTH"} <= codes
    assert not {"BAN", "TAM", "TO"} & codes


def test_a_defined_abbreviation_is_put_back_and_other_changes_stay() -> None:
    before = ["Khoa Hệ thống thông tin (K.HTTT)", "sinh vien lien he HTTT de dang ky, UBND tinh."]
    after = ["Khoa Hệ thống thông tin (K.HTTT)", "sinh viên liên hệ Hết để đăng ký, UBNĐ tỉnh."]
    assert abbrev.protect(before, after) == [before[0], "sinh viên liên hệ HTTT để đăng ký, UBND tỉnh."]


def test_undefined_caps_and_known_d_repairs_are_restored() -> None:
    # "HTTT" undefined on the page and in no table: restoration may change it; "HD" -> "HĐ" is the
    # English model's lost Đ giving another known code; "BAN" is a word.
    before = ["HTTT van ban HD so", "BAN CHI DAO"]
    after = ["Hết văn bản HĐ số", "BAN CHỈ ĐẠO"]
    assert abbrev.protect(before, after) == after


def test_restore_page_puts_back_what_post_correction_rewrote(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore import api
    from pipeline.types import Line, OcrPage, TextLayer, Word

    def rewrite(texts, confs, *args, **kwargs):  # type: ignore[no-untyped-def]  # the bug of issue 14
        return [t.replace(" HTTT ", " Hết ") for t in texts], []

    monkeypatch.setattr(api, "postcorrect_lines", rewrite)
    texts = ["Khoa Hệ thống thông tin (K.HTTT) thông báo", "Liên hệ văn phòng HTTT để đăng ký"]
    lines = tuple(Line(t, (0, 0, 10, 10), tuple(Word(w, (0, 0, 1, 1), 0.3) for w in t.split()), 0.3) for t in texts)
    page = OcrPage(1, 100, 100, 300, lines, (), TextLayer.absent, engine="tesseract")
    out = api.Restorer().restore_page(page)
    assert out.lines[1].text == texts[1]


def test_a_party_signing_prefix_is_put_back() -> None:
    # the vie post-correction read the "M" of "T/M" alone as a garbled syllable ("T/BỊ")
    before = ["Nơi nhận: T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ"]
    after = ["Nơi nhận: T/BỊ BAN THƯỜNG VỤ", "K/T BÍ THƯ"]
    assert abbrev.protect(before, after) == before
    assert abbrev.is_protected("T/M") and not abbrev.is_protected("V/v")
