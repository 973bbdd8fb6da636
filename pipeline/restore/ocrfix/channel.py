"""OCR channel model: P(observed token | true syllable), learned from aligned OCR pairs.

Two parts, both trained by ``scripts/train/channel.py`` on train-split documents only:

* a character model in the manner of Brill and Moore: probabilities of rewriting a true chunk
  of 0-2 characters as an observed chunk of 0-2 characters (``"ủ" -> "ii"``, ``"ơ" -> "o’"``,
  ``"đ" -> "p"``), scored by a Viterbi segmentation so that unseen garbles still get a sensible
  probability;
* a token table of observed -> true counts, which sharpens the frequent garbles
  (``s6`` -> ``số``, ``ciia`` -> ``của``).

The two estimates of P(o | t) are interpolated.  Candidates for a token come from the table and
from a delete-neighbourhood index of diacritic-free syllable skeletons (SymSpell style), so a
lookup costs a few dictionary probes and a handful of Viterbi scorings; results are cached.
Syllables and observed tokens are in the model form (lower case, old tone placement).
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process as _fuzz
from rapidfuzz.distance import Levenshtein as _Lev

from pipeline.restore.ocrfix.align import align_chars, loose
from pipeline.restore.ocrfix.settings import CHANNEL

MAX_TRUE = 2  # longest true chunk of a rewrite rule
MAX_OBS = 2  # longest observed chunk
# Tuned scores (floor, junk, table and prior weights, pruning, pool size): ``settings.CHANNEL``.

# Characters the English model reads for letters: folded into the skeleton key so that
# "s6" and "5O" find "so" candidates.  (Learned confusions refine the score; this only
# widens the candidate net.)
_SKELETON_FOLD = str.maketrans({"6": "o", "0": "o", "5": "s", "1": "l", "&": "e", "@": "a", "$": "s", "|": "l",
                                "’": "", "'": "", "`": "", "‘": "", "^": "", "~": "", "*": ""})  # fmt: skip


_LEAD = '([{"“«'
_TRAIL = ',.;:!?)]}"”»…'


def split_edges(token: str) -> tuple[str, str, str]:
    """(leading punctuation, core, trailing punctuation); garble marks such as ’ stay in the core."""
    lo, hi = 0, len(token)
    while lo < hi and token[lo] in _LEAD:
        lo += 1
    while hi > lo and token[hi - 1] in _TRAIL:
        hi -= 1
    return token[:lo], token[lo:hi], token[hi:]


def skeleton(token: str) -> str:
    """Diacritic-free, case-free key of a (true or observed) token; stray marks dropped."""
    return "".join(c for c in loose(token).translate(_SKELETON_FOLD) if c.isalnum())


# Longest key that gets a delete neighbourhood.  The neighbourhood of a key of length L holds
# ~L^depth strings of length ~L (cubic memory at depth 2: 3.7 GB for a 2,000-letter token), and
# the indexed keys are syllable skeletons (7 letters at most) and LM words (16): a longer observed
# key cannot reach any of them within two deletions, so it looks itself up alone.
MAX_DELETE_KEY = 32


def deletes(key: str, depth: int) -> set[str]:
    """``key`` and every string made by deleting up to ``depth`` of its characters (SymSpell);
    a key longer than ``MAX_DELETE_KEY`` stands alone, so the cost stays bounded."""
    out = {key}
    if len(key) > MAX_DELETE_KEY:
        return out
    frontier = {key}
    for _ in range(depth):
        nxt = set()
        for k in frontier:
            for i in range(len(k)):
                nxt.add(k[:i] + k[i + 1 :])
        out |= nxt
        frontier = nxt
    return out


def _depth(key: str) -> int:
    return 1 if len(key) <= 2 else 2


@dataclass
class ChannelModel:
    """Trained channel: rewrite log-probabilities, token table and the syllable list."""

    rules: dict[str, dict[str, float]]  # true chunk -> observed chunk -> log P(obs | true)
    table: dict[str, dict[str, int]]  # observed token -> true syllable -> count
    true_counts: dict[str, int]  # true syllable -> count in the aligned training tokens
    syllables: dict[str, int]  # valid syllables (model form) -> corpus frequency
    name: str = "ocr-eng"
    cache: dict[str, tuple[tuple[str, float], ...]] = field(
        default_factory=dict
    )  # precomputed shortlists
    pool_size: int = CHANNEL.pool_size  # syllables scored per lookup before the best ``k`` are kept
    unsure: UnsureChannel | None = field(default=None, repr=False)  # for words OCR was unsure of
    _index: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _by_skeleton: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        # The tables hold ~10^5 entries: a full repr floods test reports and logs.
        return f"ChannelModel(name={self.name!r}, rules={len(self.rules)}, table={len(self.table)})"

    def __post_init__(self) -> None:
        self._total = sum(self.syllables.values()) or 1
        # Backoff for an unseen swap of diacritics on one base letter (ể read as ế): the mean
        # probability of the swaps that were seen, so each engine's habits set it.
        swaps = [math.exp(lp) for tc, outs in self.rules.items() if len(tc) == 1 for oc, lp in outs.items()
                 if len(oc) == 1 and oc != tc and _base(oc) == _base(tc)]  # fmt: skip
        self.same_base_lp = max(CHANNEL.floor, math.log(sum(swaps) / len(swaps))) if swaps else CHANNEL.floor
        for syl in sorted(self.syllables, key=lambda s: -self.syllables[s]):
            key = skeleton(syl)
            self._by_skeleton.setdefault(key, []).append(syl)
        self._skeleton_freq = {
            k: sum(self.syllables[s] for s in v) for k, v in self._by_skeleton.items()
        }
        for key in self._by_skeleton:
            for d in deletes(key, _depth(key)):
                self._index.setdefault(d, []).append(key)
        self.logp = lru_cache(maxsize=200_000)(self._logp)  # type: ignore[method-assign]
        self.candidates = lru_cache(maxsize=100_000)(self._candidates)  # type: ignore[method-assign]
        self.prior_readings = lru_cache(maxsize=100_000)(self._prior_readings)
        self.wide_readings = lru_cache(maxsize=100_000)(self._wide_readings)
        self._frequent: dict[str, list[str]] | None = None

    def frequency_logp(self, syl: str) -> float:
        """ln of the syllable's add-one corpus frequency: the prior that ranks readings."""
        return math.log((self.syllables.get(syl, 0) + 1) / self._total)

    def is_syllable_shape(self, token: str) -> bool:
        """True when the token, without diacritics, spells some valid syllable (DA: đã, da, ...)."""
        return skeleton(token) in self._by_skeleton

    # -- scoring -------------------------------------------------------------------------
    def char_logp(self, obs: str, true: str) -> float:
        """Viterbi log P(obs | true) under the character rewrite rules."""
        n, m = len(true), len(obs)
        neg = -1e9
        rules = self.rules
        same = self.same_base_lp
        best = [[neg] * (m + 1) for _ in range(n + 1)]
        best[0][0] = 0.0
        ochunks = [[obs[j : j + b] for b in range(min(MAX_OBS, m - j) + 1)] for j in range(m + 1)]
        for i in range(n + 1):
            row = best[i]
            tch = [(a, true[i : i + a]) for a in range(min(MAX_TRUE, n - i) + 1)]
            for a, tc in tch:
                tab = rules.get(tc) or {}
                nxt = best[i + a]
                for j in range(m + 1):
                    cur = row[j]
                    if cur <= neg:
                        continue
                    for b, oc in enumerate(ochunks[j]):
                        if a + b == 0:
                            continue
                        lp = tab.get(oc)
                        if lp is None:
                            if a == 1 and b == 1:
                                if tc == oc:
                                    lp = -0.05
                                elif _base(tc) == _base(oc):
                                    lp = same
                                else:
                                    # A mark never seen (¢, §) read for a letter: a smudge, not a letter.
                                    lp = CHANNEL.floor if oc.isalnum() else CHANNEL.junk
                            elif a + b == 1:
                                lp = CHANNEL.floor
                            else:
                                continue
                        v = cur + lp
                        if v > nxt[j + b]:
                            nxt[j + b] = v
        return best[n][m]

    def _logp(self, obs: str, true: str) -> float:
        lp = self.char_logp(obs, true)
        c_true = self.true_counts.get(true, 0)
        c_pair = self.table.get(obs, {}).get(true, 0)
        if c_true and c_pair:
            return math.log((1 - CHANNEL.table_weight) * math.exp(lp) + CHANNEL.table_weight * c_pair / c_true)
        return lp

    # -- candidates ------------------------------------------------------------------------
    def _candidates(self, obs: str, k: int = 8) -> tuple[tuple[str, float], ...]:
        """Up to ``k`` (true syllable, log P(obs | true)) for an observed token (model form)."""
        hit = self.cache.get(obs)
        if hit is not None:
            return hit
        return _shortlist(self._pool_scores(obs), self.syllables, self._total, k)

    def _prior_readings(self, obs: str, n: int) -> tuple[tuple[str, float], ...]:
        """The ``n`` best (syllable, log P(obs | syllable)) by the channel times the syllable's
        corpus frequency (the full prior, where ``candidates`` ranks with a weak one).

        The English model drops marks freely, so a rare syllable that differs from the token only
        by its marks ("cún", "dìm") costs nothing and fills ``candidates``; a frequent syllable
        that also changes a letter ("cán" read "cin", "đảm" read "dim", "chất" read "chit") costs
        a few nats and falls out.  These readings put it back in front of the LM."""
        scored = self._pool_scores(obs, CHANNEL.prior_pool_size)
        best = max((lp for _, lp in scored), default=0.0)
        ranked = sorted(scored, key=lambda x: -(x[1] + self.frequency_logp(x[0])))
        return tuple((s, lp) for s, lp in ranked[:n] if lp > best - CHANNEL.prune)

    def _wide_readings(self, obs: str, n: int) -> tuple[tuple[str, float], ...]:
        """The ``n`` best (syllable, log P(obs | syllable)) by the channel times the corpus
        frequency, over the frequent syllables whose skeletons are up to
        ``CHANNEL.wide_distance`` edits from the token's.

        The pools above reach two edits at most and fill up with the nearest skeletons first;
        at 150 dpi the English model garbles a syllable further ("thyte" for "thực", "neéng"
        for "tướng", "chtre" for "chức": three edits on the skeleton), and the true reading
        never reaches the LM.  Only the frequent syllables are searched, so a lookup stays a
        few hundred scorings."""
        key = skeleton(obs)
        if len(key) < CHANNEL.wide_min_key:
            return ()
        if self._frequent is None:
            self._frequent = {}
            for syl in sorted(self.syllables, key=lambda s: -self.syllables[s])[: CHANNEL.wide_syllables]:
                self._frequent.setdefault(skeleton(syl), []).append(syl)
        hits = _fuzz.extract(key, list(self._frequent), scorer=_Lev.distance,
                             score_cutoff=CHANNEL.wide_distance, limit=None)  # fmt: skip
        scored = [(syl, self.logp(obs, syl)) for k, _, _ in hits for syl in self._frequent[k]]
        return tuple(sorted(scored, key=lambda x: -(x[1] + self.frequency_logp(x[0])))[:n])

    def _pool_scores(self, obs: str, size: int = 0) -> list[tuple[str, float]]:
        """(syllable, log P(obs | syllable)) over the syllables near the token: those training
        saw it stand for, then those whose skeletons are closest."""
        pool: dict[str, int] = {t: 0 for t in self.table.get(obs, {})}
        # A horn read as an apostrophe after the letters ("cit’" for "cứ", where training saw
        # "cit" and "ci’"): what training saw the letters alone stand for is in the pool too.
        bare = obs.rstrip("’'‘`")
        if bare != obs:
            pool.update((t, 0) for t in self.table.get(bare, {}) if t not in pool)
        key = skeleton(obs)
        if key:
            near: set[str] = set()
            for d in deletes(key, _depth(key)):
                near.update(self._index.get(d, ()))
            dist = {s: edit_distance(key, s) for s in near}
            # Closest skeletons first, then those sharing the first letter, then the frequent:
            # this bounds the Viterbi scorings without losing the likely readings.
            ranked = sorted(
                (s for s in near if dist[s] <= _depth(key)),
                key=lambda s: (dist[s], s[:1] != key[:1], -self._skeleton_freq[s]),
            )
            for s in ranked:
                for syl in self._by_skeleton[s][:14]:
                    pool.setdefault(syl, dist[s])
                if len(pool) >= (size or self.pool_size):
                    break
        return [(syl, self.logp(obs, syl)) for syl in pool if syl in self.syllables]

    # -- persistence ---------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write the model as gzipped JSON (atomic)."""
        from pipeline.io import atomic_write_bytes

        data = {"name": self.name, "rules": self.rules, "table": self.table,
                "true_counts": self.true_counts, "syllables": self.syllables,
                "cache": {o: [[t, round(lp, 3)] for t, lp in c] for o, c in self.cache.items()},
                "pool_size": self.pool_size}  # fmt: skip
        atomic_write_bytes(path, gzip.compress(json.dumps(data, ensure_ascii=False).encode(), 9))

    @classmethod
    def load(cls, path: str | Path) -> ChannelModel:
        """Read a model written by ``save``."""
        with gzip.open(path, "rt", encoding="utf-8") as f:
            data = json.load(f)
        cache = {o: tuple((t, lp) for t, lp in c) for o, c in data.get("cache", {}).items()}
        return cls(
            data["rules"],
            data["table"],
            data["true_counts"],
            data["syllables"],
            data.get("name", ""),
            cache,
            int(data.get("pool_size", CHANNEL.pool_size)),
        )

    def precompute(self, tokens: Iterable[str]) -> None:
        """Store the candidate shortlists of frequent observed tokens in the model (``cache``)."""
        for obs in tokens:
            self.cache[obs] = self._candidates(obs)


