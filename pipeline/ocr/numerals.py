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
