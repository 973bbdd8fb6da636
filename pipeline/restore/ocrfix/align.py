"""Token and character alignment of OCR output with its source text.

Used to turn (gold line, OCR line) pairs into (true token(s), observed token(s)) links for
training the channel model, and to score restorations against gold lines.  Token links may be
1:1, 1:0 (a gold token the OCR lost), 0:1 (an OCR junk token), 1:2 (the OCR split a token) and
2:1 (the OCR merged two tokens); their costs come from a character edit distance on a loose
key (no diacritics, lower case), so "ciia" still lines up with "của".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein as _Lev

# Costs (in units of normalized edit distance): a token that is lost or invented costs a
# whole token; splits and merges pay a small premium so 1:1 links win ties.
from pipeline.restore.ocrfix.settings import ALIGN


@dataclass(frozen=True)
class Link:
    """One alignment link: gold tokens ``gold[g0:g1]`` correspond to OCR tokens ``ocr[o0:o1]``."""

    g0: int
    g1: int
    o0: int
    o1: int


def loose(text: str) -> str:
    """Lower-case, diacritic-free key of a token (đ -> d), for alignment costs."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def levenshtein(a: str, b: str) -> int:
    """Plain edit distance between two strings."""
    return int(_Lev.distance(a, b))


def token_distance(gold: str, ocr: str) -> float:
    """Normalized loose edit distance in [0, 1]."""
    a, b = loose(gold), loose(ocr)
    if a == b:
        return 0.0
    return levenshtein(a, b) / max(len(a), len(b), 1)


def align_tokens(gold: list[str], ocr: list[str]) -> list[Link]:
    """Least-cost monotone alignment of two token lists with 1:1, 1:0, 0:1, 1:2 and 2:1 links."""
    n, m = len(gold), len(ocr)
    if n == m and all(token_distance(g, o) <= 0.75 for g, o in zip(gold, ocr, strict=False)):
        # The common case (same token count, every pair plausible): skip the full DP.
        return [Link(i, i + 1, i, i + 1) for i in range(n)]
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            c = cost[i][j]
            if c == inf:
                continue
            steps: list[tuple[int, int, float]] = []
            if i < n and j < m:
                steps.append((1, 1, token_distance(gold[i], ocr[j])))
            if i < n:
                steps.append((1, 0, ALIGN.gap))
            if j < m:
                steps.append((0, 1, ALIGN.gap if any(c.isalnum() for c in ocr[j]) else ALIGN.junk_gap))
            if i < n and j + 1 < m:
                steps.append((1, 2, token_distance(gold[i], ocr[j] + ocr[j + 1]) + ALIGN.split))
            if i + 1 < n and j < m:
                steps.append((2, 1, token_distance(gold[i] + gold[i + 1], ocr[j]) + ALIGN.split))
            for di, dj, sc in steps:
                if c + sc < cost[i + di][j + dj]:
                    cost[i + di][j + dj] = c + sc
                    back[i + di][j + dj] = (di, dj)
    links: list[Link] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        di, dj = step
        links.append(Link(i - di, i, j - dj, j))
        i, j = i - di, j - dj
    links.reverse()
    return links


def align_chars(true: str, obs: str) -> list[tuple[str, str]]:
    """Character edit script turning ``true`` into ``obs``: (t, o) pairs, '' marking a gap."""
    n, m = len(true), len(obs)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            sub = d[i - 1][j - 1] + (
                0 if true[i - 1] == obs[j - 1] else _char_sub_cost(true[i - 1], obs[j - 1])
            )
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, sub)
    ops: list[tuple[str, str]] = []
    i, j = n, m
    while i or j:
        if (
            i
            and j
            and d[i][j]
            == d[i - 1][j - 1]
            + (0 if true[i - 1] == obs[j - 1] else _char_sub_cost(true[i - 1], obs[j - 1]))
        ):
            ops.append((true[i - 1], obs[j - 1]))
            i, j = i - 1, j - 1
        elif i and d[i][j] == d[i - 1][j] + 1:
            ops.append((true[i - 1], ""))
            i -= 1
        else:
            ops.append(("", obs[j - 1]))
            j -= 1
    ops.reverse()
    return ops


def _char_sub_cost(a: str, b: str) -> int:
    # Same base letter with other accents is a cheaper substitution than a different letter,
    # so "ể" lines up with "é" rather than with a neighbour; integers keep the DP exact.
    return 1 if loose(a) == loose(b) else 2
