"""Specks after a word that never ends a sentence, on table lines (pipeline.restore.ocrfix.cell_specks)."""

from __future__ import annotations

from pipeline.restore.ocrfix.cell_specks import drop_open_word_specks
from pipeline.restore.ocrfix.garble.pieces import assemble, split_pieces


def _run(lines: list[str], table: list[bool], readings: dict[str, str]) -> list[str]:
    per_line = [split_pieces(ln) for ln in lines]
    chosen = {id(p): (readings.get(p.text, p.text), 0.9) for ps in per_line for p in ps if p.kind == "word"}
    drop_open_word_specks(per_line, chosen, table)
    return assemble(lines, per_line, chosen)[0].split("\n")


def test_a_speck_after_va_or_cac_goes_on_table_lines() -> None:
    lines = ["Sở Giáo dục va.\tSở Tài chính", "giữa cic. sở, ban", "Sở Kế hoạch va”"]
    out = _run(lines, [True] * 3, {"va": "và", "cic": "các"})
    assert out == ["Sở Giáo dục và\tSở Tài chính", "giữa các sở, ban", "Sở Kế hoạch và"]


def test_other_marks_and_prose_lines_are_left() -> None:
    lines = ["Sở Nội va, Sở Tư pháp", "tổ chức va.", "bảo vệ môi trường."]
    out = _run(lines, [True, False, True], {"va": "và"})
    assert out == ["Sở Nội và, Sở Tư pháp", "tổ chức và.", "bảo vệ môi trường."]
