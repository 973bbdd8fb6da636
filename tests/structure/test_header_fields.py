"""Header and closing fields as OCR of a degraded scan leaves them (issue 18, dev seeds 550-689)."""

from __future__ import annotations

import pytest

from pipeline.structure.header import _parse_columns, parse_header
from pipeline.structure.header_borne import _latest_cited
from pipeline.structure.header_number import code_agrees
from pipeline.structure.header_specks import clean_field_edges, strip_tail_marks
from pipeline.structure.header_summary_years import summary_cut_year
from pipeline.structure.layout import Ln
from pipeline.structure.signature import parse_signature_lines


def _geo(rows: list[tuple[str, str, int]]) -> list[Ln]:
    return [Ln(t, 1, (300 if c == "L" else 1300 if c == "R" else 400, y, 1000 if c == "L" else 2200, y + 50), c,
               centered=c == "C") for t, c, y in rows]


@pytest.mark.parametrize(("text", "clean"), [
    ("ˆ Triển khai công tác chuyển đổi số", "Triển khai công tác chuyển đổi số"),  # a speck read as a modifier letter
    ("ˆTriển khai công tác", "Triển khai công tác"),  # glued to the first word
    ("˜ . : triển khai công tác", "triển khai công tác"),  # marks before the first word
    ("Triển khai ˆ công tác´", "Triển khai công tác"),  # inside and after: no word has these glyphs
    ("\u0301 Triển khai", "Triển khai"),  # a combining mark with no letter under it
    ("“Ngày hội đọc sách” năm 2025", "“Ngày hội đọc sách” năm 2025"),  # a quotation that closes stays
    ("“Phú Yên năm 2025", "Phú Yên năm 2025"),  # one that never closes is a speck
    ("Phát triển kinh tế - xã hội năm 2025", "Phát triển kinh tế - xã hội năm 2025"),  # real punctuation stays
    ("(Đợt 2) tuyển dụng viên chức", "(Đợt 2) tuyển dụng viên chức"),
    ("10 năm thi hành Luật", "10 năm thi hành Luật"),
    ("phát triển • kinh tế số ° năm 2025", "phát triển kinh tế số năm 2025"),  # symbols standing alone
    ("giảm 10 % chi phí / năm 2025 - 2030", "giảm 10 % chi phí / năm 2025 - 2030"),  # printed ones stay
    ("tiết kiệm năm 202 |", "tiết kiệm năm 202 |"),  # a digit's glyph stays for the year reader
    ("chuyển đổi số năm 2025•", "chuyển đổi số năm 2025"),  # glued after the last word
    ("ban hành Quy chế (sửa đổi)", "ban hành Quy chế (sửa đổi)"),
])
def test_specks_at_a_fields_edges(text: str, clean: str) -> None:
    assert clean_field_edges(text) == clean


def test_a_speck_line_between_the_title_and_the_summary() -> None:
    """A speck OCR read as "ˆ" on a line of its own under the title does not open the trích yếu."""
    rows = [("ỦY BAN NHÂN DÂN", "L", 240), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "R", 240), ("TỈNH PHÚ YÊN", "L", 300),
            ("Độc lập - Tự do - Hạnh phúc", "R", 300), ("Số: 167/KH-UBND", "L", 420), ("Phú Yên, ngày 12 tháng 6 năm 2024", "R", 420),
            ("KẾ HOẠCH ˆ", "C", 520), ("ˆ", "C", 580), ("Triển khai công tác chuyển đổi số năm 2024", "C", 620),
            ("Thực hiện Kế hoạch số 384/KH-BNV ngày 7/5/2024 của Bộ Nội vụ.", "C", 760)]
    header = parse_header(_geo(rows)).header
    assert (header.doc_type, header.summary) == ("KẾ HOẠCH", "Triển khai công tác chuyển đổi số năm 2024")


