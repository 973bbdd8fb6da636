"""Tuning of diacritic restoration (fast and accurate models, auto mode), with its provenance."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class FastSettings:
    """The fast restorer: inventory candidates decoded by the n-gram LM."""

    # Tuned on the dev sets of docs/bench/restore.md (commit 664dbb2, the first fast restorer).
    max_candidates: int = 8  # readings per word, most frequent first
    min_prior: float = math.log(1e-5)  # readings rarer than this among their stripped form's are skipped
    # A memory bound, not a tuning: long texts are decoded in pieces of about this size.
    chunk_chars: int = 20_000
    # Syllables of place names the corpus writes but the inventory's orthography filter leaves out
    # ("đắk", "lắk"): restored when the corpus has a syllable at least this often and writes its
    # stripped form no other way (legacy dev docs, issue 13: "Dak Lak" -> "Đắk Lắk").
    name_min_count: int = 20
    name_file: str = "channel-vie.json.gz"  # its "syllables": corpus frequencies (scripts/train/channel.py)


@dataclass(frozen=True)
class AccurateSettings:
    """The neural tagger's weight next to the LM (the model's meta may carry its own)."""

    # Meta key "lattice_weight".  Tuned on the dev split with the shipped neural.pt
    # (docs/bench/neural.md): 0.3 gave legal 99.39 % / general 95.19 % against the LM alone's
    # 99.35 % / 94.74 %; 1.0 is worse than the LM alone.
    neural_weight: float = 0.3
    # The same network arbitrating marks in a second pass over the OCR-garble lattice (``ocr-eng``
    # with the accurate model; meta key "garble_weight").  Tuned on 150 dev-split documents of
    # ../shared/ocr-pairs with the shipped network: 463 syllable edits without it, 437 at 0.2 and
    # 0.3, 444 at 0.4 (docs/bench/neural.md).  Tesseract ``vie`` post-correction does not use it
    # (790 -> 787 character edits on its dev-split sets).
    garble_neural_weight: float = 0.3


@dataclass(frozen=True)
class AutoModeSettings:
    """How ``mode="auto"`` tells stripped text from OCR garble."""

    sample_chars: int = 100_000  # of a long text, the characters that decide its mode
    # Share of words that must be valid (accented) or valid-when-stripped for "stripped"; tuned on
    # the dev sets of docs/bench/restore.md and docs/bench/legacy.md (commit 664dbb2).
    stripped_valid_share: float = 0.92


FAST = FastSettings()
ACCURATE = AccurateSettings()
AUTO_MODE = AutoModeSettings()
