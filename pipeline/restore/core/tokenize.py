"""Split text into tokens with character spans: words the restorer may change, everything else kept.

The same tokenizer feeds the language model at training time (``lm_tokens``) and the decoder at
run time, so both see identical units.  Words are runs of letters; numbers, document symbols
(47/NQ-CP), URLs, e-mail addresses and punctuation are kept verbatim and reach the LM as the
class tokens ``<num>``, ``<unk>`` and ``<p>``; sentence punctuation ends an LM sentence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

WORD, NUMBER, SYMBOL, PUNCT = "word", "number", "symbol", "punct"

# Sentence-final punctuation closes an LM sentence (``</s> <s>``); other punctuation is ``<p>``.
SENTENCE_END = set(".!?;:…")

_CHUNK = re.compile(r"\S+")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|gov|edu|info)(?:/\S*)?$", re.IGNORECASE)
_PARTS = re.compile(r"[^\W\d_]+|\d+|[^\w\s]+|_+")
# "khac.Dieu": a sentence glued to the next one (a lower-case word, a period, a capitalized word).
_GLUED = re.compile(r"^[^\W\d_]*[a-zà-ỹđ]\.[A-ZÀ-ỸĐ][^\W\d_]*$")
# "TP.Ha", "H.Tay", "T.BINH": an abbreviation of one to three capitals glued to a name by its dot.
_ABBR_GLUED = re.compile(r"^[A-ZĐ]{1,3}\.[A-ZÀ-ỸĐ][^\W\d_]+$")
_EDGE_PUNCT = "\"'“”‘’«»()[]{}<>,.;:!?…-–—*•·/\\|"


@dataclass(frozen=True)
class Tok:
    """One token: its text, kind and [start, end) span in the source text."""

    text: str
    kind: str
    start: int
    end: int


def _has_vowel(word: str) -> bool:
    return any(unicodedata.normalize("NFD", c)[0].lower() in "aeiouy" for c in word)


def _is_protected_chunk(core: str) -> bool:
    # A chunk mixing letters with digits, slashes, @, dots or apostrophes is a symbol, code,
    # URL, e-mail or a foreign word (don't, 47/NQ-CP, Q.1): it is kept whole.
    if _URL.match(core) or _EMAIL.match(core) or _DOMAIN.match(core):
        return True
    if any(c.isdigit() for c in core):
        return True
    if _GLUED.match(core) and "." not in core[: core.index(".")]:
        return False
    if _ABBR_GLUED.match(core) and _has_vowel(core[core.index(".") + 1 :]):
        return False  # but "TP.HCM" (no vowel after the dot) is one code
    inner = core[1:-1]
    return any(c in "/@'’._\\" for c in inner) and any(c.isalpha() for c in core)


def tokenize(text: str) -> list[Tok]:
    """Tokens of ``text`` in order, each with its span; whitespace is never a token."""
    out: list[Tok] = []
    for m in _CHUNK.finditer(text):
        chunk, base = m.group(), m.start()
        if chunk.isalpha():  # the common case: one plain word
            out.append(Tok(chunk, WORD, base, m.end()))
            continue
        lo, hi = 0, len(chunk)
        while lo < hi and chunk[lo] in _EDGE_PUNCT:
            lo += 1
        while hi > lo and chunk[hi - 1] in _EDGE_PUNCT:
            hi -= 1
        core = chunk[lo:hi]
        if core and _is_protected_chunk(core):
            for p in _PARTS.finditer(chunk[:lo]):
                out.append(Tok(p.group(), PUNCT, base + p.start(), base + p.end()))
            kind = NUMBER if any(c.isdigit() for c in core) else SYMBOL
            out.append(Tok(core, kind, base + lo, base + hi))
            for p in _PARTS.finditer(chunk[hi:]):
                out.append(Tok(p.group(), PUNCT, base + hi + p.start(), base + hi + p.end()))
            continue
        for p in _PARTS.finditer(chunk):
            s = p.group()
            if s[0].isalpha():
                kind = WORD
            elif s[0].isdigit():
                kind = NUMBER
            else:
                kind = PUNCT
            out.append(Tok(s, kind, base + p.start(), base + p.end()))
    return out


def is_sentence_end(tok: Tok) -> bool:
    """True for punctuation that closes a sentence for the LM."""
    return tok.kind == PUNCT and any(c in SENTENCE_END for c in tok.text)


def lm_tokens(text: str) -> list[list[str]]:
    """Sentences of LM units for training: words as they are, classes for the rest."""
    sentences: list[list[str]] = []
    cur: list[str] = []
    for chunk in text.split():
        if chunk.isalpha():  # fast path: most chunks are one plain word
            cur.append(chunk)
            continue
        for tok in tokenize(chunk):
            if tok.kind == WORD:
                cur.append(tok.text)
            elif tok.kind == NUMBER:
                cur.append("<num>")
            elif tok.kind == SYMBOL:
                cur.append("<unk>")
            elif is_sentence_end(tok):
                if cur:
                    sentences.append(cur)
                cur = []
            else:
                cur.append("<p>")
    if cur:
        sentences.append(cur)
    return sentences