def test_a_number_line_whose_label_slash_and_dash_ocr_lost() -> None:
    """"ˆ . :961722UBNDTH." under the authority (dev seed 565): specks, then digits glued to the issuer's
    code; the symbol is read back, the V/v under it is the summary, its wrapped line's specks dropped."""
    f = _parse_columns(["ỦY BAN NHÂN DÂN", "TỈNH BẾN TRE", "961722UBNDTH.", "V/v triển khai công tác xây dựng nông thôn",
                        "-:mới năm 2025"], ["Bến Tre, ngày 26 tháng 8 năm 2025"])
    assert (f["authority"], f["number"], f["vv"]) == (
        "ỦY BAN NHÂN DÂN TỈNH BẾN TRE", "961722/UBND-TH", "triển khai công tác xây dựng nông thôn mới năm 2025")
    # a wrapped phrase's own dash stays
    g = _parse_columns(["ỦY BAN NHÂN DÂN", "TỈNH BẾN TRE", "Số: 12/UBND-TH", "V/v phát triển kinh tế", "- xã hội năm 2025"], [])
    assert g["vv"] == "phát triển kinh tế - xã hội năm 2025"


def test_a_date_reading_earlier_than_a_document_it_cites_is_not_its_date() -> None:
    """"tháng S" is May or August; the body cites a công văn of 20/7/2024, so the letter is of August."""
    rows = [("ỦY BAN NHÂN DÂN", "L", 240), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "R", 240), ("TỈNH BÌNH ĐỊNH", "L", 300),
            ("Độc lập - Tự do - Hạnh phúc", "R", 300), ("Số: 1311/UBND-KGVX", "L", 420),
            ("Bình Định, ngày 17 tháng S năm 2024", "R", 420), ("V/v triển khai công tác cải cách hành chính", "L", 480),
            ("Kính gửi: Công an tỉnh.", "C", 620),
            ("Thực hiện Công văn số 165/BNV-VP ngày 20/7/2024 của Bộ Nội vụ về cải cách hành chính, trước ngày 30/3/2024.", "C", 760)]
    assert parse_header(_geo(rows)).header.date == "2024-08-17"
    assert _latest_cited([Ln("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;", 1),
                          Ln("hoàn thành trước ngày 30/9/2024.", 1)]) == "2020-03-05"


@pytest.mark.parametrize(("summary", "date", "body", "fixed"), [
    ("an toàn thông tin mạng năm 202 lỗ", "2021-06-28", "bảo đảm an toàn thông tin mạng năm 2021.", "an toàn thông tin mạng năm 2021"),
    ("an toàn thông tin mạng năm 202", "2021-06-28", "", "an toàn thông tin mạng năm 2021"),  # the date line's year
    ("an toàn thông tin mạng năm 202 lỗ", "2021-06-28", "kế hoạch năm 2022", "an toàn thông tin mạng năm 202 lỗ"),  # two years fit
    ("chuyển đổi số năm 2024", "2024-06-28", "", "chuyển đổi số năm 2024"),
])
def test_a_summary_year_cut_to_three_digits(summary: str, date: str, body: str, fixed: str) -> None:
    assert summary_cut_year(summary, date, [Ln(body, 1)]) == fixed


def test_a_signing_prefix_restoration_gave_a_tone_mark() -> None:
    """"KỈ. CHÍNH." (dev seed 628): KI. one glyph off KT., the head's title garbled; PHÓ CHỦ TỊCH signs for it."""
    sig = parse_signature_lines(["KỈ. CHÍNH.", "PHÓ CHỦ TỊCH", "Trần Thị Bích Hạnh"], 2, None)
    assert sig is not None
    assert (sig.prefix, sig.on_behalf_of, sig.position) == ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_a_seal_glyph_read_as_a_lower_case_word_before_the_position() -> None:
    """"đợc PHÓ BÍ THƯ" (dev seed 638): the seal's glyphs are no part of the position; a name stays a name."""
    sig = parse_signature_lines(["T/M BAN THƯỜNG VỤ", "đợc PHÓ BÍ THƯ", "Phạm Đức Thắng"], 1, None)
    assert sig is not None
    assert (sig.on_behalf_of, sig.position, sig.signer) == ("BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Phạm Đức Thắng")


