"""Find citations: symbols first, then the type word, date and issuer around each one.

As in eyecite, finding is separate from checking: this module only says what is written where
(typed, frozen records with character spans); ``rules`` judges it and ``registry`` resolves it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

import numpy as np
import regex

from pipeline.citations.dates import date_from_match
from pipeline.citations.model import Citation, DateValue, Span, Symbol
from pipeline.citations.symbols import (
    CITE_SYMBOL_RE,
    OLD_OR_LOWER_RE,
    extend,
    looks_like_a_word,
    parse_old,
    parse_symbol,
)
from pipeline.vn.codes import Tables, tables
from pipeline.vn.dates import AFTER_SYMBOL_RE, PLACE_DATE_LINE_RE

# "số" as written or as OCR leaves it ("so", "s6", "Sb"); a colon marks a header label "Số:".
_SO_BEFORE = regex.compile(
    r"(?P<so>(?<![\p{L}])[Ss][ốỐôÔoOóò0-6b])[ \t]*(?P<colon>:)?\s*$", regex.V1
)
# What may stand between a type word and "số": a title ("Luật Bảo hiểm y tế số ..."), never a
# sentence end, a number or a clause break.
_GAP_TITLE = regex.compile(r"^[^;:.()\[\]0-9\n]{0,70}?(?:\n[^;:.()\[\]0-9\n]{0,70}?)?$", regex.V1)
_CUA = regex.compile(r"[ \t]*,?\s*của\s+", regex.V1)
_ISSUER_STOP = (
    "về|ban|quy|hướng|tại|đã|và|phê|triển|thực|theo|đến|trong|nhằm|để|ngày|số|năm|tháng|với|cho|"
    "của|trên|là|được|có|này|đó|các|kèm|thông|chỉ|như|sửa|bổ|khi|thì|mà|gửi|nay|đối|sau|trước|"
    "đang|sẽ|cần|phải|không|tiếp|lần|liên|giai|quyết|nghị|luật|tổ|công|việc|những|một|từ|đề|hết|"
    "hiện|kể|qua|vào|cùng|do|bị|hoặc|hay|nên|tuy|nhưng|vì|bởi|sự|ra|lên|xuống|ký"
)
# One more word of an issuer name ("Tỉnh ủy Bình Định", "Bộ trưởng Bộ Tài chính"), not a verb after it.
_ISSUER_TAIL = regex.compile(
    r"(?:[ \t]+|\n)(?!(?i:" + _ISSUER_STOP + r")(?![\p{L}]))[\p{L}\d][\p{L}\d.]*", regex.V1
)
_PLACE_WORDS = frozenset({"tỉnh", "thành", "phố", "huyện", "quận", "xã", "phường", "thị", "trấn"})
_GENERIC_ISSUER = regex.compile(r"[\p{Lu}][\p{L}.]*", regex.V1)
PLACEHOLDER_RE = regex.compile(
    r"(?<![\p{L}])(?P<so>[Ss]ố)[ \t]*(?::[ \t]*\n?)?[ \t]*(?P<blank>[ \t.…_]*)/[ \t]*"
    r"(?P<code>[A-ZĐ][A-Za-zĐđ]{0,8}(?:-[A-ZĐ][A-Za-zĐđ0-9]{0,10})*)",
    regex.V1,
)
# Numbered forms and technical standards look like symbols but cite no document:
# "Mẫu số 01/TAIN", "Biểu số 401/BTXH-Sở", "QCVN 01: 2019/BCT".
_NOT_A_CITATION = regex.compile(
    r"(?:(?<![\p{L}])(?i:mẫu|biểu|biểu\s+mẫu|phụ\s+lục|mục|điểm)\s+số\s*:?\s*|(?:QCVN|TCVN|TCN)\s*[\d.\-]*\s*:\s*)$",
    regex.V1,
)
HEADER_CHARS = 2500  # the header (number, date line, motto) sits in the first ~2,500 characters


@dataclass(frozen=True)
class DateLine:
    """The document's own date line and the raw day and month tokens (to check padding)."""

    span: Span
    text: str
    day_raw: str
    month_raw: str
    year: int


