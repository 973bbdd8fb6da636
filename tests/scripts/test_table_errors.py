"""The legacy-documents benchmark's ``--errors``: each syllable edit the scorer counts gets one cause."""

from __future__ import annotations

import pytest

from pipeline.evaluate import score_line
from scripts.bench.table_errors import ErrorCounts, align, line_errors


@pytest.mark.parametrize(
    ("ocr", "pred", "gold", "want"),
    [
        ("tang cudng", "tầng cường", "tăng cường", ["marks: right letters read"]),
        ("S6 Ndi vu", "Sở Nói vụ", "Sở Nội vụ", ["marks: garble decoded"]),
        ("thyre hién", "thyre hiện", "thực hiện", ["garble left as read"]),
        ("phi hop", "phù hợp", "phối hợp", ["garble decoded to another word"]),
        ("Quy 11/2024", "Quý II/2024", "Quý III/2024", ["number or row label"]),
        ("chinh.", "chính.", "chính,", ["punctuation"]),
        ("Hoan thién", "Hoàn thiện", "1.1\tHoàn thiện", ["lost by OCR"]),
        ("Fa sae cng", "Fa sae công", "4\tChất lượng đội ngũ cán bộ", ["lost line"] * 7),
        ("vé | ban", "về\t|\tban", "về\tban", ["junk token left"]),
    ],
)
def test_each_edit_gets_its_cause(ocr: str, pred: str, gold: str, want: list[str]) -> None:
    got = line_errors(ocr, pred, gold)
    assert got == want
    assert len(got) == score_line(pred, gold).syllable_edits  # charged as the scorer charges


def test_a_word_beside_a_lost_cell_boundary_is_an_edge_error() -> None:
    # "đẩy" ends the task cell, "ngành" opens a unit cell: the rule was lost, "đây" read beside "ngành"
    assert line_errors("toan tinh; day nganh", "toàn tỉnh; đây ngành", "toàn tỉnh; đẩy\tngành") == [
        "edge: marks: right letters read"
    ]


def test_a_word_read_on_the_next_line_is_beyond_restoration() -> None:
    counts = ErrorCounts()
    counts.add("thực hiện tác", "thực hiện tác", "thực hiện", around="tác phẩm")
    assert counts.causes == {"another line's word": 1}
    assert "beyond restoration" in counts.table("table")


def test_alignment_pairs_tokens_by_their_letters() -> None:
    assert align(["Sé", "Tu", "phap"], ["Sở", "Tư", "pháp"]) == [(0, 0), (1, 1), (2, 2)]
    assert align(["a", "phap"], ["pháp"]) == [(0, None), (1, 0)]
