"""Hand-made restored pages for the export tests: no OCR, so they run in milliseconds."""

from __future__ import annotations

from dataclasses import replace

from pipeline.types import Line, OcrPage, RestoredPage, Table, TableCell, Word

OCR_WORDS = [("Ke", (100, 100, 160, 140), 0.91), ("hoach", (175, 98, 320, 142), 0.62), ("so", (335, 100, 380, 140), 0.95)]
RESTORED = ["Kế", "hoạch", "số"]


def page(rotation: int = 0, skew: float = 0.0, width: int = 1000, height: int = 1400, tables: bool = True) -> RestoredPage:
    """A page with one restored line (2 words changed by restoration) and a 2x2 ruled table."""
    ocr_words = tuple(Word(t, b, c) for t, b, c in OCR_WORDS)
    ocr_line = Line(" ".join(w.text for w in ocr_words), (100, 98, 380, 142), ocr_words, 0.83, 1)
    cells = (
        TableCell(0, 0, "TT", (100, 300, 200, 400), confidence=0.9),
        TableCell(0, 1, "Nội dung\ncông việc", (200, 300, 600, 400), confidence=0.8),
        TableCell(1, 0, "1", (100, 400, 200, 500), confidence=0.95),
        TableCell(1, 1, "Tuyên truyền", (200, 400, 600, 500), row_span=1, col_span=1, confidence=0.7),
    )
    read_cells = tuple(replace(c, text=c.text.replace("Nội", "Noi")) for c in cells)
    found = (Table((100, 300, 600, 500), 2, 2, read_cells),) if tables else ()
    ocr = OcrPage(1, width, height, 300, (ocr_line,), found, rotation=rotation, skew=skew, mean_confidence=0.85)
    new_words = tuple(replace(w, text=t) for w, t in zip(ocr_words, RESTORED, strict=True))
    restored_line = replace(ocr_line, text=" ".join(RESTORED), words=new_words)
    restored_tables = (Table((100, 300, 600, 500), 2, 2, cells),) if tables else ()
    return RestoredPage(ocr, (restored_line,), restored_tables, mode="ocr-vie")


def text_page() -> RestoredPage:
    """A page of a .txt input: lines without geometry."""
    ocr = OcrPage(1, 0, 0, 0, (Line("Điều 1. Phạm vi"),), engine="text")
    return RestoredPage(ocr, ocr.lines, ())
