"""Token and character alignment of OCR lines with their source."""

from __future__ import annotations

import pytest

from pipeline.restore.ocrfix.align import Link, align_chars, align_tokens, loose, token_distance


@pytest.mark.parametrize(
    ("gold", "ocr", "links"),
    [
        # same token count: one to one
        (
            "Điều 36 của Nghị định",
            "Diéu 36 ciia Nghi dinh",
            [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3), (3, 4, 3, 4), (4, 5, 4, 5)],
        ),
        # the OCR split a word in two
        (
            "hướng dẫn thi hành",
            "hu ong dan thi hanh",
            [(0, 1, 0, 2), (1, 2, 2, 3), (2, 3, 3, 4), (3, 4, 4, 5)],
        ),
        # the OCR merged two words
        ("số 47/NQ-CP ngày 15", "s647/NQ-CP ngay 15", [(0, 2, 0, 1), (2, 3, 1, 2), (3, 4, 2, 3)]),
        # a junk mark the OCR invented
        ("Căn cứ Luật", "Can | cir Luat", [(0, 1, 0, 1), (1, 1, 1, 2), (1, 2, 2, 3), (2, 3, 3, 4)]),
        # a word the OCR lost
        (
            "về việc ban hành",
            "vé ban hanh",
            [(0, 1, 0, 1), (1, 2, 1, 1), (2, 3, 1, 2), (3, 4, 2, 3)],
        ),
    ],
)
def test_align_tokens(gold: str, ocr: str, links: list[tuple[int, int, int, int]]) -> None:
    assert align_tokens(gold.split(), ocr.split()) == [Link(*x) for x in links]


def test_alignment_covers_both_sides_in_order() -> None:
    g = "Triển khai thực hiện Nghị quyết số 47/NQ-CP ngày 15/4/2024".split()
    o = "Trién khai thye hién Nghiquyét s6 47/NQ-CP ngay 15/4/2024 ~".split()
    links = align_tokens(g, o)
    assert links[0].g0 == 0 and links[0].o0 == 0
    assert links[-1].g1 == len(g) and links[-1].o1 == len(o)
    for a, b in zip(links, links[1:], strict=False):
        assert (a.g1, a.o1) == (b.g0, b.o0)


def test_loose_key_and_distance() -> None:
    assert loose("Đường") == "duong"
    assert token_distance("của", "cua") == 0.0
    assert 0 < token_distance("của", "ciia") < 1


@pytest.mark.parametrize(
    ("true", "obs", "ops"),
    [
        ("của", "ciia", [("c", "c"), ("", "i"), ("ủ", "i"), ("a", "a")]),
        ("sơ", "so’", [("s", "s"), ("ơ", "o"), ("", "’")]),
        ("số", "s6", [("s", "s"), ("ố", "6")]),
        ("về", "vé", [("v", "v"), ("ề", "é")]),
    ],
)
def test_align_chars(true: str, obs: str, ops: list[tuple[str, str]]) -> None:
    assert align_chars(true, obs) == ops
