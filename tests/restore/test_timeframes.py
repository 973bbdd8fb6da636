"""Quarters of a plan's timeframes read back from English-model OCR ("Quy 11/2025" -> "Quý II/2025")."""

from __future__ import annotations

import pytest

from pipeline.restore import restore
from pipeline.restore.ocrfix.timeframes import repair_quarters


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Sở Nội vụ\tQuy 11/2025", "Sở Nội vụ\tQuý II/2025"),
        ("Quỹ 111/2019", "Quý III/2019"),
        ("Quy: 1V/2020", "Quý IV/2020"),
        ("Quy IVv/2019", "Quý IV/2019"),
        ("QUY I11/2025", "QUÝ III/2025"),
        ("Quy TV/2023", "Quý IV/2023"),
        ("Quy TH/2020", "Quý III/2020"),  # H: two strokes joined
        ("Quy H/2020", "Quý II/2020"),
        ("Quy I'V/2019", "Quý IV/2019"),  # a speck between the strokes
        ("Quy I/2021", "Quý II/2021"),  # a capital I alone: the English model reads one stroke "1"
        ("Quy T/2022", "Quý III/2022"),  # T: three strokes joined at the serifs
        ("Quy T1/2020", "Quý III/2020"),
        ("Quy Il/2020", "Quý III/2020"),  # two strokes in two shapes: the third lost
        ("Quy IL/2020", "Quý III/2020"),
        ("Quy II/2020", "Quý II/2020"),
    ],
)
def test_quarter_numerals_read_from_their_strokes(line: str, want: str) -> None:
    out, frozen = repair_quarters([line], [True])
    assert out == [want]
    assert frozen == {0: {want.index("Qu") if "Qu" in want else want.index("QU")}}


def test_a_lone_one_is_roman_only_where_the_page_writes_roman_quarters() -> None:
    roman_page = ["Sở Tư pháp\tQuy 1/2025", "Công an tỉnh\tQuý II/2025"]
    assert repair_quarters(roman_page, [True, True])[0][0] == "Sở Tư pháp\tQuý I/2025"
    assert repair_quarters(roman_page[:1], [True])[0][0] == "Sở Tư pháp\tQuý 1/2025"  # no evidence: as printed
    assert repair_quarters(["Sở Tư pháp\t1/2025"], [True])[0][0] == "Sở Tư pháp\t1/2025"  # no quarter word
    arabic_page = ["Sở Tư pháp\tQuy 1/2025", "Công an tỉnh\tQuý 2/2025"]
    assert repair_quarters(arabic_page, [True, True])[0][0] == "Sở Tư pháp\tQuý 1/2025"


def test_a_numeral_wrapped_onto_the_next_line_of_the_cell() -> None:
    lines = ["1.1\tTuyên truyền\tSở Nội vụ\tQuy", "phổ biến\ttạo\t11/2019"]
    out, frozen = repair_quarters(lines, [True, True])
    # two like strokes that wrapped are III (the wider numeral wraps); one stroke stays I
    assert out == ["1.1\tTuyên truyền\tSở Nội vụ\tQuý", "phổ biến\ttạo\tIII/2019"]
    assert repair_quarters([lines[0], "phổ biến\ttạo\t1/2019"], [True, True])[0][1].endswith("\t1/2019")  # Arabic maybe
    assert repair_quarters([lines[0], "phổ biến\ttạo\t1V/2019"], [True, True])[0][1].endswith("\tIV/2019")
    assert frozen == {0: {lines[0].index("Quy")}}
    # ... only in a table: a month after prose that ends in "quy" stays a month
    assert repair_quarters(["văn bản quy", "ngày 11/2019"], [False, False])[0][1] == "ngày 11/2019"


def test_a_month_and_a_fund_are_not_quarters() -> None:
    assert repair_quarters(["Tháng 11/2025", "Quỹ 12/2025"], [True, True])[0] == ["Tháng 11/2025", "Quỹ 12/2025"]


def test_restored_table_keeps_quarters_and_header_words() -> None:
    text = (
        "TT | NOI DUNG | DON VI CHU | DON VI PHOI | THOI\n"
        "TRI HOP GIAN\n"
        "1.1 | Trién khai cong tac | So Noi vu | Cong an tinh | Quy 11/2025\n"
        "1.2 | Xay dung hé théng | So Tu phap | Cac sé, ban, nganh | Quy 1/2025\n"
    )
    out = restore(text, mode="ocr-eng").text.split("\n")
    assert out[1].split() == ["TRÌ", "HỢP", "GIAN"]
    assert out[2].endswith("Quý II/2025") and out[3].endswith("Quý I/2025")