@dataclass(frozen=True)
class Found:
    """Everything the finder saw: citations, blank placeholders, the header's date line."""

    text: str
    citations: tuple[Citation, ...]
    placeholders: tuple[tuple[Span, str], ...]
    date_line: DateLine | None
    page_starts: tuple[int, ...]
    newlines: tuple[int, ...]

    def line_of(self, pos: int) -> int:
        return bisect.bisect_right(self.newlines, pos - 1) + 1

    def page_of(self, pos: int) -> int | None:
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, pos)


def _newlines(text: str) -> tuple[int, ...]:
    """Offsets of every "\\n" (found in C: a Python loop over each character costs a third of the run)."""
    if not text:
        return ()
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return tuple(np.flatnonzero(codes == 10).tolist())


def _type_word(text: str, start: int, t: Tables) -> tuple[str | None, Span | None, int]:
    """The type word that introduces the symbol starting at ``start``, and where the mention starts."""
    lo = max(0, start - 200)
    left = text[lo:start]
    so = _SO_BEFORE.search(left)
    cut = so.start("so") if so else len(left)
    best = None
    for m in t.type_word_re.finditer(left, 0, cut):
        best = m
    if best is not None:
        gap = left[best.end() : cut]
        ok = gap.strip() == "" or (so is not None and _GAP_TITLE.match(gap) and "số" not in gap)
        if ok:
            word = t.canonical_type_word(best.group(0)) or " ".join(best.group(0).split())
            return word, (lo + best.start(), lo + best.end()), lo + best.start()
    return None, None, lo + (so.start("so") if so else len(left))


def _issuer(text: str, pos: int, t: Tables) -> tuple[str | None, Span | None, tuple[str, ...]]:
    m = _CUA.match(text, pos, min(len(text), pos + 200))
    if not m:
        return None, None, ()
    s = m.end()
    end = min(len(text), s + 160)
    named = t.issuer_name_re.match(text, s, end)
    if named:
        e = named.end()
        codes = t.issuer_codes_for(named.group(0))
    else:
        g = _GENERIC_ISSUER.match(text, s, end)
        if not g:
            return None, None, ()
        e, codes = g.end(), ()
    for _ in range(8):  # "Tỉnh ủy Bình Định", "UBND tỉnh Bình Định", "Bộ trưởng Bộ Tài chính"
        tail = _ISSUER_TAIL.match(text, e, end)
        if not tail:
            break
        word = tail.group(0).strip()
        # After a known name only a place may follow; a generic name may run on in lower case.
        if named and not (word[:1].isupper() or word in _PLACE_WORDS):
            break
        e = tail.end()
    name = " ".join(text[s:e].split()).rstrip(".")
    return name, (s, s + len(text[s:e].rstrip("."))), codes


def _date_line(text: str) -> DateLine | None:
    m = PLACE_DATE_LINE_RE.search(text, 0, min(len(text), HEADER_CHARS))
    if not m:
        return None
    start = m.start("place") if m.group("place") else m.start()
    while start < m.end() and text[start] in " \t":
        start += 1
    y = int(m.group("y").replace("O", "0").replace("o", "0"))
    return DateLine((start, m.end()), text[start : m.end()], m.group("d").strip(), m.group("m").strip(), y)


def _candidates(text: str, t: Tables) -> list[tuple[int, int, Symbol, bool]]:
    """Every symbol in reading order: (start, end, symbol, whether it needs a type word before it).

    The grammar's symbols come first; the old "<số>-<cơ quan>" form and lower-cased symbols are
    taken only where no such symbol is, and only after a type word (the caller checks)."""
    out: list[tuple[int, int, Symbol, bool]] = []
    for m in CITE_SYMBOL_RE.finditer(text):
        sym = parse_symbol(m, t)
        if sym is None or (sym.problems and not sym.number.isdigit() and "O->0" not in sym.repairs):
            continue  # a lettered number ("163a") is taken only with clean codes
        sym, e = extend(sym, text, m.start(), m.end())
        out.append((m.start(), e, sym, False))
    starts = [c[0] for c in out]
    ends = [c[1] for c in out]
    extra: list[tuple[int, int, Symbol, bool]] = []
    for m in OLD_OR_LOWER_RE.finditer(text):
        k = bisect.bisect_right(starts, m.start()) - 1
        if (k >= 0 and ends[k] > m.start()) or (k + 1 < len(starts) and starts[k + 1] < m.end()):
            continue
        sym = parse_old(m, t) if m.group("old") else parse_symbol(m, t, lower=True)
        if sym is not None:
            extra.append((m.start(), m.end(), sym, True))
    return sorted(out + extra, key=lambda c: c[0])