@pytest.mark.parametrize("vv", ["V#w triển khai công tác phát triển kinh tế số", "V/v triển khai công tác phát triển kinh tế số"])
def test_a_vv_whose_small_v_ocr_read_as_w(vv: str) -> None:
    """"V#w" (dev seed 637): the slash read as a mark and the small v as w; still a letter's V/v."""
    f = _parse_columns(["ỦY BAN NHÂN DÂN", "TỈNH PHÚ YÊN", "Số: 3118/UBND-KT", vv, "năm 2020"], [])
    assert f["vv"] == "triển khai công tác phát triển kinh tế số năm 2020"


def test_summary_words_the_body_reads_after_the_same_letters() -> None:
    """"bảo vệ mới trwving" (dev_1807): "mới" restored with a wrong mark, "trwving" undecoded; the body
    writes "môi trường" again and again, so the trích yếu reads so."""
    from pipeline.structure.header import parse_header

    body = ["Căn cứ Luật Bảo vệ môi trường;"] + [f"{k}. Bảo vệ môi trường trên địa bàn tỉnh, bảo đảm đúng tiến độ." for k in range(1, 5)]
    rows = [("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ""), ("TỈNH NGHỆ AN Độc lập - Tự do - Hạnh phúc", ""),
            ("Số: 12/KH-UBND Nghệ An, ngày 05 tháng 3 năm 2023", ""), ("KẾ HOẠCH", ""),
            ("Tuyên truyền, phổ biến bảo vệ mới trwving trên địa bàn tỉnh", ""), ("Nghệ An năm 2023", "")]
    lines = [Ln(t, 1) for t, _ in rows] + [Ln(t, 1) for t in body]
    assert parse_header(lines).header.summary == "Tuyên truyền, phổ biến bảo vệ môi trường trên địa bàn tỉnh Nghệ An năm 2023"


def test_a_garbled_first_basis_above_a_basis_ends_the_summary() -> None:
    """"Căn a Lưới Tổ chức …" (dev_1905) under the trích yếu, "Căn cứ Nghị quyết …" under it: a basis."""
    from pipeline.structure.header import parse_header

    rows = ["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH LÂM ĐỒNG Độc lập - Tự do - Hạnh phúc",
            "Số: 234/HD-UBND Lâm Đồng, ngày 28 tháng 9 năm 2019", "HƯỚNG DẪN", "Bảo vệ môi trường trên địa bàn tỉnh Lâm Đồng",
            "năm 2019", "Căn a Lưới Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015:",
            "Căn cứ Nghị quyết số 681/NQ-CP ngày 31/12/2018 của Chính phủ về bảo vệ môi trường;"]
    assert parse_header([Ln(t, 1) for t in rows]).header.summary == "Bảo vệ môi trường trên địa bàn tỉnh Lâm Đồng năm 2019"


@pytest.mark.parametrize(("summary", "fixed"), [
    ("du lịch trên địa bàn tỉnh Phú đến năm 2020", "du lịch trên địa bàn tỉnh Phú Yên năm 2020"),  # dev_1914
    ("du lịch trên địa bàn tỉnh Phú Yên đến năm 2020", "du lịch trên địa bàn tỉnh Phú Yên đến năm 2020"),
    ("du lịch trên địa bàn tỉnh Phú Thọ", "du lịch trên địa bàn tỉnh Phú Thọ"),  # another place stays
    # the next line's first word lost (dev seed 1187: "tỉnh Sóc" / "năm 2021"), or the last line's
    ("du lịch trên địa bàn tỉnh Phú năm 2020", "du lịch trên địa bàn tỉnh Phú Yên năm 2020"),
    ("du lịch trên địa bàn tỉnh Phú", "du lịch trên địa bàn tỉnh Phú Yên"),
    ("du lịch trên địa bàn huyện Phú năm 2020", "du lịch trên địa bàn huyện Phú năm 2020"),  # not the authority's unit
    ("du lịch trên địa bàn tỉnh Phú, năm 2020", "du lịch trên địa bàn tỉnh Phú, năm 2020"),
])
def test_the_places_last_word_restored_out_of_context(summary: str, fixed: str) -> None:
    from pipeline.structure.header_summary_years import summary_place

    assert summary_place(summary, "Phú Yên", "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN") == fixed


def test_modifier_glyphs_in_the_header_columns_and_the_signature() -> None:
    """A speck read as "ˆ" after the authority's line or glued to the signer's name is no part of them."""
    from pipeline.structure.header import _Columns

    cols = _Columns()
    cols.add([("L", "ỦY BAN NHÂN DÂN ˆ")], True)
    cols.add([("L", "ˆTỈNH PHÚ YÊN")], True)
    assert cols.left == ["ỦY BAN NHÂN DÂN", "TỈNH PHÚ YÊN"]
    sig = parse_signature_lines(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "ˆTrần Thị Bích Hạnh"], 2, None)
    assert sig is not None and sig.signer == "Trần Thị Bích Hạnh"


