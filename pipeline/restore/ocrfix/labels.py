"""Row numbers of an appendix table read alone on their lines, put back into their sequence.

Where the English model reads a table cell by cell (page segmentation that finds the columns),
the TT cell of each row comes out alone on a line: "1.1", then the row's task, units and
timeframe on lines of their own, then "1.2".  The dot of a small label is easily lost or
misread ("21" for "2.1", "3:2" for "3.2", "132" for "13.2") and some labels come out as garble
("2p)").  The rows of a plan's table are numbered in sequence (1.1, 1.2, ... then 2.1 under
group 2), so a label read with a lost or misread dot is the one its neighbours leave room for:
only a reading that is the next number after the label before it (or the first of the next
group), or the number before the label after it, is taken; a garble with one digit is read as
the number between two neighbours that leave exactly one gap.  A page needs at least two labels
read whole, alone on their lines, before any is repaired.
"""

from __future__ import annotations

import re

_WHOLE = re.compile(r"(\d{1,2})\.(\d{1,2})")
_SEPARATED = re.compile(r"(\d{1,2})[:;,'’`](\d{1,2})[.:,)]?")  # "3:2", "2,1"
_DIGITS = re.compile(r"(\d{1,3})[.:,)]?")  # "21", "132": the dot lost; "3": a group's number
_GARBLE = re.compile(r"(?=.*\d)(?=.*[^\d])[\w():;,.’'`]{1,4}")  # "2p)", "a1": a digit and specks
Label = tuple[int, int]  # (group, row); row 0 is the group's own row


def _readings(token: str) -> list[Label]:
    """The labels a token may be, with its dot lost or misread."""
    if m := _SEPARATED.fullmatch(token):
        return [(int(m.group(1)), int(m.group(2)))]
    if m := _DIGITS.fullmatch(token):
        d = m.group(1)
        whole = [(int(d), 0)] if len(d) <= 2 else []
        return whole + [(int(d[:k]), int(d[k:])) for k in range(1, len(d)) if d[k] != "0" and k <= 2]
    return []


def _next(label: Label) -> set[Label]:
    """The labels that may follow ``label`` (a group's number may be lost with its title)."""
    g, r = label
    return {(g, 1)} if r == 0 else {(g, r + 1), (g + 1, 0), (g + 1, 1)}


def _fits(token: str, before: Label | None, after: Label | None) -> list[Label]:
    """The readings of ``token`` that its neighbours in the sequence leave room for."""
    room: set[Label] = set()
    if before is not None:
        room |= _next(before)
    if after is not None:
        room |= {(after[0], after[1] - 1)} if after[1] > 1 else {(after[0], 0)} if after[1] == 1 else set()
    fits = [r for r in _readings(token) if r in room]
    if not fits and before is not None and after is not None and _GARBLE.fullmatch(token):
        fits = [x for x in _next(before) if after in _next(x) and x[1]]
    return fits


def repair_row_labels(lines: list[str]) -> list[str]:
    """The lines with each lone row label that its sequence explains written as "X.Y"."""
    alone = [(i, ln.strip()) for i, ln in enumerate(lines) if ln.strip() and " " not in ln.strip()]
    slots = [
        (i, t) for i, t in alone
        if _WHOLE.fullmatch(t) or _readings(t) or _GARBLE.fullmatch(t)
    ]
    known: list[Label | None] = [
        (int(m.group(1)), int(m.group(2))) if (m := _WHOLE.fullmatch(t) or _SEPARATED.fullmatch(t)) else None
        for _, t in slots
    ]
    if sum(bool(_WHOLE.fullmatch(t)) for _, t in slots) < 2:
        return lines
    changed = True
    while changed:  # each reading may explain its neighbour
        changed = False
        for k, (_, tok) in enumerate(slots):
            if known[k] is None:
                fits = _fits(tok, known[k - 1] if k else None, known[k + 1] if k + 1 < len(slots) else None)
                if len(fits) == 1:
                    known[k], changed = fits[0], True
    out = list(lines)
    for (i, tok), label in zip(slots, known, strict=True):
        if label is not None and not _WHOLE.fullmatch(tok):
            out[i] = lines[i].replace(tok, f"{label[0]}.{label[1]}" if label[1] else str(label[0]))
    return out
