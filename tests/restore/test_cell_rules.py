"""Table rules read as characters become cell boundaries (TABs); prose is never touched."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.restore import restore
from pipeline.restore.ocrfix.cell_rules import mark_cell_rules, table_lines


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("tai|So Nong nghiép |UBND cac huyén, thi | Nam 2025", "tai\tSo Nong nghiép\tUBND cac huyén, thi\tNam 2025"),
        ("1.2 |D6n déc hé théng | Cac sé, ban | Hang nam", "1.2\tD6n déc hé théng\tCac sé, ban\tHang nam"),
        ("| 1.1 | Hoan thién co so |", "1.1\tHoan thién co so"),
        ("cong tac bao vé mdi _| thi xa | tu, Cac sd", "cong tac bao vé mdi\tthi xa\ttu, Cac sd"),
        ("nam 2020, ‘| tinh", "nam 2020,\ttinh"),
    ],
)
def test_rules_become_cell_boundaries(line: str, want: str) -> None:
    assert mark_cell_rules([line]) == [want]


def test_ambiguous_glyphs_are_rules_only_on_table_lines() -> None:
    table = ["1.1 | Trién khai | So Noi vu", "cong tac l So Tai chinh ] Nam 2025", "2.1 | Xay dung | Cong an"]
    out = mark_cell_rules(table)
    assert out[1] == "cong tac\tSo Tai chinh\tNam 2025"
    assert table_lines(table) == [True, True, True]


@pytest.mark.parametrize(
    "line",
    [
        "I. MUC DICH, YEU CAU",
        "Ban hanh kem theo Phu luc I cua Ke hoach nay",
        "Trién khai [an thir hai ctia Ké hoach",  # "[an" is "lần": left to the garble restorer
        "theo Quyết định số 12/2024/QĐ-UBND (sửa đổi) [1]",
    ],
)
def test_prose_lines_are_unchanged(line: str) -> None:
    assert mark_cell_rules([line]) == [line]


@given(st.lists(st.text(alphabet="abcdeghiklmnopqrstuvxyđơư ,.;:-()0123456789", max_size=60), max_size=8))
def test_lines_without_rule_glyphs_pass_through(lines: list[str]) -> None:
    assert mark_cell_rules(lines) == lines


def test_restored_table_line_keeps_cells_apart() -> None:
    out = restore("1.1 |Trién khai cong tac thong tin doi ngoai|So Thong tin va Truyén thong | Nam 2025").text
    assert out.count("\t") == 3
    cells = out.split("\t")
    assert cells[0] == "1.1"
    assert cells[2].startswith("Sở Thông tin và Truyền thông")
    assert cells[3] == "Năm 2025"
    assert "|" not in out


def test_a_rule_beside_a_row_number_marks_a_table_line() -> None:
    assert mark_cell_rules(["[6 [ch ng ab ng in", "5.2} Ra soat sy phdi hop"]) == ["6\tch ng ab ng in", "5.2\tRa soat sy phdi hop"]
    assert mark_cell_rules(["theo [1] va [2]"]) == ["theo [1] va [2]"]


def test_a_roman_numeral_in_a_cell_is_text() -> None:
    table = ["1.1 | Trien khai giai doan I | So Noi vu | Nam 2025", "1.2 | Xep hang I cho don vi | So Tai chinh"]
    assert mark_cell_rules(table) == ["1.1\tTrien khai giai doan I\tSo Noi vu\tNam 2025",
                                      "1.2\tXep hang I cho don vi\tSo Tai chinh"]


def test_column_header_words_glued_or_wrapped() -> None:
    lines = [
        "tr | CHUONG TRINH, NHIEM VU | DON VICHU | DON VI.CHU | DON VI PHOL THO!",
        "TRI HOP GIAN",  # the header's titles wrap onto lines without rules
        "THUC",
        "1.1 | Trién khai | So Noi vu",
    ]
    out = mark_cell_rules(lines)
    assert out[0] == "TT\tCHƯƠNG TRÌNH, NHIỆM VỤ\tĐƠN VỊ CHỦ\tĐƠN VỊ CHỦ\tĐƠN VỊ PHỐI THỜI"
    assert out[1:3] == ["TRÌ HỢP GIAN", "THỰC"]
    assert mark_cell_rules(["TRI HOP GIAN"]) == ["TRI HOP GIAN"]  # not after a header: untouched


def test_s_cent_is_so_not_a_rule() -> None:
    out = mark_cell_rules(["1.1 | Trién khai | SO Noi vu S¢ Tai chinh | Nam 2025"])
    # (the unit head "S¢" after a lower-case word opens a cell of its own: two units glued)
    assert out == ["1.1\tTrién khai\tSO Noi vu\tS¢ Tai chinh\tNam 2025"]


# A table page as the English model reads it: some rules lost, so one line holds the end of the
# task cell and the fragments of the unit and timeframe cells glued by plain spaces.
_PAGE = [
    "(Kém theo Ké hoach s6 12/KH-UBND cia Uy ban nhan dan tinh)",
    "TT | NOI DUNG | DON VI CHU TRI | THOI GIAN",
    "1.1 | Trién khai cong tac thong tin | So Noi vu | Nam 2025",
    "doi ngoai trén dia ban Truyén hinh tinh S6 Tai chinh Hang nim",
    "hoan thién cdc chi tiéu cong tac Quy 1/2025",
    "2.1 | Xay dung ké hoach cua tinh | Cong an tinh | Quy",
]


@pytest.mark.parametrize(
    ("k", "want"),
    [
        (3, "doi ngoai trén dia ban\tTruyén hinh tinh\tS6 Tai chinh\tHang nim"),  # capital after lower case, Sở, timeframe
        (4, "hoan thién cdc chi tiéu cong tac\tQuy 1/2025"),
    ],
)
def test_cells_open_where_the_rule_was_lost(k: int, want: str) -> None:
    assert mark_cell_rules(_PAGE)[k] == want


def test_no_cell_opens_inside_a_name_or_above_the_table() -> None:
    out = mark_cell_rules(_PAGE)
    assert out[0] == _PAGE[0]  # above the column header: a title line, not a row
    # "và" + a capital continues a unit name ("Sở Thông tin và Truyền thông")
    lines = [*_PAGE[1:3], "doi ngoai So Thong tin va Truyén", _PAGE[5]]
    assert mark_cell_rules(lines)[2] == "doi ngoai\tSo Thong tin va Truyén"


@pytest.mark.parametrize(
    ("line", "want"),
    [
        # the rule's shadow glued to a word: a run of strokes, where the rule was
        ("1.1 | Xay dung giai phap bao vé méi__‘| Cac sé, ban | 2025 - 2028",
         "1.1\tXay dung giai phap bao vé méi\tCac sé, ban\t2025 - 2028"),
        ("cong tac chuyén d6i_—_| Sé Tu phap", "cong tac chuyén d6i\tSé Tu phap"),
        ("2.1 | Hoan thién | Sé Noi vu —III/2021", "2.1\tHoan thién\tSé Noi vu\tIII/2021"),
        ("1.2 | Tuyén truyén | — Thang", "1.2\tTuyén truyén\tThang"),
        # specks between two lower-case words of a cell: a space (a comma keeps its space)
        ("3.1 | chat lugng dOi.ngi can bé | an-tinh | trong:cod ban,nganh",
         "3.1\tchat lugng dOi ngi can bé\tan tinh\ttrong cod ban, nganh"),
    ],
)
def test_rule_runs_and_specks_on_table_lines(line: str, want: str) -> None:
    assert mark_cell_rules([line]) == [want]


def test_specks_kept_off_table_cells() -> None:
    prose = "phat trién kinh té-xa hdi, dOi.ngi can bé"  # prose keeps its hyphens (and its specks)
    assert mark_cell_rules([prose]) == [prose]
    domain = "1.1 | Cong thong tin dién tir tinh.gov.vn | 2021 - 2025"  # a domain is no speck
    assert mark_cell_rules([domain]) == ["1.1\tCong thong tin dién tir tinh.gov.vn\t2021 - 2025"]


def test_so_with_its_hook_read_as_cent_after_a_rule_is_text() -> None:
    # "|S¢ Tai chinh": the rule, then "Sở" (its hooked o read as ¢), not a rule glyph at its edge
    line = "1.2 | Trién khai | Van phong UBND |S¢ Tai chinh, Cac s¢, | Quy I/2019"
    assert mark_cell_rules([line]) == ["1.2\tTrién khai\tVan phong UBND\tS¢ Tai chinh, Cac s¢,\tQuy I/2019"]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("1T NHIEM VU CG QUAN | COQUAN | SANPHAM", "TT NHIỆM VỤ CƠ QUAN\tCƠ QUAN\tSẢN PHẨM"),
        ("tr | CHUGNG TRINH, NHIEM VU DON VI. CHU DON VI PHOI THOL", "TT\tCHƯƠNG TRÌNH, NHIỆM VỤ ĐƠN VỊ CHỦ ĐƠN VỊ PHỐI THỜI"),
        ("3.3. | Nang cao | So Noi vu | Quy II/2025", "3.3\tNang cao\tSo Noi vu\tQuy II/2025"),
    ],
)
def test_column_titles_and_row_numbers(line: str, want: str) -> None:
    assert mark_cell_rules([line]) == [want]


def test_a_speck_alone_between_two_cells_is_a_boundary() -> None:
    from pipeline.restore.ocrfix.cell_rules import mark_cell_rules

    lines = ["1.1 | Huong dan viec | So Tu phap | Quy", "chi tieu ve nong thon : Phat thanh va",
             "bao vé méi trudng, . | SO Gido duc va", ": cua phap luat.", "2.1 | Ra soat | So | 2021 - 2025"]
    out = mark_cell_rules(lines)
    assert out[1] == "chi tieu ve nong thon\tPhat thanh va"
    assert out[2] == "bao vé méi trudng,\tSO Gido duc va"
    assert out[3] == "cua phap luat."
    assert out[4].endswith("2021 - 2025")  # a range's dash is text


def test_a_speck_glued_before_a_word_whose_vowel_is_read_as_a_digit() -> None:
    from pipeline.restore.ocrfix.cell_rules import mark_cell_rules

    out = mark_cell_rules(["1.1 | phuc vu.c6ng tac kinh té-s6. | So Tu phap | Quy", "2.1 | Ra soat | So | Nam 2025"])
    assert out[0].startswith("1.1\tphuc vu c6ng tac kinh té s6.\t")


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("CHU.TRI PHOLHOP GIAN", "CHỦ TRÌ PHỐI HỢP GIAN"),  # PHỐI's final I read as L, glued to HỢP
        ("STT NOI DUNG CONG VIEC CO QUAN CHU TRI\tTHOLHAN", "STT NỘI DUNG CÔNG VIỆC CƠ QUAN CHỦ TRÌ\tTHỜI HẠN"),
    ],
)
def test_header_words_glued_after_a_final_i_read_as_l(line: str, want: str) -> None:
    from pipeline.restore.ocrfix.cell_rules import repair_column_header

    assert repair_column_header(line) == want


def test_a_capital_with_its_vowel_read_as_a_digit_opens_a_cell() -> None:
    # "C6ng an tỉnh" after the task's last word, its rule lost: a cell of its own, as "Công" would be
    out = mark_cell_rules(["9.1 | Day manh hiéu qua cong tac phat C6ng an tinh | Quy 1/2022"])
    assert out == ["9.1\tDay manh hiéu qua cong tac phat\tC6ng an tinh\tQuy 1/2022"]


def test_a_cent_sign_opening_a_word_is_its_c() -> None:
    lines = ["2 |Hé théng van ban lién quan dén nang ¢ao chi sé", "phuc vu ¢éng tac | S6 Noi vu | ¢6ng an"]
    out = mark_cell_rules(lines)
    assert out[0].endswith("dén nang cao chi sé") and out[1] == "phuc vu céng tac\tS6 Noi vu\tc6ng an"


def test_a_wrapped_or_whole_often_timeframe_opens_its_cell() -> None:
    lines = ["1.1 | Tang cuong | Dao tao, Dai Phat xuyén", "2.1 | Tang cuong | So Noi vu Thudng xuyén"]
    assert mark_cell_rules(lines) == ["1.1\tTang cuong\tDao tao, Dai Phat\txuyén", "2.1\tTang cuong\tSo Noi vu\tThudng xuyén"]
