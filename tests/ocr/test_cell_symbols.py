"""A grainy page's cells are read through a median; a cell whose document symbol that median broke
is read again from the page before it (``pipeline.ocr.tables``)."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.ocr import tables, tesseract
from pipeline.ocr.tesseract import TsvWord


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("theo Thông tư số 15/2021/TT-BNV.", (1, 0)),
        ("theo Kết luận số 238-KL/TW;", (1, 0)),
        ("Công văn 123/UBND và 47/NQ-CP", (2, 0)),
        ("theo Thông tư số 15/202L/TT-BNV", (0, 1)),  # a digit's stroke thinned away
        ("Kết luận 6238-KUIV.", (0, 1)),  # a Party symbol has a slash after its type code
        ("Quyết định số 97§8QĐĐ-UBND.", (0, 1)),
        ("Quý II/2019, 2019 - 2020, 12/02/2014, 1.2", (0, 0)),  # timeframes, dates, labels: no symbols
    ],
)
def test_symbols_whole_and_broken(text: str, counts: tuple[int, int]) -> None:
    assert tables._symbols(text) == counts


def _words(text: str) -> list[TsvWord]:
    return [TsvWord(1, 1, 1, 1, w, (10 * k, 0, 10 * k + 8, 10), 90.0) for k, w in enumerate(text.split())]


def test_a_cell_is_read_again_only_when_its_symbol_was_broken(monkeypatch: pytest.MonkeyPatch) -> None:
    read_again: list[int] = []

    def fake_batch(images: list[np.ndarray], lang: str, psm: int, deadline: object) -> list[list[TsvWord]]:
        read_again.append(len(images))
        return [_words("theo Thông tư số 15/2021/TT-BNV")] * len(images)

    monkeypatch.setattr(tesseract, "read_batch", fake_batch)
    monkeypatch.setattr(tables, "_cell_image", lambda gray, rules, box, char_h: (np.zeros((20, 40), np.uint8), (7, 9)))
    grid = tables.Grid((0, 0, 20, 10), (0, 10), (0, 10, 20), ((0, 0, 1, 1, (0, 0, 10, 10)), (0, 1, 1, 1, (10, 0, 20, 10))))
    words = [_words("theo Thông tư số 15/202L/TT-BNV"), _words("Sở Tư pháp")]
    origins = [(0, 0), (0, 0)]
    tables._reread_broken_symbols(np.zeros((50, 50), np.uint8), np.zeros((50, 50), np.uint8), [grid],
                                  [(0, 0), (0, 1)], origins, words, "vie", None, 30.0, 1.0)  # type: ignore[arg-type]
    assert read_again == [1]  # only the cell with the broken symbol
    assert " ".join(w.text for w in words[0]).endswith("15/2021/TT-BNV")
    assert origins[0] == (7, 9)  # its word boxes are the new crop's
    assert " ".join(w.text for w in words[1]) == "Sở Tư pháp"


def test_a_reading_with_no_more_whole_symbols_is_not_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tesseract, "read_batch", lambda images, lang, psm, deadline: [_words("15/20?1/TT-BNV")] * len(images))
    monkeypatch.setattr(tables, "_cell_image", lambda gray, rules, box, char_h: (np.zeros((20, 40), np.uint8), (7, 9)))
    grid = tables.Grid((0, 0, 10, 10), (0, 10), (0, 10), ((0, 0, 1, 1, (0, 0, 10, 10)),))
    words = [_words("số 15/202L/TT-BNV")]
    origins = [(0, 0)]
    tables._reread_broken_symbols(np.zeros((50, 50), np.uint8), np.zeros((50, 50), np.uint8), [grid],
                                  [(0, 0)], origins, words, "vie", None, 30.0, 1.0)  # type: ignore[arg-type]
    assert words[0][-1].text == "15/202L/TT-BNV" and origins[0] == (0, 0)
