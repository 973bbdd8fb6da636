""""số" read as a number ("86", "36", "56") in running text, put back where the LM is sure.

At 150 dpi the English model reads the "s" of "số" as 8, 3 or 5 and the "ố" as 6, and keeps the
token as a number: "chuyển đổi 86.", "Kế hoạch 86 192-KH/TU", "chỉ 36 năng lực".  The same
shapes are real numbers too ("86 chi", "36 tháng": 57 of 82 such tokens in the train-split lines of
../shared/ocr-pairs), so the shape alone decides nothing and the decoder, which prices a number
as a number, keeps them.  Here a token of that shape on a prose line becomes "số" only where the
LM finds "số" far likelier than a number between the decoded words around it: in the train-split
pairs, 3 of 21,145 real one- and two-digit numbers score 4 nats or more in favour of "số" between
their gold neighbours (none of the 63 with this shape), against 40 of 61 "số" read so in the
dev-split legacy documents.  Table lines are left alone (a cell's number has no sentence around it).
"""

from __future__ import annotations

import re

from pipeline.restore.core.decoder import SENT_END
from pipeline.restore.core.lm import NUM, NgramLM
from pipeline.restore.ocrfix.garble.pieces import Piece
from pipeline.vn.orthography import model_form

_SHAPE = re.compile(r"[358]6")
# "sở" is read the same ("các 86, ban, ngành": các sở, ban, ngành); in the train-split pairs 6 of
# 38,437 real numbers score the margin in favour of "sở" between their gold words, 28 of "số"
_WORDS = ("số", "sở")
# ln per LM unit scored: how much likelier "số" must be than a number (3 over its word and the two
# after it; 2 over "số" and the sentence end when a period follows it: "kinh tế 86." is "kinh tế
# số.", 2.1 nats; 2 of 1,657 real one- and two-digit numbers before a sentence end in the
# train-split pairs score 2 or more between their gold words, none of this shape)
_MARGIN_PER_UNIT = 1.0
_BEFORE, _AFTER = 4, 2  # LM units of context read on either side


def _unit(p: Piece, chosen: dict[int, tuple[str, float]]) -> str:
    if p.kind == "word":
        return model_form(chosen.get(id(p), (p.text, 1.0))[0].lower())
    return p.unit


def _score(lm: NgramLM, before: list[str], word: str, after: list[str], end: bool) -> float:
    seq = before + [word] + after
    total = sum(lm.logprob(seq[max(0, k - lm.order + 1) : k], seq[k]) for k in range(len(before), len(seq)))
    return total + (lm.logprob(seq[-(lm.order - 1) :], SENT_END) if end else 0.0)


def respell_so(
    per_line: list[list[Piece]], chosen: dict[int, tuple[str, float]], table: list[bool] | None, lm: NgramLM
) -> None:
    """Write "số" (or "sở") into ``chosen`` for each number of the shape on a prose line where the
    LM is sure."""
    stream = [p for i, ps in enumerate(per_line) if not (table and table[i]) for p in ps]
    lines = {id(p): i for i, ps in enumerate(per_line) for p in ps}
    for k, p in enumerate(stream):
        if p.unit != NUM or p.kind != "keep" or not _SHAPE.fullmatch(p.text) or chosen.get(id(p), (p.text,))[0] != p.text:
            continue
        before: list[str] = []
        for q in reversed(stream[max(0, k - _BEFORE) : k]):
            if q.unit == SENT_END or abs(lines[id(q)] - lines[id(p)]) > 1:
                break
            before.insert(0, _unit(q, chosen))
        after: list[str] = []
        end = True  # the stream's end or a sentence end comes before two units
        for q in stream[k + 1 :]:
            if q.unit == SENT_END:
                break
            if lines[id(q)] - lines[id(p)] > 1 or len(after) == _AFTER:
                end = False
                break
            after.append(_unit(q, chosen))
        if not before and not after:
            continue  # a number alone (a page number): no sentence to judge by
        units = 1 + len(after) + end if end else 1 + _AFTER  # LM units the readings differ over
        as_number = _score(lm, before, NUM, after, end)
        word, best = max(((w, _score(lm, before, w, after, end)) for w in _WORDS), key=lambda ws: ws[1])
        if best - as_number >= _MARGIN_PER_UNIT * units:
            chosen[id(p)] = (word, 1.0)