class UnsureChannel:
    """P(obs | true) for a word the OCR engine was unsure of: the all-token channel mixed with
    one trained only on unsure tokens, where misreadings are common rather than rare.

    Tesseract ``vie`` gets 0.8 % of the words it is sure of wrong but 20-87 % of those below 0.8
    confidence, and it garbles those differently (letters, not marks): the all-token channel
    prices "hương" for "lương" like a rare accident.  Syllables and token table are ``base``'s.
    """

    def __init__(self, base: ChannelModel, unsure: ChannelModel, weight: float, k: int = 12) -> None:
        self.base, self.unsure, self.weight, self.k = base, unsure, weight, k
        self.logp = lru_cache(maxsize=200_000)(self._logp)
        self.candidates = lru_cache(maxsize=100_000)(self._candidates)

    @property
    def syllables(self) -> dict[str, int]:
        """The base channel's syllable list."""
        return self.base.syllables

    @property
    def table(self) -> dict[str, dict[str, int]]:
        """The base channel's token table."""
        return self.base.table

    def frequency_logp(self, syl: str) -> float:
        """As ``ChannelModel.frequency_logp``."""
        return self.base.frequency_logp(syl)

    def is_syllable_shape(self, token: str) -> bool:
        """As ``ChannelModel.is_syllable_shape``."""
        return self.base.is_syllable_shape(token)

    def _logp(self, obs: str, true: str) -> float:
        w = self.weight
        return math.log((1 - w) * math.exp(self.base.logp(obs, true)) + w * math.exp(self.unsure.logp(obs, true)))

    def _candidates(self, obs: str) -> tuple[tuple[str, float], ...]:
        pool = {s for s, _ in self.base.candidates(obs)} | {s for s, _ in self.unsure.candidates(obs, 24)}
        scored = [(s, self.logp(obs, s)) for s in pool]
        return _shortlist(scored, self.base.syllables, self.base._total, self.k)


