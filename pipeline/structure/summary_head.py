"""Words of the trích yếu that OCR lost, found by the gap they left on the page.

A trích yếu opens with a capitalised word and is printed centred under the title, its words one
space apart.  When OCR of a worn scan drops a word, the page shows where: a first word lost leaves
the line read in lower case ("mạnh phòng, chống thiên tai …") and its box right of the title's
centre by half the word's width; a word lost inside a line leaves a gap of a word and two spaces
between two word boxes ("Hoàn thiện ⎵⎵⎵ dựng nông thôn mới").  The gap says a word was lost and
about how long it was; the body, which restates the trích yếu's phrases, says which: the word of
that length it puts before the word after the gap, three times at least and twice as often as any
other.  Without the page's geometry (a text source) nothing is added.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from pipeline.structure.layout import Ln

_EDGE = ".,;:!?()\"'“”"
# A lost word of two letters and its space moves the line's centre by a char and a half; less than
# that is the jitter of a centred line's box (specks at its ends, a wider bold glyph).
_MIN_SHIFT = 1.5
# A lost word of two letters and its two spaces leave a gap of three chars; the widest gap between
# the words of a centred line read whole is under two.
_MIN_GAP = 3.0
_SLACK = 2  # letters between the gap's width and the candidate's length (bold glyphs vary)
_MIN_SEEN, _DOMINANT = 3, 2  # the body reads it three times at least, twice as often as any other


def _head_letters(title: Ln, first: Ln) -> float | None:
    """How many letters wide the word lost before ``first`` was, from how far right of the title's
    centre its box sits; None when it sits centred (or either has no box)."""
    text = first.text.strip()
    if title.bbox is None or first.bbox is None or not text[:1].islower():
        return None
    per_char = (first.bbox[2] - first.bbox[0]) / len(text)
    shift = ((first.bbox[0] + first.bbox[2]) - (title.bbox[0] + title.bbox[2])) / 2 / per_char
    return 2 * shift - 1 if shift >= _MIN_SHIFT else None  # the lost word's space is one char of it


def _inner_gaps(ln: Ln) -> list[tuple[str, str, float]]:
    """(word before, word after, letters lost) for each gap in ``ln`` as wide as a lost word."""
    words = [w for w in ln.words if w.text.strip()]
    letters = sum(len(w.text) for w in words)
    if len(words) < 2 or not letters:
        return []
    per_char = sum(w.bbox[2] - w.bbox[0] for w in words) / letters
    out = []
    for a, b in zip(words, words[1:], strict=False):
        gap = (b.bbox[0] - a.bbox[2]) / per_char
        if gap >= _MIN_GAP and b.text[:1].islower():
            out.append((a.text, b.text, gap - 1))  # one of the gap's spaces is the line's own
    return out


def _before(word: str, body: Iterable[str]) -> Counter[str]:
    """The words the body puts right before ``word`` (lower case, edge marks off)."""
    seen: Counter[str] = Counter()
    for t in body:
        words = [w.strip(_EDGE).lower() for w in t.split()]
        seen.update(a for a, b in zip(words, words[1:], strict=False) if b == word and a.isalpha())
    return seen


def _named(nxt: str, letters: float, body: Sequence[str]) -> str | None:
    """The word of about ``letters`` letters the body puts before ``nxt`` far more than any other."""
    fits = [(w, n) for w, n in _before(nxt.strip(_EDGE).lower(), body).most_common() if abs(len(w) - letters) <= _SLACK]
    if not fits or fits[0][1] < _MIN_SEEN or (len(fits) > 1 and fits[0][1] < _DOMINANT * fits[1][1]):
        return None
    return fits[0][0]


def lost_words(summary: str | None, title: Ln, lines: Sequence[Ln], body: Iterable[str]) -> str | None:
    """``summary`` (read from ``lines``, under ``title``) with the words OCR lost put back where the
    page shows a gap and the body names the word (see the module's docstring); as it is otherwise."""
    if not summary or not lines:
        return summary
    body = list(body)
    for ln in lines:
        for a, b, letters in _inner_gaps(ln):
            pair = list(re.finditer(rf"(?<!\S){re.escape(a)} {re.escape(b)}(?!\S)", summary))
            if len(pair) == 1 and (word := _named(b, letters, body)) is not None:
                at = pair[0].start() + len(a)
                summary = f"{summary[:at]} {word}{summary[at:]}"
    head = _head_letters(title, lines[0])
    if head is not None and summary[:1].islower() and (word := _named(summary.split()[0], head, body)) is not None:
        summary = f"{word[:1].upper()}{word[1:]} {summary}"
    return summary
