"""Unit names on table lines written as the official list writes them (issue 13).

The lead and coordinating cells of a plan's table name the same few units row after row ("Sở
Thông tin và Truyền thông", "Đài Phát thanh và Truyền hình tỉnh", "Các sở, ban, ngành"). Read by
an English-model OCR without marks, such a name's letters survive but the decoder may choose a
commoner word with the same letters ("Truyền thống", "Số Tư pháp", "Công an tính", "Đại Phát
thanh"). A span of a table line whose words have, letter for letter (marks and case aside), the
words of a standard unit name (``pipeline.vn.units``, general administrative knowledge) takes the
name's marks: the whole name anywhere, or its beginning or end where the cell's slice is cut by
the column's width (a cell boundary, the line's end or a list's comma on the cut side). Case is
kept as read; a span that two names would spell differently is left alone.

After decoding, one word of a span of three or more may also be a slip: its letters one edit
from the name's word ("Sở Nói và" for "Sở Nội vụ", "Sở Tại chín" for "Sở Tài chính"), where the
decoder, reading a garbled word with only its cell's few words around it, took a commoner word.
Two other words of the span spell the name letter for letter, so the cell is the unit's; the
slip takes the name's word.  The name's last word read as a short run of consonants (strokes
with no vowel, so no syllable: "Đầu wr") takes the name's word after one exact word.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz.distance import Levenshtein

from pipeline.vn.orthography import strip_marks
from pipeline.vn.units import STANDARD_UNITS

_NAMES: tuple[tuple[str, ...], ...] = tuple(tuple(re.findall(r"[^\W\d_]+", n)) for n in STANDARD_UNITS)


def _skeleton(word: str) -> str:
    return strip_marks(word).lower()


_SKELETONS = tuple(tuple(_skeleton(w) for w in n) for n in _NAMES)
_FIRST_WORDS = {s for n in _SKELETONS for s in n}


def _case_clash(got: list[str], want: tuple[str, ...]) -> bool:
    """A word capitalised where the name has it in lower case ("Văn Tài liệu" is no "vận tải")."""
    return any(g[:1].isupper() and w[:1].islower() for g, w in zip(got, want, strict=True))


def _lone_tail(i: int, words: list[str], gaps: list[str]) -> bool:
    """Whether word ``i``, in lower case, is a cell's slice of its own that may end a name
    ("tỉnh" under "Công an"): a cell boundary before it, and after it a boundary (no full stop) or
    a comma and the next unit's capital."""
    if not words[i].islower() or not (i == 0 or "\t" in gaps[i]):
        return False
    after = gaps[i + 1]
    if i + 1 == len(words) or "\t" in after:
        return "." not in after
    return "," in after and words[i + 1][:1].isupper()


def _lone_head(i: int, words: list[str], gaps: list[str]) -> bool:
    """Whether word ``i``, capitalised, is a name's first word cut off by the column's width
    at the end of a list of units ("Sở Tư pháp, Đài" / "Phát thanh ..."): a comma before it, a
    cell boundary or the line's end after it."""
    return i > 0 and words[i][:1].isupper() and "," in gaps[i] and _edge(i + 1, gaps) and "." not in gaps[i + 1]


def _edge(k: int, gaps: list[str]) -> bool:
    """A cell boundary (or the line's start or end) at gap ``k``."""
    return k == 0 or k == len(gaps) - 1 or "\t" in gaps[k]


def _fits(i: int, size: int, off: int, name: tuple[str, ...], words: list[str], gaps: list[str]) -> bool:
    """Whether words ``i`` .. ``i + size`` (those of ``name`` from its word ``off``, by their
    letters) read as the name: whole anywhere; its beginning where the cell's slice ends ("Sở
    Thông tin và" / ...); its end where a cell opens (a boundary, or a capital after lower case:
    no rule read), or its last word alone as a cell's slice (... / "tỉnh,")."""
    if off == 0:
        return size == len(name) or _edge(i + size, gaps)
    if off + size != len(name):
        return False
    if size == 1:
        return _lone_tail(i, words, gaps) and name[-1].islower()
    opens = _edge(i, gaps) or (words[i][:1].isupper() and words[i - 1][:1].islower())
    return opens and not _case_clash(words[i + 1 : i + size], name[off + 1 : off + size])


# A slip stands in a span of this many words or more, the others exact (see ``_spells``).
_SLIP_SPAN = 3
# A short lower-case token without a vowel is no syllable: the English model's strokes for one
# ("w", "wr", "tr" for "tư").  Ending a name's span whose other words are exact, it is the name's.
_VOWELLESS = re.compile(r"[b-df-hj-np-tv-z]{1,2}")


def _slip(got: str, want: str) -> bool:
    """One edit between two skeletons, the first letter kept."""
    return got != want and len(want) >= 2 and got[:1] == want[:1] and Levenshtein.distance(got, want, score_cutoff=1) <= 1


def _spells(got: list[str], want: tuple[str, ...], slips: bool) -> bool:
    """Whether the skeletons ``got`` spell ``want``: letter for letter, or with ``slips`` one
    slip in a span of ``_SLIP_SPAN`` words or more (its first word exact)."""
    if len(got) != len(want):
        return False
    wrong = [k for k, (g, w) in enumerate(zip(got, want, strict=True)) if g != w]
    if not wrong:
        return True
    if not slips or len(wrong) != 1 or wrong[0] == 0:
        return False
    k = wrong[0]
    if k == len(got) - 1 and _VOWELLESS.fullmatch(got[k]):
        return True  # the name's last word read as strokes without a vowel ("Đầu wr": tư)
    return len(got) >= _SLIP_SPAN and _slip(got[k], want[k])


