"""pipeline.ocr.second: unsure words read again with the best_int vie model (OcrOptions.reread_unsure)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipeline.ocr import capi, second
from pipeline.ocr.tesseract import Deadline
from pipeline.options import OcrOptions
from pipeline.types import Line, Table, TableCell, Word
from scripts.lib.scans_layout import font

MODELS = Path(__file__).resolve().parents[2] / "models"


def words(*pairs: tuple[str, float]) -> tuple[Word, ...]:
    return tuple(Word(t, (20 * i, 0, 20 * i + 15, 20), c) for i, (t, c) in enumerate(pairs))


def test_off_by_default() -> None:
    assert OcrOptions().reread_unsure is False


def test_only_unsure_words_change_and_only_to_a_surer_reading() -> None:
    first = words(("Các", 0.95), ("sở", 0.3), ("ban.", 0.2), ("ngành", 0.96))
    got = second.merge_words(first, [("Các", 0.9), ("sớ", 0.25), ("ban,", 0.8), ("nganh", 0.99)])
    assert [w.text for w in got] == ["Các", "sở", "ban,", "ngành"]
    assert got[2].confidence == 0.8 and got[2].bbox == first[2].bbox


def test_a_word_split_or_joined_differently_stays_as_first_read() -> None:
    first = words(("số", 0.9), ("I", 0.2), ("19/KH-UBND", 0.4))
    assert [w.text for w in second.merge_words(first, [("số", 0.9), ("119/KH-UBND", 0.9)])] == ["số", "I", "19/KH-UBND"]


def test_changed_runs_join_neighbouring_edits() -> None:
    assert second.changed_runs(["a", "I", "19", "b"], ["a", "119", "b"]) == [((1, 3), (1, 2))]
    assert second.changed_runs(["a", "b"], ["a", "b"]) == []


def _line_image(text: str) -> np.ndarray:
    img = Image.new("L", (900, 70), 255)
    ImageDraw.Draw(img).text((10, 50), text, fill=0, font=font("r", 34), anchor="ls")
    return np.asarray(img).copy()


def test_a_line_with_an_unsure_word_is_read_again_on_the_page_and_in_a_cell() -> None:
    if second.model_dir() is None or not capi.available(second.LANG, second.model_dir()):
        pytest.skip("Tesseract's library or the best_int model is not available here")
    page = _line_image("Cộng hòa xã hội chủ nghĩa")
    ws = (Word("Cộng", (10, 20, 90, 60), 0.9), Word("hòa", (100, 20, 160, 60), 0.9),
          Word("xã", (170, 20, 210, 60), 0.9), Word("hôi", (220, 20, 280, 60), 0.1),
          Word("chủ", (290, 20, 350, 60), 0.9), Word("nghĩa", (360, 20, 460, 60), 0.9))
    line = Line(" ".join(w.text for w in ws), (5, 5, 470, 66), ws, 0.77)
    sure = Line("Cộng", (10, 20, 90, 60), (Word("Cộng", (10, 20, 90, 60), 0.95),), 0.95)
    cell = TableCell(0, 0, line.text, (0, 0, 480, 70), lines=(line,))
    table = Table((0, 0, 480, 70), 1, 1, (cell,))
    lines, tables = second.reread(page, 1.0, [line, sure], [table], Deadline(60))
    assert lines[0].text == "Cộng hòa xã hội chủ nghĩa"
    assert lines[0].words[3].confidence > 0.1 and lines[0].words[3].bbox == ws[3].bbox
    assert lines[1] is sure
    assert tables[0].cells[0].text == "Cộng hòa xã hội chủ nghĩa"


def test_without_the_model_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(second, "model_dir", lambda: None)
    line = Line("xã hôi", (0, 0, 100, 30), words(("xã", 0.9), ("hôi", 0.1)), 0.5)
    lines, tables = second.reread(np.full((40, 120), 255, np.uint8), 1.0, [line], [], Deadline(10))
    assert lines == [line] and tables == []


def test_the_shipped_model_is_the_pinned_one() -> None:
    manifest = json.loads((MODELS / "MANIFEST.json").read_text(encoding="utf-8"))
    entry = manifest["files"][second.MODEL]
    data = (MODELS / second.MODEL).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["bytes"]


def test_the_engine_reads_again_only_with_the_option(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.ocr import OcrEngine
    from pipeline.types import SourcePage

    calls: list[float] = []

    def spy(gray, scale, lines, tables, deadline):  # type: ignore[no-untyped-def]
        calls.append(scale)
        return list(lines), list(tables)

    monkeypatch.setattr(second, "reread", spy)
    img = np.full((300, 900), 255, np.uint8)
    img[50:120] = _line_image("Cộng hòa xã hội chủ nghĩa")
    page = SourcePage(1, "x.png", 900, 300, 300, img)
    OcrEngine(OcrOptions(rotate=False)).read(page)
    assert calls == []
    OcrEngine(OcrOptions(rotate=False, reread_unsure=True)).read(page)
    assert len(calls) == 1