@pytest.mark.parametrize(("summary", "fixed"), [
    ('Hướng dẫn "mẹ triển du lịch bền vững', "Hướng dẫn phát triển du lịch bền vững"),  # dev seed 689
    ('Hướng dẫn "mẹ" triển du lịch bền vững', 'Hướng dẫn "mẹ" triển du lịch bền vững'),  # a quotation closed: the text's
    ("Hướng dẫn 'phát triển du lịch bền vững", "Hướng dẫn phát triển du lịch bền vững"),  # the body reads the pair so
])
def test_a_word_a_speck_sat_on_read_as_the_body_reads_it(summary: str, fixed: str) -> None:
    from pipeline.structure.summary_words import specked_from_body

    body = [f"{k}. Tổ chức phát triển du lịch bền vững, đúng tiến độ." for k in range(4)]
    assert specked_from_body(summary, body) == fixed


@pytest.mark.parametrize(("body_same", "body_other", "fixed"), [
    (3, 9, "Đôn đốc phòng, chống thiên tai"),  # dev_2104: the body slips too, but reads đôn đốc three times as often
    (3, 4, "Đơn độc phòng, chống thiên tai"),  # not twice as often: as read
    (0, 2, "Đôn đốc phòng, chống thiên tai"),  # never the summary's way: twice is enough
])
def test_a_summary_pair_the_body_reads_otherwise_far_more_often(body_same: int, body_other: int, fixed: str) -> None:
    from pipeline.structure.summary_words import as_the_body_reads

    body = ["Đơn độc các sở, ngành."] * body_same + ["Tăng cường đôn đốc các sở, ngành."] * body_other
    assert as_the_body_reads("Đơn độc phòng, chống thiên tai", body) == fixed


