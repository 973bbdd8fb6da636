"""Part numbers of headings misread by Tesseract: a bold "II." read as "H.", "III." as "HI.".

In a bold serif face the two stems of "II" touch at their serifs and Tesseract reads one "H";
"I" also comes out as "l" or "|".  A heading label of Vietnamese administrative documents is a
Roman numeral followed by a period and a title in capitals (NĐ 30/2020: "I. MỤC ĐÍCH, YÊU CẦU");
no Vietnamese word or list marker is spelt "H." or "HI.", so a line that starts so and goes on in
capitals is a part heading whose numeral lost its shape.  Digits are never touched ("1." is an
item label of its own).
"""

from __future__ import annotations

import re

from pipeline.types import Word
from pipeline.vn.orthography import is_caps

_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
_LABEL = re.compile(r"^([IVXHl|]{1,5})\.$")
_AS_STROKES = str.maketrans({"H": "II", "l": "I", "|": "I"})


def heading_numeral(words: list[Word]) -> list[Word]:
    """The line's words with a misread part number in front of a capitals title repaired."""
    if len(words) < 2:
        return words
    m = _LABEL.match(words[0].text)
    if m is None or not any(c in m.group(1) for c in "Hl|"):
        return words
    fixed = m.group(1).translate(_AS_STROKES)
    title = " ".join(w.text for w in words[1:])
    if not _ROMAN.match(fixed) or not is_caps(title):
        return words
    first = words[0]
    return [Word(fixed + ".", first.bbox, first.confidence), *words[1:]]


# An item label of a numbered table's first column: "1", "1.2", "2.3.1", maybe closed by a period.
_ITEM = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,2}\.?$")
# A label whose inner periods were lost (or whose 1 came out as a letter): "12" for "1.2", "4l".
_UNDOTTED = re.compile(r"^[\dIl|]{2,3}$")
_AS_ONE = str.maketrans({"I": "1", "l": "1", "|": "1"})


def _next_labels(prev: str) -> list[str]:
    """The labels that may follow ``prev`` in a numbered list: its first child, its next sibling,
    and the next sibling of each level above ("1.2" -> "1.2.1", "1.3", "2")."""
    parts = [int(p) for p in prev.rstrip(".").split(".")]
    out = [".".join(map(str, [*parts, 1]))]
    for depth in range(len(parts), 0, -1):
        out.append(".".join(map(str, [*parts[: depth - 1], parts[depth - 1] + 1])))
    return out


def item_labels(texts: list[str]) -> list[str]:
    """A numbered table's label column, top to bottom, with the periods of sub-item labels put back.

    On a blurred low-resolution scan the period of "1.2" is a speck of two pixels in a cell of
    its own, and Tesseract reads "12" (or "4l" for "4.1").  Numbered items run in order, so a
    label read without its period is the one of the labels that may come next after the label
    above it ("1.1" -> "1.2" or "2" or "1.1.1") whose digits it has; it is repaired only then,
    and only when the label it has as read (twelve after one) could not come next.  Any other
    cell is left as it is."""
    out = list(texts)
    prev: str | None = None
    for i, text in enumerate(texts):
        t = text.strip()
        if prev is not None and _UNDOTTED.match(t):
            digits = t.translate(_AS_ONE)
            nexts = _next_labels(prev)
            if t not in nexts:
                fits = [n for n in nexts if n.replace(".", "") == digits]
                if len(fits) == 1:
                    out[i] = fits[0] + ("." if prev.endswith(".") and "." in fits[0] else "")
                    t = out[i]
        if _ITEM.match(t):
            prev = t
        elif t:
            prev = None if not _UNDOTTED.match(t) else prev
    return out
