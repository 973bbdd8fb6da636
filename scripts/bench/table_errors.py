"""Where the syllable errors of restored legacy-document lines come from (issue 13's ``--errors``).

Each line's errors are charged exactly as ``pipeline.evaluate.score_line`` charges them (the
token edit script of predicted against gold), then each edit gets a cause, read from the three
texts of the line: the OCR input, the restoration and the gold.  The cause that matters first is
whether restoration could have got the word at all: a gold word with no OCR token near it (the
English model lost it, or read it on another line) is beyond the restore stage, and so is every
word of a line whose OCR kept less than half of the gold ("lost line": a shaded group row read
as noise).  The rest are restoration's: a reading with the right letters but the wrong marks, a
garble decoded to another word, a garble left as it was, a number or row label, punctuation, a
word dropped or merged, a token left over.  Errors on a word at a cell's edge, on a line where
the restoration found fewer cell boundaries than the gold has, are marked "edge" (the boundary
was lost, so the LM read the word beside another cell's words).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from pipeline.vn.orthography import nfc, strip_marks

_PUNCT = ".,;:!?()\"'“”‘’"
_GAP = 0.7  # cost of leaving a token unaligned; a substitution costs 1.2 x the letters' share changed
BEYOND = ("lost line", "lost by OCR", "another line's word")  # causes that no restoration can mend


def _base(tok: str) -> str:
    return strip_marks(tok).lower().strip(_PUNCT)


def _cost(a: str, b: str) -> float:
    x, y = _base(a), _base(b)
    return Levenshtein.distance(x, y) / max(len(x), len(y), 1) if x or y else 0.0


def align(src: list[str], ref: list[str]) -> list[tuple[int | None, int | None]]:
    """Token alignment by letters (marks, case and edge punctuation aside): pairs of indexes,
    None where a token has no partner."""
    n, m = len(src), len(ref)
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        cost[i][0], back[i][0] = i * _GAP, 1
    for j in range(1, m + 1):
        cost[0][j], back[0][j] = j * _GAP, 2
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            sub = 0.0 if src[i - 1] == ref[j - 1] else 1.2 * _cost(src[i - 1], ref[j - 1])
            cost[i][j], back[i][j] = min(
                (cost[i - 1][j - 1] + sub, 0), (cost[i - 1][j] + _GAP, 1), (cost[i][j - 1] + _GAP, 2)
            )
    out: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        out.append((i - 1 if step != 2 else None, j - 1 if step != 1 else None))
        i, j = (i - (step != 2), j - (step != 1))
    return out[::-1]


def _cell_edges(line: str) -> set[int]:
    """Indexes of the tokens of ``line`` that open or close a TAB cell (the line's ends aside)."""
    out: set[int] = set()
    k = 0
    cells = line.split("\t")
    for c, cell in enumerate(cells):
        n = len(cell.split())
        if n and c:
            out.add(k)
        if n and c < len(cells) - 1:
            out.add(k + n - 1)
        k += n
    return out


def _cause(p: str | None, g: str | None, o: str | None, pred: list[str], near: set[str]) -> str:
    """The cause of one edit: predicted token ``p``, gold token ``g``, the OCR token aligned to
    ``g``; ``near``: the letters of the gold words of the lines around."""
    if g is None:
        assert p is not None
        if not any(c.isalnum() for c in p):
            return "junk token left"
        return "another line's word" if _base(p) in near else "extra word"
    if p is None:
        if o is None:
            return "lost by OCR"
        inside = any(_base(g) and _base(g) in _base(x) and _base(x) != _base(g) for x in pred)
        return "merged into another token" if inside else "dropped by restore"
    if _base(p) == _base(g):
        if p.strip(_PUNCT) == g.strip(_PUNCT):
            return "punctuation"
        if p.lower() == g.lower():
            return "case"
        return "marks: right letters read" if o is not None and _base(o) == _base(g) else "marks: garble decoded"
    if any(c.isdigit() for c in p + g):
        return "number or row label"
    if o is None:
        return "lost by OCR"  # the gold word has no OCR token: whatever stands there is another's
    if p == o:
        return "garble left as read"
    if _base(o) == _base(g):
        return "right letters changed"
    return "garble decoded to another word"


def line_errors(ocr: str, pred: str, gold: str, around: str = "") -> list[str]:
    """One cause per syllable edit that ``score_line(pred, gold)`` counts on this line;
    ``around``: the gold of the lines before and after (a word the OCR read on the wrong line)."""
    return [cause for cause, _ in line_edits(ocr, pred, gold, around)]


def line_edits(ocr: str, pred: str, gold: str, around: str = "") -> list[tuple[str, str]]:
    """``line_errors`` with each edit shown as "ocr > predicted / gold"."""
    ocr, pred, gold = nfc(ocr), nfc(pred), nfc(gold)
    o_toks, p_toks, g_toks = ocr.split(), pred.split(), gold.split()
    ops = [b for b in Levenshtein.opcodes(p_toks, g_toks) if b.tag != "equal"]
    if not ops:
        return []
    o_of = {j: i for i, j in align(o_toks, g_toks) if i is not None and j is not None}
    kept = sum(1 for j, i in o_of.items() if _cost(o_toks[i], g_toks[j]) < 0.5)
    lost_line = len(g_toks) >= 3 and kept < 0.5 * len(g_toks)
    near = {_base(t) for t in around.split()} - {_base(t) for t in g_toks}
    edges = _cell_edges(gold) if pred.count("\t") < gold.count("\t") else set()
    out: list[tuple[str, str]] = []
    for b in ops:
        ps, gs = list(range(b.src_start, b.src_end)), list(range(b.dest_start, b.dest_end))
        pairs = align([p_toks[i] for i in ps], [g_toks[j] for j in gs])
        causes = []
        for pi, gj in pairs:
            p = p_toks[ps[pi]] if pi is not None else None
            j = gs[gj] if gj is not None else None
            g = g_toks[j] if j is not None else None
            o = o_toks[o_of[j]] if j is not None and j in o_of else None
            cause = "lost line" if lost_line else _cause(p, g, o, p_toks, near)
            if j in edges and cause not in BEYOND:
                cause = "edge: " + cause
            causes.append((cause, f"{o or '∅'} > {p or '∅'} / {g or '∅'}"))
        n = max(len(ps), len(gs))  # what the scorer charges for this block
        out += (causes + [("unpaired", "")] * n)[:n]
    return out


@dataclass
class ErrorCounts:
    """Edits by cause, over lines of one kind, with the gold syllables they are out of."""

    syllables: int = 0
    causes: Counter[str] = field(default_factory=Counter)
    examples: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, ocr: str, pred: str, gold: str, around: str = "") -> None:
        self.syllables += len(gold.split())
        for cause, shown in line_edits(ocr, pred, gold, around):
            self.causes[cause] += 1
            self.examples.setdefault(cause, Counter())[shown] += 1

    def shown(self, per_cause: int = 8) -> str:
        """The commonest edits of each cause, "ocr > predicted / gold"."""
        return "\n".join(
            f"- {c}: " + "; ".join(f"{e} ×{n}" if n > 1 else e for e, n in self.examples[c].most_common(per_cause))
            for c, _ in self.causes.most_common()
        )

    def table(self, title: str) -> str:
        """Markdown: each cause in points of syllable accuracy, restoration's share apart."""
        total = sum(self.causes.values())
        beyond = sum(n for c, n in self.causes.items() if c in BEYOND)

        def pt(n: int) -> str:
            return f"{100 * n / max(1, self.syllables):.2f}"

        rows = [f"| {title}: cause | edits | points |", "|---|---|---|"]
        rows += [f"| {c} | {n} | {pt(n)} |" for c, n in self.causes.most_common()]
        rows.append(f"| **all** ({self.syllables:,} syllables) | {total} | {pt(total)} |")
        rows.append(f"| beyond restoration ({' / '.join(BEYOND)}) | {beyond} | {pt(beyond)} |")
        rows.append(f"| restoration's | {total - beyond} | {pt(total - beyond)} |")
        return "\n".join(rows)

