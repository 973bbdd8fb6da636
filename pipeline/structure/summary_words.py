"""The trích yếu's words as the document's body reads them.

The trích yếu is one or two lines under the title, restored with little context (a line that opens
with its topic: "Don déc cai c4ch hanh chinh" -> "Đơn độc cải cách hành chính"), while the body
restates its words many times with a sentence around them ("... đôn đốc cải cách hành chính ...").
Where a pair of the summary's words has the letters (marks aside) of a pair the body reads one way
only, at least twice, and never the summary's way (or three times and twice as often as the
summary's way: the body's own restoration slips as well), the summary's pair is read as the body reads it.
A summary word restoration could not decode ("Tăng ewéng", "nhà nu@¢": no Vietnamese syllable) is
the word the body puts after the same word nearly always, when the two are within two letters of a length.  And "năm"
before a year is "năm" whatever mark OCR gave it ("nằm 2019").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from pipeline.structure.patterns import edit_distance
from pipeline.vn.orthography import strip_marks
from pipeline.vn.syllables import is_vietnamese_syllable

_WORD = re.compile(r"[^\W\d_]+")
_MIN_SEEN = 2
_MIN_CONTEXT, _SHARE = 3, 0.8
_T = TypeVar("_T")
_DOMINANT = 2  # times as often as the summary's reading
_EDGE = ".,;:!?()\"'“”"


def _key(a: str, b: str) -> tuple[str, str]:
    return strip_marks(a).lower(), strip_marks(b).lower()


def _pairs(texts: Iterable[str]) -> dict[tuple[str, str], Counter[tuple[str, str]]]:
    out: dict[tuple[str, str], Counter[tuple[str, str]]] = {}
    for t in texts:
        # pairs inside one clause only: a comma or a stop between two words parts them
        for clause in re.split(r"[,.;:()\n]", t):
            words = _WORD.findall(clause)
            for a, b in zip(words, words[1:], strict=False):
                out.setdefault(_key(a, b), Counter())[(a.lower(), b.lower())] += 1
    return out


def _cased(new: str, old: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def as_the_body_reads(summary: str | None, body: Iterable[str]) -> str | None:
    """``summary`` with each pair of adjacent words the body reads otherwise, consistently (or at least
    twice as often as the summary's way, three times or more), read so.
    A capitalised word past the first (a name: the place logic of the header reads those) and a word
    the body bears out as read with its other neighbour stay as they are."""
    if not summary:
        return summary
    seen = _pairs(body)
    spans = list(_WORD.finditer(summary))
    locked: set[int] = set()
    changes: dict[int, str] = {}
    for k in range(len(spans) - 1):
        m1, m2 = spans[k], spans[k + 1]
        a, b = m1.group(0), m2.group(0)
        variants = seen.get(_key(a, b))
        if not variants or summary[m1.end() : m2.start()] != " ":
            continue
        same = variants[(a.lower(), b.lower())]
        others = [(v, c) for v, c in variants.most_common() if v != (a.lower(), b.lower())]
        # the body's own restoration slips too ("Đơn độc" where it writes "đôn đốc" three times as often):
        # a reading the body gives far more often than the summary's still wins
        if same and not (len(others) == 1 and others[0][1] >= _MIN_CONTEXT and others[0][1] >= _DOMINANT * same):
            locked.update((k, k + 1))
            continue
        if len(others) != 1 or (k > 0 and a[:1].isupper()) or b[:1].isupper() or any(c.isupper() for c in a[1:]):
            continue
        (na, nb), n = others[0]
        if n >= _MIN_SEEN and len(na) == len(a) and len(nb) == len(b):
            changes.setdefault(k, _cased(na, a))
            changes.setdefault(k + 1, _cased(nb, b))
    out = list(summary)
    for k, new in changes.items():
        if k not in locked:
            out[spans[k].start() : spans[k].end()] = new
    return "".join(out)


def _undecoded(token: str) -> bool:
    """A word restoration left as OCR garble: a mark inside it, or letters that make no syllable."""
    core = token.strip(_EDGE)
    if not core or any(c.isdigit() for c in core) or core.isupper() and len(core) > 1:
        return False
    return not core.isalpha() or not is_vietnamese_syllable(core)


def _word_pairs(body: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Each two adjacent words of the body's lines, lower case, edge punctuation off."""
    for t in body:
        words = [w.strip(_EDGE).lower() for w in t.split()]
        yield from zip(words, words[1:], strict=False)


def _followers(body: Iterable[str]) -> dict[str, Counter[str]]:
    """The words the body puts after each word, keyed by that word's letters without marks (a word
    before the undecoded one may have been restored with the wrong mark: "mới trwving" for "môi
    trường"; the marks are the pair's to settle, the later pair check reads them as the body does)."""
    out: dict[str, Counter[str]] = {}
    for a, b in _word_pairs(body):
        if a and b and not _undecoded(b):
            out.setdefault(strip_marks(a), Counter())[b] += 1
    return out


def decoded_from_body(summary: str | None, body: Iterable[str]) -> str | None:
    """``summary`` with each word restoration left undecoded read as the body reads the word after
    the same word (at least three times, four in five of them); "nằm 2019" as "năm 2019"."""
    if not summary:
        return summary
    summary = re.sub(r"\b(?:nằm|nắm|nấm|nẫm|nậm|nam)(?= (?:19|20)\d\d\b)", "năm", summary)
    tokens = summary.split(" ")
    body = list(body)
    tokens[0] = _first_from_body(tokens, body)
    tokens = " ".join(_glued_from_body(tokens, body)).split(" ")
    if not any(_undecoded(t) for t in tokens[1:]):
        return " ".join(tokens)
    after = _followers(body)
    for k in range(1, len(tokens)):
        w, prev = tokens[k], strip_marks(tokens[k - 1].strip(_EDGE).lower())
        if not _undecoded(w) or w[:1].isupper() or _undecoded(prev) or prev not in after:
            continue  # a capitalised word is a name ("Đắk Lắk": no syllable, yet the place's own)
        best = agreed(after[prev])
        core = w.strip(_EDGE)
        if best is not None and abs(len(best) - len(core)) <= 2:
            tokens[k] = w.replace(core, _cased(best, core), 1)
    return " ".join(tokens)


# Digits the English model reads for a marked vowel or a letter ("s6" for số, "v8" for về).
_DIGIT_LETTERS = str.maketrans("06813", "ooeie")


def _glued_from_body(tokens: list[str], body: list[str]) -> list[str]:
    """``tokens`` with a word of letters and a digit glyph that is two words glued ("kinh tés6" for
    kinh tế số) read as the two words the body puts after the same word nearly always (three times
    or more, four in five), when their letters glued are the token's (a digit read as the vowel it
    stands for)."""
    out = list(tokens)
    for k in range(len(tokens) - 1, 0, -1):
        core = tokens[k].strip(_EDGE)
        if not (any(c.isdigit() for c in core) and any(c.isalpha() for c in core) and core.isalnum()):
            continue
        prev = tokens[k - 1].strip(_EDGE).lower()
        seen: Counter[tuple[str, str]] = Counter()
        for t in body:
            for clause in re.split(r"[,.;:()\n]", t):
                words = [w.lower() for w in clause.split()]
                seen.update((b, c) for a, b, c in zip(words, words[1:], words[2:], strict=False) if a == prev)
        best = agreed(seen)
        if best is None:
            continue
        if best[0].isalpha() and best[1].isalpha() \
                and strip_marks(best[0] + best[1]) == strip_marks(core.lower()).translate(_DIGIT_LETTERS):
            out[k] = tokens[k].replace(core, f"{best[0]} {best[1]}", 1)
    return out


def _first_from_body(tokens: list[str], body: list[str]) -> str:
    """The summary's first word when restoration left it garbled ("Y6 chức": letters and a digit
    glyph, or no syllable) and no word stands before it to read it by: the word of its length the
    body puts before the second word nearly always (three times or more, four in five)."""
    core = tokens[0].strip(_EDGE) if len(tokens) > 1 else ""
    mixed = any(c.isdigit() for c in core) and any(c.isalpha() for c in core)
    if not core or not (mixed or _undecoded(core)):
        return tokens[0]
    nxt = tokens[1].strip(_EDGE).lower()
    seen = Counter({w: n for w, n in _predecessors(body).get(nxt, Counter()).items() if len(w) == len(core) and w.isalpha()})
    best = agreed(seen)
    return tokens[0].replace(core, _cased(best, core), 1) if best is not None else tokens[0]


def _clause_words(body: Iterable[str]) -> Iterator[list[str]]:
    """The words of each clause of the body, lower case."""
    for t in body:
        for clause in re.split(r"[,.;:()\n]", t):
            yield [w.lower() for w in _WORD.findall(clause)]


def clause_pairs(body: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Every two words in a row of the body, inside one clause, lower case."""
    for words in _clause_words(body):
        yield from zip(words, words[1:], strict=False)


def _clause_triples(body: Iterable[str]) -> Iterator[tuple[str, str, str]]:
    """Every three words in a row of the body, inside one clause, lower case."""
    for words in _clause_words(body):
        yield from zip(words, words[1:], words[2:], strict=False)


def _triple_counts(body: Iterable[str], slot: int) -> dict[tuple[str, str], Counter[str]]:
    """The words the body puts at ``slot`` of three (1: between each two words, 0: before them),
    keyed by the other two, inside one clause, lower case."""
    out: dict[tuple[str, str], Counter[str]] = {}
    for triple in _clause_triples(body):
        a, b = (w for i, w in enumerate(triple) if i != slot)
        out.setdefault((a, b), Counter())[triple[slot]] += 1
    return out


def agreed(seen: Counter[_T]) -> _T | None:
    """What the body reads nearly always in one context (three times or more, four in five: its own
    restoration may slip now and then), else None."""
    if not seen:
        return None
    (best, n), total = seen.most_common(1)[0], sum(seen.values())
    return best if n >= _MIN_CONTEXT and n >= _SHARE * total else None


def capitals_from_body(summary: str | None, body: Iterable[str]) -> str | None:
    """``summary`` with a word capitalised between two words in lower case ("năng Về cạnh tranh":
    a capital is a misread there, a name stands with its unit word or in a run of capitals) read
    as the body reads the word between the same two words (three times or more, four in five: the
    body's own restoration may slip the same way now and then)."""
    if not summary:
        return summary
    spans = list(_WORD.finditer(summary))
    odd = [k for k in range(1, len(spans) - 1) if spans[k].group(0)[:1].isupper()
           and spans[k - 1].group(0).islower() and spans[k + 1].group(0).islower()
           and summary[spans[k - 1].end() : spans[k].start()] == " " and summary[spans[k].end() : spans[k + 1].start()] == " "]
    if not odd:
        return summary
    between = _triple_counts(body, 1)
    out = list(summary)
    for k in reversed(odd):
        best = agreed(between.get((spans[k - 1].group(0), spans[k + 1].group(0)), Counter()))
        if best is not None and best != spans[k].group(0).lower():
            out[spans[k].start() : spans[k].end()] = best
    return "".join(out)


def near_from_body(summary: str | None, body: Iterable[str]) -> str | None:
    """``summary`` with a word in lower case that OCR and restoration made another word of nearly the
    same letters ("thì hành tiết kiệm" for thực hành: within two edits, the same first letter) read
    as the word the body puts before the same two next words (three times or more, four in five)."""
    if not summary:
        return summary
    spans = list(_WORD.finditer(summary))
    words = [m.group(0) for m in spans]  # as read so far: a word read again is the context of the one before
    before: dict[tuple[str, str], Counter[str]] | None = None
    for k in reversed(range(len(spans) - 2)):
        w = words[k]
        # lower case, or the first word (a name is capitalised past it)
        if not (w.islower() or (k == 0 and w[1:].islower())) \
                or summary[spans[k].end() : spans[k + 1].start()] != " " or summary[spans[k + 1].end() : spans[k + 2].start()] != " ":
            continue
        before = _triple_counts(body, 0) if before is None else before
        best = agreed(before.get((words[k + 1].lower(), words[k + 2].lower()), Counter()))
        if best is None:
            continue
        a, b = strip_marks(best), strip_marks(w.lower())
        if best != w.lower() and a[:1] == b[:1] \
                and edit_distance(a, b) <= min(2, len(a) // 2):
            words[k] = _cased(best, w)
    out, last = [], 0
    for m, w in zip(spans, words, strict=True):
        out.append(summary[last : m.start()] + w)
        last = m.end()
    return "".join(out) + summary[last:]


def _read_after_body(summary: str | None, body: Iterable[str], fits: Callable[[str, str], bool]) -> str | None:
    """``summary`` with each word in lower case read as the word the body puts after the same two
    words nearly always (three times or more, four in five), where ``fits(body's letters, word's
    letters)`` (both without marks) says the word could be an OCR reading of it."""
    if not summary:
        return summary
    spans = list(_WORD.finditer(summary))
    after: dict[tuple[str, str], Counter[str]] | None = None
    out = list(summary)
    for k in reversed(range(2, len(spans))):
        w = spans[k].group(0)
        if not w.islower() or summary[spans[k - 2].end() : spans[k - 1].start()] != " " \
                or summary[spans[k - 1].end() : spans[k].start()] != " ":
            continue
        after = _triple_counts(body, 2) if after is None else after
        best = agreed(after.get((spans[k - 2].group(0).lower(), spans[k - 1].group(0).lower()), Counter()))
        if best is not None and best != w and fits(strip_marks(best), strip_marks(w)):
            out[spans[k].start() : spans[k].end()] = best
    return "".join(out)


def near_after_body(summary: str | None, body: Iterable[str]) -> str | None:
    """``summary`` with a word in lower case that OCR and restoration made another word of nearly the
    same letters ("nông thôn mãi" for mới: a digit read for the marked vowel, restored as another
    mark) read as the word the body puts after the same two words (three times or more, four in
    five; within one edit without marks, the same first letter): near_from_body's other side."""
    return _read_after_body(summary, body, lambda a, b: a[:1] == b[:1] and len(a) == len(b) and edit_distance(a, b) <= 1)


# A quotation mark glued before a word of the trích yếu: a speck on the word unless the text closes it.
_SPECKED = re.compile(r"^[\"“‘'`]+(?=[^\W\d_])")
_CLOSERS = {'"': '"', "“": "”", "‘": "’", "'": "'", "`": "'"}


def _predecessors(body: Iterable[str]) -> dict[str, Counter[str]]:
    """The words the body puts before each word."""
    out: dict[str, Counter[str]] = {}
    for a, b in _word_pairs(body):
        if a and b and not _undecoded(a):
            out.setdefault(b, Counter())[a] += 1
    return out


def specked_from_body(summary: str | None, body: Iterable[str]) -> str | None:
    """``summary`` with a word a speck sat on (a quote mark glued before it that nothing closes:
    'Hướng dẫn "mẹ triển du lịch') without the mark, and read as the word the body puts before the
    next word nearly always (three times or more, four in five) when the body never reads the pair
    as the summary does: the speck garbled the word under it."""
    if not summary:
        return summary
    tokens = summary.split(" ")
    if not any(_SPECKED.match(t) for t in tokens[1:]):
        return summary
    body = list(body)
    pairs, before = _pairs(body), _predecessors(body)
    for k in range(1, len(tokens)):
        m = _SPECKED.match(tokens[k])
        if m is None or _CLOSERS.get(m.group(0)[-1], "") in " ".join(tokens[k:])[m.end():]:
            continue
        tokens[k] = w = tokens[k][m.end():]
        core = w.strip(_EDGE)
        nxt = tokens[k + 1].strip(_EDGE).lower() if k + 1 < len(tokens) else ""
        if not core or not nxt or pairs.get(_key(core, nxt), Counter())[(core.lower(), nxt)]:
            continue
        best = agreed(before.get(nxt, Counter()))
        if best is not None and best != core.lower():
            tokens[k] = w.replace(core, _cased(best, core), 1)
    return " ".join(tokens)


def commas_as_the_body(summary: str | None, body: Iterable[str], marked: set[tuple[str, str]]) -> str | None:
    """``summary`` with a comma between two words where OCR read a mark that the line join dropped
    (``marked``: the last word of a wrapped line that ended in one, the next line's first word:
    "tiết kiệm." / "chống lãng phí") and the body always writes a comma there (three times or
    more, never the two words without it): the mark was the comma, not a speck."""
    if not summary or not marked:
        return summary
    text = "\n".join(body)
    spans = list(_WORD.finditer(summary))
    out, last = [], 0
    for m1, m2 in zip(spans, spans[1:], strict=False):
        if summary[m1.end() : m2.start()] != " " or (m1.group(0), m2.group(0)) not in marked:
            continue
        a, b = re.escape(m1.group(0)), re.escape(m2.group(0))
        with_comma = len(re.findall(rf"(?<!\w){a}, {b}(?!\w)", text, re.I))
        if with_comma >= _MIN_CONTEXT and not re.search(rf"(?<!\w){a}\s+{b}(?!\w)", text, re.I):
            out.append(summary[last : m1.end()] + ",")
            last = m1.end()
    return "".join(out) + summary[last:]


# Onsets no native Vietnamese word has ("p" opens only "ph", and loanwords an administrative text
# does not put in its trích yếu): a word that opens so is a misread of its first glyph ("địa pan"
# for địa bàn: the English model reads a b with a stroke lost as p).
_FOREIGN_ONSET = re.compile(r"^(?:p(?!h)|[fjwz])", re.I)


def onsets_from_body(summary: str | None, body: Iterable[str]) -> str | None:
    """``summary`` with a word in lower case that opens with an onset no Vietnamese word has read as
    the word of the same letters past the first that the body puts after the same word or before
    the same next word nearly always (three times or more, four in five)."""
    if not summary:
        return summary
    spans = list(_WORD.finditer(summary))
    odd = [k for k, m in enumerate(spans) if _FOREIGN_ONSET.match(m.group(0)) and (k == 0 or m.group(0).islower())]
    if not odd:
        return summary
    pairs = list(clause_pairs(body))
    out = list(summary)
    for k in reversed(odd):
        w = spans[k].group(0)
        rest = strip_marks(w.lower())[1:]
        prev = spans[k - 1].group(0).lower() if k else None
        nxt = spans[k + 1].group(0).lower() if k + 1 < len(spans) else None
        seen: Counter[str] = Counter()
        for a, b in pairs:
            if a == prev and len(b) == len(w) and strip_marks(b)[1:] == rest and not _FOREIGN_ONSET.match(b):
                seen[b] += 1
            elif b == nxt and len(a) == len(w) and strip_marks(a)[1:] == rest and not _FOREIGN_ONSET.match(a):
                seen[a] += 1
        best = agreed(seen)
        if best is not None:
            out[spans[k].start() : spans[k].end()] = _cased(best, w)
    return "".join(out)


def lost_glyph_from_body(summary: str | None, body: Iterable[str]) -> str | None:
    """``summary`` with a word in lower case that lost its first glyph to OCR ("cạnh tranh ép tình"
    for cấp tỉnh: the letters after the body's first letter, within one edit) read as the word the
    body puts after the same two words nearly always (three times or more, four in five)."""
    return _read_after_body(summary, body, lambda a, b: len(b) >= 2 and len(a) == len(b) + 1 and edit_distance(a[1:], b) <= 1)
