"""The syllable inventory: every valid written syllable and, per stripped form, its candidates.

Built by ``scripts/data/prepare_corpus.py`` from the corpus counts (``syllables*.tsv`` plus training
text) as a TSV ``syllable<TAB>count`` of lowercase, old-style-toned syllables.
"""

from __future__ import annotations

import math
import os

from pipeline.restore.core.cache import load_once
from pipeline.vn.orthography import model_form, strip_diacritics


class SyllableInventory:
    """Valid syllables with counts; ``candidates`` maps a stripped form to its accented forms."""

    def __init__(self, counts: dict[str, int], path: str = "") -> None:
        self.path = path
        self.counts = counts
        groups: dict[str, list[tuple[str, int]]] = {}
        for syl, c in counts.items():
            groups.setdefault(strip_diacritics(syl), []).append((syl, c))
        self._cands: dict[str, list[tuple[str, float]]] = {}
        for stripped, items in groups.items():
            items.sort(key=lambda x: (-x[1], x[0]))
            total = sum(c for _, c in items) + 0.5 * len(items)
            self._cands[stripped] = [(s, math.log((c + 0.5) / total)) for s, c in items]

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SyllableInventory:
        """Load (once per process) an inventory TSV."""
        return load_once(path, "syllable inventory", cls._read)

    @classmethod
    def _read(cls, key: str) -> SyllableInventory:
        counts: dict[str, int] = {}
        with open(key, encoding="utf-8") as f:
            for line in f:
                syl, _, c = line.rstrip("\n").partition("\t")
                if syl and not syl.startswith("#"):
                    counts[syl] = counts.get(syl, 0) + int(c or 0)
        return cls(counts, key)

    def __reduce__(self) -> tuple[object, ...]:
        return (SyllableInventory.load, (self.path,))

    def candidates(self, stripped_lower: str) -> list[tuple[str, float]]:
        """Valid lowercase accented forms of a stripped lowercase syllable, most frequent first, with ln prior."""
        return self._cands.get(stripped_lower, [])

    def is_valid(self, syllable: str) -> bool:
        """True when the syllable (any case, either tone style) is in the inventory."""
        return model_form(syllable) in self.counts

    def __len__(self) -> int:
        return len(self.counts)
