"""A dash OCR read from a speck between two words of a trích yếu ("trên - địa bàn").

A trích yếu's dash joins two terms of one rank ("kinh tế - xã hội", "2021 - 2025"); a speck of a
worn scan read as a dash stands where no such pair can be.  Two readings say so, each on its own:
the word before the dash governs the word after it (a preposition, a conjunction or a plural
marker takes its complement, never a dash), or the body, which restates the trích yếu's phrases,
writes the two words side by side three times at least and never with a dash between them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Words that take the next word as their complement: a dash after one cuts a phrase in two.
_GOVERNING = frozenset((
    "của", "trên", "tại", "về", "cho", "với", "trong", "theo", "đối", "và", "hoặc", "các", "những",
    "để", "nhằm", "từ", "đến", "giữa",
))
_MIN_SEEN = 3
# a lone dash between two words in lower case (a name's capital may begin a paired term)
_LONE_DASH = re.compile(r"(?<=[^\W\d_]) [-–—] (?=[^\W\d_])")
_WORD = r"[^\W\d_]+"


def dash_specks(summary: str | None, body: Iterable[str]) -> str | None:
    """``summary`` without each lone dash between two words in lower case that no pair of terms can
    stand around (see the module's doc)."""
    if not summary or not _LONE_DASH.search(summary):
        return summary
    text = "\n".join(body).lower()
    out, last = [], 0
    for m in _LONE_DASH.finditer(summary):
        before = re.findall(_WORD, summary[: m.start()])
        after = re.match(_WORD, summary[m.end() :])
        if not before or after is None or not (before[-1].islower() and after.group(0).islower()):
            continue
        a, b = before[-1], after.group(0)
        if a not in _GOVERNING:
            ea, eb = re.escape(a), re.escape(b)
            side = len(re.findall(rf"(?<!\w){ea}\s+{eb}(?!\w)", text))
            dashed = re.search(rf"(?<!\w){ea}\s*[-–—]\s*{eb}(?!\w)", text)
            if side < _MIN_SEEN or dashed:
                continue
        out.append(summary[last : m.start()] + " ")
        last = m.end()
    return "".join(out) + summary[last:]
