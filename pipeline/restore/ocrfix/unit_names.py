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
"""

from __future__ import annotations

import re
from typing import Any

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


def _best_at(i: int, words: list[str], skel: list[str], gaps: list[str]) -> tuple[int, set[str]]:
    """The longest standard-name span read at word ``i``, and how the names spell it."""
    best, spellings = 0, set[str]()
    for name, sk in zip(_NAMES, _SKELETONS, strict=True):
        for off in range(len(name)):
            size = len(name) - off
            least = 1 if off == len(name) - 1 or off == 0 and _lone_head(i, words, gaps) else 2
            while size >= least and (i + size > len(words) or skel[i : i + size] != list(sk[off : off + size])):
                size -= 1
            if size < least or not _fits(i, size, off, name, words, gaps):
                continue
            if size > best:
                best, spellings = size, set()
            if size == best:
                spellings.add(" ".join(name[off : off + size]).lower())
    return best, spellings


def respell_words(words: list[str], gaps: list[str]) -> list[str]:
    """``words`` of one table line (letters only) with the spans that are standard unit names
    respelled; ``gaps[k]`` is the text between word k-1 and word k (``gaps[0]`` before the first
    word, ``gaps[len(words)]`` after the last): a TAB there is a cell boundary."""
    out = list(words)
    skel = [_skeleton(w) for w in words]
    i = 0
    while i < len(words):
        best, spellings = _best_at(i, words, skel, gaps) if skel[i] in _FIRST_WORDS else (0, set())
        if not best or len(spellings) != 1:
            i += 1
            continue
        for k, w in enumerate(next(iter(spellings)).split()):
            got = words[i + k]
            if len(got) == len(w):  # marks only: the case stays as read
                out[i + k] = "".join(c.upper() if o.isupper() else c.lower() for c, o in zip(w, got, strict=True))
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
        if out == buf:
            continue
        for p, start, new, conf in spans:
            if out[start : start + len(new)] != new:
                chosen[id(p)] = (out[start : start + len(new)], conf)