def test_unit_heads_read_as_so() -> None:
    from pipeline.restore.ocrfix.timeframes import repair_unit_heads

    frozen: dict[int, set[int]] = {}
    lines = ["Van phong UBND $6 Tu phap Quy", "hoach va Dau tu, SO", "So luong can bo"]
    out = repair_unit_heads(lines, [True, True, True], frozen)
    assert out == ["Van phong UBND Sở Tu phap Quy", "hoach va Dau tu, Sở", "So luong can bo"]
    assert frozen == {0: {15}, 1: {17}}
    assert repair_unit_heads(["Dau tu, SO"], [False], {}) == ["Dau tu, SO"]  # a line end in prose: untouched
    frozen.clear()
    out = repair_unit_heads(["va S06 Ke hoach S¢ Tai chinh Quý II/2025"], [True], frozen)
    assert out == ["va Sở Ke hoach Sở Tai chinh Quý II/2025"]
    assert frozen == {0: {3, 15}}


def test_table_columns_are_decoded_as_streams() -> None:
    from pipeline.restore.ocrfix.garble.streams import column_streams

    region: list[list[list]] = [[["a1"], ["b1"], ["c1"]], [["a2"], ["b2"], ["c2"]], [["a3"]], [["a4"], ["d4"]]]
    streams = column_streams(region)  # type: ignore[arg-type]
    assert streams[0] == [["a1"], ["a2"], ["a3"], ["a4"]]  # the task column, wrapped over lines
    assert [["b1"], ["b2"]] in streams and [["c1"], ["c2"]] in streams
    assert [["d4"]] in streams  # after a one-cell line, the last cell starts afresh


def test_wrapped_numeral_after_a_ruled_line_and_roman_evidence_from_a_bare_numeral() -> None:
    lines = ["5.2 | Xay dung | So Tai chinh | Quy", "trén dia ban toan tinh; ra tinh, va ILl/2019"]
    out, _ = repair_quarters(lines, [True, False])
    assert out == ["5.2 | Xay dung | So Tai chinh | Quý", "trén dia ban toan tinh; ra tinh, va III/2019"]
    out, _ = repair_quarters(["Quy 1/2020", "tinh IV/2020"], [True, True])
    assert out[0] == "Quý I/2020"


def test_month_word_before_a_month_and_year() -> None:
    from pipeline.restore.ocrfix.timeframes import repair_months

    frozen: dict[int, set[int]] = {}
    lines = ["1.1 | Xay dung | So Noi vu | Thang", "cong tac\t6/2022", "Thẳng 12/2024", "Thang 13/2024"]
    out = repair_months(lines, [True, True, True, True], frozen)
    assert out == ["1.1 | Xay dung | So Noi vu | Tháng", "cong tac\t6/2022", "Tháng 12/2024", "Thang 13/2024"]
    assert frozen == {0: {lines[0].index("Thang")}, 2: {0}}
    assert repair_months(["thắng 6/2022"], [False], {}) == ["thắng 6/2022"]  # prose: untouched


def test_register_votes_for_the_pages_other_readings_of_a_table_word() -> None:
    from pipeline.restore.ocrfix.garble.decode import _with_register
    from pipeline.restore.ocrfix.garble.pieces import Piece

    pieces = [Piece("word", "tinh", 0, 4, "") for _ in range(4)]
    owners = [(p, ["tỉnh", "tính"]) for p in pieces]
    positions = [[("tỉnh", 0.0), ("tính", 0.0)] for _ in pieces]
    choices, confs = [0, 0, 0, 1], [1.0, 1.0, 1.0, 0.6]
    new = _with_register(positions, owners, choices, confs, {id(p) for p in pieces})  # type: ignore[arg-type]
    assert new[3][0][1] > new[3][1][1]  # three other readings say tỉnh
    assert _with_register(positions, owners, choices, confs, set()) == positions  # prose: untouched


def test_a_column_read_apart_quarter_word_and_numeral_alone() -> None:
    out, _ = repair_quarters(["Quy", "11/2020"], [False, False])
    assert out == ["Quý", "III/2020"]
    assert repair_quarters(["theo quy", "định 11/2020"], [False, False])[0] == ["theo quy", "định 11/2020"]


@pytest.mark.parametrize("numeral", ["11", "1V", "TV", "TH", "TI"])
def test_a_wrapped_roman_numeral_says_the_page_writes_roman_quarters(numeral: str) -> None:
    # The only other quarter of the page wrapped ("Quy" ends one line, its numeral the next):
    # its strokes are Roman evidence as much as the same-line form.
    lines = ["1.1 | Tuyén truyén | So Tai chinh | Quy 1/2024", "2.1 | Xay dung | SO Noi vu Quy",
             f"hé thong van ban Truyén thong {numeral}/2024"]  # fmt: skip
    out, _ = repair_quarters(lines, [True, True, True])
    assert out[0].endswith("Quý I/2024")
    # a wrapped lone "1" is no such evidence: "Quý 1/2024" may be written in Arabic figures
    lines[2] = "hé thong van ban Truyén thong 1/2024"
    assert repair_quarters(lines, [True, True, True])[0][0].endswith("Quý 1/2024")


