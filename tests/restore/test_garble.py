"""The OCR-garble restorer (ocr-eng / ocr-vie), mode detection and Tesseract vie post-correction.

Examples are synthetic pairs (corpus test-split lines rendered and read with ``tesseract -l eng``,
../shared/ocr-pairs), never the dev file.  They run the shipped models.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MODELS = Path(__file__).resolve().parents[2] / "models"
LM_PATH = MODELS / "restore_lm.npz"
pytestmark = pytest.mark.skipif(
    not (LM_PATH.exists() and (MODELS / "channel-eng.json.gz").exists()),
    reason="shipped models not built",
)


def _restore(text: str, lm, eng) -> str:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble import restore_garbled

    return restore_garbled(text, "ocr-eng", lm, eng)[0]


@pytest.mark.parametrize(
    ("garble", "gold"),
    [
        ("Thong tu nay.", "Thông tư này."),
        ("té, co hiéu luc ké tir ngay 01 thang 7 nam 2025.", "tế, có hiệu lực kể từ ngày 01 tháng 7 năm 2025."),
        ("(9) Tén co quan céng an dang thu ly vu viéc.", "(9) Tên cơ quan công an đang thụ lý vụ việc."),
        ("liéu khong c6 xuat xt.", "liệu không có xuất xứ."),
        ("THANG 5 NAM 2026.", "THÁNG 5 NĂM 2026."),
        ("thuc tién va thuong xuyén duoc cap nhat", "thực tiễn và thường xuyên được cập nhật"),
        ("Phu luc vé danh muc cong trinh kién tric co gia tri.", "Phụ lục về danh mục công trình kiến trúc có giá trị."),
        ("Diéu 36 ciia Nghi dinh nay cho don vi sw dung lao dong khi du’o’c",
         "Điều 36 của Nghị định này cho đơn vị sử dụng lao động khi được"),
    ],
)  # fmt: skip
def test_synthetic_garble_is_restored(garble: str, gold: str, lm, eng) -> None:  # type: ignore[no-untyped-def]
    assert _restore(garble, lm, eng) == gold


@pytest.mark.parametrize(
    ("garble", "gold"),
    [("bao dim chit luong", "bảo đảm chất lượng"), ("Chit luong déi ngi cin bd", "Chất lượng đội ngũ cán bộ")],
)
def test_frequent_words_with_a_misread_letter_are_readings(garble: str, gold: str, lm, eng) -> None:  # type: ignore[no-untyped-def]
    # "dim", "chit", "cin": a letter changed besides the marks; rarer mark-only look-alikes
    # ("dìm", "chít", "cún") must not push the frequent syllable out of the lattice.
    assert _restore(garble, lm, eng) == gold


def test_broken_symbols_are_repaired_and_numbers_kept(lm, eng) -> None:  # type: ignore[no-untyped-def]
    out = _restore("Can cir Van ban s6 1578/ BTTTT-TTDN ngay 25/4/2024 ciia B6 Thong tin", lm, eng)
    assert "1578/BTTTT-TT" in out and "25/4/2024" in out
    assert out.startswith("Căn cứ Văn bản số 1578/")


@pytest.mark.parametrize(
    ("garble", "kept", "restored"),
    [
        (
            "xem www.congbao.vn va vanthu@binhdinh.gov.vn",
            ["www.congbao.vn", "vanthu@binhdinh.gov.vn"],
            "xem",
        ),
        ("cong trinh kién tric.Diéu 5", ["5"], "trúc.Điều"),  # words glued by a full stop
        ("ngay O1 thang 2O24 nam", ["O1", "2024"], "ngày"),  # O read for a zero inside a number
        ("Mau s6 O01 va O05", ["01", "05"], "Mẫu số"),  # a stray O before a zero
        ("Nghi dinh s6 04/2023/ND-CP", ["04/2023/NĐ-CP"], "Nghị định số"),
    ],
)
def test_kept_and_repaired_pieces(garble: str, kept: list[str], restored: str, lm, eng) -> None:  # type: ignore[no-untyped-def]
    out = _restore(garble, lm, eng)
    assert all(k in out.split() for k in kept)
    assert restored in out


def test_tokens_point_into_the_restored_text(lm, eng) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble import restore_garbled

    text = "Trién khai thye hién\n\nNghi quyét s6 47/NQ-CP ngay 15/4/2024 ciia Chinh phu."
    out, tokens = restore_garbled(text, "ocr-eng", lm, eng)
    assert out.count("\n") == text.count("\n")
    assert tokens and all(out[t.start : t.end] == t.text for t in tokens)
    assert all(0.0 <= t.confidence <= 1.0 for t in tokens)
    assert {t.original for t in tokens if t.changed} >= {"s6", "ciia"}


_WORDS = ["ciia", "s6", "Trién", "khai", "thye", "hién", "Nghi", "quyét", "ngay", "cua", "Chinh", "phu", "K&", "DIEU",
          "nudc", "du’o’c", "va", "UBND", "tinh", "Binh", "Pinh", "ké", "hoach"]  # fmt: skip
_KEPT = ["47/NQ-CP", "15/4/2024", "2030", "57-KL/TW", "12", "3.", "(1)", ";", "-", "2.1"]
_line = st.lists(st.sampled_from(_WORDS + _KEPT), max_size=12).map(" ".join)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_line, min_size=1, max_size=5))
def test_properties_hold_in_ocr_modes(lm, eng, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble import load_channel, restore_garbled

    text = "\n".join(lines)
    for mode, ch in (("ocr-eng", eng), ("ocr-vie", load_channel("ocr-vie"))):
        out, tokens = restore_garbled(text, mode, lm, ch)
        out_lines = out.split("\n")
        assert len(out_lines) == len(lines)  # line i restores line i
        for src, dst in zip(lines, out_lines, strict=True):
            kept = [t for t in src.split() if t in _KEPT and re.search(r"\d", t)]
            assert [t for t in dst.split() if t in kept] == kept  # numbers, dates, symbols intact
        assert all(out[t.start : t.end] == t.text for t in tokens)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Trién khai thye hién Nghi quyét s6 47/NQ-CP ngay 15/4/2024 ciia Chinh phu", "ocr-eng"),
        ("Diéu 36 ciia Nghi dinh nay cho don vi sw dung lao dong khi du’o’c", "ocr-eng"),
        ("Ke hoach trien khai thuc hien Nghi quyet so 47/NQ-CP cua Chinh phu", "stripped"),
        ("Kế hoạch triển khai thực hiện Nghị quyết số 47/NQ-CP của Chính phủ", "clean"),
        ("Kế hoạeh triến khai thực hiện Nghị quyết sô 47/NQ-CP cùa Chính phủ về vỉệc", "ocr-vie"),
    ],
)
def test_detect_mode(text: str, mode: str) -> None:
    from pipeline.restore.ocrfix.garble import detect_mode

    assert detect_mode(text) == mode


def test_postcorrection_touches_only_unsure_tokens(lm) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble import load_channel
    from pipeline.restore.ocrfix.postcorrect import postcorrect_lines

    lines = ["Căn cứ Luật Tổ chức chính quyển địa phương", "ngày 19 tháng 6 năm 2015;"]
    sure = [[0.95] * 9, [0.95] * 6]
    out, _ = postcorrect_lines(lines, sure, lm, load_channel("ocr-vie"), sure_marks=False)
    assert out == lines  # the engine was sure of every word: nothing changes
    # A sure word may still take other marks on the same letters when the LM is very sure.
    out, tokens = postcorrect_lines(lines, sure, lm, load_channel("ocr-vie"))
    assert out == ["Căn cứ Luật Tổ chức chính quyền địa phương", lines[1]]
    assert [t.original for t in tokens if t.changed] == ["quyển"]
    # ... but never other letters: a sure "khương" stays although "phương" fits far better.
    sure_letters = ["Căn cứ Luật Tổ chức chính quyển địa khương"]
    out, _ = postcorrect_lines(sure_letters, [[0.95] * 9], lm, load_channel("ocr-vie"))
    assert out[0].endswith(" địa khương")
    unsure = [[0.95] * 6 + [0.40, 0.95, 0.95], [0.95] * 6]
    out, tokens = postcorrect_lines(lines, unsure, lm, load_channel("ocr-vie"))
    assert out[0] == "Căn cứ Luật Tổ chức chính quyền địa phương"
    assert out[1] == lines[1]
    assert [t.original for t in tokens if t.changed] == ["quyển"]
    assert postcorrect_lines([], [], lm, load_channel("ocr-vie")) == ([], [])


def test_unsure_words_use_the_unsure_channel(lm) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble import load_channel
    from pipeline.restore.ocrfix.postcorrect import postcorrect_lines

    vie = load_channel("ocr-vie")
    assert vie.unsure is not None  # models/channel-vie-unsure.json.gz ships with the model
    # Tesseract vie read "hương" for "lương" (h for l), unsure of it: the unsure channel finds
    # that misreading far likelier than the all-token channel does, and the context decides.
    assert vie.unsure.logp("hương", "lương") > vie.logp("hương", "lương") + 1
    assert "lương" in [t for t, _ in vie.unsure.candidates("hương")]
    line = ["phân phối tiền hương, tiền thưởng cho người lao động"]
    conf = [[0.95, 0.95, 0.95, 0.60, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95]]
    out, _ = postcorrect_lines(line, conf, lm, vie)
    assert out == ["phân phối tiền lương, tiền thưởng cho người lao động"]
    # Read with confidence, it may change only when the LM is very sure, and never when the
    # caller keeps sure words as read.
    out, _ = postcorrect_lines(line, [[0.95] * 10], lm, vie, sure_marks=False)
    assert out == line


@pytest.mark.parametrize(
    ("syl", "obs", "line_upper", "out"),
    [
        ("lớn", "I6n", False, "lớn"),  # I read for a lower-case l: stays lower case
        ("lễ", "Jé", False, "lễ"),
        ("lớn", "I6N", True, "LỚN"),  # a heading in capitals stays capitals
        ("ông", "Ong", False, "Ông"),  # a real capital O
        ("lần", "Lan", False, "Lần"),
        ("vì", "Vi", True, "VÌ"),  # half-capital two letters in a heading: capitals
        ("vô", "vO", True, "VÔ"),
        ("ký", "Ky", True, "Ký"),  # the signature line's "Ký"
        ("vì", "Vi", False, "Vì"),  # running text
    ],
)
def test_recase(syl: str, obs: str, line_upper: bool, out: str) -> None:
    from pipeline.restore.ocrfix.garble.pieces import recase

    assert recase(syl, obs, line_upper) == out


def test_lone_mark_readings(eng) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble.candidates import _lone_mark_readings

    assert "ở" in [s for s, _ in _lone_mark_readings("¢", eng)]  # learned inside words ("h¢")
    assert _lone_mark_readings("«", eng) == ()  # only the flat back-off: no evidence


def test_learned_lone_marks(lm, eng) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble import restore_garbled
    from pipeline.restore.ocrfix.garble.candidates import learned_mark
    from pipeline.restore.ocrfix.garble.pieces import split_pieces

    amp = [p for p in split_pieces("Nam & nudc", eng) if p.text == "&"][0]
    learned = learned_mark(amp, "ocr-eng", False)
    assert learned is not None and [u for u, _, _ in learned[1]] == ["ở"]
    assert learned_mark(amp, "ocr-vie", False) is None  # the Vietnamese engine reads "ở"
    out, _ = restore_garbled("nguoi Viet Nam & nudc ngoai", "ocr-eng", lm, eng)
    assert out == "người Việt Nam ở nước ngoài"


@pytest.mark.parametrize(
    ("chunk", "words"),
    [
        ("Nam-Lao,", ["Nam", "Lao"]),  # hyphen-joined words: each restored
        ("A-rap", ["A", "rap"]),
        ("KH-UBND", []),  # a code stays whole
        ("TP-HCM", []),
    ],
)
def test_hyphened_words_split(chunk: str, words: list[str], eng) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble.pieces import split_pieces

    assert [p.text for p in split_pieces(chunk, eng) if p.kind == "word"] == words


@pytest.mark.parametrize(
    ("chunk", "dropped"),
    [
        ("[an", True),  # "[" read for the l of "lần" before a vowel
        ("[én", True),
        ("[ghi", False),  # before a consonant: a real bracket
        ("[a]", False),  # closed
        ("[Co", False),
    ],
)
def test_bracket_read_for_l(chunk: str, dropped: bool, eng) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble.pieces import split_pieces

    bracket = [p for p in split_pieces(chunk, eng) if p.text == "["][0]
    assert (bracket.fix == "") is dropped
    assert split_pieces(chunk, None)[0].fix is None  # only in ocr-eng mode


def test_bracket_l_restored(lm, eng) -> None:  # type: ignore[no-untyped-def]
    assert _restore("Nghi quyét [an thir hai", lm, eng) == "Nghị quyết lần thứ hai"


@pytest.mark.parametrize(
    ("line", "trail", "fix"),
    [
        ("ti? nay", "?", ""),  # mid-line: part of the garble
        ("ti?", "?", None),  # line end: may be a question
        ("xt?. Nay", "?.", "."),  # before other punctuation: the "?" goes, the "." stays
        ("ti?, nay", "?,", ","),
        ("sao?” nay", "?”", None),  # before a closing quote: a real question
    ],
)
def test_stray_question_mark(line: str, trail: str, fix: str | None, eng) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble.pieces import split_pieces

    piece = [p for p in split_pieces(line, eng) if p.text == trail][0]
    assert piece.fix == fix


def test_list_item_after_d_is_dj(lm, eng) -> None:  # type: ignore[no-untyped-def]
    text = "c) Cong dan;\nd) Co quan;\nd) To chirc."
    out = _restore(text, lm, eng).split("\n")
    assert [ln[:2] for ln in out] == ["c)", "d)", "đ)"]
    assert _restore("d) Co quan;", lm, eng).startswith("d)")  # a first d) stays


def test_codes_with_digits_are_numbers_for_the_lm(lm, eng) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.core.lm import NUM, UNK
    from pipeline.restore.ocrfix.garble import restore_garbled
    from pipeline.restore.ocrfix.garble.pieces import split_pieces

    # The LM learned "Điều 36.5.NĐ.1.23." as "điều <num>" (tokenize.lm_tokens); read as <unk>,
    # the code made "Diệu" the likelier word.
    units = {p.text: p.unit for p in split_pieces("Diéu 36.5.ND.1.23. theo 47/NQ-CP tai www.abc.vn", eng)}
    assert units["36.5.ND.1.23"] == NUM and units["47/NQ-CP"] == NUM and units["www.abc.vn"] == UNK
    text = "ké tir ngay 08/08/2014)\nDiéu 36.5.ND.1.23. Quyén cua hdi"
    assert restore_garbled(text, "ocr-eng", lm, eng)[0].split("\n")[1] == "Điều 36.5.NĐ.1.23. Quyền của hội"


def test_foreign_words_of_the_lm_are_readings(lm) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble import load_channel
    from pipeline.restore.ocrfix.postcorrect import postcorrect_lines

    vie = load_channel("ocr-vie")
    # Tesseract vie put a grave on the i (an accent on the o), unsure of it.  The sentences give the
    # LM context on both sides: with "Theo New York Tùmes, một" the decision turns on one 4-gram
    # and flips between equally good LMs (the one retrained on the issue-17 split keeps "Tùmes").
    line = ["tờ New York Tùmes đưa tin", "Theo Washington Pòst, một"]
    out, _ = postcorrect_lines(line, [[0.95, 0.95, 0.95, 0.73, 0.95, 0.95], [0.95, 0.95, 0.73, 0.95]], lm, vie)
    assert out == ["tờ New York Times đưa tin", "Theo Washington Post, một"]
    kept = ["Việt Nam và Singapore ký kết hợp tác"]  # a known foreign word read unsure is kept
    out, _ = postcorrect_lines(kept, [[0.95, 0.95, 0.95, 0.5, 0.95, 0.95, 0.95, 0.95]], lm, vie)
    assert out == kept


@pytest.mark.parametrize(
    ("garble", "restored"),
    [
        ("quyen lam chi: cua nhan dan", "quyền làm chủ của nhân dân"),  # "i:" is how "ủ" was read
        ("phat huy tinh cht: d6ng, tu duy", "phát huy tính chủ động, tư duy"),
        ("bao gom: nha o", "bao gồm: nhà ở"),  # a real colon stays
    ],
)
def test_colon_read_for_a_hook(garble: str, restored: str, lm, eng) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble import restore_garbled

    assert restore_garbled(garble, "ocr-eng", lm, eng)[0] == restored


@pytest.mark.parametrize(
    ("line", "out"),
    [
        ("Thong tu s640/2019/TT-BTC", "Thong tu s6 40/2019/TT-BTC"),  # "số" glued to the symbol
        ("Nghi dinh s6’73/2024/ND-CP", "Nghi dinh s6 73/2024/ND-CP"),
        ("Thong tu s6.01/2021/TT-BLDTBXH", "Thong tu s6 01/2021/TT-BLDTBXH"),
        ("tu 15/4/2024 s6 12", "tu 15/4/2024 s6 12"),  # already apart
        ("ms640/2019/TT-BTC", "ms640/2019/TT-BTC"),  # not a word of its own
        ("s640/2019", "s640/2019"),  # no symbol letters after the number
    ],
)
def test_unglue_so(line: str, out: str) -> None:
    from pipeline.restore.ocrfix.garble.pieces import unglue_so

    assert unglue_so(line) == out


def test_so_glued_to_symbol_restored(lm, eng) -> None:  # type: ignore[no-untyped-def]
    out = _restore("Can cir Nghi dinh s6’73/2024/ND-CP ngay 30", lm, eng)
    assert "số 73/2024/NĐ-CP" in out


@pytest.mark.parametrize(
    ("line", "out"),
    [
        ("QUYEN TU’DO VAO", "QUYEN TU DO VAO"),  # a horn read as an apostrophe, space lost
        ("BI XU’PHAT.", "BI XU PHAT."),
        ("ngu’di", "ngu’di"),  # one word ("người"), seen in training
        ("du’o’c", "du’o’c"),  # a vowel after the apostrophe: one word
        ("N'Golo", "N'Golo"),  # "N" is no syllable
    ],
)
def test_unglue_apostrophe(line: str, out: str, eng) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble.pieces import unglue_apostrophe

    assert unglue_apostrophe(line, eng) == out


def test_capitals_with_a_digit_are_a_garble_when_training_says_so(lm, eng) -> None:  # type: ignore[no-untyped-def]
    # "NGUO1" stood for "NGƯỜI" in every train-split pair that had it; "VTV3" was never a garble.
    assert _restore("DANH SACH NGUO1 THUC HIEN", lm, eng) == "DANH SÁCH NGƯỜI THỰC HIỆN"
    assert _restore("QUYEN CUA NGUO1 DAN VA KENH VTV3", lm, eng).split()[-1] == "VTV3"


@pytest.mark.parametrize(
    ("line", "out"),
    [
        ("trén dia ban tinh Quang Ngai nim.2025", "trén dia ban tinh Quang Ngai nim 2025"),
        ("vé phat trién kinh té s6 nim .2020, tinh", "vé phat trién kinh té s6 nim 2020, tinh"),
        ("trong giai doan.2022-2025.", "trong giai doan 2022-2025."),
        ("Diéu 4.2019", "Diéu 4.2019"),  # a number before the dot: not a speck
        ("TCVN.2019", "TCVN.2019"),  # a code
        ("nam.20195", "nam.20195"),  # no year
    ],
)
def test_a_speck_read_as_a_dot_before_a_year(line: str, out: str) -> None:
    from pipeline.restore.ocrfix.garble.pieces import unglue_year_speck

    assert unglue_year_speck(line) == out


def test_year_after_a_speck_restored(lm, eng) -> None:  # type: ignore[no-untyped-def]
    assert _restore("trén dia ban tinh Quang Ngai nim.2025", lm, eng) == "trên địa bàn tỉnh Quảng Ngãi năm 2025"


@pytest.mark.parametrize(
    ("garble", "want", "kept"),
    [
        ("Can ci Ké hoach 86 192-KH/TU ngay 1/7/2024", "số 192-KH/TU", "86"),
        ("nang cao chi 36 nang luc canh tranh cua tinh", "chỉ số năng", "36"),
        ("trong do co 36 nguoi bi thuong va 86 xa", "", "36 người"),  # counts stay numbers
        ("Thoi han thuc hien 36 thang", "", "36 tháng"),
        ("86", "", "86"),  # alone: a page number
        ("phat trién kinh té 86.", "kinh tế số.", "86."),  # before a sentence end: "số" and the end
        ("Doanh thu tang 36.", "", "36."),
        ("phdi hop gitta cdc 86, ban, nganh va dia phuong", "các sở, ban", "86,"),  # "sở" reads the same
    ],
)
def test_so_read_as_a_number_only_where_the_lm_is_sure(garble: str, want: str, kept: str, lm, eng) -> None:  # type: ignore[no-untyped-def]
    out = _restore(garble, lm, eng)
    assert want in out
    if want:
        assert kept not in out.split()
    else:
        assert kept in out


@pytest.mark.parametrize(
    ("garble", "want"),
    [("- BO TTTT;", "- Bộ TTTT;"), ("BO Y TE", "BỘ Y TẾ"), ("KT. CHU TICH", "KT. CHỦ TỊCH"),
     ("- BO TTTT; PHO CHU TICH", "- Bộ TTTT; PHÓ CHỦ TỊCH")],  # a recipient beside the signature's title
)
def test_codes_without_vowels_make_no_capitals_line(garble: str, want: str, lm, eng) -> None:  # type: ignore[no-untyped-def]
    assert _restore(garble, lm, eng) == want


def test_heading_numerals_and_dashes_in_a_page(lm, eng) -> None:  # type: ignore[no-untyped-def]
    page = "I. MUC DICH, YEU CAU\nTang cudng hiéu qua\nIl. NHIEM VU, GIAI PHAP\n~ Cac sd, ban, nganh tinh;\nIl. TO CHUC THUC HIEN"
    out = _restore(page, lm, eng).split("\n")
    assert [ln.split()[0] for ln in out] == ["I.", "Tăng", "II.", "-", "III."]


def test_a_150_dpi_garble_beyond_two_skeleton_edits_is_read(lm, eng) -> None:  # type: ignore[no-untyped-def]
    assert "Căn cứ Nghị quyết" in _restore("Cin cit’ Nghi quyét s6 179/NQ-CP", lm, eng)
    assert "thực hiện" in _restore("dia phuong; viéc thyre hién cdc chi tiéu", lm, eng)


def test_an_item_title_ends_its_sentence_at_the_line_end(lm, eng) -> None:  # type: ignore[no-untyped-def]
    # read on into the next line, "tế sé Triển khai" is likelier "tế sẽ triển khai"
    out = _restore("1. Hé thong van ban lién quan dén phat trién kinh té sé\nTrién khai viéc thuc hién", lm, eng)
    assert out.split("\n")[0].endswith("kinh tế số")
