"""A lower-case l that an English-model OCR read as a capital I, on a table line (issue 13).

The English model reads the l of "lực", "luật", "liên" as I ("Ive", "Ic", "Iudt"); the channel
knows the garble with its l ("lve" -> lực) far better than with the I, and ``cell_rules`` would
take the capital for a cell opening without its rule.  Mid-sentence, after a lower-case word,
no Vietnamese word starts with a capital I followed by lower-case letters (dev legacy table
lines: 94 of 96 such tokens were l-words, the other two a garbled "cạnh" and a row label read
"Il"), so there the I is put back as l.  A Roman numeral ("Il", "Ill") keeps its strokes.
"""

from __future__ import annotations

import re

_ELL = re.compile(r"(?<=\s)I(?=[a-zà-ỹđ][^\W\d_]*[.,;:]?(?!\S))")
_STROKES = re.compile(r"I[lI1]*[.,;:]?")


def lower_ells(line: str) -> str:
    """``line`` with each capital I that opens a lower-case word after a lower-case word read l."""
    out = list(line)
    for m in _ELL.finditer(line):
        before = line[: m.start()].split()
        token = line[m.start() :].split(maxsplit=1)[0]
        if (
            before
            and before[-1][:1].islower()
            and before[-1].rstrip(",;:")[-1:].isalpha()  # no sentence's end before it
            and not _STROKES.fullmatch(token)
        ):
            out[m.start()] = "l"
    return "".join(out)
