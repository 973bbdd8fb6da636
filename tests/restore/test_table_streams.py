"""Table lines are decoded column by column; where a column's stream stops, its cell goes on."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.restore import restore
from pipeline.restore.ocrfix import settings
from pipeline.restore.ocrfix.garble import streams

TABLE = (
    "1.1 | Trién khai hé thong | Van phong UBND | SO Noi vu, SO Ké | Quy\n"
    "phap luat lién quan dén phat trién du | tinh hoach va Dau tu, SG | IV/2019"
)


def test_a_unit_name_cut_at_a_stream_end_is_read_as_a_name() -> None:
    # "Sở Kế" ends its stream (the rest of the name is on the next line, glued to another cell):
    # read as a sentence end, "Sở Kể" won ("đáng kể.").
    out = restore(TABLE).text.split("\n")
    assert out[0].split("\t")[3] == "Sở Nội vụ, Sở Kế"


def test_soft_ends_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streams, "CELL_RULES", replace(settings.CELL_RULES, soft_stream_ends=False))
    lattice = streams.Lattice()
    lattice.detached = [[], []]
    lattice.positions = [[("a", 0.0)]]
    lattice.flush()
    assert lattice.positions[-1] == streams._END


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Thiét lap mot cach phi: hop voi diéu kién", "Thiết lập một cách phù hợp với điều kiện"),
        ("theo quy dinh nhu sau: cac co quan", "theo quy định như sau: các cơ quan"),  # a real colon
    ],
)
def test_a_hook_read_as_a_colon_does_not_end_the_sentence(text: str, want: str) -> None:
    assert restore(text).text == want


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("S6:. 188/KH-UBND Lang Son, ngéy.03 thang 5 ndim 2022", "Số: 188/KH-UBND Lạng Sơn, ngày 03 tháng 5 năm 2022"),
        ("_ §6: 37/HD-UBND Lam Dong, ngay 03 thang 10 néim 2025", "Số: 37/HD-UBND Lâm Đồng, ngày 03 tháng 10 năm 2025"),
        ("Kiém tra trén dia ban tinh Lang Son-nim 2022", "Kiểm tra trên địa bàn tỉnh Lạng Sơn năm 2022"),
        ("giai doan 2021-2025 va nam 2020", "giai đoạn 2021-2025 và năm 2020"),
    ],
)
def test_specks_in_the_number_and_date_formulae(line: str, want: str) -> None:
    assert restore(line).text == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Hung dan chit lugng dOi.ngi cin bé", "Hướng dẫn chất lượng đội ngũ cán bộ"),
        ("theo quy dinh nhu sau:cac co quan", "theo quy định như sau: các cơ quan"),  # a colon keeps its place
        ("xem tai www.chinhphu.vn va tinh.gov.vn", "xem tại www.chinhphu.vn và tinh.gov.vn"),
        ("phat trién kinh té-xa hdi", "phát triển kinh tế-xã hội"),  # a hyphen is no speck in prose
    ],
)
def test_a_speck_between_two_lower_case_words(text: str, want: str) -> None:
    assert restore(text, mode="ocr-eng").text == want


def test_a_table_word_keeps_more_readings_for_the_full_context() -> None:
    # "đội" is the 12th reading of "di", after "đi", which a bigram view favours ("đi ngủ")
    line = "3.2 | Nang cao chat luong di ngii can b6, | UBND cdc huyén, | S& Thong tin va | Nam 2021"
    assert restore(line, mode="ocr-eng").text.split("\t")[1] == "Nâng cao chất lượng đội ngũ cán bộ,"