def _date_after(text: str, pos: int) -> DateValue | None:
    dm = AFTER_SYMBOL_RE.match(text, pos, min(len(text), pos + 80))
    return date_from_match(dm) if dm else None


def find(text: str, page_starts: tuple[int, ...] = (), own_number: str | None = None) -> Found:
    """Find every citation, the own number, blank placeholders and the date line in ``text``."""
    t = tables()
    newlines = _newlines(text)
    found = Found(text, (), (), None, page_starts, newlines)
    out: list[Citation] = []
    own_seen = False
    for s, e, sym, needs_word in _candidates(text, t):
        left = text[max(0, s - 40) : s]
        if _NOT_A_CITATION.search(left):
            continue
        so = _SO_BEFORE.search(left)
        word, word_span, start = _type_word(text, s, t)
        if (needs_word and word is None) or (word is None and so is None and looks_like_a_word(sym)):
            continue
        is_label = bool(so and so.group("colon"))
        # "Số 05/KH-UBND" alone at the start of a header line is the own number missing its colon.
        bare_label = bool(
            so and not is_label and s < 600 and so.group("so")[0] == "S"
            and not left[: so.start("so")].split("\n")[-1].strip()
            and word is None
        )
        role = "citation"
        if not own_seen and (
            ((is_label or bare_label) and s < HEADER_CHARS) or (own_number and sym.text == own_number and s < HEADER_CHARS)
        ):
            role, own_seen = "own_number", True
            start = s - len(left) + so.start("so") if so else s
        out.append(_mention(text, found, role, sym, (s, e), (start, word, word_span), t))
    placeholders = tuple(
        ((p.start(), p.end()), p.group("code"))
        for p in PLACEHOLDER_RE.finditer(text)
        if not any(ch.isdigit() for ch in p.group("blank"))
    )
    return replace(
        found,
        citations=_link_mentions(out),
        placeholders=placeholders,
        date_line=_date_line(text),
    )


def _mention(
    text: str, found: Found, role: str, sym: Symbol, sym_span: Span,
    head: tuple[int, str | None, Span | None], t: Tables,
) -> Citation:
    """The citation around a symbol: its date right after it, its issuer ("của ..."), and a date
    written after the issuer ("… của Chính phủ ban hành ngày 9/7/2015")."""
    start, word, word_span = head
    end = sym_span[1]
    date: DateValue | None = None
    issuer: str | None = None
    issuer_span: Span | None = None
    codes: tuple[str, ...] = ()
    if role == "citation":
        date = _date_after(text, end)
        if date is not None:
            end = date.span[1]
        issuer, issuer_span, codes = _issuer(text, end, t)
        if issuer_span:
            end = issuer_span[1]
            if date is None:
                date = _date_after(text, end)
                end = date.span[1] if date is not None else end
    return Citation(
        role=role,
        symbol=sym,
        span=(start, end),
        symbol_span=sym_span,
        matched_text=text[start:end],
        type_word=word,
        type_word_span=word_span,
        date=date,
        issuer=issuer,
        issuer_span=issuer_span,
        issuer_codes_named=codes,
        page_no=found.page_of(start),
        line=found.line_of(start),
    )


def _link_mentions(cits: list[Citation]) -> tuple[Citation, ...]:
    """Point every later or short mention at the first full mention of the same symbol."""
    first_full: dict[str, int] = {}
    first_any: dict[str, int] = {}
    for i, c in enumerate(cits):
        if c.role != "citation":
            continue
        first_any.setdefault(c.symbol.text, i)
        if c.date is not None and not c.date.blank:
            first_full.setdefault(c.symbol.text, i)
    linked = []
    for i, c in enumerate(cits):
        if c.role == "citation":
            target = first_full.get(c.symbol.text, first_any[c.symbol.text])
            if target != i:
                c = replace(c, first_mention=target)
        linked.append(c)
    return tuple(linked)
