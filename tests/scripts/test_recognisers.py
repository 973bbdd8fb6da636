"""scripts.bench.recognisers: how re-reads are chosen, aligned to the gold text and scored."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipeline.types import Line, Word
from scripts.bench import recognisers as R
from scripts.lib.scans_layout import font


def line(*words: tuple[str, float], y: int = 10) -> Line:
    ws = tuple(Word(t, (20 * i, y, 20 * i + 15, y + 20), c) for i, (t, c) in enumerate(words))
    return Line(" ".join(w.text for w in ws), (0, y, 20 * len(ws), y + 20), ws, float(np.mean([c for _, c in words])))


def test_replace_takes_the_reread_whatever_it_says() -> None:
    ln = line(("Số", 0.9), ("47/NQ.CP", 0.3))
    assert R.choose(ln, ("So 47/NQ-CP", 0.5, [0.5, 0.5]), 0.5, "replace") == "So 47/NQ-CP"


def test_surer_keeps_the_first_read_unless_the_reread_is_surer_on_average() -> None:
    ln = line(("Số", 0.9), ("47/NQ.CP", 0.3))  # mean 0.6
    assert R.choose(ln, ("Số 47/NQ-CP", 0.59, [0.9, 0.28]), 0.5, "surer") == "Số 47/NQ.CP"
    assert R.choose(ln, ("Số 47/NQ-CP", 0.61, [0.9, 0.32]), 0.5, "surer") == "Số 47/NQ-CP"


def test_words_replaces_only_unsure_words_read_more_surely_one_to_one() -> None:
    ln = line(("Các", 0.95), ("sở", 0.4), ("ban.", 0.3), ("ngành", 0.96))
    # "sở" is unsure but the re-read is less sure of its word; "ban." is replaced; "ngành" is sure
    # and stays even though the re-read differs.
    got = R.choose(ln, ("Các sớ ban, nganh", 0.6, [0.9, 0.35, 0.8, 0.99]), 0.5, "words")
    assert got == "Các sở ban, ngành"


def test_words_keeps_the_line_when_the_reread_splits_or_joins_words() -> None:
    ln = line(("I", 0.2), ("19/KH-UBND", 0.4))
    assert R.choose(ln, ("119/KH-UBND", 0.9, [0.9]), 0.5, "words") == "I 19/KH-UBND"


def test_page_text_puts_a_table_row_on_one_line_with_its_cells_in_column_order() -> None:
    items = [R.Item(5, None, line(("Tiêu", 0.9), ("đề", 0.9))),
             R.Item(50, (0, 1, 1), line(("b", 0.9))),
             R.Item(50, (0, 1, 0), line(("a", 0.9))),
             R.Item(90, None, line(("cuối", 0.9)))]
    texts = [it.line.text for it in items]
    assert R.page_text(items, texts) == "Tiêu đề\na b\ncuối"
    assert R.page_order(items) == [0, 2, 1, 3]


def test_gold_spans_give_each_item_the_gold_text_it_was_read_from() -> None:
    items = [R.Item(0, None, line(("Côııg", 0.2), ("văn", 0.9))), R.Item(30, None, line(("số", 0.9), ("12", 0.9)))]
    texts = [it.line.text for it in items]
    spans = R.gold_spans(items, texts, "Công văn\nsố 12")
    assert spans == ["Công văn", "số 12"]


def test_score_counts_edits_tokens_and_symbols() -> None:
    s = R.Score()
    s.add("Theo 47/NQ.CP ngày", "Theo  47/NQ-CP\nngày", cpu=0.5)
    assert (s.edits, s.chars) == (1, len("Theo 47/NQ-CP ngày"))
    assert (s.hit_tokens, s.pred_tokens, s.gold_tokens) == (2, 3, 3)
    assert (s.symbols_hit, s.symbols) == (0, 1)
    assert s.cells()[3] == "0/1"


def test_crop_enlarges_small_lines_and_stays_inside_the_page() -> None:
    view = np.full((100, 200), 255, np.uint8)
    ln = Line("x", (0, 90, 50, 100))
    img = R.crop(view, ln)
    assert img is not None and img.shape[0] >= 40 + 16  # enlarged to 40 px, 8 px border each side
    assert R.crop(view, Line("x", None)) is None


def test_tesseract_reads_a_line_through_the_library_with_word_confidences() -> None:
    try:
        reader = R.TessLines(None)
    except RuntimeError:
        pytest.skip("libtesseract cannot be loaded here")
    img = Image.new("L", (700, 80), 255)
    ImageDraw.Draw(img).text((10, 60), "Cộng hòa xã hội", fill=0, font=font("r", 40), anchor="ls")
    text, conf, confs = reader.read(np.asarray(img))
    assert text == "Cộng hòa xã hội"
    assert len(confs) == 4 and 0.5 < conf <= 1.0
