"""Repair of document symbols broken by OCR."""

from __future__ import annotations

import pytest

from pipeline.restore.ocrfix.symbols import learn_codes, repair_symbols

CODES = {"TTDN": "TTĐN", "HDND": "HĐND", "ND": "NĐ"}


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Văn bản số 1578/ BTTTT-TTDN ngày 25/4/2024", "Văn bản số 1578/BTTTT-TTĐN ngày 25/4/2024"),
        ("Số: 119 /KH-UBND Bình Định", "Số: 119/KH-UBND Bình Định"),
        ("Tờ trình số 37/TTr—STTTT ngày", "Tờ trình số 37/TTr-STTTT ngày"),
        ("Nghị quyết 12 / NQ-HDND", "Nghị quyết 12/NQ-HĐND"),
        ("47/NQ - CP ngày 15/4/2024", "47/NQ-CP ngày 15/4/2024"),
        ("Nghị định 04/2023/ND-CP ngày", "Nghị định 04/2023/NĐ-CP ngày"),
        ("43.1.ND.1.13. Thanh lý", "43.1.NĐ.1.13. Thanh lý"),
        # left alone: ordinary dashes, fractions, dates, lower-case words after a slash
        ("Độc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),
        ("tỷ lệ 3 / 4 dân số", "tỷ lệ 3 / 4 dân số"),
        ("ngày 15/6/2023 và/hoặc", "ngày 15/6/2023 và/hoặc"),
        ("57-KL/TW ngày", "57-KL/TW ngày"),
        ("Kế hoạch 10/KH-UBND của HDND", "Kế hoạch 10/KH-UBND của HDND"),
    ],
)
def test_repair_symbols(line: str, want: str) -> None:
    assert repair_symbols(line, CODES) == want


def test_learn_codes_keeps_only_d_stroke_codes() -> None:
    texts = ["Nghị quyết 5/NQ-HĐND của HĐND tỉnh"] * 4 + [
        "Quyết định 7/QĐ-UBND",
        "Công văn 3/SGDĐT-VP",
    ] * 3
    codes = learn_codes(texts, syllables={"điều"})
    assert codes["HDND"] == "HĐND"
    assert codes["QD"] == "QĐ"
    assert codes["SGDDT"] == "SGDĐT"
    assert "UBND" not in codes and "VP" not in codes


def test_part_repair_applies_one_learned_confusion_to_unknown_parts_only() -> None:
    from pipeline.restore.ocrfix.symbols import PartRepair, repair_parts

    repair = PartRepair({"QH15": 3116, "QĐ": 7492, "TT": 56969, "TTg": 5273}, (("0", "Q"), ("O", "Q"), ("I", "T")))
    codes = {"QD": "QĐ"}
    line = "Luật 31/2024/0H15, Quyết định 66/2014/OD-TTg, Thông tư 12/IT-XYZ; năm 2020/0"
    assert repair_parts(line, repair, codes) == (
        "Luật 31/2024/QH15, Quyết định 66/2014/QĐ-TTg, Thông tư 12/TT-XYZ; năm 2020/0"
    )
    # Known parts stay, and a confusion that leads to no common part changes nothing.
    assert repair_parts("47/IOT-TT", repair, codes) == "47/IOT-TT"


def test_shipped_part_repair_knows_common_codes() -> None:
    from pipeline.restore.ocrfix.garble import symbol_parts

    repair = symbol_parts()
    assert repair is not None
    assert {"NĐ", "CP", "QĐ", "TT"} <= set(repair.parts)
    assert ("0", "Q") in repair.confusions
