"""Specks after a word that never ends a sentence, on a table's lines (issue 13).

At a table's small type the English model reads a speck beside a word as "." or ":" ("va.",
"cic.", "va:"), and a quote mark ("va”").  After a word that always has its complement after it
(the conjunction "và", the plural "các" / "những", the possessive "của", the preposition
"với") no sentence or cell ends and no list or quotation opens: such a mark glued to it is the
speck.  (Dev legacy documents: "va." 24 times "và" in the gold, once another word's garble.)
A comma or a semicolon is left: it may be the garble's own ("va," for "vụ,").
"""

from __future__ import annotations

from pipeline.restore.ocrfix.garble.pieces import Piece

_OPEN_WORDS = frozenset({"và", "các", "những", "của", "với"})
_SPECKS = frozenset({".", ":", "”", "’", "'", "“", "‘"})


def drop_open_word_specks(
    per_line: list[list[Piece]], chosen: dict[int, tuple[str, float]], table: list[bool]
) -> None:
    """The decoder's readings (``chosen``) with a speck glued after such a word dropped."""
    for pieces, on_table in zip(per_line, table, strict=False):
        if not on_table:
            continue
        for word, mark in zip(pieces, pieces[1:], strict=False):
            if word.kind != "word" or mark.start != word.end or mark.text not in _SPECKS:
                continue
            text, conf = chosen.get(id(word), (word.text, 1.0))
            if text.lower() in _OPEN_WORDS and chosen.get(id(mark), (mark.text, 1.0))[0] == mark.text:
                chosen[id(mark)] = ("", conf)
