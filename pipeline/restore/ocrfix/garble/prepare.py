"""The line repairs before a garbled page is decoded (split from decode.py): cell rules, glued words,
headings and list marks, formulae, symbols, and the words the decoder keeps as read."""

from __future__ import annotations

import re

from pipeline.restore.core.lm import NgramLM
from pipeline.restore.ocrfix.cell_rules import (
    column_header_lines,
    header_word_starts,
    mark_cell_rules,
    table_lines,
)
from pipeline.restore.ocrfix.channel import ChannelModel
from pipeline.restore.ocrfix.formulae import repair_formulae, repair_type_title
from pipeline.restore.ocrfix.garble.ells import lower_ells
from pipeline.restore.ocrfix.garble.joins import unglue_joins
from pipeline.restore.ocrfix.garble.pieces import (
    drop_speck_period,
    unglue_apostrophe,
    unglue_so,
    unglue_specks,
    unglue_syllables,
    unglue_year_speck,
)
from pipeline.restore.ocrfix.garble.streams import SOFT_END as SOFT_END
from pipeline.restore.ocrfix.labels import repair_row_labels, repair_table_labels
from pipeline.restore.ocrfix.outline import (
    numeral_start,
    repair_dash,
    repair_headings,
    repair_item_letters,
    repair_line_ends,
)
from pipeline.restore.ocrfix.settings import GARBLE
from pipeline.restore.ocrfix.symbols import (
    PartRepair,
    repair_parts,
    repair_symbols,
)
from pipeline.restore.ocrfix.timeframes import repair_months, repair_quarters, repair_unit_heads

_NUMBER_LINE = re.compile(r"\s*(Số)\s*:\s*\d")


def prepare_lines(
    lines: list[str], mode: str, channel: ChannelModel, codes: dict[str, str], lm: NgramLM, *,
    cell_rules: bool, parts: PartRepair | None
) -> tuple[list[str], set[int], dict[int, set[int]]]:
    """Line repairs before the pieces are read: cell rules, glued words, formulae, symbols (``parts``:
    the symbol-part repairs of the English model, or None).

    Returns the repaired lines, the indexes of lines that hold a fixed formula (written in
    one tone style; the document's own words decide its style), and per line the start offsets
    of words that the decoder keeps as they are (table column headers, quarter words).
    """
    frozen: dict[int, set[int]] = {}
    table = table_lines(lines) if mode == "ocr-eng" and cell_rules else None
    formula_lines: set[int] = set()
    if mode == "ocr-eng":
        if cell_rules:  # table rules read as | I l [ ] { } become cell boundaries (cell_rules.py)
            lines = mark_cell_rules(lines)
        lines = repair_row_labels(lines)  # "21" alone on its line between "1.1" and "2.2"
        lines = repair_headings(lines, table)  # "Il. TỔ CHỨC THỰC HIỆN" after "II."
        lines = [ln if table is not None and table[k] else repair_dash(ln) for k, ln in enumerate(lines)]
        lines = repair_item_letters(lines, table)  # "¢) Nâng cao" is "c) Nâng cao"
        lines = repair_line_ends(lines, table)  # "tỉnh," before "- Xây dựng" closed its sentence
        if table is not None:
            lines = repair_table_labels(lines, table)  # "§.2", "a] Các nhiệm vụ", a group's title alone
        lines = [unglue_year_speck(unglue_so(ln)) for ln in lines]
        repaired = [repair_formulae(ln) for ln in lines]
        formula_lines = {i for i, (a, b) in enumerate(zip(lines, repaired, strict=True)) if a != b}
        repaired, titles = repair_type_title(repaired)  # "HUGNG DAN": the type title under the header
        formula_lines |= titles
        for i in titles:
            frozen.setdefault(i, set()).update(m.start() for m in re.finditer(r"\S+", repaired[i]))
        lines = [unglue_apostrophe(unglue_specks(ln), channel) for ln in repaired]  # 'TU’DO' is two words
        lines = [unglue_joins(ln, channel, lm) for ln in lines]  # "thién-céc": a space read as a mark
        if table is not None and GARBLE.prose_speck_periods:
            lines = [ln if table[k] else drop_speck_period(ln) for k, ln in enumerate(lines)]
    fixed = [repair_symbols(ln, codes) for ln in lines]
    if parts is not None:
        fixed = [repair_parts(ln, parts, codes) for ln in fixed]
    if table is not None:
        # "Taichinh": syllables the English model glued in a tight cell, cut apart
        fixed = [unglue_syllables(ln, channel) if t else ln for ln, t in zip(fixed, table, strict=True)]
        fixed = [lower_ells(ln) if t else ln for ln, t in zip(fixed, table, strict=True)]  # "Ive" is "lve": lực
        fixed, quarters = repair_quarters(fixed, table)
        for i, starts in quarters.items():
            frozen.setdefault(i, set()).update(starts)
        fixed = repair_unit_heads(fixed, table, frozen)
        fixed = repair_months(fixed, table, frozen)
        header = column_header_lines(lines, table)
        for i, ln in enumerate(fixed):
            if header[i] and (starts := header_word_starts(ln)):
                frozen.setdefault(i, set()).update(starts)
    for i, ln in enumerate(fixed):
        if mode == "ocr-eng" and (m := _NUMBER_LINE.match(ln)):
            frozen.setdefault(i, set()).add(m.start(1))  # "Số:" opening the number line: a formula
        if mode == "ocr-eng" and (k := numeral_start(ln)) is not None:
            frozen.setdefault(i, set()).add(k)
    return fixed, formula_lines, frozen
