"""Signature forms (TM., KT., Q., TL., TUQ., Party T/M, K/T) and Nơi nhận lists."""

from __future__ import annotations

import pytest

from pipeline.structure import document_from_text
from pipeline.structure.signature import parse_signature_lines


@pytest.mark.parametrize(
    ("lines", "prefix", "on_behalf_of", "position", "signer"),
    [
        (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"], "TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"),
        (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Lâm Hải Giang"], "KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lâm Hải Giang"),
        (["Q. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Bích"], "Q.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Bích"),
        (["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Nguyễn Phước Bình"], "TL.", "CHỦ TỊCH", "PHÓ CHÁNH VĂN PHÒNG", "Nguyễn Phước Bình"),
        (["TUQ. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ PHÁP CHẾ", "Lê Văn Cường"], "TUQ.", "BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ PHÁP CHẾ", "Lê Văn Cường"),
        (["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Lê Kim Toàn"], "T/M", "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Lê Kim Toàn"),
        (["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Đỗ Văn Hùng"], "K/T", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Đỗ Văn Hùng"),
        (["TM. ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "CHỦ TỊCH", "Đặng Văn Minh"], "TM.", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "CHỦ TỊCH", "Đặng Văn Minh"),
        (["GIÁM ĐỐC", "Phạm Văn Dũng"], None, None, "GIÁM ĐỐC", "Phạm Văn Dũng"),
    ],
)
def test_signature_forms(lines: list[str], prefix: str | None, on_behalf_of: str | None, position: str | None, signer: str | None) -> None:
    sig = parse_signature_lines(lines, 1, None)
    assert sig is not None
    assert (sig.prefix, sig.on_behalf_of, sig.position, sig.signer) == (prefix, on_behalf_of, position, signer)


CLOSING = """Số: 01/KH-UBND Quảng Ngãi, ngày 02 tháng 01 năm 2025

KẾ HOẠCH
Thử nghiệm

1. Thực hiện ngay./.

Nơi nhận: TL. CHỦ TỊCH
- CT, PCT UBND tỉnh; KT. CHÁNH VĂN PHÒNG
- Các Sở: Tài chính, Kế hoạch và Đầu tư, PHÓ CHÁNH VĂN PHÒNG
Tài nguyên và Môi trường, Xây dựng,
Nội vụ, Tư pháp;
- Thanh tra tỉnh;
- Lưu: VT, KTTHh5. Nguyễn Phước Bình
"""


def test_closing_from_legacy_text_with_both_columns_on_one_line() -> None:
    doc = document_from_text(CLOSING)
    assert doc.recipients == (
        "CT, PCT UBND tỉnh",
        "Các Sở: Tài chính, Kế hoạch và Đầu tư, Tài nguyên và Môi trường, Xây dựng, Nội vụ, Tư pháp",
        "Thanh tra tỉnh",
        "Lưu: VT, KTTHh5",
    )
    assert doc.signature is not None
    assert doc.signature.lines == ("TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Nguyễn Phước Bình")
    assert (doc.signature.prefix, doc.signature.position, doc.signature.signer) == ("TL.", "PHÓ CHÁNH VĂN PHÒNG", "Nguyễn Phước Bình")


def test_a_speck_after_the_signers_name_is_not_part_of_it() -> None:
    sig = parse_signature_lines(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH.", "a", "Hoàng Minh Đức."], 1, None)
    assert sig is not None and sig.signer == "Hoàng Minh Đức" and sig.position == "PHÓ CHỦ TỊCH."


def test_a_seal_speck_before_the_prefix_and_a_modifier_glyph_after_it() -> None:
    """A strong scan: the seal left "TẾ" before "TL." and a "ˆ" after the title; ":" after the name."""
    sig = parse_signature_lines(["TẾ TL. CHỦ TỊCH ˆ", "CHÁNH VĂN PHÒNG", "về vn:", "Hoàng Minh Đức :"], 2, None)
    assert sig is not None
    assert (sig.prefix, sig.on_behalf_of, sig.position, sig.signer) == ("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Hoàng Minh Đức")


@pytest.mark.parametrize("lines", [
    ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Võ Thị Thu Hà", "PHỤ LỤC", "DANH MỤC NHIỆM VỤ TRIỂN KHAI"],
    ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "PHỤ LỤC DANH MỤC NHIỆM VỤ TRIỂN KHAI", "Võ Thị Thu Hà"],
    ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ PHỤ LỤC", "DANH MỤC NHIỆM VỤ TRIỂN KHAI", "Võ Thị Thu Hà"],
    ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "PHU LUC", "DANH MUC NHIEM VU TRIEN KHAI", "Võ Thị Thu Hà"],
])
def test_the_position_stops_at_an_appendix_heading_run_on(lines: list[str]) -> None:
    """A strong Party scan: the appendix heading was read into the signature's column."""
    sig = parse_signature_lines(lines, 2, None)
    assert sig is not None
    assert sig.position == "PHÓ BÍ THƯ" and sig.on_behalf_of == "BAN THƯỜNG VỤ"
    assert sig.signer == "Võ Thị Thu Hà"  # the name the heading's lines came before


def test_specks_around_the_signing_prefix() -> None:
    """A strong Party scan (dev seed 299): a quote mark before "T/M" and a glyph glued after it."""
    sig = parse_signature_lines(["“T/MÀ BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn An"], 1, None)
    assert sig is not None
    assert (sig.prefix, sig.on_behalf_of, sig.position) == ("T/M", "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")


@pytest.mark.parametrize("lines", [
    ["KT.CHỦTỊCH", "PHÓ CHỦ TỊCH", "- Đặng Ngọc Tuấn"],
    ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "a Đặng Ngọc Tuấn — -"],
    ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "\"Đặng Ngọc Tuấn"],  # a speck read as a quote mark (dev seed 1126)
    ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "“Đặng Ngọc Tuấn”"],
])
def test_a_glued_title_and_specks_before_the_name(lines: list[str]) -> None:
    """Strong scans (dev seeds 231, 235): "CHỦTỊCH" run together; a dash or a seal glyph before the name."""
    sig = parse_signature_lines(lines, 1, None)
    assert sig is not None
    assert (sig.prefix, sig.on_behalf_of, sig.position, sig.signer) == ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đặng Ngọc Tuấn")


@pytest.mark.parametrize(("text", "label"), [
    ("Nơi nhận:", True), ("Nơinhận: —", True), ("›MGI nhận:", True), ("N0i nhận:", True),
    ("Ghi nhận:", False), ("Xác nhận:", False), ("MGI nhận: các đơn vị", False),
])
def test_the_noi_nhan_label_as_ocr_damages_it(text: str, label: bool) -> None:
    """The closing starts at "Nơi nhận:" run together or with its first word damaged by a seal; a
    Vietnamese word before "nhận:" ("Ghi nhận:") is body text."""
    from pipeline.structure.patterns import RE_NOI_NHAN, damaged_noi_nhan

    assert (bool(RE_NOI_NHAN.match(text)) or damaged_noi_nhan(text)) is label


@pytest.mark.parametrize(("lines", "prefix", "on_behalf_of"), [
    (["si iu 0i. 71 710! RĐP OMŨ TỊCH - :", "PHÓ CHỦ TỊCH -", "ở Nguyễn Văn An."], "KT.", "CHỦ TỊCH"),
    (["x3 L1 lich", "PHÓ CHỦ TỊCH .", "ca 5n", "a Đặng Ngọc Tuấn — -"], "KT.", "CHỦ TỊCH"),
    (["xe ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Bích"], "KT.", "GIÁM ĐỐC"),
    (["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Võ Thị Thu Hà"], "T/M", "BAN THƯỜNG VỤ"),  # read: kept
    (["xa nh VỤ", "PHÓ BÍ THƯ", "Võ Thị Thu Hà"], None, None),  # the line above is not the head's
    (["PHÓ CHỦ TỊCH", "Nguyễn Văn An"], None, None),  # nothing above the position: no evidence
])
def test_a_deputys_head_when_a_seal_wiped_the_kt_line(lines: list[str], prefix: str | None, on_behalf_of: str | None) -> None:
    """Strong scans (dev seeds 229, 235): the seal left of "KT. CHỦ TỊCH" only its last word; a deputy
    ("PHÓ ...") signs for the head whose title that word ends."""
    sig = parse_signature_lines(lines, 2, None)
    assert sig is not None
    assert (sig.prefix, sig.on_behalf_of) == (prefix, on_behalf_of)
    assert sig.signer in ("Nguyễn Văn An", "Đặng Ngọc Tuấn", "Trần Thị Bích", "Võ Thị Thu Hà")


def test_a_name_with_a_seal_glyph_on_a_legacy_line_is_the_signers() -> None:
    from pipeline.structure.signature import _split_text_line

    assert _split_text_line("ở Nguyễn Văn An.") == ("", "ở Nguyễn Văn An.")
    assert _split_text_line("›MGI nhận:") == ("", "")


WIPED = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LẠNG SƠN Độc lập - Tự do - Hạnh phúc
Số: 275/KH-UBND Lạng Sơn, ngày 19 tháng 11 năm 2024
KẾ HOẠCH
Bảo vệ môi trường

1. Thực hiện các nhiệm vụ sau:
- Tuyên truyền;
- Kiểm tra./.

{first}- Sở Tài chính; PHÓ CHỦ TỊCH
- Lưu: VT, KT.
Nguyễn Văn An

PHỤ LỤC
DANH MỤC NHIỆM VỤ
"""


@pytest.mark.parametrize("first", ["", "- Như trên;\n"])
def test_a_closing_whose_first_line_a_seal_wiped(first: str) -> None:
    """Neither "Nơi nhận:" nor the prefix line was read: the stock recipients ("Như trên", "Lưu: VT")
    still start the closing, and the body's last bullets stay in the body."""
    doc = document_from_text(WIPED.format(first=first))
    assert doc.signature is not None and (doc.signature.position, doc.signature.signer) == ("PHÓ CHỦ TỊCH", "Nguyễn Văn An")
    assert doc.recipients[-2:] == ("Sở Tài chính", "Lưu: VT, KT")
    assert "Kiểm tra" in doc.sections[0].children[-1].text


@pytest.mark.parametrize(("line", "left", "right"), [
    ("- Như trên, — ˆ CHÁNH VĂN PHÒNG", "- Như trên,", "CHÁNH VĂN PHÒNG"),  # a rule's marks between the columns
    ("- Bộ Tài chính; - - : nh PHÓ CHỦ TỊCH .", "- Bộ Tài chính;", "PHÓ CHỦ TỊCH"),  # a seal's specks and glyphs
    ("- Như trên; CHÁNH VĂN PHÒNG", "- Như trên;", "CHÁNH VĂN PHÒNG"),
    ("- UBND các huyện, thị xã", "- UBND các huyện, thị xã", ""),
])
def test_the_signature_column_behind_specks_on_a_recipients_line(line: str, left: str, right: str) -> None:
    from pipeline.structure.patterns import split_caps_tail

    assert split_caps_tail(line) == (left, right)


def test_a_speck_period_after_on_whose_behalf() -> None:
    """"TL. CHỦ TỊCH." (a speck) above "CHÁNH VĂN PHÒNG": the period is not part of the title."""
    sig = parse_signature_lines(["TL. CHỦ TỊCH.", "CHÁNH VĂN PHÒNG", "Nguyễn Văn An"], 1, None)
    assert sig is not None and (sig.prefix, sig.on_behalf_of, sig.position) == ("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG")


def test_a_wiped_closing_takes_in_a_recipient_whose_dash_was_lost_and_specks() -> None:
    """A seal wiped "Nơi nhận:"; walking up from "- Lưu: VT" the closing takes in a recipient whose
    dash OCR lost ("TT Tỉnh ủy, TT HĐND tỉnh:") and the specks beside the position ("nh", ":")."""
    from pipeline.structure.layout import Ln
    from pipeline.structure.signature import closing_without_label

    box = (0, 0, 10, 10)
    rows = [("1. Các sở thực hiện./.", ""), ("- Bộ Tài chính;", "L"), (":", "L"), ("nh", "C"), ("PHÓ CHỦ TỊCH .", "R"),
            ("- Bộ Nội vụ;", "L"), ("TT Tỉnh ủy, TT HĐND tỉnh:", "L"), ("- CT, các PCT UBND tỉnh;", "L"),
            ("- Lưu: VT, VX.", "L"), ("Đặng Ngọc Tuấn", "R")]
    lines = [Ln(t, 1, box if c else None, c) for t, c in rows]
    assert closing_without_label(lines, 1, len(lines)) == 1


@pytest.mark.parametrize(("lines", "on_behalf_of", "position"), [
    (["0 182 KT. UNU TY", "TỪ PHÓ CHỦ TỊCH", "Trần Thị Bích Hạnh"], "CHỦ TỊCH", "PHÓ CHỦ TỊCH"),  # a seal over the head line
    (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Cường"], "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),  # read right: unchanged
    (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG TRỰC", "Lê Văn Cường"], "CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG TRỰC"),
    (["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Lê Văn Cường"], "BỘ TRƯỞNG", "THỨ TRƯỞNG"),  # no PHÓ: nothing to go by
])
def test_a_deputy_under_kt_signs_for_the_head_his_title_names(lines: list[str], on_behalf_of: str, position: str) -> None:
    sig = parse_signature_lines(lines, 1, None)
    assert sig is not None and (sig.prefix, sig.on_behalf_of, sig.position) == ("KT.", on_behalf_of, position)


def test_a_seal_over_noi_nhan_the_kt_line_and_the_position() -> None:
    """A seal left glyphs before "Nơi nhận:" and around the title lines ("sóc KT CHỦ TỊCH:",
    "- PHÓ CHỦ TỊCH sẽ"): the closing still starts at the label, and the deputy signs KT. CHỦ TỊCH."""
    from pipeline.structure.layout import Ln
    from pipeline.structure.signature import is_closing_start, parse_closing

    box = (0, 0, 10, 10)
    rows = [("nó ˆ Nơi nhận: CA Sĩ oti", "L"), ("sóc KT CHỦ TỊCH:", "R"), ("- Như trên;", "L"),
            ("- PHÓ CHỦ TỊCH sẽ", "R"), ("- Lưu: VT, KT.", "L"), ("Trần Thị Bích Hạnh", "R")]
    lines = [Ln(t, 1, box, c) for t, c in rows]
    assert is_closing_start(lines[0])
    sig = parse_closing(lines).signature
    assert sig is not None and (sig.prefix, sig.on_behalf_of, sig.position) == ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert not is_closing_start(Ln("về nơi nhận: các sở", 1))  # a lower-case "nơi" after a word is body text


def test_a_speck_period_between_two_words_of_the_title() -> None:
    sig = parse_signature_lines(["KT.CHỦ TỊCH", "PHÓ CHÁNH.VĂN PHÒNG", "Nguyễn Văn An"], 1, None)
    assert sig is not None and (sig.prefix, sig.on_behalf_of, sig.position) == ("KT.", "CHỦ TỊCH", "PHÓ CHÁNH VĂN PHÒNG")


@pytest.mark.parametrize("head,expected", [
    ("TL. TỊCH", "CHỦ TỊCH"),  # OCR lost the title's first word
    ("KT. CHLJ TỊCH", "CHỦ TỊCH"),  # or garbled it
    ("TL. CHỦ TỊCH", "CHỦ TỊCH"),
    ("KT. TRƯỞNG", "TRƯỞNG"),  # ends several titles: left as read
    ("KT. TRƯỞNG PHÒNG", "TRƯỞNG PHÒNG"),  # title words: left as read
])
def test_a_head_title_that_lost_its_first_word_is_the_known_title(head: str, expected: str) -> None:
    sig = parse_signature_lines([head, "CHÁNH VĂN PHÒNG", "Hoàng Minh Đức"], 1, None)
    assert sig is not None and sig.on_behalf_of == expected and sig.position == "CHÁNH VĂN PHÒNG"


@pytest.mark.parametrize("line", ["KT, CHỦ TỊCH", "KT: CHỦ TỊCH", "KI. CHỦ TỊCH", "K T. CHỦ TỊCH", "Kt, CHỦ TỊCH", "KT. CHỦ TlCH"])
def test_a_signing_prefix_a_strong_scan_damaged_is_read(line: str) -> None:
    sig = parse_signature_lines([line, "PHÓ CHỦ TỊCH", "Nguyễn Văn An"], 1, None)
    assert sig is not None and (sig.prefix, sig.on_behalf_of, sig.position) == ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH")


@pytest.mark.parametrize("line", ["TP. HỒ CHÍ MINH", "TI. CHỦ TỊCH"])  # another abbreviation; one glyph off two prefixes
def test_a_line_no_prefix_is_left_as_read(line: str) -> None:
    from pipeline.structure.signature_prefix import mended_prefix

    assert mended_prefix(line) == line


def test_a_caps_speck_under_the_signers_name_is_no_part_of_the_position() -> None:
    sig = parse_signature_lines(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Bích Hạnh", "PHUEUĐC. -"], 1, None)
    assert sig is not None and (sig.position, sig.signer) == ("PHÓ CHỦ TỊCH", "Trần Thị Bích Hạnh")


@pytest.mark.parametrize(("lines", "on_behalf_of", "position"), [
    (["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THỨ", "Lê Kim Toàn"], "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"),  # THỨ: a valid syllable, a wrong mark
    (["T/M BẠN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Kim Toàn"], "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"),
    (["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Lê Kim Toàn"], "BỘ TRƯỞNG", "THỨ TRƯỞNG"),  # a title as read stays
    (["TM. ỦY BAN NHÂN DÂN", "TỈNH BẾN TRE", "CHỦ TỊCH", "Lê Kim Toàn"], "ỦY BAN NHÂN DÂN TỈNH BẾN TRE", "CHỦ TỊCH"),
])
def test_a_title_within_marks_of_one_known_form_is_that_form(lines: list[str], on_behalf_of: str, position: str) -> None:
    sig = parse_signature_lines(lines, 1, None)
    assert sig is not None and (sig.on_behalf_of, sig.position) == (on_behalf_of, position)


def test_printed_title_and_the_body_by_its_last_word() -> None:
    from pipeline.structure.titles import body_by_last_word, printed_title

    assert printed_title("PHO CHU TICH THUONG TRUC") == "PHÓ CHỦ TỊCH THƯỜNG TRỰC"
    assert printed_title("CỤC TRƯỞNG CỤC THÔNG TIN") == "CỤC TRƯỞNG CỤC THÔNG TIN"
    assert body_by_last_word("Bì giường VỤ") == "BAN THƯỜNG VỤ"
    assert body_by_last_word("Ủy bán nhân DÂN") is None  # ỦY BAN NHÂN DÂN or HỘI ĐỒNG NHÂN DÂN: no choice


def test_a_seal_over_a_party_closing_whose_body_name_ocr_read_in_lower_case() -> None:
    """A seal wiped "Nơi nhận:" and garbled "T/M BAN THƯỜNG VỤ" to "T/M Bì giường VỤ" in the signature's
    column; the list ends with the Party's "- Lưu Văn phòng Tỉnh ủy." (no colon)."""
    from pipeline.structure.layout import Ln
    from pipeline.structure.signature import closing_without_label, is_closing_start, parse_closing

    box = (0, 0, 10, 10)
    rows = [("trách nhiệm của người đứng đầu.", "L"), ("HÀ", "L"), ("T/M Bì giường VỤ", "R"),
            ("- Ban Thường vụ Tỉnh ủy;", "L"), ("PHÓ BÍ THƯ.", "R"), ("- Các đảng bộ trực thuộc Tỉnh ủy;", "L"),
            ("- Lưu Văn phòng Tỉnh ủy.", "L"), ("- Hoàng Minh Đức", "R")]
    lines = [Ln(t, 1, box, c) for t, c in rows]
    assert is_closing_start(lines[2]) and not is_closing_start(Ln("T/M Bì giường VỤ", 1, box, "L"))
    assert closing_without_label(lines, 1, len(lines)) == 3
    sig = parse_closing(lines[2:]).signature
    assert sig is not None and (sig.prefix, sig.on_behalf_of, sig.signer) == ("T/M", "BAN THƯỜNG VỤ", "Hoàng Minh Đức")


@pytest.mark.parametrize(
    ("name", "want"),
    [
        ("Nguyên Văn An", "Nguyễn Văn An"),  # the surname's tilde lost
        ("Nguyen Thi Hoa", "Nguyễn Thi Hoa"),  # marks stripped: only the surname is known
        ("Nguyên Hùng", "Nguyên Hùng"),  # two words: Nguyên may be a given name
        ("Trần Nguyên Hùng", "Trần Nguyên Hùng"),  # a middle or given name stays
        ("Đăng Ngọc Tuấn", "Đặng Ngọc Tuấn"),  # any family name of the closed set: a mark changed
        ("Le Van Tam", "Lê Van Tam"),
        ("Doan Văn Hải", "Doan Văn Hải"),  # Đoàn or Doãn: the letters name neither
        ("Đàm Văn Hùng", "Đàm Văn Hùng"),  # a family name of the set stays as read
        ("Khanh Văn Hùng", "Khanh Văn Hùng"),  # letters of no family name: unchanged
    ],
)
def test_the_family_name_keeps_its_marks(name: str, want: str) -> None:
    sig = parse_signature_lines(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", name], 1, None)
    assert sig is not None and sig.signer == want


def test_a_title_whose_spaces_a_noisy_scan_lost_is_the_form_it_runs_together() -> None:
    from pipeline.structure.titles import printed_title

    assert printed_title("CHÁNHVĂNPHÒNG") == "CHÁNH VĂN PHÒNG"
    assert printed_title("PHÓBÍTHƯ") == "PHÓ BÍ THƯ"
    assert printed_title("PHÓBÍ THƯ") == "PHÓ BÍ THƯ"
    assert printed_title("'PHÓ CHỦ TỊCH") == "PHÓ CHỦ TỊCH"
    # Words no form explains stay as read; a form read whole is unchanged.
    assert printed_title("ỦY BAN NHÂN DÂN TỈNH AN GIANG") == "ỦY BAN NHÂN DÂN TỈNH AN GIANG"
    assert printed_title("THƯỜNGXUYÊN") == "THƯỜNGXUYÊN"


@pytest.mark.parametrize(("lines", "authority", "want"), [
    # the seal wiped "TL. CHỦ TỊCH": a unit head of a UBND signs for its Chủ tịch
    (["CHÁNH VĂN PHÒNG", "Phạm Đức Thắng"], "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN", ("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG")),
    # what the seal left of it run onto the position's line
    (["RĐP OMŨ TỊCH CHÁNH VĂN PHÒNG", "Phạm Đức Thắng"], "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN", ("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG")),
    (["RĐP OMŨ TỊCH", "CHÁNH VĂN PHÒNG", "Phạm Đức Thắng"], "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN", ("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG")),
    (["PHÓ CHÁNH VĂN PHÒNG", "Phạm Đức Thắng"], "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN", (None, None, "PHÓ CHÁNH VĂN PHÒNG")),
    (["VỤ TRƯỞNG", "Lê Văn Cường"], "BỘ NỘI VỤ", ("TL.", "BỘ TRƯỞNG", "VỤ TRƯỞNG")),
    # the office's own document: its head signs in his own name
    (["CHÁNH VĂN PHÒNG", "Phạm Đức Thắng"], "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH", (None, None, "CHÁNH VĂN PHÒNG")),
    # a prefix read stays; a head signs in his own name
    (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Đức Thắng"], "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN", ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
    (["GIÁM ĐỐC", "Phạm Đức Thắng"], "SỞ TÀI CHÍNH", (None, None, "GIÁM ĐỐC")),
    # a body whose head the table does not know
    (["CHÁNH VĂN PHÒNG", "Phạm Đức Thắng"], "TỈNH ỦY BÌNH ĐỊNH", (None, None, "CHÁNH VĂN PHÒNG")),
])
def test_a_unit_head_signs_tl_for_the_head_of_the_body(lines: list[str], authority: str, want: tuple[str | None, ...]) -> None:
    """Strong scans: the seal over "TL. CHỦ TỊCH" left nothing (or glyphs) above "CHÁNH VĂN PHÒNG"; a
    unit head signs a body's document only "TL." for the body's head (NĐ 30/2020, Điều 13)."""
    from pipeline.structure.signature_capacity import signs_for_the_head

    sig = signs_for_the_head(parse_signature_lines(lines, 2, None), authority)
    assert sig is not None
    assert (sig.prefix, sig.on_behalf_of, sig.position) == want
    assert sig.signer in ("Phạm Đức Thắng", "Lê Văn Cường")


@pytest.mark.parametrize(("lines", "position"), [
    (["KT.CHỦ TỊCH", "l0 VU i02 PHÓ CHỦ TỊCH:", "Bối Với nga", "Nguyễn Văn An ."], "PHÓ CHỦ TỊCH"),
    (["KT. CHỦ TỊCH", "xa 2 CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"], "PHÓ CHỦ TỊCH"),  # a head's title: not the position
])
def test_a_deputys_position_after_a_seals_glyphs(lines: list[str], position: str) -> None:
    """Strong scans (archive dev seed 829): the seal's glyphs read in lower case and digits before
    "PHÓ CHỦ TỊCH" on its line; the deputy's title that ends the line is the position."""
    sig = parse_signature_lines(lines, 2, None)
    assert sig is not None
    assert (sig.prefix, sig.on_behalf_of, sig.position, sig.signer) == ("KT.", "CHỦ TỊCH", position, "Nguyễn Văn An")


@pytest.mark.parametrize(("phrase", "title"), [
    ("PHÓBÍTHUƯ", "PHÓ BÍ THƯ"), ("CHANHVANPHONGG", "CHÁNH VĂN PHÒNG"), ("PHÓCHỦTICH", "PHÓ CHỦ TỊCH"),
    ("QUẢNGNGÃI", "QUẢNGNGÃI"), ("NGUYỄN", "NGUYỄN"),
])
def test_a_glued_title_one_glyph_off(phrase: str, title: str) -> None:
    """Archive dev seed 878: the spaces of "PHÓ BÍ THƯ" lost and its Ư read twice."""
    from pipeline.structure.titles import printed_title

    assert printed_title(phrase) == title


def test_a_position_glued_after_a_recipient_and_its_lost_prefix_line() -> None:
    """Strong scans (archive dev seed 649): the seal took "Nơi nhận:", the dash of "- Như trên;" and
    "TL. CHỦ TỊCH"; the position was read run together at the end of a line of specks."""
    from pipeline.structure.layout import Ln
    from pipeline.structure.signature import _split_text_line, closing_without_label

    assert _split_text_line("j6... ¿7 :CHÁNHVÃNPHÒNG") == ("j6... ¿7", "CHÁNH VĂN PHÒNG")
    assert _split_text_line("- Như trên; SỞNỘIVỤ") == ("- Như trên; SỞNỘIVỤ", "")  # no position
    lines = [Ln("môi trường, hiệu quả.", 2), Ln("Như trên, — ˆ", 2), Ln("- CT, các PCT UBND tỉnh;", 2), Ln("- Lưu: VT, KGVX.", 2)]
    assert closing_without_label(lines, 0, len(lines)) == 1
    assert closing_without_label([Ln("Như trên đã nêu, các sở thực hiện.", 2)], 0, 1) is None


def test_a_seal_speck_after_a_known_position_and_a_letter_before_the_name() -> None:
    # Seal edges read under the title ("DEN") and before the signer's name ("B"): no part of either.
    sig = parse_signature_lines(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH DEN", "B Lê Quang Minh"], 1, None)
    assert sig is not None
    assert (sig.prefix, sig.on_behalf_of, sig.position, sig.signer) == ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Quang Minh")
    unit = parse_signature_lines(["GIÁM ĐỐC SỞ", "Trần Văn An"], 1, None)  # a unit word with its marks stays
    assert unit is not None and unit.position == "GIÁM ĐỐC SỞ"


def test_a_deputy_under_a_head_line_read_in_capitals_with_its_prefix_lost() -> None:
    """"R1 T.CHỦ TỊCH": KT. read as two glyphs and a T.; the deputy's line under it names the head."""
    from pipeline.structure.signature import parse_signature_lines

    sig = parse_signature_lines(["R1 T.CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Quang Minh"], 1, None)
    assert sig is not None and (sig.prefix, sig.on_behalf_of, sig.position) == ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_a_position_of_no_title_words_is_none() -> None:
    from pipeline.structure.signature import parse_signature_lines

    sig = parse_signature_lines(["TƯ NI", "Lê Quang Minh"], 1, None)
    assert sig is not None and sig.position is None and sig.signer == "Lê Quang Minh"
    kept = parse_signature_lines(["GIÁM ĐỐC SỞ TƯ PHÁP", "Lê Quang Minh"], 1, None)
    assert kept is not None and kept.position == "GIÁM ĐỐC SỞ TƯ PHÁP"


def test_glyphs_before_a_prefix_that_lost_its_period() -> None:
    """"Sun tọa TM BAN THƯỜNG VỤ:": glyphs in lower case before the line, "TM" for T/M (read "TM.",
    the state's form, where the block shows no slash); the archive mapping writes the family's form."""
    from pipeline.archive_metadata import from_fields
    from pipeline.structure.signature import parse_signature_lines

    sig = parse_signature_lines(["Sun tọa TM BAN THƯỜNG VỤ:", "PHÓ BÍ THƯ", "Đặng Ngọc Tuấn"], 1, None)
    assert sig is not None and (sig.prefix, sig.on_behalf_of, sig.position) == ("TM.", "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")

    class _Party:
        family = "party"

    assert from_fields(_Party(), sig, 1, "").signer_title == "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ"


def test_a_deputy_whose_title_lost_its_spaces_under_the_head_line_read_whole() -> None:
    """"CHỦ TỊCH:" (KT. lost) over "PHÓCHỦTỊCH -:": the deputy signs KT. for the head."""
    from pipeline.structure.signature import parse_signature_lines

    sig = parse_signature_lines(["với", "CHỦ TỊCH:", "PHÓCHỦTỊCH -:", "Võ Thị Thu Hà"], 1, None)
    assert sig is not None and (sig.prefix, sig.on_behalf_of, sig.position) == ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_a_signature_title_is_no_table_header() -> None:
    from pipeline.structure.appendix import headerless_table_start
    from pipeline.structure.layout import Ln

    lines = [Ln(t, 2) for t in ("CHỦ TỊCH:", "Như trên;", "PHÓ CHỦ TỊCH", "Võ Thị Thu Hà")]
    assert headerless_table_start(lines, 0) is None


def test_a_seal_s_letters_under_the_position_are_no_part_of_it() -> None:
    """A strong scan (dev seed 1165): the seal read as "MP : VN XS" in the column, under the position."""
    sig = parse_signature_lines(["KT.CHỦTỊCH", "PHÓ CHỦ TỊCH", ": VN XS", "- Võ Thị Thu Hà"], 2, None)
    assert sig is not None
    assert (sig.prefix, sig.on_behalf_of, sig.position, sig.signer) == ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Võ Thị Thu Hà")


@pytest.mark.parametrize(("lines", "position"), [
    (["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Văn An"], "THỨ TRƯỞNG"),
    (["TL. BỘ TRƯỞNG", "CỤC TRƯỞNG", "CỤC THÔNG TIN ĐỐI NGOẠI", "Nguyễn Văn An"], "CỤC TRƯỞNG CỤC THÔNG TIN ĐỐI NGOẠI"),
    (["GIÁM ĐỐC", "SỞ Y TẾ TỈNH ĐẮK LẮK", "Nguyễn Văn An"], "GIÁM ĐỐC SỞ Y TẾ TỈNH ĐẮK LẮK"),
])
def test_a_wrapped_position_keeps_its_lines(lines: list[str], position: str) -> None:
    sig = parse_signature_lines(lines, 1, None)
    assert sig is not None and sig.position == position


def test_a_syllable_a_seal_left_under_a_whole_position_is_no_part_of_it() -> None:
    """A strong scan (dev seed 1189): "NUNG)" read off the seal under "CHÁNH VĂN PHÒNG", a whole position."""
    sig = parse_signature_lines(["TL. CHỦ TỊCH", "—— CHÁNH VĂN PHÒNG", "NUNG)", "- Huỳnh Tấn Phát"], 2, None)
    assert sig is not None and sig.position is not None
    assert sig.position.endswith("CHÁNH VĂN PHÒNG") and sig.signer == "Huỳnh Tấn Phát"


def test_a_position_a_seal_s_specks_kept_from_reading_as_capitals() -> None:
    """A strong scan (dev seed 1195): "e. +." before the position under "TL. CHỦ TỊCH"."""
    sig = parse_signature_lines(["TL. CHỦ TỊCH", "e. +. CHÁNH VĂN PHÒNG", "mã ng Tên", "Hoàng Minh Đức"], 2, None)
    assert sig is not None
    assert (sig.prefix, sig.on_behalf_of, sig.position, sig.signer) == ("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Hoàng Minh Đức")


def test_a_garbled_head_line_over_a_deputy_is_not_read_as_the_position() -> None:
    sig = parse_signature_lines(["TL. CHỦ TỊCH", "e. +. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Hoàng Minh Đức"], 2, None)
    assert sig is not None and sig.position == "PHÓ CHÁNH VĂN PHÒNG"
