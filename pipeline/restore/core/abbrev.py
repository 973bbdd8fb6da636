"""All-capitals abbreviations that restoration must never rewrite (issue 14).

An abbreviation such as ``HTTT`` (Hệ thống thông tin) has no diacritics to restore and looks to the
OCR post-correction like a garbled word ("HTTT" -> "Hết").  Two sources say a token is an
abbreviation, not a word:

* the document defines it: inside parentheses (``Khoa Hệ thống thông tin (K.HTTT)``,
  ``(sau đây gọi tắt là BQL)``) or as a part of a document symbol (``…/TB-HTTT``);
* the code tables (``pipeline.vn.codes``) know it as a type or issuer code (``UBND``, ``KTTH``)
  and it is no Vietnamese syllable (so a heading word such as ``BAN`` is not frozen by accident).

A Party signing prefix (``T/M``, ``K/T``, ``T/L``) is kept the same way.

``protect(before, after)`` puts such a token back wherever restoration changed it, line by line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from pipeline.vn.codes import tables as code_tables
from pipeline.vn.syllables import is_vietnamese_syllable

_CAPS = r"[A-ZĐ][A-ZĐ0-9&]*[A-ZĐ]"
_PARENS_RE = re.compile(r"\(([^()\n]{1,60})\)")
_CAPS_RE = re.compile(rf"(?<![\w]){_CAPS}(?![\w])")
# A document symbol's code part: after a "/" or "-" and before a "-", "/" or the end.
_SYMBOL_RE = re.compile(r"\d+[^\s]*?[/-]((?:[A-ZĐ0-9&]+[-/.])*[A-ZĐ0-9&]+)")
_EDGE = ".,;:!?()[]{}\"'“”‘’…"
_WORD_RE = re.compile(r"[A-ZĐ][A-ZĐ0-9&]+")
# A Party signing prefix (HD 36-HD/VPTW: "T/M", "K/T", "T/L"): two capitals around a slash, no word,
# which a post-correction that reads "M" alone as a garbled syllable would rewrite ("T/BỊ").
_SLASHED_RE = re.compile(r"[A-ZĐ]/[A-ZĐ]")


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """The type and issuer codes of the tables that are no Vietnamese syllable."""
    t = code_tables()
    codes = set(t.all_type_codes) | set(t.known_issuer_codes)
    return frozenset(c for c in codes if len(c) >= 2 and c.isupper() and not is_vietnamese_syllable(c))


def defined(text: str) -> frozenset[str]:
    """The all-capitals abbreviations ``text`` defines: in parentheses or in a document symbol."""
    found: set[str] = set()
    for m in _PARENS_RE.finditer(text):
        found.update(_CAPS_RE.findall(m.group(1)))
    for m in _SYMBOL_RE.finditer(text):
        found.update(p for p in re.split(r"[-/.]", m.group(1)) if len(p) >= 2 and p.isupper() and p.isalpha())
    return frozenset(found)


def _core(token: str) -> str:
    return token.strip(_EDGE)


def is_protected(token: str, extra: Iterable[str] = ()) -> bool:
    """Whether ``token`` (with its punctuation) is an abbreviation restoration must keep."""
    core = _core(token)
    if _SLASHED_RE.fullmatch(core):
        return True
    if not _WORD_RE.fullmatch(core):
        return False
    return core in known_codes() or core in set(extra)


def protect(before: Sequence[str], after: Sequence[str], context: str | None = None) -> list[str]:
    """``after`` (restored lines) with every abbreviation of ``before`` (the lines as read) that
    restoration changed put back.  ``context`` (the page text, by default ``before`` joined) is
    where definitions are looked for."""
    extra = defined(context if context is not None else "\n".join(before))
    return [_protect_line(b, a, extra) for b, a in zip(before, after, strict=True)]


def _protect_line(before: str, after: str, extra: frozenset[str]) -> str:
    if before == after:
        return after
    old, new = before.split(" "), after.split(" ")
    if not any(is_protected(t, extra) for t in old):
        return after
    out: list[str] = []
    for op, i0, i1, j0, j1 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "replace" and i1 - i0 == j1 - j0:
            out += [o if _reverts(o, n, extra) else n for o, n in zip(old[i0:i1], new[j0:j1], strict=True)]
        else:
            out += new[j0:j1]
    return " ".join(out)


def _reverts(old: str, new: str, extra: frozenset[str]) -> bool:
    """Whether restoration's ``new`` for the abbreviation ``old`` is undone.  A D made Đ that gives
    another known code is kept ("HD" -> "HĐ": the English model's lost Đ), as is a change of the
    punctuation around it."""
    a, b = _core(old), _core(new)
    if not is_protected(old, extra) or a == b:
        return False
    return not (a.replace("Đ", "D") == b.replace("Đ", "D") and b in known_codes())
