"""Text comparison shared by the benchmarks: NFC, white space collapsed, CER by pipeline.evaluate."""

from __future__ import annotations

import unicodedata

from pipeline.evaluate import score_line


def norm(text: str) -> str:
    """NFC with every run of white space one space: line breaks and TABs do not count as errors."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def edits(predicted: str, gold: str) -> tuple[int, int]:
    """Character edits and gold characters of two texts compared as ``norm`` writes them."""
    s = score_line(norm(predicted), norm(gold))
    return s.char_edits, s.chars


def cer(predicted: str, gold: str) -> float:
    return score_line(norm(predicted), norm(gold)).cer
