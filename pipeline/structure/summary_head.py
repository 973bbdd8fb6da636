"""The trích yếu where OCR of a worn page lost a word or read a speck as one.

Lost words are found by the gap they left on the page (below); specks read as marks or capitals at
a wrapped line's edge, and a capital misread after the first word, are read by what the body and
the language's own forms say (see each function).

Words lost:

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

import regex

from pipeline.structure.layout import Ln
from pipeline.structure.summary_words import agreed, clause_pairs
from pipeline.types import Word

_EDGE = ".,;:!?()\"'“”"
# A lost word of two letters and its space moves the line's centre by a char and a half; less than
# that is the jitter of a centred line's box (specks at its ends, a wider bold glyph).
_MIN_SHIFT = 1.5
# A lost word of two letters and its two spaces leave a gap of three chars; the widest gap between
# the words of a centred line read whole is under two.
_MIN_GAP = 3.0
_SLACK = 2  # letters between the gap's width and the candidate's length (bold glyphs vary)
_MIN_SEEN, _DOMINANT = 3, 2  # the body reads it three times at least, twice as often as any other


def _read(ln: Ln) -> tuple[list[Word], float] | None:
    """The words of ``ln`` that hold a letter or a digit, and the width of one of their chars."""
    words = [w for w in ln.words if any(c.isalnum() for c in w.text)]
    letters = sum(len(w.text) for w in words)
    return (words, sum(w.bbox[2] - w.bbox[0] for w in words) / letters) if words and letters else None


def _head_letters(title: Ln, first: Ln) -> float | None:
    """How many letters wide the word lost before ``first`` was: from the box of a mark OCR read in
    its place (a word's width, nothing legible in it: ". cao thực hành"), else from how far right of
    the title's centre the line's box sits; None when it sits centred (or has no box)."""
    text = first.text.strip().lstrip(_EDGE + "-–—~_ ")
    if title.bbox is None or first.bbox is None or not text[:1].islower():
        return None
    read = _read(first)
    marks = [w for w in first.words if not any(c.isalnum() for c in w.text)]
    if read is not None and marks and marks[0].bbox[0] < read[0][0].bbox[0]:
        gap = (read[0][0].bbox[0] - marks[0].bbox[0]) / read[1] - 1  # less the lost word's space
        return gap if gap >= _MIN_GAP - 1 else None
    per_char = (first.bbox[2] - first.bbox[0]) / len(first.text.strip())
    shift = ((first.bbox[0] + first.bbox[2]) - (title.bbox[0] + title.bbox[2])) / 2 / per_char
    return 2 * shift - 1 if shift >= _MIN_SHIFT else None  # the lost word's space is one char of it


def _inner_gaps(ln: Ln) -> list[tuple[str, str, float]]:
    """(word before, word after, letters lost) for each gap in ``ln`` as wide as a lost word (a
    mark OCR read in the word's place is no word)."""
    read = _read(ln)
    if read is None or len(read[0]) < 2:
        return []
    words, per_char = read
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


# A locality: its unit word, then its name in capitals ("tỉnh Nghệ An", "thành phố Huế").
_LOCALITY = r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn) \p{Lu}"


def wrap_comma_specks(summary: str | None, body: Iterable[str], marked: set[tuple[str, str]]) -> str | None:
    """``summary`` without a comma OCR read at a wrapped line's end (``marked`` holds the line's last
    word and the next line's first) where the words are no list's: the body writes the two words
    together three times or more and never with a comma between them, or the next line opens with a
    locality after a word in lower case ("trên địa bàn," / "tỉnh Nghệ An": a locality qualifies the
    word before it, and a comma stands before one only after another name, "huyện A, tỉnh B").  The
    mirror of ``commas_as_the_body``, which keeps the comma the body always writes."""
    if not summary or not marked:
        return summary
    text = "\n".join(body)
    for a, b in marked:
        at = regex.search(rf"(?<!\S){regex.escape(a)}, {regex.escape(b)}(?!\w)", summary)
        if at is None:
            continue
        ea, eb = regex.escape(a), regex.escape(b)
        together = len(regex.findall(rf"(?<!\w){ea}\s+{eb}(?!\w)", text, regex.I))
        cited = regex.search(rf"(?<!\w){ea}\s*,\s*{eb}(?!\w)", text, regex.I) is not None
        locality = a.islower() and regex.match(_LOCALITY, summary[at.end() - len(b) :]) is not None
        if not cited and (together >= _MIN_SEEN or locality):
            summary = summary[: at.start()] + f"{a} {b}" + summary[at.end() :]
    return summary


def caps_specks(summary: str | None, body: Iterable[str]) -> str | None:
    """``summary`` without a token of two or three capitals OCR read from a speck between two words in
    lower case ("năng ĐC lực": the margin's dirt before a wrapped line) that the body writes together
    three times or more and where the body never reads the token: an abbreviation ("UBND") the
    document uses, it uses again."""
    if not summary:
        return summary
    body = list(body)
    text = "\n".join(body)
    for m in reversed(list(regex.finditer(r"(?<=(?<!\S)(\p{Ll}+) )(\p{Lu}{2,3})(?= (\p{Ll}+)(?!\S))", summary))):
        a, tok, b = m.group(1), m.group(2), m.group(3)
        if regex.search(rf"(?<!\w){tok}(?!\w)", text):
            continue
        if len(regex.findall(rf"(?<!\w){regex.escape(a)}\s+{regex.escape(b)}(?!\w)", text, regex.I)) >= _MIN_SEEN:
            summary = summary[: m.start() - 1] + summary[m.end() :]
    return summary


# Unit words a locality's name follows ("tỉnh Long An"): a capital after one is a name's.
_UNITS = frozenset(("tỉnh", "thành", "phố", "huyện", "quận", "thị", "xã", "phường", "trấn", "vùng", "miền"))


def capital_after_first(summary: str | None, body: Iterable[str]) -> str | None:
    """``summary`` with its second word read in capitals between the first word (capitalised only as
    the sentence's opening) and a word in lower case ("Xây An xây dựng": a misread, as a name stands
    after its unit word or in a run of capitals) read as the word the body puts after the first one
    nearly always (three times or more, four in five); ``capitals_from_body`` reads such a word
    further on by the words on both its sides."""
    if not summary:
        return summary
    spans = list(regex.finditer(r"\p{L}+", summary))
    if len(spans) < 3 or any(summary[a.end() : b.start()] != " " for a, b in zip(spans, spans[1:3], strict=False)):
        return summary
    w0, w1, w2 = (m.group(0) for m in spans[:3])
    if not (w0[:1].isupper() and w0[1:].islower() and w1[:1].isupper() and w1[1:].islower() and w2.islower()) \
            or w0.lower() in _UNITS:
        return summary
    best = agreed(Counter(b for a, b in clause_pairs(body) if a == w0.lower()))
    if best is None or best == w1.lower():
        return summary
    return summary[: spans[1].start()] + best + summary[spans[1].end() :]
