"""A citation's date as a ``DateValue``: the date grammar itself is ``pipeline.vn.dates`` (the
citation engine reads it with keywords damaged up to their marks and O read for 0)."""

from __future__ import annotations

import regex

from pipeline.citations.model import DateValue
from pipeline.vn.dates import ocr_int


def date_from_match(m: regex.Match[str], offset: int = 0) -> DateValue:
    """A DateValue from a match of ``pipeline.vn.dates.AFTER_SYMBOL_RE`` (spans shifted by ``offset``)."""
    g = m.groupdict()
    if g.get("d") is not None:
        style = {"/": "slash", "-": "dash", ".": "dot"}[g["sep"]]
        s, e = m.start("d"), m.end("y")
        d, mo, y = ocr_int(g["d"]), ocr_int(g["m"]), ocr_int(g["y"])
    elif g.get("wd") is not None:
        style, s, e = "words", m.start("wd"), m.end("wy")
        d, mo, y = ocr_int(g["wd"]), ocr_int(g["wm"]), ocr_int(g["wy"])
    elif g.get("by") is not None:
        style, s, e = "blank", m.start("bd"), m.end("by")
        d, mo, y = None, None, ocr_int(g["by"])
    else:
        style, s, e = "blank", m.start("bwd"), m.end("bwy")
        d, mo, y = None, None, ocr_int(g["bwy"])
    text = m.string[s:e]
    return DateValue(text, d, mo, y, style, (s + offset, e + offset))