def _one_cell(i: int, size: int, gaps: list[str]) -> bool:
    """No cell boundary inside words ``i`` .. ``i + size``: a slip is read inside one cell only
    (across a boundary the next cell's word is no slip: "thị xã,\tTháng")."""
    return not any("\t" in g for g in gaps[i + 1 : i + size])


def _best_at(
    i: int, words: list[str], skel: list[str], gaps: list[str], slips: bool = False
) -> tuple[int, set[str]]:
    """The longest standard-name span read at word ``i``, and how the names spell it."""
    best, spellings = 0, set[str]()
    for name, sk in zip(_NAMES, _SKELETONS, strict=True):
        for off in range(len(name)):
            size = len(name) - off
            least = 1 if off == len(name) - 1 or off == 0 and _lone_head(i, words, gaps) else 2
            while size >= least and (
                i + size > len(words)
                or not _spells(skel[i : i + size], sk[off : off + size], slips and _one_cell(i, size, gaps))
            ):
                size -= 1
            if size < least or not _fits(i, size, off, name, words, gaps):
                continue
            if size > best:
                best, spellings = size, set()
            if size == best:
                spellings.add(" ".join(name[off : off + size]).lower())
    return best, spellings


def respell_words(words: list[str], gaps: list[str], slips: bool = False) -> list[str]:
    """``words`` of one table line (letters only) with the spans that are standard unit names
    respelled; ``gaps[k]`` is the text between word k-1 and word k (``gaps[0]`` before the first
    word, ``gaps[len(words)]`` after the last): a TAB there is a cell boundary.  ``slips``: one
    word of a long span may be a slip (see the module docstring)."""
    out = list(words)
    skel = [_skeleton(w) for w in words]
    i = 0
    while i < len(words):
        best, spellings = _best_at(i, words, skel, gaps, slips) if skel[i] in _FIRST_WORDS else (0, set())
        if not best or len(spellings) != 1:
            i += 1
            continue
        for k, w in enumerate(next(iter(spellings)).split()):
            got = words[i + k]
            if len(got) == len(w):  # marks only: the case stays as read
                out[i + k] = "".join(c.upper() if o.isupper() else c.lower() for c, o in zip(w, got, strict=True))
            elif _slip(_skeleton(got), _skeleton(w)) or _VOWELLESS.fullmatch(got):  # the name's word, in the case read
                out[i + k] = w.upper() if got.isupper() and len(got) > 1 else w.capitalize() if got[:1].isupper() else w
        i += best
    return out


_WORD = re.compile(r"[^\W\d_]+")


def respell_line(line: str) -> str:
    """A table line with its standard unit names respelled (``respell_words`` on its words)."""
    spans = [m.span() for m in _WORD.finditer(line)]
    if not spans:
        return line
    words = [line[a:b] for a, b in spans]
    gaps = [line[: spans[0][0]]] + [line[spans[k - 1][1] : spans[k][0]] for k in range(1, len(spans))] + [line[spans[-1][1] :]]
    new = respell_words(words, gaps)
    out = list(line)
    for (a, b), w in zip(spans, new, strict=True):
        out[a:b] = list(w) if len(w) == b - a else out[a:b]
    return "".join(out)


def respell_chosen(lines: list[str], per_line: list[list[Any]], chosen: dict[int, tuple[str, float]], table: list[bool]) -> None:
    """The decoder's readings (``chosen``: piece id -> reading, confidence) of the table lines'
    words, their unit names respelled in place; the line is put together as ``assemble`` does."""
    for ln, pieces, on_table in zip(lines, per_line, table, strict=False):
        if not on_table:
            continue
        buf, spans, pos = "", [], 0
        for p in pieces:
            if p.kind != "word" and id(p) not in chosen:
                continue
            new, conf = chosen.get(id(p), (p.text, 1.0))
            buf += ln[pos : p.start]
            spans.append((p, len(buf), new, conf))
            buf += new
            pos = p.end
        buf += ln[pos:]
        out = respell_line(buf)
        if out != buf:
            for p, start, new, conf in spans:
                if out[start : start + len(new)] != new:
                    chosen[id(p)] = (out[start : start + len(new)], conf)
        _respell_slips(buf, [(p, start, chosen.get(id(p), (new, conf))[0], conf) for p, start, new, conf in spans], chosen)


def _respell_slips(buf: str, spans: list[tuple[Any, int, str, float]], chosen: dict[int, tuple[str, float]]) -> None:
    """The words of one assembled table line (``spans``: piece, start, reading, confidence) with
    a slip in a standard name's span read as the name's word (``respell_words`` with slips)."""
    words = [(p, a, w, c) for p, a, w, c in spans if _WORD.fullmatch(w)]
    if len(words) < _SLIP_SPAN:
        return
    ends = [a + len(w) for _, a, w, _ in words]
    gaps = [buf[: words[0][1]]] + [buf[ends[k - 1] : words[k][1]] for k in range(1, len(words))] + [buf[ends[-1] :]]
    new = respell_words([w for _, _, w, _ in words], gaps, slips=True)
    for (p, _, w, c), n in zip(words, new, strict=True):
        if n != w:
            chosen[id(p)] = (n, c)
