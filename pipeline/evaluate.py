"""Scoring API over (predicted, gold) pairs: syllable accuracy, CER, WER, case classes, confusions.

The CLI (`vanban eval`) and the benchmark scripts only wrap these functions, so every figure in
docs/benchmarks.md is computed the same way.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein

from pipeline.vn.orthography import case_bucket, has_vietnamese_marks


@dataclass
class TextScores:
    """Counts that add up over items; rates are properties."""

    syllables: int = 0  # gold tokens
    syllable_edits: int = 0  # token-level edit distance (substitutions + insertions + deletions)
    diacritic_syllables: int = 0
    diacritic_correct: int = 0
    chars: int = 0
    char_edits: int = 0
    by_case: dict[str, list[int]] = field(default_factory=dict)  # class -> [n, correct]
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)  # (predicted, gold)

    @property
    def syllable_accuracy(self) -> float:
        return 1.0 - self.syllable_edits / self.syllables if self.syllables else 1.0

    @property
    def wer(self) -> float:
        return self.syllable_edits / self.syllables if self.syllables else 0.0

    @property
    def cer(self) -> float:
        return self.char_edits / self.chars if self.chars else 0.0

    @property
    def diacritic_accuracy(self) -> float:
        return self.diacritic_correct / self.diacritic_syllables if self.diacritic_syllables else 1.0

    def case_accuracy(self) -> dict[str, float]:
        return {k: (c / n if n else 1.0) for k, (n, c) in sorted(self.by_case.items())}

    def add(self, other: TextScores) -> TextScores:
        self.syllables += other.syllables
        self.syllable_edits += other.syllable_edits
        self.diacritic_syllables += other.diacritic_syllables
        self.diacritic_correct += other.diacritic_correct
        self.chars += other.chars
        self.char_edits += other.char_edits
        for k, (n, c) in other.by_case.items():
            slot = self.by_case.setdefault(k, [0, 0])
            slot[0] += n
            slot[1] += c
        self.confusions.update(other.confusions)
        return self

    def to_dict(self, top_confusions: int = 20) -> dict[str, Any]:
        return {
            "syllables": self.syllables,
            "syllable_accuracy": round(self.syllable_accuracy, 5),
            "diacritic_accuracy": round(self.diacritic_accuracy, 5),
            "wer": round(self.wer, 5),
            "cer": round(self.cer, 5),
            "case_accuracy": {k: round(v, 5) for k, v in self.case_accuracy().items()},
            "confusions": [
                {"predicted": p, "gold": g, "count": n} for (p, g), n in self.confusions.most_common(top_confusions)
            ],
        }


def score_line(predicted: str, gold: str) -> TextScores:
    """Score one line: tokens are whitespace-separated, compared exactly (NFC)."""
    pred = unicodedata.normalize("NFC", predicted)
    ref = unicodedata.normalize("NFC", gold)
    p_toks, g_toks = pred.split(), ref.split()
    s = TextScores(syllables=len(g_toks), chars=len(ref))
    s.char_edits = Levenshtein.distance(pred, ref)
    s.syllable_edits = Levenshtein.distance(p_toks, g_toks)
    matched = [False] * len(g_toks)
    # Gold tokens that the optimal alignment keeps unchanged are the correct ones.
    for block in Levenshtein.opcodes(p_toks, g_toks):
        if block.tag == "equal":
            for j in range(block.dest_start, block.dest_end):
                matched[j] = True
        elif block.tag == "replace":
            for i, j in zip(range(block.src_start, block.src_end), range(block.dest_start, block.dest_end), strict=False):
                s.confusions[(p_toks[i], g_toks[j])] += 1
    for tok, ok in zip(g_toks, matched, strict=True):
        cls = case_bucket(tok)
        slot = s.by_case.setdefault(cls, [0, 0])
        slot[0] += 1
        slot[1] += int(ok)
        if has_vietnamese_marks(tok):
            s.diacritic_syllables += 1
            s.diacritic_correct += int(ok)
    return s


def score_lines(predicted: Sequence[str], gold: Sequence[str]) -> TextScores:
    """Score line-aligned texts; a missing or extra line counts as all its tokens wrong."""
    total = TextScores()
    n = max(len(predicted), len(gold))
    for i in range(n):
        total.add(score_line(predicted[i] if i < len(predicted) else "", gold[i] if i < len(gold) else ""))
    return total


@dataclass(frozen=True)
class PageScores:
    """Page-by-page scores of a scanned item, with pages the reader added or lost counted."""

    scores: TextScores
    extra_pages: int  # predicted pages beyond the gold's: their tokens count as insertions
    missing_pages: int  # gold pages with no predicted page: their tokens count as deletions


def score_pages(predicted: Sequence[str], gold: Sequence[str]) -> PageScores:
    """Score page texts pairwise (each compared as one token stream); an extra predicted page is
    scored against an empty gold page (every token an insertion) and a missing one as an empty
    prediction (every gold token a deletion), so neither is silently dropped."""
    n = max(len(predicted), len(gold))
    scores = TextScores()
    for i in range(n):
        scores.add(score_line(predicted[i] if i < len(predicted) else "", gold[i] if i < len(gold) else ""))
    return PageScores(scores, max(0, len(predicted) - len(gold)), max(0, len(gold) - len(predicted)))


def score_texts(pairs: Iterable[tuple[str, str]]) -> TextScores:
    """Score many (predicted, gold) texts, each split into lines."""
    total = TextScores()
    for pred, ref in pairs:
        total.add(score_lines(pred.split("\n"), ref.split("\n")))
    return total


@dataclass(frozen=True)
class PRF:
    """Precision / recall / F1 over sets of hashable items."""

    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 5),
            "recall": round(self.recall, 5),
            "f1": round(self.f1, 5),
            "tp": self.true_positives,
            "predicted": self.predicted,
            "gold": self.gold,
        }


def prf(predicted: Iterable[Any], gold: Iterable[Any]) -> PRF:
    """Precision/recall of predicted items against gold items (multisets)."""
    p, g = Counter(predicted), Counter(gold)
    return PRF(sum((p & g).values()), sum(p.values()), sum(g.values()))
