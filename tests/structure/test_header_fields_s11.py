"""Archive metadata as English-model OCR of a generated scan leaves it (issue 18, fresh dev seeds
1000-1059): a ký hiệu run together, specks read as header lines or as a dash in the trích yếu, a
signature prefix read apart and a digit glyph opening the signer's name."""

from __future__ import annotations

from pipeline.structure.header import _off_vv
from pipeline.structure.header_number import dash_from_issuer
from pipeline.structure.header_specks import no_letter_line
from pipeline.structure.layout import Ln
from pipeline.structure.signature import parse_signature_lines
from pipeline.structure.summary_dash import dash_specks
from pipeline.types import Word

UBND = "ỦY BAN NHÂN DÂN TỈNH NINH THUẬN"


def test_a_symbol_run_together_is_split_at_the_issuers_code() -> None:
    assert dash_from_issuer("28/UBNDNC", UBND) == "28/UBND-NC"
    assert dash_from_issuer("12/KHUBND", UBND) == "12/KH-UBND"
    assert dash_from_issuer("12-CTrTU", "TỈNH ỦY BÌNH ĐỊNH") == "12-CTr/TU"


def test_a_symbol_as_printed_or_without_the_issuers_code_stays() -> None:
    assert dash_from_issuer("28/UBND", UBND) == "28/UBND"
    assert dash_from_issuer("28/UBND-NC", UBND) == "28/UBND-NC"
    assert dash_from_issuer("28/XYZNC", UBND) == "28/XYZNC"  # no code the authority names
    assert dash_from_issuer("28/UBNDNC", None) == "28/UBNDNC"
    assert dash_from_issuer(None, UBND) is None


BODY = ["Các sở, ngành phát triển kinh tế xã hội và du lịch.", "Chỉ tiêu kinh tế xã hội; nhiệm vụ kinh tế xã hội."]


def test_a_dash_where_no_pair_of_terms_can_stand_is_a_speck() -> None:
    assert dash_specks("Phòng, chống thiên tai trên - địa bàn tỉnh", []) == "Phòng, chống thiên tai trên địa bàn tỉnh"
    # the body writes the two words side by side three times, never with a dash
    assert dash_specks("Phát triển kinh tế - xã hội năm 2024", BODY) == "Phát triển kinh tế xã hội năm 2024"


def test_a_dash_between_two_terms_stays() -> None:
    dashed = [*BODY, "Quy hoạch kinh tế - xã hội."]
    assert dash_specks("Phát triển kinh tế - xã hội năm 2024", dashed) == "Phát triển kinh tế - xã hội năm 2024"
    assert dash_specks("Phát triển kinh tế - xã hội năm 2024", []) == "Phát triển kinh tế - xã hội năm 2024"
    assert dash_specks("Kế hoạch giai đoạn 2021 - 2025", []) == "Kế hoạch giai đoạn 2021 - 2025"
    assert dash_specks("Phát triển Bắc - Nam", []) == "Phát triển Bắc - Nam"


def _ln(text: str, box: tuple[int, int, int, int], word_h: int | None = None, col: str = "L") -> Ln:
    h = word_h if word_h is not None else box[3] - box[1]
    return Ln(text, 1, bbox=box, col=col, words=(Word(text, (box[0], box[1], box[2], box[1] + h), 0.5),))


def test_a_header_line_of_boxes_too_low_for_a_letter_is_a_speck() -> None:
    speck, name = _ln("TÔ", (624, 328, 626, 330)), _ln("TỈNH PHÚ YÊN", (479, 303, 855, 353))
    near = [_ln("TỈNH ỦY YÊN BÁI", (445, 241, 893, 290)), speck, name, _ln("Số 271-CTr/TU", (498, 389, 837, 434))]
    assert no_letter_line(speck, near) and not no_letter_line(name, near)
    # one tall box among them (a seal read as a word) does not make the letters small
    assert not no_letter_line(name, [*near[:2], _ln("ốốẽố", (1219, 400, 1704, 700))])


def test_a_short_line_far_off_the_vv_centre_is_no_wrap_of_it() -> None:
    vv = [_ln("V/v triển khai công tác phát triển du lịch bền", (229, 486, 1106, 539)), _ln("Số: 1665/UBND-NC", (442, 422, 891, 467))]
    assert not _off_vv(_ln("vững năm 2023", (515, 552, 820, 599)), vv)  # centred under it
    assert _off_vv(_ln("tỉnh", (900, 560, 980, 600)), vv)
    assert not _off_vv(_ln("tỉnh", (900, 560, 980, 600), col="C"), vv)  # not the left column


