"""Foreign words and acronyms the language model knows, as readings of an OCR word.

The syllable inventory covers Vietnamese; documents also name places, people and standards
("Singapore", "Fukushima", "TCVN") that Tesseract misreads like any other word ("Singoporv").
The LM's vocabulary, learned from the corpus, holds the frequent ones; this index finds those
that cannot be read as a syllable within two edits of an observed word (after folding case and
diacritics), so the channel and the LM can weigh them next to the syllable readings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pipeline.restore.core.cache import cached
from pipeline.restore.core.lm import NgramLM
from pipeline.restore.ocrfix.channel import deletes, edit_distance, skeleton
from pipeline.restore.ocrfix.settings import GARBLE


class ForeignWords:
    """A delete-neighbourhood index of the non-syllable words of a vocabulary."""

    def __init__(self, vocabulary: Iterable[str], syllable_shaped: Callable[[str], bool]) -> None:
        self._by_key: dict[str, list[str]] = {}
        self._index: dict[str, list[str]] = {}
        for word in vocabulary:
            # Syllable-shaped words are left out: in the LM they are mostly Vietnamese written
            # without marks ("nguon", "that", "quoc"), which must not become free to keep.
            if len(word) < GARBLE.min_foreign_length or not word.isalpha() or syllable_shaped(word):
                continue
            key = skeleton(word)
            if key not in self._by_key:
                for d in deletes(key, _depth(key)):
                    self._index.setdefault(d, []).append(key)
            self._by_key.setdefault(key, []).append(word)

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_key.values())

    def near(self, observed: str) -> list[str]:
        """Known words within the edit budget of ``observed`` (a lower-case core)."""
        key = skeleton(observed)
        if len(key) < GARBLE.min_foreign_length:
            return []
        keys: set[str] = set()
        for d in deletes(key, _depth(key)):
            keys.update(self._index.get(d, ()))
        return [w for k in sorted(keys) if edit_distance(k, key) <= _depth(key) for w in self._by_key[k]]


def _depth(key: str) -> int:
    return 1 if len(key) <= 5 else 2


def foreign_words(lm: NgramLM, syllable_shaped: Callable[[str], bool], mode: str) -> ForeignWords:
    """The index of one language model's vocabulary (built once per model file and mode)."""
    key = f"{lm.path or f'memory:{id(lm)}'}|{mode}"  # an LM built in memory has no file
    return cached(("foreign words", key), lambda: ForeignWords(lm.vocab, syllable_shaped))
