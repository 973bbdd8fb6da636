"""A second look at the words Tesseract is unsure of (issue 14, item 5; ``OcrOptions.reread_unsure``).

Each line (page line or table-cell line) whose least sure word is below ``UNSURE`` is cropped from
the page as it was read and read again, as one line (``--psm 7``), by Tesseract with the
``best_int`` Vietnamese LSTM model (``models/vie_best_int.traineddata``: tessdata 4.0.0_best_int
``vie``, 1.7 MB, from the npm package ``@tesseract.js-data/vie`` 1.0.0; see models/MANIFEST.json).
Only the unsure words change: where the two readings differ, a stretch of words that pairs one to
one gives each unsure word the second reading's word when that one is read more surely; a word
split or joined differently is left as first read, and so is every word read surely.

Measured by ``python -m scripts.bench.recognisers`` (docs/bench/recognisers.md): on generated dev
scans the page CER went 1.77 -> 1.71 % (the unsure lines' 6.4 -> 5.9 %), on the real scans it did
not rise; about 0.1 CPU s a page.  Off by default (it changes the text of pages that have unsure
words).  Without Tesseract's library in this process, or without the model file, lines are left
as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import cv2
import numpy as np
from rapidfuzz.distance import Levenshtein

from pipeline import modelstore
from pipeline.errors import ModelMissingError
from pipeline.ocr import capi, tesseract
from pipeline.ocr.tesseract import Deadline, TsvWord
from pipeline.types import Line, Table, Word

LANG = "vie_best_int"
MODEL = f"{LANG}.traineddata"
UNSURE = 0.5  # a line is read again when one of its words is below this (dev: 0.9 cost 4x the time)
MIN_HEIGHT = 40  # px: a smaller line crop is enlarged to this height before it is read


def model_dir() -> str | None:
    """The folder holding the best_int model, or None when it is missing."""
    try:
        return str(modelstore.models_dir(need=MODEL))
    except ModelMissingError:
        return None


def reread(gray: np.ndarray, scale: float, lines: Sequence[Line], tables: Sequence[Table],
           deadline: Deadline) -> tuple[list[Line], list[Table]]:
    """The page's lines and tables with their unsure words read again (see the module doc).

    ``gray`` is the page as read (turned, deskewed, enlarged by ``scale``); the boxes of
    ``lines`` and of the cells' lines are at the page's own resolution."""
    todo = [ln for ln in lines if _unsure(ln)]
    todo += [ln for t in tables for c in t.cells for ln in c.lines if _unsure(ln)]
    datapath = model_dir()
    if not todo or datapath is None or not capi.available(LANG, datapath):
        return list(lines), list(tables)
    keep: list[int] = []
    crops: list[np.ndarray] = []
    for k, ln in enumerate(todo):
        img = _crop(gray, ln, scale)
        if img is not None:
            keep.append(k)
            crops.append(img)
    data, timed_out = capi.read_tsv(crops, LANG, 7, deadline.end, datapath)
    if timed_out:
        raise deadline.error()
    words = tesseract._by_image(tesseract._words(data), len(keep))
    again = {id(todo[k]): _merge(todo[k], ws) for k, ws in zip(keep, words, strict=True)}
    new_lines = [again.get(id(ln), ln) for ln in lines]
    return new_lines, [_table(t, again) for t in tables]


def _unsure(line: Line) -> bool:
    return line.bbox is not None and any(w.confidence < UNSURE for w in line.words)


def _crop(gray: np.ndarray, line: Line, scale: float) -> np.ndarray | None:
    assert line.bbox is not None
    x0, y0, x1, y1 = (int(round(v * scale)) for v in line.bbox)
    h, w = gray.shape[:2]
    img = gray[max(0, y0) : min(h, y1 + 1), max(0, x0) : min(w, x1 + 1)]
    if img.shape[0] < 2 or img.shape[1] < 2:
        return None
    # The line at its own resolution, or MIN_HEIGHT when smaller: an enlarged page's lines read
    # no better for being larger here, and cost more.
    f = max(MIN_HEIGHT, line.bbox[3] - line.bbox[1]) / img.shape[0]
    if abs(f - 1.0) > 0.05:
        img = cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC if f > 1 else cv2.INTER_AREA)
    return cv2.copyMakeBorder(img, 8, 8, 8, 8, cv2.BORDER_CONSTANT, value=int(np.median(img)))


def changed_runs(a: Sequence[str], b: Sequence[str]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The stretches where two word sequences differ, between the words they share:
    ((a0, a1), (b0, b1)) each."""
    runs: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for op in Levenshtein.opcodes(list(a), list(b)):
        if op.tag == "equal":
            continue
        if runs and runs[-1][0][1] == op.src_start and runs[-1][1][1] == op.dest_start:
            (a0, _), (b0, _) = runs.pop()
            runs.append(((a0, op.src_end), (b0, op.dest_end)))
        else:
            runs.append(((op.src_start, op.src_end), (op.dest_start, op.dest_end)))
    return runs


def merge_words(first: Sequence[Word], second: Sequence[tuple[str, float]]) -> list[Word]:
    """``first`` with each unsure word replaced by the paired word of ``second`` when that one is
    surer (pairs only inside a stretch of differing words of equal length on both sides)."""
    out = list(first)
    for (i0, i1), (j0, j1) in changed_runs([w.text for w in first], [t for t, _ in second]):
        if i1 - i0 != j1 - j0:  # a word split or joined: no one-to-one pairing
            continue
        for i, j in zip(range(i0, i1), range(j0, j1), strict=True):
            text, conf = second[j]
            if out[i].confidence < UNSURE and conf > out[i].confidence:
                out[i] = Word(text, out[i].bbox, conf)
    return out


def _merge(line: Line, words: Sequence[TsvWord]) -> Line:
    merged = merge_words(line.words, [(w.text, w.conf) for w in words])
    if merged == list(line.words):
        return line
    return replace(line, text=" ".join(w.text for w in merged), words=tuple(merged),
                   confidence=float(np.mean([w.confidence for w in merged])))


def _table(table: Table, again: dict[int, Line]) -> Table:
    cells = []
    changed = False
    for c in table.cells:
        lines = tuple(again.get(id(ln), ln) for ln in c.lines)
        if any(a is not b for a, b in zip(lines, c.lines, strict=True)):
            changed = True
            c = replace(c, text="\n".join(ln.text for ln in lines), lines=lines)
        cells.append(c)
    return replace(table, cells=tuple(cells)) if changed else table