def test_a_prefix_read_as_a_line_of_its_own_opens_the_next() -> None:
    sig = parse_signature_lines(["T/M", "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ - ở", "1ê Quang Minh -"], 1, None)
    assert sig is not None
    assert (sig.prefix, sig.on_behalf_of, sig.position, sig.signer) == ("T/M", "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Quang Minh")


def test_a_digit_glyph_two_capitals_may_be_stays() -> None:
    sig = parse_signature_lines(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "0anh Văn Minh"], 1, None)
    assert sig is not None and sig.signer is None  # "Oanh" and "Đanh" are both syllables


def test_a_year_split_by_a_speck_read_as_a_mark() -> None:
    from pipeline.structure.header_date import read_date

    line = "Số 188-HD/TU Sóc Trăng, ngày 02 tháng 9 năm 202.3"
    d = read_date(line)
    assert d is not None and (d.iso, d.place) == ("2023-09-02", "Sóc Trăng") and line[d.start : d.end].endswith("202.3")
    assert read_date("Sóc Trăng, ngày 02 tháng 9 năm 2023.1") is not None  # five digits: the year read whole


def test_a_seal_over_the_head_line_above_a_state_deputy() -> None:
    """The block's first line garbled past any title word: the head line a state deputy signs under."""
    sig = parse_signature_lines(["TH do -", "PHÓ CHỦ TỊCH .", "SP tin canh", ": Bùi Thị Lan Anh"], 2, None)
    assert sig is not None
    assert (sig.prefix, sig.on_behalf_of, sig.position, sig.signer) == ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Bùi Thị Lan Anh")


def test_a_party_deputy_or_a_title_word_above_is_not_read_so() -> None:
    sig = parse_signature_lines(["TH do -", "PHÓ BÍ THƯ", "Lê Văn Minh"], 2, None)
    assert sig is not None and sig.prefix is None  # a Party deputy signs T/M for the committee
    sig = parse_signature_lines(["ĐỐC sở", "PHÓ CHỦ TỊCH", "Lê Văn Minh"], 2, None)
    assert sig is not None and sig.prefix is None  # a title's word: some other line, not the seal's garble


def test_a_speck_word_beside_the_vv_neither_joins_it_nor_hides_kinh_gui() -> None:
    from pipeline.structure.header import parse_header

    def at(text: str, box: tuple[int, int, int, int], col: str, gap: bool = False) -> Ln:
        words, x = [], box[0]
        step = (box[2] - box[0]) // max(1, len(text.split()))
        for w in text.split():
            words.append(Word(w, (x, box[1], x + step - 10, box[3]), 0.9))
            x += step
        return Ln(text, 1, bbox=box, col=col, gap_before=gap, words=tuple(words))

    lines = [at("ỦY BAN NHÂN DÂN", (426, 241, 911, 291), "L"), at("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (1190, 242, 2229, 298), "R"),
             at("TỈNH PHÚ YÊN", (479, 303, 855, 353), "L"), at("Độc lập - Tự do - Hạnh phúc", (1382, 312, 2039, 365), "R"),
             at("Số: 1665/UBND-NC", (442, 422, 891, 467), "L", True), at("Phú Yên, ngày 08 tháng 6 năm 2023", (1328, 428, 2094, 477), "R"),
             at("V/v triển khai công tác phát triển du lịch bền", (229, 486, 1106, 539), "L"),
             at("vững năm 2023", (515, 552, 820, 599), "L"), at("tỉnh", (900, 610, 980, 650), "L"),
             at("Kính gửi: Công an tỉnh.", (816, 680, 1489, 735), "C", True)]
    hr = parse_header(lines)
    assert hr.header.summary == "triển khai công tác phát triển du lịch bền vững năm 2023"
    assert hr.header.kinh_gui == ("Công an tỉnh",)


def test_a_letter_with_a_run_together_symbol_and_a_dash_speck_in_its_vv() -> None:
    from pipeline.structure import document_from_text

    text = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH NINH THUẬN Độc lập - Tự do - Hạnh phúc
Số: 284/UBNDNC Ninh Thuận, ngày 08 tháng 6 năm 2023
V/v tăng cường phòng, chống thiên tai trên - địa bàn tỉnh

Kính gửi: Các sở, ngành.

Thực hiện chỉ đạo, Ủy ban nhân dân tỉnh đề nghị các đơn vị thực hiện./.
"""
    m = document_from_text(text).to_dict()["metadata"]
    assert (m["number"], m["symbol"]) == ("284", "UBND-NC")
    assert m["summary"] == "tăng cường phòng, chống thiên tai trên địa bàn tỉnh"
