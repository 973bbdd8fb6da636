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

    # Meta key "lattice_weight" (the shipped neural.pt carries its own; these are the fall-backs).
    # The model retrained on the duplicate-aware split (issue 17) stores 0.2, chosen on the new dev
    # split: fast + 0.1 / 0.2 / 0.3 / 0.5 x neural gave legal 91.43 / 91.36 / 91.19 / 90.70 % and
    # general 95.50 / 95.61 / 95.53 / 95.40 % against the LM alone's 91.33 / 95.23 %
    # (docs/bench/retrain.md; the old-split model had chosen 0.3 the same way).
    neural_weight: float = 0.2
    # The same network arbitrating marks in a second pass over the OCR-garble lattice (``ocr-eng``
    # with the accurate model; meta key "garble_weight").  Chosen on the new dev split's documents
    # of ../shared/ocr-pairs: 95.21 / 95.22 / 95.17 % of syllables at 0.1 / 0.2 / 0.3 (fast 95.15 %).
    # Tesseract ``vie`` post-correction does not use it.
    garble_neural_weight: float = 0.2


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