def _shortlist(
    scored: list[tuple[str, float]], syllables: dict[str, int], total: int, k: int
) -> tuple[tuple[str, float], ...]:
    """The ``k`` best (syllable, log P(obs | syllable)), none more than ``CHANNEL.prune`` below the best.

    Ranked with a weak frequency prior so that rare look-alikes do not crowd out common words.
    """
    scored = sorted(scored, key=lambda x: -(x[1] + CHANNEL.prior_weight * math.log((syllables.get(x[0], 0) + 1) / total)))
    best = max((lp for _, lp in scored), default=0.0)
    return tuple((s, lp) for s, lp in scored[:k] if lp > best - CHANNEL.prune)


@lru_cache(maxsize=4096)
def _base(ch: str) -> str:
    return loose(ch)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance of two strings."""
    return int(_Lev.distance(a, b))


def count_rules(
    pairs: Iterable[tuple[str, str, int]],
) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    """Count chunk rewrites (windows of 1-2 aligned edit operations) over (true, obs, count)."""
    rewrites: dict[tuple[str, str], int] = {}
    chunk_totals: dict[str, int] = {}
    for true, obs, n in pairs:
        ops = align_chars(true, obs)
        for w in (1, 2):
            for s in range(len(ops) - w + 1):
                win = ops[s : s + w]
                tc = "".join(t for t, _ in win)
                oc = "".join(o for _, o in win)
                if len(tc) > MAX_TRUE or len(oc) > MAX_OBS or (not tc and not oc):
                    continue
                rewrites[(tc, oc)] = rewrites.get((tc, oc), 0) + n
        # Denominators: how often each true chunk occurs (insertions: per position).
        for a in (1, 2):
            for s in range(len(true) - a + 1):
                chunk_totals[true[s : s + a]] = chunk_totals.get(true[s : s + a], 0) + n
        chunk_totals[""] = chunk_totals.get("", 0) + (len(true) + 1) * n
    return rewrites, chunk_totals


def estimate_rules(
    rewrites: dict[tuple[str, str], int], chunk_totals: dict[str, int], min_count: int = 2
) -> dict[str, dict[str, float]]:
    """Turn rewrite counts into log P(obs chunk | true chunk), dropping rare rules."""
    rules: dict[str, dict[str, float]] = {}
    for (tc, oc), c in rewrites.items():
        if c < min_count:
            continue
        total = max(chunk_totals.get(tc, 0), c)
        rules.setdefault(tc, {})[oc] = round(math.log(c / total), 3)
    return rules
