"""A trích yếu's first line whose left part OCR read apart, as a block of its own further down.

Tesseract's page layout may cut a long centered line in two and read its left part after the
blocks beside it: the trích yếu then opens mid-phrase, in lower case ("ối trường trên địa bàn …",
of "Triển khai bảo vệ môi trường trên địa bàn …"), and its head stands alone among the Căn cứ
lines under it ("Triển khai bảo vệ m").  A trích yếu always opens with a capital, so a first line
in lower case lost its head; the head is a short line of the preamble that opens with a capital
and ends no clause, after a line that does (it interrupts no paragraph).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from pipeline.structure.layout import Ln
from pipeline.structure.patterns import (
    RE_ARTICLE,
    RE_CHAPTER,
    RE_KINH_GUI,
    RE_MULTI,
    RE_NUM,
    RE_ROMAN,
    edit_distance,
)
from pipeline.structure.summary_words import _WORD, _cased, agreed
from pipeline.vn.orthography import is_caps, strip_marks
from pipeline.vn.syllables import is_vietnamese_syllable

_CLAUSE_END = (".", ";", ":", ",", "!", "?")
_MAX_WORDS = 8  # a head is a part of one centered line


def _opens_lower(t: str) -> bool:
    """Whether the first letter of ``t`` is a small one (marks and digits OCR left before it aside)."""
    first = next((c for c in t if c.isalpha()), "")
    return first.islower()


def _heading(t: str) -> bool:
    return bool(RE_ROMAN.match(t) or RE_ARTICLE.match(t) or RE_CHAPTER.match(t) or RE_NUM.match(t) or RE_MULTI.match(t))


def _head_like(t: str) -> bool:
    words = t.split()
    return (
        0 < len(words) <= _MAX_WORDS
        and t[:1].isalpha()
        and t[:1].isupper()
        and not is_caps(t)
        and not t.endswith(_CLAUSE_END)
        and not RE_KINH_GUI.match(t)
    )


def _beside(head: Ln, first: Ln) -> bool:
    """With geometry: the head stands on the first line's row, left of it."""
    assert head.bbox is not None and first.bbox is not None
    top, bottom = max(head.bbox[1], first.bbox[1]), min(head.bbox[3], first.bbox[3])
    return bottom > top and head.bbox[2] <= first.bbox[0]


def head_apart(lines: list[Ln], first: int, body: int, opens_body: Callable[[str], bool]) -> int | None:
    """The index of the line that holds the head of the trích yếu whose first line is ``lines[first]``
    (the body begins at ``body``), or None: the first line opens in capitals, or no such line stands
    in the preamble (up to the body's first heading, on the first line's page).  A line
    ``opens_body`` says opens a paragraph of the body (a Căn cứ, "Theo đề nghị") is no head."""
    if first >= len(lines) or not _opens_lower(lines[first].text):
        return None
    page = lines[first].page_no
    for k in range(body, len(lines)):
        ln = lines[k]
        t = ln.text.strip()
        if ln.page_no != page or _heading(t):
            return None
        if not _head_like(t) or opens_body(t):
            continue
        if ln.geo and lines[first].geo:
            if _beside(ln, lines[first]):
                return k
            continue
        if k > body and lines[k - 1].text.rstrip().endswith(_CLAUSE_END):
            return k
    return None


def _seam_as_the_body(words: list[str], k: int, body: Iterable[str]) -> list[str]:
    """``words`` with the two at the seam (``k``, ``k + 1``) read as the body reads the two words after
    the word before them nearly always (three times or more, four in five), where their letters
    without marks are within two edits of the seam's: the cut word's halves were restored apart
    ("bảo vệ mối trung" where the body writes "bảo vệ môi trường")."""
    if k < 1 or k + 1 >= len(words):
        return words
    prev, a, b = (w.lower() for w in words[k - 1 : k + 2])
    if not (prev.isalpha() and a.isalpha() and b.isalpha()):
        return words
    seen: Counter[tuple[str, str]] = Counter()
    for t in body:
        for clause in re.split(r"[,.;:()\n]", t):
            cw = [w.lower() for w in _WORD.findall(clause)]
            seen.update((y, z) for x, y, z in zip(cw, cw[1:], cw[2:], strict=False) if x == prev)
    best = agreed(seen)
    if best is None or best == (a, b):
        return words
    want, got = strip_marks(best[0] + best[1]), strip_marks(a + b)
    if want[:1] != got[:1] or edit_distance(want, got) > min(2, len(want) // 3):
        return words
    return [*words[:k], _cased(best[0], words[k]), _cased(best[1], words[k + 1]), *words[k + 2 :]]


def with_head(head: str, line: str, body: Iterable[str]) -> str:
    """``line`` with ``head`` before it: a word cut at the seam ("m" + "ối") is joined into one where
    the head's last token is no syllable and the two make one; the words at the seam are then read
    as the body reads them (each half of the cut word was restored on its own)."""
    words, rest = head.split(), line.split()
    if not words or not rest:
        return " ".join(words + rest)
    k = len(words) - 1
    if not is_vietnamese_syllable(words[-1]) and is_vietnamese_syllable(words[-1] + rest[0]):
        words[-1] += rest.pop(0)
    else:
        k += 1 if is_vietnamese_syllable(words[-1]) else 0
    return " ".join(_seam_as_the_body(words + rest, k, list(body)))
