"""A semicolon that an English-model OCR read as a colon, in a table's running text (issue 13).

At a table's small type the English model loses the comma tail of ";" and reads ":" ("chất
lượng: tăng cường ...").  A task cell's clauses are joined by semicolons; a colon there would
open a list or an explanation, which the plans' cells write on their own lines.  So on a table
line, a colon glued to a word and followed by a lower-case word (on the line, or first on the
next line) is read ";" (dev legacy table lines: 35 such colons on the odd-numbered documents
were ";" in the gold, none ":"; the rest were specks or a hook's garble, which the decoder
drops: those are left alone).
"""

from __future__ import annotations

from pipeline.restore.ocrfix.garble.pieces import Piece


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
