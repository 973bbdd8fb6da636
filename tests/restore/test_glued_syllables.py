"""Syllables that the English model glued together in a tight table cell are cut apart
(``garble.pieces.unglue_syllables``), on table lines only; garbled single syllables stay whole."""

from __future__ import annotations

import pytest

from pipeline.restore.ocrfix.garble.pieces import unglue_syllables
from tests.restore.test_garble import LM_PATH, pytestmark  # noqa: F401  (skips without models)


@pytest.mark.parametrize(
    ("token", "parts"),
    [
        ("Kéhoach", "Ké hoach"),  # Kế hoạch
        ("Taichinh", "Tai chinh"),  # Tài chính
        ("S@Taichinh", "S@ Tai chinh"),  # Sở Tài chính
        ("Céngantinh", "Céng an tinh"),  # Công an tỉnh: each part pays for being a word
        ("hanhchinh,", "hanh chinh,"),  # hành chính, a comma after it
        ("vaDautu", "va Dau tu"),  # và Đầu tư
        ("C4cnhiém", "C4c nhiém"),  # Các nhiệm: "4" is the English model's á
    ],
)
def test_glued_syllables_are_cut(token: str, parts: str, eng) -> None:  # type: ignore[no-untyped-def]
    assert unglue_syllables(f"1.2 | {token} | Nam 2025", eng) == f"1.2 | {parts} | Nam 2025"


@pytest.mark.parametrize(
    "token",
    [
        "Thuting",  # Thường garbled: "Thu ting" reads only a little better
        "nguivi",  # người garbled
        "thiga",  # short tokens stay (thiên)
        "nghiêng",  # a syllable
        "truyén",  # a syllable's shape
        "UBND",  # a code
        "icamapipeawcamene",  # border junk: more parts than a cell's words
    ],
)
def test_single_syllables_and_codes_stay(token: str, eng) -> None:  # type: ignore[no-untyped-def]
    assert unglue_syllables(f"{token} |", eng) == f"{token} |"


def test_only_table_lines_are_cut(eng) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.core.lm import NgramLM
    from pipeline.restore.ocrfix.garble import restore_garbled

    lm = NgramLM.load(LM_PATH)
    table = "\n".join(["1.1 | Kiém tra | S@ Noi vu | Nam 2025"] * 3 + ["1.2 | Xay dung | S@ Taichinh | Nam 2025"])
    assert "Sở Tài chính" in restore_garbled(table, "ocr-eng", lm, eng)[0]
    # prose is set with room between words: a long token there is no glued pair
    assert restore_garbled("Cac co quan Taichinh thuc hien.", "ocr-eng", lm, eng)[0] == "Các cơ quan Taichinh thực hiện."


@pytest.mark.parametrize(
    ("token", "whole"),
    [
        ("trading", "truong"),  # trường: the horns read as "ad", not "tra" + "ding"
        ("curding", "cuong"),  # cường
        ("Hiréng", "Huong"),  # Hướng: the token's case is kept
        ("phicong", "phuong"),  # phương
    ],
)
def test_a_horn_syllable_read_as_a_clump_is_read_whole(token: str, whole: str, eng) -> None:  # type: ignore[no-untyped-def]
    assert unglue_syllables(f"1.2 | bao vé {token} | Nam 2025", eng) == f"1.2 | bao vé {whole} | Nam 2025"


@pytest.mark.parametrize("token", ["Kéhoach", "Céngan", "Rasoat", "ngicin"])
def test_glued_pairs_are_no_horn_syllable(token: str, eng) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble.horns import horn_reading

    assert horn_reading(token, eng) is None  # no horned syllable with their onset and final reads so


def test_a_capital_i_opening_a_lower_case_word_mid_sentence_is_l() -> None:
    from pipeline.restore.ocrfix.garble.ells import lower_ells

    assert lower_ells("chi sé nding Ive canh tranh") == "chi sé nding lve canh tranh"  # năng lực
    assert lower_ells("phap Iudt\tSở Nội vụ") == "phap ludt\tSở Nội vụ"
    # a sentence's or a cell's capital, a Roman numeral, a line's first word: left
    assert lower_ells("Ive canh. Ive") == "Ive canh. Ive"
    assert lower_ells("dinh Ill. Il") == "dinh Ill. Il"
    assert lower_ells("Sở Ive") == "Sở Ive"


def test_a_colon_before_a_lower_case_word_on_a_table_line_is_a_semicolon() -> None:
    from pipeline.restore import restore

    table = "1.1 | bio dim dung tién dé va chit lvgng: ting cudng | So Noi vu | Quy 1/2020"
    assert "chất lượng; tăng cường" in restore(table, model="fast").text
    # before a capital, and in prose, the colon stays
    assert "Kết quả: Tăng" in restore(table + "\nKet qua: Tang cudng | Cong an", model="fast").text
    prose = "bio dim dung tién dé va chit lvgng: ting cudng hiéu qua"
    assert "lượng: tăng" in restore(prose, model="fast").text