@pytest.mark.parametrize(("caps", "date_place", "authority", "summary"), [
    # dev_2003: three readings, each once; the trích yếu's (running text) wins the tie
    ("TỈNH PHỤ. YÊN", "Phù Yên", "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN", "Bảo vệ môi trường trên địa bàn tỉnh Phú Yên năm 2020"),
    # the caps line and the date line agree: the trích yếu takes their marks
    ("TỈNH PHÚ YÊN", "Phú Yên", "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN", "Bảo vệ môi trường trên địa bàn tỉnh Phú Yên năm 2020"),
])
def test_the_localitys_marks_by_vote(caps: str, date_place: str, authority: str, summary: str) -> None:
    from pipeline.structure.header import parse_header

    rows = ["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f"{caps} Độc lập - Tự do - Hạnh phúc",
            f"Số: 314/ĐA-UBND {date_place}, ngày 02 tháng 9 năm 2020", "ĐỀ ÁN",
            "Bảo vệ môi trường trên địa bàn tỉnh Phú Yên năm 2020" if caps != "TỈNH PHÚ YÊN" else
            "Bảo vệ môi trường trên địa bàn tỉnh Phụ Yên năm 2020",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"]
    header = parse_header([Ln(t, 1) for t in rows]).header
    assert (header.authority, header.summary, header.place) == (authority, summary, "Phú Yên")


def test_the_localitys_marks_stay_the_authoritys_without_a_third_reading() -> None:
    from pipeline.structure.header_summary_years import locality_by_vote

    f: dict[str, object] = {"authority": "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN", "place": "Phú Yên", "place_read": None}
    assert locality_by_vote("Bảo vệ môi trường trên địa bàn tỉnh Phụ Yên", f) == {}
    f["place_read"] = "Phú Yên"  # the date line sides with the authority
    assert locality_by_vote("Bảo vệ môi trường trên địa bàn tỉnh Phụ Yên", f) == {}


def test_a_party_committees_place_is_its_localitys_name() -> None:
    """"TỈNH ỦY KHÁNH HÒA" is the province's Party committee: the place under it is "Khánh Hòa"."""
    f = _parse_columns(["TỈNH ỦY KHÁNH HÒA", "Số 81-KH/TU"], ["ĐẢNG CỘNG SẢN VIỆT NAM", "Khánh Hòa, ngày 0Š tháng II năm 2021"])
    assert (f["place"], f["date"]) == ("Khánh Hòa", "2021-11-05")


def test_a_party_type_code_read_with_d_bar_agrees_with_the_title() -> None:
    from pipeline.structure.header_number import code_agrees

    # HD 36-HD/VPTW: the Party's Hướng dẫn is HD; noise on a strong scan crossed its D.
    assert code_agrees("102-HĐ/TU", "HƯỚNG DẪN") == "102-HD/TU"
    assert code_agrees("12/HĐ-UBND", "HƯỚNG DẪN") == "12/HD-UBND"
    # A code that already names the title, or whose other spelling names another type, stays.
    assert code_agrees("120-ĐA/TU", "ĐỀ ÁN") == "120-ĐA/TU"
    assert code_agrees("12-HĐ/TU", "NGHỊ QUYẾT") == "12-HĐ/TU"
    assert code_agrees("5/HĐ-UBND", "HỢP ĐỒNG") == "5/HĐ-UBND"


def test_an_issuer_code_split_off_after_the_dash_joins_the_symbol() -> None:
    from pipeline.structure.header import _parse_columns

    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    left = ["ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA"]
    assert _parse_columns([*left, "Số: 1956/UBND- vx"], right)["number"] == "1956/UBND-VX"
    assert _parse_columns([*left, "Số: 12/UBND- KT"], right)["number"] == "12/UBND-KT"
    assert _parse_columns([*left, "Số: 12/KH-UBND"], right)["number"] == "12/KH-UBND"


def test_the_motto_columns_speck_after_the_authority_is_dropped() -> None:
    # "TINH BINH DINH _” Doc lap": the speck between the columns stays on the authority's side.
    assert strip_tail_marks("TỈNH BÌNH ĐỊNH _”") == "TỈNH BÌNH ĐỊNH"
    assert strip_tail_marks("SỞ TÀI CHÍNH - ,") == "SỞ TÀI CHÍNH"
    assert strip_tail_marks("“Ngày hội ”") == "“Ngày hội ”"  # a quotation the text opened stays closed
    assert strip_tail_marks("ỦY BAN NHÂN DÂN") == "ỦY BAN NHÂN DÂN"
@pytest.mark.parametrize(("summary", "fixed"), [
    ("Tổ chức bảo vệ môi trường năm", "Tổ chức bảo vệ môi trường năm 2023"),  # the year lost whole
    ("Tổ chức bảo vệ môi trường năm có PP", "Tổ chức bảo vệ môi trường năm 2023"),
    ("Kiểm tra bảo vệ môi trường hằng năm", "Kiểm tra bảo vệ môi trường hằng năm"),  # yearly: no year after it
    ("Tổ chức bảo vệ môi trường năm 2023", "Tổ chức bảo vệ môi trường năm 2023"),
])
def test_a_summary_year_lost_is_the_issuing_sentences(summary: str, fixed: str) -> None:
    """Strong scans (archive dev seed 833): a trích yếu ending in "năm" with its year lost; the
    sentence that issues the document gives the one year."""
    from pipeline.structure.header_summary_years import summary_year_of_issue

    body = [Ln("Ban Thường vụ Tỉnh ủy ban hành Chương trình bảo vệ môi trường năm 2023, cụ thể như sau:", 1)]
    assert summary_year_of_issue(summary, "CHƯƠNG TRÌNH", body) == fixed


def test_a_summary_line_a_speck_pushed_off_centre_still_wraps_the_summary() -> None:
    """Strong scans (archive dev seed 837): a dash of a few pixels right of "năm 2021" widened the
    line's box past centred; its words are centred under the summary's first line."""
    from pipeline.types import Word

    above = Ln("Nâng cao bảo vệ môi trường trên địa bàn tỉnh Khánh Hòa", 1, (585, 628, 2026, 685), "C", centered=True)
    words = (Word("năm", (1183, 702, 1290, 744), 0.9), Word("2021", (1307, 702, 1418, 744), 0.9), Word("-", (1485, 757, 1489, 758), 0.4))
    speck = Ln("năm 2021 -", 1, (1183, 702, 1489, 758), "C", centered=False, words=words)
    body = Ln("Căn cứ Luật Tổ chức chính quyền địa phương;", 1, (476, 814, 1700, 871), "C", centered=False,
              words=(Word("Căn", (476, 814, 557, 857), 0.9), Word("phương;", (1500, 814, 1700, 871), 0.9)))
    from pipeline.structure.header_title import _centered_under

    assert _centered_under(speck, above) and not _centered_under(body, above)


def test_kinh_gui_after_a_speck_read_as_a_modifier_glyph() -> None:
    """Strong scans (archive dev seed 841): "ˆ Kính gửi:" ends the V/v summary and lists the addressee."""
    from pipeline.structure.header_title import _kinh_gui, _kinh_gui_line

    assert _kinh_gui_line("ˆ Kính gửi: Công an tỉnh.") and not _kinh_gui_line("ˆ Thực hiện Công văn số 839")
    assert _kinh_gui([Ln("ˆ Kính gửi: Công an tỉnh.", 1)], 0) == (["Công an tỉnh"], 1)


@pytest.mark.parametrize(("summary", "body", "fixed"), [
    ("phát triển du lịch năm 2012", "ban hành Đề án phát triển du lịch năm 2019, cụ thể như sau:", "phát triển du lịch năm 2019"),
    ("phát triển du lịch năm 2012", "ban hành Đề án phát triển du lịch năm 2019; giai đoạn 2012 - 2019", "phát triển du lịch năm 2012"),  # the body gives it
    ("phát triển du lịch năm 2025", "ban hành Đề án phát triển du lịch năm 2019, cụ thể như sau:", "phát triển du lịch năm 2025"),  # two digits off
])
def test_a_summary_year_one_digit_off_the_issuing_sentences(summary: str, body: str, fixed: str) -> None:
    """Archive dev seed 876: "năm 2012" in the trích yếu, 2019 in the issuing sentence and nowhere 2012."""
    from pipeline.structure.header_summary_years import summary_year_misread

    assert summary_year_misread(summary, "ĐỀ ÁN", [Ln(body, 1)]) == fixed


def test_a_number_read_all_as_glyphs_glued_to_its_type_code() -> None:
    # 150 dpi English-model OCR: "71/ĐA-UBND" read "TIDA-UBND" (7 as T, 1 as I, the slash lost).
    assert code_agrees("TIDA-UBND", "ĐỀ ÁN") == "71/ĐA-UBND"
    assert code_agrees("TIDA-UBND", "KẾ HOẠCH") == "TIDA-UBND"  # the code must name the title's type
    assert code_agrees("…/KH-UBND", "KẾ HOẠCH") == "…/KH-UBND"  # an unreadable number stays
