"""Table-line readings put right after decoding (issue 13): a semicolon that an English-model
OCR read as a colon in a table's running text, and a unit cell's wrapped "tỉnh" at a line's end.

At a table's small type the English model loses the comma tail of ";" and reads ":" ("chất
lượng: tăng cường ...").  A task cell's clauses are joined by semicolons; a colon there would
open a list or an explanation, which the plans' cells write on their own lines.  So on a table
line, a colon glued to a word and followed by a lower-case word (on the line, or first on the
next line) is read ";" (dev legacy table lines: 35 such colons on the odd-numbered documents
were ";" in the gold, none ":"; the rest were specks or a hook's garble, which the decoder
drops: those are left alone).
"""

from __future__ import annotations

from pipeline.restore.core.lm import NgramLM
from pipeline.restore.ocrfix.garble.pieces import Piece
from pipeline.vn.orthography import strip_diacritics


def colons_to_semicolons(
    per_line: list[list[Piece]], chosen: dict[int, tuple[str, float]], table: list[bool]
) -> None:
    """The decoder's readings (``chosen``) with such colons of table lines read ";"."""

    def reading(p: Piece) -> str:
        return chosen.get(id(p), (p.text, 1.0))[0]

    for i, pieces in enumerate(per_line):
        if not table[i]:
            continue
        for k in range(1, len(pieces)):
            word, mark = pieces[k - 1], pieces[k]
            if (
                word.kind != "word"
                or mark.text != ":"
                or mark.start != word.end
                or reading(mark) != ":"
            ):
                continue
            after = [p for p in pieces[k + 1 :] if p.kind == "word"][:1]
            if not after and k == len(pieces) - 1 and i + 1 < len(per_line) and table[i + 1]:
                after = [p for p in per_line[i + 1] if p.kind == "word"][:1]
            if after and reading(after[0])[:1].islower():
                chosen[id(mark)] = (";", chosen.get(id(mark), (":", 1.0))[1])


# "tỉnh" closes most unit names of a provincial plan (Công an tỉnh, UBND tỉnh, Đài Phát thanh
# và Truyền hình tỉnh): a unit cell wrapped in a narrow column leaves it at the end of a table
# line, after the task cell's words that no rule separates ("chống lãng tinh"), where the LM
# reads "tính"/"tình" from the wrong cell's context.  A line-final "tinh" on a table line is
# "tỉnh" unless the next line's first word makes a likelier pair with the decoder's reading
# ("tình" / "hình": a task cell wrapped inside "tình hình").
_PROVINCE = "tỉnh"
_PAIR_MARGIN = 2.0  # ln: how much likelier the next word must be after the decoder's reading


def province_at_line_end(
    per_line: list[list[Piece]], chosen: dict[int, tuple[str, float]], table: list[bool], lm: NgramLM
) -> None:
    """The decoder's readings (``chosen``) with a table line's last "tinh" read "tỉnh" (above)."""

    def words(i: int) -> list[Piece]:
        return [p for p in per_line[i] if p.kind == "word"] if i < len(per_line) else []

    ruled = [i for i, t in enumerate(table) if t]
    for i in range(ruled[0], ruled[-1] + 1) if ruled else ():  # a long cell's lines between rules too
        line = words(i)
        if not line or per_line[i][-1] is not line[-1] and per_line[i][-1].text not in ",.;":
            continue
        last = line[-1]
        read, conf = chosen.get(id(last), (last.text, 1.0))
        if read == _PROVINCE or not read.islower() or strip_diacritics(read).lower() != "tinh":
            continue
        nxt = words(i + 1)
        if nxt:
            after = chosen.get(id(nxt[0]), (nxt[0].text, 1.0))[0].lower()
            if lm.logprob([read], after) - lm.logprob([_PROVINCE], after) > _PAIR_MARGIN:
                continue
        chosen[id(last)] = (_PROVINCE, conf)
