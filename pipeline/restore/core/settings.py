"""Tuning of the shared decoder, with what each value was measured on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DecoderSettings:
    """The decoder's first pass: bigram pruning before the exact full-order Viterbi."""

    # Chosen with the two-pass decoder (commit 3ae7687, ~20k syllables/s at unchanged accuracy);
    # tuned on the dev sets of docs/bench/restore.md.
    prune_nats: float = 5.0  # drop candidates this far below the best path through the position
    prune_keep: int = 3  # keep at most this many candidates per position


DECODER = DecoderSettings()
