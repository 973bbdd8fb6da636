"""Table cells of Tesseract ``vie`` pages are post-corrected with their words' confidences (issue 14).

At 150 dpi the hook (hỏi) and the acute (sắc) are one blob: Tesseract reads "chuyến đối số" for
"chuyển đổi số" in a task cell, surely (0.96).  Read as plain text, such a cell looks clean and kept
its wrong marks; post-corrected like the page's lines, the LM overrules the marks.
"""

from __future__ import annotations

import pytest

from pipeline.restore import Restorer
from pipeline.types import Line, OcrPage, Table, TableCell, Word


def _line(text: str, y: int, conf: float = 0.96) -> Line:
    words = tuple(Word(w, (10 * i, y, 10 * i + 8, y + 10), conf) for i, w in enumerate(text.split()))
    return Line(text, (0, y, 10 * len(words), y + 10), words, conf)


def _cell(col: int, *texts: str) -> TableCell:
    lines = tuple(_line(t, 40 + 12 * k) for k, t in enumerate(texts))
    return TableCell(0, col, "\n".join(texts), (100 * col, 40, 100 * col + 90, 80), lines=lines)


def _page(cells: tuple[TableCell, ...], lines: tuple[Line, ...] = ()) -> OcrPage:
    table = Table((0, 40, 300, 80), 1, len(cells), cells)
    return OcrPage(1, 300, 300, 150, lines, (table,), engine="tesseract")


def _cells(page: OcrPage) -> list[str]:
    return [c.text for c in Restorer().restore_page(page).tables[0].cells]


@pytest.mark.parametrize("lines", [(), (_line("Kế hoạch thực hiện năm 2024", 0),)], ids=["table only", "with lines"])
def test_cell_tone_marks_corrected(lines: tuple[Line, ...]) -> None:
    cells = (_cell(0, "Tăng cường công tác chuyến đối số", "trong cơ quan nhà nước"), _cell(1, "Sở Nội vụ"))
    restored = Restorer().restore_page(_page(cells, lines))
    assert restored.tables[0].cells[0].text == "Tăng cường công tác chuyển đổi số\ntrong cơ quan nhà nước"
    assert restored.tables[0].cells[0].lines[0].words[4].text == "chuyển"  # words follow the text
    assert str(restored.mode) == "ocr-vie"


def test_cell_digits_symbols_and_correct_words_kept() -> None:
    texts = ("Theo Nghị quyết số 47/NQ-CP ngày 15/3/2023", "Quý III/2024", "1.2", "Sở Tài chính; UBND các huyện,")
    cells = tuple(_cell(k, t) for k, t in enumerate(texts))
    assert _cells(_page(cells)) == list(texts)


def test_cell_whose_text_is_not_its_lines_left_alone() -> None:
    cell = _cell(0, "chuyến đối số")
    odd = TableCell(0, 0, "chuyến đối số (sửa tay)", cell.bbox, lines=cell.lines)
    assert _cells(_page((odd,))) == ["chuyến đối số (sửa tay)"]
