"""The garble lattice's positions in decoding order: prose in the text's order, a ruled table's
lines column by column (``column_streams``), each column's stream its own LM context."""

from __future__ import annotations

import re

from pipeline.restore.core.decoder import SENT_END
from pipeline.restore.ocrfix.garble.pieces import Piece
from pipeline.restore.ocrfix.settings import CELL_RULES
from pipeline.vn.timeframes import is_time

Candidates = list[tuple[str, str, float]]  # (LM unit, output text, score)
Fragment = list[tuple[Piece, Candidates | None]]  # one cell's pieces on one line, with their readings
_END = [(SENT_END, 0.0)]
# Where a table stream stops, its cell has usually not ended: it wraps on, in the same column of
# the next line, which the streams did not link ("Sở Kế" / "hoạch và Đầu tư").  The context
# restarts there without the LM's sentence end, which reads such a cut as a sentence ending
# after "Kế" and prefers "kể" ("đáng kể.").
SOFT_END = "<s>"
_SOFT = [(SOFT_END, 0.0)]


class Lattice:
    """Positions and their owners, as ``_lattice`` adds them."""

    def __init__(self) -> None:
        self.positions: list[list[tuple[str, float]]] = []
        self.owners: list[tuple[Piece, list[str]] | None] = []
        self.detached: list[list[Fragment]] = []

    def end_sentence(self, soft: bool = False) -> None:
        if self.positions and self.positions[-1] not in (_END, _SOFT):
            self.positions.append(list(_SOFT if soft else _END))
            self.owners.append(None)

    def emit(self, fragment: Fragment) -> None:
        for p, cands in fragment:
            if cands is None:
                self.positions.append([(p.unit, 0.0)])
                self.owners.append(None)
            else:
                self.positions.append([(unit, sc) for unit, _, sc in cands])
                self.owners.append((p, [out for _, out, _ in cands]))

    def add_region(self, region: list[list[Fragment]]) -> None:
        """A table region: its first column's stream in the text's place (it continues the
        prose before and after), every other stream kept for the end, each its own context."""
        if not region:
            return
        first, *others = column_streams(region)
        for fragment in first:
            self.emit(fragment)
        self.detached += others

    def flush(self) -> None:
        """The streams kept for the end."""
        for stream in self.detached:
            self.end_sentence(soft=CELL_RULES.soft_stream_ends)
            for fragment in stream:
                self.emit(fragment)
        self.detached = []


def column_streams(region: list[list[Fragment]]) -> list[list[Fragment]]:
    """A table region's fragments as streams, each a column's text in line order.

    The first fragment of a line continues the first column's stream (the row label and the
    task, the widest cell, which wraps most); the last fragment of a line with several continues
    the last fragment of the line before when that one had several too (the timeframe: "Quý" /
    "IV/2019"); a middle fragment continues the same place of the line before when both lines
    have as many fragments, and otherwise starts a stream of its own.
    """
    streams: list[list[Fragment]] = []
    prev: list[int] = []  # stream index of each fragment of the line before
    for fragments in region:
        n = len(fragments)
        cur = []
        for j, fragment in enumerate(fragments):
            if j == 0 and prev:
                s = prev[0]
            elif j == n - 1 and j and len(prev) >= 2:
                s = prev[-1]
                if (
                    CELL_RULES.closed_time_streams and len(prev) >= 3 and n < len(prev)
                    and _closed_time(streams[s][-1]) and not _time_part(fragment)
                ):
                    s = prev[-2]  # the timeframe was whole: this continues the cell before it
            elif 0 < j < n - 1 and len(prev) == n:
                s = prev[j]
            else:
                streams.append([])
                s = len(streams) - 1
            streams[s].append(fragment)
            cur.append(s)
        prev = cur
    return streams


_OPEN_TIME = re.compile(r"(?:Qu[yýỹi]|QUY|H[aàằ]ng|Th[uư][oờ]ng|Th[aá]ng|N[aă]m|[-–])[:.]?$")
_TIME_PART = re.compile(
    r"(?:[IVXlTH1|]{1,4}|\d{1,2})/(?:19|20)\d\d|(?:19|20)\d\d|[-–] ?(?:19|20)\d\d|xu[yýi][eéèêế]n|n[aăi]m", re.IGNORECASE
)


def _fragment_text(fragment: Fragment) -> str:
    return " ".join(p.text for p, _ in fragment).strip(" .;,")


def _closed_time(fragment: Fragment) -> bool:
    """A fragment that is a whole timeframe ("Quý II/2019", "Hằng năm", "2021 - 2025"), not one
    that a wrapped line completes ("Quý", "2021 -", "Thường")."""
    text = _fragment_text(fragment)
    return is_time(text) and not _OPEN_TIME.search(text)


def _time_part(fragment: Fragment) -> bool:
    """A fragment that may end a timeframe begun on the line before ("IV/2019", "xuyên", "- 2025")."""
    text = _fragment_text(fragment)
    return is_time(text) or bool(_TIME_PART.fullmatch(text))
