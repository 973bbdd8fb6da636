"""Specks at the edges of a header field: what OCR made of dirt, a fold or a seal beside the text.

A field of the header (the trích yếu, the authority's name) is made of Vietnamese words, numbers
and the punctuation printed between them.  OCR of a worn scan reads a speck as a glyph that no
Vietnamese word has (a modifier letter or a spacing accent: "ˆ", "˜", "´", "¨"; a combining mark
with no letter under it), or as a mark in front of the first word ("ˆ . Triển khai", "-:mới").
Those are dropped wherever they stand; real punctuation between words, a dash inside a phrase
("kinh tế - xã hội"), an abbreviation's period and a quotation that opens and closes stay.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from pipeline.structure.layout import Ln

# Glyphs no word of the language has: modifier letters and spacing accents (Unicode Lm / Sk).
_MODIFIER = "\u02b0-\u02ff\u00a8\u00af\u00b4\u00b8`^"
_MODIFIER_GLYPH = re.compile(rf"[{_MODIFIER}]+")
# A combining mark with no letter under it: after a space, a mark or the start of the text.
_LONE_COMBINING = re.compile(r"(?<![^\W\d_])[\u0300-\u036f]+")
# A token of symbols that are no punctuation a sentence prints ("•", "·", "°", "¿", "*", "~"), standing
# alone between words: a speck.  Glyphs OCR reads for digits ("|", "!", "]", "§", "$") stay for the
# year and number readers.
_SYMBOLS = r"[^\w\s%&/+\-–—,.;:()\"“”'‘’!?…§$|\[\]]+"
_LONE_SYMBOL = re.compile(rf"(?<!\S){_SYMBOLS}(?!\S)")
_TAIL_SYMBOL = re.compile(rf"\s*{_SYMBOLS}$")  # glued after the last word too ("năm 2025•")
_GLUED_DASH = re.compile(r"(?<=[^\W\d_])[-–—](?=[^\W\d_])")
# What may open a field: a letter, a digit, or a quotation / bracket that closes further on.
_OPENERS = {"“": "”", '"': '"', "(": ")", "«": "»", "‘": "’", "[": "]"}


def drop_modifier_glyphs(text: str) -> str:
    """``text`` without the glyphs no Vietnamese word has ("ˆ Triển khai" -> "Triển khai"), one-spaced
    where one stood alone; text without them is returned as it is."""
    if not (_MODIFIER_GLYPH.search(text) or _LONE_COMBINING.search(text)):
        return text
    return " ".join(_LONE_COMBINING.sub("", _MODIFIER_GLYPH.sub("", text)).split())


def strip_head_marks(text: str) -> str:
    """``text`` from its first word on: the marks before it dropped ("- . : Triển khai"), but for a
    quotation mark or a bracket that the text closes ("“Ngày hội…” năm 2025" stays)."""
    k = 0
    while k < len(text) and not text[k].isalnum():
        closer = _OPENERS.get(text[k])
        if closer is not None and closer in text[k + 1 :]:
            break
        k += 1
    return text[k:] if k < len(text) else text


def strip_tail_marks(text: str) -> str:
    """``text`` up to its last word: tokens after it that hold no letter or digit dropped ("TỈNH BÌNH
    ĐỊNH _”", the motto column's speck read into the authority's line), but for a quotation mark or
    a bracket that closes one the text opened."""
    words = text.split()
    while words and not any(c.isalnum() and c != "_" for c in words[-1]):
        before = " ".join(words[:-1])
        if any(c in words[-1] and o in before and (o != c or before.count(o) % 2) for o, c in _OPENERS.items()):
            break
        words.pop()
    return " ".join(words) if words else text


def clean_field_edges(text: str | None) -> str | None:
    """A header field without the specks at its start or inside it (see the module's docstring)."""
    if not text:
        return text
    # a dash glued between two words in lower case ("trên-địa bàn"): the language writes none there
    # (a phrase's dash stands between spaces, "kinh tế - xã hội"; a name's joins capitals)
    t = drop_modifier_glyphs(text)
    t = _GLUED_DASH.sub(lambda m: " " if t[m.start() - 1].islower() and t[m.end()].islower() else m.group(0), t)
    if _LONE_SYMBOL.search(t) or _TAIL_SYMBOL.search(t):
        t = " ".join(_TAIL_SYMBOL.sub("", _LONE_SYMBOL.sub(" ", t)).split())
    return strip_head_marks(t) or text


# A letter's box is half as tall as the text's letters at least; a box a quarter as tall (a few
# pixels) holds a speck the English model read as a word ("TÔ" for the dot under a Party's name).
_SPECK_HEIGHT = 0.25


def no_letter_line(ln: Ln, near: Sequence[Ln]) -> bool:
    """Whether every word box of line ``ln`` is too low to hold a letter, against the median height
    of the letter-bearing words of the lines ``near`` it (the median: one tall box, a seal or a
    rule read with a word, does not make the text's letters look small)."""
    heights = [w.bbox[3] - w.bbox[1] for x in near for w in x.words if any(c.isalnum() for c in w.text)]
    if not ln.words or not heights:
        return False
    most = _SPECK_HEIGHT * statistics.median(heights)
    return all(w.bbox[3] - w.bbox[1] <= most for w in ln.words)
