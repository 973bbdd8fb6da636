"""The header's fixed formulae (motto, national name, "Số:") repaired as whole phrases."""

from __future__ import annotations

import pytest

from pipeline.restore import restore
from pipeline.restore.ocrfix.formulae import repair_formulae


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("TỈNH BÌNH ĐỊNH Poc l1ap — Tự do — Hạnh phúc", "TỈNH BÌNH ĐỊNH Độc lập - Tự do - Hạnh phúc"),
        ("TINH BINH PINH Poc l1ap — Tw do — Hanh phic", "TINH BINH PINH Độc lập - Tự do - Hạnh phúc"),
        ("UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM", "UY BAN NHAN DAN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("Sb: 119 /KH-UBND Binh Dinh", "Số: 119 /KH-UBND Binh Dinh"),
        ("$6: 283/CTr-UBND Lam Dong", "Số: 283/CTr-UBND Lam Dong"),
    ],
)
def test_garbled_formulae_are_repaired(line: str, want: str) -> None:
    assert repair_formulae(line) == want


@pytest.mark.parametrize(
    "line",
    [
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # the document's own tone placement is kept
        "Độc lập - Tự do - Hạnh phúc",
        "Tự do ngôn luận và hạnh phúc của nhân dân",
        "Sở Nội vụ chủ trì",
        "So sánh: 12 chỉ tiêu",
    ],
)
def test_other_lines_are_unchanged(line: str) -> None:
    assert repair_formulae(line) == line


def test_dev_file_header_restores() -> None:
    text = "TINH BINH PINH Poc l1ap — Tw do — Hanh phic\nSb: 119 /KH-UBND Binh Dinh, ngay 07 thang 06 ndm 2024"
    out = restore(text, mode="ocr-eng").text.split("\n")
    assert out[0] == "TỈNH BÌNH ĐỊNH Độc lập - Tự do - Hạnh phúc"
    assert out[1].startswith("Số: 119")


@pytest.mark.parametrize("abbr", ["TT", "CT", "PCT", "VT", "HĐND"])
def test_vowelless_capitals_are_abbreviations(abbr: str) -> None:
    out = restore(f"- {abbr} Tinh uy, {abbr} HDND tinh; Luu: VT, KT", mode="ocr-eng").text
    assert out.split()[1] == abbr


def test_vie_post_correction_keeps_an_unsure_abbreviation() -> None:
    """A guard: an abbreviation Tesseract vie was unsure of stays (issue 14 saw HTTT become Hết)."""
    from pipeline.restore.api import fast_restorer
    from pipeline.restore.ocrfix.garble import load_channel
    from pipeline.restore.ocrfix.postcorrect import postcorrect_lines

    lines = ["Kết quả tuyển sinh hệ HTTT năm 2013"]
    confs = [[0.95, 0.95, 0.95, 0.95, 0.95, 0.3, 0.95, 0.95]]
    out, _ = postcorrect_lines(lines, confs, fast_restorer().lm, load_channel("ocr-vie"))
    assert out[0].split()[5] == "HTTT"


def test_header_columns_where_the_motto_follows_the_authority() -> None:
    from pipeline.restore.ocrfix.formulae import header_columns

    lines = ["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TINH YEN BAI Độc lập - Tự do - Hạnh phúc",
             "Số: 138/ĐA-UBND Yên Bái, ngày 14 tháng 01 năm 2020"]  # fmt: skip
    assert header_columns(lines) == {0: lines[0].index("CỘNG"), 1: lines[1].index("Độc")}
    # one line alone (a signature stamp: "Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA ..."), or a formula
    # opening its line, is no second column
    assert header_columns(["Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Thời gian: 2024"]) == {}
    assert header_columns(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]) == {}


def test_authority_decoded_in_its_own_column() -> None:
    from pipeline.restore import restore

    text = ("UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "TINH YEN BAI Déc lap - Ty. do - Hanh phic\n"
            "S6: 138/DA-UBND Yén Bai, ngay 14 thang 01 nam 2020")  # fmt: skip
    out = restore(text, mode="ocr-eng").text.split("\n")
    assert out[1] == "TỈNH YÊN BÁI Độc lập - Tự do - Hạnh phúc"
    assert out[2].startswith("Số: 138/ĐA-UBND Yên Bái")


def test_a_garbled_type_title_is_read_as_its_title() -> None:
    from pipeline.restore.ocrfix.formulae import repair_type_title

    lines = ["UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM", "S6: 78/HD-UBND Yén Bai", "HUGNG DAN",
             "I. MUC DICH, YEU CAU", ": KE HOACH", "DE AN", "TINH LAM DONG", "PHU LUC"]
    out, fixed = repair_type_title(lines)
    assert out[2] == "HƯỚNG DẪN" and out[4] == "KẾ HOẠCH" and out[5] == "ĐỀ ÁN"
    assert fixed == {2, 4, 5}
    assert [out[i] for i in (0, 1, 3, 6, 7)] == [lines[i] for i in (0, 1, 3, 6, 7)]


def test_the_type_title_survives_decoding() -> None:
    from pipeline.restore import restore

    text = "UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM\nS6: 230/KH-UBND Ha Tinh\nHUGNG DAN\nX4y dung nang cao"
    assert restore(text, mode="ocr-eng").text.split("\n")[2] == "HƯỚNG DẪN"


def test_a_number_label_whose_colon_was_read_as_a_semicolon() -> None:
    assert repair_formulae("$6; 263/KH-UBND Binh Dinh, ngay 04 thang 3") == "Số: 263/KH-UBND Binh Dinh, ngay 04 thang 3"
    assert repair_formulae("S6:; 12/QD-UBND") == "Số: 12/QD-UBND"
