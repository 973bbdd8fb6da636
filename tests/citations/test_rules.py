"""Table tests per rule: a text where the rule fires and one where it does not."""

from __future__ import annotations

import pytest

from pipeline.citations import RULES, DictResolver, NullResolver, RegistryEntry, check_citations

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 119/KH-UBND Bình Định, ngày 07 tháng 6 năm 2024\n"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"

# rule id, text where it fires, text where it does not
CASES = [
    ("symbol.malformed", "Tờ trình số 37/TTr-STTT1j ngày 30/5/2024", "Tờ trình số 37/TTr-STTTT ngày 30/5/2024"),
    ("symbol.ocr_repaired", "Nghị định số 152/2020/ND-CP ngày 30/12/2020", "Nghị định số 152/2020/NĐ-CP ngày 30/12/2020"),
    ("symbol.ocr_repaired", "Kế hoạch số 119 /KH-UBND ngày 07/6/2024", HEAD + "Căn cứ Luật số 80/2015/QH13;"),
    ("symbol.unknown_type_code", "theo số 12/2020/XYZ-CP ngày 1/2/2020", "theo số 12/2020/NĐ-CP ngày 1/2/2020"),
    ("symbol.party_in_state_form", "Kết luận số 57/KL-TW ngày 15/6/2023", "Kết luận số 57-KL/TW ngày 15/6/2023"),
    ("symbol.party_in_state_form", "Kế hoạch số 87/KH-TU ngày 16/2/2024", "Kế hoạch số 87-KH/TU ngày 16/2/2024"),
    ("symbol.state_in_party_form", "Kế hoạch số 12-KH/UBND ngày 3/3/2024", "Kế hoạch số 12/KH-UBND ngày 3/3/2024"),
    ("symbol.state_in_party_form", "Thông báo 262-TB/VPCP ngày 26/5/2026", "Luật Dầu khí số 18-L/CTN ngày 06/7/1993"),
    ("symbol.qdi_in_state", "Quy định số 05/QĐi-UBND ngày 3/3/2024", "Quy định số 05/QyĐ-UBND ngày 3/3/2024"),
    ("type.code_mismatch", "Quyết định số 12/KH-UBND ngày 3/3/2024", "Quyết định số 12/QĐ-UBND ngày 3/3/2024"),
    ("type.code_mismatch", "Luật số 12/2020/NĐ-CP", "Luật số 80/2015/QH13"),
    ("type.code_mismatch", "Công văn số 12/KH-UBND ngày 3/3/2024", "Công văn số 12/UBND-VX ngày 3/3/2024"),
    ("symbol.no_issuer", "Quyết định số 1699/QĐ ngày 3/3/2024", "Quyết định số 1699/QĐ-ĐHQG ngày 3/3/2024"),
    ("type.code_missing", "Nghị định số 12/CP ngày 3/3/1995", "Nghị định số 12/1995/NĐ-CP ngày 3/3/1995"),
    ("issuer.mismatch", "Nghị định số 15/2020/NĐ-CP ngày 3/2/2020 của Bộ Tài chính", "Nghị định số 15/2020/NĐ-CP ngày 3/2/2020 của Chính phủ"),
    ("issuer.mismatch", "Quyết định số 18/QĐ-TTg ngày 3/2/2020 của Chính phủ", "Quyết định số 18/QĐ-TTg ngày 3/2/2020 của Thủ tướng Chính phủ"),
    ("date.year_segment", "Nghị định số 152/2020/NĐ-CP ngày 30/12/2021", "Nghị định số 152/2020/NĐ-CP ngày 30/12/2020"),
    ("date.invalid", "Quyết định số 12/QĐ-UBND ngày 31/2/2024", "Quyết định số 12/QĐ-UBND ngày 29/2/2024"),
    ("date.after_document", HEAD + "Căn cứ Kế hoạch số 87-KH/TU ngày 16/7/2024;", HEAD + "Căn cứ Kế hoạch số 87-KH/TU ngày 16/2/2024;"),
    ("date.placeholder", "Căn cứ Kế hoạch số 12/KH-UBND ngày / /2024", "Căn cứ Kế hoạch số 12/KH-UBND ngày 1/3/2024"),
    ("citation.conflicting_dates", "Nghị quyết số 47/NQ-CP ngày 15/4/2024; Nghị quyết số 47/NQ-CP ngày 16/4/2024", "Nghị quyết số 47/NQ-CP ngày 15/4/2024; Nghị quyết số 47/NQ-CP ngày 15/4/2024"),
    ("citation.conflicting_dates", "Kết luận số 57-KL/TW ngày 15/6/2023; Kết luận số 57-KL/TW ngày 16/6/2023", "Nghị quyết số 47/NQ-CP ngày 15/4/2024; Nghị quyết số 47/NQ-CP ngày 16/4/2023"),
    ("citation.conflicting_dates", "Nghị định số 15/2020/NĐ-CP ngày 3/2/2020; Nghị định số 15/2020/NĐ-CP ngày 3/2/2021", "Kết luận số 57-KL/TW ngày 15/6/2013; Kết luận số 57-KL/TW ngày 16/6/2023"),
    ("citation.incomplete_first", "Kết luận số 57-KL/TW về; Kết luận số 57-KL/TW ngày 15/6/2023", "Kết luận số 57-KL/TW ngày 15/6/2023; Kết luận số 57-KL/TW"),
    ("header.number_missing", "ỦY BAN NHÂN DÂN\nBình Định, ngày 07 tháng 6 năm 2024\nKẾ HOẠCH", HEAD + "KẾ HOẠCH"),
    ("header.number_form", "UBND\nSố: 5/KH-UBND Bình Định, ngày 07 tháng 6 năm 2024", "UBND\nSố: 05/KH-UBND Bình Định, ngày 07 tháng 6 năm 2024"),
    ("header.number_form", "UBND\nSố 05/KH-UBND Bình Định, ngày 07 tháng 6 năm 2024", "UBND\nSố: 05/KH-UBND Bình Định, ngày 07 tháng 6 năm 2024"),
    ("header.number_spacing", "UBND\nSố: 11 /TB-UBND Quảng Ngãi, ngày 08 tháng 01 năm 2025", "UBND\nSố: 11/TB-UBND Quảng Ngãi, ngày 08 tháng 01 năm 2025"),
    ("header.date_format", "Số: 119/KH-UBND Bình Định, ngày 07 tháng 06 năm 2024", HEAD),
    ("header.date_format", "Số: 11/TB-UBND Quảng Ngãi, ngày 8 tháng 01 năm 2025", "Số: 11/TB-UBND Quảng Ngãi, ngày 08 tháng 01 năm 2025"),
    ("header.date_format", "Số: 11/TB-UBND Quảng Ngãi, ngày 08 tháng 1 năm 2025", "Số: 11/TB-UBND Đà Nẵng, ngày 26 tháng 7 năm 2020"),
    ("header.date_invalid", "Số: 11/TB-UBND Quảng Ngãi, ngày 30 tháng 02 năm 2025", "Số: 11/TB-UBND Quảng Ngãi, ngày 28 tháng 02 năm 2025"),
    ("header.motto", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n", MOTTO),
    ("placeholder.unfilled", HEAD + "Căn cứ Kế hoạch số /KH-UBND ngày / /2024 của UBND tỉnh;", HEAD + "Căn cứ Kế hoạch số 12/KH-UBND ngày 1/3/2024;"),
    ("placeholder.unfilled", "UBND\nSố:\n/TB-UBND\nQuảng Ngãi, ngày tháng 01 năm 2025\nTHÔNG BÁO", HEAD + "THÔNG BÁO"),
    ("placeholder.unfilled", "UBND TỈNH\nSố:      /KH-UBND Bình Định, ngày    tháng 6 năm 2024", HEAD),
]


def _rules(text: str, resolver=None) -> list[str]:
    return [f.rule for f in check_citations(text, resolver=resolver or NullResolver()).findings]


@pytest.mark.parametrize("rule,fires,clean", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_fires_and_does_not_fire(rule, fires, clean):
    assert rule in RULES
    assert rule in _rules(fires), _rules(fires)
    assert rule not in _rules(clean), _rules(clean)


def test_every_rule_has_a_table_case():
    covered = {c[0] for c in CASES} | {"registry.date_differs", "engine.rule_failed"}
    assert set(RULES) <= covered, sorted(set(RULES) - covered)


def test_severities():
    rep = check_citations(HEAD + "Căn cứ Nghị định số 152/2020/NĐ-CP ngày 30/12/2021;", resolver=NullResolver())
    (f,) = [f for f in rep.findings if f.rule == "date.year_segment"]
    assert f.severity == "error"
    assert f.line == 4
    assert "152/2020/NĐ-CP" in f.excerpt
    assert rep.document_date == "2024-06-07"
    assert rep.document_number == "119/KH-UBND"


def test_header_placeholder_is_a_warning_body_placeholder_an_error():
    rep = check_citations("UBND\nSố:    /KH-UBND Bình Định, ngày 07 tháng 6 năm 2024\nCăn cứ Kế hoạch số /KH-UBND ngày / /2024;", resolver=NullResolver())
    sev = sorted(f.severity for f in rep.findings if f.rule == "placeholder.unfilled")
    assert sev == ["error", "warning"]


def test_old_forms_are_a_note_not_an_error():
    rep = check_citations("theo Thông tri số 297/TT-TW ngày 20 tháng 4 năm 1974 của Ban Bí thư", resolver=NullResolver())
    assert [(f.rule, f.severity) for f in rep.findings] == [("symbol.party_in_state_form", "info")]


def test_dotted_form_template_is_info():
    rep = check_citations("Phụ lục\nMẫu số 02\nTheo Quyết định số............/QĐ-TCGDNN ngày.... tháng.... năm.......", resolver=NullResolver())
    assert [(f.rule, f.severity) for f in rep.findings] == [("placeholder.unfilled", "info")]


def test_registry_rule_uses_the_resolver_passed_in():
    reg = DictResolver({"152/2020/NĐ-CP": [RegistryEntry("152/2020/NĐ-CP", "2020-12-30", "Chính phủ", sources=12)]})
    wrong = "Căn cứ Nghị định số 152/2020/NĐ-CP ngày 31/12/2020 của Chính phủ;"
    right = "Căn cứ Nghị định số 152/2020/NĐ-CP ngày 30/12/2020 của Chính phủ;"
    assert "registry.date_differs" in _rules(wrong, reg)
    assert "registry.date_differs" not in _rules(right, reg)
    assert "registry.date_differs" not in _rules(wrong, NullResolver())
    rep = check_citations(right, resolver=reg)
    assert rep.to_dict()["resolved"] == [{"symbol": "152/2020/NĐ-CP", "date": "2020-12-30", "issuer": "Chính phủ",
                                          "doc_type": None, "title": None, "sources": 12, "date_agrees": True, "citation": 0}]


def test_registry_ignores_namesakes_of_other_years_and_issuers():
    # State numbering restarts every year; every province has a "UBND".
    reg = DictResolver({
        "47/NQ-CP": [RegistryEntry("47/NQ-CP", "2023-03-10", "Chính phủ")],
        "12/QĐ-UBND": [RegistryEntry("12/QĐ-UBND", "2024-01-05", "UBND tỉnh Bình Dương")],
    })
    assert "registry.date_differs" not in _rules("Nghị quyết số 47/NQ-CP ngày 15/4/2024 của Chính phủ", reg)
    assert "registry.date_differs" in _rules("Nghị quyết số 47/NQ-CP ngày 15/3/2023 của Chính phủ", reg)
    assert "registry.date_differs" not in _rules("Quyết định số 12/QĐ-UBND ngày 9/1/2024 của UBND tỉnh Bình Định", reg)
    assert "registry.date_differs" in _rules("Quyết định số 12/QĐ-UBND ngày 9/1/2024 của UBND tỉnh Bình Dương", reg)


class _Exploding:
    def lookup(self, symbol):
        raise RuntimeError("registry down")


def test_rules_never_raise():
    rep = check_citations("Nghị định số 152/2020/NĐ-CP ngày 30/12/2020", resolver=_Exploding())
    assert [f.rule for f in rep.findings] == ["engine.rule_failed"]
    assert rep.findings[0].severity == "info"


def test_gold_119_kh_ubnd_has_only_the_real_error():
    from pathlib import Path

    gold = Path(__file__).resolve().parents[3] / "shared" / "dev" / "legacy-ocr-119-KH-UBND" / "gold.txt"
    if not gold.exists():
        pytest.skip("shared dev set not present")
    rep = check_citations(gold.read_text("utf-8"), resolver=NullResolver())
    assert [(f.rule, f.severity) for f in rep.findings if f.severity != "info"] == [("header.date_format", "error")]
    assert len(rep.cited()) == 20