def test_yearly_timeframe_and_a_lone_quarter_word_ending_a_table_line() -> None:
    from pipeline.restore.ocrfix.timeframes import repair_months

    lines = ["1.1\tXay dung\tSo Noi vu\tHing nim", "2.1\tTrién khai\tCong an tinh\tQuy", "ban quy", "hang nam"]
    frozen: dict[int, set[int]] = {}
    out = repair_months(lines, [True, True, True, True], frozen)
    assert out[:2] == ["1.1\tXay dung\tSo Noi vu\tHằng năm", "2.1\tTrién khai\tCong an tinh\tQuý"]
    assert frozen[0] == {lines[0].index("Hing"), lines[0].index("nim")}
    # a lower-case "quy" ending a task line is the word of "quy phạm"; lower-case "hang nam" no cell
    assert out[2:] == ["ban quy", "hang nam"]


def test_often_wrapped_in_the_timeframe_column() -> None:
    from pipeline.restore.ocrfix.timeframes import repair_months

    lines = ["2.1\tXay dung\tCong an tinh Thudng", "doi ngoai trén dia ban\tSO Noi vu xuyén", "Sở Công Thuong", "ban"]
    frozen: dict[int, set[int]] = {}
    out = repair_months(lines, [True] * 4, frozen)
    assert out[:2] == ["2.1\tXay dung\tCong an tinh Thường", "doi ngoai trén dia ban\tSO Noi vu xuyên"]
    assert frozen == {0: {lines[0].index("Thudng")}, 1: {lines[1].index("xuyén")}}
    assert out[2] == "Sở Công Thuong"  # a unit name ending a line ("Sở Công Thương"): no "xuyên" after it


def test_a_yearly_timeframe_alone_on_its_line_is_a_cell() -> None:
    from pipeline.restore.ocrfix.timeframes import repair_months

    lines = ["Trién khai cac nhiem vu", "So Noi vu", "Hang nim", "hang nam cac co quan"]
    frozen: dict[int, set[int]] = {}
    out = repair_months(lines, [False] * 4, frozen)
    assert out[2] == "Hằng năm" and out[3] == lines[3]  # a sentence's "hàng năm" is the decoder's
    assert frozen == {2: {0, 5}}


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Dao tao x, thanh phé, Van", "Dao tao xã, thanh phé, Van"),
        ("trén dia ban toan tinh xa, thanh pho IV/2021", "trén dia ban toan tinh xã, thanh pho IV/2021"),
        ("huyén, thi xd, thanh ph6", "huyén, thi xã, thanh ph6"),
        ("huyén, thi xa, thanh phan", "huyén, thi xa, thanh phan"),  # no "thành phố" after it
        ("xay, thanh pho", "xay, thanh pho"),  # a longer word
    ],
)
def test_a_commune_before_thanh_pho_on_a_table_line(line: str, want: str) -> None:
    from pipeline.restore.ocrfix.timeframes import repair_unit_heads

    frozen: dict[int, set[int]] = {}
    assert repair_unit_heads([line], [True], frozen) == [want]
    assert repair_unit_heads([line], [False], {}) == [line]  # prose: left to the decoder


def test_a_yen_sign_is_the_v_and_a_speck_after_the_year_goes() -> None:
    lines = ["2.1\tBảo vệ\tSở Nội vụ\tQuy", "môi trường\tĐầu tư\t1¥/2020", "Sở Tư pháp\tQuy", "giá\t11/2020."]
    out, _ = repair_quarters(lines, [True] * 4)
    assert out[1].endswith("\tIV/2020") and out[3].endswith("\tIII/2020")


def test_an_arabic_quarter_keeps_a_lone_one_arabic_beside_roman_looking_strokes() -> None:
    page = ["Sở Tư pháp\tQuy 1/2025", "Công an tỉnh\tQuý II/2025", "Sở Nội vụ\tQuy 3/2025"]
    assert repair_quarters(page, [True] * 3)[0][0] == "Sở Tư pháp\tQuý 1/2025"
    wrapped = ["Sở Tư pháp\tQuy 1/2025", "Công an tỉnh\tQuý II/2025", "Sở Nội vụ\tQuy", "giá\t2/2025"]
    assert repair_quarters(wrapped, [True] * 4)[0][0] == "Sở Tư pháp\tQuý 1/2025"


def test_a_wrapped_pair_of_strokes_is_two_where_even_a_lone_stroke_wraps() -> None:
    # Every quarter of the page wraps, the narrowest ("Quý I") too: the column is too narrow for
    # any, so a wrap says nothing of the numeral's width and two strokes read are II.
    lines = ["1.1\tTuyên truyền\tQuy", "phổ biến\t1/2025", "1.2\tKiểm tra\tQuy", "đánh giá\t11/2025"]
    out, _ = repair_quarters(lines, [True] * 4)
    assert out[1].endswith("\tI/2025") and out[3].endswith("\tII/2025")
    # ... unless a quarter fits on its word's line: then the wrapped one is the wider III
    fits = [*lines, "1.3\tBáo cáo\tQuy 11/2025"]
    assert repair_quarters(fits, [True] * 5)[0][3].endswith("\tIII/2025")
    # ... and without a lone stroke wrapping, the wrap of two strokes is III as before
    assert repair_quarters(lines[2:], [True, True])[0][1].endswith("\tIII/2025")
