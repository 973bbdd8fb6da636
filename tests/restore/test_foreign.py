"""Foreign words of the LM's vocabulary as readings of an OCR word."""

from __future__ import annotations

from pipeline.restore.ocrfix.foreign import ForeignWords

VOCAB = ["<unk>", "của", "singapore", "fukushima", "tcvn", "qcvn", "usd", "malaysia", "video", "nguon"]


def test_index_holds_only_long_non_syllables() -> None:
    words = ForeignWords(VOCAB, lambda w: w in {"của", "video", "nguon"})
    assert len(words) == 5  # singapore, fukushima, tcvn, qcvn, malaysia: not <unk>, usd, syllables


def test_near_finds_misreadings_within_the_edit_budget() -> None:
    words = ForeignWords(VOCAB, lambda w: False)
    assert words.near("singoporv") == ["singapore"]  # two edits in a long word
    assert words.near("fukushlma") == ["fukushima"]
    assert sorted(words.near("fcvn")) == ["qcvn", "tcvn"]  # one edit in a short word
    assert words.near("fcvx") == []  # two edits in a short word is too far
    assert words.near("Singapore".lower()) == ["singapore"]
    assert words.near("abc") == []  # shorter than the minimum

