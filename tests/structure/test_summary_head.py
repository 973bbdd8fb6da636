"""Trích yếu words OCR lost, put back where the page shows their gap (summary_head)."""

from __future__ import annotations

from pipeline.structure.layout import Ln
from pipeline.structure.summary_head import lost_words
from pipeline.types import Word

BODY = ["Đẩy mạnh chất lượng đội ngũ cán bộ làm công tác xây dựng nông thôn mới;",
        "tiếp tục đẩy mạnh hệ thống văn bản; xây dựng cơ sở dữ liệu, tuy mạnh",
        "thiên tai. Đẩy mạnh chất lượng đội ngũ; xây dựng kế hoạch."]
TITLE = Ln("ĐỀ ÁN", 1, bbox=(1200, 550, 1400, 600), col="C", centered=True)


def _line(words: list[tuple[str, int]], y: int = 620) -> Ln:
    """A centred line of words, each 30 px a letter, at the given left edges."""
    ws = tuple(Word(t, (x, y, x + 30 * len(t), y + 50), 0.96) for t, x in words)
    return Ln(" ".join(t for t, _ in words), 1, bbox=(ws[0].bbox[0], y, ws[-1].bbox[2], y + 50), col="C", centered=True, words=ws)


def _centred(text: str, shift: int = 0) -> Ln:
    x, words = 1300 - 30 * len(text) // 2 + shift, []
    for t in text.split():
        words.append((t, x))
        x += 30 * len(t) + 30
    return _line(words)


def test_a_lost_first_word_is_the_one_the_body_puts_before_the_second() -> None:
    """"mạnh …": lower case, and its box right of the title's centre by half a word of three letters."""
    first = _centred("mạnh phòng chống thiên tai", shift=60)
    assert lost_words("mạnh phòng chống thiên tai", TITLE, [first], BODY) == "Đẩy mạnh phòng chống thiên tai"


def test_a_centred_line_or_a_text_source_keeps_its_words() -> None:
    assert lost_words("mạnh phòng chống thiên tai", TITLE, [_centred("mạnh phòng chống thiên tai")], BODY) \
        == "mạnh phòng chống thiên tai"  # centred: a case slip, not a lost word
    plain = Ln("mạnh phòng chống thiên tai", 1)
    assert lost_words("mạnh phòng chống thiên tai", Ln("ĐỀ ÁN", 1), [plain], BODY) == "mạnh phòng chống thiên tai"


def test_a_word_lost_inside_a_line_leaves_a_gap_of_a_word() -> None:
    """"Hoàn thiện ⎵⎵⎵ dựng": a gap of three letters and two spaces; the body writes "xây dựng"."""
    line = _line([("Hoàn", 600), ("thiện", 750), ("dựng", 1020), ("nông", 1170), ("thôn", 1320), ("mới", 1470)])
    got = lost_words("Hoàn thiện dựng nông thôn mới", TITLE, [line], BODY)
    assert got == "Hoàn thiện xây dựng nông thôn mới"


def test_no_word_the_body_names_often_enough_adds_nothing() -> None:
    first = _centred("cường phòng chống thiên tai", shift=75)
    assert lost_words("cường phòng chống thiên tai", TITLE, [first], BODY) == "cường phòng chống thiên tai"


def test_a_mark_read_in_a_lost_first_words_place_is_its_gap() -> None:
    """". mạnh …": the mark's box spans the word OCR could not read."""
    line = _line([(".", 400), ("mạnh", 540), ("phòng", 690), ("chống", 870)])
    assert lost_words("mạnh phòng chống", TITLE, [line], BODY) == "Đẩy mạnh phòng chống"


def test_a_comma_at_a_wrap_before_a_locality_is_a_speck() -> None:
    from pipeline.structure.summary_head import wrap_comma_specks

    marked = {("bàn", "tỉnh")}
    got = wrap_comma_specks("Nâng cao chuyển đổi số trên địa bàn, tỉnh Nghệ An năm 2021", [], marked)
    assert got == "Nâng cao chuyển đổi số trên địa bàn tỉnh Nghệ An năm 2021"
    names = {("A", "tỉnh")}  # after a name a comma lists localities: "huyện A, tỉnh B"
    assert wrap_comma_specks("Quy hoạch huyện A, tỉnh Nghệ An", [], names) == "Quy hoạch huyện A, tỉnh Nghệ An"
    body = ["tiết kiệm, chống lãng phí; tiết kiệm, chống lãng phí"]  # the body writes the comma
    assert wrap_comma_specks("thực hành tiết kiệm, chống lãng phí", body, {("kiệm", "chống")}) \
        == "thực hành tiết kiệm, chống lãng phí"


def test_capitals_a_speck_left_between_two_words_the_body_writes_together() -> None:
    from pipeline.structure.summary_head import caps_specks

    body = ["năng lực cạnh tranh; năng lực cạnh tranh cấp tỉnh; năng lực của cán bộ UBND"]
    assert caps_specks("nâng cao chỉ số năng ĐC lực cạnh tranh", body) == "nâng cao chỉ số năng lực cạnh tranh"
    assert caps_specks("nâng cao năng UBND lực", body) == "nâng cao năng UBND lực"  # the body's own abbreviation


def test_a_capital_after_the_first_word_is_read_as_the_body_reads_it() -> None:
    from pipeline.structure.summary_head import capital_after_first

    body = ["xây dựng nông thôn; xây dựng đường", "công tác xây dựng kế hoạch; xây dựng"]
    assert capital_after_first("Xây An xây dựng nông thôn mới", body) == "Xây dựng xây dựng nông thôn mới"
    assert capital_after_first("Tỉnh Long An xây dựng", body) == "Tỉnh Long An xây dựng"  # a name after its unit
    assert capital_after_first("Xây An xây dựng", ["xây dựng; xây nhà; xây cầu"]) == "Xây An xây dựng"  # no agreement
