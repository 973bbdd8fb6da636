"""The layout thresholds are StructureOptions fields: validated, defaulted to the measured values, passed through."""

from __future__ import annotations

import pytest

from pipeline.errors import InvalidConfigError
from pipeline.options import ParseOptions, StructureOptions
from pipeline.structure.layout import page_lines
from pipeline.types import Line, OcrPage, RestoredPage, Word


def _page(*lines: tuple[str, tuple[int, int, int, int]]) -> RestoredPage:
    made = tuple(Line(t, b, (Word(t, b, 0.9),)) for t, b in lines)
    ocr = OcrPage(page_no=1, width=1000, height=1400, dpi=300, lines=made)
    return RestoredPage(page=ocr, lines=made, tables=())


def test_defaults_are_the_measured_values() -> None:
    o = StructureOptions()
    assert (o.column_gap, o.join_gap, o.center_band, o.left_column_end, o.right_column_start) == (0.05, 0.08, 0.06, 0.55, 0.45)
    assert (o.indent_min, o.indent_max, o.short_line_inset, o.centered_balance, o.centered_min_inset) == (0.02, 0.12, 0.15, 0.04, 0.01)
    assert (o.same_row, o.paragraph_gap, o.text_short_line) == (0.5, 0.9, 0.7)


@pytest.mark.parametrize("bad", [{"column_gap": -0.1}, {"indent_max": 2}, {"same_row": "x"},
                                 {"indent_min": 0.2, "indent_max": 0.1}, {"no_such": 1}])
def test_bad_values_are_option_errors(bad: dict[str, object]) -> None:
    with pytest.raises(InvalidConfigError):
        ParseOptions.from_dict({"structure": bad})


def test_thresholds_are_passed_through() -> None:
    page = _page(("Văn bản ở giữa", (100, 100, 400, 130)), ("bên phải", (560, 140, 900, 170)))
    assert [ln.col for ln in page_lines(page)] == ["L", "R"]
    wide = StructureOptions(left_column_end=0.95, right_column_start=0.95, center_band=0.0)
    assert [ln.col for ln in page_lines(page, wide)] == ["L", "L"]
